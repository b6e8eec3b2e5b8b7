//! Complaints about registration institutions' registration acts (YX-R §25(二) 投诉举报: the
//! data authority coordinates and urges the departments concerned to handle complaints;
//! YN-D §57): received, referred, decided — each step with its time, only digests on chain.

use super::*;
use crate::{
	Complainant, Complaint, ComplaintDecision, ComplaintOutcome, ComplaintReferral,
	ComplaintReferralRecord, ComplaintStatus, Complaints, Error, InstitutionComplaints,
	NextComplaintId, OpenComplaints, MAX_OPEN_COMPLAINTS,
};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

type Inst = crate::Pallet<Test>;

const CONTENT: [u8; 32] = [0xc0; 32];
const DECISION: [u8; 32] = [0xd0; 32];
/// County authority of Hongta (appointed in the tests that need it).
const HT_AUTH: u64 = 62;

/// YX-R §25(二): a real-name person's complaint about the Hongta institution is received,
/// referred to the institution and upheld by the Yuxi city authority; each step is recorded
/// with its time and announced, and the upheld complaint stays listed under the institution.
#[test]
fn lodge_refer_uphold_complaint_records_each_step_yx_r_25() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::lodge_complaint(signed(PERSON), hongta(), CONTENT));
		has_event(Event::ComplaintReceived {
			id: 0,
			institution: hongta(),
			complainant: Complainant::RealName(PERSON),
			content: CONTENT,
			at: noon(TODAY),
		});
		assert_eq!(NextComplaintId::<Test>::get(), 1);
		assert_eq!(OpenComplaints::<Test>::get(PERSON), Some(1));
		assert_eq!(
			InstitutionComplaints::<Test>::get(hongta(), 0),
			Some(ComplaintStatus::Received)
		);

		set_today(TODAY + 2);
		assert_ok!(Inst::refer_complaint(signed(YUXI_CA), 0, ComplaintReferral::Institution));
		has_event(Event::ComplaintReferred {
			id: 0,
			institution: hongta(),
			to: ComplaintReferral::Institution,
			at: noon(TODAY + 2),
			by: Some(YUXI_CA),
		});
		assert_eq!(
			InstitutionComplaints::<Test>::get(hongta(), 0),
			Some(ComplaintStatus::Referred)
		);

		set_today(TODAY + 9);
		assert_ok!(Inst::decide_complaint(signed(YUXI_CA), 0, ComplaintOutcome::Upheld, DECISION));
		has_event(Event::ComplaintDecided {
			id: 0,
			institution: hongta(),
			outcome: ComplaintOutcome::Upheld,
			decision: DECISION,
			at: noon(TODAY + 9),
			by: Some(YUXI_CA),
		});
		assert_eq!(
			Complaints::<Test>::get(0),
			Some(Complaint {
				institution: hongta(),
				complainant: Complainant::RealName(PERSON),
				content: CONTENT,
				received_at: noon(TODAY),
				referral: Some(ComplaintReferralRecord {
					to: ComplaintReferral::Institution,
					at: noon(TODAY + 2),
					by: Some(YUXI_CA),
				}),
				decision: Some(ComplaintDecision {
					outcome: ComplaintOutcome::Upheld,
					decision: DECISION,
					at: noon(TODAY + 9),
					by: Some(YUXI_CA),
				}),
			})
		);
		// YX-R §25: visible for the institution's supervision; the open place is freed.
		assert_eq!(InstitutionComplaints::<Test>::get(hongta(), 0), Some(ComplaintStatus::Upheld));
		assert_eq!(OpenComplaints::<Test>::get(PERSON), None);
	});
}

/// YX-R §25(二): a data authority records a complaint it received off chain (the province
/// authority, the city authority for its city's own institution, the county authority for its
/// county's); a subject's account lodges one as a real-name participant; a complaint may be
/// referred to a department §25 names, or decided without referral, and dismissed.
#[test]
fn complaint_recorded_by_authority_or_subject_referred_or_dismissed_yx_r_25() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::set_county_authority(root(), HT_AUTH, hongta()));
		assert_ok!(Inst::lodge_complaint(root(), kunming(), CONTENT));
		assert_ok!(Inst::lodge_complaint(signed(YUXI_CA), yuxi(), [1; 32]));
		assert_ok!(Inst::lodge_complaint(signed(HT_AUTH), hongta(), [2; 32]));
		assert_ok!(Inst::lodge_complaint(signed(SUBJ), yuxi(), [3; 32]));
		let complainants: Vec<_> =
			(0..4).map(|id| Complaints::<Test>::get(id).unwrap().complainant).collect();
		assert_eq!(
			complainants,
			vec![
				Complainant::Authority(None),
				Complainant::Authority(Some(YUXI_CA)),
				Complainant::Authority(Some(HT_AUTH)),
				Complainant::RealName(SUBJ),
			]
		);
		// Authority-recorded complaints take no real-name place.
		assert_eq!(OpenComplaints::<Test>::iter().collect::<Vec<_>>(), vec![(SUBJ, 1)]);

		assert_ok!(Inst::refer_complaint(root(), 0, ComplaintReferral::Cyberspace));
		assert_ok!(Inst::refer_complaint(signed(HT_AUTH), 2, ComplaintReferral::IndustryRegulator));
		assert_eq!(
			Complaints::<Test>::get(2).unwrap().referral.map(|r| (r.to, r.by)),
			Some((ComplaintReferral::IndustryRegulator, Some(HT_AUTH)))
		);
		// Decided without a referral, and dismissed.
		assert_ok!(Inst::decide_complaint(root(), 3, ComplaintOutcome::Dismissed, DECISION));
		assert_eq!(InstitutionComplaints::<Test>::get(yuxi(), 3), Some(ComplaintStatus::Dismissed));
		assert_eq!(Complaints::<Test>::get(3).unwrap().referral, None);
		assert_eq!(OpenComplaints::<Test>::get(SUBJ), None);
		// Listed per institution.
		let yuxi_list: Vec<_> = InstitutionComplaints::<Test>::iter_prefix(yuxi()).collect();
		assert_eq!(yuxi_list.len(), 2);
		assert_eq!(
			InstitutionComplaints::<Test>::get(kunming(), 0),
			Some(ComplaintStatus::Referred)
		);
	});
}

/// YX-R §25, §22: who may not lodge a complaint, and about what; each refusal is typed and
/// changes nothing.
#[test]
fn lodge_complaint_refusals_are_typed_yx_r_25() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::set_county_authority(root(), HT_AUTH, hongta()));
		// Not a real-name participant (YX-R §22) and no authority.
		assert_noop!(
			Inst::lodge_complaint(signed(STRANGER), hongta(), CONTENT),
			Error::<Test>::ComplainantNotRealName
		);
		// An operator is not, as such, a real-name participant.
		assert_noop!(
			Inst::lodge_complaint(signed(YUXI_OP), hongta(), CONTENT),
			Error::<Test>::ComplainantNotRealName
		);
		assert_noop!(
			Inst::lodge_complaint(signed(PERSON), jiangchuan(), CONTENT),
			Error::<Test>::InstitutionNotFound
		);
		// An authority records complaints about the institutions it supervises only.
		assert_noop!(
			Inst::lodge_complaint(signed(KM_CA), hongta(), CONTENT),
			Error::<Test>::OutsideCityAuthority
		);
		assert_noop!(
			Inst::lodge_complaint(signed(HT_AUTH), yuxi(), CONTENT),
			Error::<Test>::OutsideCountyAuthority
		);
		assert_noop!(
			Inst::lodge_complaint(RuntimeOrigin::none(), hongta(), CONTENT),
			DispatchError::BadOrigin
		);
		// Bounded: at most MAX_OPEN_COMPLAINTS undecided complaints per real-name account.
		for i in 0..MAX_OPEN_COMPLAINTS {
			assert_ok!(Inst::lodge_complaint(signed(PERSON), hongta(), [i as u8; 32]));
		}
		assert_noop!(
			Inst::lodge_complaint(signed(PERSON), hongta(), CONTENT),
			Error::<Test>::TooManyOpenComplaints
		);
		// A decision frees a place.
		assert_ok!(Inst::decide_complaint(root(), 0, ComplaintOutcome::Dismissed, DECISION));
		assert_ok!(Inst::lodge_complaint(signed(PERSON), hongta(), CONTENT));
		assert_eq!(OpenComplaints::<Test>::get(PERSON), Some(MAX_OPEN_COMPLAINTS));
	});
}

/// YX-R §25: who may not refer or decide, and when; each refusal is typed and changes
/// nothing. A decision is final.
#[test]
fn refer_and_decide_complaint_refusals_are_typed_yx_r_25() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::lodge_complaint(signed(PERSON), hongta(), CONTENT));
		let to = ComplaintReferral::Institution;
		assert_noop!(Inst::refer_complaint(root(), 1, to), Error::<Test>::ComplaintNotFound);
		assert_noop!(Inst::refer_complaint(signed(PERSON), 0, to), Error::<Test>::NotDataAuthority);
		assert_noop!(
			Inst::refer_complaint(signed(KM_CA), 0, to),
			Error::<Test>::OutsideCityAuthority
		);
		assert_noop!(
			Inst::decide_complaint(root(), 1, ComplaintOutcome::Upheld, DECISION),
			Error::<Test>::ComplaintNotFound
		);
		assert_noop!(
			Inst::decide_complaint(signed(YUXI_OP), 0, ComplaintOutcome::Upheld, DECISION),
			Error::<Test>::NotDataAuthority
		);
		assert_noop!(
			Inst::decide_complaint(signed(KM_CA), 0, ComplaintOutcome::Upheld, DECISION),
			Error::<Test>::OutsideCityAuthority
		);
		assert_ok!(Inst::refer_complaint(root(), 0, ComplaintReferral::Finance));
		assert_noop!(
			Inst::refer_complaint(signed(YUXI_CA), 0, ComplaintReferral::StateAssets),
			Error::<Test>::ComplaintAlreadyReferred
		);
		assert_ok!(Inst::decide_complaint(root(), 0, ComplaintOutcome::Upheld, DECISION));
		assert_noop!(
			Inst::decide_complaint(root(), 0, ComplaintOutcome::Dismissed, DECISION),
			Error::<Test>::ComplaintAlreadyDecided
		);
		assert_ok!(Inst::lodge_complaint(signed(PERSON), hongta(), CONTENT));
		assert_ok!(Inst::decide_complaint(root(), 1, ComplaintOutcome::Dismissed, DECISION));
		assert_noop!(
			Inst::refer_complaint(root(), 1, ComplaintReferral::GovernmentServices),
			Error::<Test>::ComplaintAlreadyDecided
		);
	});
}

/// YX-R §25 sets no deadline for handling a complaint (YN-D §57: "及时处理", promptly, without
/// a number of days), so none is enforced: a complaint is referred and decided whenever the
/// authority acts, also about an institution disqualified meanwhile, and the record keeps each
/// step's time for the supervision.
#[test]
fn complaint_has_no_deadline_and_keeps_each_time_yx_r_25() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::lodge_complaint(signed(PERSON), hongta(), CONTENT));
		assert_ok!(Inst::disqualify_institution(root(), hongta()));
		set_today(TODAY + 400);
		assert_ok!(Inst::refer_complaint(
			signed(YUXI_CA),
			0,
			ComplaintReferral::GovernmentServices
		));
		set_today(TODAY + 800);
		assert_ok!(Inst::decide_complaint(signed(YUXI_CA), 0, ComplaintOutcome::Upheld, DECISION));
		let c = Complaints::<Test>::get(0).unwrap();
		assert_eq!(c.received_at, noon(TODAY));
		assert_eq!(c.referral.unwrap().at, noon(TODAY + 400));
		assert_eq!(c.decision.unwrap().at, noon(TODAY + 800));
		// Complaints about a disqualified institution's past acts are still received.
		assert_ok!(Inst::lodge_complaint(signed(PERSON), hongta(), CONTENT));
	});
}

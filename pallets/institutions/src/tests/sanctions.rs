//! Sanctions on registration institutions (YX-R §26; YN-D §63): the ground (一)–(五), the measure
//! and the decision digest are recorded; only a suspension or a disqualification changes status.

use super::*;
use crate::{
	Error, Institutions, SanctionCount, SanctionGround, SanctionMeasure, SanctionRecord, Sanctions,
	ValidatorSetOutdated,
};
use dengji_primitives::{
	institution::InstitutionStatus,
	traits::{AccessError, Clock, Directory},
};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

type Inst = crate::Pallet<Test>;

const DECISION: [u8; 32] = [0xd5; 32];

/// YX-R §26: 约谈 (interview) and 现场指导 (on-site guidance) are recorded with their ground and
/// decision digest, and the institution stays active: its operators keep working, the validator
/// set is untouched.
#[test]
fn sanction_interview_records_ground_and_keeps_institution_active() {
	ExtBuilder::default().build_and_execute(|| {
		let now = <Test as crate::Config>::Clock::now();
		assert_ok!(Inst::sanction(
			root(),
			yuxi(),
			SanctionGround::ImproperPerformance,
			SanctionMeasure::Interview,
			DECISION
		));
		assert_ok!(Inst::sanction(
			signed(YUXI_CA),
			hongta(),
			SanctionGround::FalseRegistration,
			SanctionMeasure::OnSiteGuidance,
			[2; 32]
		));
		for d in [yuxi(), hongta()] {
			assert_eq!(Institutions::<Test>::get(d).unwrap().status, InstitutionStatus::Active);
		}
		assert!(!ValidatorSetOutdated::<Test>::get());
		assert_eq!(Inst::ensure_operator(&YUXI_OP, yuxi()), Ok(()));
		assert_eq!(Inst::ensure_operator(&HT_OP, hongta()), Ok(()));
		assert_eq!(
			Sanctions::<Test>::get(yuxi(), 0),
			Some(SanctionRecord {
				ground: SanctionGround::ImproperPerformance,
				measure: SanctionMeasure::Interview,
				decision: DECISION,
				at: now,
				by: None,
			})
		);
		assert_eq!(Sanctions::<Test>::get(hongta(), 0).unwrap().by, Some(YUXI_CA));
		assert_eq!(SanctionCount::<Test>::get(yuxi()), 1);
		has_event(Event::InstitutionSanctioned {
			division: hongta(),
			index: 0,
			ground: SanctionGround::FalseRegistration,
			measure: SanctionMeasure::OnSiteGuidance,
			decision: [2; 32],
			by: Some(YUXI_CA),
		});
		assert!(!System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Institutions(Event::InstitutionSuspended { .. })
		)));
		// A second decision on the same institution gets the next index; the first stays.
		assert_ok!(Inst::sanction(
			root(),
			yuxi(),
			SanctionGround::OtherViolation,
			SanctionMeasure::OnSiteGuidance,
			[3; 32]
		));
		assert_eq!(SanctionCount::<Test>::get(yuxi()), 2);
		assert_eq!(Sanctions::<Test>::get(yuxi(), 0).unwrap().decision, DECISION);
		assert_eq!(Sanctions::<Test>::get(yuxi(), 1).unwrap().decision, [3; 32]);
		// A suspended institution may still be interviewed.
		assert_ok!(Inst::suspend_institution(root(), kunming()));
		assert_ok!(Inst::sanction(
			root(),
			kunming(),
			SanctionGround::ImproperPerformance,
			SanctionMeasure::Interview,
			DECISION
		));
		assert_eq!(
			Institutions::<Test>::get(kunming()).unwrap().status,
			InstitutionStatus::Suspended
		);
	});
}

/// YX-R §26: a suspension and a 取消资格 (disqualification) do what `suspend_institution` and
/// `disqualify_institution` do, with the ground and decision recorded.
#[test]
fn sanction_suspension_and_disqualification_change_status_as_the_old_calls() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::sanction(
			signed(YUXI_CA),
			hongta(),
			SanctionGround::InformationLeak,
			SanctionMeasure::Suspension,
			DECISION
		));
		assert_eq!(
			Institutions::<Test>::get(hongta()).unwrap().status,
			InstitutionStatus::Suspended
		);
		has_event(Event::InstitutionSuspended { division: hongta() });
		assert!(ValidatorSetOutdated::<Test>::get());
		assert_eq!(Inst::ensure_operator(&HT_OP, hongta()), Err(AccessError::InstitutionNotActive));
		assert_ok!(Inst::reinstate_institution(signed(YUXI_CA), hongta()));

		assert_ok!(Inst::sanction(
			root(),
			hongta(),
			SanctionGround::CertificateTampering,
			SanctionMeasure::Disqualification,
			[9; 32]
		));
		let r = Institutions::<Test>::get(hongta()).unwrap();
		assert_eq!(r.status, InstitutionStatus::Disqualified);
		assert_eq!((r.validator, r.peer_id), (None, None));
		assert_eq!(MockAllowList::take(), vec![(false, hongta(), vec![HT_VAL as u8; 38])]);
		has_event(Event::InstitutionDisqualified { division: hongta() });
		has_event(Event::InstitutionSanctioned {
			division: hongta(),
			index: 1,
			ground: SanctionGround::CertificateTampering,
			measure: SanctionMeasure::Disqualification,
			decision: [9; 32],
			by: None,
		});
		assert_eq!(SanctionCount::<Test>::get(hongta()), 2);
	});
}

/// YX-R §26, §7 ¶2: refusals are typed and change nothing: unknown or disqualified institution,
/// suspending a suspended one, an account that is no authority, a city authority outside its
/// counties, an unsigned origin.
#[test]
fn sanction_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		let g = SanctionGround::ImproperPerformance;
		use SanctionMeasure::*;
		assert_noop!(
			Inst::sanction(root(), div(530300), g, Interview, DECISION),
			Error::<Test>::InstitutionNotFound
		);
		assert_noop!(
			Inst::sanction(signed(STRANGER), hongta(), g, Interview, DECISION),
			Error::<Test>::NotCityAuthority
		);
		assert_noop!(
			Inst::sanction(signed(KM_CA), hongta(), g, Suspension, DECISION),
			Error::<Test>::OutsideCityAuthority
		);
		// YN-D §63: another city's institution (its own city's is its to sanction).
		assert_noop!(
			Inst::sanction(signed(YUXI_CA), kunming(), g, Interview, DECISION),
			Error::<Test>::OutsideCityAuthority
		);
		assert_noop!(
			Inst::sanction(RuntimeOrigin::none(), hongta(), g, Interview, DECISION),
			DispatchError::BadOrigin
		);
		assert_ok!(Inst::suspend_institution(root(), hongta()));
		assert_noop!(
			Inst::sanction(root(), hongta(), g, Suspension, DECISION),
			Error::<Test>::InstitutionNotActive
		);
		assert_ok!(Inst::disqualify_institution(root(), hongta()));
		for m in [Interview, OnSiteGuidance, Suspension, Disqualification] {
			assert_noop!(
				Inst::sanction(root(), hongta(), g, m, DECISION),
				Error::<Test>::InstitutionDisqualified
			);
		}
		assert_eq!(SanctionCount::<Test>::get(hongta()), 0);
	});
}

//! The business review (YX-R §14, §15, Q21), the materials by kind (YX-R §18 ¶1, §19 ¶2, Q34),
//! a change on a suspended agreement (YX-R §19, YX-AO §35) and the agreement's filing
//! (YX-AO §16 ¶2).

use super::*;
use crate::{
	AgreementFiling, AgreementStatus, Agreements, Applications, BusinessReview, Error,
	MaterialKind, TypedMaterial,
};
use dengji_primitives::{BoundedName, ObjectKind, Uscc};
use frame_support::{assert_noop, assert_ok};

/// A reviewing body (a city-level government body's USCC), valid under GB 32100.
fn reviewer() -> Uscc {
	(0..100u8)
		.find_map(|k| {
			let mut first17 = *b"11530400MB0000000";
			first17[15] = b'0' + k / 10;
			first17[16] = b'0' + k % 10;
			let c = Uscc::check_character(&first17)?;
			let mut raw = first17.to_vec();
			raw.push(c);
			Uscc::from_bytes(&raw).ok().filter(|u| *u != subject())
		})
		.expect("a valid USCC")
}

fn submitted_at(id: ApplicationId) -> u64 {
	Applications::<Test>::get(id).expect("application").submitted_at
}

fn review_as(who: AccountId, id: ApplicationId, by: Uscc, at: u64) -> DispatchResult {
	Registration::record_business_review(RuntimeOrigin::signed(who), id, by, [40u8; 32], at)
}

/// Every kind YX-R §18 ¶1 requires of a first registration, one digest each.
fn first_time_materials() -> Vec<TypedMaterial> {
	MaterialKind::required_for(crate::ApplicationKind::FirstTime)
		.iter()
		.enumerate()
		.map(|(i, kind)| TypedMaterial { kind: *kind, digest: [50 + i as u8; 32] })
		.collect()
}

/// Every kind the measures require for `kind`, one digest each (from `seed`).
fn materials_for(kind: crate::ApplicationKind, seed: u8) -> Vec<TypedMaterial> {
	MaterialKind::required_for(kind)
		.iter()
		.enumerate()
		.map(|(i, k)| TypedMaterial { kind: *k, digest: [seed + i as u8; 32] })
		.collect()
}

fn declare_as(who: AccountId, id: ApplicationId, m: Vec<TypedMaterial>) -> DispatchResult {
	Registration::declare_materials(RuntimeOrigin::signed(who), id, m)
}

fn record_agreement(operator: Uscc) -> u64 {
	let id = crate::NextAgreementId::<Test>::get();
	assert_ok!(Registration::record_agreement(
		RuntimeOrigin::root(),
		BoundedName::try_from("玉溪市红塔区人民政府".as_bytes().to_vec()).expect("short"),
		operator,
		noon(date(2026, 1, 1)),
		noon(date(2029, 1, 1)),
		[30u8; 32]
	));
	id
}

/// YX-R §14 "一般按照业务审核、申请…", §15 "登记主体完成业务审核后…提出登记申请", Q21: the
/// subject (or its agent) records who reviewed, the digest of the attestation and when the
/// review was completed (not after the application); it stays on the application beside the
/// approval decision.
#[test]
fn business_review_is_recorded_with_reviewer_attestation_and_time() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		let at = submitted_at(id);
		assert_ok!(review_as(SUBJECT, id, reviewer(), at - 1_000));
		let review = BusinessReview {
			reviewer: reviewer(),
			attestation: [40u8; 32],
			reviewed_at: at - 1_000,
			recorded_at: pallet_timestamp::Now::<Test>::get(),
		};
		System::assert_last_event(Event::BusinessReviewRecorded { application: id, review }.into());
		// The agent with a power to apply may replace it; a review completed at the moment of
		// the application counts.
		assert_ok!(review_as(AGENT, id, reviewer(), at));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		run_to_day(publicity_end(id) + 1);
		assert_ok!(approve_as(COUNTY_OPERATOR, id));
		let app = Applications::<Test>::get(id).expect("application");
		assert_eq!(app.decision, Some([9u8; 32]));
		let kept = app.business_review.expect("kept on the decided application");
		assert_eq!(
			(kept.reviewer, kept.attestation, kept.reviewed_at),
			(reviewer(), [40u8; 32], at)
		);
	});
}

/// YX-R §14, §15, Q21: bad input is refused with a typed error and changes nothing.
#[test]
fn business_review_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let id = submit_default();
		let at = submitted_at(id);
		assert_noop!(review_as(SUBJECT, 999, reviewer(), at), Error::<Test>::ApplicationNotFound);
		assert_noop!(review_as(STRANGER, id, reviewer(), at), Error::<Test>::NotSubjectOrAgent);
		assert_noop!(review_as(REBUT_AGENT, id, reviewer(), at), Error::<Test>::NotSubjectOrAgent);
		// The subject does not review itself; a USCC failing its check is no reviewer.
		assert_noop!(review_as(SUBJECT, id, subject(), at), Error::<Test>::BadReviewer);
		let mut bad = *reviewer().as_bytes();
		bad[17] = if bad[17] == b'0' { b'1' } else { b'0' };
		let bad = codec::Decode::decode(&mut &bad[..]).expect("18 bytes");
		assert_noop!(review_as(SUBJECT, id, bad, at), Error::<Test>::BadReviewer);
		// YX-R §15: the review is completed before the application.
		assert_noop!(
			review_as(SUBJECT, id, reviewer(), at + 1),
			Error::<Test>::BusinessReviewAfterApplication
		);
		// A cancellation (YX-R §21) and an interested party's correction (YX-R §20) have no
		// business review.
		let cancellation = next_application();
		assert_ok!(Registration::submit_cancellation(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			dengji_primitives::certificate::CancellationGround::RightsAbandonedOrExpired,
			vec![[5u8; 32]]
		));
		assert_noop!(
			review_as(SUBJECT, cancellation, reviewer(), submitted_at(cancellation)),
			Error::<Test>::BusinessReviewNotApplicable
		);
		// Recorded before publicity only.
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		assert_noop!(review_as(SUBJECT, id, reviewer(), at), Error::<Test>::BusinessReviewClosed);
	});
}

/// YX-R §20: an interested party's correction needs no business review of the subject.
#[test]
fn business_review_not_applicable_to_interested_party_correction() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let id = next_application();
		assert_ok!(Registration::submit_correction(
			RuntimeOrigin::signed(OBJECTOR),
			reg,
			info("企业登记信息（更正）"),
			[21u8; 32]
		));
		assert_noop!(
			review_as(OBJECTOR, id, reviewer(), submitted_at(id)),
			Error::<Test>::BusinessReviewNotApplicable
		);
	});
}

/// YX-R §18 ¶1 (一)–(六), §19 ¶2 (一)–(三), §20 ¶2 (一)–(四), §21 ¶3 (一)–(三), Q34: the
/// materials are declared by kind and every kind the measures require for the type is there; a
/// renewal (§23 ¶2) has no list in the measures.
#[test]
fn materials_by_kind_follow_yx_r_18_and_19() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let id = submit_default();
		// (五) the no-dispute undertaking missing.
		let incomplete: Vec<_> = first_time_materials()
			.into_iter()
			.filter(|m| m.kind != MaterialKind::NoDisputeUndertaking)
			.collect();
		assert_noop!(declare_as(SUBJECT, id, incomplete), Error::<Test>::RequiredMaterialMissing);
		let mut complete = first_time_materials();
		complete.push(TypedMaterial { kind: MaterialKind::PowerOfAttorney, digest: [60u8; 32] });
		assert_ok!(declare_as(AGENT, id, complete.clone()));
		let stored = Applications::<Test>::get(id).expect("application").materials_by_kind;
		assert_eq!(stored.into_inner(), complete);
		System::assert_last_event(
			Event::MaterialsDeclared {
				application: id,
				materials: complete.clone().try_into().expect("bounded"),
			}
			.into(),
		);
		// A change needs its application form, the original certificate and identity proof.
		let change = next_application();
		assert_ok!(Registration::submit_change(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			info("企业登记信息（变更）")
		));
		assert_noop!(declare_as(SUBJECT, change, complete), Error::<Test>::RequiredMaterialMissing);
		let change_set = vec![
			TypedMaterial { kind: MaterialKind::ApplicationForm, digest: [70u8; 32] },
			TypedMaterial { kind: MaterialKind::OriginalCertificate, digest: [71u8; 32] },
			TypedMaterial { kind: MaterialKind::IdentityProof, digest: [72u8; 32] },
		];
		assert_ok!(declare_as(SUBJECT, change, change_set));
		// A cancellation: its application form, the original certificate, identity proof.
		let cancellation = next_application();
		assert_ok!(Registration::submit_cancellation(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			dengji_primitives::certificate::CancellationGround::RightsAbandonedOrExpired,
			vec![[5u8; 32]]
		));
		assert_noop!(
			declare_as(
				SUBJECT,
				cancellation,
				vec![TypedMaterial { kind: MaterialKind::Other, digest: [80u8; 32] }]
			),
			Error::<Test>::RequiredMaterialMissing
		);
		assert_ok!(declare_as(
			SUBJECT,
			cancellation,
			materials_for(crate::ApplicationKind::Cancellation, 80)
		));
		// A correction: application form, evidence, truthfulness undertaking, identity proof.
		use MaterialKind::*;
		assert_eq!(
			MaterialKind::required_for(crate::ApplicationKind::Correction),
			&[ApplicationForm, CorrectionEvidence, TruthfulnessUndertaking, IdentityProof]
		);
		assert_eq!(
			MaterialKind::required_for(crate::ApplicationKind::Cancellation),
			&[ApplicationForm, OriginalCertificate, IdentityProof]
		);
		assert_eq!(
			MaterialKind::required_for(crate::ApplicationKind::Renewal),
			&[] as &[MaterialKind]
		);
	});
}

/// YX-R §16, §18 ¶1, Q34: bad declarations are refused with a typed error and change nothing;
/// the list is bounded by `MaxMaterials`.
#[test]
fn materials_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_noop!(
			declare_as(SUBJECT, 999, first_time_materials()),
			Error::<Test>::ApplicationNotFound
		);
		assert_noop!(
			declare_as(STRANGER, id, first_time_materials()),
			Error::<Test>::NotSubjectOrAgent
		);
		let mut dup = first_time_materials();
		dup.push(TypedMaterial { kind: MaterialKind::Other, digest: dup[0].digest });
		assert_noop!(declare_as(SUBJECT, id, dup), Error::<Test>::DuplicateMaterial);
		let mut many = first_time_materials();
		for i in 0..3u8 {
			many.push(TypedMaterial { kind: MaterialKind::Other, digest: [90 + i; 32] });
		}
		assert_eq!(many.len(), 9, "one more than MaxMaterials (8)");
		assert_noop!(declare_as(SUBJECT, id, many), Error::<Test>::TooManyMaterials);
		// YX-R §16: completed before acceptance (or on a deficiency notice).
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_noop!(
			declare_as(SUBJECT, id, first_time_materials()),
			Error::<Test>::MaterialsClosed
		);
		assert_ok!(Registration::request_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[3u8; 32]
		));
		assert_ok!(declare_as(SUBJECT, id, first_time_materials()));
	});
}

/// Registers a product under `a`; returns the registration.
fn registered_product(a: u64) -> u64 {
	let id = next_application();
	assert_ok!(Registration::submit_first_time(
		RuntimeOrigin::signed(SUBJECT),
		hongta(),
		subject(),
		ObjectKind::DataProductOrService,
		Some(a),
		info("数据产品"),
	));
	assert_ok!(accept_as(COUNTY_OPERATOR, id));
	assert_ok!(publish_as(COUNTY_OPERATOR, id));
	run_to_day(publicity_end(id) + 1);
	assert_ok!(approve_as(COUNTY_OPERATOR, id));
	let app = Applications::<Test>::get(id).expect("application");
	issue(app.certificate.expect("drafted"));
	app.registration.expect("registered")
}

/// YX-R §19, YX-AO §35: while the agreement behind a product is suspended, a change of it is
/// refused at submission (typed, nothing stored); once resumed, it is filed.
#[test]
fn change_of_product_on_suspended_agreement_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let a = record_agreement(subject());
		let reg = registered_product(a);
		assert_ok!(Registration::set_agreement_status(
			RuntimeOrigin::root(),
			a,
			AgreementStatus::Suspended,
			[1u8; 32]
		));
		assert_noop!(
			Registration::submit_change(
				RuntimeOrigin::signed(SUBJECT),
				reg,
				info("数据产品（变更）")
			),
			Error::<Test>::AgreementSuspended
		);
		assert_ok!(Registration::set_agreement_status(
			RuntimeOrigin::root(),
			a,
			AgreementStatus::Active,
			[1u8; 32]
		));
		assert_ok!(Registration::submit_change(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			info("数据产品（变更）")
		));
	});
}

/// The Yuxi city data authority's account.
const YUXI_AUTHORITY: AccountId = 50;

/// YX-AO §16 ¶2 "运营机构应当及时将…协议报本级数据主管部门备案": the filing with the city data
/// authority is recorded (where, the reference, when) by that authority or the data authority's
/// origin; refusals are typed and change nothing.
#[test]
fn agreement_filing_is_recorded_with_the_city_authority() {
	ExtBuilder::default().build_and_execute(|| {
		pallet_institutions::CityAuthorities::<Test>::insert(YUXI_AUTHORITY, yuxi());
		let a = record_agreement(subject());
		let file_as = |who: AccountId, division, reference| {
			Registration::record_agreement_filing(
				RuntimeOrigin::signed(who),
				a,
				division,
				reference,
			)
		};
		// Not the authority of that city, or not a city.
		assert_noop!(file_as(STRANGER, yuxi(), [1u8; 32]), Error::<Test>::NotFilingAuthority);
		assert_noop!(
			file_as(YUXI_AUTHORITY, kunming(), [1u8; 32]),
			Error::<Test>::NotFilingAuthority
		);
		assert_noop!(
			file_as(YUXI_AUTHORITY, hongta(), [1u8; 32]),
			Error::<Test>::NotFilingAuthority
		);
		assert_noop!(
			Registration::record_agreement_filing(
				RuntimeOrigin::signed(YUXI_AUTHORITY),
				42,
				yuxi(),
				[1u8; 32]
			),
			Error::<Test>::AgreementNotFound
		);
		assert_ok!(file_as(YUXI_AUTHORITY, yuxi(), [1u8; 32]));
		let filing = AgreementFiling {
			filed_with: yuxi(),
			reference: [1u8; 32],
			at: pallet_timestamp::Now::<Test>::get(),
		};
		assert_eq!(Agreements::<Test>::get(a).and_then(|x| x.filing), Some(filing));
		System::assert_last_event(
			Event::AgreementFiled { agreement: a, filing, by: Some(YUXI_AUTHORITY) }.into(),
		);
		// The data authority's origin may record it too (an amended agreement is filed again).
		assert_ok!(Registration::record_agreement_filing(
			RuntimeOrigin::root(),
			a,
			yuxi(),
			[2u8; 32]
		));
		System::assert_last_event(
			Event::AgreementFiled {
				agreement: a,
				filing: AgreementFiling { reference: [2u8; 32], ..filing },
				by: None,
			}
			.into(),
		);
		assert_ok!(Registration::set_agreement_status(
			RuntimeOrigin::root(),
			a,
			AgreementStatus::Terminated,
			[3u8; 32]
		));
		assert_noop!(file_as(YUXI_AUTHORITY, yuxi(), [4u8; 32]), Error::<Test>::AgreementNotActive);
	});
}

/// Files an interested party's correction of `reg` (YX-R §20) and accepts it; returns it.
fn party_correction(reg: u64) -> ApplicationId {
	let id = next_application();
	assert_ok!(Registration::submit_correction(
		RuntimeOrigin::signed(OBJECTOR),
		reg,
		info("企业登记信息（更正）"),
		[21u8; 32]
	));
	assert_ok!(accept_as(COUNTY_OPERATOR, id));
	id
}

fn respond_by(id: ApplicationId) -> dengji_primitives::DayIndex {
	Applications::<Test>::get(id).and_then(|a| a.subject_notice).expect("notified").respond_by.due
}

/// Q11, Q31 ("notify the subject, give 10 WD to respond, then run publicity"), YX-R §20: an
/// interested party's correction is notified to the subject with its time and a response
/// period of 10 WD; the subject (or its agent with a power to rebut) responds once; the
/// correction is published once it responded.
#[test]
fn subject_is_notified_of_a_correction_and_responds_before_publicity() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let today = pallet_calendar::Pallet::<Test>::today();
		let id = party_correction(reg);
		let due = <Calendar as dengji_primitives::traits::Clock>::add_working_days(today, 10);
		let notice = Applications::<Test>::get(id).and_then(|a| a.subject_notice).expect("notice");
		let now = pallet_timestamp::Now::<Test>::get();
		assert_eq!((notice.notified_at, notice.respond_by, notice.response), (now, due, None));
		System::assert_has_event(
			Event::CorrectionNotified {
				application: id,
				subject: subject(),
				at: now,
				respond_by: due.due,
				provisional: due.provisional,
			}
			.into(),
		);
		assert_noop!(publish_as(COUNTY_OPERATOR, id), Error::<Test>::ResponsePeriodRunning);
		// An agent with a power to rebut responds for the subject.
		assert_ok!(Registration::respond_to_correction(
			RuntimeOrigin::signed(REBUT_AGENT),
			id,
			[22u8; 32]
		));
		System::assert_last_event(
			Event::CorrectionResponded { application: id, response: [22u8; 32], at: now }.into(),
		);
		assert_noop!(respond_as_subject(id), Error::<Test>::AlreadyResponded);
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		run_to_day(publicity_end(id) + 1);
		assert_ok!(approve_as(COUNTY_OPERATOR, id));
		// The subject's own correction is not notified to itself.
		let own = next_application();
		assert_ok!(Registration::submit_correction(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			info("企业登记信息（自行更正）"),
			[23u8; 32]
		));
		assert!(Applications::<Test>::get(own).expect("filed").subject_notice.is_none());
		assert_noop!(respond_as_subject(own), Error::<Test>::NoCorrectionNotice);
	});
}

/// Q31: without a response, the correction is published the working day after the response
/// period's last day (inclusive); a response after it is refused. Refusals are typed and change
/// nothing.
#[test]
fn correction_is_published_after_the_response_period_lapses() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let id = party_correction(reg);
		assert_noop!(
			Registration::respond_to_correction(RuntimeOrigin::signed(STRANGER), id, [1u8; 32]),
			Error::<Test>::NotSubjectOrAgent
		);
		assert_noop!(
			Registration::respond_to_correction(RuntimeOrigin::signed(OBJECTOR), id, [1u8; 32]),
			Error::<Test>::NotSubjectOrAgent
		);
		assert_noop!(
			Registration::respond_to_correction(RuntimeOrigin::signed(SUBJECT), 999, [1u8; 32]),
			Error::<Test>::ApplicationNotFound
		);
		let due = respond_by(id);
		run_to_day(due);
		assert_noop!(publish_as(COUNTY_OPERATOR, id), Error::<Test>::ResponsePeriodRunning);
		run_to_day(due + 1);
		assert_noop!(respond_as_subject(id), Error::<Test>::ResponsePeriodOver);
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
	});
}

/// YX-R §15 "登记主体完成业务审核后…提出登记申请", §18 ¶1 and §19 ¶2 "应当提交下列材料": once the
/// data authority requires them, the institution accepts the subject's first registration only
/// with its business review recorded and its materials declared by kind (otherwise it issues
/// its deficiency notice); an interested party's correction and a cancellation need their
/// materials (§20 ¶2, §21 ¶3) but no business review; only the data authority sets the
/// requirements.
#[test]
fn intake_requirements_set_by_the_authority_gate_acceptance() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let both = crate::IntakeRequirements { business_review: true, materials_by_kind: true };
		assert_noop!(
			Registration::set_intake_requirements(RuntimeOrigin::signed(CITY_OPERATOR), both),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Registration::set_intake_requirements(RuntimeOrigin::root(), both));
		System::assert_last_event(Event::IntakeRequirementsSet { requirements: both }.into());
		let id = submit_default();
		assert_noop!(accept_as(COUNTY_OPERATOR, id), Error::<Test>::BusinessReviewMissing);
		assert_ok!(review_as(SUBJECT, id, reviewer(), submitted_at(id)));
		assert_noop!(accept_as(COUNTY_OPERATOR, id), Error::<Test>::MaterialsNotDeclared);
		assert_ok!(declare_as(SUBJECT, id, first_time_materials()));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		// No business review for an interested party's correction or a cancellation; their
		// materials by kind.
		let correction = next_application();
		assert_ok!(Registration::submit_correction(
			RuntimeOrigin::signed(OBJECTOR),
			reg,
			info("企业登记信息（更正）"),
			[21u8; 32]
		));
		assert_noop!(accept_as(COUNTY_OPERATOR, correction), Error::<Test>::MaterialsNotDeclared);
		assert_ok!(declare_as(
			OBJECTOR,
			correction,
			materials_for(crate::ApplicationKind::Correction, 60)
		));
		assert_ok!(accept_as(COUNTY_OPERATOR, correction));
		let cancellation = next_application();
		assert_ok!(Registration::submit_cancellation(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			dengji_primitives::certificate::CancellationGround::RightsAbandonedOrExpired,
			vec![[5u8; 32]]
		));
		assert_noop!(accept_as(COUNTY_OPERATOR, cancellation), Error::<Test>::MaterialsNotDeclared);
		assert_ok!(declare_as(
			SUBJECT,
			cancellation,
			materials_for(crate::ApplicationKind::Cancellation, 70)
		));
		assert_ok!(accept_as(COUNTY_OPERATOR, cancellation));
		// Off again: accepted without them.
		assert_ok!(Registration::set_intake_requirements(
			RuntimeOrigin::root(),
			crate::IntakeRequirements::default()
		));
		let plain = submit_default();
		assert_ok!(accept_as(COUNTY_OPERATOR, plain));
	});
}

/// YX-R §14, §15, §18 ¶1, Q34: a chain may require the business review and the materials by kind
/// from genesis (a production chain spec does); the default genesis requires neither.
#[test]
fn intake_requirements_in_force_from_genesis() {
	use frame_support::traits::BuildGenesisConfig;
	sp_io::TestExternalities::default().execute_with(|| {
		crate::GenesisConfig::<Test>::default().build();
		assert_eq!(crate::IntakeRequirementsInForce::<Test>::get(), Default::default());
		crate::GenesisConfig::<Test> {
			intake_business_review: true,
			intake_materials_by_kind: true,
			..Default::default()
		}
		.build();
		assert_eq!(
			crate::IntakeRequirementsInForce::<Test>::get(),
			crate::IntakeRequirements { business_review: true, materials_by_kind: true }
		);
	});
}

//! Who may apply for cancellation (Q8, YX-R §21): besides the subject and its agent, the
//! subject's legal successor or a liquidator under §21(三) (the subject ceased to exist), with
//! the digest of the succession or liquidation document; and the data authority's order (an ex
//! officio cancellation other than on expiry rests on its instruction recorded on chain). Each
//! is typed on the application (`ApplicantRole`) and goes through acceptance, review and 销证
//! within 10 WD like any cancellation.

use super::*;
use crate::{
	ApplicantRole, ApplicationState, Applications, Error, RegistrationStatus, Registrations,
	SuccessionApplicant,
};
use dengji_primitives::certificate::CancellationGround;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

const YUXI_AUTHORITY: AccountId = 50;

fn succession(who: AccountId, reg: u64, applicant: SuccessionApplicant) -> DispatchResult {
	Registration::submit_cancellation_on_succession(
		RuntimeOrigin::signed(who),
		reg,
		applicant,
		[60u8; 32],
		vec![[61u8; 32]],
	)
}

/// Accepts and approves the cancellation `id`: the registration is cancelled.
fn carry_out(id: ApplicationId, reg: u64) {
	assert_ok!(accept_as(COUNTY_OPERATOR, id));
	assert_ok!(approve_as(COUNTY_OPERATOR, id));
	assert_eq!(state(id), ApplicationState::Approved);
	assert_eq!(Registrations::<Test>::get(reg).unwrap().status, RegistrationStatus::Cancelled);
}

/// Q8, YX-R §21(三) "登记主体因解散、被依法撤销、被宣告破产或者因其他原因终止存续的": the
/// subject's legal successor applies (through its own account), with the succession
/// document, and the cancellation is carried out; it, not the ceased subject's accounts, acts on
/// the application. Refusals are typed and change nothing.
#[test]
fn successor_applies_for_cancellation_of_a_ceased_subject() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let successor = SuccessionApplicant::Successor(kunming_subject());
		assert_noop!(
			succession(KUNMING_SUBJECT, 99, successor),
			Error::<Test>::RegistrationNotFound
		);
		assert_noop!(
			succession(SUBJECT, reg, SuccessionApplicant::Successor(subject())),
			Error::<Test>::NotSuccessor
		);
		assert_noop!(
			succession(
				KUNMING_SUBJECT,
				reg,
				SuccessionApplicant::Successor(uscc(b"12530402MB0000099"))
			),
			Error::<Test>::UnknownSubject
		);
		assert_noop!(succession(SUBJECT, reg, successor), Error::<Test>::NotSubjectOrAgent);
		assert_noop!(
			Registration::submit_cancellation_on_succession(
				RuntimeOrigin::signed(KUNMING_SUBJECT),
				reg,
				successor,
				[60u8; 32],
				vec![[61u8; 32]; 1000],
			),
			Error::<Test>::TooManyMaterials
		);
		let id = next_application();
		assert_ok!(succession(KUNMING_SUBJECT, reg, successor));
		let role = ApplicantRole::Successor { successor: kunming_subject(), document: [60u8; 32] };
		System::assert_has_event(
			Event::CancellationApplicant { application: id, registration: reg, role }.into(),
		);
		let app = Applications::<Test>::get(id).unwrap();
		assert_eq!(app.role, role);
		assert_eq!(
			app.request,
			crate::Request::Cancellation { ground: CancellationGround::SubjectCeased }
		);
		assert_eq!(app.info.materials.to_vec(), vec![[61u8; 32]]);
		// One cancellation at a time.
		assert_noop!(succession(KUNMING_SUBJECT, reg, successor), Error::<Test>::RegistrationBusy);
		// The successor acts on its application; the ceased subject's account does not.
		assert_noop!(
			Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), id),
			Error::<Test>::NotSubjectOrAgent
		);
		carry_out(id, reg);
		assert_noop!(
			succession(KUNMING_SUBJECT, reg, successor),
			Error::<Test>::RegistrationNotActive
		);
	});
}

/// Q8, YX-R §21(三): a liquidator (清算组, 破产管理人), a real-name participant, applies with the
/// liquidation document; anyone not real-name is refused; the liquidator may withdraw its own
/// application before the decision.
#[test]
fn liquidator_applies_for_cancellation_of_a_dissolved_subject() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		assert_noop!(
			succession(STRANGER, reg, SuccessionApplicant::Liquidator),
			Error::<Test>::NotRealName
		);
		let first = next_application();
		assert_ok!(succession(OBJECTOR, reg, SuccessionApplicant::Liquidator));
		let role = ApplicantRole::Liquidator { document: [60u8; 32] };
		assert_eq!(Applications::<Test>::get(first).unwrap().role, role);
		assert_noop!(
			Registration::withdraw_application(RuntimeOrigin::signed(OBJECTOR_2), first),
			Error::<Test>::NotSubjectOrAgent
		);
		assert_ok!(Registration::withdraw_application(RuntimeOrigin::signed(OBJECTOR), first));
		let id = next_application();
		assert_ok!(succession(OBJECTOR, reg, SuccessionApplicant::Liquidator));
		System::assert_has_event(
			Event::CancellationApplicant { application: id, registration: reg, role }.into(),
		);
		carry_out(id, reg);
	});
}

/// Q8 "Other ex officio cases need a data-authority instruction recorded on chain": the data
/// authority (its origin, or the signed authority of the city of the registration's institution)
/// orders a cancellation on a ground of YX-R §21 with the order's digest; the institution
/// accepts and carries it out within 10 WD (no co-subject consent or materials by kind are asked
/// of an order). Another city's authority and any other signer are refused.
#[test]
fn data_authority_orders_cancellation() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let (_, other) = registered_default();
		let order = |origin: RuntimeOrigin, reg: u64| {
			Registration::order_cancellation(
				origin,
				reg,
				CancellationGround::OtherLawful,
				[62u8; 32],
			)
		};
		pallet_institutions::CityAuthorities::<Test>::insert(YUXI_AUTHORITY, yuxi());
		pallet_institutions::CityAuthorities::<Test>::insert(STRANGER, kunming());
		assert_noop!(order(RuntimeOrigin::signed(STRANGER), reg), Error::<Test>::NotDataAuthority);
		assert_noop!(order(RuntimeOrigin::signed(SUBJECT), reg), Error::<Test>::NotDataAuthority);
		assert_noop!(order(RuntimeOrigin::none(), reg), DispatchError::BadOrigin);
		assert_noop!(order(RuntimeOrigin::root(), 99), Error::<Test>::RegistrationNotFound);
		// The intake requirements in force are the applicant's, not an order's.
		assert_ok!(Registration::set_intake_requirements(
			RuntimeOrigin::root(),
			crate::IntakeRequirements { business_review: true, materials_by_kind: true }
		));
		let id = next_application();
		assert_ok!(order(RuntimeOrigin::signed(YUXI_AUTHORITY), reg));
		let role = ApplicantRole::AuthorityOrder { order: [62u8; 32] };
		System::assert_has_event(
			Event::CancellationApplicant { application: id, registration: reg, role }.into(),
		);
		let app = Applications::<Test>::get(id).unwrap();
		assert_eq!((app.role, app.applicant), (role, YUXI_AUTHORITY));
		assert_noop!(order(RuntimeOrigin::root(), reg), Error::<Test>::RegistrationBusy);
		// The subject cannot withdraw an order.
		assert_noop!(
			Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), id),
			Error::<Test>::NotSubjectOrAgent
		);
		carry_out(id, reg);

		// Through the data authority's origin.
		let id = next_application();
		assert_ok!(order(RuntimeOrigin::root(), other));
		assert_eq!(Applications::<Test>::get(id).unwrap().role, role);
		carry_out(id, other);
	});
}

//! The right to renew (YX-R §23 ¶2) and to cancel (YX-R §21) beside an open change or
//! correction: an interested party's correction can neither make the certificate lapse nor hold
//! up its cancellation. One renewal or cancellation at a time.

use super::*;
use crate::{
	ApplicationState, Applications, Error, LifecyclePending, RegistrationStatus, Registrations,
};
use dengji_primitives::certificate::{CancellationGround, RevocationGround};
use frame_support::{assert_noop, assert_ok};

fn certificate_of(reg: u64) -> dengji_primitives::CertificateCode {
	Registrations::<Test>::get(reg).unwrap().certificate
}

/// Approves and, when a certificate was drafted, issues it.
fn approve(id: ApplicationId) {
	assert_ok!(approve_as(COUNTY_OPERATOR, id));
	if let Some(code) = Applications::<Test>::get(id).unwrap().certificate {
		issue(code);
	}
}

/// An interested party's correction (YX-R §20), filed and accepted; returns it.
fn correction(reg: u64) -> ApplicationId {
	let id = next_application();
	assert_ok!(Registration::submit_correction(
		RuntimeOrigin::signed(OBJECTOR),
		reg,
		info("企业登记信息（更正）"),
		[21u8; 32]
	));
	assert_ok!(accept_as(COUNTY_OPERATOR, id));
	// Q31: the subject responded, so it may be published at once.
	assert_ok!(respond_as_subject(id));
	id
}

fn renewal(reg: u64, years: u8) -> ApplicationId {
	let id = next_application();
	assert_ok!(Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), reg, years, vec![]));
	id
}

/// YX-R §23 ¶2: inside the 60-day window the subject renews beside an interested party's open
/// correction; the renewal is decided and issued, and the correction then keeps the renewed
/// expiry (Q12).
#[test]
fn renewal_proceeds_beside_interested_partys_correction() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let old_until = certificate(&certificate_of(reg)).body.valid_until;
		run_to_day(date(2029, 1, 16));
		let c = correction(reg);
		assert_ok!(publish_as(COUNTY_OPERATOR, c));
		let r = renewal(reg, 2);
		assert_eq!(LifecyclePending::<Test>::get(reg), Some(r));
		assert_eq!(Registrations::<Test>::get(reg).unwrap().pending, Some(c));
		assert_ok!(accept_as(COUNTY_OPERATOR, r));
		approve(r);
		let renewed = certificate(&certificate_of(reg)).body.valid_until;
		assert_eq!(renewed, old_until + 730 * dengji_primitives::calendar::DAY_MS);
		assert_eq!(LifecyclePending::<Test>::get(reg), None);
		assert_eq!(state(c), ApplicationState::InPublicity);
		run_to_day(publicity_end(c) + 1);
		approve(c);
		let corrected = certificate(&certificate_of(reg));
		assert_eq!(corrected.body.act, dengji_primitives::certificate::IssuingAct::Correction);
		assert_eq!(corrected.body.valid_until, renewed);
	});
}

/// YX-R §23 ¶2, Q14: a correction filed before the window and left undecided does not make the
/// certificate lapse: the renewal filed in the window keeps it valid past its expiry until the
/// renewal is decided, and it is renewed.
#[test]
fn pending_correction_cannot_make_certificate_lapse() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let code = certificate_of(reg);
		let old_until = certificate(&code).body.valid_until;
		let c = correction(reg);
		run_to_day(date(2029, 3, 1));
		let r = renewal(reg, 3);
		assert!(renewal_pending(&code));
		run_to_day(date(2029, 3, 20));
		assert_noop!(
			Certificate::expire(RuntimeOrigin::signed(STRANGER), code),
			pallet_certificate::Error::<Test>::RenewalPending
		);
		assert_eq!(Registrations::<Test>::get(reg).unwrap().status, RegistrationStatus::Active);
		assert_ok!(accept_as(COUNTY_OPERATOR, r));
		approve(r);
		let renewed = certificate(&certificate_of(reg));
		assert!(renewed.body.valid_until > old_until);
		assert_eq!(state(c), ApplicationState::UnderReview);
	});
}

/// YX-R §21: a cancellation proceeds beside an open correction; its approval cancels the
/// registration and closes the correction (`ApplicationClosed`).
#[test]
fn cancellation_proceeds_beside_correction_and_closes_it() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let c = correction(reg);
		let id = next_application();
		assert_ok!(Registration::submit_cancellation(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			CancellationGround::ResourceLost,
			vec![]
		));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		approve(id);
		assert_eq!(Registrations::<Test>::get(reg).unwrap().status, RegistrationStatus::Cancelled);
		assert_eq!(state(c), ApplicationState::Closed);
		assert!(events().contains(&Event::ApplicationClosed {
			application: c,
			registration: reg,
			status: RegistrationStatus::Cancelled
		}));
		assert_eq!(Registrations::<Test>::get(reg).unwrap().pending, None);
		assert_eq!(LifecyclePending::<Test>::get(reg), None);
	});
}

/// YX-R §23 ¶2, §21: one renewal or cancellation at a time (`RegistrationBusy`); a renewal
/// beside a correction is still only possible inside the window (deadline), and a second change
/// or correction still waits.
#[test]
fn one_renewal_or_cancellation_at_a_time() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let _c = correction(reg);
		assert_noop!(
			Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), reg, 3, vec![]),
			Error::<Test>::OutsideRenewalWindow
		);
		assert_noop!(
			Registration::submit_change(RuntimeOrigin::signed(SUBJECT), reg, info("v2")),
			Error::<Test>::RegistrationBusy
		);
		run_to_day(date(2029, 1, 16));
		let _r = renewal(reg, 1);
		assert_noop!(
			Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), reg, 2, vec![]),
			Error::<Test>::RegistrationBusy
		);
		assert_noop!(
			Registration::submit_cancellation(
				RuntimeOrigin::signed(SUBJECT),
				reg,
				CancellationGround::ResourceLost,
				vec![]
			),
			Error::<Test>::RegistrationBusy
		);
	});
}

/// YX-R §27: revocation closes both the open correction and the open renewal; the renewal mark
/// goes with the certificate.
#[test]
fn revocation_closes_correction_and_renewal() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let code = certificate_of(reg);
		let c = correction(reg);
		run_to_day(date(2029, 1, 16));
		let r = renewal(reg, 1);
		assert_ok!(Certificate::revoke(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			code,
			RevocationGround::UnlawfulUse,
			[3; 32]
		));
		assert_eq!(state(c), ApplicationState::Closed);
		assert_eq!(state(r), ApplicationState::Closed);
		assert!(!renewal_pending(&code));
		assert_eq!(LifecyclePending::<Test>::get(reg), None);
	});
}

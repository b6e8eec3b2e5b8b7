//! The registration follows its certificate: revocation (撤销登记, YX-R §27) and cancellation on
//! expiry (YX-R §23 ¶2) end it, close the application open on it, and refuse new ones at
//! submission; the v1 migration repairs registrations ended before this rule.

use super::*;
use crate::{
	migrations::v1::MigrateV0ToV1, ApplicationState, Applications, Error, RegistrationStatus,
	Registrations,
};
use dengji_primitives::certificate::{CancellationGround, RevocationGround};
use dengji_primitives::traits::Clock;
use frame_support::{
	assert_noop, assert_ok,
	traits::{GetStorageVersion, Hooks, OnRuntimeUpgrade, StorageVersion},
	weights::Weight,
};

fn certificate_of(reg: u64) -> dengji_primitives::CertificateCode {
	Registrations::<Test>::get(reg).unwrap().certificate
}

fn status_of(reg: u64) -> RegistrationStatus {
	Registrations::<Test>::get(reg).unwrap().status
}

fn revoke(reg: u64) {
	assert_ok!(Certificate::revoke(
		RuntimeOrigin::signed(COUNTY_OPERATOR),
		certificate_of(reg),
		RevocationGround::FalseMaterials,
		[7u8; 32]
	));
}

/// A correction by an interested party, filed and accepted; returns its id.
fn open_correction(reg: u64) -> ApplicationId {
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

/// Every application type on `reg` is refused at submission with `error`, nothing stored.
fn assert_all_refused(reg: u64, error: Error<Test>) {
	let error: sp_runtime::DispatchError = error.into();
	assert_noop!(
		Registration::submit_change(RuntimeOrigin::signed(SUBJECT), reg, info("x")),
		error
	);
	assert_noop!(
		Registration::submit_correction(RuntimeOrigin::signed(OBJECTOR), reg, info("x"), [1; 32]),
		error
	);
	assert_noop!(
		Registration::submit_cancellation(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			CancellationGround::OtherLawful,
			vec![]
		),
		error
	);
	assert_noop!(
		Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), reg, 3, vec![]),
		error
	);
}

/// YX-R §27: revoking the certificate revokes the registration; the open correction closes
/// (terminal `Closed`, with an event) and can no longer be decided; every new application on it
/// is refused at submission with `RegistrationRevoked`.
#[test]
fn revocation_revokes_registration_and_closes_open_application() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let code = certificate_of(reg);
		let id = open_correction(reg);
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		revoke(reg);
		assert_eq!(status_of(reg), RegistrationStatus::Revoked);
		assert_eq!(Registrations::<Test>::get(reg).unwrap().pending, None);
		assert_eq!(state(id), ApplicationState::Closed);
		let evs = events();
		assert!(evs.contains(&Event::RegistrationEnded {
			registration: reg,
			certificate: code,
			status: RegistrationStatus::Revoked
		}));
		assert!(evs.contains(&Event::ApplicationClosed {
			application: id,
			registration: reg,
			status: RegistrationStatus::Revoked
		}));
		run_to_day(publicity_end(id) + 1);
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::NotAwaitingDecision);
		assert_all_refused(reg, Error::<Test>::RegistrationRevoked);
	});
}

/// YX-R §23 ¶2: cancelling an expired certificate (by `expire`, or by the ledger's sweep)
/// cancels the registration on expiry, closes the application open on it, and every new
/// application is refused at submission with `RegistrationExpired`. Before expiry nothing changes.
#[test]
fn expiry_cancels_registration_and_closes_open_application() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let code = certificate_of(reg);
		let valid_until = certificate(&code).body.valid_until;
		let expiry = Calendar::chain_clock().day_at(valid_until);
		// Filed on the last day of validity, outside any renewal.
		run_to_day(expiry);
		let id = next_application();
		assert_ok!(Registration::submit_change(RuntimeOrigin::signed(SUBJECT), reg, info("x")));
		assert_noop!(
			Certificate::expire(RuntimeOrigin::signed(STRANGER), code),
			pallet_certificate::Error::<Test>::NotExpired
		);
		assert_eq!(status_of(reg), RegistrationStatus::Active);
		run_to_day(expiry + 1);
		assert_ok!(Certificate::expire(RuntimeOrigin::signed(STRANGER), code));
		assert_eq!(status_of(reg), RegistrationStatus::CancelledOnExpiry);
		assert_eq!(state(id), ApplicationState::Closed);
		assert!(events().contains(&Event::ApplicationClosed {
			application: id,
			registration: reg,
			status: RegistrationStatus::CancelledOnExpiry
		}));
		assert_all_refused(reg, Error::<Test>::RegistrationExpired);
		// The registration's dispute flags are frozen too.
		assert_noop!(
			Registration::set_registration_disputes(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				reg,
				Default::default(),
				[0; 32]
			),
			Error::<Test>::RegistrationNotActive
		);
	});
}

/// YX-R §23 ¶2: the ledger's `on_idle` sweep cancels on expiry just like `expire`.
#[test]
fn expiry_sweep_cancels_registration() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let valid_until = certificate(&certificate_of(reg)).body.valid_until;
		run_to_day(Calendar::chain_clock().day_at(valid_until) + 1);
		Certificate::on_idle(System::block_number(), Weight::MAX);
		assert_eq!(status_of(reg), RegistrationStatus::CancelledOnExpiry);
	});
}

/// YX-R §21: a registration cancelled on application keeps `Cancelled` and refuses with
/// `RegistrationNotActive` (unchanged).
#[test]
fn cancelled_on_application_refuses_with_not_active() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let id = next_application();
		assert_ok!(Registration::submit_cancellation(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			CancellationGround::OtherLawful,
			vec![]
		));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_ok!(approve_as(COUNTY_OPERATOR, id));
		assert_eq!(status_of(reg), RegistrationStatus::Cancelled);
		assert_all_refused(reg, Error::<Test>::RegistrationNotActive);
	});
}

/// YX-R §27, §23 ¶2, issue 10 (migrations): state made in the v0 shape (certificate revoked or
/// expiry-cancelled, registration still `Active` with an open application; an open renewal in
/// `Registration::pending`) is repaired by the v1 migration (YX-R §23 ¶2: the renewal moves to
/// `LifecyclePending`), which runs once (with the try-runtime pre/post checks under that feature).
#[test]
fn migration_v1_ends_registrations_of_ended_certificates() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, revoked) = registered_default();
		let (_, expired) = registered_default();
		let (_, live) = registered_default();
		let open = open_correction(revoked);
		// A renewal filed in the window (YX-R §23 ¶2), which v0 kept in `Registration::pending`.
		let valid_until = certificate(&certificate_of(live)).body.valid_until;
		run_to_day(Calendar::chain_clock().day_at(valid_until) - 30);
		let renewing = next_application();
		assert_ok!(Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), live, 1, vec![]));
		revoke(revoked);
		let valid_until = certificate(&certificate_of(expired)).body.valid_until;
		run_to_day(Calendar::chain_clock().day_at(valid_until) + 1);
		assert_ok!(Certificate::expire(RuntimeOrigin::signed(STRANGER), certificate_of(expired)));
		// Back to the v0 shape: what the old runtime left behind.
		for reg in [revoked, expired] {
			Registrations::<Test>::mutate(reg, |r| {
				r.as_mut().unwrap().status = RegistrationStatus::Active
			});
		}
		Registrations::<Test>::mutate(revoked, |r| r.as_mut().unwrap().pending = Some(open));
		crate::LifecyclePending::<Test>::remove(live);
		Registrations::<Test>::mutate(live, |r| r.as_mut().unwrap().pending = Some(renewing));
		Applications::<Test>::mutate(open, |a| {
			a.as_mut().unwrap().state = ApplicationState::UnderReview
		});
		StorageVersion::new(0).put::<Registration>();
		System::reset_events();

		#[cfg(feature = "try-runtime")]
		let pre = <MigrateV0ToV1<Test> as OnRuntimeUpgrade>::pre_upgrade().unwrap();
		<MigrateV0ToV1<Test> as OnRuntimeUpgrade>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		assert_ok!(<MigrateV0ToV1<Test> as OnRuntimeUpgrade>::post_upgrade(pre));

		assert_eq!(Registration::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(status_of(revoked), RegistrationStatus::Revoked);
		assert_eq!(status_of(expired), RegistrationStatus::CancelledOnExpiry);
		assert_eq!(status_of(live), RegistrationStatus::Active);
		assert_eq!(state(open), ApplicationState::Closed);
		assert_eq!(Registrations::<Test>::get(revoked).unwrap().pending, None);
		assert_eq!(Registrations::<Test>::get(live).unwrap().pending, None);
		assert_eq!(crate::LifecyclePending::<Test>::get(live), Some(renewing));
		assert!(events().contains(&Event::ApplicationClosed {
			application: open,
			registration: revoked,
			status: RegistrationStatus::Revoked
		}));
		// Runs once: a second upgrade changes nothing.
		Registrations::<Test>::mutate(expired, |r| {
			r.as_mut().unwrap().status = RegistrationStatus::Active
		});
		<MigrateV0ToV1<Test> as OnRuntimeUpgrade>::on_runtime_upgrade();
		assert_eq!(status_of(expired), RegistrationStatus::Active);
		Registrations::<Test>::mutate(expired, |r| {
			r.as_mut().unwrap().status = RegistrationStatus::CancelledOnExpiry
		});
	});
}

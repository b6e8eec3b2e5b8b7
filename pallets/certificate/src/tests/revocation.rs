//! Revocation by the institution (撤销登记, YX-R §27; Q11, Q17).

use super::*;
use crate::{CurrentOf, Error};
use dengji_primitives::certificate::RevocationGround;
use frame_support::{assert_noop, assert_ok};

/// YX-R §27(一)–(四): each ground revokes a `Valid` certificate, records the ground, the
/// decision digest and the time, and is announced.
#[test]
fn revoke_for_each_ground_marks_revoked() {
	ExtBuilder::default().build_and_execute(|| {
		let grounds = [
			RevocationGround::FalseMaterials,
			RevocationGround::ForgedCertificate,
			RevocationGround::UnlawfulUse,
			RevocationGround::OtherViolation,
		];
		for (i, ground) in grounds.into_iter().enumerate() {
			let registration = i as u64 + 1;
			let code = issue_default(registration);
			let decision = [i as u8 + 40; 32];
			let at = pallet_timestamp::Now::<Test>::get();
			assert_ok!(Certificate::revoke(RuntimeOrigin::signed(CITY_OP), code, ground, decision));
			assert_eq!(status(code), CertificateStatus::Revoked { ground, decision, at });
			assert!(CurrentOf::<Test>::get(registration).is_none());
			assert_event(Event::CertificateRevoked { code, registration, ground, decision });
		}
	});
}

/// YX-R §27: only the responsible institution's operators revoke.
#[test]
fn revoke_by_non_operator_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let code = issue_default(1);
		for who in [STRANGER, COUNTY_OP] {
			assert_noop!(
				Certificate::revoke(
					RuntimeOrigin::signed(who),
					code,
					RevocationGround::FalseMaterials,
					[1; 32]
				),
				Error::<Test>::NotOperator
			);
		}
	});
}

/// Unknown certificates, and certificates no longer `Valid`, cannot be revoked.
#[test]
fn revoke_of_unknown_or_non_valid_certificate_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let unknown = CertificateCode::new(city(), 2026, 99).unwrap();
		assert_noop!(
			Certificate::revoke(
				RuntimeOrigin::signed(CITY_OP),
				unknown,
				RevocationGround::UnlawfulUse,
				[1; 32]
			),
			Error::<Test>::CertificateNotFound
		);
		let code = issue_default(1);
		assert_ok!(Certificate::revoke(
			RuntimeOrigin::signed(CITY_OP),
			code,
			RevocationGround::UnlawfulUse,
			[1; 32]
		));
		assert_noop!(
			Certificate::revoke(
				RuntimeOrigin::signed(CITY_OP),
				code,
				RevocationGround::OtherViolation,
				[2; 32]
			),
			Error::<Test>::CertificateNotValid
		);
		// A revoked certificate is not expiry-cancelled later.
		set_now(record(code).body.valid_until + 1);
		assert_noop!(
			Certificate::expire(RuntimeOrigin::signed(STRANGER), code),
			Error::<Test>::CertificateNotValid
		);
	});
}

/// YX-R §27: an expired certificate not yet cancelled may still be revoked.
#[test]
fn revoke_of_expired_uncancelled_certificate_succeeds() {
	ExtBuilder::default().build_and_execute(|| {
		let code = issue_default(1);
		set_now(record(code).body.valid_until + 1);
		assert_ok!(Certificate::revoke(
			RuntimeOrigin::signed(CITY_OP),
			code,
			RevocationGround::ForgedCertificate,
			[3; 32]
		));
		assert!(matches!(status(code), CertificateStatus::Revoked { .. }));
	});
}

/// Q17: after a county institution is disqualified, the city institution that took over its
/// cases revokes its certificates; the county's operators no longer can.
#[test]
fn revoke_by_takeover_institution_after_disqualification() {
	ExtBuilder::default().build_and_execute(|| {
		let code = draft_and_issue(request(1, county()));
		MockDirectory::update(county(), |r| {
			r.status = dengji_primitives::InstitutionStatus::Disqualified;
			r.taken_over_by = Some(city());
		});
		assert_noop!(
			Certificate::revoke(
				RuntimeOrigin::signed(COUNTY_OP),
				code,
				RevocationGround::FalseMaterials,
				[1; 32]
			),
			Error::<Test>::NotOperator
		);
		assert_ok!(Certificate::revoke(
			RuntimeOrigin::signed(CITY_OP),
			code,
			RevocationGround::FalseMaterials,
			[1; 32]
		));
	});
}

/// YX-R §26: a suspended responsible institution does not act.
#[test]
fn revoke_by_suspended_institution_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let code = issue_default(1);
		MockDirectory::update(city(), |r| {
			r.status = dengji_primitives::InstitutionStatus::Suspended
		});
		assert_noop!(
			Certificate::revoke(
				RuntimeOrigin::signed(CITY_OP),
				code,
				RevocationGround::FalseMaterials,
				[1; 32]
			),
			Error::<Test>::InstitutionNotActive
		);
	});
}

/// YX-R §27 撤销登记: a revocation tells the registration side (which revokes the registration);
/// a refused revocation tells nothing.
#[test]
fn revocation_tells_the_registration() {
	use dengji_primitives::traits::CertificateEnd;
	ExtBuilder::default().build_and_execute(|| {
		let code = issue_default(7);
		assert_noop!(
			Certificate::revoke(
				RuntimeOrigin::signed(STRANGER),
				code,
				RevocationGround::FalseMaterials,
				[1; 32]
			),
			Error::<Test>::NotOperator
		);
		assert!(EndedLog::take().is_empty());
		assert_ok!(Certificate::revoke(
			RuntimeOrigin::signed(CITY_OP),
			code,
			RevocationGround::FalseMaterials,
			[1; 32]
		));
		assert_eq!(EndedLog::take(), vec![(7, code, CertificateEnd::Revoked)]);
	});
}

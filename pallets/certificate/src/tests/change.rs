//! Change and correction: a new code, the original expiry, the old certificate superseded
//! (YX-R §19, §20; Q12).

use super::*;
use crate::{CurrentOf, Error};
use dengji_primitives::{
	certificate::IssuingAct,
	traits::{CertificateLedger, LedgerError, Validity},
};
use frame_support::{assert_noop, assert_ok};

/// YX-R §19, Q12: a change issues a new code that keeps the original expiry (no free renewal);
/// the old certificate becomes `Superseded{by, at}` and stays readable.
#[test]
fn change_keeps_original_expiry_and_supersedes() {
	ExtBuilder::default().build_and_execute(|| {
		let old = issue_default(1);
		set_date(2027, 5, 20);
		let at = pallet_timestamp::Now::<Test>::get();
		let mut req = follow_up(old, IssuingAct::Change, Validity::KeepPrevious);
		req.content_digest = [9; 32];
		let new = draft_and_issue(req);
		assert_ne!(new, old);
		assert_eq!((new.year, new.serial), (2027, 1));
		let body = record(new).body;
		assert_eq!(body.valid_until, end_of(day(2029, 3, 9)));
		assert_eq!(body.issued_on, day(2027, 5, 20));
		assert_eq!(body.act, IssuingAct::Change);
		assert_eq!(body.content_digest, [9; 32]);
		assert_eq!(status(old), CertificateStatus::Superseded { by: new, at });
		assert_eq!(record(old).body.content_digest, [7; 32]);
		assert_eq!(CurrentOf::<Test>::get(1), Some(new));
		assert_event(Event::CertificateSuperseded { code: old, by: new, registration: 1 });
	});
}

/// YX-R §20, Q12: a correction also keeps the original expiry.
#[test]
fn correction_keeps_original_expiry_and_supersedes() {
	ExtBuilder::default().build_and_execute(|| {
		let old = issue_default(1);
		set_date(2026, 9, 1);
		let new = draft_and_issue(follow_up(old, IssuingAct::Correction, Validity::KeepPrevious));
		assert_eq!(record(new).body.valid_until, record(old).body.valid_until);
		assert!(matches!(status(old), CertificateStatus::Superseded { by, .. } if by == new));
	});
}

/// A superseded, expired, unknown or other registration's certificate cannot be changed.
#[test]
fn change_of_non_current_certificate_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let old = issue_default(1);
		let new = draft_and_issue(follow_up(old, IssuingAct::Change, Validity::KeepPrevious));
		assert_eq!(
			Certificate::draft(follow_up(old, IssuingAct::Change, Validity::KeepPrevious)),
			Err(LedgerError::NotValid)
		);
		// The previous certificate must be of the same registration.
		let other = issue_default(2);
		let mut req = follow_up(other, IssuingAct::Change, Validity::KeepPrevious);
		req.registration = 1;
		assert_eq!(Certificate::draft(req), Err(LedgerError::UnknownCertificate));
		// No previous certificate at all.
		let mut req = request(1, city());
		req.validity = Validity::KeepPrevious;
		assert_eq!(Certificate::draft(req), Err(LedgerError::UnknownCertificate));
		// Expired.
		set_now(record(new).body.valid_until + 1);
		assert_eq!(
			Certificate::draft(follow_up(new, IssuingAct::Change, Validity::KeepPrevious)),
			Err(LedgerError::NotValid)
		);
	});
}

/// Two change drafts of the same certificate: the second is stale once the first is issued.
#[test]
fn issue_of_stale_change_draft_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let old = issue_default(1);
		let first = draft(follow_up(old, IssuingAct::Change, Validity::KeepPrevious));
		let second = draft(follow_up(old, IssuingAct::Correction, Validity::KeepPrevious));
		assert_ok!(Certificate::issue(RuntimeOrigin::signed(CITY_OP), first.code, sign(&first, 1)));
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), second.code, sign(&second, 1)),
			Error::<Test>::PreviousNotValid
		);
	});
}

/// Whatever the validity rule, the certificate a draft supersedes must be a `Valid` one of the
/// same registration (登记证号 is stable).
#[test]
fn draft_superseding_another_registrations_certificate_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let other = issue_default(2);
		let mut req = request(1, city());
		req.previous = Some(other);
		assert_eq!(Certificate::draft(req), Err(LedgerError::UnknownCertificate));
	});
}

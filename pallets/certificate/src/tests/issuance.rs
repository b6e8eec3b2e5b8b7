//! Drafting and issuance (YX-R §23; docs/spec/DESIGN.md §7: the runtime checks the issuer's signature).

use super::*;
use crate::{validity, CurrentOf, Drafts, Error, ExpiryQueue};
use dengji_primitives::{
	certificate::IssuingAct,
	institution::InstitutionStatus,
	traits::{CertificateLedger, LedgerError, Validity},
};
use ed25519_dalek::Signer;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

/// YX-R §23: draft on approval, issue with the issuer's signature; the record is stored `Valid`
/// with the signature, becomes the registration's current certificate and is queued for expiry.
#[test]
fn issue_after_draft_stores_valid_record_and_emits_events() {
	ExtBuilder::default().build_and_execute(|| {
		let now = pallet_timestamp::Now::<Test>::get();
		let body = draft(request(1, city()));
		assert_event(Event::CertificateDrafted { code: body.code, registration: 1 });
		assert_eq!(Drafts::<Test>::get(body.code), Some(body.clone()));
		assert_eq!(body.issuer_key, public(1));
		assert_eq!(body.issued_on, day(2026, 3, 10));
		assert_eq!(body.issued_at, now);
		assert_eq!(body.act, IssuingAct::FirstTime);
		assert_eq!(body.previous, None);
		assert!(Certificate::certificate(&body.code).is_none());

		let signature = sign(&body, 1);
		assert_ok!(Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, signature));

		let stored = record(body.code);
		assert_eq!(stored.body, body);
		assert_eq!(stored.signature, signature);
		assert_eq!(stored.status, CertificateStatus::Valid);
		assert_eq!(Certificate::certificate(&body.code), Some(stored));
		assert!(Drafts::<Test>::get(body.code).is_none());
		assert_eq!(CurrentOf::<Test>::get(1), Some(body.code));
		let queue_day =
			validity::first_expired_day(&dengji_primitives::ChainClock::SHANGHAI, body.valid_until);
		assert_eq!(queue_day, day(2029, 3, 10));
		assert!(ExpiryQueue::<Test>::get(queue_day).contains(&body.code));
		assert_event(Event::CertificateIssued {
			code: body.code,
			registration: 1,
			issuer: city(),
			valid_until: body.valid_until,
		});
	});
}

/// docs/spec/DESIGN.md §7: a signature that does not cover the drafted body is refused.
#[test]
fn issue_with_bad_signature_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let body = draft(request(1, city()));
		let mut signature = sign(&body, 1);
		signature[10] ^= 0x01;
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, signature),
			Error::<Test>::BadSignature
		);
		// A signature over a different body does not verify either.
		let mut other = body.clone();
		other.data_name = dengji_primitives::BoundedName::truncate_from(b"other".to_vec());
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&other, 1)),
			Error::<Test>::BadSignature
		);
	});
}

/// docs/spec/DESIGN.md §7: only the issuer's registered key signs its certificates.
#[test]
fn issue_signed_with_wrong_key_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let body = draft(request(1, city()));
		// The county's key, and an unregistered key.
		for seed in [2, 3] {
			assert_noop!(
				Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, seed)),
				Error::<Test>::BadSignature
			);
		}
	});
}

/// docs/spec/DESIGN.md §7: the payload is domain-separated by the genesis hash, so a signature made for
/// another chain does not verify here.
#[test]
fn issue_signed_for_another_chain_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let body = draft(request(1, city()));
		let signature = key(1).sign(&body.signing_payload(&[0u8; 32])).to_bytes();
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, signature),
			Error::<Test>::BadSignature
		);
	});
}

/// `verify_strict`: a malleated signature (s + ℓ, non-canonical) is refused, exactly as the
/// verification client refuses it.
#[test]
fn issue_with_malleated_signature_is_rejected() {
	// ℓ = 2^252 + 27742317777372353535851937790883648493, little endian.
	const L: [u8; 32] = [
		0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
		0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
	];
	ExtBuilder::default().build_and_execute(|| {
		let body = draft(request(1, city()));
		let mut signature = sign(&body, 1);
		let mut carry = 0u16;
		for i in 0..32 {
			let sum = u16::from(signature[32 + i]) + u16::from(L[i]) + carry;
			signature[32 + i] = (sum & 0xff) as u8;
			carry = sum >> 8;
		}
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, signature),
			Error::<Test>::BadSignature
		);
	});
}

/// YX-R §9, docs/spec/DESIGN.md §5: an institution issues only its own drafts.
#[test]
fn issue_of_another_institutions_draft_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let body = draft(request(1, city()));
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(COUNTY_OP), body.code, sign(&body, 1)),
			Error::<Test>::NotOperator
		);
	});
}

/// Only operators of the issuing institution issue; unsigned origins are refused.
#[test]
fn issue_by_non_operator_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let body = draft(request(1, city()));
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(STRANGER), body.code, sign(&body, 1)),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			Certificate::issue(RuntimeOrigin::none(), body.code, sign(&body, 1)),
			DispatchError::BadOrigin
		);
	});
}

/// YX-R §26: a suspended institution does not issue.
#[test]
fn issue_by_suspended_institution_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let body = draft(request(1, city()));
		MockDirectory::update(city(), |r| r.status = InstitutionStatus::Suspended);
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, 1)),
			Error::<Test>::InstitutionNotActive
		);
	});
}

/// Unknown codes are refused; an issued code cannot be issued again.
#[test]
fn issue_of_unknown_or_issued_code_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let unknown = CertificateCode::new(city(), 2026, 77).unwrap();
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), unknown, [0; 64]),
			Error::<Test>::DraftNotFound
		);
		let body = draft(request(1, city()));
		assert_ok!(Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, 1)));
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, 1)),
			Error::<Test>::AlreadyIssued
		);
	});
}

/// 一证一码 per registration: a second first-issuance for a registration with a `Valid`
/// certificate is refused (changes and renewals supersede instead).
#[test]
fn second_first_issue_for_same_registration_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let first = draft(request(1, city()));
		let second = draft(request(1, city()));
		assert_ok!(Certificate::issue(RuntimeOrigin::signed(CITY_OP), first.code, sign(&first, 1)));
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), second.code, sign(&second, 1)),
			Error::<Test>::RegistrationAlreadyCertified
		);
	});
}

/// A draft whose validity ended before it was signed (AO term over) can no longer be issued:
/// on a later day it is outdated (YX-R §23 ¶1) and re-dating it fails because the AO term is
/// over. (Before issue 10 the issue itself failed with `DraftExpired`; the outcome is the same.)
#[test]
fn issue_of_expired_draft_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let mut req = request(1, city());
		req.object = dengji_primitives::certificate::ObjectKind::DataProductOrService;
		req.validity = Validity::Fresh { ao_term_end: Some(end_of(day(2026, 3, 12))) };
		let body = draft(req);
		set_date(2026, 3, 13);
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, 1)),
			Error::<Test>::DraftOutdated
		);
		assert_noop!(
			Certificate::redate_draft(RuntimeOrigin::signed(CITY_OP), body.code),
			Error::<Test>::DraftExpired
		);
	});
}

/// The same day: an AO term ending an instant after drafting leaves a draft that expires before
/// it is issued.
#[test]
fn issue_of_draft_expired_the_same_day_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let now = pallet_timestamp::Now::<Test>::get();
		let mut req = request(1, city());
		req.object = dengji_primitives::certificate::ObjectKind::DataProductOrService;
		req.validity = Validity::Fresh { ao_term_end: Some(now + 1) };
		let body = draft(req);
		set_now(now + 2);
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, 1)),
			Error::<Test>::DraftExpired
		);
	});
}

/// docs/spec/DESIGN.md §7: the issuer must still hold the drafted key; after a key rotation the draft is
/// re-keyed by an operator and signed with the new key.
#[test]
fn issue_after_key_rotation_requires_rekeyed_draft() {
	ExtBuilder::default().build_and_execute(|| {
		let body = draft(request(1, city()));
		MockDirectory::rotate_key(city(), public(5));
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, 1)),
			Error::<Test>::IssuerKeyChanged
		);
		assert_noop!(
			Certificate::rekey_draft(RuntimeOrigin::signed(STRANGER), body.code),
			Error::<Test>::NotOperator
		);
		assert_ok!(Certificate::rekey_draft(RuntimeOrigin::signed(CITY_OP), body.code));
		assert_event(Event::DraftRekeyed { code: body.code, issuer_key: public(5) });
		assert_noop!(
			Certificate::rekey_draft(RuntimeOrigin::signed(CITY_OP), body.code),
			Error::<Test>::IssuerKeyUnchanged
		);
		let rekeyed = Drafts::<Test>::get(body.code).unwrap();
		assert_eq!(rekeyed.issuer_key, public(5));
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&rekeyed, 1)),
			Error::<Test>::BadSignature
		);
		assert_ok!(Certificate::issue(
			RuntimeOrigin::signed(CITY_OP),
			body.code,
			sign(&rekeyed, 5)
		));
		assert_noop!(
			Certificate::rekey_draft(RuntimeOrigin::signed(CITY_OP), body.code),
			Error::<Test>::AlreadyIssued
		);
		let unknown = CertificateCode::new(city(), 2026, 77).unwrap();
		assert_noop!(
			Certificate::rekey_draft(RuntimeOrigin::signed(CITY_OP), unknown),
			Error::<Test>::DraftNotFound
		);
	});
}

/// A draft names an issuer key that is not a valid ed25519 point (data authority error).
#[test]
fn issue_with_invalid_issuer_key_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		// The first y coordinate that is not on the curve.
		let bad = (2u8..=255)
			.map(|y| {
				let mut b = [0u8; 32];
				b[0] = y;
				b
			})
			.find(|b| ed25519_dalek::VerifyingKey::from_bytes(b).is_err())
			.unwrap();
		MockDirectory::update(city(), |r| r.signing_key = bad);
		let body = draft(request(1, city()));
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, [0; 64]),
			Error::<Test>::InvalidIssuerKey
		);
	});
}

/// The ledger refuses to draft for an unknown or inactive issuer.
#[test]
fn draft_for_unknown_or_inactive_issuer_fails() {
	ExtBuilder::default().build_and_execute(|| {
		let unknown = dengji_primitives::DivisionCode::new(530421).unwrap();
		assert_eq!(Certificate::draft(request(1, unknown)), Err(LedgerError::IssuerNotActive));
		MockDirectory::update(city(), |r| r.status = InstitutionStatus::Disqualified);
		assert_eq!(Certificate::draft(request(1, city())), Err(LedgerError::IssuerNotActive));
	});
}

/// An institution removed from the directory after drafting cannot issue.
#[test]
fn issue_for_unknown_institution_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let body = draft(request(1, city()));
		MockDirectory::remove(city());
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, 1)),
			Error::<Test>::UnknownInstitution
		);
	});
}

//! SM2/SM3 co-signatures at issuance (GB/T 32918, GB/T 32905, GB/T 35276 default distinguishing
//! ID; docs/spec/DESIGN.md §7; issue 14 §2). YX-R §23: the certificate the institution issues is
//! signed by it; the co-signature adds the national algorithms over the same bytes.

use super::*;
use crate::{migrations::v1, Drafts, Error, RequireSm2};
use codec::Encode;
use dengji_primitives::{sm2, Sm2CoSignature};
use frame_support::{
	assert_noop, assert_ok,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};
use sp_runtime::DispatchError;

/// The city institution with SM2 key seed 11.
fn with_sm2_key() {
	MockDirectory::set_sm2_key(city(), sm2_public(11));
}

fn payload(body: &dengji_primitives::certificate::CertificateBody) -> Vec<u8> {
	body.signing_payload(&Certificate::genesis_hash().unwrap())
}

/// Issue 14 §2: a co-signed issuance stores the co-signature with the institution's current SM2
/// key and the SM3 digest of the signed bytes (the same payload the ed25519 signature covers).
#[test]
fn issue_cosigned_stores_cosignature_and_sm3_digest() {
	ExtBuilder::default().build_and_execute(|| {
		with_sm2_key();
		let body = draft(request(1, city()));
		let (signature, sm2_signature) = (sign(&body, 1), sm2_sign(&body, 11));
		assert_ok!(Certificate::issue_cosigned(
			RuntimeOrigin::signed(CITY_OP),
			body.code,
			signature,
			sm2_signature
		));
		let stored = record(body.code);
		assert_eq!(stored.signature, signature);
		assert_eq!(stored.status, CertificateStatus::Valid);
		let cosig = stored.sm2.expect("co-signature stored");
		assert_eq!(
			cosig,
			Sm2CoSignature {
				key: sm2_public(11),
				sm3_digest: sm2::sm3(&payload(&body)),
				signature: sm2_signature,
			}
		);
		// What a verifier checks from the record alone.
		assert_eq!(cosig.verify(&payload(&body)), Ok(()));
		assert_event(Event::CertificateIssued {
			code: body.code,
			registration: 1,
			issuer: city(),
			valid_until: body.valid_until,
		});
	});
}

/// Without `RequireSm2`, `issue` still works for an institution with an SM2 key (the flows
/// before issue 14 keep working) and the record has no co-signature.
#[test]
fn issue_without_cosignature_when_not_required_stores_none() {
	ExtBuilder::default().build_and_execute(|| {
		with_sm2_key();
		let code = issue_default(1);
		assert_eq!(record(code).sm2, None);
	});
}

#[test]
fn issue_cosigned_with_bad_sm2_signature_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		with_sm2_key();
		let body = draft(request(1, city()));
		let mut bad = sm2_sign(&body, 11);
		bad[63] ^= 1;
		assert_noop!(
			Certificate::issue_cosigned(
				RuntimeOrigin::signed(CITY_OP),
				body.code,
				sign(&body, 1),
				bad
			),
			Error::<Test>::BadSm2Signature
		);
		// Signed by another SM2 key than the institution's.
		assert_noop!(
			Certificate::issue_cosigned(
				RuntimeOrigin::signed(CITY_OP),
				body.code,
				sign(&body, 1),
				sm2_sign(&body, 12)
			),
			Error::<Test>::BadSm2Signature
		);
		// r = 0 is no signature at all.
		let mut zero = sm2_sign(&body, 11);
		zero[..32].fill(0);
		assert_noop!(
			Certificate::issue_cosigned(
				RuntimeOrigin::signed(CITY_OP),
				body.code,
				sign(&body, 1),
				zero
			),
			Error::<Test>::MalformedSm2Signature
		);
		assert!(Drafts::<Test>::contains_key(body.code));
	});
}

/// An SM2 signature over another certificate (another draft of the same institution) does not
/// verify over this one's payload.
#[test]
fn issue_cosigned_with_signature_over_another_certificate_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		with_sm2_key();
		let first = draft(request(1, city()));
		let second = draft(request(2, city()));
		assert_noop!(
			Certificate::issue_cosigned(
				RuntimeOrigin::signed(CITY_OP),
				second.code,
				sign(&second, 1),
				sm2_sign(&first, 11)
			),
			Error::<Test>::BadSm2Signature
		);
	});
}

/// GB/T 35276: the distinguishing ID is "1234567812345678"; a signature made with another ID
/// (another `ZA`) is refused.
#[test]
fn issue_cosigned_with_other_distinguishing_id_is_refused() {
	use ::sm2::dsa::{signature::Signer, Signature, SigningKey};
	ExtBuilder::default().build_and_execute(|| {
		with_sm2_key();
		let body = draft(request(1, city()));
		let sk = SigningKey::from_bytes("ALICE123@YAHOO.COM", (&sm2_secret(11)).into()).unwrap();
		let other_id: Signature = sk.sign(&payload(&body));
		assert_noop!(
			Certificate::issue_cosigned(
				RuntimeOrigin::signed(CITY_OP),
				body.code,
				sign(&body, 1),
				other_id.to_bytes()
			),
			Error::<Test>::BadSm2Signature
		);
	});
}

/// A co-signature needs an SM2 key to check it against; a stored key that is no curve point is
/// refused as such (the institutions pallet never stores one; checked all the same).
#[test]
fn issue_cosigned_without_or_with_malformed_sm2_key_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let body = draft(request(1, city()));
		let call = |sm2_signature| {
			Certificate::issue_cosigned(
				RuntimeOrigin::signed(CITY_OP),
				body.code,
				sign(&body, 1),
				sm2_signature,
			)
		};
		assert_noop!(call(sm2_sign(&body, 11)), Error::<Test>::NoSm2Key);
		let mut off_curve = sm2_public(11);
		off_curve[64] ^= 1;
		MockDirectory::set_sm2_key(city(), off_curve);
		assert_noop!(call(sm2_sign(&body, 11)), Error::<Test>::InvalidSm2Key);
	});
}

/// The ed25519 signature is checked first, as for `issue`.
#[test]
fn issue_cosigned_with_bad_ed25519_signature_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		with_sm2_key();
		let body = draft(request(1, city()));
		assert_noop!(
			Certificate::issue_cosigned(
				RuntimeOrigin::signed(CITY_OP),
				body.code,
				sign(&body, 2),
				sm2_sign(&body, 11)
			),
			Error::<Test>::BadSignature
		);
	});
}

/// Issue 14 §2: while the data authority requires SM2, an issuance without a co-signature is
/// refused, also for an institution without an SM2 key; co-signed ones pass.
#[test]
fn issue_without_cosignature_when_required_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Certificate::set_require_sm2(RuntimeOrigin::root(), true));
		assert_event(Event::RequireSm2Set { required: true });
		assert!(RequireSm2::<Test>::get());
		let body = draft(request(1, city()));
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, 1)),
			Error::<Test>::Sm2CoSignatureRequired
		);
		with_sm2_key();
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, 1)),
			Error::<Test>::Sm2CoSignatureRequired
		);
		assert_ok!(Certificate::issue_cosigned(
			RuntimeOrigin::signed(CITY_OP),
			body.code,
			sign(&body, 1),
			sm2_sign(&body, 11)
		));
		// Optional again.
		assert_ok!(Certificate::set_require_sm2(RuntimeOrigin::root(), false));
		assert_event(Event::RequireSm2Set { required: false });
		issue_default(2);
	});
}

#[test]
fn set_require_sm2_by_non_authority_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [CITY_OP, STRANGER] {
			assert_noop!(
				Certificate::set_require_sm2(RuntimeOrigin::signed(who), true),
				DispatchError::BadOrigin
			);
		}
		assert_noop!(
			Certificate::set_require_sm2(RuntimeOrigin::root(), false),
			Error::<Test>::RequireSm2Unchanged
		);
		assert!(!RequireSm2::<Test>::get());
	});
}

/// docs/spec/DESIGN.md §7: after the SM2 key is rotated, certificates co-signed with the old key
/// keep it in their record and the issuer still lists it; new issuances use the new key.
#[test]
fn sm2_key_rotation_keeps_old_cosignatures_verifiable() {
	ExtBuilder::default().build_and_execute(|| {
		with_sm2_key();
		let old = draft(request(1, city()));
		assert_ok!(Certificate::issue_cosigned(
			RuntimeOrigin::signed(CITY_OP),
			old.code,
			sign(&old, 1),
			sm2_sign(&old, 11)
		));
		MockDirectory::set_sm2_key(city(), sm2_public(12));
		let new = draft(request(2, city()));
		assert_noop!(
			Certificate::issue_cosigned(
				RuntimeOrigin::signed(CITY_OP),
				new.code,
				sign(&new, 1),
				sm2_sign(&new, 11)
			),
			Error::<Test>::BadSm2Signature
		);
		assert_ok!(Certificate::issue_cosigned(
			RuntimeOrigin::signed(CITY_OP),
			new.code,
			sign(&new, 1),
			sm2_sign(&new, 12)
		));
		let issuer =
			<MockDirectory as dengji_primitives::traits::Directory<u64>>::institution(city())
				.unwrap();
		let old_cosig = record(old.code).sm2.unwrap();
		assert_eq!(old_cosig.key, sm2_public(11));
		assert!(issuer.has_sm2_key(&old_cosig.key));
		assert_eq!(old_cosig.verify(&payload(&old)), Ok(()));
		assert_eq!(record(new.code).sm2.unwrap().key, sm2_public(12));
	});
}

/// Issue 14 §2 (migration): v0 records (no `sm2` field) read as records without a co-signature,
/// byte for byte otherwise; the migration runs once.
#[test]
fn migration_v1_gives_old_certificates_no_cosignature() {
	ExtBuilder::default().build_and_execute(|| {
		let codes = [issue_default(1), issue_default(2)];
		let mut before = Vec::new();
		for code in codes {
			let rec = record(code);
			let old = v1::v0::CertificateRecord {
				body: rec.body.clone(),
				signature: rec.signature,
				status: rec.status,
			};
			frame_support::storage::unhashed::put_raw(
				&Certificates::<Test>::hashed_key_for(code),
				&old.encode(),
			);
			before.push(rec);
		}
		StorageVersion::new(0).put::<Certificate>();
		#[cfg(feature = "try-runtime")]
		let state = v1::MigrateV0ToV1::<Test>::pre_upgrade().unwrap();
		v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		v1::MigrateV0ToV1::<Test>::post_upgrade(state).unwrap();
		assert_eq!(Certificate::on_chain_storage_version(), 1);
		for rec in &before {
			assert_eq!(&record(rec.body.code), rec);
			assert_eq!(record(rec.body.code).sm2, None);
		}
		// Once only.
		v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
		for rec in &before {
			assert_eq!(&record(rec.body.code), rec);
		}
	});
}

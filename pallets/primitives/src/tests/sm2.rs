//! SM2/SM3 (GB/T 32918, GB/T 32905; GM/T 0003/0004) as certificates use them (docs/spec/DESIGN.md §7).

use crate::sm2::{self, Sm2CoSignature, Sm2Error, SM2_DEFAULT_DISTID};
use hex_literal::hex;

/// GB/T 32905-2016 Appendix A (GM/T 0004) example 1: SM3("abc").
#[test]
fn sm3_of_abc_matches_the_standard() {
	assert_eq!(
		sm2::sm3(b"abc"),
		hex!("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
	);
}

/// GB/T 32905-2016 Appendix A example 2: SM3 of "abcd" repeated 16 times.
#[test]
fn sm3_of_512_bits_matches_the_standard() {
	assert_eq!(
		sm2::sm3(&b"abcd".repeat(16)),
		hex!("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")
	);
}

fn payload() -> Vec<u8> {
	let mut p = crate::CERTIFICATE_DOMAIN.to_vec();
	p.extend_from_slice(&[0xAB; 32]);
	p.extend_from_slice(b"a certificate body");
	p
}

#[test]
fn cosignature_round_trips_and_stores_sm3_of_the_payload() {
	let secret = sm2::dev_secret("//Alice//sm2");
	let c = Sm2CoSignature::sign(&secret, &payload()).unwrap();
	assert_eq!(c.key[0], 0x04);
	assert_eq!(c.key, sm2::public_from_secret(&secret).unwrap());
	assert_eq!(c.sm3_digest, sm2::sm3(&payload()));
	assert_eq!(c.verify(&payload()), Ok(()));
	// Deterministic nonce: the same bytes give the same signature.
	assert_eq!(Sm2CoSignature::sign(&secret, &payload()).unwrap(), c);
}

#[test]
fn cosignature_over_other_bytes_is_refused() {
	let secret = sm2::dev_secret("//Alice//sm2");
	let c = Sm2CoSignature::sign(&secret, &payload()).unwrap();
	let mut other = payload();
	other.push(0);
	// The digest no longer matches.
	assert_eq!(c.verify(&other), Err(Sm2Error::DigestMismatch));
	// With the digest fixed up, the signature still fails.
	let forged = Sm2CoSignature { sm3_digest: sm2::sm3(&other), ..c.clone() };
	assert_eq!(forged.verify(&other), Err(Sm2Error::BadSignature));
	// Another key does not verify it.
	let bob = sm2::public_from_secret(&sm2::dev_secret("//Bob//sm2")).unwrap();
	assert_eq!(Sm2CoSignature { key: bob, ..c }.verify(&payload()), Err(Sm2Error::BadSignature));
}

/// ZA binds the distinguishing ID: a signature made with another ID does not verify under the
/// GB/T 35276 default "1234567812345678".
#[test]
fn signature_with_another_distinguishing_id_is_refused() {
	use ::sm2::dsa::{signature::Signer, Signature, SigningKey};
	let secret = sm2::dev_secret("//Alice//sm2");
	let sk = SigningKey::from_bytes("ALICE123@YAHOO.COM", (&secret).into()).unwrap();
	let sig: Signature = sk.sign(&payload());
	let key = sm2::public_from_secret(&secret).unwrap();
	assert_eq!(sm2::verify(&key, &payload(), &sig.to_bytes()), Err(Sm2Error::BadSignature));
	let sk = SigningKey::from_bytes(SM2_DEFAULT_DISTID, (&secret).into()).unwrap();
	let sig: Signature = sk.sign(&payload());
	assert_eq!(sm2::verify(&key, &payload(), &sig.to_bytes()), Ok(()));
}

#[test]
fn malformed_keys_and_signatures_are_refused() {
	let secret = sm2::dev_secret("//Alice//sm2");
	let key = sm2::public_from_secret(&secret).unwrap();
	let sig = sm2::sign(&secret, &payload()).unwrap();
	// Not on the curve.
	let mut off = key;
	off[64] ^= 1;
	assert_eq!(sm2::validate_public(&off), Err(Sm2Error::MalformedKey));
	assert_eq!(sm2::verify(&off, &payload(), &sig), Err(Sm2Error::MalformedKey));
	// Hybrid/compressed tags and all zeros.
	for tag in [0x00, 0x02, 0x03, 0x06, 0x07] {
		let mut k = key;
		k[0] = tag;
		assert_eq!(sm2::validate_public(&k), Err(Sm2Error::MalformedKey), "tag {tag:#x}");
	}
	assert_eq!(sm2::validate_public(&[0; 65]), Err(Sm2Error::MalformedKey));
	assert_eq!(sm2::validate_public(&key), Ok(()));
	// r = 0, and s = 0xff…ff (not below the order).
	let mut zero_r = sig;
	zero_r[..32].fill(0);
	assert_eq!(sm2::verify(&key, &payload(), &zero_r), Err(Sm2Error::MalformedSignature));
	let mut big_s = sig;
	big_s[32..].fill(0xff);
	assert_eq!(sm2::verify(&key, &payload(), &big_s), Err(Sm2Error::MalformedSignature));
	// Secret zero.
	assert_eq!(sm2::public_from_secret(&[0; 32]), Err(Sm2Error::MalformedSecret));
}

/// Issue 14 (speed): the cost of one SM2-with-SM3 verification of a certificate payload against
/// one ed25519 `verify_strict`, natively. Not a check; run with
/// `cargo test -p dengji-primitives --features sm2 --release -- --ignored --nocapture sm2_cost`.
#[test]
#[ignore = "timing, run on demand"]
fn sm2_cost_against_ed25519() {
	use ed25519_dalek::{Signer, SigningKey};
	use std::time::Instant;
	let payload = payload();
	let secret = sm2::dev_secret("//Alice//sm2");
	let c = Sm2CoSignature::sign(&secret, &payload).unwrap();
	let ed = SigningKey::from_bytes(&[7; 32]);
	let ed_sig = ed.sign(&payload);
	let n = 500u32;
	let t = Instant::now();
	for _ in 0..n {
		c.verify(&payload).unwrap();
	}
	let sm2_each = t.elapsed() / n;
	let t = Instant::now();
	for _ in 0..n {
		ed.verifying_key().verify_strict(&payload, &ed_sig).unwrap();
	}
	let ed_each = t.elapsed() / n;
	println!(
		"SM2+SM3 co-signature check {sm2_each:?}, ed25519 verify_strict {ed_each:?}, ratio {:.1}",
		sm2_each.as_secs_f64() / ed_each.as_secs_f64()
	);
}

//! National (商用密码) algorithms: SM3 digests (GM/T 0004-2012, GB/T 32905) and SM2 signatures
//! (GM/T 0003-2012, GB/T 32918.2) with SM3, over the same domain-separated certificate signing
//! payload the ed25519 signature covers ([`dengji_primitives::CertificateBody::signing_payload`]).
//!
//! One rule, one place: the arithmetic is `dengji_primitives::sm2` (RustCrypto `sm2`/`sm3`, pure
//! Rust, `no_std`), the same code the runtime checks co-signatures with at issuance; this module
//! turns its failures into typed [`VerifyError`]s naming the certificate and key.
//!
//! Keys are SEC1 uncompressed points (`04 ‖ x ‖ y`, 65 bytes, as GM/T 0009 and Chinese CAs export
//! them); signatures `r ‖ s` (64 bytes); the signer's distinguishing identifier is the default of
//! GB/T 35276-2017 (`1234567812345678`, [`SM2_DEFAULT_DISTID`]): a signature made with another
//! identifier does not verify. Tests: the SM3 examples of GM/T 0004 and SM2 signatures checked
//! against an independent implementation (`gmssl` from PyPI) in both directions
//! (tests/national.rs).

use crate::VerifyError;
use dengji_primitives::{sm2, CertificateCode, Sm2CoSignature, Sm2Error, Sm2Public, Sm2Signature};

pub use dengji_primitives::{Sm3Digest, SM2_DEFAULT_DISTID};

/// SM3 digest (GM/T 0004-2012) of `data`.
pub fn sm3(data: &[u8]) -> Sm3Digest {
	sm2::sm3(data)
}

/// Checks that `key` is an uncompressed point on the SM2 curve.
pub fn check_sm2_public(key: &Sm2Public) -> Result<(), VerifyError> {
	sm2::validate_public(key).map_err(|_| VerifyError::Sm2KeyMalformed { key: *key })
}

/// Verifies an SM2-with-SM3 signature (GB/T 32918.2: `e = SM3(Z ‖ message)`, `Z` from
/// [`SM2_DEFAULT_DISTID`] and the key) of `message` by `key`, for certificate `code` (named in
/// the error).
pub fn verify_sm2(
	code: &CertificateCode,
	key: &Sm2Public,
	message: &[u8],
	signature: &Sm2Signature,
) -> Result<(), VerifyError> {
	sm2::verify(key, message, signature).map_err(|e| typed(e, code, key))
}

/// Checks a certificate's co-signature over its signing `payload`: the recorded SM3 digest is
/// SM3 of the payload ([`VerifyError::Sm3DigestMismatch`]), then the signature verifies.
pub fn verify_co_signature(
	code: &CertificateCode,
	co: &Sm2CoSignature,
	payload: &[u8],
) -> Result<Sm3Digest, VerifyError> {
	let digest = sm3(payload);
	if digest != co.sm3_digest {
		return Err(VerifyError::Sm3DigestMismatch { expected: digest, found: co.sm3_digest });
	}
	verify_sm2(code, &co.key, payload, &co.signature)?;
	Ok(digest)
}

fn typed(e: Sm2Error, code: &CertificateCode, key: &Sm2Public) -> VerifyError {
	match e {
		Sm2Error::MalformedKey => VerifyError::Sm2KeyMalformed { key: *key },
		Sm2Error::MalformedSignature => VerifyError::Sm2SignatureMalformed { code: *code },
		// `MalformedSecret` and `DigestMismatch` do not arise from `verify`; refuse all the same.
		Sm2Error::BadSignature | Sm2Error::DigestMismatch | Sm2Error::MalformedSecret => {
			VerifyError::BadSm2Signature { code: *code, key: *key }
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn hex(b: &[u8]) -> alloc::string::String {
		b.iter().map(|x| alloc::format!("{x:02x}")).collect()
	}

	/// GM/T 0004-2012 Appendix A.1: SM3("abc").
	#[test]
	fn sm3_gmt_0004_example_1() {
		assert_eq!(
			hex(&sm3(b"abc")),
			"66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
		);
	}

	/// GM/T 0004-2012 Appendix A.2: SM3 of "abcd" repeated 16 times (64 bytes).
	#[test]
	fn sm3_gmt_0004_example_2() {
		assert_eq!(
			hex(&sm3(&b"abcd".repeat(16))),
			"debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
		);
	}

	#[test]
	fn malformed_keys_and_signatures_are_typed_errors() {
		let division = dengji_primitives::DivisionCode::new(530400).expect("division");
		let code = CertificateCode::new(division, 2026, 123).expect("code");
		// Not on the curve.
		let off_curve = [4u8; 65];
		assert_eq!(
			check_sm2_public(&off_curve),
			Err(VerifyError::Sm2KeyMalformed { key: off_curve })
		);
		assert_eq!(
			verify_sm2(&code, &off_curve, b"m", &[1; 64]),
			Err(VerifyError::Sm2KeyMalformed { key: off_curve })
		);
		// A valid key; r = 0 is outside [1, n-1], so is s = n.
		let key = sm2::public_from_secret(&[7; 32]).expect("key");
		assert_eq!(
			verify_sm2(&code, &key, b"m", &[0; 64]),
			Err(VerifyError::Sm2SignatureMalformed { code })
		);
		let mut sig = [1u8; 64];
		let n = hex_decode("fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123");
		sig[32..].copy_from_slice(&n);
		assert_eq!(
			verify_sm2(&code, &key, b"m", &sig),
			Err(VerifyError::Sm2SignatureMalformed { code })
		);
		// In range but wrong.
		assert_eq!(
			verify_sm2(&code, &key, b"m", &[1; 64]),
			Err(VerifyError::BadSm2Signature { code, key })
		);
		// Right signature, other message.
		let good = sm2::sign(&[7; 32], b"m").expect("sign");
		assert_eq!(verify_sm2(&code, &key, b"m", &good), Ok(()));
		assert_eq!(
			verify_sm2(&code, &key, b"n", &good),
			Err(VerifyError::BadSm2Signature { code, key })
		);
	}

	fn hex_decode(s: &str) -> alloc::vec::Vec<u8> {
		(0..s.len())
			.step_by(2)
			.map(|i| {
				u8::from_str_radix(s.get(i..i.saturating_add(2)).unwrap_or("00"), 16).unwrap_or(0)
			})
			.collect()
	}
}

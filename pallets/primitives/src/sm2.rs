//! SM2/SM3 co-signatures of certificates (national cryptography: GB/T 32918 SM2, GB/T 32905 SM3,
//! GM/T 0003/0004; docs/spec/DESIGN.md §7; issue 14 §2).
//!
//! An institution that has an SM2 key registered by the data authority (`pallet-institutions`)
//! co-signs each certificate it issues: the SM2 signature covers **the same bytes** the ed25519
//! signature covers, [`CertificateBody::signing_payload`](crate::CertificateBody::signing_payload)
//! (`CERTIFICATE_DOMAIN ++ genesis_hash ++ SCALE(body)`), as SM2-with-SM3 with the GB/T 35276
//! default distinguishing ID [`SM2_DEFAULT_DISTID`]:
//!
//! ```text
//! M   = CERTIFICATE_DOMAIN ++ genesis_hash ++ SCALE(body)
//! ZA  = SM3(ENTL_A ++ "1234567812345678" ++ a ++ b ++ xG ++ yG ++ xA ++ yA)   (ENTL_A = 0x0080)
//! e   = SM3(ZA ++ M)                                      (GB/T 32918.2 §6.1 A1–A2)
//! signature = r ++ s                                      (32-byte big-endian each)
//! sm3_digest = SM3(M)                                     (stored in the record; no ZA)
//! ```
//!
//! Keys are SEC1 **uncompressed** points `0x04 ++ x ++ y` (65 bytes): the encoding of GM/T 0009 /
//! GB/T 35276 and of what Chinese CAs, GmSSL and Bouncy Castle export, so a bank can compare the key
//! byte for byte with its certificate; neither the runtime nor the verifier has to decompress.
//!
//! The types are plain byte arrays and always available (the verifier decodes them from storage
//! proofs); the checks need the `sm2` feature (RustCrypto `sm2`/`sm3`, pure Rust, `no_std`).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The GB/T 35276 (and GM/T 0009) default distinguishing ID used in `ZA`.
pub const SM2_DEFAULT_DISTID: &str = "1234567812345678";

/// An SM2 public key: SEC1 uncompressed point `0x04 ++ x ++ y` (65 bytes).
pub type Sm2Public = [u8; 65];
/// An SM2 signature `r ++ s`, each a 32-byte big-endian scalar.
pub type Sm2Signature = [u8; 64];
/// An SM3 digest (32 bytes).
pub type Sm3Digest = [u8; 32];

/// An SM2 co-signature of a certificate, stored in
/// [`CertificateRecord::sm2`](crate::CertificateRecord::sm2).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Sm2CoSignature {
	/// The institution's SM2 key that signed (its current key at issuance).
	pub key: Sm2Public,
	/// `SM3(signing_payload)`: the SM3 digest of the signed bytes (without `ZA`).
	pub sm3_digest: Sm3Digest,
	/// SM2 signature (`r ++ s`) over `signing_payload` with [`SM2_DEFAULT_DISTID`].
	pub signature: Sm2Signature,
}

/// Why an SM2 key, signature or co-signature is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Sm2Error {
	/// The key is not an uncompressed SEC1 point on the SM2 curve (or is the identity).
	MalformedKey,
	/// `r` or `s` is zero or not below the group order.
	MalformedSignature,
	/// The stored SM3 digest is not the SM3 digest of the signed bytes.
	DigestMismatch,
	/// The signature does not verify with this key, this distinguishing ID and these bytes.
	BadSignature,
	/// The secret key is zero or not below the group order.
	MalformedSecret,
}

impl core::fmt::Display for Sm2Error {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str(match self {
			Sm2Error::MalformedKey => "SM2 public key is not an uncompressed point on the curve",
			Sm2Error::MalformedSignature => "SM2 signature r or s out of range",
			Sm2Error::DigestMismatch => "SM3 digest does not match the signed certificate body",
			Sm2Error::BadSignature => "SM2 signature does not verify",
			Sm2Error::MalformedSecret => "SM2 secret key out of range",
		})
	}
}

#[cfg(feature = "sm2")]
mod imp {
	use super::*;
	use ::sm2::dsa::{
		signature::{Signer, Verifier},
		Signature, SigningKey, VerifyingKey,
	};
	use ::sm3::{Digest as _, Sm3};

	/// SM3 (GB/T 32905) of `data`.
	pub fn sm3(data: &[u8]) -> Sm3Digest {
		Sm3::digest(data).into()
	}

	fn verifying_key(key: &Sm2Public) -> Result<VerifyingKey, Sm2Error> {
		// Only the uncompressed form: one encoding per key, compared byte for byte.
		if key[0] != 0x04 {
			return Err(Sm2Error::MalformedKey);
		}
		VerifyingKey::from_sec1_bytes(SM2_DEFAULT_DISTID, key).map_err(|_| Sm2Error::MalformedKey)
	}

	/// Checks that `key` is an uncompressed SEC1 point on the SM2 curve.
	pub fn validate_public(key: &Sm2Public) -> Result<(), Sm2Error> {
		verifying_key(key).map(|_| ())
	}

	/// Verifies an SM2-with-SM3 signature over `message` with the default distinguishing ID.
	pub fn verify(
		key: &Sm2Public,
		message: &[u8],
		signature: &Sm2Signature,
	) -> Result<(), Sm2Error> {
		let vk = verifying_key(key)?;
		let sig = Signature::from_bytes(signature).map_err(|_| Sm2Error::MalformedSignature)?;
		vk.verify(message, &sig).map_err(|_| Sm2Error::BadSignature)
	}

	fn signing_key(secret: &[u8; 32]) -> Result<SigningKey, Sm2Error> {
		SigningKey::from_bytes(SM2_DEFAULT_DISTID, secret.into())
			.map_err(|_| Sm2Error::MalformedSecret)
	}

	/// The uncompressed public key of an SM2 secret key (big-endian scalar).
	pub fn public_from_secret(secret: &[u8; 32]) -> Result<Sm2Public, Sm2Error> {
		use ::sm2::elliptic_curve::sec1::ToEncodedPoint;
		let sk = signing_key(secret)?;
		let point = sk.verifying_key().to_encoded_point(false);
		Sm2Public::try_from(point.as_bytes()).map_err(|_| Sm2Error::MalformedKey)
	}

	/// Signs `message` (SM2-with-SM3, default distinguishing ID, deterministic nonce as in
	/// RFC 6979 with SM3, which GB/T 32918.2 permits: any uniformly chosen `k`).
	pub fn sign(secret: &[u8; 32], message: &[u8]) -> Result<Sm2Signature, Sm2Error> {
		let sk = signing_key(secret)?;
		let sig: Signature = sk.try_sign(message).map_err(|_| Sm2Error::MalformedSecret)?;
		Ok(sig.to_bytes())
	}

	/// DEVELOPMENT ONLY: the SM2 secret key of a development URI such as `//Alice//sm2`,
	/// `SM3("dengji:sm2-dev:" ++ uri)` (the chain-spec presets and `dengji key` derive the dev
	/// institutions' keys this way; public, never for production).
	pub fn dev_secret(uri: &str) -> [u8; 32] {
		let mut h = Sm3::new();
		h.update(b"dengji:sm2-dev:");
		h.update(uri.as_bytes());
		h.finalize().into()
	}

	impl Sm2CoSignature {
		/// Co-signs `payload` (a certificate's `signing_payload`) with `secret`.
		pub fn sign(secret: &[u8; 32], payload: &[u8]) -> Result<Self, Sm2Error> {
			Ok(Self {
				key: public_from_secret(secret)?,
				sm3_digest: sm3(payload),
				signature: sign(secret, payload)?,
			})
		}

		/// Checks the co-signature against `payload`: the stored digest is `SM3(payload)` and the
		/// signature verifies with `key` and the default distinguishing ID. Whether `key` belongs
		/// to the issuer is the caller's check (current or retired SM2 key of the institution).
		pub fn verify(&self, payload: &[u8]) -> Result<(), Sm2Error> {
			if sm3(payload) != self.sm3_digest {
				return Err(Sm2Error::DigestMismatch);
			}
			verify(&self.key, payload, &self.signature)
		}
	}
}

#[cfg(feature = "sm2")]
pub use imp::{dev_secret, public_from_secret, sign, sm3, validate_public, verify};

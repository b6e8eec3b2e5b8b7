//! SM2/SM3 co-signatures of certificates (GB/T 32918, GB/T 32905; issue 14 §2;
//! docs/spec/DESIGN.md §7): an institution's SM2 key, the co-signed issuance, and the data
//! authority's calls that register SM2 keys and make co-signatures mandatory.
//!
//! The SM2 signature covers the same bytes as the ed25519 one,
//! `CertificateBody::signing_payload(genesis_hash)`, with the GB/T 35276 default distinguishing
//! ID "1234567812345678" ([`dengji_primitives::sm2`]).

use crate::{
	call::{Arg, Call},
	error::{KeyError, Missing, Result},
	roles::pallets,
	signer::{CertificateKey, Signer},
	Client, Submitted,
};
use dengji_primitives::{
	sm2, CertificateCode, DivisionCode, Ed25519Signature, Sm2Public, Sm2Signature,
};

/// An institution's SM2 co-signing key (the secret scalar, big-endian).
#[derive(Clone)]
pub struct Sm2Key {
	secret: [u8; 32],
	public: Sm2Public,
}

impl std::fmt::Debug for Sm2Key {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "Sm2Key(0x{})", hex::encode(self.public))
	}
}

impl Sm2Key {
	/// From a 32-byte secret scalar (in `[1, n-1]`).
	pub fn from_secret(secret: [u8; 32]) -> Result<Self> {
		let public = sm2::public_from_secret(&secret).map_err(sm2_error)?;
		Ok(Self { secret, public })
	}

	/// From `0x<64 hex digits>` (the secret scalar) or a development URI such as `//Alice//sm2`
	/// (secret `SM3("dengji:sm2-dev:" ++ uri)`, [`sm2::dev_secret`]: the dev chains' keys,
	/// public, never for production).
	pub fn from_suri(suri: &str) -> Result<Self> {
		let suri = suri.trim();
		if let Some(hex_secret) = suri.strip_prefix("0x") {
			let bytes = hex::decode(hex_secret)
				.map_err(|e| KeyError::Seed(format!("SM2 secret hex: {e}")))?;
			let secret: [u8; 32] = bytes
				.try_into()
				.map_err(|_| KeyError::Seed("an SM2 secret is 32 bytes (64 hex digits)".into()))?;
			Self::from_secret(secret)
		} else if suri.starts_with("//") {
			Self::from_secret(sm2::dev_secret(suri))
		} else {
			Err(KeyError::Suri(
				"an SM2 key is `0x` + 64 hex digits (the secret) or a development URI `//Name//sm2`"
					.into(),
			)
			.into())
		}
	}

	/// A new random key (from the operating system's random source, `/dev/urandom`).
	pub fn generate() -> Result<Self> {
		use std::io::Read;
		let mut urandom = std::fs::File::open("/dev/urandom")
			.map_err(|e| KeyError::Seed(format!("random source /dev/urandom: {e}")))?;
		loop {
			let mut secret = [0u8; 32];
			urandom
				.read_exact(&mut secret)
				.map_err(|e| KeyError::Seed(format!("random source /dev/urandom: {e}")))?;
			// Out of range (zero or ≥ n) with probability below 2^-32: draw again.
			if let Ok(key) = Self::from_secret(secret) {
				return Ok(key);
			}
		}
	}

	/// The secret scalar (for storing the key; handle with care).
	pub fn secret(&self) -> [u8; 32] {
		self.secret
	}

	/// The public key (uncompressed SEC1, 65 bytes), as the data authority registers it.
	pub fn public(&self) -> Sm2Public {
		self.public
	}

	/// SM2-with-SM3 signature of `payload` with the default distinguishing ID.
	pub fn sign(&self, payload: &[u8]) -> Result<Sm2Signature> {
		sm2::sign(&self.secret, payload).map_err(sm2_error)
	}
}

fn sm2_error(e: dengji_primitives::Sm2Error) -> crate::Error {
	KeyError::Seed(format!("SM2: {e}")).into()
}

/// `Certificate::issue_cosigned`: the ed25519 signature and the SM2 co-signature over the
/// draft's `signing_payload(genesis_hash)`. See [`Client::issue_certificate_cosigned`].
pub fn issue_cosigned(
	code: CertificateCode,
	signature: Ed25519Signature,
	sm2_signature: Sm2Signature,
) -> Call {
	Call::new(
		pallets::CERTIFICATE,
		"issue_cosigned",
		vec![Arg::scale(&code), Arg::scale(&signature), Arg::scale(&sm2_signature)],
	)
}

/// `Institutions::set_sm2_key` (data authority, or the city authority for its counties):
/// registers or rotates an institution's SM2 key; old keys stay for old certificates.
pub fn set_sm2_key(division: DivisionCode, key: Sm2Public) -> Call {
	Call::new(pallets::INSTITUTIONS, "set_sm2_key", vec![Arg::scale(&division), Arg::scale(&key)])
}

/// `Certificate::set_require_sm2` (data authority): makes SM2 co-signatures mandatory or
/// optional for every issuance.
pub fn set_require_sm2(required: bool) -> Call {
	Call::new(pallets::CERTIFICATE, "set_require_sm2", vec![Arg::scale(&required)])
}

impl Client {
	/// Issues a drafted certificate co-signed with SM2: reads the draft, checks that `key` is
	/// the draft's issuer key and `sm2` the issuer's current SM2 key, signs
	/// `signing_payload(genesis_hash)` with both and submits `Certificate::issue_cosigned`.
	pub async fn issue_certificate_cosigned(
		&self,
		code: &CertificateCode,
		key: &CertificateKey,
		sm2: &Sm2Key,
		signer: &Signer,
	) -> Result<Submitted> {
		let reader = self.reader();
		let draft = reader.fetch_draft(code).await?.ok_or(Missing::Draft(*code))?;
		if draft.issuer_key != key.public() {
			let (draft, given) = (draft.issuer_key, key.public());
			return Err(KeyError::IssuerKeyMismatch { code: *code, draft, given }.into());
		}
		let institution = reader
			.fetch_institution(&draft.issuer)
			.await?
			.ok_or(Missing::Institution(draft.issuer))?;
		if institution.sm2_key != Some(sm2.public()) {
			return Err(KeyError::Seed(format!(
				"the SM2 key 0x{} is not the current SM2 key of institution {} ({})",
				hex::encode(sm2.public()),
				draft.issuer,
				institution
					.sm2_key
					.map_or_else(|| "it has none".into(), |k| format!("0x{}", hex::encode(k)))
			))
			.into());
		}
		let payload = draft.signing_payload(&reader.genesis_hash());
		let call = issue_cosigned(*code, key.sign(&payload), sm2.sign(&payload)?);
		self.submit(&call, signer).await
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn dev_uri_and_hex_secret_give_the_same_key() {
		let dev = Sm2Key::from_suri("//Alice//sm2").unwrap();
		let hex = Sm2Key::from_suri(&format!("0x{}", hex::encode(dev.secret()))).unwrap();
		assert_eq!(dev.public(), hex.public());
		assert_eq!(dev.public()[0], 0x04);
		assert_ne!(dev.public(), Sm2Key::from_suri("//Bob//sm2").unwrap().public());
		let payload = b"payload";
		assert_eq!(sm2::verify(&dev.public(), payload, &dev.sign(payload).unwrap()), Ok(()));
	}

	#[test]
	fn malformed_sm2_secrets_are_refused() {
		for bad in ["Alice", "0x12", &format!("0x{}", "00".repeat(32)), "0xzz"] {
			assert!(Sm2Key::from_suri(bad).is_err(), "{bad}");
		}
		let k = Sm2Key::generate().unwrap();
		assert_eq!(Sm2Key::from_secret(k.secret()).unwrap().public(), k.public());
	}
}

//! Offline certificate signing (issue 11 §5; docs/spec/DESIGN.md §7): an institution's
//! certificate key never needs to be on a networked machine.
//!
//! 1. Online, [`Client::certificate_payload`] reads the draft and exports exactly the bytes the
//!    certificate key signs: `CERTIFICATE_DOMAIN ++ genesis_hash ++ SCALE(CertificateBody)`
//!    (domain-separated, bound to the chain). The SM2 co-signature (GB/T 32918, issue 14) covers
//!    the same bytes, hashed by SM2 with SM3 and the default distinguishing ID
//!    `1234567812345678`, so one payload serves both.
//! 2. Air-gapped, [`SignedPayload::parse`] decodes the payload (so the signer sees what it
//!    signs and refuses anything that is not a certificate body) and the key signs it
//!    ([`CertificateKey::sign`](crate::CertificateKey::sign), [`Sm2Key::sign`](crate::Sm2Key::sign)).
//! 3. Online, [`Client::issue_signed`] checks the signatures against the draft and the issuer's
//!    registered keys before it submits `Certificate::issue` or `issue_cosigned`.

use crate::{
	error::{Error, KeyError, Missing, Result},
	roles, sm2, Client, Submitted,
};
use codec::Decode;
use dengji_primitives::{
	certificate::CERTIFICATE_DOMAIN, CertificateBody, CertificateCode, Ed25519Signature, Sm2Public,
	Sm2Signature,
};

/// A draft's signing payload and what it is about.
#[derive(Clone, Debug)]
pub struct CertificatePayload {
	/// The draft.
	pub body: CertificateBody,
	/// The chain's genesis hash the payload is bound to.
	pub genesis_hash: [u8; 32],
	/// The issuing institution's current SM2 key, when it has one (the co-signature must verify
	/// under it).
	pub sm2_key: Option<Sm2Public>,
	/// `CERTIFICATE_DOMAIN ++ genesis_hash ++ SCALE(body)`: what the keys sign.
	pub bytes: Vec<u8>,
}

/// The pieces of a signing payload, decoded offline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedPayload {
	/// The chain's genesis hash.
	pub genesis_hash: [u8; 32],
	/// The certificate body.
	pub body: CertificateBody,
}

impl SignedPayload {
	/// Decodes `CERTIFICATE_DOMAIN ++ genesis_hash ++ SCALE(body)`, all of it: anything else
	/// (another domain, trailing bytes) is refused, so the key signs certificate bodies only.
	pub fn parse(bytes: &[u8]) -> Result<Self> {
		let bad =
			|reason: &str| Error::Decode { what: "certificate payload", reason: reason.into() };
		let rest = bytes.strip_prefix(CERTIFICATE_DOMAIN).ok_or_else(|| {
			bad("does not start with the certificate domain dengji:certificate:v1")
		})?;
		let (genesis, mut body) =
			rest.split_first_chunk::<32>().ok_or_else(|| bad("no genesis hash"))?;
		let decoded = CertificateBody::decode(&mut body).map_err(|e| bad(&e.to_string()))?;
		if !body.is_empty() {
			return Err(bad("trailing bytes after the certificate body"));
		}
		Ok(Self { genesis_hash: *genesis, body: decoded })
	}

	/// The payload's bytes again.
	pub fn bytes(&self) -> Vec<u8> {
		self.body.signing_payload(&self.genesis_hash)
	}
}

/// Checks an ed25519 signature of `payload` under `key` (strict, as the chain checks it).
pub fn check_ed25519(key: &[u8; 32], payload: &[u8], signature: &Ed25519Signature) -> bool {
	ed25519_dalek::VerifyingKey::from_bytes(key)
		.and_then(|k| k.verify_strict(payload, &ed25519_dalek::Signature::from_bytes(signature)))
		.is_ok()
}

impl Client {
	/// The signing payload of the draft of `code` (step 1 of the module docs).
	pub async fn certificate_payload(&self, code: &CertificateCode) -> Result<CertificatePayload> {
		let reader = self.reader();
		let body = reader.fetch_draft(code).await?.ok_or(Missing::Draft(*code))?;
		let institution = reader
			.fetch_institution(&body.issuer)
			.await?
			.ok_or(Missing::Institution(body.issuer))?;
		let genesis_hash = reader.genesis_hash();
		let bytes = body.signing_payload(&genesis_hash);
		Ok(CertificatePayload { body, genesis_hash, sm2_key: institution.sm2_key, bytes })
	}

	/// Issues the draft of `code` with signatures made elsewhere (step 3): each is checked
	/// against the draft's payload — the ed25519 one under the draft's issuer key, the SM2 one
	/// under the institution's current SM2 key — before `Certificate::issue` (or
	/// `issue_cosigned` with `sm2_signature`) is submitted; a signature of another draft, chain
	/// or key is refused as [`KeyError::BadSignature`] and nothing is sent.
	pub async fn issue_signed(
		&self,
		code: &CertificateCode,
		signature: Ed25519Signature,
		sm2_signature: Option<Sm2Signature>,
		signer: &crate::Signer,
	) -> Result<Submitted> {
		let payload = self.certificate_payload(code).await?;
		if !check_ed25519(&payload.body.issuer_key, &payload.bytes, &signature) {
			return Err(KeyError::BadSignature {
				code: *code,
				scheme: "ed25519",
				key: payload.body.issuer_key.to_vec(),
			}
			.into());
		}
		let call = match sm2_signature {
			None => roles::institution::issue(*code, signature),
			Some(sm2_sig) => {
				let key = payload.sm2_key.ok_or_else(|| KeyError::BadSignature {
					code: *code,
					scheme: "sm2 (the institution has no SM2 key)",
					key: Vec::new(),
				})?;
				if dengji_primitives::sm2::verify(&key, &payload.bytes, &sm2_sig).is_err() {
					return Err(KeyError::BadSignature {
						code: *code,
						scheme: "sm2",
						key: key.to_vec(),
					}
					.into());
				}
				sm2::issue_cosigned(*code, signature, sm2_sig)
			}
		};
		self.submit(&call, signer).await
	}
}

/// Test fixtures of offline signing, shared with the CLI's tests (feature `test-fixtures`).
#[cfg(any(test, feature = "test-fixtures"))]
pub mod fixtures {
	use dengji_primitives::{
		certificate::IssuingAct, CertificateBody, CertificateCode, DivisionCode, ObjectKind, Uscc,
	};

	/// A first-time certificate body of a data resource (数据名称 `玉溪水质`) of a demo subject,
	/// issued by Yuxi (530400) under `issuer_key`.
	pub fn certificate_body(issuer_key: [u8; 32]) -> CertificateBody {
		let division = DivisionCode::new(530400).expect("a division code");
		let uscc = (0..10u32)
			.find_map(|n| {
				let s = format!("91530400DJDEM000{n}");
				let c = Uscc::check_character(s.as_bytes())?;
				Uscc::from_bytes(&[s.as_bytes(), &[c]].concat()).ok()
			})
			.expect("a USCC");
		CertificateBody {
			code: CertificateCode::new(division, 2026, 1).expect("a code"),
			registration: 1,
			act: IssuingAct::FirstTime,
			object: ObjectKind::DataResource,
			subject: uscc,
			subject_name: b"subject".to_vec().try_into().expect("a name"),
			data_name: "玉溪水质".as_bytes().to_vec().try_into().expect("a name"),
			content_digest: [1; 32],
			issuer: division,
			issuer_key,
			issued_on: 20_000,
			issued_at: 1,
			valid_until: 2,
			previous: None,
		}
	}
}

#[cfg(test)]
mod tests {
	use super::{fixtures::certificate_body as body, *};

	#[test]
	fn a_payload_decodes_to_its_body_and_nothing_else_is_accepted() {
		// DESIGN §7: the key signs domain ++ genesis ++ body, nothing else.
		let key = crate::CertificateKey::from_suri("//Alice//cert").unwrap();
		let b = body(key.public());
		let bytes = b.signing_payload(&[7; 32]);
		let parsed = SignedPayload::parse(&bytes).unwrap();
		assert_eq!((parsed.genesis_hash, &parsed.body), ([7; 32], &b));
		assert_eq!(parsed.bytes(), bytes);
		let sig = key.sign(&bytes);
		assert!(check_ed25519(&key.public(), &bytes, &sig));
		assert!(!check_ed25519(&key.public(), &b.signing_payload(&[8; 32]), &sig), "other chain");
		let mut trailing = bytes.clone();
		trailing.push(0);
		assert!(SignedPayload::parse(&trailing).is_err());
		assert!(SignedPayload::parse(b"dengji:other:v1 and more bytes than a hash").is_err());
		assert!(SignedPayload::parse(&bytes[..bytes.len() - 1]).is_err());
	}
}

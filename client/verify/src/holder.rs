//! Proof that the presenter holds the certificate (YX-R §30), and the holder's consent to a
//! verifier seeing the details (requirements §6 Q24).
//!
//! A certificate proves that its subject holds the data; a bank must also know that whoever
//! presents it *is* that subject. The subject's accounts (its staff keys, `Institutions::Subjects
//! [uscc].accounts`) are on chain, so the verifier asks the presenter to sign a fresh challenge
//! with one of them:
//!
//! 1. the verifier issues a [`Challenge`]: a random nonce, the certificate code, the verifier's
//!    own name, an expiry and the chain's genesis hash;
//! 2. the holder signs it with a subject account's key (sr25519, as the account signs
//!    transactions, or ed25519) and returns a [`Presentation`];
//! 3. the verifier calls [`verify_presentation`] with the challenge it issued, the presentation and
//!    a proof bundle that also proves the subject's record ([`ProofBundle::holder_proof`], a
//!    version-2 bundle): the challenge is the one issued and unexpired, the signature verifies,
//!    the bundle verifies ([`crate::verify_detailed`]) and the signing account is among the
//!    accounts of the certificate's subject in the proved state.
//!
//! A [`ConsentToken`] is the subject's signed, time-limited permission for one verifier (named by
//! its ed25519 public key) to see one certificate's details on the registration platform; the
//! platform checks it with [`ConsentToken::check`] and the subject's accounts.
//!
//! Signed bytes: `DOMAIN ++ SCALE(statement)`, with [`PRESENTATION_DOMAIN`] or [`CONSENT_DOMAIN`],
//! so neither can be replayed as the other or as a transaction. sr25519 signatures use the
//! `substrate` signing context, as Substrate accounts sign.

use crate::{
	keys, trie::ReadProof, trust::TrustRoot, verify::verify_detailed, Hash, Policy, ProofBundle,
	UnixTimeMs, Verification, VerifyError, MAX_DECODE_DEPTH,
};
use alloc::{string::String, vec::Vec};
use codec::{Decode, DecodeLimit, Encode};
use dengji_primitives::{BoundedName, CertificateCode, DivisionCode, Moment, Uscc};

/// Domain separator of the bytes a holder signs for a [`Presentation`].
pub const PRESENTATION_DOMAIN: &[u8] = b"dengji/holder-presentation/v1";
/// Domain separator of the bytes a holder signs for a [`ConsentToken`].
pub const CONSENT_DOMAIN: &[u8] = b"dengji/consent/v1";
/// Longest verifier name in a challenge, in bytes (UTF-8).
pub const MAX_VERIFIER_NAME: usize = 256;
/// Magic bytes of a consent token's binary form.
pub const CONSENT_MAGIC: [u8; 4] = *b"DJCT";
/// Version of the consent token's binary form.
pub const CONSENT_VERSION: u8 = 1;
/// Largest consent token accepted (binary form; a token is 183 bytes).
pub const MAX_CONSENT_SIZE: usize = 1024;
/// The sr25519 signing context of Substrate accounts.
const SR25519_CONTEXT: &[u8] = b"substrate";

/// What a verifier asks the presenter to sign (YX-R §30).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Challenge {
	/// The chain (its genesis hash): a challenge of one chain is no answer on another.
	#[cfg_attr(feature = "serde", serde(with = "crate::fmt::hex_serde::array"))]
	pub genesis_hash: Hash,
	/// The certificate presented.
	pub code: CertificateCode,
	/// The verifier's own name (UTF-8, 1 to [`MAX_VERIFIER_NAME`] bytes), so a presentation
	/// made for one verifier is not accepted by another.
	pub verifier: String,
	/// A random nonce the verifier keeps until the presentation comes back.
	#[cfg_attr(feature = "serde", serde(with = "crate::fmt::hex_serde::array"))]
	pub nonce: [u8; 32],
	/// Last instant (ms since the epoch, the verifier's clock) the answer is accepted.
	pub expires_at: Moment,
}

impl Challenge {
	/// A challenge; refuses an empty or over-long verifier name.
	pub fn new(
		genesis_hash: Hash,
		code: CertificateCode,
		verifier: String,
		nonce: [u8; 32],
		expires_at: Moment,
	) -> Result<Self, VerifyError> {
		let c = Self { genesis_hash, code, verifier, nonce, expires_at };
		c.check_well_formed()?;
		Ok(c)
	}

	fn check_well_formed(&self) -> Result<(), VerifyError> {
		if self.verifier.is_empty() || self.verifier.len() > MAX_VERIFIER_NAME {
			return Err(VerifyError::decode(
				"challenge",
				alloc::format!("verifier name must have 1 to {MAX_VERIFIER_NAME} bytes"),
			));
		}
		Ok(())
	}

	/// The bytes the holder signs: [`PRESENTATION_DOMAIN`] `++ SCALE(self)`.
	pub fn signing_payload(&self) -> Vec<u8> {
		let mut out = PRESENTATION_DOMAIN.to_vec();
		self.encode_to(&mut out);
		out
	}

	/// The first field in which `self` differs from `other`.
	fn first_difference(&self, other: &Self) -> Option<&'static str> {
		if self.nonce != other.nonce {
			Some("nonce")
		} else if self.code != other.code {
			Some("code")
		} else if self.verifier != other.verifier {
			Some("verifier")
		} else if self.expires_at != other.expires_at {
			Some("expires_at")
		} else if self.genesis_hash != other.genesis_hash {
			Some("genesis_hash")
		} else {
			None
		}
	}

	/// JSON form (`genesis_hash` and `nonce` as `0x` hex, `code` as `530400-2026-0000123-X`).
	#[cfg(feature = "json")]
	pub fn to_json(&self) -> Result<String, VerifyError> {
		serde_json::to_string_pretty(self).map_err(|e| VerifyError::decode("challenge", e))
	}

	/// Parses the JSON form.
	#[cfg(feature = "json")]
	pub fn from_json(s: &str) -> Result<Self, VerifyError> {
		if s.len() > MAX_CONSENT_SIZE.saturating_mul(4) {
			return Err(VerifyError::TooLarge {
				what: "challenge JSON",
				size: s.len(),
				limit: MAX_CONSENT_SIZE.saturating_mul(4),
			});
		}
		let c: Self =
			serde_json::from_str(s).map_err(|e| VerifyError::decode("challenge JSON", e))?;
		c.check_well_formed()?;
		Ok(c)
	}
}

/// A signature by a subject account: sr25519 (how accounts sign transactions) or ed25519.
// The SCALE derive writes the variant index with `as`.
#[allow(clippy::as_conversions)]
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum HolderSignature {
	/// Schnorrkel/Ristretto (context `substrate`).
	Sr25519(#[cfg_attr(feature = "serde", serde(with = "crate::fmt::hex_serde::array"))] [u8; 64]),
	/// Ed25519 (`verify_strict`).
	Ed25519(#[cfg_attr(feature = "serde", serde(with = "crate::fmt::hex_serde::array"))] [u8; 64]),
}

impl HolderSignature {
	/// Whether the signature verifies over `payload` under the account `signer` (its public key).
	pub fn verifies(&self, signer: &[u8; 32], payload: &[u8]) -> bool {
		match self {
			HolderSignature::Sr25519(sig) => {
				let (Ok(key), Ok(sig)) = (
					schnorrkel::PublicKey::from_bytes(signer),
					schnorrkel::Signature::from_bytes(sig),
				) else {
					return false;
				};
				key.verify_simple(SR25519_CONTEXT, payload, &sig).is_ok()
			}
			HolderSignature::Ed25519(sig) => {
				let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(signer) else {
					return false;
				};
				key.verify_strict(payload, &ed25519_dalek::Signature::from_bytes(sig)).is_ok()
			}
		}
	}
}

/// The holder's answer to a [`Challenge`] (YX-R §30).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Presentation {
	/// The challenge answered, as received.
	pub challenge: Challenge,
	/// The subject account that signed (its public key).
	#[cfg_attr(feature = "serde", serde(with = "crate::fmt::hex_serde::array"))]
	pub signer: [u8; 32],
	/// Its signature over [`Challenge::signing_payload`].
	pub signature: HolderSignature,
}

impl Presentation {
	/// JSON form.
	#[cfg(feature = "json")]
	pub fn to_json(&self) -> Result<String, VerifyError> {
		serde_json::to_string_pretty(self).map_err(|e| VerifyError::decode("presentation", e))
	}

	/// Parses the JSON form.
	#[cfg(feature = "json")]
	pub fn from_json(s: &str) -> Result<Self, VerifyError> {
		if s.len() > MAX_CONSENT_SIZE.saturating_mul(4) {
			return Err(VerifyError::TooLarge {
				what: "presentation JSON",
				size: s.len(),
				limit: MAX_CONSENT_SIZE.saturating_mul(4),
			});
		}
		serde_json::from_str(s).map_err(|e| VerifyError::decode("presentation JSON", e))
	}
}

/// The first fields of `Institutions::Subjects[uscc]` (pallet-institutions `SubjectRecord`), as
/// proved by a bundle. Fields the runtime may append later are ignored.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub struct HolderSubject {
	/// Name.
	pub name: BoundedName,
	/// Division of its seat.
	pub division: DivisionCode,
	/// The institution that admitted it.
	pub admitted_by: DivisionCode,
	/// When it was admitted (chain time, ms).
	pub admitted_at: Moment,
	/// The accounts that act as the subject (its staff keys).
	pub accounts: Vec<[u8; 32]>,
}

impl HolderSubject {
	/// Decodes a stored record (trailing fields the runtime may append are ignored).
	pub fn decode_stored(raw: &[u8]) -> Result<Self, VerifyError> {
		Self::decode_with_depth_limit(MAX_DECODE_DEPTH, &mut &*raw)
			.map_err(|e| VerifyError::decode("subject record", e))
	}

	/// Whether `account` acts as the subject.
	pub fn has_account(&self, account: &[u8; 32]) -> bool {
		self.accounts.iter().any(|a| a == account)
	}
}

/// A verified presentation: the verification of the bundle (check its verdict: a presentation of
/// a revoked certificate proves holding of a revoked certificate), the holder and the account that
/// signed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Presented {
	/// The bundle's verification (verdict and proved facts).
	pub verification: Verification,
	/// The certificate's subject (the holder).
	pub subject: Uscc,
	/// Its record as proved.
	pub holder: HolderSubject,
	/// The holder account that signed the challenge.
	pub signer: [u8; 32],
}

/// Checks a holder's presentation (YX-R §30), in order:
/// 1. the presentation answers `issued`, the challenge this verifier issued (every field), which
///    names the trust root's chain and the bundle's code;
/// 2. `now` is not after the challenge's expiry;
/// 3. the signature verifies under the account the presentation names;
/// 4. the bundle verifies ([`verify_detailed`]) and proves a certificate;
/// 5. the bundle's [`ProofBundle::holder_proof`] proves the certificate subject's record under the
///    same finalized state root, and the signing account is one of its accounts.
///
/// Each failure is its own [`VerifyError`]: `ChallengeMismatch`, `ChallengeCodeMismatch`,
/// `Expired`, `HolderSignatureInvalid`, `NoCertificate`, `HolderProofMissing`,
/// `HolderSubjectNotFound`, `NotHolderKey`, or any error of [`verify_detailed`].
pub fn verify_presentation(
	bundle: &ProofBundle,
	trust_root: &TrustRoot,
	policy: &Policy,
	now: UnixTimeMs,
	issued: &Challenge,
	presentation: &Presentation,
) -> Result<Presented, VerifyError> {
	// 1. The challenge issued, for this chain and this certificate.
	if let Some(field) = presentation.challenge.first_difference(issued) {
		return Err(VerifyError::ChallengeMismatch { field });
	}
	if issued.genesis_hash != trust_root.genesis_hash {
		return Err(VerifyError::ChallengeMismatch { field: "genesis_hash" });
	}
	if issued.code != bundle.code {
		return Err(VerifyError::ChallengeCodeMismatch {
			challenge: issued.code,
			bundle: bundle.code,
		});
	}
	// 2. Unexpired.
	let now_ms = now.as_millis();
	if now_ms > issued.expires_at {
		return Err(VerifyError::Expired {
			what: "challenge",
			expires_at: issued.expires_at,
			now: now_ms,
		});
	}
	// 3. The signature.
	if !presentation.signature.verifies(&presentation.signer, &issued.signing_payload()) {
		return Err(VerifyError::HolderSignatureInvalid {
			what: "presentation",
			signer: presentation.signer,
		});
	}
	// 4. The bundle.
	let verification = verify_detailed(bundle, trust_root, policy, now)?;
	let subject = verification
		.certificate
		.as_ref()
		.map(|r| r.body.subject)
		.ok_or(VerifyError::NoCertificate { code: bundle.code })?;
	// 5. The holder's accounts, proved under the verified header's state root.
	let holder = prove_holder(bundle, &subject)?;
	if !holder.has_account(&presentation.signer) {
		return Err(VerifyError::NotHolderKey {
			signer: presentation.signer,
			subject: *subject.as_bytes(),
		});
	}
	Ok(Presented { verification, subject, holder, signer: presentation.signer })
}

/// Reads `Institutions::Subjects[subject]` from the bundle's holder proof under its header's state
/// root. Only meaningful once the header is verified (as [`verify_presentation`] does).
fn prove_holder(bundle: &ProofBundle, subject: &Uscc) -> Result<HolderSubject, VerifyError> {
	if bundle.holder_proof.is_empty() {
		return Err(VerifyError::HolderProofMissing);
	}
	let mut proof = ReadProof::new(&bundle.holder_proof)?;
	let raw = proof.read(&bundle.header.state_root, &keys::subject_key(subject))?;
	proof.ensure_all_used()?;
	let raw = raw.ok_or(VerifyError::HolderSubjectNotFound { subject: *subject.as_bytes() })?;
	HolderSubject::decode_stored(raw)
}

/// The subject's signed, time-limited permission for one verifier to see one certificate's
/// details (requirements §6 Q24): the registration platform serves the details only to the
/// verifier named, until the expiry, and logs each query with the token's digest.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub struct ConsentToken {
	/// The chain.
	pub genesis_hash: Hash,
	/// The certificate whose details may be seen.
	pub code: CertificateCode,
	/// The verifier allowed: its ed25519 public key (it signs its requests with it).
	pub verifier: [u8; 32],
	/// Last instant (ms since the epoch) the token is accepted.
	pub expires_at: Moment,
	/// The subject account that signed.
	pub signer: [u8; 32],
	/// Its signature over [`ConsentToken::signing_payload`].
	pub signature: HolderSignature,
}

impl ConsentToken {
	/// The bytes the subject signs: [`CONSENT_DOMAIN`] `++ SCALE(genesis_hash, code, verifier,
	/// expires_at)`.
	pub fn signing_payload(
		genesis_hash: &Hash,
		code: &CertificateCode,
		verifier: &[u8; 32],
		expires_at: Moment,
	) -> Vec<u8> {
		let mut out = CONSENT_DOMAIN.to_vec();
		(genesis_hash, code, verifier, expires_at).encode_to(&mut out);
		out
	}

	/// Binary form: `b"DJCT" ++ [1] ++ SCALE(self)`.
	pub fn to_bytes(&self) -> Vec<u8> {
		let mut out = CONSENT_MAGIC.to_vec();
		out.push(CONSENT_VERSION);
		self.encode_to(&mut out);
		out
	}

	/// Parses the binary form (no trailing bytes).
	pub fn from_bytes(bytes: &[u8]) -> Result<Self, VerifyError> {
		let body = crate::bundle::strip_header(
			bytes,
			"consent token",
			CONSENT_MAGIC,
			CONSENT_VERSION,
			MAX_CONSENT_SIZE,
		)?;
		Self::decode_all_with_depth_limit(MAX_DECODE_DEPTH, &mut &*body)
			.map_err(|e| VerifyError::decode("consent token", e))
	}

	/// BLAKE2-256 of the binary form (what a query log records).
	pub fn digest(&self) -> Hash {
		sp_crypto_hashing::blake2_256(&self.to_bytes())
	}

	/// Checks the token for a query by `verifier` about `code` on chain `genesis_hash` at `now`:
	/// the same chain, code and verifier (`ChallengeMismatch` naming the field), unexpired
	/// (`Expired`), and the subject account's signature (`HolderSignatureInvalid`). Whether the
	/// signer is an account of the certificate's subject is for the caller, who knows the
	/// accounts ([`HolderSubject::has_account`]).
	pub fn check(
		&self,
		genesis_hash: &Hash,
		code: &CertificateCode,
		verifier: &[u8; 32],
		now: UnixTimeMs,
	) -> Result<(), VerifyError> {
		if self.genesis_hash != *genesis_hash {
			return Err(VerifyError::ChallengeMismatch { field: "genesis_hash" });
		}
		if self.code != *code {
			return Err(VerifyError::ChallengeMismatch { field: "code" });
		}
		if self.verifier != *verifier {
			return Err(VerifyError::ChallengeMismatch { field: "verifier" });
		}
		let now_ms = now.as_millis();
		if now_ms > self.expires_at {
			return Err(VerifyError::Expired {
				what: "consent token",
				expires_at: self.expires_at,
				now: now_ms,
			});
		}
		let payload =
			Self::signing_payload(&self.genesis_hash, &self.code, &self.verifier, self.expires_at);
		if !self.signature.verifies(&self.signer, &payload) {
			return Err(VerifyError::HolderSignatureInvalid {
				what: "consent token",
				signer: self.signer,
			});
		}
		Ok(())
	}
}

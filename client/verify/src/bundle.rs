//! Proof bundles (docs/spec/DESIGN.md §8): everything a verifier needs to learn a certificate's current
//! status from its trust root alone, without trusting whoever served the bundle.
//!
//! Binary form (version 1): `b"DJPB" ++ [1] ++ SCALE(ProofBundle)`, where `ProofBundle` is
//! ```text
//! trust_root:   (genesis_hash: [u8; 32], set_id: u64)
//! code:         CertificateCode (division u32, year u16, serial u32)
//! set_changes:  Vec<(Header, GrandpaJustification)>   // one per authority-set change since the root
//! header:       Header                                // the finalized header
//! justification: GrandpaJustification                 // finalizing `header`
//! read_proof:   Vec<Vec<u8>>                          // state_getReadProof nodes under header.state_root
//! ```
//! Headers and justifications are byte-for-byte what the node stores. JSON form: see
//! [`ProofBundle::to_json`] (headers as `chain_getHeader` prints them, justifications and proof
//! nodes as `0x` hex of their SCALE bytes, the code as `530400-2026-0000123-X`).

use crate::{trust::TrustRootId, GrandpaJustification, Header, VerifyError, MAX_DECODE_DEPTH};
use alloc::vec::Vec;
use codec::{Decode, DecodeLimit, Encode};
use dengji_primitives::CertificateCode;

/// Magic bytes of a bundle's binary form.
pub const BUNDLE_MAGIC: [u8; 4] = *b"DJPB";
/// Version of the bundle's binary and JSON forms this library writes and reads.
pub const BUNDLE_VERSION: u8 = 1;
/// Largest binary bundle accepted (a 16-validator bundle with a few set changes is ~30 KiB).
pub const MAX_BUNDLE_SIZE: usize = 4 * 1024 * 1024;

/// One authority-set change: the header whose `FRNK` digest schedules the next set, and the
/// justification by which the current set finalized it (a warp-sync proof fragment).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AuthoritySetChange {
	/// The header carrying the `ScheduledChange` digest.
	pub header: Header,
	/// Its justification by the outgoing set.
	#[cfg_attr(feature = "serde", serde(with = "justification_hex"))]
	pub justification: GrandpaJustification,
}

/// A proof bundle for one certificate code (see the module docs for the encoding).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub struct ProofBundle {
	/// The trust root the first justification is checked against.
	pub trust_root: TrustRootId,
	/// The certificate code the bundle is about. [`crate::verify_code`] checks it is the code
	/// the verifier asked about.
	pub code: CertificateCode,
	/// Authority-set changes since the trust root, oldest first.
	pub set_changes: Vec<AuthoritySetChange>,
	/// The finalized header whose state is proved.
	pub header: Header,
	/// Its GRANDPA justification.
	pub justification: GrandpaJustification,
	/// Trie nodes proving [`crate::keys::proof_keys`] of `code` under `header.state_root`.
	pub read_proof: Vec<Vec<u8>>,
}

/// Checks size, magic and version; returns the SCALE payload after them.
pub(crate) fn strip_header<'a>(
	bytes: &'a [u8],
	what: &'static str,
	magic: [u8; 4],
	version: u8,
	limit: usize,
) -> Result<&'a [u8], VerifyError> {
	if bytes.len() > limit {
		return Err(VerifyError::TooLarge { what, size: bytes.len(), limit });
	}
	let found = bytes.get(..4).unwrap_or(bytes);
	if found != magic {
		return Err(VerifyError::BadMagic { what, found: found.to_vec(), expected: magic });
	}
	match bytes.get(4) {
		Some(v) if *v == version => Ok(bytes.get(5..).unwrap_or_default()),
		Some(v) => Err(VerifyError::UnsupportedVersion { what, found: *v, supported: version }),
		None => Err(VerifyError::decode(what, "missing version byte")),
	}
}

impl ProofBundle {
	/// Binary form: magic, version, SCALE.
	pub fn to_bytes(&self) -> Vec<u8> {
		let mut out = Vec::with_capacity(self.encoded_size().saturating_add(5));
		out.extend_from_slice(&BUNDLE_MAGIC);
		out.push(BUNDLE_VERSION);
		self.encode_to(&mut out);
		out
	}

	/// Parses the binary form. Rejects wrong magic, unknown versions, oversized input, nesting
	/// deeper than [`MAX_DECODE_DEPTH`] and trailing bytes. Never panics.
	pub fn from_bytes(bytes: &[u8]) -> Result<Self, VerifyError> {
		let body =
			strip_header(bytes, "proof bundle", BUNDLE_MAGIC, BUNDLE_VERSION, MAX_BUNDLE_SIZE)?;
		Self::decode_all_with_depth_limit(MAX_DECODE_DEPTH, &mut &*body)
			.map_err(|e| VerifyError::decode("proof bundle", e))
	}

	/// JSON form:
	/// ```text
	/// {"version": 1, "genesis_hash": "0x…", "set_id": 0, "code": "530400-2026-0000123-X",
	///  "set_changes": [{"header": {…}, "justification": "0x…"}],
	///  "header": {"parentHash": "0x…", "number": "0x1a", "stateRoot": "0x…",
	///             "extrinsicsRoot": "0x…", "digest": {"logs": ["0x…"]}},
	///  "justification": "0x…", "read_proof": ["0x…", …]}
	/// ```
	#[cfg(feature = "json")]
	pub fn to_json(&self) -> Result<alloc::string::String, VerifyError> {
		serde_json::to_string_pretty(self).map_err(|e| VerifyError::decode("proof bundle", e))
	}

	/// Parses the JSON form.
	#[cfg(feature = "json")]
	pub fn from_json(s: &str) -> Result<Self, VerifyError> {
		if s.len() > MAX_BUNDLE_SIZE.saturating_mul(3) {
			return Err(VerifyError::TooLarge {
				what: "proof bundle JSON",
				size: s.len(),
				limit: MAX_BUNDLE_SIZE.saturating_mul(3),
			});
		}
		serde_json::from_str(s).map_err(|e| VerifyError::decode("proof bundle JSON", e))
	}
}

#[cfg(feature = "serde")]
mod justification_hex {
	use super::*;
	use crate::fmt::hex_serde;
	use serde::{de::Error as _, Deserializer, Serializer};

	pub(crate) fn serialize<S: Serializer>(
		j: &GrandpaJustification,
		s: S,
	) -> Result<S::Ok, S::Error> {
		hex_serde::vec::serialize(&j.encode(), s)
	}

	pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
		d: D,
	) -> Result<GrandpaJustification, D::Error> {
		let raw = hex_serde::vec::deserialize(d)?;
		GrandpaJustification::decode_scale(&raw).map_err(D::Error::custom)
	}
}

#[cfg(feature = "serde")]
mod json {
	use super::*;
	use crate::fmt::hex_serde;
	use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

	#[derive(Serialize, Deserialize)]
	#[serde(deny_unknown_fields)]
	struct BundleJson {
		version: u8,
		#[serde(with = "hex_serde::array")]
		genesis_hash: [u8; 32],
		set_id: u64,
		code: CertificateCode,
		set_changes: Vec<AuthoritySetChange>,
		header: Header,
		#[serde(with = "justification_hex")]
		justification: GrandpaJustification,
		#[serde(with = "hex_serde::vec_list")]
		read_proof: Vec<Vec<u8>>,
	}

	impl Serialize for ProofBundle {
		fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
			BundleJson {
				version: BUNDLE_VERSION,
				genesis_hash: self.trust_root.genesis_hash,
				set_id: self.trust_root.set_id,
				code: self.code,
				set_changes: self.set_changes.clone(),
				header: self.header.clone(),
				justification: self.justification.clone(),
				read_proof: self.read_proof.clone(),
			}
			.serialize(s)
		}
	}

	impl<'de> Deserialize<'de> for ProofBundle {
		fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
			let j = BundleJson::deserialize(d)?;
			if j.version != BUNDLE_VERSION {
				return Err(D::Error::custom(alloc::format!(
					"unsupported proof bundle version {} (this library reads {BUNDLE_VERSION})",
					j.version
				)));
			}
			Ok(ProofBundle {
				trust_root: TrustRootId { genesis_hash: j.genesis_hash, set_id: j.set_id },
				code: j.code,
				set_changes: j.set_changes,
				header: j.header,
				justification: j.justification,
				read_proof: j.read_proof,
			})
		}
	}
}

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
//! Version 2 (a bundle for a holder presentation, YX-R §30) appends
//! `holder_proof: Vec<Vec<u8>>`, the nodes proving the certificate subject's record
//! `Institutions::Subjects[subject]` under the same state root. A bundle without a holder proof is
//! written as version 1, so verifiers that read only version 1 keep reading it; this library reads
//! both.
//! Headers and justifications are byte-for-byte what the node stores. JSON form: see
//! [`ProofBundle::to_json`] (headers as `chain_getHeader` prints them, justifications and proof
//! nodes as `0x` hex of their SCALE bytes, the code as `530400-2026-0000123-X`).

use crate::{trust::TrustRootId, GrandpaJustification, Header, VerifyError, MAX_DECODE_DEPTH};
use alloc::vec::Vec;
use codec::{Decode, DecodeLimit, Encode};
use dengji_primitives::CertificateCode;

/// Magic bytes of a bundle's binary form.
pub const BUNDLE_MAGIC: [u8; 4] = *b"DJPB";
/// Version of the bundle's binary and JSON forms without a holder proof (written and read).
pub const BUNDLE_VERSION: u8 = 1;
/// Version of the bundle's forms with a holder proof ([`ProofBundle::holder_proof`], YX-R §30).
pub const BUNDLE_VERSION_HOLDER: u8 = 2;
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
	/// Trie nodes proving [`crate::keys::subject_key`] of the certificate's subject under the
	/// same state root, for [`crate::verify_presentation`] (YX-R §30); empty in a version-1
	/// bundle. [`crate::verify`] does not read it.
	pub holder_proof: Vec<Vec<u8>>,
}

/// The fields of a version-1 bundle, in order.
#[derive(Decode)]
struct BundleV1 {
	trust_root: TrustRootId,
	code: CertificateCode,
	set_changes: Vec<AuthoritySetChange>,
	header: Header,
	justification: GrandpaJustification,
	read_proof: Vec<Vec<u8>>,
}

/// Checks size, magic and version; returns the SCALE payload after them.
pub(crate) fn strip_header<'a>(
	bytes: &'a [u8],
	what: &'static str,
	magic: [u8; 4],
	version: u8,
	limit: usize,
) -> Result<&'a [u8], VerifyError> {
	strip_header_versions(bytes, what, magic, version..=version, limit).map(|(_, body)| body)
}

/// [`strip_header`] accepting the versions in `versions`; returns the version and the payload.
pub(crate) fn strip_header_versions<'a>(
	bytes: &'a [u8],
	what: &'static str,
	magic: [u8; 4],
	versions: core::ops::RangeInclusive<u8>,
	limit: usize,
) -> Result<(u8, &'a [u8]), VerifyError> {
	if bytes.len() > limit {
		return Err(VerifyError::TooLarge { what, size: bytes.len(), limit });
	}
	let found = bytes.get(..4).unwrap_or(bytes);
	if found != magic {
		return Err(VerifyError::BadMagic { what, found: found.to_vec(), expected: magic });
	}
	match bytes.get(4) {
		Some(v) if versions.contains(v) => Ok((*v, bytes.get(5..).unwrap_or_default())),
		Some(v) => {
			Err(VerifyError::UnsupportedVersion { what, found: *v, supported: *versions.end() })
		}
		None => Err(VerifyError::decode(what, "missing version byte")),
	}
}

impl ProofBundle {
	/// The version of its binary and JSON forms: [`BUNDLE_VERSION_HOLDER`] with a holder proof,
	/// else [`BUNDLE_VERSION`].
	pub fn version(&self) -> u8 {
		if self.holder_proof.is_empty() {
			BUNDLE_VERSION
		} else {
			BUNDLE_VERSION_HOLDER
		}
	}

	/// Binary form: magic, version, SCALE (version 1 without the holder proof field).
	pub fn to_bytes(&self) -> Vec<u8> {
		let mut out = Vec::with_capacity(self.encoded_size().saturating_add(5));
		out.extend_from_slice(&BUNDLE_MAGIC);
		out.push(self.version());
		if self.holder_proof.is_empty() {
			(
				&self.trust_root,
				&self.code,
				&self.set_changes,
				&self.header,
				&self.justification,
				&self.read_proof,
			)
				.encode_to(&mut out);
		} else {
			self.encode_to(&mut out);
		}
		out
	}

	/// Parses the binary form (version 1 or 2). Rejects wrong magic, unknown versions, oversized
	/// input, nesting deeper than [`MAX_DECODE_DEPTH`], trailing bytes and a version-2 bundle
	/// with an empty holder proof. Never panics.
	pub fn from_bytes(bytes: &[u8]) -> Result<Self, VerifyError> {
		let (version, body) = strip_header_versions(
			bytes,
			"proof bundle",
			BUNDLE_MAGIC,
			BUNDLE_VERSION..=BUNDLE_VERSION_HOLDER,
			MAX_BUNDLE_SIZE,
		)?;
		if version == BUNDLE_VERSION {
			let v1 = BundleV1::decode_all_with_depth_limit(MAX_DECODE_DEPTH, &mut &*body)
				.map_err(|e| VerifyError::decode("proof bundle", e))?;
			return Ok(v1.into());
		}
		let bundle = Self::decode_all_with_depth_limit(MAX_DECODE_DEPTH, &mut &*body)
			.map_err(|e| VerifyError::decode("proof bundle", e))?;
		if bundle.holder_proof.is_empty() {
			return Err(VerifyError::decode("proof bundle", "version 2 without a holder proof"));
		}
		Ok(bundle)
	}

	/// JSON form (version 2 adds `"holder_proof": ["0x…", …]`):
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

impl From<BundleV1> for ProofBundle {
	fn from(b: BundleV1) -> Self {
		ProofBundle {
			trust_root: b.trust_root,
			code: b.code,
			set_changes: b.set_changes,
			header: b.header,
			justification: b.justification,
			read_proof: b.read_proof,
			holder_proof: Vec::new(),
		}
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
		#[serde(default, skip_serializing_if = "Vec::is_empty", with = "hex_serde::vec_list")]
		holder_proof: Vec<Vec<u8>>,
	}

	impl Serialize for ProofBundle {
		fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
			BundleJson {
				version: self.version(),
				genesis_hash: self.trust_root.genesis_hash,
				set_id: self.trust_root.set_id,
				code: self.code,
				set_changes: self.set_changes.clone(),
				header: self.header.clone(),
				justification: self.justification.clone(),
				read_proof: self.read_proof.clone(),
				holder_proof: self.holder_proof.clone(),
			}
			.serialize(s)
		}
	}

	impl<'de> Deserialize<'de> for ProofBundle {
		fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
			let j = BundleJson::deserialize(d)?;
			let expected =
				if j.holder_proof.is_empty() { BUNDLE_VERSION } else { BUNDLE_VERSION_HOLDER };
			if j.version != expected {
				return Err(D::Error::custom(alloc::format!(
					"unsupported proof bundle version {} (this library reads {BUNDLE_VERSION}, and \
					 {BUNDLE_VERSION_HOLDER} with a holder proof)",
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
				holder_proof: j.holder_proof,
			})
		}
	}
}

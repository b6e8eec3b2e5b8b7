//! The verifier's trust root: genesis hash, a GRANDPA authority set (ed25519 keys and weights) and
//! its set id (docs/spec/DESIGN.md §8). Everything a bundle proves is anchored here.

use crate::{Hash, VerifyError};
use alloc::vec::Vec;
use codec::{Decode, Encode};

/// A GRANDPA authority: its ed25519 public key and voting weight.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Authority {
	/// ed25519 public key (`sp_consensus_grandpa::AuthorityId`).
	#[cfg_attr(feature = "serde", serde(with = "crate::fmt::hex_serde::array"))]
	pub id: [u8; 32],
	/// Voting weight (1 for every validator in the Dengji runtime).
	pub weight: u64,
}

/// What a bundle names as its trust root: the chain's genesis hash and the id of the authority set
/// the bundle's first justification is signed by.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode)]
pub struct TrustRootId {
	/// Genesis block hash.
	pub genesis_hash: Hash,
	/// GRANDPA authority set id.
	pub set_id: u64,
}

/// Format version of the trust-root file this library writes ([`TrustRoot::version`]). Version 1
/// files (no `version`, no `chain`) are still read.
pub const TRUST_ROOT_VERSION: u8 = 2;

/// A verifier's trust root. Obtain it out of band (computed from the chain spec the data authority
/// publishes, `dengji trust from-spec`, or a checkpoint the verifier has verified before) and keep
/// it: bundles are checked against it (docs/national-crypto.md, "Trust roots").
///
/// JSON form (version 2): `{"version": 2, "chain": "Dengji Local Testnet", "genesis_hash": "0x…",
/// "set_id": 0, "authorities": [{"id": "0x…", "weight": 1}]}`; version 1 had neither `version`
/// nor `chain`.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TrustRoot {
	/// File format version: [`TRUST_ROOT_VERSION`] when written; 1 when absent (older files).
	#[cfg_attr(feature = "serde", serde(default = "version_1"))]
	pub version: u8,
	/// The chain's name from its chain spec (`name`), when known: a trust root for another
	/// chain is refused by [`TrustRoot::expect_chain`]. `None` in version-1 files.
	#[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
	pub chain: Option<alloc::string::String>,
	/// Genesis block hash: names the chain, and enters every certificate signing payload.
	#[cfg_attr(feature = "serde", serde(with = "crate::fmt::hex_serde::array"))]
	pub genesis_hash: Hash,
	/// GRANDPA authority set id of `authorities` (0 at genesis).
	pub set_id: u64,
	/// The GRANDPA authorities of set `set_id`.
	pub authorities: Vec<Authority>,
}

#[cfg(feature = "serde")]
fn version_1() -> u8 {
	1
}

impl TrustRoot {
	/// A trust root of the current format version, without a chain name.
	pub fn new(genesis_hash: Hash, set_id: u64, authorities: Vec<Authority>) -> Self {
		Self { version: TRUST_ROOT_VERSION, chain: None, genesis_hash, set_id, authorities }
	}

	/// Names the chain.
	pub fn with_chain(mut self, chain: impl Into<alloc::string::String>) -> Self {
		self.chain = Some(chain.into());
		self
	}

	/// Refuses a trust root of another chain: the genesis hash must be `genesis_hash`, and the
	/// chain name, when the file has one, `chain` ([`VerifyError::WrongChain`]).
	pub fn expect_chain(&self, chain: &str, genesis_hash: &Hash) -> Result<(), VerifyError> {
		let named_other = self.chain.as_deref().is_some_and(|c| c != chain);
		if named_other || self.genesis_hash != *genesis_hash {
			return Err(VerifyError::WrongChain {
				expected: alloc::format!("{chain} ({})", crate::fmt::Hex(genesis_hash)),
				found: alloc::format!(
					"{} ({})",
					self.chain.as_deref().unwrap_or("unnamed"),
					crate::fmt::Hex(&self.genesis_hash)
				),
			});
		}
		Ok(())
	}

	/// Its id, as bundles name it.
	pub fn id(&self) -> TrustRootId {
		TrustRootId { genesis_hash: self.genesis_hash, set_id: self.set_id }
	}

	/// Checks the authority list: not empty, no zero weight, no duplicate key, total fits `u64`.
	/// (Stricter than the chain's rules for set changes: a trust root is typed in by people.)
	pub fn validate(&self) -> Result<(), VerifyError> {
		if self.version == 0 || self.version > TRUST_ROOT_VERSION {
			return Err(VerifyError::UnsupportedVersion {
				what: "trust root",
				found: self.version,
				supported: TRUST_ROOT_VERSION,
			});
		}
		self.authority_set().map(|_| ())
	}

	/// The validated authority set.
	pub(crate) fn authority_set(&self) -> Result<AuthoritySet, VerifyError> {
		for a in &self.authorities {
			if a.weight == 0 {
				return Err(VerifyError::ZeroWeight { authority: a.id });
			}
		}
		let mut ids: Vec<[u8; 32]> = self.authorities.iter().map(|a| a.id).collect();
		ids.sort_unstable();
		if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
			return Err(VerifyError::DuplicateAuthority { authority: w[0] });
		}
		AuthoritySet::new(self.authorities.iter().map(|a| (a.id, a.weight)), self.set_id)
	}

	/// JSON form.
	#[cfg(feature = "json")]
	pub fn to_json(&self) -> alloc::string::String {
		// Serialising plain structs of strings and integers cannot fail.
		serde_json::to_string_pretty(self).unwrap_or_default()
	}

	/// Parses the JSON form and validates it.
	#[cfg(feature = "json")]
	pub fn from_json(s: &str) -> Result<Self, VerifyError> {
		let root: Self =
			serde_json::from_str(s).map_err(|e| VerifyError::decode("trust root JSON", e))?;
		root.validate()?;
		Ok(root)
	}
}

/// A GRANDPA voter set, as `finality_grandpa::VoterSet` builds it: sorted by key, duplicate keys
/// merged, zero weights dropped; threshold `total - (total - 1) / 3` (more than two thirds).
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct AuthoritySet {
	set_id: u64,
	voters: Vec<([u8; 32], u64)>,
	total: u64,
	threshold: u64,
}

impl AuthoritySet {
	/// Builds set `set_id` from `(key, weight)` pairs.
	pub(crate) fn new(
		authorities: impl IntoIterator<Item = ([u8; 32], u64)>,
		set_id: u64,
	) -> Result<Self, VerifyError> {
		let mut voters: Vec<([u8; 32], u64)> =
			authorities.into_iter().filter(|(_, w)| *w != 0).collect();
		voters.sort_unstable_by_key(|v| v.0);
		let mut merged: Vec<([u8; 32], u64)> = Vec::with_capacity(voters.len());
		let mut total: u64 = 0;
		for (id, w) in voters {
			total = total.checked_add(w).ok_or(VerifyError::WeightOverflow { set_id })?;
			match merged.last_mut() {
				Some(last) if last.0 == id => {
					last.1 = last.1.checked_add(w).ok_or(VerifyError::WeightOverflow { set_id })?
				}
				_ => merged.push((id, w)),
			}
		}
		if merged.is_empty() {
			return Err(VerifyError::EmptyAuthoritySet { set_id });
		}
		// total >= 1 here, so neither operation can underflow.
		let faulty = total.saturating_sub(1) / 3;
		let threshold = total.saturating_sub(faulty);
		Ok(Self { set_id, voters: merged, total, threshold })
	}

	/// The set id.
	pub(crate) fn set_id(&self) -> u64 {
		self.set_id
	}

	/// Weight of `id`, if it is a voter.
	pub(crate) fn weight(&self, id: &[u8; 32]) -> Option<u64> {
		self.voters
			.binary_search_by(|(k, _)| k.cmp(id))
			.ok()
			.and_then(|i| self.voters.get(i))
			.map(|v| v.1)
	}

	/// Total weight.
	pub(crate) fn total_weight(&self) -> u64 {
		self.total
	}

	/// Weight a commit needs: more than two thirds of the total.
	pub(crate) fn threshold(&self) -> u64 {
		self.threshold
	}

	/// Number of distinct voters.
	pub(crate) fn len(&self) -> usize {
		self.voters.len()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn threshold_is_more_than_two_thirds() {
		let set = |n: u8| AuthoritySet::new((0..n).map(|i| ([i; 32], 1)), 0).map(|s| s.threshold());
		assert_eq!(set(1), Ok(1));
		assert_eq!(set(3), Ok(3));
		assert_eq!(set(4), Ok(3));
		assert_eq!(set(7), Ok(5));
		assert_eq!(set(16), Ok(11));
	}

	#[test]
	fn voter_set_merges_duplicates_and_drops_zero_weights() {
		let s = AuthoritySet::new([([1; 32], 1), ([1; 32], 2), ([2; 32], 0)], 3);
		assert_eq!(
			s.as_ref().map(|s| (s.len(), s.total_weight(), s.weight(&[1; 32]))),
			Ok((1, 3, Some(3)))
		);
		assert_eq!(
			AuthoritySet::new([([2; 32], 0)], 3),
			Err(VerifyError::EmptyAuthoritySet { set_id: 3 })
		);
		assert_eq!(
			AuthoritySet::new([([1; 32], u64::MAX), ([2; 32], 1)], 3),
			Err(VerifyError::WeightOverflow { set_id: 3 })
		);
	}

	#[test]
	fn trust_root_with_duplicate_or_zero_weight_is_rejected() {
		let mut root = TrustRoot::new(
			[0; 32],
			0,
			alloc::vec![Authority { id: [1; 32], weight: 1 }, Authority { id: [1; 32], weight: 1 }],
		);
		assert_eq!(root.validate(), Err(VerifyError::DuplicateAuthority { authority: [1; 32] }));
		root.authorities[1] = Authority { id: [2; 32], weight: 0 };
		assert_eq!(root.validate(), Err(VerifyError::ZeroWeight { authority: [2; 32] }));
		root.authorities.clear();
		assert_eq!(root.validate(), Err(VerifyError::EmptyAuthoritySet { set_id: 0 }));
	}
}

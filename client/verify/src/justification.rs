//! GRANDPA justifications, encoded exactly as sc-consensus-grandpa stores and serves them
//! (`GrandpaJustification { round, commit, votes_ancestries }` with
//! `finality_grandpa::Commit<Hash, u32, ed25519::Signature, AuthorityId>`), and their check.
//!
//! **Written by hand** instead of depending on `sp-consensus-grandpa` (which pulls `sp-runtime`,
//! `sp-api`, `sp-application-crypto` and `sp-io`) or `finality-grandpa` (which pulls `futures`,
//! `num-traits` and `either` for a voter we do not run). The types are five plain structs; the
//! tests check their encoding against `finality-grandpa`'s own types. The check follows
//! `sc_consensus_grandpa::GrandpaJustification::verify_with_voter_set` and
//! `finality_grandpa::validate_commit`, and is stricter where a strict rule costs an honest node
//! nothing (see [`GrandpaJustification`]).

use crate::{trust::AuthoritySet, BlockNumber, Hash, Header, VerifyError};
use alloc::{collections::BTreeMap, vec::Vec};
use codec::{Decode, Encode};

/// A GRANDPA precommit vote (`finality_grandpa::Precommit`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode)]
pub struct Precommit {
	/// The block voted for.
	pub target_hash: Hash,
	/// Its number.
	pub target_number: BlockNumber,
}

/// A signed precommit (`finality_grandpa::SignedPrecommit`): field order precommit, signature, id.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub struct SignedPrecommit {
	/// The vote.
	pub precommit: Precommit,
	/// ed25519 signature over `SCALE((Message::Precommit(precommit), round, set_id))`
	/// (`sp_consensus_grandpa::localized_payload`).
	pub signature: [u8; 64],
	/// The voter's ed25519 public key.
	pub id: [u8; 32],
}

/// A GRANDPA commit (`finality_grandpa::Commit`).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub struct Commit {
	/// The finalized block.
	pub target_hash: Hash,
	/// Its number.
	pub target_number: BlockNumber,
	/// Precommits for the target or its descendants.
	pub precommits: Vec<SignedPrecommit>,
}

/// A GRANDPA justification (`sc_consensus_grandpa::GrandpaJustification`, same SCALE bytes as the
/// node's stored justification and `grandpa_proveFinality`'s inner justification).
///
/// The verifier accepts it as finalizing block `(hash, number)` under an authority set when:
/// 1. the commit targets exactly `(hash, number)`;
/// 2. every precommit is by a voter of the set and targets the commit target or a descendant,
///    proved hop by hop through `votes_ancestries` with consistent block numbers;
/// 3. `votes_ancestries` holds no duplicate and no header that no precommit uses;
/// 4. the distinct voters' weight reaches the threshold (more than 2/3);
/// 5. every precommit signature verifies (`verify_strict`) for this round and the set's id.
///
/// Cheap structural checks run before any signature is verified. A voter who signed two
/// precommits (an equivocation) counts once, as in `finality_grandpa`.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub struct GrandpaJustification {
	/// The GRANDPA round.
	pub round: u64,
	/// The commit.
	pub commit: Commit,
	/// Headers from each precommit target back to (excluding) the commit target.
	pub votes_ancestries: Vec<Header>,
}

/// The bytes a voter signs for a precommit: `SCALE((Message::Precommit(p), round, set_id))`
/// (`sp_consensus_grandpa::localized_payload`; `Message::Precommit` has codec index 1).
pub(crate) fn precommit_payload(precommit: &Precommit, round: u64, set_id: u64) -> [u8; 53] {
	let mut out = [0u8; 53];
	out[0] = 1;
	out[1..33].copy_from_slice(&precommit.target_hash);
	out[33..37].copy_from_slice(&precommit.target_number.to_le_bytes());
	out[37..45].copy_from_slice(&round.to_le_bytes());
	out[45..53].copy_from_slice(&set_id.to_le_bytes());
	out
}

/// ed25519 `verify_strict` over raw bytes; `false` for a malformed key.
pub(crate) fn ed25519_verify_strict(public: &[u8; 32], msg: &[u8], signature: &[u8; 64]) -> bool {
	let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(public) else {
		return false;
	};
	key.verify_strict(msg, &ed25519_dalek::Signature::from_bytes(signature)).is_ok()
}

impl GrandpaJustification {
	/// Decodes the SCALE bytes a node serves (all input must be consumed).
	pub fn decode_scale(bytes: &[u8]) -> Result<Self, VerifyError> {
		codec::DecodeLimit::decode_all_with_depth_limit(crate::MAX_DECODE_DEPTH, &mut &*bytes)
			.map_err(|e| VerifyError::decode("GRANDPA justification", e))
	}

	/// Checks that this justification finalizes block `(hash, number)` under authority set `set`
	/// (the checks listed on [`GrandpaJustification`], in that order).
	pub(crate) fn verify(
		&self,
		set: &AuthoritySet,
		hash: &Hash,
		number: BlockNumber,
	) -> Result<(), VerifyError> {
		let commit = &self.commit;
		if commit.target_hash != *hash || commit.target_number != number {
			return Err(VerifyError::JustificationTargetMismatch {
				expected_hash: *hash,
				expected_number: number,
				found_hash: commit.target_hash,
				found_number: commit.target_number,
			});
		}
		if commit.precommits.is_empty() {
			return Err(VerifyError::NoPrecommits { number });
		}
		// An honest commit holds at most two precommits per voter (a vote and one equivocation,
		// as finality-grandpa's round tracks them); more only costs the verifier signatures.
		let limit = set.len().saturating_mul(2);
		if commit.precommits.len() > limit {
			return Err(VerifyError::TooManyPrecommits { count: commit.precommits.len(), limit });
		}

		// hash -> (header, used)
		let mut ancestry: BTreeMap<Hash, (&Header, bool)> = BTreeMap::new();
		for h in &self.votes_ancestries {
			let hh = h.hash();
			if ancestry.insert(hh, (h, false)).is_some() {
				return Err(VerifyError::DuplicateAncestry { hash: hh });
			}
		}

		let mut signers: Vec<([u8; 32], u64)> = Vec::with_capacity(commit.precommits.len());
		for signed in &commit.precommits {
			let weight = set.weight(&signed.id).ok_or(VerifyError::UnknownAuthority {
				authority: signed.id,
				set_id: set.set_id(),
			})?;
			self.check_descends(signed, &mut ancestry)?;
			if !signers.iter().any(|(id, _)| *id == signed.id) {
				signers.push((signed.id, weight));
			}
		}
		if let Some((h, _)) = ancestry.iter().find(|(_, (_, used))| !used) {
			return Err(VerifyError::UnusedAncestry { hash: *h });
		}
		let signed_weight = signers.iter().try_fold(0u64, |acc, (_, w)| acc.checked_add(*w));
		let signed_weight =
			signed_weight.ok_or(VerifyError::WeightOverflow { set_id: set.set_id() })?;
		if signed_weight < set.threshold() {
			return Err(VerifyError::InsufficientWeight {
				signed: signed_weight,
				threshold: set.threshold(),
				total: set.total_weight(),
				set_id: set.set_id(),
			});
		}

		for signed in &commit.precommits {
			let payload = precommit_payload(&signed.precommit, self.round, set.set_id());
			if !ed25519_verify_strict(&signed.id, &payload, &signed.signature) {
				return Err(VerifyError::BadPrecommitSignature {
					authority: signed.id,
					round: self.round,
					set_id: set.set_id(),
				});
			}
		}
		Ok(())
	}

	/// Walks from the precommit's target back to the commit target through `ancestry`, marking
	/// the headers it uses. Numbers must drop by one per hop, so the walk always ends.
	fn check_descends(
		&self,
		signed: &SignedPrecommit,
		ancestry: &mut BTreeMap<Hash, (&Header, bool)>,
	) -> Result<(), VerifyError> {
		let commit = &self.commit;
		let not_descendant = || VerifyError::PrecommitNotDescendant {
			authority: signed.id,
			target: signed.precommit.target_hash,
		};
		let mut cur = signed.precommit.target_hash;
		let mut claimed = signed.precommit.target_number;
		loop {
			if cur == commit.target_hash {
				if claimed != commit.target_number {
					return Err(VerifyError::BlockNumberMismatch {
						hash: cur,
						claimed,
						actual: commit.target_number,
					});
				}
				return Ok(());
			}
			let (header, used) = ancestry.get_mut(&cur).ok_or_else(not_descendant)?;
			if header.number != claimed {
				return Err(VerifyError::BlockNumberMismatch {
					hash: cur,
					claimed,
					actual: header.number,
				});
			}
			if header.number <= commit.target_number {
				return Err(not_descendant());
			}
			if *used {
				// The rest of this path was walked (and checked) for an earlier precommit.
				return Ok(());
			}
			*used = true;
			cur = header.parent_hash;
			claimed = header.number.checked_sub(1).ok_or_else(not_descendant)?;
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn precommit_payload_matches_localized_payload() {
		let p = Precommit { target_hash: [3; 32], target_number: 77 };
		let msg: finality_grandpa::Message<[u8; 32], u32> =
			finality_grandpa::Message::Precommit(finality_grandpa::Precommit::new([3; 32], 77));
		// sp_consensus_grandpa::localized_payload = (message, round, set_id).encode()
		let expected = (msg, 5u64, 9u64).encode();
		assert_eq!(precommit_payload(&p, 5, 9).to_vec(), expected);
	}
}

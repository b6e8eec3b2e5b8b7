//! Block headers exactly as the runtime encodes them: `sp_runtime::generic::Header<u32,
//! BlakeTwo256>` with `sp_runtime::generic::Digest`, and the GRANDPA `ScheduledChange` digest.
//!
//! **Written by hand** (about 100 lines) instead of depending on `sp-runtime`: that crate pulls in
//! `sp-io` with its host functions, `sp-core`, `sp-application-crypto` and a large tree that banks
//! would have to embed and audit. The SCALE layout is fixed by the runtime's `Header` type
//! (`parent_hash`, compact `number`, `state_root`, `extrinsics_root`, `digest.logs`) and
//! `DigestItem`'s explicit type bytes (`Other` 0, `Consensus` 4, `Seal` 5, `PreRuntime` 6,
//! `RuntimeEnvironmentUpdated` 8); the tests check it against known encodings, and the SDK's
//! integration test against a real node. SCALE is canonical for these types (codec rejects
//! non-minimal compacts), so decoding and re-encoding gives back the same bytes and the same hash.

use crate::{BlockNumber, Hash};
use alloc::vec::Vec;
use codec::{Decode, Encode};

/// A consensus engine id (`*b"FRNK"` for GRANDPA, `*b"aura"` for Aura).
pub type ConsensusEngineId = [u8; 4];

/// GRANDPA's consensus engine id.
pub(crate) const GRANDPA_ENGINE_ID: ConsensusEngineId = *b"FRNK";

/// One digest item (`sp_runtime::generic::DigestItem`), same SCALE encoding: a type byte, then
/// the fields. (Encoded by hand: the derive's explicit indices trip `clippy::as_conversions`.)
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum DigestItem {
	/// Arbitrary data (type byte 0).
	Other(Vec<u8>),
	/// A message from the runtime to a consensus engine (type byte 4).
	Consensus(ConsensusEngineId, Vec<u8>),
	/// A seal by a consensus engine (type byte 5).
	Seal(ConsensusEngineId, Vec<u8>),
	/// A pre-runtime digest by a consensus engine (type byte 6).
	PreRuntime(ConsensusEngineId, Vec<u8>),
	/// The runtime code or heap pages changed (type byte 8).
	RuntimeEnvironmentUpdated,
}

impl Encode for DigestItem {
	fn size_hint(&self) -> usize {
		match self {
			Self::Other(d) => d.size_hint().saturating_add(1),
			Self::Consensus(_, d) | Self::Seal(_, d) | Self::PreRuntime(_, d) => {
				d.size_hint().saturating_add(5)
			}
			Self::RuntimeEnvironmentUpdated => 1,
		}
	}

	fn encode_to<T: codec::Output + ?Sized>(&self, dest: &mut T) {
		match self {
			Self::Other(d) => {
				dest.push_byte(0);
				d.encode_to(dest);
			}
			Self::Consensus(id, d) | Self::Seal(id, d) | Self::PreRuntime(id, d) => {
				dest.push_byte(match self {
					Self::Consensus(..) => 4,
					Self::Seal(..) => 5,
					_ => 6,
				});
				dest.write(id);
				d.encode_to(dest);
			}
			Self::RuntimeEnvironmentUpdated => dest.push_byte(8),
		}
	}
}

impl Decode for DigestItem {
	fn decode<I: codec::Input>(input: &mut I) -> Result<Self, codec::Error> {
		let kind = input.read_byte()?;
		Ok(match kind {
			0 => Self::Other(Decode::decode(input)?),
			4 => Self::Consensus(Decode::decode(input)?, Decode::decode(input)?),
			5 => Self::Seal(Decode::decode(input)?, Decode::decode(input)?),
			6 => Self::PreRuntime(Decode::decode(input)?, Decode::decode(input)?),
			8 => Self::RuntimeEnvironmentUpdated,
			_ => return Err("unknown digest item type".into()),
		})
	}
}

/// A header digest (`sp_runtime::generic::Digest`).
#[derive(Clone, PartialEq, Eq, Debug, Default, Encode, Decode)]
pub struct Digest {
	/// The digest items, in block order.
	pub logs: Vec<DigestItem>,
}

/// A block header (`sp_runtime::generic::Header<u32, BlakeTwo256>`), same SCALE encoding.
/// Its JSON form (with the `serde` feature) is the one `chain_getHeader` returns.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub struct Header {
	/// Parent block's hash.
	pub parent_hash: Hash,
	/// Block number (compact in SCALE).
	#[codec(compact)]
	pub number: BlockNumber,
	/// Root of the state trie after this block.
	pub state_root: Hash,
	/// Root of the extrinsics trie.
	pub extrinsics_root: Hash,
	/// Digest.
	pub digest: Digest,
}

impl Header {
	/// The block hash: BLAKE2-256 of the SCALE-encoded header (`BlakeTwo256`).
	pub fn hash(&self) -> Hash {
		sp_crypto_hashing::blake2_256(&self.encode())
	}

	/// The first GRANDPA `ScheduledChange` among the `FRNK` consensus logs, as
	/// `sp_consensus_grandpa::find_scheduled_change` reads it (first match wins; logs that do not
	/// decode as a scheduled change, such as `ForcedChange` or `OnDisabled`, are skipped).
	pub(crate) fn scheduled_change(&self) -> Option<ScheduledChange> {
		self.digest.logs.iter().find_map(|log| match log {
			DigestItem::Consensus(id, data) if *id == GRANDPA_ENGINE_ID => {
				// `ConsensusLog::ScheduledChange` has codec index 1.
				match data.split_first() {
					Some((1, mut rest)) => ScheduledChange::decode(&mut rest).ok(),
					_ => None,
				}
			}
			_ => None,
		})
	}
}

/// A GRANDPA authority-set change signalled in a header (`sp_consensus_grandpa::ScheduledChange`).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub(crate) struct ScheduledChange {
	/// The next authorities with their weights.
	pub(crate) next_authorities: Vec<([u8; 32], u64)>,
	/// Blocks after the signalling block at which the change is enacted. Like
	/// sc-consensus-grandpa's warp-sync proof check, the verifier moves to the new set right after
	/// the justified signalling block (the runtime schedules standard changes with delay 0).
	pub(crate) delay: BlockNumber,
}

#[cfg(test)]
impl ScheduledChange {
	/// The `FRNK` consensus digest item that signals this change.
	fn to_digest_item(&self) -> DigestItem {
		let mut data = Vec::with_capacity(self.encoded_size().saturating_add(1));
		data.push(1u8);
		self.encode_to(&mut data);
		DigestItem::Consensus(GRANDPA_ENGINE_ID, data)
	}
}

#[cfg(feature = "serde")]
mod json {
	use super::*;
	use crate::fmt::hex_serde::{self, from_hex, to_hex};
	use alloc::{format, string::String};
	use codec::DecodeAll;
	use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

	#[derive(Serialize, Deserialize)]
	#[serde(rename_all = "camelCase")]
	struct HeaderJson {
		#[serde(with = "hex_serde::array")]
		parent_hash: Hash,
		number: NumberJson,
		#[serde(with = "hex_serde::array")]
		state_root: Hash,
		#[serde(with = "hex_serde::array")]
		extrinsics_root: Hash,
		digest: DigestJson,
	}

	#[derive(Serialize, Deserialize)]
	struct DigestJson {
		logs: Vec<String>,
	}

	#[derive(Serialize, Deserialize)]
	#[serde(untagged)]
	enum NumberJson {
		Hex(String),
		Int(u64),
	}

	impl Serialize for Header {
		fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
			HeaderJson {
				parent_hash: self.parent_hash,
				number: NumberJson::Hex(format!("{:#x}", self.number)),
				state_root: self.state_root,
				extrinsics_root: self.extrinsics_root,
				digest: DigestJson {
					logs: self.digest.logs.iter().map(|l| to_hex(&l.encode())).collect(),
				},
			}
			.serialize(s)
		}
	}

	impl<'de> Deserialize<'de> for Header {
		fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
			let j = HeaderJson::deserialize(d)?;
			let number = match j.number {
				NumberJson::Int(n) => u32::try_from(n).map_err(D::Error::custom)?,
				NumberJson::Hex(s) => {
					let digits = s.strip_prefix("0x").ok_or_else(|| {
						D::Error::custom("header number must be a 0x-prefixed hex string")
					})?;
					u32::from_str_radix(digits, 16).map_err(D::Error::custom)?
				}
			};
			let logs = j
				.digest
				.logs
				.iter()
				.map(|l| {
					let raw = from_hex(l).map_err(D::Error::custom)?;
					DigestItem::decode_all(&mut raw.as_slice()).map_err(D::Error::custom)
				})
				.collect::<Result<Vec<_>, _>>()?;
			Ok(Header {
				parent_hash: j.parent_hash,
				number,
				state_root: j.state_root,
				extrinsics_root: j.extrinsics_root,
				digest: Digest { logs },
			})
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::DecodeAll;

	fn header() -> Header {
		Header {
			parent_hash: [1; 32],
			number: 300,
			state_root: [2; 32],
			extrinsics_root: [3; 32],
			digest: Digest {
				logs: alloc::vec![
					DigestItem::PreRuntime(*b"aura", alloc::vec![9, 9]),
					DigestItem::Seal(*b"aura", alloc::vec![7]),
				],
			},
		}
	}

	#[test]
	fn header_encoding_matches_sp_runtime_layout() {
		let enc = header().encode();
		let mut expected = alloc::vec![1u8; 32];
		expected.extend_from_slice(&[0xb1, 0x04]); // compact(300) = 300 << 2 | 1, two bytes LE
		expected.extend_from_slice(&[2; 32]);
		expected.extend_from_slice(&[3; 32]);
		expected.push(2 << 2); // two logs
		expected.extend_from_slice(&[6, b'a', b'u', b'r', b'a', 2 << 2, 9, 9]);
		expected.extend_from_slice(&[5, b'a', b'u', b'r', b'a', 1 << 2, 7]);
		assert_eq!(enc, expected);
		assert_eq!(Header::decode_all(&mut enc.as_slice()), Ok(header()));
	}

	#[test]
	fn scheduled_change_is_found_and_forced_change_is_skipped() {
		let change = ScheduledChange { next_authorities: alloc::vec![([5; 32], 1)], delay: 0 };
		let mut h = header();
		assert_eq!(h.scheduled_change(), None);
		// ForcedChange (index 2) is not a scheduled change.
		let mut forced = alloc::vec![2u8];
		forced.extend(0u32.encode());
		forced.extend(change.encode());
		h.digest.logs.push(DigestItem::Consensus(GRANDPA_ENGINE_ID, forced));
		assert_eq!(h.scheduled_change(), None);
		h.digest.logs.push(change.to_digest_item());
		assert_eq!(h.scheduled_change(), Some(change));
	}

	#[test]
	fn digest_item_with_unknown_type_byte_is_rejected() {
		assert!(DigestItem::decode(&mut &[1u8, 0][..]).is_err());
		assert!(DigestItem::decode(&mut &[8u8][..]).is_ok());
	}
}

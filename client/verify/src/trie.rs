//! Checking a storage read proof (the node set `state_getReadProof` returns) against a state root
//! of the Substrate base-16 Patricia-Merkle trie, state version 1 (`sp_trie::LayoutV1` with
//! BLAKE2-256: values longer than 32 bytes live in separate value nodes).
//!
//! **Written by hand** (one node decoder and one key walk) instead of depending on `sp-trie`
//! (which pulls `sp-core` and `sp-externalities`) or on `trie-db` plus a copy of sp-trie's
//! `NodeCodec`: a read-proof check needs only the node format, and this keeps the verifier's
//! tree to codec, ed25519-dalek and hashing. The node format follows `sp_trie::node_header` and
//! `sp_trie::node_codec`; the tests check this walker against proofs that `sp-trie`/`trie-db`
//! produce for random tries, for present and absent keys.
//!
//! The check is strict: every node in the proof must be used by one of the proved keys and no
//! node may appear twice, so no byte of a proof can change without the proof failing.

use crate::{Hash, VerifyError};
use alloc::{collections::BTreeMap, vec::Vec};
use codec::{Compact, Decode};

const HASH_LEN: usize = 32;

/// A set of trie nodes proving some keys of one state root.
pub struct ReadProof<'a> {
	/// node hash -> (index into `nodes`, used)
	index: BTreeMap<Hash, (&'a [u8], bool)>,
}

/// Nibbles of a byte string, from nibble `start` (high nibble first), `len` nibbles long.
#[derive(Clone, Copy)]
struct Nibbles<'a> {
	data: &'a [u8],
	start: usize,
	len: usize,
}

impl Nibbles<'_> {
	fn at(&self, i: usize) -> Option<u8> {
		let n = self.start.checked_add(i)?;
		let byte = *self.data.get(n / 2)?;
		Some(if n % 2 == 0 { byte >> 4 } else { byte & 0x0f })
	}
}

enum Value<'a> {
	Inline(&'a [u8]),
	Hashed(Hash),
}

enum Child<'a> {
	Hash(Hash),
	Inline(&'a [u8]),
}

enum Node<'a> {
	Empty,
	Leaf { partial: Nibbles<'a>, value: Value<'a> },
	Branch { partial: Nibbles<'a>, value: Option<Value<'a>>, children: [Option<Child<'a>>; 16] },
}

fn take<'a>(input: &mut &'a [u8], n: usize) -> Result<&'a [u8], &'static str> {
	if input.len() < n {
		return Err("truncated");
	}
	let (head, rest) = input.split_at(n);
	*input = rest;
	Ok(head)
}

fn take_hash(input: &mut &[u8]) -> Result<Hash, &'static str> {
	let raw = take(input, HASH_LEN)?;
	Hash::try_from(raw).map_err(|_| "truncated")
}

fn take_counted<'a>(input: &mut &'a [u8]) -> Result<&'a [u8], &'static str> {
	let len = Compact::<u32>::decode(input).map_err(|_| "bad length prefix")?.0;
	take(input, usize::try_from(len).map_err(|_| "length overflow")?)
}

/// Nibble count after the header bits (`sp_trie::node_header::decode_size`).
fn decode_size(first: u8, input: &mut &[u8], prefix_bits: u32) -> Result<usize, &'static str> {
	let max = 255u8.checked_shr(prefix_bits).ok_or("bad prefix")?;
	let mut result = usize::from(first & max);
	if result < usize::from(max) {
		return Ok(result);
	}
	result = result.saturating_sub(1);
	loop {
		let n = usize::from(*take(input, 1)?.first().ok_or("truncated")?);
		if n < 255 {
			return result.checked_add(n).and_then(|r| r.checked_add(1)).ok_or("size overflow");
		}
		result = result.checked_add(255).ok_or("size overflow")?;
		if result > usize::from(u16::MAX) {
			return Err("partial key too long");
		}
	}
}

fn decode_partial<'a>(input: &mut &'a [u8], nibbles: usize) -> Result<Nibbles<'a>, &'static str> {
	let padded = nibbles % 2 == 1;
	let data = take(input, nibbles.div_ceil(2))?;
	if padded && data.first().is_some_and(|b| b & 0xf0 != 0) {
		return Err("bad partial key padding");
	}
	Ok(Nibbles { data, start: usize::from(padded), len: nibbles })
}

fn decode_node(data: &[u8]) -> Result<Node<'_>, &'static str> {
	let mut input = data;
	let first = *take(&mut input, 1)?.first().ok_or("truncated")?;
	if first == 0 {
		return if input.is_empty() { Ok(Node::Empty) } else { Err("trailing bytes") };
	}
	// (is_branch, has_value (branches), value_hashed, prefix bits)
	let (branch, has_value, hashed, bits) = match first & 0b1100_0000 {
		0b0100_0000 => (false, true, false, 2),
		0b1000_0000 => (true, false, false, 2),
		0b1100_0000 => (true, true, false, 2),
		_ if first & 0b1110_0000 == 0b0010_0000 => (false, true, true, 3),
		_ if first & 0b1111_0000 == 0b0001_0000 => (true, true, true, 4),
		_ => return Err("unallowed node header"),
	};
	let nibbles = decode_size(first, &mut input, bits)?;
	let partial = decode_partial(&mut input, nibbles)?;
	let node = if branch {
		let bitmap =
			u16::from_le_bytes(<[u8; 2]>::try_from(take(&mut input, 2)?).map_err(|_| "truncated")?);
		if bitmap == 0 {
			return Err("branch without children");
		}
		let value = match (has_value, hashed) {
			(false, _) => None,
			(true, true) => Some(Value::Hashed(take_hash(&mut input)?)),
			(true, false) => Some(Value::Inline(take_counted(&mut input)?)),
		};
		let mut children: [Option<Child<'_>>; 16] = Default::default();
		for (i, slot) in children.iter_mut().enumerate() {
			if bitmap & (1u16 << i) != 0 {
				let raw = take_counted(&mut input)?;
				*slot = Some(match Hash::try_from(raw) {
					Ok(h) => Child::Hash(h),
					Err(_) => Child::Inline(raw),
				});
			}
		}
		Node::Branch { partial, value, children }
	} else {
		let value = if hashed {
			Value::Hashed(take_hash(&mut input)?)
		} else {
			Value::Inline(take_counted(&mut input)?)
		};
		Node::Leaf { partial, value }
	};
	if !input.is_empty() {
		return Err("trailing bytes");
	}
	Ok(node)
}

impl<'a> ReadProof<'a> {
	/// Indexes the proof's nodes by BLAKE2-256; a node given twice is an error.
	pub fn new(nodes: &'a [Vec<u8>]) -> Result<Self, VerifyError> {
		let mut index = BTreeMap::new();
		for n in nodes {
			let h = sp_crypto_hashing::blake2_256(n);
			if index.insert(h, (n.as_slice(), false)).is_some() {
				return Err(VerifyError::ProofDuplicateNode { hash: h });
			}
		}
		Ok(Self { index })
	}

	fn fetch(&mut self, hash: &Hash) -> Result<&'a [u8], VerifyError> {
		let (data, used) =
			self.index.get_mut(hash).ok_or(VerifyError::ProofMissingNode { hash: *hash })?;
		*used = true;
		Ok(*data)
	}

	/// Reads `key` under `root`: `Ok(Some(value))` if present, `Ok(None)` if the proof shows it
	/// absent, an error if the proof is incomplete or malformed.
	pub fn read(&mut self, root: &Hash, key: &[u8]) -> Result<Option<&'a [u8]>, VerifyError> {
		let total = key
			.len()
			.checked_mul(2)
			.ok_or(VerifyError::ProofBadNode { hash: *root, reason: "key too long" })?;
		let key = Nibbles { data: key, start: 0, len: total };
		let mut pos = 0usize;
		let mut node_hash = *root;
		let mut data = self.fetch(root)?;
		loop {
			let bad = |reason| VerifyError::ProofBadNode { hash: node_hash, reason };
			let node = decode_node(data).map_err(bad)?;
			let (partial, value, children) = match node {
				Node::Empty => return Ok(None),
				Node::Leaf { partial, value } => (partial, Some(value), None),
				Node::Branch { partial, value, children } => (partial, value, Some(children)),
			};
			// Does the rest of the key start with the node's partial key?
			let rest = total.checked_sub(pos).ok_or(bad("key position"))?;
			if partial.len > rest {
				return Ok(None);
			}
			for i in 0..partial.len {
				let k = key.at(pos.checked_add(i).ok_or(bad("key position"))?);
				if k != partial.at(i) {
					return Ok(None);
				}
			}
			pos = pos.checked_add(partial.len).ok_or(bad("key position"))?;
			let Some(children) = children else {
				// A leaf matches only if it consumes the whole key.
				return if pos == total { self.value(value) } else { Ok(None) };
			};
			if pos == total {
				return self.value(value);
			}
			let nibble = key.at(pos).ok_or(bad("key position"))?;
			pos = pos.checked_add(1).ok_or(bad("key position"))?;
			match children.into_iter().nth(usize::from(nibble)).flatten() {
				None => return Ok(None),
				Some(Child::Hash(h)) => {
					node_hash = h;
					data = self.fetch(&h)?;
				}
				Some(Child::Inline(d)) => data = d,
			}
		}
	}

	fn value(&mut self, value: Option<Value<'a>>) -> Result<Option<&'a [u8]>, VerifyError> {
		match value {
			None => Ok(None),
			Some(Value::Inline(v)) => Ok(Some(v)),
			Some(Value::Hashed(h)) => self.fetch(&h).map(Some),
		}
	}

	/// Fails if some node was not used by any [`ReadProof::read`].
	pub fn ensure_all_used(&self) -> Result<(), VerifyError> {
		match self.index.iter().find(|(_, (_, used))| !used) {
			Some((h, _)) => Err(VerifyError::ProofUnusedNode { hash: *h }),
			None => Ok(()),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn size_decoding_matches_sp_trie() {
		// Leaf header with 63+ nibbles: 0b01_111111 then continuation bytes.
		let mut input: &[u8] = &[10];
		assert_eq!(decode_size(0b0111_1111, &mut input, 2), Ok(73));
		let mut input: &[u8] = &[255, 0];
		assert_eq!(decode_size(0b0111_1111, &mut input, 2), Ok(63 + 255));
		let mut input: &[u8] = &[];
		assert_eq!(decode_size(0b0100_0101, &mut input, 2), Ok(5));
		assert_eq!(decode_size(0b0111_1111, &mut input, 2), Err("truncated"));
	}

	#[test]
	fn malformed_nodes_are_rejected() {
		assert!(decode_node(&[]).is_err());
		assert!(decode_node(&[0, 0]).is_err()); // empty node with trailing byte
		assert!(decode_node(&[0b0000_0001]).is_err()); // compact-proof escape is not a node
		assert!(decode_node(&[0b1000_0000, 0, 0]).is_err()); // branch without children
		assert!(decode_node(&[0b0100_0001, 0x15, 0]).is_err()); // bad padding
		assert!(decode_node(&[0b0100_0001, 0x05, 0, 9]).is_err()); // trailing
		assert!(matches!(decode_node(&[0b0100_0001, 0x05, 0]), Ok(Node::Leaf { .. })));
	}

	#[test]
	fn missing_root_is_reported() {
		let nodes: Vec<Vec<u8>> = alloc::vec![];
		let mut p = ReadProof::new(&nodes).expect("no nodes, no duplicates");
		assert_eq!(p.read(&[7; 32], b"k"), Err(VerifyError::ProofMissingNode { hash: [7; 32] }));
	}
}

//! Trust roots from the chain specification, offline (no trust on first use).
//!
//! The data authority publishes the chain's *raw* chain specification (`dengji-node build-spec
//! --chain … --raw`): the genesis storage itself. From it a verifier computes, without asking any
//! node:
//! - the genesis state root: the Substrate base-16 trie root of the `top` storage, with each
//!   non-empty default child trie's root stored under `:child_storage:default:<key>`, under the
//!   runtime's state version (read from the `runtime_version` custom section of `:code`);
//! - the genesis header (parent zero, number 0, that state root, the empty extrinsics root, no
//!   digest) and so the genesis hash, which names the chain and enters every signing payload;
//! - the initial GRANDPA authority set (`Grandpa::Authorities`, set id 0).
//!
//! That is exactly what a node computes when it starts from the same file
//! (`sc_chain_spec::construct_genesis_block`), so the trust root equals `dengji trust export`
//! from an honest node at genesis (tests/trust_from_spec.rs of the CLI checks it against a node).
//!
//! The trie encoder mirrors `sp_trie::LayoutV0/V1` (`node_header`, `node_codec`, `trie_root`), as
//! the read-proof walker in `trie` does for decoding; tests check it against `sp-trie`.

use crate::{trust::Authority, Hash, Header, TrustRoot, VerifyError};
use alloc::{collections::BTreeMap, string::String, vec::Vec};
use codec::{Compact, Decode, Encode};

/// Storage prefix of default child tries in the top trie (`sp_core::storage::well_known_keys`).
pub const CHILD_STORAGE_DEFAULT_PREFIX: &[u8] = b":child_storage:default:";
/// Key of the runtime code.
pub const CODE_KEY: &[u8] = b":code";
/// Longest storage key [`from_raw_spec`] accepts (bounds the trie encoder's recursion).
pub const MAX_KEY_LEN: usize = 1024;

/// Substrate trie state versions (`sp_storage::StateVersion`): V1 stores values of 33 bytes or
/// more as separate value nodes (hashed), V0 inline.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StateVersion {
	/// All values inline.
	V0,
	/// Values of 33 bytes or more hashed.
	V1,
}

impl StateVersion {
	/// From the runtime's `system_version` (0 or 1; 2 and up use state version 1 too).
	pub fn from_system_version(v: u8) -> Self {
		if v == 0 {
			Self::V0
		} else {
			Self::V1
		}
	}

	fn hashes(&self, value: &[u8]) -> bool {
		matches!(self, Self::V1) && value.len() >= 33
	}
}

const LEAF: u8 = 0b0100_0000;
const BRANCH_NO_VALUE: u8 = 0b1000_0000;
const BRANCH_WITH_VALUE: u8 = 0b1100_0000;
const HASHED_VALUE_LEAF: u8 = 0b0010_0000;
const HASHED_VALUE_BRANCH: u8 = 0b0001_0000;

fn nibble(key: &[u8], i: usize) -> u8 {
	let byte = key.get(i / 2).copied().unwrap_or(0);
	if i.is_multiple_of(2) {
		byte >> 4
	} else {
		byte & 0x0f
	}
}

/// `sp_trie::node_header`: type bits then the partial key's nibble count.
fn header(out: &mut Vec<u8>, prefix: u8, prefix_bits: u32, nibbles: usize) {
	let max = 255u8.checked_shr(prefix_bits).unwrap_or(0);
	let max_usize = usize::from(max);
	if nibbles < max_usize {
		// nibbles < max <= 63 fits in a byte
		out.push(prefix | u8::try_from(nibbles).unwrap_or(max));
		return;
	}
	out.push(prefix | max);
	let mut rem = nibbles.saturating_sub(max_usize);
	while rem >= 255 {
		out.push(255);
		rem = rem.saturating_sub(255);
	}
	out.push(u8::try_from(rem).unwrap_or(0));
}

/// Partial key nibbles `[from, to)` of `key`, padded at the front when odd.
fn partial(out: &mut Vec<u8>, key: &[u8], from: usize, to: usize) {
	let mut i = from;
	if (to.saturating_sub(from)) % 2 == 1 {
		out.push(nibble(key, i));
		i = i.saturating_add(1);
	}
	while i < to {
		out.push((nibble(key, i) << 4) | nibble(key, i.saturating_add(1)));
		i = i.saturating_add(2);
	}
}

fn value(out: &mut Vec<u8>, v: &[u8], version: StateVersion) {
	if version.hashes(v) {
		out.extend_from_slice(&sp_crypto_hashing::blake2_256(v));
	} else {
		Compact(u32::try_from(v.len()).unwrap_or(u32::MAX)).encode_to(out);
		out.extend_from_slice(v);
	}
}

/// Encodes the trie node of the sorted `entries` whose keys share their first `depth` nibbles.
fn encode_node(entries: &[(&[u8], &[u8])], depth: usize, version: StateVersion) -> Vec<u8> {
	let mut out = Vec::new();
	let Some(((first_key, first_value), rest)) = entries.split_first() else {
		out.push(0);
		return out;
	};
	let nibbles = |k: &[u8]| k.len().saturating_mul(2);
	if rest.is_empty() {
		let hashed = version.hashes(first_value);
		let (prefix, bits) = if hashed { (HASHED_VALUE_LEAF, 3) } else { (LEAF, 2) };
		let end = nibbles(first_key);
		header(&mut out, prefix, bits, end.saturating_sub(depth));
		partial(&mut out, first_key, depth, end);
		value(&mut out, first_value, version);
		return out;
	}
	// Common prefix of all keys beyond `depth` (sorted: first and last suffice).
	let last_key = entries.last().map(|e| e.0).unwrap_or_default();
	let mut common = depth;
	while common < nibbles(first_key)
		&& common < nibbles(last_key)
		&& nibble(first_key, common) == nibble(last_key, common)
	{
		common = common.saturating_add(1);
	}
	// A key that ends here is the branch's value (sorted first: it is a prefix of the others).
	let (branch_value, children) =
		if nibbles(first_key) == common { (Some(*first_value), rest) } else { (None, entries) };
	let (prefix, bits) = match branch_value {
		None => (BRANCH_NO_VALUE, 2),
		Some(v) if version.hashes(v) => (HASHED_VALUE_BRANCH, 4),
		Some(_) => (BRANCH_WITH_VALUE, 2),
	};
	header(&mut out, prefix, bits, common.saturating_sub(depth));
	partial(&mut out, first_key, depth, common);
	let mut bitmap = 0u16;
	let mut encoded_children: Vec<Vec<u8>> = Vec::new();
	let mut start = 0usize;
	while start < children.len() {
		let n = children.get(start).map(|e| nibble(e.0, common)).unwrap_or(0);
		let mut end = start;
		while end < children.len() && children.get(end).map(|e| nibble(e.0, common)) == Some(n) {
			end = end.saturating_add(1);
		}
		bitmap |= 1u16 << n;
		let child = encode_node(
			children.get(start..end).unwrap_or_default(),
			common.saturating_add(1),
			version,
		);
		encoded_children.push(child);
		start = end;
	}
	out.extend_from_slice(&bitmap.to_le_bytes());
	if let Some(v) = branch_value {
		value(&mut out, v, version);
	}
	for child in encoded_children {
		if child.len() >= 32 {
			Compact(32u32).encode_to(&mut out);
			out.extend_from_slice(&sp_crypto_hashing::blake2_256(&child));
		} else {
			Compact(u32::try_from(child.len()).unwrap_or(0)).encode_to(&mut out);
			out.extend_from_slice(&child);
		}
	}
	out
}

/// The trie root (BLAKE2-256) of `entries` under `version` (`sp_trie::LayoutV*::trie_root`).
pub fn trie_root(entries: &BTreeMap<Vec<u8>, Vec<u8>>, version: StateVersion) -> Hash {
	let sorted: Vec<(&[u8], &[u8])> =
		entries.iter().map(|(k, v)| (k.as_slice(), v.as_slice())).collect();
	sp_crypto_hashing::blake2_256(&encode_node(&sorted, 0, version))
}

/// The genesis state root: `top` plus the roots of the non-empty default child tries under
/// `:child_storage:default:<child key>` (`sp_state_machine` genesis storage root).
pub fn genesis_state_root(
	top: &BTreeMap<Vec<u8>, Vec<u8>>,
	children: &BTreeMap<Vec<u8>, BTreeMap<Vec<u8>, Vec<u8>>>,
	version: StateVersion,
) -> Hash {
	let mut all = top.clone();
	for (child_key, child) in children.iter().filter(|(_, c)| !c.is_empty()) {
		let mut key = CHILD_STORAGE_DEFAULT_PREFIX.to_vec();
		key.extend_from_slice(child_key);
		all.insert(key, trie_root(child, version).to_vec());
	}
	trie_root(&all, version)
}

/// The genesis header of a state root (`sc_chain_spec::construct_genesis_block`).
pub fn genesis_header(state_root: Hash, version: StateVersion) -> Header {
	Header {
		parent_hash: [0; 32],
		number: 0,
		state_root,
		extrinsics_root: trie_root(&BTreeMap::new(), version),
		digest: Default::default(),
	}
}

/// The runtime's `system_version` (state version) from the `runtime_version` custom section of
/// an uncompressed wasm blob.
pub fn runtime_system_version(wasm: &[u8]) -> Result<u8, VerifyError> {
	let bad =
		|reason: &'static str| VerifyError::Decode { what: "runtime code", reason: reason.into() };
	if wasm.starts_with(&[0x52, 0xbc, 0x53, 0x76, 0x46, 0xdb, 0x8e, 0x05]) {
		return Err(bad("compressed runtime: give the state version explicitly"));
	}
	if wasm.get(..4) != Some(b"\0asm".as_slice()) {
		return Err(bad("not a wasm module"));
	}
	let mut input = wasm.get(8..).ok_or(bad("truncated"))?;
	while !input.is_empty() {
		let id = *input.first().ok_or(bad("truncated"))?;
		input = input.get(1..).ok_or(bad("truncated"))?;
		let size = leb128(&mut input).ok_or(bad("bad section size"))?;
		let section = input.get(..size).ok_or(bad("truncated section"))?;
		input = input.get(size..).ok_or(bad("truncated"))?;
		if id != 0 {
			continue;
		}
		let mut s = section;
		let name_len = leb128(&mut s).ok_or(bad("bad custom section name"))?;
		let name = s.get(..name_len).ok_or(bad("bad custom section name"))?;
		if name != b"runtime_version" {
			continue;
		}
		let mut payload = s.get(name_len..).ok_or(bad("truncated"))?;
		let rv = RuntimeVersionPrefix::decode(&mut payload)
			.map_err(|e| VerifyError::decode("runtime_version section", e))?;
		let _ = (rv.spec_name, rv.impl_name, rv.versions, rv.apis, rv.transaction_version);
		// Runtimes older than `system_version` (pre-2022) end here: state version 0.
		return Ok(payload.first().copied().unwrap_or(0));
	}
	Err(bad("no runtime_version custom section"))
}

#[derive(Decode)]
struct RuntimeVersionPrefix {
	spec_name: String,
	impl_name: String,
	versions: [u32; 3],
	apis: Vec<([u8; 8], u32)>,
	transaction_version: u32,
}

fn leb128(input: &mut &[u8]) -> Option<usize> {
	let mut result: u64 = 0;
	for shift in (0..35).step_by(7) {
		let (b, rest) = input.split_first()?;
		*input = rest;
		result |= u64::from(b & 0x7f).checked_shl(shift)?;
		if b & 0x80 == 0 {
			return usize::try_from(result).ok();
		}
	}
	None
}

/// What a raw chain spec gives: its name and id, the genesis hash, state root and version, and
/// the initial GRANDPA authorities.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SpecGenesis {
	/// `name` of the spec (e.g. "Dengji Local Testnet").
	pub name: String,
	/// `id` of the spec (e.g. "dengji_local").
	pub id: String,
	/// Genesis block hash.
	pub genesis_hash: Hash,
	/// Genesis state root.
	pub state_root: Hash,
	/// The state version used.
	pub state_version: StateVersion,
	/// `Grandpa::Authorities` at genesis (set id 0).
	pub authorities: Vec<Authority>,
}

impl SpecGenesis {
	/// The trust root at genesis (format version 2, named after the chain).
	pub fn trust_root(&self) -> TrustRoot {
		TrustRoot::new(self.genesis_hash, 0, self.authorities.clone()).with_chain(self.name.clone())
	}
}

/// Computes [`SpecGenesis`] from a raw chain spec (JSON text). `state_version`: `None` reads it
/// from the runtime code in the spec.
#[cfg(feature = "json")]
pub fn from_raw_spec(
	json: &str,
	state_version: Option<StateVersion>,
) -> Result<SpecGenesis, VerifyError> {
	use serde_json::Value;
	let bad = |reason: &str| VerifyError::Decode { what: "raw chain spec", reason: reason.into() };
	let spec: Value =
		serde_json::from_str(json).map_err(|e| VerifyError::decode("raw chain spec", e))?;
	let text = |k: &str| spec.get(k).and_then(Value::as_str).map(String::from).ok_or(bad(k));
	let (name, id) = (text("name")?, text("id")?);
	let raw = spec
		.get("genesis")
		.and_then(|g| g.get("raw"))
		.ok_or(bad("no genesis.raw: give the RAW spec (build-spec --raw)"))?;
	let map = |v: &Value| -> Result<BTreeMap<Vec<u8>, Vec<u8>>, VerifyError> {
		let obj = v.as_object().ok_or(bad("storage is not an object"))?;
		obj.iter()
			.map(|(k, v)| {
				let v = v.as_str().ok_or(bad("storage value is not a string"))?;
				Ok((
					unhex(k).ok_or(bad("storage key is not hex"))?,
					unhex(v).ok_or(bad("storage value is not hex"))?,
				))
			})
			.collect()
	};
	let top = map(raw.get("top").ok_or(bad("no genesis.raw.top"))?)?;
	// The encoder recurses once per nibble of shared key prefix: bound the keys (storage keys are
	// below 200 bytes) so a hostile file cannot exhaust the stack.
	if top.keys().any(|k| k.len() > MAX_KEY_LEN) {
		return Err(bad("storage key longer than 1024 bytes"));
	}
	let mut children = BTreeMap::new();
	if let Some(c) = raw.get("childrenDefault").and_then(Value::as_object) {
		for (k, v) in c {
			let child = map(v)?;
			if child.keys().any(|k| k.len() > MAX_KEY_LEN) {
				return Err(bad("child storage key longer than 1024 bytes"));
			}
			children.insert(unhex(k).ok_or(bad("child key is not hex"))?, child);
		}
	}
	let state_version = match state_version {
		Some(v) => v,
		None => StateVersion::from_system_version(runtime_system_version(
			top.get(CODE_KEY).ok_or(bad("no :code in genesis storage"))?,
		)?),
	};
	let state_root = genesis_state_root(&top, &children, state_version);
	let genesis_hash = genesis_header(state_root, state_version).hash();
	let authorities_key = crate::keys::item_prefix("Grandpa", "Authorities");
	let raw_set = top
		.get(authorities_key.as_slice())
		.ok_or(bad("no Grandpa::Authorities in genesis storage"))?;
	use codec::DecodeLimit as _;
	let set = <Vec<([u8; 32], u64)>>::decode_all_with_depth_limit(
		crate::MAX_DECODE_DEPTH,
		&mut raw_set.as_slice(),
	)
	.map_err(|e| VerifyError::decode("Grandpa::Authorities", e))?;
	let authorities = set.into_iter().map(|(id, weight)| Authority { id, weight }).collect();
	Ok(SpecGenesis { name, id, genesis_hash, state_root, state_version, authorities })
}

#[cfg(feature = "json")]
fn unhex(s: &str) -> Option<Vec<u8>> {
	hex::decode(s.strip_prefix("0x").unwrap_or(s)).ok()
}

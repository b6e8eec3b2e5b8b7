//! Thin wrappers over the standard Substrate JSON-RPC methods the SDK needs, with SCALE decoding of
//! their answers. Only methods every full node serves are used (`chain_*`, `state_*`,
//! `grandpa_proveFinality`), so a bundle can be built from any node, not only a trusted one.

use crate::error::{Error, Result};
use codec::{Compact, Decode, Encode};
use serde::Deserialize;
use subxt::rpcs::{rpc_params, RpcClient};

/// A block hash.
pub type Hash = [u8; 32];

/// A block identified by hash and number.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize)]
pub struct BlockRef {
	/// Block hash.
	#[serde(with = "hex_bytes32")]
	pub hash: Hash,
	/// Block number.
	pub number: u32,
}

pub use dengji_verify::{header::Digest, DigestItem, GrandpaJustification, Header};

/// `sc_consensus_grandpa::FinalityProof`: a justification for block `block` (the last block of an
/// authority set, or the latest justified block) and the headers between the requested block and
/// it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub struct FinalityProof {
	/// The justified block.
	pub block: Hash,
	/// SCALE-encoded `GrandpaJustification`.
	pub justification: Vec<u8>,
	/// Headers in (requested; justified].
	pub unknown_headers: Vec<Header>,
}

/// GRANDPA's consensus engine id.
pub const GRANDPA_ENGINE_ID: [u8; 4] = *b"FRNK";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonHeader {
	parent_hash: String,
	number: String,
	state_root: String,
	extrinsics_root: String,
	digest: JsonDigest,
}

#[derive(Deserialize)]
struct JsonDigest {
	logs: Vec<String>,
}

#[derive(Deserialize)]
struct JsonSignedBlock {
	justifications: Option<Vec<(serde_json::Value, serde_json::Value)>>,
}

#[derive(Deserialize)]
struct JsonReadProof {
	proof: Vec<String>,
}

/// Decodes a GRANDPA justification served by a node.
pub fn decode_justification(bytes: &[u8]) -> Result<GrandpaJustification> {
	Ok(GrandpaJustification::decode_scale(bytes)?)
}

/// Decodes `0x…` into bytes.
pub fn from_hex(what: &'static str, s: &str) -> Result<Vec<u8>> {
	hex::decode(s.trim_start_matches("0x"))
		.map_err(|e| Error::Decode { what, reason: format!("hex: {e}") })
}

/// Decodes `0x…` into 32 bytes.
pub fn hash_from_hex(what: &'static str, s: &str) -> Result<Hash> {
	from_hex(what, s)?
		.try_into()
		.map_err(|_| Error::Decode { what, reason: "expected 32 bytes".into() })
}

/// `0x`-prefixed lower-case hex.
pub fn to_hex(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

fn parse_header(h: JsonHeader) -> Result<Header> {
	let number = u32::from_str_radix(h.number.trim_start_matches("0x"), 16)
		.map_err(|e| Error::Decode { what: "header number", reason: e.to_string() })?;
	let digest = h
		.digest
		.logs
		.iter()
		.map(|l| {
			let bytes = from_hex("digest item", l)?;
			DigestItem::decode(&mut &bytes[..]).map_err(Error::decode("digest item"))
		})
		.collect::<Result<Vec<_>>>()?;
	Ok(Header {
		parent_hash: hash_from_hex("parent hash", &h.parent_hash)?,
		number,
		state_root: hash_from_hex("state root", &h.state_root)?,
		extrinsics_root: hash_from_hex("extrinsics root", &h.extrinsics_root)?,
		digest: Digest { logs: digest },
	})
}

/// Bytes given by the node as `0x…` hex or as a JSON array of numbers.
fn json_bytes(v: &serde_json::Value) -> Option<Vec<u8>> {
	match v {
		serde_json::Value::String(s) => hex::decode(s.trim_start_matches("0x")).ok(),
		serde_json::Value::Array(a) => a
			.iter()
			.map(|x| x.as_u64().and_then(|n| u8::try_from(n).ok()))
			.collect::<Option<Vec<u8>>>(),
		_ => None,
	}
}

async fn request<R: serde::de::DeserializeOwned>(
	rpc: &RpcClient,
	method: &'static str,
	params: subxt::rpcs::client::RpcParams,
) -> Result<R> {
	match tokio::time::timeout(crate::timeouts::REQUEST, rpc.request(method, params)).await {
		Ok(r) => r.map_err(Error::rpc(method)),
		Err(_) => Err(Error::Timeout { what: method, after: crate::timeouts::REQUEST }),
	}
}

/// `chain_getFinalizedHead` then its header.
pub async fn finalized_head(rpc: &RpcClient) -> Result<BlockRef> {
	let h: String = request(rpc, "chain_getFinalizedHead", rpc_params![]).await?;
	let hash = hash_from_hex("finalized head", &h)?;
	let header = header(rpc, hash).await?;
	Ok(BlockRef { hash, number: header.number })
}

/// `chain_getHeader(hash)`; checks that the header hashes to `hash`.
pub async fn header(rpc: &RpcClient, hash: Hash) -> Result<Header> {
	let h: Option<JsonHeader> = request(rpc, "chain_getHeader", rpc_params![to_hex(&hash)]).await?;
	let h = h.ok_or_else(|| Error::NotFound(format!("header {}", to_hex(&hash))))?;
	let header = parse_header(h)?;
	if header.hash() != hash {
		return Err(Error::Node(format!("header of {} does not hash to it", to_hex(&hash))));
	}
	Ok(header)
}

/// `chain_getBlockHash(number)`.
pub async fn block_hash(rpc: &RpcClient, number: u32) -> Result<Option<Hash>> {
	let h: Option<String> = request(rpc, "chain_getBlockHash", rpc_params![number]).await?;
	h.map(|h| hash_from_hex("block hash", &h)).transpose()
}

/// The GRANDPA justification stored with a block, if the node kept one (`chain_getBlock`).
pub async fn block_justification(rpc: &RpcClient, hash: Hash) -> Result<Option<Vec<u8>>> {
	let b: Option<JsonSignedBlock> =
		request(rpc, "chain_getBlock", rpc_params![to_hex(&hash)]).await?;
	let Some(b) = b else {
		return Err(Error::NotFound(format!("block {}", to_hex(&hash))));
	};
	Ok(b.justifications.unwrap_or_default().iter().find_map(|(engine, data)| {
		(json_bytes(engine)? == GRANDPA_ENGINE_ID).then(|| json_bytes(data)).flatten()
	}))
}

/// `grandpa_proveFinality(number)`: `None` when the node has no justification to offer.
pub async fn prove_finality(rpc: &RpcClient, number: u32) -> Result<Option<FinalityProof>> {
	let p: Option<String> = request(rpc, "grandpa_proveFinality", rpc_params![number]).await?;
	p.map(|p| {
		let bytes = from_hex("finality proof", &p)?;
		FinalityProof::decode(&mut &bytes[..]).map_err(Error::decode("finality proof"))
	})
	.transpose()
}

/// `state_getReadProof(keys, at)`: the trie nodes proving the values (or absence) of `keys`.
pub async fn read_proof(rpc: &RpcClient, keys: &[Vec<u8>], at: Hash) -> Result<Vec<Vec<u8>>> {
	let keys: Vec<String> = keys.iter().map(|k| to_hex(k)).collect();
	let p: JsonReadProof =
		request(rpc, "state_getReadProof", rpc_params![keys, to_hex(&at)]).await?;
	p.proof.iter().map(|n| from_hex("proof node", n)).collect()
}

/// `state_getStorage(key, at)`.
pub async fn storage(rpc: &RpcClient, key: &[u8], at: Option<Hash>) -> Result<Option<Vec<u8>>> {
	let v: Option<String> =
		request(rpc, "state_getStorage", rpc_params![to_hex(key), at.map(|h| to_hex(&h))]).await?;
	v.map(|v| from_hex("storage value", &v)).transpose()
}

/// `system_accountNextIndex(account)`: the next nonce, counting transactions in the pool.
pub async fn account_next_index(rpc: &RpcClient, ss58: &str) -> Result<u64> {
	request(rpc, "system_accountNextIndex", rpc_params![ss58]).await
}

/// `state_call(method, data, at)`.
pub async fn state_call(rpc: &RpcClient, method: &str, data: &[u8], at: Hash) -> Result<Vec<u8>> {
	let v: String =
		request(rpc, "state_call", rpc_params![method, to_hex(data), to_hex(&at)]).await?;
	from_hex("runtime call result", &v)
}

/// GRANDPA authorities at `at` (`GrandpaApi_grandpa_authorities`): `(ed25519 key, weight)`.
pub async fn grandpa_authorities(rpc: &RpcClient, at: Hash) -> Result<Vec<([u8; 32], u64)>> {
	let bytes = state_call(rpc, "GrandpaApi_grandpa_authorities", &[], at).await?;
	Vec::<([u8; 32], u64)>::decode(&mut &bytes[..]).map_err(Error::decode("GRANDPA authorities"))
}

/// `Grandpa::CurrentSetId` at `at`.
pub async fn grandpa_set_id(rpc: &RpcClient, at: Hash) -> Result<u64> {
	let v = storage(rpc, &crate::keys::grandpa_current_set_id(), Some(at)).await?;
	match v {
		None => Ok(0),
		Some(v) => u64::decode(&mut &v[..]).map_err(Error::decode("GRANDPA set id")),
	}
}

/// Compact length prefix, for tests and callers that assemble SCALE by hand.
pub fn compact_len(n: usize) -> Vec<u8> {
	Compact(u32::try_from(n).unwrap_or(u32::MAX)).encode()
}

/// Serde helper: 32 bytes as `0x…` hex.
pub mod hex_bytes32 {
	use serde::{Deserialize, Deserializer, Serializer};

	/// Serializes as `0x…`.
	pub fn serialize<S: Serializer>(b: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&super::to_hex(b))
	}

	/// Parses `0x…`.
	pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
		let s = String::deserialize(d)?;
		super::hash_from_hex("hash", &s).map_err(serde::de::Error::custom)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn json_header_parses_and_hashes_like_substrate() {
		// Genesis-like header with one digest item; hash computed over the SCALE encoding.
		let h = JsonHeader {
			parent_hash: to_hex(&[0u8; 32]),
			number: "0x1a".into(),
			state_root: to_hex(&[1u8; 32]),
			extrinsics_root: to_hex(&[2u8; 32]),
			digest: JsonDigest {
				logs: vec![to_hex(&DigestItem::PreRuntime(*b"aura", vec![9, 9]).encode())],
			},
		};
		let header = parse_header(h).unwrap();
		assert_eq!(header.number, 26);
		let enc = header.encode();
		assert_eq!(enc[32], 26 << 2, "compact number");
		assert_eq!(header.hash(), sp_crypto_hashing::blake2_256(&enc));
	}

	#[test]
	fn justification_bytes_accepted_as_hex_or_number_array() {
		assert_eq!(json_bytes(&serde_json::json!("0x4652")), Some(vec![0x46, 0x52]));
		assert_eq!(json_bytes(&serde_json::json!([70, 82, 78, 75])), Some(b"FRNK".to_vec()));
		assert_eq!(json_bytes(&serde_json::json!([300])), None);
	}
}

//! The standard Substrate JSON-RPC methods the SDK needs: [`NodeRpc`] wraps subxt-rpcs'
//! [`LegacyRpcMethods`] (typed `chain_*`, `state_*`, `system_*`) and adds only what it lacks:
//! `grandpa_proveFinality`, the check that a served header hashes to the hash asked for, and a
//! time limit per request. Only methods every full node serves are used, so a bundle can be built
//! from any node, not only a trusted one.

use crate::{
	error::{Error, Missing, NodeFault, Result},
	timeouts,
};
use codec::{Compact, Decode, Encode};
use std::future::Future;
use subxt::{
	rpcs::{methods::LegacyRpcMethods, rpc_params, RpcClient, RpcConfig},
	utils::AccountId32,
};

/// The hash type of [`DengjiRpcConfig`] (hex in JSON); `H256(hash)` from a [`type@Hash`].
pub use subxt::utils::H256;
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

pub use dengji_verify::{Digest, DigestItem, GrandpaJustification, Header};

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

/// The types the node's RPCs use: `H256` hashes (hex in JSON), dengji-verify's [`Header`] (it
/// decodes the JSON `chain_getHeader` returns) and SS58 account ids.
#[derive(Clone, Copy, Debug)]
pub enum DengjiRpcConfig {}

impl RpcConfig for DengjiRpcConfig {
	type Header = Header;
	type Hash = H256;
	type AccountId = AccountId32;
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

/// A node's JSON-RPC interface: subxt-rpcs' [`LegacyRpcMethods`] with every request bounded by
/// [`timeouts::REQUEST`], plus `grandpa_proveFinality` and hash-checked headers. Cheap to clone.
#[derive(Clone, Debug)]
pub struct NodeRpc {
	client: RpcClient,
	legacy: LegacyRpcMethods<DengjiRpcConfig>,
}

impl NodeRpc {
	/// Over a JSON-RPC client (any transport).
	pub fn new(client: RpcClient) -> Self {
		Self { legacy: LegacyRpcMethods::new(client.clone()), client }
	}

	/// The underlying JSON-RPC client, for methods not wrapped here.
	pub fn client(&self) -> &RpcClient {
		&self.client
	}

	/// subxt-rpcs' typed legacy methods (without this wrapper's time limit).
	pub fn legacy(&self) -> &LegacyRpcMethods<DengjiRpcConfig> {
		&self.legacy
	}

	/// Runs one request of `method` within [`timeouts::REQUEST`].
	async fn timed<T>(
		method: &'static str,
		fut: impl Future<Output = std::result::Result<T, subxt::rpcs::Error>>,
	) -> Result<T> {
		match tokio::time::timeout(timeouts::REQUEST, fut).await {
			Ok(r) => r.map_err(Error::rpc(method)),
			Err(_) => Err(Error::Timeout { what: method, after: timeouts::REQUEST }),
		}
	}

	/// `chain_getFinalizedHead` then its header.
	pub async fn finalized_head(&self) -> Result<BlockRef> {
		let hash =
			Self::timed("chain_getFinalizedHead", self.legacy.chain_get_finalized_head()).await?.0;
		let header = self.header(hash).await?;
		Ok(BlockRef { hash, number: header.number })
	}

	/// The runtime's `spec_version` at block `at` (the best block if `None`).
	pub async fn spec_version(&self, at: Option<Hash>) -> Result<u32> {
		let version = Self::timed(
			"state_getRuntimeVersion",
			self.legacy.state_get_runtime_version(at.map(H256)),
		)
		.await?;
		Ok(version.spec_version)
	}

	/// The best block (`chain_getHeader` without a hash; its hash is computed from the header).
	pub async fn best_block(&self) -> Result<BlockRef> {
		let header = Self::timed("chain_getHeader", self.legacy.chain_get_header(None))
			.await?
			.ok_or(Error::NotFound(Missing::Storage("best header")))?;
		Ok(BlockRef { hash: header.hash(), number: header.number })
	}

	/// `chain_getHeader(hash)`; checks that the header hashes to `hash`.
	pub async fn header(&self, hash: Hash) -> Result<Header> {
		let header = Self::timed("chain_getHeader", self.legacy.chain_get_header(Some(H256(hash))))
			.await?
			.ok_or(Error::NotFound(Missing::Header(hash)))?;
		let got = header.hash();
		if got != hash {
			return Err(NodeFault::HeaderHashMismatch { requested: hash, got }.into());
		}
		Ok(header)
	}

	/// `chain_getBlockHash(number)`.
	pub async fn block_hash(&self, number: u32) -> Result<Option<Hash>> {
		let h = self.legacy.chain_get_block_hash(Some(number.into()));
		Ok(Self::timed("chain_getBlockHash", h).await?.map(|h| h.0))
	}

	/// The GRANDPA justification stored with a block, if the node kept one (`chain_getBlock`).
	pub async fn block_justification(&self, hash: Hash) -> Result<Option<Vec<u8>>> {
		let block = Self::timed("chain_getBlock", self.legacy.chain_get_block(Some(H256(hash))))
			.await?
			.ok_or(Error::NotFound(Missing::Block(hash)))?;
		Ok(block
			.justifications
			.unwrap_or_default()
			.into_iter()
			.find_map(|(engine, data)| (engine == GRANDPA_ENGINE_ID).then_some(data)))
	}

	/// `grandpa_proveFinality(number)`: `None` when the node has no justification to offer.
	/// (Not among subxt-rpcs' methods: GRANDPA is not part of every chain.)
	pub async fn prove_finality(&self, number: u32) -> Result<Option<FinalityProof>> {
		let request =
			self.client.request::<Option<String>>("grandpa_proveFinality", rpc_params![number]);
		let proof = Self::timed("grandpa_proveFinality", request).await?;
		proof
			.map(|p| {
				let bytes = from_hex("finality proof", &p)?;
				FinalityProof::decode(&mut &bytes[..]).map_err(Error::decode("finality proof"))
			})
			.transpose()
	}

	/// `state_getReadProof(keys, at)`: the trie nodes proving the values (or absence) of `keys`.
	pub async fn read_proof(&self, keys: &[Vec<u8>], at: Hash) -> Result<Vec<Vec<u8>>> {
		let keys = keys.iter().map(Vec::as_slice);
		let request = self.legacy.state_get_read_proof(keys, Some(H256(at)));
		let proof = Self::timed("state_getReadProof", request).await?;
		Ok(proof.proof.into_iter().map(|node| node.0).collect())
	}

	/// `state_getStorage(key, at)` (default: the best block).
	pub async fn storage(&self, key: &[u8], at: Option<Hash>) -> Result<Option<Vec<u8>>> {
		Self::timed("state_getStorage", self.legacy.state_get_storage(key, at.map(H256))).await
	}

	/// `system_accountNextIndex(account)`: the next nonce, counting transactions in the pool.
	pub async fn account_next_index(&self, account: &[u8; 32]) -> Result<u64> {
		let account = AccountId32(*account);
		Self::timed("system_accountNextIndex", self.legacy.system_account_next_index(&account))
			.await
	}

	/// `state_call(method, data, at)`.
	pub async fn state_call(&self, method: &str, data: &[u8], at: Hash) -> Result<Vec<u8>> {
		let request = self.legacy.state_call(method, Some(data), Some(H256(at)));
		Self::timed("state_call", request).await
	}

	/// GRANDPA authorities at `at` (`GrandpaApi_grandpa_authorities`): `(ed25519 key, weight)`.
	pub async fn grandpa_authorities(&self, at: Hash) -> Result<Vec<([u8; 32], u64)>> {
		let bytes = self.state_call("GrandpaApi_grandpa_authorities", &[], at).await?;
		Vec::<([u8; 32], u64)>::decode(&mut &bytes[..])
			.map_err(Error::decode("GRANDPA authorities"))
	}

	/// `Grandpa::CurrentSetId` at `at`.
	pub async fn grandpa_set_id(&self, at: Hash) -> Result<u64> {
		let v = self.storage(&crate::keys::grandpa_current_set_id_key(), Some(at)).await?;
		match v {
			None => Ok(0),
			Some(v) => u64::decode(&mut &v[..]).map_err(Error::decode("GRANDPA set id")),
		}
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
	use subxt::rpcs::client::MockRpcClient;

	fn node(answer: serde_json::Value) -> NodeRpc {
		let mock = MockRpcClient::builder()
			.method_fallback(move |_method, _params| {
				let answer = answer.clone();
				async move { answer }
			})
			.build();
		NodeRpc::new(RpcClient::new(mock))
	}

	fn header() -> Header {
		Header {
			parent_hash: [0u8; 32],
			number: 26,
			state_root: [1u8; 32],
			extrinsics_root: [2u8; 32],
			digest: Digest { logs: vec![DigestItem::PreRuntime(*b"aura", vec![9, 9])] },
		}
	}

	#[tokio::test]
	async fn json_header_parses_and_hashes_like_substrate() {
		// The JSON `chain_getHeader` returns, with one digest item; hash over the SCALE encoding.
		let json = serde_json::json!({
			"parentHash": to_hex(&[0u8; 32]),
			"number": "0x1a",
			"stateRoot": to_hex(&[1u8; 32]),
			"extrinsicsRoot": to_hex(&[2u8; 32]),
			"digest": { "logs": [to_hex(&DigestItem::PreRuntime(*b"aura", vec![9, 9]).encode())] },
		});
		let h = header();
		let got = node(json).header(h.hash()).await.expect("header");
		assert_eq!(got.number, 26);
		let enc = got.encode();
		assert_eq!(enc[32], 26 << 2, "compact number");
		assert_eq!(got.hash(), sp_crypto_hashing::blake2_256(&enc));
	}

	#[tokio::test]
	async fn header_that_does_not_hash_to_the_requested_hash_is_refused() {
		let json = serde_json::to_value(header()).expect("json");
		let asked = [7u8; 32];
		match node(json).header(asked).await {
			Err(Error::Node(NodeFault::HeaderHashMismatch { requested, got })) => {
				assert_eq!(requested, asked);
				assert_eq!(got, header().hash());
			}
			other => panic!("expected a hash mismatch, got {other:?}"),
		}
	}

	#[tokio::test]
	async fn justification_bytes_accepted_as_the_node_prints_them() {
		// `chain_getBlock` prints justifications as (engine id, bytes), both as number arrays.
		let block = serde_json::json!({
			"block": { "header": serde_json::to_value(header()).expect("json"), "extrinsics": [] },
			"justifications": [[[66, 69, 69, 70], [1, 2]], [b"FRNK", [70, 82, 78, 75]]],
		});
		let j = node(block).block_justification([0; 32]).await.expect("block");
		assert_eq!(j, Some(b"FRNK".to_vec()));
		let none = node(serde_json::json!({
			"block": { "header": serde_json::to_value(header()).expect("json"), "extrinsics": [] },
			"justifications": null,
		}));
		assert_eq!(none.block_justification([0; 32]).await.expect("block"), None);
		assert!(matches!(
			node(serde_json::Value::Null).block_justification([3; 32]).await,
			Err(Error::NotFound(Missing::Block(h))) if h == [3; 32]
		));
	}
}

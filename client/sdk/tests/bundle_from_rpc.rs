//! The SDK's bundle builder against a fake node that answers the standard RPCs from the chain
//! data of `dengji-verify`'s checked-in vectors: the bundle it assembles must be exactly the
//! vector's, verify to the vector's verdict, and a node serving a tampered proof must be caught.

use codec::Encode;
use dengji_client::{
	rpc::{to_hex, FinalityProof},
	Error, NodeFault, Policy, ProofBundle, Reader, TrustRoot, UnixTimeMs, Verdict,
};
use serde_json::{json, Value};
use std::{
	path::PathBuf,
	sync::{
		atomic::{AtomicUsize, Ordering},
		Arc,
	},
};
use subxt::rpcs::{client::MockRpcClient, RpcClient};

fn vectors() -> Value {
	let path = std::env::var_os("CARGO_MANIFEST_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
		.join("../verify/tests/vectors/bundles.json");
	serde_json::from_str(&std::fs::read_to_string(path).expect("vectors")).expect("json")
}

fn vector(name: &str) -> Value {
	vectors()["bundles"]
		.as_array()
		.expect("bundles")
		.iter()
		.find(|b| b["name"] == name)
		.unwrap_or_else(|| panic!("vector {name}"))
		.clone()
}

/// A node serving one bundle's chain data.
struct FakeNode {
	bundle: ProofBundle,
	trust: TrustRoot,
	/// Serve this read proof instead of the real one.
	read_proof: Vec<Vec<u8>>,
	/// `grandpa_proveFinality` calls answered.
	prove_calls: Arc<AtomicUsize>,
}

impl FakeNode {
	fn from_vector(v: &Value) -> Self {
		let bundle = ProofBundle::from_json(&v["bundle"].to_string()).expect("bundle");
		let trust = TrustRoot::from_json(&v["trust_root"].to_string()).expect("trust root");
		let read_proof = bundle.read_proof.clone();
		Self { bundle, trust, read_proof, prove_calls: Default::default() }
	}

	fn header_json(&self, hash: &str) -> Value {
		let b = &self.bundle;
		std::iter::once(&b.header)
			.chain(b.set_changes.iter().map(|c| &c.header))
			.find(|h| to_hex(&h.hash()) == hash)
			.map(|h| serde_json::to_value(h).expect("header json"))
			.unwrap_or(Value::Null)
	}

	fn justification_of(&self, hash: &str) -> Option<Vec<u8>> {
		let b = &self.bundle;
		if to_hex(&b.header.hash()) == hash {
			return Some(b.justification.encode());
		}
		b.set_changes
			.iter()
			.find(|c| to_hex(&c.header.hash()) == hash)
			.map(|c| c.justification.encode())
	}

	fn answer(&self, method: &str, params: &[Value]) -> Value {
		let b = &self.bundle;
		let str_param = |i: usize| params.get(i).and_then(Value::as_str).unwrap_or("").to_string();
		match method {
			"chain_getBlockHash" => {
				let n = params.first().and_then(Value::as_u64).expect("number");
				if n == 0 {
					return json!(to_hex(&self.trust.genesis_hash));
				}
				std::iter::once(&b.header)
					.chain(b.set_changes.iter().map(|c| &c.header))
					.find(|h| u64::from(h.number) == n)
					.map(|h| json!(to_hex(&h.hash())))
					.unwrap_or(Value::Null)
			}
			"chain_getFinalizedHead" => json!(to_hex(&b.header.hash())),
			"chain_getHeader" => self.header_json(&str_param(0)),
			"chain_getBlock" => {
				let hash = str_param(0);
				let header = self.header_json(&hash);
				if header.is_null() {
					return Value::Null;
				}
				// Justifications as the node prints them: engine id and bytes as number arrays.
				let justifications = self.justification_of(&hash).map(|j| json!([[b"FRNK", j]]));
				json!({ "block": { "header": header, "extrinsics": [] }, "justifications": justifications })
			}
			"grandpa_proveFinality" => {
				self.prove_calls.fetch_add(1, Ordering::SeqCst);
				let n = params.first().and_then(Value::as_u64).expect("number");
				// The end of the set containing block n, like sc-consensus-grandpa.
				match b.set_changes.iter().find(|c| u64::from(c.header.number) >= n) {
					Some(c) => json!(to_hex(
						&FinalityProof {
							block: c.header.hash(),
							justification: c.justification.encode(),
							unknown_headers: vec![],
						}
						.encode()
					)),
					None => Value::Null,
				}
			}
			"state_getStorage" => {
				let key = str_param(0);
				if key == to_hex(&dengji_client::keys::grandpa_current_set_id_key()) {
					let set_id = self.trust.set_id + u64::try_from(b.set_changes.len()).unwrap();
					json!(to_hex(&set_id.encode()))
				} else {
					Value::Null
				}
			}
			"state_getReadProof" => {
				let keys: Vec<String> = serde_json::from_value(params[0].clone()).expect("keys");
				let want: Vec<String> = dengji_client::verify::keys::proof_keys(&b.code)
					.iter()
					.map(|k| to_hex(k))
					.collect();
				assert_eq!(keys, want, "the SDK asks for exactly the keys the verifier reads");
				assert_eq!(str_param(1), to_hex(&b.header.hash()), "proof at the justified block");
				json!({ "at": str_param(1), "proof": self.read_proof.iter().map(|n| to_hex(n)).collect::<Vec<_>>() })
			}
			"state_call" => {
				assert_eq!(str_param(0), "GrandpaApi_grandpa_authorities");
				let auths: Vec<([u8; 32], u64)> =
					self.trust.authorities.iter().map(|a| (a.id, a.weight)).collect();
				json!(to_hex(&auths.encode()))
			}
			// The trust root is named after the chain (`TrustRoot::chain`).
			"system_chain" => json!("Development"),
			other => panic!("unexpected RPC {other}"),
		}
	}

	async fn reader(self) -> Reader {
		let node = Arc::new(self);
		let mock = MockRpcClient::builder()
			.method_fallback(move |method, params| {
				let node = node.clone();
				async move {
					let params: Vec<Value> = params
						.map(|p| serde_json::from_str(p.get()).expect("params"))
						.unwrap_or_default();
					node.answer(&method, &params)
				}
			})
			.build();
		Reader::from_rpc(RpcClient::new(mock), "mock://node").await.expect("reader")
	}
}

#[tokio::test]
async fn built_bundle_is_the_vectors_bundle_and_verifies() {
	for name in ["valid", "valid-no-set-change", "superseded", "revoked", "not-found", "expired"] {
		let v = vector(name);
		let node = FakeNode::from_vector(&v);
		let want = node.bundle.clone();
		let trust = node.trust.clone();
		let reader = node.reader().await;
		assert_eq!(reader.genesis_hash(), trust.genesis_hash);

		let built = reader.build_bundle(&want.code, &trust).await.expect(name);
		assert_eq!(built, want, "{name}: the SDK assembles the same bundle");

		let policy = Policy {
			max_age_ms: v["policy"]["max_age_ms"].as_u64().unwrap(),
			require_sm2: v["policy"]["require_sm2"].as_bool().unwrap_or(false),
		};
		let now = v["now_ms"].as_u64().unwrap();
		let now = UnixTimeMs::from_millis(now);
		let online = reader.verify_online(&want.code, Some(&trust), &policy, Some(now)).await;
		let verdict = online.expect(name).verification.verdict;
		let expected: Verdict =
			serde_json::from_value(v["expected"]["verdict"].clone()).expect("verdict");
		assert_eq!(verdict, expected, "{name}");
	}
}

#[tokio::test]
async fn trust_root_is_read_from_the_grandpa_api_and_set_id() {
	let v = vector("valid-no-set-change");
	let node = FakeNode::from_vector(&v);
	// The vectors' trust roots carry no chain name; the SDK names the root after `system_chain`.
	let want = node.trust.clone().with_chain("Development");
	let reader = node.reader().await;
	assert_eq!(reader.trust_root().await.expect("trust root"), want);
}

#[tokio::test]
async fn node_serving_a_tampered_proof_is_caught() {
	let v = vector("valid");
	let mut node = FakeNode::from_vector(&v);
	let code = node.bundle.code;
	let trust = node.trust.clone();
	let last = node.read_proof.len() - 1;
	let n = node.read_proof[last].len() - 1;
	node.read_proof[last][n] ^= 1;
	let reader = node.reader().await;
	match reader.build_bundle(&code, &trust).await {
		Err(Error::Verify(_)) => {}
		other => panic!("tampered proof accepted: {other:?}"),
	}
}

#[tokio::test]
async fn bundle_for_another_chain_is_refused_before_any_proof() {
	let v = vector("valid");
	let node = FakeNode::from_vector(&v);
	let code = node.bundle.code;
	let mut trust = node.trust.clone();
	trust.genesis_hash = [7; 32];
	let reader = node.reader().await;
	match reader.build_bundle(&code, &trust).await {
		Err(Error::Node(NodeFault::WrongChain { node, trust_root })) => {
			assert_eq!((node, trust_root), (reader.genesis_hash(), [7; 32]));
		}
		other => panic!("bundle for another chain: {other:?}"),
	}
}

#[tokio::test]
async fn set_changes_are_fetched_once_per_reader() {
	let v = vector("valid");
	let node = FakeNode::from_vector(&v);
	let (code, trust, calls) = (node.bundle.code, node.trust.clone(), node.prove_calls.clone());
	let reader = node.reader().await;
	let first = reader.build_bundle(&code, &trust).await.expect("first");
	let after_first = calls.load(Ordering::SeqCst);
	let second = reader.build_bundle(&code, &trust).await.expect("second");
	assert_eq!(first, second);
	assert_eq!(calls.load(Ordering::SeqCst), after_first, "set ends come from the cache");
}

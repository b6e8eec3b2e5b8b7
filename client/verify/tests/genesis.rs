//! `dengji_verify::genesis` (issue 14 §3, trust roots without trust on first use): the hand-written
//! trie-root encoder against `sp-trie`/`trie-db` (state versions 0 and 1), and trust roots computed
//! from a raw chain spec. The CLI's tests/trust_from_spec.rs compares the result with a real node.

use dengji_verify::{
	genesis::{self, StateVersion},
	TrustRoot, VerifyError,
};
use dengji_verify_fixtures::{memory_db, sp_trie, trie_db, Blake2Hasher};
use proptest::prelude::*;
use std::collections::BTreeMap;
use trie_db::TrieMut;

type MemoryDb = memory_db::MemoryDB<Blake2Hasher, memory_db::HashKey<Blake2Hasher>, Vec<u8>>;

fn reference_root(entries: &BTreeMap<Vec<u8>, Vec<u8>>, version: StateVersion) -> [u8; 32] {
	fn build<L: trie_db::TrieLayout<Hash = Blake2Hasher>>(
		entries: &BTreeMap<Vec<u8>, Vec<u8>>,
	) -> [u8; 32] {
		let mut db = MemoryDb::default();
		let mut root = [0u8; 32];
		{
			let mut t = trie_db::TrieDBMutBuilder::<L>::new(&mut db, &mut root).build();
			for (k, v) in entries {
				assert!(t.insert(k, v).is_ok(), "trie insert");
			}
		}
		root
	}
	match version {
		StateVersion::V0 => build::<sp_trie::LayoutV0<Blake2Hasher>>(entries),
		StateVersion::V1 => build::<sp_trie::LayoutV1<Blake2Hasher>>(entries),
	}
}

fn entries() -> impl Strategy<Value = BTreeMap<Vec<u8>, Vec<u8>>> {
	// Short keys over a small alphabet give shared prefixes, keys that are prefixes of others
	// (branch values) and long partial keys; values around the 33-byte hashing threshold.
	let key = prop_oneof![
		prop::collection::vec(prop::sample::select(vec![0u8, 1, 0x10, 0x11, 0xff]), 0..6),
		prop::collection::vec(any::<u8>(), 0..80),
	];
	let value = prop_oneof![
		prop::collection::vec(any::<u8>(), 0..40),
		prop::collection::vec(any::<u8>(), 30..36),
		prop::collection::vec(any::<u8>(), 100..300),
	];
	prop::collection::btree_map(key, value, 0..40)
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(300))]
	#[test]
	fn trie_root_equals_sp_trie(entries in entries()) {
		for version in [StateVersion::V0, StateVersion::V1] {
			prop_assert_eq!(
				genesis::trie_root(&entries, version),
				reference_root(&entries, version),
				"{:?}", version
			);
		}
	}
}

#[test]
fn trie_root_of_long_partial_keys_and_empty_trie() {
	let mut m = BTreeMap::new();
	assert_eq!(genesis::trie_root(&m, StateVersion::V1), reference_root(&m, StateVersion::V1));
	// Partial keys of 63, 64, 318, 319, 320 and 600 nibbles (the header's size continuation bytes).
	for len in [31usize, 32, 159, 160, 300] {
		m.clear();
		m.insert(vec![7u8; len], vec![1u8; 40]);
		m.insert(vec![7u8; len + 1], vec![2u8; 3]);
		for v in [StateVersion::V0, StateVersion::V1] {
			assert_eq!(genesis::trie_root(&m, v), reference_root(&m, v), "len {len} {v:?}");
		}
	}
}

fn spec(top: &[(&str, String)]) -> String {
	let top: serde_json::Map<String, serde_json::Value> =
		top.iter().map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone()))).collect();
	serde_json::json!({"name": "Test Chain", "id": "test", "genesis": {"raw": {"top": top, "childrenDefault": {}}}})
		.to_string()
}

#[test]
fn trust_root_from_a_raw_spec() {
	use codec::Encode;
	let authorities: Vec<([u8; 32], u64)> = vec![([1; 32], 1), ([2; 32], 1)];
	let key =
		format!("0x{}", hex::encode(dengji_verify::keys::item_prefix("Grandpa", "Authorities")));
	let set = format!("0x{}", hex::encode(authorities.encode()));
	let s = spec(&[(&key, set.clone()), ("0x0102", "0x03".into())]);
	let g = genesis::from_raw_spec(&s, Some(StateVersion::V1)).unwrap();
	let mut top = BTreeMap::new();
	top.insert(hex::decode(&key[2..]).unwrap(), authorities.encode());
	top.insert(vec![1, 2], vec![3]);
	assert_eq!(g.state_root, reference_root(&top, StateVersion::V1));
	assert_eq!(g.genesis_hash, genesis::genesis_header(g.state_root, StateVersion::V1).hash());
	let root = g.trust_root();
	assert_eq!((root.version, root.chain.as_deref(), root.set_id), (2, Some("Test Chain"), 0));
	assert_eq!(root.authorities.len(), 2);
	// The JSON round trip keeps version and chain; the chain check refuses another chain.
	let back = TrustRoot::from_json(&root.to_json()).unwrap();
	assert_eq!(back, root);
	assert_eq!(root.expect_chain("Test Chain", &g.genesis_hash), Ok(()));
	assert!(matches!(
		root.expect_chain("Dengji Local Testnet", &g.genesis_hash),
		Err(VerifyError::WrongChain { .. })
	));
	assert!(matches!(
		root.expect_chain("Test Chain", &[9; 32]),
		Err(VerifyError::WrongChain { .. })
	));
	// Without :code the state version must be given.
	assert!(matches!(genesis::from_raw_spec(&s, None), Err(VerifyError::Decode { .. })));
	// Not a raw spec / no authorities: typed errors.
	assert!(genesis::from_raw_spec("{}", None).is_err());
	assert!(genesis::from_raw_spec(&spec(&[("0x0102", "0x03".into())]), Some(StateVersion::V1))
		.is_err());
}

#[test]
fn version_1_trust_roots_are_still_read_and_unknown_versions_refused() {
	let v1 = r#"{"genesis_hash": "0x0101010101010101010101010101010101010101010101010101010101010101", "set_id": 3,
		"authorities": [{"id": "0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee", "weight": 1}]}"#;
	let root = TrustRoot::from_json(v1).unwrap();
	assert_eq!((root.version, root.chain.as_deref(), root.set_id), (1, None, 3));
	// Unnamed (version 1) roots are checked by genesis hash alone.
	assert_eq!(root.expect_chain("anything", &[1; 32]), Ok(()));
	let v9 = v1.replacen('{', r#"{"version": 9, "#, 1);
	assert!(matches!(
		TrustRoot::from_json(&v9),
		Err(VerifyError::UnsupportedVersion { what: "trust root", found: 9, .. })
	));
}

//! The hand-written read-proof walker against `sp-trie`/`trie-db` (`LayoutV1`, BLAKE2-256):
//! random tries with shared prefixes, inline (< 33 bytes) and hashed values, present and absent
//! keys; the walker must read exactly what `trie.get` reads and use every recorded node.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dengji_verify::{trie::ReadProof, VerifyError};
use dengji_verify_fixtures::*;
use proptest::prelude::*;

fn check_trie(entries: Vec<(Vec<u8>, Vec<u8>)>, probes: Vec<Vec<u8>>) {
	let state = State::build(&entries, 0);
	let proof = state.read_proof(&probes);
	let mut p = ReadProof::new(&proof).unwrap();
	for k in &probes {
		let got = p.read(&state.root, k).unwrap().map(<[u8]>::to_vec);
		assert_eq!(got, state.get(k), "key {k:?}");
	}
	p.ensure_all_used().unwrap();
}

fn entry() -> impl Strategy<Value = (Vec<u8>, Vec<u8>)> {
	// Short keys over a small alphabet share prefixes; values straddle the 33-byte threshold.
	(prop::collection::vec(0u8..4, 1..6), prop::collection::vec(any::<u8>(), 0..70))
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

	#[test]
	fn walker_reads_what_trie_db_reads(
		entries in prop::collection::vec(entry(), 1..60),
		absent in prop::collection::vec(prop::collection::vec(0u8..5, 0..7), 0..6),
	) {
		let mut probes: Vec<Vec<u8>> = entries.iter().take(5).map(|(k, _)| k.clone()).collect();
		probes.extend(absent);
		probes.sort();
		probes.dedup();
		check_trie(entries, probes);
	}
}

#[test]
fn walker_reads_storage_keys_of_a_large_state() {
	let entries: Vec<_> =
		(0..3000).map(|i| (bytes("k", i, 32 + i % 40), bytes("v", i, i % 300))).collect();
	let probes = vec![
		entries[0].0.clone(),
		entries[1234].0.clone(),
		entries[2999].0.clone(),
		bytes("absent", 0, 40),
		entries[5].0[..10].to_vec(),
	];
	check_trie(entries, probes);
}

#[test]
fn proof_for_another_root_is_missing_its_root() {
	let a = State::build(&[(b"a".to_vec(), b"1".to_vec())], 10);
	let b = State::build(&[(b"a".to_vec(), b"2".to_vec())], 10);
	let proof = a.read_proof(&[b"a".to_vec()]);
	let mut p = ReadProof::new(&proof).unwrap();
	assert_eq!(p.read(&b.root, b"a"), Err(VerifyError::ProofMissingNode { hash: b.root }));
}

#[test]
fn tampered_node_is_missing_and_the_original_unused() {
	let state = State::build(&[(b"key".to_vec(), vec![7; 100])], 50);
	let mut proof = state.read_proof(&[b"key".to_vec()]);
	let last = proof.len() - 1;
	proof[last][0] ^= 1;
	let mut p = ReadProof::new(&proof).unwrap();
	assert!(p.read(&state.root, b"key").is_err());
}

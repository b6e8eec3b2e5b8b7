//! The scale benchmark's bulk loader (benches/scale.rs, issue 5 "Scale") at 10^3 certificates,
//! so the loader cannot rot: its one-pass trie equals the one `TrieDBMut` builds entry by entry,
//! it keeps the pallet's invariants, and bundles of sampled certificates verify with the verdict
//! their stored status implies (docs/spec/DESIGN.md §8).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dengji_verify::{verify, Policy, ProofBundle, Verdict, VerifyError};
use dengji_verify_fixtures::scale::*;
use dengji_verify_fixtures::{voters, VERIFIER_NOW};

/// Issue 5 "Scale": the loader's state, bundles and verdicts at 10^3 certificates.
#[test]
fn scale_loader_thousand_certificates_bundles_verify() {
	let g = generate(1_000, 12);
	let trie = StateTrie::build(&g.entries);
	assert_eq!(trie.root, incremental_root(&g.entries), "one-pass root differs");
	check_invariants(&g, &trie).unwrap();
	// Every kind of record is present: valid, superseded, cancelled, revoked.
	assert!(g.by_status.iter().all(|c| *c > 0), "{:?}", g.by_status);
	assert_eq!(g.by_status.iter().sum::<usize>(), 1_000);
	assert_eq!(g.current_of, g.by_status[0]);
	assert!(trie.total_bytes() > 1_000 * 300, "{} bytes", trie.total_bytes());

	let policy = Policy::default();
	let mut verdicts = Vec::new();
	for validators in [4, 16] {
		let set = voters(validators, 0);
		let root = trust_root(g.genesis_hash, &set);
		for r in &g.samples {
			let b = bundle(&trie, g.genesis_hash, &set, &r.body.code);
			let decoded = ProofBundle::from_bytes(&b.to_bytes()).unwrap();
			let verdict = verify(&decoded, &root, &policy, VERIFIER_NOW).unwrap();
			assert_eq!(verdict, expected_verdict(r), "{}", r.body.code);
			verdicts.push(verdict);
		}
		let b = bundle(&trie, g.genesis_hash, &set, &g.absent);
		assert_eq!(verify(&b, &root, &policy, VERIFIER_NOW), Ok(Verdict::NotFound));
	}
	// Every stored status was sampled and gave its verdict.
	for kind in [
		|v: &Verdict| matches!(v, Verdict::Valid),
		|v: &Verdict| matches!(v, Verdict::Superseded { .. }),
		|v: &Verdict| matches!(v, Verdict::Cancelled { .. }),
		|v: &Verdict| matches!(v, Verdict::Revoked { .. }),
	] {
		assert!(verdicts.iter().any(kind), "{verdicts:?}");
	}
}

/// Issue 5 "Scale": a bundle built against the loaded state fails once the state changes under
/// it (the proof is bound to the header's state root), and a bulk insert through `TrieDBMut`
/// keeps the old certificates provable.
#[test]
fn scale_loader_state_change_rejects_old_proof_keeps_records() {
	let g = generate(1_000, 2);
	let mut trie = StateTrie::build(&g.entries);
	let set = voters(4, 0);
	let root = trust_root(g.genesis_hash, &set);
	let r = &g.samples[1];
	let old = bundle(&trie, g.genesis_hash, &set, &r.body.code);
	let more = generate(1_200, 1);
	let extra: Vec<_> =
		more.entries.iter().filter(|(k, _)| trie.get(k).is_none()).cloned().collect();
	assert!(!extra.is_empty());
	trie.insert(&extra);
	let mut stale = bundle(&trie, g.genesis_hash, &set, &r.body.code);
	stale.read_proof = old.read_proof.clone();
	assert!(matches!(
		verify(&stale, &root, &Policy::default(), VERIFIER_NOW),
		Err(VerifyError::ProofMissingNode { .. })
	));
	let fresh = bundle(&trie, g.genesis_hash, &set, &r.body.code);
	assert_eq!(verify(&fresh, &root, &Policy::default(), VERIFIER_NOW), Ok(expected_verdict(r)));
}

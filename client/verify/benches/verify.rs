//! `cargo bench -p dengji-verify` (or `scripts/bench-verify.sh`): bundle verification throughput
//! per core against raw ed25519-dalek `verify_strict` for the same signatures, and bundle sizes.
//!
//! Bundles come from the test fixtures with a state of ~20,000 entries (so read proofs have a
//! realistic depth). Each bundle verification includes decoding the binary form.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{hint::black_box, time::Instant};

use dengji_verify::{verify, Policy, ProofBundle, Verdict};
use dengji_verify_fixtures::bench::{bundle_signatures, raw_verify};
use dengji_verify_fixtures::*;

/// Rounds of interleaved measurement; each side keeps its best round (the machine is shared,
/// so the best round is the one least disturbed by other work).
const ROUNDS: usize = 10;
const ROUND_SECONDS: f64 = 0.3;

/// Runs `f` repeatedly for `ROUND_SECONDS`; returns calls per second.
fn rate_once(f: &mut impl FnMut()) -> f64 {
	let start = Instant::now();
	let mut n = 0u64;
	loop {
		for _ in 0..5 {
			f();
		}
		n += 5;
		let t = start.elapsed().as_secs_f64();
		if t >= ROUND_SECONDS {
			return n as f64 / t;
		}
	}
}

/// Best-of-`ROUNDS` rates of `a` and `b`, measured alternately so both see the same load.
fn rates(mut a: impl FnMut(), mut b: impl FnMut()) -> (f64, f64) {
	for _ in 0..10 {
		a();
		b();
	}
	let (mut best_a, mut best_b) = (0f64, 0f64);
	for _ in 0..ROUNDS {
		best_a = best_a.max(rate_once(&mut a));
		best_b = best_b.max(rate_once(&mut b));
	}
	(best_a, best_b)
}

fn main() {
	// `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run a smoke pass then.
	let quick = !std::env::args().any(|a| a == "--bench");
	let filler = if quick { 200 } else { 20_000 };
	println!("dengji-verify benchmark (single thread = per core; state of ~{filler} entries)");
	println!(
		"{:<34} {:>7} {:>6} {:>12} {:>14} {:>16} {:>7}",
		"bundle", "bytes", "sigs", "bundles/s", "raw sigs/s", "raw-equiv b/s", "ratio"
	);
	let cases = [
		("4 validators, no set change", 4usize, 0usize),
		("4 validators, 1 set change", 4, 1),
		("16 validators, no set change", 16, 0),
		("16 validators, 1 set change", 16, 1),
	];
	let mut sizes = Vec::new();
	for (name, validators, set_changes) in cases {
		let f = Scenario { validators, set_changes, filler, ..Default::default() }.build();
		let bytes = f.bundle.to_bytes();
		let json = f.bundle.to_json().unwrap();
		let policy = Policy::default();
		assert_eq!(verify(&f.bundle, &f.trust_root, &policy, VERIFIER_NOW), Ok(Verdict::Valid));
		let sigs =
			bundle_signatures(&f.bundle, f.record.as_ref().unwrap(), &f.trust_root.genesis_hash);
		raw_verify(&sigs);
		if quick {
			println!(
				"{name:<34} {:>7} {:>6} (smoke run; use `cargo bench`)",
				bytes.len(),
				sigs.len()
			);
			continue;
		}
		let (bundles_per_s, raw_sets_per_s) = rates(
			|| {
				let b = ProofBundle::from_bytes(black_box(&bytes)).unwrap();
				black_box(verify(&b, &f.trust_root, &policy, VERIFIER_NOW).unwrap());
			},
			|| raw_verify(black_box(&sigs)),
		);
		let raw_sigs_per_s = raw_sets_per_s * sigs.len() as f64;
		let equiv = raw_sigs_per_s / sigs.len() as f64;
		println!(
			"{name:<34} {:>7} {:>6} {:>12.0} {:>14.0} {:>16.0} {:>6.1}%",
			bytes.len(),
			sigs.len(),
			bundles_per_s,
			raw_sigs_per_s,
			equiv,
			100.0 * bundles_per_s / equiv
		);
		sizes.push((name, bytes.len(), json.len()));
	}
	if !quick {
		println!();
		println!(
			"ratio = bundles/s / (raw verify_strict/s / signatures per bundle); target >= 70%"
		);
		for (name, bin, json) in sizes {
			let kib = bin as f64 / 1024.0;
			println!("size: {name}: {bin} bytes binary ({kib:.2} KiB), {json} bytes JSON");
		}
		println!("size target: <= 8 KiB (8192 bytes) at 4 validators");
	}
}

//! `cargo bench -p dengji-verify` (or `scripts/bench-verify.sh`): bundle verification throughput
//! per core against raw ed25519-dalek `verify_strict` for the same signatures, and bundle sizes
//! (certificates without SM2 co-signature, as before issue 14); then, in the same run, SM2-with-SM3
//! verifications per second against ed25519 `verify_strict` per second over the same certificate
//! signing payload, and bundle verification with and without the SM2 co-signature check.
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
		let f = Scenario {
			validators,
			set_changes,
			filler,
			sm2: Sm2Case::Absent,
			..Default::default()
		}
		.build();
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
	national(quick, filler);
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

/// SM2 (with SM3, default distinguishing ID) against ed25519 `verify_strict`, one signature each
/// over the same certificate signing payload; then a 4-validator bundle whose certificate carries
/// an SM2 co-signature, verified with `require_sm2` (ed25519 + SM2 checked), against the same
/// bundle without co-signature (ed25519 only).
fn national(quick: bool, filler: usize) {
	use dengji_primitives::sm2;
	let genesis_hash = genesis("local");
	let record = record(
		&genesis_hash,
		code(123),
		&issuer_key(),
		dengji_primitives::CertificateStatus::Valid,
	);
	let payload = record.body.signing_payload(&genesis_hash);
	let co = record.sm2.clone().unwrap();
	let ed_key = ed25519_dalek::VerifyingKey::from_bytes(&record.body.issuer_key).unwrap();
	let ed_sig = ed25519_dalek::Signature::from_bytes(&record.signature);
	assert!(sm2::verify(&co.key, &payload, &co.signature).is_ok());
	assert!(ed_key.verify_strict(&payload, &ed_sig).is_ok());
	let with = Scenario { filler, sm2: Sm2Case::Current, ..Default::default() }.build();
	let without = Scenario { filler, sm2: Sm2Case::Absent, ..Default::default() }.build();
	let (with_bytes, without_bytes) = (with.bundle.to_bytes(), without.bundle.to_bytes());
	let required = Policy::default().requiring_sm2();
	let plain = Policy::default();
	assert_eq!(verify(&with.bundle, &with.trust_root, &required, VERIFIER_NOW), Ok(Verdict::Valid));
	assert_eq!(
		verify(&without.bundle, &without.trust_root, &plain, VERIFIER_NOW),
		Ok(Verdict::Valid)
	);
	if quick {
		println!("SM2 vs ed25519 and bundle with/without SM2: smoke run ok (use `cargo bench`)");
		return;
	}
	let (sm2_per_s, ed_per_s) = rates(
		|| sm2::verify(black_box(&co.key), black_box(&payload), black_box(&co.signature)).unwrap(),
		|| ed_key.verify_strict(black_box(&payload), black_box(&ed_sig)).unwrap(),
	);
	println!();
	println!(
		"SM2-with-SM3 verify: {sm2_per_s:.0}/s vs ed25519 verify_strict: {ed_per_s:.0}/s over the same {}-byte payload: SM2 = {:.3}x ed25519 ({:.1}x slower)",
		payload.len(),
		sm2_per_s / ed_per_s,
		ed_per_s / sm2_per_s
	);
	let (with_per_s, without_per_s) = rates(
		|| {
			let b = ProofBundle::from_bytes(black_box(&with_bytes)).unwrap();
			black_box(verify(&b, &with.trust_root, &required, VERIFIER_NOW).unwrap());
		},
		|| {
			let b = ProofBundle::from_bytes(black_box(&without_bytes)).unwrap();
			black_box(verify(&b, &without.trust_root, &plain, VERIFIER_NOW).unwrap());
		},
	);
	println!(
		"bundle (4 validators) with SM2 check: {with_per_s:.0}/s ({} B) vs without: {without_per_s:.0}/s ({} B): ratio {:.3} (SM2 costs {:.0}% of the bundle's time)",
		with_bytes.len(),
		without_bytes.len(),
		with_per_s / without_per_s,
		100.0 * (1.0 - with_per_s / without_per_s)
	);
	println!("BENCH_NATIONAL_JSON {{\"sm2_per_s\": {sm2_per_s:.0}, \"ed25519_per_s\": {ed_per_s:.0}, \"bundle_sm2_per_s\": {with_per_s:.0}, \"bundle_per_s\": {without_per_s:.0}}}");
}

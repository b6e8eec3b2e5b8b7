//! `cargo bench -p dengji-verify --bench scale` (or `scripts/bench-scale.sh`): proof bundles at
//! 10^4, 10^5 and 10^6 certificates (issue 5 "Scale"; docs/spec/DESIGN.md §8).
//!
//! For each N the bulk loader (tests/common/scale.rs) generates N signed certificate records with
//! the pallet's other per-certificate entries, builds the state trie (`LayoutV1`, one sorted
//! pass), and for sampled certificates assembles the bundle the SDK assembles (4 and 16 GRANDPA
//! voters) and verifies it with `dengji_verify::verify`. Reported per N: bundle and read-proof
//! sizes next to log16(N), median verification time (decode + verify) with its ratio to the
//! first N and to raw ed25519 `verify_strict` of the same signatures measured alongside, trie
//! build time per certificate, trie bytes per certificate (encoded nodes + hashed values / N:
//! the state's footprint before database overhead), a `TrieDBMut` update per new certificate on
//! the loaded state, and the process's peak RSS. Exits 1 if a target fails: bundle ≤ 8 KiB with
//! 4 validators, read proof growing no faster than log16(N).
//!
//! Options (after `--`): `--n 10000,100000,1000000`, `--samples 8` (spread over the issuance
//! order; the first record of each status not among them is added), `--runs 200`.
//! Without `--bench` (`cargo test --benches`) it runs a 10^3 smoke pass.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
	hint::black_box,
	time::{Duration, Instant},
};

use codec::Encode;
use dengji_primitives::{CertificateCode, DivisionCode};
use dengji_verify::{keys, verify, Policy, ProofBundle};
use dengji_verify_fixtures::scale::*;
use dengji_verify_fixtures::{
	bench::{bundle_signatures, raw_verify},
	voters, VERIFIER_NOW,
};

/// Bundle size target with 4 validators (issue 5).
const BUNDLE_TARGET: usize = 8 * 1024;
/// Slack allowed on "proof bytes / log16(N) does not grow" (noise from the sampled paths).
const LOG_SLACK: f64 = 1.10;
/// New certificates written through `TrieDBMut` into the loaded state per N.
const INSERTS: usize = 1_000;

struct Args {
	ns: Vec<usize>,
	samples: usize,
	runs: usize,
	quick: bool,
}

fn args() -> Args {
	let argv: Vec<String> = std::env::args().collect();
	let quick = !argv.iter().any(|a| a == "--bench");
	let value =
		|name: &str| argv.iter().position(|a| a == name).and_then(|i| argv.get(i + 1)).cloned();
	let ns = value("--n")
		.map(|s| {
			s.split(',').map(|x| x.trim().replace('_', "").parse().expect("--n: numbers")).collect()
		})
		.unwrap_or_else(|| if quick { vec![1_000] } else { vec![10_000, 100_000, 1_000_000] });
	let samples = value("--samples").map_or(8, |s| s.parse().expect("--samples"));
	let runs = value("--runs").map_or(if quick { 3 } else { 200 }, |s| s.parse().expect("--runs"));
	Args { ns, samples, runs, quick }
}

fn median(v: &mut [Duration]) -> f64 {
	v.sort_unstable();
	v[v.len() / 2].as_secs_f64()
}

fn log16(n: usize) -> f64 {
	(n as f64).ln() / 16f64.ln()
}

/// Peak resident set size of this process so far (`VmHWM`), in MiB.
fn peak_rss_mib() -> f64 {
	std::fs::read_to_string("/proc/self/status")
		.ok()
		.and_then(|s| {
			s.lines()
				.find(|l| l.starts_with("VmHWM:"))
				.and_then(|l| l.split_whitespace().nth(1))
				.and_then(|kb| kb.parse::<f64>().ok())
		})
		.map_or(0.0, |kb| kb / 1024.0)
}

/// Figures for one validator count at one N.
#[derive(Default, Clone)]
struct Side {
	bundle_max: usize,
	bundle_median: usize,
	absent_bundle: usize,
	verify_s: f64,
	raw_s: f64,
	sigs: usize,
}

struct Row {
	n: usize,
	entries: usize,
	gen_s: f64,
	build_s: f64,
	trie_bytes: u64,
	nodes: u64,
	value_nodes: u64,
	proof_max: usize,
	proof_median: usize,
	proof_nodes_max: usize,
	v4: Side,
	v16: Side,
	insert_s: f64,
	rss_mib: f64,
	by_status: [usize; 4],
	bundles: usize,
	record_bytes: f64,
}

fn measure(n: usize, a: &Args) -> Row {
	let t = Instant::now();
	let g = generate(n, a.samples);
	let gen_s = t.elapsed().as_secs_f64();
	let t = Instant::now();
	let mut trie = StateTrie::build(&g.entries);
	let build_s = t.elapsed().as_secs_f64();
	check_invariants(&g, &trie).unwrap();

	let policy = Policy::default();
	let mut proofs = Vec::new();
	let mut sides = Vec::new();
	for validators in [4usize, 16] {
		let set = voters(validators, 0);
		let root = trust_root(g.genesis_hash, &set);
		let mut cases = Vec::new();
		for r in &g.samples {
			let b = bundle(&trie, g.genesis_hash, &set, &r.body.code);
			let bytes = b.to_bytes();
			let decoded = ProofBundle::from_bytes(&bytes).unwrap();
			assert_eq!(
				verify(&decoded, &root, &policy, VERIFIER_NOW),
				Ok(expected_verdict(r)),
				"N={n} {}",
				r.body.code
			);
			if validators == 4 {
				proofs.push(proof_size(&b));
			}
			let sigs = bundle_signatures(&b, r, &g.genesis_hash);
			raw_verify(&sigs);
			cases.push((bytes, sigs));
		}
		let absent = bundle(&trie, g.genesis_hash, &set, &g.absent);
		assert_eq!(
			verify(&absent, &root, &policy, VERIFIER_NOW),
			Ok(dengji_verify::Verdict::NotFound)
		);
		// Interleaved: each bundle's verification, then raw verify_strict of its signatures.
		let (mut tv, mut tr) = (Vec::new(), Vec::new());
		for _ in 0..a.runs {
			for (bytes, sigs) in &cases {
				let s = Instant::now();
				let b = ProofBundle::from_bytes(black_box(bytes)).unwrap();
				black_box(verify(&b, &root, &policy, VERIFIER_NOW).unwrap());
				tv.push(s.elapsed());
				let s = Instant::now();
				raw_verify(black_box(sigs));
				tr.push(s.elapsed());
			}
		}
		let mut sizes: Vec<usize> = cases.iter().map(|c| c.0.len()).collect();
		sizes.sort_unstable();
		sides.push(Side {
			bundle_max: *sizes.last().unwrap(),
			bundle_median: sizes[sizes.len() / 2],
			absent_bundle: absent.to_bytes().len(),
			verify_s: median(&mut tv),
			raw_s: median(&mut tr),
			sigs: validators + 1,
		});
	}
	let mut proof_bytes: Vec<usize> = proofs.iter().map(|p| p.0).collect();
	proof_bytes.sort_unstable();

	// Block-import-like update: INSERTS new certificates (record + CurrentOf) written through
	// TrieDBMut into the loaded state and committed once.
	let division = DivisionCode::new(532_999).unwrap();
	let extra: Vec<(Vec<u8>, Vec<u8>)> = (0..INSERTS)
		.flat_map(|j| {
			let mut r = g.samples[j % g.samples.len()].clone();
			r.body.code = CertificateCode::new(division, 2026, j as u32 + 1).unwrap();
			r.body.registration = 10_000_000 + j as u64;
			[
				(keys::certificate_key(&r.body.code), r.encode()),
				(current_of_key(r.body.registration), r.body.code.encode()),
			]
		})
		.collect();
	let t = Instant::now();
	let new_root = trie.insert(&extra);
	let insert_s = t.elapsed().as_secs_f64();
	assert_ne!(new_root, [0; 32]);

	Row {
		n,
		entries: g.entries.len(),
		gen_s,
		build_s,
		trie_bytes: trie.total_bytes(),
		nodes: trie.nodes,
		value_nodes: trie.value_nodes,
		proof_max: *proof_bytes.last().unwrap(),
		proof_median: proof_bytes[proof_bytes.len() / 2],
		proof_nodes_max: proofs.iter().map(|p| p.1).max().unwrap(),
		v4: sides[0].clone(),
		v16: sides[1].clone(),
		insert_s,
		rss_mib: peak_rss_mib(),
		by_status: g.by_status,
		bundles: g.samples.len(),
		record_bytes: g.record_bytes as f64 / n as f64,
	}
}

fn main() {
	let a = args();
	println!(
		"dengji-verify scale benchmark: N = {:?}, {} sampled certificates per N, {} timing runs each{}",
		a.ns,
		a.samples,
		a.runs,
		if a.quick {
			" (smoke run; use `cargo bench`)"
		} else {
			""
		}
	);
	let mut rows: Vec<Row> = Vec::new();
	for &n in &a.ns {
		let r = measure(n, &a);
		eprintln!(
			"N={n}: generated in {:.1} s, trie built in {:.1} s, peak RSS {:.0} MiB",
			r.gen_s, r.build_s, r.rss_mib
		);
		rows.push(r);
	}
	let base = &rows[0];

	println!();
	println!(
		"Sizes (bytes; bundle = binary DJPB form; proof = SCALE Vec<Vec<u8>> of the read proof)"
	);
	println!(
		"{:>9} {:>7} {:>10} {:>10} {:>7} {:>9} {:>9} {:>9} {:>10} {:>11} {:>10}",
		"N",
		"log16N",
		"proof max",
		"proof med",
		"nodes",
		"proof/lg",
		"bundle4",
		"bundle16",
		"absent4",
		"trie B/cert",
		"record B"
	);
	for r in &rows {
		println!(
			"{:>9} {:>7.2} {:>10} {:>10} {:>7} {:>9.0} {:>9} {:>9} {:>10} {:>11.0} {:>10.0}",
			r.n,
			log16(r.n),
			r.proof_max,
			r.proof_median,
			r.proof_nodes_max,
			r.proof_max as f64 / log16(r.n),
			r.v4.bundle_max,
			r.v16.bundle_max,
			r.v4.absent_bundle,
			r.trie_bytes as f64 / r.n as f64,
			r.record_bytes
		);
	}
	println!();
	println!(
		"Times (median of {} runs x {} bundles; raw = ed25519 verify_strict of the same signatures)",
		a.runs, base.bundles
	);
	println!(
		"{:>9} {:>9} {:>7} {:>8} {:>7} {:>9} {:>7} {:>8} {:>7} {:>10} {:>10} {:>8}",
		"N",
		"verify4us",
		"x first",
		"raw4 us",
		"raw/v",
		"verify16",
		"x first",
		"raw16 us",
		"raw/v",
		"build us/c",
		"insert us/c",
		"RSS MiB"
	);
	for r in &rows {
		println!(
			"{:>9} {:>9.1} {:>7.3} {:>8.1} {:>6.1}% {:>9.1} {:>7.3} {:>8.1} {:>6.1}% {:>10.2} {:>10.2} {:>8.0}",
			r.n,
			r.v4.verify_s * 1e6,
			r.v4.verify_s / base.v4.verify_s,
			r.v4.raw_s * 1e6,
			100.0 * r.v4.raw_s / r.v4.verify_s,
			r.v16.verify_s * 1e6,
			r.v16.verify_s / base.v16.verify_s,
			r.v16.raw_s * 1e6,
			100.0 * r.v16.raw_s / r.v16.verify_s,
			r.build_s * 1e6 / r.n as f64,
			r.insert_s * 1e6 / INSERTS as f64,
			r.rss_mib
		);
	}

	// Targets.
	let largest = rows.last().unwrap();
	let bundle_ok = rows.iter().all(|r| r.v4.bundle_max <= BUNDLE_TARGET);
	let base_per_log = base.proof_max as f64 / log16(base.n);
	let log_ok = rows.iter().all(|r| r.proof_max as f64 / log16(r.n) <= LOG_SLACK * base_per_log);
	println!();
	println!(
		"bundle (4 validators) <= {BUNDLE_TARGET} B at every N: {} (largest N={}: {} B)",
		if bundle_ok { "PASS" } else { "FAIL" },
		largest.n,
		largest.v4.bundle_max
	);
	println!(
		"read proof growth <= logarithmic (proof/log16 N at every N <= {LOG_SLACK} x at N={}): {}",
		base.n,
		if log_ok { "PASS" } else { "FAIL" }
	);
	println!(
		"trie B/cert = (encoded trie nodes + hashed value nodes) / N, the state before database \
		 overhead; build = sort + one-pass trie_visit; insert = TrieDBMut write of record + \
		 CurrentOf per new certificate, {INSERTS} in one commit, in memory"
	);
	let json = serde_json::json!({
		"bench": "dengji-verify-scale",
		"samples": a.samples,
		"runs": a.runs,
		"targets": {"bundle4_le_8KiB": bundle_ok, "proof_growth_log": log_ok},
		"results": rows.iter().map(|r| serde_json::json!({
			"n": r.n,
			"entries": r.entries,
			"records_valid_superseded_cancelled_revoked": r.by_status,
			"record_bytes_avg": r.record_bytes,
			"bundles_per_n": r.bundles,
			"log16_n": log16(r.n),
			"proof_bytes_max": r.proof_max,
			"proof_bytes_median": r.proof_median,
			"proof_nodes_max": r.proof_nodes_max,
			"bundle4_bytes_max": r.v4.bundle_max,
			"bundle4_bytes_median": r.v4.bundle_median,
			"bundle16_bytes_max": r.v16.bundle_max,
			"absent_bundle4_bytes": r.v4.absent_bundle,
			"verify4_us": r.v4.verify_s * 1e6,
			"verify4_ratio_first": r.v4.verify_s / base.v4.verify_s,
			"raw4_us": r.v4.raw_s * 1e6,
			"raw4_over_verify4": r.v4.raw_s / r.v4.verify_s,
			"sigs4": r.v4.sigs,
			"verify16_us": r.v16.verify_s * 1e6,
			"verify16_ratio_first": r.v16.verify_s / base.v16.verify_s,
			"raw16_us": r.v16.raw_s * 1e6,
			"raw16_over_verify16": r.v16.raw_s / r.v16.verify_s,
			"sigs16": r.v16.sigs,
			"gen_s": r.gen_s,
			"build_s": r.build_s,
			"build_us_per_cert": r.build_s * 1e6 / r.n as f64,
			"trie_nodes": r.nodes,
			"value_nodes": r.value_nodes,
			"trie_bytes": r.trie_bytes,
			"trie_bytes_per_cert": r.trie_bytes as f64 / r.n as f64,
			"insert_us_per_cert": r.insert_s * 1e6 / INSERTS as f64,
			"peak_rss_mib": r.rss_mib,
		})).collect::<Vec<_>>(),
	});
	println!("{json}");
	if !(bundle_ok && log_ok) {
		std::process::exit(1);
	}
}

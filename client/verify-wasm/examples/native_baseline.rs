//! Native verification time, the baseline for the in-browser (wasm) and JVM ratios.
//!
//! - `cargo run --release -p dengji-verify-wasm --example native_baseline`: the `valid` bundle vector;
//! - `… --example native_baseline -- BUNDLE TRUST_JSON NOW_MS`: a bundle file (binary or JSON) and a
//!   trust root file at `NOW_MS`, any age accepted (`scripts/bench-pages.sh` runs it on the bundle
//!   it verified in Chromium in the same run); prints one JSON line.
#![allow(clippy::unwrap_used)]

use dengji_verify::{Policy, UnixTimeMs};
use std::time::Instant;

fn main() {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let (bundle, trust, now, policy, json) = if let [bundle, trust, now] = args.as_slice() {
		(
			std::fs::read(bundle).unwrap(),
			std::fs::read_to_string(trust).unwrap(),
			UnixTimeMs::from_millis(now.parse().unwrap()),
			Policy { max_age_ms: u64::MAX, ..Policy::default() },
			true,
		)
	} else {
		let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../verify/tests/vectors/bundles.json");
		let v: serde_json::Value =
			serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
		let b = v["bundles"].as_array().unwrap().iter().find(|b| b["name"] == "valid").unwrap();
		let hex = b["bundle_binary"].as_str().unwrap().trim_start_matches("0x");
		let bundle: Vec<u8> = (0..hex.len())
			.step_by(2)
			.map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
			.collect();
		let now = UnixTimeMs::from_millis(b["now_ms"].as_u64().unwrap());
		(bundle, b["trust_root"].to_string(), now, Policy::default(), false)
	};
	let run = || dengji_verify_wasm::verify_bytes(&bundle, &trust, now, &policy).unwrap();
	assert!(run().verdict.is_valid(), "the bundle must verify as valid");
	for _ in 0..50 {
		run();
	}
	// Five batches; the median batch's time per verification.
	let n = 400;
	let mut per: Vec<f64> = (0..5)
		.map(|_| {
			let start = Instant::now();
			for _ in 0..n {
				run();
			}
			start.elapsed().as_secs_f64() * 1e3 / f64::from(n)
		})
		.collect();
	per.sort_by(f64::total_cmp);
	if json {
		println!(
			"{{\"native_median_ms\": {:.4}, \"native_min_ms\": {:.4}, \"n\": {n}, \"bundle_bytes\": {}}}",
			per[2],
			per[0],
			bundle.len()
		);
	} else {
		println!(
			"native: {:.1} µs per verification of the `valid` bundle ({} bytes)",
			per[2] * 1e3,
			bundle.len()
		);
	}
}

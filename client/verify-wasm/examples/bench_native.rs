//! Native verification time of the `valid` bundle vector, the baseline for the in-browser (wasm)
//! and JVM ratios: `cargo run --release -p dengji-verify-wasm --example bench_native`.
#![allow(clippy::unwrap_used)]

use dengji_verify::{Policy, UnixTimeMs};
use std::time::Instant;

fn main() {
	let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../verify/tests/vectors/bundles.json");
	let v: serde_json::Value =
		serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
	let b = v["bundles"].as_array().unwrap().iter().find(|b| b["name"] == "valid").unwrap();
	let hex = b["bundle_binary"].as_str().unwrap().trim_start_matches("0x");
	let bundle: Vec<u8> = (0..hex.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
		.collect();
	let trust = b["trust_root"].to_string();
	let now = UnixTimeMs::from_millis(b["now_ms"].as_u64().unwrap());
	let n = 2000;
	let start = Instant::now();
	for _ in 0..n {
		let v = dengji_verify_wasm::verify_bytes(&bundle, &trust, now, &Policy::default()).unwrap();
		assert!(v.verdict.is_valid());
	}
	let per = start.elapsed().as_secs_f64() * 1e6 / f64::from(n);
	println!("native: {per:.1} µs per verification of the `valid` bundle ({} bytes)", bundle.len());
}

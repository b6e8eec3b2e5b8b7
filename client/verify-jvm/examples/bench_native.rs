//! Native side of `scripts/bench-jvm.sh`: verifies the named bundles of
//! client/verify/tests/vectors/bundles.json with `dengji_verify::report::verify_bytes` (what the
//! JNI natives call) in a loop, prints bundles per second per core, and writes each case
//! (bundle bytes, trust root, now, policy) to `<out dir>` for the Java side to time the same input.
//!
//! `cargo run --release -p dengji-verify-jvm --example bench_native -- <vectors.json> <out dir> [names…]`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dengji_verify::{report, Policy, UnixTimeMs};
use std::{hint::black_box, time::Instant};

const ROUNDS: usize = 10;
const ROUND_SECONDS: f64 = 0.3;

fn main() {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let vectors: serde_json::Value =
		serde_json::from_str(&std::fs::read_to_string(&args[0]).unwrap()).unwrap();
	let out = std::path::PathBuf::from(&args[1]);
	std::fs::create_dir_all(&out).unwrap();
	let names: Vec<&str> = if args.len() > 2 {
		args[2..].iter().map(String::as_str).collect()
	} else {
		vec!["valid", "valid-sm2-required"]
	};
	for name in names {
		let b = vectors["bundles"]
			.as_array()
			.unwrap()
			.iter()
			.find(|b| b["name"] == name)
			.unwrap_or_else(|| panic!("no vector {name}"));
		let bytes =
			hex::decode(b["bundle_binary"].as_str().unwrap().trim_start_matches("0x")).unwrap();
		let trust = b["trust_root"].to_string();
		let now = b["now_ms"].as_u64().unwrap();
		let policy: Policy = serde_json::from_value(b["policy"].clone()).unwrap();
		let now_t = UnixTimeMs::from_millis(now);
		report::verify_bytes(&bytes, &trust, now_t, &policy).unwrap();
		let mut best = 0f64;
		for _ in 0..ROUNDS {
			let start = Instant::now();
			let mut n = 0u64;
			while start.elapsed().as_secs_f64() < ROUND_SECONDS {
				black_box(report::verify_bytes(black_box(&bytes), &trust, now_t, &policy).unwrap());
				n += 1;
			}
			best = best.max(n as f64 / start.elapsed().as_secs_f64());
		}
		println!("native\t{name}\t{best:.0}");
		std::fs::write(out.join(format!("{name}.bundle")), &bytes).unwrap();
		std::fs::write(out.join(format!("{name}.trust")), &trust).unwrap();
		std::fs::write(
			out.join(format!("{name}.args")),
			format!("{now}\t{}\t{}", policy.max_age_ms.min(i64::MAX as u64), policy.require_sm2),
		)
		.unwrap();
	}
}

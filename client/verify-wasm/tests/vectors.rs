//! The exported C ABI, on the host: every checked-in bundle vector (`client/verify/tests/vectors`)
//! verified through `dengji_verify` gives the verdict (or failed check) the Rust core gives and the
//! vectors file records, and the document's facts are the core's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dengji_verify::{Policy, ProofBundle, TrustRoot, UnixTimeMs, Verdict};
use dengji_verify_wasm::{abi, document};
use serde_json::Value;

fn vectors() -> Vec<Value> {
	let path = manifest_dir().join("../verify/tests/vectors/bundles.json");
	let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
	v["bundles"].as_array().unwrap().clone()
}

fn manifest_dir() -> std::path::PathBuf {
	std::env::var_os("CARGO_MANIFEST_DIR")
		.map(std::path::PathBuf::from)
		.unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

fn unhex(s: &str) -> Vec<u8> {
	hex::decode(s.trim_start_matches("0x")).unwrap()
}

/// Calls the exported function as the ES module does: inputs copied into `dengji_alloc`ed
/// buffers, the length-prefixed result read and everything freed.
fn call_abi(bundle: &[u8], trust: &str, now_ms: u64, policy: &Policy) -> Value {
	let max_age_ms = policy.max_age_ms;
	let flags = if policy.require_sm2 { abi::FLAG_REQUIRE_SM2 } else { 0 };
	let max_age = if max_age_ms == u64::MAX { f64::INFINITY } else { max_age_ms as f64 };
	// SAFETY: the buffers are allocated with the lengths used, written within them, and freed
	// once with the same lengths.
	unsafe {
		let b = abi::dengji_alloc(bundle.len());
		std::ptr::copy_nonoverlapping(bundle.as_ptr(), b, bundle.len());
		let t = abi::dengji_alloc(trust.len());
		std::ptr::copy_nonoverlapping(trust.as_ptr(), t, trust.len());
		let out =
			abi::dengji_verify_with(b, bundle.len(), t, trust.len(), now_ms as f64, max_age, flags);
		abi::dengji_free(b, bundle.len());
		abi::dengji_free(t, trust.len());
		let n = u32::from_le_bytes(*out.cast::<[u8; 4]>()) as usize;
		let json = std::slice::from_raw_parts(out.add(4), n).to_vec();
		abi::dengji_free(out, 4 + n);
		serde_json::from_slice(&json).unwrap()
	}
}

#[test]
fn every_vector_verifies_through_the_abi_as_in_the_core() {
	let vectors = vectors();
	assert!(vectors.len() >= 10);
	let (mut valid, mut errors) = (0, 0);
	for b in &vectors {
		let name = b["name"].as_str().unwrap();
		let trust = b["trust_root"].to_string();
		let policy: Policy = serde_json::from_value(b["policy"].clone()).unwrap();
		let now = b["now_ms"].as_u64().unwrap();
		let binary = unhex(b["bundle_binary"].as_str().unwrap());
		let json_form = b["bundle"].to_string();

		// The core, directly.
		let root = TrustRoot::from_json(&trust).unwrap();
		let bundle = ProofBundle::from_bytes(&binary).unwrap();
		let core =
			dengji_verify::verify_detailed(&bundle, &root, &policy, UnixTimeMs::from_millis(now));

		for input in [&binary[..], json_form.as_bytes()] {
			let doc = call_abi(input, &trust, now, &policy);
			match (&core, &b["expected"]["error"]) {
				(Ok(v), Value::Null) => {
					let expected: Verdict =
						serde_json::from_value(b["expected"]["verdict"].clone()).unwrap();
					assert_eq!(v.verdict, expected, "{name}: core vs vectors file");
					assert_eq!(doc, document::verification_json(v, false), "{name}");
					assert_eq!(doc["verdict"], document::verdict_name(&expected), "{name}");
					assert_eq!(doc["detail"], b["expected"]["verdict"], "{name}");
					assert_eq!(doc["valid"], expected == Verdict::Valid, "{name}");
					assert_eq!(doc["code"], b["bundle"]["code"], "{name}");
					assert_eq!(doc["set_id"], v.set_id, "{name}");
					assert_eq!(doc["block"]["number"], v.block_number, "{name}");
				}
				(Err(e), Value::String(kind)) => {
					assert_eq!(&document::check_name(e), kind, "{name}: core vs vectors file");
					assert_eq!(doc["error"]["check"], kind.as_str(), "{name}");
					assert_eq!(doc["error"]["message"], e.to_string(), "{name}");
					assert_eq!(doc["error"]["exit_code"], 4, "{name}");
				}
				(got, want) => panic!("{name}: core gave {got:?}, vectors file expects {want}"),
			}
		}
		match &core {
			Ok(v) => valid += usize::from(v.verdict == Verdict::Valid),
			Err(_) => errors += 1,
		}
	}
	assert!(valid >= 5 && errors >= 3, "valid {valid}, errors {errors}");
}

#[test]
fn a_valid_document_carries_the_certificate_and_issuer() {
	let v = vectors().into_iter().find(|b| b["name"] == "valid").unwrap();
	let doc = call_abi(
		&unhex(v["bundle_binary"].as_str().unwrap()),
		&v["trust_root"].to_string(),
		v["now_ms"].as_u64().unwrap(),
		&Policy::default(),
	);
	assert_eq!(doc["verdict"], "valid");
	assert_eq!(doc["exit_code"], 0);
	assert_eq!(doc["online"], false);
	assert_eq!(doc["certificate"]["code"], doc["code"]);
	assert_eq!(doc["certificate"]["status"], "Valid");
	assert_eq!(doc["issuer"]["division"], doc["certificate"]["issuer"]);
	assert!(doc["finalized_at_time"].as_str().unwrap().ends_with("+08:00"));
}

/// A co-signed certificate verified with the policy flag that requires SM2, and one without a
/// co-signature refused under it (the JS `requireSm2` option).
#[test]
fn require_sm2_flag_reaches_the_policy() {
	for name in ["valid-sm2-required", "error-sm2-required-missing"] {
		let v = vectors().into_iter().find(|b| b["name"] == name).unwrap();
		let policy: Policy = serde_json::from_value(v["policy"].clone()).unwrap();
		assert!(policy.require_sm2, "{name}");
		let bundle = unhex(v["bundle_binary"].as_str().unwrap());
		let trust = v["trust_root"].to_string();
		let now = v["now_ms"].as_u64().unwrap();
		let required = call_abi(&bundle, &trust, now, &policy);
		let relaxed = call_abi(&bundle, &trust, now, &Policy { require_sm2: false, ..policy });
		if name.starts_with("valid") {
			assert_eq!(required["verdict"], "valid", "{name}: {required}");
		} else {
			assert_eq!(required["error"]["check"], v["expected"]["error"], "{name}: {required}");
			assert_eq!(relaxed["verdict"], "valid", "{name}: {relaxed}");
		}
	}
}

#[test]
fn tampered_bundles_never_verify_valid() {
	let v = vectors().into_iter().find(|b| b["name"] == "valid").unwrap();
	let bundle = unhex(v["bundle_binary"].as_str().unwrap());
	let trust = v["trust_root"].to_string();
	let now = v["now_ms"].as_u64().unwrap();
	// Flip one bit at a spread of positions past the magic and version.
	for i in (5..bundle.len()).step_by(bundle.len() / 97 + 1) {
		let mut t = bundle.clone();
		t[i] ^= 0x01;
		let doc = call_abi(&t, &trust, now, &Policy::default());
		assert_ne!(doc["verdict"], "valid", "bit flip at {i} verified valid");
	}
}

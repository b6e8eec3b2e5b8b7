//! The checked-in JSON vectors (`tests/vectors/`, written by `scripts/gen-vectors.sh`) verify as
//! recorded, their binary and JSON forms agree, and the generator still produces them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dengji_verify::{
	parse_code, verify, CertificateDocument, Policy, ProofBundle, QrPayload, TrustRoot, UnixTimeMs,
	Verdict,
};
use dengji_verify_fixtures::vectors::{self, error_kind};
use serde_json::Value;

fn load(name: &str) -> Value {
	let path = manifest_dir().join("tests/vectors").join(name);
	serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn unhex(s: &str) -> Vec<u8> {
	hex::decode(s.trim_start_matches("0x")).unwrap()
}

#[test]
fn code_vectors_parse_as_recorded() {
	let v = load("codes.json");
	let codes = v["codes"].as_array().unwrap();
	assert!(codes.len() >= 10);
	for c in codes {
		let input = c["input"].as_str().unwrap();
		match parse_code(input) {
			Ok(code) => assert_eq!(c["code"].as_str(), Some(code.to_string().as_str()), "{input}"),
			Err(e) => assert_eq!(c["error"].as_str(), Some(error_kind(&e).as_str()), "{input}"),
		}
	}
}

#[test]
fn document_vectors_check_as_recorded() {
	let v = load("documents.json");
	let genesis: [u8; 32] = unhex(v["genesis_hash"].as_str().unwrap()).try_into().unwrap();
	let keys: Vec<[u8; 32]> = v["issuer_keys"]
		.as_array()
		.unwrap()
		.iter()
		.map(|k| unhex(k.as_str().unwrap()).try_into().unwrap())
		.collect();
	for d in v["documents"].as_array().unwrap() {
		let from_json = CertificateDocument::from_json(&d["document"].to_string()).unwrap();
		let from_bin =
			CertificateDocument::from_bytes(&unhex(d["binary"].as_str().unwrap())).unwrap();
		assert_eq!(from_json, from_bin);
		let qr = QrPayload::parse(d["qr"].as_str().unwrap()).unwrap();
		assert_eq!(qr, from_json.qr_payload());
		let result = from_json.verify_offline(&genesis, Some(&keys));
		match &d["offline_check"]["error"] {
			Value::String(kind) => assert_eq!(&error_kind(&result.unwrap_err()), kind),
			_ => result.unwrap(),
		}
	}
}

#[test]
fn bundle_vectors_verify_as_recorded() {
	let v = load("bundles.json");
	let bundles = v["bundles"].as_array().unwrap();
	let mut valid = 0;
	for b in bundles {
		let name = b["name"].as_str().unwrap();
		let root = TrustRoot::from_json(&b["trust_root"].to_string()).unwrap();
		let policy: Policy = serde_json::from_value(b["policy"].clone()).unwrap();
		let now = UnixTimeMs::from_millis(b["now_ms"].as_u64().unwrap());
		let from_json = ProofBundle::from_json(&b["bundle"].to_string()).unwrap();
		let from_bin =
			ProofBundle::from_bytes(&unhex(b["bundle_binary"].as_str().unwrap())).unwrap();
		assert_eq!(from_json, from_bin, "{name}");
		let got = verify(&from_bin, &root, &policy, now);
		match &b["expected"]["error"] {
			Value::String(kind) => assert_eq!(&error_kind(&got.unwrap_err()), kind, "{name}"),
			_ => {
				let expected: Verdict =
					serde_json::from_value(b["expected"]["verdict"].clone()).unwrap();
				assert_eq!(got, Ok(expected), "{name}");
				valid += usize::from(expected == Verdict::Valid);
			}
		}
	}
	assert!(valid >= 5);
}

/// `scripts/gen-vectors.sh` is reproducible: regenerating changes nothing.
#[test]
fn checked_in_vectors_match_the_generator() {
	for (name, json) in vectors::all() {
		let path = manifest_dir().join("tests/vectors").join(name);
		let on_disk = std::fs::read_to_string(&path).unwrap();
		assert!(on_disk == json, "{name} is out of date: run scripts/gen-vectors.sh");
	}
}

/// This crate's directory: `cargo test` sets it at run time (the compile-time value may name
/// another checkout sharing the target directory).
fn manifest_dir() -> std::path::PathBuf {
	std::env::var_os("CARGO_MANIFEST_DIR")
		.map(std::path::PathBuf::from)
		.unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

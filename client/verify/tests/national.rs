//! SM2/SM3 known-answer and cross-implementation tests (issue 14 §2; GM/T 0003-2012, GM/T
//! 0004-2012, GB/T 32918.2, GB/T 35276 default distinguishing ID):
//! - SM3: the two examples of GM/T 0004-2012 Appendix A (also in src/national.rs unit tests);
//! - SM2 against an independent implementation, `gmssl` from PyPI (tests/gmssl/cross_check.py run
//!   with python3), in both directions: signatures made by gmssl verify here (and gmssl derives the
//!   same public keys), signatures made here — including the fixtures' certificate co-signature
//!   over a real signing payload — verify in gmssl, and tampered ones fail in both.
//!
//! Without python3 + gmssl the cross-check is skipped with a message, unless
//! `DENGJI_REQUIRE_PYTHON_GMSSL=1` (scripts/test.sh sets it; scripts/setup.sh installs gmssl).

use dengji_primitives::sm2;
use dengji_verify::{national, VerifyError};
use dengji_verify_fixtures as fx;
use serde_json::{json, Value};
use std::{
	io::Write,
	path::PathBuf,
	process::{Command, Stdio},
};

fn hex(b: &[u8]) -> String {
	hex::encode(b)
}

#[test]
fn sm3_gmt_0004_appendix_a() {
	assert_eq!(
		hex(&national::sm3(b"abc")),
		"66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
	);
	assert_eq!(
		hex(&national::sm3(&b"abcd".repeat(16))),
		"debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
	);
}

/// Runs the gmssl helper on `request`; `None` (skipped) when python3 or gmssl is missing.
fn gmssl(request: &Value) -> Option<Value> {
	let required = std::env::var("DENGJI_REQUIRE_PYTHON_GMSSL").is_ok_and(|v| v == "1");
	let probe = Command::new("python3").args(["-c", "import gmssl.sm2, gmssl.sm3"]).output();
	if !probe.is_ok_and(|o| o.status.success()) {
		assert!(
			!required,
			"python3 with gmssl not found and DENGJI_REQUIRE_PYTHON_GMSSL=1: run scripts/setup.sh (pip install gmssl)"
		);
		eprintln!("SKIPPED: python3 with gmssl not found (pip install gmssl; DENGJI_REQUIRE_PYTHON_GMSSL=1 makes this an error)");
		return None;
	}
	// The crate's directory when the test runs (a shared target dir may hold a binary built from
	// another checkout), else where it was built.
	let dir = std::env::var_os("CARGO_MANIFEST_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
	let script = dir.join("tests/gmssl/cross_check.py");
	let mut child = Command::new("python3")
		.arg(script)
		.stdin(Stdio::piped())
		.stdout(Stdio::piped())
		.stderr(Stdio::piped())
		.spawn()
		.expect("python3");
	child.stdin.take().unwrap().write_all(request.to_string().as_bytes()).unwrap();
	let out = child.wait_with_output().unwrap();
	assert!(out.status.success(), "gmssl helper failed: {}", String::from_utf8_lossy(&out.stderr));
	Some(serde_json::from_slice(&out.stdout).expect("gmssl helper JSON"))
}

/// Deterministic secrets whose public x does not start with byte 0x04 (see cross_check.py).
fn secrets(n: usize) -> Vec<[u8; 32]> {
	(0..)
		.map(|i| sm2::dev_secret(&format!("gmssl-cross-check/{i}")))
		.filter(|s| sm2::public_from_secret(s).unwrap()[1] != 0x04)
		.take(n)
		.collect()
}

fn unhex<const N: usize>(v: &Value) -> [u8; N] {
	hex::decode(v.as_str().unwrap()).unwrap().try_into().unwrap()
}

#[test]
fn sm2_and_sm3_agree_with_gmssl_in_both_directions() {
	let code = fx::code(123);
	let genesis = fx::genesis("local");
	let record =
		fx::record(&genesis, code, &fx::issuer_key(), dengji_primitives::CertificateStatus::Valid);
	let payload = record.body.signing_payload(&genesis);
	let messages: Vec<Vec<u8>> =
		vec![b"abc".to_vec(), payload.clone(), vec![], (0u8..=255).cycle().take(1000).collect()];
	let keys = secrets(messages.len());

	// Ours, for gmssl to verify: plain signatures and the fixtures' certificate co-signature.
	let mut ours: Vec<(sm2::Sm2Public, Vec<u8>, [u8; 64], bool)> = Vec::new();
	for (secret, msg) in keys.iter().zip(&messages) {
		let key = sm2::public_from_secret(secret).unwrap();
		let sig = sm2::sign(secret, msg).unwrap();
		ours.push((key, msg.clone(), sig, true));
		let mut bad = sig;
		bad[63] ^= 1;
		ours.push((key, msg.clone(), bad, false));
		ours.push((key, [msg.as_slice(), b"x"].concat(), sig, false));
	}
	let co = record.sm2.clone().expect("fixture record is co-signed");
	ours.push((co.key, payload.clone(), co.signature, true));

	let request = json!({
		"sign": keys.iter().zip(&messages).map(|(s, m)| json!({"secret": hex(s), "message": hex(m)})).collect::<Vec<_>>(),
		"verify": ours.iter().map(|(k, m, s, _)| json!({"key": hex(k), "message": hex(m), "signature": hex(s)})).collect::<Vec<_>>(),
		"sm3": messages.iter().map(|m| hex(m)).collect::<Vec<_>>(),
	});
	let Some(theirs) = gmssl(&request) else { return };

	// SM3 of every message, and of the certificate payload (the record's sm3_digest).
	for (m, d) in messages.iter().zip(theirs["sm3"].as_array().unwrap()) {
		assert_eq!(hex(&national::sm3(m)), d.as_str().unwrap());
	}
	assert_eq!(hex(&co.sm3_digest), theirs["sm3"][1].as_str().unwrap());

	// Ours verified by them (true exactly for the untampered ones).
	let verified: Vec<bool> =
		theirs["verified"].as_array().unwrap().iter().map(|v| v.as_bool().unwrap()).collect();
	assert_eq!(verified, ours.iter().map(|o| o.3).collect::<Vec<_>>(), "gmssl's verdicts");

	// Theirs verified by us: same public keys; signatures verify, tampered ones do not.
	for (i, (secret, msg)) in keys.iter().zip(&messages).enumerate() {
		let key: sm2::Sm2Public = unhex(&theirs["public"][i]);
		assert_eq!(key, sm2::public_from_secret(secret).unwrap(), "public key {i}");
		let sig: [u8; 64] = unhex(&theirs["signatures"][i]);
		assert_eq!(national::verify_sm2(&code, &key, msg, &sig), Ok(()), "gmssl signature {i}");
		let mut bad = sig;
		bad[0] ^= 0x80;
		assert!(national::verify_sm2(&code, &key, msg, &bad).is_err());
		assert_eq!(
			national::verify_sm2(&code, &key, b"another certificate", &sig),
			Err(VerifyError::BadSm2Signature { code, key })
		);
	}
}

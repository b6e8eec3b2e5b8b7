//! `dengji holder challenge|present` and `dengji cert verify --presentation` offline (YX-R §30:
//! the verifier checks that the presenter is the holder), on a bundle whose state holds the
//! certificate subject's record with //Alice among its accounts; `dengji consent issue` (Q24).
//! Each refusal is a verification failure (exit 4) naming the check.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dengji_verify_fixtures::{Scenario, NOW};
use serde_json::Value;
use std::{path::Path, process::Command};

/// //Alice's sr25519 public key (the well-known dev account).
const ALICE: [u8; 32] = [
	0xd4, 0x35, 0x93, 0xc7, 0x15, 0xfd, 0xd3, 0x1c, 0x61, 0x14, 0x1a, 0xbd, 0x04, 0xa9, 0x9f, 0xd6,
	0x82, 0x2c, 0x85, 0x58, 0x85, 0x4c, 0xcd, 0xe3, 0x9a, 0x56, 0x84, 0xe7, 0xa5, 0x6d, 0xa2, 0x7d,
];
const CODE: &str = "530400-2026-0000123-6";

fn dengji(args: &[&str]) -> (i32, Value, String) {
	let mut cmd = Command::new(env!("CARGO_BIN_EXE_dengji"));
	cmd.arg("--json").args(args);
	for var in ["DENGJI_SURI", "DENGJI_KEY_FILE", "DENGJI_PASSWORD", "DENGJI_URL", "RUST_LOG"] {
		cmd.env_remove(var);
	}
	let out = cmd.output().expect("run dengji");
	let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
	let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
	let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
	(out.status.code().expect("exit code"), json, format!("{stdout}{stderr}"))
}

fn path(dir: &Path, name: &str) -> String {
	dir.join(name).display().to_string()
}

#[test]
fn holder_presentation_is_checked_against_the_subjects_accounts_yx_r_30() {
	let dir = tempfile::tempdir().unwrap();
	let d = dir.path();
	let f = Scenario { holder_accounts: Some(vec![ALICE]), ..Default::default() }.build();
	std::fs::write(d.join("bundle.bin"), f.bundle.to_bytes()).unwrap();
	std::fs::write(d.join("trust.json"), f.trust_root.to_json()).unwrap();
	let (bundle, trust) = (path(d, "bundle.bin"), path(d, "trust.json"));
	let now = NOW.to_string();
	let later = (NOW + 301_000).to_string();

	// The verifier issues a challenge; the holder signs it with its staff key (//Alice).
	let (exit, v, out) = dengji(&[
		"holder",
		"challenge",
		CODE,
		"--verifier",
		"玉溪市商业银行",
		"--trust",
		&trust,
		"--at",
		&now,
		"-o",
		&path(d, "challenge.json"),
	]);
	assert_eq!(exit, 0, "{out}");
	assert_eq!(v["code"], CODE);
	let (exit, v, out) = dengji(&[
		"holder",
		"present",
		CODE,
		"--challenge",
		&path(d, "challenge.json"),
		"--suri",
		"//Alice",
		"-o",
		&path(d, "presentation.json"),
	]);
	assert_eq!(exit, 0, "{out}");
	assert_eq!(v["signer"], format!("0x{}", hex::encode(ALICE)));

	// The verifier checks it offline: valid, and the presenter is the holder.
	let verify = |presentation: &str, challenge: &str, at: &str| {
		dengji(&[
			"cert",
			"verify",
			CODE,
			"--bundle",
			&bundle,
			"--trust",
			&trust,
			"--at",
			at,
			"--presentation",
			&path(d, presentation),
			"--challenge",
			&path(d, challenge),
		])
	};
	let (exit, v, out) = verify("presentation.json", "challenge.json", &now);
	assert_eq!(exit, 0, "{out}");
	assert_eq!(v["verdict"], "valid", "{v}");
	assert_eq!(v["holder"]["presenter_is_holder"], true, "{v}");
	assert_eq!(v["holder"]["signer"], format!("0x{}", hex::encode(ALICE)));

	// Not a holder key: //Bob is no account of the subject.
	let (exit, _, out) = dengji(&[
		"holder",
		"present",
		CODE,
		"--challenge",
		&path(d, "challenge.json"),
		"--suri",
		"//Bob",
		"-o",
		&path(d, "bob.json"),
	]);
	assert_eq!(exit, 0, "{out}");
	let (exit, _, out) = verify("bob.json", "challenge.json", &now);
	assert_eq!(exit, 4, "{out}");
	assert!(out.contains("not a holder key"), "{out}");

	// Wrong signer: Bob's signature presented under Alice's account.
	let mut forged: Value =
		serde_json::from_slice(&std::fs::read(d.join("bob.json")).unwrap()).unwrap();
	forged["signer"] = format!("0x{}", hex::encode(ALICE)).into();
	std::fs::write(d.join("forged.json"), forged.to_string()).unwrap();
	let (exit, _, out) = verify("forged.json", "challenge.json", &now);
	assert_eq!(exit, 4, "{out}");
	assert!(out.contains("wrong signer"), "{out}");

	// Expired: checked after the challenge's 300 s.
	let (exit, _, out) = verify("presentation.json", "challenge.json", &later);
	assert_eq!(exit, 4, "{out}");
	assert!(out.contains("expired"), "{out}");

	// Mismatched challenge: the answer to an earlier challenge (another nonce) is refused.
	let (exit, _, out) = dengji(&[
		"holder",
		"challenge",
		CODE,
		"--verifier",
		"玉溪市商业银行",
		"--trust",
		&trust,
		"--at",
		&now,
		"-o",
		&path(d, "challenge2.json"),
	]);
	assert_eq!(exit, 0, "{out}");
	let (exit, _, out) = verify("presentation.json", "challenge2.json", &now);
	assert_eq!(exit, 4, "{out}");
	assert!(out.contains("nonce differs"), "{out}");

	// A bundle without the holder proof (version 1) proves no holder.
	let mut plain = f.bundle.clone();
	plain.holder_proof.clear();
	std::fs::write(d.join("plain.bin"), plain.to_bytes()).unwrap();
	let (exit, _, out) = dengji(&[
		"cert",
		"verify",
		CODE,
		"--bundle",
		&path(d, "plain.bin"),
		"--trust",
		&trust,
		"--at",
		&now,
		"--presentation",
		&path(d, "presentation.json"),
		"--challenge",
		&path(d, "challenge.json"),
	]);
	assert_eq!(exit, 4, "{out}");
	assert!(out.contains("no proof of the holder"), "{out}");
	// The same bundle still verifies as before without a presentation.
	let (exit, v, out) = dengji(&[
		"cert",
		"verify",
		CODE,
		"--bundle",
		&path(d, "plain.bin"),
		"--trust",
		&trust,
		"--at",
		&now,
	]);
	assert_eq!(exit, 0, "{out}");
	assert_eq!(v["verdict"], "valid");
	// A presentation without its challenge is a usage error.
	let (exit, _, out) = dengji(&[
		"cert",
		"verify",
		"--bundle",
		&bundle,
		"--trust",
		&trust,
		"--presentation",
		&path(d, "presentation.json"),
	]);
	assert_eq!(exit, 2, "{out}");
}

/// Q24: `dengji consent issue` signs a token for one verifier key, readable by the library.
#[test]
fn consent_issue_signs_a_token_for_the_verifier_q24() {
	let dir = tempfile::tempdir().unwrap();
	let d = dir.path();
	let f = Scenario::default().build();
	std::fs::write(d.join("trust.json"), f.trust_root.to_json()).unwrap();
	let verifier = "11".repeat(32);
	let (exit, v, out) = dengji(&[
		"consent",
		"issue",
		CODE,
		"--verifier",
		&verifier,
		"--ttl",
		"3600",
		"--trust",
		&path(d, "trust.json"),
		"--suri",
		"//Alice",
		"-o",
		&path(d, "token.hex"),
	]);
	assert_eq!(exit, 0, "{out}");
	let hex_token = std::fs::read_to_string(d.join("token.hex")).unwrap();
	assert_eq!(v["token"], hex_token.as_str());
	let token = dengji_verify::ConsentToken::from_bytes(
		&hex::decode(hex_token.trim_start_matches("0x")).unwrap(),
	)
	.unwrap();
	assert_eq!(token.signer, ALICE);
	assert_eq!(token.verifier, [0x11; 32]);
	let now = dengji_verify::UnixTimeMs::now();
	token.check(&f.trust_root.genesis_hash, &token.code, &[0x11; 32], now).unwrap();
	// A malformed verifier key is a usage error.
	let (exit, _, out) = dengji(&[
		"consent",
		"issue",
		CODE,
		"--verifier",
		"xyz",
		"--trust",
		&path(d, "trust.json"),
		"--suri",
		"//Alice",
	]);
	assert_eq!(exit, 2, "{out}");
}

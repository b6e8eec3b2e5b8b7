//! The `dengji` binary against the checked-in vectors of `dengji-verify`
//! (`client/verify/tests/vectors`): offline bundle verification must give each vector's verdict
//! as its exit code (and JSON), from both the binary and the JSON bundle forms; code checks must
//! accept and normalise, or reject, exactly as the vectors say.

use serde_json::Value;
use std::{path::PathBuf, process::Command};

fn vectors(name: &str) -> Value {
	// `cargo test` sets the variable at run time; the compile-time value may name another
	// checkout that shares the target directory.
	let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
	let path = manifest.join("../verify/tests/vectors").join(name);
	let s = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
	serde_json::from_str(&s).expect("vector JSON")
}

fn dengji(args: &[&str]) -> (i32, String, String) {
	let out = Command::new(env!("CARGO_BIN_EXE_dengji")).args(args).output().expect("run dengji");
	(
		out.status.code().expect("exit code"),
		String::from_utf8_lossy(&out.stdout).into_owned(),
		String::from_utf8_lossy(&out.stderr).into_owned(),
	)
}

/// The exit code and verdict name the CLI must give for a vector's `expected`.
fn expected_exit(expected: &Value) -> (i32, Option<&'static str>) {
	let Some(verdict) = expected.get("verdict") else {
		return (4, None);
	};
	let name = match verdict {
		Value::String(s) => s.as_str(),
		Value::Object(m) => m.keys().next().expect("verdict variant").as_str(),
		_ => panic!("verdict {verdict}"),
	};
	match name {
		"Valid" => (0, Some("valid")),
		"Expired" => (10, Some("expired")),
		"Superseded" => (11, Some("superseded")),
		"Cancelled" => (12, Some("cancelled")),
		"Revoked" => (13, Some("revoked")),
		"NotFound" => (14, Some("not_found")),
		"Stale" => (15, Some("stale")),
		other => panic!("unknown verdict {other}"),
	}
}

#[test]
fn offline_verify_gives_each_vectors_verdict_as_exit_code() {
	let v = vectors("bundles.json");
	let dir = tempfile::tempdir().expect("tempdir");
	let bundles = v["bundles"].as_array().expect("bundles");
	assert!(bundles.len() >= 10, "the vectors cover every verdict and several errors");
	for b in bundles {
		let name = b["name"].as_str().expect("name");
		let trust = dir.path().join(format!("{name}.trust.json"));
		std::fs::write(&trust, serde_json::to_string(&b["trust_root"]).expect("json"))
			.expect("write");
		let json_bundle = dir.path().join(format!("{name}.bundle.json"));
		std::fs::write(&json_bundle, serde_json::to_string(&b["bundle"]).expect("json"))
			.expect("w");
		let bin_bundle = dir.path().join(format!("{name}.bundle.bin"));
		let hex = b["bundle_binary"].as_str().expect("binary").trim_start_matches("0x");
		std::fs::write(&bin_bundle, hex::decode(hex).expect("hex")).expect("write");

		let now = b["now_ms"].as_u64().expect("now").to_string();
		let max_age = (b["policy"]["max_age_ms"].as_u64().expect("policy") / 1000).to_string();
		let (want_exit, want_verdict) = expected_exit(&b["expected"]);
		for bundle in [&json_bundle, &bin_bundle] {
			let mut args = vec![
				"--json",
				"cert",
				"verify",
				"--bundle",
				bundle.to_str().expect("path"),
				"--trust",
				trust.to_str().expect("path"),
				"--at",
				&now,
				"--max-age",
				&max_age,
			];
			// The vectors' policy may require the SM2 co-signature (issue 14).
			if b["policy"]["require_sm2"].as_bool() == Some(true) {
				args.push("--require-sm2");
			}
			let (code, stdout, stderr) = dengji(&args);
			assert_eq!(
				code,
				want_exit,
				"{name} ({}): stdout {stdout} stderr {stderr}",
				bundle.display()
			);
			let out: Value = serde_json::from_str(&stdout).expect("--json prints JSON");
			match want_verdict {
				Some(verdict) => {
					assert_eq!(out["verdict"], verdict, "{name}");
					assert_eq!(out["exit_code"], want_exit, "{name}");
					assert_eq!(out["online"], false, "{name}");
					assert_eq!(out["code"], b["bundle"]["code"], "{name}");
				}
				None => {
					assert_eq!(out["error"]["exit_code"], 4, "{name}: {out}");
					let detail = b["expected"]["detail"].as_str().expect("detail");
					let message = out["error"]["message"].as_str().expect("message");
					assert!(message.contains(detail), "{name}: `{message}` lacks `{detail}`");
				}
			}
		}
	}
}

#[test]
fn offline_verify_of_a_valid_bundle_prints_the_verdict_for_people() {
	let v = vectors("bundles.json");
	let b = v["bundles"]
		.as_array()
		.expect("bundles")
		.iter()
		.find(|b| b["name"] == "valid")
		.expect("a valid vector");
	let dir = tempfile::tempdir().expect("tempdir");
	let trust = dir.path().join("trust.json");
	std::fs::write(&trust, serde_json::to_string(&b["trust_root"]).expect("json")).expect("write");
	let bundle = dir.path().join("bundle.json");
	std::fs::write(&bundle, serde_json::to_string(&b["bundle"]).expect("json")).expect("write");
	let now = b["now_ms"].as_u64().expect("now").to_string();
	let code = b["bundle"]["code"].as_str().expect("code");
	let (exit, stdout, _) = dengji(&[
		"cert",
		"verify",
		code,
		"--bundle",
		bundle.to_str().expect("path"),
		"--trust",
		trust.to_str().expect("path"),
		"--at",
		&now,
	]);
	assert_eq!(exit, 0, "{stdout}");
	assert!(stdout.starts_with(&format!("{code}: VALID")), "{stdout}");

	// Asking about another code with this bundle is a verification failure, not a verdict.
	let (exit, _, stderr) = dengji(&[
		"cert",
		"verify",
		"530400-2026-0000009-X",
		"--bundle",
		bundle.to_str().expect("path"),
		"--trust",
		trust.to_str().expect("path"),
		"--at",
		&now,
	]);
	assert_eq!(exit, 4, "{stderr}");
}

#[test]
fn tampered_bundle_never_verifies_valid() {
	let v = vectors("bundles.json");
	let b = v["bundles"]
		.as_array()
		.expect("bundles")
		.iter()
		.find(|b| b["name"] == "valid")
		.expect("a valid vector");
	let dir = tempfile::tempdir().expect("tempdir");
	let trust = dir.path().join("trust.json");
	std::fs::write(&trust, serde_json::to_string(&b["trust_root"]).expect("json")).expect("write");
	let now = b["now_ms"].as_u64().expect("now").to_string();
	let bytes = hex::decode(b["bundle_binary"].as_str().expect("bin").trim_start_matches("0x"))
		.expect("hex");
	// Flip one bit in a spread of positions (header, justification, proof).
	let step = (bytes.len() / 12).max(1);
	for pos in (5..bytes.len()).step_by(step) {
		let mut t = bytes.clone();
		t[pos] ^= 0x01;
		let path = dir.path().join("t.bin");
		std::fs::write(&path, &t).expect("write");
		let (exit, stdout, _) = dengji(&[
			"--json",
			"cert",
			"verify",
			"--bundle",
			path.to_str().expect("path"),
			"--trust",
			trust.to_str().expect("path"),
			"--at",
			&now,
		]);
		assert_ne!(exit, 0, "bit flip at {pos} verified valid: {stdout}");
	}
}

#[test]
fn code_check_follows_the_code_vectors() {
	let v = vectors("codes.json");
	for c in v["codes"].as_array().expect("codes") {
		let input = c["input"].as_str().expect("input");
		let (exit, stdout, _) = dengji(&["--json", "code", "check", "--", input]);
		let out: Value = serde_json::from_str(&stdout).expect("json");
		match c.get("code").and_then(Value::as_str) {
			Some(code) => {
				assert_eq!(exit, 0, "{input}: {stdout}");
				assert_eq!(out["code"], code, "{input}");
				assert_eq!(out["valid"], true);
			}
			None => {
				assert_eq!(exit, 4, "{input}: {stdout}");
				assert_eq!(out["valid"], false);
			}
		}
	}
}

#[test]
fn usage_errors_exit_2() {
	let (exit, _, _) = dengji(&["cert", "verify", "--bundle", "x.bin"]);
	assert_eq!(exit, 2, "--bundle requires --trust");
	let (exit, _, _) = dengji(&["no-such-command"]);
	assert_eq!(exit, 2);
}

#[test]
fn unreachable_node_is_a_network_error_exit_3() {
	// Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.
	let (exit, stdout, _) = dengji(&["--json", "chain", "info", "--url", "ws://127.0.0.1:9"]);
	assert_eq!(exit, 3, "{stdout}");
	let out: Value = serde_json::from_str(&stdout).expect("json");
	assert_eq!(out["error"]["exit_code"], 3);
}

#[test]
fn check_document_follows_the_document_vectors() {
	let v = vectors("documents.json");
	let genesis = v["genesis_hash"].as_str().expect("genesis");
	let dir = tempfile::tempdir().expect("tempdir");
	for d in v["documents"].as_array().expect("documents") {
		let name = d["name"].as_str().expect("name");
		let json_doc = dir.path().join(format!("{name}.json"));
		std::fs::write(&json_doc, serde_json::to_string(&d["document"]).expect("json")).expect("w");
		let bin_doc = dir.path().join(format!("{name}.bin"));
		let hex = d["binary"].as_str().expect("binary").trim_start_matches("0x");
		std::fs::write(&bin_doc, hex::decode(hex).expect("hex")).expect("write");
		let ok = d["offline_check"]["signature"] == "valid";
		for doc in [&json_doc, &bin_doc] {
			let (exit, stdout, _) = dengji(&[
				"--json",
				"cert",
				"check-document",
				doc.to_str().expect("path"),
				"--genesis",
				genesis,
			]);
			let out: Value = serde_json::from_str(&stdout).expect("json");
			if ok {
				assert_eq!(exit, 0, "{name}: {stdout}");
				assert_eq!(out["qr"], d["qr"], "{name}");
			} else {
				assert_eq!(exit, 4, "{name}: {stdout}");
			}
		}
	}
	// The QR payload is accepted wherever a code is; a QR for another chain is refused.
	let valid = &v["documents"][0];
	let other = v["documents"]
		.as_array()
		.expect("documents")
		.iter()
		.find(|d| d["name"] == "other-chain")
		.expect("other-chain");
	let b = vectors("bundles.json")["bundles"][0].clone();
	let trust = dir.path().join("trust.json");
	std::fs::write(&trust, serde_json::to_string(&b["trust_root"]).expect("json")).expect("w");
	let bundle = dir.path().join("bundle.json");
	std::fs::write(&bundle, serde_json::to_string(&b["bundle"]).expect("json")).expect("w");
	let now = b["now_ms"].as_u64().expect("now").to_string();
	let verify = |qr: &str| {
		dengji(&[
			"cert",
			"verify",
			qr,
			"--bundle",
			bundle.to_str().expect("p"),
			"--trust",
			trust.to_str().expect("p"),
			"--at",
			&now,
		])
		.0
	};
	assert_eq!(b["bundle"]["code"], "530400-2026-0000123-6");
	assert_eq!(verify(valid["qr"].as_str().expect("qr")), 0);
	assert_eq!(verify(other["qr"].as_str().expect("qr")), 4);
}

/// `--content @FILE` (issue 14 §4, YX-R §12): presented details that hash to the certificate's
/// content digest pass; other details fail the check (exit 4, check `ContentMismatch`). The
/// certificate page's QR URL is accepted as the code (issue 14 §5), and one naming another chain
/// than the trust root is refused.
#[test]
fn content_matching_and_certificate_page_urls() {
	let v = vectors("bundles.json");
	let b = v["bundles"]
		.as_array()
		.expect("bundles")
		.iter()
		.find(|b| b["name"] == "valid")
		.expect("valid");
	let dir = tempfile::tempdir().expect("tempdir");
	let trust = dir.path().join("trust.json");
	std::fs::write(&trust, serde_json::to_string(&b["trust_root"]).expect("json")).expect("write");
	let bundle = dir.path().join("bundle.json");
	std::fs::write(&bundle, serde_json::to_string(&b["bundle"]).expect("json")).expect("write");
	// The fixtures register BLAKE2-256("registered basic information") as the content digest.
	let good = dir.path().join("form.txt");
	std::fs::write(&good, b"registered basic information").expect("write");
	let bad = dir.path().join("forged.txt");
	std::fs::write(&bad, b"registered basic information, amended").expect("write");
	let now = b["now_ms"].as_u64().expect("now").to_string();
	let code = b["bundle"]["code"].as_str().expect("code").to_string();
	let genesis = b["trust_root"]["genesis_hash"]
		.as_str()
		.expect("genesis")
		.trim_start_matches("0x")
		.to_string();
	let run = |target: &str, content: Option<&std::path::Path>| {
		let content = content.map(|p| format!("@{}", p.display()));
		let mut args =
			vec!["--json", "cert", "verify", target, "--bundle", bundle.to_str().unwrap()];
		args.extend(["--trust", trust.to_str().unwrap(), "--at", &now]);
		if let Some(c) = &content {
			args.extend(["--content", c.as_str()]);
		}
		let (code, stdout, stderr) = dengji(&args);
		(code, serde_json::from_str::<Value>(&stdout).unwrap_or(Value::Null), stderr)
	};
	let (exit, out, err) = run(&code, Some(&good));
	assert_eq!(exit, 0, "{out} {err}");
	assert_eq!(out["verdict"], "valid");
	assert_eq!(out["algorithms"], serde_json::json!(["ed25519", "sm2-sm3"]));
	let (exit, out, err) = run(&code, Some(&bad));
	assert_eq!(exit, 4, "{out} {err}");
	assert_eq!(out["error"]["check"], "ContentMismatch", "{out}");

	let url = format!("https://portal.example/certificates/{code}#dengji:1:{genesis}:{code}");
	let (exit, out, err) = run(&url, None);
	assert_eq!(exit, 0, "{out} {err}");
	let other =
		format!("https://portal.example/certificates/{code}#dengji:1:{}:{code}", "ab".repeat(32));
	let (exit, out, err) = run(&other, None);
	assert_eq!(exit, 4, "{out} {err}");
	assert_eq!(out["error"]["check"], "GenesisMismatch", "{out}");
}

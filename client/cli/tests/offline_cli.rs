//! The `dengji` binary offline (no node): value parsers give a usage error (exit 2) with one
//! sentence, Chinese first, never Rust `Debug` text; clap's own errors honour `--json`; required
//! digests have no default; `dengji code …` gives the primitives' check characters (YX-R §23 for
//! certificate codes, GB 32100-2015 for USCCs); key files are polkadot.js keystores; completions
//! and man pages are generated; an undecodable bundle is a verification failure (exit 4).

use serde_json::Value;
use std::{path::PathBuf, process::Command};

fn dengji_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
	let mut cmd = Command::new(env!("CARGO_BIN_EXE_dengji"));
	cmd.args(args);
	for var in ["DENGJI_SURI", "DENGJI_KEY_FILE", "DENGJI_PASSWORD", "DENGJI_URL", "RUST_LOG"] {
		cmd.env_remove(var);
	}
	for (k, v) in env {
		cmd.env(k, v);
	}
	let out = cmd.output().expect("run dengji");
	(
		out.status.code().expect("exit code"),
		String::from_utf8_lossy(&out.stdout).into_owned(),
		String::from_utf8_lossy(&out.stderr).into_owned(),
	)
}

fn dengji(args: &[&str]) -> (i32, String, String) {
	dengji_env(args, &[])
}

fn vectors_dir() -> PathBuf {
	std::env::var_os("CARGO_MANIFEST_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
		.join("../verify/tests/vectors")
}

/// The one `error: …` line of a usage error: Chinese first, then English, no Debug text.
fn assert_one_sentence(stderr: &str, english: &str) {
	let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
	assert_eq!(lines.len(), 1, "one line: {stderr}");
	let msg = lines[0].strip_prefix("error: ").expect("error: prefix");
	assert!(!msg.contains("Bad") && !msg.contains('{'), "no Debug text: {msg}");
	assert!(msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese: {msg}");
	let zh = msg.find(|c: char| ('\u{4e00}'..='\u{9fff}').contains(&c)).expect("zh");
	let en = msg.find(english).unwrap_or_else(|| panic!("`{english}` in {msg}"));
	assert!(zh < en, "Chinese first: {msg}");
}

#[test]
fn bad_certificate_code_is_a_usage_error_in_one_sentence() {
	// YX-R §23: 530400-2026-0000123 takes check character 6.
	let (exit, stdout, stderr) =
		dengji(&["revoke", "530400-2026-0000123-0", "--suri", "//Alice", "--decision", "d"]);
	assert_eq!(exit, 2, "{stdout}{stderr}");
	assert_one_sentence(&stderr, "check character 0, expected 6");
}

#[test]
fn bad_uscc_and_division_are_usage_errors_in_one_sentence() {
	let base = ["admit-subject", "--suri", "//Alice", "--name", "n", "--account", "//Bob"];
	let (exit, _, stderr) =
		dengji(&[&base[..], &["--uscc", "91530400MA6N000000", "--division", "530402"]].concat());
	assert_eq!(exit, 2, "{stderr}");
	assert_one_sentence(&stderr, "USCC `91530400MA6N000000` has check character");
	let (exit, _, stderr) =
		dengji(&[&base[..], &["--uscc", "91530400MA6N000007", "--division", "12"]].concat());
	assert_eq!(exit, 2, "{stderr}");
	assert!(stderr.contains("division code `12` is not six digits"), "{stderr}");
}

#[test]
fn bad_time_and_digest_file_are_usage_errors_in_one_sentence() {
	let (exit, _, stderr) =
		dengji(&["cert", "verify", "--bundle", "b", "--trust", "t", "--at", "yesterday"]);
	assert_eq!(exit, 2);
	assert_one_sentence(&stderr, "time `yesterday`");
	let (exit, _, stderr) =
		dengji(&["approve", "1", "--suri", "//Alice", "--decision", "@/no/such/file"]);
	assert_eq!(exit, 2);
	assert_one_sentence(&stderr, "cannot read digest file `/no/such/file`");
}

#[test]
fn missing_digest_is_a_usage_error_and_json_errors_are_json() {
	let (exit, stdout, stderr) = dengji(&["approve", "1", "--suri", "//Alice"]);
	assert_eq!(exit, 2, "{stdout}");
	assert!(stderr.contains("--decision"), "{stderr}");
	// `--json` holds for clap's own errors too: one JSON object on stdout, exit 2.
	let (exit, stdout, _) = dengji(&["--json", "approve", "1", "--suri", "//Alice"]);
	assert_eq!(exit, 2);
	let v: Value = serde_json::from_str(&stdout).expect("JSON error");
	assert_eq!(v["error"]["exit_code"], 2);
	assert_eq!(v["error"]["clap_kind"], "MissingRequiredArgument");
	assert!(v["error"]["message"].as_str().expect("message").contains("--decision"), "{v}");
	let (exit, stdout, _) = dengji(&["no-such-command", "--json"]);
	assert_eq!(exit, 2);
	let v: Value = serde_json::from_str(&stdout).expect("JSON error");
	assert_eq!(v["error"]["kind"], "Usage");
	let (exit, stdout, _) = dengji(&["--json", "code", "certificate", "12", "2026", "1"]);
	assert_eq!(exit, 2);
	let v: Value = serde_json::from_str(&stdout).expect("JSON error");
	let msg = v["error"]["message"].as_str().expect("message");
	assert!(msg.contains("division code `12` is not six digits"), "{msg}");
}

#[test]
fn code_commands_give_the_check_characters() {
	// YX-R §23 (ISO 7064 MOD 11-2).
	let (exit, stdout, _) = dengji(&["code", "certificate", "530400", "2026", "123"]);
	assert_eq!((exit, stdout.trim()), (0, "530400-2026-0000123-6"));
	let (exit, stdout, _) = dengji(&["--json", "code", "certificate", "530400", "2026", "123"]);
	assert_eq!(exit, 0);
	let v: Value = serde_json::from_str(&stdout).expect("json");
	assert_eq!(v["check_character"], "6");
	let (exit, _, stderr) = dengji(&["code", "certificate", "530400", "2026", "0"]);
	assert_eq!(exit, 2, "serial 0");
	assert_one_sentence(&stderr, "serial is 0");
	// GB 32100-2015: 17 characters are completed, 18 are checked.
	let (exit, stdout, _) = dengji(&["code", "uscc", "91530400MA6N00000"]);
	assert_eq!(exit, 0);
	let full = stdout.trim().to_string();
	assert_eq!(full.len(), 18);
	let (exit, stdout, _) = dengji(&["--json", "code", "uscc", &full]);
	assert_eq!(exit, 0);
	assert_eq!(serde_json::from_str::<Value>(&stdout).expect("json")["valid"], true);
	let wrong = format!("{}{}", &full[..17], if full.ends_with('0') { '1' } else { '0' });
	let (exit, stdout, _) = dengji(&["code", "uscc", &wrong]);
	assert_eq!(exit, 4, "wrong check character: {stdout}");
	assert!(stdout.contains("INVALID"), "{stdout}");
	// `code check` names the fault in a sentence, not Debug text.
	let (exit, stdout, _) = dengji(&["--json", "code", "check", "530400-2026-0000123-0"]);
	assert_eq!(exit, 4);
	let v: Value = serde_json::from_str(&stdout).expect("json");
	let reason = v["reason"].as_str().expect("reason");
	assert!(reason.contains("expected 6") && !reason.contains("Bad"), "{reason}");
}

#[test]
fn undecodable_or_tampered_bundles_are_verification_failures_reported_once() {
	let dir = tempfile::tempdir().expect("tempdir");
	let bundles = std::fs::read_to_string(vectors_dir().join("bundles.json")).expect("vectors");
	let bundles: Value = serde_json::from_str(&bundles).expect("json");
	let trust = dir.path().join("trust.json");
	std::fs::write(&trust, bundles["bundles"][0]["trust_root"].to_string()).expect("write");
	let junk = dir.path().join("junk.bin");
	std::fs::write(&junk, [0xff, 0xfe, 0x00, 0x01]).expect("write");
	let (exit, stdout, stderr) = dengji(&[
		"cert",
		"verify",
		"--bundle",
		junk.to_str().expect("path"),
		"--trust",
		trust.to_str().expect("path"),
	]);
	assert_eq!(exit, 4, "{stdout}{stderr}");
	// A bundle with an unknown version: its message appears once.
	let mut v0 = dengji_verify::BUNDLE_MAGIC.to_vec();
	v0.extend_from_slice(&[0, 0, 0, 0]);
	let old = dir.path().join("v0.bin");
	std::fs::write(&old, &v0).expect("write");
	let (exit, _, stderr) = dengji(&[
		"cert",
		"verify",
		"--bundle",
		old.to_str().expect("path"),
		"--trust",
		trust.to_str().expect("path"),
	]);
	assert_eq!(exit, 4, "{stderr}");
	assert_eq!(stderr.matches("unsupported proof bundle version").count(), 1, "{stderr}");
}

#[test]
fn key_file_round_trips_and_signs_as_the_same_account() {
	// An sr25519 account written as a polkadot.js keystore decrypts to the account of the same
	// seed given as a secret URI.
	let seed = [42u8; 32];
	let mini = schnorrkel::MiniSecretKey::from_bytes(&seed).expect("seed");
	let pair = mini.expand_to_keypair(schnorrkel::ExpansionMode::Ed25519);
	let secret: [u8; 64] = pair.secret.to_ed25519_bytes();
	let public = pair.public.to_bytes();
	let json = dengji_cli::keyfile::encrypt(
		dengji_cli::keyfile::KeyType::Sr25519,
		&secret,
		&public,
		"correct horse",
		[3; 32],
		[4; 24],
		"round trip",
	);
	let dir = tempfile::tempdir().expect("tempdir");
	let file = dir.path().join("account.json");
	std::fs::write(&file, json).expect("write");
	let suri = format!("0x{}", hex::encode(seed));
	let (exit, want, _) = dengji(&["--json", "key", "inspect", "--suri", &suri]);
	assert_eq!(exit, 0, "{want}");
	let want: Value = serde_json::from_str(&want).expect("json");
	let (exit, got, stderr) = dengji_env(
		&["--json", "key", "inspect", "--key-file", file.to_str().expect("path")],
		&[("DENGJI_PASSWORD", "correct horse")],
	);
	assert_eq!(exit, 0, "{got}{stderr}");
	let got: Value = serde_json::from_str(&got).expect("json");
	assert_eq!(got["public"], want["public"]);
	assert_eq!(got["ss58"], want["ss58"]);
	assert_eq!(got["public"], format!("0x{}", hex::encode(public)));
	// A wrong password is a usage error in one sentence.
	let (exit, _, stderr) = dengji_env(
		&["key", "inspect", "--key-file", file.to_str().expect("path")],
		&[("DENGJI_PASSWORD", "wrong")],
	);
	assert_eq!(exit, 2);
	assert_one_sentence(&stderr, "wrong password");
	// Without a password and without a terminal: a usage error, never a hang.
	let (exit, _, stderr) = dengji(&["key", "inspect", "--key-file", file.to_str().expect("path")]);
	assert_eq!(exit, 2, "{stderr}");
	assert!(stderr.contains("DENGJI_PASSWORD"), "{stderr}");
}

#[test]
fn polkadot_js_export_is_read() {
	let file = std::env::var_os("CARGO_MANIFEST_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
		.join("tests/fixtures/alice-polkadot-js.json");
	let (exit, stdout, stderr) = dengji_env(
		&["--json", "key", "inspect", "--key-file", file.to_str().expect("path")],
		&[("DENGJI_PASSWORD", "whoisalice")],
	);
	assert_eq!(exit, 0, "{stderr}");
	let v: Value = serde_json::from_str(&stdout).expect("json");
	assert_eq!(v["ss58"], "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
}

#[test]
fn completions_and_man_pages_are_generated() {
	for shell in ["bash", "zsh", "fish"] {
		let (exit, stdout, _) = dengji(&["completions", shell]);
		assert_eq!(exit, 0, "{shell}");
		assert!(stdout.contains("wait-until") && stdout.contains("admit-subject"), "{shell}");
	}
	let (exit, stdout, _) = dengji(&["man"]);
	assert_eq!(exit, 0);
	assert!(stdout.starts_with(".ie") || stdout.contains(".TH dengji"), "roff: {stdout:.200}");
	let dir = tempfile::tempdir().expect("tempdir");
	let (exit, stdout, _) = dengji(&["--json", "man", "--dir", dir.path().to_str().expect("path")]);
	assert_eq!(exit, 0, "{stdout}");
	let v: Value = serde_json::from_str(&stdout).expect("json");
	let files = v["files"].as_array().expect("files");
	assert!(files
		.iter()
		.any(|f| f.as_str().is_some_and(|f| f.ends_with("dengji-chain-wait-until.1"))));
	assert!(dir.path().join("dengji.1").exists());
}

#[test]
fn grounds_are_listed_with_their_chinese_names() {
	let (exit, stdout, _) = dengji(&["revoke", "--help"]);
	assert_eq!(exit, 0);
	assert!(stdout.contains("false-materials") && stdout.contains("§27"), "{stdout}");
	let (exit, stdout, _) = dengji(&["review", "--help"]);
	assert_eq!(exit, 0);
	assert!(stdout.contains("quality-defect"), "{stdout}");
	let (exit, _, stderr) = dengji(&[
		"revoke",
		"530400-2026-0000123-6",
		"--suri",
		"//A",
		"--decision",
		"d",
		"--ground",
		"whim",
	]);
	assert_eq!(exit, 2);
	assert!(stderr.contains("false-materials"), "lists the grounds: {stderr}");
}

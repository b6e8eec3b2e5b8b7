//! The JSON test vectors in `tests/vectors/`, generated deterministically (ed25519 signatures are
//! deterministic, the fixtures use no randomness). `scripts/gen-vectors.sh` writes them through
//! `examples/gen_vectors.rs`; `tests/vectors.rs` checks the files verify as recorded and that
//! the generator still produces them byte for byte.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use super::*;
use dengji_primitives::RevocationGround;
use dengji_verify::{parse_code, verify, CancelReason, CertificateDocument, Policy, VerifyError};
use serde_json::{json, Value};

/// The error's variant name (`Debug` up to the first non-identifier character).
pub fn error_kind(e: &VerifyError) -> String {
	let s = format!("{e:?}");
	s.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default().to_string()
}

fn hex(b: &[u8]) -> String {
	format!("0x{}", hex::encode(b))
}

pub fn codes() -> Value {
	let mut items = Vec::new();
	let mut push = |input: String, note: &str| {
		let v = match parse_code(&input) {
			Ok(c) => json!({"input": input, "note": note, "code": c.to_string()}),
			Err(e) => {
				json!({"input": input, "note": note, "error": error_kind(&e), "detail": format!("{e}")})
			}
		};
		items.push(v);
	};
	let c = code(123).to_string();
	push(c.clone(), "valid, hyphenated");
	push(c.replace('-', ""), "valid, compact");
	push(format!("  {c} "), "valid, surrounding whitespace");
	let x = (1..100).map(code).find(|c| c.check_character() == 'X').unwrap();
	push(x.to_string().to_lowercase(), "valid, lower-case check character x");
	let last = c.chars().last().unwrap();
	let wrong = if last == '0' { '1' } else { '0' };
	push(format!("{}{wrong}", &c[..c.len() - 1]), "check character wrong");
	push(c.replace("0000123", "0000124"), "serial changed, check character not");
	push("530400-2026-0000000-".to_string() + &code_with(530400, 2026, 0), "serial 0");
	push("000000-2026-0000123-0".into(), "not a division code");
	push("530400/2026/0000123/X".into(), "wrong separators");
	push("530400-2026-000012-X".into(), "serial too short");
	push("".into(), "empty");
	json!({ "description": "Certificate codes (docs/spec/DESIGN.md §7): parse result or error variant", "codes": items })
}

fn code_with(division: u32, year: u16, serial: u32) -> String {
	let digits = format!("{division:06}{year:04}{serial:07}");
	dengji_primitives::code::mod11_2_check(digits.as_bytes()).to_string()
}

pub fn documents() -> Value {
	let g = genesis("local");
	let rec = record(&g, code(123), &issuer_key(), dengji_primitives::CertificateStatus::Valid);
	let doc = CertificateDocument::from_record(g, &rec);
	let mut tampered = doc.clone();
	tampered.body.data_name = name("玉溪市公共交通客流数据产品（修改）");
	let mut other = doc.clone();
	other.genesis_hash = genesis("other");
	let entry = |name: &str, d: &CertificateDocument| {
		let result = match d
			.verify_offline(&g, Some(&[public(&issuer_key()), public(&retired_issuer_key())]))
		{
			Ok(()) => json!({"signature": "valid"}),
			Err(e) => json!({"error": error_kind(&e)}),
		};
		json!({
			"name": name,
			"document": serde_json::from_str::<Value>(&d.to_json().unwrap()).unwrap(),
			"binary": hex(&d.to_bytes()),
			"qr": d.qr_payload().to_string(),
			"offline_check": result,
		})
	};
	json!({
		"description": "Certificate documents: JSON and binary forms, QR payload, and the offline check against genesis `local` and the issuer's keys",
		"genesis_hash": hex(&g),
		"issuer_keys": [hex(&public(&issuer_key())), hex(&public(&retired_issuer_key()))],
		"documents": [entry("valid", &doc), entry("tampered-data-name", &tampered), entry("other-chain", &other)],
	})
}

/// (name, scenario, now, policy, edit)
fn bundle_cases() -> Vec<(&'static str, Scenario, u64, Policy, Option<fn(&mut Fixture)>)> {
	let d = Scenario::default;
	let p = Policy::default();
	let revoked = dengji_primitives::CertificateStatus::Revoked {
		ground: RevocationGround::FalseMaterials,
		decision: blake2(b"decision 7"),
		at: NOW - DAY,
	};
	vec![
		("valid", d(), NOW, p, None),
		("valid-no-set-change", Scenario { set_changes: 0, ..d() }, NOW, p, None),
		("valid-16-validators", Scenario { validators: 16, ..d() }, NOW, p, None),
		("valid-retired-issuer-key", Scenario { use_retired_key: true, ..d() }, NOW, p, None),
		("valid-precommits-on-descendants", Scenario { descendants: 2, ..d() }, NOW, p, None),
		("expired", d(), NOW + 4 * 365 * DAY, Policy { max_age_ms: u64::MAX }, None),
		(
			"superseded",
			Scenario {
				status: dengji_primitives::CertificateStatus::Superseded {
					by: code(124),
					at: NOW - DAY,
				},
				..d()
			},
			NOW,
			p,
			None,
		),
		(
			"cancelled-expiry",
			Scenario {
				status: dengji_primitives::CertificateStatus::Cancelled {
					reason: CancelReason::Expiry,
					at: NOW - DAY,
				},
				..d()
			},
			NOW,
			p,
			None,
		),
		("revoked", Scenario { status: revoked, ..d() }, NOW, p, None),
		("not-found", Scenario { certificate_present: false, ..d() }, NOW, p, None),
		("stale", Scenario { finalized_at: NOW - 3_600_000, ..d() }, NOW, p, None),
		(
			"error-other-chain-trust-root",
			d(),
			NOW,
			p,
			Some(|f: &mut Fixture| {
				f.trust_root = Scenario { chain: "other", ..Default::default() }.build().trust_root
			}),
		),
		(
			"error-two-of-four-signed",
			d(),
			NOW,
			p,
			Some(|f: &mut Fixture| {
				f.bundle.justification = justify(&f.sets[1][..2], 1, 31, &f.bundle.header)
			}),
		),
		(
			"error-bad-precommit-signature",
			d(),
			NOW,
			p,
			Some(|f: &mut Fixture| f.bundle.justification.commit.precommits[2].signature[0] ^= 1),
		),
		(
			"error-proof-node-missing",
			d(),
			NOW,
			p,
			Some(|f: &mut Fixture| {
				f.bundle.read_proof.pop();
			}),
		),
		("error-unknown-issuer", Scenario { issuer_present: false, ..d() }, NOW, p, None),
	]
}

pub fn bundles() -> Value {
	let mut out = Vec::new();
	for (name, scenario, now, policy, edit) in bundle_cases() {
		let mut f = scenario.build();
		if let Some(edit) = edit {
			edit(&mut f);
		}
		let expected = match verify(&f.bundle, &f.trust_root, &policy, now) {
			Ok(v) => json!({"verdict": v}),
			Err(e) => json!({"error": error_kind(&e), "detail": format!("{e}")}),
		};
		out.push(json!({
			"name": name,
			"now_ms": now,
			"policy": policy,
			"trust_root": f.trust_root,
			"bundle": f.bundle,
			"bundle_binary": hex(&f.bundle.to_bytes()),
			"expected": expected,
		}));
	}
	json!({
		"description": "Proof bundles (binary `DJPB` v1 and JSON) with the trust root, policy and time they are verified at, and the expected verdict or error variant",
		"bundles": out,
	})
}

/// File name -> pretty JSON (with a trailing newline).
pub fn all() -> Vec<(&'static str, String)> {
	[("codes.json", codes()), ("documents.json", documents()), ("bundles.json", bundles())]
		.into_iter()
		.map(|(n, v)| (n, serde_json::to_string_pretty(&v).unwrap() + "\n"))
		.collect()
}

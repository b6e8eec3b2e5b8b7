//! The verification document (`json` feature): the JSON that `dengji --json cert verify` prints,
//! built from a [`Verification`] (or a [`VerifyError`]).
//!
//! **One serialisation.** The CLI, the browser module (`dengji-verify-wasm`) and the JVM binding
//! (`dengji-verify-jvm`) all print this document, so it is written once, here: the verdict's name
//! and exit code, the proved block, the certificate and issuer records, times in Asia/Shanghai.
//! `online` says whether the bundle was built from a node (the CLI's `cert verify <code>`) or
//! handed over (`--bundle`, and always in the bindings).
//!
//! Since issue 14 the document also says which signature algorithms were checked
//! (`"algorithms": ["ed25519", "sm2-sm3"]`) and carries the SM3 digest of the signed certificate
//! body (`"sm3_digest"`, null without SM2 co-signature); the certificate carries its co-signature
//! (`"sm2": {"key", "signature", "sm3_digest"}` or null) and the issuer its SM2 key (`"sm2_key"`).
//!
//! Failed checks give the CLI's `--json` error document,
//! `{"error": {"kind": "VerificationFailed", "exit_code": 4, "message": …}}`, plus `"check"`: the
//! name of the [`VerifyError`] variant (`"BadPrecommitSignature"`, `"TooLarge"`, …), so a program
//! can tell which check failed without parsing the message.

use crate::{
	Institution, Policy, ProofBundle, TrustRoot, UnixTimeMs, Verdict, Verification, VerifyError,
	BUNDLE_MAGIC, MAX_BUNDLE_SIZE,
};
use alloc::{
	format,
	string::{String, ToString},
};
use dengji_primitives::{CertificateRecord, Date, Moment};
use serde_json::{json, Value};

/// Largest bundle input accepted, in bytes: the JSON form's limit in `dengji-verify`
/// (`ProofBundle::from_json`: three times [`MAX_BUNDLE_SIZE`]); the binary form's limit is
/// [`MAX_BUNDLE_SIZE`]. Larger inputs are refused before they are copied.
pub const MAX_BUNDLE_INPUT: usize = MAX_BUNDLE_SIZE.saturating_mul(3);

/// Largest trust-root JSON accepted, in bytes (1 MiB: about ten thousand authorities). A guard of
/// the bindings (the CLI reads any file); larger inputs are refused before they are copied.
pub const MAX_TRUST_ROOT_JSON: usize = 1024 * 1024;

/// The CLI's exit code for an error of a check (`ExitCode::VerificationFailed`).
pub const EXIT_VERIFICATION_FAILED: u8 = 4;

/// Reads a bundle from its binary (`DJPB…`) or JSON form, as the CLI reads `--bundle` files.
pub fn read_bundle(bytes: &[u8]) -> Result<ProofBundle, VerifyError> {
	if bytes.len() > MAX_BUNDLE_INPUT {
		return Err(too_large("proof bundle", bytes.len(), MAX_BUNDLE_INPUT));
	}
	if bytes.starts_with(&BUNDLE_MAGIC) {
		ProofBundle::from_bytes(bytes)
	} else {
		let s = core::str::from_utf8(bytes)
			.map_err(|e| VerifyError::Decode { what: "proof bundle", reason: e.to_string() })?;
		ProofBundle::from_json(s)
	}
}

/// Parses and validates a trust root (JSON), refusing more than [`MAX_TRUST_ROOT_JSON`] bytes.
pub fn read_trust_root(json: &str) -> Result<TrustRoot, VerifyError> {
	if json.len() > MAX_TRUST_ROOT_JSON {
		return Err(too_large("trust root JSON", json.len(), MAX_TRUST_ROOT_JSON));
	}
	TrustRoot::from_json(json)
}

/// The [`VerifyError::TooLarge`] error for an input of `size` bytes over `limit`.
pub fn too_large(what: &'static str, size: usize, limit: usize) -> VerifyError {
	VerifyError::TooLarge { what, size, limit }
}

/// Verifies a bundle (binary or JSON bytes) against a trust root (JSON) at `now`, under `policy`:
/// what `dengji cert verify --bundle … --trust … --at <now> --max-age <policy>` checks.
pub fn verify_bytes(
	bundle: &[u8],
	trust_root_json: &str,
	now: UnixTimeMs,
	policy: &Policy,
) -> Result<Verification, VerifyError> {
	let root = read_trust_root(trust_root_json)?;
	let bundle = read_bundle(bundle)?;
	crate::verify_detailed(&bundle, &root, policy, now)
}

/// [`verify_bytes`] as the document (`"online": false`), pretty-printed as the CLI prints it.
pub fn verify_to_json(
	bundle: &[u8],
	trust_root_json: &str,
	now: UnixTimeMs,
	policy: &Policy,
) -> String {
	let doc = match verify_bytes(bundle, trust_root_json, now, policy) {
		Ok(v) => verification_json(&v, false),
		Err(e) => error_json(&e),
	};
	render(&doc)
}

/// A document as text (`serde_json::to_string_pretty`, as the CLI renders `--json` output).
pub fn render(doc: &Value) -> String {
	serde_json::to_string_pretty(doc).unwrap_or_default()
}

/// The lower-case name of a verdict, as printed and in JSON (`valid`, `expired`, `superseded`,
/// `cancelled`, `revoked`, `not_found`, `stale`).
pub fn verdict_name(v: &Verdict) -> &'static str {
	match v {
		Verdict::Valid => "valid",
		Verdict::Expired { .. } => "expired",
		Verdict::Superseded { .. } => "superseded",
		Verdict::Cancelled { .. } => "cancelled",
		Verdict::Revoked { .. } => "revoked",
		Verdict::NotFound => "not_found",
		Verdict::Stale { .. } => "stale",
	}
}

/// The CLI's exit code for a verdict (0 only for `valid`; 10–15 for the others).
pub fn verdict_exit_code(v: &Verdict) -> u8 {
	match v {
		Verdict::Valid => 0,
		Verdict::Expired { .. } => 10,
		Verdict::Superseded { .. } => 11,
		Verdict::Cancelled { .. } => 12,
		Verdict::Revoked { .. } => 13,
		Verdict::NotFound => 14,
		Verdict::Stale { .. } => 15,
	}
}

/// The name of the check that failed: the [`VerifyError`] variant (`"InsufficientWeight"`).
pub fn check_name(e: &VerifyError) -> String {
	let debug = format!("{e:?}");
	debug.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default().to_string()
}

/// The error document: the CLI's `--json` error object for a failed check, with `"check"`.
pub fn error_json(e: &VerifyError) -> Value {
	json!({
		"error": {
			"message": e.to_string(),
			"exit_code": EXIT_VERIFICATION_FAILED,
			"kind": "VerificationFailed",
			"check": check_name(e),
		}
	})
}

/// The verification document; `online`: the bundle was built from a node rather than handed over.
pub fn verification_json(v: &Verification, online: bool) -> Value {
	json!({
		"code": v.code.to_string(),
		"verdict": verdict_name(&v.verdict),
		"valid": v.verdict.is_valid(),
		"exit_code": verdict_exit_code(&v.verdict),
		"detail": serde_json::to_value(v.verdict).unwrap_or(Value::Null),
		"online": online,
		"block": { "hash": to_hex(&v.block_hash), "number": v.block_number },
		"set_id": v.set_id,
		"finalized_at": v.finalized_at,
		"finalized_at_time": fmt_time(v.finalized_at),
		"certificate": v.certificate.as_ref().map(certificate_json),
		"issuer": v.issuer.as_ref().map(institution_json),
		"algorithms": v.algorithms.names().collect::<alloc::vec::Vec<_>>(),
		"sm3_digest": v.sm3_digest.as_ref().map(|d| to_hex(d)),
	})
}

/// A certificate record as JSON.
pub fn certificate_json(r: &CertificateRecord) -> Value {
	let b = &r.body;
	json!({
		"code": b.code.to_string(),
		"registration": b.registration,
		"act": format!("{:?}", b.act),
		"object": format!("{:?}", b.object),
		"subject": b.subject.to_string(),
		"subject_name": utf8(&b.subject_name),
		"data_name": utf8(&b.data_name),
		"content_digest": to_hex(&b.content_digest),
		"issuer": b.issuer.get(),
		"issuer_key": to_hex(&b.issuer_key),
		"issued_on": Date::from_day_index(b.issued_on).to_string(),
		"issued_at": b.issued_at,
		"valid_until": b.valid_until,
		"valid_until_time": fmt_time(b.valid_until),
		"previous": b.previous.map(|p| p.to_string()),
		"status": serde_json::to_value(r.status).unwrap_or(Value::Null),
		"signature": to_hex(&r.signature),
		"sm2": r.sm2.as_ref().map(|c| json!({
			"key": to_hex(c.key.as_ref()),
			"signature": to_hex(c.signature.as_ref()),
			"sm3_digest": to_hex(&c.sm3_digest),
		})),
	})
}

/// An institution record as JSON.
pub fn institution_json(i: &Institution) -> Value {
	json!({
		"division": i.division.get(),
		"name": utf8(&i.name),
		"status": format!("{:?}", i.status),
		"signing_key": to_hex(&i.signing_key),
		"sm2_key": i.sm2_key.as_ref().map(|k| to_hex(k)),
	})
}

/// `0x`-prefixed lower-case hex.
pub fn to_hex(bytes: &[u8]) -> String {
	let mut s = String::with_capacity(bytes.len().saturating_mul(2).saturating_add(2));
	s.push_str("0x");
	for b in bytes {
		s.push(char::from(HEX[usize::from(b >> 4)]));
		s.push(char::from(HEX[usize::from(b & 0xf)]));
	}
	s
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn utf8(b: &[u8]) -> String {
	String::from_utf8_lossy(b).into_owned()
}

/// `2026-11-24 06:23:25.000 +08:00` (Asia/Shanghai, the legal time zone).
pub fn fmt_time(ms: Moment) -> String {
	let shanghai = ms.saturating_add(8 * 3_600_000);
	let day = u32::try_from(shanghai / 86_400_000).unwrap_or(u32::MAX);
	let date = Date::from_day_index(day);
	let in_day = shanghai % 86_400_000;
	format!(
		"{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03} +08:00",
		date.year,
		date.month,
		date.day,
		in_day / 3_600_000,
		in_day / 60_000 % 60,
		in_day / 1000 % 60,
		in_day % 1000
	)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn time_is_printed_in_shanghai() {
		assert_eq!(fmt_time(0), "1970-01-01 08:00:00.000 +08:00");
		assert_eq!(fmt_time(1_767_196_800_000), "2026-01-01 00:00:00.000 +08:00");
	}

	#[test]
	fn hex_is_prefixed_lower_case() {
		assert_eq!(to_hex(&[0x00, 0xab, 0x7f]), "0x00ab7f");
		assert_eq!(to_hex(&[]), "0x");
	}

	#[test]
	fn oversized_inputs_are_refused_before_parsing() {
		let big = alloc::vec![b' '; MAX_BUNDLE_INPUT + 1];
		let e = read_bundle(&big).expect_err("refused");
		assert_eq!(check_name(&e), "TooLarge");
		let big = " ".repeat(MAX_TRUST_ROOT_JSON + 1);
		assert_eq!(check_name(&read_trust_root(&big).expect_err("refused")), "TooLarge");
	}

	#[test]
	fn error_document_names_the_check() {
		let e = VerifyError::TimestampMissing;
		let doc = error_json(&e);
		assert_eq!(doc["error"]["check"], "TimestampMissing");
		assert_eq!(doc["error"]["exit_code"], 4);
		assert_eq!(doc["error"]["kind"], "VerificationFailed");
		assert_eq!(doc["error"]["message"], "finalized state has no Timestamp::Now");
	}
}

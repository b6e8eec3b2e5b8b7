//! What a command prints: a JSON document (`--json`) or text for people, and its exit code.

use crate::exit::ExitCode;
use dengji_client::{rpc::to_hex, ChainEvent, Submitted};
use dengji_primitives::{CertificateRecord, Date, InstitutionRecord, Moment};
use dengji_verify::{Verdict, Verification};
use serde_json::{json, Value};

/// A command's result.
#[derive(Debug)]
pub struct Report {
	/// The exit code.
	pub exit: ExitCode,
	/// Machine-readable form.
	pub json: Value,
	/// Human-readable form.
	pub text: String,
}

impl Report {
	/// A successful report.
	pub fn ok(json: Value, text: impl Into<String>) -> Self {
		Self { exit: ExitCode::Ok, json, text: text.into() }
	}

	/// The string to print on stdout.
	pub fn render(&self, as_json: bool) -> String {
		if as_json {
			serde_json::to_string_pretty(&self.json).unwrap_or_default()
		} else {
			self.text.clone()
		}
	}
}

/// An error as JSON (`--json` mode): `{"error": {"kind", "message", "exit_code", …}}`.
pub fn error_json(e: &anyhow::Error, exit: ExitCode) -> Value {
	let mut err = json!({
		"message": format!("{e:#}"),
		"exit_code": exit.code(),
		"kind": format!("{exit:?}"),
	});
	if let Some((pallet, error)) = e
		.chain()
		.find_map(|c| c.downcast_ref::<dengji_client::Error>())
		.and_then(|e| e.dispatch_error())
	{
		err["pallet"] = json!(pallet);
		err["error"] = json!(error);
	}
	json!({ "error": err })
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

/// The lower-case name of a verdict, as printed and in JSON.
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

fn utf8(b: &[u8]) -> String {
	String::from_utf8_lossy(b).into_owned()
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
	})
}

/// Text lines describing a certificate.
pub fn certificate_text(r: &CertificateRecord) -> String {
	let b = &r.body;
	let mut s = format!(
		"certificate  {}\nregistration {}\nact          {:?} ({:?})\nsubject      {} {}\ndata         {}\nissuer       {} (key {})\nissued       {}\nvalid until  {}\nstatus       {:?}",
		b.code,
		b.registration,
		b.act,
		b.object,
		b.subject,
		utf8(&b.subject_name),
		utf8(&b.data_name),
		b.issuer,
		to_hex(&b.issuer_key),
		fmt_time(b.issued_at),
		fmt_time(b.valid_until),
		r.status
	);
	if let Some(p) = b.previous {
		s.push_str(&format!("\nsupersedes   {p}"));
	}
	s
}

fn institution_json(i: &InstitutionRecord<[u8; 32]>) -> Value {
	json!({
		"division": i.division.get(),
		"name": utf8(&i.name),
		"status": format!("{:?}", i.status),
		"signing_key": to_hex(&i.signing_key),
	})
}

/// The report of a verification.
pub fn verification_report(v: &Verification, online: bool) -> Report {
	let exit = ExitCode::of_verdict(&v.verdict);
	let name = verdict_name(&v.verdict);
	let json = json!({
		"code": v.code.to_string(),
		"verdict": name,
		"valid": v.verdict.is_valid(),
		"exit_code": exit.code(),
		"detail": serde_json::to_value(v.verdict).unwrap_or(Value::Null),
		"online": online,
		"block": { "hash": to_hex(&v.block_hash), "number": v.block_number },
		"set_id": v.set_id,
		"finalized_at": v.finalized_at,
		"finalized_at_time": fmt_time(v.finalized_at),
		"certificate": v.certificate.as_ref().map(certificate_json),
		"issuer": v.issuer.as_ref().map(institution_json),
	});
	let detail = match v.verdict {
		Verdict::Valid => String::new(),
		Verdict::Expired { valid_until } => format!(" (validity ended {})", fmt_time(valid_until)),
		Verdict::Superseded { by, at } => format!(" by {by} at {}", fmt_time(at)),
		Verdict::Cancelled { reason, at } => format!(" ({reason:?}) at {}", fmt_time(at)),
		Verdict::Revoked { ground, at } => format!(" ({ground:?}) at {}", fmt_time(at)),
		Verdict::NotFound => " (proved absent)".into(),
		Verdict::Stale { finalized_at } => {
			format!(" (proof from {}, older than allowed)", fmt_time(finalized_at))
		}
	};
	let mut text = format!(
		"{}: {}{detail}\nproved by block #{} {} (authority set {}), finalized at {}",
		v.code,
		name.to_uppercase(),
		v.block_number,
		to_hex(&v.block_hash),
		v.set_id,
		fmt_time(v.finalized_at)
	);
	if let Some(c) = &v.certificate {
		text.push('\n');
		text.push_str(&certificate_text(c));
	}
	Report { exit, json, text }
}

fn event_line(e: &ChainEvent) -> String {
	format!("  {}.{} {}", e.pallet, e.name, e.fields)
}

/// A number that may arrive wrapped in one-field composites (`[530400]`, `{"0": 5}`).
pub fn json_u64(v: &Value) -> Option<u64> {
	match v {
		Value::Number(n) => n.as_u64(),
		Value::Array(a) if a.len() == 1 => json_u64(&a[0]),
		Value::Object(m) if m.len() == 1 => m.values().next().and_then(json_u64),
		_ => None,
	}
}

/// Certificate codes found anywhere in event fields (`{division, year, serial}` composites),
/// rendered as `530400-2026-0000001-X`.
pub fn codes_in(v: &Value, out: &mut Vec<String>) {
	match v {
		Value::Object(m) => {
			if let (Some(d), Some(y), Some(s)) = (
				m.get("division").and_then(json_u64),
				m.get("year").and_then(json_u64),
				m.get("serial").and_then(json_u64),
			) {
				let code = dengji_primitives::DivisionCode::new(u32::try_from(d).unwrap_or(0))
					.ok()
					.and_then(|d| {
						dengji_primitives::CertificateCode::new(
							d,
							u16::try_from(y).unwrap_or(0),
							u32::try_from(s).unwrap_or(0),
						)
						.ok()
					});
				if let Some(c) = code.map(|c| c.to_string()) {
					if !out.contains(&c) {
						out.push(c);
					}
				}
				return;
			}
			m.values().for_each(|x| codes_in(x, out));
		}
		Value::Array(a) => a.iter().for_each(|x| codes_in(x, out)),
		_ => {}
	}
}

/// Ids named in events (`application`, `objection`, `registration`), first occurrence each.
pub fn ids_in(events: &[ChainEvent]) -> serde_json::Map<String, Value> {
	let mut ids = serde_json::Map::new();
	for e in events {
		for key in ["application", "objection", "registration"] {
			if let Some(n) = e.field(key).and_then(json_u64) {
				ids.entry(key).or_insert(json!(n));
			}
		}
	}
	ids
}

/// The report of a finalized transaction.
pub fn submitted_report(s: &Submitted) -> Report {
	let mut text =
		format!("{} finalized in block #{} {}", s.call, s.block.number, to_hex(&s.block.hash));
	for e in s.events.iter().filter(|e| e.pallet != "System") {
		text.push('\n');
		text.push_str(&event_line(e));
	}
	let ids = ids_in(&s.events);
	let mut codes = Vec::new();
	s.events.iter().for_each(|e| codes_in(&e.fields, &mut codes));
	for (k, v) in &ids {
		text.push_str(&format!("\n{k}: {v}"));
	}
	for c in &codes {
		text.push_str(&format!("\ncertificate: {c}"));
	}
	let mut json = serde_json::to_value(s).unwrap_or(Value::Null);
	json["ids"] = Value::Object(ids);
	json["certificate_codes"] = json!(codes);
	Report::ok(json, text)
}

/// The report of a block's events.
pub fn events_report(hash: &[u8; 32], events: &[ChainEvent]) -> Report {
	let mut text = format!("events of block {}", to_hex(hash));
	for e in events {
		text.push('\n');
		text.push_str(&event_line(e));
	}
	Report::ok(json!({ "block": to_hex(hash), "events": events }), text)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn time_is_printed_in_shanghai() {
		assert_eq!(fmt_time(0), "1970-01-01 08:00:00.000 +08:00");
		// 2026-01-01T00:00:00+08:00 = 2025-12-31T16:00:00Z = 1767196800000 ms.
		assert_eq!(fmt_time(1_767_196_800_000), "2026-01-01 00:00:00.000 +08:00");
	}

	#[test]
	fn ids_and_codes_are_lifted_out_of_event_fields() {
		let ev = |pallet: &str, name: &str, fields: Value| ChainEvent {
			index: 0,
			extrinsic: Some(1),
			pallet: pallet.into(),
			name: name.into(),
			fields,
		};
		let events = vec![
			ev(
				"Registration",
				"ApplicationApproved",
				json!({"application": 3, "registration": 7,
					"certificate": {"name": "Some", "values": [{"division": [530400], "year": 2026, "serial": 1}]}}),
			),
			ev(
				"Certificate",
				"CertificateDrafted",
				json!({"code": {"division": [530400], "year": 2026, "serial": 1}}),
			),
		];
		let ids = ids_in(&events);
		assert_eq!(ids["application"], 3);
		assert_eq!(ids["registration"], 7);
		let mut codes = Vec::new();
		events.iter().for_each(|e| codes_in(&e.fields, &mut codes));
		let want = dengji_primitives::CertificateCode::new(
			dengji_primitives::DivisionCode::new(530400).unwrap(),
			2026,
			1,
		)
		.unwrap()
		.to_string();
		assert_eq!(codes, vec![want]);
	}

	#[test]
	fn error_json_names_the_exit_code() {
		let e = anyhow::anyhow!("boom");
		let j = error_json(&e, ExitCode::Failure);
		assert_eq!(j["error"]["exit_code"], 1);
		assert_eq!(j["error"]["message"], "boom");
	}

	#[test]
	fn error_json_carries_the_module_error_name() {
		let e = anyhow::Error::from(dengji_client::Error::Dispatch {
			call: "Registration.lodge_objection".into(),
			pallet: "Registration".into(),
			error: "PublicityOver".into(),
			docs: String::new(),
			block: "0x00".into(),
		});
		let j = error_json(&e, ExitCode::Refused);
		assert_eq!(j["error"]["pallet"], "Registration");
		assert_eq!(j["error"]["error"], "PublicityOver");
		assert_eq!(j["error"]["exit_code"], 5);
	}
}

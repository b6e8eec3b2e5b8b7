//! What a command prints. Every command returns one [`Outcome`]: a value that is both
//! `Serialize` (the `--json` document) and `Display` (the text for people), with its exit code,
//! so the two forms come from one place. This module also holds the views shared by several
//! commands (certificates, verifications, transactions, events) and the tables of the list
//! commands (text, `--json` or `--csv`: [`Table`]). The verification document and
//! the certificate JSON are `dengji_verify::report`'s, shared with the verifier bindings.

use crate::{error::CliError, exit::ExitCode};
use dengji_client::{rpc::to_hex, ChainEvent, Submitted};
use dengji_primitives::CertificateRecord;
use dengji_verify::{report, Verdict, Verification};
use serde::{Serialize, Serializer};
use serde_json::{json, Value};
use std::fmt;

/// A command's result: JSON through `Serialize`, text through `Display`.
pub trait Outcome: Serialize + fmt::Display {
	/// The exit code (verdicts have their own).
	fn exit(&self) -> ExitCode {
		ExitCode::Ok
	}
}

/// A rendered [`Outcome`].
#[derive(Debug)]
pub struct Output {
	/// The exit code.
	pub exit: ExitCode,
	/// Machine-readable form.
	pub json: Value,
	/// Human-readable form.
	pub text: String,
}

impl Output {
	/// Renders an outcome.
	pub fn of<T: Outcome>(o: &T) -> Result<Self, CliError> {
		Ok(Self { exit: o.exit(), json: serde_json::to_value(o)?, text: o.to_string() })
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

/// Implements `Serialize` through a method building the JSON value.
macro_rules! serialize_via {
	($t:ty, $f:ident) => {
		impl serde::Serialize for $t {
			fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
				self.$f().serialize(s)
			}
		}
	};
}
pub(crate) use serialize_via;

pub use dengji_verify::report::{fmt_time, verdict_name};

/// A table: CSV headers and rows (the text form is the outcome's `Display`).
pub trait Table {
	/// Column names, Chinese first then English.
	const HEADERS: &'static [&'static str];
	/// One row per record, as many cells as [`Table::HEADERS`].
	fn rows(&self) -> Vec<Vec<String>>;
}

/// One CSV field: quoted when it holds a comma, a quote, CR or LF (quotes doubled, RFC 4180).
pub fn csv_field(s: &str) -> String {
	if s.contains([',', '"', '\n', '\r']) {
		format!("\"{}\"", s.replace('"', "\"\""))
	} else {
		s.to_string()
	}
}

/// CSV text: a header row, then the rows; lines end with `\n`.
pub fn to_csv(headers: &[&str], rows: &[Vec<String>]) -> String {
	let line =
		|cells: &mut dyn Iterator<Item = &str>| cells.map(csv_field).collect::<Vec<_>>().join(",");
	let mut out = line(&mut headers.iter().copied());
	for r in rows {
		out.push('\n');
		out.push_str(&line(&mut r.iter().map(String::as_str)));
	}
	out
}

/// `--csv` and `--json` exclude each other (checked before connecting).
pub(crate) fn check_format(csv: bool, json: bool) -> Result<(), CliError> {
	if csv && json {
		return Err(CliError::usage(
			"--csv 与 --json 只能选一个",
			"give --csv or --json, not both",
		));
	}
	Ok(())
}

/// The outcome as text, CSV (`--csv`: [`Table::HEADERS`], then [`Table::rows`]) or JSON.
pub(crate) fn render<T: Outcome + Table>(o: &T, csv: bool, json: bool) -> Result<Output, CliError> {
	check_format(csv, json)?;
	let mut out = Output::of(o)?;
	if csv {
		out.text = to_csv(T::HEADERS, &o.rows());
	}
	Ok(out)
}

/// Serializes a 32-byte value as `0x…` hex.
pub fn hex_ser<S: Serializer>(b: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
	s.serialize_str(&to_hex(b))
}

fn utf8(b: &[u8]) -> String {
	String::from_utf8_lossy(b).into_owned()
}

/// A certificate record as the node stores it.
pub struct CertificateView<'a>(pub &'a CertificateRecord);

impl CertificateView<'_> {
	fn value(&self) -> Value {
		report::certificate_json(self.0)
	}
}
serialize_via!(CertificateView<'_>, value);

impl fmt::Display for CertificateView<'_> {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let (r, b) = (self.0, &self.0.body);
		write!(
			f,
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
		)?;
		if let Some(p) = b.previous {
			write!(f, "\nsupersedes   {p}")?;
		}
		Ok(())
	}
}

/// The outcome of a verification (online or offline): the verdict is the exit code.
pub struct VerificationReport {
	/// What was proved.
	pub verification: Verification,
	/// Checked online (a bundle built from a node) rather than from a file.
	pub online: bool,
}

impl VerificationReport {
	fn value(&self) -> Value {
		report::verification_json(&self.verification, self.online)
	}
}
serialize_via!(VerificationReport, value);

impl Outcome for VerificationReport {
	fn exit(&self) -> ExitCode {
		ExitCode::of_verdict(&self.verification.verdict)
	}
}

impl fmt::Display for VerificationReport {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let v = &self.verification;
		let detail = match v.verdict {
			Verdict::Valid => String::new(),
			Verdict::Expired { valid_until } => {
				format!(" (validity ended {})", fmt_time(valid_until))
			}
			Verdict::Superseded { by, at } => format!(" by {by} at {}", fmt_time(at)),
			Verdict::Cancelled { reason, at } => format!(" ({reason:?}) at {}", fmt_time(at)),
			Verdict::Revoked { ground, at } => format!(" ({ground:?}) at {}", fmt_time(at)),
			Verdict::NotFound => " (proved absent)".into(),
			Verdict::Stale { finalized_at } => {
				format!(" (proof from {}, older than allowed)", fmt_time(finalized_at))
			}
		};
		write!(
			f,
			"{}: {}{detail}\nproved by block #{} {} (authority set {}), finalized at {}",
			v.code,
			verdict_name(&v.verdict).to_uppercase(),
			v.block_number,
			to_hex(&v.block_hash),
			v.set_id,
			fmt_time(v.finalized_at)
		)?;
		if v.certificate.is_some() {
			let algorithms: Vec<&str> = v.algorithms.names().collect();
			write!(f, "\nsignatures checked / 已验签名算法: {}", algorithms.join(", "))?;
			if let Some(d) = &v.sm3_digest {
				write!(f, " (SM3 {})", to_hex(d))?;
			}
		}
		if let Some(c) = &v.certificate {
			write!(f, "\n{}", CertificateView(c))?;
		}
		Ok(())
	}
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

/// The outcome of a finalized transaction, with the ids and certificate codes its events name.
#[derive(Serialize)]
pub struct TxReport {
	/// The SDK's account of it.
	#[serde(flatten)]
	pub submitted: Submitted,
	/// `application`, `objection`, `registration` ids from the events.
	pub ids: serde_json::Map<String, Value>,
	/// Certificate codes from the events, with check characters.
	pub certificate_codes: Vec<String>,
}

impl From<Submitted> for TxReport {
	fn from(submitted: Submitted) -> Self {
		let ids = ids_in(&submitted.events);
		let mut certificate_codes = Vec::new();
		submitted.events.iter().for_each(|e| codes_in(&e.fields, &mut certificate_codes));
		Self { submitted, ids, certificate_codes }
	}
}

impl Outcome for TxReport {}

impl fmt::Display for TxReport {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let s = &self.submitted;
		write!(f, "{} finalized in block #{} {}", s.call, s.block.number, to_hex(&s.block.hash))?;
		for e in s.events.iter().filter(|e| e.pallet != "System") {
			write!(f, "\n{}", event_line(e))?;
		}
		for (k, v) in &self.ids {
			write!(f, "\n{k}: {v}")?;
		}
		for c in &self.certificate_codes {
			write!(f, "\ncertificate: {c}")?;
		}
		Ok(())
	}
}

/// The events of a block.
#[derive(Serialize)]
pub struct EventsReport {
	/// The block.
	#[serde(serialize_with = "hex_ser")]
	pub block: [u8; 32],
	/// Its events.
	pub events: Vec<ChainEvent>,
}

impl Outcome for EventsReport {}

impl fmt::Display for EventsReport {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "events of block {}", to_hex(&self.block))?;
		for e in &self.events {
			write!(f, "\n{}", event_line(e))?;
		}
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

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
}

//! `dengji code …`: certificate codes (YX-R §23, 一证一码: ISO 7064 MOD 11-2 check character) and
//! USCCs (GB 32100-2015 check character), offline. These are the primitives' own rules, so
//! scripts (`scripts/demo.sh`) never re-implement them.

use crate::{
	error::{CliError, Result},
	exit::ExitCode,
	output::{Outcome, Output},
	parse,
};
use clap::Subcommand;
use dengji_primitives::{uscc::USCC_CHARSET, CertificateCode, DivisionCode, Uscc};
use serde::Serialize;
use std::fmt;

/// `dengji code …`.
#[derive(Subcommand, Debug)]
pub enum CodeCmd {
	/// Check a certificate code's format and check character (exit 4 when it is wrong).
	Check {
		/// `530400-2026-0000123-X` or the 18 characters without hyphens.
		code: String,
	},
	/// The full certificate code (with its check character) of an institution, year and serial.
	Certificate {
		/// The issuing institution's division code.
		#[arg(value_parser = parse::division)]
		division: DivisionCode,
		/// Year of issue (2000–9999).
		year: u16,
		/// Serial (1–9999999).
		serial: u32,
	},
	/// A USCC: 17 characters are completed with their check character; 18 are checked (exit 4
	/// when the check character is wrong).
	Uscc {
		/// The first 17 characters, or all 18.
		uscc: String,
	},
}

impl CodeCmd {
	/// Runs the command.
	pub fn run(self) -> Result<Output> {
		match self {
			CodeCmd::Check { code } => Output::of(&CodeChecked::of(&code)),
			CodeCmd::Certificate { division, year, serial } => {
				let code = CertificateCode::new(division, year, serial)
					.map_err(|e| CliError::Usage(parse::code_error_sentence(None, &e)))?;
				Output::of(&CodeBuilt(code))
			}
			CodeCmd::Uscc { uscc } => Output::of(&UsccChecked::of(&uscc)?),
		}
	}
}

/// A certificate code checked.
pub enum CodeChecked {
	/// Well-formed.
	Valid(CertificateCode),
	/// Rejected: the input and why.
	Invalid(String, String),
}

impl CodeChecked {
	fn of(s: &str) -> Self {
		match CertificateCode::parse(s) {
			Ok(c) => CodeChecked::Valid(c),
			Err(e) => CodeChecked::Invalid(s.to_string(), parse::code_error_sentence(Some(s), &e)),
		}
	}
}

fn code_json(c: &CertificateCode) -> serde_json::Value {
	serde_json::json!({
		"code": c.to_string(),
		"valid": true,
		"division": c.division.get(),
		"year": c.year,
		"serial": c.serial,
		"check_character": c.check_character().to_string(),
	})
}

/// A certificate code built from its parts; printed alone, for scripts.
pub struct CodeBuilt(pub CertificateCode);

impl Serialize for CodeBuilt {
	fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		code_json(&self.0).serialize(s)
	}
}

impl fmt::Display for CodeBuilt {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{}", self.0)
	}
}

impl Outcome for CodeBuilt {}

impl Serialize for CodeChecked {
	fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		match self {
			CodeChecked::Valid(c) => code_json(c),
			CodeChecked::Invalid(code, reason) => {
				serde_json::json!({ "code": code, "valid": false, "reason": reason })
			}
		}
		.serialize(s)
	}
}

impl fmt::Display for CodeChecked {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			CodeChecked::Valid(c) => write!(
				f,
				"{c}: well-formed (institution {}, year {}, serial {}, check character {})",
				c.division,
				c.year,
				c.serial,
				c.check_character()
			),
			CodeChecked::Invalid(code, reason) => write!(f, "{code}: INVALID: {reason}"),
		}
	}
}

impl Outcome for CodeChecked {
	fn exit(&self) -> ExitCode {
		match self {
			CodeChecked::Valid(_) => ExitCode::Ok,
			CodeChecked::Invalid(..) => ExitCode::VerificationFailed,
		}
	}
}

/// A USCC completed or checked.
#[derive(Serialize)]
pub struct UsccChecked {
	/// The full USCC (or the input, when invalid).
	pub uscc: String,
	/// Whether it is valid.
	pub valid: bool,
	/// The check character the first 17 characters require.
	pub check_character: String,
	/// Why it is invalid.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub reason: Option<String>,
}

impl UsccChecked {
	fn of(s: &str) -> Result<Self> {
		let upper = s.trim().to_ascii_uppercase();
		let b = upper.as_bytes();
		let first17 = match b.len() {
			17 | 18 => &b[..17],
			_ => {
				return Err(CliError::usage(
					"统一社会信用代码须为 17 位（求校验位）或 18 位（校验）",
					format_args!("USCC `{s}`: give 17 characters to complete or 18 to check"),
				))
			}
		};
		if let Some(i) = first17.iter().position(|c| !USCC_CHARSET.contains(c)) {
			return Err(CliError::Usage(parse::uscc_error_sentence(
				s,
				&dengji_primitives::UsccError::BadCharacter(i),
			)));
		}
		let check = Uscc::check_character(first17).map(char::from).unwrap_or('?');
		if b.len() == 17 {
			return Ok(Self {
				uscc: format!("{upper}{check}"),
				valid: true,
				check_character: check.into(),
				reason: None,
			});
		}
		let reason = Uscc::parse(&upper).err().map(|e| parse::uscc_error_sentence(s, &e));
		Ok(Self { uscc: upper, valid: reason.is_none(), check_character: check.into(), reason })
	}
}

impl fmt::Display for UsccChecked {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match &self.reason {
			None => write!(f, "{}", self.uscc),
			Some(r) => write!(f, "{}: INVALID: {r}", self.uscc),
		}
	}
}

impl Outcome for UsccChecked {
	fn exit(&self) -> ExitCode {
		if self.valid {
			ExitCode::Ok
		} else {
			ExitCode::VerificationFailed
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn certificate_code_gets_its_iso_7064_check_character() {
		// YX-R §23: 530400-2026-0000123 has check character 6 (the vectors' valid code).
		let d = DivisionCode::new(530400).unwrap();
		let out = CodeCmd::Certificate { division: d, year: 2026, serial: 123 }.run().unwrap();
		assert_eq!(out.text, "530400-2026-0000123-6");
		assert_eq!(out.json["check_character"], "6");
		let e = CodeCmd::Certificate { division: d, year: 2026, serial: 0 }.run().unwrap_err();
		assert_eq!(e.exit_code(), ExitCode::Usage);
	}

	#[test]
	fn uscc_is_completed_or_checked_under_gb_32100() {
		let done = UsccChecked::of("91530400MA6N00000").unwrap();
		assert!(done.valid);
		assert_eq!(done.uscc.len(), 18);
		assert!(Uscc::parse(&done.uscc).is_ok());
		let again = UsccChecked::of(&done.uscc.to_lowercase()).unwrap();
		assert!(again.valid);
		let mut wrong = done.uscc.clone();
		let last = if wrong.ends_with('0') { "1" } else { "0" };
		wrong.replace_range(17.., last);
		let bad = UsccChecked::of(&wrong).unwrap();
		assert!(!bad.valid);
		assert_eq!(bad.exit(), ExitCode::VerificationFailed);
		assert!(UsccChecked::of("91530400").is_err());
		assert!(UsccChecked::of("9153040OMA6N00000").is_err(), "O is not in the charset");
	}
}

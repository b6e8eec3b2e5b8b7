//! Value parsers: command-line strings into the domain types of `dengji-primitives` and
//! `dengji-verify`. Each is a clap `value_parser`, so a bad value is a usage error (exit 2) whose
//! message is one sentence, Chinese first, then English with the value it rejects.

use crate::error::CliError;
use dengji_primitives::{
	CertificateCode, CodeError, DayIndex, Digest, DivisionCode, DivisionError, Moment, Uscc,
	UsccError,
};

/// `中文 (English)`: the form of every message the CLI writes for people.
pub fn zh_en(zh: &str, en: impl std::fmt::Display) -> String {
	format!("{zh} ({en})")
}

fn quoted(input: Option<&str>) -> String {
	input.map(|s| format!(" `{s}`")).unwrap_or_default()
}

/// The sentence for a rejected certificate code (YX-R §23, 一证一码).
pub fn code_error_sentence(input: Option<&str>, e: &CodeError) -> String {
	let q = quoted(input);
	match e {
		CodeError::BadFormat => zh_en(
			"证书编码格式应为 DDDDDD-YYYY-NNNNNNN-C",
			format_args!("certificate code{q} is not DDDDDD-YYYY-NNNNNNN-C"),
		),
		CodeError::BadDivision(d) => zh_en(
			&format!("证书编码中的{}", division_zh(d)),
			format_args!("certificate code{q}: {d}"),
		),
		CodeError::BadYear => zh_en(
			"证书编码年份须在 2000 至 9999 之间",
			format_args!("certificate code{q}: the year is outside 2000..=9999"),
		),
		CodeError::BadSerial => zh_en(
			"证书编码序号须在 1 至 9999999 之间",
			format_args!("certificate code{q}: the serial is 0"),
		),
		CodeError::BadCheckCharacter { expected, found } => zh_en(
			&format!("证书编码校验位应为 {expected}，而非 {found}"),
			format_args!("certificate code{q} has check character {found}, expected {expected}"),
		),
	}
}

fn division_zh(e: &DivisionError) -> &'static str {
	match e {
		DivisionError::NotSixDigits => "行政区划代码须为六位数字",
		DivisionError::UnknownProvince => "行政区划代码的省级前缀不存在",
		DivisionError::MalformedLevel => "行政区划代码有县级部分而无市级部分",
	}
}

/// The sentence for a rejected GB/T 2260 division code.
pub fn division_error_sentence(input: &str, e: &DivisionError) -> String {
	let en = match e {
		DivisionError::NotSixDigits => "is not six digits",
		DivisionError::UnknownProvince => "has an unknown province prefix",
		DivisionError::MalformedLevel => "has a county part without a city part",
	};
	zh_en(division_zh(e), format_args!("division code `{input}` {en}"))
}

/// The sentence for a rejected USCC (GB 32100-2015).
pub fn uscc_error_sentence(input: &str, e: &UsccError) -> String {
	match e {
		UsccError::WrongLength => {
			zh_en("统一社会信用代码须为 18 位", format_args!("USCC `{input}` is not 18 characters"))
		}
		UsccError::BadCharacter(i) => {
			let n = i.saturating_add(1);
			zh_en(
				&format!("统一社会信用代码第 {n} 位字符不允许"),
				format_args!("USCC `{input}`: character {n} is not allowed"),
			)
		}
		UsccError::BadCheckCharacter { expected, found } => {
			let (e, f) = (char::from(*expected), char::from(*found));
			zh_en(
				&format!("统一社会信用代码校验位应为 {e}，而非 {f}"),
				format_args!("USCC `{input}` has check character {f}, expected {e}"),
			)
		}
	}
}

/// A GB/T 2260 division code (`530400`).
pub fn division(s: &str) -> Result<DivisionCode, String> {
	DivisionCode::parse(s).map_err(|e| division_error_sentence(s, &e))
}

/// A unified social credit code, 18 characters with a valid check character.
pub fn uscc(s: &str) -> Result<Uscc, String> {
	Uscc::parse(s).map_err(|e| uscc_error_sentence(s, &e))
}

/// A certificate code, `530400-2026-0000123-6` or its 18 characters.
pub fn code(s: &str) -> Result<CertificateCode, String> {
	CertificateCode::parse(s).map_err(|e| code_error_sentence(Some(s), &e))
}

/// A certificate code, or a QR payload `dengji:1:<genesis-hash>:<code>` whose checks (a
/// verification matter, exit 4) are made by [`CodeArg::resolve`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeArg {
	/// A well-formed code.
	Code(CertificateCode),
	/// A QR payload, checked when resolved.
	Qr(String),
}

impl CodeArg {
	/// The code, and for a QR payload the chain it names.
	pub fn resolve(&self) -> Result<(CertificateCode, Option<[u8; 32]>), CliError> {
		match self {
			CodeArg::Code(c) => Ok((*c, None)),
			CodeArg::Qr(s) => {
				// A QR payload, or the certificate page's URL carrying it (issue 14 §5).
				let qr = dengji_verify::QrPayload::parse_any(s)?;
				Ok((qr.code, Some(qr.genesis_hash)))
			}
		}
	}
}

/// A [`CodeArg`]: a malformed code is a usage error.
pub fn code_or_qr(s: &str) -> Result<CodeArg, String> {
	let t = s.trim();
	let lower = t.to_ascii_lowercase();
	if ["dengji:", "https://", "http://"].iter().any(|p| lower.starts_with(p)) {
		return Ok(CodeArg::Qr(t.to_string()));
	}
	code(t).map(CodeArg::Code)
}

/// A `--content @FILE` argument: the path of the presented details (`@` optional).
pub fn content_file(s: &str) -> Result<std::path::PathBuf, String> {
	let path = s.strip_prefix('@').unwrap_or(s);
	if path.is_empty() {
		return Err(zh_en("--content 需要文件", "--content needs a file: @FILE"));
	}
	Ok(std::path::PathBuf::from(path))
}

fn hex32(s: &str) -> Option<[u8; 32]> {
	let h = s.strip_prefix("0x")?;
	hex::decode(h).ok()?.try_into().ok()
}

/// A DIGEST argument: `@PATH` is the BLAKE2-256 of the file's bytes, `0x` + 64 hex digits is the
/// digest itself, and any other (non-empty) text is the BLAKE2-256 of that text.
pub fn digest(s: &str) -> Result<Digest, String> {
	if let Some(path) = s.strip_prefix('@') {
		return std::fs::read(path).map(|d| dengji_primitives::blake2_256(&d)).map_err(|e| {
			zh_en("无法读取要摘要的文件", format_args!("cannot read digest file `{path}`: {e}"))
		});
	}
	if s.len() == 66 && s.starts_with("0x") {
		return hex32(s).ok_or_else(|| {
			zh_en("摘要不是有效的十六进制", format_args!("digest `{s}` is not valid hex"))
		});
	}
	if s.is_empty() {
		return Err(zh_en(
			"摘要参数为空",
			"empty digest: give text, `@FILE` or 0x and 64 hex digits",
		));
	}
	Ok(dengji_primitives::blake2_256(s.as_bytes()))
}

/// A 32-byte hash, `0x` + 64 hex digits (block or genesis hash).
pub fn hash(s: &str) -> Result<[u8; 32], String> {
	hex32(s)
		.ok_or_else(|| zh_en("哈希值无效", format_args!("hash `{s}` is not 0x and 64 hex digits")))
}

/// An account: `0x` + 64 hex digits, an SS58 address, or a secret URI (`//Bob`) whose sr25519
/// public key is taken.
pub fn account(s: &str) -> Result<[u8; 32], String> {
	let bad = |why: String| zh_en("账户无效", format_args!("account `{s}`: {why}"));
	if s.starts_with("0x") {
		return hex32(s).ok_or_else(|| bad("not 0x and 64 hex digits".into()));
	}
	if s.starts_with("//") {
		return dengji_client::Signer::from_suri(s)
			.map(|k| k.account_id())
			.map_err(|e| bad(e.to_string()));
	}
	dengji_client::account_from_ss58(s).map_err(|e| bad(e.to_string()))
}

/// An ed25519 public key: `0x` + 64 hex digits, or a secret URI to derive it from.
pub fn ed25519_public(s: &str) -> Result<[u8; 32], String> {
	if s.len() == 66 && s.starts_with("0x") {
		return hex32(s).ok_or_else(|| {
			zh_en("公钥无效", format_args!("key `{s}` is not 0x and 64 hex digits"))
		});
	}
	dengji_client::CertificateKey::from_suri(s)
		.map(|k| k.public())
		.map_err(|e| zh_en("密钥无效", format_args!("key: {e}")))
}

/// A point in time: ms since the epoch, or `YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]` (Asia/Shanghai
/// when no offset is given, as legal dates are).
pub fn time(s: &str) -> Result<Moment, String> {
	let bad = || {
		zh_en(
			"时间格式无效",
			format_args!(
				"time `{s}`: expected ms since the epoch or YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]"
			),
		)
	};
	if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
		return s.parse::<u64>().map_err(|_| bad());
	}
	let (date, rest) = s.split_at(s.len().min(10));
	let date = dengji_primitives::Date::parse(date).ok_or_else(bad)?;
	let mut secs: i64 = i64::from(date.to_day_index()) * 86_400;
	let mut rest = rest.strip_prefix(['T', ' ']).unwrap_or(rest);
	let mut offset: i64 = 8 * 3600;
	if let Some(tz_pos) = rest.find(['Z', '+', '-']) {
		let (time, tz) = rest.split_at(tz_pos);
		offset = match tz {
			"Z" => 0,
			_ => {
				let sign = if tz.starts_with('-') { -1 } else { 1 };
				let (h, m) = tz[1..].split_once(':').ok_or_else(bad)?;
				let h: i64 = h.parse().map_err(|_| bad())?;
				let m: i64 = m.parse().map_err(|_| bad())?;
				sign * (h * 3600 + m * 60)
			}
		};
		rest = time;
	}
	if !rest.is_empty() {
		let parts: Vec<&str> = rest.split(':').collect();
		if parts.len() < 2 || parts.len() > 3 {
			return Err(bad());
		}
		let mut mult = 3600;
		for p in parts {
			let v: i64 = p.parse().map_err(|_| bad())?;
			secs += v * mult;
			mult /= 60;
		}
	}
	secs -= offset;
	u64::try_from(secs).map(|s| s * 1000).map_err(|_| bad())
}

/// A chain day: its index (days since 1970-01-01, as events such as `PublicityOpened.closes_on`
/// give it) or a date `YYYY-MM-DD` of the chain's calendar.
pub fn day(s: &str) -> Result<DayIndex, String> {
	if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
		return s.parse().map_err(|_| zh_en("日序号过大", format_args!("day `{s}` is too large")));
	}
	dengji_primitives::Date::parse(s).map(|d| d.to_day_index()).ok_or_else(|| {
		zh_en("日期格式无效", format_args!("day `{s}`: expected a day index or YYYY-MM-DD"))
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn digest_argument_forms() {
		let hex = format!("0x{}", "ab".repeat(32));
		assert_eq!(digest(&hex).unwrap(), [0xab; 32]);
		assert_eq!(digest("decision").unwrap(), dengji_primitives::blake2_256(b"decision"));
		let dir = tempfile::tempdir().unwrap();
		let f = dir.path().join("m.pdf");
		std::fs::write(&f, b"material").unwrap();
		assert_eq!(
			digest(&format!("@{}", f.display())).unwrap(),
			dengji_primitives::blake2_256(b"material")
		);
		assert!(digest("@/no/such/file").is_err());
		assert!(digest("").is_err());
		// A file name without `@` is text, not the file.
		assert_eq!(
			digest(&f.display().to_string()).unwrap(),
			dengji_primitives::blake2_256(f.display().to_string().as_bytes())
		);
	}

	#[test]
	fn time_argument_forms() {
		assert_eq!(time("1780000000000").unwrap(), 1_780_000_000_000);
		// Legal dates are Asia/Shanghai: midnight there is 16:00 UTC the day before.
		assert_eq!(time("2026-01-01").unwrap(), 1_767_196_800_000);
		assert_eq!(time("2026-01-01T00:00:00Z").unwrap(), 1_767_225_600_000);
		assert_eq!(time("2026-01-01T08:00+08:00").unwrap(), 1_767_225_600_000);
		assert_eq!(time("2026-01-01 01:30:15-01:00").unwrap(), 1_767_234_615_000);
		assert!(time("yesterday").is_err());
		assert!(time("2026-13-01").is_err());
	}

	#[test]
	fn day_argument_forms() {
		assert_eq!(day("20454").unwrap(), 20454);
		assert_eq!(day("2026-01-01").unwrap(), 20454);
		assert!(day("soon").is_err());
	}

	#[test]
	fn account_argument_forms() {
		let alice = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
		let want: [u8; 32] = hex::decode(alice).unwrap().try_into().unwrap();
		assert_eq!(account(&format!("0x{alice}")).unwrap(), want);
		assert_eq!(account("//Alice").unwrap(), want);
		assert_eq!(account("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY").unwrap(), want);
		assert!(account("0x1234").is_err());
	}

	#[test]
	fn certificate_key_argument_forms() {
		let grandpa_alice = "88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee";
		assert_eq!(hex::encode(ed25519_public("//Alice").unwrap()), grandpa_alice);
		assert_eq!(
			hex::encode(ed25519_public(&format!("0x{grandpa_alice}")).unwrap()),
			grandpa_alice
		);
	}

	#[test]
	fn qr_payload_is_accepted_where_a_code_is() {
		let genesis = "ee7021c49d46123c55e1ea660d2e20b0b0b5c4a2f537f2538eebdda303683087";
		let (code, chain) = code_or_qr(&format!("dengji:1:{genesis}:530400-2026-0000123-6"))
			.unwrap()
			.resolve()
			.unwrap();
		assert_eq!(code.to_string(), "530400-2026-0000123-6");
		assert_eq!(hex::encode(chain.unwrap()), genesis);
		let (code, chain) = code_or_qr("530400-2026-0000123-6").unwrap().resolve().unwrap();
		assert_eq!((code.serial, chain), (123, None));
		// A QR payload that fails its checks is a verification failure, not a usage error.
		let bad = code_or_qr(&format!("dengji:1:{genesis}:530400-2026-0000123-0")).unwrap();
		assert_eq!(bad.resolve().unwrap_err().exit_code(), crate::ExitCode::VerificationFailed);
	}

	#[test]
	fn bad_values_are_one_sentence_chinese_then_english_without_debug_text() {
		for msg in [
			division("12").unwrap_err(),
			code("530400-2026-0000123-0").unwrap_err(),
			uscc("91530400MA6N00000X").unwrap_err(),
			digest("@/no/such/file").unwrap_err(),
			time("soon").unwrap_err(),
		] {
			assert!(!msg.contains('{') && !msg.contains("Bad"), "Debug text: {msg}");
			assert!(!msg.contains('\n'), "one line: {msg}");
			let first = msg.chars().next().unwrap();
			assert!(!first.is_ascii(), "Chinese first: {msg}");
			assert!(msg.ends_with(')'), "then English: {msg}");
		}
		assert!(code("530400-2026-0000123-0").unwrap_err().contains("expected 6"));
	}
}

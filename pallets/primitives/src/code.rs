//! Certificate codes, "one certificate, one code" (一证一码, YX-R §23; docs/spec/DESIGN.md §7):
//! `DDDDDD-YYYY-NNNNNNN-C` = issuing institution's GB/T 2260 division code, year of issue
//! (Asia/Shanghai), 7-digit serial per institution per year, ISO 7064 MOD 11-2 check character.

use crate::division::{DivisionCode, DivisionError};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Largest serial a code can carry (7 digits).
pub const MAX_SERIAL: u32 = 9_999_999;

/// Why a certificate code string was rejected. Every error is found before any lookup.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CodeError {
	/// Neither `DDDDDD-YYYY-NNNNNNN-C` (21 chars) nor the same 18 characters without hyphens.
	BadFormat,
	/// The division part is not a valid GB/T 2260 code.
	BadDivision(DivisionError),
	/// Year outside 2000..=9999.
	BadYear,
	/// Serial 0 (serials start at 1).
	BadSerial,
	/// The check character does not match.
	BadCheckCharacter {
		/// The check character the 17 digits require.
		expected: char,
		/// The character found.
		found: char,
	},
}

/// A certificate code. SCALE encoding: `division (u32) ++ year (u16) ++ serial (u32)`; the check
/// character is derived, never stored.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct CertificateCode {
	/// Division code of the issuing institution.
	pub division: DivisionCode,
	/// Year of issue (Asia/Shanghai date of issue).
	pub year: u16,
	/// Serial within (institution, year), 1..=9_999_999.
	pub serial: u32,
}

/// ISO 7064 MOD 11-2 check character over ASCII digits: `'0'..='9'` or `'X'`.
pub fn mod11_2_check(digits: &[u8]) -> char {
	let mut p: u32 = 0;
	for d in digits {
		p = ((p + u32::from(d.saturating_sub(b'0'))) * 2) % 11;
	}
	let v = (12 - p) % 11;
	if v == 10 {
		'X'
	} else {
		char::from(b'0' + u8::try_from(v).unwrap_or(0))
	}
}

impl CertificateCode {
	/// Builds a code, checking the year and serial ranges.
	pub fn new(division: DivisionCode, year: u16, serial: u32) -> Result<Self, CodeError> {
		if !(2000..=9999).contains(&year) {
			return Err(CodeError::BadYear);
		}
		if serial == 0 || serial > MAX_SERIAL {
			return Err(CodeError::BadSerial);
		}
		Ok(Self { division, year, serial })
	}

	/// The 17 digits the check character is computed over.
	fn digits(&self) -> [u8; 17] {
		let mut out = [0u8; 17];
		let mut put = |start: usize, width: usize, mut v: u32| {
			for i in (0..width).rev() {
				out[start + i] = b'0' + u8::try_from(v % 10).unwrap_or(0);
				v /= 10;
			}
		};
		put(0, 6, self.division.get());
		put(6, 4, u32::from(self.year));
		put(10, 7, self.serial);
		out
	}

	/// Re-validates a value decoded from SCALE (decoding does not check the invariant).
	pub fn is_valid(&self) -> bool {
		self.division.is_valid() && Self::new(self.division, self.year, self.serial).is_ok()
	}

	/// The check character.
	pub fn check_character(&self) -> char {
		mod11_2_check(&self.digits())
	}

	/// Parses `530400-2026-0000123-X` (or the same 18 characters without hyphens; `x` accepted).
	pub fn parse(s: &str) -> Result<Self, CodeError> {
		let b = s.trim().as_bytes();
		let compact: [u8; 18] = match b.len() {
			21 => {
				if b[6] != b'-' || b[11] != b'-' || b[19] != b'-' {
					return Err(CodeError::BadFormat);
				}
				let mut c = [0u8; 18];
				c[..6].copy_from_slice(&b[..6]);
				c[6..10].copy_from_slice(&b[7..11]);
				c[10..17].copy_from_slice(&b[12..19]);
				c[17] = b[20];
				c
			}
			18 => {
				let mut c = [0u8; 18];
				c.copy_from_slice(b);
				c
			}
			_ => return Err(CodeError::BadFormat),
		};
		if !compact[..17].iter().all(u8::is_ascii_digit) {
			return Err(CodeError::BadFormat);
		}
		let found = char::from(compact[17].to_ascii_uppercase());
		if !(found.is_ascii_digit() || found == 'X') {
			return Err(CodeError::BadFormat);
		}
		let expected = mod11_2_check(&compact[..17]);
		if expected != found {
			return Err(CodeError::BadCheckCharacter { expected, found });
		}
		let num = |r: &[u8]| r.iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
		let division = DivisionCode::new(num(&compact[..6])).map_err(CodeError::BadDivision)?;
		let year = u16::try_from(num(&compact[6..10])).map_err(|_| CodeError::BadYear)?;
		Self::new(division, year, num(&compact[10..17]))
	}
}

impl core::fmt::Display for CertificateCode {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(
			f,
			"{}-{:04}-{:07}-{}",
			self.division,
			self.year,
			self.serial,
			self.check_character()
		)
	}
}

impl core::fmt::Display for CodeError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Self::BadFormat => f.write_str("certificate code is not DDDDDD-YYYY-NNNNNNN-C"),
			Self::BadDivision(e) => write!(f, "certificate code: {e}"),
			Self::BadYear => f.write_str("certificate code year is outside 2000..=9999"),
			Self::BadSerial => f.write_str("certificate code serial is 0"),
			Self::BadCheckCharacter { expected, found } => {
				write!(f, "certificate code check character is {found}, expected {expected}")
			}
		}
	}
}

impl core::str::FromStr for CertificateCode {
	type Err = CodeError;
	fn from_str(s: &str) -> Result<Self, Self::Err> {
		Self::parse(s)
	}
}

#[cfg(feature = "serde")]
impl serde::Serialize for CertificateCode {
	fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		s.collect_str(self)
	}
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for CertificateCode {
	fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
		let s = <alloc::string::String as serde::Deserialize>::deserialize(d)?;
		Self::parse(&s).map_err(|e| serde::de::Error::custom(alloc::format!("{e:?}")))
	}
}

//! GB/T 2260 administrative division codes (6 digits): `53` province, `5304` city, `530402` county.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Level of an administrative division.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DivisionLevel {
	/// 省级: code ends in `0000` (e.g. 530000 Yunnan).
	Province,
	/// 市级: code ends in `00` (e.g. 530400 Yuxi).
	City,
	/// 县级: any other code (e.g. 530402 Hongta).
	County,
}

/// Why a division code was rejected.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DivisionError {
	/// Not exactly six ASCII digits.
	NotSixDigits,
	/// The two-digit province prefix is outside 11..=82 (GB/T 2260).
	UnknownProvince,
	/// A city part `00` with a non-zero county part (e.g. 530012).
	MalformedLevel,
}

/// A GB/T 2260 division code, stored as its numeric value (e.g. `530400`).
/// Invariant: six digits, province prefix 11..=82, and a county part only under a non-zero city part.
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u32", into = "u32"))]
pub struct DivisionCode(u32);

impl DivisionCode {
	/// Validates and wraps a numeric code.
	pub fn new(code: u32) -> Result<Self, DivisionError> {
		if !(100_000..=999_999).contains(&code) {
			return Err(DivisionError::NotSixDigits);
		}
		let province = code / 10_000;
		if !(11..=82).contains(&province) {
			return Err(DivisionError::UnknownProvince);
		}
		let city = (code / 100) % 100;
		let county = code % 100;
		if city == 0 && county != 0 {
			return Err(DivisionError::MalformedLevel);
		}
		Ok(Self(code))
	}

	/// Parses six ASCII digits.
	pub fn parse(s: &str) -> Result<Self, DivisionError> {
		if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
			return Err(DivisionError::NotSixDigits);
		}
		let n = s.bytes().fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
		Self::new(n)
	}

	/// Re-validates a value decoded from SCALE (decoding does not check the invariant).
	pub fn is_valid(&self) -> bool {
		Self::new(self.0).is_ok()
	}

	/// The numeric value (e.g. `530400`).
	pub fn get(&self) -> u32 {
		self.0
	}

	/// Province, city or county.
	pub fn level(&self) -> DivisionLevel {
		if self.0.is_multiple_of(10_000) {
			DivisionLevel::Province
		} else if self.0.is_multiple_of(100) {
			DivisionLevel::City
		} else {
			DivisionLevel::County
		}
	}

	/// The enclosing division: county → city, city → province, province → `None`.
	pub fn parent(&self) -> Option<Self> {
		match self.level() {
			DivisionLevel::Province => None,
			DivisionLevel::City => Some(Self(self.0 / 10_000 * 10_000)),
			DivisionLevel::County => Some(Self(self.0 / 100 * 100)),
		}
	}

	/// Whether `self` is `other` or lies inside it (jurisdiction check, docs/spec/DESIGN.md §5).
	pub fn is_within(&self, other: &Self) -> bool {
		let mut cur = Some(*self);
		while let Some(c) = cur {
			if c == *other {
				return true;
			}
			cur = c.parent();
		}
		false
	}
}

impl core::fmt::Display for DivisionCode {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "{:06}", self.0)
	}
}

impl core::fmt::Display for DivisionError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str(match self {
			Self::NotSixDigits => "division code is not six digits",
			Self::UnknownProvince => "division code has an unknown province prefix",
			Self::MalformedLevel => "division code has a county part without a city part",
		})
	}
}

impl TryFrom<u32> for DivisionCode {
	type Error = DivisionError;
	fn try_from(code: u32) -> Result<Self, Self::Error> {
		Self::new(code)
	}
}

impl From<DivisionCode> for u32 {
	fn from(code: DivisionCode) -> u32 {
		code.0
	}
}

impl core::str::FromStr for DivisionCode {
	type Err = DivisionError;
	fn from_str(s: &str) -> Result<Self, Self::Err> {
		Self::parse(s)
	}
}

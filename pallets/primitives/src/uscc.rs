//! Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a check character.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The 31 characters a USCC may use (GB 32100-2015 table: no I, O, S, V, Z).
pub const USCC_CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1..=17 for the check character.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Why a USCC was rejected.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UsccError {
	/// Not 18 characters.
	WrongLength,
	/// A character outside the GB 32100 character set, at this 0-based position.
	BadCharacter(usize),
	/// The 18th character does not match the computed one.
	BadCheckCharacter {
		/// The check character the first 17 characters require.
		expected: u8,
		/// The character found.
		found: u8,
	},
}

/// A validated unified social credit code, stored as its 18 ASCII bytes (upper case).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Uscc([u8; 18]);

fn char_value(c: u8) -> Option<u32> {
	USCC_CHARSET.iter().position(|&x| x == c).and_then(|p| u32::try_from(p).ok())
}

impl Uscc {
	/// The check character for the first 17 characters, or `None` if one of them is outside the charset.
	pub fn check_character(first17: &[u8]) -> Option<u8> {
		if first17.len() != 17 {
			return None;
		}
		let mut sum = 0u32;
		for (c, w) in first17.iter().zip(WEIGHTS.iter()) {
			sum += char_value(*c)? * w;
		}
		let v = (31 - sum % 31) % 31;
		USCC_CHARSET.get(usize::try_from(v).ok()?).copied()
	}

	/// Parses and validates 18 characters (lower-case letters are accepted and upper-cased).
	pub fn parse(s: &str) -> Result<Self, UsccError> {
		Self::from_bytes(s.as_bytes())
	}

	/// Validates 18 bytes (see [`Uscc::parse`]).
	pub fn from_bytes(raw: &[u8]) -> Result<Self, UsccError> {
		if raw.len() != 18 {
			return Err(UsccError::WrongLength);
		}
		let mut out = [0u8; 18];
		for (i, b) in raw.iter().enumerate() {
			let c = b.to_ascii_uppercase();
			if char_value(c).is_none() {
				return Err(UsccError::BadCharacter(i));
			}
			out[i] = c;
		}
		let expected = Self::check_character(&out[..17]).ok_or(UsccError::BadCharacter(0))?;
		if expected != out[17] {
			return Err(UsccError::BadCheckCharacter { expected, found: out[17] });
		}
		Ok(Self(out))
	}

	/// The 18 ASCII bytes.
	pub fn as_bytes(&self) -> &[u8; 18] {
		&self.0
	}

	/// Re-validates a value decoded from SCALE (decoding does not check the invariant).
	pub fn is_valid(&self) -> bool {
		Self::from_bytes(&self.0).is_ok()
	}
}

impl core::fmt::Display for Uscc {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		// Always ASCII by construction.
		f.write_str(core::str::from_utf8(&self.0).unwrap_or("<invalid>"))
	}
}

impl core::str::FromStr for Uscc {
	type Err = UsccError;
	fn from_str(s: &str) -> Result<Self, Self::Err> {
		Self::parse(s)
	}
}

impl core::fmt::Display for UsccError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Self::WrongLength => f.write_str("USCC is not 18 characters"),
			Self::BadCharacter(i) => {
				write!(f, "USCC character {} is not allowed", i.saturating_add(1))
			}
			Self::BadCheckCharacter { expected, found } => write!(
				f,
				"USCC check character is {}, expected {}",
				char::from(*found),
				char::from(*expected)
			),
		}
	}
}

impl core::fmt::Debug for Uscc {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "Uscc({self})")
	}
}

#[cfg(feature = "serde")]
impl serde::Serialize for Uscc {
	fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		s.collect_str(self)
	}
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Uscc {
	fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
		let s = <alloc::string::String as serde::Deserialize>::deserialize(d)?;
		Uscc::parse(&s).map_err(|e| serde::de::Error::custom(alloc::format!("{e:?}")))
	}
}

//! Hex formatting for error messages, and (with the `serde` feature) `0x`-prefixed hex strings for
//! byte fields in the JSON forms, as Substrate's RPC prints them.

/// Displays bytes as `0x`-prefixed lower-case hex.
pub(crate) struct Hex<'a, T: AsRef<[u8]> + ?Sized>(pub &'a T);

impl<T: AsRef<[u8]> + ?Sized> core::fmt::Display for Hex<'_, T> {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str("0x")?;
		for b in self.0.as_ref() {
			write!(f, "{b:02x}")?;
		}
		Ok(())
	}
}

/// Serde helpers: byte arrays and vectors as `0x` hex strings (the `0x` is optional on input).
#[cfg(feature = "serde")]
pub(crate) mod hex_serde {
	use alloc::{string::String, vec::Vec};
	use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

	pub(crate) fn to_hex(bytes: &[u8]) -> String {
		let mut s = String::with_capacity(bytes.len().saturating_mul(2).saturating_add(2));
		s.push_str("0x");
		s.push_str(&hex::encode(bytes));
		s
	}

	pub(crate) fn from_hex(s: &str) -> Result<Vec<u8>, hex::FromHexError> {
		hex::decode(s.strip_prefix("0x").unwrap_or(s))
	}

	/// `Vec<u8>` as hex.
	pub(crate) mod vec {
		use super::*;
		pub(crate) fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
			s.serialize_str(&to_hex(v))
		}
		pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
			let s = String::deserialize(d)?;
			from_hex(&s).map_err(D::Error::custom)
		}
	}

	/// `Vec<Vec<u8>>` as a list of hex strings.
	pub(crate) mod vec_list {
		use super::*;
		use serde::ser::SerializeSeq;
		pub(crate) fn serialize<S: Serializer>(v: &[Vec<u8>], s: S) -> Result<S::Ok, S::Error> {
			let mut seq = s.serialize_seq(Some(v.len()))?;
			for item in v {
				seq.serialize_element(&to_hex(item))?;
			}
			seq.end()
		}
		pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
			d: D,
		) -> Result<Vec<Vec<u8>>, D::Error> {
			let v = Vec::<String>::deserialize(d)?;
			v.iter().map(|s| from_hex(s).map_err(D::Error::custom)).collect()
		}
	}

	/// `[u8; N]` as hex.
	pub(crate) mod array {
		use super::*;
		pub(crate) fn serialize<S: Serializer, const N: usize>(
			v: &[u8; N],
			s: S,
		) -> Result<S::Ok, S::Error> {
			s.serialize_str(&to_hex(v))
		}
		pub(crate) fn deserialize<'de, D: Deserializer<'de>, const N: usize>(
			d: D,
		) -> Result<[u8; N], D::Error> {
			let s = String::deserialize(d)?;
			let v = from_hex(&s).map_err(D::Error::custom)?;
			<[u8; N]>::try_from(v.as_slice()).map_err(|_| {
				D::Error::custom(alloc::format!("expected {N} bytes, found {}", v.len()))
			})
		}
	}
}

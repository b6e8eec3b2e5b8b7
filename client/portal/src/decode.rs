//! Reading values decoded dynamically through the runtime metadata (`scale-value`).
//!
//! Pallet types (applications, registrations, objections, agreements, subjects) are not linked
//! into the portal: storage values and events are decoded with the chain's own metadata and read
//! here by field name, so a field that is renamed or retyped fails loudly with its path instead
//! of being misread.

use scale_value::{Composite, Primitive, Value, ValueDef};
use subxt::ext::scale_value;

/// A decoding failure: the path that did not have the expected shape.
#[derive(Debug, thiserror::Error)]
#[error("decoding {path}: {reason}")]
pub struct DecodeError {
	/// Where (`Applications[3].info.data_name`).
	pub path: String,
	/// What was expected.
	pub reason: String,
}

/// Result of reading a decoded value.
pub type Result<T> = std::result::Result<T, DecodeError>;

/// A decoded value with the path it was reached by (for error messages).
#[derive(Clone, Copy)]
pub struct V<'a> {
	value: &'a Value<()>,
	path: &'a str,
}

/// An owned root value (events fields, storage values).
pub struct Root {
	value: Value<()>,
	path: String,
}

impl Root {
	/// Wraps a decoded value named `path`.
	pub fn new(value: Value<()>, path: impl Into<String>) -> Self {
		Self { value, path: path.into() }
	}

	/// Wraps decoded composite fields (an event's fields).
	pub fn from_composite(c: Composite<()>, path: impl Into<String>) -> Self {
		Self::new(Value { value: ValueDef::Composite(c), context: () }, path)
	}

	/// The root accessor.
	pub fn v(&self) -> V<'_> {
		V { value: &self.value, path: &self.path }
	}
}

fn err<T>(path: &str, reason: impl Into<String>) -> Result<T> {
	Err(DecodeError { path: path.to_string(), reason: reason.into() })
}

impl<'a> V<'a> {
	/// Strips single-field unnamed composites (newtypes such as `DivisionCode(u32)`,
	/// `BoundedVec<u8, _>`).
	fn unwrap_newtype(self) -> Self {
		let mut v = self.value;
		while let ValueDef::Composite(Composite::Unnamed(items)) = &v.value {
			match items.as_slice() {
				[only] => v = only,
				_ => break,
			}
		}
		V { value: v, path: self.path }
	}

	/// Whether the field `name` exists (named composite).
	pub fn has(self, name: &str) -> bool {
		self.field(name).is_ok()
	}

	/// The named field `name`.
	pub fn field(self, name: &str) -> Result<V<'a>> {
		let v = self.unwrap_newtype();
		let fields = match &v.value.value {
			ValueDef::Composite(Composite::Named(f)) => f,
			ValueDef::Variant(var) => match &var.values {
				Composite::Named(f) => f,
				_ => return err(self.path, format!("variant {} has no named fields", var.name)),
			},
			_ => return err(self.path, format!("expected a struct with field `{name}`")),
		};
		match fields.iter().find(|(n, _)| n == name) {
			Some((_, value)) => Ok(V { value, path: self.path }),
			None => err(self.path, format!("no field `{name}`")),
		}
	}

	/// An unsigned integer (through newtypes).
	pub fn u128(self) -> Result<u128> {
		let v = self.unwrap_newtype();
		match &v.value.value {
			ValueDef::Primitive(Primitive::U128(n)) => Ok(*n),
			_ => err(self.path, "expected an unsigned integer"),
		}
	}

	/// An unsigned integer that fits in `u64`.
	pub fn u64(self) -> Result<u64> {
		u64::try_from(self.u128()?).or_else(|_| err(self.path, "integer out of u64 range"))
	}

	/// An unsigned integer as SQL `BIGINT`.
	pub fn i64(self) -> Result<i64> {
		i64::try_from(self.u128()?).or_else(|_| err(self.path, "integer out of i64 range"))
	}

	/// A boolean.
	pub fn bool(self) -> Result<bool> {
		match &self.unwrap_newtype().value.value {
			ValueDef::Primitive(Primitive::Bool(b)) => Ok(*b),
			_ => err(self.path, "expected a bool"),
		}
	}

	/// A byte sequence (`Vec<u8>`, `[u8; N]`, `BoundedVec<u8, _>`).
	pub fn bytes(self) -> Result<Vec<u8>> {
		let mut v = self.value;
		loop {
			match &v.value {
				ValueDef::Composite(Composite::Unnamed(items)) if is_byte_seq(items) => {
					return items
						.iter()
						.map(|i| match i.value {
							ValueDef::Primitive(Primitive::U128(n)) => u8::try_from(n).ok(),
							_ => None,
						})
						.collect::<Option<Vec<u8>>>()
						.map_or_else(|| err(self.path, "expected bytes"), Ok);
				}
				ValueDef::Composite(Composite::Unnamed(items)) if items.len() == 1 => {
					match items[0].value {
						// A one-byte sequence.
						ValueDef::Primitive(Primitive::U128(n)) => {
							return u8::try_from(n)
								.map(|b| vec![b])
								.or_else(|_| err(self.path, "expected bytes"))
						}
						_ => v = &items[0],
					}
				}
				ValueDef::Primitive(Primitive::String(s)) => return Ok(s.as_bytes().to_vec()),
				_ => return err(self.path, "expected a byte sequence"),
			}
		}
	}

	/// UTF-8 text stored as bytes (names, summaries).
	pub fn text(self) -> Result<String> {
		String::from_utf8(self.bytes()?).or_else(|_| err(self.path, "not UTF-8"))
	}

	/// Bytes as `0x…` hex.
	pub fn hex(self) -> Result<String> {
		Ok(format!("0x{}", hex::encode(self.bytes()?)))
	}

	/// The variant's name (enums).
	pub fn variant(self) -> Result<&'a str> {
		match &self.unwrap_newtype().value.value {
			ValueDef::Variant(var) => Ok(var.name.as_str()),
			_ => err(self.path, "expected an enum variant"),
		}
	}

	/// The first (unnamed or named) field of a variant, if any.
	pub fn variant_value(self) -> Option<V<'a>> {
		match &self.unwrap_newtype().value.value {
			ValueDef::Variant(var) => match &var.values {
				Composite::Unnamed(items) => {
					items.first().map(|value| V { value, path: self.path })
				}
				Composite::Named(items) => {
					items.first().map(|(_, value)| V { value, path: self.path })
				}
			},
			_ => None,
		}
	}

	/// `Option<T>`: `None` or `Some(v)`.
	pub fn option(self) -> Result<Option<V<'a>>> {
		match self.variant()? {
			"None" => Ok(None),
			"Some" => match self.variant_value() {
				Some(v) => Ok(Some(v)),
				None => err(self.path, "Some without a value"),
			},
			other => err(self.path, format!("expected an Option, found variant {other}")),
		}
	}

	/// The items of a sequence.
	pub fn items(self) -> Result<Vec<V<'a>>> {
		let mut v = self.value;
		loop {
			match &v.value {
				ValueDef::Composite(Composite::Unnamed(items)) => {
					// A newtype around a sequence (`BoundedVec`) has one item that is itself a
					// sequence; a one-element sequence of non-composites is the sequence.
					if items.len() == 1 && matches!(items[0].value, ValueDef::Composite(_)) {
						let inner = &items[0];
						if let ValueDef::Composite(Composite::Unnamed(_)) = inner.value {
							v = inner;
							continue;
						}
					}
					return Ok(items.iter().map(|value| V { value, path: self.path }).collect());
				}
				_ => return err(self.path, "expected a sequence"),
			}
		}
	}

	/// A certificate code `{division, year, serial}`.
	pub fn code(self) -> Result<dengji_primitives::CertificateCode> {
		let division = u32::try_from(self.field("division")?.u128()?)
			.or_else(|_| err(self.path, "division out of range"))?;
		let year = u16::try_from(self.field("year")?.u128()?)
			.or_else(|_| err(self.path, "year out of range"))?;
		let serial = u32::try_from(self.field("serial")?.u128()?)
			.or_else(|_| err(self.path, "serial out of range"))?;
		let division = dengji_primitives::DivisionCode::new(division)
			.or_else(|e| err(self.path, format!("division: {e:?}")))?;
		dengji_primitives::CertificateCode::new(division, year, serial)
			.or_else(|e| err(self.path, format!("code: {e:?}")))
	}

	/// A USCC (18 ASCII bytes).
	pub fn uscc(self) -> Result<dengji_primitives::Uscc> {
		dengji_primitives::Uscc::from_bytes(&self.bytes()?)
			.or_else(|e| err(self.path, format!("USCC: {e:?}")))
	}

	/// A division code.
	pub fn division(self) -> Result<dengji_primitives::DivisionCode> {
		let n = u32::try_from(self.u128()?).or_else(|_| err(self.path, "division out of range"))?;
		dengji_primitives::DivisionCode::new(n).or_else(|e| err(self.path, format!("{e:?}")))
	}
}

/// Whether `items` look like a byte sequence: empty, or more than one integer item, all < 256.
/// (A single integer in an unnamed composite is treated as a newtype, e.g. `DivisionCode(u32)`.)
fn is_byte_seq(items: &[Value<()>]) -> bool {
	items.len() != 1
		&& items
			.iter()
			.all(|i| matches!(i.value, ValueDef::Primitive(Primitive::U128(n)) if n < 256))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn u(n: u128) -> Value<()> {
		Value::u128(n)
	}

	#[test]
	fn newtype_and_bytes_are_read_by_field_name() {
		let name = Value::unnamed_composite(vec![Value::unnamed_composite(
			"数据".bytes().map(|b| u(u128::from(b))).collect::<Vec<_>>(),
		)]);
		let division = Value::unnamed_composite(vec![u(530400)]);
		let some = Value::variant("Some", Composite::Unnamed(vec![u(7)]));
		let none = Value::variant("None", Composite::Unnamed(vec![]));
		let root = Root::new(
			Value::named_composite(vec![
				("data_name", name),
				("institution", division),
				("registration", some),
				("agreement", none),
				("flag", Value::bool(true)),
			]),
			"Applications[0]",
		);
		let v = root.v();
		assert_eq!(v.field("data_name").unwrap().text().unwrap(), "数据");
		assert_eq!(v.field("institution").unwrap().u64().unwrap(), 530400);
		assert_eq!(v.field("registration").unwrap().option().unwrap().unwrap().u64().unwrap(), 7);
		assert!(v.field("agreement").unwrap().option().unwrap().is_none());
		assert!(v.field("flag").unwrap().bool().unwrap());
		let e = v.field("missing").err().unwrap();
		assert!(e.to_string().contains("Applications[0]") && e.to_string().contains("missing"));
	}

	#[test]
	fn empty_and_single_byte_sequences_decode() {
		let empty = Root::new(Value::unnamed_composite(Vec::<Value<()>>::new()), "x");
		assert_eq!(empty.v().bytes().unwrap(), Vec::<u8>::new());
		// A BoundedVec<u8> of one byte: newtype around a one-item sequence.
		let one =
			Root::new(Value::unnamed_composite(vec![Value::unnamed_composite(vec![u(65)])]), "x");
		assert_eq!(one.v().bytes().unwrap(), b"A".to_vec());
	}
}

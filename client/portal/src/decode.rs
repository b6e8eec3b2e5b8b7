//! Reading values decoded dynamically through the runtime metadata.
//!
//! Pallet types (applications, registrations, objections, agreements, subjects) are not linked
//! into the portal: storage values and events are decoded with the chain's own metadata and read
//! here by field name, so a field that is renamed or retyped fails loudly with its path instead
//! of being misread.
//!
//! The decoder ([`decode`]) walks the metadata's type registry itself and builds a small tree
//! ([`Node`]): byte sequences and arrays (names, summaries, digests, USCCs) are kept as bytes, not
//! as one value per byte, and field and variant names are shared, not copied into every value.
//! `scale-value`'s general tree took a quarter of the catch-up's CPU (issue 12 "Speed").

use codec::Decode;
use scale_info::{form::PortableForm, Field, PortableRegistry, TypeDef, TypeDefPrimitive};
use std::collections::HashSet;
use std::sync::{OnceLock, RwLock};

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

/// A value decoded through the metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
	/// `bool`.
	Bool(bool),
	/// An unsigned integer of any width, compact or not.
	U(u128),
	/// A signed integer.
	I(i128),
	/// `str` or `char`.
	Str(String),
	/// A sequence or array of `u8`.
	Bytes(Vec<u8>),
	/// A struct or tuple: its fields in order, with their names where they have them.
	Composite(Vec<(Option<&'static str>, Node)>),
	/// An enum's variant and its fields.
	Variant(&'static str, Vec<(Option<&'static str>, Node)>),
	/// A sequence or array of anything but `u8`.
	Seq(Vec<Node>),
}

/// Types nested deeper than this are refused (no runtime type comes close).
const MAX_DEPTH: usize = 64;

/// Decodes a value of type `ty` of `types` from the front of `input`, which is advanced past it.
pub fn decode(
	types: &PortableRegistry,
	ty: u32,
	input: &mut &[u8],
) -> std::result::Result<Node, String> {
	decode_at(types, ty, input, 0)
}

/// Decodes `bytes`, a whole value of type `ty` (a storage value): bytes left over mean the
/// metadata does not describe them.
pub fn decode_all(
	types: &PortableRegistry,
	ty: u32,
	bytes: &[u8],
) -> std::result::Result<Node, String> {
	let mut input = bytes;
	let node = decode_at(types, ty, &mut input, 0)?;
	whole(input)?;
	Ok(node)
}

/// Decodes `bytes`, `fields` one after the other (an event's fields), to the last byte.
pub fn decode_fields(
	types: &PortableRegistry,
	fields: &[Field<PortableForm>],
	bytes: &[u8],
) -> std::result::Result<Node, String> {
	let mut input = bytes;
	let node = Node::Composite(decode_each(types, fields, &mut input, 0)?);
	whole(input)?;
	Ok(node)
}

fn whole(rest: &[u8]) -> std::result::Result<(), String> {
	if rest.is_empty() {
		Ok(())
	} else {
		Err(format!("{} bytes left over", rest.len()))
	}
}

fn decode_at(
	types: &PortableRegistry,
	ty: u32,
	input: &mut &[u8],
	depth: usize,
) -> std::result::Result<Node, String> {
	let t = resolve(types, ty, depth)?;
	Ok(match &t.type_def {
		TypeDef::Composite(c) => Node::Composite(decode_each(types, &c.fields, input, depth)?),
		TypeDef::Variant(v) => {
			let index = take(input, 1)?[0];
			let var = v
				.variants
				.iter()
				.find(|x| x.index == index)
				.ok_or_else(|| format!("type {ty} has no variant {index}"))?;
			Node::Variant(intern(&var.name), decode_each(types, &var.fields, input, depth)?)
		}
		TypeDef::Sequence(s) => {
			let len = codec::Compact::<u32>::decode(input)
				.map_err(|e| format!("length of a sequence: {e}"))?
				.0;
			decode_items(types, s.type_param.id, len as usize, input, depth)?
		}
		TypeDef::Array(a) => decode_items(types, a.type_param.id, a.len as usize, input, depth)?,
		TypeDef::Tuple(t) => Node::Composite(
			t.fields
				.iter()
				.map(|f| Ok((None, decode_at(types, f.id, input, depth + 1)?)))
				.collect::<std::result::Result<_, String>>()?,
		),
		TypeDef::Primitive(p) => decode_primitive(p, input)?,
		TypeDef::Compact(c) => decode_compact(types, c.type_param.id, input, depth)?,
		TypeDef::BitSequence(_) => return Err(format!("type {ty}: bit sequences are not read")),
	})
}

/// Type `ty` of `types`, reached at `depth`.
fn resolve(
	types: &PortableRegistry,
	ty: u32,
	depth: usize,
) -> std::result::Result<&scale_info::Type<PortableForm>, String> {
	if depth > MAX_DEPTH {
		return Err(format!("type {ty} nested more than {MAX_DEPTH} deep"));
	}
	types.resolve(ty).ok_or_else(|| format!("type {ty} is not in the metadata"))
}

fn decode_each(
	types: &PortableRegistry,
	fields: &[Field<PortableForm>],
	input: &mut &[u8],
	depth: usize,
) -> std::result::Result<Vec<(Option<&'static str>, Node)>, String> {
	fields
		.iter()
		.map(|f| Ok((f.name.as_deref().map(intern), decode_at(types, f.ty.id, input, depth + 1)?)))
		.collect()
}

/// `len` items of type `item`: bytes straight from the input when they are `u8`.
fn decode_items(
	types: &PortableRegistry,
	item: u32,
	len: usize,
	input: &mut &[u8],
	depth: usize,
) -> std::result::Result<Node, String> {
	let is_u8 = matches!(
		types.resolve(item).map(|t| &t.type_def),
		Some(TypeDef::Primitive(TypeDefPrimitive::U8))
	);
	if is_u8 {
		return Ok(Node::Bytes(take(input, len)?.to_vec()));
	}
	// Every item the runtime stores takes at least one byte: a longer length is corrupt.
	if len > input.len() {
		return Err(format!("{len} items but {} bytes left", input.len()));
	}
	let mut out = Vec::with_capacity(len);
	for _ in 0..len {
		out.push(decode_at(types, item, input, depth + 1)?);
	}
	Ok(Node::Seq(out))
}

fn decode_primitive(p: &TypeDefPrimitive, input: &mut &[u8]) -> std::result::Result<Node, String> {
	use TypeDefPrimitive as P;
	fn int<T: Decode>(input: &mut &[u8]) -> std::result::Result<T, String> {
		T::decode(input).map_err(|e| format!("integer: {e}"))
	}
	Ok(match p {
		P::Bool => match take(input, 1)?[0] {
			0 => Node::Bool(false),
			1 => Node::Bool(true),
			b => return Err(format!("{b} is not a bool")),
		},
		P::Char => {
			let n: u32 = int(input)?;
			Node::Str(char::from_u32(n).ok_or_else(|| format!("{n} is not a char"))?.to_string())
		}
		P::Str => Node::Str(String::decode(input).map_err(|e| format!("string: {e}"))?),
		P::U8 => Node::U(take(input, 1)?[0].into()),
		P::U16 => Node::U(int::<u16>(input)?.into()),
		P::U32 => Node::U(int::<u32>(input)?.into()),
		P::U64 => Node::U(int::<u64>(input)?.into()),
		P::U128 => Node::U(int::<u128>(input)?),
		P::I8 => Node::I(int::<i8>(input)?.into()),
		P::I16 => Node::I(int::<i16>(input)?.into()),
		P::I32 => Node::I(int::<i32>(input)?.into()),
		P::I64 => Node::I(int::<i64>(input)?.into()),
		P::I128 => Node::I(int::<i128>(input)?),
		P::U256 | P::I256 => return Err("256-bit integers are not read".into()),
	})
}

/// A compact value of type `inner`: an unsigned integer, or a newtype around one.
fn decode_compact(
	types: &PortableRegistry,
	inner: u32,
	input: &mut &[u8],
	depth: usize,
) -> std::result::Result<Node, String> {
	let t = resolve(types, inner, depth)?;
	let one = |name: Option<&str>, ty: u32, input: &mut &[u8]| {
		Ok::<_, String>(Node::Composite(vec![(
			name.map(intern),
			decode_compact(types, ty, input, depth + 1)?,
		)]))
	};
	match &t.type_def {
		TypeDef::Primitive(
			TypeDefPrimitive::U8
			| TypeDefPrimitive::U16
			| TypeDefPrimitive::U32
			| TypeDefPrimitive::U64
			| TypeDefPrimitive::U128,
		) => Ok(Node::U(
			codec::Compact::<u128>::decode(input).map_err(|e| format!("compact: {e}"))?.0,
		)),
		TypeDef::Composite(c) if c.fields.len() == 1 => {
			one(c.fields[0].name.as_deref(), c.fields[0].ty.id, input)
		}
		TypeDef::Tuple(t) if t.fields.len() == 1 => one(None, t.fields[0].id, input),
		_ => Err(format!("type {inner} cannot be compact")),
	}
}

fn take<'i>(input: &mut &'i [u8], n: usize) -> std::result::Result<&'i [u8], String> {
	if input.len() < n {
		return Err(format!("{n} bytes wanted, {} left", input.len()));
	}
	let (head, rest) = input.split_at(n);
	*input = rest;
	Ok(head)
}

/// The one shared copy of a field or variant name. The names come from the metadata, so there
/// are as many as it has distinct names (a few hundred), kept for the life of the process.
fn intern(name: &str) -> &'static str {
	// Each thread first looks the name up by where the metadata keeps it (checked against the
	// text, so a reused address never yields another name): no lock, no hashing of the text.
	thread_local! {
		static SEEN: std::cell::RefCell<std::collections::HashMap<(usize, usize), &'static str>> =
			Default::default();
	}
	let at = (name.as_ptr() as usize, name.len());
	if let Some(n) = SEEN.with(|seen| seen.borrow().get(&at).copied()).filter(|n| *n == name) {
		return n;
	}
	let shared = intern_shared(name);
	SEEN.with(|seen| {
		let mut seen = seen.borrow_mut();
		// Metadata fetched again (a reconnection, an upgrade) keeps its names elsewhere.
		if seen.len() >= 65_536 {
			seen.clear();
		}
		seen.insert(at, shared);
	});
	shared
}

fn intern_shared(name: &str) -> &'static str {
	static NAMES: OnceLock<RwLock<HashSet<&'static str>>> = OnceLock::new();
	let names = NAMES.get_or_init(Default::default);
	if let Some(n) = names.read().unwrap_or_else(|p| p.into_inner()).get(name) {
		return n;
	}
	let mut names = names.write().unwrap_or_else(|p| p.into_inner());
	if let Some(n) = names.get(name) {
		return n;
	}
	let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
	names.insert(leaked);
	leaked
}

/// A decoded value with the path it was reached by (for error messages).
#[derive(Clone, Copy)]
pub struct V<'a> {
	value: &'a Node,
	path: &'a str,
}

/// An owned root value (events fields, storage values).
#[derive(Debug)]
pub struct Root {
	value: Node,
	path: String,
}

impl Root {
	/// Wraps a decoded value named `path`.
	pub fn new(value: Node, path: impl Into<String>) -> Self {
		Self { value, path: path.into() }
	}

	/// The root accessor.
	pub fn v(&self) -> V<'_> {
		V { value: &self.value, path: &self.path }
	}
}

fn err<T>(path: &str, reason: impl Into<String>) -> Result<T> {
	Err(DecodeError { path: path.to_string(), reason: reason.into() })
}

/// The only field of a one-field tuple or unnamed struct (a newtype), if it is one.
fn newtype_inner(v: &Node) -> Option<&Node> {
	match v {
		Node::Composite(items) => match items.as_slice() {
			[(None, only)] => Some(only),
			_ => None,
		},
		_ => None,
	}
}

impl<'a> V<'a> {
	/// Strips newtypes (`DivisionCode(u32)`, `BoundedVec<u8, _>`).
	fn unwrap_newtype(self) -> Self {
		let mut v = self.value;
		while let Some(inner) = newtype_inner(v) {
			v = inner;
		}
		V { value: v, path: self.path }
	}

	/// Whether the field `name` exists (named composite).
	pub fn has(self, name: &str) -> bool {
		self.field(name).is_ok()
	}

	/// The named field `name` of a struct or of an enum variant.
	pub fn field(self, name: &str) -> Result<V<'a>> {
		let v = self.unwrap_newtype();
		let fields = match v.value {
			Node::Composite(f) | Node::Variant(_, f) => f,
			_ => return err(self.path, format!("expected a struct with field `{name}`")),
		};
		match fields.iter().find(|(n, _)| *n == Some(name)) {
			Some((_, value)) => Ok(V { value, path: self.path }),
			None => err(self.path, format!("no field `{name}`")),
		}
	}

	/// An unsigned integer (through newtypes).
	pub fn u128(self) -> Result<u128> {
		match self.unwrap_newtype().value {
			Node::U(n) => Ok(*n),
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
		match self.unwrap_newtype().value {
			Node::Bool(b) => Ok(*b),
			_ => err(self.path, "expected a bool"),
		}
	}

	/// A byte sequence (`Vec<u8>`, `[u8; N]`, `BoundedVec<u8, _>`), borrowed.
	pub fn byte_slice(self) -> Result<&'a [u8]> {
		match self.unwrap_newtype().value {
			Node::Bytes(b) => Ok(b),
			Node::Str(s) => Ok(s.as_bytes()),
			_ => err(self.path, "expected a byte sequence"),
		}
	}

	/// A byte sequence (`Vec<u8>`, `[u8; N]`, `BoundedVec<u8, _>`).
	pub fn bytes(self) -> Result<Vec<u8>> {
		self.byte_slice().map(<[u8]>::to_vec)
	}

	/// UTF-8 text stored as bytes (names, summaries).
	pub fn text(self) -> Result<String> {
		match std::str::from_utf8(self.byte_slice()?) {
			Ok(s) => Ok(s.to_string()),
			Err(_) => err(self.path, "not UTF-8"),
		}
	}

	/// Bytes as `0x…` hex.
	pub fn hex(self) -> Result<String> {
		Ok(format!("0x{}", hex::encode(self.byte_slice()?)))
	}

	/// The variant's name (enums).
	pub fn variant(self) -> Result<&'a str> {
		match self.unwrap_newtype().value {
			Node::Variant(name, _) => Ok(name),
			_ => err(self.path, "expected an enum variant"),
		}
	}

	/// The first (unnamed or named) field of a variant, if any.
	pub fn variant_value(self) -> Option<V<'a>> {
		match self.unwrap_newtype().value {
			Node::Variant(_, fields) => {
				fields.first().map(|(_, value)| V { value, path: self.path })
			}
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

	/// The items of a sequence, an array or a tuple (through newtypes such as `BoundedVec`).
	pub fn items(self) -> Result<Vec<V<'a>>> {
		let path = self.path;
		match self.unwrap_newtype().value {
			Node::Seq(items) => Ok(items.iter().map(|value| V { value, path }).collect()),
			Node::Composite(items) if items.iter().all(|(n, _)| n.is_none()) => {
				Ok(items.iter().map(|(_, value)| V { value, path }).collect())
			}
			_ => err(path, "expected a sequence"),
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
		dengji_primitives::Uscc::from_bytes(self.byte_slice()?)
			.or_else(|e| err(self.path, format!("USCC: {e:?}")))
	}

	/// A division code.
	pub fn division(self) -> Result<dengji_primitives::DivisionCode> {
		let n = u32::try_from(self.u128()?).or_else(|_| err(self.path, "division out of range"))?;
		dengji_primitives::DivisionCode::new(n).or_else(|e| err(self.path, format!("{e:?}")))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::{Compact, Encode};
	use scale_info::{MetaType, Registry, TypeInfo};

	#[derive(Encode, TypeInfo)]
	struct Division(u32);

	#[derive(Encode, TypeInfo)]
	struct Name(Vec<u8>);

	#[derive(Encode, TypeInfo)]
	enum Ground {
		Forged,
		Other { note: Vec<u8> },
	}

	#[derive(Encode, TypeInfo)]
	struct Record {
		data_name: Name,
		institution: Division,
		registration: Option<u64>,
		agreement: Option<u64>,
		flag: bool,
		digest: [u8; 4],
		one_byte: Vec<u8>,
		empty: Vec<u8>,
		refusal: Vec<Ground>,
		days: Vec<u32>,
		pair: (u16, i8),
		#[codec(compact)]
		count: u64,
		label: String,
	}

	/// `value` encoded, and the registry and type id of its type.
	fn encoded<T: Encode + TypeInfo + 'static>(value: &T) -> (PortableRegistry, u32, Vec<u8>) {
		let mut registry = Registry::new();
		let id = registry.register_type(&MetaType::new::<T>()).id;
		(registry.into(), id, value.encode())
	}

	fn sample() -> Record {
		Record {
			data_name: Name("数据".as_bytes().to_vec()),
			institution: Division(530400),
			registration: Some(7),
			agreement: None,
			flag: true,
			digest: [1, 2, 3, 255],
			one_byte: b"A".to_vec(),
			empty: Vec::new(),
			refusal: vec![Ground::Forged, Ground::Other { note: b"n".to_vec() }],
			days: vec![20260101, 20260102],
			pair: (9, -3),
			count: 1 << 40,
			label: "标签".into(),
		}
	}

	#[test]
	fn a_struct_encoded_by_the_runtime_codec_is_read_by_field_name() {
		let (types, id, bytes) = encoded(&sample());
		let mut input = &bytes[..];
		let root = Root::new(decode(&types, id, &mut input).unwrap(), "Applications[0]");
		assert!(input.is_empty(), "every byte is consumed");
		let v = root.v();
		assert_eq!(v.field("data_name").unwrap().text().unwrap(), "数据");
		assert_eq!(v.field("institution").unwrap().u64().unwrap(), 530400);
		assert_eq!(v.field("registration").unwrap().option().unwrap().unwrap().u64().unwrap(), 7);
		assert!(v.field("agreement").unwrap().option().unwrap().is_none());
		assert!(v.field("flag").unwrap().bool().unwrap());
		assert_eq!(v.field("digest").unwrap().hex().unwrap(), "0x010203ff");
		assert_eq!(v.field("one_byte").unwrap().bytes().unwrap(), b"A".to_vec());
		assert_eq!(v.field("empty").unwrap().bytes().unwrap(), Vec::<u8>::new());
		let refusal = v.field("refusal").unwrap().items().unwrap();
		assert_eq!(refusal.len(), 2);
		assert_eq!(refusal[0].variant().unwrap(), "Forged");
		assert_eq!(refusal[1].variant().unwrap(), "Other");
		assert_eq!(refusal[1].field("note").unwrap().text().unwrap(), "n");
		let days: Vec<u64> =
			v.field("days").unwrap().items().unwrap().iter().map(|d| d.u64().unwrap()).collect();
		assert_eq!(days, vec![20260101, 20260102]);
		let pair = v.field("pair").unwrap().items().unwrap();
		assert_eq!(pair[0].u64().unwrap(), 9);
		assert_eq!(pair[1].value, &Node::I(-3));
		assert_eq!(v.field("count").unwrap().u64().unwrap(), 1 << 40);
		assert_eq!(v.field("label").unwrap().text().unwrap(), "标签");
		let e = v.field("missing").err().unwrap();
		assert!(e.to_string().contains("Applications[0]") && e.to_string().contains("missing"));
		assert!(v.field("flag").unwrap().u64().is_err(), "a bool is not an integer");
	}

	#[test]
	fn the_same_values_as_scale_value_decodes() {
		use subxt::ext::scale_value::{self, Composite, Primitive, ValueDef};
		let (types, id, bytes) = encoded(&sample());
		let ours = decode(&types, id, &mut &bytes[..]).unwrap();
		let theirs = scale_value::scale::decode_as_type(&mut &bytes[..], id, &types)
			.unwrap()
			.remove_context();
		// Every field of scale-value's named composite is in ours, with the same bytes or
		// integer where it is one.
		let (Node::Composite(ours), ValueDef::Composite(Composite::Named(theirs))) =
			(ours, theirs.value)
		else {
			panic!("a struct decodes to a named composite in both");
		};
		assert_eq!(ours.len(), theirs.len());
		for ((name, node), (their_name, value)) in ours.iter().zip(&theirs) {
			assert_eq!(*name, Some(their_name.as_str()));
			if let ValueDef::Primitive(Primitive::Bool(b)) = value.value {
				assert_eq!(node, &Node::Bool(b));
			}
		}
	}

	#[test]
	fn truncated_or_corrupt_input_is_an_error_not_a_panic() {
		let (types, id, bytes) = encoded(&sample());
		for n in 0..bytes.len() {
			assert!(decode(&types, id, &mut &bytes[..n]).is_err(), "{n} of {} bytes", bytes.len());
		}
		// A sequence claiming more items than there are bytes.
		let (types, id, _) = encoded(&vec![0u32]);
		let mut huge = Compact(u32::MAX).encode();
		huge.extend([0; 8]);
		assert!(decode(&types, id, &mut &huge[..]).is_err());
		// A bool that is neither 0 nor 1, an unknown variant.
		let (types, id, _) = encoded(&true);
		assert!(decode(&types, id, &mut &[2u8][..]).is_err());
		let (types, id, _) = encoded(&Ground::Forged);
		assert!(decode(&types, id, &mut &[9u8][..]).is_err());
	}

	#[test]
	fn a_whole_value_has_no_bytes_left_over() {
		let (types, id, mut bytes) = encoded(&sample());
		assert!(decode_all(&types, id, &bytes).is_ok());
		bytes.push(0);
		assert!(decode_all(&types, id, &bytes).unwrap_err().contains("1 bytes left over"));
	}

	#[test]
	fn names_are_shared() {
		assert!(std::ptr::eq(intern("data_name"), intern(&String::from("data_name"))));
	}
}

//! A runtime call built from the metadata at run time (no generated code). Arguments are either
//! SCALE bytes of a type shared through `dengji-primitives` (encoded with exactly the codec the
//! runtime decodes with) or a [`Value`] for pallet-local types, encoded against the metadata's type.

use subxt::ext::{
	scale_encode::{self, EncodeAsFields, EncodeAsType, FieldIter, TypeResolver},
	scale_value::Value,
};

/// One call argument.
#[derive(Clone, Debug)]
pub enum Arg {
	/// Already SCALE-encoded (a `dengji-primitives` type or a plain integer).
	Scale(Vec<u8>),
	/// A dynamic value, encoded against the argument's type in the metadata.
	Value(Value<()>),
}

impl Arg {
	/// SCALE-encodes `v`.
	pub fn scale(v: &impl codec::Encode) -> Self {
		Arg::Scale(v.encode())
	}
}

impl From<Value<()>> for Arg {
	fn from(v: Value<()>) -> Self {
		Arg::Value(v)
	}
}

/// The arguments of a call, in declaration order.
#[derive(Clone, Debug, Default)]
pub struct Args(pub Vec<Arg>);

impl EncodeAsFields for Args {
	fn encode_as_fields_to<R: TypeResolver>(
		&self,
		fields: &mut dyn FieldIter<'_, R::TypeId>,
		types: &R,
		out: &mut Vec<u8>,
	) -> Result<(), scale_encode::Error> {
		if fields.len() != self.0.len() {
			return Err(scale_encode::Error::custom_string(format!(
				"the call takes {} arguments, {} given",
				fields.len(),
				self.0.len()
			)));
		}
		for (field, arg) in fields.zip(self.0.iter()) {
			match arg {
				Arg::Scale(bytes) => out.extend_from_slice(bytes),
				Arg::Value(v) => v.encode_as_type_to(field.id, types, out)?,
			}
		}
		Ok(())
	}
}

/// A call to submit: `Pallet.call_name(args…)`.
#[derive(Clone, Debug)]
pub struct Call {
	/// Pallet name in the runtime (e.g. `Registration`).
	pub pallet: String,
	/// Call name (e.g. `lodge_objection`).
	pub name: String,
	/// Arguments in declaration order.
	pub args: Args,
}

impl Call {
	/// `pallet.name(args)`.
	pub fn new(pallet: &str, name: &str, args: Vec<Arg>) -> Self {
		Self { pallet: pallet.into(), name: name.into(), args: Args(args) }
	}

	/// `Pallet.call` for messages.
	pub fn label(&self) -> String {
		format!("{}.{}", self.pallet, self.name)
	}

	/// The SCALE-encoded `RuntimeCall` against `metadata`, offline: the pallet and call are
	/// looked up by name and every [`Arg::Value`] is encoded against its argument's type; fails
	/// if the runtime has no such call or the arguments do not fit it.
	pub fn encode_call_data(&self, metadata: &subxt::Metadata) -> crate::Result<Vec<u8>> {
		subxt::ext::frame_decode::extrinsics::encode_call_data(
			&self.pallet,
			&self.name,
			&self.args,
			metadata,
			metadata.types(),
		)
		.map_err(|e| subxt::error::ExtrinsicError::from(e).into())
	}

	pub(crate) fn payload(&self) -> subxt::tx::DynamicPayload<Args> {
		subxt::dynamic::tx(self.pallet.clone(), self.name.clone(), self.args.clone())
	}
}

//! Registration institution records (登记机构, YX-R §7, §9, §26). Stored in
//! `Institutions::Institutions`; the verification client decodes them from a storage proof to learn
//! the issuer's signing keys and status.

use crate::{division::DivisionCode, sm2::Sm2Public, BoundedName, Ed25519Public, Moment};
use bounded_collections::{BoundedVec, ConstU32};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Most retired signing keys kept per institution (certificates signed with them still verify).
pub const MAX_RETIRED_KEYS: u32 = 8;
/// Largest libp2p PeerId in bytes (multihash of an ed25519 key is 38 bytes).
pub const MAX_PEER_ID_LEN: u32 = 64;

/// Institution status (YX-R §26: the data authority may interview, guide on site, or disqualify).
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
pub enum InstitutionStatus {
	/// May act.
	Active,
	/// Temporarily barred from acting (e.g. during an interview, 约谈).
	Suspended,
	/// Qualification cancelled (取消登记机构资格): never acts again; certificates it issued stay valid (Q17).
	Disqualified,
}

/// A registration institution.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct InstitutionRecord<AccountId> {
	/// Its division code; also its id (one institution per division).
	pub division: DivisionCode,
	/// Name, UTF-8.
	pub name: BoundedName,
	/// Status.
	pub status: InstitutionStatus,
	/// Current certificate-signing key (ed25519), registered by the data authority.
	pub signing_key: Ed25519Public,
	/// Earlier signing keys: certificates signed with them remain verifiable.
	pub retired_keys: BoundedVec<Ed25519Public, ConstU32<MAX_RETIRED_KEYS>>,
	/// County institutions: when the city data authority filed it (备案, YX-R §7).
	pub filed_at: Option<Moment>,
	/// The institution that took over its cases after disqualification (Q17).
	pub taken_over_by: Option<DivisionCode>,
	/// Validator (session) account run by the institution, if it runs one.
	pub validator: Option<AccountId>,
	/// libp2p PeerId (bytes) of its node, allow-listed by the data authority.
	pub peer_id: Option<BoundedVec<u8, ConstU32<MAX_PEER_ID_LEN>>>,
	/// Current SM2 co-signing key (uncompressed SEC1), registered by the data authority beside
	/// `signing_key`; `None` until one is registered ([`crate::sm2`]).
	pub sm2_key: Option<Sm2Public>,
	/// Earlier SM2 keys: co-signatures made with them remain verifiable.
	pub retired_sm2_keys: BoundedVec<Sm2Public, ConstU32<MAX_RETIRED_KEYS>>,
}

impl<AccountId> InstitutionRecord<AccountId> {
	/// Whether `key` is the current or a retired signing key of this institution.
	pub fn has_signing_key(&self, key: &Ed25519Public) -> bool {
		&self.signing_key == key || self.retired_keys.iter().any(|k| k == key)
	}

	/// Whether `key` is the current or a retired SM2 key of this institution.
	pub fn has_sm2_key(&self, key: &Sm2Public) -> bool {
		self.sm2_key.as_ref() == Some(key) || self.retired_sm2_keys.iter().any(|k| k == key)
	}
}

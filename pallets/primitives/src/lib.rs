//! # Dengji primitives
//!
//! Types and pure functions shared by the Dengji runtime (pallets), the node and the verification
//! client (`dengji-verify`). `no_std`, no FRAME dependency: banks embed this crate.
//!
//! ## Terminology
//! - 登记机构 = registration institution, identified by its GB/T 2260 [`DivisionCode`].
//! - 登记主体 = registration subject, a legal person identified by its [`Uscc`].
//! - 一证一码 = one certificate, one code: [`CertificateCode`].
//! - 工作日 = working day: see [`calendar`].
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs, unsafe_code, clippy::unwrap_used)]

extern crate alloc;

pub mod calendar;
pub mod catalogue;
pub mod certificate;
pub mod code;
pub mod digest;
pub mod division;
pub mod institution;
pub mod period;
pub mod sm2;
pub mod traits;
pub mod uscc;

#[cfg(test)]
mod tests;

pub use calendar::{
	ChainClock, Date, DayIndex, Deadline, HolidayCalendar, OfficialYear, StaticCalendar, YearError,
};
pub use certificate::{
	CancelReason, CertificateBody, CertificateRecord, CertificateStatus, ObjectKind,
	RevocationGround, CERTIFICATE_DOMAIN,
};
pub use code::{CertificateCode, CodeError};
pub use digest::{blake2_256, Digest};
pub use division::{DivisionCode, DivisionError, DivisionLevel};
pub use institution::{InstitutionRecord, InstitutionStatus};
pub use sm2::{Sm2CoSignature, Sm2Error, Sm2Public, Sm2Signature, Sm3Digest, SM2_DEFAULT_DISTID};
pub use uscc::{Uscc, UsccError};

/// A point in time: milliseconds since the Unix epoch (UTC), as `pallet_timestamp` stores it.
pub type Moment = u64;
/// Registration number (登记证号): stable for the life of one registered object.
pub type RegistrationId = u64;
/// One application (首次/变更/更正/注销/续展) about a registration.
pub type ApplicationId = u64;
/// An ed25519 public key (32 bytes).
pub type Ed25519Public = [u8; 32];
/// An ed25519 signature (64 bytes).
pub type Ed25519Signature = [u8; 64];

/// Largest name (subject name, data name, institution name) in bytes of UTF-8.
pub const MAX_NAME_LEN: u32 = 128;
/// A bounded byte string used for names in records that the verification client decodes.
pub type BoundedName =
	bounded_collections::BoundedVec<u8, bounded_collections::ConstU32<MAX_NAME_LEN>>;

/// Runtime pallet names and storage item names the verification client builds storage keys from.
/// The runtime must use exactly these names (`#[runtime::pallet_index]` names in `construct_runtime`).
pub mod storage_names {
	/// `pallet-certificate` instance name in the runtime.
	pub const CERTIFICATE_PALLET: &str = "Certificate";
	/// `Certificate::Certificates`: `StorageMap<Blake2_128Concat, CertificateCode, CertificateRecord>`.
	pub const CERTIFICATES: &str = "Certificates";
	/// `pallet-institutions` instance name in the runtime.
	pub const INSTITUTIONS_PALLET: &str = "Institutions";
	/// `Institutions::Institutions`: `StorageMap<Blake2_128Concat, DivisionCode, InstitutionRecord<AccountId32>>`.
	pub const INSTITUTIONS: &str = "Institutions";
	/// `pallet-timestamp` instance name in the runtime.
	pub const TIMESTAMP_PALLET: &str = "Timestamp";
	/// `Timestamp::Now`: `StorageValue<u64>`.
	pub const NOW: &str = "Now";
}

//! E-certificate records (电子凭证, YX-R §23; docs/spec/DESIGN.md §7). These are the exact types stored in
//! `Certificate::Certificates`, so the verification client decodes them from a storage proof.

use crate::{
	calendar::DayIndex, code::CertificateCode, digest::Digest, division::DivisionCode,
	sm2::Sm2CoSignature, uscc::Uscc, BoundedName, Ed25519Public, Ed25519Signature, Moment,
	RegistrationId,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Domain tag prefixed to every certificate signing payload.
pub const CERTIFICATE_DOMAIN: &[u8] = b"dengji:certificate:v1";

/// What was registered (YX-R §5, YX-AO §25). The authorised-operation cap on validity applies to
/// `DataProductOrService` only (YX-R §23 ¶1).
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
pub enum ObjectKind {
	/// 公共数据资源.
	DataResource,
	/// 公共数据产品和服务 formed through authorised operation.
	DataProductOrService,
}

/// The act that issued a certificate (YX-R §14 ¶2 types, plus renewal, YX-R §23).
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
pub enum IssuingAct {
	/// 首次登记.
	FirstTime,
	/// 变更登记 (YX-R §19).
	Change,
	/// 更正登记 (YX-R §20).
	Correction,
	/// 续展 (YX-R §23 ¶2).
	Renewal,
}

/// The signed body of a certificate. SCALE-encoded and signed by the issuing institution:
/// `signature = ed25519(issuer_key, CERTIFICATE_DOMAIN ++ genesis_hash ++ body.encode())`.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct CertificateBody {
	/// This certificate's code (一证一码).
	pub code: CertificateCode,
	/// Registration number (登记证号), stable across change, correction and renewal.
	pub registration: RegistrationId,
	/// The act that issued it.
	pub act: IssuingAct,
	/// Resource, or product/service.
	pub object: ObjectKind,
	/// The registration subject (登记主体).
	pub subject: Uscc,
	/// Subject name, UTF-8.
	pub subject_name: BoundedName,
	/// Data (resource/product/service) name, UTF-8 (YX-R §12(一)).
	pub data_name: BoundedName,
	/// BLAKE2-256 of the registered basic information (YX-R §12) as approved.
	pub content_digest: Digest,
	/// Issuing institution.
	pub issuer: DivisionCode,
	/// The issuer's certificate-signing key registered by the data authority.
	pub issuer_key: Ed25519Public,
	/// Date of issue (发证之日), Asia/Shanghai day.
	pub issued_on: DayIndex,
	/// Instant of issue.
	pub issued_at: Moment,
	/// Last valid instant, inclusive (YX-R §23; Q13).
	pub valid_until: Moment,
	/// The certificate this one supersedes (change, correction, renewal).
	pub previous: Option<CertificateCode>,
}

impl CertificateBody {
	/// The bytes the issuer signs.
	pub fn signing_payload(&self, genesis_hash: &[u8; 32]) -> Vec<u8> {
		let mut out = Vec::with_capacity(CERTIFICATE_DOMAIN.len() + 32 + self.encoded_size());
		out.extend_from_slice(CERTIFICATE_DOMAIN);
		out.extend_from_slice(genesis_hash);
		self.encode_to(&mut out);
		out
	}
}

/// Grounds of a cancellation on application (YX-R §21 ¶1).
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
pub enum CancellationGround {
	/// §21(一): the resource is irrecoverable or lost.
	ResourceLost,
	/// §21(二): rights abandoned or their term expired (incl. end of the AO agreement).
	RightsAbandonedOrExpired,
	/// §21(三): the subject ceased to exist.
	SubjectCeased,
	/// §21(四): other cases under law.
	OtherLawful,
}

/// Why a certificate was cancelled (注销).
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
pub enum CancelReason {
	/// Cancellation registration approved (YX-R §21).
	OnApplication(CancellationGround),
	/// Expired without renewal, cancelled and announced (YX-R §23 ¶2).
	Expiry,
}

/// Grounds of revocation by the institution after verification (YX-R §27).
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
pub enum RevocationGround {
	/// §27(一): concealed facts, fraud, false materials.
	FalseMaterials,
	/// §27(二): tampered with or forged the e-certificate.
	ForgedCertificate,
	/// §27(三): unlawful use or improper gain.
	UnlawfulUse,
	/// §27(四): other violations of law.
	OtherViolation,
}

/// Stored status. `Expired` is not stored: it is derived from `valid_until` and the time.
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
pub enum CertificateStatus {
	/// Issued and not superseded, cancelled or revoked.
	Valid,
	/// Replaced by a newer certificate of the same registration.
	Superseded {
		/// The successor.
		by: CertificateCode,
		/// When.
		at: Moment,
	},
	/// Cancelled (注销).
	Cancelled {
		/// Why.
		reason: CancelReason,
		/// When.
		at: Moment,
	},
	/// Revoked (撤销, YX-R §27).
	Revoked {
		/// Ground.
		ground: RevocationGround,
		/// BLAKE2-256 of the revocation decision.
		decision: Digest,
		/// When.
		at: Moment,
	},
}

/// One issued certificate as stored on chain (`Certificate::Certificates[code]`).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct CertificateRecord {
	/// The signed body.
	pub body: CertificateBody,
	/// The issuer's ed25519 signature over [`CertificateBody::signing_payload`].
	pub signature: Ed25519Signature,
	/// Current status.
	pub status: CertificateStatus,
	/// The issuer's SM2 co-signature over the same [`CertificateBody::signing_payload`], with the
	/// SM3 digest of that payload ([`crate::sm2`]). `None`: issued without one (the institution had
	/// no SM2 key and SM2 was not required, or issued before co-signatures existed).
	pub sm2: Option<Sm2CoSignature>,
}

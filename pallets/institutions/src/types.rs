//! Types stored by `pallet-institutions` besides the shared [`InstitutionRecord`].

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use dengji_primitives::{
	institution::{InstitutionRecord, InstitutionStatus, MAX_PEER_ID_LEN},
	traits::AgentScope,
	BoundedName, DayIndex, Digest, DivisionCode, DivisionLevel, Moment,
};
use frame_support::{pallet_prelude::*, BoundedVec};
use scale_info::TypeInfo;

/// The institution record as stored (the shared contract type).
pub type InstitutionOf<T> = InstitutionRecord<<T as frame_system::Config>::AccountId>;
/// A sanction record of this runtime (YX-R §26).
pub type SanctionRecordOf<T> = SanctionRecord<<T as frame_system::Config>::AccountId>;
/// A filing record of this runtime (YN-D §45, YX-R §7 ¶2).
pub type FilingOf<T> = Filing<<T as frame_system::Config>::AccountId>;
/// A complaint of this runtime (YX-R §25).
pub type ComplaintOf<T> = Complaint<<T as frame_system::Config>::AccountId>;
/// A libp2p PeerId in bytes.
pub type PeerId = BoundedVec<u8, ConstU32<MAX_PEER_ID_LEN>>;
/// The accounts a subject acts through.
pub type SubjectAccountsOf<T> =
	BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxSubjectAccounts>;
/// A subject record of this runtime.
pub type SubjectRecordOf<T> =
	SubjectRecord<<T as frame_system::Config>::AccountId, <T as Config>::MaxSubjectAccounts>;

/// State machine of an institution's status (YX-R §26).
///
/// ```text
/// Active ──suspend──▶ Suspended ──reinstate──▶ Active
///   │                    │
///   └────disqualify──────┴──▶ Disqualified (final; cases transferred by authority order, Q17)
/// ```
pub fn can_transition(from: InstitutionStatus, to: InstitutionStatus) -> bool {
	use InstitutionStatus::*;
	matches!(
		(from, to),
		(Active, Suspended)
			| (Suspended, Active)
			| (Active, Disqualified)
			| (Suspended, Disqualified)
	)
}

/// Whether a code decoded from SCALE satisfies the GB/T 2260 invariant.
pub fn division_is_valid(code: &DivisionCode) -> bool {
	DivisionCode::new(code.get()).is_ok()
}

/// Whether `code` is a county (县级) division.
pub fn is_county(code: &DivisionCode) -> bool {
	code.level() == DivisionLevel::County
}

/// A registration subject (登记主体): a legal person or unincorporated organisation identified by its
/// USCC (YN23 §20; individuals are never subjects, Q20).
#[derive(
	frame_support::CloneNoBound,
	frame_support::PartialEqNoBound,
	frame_support::EqNoBound,
	frame_support::DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxAccounts))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct SubjectRecord<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxAccounts: Get<u32>,
> {
	/// Name, UTF-8.
	pub name: BoundedName,
	/// Division of its registered seat (jurisdiction, Q16).
	pub division: DivisionCode,
	/// The institution that admitted it.
	pub admitted_by: DivisionCode,
	/// When it was admitted (chain time).
	pub admitted_at: Moment,
	/// Accounts that act as the subject itself (its staff keys).
	pub accounts: BoundedVec<AccountId, MaxAccounts>,
}

/// What kind of real-name participant an account is (YX-R §22: "任何单位或者个人").
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum PersonKind {
	/// A natural person verified by a citizen ID or another valid ID document (YN23 §20(1)).
	Individual,
	/// An organisation verified by its USCC or another identifying code (YN23 §20(2)(3)).
	Organisation,
}

/// A real-name verified participant (实名, YX-R §22). No personal data on chain (docs/spec/DESIGN.md §6): only
/// a salted digest of the identity document data, kept by the verifying institution.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct PersonRecord {
	/// BLAKE2-256 of the salted identity data; the salt and data stay with the institution.
	pub identity_digest: Digest,
	/// The institution that verified the identity.
	pub verified_by: DivisionCode,
	/// Individual or organisation.
	pub kind: PersonKind,
}

/// A power of attorney (委托书, YX-R §18(六), §19(三), §20(四), §21(三)) given by a subject to an agent
/// (a third-party service institution or a person, YX-R §6, §11). An agent that is an account of
/// a registered third-party service institution holds it through that institution (YX-R §28):
/// `service_institution` names it, and the power acts only while the institution is active.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct PowerOfAttorney {
	/// What the agent may do.
	pub scope: AgentScope,
	/// Last day on which the power is valid (inclusive).
	pub expires_on: DayIndex,
	/// BLAKE2-256 of the signed power-of-attorney document (kept off chain).
	pub document: Digest,
	/// The registered third-party service institution (USCC) the agent acts for as a business
	/// (YX-R §11, §28); `None`: the agent acts in its own name (a person or an organisation
	/// that is not a service institution, YX-R §21(三) "委托其他机构或者个人").
	pub service_institution: Option<dengji_primitives::Uscc>,
}

impl PowerOfAttorney {
	/// Whether the power lets its agent act in `needed` on `today`.
	pub fn allows(&self, needed: AgentScope, today: DayIndex) -> bool {
		self.scope.covers(needed) && today <= self.expires_on
	}
}

/// The ground of a sanction on a registration institution, YX-R §26 (一)–(五) (YN-D §63).
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum SanctionGround {
	/// (一) 开展虚假登记: false registration.
	FalseRegistration,
	/// (二) 擅自篡改、伪造电子凭证: tampering with or forging electronic certificates.
	CertificateTampering,
	/// (三) 私自泄露登记信息或者利用登记信息进行不正当获利: leaking registration information or
	/// profiting from it.
	InformationLeak,
	/// (四) 履职不当或者拒不履职: improper performance or refusal to perform.
	ImproperPerformance,
	/// (五) 其他违反法律法规的情况: other violations of laws and regulations.
	OtherViolation,
}

/// The measure of a sanction, YX-R §26 "约谈、现场指导或者取消登记机构资格等处理措施". Only
/// `Suspension` and `Disqualification` change the institution's status; an interview or on-site
/// guidance is recorded and the institution keeps working.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum SanctionMeasure {
	/// 约谈: interview; the institution stays active.
	Interview,
	/// 现场指导: on-site guidance; the institution stays active.
	OnSiteGuidance,
	/// Suspension (one of the "等" measures): as `suspend_institution`.
	Suspension,
	/// 取消登记机构资格: disqualification, final; as `disqualify_institution`.
	Disqualification,
}

/// One sanction decision on an institution (YX-R §26), kept for ever in
/// `Institutions::Sanctions` under (division, index).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct SanctionRecord<AccountId> {
	/// The ground, YX-R §26 (一)–(五).
	pub ground: SanctionGround,
	/// The measure taken.
	pub measure: SanctionMeasure,
	/// BLAKE2-256 of the written decision (kept off chain).
	pub decision: Digest,
	/// When it was recorded (chain time).
	pub at: Moment,
	/// The deciding authority's account; `None` for the province authority (`AuthorityOrigin`).
	pub by: Option<AccountId>,
}

/// The filing (备案) of an institution with the authority one level up, kept for ever in
/// `Institutions::Filings`: a city institution determined by its city data authority is filed
/// with the province authority (YN-D §45 ¶2 "确定本州（市）公共数据资源登记机构，并向省数据主管部门
/// 备案"); a county institution with its city authority (YX-R §7 ¶2 "报市数据主管部门备案").
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Filing<AccountId> {
	/// The division of the authority it is filed with (the province, or the enclosing city).
	pub filed_with: DivisionCode,
	/// The determining authority's account (the city or county authority); `None` when the
	/// province authority (`AuthorityOrigin`) recorded it, or for a filing migrated from
	/// storage v4 (the filer was not recorded then).
	pub by: Option<AccountId>,
	/// BLAKE2-256 of the filing document (备案材料), when recorded with one.
	pub reference: Option<Digest>,
	/// When it was filed (chain time).
	pub at: Moment,
}

/// A complaint's number in `Institutions::Complaints`: 0, 1, … in order of receipt.
pub type ComplaintId = u32;

/// How a complaint (投诉举报, YX-R §25(二)) came onto the chain.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum Complainant<AccountId> {
	/// Lodged by a real-name participant (YX-R §22: a real-name person or organisation, or a
	/// registration subject's account) with its own account. Who the person is stays off chain
	/// (docs/spec/DESIGN.md §6): the account and its salted identity digest only.
	RealName(AccountId),
	/// Recorded by the data authority that received it off chain (letter, hotline, window);
	/// `None`: the province authority (`AuthorityOrigin`), `Some`: a city or county authority.
	Authority(Option<AccountId>),
}

/// Where the data authority referred a complaint, YX-R §25(二) "协调、督促相关部门…进行处理":
/// the institution complained about, or one of the departments §25 names.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ComplaintReferral {
	/// The registration institution complained about (or the one that took over its cases, Q17).
	Institution,
	/// 网信: the cyberspace administration.
	Cyberspace,
	/// 政务服务: the government services administration.
	GovernmentServices,
	/// 财政: the finance department.
	Finance,
	/// 国资: the state-owned assets department.
	StateAssets,
	/// 各行业主管部门: an industry regulator.
	IndustryRegulator,
}

/// The outcome of a complaint (YX-R §25(二) 处理).
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ComplaintOutcome {
	/// 成立: the complaint is upheld; it stays listed against the institution for its supervision.
	Upheld,
	/// 不成立: the complaint is dismissed.
	Dismissed,
}

/// Where a complaint stands, as listed per institution in `Institutions::InstitutionComplaints`.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ComplaintStatus {
	/// Received, not yet referred or decided.
	Received,
	/// Referred, not yet decided.
	Referred,
	/// Decided: upheld.
	Upheld,
	/// Decided: dismissed.
	Dismissed,
}

/// A step of a complaint taken by a data authority: when and by whom.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ComplaintReferralRecord<AccountId> {
	/// Where it was referred.
	pub to: ComplaintReferral,
	/// When (chain time).
	pub at: Moment,
	/// The referring authority's account; `None`: the province authority.
	pub by: Option<AccountId>,
}

/// The decision on a complaint.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ComplaintDecision<AccountId> {
	/// Upheld or dismissed.
	pub outcome: ComplaintOutcome,
	/// BLAKE2-256 of the written decision (kept off chain).
	pub decision: Digest,
	/// When (chain time).
	pub at: Moment,
	/// The deciding authority's account; `None`: the province authority.
	pub by: Option<AccountId>,
}

/// A complaint about a registration institution's registration acts (YX-R §25(二) 投诉举报),
/// kept for ever in `Institutions::Complaints`. Only digests: the complaint's text, the
/// complainant's identity and the decision stay off chain (docs/spec/DESIGN.md §6).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Complaint<AccountId> {
	/// The institution whose registration acts are complained about.
	pub institution: DivisionCode,
	/// Who lodged or recorded it.
	pub complainant: Complainant<AccountId>,
	/// BLAKE2-256 of the complaint's content (kept off chain).
	pub content: Digest,
	/// When it was received (chain time).
	pub received_at: Moment,
	/// The referral, once referred.
	pub referral: Option<ComplaintReferralRecord<AccountId>>,
	/// The decision, once decided (final).
	pub decision: Option<ComplaintDecision<AccountId>>,
}

impl<AccountId> Complaint<AccountId> {
	/// Where the complaint stands.
	pub fn status(&self) -> ComplaintStatus {
		match (&self.decision, &self.referral) {
			(Some(d), _) => match d.outcome {
				ComplaintOutcome::Upheld => ComplaintStatus::Upheld,
				ComplaintOutcome::Dismissed => ComplaintStatus::Dismissed,
			},
			(None, Some(_)) => ComplaintStatus::Referred,
			(None, None) => ComplaintStatus::Received,
		}
	}

	/// The account whose open complaints this one counts against (`OpenComplaints`).
	pub fn real_name_complainant(&self) -> Option<&AccountId> {
		match &self.complainant {
			Complainant::RealName(who) => Some(who),
			Complainant::Authority(_) => None,
		}
	}
}

/// Most accounts a third-party service institution acts through.
pub const MAX_SERVICE_ACCOUNTS: u32 = 8;
/// The accounts of a third-party service institution.
pub type ServiceAccounts<AccountId> = BoundedVec<AccountId, ConstU32<MAX_SERVICE_ACCOUNTS>>;
/// A service institution record of this runtime (YX-R §28).
pub type ServiceInstitutionOf<T> = ServiceInstitution<<T as frame_system::Config>::AccountId>;

/// Status of a third-party service institution (第三方专业服务机构, YX-R §11, §28) registered
/// by the data authority.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ServiceInstitutionStatus {
	/// Its agents act under the powers of attorney they hold through it.
	Active,
	/// Suspended by the data authority: its agents' powers are inert until it is reinstated.
	Suspended,
	/// Removed (final): its agents' powers are inert for ever; the record stays.
	Removed,
}

/// What a third-party service institution did, YX-R §28 "不得存在虚假记载、误导性陈述、信息泄露等
/// 违法违规行为": the ground of a suspension or removal.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ServiceMisconduct {
	/// 虚假记载: a false record.
	FalseRecord,
	/// 误导性陈述: a misleading statement.
	MisleadingStatement,
	/// 信息泄露: an information leak.
	InformationLeak,
	/// 等违法违规行为: another violation of laws or regulations.
	OtherViolation,
}

/// The data authority's latest decision on a service institution's status.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ServiceDecision {
	/// The YX-R §28 ground, if the decision is for misconduct (`None`: e.g. the institution
	/// asked to be removed, or a reinstatement).
	pub ground: Option<ServiceMisconduct>,
	/// BLAKE2-256 of the written decision (kept off chain); zero for a reinstatement.
	pub decision: Digest,
	/// When (chain time).
	pub at: Moment,
}

/// A third-party service institution (第三方专业服务机构, YX-R §11, §28) registered by the data
/// authority: a firm that acts as agent for registration subjects as a business, under
/// powers of attorney it holds through the accounts listed here.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ServiceInstitution<AccountId> {
	/// Name, UTF-8.
	pub name: BoundedName,
	/// The accounts through which it acts (each a real-name participant when it is granted a
	/// power of attorney).
	pub accounts: ServiceAccounts<AccountId>,
	/// Active, suspended or removed.
	pub status: ServiceInstitutionStatus,
	/// The registering authority: `None` the province authority, `Some(city)` a city authority
	/// (which alone, with the province, changes the record).
	pub authority: Option<DivisionCode>,
	/// When it was registered (chain time).
	pub registered_at: Moment,
	/// The latest suspension, reinstatement or removal.
	pub last_decision: Option<ServiceDecision>,
}

/// Who is acting on an institution: the province data authority (any institution), a city data
/// authority (the county institutions of its city, YX-R §7) or a county data authority (its own
/// county's institution, for filing and sanctions: YX-R §7 ¶2, YN-D §63).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Actor<AccountId> {
	/// `T::AuthorityOrigin`.
	Province,
	/// A city data authority account and its city.
	City(AccountId, DivisionCode),
	/// A county data authority account and its county (YX-R §7 ¶2, YN-D §63).
	County(AccountId, DivisionCode),
}

impl<AccountId: Clone> Actor<AccountId> {
	/// The signing account, if any.
	pub fn account(&self) -> Option<AccountId> {
		match self {
			Actor::Province => None,
			Actor::City(who, _) | Actor::County(who, _) => Some(who.clone()),
		}
	}
}

/// Serde for UTF-8 byte strings as JSON strings (genesis names).
pub mod utf8 {
	use alloc::{string::String, vec::Vec};

	/// Serializes UTF-8 bytes as a string.
	pub fn serialize<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
		let text = core::str::from_utf8(bytes).map_err(serde::ser::Error::custom)?;
		s.serialize_str(text)
	}

	/// Deserializes a string into its UTF-8 bytes.
	pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
		<String as serde::Deserialize>::deserialize(d).map(String::into_bytes)
	}
}

/// Serde of an optional SM2 public key as a `0x`-prefixed hex string (chain specs).
pub mod sm2_key_hex {
	use alloc::{format, string::String};
	use dengji_primitives::Sm2Public;

	/// Serializes `Some(key)` as `"0x04…"`, `None` as `null`.
	pub fn serialize<S: serde::Serializer>(
		key: &Option<Sm2Public>,
		s: S,
	) -> Result<S::Ok, S::Error> {
		match key {
			Some(k) => {
				let hex: String = k.iter().map(|b| format!("{b:02x}")).collect();
				s.serialize_str(&format!("0x{hex}"))
			}
			None => s.serialize_none(),
		}
	}

	/// Deserializes `"0x04…"` (130 hex digits after `0x`) or `null`.
	pub fn deserialize<'de, D: serde::Deserializer<'de>>(
		d: D,
	) -> Result<Option<Sm2Public>, D::Error> {
		use serde::de::Error;
		let Some(text) = <Option<String> as serde::Deserialize>::deserialize(d)? else {
			return Ok(None);
		};
		let hex = text.strip_prefix("0x").unwrap_or(&text);
		if hex.len() != 130 || !hex.is_ascii() {
			return Err(D::Error::custom("an SM2 key is 65 bytes: 0x followed by 130 hex digits"));
		}
		let mut key = [0u8; 65];
		for (i, b) in key.iter_mut().enumerate() {
			let pair = hex.get(2 * i..2 * i + 2).ok_or_else(|| D::Error::custom("bad hex"))?;
			*b = u8::from_str_radix(pair, 16).map_err(|_| D::Error::custom("bad hex digit"))?;
		}
		Ok(Some(key))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use InstitutionStatus::*;

	/// YX-R §26: interview (suspend), reinstate, disqualify; disqualified is final.
	#[test]
	fn can_transition_follows_yx_r_26() {
		assert!(can_transition(Active, Suspended));
		assert!(can_transition(Suspended, Active));
		assert!(can_transition(Active, Disqualified));
		assert!(can_transition(Suspended, Disqualified));
		for to in [Active, Suspended, Disqualified] {
			assert!(!can_transition(Disqualified, to));
		}
		assert!(!can_transition(Active, Active));
		assert!(!can_transition(Suspended, Suspended));
	}

	#[test]
	fn power_of_attorney_allows_checks_scope_and_expiry() {
		let p = PowerOfAttorney {
			scope: AgentScope::Apply,
			expires_on: 10,
			document: [0; 32],
			service_institution: None,
		};
		assert!(p.allows(AgentScope::Apply, 10));
		assert!(!p.allows(AgentScope::Apply, 11));
		assert!(!p.allows(AgentScope::Rebut, 5));
		let all = PowerOfAttorney { scope: AgentScope::All, ..p };
		assert!(all.allows(AgentScope::Rebut, 5));
	}
}

//! Domain types of the registration pallet: application kinds, the application state machine
//! (docs/spec/requirements.md §2.4), the objection sub-machine (§2.5), clocks, refusal grounds (YX-R §17),
//! registrations and authorised-operation agreements (YX-AO §17).

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use dengji_primitives::{
	catalogue::BasicDetails,
	certificate::{CancellationGround, IssuingAct},
	BoundedName, CertificateCode, DayIndex, Deadline, Digest, DivisionCode, Moment, ObjectKind,
	RegistrationId, Uscc,
};
use frame_support::{pallet_prelude::Get, BoundedVec};
use scale_info::TypeInfo;

/// Identifier of an objection (异议).
pub type ObjectionId = u64;
/// Identifier of an authorised-operation agreement (授权运营协议).
pub type AgreementId = u64;
/// Identifier of a provision of data resources for an authorised operation (YX-R §18 ¶3).
pub type ProvisionId = u64;

/// Registration types (YX-R §14 ¶2) plus renewal (续展, YX-R §23 ¶2).
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
pub enum ApplicationKind {
	/// 首次登记 (YX-R §18).
	FirstTime,
	/// 变更登记 (YX-R §19).
	Change,
	/// 更正登记 (YX-R §20).
	Correction,
	/// 注销登记 (YX-R §21).
	Cancellation,
	/// 续展 (YX-R §23 ¶2).
	Renewal,
}

impl ApplicationKind {
	/// Whether this type goes through publicity and objections. Q6, Q14: first, change and
	/// correction do; cancellation (YX-R §21: "申请、受理、审查和销证") and renewal do not.
	pub fn has_publicity(&self) -> bool {
		matches!(self, Self::FirstTime | Self::Change | Self::Correction)
	}

	/// Whether the application concerns the certificate's life (renewal, YX-R §23 ¶2;
	/// cancellation, YX-R §21) rather than the registered content: such an application is open
	/// in `LifecyclePending`, beside a change or correction in `Registration::pending`.
	pub fn is_lifecycle(&self) -> bool {
		matches!(self, Self::Renewal | Self::Cancellation)
	}

	/// The certificate issuing act on approval, if approval issues a certificate.
	pub fn issuing_act(&self) -> Option<IssuingAct> {
		match self {
			Self::FirstTime => Some(IssuingAct::FirstTime),
			Self::Change => Some(IssuingAct::Change),
			Self::Correction => Some(IssuingAct::Correction),
			Self::Renewal => Some(IssuingAct::Renewal),
			Self::Cancellation => None,
		}
	}
}

/// What is asked for, with the data specific to each type.
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
pub enum Request {
	/// 首次登记.
	FirstTime,
	/// 变更登记.
	Change,
	/// 更正登记 with the BLAKE2-256 of the supporting evidence (YX-R §20 ¶2(二)).
	Correction {
		/// Evidence that the registered information is wrong, or the subject's written consent.
		evidence: Digest,
	},
	/// 注销登记 on one of the grounds of YX-R §21 ¶1.
	Cancellation {
		/// Ground.
		ground: CancellationGround,
	},
	/// 续展 for `years` (1..=3, YX-R §23 ¶2).
	Renewal {
		/// Requested renewal term in years.
		years: u8,
	},
}

impl Request {
	/// The application type.
	pub fn kind(&self) -> ApplicationKind {
		match self {
			Self::FirstTime => ApplicationKind::FirstTime,
			Self::Change => ApplicationKind::Change,
			Self::Correction { .. } => ApplicationKind::Correction,
			Self::Cancellation { .. } => ApplicationKind::Cancellation,
			Self::Renewal { .. } => ApplicationKind::Renewal,
		}
	}
}

/// Who filed the application.
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
pub enum ApplicantRole {
	/// The subject's own account, or its agent under a power of attorney (委托书).
	SubjectOrAgent,
	/// A real-name interested party (利害关系人) applying for a correction (YX-R §20).
	InterestedParty,
	/// The legal successor (权利义务承继者) of a subject that ceased to exist, applying for
	/// cancellation under YX-R §21(三) (Q8), through its own account or agent; `document`:
	/// BLAKE2-256 of the succession document (merger, division, transfer order).
	Successor {
		/// The successor, a registration subject.
		successor: Uscc,
		/// The succession document.
		document: Digest,
	},
	/// A liquidator (清算组, 破产管理人), a real-name participant, applying for cancellation of a
	/// dissolved or bankrupt subject's registration under YX-R §21(三) (Q8); `document`:
	/// BLAKE2-256 of its appointment or the liquidation document.
	Liquidator {
		/// The liquidation document.
		document: Digest,
	},
	/// The data authority's order to cancel (Q8: ex officio cancellation other than on expiry
	/// needs a data-authority instruction recorded on chain); `order`: BLAKE2-256 of the order.
	AuthorityOrder {
		/// The order.
		order: Digest,
	},
}

/// Who, other than the subject, applies for a cancellation under YX-R §21(三) (Q8).
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
pub enum SuccessionApplicant {
	/// The subject's legal successor, a registration subject (the signer acts for it).
	Successor(Uscc),
	/// A liquidator (the signer, a real-name participant).
	Liquidator,
}

/// Application states, exactly docs/spec/requirements.md §2.4. Cancellation and renewal use the same states
/// without `InPublicity` and `Deferred` (their review pass is the decision itself).
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
pub enum ApplicationState {
	/// 已申请（待受理): the 3 WD acceptance clock runs.
	Submitted,
	/// 待补正: the one-time deficiency notice was issued; the subject's 10 WD clock runs.
	SupplementRequested,
	/// 不予受理 (terminal).
	NotAccepted,
	/// 视为撤回: the supplement period lapsed (terminal, but for one way back: a justified reason
	/// (正当理由) the institution records reinstates it, YX-R §16 ¶2).
	DeemedWithdrawn,
	/// 撤回 (terminal).
	Withdrawn,
	/// 已受理／审查中: the review clock runs (20 WD; cancellation 10 WD to completion).
	UnderReview,
	/// 审查未通过／不予登记 (terminal).
	Refused,
	/// 公示中: the 10 WD publicity window runs; objections may be lodged.
	InPublicity,
	/// 暂缓登记: publicity ended with at least one objection unresolved.
	Deferred,
	/// 终止登记 after an upheld objection (terminal).
	Terminated,
	/// 核准 (terminal): certificate drafted, or (cancellation) certificate cancelled.
	Approved,
	/// Closed (terminal): the registration it concerns was revoked (YX-R §27) or cancelled on
	/// expiry (YX-R §23 ¶2) while it was open, so there is nothing left to decide.
	Closed,
}

impl ApplicationState {
	/// Whether the application has ended: no clock runs and nothing more is decided. Only
	/// `DeemedWithdrawn` has a way back (YX-R §16 ¶2, see [`Self::can_transition`]).
	pub fn is_terminal(&self) -> bool {
		matches!(
			self,
			Self::NotAccepted
				| Self::DeemedWithdrawn
				| Self::Withdrawn
				| Self::Refused
				| Self::Terminated
				| Self::Approved
				| Self::Closed
		)
	}

	/// Whether `self → to` is a transition of docs/spec/requirements.md §2.4 (T1–T14).
	pub fn can_transition(&self, to: ApplicationState) -> bool {
		use ApplicationState::*;
		// YX-R §27, §23 ¶2: any open application closes when its registration ends.
		if to == Closed {
			return !self.is_terminal();
		}
		matches!(
			(self, to),
			// T2, T3, T4 (intake deficiency notice), T7.
			(Submitted, UnderReview) |
				(Submitted, NotAccepted) |
				(Submitted, SupplementRequested) |
				(Submitted, Withdrawn) |
				// T5, T6, T7.
				(SupplementRequested, Submitted) |
				(SupplementRequested, DeemedWithdrawn) |
				// YX-R §16 ¶2: "无正当理由逾期…视为撤回": a justified reason recorded after the
				// lapse reinstates the application.
				(DeemedWithdrawn, SupplementRequested) |
				(SupplementRequested, Withdrawn) |
				// Q5 deficiency notice in review, T7, T8, T9; cancellation and renewal are
				// decided straight from review.
				(UnderReview, SupplementRequested) |
				(UnderReview, Withdrawn) |
				(UnderReview, InPublicity) |
				(UnderReview, Refused) |
				(UnderReview, Approved) |
				// T11, T12, T14; YX-R §17: refusal on a ground found during publicity.
				(InPublicity, Approved) |
				(InPublicity, Deferred) |
				(InPublicity, Terminated) |
				(InPublicity, Refused) |
				// T13, T14; YX-R §17: refusal on a ground found during deferral.
				(Deferred, Approved) |
				(Deferred, Terminated) |
				(Deferred, Refused)
		)
	}

	/// Whether the subject may still withdraw (before publicity, YX-R §18 ¶2, Q7).
	pub fn is_withdrawable(&self) -> bool {
		matches!(self, Self::Submitted | Self::SupplementRequested | Self::UnderReview)
	}
}

/// Objection states (docs/spec/requirements.md §2.5).
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
pub enum ObjectionState {
	/// 提出异议: lodged; the institution must forward it within 3 WD.
	Lodged,
	/// 转送登记主体: the subject received it; its 10 WD rebuttal clock runs.
	Forwarded,
	/// The subject rebutted (异议申辩).
	Rebutted,
	/// 10 WD passed without a rebuttal; the objection is still undecided (Q9).
	RebuttalLapsed,
	/// 异议成立 (terminal): the application is terminated.
	Upheld,
	/// 异议不成立 (terminal).
	Dismissed,
	/// Closed undecided (terminal): the application ended first (another objection upheld, or
	/// refused, or its registration ended); the parties were notified (YX-R §22 ¶2).
	Closed,
	/// 存在争议 (terminal, appended in storage v6): the objection shows that the subject has not
	/// agreed with an interested party (YX-R §17(四)) or that ownership is disputed (§17(五)); the
	/// application's dispute is raised with this objection as its source (`RaisedDisputes`,
	/// Q32): approval waits for the recorded resolution, or the application is refused.
	Disputed,
}

impl ObjectionState {
	/// Whether the objection still blocks approval (YX-R §22 ¶2 "异议期间暂缓登记").
	pub fn is_open(&self) -> bool {
		!matches!(self, Self::Upheld | Self::Dismissed | Self::Closed | Self::Disputed)
	}

	/// Whether `self → to` is a transition of docs/spec/requirements.md §2.5 (O1–O5).
	pub fn can_transition(&self, to: ObjectionState) -> bool {
		use ObjectionState::*;
		// YX-R §22 ¶2: an undecided objection closes when its application has ended.
		if to == Closed {
			return self.is_open();
		}
		matches!(
			(self, to),
			(Lodged, Forwarded)
				| (Forwarded, Rebutted)
				| (Forwarded, RebuttalLapsed)
				| (Rebutted, Upheld)
				| (Rebutted, Dismissed)
				| (RebuttalLapsed, Upheld)
				| (RebuttalLapsed, Dismissed)
				| (Rebutted, Disputed)
				| (RebuttalLapsed, Disputed)
		)
	}
}

/// Refusal grounds (不予登记): YX-R §17 (R1–R7) and the eligibility conditions of YX-R §13 (C1–C3).
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
pub enum RefusalGround {
	/// R1, §17(一): national core data, or state secrets, trade secrets or personal privacy.
	CoreDataOrSecrets,
	/// R2, §17(二): may violate public order and good morals.
	PublicOrder,
	/// R3, §17(三): unlawfully obtained, or without the source's required authorisation.
	UnlawfulSource,
	/// R4, §17(四): no agreement yet with other interested parties.
	InterestedPartyDisagrees,
	/// R5, §17(五): unresolved ownership dispute.
	OwnershipDispute,
	/// R6, §17(六): an objection exists and is upheld.
	ObjectionUpheld,
	/// R7, §17(七): other cases under law.
	OtherLegal,
	/// C1, §13(一): does not meet laws, regulations and standards.
	NonCompliant,
	/// C2, §13(二): data-quality defects.
	QualityDefect,
	/// C3, §13(三): state secret or work secret.
	StateOrWorkSecret,
}

impl RefusalGround {
	/// Whether this ground may still refuse an application in publicity or deferred (YX-R §17):
	/// the substantive grounds that publicity, an objection or a dispute can bring to light, i.e.
	/// national core data or secrets (一), an unlawful source (三) and a dispute found well founded
	/// (四)(五). The formal-review grounds (§13 C1–C3, §17(二)(七)) were settled when the review
	/// passed; an upheld objection (六) ends the application by termination (终止登记, §22 ¶3).
	pub fn may_follow_publicity(&self) -> bool {
		matches!(
			self,
			Self::CoreDataOrSecrets
				| Self::UnlawfulSource
				| Self::InterestedPartyDisagrees
				| Self::OwnershipDispute
		)
	}
}

/// Number of distinct refusal grounds (bound of a deduplicated list).
pub const MAX_REFUSAL_GROUNDS: u32 = 10;

/// Grounds recorded with a refusal.
pub type RefusalGrounds =
	BoundedVec<RefusalGround, frame_support::traits::ConstU32<MAX_REFUSAL_GROUNDS>>;

/// Dispute flags that block approval (YX-R §17(四)(五), Q41).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct DisputeFlags {
	/// §17(四): no agreement yet with other interested parties on the registered content.
	pub interested_party: bool,
	/// §17(五): unresolved ownership dispute.
	pub ownership: bool,
}

impl DisputeFlags {
	/// Whether any flag is raised.
	pub fn any(&self) -> bool {
		self.interested_party || self.ownership
	}
}

/// What a raised dispute blocks (Q32, Q41): an application's approval, or a registration's
/// issuing acts (change, correction, renewal).
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
pub enum DisputeTarget {
	/// An open application.
	Application(dengji_primitives::ApplicationId),
	/// An active registration.
	Registration(dengji_primitives::RegistrationId),
}

/// Where a raised dispute comes from (Q32; YX-R §17(四)(五), §22, §25).
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
pub enum DisputeSource {
	/// An objection decided `Disputed` (YX-R §22 ¶2, §17(四)(五)).
	Objection(ObjectionId),
	/// A complaint the data authority decided upheld against the institution's act on the
	/// target (YX-R §25(二)); its number in `Institutions::Complaints`.
	Complaint(u32),
}

/// A dispute raised from an objection or a complaint (Q32): it blocks approval like the manual
/// flags (YX-R §17(四)(五)) and is cleared only by `resolve_dispute` with the digest of the
/// resolution.
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
pub struct RaisedDispute {
	/// The §17 paragraphs the dispute falls under (at least one).
	pub flags: DisputeFlags,
	/// Digest of the decision that raised it (the objection's decision; the institution's
	/// record of the complaint's consequence).
	pub decision: Digest,
	/// When it was raised (chain time).
	pub raised_at: Moment,
}

/// Which legal period a timer measures (docs/spec/requirements.md §2.8).
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
pub enum TimerKind {
	/// D3: accept or refuse within 3 WD of receipt (YX-R §16 ¶1). Institution.
	Acceptance,
	/// D5: review within 20 WD of acceptance (YX-R §16 ¶1). Institution.
	Review,
	/// D4: resubmit within 10 WD of the notice, else deemed withdrawn (YX-R §16 ¶2). Subject.
	Supplement,
	/// D6: publicity of 10 WD from the publicity date (YX-R §22 ¶1).
	Publicity,
	/// D10: cancellation completed within 10 WD of acceptance (YX-R §21). Institution.
	Cancellation,
	/// D7: forward the objection within 3 WD (YX-R §22 ¶2). Institution.
	Forward,
	/// D8: rebuttal within 10 WD of the subject's receipt (YX-R §22 ¶2). Subject.
	Rebuttal,
	/// The operator's first registration within 20 WD of the delivery of products and services
	/// under an authorised-operation agreement, or within 30 WD of the measures taking effect for
	/// a delivery before (YX-R §18 ¶3, YX-AO §25, KM §23). Operator (a miss names it).
	RegistrationDuty,
}

impl TimerKind {
	/// Whether the institution must act before this deadline (a miss is reported to the data
	/// authority, YX-R §26(四), Q27; the chain never acts for the institution).
	pub fn binds_institution(&self) -> bool {
		matches!(self, Self::Acceptance | Self::Review | Self::Cancellation | Self::Forward)
	}
}

/// A running legal clock.
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
pub struct Timer {
	/// What it measures.
	pub kind: TimerKind,
	/// The trigger day (excluded from the count, Q3).
	pub started_on: DayIndex,
	/// Last day in time, and whether it is provisional.
	pub deadline: Deadline,
	/// The `Due` queue day the sweep looks at it (≥ `deadline.due`, later when that day was full).
	pub queued_on: DayIndex,
	/// Whether its expiry has been handled (institution miss reported, or the lapse applied).
	pub handled: bool,
}

/// A queued item for the `on_idle` sweep.
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
pub enum DueItem {
	/// The running timer of an application.
	Application(dengji_primitives::ApplicationId),
	/// The running timer of an objection.
	Objection(ObjectionId),
	/// The registration-duty timer of an agreement's delivery (YX-R §18 ¶3).
	Agreement(AgreementId),
	/// The registration-duty timer of a holder's provision of data resources for an authorised
	/// operation (YX-R §5, §18 ¶3).
	Provision(ProvisionId),
}

/// Public registration basic information (YX-R §12, docs/spec/DESIGN.md §6): only the fields published in
/// the notice (YX-R §22 ¶1) in clear, the rest as BLAKE2-256 digests.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxSummary, MaxMaterials))]
pub struct BasicInfo<MaxSummary: Get<u32>, MaxMaterials: Get<u32>> {
	/// 数据名称 (YX-R §12(一)), UTF-8.
	pub data_name: BoundedName,
	/// 数据内容简介 (YX-R §22 ¶1), UTF-8.
	pub summary: BoundedVec<u8, MaxSummary>,
	/// BLAKE2-256 of the complete basic-information form (YX-R §12).
	pub content_digest: Digest,
	/// BLAKE2-256 of each application material (forms, evidence of 存证, undertakings, 委托书).
	pub materials: BoundedVec<Digest, MaxMaterials>,
}

/// Publicity window of an application (YX-R §22 ¶1).
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
pub struct PublicityWindow {
	/// 公示之日: the publicity date (trigger day, objections accepted from this day).
	pub opened_on: DayIndex,
	/// Instant of publication.
	pub opened_at: Moment,
	/// Last day of publicity (10 WD counted from the publicity date).
	pub closes: Deadline,
	/// Whether the end of publicity has been recorded.
	pub closed: bool,
}

impl PublicityWindow {
	/// Whether an objection lodged on `today` is inside the window (Q10(d)).
	pub fn is_open_on(&self, today: DayIndex) -> bool {
		today >= self.opened_on && !self.closes.is_overdue(today)
	}
}

/// One application (首次/变更/更正/注销/续展).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxSummary, MaxMaterials))]
pub struct Application<AccountId, MaxSummary: Get<u32>, MaxMaterials: Get<u32>> {
	/// Type and type-specific data.
	pub request: Request,
	/// Resource, or product/service.
	pub object: ObjectKind,
	/// The registration subject (登记主体).
	pub subject: Uscc,
	/// The signer who filed it.
	pub applicant: AccountId,
	/// In what capacity.
	pub role: ApplicantRole,
	/// The institution it is filed with (its cases follow a takeover, Q17).
	pub institution: DivisionCode,
	/// The registration concerned (all types but first registration).
	pub registration: Option<RegistrationId>,
	/// The authorised-operation agreement (products and services).
	pub agreement: Option<AgreementId>,
	/// Public fields and material digests.
	pub info: BasicInfo<MaxSummary, MaxMaterials>,
	/// Current state.
	pub state: ApplicationState,
	/// Instant of the current submission (first submission or last resubmission).
	pub submitted_at: Moment,
	/// How many times it was (re)submitted.
	pub submissions: u32,
	/// Whether the institution accepted a justified reason (正当理由) and extended the supplement
	/// period once (YX-R §16 ¶2, Q28).
	pub supplement_extended: bool,
	/// The running clock, if any.
	pub timer: Option<Timer>,
	/// The publicity window, once published.
	pub publicity: Option<PublicityWindow>,
	/// Dispute flags (YX-R §17(四)(五), Q41).
	pub disputes: DisputeFlags,
	/// Objections lodged (all of them).
	pub objections: u32,
	/// Objections not yet upheld or dismissed.
	pub open_objections: u32,
	/// Digest of the last institution notice or decision (non-acceptance reasons, deficiency
	/// notice, refusal decision, approval).
	pub decision: Option<Digest>,
	/// Grounds of a refusal (YX-R §17, §13).
	pub refusal: RefusalGrounds,
	/// Certificate drafted on approval.
	pub certificate: Option<CertificateCode>,
	/// The registrations a product or service derives from (Q42, YX-AO §24, YN-D §49(二)).
	pub derived_from: DerivedFrom,
	/// BLAKE2-256 of the justified reason (正当理由) the institution recorded for a late
	/// resubmission (YX-R §16 ¶2), if any.
	pub justified_reason: Option<Digest>,
	/// The other subjects of a joint application, each with its consent (YX-R §15, §12(八), Q30).
	pub co_subjects: CoSubjects,
	/// The typed basic information and classification (YX-R §12, YX-AO §31, YN-D §15).
	pub details: RecordedDetails,
	/// A validity other than 3 years the data authority recorded for the first certificate
	/// (YX-R §23 ¶1 "原则上").
	pub validity_exception: Option<ValidityException>,
	/// The business review the subject completed before applying (YX-R §14, §15, Q21).
	pub business_review: Option<BusinessReview>,
	/// The materials declared by kind (YX-R §18 ¶1, §19 ¶2, Q34); empty until declared.
	pub materials_by_kind: BoundedVec<TypedMaterial, MaxMaterials>,
	/// For an interested party's correction: the notice to the subject and its response
	/// (Q11, Q31).
	pub subject_notice: Option<CorrectionNotice>,
}

/// Most co-subjects (共有主体) of one application or registration besides its subject.
pub const MAX_CO_SUBJECTS: u32 = 8;

/// How a co-subject consented to a joint application (YX-R §15 "共同提出登记申请或者协商一致后
/// 由单独主体提出登记申请", Q30).
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
pub enum CoSubjectConsent {
	/// Not yet: the application is not accepted until every co-subject consented.
	Awaited,
	/// The applicant filed the co-subject's written consent (协商一致): its BLAKE2-256.
	Document(Digest),
	/// The co-subject (or its agent) signed the application itself (共同提出), at this instant.
	Signed {
		/// Instant of the signature.
		at: Moment,
	},
}

/// A co-subject of a joint application with its consent.
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
pub struct CoSubject {
	/// The co-subject's USCC (共有主体, YX-R §12(八)).
	pub subject: Uscc,
	/// Its consent.
	pub consent: CoSubjectConsent,
}

/// The co-subjects of an application.
pub type CoSubjects = BoundedVec<CoSubject, frame_support::traits::ConstU32<MAX_CO_SUBJECTS>>;
/// The co-subjects of a registration (共有主体名称, YX-R §12(八)).
pub type CoSubjectList = BoundedVec<Uscc, frame_support::traits::ConstU32<MAX_CO_SUBJECTS>>;

/// Input form of one co-subject: its USCC and, when the applicant files its written consent,
/// the consent's BLAKE2-256 (otherwise the co-subject signs with `consent_as_co_subject`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct JointSubject {
	/// The co-subject.
	pub subject: Uscc,
	/// BLAKE2-256 of its written consent, if filed.
	pub consent: Option<Digest>,
}

/// The typed basic information of an application or registration (YX-R §12): recorded, or
/// explicitly not recorded (registrations made before storage v3, and applications that have
/// not declared it).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum RecordedDetails {
	/// Not recorded (the value every registration stored before v3 has).
	NotRecorded,
	/// Recorded as declared and checked.
	Recorded(BasicDetails),
}

impl RecordedDetails {
	/// The details, if recorded.
	pub fn get(&self) -> Option<&BasicDetails> {
		match self {
			Self::Recorded(d) => Some(d),
			Self::NotRecorded => None,
		}
	}
}

/// A validity other than 3 years for a first certificate, as the data authority's exception
/// to the in-principle rule, with its reason (YX-R §23 ¶1 "电子凭证原则上有效期3年").
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
pub struct ValidityException {
	/// Validity in years (1..=`MAX_VALIDITY_EXCEPTION_YEARS`).
	pub years: u8,
	/// BLAKE2-256 of the data authority's reason.
	pub reason: Digest,
}

/// The 业务审核 (business review) the subject completed before applying (YX-R §14 "一般按照业务审核、
/// 申请、受理、审查、公示、发证等程序开展", §15 "登记主体完成业务审核后…提出登记申请", Q21): who
/// reviewed, the digest of its attestation, when; kept on the application and its decision.
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
pub struct BusinessReview {
	/// The body that performed the review (the subject's competent body, Q21), by its USCC.
	pub reviewer: Uscc,
	/// BLAKE2-256 of the reviewer's attestation.
	pub attestation: Digest,
	/// Instant the review was completed: not after the application (YX-R §15).
	pub reviewed_at: Moment,
	/// Instant it was recorded on the application.
	pub recorded_at: Moment,
}

/// What the institution's acceptance requires, as the data authority set it (YX-R §15, §18 ¶1,
/// §19 ¶2); nothing by default.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct IntakeRequirements {
	/// The business review is recorded (`record_business_review`) on the subject's first, change
	/// and correction applications.
	pub business_review: bool,
	/// The materials are declared by kind (`declare_materials`) on first, change, correction
	/// and cancellation applications.
	pub materials_by_kind: bool,
}

/// The kind of an application material (YX-R §18 ¶1 (一)–(七) for a first registration, §19 ¶2
/// (一)–(四) for a change, §20 ¶2 (一)–(五) for a correction, §21 ¶3 (一)–(四) for a
/// cancellation; Q34).
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
pub enum MaterialKind {
	/// 首次登记申请表 (§18 (一)), 变更登记申请书 (§19 (一)), 更正登记申请书 (§20 (一)) or
	/// 注销登记申请书 (§21 (一)).
	ApplicationForm,
	/// 公共数据资源基本信息表 (§18 (二)).
	BasicInformationForm,
	/// 来源合规性及存证情况证明材料 (§18 (三)).
	SourceComplianceAndEvidence,
	/// 产品和服务信息、应用场景信息、数据安全风险评估材料 (§18 (四)).
	ProductScenarioAndRiskAssessment,
	/// 无权属争议的书面承诺 (§18 (五)).
	NoDisputeUndertaking,
	/// 身份证明相关材料 (§18 (六), §19 (三), §20 (四), §21 (三)).
	IdentityProof,
	/// 委托书 (§18 (六), §19 (三), §20 (四), §21 (三)): when another institution or person acts
	/// for the applicant.
	PowerOfAttorney,
	/// 原登记凭证 (§19 (二), §21 (二)).
	OriginalCertificate,
	/// 更正登记内容佐证材料 (§20 (二)).
	CorrectionEvidence,
	/// 更正内容真实性承诺书 (§20 (三)).
	TruthfulnessUndertaking,
	/// Other materials (§18 (七), §19 (四), §20 (五), §21 (四)).
	Other,
}

impl MaterialKind {
	/// The materials the measures require for an application of `kind` (YX-R §18 ¶1 first,
	/// §19 ¶2 change, §20 ¶2 correction, §21 ¶3 cancellation). The power of attorney is
	/// required of an agent; an agent acts only under a power of attorney recorded in the
	/// directory, which the pallet checks on every act. A renewal (§23 ¶2 "按照规定续展") has no
	/// list in the measures: nothing is required by kind.
	pub fn required_for(kind: ApplicationKind) -> &'static [MaterialKind] {
		use MaterialKind::*;
		match kind {
			ApplicationKind::FirstTime => &[
				ApplicationForm,
				BasicInformationForm,
				SourceComplianceAndEvidence,
				ProductScenarioAndRiskAssessment,
				NoDisputeUndertaking,
				IdentityProof,
			],
			ApplicationKind::Change => &[ApplicationForm, OriginalCertificate, IdentityProof],
			ApplicationKind::Correction => {
				&[ApplicationForm, CorrectionEvidence, TruthfulnessUndertaking, IdentityProof]
			}
			ApplicationKind::Cancellation => &[ApplicationForm, OriginalCertificate, IdentityProof],
			ApplicationKind::Renewal => &[],
		}
	}
}

/// One application material with its kind (Q34).
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
pub struct TypedMaterial {
	/// What it is.
	pub kind: MaterialKind,
	/// Its BLAKE2-256.
	pub digest: Digest,
}

/// The filing (备案) of an authorised-operation agreement with the data authority of the
/// operator's level (YX-AO §16 ¶2 "运营机构应当及时将公共数据资源授权运营协议报本级数据主管部门备案").
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
pub struct AgreementFiling {
	/// The division of the data authority that holds the filing (the city, 本级).
	pub filed_with: DivisionCode,
	/// The filing reference (备案号 or the filing record), BLAKE2-256.
	pub reference: Digest,
	/// Instant it was recorded.
	pub at: Moment,
}

/// The notice of an interested party's correction to the subject, and the subject's response
/// (Q11, Q31: the subject is notified and has a response period before the decision; YX-R §20
/// "经登记主体书面同意或者有证据证明登记信息确有错误的").
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
pub struct CorrectionNotice {
	/// Instant the subject was notified (the correction's filing).
	pub notified_at: Moment,
	/// Last day of the subject's response period (`CorrectionResponseWorkingDays` WD).
	pub respond_by: Deadline,
	/// BLAKE2-256 of the subject's response (its written consent or its reply), and when.
	pub response: Option<(Digest, Moment)>,
}

/// Most registrations one product or service may list as its sources.
pub const MAX_DERIVED_FROM: u32 = 16;

/// One source of a product or service (Q42, YX-AO §24 再开发, YN-D §49(二)).
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
pub struct Lineage {
	/// The source registration (登记证号).
	pub registration: RegistrationId,
	/// BLAKE2-256 of the source holder's consent to the re-development (YX-AO §24); not needed
	/// when the source rests on the same agreement or is the applicant's own.
	pub consent: Option<Digest>,
}

/// The sources of a product or service registration.
pub type DerivedFrom = BoundedVec<Lineage, frame_support::traits::ConstU32<MAX_DERIVED_FROM>>;

/// Registration status (tombstones stay readable, docs/spec/DESIGN.md §5).
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
pub enum RegistrationStatus {
	/// Registered; its current certificate governs validity.
	Active,
	/// Cancelled on application (YX-R §21).
	Cancelled,
	/// Revoked with its certificate (撤销登记, YX-R §27).
	Revoked,
	/// Cancelled with its certificate on expiry without renewal (期满未续展的，予以注销, YX-R §23 ¶2).
	CancelledOnExpiry,
}

/// Flags set on a registration when its authorised-operation agreement changes (Q15).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct RegistrationFlags {
	/// The agreement is suspended (YX-AO §35).
	pub agreement_suspended: bool,
	/// The agreement is terminated: the subject should apply for cancellation (YX-R §21(二)).
	pub agreement_terminated: bool,
}

/// A registration (登记证号 = its id), stable across change, correction and renewal.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Registration {
	/// The subject.
	pub subject: Uscc,
	/// Resource, or product/service.
	pub object: ObjectKind,
	/// The institution it is registered with.
	pub institution: DivisionCode,
	/// Data name (YX-R §12(一)).
	pub data_name: BoundedName,
	/// BLAKE2-256 of the approved basic information.
	pub content_digest: Digest,
	/// The current certificate (一证一码).
	pub certificate: CertificateCode,
	/// The authorised-operation agreement (products and services).
	pub agreement: Option<AgreementId>,
	/// Agreement flags (Q15).
	pub flags: RegistrationFlags,
	/// Disputes about the registered content (YX-R §17(四)(五), Q41): they block approval of
	/// change, correction and renewal applications on this registration.
	pub disputes: DisputeFlags,
	/// Status.
	pub status: RegistrationStatus,
	/// The change or correction now open on it (one at a time); an open renewal or cancellation
	/// is in `LifecyclePending` (YX-R §23 ¶2, §21).
	pub pending: Option<dengji_primitives::ApplicationId>,
	/// The registrations a product or service derives from (Q42, YX-AO §24).
	pub derived_from: DerivedFrom,
	/// The co-subjects (共有主体, YX-R §12(八), §15) who hold it with the subject.
	pub co_subjects: CoSubjectList,
	/// The typed basic information and classification (YX-R §12, YN-D §15), or `NotRecorded`.
	pub details: RecordedDetails,
}

/// One objection (异议, YX-R §22 ¶2; docs/spec/requirements.md §3.5).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Objection<AccountId> {
	/// The application in publicity.
	pub application: dengji_primitives::ApplicationId,
	/// The real-name objector.
	pub objector: AccountId,
	/// BLAKE2-256 of the objection content (what is contested and why).
	pub content: Digest,
	/// BLAKE2-256 of the evidence (必要证据材料).
	pub evidence: Digest,
	/// Day it was lodged.
	pub lodged_on: DayIndex,
	/// Day the subject received it (the forwarding day).
	pub received_on: Option<DayIndex>,
	/// BLAKE2-256 of the rebuttal (异议申辩材料和必要证据).
	pub rebuttal: Option<Digest>,
	/// BLAKE2-256 of the outcome (异议处理结果).
	pub decision: Option<Digest>,
	/// When the outcome was notified to the subject (YX-R §22 ¶2 "反馈异议双方").
	pub notified_at: Option<Moment>,
	/// State.
	pub state: ObjectionState,
	/// Forward (3 WD) or rebuttal (10 WD) clock.
	pub timer: Option<Timer>,
	/// When the outcome was notified to the objector (YX-R §22 ¶2 "反馈异议双方").
	pub objector_notified_at: Option<Moment>,
}

/// Who an objection's outcome was notified to (YX-R §22 ¶2: both parties).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum NoticeParty<AccountId> {
	/// The registration subject.
	Subject(Uscc),
	/// The objector.
	Objector(AccountId),
}

/// Authorised-operation agreement status (YX-AO §19, §35).
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
pub enum AgreementStatus {
	/// In force.
	Active,
	/// Access temporarily closed (YX-AO §35).
	Suspended,
	/// Terminated or rescinded (YX-AO §19; YN-D §64): terminal.
	Terminated,
}

impl AgreementStatus {
	/// Whether `self → to` is allowed.
	pub fn can_transition(&self, to: AgreementStatus) -> bool {
		use AgreementStatus::*;
		matches!(
			(self, to),
			(Active, Suspended)
				| (Suspended, Active)
				| (Active, Terminated)
				| (Suspended, Terminated)
		)
	}
}

/// An authorised-operation agreement (授权运营协议, YX-AO §16–§17).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Agreement {
	/// Implementing institution (实施机构) or authority, UTF-8 name.
	pub implementer: BoundedName,
	/// The operating institution (运营机构).
	pub operator: Uscc,
	/// First instant of the operating term.
	pub term_start: Moment,
	/// Last instant of the operating term (in principle ≤ 5 years after the start, YX-AO §17(二)).
	pub term_end: Moment,
	/// BLAKE2-256 of the agreement document and its filing (备案).
	pub document: Digest,
	/// Status.
	pub status: AgreementStatus,
	/// BLAKE2-256 of the data authority's reason for a term beyond `MaxAgreementYears`
	/// (YX-AO §17(二) "原则上": the rule, and an exception recorded with its reason).
	pub term_exception: Option<Digest>,
	/// The delivery of products and services under the agreement, which starts the operator's
	/// registration duty (YX-R §18 ¶3, YX-AO §25, KM §23).
	pub delivery: Option<Delivery>,
	/// Its filing with the data authority (YX-AO §16 ¶2), once recorded.
	pub filing: Option<AgreementFiling>,
}

/// YX-R §18 ¶3: the operator files the first registration within this many WD of delivery.
pub const REGISTRATION_DUTY_WORKING_DAYS: u32 = 20;
/// YX-R §18 ¶3: for AO activities under way before the measures took effect, within this many WD
/// of their taking effect.
pub const TRANSITIONAL_DUTY_WORKING_DAYS: u32 = 30;
/// YX-R §32: the measures take effect on 2025-10-19 (year, month, day).
pub const MEASURES_IN_FORCE: (u16, u8, u8) = (2025, 10, 19);

/// A delivery of products and services under an agreement and the registration duty it starts
/// (YX-R §18 ¶3).
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
pub struct Delivery {
	/// Day of delivery (交付数据产品和服务).
	pub delivered_on: DayIndex,
	/// BLAKE2-256 of the delivery record.
	pub document: Digest,
	/// Delivered before the measures took effect: 30 WD from then, not 20 WD from delivery.
	pub transitional: bool,
	/// The duty's clock (`TimerKind::RegistrationDuty`).
	pub timer: Timer,
	/// Day the operator filed a first registration under the agreement (duty met).
	pub met_on: Option<DayIndex>,
}

/// A holder's provision of its data resources for an authorised operation (提供数据资源,
/// YX-R §18 ¶3) and the duty it starts: the holder registers the resources it holds in the
/// operation's scope (YX-R §5, YX-AO §25, KM §23) within 20 WD, or within 30 WD of the measures
/// taking effect for a provision before (the same periods as a delivery's).
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
pub struct Provision {
	/// The agreement whose operation the resources are provided for.
	pub agreement: AgreementId,
	/// The holder (数据持有单位, a registration subject) that provided them.
	pub holder: Uscc,
	/// Day of the provision.
	pub provided_on: DayIndex,
	/// BLAKE2-256 of the provision record (the document of the provision).
	pub document: Digest,
	/// Provided before the measures took effect: 30 WD from then, not 20 WD from the provision.
	pub transitional: bool,
	/// The duty's clock (`TimerKind::RegistrationDuty`).
	pub timer: Timer,
	/// Day the holder filed a first registration of a resource referencing the agreement.
	pub met_on: Option<DayIndex>,
}

/// What is known of one holder's resources under one agreement (YX-R §5, §18 ¶3).
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
pub enum ResourceDuty {
	/// No provision recorded yet; the holder filed this first registration of a resource
	/// referencing the agreement (a provision recorded later finds its duty met).
	Filed(dengji_primitives::ApplicationId),
	/// The provision recorded (its duty, met or running, in [`crate::Provisions`]).
	Provided(ProvisionId),
}

/// Input form of the public basic information, checked into [`BasicInfo`] with typed errors.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct BasicInfoInput {
	/// 数据名称, UTF-8, at most `MAX_NAME_LEN` bytes.
	pub data_name: Vec<u8>,
	/// 数据内容简介, UTF-8, at most `MaxSummaryLen` bytes.
	pub summary: Vec<u8>,
	/// BLAKE2-256 of the complete basic-information form (YX-R §12).
	pub content_digest: Digest,
	/// BLAKE2-256 of each material, at most `MaxMaterials`.
	pub materials: Vec<Digest>,
}

/// Sets up the parties the benchmarks need, in whatever pallets implement the traits.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Creates an active institution operated by `operator`, a subject acting through `subject`
	/// whose seat lies in that institution's division, and makes `objector` real-name verified.
	/// Returns the institution and the subject's USCC.
	fn setup_parties(
		operator: &AccountId,
		subject: &AccountId,
		objector: &AccountId,
	) -> (DivisionCode, Uscc);
	/// Sets chain time to noon of `day`.
	fn set_day(day: DayIndex);
	/// Issues the drafted certificate `code` (signs it as the issuer would).
	fn issue(code: &CertificateCode);
	/// Lodges a complaint about `institution` and decides it upheld (YX-R §25(二)); its number
	/// (Q32's `raise_complaint_dispute`). None where the directory keeps no complaints.
	fn upheld_complaint(_institution: DivisionCode) -> Option<u32> {
		None
	}
}

/// Most codes in a classification code list (Q22).
pub const MAX_CLASSIFICATION_CODES: u32 = 512;

/// The data authority's classification code list (数据分类, Q22; KM 第十条, YN-D §13, DZ §12):
/// its version and its codes, sorted and distinct. Once one is loaded, `declare_basic_details`
/// accepts only its codes and records its version.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ClassificationCodeList {
	/// The list's version (strictly increasing from one load to the next).
	pub version: u32,
	/// The codes, sorted and distinct.
	pub codes: BoundedVec<
		dengji_primitives::catalogue::ClassificationCode,
		frame_support::traits::ConstU32<MAX_CLASSIFICATION_CODES>,
	>,
}

impl ClassificationCodeList {
	/// Whether `code` is on the list.
	pub fn contains(&self, code: &[u8]) -> bool {
		self.codes.binary_search_by(|c| c.as_slice().cmp(code)).is_ok()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const ALL: [ApplicationState; 12] = [
		ApplicationState::Submitted,
		ApplicationState::SupplementRequested,
		ApplicationState::NotAccepted,
		ApplicationState::DeemedWithdrawn,
		ApplicationState::Withdrawn,
		ApplicationState::UnderReview,
		ApplicationState::Refused,
		ApplicationState::InPublicity,
		ApplicationState::Deferred,
		ApplicationState::Terminated,
		ApplicationState::Approved,
		ApplicationState::Closed,
	];

	/// docs/spec/requirements.md §2.4: terminal states have no way out, but for the
	/// reinstatement of a deemed withdrawal on a justified reason (YX-R §16 ¶2).
	#[test]
	fn terminal_states_have_no_transitions() {
		use ApplicationState::*;
		for from in ALL.iter().filter(|s| s.is_terminal()) {
			for to in ALL {
				if (*from, to) == (DeemedWithdrawn, SupplementRequested) {
					assert!(from.can_transition(to), "YX-R §16 ¶2 reinstatement");
					continue;
				}
				assert!(!from.can_transition(to), "{from:?} -> {to:?}");
			}
		}
	}

	/// YX-R §16: T2–T6.
	#[test]
	fn intake_transitions_follow_yx_r_16() {
		use ApplicationState::*;
		assert!(Submitted.can_transition(UnderReview));
		assert!(Submitted.can_transition(NotAccepted));
		assert!(Submitted.can_transition(SupplementRequested));
		assert!(SupplementRequested.can_transition(Submitted));
		assert!(SupplementRequested.can_transition(DeemedWithdrawn));
		assert!(!SupplementRequested.can_transition(UnderReview));
		assert!(!Submitted.can_transition(InPublicity));
		assert!(!Submitted.can_transition(Approved));
		// Q5: one deficiency notice in review too.
		assert!(UnderReview.can_transition(SupplementRequested));
	}

	/// YX-R §18 ¶2, Q7: withdrawal only before publicity.
	#[test]
	fn withdrawal_only_before_publicity() {
		use ApplicationState::*;
		for s in ALL {
			assert_eq!(s.can_transition(Withdrawn), s.is_withdrawable(), "{s:?}");
		}
		assert!(!InPublicity.can_transition(Withdrawn));
		assert!(!Deferred.can_transition(Withdrawn));
	}

	/// YX-R §22: publicity ends in approval, deferral or termination; a deferred application is
	/// never withdrawn. YX-R §17: an application in publicity or deferred may be refused (on the
	/// grounds of `RefusalGround::may_follow_publicity`), so none is held for ever.
	#[test]
	fn publicity_transitions_follow_yx_r_22() {
		use ApplicationState::*;
		assert!(UnderReview.can_transition(InPublicity));
		assert!(InPublicity.can_transition(Deferred));
		assert!(InPublicity.can_transition(Approved));
		assert!(InPublicity.can_transition(Terminated));
		assert!(Deferred.can_transition(Approved));
		assert!(Deferred.can_transition(Terminated));
		assert!(!Deferred.can_transition(InPublicity));
		assert!(InPublicity.can_transition(Refused));
		assert!(Deferred.can_transition(Refused));
		assert!(!UnderReview.can_transition(Terminated));
	}

	/// YX-R §27, §23 ¶2: every open application can close when its registration ends; a
	/// decided one cannot.
	#[test]
	fn every_open_state_can_close() {
		for s in ALL {
			assert_eq!(s.can_transition(ApplicationState::Closed), !s.is_terminal(), "{s:?}");
		}
		assert!(ApplicationState::Closed.is_terminal());
	}

	/// docs/spec/requirements.md §2.5: the objection sub-machine; Q9 a lapsed rebuttal still needs a decision.
	#[test]
	fn objection_transitions_follow_yx_r_22() {
		use ObjectionState::*;
		let all =
			[Lodged, Forwarded, Rebutted, RebuttalLapsed, Upheld, Dismissed, Closed, Disputed];
		for s in all {
			assert_eq!(s.can_transition(Closed), s.is_open(), "{s:?}");
			assert!(!Closed.can_transition(s));
		}
		assert!(Lodged.can_transition(Forwarded));
		assert!(!Lodged.can_transition(Upheld));
		assert!(Forwarded.can_transition(Rebutted));
		assert!(Forwarded.can_transition(RebuttalLapsed));
		assert!(!Forwarded.can_transition(Upheld));
		assert!(RebuttalLapsed.can_transition(Dismissed));
		assert!(Rebutted.can_transition(Upheld));
		for to in all {
			assert!(!Upheld.can_transition(to));
			assert!(!Dismissed.can_transition(to));
		}
		assert!(RebuttalLapsed.is_open());
		assert!(!Dismissed.is_open());
		// Q32, YX-R §17(四)(五): a decided dispute, only after the rebuttal or its lapse.
		assert!(Rebutted.can_transition(Disputed));
		assert!(RebuttalLapsed.can_transition(Disputed));
		assert!(!Forwarded.can_transition(Disputed));
		assert!(!Disputed.is_open());
		for to in all {
			assert!(!Disputed.can_transition(to));
		}
	}

	/// YX-R §14, Q6, Q14: change and correction go through publicity; cancellation (YX-R §21)
	/// and renewal do not.
	#[test]
	fn publicity_per_type_follows_q6_q14() {
		assert!(ApplicationKind::FirstTime.has_publicity());
		assert!(ApplicationKind::Change.has_publicity());
		assert!(ApplicationKind::Correction.has_publicity());
		assert!(!ApplicationKind::Cancellation.has_publicity());
		assert!(!ApplicationKind::Renewal.has_publicity());
		assert_eq!(ApplicationKind::Cancellation.issuing_act(), None);
	}

	/// YX-AO §35, §19: suspension is reversible, termination is not.
	#[test]
	fn agreement_status_transitions() {
		use AgreementStatus::*;
		assert!(Active.can_transition(Suspended));
		assert!(Suspended.can_transition(Active));
		assert!(Active.can_transition(Terminated));
		assert!(!Terminated.can_transition(Active));
		assert!(!Terminated.can_transition(Suspended));
	}

	/// YX-R §22 ¶1, Q10(d): the window covers the publicity date to day 10 inclusive.
	#[test]
	fn publicity_window_bounds() {
		let w = PublicityWindow {
			opened_on: 100,
			opened_at: 0,
			closes: Deadline { due: 114, provisional: false },
			closed: false,
		};
		assert!(!w.is_open_on(99));
		assert!(w.is_open_on(100));
		assert!(w.is_open_on(114));
		assert!(!w.is_open_on(115));
	}
}

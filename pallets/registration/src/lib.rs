//! # Registration pallet (登记)
//!
//! ## Overview
//! Applications for the registration of public data resources and of the data products and
//! services formed through authorised operation (YX-R §14–§23): intake (受理), one-time deficiency
//! notice (一次性告知), formal review (形式审查), publicity (公示) with objections (异议), the
//! decision (核准 / 终止登记 / 不予登记), and the authorised-operation agreements (授权运营协议)
//! that product and service registrations rest on (YX-AO §16–§17, YX-R §23).
//!
//! ## Terminology
//! - 登记机构 = registration institution, identified by its division code; its operators act.
//! - 登记主体 = registration subject (a USCC); it or its agent with a power of attorney (委托书) acts.
//! - 登记证号 = registration number ([`RegistrationId`]), stable for the life of a registration.
//! - 工作日 = working day: every legal period here is counted in working days via `T::Clock`.
//!
//! ## Lifecycle (docs/spec/requirements.md §2.4, §2.5; docs/spec/DESIGN.md §5)
//! ```text
//! submit ─▶ Submitted ──accept (3 WD)──▶ UnderReview ──publish (20 WD)──▶ InPublicity (10 WD)
//!             │  ▲  │ refuse ─▶ NotAccepted     │ refuse ─▶ Refused          │ objection upheld ─▶ Terminated
//!   notice    ▼  │resubmit                       │ notice (Q5)               │ ends, objection open ─▶ Deferred
//!   SupplementRequested ─10 WD─▶ DeemedWithdrawn │                           ▼
//!   withdraw (before publicity) ─▶ Withdrawn     │ cancellation/renewal ─▶ Approved ◀─ approve (no open
//!                                                                                        objection, no dispute)
//! objection: Lodged ─forward (3 WD)─▶ Forwarded ─rebut (10 WD)─▶ Rebutted ─▶ Upheld | Dismissed | Disputed
//!                                             └─lapse─▶ RebuttalLapsed ─▶ Upheld | Dismissed | Disputed
//! ```
//! A `Disputed` objection (YX-R §17(四)(五), Q32) raises a dispute on its application, as does a
//! complaint the data authority decided upheld (YX-R §25(二)): approval waits for the recorded
//! resolution ([`RaisedDisputes`], `resolve_dispute`), or the application is refused.
//! Cancellation (YX-R §21) and renewal (YX-R §23 ¶2) skip publicity: accepted, reviewed and decided;
//! they run beside an open change or correction ([`LifecyclePending`]). An application in
//! publicity or deferred may still be refused on a ground found then (YX-R §17). When the
//! registration ends with its certificate (revoked, YX-R §27; cancelled on expiry, YX-R §23 ¶2),
//! its open applications become `Closed` and new ones are refused at submission.
//!
//! ## Deadlines
//! Institution deadlines (accept 3 WD, review 20 WD, forward 3 WD, cancel 10 WD) are never enforced
//! against the institution: a miss emits [`Event::InstitutionDeadlineMissed`] naming it (YX-R
//! §26(四), Q27). Subject deadlines take effect: a lapsed supplement period makes the application
//! deemed withdrawn (YX-R §16 ¶2), until the institution records a justified reason (正当理由),
//! which reinstates it; a lapsed rebuttal is recorded but decides nothing (Q9). The operator's
//! duty to register within 20 WD of a delivery under an agreement (YX-R §18 ¶3) is watched the
//! same way: a miss emits [`Event::RegistrationDutyOverdue`] naming the operator; so is the
//! holder's duty to register the resources it provided for the operation within 20 WD of the
//! provision (YX-R §5, §18 ¶3): a miss emits [`Event::ResourceDutyOverdue`] naming the holder. Every
//! call checks its clocks lazily; free `close_*`/`expire_*`/`report_*` calls and the bounded
//! `on_idle` sweep of the [`Due`] queue only record what is already true.
//!
//! ## Interface
//! Subject side: `submit_*`, `resubmit_application`, `withdraw_application`, `submit_rebuttal`;
//! the subject's successor or a liquidator: `submit_cancellation_on_succession` (Q8, YX-R
//! §21(三)); the data authority: `order_cancellation` (Q8).
//! Anyone real-name: `lodge_objection`, `submit_correction` (interested party).
//! Institution operators: `accept_application`, `refuse_acceptance`, `request_supplement`,
//! `extend_supplement`, `refuse_registration`, `publish_application`, `forward_objection`,
//! `decide_objection`, `decide_objection_as_dispute`, `raise_complaint_dispute`,
//! `resolve_dispute` (Q32), `set_disputes`, `set_registration_disputes`, `approve_application`.
//! Anyone, free when they do work: `close_publicity`, `expire_supplement`, `expire_rebuttal`,
//! `report_overdue`. Data authority: `record_agreement`, `record_agreement_with_exception`
//! (YX-AO §17(二) 原则上), `amend_agreement`, `set_agreement_status`, `record_delivery`
//! (YX-R §18 ¶3), `record_provision` (YX-R §5, §18 ¶3), `set_public_service` (YN-D §46 ¶2),
//! `set_basic_details_required` (YX-R §12: `declare_basic_details` before publicity),
//! `load_classification_codes` (Q22). Subject side for products: `declare_derived_from` (Q42,
//! YX-AO §24).
//!
//! ## Runtime wiring
//! The Dengji runtime implements [`Config`] in `runtime/src/configs/dengji.rs`, the one place that
//! holds the values of the periods and bounds; this page names them and repeats no number:
//! - [`Config::Clock`] is `Calendar` (pallet-calendar), [`Config::Directory`] is `Institutions`
//!   (pallet-institutions), [`Config::Ledger`] is `Certificate` (pallet-certificate), and
//!   [`Config::AuthorityOrigin`] is the province data authority council's origin;
//! - the legal periods, in working days: [`Config::AcceptanceWorkingDays`] and
//!   [`Config::ReviewWorkingDays`] (YX-R §16 ¶1), [`Config::SupplementWorkingDays`] (YX-R §16 ¶2),
//!   [`Config::PublicityWorkingDays`] (YX-R §22 ¶1), [`Config::ForwardWorkingDays`] and
//!   [`Config::RebuttalWorkingDays`] (YX-R §22 ¶2), [`Config::CancellationWorkingDays`]
//!   (YX-R §21); the longest authorised-operation agreement, [`Config::MaxAgreementYears`]
//!   (YX-AO §17(二));
//! - the storage bounds [`Config::MaxSummaryLen`], [`Config::MaxMaterials`],
//!   [`Config::MaxObjections`] and [`Config::MaxRegistrationsPerAgreement`], and the bounds of the
//!   [`Due`] queue, [`Config::MaxDuePerDay`] and [`Config::MaxDueSpillDays`];
//! - [`Config::WeightInfo`] is [`weights::SubstrateWeight`]. With `runtime-benchmarks`, the
//!   runtime's `BenchmarkHelper` (`runtime/src/benchmarks.rs`) adds an operator, a subject account
//!   and a real-name person in pallet-institutions, sets pallet-timestamp, and signs and issues
//!   drafts with the institution's key (the mock's `BenchParties` does the same in the tests).
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;

mod agreement;
mod application;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod deadlines;
mod decision;
mod ended;
mod hooks;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
mod joint;
pub mod migrations;
mod objection;
mod publicity;
mod review;
pub mod types;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use dengji_primitives::{ApplicationId, Digest, DivisionCode, RegistrationId, Uscc};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use dengji_primitives::{
		certificate::CancellationGround,
		traits::{AccessError, CertificateLedger, Clock, Directory, LedgerError},
		BoundedName, CertificateCode, DayIndex, Moment, ObjectKind,
	};
	use frame_support::{pallet_prelude::*, traits::Contains, weights::WeightMeter};
	use frame_system::pallet_prelude::*;

	/// Application stored for this runtime.
	pub type ApplicationOf<T> = Application<
		<T as frame_system::Config>::AccountId,
		<T as Config>::MaxSummaryLen,
		<T as Config>::MaxMaterials,
	>;
	/// Basic information stored for this runtime.
	pub type BasicInfoOf<T> = BasicInfo<<T as Config>::MaxSummaryLen, <T as Config>::MaxMaterials>;
	/// Objection stored for this runtime.
	pub type ObjectionOf<T> = Objection<<T as frame_system::Config>::AccountId>;

	/// The in-code storage version. 1: `RegistrationStatus` gained `Revoked` and
	/// `CancelledOnExpiry`, `ApplicationState` gained `Closed`; open renewals and cancellations
	/// moved from `Registration::pending` to [`LifecyclePending`]; [`ApplicationObjections`]
	/// became a double map (uncapped) with [`OpenObjectionsBy`]; `Objection` gained
	/// `objector_notified_at` ([`crate::migrations::v1`]). 2: `Application` gained `derived_from`
	/// and `justified_reason`, `Registration` gained `derived_from`, `Agreement` gained
	/// `term_exception` and `delivery`; new [`AgreementOpenApplications`],
	/// [`PublicServiceOrganisations`]; `TimerKind::RegistrationDuty` and `DueItem::Agreement`
	/// appended ([`crate::migrations::v2`]). 3: `Application` gained `co_subjects`, `details`
	/// and `validity_exception`, `Registration` gained `co_subjects` and `details` (YX-R §15,
	/// §12, §23 ¶1; [`crate::migrations::v3`]). 4: `Application` gained `business_review` and
	/// `materials_by_kind` and `subject_notice`, `Agreement` gained `filing` (YX-R §14, §15,
	/// §18 ¶1, YX-AO §16 ¶2, Q31;
	/// [`crate::migrations::v4`]). 5: new [`Provisions`], [`NextProvisionId`] and
	/// [`ResourceDuties`] (the holders' duty to register the resources they provide for an
	/// authorised operation, YX-R §5, §18 ¶3); `DueItem::Provision` appended; `ApplicantRole`
	/// gained `Successor`, `Liquidator` and `AuthorityOrder` (Q8, appended); new
	/// [`ObjectionReviews`] (Q10(f)) ([`crate::migrations::v5`]). 6: new [`RaisedDisputes`] and
	/// `ObjectionState::Disputed` appended (disputes raised by objections and complaints, Q32),
	/// new [`BasicDetailsRequiredFrom`] (YX-R §12), [`ClassificationCodes`] and
	/// [`DetailsCodeListVersion`] (Q22) ([`crate::migrations::v6`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(6);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Chain time and working days (pallet-calendar).
		type Clock: Clock;
		/// Institutions, operators, subjects, agents and real-name participants (pallet-institutions).
		type Directory: Directory<Self::AccountId>;
		/// The certificate ledger (pallet-certificate).
		type Ledger: CertificateLedger;
		/// The data authority (数据主管部门): records and changes authorised-operation agreements.
		type AuthorityOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// YX-R §16 ¶1: accept or refuse within this many WD of receipt (3).
		/// Not a metadata constant: the runtime may read the value in force from storage (Q37,
		/// `Calendar::Periods`), and metadata must not change with storage (its hash is signed).
		type AcceptanceWorkingDays: Get<u32>;
		/// YX-R §16 ¶1: review within this many WD of acceptance (20).
		/// Not a metadata constant: the runtime may read the value in force from storage (Q37,
		/// `Calendar::Periods`), and metadata must not change with storage (its hash is signed).
		type ReviewWorkingDays: Get<u32>;
		/// YX-R §16 ¶2: resubmit within this many WD of the deficiency notice (10).
		/// Not a metadata constant: the runtime may read the value in force from storage (Q37,
		/// `Calendar::Periods`), and metadata must not change with storage (its hash is signed).
		type SupplementWorkingDays: Get<u32>;
		/// YX-R §22 ¶1: publicity lasts this many WD from the publicity date (10).
		/// Not a metadata constant: the runtime may read the value in force from storage (Q37,
		/// `Calendar::Periods`), and metadata must not change with storage (its hash is signed).
		type PublicityWorkingDays: Get<u32>;
		/// YX-R §22 ¶2: forward an objection within this many WD (3).
		/// Not a metadata constant: the runtime may read the value in force from storage (Q37,
		/// `Calendar::Periods`), and metadata must not change with storage (its hash is signed).
		type ForwardWorkingDays: Get<u32>;
		/// YX-R §22 ¶2: rebut within this many WD of receiving the objection (10).
		/// Not a metadata constant: the runtime may read the value in force from storage (Q37,
		/// `Calendar::Periods`), and metadata must not change with storage (its hash is signed).
		type RebuttalWorkingDays: Get<u32>;
		/// YX-R §21: complete a cancellation within this many WD of acceptance (10).
		/// Not a metadata constant: the runtime may read the value in force from storage (Q37,
		/// `Calendar::Periods`), and metadata must not change with storage (its hash is signed).
		type CancellationWorkingDays: Get<u32>;
		/// YX-AO §17(二): longest authorised-operation term in years (5).
		#[pallet::constant]
		type MaxAgreementYears: Get<u16>;
		/// Longest data content summary in bytes.
		#[pallet::constant]
		type MaxSummaryLen: Get<u32>;
		/// Most material digests per application.
		#[pallet::constant]
		type MaxMaterials: Get<u32>;
		/// Most open (undecided) objections one objector may hold on one application. The number
		/// of objections and of objectors is not capped (YX-R §22 ¶2, Q10(c)).
		#[pallet::constant]
		type MaxObjections: Get<u32>;
		/// Most registrations resting on one agreement.
		#[pallet::constant]
		type MaxRegistrationsPerAgreement: Get<u32>;
		/// Most timers queued for one day of the sweep.
		#[pallet::constant]
		type MaxDuePerDay: Get<u32>;
		/// How many later days a timer may be queued on when its own day is full.
		#[pallet::constant]
		type MaxDueSpillDays: Get<u32>;
		/// Q11, Q31: the subject may respond to an interested party's correction within this
		/// many WD of its filing; the correction is published after (10, by analogy with
		/// YX-R §22 ¶2).
		#[pallet::constant]
		type CorrectionResponseWorkingDays: Get<u32>;
		/// City data authorities: whether an account is the data authority of a city division,
		/// which records the filing of authorised-operation agreements (YX-AO §16 ¶2).
		type CityAuthority: Contains<(Self::AccountId, DivisionCode)>;
		/// Weights.
		type WeightInfo: WeightInfo;
		/// Benchmark set-up.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Next application id.
	#[pallet::storage]
	pub type NextApplicationId<T> = StorageValue<_, ApplicationId, ValueQuery>;

	/// Applications, kept forever (terminal ones are tombstones).
	#[pallet::storage]
	pub type Applications<T: Config> =
		StorageMap<_, Blake2_128Concat, ApplicationId, ApplicationOf<T>, OptionQuery>;

	/// Next registration number (登记证号); numbers start at 1.
	#[pallet::storage]
	pub type NextRegistrationId<T> = StorageValue<_, RegistrationId, ValueQuery>;

	/// Registrations.
	#[pallet::storage]
	pub type Registrations<T: Config> =
		StorageMap<_, Blake2_128Concat, RegistrationId, Registration, OptionQuery>;

	/// The renewal or cancellation open on each registration (YX-R §23 ¶2, §21). It proceeds
	/// beside a change or correction open in `Registration::pending`, so an interested party's
	/// correction can neither make the certificate lapse nor hold up its cancellation.
	#[pallet::storage]
	pub type LifecyclePending<T: Config> =
		StorageMap<_, Blake2_128Concat, RegistrationId, ApplicationId, OptionQuery>;

	/// Next objection id.
	#[pallet::storage]
	pub type NextObjectionId<T> = StorageValue<_, ObjectionId, ValueQuery>;

	/// Objections.
	#[pallet::storage]
	pub type Objections<T: Config> =
		StorageMap<_, Blake2_128Concat, ObjectionId, ObjectionOf<T>, OptionQuery>;

	/// Objections of each application, one key each (read a page by prefix): no cap on the
	/// number of objections (YX-R §22 ¶2 "任何单位或者个人可以实名…提出异议", Q10(c)).
	#[pallet::storage]
	pub type ApplicationObjections<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		ApplicationId,
		Blake2_128Concat,
		ObjectionId,
		(),
		OptionQuery,
	>;

	/// Open (undecided) objections of each objector on each application, at most
	/// `MaxObjections`: what is bounded is one objector's open objections, not the objectors.
	#[pallet::storage]
	pub type OpenObjectionsBy<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		ApplicationId,
		Blake2_128Concat,
		T::AccountId,
		u32,
		ValueQuery,
	>;

	/// Decided objections whose outcome is under administrative reconsideration (行政复议) or
	/// litigation (行政诉讼), with the digest of the document that started it (Q10(f): a flag
	/// only; the outcome stands until the institution records the result anew).
	#[pallet::storage]
	pub type ObjectionReviews<T: Config> =
		StorageMap<_, Blake2_128Concat, ObjectionId, Digest, OptionQuery>;

	/// Disputes raised by an objection decided `Disputed` or by a complaint decided upheld
	/// (Q32, YX-R §17(四)(五), §22, §25(二)), by what they block and their source: while one is
	/// here the application is not approved (`DisputePending`); `resolve_dispute` removes it
	/// with the resolution's digest.
	#[pallet::storage]
	pub type RaisedDisputes<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DisputeTarget,
		Blake2_128Concat,
		DisputeSource,
		RaisedDispute,
		OptionQuery,
	>;

	/// Next agreement id.
	#[pallet::storage]
	pub type NextAgreementId<T> = StorageValue<_, AgreementId, ValueQuery>;

	/// Authorised-operation agreements (授权运营协议).
	#[pallet::storage]
	pub type Agreements<T: Config> =
		StorageMap<_, Blake2_128Concat, AgreementId, Agreement, OptionQuery>;

	/// Registrations resting on each agreement (flagged when it is suspended or terminated, Q15).
	#[pallet::storage]
	pub type AgreementRegistrations<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		AgreementId,
		BoundedVec<RegistrationId, T::MaxRegistrationsPerAgreement>,
		ValueQuery,
	>;

	/// First registrations open (not yet decided) under each agreement: with
	/// `AgreementRegistrations` they are checked against `MaxRegistrationsPerAgreement` at
	/// submission, so no product fails at approval after its publicity has run.
	#[pallet::storage]
	pub type AgreementOpenApplications<T: Config> =
		StorageMap<_, Blake2_128Concat, AgreementId, u32, ValueQuery>;

	/// Public-service organisations (供水、供电、供气… 提供公共服务的组织) recorded by the data
	/// authority, with the digest of the basis: they register products and services formed from
	/// the data they hold without an authorised-operation agreement (YN-D §46 ¶2).
	#[pallet::storage]
	pub type PublicServiceOrganisations<T: Config> =
		StorageMap<_, Blake2_128Concat, Uscc, Digest, OptionQuery>;

	/// Next provision id.
	#[pallet::storage]
	pub type NextProvisionId<T> = StorageValue<_, ProvisionId, ValueQuery>;

	/// Provisions of data resources by their holders for authorised operations, each with the
	/// holder's duty to register them (YX-R §5, §18 ¶3, YX-AO §25, KM §23).
	#[pallet::storage]
	pub type Provisions<T: Config> =
		StorageMap<_, Blake2_128Concat, ProvisionId, Provision, OptionQuery>;

	/// Each holder's resources under each agreement: its provision (one per holder and
	/// agreement), or, before one is recorded, its first registration of a resource referencing
	/// the agreement (YX-R §5, §18 ¶3).
	#[pallet::storage]
	pub type ResourceDuties<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		AgreementId,
		Blake2_128Concat,
		Uscc,
		ResourceDuty,
		OptionQuery,
	>;

	/// What the data authority requires at acceptance (YX-R §15 business review, §18 ¶1, §19 ¶2
	/// materials by kind): from genesis (a production chain spec requires both) or as it sets
	/// them later (`set_intake_requirements`); nothing on development chains.
	#[pallet::storage]
	pub type IntakeRequirementsInForce<T: Config> = StorageValue<_, IntakeRequirements, ValueQuery>;

	/// YX-R §12 (the nine items), §18 ¶1(二) (the basic-information form): the first application
	/// numbered from here on is published (YX-R §22 ¶1) only once its basic details are
	/// declared (`declare_basic_details`). None: not required (development chains, and chains
	/// upgraded to storage v6 until the data authority sets it with
	/// `set_basic_details_required`). The applications numbered before it, open when the
	/// requirement came into force, are exempt: their clients filed without the declaration.
	#[pallet::storage]
	pub type BasicDetailsRequiredFrom<T: Config> = StorageValue<_, ApplicationId, OptionQuery>;

	/// The classification code list in force (Q22), once the data authority loaded one
	/// (`load_classification_codes`); before that the code is checked for form only.
	#[pallet::storage]
	pub type ClassificationCodes<T: Config> = StorageValue<_, ClassificationCodeList, OptionQuery>;

	/// The version of the classification code list each application's declared details were
	/// checked against (Q22); none when declared before a list was loaded.
	#[pallet::storage]
	pub type DetailsCodeListVersion<T: Config> =
		StorageMap<_, Blake2_128Concat, ApplicationId, u32, OptionQuery>;

	/// The intake requirements in force from genesis (YX-R §14, §15, §18 ¶1, Q34): a production
	/// chain spec turns both on (`dengji-node production-spec`); development presets leave them
	/// off so that their flows stay short.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The business review is required at acceptance (YX-R §14, §15; Q21).
		pub intake_business_review: bool,
		/// The materials are required by kind at acceptance (YX-R §18 ¶1, Q34).
		pub intake_materials_by_kind: bool,
		/// The basic details (YX-R §12) are required before publicity from the first
		/// application on.
		pub intake_basic_details: bool,
		#[serde(skip)]
		#[doc(hidden)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			IntakeRequirementsInForce::<T>::put(IntakeRequirements {
				business_review: self.intake_business_review,
				materials_by_kind: self.intake_materials_by_kind,
			});
			if self.intake_basic_details {
				BasicDetailsRequiredFrom::<T>::put(0);
			}
		}
	}

	/// Timers by the day the sweep checks them.
	#[pallet::storage]
	pub type Due<T: Config> =
		StorageMap<_, Twox64Concat, DayIndex, BoundedVec<DueItem, T::MaxDuePerDay>, ValueQuery>;

	/// The next day the sweep drains (every earlier day is drained).
	#[pallet::storage]
	pub type DueCursor<T> = StorageValue<_, DayIndex, OptionQuery>;

	/// Events. Deadlines are last days (inclusive); `provisional` marks a deadline counted through
	/// a year whose official calendar is not loaded yet. Digests are BLAKE2-256 of the document
	/// named. Other fields are described in each variant's doc where their name is not enough.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	#[allow(missing_docs)]
	pub enum Event<T: Config> {
		/// An application was filed (T1) with `institution`; the acceptance clock runs.
		ApplicationSubmitted {
			application: ApplicationId,
			kind: ApplicationKind,
			subject: Uscc,
			institution: DivisionCode,
			/// The registration a change, correction, cancellation or renewal concerns.
			registration: Option<RegistrationId>,
			/// Acceptance deadline (YX-R §16).
			accept_by: DayIndex,
			provisional: bool,
		},
		/// The institution accepted (受理, T2); the review clock runs.
		ApplicationAccepted {
			application: ApplicationId,
			/// Review (or cancellation) deadline.
			decide_by: DayIndex,
			provisional: bool,
		},
		/// The institution refused acceptance (不予受理, T3).
		AcceptanceRefused {
			application: ApplicationId,
			/// Digest of the reasons (YX-R §16 ¶2).
			reasons: Digest,
		},
		/// The one-time deficiency notice was issued (T4).
		SupplementRequested {
			application: ApplicationId,
			/// Digest of the notice listing every deficiency.
			notice: Digest,
			resubmit_by: DayIndex,
			provisional: bool,
		},
		/// The institution accepted a justified reason and extended the supplement period once;
		/// `resubmit_by` is the new deadline.
		SupplementExtended {
			application: ApplicationId,
			reason: Digest,
			resubmit_by: DayIndex,
			provisional: bool,
		},
		/// The subject resubmitted (T5); the acceptance clock restarts with `accept_by`.
		ApplicationResubmitted {
			application: ApplicationId,
			accept_by: DayIndex,
			provisional: bool,
		},
		/// No resubmission within the supplement period (视为撤回, T6).
		ApplicationDeemedWithdrawn { application: ApplicationId },
		/// The subject withdrew before publicity (撤回, T7).
		ApplicationWithdrawn { application: ApplicationId },
		/// Formal review failed (不予登记, T9).
		RegistrationRefused {
			application: ApplicationId,
			/// Grounds (YX-R §17, §13).
			grounds: RefusalGrounds,
			decision: Digest,
		},
		/// The publicity notice was published (T8), with the fields of YX-R §22 ¶1; publicity
		/// runs from `opened_on` to `closes_on`.
		PublicityOpened {
			application: ApplicationId,
			institution: DivisionCode,
			/// 登记主体名称.
			subject_name: BoundedName,
			/// 登记类型.
			kind: ApplicationKind,
			/// 登记数据名称.
			data_name: BoundedName,
			/// 数据内容简介.
			summary: BoundedVec<u8, T::MaxSummaryLen>,
			opened_on: DayIndex,
			closes_on: DayIndex,
			provisional: bool,
		},
		/// The publicity window ended.
		PublicityClosed {
			application: ApplicationId,
			/// Objections still open (if any, the application is deferred).
			open_objections: u32,
		},
		/// Publicity ended with an objection unresolved (暂缓登记, T12).
		ApplicationDeferred { application: ApplicationId },
		/// An objection was lodged (O1).
		ObjectionLodged {
			objection: ObjectionId,
			application: ApplicationId,
			objector: T::AccountId,
			forward_by: DayIndex,
			provisional: bool,
		},
		/// The objection was forwarded to the subject, who received it (O2).
		ObjectionForwarded { objection: ObjectionId, rebut_by: DayIndex, provisional: bool },
		/// The subject rebutted (O3).
		RebuttalSubmitted {
			objection: ObjectionId,
			/// Digest of the rebuttal and its evidence.
			rebuttal: Digest,
		},
		/// The rebuttal period passed without a rebuttal (O4); the objection is still undecided (Q9).
		RebuttalLapsed { objection: ObjectionId },
		/// The objection was decided and the outcome reported to the subject and the objector (O5, O6).
		ObjectionDecided {
			objection: ObjectionId,
			application: ApplicationId,
			/// 异议成立.
			upheld: bool,
			/// Digest of the outcome.
			decision: Digest,
			/// The subject notified.
			subject: Uscc,
			/// The objector notified.
			objector: T::AccountId,
		},
		/// The application was terminated after the upheld `objection` (终止登记, T14).
		ApplicationTerminated { application: ApplicationId, objection: ObjectionId },
		/// Dispute flags (YX-R §17(四)(五)) were set or cleared; `evidence` is its digest.
		DisputesSet { application: ApplicationId, flags: DisputeFlags, evidence: Digest },
		/// Dispute flags of a registration (YX-R §17(四)(五)) were set or cleared.
		RegistrationDisputesSet {
			registration: RegistrationId,
			flags: DisputeFlags,
			evidence: Digest,
		},
		/// The application was approved (核准, T11, T13); a certificate was drafted for issuance.
		ApplicationApproved {
			application: ApplicationId,
			/// Registration number.
			registration: RegistrationId,
			/// Drafted certificate (none for cancellation).
			certificate: Option<CertificateCode>,
			decision: Digest,
		},
		/// A registration was cancelled on application (YX-R §21); `certificate` was cancelled.
		RegistrationCancelled {
			registration: RegistrationId,
			application: ApplicationId,
			ground: CancellationGround,
			certificate: CertificateCode,
		},
		/// An institution missed its deadline (supervision, YX-R §26(四), Q27).
		InstitutionDeadlineMissed {
			/// The institution responsible.
			institution: DivisionCode,
			application: ApplicationId,
			/// The objection, for a forwarding deadline.
			objection: Option<ObjectionId>,
			/// Which deadline.
			deadline: TimerKind,
			/// Its last day.
			due: DayIndex,
			provisional: bool,
		},
		/// An authorised-operation agreement was recorded; `operator` is the operating subject.
		AgreementRecorded {
			agreement: AgreementId,
			operator: Uscc,
			term_start: Moment,
			term_end: Moment,
		},
		/// An agreement's term or document was amended.
		AgreementAmended { agreement: AgreementId, term_start: Moment, term_end: Moment },
		/// An agreement was suspended, resumed or terminated.
		AgreementStatusChanged {
			agreement: AgreementId,
			status: AgreementStatus,
			/// Digest of the decision.
			document: Digest,
		},
		/// A registration was flagged because its agreement changed (Q15: never cancelled automatically).
		RegistrationFlagged {
			registration: RegistrationId,
			agreement: AgreementId,
			/// The registration's flags now.
			flags: RegistrationFlags,
		},
		/// The registration ended with its certificate `certificate`: `status` is `Revoked`
		/// (撤销登记, YX-R §27) or `CancelledOnExpiry` (注销, YX-R §23 ¶2).
		RegistrationEnded {
			registration: RegistrationId,
			certificate: CertificateCode,
			status: RegistrationStatus,
		},
		/// The outcome of `objection` was notified to `party` at `at` (YX-R §22 ¶2
		/// "将异议处理结果反馈异议双方"): one notice to the subject and one to the objector.
		OutcomeNotified { objection: ObjectionId, party: NoticeParty<T::AccountId>, at: Moment },
		/// An undecided objection closed because its application ended first (YX-R §22 ¶2);
		/// `OutcomeNotified` follows for both parties.
		ObjectionClosed { objection: ObjectionId, application: ApplicationId },
		/// An open application closed because its registration ended (`status`, YX-R §27,
		/// §23 ¶2): nothing is left to decide.
		ApplicationClosed {
			application: ApplicationId,
			registration: RegistrationId,
			status: RegistrationStatus,
		},
		/// The institution recorded a justified reason (正当理由) for a resubmission after the
		/// supplement period lapsed (YX-R §16 ¶2: only an unjustified lapse is a withdrawal):
		/// the application awaits the supplement again until `resubmit_by`.
		ApplicationReinstated {
			application: ApplicationId,
			reason: Digest,
			resubmit_by: DayIndex,
			provisional: bool,
		},
		/// The data authority recorded an exception to the in-principle longest term
		/// (YX-AO §17(二) "原则上") for `agreement`, with the digest of its reason.
		AgreementTermException { agreement: AgreementId, reason: Digest },
		/// A delivery of products and services under `agreement` was recorded: `operator` must
		/// file its first registration by `due` (YX-R §18 ¶3; `transitional`: 30 WD from the
		/// measures taking effect for a delivery before).
		RegistrationDutyDue {
			agreement: AgreementId,
			operator: Uscc,
			delivered_on: DayIndex,
			due: DayIndex,
			transitional: bool,
			provisional: bool,
		},
		/// `operator` filed a first registration under `agreement` (`application`): the duty of
		/// YX-R §18 ¶3 is met.
		/// `application` is None when the filing came before the delivery was recorded.
		RegistrationDutyMet {
			agreement: AgreementId,
			operator: Uscc,
			application: Option<ApplicationId>,
		},
		/// `operator` did not file its first registration under `agreement` by `due`
		/// (YX-R §18 ¶3; supervision, YX-R §25).
		RegistrationDutyOverdue {
			agreement: AgreementId,
			operator: Uscc,
			due: DayIndex,
			provisional: bool,
		},
		/// `holder` provided its data resources for the operation under `agreement` (提供数据资源,
		/// `provision`): it must file the first registration of the resources, referencing the
		/// agreement, by `due` (YX-R §5, §18 ¶3; `transitional`: 30 WD from the measures taking
		/// effect for a provision before).
		ResourceDutyDue {
			provision: ProvisionId,
			agreement: AgreementId,
			holder: Uscc,
			provided_on: DayIndex,
			due: DayIndex,
			transitional: bool,
			provisional: bool,
		},
		/// `holder` filed a first registration of a resource referencing `agreement`
		/// (`application`, filed before the provision was recorded if it came first): the duty of
		/// YX-R §5, §18 ¶3 is met.
		ResourceDutyMet {
			provision: ProvisionId,
			agreement: AgreementId,
			holder: Uscc,
			application: ApplicationId,
		},
		/// `holder` did not file the first registration of its resources under `agreement` by
		/// `due` (YX-R §5, §18 ¶3; supervision, YX-R §25).
		ResourceDutyOverdue {
			provision: ProvisionId,
			agreement: AgreementId,
			holder: Uscc,
			due: DayIndex,
			provisional: bool,
		},
		/// The data authority recorded (`basis` Some) or removed (None) `subject` as a
		/// public-service organisation (YN-D §46 ¶2).
		PublicServiceSet { subject: Uscc, basis: Option<Digest> },
		/// The sources of a product or service application were declared (Q42, YX-AO §24).
		DerivedFromDeclared { application: ApplicationId, sources: DerivedFrom },
		/// The co-subjects of a joint application were declared, each with its consent
		/// (YX-R §15, §12(八), Q30).
		CoSubjectsDeclared { application: ApplicationId, co_subjects: CoSubjects },
		/// `co_subject` signed the joint application through `signer` (YX-R §15 "共同提出").
		CoSubjectConsented { application: ApplicationId, co_subject: Uscc, signer: T::AccountId },
		/// The publicity notice of `application` (see `PublicityOpened`) was sent to its
		/// co-subjects (YX-R §22 ¶1, §15, Q30).
		CoSubjectsNotified { application: ApplicationId, co_subjects: CoSubjectList },
		/// The typed basic information and classification of an application were declared
		/// (YX-R §12, YN-D §15).
		BasicDetailsDeclared {
			application: ApplicationId,
			details: dengji_primitives::catalogue::BasicDetails,
		},
		/// The data authority recorded a validity of `years` instead of 3 for the first
		/// certificate of `application`, with the digest of its reason (YX-R §23 ¶1 "原则上").
		ValidityExceptionRecorded { application: ApplicationId, years: u8, reason: Digest },
		/// The business review the subject completed before applying was recorded on
		/// `application` (YX-R §14, §15, Q21): who reviewed, its attestation, when.
		BusinessReviewRecorded { application: ApplicationId, review: BusinessReview },
		/// The materials of `application` were declared by kind, the required ones complete
		/// (YX-R §18 ¶1, §19 ¶2, Q34).
		MaterialsDeclared {
			application: ApplicationId,
			materials: BoundedVec<TypedMaterial, T::MaxMaterials>,
		},
		/// The filing of `agreement` with the city data authority was recorded (YX-AO §16 ¶2);
		/// `by` is the city authority's account, None when recorded by the data authority's
		/// origin.
		AgreementFiled { agreement: AgreementId, filing: AgreementFiling, by: Option<T::AccountId> },
		/// The subject was notified at `at` of an interested party's correction `application`
		/// and may respond until `respond_by` (Q11, Q31, YX-R §20).
		CorrectionNotified {
			application: ApplicationId,
			subject: Uscc,
			at: Moment,
			respond_by: DayIndex,
			provisional: bool,
		},
		/// The data authority set what is required at acceptance (YX-R §15, §18 ¶1, §19 ¶2).
		IntakeRequirementsSet { requirements: IntakeRequirements },
		/// The subject responded to the correction `application` (digest of its response).
		CorrectionResponded { application: ApplicationId, response: Digest, at: Moment },
		/// The cancellation `application` of `registration` was applied for by the subject's
		/// successor or a liquidator, or ordered by the data authority (Q8, YX-R §21), as `role`
		/// says with the digest of its document.
		CancellationApplicant {
			application: ApplicationId,
			registration: RegistrationId,
			role: ApplicantRole,
		},
		/// The outcome of the decided `objection` is under administrative reconsideration or
		/// litigation (`document` Some, its digest), or no longer (None) (Q10(f)).
		ObjectionReviewPending { objection: ObjectionId, document: Option<Digest> },
		/// The basic details (YX-R §12) are required before publicity from application `from`
		/// on (Some), or no longer (None).
		BasicDetailsRequirementSet { from: Option<ApplicationId> },
		/// The data authority loaded classification code list `version` with `codes` codes (Q22).
		ClassificationCodesLoaded { version: u32, codes: u32 },
		/// The classification of `application`'s details is on code list `version` (Q22).
		ClassificationChecked { application: ApplicationId, version: u32 },
		/// `objection` was decided as showing a dispute (YX-R §17(四)(五), Q32): not upheld, not
		/// dismissed; the dispute is raised on its application (`DisputeRaised`).
		ObjectionDisputed {
			objection: ObjectionId,
			application: ApplicationId,
			flags: DisputeFlags,
			decision: Digest,
			subject: Uscc,
			objector: T::AccountId,
		},
		/// A dispute was raised on `target` from `source` at `at` (Q32): approval waits for its
		/// resolution.
		DisputeRaised {
			target: DisputeTarget,
			source: DisputeSource,
			flags: DisputeFlags,
			decision: Digest,
			at: Moment,
		},
		/// The dispute on `target` from `source` was resolved (`resolution`: its digest) (Q32).
		DisputeResolved {
			target: DisputeTarget,
			source: DisputeSource,
			resolution: Digest,
			at: Moment,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No application with this id.
		ApplicationNotFound,
		/// No registration with this number.
		RegistrationNotFound,
		/// No objection with this id.
		ObjectionNotFound,
		/// No agreement with this id.
		AgreementNotFound,
		/// No institution with this division code.
		UnknownInstitution,
		/// The responsible institution is suspended or disqualified.
		InstitutionNotActive,
		/// The signer is not an operator of the responsible institution.
		NotOperator,
		/// The subject is not known to the directory.
		UnknownSubject,
		/// The signer is neither the subject nor its agent with a power of attorney for this act.
		NotSubjectOrAgent,
		/// The signer is not a real-name verified participant (YX-R §20, §22).
		NotRealName,
		/// The subject's seat is outside the institution's division (jurisdiction).
		OutsideJurisdiction,
		/// The data name is empty.
		EmptyDataName,
		/// The data name exceeds `MAX_NAME_LEN` bytes.
		DataNameTooLong,
		/// The summary is empty (the publicity notice needs it, YX-R §22 ¶1).
		EmptySummary,
		/// The summary exceeds `MaxSummaryLen` bytes.
		SummaryTooLong,
		/// A name or summary is not UTF-8.
		InvalidUtf8,
		/// More than `MaxMaterials` material digests.
		TooManyMaterials,
		/// The registration is cancelled.
		RegistrationNotActive,
		/// Another application on this registration is open.
		RegistrationBusy,
		/// A product or service registration needs an authorised-operation agreement (YX-R §23).
		AgreementRequired,
		/// Not returned since storage v3: a resource may reference the agreement that covers it
		/// (YX-R §5). Kept so the later errors keep their indices.
		AgreementOnlyForProducts,
		/// The agreement is suspended or terminated.
		AgreementNotActive,
		/// The agreement's operator is not the subject.
		AgreementOperatorMismatch,
		/// The agreement's term is over.
		AgreementTermOver,
		/// The term ends before it starts.
		AgreementTermInverted,
		/// The term exceeds `MaxAgreementYears` (YX-AO §17(二)).
		AgreementTermTooLong,
		/// The implementer name is empty or not UTF-8.
		BadImplementerName,
		/// This status change is not allowed (a terminated agreement stays terminated).
		AgreementTransitionNotAllowed,
		/// The agreement already holds `MaxRegistrationsPerAgreement` registrations.
		TooManyRegistrationsForAgreement,
		/// Renewal term outside 1..=3 years (YX-R §23 ¶2).
		BadRenewalTerm,
		/// Renewal outside the 60 days before expiry (YX-R §23 ¶2).
		OutsideRenewalWindow,
		/// The certificate ledger does not know the certificate.
		CertificateUnknown,
		/// The certificate is not valid (superseded, cancelled, revoked or expired).
		CertificateNotValid,
		/// The ledger refused: the issuing institution is not active.
		IssuerNotActive,
		/// The ledger refused: the institution's serials for the year are exhausted.
		SerialsExhausted,
		/// The ledger refused: the validity would end before issuance (e.g. AO term over).
		ValidityEndsBeforeIssue,
		/// The application is not awaiting acceptance.
		NotSubmitted,
		/// A deficiency notice is only issued at intake or in review (YX-R §16 ¶2, Q5).
		SupplementNotAllowed,
		/// The application is not awaiting a supplement.
		NotAwaitingSupplement,
		/// The supplement period is over: the application is deemed withdrawn (YX-R §16 ¶2).
		SupplementPeriodOver,
		/// The supplement period was already extended once.
		SupplementAlreadyExtended,
		/// The supplement period is still running.
		SupplementNotOverdue,
		/// Withdrawal only before publicity (YX-R §18 ¶2, Q7).
		NotWithdrawable,
		/// The application is not under review.
		NotUnderReview,
		/// Refusal needs at least one ground (YX-R §17).
		NoRefusalGround,
		/// A refusal ground is listed twice.
		DuplicateRefusalGround,
		/// This type has no publicity (cancellation, renewal: Q6, Q14).
		NoPublicityForKind,
		/// This type must go through publicity before approval.
		PublicityRequired,
		/// Publicity has not started (objection before publicity, Q10(d)).
		PublicityNotOpen,
		/// Publicity is over (objection after publicity, Q10(d)).
		PublicityOver,
		/// The publicity window has not ended yet.
		PublicityNotOver,
		/// The end of publicity was already recorded.
		PublicityAlreadyClosed,
		/// An objection is still open (异议期间暂缓登记, YX-R §22 ¶2).
		ObjectionsOpen,
		/// A dispute flag is set (YX-R §17(四)(五)).
		DisputePending,
		/// The application is not awaiting a decision.
		NotAwaitingDecision,
		/// The application has ended.
		ApplicationClosed,
		/// The objector already holds `MaxObjections` open objections on this application; it may
		/// object again once one is decided.
		TooManyObjections,
		/// The objection was already forwarded.
		ObjectionNotLodged,
		/// The objection has not been forwarded yet.
		ObjectionNotForwarded,
		/// The rebuttal period is over (YX-R §22 ¶2).
		RebuttalPeriodOver,
		/// The rebuttal period is still running and no rebuttal was filed.
		RebuttalPeriodRunning,
		/// The rebuttal period is not over (nothing to expire).
		RebuttalNotOverdue,
		/// The objection was already decided.
		ObjectionAlreadyDecided,
		/// No deadline of this item is overdue and unreported.
		NothingOverdue,
		/// Every day the timer could be queued on is full.
		DueQueueFull,
		/// An id counter overflowed.
		Overflow,
		/// The registration was revoked (撤销登记, YX-R §27): no application is accepted on it.
		RegistrationRevoked,
		/// The registration was cancelled on expiry without renewal (YX-R §23 ¶2): no application
		/// is accepted on it.
		RegistrationExpired,
		/// After publicity only national core data or secrets, an unlawful source or a dispute
		/// (YX-R §17(一)(三)(四)(五)) refuse registration; an upheld objection terminates it.
		GroundNotAfterPublicity,
		/// The objection's application has not ended: the objection is decided, not closed.
		ApplicationNotEnded,
		/// The agreement's delivery was already recorded.
		DeliveryAlreadyRecorded,
		/// The delivery is later than now.
		DeliveryInFuture,
		/// The delivery is outside the agreement's term.
		DeliveryOutsideTerm,
		/// Only product or service applications list the registrations they derive from (Q42).
		LineageOnlyForProducts,
		/// More than `MAX_DERIVED_FROM` sources.
		TooManySources,
		/// A source is listed twice, or is the registration itself.
		DuplicateSource,
		/// A source registration does not exist or is not active (cancelled, revoked or expired).
		SourceNotValid,
		/// A source rests on another agreement and belongs to another holder, and no consent of
		/// its holder is recorded (YX-AO §24, YN-D §49(二)).
		SourceNotConsented,
		/// Sources are declared before publicity (submitted, awaiting a supplement or in review).
		LineageClosed,
		/// The ledger refused: an exceptional validity of 0 or more than
		/// `MAX_VALIDITY_EXCEPTION_YEARS` years (YX-R §23 ¶1).
		BadValidityTerm,
		/// More than `MAX_CO_SUBJECTS` co-subjects.
		TooManyCoSubjects,
		/// A co-subject is listed twice, or is the subject itself.
		DuplicateCoSubject,
		/// A co-subject's USCC fails its GB 32100 check.
		BadCoSubject,
		/// A renewal or cancellation names the registration's co-subjects, no others (YX-R §15).
		CoSubjectsFixed,
		/// Co-subjects are declared and consent before acceptance (YX-R §15, §16).
		CoSubjectsClosed,
		/// This subject is not a co-subject of the application.
		NotCoSubject,
		/// The co-subject already signed.
		ConsentAlreadySigned,
		/// A co-subject has not consented yet (YX-R §15): the joint application is incomplete.
		CoSubjectConsentMissing,
		/// Basic details are declared before publicity, on first, change and correction
		/// applications.
		DetailsClosed,
		/// The industry is not a GB/T 4754-2017 code (YX-R §12(三)).
		BadIndustryCode,
		/// The coverage area is not a GB/T 2260 division (YX-R §12(七)).
		BadCoverageArea,
		/// The classification code is empty or not printable ASCII (Q22).
		BadClassificationCode,
		/// The catalogue reference is empty or not printable ASCII.
		BadCatalogueReference,
		/// National core data is not registered (YX-R §17(一)).
		CoreDataNotRegistrable,
		/// A validity exception concerns the first certificate of a first registration.
		ValidityExceptionNotAllowed,
		/// YX-R §19, YX-AO §35: the agreement behind this product or service is suspended, so no
		/// change of it is registered until it is resumed.
		AgreementSuspended,
		/// A business review is recorded for the subject's first, change or correction
		/// applications (YX-R §14, §15), not for an interested party's correction, a
		/// cancellation (YX-R §21) or a renewal.
		BusinessReviewNotApplicable,
		/// The business review is recorded before publicity (submitted, awaiting a supplement or
		/// in review).
		BusinessReviewClosed,
		/// The reviewer's USCC fails its GB 32100 check, or is the subject itself.
		BadReviewer,
		/// The business review was completed after the application was (re)submitted: the
		/// subject applies after completing it (YX-R §15 "完成业务审核后…提出登记申请").
		BusinessReviewAfterApplication,
		/// Materials by kind are declared before acceptance or on a deficiency notice (YX-R §16).
		MaterialsClosed,
		/// A material the measures require for this type of application is missing (YX-R §18 ¶1,
		/// §19 ¶2, §20 ¶2, §21 ¶3).
		RequiredMaterialMissing,
		/// The same material digest is listed twice.
		DuplicateMaterial,
		/// The filing authority is not a city data authority (YX-AO §16 ¶2 "本级数据主管部门"), or
		/// the signer is not the data authority of that city.
		NotFilingAuthority,
		/// The application is not an interested party's correction notified to the subject.
		NoCorrectionNotice,
		/// The subject already responded to the correction.
		AlreadyResponded,
		/// The subject's response period is over (Q31).
		ResponsePeriodOver,
		/// The data authority requires the business review to be recorded before acceptance
		/// (YX-R §15 "完成业务审核后…提出登记申请").
		BusinessReviewMissing,
		/// The data authority requires the materials declared by kind before acceptance
		/// (YX-R §18 ¶1, §19 ¶2, §20 ¶2, §21 ¶3).
		MaterialsNotDeclared,
		/// The subject's response period on an interested party's correction is still running
		/// and it has not responded: it is published after (Q11, Q31).
		ResponsePeriodRunning,
		/// The provision of this holder's resources under this agreement is already recorded.
		ProvisionAlreadyRecorded,
		/// The provision instant is in the future.
		ProvisionInFuture,
		/// The provision instant lies outside the agreement's term.
		ProvisionOutsideTerm,
		/// No provision with this id.
		ProvisionNotFound,
		/// The successor named is the registration's subject itself (Q8: the subject applies
		/// with `submit_cancellation`).
		NotSuccessor,
		/// The signer is not the data authority of the city of the registration's institution.
		NotDataAuthority,
		/// YX-AO §18: data declared 不予开放 (not to be opened) is not authorised for operation:
		/// it is not in an agreement's scope, nor the source of a product under one.
		NotAuthorisable,
		/// Q16: the resource's coverage area reaches beyond the county of the county institution
		/// it is filed with (it goes to the city institution).
		CoverageOutsideJurisdiction,
		/// The objection is not decided (upheld or dismissed): there is no outcome to review.
		ObjectionNotDecided,
		/// No reconsideration or litigation is recorded on this objection.
		NoReviewPending,
		/// A dispute names none of YX-R §17(四) and §17(五) (Q32).
		NoDisputeFlag,
		/// No complaint with this number was decided upheld (YX-R §25(二), Q32).
		ComplaintNotUpheld,
		/// The upheld complaint was about another institution's acts (Q32).
		ComplaintAboutOtherInstitution,
		/// This source's dispute is already raised on the target (Q32).
		DisputeAlreadyRaised,
		/// No dispute from this source is raised on the target (Q32).
		DisputeNotRaised,
		/// The first application's basic details (YX-R §12) are not declared: it is not published
		/// (`declare_basic_details` first).
		BasicDetailsMissing,
		/// The classification code is not on the code list in force (Q22).
		ClassificationCodeNotListed,
		/// A code list's version must be above the one in force (Q22).
		CodeListVersionNotNewer,
		/// A code list is empty, too long, or has a code repeated or malformed (Q22).
		BadCodeList,
	}

	/// The directory's access refusals, as this pallet's errors.
	impl<T: Config> From<AccessError> for Error<T> {
		fn from(e: AccessError) -> Self {
			match e {
				AccessError::UnknownInstitution => Error::<T>::UnknownInstitution,
				AccessError::InstitutionNotActive => Error::<T>::InstitutionNotActive,
				AccessError::NotOperator => Error::<T>::NotOperator,
			}
		}
	}

	/// The ledger's refusals, as this pallet's errors.
	impl<T: Config> From<LedgerError> for Error<T> {
		fn from(e: LedgerError) -> Self {
			match e {
				LedgerError::UnknownCertificate => Error::<T>::CertificateUnknown,
				LedgerError::NotValid => Error::<T>::CertificateNotValid,
				LedgerError::IssuerNotActive => Error::<T>::IssuerNotActive,
				LedgerError::SerialsExhausted => Error::<T>::SerialsExhausted,
				LedgerError::OutsideRenewalWindow => Error::<T>::OutsideRenewalWindow,
				LedgerError::BadRenewalTerm => Error::<T>::BadRenewalTerm,
				LedgerError::ValidityEndsBeforeIssue => Error::<T>::ValidityEndsBeforeIssue,
				LedgerError::BadValidityTerm => Error::<T>::BadValidityTerm,
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let mut meter = WeightMeter::with_limit(remaining);
			Self::sweep(&mut meter);
			meter.consumed()
		}

		fn integrity_test() {
			Self::check_integrity();
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Files a first registration (首次登记, YX-R §15, §18) with `institution`.
		///
		/// - Origin: signed by the subject or its agent with a power of attorney (`AgentScope::Apply`).
		/// - `institution`: the institution whose division contains the subject's seat.
		/// - `subject`, `object`: the subject and what is registered.
		/// - `agreement`: the authorised-operation agreement (products and services only).
		/// - `info`: public fields and material digests.
		///
		/// A product or service rests on an agreement, except a public-service organisation's
		/// own (YN-D §46 ¶2); it takes one of the agreement's `MaxRegistrationsPerAgreement`
		/// places at submission, and meets the operator's registration duty (YX-R §18 ¶3). A
		/// resource in the scope of an authorised operation may reference the agreement that
		/// covers it (YX-R §5; an active one, whoever operates it; it takes no place), and its
		/// renewals are matched to the agreement's term (YX-R §23 ¶2); the subject's first such
		/// resource meets its duty after providing its resources (YX-R §5, §18 ¶3).
		///
		/// Emits `ApplicationSubmitted` (and `RegistrationDutyMet` or `ResourceDutyMet`). Errors: `UnknownInstitution`,
		/// `InstitutionNotActive`, `UnknownSubject`, `OutsideJurisdiction`, `NotSubjectOrAgent`,
		/// `AgreementRequired`, `AgreementNotFound`,
		/// `AgreementNotActive`, `AgreementOperatorMismatch`, `AgreementTermOver`,
		/// `TooManyRegistrationsForAgreement`, the `info` errors, `DueQueueFull`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::submit_first_time())]
		pub fn submit_first_time(
			origin: OriginFor<T>,
			institution: DivisionCode,
			subject: Uscc,
			object: ObjectKind,
			agreement: Option<AgreementId>,
			info: BasicInfoInput,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_first_time(who, institution, subject, object, agreement, info)
				.map(|_| ())
		}

		/// Files a change registration (变更登记, YX-R §19) on `registration`.
		///
		/// - Origin: signed by the subject or its agent (`AgentScope::Apply`).
		/// - `info`: the changed public fields and material digests.
		///
		/// Emits `ApplicationSubmitted`. Errors: `RegistrationNotFound`, `RegistrationNotActive`,
		/// `AgreementSuspended` (a product whose agreement is suspended, YX-R §19, YX-AO §35),
		/// `RegistrationBusy`, `NotSubjectOrAgent`, the `info` errors, `DueQueueFull`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::submit_change())]
		pub fn submit_change(
			origin: OriginFor<T>,
			registration: RegistrationId,
			info: BasicInfoInput,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_on_registration(who, registration, Request::Change, Some(info))
				.map(|_| ())
		}

		/// Files a correction registration (更正登记, YX-R §20) on `registration`.
		///
		/// - Origin: signed by the subject or its agent, or by a real-name interested party.
		/// - `info`: the corrected public fields; `evidence`: BLAKE2-256 of the supporting evidence.
		///
		/// An interested party's correction is notified to the subject, which may respond within
		/// `CorrectionResponseWorkingDays` WD (Q11, Q31).
		///
		/// Emits `ApplicationSubmitted`, and `CorrectionNotified` for an interested party's.
		/// Errors: `RegistrationNotFound`, `RegistrationNotActive`, `RegistrationBusy`,
		/// `NotRealName`, the `info` errors, `DueQueueFull`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::submit_correction())]
		pub fn submit_correction(
			origin: OriginFor<T>,
			registration: RegistrationId,
			info: BasicInfoInput,
			evidence: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_on_registration(
				who,
				registration,
				Request::Correction { evidence },
				Some(info),
			)
			.map(|_| ())
		}

		/// Files a cancellation registration (注销登记, YX-R §21) on `registration`.
		///
		/// - Origin: signed by the subject or its agent (`AgentScope::Apply`).
		/// - `ground`: one of YX-R §21 ¶1; `materials`: material digests.
		///
		/// Emits `ApplicationSubmitted`. Errors: `RegistrationNotFound`, `RegistrationNotActive`,
		/// `RegistrationBusy`, `NotSubjectOrAgent`, `TooManyMaterials`, `DueQueueFull`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::submit_cancellation())]
		pub fn submit_cancellation(
			origin: OriginFor<T>,
			registration: RegistrationId,
			ground: CancellationGround,
			materials: Vec<Digest>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_materials(
				who,
				registration,
				Request::Cancellation { ground },
				materials,
			)
			.map(|_| ())
		}

		/// Files a renewal (续展, YX-R §23 ¶2) of `registration`'s certificate for `years`.
		///
		/// - Origin: signed by the subject or its agent (`AgentScope::Apply`).
		/// - `years`: 1..=3; `materials`: material digests.
		///
		/// Only inside the 60 days before expiry; marks the renewal pending in the ledger.
		/// Emits `ApplicationSubmitted`. Errors: `RegistrationNotFound`, `RegistrationNotActive`,
		/// `RegistrationBusy`, `NotSubjectOrAgent`, `BadRenewalTerm`, `OutsideRenewalWindow`,
		/// `CertificateUnknown`, `CertificateNotValid`, `TooManyMaterials`, `DueQueueFull`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::submit_renewal())]
		pub fn submit_renewal(
			origin: OriginFor<T>,
			registration: RegistrationId,
			years: u8,
			materials: Vec<Digest>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_materials(who, registration, Request::Renewal { years }, materials)
				.map(|_| ())
		}

		/// Accepts an application (受理, YX-R §16 ¶1); starts the review clock (20 WD; 10 WD to
		/// complete a cancellation, YX-R §21).
		///
		/// - Origin: signed by an operator of the responsible institution.
		///
		/// Once the data authority requires them (`set_intake_requirements`), the business review
		/// and the materials by kind must be on the application (YX-R §15, §18 ¶1, §19 ¶2).
		///
		/// Emits `ApplicationAccepted` (and `InstitutionDeadlineMissed` if late). Errors:
		/// `ApplicationNotFound`, `NotOperator`, `InstitutionNotActive`, `NotSubmitted`,
		/// `CoSubjectConsentMissing`, `BusinessReviewMissing`, `MaterialsNotDeclared`,
		/// `DueQueueFull`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::accept_application())]
		pub fn accept_application(
			origin: OriginFor<T>,
			application: ApplicationId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept(who, application)
		}

		/// Refuses acceptance (不予受理, YX-R §16 ¶2) with the BLAKE2-256 of the reasons.
		///
		/// - Origin: signed by an operator of the responsible institution.
		///
		/// Emits `AcceptanceRefused`. Errors: `ApplicationNotFound`, `NotOperator`, `NotSubmitted`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::refuse_acceptance())]
		pub fn refuse_acceptance(
			origin: OriginFor<T>,
			application: ApplicationId,
			reasons: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_refuse_acceptance(who, application, reasons)
		}

		/// Issues the one-time deficiency notice (一次性告知, YX-R §16 ¶2; Q5: at intake or in
		/// review, once per submission); the subject has 10 WD to resubmit.
		///
		/// - Origin: signed by an operator of the responsible institution.
		/// - `notice`: BLAKE2-256 of the notice listing every deficiency.
		///
		/// A second notice on the same submission is impossible: the first one sends the
		/// application back to the subject, whose resubmission is a new submission.
		///
		/// Emits `SupplementRequested`. Errors: `ApplicationNotFound`, `NotOperator`,
		/// `SupplementNotAllowed`, `DueQueueFull`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::request_supplement())]
		pub fn request_supplement(
			origin: OriginFor<T>,
			application: ApplicationId,
			notice: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_supplement(who, application, notice)
		}

		/// Resubmits after the deficiency notice (YX-R §16 ¶2): back to `Submitted`, both clocks restart.
		///
		/// - Origin: signed by the applicant side (subject or agent; the interested party for its
		///   correction).
		/// - `info`: the completed public fields and material digests.
		///
		/// Emits `ApplicationResubmitted`. Errors: `ApplicationNotFound`, `NotSubjectOrAgent`,
		/// `NotAwaitingSupplement`, `SupplementPeriodOver`, the `info` errors, `DueQueueFull`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::resubmit_application())]
		pub fn resubmit_application(
			origin: OriginFor<T>,
			application: ApplicationId,
			info: BasicInfoInput,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_resubmit(who, application, info)
		}

		/// Withdraws an application before publicity (撤回, YX-R §18 ¶2, Q7), for any type.
		///
		/// - Origin: signed by the applicant side.
		///
		/// Emits `ApplicationWithdrawn`. Errors: `ApplicationNotFound`, `NotSubjectOrAgent`,
		/// `NotWithdrawable`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::withdraw_application())]
		pub fn withdraw_application(
			origin: OriginFor<T>,
			application: ApplicationId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(who, application)
		}

		/// Records a justified reason (正当理由) for late resubmission, once per deficiency notice
		/// (YX-R §16 ¶2, Q28): before the lapse it extends the supplement period by the supplement
		/// period; after the lapse ("无正当理由逾期…视为撤回": only an unjustified lapse is a
		/// withdrawal) it reinstates the application, deemed withdrawn, awaiting the supplement
		/// for a new supplement period from today.
		///
		/// - Origin: signed by an operator of the responsible institution.
		/// - `reason`: BLAKE2-256 of the reason (stored as `Application::justified_reason`).
		///
		/// Emits `SupplementExtended`, or `ApplicationReinstated` after the lapse. Errors:
		/// `ApplicationNotFound`, `NotOperator`, `NotAwaitingSupplement`,
		/// `SupplementAlreadyExtended`, on reinstatement `RegistrationBusy`, the registration and
		/// ledger errors and `TooManyRegistrationsForAgreement`; `DueQueueFull`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::extend_supplement())]
		pub fn extend_supplement(
			origin: OriginFor<T>,
			application: ApplicationId,
			reason: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_extend_supplement(who, application, reason)
		}

		/// Refuses registration (审查未通过／不予登记, YX-R §16 ¶2, §17, §13): under review on any
		/// ground; in publicity or deferred on a ground found then (YX-R §17(一)(三)(四)(五):
		/// national core data or secrets, unlawful source, a dispute), so none is held for ever.
		///
		/// - Origin: signed by an operator of the responsible institution.
		/// - `grounds`: distinct grounds, at least one; `decision`: BLAKE2-256 of the decision.
		///
		/// Emits `RegistrationRefused`. Errors: `ApplicationNotFound`, `NotOperator`,
		/// `NotUnderReview` (not under review, in publicity or deferred), `NoRefusalGround`,
		/// `DuplicateRefusalGround`, `GroundNotAfterPublicity`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::refuse_registration())]
		pub fn refuse_registration(
			origin: OriginFor<T>,
			application: ApplicationId,
			grounds: Vec<RefusalGround>,
			decision: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_refuse_registration(who, application, grounds, decision)
		}

		/// Passes review and publishes the publicity notice (公示, YX-R §22 ¶1): subject name,
		/// registration type, data name and summary, for 10 WD from today.
		///
		/// - Origin: signed by an operator of the responsible institution.
		///
		/// An interested party's correction is published once the subject responded or its
		/// response period is over (Q31).
		///
		/// Emits `PublicityOpened`. Errors: `ApplicationNotFound`, `NotOperator`, `NotUnderReview`,
		/// `NoPublicityForKind`, `ResponsePeriodRunning`, `UnknownSubject`, `DueQueueFull`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::publish_application())]
		pub fn publish_application(
			origin: OriginFor<T>,
			application: ApplicationId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish(who, application)
		}

		/// Records the end of publicity (deferring the application if an objection is open).
		/// Free when it does work.
		///
		/// - Origin: any signed account.
		///
		/// Emits `PublicityClosed` and possibly `ApplicationDeferred`. Errors:
		/// `ApplicationNotFound`, `PublicityNotOpen`, `PublicityNotOver`, `PublicityAlreadyClosed`,
		/// `ApplicationClosed`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::close_publicity())]
		pub fn close_publicity(
			origin: OriginFor<T>,
			application: ApplicationId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_close_publicity(application)?;
			Ok(Pays::No.into())
		}

		/// Records that the supplement period lapsed: the application is deemed withdrawn
		/// (YX-R §16 ¶2). Free when it does work.
		///
		/// - Origin: any signed account.
		///
		/// Emits `ApplicationDeemedWithdrawn`. Errors: `ApplicationNotFound`,
		/// `NotAwaitingSupplement`, `SupplementNotOverdue`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::expire_supplement())]
		pub fn expire_supplement(
			origin: OriginFor<T>,
			application: ApplicationId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_expire_supplement(application)?;
			Ok(Pays::No.into())
		}

		/// Reports a missed institution deadline of an application or objection to the data
		/// authority (YX-R §26(四), Q27), or a missed registration duty of an operator after a
		/// delivery or of a holder after a provision (YX-R §5, §18 ¶3). Free when it does work.
		///
		/// - Origin: any signed account.
		///
		/// Emits `InstitutionDeadlineMissed`, `RegistrationDutyOverdue` or `ResourceDutyOverdue`.
		/// Errors: `ApplicationNotFound`, `ObjectionNotFound`, `AgreementNotFound`,
		/// `ProvisionNotFound`, `NothingOverdue`.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::report_overdue())]
		pub fn report_overdue(origin: OriginFor<T>, item: DueItem) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_report_overdue(item)?;
			Ok(Pays::No.into())
		}

		/// Lodges an objection during publicity (提出异议, YX-R §22 ¶2).
		///
		/// - Origin: signed by a real-name verified participant.
		/// - `content`, `evidence`: BLAKE2-256 of the objection and of its evidence.
		///
		/// Emits `ObjectionLodged`. Errors: `ApplicationNotFound`, `NotRealName`,
		/// `NoPublicityForKind`, `PublicityNotOpen`, `PublicityOver`, `TooManyObjections`,
		/// `DueQueueFull`, `Overflow`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::lodge_objection())]
		pub fn lodge_objection(
			origin: OriginFor<T>,
			application: ApplicationId,
			content: Digest,
			evidence: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_lodge_objection(who, application, content, evidence).map(|_| ())
		}

		/// Forwards an objection to the subject (转送, YX-R §22 ¶2); the forwarding day is the
		/// subject's receipt and starts its 10 WD rebuttal clock.
		///
		/// - Origin: signed by an operator of the responsible institution.
		///
		/// Emits `ObjectionForwarded`. Errors: `ObjectionNotFound`, `NotOperator`,
		/// `ObjectionNotLodged`, `DueQueueFull`.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::forward_objection())]
		pub fn forward_objection(origin: OriginFor<T>, objection: ObjectionId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_forward_objection(who, objection)
		}

		/// Submits the subject's rebuttal (异议申辩, YX-R §22 ¶2) within 10 WD of receipt.
		///
		/// - Origin: signed by the subject or its agent (`AgentScope::Rebut`).
		///
		/// Emits `RebuttalSubmitted`. Errors: `ObjectionNotFound`, `NotSubjectOrAgent`,
		/// `ObjectionNotForwarded`, `RebuttalPeriodOver`, `ObjectionAlreadyDecided`.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::submit_rebuttal())]
		pub fn submit_rebuttal(
			origin: OriginFor<T>,
			objection: ObjectionId,
			rebuttal: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_rebuttal(who, objection, rebuttal)
		}

		/// Records that the rebuttal period lapsed (Q9: decides nothing). Free when it does work.
		///
		/// - Origin: any signed account.
		///
		/// Emits `RebuttalLapsed`. Errors: `ObjectionNotFound`, `ObjectionNotForwarded`,
		/// `RebuttalNotOverdue`.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::expire_rebuttal())]
		pub fn expire_rebuttal(
			origin: OriginFor<T>,
			objection: ObjectionId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_expire_rebuttal(objection)?;
			Ok(Pays::No.into())
		}

		/// Decides an objection and reports the outcome to both sides (YX-R §22 ¶2–3). Upheld
		/// terminates the application (终止登记).
		///
		/// - Origin: signed by an operator of the responsible institution.
		/// - `upheld`: 异议成立; `decision`: BLAKE2-256 of the outcome.
		///
		/// Emits `ObjectionDecided`, and `ApplicationTerminated` if upheld. Errors:
		/// `ObjectionNotFound`, `NotOperator`, `ObjectionNotForwarded`, `RebuttalPeriodRunning`,
		/// `ObjectionAlreadyDecided`, `ApplicationClosed`.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::decide_objection())]
		pub fn decide_objection(
			origin: OriginFor<T>,
			objection: ObjectionId,
			upheld: bool,
			decision: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decide_objection(who, objection, upheld, decision)
		}

		/// Closes an undecided objection of an application that ended first (terminated after
		/// another objection was upheld, refused, withdrawn or closed) and notifies the objector
		/// and the subject, each with its time (YX-R §22 ¶2 "反馈异议双方"). Free when it does work.
		///
		/// - Origin: any signed account.
		///
		/// Emits `ObjectionClosed` and `OutcomeNotified` (twice). Errors: `ObjectionNotFound`,
		/// `ObjectionAlreadyDecided`, `ApplicationNotFound`, `ApplicationNotEnded`.
		#[pallet::call_index(27)]
		#[pallet::weight(T::WeightInfo::close_objection())]
		pub fn close_objection(
			origin: OriginFor<T>,
			objection: ObjectionId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_close_objection(objection)?;
			Ok(Pays::No.into())
		}

		/// Sets or clears the dispute flags that block approval (YX-R §17(四)(五), Q41).
		///
		/// - Origin: signed by an operator of the responsible institution.
		///
		/// Emits `DisputesSet`. Errors: `ApplicationNotFound`, `NotOperator`, `ApplicationClosed`.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::set_disputes())]
		pub fn set_disputes(
			origin: OriginFor<T>,
			application: ApplicationId,
			flags: DisputeFlags,
			evidence: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_disputes(who, application, flags, evidence)
		}

		/// Sets or clears the dispute flags of a registration (YX-R §17(四)(五), Q41): while one
		/// is set, no change, correction or renewal of it is approved.
		///
		/// - Origin: signed by an operator of the responsible institution.
		///
		/// Emits `RegistrationDisputesSet`. Errors: `RegistrationNotFound`, `NotOperator`,
		/// `InstitutionNotActive`, `RegistrationNotActive`.
		#[pallet::call_index(26)]
		#[pallet::weight(T::WeightInfo::set_registration_disputes())]
		pub fn set_registration_disputes(
			origin: OriginFor<T>,
			registration: RegistrationId,
			flags: DisputeFlags,
			evidence: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_registration_disputes(who, registration, flags, evidence)
		}

		/// Approves (核准): first, change and correction after publicity with no open objection
		/// and no dispute (YX-R §22 ¶3) draft a certificate; renewal drafts a renewed one
		/// (YX-R §23 ¶2); cancellation cancels the certificate (YX-R §21).
		///
		/// - Origin: signed by an operator of the responsible institution.
		/// - `decision`: BLAKE2-256 of the decision.
		///
		/// Emits `ApplicationApproved`, and `RegistrationCancelled` for a cancellation. Errors:
		/// `ApplicationNotFound`, `NotOperator`, `PublicityRequired`, `PublicityNotOver`,
		/// `ObjectionsOpen`, `DisputePending` (application or registration), `NotAwaitingDecision`,
		/// `AgreementNotActive` (not for an interested party's correction), `AgreementTermOver`,
		/// `AgreementRequired`, `SourceNotValid`, `TooManyRegistrationsForAgreement`,
		/// `UnknownSubject`, the ledger errors, `Overflow`.
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::approve_application())]
		pub fn approve_application(
			origin: OriginFor<T>,
			application: ApplicationId,
			decision: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_approve(who, application, decision)
		}

		/// Records an authorised-operation agreement (授权运营协议, YX-AO §16–§17).
		///
		/// - Origin: `AuthorityOrigin` (data authority).
		/// - `implementer`: implementing institution (实施机构), UTF-8, at most `MAX_NAME_LEN`
		///   bytes (a longer name does not decode); `operator`: 运营机构;
		///   `term_start`..=`term_end`: at most `MaxAgreementYears` (YX-AO §17(二));
		///   `document`: BLAKE2-256 of the agreement and its filing.
		///
		/// Emits `AgreementRecorded`. Errors: `BadImplementerName`, `AgreementTermInverted`,
		/// `AgreementTermTooLong`, `Overflow`.
		#[pallet::call_index(23)]
		#[pallet::weight(T::WeightInfo::record_agreement())]
		pub fn record_agreement(
			origin: OriginFor<T>,
			implementer: BoundedName,
			operator: Uscc,
			term_start: Moment,
			term_end: Moment,
			document: Digest,
		) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_record_agreement(implementer, operator, term_start, term_end, document)
				.map(|_| ())
		}

		/// Amends an agreement's term and document (not once terminated).
		///
		/// - Origin: `AuthorityOrigin`.
		///
		/// Emits `AgreementAmended`. Errors: `AgreementNotFound`, `AgreementNotActive`,
		/// `AgreementTermInverted`, `AgreementTermTooLong` (unless the agreement carries a term
		/// exception, YX-AO §17(二)).
		#[pallet::call_index(24)]
		#[pallet::weight(T::WeightInfo::amend_agreement())]
		pub fn amend_agreement(
			origin: OriginFor<T>,
			agreement: AgreementId,
			term_start: Moment,
			term_end: Moment,
			document: Digest,
		) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_amend_agreement(agreement, term_start, term_end, document)
		}

		/// Suspends, resumes or terminates an agreement and flags its registrations (Q15: they
		/// are never cancelled automatically; the subject applies under YX-R §21(二)).
		///
		/// - Origin: `AuthorityOrigin`.
		///
		/// Emits `AgreementStatusChanged` and `RegistrationFlagged` per registration. Errors:
		/// `AgreementNotFound`, `AgreementTransitionNotAllowed`.
		#[pallet::call_index(25)]
		#[pallet::weight(T::WeightInfo::set_agreement_status(
			T::MaxRegistrationsPerAgreement::get()
		))]
		pub fn set_agreement_status(
			origin: OriginFor<T>,
			agreement: AgreementId,
			status: AgreementStatus,
			document: Digest,
		) -> DispatchResultWithPostInfo {
			T::AuthorityOrigin::ensure_origin(origin)?;
			let flagged = Self::do_set_agreement_status(agreement, status, document)?;
			Ok(Some(T::WeightInfo::set_agreement_status(flagged)).into())
		}

		/// Records an agreement whose term exceeds `MaxAgreementYears`, as the data authority's
		/// exception to the in-principle rule (YX-AO §17(二) "原则上最长不超过5年"), with its reason.
		/// Later amendments of this agreement may exceed the rule too.
		///
		/// - Origin: `AuthorityOrigin` (data authority).
		/// - As `record_agreement`; `reason`: BLAKE2-256 of the reason for the exception.
		///
		/// Emits `AgreementRecorded` and `AgreementTermException`. Errors: `BadImplementerName`,
		/// `AgreementTermInverted`, `Overflow`.
		#[pallet::call_index(28)]
		#[pallet::weight(T::WeightInfo::record_agreement_with_exception())]
		pub fn record_agreement_with_exception(
			origin: OriginFor<T>,
			implementer: BoundedName,
			operator: Uscc,
			term_start: Moment,
			term_end: Moment,
			document: Digest,
			reason: Digest,
		) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_record_agreement_with_exception(
				implementer,
				operator,
				term_start,
				term_end,
				document,
				reason,
			)
			.map(|_| ())
		}

		/// Records the delivery of products and services under `agreement` (交付数据产品和服务),
		/// which starts the operator's duty to file the first registration within 20 WD, or
		/// within 30 WD of the measures taking effect for a delivery before (YX-R §18 ¶3,
		/// YX-AO §25, KM §23).
		///
		/// - Origin: `AuthorityOrigin` (data authority).
		/// - `delivered_at`: instant of delivery (not in the future, inside the term);
		///   `document`: BLAKE2-256 of the delivery record.
		///
		/// Emits `RegistrationDutyDue` (and `RegistrationDutyMet` if the operator already filed).
		/// Errors: `AgreementNotFound`, `AgreementNotActive` (terminated), `DeliveryAlreadyRecorded`,
		/// `DeliveryInFuture`, `DeliveryOutsideTerm`, `DueQueueFull`.
		#[pallet::call_index(29)]
		#[pallet::weight(T::WeightInfo::record_delivery())]
		pub fn record_delivery(
			origin: OriginFor<T>,
			agreement: AgreementId,
			delivered_at: Moment,
			document: Digest,
		) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_record_delivery(agreement, delivered_at, document)
		}

		/// Records (`basis` Some) or removes (None) `subject` as a public-service organisation,
		/// which registers products and services formed from the data it holds without an
		/// authorised-operation agreement (YN-D §46 ¶2).
		///
		/// - Origin: `AuthorityOrigin` (data authority).
		/// - `basis`: BLAKE2-256 of the decision or the legal basis.
		///
		/// Emits `PublicServiceSet`. Errors: `UnknownSubject`.
		#[pallet::call_index(30)]
		#[pallet::weight(T::WeightInfo::set_public_service())]
		pub fn set_public_service(
			origin: OriginFor<T>,
			subject: Uscc,
			basis: Option<Digest>,
		) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_set_public_service(subject, basis)
		}

		/// Declares (replacing any earlier list) the registrations a product or service
		/// application derives from (Q42, YX-AO §24, YN-D §49(二)). Each source must be an active
		/// registration resting on the same agreement, or the applicant's own, or come with its
		/// holder's consent (digest). Checked again at approval.
		///
		/// - Origin: signed by the applicant side (subject or agent, `AgentScope::Apply`).
		/// - `sources`: at most `MAX_DERIVED_FROM`, distinct, not the registration itself.
		///
		/// Emits `DerivedFromDeclared`. Errors: `ApplicationNotFound`, `NotSubjectOrAgent`,
		/// `LineageOnlyForProducts`, `LineageClosed`, `TooManySources`, `DuplicateSource`,
		/// `SourceNotValid`, `SourceNotConsented`.
		#[pallet::call_index(31)]
		#[pallet::weight(T::WeightInfo::declare_derived_from(sources.len() as u32))]
		pub fn declare_derived_from(
			origin: OriginFor<T>,
			application: ApplicationId,
			sources: Vec<Lineage>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_declare_derived_from(who, application, sources)
		}

		/// Declares (replacing any earlier list) the co-subjects of a joint application (YX-R
		/// §15 "涉及多个主体的，可共同提出登记申请或者协商一致后由单独主体提出登记申请", §12(八),
		/// Q30): each consents by filing its written consent here (digest) or by signing
		/// (`consent_as_co_subject`); the application is accepted and approved only when all
		/// have. A renewal or cancellation names exactly the registration's co-subjects.
		///
		/// - Origin: signed by the subject or its agent (`AgentScope::Apply`).
		/// - `co_subjects`: at most `MAX_CO_SUBJECTS`, distinct, valid USCCs, not the subject.
		///
		/// Emits `CoSubjectsDeclared`. Errors: `ApplicationNotFound`, `NotSubjectOrAgent`,
		/// `CoSubjectsClosed` (after acceptance), `TooManyCoSubjects`, `BadCoSubject`,
		/// `DuplicateCoSubject`, `CoSubjectsFixed`, `RegistrationNotFound`.
		#[pallet::call_index(32)]
		#[pallet::weight(T::WeightInfo::declare_co_subjects(co_subjects.len() as u32))]
		pub fn declare_co_subjects(
			origin: OriginFor<T>,
			application: ApplicationId,
			co_subjects: Vec<JointSubject>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_declare_co_subjects(who, application, co_subjects)
		}

		/// A co-subject signs the joint application (共同提出, YX-R §15).
		///
		/// - Origin: signed by `co_subject`'s account or its agent (`AgentScope::Apply`).
		///
		/// Emits `CoSubjectConsented`. Errors: `ApplicationNotFound`, `CoSubjectsClosed`,
		/// `NotCoSubject`, `NotSubjectOrAgent`, `ConsentAlreadySigned`.
		#[pallet::call_index(33)]
		#[pallet::weight(T::WeightInfo::consent_as_co_subject())]
		pub fn consent_as_co_subject(
			origin: OriginFor<T>,
			application: ApplicationId,
			co_subject: Uscc,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_consent_as_co_subject(who, application, co_subject)
		}

		/// Declares (replacing any earlier one) the typed basic information and classification
		/// of a first, change or correction application before publicity: industry (GB/T 4754),
		/// scenario, source, structure and scale, coverage area, update frequency (YX-R §12
		/// (三)–(七), (九)), classification and grade, sharing and opening attributes, catalogue
		/// reference (YX-AO §31, YN-D §13, §15, DZ §13, KM 第十条, Q22). It becomes the
		/// registration's on approval.
		///
		/// - Origin: signed by the applicant side (subject or agent; the interested party for
		///   its correction).
		///
		/// Emits `BasicDetailsDeclared`. Errors: `ApplicationNotFound`, `NotSubjectOrAgent`,
		/// `DetailsClosed`, `BadIndustryCode`, `BadCoverageArea`, `BadClassificationCode`,
		/// `BadCatalogueReference`, `CoreDataNotRegistrable` (YX-R §17(一)).
		#[pallet::call_index(34)]
		#[pallet::weight(T::WeightInfo::declare_basic_details())]
		pub fn declare_basic_details(
			origin: OriginFor<T>,
			application: ApplicationId,
			details: dengji_primitives::catalogue::BasicDetails,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_declare_basic_details(who, application, details)
		}

		/// Records the data authority's exception to the 3-year validity (YX-R §23 ¶1
		/// "电子凭证原则上有效期3年") for the first certificate of `application`, with its reason:
		/// valid `years` from the day of issue (products still capped by the AO term).
		///
		/// - Origin: `AuthorityOrigin` (data authority).
		/// - `years`: 1..=`MAX_VALIDITY_EXCEPTION_YEARS`; `reason`: BLAKE2-256 of the reason.
		///
		/// Emits `ValidityExceptionRecorded`. Errors: `ApplicationNotFound`,
		/// `ValidityExceptionNotAllowed` (not a first registration), `ApplicationClosed`,
		/// `BadValidityTerm`.
		#[pallet::call_index(35)]
		#[pallet::weight(T::WeightInfo::set_validity_exception())]
		pub fn set_validity_exception(
			origin: OriginFor<T>,
			application: ApplicationId,
			years: u8,
			reason: Digest,
		) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_set_validity_exception(application, years, reason)
		}

		/// Records the business review (业务审核) the subject completed before applying (YX-R §14
		/// "一般按照业务审核、申请、受理、审查、公示、发证等程序开展", §15, Q21): the reviewing body, the
		/// digest of its attestation and when it completed the review; it stays on the application
		/// beside the decision. Replaces an earlier record.
		///
		/// - Origin: signed by the subject or its agent (`AgentScope::Apply`).
		/// - `reviewer`: the reviewing body's USCC (not the subject); `reviewed_at`: not after the
		///   application's (re)submission.
		///
		/// Emits `BusinessReviewRecorded`. Errors: `ApplicationNotFound`,
		/// `BusinessReviewNotApplicable`, `NotSubjectOrAgent`, `BusinessReviewClosed`,
		/// `BadReviewer`, `BusinessReviewAfterApplication`.
		#[pallet::call_index(36)]
		#[pallet::weight(T::WeightInfo::record_business_review())]
		pub fn record_business_review(
			origin: OriginFor<T>,
			application: ApplicationId,
			reviewer: Uscc,
			attestation: Digest,
			reviewed_at: Moment,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_record_business_review(who, application, reviewer, attestation, reviewed_at)
		}

		/// Declares (replacing any earlier declaration) the application's materials by kind; the
		/// kinds the measures require for its type must all be there (YX-R §18 ¶1 (一)–(六) for a
		/// first registration, §19 ¶2 (一)–(三) for a change, §20 ¶2 (一)–(四) for a correction,
		/// §21 ¶3 (一)–(三) for a cancellation; none for a renewal; Q34).
		///
		/// - Origin: signed by the applicant side (subject or agent; the interested party for
		///   its correction).
		/// - `materials`: at most `MaxMaterials`, distinct digests.
		///
		/// Emits `MaterialsDeclared`. Errors: `ApplicationNotFound`, `NotSubjectOrAgent`,
		/// `MaterialsClosed`, `TooManyMaterials`, `DuplicateMaterial`, `RequiredMaterialMissing`.
		#[pallet::call_index(37)]
		#[pallet::weight(T::WeightInfo::declare_materials(materials.len() as u32))]
		pub fn declare_materials(
			origin: OriginFor<T>,
			application: ApplicationId,
			materials: Vec<TypedMaterial>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_declare_materials(who, application, materials)
		}

		/// Records the filing (备案) of an agreement with the city data authority (YX-AO §16 ¶2
		/// "运营机构应当及时将公共数据资源授权运营协议报本级数据主管部门备案"). Replaces an earlier
		/// record (an amended agreement is filed again).
		///
		/// - Origin: signed by the data authority of `filed_with` (a city), or `AuthorityOrigin`.
		/// - `reference`: BLAKE2-256 of the filing record.
		///
		/// Emits `AgreementFiled`. Errors: `AgreementNotFound`, `AgreementNotActive` (terminated),
		/// `NotFilingAuthority`.
		#[pallet::call_index(38)]
		#[pallet::weight(T::WeightInfo::record_agreement_filing())]
		pub fn record_agreement_filing(
			origin: OriginFor<T>,
			agreement: AgreementId,
			filed_with: DivisionCode,
			reference: Digest,
		) -> DispatchResult {
			let by = match T::AuthorityOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Self::do_record_agreement_filing(by, agreement, filed_with, reference)
		}

		/// The subject responds to an interested party's correction of its registration within
		/// its response period (Q11, Q31; YX-R §20 "经登记主体书面同意…"): its written consent or
		/// its reply, which the institution weighs in its decision.
		///
		/// - Origin: signed by the subject or its agent (`AgentScope::Rebut`).
		/// - `response`: BLAKE2-256 of the response.
		///
		/// Emits `CorrectionResponded`. Errors: `ApplicationNotFound`, `NoCorrectionNotice`,
		/// `NotSubjectOrAgent`, `ApplicationClosed`, `AlreadyResponded`, `ResponsePeriodOver`.
		#[pallet::call_index(39)]
		#[pallet::weight(T::WeightInfo::respond_to_correction())]
		pub fn respond_to_correction(
			origin: OriginFor<T>,
			application: ApplicationId,
			response: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_respond_to_correction(who, application, response)
		}

		/// Sets what the institution's acceptance requires (YX-R §15 "登记主体完成业务审核后…提出
		/// 登记申请", §18 ¶1 and §19 ¶2 "应当提交下列材料"): the business review recorded
		/// (subject's first, change and correction applications) and the materials declared by
		/// kind (all but renewals). Off until set, so that clients of earlier
		/// runtimes, which file neither, keep working until the data authority requires them.
		///
		/// - Origin: `AuthorityOrigin` (data authority).
		///
		/// Emits `IntakeRequirementsSet`.
		#[pallet::call_index(40)]
		#[pallet::weight(T::WeightInfo::set_intake_requirements())]
		pub fn set_intake_requirements(
			origin: OriginFor<T>,
			requirements: IntakeRequirements,
		) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			IntakeRequirementsInForce::<T>::put(requirements);
			Self::deposit_event(Event::IntakeRequirementsSet { requirements });
			Ok(())
		}

		/// Records that `holder` provided its data resources for the operation under
		/// `agreement` (提供数据资源), which starts the holder's duty to file the first
		/// registration of the resources in the operation's scope, referencing the agreement,
		/// within 20 WD, or within 30 WD of the measures taking effect for a provision before
		/// (YX-R §5, §18 ¶3, YX-AO §25, KM §23).
		///
		/// - Origin: `AuthorityOrigin` (data authority).
		/// - `holder`: the data holder, a registration subject; one provision per holder and
		///   agreement (several holders may provide for one operation).
		/// - `provided_at`: instant of the provision (not in the future, inside the term);
		///   `document`: BLAKE2-256 of the provision record.
		///
		/// Emits `ResourceDutyDue` (and `ResourceDutyMet` if the holder already filed,
		/// `ResourceDutyOverdue` if the due day has passed). Errors: `AgreementNotFound`,
		/// `AgreementNotActive` (terminated), `UnknownSubject`, `ProvisionAlreadyRecorded`,
		/// `ProvisionInFuture`, `ProvisionOutsideTerm`, `DueQueueFull`.
		#[pallet::call_index(41)]
		#[pallet::weight(T::WeightInfo::record_provision())]
		pub fn record_provision(
			origin: OriginFor<T>,
			agreement: AgreementId,
			holder: Uscc,
			provided_at: Moment,
			document: Digest,
		) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_record_provision(agreement, holder, provided_at, document).map(|_| ())
		}

		/// Files a cancellation (注销登记) of `registration` under YX-R §21(三) (the subject
		/// ceased to exist) by the subject's legal successor or a liquidator (Q8), with the
		/// digest of the succession or liquidation document. The institution accepts, reviews
		/// and cancels as for any cancellation (10 WD, YX-R §21).
		///
		/// - Origin: signed; `Successor(uscc)`: by that subject or its agent (`AgentScope::Apply`),
		///   not the registration's subject; `Liquidator`: by a real-name participant.
		/// - `document`: BLAKE2-256 of the succession or liquidation document; `materials`:
		///   material digests.
		///
		/// Emits `ApplicationSubmitted`, `CancellationApplicant`. Errors: `RegistrationNotFound`,
		/// `RegistrationNotActive`, `RegistrationBusy`, `NotSuccessor`, `UnknownSubject`,
		/// `NotSubjectOrAgent`, `NotRealName`, `TooManyMaterials`, `DueQueueFull`.
		#[pallet::call_index(42)]
		#[pallet::weight(T::WeightInfo::submit_cancellation_on_succession())]
		pub fn submit_cancellation_on_succession(
			origin: OriginFor<T>,
			registration: RegistrationId,
			applicant: SuccessionApplicant,
			document: Digest,
			materials: Vec<Digest>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_cancellation_on_succession(
				who,
				registration,
				applicant,
				document,
				materials,
			)
			.map(|_| ())
		}

		/// Orders the cancellation of `registration` on a ground of YX-R §21 (Q8: ex officio
		/// cancellation other than on expiry rests on a data-authority instruction recorded on
		/// chain). It files a cancellation application that the institution accepts, reviews
		/// and carries out (10 WD, YX-R §21); the co-subjects' consent and the materials by kind
		/// are not asked of an order.
		///
		/// - Origin: `AuthorityOrigin` (data authority), or signed by the data authority of the
		///   city of the registration's institution.
		/// - `order`: BLAKE2-256 of the order.
		///
		/// Emits `ApplicationSubmitted`, `CancellationApplicant`. Errors: `RegistrationNotFound`,
		/// `NotDataAuthority`, `RegistrationNotActive`, `RegistrationBusy`, `DueQueueFull`.
		#[pallet::call_index(43)]
		#[pallet::weight(T::WeightInfo::order_cancellation())]
		pub fn order_cancellation(
			origin: OriginFor<T>,
			registration: RegistrationId,
			ground: CancellationGround,
			order: Digest,
		) -> DispatchResult {
			let by = match T::AuthorityOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Self::do_order_cancellation(by, registration, ground, order).map(|_| ())
		}

		/// Records that the outcome of the decided `objection` is under administrative
		/// reconsideration (行政复议) or litigation (行政诉讼) (`document` Some: the digest of the
		/// application or the court's notice), or that it is no longer (None) (Q10(f): a flag
		/// only; the outcome stands; a changed outcome is a new application, Q10(g)).
		///
		/// - Origin: signed by an operator of the institution handling the application.
		///
		/// Emits `ObjectionReviewPending`. Errors: `ObjectionNotFound`, `ApplicationNotFound`,
		/// `NotOperator`, `UnknownInstitution`, `ObjectionNotDecided`, `NoReviewPending`.
		#[pallet::call_index(44)]
		#[pallet::weight(T::WeightInfo::set_objection_review())]
		pub fn set_objection_review(
			origin: OriginFor<T>,
			objection: ObjectionId,
			document: Option<Digest>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_objection_review(who, objection, document)
		}
		/// Decides the rebutted (or lapsed) `objection` as showing that the subject has not
		/// agreed with an interested party (YX-R §17(四)) or that ownership is disputed
		/// (§17(五)), as `flags` says (Q32): the objection ends `Disputed`, both parties are
		/// notified (YX-R §22 ¶2) and the dispute is raised on its application, which is not
		/// approved before `resolve_dispute` and may be refused under §17(四)/(五).
		///
		/// - Origin: signed by an operator of the institution handling the application.
		/// - `decision`: BLAKE2-256 of the written decision.
		///
		/// Emits `ObjectionDisputed`, `OutcomeNotified` (twice), `DisputeRaised`. Errors:
		/// `NoDisputeFlag`, `ObjectionNotFound`, `ApplicationNotFound`, `NotOperator`,
		/// `ObjectionNotForwarded`, `RebuttalPeriodRunning`, `ObjectionAlreadyDecided`,
		/// `ApplicationClosed`.
		#[pallet::call_index(45)]
		#[pallet::weight(T::WeightInfo::decide_objection_as_dispute())]
		pub fn decide_objection_as_dispute(
			origin: OriginFor<T>,
			objection: ObjectionId,
			flags: DisputeFlags,
			decision: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decide_objection_as_dispute(who, objection, flags, decision)
		}

		/// Raises a dispute on `target` (an open application, an active registration) from
		/// `complaint`, which the data authority decided upheld against this institution's act
		/// (YX-R §25(二), §17(四)(五), Q32): approval waits for `resolve_dispute`.
		///
		/// - Origin: signed by an operator of the institution handling `target`, or
		///   `AuthorityOrigin` (the data authority that decided the complaint).
		/// - `decision`: BLAKE2-256 of the record of the consequence.
		///
		/// Emits `DisputeRaised`. Errors: `NoDisputeFlag`, `ApplicationNotFound`,
		/// `ApplicationClosed`, `RegistrationNotFound`, `RegistrationNotActive`, `NotOperator`,
		/// `ComplaintNotUpheld`, `ComplaintAboutOtherInstitution`, `DisputeAlreadyRaised`.
		#[pallet::call_index(46)]
		#[pallet::weight(T::WeightInfo::raise_complaint_dispute())]
		pub fn raise_complaint_dispute(
			origin: OriginFor<T>,
			target: DisputeTarget,
			complaint: u32,
			flags: DisputeFlags,
			decision: Digest,
		) -> DispatchResult {
			let who = match T::AuthorityOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Self::do_raise_complaint_dispute(who, target, complaint, flags, decision)
		}

		/// Records the resolution of the dispute raised on `target` from `source` (the
		/// parties' agreement, a court's or arbitrator's decision; `resolution` its digest) and
		/// clears it (Q32, YX-R §17(四)(五)).
		///
		/// - Origin: signed by an operator of the institution handling `target`.
		///
		/// Emits `DisputeResolved`. Errors: `DisputeNotRaised`, `ApplicationNotFound`,
		/// `ApplicationClosed`, `RegistrationNotFound`, `RegistrationNotActive`, `NotOperator`.
		#[pallet::call_index(47)]
		#[pallet::weight(T::WeightInfo::resolve_dispute())]
		pub fn resolve_dispute(
			origin: OriginFor<T>,
			target: DisputeTarget,
			source: DisputeSource,
			resolution: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_resolve_dispute(who, target, source, resolution)
		}

		/// Requires (true) or stops requiring (false) that a first application declares its
		/// basic details (`declare_basic_details`, the nine items of YX-R §12, the §18 ¶1(二)
		/// form) before it is published (YX-R §22 ¶1): from the next application submitted on;
		/// the applications already filed are exempt (their clients filed without it). Setting it
		/// again while in force keeps the first number.
		///
		/// - Origin: `AuthorityOrigin` (data authority).
		///
		/// Emits `BasicDetailsRequirementSet`.
		#[pallet::call_index(48)]
		#[pallet::weight(T::WeightInfo::set_basic_details_required())]
		pub fn set_basic_details_required(origin: OriginFor<T>, required: bool) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_set_basic_details_required(required);
			Ok(())
		}

		/// Loads the classification code list `version` (数据分类, Q22; KM 第十条, YN-D §13, DZ
		/// §12): from now on `declare_basic_details` accepts only its codes and records the
		/// version with the details (declared details stay as they are).
		///
		/// - Origin: `AuthorityOrigin` (data authority).
		/// - `version`: above the version in force.
		/// - `codes`: 1..=`MAX_CLASSIFICATION_CODES` distinct printable-ASCII codes.
		///
		/// Emits `ClassificationCodesLoaded`. Errors: `CodeListVersionNotNewer`, `BadCodeList`.
		#[pallet::call_index(49)]
		#[pallet::weight(T::WeightInfo::load_classification_codes(codes.len() as u32))]
		pub fn load_classification_codes(
			origin: OriginFor<T>,
			version: u32,
			codes: Vec<dengji_primitives::catalogue::ClassificationCode>,
		) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_load_classification_codes(version, codes)
		}
	}
}

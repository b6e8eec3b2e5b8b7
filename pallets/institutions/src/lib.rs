//! # Institutions pallet (登记机构与参与方)
//!
//! ## Overview
//! Who may do what on the Dengji chain (docs/spec/DESIGN.md §3, §5; docs/spec/requirements.md §2.1, §5.1, §5.8):
//! - registration institutions (登记机构) at province, city and county level, one per GB/T 2260
//!   division code, with their operators, certificate-signing keys, validator account and node
//!   PeerId;
//! - the city data authorities, with whom county institutions are filed (备案, YX-R §7 ¶2), which
//!   may determine their city's institution and file it with the province (YN-D §45 ¶2) and, as
//!   the same-level authority, take the measures on it (YN-D §63); and the county data
//!   authorities, which determine their county's institution, file it and, as the same-level
//!   authority, sanction it (YX-R §7 ¶2, YN-D §63); every filing is kept in [`Filings`];
//! - sanction decisions (YX-R §26): ground (一)–(五), measure, decision digest, kept for ever;
//! - complaints about institutions' registration acts (投诉举报, YX-R §25(二)): received (lodged by
//!   a real-name participant or recorded by a data authority, content digest only), referred (to
//!   the institution or a department §25 names), decided (upheld or dismissed, decision digest),
//!   each step with its time; an upheld complaint stays listed under the institution;
//! - third-party service institutions (第三方专业服务机构, YX-R §11, §28) registered by the data
//!   authority, suspended or removed with the §28 ground; an agent that is one's account holds its
//!   powers of attorney through it, inert while it is not active;
//! - participants: registration subjects (登记主体, legal persons by USCC, Q20), real-name persons
//!   and organisations (实名, YX-R §22), and agents holding a power of attorney (委托书, YX-R §18(六));
//! - the validator set ([`pallet_session::SessionManager`]): exactly the active institutions'
//!   validator accounts;
//! - the transaction allow-list ([`extension::CheckParticipant`]).
//!
//! It implements [`dengji_primitives::traits::Directory`] for the other pallets and stores
//! [`dengji_primitives::InstitutionRecord`] under `Institutions::Institutions`, which the
//! verification client decodes from storage proofs.
//!
//! ## Terminology
//! - 登记机构 = registration institution; its id is its division code.
//! - 数据主管部门 = data authority: the province authority is `T::AuthorityOrigin` (a collective);
//!   a city authority is an account in [`CityAuthorities`], a county authority one in
//!   [`CountyAuthorities`].
//! - 备案 = filing of a county institution with the city data authority (YX-R §7 ¶2).
//! - 登记主体 = registration subject; 受托机构 = agent; 实名 = real name.
//!
//! ## Lifecycle of an institution (YX-R §26, Q17)
//! An interview (约谈) or on-site guidance (现场指导) is recorded by `sanction` and changes no
//! status; a suspension or a disqualification (取消资格) does:
//! ```text
//! register (province/city) | file (county) ──▶ Active ⇄ Suspended
//!                                              │          │
//!                                              └──────────┴──▶ Disqualified ──transfer_cases──▶ taken over
//! ```
//! A disqualified institution never acts again: its operators lose access, its validator leaves the
//! set at the next session and its node is removed from the allow-list. The certificates it issued
//! stay valid and verifiable: its signing keys stay in its record (Q17).
//!
//! ## Interface
//! Authority calls (province authority everywhere, city authority for its counties; the county
//! authority for its own county in `file_county_institution`, `suspend_institution`,
//! `reinstate_institution`, `disqualify_institution` and `sanction`):
//! `register_institution`, `file_county_institution`, `suspend_institution`,
//! `reinstate_institution`, `disqualify_institution`, `transfer_cases`, `add_operator`,
//! `remove_operator`, `rotate_signing_key`, `set_validator`, `set_peer_id`; province only:
//! `set_city_authority`, `remove_city_authority`. Operator calls: `admit_subject`,
//! `add_subject_account`, `remove_subject_account`, `record_real_name`, `revoke_real_name`.
//! Subject calls: `grant_power_of_attorney`, `revoke_power_of_attorney`. Call indexes 0–19 in
//! that order; then `set_sm2_key` (20), `sanction` (21), `set_county_authority` (22) and
//! `remove_county_authority` (23), the last two by the province or the county's city authority.
//! Supervision (YX-R §25, §28): `lodge_complaint` (24, a real-name participant or a supervising
//! data authority), `refer_complaint` (25), `decide_complaint` (26) (the province authority, a
//! city authority for its city's institutions, a county authority for its county's);
//! `register_service_institution` (27, province or city authority),
//! `suspend_service_institution` (28), `reinstate_service_institution` (29),
//! `remove_service_institution` (30) (the province or the registering city authority).
//! Filing (YN-D §45 ¶2, YX-R §7 ¶2): `file_institution` (31), a city institution by its city
//! authority (filed with the province) or a county institution (as `file_county_institution`),
//! with the filing document's digest. Measures (`sanction`, `suspend_institution`,
//! `reinstate_institution`, `disqualify_institution`) are the same-level authority's (YN-D §63):
//! a city authority's on its own city's institution too, and not on a county that has its own
//! authority.
//!
//! Accounts: the runtime has no balances pallet, so every account this pallet registers gets a
//! `frame_system` provider reference while it holds a role (one per role), and loses it with the
//! role. If the account still has consumers (a validator with session keys), the reference is
//! kept rather than blocking the authority.
//!
//! Powers of attorney are bounded per subject (`MaxAgentsPerSubject`); an expired one is inert
//! (`may_act_for` checks the term on every use) and the subject revokes or replaces it.
//!
//! ## Runtime wiring
//! The Dengji runtime implements [`Config`] in `runtime/src/configs/dengji.rs`, the one place that
//! holds the values of the bounds; this page names them and repeats no number:
//! - [`Config::AuthorityOrigin`] is the province data authority council's origin,
//!   [`Config::Clock`] is `Calendar` (pallet-calendar), [`Config::NodeAllowList`] is
//!   `NodeAuthorizationSync` (below), and [`Config::ExtraParticipants`] is `CouncilMembership`, so
//!   council members may transact without being registered participants;
//! - the storage bounds [`Config::MaxInstitutions`], [`Config::MaxOperators`],
//!   [`Config::MaxSubjectAccounts`] and [`Config::MaxAgentsPerSubject`], and
//!   [`Config::MaxTransactionsPerBlock`], the per-account limit that [`CheckParticipant`] enforces;
//! - [`Config::WeightInfo`] is [`weights::SubstrateWeight`].
//!
//! Elsewhere in the runtime: `pallet_session::Config::SessionManager` is `Institutions`, so the
//! validators are those of the active institutions (`runtime/src/configs/mod.rs`), and
//! [`CheckParticipant`] is one of the transaction extensions (`TxExtension` in
//! `runtime/src/lib.rs`); placed after `CheckNonce`, as there, a removed operator without a
//! provider is refused by the nonce check before the participant check runs.
//!
//! `NodeAuthorizationSync` implements [`NodeAllowList`] over `pallet-node-authorization`:
//! `peer_added` adds a well-known node (owned by the institution's validator account, or a keyless
//! account derived from its division code), `peer_removed` removes it, and `max_weight` is the
//! weight of both.
//!
//! Genesis: `pallet-session`'s genesis asks
//! [`pallet_session::SessionManager::new_session_genesis`], which returns the active institutions'
//! validators if the institutions genesis has already run (`Institutions` listed before `Session`
//! in `#[frame_support::runtime]`) and `None` otherwise; the Dengji runtime lists `Session` first,
//! so its first validator set is the session genesis' `keys`, and its presets put exactly the
//! institutions' validators there. Either way every validator account needs its session keys in
//! the session genesis. The allow-list hook is not called at genesis: list the same PeerIds in the
//! node-authorization genesis. Genesis JSON (`camelCase`):
//! `"institutions": { "institutions": [{ "division": 530400, "name": "玉溪市…",
//! "signingKey": [..32 bytes..], "validator": "5F…", "peerId": [..], "operators": ["5G…"] }],
//! "cityAuthorities": [["5H…", 530400]], "subjects": [{ "uscc": "91530402MA6K000001",
//! "name": "…", "division": 530402, "admittedBy": 530400, "accounts": ["5E…"] }],
//! "persons": [{ "account": "5D…", "identityDigest": [..32..], "verifiedBy": 530400,
//! "kind": "Individual" }] }`.
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod directory;
pub mod extension;
mod institutions;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
pub mod migrations;
#[cfg(any(feature = "mock", test))]
pub mod mock;
mod participants;
pub mod session;
mod supervision;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use extension::CheckParticipant;
pub use session::NodeAllowList;
pub use supervision::MAX_OPEN_COMPLAINTS;
pub use types::*;
pub use weights::WeightInfo;

use dengji_primitives::{Ed25519Public, Sm2Public};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use dengji_primitives::{
		institution::InstitutionStatus, traits::AgentScope, BoundedName, DayIndex, Digest,
		DivisionCode, DivisionLevel, Moment, Uscc,
	};
	use frame_support::{pallet_prelude::*, traits::Contains};
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(5);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration.
	#[pallet::config(with_default)]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The province data authority (数据主管部门): registers province and city institutions,
		/// appoints city authorities and acts on every institution.
		#[pallet::no_default_bounds]
		type AuthorityOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Chain time and calendar (`pallet-calendar`), for power-of-attorney expiry.
		#[pallet::no_default]
		type Clock: dengji_primitives::traits::Clock;
		/// Keeps the node allow-list (`pallet-node-authorization`) in step with PeerIds.
		#[pallet::no_default_bounds]
		type NodeAllowList: NodeAllowList<Self::AccountId>;
		/// Accounts allowed to transact besides participants (runtime: authority council members).
		#[pallet::no_default_bounds]
		type ExtraParticipants: Contains<Self::AccountId>;
		/// Most institutions (bounds the validator-set computation).
		#[pallet::constant]
		type MaxInstitutions: Get<u32>;
		/// Most operators per institution.
		#[pallet::constant]
		type MaxOperators: Get<u32>;
		/// Most accounts per subject.
		#[pallet::constant]
		type MaxSubjectAccounts: Get<u32>;
		/// Most agents (powers of attorney) per subject.
		#[pallet::constant]
		type MaxAgentsPerSubject: Get<u32>;
		/// Most signed transactions one account may have included per block (spam containment,
		/// docs/spec/DESIGN.md §3 layer 2).
		#[pallet::constant]
		type MaxTransactionsPerBlock: Get<u32>;
		/// Weights.
		type WeightInfo: WeightInfo;
	}

	/// Registration institutions by division code (`dengji_primitives::storage_names::INSTITUTIONS`).
	#[pallet::storage]
	pub type Institutions<T: Config> =
		StorageMap<_, Blake2_128Concat, DivisionCode, InstitutionOf<T>, OptionQuery>;

	/// Number of institutions (bounded by `MaxInstitutions`).
	#[pallet::storage]
	pub type InstitutionCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// City data authorities: account → its city division (YX-R §7 ¶2 filing).
	#[pallet::storage]
	pub type CityAuthorities<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, DivisionCode, OptionQuery>;

	/// County data authorities: account → its county (YX-R §7 ¶2: the county authority determines
	/// its county's institution and files it with the city authority; YN-D §63: the same-level
	/// authority sanctions it). Appointed by the province authority or the city authority.
	#[pallet::storage]
	pub type CountyAuthorities<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, DivisionCode, OptionQuery>;

	/// Number of county authority accounts per county (while > 0, the county authority, not the
	/// city authority, files the county institution).
	#[pallet::storage]
	pub type CountyAuthorityCount<T: Config> =
		StorageMap<_, Blake2_128Concat, DivisionCode, u32, ValueQuery>;

	/// Operators of each institution.
	#[pallet::storage]
	pub type Operators<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DivisionCode,
		Blake2_128Concat,
		T::AccountId,
		(),
		OptionQuery,
	>;

	/// Reverse lookup: operator account → its institution (an account operates one institution).
	#[pallet::storage]
	pub type OperatorOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, DivisionCode, OptionQuery>;

	/// Number of operators per institution (bounded by `MaxOperators`).
	#[pallet::storage]
	pub type OperatorCount<T: Config> =
		StorageMap<_, Blake2_128Concat, DivisionCode, u32, ValueQuery>;

	/// Reverse lookup: validator account → its institution.
	#[pallet::storage]
	pub type ValidatorOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, DivisionCode, OptionQuery>;

	/// Reverse lookup: node PeerId → its institution.
	#[pallet::storage]
	pub type PeerIdOf<T: Config> =
		StorageMap<_, Blake2_128Concat, PeerId, DivisionCode, OptionQuery>;

	/// Set when the validator set (active institutions' validators) may have changed since the
	/// last session was planned.
	#[pallet::storage]
	pub type ValidatorSetOutdated<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// Registration subjects by USCC.
	#[pallet::storage]
	pub type Subjects<T: Config> =
		StorageMap<_, Blake2_128Concat, Uscc, SubjectRecordOf<T>, OptionQuery>;

	/// Reverse lookup: subject account → its subject.
	#[pallet::storage]
	pub type SubjectOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Uscc, OptionQuery>;

	/// Real-name verified persons and organisations (YX-R §22).
	#[pallet::storage]
	pub type Persons<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, PersonRecord, OptionQuery>;

	/// Powers of attorney: subject → agent → power.
	#[pallet::storage]
	pub type PowersOfAttorney<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		Uscc,
		Blake2_128Concat,
		T::AccountId,
		PowerOfAttorney,
		OptionQuery,
	>;

	/// Number of powers of attorney per subject (bounded by `MaxAgentsPerSubject`).
	#[pallet::storage]
	pub type AgentCount<T: Config> = StorageMap<_, Blake2_128Concat, Uscc, u32, ValueQuery>;

	/// Per-account transaction counter for the rate limit: (block, transactions in that block).
	/// One entry per account that transacted; a stale block number means zero. Removed with the
	/// account's last role.
	#[pallet::storage]
	pub type TransactionCounts<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (BlockNumberFor<T>, u32), OptionQuery>;

	/// Sanction decisions on institutions (YX-R §26): (division, index) → the record, indexes
	/// 0.. in order of decision, never removed (YN-D §63: no destruction of results).
	#[pallet::storage]
	pub type Sanctions<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DivisionCode,
		Twox64Concat,
		u32,
		SanctionRecordOf<T>,
		OptionQuery,
	>;

	/// Number of sanction decisions per institution (the next index in [`Sanctions`]).
	#[pallet::storage]
	pub type SanctionCount<T: Config> =
		StorageMap<_, Blake2_128Concat, DivisionCode, u32, ValueQuery>;

	/// Complaints about registration institutions' registration acts (YX-R §25(二) 投诉举报):
	/// number → record, numbered 0.. in order of receipt, never removed. Paged by number
	/// (`NextComplaintId` is the count); per institution through [`InstitutionComplaints`].
	#[pallet::storage]
	pub type Complaints<T: Config> =
		StorageMap<_, Twox64Concat, ComplaintId, ComplaintOf<T>, OptionQuery>;

	/// The next complaint number (= the number of complaints received).
	#[pallet::storage]
	pub type NextComplaintId<T: Config> = StorageValue<_, ComplaintId, ValueQuery>;

	/// The complaints about each institution with where they stand (YX-R §25: an upheld
	/// complaint stays visible for the institution's supervision). Paged by prefix.
	#[pallet::storage]
	pub type InstitutionComplaints<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DivisionCode,
		Twox64Concat,
		ComplaintId,
		ComplaintStatus,
		OptionQuery,
	>;

	/// Undecided complaints lodged by each real-name account (at most
	/// [`MAX_OPEN_COMPLAINTS`]; spam containment, authority-recorded complaints are not counted).
	#[pallet::storage]
	pub type OpenComplaints<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, OptionQuery>;

	/// Third-party service institutions (第三方专业服务机构, YX-R §11, §28) registered by the data
	/// authority, by USCC; kept after removal.
	#[pallet::storage]
	pub type ServiceInstitutions<T: Config> =
		StorageMap<_, Blake2_128Concat, Uscc, ServiceInstitutionOf<T>, OptionQuery>;

	/// Reverse lookup: account → the (active or suspended) service institution it acts for.
	#[pallet::storage]
	pub type ServiceAccountOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Uscc, OptionQuery>;

	/// Filings (备案) of institutions with the authority one level up, by division, kept for
	/// ever: a city institution determined by its city authority, filed with the province
	/// (YN-D §45 ¶2); a county institution, filed with its city authority (YX-R §7 ¶2). An
	/// institution the province authority registered itself has none.
	#[pallet::storage]
	pub type Filings<T: Config> =
		StorageMap<_, Blake2_128Concat, DivisionCode, FilingOf<T>, OptionQuery>;

	/// An institution in the genesis configuration.
	#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
	#[serde(rename_all = "camelCase")]
	pub struct GenesisInstitution<AccountId> {
		/// Division code (its id).
		pub division: DivisionCode,
		/// Name, UTF-8 (a JSON string in chain specs).
		#[serde(with = "crate::types::utf8")]
		pub name: Vec<u8>,
		/// Certificate-signing key (ed25519).
		pub signing_key: Ed25519Public,
		/// SM2 co-signing key (uncompressed SEC1, a `0x04…` hex string of 65 bytes in chain
		/// specs); absent: none registered.
		#[serde(default, with = "crate::types::sm2_key_hex")]
		pub sm2_key: Option<Sm2Public>,
		/// Validator account.
		pub validator: Option<AccountId>,
		/// libp2p PeerId bytes.
		pub peer_id: Option<Vec<u8>>,
		/// Operator accounts.
		pub operators: Vec<AccountId>,
	}

	/// A subject in the genesis configuration.
	#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
	#[serde(rename_all = "camelCase")]
	pub struct GenesisSubject<AccountId> {
		/// USCC.
		pub uscc: Uscc,
		/// Name, UTF-8 (a JSON string in chain specs).
		#[serde(with = "crate::types::utf8")]
		pub name: Vec<u8>,
		/// Division of its seat.
		pub division: DivisionCode,
		/// Admitting institution (must contain `division`).
		pub admitted_by: DivisionCode,
		/// Its accounts.
		pub accounts: Vec<AccountId>,
	}

	/// A real-name person in the genesis configuration.
	#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
	#[serde(rename_all = "camelCase")]
	pub struct GenesisPerson<AccountId> {
		/// Account.
		pub account: AccountId,
		/// Salted identity digest.
		pub identity_digest: Digest,
		/// Verifying institution.
		pub verified_by: DivisionCode,
		/// Individual or organisation.
		pub kind: PersonKind,
	}

	/// Genesis: institutions, city authorities, subjects and real-name persons. County institutions
	/// count as filed at time 0. The node allow-list hook is not called at genesis: list the same
	/// PeerIds in the node-authorization genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Institutions.
		pub institutions: Vec<GenesisInstitution<T::AccountId>>,
		/// City data authorities: (account, city division).
		pub city_authorities: Vec<(T::AccountId, DivisionCode)>,
		/// Subjects.
		pub subjects: Vec<GenesisSubject<T::AccountId>>,
		/// Real-name persons.
		pub persons: Vec<GenesisPerson<T::AccountId>>,
	}

	#[pallet::extra_constants]
	impl<T: Config> Pallet<T> {
		/// Most undecided complaints one real-name account may have lodged (YX-R §25).
		#[pallet::constant_name(MaxOpenComplaints)]
		fn max_open_complaints() -> u32 {
			MAX_OPEN_COMPLAINTS
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pallet::<T>::build_genesis(self).unwrap_or_else(|e| panic!("invalid genesis: {e}"));
		}
	}

	/// Events. Field meanings are given in each variant's doc.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	#[allow(missing_docs)]
	pub enum Event<T: Config> {
		/// A province or city institution was registered by the province authority.
		InstitutionRegistered { division: DivisionCode },
		/// A county institution was filed (备案, YX-R §7); `by` is the city authority, `None` for
		/// the province authority.
		CountyInstitutionFiled {
			division: DivisionCode,
			by: Option<T::AccountId>,
			filed_at: Moment,
		},
		/// An institution was suspended (interview, 约谈, YX-R §26).
		InstitutionSuspended { division: DivisionCode },
		/// A suspended institution was reinstated.
		InstitutionReinstated { division: DivisionCode },
		/// An institution was disqualified (取消登记机构资格, YX-R §26).
		InstitutionDisqualified { division: DivisionCode },
		/// A disqualified institution's pending cases moved to `to` (Q17).
		CasesTransferred { from: DivisionCode, to: DivisionCode },
		/// An operator was added.
		OperatorAdded { division: DivisionCode, who: T::AccountId },
		/// An operator was removed.
		OperatorRemoved { division: DivisionCode, who: T::AccountId },
		/// The signing key was rotated; `retired` stays valid for old certificates.
		SigningKeyRotated { division: DivisionCode, new_key: Ed25519Public, retired: Ed25519Public },
		/// The validator account was set or cleared.
		ValidatorChanged { division: DivisionCode, validator: Option<T::AccountId> },
		/// The node PeerId was set or cleared.
		PeerIdChanged { division: DivisionCode, peer_id: Option<PeerId> },
		/// A city data authority was appointed.
		CityAuthoritySet { who: T::AccountId, city: DivisionCode },
		/// A city data authority was removed.
		CityAuthorityRemoved { who: T::AccountId, city: DivisionCode },
		/// A new validator set was handed to the session pallet.
		ValidatorSetPlanned { session: u32, validators: u32 },
		/// The validator set would have become empty; the previous one was kept.
		EmptyValidatorSetRefused { session: u32 },
		/// A subject was admitted.
		SubjectAdmitted { uscc: Uscc, division: DivisionCode, admitted_by: DivisionCode },
		/// An account was added to a subject.
		SubjectAccountAdded { uscc: Uscc, who: T::AccountId },
		/// An account was removed from a subject.
		SubjectAccountRemoved { uscc: Uscc, who: T::AccountId },
		/// A real-name identity was recorded (YX-R §22).
		RealNameRecorded { who: T::AccountId, verified_by: DivisionCode, kind: PersonKind },
		/// A real-name identity was revoked.
		RealNameRevoked { who: T::AccountId },
		/// A power of attorney was granted or replaced.
		PowerOfAttorneyGranted {
			subject: Uscc,
			agent: T::AccountId,
			scope: AgentScope,
			expires_on: DayIndex,
		},
		/// A power of attorney was revoked.
		PowerOfAttorneyRevoked { subject: Uscc, agent: T::AccountId },
		/// The institution's SM2 co-signing key was set to `key`; `retired` (the previous one, if
		/// any) stays valid for co-signatures it made (docs/spec/DESIGN.md §7).
		Sm2KeySet { division: DivisionCode, key: Sm2Public, retired: Option<Sm2Public> },
		/// A sanction was decided (YX-R §26): `ground` (一)–(五), `measure`, the decision's
		/// digest, stored as `Sanctions[(division, index)]`; `by` is the deciding authority's
		/// account (`None`: province authority). A suspension or disqualification also emits
		/// `InstitutionSuspended` / `InstitutionDisqualified`; an interview or on-site guidance
		/// changes nothing else.
		InstitutionSanctioned {
			division: DivisionCode,
			index: u32,
			ground: SanctionGround,
			measure: SanctionMeasure,
			decision: Digest,
			by: Option<T::AccountId>,
		},
		/// A county data authority was appointed (YX-R §7 ¶2); `by` is the city authority,
		/// `None` for the province authority.
		CountyAuthoritySet { who: T::AccountId, county: DivisionCode, by: Option<T::AccountId> },
		/// A county data authority was removed.
		CountyAuthorityRemoved { who: T::AccountId, county: DivisionCode },
		/// The county authority determined its county's institution and filed it with the city
		/// authority of `filed_with` (YX-R §7 ¶2); follows `CountyInstitutionFiled`.
		CountyInstitutionDetermined {
			division: DivisionCode,
			county_authority: T::AccountId,
			filed_with: DivisionCode,
		},
		/// A third-party service institution was registered (YX-R §11, §28) by the province
		/// authority (`authority: None`) or a city authority (`Some(city)`, `by` its account).
		ServiceInstitutionRegistered {
			uscc: Uscc,
			authority: Option<DivisionCode>,
			by: Option<T::AccountId>,
		},
		/// A service institution was suspended, with the YX-R §28 ground if any and the
		/// decision's digest: its agents' powers of attorney are inert until reinstated.
		ServiceInstitutionSuspended {
			uscc: Uscc,
			ground: Option<ServiceMisconduct>,
			decision: Digest,
		},
		/// A suspended service institution was reinstated.
		ServiceInstitutionReinstated { uscc: Uscc },
		/// A service institution was removed (final), with the YX-R §28 ground if any.
		ServiceInstitutionRemoved {
			uscc: Uscc,
			ground: Option<ServiceMisconduct>,
			decision: Digest,
		},
		/// The agent of a power of attorney just granted is an account of a registered service
		/// institution and holds the power through it (YX-R §28); follows
		/// `PowerOfAttorneyGranted`.
		PowerOfAttorneyThroughServiceInstitution {
			subject: Uscc,
			agent: T::AccountId,
			service_institution: Uscc,
		},
		/// A complaint about `institution`'s registration acts was received (YX-R §25(二)):
		/// lodged by a real-name participant or recorded by a data authority; `content` is the
		/// digest of its text, kept off chain.
		ComplaintReceived {
			id: ComplaintId,
			institution: DivisionCode,
			complainant: Complainant<T::AccountId>,
			content: Digest,
			at: Moment,
		},
		/// A complaint was referred (YX-R §25(二)); `by` is the authority's account (`None`:
		/// province authority).
		ComplaintReferred {
			id: ComplaintId,
			institution: DivisionCode,
			to: ComplaintReferral,
			at: Moment,
			by: Option<T::AccountId>,
		},
		/// A complaint was decided (YX-R §25(二)): upheld or dismissed, with the digest of the
		/// written decision.
		ComplaintDecided {
			id: ComplaintId,
			institution: DivisionCode,
			outcome: ComplaintOutcome,
			decision: Digest,
			at: Moment,
			by: Option<T::AccountId>,
		},
		/// An institution's filing (备案) was recorded, stored as `Filings[division]`: with the
		/// province (`filed_with` the province division) for a city institution its city
		/// authority determined (YN-D §45 ¶2), with the city authority for a county institution
		/// (YX-R §7 ¶2); `by` the determining authority's account (`None`: province authority),
		/// `reference` the filing document's digest if given. Follows `CountyInstitutionFiled` /
		/// `CityInstitutionFiled`.
		FilingRecorded {
			division: DivisionCode,
			filed_with: DivisionCode,
			by: Option<T::AccountId>,
			reference: Option<Digest>,
			at: Moment,
		},
		/// A city data authority determined its city's institution (YN-D §45 ¶2); its filing
		/// with the province follows as `FilingRecorded`.
		CityInstitutionFiled { division: DivisionCode, by: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The division code is not a valid GB/T 2260 code.
		InvalidDivision,
		/// The name is empty.
		EmptyName,
		/// An institution with this division code exists.
		InstitutionExists,
		/// No institution with this division code.
		InstitutionNotFound,
		/// `MaxInstitutions` reached.
		TooManyInstitutions,
		/// County institutions are filed by their city authority (`file_county_institution`).
		CountyMustBeFiled,
		/// Only county divisions are filed.
		NotCounty,
		/// City authorities are appointed for city divisions only.
		NotCity,
		/// The signer is not a city data authority.
		NotCityAuthority,
		/// A city authority acts only on the county institutions of its city (YX-R §7).
		OutsideCityAuthority,
		/// The account is already a city authority.
		CityAuthorityExists,
		/// The account is not a city authority.
		CityAuthorityNotFound,
		/// The institution is disqualified: final (YX-R §26).
		InstitutionDisqualified,
		/// The institution is not active (suspended or disqualified).
		InstitutionNotActive,
		/// The institution is not suspended.
		InstitutionNotSuspended,
		/// Cases move only from a disqualified institution (Q17).
		InstitutionNotDisqualified,
		/// The institution's cases were already transferred.
		CasesAlreadyTransferred,
		/// The taking-over institution must enclose the disqualified one's division (Q17).
		TakeoverOutsideDivision,
		/// The account is already an operator (of this or another institution).
		AlreadyOperator,
		/// The account is not an operator of the institution.
		NotOperator,
		/// `MaxOperators` reached.
		TooManyOperators,
		/// The new signing key is the current one.
		SameSigningKey,
		/// The new signing key was used before by this institution.
		SigningKeyPreviouslyUsed,
		/// `MAX_RETIRED_KEYS` retired keys are kept already.
		TooManyRetiredKeys,
		/// The validator account is already set to this value.
		ValidatorUnchanged,
		/// The validator account is used by another institution.
		ValidatorInUse,
		/// The PeerId is already set to this value.
		PeerIdUnchanged,
		/// The PeerId is empty.
		EmptyPeerId,
		/// The PeerId is used by another institution.
		PeerIdInUse,
		/// The USCC fails the GB 32100 check.
		InvalidUscc,
		/// A subject with this USCC exists.
		SubjectExists,
		/// No subject with this USCC.
		SubjectNotFound,
		/// The subject's division is outside the institution's division (docs/spec/DESIGN.md §5, Q16).
		OutsideJurisdiction,
		/// A subject needs at least one account.
		NoSubjectAccounts,
		/// The account already acts for a subject.
		AccountAlreadySubject,
		/// `MaxSubjectAccounts` reached.
		TooManySubjectAccounts,
		/// The account is not an account of this subject.
		NotSubjectAccount,
		/// The account is already real-name verified.
		AlreadyRealName,
		/// The account is not real-name verified.
		NotRealName,
		/// The agent is not a real-name participant (YX-R §22, §18(六)).
		AgentNotRealName,
		/// The power of attorney would already be expired.
		ExpiryInPast,
		/// No power of attorney for this agent.
		PowerOfAttorneyNotFound,
		/// `MaxAgentsPerSubject` reached.
		TooManyAgents,
		/// The SM2 key is not an uncompressed SEC1 point on the SM2 curve (GB/T 32918).
		MalformedSm2Key,
		/// The new SM2 key is the current one.
		SameSm2Key,
		/// The new SM2 key was used before by this institution.
		Sm2KeyPreviouslyUsed,
		/// `MAX_RETIRED_KEYS` retired SM2 keys are kept already.
		TooManyRetiredSm2Keys,
		/// The account is already a county (or city) data authority.
		CountyAuthorityExists,
		/// The account is not a county data authority.
		CountyAuthorityNotFound,
		/// A county authority acts only on its own county's institution (YX-R §7 ¶2, YN-D §63).
		OutsideCountyAuthority,
		/// The county has its own data authority, which determines and files the county
		/// institution (YX-R §7 ¶2); the city authority receives the filing.
		CountyAuthorityFiles,
		/// The signer is neither a real-name participant (YX-R §22) nor a data authority for the
		/// institution: it may not lodge a complaint.
		ComplainantNotRealName,
		/// The account has `MaxOpenComplaints` undecided complaints.
		TooManyOpenComplaints,
		/// No complaint with this number.
		ComplaintNotFound,
		/// The complaint was referred already.
		ComplaintAlreadyReferred,
		/// The complaint was decided already (final).
		ComplaintAlreadyDecided,
		/// The signer is not a data authority (province, city or county).
		NotDataAuthority,
		/// A service institution with this USCC is registered (also a removed one).
		ServiceInstitutionExists,
		/// No service institution with this USCC.
		ServiceInstitutionNotFound,
		/// The service institution is not active (suspended or removed).
		ServiceInstitutionNotActive,
		/// The service institution is not suspended.
		ServiceInstitutionNotSuspended,
		/// The service institution was removed (final).
		ServiceInstitutionRemoved,
		/// A service institution needs at least one account.
		NoServiceAccounts,
		/// The account already acts for a service institution.
		AccountAlreadyServiceInstitution,
		/// A city authority changes only the service institutions it registered.
		OutsideServiceAuthority,
		/// Province institutions are determined by the province authority
		/// (`register_institution`), not filed (YN-D §45).
		ProvinceNotFiled,
		/// The county has its own data authority: it, the same-level authority, takes the
		/// measures on its county's institution (YN-D §63).
		CountyAuthoritySanctions,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxInstitutions::get() > 0, "MaxInstitutions must be > 0");
			assert!(T::MaxOperators::get() > 0, "MaxOperators must be > 0");
			assert!(T::MaxSubjectAccounts::get() > 0, "MaxSubjectAccounts must be > 0");
			assert!(T::MaxAgentsPerSubject::get() > 0, "MaxAgentsPerSubject must be > 0");
			assert!(T::MaxTransactionsPerBlock::get() > 0, "MaxTransactionsPerBlock must be > 0");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a province or city institution (YX-R §7 ¶1; YN-D §45).
		///
		/// - Origin: `AuthorityOrigin` (province data authority).
		/// - `division`: its division code (province or city level), also its id.
		/// - `name`: its name; `signing_key`: its certificate-signing key (ed25519).
		///
		/// Emits `InstitutionRegistered`. Errors: `InvalidDivision`, `CountyMustBeFiled`,
		/// `EmptyName`, `InstitutionExists`, `TooManyInstitutions`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_institution())]
		pub fn register_institution(
			origin: OriginFor<T>,
			division: DivisionCode,
			name: BoundedName,
			signing_key: Ed25519Public,
		) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_register_institution(division, name, signing_key)
		}

		/// Files (备案) a county institution with its city data authority (YX-R §7 ¶2).
		///
		/// - Origin: the county's own data authority (it determines the institution and files it
		///   with the city, YX-R §7 ¶2); the city authority of the county's city only while the
		///   county has no authority account; or `AuthorityOrigin`.
		/// - `division`: county division code; `name`, `signing_key` as in `register_institution`.
		///
		/// Records the filing in `Filings` (no reference: `file_institution` takes one).
		///
		/// Emits `CountyInstitutionFiled` (and `CountyInstitutionDetermined` when the county
		/// authority files), then `FilingRecorded`. Errors: `InvalidDivision`, `NotCounty`, `NotCityAuthority`,
		/// `OutsideCityAuthority`, `OutsideCountyAuthority`, `CountyAuthorityFiles`, `EmptyName`,
		/// `InstitutionExists`, `TooManyInstitutions`.
		#[pallet::call_index(1)]
		// Provisional: + `CountyAuthorities` and `CountyAuthorityCount` reads (issue 10, not
		// yet benchmarked) and the `Filings` write (YX-R §7 ¶2).
		#[pallet::weight(T::WeightInfo::file_county_institution()
			.saturating_add(T::DbWeight::get().reads_writes(2, 1)))]
		pub fn file_county_institution(
			origin: OriginFor<T>,
			division: DivisionCode,
			name: BoundedName,
			signing_key: Ed25519Public,
		) -> DispatchResult {
			ensure!(types::is_county(&division), Error::<T>::NotCounty);
			let actor = Self::ensure_county_filer(origin, &division)?;
			Self::do_file_county_institution(actor, division, name, signing_key, None)
		}

		/// Suspends an active institution (YX-R §26). An interview (约谈) does not suspend: record
		/// interviews and other measures with their ground through `sanction`.
		///
		/// - Origin: the same-level authority (YN-D §63): a county authority for its own county,
		///   a city authority for its own city and for its counties that have no county
		///   authority; or `AuthorityOrigin`.
		///
		/// Emits `InstitutionSuspended`. Errors: `InstitutionNotFound`, `InstitutionNotActive`,
		/// `InstitutionDisqualified`, `NotCityAuthority`, `OutsideCityAuthority`,
		/// `OutsideCountyAuthority`, `CountyAuthoritySanctions`.
		#[pallet::call_index(2)]
		// Provisional: + the `CountyAuthorities` and `CountyAuthorityCount` reads (issue 10,
		// YN-D §63; not yet benchmarked).
		#[pallet::weight(T::WeightInfo::suspend_institution()
			.saturating_add(T::DbWeight::get().reads(2)))]
		pub fn suspend_institution(origin: OriginFor<T>, division: DivisionCode) -> DispatchResult {
			Self::ensure_sanctioner(origin, &division)?;
			Self::do_set_status(division, InstitutionStatus::Suspended)
		}

		/// Reinstates a suspended institution (YX-R §26).
		///
		/// - Origin: as `suspend_institution` (YN-D §63).
		///
		/// Emits `InstitutionReinstated`. Errors: `InstitutionNotFound`, `InstitutionNotSuspended`,
		/// `InstitutionDisqualified`, `NotCityAuthority`, `OutsideCityAuthority`,
		/// `OutsideCountyAuthority`, `CountyAuthoritySanctions`.
		#[pallet::call_index(3)]
		// Provisional: + the `CountyAuthorities` and `CountyAuthorityCount` reads (issue 10,
		// YN-D §63; not yet benchmarked).
		#[pallet::weight(T::WeightInfo::reinstate_institution()
			.saturating_add(T::DbWeight::get().reads(2)))]
		pub fn reinstate_institution(
			origin: OriginFor<T>,
			division: DivisionCode,
		) -> DispatchResult {
			Self::ensure_sanctioner(origin, &division)?;
			Self::do_set_status(division, InstitutionStatus::Active)
		}

		/// Disqualifies an institution (取消登记机构资格, YX-R §26): final. Its node PeerId and
		/// validator are cleared; its certificates stay valid (Q17).
		///
		/// - Origin: as `suspend_institution` (YN-D §63).
		///
		/// Emits `InstitutionDisqualified` (and `PeerIdChanged`, `ValidatorChanged` when set).
		/// Errors: `InstitutionNotFound`, `InstitutionDisqualified`, `NotCityAuthority`,
		/// `OutsideCityAuthority`, `OutsideCountyAuthority`, `CountyAuthoritySanctions`.
		#[pallet::call_index(4)]
		// Provisional: + the `CountyAuthorities` and `CountyAuthorityCount` reads (issue 10,
		// YN-D §63; not yet benchmarked).
		#[pallet::weight(T::WeightInfo::disqualify_institution()
			.saturating_add(T::NodeAllowList::max_weight())
			.saturating_add(T::DbWeight::get().reads(2)))]
		pub fn disqualify_institution(
			origin: OriginFor<T>,
			division: DivisionCode,
		) -> DispatchResult {
			Self::ensure_sanctioner(origin, &division)?;
			Self::do_set_status(division, InstitutionStatus::Disqualified)
		}

		/// Moves a disqualified institution's pending cases and future management to an enclosing
		/// institution by authority order (Q17); certificates stay valid.
		///
		/// - Origin: `AuthorityOrigin`, or the city authority for its counties.
		/// - `from`: the disqualified institution; `to`: an active institution enclosing it.
		///
		/// Emits `CasesTransferred`. Errors: `InstitutionNotFound`, `InstitutionNotDisqualified`,
		/// `CasesAlreadyTransferred`, `TakeoverOutsideDivision`, `InstitutionNotActive`,
		/// `NotCityAuthority`, `OutsideCityAuthority`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::transfer_cases())]
		pub fn transfer_cases(
			origin: OriginFor<T>,
			from: DivisionCode,
			to: DivisionCode,
		) -> DispatchResult {
			Self::ensure_actor(origin, &from)?;
			Self::do_transfer_cases(from, to)
		}

		/// Adds an operator (an officer account acting for the institution).
		///
		/// - Origin: `AuthorityOrigin`, or the city authority for its counties.
		///
		/// Emits `OperatorAdded`. Errors: `InstitutionNotFound`, `InstitutionDisqualified`,
		/// `AlreadyOperator`, `TooManyOperators`, `NotCityAuthority`, `OutsideCityAuthority`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::add_operator())]
		pub fn add_operator(
			origin: OriginFor<T>,
			division: DivisionCode,
			who: T::AccountId,
		) -> DispatchResult {
			Self::ensure_actor(origin, &division)?;
			Self::do_add_operator(division, who)
		}

		/// Removes an operator.
		///
		/// - Origin: `AuthorityOrigin`, or the city authority for its counties.
		///
		/// Emits `OperatorRemoved`. Errors: `NotOperator`, `NotCityAuthority`,
		/// `OutsideCityAuthority`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::remove_operator())]
		pub fn remove_operator(
			origin: OriginFor<T>,
			division: DivisionCode,
			who: T::AccountId,
		) -> DispatchResult {
			Self::ensure_actor(origin, &division)?;
			Self::do_remove_operator(division, who)
		}

		/// Registers a new certificate-signing key; the current one is retired and keeps verifying
		/// the certificates it signed (docs/spec/DESIGN.md §7).
		///
		/// - Origin: `AuthorityOrigin`, or the city authority for its counties.
		///
		/// Emits `SigningKeyRotated`. Errors: `InstitutionNotFound`, `InstitutionDisqualified`,
		/// `SameSigningKey`, `SigningKeyPreviouslyUsed`, `TooManyRetiredKeys`, `NotCityAuthority`,
		/// `OutsideCityAuthority`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::rotate_signing_key())]
		pub fn rotate_signing_key(
			origin: OriginFor<T>,
			division: DivisionCode,
			new_key: Ed25519Public,
		) -> DispatchResult {
			Self::ensure_actor(origin, &division)?;
			Self::do_rotate_signing_key(division, new_key)
		}

		/// Sets or clears the institution's validator (session) account (docs/spec/DESIGN.md §3 layer 3).
		/// Takes effect at the next session.
		///
		/// - Origin: `AuthorityOrigin`, or the city authority for its counties.
		///
		/// Emits `ValidatorChanged`. Errors: `InstitutionNotFound`, `InstitutionDisqualified`,
		/// `ValidatorUnchanged`, `ValidatorInUse`, `NotCityAuthority`, `OutsideCityAuthority`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_validator())]
		pub fn set_validator(
			origin: OriginFor<T>,
			division: DivisionCode,
			validator: Option<T::AccountId>,
		) -> DispatchResult {
			Self::ensure_actor(origin, &division)?;
			Self::do_set_validator(division, validator)
		}

		/// Sets or clears the institution's node PeerId (docs/spec/DESIGN.md §3 layer 1); the runtime syncs
		/// the node allow-list through `T::NodeAllowList`.
		///
		/// - Origin: `AuthorityOrigin`, or the city authority for its counties.
		///
		/// Emits `PeerIdChanged`. Errors: `InstitutionNotFound`, `InstitutionDisqualified`,
		/// `PeerIdUnchanged`, `EmptyPeerId`, `PeerIdInUse`, `NotCityAuthority`,
		/// `OutsideCityAuthority`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_peer_id()
			.saturating_add(T::NodeAllowList::max_weight()))]
		pub fn set_peer_id(
			origin: OriginFor<T>,
			division: DivisionCode,
			peer_id: Option<PeerId>,
		) -> DispatchResult {
			Self::ensure_actor(origin, &division)?;
			Self::do_set_peer_id(division, peer_id)
		}

		/// Appoints a city data authority account (YX-R §7 ¶2: counties file with it).
		///
		/// - Origin: `AuthorityOrigin`.
		///
		/// Emits `CityAuthoritySet`. Errors: `InvalidDivision`, `NotCity`, `CityAuthorityExists`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::set_city_authority())]
		pub fn set_city_authority(
			origin: OriginFor<T>,
			who: T::AccountId,
			city: DivisionCode,
		) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_set_city_authority(who, city)
		}

		/// Removes a city data authority account.
		///
		/// - Origin: `AuthorityOrigin`.
		///
		/// Emits `CityAuthorityRemoved`. Errors: `CityAuthorityNotFound`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::remove_city_authority())]
		pub fn remove_city_authority(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_remove_city_authority(who)
		}

		/// Admits a registration subject (legal person or unincorporated organisation, by USCC,
		/// Q20) seated within the operator's institution's division (docs/spec/DESIGN.md §5, Q16).
		///
		/// - Origin: signed by an operator of an active institution.
		/// - `uscc`, `name`, `division` (seat), `accounts` (at least one, none already a subject's).
		///
		/// Emits `SubjectAdmitted`. Errors: `NotOperator`, `InstitutionNotActive`, `InvalidUscc`,
		/// `InvalidDivision`, `EmptyName`, `OutsideJurisdiction`, `SubjectExists`,
		/// `NoSubjectAccounts`, `AccountAlreadySubject`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::admit_subject(accounts.len() as u32))]
		pub fn admit_subject(
			origin: OriginFor<T>,
			uscc: Uscc,
			name: BoundedName,
			division: DivisionCode,
			accounts: SubjectAccountsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_admit_subject(who, uscc, name, division, accounts)
		}

		/// Adds an account to a subject.
		///
		/// - Origin: signed by an operator of an active institution whose division contains the
		///   subject's seat.
		///
		/// Emits `SubjectAccountAdded`. Errors: `NotOperator`, `InstitutionNotActive`,
		/// `SubjectNotFound`, `OutsideJurisdiction`, `AccountAlreadySubject`,
		/// `TooManySubjectAccounts`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::add_subject_account())]
		pub fn add_subject_account(
			origin: OriginFor<T>,
			uscc: Uscc,
			account: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_subject_account(who, uscc, account)
		}

		/// Removes an account from a subject.
		///
		/// - Origin: signed by an operator of an active institution whose division contains the
		///   subject's seat.
		///
		/// Emits `SubjectAccountRemoved`. Errors: `NotOperator`, `InstitutionNotActive`,
		/// `SubjectNotFound`, `OutsideJurisdiction`, `NotSubjectAccount`.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::remove_subject_account())]
		pub fn remove_subject_account(
			origin: OriginFor<T>,
			uscc: Uscc,
			account: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_subject_account(who, uscc, account)
		}

		/// Records a real-name verification (实名, YX-R §22; YN23 §20): only a salted digest of the
		/// identity data goes on chain (docs/spec/DESIGN.md §6).
		///
		/// - Origin: signed by an operator of an active institution (the verifier).
		///
		/// Emits `RealNameRecorded`. Errors: `NotOperator`, `InstitutionNotActive`,
		/// `AlreadyRealName`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::record_real_name())]
		pub fn record_real_name(
			origin: OriginFor<T>,
			account: T::AccountId,
			identity_digest: Digest,
			kind: PersonKind,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_record_real_name(who, account, identity_digest, kind)
		}

		/// Revokes a real-name verification.
		///
		/// - Origin: signed by an operator of an active institution enclosing the verifying
		///   institution or responsible for it (Q17).
		///
		/// Emits `RealNameRevoked`. Errors: `NotOperator`, `InstitutionNotActive`, `NotRealName`,
		/// `OutsideJurisdiction`.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::revoke_real_name())]
		pub fn revoke_real_name(origin: OriginFor<T>, account: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_revoke_real_name(who, account)
		}

		/// Grants (or replaces) a power of attorney (委托书, YX-R §18(六)) to a real-name agent.
		/// An agent that is an account of a registered third-party service institution holds it
		/// through that institution, which must be active (YX-R §28).
		///
		/// - Origin: signed by an account of the subject.
		/// - `expires_on`: last valid day (inclusive), not before today.
		/// - `document`: BLAKE2-256 of the signed power of attorney.
		///
		/// Emits `PowerOfAttorneyGranted` (and `PowerOfAttorneyThroughServiceInstitution`).
		/// Errors: `SubjectNotFound`, `NotSubjectAccount`, `AgentNotRealName`, `ExpiryInPast`,
		/// `TooManyAgents`, `ServiceInstitutionNotActive`.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::grant_power_of_attorney())]
		pub fn grant_power_of_attorney(
			origin: OriginFor<T>,
			subject: Uscc,
			agent: T::AccountId,
			scope: AgentScope,
			expires_on: DayIndex,
			document: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_grant_power_of_attorney(who, subject, agent, scope, expires_on, document)
		}

		/// Revokes a power of attorney.
		///
		/// - Origin: signed by an account of the subject.
		///
		/// Emits `PowerOfAttorneyRevoked`. Errors: `SubjectNotFound`, `NotSubjectAccount`,
		/// `PowerOfAttorneyNotFound`.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::revoke_power_of_attorney())]
		pub fn revoke_power_of_attorney(
			origin: OriginFor<T>,
			subject: Uscc,
			agent: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_revoke_power_of_attorney(who, subject, agent)
		}

		/// Registers the institution's SM2 co-signing key (GB/T 32918) beside its ed25519
		/// certificate-signing key, or rotates it: the current one is retired and keeps verifying
		/// the co-signatures it made (docs/spec/DESIGN.md §7, issue 14).
		///
		/// - Origin: `AuthorityOrigin`, or the city authority for its counties.
		/// - `key`: SEC1 uncompressed point `0x04 ++ x ++ y` (65 bytes).
		///
		/// Emits `Sm2KeySet`. Errors: `InstitutionNotFound`, `InstitutionDisqualified`,
		/// `MalformedSm2Key`, `SameSm2Key`, `Sm2KeyPreviouslyUsed`, `TooManyRetiredSm2Keys`,
		/// `NotCityAuthority`, `OutsideCityAuthority`.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::set_sm2_key())]
		pub fn set_sm2_key(
			origin: OriginFor<T>,
			division: DivisionCode,
			key: Sm2Public,
		) -> DispatchResult {
			Self::ensure_actor(origin, &division)?;
			Self::do_set_sm2_key(division, key)
		}

		/// Records a sanction on an institution (YX-R §26): the ground (一)–(五), the measure
		/// (约谈 interview, 现场指导 on-site guidance, suspension, 取消资格 disqualification) and the
		/// digest of the written decision. An interview or on-site guidance leaves the institution
		/// active; a suspension or disqualification does what `suspend_institution` /
		/// `disqualify_institution` do.
		///
		/// - Origin: as `suspend_institution` (YN-D §63: the same-level authority — a county
		///   authority for its own county, a city authority for its own city and for its
		///   counties without a county authority; or `AuthorityOrigin`).
		/// - `decision`: BLAKE2-256 of the decision document (kept off chain).
		///
		/// Emits `InstitutionSanctioned` (and the status events of the measure). Errors:
		/// `InstitutionNotFound`, `InstitutionDisqualified`, `InstitutionNotActive` (suspending a
		/// suspended institution), `NotCityAuthority`, `OutsideCityAuthority`,
		/// `OutsideCountyAuthority`, `CountyAuthoritySanctions`.
		#[pallet::call_index(21)]
		// Provisional: + the `CountyAuthorityCount` read (issue 10, YN-D §63).
		#[pallet::weight(T::WeightInfo::sanction()
			.saturating_add(T::NodeAllowList::max_weight())
			.saturating_add(T::DbWeight::get().reads(1)))]
		pub fn sanction(
			origin: OriginFor<T>,
			division: DivisionCode,
			ground: SanctionGround,
			measure: SanctionMeasure,
			decision: Digest,
		) -> DispatchResult {
			let actor = Self::ensure_sanctioner(origin, &division)?;
			Self::do_sanction(actor, division, ground, measure, decision)
		}

		/// Appoints a county data authority account (YX-R §7 ¶2: it determines the county's
		/// institution and files it with the city authority; YN-D §63: it sanctions it).
		///
		/// - Origin: `AuthorityOrigin`, or the city authority of the county's city.
		///
		/// Emits `CountyAuthoritySet`. Errors: `InvalidDivision`, `NotCounty`,
		/// `CountyAuthorityExists`, `NotCityAuthority`, `OutsideCityAuthority`.
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::set_county_authority())]
		pub fn set_county_authority(
			origin: OriginFor<T>,
			who: T::AccountId,
			county: DivisionCode,
		) -> DispatchResult {
			ensure!(types::division_is_valid(&county), Error::<T>::InvalidDivision);
			ensure!(types::is_county(&county), Error::<T>::NotCounty);
			let actor = Self::ensure_actor(origin, &county)?;
			Self::do_set_county_authority(actor, who, county)
		}

		/// Removes a county data authority account.
		///
		/// - Origin: `AuthorityOrigin`, or the city authority of the county's city.
		///
		/// Emits `CountyAuthorityRemoved`. Errors: `CountyAuthorityNotFound`, `NotCityAuthority`,
		/// `OutsideCityAuthority`.
		#[pallet::call_index(23)]
		#[pallet::weight(T::WeightInfo::remove_county_authority())]
		pub fn remove_county_authority(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let county =
				CountyAuthorities::<T>::get(&who).ok_or(Error::<T>::CountyAuthorityNotFound)?;
			Self::ensure_actor(origin, &county)?;
			Self::do_remove_county_authority(who, county)
		}

		/// Receives a complaint about an institution's registration acts (YX-R §25(二)
		/// 投诉举报). Only the digest of its content goes on chain.
		///
		/// - Origin: signed by a real-name participant (a real-name person or organisation or a
		///   subject account, YX-R §22), who lodges it; or a data authority for the institution
		///   (`AuthorityOrigin`; a city authority for its city's institutions; a county authority
		///   for its county's), who records one it received off chain.
		/// - `institution`: the institution complained about (also a suspended or disqualified
		///   one: the complaint concerns its acts).
		/// - `content`: BLAKE2-256 of the complaint's text and evidence.
		///
		/// No deadline: YX-R §25 sets none (YN-D §57: "及时处理"); the record keeps the times.
		///
		/// Emits `ComplaintReceived`. Errors: `InstitutionNotFound`, `ComplainantNotRealName`,
		/// `TooManyOpenComplaints`, `OutsideCityAuthority`, `OutsideCountyAuthority`.
		#[pallet::call_index(24)]
		#[pallet::weight(T::WeightInfo::lodge_complaint())]
		pub fn lodge_complaint(
			origin: OriginFor<T>,
			institution: DivisionCode,
			content: Digest,
		) -> DispatchResult {
			let complainant = Self::ensure_complainant(origin, &institution)?;
			Self::do_lodge_complaint(complainant, institution, content)
		}

		/// Refers a received complaint to the institution or to a competent department (YX-R
		/// §25(二) 协调、督促相关部门…处理). Once per complaint, before the decision.
		///
		/// - Origin: a data authority for the complaint's institution (as in `lodge_complaint`).
		///
		/// Emits `ComplaintReferred`. Errors: `ComplaintNotFound`, `ComplaintAlreadyReferred`,
		/// `ComplaintAlreadyDecided`, `NotDataAuthority`, `OutsideCityAuthority`,
		/// `OutsideCountyAuthority`.
		#[pallet::call_index(25)]
		#[pallet::weight(T::WeightInfo::refer_complaint())]
		pub fn refer_complaint(
			origin: OriginFor<T>,
			id: ComplaintId,
			to: ComplaintReferral,
		) -> DispatchResult {
			let complaint = Complaints::<T>::get(id).ok_or(Error::<T>::ComplaintNotFound)?;
			let actor = Self::ensure_supervisor(origin, &complaint.institution)?;
			Self::do_refer_complaint(actor, id, complaint, to)
		}

		/// Decides a complaint: upheld (it stays listed against the institution for its
		/// supervision, YX-R §25) or dismissed, with the digest of the written decision. Final.
		/// A referred or a received complaint may be decided.
		///
		/// - Origin: a data authority for the complaint's institution (as in `lodge_complaint`).
		///
		/// Emits `ComplaintDecided`. Errors: `ComplaintNotFound`, `ComplaintAlreadyDecided`,
		/// `NotDataAuthority`, `OutsideCityAuthority`, `OutsideCountyAuthority`.
		#[pallet::call_index(26)]
		#[pallet::weight(T::WeightInfo::decide_complaint())]
		pub fn decide_complaint(
			origin: OriginFor<T>,
			id: ComplaintId,
			outcome: ComplaintOutcome,
			decision: Digest,
		) -> DispatchResult {
			let complaint = Complaints::<T>::get(id).ok_or(Error::<T>::ComplaintNotFound)?;
			let actor = Self::ensure_supervisor(origin, &complaint.institution)?;
			Self::do_decide_complaint(actor, id, complaint, outcome, decision)
		}

		/// Registers a third-party service institution (第三方专业服务机构, YX-R §11, §28): a
		/// firm acting for registration subjects as a business. A power of attorney later
		/// granted to one of its accounts is held through it and acts only while it is active.
		///
		/// - Origin: `AuthorityOrigin`, or a city data authority.
		/// - `uscc`, `name`, `accounts` (at least one, none another service institution's).
		///
		/// Emits `ServiceInstitutionRegistered`. Errors: `InvalidUscc`, `EmptyName`,
		/// `ServiceInstitutionExists`, `NoServiceAccounts`, `AccountAlreadyServiceInstitution`,
		/// `NotCityAuthority`.
		#[pallet::call_index(27)]
		#[pallet::weight(T::WeightInfo::register_service_institution())]
		pub fn register_service_institution(
			origin: OriginFor<T>,
			uscc: Uscc,
			name: BoundedName,
			accounts: ServiceAccounts<T::AccountId>,
		) -> DispatchResult {
			let actor = Self::ensure_service_authority(origin)?;
			Self::do_register_service_institution(actor, uscc, name, accounts)
		}

		/// Suspends an active service institution, with the YX-R §28 ground (虚假记载, 误导性陈述,
		/// 信息泄露, other violation) if the decision is for misconduct, and the decision's digest.
		/// Its agents' powers of attorney are inert while it is suspended.
		///
		/// - Origin: `AuthorityOrigin`, or the city authority that registered it.
		///
		/// Emits `ServiceInstitutionSuspended`. Errors: `ServiceInstitutionNotFound`,
		/// `ServiceInstitutionNotActive`, `ServiceInstitutionRemoved`, `NotCityAuthority`,
		/// `OutsideServiceAuthority`.
		#[pallet::call_index(28)]
		#[pallet::weight(T::WeightInfo::suspend_service_institution())]
		pub fn suspend_service_institution(
			origin: OriginFor<T>,
			uscc: Uscc,
			ground: Option<ServiceMisconduct>,
			decision: Digest,
		) -> DispatchResult {
			let actor = Self::ensure_service_authority(origin)?;
			Self::do_set_service_status(
				actor,
				uscc,
				ServiceInstitutionStatus::Suspended,
				ground,
				decision,
			)
		}

		/// Reinstates a suspended service institution.
		///
		/// - Origin: `AuthorityOrigin`, or the city authority that registered it.
		///
		/// Emits `ServiceInstitutionReinstated`. Errors: `ServiceInstitutionNotFound`,
		/// `ServiceInstitutionNotSuspended`, `ServiceInstitutionRemoved`, `NotCityAuthority`,
		/// `OutsideServiceAuthority`.
		#[pallet::call_index(29)]
		#[pallet::weight(T::WeightInfo::reinstate_service_institution())]
		pub fn reinstate_service_institution(origin: OriginFor<T>, uscc: Uscc) -> DispatchResult {
			let actor = Self::ensure_service_authority(origin)?;
			Self::do_set_service_status(
				actor,
				uscc,
				ServiceInstitutionStatus::Active,
				None,
				Digest::default(),
			)
		}

		/// Removes a service institution (final): its accounts are released and its agents'
		/// powers of attorney stay inert; the record stays. `ground`: the YX-R §28 ground, if the
		/// removal is for misconduct.
		///
		/// - Origin: `AuthorityOrigin`, or the city authority that registered it.
		///
		/// Emits `ServiceInstitutionRemoved`. Errors: `ServiceInstitutionNotFound`,
		/// `ServiceInstitutionRemoved`, `NotCityAuthority`, `OutsideServiceAuthority`.
		#[pallet::call_index(30)]
		#[pallet::weight(T::WeightInfo::remove_service_institution())]
		pub fn remove_service_institution(
			origin: OriginFor<T>,
			uscc: Uscc,
			ground: Option<ServiceMisconduct>,
			decision: Digest,
		) -> DispatchResult {
			let actor = Self::ensure_service_authority(origin)?;
			Self::do_set_service_status(
				actor,
				uscc,
				ServiceInstitutionStatus::Removed,
				ground,
				decision,
			)
		}

		/// Files (备案) an institution with the authority one level up, with the filing
		/// document's digest:
		/// - a city institution, determined by its city data authority and filed with the
		///   province authority (YN-D §45 ¶2 "州（市）数据主管部门…可…确定本州（市）公共数据资源登记
		///   机构，并向省数据主管部门备案"); origin: that city's authority account;
		/// - a county institution, as `file_county_institution` (YX-R §7 ¶2: origin the county's
		///   authority, the city authority while the county has none, or `AuthorityOrigin`),
		///   filed with the city authority.
		///
		/// Province institutions are the province authority's (`register_institution`).
		///
		/// Emits `CityInstitutionFiled` or `CountyInstitutionFiled` (+
		/// `CountyInstitutionDetermined`), then `FilingRecorded`. Errors: `InvalidDivision`,
		/// `ProvinceNotFiled`, `NotCityAuthority`, `OutsideCityAuthority`,
		/// `OutsideCountyAuthority`, `CountyAuthorityFiles`, `EmptyName`, `InstitutionExists`,
		/// `TooManyInstitutions`.
		#[pallet::call_index(31)]
		#[pallet::weight(T::WeightInfo::file_institution())]
		pub fn file_institution(
			origin: OriginFor<T>,
			division: DivisionCode,
			name: BoundedName,
			signing_key: Ed25519Public,
			reference: Digest,
		) -> DispatchResult {
			ensure!(types::division_is_valid(&division), Error::<T>::InvalidDivision);
			match division.level() {
				DivisionLevel::Province => Err(Error::<T>::ProvinceNotFiled.into()),
				DivisionLevel::City => {
					let who = ensure_signed(origin)?;
					let city =
						CityAuthorities::<T>::get(&who).ok_or(Error::<T>::NotCityAuthority)?;
					ensure!(city == division, Error::<T>::OutsideCityAuthority);
					Self::do_file_city_institution(who, division, name, signing_key, reference)
				}
				DivisionLevel::County => {
					let actor = Self::ensure_county_filer(origin, &division)?;
					Self::do_file_county_institution(
						actor,
						division,
						name,
						signing_key,
						Some(reference),
					)
				}
			}
		}
	}
}

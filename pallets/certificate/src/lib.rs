//! # Certificate pallet: one certificate, one code (一证一码)
//!
//! ## Overview
//! Keeps the registration e-certificates (电子凭证, YX-R §23) of the Dengji chain: allocates their
//! codes, checks the issuing institution's signature at issuance, computes validity, supersedes the
//! previous certificate of a registration on change, correction and renewal, cancels expired
//! certificates and announces it (YX-R §23 ¶2), cancels on application (YX-R §21) and revokes for
//! misconduct (YX-R §27). Records are never deleted: superseded, cancelled and revoked certificates
//! stay readable as tombstones, so their status is provable forever (docs/spec/DESIGN.md §5, §8).
//!
//! ## Terminology
//! - 登记机构 = registration institution, identified by its GB/T 2260 `DivisionCode`.
//! - 登记证号 = registration number ([`RegistrationId`]), stable across every certificate of one
//!   registration.
//! - 一证一码 = one certificate, one code: each issuance gets a fresh [`CertificateCode`]
//!   `DDDDDD-YYYY-NNNNNNN-C` (issuer division, Shanghai year of issue, serial per issuer per year,
//!   ISO 7064 MOD 11-2 check character).
//! - 续展 = renewal, allowed only in the 60 calendar days before expiry (YX-R §23 ¶2).
//! - 注销 = cancellation; 撤销 = revocation (YX-R §27).
//!
//! ## Lifecycle
//! ```text
//!  registration pallet approves ──draft()──▶ Drafts[code] (body fixed, code allocated)
//!                                              │ issue(code, signature) by an issuer operator
//!                                              ▼
//!            ┌───────────────────────── Valid ─────────────────────────┐
//!            │ change / correction /       │ expire() or on_idle,      │ revoke()      │ cancel()
//!            │ renewal issued              │ past valid_until and no   │ (YX-R §27)    │ (YX-R §21)
//!            ▼                             ▼ renewal pending (Q14)     ▼               ▼
//!   Superseded{by, at}           Cancelled{Expiry} + announced    Revoked{..}   Cancelled{OnApplication}
//! ```
//! `Expired` is never stored: a `Valid` record whose `valid_until` has passed is expired (docs/spec/DESIGN.md §7)
//! until `expire` or the `on_idle` sweep cancels it; correctness never depends on the sweep.
//!
//! ## Interface
//! - Calls: [`Pallet::issue`] (0), [`Pallet::revoke`] (1), [`Pallet::expire`] (2),
//!   [`Pallet::rekey_draft`] (3).
//! - [`dengji_primitives::traits::CertificateLedger`] for the registration pallet: `draft`,
//!   `certificate`, `in_renewal_window`, `set_renewal_pending`, `cancel`.
//! - Storage read by the verification client: `Certificate::Certificates[code]` holding a
//!   [`CertificateRecord`] (docs/spec/DESIGN.md §8).
//!
//! ## Runtime wiring
//! The Dengji runtime implements [`Config`] in `runtime/src/configs/dengji.rs`, the one place that
//! holds the values; this page repeats no number: [`Config::Clock`] is `Calendar`
//! (pallet-calendar), [`Config::Directory`] is `Institutions` (pallet-institutions);
//! [`Config::ValidityYears`] (YX-R §23 ¶1), [`Config::RenewalWindowDays`] and
//! [`Config::MaxRenewalYears`] (YX-R §23 ¶2) are the legal terms; [`Config::MaxExpiriesPerDay`]
//! bounds one day of the expiry queue; [`Config::WeightInfo`] is [`weights::SubstrateWeight`].
//! With `runtime-benchmarks`, the runtime's `BenchmarkHelper` (`runtime/src/benchmarks.rs`)
//! registers an institution and sets the time.
//!
//! The pallet must be named `Certificate` in the runtime
//! (`dengji_primitives::storage_names::CERTIFICATE_PALLET`). `src/tests/integration.rs` has a
//! `BenchmarkHelper` over `pallet-institutions` and `pallet-timestamp` for test runtimes.
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod expiry;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
mod issuance;
mod ledger;
mod lifecycle;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod validity;
pub mod weights;

use dengji_primitives::{
	certificate::{CertificateBody, CertificateRecord},
	code::CertificateCode,
	RegistrationId,
};

/// How many consecutive days [`ExpiryQueue`] is probed when a day is full (overflow goes to the next
/// day). Issuance fails with [`Error::ExpiryQueueFull`] if all are full.
pub const EXPIRY_QUEUE_PROBE_DAYS: u32 = 4;

/// Chain setup for benchmarks: the certificate pallet does not own institutions or time.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `id` an active institution whose current signing key is `key`, with `operator` as one
	/// of its operators.
	fn setup_institution(id: dengji_primitives::DivisionCode, key: [u8; 32], operator: &AccountId);
	/// Sets chain time (`pallet_timestamp::Now`) to `now`.
	fn set_now(now: dengji_primitives::Moment);
	/// Registers `key` as the current SM2 co-signing key of the institution `id` (set up by
	/// `setup_institution`). The default registers none: then the `issue_cosigned` benchmark
	/// cannot run, so runtimes that benchmark this pallet implement it.
	fn setup_sm2_key(_id: dengji_primitives::DivisionCode, _key: dengji_primitives::Sm2Public) {}
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use dengji_primitives::{
		calendar::DayIndex,
		certificate::RevocationGround,
		digest::Digest,
		division::DivisionCode,
		traits::{Clock, Directory, OnCertificateEnded, Validity},
		Moment,
	};
	use frame_support::{
		dispatch::{DispatchResultWithPostInfo, Pays},
		pallet_prelude::*,
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Chain time and the Asia/Shanghai day it falls in (`pallet-calendar`).
		type Clock: Clock;
		/// Institutions, their operators and signing keys (`pallet-institutions`).
		type Directory: Directory<Self::AccountId>;
		/// Validity of a certificate in years from the date of issue (YX-R §23 ¶1: 3).
		#[pallet::constant]
		type ValidityYears: Get<u16>;
		/// Calendar days before expiry in which a renewal may be filed (YX-R §23 ¶2: 60).
		/// Not a metadata constant: the runtime may read the value in force from storage (Q37,
		/// `Calendar::Periods`), and metadata must not change with storage (its hash is signed).
		type RenewalWindowDays: Get<u32>;
		/// Longest renewal term in years (YX-R §23 ¶2: 3).
		#[pallet::constant]
		type MaxRenewalYears: Get<u8>;
		/// Most certificates queued for expiry on one day; overflow goes to the following days.
		#[pallet::constant]
		type MaxExpiriesPerDay: Get<u32>;
		/// Told when a registration's current certificate is revoked (YX-R §27) or cancelled on
		/// expiry (YX-R §23 ¶2), so the registration's status follows (`pallet-registration`).
		type OnCertificateEnded: OnCertificateEnded;
		/// The province data authority (数据主管部门): decides whether SM2 co-signatures are
		/// required ([`Pallet::set_require_sm2`]).
		type AuthorityOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
		/// Sets up institutions and time for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId>;
	}

	/// Issued certificates by code: body, issuer signature and status in one value, so a single
	/// small read proof shows one certificate's current status (docs/spec/DESIGN.md §8). Never deleted.
	/// The verification client builds this key from
	/// `dengji_primitives::storage_names::{CERTIFICATE_PALLET, CERTIFICATES}`.
	#[pallet::storage]
	pub type Certificates<T: Config> =
		StorageMap<_, Blake2_128Concat, CertificateCode, CertificateRecord, OptionQuery>;

	/// Drafted certificate bodies awaiting the issuer's signature ([`Pallet::issue`]).
	#[pallet::storage]
	pub type Drafts<T: Config> =
		StorageMap<_, Blake2_128Concat, CertificateCode, CertificateBody, OptionQuery>;

	/// The validity rule of each draft, so a draft issued on a later day than it was drafted can
	/// be re-dated ([`Pallet::redate_draft`]): validity counts from the day of issue (YX-R §23 ¶1
	/// "自发证之日起计算"). Removed on issuance. Drafts made before this map existed have none.
	#[pallet::storage]
	pub type DraftValidity<T: Config> =
		StorageMap<_, Blake2_128Concat, CertificateCode, Validity, OptionQuery>;

	/// The next serial to allocate per (issuing institution, Shanghai year of issue). Absent means 1.
	#[pallet::storage]
	pub type NextSerial<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, DivisionCode, Twox64Concat, u16, u32, ValueQuery>;

	/// The registration's current `Valid` certificate. Removed when it is cancelled or revoked.
	#[pallet::storage]
	pub type CurrentOf<T: Config> =
		StorageMap<_, Twox64Concat, RegistrationId, CertificateCode, OptionQuery>;

	/// Certificates with a renewal filed inside the renewal window and not yet decided, with the
	/// day it was filed. They are not expiry-cancelled meanwhile (Q14).
	#[pallet::storage]
	pub type RenewalsPending<T: Config> =
		StorageMap<_, Blake2_128Concat, CertificateCode, DayIndex, OptionQuery>;

	/// Certificates to check for expiry, by the first day on which they are wholly expired
	/// (the day after the day of `valid_until`, or later on overflow). Drained by `on_idle`.
	#[pallet::storage]
	pub type ExpiryQueue<T: Config> = StorageMap<
		_,
		Twox64Concat,
		DayIndex,
		BoundedVec<CertificateCode, T::MaxExpiriesPerDay>,
		ValueQuery,
	>;

	/// The first day of [`ExpiryQueue`] not yet fully drained. Absent until the first enqueue.
	#[pallet::storage]
	pub type ExpiryCursor<T: Config> = StorageValue<_, DayIndex, OptionQuery>;

	/// Whether every issuance must carry an SM2 co-signature (GB/T 32918; issue 14 §2), set by the
	/// data authority ([`Pallet::set_require_sm2`]). `false` until set.
	#[pallet::storage]
	pub type RequireSm2<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// Events. `registration` is the registration number of the certificate `code`.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	#[allow(missing_docs)]
	pub enum Event<T: Config> {
		/// A certificate body was drafted on approval and awaits the issuer's signature.
		CertificateDrafted { code: CertificateCode, registration: RegistrationId },
		/// A draft's issuer key was replaced by the institution's current signing key `issuer_key`.
		DraftRekeyed { code: CertificateCode, issuer_key: [u8; 32] },
		/// A draft was re-dated to the day of issue `issued_on` (YX-R §23 ¶1); `valid_until` is
		/// its validity counted from that day.
		DraftRedated { code: CertificateCode, issued_on: DayIndex, valid_until: Moment },
		/// A certificate was issued by `issuer` (YX-R §23).
		CertificateIssued {
			code: CertificateCode,
			registration: RegistrationId,
			issuer: DivisionCode,
			/// Last valid instant, inclusive.
			valid_until: Moment,
		},
		/// The certificate `code` was replaced by `by`, a newer one of the same registration
		/// (change, correction or renewal: YX-R §19, §20, §23 ¶2).
		CertificateSuperseded {
			code: CertificateCode,
			by: CertificateCode,
			registration: RegistrationId,
		},
		/// A certificate was cancelled on an approved cancellation application (YX-R §21).
		/// This event is the public announcement (Q35).
		CertificateCancelled {
			code: CertificateCode,
			registration: RegistrationId,
			reason: dengji_primitives::certificate::CancelReason,
		},
		/// An expired certificate that was not renewed was cancelled; this event is the public
		/// announcement (注销并公告, YX-R §23 ¶2, Q35).
		CertificateExpiryAnnounced {
			code: CertificateCode,
			registration: RegistrationId,
			/// The last instant it was valid.
			valid_until: Moment,
		},
		/// A certificate was revoked after verified misconduct (撤销, YX-R §27).
		CertificateRevoked {
			code: CertificateCode,
			registration: RegistrationId,
			ground: RevocationGround,
			/// BLAKE2-256 of the revocation decision.
			decision: Digest,
		},
		/// A renewal of `code` was filed inside the window (pending) or decided (no longer
		/// pending) (Q14).
		RenewalPendingSet { code: CertificateCode, pending: bool },
		/// The data authority made SM2 co-signatures mandatory (`true`) or optional (`false`)
		/// for every issuance.
		RequireSm2Set { required: bool },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No draft has this code.
		DraftNotFound,
		/// The code was already issued; a draft can be issued once.
		AlreadyIssued,
		/// No issued certificate has this code.
		CertificateNotFound,
		/// The issuing (or responsible) institution is unknown.
		UnknownInstitution,
		/// The responsible institution is suspended or disqualified.
		InstitutionNotActive,
		/// The signer is not an operator of the institution responsible for the certificate.
		NotOperator,
		/// The draft's issuer key is no longer the institution's current signing key: call
		/// `rekey_draft` and sign again.
		IssuerKeyChanged,
		/// The draft already carries the institution's current signing key.
		IssuerKeyUnchanged,
		/// The issuer key is not a valid ed25519 public key.
		InvalidIssuerKey,
		/// The signature does not verify (strictly) over the draft's signing payload.
		BadSignature,
		/// The genesis block hash is not 32 bytes long.
		GenesisHashUnavailable,
		/// The draft's validity has already ended; it can no longer be issued.
		DraftExpired,
		/// The certificate the draft supersedes is no longer `Valid` (superseded, cancelled or
		/// revoked since the draft was made).
		PreviousNotValid,
		/// The registration already has a `Valid` certificate; a first issuance cannot add another.
		RegistrationAlreadyCertified,
		/// The certificate is not `Valid` (superseded, cancelled or revoked).
		CertificateNotValid,
		/// The certificate's validity has not ended yet (YX-R §23 ¶2).
		NotExpired,
		/// A renewal filed inside the window is pending; it is not expiry-cancelled (Q14).
		RenewalPending,
		/// The expiry queue of the certificate's expiry day and the following days is full.
		ExpiryQueueFull,
		/// The draft was made on an earlier day: validity counts from the day of issue
		/// (YX-R §23 ¶1), so call `redate_draft` and sign it anew.
		DraftOutdated,
		/// The draft is dated today already: nothing to re-date.
		DraftCurrent,
		/// The draft predates the stored validity rules and cannot be re-dated.
		DraftNotRedatable,
		/// SM2 co-signatures are required (`RequireSm2`) and the issuance carries none: use
		/// `issue_cosigned`.
		Sm2CoSignatureRequired,
		/// The issuing institution has no SM2 key registered, so there is nothing to check a
		/// co-signature against.
		NoSm2Key,
		/// The institution's SM2 key is not a point on the SM2 curve.
		InvalidSm2Key,
		/// The SM2 signature's `r` or `s` is zero or not below the group order.
		MalformedSm2Signature,
		/// The SM2 signature does not verify over the draft's signing payload with the
		/// institution's current SM2 key and the default distinguishing ID "1234567812345678".
		BadSm2Signature,
		/// `RequireSm2` already has this value.
		RequireSm2Unchanged,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Cancels and announces expired certificates queued up to today, within the remaining
		/// weight (YX-R §23 ¶2). `expire` does the same lazily, so nothing depends on this.
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let mut meter = WeightMeter::with_limit(remaining);
			Self::drain_expiry_queue(&mut meter);
			meter.consumed()
		}

		fn integrity_test() {
			assert!(T::ValidityYears::get() > 0, "ValidityYears must be > 0 (YX-R §23 ¶1)");
			assert!(T::RenewalWindowDays::get() > 0, "RenewalWindowDays must be > 0 (YX-R §23 ¶2)");
			assert!(T::MaxRenewalYears::get() > 0, "MaxRenewalYears must be > 0 (YX-R §23 ¶2)");
			assert!(T::MaxExpiriesPerDay::get() > 0, "MaxExpiriesPerDay must be > 0");
			assert_eq!(
				<T::Hash as MaxEncodedLen>::max_encoded_len(),
				32,
				"the genesis hash signed in certificates must be 32 bytes"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Issues a drafted certificate signed by its issuing institution (YX-R §23).
		///
		/// - Origin: signed by an operator of the institution responsible for the draft's issuer.
		/// - `code`: the draft's code (from `CertificateDrafted`).
		/// - `signature`: ed25519 signature by the draft's `issuer_key` over
		///   `CertificateBody::signing_payload(genesis_hash)`, checked with `verify_strict`.
		///
		/// Supersedes the draft's `previous` certificate, makes the new one the registration's
		/// current certificate and queues it for expiry.
		///
		/// Events: `CertificateIssued`, and `CertificateSuperseded` when there is a previous one.
		/// Errors: `DraftNotFound`, `AlreadyIssued`, `NotOperator`, `UnknownInstitution`,
		/// `InstitutionNotActive`, `IssuerKeyChanged`, `InvalidIssuerKey`, `BadSignature`,
		/// `GenesisHashUnavailable`, `DraftOutdated` (drafted on an earlier day: re-date it,
		/// YX-R §23 ¶1), `DraftExpired`, `PreviousNotValid`, `RegistrationAlreadyCertified`,
		/// `ExpiryQueueFull`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::issue())]
		pub fn issue(
			origin: OriginFor<T>,
			code: CertificateCode,
			signature: [u8; 64],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_issue(&who, code, signature, None)
		}

		/// Revokes a certificate after the institution verified the subject's misconduct
		/// (撤销登记, YX-R §27).
		///
		/// - Origin: signed by an operator of the institution now responsible for the issuer.
		/// - `code`: a `Valid` certificate (expired but not yet cancelled ones included).
		/// - `ground`: the YX-R §27 ground.
		/// - `decision`: BLAKE2-256 of the revocation decision kept off chain.
		///
		/// Events: `CertificateRevoked`.
		/// Errors: `CertificateNotFound`, `CertificateNotValid`, `NotOperator`,
		/// `UnknownInstitution`, `InstitutionNotActive`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(
			origin: OriginFor<T>,
			code: CertificateCode,
			ground: RevocationGround,
			decision: Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_revoke(&who, code, ground, decision)
		}

		/// Cancels and announces a certificate whose validity ended without renewal
		/// (期满未续展, 注销并公告, YX-R §23 ¶2).
		///
		/// - Origin: any signed account. Free (`Pays::No`) when it cancels; failures pay.
		/// - `code`: a `Valid` certificate past `valid_until` with no pending renewal (Q14).
		///
		/// Events: `CertificateExpiryAnnounced`.
		/// Errors: `CertificateNotFound`, `CertificateNotValid`, `NotExpired`, `RenewalPending`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::expire())]
		pub fn expire(origin: OriginFor<T>, code: CertificateCode) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_expire(code)?;
			Ok(Pays::No.into())
		}

		/// Replaces a draft's `issuer_key` with the institution's current signing key, after the
		/// data authority rotated it between drafting and issuance. The draft must be signed anew.
		///
		/// - Origin: signed by an operator of the institution responsible for the draft's issuer.
		/// - `code`: the draft's code.
		///
		/// Events: `DraftRekeyed`.
		/// Errors: `DraftNotFound`, `AlreadyIssued`, `NotOperator`, `UnknownInstitution`,
		/// `InstitutionNotActive`, `IssuerKeyUnchanged`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::rekey_draft())]
		pub fn rekey_draft(origin: OriginFor<T>, code: CertificateCode) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_rekey_draft(&who, code)
		}

		/// Re-dates a draft made on an earlier day to today, the day of issue: `issued_on`,
		/// `issued_at` and `valid_until` are computed anew from the draft's validity rule, so a
		/// delayed issuance does not shorten the validity (YX-R §23 ¶1 "自发证之日起计算"; a
		/// change or correction keeps the original expiry, Q12; a renewal counts from the old
		/// expiry, Q14). The draft must be signed anew.
		///
		/// - Origin: signed by an operator of the institution responsible for the draft's issuer.
		/// - `code`: the draft's code.
		///
		/// Events: `DraftRedated`.
		/// Errors: `DraftNotFound`, `AlreadyIssued`, `NotOperator`, `UnknownInstitution`,
		/// `InstitutionNotActive`, `DraftCurrent`, `DraftNotRedatable`, `PreviousNotValid`,
		/// `DraftExpired`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::redate_draft())]
		pub fn redate_draft(origin: OriginFor<T>, code: CertificateCode) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_redate_draft(&who, code)
		}

		/// Issues a drafted certificate signed by its issuing institution with ed25519 and
		/// co-signed with its SM2 key (YX-R §23; GB/T 32918, issue 14 §2). As [`Pallet::issue`],
		/// and the record keeps the co-signature and the SM3 digest of the signed bytes.
		///
		/// - Origin: signed by an operator of the institution responsible for the draft's issuer.
		/// - `code`, `signature`: as in `issue`.
		/// - `sm2_signature`: SM2-with-SM3 signature `r ++ s` by the institution's current SM2 key,
		///   distinguishing ID "1234567812345678" (GB/T 35276), over the same
		///   `CertificateBody::signing_payload(genesis_hash)` the ed25519 signature covers.
		///
		/// Events: as `issue`.
		/// Errors: as `issue`, and `NoSm2Key`, `InvalidSm2Key`, `MalformedSm2Signature`,
		/// `BadSm2Signature`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::issue_cosigned())]
		pub fn issue_cosigned(
			origin: OriginFor<T>,
			code: CertificateCode,
			signature: [u8; 64],
			sm2_signature: [u8; 64],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_issue(&who, code, signature, Some(sm2_signature))
		}

		/// Makes SM2 co-signatures mandatory for every issuance, or optional again (issue 14 §2).
		/// While required, `issue` fails with `Sm2CoSignatureRequired` and institutions without
		/// an SM2 key cannot issue.
		///
		/// - Origin: `AuthorityOrigin` (the data authority).
		/// - `required`: the new setting.
		///
		/// Events: `RequireSm2Set`. Errors: `RequireSm2Unchanged`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_require_sm2())]
		pub fn set_require_sm2(origin: OriginFor<T>, required: bool) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_set_require_sm2(required)
		}
	}
}

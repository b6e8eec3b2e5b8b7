//! The narrow interfaces the Dengji pallets use of each other. Each is implemented by one pallet
//! and wired in the runtime (`type Clock = Calendar;` …), so each pallet compiles and is tested on
//! its own and mocks use the real implementing pallets.

use crate::{
	calendar::{ChainClock, DayIndex, Deadline},
	certificate::{CancelReason, CertificateBody, CertificateRecord, IssuingAct, ObjectKind},
	code::CertificateCode,
	digest::Digest,
	division::DivisionCode,
	institution::InstitutionRecord,
	uscc::Uscc,
	BoundedName, Moment, RegistrationId,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Chain time and the working-day calendar. Implemented by `pallet-calendar`.
pub trait Clock {
	/// Current chain time (`pallet_timestamp::Now`).
	fn now() -> Moment;
	/// The clock mapping chain time to days.
	fn chain_clock() -> ChainClock;
	/// Today's date index under [`Clock::chain_clock`].
	fn today() -> DayIndex {
		Self::chain_clock().day_at(Self::now())
	}
	/// Whether `day` is a working day.
	fn is_working_day(day: DayIndex) -> bool;
	/// Day N of an N-working-day period triggered on `trigger` (trigger excluded).
	fn add_working_days(trigger: DayIndex, n: u32) -> Deadline;
}

/// Why an account may not act for an institution.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AccessError {
	/// No institution has this division code.
	UnknownInstitution,
	/// The responsible institution is suspended or disqualified.
	InstitutionNotActive,
	/// The account is not an operator of the responsible institution.
	NotOperator,
}

/// What a power of attorney (委托书) lets an agent do for a subject (YX-R §18(六), §19(三), §20(四), §21(三)).
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
pub enum AgentScope {
	/// Submit applications of any type, supplement, withdraw and renew.
	Apply,
	/// Submit rebuttals to objections.
	Rebut,
	/// Everything the subject may do.
	All,
}

impl AgentScope {
	/// Whether a power granted with `self` covers `needed`.
	pub fn covers(&self, needed: AgentScope) -> bool {
		*self == AgentScope::All || *self == needed
	}
}

/// Public facts about a registration subject (登记主体).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct SubjectInfo {
	/// Name, UTF-8.
	pub name: BoundedName,
	/// Division of its registered seat (jurisdiction, Q16).
	pub division: DivisionCode,
	/// The institution that admitted it.
	pub admitted_by: DivisionCode,
}

/// Institutions and participants. Implemented by `pallet-institutions`.
pub trait Directory<AccountId> {
	/// The institution with this division code.
	fn institution(id: DivisionCode) -> Option<InstitutionRecord<AccountId>>;
	/// The institution now responsible for `id`'s cases: `id` itself, or the institution that took
	/// them over after `id` was disqualified (Q17).
	fn responsible_institution(id: DivisionCode) -> DivisionCode;
	/// Ok if `who` is an operator of the active institution responsible for `id`'s cases.
	fn ensure_operator(who: &AccountId, id: DivisionCode) -> Result<(), AccessError>;
	/// The subject with this USCC.
	fn subject(uscc: &Uscc) -> Option<SubjectInfo>;
	/// Whether `who` may act for `subject` in `scope` on `today`: the subject's own account, or an
	/// agent whose power of attorney covers the scope and has not expired.
	fn may_act_for(who: &AccountId, subject: &Uscc, scope: AgentScope, today: DayIndex) -> bool;
	/// Whether `who` is a real-name verified person or organisation (may object, YX-R §22).
	fn is_real_name(who: &AccountId) -> bool;
	/// Whether `who` may submit transactions at all (transaction allow-list, docs/spec/DESIGN.md §3).
	fn is_participant(who: &AccountId) -> bool;
	/// The institution whose acts complaint `id` was about, if it exists and the data authority
	/// decided it upheld (YX-R §25(二); a dispute it raises blocks approval, Q32). None by
	/// default (a directory without complaints).
	fn upheld_complaint_institution(_id: u32) -> Option<DivisionCode> {
		None
	}
}

/// How a drafted certificate's validity is computed (YX-R §23; Q12–Q14).
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
pub enum Validity {
	/// First issuance: last instant of (issue date + 3 years − 1 day), capped by the authorised
	/// operation term end for products/services (YX-R §23 ¶1, Q13).
	Fresh {
		/// End of the authorised-operation term, for `DataProductOrService`.
		ao_term_end: Option<Moment>,
	},
	/// Change or correction: keep the previous certificate's `valid_until` (Q12).
	KeepPrevious,
	/// Renewal: previous `valid_until` + `years` (1..=3), capped by the AO term end (YX-R §23 ¶2, Q14).
	Renew {
		/// Requested renewal term in years, at most 3.
		years: u8,
		/// End of the authorised-operation term, if one is in progress.
		ao_term_end: Option<Moment>,
	},
	/// First issuance for `years` years instead of 3, on an exception the data authority
	/// recorded with its reason (YX-R §23 ¶1 "电子凭证原则上有效期3年"): last instant of (issue
	/// date + `years` years − 1 day), capped by the AO term end for products/services like
	/// [`Validity::Fresh`]. `years` is 1..=[`MAX_VALIDITY_EXCEPTION_YEARS`].
	FreshFor {
		/// Validity in years.
		years: u8,
		/// End of the authorised-operation term, for `DataProductOrService`.
		ao_term_end: Option<Moment>,
	},
}

/// Longest validity the data authority may set as an exception to the 3-year rule
/// (YX-R §23 ¶1 "原则上"): a bound for storage and arithmetic, not a rule of the measures.
pub const MAX_VALIDITY_EXCEPTION_YEARS: u8 = 10;

/// What the registration pallet asks the certificate ledger to draft on approval.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct DraftRequest {
	/// Registration number.
	pub registration: RegistrationId,
	/// Issuing act.
	pub act: IssuingAct,
	/// Object kind.
	pub object: ObjectKind,
	/// Subject.
	pub subject: Uscc,
	/// Subject name.
	pub subject_name: BoundedName,
	/// Data name.
	pub data_name: BoundedName,
	/// BLAKE2-256 of the approved basic information.
	pub content_digest: Digest,
	/// Issuing institution (the one responsible for the application).
	pub issuer: DivisionCode,
	/// Certificate superseded on issuance (change, correction, renewal).
	pub previous: Option<CertificateCode>,
	/// Validity rule.
	pub validity: Validity,
}

/// Why the ledger refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LedgerError {
	/// No certificate (or draft) with this code.
	UnknownCertificate,
	/// The certificate is not `Valid` (superseded, cancelled or revoked) or has expired.
	NotValid,
	/// The issuing institution is unknown or not active.
	IssuerNotActive,
	/// The (institution, year) serials are exhausted.
	SerialsExhausted,
	/// Renewal requested outside the 60 calendar days before expiry (YX-R §23 ¶2).
	OutsideRenewalWindow,
	/// Renewal term of 0 or more than 3 years (YX-R §23 ¶2).
	BadRenewalTerm,
	/// The computed validity would end before issuance (e.g. AO term already over).
	ValidityEndsBeforeIssue,
	/// An exceptional validity of 0 or more than [`MAX_VALIDITY_EXCEPTION_YEARS`] years
	/// (YX-R §23 ¶1).
	BadValidityTerm,
}

/// The certificate ledger as the registration pallet uses it. Implemented by `pallet-certificate`.
///
/// Issuance is two-step so the issuer signs exactly what the chain stores: on approval the
/// registration pallet calls [`CertificateLedger::draft`], which allocates the code and fixes the
/// body; the institution then signs the stored draft and submits `pallet_certificate::issue`.
pub trait CertificateLedger {
	/// Allocates the next code of `req.issuer` for the current year and stores the draft body.
	fn draft(req: DraftRequest) -> Result<CertificateBody, LedgerError>;
	/// An issued certificate.
	fn certificate(code: &CertificateCode) -> Option<CertificateRecord>;
	/// The registration's current `Valid` certificate, if any (a drafted successor is not yet
	/// current).
	fn current(registration: RegistrationId) -> Option<CertificateCode>;
	/// Whether `code` is `Valid`, not expired, and now inside its renewal window
	/// (60 calendar days before `valid_until`, YX-R §23 ¶2).
	fn in_renewal_window(code: &CertificateCode) -> Result<bool, LedgerError>;
	/// Marks a renewal as pending: a certificate with a renewal filed inside the window is not
	/// expiry-cancelled until the renewal is decided (Q14).
	fn set_renewal_pending(code: &CertificateCode, pending: bool) -> Result<(), LedgerError>;
	/// Cancels a `Valid` certificate (YX-R §21) and emits the announcement event.
	fn cancel(code: &CertificateCode, reason: CancelReason) -> Result<(), LedgerError>;
}

/// How a registration's current certificate ended without a successor (YX-R §27, §23 ¶2).
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
pub enum CertificateEnd {
	/// Revoked (撤销登记, YX-R §27).
	Revoked,
	/// Cancelled and announced on expiry without renewal (期满未续展的，予以注销, YX-R §23 ¶2).
	ExpiryCancelled,
}

/// Told by the certificate ledger when a registration's current certificate is revoked or
/// cancelled on expiry, so the registration follows (YX-R §27, §23 ¶2). Implemented by
/// `pallet-registration`; `()` does nothing.
pub trait OnCertificateEnded {
	/// `code`, the current certificate of `registration`, ended as `end`.
	fn on_certificate_ended(
		registration: RegistrationId,
		code: &CertificateCode,
		end: CertificateEnd,
	);
}

impl OnCertificateEnded for () {
	fn on_certificate_ended(_: RegistrationId, _: &CertificateCode, _: CertificateEnd) {}
}

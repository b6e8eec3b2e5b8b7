//! Drafting and issuance (YX-R §23, §19, §20; Q12–Q14; docs/spec/DESIGN.md §7).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::{
	validity, Certificates, Config, CurrentOf, DraftValidity, Drafts, Error, Event, NextSerial,
	Pallet, RenewalsPending, RequireSm2,
};
use dengji_primitives::{
	calendar::{Date, DAY_MS},
	certificate::{CertificateBody, CertificateRecord, CertificateStatus, IssuingAct, ObjectKind},
	code::{CertificateCode, MAX_SERIAL},
	institution::InstitutionStatus,
	sm2::{self, Sm2CoSignature, Sm2Error},
	traits::{
		AccessError, Clock, Directory, DraftRequest, LedgerError, Validity,
		MAX_VALIDITY_EXCEPTION_YEARS,
	},
	Ed25519Signature, InstitutionRecord, Moment, Sm2Signature,
};
use frame_support::{ensure, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Maps a [`Directory`] refusal to this pallet's error.
	pub(crate) fn access_error(e: AccessError) -> Error<T> {
		match e {
			AccessError::UnknownInstitution => Error::<T>::UnknownInstitution,
			AccessError::InstitutionNotActive => Error::<T>::InstitutionNotActive,
			AccessError::NotOperator => Error::<T>::NotOperator,
		}
	}

	/// The genesis hash certificates are bound to (domain separation between chains).
	pub fn genesis_hash() -> Result<[u8; 32], Error<T>> {
		let hash = frame_system::BlockHash::<T>::get(BlockNumberFor::<T>::zero());
		<[u8; 32]>::try_from(hash.as_ref()).map_err(|_| Error::<T>::GenesisHashUnavailable)
	}

	/// Allocates the next code of `issuer` for `year` (一证一码: serial per institution per year).
	fn allocate_code(
		issuer: dengji_primitives::DivisionCode,
		year: u16,
	) -> Result<CertificateCode, LedgerError> {
		let serial = NextSerial::<T>::get(issuer, year).max(1);
		if serial > MAX_SERIAL {
			return Err(LedgerError::SerialsExhausted);
		}
		let code = CertificateCode::new(issuer, year, serial)
			.map_err(|_| LedgerError::SerialsExhausted)?;
		NextSerial::<T>::insert(issuer, year, serial.saturating_add(1));
		Ok(code)
	}

	/// The `Valid`, same-registration certificate a change, correction or renewal builds on.
	fn previous_record(req: &DraftRequest) -> Result<CertificateRecord, LedgerError> {
		let prev = req.previous.ok_or(LedgerError::UnknownCertificate)?;
		let record = Certificates::<T>::get(prev).ok_or(LedgerError::UnknownCertificate)?;
		// The previous certificate must belong to the same registration (登记证号 is stable).
		ensure!(record.body.registration == req.registration, LedgerError::UnknownCertificate);
		ensure!(record.status == CertificateStatus::Valid, LedgerError::NotValid);
		Ok(record)
	}

	/// Computes `valid_until` for a draft issued at `now` (YX-R §23; Q12–Q14).
	fn compute_valid_until(req: &DraftRequest, now: Moment) -> Result<Moment, LedgerError> {
		let clock = T::Clock::chain_clock();
		let valid_until = match req.validity {
			Validity::Fresh { ao_term_end } => {
				// YX-R §23 ¶1: 3 years from the date of issue (Q13(c)).
				let full =
					validity::fresh_valid_until(&clock, clock.day_at(now), T::ValidityYears::get());
				// YX-R §23 ¶1: products and services follow an operating term shorter than that
				// (Q13(a)); resources are not capped (Q13(b)).
				match (req.object, ao_term_end) {
					(ObjectKind::DataProductOrService, Some(end)) => full.min(end),
					_ => full,
				}
			}
			Validity::FreshFor { years, ao_term_end } => {
				// YX-R §23 ¶1 "原则上有效期3年": the data authority's recorded exception, for
				// `years` from the date of issue, capped like a 3-year validity.
				ensure!(
					(1..=MAX_VALIDITY_EXCEPTION_YEARS).contains(&years),
					LedgerError::BadValidityTerm
				);
				let full = validity::fresh_valid_until(&clock, clock.day_at(now), u16::from(years));
				match (req.object, ao_term_end) {
					(ObjectKind::DataProductOrService, Some(end)) => full.min(end),
					_ => full,
				}
			}
			Validity::KeepPrevious => {
				// Q12: change and correction keep the original expiry (no free renewal).
				let prev = Self::previous_record(req)?;
				ensure!(now <= prev.body.valid_until, LedgerError::NotValid);
				prev.body.valid_until
			}
			Validity::Renew { years, ao_term_end } => {
				// YX-R §23 ¶2: each renewal at most 3 years.
				ensure!(
					years > 0 && years <= T::MaxRenewalYears::get(),
					LedgerError::BadRenewalTerm
				);
				let prev = Self::previous_record(req)?;
				let code = req.previous.ok_or(LedgerError::UnknownCertificate)?;
				// Q14: an expired certificate can still be renewed if the renewal was filed in
				// the window and is pending.
				ensure!(
					now <= prev.body.valid_until || RenewalsPending::<T>::contains_key(code),
					LedgerError::NotValid
				);
				let old = prev.body.valid_until;
				let extended = validity::renewed_valid_until(&clock, old, u16::from(years));
				// YX-R §23 ¶2: the renewal term must match the authorised-operation term (Q14).
				let capped = ao_term_end.map_or(extended, |end| extended.min(end));
				ensure!(capped > old, LedgerError::BadRenewalTerm);
				capped
			}
		};
		ensure!(valid_until >= now, LedgerError::ValidityEndsBeforeIssue);
		Ok(valid_until)
	}

	/// [`dengji_primitives::traits::CertificateLedger::draft`].
	pub(crate) fn do_draft(req: DraftRequest) -> Result<CertificateBody, LedgerError> {
		let institution =
			T::Directory::institution(req.issuer).ok_or(LedgerError::IssuerNotActive)?;
		ensure!(institution.status == InstitutionStatus::Active, LedgerError::IssuerNotActive);
		// Whatever the validity rule, a superseded certificate must be a `Valid` one of the same
		// registration.
		if req.previous.is_some() {
			Self::previous_record(&req)?;
		}
		let now = T::Clock::now();
		let today = T::Clock::chain_clock().day_at(now);
		let valid_until = Self::compute_valid_until(&req, now)?;
		// 一证一码: `DDDDDD-YYYY-NNNNNNN-C`, year of issue in Asia/Shanghai.
		let year = Date::from_day_index(today).year;
		let code = Self::allocate_code(req.issuer, year)?;
		let body = CertificateBody {
			code,
			registration: req.registration,
			act: req.act,
			object: req.object,
			subject: req.subject,
			subject_name: req.subject_name,
			data_name: req.data_name,
			content_digest: req.content_digest,
			issuer: req.issuer,
			issuer_key: institution.signing_key,
			issued_on: today,
			issued_at: now,
			valid_until,
			previous: req.previous,
		};
		Drafts::<T>::insert(code, &body);
		// YX-R §23 ¶1: kept so a later day of issue recomputes the validity.
		DraftValidity::<T>::insert(code, req.validity);
		Self::deposit_event(Event::CertificateDrafted { code, registration: body.registration });
		Ok(body)
	}

	/// The draft under `code`, or why there is none.
	fn draft_of(code: &CertificateCode) -> Result<CertificateBody, Error<T>> {
		Drafts::<T>::get(code).ok_or_else(|| {
			if Certificates::<T>::contains_key(code) {
				Error::<T>::AlreadyIssued
			} else {
				Error::<T>::DraftNotFound
			}
		})
	}

	/// Checks `signature` over `payload` strictly, as the verification client does (RFC 8032
	/// strict).
	pub(crate) fn verify_signature(
		body: &CertificateBody,
		payload: &[u8],
		signature: &Ed25519Signature,
	) -> Result<(), Error<T>> {
		let key = ed25519_dalek::VerifyingKey::from_bytes(&body.issuer_key)
			.map_err(|_| Error::<T>::InvalidIssuerKey)?;
		let sig = ed25519_dalek::Signature::from_bytes(signature);
		key.verify_strict(payload, &sig).map_err(|_| Error::<T>::BadSignature)
	}

	/// The co-signature to store: `sm2_signature` checked over `payload` with the institution's
	/// current SM2 key (GB/T 32918, default distinguishing ID), or none, which `RequireSm2`
	/// refuses (issue 14 §2).
	pub(crate) fn check_sm2(
		institution: &InstitutionRecord<T::AccountId>,
		payload: &[u8],
		sm2_signature: Option<Sm2Signature>,
	) -> Result<Option<Sm2CoSignature>, Error<T>> {
		let Some(signature) = sm2_signature else {
			ensure!(!RequireSm2::<T>::get(), Error::<T>::Sm2CoSignatureRequired);
			return Ok(None);
		};
		let key = institution.sm2_key.ok_or(Error::<T>::NoSm2Key)?;
		sm2::verify(&key, payload, &signature).map_err(|e| match e {
			Sm2Error::MalformedKey => Error::<T>::InvalidSm2Key,
			Sm2Error::MalformedSignature => Error::<T>::MalformedSm2Signature,
			_ => Error::<T>::BadSm2Signature,
		})?;
		Ok(Some(Sm2CoSignature { key, sm3_digest: sm2::sm3(payload), signature }))
	}

	/// [`Pallet::issue`], [`Pallet::issue_cosigned`] (with `sm2_signature`).
	pub(crate) fn do_issue(
		who: &T::AccountId,
		code: CertificateCode,
		signature: Ed25519Signature,
		sm2_signature: Option<Sm2Signature>,
	) -> DispatchResult {
		let body = Self::draft_of(&code)?;
		T::Directory::ensure_operator(who, body.issuer).map_err(Self::access_error)?;
		let institution =
			T::Directory::institution(body.issuer).ok_or(Error::<T>::UnknownInstitution)?;
		// The issuer must still hold the key the draft names (docs/spec/DESIGN.md §7).
		ensure!(institution.signing_key == body.issuer_key, Error::<T>::IssuerKeyChanged);
		let now = T::Clock::now();
		// YX-R §23 ¶1: validity counts from the day of issue, so the draft must be dated today.
		// A draft made by an earlier runtime has no stored rule and cannot be re-dated: it is
		// issued as drafted, so no pending draft is stranded by the upgrade.
		ensure!(
			Self::dated_today(&body, now) || !DraftValidity::<T>::contains_key(code),
			Error::<T>::DraftOutdated
		);
		let payload = body.signing_payload(&Self::genesis_hash()?);
		Self::verify_signature(&body, &payload, &signature)?;
		// Issue 14 §2: the SM2 co-signature covers the same payload.
		let sm2 = Self::check_sm2(&institution, &payload, sm2_signature)?;
		ensure!(now <= body.valid_until, Error::<T>::DraftExpired);
		let previous = match body.previous {
			Some(prev) => {
				let record = Certificates::<T>::get(prev).ok_or(Error::<T>::PreviousNotValid)?;
				ensure!(record.status == CertificateStatus::Valid, Error::<T>::PreviousNotValid);
				Some((prev, record))
			}
			None => {
				ensure!(
					!CurrentOf::<T>::contains_key(body.registration),
					Error::<T>::RegistrationAlreadyCertified
				);
				None
			}
		};
		let queue_day = Self::expiry_slot(validity::first_expired_day(
			&T::Clock::chain_clock(),
			body.valid_until,
		))?;

		// All checks passed: write.
		Drafts::<T>::remove(code);
		DraftValidity::<T>::remove(code);
		if let Some((prev, mut record)) = previous {
			record.status = CertificateStatus::Superseded { by: code, at: now };
			Certificates::<T>::insert(prev, record);
			// A renewal filed against the previous certificate and still undecided carries over
			// to a change or correction issued meanwhile (same registration and expiry, Q14);
			// a renewal issuance decides it.
			if let Some(filed) = RenewalsPending::<T>::take(prev) {
				if body.act != IssuingAct::Renewal {
					RenewalsPending::<T>::insert(code, filed);
				}
			}
			Self::deposit_event(Event::CertificateSuperseded {
				code: prev,
				by: code,
				registration: body.registration,
			});
		}
		let (registration, issuer, valid_until) =
			(body.registration, body.issuer, body.valid_until);
		Certificates::<T>::insert(
			code,
			CertificateRecord { body, signature, status: CertificateStatus::Valid, sm2 },
		);
		CurrentOf::<T>::insert(registration, code);
		Self::enqueue_expiry_at(queue_day, code);
		Self::deposit_event(Event::CertificateIssued { code, registration, issuer, valid_until });
		Ok(())
	}

	/// Whether `body` is dated on the day of `now` (YX-R §23 ¶1). On an accelerated dev/test clock
	/// (days shorter than 24 h, docs/spec/DESIGN.md §4) a "day" is no legal day and a block may
	/// already fall on the next one: there a draft stays issuable for 24 real hours.
	pub(crate) fn dated_today(body: &CertificateBody, now: Moment) -> bool {
		let clock = T::Clock::chain_clock();
		clock.day_at(now) == body.issued_on
			|| (clock.day_length_ms < DAY_MS && now.saturating_sub(body.issued_at) < DAY_MS)
	}

	/// [`Pallet::redate_draft`]: YX-R §23 ¶1, Q12, Q14.
	pub(crate) fn do_redate_draft(who: &T::AccountId, code: CertificateCode) -> DispatchResult {
		let mut body = Self::draft_of(&code)?;
		T::Directory::ensure_operator(who, body.issuer).map_err(Self::access_error)?;
		let now = T::Clock::now();
		let today = T::Clock::chain_clock().day_at(now);
		ensure!(today != body.issued_on, Error::<T>::DraftCurrent);
		let rule = DraftValidity::<T>::get(code).ok_or(Error::<T>::DraftNotRedatable)?;
		let req = DraftRequest {
			registration: body.registration,
			act: body.act,
			object: body.object,
			subject: body.subject,
			subject_name: body.subject_name.clone(),
			data_name: body.data_name.clone(),
			content_digest: body.content_digest,
			issuer: body.issuer,
			previous: body.previous,
			validity: rule,
		};
		let valid_until = Self::compute_valid_until(&req, now).map_err(|e| match e {
			LedgerError::UnknownCertificate | LedgerError::NotValid => Error::<T>::PreviousNotValid,
			_ => Error::<T>::DraftExpired,
		})?;
		body.issued_on = today;
		body.issued_at = now;
		body.valid_until = valid_until;
		Drafts::<T>::insert(code, body);
		Self::deposit_event(Event::DraftRedated { code, issued_on: today, valid_until });
		Ok(())
	}

	/// [`Pallet::set_require_sm2`].
	pub(crate) fn do_set_require_sm2(required: bool) -> DispatchResult {
		ensure!(RequireSm2::<T>::get() != required, Error::<T>::RequireSm2Unchanged);
		RequireSm2::<T>::put(required);
		Self::deposit_event(Event::RequireSm2Set { required });
		Ok(())
	}

	/// [`Pallet::rekey_draft`].
	pub(crate) fn do_rekey_draft(who: &T::AccountId, code: CertificateCode) -> DispatchResult {
		let mut body = Self::draft_of(&code)?;
		T::Directory::ensure_operator(who, body.issuer).map_err(Self::access_error)?;
		let institution =
			T::Directory::institution(body.issuer).ok_or(Error::<T>::UnknownInstitution)?;
		ensure!(institution.signing_key != body.issuer_key, Error::<T>::IssuerKeyUnchanged);
		body.issuer_key = institution.signing_key;
		Drafts::<T>::insert(code, body);
		Self::deposit_event(Event::DraftRekeyed { code, issuer_key: institution.signing_key });
		Ok(())
	}
}

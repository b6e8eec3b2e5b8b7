//! After issuance: renewal window and pending renewals (YX-R §23 ¶2, Q14), expiry cancellation and
//! announcement (YX-R §23 ¶2, Q35), cancellation on application (YX-R §21), revocation (YX-R §27).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::{
	types::StatusTransition, validity, Certificates, Config, CurrentOf, Error, Event, Pallet,
	RenewalsPending,
};
use dengji_primitives::{
	certificate::{CancelReason, CertificateRecord, CertificateStatus, RevocationGround},
	code::CertificateCode,
	digest::Digest,
	traits::{CertificateEnd, Clock, Directory, LedgerError, OnCertificateEnded},
};
use frame_support::{ensure, pallet_prelude::*};

impl<T: Config> Pallet<T> {
	/// Leaves `record` in the terminal `status`: stored as a tombstone, no longer current or
	/// pending renewal.
	fn terminate(code: CertificateCode, mut record: CertificateRecord, status: CertificateStatus) {
		debug_assert!(record.status.can_transition(&status), "callers check the status first");
		let registration = record.body.registration;
		record.status = status;
		Certificates::<T>::insert(code, record);
		RenewalsPending::<T>::remove(code);
		if CurrentOf::<T>::get(registration) == Some(code) {
			CurrentOf::<T>::remove(registration);
		}
	}

	/// Cancels an expired `record` and announces it (YX-R §23 ¶2: 注销并公告).
	pub(crate) fn cancel_expired(code: CertificateCode, record: CertificateRecord) {
		let (registration, valid_until) = (record.body.registration, record.body.valid_until);
		let at = T::Clock::now();
		Self::terminate(
			code,
			record,
			CertificateStatus::Cancelled { reason: CancelReason::Expiry, at },
		);
		Self::deposit_event(Event::CertificateExpiryAnnounced { code, registration, valid_until });
		// YX-R §23 ¶2: the registration is cancelled with its certificate.
		T::OnCertificateEnded::on_certificate_ended(
			registration,
			&code,
			CertificateEnd::ExpiryCancelled,
		);
	}

	/// [`Pallet::expire`]: YX-R §23 ¶2, Q14.
	pub(crate) fn do_expire(code: CertificateCode) -> DispatchResult {
		let record = Certificates::<T>::get(code).ok_or(Error::<T>::CertificateNotFound)?;
		ensure!(record.status == CertificateStatus::Valid, Error::<T>::CertificateNotValid);
		ensure!(T::Clock::now() > record.body.valid_until, Error::<T>::NotExpired);
		// Q14: a renewal filed inside the window keeps it valid until decided.
		ensure!(!RenewalsPending::<T>::contains_key(code), Error::<T>::RenewalPending);
		Self::cancel_expired(code, record);
		Ok(())
	}

	/// [`Pallet::revoke`]: YX-R §27, after the institution verified the misconduct.
	pub(crate) fn do_revoke(
		who: &T::AccountId,
		code: CertificateCode,
		ground: RevocationGround,
		decision: Digest,
	) -> DispatchResult {
		let record = Certificates::<T>::get(code).ok_or(Error::<T>::CertificateNotFound)?;
		// The institution now responsible for the issuer's cases acts (Q17).
		let responsible = T::Directory::responsible_institution(record.body.issuer);
		T::Directory::ensure_operator(who, responsible).map_err(Self::access_error)?;
		// Expired but not yet cancelled certificates are still `Valid` and may be revoked.
		ensure!(record.status == CertificateStatus::Valid, Error::<T>::CertificateNotValid);
		let registration = record.body.registration;
		let at = T::Clock::now();
		Self::terminate(code, record, CertificateStatus::Revoked { ground, decision, at });
		Self::deposit_event(Event::CertificateRevoked { code, registration, ground, decision });
		// YX-R §27 撤销登记: the registration is revoked with its certificate.
		T::OnCertificateEnded::on_certificate_ended(registration, &code, CertificateEnd::Revoked);
		Ok(())
	}

	/// A `Valid` certificate, or the ledger error saying why not.
	fn valid_record(code: &CertificateCode) -> Result<CertificateRecord, LedgerError> {
		let record = Certificates::<T>::get(code).ok_or(LedgerError::UnknownCertificate)?;
		ensure!(record.status == CertificateStatus::Valid, LedgerError::NotValid);
		Ok(record)
	}

	/// [`dengji_primitives::traits::CertificateLedger::cancel`]. `OnApplication` cancels any
	/// `Valid` certificate (YX-R §21); `Expiry` only an expired one without a pending renewal
	/// (YX-R §23 ¶2, Q14).
	pub(crate) fn do_cancel(
		code: &CertificateCode,
		reason: CancelReason,
	) -> Result<(), LedgerError> {
		let record = Self::valid_record(code)?;
		match reason {
			CancelReason::Expiry => {
				let expired = T::Clock::now() > record.body.valid_until;
				ensure!(
					expired && !RenewalsPending::<T>::contains_key(code),
					LedgerError::NotValid
				);
				Self::cancel_expired(*code, record);
			}
			CancelReason::OnApplication(_) => {
				let registration = record.body.registration;
				let at = T::Clock::now();
				Self::terminate(*code, record, CertificateStatus::Cancelled { reason, at });
				Self::deposit_event(Event::CertificateCancelled {
					code: *code,
					registration,
					reason,
				});
			}
		}
		Ok(())
	}

	/// [`dengji_primitives::traits::CertificateLedger::in_renewal_window`]: `Err(UnknownCertificate)`
	/// if absent, `Err(NotValid)` if not `Valid` or expired, else whether today is inside the
	/// renewal window (YX-R §23 ¶2).
	pub(crate) fn do_in_renewal_window(code: &CertificateCode) -> Result<bool, LedgerError> {
		let record = Self::valid_record(code)?;
		let now = T::Clock::now();
		ensure!(now <= record.body.valid_until, LedgerError::NotValid);
		Ok(validity::in_renewal_window(
			&T::Clock::chain_clock(),
			record.body.valid_until,
			now,
			T::RenewalWindowDays::get(),
		))
	}

	/// [`dengji_primitives::traits::CertificateLedger::set_renewal_pending`] (Q14). Setting
	/// requires a `Valid` certificate inside its renewal window; clearing requires a `Valid` one and
	/// queues it for expiry again, so a refused renewal of an expired certificate is cancelled.
	pub(crate) fn do_set_renewal_pending(
		code: &CertificateCode,
		pending: bool,
	) -> Result<(), LedgerError> {
		let record = Self::valid_record(code)?;
		if pending {
			ensure!(Self::do_in_renewal_window(code)?, LedgerError::OutsideRenewalWindow);
			if RenewalsPending::<T>::contains_key(code) {
				return Ok(());
			}
			RenewalsPending::<T>::insert(code, T::Clock::today());
		} else {
			if RenewalsPending::<T>::take(code).is_none() {
				return Ok(());
			}
			Self::requeue_expiry(*code, record.body.valid_until);
		}
		Self::deposit_event(Event::RenewalPendingSet { code: *code, pending });
		Ok(())
	}
}

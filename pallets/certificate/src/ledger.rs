//! [`CertificateLedger`] for the registration pallet.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::{Certificates, Config, CurrentOf, Pallet};
use dengji_primitives::{
	certificate::{CancelReason, CertificateBody, CertificateRecord},
	code::CertificateCode,
	traits::{CertificateLedger, DraftRequest, LedgerError},
};

impl<T: Config> CertificateLedger for Pallet<T> {
	fn draft(req: DraftRequest) -> Result<CertificateBody, LedgerError> {
		Self::do_draft(req)
	}

	fn certificate(code: &CertificateCode) -> Option<CertificateRecord> {
		Certificates::<T>::get(code)
	}

	fn current(registration: dengji_primitives::RegistrationId) -> Option<CertificateCode> {
		CurrentOf::<T>::get(registration)
	}

	fn in_renewal_window(code: &CertificateCode) -> Result<bool, LedgerError> {
		Self::do_in_renewal_window(code)
	}

	fn set_renewal_pending(code: &CertificateCode, pending: bool) -> Result<(), LedgerError> {
		Self::do_set_renewal_pending(code, pending)
	}

	fn cancel(code: &CertificateCode, reason: CancelReason) -> Result<(), LedgerError> {
		Self::do_cancel(code, reason)
	}
}

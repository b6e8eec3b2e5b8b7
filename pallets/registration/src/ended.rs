//! The end of a registration with its certificate: revocation (撤销登记, YX-R §27) and
//! cancellation on expiry (期满未续展的，予以注销, YX-R §23 ¶2). The certificate ledger tells this
//! pallet through [`OnCertificateEnded`]; the registration's status follows, an application open
//! on it closes, and no new application is accepted on it.

use crate::{pallet::*, types::*};
use dengji_primitives::{
	traits::{CertificateEnd, OnCertificateEnded},
	CertificateCode, RegistrationId,
};

impl<T: Config> Pallet<T> {
	/// Ok if applications may be filed on `reg`: typed refusals for each way it ended.
	pub(crate) fn ensure_registration_active(reg: &Registration) -> Result<(), Error<T>> {
		match reg.status {
			RegistrationStatus::Active => Ok(()),
			// YX-R §21.
			RegistrationStatus::Cancelled => Err(Error::<T>::RegistrationNotActive),
			// YX-R §27.
			RegistrationStatus::Revoked => Err(Error::<T>::RegistrationRevoked),
			// YX-R §23 ¶2.
			RegistrationStatus::CancelledOnExpiry => Err(Error::<T>::RegistrationExpired),
		}
	}

	/// Ends `registration` as `status` (with its certificate `certificate`) and closes the
	/// application open on it. Does nothing unless it is `Active`. Used by the hook and by the
	/// v1 migration.
	pub(crate) fn end_registration(
		registration: RegistrationId,
		certificate: CertificateCode,
		status: RegistrationStatus,
	) {
		let Some(mut reg) = Registrations::<T>::get(registration) else {
			return;
		};
		if reg.status != RegistrationStatus::Active {
			return;
		}
		reg.status = status;
		let pending = reg.pending;
		Registrations::<T>::insert(registration, reg);
		Self::deposit_event(Event::RegistrationEnded { registration, certificate, status });
		for id in pending.into_iter().chain(LifecyclePending::<T>::get(registration)) {
			Self::close_application(id, registration, status);
		}
	}

	/// Closes the open application `id` on `registration`, which ended as `status`
	/// (`ApplicationClosed`); nothing if it is already decided.
	pub(crate) fn close_application(
		id: dengji_primitives::ApplicationId,
		registration: RegistrationId,
		status: RegistrationStatus,
	) {
		let Some(mut app) = Applications::<T>::get(id) else {
			return;
		};
		if app.state.is_terminal() {
			return;
		}
		app.state = Self::checked(app.state, ApplicationState::Closed);
		Self::on_application_closed(&app);
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::ApplicationClosed { application: id, registration, status });
	}
}

impl<T: Config> OnCertificateEnded for Pallet<T> {
	fn on_certificate_ended(
		registration: RegistrationId,
		code: &CertificateCode,
		end: CertificateEnd,
	) {
		let status = match end {
			CertificateEnd::Revoked => RegistrationStatus::Revoked,
			CertificateEnd::ExpiryCancelled => RegistrationStatus::CancelledOnExpiry,
		};
		Self::end_registration(registration, *code, status);
	}
}

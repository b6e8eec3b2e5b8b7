//! Cancellation on application (注销登记, YX-R §21) through the ledger interface.

use super::*;
use crate::CurrentOf;
use dengji_primitives::{
	certificate::{CancelReason, CancellationGround},
	traits::{CertificateLedger, LedgerError},
};

/// YX-R §21 ¶1 (一)–(四): an approved cancellation cancels the certificate for its ground and
/// announces it (Q35); the record stays readable.
#[test]
fn cancel_on_application_for_each_ground_cancels_and_announces() {
	ExtBuilder::default().build_and_execute(|| {
		let grounds = [
			CancellationGround::ResourceLost,
			CancellationGround::RightsAbandonedOrExpired,
			CancellationGround::SubjectCeased,
			CancellationGround::OtherLawful,
		];
		for (i, ground) in grounds.into_iter().enumerate() {
			let registration = i as u64 + 1;
			let code = issue_default(registration);
			let at = pallet_timestamp::Now::<Test>::get();
			let reason = CancelReason::OnApplication(ground);
			assert_eq!(Certificate::cancel(&code, reason), Ok(()));
			assert_eq!(status(code), CertificateStatus::Cancelled { reason, at });
			assert!(CurrentOf::<Test>::get(registration).is_none());
			assert_event(Event::CertificateCancelled { code, registration, reason });
			assert_eq!(Certificate::cancel(&code, reason), Err(LedgerError::NotValid));
		}
	});
}

/// Unknown certificates cannot be cancelled.
#[test]
fn cancel_of_unknown_certificate_fails() {
	ExtBuilder::default().build_and_execute(|| {
		let unknown = CertificateCode::new(city(), 2026, 99).unwrap();
		assert_eq!(
			Certificate::cancel(
				&unknown,
				CancelReason::OnApplication(CancellationGround::OtherLawful)
			),
			Err(LedgerError::UnknownCertificate)
		);
	});
}

/// YX-R §23 ¶2: cancelling with reason `Expiry` through the ledger requires an expired certificate
/// and announces it like `expire`.
#[test]
fn cancel_for_expiry_requires_expired_certificate() {
	ExtBuilder::default().build_and_execute(|| {
		let code = issue_default(1);
		assert_eq!(Certificate::cancel(&code, CancelReason::Expiry), Err(LedgerError::NotValid));
		set_now(end_of(day(2029, 3, 9)) + 1);
		assert_eq!(Certificate::cancel(&code, CancelReason::Expiry), Ok(()));
		assert_event(Event::CertificateExpiryAnnounced {
			code,
			registration: 1,
			valid_until: end_of(day(2029, 3, 9)),
		});
	});
}

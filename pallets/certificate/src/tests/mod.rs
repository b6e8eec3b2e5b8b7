//! Unit tests, one file per feature. Each test cites the article or question it checks.

mod cancellation;
mod change;
mod codes;
mod expiry;
mod integration;
mod invariants;
mod issuance;
mod issue_day;
mod renewal;
mod revocation;
mod sm2;
mod validity;

use crate::{mock::*, Certificates, Event};
use dengji_primitives::{
	certificate::{CertificateRecord, CertificateStatus},
	code::CertificateCode,
};

/// The stored record of `code`.
fn record(code: CertificateCode) -> CertificateRecord {
	Certificates::<Test>::get(code).expect("certificate stored")
}

/// The stored status of `code`.
fn status(code: CertificateCode) -> CertificateStatus {
	record(code).status
}

/// Asserts `event` was deposited.
fn assert_event(event: Event<Test>) {
	System::assert_has_event(RuntimeEvent::Certificate(event));
}

/// Whether `code` is in any expiry queue.
fn is_queued(code: CertificateCode) -> bool {
	crate::ExpiryQueue::<Test>::iter_values().any(|q| q.contains(&code))
}

/// `integrity_test` accepts the mock's constants (YX-R §23: 3 years, 60 days, 3 years).
#[test]
fn integrity_test_with_mock_constants_passes() {
	use frame_support::traits::Hooks;
	ExtBuilder::default().build_and_execute(|| {
		<crate::Pallet<Test> as Hooks<u64>>::integrity_test();
	});
}

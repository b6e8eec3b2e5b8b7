//! Expiry cancellation and announcement (期满未续展的，由登记机构予以注销并公告, YX-R §23 ¶2; Q35),
//! by the free `expire` call and by the bounded `on_idle` sweep.

use super::*;
use crate::{weights::WeightInfo, CurrentOf, Error, ExpiryCursor, ExpiryQueue};
use dengji_primitives::{certificate::CancelReason, RegistrationId};
use frame_support::{assert_noop, assert_ok, dispatch::Pays, weights::Weight};

/// First day wholly after the default certificates' validity (issued 2026-03-10).
fn expiry_day() -> dengji_primitives::DayIndex {
	day(2029, 3, 10)
}

fn is_expiry_cancelled(code: CertificateCode) -> bool {
	matches!(status(code), CertificateStatus::Cancelled { reason: CancelReason::Expiry, .. })
}

fn announced(code: CertificateCode, registration: RegistrationId) {
	assert_event(Event::CertificateExpiryAnnounced {
		code,
		registration,
		valid_until: end_of(day(2029, 3, 9)),
	});
}

/// YX-R §23 ¶2: after `valid_until`, anyone may call `expire` (free): the certificate is cancelled
/// (reason `Expiry`), announced, and kept readable as a tombstone.
#[test]
fn expire_after_valid_until_cancels_and_announces() {
	ExtBuilder::default().build_and_execute(|| {
		let code = issue_default(1);
		let at = end_of(day(2029, 3, 9)) + 1;
		set_now(at);
		let info = Certificate::expire(RuntimeOrigin::signed(STRANGER), code).unwrap();
		assert_eq!(info.pays_fee, Pays::No);
		assert_eq!(status(code), CertificateStatus::Cancelled { reason: CancelReason::Expiry, at });
		assert_eq!(record(code).body.code, code);
		assert!(CurrentOf::<Test>::get(1).is_none());
		announced(code, 1);
		// Already cancelled: refused (and paid).
		assert_noop!(
			Certificate::expire(RuntimeOrigin::signed(STRANGER), code),
			Error::<Test>::CertificateNotValid
		);
	});
}

/// YX-R §23 ¶2: `valid_until` is inclusive; until it has passed, `expire` is refused and paid,
/// so it cannot be spammed for free.
#[test]
fn expire_before_validity_ends_is_rejected_and_pays() {
	ExtBuilder::default().build_and_execute(|| {
		let code = issue_default(1);
		set_now(end_of(day(2029, 3, 9)));
		let err = Certificate::expire(RuntimeOrigin::signed(STRANGER), code).unwrap_err();
		assert_eq!(err.post_info.pays_fee, Pays::Yes);
		assert_noop!(
			Certificate::expire(RuntimeOrigin::signed(STRANGER), code),
			Error::<Test>::NotExpired
		);
		let unknown = CertificateCode::new(city(), 2026, 99).unwrap();
		assert_noop!(
			Certificate::expire(RuntimeOrigin::signed(STRANGER), unknown),
			Error::<Test>::CertificateNotFound
		);
		assert_noop!(
			Certificate::expire(RuntimeOrigin::none(), code),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

/// YX-R §23 ¶2: the `on_idle` sweep cancels and announces every certificate queued up to today.
#[test]
fn on_idle_cancels_expired_certificates_and_announces() {
	ExtBuilder::default().build_and_execute(|| {
		let codes: Vec<_> = (1..=3).map(issue_default).collect();
		run_to_day(expiry_day() - 1, Weight::MAX);
		assert!(codes.iter().all(|c| status(*c) == CertificateStatus::Valid));
		run_to_day(expiry_day(), Weight::MAX);
		for (i, code) in codes.iter().enumerate() {
			assert!(is_expiry_cancelled(*code));
			announced(*code, i as u64 + 1);
		}
		assert!(ExpiryQueue::<Test>::get(expiry_day()).is_empty());
		assert_eq!(ExpiryCursor::<Test>::get(), Some(expiry_day() + 1));
	});
}

/// The sweep never exceeds the weight it is given and resumes where it stopped.
#[test]
fn on_idle_is_bounded_by_remaining_weight() {
	ExtBuilder::default().build_and_execute(|| {
		let codes: Vec<_> = (1..=3).map(issue_default).collect();
		// Catch up over the empty days first, as every block's `on_idle` would.
		run_to_day(expiry_day() - 1, Weight::MAX);
		assert_eq!(run_to_day(expiry_day(), Weight::zero()), Weight::zero());
		assert!(codes.iter().all(|c| status(*c) == CertificateStatus::Valid));

		let one = <() as WeightInfo>::on_idle_day() + <() as WeightInfo>::on_idle_item();
		assert_eq!(run_to_day(expiry_day(), one), one);
		let cancelled = codes.iter().filter(|c| is_expiry_cancelled(**c)).count();
		assert_eq!(cancelled, 1);
		assert_eq!(ExpiryQueue::<Test>::get(expiry_day()).len(), 2);
		assert_eq!(ExpiryCursor::<Test>::get(), Some(expiry_day()));

		// Slightly less than one item: only the day overhead is used, nothing is cancelled.
		let used = run_to_day(expiry_day(), one - Weight::from_parts(1, 0));
		assert_eq!(used, <() as WeightInfo>::on_idle_day());
		assert_eq!(codes.iter().filter(|c| is_expiry_cancelled(**c)).count(), 1);

		run_to_day(expiry_day(), Weight::MAX);
		assert!(codes.iter().all(|c| is_expiry_cancelled(*c)));
	});
}

/// Certificates superseded, revoked or cancelled before their expiry day are skipped by the sweep.
#[test]
fn on_idle_skips_certificates_no_longer_valid() {
	ExtBuilder::default().build_and_execute(|| {
		let revoked = issue_default(1);
		let kept = issue_default(2);
		assert_ok!(Certificate::revoke(
			RuntimeOrigin::signed(CITY_OP),
			revoked,
			dengji_primitives::RevocationGround::UnlawfulUse,
			[0; 32]
		));
		System::reset_events();
		run_to_day(expiry_day(), Weight::MAX);
		assert!(matches!(status(revoked), CertificateStatus::Revoked { .. }));
		assert!(is_expiry_cancelled(kept));
		let announcements = System::events()
			.into_iter()
			.filter(|e| {
				matches!(
					e.event,
					RuntimeEvent::Certificate(Event::CertificateExpiryAnnounced { .. })
				)
			})
			.count();
		assert_eq!(announcements, 1);
	});
}

/// A full day's queue overflows to the next day; both are drained.
#[test]
fn expiry_queue_overflow_goes_to_next_day() {
	ExtBuilder::default().max_expiries(2).build_and_execute(|| {
		let codes: Vec<_> = (1..=3).map(issue_default).collect();
		assert_eq!(ExpiryQueue::<Test>::get(expiry_day()).len(), 2);
		assert_eq!(ExpiryQueue::<Test>::get(expiry_day() + 1).into_inner(), vec![codes[2]]);
		run_to_day(expiry_day(), Weight::MAX);
		assert_eq!(codes.iter().filter(|c| is_expiry_cancelled(**c)).count(), 2);
		// The overflowed one is expired already: `expire` works before the sweep reaches it.
		assert_ok!(Certificate::expire(RuntimeOrigin::signed(STRANGER), codes[2]));
		run_to_day(expiry_day() + 1, Weight::MAX);
		assert!(ExpiryQueue::<Test>::get(expiry_day() + 1).is_empty());
	});
}

/// When the expiry day and the following probe days are all full, issuance is refused.
#[test]
fn issue_with_full_expiry_queue_is_rejected() {
	ExtBuilder::default().max_expiries(1).build_and_execute(|| {
		for registration in 1..=u64::from(crate::EXPIRY_QUEUE_PROBE_DAYS) {
			issue_default(registration);
		}
		let body = draft(request(99, city()));
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, 1)),
			Error::<Test>::ExpiryQueueFull
		);
	});
}

/// Correctness never depends on the sweep: a chain that idles for a long time catches up day by
/// day, and certificates issued with past queue days land on the cursor.
#[test]
fn sweep_catches_up_over_many_days() {
	ExtBuilder::default().build_and_execute(|| {
		let first = issue_default(1);
		set_date(2026, 3, 20);
		let second = issue_default(2);
		run_to_day(day(2029, 4, 1), Weight::MAX);
		assert!(is_expiry_cancelled(first));
		assert!(is_expiry_cancelled(second));
		assert_eq!(ExpiryCursor::<Test>::get(), Some(day(2029, 4, 2)));
	});
}

/// A product capped by a short AO term, issued after a 3-year resource certificate, is still swept
/// on its own (earlier) expiry day (YX-R §23 ¶1, ¶2).
#[test]
fn sweep_handles_earlier_expiry_issued_later() {
	ExtBuilder::default().build_and_execute(|| {
		let resource = issue_default(1);
		let mut req = request(2, city());
		req.object = dengji_primitives::certificate::ObjectKind::DataProductOrService;
		req.validity = dengji_primitives::traits::Validity::Fresh {
			ao_term_end: Some(end_of(day(2026, 6, 30))),
		};
		let product = draft_and_issue(req);
		assert!(ExpiryQueue::<Test>::get(day(2026, 7, 1)).contains(&product));
		run_to_day(day(2026, 7, 1), Weight::MAX);
		assert!(is_expiry_cancelled(product));
		assert_eq!(status(resource), CertificateStatus::Valid);
		assert_eq!(ExpiryCursor::<Test>::get(), Some(day(2026, 7, 2)));
	});
}

/// YX-R §23 ¶2 (期满未续展的，予以注销): each way an expired certificate is cancelled (`expire`,
/// the `on_idle` sweep, the ledger's `cancel(Expiry)`) tells the registration side, once; a
/// cancellation on application (YX-R §21, decided by the registration pallet) and a refused
/// `expire` tell nothing.
#[test]
fn expiry_cancellation_tells_the_registration() {
	use dengji_primitives::traits::{CertificateEnd, CertificateLedger};
	ExtBuilder::default().build_and_execute(|| {
		let codes: Vec<_> = (1..=4).map(issue_default).collect();
		assert_ok!(Certificate::cancel(
			&codes[3],
			CancelReason::OnApplication(
				dengji_primitives::certificate::CancellationGround::OtherLawful
			)
		));
		assert_noop!(
			Certificate::expire(RuntimeOrigin::signed(STRANGER), codes[0]),
			Error::<Test>::NotExpired
		);
		assert!(EndedLog::take().is_empty());
		set_now(end_of(day(2029, 3, 9)) + 1);
		assert_ok!(Certificate::expire(RuntimeOrigin::signed(STRANGER), codes[0]));
		assert_eq!(Certificate::cancel(&codes[1], CancelReason::Expiry), Ok(()));
		assert_eq!(
			EndedLog::take(),
			vec![
				(1, codes[0], CertificateEnd::ExpiryCancelled),
				(2, codes[1], CertificateEnd::ExpiryCancelled)
			]
		);
		run_to_day(expiry_day() + 1, Weight::MAX);
		assert_eq!(EndedLog::take(), vec![(3, codes[2], CertificateEnd::ExpiryCancelled)]);
	});
}

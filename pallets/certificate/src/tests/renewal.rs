//! Renewal (续展, YX-R §23 ¶2; Q14).

use super::*;
use crate::{CurrentOf, Error, RenewalsPending};
use dengji_primitives::{
	certificate::{IssuingAct, ObjectKind},
	traits::{CertificateLedger, LedgerError, Validity},
};
use frame_support::{assert_noop, assert_ok, weights::Weight};

fn renew(years: u8, ao_term_end: Option<u64>) -> Validity {
	Validity::Renew { years, ao_term_end }
}

/// YX-R §23 ¶2 "在期满前60日内": the window opens exactly 60 calendar days before the last day of
/// validity (day 61 out, day 60 in), includes the last day, and closes at expiry.
#[test]
fn renewal_window_opens_exactly_60_calendar_days_before_expiry() {
	ExtBuilder::default().build_and_execute(|| {
		let code = issue_default(1);
		let last = day(2029, 3, 9);
		set_day(last - 61);
		assert_eq!(Certificate::in_renewal_window(&code), Ok(false));
		set_now(end_of(last - 61));
		assert_eq!(Certificate::in_renewal_window(&code), Ok(false));
		set_now(dengji_primitives::ChainClock::SHANGHAI.day_start_ms(last - 60));
		assert_eq!(Certificate::in_renewal_window(&code), Ok(true));
		set_day(last);
		assert_eq!(Certificate::in_renewal_window(&code), Ok(true));
		set_now(end_of(last));
		assert_eq!(Certificate::in_renewal_window(&code), Ok(true));
		// After expiry: out.
		set_now(end_of(last) + 1);
		assert_eq!(Certificate::in_renewal_window(&code), Err(LedgerError::NotValid));
		let unknown = CertificateCode::new(city(), 2026, 99).unwrap();
		assert_eq!(Certificate::in_renewal_window(&unknown), Err(LedgerError::UnknownCertificate));
	});
}

/// YX-R §23 ¶2: a renewal may only be filed inside the window.
#[test]
fn renewal_pending_outside_window_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let code = issue_default(1);
		set_day(day(2029, 3, 9) - 61);
		assert_eq!(
			Certificate::set_renewal_pending(&code, true),
			Err(LedgerError::OutsideRenewalWindow)
		);
		set_day(day(2029, 3, 9) - 60);
		assert_ok!(Certificate::set_renewal_pending(&code, true));
		assert_eq!(RenewalsPending::<Test>::get(code), Some(day(2029, 3, 9) - 60));
		assert_event(Event::RenewalPendingSet { code, pending: true });
		// Filing twice is idempotent.
		assert_ok!(Certificate::set_renewal_pending(&code, true));
		// Expired without a pending renewal, or unknown: refused.
		set_now(end_of(day(2029, 3, 9)) + 1);
		assert_ok!(Certificate::set_renewal_pending(&code, false));
		assert_eq!(Certificate::set_renewal_pending(&code, true), Err(LedgerError::NotValid));
		let unknown = CertificateCode::new(city(), 2026, 99).unwrap();
		assert_eq!(
			Certificate::set_renewal_pending(&unknown, true),
			Err(LedgerError::UnknownCertificate)
		);
	});
}

/// YX-R §23 ¶2: renewal counts from the old expiry, supersedes the old certificate with a new
/// code and keeps the registration number.
#[test]
fn renewal_extends_from_old_expiry_and_supersedes() {
	ExtBuilder::default().build_and_execute(|| {
		let old = issue_default(1);
		set_date(2029, 2, 1);
		assert_ok!(Certificate::set_renewal_pending(&old, true));
		let new = draft_and_issue(follow_up(old, IssuingAct::Renewal, renew(3, None)));
		assert_ne!(new, old);
		assert_eq!(new.year, 2029);
		let body = record(new).body;
		assert_eq!(body.valid_until, end_of(day(2032, 3, 9)));
		assert_eq!(body.registration, 1);
		assert_eq!(body.previous, Some(old));
		assert_eq!(body.act, IssuingAct::Renewal);
		assert!(matches!(status(old), CertificateStatus::Superseded { by, .. } if by == new));
		assert!(RenewalsPending::<Test>::get(old).is_none());
		assert_eq!(CurrentOf::<Test>::get(1), Some(new));
		assert_event(Event::CertificateSuperseded { code: old, by: new, registration: 1 });
		// One year is allowed too.
		set_date(2032, 2, 1);
		let newer = draft_and_issue(follow_up(new, IssuingAct::Renewal, renew(1, None)));
		assert_eq!(record(newer).body.valid_until, end_of(day(2033, 3, 9)));
	});
}

/// YX-R §23 ¶2 "每次续展期最长为3年": 0 or more than 3 years is refused.
#[test]
fn renewal_over_three_years_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let old = issue_default(1);
		set_date(2029, 2, 1);
		for years in [0, 4, u8::MAX] {
			assert_eq!(
				Certificate::draft(follow_up(old, IssuingAct::Renewal, renew(years, None))),
				Err(LedgerError::BadRenewalTerm)
			);
		}
	});
}

/// YX-R §23 ¶2 "续展期限应当与授权运营期限相匹配": the renewal is capped by the AO term end (Q14).
#[test]
fn renewal_is_capped_by_ao_term_end() {
	ExtBuilder::default().build_and_execute(|| {
		let mut req = request(1, city());
		req.object = ObjectKind::DataProductOrService;
		let old = draft_and_issue(req);
		set_date(2029, 2, 1);
		let ao_end = end_of(day(2030, 12, 31));
		let new = draft_and_issue(follow_up(old, IssuingAct::Renewal, renew(3, Some(ao_end))));
		assert_eq!(record(new).body.valid_until, ao_end);
		// An AO term ending before the old expiry adds nothing: refused.
		set_date(2030, 11, 15);
		let stale = end_of(day(2030, 12, 1));
		assert_eq!(
			Certificate::draft(follow_up(new, IssuingAct::Renewal, renew(1, Some(stale)))),
			Err(LedgerError::BadRenewalTerm)
		);
	});
}

/// YX-R §23 ¶2: after expiry without a pending renewal the certificate can no longer be renewed.
#[test]
fn renewal_of_expired_certificate_without_pending_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let old = issue_default(1);
		set_now(end_of(day(2029, 3, 9)) + 1);
		assert_eq!(
			Certificate::draft(follow_up(old, IssuingAct::Renewal, renew(3, None))),
			Err(LedgerError::NotValid)
		);
	});
}

/// Q14: a renewal filed inside the window keeps the certificate `Valid` after expiry until it is
/// decided; `expire` and `on_idle` leave it alone, and the renewal counts from the old expiry.
#[test]
fn pending_renewal_prevents_expiry_cancellation() {
	ExtBuilder::default().build_and_execute(|| {
		let old = issue_default(1);
		set_date(2029, 3, 1);
		assert_ok!(Certificate::set_renewal_pending(&old, true));
		run_to_day(day(2029, 3, 10), Weight::MAX);
		assert_eq!(status(old), CertificateStatus::Valid);
		assert_noop!(
			Certificate::expire(RuntimeOrigin::signed(STRANGER), old),
			Error::<Test>::RenewalPending
		);
		assert_eq!(
			Certificate::cancel(&old, dengji_primitives::CancelReason::Expiry),
			Err(LedgerError::NotValid)
		);
		set_date(2029, 3, 20);
		let new = draft_and_issue(follow_up(old, IssuingAct::Renewal, renew(2, None)));
		assert_eq!(record(new).body.valid_until, end_of(day(2031, 3, 9)));
		assert!(matches!(status(old), CertificateStatus::Superseded { .. }));
	});
}

/// Q14: when a pending renewal is refused after expiry, the certificate is queued again and the
/// sweep cancels and announces it (YX-R §23 ¶2).
#[test]
fn refused_renewal_after_expiry_leads_to_expiry_cancellation() {
	ExtBuilder::default().build_and_execute(|| {
		let old = issue_default(1);
		set_date(2029, 3, 1);
		assert_ok!(Certificate::set_renewal_pending(&old, true));
		run_to_day(day(2029, 3, 10), Weight::MAX);
		assert!(!is_queued(old));
		run_to_day(day(2029, 3, 12), Weight::MAX);
		assert_ok!(Certificate::set_renewal_pending(&old, false));
		assert_event(Event::RenewalPendingSet { code: old, pending: false });
		assert!(is_queued(old));
		// Queued for the next undrained day; `expire` would work at once.
		run_to_day(day(2029, 3, 13), Weight::MAX);
		assert!(matches!(
			status(old),
			CertificateStatus::Cancelled { reason: dengji_primitives::CancelReason::Expiry, .. }
		));
		assert_event(Event::CertificateExpiryAnnounced {
			code: old,
			registration: 1,
			valid_until: end_of(day(2029, 3, 9)),
		});
	});
}

/// Clearing a pending renewal before the queue day was drained keeps the single queue entry.
#[test]
fn cleared_renewal_before_expiry_keeps_single_queue_entry() {
	ExtBuilder::default().build_and_execute(|| {
		let old = issue_default(1);
		set_date(2029, 3, 1);
		assert_ok!(Certificate::set_renewal_pending(&old, true));
		assert_ok!(Certificate::set_renewal_pending(&old, false));
		let entries: usize = crate::ExpiryQueue::<Test>::iter_values()
			.map(|q| q.iter().filter(|c| **c == old).count())
			.sum();
		assert_eq!(entries, 1);
	});
}

/// Q14: a renewal still pending when a change is issued carries over to the new certificate, so
/// the renewal can be decided on it even after the (kept) expiry.
#[test]
fn pending_renewal_carries_over_to_change_issued_meanwhile() {
	ExtBuilder::default().build_and_execute(|| {
		let old = issue_default(1);
		set_date(2029, 2, 1);
		assert_ok!(Certificate::set_renewal_pending(&old, true));
		let changed = draft_and_issue(follow_up(old, IssuingAct::Change, Validity::KeepPrevious));
		assert!(RenewalsPending::<Test>::get(old).is_none());
		assert_eq!(RenewalsPending::<Test>::get(changed), Some(day(2029, 2, 1)));
		set_now(end_of(day(2029, 3, 9)) + 1);
		assert_noop!(
			Certificate::expire(RuntimeOrigin::signed(STRANGER), changed),
			Error::<Test>::RenewalPending
		);
		let renewed = draft_and_issue(follow_up(changed, IssuingAct::Renewal, renew(3, None)));
		assert!(RenewalsPending::<Test>::get(renewed).is_none());
		assert_eq!(record(renewed).body.valid_until, end_of(day(2032, 3, 9)));
	});
}

//! Validity counted from the day of issue (自发证之日起计算, YX-R §23 ¶1): a draft issued on a
//! later day than it was drafted is re-dated first, so a delayed issuance never shortens the
//! validity; a change keeps the original expiry (Q12), a renewal counts from the old expiry (Q14).

use super::*;
use crate::{DraftValidity, Drafts, Error};
use dengji_primitives::{
	certificate::{CertificateBody, IssuingAct, ObjectKind},
	traits::Validity,
};
use frame_support::{assert_noop, assert_ok};

fn redate(code: CertificateCode) -> sp_runtime::DispatchResult {
	Certificate::redate_draft(RuntimeOrigin::signed(CITY_OP), code)
}

fn issue_signed(body: &CertificateBody) -> sp_runtime::DispatchResult {
	Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(body, 1))
}

/// YX-R §23 ¶1: drafted on 2026-03-10, issued on 2026-03-20: the outdated draft is refused, an
/// operator re-dates it, and the certificate is valid three years from the day of issue. The
/// signature over the old dates no longer verifies; re-dating twice the same day is refused.
#[test]
fn validity_counts_from_the_day_of_issue() {
	ExtBuilder::default().build_and_execute(|| {
		let old = draft(request(1, city()));
		assert_eq!(old.valid_until, end_of(day(2029, 3, 9)));
		set_date(2026, 3, 20);
		assert_noop!(issue_signed(&old), Error::<Test>::DraftOutdated);
		assert_noop!(
			Certificate::redate_draft(RuntimeOrigin::signed(STRANGER), old.code),
			Error::<Test>::NotOperator
		);
		assert_ok!(redate(old.code));
		let body = Drafts::<Test>::get(old.code).unwrap();
		assert_eq!(body.issued_on, day(2026, 3, 20));
		assert_eq!(body.valid_until, end_of(day(2029, 3, 19)));
		assert_event(Event::DraftRedated {
			code: old.code,
			issued_on: day(2026, 3, 20),
			valid_until: end_of(day(2029, 3, 19)),
		});
		assert_noop!(redate(old.code), Error::<Test>::DraftCurrent);
		assert_noop!(issue_signed(&old), Error::<Test>::BadSignature);
		assert_ok!(issue_signed(&body));
		assert_eq!(record(old.code).body.valid_until, end_of(day(2029, 3, 19)));
		assert!(DraftValidity::<Test>::get(old.code).is_none());
		assert_noop!(redate(old.code), Error::<Test>::AlreadyIssued);
	});
}

/// YX-R §23 ¶1, Q13: re-dating a product keeps the cap by the authorised-operation term end.
#[test]
fn redated_product_stays_capped_by_ao_term() {
	ExtBuilder::default().build_and_execute(|| {
		let mut req = request(1, city());
		req.object = ObjectKind::DataProductOrService;
		req.validity = Validity::Fresh { ao_term_end: Some(end_of(day(2029, 3, 15))) };
		let old = draft(req);
		assert_eq!(old.valid_until, end_of(day(2029, 3, 9)));
		set_date(2026, 3, 20);
		assert_ok!(redate(old.code));
		assert_eq!(Drafts::<Test>::get(old.code).unwrap().valid_until, end_of(day(2029, 3, 15)));
	});
}

/// Q12, Q14: a change keeps the original expiry and a renewal counts from the old expiry,
/// whatever the day of issue.
#[test]
fn redated_change_and_renewal_keep_their_expiry() {
	ExtBuilder::default().build_and_execute(|| {
		let first = issue_default(1);
		let until = record(first).body.valid_until;
		let mut change = request(1, city());
		change.act = IssuingAct::Change;
		change.previous = Some(first);
		change.validity = Validity::KeepPrevious;
		let change = draft(change);
		set_date(2026, 4, 20);
		assert_ok!(redate(change.code));
		let change = Drafts::<Test>::get(change.code).unwrap();
		assert_eq!((change.issued_on, change.valid_until), (day(2026, 4, 20), until));
		assert_ok!(issue_signed(&change));

		let mut renewal = request(1, city());
		renewal.act = IssuingAct::Renewal;
		renewal.previous = Some(change.code);
		renewal.validity = Validity::Renew { years: 3, ao_term_end: None };
		set_date(2029, 2, 1);
		let renewal = draft(renewal);
		let renewed_until = renewal.valid_until;
		set_date(2029, 2, 5);
		assert_ok!(redate(renewal.code));
		assert_eq!(Drafts::<Test>::get(renewal.code).unwrap().valid_until, renewed_until);
	});
}

/// Unknown drafts and drafts made before the validity rules were stored cannot be re-dated; such
/// a legacy draft is still issued as drafted (not stranded by the runtime upgrade).
#[test]
fn redate_unknown_or_legacy_draft_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let unknown = CertificateCode::new(city(), 2026, 99).unwrap();
		assert_noop!(redate(unknown), Error::<Test>::DraftNotFound);
		let legacy = draft(request(1, city()));
		DraftValidity::<Test>::remove(legacy.code);
		set_date(2026, 3, 11);
		assert_noop!(redate(legacy.code), Error::<Test>::DraftNotRedatable);
		assert_ok!(issue_signed(&legacy));
		assert_eq!(record(legacy.code).body.valid_until, end_of(day(2029, 3, 9)));
	});
}

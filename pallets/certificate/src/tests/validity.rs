//! Validity on first issuance (YX-R §23 ¶1; Q13).

use super::*;
use dengji_primitives::{
	certificate::ObjectKind,
	traits::{CertificateLedger, LedgerError, Validity},
};

fn product(ao_term_end: Option<u64>) -> dengji_primitives::traits::DraftRequest {
	let mut req = request(1, city());
	req.object = ObjectKind::DataProductOrService;
	req.validity = Validity::Fresh { ao_term_end };
	req
}

/// YX-R §23 ¶1 "原则上有效期3年，自发证之日起计算": valid to the last instant of
/// (issue date + 3 years − 1 day) (Q13(c)).
#[test]
fn first_issue_is_valid_three_years_from_issue_date() {
	ExtBuilder::default().build_and_execute(|| {
		let code = issue_default(1);
		assert_eq!(record(code).body.valid_until, end_of(day(2029, 3, 9)));
	});
}

/// Q13(c): a certificate issued on 29 February: + 3 years is 28 February, so it is valid to the
/// end of 27 February.
#[test]
fn first_issue_on_29_february_is_valid_until_27_february() {
	ExtBuilder::default().start(2028, 2, 29).build_and_execute(|| {
		let code = issue_default(1);
		assert_eq!(record(code).body.issued_on, day(2028, 2, 29));
		assert_eq!(record(code).body.valid_until, end_of(day(2031, 2, 27)));
	});
}

/// YX-R §23 ¶1: a product/service certificate follows an operating term shorter than 3 years.
#[test]
fn product_validity_is_capped_by_ao_term_end() {
	ExtBuilder::default().build_and_execute(|| {
		let ao_end = end_of(day(2027, 6, 30));
		let code = draft_and_issue(product(Some(ao_end)));
		assert_eq!(record(code).body.valid_until, ao_end);
	});
}

/// YX-R §23 ¶1: an operating term longer than 3 years does not extend validity beyond 3 years.
#[test]
fn product_with_long_ao_term_is_valid_three_years() {
	ExtBuilder::default().build_and_execute(|| {
		let code = draft_and_issue(product(Some(end_of(day(2030, 12, 31)))));
		assert_eq!(record(code).body.valid_until, end_of(day(2029, 3, 9)));
	});
}

/// Q13(b): the AO cap applies to products and services only, not to resources.
#[test]
fn resource_validity_is_not_capped_by_ao_term() {
	ExtBuilder::default().build_and_execute(|| {
		let mut req = request(1, city());
		req.validity = Validity::Fresh { ao_term_end: Some(end_of(day(2027, 6, 30))) };
		let code = draft_and_issue(req);
		assert_eq!(record(code).body.valid_until, end_of(day(2029, 3, 9)));
	});
}

/// A product whose operating term already ended cannot be certified.
#[test]
fn product_with_ended_ao_term_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let ended = end_of(day(2026, 3, 9));
		assert_eq!(
			Certificate::draft(product(Some(ended))),
			Err(LedgerError::ValidityEndsBeforeIssue)
		);
	});
}

/// YX-R §23 ¶1 "电子凭证原则上有效期3年": on the data authority's recorded exception a first
/// certificate is valid for another number of years from the day of issue (shorter or longer).
#[test]
fn validity_exception_sets_years_other_than_three() {
	ExtBuilder::default().build_and_execute(|| {
		let mut req = request(1, city());
		req.validity = Validity::FreshFor { years: 1, ao_term_end: None };
		let code = draft_and_issue(req);
		assert_eq!(record(code).body.valid_until, end_of(day(2027, 3, 9)));
		let mut req = request(2, city());
		req.validity = Validity::FreshFor { years: 5, ao_term_end: None };
		let code = draft_and_issue(req);
		assert_eq!(record(code).body.valid_until, end_of(day(2031, 3, 9)));
	});
}

/// YX-R §23 ¶1: an exceptional validity of a product is still capped by its operating term.
#[test]
fn validity_exception_of_product_is_capped_by_ao_term_end() {
	ExtBuilder::default().build_and_execute(|| {
		let ao_end = end_of(day(2029, 6, 30));
		let mut req = product(Some(ao_end));
		req.validity = Validity::FreshFor { years: 5, ao_term_end: Some(ao_end) };
		let code = draft_and_issue(req);
		assert_eq!(record(code).body.valid_until, ao_end);
	});
}

/// YX-R §23 ¶1: an exceptional validity of 0 years or beyond the bound is refused.
#[test]
fn validity_exception_out_of_range_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		for years in [0, dengji_primitives::traits::MAX_VALIDITY_EXCEPTION_YEARS + 1] {
			let mut req = request(1, city());
			req.validity = Validity::FreshFor { years, ao_term_end: None };
			assert_eq!(Certificate::draft(req), Err(LedgerError::BadValidityTerm));
		}
	});
}

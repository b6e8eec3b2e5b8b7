//! Authorised-operation agreements (YX-AO §16–§17, §19, §35; YX-R §23; Q13, Q15).

use super::*;
use crate::{AgreementStatus, Agreements, Error, Registrations};
use codec::{Decode, Encode};
use dengji_primitives::{calendar::DAY_MS, BoundedName, ObjectKind};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn start_ms() -> u64 {
	noon(date(2026, 1, 1))
}

/// End of the day before the anniversary `years` after 2026-01-01.
fn end_after(years: u16) -> u64 {
	noon(date(2026 + years, 1, 1)) - DAY_MS / 2 - 1
}

/// An implementer name (at most `MAX_NAME_LEN` bytes).
fn name(raw: &[u8]) -> BoundedName {
	BoundedName::try_from(raw.to_vec()).expect("short test name")
}

fn record(operator: dengji_primitives::Uscc, term_end: u64) -> u64 {
	let id = crate::NextAgreementId::<Test>::get();
	assert_ok!(Registration::record_agreement(
		RuntimeOrigin::root(),
		name("玉溪市红塔区人民政府".as_bytes()),
		operator,
		start_ms(),
		term_end,
		[30u8; 32]
	));
	id
}

fn submit_product(agreement: Option<u64>) -> Result<(), sp_runtime::DispatchError> {
	Registration::submit_first_time(
		RuntimeOrigin::signed(SUBJECT),
		hongta(),
		subject(),
		ObjectKind::DataProductOrService,
		agreement,
		info("数据产品"),
	)
}

/// YX-AO §17(二): recorded by the data authority, term at most 5 years.
#[test]
fn record_agreement_by_authority_with_five_year_term() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(subject(), end_after(5));
		System::assert_has_event(
			Event::AgreementRecorded {
				agreement: id,
				operator: subject(),
				term_start: start_ms(),
				term_end: end_after(5),
			}
			.into(),
		);
		assert_eq!(Agreements::<Test>::get(id).unwrap().status, AgreementStatus::Active);
		assert_noop!(
			Registration::record_agreement(
				RuntimeOrigin::root(),
				name(b"x"),
				subject(),
				start_ms(),
				end_after(5) + 1,
				[0u8; 32]
			),
			Error::<Test>::AgreementTermTooLong
		);
		assert_noop!(
			Registration::record_agreement(
				RuntimeOrigin::root(),
				name(b"x"),
				subject(),
				start_ms(),
				start_ms() - 1,
				[0u8; 32]
			),
			Error::<Test>::AgreementTermInverted
		);
		assert_noop!(
			Registration::record_agreement(
				RuntimeOrigin::root(),
				name(b""),
				subject(),
				start_ms(),
				end_after(1),
				[0u8; 32]
			),
			Error::<Test>::BadImplementerName
		);
		// A name longer than `MAX_NAME_LEN` (128 bytes) is refused: the call does not decode.
		let encoded = |implementer: Vec<u8>| {
			let call = RuntimeCall::from(crate::Call::<Test>::record_agreement {
				implementer: name(b"x"),
				operator: subject(),
				term_start: start_ms(),
				term_end: end_after(1),
				document: [0u8; 32],
			});
			// Pallet and call index, then the arguments with `implementer` as a plain byte list.
			let mut bytes = call.encode()[..2].to_vec();
			(implementer, subject(), start_ms(), end_after(1), [0u8; 32]).encode_to(&mut bytes);
			bytes
		};
		assert!(RuntimeCall::decode(&mut &encoded(vec![b'a'; 128])[..]).is_ok());
		assert!(RuntimeCall::decode(&mut &encoded(vec![b'a'; 129])[..]).is_err());
	});
}

/// Only the data authority records and changes agreements.
#[test]
fn agreement_calls_by_signed_origin_are_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(subject(), end_after(2));
		assert_noop!(
			Registration::record_agreement(
				RuntimeOrigin::signed(CITY_OPERATOR),
				name(b"x"),
				subject(),
				start_ms(),
				end_after(1),
				[0u8; 32]
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registration::amend_agreement(
				RuntimeOrigin::signed(SUBJECT),
				id,
				start_ms(),
				end_after(1),
				[0u8; 32]
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registration::set_agreement_status(
				RuntimeOrigin::signed(SUBJECT),
				id,
				AgreementStatus::Terminated,
				[0u8; 32]
			),
			DispatchError::BadOrigin
		);
	});
}

/// YX-AO §17: amendments keep the 5-year cap; a terminated agreement is not amended.
#[test]
fn amend_agreement_changes_term() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(subject(), end_after(2));
		assert_ok!(Registration::amend_agreement(
			RuntimeOrigin::root(),
			id,
			start_ms(),
			end_after(3),
			[31u8; 32]
		));
		System::assert_has_event(
			Event::AgreementAmended {
				agreement: id,
				term_start: start_ms(),
				term_end: end_after(3),
			}
			.into(),
		);
		assert_noop!(
			Registration::amend_agreement(
				RuntimeOrigin::root(),
				id,
				start_ms(),
				end_after(6),
				[0u8; 32]
			),
			Error::<Test>::AgreementTermTooLong
		);
		assert_noop!(
			Registration::amend_agreement(
				RuntimeOrigin::root(),
				9,
				start_ms(),
				end_after(1),
				[0u8; 32]
			),
			Error::<Test>::AgreementNotFound
		);
		assert_ok!(Registration::set_agreement_status(
			RuntimeOrigin::root(),
			id,
			AgreementStatus::Terminated,
			[0u8; 32]
		));
		assert_noop!(
			Registration::amend_agreement(
				RuntimeOrigin::root(),
				id,
				start_ms(),
				end_after(1),
				[0u8; 32]
			),
			Error::<Test>::AgreementNotActive
		);
	});
}

/// docs/spec/requirements.md §5.3, YX-R §23: a product or service registration must reference an active
/// agreement whose operator is the subject; a resource references one only if it exists (YX-R §5).
#[test]
fn submit_product_requires_matching_active_agreement() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(submit_product(None), Error::<Test>::AgreementRequired);
		assert_noop!(submit_product(Some(7)), Error::<Test>::AgreementNotFound);
		let other = record(kunming_subject(), end_after(2));
		assert_noop!(submit_product(Some(other)), Error::<Test>::AgreementOperatorMismatch);
		let mine = record(subject(), end_after(2));
		// YX-R §5: a resource may reference the agreement that covers it, an existing one
		// (tests/joint.rs `resource_references_the_agreement_that_covers_it`).
		assert_noop!(
			Registration::submit_first_time(
				RuntimeOrigin::signed(SUBJECT),
				hongta(),
				subject(),
				ObjectKind::DataResource,
				Some(7),
				info("数据"),
			),
			Error::<Test>::AgreementNotFound
		);
		assert_ok!(Registration::set_agreement_status(
			RuntimeOrigin::root(),
			mine,
			AgreementStatus::Suspended,
			[0u8; 32]
		));
		assert_noop!(submit_product(Some(mine)), Error::<Test>::AgreementNotActive);
		assert_ok!(Registration::set_agreement_status(
			RuntimeOrigin::root(),
			mine,
			AgreementStatus::Active,
			[0u8; 32]
		));
		assert_ok!(submit_product(Some(mine)));
		// A term already over.
		let short = record(subject(), noon(date(2026, 2, 1)));
		assert_noop!(submit_product(Some(short)), Error::<Test>::AgreementTermOver);
	});
}

/// YX-R §23 ¶1, Q13: a product certificate is valid until min(issue + 3 years, AO term end).
#[test]
fn approve_product_caps_validity_at_agreement_term() {
	ExtBuilder::default().build_and_execute(|| {
		let term_end = end_after(2);
		let a = record(subject(), term_end);
		let id = next_application();
		assert_ok!(submit_product(Some(a)));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		run_to_day(publicity_end(id) + 1);
		assert_ok!(approve_as(COUNTY_OPERATOR, id));
		let reg = crate::Applications::<Test>::get(id).unwrap().registration.unwrap();
		let r = Registrations::<Test>::get(reg).unwrap();
		assert_eq!(r.agreement, Some(a));
		let draft = pallet_certificate::Drafts::<Test>::get(r.certificate).unwrap();
		assert_eq!(draft.valid_until, term_end);
		assert_eq!(crate::AgreementRegistrations::<Test>::get(a).to_vec(), vec![reg]);
	});
}

/// YX-AO §35, YX-AO §19, Q15: suspension and termination flag the registrations resting on the
/// agreement and never cancel them (the subject applies under YX-R §21(二)); approval of a product on a suspended agreement is refused.
#[test]
fn agreement_suspension_and_termination_flag_registrations() {
	ExtBuilder::default().build_and_execute(|| {
		let a = record(subject(), end_after(3));
		let id = next_application();
		assert_ok!(submit_product(Some(a)));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		run_to_day(publicity_end(id) + 1);
		assert_ok!(Registration::set_agreement_status(
			RuntimeOrigin::root(),
			a,
			AgreementStatus::Suspended,
			[1u8; 32]
		));
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::AgreementNotActive);
		assert_ok!(Registration::set_agreement_status(
			RuntimeOrigin::root(),
			a,
			AgreementStatus::Active,
			[1u8; 32]
		));
		assert_ok!(approve_as(COUNTY_OPERATOR, id));
		let reg = crate::Applications::<Test>::get(id).unwrap().registration.unwrap();
		assert_ok!(Registration::set_agreement_status(
			RuntimeOrigin::root(),
			a,
			AgreementStatus::Terminated,
			[2u8; 32]
		));
		let flags =
			crate::RegistrationFlags { agreement_suspended: false, agreement_terminated: true };
		System::assert_has_event(
			Event::RegistrationFlagged { registration: reg, agreement: a, flags }.into(),
		);
		System::assert_has_event(
			Event::AgreementStatusChanged {
				agreement: a,
				status: AgreementStatus::Terminated,
				document: [2u8; 32],
			}
			.into(),
		);
		let r = Registrations::<Test>::get(reg).unwrap();
		assert_eq!(r.flags, flags);
		assert_eq!(r.status, crate::RegistrationStatus::Active);
		assert_noop!(
			Registration::set_agreement_status(
				RuntimeOrigin::root(),
				a,
				AgreementStatus::Active,
				[0u8; 32]
			),
			Error::<Test>::AgreementTransitionNotAllowed
		);
		assert_noop!(
			Registration::set_agreement_status(
				RuntimeOrigin::root(),
				42,
				AgreementStatus::Active,
				[0u8; 32]
			),
			Error::<Test>::AgreementNotFound
		);
	});
}

/// YX-R §23 ¶2, Q14: the renewal term is matched to (capped by) the agreement's term end.
#[test]
fn renewal_of_product_is_capped_at_agreement_term() {
	ExtBuilder::default().build_and_execute(|| {
		let term_end = end_after(5);
		let a = record(subject(), term_end);
		let id = next_application();
		assert_ok!(submit_product(Some(a)));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		run_to_day(publicity_end(id) + 1);
		assert_ok!(approve_as(COUNTY_OPERATOR, id));
		let reg = crate::Applications::<Test>::get(id).unwrap().registration.unwrap();
		issue(Registrations::<Test>::get(reg).unwrap().certificate);
		// Expiry 2029-03-16; renew for 3 years → capped at the end of 2030-12-31.
		run_to_day(date(2029, 2, 1));
		let renewal = next_application();
		assert_ok!(Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), reg, 3, vec![]));
		assert_ok!(accept_as(COUNTY_OPERATOR, renewal));
		assert_ok!(approve_as(COUNTY_OPERATOR, renewal));
		let code = Registrations::<Test>::get(reg).unwrap().certificate;
		assert_eq!(pallet_certificate::Drafts::<Test>::get(code).unwrap().valid_until, term_end);
	});
}

/// Bounded: at most `MaxRegistrationsPerAgreement` registrations rest on one agreement, and the
/// place is taken at submission, so no product fails for want of one at approval after its
/// publicity has run (issue 10); a place comes back when an application ends unregistered.
#[test]
fn submit_beyond_agreement_capacity_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		MaxRegistrationsPerAgreement::set(1);
		let a = record(subject(), end_after(3));
		let first = next_application();
		assert_ok!(submit_product(Some(a)));
		assert_eq!(crate::AgreementOpenApplications::<Test>::get(a), 1);
		assert_noop!(submit_product(Some(a)), Error::<Test>::TooManyRegistrationsForAgreement);
		assert_ok!(Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), first));
		assert_eq!(crate::AgreementOpenApplications::<Test>::get(a), 0);
		let second = next_application();
		assert_ok!(submit_product(Some(a)));
		assert_ok!(accept_as(COUNTY_OPERATOR, second));
		assert_ok!(publish_as(COUNTY_OPERATOR, second));
		run_to_day(publicity_end(second) + 1);
		assert_ok!(approve_as(COUNTY_OPERATOR, second));
		assert_eq!(crate::AgreementOpenApplications::<Test>::get(a), 0);
		assert_eq!(crate::AgreementRegistrations::<Test>::get(a).len(), 1);
		assert_noop!(submit_product(Some(a)), Error::<Test>::TooManyRegistrationsForAgreement);
		MaxRegistrationsPerAgreement::set(8);
	});
}

/// YX-AO §17(二) "原则上最长不超过5年": the rule, and the data authority's exception recorded
/// with its reason (digest); an agreement with an exception may be amended beyond the rule, one
/// without may not.
#[test]
fn agreement_term_beyond_five_years_needs_recorded_exception() {
	ExtBuilder::default().build_and_execute(|| {
		let id = crate::NextAgreementId::<Test>::get();
		let with_exception = |origin: RuntimeOrigin, term_end: u64| {
			Registration::record_agreement_with_exception(
				origin,
				name("玉溪市红塔区人民政府".as_bytes()),
				subject(),
				start_ms(),
				term_end,
				[30u8; 32],
				[31u8; 32],
			)
		};
		assert_noop!(
			Registration::record_agreement(
				RuntimeOrigin::root(),
				name(b"x"),
				subject(),
				start_ms(),
				end_after(8),
				[30u8; 32]
			),
			Error::<Test>::AgreementTermTooLong
		);
		assert_noop!(
			with_exception(RuntimeOrigin::signed(SUBJECT), end_after(8)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			with_exception(RuntimeOrigin::root(), start_ms() - 1),
			Error::<Test>::AgreementTermInverted
		);
		assert_ok!(with_exception(RuntimeOrigin::root(), end_after(8)));
		System::assert_has_event(
			Event::AgreementTermException { agreement: id, reason: [31u8; 32] }.into(),
		);
		let a = Agreements::<Test>::get(id).unwrap();
		assert_eq!((a.term_end, a.term_exception), (end_after(8), Some([31u8; 32])));
		assert_ok!(Registration::amend_agreement(
			RuntimeOrigin::root(),
			id,
			start_ms(),
			end_after(10),
			[32u8; 32]
		));
		let rule = record(subject(), end_after(5));
		assert_noop!(
			Registration::amend_agreement(
				RuntimeOrigin::root(),
				rule,
				start_ms(),
				end_after(6),
				[32u8; 32]
			),
			Error::<Test>::AgreementTermTooLong
		);
	});
}

/// Registers a product under `a` (through publicity, approved, issued); returns the registration.
fn registered_product(a: u64) -> u64 {
	let id = next_application();
	assert_ok!(submit_product(Some(a)));
	assert_ok!(accept_as(COUNTY_OPERATOR, id));
	assert_ok!(publish_as(COUNTY_OPERATOR, id));
	run_to_day(publicity_end(id) + 1);
	assert_ok!(approve_as(COUNTY_OPERATOR, id));
	let app = crate::Applications::<Test>::get(id).unwrap();
	issue(app.certificate.unwrap());
	app.registration.unwrap()
}

/// YX-AO §35 suspends the operator's activity, not the correction of what is registered
/// (YX-R §20): an interested party's correction of a product proceeds on a suspended agreement;
/// the operator's own change waits for the agreement to resume (refused at submission, YX-R §19).
#[test]
fn correction_by_interested_party_proceeds_on_suspended_agreement() {
	ExtBuilder::default().build_and_execute(|| {
		let a = record(subject(), end_after(3));
		let reg = registered_product(a);
		assert_ok!(Registration::set_agreement_status(
			RuntimeOrigin::root(),
			a,
			AgreementStatus::Suspended,
			[1u8; 32]
		));
		let correction = next_application();
		assert_ok!(Registration::submit_correction(
			RuntimeOrigin::signed(OBJECTOR),
			reg,
			info("数据产品（更正）"),
			[21u8; 32]
		));
		assert_ok!(accept_as(COUNTY_OPERATOR, correction));
		// Q31: published once the subject responded.
		assert_ok!(respond_as_subject(correction));
		assert_ok!(publish_as(COUNTY_OPERATOR, correction));
		run_to_day(publicity_end(correction) + 1);
		assert_ok!(approve_as(COUNTY_OPERATOR, correction));
		issue(crate::Applications::<Test>::get(correction).unwrap().certificate.unwrap());
		assert_noop!(
			Registration::submit_change(
				RuntimeOrigin::signed(SUBJECT),
				reg,
				info("数据产品（变更）")
			),
			Error::<Test>::AgreementSuspended
		);
	});
}

/// YN-D §46 ¶2: a public-service organisation recorded by the data authority (with the digest of
/// the basis) registers its own products and services without an agreement; once removed, or
/// for any other subject, a product needs one again (at submission and at approval).
#[test]
fn public_service_product_without_agreement_is_registered() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(submit_product(None), Error::<Test>::AgreementRequired);
		assert_noop!(
			Registration::set_public_service(
				RuntimeOrigin::signed(SUBJECT),
				subject(),
				Some([5; 32])
			),
			DispatchError::BadOrigin
		);
		let unknown = uscc(b"12530402MB0000099");
		assert_noop!(
			Registration::set_public_service(RuntimeOrigin::root(), unknown, Some([5; 32])),
			Error::<Test>::UnknownSubject
		);
		assert_ok!(Registration::set_public_service(
			RuntimeOrigin::root(),
			subject(),
			Some([5; 32])
		));
		System::assert_has_event(
			Event::PublicServiceSet { subject: subject(), basis: Some([5; 32]) }.into(),
		);
		let id = next_application();
		assert_ok!(submit_product(None));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		run_to_day(publicity_end(id) + 1);
		assert_ok!(approve_as(COUNTY_OPERATOR, id));
		let reg = crate::Applications::<Test>::get(id).unwrap().registration.unwrap();
		let r = Registrations::<Test>::get(reg).unwrap();
		assert_eq!((r.object, r.agreement), (ObjectKind::DataProductOrService, None));
		// Removed before approval: the open application needs an agreement again.
		let second = next_application();
		assert_ok!(submit_product(None));
		assert_ok!(accept_as(COUNTY_OPERATOR, second));
		assert_ok!(publish_as(COUNTY_OPERATOR, second));
		assert_ok!(Registration::set_public_service(RuntimeOrigin::root(), subject(), None));
		System::assert_has_event(
			Event::PublicServiceSet { subject: subject(), basis: None }.into(),
		);
		run_to_day(publicity_end(second) + 1);
		assert_noop!(approve_as(COUNTY_OPERATOR, second), Error::<Test>::AgreementRequired);
		assert_noop!(submit_product(None), Error::<Test>::AgreementRequired);
	});
}

/// YX-R §23 ¶1: an operating term that ends during publicity leaves nothing to certify.
#[test]
fn approve_product_after_agreement_term_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let a = record(subject(), noon(date(2026, 3, 10)));
		let id = next_application();
		assert_ok!(submit_product(Some(a)));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		run_to_day(publicity_end(id) + 1);
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::AgreementTermOver);
	});
}

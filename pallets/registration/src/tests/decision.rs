//! Decisions per application type: first, change, correction, cancellation, renewal
//! (YX-R §19–§23, §17(四)(五); Q6, Q12, Q14, Q41).

use super::*;
use crate::{Applications, DisputeFlags, Error, RegistrationStatus, Registrations};
use dengji_primitives::{
	certificate::{CancelReason, CancellationGround},
	CertificateStatus,
};
use frame_support::{assert_noop, assert_ok, BoundedVec};

fn accept(id: u64) {
	assert_ok!(accept_as(COUNTY_OPERATOR, id));
}

/// Approves and, when a certificate was drafted, issues it as the institution would.
fn approve(id: u64) {
	assert_ok!(approve_as(COUNTY_OPERATOR, id));
	if let Some(code) = Applications::<Test>::get(id).unwrap().certificate {
		issue(code);
	}
}

fn certificate_of(reg: u64) -> dengji_primitives::CertificateCode {
	Registrations::<Test>::get(reg).unwrap().certificate
}

/// YX-R §22 ¶3, §23 ¶1: a first registration of a resource without objections is approved after
/// publicity; the certificate is drafted with 3 years' validity and a registration is created.
#[test]
fn approve_first_time_after_publicity_drafts_certificate() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, reg) = registered_default();
		let app = Applications::<Test>::get(id).unwrap();
		assert_eq!(app.state, crate::ApplicationState::Approved);
		let code = app.certificate.unwrap();
		assert_eq!(certificate_of(reg), code);
		let cert = certificate(&code);
		assert_eq!(cert.body.registration, reg);
		assert_eq!(cert.body.issuer, hongta());
		assert_eq!(cert.body.previous, None);
		// Issued 2026-03-17: valid to the end of 2029-03-16.
		assert_eq!(cert.body.valid_until, noon(date(2029, 3, 17)) - DAY / 2 - 1);
		assert_eq!(reg, 1, "registration numbers start at 1");
		let r = Registrations::<Test>::get(reg).unwrap();
		assert_eq!(r.status, RegistrationStatus::Active);
		assert_eq!(r.subject, subject());
		System::assert_has_event(
			Event::ApplicationApproved {
				application: id,
				registration: reg,
				certificate: Some(code),
				decision: [9u8; 32],
			}
			.into(),
		);
	});
}

const DAY: u64 = dengji_primitives::calendar::DAY_MS;

/// YX-R §17(四)(五), YX-R §17, Q41: a dispute flag blocks approval until cleared.
#[test]
fn approve_with_dispute_flag_is_blocked() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let flags = DisputeFlags { interested_party: false, ownership: true };
		assert_noop!(
			Registration::set_disputes(
				RuntimeOrigin::signed(KUNMING_OPERATOR),
				id,
				flags,
				[1u8; 32]
			),
			Error::<Test>::NotOperator
		);
		assert_ok!(Registration::set_disputes(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			flags,
			[1u8; 32]
		));
		System::assert_has_event(
			Event::DisputesSet { application: id, flags, evidence: [1u8; 32] }.into(),
		);
		run_to_day(publicity_end(id) + 1);
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::DisputePending);
		let flags = DisputeFlags { interested_party: true, ownership: false };
		assert_ok!(Registration::set_disputes(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			flags,
			[1u8; 32]
		));
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::DisputePending);
		assert_ok!(Registration::set_disputes(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			DisputeFlags::default(),
			[2u8; 32]
		));
		approve(id);
		assert_noop!(
			Registration::set_disputes(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				id,
				flags,
				[1u8; 32]
			),
			Error::<Test>::ApplicationClosed
		);
	});
}

/// Approval is the institution's act only.
#[test]
fn approve_by_wrong_operator_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		run_to_day(publicity_end(id) + 1);
		for who in [KUNMING_OPERATOR, SUBJECT, STRANGER] {
			assert_noop!(approve_as(who, id), Error::<Test>::NotOperator);
		}
		assert_noop!(approve_as(COUNTY_OPERATOR, 55), Error::<Test>::ApplicationNotFound);
	});
}

/// YX-R §19, Q6, Q12: a change goes through publicity and gets a new code keeping the original
/// expiry; the old certificate is superseded and the registration number is stable.
#[test]
fn change_happy_path_keeps_registration_and_expiry() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let old = certificate_of(reg);
		run_to_day(date(2026, 5, 11));
		let id = next_application();
		assert_ok!(Registration::submit_change(
			RuntimeOrigin::signed(AGENT),
			reg,
			info("企业登记信息v2")
		));
		assert_noop!(
			Registration::submit_change(RuntimeOrigin::signed(SUBJECT), reg, info("v3")),
			Error::<Test>::RegistrationBusy
		);
		accept(id);
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		System::assert_has_event(
			Event::PublicityOpened {
				application: id,
				institution: hongta(),
				subject_name: "玉溪市数据公司".as_bytes().to_vec().try_into().unwrap(),
				kind: crate::ApplicationKind::Change,
				data_name: "企业登记信息v2".as_bytes().to_vec().try_into().unwrap(),
				summary: BoundedVec::truncate_from(
					"全市企业登记数据，按日更新".as_bytes().to_vec(),
				),
				opened_on: date(2026, 5, 11),
				closes_on: date(2026, 5, 25),
				provisional: false,
			}
			.into(),
		);
		run_to_day(date(2026, 5, 26));
		approve(id);
		let new = certificate_of(reg);
		assert_ne!(new, old);
		let old_cert = certificate(&old);
		let new_cert = certificate(&new);
		assert_eq!(new_cert.body.valid_until, old_cert.body.valid_until);
		assert_eq!(new_cert.body.previous, Some(old));
		assert_eq!(new_cert.body.registration, reg);
		assert!(matches!(old_cert.status, CertificateStatus::Superseded { .. }));
		let r = Registrations::<Test>::get(reg).unwrap();
		assert_eq!(r.data_name.to_vec(), "企业登记信息v2".as_bytes().to_vec());
		assert_eq!(r.pending, None);
	});
}

/// YX-R §19: only the subject side applies for a change.
#[test]
fn change_by_stranger_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		assert_noop!(
			Registration::submit_change(RuntimeOrigin::signed(OBJECTOR), reg, info("v2")),
			Error::<Test>::NotSubjectOrAgent
		);
	});
}

/// YX-R §20: a real-name interested party may apply for a correction with evidence; it goes
/// through publicity (Q6) and keeps the expiry (Q12). The subject cannot withdraw it for them.
#[test]
fn correction_by_interested_party_is_approved_after_publicity() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let old = certificate_of(reg);
		let id = next_application();
		assert_ok!(Registration::submit_correction(
			RuntimeOrigin::signed(OBJECTOR),
			reg,
			info("企业登记信息（更正）"),
			[21u8; 32]
		));
		let app = Applications::<Test>::get(id).unwrap();
		assert_eq!(app.role, crate::ApplicantRole::InterestedParty);
		assert_eq!(app.request, crate::Request::Correction { evidence: [21u8; 32] });
		assert_noop!(
			Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), id),
			Error::<Test>::NotSubjectOrAgent
		);
		accept(id);
		// Q31: published once the subject responded.
		assert_ok!(respond_as_subject(id));
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		run_to_day(publicity_end(id) + 1);
		approve(id);
		let new = certificate(&certificate_of(reg));
		assert_eq!(new.body.act, dengji_primitives::certificate::IssuingAct::Correction);
		assert_eq!(new.body.valid_until, certificate(&old).body.valid_until);
	});
}

/// YX-R §20: a correction by someone who is neither the subject side nor real-name verified is rejected.
#[test]
fn correction_without_real_name_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		assert_noop!(
			Registration::submit_correction(
				RuntimeOrigin::signed(STRANGER),
				reg,
				info("x"),
				[1u8; 32]
			),
			Error::<Test>::NotRealName
		);
		// The subject may correct its own registration.
		assert_ok!(Registration::submit_correction(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			info("x"),
			[1u8; 32]
		));
	});
}

/// YX-R §21, Q6: cancellation has no publicity; approved within 10 WD of acceptance, it cancels
/// the certificate in the ledger and the registration stays readable as cancelled.
#[test]
fn cancellation_within_ten_working_days_cancels_certificate() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let code = certificate_of(reg);
		let id = next_application();
		assert_ok!(Registration::submit_cancellation(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			CancellationGround::RightsAbandonedOrExpired,
			vec![[5u8; 32]]
		));
		accept(id);
		// 10 WD from Tue 2026-03-17: Tue 2026-03-31.
		System::assert_has_event(
			Event::ApplicationAccepted {
				application: id,
				decide_by: date(2026, 3, 31),
				provisional: false,
			}
			.into(),
		);
		run_to_day(date(2026, 3, 31));
		approve(id);
		assert_eq!(supervision_events(), 0);
		assert_eq!(Registrations::<Test>::get(reg).unwrap().status, RegistrationStatus::Cancelled);
		assert!(matches!(
			certificate(&code).status,
			CertificateStatus::Cancelled {
				reason: CancelReason::OnApplication(CancellationGround::RightsAbandonedOrExpired),
				..
			}
		));
		System::assert_has_event(
			Event::RegistrationCancelled {
				registration: reg,
				application: id,
				ground: CancellationGround::RightsAbandonedOrExpired,
				certificate: code,
			}
			.into(),
		);
		assert_noop!(
			Registration::submit_change(RuntimeOrigin::signed(SUBJECT), reg, info("v2")),
			Error::<Test>::RegistrationNotActive
		);
	});
}

/// YX-R §21, §26(四): a cancellation not completed within 10 WD is reported, then still decided.
#[test]
fn cancellation_after_ten_working_days_is_reported() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let id = next_application();
		assert_ok!(Registration::submit_cancellation(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			CancellationGround::ResourceLost,
			vec![]
		));
		accept(id);
		run_to_day(date(2026, 4, 1));
		approve(id);
		System::assert_has_event(
			Event::InstitutionDeadlineMissed {
				institution: hongta(),
				application: id,
				objection: None,
				deadline: crate::TimerKind::Cancellation,
				due: date(2026, 3, 31),
				provisional: false,
			}
			.into(),
		);
	});
}

/// YX-R §21: bad materials on a cancellation are a typed error.
#[test]
fn cancellation_with_too_many_materials_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		assert_noop!(
			Registration::submit_cancellation(
				RuntimeOrigin::signed(SUBJECT),
				reg,
				CancellationGround::ResourceLost,
				vec![[0u8; 32]; 9]
			),
			Error::<Test>::TooManyMaterials
		);
	});
}

/// YX-R §23 ¶2: renewal only in the 60 days before expiry.
#[test]
fn renewal_outside_window_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		assert_noop!(
			Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), reg, 3, vec![]),
			Error::<Test>::OutsideRenewalWindow
		);
		for years in [0u8, 4] {
			assert_noop!(
				Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), reg, years, vec![]),
				Error::<Test>::BadRenewalTerm
			);
		}
		// Expired: the certificate is no longer valid.
		run_to_day(date(2029, 3, 17));
		assert_noop!(
			Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), reg, 3, vec![]),
			Error::<Test>::CertificateNotValid
		);
	});
}

/// YX-R §23 ¶2, Q14: renewal inside the window marks the certificate pending, skips publicity,
/// and approval drafts a certificate extended from the old expiry.
#[test]
fn renewal_inside_window_is_approved_without_publicity() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let old = certificate_of(reg);
		let old_until = certificate(&old).body.valid_until;
		// Expiry 2029-03-16; the window opens 60 days before.
		run_to_day(date(2029, 1, 16));
		let id = next_application();
		assert_ok!(Registration::submit_renewal(
			RuntimeOrigin::signed(AGENT),
			reg,
			2,
			vec![[6u8; 32]]
		));
		assert!(renewal_pending(&old), "renewal pending");
		accept(id);
		assert_noop!(publish_as(COUNTY_OPERATOR, id), Error::<Test>::NoPublicityForKind);
		approve(id);
		let new = certificate(&certificate_of(reg));
		assert_eq!(new.body.act, dengji_primitives::certificate::IssuingAct::Renewal);
		assert_eq!(new.body.previous, Some(old));
		// Two years from the old expiry: end of 2031-03-16.
		assert_eq!(new.body.valid_until, old_until + 730 * DAY);
	});
}

/// Q14: a withdrawn renewal clears the pending mark.
#[test]
fn renewal_withdrawn_clears_pending_mark() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let old = certificate_of(reg);
		run_to_day(date(2029, 2, 1));
		let id = next_application();
		assert_ok!(Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), reg, 3, vec![]));
		assert!(renewal_pending(&old));
		assert_ok!(Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), id));
		assert!(!renewal_pending(&old));
	});
}

/// YX-R §17(四)(五), Q41: a dispute recorded on a registration blocks approval of a change of it.
#[test]
fn change_of_disputed_registration_is_blocked() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let flags = DisputeFlags { interested_party: false, ownership: true };
		assert_noop!(
			Registration::set_registration_disputes(
				RuntimeOrigin::signed(KUNMING_OPERATOR),
				reg,
				flags,
				[1u8; 32]
			),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			Registration::set_registration_disputes(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				99,
				flags,
				[1u8; 32]
			),
			Error::<Test>::RegistrationNotFound
		);
		assert_ok!(Registration::set_registration_disputes(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			reg,
			flags,
			[1u8; 32]
		));
		System::assert_has_event(
			Event::RegistrationDisputesSet { registration: reg, flags, evidence: [1u8; 32] }.into(),
		);
		let id = next_application();
		assert_ok!(Registration::submit_change(RuntimeOrigin::signed(SUBJECT), reg, info("v2")));
		accept(id);
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		run_to_day(publicity_end(id) + 1);
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::DisputePending);
		assert_ok!(Registration::set_registration_disputes(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			reg,
			DisputeFlags::default(),
			[2u8; 32]
		));
		approve(id);
	});
}

/// YX-R §23 ¶2, Q14: a renewal filed inside the window keeps the certificate from expiry
/// cancellation until decided; approval after the old expiry still renews from the old expiry.
#[test]
fn renewal_decided_after_expiry_while_pending_is_approved() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let old = certificate_of(reg);
		let old_until = certificate(&old).body.valid_until;
		run_to_day(date(2029, 3, 1));
		let id = next_application();
		assert_ok!(Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), reg, 1, vec![]));
		accept(id);
		// Expiry (end of 2029-03-16) passes while the renewal is pending.
		run_to_day(date(2029, 3, 20));
		assert!(matches!(certificate(&old).status, CertificateStatus::Valid));
		approve(id);
		let new = certificate(&certificate_of(reg));
		assert_eq!(new.body.valid_until, old_until + 365 * DAY);
		assert!(matches!(certificate(&old).status, CertificateStatus::Superseded { .. }));
	});
}

/// YX-R §16 ¶2, Q14: a refused renewal clears the pending mark.
#[test]
fn renewal_refused_clears_pending_mark() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let old = certificate_of(reg);
		run_to_day(date(2029, 2, 1));
		let id = next_application();
		assert_ok!(Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), reg, 3, vec![]));
		accept(id);
		assert_ok!(Registration::refuse_registration(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			vec![crate::RefusalGround::OtherLegal],
			[3u8; 32]
		));
		assert!(!renewal_pending(&old));
		assert_eq!(Registrations::<Test>::get(reg).unwrap().pending, None);
	});
}

/// docs/spec/DESIGN.md §5, YX-R §26: a suspended institution cannot act, and nothing is filed with it.
#[test]
fn suspended_institution_cannot_act() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_ok!(Institutions::suspend_institution(RuntimeOrigin::root(), hongta()));
		assert_noop!(accept_as(COUNTY_OPERATOR, id), Error::<Test>::InstitutionNotActive);
		assert_noop!(
			Registration::submit_first_time(
				RuntimeOrigin::signed(SUBJECT),
				hongta(),
				subject(),
				dengji_primitives::ObjectKind::DataResource,
				None,
				info("数据"),
			),
			Error::<Test>::InstitutionNotActive
		);
	});
}

/// Every call needs a signed origin (agreement calls: the data authority).
#[test]
fn unsigned_calls_are_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		let none = || RuntimeOrigin::none();
		use sp_runtime::DispatchError::BadOrigin;
		assert_noop!(
			Registration::submit_first_time(
				none(),
				hongta(),
				subject(),
				dengji_primitives::ObjectKind::DataResource,
				None,
				info("数据"),
			),
			BadOrigin
		);
		assert_noop!(Registration::accept_application(none(), id), BadOrigin);
		assert_noop!(Registration::withdraw_application(none(), id), BadOrigin);
		assert_noop!(Registration::close_publicity(none(), id), BadOrigin);
		assert_noop!(Registration::expire_supplement(none(), id), BadOrigin);
		assert_noop!(Registration::expire_rebuttal(none(), 0), BadOrigin);
		assert_noop!(
			Registration::report_overdue(none(), crate::DueItem::Application(id)),
			BadOrigin
		);
		assert_noop!(Registration::lodge_objection(none(), id, [0u8; 32], [0u8; 32]), BadOrigin);
		assert_noop!(Registration::approve_application(none(), id, [0u8; 32]), BadOrigin);
	});
}

/// YX-R §23 ¶1 (validity from the day of issue), docs/spec/DESIGN.md §4: on an accelerated dev
/// clock (4-second "days", no legal days) an approved draft stays issuable for 24 real hours;
/// after that it is outdated and re-dated like on the legal clock.
#[test]
fn accelerated_clock_issues_draft_within_a_real_day() {
	ExtBuilder::default().build_and_execute(|| {
		let (a, b) = (published_default(), published_default());
		run_to_day(publicity_end(a) + 1);
		assert_ok!(approve_as(COUNTY_OPERATOR, a));
		assert_ok!(approve_as(COUNTY_OPERATOR, b));
		let now = pallet_timestamp::Now::<Test>::get();
		pallet_calendar::Clock::<Test>::put(dengji_primitives::calendar::ChainClock {
			origin_ms: now,
			origin_day: Calendar::today(),
			day_length_ms: 4_000,
		});
		pallet_timestamp::Now::<Test>::put(now + 10_000);
		issue(Applications::<Test>::get(a).unwrap().certificate.unwrap());
		pallet_timestamp::Now::<Test>::put(now + dengji_primitives::calendar::DAY_MS);
		let code = Applications::<Test>::get(b).unwrap().certificate.unwrap();
		let body = pallet_certificate::Drafts::<Test>::get(code).unwrap();
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(COUNTY_OPERATOR), code, sign(&body)),
			pallet_certificate::Error::<Test>::DraftOutdated
		);
		assert_ok!(Certificate::redate_draft(RuntimeOrigin::signed(COUNTY_OPERATOR), code));
		issue(code);
	});
}

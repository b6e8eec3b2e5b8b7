//! Submission, intake, deficiency notice, resubmission, withdrawal and refusal (YX-R §15–§18, §17).

use super::*;
use crate::{Applications, Error, RefusalGround, Registrations};
use dengji_primitives::ObjectKind;
use frame_support::{assert_noop, assert_ok};

/// YX-R §15, §16 ¶1: a first registration filed by the subject is `Submitted` with a 3 WD
/// acceptance clock from receipt (trigger day excluded, Q3).
#[test]
fn submit_first_time_by_subject_is_submitted() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_eq!(state(id), crate::ApplicationState::Submitted);
		System::assert_has_event(
			Event::ApplicationSubmitted {
				application: id,
				kind: crate::ApplicationKind::FirstTime,
				subject: subject(),
				institution: hongta(),
				registration: None,
				accept_by: date(2026, 3, 5),
				provisional: false,
			}
			.into(),
		);
	});
}

/// YX-R §18 ¶1(六): an agent with a power of attorney may apply for the subject.
#[test]
fn submit_first_time_by_agent_with_power_is_submitted() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Registration::submit_first_time(
			RuntimeOrigin::signed(AGENT),
			hongta(),
			subject(),
			ObjectKind::DataResource,
			None,
			info("数据"),
		));
	});
}

/// YX-R §18 ¶1(六): a power limited to rebuttals, an expired power, or none at all does not let
/// an account apply.
#[test]
fn submit_first_time_without_power_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [REBUT_AGENT, STRANGER, OBJECTOR] {
			assert_noop!(
				Registration::submit_first_time(
					RuntimeOrigin::signed(who),
					hongta(),
					subject(),
					ObjectKind::DataResource,
					None,
					info("数据"),
				),
				Error::<Test>::NotSubjectOrAgent
			);
		}
		// A power that has expired.
		grant_power(OBJECTOR_2, dengji_primitives::traits::AgentScope::All, date(2026, 3, 3));
		assert_ok!(Registration::submit_first_time(
			RuntimeOrigin::signed(OBJECTOR_2),
			hongta(),
			subject(),
			ObjectKind::DataResource,
			None,
			info("数据"),
		));
		run_to_day(date(2026, 3, 4));
		assert_noop!(
			Registration::submit_first_time(
				RuntimeOrigin::signed(OBJECTOR_2),
				hongta(),
				subject(),
				ObjectKind::DataResource,
				None,
				info("数据"),
			),
			Error::<Test>::NotSubjectOrAgent
		);
	});
}

/// docs/spec/DESIGN.md §5 (jurisdiction, Q16): the institution's division must contain the subject's seat;
/// the city institution covers its counties.
#[test]
fn submit_first_time_outside_jurisdiction_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Registration::submit_first_time(
				RuntimeOrigin::signed(SUBJECT),
				kunming(),
				subject(),
				ObjectKind::DataResource,
				None,
				info("数据"),
			),
			Error::<Test>::OutsideJurisdiction
		);
		assert_noop!(
			Registration::submit_first_time(
				RuntimeOrigin::signed(KUNMING_SUBJECT),
				hongta(),
				kunming_subject(),
				ObjectKind::DataResource,
				None,
				info("数据"),
			),
			Error::<Test>::OutsideJurisdiction
		);
		// The city institution's division contains Hongta county.
		assert_ok!(Registration::submit_first_time(
			RuntimeOrigin::signed(SUBJECT),
			yuxi(),
			subject(),
			ObjectKind::DataResource,
			None,
			info("数据"),
		));
	});
}

/// Unknown institution or subject: typed errors, no state change.
#[test]
fn submit_first_time_unknown_ids_are_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let nowhere = dengji_primitives::DivisionCode::new(530500).unwrap();
		assert_noop!(
			Registration::submit_first_time(
				RuntimeOrigin::signed(SUBJECT),
				nowhere,
				subject(),
				ObjectKind::DataResource,
				None,
				info("数据"),
			),
			Error::<Test>::UnknownInstitution
		);
		assert_noop!(
			Registration::submit_first_time(
				RuntimeOrigin::signed(SUBJECT),
				hongta(),
				uscc(b"91530402MA0000009"),
				ObjectKind::DataResource,
				None,
				info("数据"),
			),
			Error::<Test>::UnknownSubject
		);
		assert_noop!(
			Registration::submit_change(RuntimeOrigin::signed(SUBJECT), 42, info("数据")),
			Error::<Test>::RegistrationNotFound
		);
		assert_noop!(accept_as(COUNTY_OPERATOR, 42), Error::<Test>::ApplicationNotFound);
	});
}

/// YX-R §12, docs/spec/DESIGN.md §6: the basic information goes on chain only as bounded public fields
/// (YX-R §12(一) data name, summary) and material digests; oversized or malformed input is a
/// typed error and changes nothing.
#[test]
fn submit_first_time_bad_input_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let submit = |i: crate::BasicInfoInput| {
			Registration::submit_first_time(
				RuntimeOrigin::signed(SUBJECT),
				hongta(),
				subject(),
				ObjectKind::DataResource,
				None,
				i,
			)
		};
		let mut i = info("");
		assert_noop!(submit(i.clone()), Error::<Test>::EmptyDataName);
		i.data_name = vec![b'a'; 129];
		assert_noop!(submit(i.clone()), Error::<Test>::DataNameTooLong);
		i.data_name = vec![0xff, 0xfe];
		assert_noop!(submit(i.clone()), Error::<Test>::InvalidUtf8);
		let mut i = info("数据");
		i.summary = vec![];
		assert_noop!(submit(i.clone()), Error::<Test>::EmptySummary);
		i.summary = vec![b'a'; 513];
		assert_noop!(submit(i.clone()), Error::<Test>::SummaryTooLong);
		let mut i = info("数据");
		i.materials = vec![[0u8; 32]; 9];
		assert_noop!(submit(i), Error::<Test>::TooManyMaterials);
		// The bounds themselves are accepted.
		let mut i = info("数据");
		i.data_name = vec![b'a'; 128];
		i.summary = vec![b'a'; 512];
		i.materials = vec![[0u8; 32]; 8];
		assert_ok!(submit(i));
	});
}

/// YX-R §16 ¶1: acceptance within 3 WD starts the 20 WD review clock from the acceptance date.
#[test]
fn accept_within_three_working_days_starts_review() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		run_to_day(date(2026, 3, 5));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_eq!(state(id), crate::ApplicationState::UnderReview);
		// 20 WD from Thu 2026-03-05: Fri 6 (1) … Thu 2026-04-02 (20).
		System::assert_has_event(
			Event::ApplicationAccepted {
				application: id,
				decide_by: date(2026, 4, 2),
				provisional: false,
			}
			.into(),
		);
		assert_eq!(supervision_events(), 0);
		assert_noop!(accept_as(COUNTY_OPERATOR, id), Error::<Test>::NotSubmitted);
	});
}

/// docs/spec/DESIGN.md §5: only operators of the institution the application is filed with act on it.
#[test]
fn accept_by_wrong_operator_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		for who in [KUNMING_OPERATOR, CITY_OPERATOR, SUBJECT, STRANGER] {
			assert_noop!(accept_as(who, id), Error::<Test>::NotOperator);
			assert_noop!(
				Registration::refuse_acceptance(RuntimeOrigin::signed(who), id, [0u8; 32]),
				Error::<Test>::NotOperator
			);
			assert_noop!(
				Registration::request_supplement(RuntimeOrigin::signed(who), id, [0u8; 32]),
				Error::<Test>::NotOperator
			);
		}
	});
}

/// Q17, YX-R §26: after the county institution is disqualified, the city institution takes over
/// its cases and the county operators lose write authority.
#[test]
fn accept_after_takeover_is_done_by_city_institution() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		take_over(hongta(), yuxi());
		assert_noop!(accept_as(COUNTY_OPERATOR, id), Error::<Test>::NotOperator);
		assert_ok!(accept_as(CITY_OPERATOR, id));
	});
}

/// YX-R §16 ¶2: non-acceptance records its reasons and ends the application.
#[test]
fn refuse_acceptance_records_reasons() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_ok!(Registration::refuse_acceptance(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[5u8; 32]
		));
		assert_eq!(state(id), crate::ApplicationState::NotAccepted);
		assert_eq!(Applications::<Test>::get(id).unwrap().decision, Some([5u8; 32]));
		System::assert_has_event(
			Event::AcceptanceRefused { application: id, reasons: [5u8; 32] }.into(),
		);
		assert_noop!(
			Registration::refuse_acceptance(RuntimeOrigin::signed(COUNTY_OPERATOR), id, [5u8; 32]),
			Error::<Test>::NotSubmitted
		);
	});
}

/// YX-R §16 ¶2: the one-time deficiency notice gives the subject 10 WD; resubmission restarts
/// the 3 WD acceptance clock "从重新提交申请之日起".
#[test]
fn request_supplement_then_resubmit_restarts_acceptance_clock() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_ok!(Registration::request_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[4u8; 32]
		));
		assert_eq!(state(id), crate::ApplicationState::SupplementRequested);
		System::assert_has_event(
			Event::SupplementRequested {
				application: id,
				notice: [4u8; 32],
				resubmit_by: date(2026, 3, 16),
				provisional: false,
			}
			.into(),
		);
		// A second notice on the same submission is impossible (Q5).
		assert_noop!(
			Registration::request_supplement(RuntimeOrigin::signed(COUNTY_OPERATOR), id, [4u8; 32]),
			Error::<Test>::SupplementNotAllowed
		);
		assert_noop!(accept_as(COUNTY_OPERATOR, id), Error::<Test>::NotSubmitted);
		// Deadline met: the last day, Mon 2026-03-16.
		run_to_day(date(2026, 3, 16));
		assert_ok!(Registration::resubmit_application(
			RuntimeOrigin::signed(AGENT),
			id,
			info("企业登记信息（补正）")
		));
		assert_eq!(state(id), crate::ApplicationState::Submitted);
		System::assert_has_event(
			Event::ApplicationResubmitted {
				application: id,
				accept_by: date(2026, 3, 19),
				provisional: false,
			}
			.into(),
		);
		let app = Applications::<Test>::get(id).unwrap();
		assert_eq!(app.submissions, 2);
		assert_eq!(app.info.data_name.to_vec(), "企业登记信息（补正）".as_bytes().to_vec());
		// The new submission may receive its own notice.
		assert_ok!(Registration::request_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[6u8; 32]
		));
	});
}

/// Q5: the one deficiency notice may also be issued in review; resubmission goes back to
/// `Submitted`, so both the acceptance and the review clock restart.
#[test]
fn request_supplement_in_review_restarts_both_clocks() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		run_to_day(date(2026, 3, 10));
		assert_ok!(Registration::request_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[4u8; 32]
		));
		assert_ok!(Registration::resubmit_application(
			RuntimeOrigin::signed(SUBJECT),
			id,
			info("数据")
		));
		assert_eq!(state(id), crate::ApplicationState::Submitted);
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		System::assert_has_event(
			Event::ApplicationAccepted {
				application: id,
				decide_by: date(2026, 4, 8),
				provisional: false,
			}
			.into(),
		);
	});
}

/// YX-R §16 ¶2: only the applicant side resubmits, and only when a supplement is awaited.
#[test]
fn resubmit_by_wrong_party_or_state_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_noop!(
			Registration::resubmit_application(RuntimeOrigin::signed(SUBJECT), id, info("数据")),
			Error::<Test>::NotAwaitingSupplement
		);
		assert_ok!(Registration::request_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[4u8; 32]
		));
		for who in [STRANGER, REBUT_AGENT, COUNTY_OPERATOR] {
			assert_noop!(
				Registration::resubmit_application(RuntimeOrigin::signed(who), id, info("数据")),
				Error::<Test>::NotSubjectOrAgent
			);
		}
		assert_noop!(
			Registration::resubmit_application(RuntimeOrigin::signed(SUBJECT), id, info("")),
			Error::<Test>::EmptyDataName
		);
	});
}

/// YX-R §16 ¶2: no resubmission within 10 WD → deemed withdrawn (视为撤回), on chain, without any
/// sweep: the lazy check refuses a late resubmission and `expire_supplement` records it for free.
#[test]
fn resubmit_after_supplement_period_is_deemed_withdrawn() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_ok!(Registration::request_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[4u8; 32]
		));
		assert_noop!(
			Registration::expire_supplement(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::SupplementNotOverdue
		);
		run_to_day(date(2026, 3, 17));
		assert_noop!(
			Registration::resubmit_application(RuntimeOrigin::signed(SUBJECT), id, info("数据")),
			Error::<Test>::SupplementPeriodOver
		);
		let post = Registration::expire_supplement(RuntimeOrigin::signed(STRANGER), id).unwrap();
		assert_eq!(post.pays_fee, frame_support::dispatch::Pays::No);
		assert_eq!(state(id), crate::ApplicationState::DeemedWithdrawn);
		System::assert_has_event(Event::ApplicationDeemedWithdrawn { application: id }.into());
		assert_noop!(
			Registration::expire_supplement(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::NotAwaitingSupplement
		);
		assert_noop!(
			Registration::expire_supplement(RuntimeOrigin::signed(STRANGER), 99),
			Error::<Test>::ApplicationNotFound
		);
	});
}

/// YX-R §16 ¶2, Q28: a justified reason (正当理由) accepted by the institution extends the period once.
#[test]
fn extend_supplement_with_justified_reason_extends_once() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_noop!(
			Registration::extend_supplement(RuntimeOrigin::signed(COUNTY_OPERATOR), id, [8u8; 32]),
			Error::<Test>::NotAwaitingSupplement
		);
		assert_ok!(Registration::request_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[4u8; 32]
		));
		assert_noop!(
			Registration::extend_supplement(RuntimeOrigin::signed(SUBJECT), id, [8u8; 32]),
			Error::<Test>::NotOperator
		);
		assert_ok!(Registration::extend_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[8u8; 32]
		));
		// 10 WD after Mon 2026-03-16: Mon 2026-03-30.
		System::assert_has_event(
			Event::SupplementExtended {
				application: id,
				reason: [8u8; 32],
				resubmit_by: date(2026, 3, 30),
				provisional: false,
			}
			.into(),
		);
		assert_noop!(
			Registration::extend_supplement(RuntimeOrigin::signed(COUNTY_OPERATOR), id, [8u8; 32]),
			Error::<Test>::SupplementAlreadyExtended
		);
		run_to_day(date(2026, 3, 30));
		assert_ok!(Registration::resubmit_application(
			RuntimeOrigin::signed(SUBJECT),
			id,
			info("数据")
		));
	});
}

/// YX-R §16 ¶2 "无正当理由逾期…视为撤回": only an unjustified lapse is a withdrawal. Without a
/// reason the late resubmission is refused and the application is deemed withdrawn; a justified
/// reason (正当理由) the institution records after the lapse (digest) reinstates it for a new
/// supplement period from that day, and the late resubmission is accepted.
#[test]
fn late_resubmission_with_justified_reason_is_accepted() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_ok!(Registration::request_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[4u8; 32]
		));
		// Resubmit by Mon 2026-03-16; on Tue 2026-03-17 the period has lapsed.
		run_to_day(date(2026, 3, 17));
		assert_noop!(
			Registration::resubmit_application(RuntimeOrigin::signed(SUBJECT), id, info("数据")),
			Error::<Test>::SupplementPeriodOver
		);
		sweep();
		assert_eq!(state(id), crate::ApplicationState::DeemedWithdrawn);
		assert_noop!(
			Registration::extend_supplement(RuntimeOrigin::signed(SUBJECT), id, [8u8; 32]),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			Registration::extend_supplement(RuntimeOrigin::signed(COUNTY_OPERATOR), 99, [8u8; 32]),
			Error::<Test>::ApplicationNotFound
		);
		assert_ok!(Registration::extend_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[8u8; 32]
		));
		// 10 WD after Tue 2026-03-17: Tue 2026-03-31.
		System::assert_has_event(
			Event::ApplicationReinstated {
				application: id,
				reason: [8u8; 32],
				resubmit_by: date(2026, 3, 31),
				provisional: false,
			}
			.into(),
		);
		let app = crate::Applications::<Test>::get(id).unwrap();
		assert_eq!(app.state, crate::ApplicationState::SupplementRequested);
		assert_eq!(app.justified_reason, Some([8u8; 32]));
		// One justified reason per deficiency notice.
		assert_noop!(
			Registration::extend_supplement(RuntimeOrigin::signed(COUNTY_OPERATOR), id, [8u8; 32]),
			Error::<Test>::SupplementAlreadyExtended
		);
		run_to_day(date(2026, 3, 31));
		assert_ok!(Registration::resubmit_application(
			RuntimeOrigin::signed(SUBJECT),
			id,
			info("数据")
		));
		assert_eq!(state(id), crate::ApplicationState::Submitted);
	});
}

/// YX-R §16 ¶2: the reinstated period runs like the first; lapsing again without a (second)
/// justified reason is a withdrawal for good.
#[test]
fn reinstated_supplement_period_lapses_again_without_reason() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_ok!(Registration::request_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[4u8; 32]
		));
		run_to_day(date(2026, 3, 17));
		assert_ok!(Registration::extend_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[8u8; 32]
		));
		run_to_day(date(2026, 4, 1));
		assert_noop!(
			Registration::resubmit_application(RuntimeOrigin::signed(SUBJECT), id, info("数据")),
			Error::<Test>::SupplementPeriodOver
		);
		assert_ok!(Registration::expire_supplement(RuntimeOrigin::signed(STRANGER), id));
		assert_eq!(state(id), crate::ApplicationState::DeemedWithdrawn);
		assert_noop!(
			Registration::extend_supplement(RuntimeOrigin::signed(COUNTY_OPERATOR), id, [8u8; 32]),
			Error::<Test>::SupplementAlreadyExtended
		);
	});
}

/// YX-R §16 ¶2, §19: a reinstated change takes its registration back, so only while no other
/// change or correction has been filed on it meanwhile (one at a time).
#[test]
fn reinstated_change_needs_its_registration_free() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let change = next_application();
		assert_ok!(Registration::submit_change(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			info("企业登记信息（变更）")
		));
		assert_ok!(Registration::request_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			change,
			[4u8; 32]
		));
		let due = crate::Applications::<Test>::get(change).unwrap().timer.unwrap().deadline.due;
		run_to_day(due + 1);
		sweep();
		assert_eq!(state(change), crate::ApplicationState::DeemedWithdrawn);
		assert_eq!(crate::Registrations::<Test>::get(reg).unwrap().pending, None);
		let other = next_application();
		assert_ok!(Registration::submit_change(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			info("企业登记信息（再变更）")
		));
		assert_noop!(
			Registration::extend_supplement(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				change,
				[8u8; 32]
			),
			Error::<Test>::RegistrationBusy
		);
		assert_ok!(Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), other));
		assert_ok!(Registration::extend_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			change,
			[8u8; 32]
		));
		assert_eq!(crate::Registrations::<Test>::get(reg).unwrap().pending, Some(change));
	});
}

/// YX-R §18 ¶2, Q7: withdrawal before publicity from every pre-publicity state, effective when
/// recorded; not once publicity has started.
#[test]
fn withdraw_before_publicity_is_withdrawn() {
	ExtBuilder::default().build_and_execute(|| {
		let a = submit_default();
		assert_ok!(Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), a));
		assert_eq!(state(a), crate::ApplicationState::Withdrawn);
		System::assert_has_event(Event::ApplicationWithdrawn { application: a }.into());

		let b = submit_default();
		assert_ok!(Registration::request_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			b,
			[4u8; 32]
		));
		assert_ok!(Registration::withdraw_application(RuntimeOrigin::signed(AGENT), b));

		let c = submit_default();
		assert_ok!(accept_as(COUNTY_OPERATOR, c));
		assert_noop!(
			Registration::withdraw_application(RuntimeOrigin::signed(STRANGER), c),
			Error::<Test>::NotSubjectOrAgent
		);
		assert_ok!(Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), c));
		assert_noop!(
			Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), c),
			Error::<Test>::NotWithdrawable
		);
	});
}

/// YX-R §18 ¶2, Q7: no withdrawal once publicity has started.
#[test]
fn withdraw_in_publicity_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		assert_noop!(
			Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), id),
			Error::<Test>::NotWithdrawable
		);
	});
}

/// Q7: withdrawal covers change registrations too, and frees the registration.
#[test]
fn withdraw_change_application_frees_registration() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let id = next_application();
		assert_ok!(Registration::submit_change(RuntimeOrigin::signed(SUBJECT), reg, info("新名")));
		assert_eq!(Registrations::<Test>::get(reg).unwrap().pending, Some(id));
		assert_ok!(Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), id));
		assert_eq!(Registrations::<Test>::get(reg).unwrap().pending, None);
	});
}

/// YX-R §16 ¶2, §17, §13: refusal after review records typed grounds and the decision digest.
#[test]
fn refuse_registration_records_grounds() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_noop!(
			Registration::refuse_registration(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				id,
				vec![RefusalGround::PublicOrder],
				[3u8; 32]
			),
			Error::<Test>::NotUnderReview
		);
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_noop!(
			Registration::refuse_registration(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				id,
				vec![],
				[3u8; 32]
			),
			Error::<Test>::NoRefusalGround
		);
		assert_noop!(
			Registration::refuse_registration(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				id,
				vec![RefusalGround::OwnershipDispute, RefusalGround::OwnershipDispute],
				[3u8; 32]
			),
			Error::<Test>::DuplicateRefusalGround
		);
		assert_noop!(
			Registration::refuse_registration(
				RuntimeOrigin::signed(KUNMING_OPERATOR),
				id,
				vec![RefusalGround::PublicOrder],
				[3u8; 32]
			),
			Error::<Test>::NotOperator
		);
		let all = vec![
			RefusalGround::CoreDataOrSecrets,
			RefusalGround::PublicOrder,
			RefusalGround::UnlawfulSource,
			RefusalGround::InterestedPartyDisagrees,
			RefusalGround::OwnershipDispute,
			RefusalGround::ObjectionUpheld,
			RefusalGround::OtherLegal,
			RefusalGround::NonCompliant,
			RefusalGround::QualityDefect,
			RefusalGround::StateOrWorkSecret,
		];
		assert_ok!(Registration::refuse_registration(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			all.clone(),
			[3u8; 32]
		));
		assert_eq!(state(id), crate::ApplicationState::Refused);
		System::assert_has_event(
			Event::RegistrationRefused {
				application: id,
				grounds: all.try_into().unwrap(),
				decision: [3u8; 32],
			}
			.into(),
		);
	});
}

/// YX-R §16 ¶2, §21: a cancellation is resubmitted with its materials only (no publicity, so no
/// summary is needed).
#[test]
fn resubmit_cancellation_without_summary_is_submitted() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let id = next_application();
		assert_ok!(Registration::submit_cancellation(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			dengji_primitives::certificate::CancellationGround::ResourceLost,
			vec![]
		));
		assert_ok!(Registration::request_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[4u8; 32]
		));
		let mut i = info("企业登记信息");
		i.summary = vec![];
		assert_ok!(Registration::resubmit_application(RuntimeOrigin::signed(SUBJECT), id, i));
		assert_eq!(state(id), crate::ApplicationState::Submitted);
	});
}

/// Nothing is filed with a suspended institution, on a registration either.
#[test]
fn submit_change_with_suspended_institution_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		assert_ok!(Institutions::suspend_institution(RuntimeOrigin::root(), hongta()));
		assert_noop!(
			Registration::submit_change(RuntimeOrigin::signed(SUBJECT), reg, info("v2")),
			Error::<Test>::InstitutionNotActive
		);
	});
}

//! Objections (异议, YX-R §22 ¶2–3; docs/spec/requirements.md §2.5; Q9, Q10).

use super::*;
use crate::{Applications, Error, ObjectionState, Objections};
use frame_support::{assert_noop, assert_ok, dispatch::Pays};

fn lodge(app: u64, who: u64) -> u64 {
	let id = crate::NextObjectionId::<Test>::get();
	assert_ok!(Registration::lodge_objection(
		RuntimeOrigin::signed(who),
		app,
		[11u8; 32],
		[12u8; 32]
	));
	id
}

fn objection_state(id: u64) -> ObjectionState {
	Objections::<Test>::get(id).unwrap().state
}

/// YX-R §22 ¶2, Q10(d): objections only during publicity; before and after are typed errors.
#[test]
fn objection_before_during_after_publicity() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_noop!(lodge_as(OBJECTOR, id), Error::<Test>::PublicityNotOpen);
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_noop!(lodge_as(OBJECTOR, id), Error::<Test>::PublicityNotOpen);
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		// On the publicity date itself.
		let first = lodge(id, OBJECTOR);
		System::assert_has_event(
			Event::ObjectionLodged {
				objection: first,
				application: id,
				objector: OBJECTOR,
				forward_by: date(2026, 3, 5),
				provisional: false,
			}
			.into(),
		);
		// On the last day.
		run_to_day(publicity_end(id));
		lodge(id, OBJECTOR_2);
		run_to_day(publicity_end(id) + 1);
		assert_noop!(lodge_as(OBJECTOR, id), Error::<Test>::PublicityOver);
	});
}

/// YX-R §22 ¶2: only real-name participants object ("实名").
#[test]
fn objection_without_real_name_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		assert_noop!(lodge_as(STRANGER, id), Error::<Test>::NotRealName);
		assert_noop!(lodge_as(OBJECTOR, 99), Error::<Test>::ApplicationNotFound);
	});
}

/// Q6, YX-R §21: no objections to a cancellation (it has no publicity).
#[test]
fn objection_to_cancellation_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let id = next_application();
		assert_ok!(Registration::submit_cancellation(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			dengji_primitives::certificate::CancellationGround::SubjectCeased,
			vec![]
		));
		assert_noop!(lodge_as(OBJECTOR, id), Error::<Test>::NoPublicityForKind);
	});
}

/// Q10(c), YX-R §22 ¶2: several objections, each its own sub-machine; the number of objections
/// is not capped (before issue 10 the fifth objection was refused here), only one objector's
/// open objections are bounded by `MaxObjections` (4 in the mock), and a decided one frees room.
#[test]
fn several_objections_are_independent_and_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let a = lodge(id, OBJECTOR);
		let b = lodge(id, OBJECTOR_2);
		let c = lodge(id, OBJECTOR);
		let d = lodge(id, OBJECTOR_2);
		lodge(id, OBJECTOR);
		lodge(id, OBJECTOR);
		assert_noop!(lodge_as(OBJECTOR, id), Error::<Test>::TooManyObjections);
		// Another real-name objector is never refused for the others' objections.
		lodge(id, OBJECTOR_2);
		assert_ok!(forward_as(COUNTY_OPERATOR, a));
		assert_ok!(forward_as(COUNTY_OPERATOR, b));
		assert_ok!(Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), a, [13u8; 32]));
		assert_eq!(objection_state(a), ObjectionState::Rebutted);
		assert_eq!(objection_state(b), ObjectionState::Forwarded);
		assert_eq!(objection_state(c), ObjectionState::Lodged);
		assert_ok!(Registration::decide_objection(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			a,
			false,
			[14u8; 32]
		));
		assert_eq!(objection_state(d), ObjectionState::Lodged);
		let app = Applications::<Test>::get(id).unwrap();
		assert_eq!((app.objections, app.open_objections), (7, 6));
		// `a` decided: OBJECTOR has three open objections and may object again.
		lodge(id, OBJECTOR);
		assert_eq!(crate::OpenObjectionsBy::<Test>::get(id, OBJECTOR), 4);
		assert_eq!(crate::ApplicationObjections::<Test>::iter_key_prefix(id).count(), 8);
	});
}

/// YX-R §22 ¶2 ("将异议处理结果反馈异议双方"): the outcome is notified to the subject and to
/// the objector, each notice recorded with its time.
#[test]
fn outcome_notified_to_subject_and_objector_with_time() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let o = lodge(id, OBJECTOR);
		assert_ok!(forward_as(COUNTY_OPERATOR, o));
		assert_ok!(Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), o, [13u8; 32]));
		let obj = Objections::<Test>::get(o).unwrap();
		assert_eq!((obj.notified_at, obj.objector_notified_at), (None, None));
		let at = pallet_timestamp::Now::<Test>::get();
		assert_ok!(Registration::decide_objection(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			o,
			false,
			[14u8; 32]
		));
		let obj = Objections::<Test>::get(o).unwrap();
		assert_eq!((obj.notified_at, obj.objector_notified_at), (Some(at), Some(at)));
		System::assert_has_event(
			Event::OutcomeNotified {
				objection: o,
				party: crate::NoticeParty::Subject(subject()),
				at,
			}
			.into(),
		);
		System::assert_has_event(
			Event::OutcomeNotified {
				objection: o,
				party: crate::NoticeParty::Objector(OBJECTOR),
				at,
			}
			.into(),
		);
		assert_eq!(crate::OpenObjectionsBy::<Test>::get(id, OBJECTOR), 0);
	});
}

/// Q10(b): after one objection is dismissed, another may still be lodged while publicity runs.
#[test]
fn objection_after_dismissal_during_publicity_is_accepted() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let a = lodge(id, OBJECTOR);
		assert_ok!(forward_as(COUNTY_OPERATOR, a));
		assert_ok!(Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), a, [13u8; 32]));
		assert_ok!(Registration::decide_objection(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			a,
			false,
			[14u8; 32]
		));
		run_to_day(date(2026, 3, 10));
		lodge(id, OBJECTOR_2);
	});
}

/// YX-R §22 ¶2: forwarding within 3 WD is on time and records the subject's receipt, which
/// starts the 10 WD rebuttal clock.
#[test]
fn forward_within_three_working_days_starts_rebuttal_clock() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let o = lodge(id, OBJECTOR);
		run_to_day(date(2026, 3, 5));
		assert_noop!(forward_as(KUNMING_OPERATOR, o), Error::<Test>::NotOperator);
		assert_ok!(forward_as(COUNTY_OPERATOR, o));
		assert_eq!(Objections::<Test>::get(o).unwrap().received_on, Some(date(2026, 3, 5)));
		// 10 WD from Thu 2026-03-05: Thu 2026-03-19.
		System::assert_has_event(
			Event::ObjectionForwarded {
				objection: o,
				rebut_by: date(2026, 3, 19),
				provisional: false,
			}
			.into(),
		);
		assert_eq!(supervision_events(), 0);
		assert_noop!(forward_as(COUNTY_OPERATOR, o), Error::<Test>::ObjectionNotLodged);
		assert_noop!(forward_as(COUNTY_OPERATOR, 99), Error::<Test>::ObjectionNotFound);
	});
}

/// YX-R §22 ¶2, §26(四), Q27: a late forward is still allowed, and the miss is reported naming
/// the institution; `report_overdue` reports it for free without waiting for the forward.
#[test]
fn forward_after_three_working_days_is_reported() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let o = lodge(id, OBJECTOR);
		assert_noop!(
			Registration::report_overdue(
				RuntimeOrigin::signed(STRANGER),
				crate::DueItem::Objection(o)
			),
			Error::<Test>::NothingOverdue
		);
		run_to_day(date(2026, 3, 6));
		let post = Registration::report_overdue(
			RuntimeOrigin::signed(STRANGER),
			crate::DueItem::Objection(o),
		)
		.unwrap();
		assert_eq!(post.pays_fee, Pays::No);
		System::assert_has_event(
			Event::InstitutionDeadlineMissed {
				institution: hongta(),
				application: id,
				objection: Some(o),
				deadline: crate::TimerKind::Forward,
				due: date(2026, 3, 5),
				provisional: false,
			}
			.into(),
		);
		assert_noop!(
			Registration::report_overdue(
				RuntimeOrigin::signed(STRANGER),
				crate::DueItem::Objection(o)
			),
			Error::<Test>::NothingOverdue
		);
		// The chain never acts for the institution: the objection waits to be forwarded.
		assert_eq!(objection_state(o), ObjectionState::Lodged);
		assert_ok!(forward_as(COUNTY_OPERATOR, o));
		assert_eq!(supervision_events(), 1);
	});
}

/// YX-R §22 ¶2: the rebuttal is due within 10 WD of the subject's receipt; the subject or an
/// agent with a rebuttal power submits it; the last day is in time.
#[test]
fn rebuttal_within_ten_working_days_is_recorded() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let o = lodge(id, OBJECTOR);
		assert_noop!(
			Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), o, [13u8; 32]),
			Error::<Test>::ObjectionNotForwarded
		);
		assert_ok!(forward_as(COUNTY_OPERATOR, o));
		run_to_day(date(2026, 3, 16));
		for who in [AGENT, STRANGER, OBJECTOR] {
			assert_noop!(
				Registration::submit_rebuttal(RuntimeOrigin::signed(who), o, [13u8; 32]),
				Error::<Test>::NotSubjectOrAgent
			);
		}
		assert_ok!(Registration::submit_rebuttal(
			RuntimeOrigin::signed(REBUT_AGENT),
			o,
			[13u8; 32]
		));
		System::assert_has_event(
			Event::RebuttalSubmitted { objection: o, rebuttal: [13u8; 32] }.into(),
		);
		assert_noop!(
			Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), o, [13u8; 32]),
			Error::<Test>::RebuttalPeriodOver
		);
	});
}

/// YX-R §22 ¶2, Q9: a missed rebuttal lapses (recorded for free) but decides nothing: the
/// objection stays open and blocks approval until the institution decides it.
#[test]
fn rebuttal_after_ten_working_days_lapses_without_deciding() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let o = lodge(id, OBJECTOR);
		assert_noop!(
			Registration::expire_rebuttal(RuntimeOrigin::signed(STRANGER), o),
			Error::<Test>::ObjectionNotForwarded
		);
		assert_ok!(forward_as(COUNTY_OPERATOR, o));
		assert_noop!(
			Registration::expire_rebuttal(RuntimeOrigin::signed(STRANGER), o),
			Error::<Test>::RebuttalNotOverdue
		);
		assert_noop!(
			Registration::decide_objection(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				o,
				false,
				[1u8; 32]
			),
			Error::<Test>::RebuttalPeriodRunning
		);
		run_to_day(date(2026, 3, 17));
		assert_noop!(
			Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), o, [13u8; 32]),
			Error::<Test>::RebuttalPeriodOver
		);
		let post = Registration::expire_rebuttal(RuntimeOrigin::signed(STRANGER), o).unwrap();
		assert_eq!(post.pays_fee, Pays::No);
		assert_eq!(objection_state(o), ObjectionState::RebuttalLapsed);
		System::assert_has_event(Event::RebuttalLapsed { objection: o }.into());
		// Publicity is over (Mar 16) with the objection open: deferred, approval blocked.
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::ObjectionsOpen);
		assert_ok!(Registration::decide_objection(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			o,
			false,
			[14u8; 32]
		));
		assert_ok!(approve_as(COUNTY_OPERATOR, id));
	});
}

/// YX-R §22 ¶2 (暂缓登记), T12–T13: publicity ending with an open objection defers the
/// application; dismissal of the last objection lets the institution approve.
#[test]
fn publicity_end_with_open_objection_defers_then_dismissal_allows_approval() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let o = lodge(id, OBJECTOR);
		run_to_day(publicity_end(id) + 1);
		assert_ok!(Registration::close_publicity(RuntimeOrigin::signed(STRANGER), id));
		assert_eq!(state(id), crate::ApplicationState::Deferred);
		System::assert_has_event(
			Event::PublicityClosed { application: id, open_objections: 1 }.into(),
		);
		System::assert_has_event(Event::ApplicationDeferred { application: id }.into());
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::ObjectionsOpen);
		assert_noop!(
			Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), id),
			Error::<Test>::NotWithdrawable
		);
		assert_ok!(forward_as(COUNTY_OPERATOR, o));
		assert_ok!(Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), o, [13u8; 32]));
		assert_noop!(
			Registration::decide_objection(
				RuntimeOrigin::signed(KUNMING_OPERATOR),
				o,
				false,
				[1u8; 32]
			),
			Error::<Test>::NotOperator
		);
		assert_ok!(Registration::decide_objection(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			o,
			false,
			[14u8; 32]
		));
		System::assert_has_event(
			Event::ObjectionDecided {
				objection: o,
				application: id,
				upheld: false,
				decision: [14u8; 32],
				subject: subject(),
				objector: OBJECTOR,
			}
			.into(),
		);
		assert!(Objections::<Test>::get(o).unwrap().notified_at.is_some());
		assert_noop!(
			Registration::decide_objection(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				o,
				true,
				[1u8; 32]
			),
			Error::<Test>::ObjectionAlreadyDecided
		);
		assert_noop!(
			Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), o, [13u8; 32]),
			Error::<Test>::ObjectionAlreadyDecided
		);
		assert_ok!(approve_as(COUNTY_OPERATOR, id));
		assert_eq!(state(id), crate::ApplicationState::Approved);
	});
}

/// YX-R §22 ¶3, §17(六): an upheld objection terminates the registration (终止登记), even during
/// publicity; other objections can no longer be decided.
#[test]
fn objection_upheld_terminates_application() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let a = lodge(id, OBJECTOR);
		let b = lodge(id, OBJECTOR_2);
		for o in [a, b] {
			assert_ok!(forward_as(COUNTY_OPERATOR, o));
			assert_ok!(Registration::submit_rebuttal(
				RuntimeOrigin::signed(SUBJECT),
				o,
				[13u8; 32]
			));
		}
		assert_noop!(
			Registration::decide_objection(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				99,
				true,
				[1u8; 32]
			),
			Error::<Test>::ObjectionNotFound
		);
		assert_ok!(Registration::decide_objection(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			a,
			true,
			[14u8; 32]
		));
		assert_eq!(state(id), crate::ApplicationState::Terminated);
		System::assert_has_event(
			Event::ApplicationTerminated { application: id, objection: a }.into(),
		);
		run_to_day(publicity_end(id) + 1);
		assert_noop!(
			Registration::close_publicity(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::ApplicationClosed
		);
		assert_noop!(
			Registration::decide_objection(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				b,
				false,
				[1u8; 32]
			),
			Error::<Test>::ApplicationClosed
		);
		run_to_day(publicity_end(id) + 1);
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::NotAwaitingDecision);
	});
}

/// YX-R §22 ¶2: an objection must be forwarded before it is decided.
#[test]
fn decide_unforwarded_objection_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let o = lodge(id, OBJECTOR);
		assert_noop!(
			Registration::decide_objection(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				o,
				true,
				[1u8; 32]
			),
			Error::<Test>::ObjectionNotForwarded
		);
	});
}

/// YX-R §22 ¶3, §26(四): once an upheld objection ends the application, the other objections
/// need no forwarding and no supervision event is raised for them.
#[test]
fn forward_deadline_after_termination_is_not_reported() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let a = lodge(id, OBJECTOR);
		let b = lodge(id, OBJECTOR_2);
		assert_ok!(forward_as(COUNTY_OPERATOR, a));
		assert_ok!(Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), a, [13u8; 32]));
		assert_ok!(Registration::decide_objection(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			a,
			true,
			[14u8; 32]
		));
		run_to_day(date(2026, 3, 10));
		sweep();
		sweep();
		assert_eq!(supervision_events(), 0);
		assert_eq!(objection_state(b), ObjectionState::Lodged);
	});
}

/// YX-R §22 ¶2, Q10(c), issue 10 (migrations): objections stored in the v0 layout (capped list
/// per application, one `notified_at`) are moved by the v1 migration to the uncapped index, the
/// per-objector open counts, and the two notices (try-runtime pre/post checks under that feature).
#[test]
fn migration_v1_moves_objections_to_uncapped_index() {
	use crate::migrations::v1::{v0, MigrateV0ToV1};
	use frame_support::traits::{OnRuntimeUpgrade, StorageVersion};
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let a = lodge(id, OBJECTOR);
		let b = lodge(id, OBJECTOR_2);
		let c = lodge(id, OBJECTOR);
		assert_ok!(forward_as(COUNTY_OPERATOR, a));
		assert_ok!(Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), a, [13u8; 32]));
		assert_ok!(Registration::decide_objection(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			a,
			false,
			[14u8; 32]
		));
		let before: Vec<_> =
			[a, b, c].iter().map(|o| Objections::<Test>::get(o).unwrap()).collect();
		// Back to the v0 shape.
		for (o, new) in [a, b, c].iter().zip(&before) {
			let old = v0::Objection {
				application: new.application,
				objector: new.objector,
				content: new.content,
				evidence: new.evidence,
				lodged_on: new.lodged_on,
				received_on: new.received_on,
				rebuttal: new.rebuttal,
				decision: new.decision,
				notified_at: new.notified_at,
				state: new.state,
				timer: new.timer,
			};
			frame_support::storage::unhashed::put(&Objections::<Test>::hashed_key_for(o), &old);
		}
		let _ = crate::ApplicationObjections::<Test>::clear_prefix(id, u32::MAX, None);
		let _ = crate::OpenObjectionsBy::<Test>::clear_prefix(id, u32::MAX, None);
		v0::ApplicationObjections::<Test>::insert(id, vec![a, b, c]);
		StorageVersion::new(0).put::<Registration>();

		#[cfg(feature = "try-runtime")]
		let pre = <MigrateV0ToV1<Test> as OnRuntimeUpgrade>::pre_upgrade().unwrap();
		<MigrateV0ToV1<Test> as OnRuntimeUpgrade>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		assert_ok!(<MigrateV0ToV1<Test> as OnRuntimeUpgrade>::post_upgrade(pre));

		for (o, new) in [a, b, c].iter().zip(&before) {
			assert_eq!(Objections::<Test>::get(o).as_ref(), Some(new));
		}
		let ids: Vec<_> = crate::ApplicationObjections::<Test>::iter_key_prefix(id).collect();
		assert_eq!(ids.len(), 3);
		assert_eq!(crate::OpenObjectionsBy::<Test>::get(id, OBJECTOR), 1);
		assert_eq!(crate::OpenObjectionsBy::<Test>::get(id, OBJECTOR_2), 1);
	});
}

/// YX-R §22 ¶2 ("将异议处理结果反馈异议双方"), §22 ¶3: when one objection is upheld and the
/// application terminated, the other, undecided objection is closed by anyone (free) and its
/// objector and the subject are notified with the time; it cannot be closed while the
/// application is open, nor twice, nor decided afterwards.
#[test]
fn undecided_objection_of_ended_application_is_closed_and_notified() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let a = lodge(id, OBJECTOR);
		let b = lodge(id, OBJECTOR_2);
		assert_ok!(forward_as(COUNTY_OPERATOR, a));
		assert_ok!(Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), a, [13u8; 32]));
		assert_noop!(
			Registration::close_objection(RuntimeOrigin::signed(STRANGER), b),
			Error::<Test>::ApplicationNotEnded
		);
		assert_noop!(
			Registration::close_objection(RuntimeOrigin::signed(STRANGER), 99),
			Error::<Test>::ObjectionNotFound
		);
		assert_ok!(Registration::decide_objection(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			a,
			true,
			[14u8; 32]
		));
		assert_eq!(state(id), crate::ApplicationState::Terminated);
		assert_noop!(
			Registration::close_objection(RuntimeOrigin::signed(STRANGER), a),
			Error::<Test>::ObjectionAlreadyDecided
		);
		let at = pallet_timestamp::Now::<Test>::get();
		let info = Registration::close_objection(RuntimeOrigin::signed(STRANGER), b).unwrap();
		assert_eq!(info.pays_fee, Pays::No);
		assert_eq!(objection_state(b), ObjectionState::Closed);
		let obj = Objections::<Test>::get(b).unwrap();
		assert_eq!((obj.notified_at, obj.objector_notified_at), (Some(at), Some(at)));
		System::assert_has_event(Event::ObjectionClosed { objection: b, application: id }.into());
		System::assert_has_event(
			Event::OutcomeNotified {
				objection: b,
				party: crate::NoticeParty::Objector(OBJECTOR_2),
				at,
			}
			.into(),
		);
		System::assert_has_event(
			Event::OutcomeNotified {
				objection: b,
				party: crate::NoticeParty::Subject(subject()),
				at,
			}
			.into(),
		);
		assert_eq!(Applications::<Test>::get(id).unwrap().open_objections, 0);
		assert_eq!(crate::OpenObjectionsBy::<Test>::get(id, OBJECTOR_2), 0);
		assert_noop!(
			Registration::close_objection(RuntimeOrigin::signed(STRANGER), b),
			Error::<Test>::ObjectionAlreadyDecided
		);
		assert_noop!(
			Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), b, [1u8; 32]),
			Error::<Test>::ObjectionAlreadyDecided
		);
	});
}

/// Q10(f) "Appeal or reconsideration of the outcome? … record an 'administrative
/// reconsideration/litigation pending' flag only": the institution records that a decided
/// objection's outcome is under reconsideration or litigation (document digest) and clears it;
/// the outcome stands meanwhile. Refusals are typed and change nothing.
#[test]
fn objection_outcome_under_reconsideration_is_flagged() {
	use crate::ObjectionReviews;
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let a = lodge(id, OBJECTOR);
		let review = |who: AccountId, document: Option<[u8; 32]>| {
			Registration::set_objection_review(RuntimeOrigin::signed(who), a, document)
		};
		assert_noop!(review(COUNTY_OPERATOR, Some([15u8; 32])), Error::<Test>::ObjectionNotDecided);
		assert_ok!(forward_as(COUNTY_OPERATOR, a));
		assert_ok!(Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), a, [13u8; 32]));
		assert_ok!(Registration::decide_objection(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			a,
			false,
			[14u8; 32]
		));
		assert_noop!(
			Registration::set_objection_review(RuntimeOrigin::signed(COUNTY_OPERATOR), 99, None),
			Error::<Test>::ObjectionNotFound
		);
		assert_noop!(review(KUNMING_OPERATOR, Some([15u8; 32])), Error::<Test>::NotOperator);
		assert_noop!(review(COUNTY_OPERATOR, None), Error::<Test>::NoReviewPending);
		assert_ok!(review(COUNTY_OPERATOR, Some([15u8; 32])));
		System::assert_has_event(
			Event::ObjectionReviewPending { objection: a, document: Some([15u8; 32]) }.into(),
		);
		assert_eq!(ObjectionReviews::<Test>::get(a), Some([15u8; 32]));
		// A flag only: the outcome stands.
		assert_eq!(objection_state(a), ObjectionState::Dismissed);
		assert_ok!(review(COUNTY_OPERATOR, None));
		System::assert_has_event(
			Event::ObjectionReviewPending { objection: a, document: None }.into(),
		);
		assert_eq!(ObjectionReviews::<Test>::get(a), None);
	});
}

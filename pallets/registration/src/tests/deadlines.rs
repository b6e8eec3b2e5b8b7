//! Clocks, supervision and the sweep (YX-R §16, §21, §22, §26(四); Q27; docs/spec/DESIGN.md §5 timers).

use super::*;
use crate::{Due, DueCursor, DueItem, Error, TimerKind};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::Pays,
	traits::{Get, Hooks},
	weights::Weight,
};

/// YX-R §16 ¶1, YX-R §26(四), Q27: a missed acceptance deadline is reported naming the institution;
/// the chain never acts for it, and a late acceptance still works.
#[test]
fn accept_after_three_working_days_is_reported_not_enforced() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		run_to_day(date(2026, 3, 5));
		assert_noop!(
			Registration::report_overdue(RuntimeOrigin::signed(STRANGER), DueItem::Application(id)),
			Error::<Test>::NothingOverdue
		);
		run_to_day(date(2026, 3, 6));
		let post =
			Registration::report_overdue(RuntimeOrigin::signed(STRANGER), DueItem::Application(id))
				.unwrap();
		assert_eq!(post.pays_fee, Pays::No);
		System::assert_has_event(
			Event::InstitutionDeadlineMissed {
				institution: hongta(),
				application: id,
				objection: None,
				deadline: TimerKind::Acceptance,
				due: date(2026, 3, 5),
				provisional: false,
			}
			.into(),
		);
		assert_eq!(state(id), crate::ApplicationState::Submitted);
		assert_noop!(
			Registration::report_overdue(RuntimeOrigin::signed(STRANGER), DueItem::Application(id)),
			Error::<Test>::NothingOverdue
		);
		assert_noop!(
			Registration::report_overdue(RuntimeOrigin::signed(STRANGER), DueItem::Application(99)),
			Error::<Test>::ApplicationNotFound
		);
		assert_noop!(
			Registration::report_overdue(RuntimeOrigin::signed(STRANGER), DueItem::Objection(99)),
			Error::<Test>::ObjectionNotFound
		);
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_eq!(supervision_events(), 1);
	});
}

/// YX-R §16 ¶1: a late acceptance reports the miss in the same call when nobody reported it.
#[test]
fn accept_late_reports_in_same_call() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		run_to_day(date(2026, 3, 9));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_eq!(supervision_events(), 1);
	});
}

/// YX-R §16 ¶1: review within 20 WD of acceptance is on time; the 21st WD is reported.
#[test]
fn review_twenty_working_days_met_and_missed() {
	ExtBuilder::default().build_and_execute(|| {
		let on_time = submit_default();
		let late = submit_default();
		assert_ok!(accept_as(COUNTY_OPERATOR, on_time));
		assert_ok!(accept_as(COUNTY_OPERATOR, late));
		// 20 WD from Mon 2026-03-02: Mon 2026-03-30.
		run_to_day(date(2026, 3, 30));
		assert_ok!(publish_as(COUNTY_OPERATOR, on_time));
		assert_eq!(supervision_events(), 0);
		run_to_day(date(2026, 3, 31));
		assert_ok!(publish_as(COUNTY_OPERATOR, late));
		System::assert_has_event(
			Event::InstitutionDeadlineMissed {
				institution: hongta(),
				application: late,
				objection: None,
				deadline: TimerKind::Review,
				due: date(2026, 3, 30),
				provisional: false,
			}
			.into(),
		);
	});
}

/// Supervision names the institution now responsible (after a takeover, Q17).
#[test]
fn missed_deadline_names_responsible_institution() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		take_over(hongta(), yuxi());
		run_to_day(date(2026, 3, 6));
		assert_ok!(Registration::report_overdue(
			RuntimeOrigin::signed(STRANGER),
			DueItem::Application(id)
		));
		System::assert_has_event(
			Event::InstitutionDeadlineMissed {
				institution: yuxi(),
				application: id,
				objection: None,
				deadline: TimerKind::Acceptance,
				due: date(2026, 3, 5),
				provisional: false,
			}
			.into(),
		);
	});
}

/// docs/spec/DESIGN.md §5: the `on_idle` sweep records lapses (deemed withdrawal, deferral, supervision,
/// lapsed rebuttal) that the lazy checks already apply, and drains the queue.
#[test]
fn sweep_records_every_lapse() {
	ExtBuilder::default().build_and_execute(|| {
		sweep(); // initialises the cursor at today
		let intake = submit_default();
		let supplement = submit_default();
		assert_ok!(Registration::request_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			supplement,
			[4u8; 32]
		));
		let published = published_default();
		assert_ok!(lodge_as(OBJECTOR, published));
		let objection = 0;
		assert!(Registration::due_on(date(2026, 3, 5)) >= 2);
		run_to_day(date(2026, 3, 20));
		sweep();
		assert_eq!(state(supplement), crate::ApplicationState::DeemedWithdrawn);
		assert_eq!(state(published), crate::ApplicationState::Deferred);
		assert_eq!(state(intake), crate::ApplicationState::Submitted);
		System::assert_has_event(
			Event::InstitutionDeadlineMissed {
				institution: hongta(),
				application: intake,
				objection: None,
				deadline: TimerKind::Acceptance,
				due: date(2026, 3, 5),
				provisional: false,
			}
			.into(),
		);
		System::assert_has_event(
			Event::InstitutionDeadlineMissed {
				institution: hongta(),
				application: published,
				objection: Some(objection),
				deadline: TimerKind::Forward,
				due: date(2026, 3, 5),
				provisional: false,
			}
			.into(),
		);
		assert_eq!(DueCursor::<Test>::get(), Some(date(2026, 3, 20)));
		assert_eq!(Due::<Test>::iter().filter(|(d, _)| *d < date(2026, 3, 20)).count(), 0);
		// Nothing is reported twice.
		let before = supervision_events();
		run_to_day(date(2026, 3, 23));
		sweep();
		assert_eq!(supervision_events(), before);
	});
}

/// docs/spec/DESIGN.md §5: the sweep is weight-metered and resumes where it stopped.
#[test]
fn sweep_with_little_weight_resumes_later() {
	ExtBuilder::default().build_and_execute(|| {
		sweep();
		let a = submit_default();
		let b = submit_default();
		for id in [a, b] {
			assert_ok!(Registration::request_supplement(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				id,
				[4u8; 32]
			));
		}
		run_to_day(date(2026, 3, 17));
		use crate::WeightInfo;
		let one_item = <() as WeightInfo>::on_idle_base()
			+ <<Test as frame_system::Config>::DbWeight as Get<
				frame_support::weights::RuntimeDbWeight,
			>>::get()
			.reads_writes(1, 1)
			+ <() as WeightInfo>::on_idle_item();
		// One item per call: the first queued item (a's stale acceptance entry of 03-05) finds a's
		// supplement period over; the next one does b's.
		Registration::on_idle(System::block_number(), one_item);
		assert_eq!(state(a), crate::ApplicationState::DeemedWithdrawn);
		assert_eq!(state(b), crate::ApplicationState::SupplementRequested);
		assert_eq!(DueCursor::<Test>::get(), Some(date(2026, 3, 5)));
		Registration::on_idle(System::block_number(), one_item);
		assert_eq!(state(b), crate::ApplicationState::DeemedWithdrawn);
		sweep();
		assert_eq!(DueCursor::<Test>::get(), Some(date(2026, 3, 17)));
		// No weight at all: nothing happens.
		assert_eq!(Registration::on_idle(System::block_number(), Weight::zero()), Weight::zero());
	});
}

/// A full day queue spills to the next days, and beyond `MaxDueSpillDays` the call fails cleanly.
#[test]
fn due_queue_full_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		MaxDuePerDay::set(1);
		// Acceptance deadline Thu 2026-03-05; spill days 6, 7, 8, 9.
		for _ in 0..5 {
			submit_default();
		}
		for day in 5..=9 {
			assert_eq!(Registration::due_on(date(2026, 3, day)), 1);
		}
		assert_noop!(
			Registration::submit_first_time(
				RuntimeOrigin::signed(SUBJECT),
				hongta(),
				subject(),
				dengji_primitives::ObjectKind::DataResource,
				None,
				info("数据"),
			),
			Error::<Test>::DueQueueFull
		);
		MaxDuePerDay::set(16);
	});
}

/// `integrity_test`: every period is greater than zero.
#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(|| {
		<Registration as Hooks<u64>>::integrity_test();
	});
}

/// `try_state` detects an open window that is not queued.
#[test]
fn try_state_detects_unqueued_window() {
	ExtBuilder::default().build().execute_with(|| {
		let id = submit_default();
		assert_ok!(Registration::do_try_state());
		let day = crate::Applications::<Test>::get(id).unwrap().timer.unwrap().queued_on;
		Due::<Test>::remove(day);
		assert!(Registration::do_try_state().is_err());
	});
}

/// YX-R §26(四), Q27: once the institution has acted (refused, approved) or the subject withdrew,
/// the passing of the old deadline is not a miss.
#[test]
fn deadline_after_the_act_is_not_reported() {
	ExtBuilder::default().build_and_execute(|| {
		let not_accepted = submit_default();
		assert_ok!(Registration::refuse_acceptance(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			not_accepted,
			[5u8; 32]
		));
		let withdrawn = submit_default();
		assert_ok!(Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), withdrawn));
		let refused = submit_default();
		assert_ok!(accept_as(COUNTY_OPERATOR, refused));
		assert_ok!(Registration::refuse_registration(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			refused,
			vec![crate::RefusalGround::QualityDefect],
			[3u8; 32]
		));
		run_to_day(date(2026, 4, 30));
		for id in [not_accepted, withdrawn, refused] {
			assert_noop!(
				Registration::report_overdue(
					RuntimeOrigin::signed(STRANGER),
					DueItem::Application(id)
				),
				Error::<Test>::NothingOverdue
			);
		}
		sweep();
		assert_eq!(supervision_events(), 0);
	});
}

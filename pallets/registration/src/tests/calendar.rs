//! Working-day counting across Spring Festival and National Day with make-up Saturdays
//! (docs/spec/DESIGN.md §4, Q3; official 2025/2026 State Council calendar).

use super::*;
use frame_support::assert_ok;

fn accept_by_for_submission_on(day: u32) -> (u32, bool) {
	run_to_day(day);
	let id = submit_default();
	let t = crate::Applications::<Test>::get(id).unwrap().timer.unwrap();
	(t.deadline.due, t.deadline.provisional)
}

/// YX-R §16: 3 WD from Fri 2026-02-13 across Spring Festival: the make-up Saturday 2026-02-14
/// counts, 2026-02-15…23 do not → Wed 2026-02-25.
#[test]
fn acceptance_across_spring_festival_2026_counts_makeup_saturday() {
	ExtBuilder::default().starting_on(date(2026, 2, 13)).build_and_execute(|| {
		assert_eq!(accept_by_for_submission_on(date(2026, 2, 13)), (date(2026, 2, 25), false));
	});
}

/// YX-R §16 ¶2: 10 WD notice period from Fri 2026-02-13 → Thu 2026-03-05 (make-up Saturdays
/// 02-14 and 02-28 count).
#[test]
fn supplement_across_spring_festival_2026() {
	ExtBuilder::default().starting_on(date(2026, 2, 13)).build_and_execute(|| {
		let id = submit_default();
		assert_ok!(Registration::request_supplement(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			[4u8; 32]
		));
		System::assert_has_event(
			Event::SupplementRequested {
				application: id,
				notice: [4u8; 32],
				resubmit_by: date(2026, 3, 5),
				provisional: false,
			}
			.into(),
		);
	});
}

/// YX-R §16: 3 WD from Fri 2025-01-24 across Spring Festival 2025: make-up Sunday 01-26 counts,
/// 01-28…02-04 do not → Wed 2025-02-05.
#[test]
fn acceptance_across_spring_festival_2025() {
	ExtBuilder::default().starting_on(date(2025, 1, 24)).build_and_execute(|| {
		assert_eq!(accept_by_for_submission_on(date(2025, 1, 24)), (date(2025, 2, 5), false));
	});
}

/// YX-R §16: 3 WD from Wed 2026-09-30 across National Day: 10-01…07 off, Thu 08, Fri 09 and the
/// make-up Saturday 10-10 → Sat 2026-10-10.
#[test]
fn acceptance_across_national_day_2026_ends_on_makeup_saturday() {
	ExtBuilder::default().starting_on(date(2026, 9, 30)).build_and_execute(|| {
		assert_eq!(accept_by_for_submission_on(date(2026, 9, 30)), (date(2026, 10, 10), false));
	});
}

/// YX-R §16 ¶1: 20 WD review from Fri 2026-09-18 across Mid-Autumn and National Day with the
/// make-up days 09-20 and 10-10 → Thu 2026-10-22.
#[test]
fn review_across_national_day_2026() {
	ExtBuilder::default().starting_on(date(2026, 9, 18)).build_and_execute(|| {
		let id = submit_default();
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		System::assert_has_event(
			Event::ApplicationAccepted {
				application: id,
				decide_by: date(2026, 10, 22),
				provisional: false,
			}
			.into(),
		);
	});
}

/// YX-R §22 ¶1: 10 WD publicity from Mon 2025-09-29 across National Day 2025: 09-30, then
/// 10-01…08 off, 10-09, 10-10, the make-up Saturday 10-11, 10-13…17 and Mon 2025-10-20.
#[test]
fn publicity_across_national_day_2025() {
	ExtBuilder::default().starting_on(date(2025, 9, 29)).build_and_execute(|| {
		let id = published_default();
		assert_eq!(publicity_end(id), date(2025, 10, 20));
	});
}

/// docs/spec/DESIGN.md §4: a period crossing into a year without a loaded calendar (2027) is provisional,
/// and the event says so.
#[test]
fn deadline_into_unloaded_year_is_provisional() {
	ExtBuilder::default().starting_on(date(2026, 12, 30)).build_and_execute(|| {
		let id = submit_default();
		System::assert_has_event(
			Event::ApplicationSubmitted {
				application: id,
				kind: crate::ApplicationKind::FirstTime,
				subject: subject(),
				institution: hongta(),
				registration: None,
				accept_by: date(2027, 1, 4),
				provisional: true,
			}
			.into(),
		);
	});
}

//! `set_year` / `remove_year`: the data authority governs the calendar (docs/spec/DESIGN.md §4;
//! docs/spec/requirements.md §2.9(1)).

use super::{dates, day, iso};
use crate::{
	mock::*,
	pallet::{Error, Event, Years},
	DatesOf,
};
use dengji_primitives::{calendar::Date, traits::Clock};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_runtime::DispatchError;

/// The 2027 notice as the authority might publish it (National Day Friday 10-01 … Thursday 10-07,
/// make-up workdays Sunday 09-26 and Saturday 10-09).
fn y2027_holidays() -> DatesOf<Test> {
	dates(&[
		"2027-10-07",
		"2027-10-01",
		"2027-10-02",
		"2027-10-03",
		"2027-10-04",
		"2027-10-05",
		"2027-10-06",
		"2027-10-01",
	])
}

fn y2027_makeup() -> DatesOf<Test> {
	dates(&["2027-10-09", "2027-09-26"])
}

/// docs/spec/DESIGN.md §4: the authority loads a year; lists are stored sorted and deduplicated.
#[test]
fn set_year_by_authority_loads_sorted_deduplicated_lists() {
	ExtBuilder::default().build_and_execute(|| {
		assert!(!Years::<Test>::contains_key(2027));
		assert_ok!(Calendar::set_year(
			RuntimeOrigin::root(),
			2027,
			y2027_holidays(),
			y2027_makeup()
		));
		let cal = Years::<Test>::get(2027).unwrap();
		let expected: Vec<_> =
			(1..=7).map(|d| Date::new(2027, 10, d).unwrap().to_day_index()).collect();
		assert_eq!(cal.holidays.to_vec(), expected);
		assert_eq!(cal.makeup_workdays.to_vec(), vec![day("2027-09-26"), day("2027-10-09")]);
		System::assert_has_event(
			Event::YearSet {
				year: 2027,
				holidays: dates(&[
					"2027-10-01",
					"2027-10-02",
					"2027-10-03",
					"2027-10-04",
					"2027-10-05",
					"2027-10-06",
					"2027-10-07",
				]),
				makeup_workdays: dates(&["2027-09-26", "2027-10-09"]),
			}
			.into(),
		);
	});
}

/// A loaded year makes deadlines through it firm (docs/spec/DESIGN.md §4).
#[test]
fn set_year_makes_counts_into_that_year_firm() {
	ExtBuilder::default().build_and_execute(|| {
		// 2027-09-30 (Thursday) + 1 WD: Friday 10-01 is a working day while 2027 is unknown.
		let before = Calendar::add_working_days(day("2027-09-30"), 1);
		assert_eq!((before.due, before.provisional), (day("2027-10-01"), true));
		assert_ok!(Calendar::set_year(
			RuntimeOrigin::root(),
			2027,
			y2027_holidays(),
			y2027_makeup()
		));
		let after = Calendar::add_working_days(day("2027-09-30"), 1);
		assert_eq!((after.due, after.provisional), (day("2027-10-08"), false));
		assert_eq!(Calendar::add_working_days(day("2027-09-30"), 2).due, day("2027-10-09"));
	});
}

#[test]
fn set_year_again_replaces_the_year() {
	ExtBuilder::default().build_and_execute(|| {
		assert!(Calendar::add_working_days(day("2026-02-13"), 1).due == day("2026-02-14"));
		// A corrected 2026 notice without the February make-up days.
		assert_ok!(Calendar::set_year(
			RuntimeOrigin::root(),
			2026,
			dates(&["2026-10-01"]),
			BoundedVec::new()
		));
		assert_eq!(Years::<Test>::get(2026).unwrap().holidays.to_vec(), vec![day("2026-10-01")]);
		assert_eq!(Calendar::add_working_days(day("2026-02-13"), 1).due, day("2026-02-16"));
		System::assert_has_event(
			Event::YearSet {
				year: 2026,
				holidays: dates(&["2026-10-01"]),
				makeup_workdays: BoundedVec::new(),
			}
			.into(),
		);
	});
}

#[test]
fn set_year_by_non_authority_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Calendar::set_year(RuntimeOrigin::signed(1), 2027, y2027_holidays(), y2027_makeup()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Calendar::set_year(RuntimeOrigin::none(), 2027, y2027_holidays(), y2027_makeup()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn set_year_out_of_range_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		for year in [0, 1999, 10_000, u16::MAX] {
			assert_noop!(
				Calendar::set_year(
					RuntimeOrigin::root(),
					year,
					BoundedVec::new(),
					BoundedVec::new()
				),
				Error::<Test>::YearOutOfRange
			);
		}
	});
}

/// Deadlines counted in a past year are settled: the authority cannot rewrite it.
#[test]
fn set_year_before_current_year_is_rejected() {
	// Now is 2026-03-02.
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Calendar::set_year(
				RuntimeOrigin::root(),
				2025,
				dates(&["2025-10-01"]),
				BoundedVec::new()
			),
			Error::<Test>::YearInPast
		);
		// The current year may still be corrected.
		assert_ok!(Calendar::set_year(
			RuntimeOrigin::root(),
			2026,
			dates(&["2026-10-01"]),
			BoundedVec::new()
		));
	});
}

#[test]
fn set_year_with_nonexistent_date_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		for bad in [
			Date { year: 2027, month: 2, day: 29 },
			Date { year: 2027, month: 13, day: 1 },
			Date { year: 2027, month: 4, day: 31 },
			Date { year: 2027, month: 1, day: 0 },
		] {
			assert_noop!(
				Calendar::set_year(
					RuntimeOrigin::root(),
					2027,
					BoundedVec::truncate_from(vec![bad]),
					BoundedVec::new()
				),
				Error::<Test>::InvalidDate
			);
			assert_noop!(
				Calendar::set_year(
					RuntimeOrigin::root(),
					2027,
					BoundedVec::new(),
					BoundedVec::truncate_from(vec![bad])
				),
				Error::<Test>::InvalidDate
			);
		}
	});
}

#[test]
fn set_year_with_date_of_another_year_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Calendar::set_year(
				RuntimeOrigin::root(),
				2027,
				dates(&["2028-01-01"]),
				BoundedVec::new()
			),
			Error::<Test>::DateOutsideYear
		);
		// Sunday 2026-12-27 listed as a 2027 make-up workday.
		assert_noop!(
			Calendar::set_year(
				RuntimeOrigin::root(),
				2027,
				BoundedVec::new(),
				dates(&["2026-12-27"])
			),
			Error::<Test>::DateOutsideYear
		);
	});
}

/// Make-up workdays (调休上班) are Saturdays or Sundays; holidays may be any day.
#[test]
fn set_year_with_weekday_makeup_workday_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		// Friday 2027-10-08.
		assert_noop!(
			Calendar::set_year(
				RuntimeOrigin::root(),
				2027,
				BoundedVec::new(),
				dates(&["2027-10-08"])
			),
			Error::<Test>::MakeupNotWeekend
		);
		// A holiday on a Sunday is fine.
		assert_ok!(Calendar::set_year(
			RuntimeOrigin::root(),
			2027,
			dates(&["2027-10-03"]),
			BoundedVec::new()
		));
	});
}

#[test]
fn set_year_with_date_in_both_lists_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Calendar::set_year(
				RuntimeOrigin::root(),
				2027,
				dates(&["2027-10-01", "2027-10-09"]),
				dates(&["2027-10-09"])
			),
			Error::<Test>::InBothLists
		);
	});
}

/// The call's arguments are bounded by decoding; the shared check refuses longer lists too.
#[test]
fn set_year_with_too_many_days_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let first = day("2027-01-01");
		let many: Vec<Date> = (first..first + 65).map(Date::from_day_index).collect();
		assert_noop!(Calendar::do_set_year(2027, &many, &[]), Error::<Test>::TooManyDays);
		assert_noop!(Calendar::do_set_year(2027, &[], &many), Error::<Test>::TooManyDays);
		// 64 distinct days plus duplicates of them fit: duplicates are removed before the bound.
		let mut dup: Vec<Date> = many[..64].to_vec();
		dup.extend_from_slice(&many[..64]);
		assert_ok!(Calendar::do_set_year(2027, &dup, &[]));
		assert_eq!(Years::<Test>::get(2027).unwrap().holidays.len(), 64);
		assert_eq!(iso("2027-01-01"), many[0]);
	});
}

#[test]
fn remove_year_by_authority_unloads_the_year() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Calendar::remove_year(RuntimeOrigin::root(), 2026));
		assert!(!Years::<Test>::contains_key(2026));
		System::assert_has_event(Event::YearRemoved { year: 2026 }.into());
		// Counting through 2026 is now provisional and ignores its holidays.
		let dl = Calendar::add_working_days(day("2026-09-30"), 1);
		assert_eq!((dl.due, dl.provisional), (day("2026-10-01"), true));
	});
}

#[test]
fn remove_year_by_non_authority_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Calendar::remove_year(RuntimeOrigin::signed(1), 2026),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn remove_year_not_loaded_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Calendar::remove_year(RuntimeOrigin::root(), 2027),
			Error::<Test>::YearNotLoaded
		);
	});
}

#[test]
fn remove_year_before_current_year_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Calendar::remove_year(RuntimeOrigin::root(), 2025), Error::<Test>::YearInPast);
	});
}

//! Working-day deadlines through the runtime interface (`Clock for Pallet`) over the official 2025
//! and 2026 calendars of `cn-holidays.json` (docs/spec/DESIGN.md §4; docs/spec/requirements.md §2.9, Q3).

use super::day;
use crate::{mock::*, OnChainCalendar};
use dengji_primitives::{
	calendar::{ChainClock, Date, Deadline, HolidayCalendar},
	traits::Clock,
};

/// `n` working days from `trigger`, as (due date, provisional).
fn due(trigger: &str, n: u32) -> (String, bool) {
	let Deadline { due, provisional } = Calendar::add_working_days(day(trigger), n);
	(Date::from_day_index(due).to_string(), provisional)
}

fn firm(s: &str) -> (String, bool) {
	(s.into(), false)
}

/// Q3 / YX-R §16: the trigger day is excluded; day 1 is the next working day.
#[test]
fn add_working_days_excludes_trigger_day() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(due("2026-03-03", 1), firm("2026-03-04"));
		assert_eq!(due("2026-03-06", 1), firm("2026-03-09"));
		assert_eq!(due("2026-03-03", 0), firm("2026-03-03"));
		// Trigger on a holiday (Sunday 2026-02-15): 02-24, 02-25, 02-26.
		assert_eq!(due("2026-02-15", 3), firm("2026-02-26"));
	});
}

/// YX-R §16 (3 WD intake, 20 WD review) and §22 (10 WD publicity) across Spring Festival 2026:
/// holidays 02-15..02-23, make-up workdays Saturday 02-14 and Saturday 02-28.
#[test]
fn add_working_days_across_spring_festival_2026() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(due("2026-02-13", 1), firm("2026-02-14"));
		assert_eq!(due("2026-02-13", 2), firm("2026-02-24"));
		assert_eq!(due("2026-02-13", 3), firm("2026-02-25"));
		assert_eq!(due("2026-02-27", 1), firm("2026-02-28"));
		assert_eq!(due("2026-02-27", 2), firm("2026-03-02"));
		assert_eq!(due("2026-02-10", 3), firm("2026-02-13"));
		assert_eq!(due("2026-02-10", 10), firm("2026-03-02"));
		assert_eq!(due("2026-02-12", 20), firm("2026-03-18"));
	});
}

/// National Day 2025 (10-01..10-08; make-up Sunday 09-28, Saturday 10-11) and 2026 (Mid-Autumn
/// 09-25..27, 10-01..10-07; make-up Sunday 09-20, Saturday 10-10).
#[test]
fn add_working_days_across_national_day_2025_and_2026() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(due("2025-09-26", 1), firm("2025-09-28"));
		assert_eq!(due("2025-09-26", 4), firm("2025-10-09"));
		assert_eq!(due("2025-09-30", 3), firm("2025-10-11"));
		assert_eq!(due("2025-09-30", 10), firm("2025-10-21"));
		assert_eq!(due("2025-09-30", 20), firm("2025-11-04"));
		assert_eq!(due("2026-09-18", 1), firm("2026-09-20"));
		assert_eq!(due("2026-09-24", 1), firm("2026-09-28"));
		assert_eq!(due("2026-09-30", 1), firm("2026-10-08"));
		assert_eq!(due("2026-09-30", 3), firm("2026-10-10"));
		assert_eq!(due("2026-09-30", 4), firm("2026-10-12"));
		assert_eq!(due("2026-09-30", 10), firm("2026-10-20"));
		assert_eq!(due("2026-09-30", 20), firm("2026-11-03"));
		// New year 2026: 01-01..03 holidays, Sunday 01-04 a make-up workday.
		assert_eq!(due("2025-12-31", 1), firm("2026-01-04"));
	});
}

/// docs/spec/DESIGN.md §4: 2027 is not loaded, so counts into it skip weekends only and are provisional.
#[test]
fn add_working_days_into_2027_is_provisional() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(due("2026-12-30", 1), firm("2026-12-31"));
		assert_eq!(due("2026-12-30", 2), ("2027-01-01".into(), true));
		assert_eq!(due("2026-12-15", 20), ("2027-01-12".into(), true));
		assert_eq!(due("2027-03-01", 5), ("2027-03-08".into(), true));
	});
}

#[test]
fn is_working_day_follows_the_official_calendar() {
	ExtBuilder::default().build_and_execute(|| {
		assert!(Calendar::is_working_day(day("2026-02-14")), "Saturday make-up workday");
		assert!(!Calendar::is_working_day(day("2026-02-16")), "Monday, Spring Festival");
		assert!(!Calendar::is_working_day(day("2026-03-07")), "ordinary Saturday");
		assert!(Calendar::is_working_day(day("2026-03-09")), "ordinary Monday");
		assert!(Calendar::is_working_day(day("2025-09-28")), "Sunday make-up workday");
		assert!(!Calendar::is_working_day(day("2025-10-08")), "Wednesday, National Day");
		assert!(Calendar::is_working_day(day("2027-10-01")), "2027 unknown: a Friday works");
	});
}

/// The zero-sized storage reader agrees with the runtime interface.
#[test]
fn on_chain_calendar_reads_years() {
	ExtBuilder::default().build_and_execute(|| {
		let cal = OnChainCalendar::<Test>::default();
		assert!(cal.year_loaded(2025) && cal.year_loaded(2026) && !cal.year_loaded(2027));
		assert!(cal.is_holiday(day("2026-02-17")));
		assert!(!cal.is_holiday(day("2026-02-14")));
		assert!(cal.is_makeup_workday(day("2026-02-14")));
		assert!(!cal.is_makeup_workday(day("2027-01-02")));
		for trigger in day("2025-12-01")..day("2027-01-31") {
			for n in [1, 3, 10, 20] {
				assert_eq!(
					dengji_primitives::calendar::add_working_days(&cal, trigger, n),
					Calendar::add_working_days(trigger, n)
				);
			}
		}
	});
}

/// Q3: a deadline ends at 23:59:59.999 Asia/Shanghai on day N; one millisecond later it is
/// overdue.
#[test]
fn deadline_ends_at_shanghai_midnight_of_day_n() {
	ExtBuilder::default().build_and_execute(|| {
		let dl = Calendar::add_working_days(day("2026-02-13"), 2);
		assert_eq!(dl.due, day("2026-02-24"));
		let end = dl.ends_at(&Calendar::chain_clock());
		// 2026-02-24T15:59:59.999Z.
		assert_eq!(end, 1_771_948_799_999);
		pallet_timestamp::Now::<Test>::put(end);
		assert!(!dl.is_overdue(Calendar::today()));
		pallet_timestamp::Now::<Test>::put(end + 1);
		assert!(dl.is_overdue(Calendar::today()));
		assert_eq!(Calendar::chain_clock(), ChainClock::SHANGHAI);
	});
}

/// docs/spec/DESIGN.md §4: with no year loaded every count is Monday–Friday and provisional.
#[test]
fn add_working_days_without_any_year_is_provisional() {
	ExtBuilder::default().no_years().build_and_execute(|| {
		// Friday 2026-02-13 + 2: Monday 02-16 and Tuesday 02-17 (Spring Festival unknown).
		assert_eq!(due("2026-02-13", 2), ("2026-02-17".into(), true));
		assert!(Calendar::is_working_day(day("2026-02-16")));
	});
}

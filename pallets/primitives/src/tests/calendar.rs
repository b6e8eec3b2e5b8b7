//! Dates, working days and chain clocks (docs/spec/DESIGN.md §4; docs/spec/requirements.md §2.9, Q3, Q13). The
//! official calendars below are copied from `cn-holidays.json` (State Council notices).

use super::day;
use crate::calendar::{
	add_working_days, check_official_year, days_in_month, is_leap_year, is_working_day, weekday,
	ChainClock, Date, DayIndex, Deadline, HolidayCalendar, OfficialYear, StaticCalendar, YearError,
	DAY_MS,
};
use proptest::prelude::*;

const HOLIDAYS_2025: [&str; 28] = [
	"2025-01-01",
	"2025-01-28",
	"2025-01-29",
	"2025-01-30",
	"2025-01-31",
	"2025-02-01",
	"2025-02-02",
	"2025-02-03",
	"2025-02-04",
	"2025-04-04",
	"2025-04-05",
	"2025-04-06",
	"2025-05-01",
	"2025-05-02",
	"2025-05-03",
	"2025-05-04",
	"2025-05-05",
	"2025-05-31",
	"2025-06-01",
	"2025-06-02",
	"2025-10-01",
	"2025-10-02",
	"2025-10-03",
	"2025-10-04",
	"2025-10-05",
	"2025-10-06",
	"2025-10-07",
	"2025-10-08",
];
const MAKEUP_2025: [&str; 5] =
	["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"];
const HOLIDAYS_2026: [&str; 33] = [
	"2026-01-01",
	"2026-01-02",
	"2026-01-03",
	"2026-02-15",
	"2026-02-16",
	"2026-02-17",
	"2026-02-18",
	"2026-02-19",
	"2026-02-20",
	"2026-02-21",
	"2026-02-22",
	"2026-02-23",
	"2026-04-04",
	"2026-04-05",
	"2026-04-06",
	"2026-05-01",
	"2026-05-02",
	"2026-05-03",
	"2026-05-04",
	"2026-05-05",
	"2026-06-19",
	"2026-06-20",
	"2026-06-21",
	"2026-09-25",
	"2026-09-26",
	"2026-09-27",
	"2026-10-01",
	"2026-10-02",
	"2026-10-03",
	"2026-10-04",
	"2026-10-05",
	"2026-10-06",
	"2026-10-07",
];
const MAKEUP_2026: [&str; 6] =
	["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"];

fn d(s: &str) -> DayIndex {
	Date::parse(s).unwrap().to_day_index()
}

fn official(year: u16, holidays: &[&str], makeup: &[&str]) -> OfficialYear {
	let days = |l: &[&str]| l.iter().map(|s| d(s)).collect();
	OfficialYear::new(year, days(holidays), days(makeup)).unwrap()
}

/// The official 2025 and 2026 calendars; 2027 is not loaded.
fn cn_2025_2026() -> StaticCalendar {
	StaticCalendar::new()
		.with_year(official(2025, &HOLIDAYS_2025, &MAKEUP_2025))
		.with_year(official(2026, &HOLIDAYS_2026, &MAKEUP_2026))
}

/// Day N of an N-working-day period triggered on `trigger` under the 2025/2026 calendar.
fn due(trigger: &str, n: u32) -> (String, bool) {
	let Deadline { due, provisional } = add_working_days(&cn_2025_2026(), d(trigger), n);
	(Date::from_day_index(due).to_string(), provisional)
}

fn firm(s: &str) -> (String, bool) {
	(s.to_string(), false)
}

fn provisional(s: &str) -> (String, bool) {
	(s.to_string(), true)
}

// ---- Dates ------------------------------------------------------------------------------------

#[test]
fn day_index_of_known_dates() {
	assert_eq!(day(1970, 1, 1), 0);
	assert_eq!(day(1970, 1, 2), 1);
	assert_eq!(day(1971, 1, 1), 365);
	assert_eq!(day(2000, 1, 1), 10_957);
	assert_eq!(day(2024, 2, 29), 19_782);
	assert_eq!(day(2026, 2, 14), 20_498);
	assert_eq!(day(2200, 12, 31), 84_370);
	assert_eq!(Date::from_day_index(20_499), Date { year: 2026, month: 2, day: 15 });
}

#[test]
fn day_index_before_1970_saturates_to_zero() {
	assert_eq!(Date::new(1969, 12, 31).unwrap().to_day_index(), 0);
	assert_eq!(Date::new(1, 1, 1).unwrap().to_day_index(), 0);
}

/// Every day from 1970-01-01 to 2200-12-31: the index round trips and the next index is the
/// next civil date.
#[test]
fn day_index_round_trips_every_day_1970_to_2200() {
	let mut prev = Date::from_day_index(0);
	assert_eq!(prev, Date { year: 1970, month: 1, day: 1 });
	for i in 1..=day(2200, 12, 31) {
		let date = Date::from_day_index(i);
		assert_eq!(Date::new(date.year, date.month, date.day), Some(date));
		assert_eq!(date.to_day_index(), i);
		let next_of_prev = if prev.day < days_in_month(prev.year, prev.month) {
			Date { day: prev.day + 1, ..prev }
		} else if prev.month < 12 {
			Date { month: prev.month + 1, day: 1, ..prev }
		} else {
			Date { year: prev.year + 1, month: 1, day: 1 }
		};
		assert_eq!(date, next_of_prev, "index {i}");
		assert!(date > prev);
		prev = date;
	}
	assert_eq!(prev, Date { year: 2200, month: 12, day: 31 });
}

#[test]
fn weekday_of_known_dates() {
	// 0 = Monday … 6 = Sunday.
	assert_eq!(weekday(0), 3, "1970-01-01 was a Thursday");
	assert_eq!(weekday(day(2000, 1, 1)), 5, "Saturday");
	assert_eq!(weekday(day(2026, 2, 14)), 5, "Saturday (make-up workday)");
	assert_eq!(weekday(day(2026, 2, 15)), 6, "Sunday");
	assert_eq!(weekday(day(2026, 2, 17)), 1, "Tuesday, Spring Festival");
	assert_eq!(weekday(day(2025, 9, 28)), 6, "Sunday (make-up workday)");
	assert_eq!(weekday(day(2025, 10, 1)), 2, "Wednesday");
	assert_eq!(weekday(day(2026, 10, 1)), 3, "Thursday");
	assert_eq!(weekday(day(2200, 12, 31)), 2, "Wednesday");
	assert_eq!(Date::new(2026, 11, 23).unwrap().weekday(), 0, "Monday");
}

#[test]
fn date_new_checks_month_and_day() {
	assert!(Date::new(2024, 2, 29).is_some());
	assert!(Date::new(2025, 2, 29).is_none());
	assert!(Date::new(2100, 2, 29).is_none());
	assert!(Date::new(2000, 2, 29).is_some());
	assert!(Date::new(2026, 4, 31).is_none());
	assert!(Date::new(2026, 12, 31).is_some());
	assert!(Date::new(2026, 13, 1).is_none());
	assert!(Date::new(2026, 0, 1).is_none());
	assert!(Date::new(2026, 1, 0).is_none());
	assert!(is_leap_year(2024) && is_leap_year(2000) && !is_leap_year(1900) && !is_leap_year(2026));
	assert_eq!(days_in_month(2026, 13), 0);
}

#[test]
fn date_parse_accepts_iso_dates_only() {
	assert_eq!(Date::parse("2026-02-15"), Date::new(2026, 2, 15));
	assert_eq!("2024-02-29".parse::<Date>(), Ok(Date { year: 2024, month: 2, day: 29 }));
	for bad in [
		"2026-2-15",
		"2026/02/15",
		"2026-02-30",
		"2025-02-29",
		"20260215",
		"2026-02-15 ",
		"+026-02-15",
		"2026-0a-15",
		"2026-13-01",
		"",
		"２026-02-15",
	] {
		assert_eq!(Date::parse(bad), None, "{bad:?}");
	}
	assert_eq!(Date::new(2026, 2, 5).unwrap().to_string(), "2026-02-05");
}

/// Q13(c): calendar-year addition; 29 February maps to 28 February in a common year.
#[test]
fn add_years_maps_29_february_to_28_february() {
	let leap = Date::new(2028, 2, 29).unwrap();
	assert_eq!(leap.add_years(1), Date::new(2029, 2, 28).unwrap());
	assert_eq!(leap.add_years(3), Date::new(2031, 2, 28).unwrap());
	assert_eq!(leap.add_years(4), Date::new(2032, 2, 29).unwrap());
	assert_eq!(leap.add_years(0), leap);
	// Q13 example: issued 2026-03-02, three years later is 2029-03-02.
	assert_eq!(Date::new(2026, 3, 2).unwrap().add_years(3), Date::new(2029, 3, 2).unwrap());
	assert_eq!(Date::new(2026, 12, 31).unwrap().add_years(3), Date::new(2029, 12, 31).unwrap());
	assert_eq!(Date::new(2096, 2, 29).unwrap().add_years(4), Date::new(2100, 2, 28).unwrap());
}

// ---- Official calendar tables -----------------------------------------------------------------

#[test]
fn official_years_2025_2026_pass_the_checks() {
	let cal = cn_2025_2026();
	let y26 = cal.year(2026).unwrap();
	assert_eq!(y26.holidays.len(), 33);
	assert_eq!(y26.makeup_workdays.len(), 6);
	assert!(y26.holidays.windows(2).all(|w| w[0] < w[1]));
	assert!(cal.year_loaded(2025) && cal.year_loaded(2026));
	assert!(!cal.year_loaded(2024) && !cal.year_loaded(2027));
	assert_eq!(cal.years().map(|y| y.year).collect::<Vec<_>>(), vec![2025, 2026]);
}

#[test]
fn official_year_new_sorts_and_deduplicates() {
	let y =
		OfficialYear::new(2026, vec![d("2026-10-02"), d("2026-10-01"), d("2026-10-02")], vec![])
			.unwrap();
	assert_eq!(y.holidays, vec![d("2026-10-01"), d("2026-10-02")]);
	let from_dates = OfficialYear::from_dates(
		2026,
		&[Date::new(2026, 10, 2).unwrap(), Date::new(2026, 10, 1).unwrap()],
		&[Date::new(2026, 10, 10).unwrap()],
	)
	.unwrap();
	assert_eq!(from_dates.holidays, y.holidays);
	assert_eq!(from_dates.makeup_workdays, vec![d("2026-10-10")]);
}

/// docs/spec/DESIGN.md §4: dates within their year, make-up workdays on weekends, lists disjoint.
#[test]
fn check_official_year_refuses_inconsistent_lists() {
	assert_eq!(
		check_official_year(2026, &[d("2025-12-31")], &[]),
		Err(YearError::DateOutsideYear(d("2025-12-31")))
	);
	assert_eq!(
		check_official_year(2026, &[], &[d("2027-01-02")]),
		Err(YearError::DateOutsideYear(d("2027-01-02")))
	);
	// 2026-02-13 is a Friday: a working day anyway.
	assert_eq!(
		check_official_year(2026, &[], &[d("2026-02-13")]),
		Err(YearError::MakeupNotWeekend(d("2026-02-13")))
	);
	assert_eq!(
		check_official_year(2026, &[d("2026-02-14")], &[d("2026-02-14")]),
		Err(YearError::InBothLists(d("2026-02-14")))
	);
	// Holidays may fall on any weekday, including weekends.
	assert_eq!(check_official_year(2026, &[d("2026-02-15"), d("2026-02-16")], &[]), Ok(()));
	assert_eq!(check_official_year(2027, &[], &[]), Ok(()));
	assert!(OfficialYear::new(2026, vec![], vec![d("2026-02-13")]).is_err());
}

/// docs/spec/DESIGN.md §4: each refusal is described with its year and the date at fault.
#[test]
fn year_errors_are_described_with_the_date_at_fault() {
	assert_eq!(
		YearError::DateOutsideYear(d("2025-12-31")).describe(2026),
		"2026: 2025-12-31 is not in 2026"
	);
	assert_eq!(
		YearError::MakeupNotWeekend(d("2026-02-13")).describe(2026),
		"2026: make-up workday 2026-02-13 is not a Saturday or Sunday"
	);
	assert_eq!(
		YearError::InBothLists(d("2026-02-14")).describe(2026),
		"2026: 2026-02-14 is both a holiday and a make-up workday"
	);
}

#[test]
fn static_calendar_insert_replaces_and_remove_unloads() {
	let mut cal = cn_2025_2026();
	assert!(cal.is_holiday(d("2026-10-01")));
	cal.insert(OfficialYear { year: 2026, ..Default::default() });
	assert!(cal.year_loaded(2026));
	assert!(!cal.is_holiday(d("2026-10-01")));
	assert_eq!(cal.remove(2026).map(|y| y.year), Some(2026));
	assert_eq!(cal.remove(2026), None);
	assert!(!cal.year_loaded(2026));
	cal.insert(official(2024, &[], &[]));
	assert_eq!(cal.years().map(|y| y.year).collect::<Vec<_>>(), vec![2024, 2025]);
}

#[test]
fn is_working_day_applies_holidays_and_makeup_days() {
	let cal = cn_2025_2026();
	for (s, working) in [
		("2026-02-13", true),  // Friday
		("2026-02-14", true),  // Saturday, make-up workday
		("2026-02-15", false), // Sunday, holiday
		("2026-02-16", false), // Monday, holiday
		("2026-02-23", false), // Monday, holiday
		("2026-02-24", true),  // Tuesday
		("2026-02-28", true),  // Saturday, make-up workday
		("2026-03-01", false), // Sunday
		("2026-03-07", false), // Saturday
		("2025-09-28", true),  // Sunday, make-up workday
		("2025-10-08", false), // Wednesday, holiday
		("2025-10-11", true),  // Saturday, make-up workday
		("2026-09-20", true),  // Sunday, make-up workday
		("2026-09-25", false), // Friday, Mid-Autumn holiday
		("2026-10-10", true),  // Saturday, make-up workday
		("2027-01-01", true),  // Friday, 2027 not loaded: Monday–Friday only
	] {
		assert_eq!(is_working_day(&cal, d(s)), working, "{s}");
	}
}

// ---- Working-day arithmetic (Q3) --------------------------------------------------------------

/// Q3 / YX-R §16: the trigger day is excluded, day 1 is the next working day.
#[test]
fn add_working_days_excludes_trigger_day() {
	// Tuesday 2026-03-03 → day 1 is Wednesday 03-04, not the Tuesday itself.
	assert_eq!(due("2026-03-03", 1), firm("2026-03-04"));
	// Friday → Monday.
	assert_eq!(due("2026-03-06", 1), firm("2026-03-09"));
	// Zero days: the trigger day itself.
	assert_eq!(due("2026-03-03", 0), firm("2026-03-03"));
	assert_eq!(due("2026-10-10", 0), firm("2026-10-10"));
}

/// Q3: a trigger on a non-working day counts from the next working day.
#[test]
fn add_working_days_from_non_working_trigger_counts_next_working_day() {
	// Sunday 2026-02-15 (holiday) → 02-24, 02-25, 02-26.
	assert_eq!(due("2026-02-15", 3), firm("2026-02-26"));
	// Saturday 2026-03-07 → Monday 03-09.
	assert_eq!(due("2026-03-07", 1), firm("2026-03-09"));
}

/// Spring Festival 2026: holidays 02-15..02-23, make-up workdays Saturday 02-14 and 02-28.
#[test]
fn add_working_days_across_spring_festival_2026() {
	assert_eq!(due("2026-02-13", 1), firm("2026-02-14"), "Sat 02-14 is a make-up workday");
	assert_eq!(due("2026-02-13", 2), firm("2026-02-24"), "02-15..02-23 skipped");
	assert_eq!(due("2026-02-13", 3), firm("2026-02-25"));
	assert_eq!(due("2026-02-14", 1), firm("2026-02-24"));
	assert_eq!(due("2026-02-27", 1), firm("2026-02-28"), "Sat 02-28 is a make-up workday");
	assert_eq!(due("2026-02-27", 2), firm("2026-03-02"), "Sun 03-01 is not");
	// YX-R §16 intake: 3 WD from Tuesday 02-10 → 11, 12, 13.
	assert_eq!(due("2026-02-10", 3), firm("2026-02-13"));
	// YX-R §22 publicity: 10 WD from 02-10 → 11,12,13,14,24,25,26,27,28, 03-02.
	assert_eq!(due("2026-02-10", 10), firm("2026-03-02"));
	// YX-R §16 review: 20 WD from Thursday 02-12 → 13,14,24..28 (7), 03-02..06 (12),
	// 03-09..13 (17), 03-16,17,18 (20).
	assert_eq!(due("2026-02-12", 20), firm("2026-03-18"));
}

/// National Day 2025: holidays 10-01..10-08, make-up workdays Sunday 09-28 and Saturday 10-11.
#[test]
fn add_working_days_across_national_day_2025() {
	assert_eq!(due("2025-09-26", 1), firm("2025-09-28"), "Sun 09-28 is a make-up workday");
	assert_eq!(due("2025-09-26", 2), firm("2025-09-29"));
	assert_eq!(due("2025-09-26", 3), firm("2025-09-30"));
	assert_eq!(due("2025-09-26", 4), firm("2025-10-09"), "10-01..10-08 skipped");
	assert_eq!(due("2025-09-26", 6), firm("2025-10-11"), "Sat 10-11 is a make-up workday");
	assert_eq!(due("2025-09-26", 7), firm("2025-10-13"));
	assert_eq!(due("2025-09-30", 1), firm("2025-10-09"));
	assert_eq!(due("2025-09-30", 3), firm("2025-10-11"));
	// 10 WD: 10-09, 10, 11, 13..17 (8), 20, 21.
	assert_eq!(due("2025-09-30", 10), firm("2025-10-21"));
	assert_eq!(due("2025-09-30", 20), firm("2025-11-04"));
}

/// National Day 2026: Mid-Autumn 09-25..27, holidays 10-01..10-07, make-up workdays Sunday 09-20
/// and Saturday 10-10.
#[test]
fn add_working_days_across_national_day_2026() {
	assert_eq!(due("2026-09-18", 1), firm("2026-09-20"), "Sun 09-20 is a make-up workday");
	assert_eq!(due("2026-09-24", 1), firm("2026-09-28"), "Fri 09-25 is a holiday");
	assert_eq!(due("2026-09-30", 1), firm("2026-10-08"));
	assert_eq!(due("2026-09-30", 2), firm("2026-10-09"));
	assert_eq!(due("2026-09-30", 3), firm("2026-10-10"), "Sat 10-10 is a make-up workday");
	assert_eq!(due("2026-09-30", 4), firm("2026-10-12"));
	assert_eq!(due("2026-09-30", 10), firm("2026-10-20"));
	assert_eq!(due("2026-09-30", 20), firm("2026-11-03"));
}

/// The new year: 2026-01-01..03 holidays, Sunday 2026-01-04 a make-up workday; both years loaded.
#[test]
fn add_working_days_across_loaded_new_year_is_firm() {
	assert_eq!(due("2025-12-31", 1), firm("2026-01-04"));
	assert_eq!(due("2025-12-31", 2), firm("2026-01-05"));
}

/// docs/spec/DESIGN.md §4: crossing a year with no loaded calendar (2027) counts Monday–Friday and marks the
/// deadline provisional.
#[test]
fn add_working_days_into_unloaded_year_is_provisional() {
	assert_eq!(due("2026-12-30", 1), firm("2026-12-31"));
	assert_eq!(due("2026-12-30", 2), provisional("2027-01-01"));
	assert_eq!(due("2026-12-30", 3), provisional("2027-01-04"));
	// 20 WD from Tuesday 2026-12-15: 16..18 (3), 21..25 (8), 28..31 (12), 2027-01-01 (13),
	// 04..08 (18), 11, 12 (20).
	assert_eq!(due("2026-12-15", 20), provisional("2027-01-12"));
	// Entirely inside an unloaded year.
	assert_eq!(due("2027-03-01", 5), provisional("2027-03-08"));
	// Only counted days matter: a trigger in unloaded 2024 counting into loaded 2025 is firm
	// (2025-01-01 is a holiday).
	assert_eq!(due("2024-12-31", 1), firm("2025-01-02"));
	// Zero days never cross anything.
	assert_eq!(due("2027-03-01", 0), firm("2027-03-01"));
}

#[test]
fn add_working_days_without_any_calendar_counts_weekdays() {
	let empty = StaticCalendar::new();
	let dl = add_working_days(&empty, d("2026-02-13"), 2);
	assert_eq!(dl, Deadline { due: d("2026-02-17"), provisional: true });
	assert!(!dl.is_overdue(d("2026-02-17")));
	assert!(dl.is_overdue(d("2026-02-18")));
}

// ---- Chain clocks -----------------------------------------------------------------------------

/// 2026-02-14T16:00:00Z = 2026-02-15T00:00:00+08:00.
const FEB_15_2026_SHANGHAI_MIDNIGHT: u64 = 1_771_084_800_000;

/// docs/spec/DESIGN.md §3: pallet_timestamp UTC milliseconds → Asia/Shanghai date (UTC+8).
#[test]
fn shanghai_clock_changes_day_at_16_00_utc() {
	let c = ChainClock::SHANGHAI;
	assert_eq!(c.day_at(FEB_15_2026_SHANGHAI_MIDNIGHT - 1), d("2026-02-14"));
	assert_eq!(c.day_at(FEB_15_2026_SHANGHAI_MIDNIGHT), d("2026-02-15"));
	assert_eq!(c.day_at(FEB_15_2026_SHANGHAI_MIDNIGHT + DAY_MS - 1), d("2026-02-15"));
	assert_eq!(c.day_at(FEB_15_2026_SHANGHAI_MIDNIGHT + DAY_MS), d("2026-02-16"));
	assert_eq!(c.day_start_ms(d("2026-02-15")), FEB_15_2026_SHANGHAI_MIDNIGHT);
	assert_eq!(c.day_end_ms(d("2026-02-14")), FEB_15_2026_SHANGHAI_MIDNIGHT - 1);
	// 2025-09-30T16:00:00Z = 2025-10-01 00:00 Shanghai.
	assert_eq!(c.day_at(1_759_248_000_000), d("2025-10-01"));
	assert_eq!(c.day_at(1_759_247_999_999), d("2025-09-30"));
	assert!(c.is_real_time());
	assert_eq!(ChainClock::default(), c);
}

/// Q3: a deadline ends at 23:59:59.999 Asia/Shanghai on day N.
#[test]
fn deadline_ends_at_shanghai_midnight() {
	let dl = Deadline { due: d("2026-02-14"), provisional: false };
	assert_eq!(dl.ends_at(&ChainClock::SHANGHAI), FEB_15_2026_SHANGHAI_MIDNIGHT - 1);
	assert!(!dl.is_overdue(ChainClock::SHANGHAI.day_at(FEB_15_2026_SHANGHAI_MIDNIGHT - 1)));
	assert!(dl.is_overdue(ChainClock::SHANGHAI.day_at(FEB_15_2026_SHANGHAI_MIDNIGHT)));
}

#[test]
fn shanghai_clock_before_origin_saturates_to_origin_day() {
	let c = ChainClock::SHANGHAI;
	assert_eq!(c.day_at(0), 10_957);
	assert_eq!(c.day_start_ms(0), c.origin_ms);
	assert_eq!(c.day_start_ms(10_957), 946_656_000_000, "2000-01-01T00:00+08:00");
}

/// Dev chains: a day passes every `day_length_ms`, every rule stays the same.
#[test]
fn accelerated_clock_advances_every_day_length() {
	let t0 = 1_795_473_000_000; // 2026-11-23T22:30:00Z = 2026-11-24 06:30 Shanghai
	let c = ChainClock::accelerated(t0, 20_781, 10_000);
	assert_eq!(c.day_at(t0 - 1), 20_781);
	assert_eq!(c.day_at(t0), 20_781);
	assert_eq!(c.day_at(t0 + 9_999), 20_781);
	assert_eq!(c.day_at(t0 + 10_000), 20_782);
	assert_eq!(c.day_at(t0 + 35_000), 20_784);
	assert_eq!(c.day_start_ms(20_783), t0 + 20_000);
	assert_eq!(c.day_end_ms(20_781), t0 + 9_999);
	assert!(!c.is_real_time());
	assert_eq!(ChainClock::accelerated(t0, 1, 0).day_length_ms, 1);
	// Started "now": today's real Shanghai date.
	let from_now = ChainClock::accelerated_from(t0, 6_000);
	assert_eq!(from_now, ChainClock::accelerated(t0, d("2026-11-24"), 6_000));
	// A real-length clock with a misaligned origin is not real time.
	assert!(!ChainClock::accelerated(t0, 20_781, DAY_MS).is_real_time());
}

// ---- Properties -------------------------------------------------------------------------------

fn any_date() -> impl Strategy<Value = Date> {
	(1970u16..=2200, 1u8..=12, 1u8..=31)
		.prop_map(|(y, m, dd)| Date::new(y, m, dd.min(days_in_month(y, m))).unwrap())
}

proptest! {
	#[test]
	fn date_day_index_round_trips(date in any_date()) {
		prop_assert_eq!(Date::from_day_index(date.to_day_index()), date);
		prop_assert_eq!(Date::parse(&date.to_string()), Some(date));
	}

	/// Q13(c): add_years keeps month and day except 29 February in a common year.
	#[test]
	fn add_years_keeps_month_and_clamps_day(date in any_date(), years in 0u16..=10) {
		let later = date.add_years(years);
		prop_assert_eq!(later.year, date.year + years);
		prop_assert_eq!(later.month, date.month);
		prop_assert!(Date::new(later.year, later.month, later.day).is_some());
		if (date.month, date.day) == (2, 29) && !is_leap_year(later.year) {
			prop_assert_eq!(later.day, 28);
		} else {
			prop_assert_eq!(later.day, date.day);
		}
	}

	/// Q3: day N is a working day, exactly N working days lie in (trigger, due], and the flag is
	/// set iff a day of an unloaded year lies in (trigger, due].
	#[test]
	fn add_working_days_counts_exactly_n(trigger in day(2024, 11, 1)..day(2027, 2, 1), n in 0u32..=30) {
		let cal = cn_2025_2026();
		let dl = add_working_days(&cal, trigger, n);
		let counted = (trigger + 1..=dl.due).filter(|&x| is_working_day(&cal, x)).count();
		prop_assert_eq!(counted, n as usize);
		if n > 0 {
			prop_assert!(is_working_day(&cal, dl.due));
		} else {
			prop_assert_eq!(dl.due, trigger);
		}
		let crosses = (trigger + 1..=dl.due)
			.any(|x| !cal.year_loaded(Date::from_day_index(x).year));
		prop_assert_eq!(dl.provisional, crosses);
		// One more working day ends strictly later.
		prop_assert!(add_working_days(&cal, trigger, n + 1).due > dl.due);
	}

	/// Without holidays, 5 working days are exactly one week.
	#[test]
	fn five_working_days_without_holidays_is_one_week(trigger in 0u32..100_000) {
		let dl = add_working_days(&StaticCalendar::new(), trigger, 5);
		prop_assume!(weekday(trigger) < 5);
		prop_assert_eq!(dl.due, trigger + 7);
	}

	/// Every instant of a day maps back to that day, on any clock.
	#[test]
	fn clock_day_bounds_map_back(
		origin_ms in 0u64..2_000_000_000_000,
		origin_day in 0u32..50_000,
		len in 1u64..=DAY_MS,
		offset in 0u32..10_000,
	) {
		let c = ChainClock::accelerated(origin_ms, origin_day, len);
		let day = origin_day + offset;
		prop_assert_eq!(c.day_at(c.day_start_ms(day)), day);
		prop_assert_eq!(c.day_at(c.day_end_ms(day)), day);
		prop_assert_eq!(c.day_at(c.day_end_ms(day) + 1), day + 1);
	}
}

/// A naive model: explicit sets, no binary search, no year tables.
struct Naive {
	loaded: std::collections::BTreeSet<u16>,
	holidays: std::collections::BTreeSet<DayIndex>,
	makeup: std::collections::BTreeSet<DayIndex>,
}

impl HolidayCalendar for Naive {
	fn year_loaded(&self, year: u16) -> bool {
		self.loaded.contains(&year)
	}
	fn is_holiday(&self, day: DayIndex) -> bool {
		self.holidays.contains(&day)
	}
	fn is_makeup_workday(&self, day: DayIndex) -> bool {
		self.makeup.contains(&day)
	}
}

proptest! {
	/// `StaticCalendar` answers like explicit sets, for random official years 2025–2027.
	#[test]
	fn static_calendar_matches_naive_model(
		picks in proptest::collection::vec((2025u16..=2027, 0u32..366, any::<bool>()), 0..80),
		unloaded in 2025u16..=2028,
		trigger in day(2024, 12, 1)..day(2028, 1, 31),
		n in 0u32..40,
	) {
		let mut naive = Naive {
			loaded: (2025..=2027).filter(|&y| y != unloaded).collect(),
			holidays: Default::default(),
			makeup: Default::default(),
		};
		for (year, offset, holiday) in picks {
			if year == unloaded {
				continue;
			}
			let d = day(year, 1, 1) + offset;
			if Date::from_day_index(d).year != year {
				continue;
			}
			if holiday && !naive.makeup.contains(&d) {
				naive.holidays.insert(d);
			} else if !holiday && weekday(d) >= 5 && !naive.holidays.contains(&d) {
				naive.makeup.insert(d);
			}
		}
		let mut cal = StaticCalendar::new();
		for &y in &naive.loaded {
			let of_year = |s: &std::collections::BTreeSet<DayIndex>| {
				s.iter().copied().filter(|&d| Date::from_day_index(d).year == y).collect()
			};
			cal.insert(OfficialYear::new(y, of_year(&naive.holidays), of_year(&naive.makeup)).unwrap());
		}
		for d in trigger..trigger + 60 {
			prop_assert_eq!(is_working_day(&cal, d), is_working_day(&naive, d));
		}
		prop_assert_eq!(add_working_days(&cal, trigger, n), add_working_days(&naive, trigger, n));
	}
}

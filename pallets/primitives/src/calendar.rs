//! Working-day arithmetic (docs/spec/DESIGN.md §4, docs/spec/requirements.md §2.9, Q3, Q13).
//!
//! Dates are Asia/Shanghai civil dates, counted as [`DayIndex`] (days since 1970-01-01).
//! A working day (工作日) is Monday–Friday, minus the State Council holidays (放假), plus the make-up
//! workdays (调休上班) of the year. A year whose calendar is not loaded counts Monday–Friday and
//! makes every deadline that crosses it *provisional*.
//!
//! Day-count rule (Q3): the trigger day is excluded; day 1 is the first working day after it; a
//! deadline of N working days ends at 23:59:59.999 Asia/Shanghai on day N ([`ChainClock::day_end_ms`]).
//!
//! Chain time → date: a [`ChainClock`] maps `pallet_timestamp` milliseconds to a [`DayIndex`]. Real
//! chains use [`ChainClock::SHANGHAI`] (86 400 s days aligned to UTC+8 midnight); dev and test chains
//! use a short `day_length_ms`, so days pass in seconds while every rule stays the same.

use crate::Moment;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Days since 1970-01-01 (Asia/Shanghai civil date).
pub type DayIndex = u32;

/// Milliseconds in a real day.
pub const DAY_MS: u64 = 86_400_000;
/// Asia/Shanghai offset from UTC in milliseconds (UTC+8, no daylight saving).
pub const SHANGHAI_OFFSET_MS: u64 = 8 * 3_600_000;

/// A civil date (proleptic Gregorian).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Date {
	/// Year, e.g. 2026.
	pub year: u16,
	/// Month 1..=12.
	pub month: u8,
	/// Day of month 1..=31.
	pub day: u8,
}

/// A deadline: the last day on which the act is still in time, and whether a year without a loaded
/// calendar was crossed (then only weekends were skipped: docs/spec/DESIGN.md §4).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Deadline {
	/// Day N: the deadline ends at the end of this day.
	pub due: DayIndex,
	/// True if the count crossed a year whose official calendar is not loaded.
	pub provisional: bool,
}

impl Deadline {
	/// Whether the deadline has passed on `today` (the whole of day `due` is still in time).
	pub fn is_overdue(&self, today: DayIndex) -> bool {
		today > self.due
	}

	/// The last instant still in time under `clock`: 23:59:59.999 Asia/Shanghai of day `due` on a
	/// real clock (Q3).
	pub fn ends_at(&self, clock: &ChainClock) -> Moment {
		clock.day_end_ms(self.due)
	}
}

/// Source of the official holiday and make-up-workday sets (implemented by `pallet-calendar`,
/// and by an in-memory table in tests and in the client).
pub trait HolidayCalendar {
	/// Whether the official calendar of `year` is loaded.
	fn year_loaded(&self, year: u16) -> bool;
	/// Whether `day` is an official holiday (放假), even if a weekday.
	fn is_holiday(&self, day: DayIndex) -> bool;
	/// Whether `day` is an official make-up workday (调休上班), even if a Saturday or Sunday.
	fn is_makeup_workday(&self, day: DayIndex) -> bool;
}

/// Day of week, 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday.
pub fn weekday(day: DayIndex) -> u8 {
	u8::try_from((u64::from(day) + 3) % 7).unwrap_or(0)
}

impl Date {
	/// Builds a date, checking month and day ranges.
	pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
		if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
			return None;
		}
		Some(Self { year, month, day })
	}

	/// Days since 1970-01-01 (dates before 1970 saturate to 0).
	pub fn to_day_index(&self) -> DayIndex {
		// Howard Hinnant's days_from_civil.
		let y = i64::from(self.year) - i64::from(self.month <= 2);
		let era = y.div_euclid(400);
		let yoe = y - era * 400;
		let m = i64::from(self.month);
		let mp = if m > 2 { m - 3 } else { m + 9 };
		let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
		let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
		let days = era * 146_097 + doe - 719_468;
		DayIndex::try_from(days.max(0)).unwrap_or(DayIndex::MAX)
	}

	/// The civil date of a day index.
	pub fn from_day_index(day: DayIndex) -> Self {
		// Howard Hinnant's civil_from_days.
		let z = i64::from(day) + 719_468;
		let era = z.div_euclid(146_097);
		let doe = z - era * 146_097;
		let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
		let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
		let mp = (5 * doy + 2) / 153;
		let d = doy - (153 * mp + 2) / 5 + 1;
		let m = if mp < 10 { mp + 3 } else { mp - 9 };
		let y = yoe + era * 400 + i64::from(m <= 2);
		Self {
			year: u16::try_from(y).unwrap_or(u16::MAX),
			month: u8::try_from(m).unwrap_or(1),
			day: u8::try_from(d).unwrap_or(1),
		}
	}

	/// Parses an ISO 8601 calendar date `YYYY-MM-DD` (exactly ten ASCII characters), as in
	/// `cn-holidays.json` and chain specs.
	pub fn parse(s: &str) -> Option<Self> {
		let b = s.as_bytes();
		if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
			return None;
		}
		let num = |r: &[u8]| -> Option<u16> {
			r.iter()
				.try_fold(0u16, |acc, c| c.is_ascii_digit().then(|| acc * 10 + u16::from(c - b'0')))
		};
		let year = num(&b[..4])?;
		let month = u8::try_from(num(&b[5..7])?).ok()?;
		let day = u8::try_from(num(&b[8..10])?).ok()?;
		Self::new(year, month, day)
	}

	/// Day of week, 0 = Monday … 6 = Sunday (see [`weekday`]).
	pub fn weekday(&self) -> u8 {
		weekday(self.to_day_index())
	}

	/// The same month and day `years` later; 29 February maps to 28 February (Q13(c)).
	pub fn add_years(&self, years: u16) -> Self {
		let year = self.year.saturating_add(years);
		let day = self.day.min(days_in_month(year, self.month));
		Self { year, month: self.month, day }
	}
}

impl core::str::FromStr for Date {
	type Err = ();
	fn from_str(s: &str) -> Result<Self, Self::Err> {
		Self::parse(s).ok_or(())
	}
}

impl core::fmt::Display for Date {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
	}
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: u16) -> bool {
	(year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in `month` of `year`.
pub fn days_in_month(year: u16, month: u8) -> u8 {
	match month {
		1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
		4 | 6 | 9 | 11 => 30,
		2 if is_leap_year(year) => 29,
		2 => 28,
		_ => 0,
	}
}

/// Whether `day` is a working day under `cal` (weekdays minus holidays plus make-up workdays).
pub fn is_working_day<C: HolidayCalendar + ?Sized>(cal: &C, day: DayIndex) -> bool {
	if cal.is_makeup_workday(day) {
		return true;
	}
	if cal.is_holiday(day) {
		return false;
	}
	weekday(day) < 5
}

/// Day N of an N-working-day period triggered on `trigger` (trigger day excluded, Q3).
/// `n == 0` yields the trigger day itself.
pub fn add_working_days<C: HolidayCalendar + ?Sized>(
	cal: &C,
	trigger: DayIndex,
	n: u32,
) -> Deadline {
	let mut day = trigger;
	let mut left = n;
	let mut provisional = false;
	while left > 0 {
		day = day.saturating_add(1);
		if !cal.year_loaded(Date::from_day_index(day).year) {
			provisional = true;
		}
		if is_working_day(cal, day) {
			left -= 1;
		}
		if day == DayIndex::MAX {
			break;
		}
	}
	Deadline { due: day, provisional }
}

/// Why a year's official calendar (holidays and make-up workdays) was refused. Shared by
/// `pallet-calendar` (which maps each variant to a typed error) and off-chain tools.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum YearError {
	/// A date lies outside the year it is listed under.
	DateOutsideYear(DayIndex),
	/// A make-up workday (调休上班) is a Monday–Friday, which is a working day anyway.
	MakeupNotWeekend(DayIndex),
	/// A date is listed both as a holiday and as a make-up workday.
	InBothLists(DayIndex),
}

impl YearError {
	/// A readable description of the refusal of `year`, naming the date at fault
	/// (`2030: make-up workday 2030-01-07 is not a Saturday or Sunday`): the one wording of chain
	/// specs (`pallet_calendar::official`) and calendar files (`dengji_client::calendar`).
	pub fn describe(self, year: u16) -> alloc::string::String {
		let date = Date::from_day_index;
		match self {
			Self::DateOutsideYear(d) => alloc::format!("{year}: {} is not in {year}", date(d)),
			Self::MakeupNotWeekend(d) => {
				alloc::format!("{year}: make-up workday {} is not a Saturday or Sunday", date(d))
			}
			Self::InBothLists(d) => {
				alloc::format!("{year}: {} is both a holiday and a make-up workday", date(d))
			}
		}
	}
}

/// Sorts and deduplicates `days` in place.
pub fn normalize_days(days: &mut alloc::vec::Vec<DayIndex>) {
	days.sort_unstable();
	days.dedup();
}

/// Checks one year's official calendar: every date inside `year`, holidays on any weekday,
/// make-up workdays on Saturday or Sunday only, and no date in both lists (docs/spec/DESIGN.md §4).
/// The lists need not be sorted.
pub fn check_official_year(
	year: u16,
	holidays: &[DayIndex],
	makeup_workdays: &[DayIndex],
) -> Result<(), YearError> {
	let in_year = |d: DayIndex| Date::from_day_index(d).year == year;
	if let Some(&d) = holidays.iter().chain(makeup_workdays).find(|&&d| !in_year(d)) {
		return Err(YearError::DateOutsideYear(d));
	}
	if let Some(&d) = makeup_workdays.iter().find(|&&d| weekday(d) < 5) {
		return Err(YearError::MakeupNotWeekend(d));
	}
	if let Some(&d) = makeup_workdays.iter().find(|d| holidays.contains(d)) {
		return Err(YearError::InBothLists(d));
	}
	Ok(())
}

/// One year of the official calendar: sorted, deduplicated holiday and make-up-workday days.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct OfficialYear {
	/// The calendar year.
	pub year: u16,
	/// Official holidays (放假), sorted, no duplicates.
	pub holidays: alloc::vec::Vec<DayIndex>,
	/// Official make-up workdays (调休上班), sorted, no duplicates.
	pub makeup_workdays: alloc::vec::Vec<DayIndex>,
}

impl OfficialYear {
	/// Sorts, deduplicates and checks ([`check_official_year`]) one year's lists.
	pub fn new(
		year: u16,
		mut holidays: alloc::vec::Vec<DayIndex>,
		mut makeup_workdays: alloc::vec::Vec<DayIndex>,
	) -> Result<Self, YearError> {
		normalize_days(&mut holidays);
		normalize_days(&mut makeup_workdays);
		check_official_year(year, &holidays, &makeup_workdays)?;
		Ok(Self { year, holidays, makeup_workdays })
	}

	/// [`OfficialYear::new`] from civil dates.
	pub fn from_dates(
		year: u16,
		holidays: &[Date],
		makeup_workdays: &[Date],
	) -> Result<Self, YearError> {
		let idx = |ds: &[Date]| ds.iter().map(Date::to_day_index).collect();
		Self::new(year, idx(holidays), idx(makeup_workdays))
	}
}

/// An in-memory [`HolidayCalendar`]: a set of [`OfficialYear`]s kept sorted by year. Used by tests
/// and by the verification client; `no_std` + `alloc`.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct StaticCalendar {
	years: alloc::vec::Vec<OfficialYear>,
}

impl StaticCalendar {
	/// A calendar with no year loaded: every count is Monday–Friday and provisional.
	pub fn new() -> Self {
		Self::default()
	}

	/// Adds (or replaces) one year.
	pub fn insert(&mut self, year: OfficialYear) {
		match self.years.binary_search_by_key(&year.year, |y| y.year) {
			Ok(i) => self.years[i] = year,
			Err(i) => self.years.insert(i, year),
		}
	}

	/// Builder form of [`StaticCalendar::insert`].
	pub fn with_year(mut self, year: OfficialYear) -> Self {
		self.insert(year);
		self
	}

	/// Removes one year, returning it if it was loaded.
	pub fn remove(&mut self, year: u16) -> Option<OfficialYear> {
		let i = self.years.binary_search_by_key(&year, |y| y.year).ok()?;
		Some(self.years.remove(i))
	}

	/// The loaded calendar of `year`.
	pub fn year(&self, year: u16) -> Option<&OfficialYear> {
		let i = self.years.binary_search_by_key(&year, |y| y.year).ok()?;
		self.years.get(i)
	}

	/// The loaded years, in increasing order.
	pub fn years(&self) -> impl Iterator<Item = &OfficialYear> {
		self.years.iter()
	}

	fn year_of(&self, day: DayIndex) -> Option<&OfficialYear> {
		self.year(Date::from_day_index(day).year)
	}
}

impl HolidayCalendar for StaticCalendar {
	fn year_loaded(&self, year: u16) -> bool {
		self.year(year).is_some()
	}
	fn is_holiday(&self, day: DayIndex) -> bool {
		self.year_of(day).is_some_and(|y| y.holidays.binary_search(&day).is_ok())
	}
	fn is_makeup_workday(&self, day: DayIndex) -> bool {
		self.year_of(day).is_some_and(|y| y.makeup_workdays.binary_search(&day).is_ok())
	}
}

/// How chain time (UTC milliseconds) maps to days. Stored by `pallet-calendar`, fixed at genesis.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ChainClock {
	/// The instant at which day `origin_day` starts.
	pub origin_ms: Moment,
	/// The day that starts at `origin_ms`.
	pub origin_day: DayIndex,
	/// Length of one day in milliseconds (86 400 000 on real chains).
	pub day_length_ms: u64,
}

impl Default for ChainClock {
	/// [`ChainClock::SHANGHAI`].
	fn default() -> Self {
		Self::SHANGHAI
	}
}

impl ChainClock {
	/// Real time: days of 86 400 s starting at Asia/Shanghai midnight. Origin 2000-01-01 (day 10957).
	pub const SHANGHAI: Self = Self {
		origin_ms: 10_957 * DAY_MS - SHANGHAI_OFFSET_MS,
		origin_day: 10_957,
		day_length_ms: DAY_MS,
	};

	/// A clock with short days (dev/test chains) whose day `origin_day` starts at `origin_ms`.
	pub fn accelerated(origin_ms: Moment, origin_day: DayIndex, day_length_ms: u64) -> Self {
		Self { origin_ms, origin_day, day_length_ms: day_length_ms.max(1) }
	}

	/// An accelerated clock started at instant `now`: day 1 of the chain is today's real
	/// Asia/Shanghai date and a new day begins every `day_length_ms` from `now` (dev chains).
	pub fn accelerated_from(now: Moment, day_length_ms: u64) -> Self {
		Self::accelerated(now, Self::SHANGHAI.day_at(now), day_length_ms)
	}

	/// Whether this is the real Asia/Shanghai clock (86 400 s days at UTC+8 midnight).
	pub fn is_real_time(&self) -> bool {
		self.day_length_ms == DAY_MS
			&& self.origin_ms.checked_add(SHANGHAI_OFFSET_MS)
				== u64::from(self.origin_day).checked_mul(DAY_MS)
	}

	/// The day containing instant `now` (instants before the origin belong to the origin day).
	pub fn day_at(&self, now: Moment) -> DayIndex {
		let elapsed = now.saturating_sub(self.origin_ms) / self.day_length_ms.max(1);
		self.origin_day.saturating_add(DayIndex::try_from(elapsed).unwrap_or(DayIndex::MAX))
	}

	/// The first millisecond of `day` (days before the origin map to the origin).
	pub fn day_start_ms(&self, day: DayIndex) -> Moment {
		let days = u64::from(day.saturating_sub(self.origin_day));
		self.origin_ms.saturating_add(days.saturating_mul(self.day_length_ms))
	}

	/// The last millisecond of `day` (23:59:59.999 on a real clock).
	pub fn day_end_ms(&self, day: DayIndex) -> Moment {
		self.day_start_ms(day.saturating_add(1)).saturating_sub(1)
	}
}

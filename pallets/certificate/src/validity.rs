//! Validity arithmetic (YX-R §23; Q13, Q14). Pure functions of a [`ChainClock`], so the client and
//! the tests compute the same instants as the runtime.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dengji_primitives::{
	calendar::{ChainClock, Date, DayIndex},
	Moment,
};

/// Last valid instant of a certificate issued on `issue_day` for `years` years: the last instant of
/// (issue date + `years` years − 1 day), i.e. the start of the same month and day `years` later,
/// minus 1 ms. 29 February maps to 28 February (Q13(c)), so a certificate issued on 2028-02-29 is
/// valid until the end of 2031-02-27.
pub fn fresh_valid_until(clock: &ChainClock, issue_day: DayIndex, years: u16) -> Moment {
	let anniversary = Date::from_day_index(issue_day).add_years(years).to_day_index();
	clock.day_start_ms(anniversary).saturating_sub(1)
}

/// `valid_until` extended by `years` years counted from the old expiry (YX-R §23 ¶2, Q14): the
/// term starts at the instant after `valid_until` and lasts `years` calendar years.
pub fn renewed_valid_until(clock: &ChainClock, valid_until: Moment, years: u16) -> Moment {
	let start = valid_until.saturating_add(1);
	let day = clock.day_at(start);
	let offset = start.saturating_sub(clock.day_start_ms(day));
	let end_day = Date::from_day_index(day).add_years(years).to_day_index();
	clock.day_start_ms(end_day).saturating_add(offset).saturating_sub(1)
}

/// The day containing `valid_until` (期满日, the last day of validity).
pub fn expiry_day(clock: &ChainClock, valid_until: Moment) -> DayIndex {
	clock.day_at(valid_until)
}

/// Whether `today` lies in the renewal window of a certificate valid until `valid_until`: the
/// `window_days` calendar days before its last day, and that last day itself (YX-R §23 ¶2
/// "在期满前60日内"): with a 60-day window, day 60 before the last day is in, day 61 is out.
/// `now` after `valid_until` is out (expired).
pub fn in_renewal_window(
	clock: &ChainClock,
	valid_until: Moment,
	now: Moment,
	window_days: u32,
) -> bool {
	if now > valid_until {
		return false;
	}
	let last = expiry_day(clock, valid_until);
	let today = clock.day_at(now);
	last.saturating_sub(today) <= window_days
}

/// The first day wholly after `valid_until`: the day a certificate is queued for expiry on.
pub fn first_expired_day(clock: &ChainClock, valid_until: Moment) -> DayIndex {
	expiry_day(clock, valid_until).saturating_add(1)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn day(y: u16, m: u8, d: u8) -> DayIndex {
		Date::new(y, m, d).map(|d| d.to_day_index()).unwrap_or_default()
	}

	const C: ChainClock = ChainClock::SHANGHAI;

	/// YX-R §23 ¶1, Q13(c): 3 years from the date of issue, inclusive end of (issue + 3y − 1 day).
	#[test]
	fn fresh_validity_is_three_years_minus_one_day_inclusive() {
		let until = fresh_valid_until(&C, day(2026, 3, 10), 3);
		assert_eq!(until, C.day_end_ms(day(2029, 3, 9)));
	}

	/// Q13(c): 29 February + 3 years maps to 28 February, so validity ends on 27 February.
	#[test]
	fn fresh_validity_from_29_february_ends_27_february() {
		let until = fresh_valid_until(&C, day(2028, 2, 29), 3);
		assert_eq!(until, C.day_end_ms(day(2031, 2, 27)));
	}

	/// YX-R §23 ¶2: renewal counts from the old expiry.
	#[test]
	fn renewal_counts_from_old_expiry() {
		let old = C.day_end_ms(day(2029, 2, 28));
		assert_eq!(renewed_valid_until(&C, old, 3), C.day_end_ms(day(2032, 2, 29)));
		assert_eq!(renewed_valid_until(&C, old, 1), C.day_end_ms(day(2030, 2, 28)));
	}

	/// A mid-day expiry (AO-capped) keeps its time of day when renewed.
	#[test]
	fn renewal_of_mid_day_expiry_keeps_time_of_day() {
		let old = C.day_start_ms(day(2027, 6, 1)) + 3_600_000;
		assert_eq!(renewed_valid_until(&C, old, 1), C.day_start_ms(day(2028, 6, 1)) + 3_600_000);
	}

	/// YX-R §23 ¶2: the window is the 60 calendar days before the last day, plus that day.
	#[test]
	fn renewal_window_boundaries() {
		let last = day(2029, 3, 9);
		let until = C.day_end_ms(last);
		let at = |d: DayIndex| C.day_start_ms(d) + 1;
		assert!(!in_renewal_window(&C, until, at(last - 61), 60));
		assert!(in_renewal_window(&C, until, at(last - 60), 60));
		assert!(in_renewal_window(&C, until, at(last), 60));
		assert!(in_renewal_window(&C, until, until, 60));
		assert!(!in_renewal_window(&C, until, until + 1, 60));
	}
}

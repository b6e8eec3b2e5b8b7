//! Unit and property tests of the primitives. Vectors are hand-checked; each test cites the rule
//! it checks (docs/spec/requirements.md question, YX-R article or standard).
#![allow(clippy::unwrap_used)]

mod calendar;
mod certificate;
mod code;
mod division;
#[cfg(feature = "sm2")]
mod sm2;
mod uscc;

use crate::calendar::{Date, DayIndex};

/// The day index of a civil date (test helper; panics on an invalid date).
pub(crate) fn day(y: u16, m: u8, d: u8) -> DayIndex {
	Date::new(y, m, d).expect("valid test date").to_day_index()
}

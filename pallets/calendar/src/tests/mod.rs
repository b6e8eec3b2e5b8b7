//! Tests of the calendar pallet, per feature: `years` (the governed calls), `deadlines`
//! (working-day counts over the official 2025–2026 calendars), `clock` (real and accelerated
//! clocks), `genesis` (chain-spec data and the genesis build), `periods` (the legal periods set by the data
//! authority, Q37).

mod clock;
mod deadlines;
mod genesis;
mod periods;
mod years;

use crate::{mock::Test, DatesOf};
use dengji_primitives::calendar::{Date, DayIndex};
use frame_support::BoundedVec;

/// Parses `YYYY-MM-DD`.
pub fn iso(s: &str) -> Date {
	Date::parse(s).unwrap_or_else(|| panic!("bad test date {s}"))
}

/// The day index of `YYYY-MM-DD`.
pub fn day(s: &str) -> DayIndex {
	iso(s).to_day_index()
}

/// A call's date list.
pub fn dates(list: &[&str]) -> DatesOf<Test> {
	BoundedVec::truncate_from(list.iter().map(|s| iso(s)).collect())
}

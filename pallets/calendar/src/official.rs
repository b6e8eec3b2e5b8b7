//! The State Council calendars in the `cn-holidays.json` format (docs/spec/DESIGN.md §10), for chain specs
//! and genesis presets. `no_std` + `alloc`, so the runtime's presets can use it too.
//!
//! Format: `{ "years": { "2026": { "holidays": ["2026-01-01", …], "makeup_workdays": […],
//! "source": "…" }, … }, … }`. Other keys are ignored.

use crate::types::{GenesisYear, IsoDate};
use alloc::{format, string::String, vec::Vec};
use dengji_primitives::calendar::{Date, OfficialYear, YearError};
use serde_json::Value;

/// `res/cn-holidays.json`: the official 2025 and 2026 calendars (State Council notices).
pub const CN_HOLIDAYS_JSON: &str = include_str!("../res/cn-holidays.json");

/// Parses the `cn-holidays.json` format into genesis years, sorted by year. Every year is checked
/// as `set_year` would check it (dates inside the year, make-up workdays on weekends, lists
/// disjoint); the error names the offending year and date.
pub fn official_years_from_json(json: &str) -> Result<Vec<GenesisYear>, String> {
	let root: Value = serde_json::from_str(json).map_err(|e| format!("invalid JSON: {e}"))?;
	let years = root
		.get("years")
		.and_then(Value::as_object)
		.ok_or_else(|| String::from("missing object \"years\""))?;
	let mut out = Vec::with_capacity(years.len());
	for (key, entry) in years {
		let year: u16 = key.parse().map_err(|_| format!("year key {key:?} is not a year"))?;
		let list = |field: &str| -> Result<Vec<IsoDate>, String> {
			let items = match entry.get(field) {
				None => return Ok(Vec::new()),
				Some(v) => {
					v.as_array().ok_or_else(|| format!("{year}: {field} is not an array"))?
				}
			};
			items
				.iter()
				.map(|v| {
					v.as_str()
						.and_then(Date::parse)
						.map(IsoDate)
						.ok_or_else(|| format!("{year}: {field}: {v} is not a YYYY-MM-DD date"))
				})
				.collect()
		};
		let gy = GenesisYear {
			year,
			holidays: list("holidays")?,
			makeup_workdays: list("makeup_workdays")?,
		};
		check_genesis_year(&gy)?;
		out.push(gy);
	}
	out.sort_by_key(|y| y.year);
	Ok(out)
}

/// The embedded official calendars ([`CN_HOLIDAYS_JSON`]); the file is checked by the tests, so
/// an error here means the crate was built from a corrupted copy.
pub fn cn_official_years() -> Result<Vec<GenesisYear>, String> {
	official_years_from_json(CN_HOLIDAYS_JSON)
}

/// Checks a genesis year with [`dengji_primitives::calendar::check_official_year`], describing
/// the failure.
pub fn check_genesis_year(gy: &GenesisYear) -> Result<(), String> {
	OfficialYear::from_dates(gy.year, &gy.holiday_dates(), &gy.makeup_dates())
		.map(|_| ())
		.map_err(|e| describe(gy.year, e))
}

/// A readable description of a [`YearError`] in `year` ([`YearError::describe`]).
pub fn describe(year: u16, e: YearError) -> String {
	e.describe(year)
}

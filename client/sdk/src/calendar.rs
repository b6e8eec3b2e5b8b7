//! Official calendar years in the `cn-holidays.json` format (docs/spec/DESIGN.md §4, §10): the
//! State Council's holidays (放假) and make-up workdays (调休上班) that the data authority loads
//! with `Calendar::set_year` ([`crate::roles::authority::set_year`]). From 2027 on, working-day
//! deadlines crossing a year that is not loaded are provisional, so each year is loaded once the
//! State Council publishes it.
//!
//! Format (the repository's `docs/spec/calendar/cn-holidays.json`):
//! `{ "years": { "2026": { "holidays": ["2026-01-01", …], "makeup_workdays": […], "source": "…" },
//! … }, … }`; other keys are ignored. Every year is checked here as `set_year` checks it (dates
//! inside the year, make-up workdays on a Saturday or Sunday, no date in both lists), so a bad
//! file is refused before a motion is proposed.

use crate::error::{Error, Result};
use dengji_primitives::calendar::{Date, OfficialYear};
use serde_json::Value;

/// One official year of the file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CalendarYear {
	/// The year.
	pub year: u16,
	/// Non-working days of the year (any weekday), as listed.
	pub holidays: Vec<Date>,
	/// Saturdays and Sundays of the year that are working days, as listed.
	pub makeup_workdays: Vec<Date>,
	/// The notice the year comes from (`source`), when given.
	pub source: Option<String>,
}

impl CalendarYear {
	/// The `Calendar::set_year` call loading this year.
	pub fn set_year(&self) -> crate::Call {
		crate::roles::authority::set_year(self.year, &self.holidays, &self.makeup_workdays)
	}
}

fn bad(reason: String) -> Error {
	Error::Decode { what: "calendar file (cn-holidays.json format)", reason }
}

/// Every year of a `cn-holidays.json`-format document, sorted by year, each checked as
/// `Calendar::set_year` checks it; the error names the year and the date at fault.
pub fn official_years(json: &str) -> Result<Vec<CalendarYear>> {
	let root: Value = serde_json::from_str(json).map_err(|e| bad(format!("invalid JSON: {e}")))?;
	let years = root
		.get("years")
		.and_then(Value::as_object)
		.ok_or_else(|| bad("no object \"years\"".into()))?;
	let mut out = Vec::with_capacity(years.len());
	for (key, entry) in years {
		let year: u16 = key
			.parse()
			.ok()
			.filter(|y| (2000..=9999).contains(y))
			.ok_or_else(|| bad(format!("year key {key:?} is not a year in 2000..=9999")))?;
		let list = |field: &str| -> Result<Vec<Date>> {
			let Some(v) = entry.get(field) else { return Ok(Vec::new()) };
			let items =
				v.as_array().ok_or_else(|| bad(format!("{year}: {field} is not a list")))?;
			items
				.iter()
				.map(|v| {
					v.as_str().and_then(Date::parse).ok_or_else(|| {
						bad(format!("{year}: {field}: {v} is not a YYYY-MM-DD date"))
					})
				})
				.collect()
		};
		let (holidays, makeup_workdays) = (list("holidays")?, list("makeup_workdays")?);
		OfficialYear::from_dates(year, &holidays, &makeup_workdays)
			.map_err(|e| bad(e.describe(year)))?;
		let source = entry.get("source").and_then(Value::as_str).map(str::to_string);
		out.push(CalendarYear { year, holidays, makeup_workdays, source });
	}
	out.sort_by_key(|y| y.year);
	Ok(out)
}

/// The year `year` of a `cn-holidays.json`-format document.
pub fn official_year(json: &str, year: u16) -> Result<CalendarYear> {
	official_years(json)?
		.into_iter()
		.find(|y| y.year == year)
		.ok_or_else(|| bad(format!("the file has no year {year}")))
}

#[cfg(test)]
mod tests {
	use super::*;

	const CN: &str = include_str!("../../../docs/spec/calendar/cn-holidays.json");

	#[test]
	fn the_repositorys_file_reads_with_its_state_council_years() {
		let years = official_years(CN).unwrap();
		assert!(years.iter().any(|y| y.year == 2026));
		let y2026 = official_year(CN, 2026).unwrap();
		// 国务院办公厅关于2026年部分节假日安排的通知: 1 January is a holiday.
		assert!(y2026.holidays.contains(&Date::parse("2026-01-01").unwrap()));
		assert!(y2026.source.as_deref().unwrap_or("").contains("2026"));
		assert_eq!(y2026.set_year().label(), "Calendar.set_year");
		assert!(official_year(CN, 2099).is_err());
	}

	#[test]
	fn a_year_set_year_would_refuse_is_refused_with_its_date() {
		// 2030-01-07 is a Monday: not a make-up workday (DESIGN §4).
		let json =
			r#"{"years":{"2030":{"holidays":["2030-01-01"],"makeup_workdays":["2030-01-07"]}}}"#;
		let e = official_years(json).unwrap_err().to_string();
		assert!(e.contains("2030-01-07"), "{e}");
		let outside = r#"{"years":{"2030":{"holidays":["2031-01-01"]}}}"#;
		assert!(official_years(outside).unwrap_err().to_string().contains("2031-01-01"));
		assert!(official_years(r#"{"years":{"20x0":{}}}"#).is_err());
		assert!(official_years("[]").is_err());
	}
}

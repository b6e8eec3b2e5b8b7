//! Genesis: the official calendars of `cn-holidays.json` (docs/spec/DESIGN.md §10) and the clock choice.

use super::{day, iso};
use crate::{
	mock::*,
	official::{self, cn_official_years, official_years_from_json, CN_HOLIDAYS_JSON},
	pallet::{ClockStartPending, GenesisConfig, Years},
	GenesisYear, IsoDate,
};
use dengji_primitives::calendar::{ChainClock, DAY_MS};
use frame_support::traits::{BuildGenesisConfig, Hooks};

/// The embedded file is the in-repository reference data (`docs/spec/calendar/cn-holidays.json`),
/// byte for byte; the test fails when the reference file is missing.
#[test]
fn embedded_calendar_is_the_reference_file() {
	let manifest = std::env::var("CARGO_MANIFEST_DIR")
		.unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
	let path = format!("{manifest}/../../docs/spec/calendar/cn-holidays.json");
	let reference = std::fs::read_to_string(&path)
		.unwrap_or_else(|e| panic!("reference calendar {path} is missing: {e}"));
	assert_eq!(reference, CN_HOLIDAYS_JSON);
}

#[test]
fn official_years_parse_from_json() {
	let years = cn_official_years().unwrap();
	assert_eq!(years.iter().map(|y| y.year).collect::<Vec<_>>(), vec![2025, 2026]);
	let y26 = &years[1];
	assert_eq!(y26.holidays.len(), 33);
	assert_eq!(y26.makeup_workdays.len(), 6);
	assert_eq!(y26.holidays[3], IsoDate(iso("2026-02-15")));
	assert_eq!(y26.makeup_workdays[1], IsoDate(iso("2026-02-14")));
	assert_eq!(years[0].holidays.len(), 28);
	assert_eq!(years[0].makeup_workdays.len(), 5);
}

#[test]
fn official_years_from_bad_json_are_refused_with_reason() {
	let err = |json: &str| official_years_from_json(json).unwrap_err();
	assert!(err("{").starts_with("invalid JSON"));
	assert!(err(r#"{"about": "x"}"#).contains("years"));
	assert!(err(r#"{"years": {"20x6": {}}}"#).contains("20x6"));
	assert!(err(r#"{"years": {"2026": {"holidays": "2026-01-01"}}}"#).contains("not an array"));
	assert!(err(r#"{"years": {"2026": {"holidays": ["2026-02-30"]}}}"#).contains("2026-02-30"));
	assert!(err(r#"{"years": {"2026": {"holidays": ["2025-12-31"]}}}"#).contains("not in 2026"));
	assert!(err(r#"{"years": {"2026": {"makeup_workdays": ["2026-02-13"]}}}"#)
		.contains("not a Saturday or Sunday"));
	assert!(err(
		r#"{"years": {"2026": {"holidays": ["2026-02-14"], "makeup_workdays": ["2026-02-14"]}}}"#
	)
	.contains("both"));
	// Missing lists are empty; other keys are ignored.
	let ok = official_years_from_json(r#"{"years": {"2027": {"source": "draft"}}}"#).unwrap();
	assert_eq!(ok, vec![GenesisYear { year: 2027, ..Default::default() }]);
}

/// The chain-spec form: camelCase keys, dates as `YYYY-MM-DD` strings; it round trips.
#[test]
fn genesis_config_json_uses_iso_dates() {
	let gy = GenesisYear::new(2026, &[iso("2026-10-01")], &[iso("2026-10-10")]);
	let json = serde_json::to_value(&gy).unwrap();
	assert_eq!(
		json,
		serde_json::json!({"year": 2026, "holidays": ["2026-10-01"], "makeupWorkdays": ["2026-10-10"]})
	);
	assert_eq!(serde_json::from_value::<GenesisYear>(json).unwrap(), gy);
	assert!(serde_json::from_value::<GenesisYear>(
		serde_json::json!({"year": 2026, "holidays": ["2026-13-01"], "makeupWorkdays": []})
	)
	.is_err());
	let config = GenesisConfig::<Test> {
		years: vec![gy],
		day_length_ms: 6_000,
		_config: Default::default(),
	};
	let json = serde_json::to_value(&config).unwrap();
	assert_eq!(json["dayLengthMs"], 6_000);
	let back: GenesisConfig<Test> = serde_json::from_value(json).unwrap();
	assert_eq!((back.years, back.day_length_ms), (config.years, 6_000));
	// The default is a real chain with no year.
	let default = GenesisConfig::<Test>::default();
	assert_eq!((default.years.len(), default.day_length_ms), (0, DAY_MS));
}

#[test]
fn genesis_loads_official_years_on_a_real_clock() {
	ExtBuilder::default().build_and_execute(|| {
		let y26 = Years::<Test>::get(2026).unwrap();
		assert_eq!(y26.holidays.len(), 33);
		assert!(y26.holidays.windows(2).all(|w| w[0] < w[1]));
		assert_eq!(y26.makeup_workdays.first(), Some(&day("2026-01-04")));
		assert!(Years::<Test>::contains_key(2025));
		assert!(!Years::<Test>::contains_key(2027));
		assert_eq!(Calendar::current_clock(), ChainClock::SHANGHAI);
		assert!(!ClockStartPending::<Test>::get());
	});
}

/// Genesis may load past years (a chain launched in 2026 ships 2025), unlike `set_year`.
#[test]
fn genesis_accepts_past_years() {
	ExtBuilder::default().now(at(day("2030-01-02"), 10)).build_and_execute(|| {
		assert!(Years::<Test>::contains_key(2025));
	});
}

fn build_genesis(years: Vec<GenesisYear>, day_length_ms: u64) {
	sp_io::TestExternalities::default().execute_with(|| {
		GenesisConfig::<Test> { years, day_length_ms, _config: Default::default() }.build();
	});
}

#[test]
#[should_panic(expected = "listed twice")]
fn genesis_with_duplicate_year_panics() {
	let y = GenesisYear::new(2026, &[], &[]);
	build_genesis(vec![y.clone(), y], DAY_MS);
}

#[test]
#[should_panic(expected = "MakeupNotWeekend")]
fn genesis_with_invalid_year_panics() {
	build_genesis(vec![GenesisYear::new(2026, &[], &[iso("2026-02-13")])], DAY_MS);
}

#[test]
#[should_panic(expected = "day_length_ms must be positive")]
fn genesis_with_zero_day_length_panics() {
	build_genesis(vec![], 0);
}

#[test]
fn integrity_test_passes() {
	Calendar::integrity_test();
}

#[test]
fn describe_names_the_date() {
	use dengji_primitives::calendar::YearError;
	assert_eq!(
		official::describe(2026, YearError::InBothLists(day("2026-02-14"))),
		"2026: 2026-02-14 is both a holiday and a make-up workday"
	);
}

#[test]
fn genesis_without_years_loads_nothing() {
	new_test_ext().execute_with(|| {
		assert_eq!(Years::<Test>::iter().count(), 0);
		assert_eq!(Calendar::current_clock(), ChainClock::SHANGHAI);
		Calendar::do_try_state().unwrap();
	});
}

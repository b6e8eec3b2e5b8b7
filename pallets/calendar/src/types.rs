//! Stored and genesis representations of one year's official calendar.

use alloc::{string::String, vec::Vec};
use codec::{Decode, Encode, MaxEncodedLen};
use dengji_primitives::calendar::{Date, DayIndex};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound,
	PartialEqNoBound,
};
use scale_info::TypeInfo;

/// One year of the official calendar as stored in [`crate::Years`]: sorted, deduplicated, disjoint
/// lists of days inside the year (checked by `try_state`).
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DefaultNoBound,
	DebugNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(S))]
#[codec(mel_bound())]
pub struct YearCalendar<S: Get<u32>> {
	/// Official holidays (放假): non-working even on a Monday–Friday.
	pub holidays: BoundedVec<DayIndex, S>,
	/// Official make-up workdays (调休上班): working even on a Saturday or Sunday.
	pub makeup_workdays: BoundedVec<DayIndex, S>,
}

impl<S: Get<u32>> YearCalendar<S> {
	/// Whether `day` is a listed holiday.
	pub fn is_holiday(&self, day: DayIndex) -> bool {
		self.holidays.binary_search(&day).is_ok()
	}

	/// Whether `day` is a listed make-up workday.
	pub fn is_makeup_workday(&self, day: DayIndex) -> bool {
		self.makeup_workdays.binary_search(&day).is_ok()
	}
}

/// A civil date written `YYYY-MM-DD` in chain specs and JSON (serde only; SCALE is [`Date`]'s).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct IsoDate(pub Date);

impl serde::Serialize for IsoDate {
	fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		s.collect_str(&self.0)
	}
}

impl<'de> serde::Deserialize<'de> for IsoDate {
	fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
		let s = String::deserialize(d)?;
		Date::parse(&s)
			.map(IsoDate)
			.ok_or_else(|| serde::de::Error::custom(alloc::format!("not a YYYY-MM-DD date: {s:?}")))
	}
}

impl From<Date> for IsoDate {
	fn from(d: Date) -> Self {
		Self(d)
	}
}

/// One official year in the genesis config:
/// `{ "year": 2026, "holidays": ["2026-01-01", …], "makeupWorkdays": ["2026-01-04", …] }`.
#[derive(Clone, PartialEq, Eq, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisYear {
	/// The calendar year.
	pub year: u16,
	/// Official holidays (放假), any order.
	pub holidays: Vec<IsoDate>,
	/// Official make-up workdays (调休上班), any order; Saturdays and Sundays only.
	pub makeup_workdays: Vec<IsoDate>,
}

impl GenesisYear {
	/// A genesis year from civil dates.
	pub fn new(year: u16, holidays: &[Date], makeup_workdays: &[Date]) -> Self {
		Self {
			year,
			holidays: holidays.iter().copied().map(IsoDate).collect(),
			makeup_workdays: makeup_workdays.iter().copied().map(IsoDate).collect(),
		}
	}

	/// The holidays as dates.
	pub fn holiday_dates(&self) -> Vec<Date> {
		self.holidays.iter().map(|d| d.0).collect()
	}

	/// The make-up workdays as dates.
	pub fn makeup_dates(&self) -> Vec<Date> {
		self.makeup_workdays.iter().map(|d| d.0).collect()
	}
}

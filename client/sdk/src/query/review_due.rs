//! Periodic review reminders (定期复核更新, YX-R §6 "对登记的数据资源…定期复核更新"): the measures set
//! no period, so the chain sets no review deadline (requirements Q39: reminders off chain). This
//! query lists the active registrations whose last update is older than a number of months
//! (12 by default), for the institution to remind the subject: the last update is the issuance
//! of the registration's current certificate (first registration, change, correction or
//! renewal, YX-R §19–§23). Records only, no statistics (YX-R §24).

use super::{Snapshot, V};
use crate::error::Result;
use dengji_primitives::calendar::{Date, DayIndex};
use serde::Serialize;
use std::collections::BTreeMap;

/// The default review period in months (Q39).
pub const DEFAULT_REVIEW_MONTHS: u32 = 12;

/// A registration due for its periodic review (YX-R §6, Q39).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReviewDue {
	/// 登记证号.
	pub number: u64,
	/// Data name.
	pub data_name: String,
	/// The subject's USCC.
	pub subject: String,
	/// The registration institution (division code).
	pub institution: u32,
	/// The current certificate's code.
	pub certificate: String,
	/// The day the current certificate was issued: the last update.
	pub last_update: DayIndex,
	/// That day as a date (`YYYY-MM-DD`).
	pub last_update_date: String,
	/// Whole calendar months from the last update to the snapshot's day.
	pub months_since: u32,
}

/// Whole calendar months from `from` to `to` (0 if `to` is not later): 2026-01-31 → 2026-02-28
/// is 0 months, → 2026-03-01 is 1.
pub fn months_between(from: DayIndex, to: DayIndex) -> u32 {
	if to <= from {
		return 0;
	}
	let (a, b) = (Date::from_day_index(from), Date::from_day_index(to));
	let months = (i64::from(b.year) * 12 + i64::from(b.month))
		- (i64::from(a.year) * 12 + i64::from(a.month))
		- i64::from(b.day < a.day);
	u32::try_from(months.max(0)).unwrap_or(u32::MAX)
}

/// Keeps the entries of `institution` (all when None) whose last update is at least `months`
/// whole months before `today`, oldest first, each with its months since.
pub fn select_due(
	mut entries: Vec<ReviewDue>,
	today: DayIndex,
	months: u32,
	institution: Option<u32>,
) -> Vec<ReviewDue> {
	entries.retain_mut(|e| {
		e.months_since = months_between(e.last_update, today);
		institution.is_none_or(|i| i == e.institution) && e.months_since >= months
	});
	entries.sort_by_key(|e| (e.last_update, e.number));
	entries
}

impl Snapshot {
	/// The active registrations (of `institution`, or all) whose current certificate was issued
	/// `months` or more whole months before this snapshot's day (YX-R §6 定期复核更新, Q39).
	pub async fn review_due(
		&self,
		months: u32,
		institution: Option<u32>,
	) -> Result<Vec<ReviewDue>> {
		let mut issued: BTreeMap<String, DayIndex> = BTreeMap::new();
		for (_, v) in self.iter("Certificate", "Certificates").await? {
			let body = v.v().field("body")?;
			issued.insert(body.field("code")?.code()?.to_string(), body.field("issued_on")?.u32()?);
		}
		let mut entries = Vec::new();
		for (k, v) in self.iter("Registration", "Registrations").await? {
			let r: V<'_> = v.v();
			if r.field("status")?.variant()? != "Active" {
				continue;
			}
			let certificate = r.field("certificate")?.code()?.to_string();
			// A drafted certificate not issued yet has no record: the registration is new.
			let Some(&last_update) = issued.get(&certificate) else {
				continue;
			};
			entries.push(ReviewDue {
				number: k.v().u64()?,
				data_name: r.field("data_name")?.text()?,
				subject: r.field("subject")?.text()?,
				institution: r.field("institution")?.u32()?,
				certificate,
				last_update,
				last_update_date: Date::from_day_index(last_update).to_string(),
				months_since: 0,
			});
		}
		Ok(select_due(entries, self.today, months, institution))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn day(year: u16, month: u8, day: u8) -> DayIndex {
		Date { year, month, day }.to_day_index()
	}

	fn entry(number: u64, institution: u32, last_update: DayIndex) -> ReviewDue {
		ReviewDue {
			number,
			data_name: format!("数据{number}"),
			subject: "91530400MA6N000007".into(),
			institution,
			certificate: format!("530400-2025-{number:07}-X"),
			last_update,
			last_update_date: Date::from_day_index(last_update).to_string(),
			months_since: 0,
		}
	}

	/// YX-R §6 定期复核更新, Q39: whole calendar months, the day of the month counted.
	#[test]
	fn months_between_counts_whole_calendar_months() {
		assert_eq!(months_between(day(2026, 1, 31), day(2026, 2, 28)), 0);
		assert_eq!(months_between(day(2026, 1, 31), day(2026, 3, 1)), 1);
		assert_eq!(months_between(day(2025, 12, 6), day(2026, 12, 6)), 12);
		assert_eq!(months_between(day(2025, 12, 7), day(2026, 12, 6)), 11);
		assert_eq!(months_between(day(2026, 12, 6), day(2025, 12, 6)), 0);
	}

	/// YX-R §6, Q39: registrations last updated 12 months or more ago (the default) are due,
	/// oldest first; `--months` and `--institution` narrow the list.
	#[test]
	fn review_due_lists_registrations_not_updated_for_twelve_months_yx_r_6() {
		let today = day(2026, 12, 6);
		let entries = vec![
			entry(1, 530400, day(2025, 12, 6)),
			entry(2, 530400, day(2025, 12, 7)),
			entry(3, 530402, day(2024, 6, 1)),
			entry(4, 530400, day(2026, 11, 1)),
		];
		let due = select_due(entries.clone(), today, DEFAULT_REVIEW_MONTHS, None);
		assert_eq!(due.iter().map(|e| e.number).collect::<Vec<_>>(), vec![3, 1]);
		assert_eq!(due[0].months_since, 30);
		assert_eq!(due[1].months_since, 12);
		let due = select_due(entries.clone(), today, DEFAULT_REVIEW_MONTHS, Some(530400));
		assert_eq!(due.iter().map(|e| e.number).collect::<Vec<_>>(), vec![1]);
		let due = select_due(entries, today, 1, Some(530400));
		assert_eq!(due.iter().map(|e| e.number).collect::<Vec<_>>(), vec![1, 2, 4]);
	}
}

//! `try_state` invariants of the stored calendar and clock.

use crate::{
	pallet::{Clock as ClockStore, Config, Pallet, Periods, Years},
	MAX_YEAR, MIN_YEAR,
};
use dengji_primitives::{calendar, period::PeriodRules};
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Invariants: lists sorted without duplicates, disjoint, inside their year, make-up workdays
	/// on weekends, years in range, within bounds; a positive day length; every period setting
	/// (and the value it replaces) within the runtime's bounds (Q37).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		ensure!(ClockStore::<T>::get().day_length_ms > 0, "clock day length is zero");
		for (year, cal) in Years::<T>::iter() {
			ensure!((MIN_YEAR..=MAX_YEAR).contains(&year), "year out of range");
			for list in [&cal.holidays, &cal.makeup_workdays] {
				ensure!(list.windows(2).all(|w| w[0] < w[1]), "list not sorted or has duplicates");
			}
			ensure!(
				calendar::check_official_year(year, &cal.holidays, &cal.makeup_workdays).is_ok(),
				"year lists outside the year, make-up workday on a weekday, or lists overlap"
			);
		}
		for (period, setting) in Periods::<T>::iter() {
			let rule = T::PeriodRules::rule(period);
			ensure!(rule.allows(setting.value), "period setting outside its bounds");
			ensure!(rule.allows(setting.before), "replaced period value outside its bounds");
		}
		Ok(())
	}
}

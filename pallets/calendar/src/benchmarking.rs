//! Benchmarks (`frame_benchmarking::v2`), worst cases: `set_year` with unsorted full lists
//! replacing a loaded year, `remove_year` of a full year, and the first block's clock start.

use super::*;
use crate::pallet::{Clock as ClockStore, ClockStartPending, Periods, Years};
use alloc::vec::Vec;
use dengji_primitives::{
	calendar::{weekday, Date},
	period::{Period, PeriodRules},
};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get, Hooks},
	BoundedVec,
};

/// A year no benchmark clock reaches, so it is never in the past.
const YEAR: u16 = 2099;

/// The weekdays and the weekend days of `year`, in reverse order (the sort's worst case).
fn days_of(year: u16) -> (Vec<Date>, Vec<Date>) {
	let first = Date { year, month: 1, day: 1 }.to_day_index();
	let last = Date { year, month: 12, day: 31 }.to_day_index();
	let (mut weekdays, mut weekends): (Vec<_>, Vec<_>) =
		(first..=last).map(|d| (d, Date::from_day_index(d))).partition(|(d, _)| weekday(*d) < 5);
	weekdays.reverse();
	weekends.reverse();
	(weekdays.into_iter().map(|(_, d)| d).collect(), weekends.into_iter().map(|(_, d)| d).collect())
}

fn take<T: Config>(dates: &[Date], n: u32) -> DatesOf<T> {
	BoundedVec::truncate_from(dates.iter().copied().take(n as usize).collect())
}

fn load_full_year<T: Config>() -> Result<(), BenchmarkError> {
	let (weekdays, weekends) = days_of(YEAR);
	let max = T::MaxDaysPerYear::get();
	Pallet::<T>::do_set_year(YEAR, &take::<T>(&weekdays, max), &take::<T>(&weekends, max))
		.map_err(|_| BenchmarkError::Stop("loading the benchmark year failed"))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_year(
		h: Linear<0, { T::MaxDaysPerYear::get() }>,
		m: Linear<0, { T::MaxDaysPerYear::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		load_full_year::<T>()?;
		let (weekdays, weekends) = days_of(YEAR);
		let holidays = take::<T>(&weekdays, h);
		let makeup_workdays = take::<T>(&weekends, m);
		let expected = holidays.len();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, YEAR, holidays, makeup_workdays);

		assert_eq!(Years::<T>::get(YEAR).map(|c| c.holidays.len()), Some(expected));
		Ok(())
	}

	#[benchmark]
	fn remove_year() -> Result<(), BenchmarkError> {
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		load_full_year::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, YEAR);

		assert!(!Years::<T>::contains_key(YEAR));
		Ok(())
	}

	#[benchmark]
	fn start_clock() {
		ClockStore::<T>::put(ChainClock::accelerated(0, 0, 6_000));
		ClockStartPending::<T>::put(true);

		#[block]
		{
			Pallet::<T>::on_finalize(1u32.into());
		}

		assert!(!ClockStartPending::<T>::get());
		assert_eq!(ClockStore::<T>::get().day_length_ms, 6_000);
	}

	/// Q37: replacing a setting not yet in force (reads the value in force today first).
	#[benchmark]
	fn set_period() -> Result<(), BenchmarkError> {
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let rule = T::PeriodRules::rule(Period::Review);
		let from = Pallet::<T>::today().saturating_add(10);
		Pallet::<T>::do_set_period(Period::Review, rule.min, from)
			.map_err(|_| BenchmarkError::Stop("setting the period failed"))?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Period::Review, rule.max, from);

		assert_eq!(Periods::<T>::get(Period::Review).map(|s| s.value), Some(rule.max));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

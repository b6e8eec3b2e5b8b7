//! The calendar's logic (`do_*`) and its readers for other pallets.

use crate::{
	pallet::{
		Clock as ClockStore, ClockStartPending, Config, Error, Event, Pallet, Periods, Years,
	},
	YearCalendarOf, MAX_YEAR, MIN_YEAR,
};
use alloc::vec::Vec;
use core::{cell::RefCell, marker::PhantomData};
use dengji_primitives::{
	calendar::{self, ChainClock, Date, DayIndex, Deadline, HolidayCalendar, YearError},
	period::{Period, PeriodRules, PeriodSetting},
	traits::Clock,
	Moment,
};
use frame_support::{ensure, traits::Time, BoundedVec};

impl<T: Config> Pallet<T> {
	/// Checks one year's lists and builds its stored form (sorted, deduplicated). Shared by
	/// `set_year` and the genesis build; does not look at the time.
	pub fn check_year(
		year: u16,
		holidays: &[Date],
		makeup_workdays: &[Date],
	) -> Result<YearCalendarOf<T>, Error<T>> {
		if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
			return Err(Error::<T>::YearOutOfRange);
		}
		let to_days =
			|dates: &[Date]| -> Result<BoundedVec<DayIndex, T::MaxDaysPerYear>, Error<T>> {
				let mut days = dates
					.iter()
					.map(|d| {
						Date::new(d.year, d.month, d.day)
							.map(|d| d.to_day_index())
							.ok_or(Error::<T>::InvalidDate)
					})
					.collect::<Result<Vec<_>, _>>()?;
				calendar::normalize_days(&mut days);
				BoundedVec::try_from(days).map_err(|_| Error::<T>::TooManyDays)
			};
		let holidays = to_days(holidays)?;
		let makeup_workdays = to_days(makeup_workdays)?;
		calendar::check_official_year(year, &holidays, &makeup_workdays).map_err(|e| match e {
			YearError::DateOutsideYear(_) => Error::<T>::DateOutsideYear,
			YearError::MakeupNotWeekend(_) => Error::<T>::MakeupNotWeekend,
			YearError::InBothLists(_) => Error::<T>::InBothLists,
		})?;
		Ok(YearCalendarOf::<T> { holidays, makeup_workdays })
	}

	/// The current Asia/Shanghai year (under the clock in force).
	pub fn current_year() -> u16 {
		Date::from_day_index(Self::today()).year
	}

	fn ensure_not_past(year: u16) -> Result<(), Error<T>> {
		if year < Self::current_year() {
			return Err(Error::<T>::YearInPast);
		}
		Ok(())
	}

	/// `set_year`: checks, stores and announces one year.
	pub(crate) fn do_set_year(
		year: u16,
		holidays: &[Date],
		makeup_workdays: &[Date],
	) -> frame_support::dispatch::DispatchResult {
		let cal = Self::check_year(year, holidays, makeup_workdays)?;
		Self::ensure_not_past(year)?;
		let dates = |days: &BoundedVec<DayIndex, T::MaxDaysPerYear>| {
			BoundedVec::truncate_from(days.iter().map(|&d| Date::from_day_index(d)).collect())
		};
		let event = Event::<T>::YearSet {
			year,
			holidays: dates(&cal.holidays),
			makeup_workdays: dates(&cal.makeup_workdays),
		};
		Years::<T>::insert(year, cal);
		Self::deposit_event(event);
		Ok(())
	}

	/// `remove_year`: unloads one year.
	pub(crate) fn do_remove_year(year: u16) -> frame_support::dispatch::DispatchResult {
		if !Years::<T>::contains_key(year) {
			return Err(Error::<T>::YearNotLoaded.into());
		}
		Self::ensure_not_past(year)?;
		Years::<T>::remove(year);
		Self::deposit_event(Event::<T>::YearRemoved { year });
		Ok(())
	}

	/// [`Pallet::set_period`] (Q37): `value` within the runtime's bounds, in force from `from`
	/// (today or later); the value in force today stays until then.
	pub(crate) fn do_set_period(
		period: Period,
		value: u32,
		from: DayIndex,
	) -> frame_support::dispatch::DispatchResult {
		let rule = T::PeriodRules::rule(period);
		ensure!(rule.allows(value), Error::<T>::PeriodOutOfBounds);
		ensure!(from >= Self::today(), Error::<T>::PeriodFromInPast);
		let before = Self::period(period);
		Periods::<T>::insert(period, PeriodSetting { value, from, before });
		Self::deposit_event(Event::<T>::PeriodSet { period, value, from, before });
		Ok(())
	}

	/// First block of a dev chain: start the accelerated clock at this block's timestamp, on
	/// today's real Asia/Shanghai date.
	pub(crate) fn do_start_clock() {
		let clock = Self::current_clock();
		ClockStore::<T>::put(clock);
		ClockStartPending::<T>::kill();
		Self::deposit_event(Event::<T>::ClockStarted { clock });
	}
}

/// A zero-sized [`HolidayCalendar`] reading [`Years`]: each query reads one year from storage.
pub struct OnChainCalendar<T>(PhantomData<T>);

impl<T> Default for OnChainCalendar<T> {
	fn default() -> Self {
		Self(PhantomData)
	}
}

impl<T: Config> HolidayCalendar for OnChainCalendar<T> {
	fn year_loaded(&self, year: u16) -> bool {
		Years::<T>::contains_key(year)
	}
	fn is_holiday(&self, day: DayIndex) -> bool {
		Years::<T>::get(Date::from_day_index(day).year).is_some_and(|c| c.is_holiday(day))
	}
	fn is_makeup_workday(&self, day: DayIndex) -> bool {
		Years::<T>::get(Date::from_day_index(day).year).is_some_and(|c| c.is_makeup_workday(day))
	}
}

/// A [`HolidayCalendar`] that reads each year from storage at most once (a working-day count
/// touches each of its days three times).
struct CachedCalendar<T: Config> {
	years: RefCell<Vec<(u16, Option<YearCalendarOf<T>>)>>,
}

impl<T: Config> CachedCalendar<T> {
	fn new() -> Self {
		Self { years: RefCell::new(Vec::new()) }
	}

	fn with_year<R>(&self, year: u16, f: impl FnOnce(Option<&YearCalendarOf<T>>) -> R) -> R {
		let mut years = self.years.borrow_mut();
		let i = match years.iter().position(|(y, _)| *y == year) {
			Some(i) => i,
			None => {
				years.push((year, Years::<T>::get(year)));
				years.len().saturating_sub(1)
			}
		};
		f(years.get(i).and_then(|(_, c)| c.as_ref()))
	}
}

impl<T: Config> HolidayCalendar for CachedCalendar<T> {
	fn year_loaded(&self, year: u16) -> bool {
		self.with_year(year, |c| c.is_some())
	}
	fn is_holiday(&self, day: DayIndex) -> bool {
		self.with_year(Date::from_day_index(day).year, |c| c.is_some_and(|c| c.is_holiday(day)))
	}
	fn is_makeup_workday(&self, day: DayIndex) -> bool {
		self.with_year(Date::from_day_index(day).year, |c| {
			c.is_some_and(|c| c.is_makeup_workday(day))
		})
	}
}

impl<T: Config> Clock for Pallet<T> {
	fn now() -> Moment {
		T::Time::now()
	}

	fn chain_clock() -> ChainClock {
		Self::current_clock()
	}

	fn today() -> DayIndex {
		Pallet::<T>::today()
	}

	fn is_working_day(day: DayIndex) -> bool {
		calendar::is_working_day(&CachedCalendar::<T>::new(), day)
	}

	fn add_working_days(trigger: DayIndex, n: u32) -> Deadline {
		calendar::add_working_days(&CachedCalendar::<T>::new(), trigger, n)
	}
}

//! # Calendar pallet
//!
//! ## Overview
//!
//! The governed working-day calendar of the Dengji chain (docs/spec/DESIGN.md §4; docs/spec/requirements.md §2.9,
//! §5.10, Q3). Legal periods in the Yuxi measures are counted in working days (工作日), which
//! depend on the State Council's yearly holiday notice. This pallet stores, per year, the official
//! holidays (放假) and make-up workdays (调休上班) set by the data authority, and the
//! [`ChainClock`] that maps `pallet_timestamp` time to Asia/Shanghai dates. Other pallets use it
//! through [`dengji_primitives::traits::Clock`] (`type Clock = Calendar;` in the runtime); the
//! arithmetic itself lives in [`dengji_primitives::calendar`] so the verification client computes
//! the same dates.
//!
//! ## Terminology
//!
//! - 工作日 (working day): Monday–Friday, minus the year's holidays, plus its make-up workdays.
//! - 放假 (holiday): a non-working day even if a weekday.
//! - 调休上班 (make-up workday): a Saturday or Sunday that is a working day.
//! - Loaded year: a year whose official calendar is stored. Counting through a year that is not
//!   loaded skips weekends only and marks the deadline *provisional* (docs/spec/DESIGN.md §4).
//! - Day-count rule (Q3): the trigger day is excluded, day 1 is the next working day, and a
//!   deadline of N working days ends at 23:59:59.999 Asia/Shanghai on day N.
//! - Chain clock: real chains use [`ChainClock::SHANGHAI`] (fixed at genesis, no call changes it);
//!   dev/test chains use an accelerated clock (`day_length_ms` < 86 400 000) whose day 1 is the real
//!   Shanghai date of the first block and whose days pass every `day_length_ms`.
//!
//! ## Lifecycle
//!
//! ```text
//! genesis: years[] loaded, clock = SHANGHAI          (day_length_ms = 86 400 000)
//!          or clock pending ──first block on_finalize──▶ accelerated from now  (ClockStarted)
//! year Y:  not loaded ──set_year(Y, …)──▶ loaded ──set_year(Y, …)──▶ loaded (replaced)
//!                     ◀──remove_year(Y)──
//!          only for Y ≥ the current year: past years are settled.
//! ```
//!
//! ## Interface
//!
//! Dispatchables (origin `AuthorityOrigin`, the data authority):
//! - [`Pallet::set_year`]: load or replace one year's holidays and make-up workdays.
//! - [`Pallet::remove_year`]: unload one year.
//! - [`Pallet::set_period`]: set a legal period (review, publicity, …, renewal window) within
//!   the runtime's bounds, from a named day on (Q37). Other pallets read the value in force
//!   through [`Pallet::period`] or, as configuration, [`StoredPeriod`].
//!
//! Trait implementations for other pallets:
//! - [`dengji_primitives::traits::Clock`] for [`Pallet`]: `now`, `chain_clock`, `today`,
//!   `is_working_day`, `add_working_days`.
//! - [`dengji_primitives::calendar::HolidayCalendar`] for [`OnChainCalendar`], a zero-sized reader
//!   of [`Years`].
//!
//! Genesis helpers: [`GenesisYear`], and in [`official`] the parser of `cn-holidays.json`
//! ([`official::official_years_from_json`]) with the embedded official 2025–2026 data
//! ([`official::cn_official_years`]).
//!
//! ## Runtime wiring
//! The Dengji runtime implements [`Config`] in `runtime/src/configs/dengji.rs`, the one place that
//! holds the values; this page repeats no number: [`Config::Time`] is `Timestamp`,
//! [`Config::AuthorityOrigin`] is the province data authority council's origin,
//! [`Config::MaxDaysPerYear`] bounds the holidays and make-up workdays of one year,
//! [`Config::PeriodRules`] is `LegalPeriods` (the periods' defaults and bounds), and
//! [`Config::WeightInfo`] is [`weights::SubstrateWeight`]. The other Dengji pallets read this
//! pallet as their clock (`type Clock = Calendar`).
//!
//! The genesis ([`GenesisConfig`]) loads the official years, e.g. from
//! [`official::cn_official_years`], and fixes the length of a day: 86 400 000 ms on real chains;
//! the `development` and `local` presets use `DEV_DAY_LENGTH_MS`
//! (`runtime/src/genesis_config_presets.rs`), short days that let legal periods pass in minutes.
//! In JSON: `"calendar": { "years": [{ "year": 2026, "holidays": ["2026-01-01", …],
//! "makeupWorkdays": ["2026-01-04", …] }], "dayLengthMs": 86400000 }`.
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;

mod calendar;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
pub mod official;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(any(feature = "mock", test))]
pub mod mock;
#[cfg(test)]
mod tests;

pub use calendar::OnChainCalendar;
pub use types::{GenesisYear, IsoDate, YearCalendar};
pub use weights::WeightInfo;

use dengji_primitives::{
	calendar::ChainClock,
	period::{Period, PeriodRules, PeriodSetting},
};

/// The stored calendar of one year under `T`'s bound.
pub type YearCalendarOf<T> = YearCalendar<<T as Config>::MaxDaysPerYear>;
/// A call's list of dates under `T`'s bound.
pub type DatesOf<T> =
	frame_support::BoundedVec<dengji_primitives::calendar::Date, <T as Config>::MaxDaysPerYear>;

/// Earliest year that may be loaded (the real clock's origin is 2000-01-01).
pub const MIN_YEAR: u16 = 2000;
/// Latest year that may be loaded (certificate codes carry four-digit years).
pub const MAX_YEAR: u16 = 9999;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use dengji_primitives::calendar::{DayIndex, DAY_MS};
	use frame_support::{pallet_prelude::*, traits::Time};
	use frame_system::pallet_prelude::*;
	use sp_runtime::SaturatedConversion;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config(with_default)]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Chain time in milliseconds since the Unix epoch (runtime: `pallet_timestamp`).
		#[pallet::no_default]
		type Time: Time<Moment = u64>;
		/// The data authority, which sets the calendar (docs/spec/DESIGN.md §3 governance).
		#[pallet::no_default_bounds]
		type AuthorityOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Most holidays, and most make-up workdays, one year may list (e.g. 64; the State
		/// Council's notices list about 30 and 6).
		#[pallet::constant]
		type MaxDaysPerYear: Get<u32>;
		/// Defaults and bounds of the legal periods the data authority may set (Q37; the
		/// runtime's figures are those of the Yuxi measures).
		type PeriodRules: PeriodRules;
		/// Weights of this pallet's calls and hook.
		type WeightInfo: WeightInfo;
	}

	/// The official calendar of each loaded year.
	#[pallet::storage]
	pub type Years<T: Config> = StorageMap<_, Twox64Concat, u16, YearCalendarOf<T>, OptionQuery>;

	/// How chain time maps to days; fixed at genesis (or at the first block on dev chains).
	#[pallet::storage]
	pub type Clock<T: Config> = StorageValue<_, ChainClock, ValueQuery>;

	/// Set at genesis on dev/test chains with short days: the first block's `on_finalize` starts
	/// the accelerated [`Clock`] at that block's timestamp, then clears this flag.
	#[pallet::storage]
	pub type ClockStartPending<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// The data authority's settings of the legal periods (Q37): a period without an entry has
	/// its default ([`Config::PeriodRules`]). Read through [`Pallet::period`] / [`StoredPeriod`].
	#[pallet::storage]
	pub type Periods<T: Config> = StorageMap<_, Twox64Concat, Period, PeriodSetting, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	#[allow(missing_docs)]
	pub enum Event<T: Config> {
		/// A year's official calendar was loaded or replaced (lists sorted, duplicates removed).
		YearSet { year: u16, holidays: DatesOf<T>, makeup_workdays: DatesOf<T> },
		/// A year's official calendar was unloaded: counts through it become provisional.
		YearRemoved { year: u16 },
		/// The accelerated dev clock `clock` was started by the first block and is now in force.
		ClockStarted { clock: ChainClock },
		/// The data authority set `period` to `value` from day `from` on; `before` stays in force
		/// until then (Q37). Deadlines already running keep their length.
		PeriodSet { period: Period, value: u32, from: DayIndex, before: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The year is outside [`MIN_YEAR`]..=[`MAX_YEAR`].
		YearOutOfRange,
		/// The year is before the current (Asia/Shanghai) year: deadlines in it are settled.
		YearInPast,
		/// A date does not exist (e.g. month 13 or 30 February).
		InvalidDate,
		/// A date is not in the year it is listed under.
		DateOutsideYear,
		/// A make-up workday is a Monday–Friday (make-up workdays are Saturdays or Sundays).
		MakeupNotWeekend,
		/// A date is listed both as a holiday and as a make-up workday.
		InBothLists,
		/// More than `MaxDaysPerYear` holidays or make-up workdays.
		TooManyDays,
		/// `remove_year` of a year that is not loaded.
		YearNotLoaded,
		/// The value is outside the bounds the runtime allows for the period (Q37).
		PeriodOutOfBounds,
		/// A period setting cannot take effect before today.
		PeriodFromInPast,
	}

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// The official years the authority has published.
		pub years: Vec<GenesisYear>,
		/// Length of a day in milliseconds: 86 400 000 on real chains (Asia/Shanghai days),
		/// shorter on dev/test chains (an accelerated clock started by the first block).
		pub day_length_ms: u64,
		#[serde(skip)]
		#[doc(hidden)]
		pub _config: core::marker::PhantomData<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self { years: Vec::new(), day_length_ms: DAY_MS, _config: Default::default() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(self.day_length_ms > 0, "calendar: day_length_ms must be positive");
			if self.day_length_ms == DAY_MS {
				Clock::<T>::put(ChainClock::SHANGHAI);
			} else {
				Clock::<T>::put(ChainClock::accelerated(0, 0, self.day_length_ms));
				ClockStartPending::<T>::put(true);
			}
			let mut seen = Vec::new();
			for gy in &self.years {
				assert!(!seen.contains(&gy.year), "calendar: year {} listed twice", gy.year);
				seen.push(gy.year);
				let cal = Pallet::<T>::check_year(gy.year, &gy.holiday_dates(), &gy.makeup_dates())
					.unwrap_or_else(|e| panic!("calendar: genesis year {}: {e:?}", gy.year));
				Years::<T>::insert(gy.year, cal);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			if ClockStartPending::<T>::get() {
				T::WeightInfo::start_clock()
			} else {
				T::DbWeight::get().reads(1)
			}
		}

		fn on_finalize(_n: BlockNumberFor<T>) {
			if ClockStartPending::<T>::get() {
				Self::do_start_clock();
			}
		}

		fn integrity_test() {
			let max = T::MaxDaysPerYear::get();
			assert!(max > 0, "MaxDaysPerYear must be positive");
			assert!(max <= 366, "MaxDaysPerYear must not exceed the days of a year");
			for p in Period::ALL {
				assert!(
					T::PeriodRules::rule(p).is_consistent(),
					"PeriodRules of {p:?} ({}): need 1 <= min <= default <= max",
					p.article()
				);
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Load or replace the official calendar of `year` (docs/spec/DESIGN.md §4).
		///
		/// - Origin: `AuthorityOrigin` (the data authority).
		/// - `year`: the current year or a later one, in 2000..=9999.
		/// - `holidays`: dates of `year` that are not working days, any weekday.
		/// - `makeup_workdays`: Saturdays and Sundays of `year` that are working days.
		///
		/// Lists are sorted and deduplicated. Emits [`Event::YearSet`]. Errors: `YearOutOfRange`,
		/// `YearInPast`, `InvalidDate`, `DateOutsideYear`, `MakeupNotWeekend`, `InBothLists`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_year(
			holidays.len().saturated_into(),
			makeup_workdays.len().saturated_into(),
		))]
		pub fn set_year(
			origin: OriginFor<T>,
			year: u16,
			holidays: DatesOf<T>,
			makeup_workdays: DatesOf<T>,
		) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_set_year(year, &holidays, &makeup_workdays)
		}

		/// Unload the official calendar of `year`; counts through it become provisional.
		///
		/// - Origin: `AuthorityOrigin` (the data authority).
		/// - `year`: a loaded year, the current one or later.
		///
		/// Emits [`Event::YearRemoved`]. Errors: `YearNotLoaded`, `YearInPast`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_year())]
		pub fn remove_year(origin: OriginFor<T>, year: u16) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_remove_year(year)
		}

		/// Set a legal period of the registration procedure (Q37; YX-R §32: newer rules prevail,
		/// so the periods are parameters, not constants).
		///
		/// - Origin: `AuthorityOrigin` (the data authority).
		/// - `period`: which period; `value`: its new length in its unit (working days, calendar
		///   days for the renewal window), within the runtime's bounds for it.
		/// - `from`: the first day the value is in force, today or later. Until then the value in
		///   force today stays; a deadline computed before `from` keeps its length.
		///
		/// Replaces an earlier setting of the period (also one not yet in force). Emits
		/// [`Event::PeriodSet`]. Errors: `PeriodOutOfBounds`, `PeriodFromInPast`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_period())]
		pub fn set_period(
			origin: OriginFor<T>,
			period: Period,
			value: u32,
			from: DayIndex,
		) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_set_period(period, value, from)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The clock in force. While a dev clock is pending (first block), the clock the first
		/// block's `on_finalize` will store, so block 1 already sees the right dates.
		pub fn current_clock() -> ChainClock {
			if ClockStartPending::<T>::get() {
				ChainClock::accelerated_from(T::Time::now(), Clock::<T>::get().day_length_ms)
			} else {
				Clock::<T>::get()
			}
		}

		/// Today's day index under the clock in force.
		pub fn today() -> DayIndex {
			Self::current_clock().day_at(T::Time::now())
		}

		/// The length of `period` in force today (Q37): the data authority's setting, or the
		/// runtime's default; brought within the runtime's bounds.
		pub fn period(period: Period) -> u32 {
			let rule = T::PeriodRules::rule(period);
			match Periods::<T>::get(period) {
				Some(setting) => rule.clamp(setting.on(Self::today())),
				None => rule.default,
			}
		}
	}
}

/// A period's length in force ([`Pallet::period`]) as a `Get<u32>`, for the periods other pallets
/// take as configuration (runtime: `type ReviewWorkingDays = StoredPeriod<Runtime,
/// ReviewPeriod>` with `ReviewPeriod: Get<Period>`). It reads storage: the value is the one in
/// force when it is read (also in the metadata's constants).
pub struct StoredPeriod<T, P>(core::marker::PhantomData<(T, P)>);

impl<T: Config, P: frame_support::traits::Get<Period>> frame_support::traits::Get<u32>
	for StoredPeriod<T, P>
{
	fn get() -> u32 {
		Pallet::<T>::period(P::get())
	}
}

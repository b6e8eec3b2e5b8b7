//! Mock-runtime pieces shared by the Dengji pallets' tests (feature `mock`; always in this
//! crate's own tests):
//!
//! - [`mock_runtime!`](crate::mock_runtime): a test runtime of `frame_system` and
//!   `pallet_timestamp` (the chain's time) plus the pallets listed, with both base configs;
//! - [`TestDefaultConfig`]: `#[derive_impl]` defaults of this pallet's [`Config`](crate::Config)
//!   (root as the data authority, 64 days per year, [`TestPeriodRules`]);
//! - [`official_genesis`]: this pallet's genesis with the official 2025/2026 calendars on the real
//!   Asia/Shanghai clock;
//! - time helpers: [`date`], [`at`], [`noon`].
//!
//! ```ignore
//! pallet_calendar::mock_runtime!(Test { 2: Calendar = pallet_calendar });
//!
//! #[derive_impl(pallet_calendar::mock::TestDefaultConfig)]
//! impl pallet_calendar::Config for Test {
//!     type Time = Timestamp;
//! }
//! ```

use crate::{official, DefaultConfig, GenesisConfig};
use dengji_primitives::{
	calendar::{ChainClock, Date, DayIndex, DAY_MS},
	period::{Period, PeriodRule, PeriodRules},
	Moment,
};
use frame_support::{derive_impl, pallet_prelude::inject_runtime_type, traits::ConstU32};

#[cfg(test)]
#[allow(missing_docs)]
mod runtime;
#[cfg(test)]
pub use runtime::*;

/// Declares the test runtime `$runtime` of `System` (`frame_system`, index 0), `Timestamp`
/// (`pallet_timestamp`, index 1) and the pallets listed as `index: Name = crate_name`, and
/// implements `frame_system` and `pallet_timestamp` for it with their test defaults (accounts are
/// `u64`). The caller depends on `frame_support`, `frame_system` and `pallet_timestamp`.
#[macro_export]
macro_rules! mock_runtime {
	($runtime:ident { $($index:literal : $name:ident = $pallet:ident),* $(,)? }) => {
		#[frame_support::runtime]
		mod runtime {
			#[runtime::runtime]
			#[runtime::derive(
				RuntimeCall,
				RuntimeEvent,
				RuntimeError,
				RuntimeOrigin,
				RuntimeFreezeReason,
				RuntimeHoldReason,
				RuntimeSlashReason,
				RuntimeLockId,
				RuntimeTask,
				RuntimeViewFunction
			)]
			pub struct $runtime;

			#[runtime::pallet_index(0)]
			pub type System = frame_system;
			#[runtime::pallet_index(1)]
			pub type Timestamp = pallet_timestamp;
			$(
				#[runtime::pallet_index($index)]
				pub type $name = $pallet;
			)*
		}

		const _: () = {
			use frame_support::derive_impl;

			#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
			impl frame_system::Config for $runtime {
				type Block = frame_system::mocking::MockBlock<$runtime>;
			}

			#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
			impl pallet_timestamp::Config for $runtime {}
		};
	};
}

/// Test defaults of [`Config`](crate::Config): root is the data authority (accounts are `u64`),
/// at most 64 holidays and 64 make-up workdays a year, no weights. `Time` has no default.
pub struct TestDefaultConfig;

#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
impl frame_system::DefaultConfig for TestDefaultConfig {}

#[frame_support::register_default_impl(TestDefaultConfig)]
impl DefaultConfig for TestDefaultConfig {
	type AuthorityOrigin = frame_system::EnsureRoot<u64>;
	type MaxDaysPerYear = ConstU32<64>;
	type PeriodRules = TestPeriodRules;
	type WeightInfo = ();
}

/// Test defaults of the legal periods (Q37): the Yuxi figures, settable within 1..=60 working
/// days (the renewal window within 1..=180 calendar days).
pub struct TestPeriodRules;

impl PeriodRules for TestPeriodRules {
	fn rule(period: Period) -> PeriodRule {
		let default = match period {
			Period::Acceptance | Period::ObjectionForward => 3,
			Period::Review => 20,
			Period::Supplement | Period::Publicity | Period::Rebuttal | Period::Cancellation => 10,
			Period::RenewalWindow => 60,
		};
		let max = if period.in_working_days() { 60 } else { 180 };
		PeriodRule { default, min: 1, max }
	}
}

/// This pallet's genesis: the official 2025 and 2026 calendars (`res/cn-holidays.json`) on the
/// real Asia/Shanghai clock.
pub fn official_genesis<T: crate::Config>() -> GenesisConfig<T> {
	GenesisConfig {
		years: official::cn_official_years().expect("embedded calendar parses"),
		day_length_ms: DAY_MS,
		_config: Default::default(),
	}
}

/// The day index of a civil date.
pub fn date(y: u16, m: u8, d: u8) -> DayIndex {
	Date::new(y, m, d).map(|d| d.to_day_index()).unwrap_or_else(|| panic!("bad test date"))
}

/// The instant `hour`:00 Asia/Shanghai on `day`.
pub fn at(day: DayIndex, hour: u64) -> Moment {
	ChainClock::SHANGHAI.day_start_ms(day) + hour * 3_600_000
}

/// Noon (Asia/Shanghai) of `day`.
pub fn noon(day: DayIndex) -> Moment {
	ChainClock::SHANGHAI.day_start_ms(day) + DAY_MS / 2
}

//! This pallet's test runtime: `frame_system`, `pallet_timestamp` (the chain's time) and this
//! pallet, with the data authority as root.

use super::{at, date, official_genesis};
use crate::{self as pallet_calendar, GenesisYear};
use dengji_primitives::calendar::DAY_MS;
use frame_support::{derive_impl, traits::Hooks};
use sp_runtime::BuildStorage;

pub type AccountId = u64;

crate::mock_runtime!(Test { 2: Calendar = pallet_calendar });

#[derive_impl(super::TestDefaultConfig)]
impl pallet_calendar::Config for Test {
	type Time = Timestamp;
}

/// Asia/Shanghai 10:00 on 2026-03-02 (a Monday): the default "now" of real-clock tests.
pub fn default_now() -> u64 {
	at(date(2026, 3, 2), 10)
}

/// Test externalities builder.
pub struct ExtBuilder {
	years: Vec<GenesisYear>,
	day_length_ms: u64,
	now: u64,
}

impl Default for ExtBuilder {
	/// The official 2025 and 2026 calendars (`res/cn-holidays.json`), real Shanghai clock, now
	/// [`default_now`].
	fn default() -> Self {
		Self { years: official_genesis::<Test>().years, day_length_ms: DAY_MS, now: default_now() }
	}
}

impl ExtBuilder {
	/// No year loaded.
	pub fn no_years(mut self) -> Self {
		self.years.clear();
		self
	}

	/// A dev chain whose days last `ms`; the clock starts at the first block.
	pub fn day_length_ms(mut self, ms: u64) -> Self {
		self.day_length_ms = ms;
		self
	}

	/// The timestamp of block 1.
	pub fn now(mut self, now: u64) -> Self {
		self.now = now;
		self
	}

	/// Builds the externalities: genesis, then block 1 with timestamp `now` (not finalized).
	pub fn build(self) -> sp_io::TestExternalities {
		let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_calendar::GenesisConfig::<Test> {
			years: self.years,
			day_length_ms: self.day_length_ms,
			_config: Default::default(),
		}
		.assimilate_storage(&mut t)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(t);
		let now = self.now;
		ext.execute_with(|| {
			System::set_block_number(1);
			pallet_timestamp::Now::<Test>::put(now);
		});
		ext
	}

	/// Builds and runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Calendar::do_try_state().expect("invariants hold");
		});
	}
}

/// Externalities for the benchmark test suite: no year loaded, real clock.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder::default().no_years().now(0).build()
}

/// Finalizes the current block, then starts the next one at instant `now`.
pub fn next_block_at(now: u64) {
	let n = System::block_number();
	Calendar::on_finalize(n);
	System::set_block_number(n + 1);
	pallet_timestamp::Now::<Test>::put(now);
	Calendar::on_initialize(n + 1);
}

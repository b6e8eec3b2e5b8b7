//! Q37 in the real runtime: the registration and certificate pallets read the legal periods in
//! force from `Calendar::Periods` (`StoredPeriod` in `runtime/src/configs/dengji.rs`), so a
//! setting by the data authority (YX-R §32: newer rules prevail) changes the deadlines computed
//! from the day it takes effect; without a setting they are the Yuxi measures' figures (YX-R §16
//! ¶1 acceptance 3 and review 20 working days, §16 ¶2 supplement 10, §22 ¶1 publicity 10, §22
//! ¶2 forwarding 3 and rebuttal 10, §21 cancellation 10, §23 ¶2 renewal window 60 days).
//!
//! `SKIP_WASM_BUILD=1 cargo test -p dengji-runtime --test periods`

use dengji_primitives::period::Period;
use dengji_runtime::{Calendar, Runtime, RuntimeGenesisConfig, RuntimeOrigin, System};
use frame_support::{assert_noop, assert_ok, traits::Get};
use pallet_registration::TimerKind;
use sp_runtime::BuildStorage;

type Registration = pallet_registration::Pallet<Runtime>;

fn ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig::default().build_storage().expect("genesis");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		// 2026-03-02 10:00 Asia/Shanghai.
		pallet_timestamp::Now::<Runtime>::put(1_772_416_800_000);
	});
	ext
}

/// The periods the registration pallet's timers use and the certificate pallet's renewal window.
fn in_force() -> [u32; 8] {
	[
		Registration::period(TimerKind::Acceptance),
		Registration::period(TimerKind::Review),
		Registration::period(TimerKind::Supplement),
		Registration::period(TimerKind::Publicity),
		Registration::period(TimerKind::Forward),
		Registration::period(TimerKind::Rebuttal),
		Registration::period(TimerKind::Cancellation),
		<Runtime as pallet_certificate::Config>::RenewalWindowDays::get(),
	]
}

/// Q37: the defaults are the YX-R figures; each period is read from the stored setting once the
/// data authority sets it (from the day it names), by the registration timers and the renewal
/// window alike; a value outside the runtime's bounds is refused.
#[test]
fn registration_and_certificate_read_the_periods_set_by_the_authority() {
	ext().execute_with(|| {
		assert_eq!(in_force(), [3, 20, 10, 10, 3, 10, 10, 60]);
		let defaults: Vec<u32> = Period::ALL.into_iter().map(Calendar::period).collect();
		assert_eq!(defaults, in_force());
		let today = Calendar::today();
		for (i, p) in Period::ALL.into_iter().enumerate() {
			assert_ok!(Calendar::set_period(RuntimeOrigin::root(), p, 30 + i as u32, today));
		}
		assert_eq!(in_force(), [30, 31, 32, 33, 34, 35, 36, 37]);
		// A later setting waits for its day.
		assert_ok!(Calendar::set_period(RuntimeOrigin::root(), Period::Review, 15, today + 7));
		assert_eq!(Registration::period(TimerKind::Review), 31);
		assert_noop!(
			Calendar::set_period(RuntimeOrigin::root(), Period::Publicity, 61, today),
			pallet_calendar::Error::<Runtime>::PeriodOutOfBounds
		);
		assert_noop!(
			Calendar::set_period(RuntimeOrigin::root(), Period::RenewalWindow, 0, today),
			pallet_calendar::Error::<Runtime>::PeriodOutOfBounds
		);
	});
}

/// The metadata does not depend on the periods in force: transactions sign the hash of the
/// metadata fixed at build time (`CheckMetadataHash`, issue 11 §5), so a setting by the data
/// authority (Q37) must not change it. Also: the metadata builds without externalities.
#[test]
fn metadata_is_the_same_before_and_after_a_period_is_set() {
	let built = Runtime::metadata_at_version(15).expect("metadata V15, no storage");
	ext().execute_with(|| {
		let before = Runtime::metadata_at_version(15).expect("metadata V15");
		for p in Period::ALL {
			assert_ok!(Calendar::set_period(RuntimeOrigin::root(), p, 42, Calendar::today()));
		}
		assert_eq!(Registration::period(TimerKind::Publicity), 42, "the setting is in force");
		let after = Runtime::metadata_at_version(15).expect("metadata V15");
		assert_eq!(*before, *after, "a period setting changed the metadata");
		assert_eq!(*built, *after);
	});
}

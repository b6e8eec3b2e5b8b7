//! Chain time to Asia/Shanghai dates (docs/spec/DESIGN.md §3 "Time", §4): the real clock on real chains and
//! the accelerated clock of dev/test chains, started by the first block.

use super::day;
use crate::{
	mock::*,
	pallet::{Clock as ClockStore, ClockStartPending, Event},
	weights::WeightInfo,
};
use dengji_primitives::{
	calendar::{ChainClock, DAY_MS},
	traits::Clock,
};
use frame_support::{
	traits::{Get, Hooks},
	weights::Weight,
};

/// 2026-11-23T22:30:00Z = 2026-11-24 06:30 Asia/Shanghai (a Tuesday).
const T0: u64 = 1_795_473_000_000;
/// Dev-chain day length in the tests.
const DAY: u64 = 10_000;

/// docs/spec/DESIGN.md §3: UTC 16:00 is Shanghai midnight.
#[test]
fn today_on_real_chain_changes_at_16_00_utc() {
	// 2026-02-14T15:59:59.999Z and 2026-02-14T16:00:00Z.
	ExtBuilder::default().now(1_771_084_799_999).build_and_execute(|| {
		assert_eq!(Calendar::today(), day("2026-02-14"));
		assert_eq!(<Calendar as Clock>::today(), day("2026-02-14"));
		next_block_at(1_771_084_800_000);
		assert_eq!(Calendar::today(), day("2026-02-15"));
		assert_eq!(Calendar::now(), 1_771_084_800_000);
	});
}

#[test]
fn first_block_on_real_chain_keeps_shanghai_clock() {
	ExtBuilder::default().build_and_execute(|| {
		assert!(!ClockStartPending::<Test>::get());
		next_block_at(default_now() + 6_000);
		assert_eq!(ClockStore::<Test>::get(), ChainClock::SHANGHAI);
		assert_eq!(Calendar::chain_clock(), ChainClock::SHANGHAI);
		assert!(System::events().is_empty());
	});
}

/// Dev chains start on today's real Shanghai date and a day passes every `day_length_ms`.
#[test]
fn accelerated_clock_starts_at_first_block_on_real_date() {
	ExtBuilder::default().day_length_ms(DAY).now(T0).build_and_execute(|| {
		assert!(ClockStartPending::<Test>::get());
		// Already right inside block 1, before its on_finalize stores the clock.
		let expected = ChainClock::accelerated(T0, day("2026-11-24"), DAY);
		assert_eq!(Calendar::chain_clock(), expected);
		assert_eq!(Calendar::today(), day("2026-11-24"));
		next_block_at(T0 + 3_000);
		assert!(!ClockStartPending::<Test>::get());
		assert_eq!(ClockStore::<Test>::get(), expected);
		System::assert_has_event(Event::ClockStarted { clock: expected }.into());
		assert_eq!(Calendar::today(), day("2026-11-24"));
	});
}

#[test]
fn accelerated_clock_advances_a_day_every_day_length() {
	ExtBuilder::default().day_length_ms(DAY).now(T0).build_and_execute(|| {
		next_block_at(T0 + DAY - 1);
		assert_eq!(Calendar::today(), day("2026-11-24"));
		next_block_at(T0 + DAY);
		assert_eq!(Calendar::today(), day("2026-11-25"));
		next_block_at(T0 + 25 * DAY / 10);
		assert_eq!(Calendar::today(), day("2026-11-26"));
		next_block_at(T0 + 38 * DAY);
		assert_eq!(Calendar::today(), day("2027-01-01"));
		// The clock started once: later blocks do not move its origin.
		assert_eq!(ClockStore::<Test>::get().origin_ms, T0);
	});
}

/// Every rule stays the same on a dev chain: Q3 working days, deadlines at the end of day N.
#[test]
fn accelerated_clock_deadlines_follow_working_days() {
	ExtBuilder::default().day_length_ms(DAY).now(T0).build_and_execute(|| {
		next_block_at(T0 + 1_000);
		// Tuesday 2026-11-24 + 3 WD: Wednesday, Thursday, Friday 11-27.
		let dl = Calendar::add_working_days(Calendar::today(), 3);
		assert_eq!(dl.due, day("2026-11-27"));
		let clock = Calendar::chain_clock();
		assert_eq!(dl.ends_at(&clock), T0 + 4 * DAY - 1);
		next_block_at(T0 + 4 * DAY - 1);
		assert!(!dl.is_overdue(Calendar::today()));
		next_block_at(T0 + 4 * DAY);
		assert!(dl.is_overdue(Calendar::today()));
		// Across National Day 2026 as on a real chain.
		assert_eq!(Calendar::add_working_days(day("2026-09-30"), 1).due, day("2026-10-08"));
	});
}

/// The hook's cost is declared in `on_initialize`: a pending start costs `start_clock`.
#[test]
fn on_initialize_weight_covers_the_clock_start() {
	ExtBuilder::default().day_length_ms(DAY).now(T0).build_and_execute(|| {
		assert_eq!(Calendar::on_initialize(1), <() as WeightInfo>::start_clock());
		next_block_at(T0 + 1_000);
		let read: Weight = <<Test as frame_system::Config>::DbWeight as Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get()
		.reads(1);
		assert_eq!(Calendar::on_initialize(2), read);
	});
}

#[test]
fn real_clock_day_length_is_a_real_day() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(ClockStore::<Test>::get().day_length_ms, DAY_MS);
		assert!(ClockStore::<Test>::get().is_real_time());
	});
}

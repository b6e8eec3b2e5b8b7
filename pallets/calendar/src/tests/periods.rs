//! `set_period`: the legal periods are on-chain parameters the data authority sets within the
//! runtime's bounds, from a day it names (Q37; docs/spec/requirements.md §5.14, YX-R §32).

use super::day;
use crate::{
	mock::*,
	pallet::{Error, Event, Periods},
	StoredPeriod,
};
use dengji_primitives::period::{Period, PeriodRules, PeriodSetting};
use frame_support::{assert_noop, assert_ok, parameter_types, traits::Get};
use sp_runtime::DispatchError;

parameter_types! {
	pub const ReviewPeriod: Period = Period::Review;
}

/// Q37: without a setting every period has the runtime's default (the YX-R figures, YX-R §16 ¶1
/// review 20 WD, §22 ¶1 publicity 10 WD, §23 ¶2 renewal window 60 days).
#[test]
fn periods_default_to_the_runtime_rules() {
	ExtBuilder::default().build_and_execute(|| {
		for p in Period::ALL {
			assert_eq!(Calendar::period(p), TestPeriodRules::rule(p).default, "{p:?}");
		}
		assert_eq!(Calendar::period(Period::Review), 20);
		assert_eq!(Calendar::period(Period::Publicity), 10);
		assert_eq!(Calendar::period(Period::RenewalWindow), 60);
		assert_eq!(StoredPeriod::<Test, ReviewPeriod>::get(), 20);
	});
}

/// Q37: the data authority sets a period within the bounds, in force from the day it names; the
/// value in force before stays until then (deadlines computed earlier keep their length).
#[test]
fn periods_are_set_by_the_authority_within_bounds() {
	ExtBuilder::default().build_and_execute(|| {
		let today = Calendar::today();
		// In force at once.
		assert_ok!(Calendar::set_period(RuntimeOrigin::root(), Period::Review, 15, today));
		assert_eq!(Calendar::period(Period::Review), 15);
		assert_eq!(StoredPeriod::<Test, ReviewPeriod>::get(), 15);
		System::assert_last_event(
			Event::PeriodSet { period: Period::Review, value: 15, from: today, before: 20 }.into(),
		);
		// From a later day: 15 stays until then.
		let from = day("2026-03-09");
		assert_ok!(Calendar::set_period(RuntimeOrigin::root(), Period::Review, 25, from));
		assert_eq!(
			Periods::<Test>::get(Period::Review),
			Some(PeriodSetting { value: 25, from, before: 15 })
		);
		assert_eq!(Calendar::period(Period::Review), 15);
		next_block_at(at(day("2026-03-08"), 23));
		assert_eq!(Calendar::period(Period::Review), 15);
		next_block_at(at(day("2026-03-09"), 0));
		assert_eq!(Calendar::period(Period::Review), 25);
		// Other periods are untouched.
		assert_eq!(Calendar::period(Period::Publicity), 10);
		// The bounds themselves are allowed.
		let rule = TestPeriodRules::rule(Period::RenewalWindow);
		assert_ok!(Calendar::set_period(
			RuntimeOrigin::root(),
			Period::RenewalWindow,
			rule.max,
			Calendar::today()
		));
		assert_eq!(Calendar::period(Period::RenewalWindow), rule.max);
	});
}

/// Q37: refusals are typed and change nothing: not the authority, outside the bounds, a start
/// day in the past.
#[test]
fn set_period_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		let today = Calendar::today();
		assert_noop!(
			Calendar::set_period(RuntimeOrigin::signed(1), Period::Review, 15, today),
			DispatchError::BadOrigin
		);
		let rule = TestPeriodRules::rule(Period::Publicity);
		for bad in [0, rule.min - 1, rule.max + 1, u32::MAX] {
			assert_noop!(
				Calendar::set_period(RuntimeOrigin::root(), Period::Publicity, bad, today),
				Error::<Test>::PeriodOutOfBounds
			);
		}
		assert_noop!(
			Calendar::set_period(RuntimeOrigin::root(), Period::Publicity, 12, today - 1),
			Error::<Test>::PeriodFromInPast
		);
		assert_eq!(Calendar::period(Period::Publicity), 10);
	});
}

/// Q37: a setting that a later runtime's narrower bounds no longer allow is read clamped.
#[test]
fn stored_period_outside_bounds_is_read_clamped() {
	ExtBuilder::default().build().execute_with(|| {
		Periods::<Test>::insert(
			Period::Rebuttal,
			PeriodSetting { value: 500, from: 0, before: 10 },
		);
		assert_eq!(Calendar::period(Period::Rebuttal), 60);
		assert!(Calendar::do_try_state().is_err());
	});
}

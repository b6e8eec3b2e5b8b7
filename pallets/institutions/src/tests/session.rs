//! Validator set (docs/spec/DESIGN.md §3 layer 3): exactly the active institutions' validators.

use super::*;
use crate::ValidatorSetOutdated;
use frame_support::assert_ok;
use pallet_session::SessionManager;

type Inst = crate::Pallet<Test>;

#[test]
fn new_session_genesis_returns_active_validators_sorted_by_division() {
	ExtBuilder::default().build_and_execute(|| {
		// 530100 Kunming, 530400 Yuxi, 530402 Hongta.
		assert_eq!(Inst::new_session_genesis(0), Some(vec![KM_VAL, YUXI_VAL, HT_VAL]));
	});
}

#[test]
fn new_session_without_change_returns_none() {
	ExtBuilder::default().build_and_execute(|| {
		assert!(!ValidatorSetOutdated::<Test>::get());
		assert_eq!(Inst::new_session(2), None);
	});
}

/// YX-R §26: a suspended institution's validator leaves at the next session and returns on
/// reinstatement.
#[test]
fn new_session_after_suspension_drops_its_validator_once() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::suspend_institution(root(), hongta()));
		assert_eq!(Inst::new_session(2), Some(vec![KM_VAL, YUXI_VAL]));
		has_event(Event::ValidatorSetPlanned { session: 2, validators: 2 });
		assert_eq!(Inst::new_session(3), None);
		assert_ok!(Inst::reinstate_institution(root(), hongta()));
		assert_eq!(Inst::new_session(4), Some(vec![KM_VAL, YUXI_VAL, HT_VAL]));
	});
}

#[test]
fn new_session_after_validator_change_returns_new_set() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::set_validator(root(), yunnan(), Some(77)));
		assert_eq!(Inst::new_session(2), Some(vec![77, KM_VAL, YUXI_VAL, HT_VAL]));
	});
}

/// docs/spec/DESIGN.md §3: the chain never runs without validators.
#[test]
fn new_session_with_empty_set_keeps_old_set_and_emits_event() {
	ExtBuilder::default().build_and_execute(|| {
		for d in [yuxi(), kunming(), hongta()] {
			assert_ok!(Inst::suspend_institution(root(), d));
		}
		assert_eq!(Inst::new_session(2), None);
		has_event(Event::EmptyValidatorSetRefused { session: 2 });
		assert!(ValidatorSetOutdated::<Test>::get());
		assert_ok!(Inst::reinstate_institution(root(), yuxi()));
		assert_eq!(Inst::new_session(3), Some(vec![YUXI_VAL]));
	});
}

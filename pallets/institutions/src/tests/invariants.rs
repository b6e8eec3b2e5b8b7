//! `try_state` catches corrupted storage; `Directory` answers for unknown institutions.

use super::*;
use crate::{Institutions, OperatorOf, SubjectOf, ValidatorOf};
use dengji_primitives::{
	institution::InstitutionStatus,
	traits::{AccessError, Directory},
};

type Inst = crate::Pallet<Test>;

#[test]
fn try_state_on_genesis_and_after_calls_is_ok() {
	ExtBuilder::default().build().execute_with(|| {
		assert!(Inst::do_try_state().is_ok());
	});
}

#[test]
fn try_state_with_broken_reverse_maps_fails() {
	ExtBuilder::default().build().execute_with(|| {
		OperatorOf::<Test>::insert(77, yuxi());
		assert!(Inst::do_try_state().is_err());
	});
	ExtBuilder::default().build().execute_with(|| {
		ValidatorOf::<Test>::remove(YUXI_VAL);
		assert!(Inst::do_try_state().is_err());
	});
	ExtBuilder::default().build().execute_with(|| {
		SubjectOf::<Test>::insert(77, hongta_subject());
		assert!(Inst::do_try_state().is_err());
	});
}

/// No balances pallet: every role account must hold a provider reference.
#[test]
fn try_state_with_role_account_without_provider_fails() {
	ExtBuilder::default().build().execute_with(|| {
		frame_system::Pallet::<Test>::dec_providers(&PERSON).unwrap();
		assert!(Inst::do_try_state().is_err());
	});
}

/// YX-R §26, Q17: a disqualified institution keeps no validator; takeovers only from one.
#[test]
fn try_state_with_inconsistent_institution_fails() {
	ExtBuilder::default().build().execute_with(|| {
		Institutions::<Test>::mutate(yuxi(), |i| {
			i.as_mut().unwrap().status = InstitutionStatus::Disqualified;
		});
		assert!(Inst::do_try_state().is_err());
	});
	ExtBuilder::default().build().execute_with(|| {
		Institutions::<Test>::mutate(hongta(), |i| {
			i.as_mut().unwrap().taken_over_by = Some(yuxi());
		});
		assert!(Inst::do_try_state().is_err());
	});
}

#[test]
fn directory_for_unknown_institution_answers_unknown() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Inst::institution(jiangchuan()), None);
		assert_eq!(Inst::responsible_institution(jiangchuan()), jiangchuan());
		assert_eq!(
			Inst::ensure_operator(&HT_OP, jiangchuan()),
			Err(AccessError::UnknownInstitution)
		);
		assert_eq!(Inst::ensure_operator(&HT_OP, yuxi()), Err(AccessError::NotOperator));
		assert_eq!(Inst::subject(&uscc(9)), None);
		assert!(!Inst::is_participant(&STRANGER));
		assert!(Inst::is_participant(&SUBJ));
	});
}

/// YX-R §26, §7 ¶2: sanction records numbered without gaps and matching the status; county
/// authority counts exact, one authority role per account.
#[test]
fn try_state_with_broken_sanctions_or_county_authorities_fails() {
	use crate::{
		CityAuthorities, CountyAuthorities, CountyAuthorityCount, SanctionCount, SanctionGround,
		SanctionMeasure, SanctionRecord, Sanctions,
	};
	let record = |measure| SanctionRecord {
		ground: SanctionGround::OtherViolation,
		measure,
		decision: [1; 32],
		at: 0,
		by: None,
	};
	ExtBuilder::default().build().execute_with(|| {
		SanctionCount::<Test>::insert(yuxi(), 1);
		assert!(Inst::do_try_state().is_err());
		Sanctions::<Test>::insert(yuxi(), 0, record(SanctionMeasure::Interview));
		assert!(Inst::do_try_state().is_ok());
		Sanctions::<Test>::insert(yuxi(), 0, record(SanctionMeasure::Disqualification));
		assert!(Inst::do_try_state().is_err());
	});
	ExtBuilder::default().build().execute_with(|| {
		CountyAuthorities::<Test>::insert(61, jiangchuan());
		frame_system::Pallet::<Test>::inc_providers(&61);
		assert!(Inst::do_try_state().is_err());
		CountyAuthorityCount::<Test>::insert(jiangchuan(), 1);
		assert!(Inst::do_try_state().is_ok());
		CityAuthorities::<Test>::insert(61, yuxi());
		frame_system::Pallet::<Test>::inc_providers(&61);
		assert!(Inst::do_try_state().is_err());
	});
}

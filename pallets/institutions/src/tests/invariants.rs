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

/// YX-R §25: `try_state` fails on a complaint listed with a wrong status or under another
/// institution, a missing number, or a wrong open count.
#[test]
fn try_state_with_broken_complaints_fails() {
	use crate::{
		ComplaintOutcome, ComplaintStatus, InstitutionComplaints, NextComplaintId, OpenComplaints,
	};
	let lodged = || {
		let mut ext = ExtBuilder::default().build();
		ext.execute_with(|| {
			frame_support::assert_ok!(Inst::lodge_complaint(signed(PERSON), hongta(), [1; 32]));
			frame_support::assert_ok!(Inst::lodge_complaint(root(), yuxi(), [2; 32]));
			assert!(Inst::do_try_state().is_ok());
		});
		ext
	};
	lodged().execute_with(|| {
		InstitutionComplaints::<Test>::insert(hongta(), 0, ComplaintStatus::Upheld);
		assert!(Inst::do_try_state().is_err());
	});
	lodged().execute_with(|| {
		InstitutionComplaints::<Test>::insert(yuxi(), 0, ComplaintStatus::Received);
		assert!(Inst::do_try_state().is_err());
	});
	lodged().execute_with(|| {
		NextComplaintId::<Test>::put(3);
		assert!(Inst::do_try_state().is_err());
	});
	lodged().execute_with(|| {
		OpenComplaints::<Test>::insert(PERSON, 2);
		assert!(Inst::do_try_state().is_err());
	});
	lodged().execute_with(|| {
		frame_support::assert_ok!(Inst::decide_complaint(
			root(),
			0,
			ComplaintOutcome::Dismissed,
			[3; 32]
		));
		assert!(Inst::do_try_state().is_ok());
		OpenComplaints::<Test>::insert(PERSON, 1);
		assert!(Inst::do_try_state().is_err());
	});
}

/// YX-R §28: `try_state` fails on a service account not mapped back, a removed institution's
/// account still mapped, or a power held through an unknown service institution.
#[test]
fn try_state_with_broken_service_institutions_fails() {
	use crate::{ServiceAccountOf, ServiceInstitutionStatus, ServiceInstitutions};
	let registered = || {
		let mut ext = ExtBuilder::default().build();
		ext.execute_with(|| {
			frame_support::assert_ok!(Inst::register_service_institution(
				root(),
				hongta_subject(),
				name("服务机构"),
				vec![PERSON].try_into().unwrap()
			));
			frame_support::assert_ok!(Inst::grant_power_of_attorney(
				signed(SUBJ),
				hongta_subject(),
				PERSON,
				dengji_primitives::traits::AgentScope::All,
				TODAY,
				[1; 32]
			));
			assert!(Inst::do_try_state().is_ok());
		});
		ext
	};
	registered().execute_with(|| {
		ServiceAccountOf::<Test>::remove(PERSON);
		assert!(Inst::do_try_state().is_err());
	});
	registered().execute_with(|| {
		ServiceAccountOf::<Test>::insert(77, hongta_subject());
		assert!(Inst::do_try_state().is_err());
	});
	registered().execute_with(|| {
		ServiceInstitutions::<Test>::mutate(hongta_subject(), |r| {
			r.as_mut().unwrap().status = ServiceInstitutionStatus::Removed
		});
		assert!(Inst::do_try_state().is_err());
	});
	registered().execute_with(|| {
		ServiceInstitutions::<Test>::remove(hongta_subject());
		ServiceAccountOf::<Test>::remove(PERSON);
		assert!(Inst::do_try_state().is_err());
	});
}

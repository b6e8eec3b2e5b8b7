//! Participants: subjects (Q20, docs/spec/DESIGN.md §5 jurisdiction), real-name persons (YX-R §22) and powers
//! of attorney (YX-R §18(六), §6, §11).

use super::*;
use crate::{
	AgentCount, Error, PersonKind, Persons, PowersOfAttorney, SubjectAccountsOf, SubjectOf,
	Subjects,
};
use dengji_primitives::traits::{AgentScope, Directory, SubjectInfo};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

type Inst = crate::Pallet<Test>;

fn accounts(a: &[u64]) -> SubjectAccountsOf<Test> {
	SubjectAccountsOf::<Test>::try_from(a.to_vec()).unwrap()
}

fn admit(op: u64, u: Uscc, seat: DivisionCode, accs: &[u64]) -> sp_runtime::DispatchResult {
	Inst::admit_subject(signed(op), u, name("Subject"), seat, accounts(accs))
}

// ---- subjects ----

/// docs/spec/DESIGN.md §5, Q16: Yuxi (530400) admits a subject seated in Hongta (530402).
#[test]
fn admit_subject_seated_within_jurisdiction_works() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(admit(YUXI_OP, uscc(2), hongta(), &[60, 61]));
		let s = Subjects::<Test>::get(uscc(2)).unwrap();
		assert_eq!(s.admitted_by, yuxi());
		assert_eq!(s.division, hongta());
		assert_eq!(s.admitted_at, noon(TODAY));
		assert_eq!(SubjectOf::<Test>::get(60), Some(uscc(2)));
		assert_eq!(providers(60), 1);
		assert_eq!(providers(61), 1);
		has_event(Event::SubjectAdmitted {
			uscc: uscc(2),
			division: hongta(),
			admitted_by: yuxi(),
		});
		assert_eq!(
			Inst::subject(&uscc(2)),
			Some(SubjectInfo { name: name("Subject"), division: hongta(), admitted_by: yuxi() })
		);
	});
}

/// docs/spec/DESIGN.md §5, Q16: Yuxi may not admit a subject seated in Kunming (530100); Hongta may not
/// admit one seated in its sister county Jiangchuan.
#[test]
fn admit_subject_seated_outside_jurisdiction_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(admit(YUXI_OP, uscc(2), kunming(), &[60]), Error::<Test>::OutsideJurisdiction);
		assert_noop!(
			admit(HT_OP, uscc(2), jiangchuan(), &[60]),
			Error::<Test>::OutsideJurisdiction
		);
		assert_noop!(admit(HT_OP, uscc(2), yuxi(), &[60]), Error::<Test>::OutsideJurisdiction);
	});
}

#[test]
fn admit_subject_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(admit(STRANGER, uscc(2), hongta(), &[60]), Error::<Test>::NotOperator);
		assert_noop!(
			Inst::admit_subject(
				RuntimeOrigin::none(),
				uscc(2),
				name("S"),
				hongta(),
				accounts(&[60])
			),
			DispatchError::BadOrigin
		);
		assert_noop!(admit(YUXI_OP, bad_uscc(), hongta(), &[60]), Error::<Test>::InvalidUscc);
		assert_noop!(
			admit(YUXI_OP, uscc(2), bad_division(), &[60]),
			Error::<Test>::InvalidDivision
		);
		assert_noop!(
			Inst::admit_subject(signed(YUXI_OP), uscc(2), name(""), hongta(), accounts(&[60])),
			Error::<Test>::EmptyName
		);
		assert_noop!(
			admit(YUXI_OP, hongta_subject(), hongta(), &[60]),
			Error::<Test>::SubjectExists
		);
		assert_noop!(admit(YUXI_OP, uscc(2), hongta(), &[]), Error::<Test>::NoSubjectAccounts);
		assert_noop!(
			admit(YUXI_OP, uscc(2), hongta(), &[SUBJ]),
			Error::<Test>::AccountAlreadySubject
		);
		assert_noop!(
			admit(YUXI_OP, uscc(2), hongta(), &[60, 60]),
			Error::<Test>::AccountAlreadySubject
		);
		assert_ok!(Inst::suspend_institution(root(), yuxi()));
		assert_noop!(admit(YUXI_OP, uscc(2), hongta(), &[60]), Error::<Test>::InstitutionNotActive);
	});
}

#[test]
fn add_and_remove_subject_account_by_operator_in_jurisdiction_works() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::add_subject_account(signed(HT_OP), hongta_subject(), 60));
		assert_eq!(
			Subjects::<Test>::get(hongta_subject()).unwrap().accounts.to_vec(),
			vec![SUBJ, 60]
		);
		assert_eq!(providers(60), 1);
		has_event(Event::SubjectAccountAdded { uscc: hongta_subject(), who: 60 });
		assert_ok!(Inst::remove_subject_account(signed(YUXI_OP), hongta_subject(), SUBJ));
		assert!(SubjectOf::<Test>::get(SUBJ).is_none());
		assert_eq!(providers(SUBJ), 0);
		has_event(Event::SubjectAccountRemoved { uscc: hongta_subject(), who: SUBJ });
	});
}

#[test]
fn subject_account_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Inst::add_subject_account(signed(YUXI_OP), uscc(9), 60),
			Error::<Test>::SubjectNotFound
		);
		assert_noop!(
			Inst::add_subject_account(signed(KM_OP), hongta_subject(), 60),
			Error::<Test>::OutsideJurisdiction
		);
		assert_noop!(
			Inst::add_subject_account(signed(STRANGER), hongta_subject(), 60),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			Inst::add_subject_account(signed(YUXI_OP), hongta_subject(), SUBJ),
			Error::<Test>::AccountAlreadySubject
		);
		// MaxSubjectAccounts = 2.
		assert_ok!(Inst::add_subject_account(signed(YUXI_OP), hongta_subject(), 60));
		assert_noop!(
			Inst::add_subject_account(signed(YUXI_OP), hongta_subject(), 61),
			Error::<Test>::TooManySubjectAccounts
		);
		assert_noop!(
			Inst::remove_subject_account(signed(YUXI_OP), hongta_subject(), 61),
			Error::<Test>::NotSubjectAccount
		);
		assert_noop!(
			Inst::remove_subject_account(signed(KM_OP), hongta_subject(), 60),
			Error::<Test>::OutsideJurisdiction
		);
	});
}

// ---- real name (YX-R §22) ----

/// YX-R §22: objectors are real-name; only a salted digest is stored (docs/spec/DESIGN.md §6).
#[test]
fn record_real_name_by_operator_stores_digest_and_verifier() {
	ExtBuilder::default().build_and_execute(|| {
		assert!(!Inst::is_real_name(&AGENT));
		assert_ok!(Inst::record_real_name(signed(HT_OP), AGENT, [3; 32], PersonKind::Organisation));
		let p = Persons::<Test>::get(AGENT).unwrap();
		assert_eq!(p.verified_by, hongta());
		assert_eq!(p.identity_digest, [3; 32]);
		assert!(Inst::is_real_name(&AGENT));
		assert_eq!(providers(AGENT), 1);
		has_event(Event::RealNameRecorded {
			who: AGENT,
			verified_by: hongta(),
			kind: PersonKind::Organisation,
		});
		assert_noop!(
			Inst::record_real_name(signed(YUXI_OP), AGENT, [3; 32], PersonKind::Individual),
			Error::<Test>::AlreadyRealName
		);
		assert_noop!(
			Inst::record_real_name(signed(STRANGER), 77, [3; 32], PersonKind::Individual),
			Error::<Test>::NotOperator
		);
	});
}

/// YX-R §22: revocation by the verifier's institution or one enclosing it.
#[test]
fn revoke_real_name_by_enclosing_institution_works_elsewhere_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		// PERSON was verified by Yuxi: Hongta (inside) and Kunming may not revoke.
		assert_noop!(
			Inst::revoke_real_name(signed(HT_OP), PERSON),
			Error::<Test>::OutsideJurisdiction
		);
		assert_noop!(
			Inst::revoke_real_name(signed(KM_OP), PERSON),
			Error::<Test>::OutsideJurisdiction
		);
		assert_noop!(Inst::revoke_real_name(signed(YUXI_OP), 77), Error::<Test>::NotRealName);
		assert_ok!(Inst::revoke_real_name(signed(YN_OP), PERSON));
		assert!(!Inst::is_real_name(&PERSON));
		assert_eq!(providers(PERSON), 0);
		has_event(Event::RealNameRevoked { who: PERSON });
	});
}

// ---- powers of attorney (YX-R §18(六), §6, §11) ----

/// YX-R §18(六): the agent acts within scope and term.
#[test]
fn grant_power_of_attorney_honours_scope_and_expiry() {
	ExtBuilder::default().build_and_execute(|| {
		let s = hongta_subject();
		assert_ok!(Inst::grant_power_of_attorney(
			signed(SUBJ),
			s,
			PERSON,
			AgentScope::Apply,
			20_010,
			[5; 32]
		));
		has_event(Event::PowerOfAttorneyGranted {
			subject: s,
			agent: PERSON,
			scope: AgentScope::Apply,
			expires_on: 20_010,
		});
		assert!(Inst::may_act_for(&PERSON, &s, AgentScope::Apply, 20_000));
		assert!(Inst::may_act_for(&PERSON, &s, AgentScope::Apply, 20_010));
		assert!(!Inst::may_act_for(&PERSON, &s, AgentScope::Apply, 20_011));
		assert!(!Inst::may_act_for(&PERSON, &s, AgentScope::Rebut, 20_000));
		assert!(!Inst::may_act_for(&PERSON, &s, AgentScope::All, 20_000));
		assert!(!Inst::may_act_for(&PERSON, &uscc(9), AgentScope::Apply, 20_000));
		// The subject's own account may do everything.
		assert!(Inst::may_act_for(&SUBJ, &s, AgentScope::All, 30_000));
		assert!(!Inst::may_act_for(&STRANGER, &s, AgentScope::Apply, 20_000));
		// Replacing widens the scope without a second slot.
		assert_ok!(Inst::grant_power_of_attorney(
			signed(SUBJ),
			s,
			PERSON,
			AgentScope::All,
			20_010,
			[5; 32]
		));
		assert_eq!(AgentCount::<Test>::get(s), 1);
		assert!(Inst::may_act_for(&PERSON, &s, AgentScope::Rebut, 20_000));
		// YX-R §22: an agent whose real name is revoked can no longer act.
		assert_ok!(Inst::revoke_real_name(signed(YUXI_OP), PERSON));
		assert!(!Inst::may_act_for(&PERSON, &s, AgentScope::Apply, 20_000));
	});
}

#[test]
fn grant_power_of_attorney_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		let s = hongta_subject();
		let grant = |who, subject, agent, expires| {
			Inst::grant_power_of_attorney(
				signed(who),
				subject,
				agent,
				AgentScope::Apply,
				expires,
				[5; 32],
			)
		};
		assert_noop!(grant(SUBJ, uscc(9), PERSON, 20_010), Error::<Test>::SubjectNotFound);
		assert_noop!(grant(STRANGER, s, PERSON, 20_010), Error::<Test>::NotSubjectAccount);
		assert_noop!(grant(SUBJ, s, AGENT, 20_010), Error::<Test>::AgentNotRealName);
		assert_noop!(grant(SUBJ, s, PERSON, 19_999), Error::<Test>::ExpiryInPast);
		// MaxAgentsPerSubject = 2.
		for a in [70, 71, 72] {
			assert_ok!(Inst::record_real_name(
				signed(YUXI_OP),
				a,
				[a as u8; 32],
				PersonKind::Individual
			));
		}
		assert_ok!(grant(SUBJ, s, 70, 20_010));
		assert_ok!(grant(SUBJ, s, 71, 20_010));
		assert_noop!(grant(SUBJ, s, 72, 20_010), Error::<Test>::TooManyAgents);
	});
}

#[test]
fn revoke_power_of_attorney_by_subject_ends_agency() {
	ExtBuilder::default().build_and_execute(|| {
		let s = hongta_subject();
		assert_ok!(Inst::grant_power_of_attorney(
			signed(SUBJ),
			s,
			PERSON,
			AgentScope::All,
			20_010,
			[5; 32]
		));
		assert_noop!(
			Inst::revoke_power_of_attorney(signed(PERSON), s, PERSON),
			Error::<Test>::NotSubjectAccount
		);
		assert_noop!(
			Inst::revoke_power_of_attorney(signed(SUBJ), s, AGENT),
			Error::<Test>::PowerOfAttorneyNotFound
		);
		assert_noop!(
			Inst::revoke_power_of_attorney(signed(SUBJ), uscc(9), PERSON),
			Error::<Test>::SubjectNotFound
		);
		assert_ok!(Inst::revoke_power_of_attorney(signed(SUBJ), s, PERSON));
		assert!(PowersOfAttorney::<Test>::get(s, PERSON).is_none());
		assert_eq!(AgentCount::<Test>::get(s), 0);
		assert!(!Inst::may_act_for(&PERSON, &s, AgentScope::Apply, 20_000));
		has_event(Event::PowerOfAttorneyRevoked { subject: s, agent: PERSON });
	});
}

/// Operator and subject calls refuse unsigned origins and signers without the role.
#[test]
fn participant_calls_by_wrong_origin_are_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let s = hongta_subject();
		let operator_calls: Vec<Box<dyn Fn(RuntimeOrigin) -> sp_runtime::DispatchResult>> = vec![
			Box::new(|o| Inst::admit_subject(o, uscc(2), name("S"), hongta(), accounts(&[60]))),
			Box::new(move |o| Inst::add_subject_account(o, s, 60)),
			Box::new(move |o| Inst::remove_subject_account(o, s, SUBJ)),
			Box::new(|o| Inst::record_real_name(o, 77, [1; 32], PersonKind::Individual)),
			Box::new(|o| Inst::revoke_real_name(o, PERSON)),
		];
		for call in &operator_calls {
			assert_noop!(call(RuntimeOrigin::none()), DispatchError::BadOrigin);
			assert_noop!(call(signed(STRANGER)), Error::<Test>::NotOperator);
			// A subject account or a city authority is not an operator.
			assert_noop!(call(signed(SUBJ)), Error::<Test>::NotOperator);
			assert_noop!(call(signed(YUXI_CA)), Error::<Test>::NotOperator);
		}
		let subject_calls: Vec<Box<dyn Fn(RuntimeOrigin) -> sp_runtime::DispatchResult>> = vec![
			Box::new(move |o| {
				Inst::grant_power_of_attorney(o, s, PERSON, AgentScope::All, 20_010, [5; 32])
			}),
			Box::new(move |o| Inst::revoke_power_of_attorney(o, s, PERSON)),
		];
		for call in &subject_calls {
			assert_noop!(call(RuntimeOrigin::none()), DispatchError::BadOrigin);
			assert_noop!(call(signed(YUXI_OP)), Error::<Test>::NotSubjectAccount);
			assert_noop!(call(root()), DispatchError::BadOrigin);
		}
	});
}

//! Third-party service institutions (第三方专业服务机构, YX-R §11: they serve "严格按照委托或者协议
//! 事项"; YX-R §28: "不得存在虚假记载、误导性陈述、信息泄露等违法违规行为"): registered by the data
//! authority, suspended or removed with the §28 ground; an agent that is one's account holds its
//! powers of attorney through it. Agents acting in their own name (YX-R §21(三) "委托其他机构或者
//! 个人") are unaffected.

use super::*;
use crate::{
	Error, PowersOfAttorney, ServiceAccountOf, ServiceDecision, ServiceInstitution,
	ServiceInstitutionStatus, ServiceInstitutions, ServiceMisconduct,
};
use dengji_primitives::traits::{AgentScope, Directory};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

type Inst = crate::Pallet<Test>;

/// A second account of the service institution.
const AGENT2: u64 = 43;

fn service() -> dengji_primitives::Uscc {
	uscc(5)
}

fn accounts(a: &[u64]) -> crate::ServiceAccounts<u64> {
	a.to_vec().try_into().unwrap()
}

/// The Yuxi city authority registers a service institution with `AGENT` (made real-name).
fn register_service() {
	assert_ok!(Inst::record_real_name(
		signed(YUXI_OP),
		AGENT,
		[8; 32],
		crate::PersonKind::Organisation
	));
	assert_ok!(Inst::register_service_institution(
		signed(YUXI_CA),
		service(),
		name("玉溪数据登记服务有限公司"),
		accounts(&[AGENT, AGENT2])
	));
}

fn may_act(agent: u64) -> bool {
	Inst::may_act_for(&agent, &hongta_subject(), AgentScope::Apply, TODAY)
}

/// YX-R §11, §28: the data authority registers a service institution; a power of attorney
/// granted to its account is held through it and acts while it is active — not while it is
/// suspended for a §28 ground, again once reinstated, never after its removal.
#[test]
fn service_institution_registered_and_its_agent_acts_through_it_yx_r_28() {
	ExtBuilder::default().build_and_execute(|| {
		register_service();
		has_event(Event::ServiceInstitutionRegistered {
			uscc: service(),
			authority: Some(yuxi()),
			by: Some(YUXI_CA),
		});
		assert_eq!(
			ServiceInstitutions::<Test>::get(service()),
			Some(ServiceInstitution {
				name: name("玉溪数据登记服务有限公司"),
				accounts: accounts(&[AGENT, AGENT2]),
				status: ServiceInstitutionStatus::Active,
				authority: Some(yuxi()),
				registered_at: noon(TODAY),
				last_decision: None,
			})
		);
		assert_eq!(ServiceAccountOf::<Test>::get(AGENT), Some(service()));

		assert_ok!(Inst::grant_power_of_attorney(
			signed(SUBJ),
			hongta_subject(),
			AGENT,
			AgentScope::All,
			TODAY + 30,
			[9; 32]
		));
		has_event(Event::PowerOfAttorneyThroughServiceInstitution {
			subject: hongta_subject(),
			agent: AGENT,
			service_institution: service(),
		});
		assert_eq!(
			PowersOfAttorney::<Test>::get(hongta_subject(), AGENT).unwrap().service_institution,
			Some(service())
		);
		assert!(may_act(AGENT));

		// YX-R §28: suspended for a false record (虚假记载): the power is inert.
		set_today(TODAY + 1);
		assert_ok!(Inst::suspend_service_institution(
			signed(YUXI_CA),
			service(),
			Some(ServiceMisconduct::FalseRecord),
			[0xd1; 32]
		));
		has_event(Event::ServiceInstitutionSuspended {
			uscc: service(),
			ground: Some(ServiceMisconduct::FalseRecord),
			decision: [0xd1; 32],
		});
		assert_eq!(
			ServiceInstitutions::<Test>::get(service()).unwrap().last_decision,
			Some(ServiceDecision {
				ground: Some(ServiceMisconduct::FalseRecord),
				decision: [0xd1; 32],
				at: noon(TODAY + 1),
			})
		);
		assert!(!may_act(AGENT));
		// Reinstated: the power acts again within its term.
		assert_ok!(Inst::reinstate_service_institution(root(), service()));
		has_event(Event::ServiceInstitutionReinstated { uscc: service() });
		assert!(may_act(AGENT));
		assert!(!Inst::may_act_for(&AGENT, &hongta_subject(), AgentScope::Apply, TODAY + 31));

		// Removed for an information leak (信息泄露): final, accounts released, power inert.
		assert_ok!(Inst::remove_service_institution(
			root(),
			service(),
			Some(ServiceMisconduct::InformationLeak),
			[0xd2; 32]
		));
		has_event(Event::ServiceInstitutionRemoved {
			uscc: service(),
			ground: Some(ServiceMisconduct::InformationLeak),
			decision: [0xd2; 32],
		});
		assert_eq!(ServiceAccountOf::<Test>::get(AGENT), None);
		assert_eq!(
			ServiceInstitutions::<Test>::get(service()).unwrap().status,
			ServiceInstitutionStatus::Removed
		);
		assert!(!may_act(AGENT));
		// The subject may still revoke the inert power.
		assert_ok!(Inst::revoke_power_of_attorney(signed(SUBJ), hongta_subject(), AGENT));
	});
}

/// YX-R §21(三), §28: an agent that is no service institution's account (a person, or an
/// organisation acting in its own name) holds its power in its own name, as before; the
/// province authority may register, suspend and remove any service institution.
#[test]
fn agent_in_own_name_unaffected_and_province_authority_acts_yx_r_28() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::grant_power_of_attorney(
			signed(SUBJ),
			hongta_subject(),
			PERSON,
			AgentScope::Apply,
			TODAY,
			[9; 32]
		));
		assert_eq!(
			PowersOfAttorney::<Test>::get(hongta_subject(), PERSON).unwrap().service_institution,
			None
		);
		assert!(may_act(PERSON));
		assert_ok!(Inst::register_service_institution(
			root(),
			uscc(6),
			name("服务机构"),
			accounts(&[77])
		));
		has_event(Event::ServiceInstitutionRegistered { uscc: uscc(6), authority: None, by: None });
		// Registration without a ground, removal on the institution's own request (no ground).
		assert_ok!(Inst::remove_service_institution(root(), uscc(6), None, [1; 32]));
		assert_eq!(
			ServiceInstitutions::<Test>::get(uscc(6)).unwrap().last_decision.unwrap().ground,
			None
		);
		assert!(may_act(PERSON));
	});
}

/// YX-R §28: who may not register or change a service institution, and when; a suspended
/// institution's account gets no new power. Each refusal is typed and changes nothing.
#[test]
fn service_institution_refusals_are_typed_yx_r_28() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Inst::register_service_institution(
				signed(PERSON),
				service(),
				name("x"),
				accounts(&[AGENT])
			),
			Error::<Test>::NotCityAuthority
		);
		assert_noop!(
			Inst::register_service_institution(
				RuntimeOrigin::none(),
				service(),
				name("x"),
				accounts(&[AGENT])
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Inst::register_service_institution(root(), bad_uscc(), name("x"), accounts(&[AGENT])),
			Error::<Test>::InvalidUscc
		);
		assert_noop!(
			Inst::register_service_institution(root(), service(), name(""), accounts(&[AGENT])),
			Error::<Test>::EmptyName
		);
		assert_noop!(
			Inst::register_service_institution(root(), service(), name("x"), accounts(&[])),
			Error::<Test>::NoServiceAccounts
		);
		assert_noop!(
			Inst::register_service_institution(root(), service(), name("x"), accounts(&[7, 7])),
			Error::<Test>::AccountAlreadyServiceInstitution
		);
		register_service();
		assert_noop!(
			Inst::register_service_institution(root(), service(), name("x"), accounts(&[78])),
			Error::<Test>::ServiceInstitutionExists
		);
		assert_noop!(
			Inst::register_service_institution(root(), uscc(6), name("x"), accounts(&[78, AGENT])),
			Error::<Test>::AccountAlreadyServiceInstitution
		);
		assert_noop!(
			Inst::suspend_service_institution(root(), uscc(6), None, [1; 32]),
			Error::<Test>::ServiceInstitutionNotFound
		);
		// Only the registering city authority (or the province) changes the record.
		assert_noop!(
			Inst::suspend_service_institution(signed(KM_CA), service(), None, [1; 32]),
			Error::<Test>::OutsideServiceAuthority
		);
		assert_noop!(
			Inst::remove_service_institution(signed(PERSON), service(), None, [1; 32]),
			Error::<Test>::NotCityAuthority
		);
		assert_noop!(
			Inst::reinstate_service_institution(signed(YUXI_CA), service()),
			Error::<Test>::ServiceInstitutionNotSuspended
		);
		assert_ok!(Inst::suspend_service_institution(
			signed(YUXI_CA),
			service(),
			Some(ServiceMisconduct::MisleadingStatement),
			[1; 32]
		));
		assert_noop!(
			Inst::suspend_service_institution(signed(YUXI_CA), service(), None, [2; 32]),
			Error::<Test>::ServiceInstitutionNotActive
		);
		// YX-R §28: a suspended institution's account gets no new power of attorney.
		assert_noop!(
			Inst::grant_power_of_attorney(
				signed(SUBJ),
				hongta_subject(),
				AGENT,
				AgentScope::All,
				TODAY,
				[9; 32]
			),
			Error::<Test>::ServiceInstitutionNotActive
		);
		assert_ok!(Inst::remove_service_institution(
			signed(YUXI_CA),
			service(),
			Some(ServiceMisconduct::OtherViolation),
			[3; 32]
		));
		for call in [
			Inst::reinstate_service_institution(root(), service()),
			Inst::suspend_service_institution(root(), service(), None, [4; 32]),
			Inst::remove_service_institution(root(), service(), None, [4; 32]),
		] {
			assert_eq!(call, Err(Error::<Test>::ServiceInstitutionRemoved.into()));
		}
		// A removed institution's USCC stays taken.
		assert_noop!(
			Inst::register_service_institution(root(), service(), name("x"), accounts(&[79])),
			Error::<Test>::ServiceInstitutionExists
		);
	});
}

//! Institutions: registration, filing (YX-R §7), sanctions (YX-R §26), takeover (Q17), operators,
//! signing keys (docs/spec/DESIGN.md §7), validators and PeerIds (docs/spec/DESIGN.md §3).

use super::*;
use crate::{
	CityAuthorities, Error, InstitutionCount, Institutions, OperatorOf, Operators, PeerId,
	ValidatorOf, ValidatorSetOutdated,
};
use dengji_primitives::{
	institution::{InstitutionStatus, MAX_RETIRED_KEYS},
	traits::{AccessError, Directory},
};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

type Inst = crate::Pallet<Test>;

fn peer(b: u8) -> PeerId {
	PeerId::try_from(vec![b; 38]).unwrap()
}

// ---- registration (YX-R §7 ¶1) ----

/// YX-R §7 ¶1: the data authority designates the city institution.
#[test]
fn register_institution_by_authority_stores_active_record() {
	ExtBuilder::default().build_and_execute(|| {
		let qujing = div(530300);
		assert_ok!(Inst::register_institution(root(), qujing, name("Qujing"), [9; 32]));
		let r = Institutions::<Test>::get(qujing).unwrap();
		assert_eq!(r.status, InstitutionStatus::Active);
		assert_eq!(r.signing_key, [9; 32]);
		assert_eq!(r.filed_at, None);
		assert_eq!(InstitutionCount::<Test>::get(), 5);
		has_event(Event::InstitutionRegistered { division: qujing });
	});
}

#[test]
fn register_institution_by_signed_origin_is_bad_origin() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Inst::register_institution(signed(YUXI_CA), div(530300), name("Q"), [9; 32]),
			DispatchError::BadOrigin
		);
	});
}

/// YX-R §7 ¶2: county institutions are filed with the city authority, not registered.
#[test]
fn register_institution_county_is_rejected_as_must_be_filed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Inst::register_institution(root(), jiangchuan(), name("J"), [9; 32]),
			Error::<Test>::CountyMustBeFiled
		);
	});
}

#[test]
fn register_institution_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Inst::register_institution(root(), yuxi(), name("Y"), [9; 32]),
			Error::<Test>::InstitutionExists
		);
		assert_noop!(
			Inst::register_institution(root(), div(530300), name(""), [9; 32]),
			Error::<Test>::EmptyName
		);
		assert_noop!(
			Inst::register_institution(root(), bad_division(), name("X"), [9; 32]),
			Error::<Test>::InvalidDivision
		);
	});
}

#[test]
fn register_institution_beyond_max_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		// 4 at genesis, MaxInstitutions = 16.
		for c in 2..=13u32 {
			assert_ok!(Inst::register_institution(
				root(),
				div(530000 + c * 100 + if c >= 4 { 100 } else { 0 }),
				name("C"),
				[9; 32]
			));
		}
		assert_eq!(InstitutionCount::<Test>::get(), 16);
		assert_noop!(
			Inst::register_institution(root(), div(520100), name("G"), [9; 32]),
			Error::<Test>::TooManyInstitutions
		);
	});
}

// ---- filing (YX-R §7 ¶2) ----

/// YX-R §7 ¶2: the city authority of 5304 files 530402 (within its city) but not 530102.
#[test]
fn file_county_institution_by_city_authority_within_city_only() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_ok!(Inst::set_city_authority(root(), YUXI_CA, yuxi()));
		set_today(20_100);
		assert_ok!(Inst::file_county_institution(signed(YUXI_CA), hongta(), name("H"), [6; 32]));
		let r = Institutions::<Test>::get(hongta()).unwrap();
		assert_eq!(r.filed_at, Some(noon(20_100)));
		has_event(Event::CountyInstitutionFiled {
			division: hongta(),
			by: Some(YUXI_CA),
			filed_at: noon(20_100),
		});
		assert_noop!(
			Inst::file_county_institution(signed(YUXI_CA), wuhua(), name("W"), [7; 32]),
			Error::<Test>::OutsideCityAuthority
		);
	});
}

/// YX-R §7 ¶2; docs/spec/DESIGN.md §3: the province authority acts on everything.
#[test]
fn file_county_institution_by_province_authority_works() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::file_county_institution(root(), jiangchuan(), name("J"), [8; 32]));
		assert!(Institutions::<Test>::get(jiangchuan()).unwrap().filed_at.is_some());
		has_event(Event::CountyInstitutionFiled {
			division: jiangchuan(),
			by: None,
			filed_at: noon(TODAY),
		});
	});
}

#[test]
fn file_county_institution_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Inst::file_county_institution(signed(YUXI_CA), yuxi(), name("Y"), [8; 32]),
			Error::<Test>::NotCounty
		);
		assert_noop!(
			Inst::file_county_institution(signed(STRANGER), jiangchuan(), name("J"), [8; 32]),
			Error::<Test>::NotCityAuthority
		);
		assert_noop!(
			Inst::file_county_institution(RuntimeOrigin::none(), jiangchuan(), name("J"), [8; 32]),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Inst::file_county_institution(signed(YUXI_CA), hongta(), name("H"), [8; 32]),
			Error::<Test>::InstitutionExists
		);
		assert_noop!(
			Inst::file_county_institution(signed(YUXI_CA), jiangchuan(), name(""), [8; 32]),
			Error::<Test>::EmptyName
		);
	});
}

// ---- sanctions (YX-R §26) ----

/// YX-R §26: interview (suspend) and reinstate by the city authority for its county.
#[test]
fn suspend_then_reinstate_by_city_authority_works() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::suspend_institution(signed(YUXI_CA), hongta()));
		assert_eq!(
			Institutions::<Test>::get(hongta()).unwrap().status,
			InstitutionStatus::Suspended
		);
		has_event(Event::InstitutionSuspended { division: hongta() });
		assert_eq!(Inst::ensure_operator(&HT_OP, hongta()), Err(AccessError::InstitutionNotActive));
		assert_ok!(Inst::reinstate_institution(signed(YUXI_CA), hongta()));
		assert_eq!(Institutions::<Test>::get(hongta()).unwrap().status, InstitutionStatus::Active);
		has_event(Event::InstitutionReinstated { division: hongta() });
		assert_ok!(Inst::ensure_operator(&HT_OP, hongta()));
	});
}

/// YX-R §26.
#[test]
fn suspend_or_reinstate_in_wrong_state_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Inst::reinstate_institution(root(), yuxi()),
			Error::<Test>::InstitutionNotSuspended
		);
		assert_ok!(Inst::suspend_institution(root(), yuxi()));
		assert_noop!(
			Inst::suspend_institution(root(), yuxi()),
			Error::<Test>::InstitutionNotActive
		);
		assert_noop!(
			Inst::suspend_institution(root(), jiangchuan()),
			Error::<Test>::InstitutionNotFound
		);
	});
}

/// YX-R §7 ¶2, §26, YN-D §63: a city authority acts only on its own city's institution and the
/// county institutions of its city, not on another city's.
#[test]
fn sanction_by_city_authority_outside_its_counties_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Inst::suspend_institution(signed(KM_CA), hongta()),
			Error::<Test>::OutsideCityAuthority
		);
		assert_noop!(
			Inst::suspend_institution(signed(KM_CA), yuxi()),
			Error::<Test>::OutsideCityAuthority
		);
		assert_noop!(
			Inst::disqualify_institution(signed(STRANGER), hongta()),
			Error::<Test>::NotCityAuthority
		);
	});
}

/// YX-R §26: disqualification is final; the node leaves the allow-list and the validator the set.
#[test]
fn disqualify_institution_is_final_and_clears_node_and_validator() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(providers(HT_VAL), 1);
		assert_ok!(Inst::disqualify_institution(signed(YUXI_CA), hongta()));
		let r = Institutions::<Test>::get(hongta()).unwrap();
		assert_eq!(r.status, InstitutionStatus::Disqualified);
		assert_eq!(r.validator, None);
		assert_eq!(r.peer_id, None);
		assert!(ValidatorOf::<Test>::get(HT_VAL).is_none());
		assert_eq!(providers(HT_VAL), 0);
		assert!(ValidatorSetOutdated::<Test>::get());
		assert_eq!(MockAllowList::take(), vec![(false, hongta(), vec![HT_VAL as u8; 38])]);
		has_event(Event::InstitutionDisqualified { division: hongta() });
		has_event(Event::PeerIdChanged { division: hongta(), peer_id: None });
		has_event(Event::ValidatorChanged { division: hongta(), validator: None });

		let final_err = || Error::<Test>::InstitutionDisqualified;
		assert_noop!(Inst::disqualify_institution(root(), hongta()), final_err());
		assert_noop!(Inst::suspend_institution(root(), hongta()), final_err());
		assert_noop!(Inst::reinstate_institution(root(), hongta()), final_err());
		assert_noop!(Inst::add_operator(root(), hongta(), 77), final_err());
		assert_noop!(Inst::rotate_signing_key(root(), hongta(), [66; 32]), final_err());
		assert_noop!(Inst::set_validator(root(), hongta(), Some(77)), final_err());
		assert_noop!(Inst::set_peer_id(root(), hongta(), Some(peer(77))), final_err());
		// Its operators lose access.
		assert_eq!(Inst::ensure_operator(&HT_OP, hongta()), Err(AccessError::InstitutionNotActive));
	});
}

// ---- takeover (Q17) ----

/// YX-R §26, Q17: after disqualification the city institution takes over pending cases; the
/// county's certificates stay verifiable with its keys.
#[test]
fn transfer_cases_after_disqualification_moves_responsibility_to_city() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::disqualify_institution(root(), hongta()));
		assert_ok!(Inst::transfer_cases(signed(YUXI_CA), hongta(), yuxi()));
		has_event(Event::CasesTransferred { from: hongta(), to: yuxi() });
		let r = Institutions::<Test>::get(hongta()).unwrap();
		assert_eq!(r.taken_over_by, Some(yuxi()));
		assert!(r.has_signing_key(&[6; 32]));
		assert_eq!(Inst::responsible_institution(hongta()), yuxi());
		assert_ok!(Inst::ensure_operator(&YUXI_OP, hongta()));
		assert_eq!(Inst::ensure_operator(&HT_OP, hongta()), Err(AccessError::NotOperator));
		// If the city is later disqualified too, the province takes over both.
		assert_ok!(Inst::disqualify_institution(root(), yuxi()));
		assert_ok!(Inst::transfer_cases(root(), yuxi(), yunnan()));
		assert_eq!(Inst::responsible_institution(hongta()), yunnan());
		assert_ok!(Inst::ensure_operator(&YN_OP, hongta()));
	});
}

/// Q17.
#[test]
fn transfer_cases_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Inst::transfer_cases(root(), hongta(), yuxi()),
			Error::<Test>::InstitutionNotDisqualified
		);
		assert_noop!(
			Inst::transfer_cases(root(), jiangchuan(), yuxi()),
			Error::<Test>::InstitutionNotFound
		);
		assert_ok!(Inst::disqualify_institution(root(), hongta()));
		assert_noop!(
			Inst::transfer_cases(root(), hongta(), kunming()),
			Error::<Test>::TakeoverOutsideDivision
		);
		assert_noop!(
			Inst::transfer_cases(root(), hongta(), hongta()),
			Error::<Test>::TakeoverOutsideDivision
		);
		assert_ok!(Inst::suspend_institution(root(), yuxi()));
		assert_noop!(
			Inst::transfer_cases(root(), hongta(), yuxi()),
			Error::<Test>::InstitutionNotActive
		);
		assert_ok!(Inst::transfer_cases(root(), hongta(), yunnan()));
		assert_noop!(
			Inst::transfer_cases(root(), hongta(), yunnan()),
			Error::<Test>::CasesAlreadyTransferred
		);
		assert_noop!(
			Inst::transfer_cases(signed(KM_CA), hongta(), yuxi()),
			Error::<Test>::OutsideCityAuthority
		);
	});
}

// ---- operators (YX-AO §31: every act by an identified officer account) ----

#[test]
fn add_and_remove_operator_by_city_authority_holds_and_releases_provider() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(providers(77), 0);
		assert_ok!(Inst::add_operator(signed(YUXI_CA), hongta(), 77));
		assert!(Operators::<Test>::contains_key(hongta(), 77));
		assert_eq!(OperatorOf::<Test>::get(77), Some(hongta()));
		assert_eq!(providers(77), 1);
		has_event(Event::OperatorAdded { division: hongta(), who: 77 });
		assert_ok!(Inst::remove_operator(signed(YUXI_CA), hongta(), 77));
		assert!(OperatorOf::<Test>::get(77).is_none());
		assert_eq!(providers(77), 0);
		has_event(Event::OperatorRemoved { division: hongta(), who: 77 });
	});
}

#[test]
fn add_operator_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Inst::add_operator(root(), yuxi(), HT_OP), Error::<Test>::AlreadyOperator);
		assert_noop!(
			Inst::add_operator(root(), jiangchuan(), 77),
			Error::<Test>::InstitutionNotFound
		);
		assert_noop!(
			Inst::add_operator(signed(KM_CA), hongta(), 77),
			Error::<Test>::OutsideCityAuthority
		);
		// MaxOperators = 3; Hongta has one.
		assert_ok!(Inst::add_operator(root(), hongta(), 77));
		assert_ok!(Inst::add_operator(root(), hongta(), 78));
		assert_noop!(Inst::add_operator(root(), hongta(), 79), Error::<Test>::TooManyOperators);
		assert_noop!(Inst::remove_operator(root(), hongta(), YUXI_OP), Error::<Test>::NotOperator);
	});
}

// ---- signing keys (docs/spec/DESIGN.md §7) ----

/// docs/spec/DESIGN.md §7: rotation keeps the old key, so certificates it signed still verify.
#[test]
fn rotate_signing_key_keeps_old_key_for_old_certificates() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::rotate_signing_key(root(), yuxi(), [40; 32]));
		let r = Institutions::<Test>::get(yuxi()).unwrap();
		assert_eq!(r.signing_key, [40; 32]);
		assert_eq!(r.retired_keys.to_vec(), vec![YUXI_KEY]);
		assert!(r.has_signing_key(&YUXI_KEY));
		assert!(Inst::institution(yuxi()).unwrap().has_signing_key(&[40; 32]));
		has_event(Event::SigningKeyRotated {
			division: yuxi(),
			new_key: [40; 32],
			retired: YUXI_KEY,
		});
	});
}

#[test]
fn rotate_signing_key_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Inst::rotate_signing_key(root(), yuxi(), YUXI_KEY),
			Error::<Test>::SameSigningKey
		);
		assert_ok!(Inst::rotate_signing_key(root(), yuxi(), [40; 32]));
		assert_noop!(
			Inst::rotate_signing_key(root(), yuxi(), YUXI_KEY),
			Error::<Test>::SigningKeyPreviouslyUsed
		);
		for k in 1..MAX_RETIRED_KEYS as u8 {
			assert_ok!(Inst::rotate_signing_key(root(), yuxi(), [40 + k; 32]));
		}
		assert_eq!(
			Institutions::<Test>::get(yuxi()).unwrap().retired_keys.len(),
			MAX_RETIRED_KEYS as usize
		);
		assert_noop!(
			Inst::rotate_signing_key(root(), yuxi(), [100; 32]),
			Error::<Test>::TooManyRetiredKeys
		);
		assert_noop!(
			Inst::rotate_signing_key(root(), jiangchuan(), [100; 32]),
			Error::<Test>::InstitutionNotFound
		);
	});
}

// ---- validator and PeerId (docs/spec/DESIGN.md §3 layers 1 and 3) ----

#[test]
fn set_validator_replaces_account_and_moves_provider() {
	ExtBuilder::default().build_and_execute(|| {
		ValidatorSetOutdated::<Test>::put(false);
		assert_ok!(Inst::set_validator(signed(YUXI_CA), hongta(), Some(77)));
		assert_eq!(Institutions::<Test>::get(hongta()).unwrap().validator, Some(77));
		assert_eq!(ValidatorOf::<Test>::get(77), Some(hongta()));
		assert!(ValidatorOf::<Test>::get(HT_VAL).is_none());
		assert_eq!(providers(77), 1);
		assert_eq!(providers(HT_VAL), 0);
		assert!(ValidatorSetOutdated::<Test>::get());
		has_event(Event::ValidatorChanged { division: hongta(), validator: Some(77) });
		assert_ok!(Inst::set_validator(root(), hongta(), None));
		assert_eq!(providers(77), 0);
		has_event(Event::ValidatorChanged { division: hongta(), validator: None });
	});
}

#[test]
fn set_validator_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Inst::set_validator(root(), yuxi(), Some(YUXI_VAL)),
			Error::<Test>::ValidatorUnchanged
		);
		assert_noop!(
			Inst::set_validator(root(), yuxi(), Some(KM_VAL)),
			Error::<Test>::ValidatorInUse
		);
		assert_noop!(
			Inst::set_validator(signed(STRANGER), hongta(), Some(77)),
			Error::<Test>::NotCityAuthority
		);
	});
}

/// docs/spec/DESIGN.md §3 layer 1: the allow-list hook follows PeerId changes.
#[test]
fn set_peer_id_replaces_and_notifies_allow_list() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::set_peer_id(signed(YUXI_CA), hongta(), Some(peer(90))));
		assert_eq!(
			MockAllowList::take(),
			vec![(false, hongta(), vec![HT_VAL as u8; 38]), (true, hongta(), vec![90; 38])]
		);
		has_event(Event::PeerIdChanged { division: hongta(), peer_id: Some(peer(90)) });
		assert_ok!(Inst::set_peer_id(root(), hongta(), None));
		assert_eq!(MockAllowList::take(), vec![(false, hongta(), vec![90; 38])]);
		has_event(Event::PeerIdChanged { division: hongta(), peer_id: None });
	});
}

#[test]
fn set_peer_id_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Inst::set_peer_id(root(), yuxi(), Some(peer(YUXI_VAL as u8))),
			Error::<Test>::PeerIdUnchanged
		);
		assert_noop!(
			Inst::set_peer_id(root(), yuxi(), Some(PeerId::default())),
			Error::<Test>::EmptyPeerId
		);
		assert_noop!(
			Inst::set_peer_id(root(), yuxi(), Some(peer(KM_VAL as u8))),
			Error::<Test>::PeerIdInUse
		);
		assert_noop!(
			Inst::set_peer_id(root(), jiangchuan(), None),
			Error::<Test>::InstitutionNotFound
		);
	});
}

// ---- city authorities (YX-R §7 ¶2) ----

#[test]
fn set_and_remove_city_authority_works() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::set_city_authority(root(), 77, div(530300)));
		assert_eq!(CityAuthorities::<Test>::get(77), Some(div(530300)));
		assert_eq!(providers(77), 1);
		has_event(Event::CityAuthoritySet { who: 77, city: div(530300) });
		assert_ok!(Inst::remove_city_authority(root(), 77));
		assert_eq!(providers(77), 0);
		has_event(Event::CityAuthorityRemoved { who: 77, city: div(530300) });
	});
}

#[test]
fn set_city_authority_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Inst::set_city_authority(signed(YUXI_CA), 77, yuxi()),
			DispatchError::BadOrigin
		);
		assert_noop!(Inst::set_city_authority(root(), 77, hongta()), Error::<Test>::NotCity);
		assert_noop!(Inst::set_city_authority(root(), 77, yunnan()), Error::<Test>::NotCity);
		assert_noop!(
			Inst::set_city_authority(root(), 77, bad_division()),
			Error::<Test>::InvalidDivision
		);
		assert_noop!(
			Inst::set_city_authority(root(), YUXI_CA, kunming()),
			Error::<Test>::CityAuthorityExists
		);
		assert_noop!(Inst::remove_city_authority(root(), 77), Error::<Test>::CityAuthorityNotFound);
		assert_noop!(
			Inst::remove_city_authority(signed(YUXI_CA), YUXI_CA),
			DispatchError::BadOrigin
		);
	});
}

/// docs/spec/DESIGN.md §3 governance: every authority call refuses unsigned origins, signers that are not a
/// city authority, and city authorities outside their counties.
#[test]
fn authority_calls_by_wrong_origin_are_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let calls: Vec<Box<dyn Fn(RuntimeOrigin) -> sp_runtime::DispatchResult>> = vec![
			Box::new(|o| Inst::suspend_institution(o, hongta())),
			Box::new(|o| Inst::reinstate_institution(o, hongta())),
			Box::new(|o| Inst::disqualify_institution(o, hongta())),
			Box::new(|o| Inst::transfer_cases(o, hongta(), yuxi())),
			Box::new(|o| Inst::add_operator(o, hongta(), 77)),
			Box::new(|o| Inst::remove_operator(o, hongta(), HT_OP)),
			Box::new(|o| Inst::rotate_signing_key(o, hongta(), [66; 32])),
			Box::new(|o| Inst::set_validator(o, hongta(), Some(77))),
			Box::new(|o| Inst::set_peer_id(o, hongta(), Some(peer(77)))),
		];
		for call in &calls {
			assert_noop!(call(RuntimeOrigin::none()), DispatchError::BadOrigin);
			assert_noop!(call(signed(STRANGER)), Error::<Test>::NotCityAuthority);
			assert_noop!(call(signed(KM_CA)), Error::<Test>::OutsideCityAuthority);
		}
	});
}

/// A validator with session keys (a consumer reference) can still be replaced: its provider
/// reference stays rather than blocking the authority (no balances pallet).
#[test]
fn set_validator_clearing_account_with_consumers_keeps_provider() {
	ExtBuilder::default().build_and_execute(|| {
		frame_system::Pallet::<Test>::inc_consumers(&HT_VAL).unwrap();
		assert_ok!(Inst::set_validator(root(), hongta(), None));
		assert!(ValidatorOf::<Test>::get(HT_VAL).is_none());
		assert_eq!(providers(HT_VAL), 1);
		has_event(Event::ValidatorChanged { division: hongta(), validator: None });
	});
}

// ---- SM2 co-signing keys (GB/T 32918; docs/spec/DESIGN.md §7; issue 14 §2) ----

/// docs/spec/DESIGN.md §7: the data authority registers an SM2 key beside the ed25519 key; the
/// city authority does so for its counties.
#[test]
fn set_sm2_key_registers_first_key() {
	ExtBuilder::default().build_and_execute(|| {
		let key = sm2_key("//Yuxi//sm2");
		assert_ok!(Inst::set_sm2_key(root(), yuxi(), key));
		let r = Institutions::<Test>::get(yuxi()).unwrap();
		assert_eq!(r.sm2_key, Some(key));
		assert!(r.retired_sm2_keys.is_empty());
		// The ed25519 key is untouched.
		assert_eq!(r.signing_key, [4; 32]);
		has_event(Event::Sm2KeySet { division: yuxi(), key, retired: None });
		let county = sm2_key("//Hongta//sm2");
		assert_ok!(Inst::set_sm2_key(signed(YUXI_CA), hongta(), county));
		assert_eq!(Institutions::<Test>::get(hongta()).unwrap().sm2_key, Some(county));
	});
}

/// docs/spec/DESIGN.md §7: rotation keeps the old SM2 key, so co-signatures it made still verify.
#[test]
fn set_sm2_key_rotation_keeps_old_keys_for_old_certificates() {
	ExtBuilder::default().build_and_execute(|| {
		let (first, second) = (sm2_key("//Yuxi//sm2"), sm2_key("//Yuxi//sm2//2"));
		assert_ok!(Inst::set_sm2_key(root(), yuxi(), first));
		assert_ok!(Inst::set_sm2_key(root(), yuxi(), second));
		has_event(Event::Sm2KeySet { division: yuxi(), key: second, retired: Some(first) });
		let r = Inst::institution(yuxi()).unwrap();
		assert_eq!(r.sm2_key, Some(second));
		assert_eq!(r.retired_sm2_keys.to_vec(), vec![first]);
		assert!(r.has_sm2_key(&first) && r.has_sm2_key(&second));
	});
}

#[test]
fn set_sm2_key_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		let key = sm2_key("//Yuxi//sm2");
		// GB/T 32918: a point off the curve, a compressed encoding, all zeros.
		let mut off = key;
		off[64] ^= 1;
		assert_noop!(Inst::set_sm2_key(root(), yuxi(), off), Error::<Test>::MalformedSm2Key);
		let mut compressed = key;
		compressed[0] = 0x02;
		assert_noop!(Inst::set_sm2_key(root(), yuxi(), compressed), Error::<Test>::MalformedSm2Key);
		assert_noop!(Inst::set_sm2_key(root(), yuxi(), [0; 65]), Error::<Test>::MalformedSm2Key);
		assert_ok!(Inst::set_sm2_key(root(), yuxi(), key));
		assert_noop!(Inst::set_sm2_key(root(), yuxi(), key), Error::<Test>::SameSm2Key);
		assert_ok!(Inst::set_sm2_key(root(), yuxi(), sm2_key("//Yuxi//sm2//1")));
		assert_noop!(Inst::set_sm2_key(root(), yuxi(), key), Error::<Test>::Sm2KeyPreviouslyUsed);
		for k in 2..=MAX_RETIRED_KEYS {
			assert_ok!(Inst::set_sm2_key(root(), yuxi(), sm2_key(&format!("//Yuxi//sm2//{k}"))));
		}
		assert_eq!(
			Institutions::<Test>::get(yuxi()).unwrap().retired_sm2_keys.len(),
			MAX_RETIRED_KEYS as usize
		);
		assert_noop!(
			Inst::set_sm2_key(root(), yuxi(), sm2_key("//Yuxi//sm2//last")),
			Error::<Test>::TooManyRetiredSm2Keys
		);
		assert_noop!(
			Inst::set_sm2_key(root(), jiangchuan(), key),
			Error::<Test>::InstitutionNotFound
		);
		// YX-R §7: a city authority acts on its own counties only; others are refused.
		assert_noop!(
			Inst::set_sm2_key(signed(KM_CA), hongta(), key),
			Error::<Test>::OutsideCityAuthority
		);
		assert_noop!(
			Inst::set_sm2_key(signed(SUBJ), hongta(), key),
			Error::<Test>::NotCityAuthority
		);
		// YX-R §26: a disqualified institution gets no new key.
		assert_ok!(Inst::disqualify_institution(root(), hongta()));
		assert_noop!(
			Inst::set_sm2_key(root(), hongta(), key),
			Error::<Test>::InstitutionDisqualified
		);
	});
}

//! County data authorities (YX-R §7 ¶2: 各县(市、区)数据主管部门确定本级登记机构,报市数据主管部门备案;
//! YN-D §63: the same-level authority sanctions its institution).

use super::*;
use crate::{
	CountyAuthorities, CountyAuthorityCount, Error, Institutions, SanctionCount, SanctionGround,
	SanctionMeasure, Sanctions,
};
use dengji_primitives::institution::InstitutionStatus;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

type Inst = crate::Pallet<Test>;

/// County authority of Jiangchuan (a Yuxi county with no institution in the mock genesis).
const JC_AUTH: u64 = 61;
/// County authority of Hongta (a Yuxi county whose institution is in the mock genesis).
const HT_AUTH: u64 = 62;

/// YX-R §7 ¶2: the city authority appoints the county authority, which determines its county's
/// institution and files it with the city authority (the filing names the city).
#[test]
fn county_authority_determines_and_files_its_institution_with_the_city() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::set_county_authority(signed(YUXI_CA), JC_AUTH, jiangchuan()));
		has_event(Event::CountyAuthoritySet {
			who: JC_AUTH,
			county: jiangchuan(),
			by: Some(YUXI_CA),
		});
		assert_eq!(CountyAuthorities::<Test>::get(JC_AUTH), Some(jiangchuan()));
		assert_eq!(CountyAuthorityCount::<Test>::get(jiangchuan()), 1);
		assert_eq!(providers(JC_AUTH), 1);
		set_today(20_100);
		assert_ok!(Inst::file_county_institution(
			signed(JC_AUTH),
			jiangchuan(),
			name("江川区登记机构"),
			[8; 32]
		));
		let r = Institutions::<Test>::get(jiangchuan()).unwrap();
		assert_eq!(r.status, InstitutionStatus::Active);
		assert_eq!(r.filed_at, Some(noon(20_100)));
		has_event(Event::CountyInstitutionFiled {
			division: jiangchuan(),
			by: Some(JC_AUTH),
			filed_at: noon(20_100),
		});
		has_event(Event::CountyInstitutionDetermined {
			division: jiangchuan(),
			county_authority: JC_AUTH,
			filed_with: yuxi(),
		});
		// The province authority may appoint county authorities too.
		assert_ok!(Inst::set_county_authority(root(), HT_AUTH, hongta()));
		has_event(Event::CountyAuthoritySet { who: HT_AUTH, county: hongta(), by: None });
	});
}

/// YX-R §7 ¶2: who may not appoint, file or remove; every refusal is typed and changes nothing.
#[test]
fn county_authority_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		// Appointment: only the province or the county's own city authority, counties only.
		assert_noop!(
			Inst::set_county_authority(signed(KM_CA), JC_AUTH, jiangchuan()),
			Error::<Test>::OutsideCityAuthority
		);
		assert_noop!(
			Inst::set_county_authority(signed(STRANGER), JC_AUTH, jiangchuan()),
			Error::<Test>::NotCityAuthority
		);
		assert_noop!(Inst::set_county_authority(root(), JC_AUTH, yuxi()), Error::<Test>::NotCounty);
		assert_noop!(
			Inst::set_county_authority(root(), JC_AUTH, bad_division()),
			Error::<Test>::InvalidDivision
		);
		assert_noop!(
			Inst::set_county_authority(RuntimeOrigin::none(), JC_AUTH, jiangchuan()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Inst::set_county_authority(root(), YUXI_CA, jiangchuan()),
			Error::<Test>::CountyAuthorityExists
		);
		assert_ok!(Inst::set_county_authority(root(), JC_AUTH, jiangchuan()));
		assert_noop!(
			Inst::set_county_authority(root(), JC_AUTH, hongta()),
			Error::<Test>::CountyAuthorityExists
		);
		// A county authority appoints no one and holds one role.
		assert_noop!(
			Inst::set_county_authority(signed(JC_AUTH), HT_AUTH, jiangchuan()),
			Error::<Test>::NotCityAuthority
		);
		assert_noop!(
			Inst::set_city_authority(root(), JC_AUTH, kunming()),
			Error::<Test>::CountyAuthorityExists
		);
		// Filing: the county authority files its own county only; while it exists, the city
		// authority receives the filing instead of making it.
		assert_noop!(
			Inst::file_county_institution(signed(JC_AUTH), wuhua(), name("W"), [7; 32]),
			Error::<Test>::OutsideCountyAuthority
		);
		assert_noop!(
			Inst::file_county_institution(signed(YUXI_CA), jiangchuan(), name("J"), [7; 32]),
			Error::<Test>::CountyAuthorityFiles
		);
		// Removal: by the province or the county's city authority only.
		assert_noop!(
			Inst::remove_county_authority(signed(KM_CA), JC_AUTH),
			Error::<Test>::OutsideCityAuthority
		);
		assert_noop!(
			Inst::remove_county_authority(signed(JC_AUTH), JC_AUTH),
			Error::<Test>::NotCityAuthority
		);
		assert_noop!(
			Inst::remove_county_authority(root(), STRANGER),
			Error::<Test>::CountyAuthorityNotFound
		);
	});
}

/// YN-D §63, YX-R §26: the county authority, the same-level authority, sanctions its own county's
/// institution (all measures) and no other; keys, operators and nodes are not its to manage.
#[test]
fn county_authority_sanctions_its_own_institution_only() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::set_county_authority(root(), HT_AUTH, hongta()));
		assert_ok!(Inst::set_county_authority(root(), JC_AUTH, jiangchuan()));
		let g = SanctionGround::ImproperPerformance;
		assert_ok!(Inst::sanction(
			signed(HT_AUTH),
			hongta(),
			g,
			SanctionMeasure::Interview,
			[1; 32]
		));
		assert_eq!(Sanctions::<Test>::get(hongta(), 0).unwrap().by, Some(HT_AUTH));
		assert_eq!(Institutions::<Test>::get(hongta()).unwrap().status, InstitutionStatus::Active);
		assert_ok!(Inst::suspend_institution(signed(HT_AUTH), hongta()));
		assert_ok!(Inst::reinstate_institution(signed(HT_AUTH), hongta()));
		for (who, division) in [(HT_AUTH, yuxi()), (HT_AUTH, wuhua()), (JC_AUTH, hongta())] {
			assert_noop!(
				Inst::sanction(signed(who), division, g, SanctionMeasure::Interview, [1; 32]),
				Error::<Test>::OutsideCountyAuthority
			);
			assert_noop!(
				Inst::suspend_institution(signed(who), division),
				Error::<Test>::OutsideCountyAuthority
			);
		}
		assert_noop!(
			Inst::add_operator(signed(HT_AUTH), hongta(), 77),
			Error::<Test>::NotCityAuthority
		);
		assert_noop!(
			Inst::rotate_signing_key(signed(HT_AUTH), hongta(), [66; 32]),
			Error::<Test>::NotCityAuthority
		);
		assert_noop!(
			Inst::set_validator(signed(HT_AUTH), hongta(), None),
			Error::<Test>::NotCityAuthority
		);
		assert_ok!(Inst::sanction(
			signed(HT_AUTH),
			hongta(),
			SanctionGround::FalseRegistration,
			SanctionMeasure::Disqualification,
			[2; 32]
		));
		assert_eq!(
			Institutions::<Test>::get(hongta()).unwrap().status,
			InstitutionStatus::Disqualified
		);
		assert_eq!(SanctionCount::<Test>::get(hongta()), 2);
	});
}

/// YX-R §7 ¶2: removing the county authority releases its account; with no county authority
/// left, the city authority files the county institution again.
#[test]
fn remove_county_authority_releases_account_and_returns_filing_to_the_city() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::set_county_authority(root(), JC_AUTH, jiangchuan()));
		assert_ok!(Inst::remove_county_authority(signed(YUXI_CA), JC_AUTH));
		has_event(Event::CountyAuthorityRemoved { who: JC_AUTH, county: jiangchuan() });
		assert!(CountyAuthorities::<Test>::get(JC_AUTH).is_none());
		assert!(!CountyAuthorityCount::<Test>::contains_key(jiangchuan()));
		assert_eq!(providers(JC_AUTH), 0);
		assert_ok!(Inst::file_county_institution(
			signed(YUXI_CA),
			jiangchuan(),
			name("J"),
			[7; 32]
		));
	});
}

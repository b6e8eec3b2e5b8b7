//! Filing (备案) of institutions with the authority one level up, and the same-level authority's
//! measures: YN-D §45 ¶2 (州（市）数据主管部门…可…确定本州（市）公共数据资源登记机构，并向省数据主管
//! 部门备案), YX-R §7 ¶2 (县级登记机构报市数据主管部门备案), YN-D §63 (由本级数据主管部门采取约谈、
//! 现场指导或者取消登记机构资格等管理措施).

use super::*;
use crate::{
	types::Filing, CountyAuthorityCount, Error, Filings, Institutions, SanctionGround,
	SanctionMeasure, Sanctions,
};
use dengji_primitives::institution::InstitutionStatus;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

type Inst = crate::Pallet<Test>;

/// City authority of Qujing (530300, a city with no institution in the mock genesis).
const QJ_CA: u64 = 33;
/// County authority of Jiangchuan (530403).
const JC_AUTH: u64 = 61;
/// County authority of Hongta (530402).
const HT_AUTH: u64 = 62;

fn qujing() -> DivisionCode {
	div(530300)
}

/// YN-D §45 ¶2: the city authority determines its city's institution and files it with the
/// province authority; the filing (province, authority account, reference, time) is kept.
#[test]
fn city_authority_files_its_institution_with_the_province_yn_d_45() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::set_city_authority(root(), QJ_CA, qujing()));
		assert_ok!(Inst::file_institution(
			signed(QJ_CA),
			qujing(),
			name("曲靖"),
			[33; 32],
			[5; 32]
		));
		let rec = Institutions::<Test>::get(qujing()).unwrap();
		assert_eq!(rec.status, InstitutionStatus::Active);
		// The verification client's `filed_at` stays the county filing.
		assert_eq!(rec.filed_at, None);
		let at = pallet_timestamp::Now::<Test>::get();
		assert_eq!(
			Filings::<Test>::get(qujing()),
			Some(Filing { filed_with: yunnan(), by: Some(QJ_CA), reference: Some([5; 32]), at })
		);
		has_event(Event::CityInstitutionFiled { division: qujing(), by: QJ_CA });
		has_event(Event::FilingRecorded {
			division: qujing(),
			filed_with: yunnan(),
			by: Some(QJ_CA),
			reference: Some([5; 32]),
			at,
		});
		// An institution the province registered itself has no filing.
		assert_eq!(Filings::<Test>::get(yuxi()), None);
	});
}

/// YN-D §45 ¶2: refusals are typed and change nothing — only the city's own authority files
/// its city's institution; province institutions are not filed; no second institution.
#[test]
fn file_institution_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::set_city_authority(root(), QJ_CA, qujing()));
		let file = |o, d| Inst::file_institution(o, d, name("X"), [40; 32], [5; 32]);
		assert_noop!(file(signed(YUXI_CA), qujing()), Error::<Test>::OutsideCityAuthority);
		assert_noop!(file(signed(STRANGER), qujing()), Error::<Test>::NotCityAuthority);
		assert_noop!(file(root(), qujing()), DispatchError::BadOrigin);
		assert_noop!(file(root(), div(520000)), Error::<Test>::ProvinceNotFiled);
		assert_noop!(file(signed(QJ_CA), bad_division()), Error::<Test>::InvalidDivision);
		assert_noop!(file(signed(YUXI_CA), yuxi()), Error::<Test>::InstitutionExists);
		// A county: the filer rules of YX-R §7 ¶2 (not the Kunming authority for a Yuxi county).
		assert_noop!(file(signed(KM_CA), jiangchuan()), Error::<Test>::OutsideCityAuthority);
	});
}

/// YX-R §7 ¶2: a county institution's filing with the city authority is recorded with its
/// reference when filed by `file_institution`, and without one by `file_county_institution`
/// (and at genesis); its time is the record's `filed_at`.
#[test]
fn county_filing_is_recorded_with_city_and_time_yx_r_7() {
	ExtBuilder::default().build_and_execute(|| {
		// Genesis county institution.
		let ht = Institutions::<Test>::get(hongta()).unwrap();
		assert_eq!(
			Filings::<Test>::get(hongta()),
			Some(Filing {
				filed_with: yuxi(),
				by: None,
				reference: None,
				at: ht.filed_at.unwrap()
			})
		);
		// The county authority files, with a reference.
		assert_ok!(Inst::set_county_authority(signed(YUXI_CA), JC_AUTH, jiangchuan()));
		assert_ok!(Inst::file_institution(
			signed(JC_AUTH),
			jiangchuan(),
			name("江川"),
			[34; 32],
			[6; 32]
		));
		let at = Institutions::<Test>::get(jiangchuan()).unwrap().filed_at.unwrap();
		assert_eq!(
			Filings::<Test>::get(jiangchuan()),
			Some(Filing { filed_with: yuxi(), by: Some(JC_AUTH), reference: Some([6; 32]), at })
		);
		has_event(Event::CountyInstitutionDetermined {
			division: jiangchuan(),
			county_authority: JC_AUTH,
			filed_with: yuxi(),
		});
		// The city authority files a county without an authority, without a reference.
		assert_ok!(Inst::file_county_institution(
			signed(KM_CA),
			div(530103),
			name("盘龙"),
			[35; 32]
		));
		assert_eq!(
			Filings::<Test>::get(div(530103)).map(|f| (f.filed_with, f.by, f.reference)),
			Some((kunming(), Some(KM_CA), None))
		);
		// While the county has its authority, the city does not file for it (YX-R §7 ¶2).
		assert_ok!(Inst::set_county_authority(root(), 63, div(530102)));
		assert_noop!(
			Inst::file_institution(signed(KM_CA), div(530102), name("五华"), [36; 32], [7; 32]),
			Error::<Test>::CountyAuthorityFiles
		);
	});
}

/// YN-D §63: the city authority, the same-level authority of its city's institution, takes the
/// measures on it (interview, suspension, reinstatement, disqualification); not on another
/// city's.
#[test]
fn city_authority_sanctions_its_own_city_institution_yn_d_63() {
	ExtBuilder::default().build_and_execute(|| {
		let g = SanctionGround::ImproperPerformance;
		assert_ok!(Inst::sanction(signed(YUXI_CA), yuxi(), g, SanctionMeasure::Interview, [1; 32]));
		assert_eq!(Sanctions::<Test>::get(yuxi(), 0).unwrap().by, Some(YUXI_CA));
		assert_eq!(Institutions::<Test>::get(yuxi()).unwrap().status, InstitutionStatus::Active);
		assert_ok!(Inst::suspend_institution(signed(YUXI_CA), yuxi()));
		assert_ok!(Inst::reinstate_institution(signed(YUXI_CA), yuxi()));
		for division in [kunming(), yunnan(), wuhua()] {
			assert_noop!(
				Inst::sanction(signed(YUXI_CA), division, g, SanctionMeasure::Interview, [1; 32]),
				Error::<Test>::OutsideCityAuthority
			);
			assert_noop!(
				Inst::suspend_institution(signed(YUXI_CA), division),
				Error::<Test>::OutsideCityAuthority
			);
		}
		assert_ok!(Inst::disqualify_institution(signed(YUXI_CA), yuxi()));
		assert_eq!(
			Institutions::<Test>::get(yuxi()).unwrap().status,
			InstitutionStatus::Disqualified
		);
	});
}

/// YN-D §63: once a county has its own data authority, that same-level authority takes the
/// measures on the county's institution; the city authority is refused (typed, no change). With
/// the county authority removed, the city authority is the nearest authority again.
#[test]
fn city_authority_defers_to_the_county_authority_for_measures_yn_d_63() {
	ExtBuilder::default().build_and_execute(|| {
		let g = SanctionGround::FalseRegistration;
		// No county authority yet: the city acts.
		assert_ok!(Inst::sanction(
			signed(YUXI_CA),
			hongta(),
			g,
			SanctionMeasure::Interview,
			[1; 32]
		));
		assert_ok!(Inst::set_county_authority(signed(YUXI_CA), HT_AUTH, hongta()));
		assert_eq!(CountyAuthorityCount::<Test>::get(hongta()), 1);
		assert_noop!(
			Inst::sanction(signed(YUXI_CA), hongta(), g, SanctionMeasure::Interview, [2; 32]),
			Error::<Test>::CountyAuthoritySanctions
		);
		for call in [
			Inst::suspend_institution(signed(YUXI_CA), hongta()),
			Inst::disqualify_institution(signed(YUXI_CA), hongta()),
		] {
			assert_eq!(call, Err(Error::<Test>::CountyAuthoritySanctions.into()));
		}
		assert_ok!(Inst::sanction(
			signed(HT_AUTH),
			hongta(),
			g,
			SanctionMeasure::OnSiteGuidance,
			[3; 32]
		));
		assert_eq!(Sanctions::<Test>::get(hongta(), 1).unwrap().by, Some(HT_AUTH));
		assert_ok!(Inst::remove_county_authority(signed(YUXI_CA), HT_AUTH));
		assert_ok!(Inst::suspend_institution(signed(YUXI_CA), hongta()));
	});
}

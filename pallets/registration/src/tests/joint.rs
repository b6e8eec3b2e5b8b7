//! Joint applications (YX-R §15, §12(八), Q30), the typed basic information and classification
//! (YX-R §12, YX-AO §31, YN-D §13, §15, DZ §13, KM 第十条, Q22), resources in the scope of an
//! authorised operation (YX-R §5, §23 ¶2) and the validity exception (YX-R §23 ¶1 "原则上").

use super::*;
use crate::{
	AgreementStatus, Applications, CoSubjectConsent, Error, JointSubject, RecordedDetails,
	Registrations,
};
use dengji_primitives::{
	catalogue::{
		BasicDetails, CatalogueRef, ClassificationCode, DataGrade, DataStructure, IndustryCode,
		OpenAttribute, ShareAttribute, UpdateFrequency,
	},
	BoundedName, DivisionCode, ObjectKind, Uscc,
};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_runtime::DispatchError;

fn joint(subject: Uscc, consent: Option<[u8; 32]>) -> JointSubject {
	JointSubject { subject, consent }
}

fn declare(who: AccountId, id: ApplicationId, list: Vec<JointSubject>) -> DispatchResult {
	Registration::declare_co_subjects(RuntimeOrigin::signed(who), id, list)
}

fn consent(who: AccountId, id: ApplicationId, co_subject: Uscc) -> DispatchResult {
	Registration::consent_as_co_subject(RuntimeOrigin::signed(who), id, co_subject)
}

/// Approves `id` after its publicity and issues the certificate; returns the registration.
fn through_publicity(id: ApplicationId) -> u64 {
	assert_ok!(publish_as(COUNTY_OPERATOR, id));
	run_to_day(publicity_end(id) + 1);
	assert_ok!(approve_as(COUNTY_OPERATOR, id));
	let app = Applications::<Test>::get(id).unwrap();
	issue(app.certificate.unwrap());
	app.registration.unwrap()
}

/// YX-R §15 "共同提出登记申请", §12(八), §22 ¶1, Q30: the subject declares a co-subject, which
/// signs the application itself; the institution accepts only then; the co-subject receives the
/// publicity notice; the registration names it.
#[test]
fn joint_application_signed_by_co_subject_is_registered_with_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_ok!(declare(SUBJECT, id, vec![joint(kunming_subject(), None)]));
		assert_noop!(accept_as(COUNTY_OPERATOR, id), Error::<Test>::CoSubjectConsentMissing);
		assert_ok!(consent(KUNMING_SUBJECT, id, kunming_subject()));
		let c = Applications::<Test>::get(id).unwrap().co_subjects[0];
		assert!(matches!(c.consent, CoSubjectConsent::Signed { .. }));
		assert!(events().contains(&crate::Event::CoSubjectConsented {
			application: id,
			co_subject: kunming_subject(),
			signer: KUNMING_SUBJECT,
		}));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		let reg = through_publicity(id);
		assert!(events().contains(&crate::Event::CoSubjectsNotified {
			application: id,
			co_subjects: BoundedVec::truncate_from(vec![kunming_subject()]),
		}));
		assert_eq!(
			Registrations::<Test>::get(reg).unwrap().co_subjects.to_vec(),
			vec![kunming_subject()]
		);
	});
}

/// YX-R §15 "协商一致后由单独主体提出登记申请": one subject applies with the other's written
/// consent (digest); no signature of the co-subject is needed.
#[test]
fn joint_application_with_consent_document_is_accepted() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_ok!(declare(SUBJECT, id, vec![joint(kunming_subject(), Some([5u8; 32]))]));
		assert_eq!(
			Applications::<Test>::get(id).unwrap().co_subjects[0].consent,
			CoSubjectConsent::Document([5u8; 32])
		);
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		let reg = through_publicity(id);
		assert_eq!(Registrations::<Test>::get(reg).unwrap().co_subjects.len(), 1);
	});
}

/// YX-R §15: every refusal of `declare_co_subjects` and `consent_as_co_subject` is typed and
/// changes nothing; both close at acceptance.
#[test]
fn joint_application_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		let k = kunming_subject();
		assert_noop!(declare(STRANGER, id, vec![joint(k, None)]), Error::<Test>::NotSubjectOrAgent);
		assert_noop!(
			declare(SUBJECT, 99, vec![joint(k, None)]),
			Error::<Test>::ApplicationNotFound
		);
		let many: Vec<_> = (0..9).map(|i| joint(uscc_n(i), None)).collect();
		assert_noop!(declare(SUBJECT, id, many), Error::<Test>::TooManyCoSubjects);
		assert_noop!(
			declare(SUBJECT, id, vec![joint(k, None), joint(k, Some([1; 32]))]),
			Error::<Test>::DuplicateCoSubject
		);
		assert_noop!(
			declare(SUBJECT, id, vec![joint(subject(), None)]),
			Error::<Test>::DuplicateCoSubject
		);
		let mut bad = *k.as_bytes();
		bad[17] = if bad[17] == b'0' { b'1' } else { b'0' };
		let bad = codec::Decode::decode(&mut &bad[..]).unwrap();
		assert_noop!(declare(SUBJECT, id, vec![joint(bad, None)]), Error::<Test>::BadCoSubject);
		assert_ok!(declare(SUBJECT, id, vec![joint(k, None)]));
		assert_noop!(consent(STRANGER, id, k), Error::<Test>::NotSubjectOrAgent);
		assert_noop!(consent(SUBJECT, id, subject()), Error::<Test>::NotCoSubject);
		assert_ok!(consent(KUNMING_SUBJECT, id, k));
		assert_noop!(consent(KUNMING_SUBJECT, id, k), Error::<Test>::ConsentAlreadySigned);
		// Re-declaring keeps the signature given.
		assert_ok!(declare(SUBJECT, id, vec![joint(k, None)]));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_noop!(declare(SUBJECT, id, vec![]), Error::<Test>::CoSubjectsClosed);
		assert_noop!(consent(KUNMING_SUBJECT, id, k), Error::<Test>::CoSubjectsClosed);
	});
}

/// The `i`-th valid USCC (GB 32100 check character computed).
fn uscc_n(i: u32) -> Uscc {
	let mut first = *b"91530400MA0000000";
	first[11..17].copy_from_slice(format!("{i:06}").as_bytes());
	let mut full = first.to_vec();
	full.push(Uscc::check_character(&first).unwrap());
	Uscc::from_bytes(&full).unwrap()
}

/// YX-R §15, §23 ¶2: the renewal of a joint registration needs its co-subjects' consent again,
/// and names exactly them (`CoSubjectsFixed`); an interested party's correction (YX-R §20)
/// needs none.
#[test]
fn applications_on_a_joint_registration_need_the_co_subjects_consent() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_ok!(declare(SUBJECT, id, vec![joint(kunming_subject(), Some([5u8; 32]))]));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		let reg = through_publicity(id);
		let c = next_application();
		assert_ok!(Registration::submit_correction(
			RuntimeOrigin::signed(OBJECTOR),
			reg,
			info("企业登记信息（更正）"),
			[21u8; 32]
		));
		assert_ok!(accept_as(COUNTY_OPERATOR, c));
		run_to_day(date(2029, 1, 16));
		let r = next_application();
		assert_ok!(Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), reg, 3, vec![]));
		assert_eq!(
			Applications::<Test>::get(r).unwrap().co_subjects[0].consent,
			CoSubjectConsent::Awaited
		);
		assert_noop!(accept_as(COUNTY_OPERATOR, r), Error::<Test>::CoSubjectConsentMissing);
		assert_noop!(
			declare(SUBJECT, r, vec![joint(uscc_n(1), Some([6u8; 32]))]),
			Error::<Test>::CoSubjectsFixed
		);
		assert_noop!(declare(SUBJECT, r, vec![]), Error::<Test>::CoSubjectsFixed);
		assert_ok!(declare(SUBJECT, r, vec![joint(kunming_subject(), Some([6u8; 32]))]));
		assert_ok!(accept_as(COUNTY_OPERATOR, r));
		assert_ok!(approve_as(COUNTY_OPERATOR, r));
	});
}

fn details() -> BasicDetails {
	BasicDetails {
		industry: IndustryCode::parse("L72").unwrap(),
		scenario: [11u8; 32],
		source: [12u8; 32],
		structure: DataStructure::Structured,
		records: 120_000,
		schema: [13u8; 32],
		coverage: DivisionCode::new(530402).unwrap(),
		update: UpdateFrequency::Daily,
		classification: ClassificationCode::truncate_from(b"YX-ENT-01".to_vec()),
		grade: DataGrade::Important,
		share: ShareAttribute::Conditional,
		open: OpenAttribute::NotOpen,
		catalogue: Some(CatalogueRef::truncate_from(b"530400-ZW-000123".to_vec())),
	}
}

fn declare_details(who: AccountId, id: ApplicationId, d: BasicDetails) -> DispatchResult {
	Registration::declare_basic_details(RuntimeOrigin::signed(who), id, d)
}

/// YX-R §12 (三)–(七), (九), YX-AO §31, YN-D §13, §15, DZ §13, KM 第十条, Q22: the typed basic
/// information and classification declared with the application become the registration's;
/// a registration without them says `NotRecorded`; a change carries them on.
#[test]
fn basic_details_and_classification_are_recorded_on_the_registration() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, plain) = registered_default();
		assert_eq!(
			Registrations::<Test>::get(plain).unwrap().details,
			RecordedDetails::NotRecorded
		);
		let id = submit_default();
		assert_ok!(declare_details(SUBJECT, id, details()));
		assert!(events()
			.contains(&crate::Event::BasicDetailsDeclared { application: id, details: details() }));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		let reg = through_publicity(id);
		assert_eq!(
			Registrations::<Test>::get(reg).unwrap().details,
			RecordedDetails::Recorded(details())
		);
		let change = next_application();
		assert_ok!(Registration::submit_change(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			info("企业登记信息（变更）")
		));
		assert_eq!(
			Applications::<Test>::get(change).unwrap().details,
			RecordedDetails::Recorded(details())
		);
	});
}

/// YX-R §12, §17(一), Q22: every bad coded field is refused with its typed error, national core
/// data is not registered, and details close at publicity; nothing changes.
#[test]
fn basic_details_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		let mut d = details();
		d.industry = IndustryCode(BoundedVec::truncate_from(b"A64".to_vec()));
		assert_noop!(declare_details(SUBJECT, id, d), Error::<Test>::BadIndustryCode);
		let mut d = details();
		d.coverage = codec::Decode::decode(&mut &codec::Encode::encode(&530012u32)[..]).unwrap();
		assert_noop!(declare_details(SUBJECT, id, d), Error::<Test>::BadCoverageArea);
		let mut d = details();
		d.classification = ClassificationCode::truncate_from(b"YX 01".to_vec());
		assert_noop!(declare_details(SUBJECT, id, d), Error::<Test>::BadClassificationCode);
		let mut d = details();
		d.catalogue = Some(CatalogueRef::default());
		assert_noop!(declare_details(SUBJECT, id, d), Error::<Test>::BadCatalogueReference);
		let mut d = details();
		d.grade = DataGrade::Core;
		assert_noop!(declare_details(SUBJECT, id, d), Error::<Test>::CoreDataNotRegistrable);
		assert_noop!(declare_details(STRANGER, id, details()), Error::<Test>::NotSubjectOrAgent);
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		assert_noop!(declare_details(SUBJECT, id, details()), Error::<Test>::DetailsClosed);
	});
}

/// Q16 (docs/spec/requirements.md §6) "Resources whose coverage spans several counties go to the
/// city institution. Cross-city coverage goes to the subject's home institution": the county
/// institution registers a resource covering its county only; the city institution of the
/// subject's seat registers one covering the city or beyond it.
#[test]
fn coverage_beyond_the_county_goes_to_the_city_institution() {
	ExtBuilder::default().build_and_execute(|| {
		let covering = |code: u32| {
			let mut d = details();
			d.coverage = DivisionCode::new(code).unwrap();
			d
		};
		let county = submit_default();
		for code in [530400, 530100, 530000] {
			assert_noop!(
				declare_details(SUBJECT, county, covering(code)),
				Error::<Test>::CoverageOutsideJurisdiction
			);
		}
		assert_ok!(declare_details(SUBJECT, county, covering(530402)));
		let city = next_application();
		assert_ok!(Registration::submit_first_time(
			RuntimeOrigin::signed(SUBJECT),
			yuxi(),
			subject(),
			ObjectKind::DataResource,
			None,
			info("全市数据"),
		));
		for code in [530400, 530000, 530402] {
			assert_ok!(declare_details(SUBJECT, city, covering(code)));
		}
	});
}

/// YX-R §23 ¶1 "电子凭证原则上有效期3年": the data authority records a 1-year validity with its
/// reason; the first certificate is valid 1 year from the day of issue.
#[test]
fn validity_exception_recorded_by_authority_sets_first_validity() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_ok!(Registration::set_validity_exception(RuntimeOrigin::root(), id, 1, [3u8; 32]));
		assert!(events().contains(&crate::Event::ValidityExceptionRecorded {
			application: id,
			years: 1,
			reason: [3u8; 32]
		}));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		let reg = through_publicity(id);
		let body = certificate(&Registrations::<Test>::get(reg).unwrap().certificate).body;
		let anniversary =
			dengji_primitives::Date::from_day_index(body.issued_on).add_years(1).to_day_index();
		assert_eq!(
			body.valid_until,
			noon(anniversary) - dengji_primitives::calendar::DAY_MS / 2 - 1
		);
	});
}

/// YX-R §23 ¶1: only the data authority records the exception, for a first registration not
/// yet decided, within 1..=10 years.
#[test]
fn validity_exception_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let id = submit_default();
		let set = |o: RuntimeOrigin, id, years| {
			Registration::set_validity_exception(o, id, years, [3u8; 32])
		};
		assert_noop!(set(RuntimeOrigin::signed(SUBJECT), id, 1), DispatchError::BadOrigin);
		assert_noop!(set(RuntimeOrigin::root(), 99, 1), Error::<Test>::ApplicationNotFound);
		assert_noop!(set(RuntimeOrigin::root(), id, 0), Error::<Test>::BadValidityTerm);
		assert_noop!(set(RuntimeOrigin::root(), id, 11), Error::<Test>::BadValidityTerm);
		let change = next_application();
		assert_ok!(Registration::submit_change(RuntimeOrigin::signed(SUBJECT), reg, info("变更")));
		assert_noop!(
			set(RuntimeOrigin::root(), change, 1),
			Error::<Test>::ValidityExceptionNotAllowed
		);
		assert_ok!(Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), id));
		assert_noop!(set(RuntimeOrigin::root(), id, 1), Error::<Test>::ApplicationClosed);
	});
}

fn agreement(term_end: u64) -> u64 {
	let id = crate::NextAgreementId::<Test>::get();
	assert_ok!(Registration::record_agreement(
		RuntimeOrigin::root(),
		BoundedName::try_from("玉溪市红塔区人民政府".as_bytes().to_vec()).unwrap(),
		kunming_subject(),
		noon(date(2026, 1, 1)),
		term_end,
		[30u8; 32]
	));
	id
}

fn submit_resource(a: Option<u64>) -> DispatchResult {
	Registration::submit_first_time(
		RuntimeOrigin::signed(SUBJECT),
		hongta(),
		subject(),
		ObjectKind::DataResource,
		a,
		info("授权运营范围内的数据资源"),
	)
}

/// YX-R §5 "登记主体应当对持有并纳入授权运营范围的公共数据资源进行登记": a resource references
/// the agreement that covers it (whoever operates it), without taking a product's place or
/// meeting the operator's duty (YX-R §18 ¶3); an unknown, suspended or ended agreement is
/// refused.
#[test]
fn resource_references_the_agreement_that_covers_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(submit_resource(Some(9)), Error::<Test>::AgreementNotFound);
		let ended = agreement(noon(date(2026, 2, 1)));
		assert_noop!(submit_resource(Some(ended)), Error::<Test>::AgreementTermOver);
		let a = agreement(noon(date(2030, 6, 30)));
		assert_ok!(Registration::set_agreement_status(
			RuntimeOrigin::root(),
			a,
			AgreementStatus::Suspended,
			[0u8; 32]
		));
		assert_noop!(submit_resource(Some(a)), Error::<Test>::AgreementNotActive);
		assert_ok!(Registration::set_agreement_status(
			RuntimeOrigin::root(),
			a,
			AgreementStatus::Active,
			[0u8; 32]
		));
		let id = next_application();
		assert_ok!(submit_resource(Some(a)));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		let reg = through_publicity(id);
		let r = Registrations::<Test>::get(reg).unwrap();
		assert_eq!(r.agreement, Some(a));
		// Q13(b): the first validity of a resource is not capped by the term.
		let until = certificate(&r.certificate).body.valid_until;
		assert!(until > noon(date(2029, 3, 1)));
		// It takes none of the agreement's places (those are the products').
		assert!(!crate::AgreementRegistrations::<Test>::get(a).contains(&reg));
		assert_eq!(crate::AgreementOpenApplications::<Test>::get(a), 0);
		// YX-R §18 ¶3: the resource does not meet the operator's duty after a delivery.
		assert_ok!(Registration::record_delivery(
			RuntimeOrigin::root(),
			a,
			noon(date(2026, 3, 2)),
			[31u8; 32]
		));
		assert_eq!(crate::Agreements::<Test>::get(a).unwrap().delivery.unwrap().met_on, None);
	});
}

/// YX-R §23 ¶2 "已开展授权运营活动的，续展期限应当与授权运营期限相匹配": the renewal of a resource
/// under an agreement in progress ends with the agreement's term; once the agreement is
/// terminated, its renewal runs the full term.
#[test]
fn renewal_of_resource_under_agreement_matches_its_term() {
	ExtBuilder::default().build_and_execute(|| {
		let term_end = noon(date(2030, 6, 30));
		let a = agreement(term_end);
		let id = next_application();
		assert_ok!(submit_resource(Some(a)));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		let reg = through_publicity(id);
		let (_, plain) = registered_default();
		// Inside both certificates' 60-day windows.
		run_to_day(date(2029, 2, 1));
		for r in [reg, plain] {
			let id = next_application();
			assert_ok!(Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), r, 3, vec![]));
			assert_ok!(accept_as(COUNTY_OPERATOR, id));
			assert_ok!(approve_as(COUNTY_OPERATOR, id));
			issue(Applications::<Test>::get(id).unwrap().certificate.unwrap());
		}
		let until =
			|r| certificate(&Registrations::<Test>::get(r).unwrap().certificate).body.valid_until;
		assert_eq!(until(reg), term_end);
		assert!(until(plain) > noon(date(2032, 1, 1)));
	});
}

/// YX-R §23 ¶2: an agreement no longer under way (terminated) does not cap the renewal.
#[test]
fn renewal_of_resource_after_agreement_terminated_is_not_capped() {
	ExtBuilder::default().build_and_execute(|| {
		let a = agreement(noon(date(2030, 6, 30)));
		let id = next_application();
		assert_ok!(submit_resource(Some(a)));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		let reg = through_publicity(id);
		assert_ok!(Registration::set_agreement_status(
			RuntimeOrigin::root(),
			a,
			AgreementStatus::Terminated,
			[0u8; 32]
		));
		run_to_day(date(2029, 1, 16));
		let id = next_application();
		assert_ok!(Registration::submit_renewal(RuntimeOrigin::signed(SUBJECT), reg, 3, vec![]));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_ok!(approve_as(COUNTY_OPERATOR, id));
		issue(Applications::<Test>::get(id).unwrap().certificate.unwrap());
		let until =
			certificate(&Registrations::<Test>::get(reg).unwrap().certificate).body.valid_until;
		assert!(until > noon(date(2032, 1, 1)));
	});
}

/// YX-R §12, §18 ¶1(二), §22 ¶1: once the data authority requires it, a first application is
/// published only with the nine items of its basic information declared; the applications
/// filed before the requirement are exempt (their clients filed without it).
#[test]
fn basic_details_required_before_publicity_yx_r_12() {
	ExtBuilder::default().build_and_execute(|| {
		let before = submit_default();
		assert_ok!(accept_as(COUNTY_OPERATOR, before));
		assert_noop!(
			Registration::set_basic_details_required(RuntimeOrigin::signed(STRANGER), true),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Registration::set_basic_details_required(RuntimeOrigin::root(), true));
		let from = before + 1;
		assert!(events().contains(&crate::Event::BasicDetailsRequirementSet { from: Some(from) }));
		// Set again while in force: the first number stays.
		let id = submit_default();
		assert_ok!(Registration::set_basic_details_required(RuntimeOrigin::root(), true));
		assert_eq!(crate::BasicDetailsRequiredFrom::<Test>::get(), Some(from));
		assert_ok!(publish_as(COUNTY_OPERATOR, before));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_noop!(publish_as(COUNTY_OPERATOR, id), Error::<Test>::BasicDetailsMissing);
		assert_ok!(declare_details(SUBJECT, id, details()));
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		// Lifted: a first application is published without them again.
		assert_ok!(Registration::set_basic_details_required(RuntimeOrigin::root(), false));
		assert!(events().contains(&crate::Event::BasicDetailsRequirementSet { from: None }));
		let later = submit_default();
		assert_ok!(accept_as(COUNTY_OPERATOR, later));
		assert_ok!(publish_as(COUNTY_OPERATOR, later));
	});
}

/// YX-R §12: a production chain requires the basic details from its first application
/// (`intake_basic_details` in the genesis); development chains do not.
#[test]
fn basic_details_required_from_genesis_yx_r_12() {
	use frame_support::traits::BuildGenesisConfig;
	sp_io::TestExternalities::default().execute_with(|| {
		crate::GenesisConfig::<Test>::default().build();
		assert_eq!(crate::BasicDetailsRequiredFrom::<Test>::get(), None);
		crate::GenesisConfig::<Test> { intake_basic_details: true, ..Default::default() }.build();
		assert_eq!(crate::BasicDetailsRequiredFrom::<Test>::get(), Some(0));
	});
}

/// Q22 (KM 第十条, YN-D §13, DZ §12 分类): once the data authority loads a classification code
/// list, `declare_basic_details` accepts only its codes and records its version; before that the
/// code is checked for form only; a newer list replaces it, the details declared before stay.
#[test]
fn classification_code_list_checks_declared_code_q22() {
	ExtBuilder::default().build_and_execute(|| {
		let code = |s: &str| ClassificationCode::try_from(s.as_bytes().to_vec()).unwrap();
		let load = |version, codes: Vec<ClassificationCode>| {
			Registration::load_classification_codes(RuntimeOrigin::root(), version, codes)
		};
		// Before a list: the form only, no version recorded.
		let first = submit_default();
		assert_ok!(declare_details(SUBJECT, first, details()));
		assert_eq!(crate::DetailsCodeListVersion::<Test>::get(first), None);
		assert_noop!(
			Registration::load_classification_codes(
				RuntimeOrigin::signed(STRANGER),
				1,
				vec![code("ZZ-99")]
			),
			DispatchError::BadOrigin
		);
		assert_noop!(load(1, vec![]), Error::<Test>::BadCodeList);
		assert_noop!(load(1, vec![code("ZZ-99"), code("ZZ-99")]), Error::<Test>::BadCodeList);
		assert_noop!(load(1, vec![code("ZZ 99")]), Error::<Test>::BadCodeList);
		assert_noop!(load(1, vec![ClassificationCode::default()]), Error::<Test>::BadCodeList);
		assert_ok!(load(1, vec![code("ZZ-99"), details().classification]));
		assert!(
			events().contains(&crate::Event::ClassificationCodesLoaded { version: 1, codes: 2 })
		);
		assert_noop!(load(1, vec![code("ZZ-99")]), Error::<Test>::CodeListVersionNotNewer);
		let id = submit_default();
		let mut unlisted = details();
		unlisted.classification = code("XX-00");
		assert_noop!(
			declare_details(SUBJECT, id, unlisted),
			Error::<Test>::ClassificationCodeNotListed
		);
		assert_ok!(declare_details(SUBJECT, id, details()));
		assert_eq!(crate::DetailsCodeListVersion::<Test>::get(id), Some(1));
		assert!(
			events().contains(&crate::Event::ClassificationChecked { application: id, version: 1 })
		);
		// A newer list without the code: the details declared stay; a new declaration is refused.
		assert_ok!(load(2, vec![code("ZZ-99")]));
		assert_eq!(
			Applications::<Test>::get(id).unwrap().details,
			RecordedDetails::Recorded(details())
		);
		let other = submit_default();
		assert_noop!(
			declare_details(SUBJECT, other, details()),
			Error::<Test>::ClassificationCodeNotListed
		);
	});
}

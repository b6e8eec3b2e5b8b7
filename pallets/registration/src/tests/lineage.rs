//! Lineage of products and services (Q42, YX-AO §24 再开发, YN-D §49(二) no unauthorised data in
//! traded products): a product application lists the registrations it derives from; each is a
//! valid registration resting on the same agreement, or the applicant's own, or comes with its
//! holder's consent (digest); checked when declared and again at approval.

use super::*;
use crate::{Error, Lineage, Registrations};
use dengji_primitives::{
	traits::{CertificateEnd, OnCertificateEnded},
	BoundedName, ObjectKind,
};
use frame_support::{assert_noop, assert_ok};

fn agreement() -> u64 {
	let id = crate::NextAgreementId::<Test>::get();
	assert_ok!(Registration::record_agreement(
		RuntimeOrigin::root(),
		BoundedName::try_from("玉溪市红塔区人民政府".as_bytes().to_vec()).unwrap(),
		subject(),
		noon(date(2026, 1, 1)),
		noon(date(2029, 1, 1)),
		[30u8; 32]
	));
	id
}

fn submit_product(a: u64) -> ApplicationId {
	let id = next_application();
	assert_ok!(Registration::submit_first_time(
		RuntimeOrigin::signed(SUBJECT),
		hongta(),
		subject(),
		ObjectKind::DataProductOrService,
		Some(a),
		info("数据产品"),
	));
	id
}

/// Accepts, publishes, runs publicity out and approves `id` with `operator`; issues the
/// certificate; returns the registration.
fn through(id: ApplicationId, operator: AccountId) -> u64 {
	assert_ok!(accept_as(operator, id));
	assert_ok!(publish_as(operator, id));
	run_to_day(publicity_end(id) + 1);
	assert_ok!(approve_as(operator, id));
	let app = crate::Applications::<Test>::get(id).unwrap();
	issue(app.certificate.unwrap());
	app.registration.unwrap()
}

/// A resource registered by the Kunming subject (another holder, no agreement).
fn kunming_resource() -> u64 {
	let id = next_application();
	assert_ok!(Registration::submit_first_time(
		RuntimeOrigin::signed(KUNMING_SUBJECT),
		kunming(),
		kunming_subject(),
		ObjectKind::DataResource,
		None,
		info("昆明市企业数据"),
	));
	through(id, KUNMING_OPERATOR)
}

fn declare(who: AccountId, id: ApplicationId, sources: Vec<Lineage>) -> sp_runtime::DispatchResult {
	Registration::declare_derived_from(RuntimeOrigin::signed(who), id, sources)
}

fn src(registration: u64, consent: Option<[u8; 32]>) -> Lineage {
	Lineage { registration, consent }
}

/// Q42, YX-AO §24, YN-D §49(二): the applicant's own resource, a product under the same
/// agreement, and another holder's resource with its consent are accepted sources; the
/// registration carries them. Every refusal is typed and changes nothing.
#[test]
fn derived_from_lists_valid_sources_with_consent() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, own) = registered_default();
		let other = kunming_resource();
		let a = agreement();
		let sibling = through(submit_product(a), COUNTY_OPERATOR);
		let resource_app = submit_default();
		let id = submit_product(a);
		assert_noop!(
			declare(SUBJECT, resource_app, vec![src(own, None)]),
			Error::<Test>::LineageOnlyForProducts
		);
		assert_noop!(declare(STRANGER, id, vec![src(own, None)]), Error::<Test>::NotSubjectOrAgent);
		assert_noop!(declare(SUBJECT, 99, vec![]), Error::<Test>::ApplicationNotFound);
		assert_noop!(
			declare(SUBJECT, id, vec![src(own, None), src(own, Some([7; 32]))]),
			Error::<Test>::DuplicateSource
		);
		assert_noop!(declare(SUBJECT, id, vec![src(99, None)]), Error::<Test>::SourceNotValid);
		assert_noop!(
			declare(SUBJECT, id, (1..=17).map(|r| src(r, None)).collect()),
			Error::<Test>::TooManySources
		);
		assert_noop!(
			declare(SUBJECT, id, vec![src(other, None)]),
			Error::<Test>::SourceNotConsented
		);
		let sources = vec![src(own, None), src(sibling, None), src(other, Some([7; 32]))];
		assert_ok!(declare(AGENT, id, sources.clone()));
		System::assert_has_event(
			Event::DerivedFromDeclared {
				application: id,
				sources: sources.clone().try_into().unwrap(),
			}
			.into(),
		);
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		// Declared before publicity, so the notice and the objections concern them.
		assert_noop!(declare(SUBJECT, id, vec![]), Error::<Test>::LineageClosed);
		run_to_day(publicity_end(id) + 1);
		assert_ok!(approve_as(COUNTY_OPERATOR, id));
		let reg = crate::Applications::<Test>::get(id).unwrap().registration.unwrap();
		assert_eq!(Registrations::<Test>::get(reg).unwrap().derived_from.to_vec(), sources);
	});
}

/// Q42, YN-D §49(二): a source revoked (YX-R §27) before approval is no longer a valid
/// registration: approval is refused until the sources are valid.
#[test]
fn approve_with_ended_source_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let other = kunming_resource();
		let a = agreement();
		let id = submit_product(a);
		assert_ok!(declare(SUBJECT, id, vec![src(other, Some([7; 32]))]));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		run_to_day(publicity_end(id) + 1);
		let code = Registrations::<Test>::get(other).unwrap().certificate;
		<Registration as OnCertificateEnded>::on_certificate_ended(
			other,
			&code,
			CertificateEnd::Revoked,
		);
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::SourceNotValid);
	});
}

/// Q42: a change of a product carries its sources on.
#[test]
fn change_of_product_keeps_its_sources() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, own) = registered_default();
		let a = agreement();
		let id = submit_product(a);
		assert_ok!(declare(SUBJECT, id, vec![src(own, None)]));
		let reg = through(id, COUNTY_OPERATOR);
		let change = next_application();
		assert_ok!(Registration::submit_change(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			info("数据产品（变更）")
		));
		assert_eq!(
			crate::Applications::<Test>::get(change).unwrap().derived_from.to_vec(),
			vec![src(own, None)]
		);
		// Not the registration itself.
		assert_noop!(
			declare(SUBJECT, change, vec![src(reg, None)]),
			Error::<Test>::DuplicateSource
		);
	});
}

/// YX-AO §18 "数据获取协议约定不得开放的、法律法规规定不得开放的数据资源，不得进行授权运营": a
/// resource declared 不予开放 (`OpenAttribute::NotOpen`) is not in an authorised operation's
/// scope (it may not reference an agreement) nor the source of a product under one, checked
/// when declared and again at approval; registered outside any operation it is accepted (the
/// measures register data that is not opened too).
#[test]
fn data_that_may_not_be_opened_is_not_authorised_for_operation() {
	use dengji_primitives::catalogue::*;
	ExtBuilder::default().build_and_execute(|| {
		let details = |open: OpenAttribute| BasicDetails {
			industry: IndustryCode::parse("L72").unwrap(),
			scenario: [11u8; 32],
			source: [12u8; 32],
			structure: DataStructure::Structured,
			records: 120_000,
			schema: [13u8; 32],
			coverage: dengji_primitives::DivisionCode::new(530402).unwrap(),
			update: UpdateFrequency::Daily,
			classification: ClassificationCode::truncate_from(b"YX-ENT-01".to_vec()),
			grade: DataGrade::General,
			share: ShareAttribute::Conditional,
			open,
			catalogue: None,
		};
		let resource = |a: Option<u64>| {
			let id = next_application();
			assert_ok!(Registration::submit_first_time(
				RuntimeOrigin::signed(SUBJECT),
				hongta(),
				subject(),
				ObjectKind::DataResource,
				a,
				info("数据资源"),
			));
			id
		};
		let declare_details = |id: ApplicationId, open: OpenAttribute| {
			Registration::declare_basic_details(RuntimeOrigin::signed(SUBJECT), id, details(open))
		};
		let a = agreement();
		// In an operation's scope: not 不予开放.
		let scoped = resource(Some(a));
		assert_noop!(
			declare_details(scoped, OpenAttribute::NotOpen),
			Error::<Test>::NotAuthorisable
		);
		assert_ok!(declare_details(scoped, OpenAttribute::Conditional));
		// Outside any operation: registered as declared.
		let closed = resource(None);
		assert_ok!(declare_details(closed, OpenAttribute::NotOpen));
		let closed = through(closed, COUNTY_OPERATOR);
		// Not the source of a product under an agreement, even the holder's own.
		let product = submit_product(a);
		assert_noop!(
			declare(SUBJECT, product, vec![src(closed, None)]),
			Error::<Test>::NotAuthorisable
		);
		let open = resource(None);
		assert_ok!(declare_details(open, OpenAttribute::Unconditional));
		let open = through(open, COUNTY_OPERATOR);
		assert_ok!(declare(SUBJECT, product, vec![src(open, None)]));
		// Checked again at approval: the source changed to 不予开放 meanwhile.
		Registrations::<Test>::mutate(open, |r| {
			r.as_mut().unwrap().details =
				crate::RecordedDetails::Recorded(details(OpenAttribute::NotOpen))
		});
		assert_ok!(accept_as(COUNTY_OPERATOR, product));
		assert_ok!(publish_as(COUNTY_OPERATOR, product));
		run_to_day(publicity_end(product) + 1);
		assert_noop!(approve_as(COUNTY_OPERATOR, product), Error::<Test>::NotAuthorisable);
	});
}

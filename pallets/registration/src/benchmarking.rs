//! Benchmarks (`frame_benchmarking::v2`) for every dispatchable and for the `on_idle` sweep.
//! Each uses the worst case the call allows: full-size public fields and material lists, a
//! product registration with an agreement, the most objections an application may hold.

use super::*;
use crate::BenchmarkHelper;
use alloc::{vec, vec::Vec};
use dengji_primitives::{
	calendar::Date, certificate::CancellationGround, BoundedName, DayIndex, ObjectKind,
	MAX_NAME_LEN,
};
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::Get,
	traits::{EnsureOrigin, Hooks},
	weights::Weight,
};
use frame_system::RawOrigin;

/// Monday 2026-03-02.
fn start_day() -> DayIndex {
	Date { year: 2026, month: 3, day: 2 }.to_day_index()
}

struct Parties<T: Config> {
	operator: T::AccountId,
	subject_account: T::AccountId,
	objector: T::AccountId,
	institution: DivisionCode,
	subject: Uscc,
}

fn parties<T: Config>() -> Parties<T> {
	let operator: T::AccountId = account("operator", 0, 0);
	let subject_account: T::AccountId = account("subject", 0, 0);
	let objector: T::AccountId = account("objector", 0, 0);
	let (institution, subject) =
		T::BenchmarkHelper::setup_parties(&operator, &subject_account, &objector);
	T::BenchmarkHelper::set_day(start_day());
	Parties { operator, subject_account, objector, institution, subject }
}

fn max_info<T: Config>() -> BasicInfoInput {
	BasicInfoInput {
		data_name: vec![b'n'; MAX_NAME_LEN as usize],
		summary: vec![b's'; T::MaxSummaryLen::get() as usize],
		content_digest: [1u8; 32],
		materials: vec![[2u8; 32]; T::MaxMaterials::get() as usize],
	}
}

fn max_materials<T: Config>() -> Vec<Digest> {
	vec![[3u8; 32]; T::MaxMaterials::get() as usize]
}

fn agreement_for<T: Config>(operator: Uscc) -> AgreementId {
	let clock = <T::Clock as dengji_primitives::traits::Clock>::chain_clock();
	let start = clock.day_start_ms(start_day());
	let end = clock.day_start_ms(Date { year: 2030, month: 3, day: 1 }.to_day_index());
	Pallet::<T>::do_record_agreement(
		BoundedName::truncate_from(b"implementer".to_vec()),
		operator,
		start,
		end,
		[4u8; 32],
	)
	.expect("agreement")
}

/// A valid USCC other than `subject` (a reviewing body).
fn other_uscc(subject: &Uscc) -> Uscc {
	(0..100u32)
		.filter_map(|k| {
			let mut first17 = *b"11530400MB0000000";
			first17[15] = b'0' + (k / 10) as u8;
			first17[16] = b'0' + (k % 10) as u8;
			let c = Uscc::check_character(&first17)?;
			let mut raw = first17.to_vec();
			raw.push(c);
			Uscc::from_bytes(&raw).ok()
		})
		.find(|u| u != subject)
		.expect("a valid USCC")
}

/// A first registration of a product with an agreement, submitted today.
fn submitted<T: Config>(p: &Parties<T>) -> ApplicationId {
	let a = agreement_for::<T>(p.subject);
	Pallet::<T>::do_submit_first_time(
		p.subject_account.clone(),
		p.institution,
		p.subject,
		ObjectKind::DataProductOrService,
		Some(a),
		max_info::<T>(),
	)
	.expect("submitted")
}

fn under_review<T: Config>(p: &Parties<T>) -> ApplicationId {
	let id = submitted::<T>(p);
	Pallet::<T>::do_accept(p.operator.clone(), id).expect("accepted");
	id
}

fn published<T: Config>(p: &Parties<T>) -> ApplicationId {
	let id = under_review::<T>(p);
	Pallet::<T>::do_publish(p.operator.clone(), id).expect("published");
	id
}

fn publicity_over<T: Config>(id: ApplicationId) {
	let end = Applications::<T>::get(id).and_then(|a| a.publicity).expect("window").closes.due;
	T::BenchmarkHelper::set_day(end.saturating_add(1));
}

/// A registered product (certificate issued); chain time is the day after publicity.
fn registered<T: Config>(p: &Parties<T>) -> RegistrationId {
	let id = published::<T>(p);
	publicity_over::<T>(id);
	Pallet::<T>::do_approve(p.operator.clone(), id, [9u8; 32]).expect("approved");
	let app = Applications::<T>::get(id).expect("app");
	T::BenchmarkHelper::issue(&app.certificate.expect("drafted"));
	app.registration.expect("registration")
}

/// Moves chain time into the renewal window of `reg`'s certificate (30 days before expiry).
fn into_renewal_window<T: Config>(reg: RegistrationId) {
	use dengji_primitives::traits::{CertificateLedger, Clock};
	let code = Registrations::<T>::get(reg).expect("reg").certificate;
	let until = T::Ledger::certificate(&code).expect("issued").body.valid_until;
	let day = T::Clock::chain_clock().day_at(until).saturating_sub(30);
	T::BenchmarkHelper::set_day(day);
}

fn lodged<T: Config>(p: &Parties<T>, id: ApplicationId) -> ObjectionId {
	Pallet::<T>::do_lodge_objection(p.objector.clone(), id, [5u8; 32], [6u8; 32]).expect("lodged")
}

fn forwarded<T: Config>(p: &Parties<T>, id: ApplicationId) -> ObjectionId {
	let o = lodged::<T>(p, id);
	Pallet::<T>::do_forward_objection(p.operator.clone(), o).expect("forwarded");
	o
}

/// The `i`-th valid USCC of the benchmarks (GB 32100 check character computed).
fn bench_uscc(i: u32) -> Uscc {
	let mut first = *b"91530400MA0000000";
	let digits = alloc::format!("{:06}", i % 1_000_000);
	first[11..17].copy_from_slice(digits.as_bytes());
	let check = Uscc::check_character(&first).expect("charset");
	let mut full = [0u8; 18];
	full[..17].copy_from_slice(&first);
	full[17] = check;
	Uscc::from_bytes(&full).expect("valid USCC")
}

/// Basic details with every bounded field full (YX-R §12, YN-D §15).
fn max_details() -> dengji_primitives::catalogue::BasicDetails {
	use dengji_primitives::catalogue::*;
	BasicDetails {
		industry: IndustryCode::parse("I6450").expect("code"),
		scenario: [1u8; 32],
		source: [2u8; 32],
		structure: DataStructure::Mixed,
		records: u64::MAX,
		schema: [3u8; 32],
		coverage: DivisionCode::new(530400).expect("division"),
		update: UpdateFrequency::Monthly,
		classification: ClassificationCode::truncate_from(vec![
			b'C';
			MAX_CLASSIFICATION_LEN as usize
		]),
		grade: DataGrade::Important,
		share: ShareAttribute::Conditional,
		open: OpenAttribute::Conditional,
		catalogue: Some(CatalogueRef::truncate_from(vec![b'R'; MAX_CATALOGUE_REF_LEN as usize])),
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn submit_first_time() {
		let p = parties::<T>();
		let a = agreement_for::<T>(p.subject);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(p.subject_account.clone()),
			p.institution,
			p.subject,
			ObjectKind::DataProductOrService,
			Some(a),
			max_info::<T>(),
		);
		assert_eq!(NextApplicationId::<T>::get(), 1);
	}

	#[benchmark]
	fn submit_change() {
		let p = parties::<T>();
		let reg = registered::<T>(&p);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.subject_account.clone()), reg, max_info::<T>());
		assert!(Registrations::<T>::get(reg).and_then(|r| r.pending).is_some());
	}

	#[benchmark]
	fn submit_correction() {
		let p = parties::<T>();
		let reg = registered::<T>(&p);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.objector.clone()), reg, max_info::<T>(), [7u8; 32]);
		assert!(Registrations::<T>::get(reg).and_then(|r| r.pending).is_some());
	}

	#[benchmark]
	fn submit_cancellation() {
		let p = parties::<T>();
		let reg = registered::<T>(&p);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(p.subject_account.clone()),
			reg,
			CancellationGround::RightsAbandonedOrExpired,
			max_materials::<T>(),
		);
		assert!(LifecyclePending::<T>::contains_key(reg));
	}

	#[benchmark]
	fn submit_renewal() {
		let p = parties::<T>();
		let reg = registered::<T>(&p);
		into_renewal_window::<T>(reg);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.subject_account.clone()), reg, 3, max_materials::<T>());
		assert!(LifecyclePending::<T>::contains_key(reg));
	}

	#[benchmark]
	fn accept_application() {
		let p = parties::<T>();
		let id = submitted::<T>(&p);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), id);
		assert_eq!(
			Applications::<T>::get(id).map(|a| a.state),
			Some(ApplicationState::UnderReview)
		);
	}

	#[benchmark]
	fn refuse_acceptance() {
		let p = parties::<T>();
		let id = submitted::<T>(&p);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), id, [8u8; 32]);
		assert_eq!(
			Applications::<T>::get(id).map(|a| a.state),
			Some(ApplicationState::NotAccepted)
		);
	}

	#[benchmark]
	fn request_supplement() {
		let p = parties::<T>();
		let id = under_review::<T>(&p);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), id, [8u8; 32]);
		assert_eq!(
			Applications::<T>::get(id).map(|a| a.state),
			Some(ApplicationState::SupplementRequested)
		);
	}

	#[benchmark]
	fn resubmit_application() {
		let p = parties::<T>();
		let id = submitted::<T>(&p);
		Pallet::<T>::do_request_supplement(p.operator.clone(), id, [8u8; 32]).expect("notice");
		#[extrinsic_call]
		_(RawOrigin::Signed(p.subject_account.clone()), id, max_info::<T>());
		assert_eq!(Applications::<T>::get(id).map(|a| a.state), Some(ApplicationState::Submitted));
	}

	#[benchmark]
	fn withdraw_application() {
		let p = parties::<T>();
		let reg = registered::<T>(&p);
		into_renewal_window::<T>(reg);
		let id = Pallet::<T>::do_submit_materials(
			p.subject_account.clone(),
			reg,
			Request::Renewal { years: 3 },
			vec![],
		)
		.expect("renewal");
		#[extrinsic_call]
		_(RawOrigin::Signed(p.subject_account.clone()), id);
		assert_eq!(Applications::<T>::get(id).map(|a| a.state), Some(ApplicationState::Withdrawn));
	}

	#[benchmark]
	fn extend_supplement() {
		let p = parties::<T>();
		let id = submitted::<T>(&p);
		Pallet::<T>::do_request_supplement(p.operator.clone(), id, [8u8; 32]).expect("notice");
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), id, [8u8; 32]);
		assert!(Applications::<T>::get(id).map(|a| a.supplement_extended).unwrap_or(false));
	}

	#[benchmark]
	fn refuse_registration() {
		let p = parties::<T>();
		let id = under_review::<T>(&p);
		let grounds = vec![
			RefusalGround::CoreDataOrSecrets,
			RefusalGround::PublicOrder,
			RefusalGround::UnlawfulSource,
			RefusalGround::InterestedPartyDisagrees,
			RefusalGround::OwnershipDispute,
			RefusalGround::ObjectionUpheld,
			RefusalGround::OtherLegal,
			RefusalGround::NonCompliant,
			RefusalGround::QualityDefect,
			RefusalGround::StateOrWorkSecret,
		];
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), id, grounds, [8u8; 32]);
		assert_eq!(Applications::<T>::get(id).map(|a| a.state), Some(ApplicationState::Refused));
	}

	#[benchmark]
	fn publish_application() {
		let p = parties::<T>();
		let id = under_review::<T>(&p);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), id);
		assert_eq!(
			Applications::<T>::get(id).map(|a| a.state),
			Some(ApplicationState::InPublicity)
		);
	}

	#[benchmark]
	fn close_publicity() {
		let p = parties::<T>();
		let id = published::<T>(&p);
		lodged::<T>(&p, id);
		publicity_over::<T>(id);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.objector.clone()), id);
		assert_eq!(Applications::<T>::get(id).map(|a| a.state), Some(ApplicationState::Deferred));
	}

	#[benchmark]
	fn expire_supplement() {
		let p = parties::<T>();
		let id = submitted::<T>(&p);
		Pallet::<T>::do_request_supplement(p.operator.clone(), id, [8u8; 32]).expect("notice");
		T::BenchmarkHelper::set_day(start_day().saturating_add(30));
		#[extrinsic_call]
		_(RawOrigin::Signed(p.objector.clone()), id);
		assert_eq!(
			Applications::<T>::get(id).map(|a| a.state),
			Some(ApplicationState::DeemedWithdrawn)
		);
	}

	#[benchmark]
	fn report_overdue() {
		let p = parties::<T>();
		let id = published::<T>(&p);
		let o = lodged::<T>(&p, id);
		T::BenchmarkHelper::set_day(start_day().saturating_add(10));
		#[extrinsic_call]
		_(RawOrigin::Signed(p.objector.clone()), DueItem::Objection(o));
		assert!(Objections::<T>::get(o).and_then(|o| o.timer).map(|t| t.handled).unwrap_or(false));
	}

	#[benchmark]
	fn lodge_objection() {
		let p = parties::<T>();
		let id = published::<T>(&p);
		for _ in 1..T::MaxObjections::get() {
			lodged::<T>(&p, id);
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(p.objector.clone()), id, [5u8; 32], [6u8; 32]);
		assert_eq!(Applications::<T>::get(id).map(|a| a.objections), Some(T::MaxObjections::get()));
	}

	#[benchmark]
	fn forward_objection() {
		let p = parties::<T>();
		let id = published::<T>(&p);
		let o = lodged::<T>(&p, id);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), o);
		assert_eq!(Objections::<T>::get(o).map(|o| o.state), Some(ObjectionState::Forwarded));
	}

	#[benchmark]
	fn submit_rebuttal() {
		let p = parties::<T>();
		let id = published::<T>(&p);
		let o = forwarded::<T>(&p, id);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.subject_account.clone()), o, [7u8; 32]);
		assert_eq!(Objections::<T>::get(o).map(|o| o.state), Some(ObjectionState::Rebutted));
	}

	#[benchmark]
	fn expire_rebuttal() {
		let p = parties::<T>();
		let id = published::<T>(&p);
		let o = forwarded::<T>(&p, id);
		T::BenchmarkHelper::set_day(start_day().saturating_add(30));
		#[extrinsic_call]
		_(RawOrigin::Signed(p.objector.clone()), o);
		assert_eq!(Objections::<T>::get(o).map(|o| o.state), Some(ObjectionState::RebuttalLapsed));
	}

	#[benchmark]
	fn decide_objection() {
		let p = parties::<T>();
		let id = published::<T>(&p);
		let o = forwarded::<T>(&p, id);
		Pallet::<T>::do_submit_rebuttal(p.subject_account.clone(), o, [7u8; 32]).expect("rebut");
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), o, true, [8u8; 32]);
		assert_eq!(Applications::<T>::get(id).map(|a| a.state), Some(ApplicationState::Terminated));
	}

	/// YX-R §22 ¶2: an undecided objection of a refused application (YX-R §17) is closed.
	#[benchmark]
	fn close_objection() {
		let p = parties::<T>();
		let id = published::<T>(&p);
		let o = forwarded::<T>(&p, id);
		Pallet::<T>::do_refuse_registration(
			p.operator.clone(),
			id,
			vec![RefusalGround::CoreDataOrSecrets],
			[8u8; 32],
		)
		.expect("refuse");
		#[extrinsic_call]
		_(RawOrigin::Signed(p.objector.clone()), o);
		assert_eq!(Objections::<T>::get(o).map(|o| o.state), Some(ObjectionState::Closed));
	}

	#[benchmark]
	fn set_disputes() {
		let p = parties::<T>();
		let id = published::<T>(&p);
		let flags = DisputeFlags { interested_party: true, ownership: true };
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), id, flags, [8u8; 32]);
		assert_eq!(Applications::<T>::get(id).map(|a| a.disputes), Some(flags));
	}

	#[benchmark]
	fn set_registration_disputes() {
		let p = parties::<T>();
		let reg = registered::<T>(&p);
		let flags = DisputeFlags { interested_party: true, ownership: true };
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), reg, flags, [8u8; 32]);
		assert_eq!(Registrations::<T>::get(reg).map(|r| r.disputes), Some(flags));
	}

	#[benchmark]
	fn approve_application() {
		let p = parties::<T>();
		let id = published::<T>(&p);
		publicity_over::<T>(id);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), id, [9u8; 32]);
		assert_eq!(Applications::<T>::get(id).map(|a| a.state), Some(ApplicationState::Approved));
	}

	#[benchmark]
	fn record_agreement() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let clock = <T::Clock as dengji_primitives::traits::Clock>::chain_clock();
		let start = clock.day_start_ms(start_day());
		let end = clock.day_start_ms(Date { year: 2031, month: 3, day: 1 }.to_day_index());
		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			BoundedName::truncate_from(vec![b'i'; MAX_NAME_LEN as usize]),
			p.subject,
			start,
			end,
			[4u8; 32],
		);
		assert_eq!(NextAgreementId::<T>::get(), 1);
		Ok(())
	}

	#[benchmark]
	fn record_agreement_with_exception() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let clock = <T::Clock as dengji_primitives::traits::Clock>::chain_clock();
		let start = clock.day_start_ms(start_day());
		let end = clock.day_start_ms(Date { year: 2036, month: 3, day: 1 }.to_day_index());
		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			BoundedName::truncate_from(vec![b'i'; MAX_NAME_LEN as usize]),
			p.subject,
			start,
			end,
			[4u8; 32],
			[5u8; 32],
		);
		assert_eq!(Agreements::<T>::get(0).and_then(|a| a.term_exception), Some([5u8; 32]));
		Ok(())
	}

	#[benchmark]
	fn record_delivery() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let a = agreement_for::<T>(p.subject);
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let clock = <T::Clock as dengji_primitives::traits::Clock>::chain_clock();
		let delivered_at = clock.day_start_ms(start_day());
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, a, delivered_at, [6u8; 32]);
		assert!(Agreements::<T>::get(a).and_then(|a| a.delivery).is_some());
		Ok(())
	}

	#[benchmark]
	fn set_public_service() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, p.subject, Some([7u8; 32]));
		assert!(PublicServiceOrganisations::<T>::contains_key(p.subject));
		Ok(())
	}

	#[benchmark]
	fn declare_derived_from(s: Linear<0, MAX_DERIVED_FROM>) {
		let p = parties::<T>();
		let id = submitted::<T>(&p);
		let code = Applications::<T>::get(id).map(|a| a.info.content_digest).unwrap_or_default();
		let mut sources = Vec::new();
		for i in 0..s {
			let reg = RegistrationId::from(i).saturating_add(1000);
			Registrations::<T>::insert(
				reg,
				Registration {
					subject: p.subject,
					object: ObjectKind::DataResource,
					institution: p.institution,
					data_name: Default::default(),
					content_digest: code,
					certificate: dengji_primitives::CertificateCode::new(
						p.institution,
						2026,
						i + 1,
					)
					.expect("code"),
					agreement: None,
					flags: Default::default(),
					disputes: Default::default(),
					status: RegistrationStatus::Active,
					pending: None,
					derived_from: Default::default(),
					co_subjects: Default::default(),
					details: RecordedDetails::NotRecorded,
				},
			);
			sources.push(Lineage { registration: reg, consent: Some([8u8; 32]) });
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(p.subject_account.clone()), id, sources);
		assert_eq!(Applications::<T>::get(id).map(|a| a.derived_from.len() as u32), Some(s));
	}

	#[benchmark]
	fn amend_agreement() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let a = agreement_for::<T>(p.subject);
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let clock = <T::Clock as dengji_primitives::traits::Clock>::chain_clock();
		let start = clock.day_start_ms(start_day());
		let end = clock.day_start_ms(Date { year: 2031, month: 3, day: 1 }.to_day_index());
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, a, start, end, [4u8; 32]);
		assert_eq!(Agreements::<T>::get(a).map(|a| a.term_end), Some(end));
		Ok(())
	}

	#[benchmark]
	fn set_agreement_status(
		r: Linear<0, { T::MaxRegistrationsPerAgreement::get() }>,
	) -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let a = agreement_for::<T>(p.subject);
		let code = {
			let reg = registered::<T>(&p);
			Registrations::<T>::get(reg).expect("reg").certificate
		};
		let mut ids = Vec::new();
		for i in 0..r {
			let id = RegistrationId::from(i).saturating_add(1000);
			Registrations::<T>::insert(
				id,
				Registration {
					subject: p.subject,
					object: ObjectKind::DataProductOrService,
					institution: p.institution,
					data_name: Default::default(),
					content_digest: [0u8; 32],
					certificate: code,
					agreement: Some(a),
					flags: Default::default(),
					disputes: Default::default(),
					status: RegistrationStatus::Active,
					pending: None,
					derived_from: Default::default(),
					co_subjects: Default::default(),
					details: RecordedDetails::NotRecorded,
				},
			);
			ids.push(id);
		}
		AgreementRegistrations::<T>::insert(
			a,
			frame_support::BoundedVec::try_from(ids).map_err(|_| BenchmarkError::Weightless)?,
		);
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, a, AgreementStatus::Terminated, [4u8; 32]);
		assert_eq!(Agreements::<T>::get(a).map(|a| a.status), Some(AgreementStatus::Terminated));
		Ok(())
	}

	/// The fixed part of `on_idle`: nothing due.
	#[benchmark]
	fn on_idle_base() {
		parties::<T>();
		DueCursor::<T>::put(start_day());
		#[block]
		{
			Pallet::<T>::on_idle(0u32.into(), Weight::MAX);
		}
	}

	/// One queued item whose lapse is applied (deemed withdrawal, the most writes).
	#[benchmark]
	fn on_idle_item() {
		let p = parties::<T>();
		let id = submitted::<T>(&p);
		Pallet::<T>::do_request_supplement(p.operator.clone(), id, [8u8; 32]).expect("notice");
		let today = start_day().saturating_add(30);
		T::BenchmarkHelper::set_day(today);
		#[block]
		{
			Pallet::<T>::process_due(DueItem::Application(id), today);
		}
		assert_eq!(
			Applications::<T>::get(id).map(|a| a.state),
			Some(ApplicationState::DeemedWithdrawn)
		);
	}

	#[benchmark]
	fn declare_co_subjects(c: Linear<0, MAX_CO_SUBJECTS>) {
		// Worst case: a renewal, whose co-subjects are checked against the registration's.
		let p = parties::<T>();
		let reg = registered::<T>(&p);
		let list: Vec<Uscc> = (0..c).map(bench_uscc).collect();
		Registrations::<T>::mutate(reg, |r| {
			if let Some(r) = r {
				r.co_subjects = CoSubjectList::truncate_from(list.clone());
			}
		});
		into_renewal_window::<T>(reg);
		let id = Pallet::<T>::do_submit_materials(
			p.subject_account.clone(),
			reg,
			Request::Renewal { years: 3 },
			max_materials::<T>(),
		)
		.expect("renewal");
		let declared: Vec<JointSubject> =
			list.iter().map(|u| JointSubject { subject: *u, consent: Some([6u8; 32]) }).collect();
		#[extrinsic_call]
		_(RawOrigin::Signed(p.subject_account.clone()), id, declared);
		assert_eq!(Applications::<T>::get(id).map(|a| a.co_subjects.len() as u32), Some(c));
	}

	#[benchmark]
	fn consent_as_co_subject() {
		// The benchmark subject is the co-subject of another subject's application.
		let p = parties::<T>();
		let id = submitted::<T>(&p);
		Applications::<T>::mutate(id, |a| {
			if let Some(a) = a {
				a.subject = bench_uscc(MAX_CO_SUBJECTS);
				let mut list: Vec<CoSubject> = (0..MAX_CO_SUBJECTS - 1)
					.map(|i| CoSubject {
						subject: bench_uscc(i),
						consent: CoSubjectConsent::Document([6u8; 32]),
					})
					.collect();
				list.push(CoSubject { subject: p.subject, consent: CoSubjectConsent::Awaited });
				a.co_subjects = CoSubjects::truncate_from(list);
			}
		});
		#[extrinsic_call]
		_(RawOrigin::Signed(p.subject_account.clone()), id, p.subject);
		assert!(Applications::<T>::get(id)
			.is_some_and(|a| a.co_subjects.iter().all(|c| c.consent != CoSubjectConsent::Awaited)));
	}

	#[benchmark]
	fn declare_basic_details() {
		let p = parties::<T>();
		let id = submitted::<T>(&p);
		let details = max_details();
		#[extrinsic_call]
		_(RawOrigin::Signed(p.subject_account.clone()), id, details.clone());
		assert_eq!(
			Applications::<T>::get(id).map(|a| a.details),
			Some(RecordedDetails::Recorded(details))
		);
	}

	#[benchmark]
	fn set_validity_exception() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let id = submitted::<T>(&p);
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, 5, [7u8; 32]);
		assert_eq!(
			Applications::<T>::get(id).and_then(|a| a.validity_exception).map(|e| e.years),
			Some(5)
		);
		Ok(())
	}

	#[benchmark]
	fn record_business_review() {
		let p = parties::<T>();
		let id = submitted::<T>(&p);
		let reviewer = other_uscc(&p.subject);
		let at = Applications::<T>::get(id).map(|a| a.submitted_at).unwrap_or_default();
		#[extrinsic_call]
		_(RawOrigin::Signed(p.subject_account.clone()), id, reviewer, [8u8; 32], at);
		assert_eq!(
			Applications::<T>::get(id).and_then(|a| a.business_review).map(|r| r.reviewer),
			Some(reviewer)
		);
	}

	#[benchmark]
	fn declare_materials(n: Linear<6, { T::MaxMaterials::get() }>) {
		let p = parties::<T>();
		let id = submitted::<T>(&p);
		let kinds = MaterialKind::required_for(ApplicationKind::FirstTime);
		let materials: Vec<TypedMaterial> = (0..n)
			.map(|i| TypedMaterial {
				kind: kinds.get(i as usize).copied().unwrap_or(MaterialKind::Other),
				digest: [i as u8; 32],
			})
			.collect();
		#[extrinsic_call]
		_(RawOrigin::Signed(p.subject_account.clone()), id, materials);
		assert_eq!(Applications::<T>::get(id).map(|a| a.materials_by_kind.len() as u32), Some(n));
	}

	#[benchmark]
	fn record_agreement_filing() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let a = agreement_for::<T>(p.subject);
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let city = p
			.institution
			.parent()
			.filter(|d| d.level() == dengji_primitives::DivisionLevel::City)
			.unwrap_or(p.institution);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, a, city, [9u8; 32]);
		assert!(Agreements::<T>::get(a).and_then(|a| a.filing).is_some());
		Ok(())
	}

	#[benchmark]
	fn respond_to_correction() {
		let p = parties::<T>();
		let reg = registered::<T>(&p);
		let id = NextApplicationId::<T>::get();
		Pallet::<T>::do_submit_on_registration(
			p.objector.clone(),
			reg,
			Request::Correction { evidence: [7u8; 32] },
			Some(max_info::<T>()),
		)
		.expect("correction");
		#[extrinsic_call]
		_(RawOrigin::Signed(p.subject_account.clone()), id, [8u8; 32]);
		assert!(Applications::<T>::get(id)
			.and_then(|a| a.subject_notice)
			.and_then(|n| n.response)
			.is_some());
	}

	#[benchmark]
	fn set_intake_requirements() -> Result<(), BenchmarkError> {
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let requirements = IntakeRequirements { business_review: true, materials_by_kind: true };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, requirements);
		assert_eq!(IntakeRequirementsInForce::<T>::get(), requirements);
		Ok(())
	}

	/// YX-R §5, §18 ¶3. Worst case: the holder's earlier filing is read and no longer counts
	/// (withdrawn), so the duty's clock is queued.
	#[benchmark]
	fn record_provision() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let a = agreement_for::<T>(p.subject);
		let earlier = Pallet::<T>::do_submit_first_time(
			p.subject_account.clone(),
			p.institution,
			p.subject,
			ObjectKind::DataResource,
			Some(a),
			max_info::<T>(),
		)
		.map_err(|_| BenchmarkError::Stop("resource filed"))?;
		Applications::<T>::mutate(earlier, |app| {
			if let Some(app) = app {
				app.state = ApplicationState::Withdrawn;
			}
		});
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let clock = <T::Clock as dengji_primitives::traits::Clock>::chain_clock();
		let provided_at = clock.day_start_ms(start_day());
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, a, p.subject, provided_at, [6u8; 32]);
		let provision = Provisions::<T>::get(0).ok_or(BenchmarkError::Stop("provision"))?;
		assert!(provision.met_on.is_none() && !provision.timer.handled);
		Ok(())
	}

	/// Q8, YX-R §21(三): a liquidator's cancellation (the successor's path reads the same
	/// number of records and is covered by the provisional weight).
	#[benchmark]
	fn submit_cancellation_on_succession() {
		let p = parties::<T>();
		let reg = registered::<T>(&p);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(p.objector.clone()),
			reg,
			SuccessionApplicant::Liquidator,
			[6u8; 32],
			max_materials::<T>(),
		);
		assert!(LifecyclePending::<T>::contains_key(reg));
	}

	/// Q8: the data authority's order to cancel.
	#[benchmark]
	fn order_cancellation() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let reg = registered::<T>(&p);
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, reg, CancellationGround::OtherLawful, [6u8; 32]);
		assert!(LifecyclePending::<T>::contains_key(reg));
		Ok(())
	}

	/// Q10(f): the outcome of an upheld objection under reconsideration.
	#[benchmark]
	fn set_objection_review() {
		let p = parties::<T>();
		let id = published::<T>(&p);
		let o = forwarded::<T>(&p, id);
		Pallet::<T>::do_submit_rebuttal(p.subject_account.clone(), o, [7u8; 32]).expect("rebut");
		Pallet::<T>::do_decide_objection(p.operator.clone(), o, true, [8u8; 32]).expect("decide");
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), o, Some([9u8; 32]));
		assert!(ObjectionReviews::<T>::contains_key(o));
	}

	/// Q32, YX-R §17(四)(五): the objection shows a dispute, raised on its application.
	#[benchmark]
	fn decide_objection_as_dispute() {
		let p = parties::<T>();
		let id = published::<T>(&p);
		let o = forwarded::<T>(&p, id);
		Pallet::<T>::do_submit_rebuttal(p.subject_account.clone(), o, [7u8; 32]).expect("rebut");
		let flags = DisputeFlags { interested_party: true, ownership: true };
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), o, flags, [8u8; 32]);
		assert!(RaisedDisputes::<T>::contains_key(
			DisputeTarget::Application(id),
			DisputeSource::Objection(o)
		));
	}

	/// Q32, YX-R §25(二): an upheld complaint raises a dispute on a registration.
	#[benchmark]
	fn raise_complaint_dispute() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let reg = registered::<T>(&p);
		let c = T::BenchmarkHelper::upheld_complaint(p.institution)
			.ok_or(BenchmarkError::Weightless)?;
		let flags = DisputeFlags { interested_party: true, ownership: true };
		let target = DisputeTarget::Registration(reg);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), target, c, flags, [8u8; 32]);
		assert!(RaisedDisputes::<T>::contains_key(target, DisputeSource::Complaint(c)));
		Ok(())
	}

	/// Q32: the recorded resolution clears the dispute.
	#[benchmark]
	fn resolve_dispute() {
		let p = parties::<T>();
		let id = published::<T>(&p);
		let o = forwarded::<T>(&p, id);
		Pallet::<T>::do_submit_rebuttal(p.subject_account.clone(), o, [7u8; 32]).expect("rebut");
		let flags = DisputeFlags { interested_party: true, ownership: false };
		Pallet::<T>::do_decide_objection_as_dispute(p.operator.clone(), o, flags, [8u8; 32])
			.expect("dispute");
		let (target, source) = (DisputeTarget::Application(id), DisputeSource::Objection(o));
		#[extrinsic_call]
		_(RawOrigin::Signed(p.operator.clone()), target, source, [9u8; 32]);
		assert!(!RaisedDisputes::<T>::contains_key(target, source));
	}

	/// YX-R §12: the data authority requires the basic details before publicity.
	#[benchmark]
	fn set_basic_details_required() -> Result<(), BenchmarkError> {
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, true);
		assert!(BasicDetailsRequiredFrom::<T>::get().is_some());
		Ok(())
	}

	/// Q22: the data authority loads a classification code list of `n` codes.
	#[benchmark]
	fn load_classification_codes(
		n: Linear<1, MAX_CLASSIFICATION_CODES>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		// Longest codes, given in reverse order (the sort's worst case).
		let codes: Vec<dengji_primitives::catalogue::ClassificationCode> = (0..n)
			.rev()
			.map(|i| {
				let mut c = vec![b'A'; 28];
				c.extend_from_slice(alloc::format!("{i:04}").as_bytes());
				dengji_primitives::catalogue::ClassificationCode::truncate_from(c)
			})
			.collect();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 1, codes);
		assert_eq!(ClassificationCodes::<T>::get().map(|l| l.codes.len() as u32), Some(n));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}

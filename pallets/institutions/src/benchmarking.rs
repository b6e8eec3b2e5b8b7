//! Benchmarks (`frame_benchmarking::v2`), worst case per call: the city-authority path of the origin
//! check (an extra read after `AuthorityOrigin` fails) where a city authority may act, full
//! retired-key and account lists, and replacement of existing validator and PeerId.
//! Divisions are in Xinjiang (65), so a runtime genesis with Yunnan institutions does not interfere.

use super::*;
use crate::types::PersonKind;
use alloc::vec;
use dengji_primitives::{
	institution::{InstitutionStatus, MAX_RETIRED_KEYS},
	traits::{AgentScope, Clock},
	BoundedName, DivisionCode, Uscc,
};
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get};
use frame_system::RawOrigin;

fn div(code: u32) -> DivisionCode {
	DivisionCode::new(code).unwrap_or_else(|_| panic!("benchmark division"))
}
fn city() -> DivisionCode {
	div(650100)
}
fn county() -> DivisionCode {
	div(650102)
}
fn name() -> BoundedName {
	BoundedName::try_from(vec![b'n'; dengji_primitives::MAX_NAME_LEN as usize]).unwrap_or_default()
}
fn uscc(n: u32) -> Uscc {
	let mut raw = *b"91650102MA6K00000 ";
	for (i, d) in [(13usize, n / 1000), (14, (n / 100) % 10), (15, (n / 10) % 10), (16, n % 10)] {
		raw[i] = b'0' + (d % 10) as u8;
	}
	raw[17] = Uscc::check_character(&raw[..17]).unwrap_or(b'0');
	Uscc::from_bytes(&raw).unwrap_or_else(|_| panic!("benchmark uscc"))
}
fn authority<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// A city authority for 5304 and the city institution 530400; returns the authority account.
fn setup_city<T: Config>() -> T::AccountId {
	let ca: T::AccountId = account("city-authority", 0, 0);
	let _ = Pallet::<T>::do_set_city_authority(ca.clone(), city());
	let _ = Pallet::<T>::do_register_institution(city(), name(), [1; 32]);
	ca
}

/// City setup plus the county institution 530402 filed; returns the city authority.
fn setup_county<T: Config>() -> T::AccountId {
	let ca = setup_city::<T>();
	let _ = Pallet::<T>::do_file_county_institution(
		Actor::City(ca.clone(), city()),
		county(),
		name(),
		[2; 32],
		None,
	);
	ca
}

/// County setup plus an operator of the city institution; returns the operator.
fn setup_operator<T: Config>() -> T::AccountId {
	setup_county::<T>();
	let op: T::AccountId = account("operator", 0, 0);
	let _ = Pallet::<T>::do_add_operator(city(), op.clone());
	op
}

/// Operator setup plus a subject seated in the county, admitted by the city, with one account
/// (the last slot free) and a real-name agent; returns (operator, subject account, agent).
fn setup_subject<T: Config>() -> (T::AccountId, T::AccountId, T::AccountId) {
	let op = setup_operator::<T>();
	let max = T::MaxSubjectAccounts::get();
	let accounts: vec::Vec<T::AccountId> =
		(0..max.saturating_sub(1).max(1)).map(|i| account("subject", i, 0)).collect();
	let _ = Pallet::<T>::insert_subject(uscc(0), name(), county(), city(), &accounts);
	let agent: T::AccountId = account("agent", 0, 0);
	let _ = Pallet::<T>::insert_person(agent.clone(), [9; 32], city(), PersonKind::Organisation);
	(op, accounts[0].clone(), agent)
}

/// City setup plus a service institution registered by the city authority with a full account
/// list; returns the city authority.
fn setup_service<T: Config>() -> T::AccountId {
	let ca = setup_city::<T>();
	let accounts: ServiceAccounts<T::AccountId> = (0..MAX_SERVICE_ACCOUNTS)
		.map(|i| account("service", i, 0))
		.collect::<vec::Vec<_>>()
		.try_into()
		.unwrap_or_default();
	let _ = Pallet::<T>::do_register_service_institution(
		Actor::City(ca.clone(), city()),
		uscc(7),
		name(),
		accounts,
	);
	ca
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_institution() -> Result<(), BenchmarkError> {
		let origin = authority::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, city(), name(), [1; 32]);
		assert!(Institutions::<T>::contains_key(city()));
		Ok(())
	}

	#[benchmark]
	fn file_county_institution() {
		let ca = setup_city::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), county(), name(), [2; 32]);
		assert!(Institutions::<T>::contains_key(county()));
	}

	#[benchmark]
	fn suspend_institution() {
		let ca = setup_county::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), county());
	}

	#[benchmark]
	fn reinstate_institution() {
		let ca = setup_county::<T>();
		let _ = Pallet::<T>::do_set_status(county(), InstitutionStatus::Suspended);
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), county());
	}

	#[benchmark]
	fn disqualify_institution() {
		let ca = setup_county::<T>();
		let v: T::AccountId = account("validator", 0, 0);
		let _ = Pallet::<T>::do_set_validator(county(), Some(v));
		let _ = Pallet::<T>::do_set_peer_id(county(), PeerId::try_from(vec![7u8; 38]).ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), county());
		assert!(Institutions::<T>::get(county()).is_some_and(|i| i.peer_id.is_none()));
	}

	/// Worst case (YX-R §26): a disqualification (validator and PeerId cleared) by the city
	/// authority, with earlier sanction records.
	#[benchmark]
	fn sanction() {
		let ca = setup_county::<T>();
		let v: T::AccountId = account("validator", 0, 0);
		let _ = Pallet::<T>::do_set_validator(county(), Some(v));
		let _ = Pallet::<T>::do_set_peer_id(county(), PeerId::try_from(vec![7u8; 38]).ok());
		let _ = Pallet::<T>::do_sanction(
			Actor::Province,
			county(),
			SanctionGround::ImproperPerformance,
			SanctionMeasure::Interview,
			[1; 32],
		);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(ca),
			county(),
			SanctionGround::CertificateTampering,
			SanctionMeasure::Disqualification,
			[2; 32],
		);
		assert_eq!(SanctionCount::<T>::get(county()), 2);
	}

	/// YX-R §7 ¶2: the city authority appoints a county authority (the city-authority origin path).
	#[benchmark]
	fn set_county_authority() {
		let ca = setup_city::<T>();
		let who: T::AccountId = account("county-authority", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), who.clone(), county());
		assert_eq!(CountyAuthorities::<T>::get(who), Some(county()));
	}

	#[benchmark]
	fn remove_county_authority() {
		let ca = setup_city::<T>();
		let who: T::AccountId = account("county-authority", 0, 0);
		let _ = Pallet::<T>::do_set_county_authority(Actor::Province, who.clone(), county());
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), who.clone());
		assert!(CountyAuthorities::<T>::get(who).is_none());
	}

	#[benchmark]
	fn transfer_cases() {
		let ca = setup_county::<T>();
		let _ = Pallet::<T>::do_set_status(county(), InstitutionStatus::Disqualified);
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), county(), city());
		assert!(Institutions::<T>::get(county()).is_some_and(|i| i.taken_over_by == Some(city())));
	}

	#[benchmark]
	fn add_operator() {
		let ca = setup_county::<T>();
		let op: T::AccountId = account("operator", 1, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), county(), op.clone());
		assert!(Operators::<T>::contains_key(county(), op));
	}

	#[benchmark]
	fn remove_operator() {
		let ca = setup_county::<T>();
		let op: T::AccountId = account("operator", 1, 0);
		let _ = Pallet::<T>::do_add_operator(county(), op.clone());
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), county(), op.clone());
		assert!(!Operators::<T>::contains_key(county(), op));
	}

	#[benchmark]
	fn rotate_signing_key() {
		let ca = setup_county::<T>();
		for k in 0..MAX_RETIRED_KEYS.saturating_sub(1) {
			let _ =
				Pallet::<T>::do_rotate_signing_key(county(), [100u8.saturating_add(k as u8); 32]);
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), county(), [200; 32]);
		assert!(Institutions::<T>::get(county()).is_some_and(|i| i.signing_key == [200; 32]));
	}

	/// Worst case: a rotation with `MAX_RETIRED_KEYS - 1` SM2 keys retired already (one more
	/// push, the longest `has_sm2_key` scan) and the SM2 point check.
	#[benchmark]
	fn set_sm2_key() {
		let ca = setup_county::<T>();
		for k in 0..MAX_RETIRED_KEYS {
			let key = bench_sm2_key(100u8.saturating_add(k as u8));
			let _ = Pallet::<T>::do_set_sm2_key(county(), key);
		}
		let key = bench_sm2_key(200);
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), county(), key);
		assert!(Institutions::<T>::get(county()).is_some_and(|i| i.sm2_key == Some(key)));
	}

	#[benchmark]
	fn set_validator() {
		let ca = setup_county::<T>();
		let old: T::AccountId = account("validator", 0, 0);
		let new: T::AccountId = account("validator", 1, 0);
		let _ = Pallet::<T>::do_set_validator(county(), Some(old));
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), county(), Some(new.clone()));
		assert_eq!(ValidatorOf::<T>::get(new), Some(county()));
	}

	#[benchmark]
	fn set_peer_id() {
		let ca = setup_county::<T>();
		let _ = Pallet::<T>::do_set_peer_id(county(), PeerId::try_from(vec![7u8; 38]).ok());
		let new = PeerId::try_from(vec![8u8; 38]).ok();
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), county(), new);
	}

	#[benchmark]
	fn set_city_authority() -> Result<(), BenchmarkError> {
		let origin = authority::<T>()?;
		let who: T::AccountId = account("city-authority", 1, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), city());
		assert!(CityAuthorities::<T>::contains_key(who));
		Ok(())
	}

	#[benchmark]
	fn remove_city_authority() -> Result<(), BenchmarkError> {
		let ca = setup_city::<T>();
		let origin = authority::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, ca.clone());
		assert!(!CityAuthorities::<T>::contains_key(ca));
		Ok(())
	}

	#[benchmark]
	fn admit_subject(a: Linear<1, { T::MaxSubjectAccounts::get() }>) {
		let op = setup_operator::<T>();
		let accounts: vec::Vec<T::AccountId> = (0..a).map(|i| account("subject", i, 1)).collect();
		let bounded = SubjectAccountsOf::<T>::try_from(accounts).unwrap_or_default();
		#[extrinsic_call]
		_(RawOrigin::Signed(op), uscc(1), name(), county(), bounded);
		assert!(Subjects::<T>::contains_key(uscc(1)));
	}

	#[benchmark]
	fn add_subject_account() {
		let (op, _, _) = setup_subject::<T>();
		let new: T::AccountId = account("subject", 99, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(op), uscc(0), new.clone());
		assert!(SubjectOf::<T>::contains_key(new));
	}

	#[benchmark]
	fn remove_subject_account() {
		let (op, acc, _) = setup_subject::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(op), uscc(0), acc.clone());
		assert!(!SubjectOf::<T>::contains_key(acc));
	}

	#[benchmark]
	fn record_real_name() {
		let op = setup_operator::<T>();
		let who: T::AccountId = account("person", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(op), who.clone(), [3; 32], PersonKind::Individual);
		assert!(Persons::<T>::contains_key(who));
	}

	#[benchmark]
	fn revoke_real_name() {
		let op = setup_operator::<T>();
		let who: T::AccountId = account("person", 0, 0);
		// Verified by the county, revoked by the city: the enclosing-institution path.
		let _ = Pallet::<T>::insert_person(who.clone(), [3; 32], county(), PersonKind::Individual);
		#[extrinsic_call]
		_(RawOrigin::Signed(op), who.clone());
		assert!(!Persons::<T>::contains_key(who));
	}

	/// Worst case (YX-R §28): the agent is an account of an active service institution.
	#[benchmark]
	fn grant_power_of_attorney() {
		let (_, acc, agent) = setup_subject::<T>();
		let accounts: ServiceAccounts<T::AccountId> =
			vec![agent.clone()].try_into().unwrap_or_default();
		let _ = Pallet::<T>::do_register_service_institution(
			Actor::Province,
			uscc(7),
			name(),
			accounts,
		);
		let expires = T::Clock::today().saturating_add(365);
		#[extrinsic_call]
		_(RawOrigin::Signed(acc), uscc(0), agent.clone(), AgentScope::All, expires, [5; 32]);
		assert!(PowersOfAttorney::<T>::contains_key(uscc(0), agent));
	}

	#[benchmark]
	fn revoke_power_of_attorney() {
		let (_, acc, agent) = setup_subject::<T>();
		let expires = T::Clock::today().saturating_add(365);
		let _ = Pallet::<T>::do_grant_power_of_attorney(
			acc.clone(),
			uscc(0),
			agent.clone(),
			AgentScope::All,
			expires,
			[5; 32],
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(acc), uscc(0), agent.clone());
		assert!(!PowersOfAttorney::<T>::contains_key(uscc(0), agent));
	}

	/// YX-R §25: a real-name person lodges a complaint (the longest origin path: the authority
	/// origin and both authority maps miss before the real-name check), with open complaints.
	#[benchmark]
	fn lodge_complaint() {
		setup_county::<T>();
		let who: T::AccountId = account("complainant", 0, 0);
		let _ = Pallet::<T>::insert_person(who.clone(), [3; 32], city(), PersonKind::Individual);
		let _ =
			Pallet::<T>::do_lodge_complaint(Complainant::RealName(who.clone()), county(), [1; 32]);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), county(), [2; 32]);
		assert_eq!(OpenComplaints::<T>::get(who), Some(2));
	}

	/// YX-R §25: the city authority refers a complaint about a county institution.
	#[benchmark]
	fn refer_complaint() {
		let ca = setup_county::<T>();
		let who: T::AccountId = account("complainant", 0, 0);
		let _ = Pallet::<T>::insert_person(who.clone(), [3; 32], city(), PersonKind::Individual);
		let _ = Pallet::<T>::do_lodge_complaint(Complainant::RealName(who), county(), [1; 32]);
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), 0, ComplaintReferral::Institution);
		assert_eq!(InstitutionComplaints::<T>::get(county(), 0), Some(ComplaintStatus::Referred));
	}

	/// YX-R §25: the city authority upholds a referred real-name complaint.
	#[benchmark]
	fn decide_complaint() {
		let ca = setup_county::<T>();
		let who: T::AccountId = account("complainant", 0, 0);
		let _ = Pallet::<T>::insert_person(who.clone(), [3; 32], city(), PersonKind::Individual);
		let _ =
			Pallet::<T>::do_lodge_complaint(Complainant::RealName(who.clone()), county(), [1; 32]);
		if let Some(c) = Complaints::<T>::get(0) {
			let _ = Pallet::<T>::do_refer_complaint(
				Actor::Province,
				0,
				c,
				ComplaintReferral::IndustryRegulator,
			);
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), 0, ComplaintOutcome::Upheld, [4; 32]);
		assert_eq!(InstitutionComplaints::<T>::get(county(), 0), Some(ComplaintStatus::Upheld));
		assert_eq!(OpenComplaints::<T>::get(who), None);
	}

	/// YX-R §28: a city authority registers a service institution with a full account list.
	#[benchmark]
	fn register_service_institution() {
		let ca = setup_city::<T>();
		let accounts: ServiceAccounts<T::AccountId> = (0..MAX_SERVICE_ACCOUNTS)
			.map(|i| account("service", i, 0))
			.collect::<vec::Vec<_>>()
			.try_into()
			.unwrap_or_default();
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), uscc(7), name(), accounts);
		assert!(ServiceInstitutions::<T>::contains_key(uscc(7)));
	}

	/// YX-R §28: the registering city authority suspends it for a false record.
	#[benchmark]
	fn suspend_service_institution() {
		let ca = setup_service::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), uscc(7), Some(ServiceMisconduct::FalseRecord), [6; 32]);
		assert!(ServiceInstitutions::<T>::get(uscc(7))
			.is_some_and(|r| r.status == ServiceInstitutionStatus::Suspended));
	}

	#[benchmark]
	fn reinstate_service_institution() {
		let ca = setup_service::<T>();
		let _ = Pallet::<T>::do_set_service_status(
			Actor::Province,
			uscc(7),
			ServiceInstitutionStatus::Suspended,
			None,
			[6; 32],
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), uscc(7));
		assert!(ServiceInstitutions::<T>::get(uscc(7))
			.is_some_and(|r| r.status == ServiceInstitutionStatus::Active));
	}

	/// YX-R §28: removal releases a full account list.
	#[benchmark]
	fn remove_service_institution() {
		let ca = setup_service::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), uscc(7), Some(ServiceMisconduct::InformationLeak), [6; 32]);
		assert!(ServiceAccountOf::<T>::iter_keys().next().is_none());
	}

	/// The allow-list check of the transaction extension: worst case is a validator (every
	/// participant lookup misses until the last) plus the rate-limit counter update.
	#[benchmark]
	fn check_participant() {
		setup_county::<T>();
		let v: T::AccountId = account("validator", 0, 0);
		let _ = Pallet::<T>::do_set_validator(county(), Some(v.clone()));
		#[block]
		{
			assert!(Pallet::<T>::may_transact(&v));
			let _ = extension::CheckParticipant::<T>::count_transaction(&v);
		}
	}

	/// YX-R §7 ¶2 / YN-D §45 ¶2: the county path by the city authority (the most reads: the
	/// county-authority miss, the city authority, the county's authority count).
	#[benchmark]
	fn file_institution() {
		let ca = setup_city::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(ca), county(), name(), [2; 32], [9; 32]);
		assert!(Filings::<T>::get(county()).is_some_and(|f| f.reference == Some([9; 32])));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

/// The SM2 public key of the secret `[b; 32]` (in range for every `b` in 1..=255).
pub fn bench_sm2_key(b: u8) -> dengji_primitives::Sm2Public {
	dengji_primitives::sm2::public_from_secret(&[b; 32]).unwrap_or([0; 65])
}

impl<T: Config> Pallet<T> {
	/// Benchmark set-up for pallets that need an active institution (`pallet-certificate`'s
	/// `BenchmarkHelper`, in the runtime and in test runtimes): registers `id` with signing key
	/// `key`, or rotates an existing institution's key to `key`, and adds `operator`. Refusals are
	/// ignored: what is already in place stays.
	pub fn benchmark_institution(id: DivisionCode, key: Ed25519Public, operator: &T::AccountId) {
		if Institutions::<T>::get(id).is_none() {
			let name = BoundedName::truncate_from(b"Benchmark institution".to_vec());
			let _ = Self::do_register_institution(id, name, key);
		} else {
			let _ = Self::do_rotate_signing_key(id, key);
		}
		let _ = Self::do_add_operator(id, operator.clone());
	}

	/// Benchmark setup for other pallets: makes `key` the current SM2 key of `id` (rotating any
	/// earlier one). Refusals are ignored: what is already in place stays.
	pub fn benchmark_sm2_key(id: DivisionCode, key: dengji_primitives::Sm2Public) {
		let _ = Self::do_set_sm2_key(id, key);
	}
}

//! The ledger against the real `pallet-calendar` (`Clock`) and `pallet-institutions`
//! (`Directory`): operators, signing-key rotation, suspension, takeover after disqualification
//! (docs/spec/DESIGN.md §7; YX-R §26, §27; Q17), and validity on an accelerated dev-chain clock.

use crate::{self as pallet_certificate, Error};
use dengji_primitives::{
	calendar::ChainClock,
	certificate::{CertificateBody, CertificateStatus, RevocationGround},
	traits::{CertificateLedger, Directory, DraftRequest},
	DivisionCode, Ed25519Public,
};
use ed25519_dalek::{Signer, SigningKey};
use frame_support::{
	assert_noop, assert_ok, derive_impl,
	traits::{ConstU16, ConstU32, ConstU8, Nothing},
};
use pallet_institutions::GenesisInstitution;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Real>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Real;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Calendar = pallet_calendar;
	#[runtime::pallet_index(3)]
	pub type Institutions = pallet_institutions;
	#[runtime::pallet_index(4)]
	pub type Certificate = pallet_certificate;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Real {
	type Block = Block;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Real {}

impl pallet_calendar::Config for Real {
	type Time = Timestamp;
	type AuthorityOrigin = frame_system::EnsureRoot<u64>;
	type MaxDaysPerYear = ConstU32<64>;
	type WeightInfo = ();
}

impl pallet_institutions::Config for Real {
	type AuthorityOrigin = frame_system::EnsureRoot<u64>;
	type Clock = Calendar;
	type NodeAllowList = ();
	type ExtraParticipants = Nothing;
	type MaxInstitutions = ConstU32<8>;
	type MaxOperators = ConstU32<3>;
	type MaxSubjectAccounts = ConstU32<2>;
	type MaxAgentsPerSubject = ConstU32<2>;
	type MaxTransactionsPerBlock = ConstU32<100>;
	type WeightInfo = ();
}

impl pallet_certificate::Config for Real {
	type Clock = Calendar;
	type Directory = Institutions;
	type ValidityYears = ConstU16<3>;
	type RenewalWindowDays = ConstU32<60>;
	type MaxRenewalYears = ConstU8<3>;
	type MaxExpiriesPerDay = ConstU32<16>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = RealHelper;
}

/// Benchmark setup through the real institutions pallet.
#[cfg(feature = "runtime-benchmarks")]
pub struct RealHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for RealHelper {
	fn setup_institution(id: DivisionCode, key: [u8; 32], operator: &u64) {
		let _ = Institutions::register_institution(
			RuntimeOrigin::root(),
			id,
			dengji_primitives::BoundedName::truncate_from(b"bench".to_vec()),
			key,
		);
		let _ = Institutions::rotate_signing_key(RuntimeOrigin::root(), id, key);
		let _ = Institutions::add_operator(RuntimeOrigin::root(), id, *operator);
	}
	fn set_now(now: u64) {
		pallet_timestamp::Now::<Real>::put(now);
	}
}

const CITY_OP: u64 = 10;
const COUNTY_OP: u64 = 20;

fn city() -> DivisionCode {
	DivisionCode::new(530400).unwrap()
}
fn county() -> DivisionCode {
	DivisionCode::new(530402).unwrap()
}
fn key(n: u8) -> SigningKey {
	SigningKey::from_bytes(&[n; 32])
}
fn public(n: u8) -> Ed25519Public {
	key(n).verifying_key().to_bytes()
}

fn institution(division: DivisionCode, seed: u8, operator: u64) -> GenesisInstitution<u64> {
	GenesisInstitution {
		division,
		name: b"institution".to_vec(),
		signing_key: public(seed),
		validator: None,
		peer_id: None,
		operators: vec![operator],
	}
}

/// 10:00 Asia/Shanghai on 2026-03-10.
fn start() -> u64 {
	ChainClock::SHANGHAI.day_start_ms(crate::mock::day(2026, 3, 10)) + 36_000_000
}

fn new_ext(day_length_ms: u64) -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		calendar: pallet_calendar::GenesisConfig { day_length_ms, ..Default::default() },
		institutions: pallet_institutions::GenesisConfig {
			institutions: vec![
				institution(city(), 1, CITY_OP),
				institution(county(), 2, COUNTY_OP),
			],
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Real>::put(start());
		<Calendar as frame_support::traits::Hooks<u64>>::on_finalize(1);
	});
	ext
}

fn execute(test: impl FnOnce()) {
	new_ext(dengji_primitives::calendar::DAY_MS).execute_with(|| {
		test();
		assert_ok!(Certificate::do_try_state());
	});
}

fn request(registration: u64, issuer: DivisionCode) -> DraftRequest {
	let mut req = crate::mock::request(registration, issuer);
	req.issuer = issuer;
	req
}

fn sign(body: &CertificateBody, seed: u8) -> [u8; 64] {
	let genesis = Certificate::genesis_hash().unwrap();
	key(seed).sign(&body.signing_payload(&genesis)).to_bytes()
}

/// docs/spec/DESIGN.md §7: the institution's key registered in `Institutions` signs; its operators issue.
#[test]
fn issue_with_institution_key_and_operator_succeeds() {
	execute(|| {
		let body = Certificate::draft(request(1, city())).unwrap();
		assert_eq!(body.issuer_key, public(1));
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(COUNTY_OP), body.code, sign(&body, 1)),
			Error::<Real>::NotOperator
		);
		assert_ok!(Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, 1)));
		assert_eq!(
			Certificate::certificate(&body.code).map(|r| r.status),
			Some(CertificateStatus::Valid)
		);
	});
}

/// docs/spec/DESIGN.md §7: after the authority rotates the key, a draft with the old key is refused until
/// re-keyed; certificates signed with the retired key remain verifiable (`has_signing_key`).
#[test]
fn key_rotation_requires_rekeyed_draft_and_keeps_old_certificates_verifiable() {
	execute(|| {
		let old = Certificate::draft(request(1, city())).unwrap();
		assert_ok!(Certificate::issue(RuntimeOrigin::signed(CITY_OP), old.code, sign(&old, 1)));
		let body = Certificate::draft(request(2, city())).unwrap();
		assert_ok!(Institutions::rotate_signing_key(RuntimeOrigin::root(), city(), public(5)));
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, 1)),
			Error::<Real>::IssuerKeyChanged
		);
		assert_ok!(Certificate::rekey_draft(RuntimeOrigin::signed(CITY_OP), body.code));
		let rekeyed = crate::Drafts::<Real>::get(body.code).unwrap();
		assert_ok!(Certificate::issue(
			RuntimeOrigin::signed(CITY_OP),
			body.code,
			sign(&rekeyed, 5)
		));
		let record = Institutions::institution(city()).unwrap();
		assert!(record.has_signing_key(&old.issuer_key));
	});
}

/// YX-R §26: a suspended institution neither issues nor revokes.
#[test]
fn suspended_institution_cannot_issue() {
	execute(|| {
		let body = Certificate::draft(request(1, city())).unwrap();
		assert_ok!(Institutions::suspend_institution(RuntimeOrigin::root(), city()));
		assert_noop!(
			Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, 1)),
			Error::<Real>::InstitutionNotActive
		);
	});
}

/// Q17, YX-R §27: after a county institution is disqualified and its cases transferred to the
/// city, the city's operators revoke its certificates, which otherwise stay valid.
#[test]
fn revoke_after_cases_transferred_by_takeover_institution() {
	execute(|| {
		let body = Certificate::draft(request(1, county())).unwrap();
		assert_ok!(Certificate::issue(RuntimeOrigin::signed(COUNTY_OP), body.code, sign(&body, 2)));
		assert_ok!(Institutions::disqualify_institution(RuntimeOrigin::root(), county()));
		assert_ok!(Institutions::transfer_cases(RuntimeOrigin::root(), county(), city()));
		assert_eq!(
			Certificate::certificate(&body.code).map(|r| r.status),
			Some(CertificateStatus::Valid)
		);
		assert_noop!(
			Certificate::revoke(
				RuntimeOrigin::signed(COUNTY_OP),
				body.code,
				RevocationGround::FalseMaterials,
				[1; 32]
			),
			Error::<Real>::NotOperator
		);
		assert_ok!(Certificate::revoke(
			RuntimeOrigin::signed(CITY_OP),
			body.code,
			RevocationGround::FalseMaterials,
			[1; 32]
		));
	});
}

/// YX-R §23 ¶1 on a dev chain (docs/spec/DESIGN.md §9): with 6-second days, "3 years" is the same number
/// of (short) days, starting from the real date at the first block; expiry then works as usual.
#[test]
fn validity_on_accelerated_clock_counts_short_days() {
	new_ext(6_000).execute_with(|| {
		let body = Certificate::draft(request(1, city())).unwrap();
		assert_eq!(body.issued_on, crate::mock::day(2026, 3, 10));
		let days = u64::from(crate::mock::day(2029, 3, 10) - crate::mock::day(2026, 3, 10));
		assert_eq!(body.valid_until, start() + days * 6_000 - 1);
		assert_ok!(Certificate::issue(RuntimeOrigin::signed(CITY_OP), body.code, sign(&body, 1)));
		pallet_timestamp::Now::<Real>::put(body.valid_until);
		assert_noop!(
			Certificate::expire(RuntimeOrigin::signed(CITY_OP), body.code),
			Error::<Real>::NotExpired
		);
		pallet_timestamp::Now::<Real>::put(body.valid_until + 1);
		assert_ok!(Certificate::expire(RuntimeOrigin::signed(CITY_OP), body.code));
		assert_ok!(Certificate::do_try_state());
	});
}

//! The ledger against the real `pallet-calendar` (`Clock`) and `pallet-institutions`
//! (`Directory`): operators, signing-key rotation, suspension, takeover after disqualification
//! (docs/spec/DESIGN.md §7; YX-R §26, §27; Q17), and validity on an accelerated dev-chain clock.

use crate::{
	self as pallet_certificate,
	mock::{city, county, key, public, CITY_OP, COUNTY_OP},
	Error,
};
use dengji_primitives::{
	calendar::ChainClock,
	certificate::{CertificateBody, CertificateStatus, RevocationGround},
	traits::{CertificateLedger, Directory, DraftRequest},
	DivisionCode,
};
use ed25519_dalek::Signer;
use frame_support::{
	assert_noop, assert_ok, derive_impl,
	traits::{ConstU16, ConstU32, ConstU8},
};
use pallet_institutions::GenesisInstitution;
use sp_runtime::BuildStorage;

pallet_calendar::mock_runtime!(Real {
	2: Calendar = pallet_calendar,
	3: Institutions = pallet_institutions,
	4: Certificate = pallet_certificate,
});

#[derive_impl(pallet_calendar::mock::TestDefaultConfig)]
impl pallet_calendar::Config for Real {
	type Time = Timestamp;
}

#[derive_impl(pallet_institutions::mock::TestDefaultConfig)]
impl pallet_institutions::Config for Real {
	type Clock = Calendar;
	type MaxInstitutions = ConstU32<8>;
}

impl pallet_certificate::Config for Real {
	type Clock = Calendar;
	type Directory = Institutions;
	type ValidityYears = ConstU16<3>;
	type RenewalWindowDays = ConstU32<60>;
	type MaxRenewalYears = ConstU8<3>;
	type MaxExpiriesPerDay = ConstU32<16>;
	type OnCertificateEnded = ();
	type AuthorityOrigin = frame_system::EnsureRoot<u64>;
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
		Institutions::benchmark_institution(id, key, operator);
	}
	fn set_now(now: u64) {
		pallet_timestamp::Now::<Real>::put(now);
	}
	fn setup_sm2_key(id: DivisionCode, key: dengji_primitives::Sm2Public) {
		Institutions::benchmark_sm2_key(id, key);
	}
}

fn institution(division: DivisionCode, seed: u8, operator: u64) -> GenesisInstitution<u64> {
	GenesisInstitution {
		division,
		name: b"institution".to_vec(),
		signing_key: public(seed),
		sm2_key: None,
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

//! Mock runtime: `frame_system`, `pallet_timestamp` and this pallet, with small test doubles for
//! `Clock` (Asia/Shanghai days over `pallet_timestamp::Now`) and `Directory` (institutions,
//! operators and signing keys held in thread-local maps).

use crate as pallet_certificate;
use core::cell::RefCell;
use dengji_primitives::{
	calendar::{self, ChainClock, DayIndex, Deadline, HolidayCalendar},
	certificate::{CertificateBody, IssuingAct, ObjectKind},
	code::CertificateCode,
	institution::{InstitutionRecord, InstitutionStatus},
	traits::{
		AccessError, AgentScope, CertificateEnd, CertificateLedger, Clock, Directory, DraftRequest,
		OnCertificateEnded, SubjectInfo, Validity,
	},
	uscc::Uscc,
	BoundedName, DivisionCode, Ed25519Public, Moment, RegistrationId, Sm2Public, Sm2Signature,
};
use ed25519_dalek::{Signer, SigningKey};
use frame_support::{
	assert_ok, parameter_types,
	traits::{ConstU16, ConstU32, ConstU8, Hooks},
	weights::Weight,
};
use sp_runtime::BuildStorage;
use std::collections::BTreeMap;

pub type AccountId = u64;

pallet_calendar::mock_runtime!(Test { 2: Certificate = pallet_certificate });

parameter_types! {
	pub static MaxExpiries: u32 = 4;
}

impl pallet_certificate::Config for Test {
	type Clock = MockClock;
	type Directory = MockDirectory;
	type ValidityYears = ConstU16<3>;
	type RenewalWindowDays = ConstU32<60>;
	type MaxRenewalYears = ConstU8<3>;
	type MaxExpiriesPerDay = MaxExpiries;
	type OnCertificateEnded = EndedLog;
	type AuthorityOrigin = frame_system::EnsureRoot<AccountId>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockDirectory;
}

/// Monday–Friday calendar without holidays (the real calendar lives in `pallet-calendar`).
struct Weekdays;
impl HolidayCalendar for Weekdays {
	fn year_loaded(&self, _year: u16) -> bool {
		true
	}
	fn is_holiday(&self, _day: DayIndex) -> bool {
		false
	}
	fn is_makeup_workday(&self, _day: DayIndex) -> bool {
		false
	}
}

/// `Clock` double: real Asia/Shanghai days over `pallet_timestamp::Now` of runtime `R`.
pub struct TimestampClock<R>(core::marker::PhantomData<R>);
impl<R: pallet_timestamp::Config<Moment = Moment>> Clock for TimestampClock<R> {
	fn now() -> Moment {
		pallet_timestamp::Now::<R>::get()
	}
	fn chain_clock() -> ChainClock {
		ChainClock::SHANGHAI
	}
	fn is_working_day(day: DayIndex) -> bool {
		calendar::is_working_day(&Weekdays, day)
	}
	fn add_working_days(trigger: DayIndex, n: u32) -> Deadline {
		calendar::add_working_days(&Weekdays, trigger, n)
	}
}
/// The clock of this mock.
pub type MockClock = TimestampClock<Test>;

thread_local! {
	static ENDED: RefCell<Vec<(RegistrationId, CertificateCode, CertificateEnd)>> =
		const { RefCell::new(Vec::new()) };
	static INSTITUTIONS: RefCell<BTreeMap<DivisionCode, InstitutionRecord<AccountId>>> =
		const { RefCell::new(BTreeMap::new()) };
	static OPERATORS: RefCell<BTreeMap<AccountId, DivisionCode>> = const { RefCell::new(BTreeMap::new()) };
}

/// `Directory` double.
pub struct MockDirectory;
impl MockDirectory {
	/// Adds or replaces an active institution with `key` and one operator.
	pub fn add_institution(id: DivisionCode, key: Ed25519Public, operator: AccountId) {
		let record = InstitutionRecord {
			division: id,
			name: BoundedName::truncate_from(b"institution".to_vec()),
			status: InstitutionStatus::Active,
			signing_key: key,
			retired_keys: Default::default(),
			filed_at: None,
			taken_over_by: None,
			validator: None,
			peer_id: None,
			sm2_key: None,
			retired_sm2_keys: Default::default(),
		};
		INSTITUTIONS.with(|i| i.borrow_mut().insert(id, record));
		OPERATORS.with(|o| o.borrow_mut().insert(operator, id));
	}
	/// Changes an institution's record.
	pub fn update(id: DivisionCode, f: impl FnOnce(&mut InstitutionRecord<AccountId>)) {
		INSTITUTIONS.with(|i| {
			if let Some(r) = i.borrow_mut().get_mut(&id) {
				f(r)
			}
		});
	}
	/// Rotates an institution's signing key, retiring the old one.
	pub fn rotate_key(id: DivisionCode, key: Ed25519Public) {
		Self::update(id, |r| {
			let old = r.signing_key;
			let _ = r.retired_keys.try_push(old);
			r.signing_key = key;
		});
	}
	/// Sets an institution's SM2 key, retiring the old one (as `Institutions::set_sm2_key`).
	pub fn set_sm2_key(id: DivisionCode, key: Sm2Public) {
		Self::update(id, |r| {
			if let Some(old) = r.sm2_key.replace(key) {
				let _ = r.retired_sm2_keys.try_push(old);
			}
		});
	}
	/// Removes an institution (e.g. a wrongly created one).
	pub fn remove(id: DivisionCode) {
		INSTITUTIONS.with(|i| i.borrow_mut().remove(&id));
	}
	fn clear() {
		INSTITUTIONS.with(|i| i.borrow_mut().clear());
		OPERATORS.with(|o| o.borrow_mut().clear());
		ENDED.with(|e| e.borrow_mut().clear());
	}
}

impl Directory<AccountId> for MockDirectory {
	fn institution(id: DivisionCode) -> Option<InstitutionRecord<AccountId>> {
		INSTITUTIONS.with(|i| i.borrow().get(&id).cloned())
	}
	fn responsible_institution(id: DivisionCode) -> DivisionCode {
		Self::institution(id).and_then(|r| r.taken_over_by).unwrap_or(id)
	}
	fn ensure_operator(who: &AccountId, id: DivisionCode) -> Result<(), AccessError> {
		let responsible = Self::responsible_institution(id);
		let record = Self::institution(responsible).ok_or(AccessError::UnknownInstitution)?;
		if record.status != InstitutionStatus::Active {
			return Err(AccessError::InstitutionNotActive);
		}
		match OPERATORS.with(|o| o.borrow().get(who).copied()) {
			Some(of) if of == responsible => Ok(()),
			_ => Err(AccessError::NotOperator),
		}
	}
	fn subject(_uscc: &Uscc) -> Option<SubjectInfo> {
		None
	}
	fn may_act_for(
		_who: &AccountId,
		_subject: &Uscc,
		_scope: AgentScope,
		_today: DayIndex,
	) -> bool {
		false
	}
	fn is_real_name(_who: &AccountId) -> bool {
		true
	}
	fn is_participant(_who: &AccountId) -> bool {
		true
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockDirectory {
	fn setup_institution(id: DivisionCode, key: [u8; 32], operator: &AccountId) {
		Self::add_institution(id, key, *operator);
	}
	fn set_now(now: Moment) {
		pallet_timestamp::Now::<Test>::put(now);
	}
	fn setup_sm2_key(id: DivisionCode, key: Sm2Public) {
		Self::set_sm2_key(id, key);
	}
}

/// Yuxi city institution (玉溪市), key seed 1, operator account [`CITY_OP`].
pub fn city() -> DivisionCode {
	DivisionCode::new(530400).unwrap()
}
/// Hongta district institution (红塔区), key seed 2, operator account [`COUNTY_OP`].
pub fn county() -> DivisionCode {
	DivisionCode::new(530402).unwrap()
}
pub const CITY_OP: AccountId = 10;
pub const COUNTY_OP: AccountId = 20;
/// A participant operating no institution.
pub const STRANGER: AccountId = 99;

/// The signing key with seed `[n; 32]`.
pub fn key(n: u8) -> SigningKey {
	SigningKey::from_bytes(&[n; 32])
}
/// Its public key.
pub fn public(n: u8) -> Ed25519Public {
	key(n).verifying_key().to_bytes()
}

/// Day index of a civil date.
pub use pallet_calendar::mock::date as day;

/// Sets chain time.
pub fn set_now(now: Moment) {
	pallet_timestamp::Now::<Test>::put(now);
}
/// Sets chain time to 10:00 Asia/Shanghai on `day`.
pub fn set_day(day: DayIndex) {
	set_now(ChainClock::SHANGHAI.day_start_ms(day) + 10 * 3_600_000);
}
/// Sets chain time to 10:00 Asia/Shanghai on `y-m-d`.
pub fn set_date(y: u16, m: u8, d: u8) {
	set_day(day(y, m, d));
}
/// Moves to 10:00 on `day` and runs `on_idle` with `weight`, returning the weight used.
pub fn run_to_day(day: DayIndex, weight: Weight) -> Weight {
	set_day(day);
	let n = System::block_number() + 1;
	System::set_block_number(n);
	Certificate::on_idle(n, weight)
}
/// The last instant of `day`.
pub fn end_of(day: DayIndex) -> Moment {
	ChainClock::SHANGHAI.day_end_ms(day)
}

/// A first-registration request for a data resource issued by `issuer`.
pub fn request(registration: RegistrationId, issuer: DivisionCode) -> DraftRequest {
	DraftRequest {
		registration,
		act: IssuingAct::FirstTime,
		object: ObjectKind::DataResource,
		subject: subject(),
		subject_name: BoundedName::truncate_from("玉溪数据公司".as_bytes().to_vec()),
		data_name: BoundedName::truncate_from("公共交通客流数据".as_bytes().to_vec()),
		content_digest: [7; 32],
		issuer,
		previous: None,
		validity: Validity::Fresh { ao_term_end: None },
	}
}

/// A valid USCC of a Yuxi legal person.
pub fn subject() -> Uscc {
	let mut raw = *b"91530400MA6K00000?";
	raw[17] = Uscc::check_character(&raw[..17]).unwrap();
	Uscc::from_bytes(&raw).unwrap()
}

/// A change/correction/renewal request superseding `previous`.
pub fn follow_up(previous: CertificateCode, act: IssuingAct, validity: Validity) -> DraftRequest {
	let prev = Certificate::certificate(&previous).unwrap();
	let mut req = request(prev.body.registration, prev.body.issuer);
	req.act = act;
	req.object = prev.body.object;
	req.previous = Some(previous);
	req.validity = validity;
	req
}

/// Signs `body` for this chain with key seed `n`.
pub fn sign(body: &CertificateBody, n: u8) -> [u8; 64] {
	let genesis = Certificate::genesis_hash().unwrap();
	key(n).sign(&body.signing_payload(&genesis)).to_bytes()
}

/// The SM2 secret key with seed `n` (`[n; 32]`, in range for every `n` > 0).
pub fn sm2_secret(n: u8) -> [u8; 32] {
	[n; 32]
}
/// Its SM2 public key (uncompressed SEC1).
pub fn sm2_public(n: u8) -> Sm2Public {
	dengji_primitives::sm2::public_from_secret(&sm2_secret(n)).unwrap()
}
/// SM2-co-signs `body` for this chain with SM2 key seed `n` (default distinguishing ID).
pub fn sm2_sign(body: &CertificateBody, n: u8) -> Sm2Signature {
	let genesis = Certificate::genesis_hash().unwrap();
	dengji_primitives::sm2::sign(&sm2_secret(n), &body.signing_payload(&genesis)).unwrap()
}

/// Drafts `req`.
pub fn draft(req: DraftRequest) -> CertificateBody {
	Certificate::draft(req).unwrap()
}

/// The key seed and operator of an issuer of the mock.
pub fn issuer_credentials(issuer: DivisionCode) -> (u8, AccountId) {
	if issuer == county() {
		(2, COUNTY_OP)
	} else {
		(1, CITY_OP)
	}
}

/// Drafts `req` and issues it with the issuer's key and operator.
pub fn draft_and_issue(req: DraftRequest) -> CertificateCode {
	let (seed, op) = issuer_credentials(req.issuer);
	let body = draft(req);
	assert_ok!(Certificate::issue(RuntimeOrigin::signed(op), body.code, sign(&body, seed)));
	body.code
}

/// Issues a first certificate of `registration` by the city institution.
pub fn issue_default(registration: RegistrationId) -> CertificateCode {
	draft_and_issue(request(registration, city()))
}

pub struct ExtBuilder {
	max_expiries: u32,
	start: (u16, u8, u8),
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { max_expiries: 4, start: (2026, 3, 10) }
	}
}

impl ExtBuilder {
	/// Sets `MaxExpiriesPerDay`.
	pub fn max_expiries(mut self, n: u32) -> Self {
		self.max_expiries = n;
		self
	}
	/// Sets the starting date (10:00 Asia/Shanghai).
	pub fn start(mut self, y: u16, m: u8, d: u8) -> Self {
		self.start = (y, m, d);
		self
	}
	pub fn build(self) -> sp_io::TestExternalities {
		MaxExpiries::set(self.max_expiries);
		MockDirectory::clear();
		MockDirectory::add_institution(city(), public(1), CITY_OP);
		MockDirectory::add_institution(county(), public(2), COUNTY_OP);
		let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		let (y, m, d) = self.start;
		ext.execute_with(|| {
			System::set_block_number(1);
			set_date(y, m, d);
		});
		ext
	}

	/// Builds, runs `test`, then checks the `try_state` invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			assert_ok!(Certificate::do_try_state());
		});
	}
}

/// For `impl_benchmark_test_suite!`.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder::default().build()
}

/// Records what the ledger told the registration side (YX-R §27, §23 ¶2).
pub struct EndedLog;

impl OnCertificateEnded for EndedLog {
	fn on_certificate_ended(
		registration: RegistrationId,
		code: &CertificateCode,
		end: CertificateEnd,
	) {
		ENDED.with(|e| e.borrow_mut().push((registration, *code, end)));
	}
}

impl EndedLog {
	/// What was told so far, in order.
	pub fn take() -> Vec<(RegistrationId, CertificateCode, CertificateEnd)> {
		ENDED.with(|e| core::mem::take(&mut *e.borrow_mut()))
	}
}

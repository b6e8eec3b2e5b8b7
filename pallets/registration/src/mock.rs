//! Mock runtime: `frame_system`, `pallet_timestamp` and this pallet. `Clock` runs the official
//! 2025/2026 State Council calendar (`shared/spec/calendar/cn-holidays.json`) over
//! `pallet_timestamp::Now` in Asia/Shanghai days; `Directory` and `CertificateLedger` are small
//! thread-local doubles with the semantics of `pallet-institutions` and `pallet-certificate`.

use crate as pallet_registration;
use crate::BasicInfoInput;
use core::cell::RefCell;
use dengji_primitives::{
	calendar::{self, ChainClock, Date, DayIndex, Deadline, HolidayCalendar, DAY_MS},
	certificate::{CancelReason, CertificateBody, CertificateRecord, CertificateStatus},
	code::CertificateCode,
	institution::{InstitutionRecord, InstitutionStatus},
	traits::{
		AccessError, AgentScope, CertificateLedger, Clock, Directory, DraftRequest, LedgerError,
		SubjectInfo, Validity,
	},
	uscc::Uscc,
	ApplicationId, BoundedName, DivisionCode, Moment, ObjectKind,
};
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{ConstU16, ConstU32, Hooks},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

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
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Registration = pallet_registration;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

parameter_types! {
	pub static MaxDuePerDay: u32 = 16;
	pub static MaxObjections: u32 = 4;
	pub static MaxRegistrationsPerAgreement: u32 = 8;
}

impl pallet_registration::Config for Test {
	type Clock = MockClock;
	type Directory = MockDirectory;
	type Ledger = MockLedger;
	type AuthorityOrigin = EnsureRoot<AccountId>;
	type AcceptanceWorkingDays = ConstU32<3>;
	type ReviewWorkingDays = ConstU32<20>;
	type SupplementWorkingDays = ConstU32<10>;
	type PublicityWorkingDays = ConstU32<10>;
	type ForwardWorkingDays = ConstU32<3>;
	type RebuttalWorkingDays = ConstU32<10>;
	type CancellationWorkingDays = ConstU32<10>;
	type MaxAgreementYears = ConstU16<5>;
	type MaxSummaryLen = ConstU32<512>;
	type MaxMaterials = ConstU32<8>;
	type MaxObjections = MaxObjections;
	type MaxRegistrationsPerAgreement = MaxRegistrationsPerAgreement;
	type MaxDuePerDay = MaxDuePerDay;
	type MaxDueSpillDays = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockDirectory;
}

// ---------------------------------------------------------------------------------------------
// Calendar: the official 2025 and 2026 holidays and make-up workdays.

const HOLIDAYS: &[(u16, u8, u8)] = &[
	(2025, 1, 1),
	(2025, 1, 28),
	(2025, 1, 29),
	(2025, 1, 30),
	(2025, 1, 31),
	(2025, 2, 1),
	(2025, 2, 2),
	(2025, 2, 3),
	(2025, 2, 4),
	(2025, 4, 4),
	(2025, 4, 5),
	(2025, 4, 6),
	(2025, 5, 1),
	(2025, 5, 2),
	(2025, 5, 3),
	(2025, 5, 4),
	(2025, 5, 5),
	(2025, 5, 31),
	(2025, 6, 1),
	(2025, 6, 2),
	(2025, 10, 1),
	(2025, 10, 2),
	(2025, 10, 3),
	(2025, 10, 4),
	(2025, 10, 5),
	(2025, 10, 6),
	(2025, 10, 7),
	(2025, 10, 8),
	(2026, 1, 1),
	(2026, 1, 2),
	(2026, 1, 3),
	(2026, 2, 15),
	(2026, 2, 16),
	(2026, 2, 17),
	(2026, 2, 18),
	(2026, 2, 19),
	(2026, 2, 20),
	(2026, 2, 21),
	(2026, 2, 22),
	(2026, 2, 23),
	(2026, 4, 4),
	(2026, 4, 5),
	(2026, 4, 6),
	(2026, 5, 1),
	(2026, 5, 2),
	(2026, 5, 3),
	(2026, 5, 4),
	(2026, 5, 5),
	(2026, 6, 19),
	(2026, 6, 20),
	(2026, 6, 21),
	(2026, 9, 25),
	(2026, 9, 26),
	(2026, 9, 27),
	(2026, 10, 1),
	(2026, 10, 2),
	(2026, 10, 3),
	(2026, 10, 4),
	(2026, 10, 5),
	(2026, 10, 6),
	(2026, 10, 7),
];
const MAKEUP_WORKDAYS: &[(u16, u8, u8)] = &[
	(2025, 1, 26),
	(2025, 2, 8),
	(2025, 4, 27),
	(2025, 9, 28),
	(2025, 10, 11),
	(2026, 1, 4),
	(2026, 2, 14),
	(2026, 2, 28),
	(2026, 5, 9),
	(2026, 9, 20),
	(2026, 10, 10),
];

/// The calendar years loaded in the mock.
struct Official;
impl HolidayCalendar for Official {
	fn year_loaded(&self, year: u16) -> bool {
		year == 2025 || year == 2026
	}
	fn is_holiday(&self, day: DayIndex) -> bool {
		HOLIDAYS.iter().any(|&(y, m, d)| date(y, m, d) == day)
	}
	fn is_makeup_workday(&self, day: DayIndex) -> bool {
		MAKEUP_WORKDAYS
			.iter()
			.any(|&(y, m, d)| date(y, m, d) == day)
	}
}

/// `Clock`: Asia/Shanghai days over `pallet_timestamp::Now`, official calendar.
pub struct MockClock;
impl Clock for MockClock {
	fn now() -> Moment {
		pallet_timestamp::Now::<Test>::get()
	}
	fn chain_clock() -> ChainClock {
		ChainClock::SHANGHAI
	}
	fn is_working_day(day: DayIndex) -> bool {
		calendar::is_working_day(&Official, day)
	}
	fn add_working_days(trigger: DayIndex, n: u32) -> Deadline {
		calendar::add_working_days(&Official, trigger, n)
	}
}

/// Day index of a civil date.
pub fn date(y: u16, m: u8, d: u8) -> DayIndex {
	Date::new(y, m, d).map(|x| x.to_day_index()).unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// Parties.

/// Operator of the Yuxi city institution (530400).
pub const CITY_OPERATOR: AccountId = 1;
/// Operator of the Hongta county institution (530402).
pub const COUNTY_OPERATOR: AccountId = 2;
/// Operator of the Kunming city institution (530100).
pub const KUNMING_OPERATOR: AccountId = 3;
/// The subject's own account (seat in Hongta, 530402).
pub const SUBJECT: AccountId = 10;
/// An agent with a power of attorney to apply.
pub const AGENT: AccountId = 11;
/// An agent with a power of attorney to rebut only.
pub const REBUT_AGENT: AccountId = 12;
/// The account of a second subject seated in Kunming.
pub const KUNMING_SUBJECT: AccountId = 20;
/// Real-name objectors / interested parties.
pub const OBJECTOR: AccountId = 30;
/// A second real-name objector.
pub const OBJECTOR_2: AccountId = 31;
/// A participant without real-name verification.
pub const STRANGER: AccountId = 40;

/// Yuxi city.
pub fn yuxi() -> DivisionCode {
	DivisionCode::new(530400).unwrap_or_else(|_| unreachable!())
}
/// Hongta county (in Yuxi).
pub fn hongta() -> DivisionCode {
	DivisionCode::new(530402).unwrap_or_else(|_| unreachable!())
}
/// Kunming city.
pub fn kunming() -> DivisionCode {
	DivisionCode::new(530100).unwrap_or_else(|_| unreachable!())
}

/// A valid USCC built from 17 characters.
pub fn uscc(first17: &[u8; 17]) -> Uscc {
	let check = Uscc::check_character(first17).expect("charset");
	let mut raw = [0u8; 18];
	raw[..17].copy_from_slice(first17);
	raw[17] = check;
	Uscc::from_bytes(&raw).expect("valid")
}
/// The subject (an operator of authorised operation too).
pub fn subject() -> Uscc {
	uscc(b"12530402MB0000001")
}
/// The Kunming subject.
pub fn kunming_subject() -> Uscc {
	uscc(b"12530100MB0000002")
}

fn name(s: &str) -> BoundedName {
	BoundedName::try_from(s.as_bytes().to_vec()).expect("short")
}

thread_local! {
	static INSTITUTIONS: RefCell<BTreeMap<DivisionCode, InstitutionRecord<AccountId>>> =
		const { RefCell::new(BTreeMap::new()) };
	static OPERATORS: RefCell<BTreeMap<AccountId, DivisionCode>> = const { RefCell::new(BTreeMap::new()) };
	static SUBJECTS: RefCell<BTreeMap<Uscc, (SubjectInfo, AccountId)>> = const { RefCell::new(BTreeMap::new()) };
	static POWERS: RefCell<BTreeMap<(AccountId, Uscc), (AgentScope, DayIndex)>> =
		const { RefCell::new(BTreeMap::new()) };
	static REAL_NAME: RefCell<BTreeSet<AccountId>> = const { RefCell::new(BTreeSet::new()) };
}

/// `Directory` double with the semantics of `pallet-institutions`.
pub struct MockDirectory;
impl MockDirectory {
	/// Adds an active institution with one operator.
	pub fn add_institution(division: DivisionCode, operator: AccountId) {
		INSTITUTIONS.with(|m| {
			m.borrow_mut().insert(
				division,
				InstitutionRecord {
					division,
					name: name("登记机构"),
					status: InstitutionStatus::Active,
					signing_key: [7u8; 32],
					retired_keys: Default::default(),
					filed_at: None,
					taken_over_by: None,
					validator: None,
					peer_id: None,
				},
			)
		});
		OPERATORS.with(|m| m.borrow_mut().insert(operator, division));
	}
	/// Disqualifies `division` and hands its cases to `to` (Q17).
	pub fn take_over(division: DivisionCode, to: DivisionCode) {
		INSTITUTIONS.with(|m| {
			if let Some(r) = m.borrow_mut().get_mut(&division) {
				r.status = InstitutionStatus::Disqualified;
				r.taken_over_by = Some(to);
			}
		});
	}
	/// Adds a subject acting through `account`.
	pub fn add_subject(uscc: Uscc, seat: DivisionCode, account: AccountId) {
		SUBJECTS.with(|m| {
			m.borrow_mut().insert(
				uscc,
				(
					SubjectInfo {
						name: name("玉溪市数据公司"),
						division: seat,
						admitted_by: seat,
					},
					account,
				),
			)
		});
	}
	/// Grants a power of attorney until `until` (inclusive).
	pub fn grant_power(agent: AccountId, subject: Uscc, scope: AgentScope, until: DayIndex) {
		POWERS.with(|m| m.borrow_mut().insert((agent, subject), (scope, until)));
	}
	/// Marks `who` real-name verified.
	pub fn verify_real_name(who: AccountId) {
		REAL_NAME.with(|s| s.borrow_mut().insert(who));
	}
	fn reset() {
		INSTITUTIONS.with(|m| m.borrow_mut().clear());
		OPERATORS.with(|m| m.borrow_mut().clear());
		SUBJECTS.with(|m| m.borrow_mut().clear());
		POWERS.with(|m| m.borrow_mut().clear());
		REAL_NAME.with(|m| m.borrow_mut().clear());
	}
}

impl Directory<AccountId> for MockDirectory {
	fn institution(id: DivisionCode) -> Option<InstitutionRecord<AccountId>> {
		INSTITUTIONS.with(|m| m.borrow().get(&id).cloned())
	}
	fn responsible_institution(id: DivisionCode) -> DivisionCode {
		Self::institution(id)
			.and_then(|r| r.taken_over_by)
			.unwrap_or(id)
	}
	fn ensure_operator(who: &AccountId, id: DivisionCode) -> Result<(), AccessError> {
		let resp = Self::responsible_institution(id);
		let rec = Self::institution(resp).ok_or(AccessError::UnknownInstitution)?;
		if rec.status != InstitutionStatus::Active {
			return Err(AccessError::InstitutionNotActive);
		}
		match OPERATORS.with(|m| m.borrow().get(who).copied()) {
			Some(d) if d == resp => Ok(()),
			_ => Err(AccessError::NotOperator),
		}
	}
	fn subject(uscc: &Uscc) -> Option<SubjectInfo> {
		SUBJECTS.with(|m| m.borrow().get(uscc).map(|(i, _)| i.clone()))
	}
	fn may_act_for(who: &AccountId, subject: &Uscc, scope: AgentScope, today: DayIndex) -> bool {
		if SUBJECTS.with(|m| {
			m.borrow()
				.get(subject)
				.map(|(_, a)| a == who)
				.unwrap_or(false)
		}) {
			return true;
		}
		POWERS.with(|m| {
			m.borrow()
				.get(&(*who, *subject))
				.map(|(s, until)| s.covers(scope) && today <= *until)
				.unwrap_or(false)
		})
	}
	fn is_real_name(who: &AccountId) -> bool {
		REAL_NAME.with(|s| s.borrow().contains(who))
	}
	fn is_participant(_who: &AccountId) -> bool {
		true
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockDirectory {
	fn setup_parties(
		operator: &AccountId,
		subject_account: &AccountId,
		objector: &AccountId,
	) -> (DivisionCode, Uscc) {
		Self::add_institution(yuxi(), *operator);
		Self::add_subject(subject(), hongta(), *subject_account);
		Self::verify_real_name(*objector);
		(yuxi(), subject())
	}
	fn set_day(day: DayIndex) {
		set_time(noon(day));
	}
	fn issue(_code: &CertificateCode) {}
}

// ---------------------------------------------------------------------------------------------
// Certificate ledger double.

thread_local! {
	static LEDGER: RefCell<BTreeMap<CertificateCode, (CertificateRecord, bool)>> =
		const { RefCell::new(BTreeMap::new()) };
	static SERIALS: RefCell<BTreeMap<(DivisionCode, u16), u32>> = const { RefCell::new(BTreeMap::new()) };
}

/// `CertificateLedger` double with the validity rules of YX-R §23 (drafts are issued at once).
pub struct MockLedger;
impl MockLedger {
	/// Record and renewal-pending flag of a certificate.
	pub fn get(code: &CertificateCode) -> Option<(CertificateRecord, bool)> {
		LEDGER.with(|m| m.borrow().get(code).cloned())
	}
	fn end_of_day_after_years(at: Moment, years: u16) -> Moment {
		let clock = ChainClock::SHANGHAI;
		let d = Date::from_day_index(clock.day_at(at))
			.add_years(years)
			.to_day_index();
		clock.day_start_ms(d).saturating_sub(1)
	}
}
impl CertificateLedger for MockLedger {
	fn draft(req: DraftRequest) -> Result<CertificateBody, LedgerError> {
		let now = MockClock::now();
		let today = MockClock::today();
		let year = Date::from_day_index(today).year;
		let serial = SERIALS.with(|m| {
			let mut m = m.borrow_mut();
			let s = m.entry((req.issuer, year)).or_insert(0);
			*s += 1;
			*s
		});
		let code = CertificateCode::new(req.issuer, year, serial)
			.map_err(|_| LedgerError::SerialsExhausted)?;
		let prev = req
			.previous
			.and_then(|p| Self::get(&p))
			.map(|(r, _)| r.body.valid_until);
		let valid_until = match req.validity {
			Validity::Fresh { ao_term_end } => {
				let v = Self::end_of_day_after_years(now, 3);
				ao_term_end.map(|e| v.min(e)).unwrap_or(v)
			}
			Validity::KeepPrevious => prev.ok_or(LedgerError::UnknownCertificate)?,
			Validity::Renew { years, ao_term_end } => {
				if !(1..=3).contains(&years) {
					return Err(LedgerError::BadRenewalTerm);
				}
				let p = prev.ok_or(LedgerError::UnknownCertificate)?;
				let v = Self::end_of_day_after_years(p.saturating_add(1), u16::from(years));
				ao_term_end.map(|e| v.min(e)).unwrap_or(v)
			}
		};
		if valid_until < now {
			return Err(LedgerError::ValidityEndsBeforeIssue);
		}
		let body = CertificateBody {
			code,
			registration: req.registration,
			act: req.act,
			object: req.object,
			subject: req.subject,
			subject_name: req.subject_name,
			data_name: req.data_name,
			content_digest: req.content_digest,
			issuer: req.issuer,
			issuer_key: [7u8; 32],
			issued_on: today,
			issued_at: now,
			valid_until,
			previous: req.previous,
		};
		LEDGER.with(|m| {
			let mut m = m.borrow_mut();
			if let Some(p) = req.previous {
				if let Some((r, _)) = m.get_mut(&p) {
					r.status = CertificateStatus::Superseded { by: code, at: now };
				}
			}
			m.insert(
				code,
				(
					CertificateRecord {
						body: body.clone(),
						signature: [0u8; 64],
						status: CertificateStatus::Valid,
					},
					false,
				),
			);
		});
		Ok(body)
	}
	fn certificate(code: &CertificateCode) -> Option<CertificateRecord> {
		Self::get(code).map(|(r, _)| r)
	}
	fn in_renewal_window(code: &CertificateCode) -> Result<bool, LedgerError> {
		let (r, _) = Self::get(code).ok_or(LedgerError::UnknownCertificate)?;
		let now = MockClock::now();
		if r.status != CertificateStatus::Valid || now > r.body.valid_until {
			return Err(LedgerError::NotValid);
		}
		Ok(now.saturating_add(60 * DAY_MS) > r.body.valid_until)
	}
	fn set_renewal_pending(code: &CertificateCode, pending: bool) -> Result<(), LedgerError> {
		LEDGER.with(|m| {
			let mut m = m.borrow_mut();
			let e = m.get_mut(code).ok_or(LedgerError::UnknownCertificate)?;
			e.1 = pending;
			Ok(())
		})
	}
	fn cancel(code: &CertificateCode, reason: CancelReason) -> Result<(), LedgerError> {
		LEDGER.with(|m| {
			let mut m = m.borrow_mut();
			let e = m.get_mut(code).ok_or(LedgerError::UnknownCertificate)?;
			if e.0.status != CertificateStatus::Valid {
				return Err(LedgerError::NotValid);
			}
			e.0.status = CertificateStatus::Cancelled {
				reason,
				at: MockClock::now(),
			};
			Ok(())
		})
	}
}

// ---------------------------------------------------------------------------------------------
// Externalities and helpers.

/// Noon (Asia/Shanghai) of `day`.
pub fn noon(day: DayIndex) -> Moment {
	ChainClock::SHANGHAI.day_start_ms(day) + DAY_MS / 2
}

fn set_time(at: Moment) {
	pallet_timestamp::Now::<Test>::put(at);
}

/// Monday 2026-03-02: the default start (an ordinary week, no holidays near).
pub fn start_day() -> DayIndex {
	date(2026, 3, 2)
}

/// Builds test externalities: Yuxi city, Hongta county and Kunming institutions, the subjects,
/// agents and real-name objectors, and chain time at noon of the start day.
pub struct ExtBuilder {
	start: DayIndex,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { start: start_day() }
	}
}

impl ExtBuilder {
	/// Starts at noon of `day`.
	pub fn starting_on(mut self, day: DayIndex) -> Self {
		self.start = day;
		self
	}

	/// Builds the externalities.
	pub fn build(self) -> sp_io::TestExternalities {
		let t = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("storage");
		let mut ext = sp_io::TestExternalities::new(t);
		let start = self.start;
		ext.execute_with(|| {
			MockDirectory::reset();
			LEDGER.with(|m| m.borrow_mut().clear());
			SERIALS.with(|m| m.borrow_mut().clear());
			MockDirectory::add_institution(yuxi(), CITY_OPERATOR);
			MockDirectory::add_institution(hongta(), COUNTY_OPERATOR);
			MockDirectory::add_institution(kunming(), KUNMING_OPERATOR);
			MockDirectory::add_subject(subject(), hongta(), SUBJECT);
			MockDirectory::add_subject(kunming_subject(), kunming(), KUNMING_SUBJECT);
			MockDirectory::grant_power(AGENT, subject(), AgentScope::Apply, date(2030, 1, 1));
			MockDirectory::grant_power(REBUT_AGENT, subject(), AgentScope::Rebut, date(2030, 1, 1));
			for who in [OBJECTOR, OBJECTOR_2, SUBJECT] {
				MockDirectory::verify_real_name(who);
			}
			System::set_block_number(1);
			set_time(noon(start));
		});
		ext
	}

	/// Builds and runs `test`, then checks `try_state`.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			assert_ok!(Registration::do_try_state());
		});
	}
}

/// Moves chain time to noon of `day` (next block). Does not run the sweep: lazy checks must suffice.
pub fn run_to_day(day: DayIndex) {
	let n = System::block_number() + 1;
	System::set_block_number(n);
	set_time(noon(day));
}

/// Runs the `on_idle` sweep with plenty of weight.
pub fn sweep() -> Weight {
	Registration::on_idle(
		System::block_number(),
		Weight::from_parts(u64::MAX / 4, u64::MAX / 4),
	)
}

/// A basic-information input.
pub fn info(data_name: &str) -> BasicInfoInput {
	BasicInfoInput {
		data_name: data_name.as_bytes().to_vec(),
		summary: "全市企业登记数据，按日更新".as_bytes().to_vec(),
		content_digest: [1u8; 32],
		materials: vec![[2u8; 32], [3u8; 32]],
	}
}

/// The id the next application will get.
pub fn next_application() -> ApplicationId {
	crate::NextApplicationId::<Test>::get()
}

/// Files a first registration of a data resource with the county institution, as the subject.
pub fn submit_default() -> ApplicationId {
	let id = next_application();
	assert_ok!(Registration::submit_first_time(
		RuntimeOrigin::signed(SUBJECT),
		hongta(),
		subject(),
		ObjectKind::DataResource,
		None,
		info("企业登记信息"),
	));
	id
}

/// Submits, accepts and publishes; returns the application (publicity opens today).
pub fn published_default() -> ApplicationId {
	let id = submit_default();
	assert_ok!(Registration::accept_application(
		RuntimeOrigin::signed(COUNTY_OPERATOR),
		id
	));
	assert_ok!(Registration::publish_application(
		RuntimeOrigin::signed(COUNTY_OPERATOR),
		id
	));
	id
}

/// Last day of the publicity window of `id`.
pub fn publicity_end(id: ApplicationId) -> DayIndex {
	crate::Applications::<Test>::get(id)
		.and_then(|a| a.publicity)
		.map(|w| w.closes.due)
		.expect("published")
}

/// Runs a first registration through to approval; returns (application, registration).
pub fn registered_default() -> (ApplicationId, u64) {
	let id = published_default();
	run_to_day(publicity_end(id) + 1);
	assert_ok!(Registration::approve_application(
		RuntimeOrigin::signed(COUNTY_OPERATOR),
		id,
		[9u8; 32]
	));
	let reg = crate::Applications::<Test>::get(id)
		.and_then(|a| a.registration)
		.expect("registered");
	(id, reg)
}

/// State of an application.
pub fn state(id: ApplicationId) -> crate::ApplicationState {
	crate::Applications::<Test>::get(id).expect("exists").state
}

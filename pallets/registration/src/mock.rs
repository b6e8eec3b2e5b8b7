//! Mock runtime on the real pallets: `frame_system`, `pallet_timestamp`, `pallet_calendar` (the
//! official 2025/2026 State Council calendar, Asia/Shanghai days), `pallet_institutions`
//! (institutions, operators, subjects, agents, real-name persons) and `pallet_certificate` (the
//! certificate ledger, issuance signed with ed25519).

use crate as pallet_registration;
use crate::BasicInfoInput;
use dengji_primitives::{
	calendar::DayIndex,
	certificate::{CertificateBody, CertificateRecord},
	code::CertificateCode,
	traits::AgentScope,
	uscc::Uscc,
	ApplicationId, DivisionCode, Moment, ObjectKind,
};
use ed25519_dalek::{Signer, SigningKey};
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{ConstU16, ConstU32, ConstU8, Hooks},
	weights::Weight,
};
use frame_system::EnsureRoot;
use pallet_institutions::{GenesisInstitution, GenesisPerson, GenesisSubject, PersonKind};
use sp_runtime::BuildStorage;

pub type AccountId = u64;

pallet_calendar::mock_runtime!(Test {
	2: Calendar = pallet_calendar,
	3: Institutions = pallet_institutions,
	4: Certificate = pallet_certificate,
	5: Registration = pallet_registration,
});

#[derive_impl(pallet_calendar::mock::TestDefaultConfig)]
impl pallet_calendar::Config for Test {
	type Time = Timestamp;
}

#[derive_impl(pallet_institutions::mock::TestDefaultConfig)]
impl pallet_institutions::Config for Test {
	type Clock = Calendar;
	type MaxOperators = ConstU32<4>;
	type MaxSubjectAccounts = ConstU32<4>;
	type MaxAgentsPerSubject = ConstU32<4>;
	type MaxTransactionsPerBlock = ConstU32<1000>;
}

impl pallet_certificate::Config for Test {
	type Clock = Calendar;
	type Directory = Institutions;
	type ValidityYears = ConstU16<3>;
	type RenewalWindowDays = ConstU32<60>;
	type MaxRenewalYears = ConstU8<3>;
	type MaxExpiriesPerDay = ConstU32<64>;
	type OnCertificateEnded = Registration;
	type AuthorityOrigin = EnsureRoot<AccountId>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchParties;
}

parameter_types! {
	pub static MaxDuePerDay: u32 = 16;
	pub static MaxObjections: u32 = 4;
	pub static MaxRegistrationsPerAgreement: u32 = 8;
}

impl pallet_registration::Config for Test {
	type Clock = Calendar;
	type Directory = Institutions;
	type Ledger = Certificate;
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
	type CorrectionResponseWorkingDays = ConstU32<10>;
	type CityAuthority = CityAuthorityOf;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchParties;
}

/// The city data authorities of pallet-institutions (YX-AO §16 ¶2 filing), as the runtime wires
/// them.
pub struct CityAuthorityOf;
impl frame_support::traits::Contains<(AccountId, DivisionCode)> for CityAuthorityOf {
	fn contains((who, city): &(AccountId, DivisionCode)) -> bool {
		pallet_institutions::CityAuthorities::<Test>::get(who) == Some(*city)
	}
}

pub use pallet_calendar::mock::{date, noon};

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

fn division(code: u32) -> DivisionCode {
	DivisionCode::new(code).unwrap_or_else(|_| unreachable!("valid test division"))
}
/// Yuxi city.
pub fn yuxi() -> DivisionCode {
	division(530400)
}
/// Hongta county (in Yuxi).
pub fn hongta() -> DivisionCode {
	division(530402)
}
/// Kunming city.
pub fn kunming() -> DivisionCode {
	division(530100)
}

/// The signing key seed of each institution.
pub fn key_seed(institution: DivisionCode) -> u8 {
	match institution.get() {
		530400 => 1,
		530402 => 2,
		_ => 3,
	}
}
fn signing_key(seed: u8) -> SigningKey {
	SigningKey::from_bytes(&[seed; 32])
}

/// A valid USCC built from 17 characters.
pub use pallet_institutions::mock::uscc_of as uscc;
/// The subject (an operator of authorised operation too).
pub fn subject() -> Uscc {
	uscc(b"12530402MB0000001")
}
/// The Kunming subject.
pub fn kunming_subject() -> Uscc {
	uscc(b"12530100MB0000002")
}

/// Subject name used in the genesis.
pub const SUBJECT_NAME: &str = "玉溪市数据公司";

/// Grants a power of attorney (as the subject) until `until` (inclusive).
pub fn grant_power(agent: AccountId, scope: AgentScope, until: DayIndex) {
	assert_ok!(Institutions::grant_power_of_attorney(
		RuntimeOrigin::signed(SUBJECT),
		subject(),
		agent,
		scope,
		until,
		[0u8; 32]
	));
}

/// Disqualifies `from` and transfers its cases to `to` (Q17).
pub fn take_over(from: DivisionCode, to: DivisionCode) {
	assert_ok!(Institutions::disqualify_institution(RuntimeOrigin::root(), from));
	assert_ok!(Institutions::transfer_cases(RuntimeOrigin::root(), from, to));
}

/// Signs a drafted body as its issuer.
pub fn sign(body: &CertificateBody) -> [u8; 64] {
	let genesis = Certificate::genesis_hash().expect("genesis hash");
	signing_key(key_seed(body.issuer)).sign(&body.signing_payload(&genesis)).to_bytes()
}

/// Issues the draft `code` with its issuer's key, as an operator of the responsible institution.
pub fn issue(code: CertificateCode) {
	let body = pallet_certificate::Drafts::<Test>::get(code).expect("draft");
	let resp =
		<Institutions as dengji_primitives::traits::Directory<AccountId>>::responsible_institution(
			body.issuer,
		);
	let op = match resp.get() {
		530400 => CITY_OPERATOR,
		530402 => COUNTY_OPERATOR,
		_ => KUNMING_OPERATOR,
	};
	assert_ok!(Certificate::issue(RuntimeOrigin::signed(op), code, sign(&body)));
}

/// An issued certificate.
pub fn certificate(code: &CertificateCode) -> CertificateRecord {
	pallet_certificate::Certificates::<Test>::get(code).expect("issued")
}

/// Whether a renewal of `code` is marked pending in the ledger.
pub fn renewal_pending(code: &CertificateCode) -> bool {
	pallet_certificate::RenewalsPending::<Test>::contains_key(code)
}

/// Benchmark set-up on the real pallets.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchParties;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for BenchParties {
	fn setup_parties(
		operator: &AccountId,
		subject_account: &AccountId,
		objector: &AccountId,
	) -> (DivisionCode, Uscc) {
		assert_ok!(Institutions::add_operator(RuntimeOrigin::root(), yuxi(), *operator));
		assert_ok!(Institutions::add_subject_account(
			RuntimeOrigin::signed(*operator),
			subject(),
			*subject_account
		));
		assert_ok!(Institutions::record_real_name(
			RuntimeOrigin::signed(*operator),
			*objector,
			[1u8; 32],
			PersonKind::Individual
		));
		(yuxi(), subject())
	}
	fn set_day(day: DayIndex) {
		set_time(noon(day));
	}
	fn issue(code: &CertificateCode) {
		issue(*code);
	}
	fn upheld_complaint(institution: DivisionCode) -> Option<u32> {
		upheld_complaint(institution)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_certificate::BenchmarkHelper<AccountId> for BenchParties {
	fn setup_institution(_id: DivisionCode, _key: [u8; 32], _operator: &AccountId) {}
	fn set_now(now: Moment) {
		set_time(now);
	}
}

// ---------------------------------------------------------------------------------------------
// Externalities and helpers.

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
		let mut t =
			frame_system::GenesisConfig::<Test>::default().build_storage().expect("storage");
		pallet_calendar::mock::official_genesis::<Test>()
			.assimilate_storage(&mut t)
			.expect("calendar genesis");
		let institution = |d: DivisionCode, op: AccountId| GenesisInstitution {
			division: d,
			name: "登记机构".into(),
			signing_key: signing_key(key_seed(d)).verifying_key().to_bytes(),
			sm2_key: None,
			validator: None,
			peer_id: None,
			operators: vec![op],
		};
		let person = |account: AccountId| GenesisPerson {
			account,
			identity_digest: [account as u8; 32],
			verified_by: yuxi(),
			kind: PersonKind::Individual,
		};
		pallet_institutions::GenesisConfig::<Test> {
			institutions: vec![
				institution(yuxi(), CITY_OPERATOR),
				institution(hongta(), COUNTY_OPERATOR),
				institution(kunming(), KUNMING_OPERATOR),
			],
			city_authorities: vec![],
			subjects: vec![
				GenesisSubject {
					uscc: subject(),
					name: SUBJECT_NAME.into(),
					division: hongta(),
					admitted_by: hongta(),
					accounts: vec![SUBJECT],
				},
				GenesisSubject {
					uscc: kunming_subject(),
					name: "昆明市数据公司".into(),
					division: kunming(),
					admitted_by: kunming(),
					accounts: vec![KUNMING_SUBJECT],
				},
			],
			persons: vec![person(OBJECTOR), person(OBJECTOR_2), person(AGENT), person(REBUT_AGENT)],
		}
		.assimilate_storage(&mut t)
		.expect("institutions genesis");
		let mut ext = sp_io::TestExternalities::new(t);
		let start = self.start;
		ext.execute_with(|| {
			System::set_block_number(1);
			set_time(noon(start));
			grant_power(AGENT, AgentScope::Apply, date(2030, 1, 1));
			grant_power(REBUT_AGENT, AgentScope::Rebut, date(2030, 1, 1));
			System::reset_events();
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
	Registration::on_idle(System::block_number(), Weight::from_parts(u64::MAX / 4, u64::MAX / 4))
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
	assert_ok!(Registration::accept_application(RuntimeOrigin::signed(COUNTY_OPERATOR), id));
	assert_ok!(Registration::publish_application(RuntimeOrigin::signed(COUNTY_OPERATOR), id));
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
	let app = crate::Applications::<Test>::get(id).expect("application");
	issue(app.certificate.expect("drafted"));
	(id, app.registration.expect("registered"))
}

/// State of an application.
pub fn state(id: ApplicationId) -> crate::ApplicationState {
	crate::Applications::<Test>::get(id).expect("exists").state
}

/// A complaint about `institution`, recorded and decided upheld by the data authority (YX-R
/// §25(二)); its number.
pub fn upheld_complaint(institution: DivisionCode) -> Option<u32> {
	let id = pallet_institutions::NextComplaintId::<Test>::get();
	Institutions::lodge_complaint(RuntimeOrigin::root(), institution, [40u8; 32]).ok()?;
	Institutions::decide_complaint(
		RuntimeOrigin::root(),
		id,
		pallet_institutions::types::ComplaintOutcome::Upheld,
		[41u8; 32],
	)
	.ok()?;
	Some(id)
}

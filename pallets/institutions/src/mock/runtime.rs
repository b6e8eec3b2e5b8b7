//! This pallet's test runtime: Yunnan (530000) with Yuxi (530400, county Hongta 530402) and
//! Kunming (530100, county Wuhua 530102).

use crate as pallet_institutions;
use crate::{GenesisInstitution, GenesisPerson, GenesisSubject, PersonKind};
use core::cell::RefCell;
use dengji_primitives::{calendar::DayIndex, DivisionCode, Uscc};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, IsInVec},
};
pub use pallet_calendar::mock::noon;
use sp_runtime::BuildStorage;

pallet_calendar::mock_runtime!(Test {
	2: Calendar = pallet_calendar,
	3: Institutions = pallet_institutions,
});

#[derive_impl(pallet_calendar::mock::TestDefaultConfig)]
impl pallet_calendar::Config for Test {
	type Time = Timestamp;
}

thread_local! {
	static ALLOW_LIST: RefCell<Vec<(bool, DivisionCode, Vec<u8>)>> = const { RefCell::new(Vec::new()) };
}

/// Sets chain time to noon (Asia/Shanghai) of `day`, through `pallet-timestamp`; the real
/// `pallet-calendar` maps it back to `day`.
pub fn set_today(day: DayIndex) {
	Timestamp::set_timestamp(noon(day));
}

/// Records the allow-list hook calls: (added?, institution, peer id).
pub struct MockAllowList;
impl MockAllowList {
	/// Takes the recorded calls.
	pub fn take() -> Vec<(bool, DivisionCode, Vec<u8>)> {
		ALLOW_LIST.with(|l| core::mem::take(&mut *l.borrow_mut()))
	}
}
impl crate::NodeAllowList<u64> for MockAllowList {
	fn peer_added(institution: DivisionCode, peer_id: &[u8], _owner: Option<&u64>) {
		ALLOW_LIST.with(|l| l.borrow_mut().push((true, institution, peer_id.to_vec())));
	}
	fn peer_removed(institution: DivisionCode, peer_id: &[u8]) {
		ALLOW_LIST.with(|l| l.borrow_mut().push((false, institution, peer_id.to_vec())));
	}
}

parameter_types! {
	pub Council: Vec<u64> = vec![COUNCIL];
}

/// Per-account rate limit in the mock.
pub const MAX_TX_PER_BLOCK: u32 = 3;

#[derive_impl(super::TestDefaultConfig)]
impl pallet_institutions::Config for Test {
	type Clock = Calendar;
	type NodeAllowList = MockAllowList;
	type ExtraParticipants = IsInVec<Council>;
	type MaxTransactionsPerBlock = ConstU32<MAX_TX_PER_BLOCK>;
}

// Divisions.
pub fn div(code: u32) -> DivisionCode {
	DivisionCode::new(code).expect("valid test division")
}
pub fn yunnan() -> DivisionCode {
	div(530000)
}
pub fn yuxi() -> DivisionCode {
	div(530400)
}
pub fn hongta() -> DivisionCode {
	div(530402)
}
pub fn jiangchuan() -> DivisionCode {
	div(530403)
}
pub fn kunming() -> DivisionCode {
	div(530100)
}
pub fn wuhua() -> DivisionCode {
	div(530102)
}

// Accounts.
pub const COUNCIL: u64 = 1;
pub const YUXI_OP: u64 = 11;
pub const KM_OP: u64 = 12;
pub const HT_OP: u64 = 13;
pub const YN_OP: u64 = 14;
pub const YUXI_VAL: u64 = 21;
pub const KM_VAL: u64 = 22;
pub const HT_VAL: u64 = 23;
pub const YUXI_CA: u64 = 31;
pub const KM_CA: u64 = 32;
pub const PERSON: u64 = 41;
pub const AGENT: u64 = 42;
pub const SUBJ: u64 = 51;
pub const STRANGER: u64 = 99;

pub const YUXI_KEY: [u8; 32] = [4; 32];

/// The day tests start on (any day works: no call here counts working days).
pub const TODAY: DayIndex = 20_000;

/// A valid USCC whose 17 first characters end in `n` (check character computed).
pub fn uscc(n: u8) -> Uscc {
	let mut raw = *b"91530402MA6K00000";
	raw[16] = b'0' + (n % 10);
	super::uscc_of(&raw)
}

/// The subject admitted at genesis: seated in Hongta, admitted by Yuxi.
pub fn hongta_subject() -> Uscc {
	uscc(1)
}

fn institution(
	division: DivisionCode,
	key: u8,
	validator: Option<u64>,
	operators: Vec<u64>,
) -> GenesisInstitution<u64> {
	GenesisInstitution {
		division,
		name: format!("institution {division}").into_bytes(),
		signing_key: [key; 32],
		sm2_key: None,
		validator,
		peer_id: validator.map(|v| vec![v as u8; 38]),
		operators,
	}
}

/// The SM2 public key of the development secret of `uri` (`dengji_primitives::sm2::dev_secret`).
pub fn sm2_key(uri: &str) -> dengji_primitives::Sm2Public {
	dengji_primitives::sm2::public_from_secret(&dengji_primitives::sm2::dev_secret(uri))
		.expect("development SM2 secrets are in range")
}

/// Genesis builder.
pub struct ExtBuilder {
	pub genesis: pallet_institutions::GenesisConfig<Test>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			genesis: pallet_institutions::GenesisConfig {
				institutions: vec![
					institution(yunnan(), 1, None, vec![YN_OP]),
					institution(yuxi(), 4, Some(YUXI_VAL), vec![YUXI_OP]),
					institution(kunming(), 5, Some(KM_VAL), vec![KM_OP]),
					institution(hongta(), 6, Some(HT_VAL), vec![HT_OP]),
				],
				city_authorities: vec![(YUXI_CA, div(530400)), (KM_CA, div(530100))],
				subjects: vec![GenesisSubject {
					uscc: hongta_subject(),
					name: "红塔区水利局".into(),
					division: hongta(),
					admitted_by: yuxi(),
					accounts: vec![SUBJ],
				}],
				persons: vec![GenesisPerson {
					account: PERSON,
					identity_digest: [7; 32],
					verified_by: yuxi(),
					kind: PersonKind::Individual,
				}],
			},
		}
	}
}

impl ExtBuilder {
	/// Empty genesis: no institutions, authorities, subjects or persons.
	pub fn empty() -> Self {
		Self { genesis: Default::default() }
	}

	/// Builds the externalities at block 1 with events on.
	pub fn build(self) -> sp_io::TestExternalities {
		MockAllowList::take();
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_calendar::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
		self.genesis.assimilate_storage(&mut storage).unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			set_today(TODAY);
		});
		ext
	}

	/// Builds, runs `test`, then checks the invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			crate::Pallet::<Test>::do_try_state().expect("invariants hold");
		})
	}
}

/// The default externalities (benchmark test suite).
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder::empty().build()
}

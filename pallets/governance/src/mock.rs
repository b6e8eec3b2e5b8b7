//! Test runtime: frame_system, the council (pallet-collective, instance 1) and this pallet, with
//! the Dengji runtime's upgrade threshold (3/4 of the council).

use crate as pallet_governance;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type CouncilCollective = pallet_collective::Instance1;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Council: pallet_collective::<Instance1>,
		Governance: pallet_governance,
	}
);

parameter_types! {
	pub const Version: sp_version::RuntimeVersion = sp_version::RuntimeVersion {
		spec_name: alloc_cow("dengji"),
		impl_name: alloc_cow("dengji"),
		authoring_version: 1,
		spec_version: 100,
		impl_version: 1,
		apis: sp_version::create_apis_vec!([]),
		transaction_version: 1,
		system_version: 1,
	};
	pub MaxProposalWeight: Weight = Weight::from_parts(1_000_000_000_000, u64::MAX);
	pub const UpgradeThreshold: (u32, u32) = (3, 4);
	pub const AuthorityThreshold: (u32, u32) = (2, 3);
}

const fn alloc_cow(s: &'static str) -> std::borrow::Cow<'static, str> {
	std::borrow::Cow::Borrowed(s)
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type Version = Version;
}

impl pallet_collective::Config<CouncilCollective> for Test {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = ConstU64<10>;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<32>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = ();
	type SetMembersOrigin = EnsureRoot<u64>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<u64>;
	type KillOrigin = EnsureRoot<u64>;
	type Consideration = ();
}

impl pallet_governance::Config for Test {
	type UpgradeOrigin = pallet_collective::EnsureProportionAtLeast<u64, CouncilCollective, 3, 4>;
	type UpgradeThreshold = UpgradeThreshold;
	type AuthorityThreshold = AuthorityThreshold;
	type WeightInfo = ();
}

/// Council members 1..=4 (as the four-institution network's authority); 99 is not a member.
pub const MEMBERS: [u64; 4] = [1, 2, 3, 4];

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		council: pallet_collective::GenesisConfig {
			members: MEMBERS.to_vec(),
			phantom: Default::default(),
		},
		..Default::default()
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

//! Pallet configurations of the Dengji runtime.

pub mod council_accounts;
mod dengji;
mod no_deposit;

pub use dengji::NodeAuthorizationSync;

use crate::{
	opaque::SessionKeys, AccountId, Aura, Block, BlockNumber, Hash, Moment, Nonce, PalletInfo,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, RuntimeTask,
	SESSION_PERIOD, SLOT_DURATION, VERSION,
};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64, EitherOfDiverse, Get},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use frame_system::{limits::BlockLength, EnsureRoot};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::ConvertInto, Perbill};

pub use no_deposit::NoDeposit;

/// Share of a block available to normal (non-operational) transactions.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// Ref time of a block: one second (no proof-size limit, this is not a parachain).
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

parameter_types! {
	pub const Version: sp_version::RuntimeVersion = VERSION;
	/// One third of the 3-second slot for execution: leaves time to import and gossip a block
	/// before the next slot on modest institution hardware. The base weights of a block and of a
	/// transaction are measured for this runtime (`crate::weights`, issue 11 §8); otherwise as
	/// `BlockWeights::with_sensible_defaults`: 75% for normal transactions, the rest reserved for
	/// operational ones, 10% of a block expected for `on_initialize`.
	pub RuntimeBlockWeights: frame_system::limits::BlockWeights =
		frame_system::limits::BlockWeights::builder()
			.base_block(crate::weights::block_weights::BlockExecutionWeight::get())
			.for_class(DispatchClass::all(), |weights| {
				weights.base_extrinsic =
					crate::weights::extrinsic_weights::ExtrinsicBaseWeight::get();
			})
			.for_class(DispatchClass::Normal, |weights| {
				weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
			})
			.for_class(DispatchClass::Operational, |weights| {
				weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
				weights.reserved =
					Some(MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
			})
			.avg_block_initialization(Perbill::from_percent(10))
			.build_or_panic();
	/// 5 MiB blocks, 75% of it for normal transactions.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * *max
		})
		.build();
	/// Substrate's generic SS58 prefix (42).
	pub const SS58Prefix: u8 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = ConstU32<2400>;
	/// Measured on ParityDB, the node's database (`crate::weights::paritydb_weights`).
	type DbWeight = crate::weights::paritydb_weights::constants::ParityDbWeight;
	type Version = Version;
	/// No balances pallet: accounts exist through providers (pallet-institutions adds one for
	/// every registered participant) and hold no data.
	type AccountData = ();
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = Moment;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<64>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<64>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	// No equivocation reporting: validators are known institutions, sanctioned off chain and
	// by the data authority (YX-R §26), not slashed.
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

parameter_types! {
	pub const SessionOffset: BlockNumber = 0;
}

/// Blocks per session: the chain spec's `governance.sessionLength` (a short one on test
/// networks, issue 11 §4), else [`SESSION_PERIOD`].
pub struct SessionPeriod;

impl Get<BlockNumber> for SessionPeriod {
	fn get() -> BlockNumber {
		pallet_governance::Pallet::<Runtime>::session_length(SESSION_PERIOD)
	}
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	/// The validator set is exactly the active institutions' validator accounts (docs/spec/DESIGN.md §3),
	/// each as soon as it has session keys.
	type SessionManager = ValidatorsWithKeys;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	/// No token: no key deposit.
	type Currency = NoDeposit<RuntimeHoldReason>;
	type KeyDeposit = ConstU128Zero;
}

parameter_types! {
	pub const ConstU128Zero: u128 = 0;
}

/// `pallet_session`'s session manager: `pallet-institutions` (the active institutions'
/// validators, re-planned when a call changed them), plus one case it cannot see (issue 11 §4):
/// an institution's validator that registered its session keys (`Session.set_keys`, which it can
/// sign only once the data authority made it the institution's validator) after the set naming it
/// was planned. `pallet_session` drops validators without keys from a planned set, so without this
/// such a validator would wait for the next unrelated change of the set; here every session
/// re-plans whenever the active institutions' validators that have keys differ from the current
/// set, so it joins within two sessions of setting its keys.
pub struct ValidatorsWithKeys;

impl pallet_session::SessionManager<AccountId> for ValidatorsWithKeys {
	fn new_session(new_index: u32) -> Option<alloc::vec::Vec<AccountId>> {
		if let Some(set) =
			<crate::Institutions as pallet_session::SessionManager<AccountId>>::new_session(
				new_index,
			) {
			return Some(set);
		}
		let with_keys: alloc::vec::Vec<AccountId> = crate::Institutions::active_validators()
			.into_iter()
			.filter(|v| pallet_session::NextKeys::<Runtime>::contains_key(v))
			.collect();
		// `QueuedKeys` still holds the set that has just become current.
		let current = pallet_session::QueuedKeys::<Runtime>::get();
		let unchanged = with_keys.len() == current.len()
			&& with_keys.iter().zip(current.iter()).all(|(a, (b, _))| a == b);
		(!unchanged && !with_keys.is_empty()).then_some(with_keys)
	}

	fn new_session_genesis(new_index: u32) -> Option<alloc::vec::Vec<AccountId>> {
		<crate::Institutions as pallet_session::SessionManager<AccountId>>::new_session_genesis(
			new_index,
		)
	}

	fn end_session(end_index: u32) {
		<crate::Institutions as pallet_session::SessionManager<AccountId>>::end_session(end_index)
	}

	fn start_session(start_index: u32) {
		<crate::Institutions as pallet_session::SessionManager<AccountId>>::start_session(
			start_index,
		)
	}
}

/// The province data authority council (省级数据主管部门).
pub type CouncilCollective = pallet_collective::Instance1;

/// Origin of the data authority: Root (only reachable through sudo in the `development` preset)
/// or at least two thirds of the province data authority council. The threshold is fixed here,
/// never chosen per proposal (docs/spec/DESIGN.md §3, Governance).
pub type AuthorityOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<
		AccountId,
		CouncilCollective,
		{ AUTHORITY_THRESHOLD.0 },
		{ AUTHORITY_THRESHOLD.1 },
	>,
>;

/// Council proportion `(numerator, denominator)` of [`AuthorityOrigin`]: two thirds.
pub const AUTHORITY_THRESHOLD: (u32, u32) = (2, 3);

/// Council proportion of [`UpgradeOrigin`]: three quarters.
///
/// Why higher than the 2/3 of every other authority call: new runtime code replaces every rule at
/// once (the Yuxi measures' periods, the permissioning, the thresholds themselves), so it asks
/// for a broader agreement than any single decision; with the 3- to 5-member councils the data
/// authority expects, 3/4 means all 3 of 3, 3 of 4 (as 2/3) and 4 of 5 (2/3: also 4 of 5), so it
/// never makes an upgrade impossible, it only keeps a bare 2/3 of a larger council from
/// replacing the rules alone. It is a speed bump, not a lock: 2/3 can change the membership
/// (`CouncilMembership`), but only visibly and in separate, earlier motions.
pub const UPGRADE_THRESHOLD: (u32, u32) = (3, 4);

/// Origin that may authorise new runtime code (issue 11 §3): at least [`UPGRADE_THRESHOLD`] of
/// the council, by motion. Not Root: on `dev`, Sudo has `System::authorize_upgrade` itself, and
/// outside `dev` there is no Root.
pub type UpgradeOrigin = pallet_collective::EnsureProportionAtLeast<
	AccountId,
	CouncilCollective,
	{ UPGRADE_THRESHOLD.0 },
	{ UPGRADE_THRESHOLD.1 },
>;

parameter_types! {
	pub const UpgradeThreshold: (u32, u32) = UPGRADE_THRESHOLD;
	pub const AuthorityThreshold: (u32, u32) = AUTHORITY_THRESHOLD;
}

/// Council-authorised runtime upgrades: `Governance::authorize_upgrade(code_hash)` by motion,
/// then anyone applies the code with `System::apply_authorized_upgrade(code)` (version checked).
impl pallet_governance::Config for Runtime {
	type UpgradeOrigin = UpgradeOrigin;
	type UpgradeThreshold = UpgradeThreshold;
	type AuthorityThreshold = AuthorityThreshold;
	type WeightInfo = pallet_governance::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// A motion that does not reach its threshold lapses after one day.
	pub const CouncilMotionDuration: BlockNumber = crate::DAYS;
	pub const CouncilMaxProposals: u32 = 100;
	pub const CouncilMaxMembers: u32 = 32;
	pub MaxCouncilProposalWeight: Weight = Perbill::from_percent(50) *
		RuntimeBlockWeights::get().get(DispatchClass::Normal).max_total.unwrap_or(Weight::MAX);
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = CouncilMaxMembers;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// Members are managed by `CouncilMembership`; only Root may bypass it.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxCouncilProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = ();
}

impl pallet_membership::Config<pallet_membership::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = AuthorityOrigin;
	type RemoveOrigin = AuthorityOrigin;
	type SwapOrigin = AuthorityOrigin;
	type ResetOrigin = AuthorityOrigin;
	type PrimeOrigin = AuthorityOrigin;
	// Passes the members on to `Council` and holds each member's account (council_accounts.rs).
	type MembershipInitialized = council_accounts::CouncilAccounts;
	type MembershipChanged = council_accounts::CouncilAccounts;
	type MaxMembers = CouncilMaxMembers;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const MaxWellKnownNodes: u32 = 64;
	pub const MaxPeerIdLength: u32 = 128;
}

/// Permissioning layer 1 (docs/spec/DESIGN.md §3): only allow-listed libp2p PeerIds connect. The offchain
/// worker of every node pushes the list to its network service (`set_authorized_nodes`, reserved
/// only).
impl pallet_node_authorization::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type MaxWellKnownNodes = MaxWellKnownNodes;
	type MaxPeerIdLength = MaxPeerIdLength;
	type AddOrigin = AuthorityOrigin;
	type RemoveOrigin = AuthorityOrigin;
	type SwapOrigin = AuthorityOrigin;
	type ResetOrigin = AuthorityOrigin;
	type WeightInfo = ();
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

#[cfg(test)]
mod governance_tests;

//! # Dengji runtime
//!
//! ## Overview
//! The FRAME runtime of the Dengji (登记) public-data registration ledger: a permissioned
//! Aura + GRANDPA chain run by the registration institutions (登记机构) and governed by the
//! province data authority (数据主管部门) council. docs/spec/DESIGN.md §3.
//!
//! ## Terminology
//! - 登记机构 = registration institution: runs a validator node, operates the registration pallets.
//! - 数据主管部门 = data authority: the `Council` collective; its 2/3 majority is the
//!   `AuthorityOrigin` of every Dengji pallet, the node allow-list and the council membership.
//!
//! ## Pallets (names are part of the storage-key contract, see `dengji_primitives::storage_names`)
//! | index | name | pallet |
//! |---|---|---|
//! | 0 | `System` | frame-system |
//! | 1 | `Timestamp` | pallet-timestamp |
//! | 2 | `Aura` | pallet-aura (sr25519) |
//! | 3 | `Grandpa` | pallet-grandpa (ed25519) |
//! | 4 | `Session` | pallet-session (validators = active institutions) |
//! | 5 | `Council` | pallet-collective, instance 1: province data authority |
//! | 6 | `CouncilMembership` | pallet-membership, instance 1: manages `Council` members |
//! | 7 | `NodeAuthorization` | pallet-node-authorization: libp2p PeerId allow-list |
//! | 8 | `Sudo` | pallet-sudo (key only in the `development` preset) |
//! | 9 | `Governance` | pallet-governance: council-authorised runtime upgrades (3/4) |
//! | 10 | `Calendar` | pallet-calendar: working-day calendar |
//! | 11 | `Institutions` | pallet-institutions: institutions, participants, validator set |
//! | 12 | `Certificate` | pallet-certificate: 一证一码 certificates |
//! | 13 | `Registration` | pallet-registration: applications, publicity, objections |
//!
//! ## Interface
//! Runtime APIs in [`apis`]; genesis presets `development` and `local_testnet` in
//! [`genesis_config_presets`].
#![cfg_attr(not(feature = "std"), no_std)]
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
pub use apis::RuntimeApi;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod upgrade_test;
pub mod weights;

use alloc::vec::Vec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Block number.
pub type BlockNumber = u32;
/// Transaction signature: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// Account id: 32 bytes (the public key of an sr25519/ed25519 signer).
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Transaction nonce.
pub type Nonce = u32;
/// Block hash.
pub type Hash = sp_core::H256;
/// Milliseconds since the Unix epoch (`pallet_timestamp`).
pub type Moment = u64;

/// Opaque types for the node: it does not need to know the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	use sp_runtime::{generic, traits::Hash as HashT};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Block id.
	pub type BlockId = generic::BlockId<Block>;
	/// Block hash.
	pub type Hash = <BlakeTwo256 as HashT>::Output;

	impl_opaque_keys! {
		/// Session keys of a validator: Aura (sr25519) for authoring, GRANDPA (ed25519) for finality.
		pub struct SessionKeys {
			/// Block authoring.
			pub aura: Aura,
			/// Finality voting.
			pub grandpa: Grandpa,
		}
	}
}

/// Declares [`VERSION`] with this `spec_version` literal (`#[sp_version::runtime_version]` reads
/// literals only, so the number is passed as a token, not computed).
macro_rules! runtime_version {
	($spec_version:tt) => {
		/// Runtime version.
		#[sp_version::runtime_version]
		pub const VERSION: RuntimeVersion = RuntimeVersion {
			spec_name: alloc::borrow::Cow::Borrowed("dengji"),
			impl_name: alloc::borrow::Cow::Borrowed("dengji"),
			authoring_version: 1,
			spec_version: $spec_version,
			impl_version: 1,
			apis: apis::RUNTIME_API_VERSIONS,
			transaction_version: 1,
			system_version: 1,
		};
	};
}

// spec_version history: 100 first release; 101 pallet-governance (council-authorised upgrades),
// pallet-registration storage v1 (`migrations::v1`: ended registrations, uncapped objections,
// lifecycle applications beside a pending correction); 102 SM2/SM3 co-signatures of certificates
// (pallet-institutions and pallet-certificate storage migrations) and the registration changes of
// issue 10 (pallet-registration storage v2), each with its migration in `Migrations`; 103 session 5
// of issue 10 and its neighbours (pallet-registration v3: joint applications, §12 basic information
// and classification; the other pallets' storage changes of that session), each with its migration;
// 104 session 6 (issues 10, 11, 15): each storage change with its migration in `Migrations`;
// 105 session 7 (issues 10, 11, 12): each storage change with its migration in `Migrations`;
// 106 session 8 (issues 10, 11): each storage change with its migration in `Migrations`.
#[cfg(not(feature = "spec-version-bump"))]
runtime_version!(106);
// Feature `spec-version-bump`: the same runtime with the next `spec_version`, only for the
// forkless-upgrade integration test (tests/tests/governance.rs). Keep it one above the line
// before when bumping.
#[cfg(feature = "spec-version-bump")]
runtime_version!(107);

/// Target block time. docs/spec/DESIGN.md §3: 3-second slots.
pub const MILLISECS_PER_BLOCK: u64 = 3000;
/// Aura slot duration; one block per slot.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;
/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// Session length: validator-set changes (institutions activated, suspended, disqualified)
/// take effect at most two sessions after they are decided, i.e. within 20 minutes.
pub const SESSION_PERIOD: BlockNumber = 10 * MINUTES;

/// Address format of transactions.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// Signed block with justifications.
pub type SignedBlock = generic::SignedBlock<Block>;
/// Block id.
pub type BlockId = generic::BlockId<Block>;

/// Transaction extensions, in order. There is no fee token, so no payment extension; the
/// participant check rejects, at the pool, any signer that is not an active participant
/// (docs/spec/DESIGN.md §3, permissioning layer 2) and rate-limits participants per block.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_institutions::CheckParticipant<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload signed by a transaction's signer.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// The bumped runtime's own test migration (feature `spec-version-bump` only; `upgrade_test`).
#[cfg(feature = "spec-version-bump")]
type UpgradeTestMigration = upgrade_test::CountRuns<Runtime>;
#[cfg(not(feature = "spec-version-bump"))]
type UpgradeTestMigration = ();

/// Storage migrations run on runtime upgrade.
#[allow(unused_parens)]
type Migrations = (
	pallet_registration::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_registration::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_institutions::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_certificate::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_institutions::migrations::v3::MigrateV2ToV3<Runtime>,
	pallet_registration::migrations::v3::MigrateV2ToV3<Runtime>,
	pallet_institutions::migrations::v4::MigrateV3ToV4<Runtime>,
	pallet_registration::migrations::v4::MigrateV3ToV4<Runtime>,
	pallet_institutions::migrations::v5::MigrateV4ToV5<Runtime>,
	pallet_registration::migrations::v5::MigrateV4ToV5<Runtime>,
	pallet_registration::migrations::v6::MigrateV5ToV6<Runtime>,
	configs::council_accounts::MigrateV0ToV1,
	// The forkless-upgrade tests' observable migration (a no-op without the feature).
	UpgradeTestMigration,
);

/// Dispatches blocks and transactions to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

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
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(5)]
	pub type Council = pallet_collective<Instance1>;

	#[runtime::pallet_index(6)]
	pub type CouncilMembership = pallet_membership<Instance1>;

	#[runtime::pallet_index(7)]
	pub type NodeAuthorization = pallet_node_authorization;

	#[runtime::pallet_index(8)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(9)]
	pub type Governance = pallet_governance;

	// Dengji pallets. The names are part of the storage-key contract with the verification client
	// (`dengji_primitives::storage_names`): never rename them.
	#[runtime::pallet_index(10)]
	pub type Calendar = pallet_calendar;

	#[runtime::pallet_index(11)]
	pub type Institutions = pallet_institutions;

	#[runtime::pallet_index(12)]
	pub type Certificate = pallet_certificate;

	#[runtime::pallet_index(13)]
	pub type Registration = pallet_registration;
}

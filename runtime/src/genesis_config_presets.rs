//! Genesis presets: `development` (one validator) and `local_testnet` (four institutions).
//!
//! All keys are derived from the well-known Substrate development seeds and are public: these
//! presets are for development and tests only.
//!
//! | role | key | derivation |
//! |---|---|---|
//! | account (validator, operator, council, sudo) | sr25519 | `//Alice`, `//Bob`, … |
//! | Aura session key | sr25519 | `//Alice`, … (same as the account) |
//! | GRANDPA session key | ed25519 | `//Alice`, … |
//! | certificate-signing key of an institution | ed25519 | `//Alice//cert`, … |
//! | libp2p node key (local network) | ed25519 | secret `0x00…01` (Alice) … `0x00…04` (Dave) |

use crate::{
	configs::MaxPeerIdLength, opaque::SessionKeys, AccountId, CouncilMembershipConfig,
	NodeAuthorizationConfig, RuntimeGenesisConfig, SessionConfig, SudoConfig,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::PresetId;
pub use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// libp2p PeerIds (multihash bytes) of the fixed node keys `0x00…0N` used by
/// `scripts/local-network.sh`; base58 forms in the comments.
pub mod peer_ids {
	/// `12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp` (node key `0x00…01`, Kunming/Alice).
	pub const ALICE: [u8; 38] = hex_literal(
		b"0024080112204cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29",
	);
	/// `12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD` (node key `0x00…02`, Yuxi/Bob).
	pub const BOB: [u8; 38] = hex_literal(
		b"0024080112207422b9887598068e32c4448a949adb290d0f4e35b9e01b0ee5f1a1e600fe2674",
	);
	/// `12D3KooWSCufgHzV4fCwRijfH2k3abrpAJxTKxEvN1FDuRXA2U9x` (node key `0x00…03`, Hongta/Charlie).
	pub const CHARLIE: [u8; 38] = hex_literal(
		b"002408011220f381626e41e7027ea431bfe3009e94bdd25a746beec468948d6c3c7c5dc9a54b",
	);
	/// `12D3KooWSsChzF81YDUKpe9Uk5AHV5oqAaXAcWNSPYgoLauUk4st` (node key `0x00…04`, Chengjiang/Dave).
	pub const DAVE: [u8; 38] = hex_literal(
		b"002408011220fd50b8e3b144ea244fbf7737f550bc8dd0c2650bbc1aada833ca17ff8dbf329b",
	);

	const fn nibble(c: u8) -> u8 {
		match c {
			b'0'..=b'9' => c - b'0',
			b'a'..=b'f' => c - b'a' + 10,
			_ => panic!("not a lowercase hex digit"),
		}
	}

	/// Decodes 76 lowercase hex digits at compile time.
	const fn hex_literal(s: &[u8; 76]) -> [u8; 38] {
		let mut out = [0u8; 38];
		let mut i = 0;
		while i < 38 {
			out[i] = (nibble(s[2 * i]) << 4) | nibble(s[2 * i + 1]);
			i += 1;
		}
		out
	}
}

/// A validator institution's development keys.
struct Validator {
	account: AccountId,
	aura: AuraId,
	grandpa: GrandpaId,
}

impl Validator {
	fn dev(who: Sr25519Keyring) -> Self {
		let grandpa = match who {
			Sr25519Keyring::Alice => Ed25519Keyring::Alice,
			Sr25519Keyring::Bob => Ed25519Keyring::Bob,
			Sr25519Keyring::Charlie => Ed25519Keyring::Charlie,
			Sr25519Keyring::Dave => Ed25519Keyring::Dave,
			Sr25519Keyring::Eve => Ed25519Keyring::Eve,
			_ => Ed25519Keyring::Ferdie,
		};
		Validator {
			account: who.to_account_id(),
			aura: who.public().into(),
			grandpa: grandpa.public().into(),
		}
	}

	fn session_entry(&self) -> (AccountId, AccountId, SessionKeys) {
		(
			self.account.clone(),
			self.account.clone(),
			SessionKeys {
				aura: self.aura.clone(),
				grandpa: self.grandpa.clone(),
			},
		)
	}
}

type PeerIdBytes = Vec<u8>;

/// Everything a preset varies.
struct Setup {
	validators: Vec<Validator>,
	council: Vec<AccountId>,
	sudo: Option<AccountId>,
	/// (PeerId bytes, owner account)
	nodes: Vec<(PeerIdBytes, AccountId)>,
}

fn genesis(setup: Setup) -> Value {
	let Setup {
		validators,
		council,
		sudo,
		nodes,
	} = setup;
	debug_assert!(nodes
		.iter()
		.all(|(p, _)| p.len() as u32 <= MaxPeerIdLength::get()));
	build_struct_json_patch!(RuntimeGenesisConfig {
		session: SessionConfig {
			keys: validators
				.iter()
				.map(Validator::session_entry)
				.collect::<Vec<_>>(),
		},
		council_membership: CouncilMembershipConfig {
			members: council
				.try_into()
				.expect("at most MaxMembers council members; qed"),
		},
		node_authorization: NodeAuthorizationConfig {
			nodes: nodes
				.into_iter()
				.map(|(peer, owner)| (sp_core::OpaquePeerId(peer), owner))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: sudo },
	})
}

/// `development`: Alice is the only validator (institution Yuxi 530400), the sudo key and the
/// only council member.
pub fn development_config_genesis() -> Value {
	let alice = Sr25519Keyring::Alice.to_account_id();
	genesis(Setup {
		validators: vec![Validator::dev(Sr25519Keyring::Alice)],
		council: vec![alice.clone()],
		sudo: Some(alice.clone()),
		nodes: vec![(peer_ids::ALICE.to_vec(), alice)],
	})
}

/// `local_testnet`: four institution validators (Kunming = Alice, Yuxi = Bob, Hongta = Charlie,
/// Chengjiang = Dave), the province data authority council {Alice, Bob, Charlie}, no sudo.
pub fn local_config_genesis() -> Value {
	let who = [
		Sr25519Keyring::Alice,
		Sr25519Keyring::Bob,
		Sr25519Keyring::Charlie,
		Sr25519Keyring::Dave,
	];
	let peers = [
		peer_ids::ALICE,
		peer_ids::BOB,
		peer_ids::CHARLIE,
		peer_ids::DAVE,
	];
	genesis(Setup {
		validators: who.iter().map(|k| Validator::dev(*k)).collect(),
		council: council_members(),
		sudo: None,
		nodes: who
			.iter()
			.zip(peers.iter())
			.map(|(k, p)| (p.to_vec(), k.to_account_id()))
			.collect(),
	})
}

/// The province data authority council (530000) of `local_testnet`: Alice, Bob and Charlie stand
/// in for the authority's officials, so a 2/3 motion (2 of 3) is easy to drive from tests with
/// well-known keys. A production spec uses the authority's own accounts, distinct from any
/// institution's.
fn council_members() -> Vec<AccountId> {
	vec![
		Sr25519Keyring::Alice.to_account_id(),
		Sr25519Keyring::Bob.to_account_id(),
		Sr25519Keyring::Charlie.to_account_id(),
	]
}

/// The JSON of a preset, if `id` names one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development_config_genesis(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(DEV_RUNTIME_PRESET),
		PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET),
	]
}

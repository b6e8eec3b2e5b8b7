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
//! | SM2 co-signing key of an institution | SM2 | secret `SM3("dengji:sm2-dev:" ++ "//Alice//sm2")`, … ([`dev_sm2_key`]) |
//! | libp2p node key (local network) | ed25519 | secret `0x00…01` (Alice) … `0x00…04` (Dave) |
//! | demo subject account | sr25519 | `//Eve` |
//! | real-name objector | sr25519 | `//Ferdie` (identity digest `blake2_256("dengji-demo-person-ferdie")`) |
//! | Yuxi city data authority (local) | sr25519 | `//One` |
//!
//! Both presets use 4-second "days" (`day_length_ms = 4000`) so that the 10-working-day
//! publicity window passes in about a minute (docs/spec/DESIGN.md §9), and load the official 2025/2026
//! calendars (`pallet_calendar::official::cn_official_years`).

/// Length of a "day" on the development and local chains, in milliseconds.
pub const DEV_DAY_LENGTH_MS: u64 = 4_000;

/// `ed25519` public keys of the institutions' certificate-signing keys `//Alice//cert` … (the
/// runtime cannot derive keys from a URI; `dengji-node key inspect --scheme ed25519 //Alice//cert`
/// prints them).
pub mod cert_keys {
	use dengji_primitives::Ed25519Public;
	use hex_literal::hex;

	/// `//Alice//cert`
	pub const ALICE: Ed25519Public =
		hex!("fd8e9c60db2a24db19804f011c5b970c82a4a0a8b17d22a6070c88e20b476ea5");
	/// `//Bob//cert`
	pub const BOB: Ed25519Public =
		hex!("8dfa6882af3111ed035862720974836063e56e00de37d40f24bdb3c760d2c0b7");
	/// `//Charlie//cert`
	pub const CHARLIE: Ed25519Public =
		hex!("f3ec991df8639efa31fd02a66971dc077a210835f9260b56a3c6157e57708a0d");
	/// `//Dave//cert`
	pub const DAVE: Ed25519Public =
		hex!("6d94c57419c38476795495316b97811fa0ef49a643e4ef9546808df409ee51df");
}

use crate::{
	configs::MaxPeerIdLength, opaque::SessionKeys, AccountId, CalendarConfig,
	CouncilMembershipConfig, InstitutionsConfig, NodeAuthorizationConfig, RuntimeGenesisConfig,
	SessionConfig, SudoConfig,
};
use alloc::{format, vec, vec::Vec};
use dengji_primitives::{DivisionCode, Ed25519Public, Uscc};
use frame_support::build_struct_json_patch;
use pallet_institutions::{GenesisInstitution, GenesisPerson, GenesisSubject, PersonKind};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::PresetId;
pub use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// libp2p PeerIds (multihash bytes) of the fixed node keys `0x00…0N` used by
/// `scripts/local-network.sh`; base58 forms in the comments.
pub mod peer_ids {
	use hex_literal::hex;

	/// `12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp` (node key `0x00…01`, Kunming/Alice).
	pub const ALICE: [u8; 38] =
		hex!("0024080112204cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29");
	/// `12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD` (node key `0x00…02`, Yuxi/Bob).
	pub const BOB: [u8; 38] =
		hex!("0024080112207422b9887598068e32c4448a949adb290d0f4e35b9e01b0ee5f1a1e600fe2674");
	/// `12D3KooWSCufgHzV4fCwRijfH2k3abrpAJxTKxEvN1FDuRXA2U9x` (node key `0x00…03`, Hongta/Charlie).
	pub const CHARLIE: [u8; 38] =
		hex!("002408011220f381626e41e7027ea431bfe3009e94bdd25a746beec468948d6c3c7c5dc9a54b");
	/// `12D3KooWSsChzF81YDUKpe9Uk5AHV5oqAaXAcWNSPYgoLauUk4st` (node key `0x00…04`, Chengjiang/Dave).
	pub const DAVE: [u8; 38] =
		hex!("002408011220fd50b8e3b144ea244fbf7737f550bc8dd0c2650bbc1aada833ca17ff8dbf329b");
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
			SessionKeys { aura: self.aura.clone(), grandpa: self.grandpa.clone() },
		)
	}
}

/// The SM2 co-signing key of the development URI `uri` (e.g. `//Alice//sm2`): the public key of
/// `dengji_primitives::sm2::dev_secret(uri)` (issue 14 §2; `dengji key inspect --scheme sm2
/// //Alice//sm2` prints it). Public development keys, never for production.
pub fn dev_sm2_key(uri: &str) -> dengji_primitives::Sm2Public {
	dengji_primitives::sm2::public_from_secret(&dengji_primitives::sm2::dev_secret(uri))
		.expect("development SM2 secrets are below the group order; qed")
}

/// An institution of a preset.
struct Institution {
	division: u32,
	name: &'static str,
	who: Sr25519Keyring,
	signing_key: Ed25519Public,
	peer_id: [u8; 38],
}

fn division(code: u32) -> DivisionCode {
	DivisionCode::new(code).expect("preset division codes are valid; qed")
}

/// A USCC (GB 32100) of a demo company seated in `seat`: `91` + division + `DJDEM000n` + check.
pub fn demo_uscc(seat: u32) -> Uscc {
	(0..10u32)
		.find_map(|n| {
			let first17 = format!("91{seat:06}DJDEM000{n}");
			let check = Uscc::check_character(first17.as_bytes())?;
			let mut raw = first17.into_bytes();
			raw.push(check);
			Uscc::from_bytes(&raw).ok()
		})
		.expect("one of ten serials has a valid check character; qed")
}

/// Everything a preset varies.
struct Setup {
	institutions: Vec<Institution>,
	council: Vec<AccountId>,
	sudo: Option<AccountId>,
	city_authorities: Vec<(AccountId, u32)>,
	/// (USCC seat, admitting institution, account)
	subject: (u32, u32, AccountId),
	/// (account, verifying institution)
	objector: (AccountId, u32),
}

fn genesis(setup: Setup) -> Value {
	let Setup { institutions, council, sudo, city_authorities, subject, objector } = setup;
	let validators: Vec<Validator> = institutions.iter().map(|i| Validator::dev(i.who)).collect();
	let nodes: Vec<(sp_core::OpaquePeerId, AccountId)> = institutions
		.iter()
		.map(|i| (sp_core::OpaquePeerId(i.peer_id.to_vec()), i.who.to_account_id()))
		.collect();
	debug_assert!(nodes.iter().all(|(p, _)| p.0.len() as u32 <= MaxPeerIdLength::get()));
	let genesis_institutions: Vec<GenesisInstitution<AccountId>> = institutions
		.iter()
		.map(|i| GenesisInstitution {
			division: division(i.division),
			name: i.name.as_bytes().to_vec(),
			signing_key: i.signing_key,
			// Issue 14 §2: every dev institution co-signs with SM2 (`//<Who>//sm2`).
			sm2_key: Some(dev_sm2_key(&format!("{}//sm2", i.who.to_seed()))),
			validator: Some(i.who.to_account_id()),
			peer_id: Some(i.peer_id.to_vec()),
			operators: vec![i.who.to_account_id()],
		})
		.collect();
	let (seat, admitted_by, subject_account) = subject;
	let subjects = vec![GenesisSubject {
		uscc: demo_uscc(seat),
		name: "玉溪示范数据有限公司 (Yuxi Demo Data Co.)".as_bytes().to_vec(),
		division: division(seat),
		admitted_by: division(admitted_by),
		accounts: vec![subject_account],
	}];
	let (objector_account, verified_by) = objector;
	let persons = vec![GenesisPerson {
		account: objector_account,
		identity_digest: dengji_primitives::blake2_256(b"dengji-demo-person-ferdie"),
		verified_by: division(verified_by),
		kind: PersonKind::Individual,
	}];
	let years = pallet_calendar::official::cn_official_years()
		.expect("the embedded cn-holidays.json is checked by pallet-calendar's tests; qed");
	build_struct_json_patch!(RuntimeGenesisConfig {
		session: SessionConfig {
			keys: validators.iter().map(Validator::session_entry).collect::<Vec<_>>(),
		},
		council_membership: CouncilMembershipConfig {
			members: council.try_into().expect("at most MaxMembers council members; qed"),
		},
		node_authorization: NodeAuthorizationConfig { nodes },
		sudo: SudoConfig { key: sudo },
		calendar: CalendarConfig { years, day_length_ms: DEV_DAY_LENGTH_MS },
		institutions: InstitutionsConfig {
			institutions: genesis_institutions,
			city_authorities: city_authorities
				.into_iter()
				.map(|(a, d)| (a, division(d)))
				.collect::<Vec<_>>(),
			subjects,
			persons,
		},
	})
}

/// `development`: one institution, Yuxi (530400), whose validator and operator is Alice
/// (certificate key `//Alice//cert`); Alice is also the sudo key and the only council member.
/// Demo subject `//Eve` (seated in Yuxi 530400), real-name objector `//Ferdie`.
pub fn development_config_genesis() -> Value {
	let alice = Sr25519Keyring::Alice.to_account_id();
	genesis(Setup {
		institutions: vec![Institution {
			division: 530400,
			name: "玉溪市数字玉溪建设服务中心 (Yuxi)",
			who: Sr25519Keyring::Alice,
			signing_key: cert_keys::ALICE,
			peer_id: peer_ids::ALICE,
		}],
		council: vec![alice.clone()],
		sudo: Some(alice),
		city_authorities: vec![],
		subject: (530400, 530400, Sr25519Keyring::Eve.to_account_id()),
		objector: (Sr25519Keyring::Ferdie.to_account_id(), 530400),
	})
}

/// `local_testnet`: four institution validators — Kunming 530100 (Alice), Yuxi 530400 (Bob),
/// Hongta 530402 (Charlie, county, filed by the Yuxi city data authority `//One`), Chengjiang
/// 530481 (Dave, county) — each its own operator; the province data authority (530000) council
/// {Alice, Bob, Charlie}; no sudo. Demo subject `//Eve` seated in Hongta (530402), admitted by
/// Hongta; real-name objector `//Ferdie` verified by Hongta.
pub fn local_config_genesis() -> Value {
	genesis(Setup {
		institutions: vec![
			Institution {
				division: 530100,
				name: "昆明市数据登记中心 (Kunming)",
				who: Sr25519Keyring::Alice,
				signing_key: cert_keys::ALICE,
				peer_id: peer_ids::ALICE,
			},
			Institution {
				division: 530400,
				name: "玉溪市数字玉溪建设服务中心 (Yuxi)",
				who: Sr25519Keyring::Bob,
				signing_key: cert_keys::BOB,
				peer_id: peer_ids::BOB,
			},
			Institution {
				division: 530402,
				name: "红塔区数据登记机构 (Hongta)",
				who: Sr25519Keyring::Charlie,
				signing_key: cert_keys::CHARLIE,
				peer_id: peer_ids::CHARLIE,
			},
			Institution {
				division: 530481,
				name: "澄江市数据登记机构 (Chengjiang)",
				who: Sr25519Keyring::Dave,
				signing_key: cert_keys::DAVE,
				peer_id: peer_ids::DAVE,
			},
		],
		council: council_members(),
		sudo: None,
		city_authorities: vec![(Sr25519Keyring::One.to_account_id(), 530400)],
		subject: (530402, 530402, Sr25519Keyring::Eve.to_account_id()),
		objector: (Sr25519Keyring::Ferdie.to_account_id(), 530402),
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
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{Runtime, Session};
	use sp_runtime::BuildStorage;

	/// Merges a preset patch into the default genesis JSON, as `sc-chain-spec` does.
	fn merge(base: &mut Value, patch: Value) {
		match (base, patch) {
			(Value::Object(b), Value::Object(p)) => {
				for (k, v) in p {
					merge(b.entry(k).or_insert(Value::Null), v);
				}
			}
			(b, p) => *b = p,
		}
	}

	fn externalities(preset: &str) -> sp_io::TestExternalities {
		let patch: Value = serde_json::from_slice(
			&get_preset(&PresetId::from(preset)).expect("the preset exists"),
		)
		.expect("presets are JSON");
		let mut json =
			serde_json::to_value(RuntimeGenesisConfig::default()).expect("default serializes");
		merge(&mut json, patch);
		let config: RuntimeGenesisConfig =
			serde_json::from_value(json).expect("the preset fits the runtime's genesis config");
		config.build_storage().expect("genesis builds").into()
	}

	fn account(k: Sr25519Keyring) -> AccountId {
		k.to_account_id()
	}

	#[test]
	fn presets_are_listed() {
		assert_eq!(
			preset_names(),
			vec![DEV_RUNTIME_PRESET.to_string(), LOCAL_TESTNET_RUNTIME_PRESET.to_string()]
		);
		assert!(get_preset(&PresetId::from("nonexistent")).is_none());
	}

	#[test]
	fn development_has_one_validator_institution_and_sudo() {
		externalities(DEV_RUNTIME_PRESET).execute_with(|| {
			assert_eq!(Session::validators(), vec![account(Sr25519Keyring::Alice)]);
			assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(account(Sr25519Keyring::Alice)));
			let yuxi = pallet_institutions::Institutions::<Runtime>::get(division(530400))
				.expect("Yuxi is registered");
			assert_eq!(yuxi.signing_key, cert_keys::ALICE);
			assert_eq!(yuxi.sm2_key, Some(dev_sm2_key("//Alice//sm2")));
			assert_eq!(yuxi.validator, Some(account(Sr25519Keyring::Alice)));
			assert_eq!(pallet_node_authorization::WellKnownNodes::<Runtime>::get().len(), 1);
		});
	}

	#[test]
	fn local_has_four_validators_council_and_no_sudo() {
		externalities(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
			let who = [
				Sr25519Keyring::Alice,
				Sr25519Keyring::Bob,
				Sr25519Keyring::Charlie,
				Sr25519Keyring::Dave,
			];
			// Ordered by division code: Kunming, Yuxi, Hongta, Chengjiang.
			assert_eq!(Session::validators(), who.iter().map(|k| account(*k)).collect::<Vec<_>>());
			assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
			let mut council =
				pallet_collective::Members::<Runtime, crate::configs::CouncilCollective>::get();
			council.sort();
			let mut expected = council_members();
			expected.sort();
			assert_eq!(council, expected);
			for (code, key) in [
				(530100, cert_keys::ALICE),
				(530400, cert_keys::BOB),
				(530402, cert_keys::CHARLIE),
				(530481, cert_keys::DAVE),
			] {
				let i = pallet_institutions::Institutions::<Runtime>::get(division(code))
					.expect("institution registered");
				assert_eq!(i.signing_key, key);
				assert!(i
					.sm2_key
					.is_some_and(|k| dengji_primitives::sm2::validate_public(&k).is_ok()));
			}
			assert_eq!(pallet_node_authorization::WellKnownNodes::<Runtime>::get().len(), 4);
			assert!(demo_uscc(530402).is_valid());
		});
	}
}

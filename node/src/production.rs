//! Production chain specifications (`dengji-node production-spec`), built from a network file the
//! province data authority writes and the institutions agree on (`docs/operations.md`,
//! "Genesis ceremony"; example: `deploy/network.example.json`).
//!
//! A production chain differs from the `dev` and `local` presets in what it refuses to carry:
//! - days are real days (86 400 000 ms, Asia/Shanghai; docs/spec/DESIGN.md §4), not 4-second ones;
//! - there is no Sudo key: the data authority acts through its council (docs/spec/DESIGN.md §3);
//! - no well-known development key (`//Alice`, …, `//One`) may appear anywhere in it;
//! - the official calendar years come from the authority's `cn-holidays.json`-format file.
//!
//! The genesis is built from the runtime's own genesis types, then built into storage once (the raw
//! form) so that an invalid file (a bad division, a duplicate institution, a validator without an
//! allow-listed PeerId) fails here, before anyone starts a node on it.

use dengji_primitives::{
	sm2::{self, Sm2Public},
	DivisionCode, Ed25519Public,
};
use dengji_runtime::{
	opaque::SessionKeys, AccountId, CalendarConfig, CouncilMembershipConfig, GovernanceConfig,
	InstitutionsConfig, NodeAuthorizationConfig, RegistrationConfig, RuntimeGenesisConfig,
	SessionConfig, SudoConfig,
};
use frame_support::build_struct_json_patch;
use pallet_institutions::GenesisInstitution;
use sc_service::ChainType;
use serde::Deserialize;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{
	crypto::{AccountId32, Ss58Codec},
	ed25519, ByteArray,
};
use std::{
	collections::BTreeSet,
	path::{Path, PathBuf},
	str::FromStr,
};

/// Length of a day on a production chain: a real day (docs/spec/DESIGN.md §4).
pub const PRODUCTION_DAY_LENGTH_MS: u64 = 86_400_000;

/// The operator-written network file (JSON). Unknown fields are refused, so a misspelt key is
/// an error, not a silently missing value.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NetworkFile {
	/// Human-readable chain name, e.g. "云南省公共数据登记链 (Yunnan Public Data Registration)".
	pub name: String,
	/// Chain id (lowercase letters, digits and `_`), e.g. `dengji_yunnan`.
	pub id: String,
	/// libp2p protocol id; defaults to the chain id with `_` replaced by `-`.
	#[serde(default)]
	pub protocol_id: Option<String>,
	/// Accounts (SS58) of the province data authority's council members.
	pub council: Vec<String>,
	/// Registration institutions present at genesis.
	pub institutions: Vec<InstitutionEntry>,
	/// City data authorities: account (SS58) and city division.
	#[serde(default)]
	pub city_authorities: Vec<CityAuthorityEntry>,
	/// Path of the official calendar file (`cn-holidays.json` format), relative to the network
	/// file.
	pub calendar: PathBuf,
	/// Boot nodes (multiaddrs with `/p2p/<PeerId>`), usually one per institution.
	#[serde(default)]
	pub boot_nodes: Vec<String>,
	/// Blocks per session (`governance.sessionLength`); absent: the runtime's 10 minutes (200
	/// blocks). A validator set change takes effect within two sessions (issue 11 §4).
	#[serde(default)]
	pub session_length: Option<u32>,
}

/// One institution of the network file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstitutionEntry {
	/// Administrative division code (GB/T 2260), the institution's id.
	pub division: u32,
	/// Official name.
	pub name: String,
	/// Operator accounts (SS58), the clerks who sign registration acts.
	pub operators: Vec<String>,
	/// The institution's certificate-signing public key (ed25519, 0x-hex or SS58).
	pub certificate_key: String,
	/// The institution's SM2 co-signing public key (GB/T 32918, uncompressed SEC1 `0x04‖x‖y`,
	/// 0x-hex of 65 bytes), if it co-signs certificates (docs/national-crypto.md). Optional: it can
	/// also be registered later with `dengji authority set-sm2-key`.
	#[serde(default)]
	pub sm2_key: Option<String>,
	/// The validator of this institution, if it runs one.
	#[serde(default)]
	pub validator: Option<ValidatorEntry>,
}

/// The validator keys of an institution's node.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ValidatorEntry {
	/// Validator (stash and controller) account, SS58.
	pub account: String,
	/// Aura session key (sr25519 public, 0x-hex or SS58).
	pub aura: String,
	/// GRANDPA session key (ed25519 public, 0x-hex or SS58).
	pub grandpa: String,
	/// libp2p PeerId of the node (base58, `12D3KooW…`), allow-listed at genesis.
	pub peer_id: String,
}

/// A city data authority of the network file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CityAuthorityEntry {
	/// Account, SS58.
	pub account: String,
	/// City division code.
	pub division: u32,
}

/// Both forms of a production chain spec.
pub struct ProductionSpec {
	/// The chain id (file names: `<id>.json`, `<id>-raw.json`).
	pub id: String,
	/// Human-readable JSON (genesis as a runtime-config patch), for review by the institutions.
	pub plain: String,
	/// Raw JSON (genesis as storage), the file nodes start with.
	pub raw: String,
}

fn err(what: impl std::fmt::Display) -> String {
	what.to_string()
}

/// Public keys of every well-known development seed; none may appear in a production spec.
fn development_keys() -> BTreeSet<[u8; 32]> {
	let mut keys = BTreeSet::new();
	for k in sp_keyring::Sr25519Keyring::iter() {
		keys.insert(k.public().0);
	}
	for k in sp_keyring::Ed25519Keyring::iter() {
		keys.insert(k.public().0);
	}
	// The development presets' certificate keys (`//Alice//cert` …).
	for seed in ["//Alice//cert", "//Bob//cert", "//Charlie//cert", "//Dave//cert", "//Eve//cert"] {
		if let Ok(pair) = <ed25519::Pair as sp_core::Pair>::from_string(seed, None) {
			keys.insert(sp_core::Pair::public(&pair).0);
		}
	}
	keys
}

/// The development presets' SM2 keys (`//Alice//sm2` …), refused in production specs.
fn development_sm2_keys() -> Vec<Sm2Public> {
	["//Alice//sm2", "//Bob//sm2", "//Charlie//sm2", "//Dave//sm2", "//Eve//sm2"]
		.iter()
		.filter_map(|uri| sm2::public_from_secret(&sm2::dev_secret(uri)).ok())
		.collect()
}

/// Parses and checks an institution's SM2 public key: 65 bytes of uncompressed SEC1 on the SM2
/// curve, not a development key.
fn sm2_key(field: &str, value: &str) -> Result<Sm2Public, String> {
	let hex = value.strip_prefix("0x").ok_or_else(|| format!("{field}: not 0x-hex: {value}"))?;
	let bytes = hex::decode(hex).map_err(|e| format!("{field}: not hex ({e}): {value}"))?;
	let key: Sm2Public = bytes.try_into().map_err(|b: Vec<u8>| {
		format!("{field}: {} bytes, expected 65 (uncompressed SEC1 0x04‖x‖y)", b.len())
	})?;
	sm2::validate_public(&key)
		.map_err(|e| format!("{field}: not an uncompressed SM2 public key ({e}): {value}"))?;
	if development_sm2_keys().contains(&key) {
		return Err(format!(
			"{field}: {value} is a well-known development key; production specs must use the \
			 institution's own SM2 key (dengji key generate --scheme sm2)"
		));
	}
	Ok(key)
}

/// Parses a 32-byte public key given as 0x-hex or SS58.
fn public32(field: &str, value: &str) -> Result<[u8; 32], String> {
	if let Some(hex) = value.strip_prefix("0x") {
		let bytes = hex::decode(hex).map_err(|e| format!("{field}: not hex ({e}): {value}"))?;
		return bytes
			.try_into()
			.map_err(|b: Vec<u8>| format!("{field}: {} bytes, expected 32: {value}", b.len()));
	}
	AccountId32::from_ss58check(value)
		.map(Into::into)
		.map_err(|e| format!("{field}: neither 0x-hex nor SS58 ({e:?}): {value}"))
}

/// Everything the genesis needs, checked, with the keys decoded.
struct Checked {
	council: Vec<AccountId>,
	institutions: Vec<GenesisInstitution<AccountId>>,
	session_keys: Vec<(AccountId, AccountId, SessionKeys)>,
	nodes: Vec<(sp_core::OpaquePeerId, AccountId)>,
	city_authorities: Vec<(AccountId, DivisionCode)>,
	years: Vec<pallet_calendar::GenesisYear>,
}

/// Decodes public keys and refuses the well-known development ones.
struct Keys(BTreeSet<[u8; 32]>);

impl Keys {
	fn new() -> Self {
		Keys(development_keys())
	}

	fn key(&self, field: &str, value: &str) -> Result<[u8; 32], String> {
		let k = public32(field, value)?;
		if self.0.contains(&k) {
			return Err(format!(
				"{field}: {value} is a well-known development key; production specs must use the \
				 institution's own keys (dengji-node key generate)"
			));
		}
		Ok(k)
	}

	fn account(&self, field: &str, value: &str) -> Result<AccountId, String> {
		self.key(field, value).map(AccountId::from)
	}

	fn accounts(&self, field: &str, values: &[String]) -> Result<Vec<AccountId>, String> {
		values.iter().enumerate().map(|(i, a)| self.account(&format!("{field}[{i}]"), a)).collect()
	}
}

/// One institution's validator: its session keys and its allow-listed node.
struct Validator {
	account: AccountId,
	keys: SessionKeys,
	peer_id: Vec<u8>,
}

fn check_validator(keys: &Keys, at: &str, v: &ValidatorEntry) -> Result<Validator, String> {
	let account = keys.account(&format!("{at}.validator.account"), &v.account)?;
	let aura = AuraId::from_slice(&keys.key(&format!("{at}.validator.aura"), &v.aura)?)
		.map_err(|_| format!("{at}.validator.aura: not an sr25519 key"))?;
	let grandpa = GrandpaId::from_slice(&keys.key(&format!("{at}.validator.grandpa"), &v.grandpa)?)
		.map_err(|_| format!("{at}.validator.grandpa: not an ed25519 key"))?;
	let peer = sc_network_types::PeerId::from_str(&v.peer_id)
		.map_err(|e| format!("{at}.validator.peerId: {e}: {}", v.peer_id))?;
	Ok(Validator { account, keys: SessionKeys { aura, grandpa }, peer_id: peer.to_bytes() })
}

fn check_institution(
	keys: &Keys,
	i: usize,
	inst: &InstitutionEntry,
) -> Result<(GenesisInstitution<AccountId>, Option<Validator>), String> {
	let at = format!("institutions[{i}] ({})", inst.division);
	let division = DivisionCode::new(inst.division)
		.map_err(|e| format!("{at}.division: {} is not a division code: {e}", inst.division))?;
	if inst.operators.is_empty() {
		return Err(format!("{at}.operators: an institution needs at least one operator"));
	}
	let operators = keys.accounts(&format!("{at}.operators"), &inst.operators)?;
	let signing_key: Ed25519Public =
		keys.key(&format!("{at}.certificateKey"), &inst.certificate_key)?;
	let validator = inst.validator.as_ref().map(|v| check_validator(keys, &at, v)).transpose()?;
	let genesis = GenesisInstitution {
		division,
		name: inst.name.as_bytes().to_vec(),
		signing_key,
		sm2_key: inst
			.sm2_key
			.as_deref()
			.map(|k| sm2_key(&format!("{at}.sm2Key"), k))
			.transpose()?,
		validator: validator.as_ref().map(|v| v.account.clone()),
		peer_id: validator.as_ref().map(|v| v.peer_id.clone()),
		operators,
	};
	Ok((genesis, validator))
}

fn check_city_authority(
	keys: &Keys,
	i: usize,
	c: &CityAuthorityEntry,
) -> Result<(AccountId, DivisionCode), String> {
	let account = keys.account(&format!("cityAuthorities[{i}].account"), &c.account)?;
	let division = DivisionCode::new(c.division).map_err(|e| {
		format!("cityAuthorities[{i}].division: {} is not a division code: {e}", c.division)
	})?;
	Ok((account, division))
}

/// The official years of the calendar file (`cn-holidays.json` format), checked as `set_year`
/// checks them.
fn read_calendar(path: &Path) -> Result<Vec<pallet_calendar::GenesisYear>, String> {
	let calendar = std::fs::read_to_string(path)
		.map_err(|e| format!("calendar: cannot read {}: {e}", path.display()))?;
	pallet_calendar::official::official_years_from_json(&calendar)
		.map_err(|e| format!("calendar {}: {e}", path.display()))
}

fn check(file: &NetworkFile, base_dir: &Path) -> Result<Checked, String> {
	if file.id.is_empty()
		|| !file.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
	{
		return Err(format!("id: {:?} must be lowercase letters, digits and _", file.id));
	}
	if file.council.is_empty() {
		return Err("council: the data authority needs at least one council member".into());
	}
	if file.institutions.is_empty() {
		return Err("institutions: a network needs at least one institution".into());
	}
	let keys = Keys::new();
	let council = keys.accounts("council", &file.council)?;
	let mut checked = Checked {
		council,
		institutions: Vec::new(),
		session_keys: Vec::new(),
		nodes: Vec::new(),
		city_authorities: Vec::new(),
		years: read_calendar(&base_dir.join(&file.calendar))?,
	};
	for (i, inst) in file.institutions.iter().enumerate() {
		let (genesis, validator) = check_institution(&keys, i, inst)?;
		if let Some(v) = validator {
			checked.session_keys.push((v.account.clone(), v.account.clone(), v.keys));
			checked.nodes.push((sp_core::OpaquePeerId(v.peer_id), v.account));
		}
		checked.institutions.push(genesis);
	}
	if checked.session_keys.is_empty() {
		return Err("institutions: at least one institution must run a validator".into());
	}
	checked.city_authorities = file
		.city_authorities
		.iter()
		.enumerate()
		.map(|(i, c)| check_city_authority(&keys, i, c))
		.collect::<Result<_, _>>()?;
	Ok(checked)
}

/// The genesis patch of a checked network file.
fn genesis_patch(c: Checked, session_length: Option<u32>) -> Result<serde_json::Value, String> {
	let members = c.council.try_into().map_err(|_| "council: more members than MaxMembers")?;
	if session_length == Some(0) {
		return Err("sessionLength: 0 blocks; a session lasts at least 1 block".into());
	}
	Ok(build_struct_json_patch!(RuntimeGenesisConfig {
		governance: GovernanceConfig { session_length },
		session: SessionConfig { keys: c.session_keys },
		council_membership: CouncilMembershipConfig { members },
		node_authorization: NodeAuthorizationConfig { nodes: c.nodes },
		sudo: SudoConfig { key: None },
		// YX-R §14, §15, §18 ¶1, Q34: the business review and the materials by kind are
		// required at acceptance from the first block; YX-R §12: the basic details before
		// publicity.
		registration: RegistrationConfig {
			intake_business_review: true,
			intake_materials_by_kind: true,
			// YX-R §12: the nine items of the basic information before publicity.
			intake_basic_details: true,
		},
		calendar: CalendarConfig { years: c.years, day_length_ms: PRODUCTION_DAY_LENGTH_MS },
		institutions: InstitutionsConfig {
			institutions: c.institutions,
			city_authorities: c.city_authorities,
		},
	}))
}

/// Builds both forms of the production chain spec described by the network file at `path`.
pub fn build(path: &Path) -> Result<ProductionSpec, String> {
	let text = std::fs::read_to_string(path)
		.map_err(|e| format!("cannot read the network file {}: {e}", path.display()))?;
	let file: NetworkFile =
		serde_json::from_str(&text).map_err(|e| format!("network file {}: {e}", path.display()))?;
	build_from(&file, path.parent().unwrap_or(Path::new(".")))
}

/// Builds both forms of the production chain spec of `file` (relative paths from `base_dir`).
pub fn build_from(file: &NetworkFile, base_dir: &Path) -> Result<ProductionSpec, String> {
	let checked = check(file, base_dir)?;
	let patch = genesis_patch(checked, file.session_length)?;
	let boot_nodes = file
		.boot_nodes
		.iter()
		.map(|b| {
			sc_network::config::MultiaddrWithPeerId::from_str(b)
				.map_err(|e| format!("bootNodes: {b}: {e}"))
		})
		.collect::<Result<Vec<_>, _>>()?;
	let protocol_id = file.protocol_id.clone().unwrap_or_else(|| file.id.replace('_', "-"));
	let wasm = dengji_runtime::WASM_BINARY
		.ok_or("the runtime wasm is not available: rebuild without SKIP_WASM_BUILD")?;
	let spec = crate::chain_spec::ChainSpec::builder(wasm, None)
		.with_name(&file.name)
		.with_id(&file.id)
		.with_protocol_id(&protocol_id)
		.with_chain_type(ChainType::Live)
		.with_properties(crate::chain_spec::properties())
		.with_boot_nodes(boot_nodes)
		.with_genesis_config_patch(patch)
		.build();
	let plain = spec.as_json(false).map_err(err)?;
	// Building the raw form runs the runtime's genesis build: an inconsistent file fails here.
	let raw = spec.as_json(true).map_err(|e| format!("the genesis does not build: {e}"))?;
	Ok(ProductionSpec { id: file.id.clone(), plain, raw })
}

/// `dengji-node production-spec`: build a production chain spec from a network file.
#[derive(Debug, clap::Parser)]
pub struct ProductionSpecCmd {
	/// The network file (JSON; see `deploy/network.example.json`).
	#[arg(long, value_name = "FILE")]
	pub network: PathBuf,
	/// Directory for `<id>.json` (human-readable) and `<id>-raw.json` (what nodes start with).
	#[arg(long, value_name = "DIR", default_value = ".")]
	pub out: PathBuf,
}

impl ProductionSpecCmd {
	/// Writes both forms and prints their paths and the genesis hash's source.
	pub fn run(&self) -> Result<(), String> {
		let spec = build(&self.network)?;
		std::fs::create_dir_all(&self.out)
			.map_err(|e| format!("cannot create {}: {e}", self.out.display()))?;
		let plain = self.out.join(format!("{}.json", spec.id));
		let raw = self.out.join(format!("{}-raw.json", spec.id));
		std::fs::write(&plain, spec.plain)
			.map_err(|e| format!("cannot write {}: {e}", plain.display()))?;
		std::fs::write(&raw, spec.raw)
			.map_err(|e| format!("cannot write {}: {e}", raw.display()))?;
		println!("生产链规范 production chain spec:");
		println!("  {} (供审阅 for review)", plain.display());
		println!("  {} (节点启动用 start nodes with --chain)", raw.display());
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::{sr25519, Pair};

	fn sr(seed: &str) -> String {
		sr25519::Pair::from_string(seed, None).unwrap().public().to_ss58check()
	}
	fn ed_hex(seed: &str) -> String {
		format!("0x{}", hex::encode(ed25519::Pair::from_string(seed, None).unwrap().public().0))
	}
	fn peer() -> String {
		sc_network_types::PeerId::random().to_base58()
	}

	/// A four-institution network with fresh (non-development) keys, as in the ceremony.
	fn network(dir: &Path) -> NetworkFile {
		let calendar = dir.join("cn-holidays.json");
		std::fs::write(&calendar, pallet_calendar::official::CN_HOLIDAYS_JSON).unwrap();
		let inst = |i: u8, division: u32| InstitutionEntry {
			division,
			name: format!("机构 {division}"),
			operators: vec![sr(&format!("//prod-operator-{i}"))],
			certificate_key: ed_hex(&format!("//prod-cert-{i}")),
			sm2_key: None,
			validator: Some(ValidatorEntry {
				account: sr(&format!("//prod-validator-{i}")),
				aura: sr(&format!("//prod-aura-{i}")),
				grandpa: ed_hex(&format!("//prod-grandpa-{i}")),
				peer_id: peer(),
			}),
		};
		NetworkFile {
			name: "云南省公共数据登记链".into(),
			id: "dengji_yunnan".into(),
			protocol_id: None,
			council: (0..3).map(|i| sr(&format!("//prod-council-{i}"))).collect(),
			institutions: vec![inst(0, 530100), inst(1, 530400), inst(2, 530402), inst(3, 530481)],
			city_authorities: vec![CityAuthorityEntry {
				account: sr("//prod-yuxi-city"),
				division: 530400,
			}],
			calendar: "cn-holidays.json".into(),
			boot_nodes: vec![],
			session_length: None,
		}
	}

	#[test]
	fn production_spec_has_real_days_no_sudo_and_the_four_institutions() {
		let dir = tempfile::tempdir().unwrap();
		let spec = build_from(&network(dir.path()), dir.path()).unwrap();
		let plain: serde_json::Value = serde_json::from_str(&spec.plain).unwrap();
		assert_eq!(plain["chainType"], "Live");
		assert_eq!(plain["protocolId"], "dengji-yunnan");
		let patch = &plain["genesis"]["runtimeGenesis"]["patch"];
		assert_eq!(patch["calendar"]["dayLengthMs"], PRODUCTION_DAY_LENGTH_MS);
		assert!(patch["sudo"]["key"].is_null(), "no sudo key: {}", patch["sudo"]);
		// YX-R §14, §18 ¶1: intake requirements on from genesis.
		assert_eq!(patch["registration"]["intakeBusinessReview"], true);
		assert_eq!(patch["registration"]["intakeMaterialsByKind"], true);
		assert_eq!(patch["institutions"]["institutions"].as_array().unwrap().len(), 4);
		assert_eq!(patch["session"]["keys"].as_array().unwrap().len(), 4);
		assert_eq!(patch["nodeAuthorization"]["nodes"].as_array().unwrap().len(), 4);
		assert_eq!(patch["councilMembership"]["members"].as_array().unwrap().len(), 3);
		// The raw form is storage, and loads as a chain spec.
		let raw: serde_json::Value = serde_json::from_str(&spec.raw).unwrap();
		assert!(raw["genesis"]["raw"]["top"].as_object().unwrap().len() > 10);
		crate::chain_spec::ChainSpec::from_json_bytes(spec.raw.into_bytes()).unwrap();
	}

	#[test]
	fn production_spec_with_a_development_key_is_refused() {
		let dir = tempfile::tempdir().unwrap();
		let mut file = network(dir.path());
		file.institutions[1].operators.push(sr("//Alice"));
		let e = build_from(&file, dir.path()).err().unwrap();
		assert!(e.contains("institutions[1] (530400).operators[1]"), "{e}");
		assert!(e.contains("development key"), "{e}");

		let mut file = network(dir.path());
		file.institutions[0].certificate_key = ed_hex("//Alice//cert");
		let e = build_from(&file, dir.path()).err().unwrap();
		assert!(e.contains("certificateKey") && e.contains("development key"), "{e}");
	}

	fn sm2_hex(uri: &str) -> String {
		let key = sm2::public_from_secret(&sm2::dev_secret(uri)).unwrap();
		format!("0x{}", hex::encode(key))
	}

	/// Issue 14 §2: an institution's SM2 co-signing key can be set at genesis; development keys,
	/// compressed points and garbage are refused with the field named.
	#[test]
	fn production_spec_takes_sm2_keys_and_refuses_bad_ones() {
		let dir = tempfile::tempdir().unwrap();
		let mut file = network(dir.path());
		let key = sm2_hex("prod-sm2-0 (a fresh key in a real ceremony)");
		file.institutions[0].sm2_key = Some(key.clone());
		let spec = build_from(&file, dir.path()).unwrap();
		let plain: serde_json::Value = serde_json::from_str(&spec.plain).unwrap();
		let insts = &plain["genesis"]["runtimeGenesis"]["patch"]["institutions"]["institutions"];
		assert_eq!(insts[0]["sm2Key"], key, "{insts}");
		assert!(insts[1]["sm2Key"].is_null(), "{insts}");

		file.institutions[0].sm2_key = Some(sm2_hex("//Bob//sm2"));
		let e = build_from(&file, dir.path()).err().unwrap();
		assert!(e.contains("institutions[0] (530100).sm2Key") && e.contains("development"), "{e}");

		let compressed = format!("0x02{}", &key[4..68]);
		file.institutions[0].sm2_key = Some(compressed);
		let e = build_from(&file, dir.path()).err().unwrap();
		assert!(e.contains("sm2Key") && e.contains("expected 65"), "{e}");

		let mut off_curve = key.clone();
		off_curve.replace_range(130.., "00");
		file.institutions[0].sm2_key = Some(off_curve);
		let e = build_from(&file, dir.path()).err().unwrap();
		assert!(e.contains("sm2Key") && e.contains("not an uncompressed SM2 public key"), "{e}");
	}

	#[test]
	fn production_spec_bad_values_name_the_field() {
		let dir = tempfile::tempdir().unwrap();
		let mut file = network(dir.path());
		file.institutions[2].division = 123;
		let e = build_from(&file, dir.path()).err().unwrap();
		assert!(e.contains("institutions[2] (123).division"), "{e}");

		let mut file = network(dir.path());
		file.institutions[0].validator.as_mut().unwrap().peer_id = "not-a-peer".into();
		let e = build_from(&file, dir.path()).err().unwrap();
		assert!(e.contains("validator.peerId"), "{e}");

		let mut file = network(dir.path());
		file.council[0] = "5NotAnAddress".into();
		let e = build_from(&file, dir.path()).err().unwrap();
		assert!(e.contains("council[0]"), "{e}");

		let mut file = network(dir.path());
		file.calendar = "missing.json".into();
		let e = build_from(&file, dir.path()).err().unwrap();
		assert!(e.contains("calendar: cannot read"), "{e}");

		let mut file = network(dir.path());
		file.institutions.iter_mut().for_each(|i| i.validator = None);
		let e = build_from(&file, dir.path()).err().unwrap();
		assert!(e.contains("at least one institution must run a validator"), "{e}");
	}

	#[test]
	fn production_spec_that_does_not_build_is_refused() {
		// Two institutions with the same division: the runtime's genesis build refuses it.
		let dir = tempfile::tempdir().unwrap();
		let mut file = network(dir.path());
		file.institutions[1].division = 530100;
		let e = build_from(&file, dir.path()).err().unwrap();
		assert!(e.contains("the genesis does not build"), "{e}");
	}

	#[test]
	fn network_file_with_an_unknown_field_is_refused() {
		let e = serde_json::from_str::<NetworkFile>(
			r#"{"name":"x","id":"x","council":[],"institutions":[],"calendar":"c","sudo":"x"}"#,
		)
		.unwrap_err();
		assert!(e.to_string().contains("unknown field `sudo`"), "{e}");
	}

	#[test]
	fn example_network_file_parses() {
		let manifest = std::env::var("CARGO_MANIFEST_DIR")
			.unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
		let path = Path::new(&manifest).join("../deploy/network.example.json");
		let text = std::fs::read_to_string(&path).unwrap();
		let file: NetworkFile = serde_json::from_str(&text).unwrap();
		assert_eq!(file.institutions.len(), 4);
		build(&path).unwrap();
	}

	/// Issue 11 §4: the session length is part of the spec (`sessionLength`, blocks); zero is
	/// refused.
	#[test]
	fn production_spec_carries_the_session_length() {
		let dir = tempfile::tempdir().unwrap();
		let mut file = network(dir.path());
		file.session_length = Some(100);
		let spec = build_from(&file, dir.path()).unwrap();
		let plain: serde_json::Value = serde_json::from_str(&spec.plain).unwrap();
		assert_eq!(plain["genesis"]["runtimeGenesis"]["patch"]["governance"]["sessionLength"], 100);
		file.session_length = Some(0);
		let e = build_from(&file, dir.path()).err().unwrap();
		assert!(e.contains("sessionLength"), "{e}");
	}
}

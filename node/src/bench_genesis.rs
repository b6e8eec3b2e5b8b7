//! `dengji-node bench-spec`: a raw chain spec whose genesis state holds N registrations with
//! issued certificates, made by running the real pallet code natively (issue 15 §3, issue 12).
//!
//! The `development` or `local_testnet` preset is built (with real 24-hour days instead of the
//! presets' 4-second ones, so that certificates do not expire within the hour), then, in
//! [`BasicExternalities`] over that state, the dispatchables themselves run as the parties would
//! call them: the institution admits subjects (`Institutions::admit_subject`); day after day
//! (`--per-day` filings a day, ending the day before the spec is made; the registration pallet's
//! `on_idle` sweep runs each day) subjects file first registrations
//! (`Registration::submit_first_time`), the institution accepts and publishes them, and 25 days
//! after filing publicity is closed (`close_publicity`), the application approved
//! (`approve_application`, which drafts the certificate) and the draft issued
//! (`Certificate::issue`) with the institution's development key `//<Who>//cert`. Only the
//! clock (`Timestamp::Now`) is set directly; no other storage row is written by hand.
//!
//! A certificate signs the chain's genesis hash, which depends on the genesis state: those issued
//! inside the genesis sign the placeholder frame-system stores for block 0 before block 1
//! exists (`[69; 32]`), so they are real rows of the right size but do not verify against the
//! launched chain. `--pending K` leaves K more approved registrations drafted and writes one
//! signed `Certificate.issue` transaction per draft (`--issue-out`, hex, one per line) that signs
//! the real genesis hash: submitted to the running chain, they are a load of real issuances on a
//! state of N certificates, and the certificates they issue verify. Drafts must be issued on the
//! Asia/Shanghai day they were made (YX-R §23 ¶1).
//!
//! With `--database DIR` the genesis block and state go straight into a ParityDB database, as a
//! node writes them on its first start, and the spec names the state by its root only
//! (`"genesis": {"stateRootHash": …}`): the node (whose genesis builder runs only on an empty
//! database, `crate::service`) starts on a copy of it without a spec of gigabytes to parse and hold
//! (1.9 KB of JSON per registration). When the simulated days span more than the validity, the
//! certificate pallet's expiry sweep expires the oldest certificates as the days pass.

use codec::Encode;
use dengji_primitives::{
	blake2_256, certificate::CertificateBody, BoundedName, CertificateCode, DivisionCode,
	ObjectKind, Uscc,
};
use dengji_runtime::{AccountId, Runtime, RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin};
use sc_chain_spec::ChainSpec as _;
use sp_core::{ed25519, sr25519, storage::Storage, Pair, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::Era,
	traits::{BlakeTwo256, Block as BlockT, Hash as _},
	BuildStorage,
};
use sp_state_machine::BasicExternalities;
use std::{path::PathBuf, time::Instant};

/// Milliseconds in a real day.
const DAY_MS: u64 = 86_400_000;
/// Days from filing to the decision (publicity lasts 10 working days from publication).
const DECIDE_AFTER_DAYS: u32 = 25;
/// Publicity is closed, applications approved and certificates issued this long before.
const DECIDED_BEFORE_MS: u64 = 60_000;

/// `dengji-node bench-spec`.
#[derive(Debug, clap::Parser)]
pub struct BenchSpecCmd {
	/// Registrations with an issued certificate in the genesis state.
	#[arg(long, value_name = "N")]
	pub certificates: u32,

	/// Further approved registrations left with a drafted certificate, each with a signed
	/// `Certificate.issue` transaction in `--issue-out` (the benchmark's load).
	#[arg(long, value_name = "K", default_value_t = 0)]
	pub pending: u32,

	/// Registrations per admitted subject.
	#[arg(long, value_name = "R", default_value_t = 100)]
	pub per_subject: u32,

	/// Filings per simulated day (the registration pallet queues each running deadline on its
	/// due day, at most 256 a day).
	#[arg(long, value_name = "D", default_value_t = 100)]
	pub per_day: u32,

	/// Base preset: `dev` (one validator, Alice) or `local` (four validators).
	#[arg(long, default_value = "dev")]
	pub chain: String,

	/// Where to write the raw chain spec.
	#[arg(long, value_name = "FILE")]
	pub out: PathBuf,

	/// Where to write the `--pending` transactions (hex, one per line).
	#[arg(long, value_name = "FILE")]
	pub issue_out: Option<PathBuf>,

	/// Make the spec as if it were made this many hours ago: the genesis clock ends then, so
	/// that `dengji-node bench-blocks` can append a long chain of past slots after it (issue 15
	/// §4, `scripts/bench-sync.sh`). Drafts of `--pending` belong to that day.
	#[arg(long, value_name = "H", default_value_t = 0)]
	pub hours_ago: u32,

	/// Also write the genesis block and state into a new ParityDB database under this node base
	/// path (`DIR/chains/dengji_bench_N/paritydb/full`, as `--base-path DIR` opens it), and make
	/// `--out` a spec that carries only the genesis state root. A node started on that database
	/// neither parses nor holds nor rebuilds the genesis state: how a node holds 10^6
	/// certificates (issue 15 §3) without a 1.9 GB spec.
	#[arg(long, value_name = "DIR")]
	pub database: Option<PathBuf>,
}

impl BenchSpecCmd {
	/// Builds the state, writes the spec (and the transactions), prints a summary.
	pub fn run(&self) -> Result<(), String> {
		let preset = match self.chain.as_str() {
			"dev" => Preset::Dev,
			"local" => Preset::Local,
			other => return Err(format!("--chain {other}: dev or local")),
		};
		if self.pending > 0 && self.issue_out.is_none() {
			return Err("--pending needs --issue-out".into());
		}
		let wasm = dengji_runtime::WASM_BINARY
			.ok_or("the runtime wasm is not available: rebuild without SKIP_WASM_BUILD")?;
		let started = Instant::now();
		let now = std::time::SystemTime::now()
			.duration_since(std::time::UNIX_EPOCH)
			.map_err(|e| e.to_string())?
			.as_millis() as u64;
		let now = now
			.checked_sub(u64::from(self.hours_ago) * 3_600_000)
			.ok_or("--hours-ago: before 1970")?;
		let params = Params {
			preset,
			certificates: self.certificates,
			pending: self.pending,
			per_subject: self.per_subject.max(1),
			per_day: self.per_day,
			now_ms: now,
		};
		let built = build(&params, Some(wasm))?;
		let build_secs = started.elapsed().as_secs_f64();
		let mut spec = crate::chain_spec::ChainSpec::builder(wasm, None)
			.with_name(&format!("Dengji Bench {}", self.certificates))
			.with_id(&format!("dengji_bench_{}", self.certificates))
			.with_protocol_id("dengji-bench")
			.with_chain_type(match preset {
				Preset::Dev => sc_service::ChainType::Development,
				Preset::Local => sc_service::ChainType::Local,
			})
			.with_properties(crate::chain_spec::properties())
			.build();
		let keys = built.storage.top.len();
		let json = match &self.database {
			None => {
				spec.set_storage(built.storage);
				spec.as_json(true)?
			}
			Some(base) => {
				let path = base.join("chains").join(spec.id()).join("paritydb").join("full");
				let started = Instant::now();
				let (hash, root) = write_database(&path, built.storage)?;
				if hash != built.genesis_hash {
					return Err(format!(
						"the database's genesis {hash:?} is not the computed {:?}",
						built.genesis_hash
					));
				}
				println!(
					"genesis block {hash:?} written to {} in {:.1} s",
					path.display(),
					started.elapsed().as_secs_f64()
				);
				spec.set_storage(Storage::default());
				let mut value: serde_json::Value = serde_json::from_str(&spec.as_json(true)?)
					.map_err(|e| format!("spec JSON: {e}"))?;
				value["genesis"] = serde_json::json!({ "stateRootHash": format!("{root:?}") });
				serde_json::to_string_pretty(&value).map_err(|e| format!("spec JSON: {e}"))?
			}
		};
		std::fs::write(&self.out, &json)
			.map_err(|e| format!("writing {}: {e}", self.out.display()))?;
		if let Some(path) = &self.issue_out {
			let lines: String =
				built.issue_txs.iter().map(|tx| format!("0x{}\n", hex::encode(tx))).collect();
			std::fs::write(path, lines).map_err(|e| format!("writing {}: {e}", path.display()))?;
		}
		println!(
			"BENCH_SPEC_JSON {}",
			serde_json::json!({
				"certificates": built.issued,
				"pending": built.pending.len(),
				"issued_codes": built.samples.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
				"pending_codes": built.pending.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
				"subjects": built.subjects,
				"state_keys": keys,
				"spec_bytes": json.len(),
				"genesis_hash": format!("{:?}", built.genesis_hash),
				"build_secs": build_secs,
				"total_secs": started.elapsed().as_secs_f64(),
				"out": self.out.display().to_string(),
			})
		);
		Ok(())
	}
}

/// The preset the bench state starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
	/// `development`: Yuxi (Alice).
	Dev,
	/// `local_testnet`: Kunming, Yuxi, Hongta, Chengjiang (Alice … Dave).
	Local,
}

/// What to build.
#[derive(Clone, Debug)]
pub struct Params {
	/// Base preset.
	pub preset: Preset,
	/// Registrations issued in the genesis.
	pub certificates: u32,
	/// Registrations left drafted, with a signed issue transaction each.
	pub pending: u32,
	/// Registrations per subject.
	pub per_subject: u32,
	/// Filings per simulated day.
	pub per_day: u32,
	/// The instant the spec is made (ms since the Unix epoch).
	pub now_ms: u64,
}

/// The bench genesis.
pub struct Built {
	/// Genesis storage (`:code` included when given).
	pub storage: Storage,
	/// Hash of the genesis block this storage makes.
	pub genesis_hash: H256,
	/// Certificates issued in the genesis.
	pub issued: u32,
	/// Drafted certificates left for the signed transactions.
	pub pending: Vec<CertificateCode>,
	/// Signed `Certificate.issue` transactions (SCALE-encoded extrinsics), one per pending draft.
	pub issue_txs: Vec<Vec<u8>>,
	/// Subjects admitted.
	pub subjects: u32,
	/// The first and the last certificate issued in the genesis.
	pub samples: Vec<CertificateCode>,
}

/// An institution of the preset and the development keys that act for it.
struct Issuer {
	division: DivisionCode,
	operator: Sr25519Keyring,
	cert_key: ed25519::Pair,
	subjects: Vec<(AccountId, Uscc)>,
}

/// The preset's genesis storage with real days (`calendar.dayLengthMs` = 24 h).
fn preset_storage(preset: Preset) -> Result<Storage, String> {
	use dengji_runtime::genesis_config_presets as presets;
	let mut patch = match preset {
		Preset::Dev => presets::development_config_genesis(),
		Preset::Local => presets::local_config_genesis(),
	};
	let day = patch
		.get_mut("calendar")
		.and_then(|c| c.get_mut("dayLengthMs"))
		.ok_or("the preset has no calendar.dayLengthMs")?;
	*day = DAY_MS.into();
	let mut json = serde_json::to_value(RuntimeGenesisConfig::default())
		.map_err(|e| format!("default genesis config: {e}"))?;
	sc_chain_spec::json_patch::merge(&mut json, patch);
	let config: RuntimeGenesisConfig =
		serde_json::from_value(json).map_err(|e| format!("genesis config: {e}"))?;
	config.build_storage()
}

/// A USCC of bench subject `n` seated in `seat` (GB 32100 check character).
fn bench_uscc(seat: DivisionCode, n: u32) -> Result<Uscc, String> {
	for series in ['B', 'C', 'D', 'E', 'F', 'G'] {
		let first17 = format!("91{:06}{series}{n:08}", seat.get());
		if let Some(check) = Uscc::check_character(first17.as_bytes()) {
			let mut raw = first17.into_bytes();
			raw.push(check);
			if let Ok(uscc) = Uscc::from_bytes(&raw) {
				return Ok(uscc);
			}
		}
	}
	Err(format!("no valid USCC for subject {n} of {seat:?}"))
}

fn account(tag: &[u8], n: u32) -> AccountId {
	AccountId::new(blake2_256(&[tag, &n.to_le_bytes()].concat()))
}

fn name(text: String) -> Result<BoundedName, String> {
	text.into_bytes().try_into().map_err(|_| "name too long".to_string())
}

/// Sets chain time (`Timestamp::Now`, what every clock of the pallets reads). Not through
/// `Timestamp::set_timestamp`: that also runs Aura's slot check, and no block is being built.
fn set_now(ms: u64) {
	frame_support::storage::unhashed::put(
		&frame_support::storage::storage_prefix(b"Timestamp", b"Now"),
		&ms,
	);
}

fn ok<E: core::fmt::Debug>(what: &str, r: Result<(), E>) -> Result<(), String> {
	r.map_err(|e| format!("{what}: {e:?}"))
}

/// The institutions of the state, with the development keys (`//Alice` operator,
/// `//Alice//cert` certificate key, …) that the presets give them.
fn issuers() -> Result<Vec<Issuer>, String> {
	let keyrings = [
		Sr25519Keyring::Alice,
		Sr25519Keyring::Bob,
		Sr25519Keyring::Charlie,
		Sr25519Keyring::Dave,
		Sr25519Keyring::Eve,
		Sr25519Keyring::Ferdie,
	];
	let mut out = Vec::new();
	for (division, record) in pallet_institutions::Institutions::<Runtime>::iter() {
		let Some(operator) =
			keyrings.into_iter().find(|k| Some(k.to_account_id()) == record.validator)
		else {
			continue;
		};
		let cert_key = ed25519::Pair::from_string(&format!("{}//cert", operator.to_seed()), None)
			.map_err(|e| format!("cert key: {e:?}"))?;
		if cert_key.public().0 != record.signing_key {
			return Err(format!("{division:?}: signing key is not {}//cert", operator.to_seed()));
		}
		out.push(Issuer { division, operator, cert_key, subjects: Vec::new() });
	}
	out.sort_by_key(|i| i.division.get());
	if out.is_empty() {
		return Err("no institution with a development operator".into());
	}
	Ok(out)
}

/// The `on_idle` sweeps, unmetered: the registration pallet's deadlines due by now, and the
/// certificate pallet's expiry queue (certificates whose validity ended, YX-R §23 ¶2, when the
/// simulated days span more than the validity).
fn sweep() {
	use frame_support::traits::Hooks;
	<pallet_registration::Pallet<Runtime> as Hooks<u32>>::on_idle(
		0,
		frame_support::weights::Weight::MAX,
	);
	<pallet_certificate::Pallet<Runtime> as Hooks<u32>>::on_idle(
		0,
		frame_support::weights::Weight::MAX,
	);
}

/// The certificate drafted when application `app` was approved. Looked up by the code the
/// application records, not by iterating `Drafts`: in [`BasicExternalities`] every issued draft
/// stays behind as a deleted key that an iteration steps over, which made the genesis quadratic
/// in N (hours at 10^6).
fn draft_of(app: u64) -> Result<CertificateBody, String> {
	let code = pallet_registration::Applications::<Runtime>::get(app)
		.and_then(|a| a.certificate)
		.ok_or_else(|| format!("application {app}: approval drafted no certificate"))?;
	pallet_certificate::Drafts::<Runtime>::get(code).ok_or_else(|| format!("no draft {code}"))
}

/// Runs the procedure; see the module documentation.
pub fn build(p: &Params, code: Option<&[u8]>) -> Result<Built, String> {
	let mut storage = preset_storage(p.preset)?;
	let total = p.certificates + p.pending;
	// Simulated days, the last one ending a day before the spec is made.
	let days = total.div_ceil(p.per_day.max(1)) + DECIDE_AFTER_DAYS;
	let start_at = p.now_ms - (u64::from(days) + 1) * DAY_MS;
	let decided_at = p.now_ms - DECIDED_BEFORE_MS;
	let mut pending = Vec::new();
	let mut samples = Vec::new();
	let mut subjects = 0u32;
	let issuers = BasicExternalities::execute_with_storage(&mut storage, || {
		let mut issuers = issuers()?;
		let n_issuers = issuers.len() as u32;
		set_now(start_at);
		// Subjects: `per_subject` registrations each, spread over the institutions.
		let per_issuer = total.div_ceil(n_issuers);
		for issuer in issuers.iter_mut() {
			let op = RuntimeOrigin::signed(issuer.operator.to_account_id());
			for s in 0..per_issuer.div_ceil(p.per_subject) {
				let acc = account(b"dengji-bench-subject", subjects);
				let uscc = bench_uscc(issuer.division, subjects)?;
				ok(
					"admit_subject",
					pallet_institutions::Pallet::<Runtime>::admit_subject(
						op.clone(),
						uscc,
						name(format!("Bench Data Co. {s} of {}", issuer.division.get()))?,
						issuer.division,
						vec![acc.clone()].try_into().map_err(|_| "accounts")?,
					),
				)?;
				issuer.subjects.push((acc, uscc));
				subjects += 1;
			}
		}
		// Day by day: the registration pallet's sweep (`on_idle`), then a day's filings
		// (filed, accepted, published), then the registrations whose publicity ended
		// (`DECIDE_AFTER_DAYS` days after filing: closed, approved, issued). At most `per_day`
		// filings a day: every running deadline is queued on its due day, at most
		// `MaxDuePerDay` (256) a day.
		let first = pallet_registration::NextApplicationId::<Runtime>::get();
		let file = |j: u32| -> Result<(), String> {
			let issuer = &issuers[(j % n_issuers) as usize];
			let (acc, uscc) = &issuer.subjects[((j / n_issuers) / p.per_subject) as usize];
			let op = RuntimeOrigin::signed(issuer.operator.to_account_id());
			let app = pallet_registration::NextApplicationId::<Runtime>::get();
			let info = pallet_registration::BasicInfoInput {
				data_name: format!("基准数据资源 {j}").into_bytes(),
				summary: format!("bench data resource {j}: monthly aggregates").into_bytes(),
				content_digest: blake2_256(format!("form of bench data {j}").as_bytes()),
				materials: vec![blake2_256(format!("materials of bench data {j}").as_bytes())],
			};
			ok(
				"submit_first_time",
				pallet_registration::Pallet::<Runtime>::submit_first_time(
					RuntimeOrigin::signed(acc.clone()),
					issuer.division,
					*uscc,
					ObjectKind::DataResource,
					None,
					info,
				),
			)?;
			ok(
				"accept_application",
				pallet_registration::Pallet::<Runtime>::accept_application(op.clone(), app),
			)?;
			ok(
				"publish_application",
				pallet_registration::Pallet::<Runtime>::publish_application(op, app),
			)
		};
		let decide = |j: u32, samples: &mut Vec<CertificateCode>| -> Result<(), String> {
			let issuer = &issuers[(j % n_issuers) as usize];
			let op = RuntimeOrigin::signed(issuer.operator.to_account_id());
			let app = first + u64::from(j);
			// The `on_idle` sweep may have recorded the end of publicity already.
			match pallet_registration::Pallet::<Runtime>::close_publicity(op.clone(), app) {
				Err(e)
					if e.error
						== pallet_registration::Error::<Runtime>::PublicityAlreadyClosed.into() => {}
				r => r.map(|_| ()).map_err(|e| format!("close_publicity: {e:?}"))?,
			}
			ok(
				"approve_application",
				pallet_registration::Pallet::<Runtime>::approve_application(
					op.clone(),
					app,
					blake2_256(format!("approval decision {j}").as_bytes()),
				),
			)?;
			if j < p.certificates {
				let body = draft_of(app)?;
				let genesis = pallet_certificate::Pallet::<Runtime>::genesis_hash()
					.map_err(|e| format!("genesis hash: {e:?}"))?;
				let signature = issuer.cert_key.sign(&body.signing_payload(&genesis)).0;
				if j == 0 || j + 1 == p.certificates {
					samples.push(body.code);
				}
				ok(
					"issue",
					pallet_certificate::Pallet::<Runtime>::issue(op, body.code, signature),
				)?;
			}
			Ok(())
		};
		let per_day = p.per_day.max(1);
		let started = Instant::now();
		for day in 0..days {
			if day % 365 == 0 && day > 0 {
				// Progress on stderr (10^6 takes minutes): the summary stays alone on stdout.
				eprintln!(
					"bench-spec: day {day} of {days}, {} filings, {:.0} s",
					(day * per_day).min(total),
					started.elapsed().as_secs_f64()
				);
			}
			set_now(start_at + u64::from(day) * DAY_MS);
			sweep();
			for j in (day * per_day)..((day + 1) * per_day).min(total) {
				file(j)?;
			}
			if let Some(d) = day.checked_sub(DECIDE_AFTER_DAYS) {
				for j in (d * per_day)..((d + 1) * per_day).min(p.certificates) {
					decide(j, &mut samples)?;
				}
			}
		}
		// The pending ones today: drafts must be issued on their day.
		set_now(decided_at);
		sweep();
		for j in p.certificates..total {
			decide(j, &mut samples)?;
		}
		for (code, body) in pallet_certificate::Drafts::<Runtime>::iter() {
			pending.push((code, body));
		}
		pending.sort_by_key(|(code, _)| code.encode());
		Ok::<_, String>(issuers)
	})?;
	if let Some(code) = code {
		storage.top.insert(sp_core::storage::well_known_keys::CODE.to_vec(), code.to_vec());
	}
	let genesis_hash = genesis_hash(&storage);
	let issue_txs = issue_transactions(&mut storage, genesis_hash, &issuers, &pending)?;
	Ok(Built {
		storage,
		genesis_hash,
		issued: p.certificates,
		pending: pending.into_iter().map(|(c, _)| c).collect(),
		issue_txs,
		subjects,
		samples,
	})
}

/// Writes the genesis block of `storage` into a new ParityDB database at `path` as a node does on
/// its first start (`sc-service`'s genesis builder, state committed, block final); returns the
/// block's hash and state root.
fn write_database(path: &std::path::Path, storage: Storage) -> Result<(H256, H256), String> {
	use sc_chain_spec::BuildGenesisBlock as _;
	use sc_client_api::backend::{Backend as _, BlockImportOperation as _, NewBlockState};
	use sp_runtime::traits::Header as _;
	if path.exists() {
		return Err(format!("{} exists: remove it first", path.display()));
	}
	let fail = |what: &str| {
		let what = what.to_string();
		move |e: sp_blockchain::Error| format!("{what} ({}): {e}", path.display())
	};
	let backend = sc_service::new_db_backend::<dengji_runtime::opaque::Block>(
		sc_client_db::DatabaseSettings {
			trie_cache_maximum_size: None,
			state_pruning: None,
			source: sc_service::DatabaseSource::ParityDb { path: path.to_path_buf() },
			blocks_pruning: sc_service::BlocksPruning::KeepFinalized,
			pruning_filters: Vec::new(),
			metrics_registry: None,
		},
	)
	.map_err(fail("opening the database"))?;
	let executor = sc_executor::WasmExecutor::<crate::service::HostFunctions>::builder().build();
	let (block, mut op) = sc_chain_spec::GenesisBlockBuilder::new_with_storage(
		storage,
		true,
		backend.clone(),
		executor,
	)
	.and_then(|builder| builder.build_genesis_block())
	.map_err(fail("building the genesis block"))?;
	let (hash, root) = (block.header().hash(), *block.header().state_root());
	let (header, body) = block.deconstruct();
	op.set_block_data(header, Some(body), None, None, NewBlockState::Final, true)
		.map_err(fail("writing the genesis block"))?;
	backend.commit_operation(op).map_err(fail("writing the genesis block"))?;
	Ok((hash, root))
}

/// The hash of the genesis block of `storage`, as `sc-service` builds it.
pub fn genesis_hash(storage: &Storage) -> H256 {
	let version = dengji_runtime::VERSION.state_version();
	let root = BlakeTwo256::trie_root(
		storage.top.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
		version,
	);
	sc_chain_spec::construct_genesis_block::<dengji_runtime::opaque::Block>(root, version).hash()
}

/// One signed `Certificate.issue` per pending draft, by the issuer's operator (nonces from 0),
/// over the real genesis hash. The storage is left exactly as it was.
fn issue_transactions(
	storage: &mut Storage,
	genesis: H256,
	issuers: &[Issuer],
	pending: &[(CertificateCode, CertificateBody)],
) -> Result<Vec<Vec<u8>>, String> {
	let key = frame_system::BlockHash::<Runtime>::hashed_key_for(0u32);
	let placeholder = storage.top.get(&key).cloned();
	let txs = BasicExternalities::execute_with_storage(storage, || {
		// What block 1 records for block 0, and what the transactions are checked against.
		frame_system::BlockHash::<Runtime>::insert(0u32, genesis);
		let mut nonces = std::collections::BTreeMap::<AccountId, u32>::new();
		let mut txs = Vec::with_capacity(pending.len());
		for (code, body) in pending {
			let issuer = issuers
				.iter()
				.find(|i| i.division == body.issuer)
				.ok_or("draft of an unknown issuer")?;
			let signature = issuer.cert_key.sign(&body.signing_payload(&genesis.0)).0;
			let who = issuer.operator.to_account_id();
			let nonce = nonces.entry(who.clone()).or_insert(0);
			let call = RuntimeCall::Certificate(pallet_certificate::Call::issue {
				code: *code,
				signature,
			});
			txs.push(signed(&issuer.operator.pair(), call, *nonce)?);
			*nonce += 1;
		}
		Ok::<_, String>(txs)
	});
	match placeholder {
		Some(v) => storage.top.insert(key, v),
		None => storage.top.remove(&key),
	};
	txs
}

/// `call` signed by `signer` with every extension of the runtime, immortal, at `nonce`. Runs
/// in externalities holding the genesis hash (the extensions' implicit data is read from them).
fn signed(signer: &sr25519::Pair, call: RuntimeCall, nonce: u32) -> Result<Vec<u8>, String> {
	let tx_ext: dengji_runtime::TxExtension = (
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_institutions::CheckParticipant::<Runtime>::new(),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let payload = dengji_runtime::SignedPayload::new(call.clone(), tx_ext.clone())
		.map_err(|e| format!("signed payload: {e:?}"))?;
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	let xt = dengji_runtime::UncheckedExtrinsic::new_signed(
		call,
		AccountId::from(signer.public()).into(),
		dengji_runtime::Signature::Sr25519(signature),
		tx_ext,
	);
	Ok(xt.encode())
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Decode;
	use dengji_primitives::CertificateStatus;
	use sp_runtime::{
		generic::ExtrinsicFormat,
		traits::{Checkable, Verify},
	};

	/// Issue 15 §3: a small bench genesis made by the pallets passes their invariants, its
	/// certificates carry valid issuer signatures, and its pre-signed issue transactions verify
	/// against the real genesis hash and issue certificates once block 1 has recorded it.
	#[test]
	fn bench_genesis_of_20_certificates_is_sound() {
		let now = 1_796_560_000_000; // 2026-12-06 12:26:40 UTC
		let p = Params {
			preset: Preset::Local,
			certificates: 20,
			pending: 3,
			per_subject: 4,
			per_day: 5,
			now_ms: now,
		};
		let mut built = build(&p, None).expect("bench genesis builds");
		assert_eq!(built.pending.len(), 3);
		assert_eq!(built.issue_txs.len(), 3);
		// Four institutions, 23 registrations: 6 each at most, 4 per subject: 2 subjects each.
		assert_eq!(built.subjects, 8);
		assert_eq!(built.genesis_hash, genesis_hash(&built.storage), "deterministic");
		let genesis = built.genesis_hash;
		let txs = built.issue_txs.clone();
		BasicExternalities::execute_with_storage(&mut built.storage, || {
			let records: Vec<_> = pallet_certificate::Certificates::<Runtime>::iter().collect();
			assert_eq!(records.len(), 20);
			let placeholder = pallet_certificate::Pallet::<Runtime>::genesis_hash().unwrap();
			for (code, rec) in &records {
				assert_eq!(rec.status, CertificateStatus::Valid);
				assert_eq!(
					pallet_certificate::CurrentOf::<Runtime>::get(rec.body.registration),
					Some(*code)
				);
				let key = ed25519::Public::from_raw(rec.body.issuer_key);
				let sig = ed25519::Signature::from_raw(rec.signature);
				assert!(sig.verify(&rec.body.signing_payload(&placeholder)[..], &key));
			}
			assert_eq!(pallet_certificate::Drafts::<Runtime>::iter().count(), 3);
			#[cfg(feature = "try-runtime")]
			{
				use frame_support::traits::{TryState, TryStateSelect};
				<dengji_runtime::AllPalletsWithSystem as TryState<u32>>::try_state(
					0,
					TryStateSelect::All,
				)
				.expect("try_state holds on the bench genesis");
			}
			// Block 1 records the genesis hash; the pre-signed transactions then check and issue.
			frame_system::BlockHash::<Runtime>::insert(0u32, genesis);
			for tx in &txs {
				let xt = dengji_runtime::UncheckedExtrinsic::decode(&mut &tx[..]).unwrap();
				let checked = xt
					.check(&frame_system::ChainContext::<Runtime>::default())
					.expect("the transaction's signature covers the real genesis hash");
				let RuntimeCall::Certificate(pallet_certificate::Call::issue { code, signature }) =
					checked.function
				else {
					panic!("not an issue call");
				};
				let ExtrinsicFormat::Signed(who, _) = checked.format else {
					panic!("not a signed transaction");
				};
				pallet_certificate::Pallet::<Runtime>::issue(
					RuntimeOrigin::signed(who),
					code,
					signature,
				)
				.expect("the draft issues with the pre-signed signature");
			}
			assert_eq!(pallet_certificate::Certificates::<Runtime>::iter().count(), 23);
		});
	}
}

//! Bad input against the real runtime (issue 5, reliability, "bad input"): random and
//! malformed calls from participants, strangers and Root never panic the runtime, and a call
//! that fails never changes state.
//!
//! The state is the `development` genesis preset (Yuxi 530400 with operator `//Alice`, demo
//! subject `//Eve`, real-name person `//Ferdie`, the 2025/2026 calendar) built into
//! externalities of the real `dengji_runtime::Runtime`, with blocks advanced by the Dengji pallets'
//! hooks so that clocks and deadline queues move, and five applications seeded in different states
//! (one of them approved with an issued certificate) so that calls meet records that exist. Every
//! 4 096 calls the state starts again from genesis.
//!
//! Invariants: with `--features try-runtime`, `try_state` of every pallet is checked after every
//! 256 calls and at the end (the pallets compile their invariant checks only under that feature).
//! Root sends calls of the Dengji pallets only: Root's `System` calls write storage by design.
//!
//! Why `RuntimeCall::dispatch` and not `Executive::apply_extrinsic`: on a real chain
//! `apply_extrinsic` checks the signature and runs the transaction extensions (nonce, weight,
//! `CheckParticipant`), then calls exactly `RuntimeCall::dispatch(origin)`; every pallet call runs
//! in its own storage layer (FRAME's transactional dispatch), so a failed call must leave state
//! exactly as it was — events included, as they are storage too. The nonce, block weight and
//! `ExtrinsicFailed` event written around the call are bookkeeping of the extension pipeline, not
//! of the call, so comparing the storage root around `dispatch` is the sharpest check that still
//! matches the chain. Calls from non-participants are dispatched too although `CheckParticipant`
//! stops them at the pool: the pallets must hold without that first layer (defence in depth).
//!
//! Settings: `DENGJI_FUZZ_ITERS` (iterations per test, default 20 000), `DENGJI_FUZZ_SEED`
//! (default fixed), `DENGJI_FUZZ_SECS` (optional wall-clock budget; a run stops at whichever
//! limit comes first). `scripts/fuzz` runs these with long budgets.

use codec::{Compact, Decode, DecodeLimit, Encode};
use dengji_runtime::{
	genesis_config_presets::{demo_uscc, get_preset, DEV_RUNTIME_PRESET},
	AccountId, Runtime, RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin, UncheckedExtrinsic,
};
use frame_support::{
	dispatch::GetDispatchInfo,
	traits::{OnFinalize, OnIdle, OnInitialize},
	weights::Weight,
};
use scale_info::{PortableRegistry, TypeDef, TypeDefPrimitive};
use serde_json::Value;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Dispatchable, BuildStorage, StateVersion};
use std::{
	collections::BTreeMap,
	panic::{catch_unwind, resume_unwind, AssertUnwindSafe},
	time::{Duration, Instant},
};

/// The Dengji pallets whose hooks advance a block (their clocks and deadline queues).
type DengjiPallets = (
	dengji_runtime::Calendar,
	dengji_runtime::Institutions,
	dengji_runtime::Certificate,
	dengji_runtime::Registration,
);

/// Pallets whose calls are generated: System (0) and the Dengji pallets (10–13).
const TARGET_PALLETS: [(u8, &str); 5] = [
	(0, "System"),
	(10, "Calendar"),
	(11, "Institutions"),
	(12, "Certificate"),
	(13, "Registration"),
];

/// 2026-03-02 00:00 Asia/Shanghai, a Monday: the first block's timestamp.
const START_MS: u64 = 1_772_380_800_000;
/// Depth limit of call decoding on the chain (`sp_runtime::generic::UncheckedExtrinsic`).
const MAX_CALL_DEPTH: u32 = 256;
/// Calls per simulated block.
const CALLS_PER_BLOCK: u64 = 16;
/// Iterations per `execute_with` batch; the overlay is committed between batches.
const BATCH: u64 = 256;
/// Iterations per epoch: each epoch starts again from genesis, so that a Root call that ends the
/// only institution (disqualification) does not make every later call fail for the same reason.
const EPOCH: u64 = 4 * 1024;

// ---------------------------------------------------------------------------------------------
// Settings and randomness

fn env_u64(name: &str) -> Option<u64> {
	let v = std::env::var(name).ok()?;
	let v = v.trim();
	let parsed = match v.strip_prefix("0x") {
		Some(hex) => u64::from_str_radix(hex, 16),
		None => v.parse(),
	};
	Some(parsed.unwrap_or_else(|_| panic!("{name}={v} is not a number")))
}

struct Settings {
	seed: u64,
	iters: u64,
	budget: Option<Duration>,
}

impl Settings {
	fn from_env(default_seed: u64, default_iters: u64) -> Self {
		Settings {
			seed: env_u64("DENGJI_FUZZ_SEED").unwrap_or(default_seed),
			iters: env_u64("DENGJI_FUZZ_ITERS").unwrap_or(default_iters),
			budget: env_u64("DENGJI_FUZZ_SECS").map(Duration::from_secs),
		}
	}
}

/// SplitMix64: small, deterministic, good enough to pick inputs.
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^ (z >> 31)
	}
	/// Uniform in `0..n` (`n > 0`).
	fn below(&mut self, n: u64) -> u64 {
		self.next() % n
	}
	/// True with probability `num/den`.
	fn chance(&mut self, num: u64, den: u64) -> bool {
		self.below(den) < num
	}
	fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
		&items[self.below(items.len() as u64) as usize]
	}
	fn bytes(&mut self, n: usize) -> Vec<u8> {
		(0..n).map(|_| self.next() as u8).collect()
	}
}

// ---------------------------------------------------------------------------------------------
// The runtime under test

fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

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

/// Externalities of the `development` preset, at block 1 with the clock started.
fn dev_externalities() -> sp_io::TestExternalities {
	let patch: Value = serde_json::from_slice(
		&get_preset(&DEV_RUNTIME_PRESET.into()).expect("the development preset exists"),
	)
	.expect("presets are JSON");
	let mut json =
		serde_json::to_value(RuntimeGenesisConfig::default()).expect("default serializes");
	merge(&mut json, patch);
	let config: RuntimeGenesisConfig =
		serde_json::from_value(json).expect("the preset fits the runtime's genesis config");
	let mut ext: sp_io::TestExternalities = config.build_storage().expect("genesis builds").into();
	ext.execute_with(|| {
		advance_block();
		advance_block();
		seed_applications();
	});
	ext.commit_all().expect("commit genesis");
	ext
}

/// Applications in several states, so that fuzzed calls also meet applications that exist:
/// 0 received, 1 under review, 2 approved with its certificate issued, 3 in publicity with an
/// objection from `//Ferdie`, 4 with a deficiency notice (YX-R §16, §22, §23).
fn seed_applications() {
	use pallet_registration::{types::BasicInfoInput, Call};
	let (alice, eve, ferdie) = (
		RuntimeOrigin::signed(account(Sr25519Keyring::Alice)),
		RuntimeOrigin::signed(account(Sr25519Keyring::Eve)),
		RuntimeOrigin::signed(account(Sr25519Keyring::Ferdie)),
	);
	let yuxi = dengji_primitives::DivisionCode::new(530400).expect("valid division");
	let step = |origin: &RuntimeOrigin, call: Call<Runtime>| {
		let call = RuntimeCall::Registration(call);
		if let Err(e) = call.clone().dispatch(origin.clone()) {
			panic!("seeding: {call:?} failed: {e:?}");
		}
	};
	for n in 0..5u8 {
		step(
			&eve,
			Call::submit_first_time {
				institution: yuxi,
				subject: demo_uscc(530400),
				object: dengji_primitives::ObjectKind::DataResource,
				agreement: None,
				info: BasicInfoInput {
					data_name: format!("dataset {n}").into_bytes(),
					summary: b"public data of the fuzz seed".to_vec(),
					content_digest: [n; 32],
					materials: vec![[n; 32]],
				},
			},
		);
	}
	for application in 1..4 {
		step(&alice, Call::accept_application { application });
	}
	for application in 2..4 {
		step(&alice, Call::publish_application { application });
	}
	step(&ferdie, Call::lodge_objection { application: 3, content: [7; 32], evidence: [8; 32] });
	step(&alice, Call::request_supplement { application: 4, notice: [9; 32] });
	// Application 2: publicity (10 working days of 4 s) ends, Alice approves, the certificate is
	// drafted and Yuxi signs and issues it (so `Certificate` calls meet a real certificate).
	let approved = (0..200).any(|_| {
		advance_block();
		let _ = RuntimeCall::Registration(Call::close_publicity { application: 2 })
			.dispatch(alice.clone());
		RuntimeCall::Registration(Call::approve_application { application: 2, decision: [10; 32] })
			.dispatch(alice.clone())
			.is_ok()
	});
	assert!(approved, "seeding: application 2 approved within 200 blocks");
	let genesis: [u8; 32] = frame_system::BlockHash::<Runtime>::get(0).into();
	let key = <sp_core::ed25519::Pair as sp_core::Pair>::from_string("//Alice//cert", None)
		.expect("a development key");
	let drafts: Vec<_> = pallet_certificate::Drafts::<Runtime>::iter().collect();
	assert!(!drafts.is_empty(), "seeding: approval drafts a certificate");
	for (code, body) in drafts {
		let signature = sp_core::Pair::sign(&key, &body.signing_payload(&genesis)).0;
		let call = RuntimeCall::Certificate(pallet_certificate::Call::issue { code, signature });
		if let Err(e) = call.clone().dispatch(alice.clone()) {
			panic!("seeding: {call:?} failed: {e:?}");
		}
	}
}

/// Ends the current block and starts the next, 3 s later: the Dengji pallets' `on_idle` and
/// `on_finalize` (deadline sweeps, clock start), then `on_initialize` of the new block.
fn advance_block() {
	let n = frame_system::Pallet::<Runtime>::block_number();
	if n > 0 {
		let limit: Weight = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
		let quarter = Weight::from_parts(limit.ref_time() / 4, limit.proof_size() / 4);
		<DengjiPallets as OnIdle<u32>>::on_idle(n, quarter);
		<DengjiPallets as OnFinalize<u32>>::on_finalize(n);
	}
	let next = n + 1;
	frame_system::Pallet::<Runtime>::reset_events();
	frame_system::Pallet::<Runtime>::set_block_number(next);
	let now = START_MS + u64::from(next) * dengji_runtime::SLOT_DURATION;
	pallet_timestamp::Now::<Runtime>::put(now);
	// What the Aura pre-digest and the timestamp inherent keep in step on a real chain.
	pallet_aura::CurrentSlot::<Runtime>::put(sp_consensus_aura::Slot::from(
		now / dengji_runtime::SLOT_DURATION,
	));
	<DengjiPallets as OnInitialize<u32>>::on_initialize(next);
}

fn storage_root() -> Vec<u8> {
	sp_io::storage::root(StateVersion::V1)
}

/// Every pallet's `try_state` (`AllPalletsWithSystem`), when built with the `try-runtime`
/// feature (`cargo test -p dengji-runtime --features try-runtime --test bad_input`); the
/// pallets' invariant checks exist only under that feature.
fn check_invariants() {
	#[cfg(feature = "try-runtime")]
	{
		use dengji_runtime::*;
		use frame_support::traits::{TryState, TryStateSelect};
		let n = frame_system::Pallet::<Runtime>::block_number();
		// Pallet by pallet, so that a failure names its pallet and invariant.
		macro_rules! check {
			($($p:ident),*) => {$(
				if let Err(e) = <$p as TryState<u32>>::try_state(n, TryStateSelect::All) {
					panic!("try_state of {} fails at block {n}: {e:?}", stringify!($p));
				}
			)*};
		}
		check!(
			System,
			Timestamp,
			Aura,
			Grandpa,
			Session,
			Council,
			CouncilMembership,
			NodeAuthorization,
			Sudo,
			Calendar,
			Institutions,
			Certificate,
			Registration
		);
		<AllPalletsWithSystem as TryState<u32>>::try_state(n, TryStateSelect::All)
			.expect("try_state of every pallet holds");
	}
}

// ---------------------------------------------------------------------------------------------
// Structure-aware generation from the runtime's own type metadata

/// Values that reach deep states: known accounts, divisions, USCCs, keys.
struct Pools {
	accounts: Vec<[u8; 32]>,
	keys32: Vec<[u8; 32]>,
	divisions: Vec<u32>,
	usccs: Vec<[u8; 18]>,
}

impl Pools {
	fn new() -> Self {
		use Sr25519Keyring::*;
		let accounts: Vec<[u8; 32]> = [Alice, Bob, Charlie, Dave, Eve, Ferdie, One, Two]
			.iter()
			.map(|k| k.to_raw_public())
			.collect();
		let mut keys32 = accounts.clone();
		keys32.extend([
			dengji_runtime::genesis_config_presets::cert_keys::ALICE,
			dengji_runtime::genesis_config_presets::cert_keys::BOB,
		]);
		let usccs = [530400, 530402, 530100]
			.into_iter()
			.map(|seat| {
				let u = demo_uscc(seat).encode();
				<[u8; 18]>::try_from(&u[..]).expect("a USCC encodes as 18 bytes")
			})
			.collect();
		Pools {
			accounts,
			keys32,
			// Yuxi (dev institution), its counties, Kunming, the province, invalid codes.
			divisions: vec![530400, 530402, 530481, 530100, 530000, 110000, 0, 999_999],
			usccs,
		}
	}
}

struct Gen<'a> {
	reg: &'a PortableRegistry,
	rng: &'a mut Rng,
	pools: &'a Pools,
}

impl Gen<'_> {
	/// A length: mostly small, sometimes at or just past a runtime bound, rarely absurd.
	fn length(&mut self) -> u64 {
		match self.rng.below(20) {
			0..=13 => self.rng.below(4),
			14..=17 => *self.rng.pick(&[8, 15, 16, 17, 32, 33, 64, 65, 256, 257, 512, 513]),
			18 => self.rng.below(1024),
			_ => *self.rng.pick(&[1 << 16, 1 << 24, u32::MAX as u64]),
		}
	}

	/// An integer of `bits` bits: small, boundary or random.
	fn int(&mut self, bits: u32) -> u128 {
		let max = if bits >= 128 { u128::MAX } else { (1u128 << bits) - 1 };
		let v = match self.rng.below(10) {
			0..=4 => u128::from(self.rng.below(8)),
			5 => max,
			6 => max / 2 + 1,
			7 if bits == 16 => u128::from(2024 + self.rng.below(8)),
			7 if bits == 64 => u128::from(START_MS + self.rng.below(4) * 86_400_000 * 365),
			_ => u128::from(self.rng.next()) | (u128::from(self.rng.next()) << 64),
		};
		v & max
	}

	fn uint(&mut self, out: &mut Vec<u8>, bytes: usize) {
		let v = self.int(bytes as u32 * 8);
		out.extend_from_slice(&v.to_le_bytes()[..bytes.min(16)]);
		out.extend(std::iter::repeat_n(0u8, bytes.saturating_sub(16)));
	}

	/// Appends a random encoding of type `id`.
	fn value(&mut self, id: u32, out: &mut Vec<u8>, depth: u32) {
		let reg = self.reg;
		let ty = reg.resolve(id).expect("ids come from the registry");
		let name = ty.path.segments.last().map(String::as_str).unwrap_or("");
		match name {
			"AccountId32" if self.rng.chance(4, 5) => {
				let a = *self.rng.pick(&self.pools.accounts);
				out.extend_from_slice(&a);
				return;
			}
			"DivisionCode" if self.rng.chance(4, 5) => {
				let d = *self.rng.pick(&self.pools.divisions);
				d.encode_to(out);
				return;
			}
			"Uscc" if self.rng.chance(3, 4) => {
				let u = *self.rng.pick(&self.pools.usccs);
				out.extend_from_slice(&u);
				return;
			}
			// Codes near the seeded certificate 530400-2026-0000001 (and drafts after it).
			"CertificateCode" if self.rng.chance(2, 3) => {
				let d = *self.rng.pick(&[530400u32, 530400, 530402, 530100]);
				let year = *self.rng.pick(&[2026u16, 2026, 2025, 2027]);
				let serial = 1 + self.rng.below(3) as u32;
				(d, year, serial).encode_to(out);
				return;
			}
			// Nested calls (none in the Dengji pallets today): a harmless remark.
			"RuntimeCall" if depth > 0 => {
				RuntimeCall::System(frame_system::Call::remark { remark: vec![] }).encode_to(out);
				return;
			}
			_ => {}
		}
		if depth > 12 {
			// Too deep for a sensible value: whatever bytes (decoding will judge them).
			out.extend(self.rng.bytes(4));
			return;
		}
		match &ty.type_def {
			TypeDef::Composite(c) => {
				for f in &c.fields {
					self.value(f.ty.id, out, depth + 1);
				}
			}
			TypeDef::Variant(v) => {
				if v.variants.is_empty() || self.rng.chance(1, 64) {
					out.push(self.rng.next() as u8); // most likely no such variant
					return;
				}
				let var = self.rng.pick(&v.variants);
				out.push(var.index);
				for f in &var.fields {
					self.value(f.ty.id, out, depth + 1);
				}
			}
			TypeDef::Sequence(s) => {
				let elem = s.type_param.id;
				let is_byte = matches!(
					reg.resolve(elem).map(|t| &t.type_def),
					Some(TypeDef::Primitive(TypeDefPrimitive::U8))
				);
				if is_byte {
					self.text(out);
					return;
				}
				let len = self.length();
				Compact(len as u32).encode_to(out);
				// Absurd lengths are sent with a short body: decoding must refuse them cheaply.
				for _ in 0..len.min(80) {
					self.value(elem, out, depth + 1);
				}
			}
			TypeDef::Array(a) => {
				let elem = a.type_param.id;
				let is_byte = matches!(
					self.reg.resolve(elem).map(|t| &t.type_def),
					Some(TypeDef::Primitive(TypeDefPrimitive::U8))
				);
				if is_byte && a.len == 32 && self.rng.chance(1, 3) {
					let k = *self.rng.pick(&self.pools.keys32);
					out.extend_from_slice(&k);
				} else if is_byte {
					out.extend(self.rng.bytes(a.len as usize));
				} else {
					for _ in 0..a.len.min(64) {
						self.value(elem, out, depth + 1);
					}
				}
			}
			TypeDef::Tuple(t) => {
				for f in &t.fields {
					self.value(f.id, out, depth + 1);
				}
			}
			TypeDef::Primitive(p) => self.primitive(p, out),
			TypeDef::Compact(_) => {
				let v = self.int(64) as u64;
				Compact(v).encode_to(out);
			}
			TypeDef::BitSequence(_) => {
				let len = self.length().min(256);
				Compact(len as u32).encode_to(out);
				out.extend(self.rng.bytes(len.div_ceil(8) as usize));
			}
		}
	}

	/// A `Vec<u8>` (names, summaries, remarks): mostly text of a plausible length, sometimes at
	/// or past a bound, sometimes arbitrary bytes or an absurd length prefix.
	fn text(&mut self, out: &mut Vec<u8>) {
		let len = match self.rng.below(20) {
			0..=13 => 1 + self.rng.below(24),
			14..=17 => *self.rng.pick(&[0, 63, 64, 65, 127, 128, 129, 255, 256, 511, 512, 513]),
			18 => self.rng.below(1024),
			_ => *self.rng.pick(&[1 << 16, 1 << 24, u32::MAX as u64]),
		};
		Compact(len as u32).encode_to(out);
		let body = len.min(1024) as usize;
		match self.rng.below(8) {
			0..=5 => out.extend((0..body).map(|_| b'a' + (self.rng.below(26) as u8))),
			6 => {
				// UTF-8 text, possibly cut inside a character.
				let text = "登记数据".repeat(body / 12 + 1);
				out.extend_from_slice(&text.as_bytes()[..body]);
			}
			_ => out.extend(self.rng.bytes(body)),
		}
	}

	fn primitive(&mut self, p: &TypeDefPrimitive, out: &mut Vec<u8>) {
		match p {
			TypeDefPrimitive::Bool => out.push(if self.rng.chance(1, 32) {
				2 // not a bool
			} else {
				self.rng.below(2) as u8
			}),
			TypeDefPrimitive::Char => {
				out.extend((self.rng.next() as u32 % 0x11_0000).to_le_bytes())
			}
			TypeDefPrimitive::Str => {
				let len = self.length().min(1024);
				Compact(len as u32).encode_to(out);
				out.extend((0..len).map(|_| b'a' + (self.rng.below(26) as u8)));
			}
			TypeDefPrimitive::U8 | TypeDefPrimitive::I8 => self.uint(out, 1),
			TypeDefPrimitive::U16 | TypeDefPrimitive::I16 => self.uint(out, 2),
			TypeDefPrimitive::U32 | TypeDefPrimitive::I32 => self.uint(out, 4),
			TypeDefPrimitive::U64 | TypeDefPrimitive::I64 => self.uint(out, 8),
			TypeDefPrimitive::U128 | TypeDefPrimitive::I128 => self.uint(out, 16),
			TypeDefPrimitive::U256 | TypeDefPrimitive::I256 => self.uint(out, 32),
		}
	}
}

/// One call of a target pallet: its pallet index, call index, names and argument types.
struct CallShape {
	pallet: u8,
	pallet_name: &'static str,
	call: u8,
	call_name: String,
	fields: Vec<u32>,
}

/// Every call of the target pallets, from the runtime's `RuntimeCall` type metadata.
fn call_shapes(reg: &PortableRegistry, runtime_call: u32) -> Vec<CallShape> {
	let TypeDef::Variant(pallets) = &reg.resolve(runtime_call).expect("registered").type_def else {
		panic!("RuntimeCall is an enum");
	};
	let mut shapes = Vec::new();
	for (index, pallet_name) in TARGET_PALLETS {
		let pv = pallets
			.variants
			.iter()
			.find(|v| v.index == index)
			.unwrap_or_else(|| panic!("pallet {pallet_name} has calls at index {index}"));
		assert_eq!(pv.name, pallet_name, "pallet index {index}");
		let call_ty = pv.fields[0].ty.id;
		let TypeDef::Variant(calls) = &reg.resolve(call_ty).expect("registered").type_def else {
			panic!("{pallet_name}::Call is an enum");
		};
		for c in &calls.variants {
			shapes.push(CallShape {
				pallet: index,
				pallet_name,
				call: c.index,
				call_name: c.name.clone(),
				fields: c.fields.iter().map(|f| f.ty.id).collect(),
			});
		}
	}
	shapes
}

fn registry() -> (PortableRegistry, u32) {
	let mut reg = scale_info::Registry::new();
	let id = reg.register_type(&scale_info::meta_type::<RuntimeCall>()).id;
	(reg.into(), id)
}

fn insert_at(bytes: &mut Vec<u8>, pos: usize, extra: &[u8]) {
	let tail = bytes.split_off(pos);
	bytes.extend_from_slice(extra);
	bytes.extend(tail);
}

/// Mutates an encoding in place: flips, overwrites, inserts, deletes, truncates, splices.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, pools: &Pools) {
	let rounds = 1 + rng.below(3);
	for _ in 0..rounds {
		// Keep the pallet and call index most of the time, so the arguments are what changes.
		let lo = if bytes.len() > 2 && rng.chance(7, 8) { 2 } else { 0 };
		let len = bytes.len();
		let pos = if len > lo { lo + rng.below((len - lo) as u64) as usize } else { len };
		match rng.below(8) {
			0 if pos < len => bytes[pos] ^= 1 << rng.below(8),
			1 if pos < len => bytes[pos] = *rng.pick(&[0, 1, 0x7f, 0x80, 0xfe, 0xff]),
			2 => {
				let n = 1 + rng.below(8) as usize;
				let extra = rng.bytes(n);
				insert_at(bytes, pos, &extra);
			}
			3 if pos < len => {
				let end = (pos + 1 + rng.below(8) as usize).min(len);
				bytes.drain(pos..end);
			}
			4 => bytes.truncate(pos),
			5 if pos + 4 <= len => {
				let d = *rng.pick(&pools.divisions);
				bytes[pos..pos + 4].copy_from_slice(&d.to_le_bytes());
			}
			6 if pos + 32 <= len => {
				let a = *rng.pick(&pools.accounts);
				bytes[pos..pos + 32].copy_from_slice(&a);
			}
			_ => {
				// A compact length prefix claiming far more than follows.
				let prefix = Compact(*rng.pick(&[64u32, 1 << 14, 1 << 30])).encode();
				insert_at(bytes, pos, &prefix);
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Dispatch and bookkeeping

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Who {
	Participant,
	Stranger,
	Root,
}

#[derive(Default)]
struct Counts {
	generated: u64,
	decoded: u64,
	dispatched: u64,
	failed: u64,
	succeeded: u64,
	overweight: u64,
}

#[derive(Default)]
struct Stats {
	per_pallet: BTreeMap<String, Counts>,
	per_origin: BTreeMap<(Who, bool), u64>,
	successes_per_call: BTreeMap<String, u64>,
	decoded_per_call: BTreeMap<(u8, u8), u64>,
	iterations: u64,
}

impl Stats {
	fn print(&self, title: &str, seed: u64, elapsed: Duration) {
		println!(
			"{title}: seed {seed:#x}, {} iterations in {:.1} s ({:.0}/s)",
			self.iterations,
			elapsed.as_secs_f64(),
			self.iterations as f64 / elapsed.as_secs_f64().max(1e-9)
		);
		println!(
			"  {:<14} {:>9} {:>9} {:>10} {:>8} {:>9} {:>10}",
			"pallet", "generated", "decoded", "dispatched", "failed", "succeeded", "overweight"
		);
		for (p, c) in &self.per_pallet {
			println!(
				"  {:<14} {:>9} {:>9} {:>10} {:>8} {:>9} {:>10}",
				p, c.generated, c.decoded, c.dispatched, c.failed, c.succeeded, c.overweight
			);
		}
		for ((who, ok), n) in &self.per_origin {
			println!("  origin {who:?}: {} {n}", if *ok { "succeeded" } else { "failed" });
		}
		if !self.successes_per_call.is_empty() {
			let list: Vec<String> =
				self.successes_per_call.iter().map(|(c, n)| format!("{c}={n}")).collect();
			println!("  successful calls: {}", list.join(" "));
		}
	}
}

fn pallet_name(index: u8) -> String {
	TARGET_PALLETS
		.iter()
		.find(|(i, _)| *i == index)
		.map(|(_, n)| n.to_string())
		.unwrap_or_else(|| format!("pallet#{index}"))
}

/// The origin a call is sent from. Root only for the Dengji pallets: Root's `System` calls write
/// arbitrary storage by design.
fn pick_origin(rng: &mut Rng, pallet: u8) -> (Who, RuntimeOrigin, AccountId) {
	use Sr25519Keyring::*;
	let r = rng.below(16);
	if r == 0 && pallet != 0 {
		return (Who::Root, RuntimeOrigin::root(), account(Alice));
	}
	if r < 4 {
		// Not a participant in the development preset.
		let who = account(*rng.pick(&[Dave, Two]));
		return (Who::Stranger, RuntimeOrigin::signed(who.clone()), who);
	}
	// Operator of Yuxi, the demo subject, the real-name objector.
	let who = account(*rng.pick(&[Alice, Alice, Eve, Eve, Ferdie]));
	(Who::Participant, RuntimeOrigin::signed(who.clone()), who)
}

/// Decodes `bytes` as the chain does and, for a target pallet, dispatches the call and checks that
/// a failure changed nothing. Returns the call's encoding if it succeeded.
fn decode_and_dispatch(
	bytes: &[u8],
	rng: &mut Rng,
	stats: &mut Stats,
	label: &str,
) -> Option<Vec<u8>> {
	let pallet = bytes.first().copied().unwrap_or(0);
	let targeted = TARGET_PALLETS.iter().any(|(i, _)| *i == pallet);
	let key = pallet_name(pallet);
	stats.per_pallet.entry(key.clone()).or_default().generated += 1;
	let decoded =
		catch_unwind(|| RuntimeCall::decode_all_with_depth_limit(MAX_CALL_DEPTH, &mut &bytes[..]))
			.unwrap_or_else(|p| {
				eprintln!("{label}: decoding panicked on 0x{}", hex(bytes));
				resume_unwind(p)
			});
	let Ok(call) = decoded else {
		return None;
	};
	let counts = stats.per_pallet.entry(key).or_default();
	counts.decoded += 1;
	*stats.decoded_per_call.entry((bytes[0], bytes[1])).or_default() += 1;
	// Round trip: a decoded call re-encodes to the same bytes (no ambiguous encodings).
	assert_eq!(call.encode(), bytes, "{label}: {call:?} re-encodes differently");
	if !targeted {
		return None;
	}
	let info = call.get_dispatch_info();
	let max_extrinsic = <Runtime as frame_system::Config>::BlockWeights::get()
		.get(frame_support::dispatch::DispatchClass::Normal)
		.max_extrinsic
		.unwrap_or(Weight::MAX);
	if info.total_weight().any_gt(max_extrinsic) {
		// `CheckWeight` refuses such a transaction before dispatch.
		counts.overweight += 1;
		return None;
	}
	let (who, origin, _account) = pick_origin(rng, pallet);
	counts.dispatched += 1;
	let before = storage_root();
	let result =
		catch_unwind(AssertUnwindSafe(|| call.clone().dispatch(origin))).unwrap_or_else(|p| {
			eprintln!(
				"{label}: dispatch from {who:?} panicked: {call:?}\n  encoded 0x{}",
				hex(bytes)
			);
			resume_unwind(p)
		});
	let ok = result.is_ok();
	*stats.per_origin.entry((who, ok)).or_default() += 1;
	let counts = stats.per_pallet.entry(pallet_name(pallet)).or_default();
	if ok {
		counts.succeeded += 1;
		let name = format!("{call:?}");
		let short = name.split(['{', '(', ' ']).take(2).collect::<Vec<_>>().join("::");
		*stats.successes_per_call.entry(short).or_default() += 1;
		Some(bytes.to_vec())
	} else {
		counts.failed += 1;
		let after = storage_root();
		assert_eq!(
			before,
			after,
			"{label}: failed call from {who:?} changed state: {call:?} -> {:?}\n  encoded 0x{}",
			result.err(),
			hex(bytes)
		);
		None
	}
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs `step` for each iteration in batches of [`BATCH`] inside `execute_with`, advancing a
/// block every [`CALLS_PER_BLOCK`] iterations and checking the invariants after every batch.
fn run(
	ext: &mut sp_io::TestExternalities,
	settings: &Settings,
	mut step: impl FnMut(u64, &mut Rng, &mut Stats),
) -> (Stats, Duration) {
	let start = Instant::now();
	let mut rng = Rng(settings.seed);
	let mut stats = Stats::default();
	let mut i = 0;
	while i < settings.iters {
		if settings.budget.is_some_and(|b| start.elapsed() >= b) {
			break;
		}
		if i > 0 && i % EPOCH == 0 {
			*ext = dev_externalities();
		}
		let end = (i + BATCH).min(settings.iters);
		ext.execute_with(|| {
			while i < end {
				if i % CALLS_PER_BLOCK == 0 {
					advance_block();
				}
				step(i, &mut rng, &mut stats);
				stats.iterations += 1;
				i += 1;
			}
			check_invariants();
		});
		ext.commit_all().expect("commit the batch");
	}
	(stats, start.elapsed())
}

// ---------------------------------------------------------------------------------------------
// Tests

/// Issue 5 "bad input" (a): random byte strings, most of them with a pallet index of the runtime
/// in front, decoded as `RuntimeCall` and as a whole `UncheckedExtrinsic`: decoding never panics,
/// a decoded call re-encodes to the same bytes, and a decoded call of System or a Dengji pallet
/// dispatched from a participant, a stranger or Root never panics and, when it fails, leaves the
/// storage root unchanged.
#[test]
fn random_bytes_never_panic_decoding_or_dispatch() {
	let settings = Settings::from_env(0xd3_1a_5e_ed, 20_000);
	let mut ext = dev_externalities();
	let runtime_pallets: [u8; 13] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13];
	let mut extrinsics_decoded = 0u64;
	let (stats, elapsed) = run(&mut ext, &settings, |i, rng, stats| {
		let len = rng.below(96) as usize;
		let mut bytes = rng.bytes(len);
		if !bytes.is_empty() && rng.chance(7, 8) {
			bytes[0] = *rng.pick(&runtime_pallets);
		}
		if bytes.len() > 1 && rng.chance(3, 4) {
			bytes[1] = rng.below(32) as u8;
		}
		decode_and_dispatch(&bytes, rng, stats, &format!("random #{i}"));
		// The same bytes as the body of an extrinsic of each version (bare v4/v5, signed v4,
		// general v5): the pool decodes exactly this.
		let mut xt = Vec::with_capacity(bytes.len() + 8);
		Compact(bytes.len() as u32 + 1).encode_to(&mut xt);
		xt.push(*rng.pick(&[0x04, 0x05, 0x84, 0x45]));
		xt.extend_from_slice(&bytes);
		let decoded =
			catch_unwind(|| UncheckedExtrinsic::decode(&mut &xt[..])).unwrap_or_else(|p| {
				eprintln!("random #{i}: extrinsic decoding panicked on 0x{}", hex(&xt));
				resume_unwind(p)
			});
		extrinsics_decoded += u64::from(decoded.is_ok());
	});
	stats.print("random bytes", settings.seed, elapsed);
	println!("  random extrinsics that decoded: {extrinsics_decoded}");
	let decoded: u64 = stats.per_pallet.values().map(|c| c.decoded).sum();
	assert!(
		stats.iterations == 0 || decoded > 0,
		"some random inputs decode (the generator reaches the calls)"
	);
}

/// Issue 5 "bad input" (b): for every call of System, Calendar (10), Institutions (11),
/// Certificate (12) and Registration (13), arguments generated from the runtime's own type
/// metadata (oversized vectors, unknown ids, invalid division codes and USCCs, enum indices that
/// do not exist, absurd length prefixes) and mutations of calls that succeeded earlier (valid
/// calls with one field changed), dispatched from participants, strangers and Root: no panic, a
/// failed call leaves the storage root unchanged, and the pallets' invariants (`try_state`) hold
/// after every batch of 256 calls and at the end.
#[test]
fn structured_calls_never_panic_and_failures_change_nothing() {
	let settings = Settings::from_env(0x5eed_0005, 20_000);
	let (reg, runtime_call) = registry();
	let shapes = call_shapes(&reg, runtime_call);
	let pools = Pools::new();
	let mut corpus: Vec<Vec<u8>> = Vec::new();
	let mut ext = dev_externalities();
	let (stats, elapsed) = run(&mut ext, &settings, |i, rng, stats| {
		let bytes = if !corpus.is_empty() && rng.chance(1, 3) {
			let mut b = rng.pick(&corpus).clone();
			mutate(rng, &mut b, &pools);
			b
		} else {
			// Round-robin over every call, so each call index gets its share.
			let shape = &shapes[(i as usize) % shapes.len()];
			let mut b = vec![shape.pallet, shape.call];
			let mut g = Gen { reg: &reg, rng: &mut *rng, pools: &pools };
			for f in &shape.fields {
				g.value(*f, &mut b, 1);
			}
			if rng.chance(1, 16) {
				mutate(rng, &mut b, &pools);
			}
			b
		};
		let ok = decode_and_dispatch(&bytes, rng, stats, &format!("structured #{i}"));
		// System's remarks succeed from anyone: keep them out so the corpus holds Dengji calls.
		if let Some(ok) = ok.filter(|b| b[0] != 0) {
			if corpus.len() < 512 {
				corpus.push(ok);
			} else {
				let slot = rng.below(512) as usize;
				corpus[slot] = ok;
			}
		}
	});
	stats.print("structured calls", settings.seed, elapsed);
	println!(
		"  {} calls in the target pallets: {}",
		shapes.len(),
		shapes
			.iter()
			.map(|s| format!("{}.{}#{}", s.pallet_name, s.call_name, s.call))
			.collect::<Vec<_>>()
			.join(" ")
	);
	ext.execute_with(check_invariants);
	if stats.iterations >= shapes.len() as u64 * 4 {
		// Every call was generated and most decoded; some succeeded, so deeper states were reached.
		for (_, name) in TARGET_PALLETS {
			let c = stats.per_pallet.get(name).expect("each target pallet got calls");
			assert!(c.decoded > 0, "{name}: generated calls decode");
		}
		for s in &shapes {
			assert!(
				stats.decoded_per_call.contains_key(&(s.pallet, s.call)),
				"{}.{} (call index {}) was never decoded",
				s.pallet_name,
				s.call_name,
				s.call
			);
		}
		let succeeded: u64 = stats.per_pallet.values().map(|c| c.succeeded).sum();
		assert!(succeeded > 0, "some generated calls succeed");
	}
}

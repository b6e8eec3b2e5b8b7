//! The indexer: follows the node's **finalized** blocks (so no reorgs), decodes the Dengji events
//! of each block through the runtime metadata, reads the storage entries they touch at that
//! block (batched `state_queryStorageAt` requests, read ahead of the writes), and writes the rows
//! plus the cursor in one transaction per batch of blocks (during catch-up, the blocks read by
//! the time the previous write ends; one block when following the head). Restarting resumes
//! after the cursor; indexing a block twice writes the same rows (upserts by key, history rows
//! keyed by block and event index).
//!
//! Block 0 is indexed as a full snapshot of the maps (institutions, subjects, calendar, …)
//! because genesis state emits no events. `dengji-portal check` reuses the same snapshot code to
//! recompute every state row from the chain.

use crate::{
	db::{Cursor, Db, Op, Record, Val},
	decode::{self, Node, Root, V},
	schema::{self, Table},
};
use anyhow::{anyhow, Context, Result};
use codec::{Decode, Encode};
use dengji_client::{Client, DengjiConfig};
use dengji_primitives::{calendar::ChainClock, CertificateCode, DivisionCode};
use futures::StreamExt;
use sp_crypto_hashing::{blake2_128, blake2_256, twox_128, twox_64};
use std::{
	collections::{BTreeMap, BTreeSet, HashMap},
	sync::{
		atomic::{AtomicI64, Ordering},
		Arc, Mutex,
	},
	time::Duration,
};
use subxt::{client::OnlineClientAtBlock, ext::scale_value::Value, utils::H256};

/// A block of the chain as seen by the indexer.
pub type At = OnlineClientAtBlock<DengjiConfig>;

/// Something the indexer keeps a state row of, keyed as on chain.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entity {
	/// `Institutions::Institutions[division]`.
	Institution(u32),
	/// `Institutions::Subjects[uscc]`.
	Subject([u8; 18]),
	/// `Registration::Applications[id]`.
	Application(u64),
	/// `Registration::Objections[id]`.
	Objection(u64),
	/// `Registration::Registrations[id]`.
	Registration(u64),
	/// `Registration::Agreements[id]`.
	Agreement(u64),
	/// `Certificate::Certificates[code]` (division, year, serial).
	Certificate(u32, u16, u32),
	/// `Calendar::Years[year]`.
	Year(u16),
	/// `Calendar::Clock`.
	Clock,
}

impl Entity {
	fn table(&self) -> &'static Table {
		match self {
			Entity::Institution(_) => &schema::INSTITUTIONS,
			Entity::Subject(_) => &schema::SUBJECTS,
			Entity::Application(_) => &schema::APPLICATIONS,
			Entity::Objection(_) => &schema::OBJECTIONS,
			Entity::Registration(_) => &schema::REGISTRATIONS,
			Entity::Agreement(_) => &schema::AGREEMENTS,
			Entity::Certificate(..) => &schema::CERTIFICATES,
			Entity::Year(_) => &schema::CALENDAR_YEARS,
			Entity::Clock => &schema::CLOCK,
		}
	}

	fn key_vals(&self) -> Vec<Val> {
		vec![match self {
			Entity::Institution(d) => Val::Int(i64::from(*d)),
			Entity::Subject(u) => Val::Text(String::from_utf8_lossy(u).into_owned()),
			Entity::Application(n)
			| Entity::Objection(n)
			| Entity::Registration(n)
			| Entity::Agreement(n) => Val::Int(i64::try_from(*n).unwrap_or(i64::MAX)),
			Entity::Certificate(d, y, s) => {
				Val::Text(code_of(*d, *y, *s).map_or_else(String::new, |c| c.to_string()))
			}
			Entity::Year(y) => Val::Int(i64::from(*y)),
			Entity::Clock => Val::Int(0),
		}]
	}

	fn of_code(code: &CertificateCode) -> Self {
		Entity::Certificate(code.division.get(), code.year, code.serial)
	}
}

fn code_of(d: u32, y: u16, s: u32) -> Option<CertificateCode> {
	CertificateCode::new(DivisionCode::new(d).ok()?, y, s).ok()
}

// ---- storage keys (FRAME layout: twox_128(pallet) ++ twox_128(item) ++ hasher(key)) ----

fn prefix(pallet: &str, item: &str) -> Vec<u8> {
	[twox_128(pallet.as_bytes()), twox_128(item.as_bytes())].concat()
}

fn blake2_128_concat(pallet: &str, item: &str, key: &[u8]) -> Vec<u8> {
	[prefix(pallet, item), blake2_128(key).to_vec(), key.to_vec()].concat()
}

fn twox_64_concat(pallet: &str, item: &str, key: &[u8]) -> Vec<u8> {
	[prefix(pallet, item), twox_64(key).to_vec(), key.to_vec()].concat()
}

/// Pallet, item and storage key of an entity.
fn location(e: &Entity) -> (&'static str, &'static str, Vec<u8>) {
	match e {
		Entity::Institution(d) => (
			"Institutions",
			"Institutions",
			blake2_128_concat("Institutions", "Institutions", &d.encode()),
		),
		Entity::Subject(u) => {
			("Institutions", "Subjects", blake2_128_concat("Institutions", "Subjects", u))
		}
		Entity::Application(n) => (
			"Registration",
			"Applications",
			blake2_128_concat("Registration", "Applications", &n.encode()),
		),
		Entity::Objection(n) => (
			"Registration",
			"Objections",
			blake2_128_concat("Registration", "Objections", &n.encode()),
		),
		Entity::Registration(n) => (
			"Registration",
			"Registrations",
			blake2_128_concat("Registration", "Registrations", &n.encode()),
		),
		Entity::Agreement(n) => (
			"Registration",
			"Agreements",
			blake2_128_concat("Registration", "Agreements", &n.encode()),
		),
		Entity::Certificate(d, y, s) => (
			"Certificate",
			"Certificates",
			blake2_128_concat("Certificate", "Certificates", &(d, y, s).encode()),
		),
		Entity::Year(y) => ("Calendar", "Years", twox_64_concat("Calendar", "Years", &y.encode())),
		Entity::Clock => ("Calendar", "Clock", prefix("Calendar", "Clock")),
	}
}

/// The maps a full snapshot iterates, with the hasher width and how to read the key.
const MAPS: &[(&str, &str, usize)] = &[
	("Institutions", "Institutions", 16),
	("Institutions", "Subjects", 16),
	("Registration", "Applications", 16),
	("Registration", "Objections", 16),
	("Registration", "Registrations", 16),
	("Registration", "Agreements", 16),
	("Certificate", "Certificates", 16),
	("Calendar", "Years", 8),
];

fn entity_from_key(item: &str, mut key: &[u8]) -> Option<Entity> {
	let k = &mut key;
	Some(match item {
		"Institutions" => Entity::Institution(u32::decode(k).ok()?),
		"Subjects" => Entity::Subject(<[u8; 18]>::decode(k).ok()?),
		"Applications" => Entity::Application(u64::decode(k).ok()?),
		"Objections" => Entity::Objection(u64::decode(k).ok()?),
		"Registrations" => Entity::Registration(u64::decode(k).ok()?),
		"Agreements" => Entity::Agreement(u64::decode(k).ok()?),
		"Certificates" => {
			let (d, y, s) = <(u32, u16, u32)>::decode(k).ok()?;
			Entity::Certificate(d, y, s)
		}
		"Years" => Entity::Year(u16::decode(k).ok()?),
		_ => return None,
	})
}

/// `0x…` hex of bytes.
pub fn hex0x(b: &[u8]) -> String {
	format!("0x{}", hex::encode(b))
}

/// One block's answer to `state_queryStorageAt`: (key, value) in `0x…` hex, no value for a key
/// without one.
#[derive(serde::Deserialize)]
struct ChangeSet {
	changes: Vec<(String, Option<String>)>,
}

/// The nibble of each hex digit (upper or lower case), 0xFF for any other byte.
const NIBBLE: [u8; 256] = {
	let mut t = [0xFF_u8; 256];
	let mut i = 0;
	while i < 10 {
		t[b'0' as usize + i] = i as u8;
		i += 1;
	}
	let mut i = 0;
	while i < 6 {
		t[b'a' as usize + i] = 10 + i as u8;
		t[b'A' as usize + i] = 10 + i as u8;
		i += 1;
	}
	t
};

/// The bytes of `0x…` (or bare) hex; `None` if a character is not a hex digit or the length is
/// odd.
pub fn from_hex(s: &str) -> Option<Vec<u8>> {
	let s = s.strip_prefix("0x").unwrap_or(s).as_bytes();
	if !s.len().is_multiple_of(2) {
		return None;
	}
	let mut out = Vec::with_capacity(s.len() / 2);
	for pair in s.chunks_exact(2) {
		let (hi, lo) = (NIBBLE[usize::from(pair[0])], NIBBLE[usize::from(pair[1])]);
		if (hi | lo) & 0xF0 != 0 {
			return None;
		}
		out.push(hi << 4 | lo);
	}
	Some(out)
}

fn int(n: u64) -> Val {
	Val::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Keys per `state_queryStorageAt` request: every key of a block of the 10^4 bulk chain in one
/// request (256 a block on average). The node's CPU per key falls with fewer, larger requests:
/// reading the state rows of blocks 0..370 (94 719 rows) took the node 1.3–1.5 s of CPU and
/// 1.9–2.0 s of wall time with 2 048 keys a request, 2.7 s and 3.1–3.3 s with 256
/// (`dengji-portal bench-fetch --rows`). About 2 MiB of answer for typical values; a larger answer
/// is read in halves (down to [`MIN_READ_BATCH`] keys).
pub const READ_BATCH: usize = 2_048;
/// Fewest keys of a request that a failed read splits.
pub const MIN_READ_BATCH: usize = 128;

/// `read(items)`, or, when that fails and `items` are more than `min`, the two halves of `items`
/// read the same way (concurrently), in order.
fn in_halves<'a, K: Sync, T: Send + 'a, F, Fut>(
	items: &'a [K],
	min: usize,
	read: &'a F,
) -> futures::future::BoxFuture<'a, Result<Vec<T>, String>>
where
	F: Fn(&'a [K]) -> Fut + Sync,
	Fut: std::future::Future<Output = Result<Vec<T>, String>> + Send + 'a,
{
	Box::pin(async move {
		match read(items).await {
			Ok(out) => Ok(out),
			Err(e) if items.len() > min => {
				log::debug!("a read of {} items failed ({e}): reading them in halves", items.len());
				let (a, b) = items.split_at(items.len() / 2);
				let (a, b) =
					futures::future::try_join(in_halves(a, min, read), in_halves(b, min, read))
						.await?;
				Ok(a.into_iter().chain(b).collect())
			}
			Err(e) => Err(e),
		}
	})
}

/// Reading one block's state. Storage values are read in batches (`state_queryStorageAt`, one
/// request per [`READ_BATCH`] keys) and kept for the life of the view.
pub struct BlockView {
	at: At,
	rpc: dengji_client::rpc::NodeRpc,
	values: Mutex<HashMap<Vec<u8>, Option<Vec<u8>>>>,
	/// Block number.
	pub number: u64,
	/// Block hash (`0x…`).
	pub hash: String,
	/// `Timestamp::Now` at the block (0 at genesis).
	pub time: u64,
	/// The chain clock at the block.
	pub clock: ChainClock,
}

impl BlockView {
	/// Opens block `number` (finalized) of `client`.
	pub async fn open(client: &Client, number: u64) -> Result<Self> {
		let at = client
			.api()
			.at_block(number)
			.await
			.with_context(|| format!("opening block #{number}"))?;
		let hash = hex0x(at.block_hash().as_ref());
		let mut view = Self {
			at,
			rpc: client.reader().rpc().clone(),
			values: Mutex::default(),
			number,
			hash,
			time: 0,
			clock: ChainClock::default(),
		};
		view.prefetch(vec![prefix("Timestamp", "Now"), prefix("Calendar", "Clock")]).await?;
		if let Some(raw) = view.raw(prefix("Timestamp", "Now")).await? {
			view.time = u64::decode(&mut &raw[..]).context("Timestamp::Now")?;
		}
		if let Some(raw) = view.raw(prefix("Calendar", "Clock")).await? {
			view.clock = ChainClock::decode(&mut &raw[..]).context("Calendar::Clock")?;
		}
		Ok(view)
	}

	/// Opens block `hash`.
	pub async fn open_hash(client: &Client, hash: [u8; 32]) -> Result<Self> {
		let at = client.api().at_block(H256(hash)).await.context("opening block")?;
		Box::pin(Self::open(client, at.block_number())).await
	}

	/// Reads the values of `keys` not read yet, [`READ_BATCH`] keys per request, the requests
	/// concurrently.
	pub async fn prefetch(&self, keys: Vec<Vec<u8>>) -> Result<()> {
		let missing: Vec<Vec<u8>> = {
			let values = self.values.lock().map_err(|_| anyhow!("storage cache poisoned"))?;
			let mut seen = BTreeSet::new();
			keys.into_iter().filter(|k| !values.contains_key(k) && seen.insert(k.clone())).collect()
		};
		if missing.is_empty() {
			return Ok(());
		}
		let answers =
			futures::future::try_join_all(missing.chunks(READ_BATCH).map(|c| self.query(c)))
				.await?;
		let mut values = self.values.lock().map_err(|_| anyhow!("storage cache poisoned"))?;
		for answer in answers {
			values.extend(answer);
		}
		Ok(())
	}

	/// The values of `keys` (`None`: absent) in one `state_queryStorageAt` request, or, when it
	/// fails with more than [`MIN_READ_BATCH`] keys (an answer larger than the node's response
	/// limit, 15 MiB by default: values of the largest kind), in halves ([`in_halves`]).
	async fn query(&self, keys: &[Vec<u8>]) -> Result<Vec<(Vec<u8>, Option<Vec<u8>>)>> {
		let at = self.at.block_hash();
		let at = hex0x(at.as_ref());
		let one = |keys: &[Vec<u8>]| {
			let keys = keys.to_vec();
			let at = at.clone();
			async move {
				// The answer's hex is decoded here ([`from_hex`]), not through the RPC types'
				// serde (a character at a time: 7.5 % of the portal's CPU in a catch-up).
				let params =
					subxt::rpcs::rpc_params![keys.iter().map(|k| hex0x(k)).collect::<Vec<_>>(), at];
				let request =
					self.rpc.client().request::<Vec<ChangeSet>>("state_queryStorageAt", params);
				let sets = match tokio::time::timeout(Duration::from_secs(60), request).await {
					Ok(Ok(sets)) => sets,
					Ok(Err(e)) => return Err(e.to_string()),
					Err(_) => return Err("timed out".to_string()),
				};
				// Keys absent from the answer have no value.
				let mut out: HashMap<Vec<u8>, Option<Vec<u8>>> =
					keys.into_iter().map(|k| (k, None)).collect();
				for set in sets {
					for (k, v) in set.changes {
						let k = from_hex(&k).ok_or_else(|| format!("a key not in hex: {k:.80}"))?;
						let v = match v {
							Some(v) => Some(
								from_hex(&v)
									.ok_or_else(|| format!("a value not in hex: {v:.80}"))?,
							),
							None => None,
						};
						out.insert(k, v);
					}
				}
				Ok(out.into_iter().collect())
			}
		};
		in_halves(keys, MIN_READ_BATCH, &one)
			.await
			.map_err(|e| anyhow!("state_queryStorageAt at #{}: {e}", self.number))
	}

	async fn raw(&self, key: Vec<u8>) -> Result<Option<Vec<u8>>> {
		if let Some(v) =
			self.values.lock().map_err(|_| anyhow!("storage cache poisoned"))?.get(&key).cloned()
		{
			return Ok(v);
		}
		match self.at.storage().fetch_raw(key).await {
			Ok(v) => Ok(Some(v)),
			Err(subxt::error::StorageError::NoValueFound) => Ok(None),
			Err(e) => Err(anyhow!("storage read at #{}: {e}", self.number)),
		}
	}

	/// Decodes a storage value of `pallet::item` through the metadata.
	fn decode_value(&self, pallet: &str, item: &str, bytes: &[u8]) -> Result<Node> {
		let md = self.at.metadata_ref();
		let ty = md
			.pallet_by_name(pallet)
			.and_then(|p| p.storage())
			.and_then(|s| s.entry_by_name(item))
			.ok_or_else(|| anyhow!("metadata has no storage item {pallet}::{item}"))?
			.value_ty();
		decode::decode_all(md.types(), ty, bytes)
			.map_err(|e| anyhow!("decoding {pallet}::{item}: {e}"))
	}

	/// The state row of `e` at this block, `None` when absent.
	pub async fn row(&self, e: &Entity) -> Result<Option<Record>> {
		let (pallet, item, key) = location(e);
		let Some(bytes) = self.raw(key).await? else { return Ok(None) };
		let path = format!("{pallet}::{item}{:?}", e.key_vals());
		let vals = match e {
			Entity::Clock => {
				let c = ChainClock::decode(&mut &bytes[..]).with_context(|| path.clone())?;
				vec![
					Val::Int(0),
					int(c.origin_ms),
					Val::Int(i64::from(c.origin_day)),
					int(c.day_length_ms),
				]
			}
			_ => {
				let root = Root::new(self.decode_value(pallet, item, &bytes)?, path.clone());
				dynamic_vals(e, root.v(), &self.clock).with_context(|| path.clone())?
			}
		};
		let mut vals = vals;
		if let Entity::Subject(_) = e {
			// Migration 4: the accounts that act as the subject, decoded as the verifier decodes
			// them (`dengji_verify::HolderSubject`), for consent tokens (Q24).
			let subject = dengji_verify::HolderSubject::decode_stored(&bytes)
				.map_err(|err| anyhow!("{path}: {err}"))?;
			let accounts: Vec<String> =
				subject.accounts.iter().map(|a| format!("0x{}", hex::encode(a))).collect();
			vals.push(accounts.join(",").into());
		}
		if let Entity::Registration(n) = e {
			// YX-R §23 ¶2, §21: the renewal or cancellation open on it.
			let key = blake2_128_concat("Registration", "LifecyclePending", &n.encode());
			let pending = match self.raw(key).await? {
				Some(raw) => Some(
					u64::decode(&mut &raw[..])
						.with_context(|| format!("Registration::LifecyclePending[{n}]"))?,
				),
				None => None,
			};
			vals.push(pending.map(int).unwrap_or(Val::Null));
		}
		let table = e.table();
		// The content values in column order, the block columns where the table has them.
		let mut content = vals.into_iter();
		let mut vals = Vec::with_capacity(table.cols.len());
		for (name, _) in table.cols {
			vals.push(match *name {
				"block_number" => int(self.number),
				"block_hash" => self.hash.clone().into(),
				_ => content.next().ok_or_else(|| {
					anyhow!("{path}: fewer values than the columns of {}", table.name)
				})?,
			});
		}
		if content.next().is_some() {
			return Err(anyhow!("{path}: more values than the columns of {}", table.name));
		}
		Ok(Some(Record { table, vals }))
	}

	/// The storage keys [`Self::row`] reads for `e`.
	fn keys_of(e: &Entity) -> Vec<Vec<u8>> {
		let mut keys = vec![location(e).2];
		if let Entity::Registration(n) = e {
			keys.push(blake2_128_concat("Registration", "LifecyclePending", &n.encode()));
		}
		keys
	}

	/// The state rows of `entities` at this block (`None`: absent), plus the registration of each
	/// application read (its `LifecyclePending` may have changed with it) and the application of
	/// each objection read (the history row records its state), skipping those in `known`. The
	/// values are read in batches ([`Self::prefetch`]), one round per level of relation.
	pub async fn read_rows(
		&self,
		entities: BTreeSet<Entity>,
		known: &BTreeMap<Entity, Option<Record>>,
	) -> Result<BTreeMap<Entity, Option<Record>>> {
		let mut out = BTreeMap::new();
		let mut pending: Vec<Entity> =
			entities.into_iter().filter(|e| !known.contains_key(e)).collect();
		while !pending.is_empty() {
			self.prefetch(pending.iter().flat_map(Self::keys_of).collect()).await?;
			let mut more = BTreeSet::new();
			for e in pending {
				let row = self.row(&e).await?;
				if let Some(r) = &row {
					let related = match e {
						Entity::Application(_) => r
							.get("registration")
							.and_then(Val::int)
							.map(|n| Entity::Registration(u64::try_from(n).unwrap_or(u64::MAX))),
						Entity::Objection(_) => r
							.get("application")
							.and_then(Val::int)
							.map(|n| Entity::Application(u64::try_from(n).unwrap_or(u64::MAX))),
						_ => None,
					};
					if let Some(x) =
						related.filter(|x| !out.contains_key(x) && !known.contains_key(x))
					{
						more.insert(x);
					}
				}
				out.insert(e, row);
			}
			more.retain(|x| !out.contains_key(x));
			pending = more.into_iter().collect();
		}
		Ok(out)
	}

	/// Every entity present in the state of this block (the maps and the clock).
	pub async fn all_entities(&self) -> Result<Vec<Entity>> {
		let mut out = Vec::new();
		for (pallet, item, hash_len) in MAPS {
			let addr = subxt::storage::dynamic::<(Value,), Value>(*pallet, *item);
			let mut iter = match self.at.storage().iter(addr, ()).await {
				Ok(i) => i,
				Err(e) => return Err(anyhow!("iterating {pallet}::{item}: {e}")),
			};
			while let Some(kv) = iter.next().await {
				let kv = kv.map_err(|e| anyhow!("iterating {pallet}::{item}: {e}"))?;
				let key = kv.key_bytes();
				self.values
					.lock()
					.map_err(|_| anyhow!("storage cache poisoned"))?
					.insert(key.to_vec(), Some(kv.value().bytes().to_vec()));
				let start = 32 + hash_len;
				let e =
					key.get(start..).and_then(|k| entity_from_key(item, k)).ok_or_else(|| {
						anyhow!("undecodable key of {pallet}::{item}: {}", hex0x(key))
					})?;
				out.push(e);
			}
		}
		if self.raw(prefix("Calendar", "Clock")).await?.is_some() {
			out.push(Entity::Clock);
		}
		out.sort();
		Ok(out)
	}

	/// Events of this block, decoded: (index, pallet, name, fields).
	pub async fn events(&self) -> Result<Vec<(u32, String, String, Root)>> {
		let events = self
			.at
			.events()
			.fetch()
			.await
			.map_err(|e| anyhow!("events of #{}: {e}", self.number))?;
		let mut out = Vec::new();
		for ev in events.iter() {
			let ev = ev.map_err(|e| anyhow!("event of #{}: {e}", self.number))?;
			let pallet = ev.pallet_name().to_string();
			if !matches!(
				pallet.as_str(),
				"Registration" | "Certificate" | "Institutions" | "Calendar"
			) {
				continue;
			}
			let name = ev.event_name().to_string();
			let md = self.at.metadata_ref();
			let variant = md
				.pallet_by_name(&pallet)
				.and_then(|p| p.event_variant_by_index(ev.event_index()))
				.ok_or_else(|| anyhow!("metadata has no event {pallet}::{name}"))?;
			let fields = decode::decode_fields(md.types(), &variant.fields, ev.field_bytes())
				.map_err(|e| anyhow!("decoding {pallet}::{name} in #{}: {e}", self.number))?;
			let path = format!("#{} {pallet}::{name}", self.number);
			out.push((ev.index(), pallet, name, Root::new(fields, path)));
		}
		Ok(out)
	}
}

fn opt_int(v: V<'_>) -> Result<Val> {
	Ok(match v.option()? {
		Some(x) => Val::Int(x.i64()?),
		None => Val::Null,
	})
}

fn opt_hex(v: V<'_>) -> Result<Val> {
	Ok(match v.option()? {
		Some(x) => Val::Text(x.hex()?),
		None => Val::Null,
	})
}

/// Values (without the block columns) of an entity decoded dynamically.
fn dynamic_vals(e: &Entity, v: V<'_>, clock: &ChainClock) -> Result<Vec<Val>> {
	Ok(match e {
		Entity::Subject(u) => vec![
			String::from_utf8_lossy(u).into_owned().into(),
			v.field("name")?.text()?.into(),
			Val::Int(v.field("division")?.i64()?),
			Val::Int(v.field("admitted_by")?.i64()?),
			Val::Int(v.field("admitted_at")?.i64()?),
		],
		Entity::Application(id) => {
			let info = v.field("info")?;
			let timer = v.field("timer")?.option()?;
			let publicity = v.field("publicity")?.option()?;
			let submitted_at = v.field("submitted_at")?.u64()?;
			let disputes = v.field("disputes")?;
			let refusal = v
				.field("refusal")?
				.items()?
				.iter()
				.map(|g| g.variant().map(str::to_string))
				.collect::<Result<Vec<_>, _>>()?;
			let (tk, ts, td, tp, th) = match timer {
				Some(t) => {
					let d = t.field("deadline")?;
					(
						Val::Text(t.field("kind")?.variant()?.into()),
						Val::Int(t.field("started_on")?.i64()?),
						Val::Int(d.field("due")?.i64()?),
						Val::from(d.field("provisional")?.bool()?),
						Val::from(t.field("handled")?.bool()?),
					)
				}
				None => (Val::Null, Val::Null, Val::Null, Val::Null, Val::Null),
			};
			let (po, pc, pp, pcl) = match publicity {
				Some(p) => {
					let c = p.field("closes")?;
					(
						Val::Int(p.field("opened_on")?.i64()?),
						Val::Int(c.field("due")?.i64()?),
						Val::from(c.field("provisional")?.bool()?),
						Val::from(p.field("closed")?.bool()?),
					)
				}
				None => (Val::Null, Val::Null, Val::Null, Val::Null),
			};
			vec![
				int(*id),
				v.field("request")?.variant()?.into(),
				v.field("object")?.variant()?.into(),
				v.field("subject")?.uscc()?.to_string().into(),
				Val::Int(v.field("institution")?.i64()?),
				opt_int(v.field("registration")?)?,
				opt_int(v.field("agreement")?)?,
				info.field("data_name")?.text()?.into(),
				info.field("summary")?.text()?.into(),
				info.field("content_digest")?.hex()?.into(),
				v.field("state")?.variant()?.into(),
				int(submitted_at),
				Val::Int(i64::from(clock.day_at(submitted_at))),
				Val::Int(v.field("submissions")?.i64()?),
				tk,
				ts,
				td,
				tp,
				th,
				po,
				pc,
				pp,
				pcl,
				Val::Int(v.field("objections")?.i64()?),
				Val::Int(v.field("open_objections")?.i64()?),
				Val::from(disputes.field("interested_party")?.bool()?),
				Val::from(disputes.field("ownership")?.bool()?),
				opt_hex(v.field("decision")?)?,
				Val::Text(refusal.join(",")),
				match v.field("certificate")?.option()? {
					Some(c) => Val::Text(c.code()?.to_string()),
					None => Val::Null,
				},
			]
		}
		Entity::Objection(id) => {
			let timer = v.field("timer")?.option()?;
			let (tk, td, tp, ts) = match timer {
				Some(t) => {
					let d = t.field("deadline")?;
					(
						Val::Text(t.field("kind")?.variant()?.into()),
						Val::Int(d.field("due")?.i64()?),
						Val::from(d.field("provisional")?.bool()?),
						Val::Int(t.field("started_on")?.i64()?),
					)
				}
				None => (Val::Null, Val::Null, Val::Null, Val::Null),
			};
			vec![
				int(*id),
				Val::Int(v.field("application")?.i64()?),
				// No personal data: the objector's account only as a digest.
				hex0x(&blake2_256(&v.field("objector")?.bytes()?)).into(),
				v.field("content")?.hex()?.into(),
				v.field("evidence")?.hex()?.into(),
				Val::Int(v.field("lodged_on")?.i64()?),
				opt_int(v.field("received_on")?)?,
				opt_hex(v.field("rebuttal")?)?,
				opt_hex(v.field("decision")?)?,
				opt_int(v.field("notified_at")?)?,
				v.field("state")?.variant()?.into(),
				tk,
				td,
				tp,
				// YX-R §22 ¶2: the objector's notice of the outcome (registration storage v1;
				// absent before it).
				match field_opt(v, "objector_notified_at") {
					Some(x) => Val::Int(x.i64()?),
					None => Val::Null,
				},
				ts,
			]
		}
		Entity::Registration(id) => {
			let flags = v.field("flags")?;
			let disputes = v.field("disputes")?;
			vec![
				int(*id),
				v.field("subject")?.uscc()?.to_string().into(),
				v.field("object")?.variant()?.into(),
				Val::Int(v.field("institution")?.i64()?),
				v.field("data_name")?.text()?.into(),
				v.field("content_digest")?.hex()?.into(),
				v.field("certificate")?.code()?.to_string().into(),
				opt_int(v.field("agreement")?)?,
				Val::from(flags.field("agreement_suspended")?.bool()?),
				Val::from(flags.field("agreement_terminated")?.bool()?),
				Val::from(disputes.field("interested_party")?.bool()?),
				Val::from(disputes.field("ownership")?.bool()?),
				v.field("status")?.variant()?.into(),
				opt_int(v.field("pending")?)?,
			]
		}
		Entity::Agreement(id) => vec![
			int(*id),
			v.field("implementer")?.text()?.into(),
			v.field("operator")?.uscc()?.to_string().into(),
			Val::Int(v.field("term_start")?.i64()?),
			Val::Int(v.field("term_end")?.i64()?),
			v.field("document")?.hex()?.into(),
			v.field("status")?.variant()?.into(),
		],
		Entity::Year(y) => {
			let days = |name: &str| -> Result<String> {
				Ok(v.field(name)?
					.items()?
					.iter()
					.map(|d| d.u64().map(|n| n.to_string()))
					.collect::<Result<Vec<_>, _>>()?
					.join(","))
			};
			vec![Val::Int(i64::from(*y)), days("holidays")?.into(), days("makeup_workdays")?.into()]
		}
		// Institution and certificate records are read by field name too, so fields appended
		// to them (the SM2 keys and co-signature) never stop the indexer.
		Entity::Institution(_) => vec![
			Val::Int(v.field("division")?.i64()?),
			v.field("name")?.text()?.into(),
			v.field("status")?.variant()?.into(),
			v.field("signing_key")?.hex()?.into(),
			opt_int(v.field("filed_at")?)?,
			opt_int(v.field("taken_over_by")?)?,
		],
		Entity::Certificate(..) => {
			let b = v.field("body")?;
			let st = v.field("status")?;
			let (status, at, detail): (&str, Val, Val) = match st.variant()? {
				"Valid" => ("Valid", Val::Null, Val::Null),
				"Superseded" => (
					"Superseded",
					Val::Int(st.field("at")?.i64()?),
					st.field("by")?.code()?.to_string().into(),
				),
				"Cancelled" => (
					"Cancelled",
					Val::Int(st.field("at")?.i64()?),
					event_variant_text(st.field("reason")?).into(),
				),
				"Revoked" => (
					"Revoked",
					Val::Int(st.field("at")?.i64()?),
					format!(
						"{} {}",
						event_variant_text(st.field("ground")?),
						st.field("decision")?.hex()?
					)
					.into(),
				),
				other => (other, opt_int(st.field("at")?).unwrap_or(Val::Null), Val::Null),
			};
			vec![
				b.field("code")?.code()?.to_string().into(),
				Val::Int(b.field("registration")?.i64()?),
				b.field("act")?.variant()?.into(),
				b.field("object")?.variant()?.into(),
				b.field("subject")?.uscc()?.to_string().into(),
				b.field("subject_name")?.text()?.into(),
				b.field("data_name")?.text()?.into(),
				b.field("content_digest")?.hex()?.into(),
				Val::Int(b.field("issuer")?.i64()?),
				b.field("issuer_key")?.hex()?.into(),
				Val::Int(b.field("issued_on")?.i64()?),
				Val::Int(b.field("issued_at")?.i64()?),
				Val::Int(b.field("valid_until")?.i64()?),
				match b.field("previous")?.option()? {
					Some(c) => c.code()?.to_string().into(),
					None => Val::Null,
				},
				status.into(),
				at,
				detail,
			]
		}
		Entity::Clock => return Err(anyhow!("{e:?} is decoded with its shared type")),
	})
}

/// A named field that may be wrapped in `Option`.
fn field_opt<'a>(v: V<'a>, name: &str) -> Option<V<'a>> {
	let f = v.field(name).ok()?;
	match f.variant() {
		Ok("Some") => f.variant_value(),
		Ok("None") => None,
		_ => Some(f),
	}
}

/// The entities an event touches.
fn touched(pallet: &str, name: &str, v: V<'_>, out: &mut BTreeSet<Entity>) {
	let u64_of = |n: &str| field_opt(v, n).and_then(|x| x.u64().ok());
	match pallet {
		"Registration" => {
			if let Some(n) = u64_of("application") {
				out.insert(Entity::Application(n));
			}
			if let Some(n) = u64_of("objection") {
				out.insert(Entity::Objection(n));
			}
			if let Some(n) = u64_of("registration") {
				out.insert(Entity::Registration(n));
			}
			if let Some(n) = u64_of("agreement") {
				out.insert(Entity::Agreement(n));
			}
			if let Some(c) = field_opt(v, "certificate").and_then(|c| c.code().ok()) {
				out.insert(Entity::of_code(&c));
			}
			if let Some(u) = field_opt(v, "subject").and_then(|s| s.uscc().ok()) {
				out.insert(Entity::Subject(*u.as_bytes()));
			}
		}
		"Certificate" => {
			for f in ["code", "by"] {
				if let Some(c) = field_opt(v, f).and_then(|c| c.code().ok()) {
					out.insert(Entity::of_code(&c));
				}
			}
			if let Some(n) = u64_of("registration") {
				out.insert(Entity::Registration(n));
			}
		}
		"Institutions" => {
			for f in ["division", "from", "to", "admitted_by"] {
				if let Some(d) = field_opt(v, f).and_then(|d| d.u64().ok()) {
					if let Ok(d) = u32::try_from(d) {
						out.insert(Entity::Institution(d));
					}
				}
			}
			for f in ["uscc", "subject"] {
				if let Some(u) = field_opt(v, f).and_then(|s| s.uscc().ok()) {
					out.insert(Entity::Subject(*u.as_bytes()));
				}
			}
		}
		"Calendar" => match name {
			"ClockStarted" => {
				out.insert(Entity::Clock);
			}
			_ => {
				if let Some(y) = u64_of("year").and_then(|y| u16::try_from(y).ok()) {
					out.insert(Entity::Year(y));
				}
			}
		},
		_ => {}
	}
}

/// The entities the events of a block touch (no database access).
pub fn touched_by(events: &[(u32, String, String, Root)]) -> BTreeSet<Entity> {
	let mut entities = BTreeSet::new();
	for (_, pallet, name, root) in events {
		touched(pallet, name, root.v(), &mut entities);
	}
	entities
}

/// The rows one block adds: entity state rows, history rows from its events, full-text entries.
/// The state rows already read with the block ([`Fetched::rows`]) are reused; the others (a
/// snapshot not read ahead, cases transferred to another institution) are read here.
pub async fn block_ops(db: &Db, f: &mut Fetched, snapshot: bool) -> Result<Vec<Op>> {
	let (view, events) = (&f.view, &f.events[..]);
	let mut entities = touched_by(events);
	if snapshot && !f.snapshot {
		entities.extend(view.all_entities().await?);
	}
	for (_, pallet, name, root) in events {
		// Cases transferred to another institution (Q17): their applications and registrations
		// now name the new institution.
		if pallet == "Institutions" && name == "CasesTransferred" {
			if let Some(from) = field_opt(root.v(), "from").and_then(|d| d.i64().ok()) {
				for (t, mk) in [
					(&schema::APPLICATIONS, Entity::Application as fn(u64) -> Entity),
					(&schema::REGISTRATIONS, Entity::Registration as fn(u64) -> Entity),
				] {
					for r in db.select(t, "institution = $1", &[Val::Int(from)], "").await? {
						if let Some(id) = r.vals[0].int().and_then(|n| u64::try_from(n).ok()) {
							entities.insert(mk(id));
						}
					}
				}
			}
		}
	}
	let mut ops = Vec::new();
	// The rows read with the block are moved, not copied (a copy of every row read was 5 % of
	// the portal's CPU in a catch-up).
	let mut read = std::mem::take(&mut f.rows);
	let extra = view.read_rows(entities, &read).await?;
	read.extend(extra);
	let mut rows: BTreeMap<Entity, Record> = BTreeMap::new();
	for (e, row) in read {
		match row {
			Some(r) => {
				rows.insert(e, r);
			}
			None => {
				// Only calendar years are ever removed; other records are never deleted (and
				// a drafted certificate is not in `Certificates` yet).
				if let Entity::Year(_) = e {
					ops.push(Op::Delete(e.table(), e.key_vals()));
				}
			}
		}
	}
	let number = int(view.number);
	let hash = Val::Text(view.hash.clone());
	for (index, pallet, name, root) in events {
		let v = root.v();
		let idx = Val::Int(i64::from(*index));
		let app = field_opt(v, "application").and_then(|x| x.i64().ok());
		let obj = field_opt(v, "objection").and_then(|x| x.i64().ok());
		if pallet == "Registration" && (app.is_some() || obj.is_some()) {
			// Application and objection history, with the states at the end of the block.
			let objection = obj.and_then(|o| rows.get(&Entity::Objection(u64::try_from(o).ok()?)));
			let application = app.or_else(|| objection?.get("application")?.int());
			let state = |r: Option<&Record>| r.and_then(|r| r.get("state")).cloned();
			let app_row =
				application.and_then(|a| rows.get(&Entity::Application(u64::try_from(a).ok()?)));
			ops.push(Op::Append(Record {
				table: &schema::APPLICATION_EVENTS,
				vals: vec![
					number.clone(),
					idx.clone(),
					application.into(),
					obj.into(),
					name.as_str().into(),
					state(app_row).unwrap_or(Val::Null),
					state(objection).unwrap_or(Val::Null),
					hash.clone(),
				],
			}));
		}
		let mut deadline = |kind: &str, due_field: &str, application: Option<i64>| -> Result<()> {
			let due = v.field(due_field)?.i64()?;
			let provisional = v.field("provisional").and_then(|p| p.bool()).unwrap_or(false);
			let wd = if name == "SupplementExtended" { None } else { schema::working_days(kind) };
			ops.push(Op::Append(Record {
				table: &schema::DEADLINES,
				vals: vec![
					number.clone(),
					idx.clone(),
					application.into(),
					obj.into(),
					kind.into(),
					wd.into(),
					Val::Int(due),
					provisional.into(),
					hash.clone(),
				],
			}));
			Ok(())
		};
		match (pallet.as_str(), name.as_str()) {
			("Registration", "ApplicationSubmitted")
			| ("Registration", "ApplicationResubmitted") => deadline("Acceptance", "accept_by", app)?,
			("Registration", "ApplicationAccepted") => {
				let kind = app
					.and_then(|a| rows.get(&Entity::Application(u64::try_from(a).unwrap_or(0))))
					.and_then(|r| r.get("kind").and_then(|k| k.text()).map(str::to_string));
				let timer =
					if kind.as_deref() == Some("Cancellation") { "Cancellation" } else { "Review" };
				deadline(timer, "decide_by", app)?
			}
			("Registration", "SupplementRequested") | ("Registration", "SupplementExtended") => {
				deadline("Supplement", "resubmit_by", app)?
			}
			("Registration", "PublicityOpened") => {
				deadline("Publicity", "closes_on", app)?;
				// YX-R §22 ¶1: the notice's four fields, as published.
				ops.push(Op::Upsert(Record {
					table: &schema::NOTICES,
					vals: vec![
						app.into(),
						Val::Int(v.field("institution")?.i64()?),
						v.field("subject_name")?.text()?.into(),
						v.field("kind")?.variant()?.into(),
						v.field("data_name")?.text()?.into(),
						v.field("summary")?.text()?.into(),
						Val::Int(v.field("opened_on")?.i64()?),
						Val::Int(v.field("closes_on")?.i64()?),
						v.field("provisional")?.bool()?.into(),
						number.clone(),
						hash.clone(),
					],
				}));
			}
			("Registration", "ObjectionLodged") => deadline("Forward", "forward_by", app)?,
			("Registration", "ObjectionForwarded") => {
				let a = obj
					.and_then(|o| rows.get(&Entity::Objection(u64::try_from(o).unwrap_or(0))))
					.and_then(|r| r.get("application").and_then(Val::int));
				deadline("Rebuttal", "rebut_by", a)?
			}
			("Registration", "InstitutionDeadlineMissed") => {
				// YX-R §26(四): a missed deadline is reported to the data authority.
				ops.push(Op::Append(Record {
					table: &schema::SUPERVISION,
					vals: vec![
						number.clone(),
						idx.clone(),
						Val::Int(v.field("institution")?.i64()?),
						app.into(),
						obj.into(),
						v.field("deadline")?.variant()?.into(),
						Val::Int(v.field("due")?.i64()?),
						v.field("provisional")?.bool()?.into(),
						hash.clone(),
					],
				}));
			}
			("Certificate", ev) if ev != "CertificateDrafted" && ev != "DraftRekeyed" => {
				let code = v.field("code")?.code()?.to_string();
				let detail = match ev {
					"CertificateSuperseded" => Some(v.field("by")?.code()?.to_string()),
					"CertificateCancelled" => Some(event_variant_text(v.field("reason")?)),
					"CertificateRevoked" => Some(format!(
						"{} {}",
						v.field("ground")?.variant()?,
						v.field("decision")?.hex()?
					)),
					"CertificateIssued" | "CertificateExpiryAnnounced" => {
						Some(format!("valid_until {}", v.field("valid_until")?.u64()?))
					}
					"RenewalPendingSet" => Some(format!("pending {}", v.field("pending")?.bool()?)),
					_ => None,
				};
				ops.push(Op::Append(Record {
					table: &schema::CERTIFICATE_EVENTS,
					vals: vec![
						number.clone(),
						idx.clone(),
						code.into(),
						ev.into(),
						detail.into(),
						hash.clone(),
					],
				}));
			}
			_ => {}
		}
	}
	if snapshot {
		// A snapshot has no `PublicityOpened` events: the notices of the applications in
		// publicity at this block are rebuilt from their state, with the same four fields
		// (YX-R §22 ¶1).
		for (e, r) in &rows {
			let Entity::Application(id) = e else { continue };
			if r.get("state").and_then(Val::text) != Some("InPublicity") {
				continue;
			}
			let subject = r
				.get("subject")
				.and_then(Val::text)
				.and_then(|u| <[u8; 18]>::try_from(u.as_bytes()).ok())
				.and_then(|u| rows.get(&Entity::Subject(u)))
				.and_then(|s| s.get("name").cloned())
				.unwrap_or(Val::Null);
			let col = |c: &str| r.get(c).cloned().unwrap_or(Val::Null);
			ops.push(Op::Upsert(Record {
				table: &schema::NOTICES,
				vals: vec![
					int(*id),
					col("institution"),
					subject,
					col("kind"),
					col("data_name"),
					col("summary"),
					col("publicity_opened_on"),
					col("publicity_closes_on"),
					col("publicity_provisional"),
					number.clone(),
					hash.clone(),
				],
			}));
		}
	}
	for (e, r) in rows {
		if let Entity::Application(id) = e {
			ops.push(Op::Fts {
				application: i64::try_from(id).unwrap_or(i64::MAX),
				data_name: r.get("data_name").and_then(Val::text).unwrap_or_default().to_string(),
				summary: r.get("summary").and_then(Val::text).unwrap_or_default().to_string(),
				submitted_at: r.get("submitted_at").and_then(Val::int).unwrap_or_default(),
			});
		}
		ops.push(Op::Upsert(r));
	}
	Ok(ops)
}

/// `OnApplication(SubjectCeased)` style text of a nested enum.
fn event_variant_text(v: V<'_>) -> String {
	match v.variant() {
		Ok(name) => match v.variant_value().and_then(|inner| inner.variant().ok()) {
			Some(inner) => format!("{name}({inner})"),
			None => name.to_string(),
		},
		Err(_) => String::new(),
	}
}

/// A block read ahead of writing: its state view, its Dengji events and the state rows they
/// touch.
pub struct Fetched {
	/// The block's state.
	pub view: BlockView,
	/// Its events (index, pallet, name, fields).
	pub events: Vec<(u32, String, String, Root)>,
	/// The state rows read with the block (`None`: absent at the block).
	pub rows: BTreeMap<Entity, Option<Record>>,
	/// Whether `rows` hold every entity of the state (a snapshot block).
	pub snapshot: bool,
}

/// Reads block `number` and its events only (what `bench-fetch` measures: the node serving the
/// raw blocks).
pub async fn fetch_raw_block(client: &Client, number: u64) -> Result<Fetched> {
	let view = BlockView::open(client, number).await?;
	let events = view.events().await?;
	Ok(Fetched { view, events, rows: BTreeMap::new(), snapshot: false })
}

/// Reads block `number`, its events and the state rows they touch (every row of the state when
/// `snapshot`), with batched storage reads. No database access: safe to run ahead of writing.
pub async fn fetch_block(client: &Client, number: u64, snapshot: bool) -> Result<Fetched> {
	let mut f = fetch_raw_block(client, number).await?;
	let mut entities = touched_by(&f.events);
	if snapshot {
		entities.extend(f.view.all_entities().await?);
	}
	f.rows = f.view.read_rows(entities, &BTreeMap::new()).await?;
	f.snapshot = snapshot;
	// What a block costs to index (`RUST_LOG=dengji_portal::reads=debug`): the state rows read,
	// by table, and the events, by name.
	if log::log_enabled!(target: "dengji_portal::reads", log::Level::Debug) {
		let mut rows: BTreeMap<&str, usize> = BTreeMap::new();
		for e in f.rows.keys() {
			*rows.entry(e.table().name).or_default() += 1;
		}
		let mut events: BTreeMap<String, usize> = BTreeMap::new();
		for (_, p, n, _) in &f.events {
			*events.entry(format!("{p}::{n}")).or_default() += 1;
		}
		log::debug!(target: "dengji_portal::reads", "#{number}: rows {rows:?}, events {events:?}");
	}
	Ok(f)
}

/// Writes a fetched block: its rows and the cursor in one transaction. Blocks must be written in
/// order (the rows of a block may depend on the index up to the previous one).
pub async fn write_fetched(db: &Db, f: &mut Fetched, genesis: &str) -> Result<()> {
	write_fetched_from(db, f, genesis, 0).await
}

/// [`write_fetched`] for an index that starts at block `start`: that block is written as a full
/// snapshot of the state (genesis state emits no events; a node that pruned older state can
/// only serve recent blocks).
pub async fn write_fetched_from(db: &Db, f: &mut Fetched, genesis: &str, start: u64) -> Result<()> {
	let snapshot = f.view.number == start;
	let ops = block_ops(db, f, snapshot).await?;
	db.write_block(&ops, &cursor_of(f, genesis)?).await?;
	Ok(())
}

fn cursor_of(f: &Fetched, genesis: &str) -> Result<Cursor> {
	Ok(Cursor {
		number: i64::try_from(f.view.number)?,
		hash: f.view.hash.clone(),
		time: i64::try_from(f.view.time)?,
		genesis: genesis.to_string(),
	})
}

/// Indexes block `number`: reads it, writes its rows and the cursor in one transaction.
pub async fn index_block(db: &Db, client: &Client, number: u64, genesis: &str) -> Result<()> {
	write_fetched(db, &mut fetch_block(client, number, number == 0).await?, genesis).await
}

/// Reads `blocks` in order with [`fetch_block`], [`PREFETCH`] ahead: each read is a task of its
/// own, so reading and decoding the next blocks (events, storage values) goes on, on another
/// core, while the caller builds and writes rows (a read polled only by the writing task stood
/// still during every write).
pub fn read_ahead(
	client: &Client,
	blocks: std::ops::RangeInclusive<u64>,
	snapshot: impl Fn(u64) -> bool + Send + 'static,
) -> impl futures::Stream<Item = Result<Fetched>> + Unpin {
	let client = client.clone();
	futures::stream::iter(blocks)
		.map(move |n| {
			let (client, snapshot) = (client.clone(), snapshot(n));
			tokio::spawn(async move { fetch_block(&client, n, snapshot).await })
		})
		.buffered(PREFETCH)
		.map(|r| r.map_err(|e| anyhow!("reading a block: {e}")).and_then(|f| f))
}

/// [`read_ahead`] of blocks and events only ([`fetch_raw_block`]): the node's serving rate.
pub fn read_ahead_raw(
	client: &Client,
	blocks: std::ops::RangeInclusive<u64>,
) -> impl futures::Stream<Item = Result<Fetched>> + Unpin {
	let client = client.clone();
	futures::stream::iter(blocks)
		.map(move |n| {
			let client = client.clone();
			tokio::spawn(async move { fetch_raw_block(&client, n).await })
		})
		.buffered(PREFETCH)
		.map(|r| r.map_err(|e| anyhow!("reading a block: {e}")).and_then(|f| f))
}

/// How many blocks are read ahead of the one being written during catch-up.
pub const PREFETCH: usize = 16;
/// Most blocks written in one transaction during catch-up.
pub const WRITE_BATCH_BLOCKS: usize = 128;
/// A transaction is committed once it holds this many writes. While a write is under way, a full
/// batch keeps growing up to twice the bounds; then the blocks read wait for it, and so do the
/// reads behind them: with 50 000 instead of 20 000, the catch-up of the 10^4 bulk chain on SQLite
/// took 4.63 s instead of 5.36 s (medians of 5) and the portal's peak RSS was 153 MiB instead of
/// 110 MiB.
pub const WRITE_BATCH_OPS: usize = 50_000;

/// Progress shared with the API: the last finalized block number the indexer saw (-1: none).
#[derive(Clone, Debug, Default)]
pub struct Progress {
	/// Finalized head number seen at the node.
	pub finalized: Arc<AtomicI64>,
}

/// How long to wait before polling the finalized head again.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);
/// Longest back-off after a failure (node or database down).
pub const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// Follows finalized blocks forever: catches up from the cursor, then polls the finalized head.
/// Failures (node restart, database restart) are retried with back-off; a block is either
/// written whole with its cursor or not at all.
pub async fn run(db: Db, client: Client, progress: Progress, stop_at: Option<u64>) -> Result<()> {
	run_from(db, client, progress, stop_at, 0).await
}

/// [`run`] for an empty index that starts at block `start` with a snapshot of the state there
/// (for nodes that pruned older state; `check` then compares history from that block on). A
/// non-empty index resumes after its cursor and keeps the start it was created with.
pub async fn run_from(
	db: Db,
	client: Client,
	progress: Progress,
	stop_at: Option<u64>,
	start: u64,
) -> Result<()> {
	let genesis = hex0x(&client.api().genesis_hash().0);
	db.check_genesis(&genesis).await?;
	let start = match db.meta("start_block").await? {
		Some(s) => s.parse().map_err(|_| anyhow!("meta start_block {s:?} is not a number"))?,
		None => {
			if db.cursor().await?.is_none() && start > 0 {
				db.set_meta("start_block", &start.to_string()).await?;
				start
			} else {
				0
			}
		}
	};
	if let (Some(stop), Some(c)) = (stop_at, db.cursor().await?) {
		if u64::try_from(c.number).is_ok_and(|n| n >= stop) {
			return Ok(());
		}
	}
	let mut backoff = POLL_INTERVAL;
	let mut writer = Writer { db: db.clone(), pending: None };
	loop {
		let step = async {
			let head = client
				.api()
				.at_current_block()
				.await
				.map_err(|e| anyhow!("finalized head: {e}"))?;
			let head = head.block_number();
			progress.finalized.store(i64::try_from(head).unwrap_or(i64::MAX), Ordering::SeqCst);
			let next = match db.cursor().await? {
				Some(c) => u64::try_from(c.number + 1)?,
				None => start,
			};
			let end = stop_at.map_or(head, |s| s.min(head));
			let client = &client;
			// Read ahead (blocks, events and the state they touch), write in order; the blocks
			// read by the time the previous write ends go into one transaction with the cursor
			// of the last of them.
			let mut blocks = read_ahead(client, next..=end, move |n| n == start);
			let mut batch: Vec<(Vec<Op>, Cursor)> = Vec::new();
			let mut ops_in_batch = 0usize;
			loop {
				let f = match futures::FutureExt::now_or_never(blocks.next()) {
					Some(f) => f,
					None => {
						// Nothing read yet: an idle writer writes what is ready while the reads
						// go on.
						if !writer.busy() {
							ops_in_batch = 0;
							writer.write(std::mem::take(&mut batch)).await?;
						}
						blocks.next().await
					}
				};
				let Some(f) = f else { break };
				let f = f?;
				// A transfer of cases reads the index (the applications of the institution):
				// it sees every earlier block written.
				if f.events
					.iter()
					.any(|(_, p, n, _)| p == "Institutions" && n == "CasesTransferred")
				{
					ops_in_batch = 0;
					writer.write(std::mem::take(&mut batch)).await?;
					writer.wait().await?;
				}
				let mut f = f;
				let snapshot = f.view.number == start;
				let ops = block_ops(&db, &mut f, snapshot).await?;
				ops_in_batch += ops.len();
				batch.push((ops, cursor_of(&f, &genesis)?));
				let n = f.view.number;
				if n % 100 == 0 || n == head {
					log::info!("indexed block #{n} (finalized #{head})");
				}
				if stop_at.is_some_and(|s| n >= s) {
					writer.write(std::mem::take(&mut batch)).await?;
					return Ok::<bool, anyhow::Error>(true);
				}
				// A full batch goes to the writer once it is idle; while it is busy, reading and
				// building rows go on into the same batch (waiting here stopped the reads ahead
				// too), up to twice the bounds.
				let full = batch.len() >= WRITE_BATCH_BLOCKS || ops_in_batch >= WRITE_BATCH_OPS;
				let over =
					batch.len() >= 2 * WRITE_BATCH_BLOCKS || ops_in_batch >= 2 * WRITE_BATCH_OPS;
				if (full && !writer.busy()) || over {
					ops_in_batch = 0;
					writer.write(std::mem::take(&mut batch)).await?;
				}
			}
			writer.write(batch).await?;
			Ok(false)
		};
		// Every way out of a step waits for its last write (a write left running would race
		// the next step's).
		let done = match (step.await, writer.wait().await) {
			(Ok(done), Ok(())) => Ok(done),
			(Err(e), _) | (Ok(_), Err(e)) => Err(e),
		};
		if done.is_ok() {
			// Caught up (or stopped): fresh planner statistics for the API after a bulk write.
			if let Err(e) = db.maintain_if_due().await {
				log::warn!("index maintenance: {e}");
			}
		}
		match done {
			Ok(true) => return Ok(()),
			Ok(false) => {
				backoff = POLL_INTERVAL;
				tokio::time::sleep(POLL_INTERVAL).await;
			}
			Err(e) => {
				log::warn!("indexer: {e:#}; retrying in {backoff:?}");
				tokio::time::sleep(backoff).await;
				backoff = (backoff * 2).min(MAX_BACKOFF);
			}
		}
	}
}

/// The catch-up's writes: one transaction at a time, in block order, on a task of its own, so
/// that the rows of the next blocks are built while the previous ones are written.
struct Writer {
	db: Db,
	pending: Option<tokio::task::JoinHandle<Result<()>>>,
}

impl Writer {
	/// Whether a write is under way.
	fn busy(&self) -> bool {
		self.pending.as_ref().is_some_and(|w| !w.is_finished())
	}

	/// Waits for the write under way, if any; its error is the caller's.
	async fn wait(&mut self) -> Result<()> {
		match self.pending.take() {
			Some(w) => w.await.map_err(|e| anyhow!("writing blocks: {e}"))?,
			None => Ok(()),
		}
	}

	/// Starts writing `blocks` (rows and the cursor of the last, one transaction) once the write
	/// under way has ended.
	async fn write(&mut self, blocks: Vec<(Vec<Op>, Cursor)>) -> Result<()> {
		self.wait().await?;
		let Some((_, last)) = blocks.last() else { return Ok(()) };
		let (db, number) = (self.db.clone(), last.number);
		self.pending = Some(tokio::spawn(async move {
			db.write_blocks(&blocks).await?;
			if blocks.len() > 1 {
				log::debug!("wrote {} blocks up to #{number}", blocks.len());
			}
			Ok(())
		}));
		Ok(())
	}
}

/// One difference found by [`check`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Difference {
	/// Table.
	pub table: &'static str,
	/// Key.
	pub key: String,
	/// What differs.
	pub what: String,
}

/// Compares the index with the chain at the indexed (finalized) block: every state row is
/// recomputed from storage at that block; every history row (certificate status history,
/// application and objection history, deadlines, supervision) is recomputed from the events of
/// its block and the state at that block, for every block of the index; missing, extra and
/// different rows are reported, and each notice is compared with its application's published
/// fields.
pub async fn check(db: &Db, client: &Client) -> Result<(u64, Vec<Difference>)> {
	let cursor = db.cursor().await?.ok_or_else(|| anyhow!("nothing indexed yet"))?;
	let number = u64::try_from(cursor.number)?;
	let view = BlockView::open(client, number).await?;
	let mut diffs = Vec::new();
	if view.hash != cursor.hash {
		diffs.push(Difference {
			table: "cursor",
			key: number.to_string(),
			what: format!("block hash {} in the index, {} on chain", cursor.hash, view.hash),
		});
	}
	let mut chain: BTreeMap<&'static str, BTreeMap<Vec<Val>, Record>> = BTreeMap::new();
	let all = view.all_entities().await?.into_iter().collect();
	for r in view.read_rows(all, &BTreeMap::new()).await?.into_values().flatten() {
		chain.entry(r.table.name).or_default().insert(r.key().to_vec(), r);
	}
	for t in schema::TABLES.iter().filter(|t| t.from_state) {
		let order = t.key_names().collect::<Vec<_>>().join(", ");
		let indexed: BTreeMap<Vec<Val>, Record> = db
			.select(t, "", &[], &order)
			.await?
			.into_iter()
			.map(|r| (r.key().to_vec(), r))
			.collect();
		let empty = BTreeMap::new();
		let on_chain = chain.get(t.name).unwrap_or(&empty);
		let render = |k: &[Val]| k.iter().map(Val::render).collect::<Vec<_>>().join("/");
		for (k, r) in on_chain {
			match indexed.get(k) {
				None => diffs.push(Difference {
					table: t.name,
					key: render(k),
					what: "missing from the index".into(),
				}),
				Some(i) => {
					for ((col, a), (_, b)) in i.content().into_iter().zip(r.content()) {
						if a != b {
							diffs.push(Difference {
								table: t.name,
								key: render(k),
								what: format!(
									"{col}: index {:?}, chain {:?}",
									a.render(),
									b.render()
								),
							});
						}
					}
				}
			}
		}
		for k in indexed.keys() {
			if !on_chain.contains_key(k) {
				diffs.push(Difference {
					table: t.name,
					key: render(k),
					what: "not on chain".into(),
				});
			}
		}
	}
	check_history(db, client, number, &mut diffs).await?;
	// Notices (YX-R §22): the published fields match the application's.
	let apps = chain.get("applications");
	for n in db.select(&schema::NOTICES, "", &[], "application").await? {
		let key = n.vals[0].clone();
		let Some(a) = apps.and_then(|m| m.get(&vec![key.clone()])) else {
			diffs.push(Difference {
				table: "notices",
				key: key.render(),
				what: "no such application on chain".into(),
			});
			continue;
		};
		for (nc, ac) in [
			("data_name", "data_name"),
			("summary", "summary"),
			("closes_on", "publicity_closes_on"),
		] {
			if n.get(nc) != a.get(ac) {
				// A later change application carries its own notice; the fields of this one
				// are those of this application, which never change after publication.
				diffs.push(Difference {
					table: "notices",
					key: key.render(),
					what: format!("{nc} differs from the application's {ac}"),
				});
			}
		}
	}
	Ok((number, diffs))
}

/// The history rows of blocks `first..=last` recomputed from the chain (each block's events and
/// the state at that block), compared with the index's.
async fn check_history(
	db: &Db,
	client: &Client,
	last: u64,
	diffs: &mut Vec<Difference>,
) -> Result<()> {
	let history: Vec<&'static Table> =
		schema::TABLES.iter().copied().filter(|t| t.history).collect();
	type Rows = BTreeMap<(&'static str, Vec<Val>), Record>;
	let mut indexed: Rows = BTreeMap::new();
	for t in &history {
		for r in db.select(t, "", &[], "block_number, event_index").await? {
			indexed.insert((t.name, r.key().to_vec()), r);
		}
	}
	// A portal started from a state snapshot has no history before its first block.
	let first = db.meta("start_block").await?.and_then(|s| s.parse().ok()).unwrap_or(0u64);
	let mut chain: Rows = BTreeMap::new();
	let mut blocks = futures::stream::iter(first..=last)
		.map(|n| async move { fetch_block(client, n, false).await })
		.buffered(PREFETCH);
	while let Some(f) = blocks.next().await {
		let mut f = f?;
		if f.events.is_empty() {
			continue;
		}
		for op in block_ops(db, &mut f, false).await? {
			if let Op::Append(r) = op {
				chain.insert((r.table.name, r.key().to_vec()), r);
			}
		}
	}
	let render = |k: &[Val]| k.iter().map(Val::render).collect::<Vec<_>>().join("/");
	for ((table, key), r) in &chain {
		match indexed.get(&(*table, key.clone())) {
			None => diffs.push(Difference {
				table,
				key: render(key),
				what: "history row missing from the index".into(),
			}),
			Some(i) => {
				for (((col, _), a), b) in r.table.cols.iter().zip(&i.vals).zip(&r.vals) {
					if a != b {
						diffs.push(Difference {
							table,
							key: render(key),
							what: format!("{col}: index {:?}, chain {:?}", a.render(), b.render()),
						});
					}
				}
			}
		}
	}
	for (table, key) in indexed.keys() {
		if !chain.contains_key(&(*table, key.clone())) {
			diffs.push(Difference {
				table,
				key: render(key),
				what: "history row not from any event on chain".into(),
			});
		}
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn hex_is_decoded_as_the_hex_crate_decodes_it() {
		let bytes: Vec<u8> = (0..=255).collect();
		assert_eq!(from_hex(&hex0x(&bytes)), Some(bytes.clone()));
		assert_eq!(from_hex(&hex::encode_upper(&bytes)), Some(bytes));
		assert_eq!(from_hex("0x"), Some(Vec::new()));
		for bad in ["0x0", "0xzz", "0x1g", "0x 1", "0x\u{e9}1"] {
			assert_eq!(from_hex(bad), None, "{bad}");
		}
	}

	#[tokio::test]
	async fn a_read_too_large_for_the_node_is_read_in_halves() {
		let items: Vec<u32> = (0..2_048).collect();
		let calls = std::sync::atomic::AtomicUsize::new(0);
		// A node that answers at most 300 keys a request.
		let limited = |keys: &[u32]| {
			calls.fetch_add(1, Ordering::SeqCst);
			let answer = if keys.len() > 300 {
				Err(format!("response of {} keys too big", keys.len()))
			} else {
				Ok(keys.iter().map(|k| k * 10).collect::<Vec<u32>>())
			};
			async move { answer }
		};
		let got = in_halves(&items, MIN_READ_BATCH, &limited).await.expect("read in halves");
		assert_eq!(got, items.iter().map(|k| k * 10).collect::<Vec<_>>(), "all, in order");
		// 2 048 → 1 024 → 512 → 256: 1 + 2 + 4 + 8 requests.
		assert_eq!(calls.load(Ordering::SeqCst), 15);
		// A read that fails whatever its size fails once split down to the smallest request.
		calls.store(0, Ordering::SeqCst);
		let down = |_: &[u32]| {
			calls.fetch_add(1, Ordering::SeqCst);
			async { Err::<Vec<u32>, _>("node down".to_string()) }
		};
		let err = in_halves(&items, MIN_READ_BATCH, &down).await.expect_err("node down");
		assert_eq!(err, "node down");
		assert!(calls.load(Ordering::SeqCst) <= 1 + 2 + 4 + 8 + 16);
		// A small read is never split.
		calls.store(0, Ordering::SeqCst);
		assert!(in_halves(&items[..MIN_READ_BATCH], MIN_READ_BATCH, &down).await.is_err());
		assert_eq!(calls.load(Ordering::SeqCst), 1);
	}

	#[test]
	fn storage_keys_decode_back_to_their_entities() {
		let entities = [
			Entity::Institution(530400),
			Entity::Subject(*b"91530400MA00001006"),
			Entity::Application(3),
			Entity::Objection(u64::MAX),
			Entity::Registration(7),
			Entity::Agreement(0),
			Entity::Certificate(530400, 2026, 9_999_999),
			Entity::Year(2027),
		];
		for e in entities {
			let (pallet, item, key) = location(&e);
			assert_eq!(&key[..32], prefix(pallet, item).as_slice());
			let hash_len = if item == "Years" { 8 } else { 16 };
			assert_eq!(entity_from_key(item, &key[32 + hash_len..]), Some(e.clone()), "{e:?}");
		}
	}

	#[test]
	fn certificate_and_institution_keys_are_those_the_verifier_proves() {
		let division = DivisionCode::new(530400).expect("division");
		let code = CertificateCode::new(division, 2026, 42).expect("code");
		assert_eq!(
			location(&Entity::of_code(&code)).2,
			dengji_verify::keys::certificate_key(&code)
		);
		assert_eq!(
			location(&Entity::Institution(530400)).2,
			dengji_verify::keys::institution_key(&division)
		);
		assert_eq!(prefix("Timestamp", "Now"), dengji_verify::keys::timestamp_now_key());
	}

	#[test]
	fn working_days_of_each_deadline_follow_the_measures() {
		// YX-R §16 ¶1 (3 WD acceptance, 20 WD review), §16 ¶2 (10 WD supplement), §21 (10 WD
		// cancellation), §22 (10 WD publicity, 3 WD forwarding, 10 WD rebuttal).
		for (kind, wd, institution) in [
			("Acceptance", 3, true),
			("Review", 20, true),
			("Supplement", 10, false),
			("Publicity", 10, false),
			("Cancellation", 10, true),
			("Forward", 3, true),
			("Rebuttal", 10, false),
		] {
			assert_eq!(schema::working_days(kind), Some(wd), "{kind}");
			assert_eq!(schema::binds_institution(kind), institution, "{kind}");
		}
		assert_eq!(schema::working_days("Other"), None);
	}
}

//! `bench_open`: open-loop throughput and latency of the 4-validator `local` network in the method
//! of the national trusted-blockchain tests (CAICT) and Parity's sTPS (issue 15 §2, §5, §6).
//!
//! - Transactions are **signed before** each measuring window (so client signing does not compete
//!   with the validators for the cores), by `--signers` subjects admitted in the set-up (enough
//!   that `CheckParticipant`'s 32 transactions per account per block is never what is measured),
//!   then **sent at a fixed rate** with `author_submitExtrinsic` over 4 connections per validator,
//!   whether or not earlier ones are done (open loop).
//! - **Committed** transactions are counted from the finalized blocks' bodies (by transaction
//!   hash), not from client acknowledgements; a block tracker on validator 0 notes when each
//!   transaction was first seen in a best block and in a finalized block.
//! - Two kinds from the same signers in the same run: `Registration.submit_first_time` (a first
//!   registration application, the procedure's entry call: 11 reads, 4 writes) and a
//!   `System.remark` of the same encoded size (the baseline).
//! - Phases: a **stress** ladder (`--rates`, each kind; the stress rate is the highest with ≥ 95 %
//!   of sent transactions committed), a **2× spike** for `--spike-secs` (success, recovery time),
//!   a **stability** run at 20 % of the stress rate for `--stability-secs` (both kinds
//!   interleaved; RSS and disk sampled every 10 s).
//! - Per phase: sent, accepted by the pool, committed, submit → included and submit → finalized
//!   p50/p95/p99, the finality parts (submit → block timestamp = waiting for a slot; timestamp →
//!   seen in a best block = authoring, import and propagation; best → finalized = GRANDPA rounds
//!   and justification gossip), per-validator CPU %, RSS, disk bytes written (per 10^4 committed).
//!
//! Prints tables and a last line `BENCH_OPEN_JSON {…}`. The node is `$DENGJI_NODE_BIN`.

use anyhow::{anyhow, bail, Context, Result};
use dengji_client::{
	primitives::{ObjectKind, Uscc},
	roles, OfflineSigner, Reader, SignedTransaction, Signer,
};
use dengji_tests::{
	bench::{node_pid, quantile_ms, remark_of_encoded_len, start_local_network_with, Ctx},
	flow::{basic_info, uscc},
};
use std::{
	collections::HashMap,
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc, Mutex,
	},
	time::{Duration, Instant},
};

const NODE_UP_TIMEOUT: Duration = Duration::from_secs(600);
const SETUP_TIMEOUT: Duration = Duration::from_secs(600);
/// Submission connections per validator.
const CONNS_PER_NODE: usize = 4;
/// Submission requests in flight at most (beyond that the client, not the chain, would lag).
const MAX_PENDING: usize = 4096;
/// Block tracker poll period.
const TRACK_POLL: Duration = Duration::from_millis(100);
/// The idle-chain measurement before the load.
const IDLE_WINDOW: Duration = Duration::from_secs(15);
/// Success threshold of the stress ladder.
const STRESS_SUCCESS: f64 = 0.95;
/// A rate is sustained when its transactions are finalized at most this long after the last one
/// was sent (three 3-second slots and GRANDPA): a backlog that only drains after the window
/// means the rate was above what the chain carries.
const SUSTAIN_GRACE: Duration = Duration::from_secs(10);

struct Args {
	signers: usize,
	rates: Vec<u32>,
	step_secs: u64,
	spike_secs: u64,
	stability_secs: u64,
	drain_secs: u64,
	node_args: Vec<String>,
	chain: Option<String>,
}

fn parse_args() -> Result<Args> {
	let mut a = Args {
		signers: 512,
		rates: vec![50, 75, 100, 150, 200, 300, 400, 600, 800],
		step_secs: 20,
		spike_secs: 60,
		stability_secs: 1800,
		drain_secs: 30,
		node_args: Vec::new(),
		chain: None,
	};
	let mut it = std::env::args().skip(1);
	while let Some(flag) = it.next() {
		let mut value = || it.next().ok_or_else(|| anyhow!("{flag} needs a value"));
		match flag.as_str() {
			"--signers" => a.signers = value()?.parse()?,
			"--rates" => {
				a.rates = value()?
					.split(',')
					.map(|r| r.trim().parse::<u32>().context("--rates"))
					.collect::<Result<_>>()?
			}
			"--step-secs" => a.step_secs = value()?.parse()?,
			"--spike-secs" => a.spike_secs = value()?.parse()?,
			"--stability-secs" => a.stability_secs = value()?.parse()?,
			"--drain-secs" => a.drain_secs = value()?.parse()?,
			"--node-arg" => a.node_args.push(value()?),
			"--chain" => a.chain = Some(value()?),
			"-h" | "--help" => {
				println!(
					"bench_open [--signers N (512)] [--rates 25,50,… tx/s] [--step-secs S (20)]\n\
					 [--spike-secs S (60, 0 = skip)] [--stability-secs S (1800, 0 = skip)] [--drain-secs S (30)]\n\
					 [--node-arg ARG]… (appended to every validator's command line)\n\
					 [--chain SPEC.json] (the local spec exported raw, instead of the built-in `local`)"
				);
				std::process::exit(0);
			}
			other => bail!("unknown argument {other} (see --help)"),
		}
	}
	if a.signers == 0 || a.rates.is_empty() || a.rates.contains(&0) || a.step_secs == 0 {
		bail!("--signers, --rates and --step-secs must be positive");
	}
	Ok(a)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
enum Kind {
	Registration,
	Remark,
}

/// One pre-signed transaction.
struct Tx {
	kind: Kind,
	signed: SignedTransaction,
}

/// What the block tracker saw, by transaction hash.
#[derive(Default)]
struct Seen {
	/// First seen in a best block on validator 0: (when, block timestamp ms).
	included: HashMap<[u8; 32], (Instant, u64)>,
	/// Seen in a finalized block: (when, block number).
	finalized: HashMap<[u8; 32], (Instant, u32)>,
	/// Finalized blocks: (number, timestamp ms, signed extrinsics).
	blocks: Vec<(u32, u64, usize)>,
}

/// Follows validator 0's best and finalized chains until `stop`.
async fn track(reader: Reader, seen: Arc<Mutex<Seen>>, stop: Arc<AtomicBool>) -> Result<()> {
	let rpc = reader.rpc().clone();
	let mut best_done = rpc.finalized_head().await?.number;
	let mut fin_done = best_done;
	let mut bodies: HashMap<[u8; 32], (Vec<[u8; 32]>, u64)> = HashMap::new();
	let body = |hash: [u8; 32]| {
		let rpc = rpc.clone();
		async move {
			let b = rpc
				.legacy()
				.chain_get_block(Some(dengji_client::rpc::H256(hash)))
				.await
				.map_err(|e| anyhow!("chain_getBlock: {e}"))?
				.ok_or_else(|| anyhow!("no block"))?;
			let mut ts = 0u64;
			let mut hashes = Vec::new();
			for x in &b.block.extrinsics {
				hashes.push(dengji_client::primitives::blake2_256(&x.0));
				// Timestamp::set(compact u64) is the first inherent: read it from its bytes.
				if ts == 0 {
					ts = timestamp_of(&x.0).unwrap_or(0);
				}
			}
			Ok::<_, anyhow::Error>((hashes, ts))
		}
	};
	while !stop.load(Ordering::SeqCst) {
		let best = rpc.best_block().await?;
		let now = Instant::now();
		for n in best_done + 1..=best.number {
			let Some(h) = rpc.block_hash(n).await? else { break };
			let (hashes, ts) = body(h).await?;
			{
				let mut s = seen.lock().map_err(|_| anyhow!("poisoned"))?;
				for x in &hashes {
					s.included.entry(*x).or_insert((now, ts));
				}
			}
			bodies.insert(h, (hashes, ts));
			best_done = n;
		}
		let fin = rpc.finalized_head().await?;
		let now = Instant::now();
		for n in fin_done + 1..=fin.number {
			let Some(h) = rpc.block_hash(n).await? else { break };
			let (hashes, ts) = match bodies.remove(&h) {
				Some(b) => b,
				None => body(h).await?,
			};
			let mut s = seen.lock().map_err(|_| anyhow!("poisoned"))?;
			// Inherents (timestamp) are the bare extrinsics; the rest are signed.
			s.blocks.push((n, ts, hashes.len().saturating_sub(1)));
			for x in hashes {
				s.included.entry(x).or_insert((now, ts));
				s.finalized.insert(x, (now, n));
			}
			fin_done = n;
		}
		if bodies.len() > 4096 {
			bodies.clear();
		}
		tokio::time::sleep(TRACK_POLL).await;
	}
	Ok(())
}

/// `Timestamp::set(now)` inherent: `[compact len][0x05 (v5 bare) or 0x04][pallet 1][call 0][compact u64]`.
fn timestamp_of(xt: &[u8]) -> Option<u64> {
	use dengji_client::subxt::ext::codec::{Compact, Decode};
	let mut input = xt;
	let _len = Compact::<u32>::decode(&mut input).ok()?;
	let (&version, rest) = input.split_first()?;
	if version & 0x80 != 0 {
		return None;
	}
	let rest = rest.get(2..)?;
	let mut r = rest;
	Compact::<u64>::decode(&mut r).ok().map(|c| c.0)
}

/// Per-process counters from /proc.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
struct Proc {
	/// utime + stime, clock ticks.
	cpu_ticks: u64,
	rss_kib: u64,
	hwm_kib: u64,
	/// Of the RSS: anonymous memory (heap: caches, pool) and file pages (ParityDB's mapped
	/// tables, the binary), from /proc/PID/status.
	anon_kib: u64,
	file_kib: u64,
	write_bytes: u64,
}

fn proc_of(pid: u32) -> Result<Proc> {
	let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
	let after = stat.rsplit_once(')').map(|(_, r)| r).ok_or_else(|| anyhow!("stat"))?;
	let f: Vec<&str> = after.split_whitespace().collect();
	// Fields 14 and 15 (utime, stime) are at 11 and 12 after the command name.
	let cpu_ticks = f.get(11).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0)
		+ f.get(12).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
	let (rss_kib, hwm_kib) = dengji_tests::bench::rss_kib(pid)?;
	let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
	let kib = |name: &str| {
		status
			.lines()
			.find_map(|l| l.strip_prefix(name))
			.and_then(|v| v.split_whitespace().next())
			.and_then(|v| v.parse::<u64>().ok())
			.unwrap_or(0)
	};
	let (anon_kib, file_kib) = (kib("RssAnon:"), kib("RssFile:"));
	let io = std::fs::read_to_string(format!("/proc/{pid}/io")).unwrap_or_default();
	let write_bytes = io
		.lines()
		.find_map(|l| l.strip_prefix("write_bytes:"))
		.and_then(|v| v.trim().parse().ok())
		.unwrap_or(0);
	Ok(Proc { cpu_ticks, rss_kib, hwm_kib, anon_kib, file_kib, write_bytes })
}

/// Bytes allocated on disk under `dir` (a node's base path: its database), like `du`.
fn dir_bytes(dir: &std::path::Path) -> u64 {
	use std::os::unix::fs::MetadataExt;
	let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
	entries
		.flatten()
		.map(|e| match e.metadata() {
			Ok(m) if m.is_dir() => dir_bytes(&e.path()),
			Ok(m) => m.blocks() * 512,
			Err(_) => 0,
		})
		.sum()
}

fn procs(pids: &[u32]) -> Result<Vec<Proc>> {
	pids.iter().map(|p| proc_of(*p)).collect()
}

/// Clock ticks per second (`getconf CLK_TCK`).
fn clk_tck() -> f64 {
	// SAFETY: sysconf has no preconditions.
	let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
	if t > 0 {
		t as f64
	} else {
		100.0
	}
}

#[derive(Debug, Default, serde::Serialize)]
struct KindResult {
	sent: usize,
	accepted: usize,
	committed: usize,
	success: f64,
	/// Committed within [`SUSTAIN_GRACE`] after the end of sending, over sent.
	in_time_success: f64,
	committed_per_s: f64,
	included_p50_ms: f64,
	included_p95_ms: f64,
	included_p99_ms: f64,
	finalized_p50_ms: f64,
	finalized_p95_ms: f64,
	finalized_p99_ms: f64,
	/// Finality parts (medians): submit → block timestamp (slot wait), block timestamp → seen
	/// in a best block (authoring, import, propagation), best → finalized (GRANDPA).
	slot_wait_p50_ms: f64,
	to_best_p50_ms: f64,
	best_to_finalized_p50_ms: f64,
	first_error: Option<String>,
}

#[derive(Debug, serde::Serialize)]
struct Resources {
	node: String,
	cpu_percent: f64,
	rss_mib: f64,
	hwm_mib: f64,
	written_mib: f64,
	written_bytes_per_1e4_committed: f64,
	/// The same, less what the validator writes on an idle chain in the same time.
	net_written_bytes_per_1e4_committed: f64,
}

#[derive(Debug, serde::Serialize)]
struct PhaseResult {
	name: String,
	rate: f64,
	secs: u64,
	/// The client's largest delay behind the sending schedule.
	client_lag_ms: f64,
	/// Time from the end of sending until the last committed transaction was finalized.
	tail_ms: f64,
	load_avg: String,
	kinds: Vec<(Kind, KindResult)>,
	resources: Vec<Resources>,
	blocks: usize,
	block_time_ms: u64,
	max_signed_per_block: usize,
}

struct Bench {
	ctx: Arc<Ctx>,
	names: Vec<String>,
	pids: Vec<u32>,
	conns: Vec<Reader>,
	offline: OfflineSigner,
	subjects: Vec<(Signer, Uscc, usize)>,
	nonces: Vec<u64>,
	seen: Arc<Mutex<Seen>>,
	remark_len: usize,
	seq: u64,
	/// Bytes per second each validator writes with no transactions (blocks, finality, logs).
	idle_write_rate: Vec<f64>,
}

fn load_avg() -> String {
	std::fs::read_to_string("/proc/loadavg")
		.map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
		.unwrap_or_default()
}

impl Bench {
	/// Signs `n` transactions of `kinds` (cycled), round-robin over the signers.
	fn presign(&mut self, kinds: &[Kind], n: usize) -> Result<Vec<Tx>> {
		let remark = remark_of_encoded_len(self.remark_len);
		let mut out = Vec::with_capacity(n);
		for j in 0..n {
			let s = (self.seq as usize) % self.subjects.len();
			self.seq += 1;
			let kind = kinds[j % kinds.len()];
			let (signer, uscc, k) = &self.subjects[s];
			let call = match kind {
				Kind::Remark => remark.clone(),
				Kind::Registration => roles::subject::apply(
					self.ctx.institutions[*k],
					*uscc,
					ObjectKind::DataResource,
					None,
					&basic_info(&format!("open-loop dataset {:09}", self.seq)),
				),
			};
			let signed = self.offline.sign(&call, signer, self.nonces[s])?;
			self.nonces[s] += 1;
			out.push(Tx { kind, signed });
		}
		Ok(out)
	}

	/// Sends `txs` at `rate` per second and measures until they are finalized (or `drain`).
	async fn phase(
		&mut self,
		name: &str,
		txs: Vec<Tx>,
		rate: f64,
		drain: Duration,
	) -> Result<PhaseResult> {
		let before = procs(&self.pids)?;
		let t_before = Instant::now();
		let first_block = self.seen.lock().map_err(|_| anyhow!("poisoned"))?.blocks.len();
		let sent_at: Arc<Mutex<HashMap<[u8; 32], Instant>>> = Default::default();
		let errors: Arc<Mutex<HashMap<Kind, (usize, Option<String>)>>> = Default::default();
		let pending = Arc::new(tokio::sync::Semaphore::new(MAX_PENDING));
		let start = Instant::now();
		let mut lag = Duration::ZERO;
		let mut handles = Vec::with_capacity(txs.len());
		let kinds: Vec<(Kind, [u8; 32])> = txs.iter().map(|t| (t.kind, t.signed.hash)).collect();
		for (j, tx) in txs.into_iter().enumerate() {
			let due = start + Duration::from_secs_f64(j as f64 / rate);
			let now = Instant::now();
			if due > now {
				tokio::time::sleep_until(tokio::time::Instant::from_std(due)).await;
			} else {
				lag = lag.max(now - due);
			}
			let permit = pending.clone().acquire_owned().await?;
			let conn = self.conns[j % self.conns.len()].clone();
			let (sent_at, errors) = (sent_at.clone(), errors.clone());
			handles.push(tokio::spawn(async move {
				let t = Instant::now();
				if let Ok(mut m) = sent_at.lock() {
					m.insert(tx.signed.hash, t);
				}
				let r = conn.rpc().legacy().author_submit_extrinsic(&tx.signed.bytes).await;
				drop(permit);
				if let Err(e) = r {
					if let Ok(mut m) = errors.lock() {
						let entry = m.entry(tx.kind).or_default();
						entry.0 += 1;
						entry.1.get_or_insert_with(|| e.to_string());
					}
				}
			}));
		}
		let send_end = Instant::now();
		for h in handles {
			h.await?;
		}
		// Drain: until every accepted transaction is finalized, or nothing new for `drain`.
		let accepted_total = kinds.len()
			- errors.lock().map_err(|_| anyhow!("poisoned"))?.values().map(|e| e.0).sum::<usize>();
		let mut last_count = 0;
		let mut last_progress = Instant::now();
		loop {
			let done = {
				let s = self.seen.lock().map_err(|_| anyhow!("poisoned"))?;
				kinds.iter().filter(|(_, h)| s.finalized.contains_key(h)).count()
			};
			if done >= accepted_total {
				break;
			}
			if done > last_count {
				last_count = done;
				last_progress = Instant::now();
			} else if last_progress.elapsed() > drain {
				break;
			}
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
		let after = procs(&self.pids)?;
		let wall = t_before.elapsed().as_secs_f64();
		let secs = (send_end - start).as_secs_f64();

		let s = self.seen.lock().map_err(|_| anyhow!("poisoned"))?;
		let sent_at = sent_at.lock().map_err(|_| anyhow!("poisoned"))?;
		let errors = errors.lock().map_err(|_| anyhow!("poisoned"))?;
		let mut results = Vec::new();
		let mut committed_total = 0;
		let mut last_final = send_end;
		for kind in [Kind::Registration, Kind::Remark] {
			let mine: Vec<&[u8; 32]> =
				kinds.iter().filter(|(k, _)| *k == kind).map(|(_, h)| h).collect();
			if mine.is_empty() {
				continue;
			}
			let (mut inc, mut fin, mut slot, mut to_best, mut b2f) =
				(Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
			let mut in_time = 0usize;
			for h in &mine {
				let (Some(sent), Some((fin_at, _))) = (sent_at.get(*h), s.finalized.get(*h)) else {
					continue;
				};
				last_final = last_final.max(*fin_at);
				if *fin_at <= send_end + SUSTAIN_GRACE {
					in_time += 1;
				}
				fin.push(fin_at.saturating_duration_since(*sent));
				if let Some((inc_at, ts)) = s.included.get(*h) {
					inc.push(inc_at.saturating_duration_since(*sent));
					b2f.push(fin_at.saturating_duration_since(*inc_at));
					// Block timestamp relative to the submission, on the wall clock.
					let sent_wall = wall_ms(*sent);
					slot.push(Duration::from_millis(ts.saturating_sub(sent_wall)));
					to_best.push(Duration::from_millis(wall_ms(*inc_at).saturating_sub(*ts)));
				}
			}
			let (nerr, first_error) =
				errors.get(&kind).map(|e| (e.0, e.1.clone())).unwrap_or((0, None));
			let committed = fin.len();
			committed_total += committed;
			results.push((
				kind,
				KindResult {
					sent: mine.len(),
					accepted: mine.len() - nerr,
					committed,
					success: committed as f64 / mine.len() as f64,
					in_time_success: in_time as f64 / mine.len() as f64,
					committed_per_s: committed as f64 / secs.max(0.001),
					included_p50_ms: quantile_ms(&inc, 0.5),
					included_p95_ms: quantile_ms(&inc, 0.95),
					included_p99_ms: quantile_ms(&inc, 0.99),
					finalized_p50_ms: quantile_ms(&fin, 0.5),
					finalized_p95_ms: quantile_ms(&fin, 0.95),
					finalized_p99_ms: quantile_ms(&fin, 0.99),
					slot_wait_p50_ms: quantile_ms(&slot, 0.5),
					to_best_p50_ms: quantile_ms(&to_best, 0.5),
					best_to_finalized_p50_ms: quantile_ms(&b2f, 0.5),
					first_error,
				},
			));
		}
		let tck = clk_tck();
		let resources = self
			.names
			.iter()
			.zip(before.iter().zip(after.iter()))
			.zip(self.idle_write_rate.iter())
			.map(|((n, (b, a)), idle)| {
				let written = a.write_bytes.saturating_sub(b.write_bytes) as f64;
				let net = (written - idle * wall).max(0.0);
				Resources {
					node: n.clone(),
					cpu_percent: (a.cpu_ticks.saturating_sub(b.cpu_ticks)) as f64 / tck / wall
						* 100.0,
					rss_mib: a.rss_kib as f64 / 1024.0,
					hwm_mib: a.hwm_kib as f64 / 1024.0,
					written_mib: written / 1048576.0,
					written_bytes_per_1e4_committed: if committed_total > 0 {
						written / committed_total as f64 * 1e4
					} else {
						0.0
					},
					net_written_bytes_per_1e4_committed: if committed_total > 0 {
						net / committed_total as f64 * 1e4
					} else {
						0.0
					},
				}
			})
			.collect();
		let blocks = &s.blocks[first_block.min(s.blocks.len())..];
		let block_time_ms = if blocks.len() > 1 {
			(blocks[blocks.len() - 1].1.saturating_sub(blocks[0].1)) / (blocks.len() as u64 - 1)
		} else {
			0
		};
		Ok(PhaseResult {
			name: name.into(),
			rate,
			secs: secs.round() as u64,
			client_lag_ms: lag.as_secs_f64() * 1000.0,
			tail_ms: last_final.saturating_duration_since(send_end).as_secs_f64() * 1000.0,
			load_avg: load_avg(),
			kinds: results,
			resources,
			blocks: blocks.len(),
			block_time_ms,
			max_signed_per_block: blocks.iter().map(|b| b.2).max().unwrap_or(0),
		})
	}

	/// After a phase: fills the nonce gaps dropped transactions left (a remark with the missing
	/// nonce), so the next phase's transactions are not stuck behind them, and re-reads every
	/// signer's nonce.
	async fn settle(&mut self) -> Result<usize> {
		let remark = remark_of_encoded_len(self.remark_len);
		let rpc = self.conns[0].rpc().clone();
		let deadline = Instant::now() + Duration::from_secs(90);
		let mut filled = 0;
		loop {
			let mut gaps = 0;
			for (s, (signer, _, _)) in self.subjects.iter().enumerate() {
				let node = rpc.account_next_index(&signer.account_id()).await?;
				if node < self.nonces[s] {
					gaps += 1;
					let tx = self.offline.sign(&remark, signer, node)?;
					if rpc.legacy().author_submit_extrinsic(&tx.bytes).await.is_ok() {
						filled += 1;
					}
				}
			}
			if gaps == 0 {
				return Ok(filled);
			}
			if Instant::now() > deadline {
				// Give up on the gaps: start the signers at the node's count.
				for (s, (signer, _, _)) in self.subjects.iter().enumerate() {
					self.nonces[s] = rpc.account_next_index(&signer.account_id()).await?;
				}
				eprintln!("bench_open: {gaps} signers still had nonce gaps; restarted at the node's count");
				return Ok(filled);
			}
			tokio::time::sleep(Duration::from_secs(6)).await;
		}
	}
}

/// `Instant` → Unix ms (via the offset measured now).
fn wall_ms(t: Instant) -> u64 {
	let now_i = Instant::now();
	let now_ms = dengji_client::system_now_ms();
	if t <= now_i {
		now_ms.saturating_sub((now_i - t).as_millis() as u64)
	} else {
		now_ms + (t - now_i).as_millis() as u64
	}
}

fn print_phase(p: &PhaseResult) {
	println!(
		"\n## {} — {:.0} tx/s for {} s (load {}; client lag max {:.0} ms; tail {:.1} s; {} blocks, {} ms, max {} signed/block)",
		p.name,
		p.rate,
		p.secs,
		p.load_avg,
		p.client_lag_ms,
		p.tail_ms / 1000.0,
		p.blocks,
		p.block_time_ms,
		p.max_signed_per_block
	);
	println!("| kind | sent | accepted | committed | success (in time) | committed/s | included p50/p95/p99 ms | finalized p50/p95/p99 ms | slot wait / to best / best→final p50 ms |");
	println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
	for (k, r) in &p.kinds {
		println!(
			"| {:?} | {} | {} | {} | {:.1} % ({:.1} %) | {:.1} | {:.0} / {:.0} / {:.0} | {:.0} / {:.0} / {:.0} | {:.0} / {:.0} / {:.0} |",
			k,
			r.sent,
			r.accepted,
			r.committed,
			r.success * 100.0,
			r.in_time_success * 100.0,
			r.committed_per_s,
			r.included_p50_ms,
			r.included_p95_ms,
			r.included_p99_ms,
			r.finalized_p50_ms,
			r.finalized_p95_ms,
			r.finalized_p99_ms,
			r.slot_wait_p50_ms,
			r.to_best_p50_ms,
			r.best_to_finalized_p50_ms
		);
		if let Some(e) = &r.first_error {
			println!("  first pool refusal ({:?}): {e}", k);
		}
	}
	let res: Vec<String> = p
		.resources
		.iter()
		.map(|r| {
			format!(
				"{} CPU {:.0} % RSS {:.0} MiB (peak {:.0}) wrote {:.1} MiB ({:.1} MiB/10^4 tx, {:.1} above idle)",
				r.node,
				r.cpu_percent,
				r.rss_mib,
				r.hwm_mib,
				r.written_mib,
				r.written_bytes_per_1e4_committed / 1048576.0,
				r.net_written_bytes_per_1e4_committed / 1048576.0
			)
		})
		.collect();
	println!("validators: {}", res.join("; "));
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<()> {
	let args = parse_args()?;
	let started = Instant::now();
	eprintln!("bench_open: starting the 4-validator local network");
	let net =
		start_local_network_with(NODE_UP_TIMEOUT, args.chain.as_deref(), &args.node_args).await?;
	net.wait_all_finalized(&[0, 1, 2, 3], 2, NODE_UP_TIMEOUT)
		.await
		.inspect_err(|_| net.mark_failed())?;
	let pids: Vec<u32> = net.nodes.iter().map(node_pid).collect::<Result<_>>()?;
	let names: Vec<String> = net.nodes.iter().map(|n| n.name().to_string()).collect();
	let ctx = Arc::new(Ctx::connect(&net.nodes).await?);

	// Set-up: admit the signers (subjects seated in the four institutions' divisions).
	let t = Instant::now();
	let mut subjects = Vec::new();
	let mut handles = Vec::new();
	for i in 0..args.signers {
		let k = i % ctx.institutions.len();
		let signer = Signer::from_suri(&format!("//OpenLoopSubject{i}"))?;
		let n = u32::try_from(20_000 + i)?;
		let code = uscc(ctx.institutions[k].get(), n)?;
		subjects.push((signer.clone(), code, k));
		let ctx = ctx.clone();
		handles.push(tokio::spawn(async move {
			let call = roles::institution::admit_subject(
				code,
				&format!("Open-loop Data Co. {i}"),
				ctx.institutions[k],
				&[signer.account_id()],
			);
			ctx.clients[k].submit(&call, &ctx.operators[k]).await
		}));
	}
	for h in handles {
		tokio::time::timeout(SETUP_TIMEOUT, h)
			.await
			.map_err(|_| anyhow!("set-up timed out"))???;
	}
	eprintln!(
		"bench_open: {} signers admitted in {:.0} s",
		args.signers,
		t.elapsed().as_secs_f64()
	);

	let mut conns = Vec::new();
	for n in &net.nodes {
		for _ in 0..CONNS_PER_NODE {
			conns.push(Reader::connect(&n.ws_url()).await?);
		}
	}
	let offline = ctx.clients[0].offline_signer().await?;
	let sample = roles::subject::apply(
		ctx.institutions[0],
		subjects[0].1,
		ObjectKind::DataResource,
		None,
		&basic_info("open-loop dataset 000000000"),
	);
	let remark_len = ctx.clients[0].call_data(&sample).await?.len();
	let mut nonces = Vec::new();
	for (s, _, _) in &subjects {
		nonces.push(ctx.clients[0].reader().rpc().account_next_index(&s.account_id()).await?);
	}
	// Idle chain: what each validator writes per second with no transactions.
	let (idle_from, t_idle) = (procs(&pids)?, Instant::now());
	tokio::time::sleep(IDLE_WINDOW).await;
	let idle_to = procs(&pids)?;
	let idle_secs = t_idle.elapsed().as_secs_f64();
	let idle_write_rate: Vec<f64> = idle_from
		.iter()
		.zip(&idle_to)
		.map(|(a, b)| b.write_bytes.saturating_sub(a.write_bytes) as f64 / idle_secs)
		.collect();
	let idle_cpu: Vec<f64> = idle_from
		.iter()
		.zip(&idle_to)
		.map(|(a, b)| {
			b.cpu_ticks.saturating_sub(a.cpu_ticks) as f64 / clk_tck() / idle_secs * 100.0
		})
		.collect();
	println!(
		"idle chain over {idle_secs:.0} s: {}",
		names
			.iter()
			.enumerate()
			.map(|(i, n)| format!(
				"{n} CPU {:.1} %, RSS {:.0} MiB, writes {:.1} KiB/s",
				idle_cpu[i],
				idle_to[i].rss_kib as f64 / 1024.0,
				idle_write_rate[i] / 1024.0
			))
			.collect::<Vec<_>>()
			.join("; ")
	);
	let seen = Arc::new(Mutex::new(Seen::default()));
	let stop = Arc::new(AtomicBool::new(false));
	let tracker = tokio::spawn(track(ctx.clients[0].reader().clone(), seen.clone(), stop.clone()));
	let mut b = Bench {
		ctx: ctx.clone(),
		names,
		pids: pids.clone(),
		conns,
		offline,
		subjects,
		nonces,
		seen,
		remark_len,
		seq: 0,
		idle_write_rate,
	};
	println!(
		"bench_open: {} signers, registration call {remark_len} B and remark of the same size; node {} {}",
		args.signers,
		dengji_tests::node_binary()?.display(),
		args.node_args.join(" ")
	);

	let drain = Duration::from_secs(args.drain_secs);
	let mut phases = Vec::new();
	let mut stress: HashMap<Kind, u32> = HashMap::new();
	let mut failed: HashMap<Kind, bool> = HashMap::new();
	for &rate in &args.rates {
		for kind in [Kind::Remark, Kind::Registration] {
			if failed.get(&kind).copied().unwrap_or(false) {
				continue;
			}
			let n = rate as usize * args.step_secs as usize;
			let txs = b.presign(&[kind], n)?;
			let p =
				b.phase(&format!("stress {kind:?} {rate}/s"), txs, f64::from(rate), drain).await?;
			print_phase(&p);
			let ok = p.kinds.iter().all(|(_, r)| r.in_time_success >= STRESS_SUCCESS);
			if ok {
				stress.insert(kind, rate);
			} else {
				failed.insert(kind, true);
			}
			phases.push(p);
			let filled = b.settle().await?;
			if filled > 0 {
				eprintln!("bench_open: filled {filled} nonce gaps");
			}
		}
		if failed.len() == 2 {
			break;
		}
	}
	let s_remark = stress.get(&Kind::Remark).copied().unwrap_or(0);
	let s_reg = stress.get(&Kind::Registration).copied().unwrap_or(0);
	println!(
		"\nSTRESS (highest rate with ≥ 95 % finalized within 10 s of the window's end): remark {s_remark} tx/s, registration {s_reg} tx/s, ratio {:.2}",
		if s_remark > 0 { f64::from(s_reg) / f64::from(s_remark) } else { 0.0 }
	);

	if args.spike_secs > 0 {
		for (kind, s) in [(Kind::Remark, s_remark), (Kind::Registration, s_reg)] {
			let rate = 2 * s.max(1);
			let txs = b.presign(&[kind], rate as usize * args.spike_secs as usize)?;
			let p = b
				.phase(&format!("spike 2x {kind:?} {rate}/s"), txs, f64::from(rate), drain * 2)
				.await?;
			print_phase(&p);
			phases.push(p);
			b.settle().await?;
		}
	}
	let mut samples = Vec::new();
	if args.stability_secs > 0 {
		// Both kinds interleaved, each at 20 % of its stress rate.
		let r_remark = (f64::from(s_remark) * 0.2).max(1.0);
		let r_reg = (f64::from(s_reg) * 0.2).max(1.0);
		let rate = r_remark + r_reg;
		let n = (rate * args.stability_secs as f64) as usize;
		// The interleaving follows the two rates' proportion.
		let every = (rate / r_reg).round().max(1.0) as usize;
		let pattern: Vec<Kind> =
			(0..every).map(|i| if i == 0 { Kind::Registration } else { Kind::Remark }).collect();
		let txs = b.presign(&pattern, n)?;
		let sampler_stop = Arc::new(AtomicBool::new(false));
		let sampler = {
			let (pids, stop) = (pids.clone(), sampler_stop.clone());
			let bases: Vec<_> = net.nodes.iter().map(|n| n.base_path()).collect();
			tokio::spawn(async move {
				let t0 = Instant::now();
				let mut out = Vec::new();
				while !stop.load(Ordering::SeqCst) {
					if let Ok(p) = procs(&pids) {
						let db: Vec<u64> = bases.iter().map(|b| dir_bytes(b)).collect();
						out.push((t0.elapsed().as_secs(), p, db));
					}
					tokio::time::sleep(Duration::from_secs(10)).await;
				}
				out
			})
		};
		let p = b.phase("stability 20 %", txs, rate, drain).await?;
		sampler_stop.store(true, Ordering::SeqCst);
		samples = sampler.await?;
		print_phase(&p);
		if let (Some(first), Some(last)) = (samples.first(), samples.last()) {
			println!(
				"stability: validator RSS (anonymous + file pages), bytes written and database size over {} s:",
				last.0
			);
			let mib = |kib: u64| kib as f64 / 1024.0;
			for (i, n) in b.names.iter().enumerate() {
				let (a, z) = (&first.1[i], &last.1[i]);
				println!(
					"  {n}: RSS {:.0} → {:.0} MiB (anonymous {:.0} → {:.0}, file {:.0} → {:.0}), \
					 written +{:.1} MiB, database {:.0} → {:.0} MiB",
					mib(a.rss_kib),
					mib(z.rss_kib),
					mib(a.anon_kib),
					mib(z.anon_kib),
					mib(a.file_kib),
					mib(z.file_kib),
					(z.write_bytes.saturating_sub(a.write_bytes)) as f64 / 1048576.0,
					first.2[i] as f64 / 1048576.0,
					last.2[i] as f64 / 1048576.0,
				);
			}
		}
		phases.push(p);
	}
	stop.store(true, Ordering::SeqCst);
	tracker.await??;
	println!("wall time {:.0} s", started.elapsed().as_secs_f64());
	let json = serde_json::json!({
		"signers": args.signers,
		"node_args": args.node_args,
		"chain": args.chain,
		"call_bytes": remark_len,
		"stress": { "remark": s_remark, "registration": s_reg },
		"phases": phases,
		"stability_samples": samples.iter().map(|(t, p, db)| serde_json::json!({"t": t, "procs": p, "db_bytes": db})).collect::<Vec<_>>(),
		"idle": { "procs": idle_to, "secs": idle_secs, "cpu_percent": idle_cpu },
		"wall_time_s": started.elapsed().as_secs(),
	});
	println!("BENCH_OPEN_JSON {json}");
	drop(net);
	Ok(())
}

//! Load generation and measurement for `bench_chain` (issue 5 "Performance": chain throughput,
//! finality latency under load, validator RSS).
//!
//! ## Overview
//! Two closed-loop loads with the same number of *lanes* (one transaction in flight per lane, each
//! lane bound to one institution's node and operator) are run one after the other on one fresh
//! 4-validator `local` network:
//! - [`remarks`]: every lane sends `System.remark` of the registration calls' average encoded size,
//!   cycling through the same signers the mix uses (subject, operator, real-name objector);
//! - [`mix`]: every lane drives registrations through their lifecycle (docs/spec/DESIGN.md §5): apply →
//!   accept → publish (formal review → publicity) → objection lodged → forwarded → rebutted →
//!   dismissed → publicity over (closed by the `on_idle` sweep, else by `close_publicity`) → approve → issue (the institution's ed25519 signature over the
//!   draft) → renewal request; [`verify_reads`] tasks meanwhile fetch proof bundles of issued
//!   certificates and check them with `dengji-verify`.
//!
//! Throughput is counted from the finalized blocks' bodies ([`scan_blocks`]), not from submission
//! acknowledgements; latency is the SDK's submission → finalized notification of each transaction.

use crate::{
	flow::{basic_info, doc, event_field, event_u64, json_code, uscc},
	Node,
};
use anyhow::{anyhow, Context, Result};
use dengji_client::{
	keys,
	primitives::{calendar::ChainClock, CertificateCode, DivisionCode, ObjectKind, Uscc},
	roles, system_now_ms, Arg, Call, CertificateKey, Client, Policy, Signer, Submitted, TrustRoot,
	Verdict,
};
use std::{
	collections::BTreeMap,
	sync::Mutex,
	time::{Duration, Instant},
};

/// Operators (`//Alice` … `//Dave`) of the `local` institutions, in [`crate::LOCAL_VALIDATORS`]
/// order; each signs its certificates with `//<Name>//cert`.
pub const LOCAL_OPERATORS: [&str; 4] = ["//Alice", "//Bob", "//Charlie", "//Dave"];

/// How long a lane waits after the nominal end of a publicity day before closing it (two blocks:
/// the block that passes the day must be finalized first).
const PUBLICITY_MARGIN_MS: u64 = 6_000;

/// Applications a lane keeps in flight at most (the others wait for their publicity window).
const MAX_APPS_PER_LANE: usize = 4;

/// One finished transaction.
#[derive(Clone, Debug)]
pub struct Sample {
	/// `Pallet.call`.
	pub call: String,
	/// Submission → finalized notification, as the SDK client sees it.
	pub latency: Duration,
	/// `None` when dispatched successfully; else the error (`Pallet.Error` for a failed dispatch
	/// in a finalized block, or the pool's/the client's error).
	pub error: Option<String>,
	/// Whether the transaction is in a finalized block (a failed dispatch is; a pool refusal is not).
	pub included: bool,
}

/// Thread-safe list of [`Sample`]s.
#[derive(Default)]
pub struct Recorder(Mutex<Vec<Sample>>);

impl Recorder {
	fn push(&self, s: Sample) {
		if let Ok(mut v) = self.0.lock() {
			v.push(s);
		}
	}

	/// Everything recorded so far.
	pub fn samples(&self) -> Vec<Sample> {
		self.0.lock().map(|v| v.clone()).unwrap_or_default()
	}
}

/// Per-call-type outcome counts.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct CallCount {
	/// Dispatched successfully and finalized.
	pub ok: u64,
	/// In a finalized block, dispatch failed (by error name).
	pub failed: BTreeMap<String, u64>,
	/// Never included (pool refusal, timeout).
	pub not_included: u64,
}

/// Counts of `samples` by call type.
pub fn count_by_call(samples: &[Sample]) -> BTreeMap<String, CallCount> {
	let mut out: BTreeMap<String, CallCount> = BTreeMap::new();
	for s in samples {
		let c = out.entry(s.call.clone()).or_default();
		match (&s.error, s.included) {
			(None, _) => c.ok += 1,
			(Some(e), true) => *c.failed.entry(e.clone()).or_default() += 1,
			(Some(_), false) => c.not_included += 1,
		}
	}
	out
}

/// The `q`-quantile (0..=1) of `v` in ms, nearest rank (0 when empty).
pub fn quantile_ms(v: &[Duration], q: f64) -> f64 {
	let mut ms: Vec<f64> = v.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
	if ms.is_empty() {
		return 0.0;
	}
	ms.sort_by(|a, b| a.total_cmp(b));
	let rank = ((q * ms.len() as f64).ceil() as usize).clamp(1, ms.len());
	ms[rank - 1]
}

/// The participants and connections shared by every lane.
pub struct Ctx {
	/// One SDK client per validator's RPC (lane `i` uses `clients[i % 4]`).
	pub clients: Vec<Client>,
	/// Operator of institution `k` (signs through `clients[k]` only, so its nonces stay in order).
	pub operators: Vec<Signer>,
	/// Certificate-signing key of institution `k`.
	pub cert_keys: Vec<CertificateKey>,
	/// Division of institution `k`.
	pub institutions: Vec<DivisionCode>,
	/// The chain's day clock (4-second days on `local`).
	pub clock: ChainClock,
	/// Trust root of the fresh chain (for verify reads).
	pub trust: TrustRoot,
	/// Certificates issued during the run (read by [`verify_reads`]).
	pub issued: Mutex<Vec<(usize, CertificateCode)>>,
}

impl Ctx {
	/// Connects one client per node and reads the chain clock and the trust root.
	pub async fn connect(nodes: &[Node]) -> Result<Self> {
		let mut clients = Vec::new();
		for n in nodes {
			clients.push(
				tokio::time::timeout(crate::RPC_UP_TIMEOUT, Client::connect(&n.ws_url()))
					.await
					.map_err(|_| anyhow!("SDK connect to {} timed out", n.name()))??,
			);
		}
		let first = clients.first().ok_or_else(|| anyhow!("no nodes"))?.reader();
		let clock = first
			.storage::<ChainClock>("Calendar::Clock", &keys::calendar_clock_key(), None)
			.await?
			.ok_or_else(|| anyhow!("no Calendar::Clock"))?;
		let trust = first.trust_root().await?;
		let mut operators = Vec::new();
		let mut cert_keys = Vec::new();
		let mut institutions = Vec::new();
		for (suri, v) in LOCAL_OPERATORS.iter().zip(crate::LOCAL_VALIDATORS.iter()) {
			operators.push(Signer::from_suri(suri)?);
			cert_keys.push(CertificateKey::from_suri(&format!("{suri}//cert"))?);
			institutions.push(DivisionCode::new(v.division).map_err(|e| anyhow!("{e:?}"))?);
		}
		Ok(Ctx {
			clients,
			operators,
			cert_keys,
			institutions,
			clock,
			trust,
			issued: Mutex::new(Vec::new()),
		})
	}

	/// Submits `call` as `signer` through `clients[k]`, waits for finality and records the outcome.
	pub async fn tx(
		&self,
		rec: &Recorder,
		k: usize,
		call: &Call,
		signer: &Signer,
	) -> std::result::Result<Submitted, dengji_client::Error> {
		let t = Instant::now();
		let r = self.clients[k].submit(call, signer).await;
		let (error, included) = match &r {
			Ok(_) => (None, true),
			Err(e) => match e.dispatch_error() {
				Some((p, n)) => (Some(format!("{p}.{n}")), true),
				None => (Some(e.to_string()), false),
			},
		};
		rec.push(Sample { call: call.label(), latency: t.elapsed(), error, included });
		r
	}

	/// The encoded `RuntimeCall` sizes of one lifecycle's calls (the issue call with a zero
	/// signature of the real length), for sizing the baseline's remarks.
	pub async fn mix_call_sizes(&self) -> Result<Vec<(String, usize)>> {
		let inst = self.institutions[1];
		let code = CertificateCode::new(inst, 2026, 1).map_err(|e| anyhow!("{e:?}"))?;
		let calls = [
			roles::subject::apply(
				inst,
				uscc(inst.get(), 1)?,
				ObjectKind::DataResource,
				None,
				&basic_info("Lane 1 dataset 1"),
			),
			roles::institution::accept(1),
			roles::institution::publish(1),
			roles::objector::object(1, doc("objection"), doc("evidence")),
			roles::institution::forward_objection(1),
			roles::subject::rebut(1, doc("rebuttal")),
			roles::institution::decide_objection(1, false, doc("dismissal")),
			roles::anyone::close_publicity(1),
			roles::institution::approve(1, doc("approval")),
			roles::institution::issue(code, [0u8; 64]),
			roles::subject::renew(1, 3, &[doc("renewal materials")]),
		];
		let mut out = Vec::new();
		for c in &calls {
			out.push((c.label(), self.clients[0].call_data(c).await?.len()));
		}
		Ok(out)
	}
}

/// The parties of one lane: a subject seated in institution `k`'s division and a real-name
/// objector verified by it.
pub struct Lane {
	/// Lane number.
	pub index: usize,
	/// Institution (and node, and client) of the lane.
	pub k: usize,
	/// The subject's account.
	pub subject: Signer,
	/// The subject's USCC.
	pub uscc: Uscc,
	/// Real-name objector.
	pub objector: Signer,
	apps: Vec<App>,
	created: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
	Submitted,
	Accepted,
	/// In publicity; objection to lodge or not.
	Published {
		object: bool,
	},
	Objected(u64),
	Forwarded(u64),
	Rebutted(u64),
	/// No open objection: waits for the publicity window to end, then is approved.
	Clear,
	/// Approval found publicity not yet closed: `close_publicity` first.
	NeedClose,
	Closed,
	Approved(CertificateCode),
	Issued(u64),
}

#[derive(Clone, Debug)]
struct App {
	id: u64,
	closes_on: u64,
	stage: Stage,
}

/// Remark `call` of `len` encoded bytes (System.remark's 2-byte index and the compact length
/// prefix included).
pub fn remark_of_encoded_len(len: usize) -> Call {
	// call index (2) + compact length (1 byte below 64, 2 below 16384) + payload.
	let payload = if len > 66 { len - 4 } else { len.saturating_sub(3) };
	Call::new("System", "remark", vec![Arg::scale(&vec![0x5au8; payload])])
}

impl Lane {
	/// Lane `index` (institution `index % 4`).
	pub fn new(ctx: &Ctx, index: usize) -> Result<Self> {
		let k = index % ctx.institutions.len();
		let n = u32::try_from(index).context("lane index")?;
		Ok(Lane {
			index,
			k,
			subject: Signer::from_suri(&format!("//BenchSubject{index}"))?,
			uscc: uscc(ctx.institutions[k].get(), 1000 + n)?,
			objector: Signer::from_suri(&format!("//BenchObjector{index}"))?,
			apps: Vec::new(),
			created: 0,
		})
	}

	/// Admits the subject and records the objector's real name (operator transactions).
	pub async fn admit(&self, ctx: &Ctx, rec: &Recorder) -> Result<()> {
		let op = &ctx.operators[self.k];
		ctx.tx(
			rec,
			self.k,
			&roles::institution::admit_subject(
				self.uscc,
				&format!("Bench Data Co. {}", self.index),
				ctx.institutions[self.k],
				&[self.subject.account_id()],
			),
			op,
		)
		.await
		.with_context(|| format!("lane {}: admit subject", self.index))?;
		ctx.tx(
			rec,
			self.k,
			&roles::institution::record_real_name(
				self.objector.account_id(),
				doc(&format!("id card of bench objector {}", self.index)),
				false,
			),
			op,
		)
		.await
		.with_context(|| format!("lane {}: record real name", self.index))?;
		Ok(())
	}

	/// The signer of the `step`-th transaction of the baseline: the mix's proportions of one
	/// lifecycle with an objection (subject, operator ×2, objector, operator, subject, operator).
	pub fn remark_signer<'a>(&'a self, ctx: &'a Ctx, step: usize) -> &'a Signer {
		match step % 7 {
			0 | 5 => &self.subject,
			3 => &self.objector,
			_ => &ctx.operators[self.k],
		}
	}

	/// Runs lifecycle steps (one finalized transaction each) until `stop` says so.
	pub async fn run(
		&mut self,
		ctx: &Ctx,
		rec: &Recorder,
		stop: impl Fn(&Lane) -> bool,
	) -> Result<()> {
		while !stop(self) {
			self.step(ctx, rec).await?;
		}
		Ok(())
	}

	/// Whether the lane has an application at least as far as `Published`/`Objected`.
	pub fn primed(&self) -> bool {
		self.apps.iter().any(|a| {
			matches!(
				a.stage,
				Stage::Clear | Stage::Objected(_) | Stage::Published { object: false }
			)
		})
	}

	fn publicity_over(&self, ctx: &Ctx, app: &App) -> bool {
		let day = dengji_client::primitives::DayIndex::try_from(app.closes_on).unwrap_or(u32::MAX);
		system_now_ms() > ctx.clock.day_end_ms(day).saturating_add(PUBLICITY_MARGIN_MS)
	}

	/// One transaction: advances the first application that can move now, else starts a new one,
	/// else waits (bounded) for the earliest publicity window to end.
	async fn step(&mut self, ctx: &Ctx, rec: &Recorder) -> Result<()> {
		let ready = self.apps.iter().position(|a| match a.stage {
			Stage::Clear | Stage::NeedClose => self.publicity_over(ctx, a),
			_ => true,
		});
		let Some(i) = ready else {
			if self.apps.len() < MAX_APPS_PER_LANE {
				return self.apply(ctx, rec).await;
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
			return Ok(());
		};
		let app = self.apps[i].clone();
		let op = &ctx.operators[self.k];
		let k = self.k;
		let next = match app.stage {
			Stage::Submitted => ctx
				.tx(rec, k, &roles::institution::accept(app.id), op)
				.await
				.map(|_| Some(Stage::Accepted)),
			Stage::Accepted => match ctx.tx(rec, k, &roles::institution::publish(app.id), op).await
			{
				Ok(s) => {
					self.apps[i].closes_on =
						event_u64(&s, "Registration", "PublicityOpened", "closes_on")?;
					// Every other application draws an objection (YX-R §22 ¶2).
					Ok(Some(Stage::Published { object: app.id % 2 == 1 }))
				}
				Err(e) => Err(e),
			},
			Stage::Published { object: false } => Ok(Some(Stage::Clear)),
			Stage::Published { object: true } => match ctx
				.tx(
					rec,
					k,
					&roles::objector::object(app.id, doc("objection"), doc("objection evidence")),
					&self.objector,
				)
				.await
			{
				Ok(s) => Ok(Some(Stage::Objected(event_u64(
					&s,
					"Registration",
					"ObjectionLodged",
					"objection",
				)?))),
				Err(e) => Err(e),
			},
			Stage::Objected(o) => ctx
				.tx(rec, k, &roles::institution::forward_objection(o), op)
				.await
				.map(|_| Some(Stage::Forwarded(o))),
			Stage::Forwarded(o) => ctx
				.tx(rec, k, &roles::subject::rebut(o, doc("rebuttal")), &self.subject)
				.await
				.map(|_| Some(Stage::Rebutted(o))),
			Stage::Rebutted(o) => ctx
				.tx(rec, k, &roles::institution::decide_objection(o, false, doc("dismissal")), op)
				.await
				.map(|_| Some(Stage::Clear)),
			// The `on_idle` sweep normally closes publicity first (docs/spec/DESIGN.md §5: timers never depend
			// on a sweep, but one runs), so approve directly and close explicitly only when told.
			Stage::NeedClose => {
				match ctx.tx(rec, k, &roles::anyone::close_publicity(app.id), &self.subject).await {
					Ok(_) => Ok(Some(Stage::Closed)),
					Err(e)
						if e.dispatch_error()
							== Some(("Registration", "PublicityAlreadyClosed")) =>
					{
						Ok(Some(Stage::Closed))
					}
					Err(e) => Err(e),
				}
			}
			Stage::Clear | Stage::Closed => match ctx
				.tx(rec, k, &roles::institution::approve(app.id, doc("approval decision")), op)
				.await
			{
				Err(e)
					if app.stage == Stage::Clear
						&& e.dispatch_error() == Some(("Registration", "PublicityNotOver")) =>
				{
					Ok(Some(Stage::NeedClose))
				}
				Ok(s) => {
					let code = event_field(&s, "Certificate", "CertificateDrafted", "code")
						.ok()
						.and_then(json_code)
						.or_else(|| {
							event_field(&s, "Registration", "ApplicationApproved", "certificate")
								.ok()
								.and_then(json_code)
						})
						.ok_or_else(|| anyhow!("approval drafted no certificate"))?;
					Ok(Some(Stage::Approved(code)))
				}
				Err(e) => Err(e),
			},
			Stage::Approved(code) => {
				let client = ctx.clients[k].reader();
				let draft = client
					.fetch_draft(&code)
					.await?
					.ok_or_else(|| anyhow!("no draft of {code}"))?;
				let signature =
					ctx.cert_keys[k].sign(&draft.signing_payload(&client.genesis_hash()));
				match ctx.tx(rec, k, &roles::institution::issue(code, signature), op).await {
					Ok(_) => {
						if let Ok(mut v) = ctx.issued.lock() {
							v.push((k, code));
						}
						Ok(Some(Stage::Issued(draft.registration)))
					}
					Err(e) => Err(e),
				}
			}
			// YX-R §23 ¶2: renewal is only open in the 60 days before expiry (3 years away), so
			// the runtime refuses it (`OutsideRenewalWindow`) after the same checks; the request
			// still costs an included extrinsic, which is what the load measures.
			Stage::Issued(reg) => {
				let _ = ctx
					.tx(
						rec,
						k,
						&roles::subject::renew(reg, 3, &[doc("renewal materials")]),
						&self.subject,
					)
					.await;
				Ok(None)
			}
		};
		match next {
			Ok(Some(stage)) => self.apps[i].stage = stage,
			Ok(None) => {
				self.apps.remove(i);
			}
			// A failed step drops the application (it is counted in the recorder); the lane goes on.
			Err(e) => {
				eprintln!("bench: lane {}: application {} dropped: {e}", self.index, app.id);
				self.apps.remove(i);
			}
		}
		Ok(())
	}

	async fn apply(&mut self, ctx: &Ctx, rec: &Recorder) -> Result<()> {
		self.created += 1;
		let name = format!("Bench lane {} dataset {}", self.index, self.created);
		match ctx
			.tx(
				rec,
				self.k,
				&roles::subject::apply(
					ctx.institutions[self.k],
					self.uscc,
					ObjectKind::DataResource,
					None,
					&basic_info(&name),
				),
				&self.subject,
			)
			.await
		{
			Ok(s) => {
				let id = event_u64(&s, "Registration", "ApplicationSubmitted", "application")?;
				self.apps.push(App { id, closes_on: 0, stage: Stage::Submitted });
			}
			Err(e) => eprintln!("bench: lane {}: apply failed: {e}", self.index),
		}
		Ok(())
	}
}

/// The baseline load: each lane sends remarks of `call` (cycling through its signers) until
/// `deadline`, one in flight at a time.
pub async fn remarks(ctx: &Ctx, rec: &Recorder, lane: &Lane, call: &Call, deadline: Instant) {
	let mut step = lane.index;
	while Instant::now() < deadline {
		let _ = ctx.tx(rec, lane.k, call, lane.remark_signer(ctx, step)).await;
		step += 1;
	}
}

/// The registration mix: lifecycle steps until `deadline`.
pub async fn mix(ctx: &Ctx, rec: &Recorder, lane: &mut Lane, deadline: Instant) -> Result<()> {
	lane.run(ctx, rec, |_| Instant::now() >= deadline).await
}

/// Verify reads until `deadline`: a proof bundle of an issued certificate from node `r % 4`,
/// checked by `dengji-verify` against the trust root. Returns (reads, of which `Valid`,
/// latencies, errors).
pub async fn verify_reads(
	ctx: &Ctx,
	r: usize,
	deadline: Instant,
) -> (u64, u64, Vec<Duration>, Vec<String>) {
	let policy = Policy { max_age_ms: u64::MAX, ..Policy::default() };
	let (mut reads, mut valid, mut lat, mut errors) = (0u64, 0u64, Vec::new(), Vec::new());
	let mut next = r;
	while Instant::now() < deadline {
		let pick = ctx.issued.lock().ok().and_then(|v| (!v.is_empty()).then(|| v[next % v.len()]));
		let Some((_, code)) = pick else {
			tokio::time::sleep(Duration::from_millis(500)).await;
			continue;
		};
		next += 1;
		let client = ctx.clients[r % ctx.clients.len()].reader();
		let t = Instant::now();
		match client.verify_online(&code, Some(&ctx.trust), &policy, None).await {
			Ok(v) => {
				reads += 1;
				lat.push(t.elapsed());
				if v.verification.verdict == Verdict::Valid {
					valid += 1;
				}
			}
			// A certificate issued a moment ago may not be in a justified block yet.
			Err(e) => {
				errors.push(format!("{code}: {e}"));
				tokio::time::sleep(Duration::from_millis(200)).await;
			}
		}
	}
	(reads, valid, lat, errors)
}

/// One finalized block: number, `Timestamp::Now`, signed extrinsics in its body.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BlockStat {
	/// Block number.
	pub number: u64,
	/// `Timestamp::Now` (ms).
	pub timestamp_ms: u64,
	/// Signed extrinsics (version byte bit 7 set: the inherents are bare).
	pub signed: u64,
	/// Every extrinsic, inherents included.
	pub extrinsics: u64,
}

/// Reads blocks `from..=to` of `node`'s canonical chain (call it with `to` ≤ the finalized head).
pub async fn scan_blocks(node: &Node, from: u32, to: u32) -> Result<Vec<BlockStat>> {
	let mut out = Vec::new();
	for n in from..=to {
		let hash = node.block_hash(n).await?.ok_or_else(|| anyhow!("no block #{n}"))?;
		let xts = node.block_extrinsics(hash).await?;
		let mut signed = 0;
		for bytes in &xts {
			if let Some(version) = after_compact_prefix(bytes).first() {
				if version & 0x80 != 0 {
					signed += 1;
				}
			}
		}
		out.push(BlockStat {
			number: u64::from(n),
			timestamp_ms: node.timestamp_at(n).await?,
			signed,
			extrinsics: xts.len() as u64,
		});
	}
	Ok(out)
}

/// `bytes` without their SCALE compact length prefix.
fn after_compact_prefix(bytes: &[u8]) -> &[u8] {
	let skip = match bytes.first().map(|b| b & 0b11) {
		Some(0) => 1,
		Some(1) => 2,
		Some(2) => 4,
		Some(_) => 1 + usize::from(bytes[0] >> 2) + 4,
		None => 0,
	};
	bytes.get(skip..).unwrap_or_default()
}

/// Throughput over a phase: signed extrinsics in finalized blocks whose timestamp is in
/// `[start_ms, end_ms)`, per second of that window; and the median block time (ms) there.
pub fn window_rate(blocks: &[BlockStat], start_ms: u64, end_ms: u64) -> (u64, u64, f64, u64) {
	let inside: Vec<&BlockStat> =
		blocks.iter().filter(|b| b.timestamp_ms >= start_ms && b.timestamp_ms < end_ms).collect();
	let count: u64 = inside.iter().map(|b| b.signed).sum();
	let secs = (end_ms.saturating_sub(start_ms)) as f64 / 1000.0;
	let deltas: Vec<u64> =
		inside.windows(2).map(|w| w[1].timestamp_ms.saturating_sub(w[0].timestamp_ms)).collect();
	(
		count,
		inside.len() as u64,
		if secs > 0.0 { count as f64 / secs } else { 0.0 },
		crate::median(&deltas),
	)
}

/// `VmRSS` and `VmHWM` (peak) of process `pid` in KiB, from `/proc/<pid>/status`.
pub fn rss_kib(pid: u32) -> Result<(u64, u64)> {
	let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
		.with_context(|| format!("reading /proc/{pid}/status"))?;
	let field = |name: &str| -> Result<u64> {
		status
			.lines()
			.find(|l| l.starts_with(name))
			.and_then(|l| l.split_whitespace().nth(1))
			.and_then(|v| v.parse().ok())
			.ok_or_else(|| anyhow!("no {name} in /proc/{pid}/status"))
	};
	Ok((field("VmRSS:")?, field("VmHWM:")?))
}

/// When each block was first seen finalized, for splitting latency into inclusion and finality.
#[derive(Default)]
pub struct FinalityWatch(Mutex<BTreeMap<u64, (u64, u64)>>);

impl FinalityWatch {
	/// Block number → (wall-clock ms it was first seen finalized, best block number then).
	pub fn seen(&self) -> BTreeMap<u64, (u64, u64)> {
		self.0.lock().map(|m| m.clone()).unwrap_or_default()
	}
}

/// Polls `node`'s finalized and best heads every 200 ms until `done` is set, recording in `watch`
/// when each block number became finalized and how far the best block was ahead then.
pub async fn watch_finality(
	node: &Node,
	watch: &FinalityWatch,
	done: &std::sync::atomic::AtomicBool,
) {
	let mut last: Option<u64> = None;
	while !done.load(std::sync::atomic::Ordering::SeqCst) {
		let fin = node.finalized_head().await.map(|b| u64::from(b.number));
		let best = node.best_block().await.map(|b| u64::from(b.number));
		if let (Ok(fin), Ok(best)) = (fin, best) {
			let now = system_now_ms();
			if let Ok(mut m) = watch.0.lock() {
				let from = last.map_or(fin, |l| l + 1);
				for n in from..=fin {
					m.insert(n, (now, best));
				}
			}
			last = Some(last.map_or(fin, |l| l.max(fin)));
		}
		tokio::time::sleep(Duration::from_millis(200)).await;
	}
}

/// Starts the four `local` validators like [`crate::Network::start_local`], with a longer bound
/// for each node's RPC to come up (a debug node compiles the runtime on start, which takes minutes
/// on a loaded machine): Kunming first, the others with it as bootnode (they find each other
/// through it).
pub async fn start_local_network(rpc_up: Duration) -> Result<crate::Network> {
	start_local_network_with(rpc_up, None, &[]).await
}

/// [`start_local_network`] from the chain spec file `chain` (e.g. the `local` spec exported raw
/// by `dengji-node build-spec --chain local --raw`, for a node built without the runtime's wasm)
/// instead of the built-in `local`, with `extra_args` appended to every validator's command line
/// (e.g. `--grandpa-gossip-ms 100`).
pub async fn start_local_network_with(
	rpc_up: Duration,
	chain: Option<&str>,
	extra_args: &[String],
) -> Result<crate::Network> {
	let mut nodes: Vec<Node> = Vec::new();
	for v in crate::LOCAL_VALIDATORS.iter() {
		let mut cfg = crate::NodeConfig::local_validator(v);
		if let Some(chain) = chain {
			cfg.chain = chain.to_string();
		}
		cfg.extra_args = extra_args.to_vec();
		if let Some(first) = nodes.first() {
			cfg.bootnodes = vec![first.multiaddr(crate::LOCAL_VALIDATORS[0].peer_id)];
		}
		nodes.push(Node::spawn(cfg)?);
	}
	let net = crate::Network { nodes };
	for (node, v) in net.nodes.iter().zip(crate::LOCAL_VALIDATORS.iter()) {
		node.wait_rpc_up(rpc_up).await?;
		let id = node.local_peer_id().await?;
		if id != v.peer_id {
			net.mark_failed();
			return Err(anyhow!("{} runs as PeerId {id}, expected {}", v.name, v.peer_id));
		}
	}
	Ok(net)
}

/// The process id of `node` (it must be running).
pub fn node_pid(node: &Node) -> Result<u32> {
	node.pid().ok_or_else(|| anyhow!("{} has no running process", node.name()))
}

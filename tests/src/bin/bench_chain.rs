//! `bench_chain`: chain throughput, finality latency under load and validator RSS on the
//! 4-validator `local` network (issue 5 "Performance"; docs/spec/DESIGN.md §3 consensus, §5 procedure).
//!
//! One run, one fresh network: set-up (subjects admitted, objectors real-named, one application per
//! lane brought into publicity), then the `System.remark` baseline and the registration mix for the
//! same duration and the same number of closed-loop lanes (see `dengji_tests::bench`). Prints a
//! table and a final `BENCH_CHAIN_JSON {…}` line. Usage: `bench_chain [--duration SECS]
//! [--lanes N] [--readers N]`; the node binary is `$DENGJI_NODE_BIN` (see `node_binary`).

use anyhow::{anyhow, bail, Context, Result};
use dengji_tests::bench::{
	count_by_call, mix, node_pid, quantile_ms, remark_of_encoded_len, remarks, rss_kib,
	scan_blocks, start_local_network, verify_reads, watch_finality, window_rate, Ctx,
	FinalityWatch, Lane, Recorder, Sample,
};
use std::{
	collections::BTreeMap,
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	time::{Duration, Instant},
};

/// Bound on each node's start (RPC up) and on the network finalizing its first blocks: a debug
/// node compiles the runtime on start, minutes on a loaded 2-core machine.
const NODE_UP_TIMEOUT: Duration = Duration::from_secs(600);
/// Bound on the set-up phase (admission and one application per lane into publicity).
const SETUP_TIMEOUT: Duration = Duration::from_secs(600);
/// Bound on the transactions still in flight at a phase's end (the SDK's own limit is 120 s).
const DRAIN_TIMEOUT: Duration = Duration::from_secs(180);

struct Args {
	duration: Duration,
	lanes: usize,
	readers: usize,
}

fn parse_args() -> Result<Args> {
	let mut a = Args { duration: Duration::from_secs(60), lanes: 128, readers: 2 };
	let mut it = std::env::args().skip(1);
	while let Some(flag) = it.next() {
		let mut value = || {
			it.next()
				.ok_or_else(|| anyhow!("{flag} needs a value"))
				.and_then(|v| v.parse::<u64>().with_context(|| format!("{flag} {v}")))
		};
		match flag.as_str() {
			"--duration" => a.duration = Duration::from_secs(value()?),
			"--lanes" => a.lanes = usize::try_from(value()?)?,
			"--readers" => a.readers = usize::try_from(value()?)?,
			"-h" | "--help" => {
				println!(
					"bench_chain [--duration SECS (60)] [--lanes N (128)] [--readers N (2)]\n\
					 Starts the 4-validator local network ($DENGJI_NODE_BIN) and measures\n\
					 System.remark vs registration-mix throughput, finality latency and RSS."
				);
				std::process::exit(0);
			}
			other => bail!("unknown argument {other} (see --help)"),
		}
	}
	if a.lanes == 0 || a.duration.is_zero() {
		bail!("--lanes and --duration must be positive");
	}
	Ok(a)
}

/// Latency and throughput figures of one phase.
#[derive(serde::Serialize)]
struct Phase {
	name: &'static str,
	start_ms: u64,
	end_ms: u64,
	/// Signed extrinsics in the finalized blocks of the window.
	extrinsics: u64,
	blocks: u64,
	tx_per_s: f64,
	block_time_ms: u64,
	latency_median_ms: f64,
	latency_p99_ms: f64,
	/// Block timestamp → first seen finalized (node 0, polled every 200 ms), over the window's
	/// blocks.
	finality_lag_median_ms: u64,
	finality_lag_p99_ms: u64,
	/// Best minus finalized block number when those blocks became finalized (median).
	best_ahead_median: u64,
	/// Transactions the clients saw finalized (dispatch ok or failed).
	client_included: u64,
	client_not_included: u64,
}

fn phase(
	name: &'static str,
	blocks: &[dengji_tests::bench::BlockStat],
	start_ms: u64,
	end_ms: u64,
	samples: &[Sample],
	seen: &BTreeMap<u64, (u64, u64)>,
) -> Phase {
	let mut lags = Vec::new();
	let mut ahead = Vec::new();
	for b in blocks.iter().filter(|b| b.timestamp_ms >= start_ms && b.timestamp_ms < end_ms) {
		if let Some((at, best)) = seen.get(&b.number) {
			lags.push(at.saturating_sub(b.timestamp_ms));
			ahead.push(best.saturating_sub(b.number));
		}
	}
	lags.sort();
	let p99 =
		lags.get((lags.len() * 99).div_ceil(100).saturating_sub(1)).copied().unwrap_or_default();
	let (extrinsics, nblocks, tx_per_s, block_time_ms) = window_rate(blocks, start_ms, end_ms);
	let lat: Vec<Duration> = samples.iter().filter(|s| s.included).map(|s| s.latency).collect();
	Phase {
		name,
		start_ms,
		end_ms,
		extrinsics,
		blocks: nblocks,
		tx_per_s,
		block_time_ms,
		latency_median_ms: quantile_ms(&lat, 0.5),
		latency_p99_ms: quantile_ms(&lat, 0.99),
		finality_lag_median_ms: dengji_tests::median(&lags),
		finality_lag_p99_ms: p99,
		best_ahead_median: dengji_tests::median(&ahead),
		client_included: lat.len() as u64,
		client_not_included: samples.iter().filter(|s| !s.included).count() as u64,
	}
}

#[derive(serde::Serialize)]
struct Rss {
	node: String,
	start_rss_kib: u64,
	start_hwm_kib: u64,
	end_hwm_kib: u64,
	ratio_end_hwm_to_start_rss: f64,
}

async fn join_all<T>(handles: Vec<tokio::task::JoinHandle<T>>, limit: Duration) -> Result<Vec<T>> {
	let deadline = Instant::now() + limit;
	let mut out = Vec::new();
	for h in handles {
		let left = deadline.saturating_duration_since(Instant::now());
		out.push(
			tokio::time::timeout(left, h)
				.await
				.map_err(|_| anyhow!("tasks did not finish within {limit:?}"))??,
		);
	}
	Ok(out)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<()> {
	let args = parse_args()?;
	let started = Instant::now();
	eprintln!("bench_chain: starting the 4-validator local network");
	let net = start_local_network(NODE_UP_TIMEOUT).await?;
	let all = [0, 1, 2, 3];
	net.wait_all_finalized(&all, 2, NODE_UP_TIMEOUT).await.inspect_err(|_| net.mark_failed())?;
	let pids: Vec<u32> = net.nodes.iter().map(node_pid).collect::<Result<_>>()?;
	let rss_start: Vec<(u64, u64)> = pids.iter().map(|p| rss_kib(*p)).collect::<Result<_>>()?;

	let ctx = Arc::new(Ctx::connect(&net.nodes).await?);
	let sizes = ctx.mix_call_sizes().await?;
	let avg_size = sizes.iter().map(|(_, n)| n).sum::<usize>() / sizes.len().max(1);
	let remark = remark_of_encoded_len(avg_size);
	let remark_size = ctx.clients[0].call_data(&remark).await?.len();
	eprintln!(
		"bench_chain: network up in {:.0}s; mix call sizes {sizes:?}; remark call {remark_size} B \
		 (mix average {avg_size} B)",
		started.elapsed().as_secs_f64()
	);

	// Set-up: lanes admitted, one application each in publicity (every other one objected to).
	let setup_rec = Arc::new(Recorder::default());
	let t = Instant::now();
	let mut handles = Vec::new();
	for i in 0..args.lanes {
		let (ctx, rec) = (ctx.clone(), setup_rec.clone());
		let mut lane = Lane::new(&ctx, i)?;
		handles.push(tokio::spawn(async move {
			lane.admit(&ctx, &rec).await?;
			lane.run(&ctx, &rec, |l| l.primed()).await?;
			Ok::<_, anyhow::Error>(lane)
		}));
	}
	let mut lanes = Vec::new();
	for r in join_all(handles, SETUP_TIMEOUT).await? {
		lanes.push(Arc::new(r?));
	}
	eprintln!(
		"bench_chain: set-up ({} transactions) in {:.0}s",
		setup_rec.samples().len(),
		t.elapsed().as_secs_f64()
	);
	let first_block = net.nodes[0].finalized_head().await?.number + 1;

	// The two phases, while the finality watcher records when each block became finalized.
	let watch = FinalityWatch::default();
	let done = AtomicBool::new(false);
	let phases = async {
		let r = async {
			// Phase 1: remark baseline.
			let rec_remark = Arc::new(Recorder::default());
			let remark_start = dengji_client::system_now_ms();
			let deadline = Instant::now() + args.duration;
			let mut handles = Vec::new();
			for lane in &lanes {
				let (ctx, rec, lane, call) =
					(ctx.clone(), rec_remark.clone(), lane.clone(), remark.clone());
				handles.push(tokio::spawn(async move {
					remarks(&ctx, &rec, &lane, &call, deadline).await
				}));
			}
			let remark_end = remark_start + args.duration.as_millis() as u64;
			join_all(handles, args.duration + DRAIN_TIMEOUT).await?;
			eprintln!("bench_chain: baseline done ({} remarks)", rec_remark.samples().len());

			// Phase 2: registration mix and verify reads.
			let rec_mix = Arc::new(Recorder::default());
			let mix_start = dengji_client::system_now_ms();
			let deadline = Instant::now() + args.duration;
			let mut handles = Vec::new();
			for lane in lanes {
				let (ctx, rec) = (ctx.clone(), rec_mix.clone());
				let mut lane = Arc::into_inner(lane).ok_or_else(|| anyhow!("lane still shared"))?;
				handles
					.push(tokio::spawn(async move { mix(&ctx, &rec, &mut lane, deadline).await }));
			}
			let mut readers = Vec::new();
			for r in 0..args.readers {
				let ctx = ctx.clone();
				readers.push(tokio::spawn(async move { verify_reads(&ctx, r, deadline).await }));
			}
			let mix_end = mix_start + args.duration.as_millis() as u64;
			for r in join_all(handles, args.duration + DRAIN_TIMEOUT).await? {
				r?;
			}
			let reads = join_all(readers, args.duration + DRAIN_TIMEOUT).await?;
			Ok::<_, anyhow::Error>((
				rec_remark,
				remark_start,
				remark_end,
				rec_mix,
				mix_start,
				mix_end,
				reads,
			))
		}
		.await;
		done.store(true, Ordering::SeqCst);
		r
	};
	let (r, ()) = tokio::join!(phases, watch_finality(&net.nodes[0], &watch, &done));
	let (rec_remark, remark_start, remark_end, rec_mix, mix_start, mix_end, reads) = r?;
	let rss_end: Vec<(u64, u64)> = pids.iter().map(|p| rss_kib(*p)).collect::<Result<_>>()?;

	// Count from the finalized blocks' bodies.
	let head = net.nodes[0].finalized_head().await?.number;
	let blocks = scan_blocks(&net.nodes[0], first_block, head).await?;
	let remark_samples = rec_remark.samples();
	let mix_samples = rec_mix.samples();
	let seen = watch.seen();
	let p_remark = phase("remark", &blocks, remark_start, remark_end, &remark_samples, &seen);
	let p_mix = phase("mix", &blocks, mix_start, mix_end, &mix_samples, &seen);
	let ratio = if p_remark.tx_per_s > 0.0 { p_mix.tx_per_s / p_remark.tx_per_s } else { 0.0 };
	// Block time over both phases, from the finalized blocks' timestamps.
	let block_time_ms = window_rate(&blocks, remark_start, mix_end).3;
	let latency_target_ms = 2.0 * block_time_ms as f64 + 1000.0;
	let n_reads: u64 = reads.iter().map(|r| r.0).sum();
	let n_valid: u64 = reads.iter().map(|r| r.1).sum();
	let read_lat: Vec<Duration> = reads.iter().flat_map(|r| r.2.iter().copied()).collect();
	let read_errors: Vec<&String> = reads.iter().flat_map(|r| r.3.iter()).collect();
	let reads_per_s = n_reads as f64 / args.duration.as_secs_f64();
	let rss: Vec<Rss> = net
		.nodes
		.iter()
		.zip(rss_start.iter().zip(rss_end.iter()))
		.map(|(n, (s, e))| Rss {
			node: n.name().to_string(),
			start_rss_kib: s.0,
			start_hwm_kib: s.1,
			end_hwm_kib: e.1,
			ratio_end_hwm_to_start_rss: e.1 as f64 / s.0.max(1) as f64,
		})
		.collect();
	let by_call = count_by_call(&mix_samples);

	println!();
	println!(
		"bench_chain: {} lanes, {} s per phase, {} verify readers, remark {} B (mix call average {} B); \
		 node {}",
		args.lanes,
		args.duration.as_secs(),
		args.readers,
		remark_size,
		avg_size,
		dengji_tests::node_binary()?.display()
	);
	println!(
		"| phase  | finalized signed xt | blocks | tx/s   | latency median | latency p99 | block time |"
	);
	println!(
		"|--------|--------------------:|-------:|-------:|---------------:|------------:|-----------:|"
	);
	for p in [&p_remark, &p_mix] {
		println!(
			"| {:<6} | {:>19} | {:>6} | {:>6.2} | {:>11.0} ms | {:>8.0} ms | {:>7} ms |",
			p.name,
			p.extrinsics,
			p.blocks,
			p.tx_per_s,
			p.latency_median_ms,
			p.latency_p99_ms,
			p.block_time_ms
		);
	}
	println!(
		"mix/remark throughput: {:.1} % (target ≥ 50 %)  {}",
		ratio * 100.0,
		if ratio >= 0.5 { "MET" } else { "MISSED" }
	);
	for p in [&p_remark, &p_mix] {
		println!(
			"{} latency median {:.0} ms vs target 2 × {} ms + 1 s = {:.0} ms: ratio {:.2}  {}",
			p.name,
			p.latency_median_ms,
			block_time_ms,
			latency_target_ms,
			p.latency_median_ms / latency_target_ms,
			if p.latency_median_ms <= latency_target_ms { "MET" } else { "MISSED" }
		);
	}
	for p in [&p_remark, &p_mix] {
		println!(
			"{} finality lag (block timestamp → finalized): median {} ms, p99 {} ms; best block \
			 ahead of finalized: median {} blocks",
			p.name, p.finality_lag_median_ms, p.finality_lag_p99_ms, p.best_ahead_median
		);
	}
	println!(
		"verify reads: {n_reads} ({n_valid} Valid) = {reads_per_s:.2}/s, median {:.0} ms, p99 {:.0} ms",
		quantile_ms(&read_lat, 0.5),
		quantile_ms(&read_lat, 0.99)
	);
	if let Some(e) = read_errors.first() {
		println!("verify read errors (retried): {}, first: {e}", read_errors.len());
	}
	println!("mix per call type (ok / failed in block / not included):");
	for (call, c) in &by_call {
		println!(
			"  {call:<38} {:>5} / {:>3} {:?} / {}",
			c.ok,
			c.failed.values().sum::<u64>(),
			c.failed,
			c.not_included
		);
	}
	println!("| validator | RSS after start | peak RSS (VmHWM) at end | ratio |");
	println!("|---|---:|---:|---:|");
	for r in &rss {
		println!(
			"| {} | {} MiB | {} MiB | {:.2} |",
			r.node,
			r.start_rss_kib / 1024,
			r.end_hwm_kib / 1024,
			r.ratio_end_hwm_to_start_rss
		);
	}
	println!(
		"wall time {:.0}s (set-up {} transactions)",
		started.elapsed().as_secs_f64(),
		setup_rec.samples().len()
	);
	let json = serde_json::json!({
		"lanes": args.lanes,
		"duration_s": args.duration.as_secs(),
		"readers": args.readers,
		"remark_call_bytes": remark_size,
		"mix_call_bytes": sizes,
		"remark": p_remark,
		"mix": p_mix,
		"ratio_mix_to_remark": ratio,
		"block_time_ms": block_time_ms,
		"latency_target_ms": latency_target_ms,
		"verify_reads": n_reads,
		"verify_reads_valid": n_valid,
		"verify_reads_per_s": reads_per_s,
		"verify_read_median_ms": quantile_ms(&read_lat, 0.5),
		"verify_read_errors": read_errors.len(),
		"mix_by_call": by_call,
		"rss": rss,
		"blocks": blocks,
		"wall_time_s": started.elapsed().as_secs(),
	});
	println!("BENCH_CHAIN_JSON {json}");
	Ok(())
}

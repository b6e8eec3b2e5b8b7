//! Reliability under faults (issue 5 "Reliability"; docs/spec/DESIGN.md §3: Aura + GRANDPA with four
//! institution validators, finality tolerates one of them down, never two).
//!
//! Every test starts its own nodes (killed when dropped), waits only through the harness's bounded
//! polls and fails with the node's log kept:
//! - one validator SIGKILLed and restarted while several participants keep transacting: every
//!   transaction reported finalized is in the same block on every node afterwards;
//! - two validators killed: finality stalls without forking, resumes when one comes back;
//! - every node stopped (SIGTERM) and restarted from its base path: the chain resumes from the
//!   finalized head and an issued certificate still verifies;
//! - security: a replayed extrinsic and a transaction from a removed operator or a disqualified
//!   institution are refused by the pool and change nothing.

use anyhow::{anyhow, bail, Context, Result};
use dengji_client::{
	keys,
	primitives::{blake2_256, DivisionCode, ObjectKind, Uscc},
	roles,
	rpc::{self as sdk_rpc, Hash},
	Arg, Call, CertificateKey, Client, Error as SdkError, Policy, Signer, Verdict,
};
use dengji_tests::{
	finality_timeout,
	flow::{self, Dev, Parties},
	Network, Node, PEERING_TIMEOUT, POLL_INTERVAL, RPC_UP_TIMEOUT,
};
use std::{
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	time::{Duration, Instant},
};
use subxt_rpcs::client::rpc_params;

/// Slot duration of the dev and local chains (README "How the chain works").
const BLOCK_TIME: Duration = Duration::from_secs(3);
/// How long a node may take to exit after SIGTERM (it flushes its database).
const STOP_TIMEOUT: Duration = Duration::from_secs(60);
/// Held by each test that runs the 4-validator network, so the three of them run one after the
/// other (a dev-node test may run alongside): two debug networks at once on a 2-core machine
/// starve each other's start-up past the harness's RPC timeout.
static NETWORK_SLOT: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// How long the load workers may take to finish their submissions in flight once told to stop
/// (the SDK bounds each one by its finalization timeout, 120 s).
const LOAD_DRAIN_TIMEOUT: Duration = Duration::from_secs(150);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The extrinsics (SCALE) of block `hash` on `node` (`chain_getBlock`).
async fn block_extrinsics(node: &Node, hash: &Hash) -> Result<Vec<Vec<u8>>> {
	node.block_extrinsics(*hash).await
}

/// BLAKE2-256 of an extrinsic: its transaction hash.
fn extrinsic_hash(extrinsic: &[u8]) -> [u8; 32] {
	blake2_256(extrinsic)
}

/// `system_accountNextIndex` of `signer` on `node` (counts the pool's transactions too).
async fn next_index(node: &Node, signer: &Signer) -> Result<u64> {
	node.rpc("system_accountNextIndex", rpc_params![signer.ss58()]).await
}

/// The USCC of the `local` preset's demo subject `//Eve`, seated in `seat` (the runtime's
/// `demo_uscc`: `91` + division + `DJDEM000n` + check character, first valid `n`).
fn demo_uscc(seat: u32) -> Result<Uscc> {
	for n in 0..10u32 {
		let first17 = format!("91{seat:06}DJDEM000{n}");
		if let Some(c) = Uscc::check_character(first17.as_bytes()) {
			let mut raw = first17.into_bytes();
			raw.push(c);
			if let Ok(u) = Uscc::from_bytes(&raw) {
				return Ok(u);
			}
		}
	}
	bail!("no demo USCC for seat {seat}")
}

/// PID of the process running `node`; a clean stop needs SIGTERM, which the harness does not send.
fn node_pid(node: &Node) -> Result<i32> {
	let pid = dengji_tests::bench::node_pid(node)?;
	i32::try_from(pid).context("pid out of range")
}

/// Whether `pid` has exited (no such process, or a zombie not yet reaped).
fn is_gone(pid: i32) -> bool {
	match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
		// The state follows the parenthesised command name.
		Ok(stat) => stat
			.rsplit(')')
			.next()
			.and_then(|rest| rest.split_whitespace().next())
			.is_none_or(|state| state == "Z" || state == "X"),
		Err(_) => true,
	}
}

/// Sends SIGTERM to every node at once and waits (at most [`STOP_TIMEOUT`]) until all exited.
/// Returns how long the slowest one took. [`Node::restart`] then reaps and starts them again.
fn terminate_all(nodes: &[&Node]) -> Result<Duration> {
	let started = Instant::now();
	let pids = nodes.iter().map(|n| node_pid(n)).collect::<Result<Vec<_>>>()?;
	for (node, pid) in nodes.iter().zip(&pids) {
		// SAFETY: `kill(2)` on a PID of our own child process; no memory is shared.
		#[allow(unsafe_code)]
		let r = unsafe { libc::kill(*pid, libc::SIGTERM) };
		if r != 0 {
			bail!("SIGTERM to {} (pid {pid}): {}", node.name(), std::io::Error::last_os_error());
		}
	}
	loop {
		let running: Vec<&str> = nodes
			.iter()
			.zip(&pids)
			.filter(|(_, pid)| !is_gone(**pid))
			.map(|(n, _)| n.name())
			.collect();
		if running.is_empty() {
			return Ok(started.elapsed());
		}
		if started.elapsed() > STOP_TIMEOUT {
			for n in nodes {
				n.mark_failed();
			}
			bail!("{running:?} still running {STOP_TIMEOUT:?} after SIGTERM");
		}
		std::thread::sleep(Duration::from_millis(100));
	}
}

/// Hash and state root of block `number` on every node; fails naming the nodes if they differ.
async fn assert_same_block(nodes: &[&Node], number: u32) -> Result<(Hash, Hash)> {
	let mut seen = Vec::new();
	for node in nodes {
		let hash = node
			.block_hash(number)
			.await?
			.ok_or_else(|| anyhow!("{} has no block #{number}", node.name()))?;
		let root = node.state_root_at(number).await?;
		seen.push((node.name().to_string(), hash, root));
	}
	if seen.iter().any(|(_, h, r)| h != &seen[0].1 || r != &seen[0].2) {
		for n in nodes {
			n.mark_failed();
		}
		bail!("nodes disagree at #{number}: {seen:?}");
	}
	Ok((seen[0].1, seen[0].2))
}

/// Canonical hashes of blocks `1..=to` on `node`.
async fn canonical_hashes(node: &Node, to: u32) -> Result<Vec<Hash>> {
	let mut out = Vec::new();
	for n in 1..=to {
		out.push(
			node.block_hash(n)
				.await?
				.ok_or_else(|| anyhow!("{} has no block #{n}", node.name()))?,
		);
	}
	Ok(out)
}

/// A transaction the SDK reported finalized.
#[derive(Clone, Debug)]
struct Landed {
	/// `Pallet.call as //Signer`.
	what: String,
	block_number: u32,
	block_hash: Hash,
	index: u32,
	extrinsic_hash: [u8; 32],
	/// When the SDK reported it finalized (since the load started).
	at: Duration,
}

/// What the load workers did.
#[derive(Default, Debug)]
struct LoadOutcome {
	landed: Vec<Landed>,
	errors: Vec<String>,
}

/// Signers of `System.remark` in the background load (participants of the `local` preset:
/// the four institution operators, the real-name person `//Ferdie`, the Yuxi city authority
/// `//One`), and how many submissions each keeps in flight.
const REMARK_SIGNERS: [&str; 6] = ["//Alice", "//Bob", "//Charlie", "//Dave", "//Ferdie", "//One"];
const IN_FLIGHT_PER_SIGNER: usize = 2;

/// One load worker: submits `next(seq)` as `suri` until `stop`, each waited on until finalized.
async fn load_worker(
	client: Client,
	suri: &'static str,
	next: impl Fn(u32) -> Call + Send + 'static,
	stop: Arc<AtomicBool>,
	t0: Instant,
) -> LoadOutcome {
	let mut out = LoadOutcome::default();
	let signer = match Signer::from_suri(suri) {
		Ok(s) => s,
		Err(e) => {
			out.errors.push(format!("key {suri}: {e}"));
			return out;
		}
	};
	let mut seq = 0u32;
	while !stop.load(Ordering::SeqCst) {
		let call = next(seq);
		seq += 1;
		let what = format!("{} as {suri}", call.label());
		match client.submit(&call, &signer).await {
			Ok(s) => out.landed.push(Landed {
				what,
				block_number: s.block.number,
				block_hash: s.block.hash,
				index: s.extrinsic_index,
				extrinsic_hash: s.extrinsic_hash,
				at: t0.elapsed(),
			}),
			Err(e) => {
				out.errors.push(format!("{what}: {e}"));
				tokio::time::sleep(Duration::from_secs(1)).await;
			}
		}
	}
	out
}

/// Starts the background load on `clients` (round robin): [`REMARK_SIGNERS`] ×
/// [`IN_FLIGHT_PER_SIGNER`] remark workers and one worker filing registration applications as
/// the demo subject `//Eve` with Hongta (530402).
fn start_load(
	clients: &[Client],
	stop: &Arc<AtomicBool>,
) -> Result<Vec<tokio::task::JoinHandle<LoadOutcome>>> {
	let t0 = Instant::now();
	let mut handles = Vec::new();
	// All submissions of one signer go through one client: the SDK hands out consecutive nonces
	// per client, two clients of one signer would collide.
	for (k, suri) in REMARK_SIGNERS.into_iter().enumerate() {
		for w in 0..IN_FLIGHT_PER_SIGNER {
			let client = clients[k % clients.len()].clone();
			let next = move |seq: u32| {
				Call::new(
					"System",
					"remark",
					vec![Arg::scale(&format!("load {suri} {w} {seq}").into_bytes())],
				)
			};
			handles.push(tokio::spawn(load_worker(client, suri, next, stop.clone(), t0)));
		}
	}
	let hongta = DivisionCode::new(530402).map_err(|e| anyhow!("{e:?}"))?;
	let uscc = demo_uscc(530402)?;
	let apply = move |seq: u32| {
		roles::subject::apply(
			hongta,
			uscc,
			ObjectKind::DataResource,
			None,
			&flow::basic_info(&format!("Hongta load data set {seq}")),
		)
	};
	handles.push(tokio::spawn(load_worker(
		clients[REMARK_SIGNERS.len() % clients.len()].clone(),
		"//Eve",
		apply,
		stop.clone(),
		t0,
	)));
	Ok(handles)
}

/// Stops the load and collects what every worker did (bounded by [`LOAD_DRAIN_TIMEOUT`]).
async fn stop_load(
	stop: &AtomicBool,
	handles: Vec<tokio::task::JoinHandle<LoadOutcome>>,
) -> Result<LoadOutcome> {
	stop.store(true, Ordering::SeqCst);
	let mut all = LoadOutcome::default();
	let joined = tokio::time::timeout(LOAD_DRAIN_TIMEOUT, async {
		let mut outs = Vec::new();
		for h in handles {
			outs.push(h.await);
		}
		outs
	})
	.await
	.map_err(|_| anyhow!("load workers did not stop within {LOAD_DRAIN_TIMEOUT:?}"))?;
	for out in joined {
		let out = out.context("load worker panicked")?;
		all.landed.extend(out.landed);
		all.errors.extend(out.errors);
	}
	Ok(all)
}

// ---------------------------------------------------------------------------------------------
// 1. One of four killed under load
// ---------------------------------------------------------------------------------------------

/// Issue 5 "Reliability: kill 1 of 4 under load", docs/spec/DESIGN.md §3. Twelve `System.remark` workers (six
/// participant accounts, two submissions in flight each) and one subject filing registration
/// applications (YX-R §15) run against the three nodes that stay up, while Chengjiang's
/// validator is SIGKILLed and later restarted from its base path. Finality continues with three
/// of four, the restarted node catches up, every transaction the SDK reported finalized is the
/// same extrinsic at the same index of the same canonical block on all four nodes, and the four
/// agree on the hash and state root of a common finalized block.
#[tokio::test(flavor = "multi_thread")]
async fn validator_killed_under_load_every_finalized_transaction_on_every_node() {
	/// Blocks all four finalize under load before the fault.
	const BEFORE_FAULT: u32 = 2;
	/// Blocks the survivors finalize under load while the victim is down.
	const WHILE_DOWN: u32 = 4;
	/// Blocks the restarted victim must see finalized beyond the head at its restart.
	const AFTER_RESTART: u32 = 2;
	const VICTIM: usize = 3;
	let _slot = NETWORK_SLOT.lock().await;
	let started = Instant::now();
	let mut net = Network::start_local().await.expect("start the 4 local validators");
	let all = [0, 1, 2, 3];
	let survivors = [0, 1, 2];
	net.wait_all_finalized(&all, 1, finality_timeout(1)).await.expect("all four finalize");

	// The load goes only through nodes that stay up, so no submission is lost with the victim.
	let mut clients = Vec::new();
	for &i in &survivors {
		clients.push(
			Client::connect(&net.nodes[i].ws_url())
				.await
				.unwrap_or_else(|e| panic!("SDK connects to {}: {e}", net.nodes[i].name())),
		);
	}
	let stop = Arc::new(AtomicBool::new(false));
	let handles = start_load(&clients, &stop).expect("load starts");
	let head = net.common_finalized(&all).await.expect("heads");
	net.wait_all_finalized(&all, head + BEFORE_FAULT, finality_timeout(BEFORE_FAULT))
		.await
		.expect("all four finalize under load");

	net.nodes[VICTIM].kill().expect("SIGKILL the victim");
	let down_at = net.common_finalized(&survivors).await.expect("survivors' heads");
	let target = down_at + WHILE_DOWN;
	net.wait_all_finalized(&survivors, target, finality_timeout(WHILE_DOWN))
		.await
		.expect("three of four keep finalizing under load");

	let head_at_restart = net.nodes[0].finalized_head().await.expect("head").number;
	net.nodes[VICTIM].restart().expect("restart the victim");
	let victim = &net.nodes[VICTIM];
	victim.wait_rpc_up(RPC_UP_TIMEOUT).await.expect("victim's RPC after restart");
	victim.wait_peers(1, PEERING_TIMEOUT).await.expect("victim reconnects");
	victim
		.wait_finalized(head_at_restart + AFTER_RESTART, finality_timeout(AFTER_RESTART + 5))
		.await
		.expect("restarted validator catches up and follows finality under load");

	let load = stop_load(&stop, handles).await.expect("load stops");
	if !load.errors.is_empty() {
		net.mark_failed();
		panic!(
			"{} load submissions failed (none should: every signer is a participant and every \
			 client's node stayed up): {:#?}",
			load.errors.len(),
			load.errors
		);
	}
	let while_down = load
		.landed
		.iter()
		.filter(|l| l.block_number > down_at && l.block_number <= head_at_restart)
		.count();
	let applications = load.landed.iter().filter(|l| l.what.starts_with("Registration.")).count();
	assert!(
		while_down > 0,
		"no load transaction finalized in #{down_at}..=#{head_at_restart} while a validator was \
		 down"
	);
	assert!(applications > 0, "no registration application finalized");

	// Every node has every finalized transaction in the block the SDK reported.
	let last = load.landed.iter().map(|l| l.block_number).max().expect("some transactions landed");
	net.wait_all_finalized(&all, last, finality_timeout(2))
		.await
		.expect("all four finalized every block with load transactions");
	let mut blocks: std::collections::HashMap<(usize, Hash), Vec<Vec<u8>>> = Default::default();
	for (i, node) in net.nodes.iter().enumerate() {
		for l in &load.landed {
			let canonical =
				node.block_hash(l.block_number).await.expect("hash").unwrap_or_default();
			if canonical != l.block_hash {
				net.mark_failed();
				panic!(
					"{}: {} was finalized in #{} {}, but the node's block #{} is {}",
					node.name(),
					l.what,
					l.block_number,
					sdk_rpc::to_hex(&l.block_hash),
					l.block_number,
					sdk_rpc::to_hex(&canonical)
				);
			}
			let key = (i, l.block_hash);
			if let std::collections::hash_map::Entry::Vacant(e) = blocks.entry(key) {
				e.insert(block_extrinsics(node, &l.block_hash).await.expect("block"));
			}
			let found = blocks[&key].get(l.index as usize).map(|x| extrinsic_hash(x));
			if found != Some(l.extrinsic_hash) {
				net.mark_failed();
				panic!(
					"{}: block #{} has no extrinsic {} ({}) at index {}",
					node.name(),
					l.block_number,
					sdk_rpc::to_hex(&l.extrinsic_hash),
					l.what,
					l.index
				);
			}
		}
	}

	let common = net.common_finalized(&all).await.expect("heads");
	let nodes: Vec<&Node> = net.nodes.iter().collect();
	assert_same_block(&nodes, common)
		.await
		.expect("same hash and state root at the common finalized block");

	let span = load.landed.iter().map(|l| l.at).max().unwrap_or_default();
	eprintln!(
		"reliability/kill-1-under-load: {} transactions finalized ({} registration applications) \
		 in {:.1}s of load ({:.2} tx/s), {while_down} of them in #{down_at}..=#{head_at_restart} \
		 with Chengjiang down; all four hold every one; agree at #{common}; test wall time {:.1}s",
		load.landed.len(),
		applications,
		span.as_secs_f64(),
		load.landed.len() as f64 / span.as_secs_f64().max(0.001),
		started.elapsed().as_secs_f64()
	);
}

// ---------------------------------------------------------------------------------------------
// 2. Two of four killed
// ---------------------------------------------------------------------------------------------

/// Issue 5 "Reliability: kill 2 of 4", docs/spec/DESIGN.md §3: GRANDPA needs more than 2/3 of 4 votes, so
/// with Hongta and Chengjiang killed the two survivors keep authoring (Aura) but finalize at most
/// one more block (votes in flight) over six block times, and never different blocks. Restarting
/// one restores finality; restarting the other brings all four to the same hashes and state
/// roots; every block finalized before the fault is unchanged.
#[tokio::test(flavor = "multi_thread")]
async fn two_validators_killed_finality_stalls_then_resumes_without_fork() {
	/// Block times the stall is watched for.
	const STALL_BLOCK_TIMES: u32 = 6;
	const BEFORE_FAULT: u32 = 3;
	/// Blocks finalized after each restart.
	const AFTER_RESTART: u32 = 2;
	let _slot = NETWORK_SLOT.lock().await;
	let started = Instant::now();
	let mut net = Network::start_local().await.expect("start the 4 local validators");
	let all = [0, 1, 2, 3];
	let survivors = [0, 1];
	net.wait_all_finalized(&all, BEFORE_FAULT, finality_timeout(BEFORE_FAULT))
		.await
		.expect("all four finalize before the fault");
	let before = net.common_finalized(&all).await.expect("heads");
	let before_hashes =
		canonical_hashes(&net.nodes[0], before).await.expect("hashes before the fault");

	net.nodes[2].kill().expect("kill Hongta");
	net.nodes[3].kill().expect("kill Chengjiang");
	let mut stalled_at = 0;
	let mut best_at_kill = u32::MAX;
	for &i in &survivors {
		stalled_at = stalled_at.max(net.nodes[i].finalized_head().await.expect("head").number);
		best_at_kill = best_at_kill.min(net.nodes[i].best_block().await.expect("best").number);
	}

	// Watch (not wait for) the stall: finality must not move by more than one block while the
	// survivors keep authoring.
	let window = BLOCK_TIME * STALL_BLOCK_TIMES;
	let watch_end = Instant::now() + window;
	let mut max_finalized = stalled_at;
	while Instant::now() < watch_end {
		for &i in &survivors {
			let f = net.nodes[i].finalized_head().await.expect("head").number;
			max_finalized = max_finalized.max(f);
			if f > stalled_at + 1 {
				net.mark_failed();
				panic!(
					"{} finalized #{f} with two of four validators down (was #{stalled_at})",
					net.nodes[i].name()
				);
			}
		}
		tokio::time::sleep(POLL_INTERVAL).await;
	}
	let mut best_after = u32::MAX;
	for &i in &survivors {
		best_after = best_after.min(net.nodes[i].best_block().await.expect("best").number);
	}
	assert!(
		best_after >= best_at_kill + 2,
		"the two survivors authored #{best_at_kill}→#{best_after} in {window:?}: Aura should \
		 keep producing blocks in their slots"
	);
	let stalled = net.common_finalized(&survivors).await.expect("heads");
	let stalled_hashes_a = canonical_hashes(&net.nodes[0], stalled).await.expect("a");
	let stalled_hashes_b = canonical_hashes(&net.nodes[1], stalled).await.expect("b");
	assert_eq!(stalled_hashes_a, stalled_hashes_b, "survivors disagree on a finalized block");

	// One back: three of four finalize again.
	let t_restore = Instant::now();
	net.nodes[2].restart().expect("restart Hongta");
	net.nodes[2].wait_rpc_up(RPC_UP_TIMEOUT).await.expect("Hongta's RPC");
	net.wait_all_finalized(
		&[0, 1, 2],
		max_finalized + AFTER_RESTART,
		finality_timeout(AFTER_RESTART + 5),
	)
	.await
	.expect("finality resumes with three of four");
	let resumed_after = t_restore.elapsed();

	// The other back: all four agree.
	net.nodes[3].restart().expect("restart Chengjiang");
	net.nodes[3].wait_rpc_up(RPC_UP_TIMEOUT).await.expect("Chengjiang's RPC");
	let head = net.common_finalized(&[0, 1, 2]).await.expect("heads");
	net.wait_all_finalized(&all, head + AFTER_RESTART, finality_timeout(AFTER_RESTART + 5))
		.await
		.expect("all four finalize");
	let common = net.common_finalized(&all).await.expect("heads");
	let nodes: Vec<&Node> = net.nodes.iter().collect();
	assert_same_block(&nodes, common)
		.await
		.expect("same hash and state root at the common finalized block");
	for node in &net.nodes {
		let hashes = canonical_hashes(node, common).await.expect("hashes");
		assert_eq!(
			&hashes[..before as usize],
			&before_hashes[..],
			"{}: a block finalized before the fault changed",
			node.name()
		);
		assert_eq!(
			&hashes[..stalled as usize],
			&stalled_hashes_a[..],
			"{}: a block finalized during the stall changed",
			node.name()
		);
	}
	eprintln!(
		"reliability/kill-2-of-4: finalized #{stalled_at}→#{max_finalized} over {window:?} with two \
		 down (best #{best_at_kill}→#{best_after}); one restarted → finality resumed in {:.1}s; \
		 all four agree at #{common}; test wall time {:.1}s",
		resumed_after.as_secs_f64(),
		started.elapsed().as_secs_f64()
	);
}

// ---------------------------------------------------------------------------------------------
// 3. Stop everything, restart from the same base paths
// ---------------------------------------------------------------------------------------------

/// Issue 5 "Reliability: stop every node and restart", docs/spec/DESIGN.md §7–§8. On the 4-validator
/// network, Hongta (Charlie, the `local` preset's institution of the demo subject `//Eve`)
/// registers a data resource and issues its certificate (YX-R §15–§23), which verifies `Valid`
/// online. Every node is then stopped with SIGTERM and restarted from its base path: each resumes
/// at or beyond the finalized head noted at the stop (same hash, no reset to genesis), the network
/// finalizes new blocks, and the certificate verifies `Valid` again from a block finalized after
/// the restart.
#[tokio::test(flavor = "multi_thread")]
async fn all_nodes_stopped_and_restarted_resume_from_head_and_certificate_still_verifies() {
	const AFTER_RESTART: u32 = 3;
	let _slot = NETWORK_SLOT.lock().await;
	let started = Instant::now();
	let mut net = Network::start_local().await.expect("start the 4 local validators");
	// The SDK flow helpers drive one node; Hongta's node serves them, the others stay in `net`.
	let node = net.nodes.remove(2);
	node.wait_finalized(1, finality_timeout(1)).await.expect("the network finalizes");
	let client = Client::connect(&node.ws_url()).await.expect("SDK connects");
	let mut dev =
		Dev { node, client, latencies: Default::default(), last_block: Default::default() };
	let trust = dev.client.reader().trust_root().await.expect("trust root");
	let p = Parties {
		operator: Signer::from_suri("//Charlie").expect("key"),
		cert_key: CertificateKey::from_suri("//Charlie//cert").expect("key"),
		institution: DivisionCode::new(530402).expect("division"),
		subject: Signer::from_suri("//Eve").expect("key"),
		uscc: demo_uscc(530402).expect("uscc"),
		objector: Signer::from_suri("//Ferdie").expect("key"),
	};
	let (_, code) = dev
		.register_simple(&p, "Hongta reservoir levels")
		.await
		.expect("registered and issued on the 4-validator network");
	let before =
		dev.verify(&code, &trust, &Policy::default(), None).await.expect("verify before the stop");
	assert_eq!(before.verdict, Verdict::Valid, "{code} before the stop");

	let mut nodes: Vec<&mut Node> = net.nodes.iter_mut().collect();
	nodes.push(&mut dev.node);
	let mut head = u32::MAX;
	for n in nodes.iter() {
		head = head.min(n.finalized_head().await.expect("head").number);
	}
	let refs: Vec<&Node> = nodes.iter().map(|n| &**n).collect();
	let (head_hash, head_root) = assert_same_block(&refs, head)
		.await
		.expect("all four agree on the finalized head before the stop");
	let stop_took = terminate_all(&refs).expect("every node exits on SIGTERM");

	let t_restart = Instant::now();
	for n in nodes.iter_mut() {
		n.restart().expect("restart from the same base path");
	}
	for n in nodes.iter() {
		n.wait_rpc_up(RPC_UP_TIMEOUT).await.expect("RPC after restart");
		let f = n.finalized_head().await.expect("head");
		assert!(
			f.number >= head,
			"{} restarted at finalized #{}, below #{head} at the stop",
			n.name(),
			f.number
		);
		assert_eq!(
			n.block_hash(head).await.expect("hash"),
			Some(head_hash),
			"{}: finalized #{head} changed across the restart",
			n.name()
		);
	}
	let refs: Vec<&Node> = nodes.iter().map(|n| &**n).collect();
	for n in &refs {
		n.wait_finalized(head + AFTER_RESTART, finality_timeout(AFTER_RESTART + 5))
			.await
			.expect("the restarted network finalizes new blocks");
	}
	let resumed_after = t_restart.elapsed();
	let (_, root) = assert_same_block(&refs, head).await.expect("same head");
	assert_eq!(root, head_root, "state root of #{head} changed");
	let common = {
		let mut m = u32::MAX;
		for n in &refs {
			m = m.min(n.finalized_head().await.expect("head").number);
		}
		m
	};
	assert_same_block(&refs, common).await.expect("all four agree after the restart");

	// Verify again from a block finalized after the restart, over a fresh connection.
	dev.client = Client::connect(&dev.node.ws_url()).await.expect("SDK reconnects");
	dev.last_block.fetch_max(u64::from(head) + 1, Ordering::SeqCst);
	let after = dev
		.verify(&code, &trust, &Policy::default(), None)
		.await
		.expect("verify after the restart");
	assert_eq!(after.verdict, before.verdict, "{code}: verdict changed across the restart");
	assert!(
		after.block_number > head,
		"proof of #{} is not from after the restart (#{head})",
		after.block_number
	);
	eprintln!(
		"reliability/stop-all: {code} Valid at #{} before, Valid at #{} after; SIGTERM→all exited \
		 in {:.1}s; restarted at finalized #{head} and finalized #{} within {:.1}s; test wall time \
		 {:.1}s",
		before.block_number,
		after.block_number,
		stop_took.as_secs_f64(),
		head + AFTER_RESTART,
		resumed_after.as_secs_f64(),
		started.elapsed().as_secs_f64()
	);
}

// ---------------------------------------------------------------------------------------------
// 4. Security
// ---------------------------------------------------------------------------------------------

/// Issue 5 "Reliability: security — replayed extrinsic". The exact bytes of a signed transaction,
/// taken from the finalized block that includes it, are submitted again: the pool refuses them
/// as outdated (`InvalidTransaction::Stale`: the nonce is used), the signer's nonce does not move,
/// and no later block includes them.
#[tokio::test(flavor = "multi_thread")]
async fn replayed_extrinsic_is_rejected_as_stale_and_included_once() {
	/// Blocks watched after the replay for a second inclusion.
	const WATCHED: u32 = 3;
	let dev = Dev::start("replay").await.expect("dev node");
	let alice = Signer::from_suri(flow::DEV_OPERATOR).expect("key");
	let s = dev
		.submit(
			&Call::new("System", "remark", vec![Arg::scale(&b"dengji replay".to_vec())]),
			&alice,
		)
		.await
		.expect("original finalized");
	let ex = block_extrinsics(&dev.node, &s.block.hash).await.expect("block");
	let bytes =
		ex.get(s.extrinsic_index as usize).cloned().expect("extrinsic at the reported index");
	assert_eq!(
		extrinsic_hash(&bytes),
		s.extrinsic_hash,
		"the block's extrinsic is the one submitted"
	);
	let nonce = next_index(&dev.node, &alice).await.expect("nonce");

	let err = dev.node.submit_extrinsic(&bytes).await.expect_err("the pool must refuse a replay");
	// sc-rpc: code 1010 "Invalid Transaction", the `InvalidTransaction` text as data.
	let (code, data) = match err.downcast_ref::<subxt_rpcs::Error>() {
		Some(subxt_rpcs::Error::User(u)) => (u.code, u.data.as_ref().map(|d| d.get().to_string())),
		_ => panic!("expected a JSON-RPC error from the pool, got: {err:#}"),
	};
	let msg = format!("{code} {}", data.clone().unwrap_or_default());
	assert_eq!(
		(code, data.as_deref()),
		(1010, Some("\"Transaction is outdated\"")),
		"expected InvalidTransaction::Stale (1010 \"Transaction is outdated\"), got: {err:#} {data:?}"
	);
	eprintln!("reliability/replay: pool refused the replay: {msg}");

	let end = dev.node.wait_finalized_more(WATCHED).await.expect("chain goes on");
	let mut count = 0;
	for n in s.block.number..=end.number {
		let hash = dev.node.block_hash(n).await.expect("hash").expect("block");
		for x in block_extrinsics(&dev.node, &hash).await.expect("block") {
			if x == bytes {
				count += 1;
			}
		}
	}
	assert_eq!(
		count, 1,
		"the transaction is included exactly once in #{}..=#{}",
		s.block.number, end.number
	);
	assert_eq!(
		next_index(&dev.node, &alice).await.expect("nonce"),
		nonce,
		"the replay moved the signer's nonce"
	);
}

/// Issue 5 "Reliability: security — transaction from a removed institution", docs/spec/DESIGN.md §3 layer 2,
/// YX-R §26. The authority (Sudo on the dev chain) registers Kunming (530100) with operators
/// `//Bob` and `//Charlie`; both can act (Bob records a real-name person). It then removes
/// Charlie as operator and disqualifies Kunming. From then on each one's signed transactions are
/// refused at the pool (SDK `Error::Rejected` or `NotParticipant`, never included, so never a dispatch error): the
/// removed operator's account lost its only provider reference, so `CheckNonce` refuses with
/// `InvalidTransaction::Payment` ("Inability to pay some fees"); the disqualified institution's
/// operator still exists and `CheckParticipant` refuses with `InvalidTransaction::BadSigner`
/// ("Invalid signing address"). Their nonces do not move and the refused calls' effect (a
/// `Persons` record) is absent.
#[tokio::test(flavor = "multi_thread")]
async fn transaction_from_removed_operator_or_disqualified_institution_is_rejected_at_pool() {
	let dev = Dev::start("removed").await.expect("dev node");
	let kunming = DivisionCode::new(flow::OUTSIDE_DIVISION).expect("division");
	let bob = Signer::from_suri("//Bob").expect("key");
	let charlie = Signer::from_suri("//Charlie").expect("key");
	let key = CertificateKey::from_suri("//Bob//cert").expect("key");
	dev.as_authority(&roles::authority::register_institution(kunming, "Kunming", key.public()))
		.await
		.expect("Kunming registered");
	for who in [&bob, &charlie] {
		dev.as_authority(&roles::authority::add_operator(kunming, who.account_id()))
			.await
			.expect("operator added");
	}

	let person = |n: &str| Signer::from_suri(&format!("//Person{n}")).expect("key");
	let persons_key = |who: &Signer| {
		sdk_rpc::to_hex(&keys::blake2_128_concat_key("Institutions", "Persons", &who.account_id()))
	};
	let record = |who: &Signer| {
		roles::institution::record_real_name(who.account_id(), flow::doc("identity"), false)
	};
	let is_person = |who: Signer| {
		let key = persons_key(&who);
		let node = &dev.node;
		async move {
			let v: Option<String> =
				node.rpc("state_getStorage", rpc_params![key]).await.expect("storage");
			v.is_some()
		}
	};

	// Operators of an active institution transact.
	let p1 = person("1");
	dev.submit(&record(&p1), &bob)
		.await
		.expect("Bob, operator of active Kunming, records a person");
	assert!(is_person(p1).await, "Persons record written");
	dev.submit(&Call::new("System", "remark", vec![Arg::scale(&b"charlie".to_vec())]), &charlie)
		.await
		.expect("Charlie, operator of active Kunming, transacts");

	/// Asserts that `signer`'s `call` is refused at the pool with the `InvalidTransaction` whose
	/// text is `expected`, and that the signer's nonce does not move.
	async fn refused(dev: &Dev, call: &Call, signer: &Signer, expected: &str, why: &str) {
		let nonce = next_index(&dev.node, signer).await.expect("nonce");
		match dev.submit_err(call, signer).await.expect("must fail") {
			SdkError::Rejected(msg) | SdkError::NotParticipant { pool: msg, .. } => {
				assert!(
					msg.contains(expected),
					"{why}: expected the pool to refuse with \"{expected}\", got: {msg}"
				);
				eprintln!("reliability/removed: {why}: pool refused: {msg}");
			}
			other => panic!(
				"{why}: expected a pool refusal (Error::Rejected or NotParticipant), got {other}"
			),
		}
		assert_eq!(
			next_index(&dev.node, signer).await.expect("nonce"),
			nonce,
			"{why}: nonce moved"
		);
	}

	// A removed operator of a still active institution.
	let remove = Call::new(
		"Institutions",
		"remove_operator",
		vec![Arg::scale(&kunming), Arg::scale(&charlie.account_id())],
	);
	dev.as_authority(&remove).await.expect("Charlie removed");
	let p2 = person("2");
	// Removing the role drops the account's only provider reference (no balances pallet), so
	// `CheckNonce`, ahead of `CheckParticipant`, already refuses: the account no longer exists.
	refused(&dev, &record(&p2), &charlie, "Inability to pay some fees", "removed operator").await;

	// The operator of a disqualified institution.
	dev.as_authority(&roles::authority::disqualify(kunming)).await.expect("Kunming disqualified");
	let p3 = person("3");
	// Disqualification keeps the operator list (the account exists): `CheckParticipant` refuses.
	refused(
		&dev,
		&record(&p3),
		&bob,
		"Invalid signing address",
		"operator of a disqualified institution",
	)
	.await;

	// Nothing changed, also after more blocks.
	dev.node.wait_finalized_more(2).await.expect("chain goes on");
	assert!(!is_person(p2).await, "refused call of the removed operator took effect");
	assert!(
		!is_person(p3).await,
		"refused call of the disqualified institution's operator took effect"
	);
}

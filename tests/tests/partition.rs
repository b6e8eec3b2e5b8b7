//! Network partitions between the 4 validators of the `local` network (issue 5 "Reliability": a
//! network partition between validators; docs/spec/DESIGN.md §3: GRANDPA finalizes with more than 2/3 of
//! the 4 authorities, i.e. 3). Each validator runs in its own network namespace
//! ([`dengji_tests::netns::Lab`]); the test cuts and heals the links itself and deletes every
//! namespace, veth and bridge when it ends, also when it fails.
//!
//! Needs root and `ip netns`; elsewhere it prints `SKIPPED: <reason>` and returns, unless
//! `DENGJI_REQUIRE_NETNS` is set (CI on a machine that can run it), which turns the skip into a
//! failure.

use dengji_client::rpc::{to_hex, Hash};
use dengji_tests::{
	finality_timeout, netns, BlockRef, Network, LOCAL_VALIDATORS, PEERING_TIMEOUT, POLL_INTERVAL,
};
use std::{
	collections::BTreeMap,
	time::{Duration, Instant},
};

/// Aura slot duration of the `local` chain (README "How the chain works").
const BLOCK_TIME: Duration = Duration::from_secs(3);
/// Blocks every validator finalizes before the first cut.
const BEFORE: u32 = 3;
/// After a cut, votes and commits already in flight may still land: 2 block times.
const SETTLE: Duration = Duration::from_secs(6);
/// How long the 2|2 partition must stall finality: 8 block times.
const STALL_BLOCKS: u32 = 8;
/// Blocks the 3-side must finalize while the fourth validator is cut off.
const MAJORITY_PROGRESS: u32 = 3;
/// Blocks all four must finalize beyond the highest finalized block of a partition after healing.
const HEAL_PROGRESS: u32 = 2;
/// Extra allowance for reconnecting after a heal (libp2p notices dead connections, redials).
const RECONNECT_SLACK: Duration = Duration::from_secs(60);
/// Upper bound of the whole test: it stops itself (and tears the lab down) after this.
const TEST_TIMEOUT: Duration = Duration::from_secs(420);
/// How long each node may take to answer RPC: the debug node compiles the runtime at start,
/// which took 2 min 50 s on this 2-core machine while other builds ran.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(300);
/// Interval between two samples of every node's finalized head.
const SAMPLE: Duration = Duration::from_secs(1);

/// Held while a lab is built or leftovers are planted, so the two tests of this file (run in
/// parallel) never delete each other's objects half-made.
static LAB_SETUP: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Every finalized (number, hash) any node has reported, with who reported it first.
#[derive(Default)]
struct Ledger {
	finalized: BTreeMap<u32, (Hash, &'static str)>,
}

impl Ledger {
	/// Records each node's finalized head; fails if two nodes ever finalized different blocks at
	/// the same height.
	async fn sample(&mut self, net: &Network) -> anyhow::Result<Vec<BlockRef>> {
		let mut heads = Vec::new();
		for (node, v) in net.nodes.iter().zip(LOCAL_VALIDATORS.iter()) {
			let head = node.finalized_head().await?;
			match self.finalized.get(&head.number) {
				Some((hash, by)) if hash != &head.hash => anyhow::bail!(
					"conflicting finalized blocks at #{}: {by} finalized {}, {} finalized {}",
					head.number,
					to_hex(hash),
					v.name,
					to_hex(&head.hash)
				),
				Some(_) => {}
				None => {
					self.finalized.insert(head.number, (head.hash, v.name));
				}
			}
			heads.push(head);
		}
		Ok(heads)
	}

	/// Samples every [`SAMPLE`] for `duration`, checking `invariant` on each sample.
	async fn watch(
		&mut self,
		net: &Network,
		duration: Duration,
		invariant: impl Fn(&[BlockRef]) -> anyhow::Result<()>,
	) -> anyhow::Result<Vec<BlockRef>> {
		let end = Instant::now() + duration;
		loop {
			let heads = self.sample(net).await?;
			invariant(&heads)?;
			if Instant::now() >= end {
				return Ok(heads);
			}
			tokio::time::sleep(SAMPLE).await;
		}
	}

	/// Samples until `done` holds (at most `timeout`), checking `invariant` on each sample.
	async fn until(
		&mut self,
		net: &Network,
		what: &str,
		timeout: Duration,
		invariant: impl Fn(&[BlockRef]) -> anyhow::Result<()>,
		done: impl Fn(&[BlockRef]) -> bool,
	) -> anyhow::Result<Vec<BlockRef>> {
		let deadline = Instant::now() + timeout;
		loop {
			let heads = self.sample(net).await?;
			invariant(&heads)?;
			if done(&heads) {
				return Ok(heads);
			}
			if Instant::now() >= deadline {
				anyhow::bail!(
					"timed out after {timeout:?} waiting for {what}; finalized heads {:?}",
					numbers(&heads)
				);
			}
			tokio::time::sleep(SAMPLE.min(POLL_INTERVAL * 4)).await;
		}
	}

	/// All four agree on every finalized block up to the lowest finalized head, on every block
	/// any node ever reported finalized up to there, and on the state root there. Returns that
	/// height and its hash.
	async fn converged(&self, net: &Network) -> anyhow::Result<(u32, String)> {
		let mut common = u32::MAX;
		for node in &net.nodes {
			common = common.min(node.finalized_head().await?.number);
		}
		for number in 1..=common {
			let mut hashes = Vec::new();
			for node in &net.nodes {
				hashes.push(
					node.block_hash(number)
						.await?
						.ok_or_else(|| anyhow::anyhow!("{} lacks #{number}", node.name()))?,
				);
			}
			if hashes.iter().any(|h| h != &hashes[0]) {
				let hashes: Vec<String> = hashes.iter().map(|h| to_hex(h)).collect();
				anyhow::bail!("validators disagree on finalized block #{number}: {hashes:?}");
			}
			if let Some((hash, by)) = self.finalized.get(&number) {
				if hash != &hashes[0] {
					anyhow::bail!(
						"{by} had finalized {} at #{number}, the converged chain has {}",
						to_hex(hash),
						to_hex(&hashes[0])
					);
				}
			}
		}
		let mut roots = Vec::new();
		for node in &net.nodes {
			roots.push(node.state_root_at(common).await?);
		}
		if roots.iter().any(|r| r != &roots[0]) {
			let roots: Vec<String> = roots.iter().map(|r| to_hex(r)).collect();
			anyhow::bail!("state roots at #{common} differ: {roots:?}");
		}
		let hash = net.nodes[0]
			.block_hash(common)
			.await?
			.ok_or_else(|| anyhow::anyhow!("no #{common}"))?;
		Ok((common, to_hex(&hash)))
	}
}

fn numbers(heads: &[BlockRef]) -> Vec<u32> {
	heads.iter().map(|h| h.number).collect()
}

fn max_finalized(heads: &[BlockRef], which: &[usize]) -> u32 {
	which.iter().map(|&i| heads[i].number).max().unwrap_or(0)
}

/// Highest best block among `which`.
async fn best(net: &Network, which: &[usize]) -> anyhow::Result<u32> {
	let mut max = 0;
	for &i in which {
		max = max.max(net.nodes[i].best_block().await?.number);
	}
	Ok(max)
}

/// Issue 5 "Reliability", network partition; docs/spec/DESIGN.md §3 (GRANDPA, 4 validators): split 2|2 for
/// 8 block times neither half finalizes (while both keep authoring); split 3|1 the three keep
/// finalizing and the isolated validator finalizes nothing of its own; after each heal finality
/// resumes and all four converge on the same finalized hashes and state root. At no moment do two
/// nodes report different finalized blocks at one height.
#[tokio::test(flavor = "multi_thread")]
async fn partitions_never_finalize_conflicting_blocks_and_healing_resumes_finality() {
	if let Some(reason) = netns::unavailable() {
		if std::env::var_os("DENGJI_REQUIRE_NETNS").is_some() {
			panic!("DENGJI_REQUIRE_NETNS is set but network namespaces are unusable: {reason}");
		}
		eprintln!("SKIPPED: {reason}");
		return;
	}
	let started = Instant::now();
	// Declared first, so it is dropped last: the nodes die before their namespaces go.
	let mut lab = {
		let _setup = LAB_SETUP.lock().unwrap_or_else(|e| e.into_inner());
		netns::Lab::create(LOCAL_VALIDATORS.len()).expect("build the network namespaces")
	};
	let net = Network::start_local_within(lab.placements(), STARTUP_TIMEOUT)
		.await
		.expect("start the 4 local validators, one per namespace");
	let outcome = tokio::time::timeout(TEST_TIMEOUT, scenario(&mut lab, &net, started)).await;
	match outcome {
		Ok(Ok(())) => {}
		Ok(Err(e)) => {
			net.mark_failed();
			panic!("{e:#}");
		}
		Err(_) => {
			net.mark_failed();
			panic!("the partition test did not finish within {TEST_TIMEOUT:?}");
		}
	}
}

async fn scenario(lab: &mut netns::Lab, net: &Network, started: Instant) -> anyhow::Result<()> {
	let all = [0, 1, 2, 3];
	for node in &net.nodes {
		node.wait_peers(3, PEERING_TIMEOUT).await?;
	}
	net.wait_all_finalized(&all, BEFORE, finality_timeout(BEFORE)).await?;
	let mut ledger = Ledger::default();
	let heads = ledger.sample(net).await?;
	eprintln!(
		"partition: all four finalize (heads {:?}) after {:.1}s",
		numbers(&heads),
		started.elapsed().as_secs_f64()
	);

	// --- 2|2: Kunming+Yuxi | Hongta+Chengjiang. 2 of 4 votes finalize nothing.
	let (side_a, side_b) = ([0usize, 1], [2usize, 3]);
	lab.partition(&side_b)?;
	let cut = Instant::now();
	let heads = ledger.watch(net, SETTLE, |_| Ok(())).await?;
	let ceiling = max_finalized(&heads, &all);
	let best_a = best(net, &side_a).await?;
	let best_b = best(net, &side_b).await?;
	let stall = BLOCK_TIME * STALL_BLOCKS;
	ledger
		.watch(net, stall, |heads| match heads.iter().position(|h| h.number > ceiling) {
			Some(i) => anyhow::bail!(
				"{} finalized #{} during the 2|2 partition (ceiling #{ceiling})",
				LOCAL_VALIDATORS[i].name,
				heads[i].number
			),
			None => Ok(()),
		})
		.await?;
	let (authored_a, authored_b) =
		(best(net, &side_a).await? - best_a, best(net, &side_b).await? - best_b);
	// Both halves are alive: they author in their own slots, finality alone is stuck.
	anyhow::ensure!(
		authored_a >= 2 && authored_b >= 2,
		"a half stopped authoring during the 2|2 partition: {authored_a} and {authored_b} new blocks"
	);
	// And the cut is real: above every block that existed before it, the halves' chains differ.
	let fork_at = best(net, &side_a).await?.min(best(net, &side_b).await?);
	let (hash_a, hash_b) = (
		net.nodes[side_a[0]].block_hash(fork_at).await?,
		net.nodes[side_b[0]].block_hash(fork_at).await?,
	);
	anyhow::ensure!(
		hash_a.is_some() && hash_a != hash_b,
		"the halves share block #{fork_at} ({hash_a:?}): the partition did not separate them"
	);
	eprintln!(
		"partition 2|2: finality held at #{ceiling} for {:.1}s ({STALL_BLOCKS} block times after a \
		 {SETTLE:?} settle); the halves authored {authored_a} and {authored_b} blocks on forks that \
		 differ at #{fork_at}",
		cut.elapsed().as_secs_f64()
	);

	lab.heal()?;
	let healed = Instant::now();
	let target = ceiling + HEAL_PROGRESS;
	let heads = ledger
		.until(
			net,
			&format!("all four to finalize #{target} after healing 2|2"),
			RECONNECT_SLACK + finality_timeout(HEAL_PROGRESS),
			|_| Ok(()),
			|h| h.iter().all(|b| b.number >= target),
		)
		.await?;
	let resumed = healed.elapsed();
	let (common, hash) = ledger.converged(net).await?;
	eprintln!(
		"partition 2|2 healed: all four finalized #{target} {:.1}s after the heal (heads {:?}); \
		 converged at #{common} {hash}",
		resumed.as_secs_f64(),
		numbers(&heads)
	);

	// --- 3|1: Chengjiang alone. The three finalize; Chengjiang's own fork stays unfinalized.
	let (majority, isolated) = ([0usize, 1, 2], 3usize);
	lab.partition(&[isolated])?;
	let heads = ledger.watch(net, SETTLE, |_| Ok(())).await?;
	let ceiling = max_finalized(&heads, &all);
	let best_isolated = net.nodes[isolated].best_block().await?.number;
	let target = ceiling + MAJORITY_PROGRESS;
	let cut = Instant::now();
	let isolated_stays = |heads: &[BlockRef]| {
		if heads[isolated].number > ceiling {
			anyhow::bail!(
				"the isolated {} finalized #{} (ceiling #{ceiling})",
				LOCAL_VALIDATORS[isolated].name,
				heads[isolated].number
			);
		}
		Ok(())
	};
	ledger
		.until(
			net,
			&format!("the three connected validators to finalize #{target}"),
			finality_timeout(MAJORITY_PROGRESS),
			isolated_stays,
			|h| majority.iter().all(|&i| h[i].number >= target),
		)
		.await?;
	let authored_isolated = net.nodes[isolated].best_block().await?.number - best_isolated;
	eprintln!(
		"partition 3|1: the three finalized #{ceiling} → #{target} in {:.1}s; the isolated validator \
		 stayed at #{ceiling} or below and authored {authored_isolated} blocks of its own",
		cut.elapsed().as_secs_f64()
	);

	lab.heal()?;
	let healed = Instant::now();
	let majority_head = max_finalized(&ledger.sample(net).await?, &majority);
	let target = majority_head + HEAL_PROGRESS;
	ledger
		.until(
			net,
			&format!("all four to finalize #{target} after healing 3|1"),
			RECONNECT_SLACK + finality_timeout(HEAL_PROGRESS),
			|_| Ok(()),
			|h| h.iter().all(|b| b.number >= target),
		)
		.await?;
	let resumed = healed.elapsed();
	let (common, hash) = ledger.converged(net).await?;
	eprintln!(
		"partition 3|1 healed: all four finalized #{target} {:.1}s after the heal; converged at \
		 #{common} {hash} with equal state roots; {} finalized heights cross-checked; test wall time \
		 {:.1}s",
		resumed.as_secs_f64(),
		ledger.finalized.len(),
		started.elapsed().as_secs_f64()
	);
	Ok(())
}

/// A pid no process has now (for names of a "crashed" run).
fn dead_pid() -> u32 {
	(1_000_000..4_000_000u32)
		.rev()
		.find(|p| !std::path::Path::new(&format!("/proc/{p}")).exists())
		.expect("a free pid")
}

/// Issue 5 "Reliability": the partition test "sets up and tears down" its namespaces itself, even
/// after a run that was killed before its `Drop` ran: a new lab first removes every namespace,
/// veth and bridge named for a process that no longer exists.
#[test]
fn leftovers_of_a_killed_run_are_removed_by_the_next_lab() {
	if let Some(reason) = netns::unavailable() {
		if std::env::var_os("DENGJI_REQUIRE_NETNS").is_some() {
			panic!("DENGJI_REQUIRE_NETNS is set but network namespaces are unusable: {reason}");
		}
		eprintln!("SKIPPED: {reason}");
		return;
	}
	let _setup = LAB_SETUP.lock().unwrap_or_else(|e| e.into_inner());
	let tag = format!("{}{}", netns::PREFIX, dead_pid());
	let (ns, host_end, ns_end, bridge) =
		(format!("{tag}n0"), format!("{tag}h0"), format!("{tag}p0"), format!("{tag}ba"));
	netns::ip(&["netns", "add", &ns]).expect("netns");
	netns::ip(&["link", "add", &host_end, "type", "veth", "peer", "name", &ns_end]).expect("veth");
	netns::ip(&["link", "set", &ns_end, "netns", &ns]).expect("move veth end");
	netns::ip(&["link", "add", &bridge, "type", "bridge"]).expect("bridge");
	netns::ip(&["link", "set", &host_end, "master", &bridge]).expect("attach");

	netns::remove_leftovers().expect("remove leftovers");
	assert!(!netns::netns_exists(&ns).expect("list namespaces"), "{ns} survived");
	for link in [&host_end, &bridge] {
		assert!(netns::ip(&["link", "show", link]).is_err(), "{link} survived");
	}
}

//! Fault tolerance of the `local` network (docs/spec/DESIGN.md §3): GRANDPA with 4 validators tolerates one
//! being down; a crashed validator restarted from its own database catches up and loses nothing.

use dengji_tests::{finality_timeout, Network, PEERING_TIMEOUT, RPC_UP_TIMEOUT};

/// Blocks finalized by all four before the fault.
const BEFORE_FAULT: u32 = 3;
/// Blocks the three survivors must finalize while the fourth is down.
const WHILE_DOWN: u32 = 4;
/// Blocks the restarted validator must see finalized beyond the survivors' head at its restart.
const AFTER_RESTART: u32 = 2;
/// The validator that is killed: Chengjiang (Dave).
const VICTIM: usize = 3;

/// docs/spec/DESIGN.md §3: one of four validators is killed (SIGKILL); the other three keep finalizing;
/// restarted from the same base path the fourth catches up, and all four agree on the hashes and
/// state roots of the finalized blocks, including those finalized before the crash.
#[tokio::test(flavor = "multi_thread")]
async fn validator_killed_network_keeps_finalizing_and_restart_catches_up() {
	let started = std::time::Instant::now();
	let mut net = Network::start_local().await.expect("start the 4 local validators");
	let all = [0, 1, 2, 3];
	let survivors = [0, 1, 2];

	net.wait_all_finalized(&all, BEFORE_FAULT, finality_timeout(BEFORE_FAULT))
		.await
		.expect("all four finalize before the fault");
	let before = net.nodes[VICTIM].finalized_head().await.expect("victim's finalized head");
	let before_root = net.nodes[VICTIM].state_root_at(before.number).await.expect("state root");

	net.nodes[VICTIM].kill().expect("kill the victim");
	let down_at = net.common_finalized(&survivors).await.expect("survivors' heads");
	let target = down_at + WHILE_DOWN;
	net.wait_all_finalized(&survivors, target, finality_timeout(WHILE_DOWN))
		.await
		.expect("three of four validators keep finalizing");

	let head_at_restart = net.nodes[0].finalized_head().await.expect("head").number;
	net.nodes[VICTIM].restart().expect("restart the victim from its base path");
	let victim = &net.nodes[VICTIM];
	victim.wait_rpc_up(RPC_UP_TIMEOUT).await.expect("victim's RPC after restart");
	victim.wait_peers(1, PEERING_TIMEOUT).await.expect("victim reconnects");
	victim
		.wait_finalized(head_at_restart + AFTER_RESTART, finality_timeout(AFTER_RESTART + 5))
		.await
		.expect("restarted validator catches up and follows finality");

	// Nothing lost: the block finalized before the crash is unchanged on the restarted node, and
	// all four agree on the hash and state root at a common finalized height after recovery.
	let after_hash = victim.block_hash(before.number).await.expect("hash").expect("kept block");
	assert_eq!(after_hash, before.hash, "block #{} changed across the crash", before.number);
	assert_eq!(victim.state_root_at(before.number).await.expect("root"), before_root);

	let common = net.common_finalized(&all).await.expect("heads");
	assert!(common >= target, "common finalized #{common} below #{target}");
	let mut seen = Vec::new();
	for node in &net.nodes {
		let hash = node.block_hash(common).await.expect("hash").expect("block");
		let root = node.state_root_at(common).await.expect("root");
		seen.push((node.name().to_string(), hash, root));
	}
	if seen.iter().any(|(_, h, r)| h != &seen[0].1 || r != &seen[0].2) {
		net.mark_failed();
		panic!("nodes disagree at finalized #{common}: {seen:?}");
	}
	eprintln!(
		"faults: survivors finalized #{down_at}→#{target} with one validator down; restarted node \
		 caught up to #{common}; test wall time {:.1}s",
		started.elapsed().as_secs_f64()
	);
}

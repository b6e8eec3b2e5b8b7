//! The 4-validator `local` network (docs/spec/DESIGN.md §3): Aura authors, GRANDPA finalizes, and every
//! validator ends up with the same finalized chain.

use dengji_tests::{finality_timeout, median, Network, PEERING_TIMEOUT, POLL_INTERVAL};

/// Blocks every validator must have finalized before the chains are compared.
const FINALIZED_TARGET: u32 = 6;
/// Blocks within which each of the four authorities must have authored a finalized block.
const AUTHORING_BLOCKS: u32 = 16;

/// docs/spec/DESIGN.md §3 (consensus, ≥ 4 validators): four institution validators connect to each other,
/// produce and finalize blocks, and agree on the hash of every finalized block up to a common height.
#[tokio::test(flavor = "multi_thread")]
async fn local_network_four_validators_finalize_the_same_chain() {
	let started = std::time::Instant::now();
	let net = Network::start_local().await.expect("start the 4 local validators");
	let all = [0, 1, 2, 3];

	for node in &net.nodes {
		let peers = node.wait_peers(3, PEERING_TIMEOUT).await.expect("validators peer");
		assert!(peers >= 3, "{} has {peers} peers", node.name());
	}
	net.wait_all_finalized(&all, FINALIZED_TARGET, finality_timeout(FINALIZED_TARGET))
		.await
		.expect("every validator finalizes");

	let common = net.common_finalized(&all).await.expect("finalized heads");
	assert!(common >= FINALIZED_TARGET);
	for number in 1..=common {
		let mut hashes = Vec::new();
		for node in &net.nodes {
			hashes.push(node.block_hash(number).await.expect("block hash").expect("block exists"));
		}
		if hashes.iter().any(|h| h != &hashes[0]) {
			net.mark_failed();
			panic!("validators disagree on finalized block #{number}: {hashes:?}");
		}
	}
	let roots: Vec<dengji_client::rpc::Hash> = {
		let mut v = Vec::new();
		for node in &net.nodes {
			v.push(node.state_root_at(common).await.expect("state root"));
		}
		v
	};
	assert!(roots.iter().all(|r| r == &roots[0]), "state roots at #{common} differ: {roots:?}");

	// Every validator authors: Aura's author of a block is `slot % 4`; wait (bounded) until the
	// finalized chain holds blocks of all four.
	let mut authors = std::collections::BTreeSet::new();
	let mut checked = 0;
	let deadline = std::time::Instant::now() + finality_timeout(AUTHORING_BLOCKS);
	while authors.len() < 4 {
		let head = net.nodes[0].finalized_head().await.expect("head").number;
		for n in checked + 1..=head {
			authors.insert(net.nodes[0].aura_slot_at(n).await.expect("aura slot") % 4);
		}
		checked = head;
		if std::time::Instant::now() > deadline {
			net.mark_failed();
			panic!("only authorities {authors:?} authored finalized blocks 1..=#{checked}");
		}
		tokio::time::sleep(POLL_INTERVAL).await;
	}

	let times = net.nodes[0].block_times(1, common).await.expect("block timestamps");
	let block_ms = median(&times);
	eprintln!(
		"network: 4 validators finalized #{common} with equal hashes; median block time {block_ms} ms \
		 over {} blocks; test wall time {:.1}s",
		times.len(),
		started.elapsed().as_secs_f64()
	);
	assert!((1000..=12_000).contains(&block_ms), "block time {block_ms} ms out of range");
}

/// Smoke test (`--dev`): the single development validator authors and finalizes blocks alone, and
/// the node's RPC reports no expected peers.
#[tokio::test(flavor = "multi_thread")]
async fn dev_node_alone_authors_and_finalizes_blocks() {
	const DEV_BLOCKS: u32 = 3;
	let node = dengji_tests::Node::start(dengji_tests::NodeConfig::dev()).await.expect("dev node");
	let head = node
		.wait_finalized(DEV_BLOCKS, finality_timeout(DEV_BLOCKS))
		.await
		.expect("dev node finalizes");
	assert!(head.number >= DEV_BLOCKS);
	let health = node.health().await.expect("health");
	assert!(!health.should_have_peers, "a --dev node expects no peers: {health:?}");
	let times = node.block_times(1, head.number).await.expect("timestamps");
	eprintln!("dev: finalized #{} ; median block time {} ms", head.number, median(&times));
}

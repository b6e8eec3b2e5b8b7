//! Light clients and public edge nodes (issue 11 §7; docs/operations.md "Light clients and edge
//! nodes"; docs/spec/DESIGN.md §3 permissioning layer 1). The validators of the `local` network
//! stay reserved-only (the on-chain PeerId allow-list of `pallet-node-authorization`); the four
//! institutions allow-list an edge node among themselves (each adds it to its own validator's
//! connections, `NodeAuthorization::add_connections`); the edge node (`dengji-node --edge`) syncs
//! from them and accepts light clients. smoldot, the light client (npm `smoldot`, a Node.js helper
//! in `tests/light/follow.mjs`), follows finality through it from the raw chain spec alone, while
//! a stranger's full node (not allow-listed, given the validators and the edge node as bootnodes)
//! still gets no peer and no block. A `--dev` node serves light clients without any flag.
//!
//! Skipped with a message when `node` or the helper's `node_modules` (scripts/setup.sh: `npm ci`
//! in tests/light) is missing and `DENGJI_REQUIRE_NODE` is unset.

use dengji_client::{Arg, Call, Client, Signer};
use dengji_tests::{
	finality_timeout, node_binary, random_node_key, Network, Node, NodeConfig, LOCAL_VALIDATORS,
	PEERING_TIMEOUT, POLL_INTERVAL, RPC_UP_TIMEOUT,
};
use serde_json::Value;
use std::{
	path::{Path, PathBuf},
	process::Command,
	time::{Duration, Instant},
};

/// Finalized blocks smoldot must follow beyond the validators' head when it starts.
const FOLLOWED_BLOCKS: u32 = 3;
/// How long smoldot may take to sync from genesis and reach its target (warp sync of a young
/// chain takes seconds; debug nodes on a loaded machine are slow to answer).
const LIGHT_CLIENT_TIMEOUT: Duration = Duration::from_secs(240);

fn helper_dir() -> PathBuf {
	std::env::var_os("CARGO_MANIFEST_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
		.join("light")
}

/// Whether `node` and smoldot are installed; a skip message unless `DENGJI_REQUIRE_NODE`.
fn smoldot_available() -> bool {
	let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
	let smoldot = helper_dir().join("node_modules/smoldot/package.json").is_file();
	if !(node && smoldot) {
		assert!(
			std::env::var_os("DENGJI_REQUIRE_NODE").is_none(),
			"node or smoldot missing (run scripts/setup.sh: npm ci in tests/light) and \
			 DENGJI_REQUIRE_NODE is set"
		);
		eprintln!(
			"SKIPPED: node or tests/light/node_modules/smoldot missing (scripts/setup.sh installs \
			 them; DENGJI_REQUIRE_NODE=1 makes this an error)"
		);
	}
	node && smoldot
}

/// `dengji-node build-spec --chain <chain> --raw` into `dir`.
fn raw_spec(chain: &str, dir: &Path) -> PathBuf {
	let out = Command::new(node_binary().expect("dengji-node binary"))
		.args(["build-spec", "--chain", chain, "--raw", "--disable-default-bootnode"])
		.stderr(std::process::Stdio::null())
		.output()
		.expect("dengji-node build-spec");
	assert!(out.status.success(), "build-spec --chain {chain} --raw failed");
	let file = dir.join(format!("{chain}-raw.json"));
	std::fs::write(&file, out.stdout).expect("write the chain spec");
	file
}

/// A base58 PeerId's bytes, as `pallet-node-authorization` stores them.
fn peer_id_bytes(peer_id: &str) -> Vec<u8> {
	dengji_tests::chain::peer_id_bytes(peer_id).expect("a base58 PeerId")
}

/// One finalized header as the light client verified it.
#[derive(Debug)]
struct Followed {
	number: u32,
	parent_hash: String,
	state_root: String,
	peers: u64,
}

/// Runs `follow.mjs` until block `target` is finalized; every finalized header smoldot printed.
fn smoldot_follow(spec: &Path, bootnode: &str, target: u32) -> Vec<Followed> {
	let out = Command::new("node")
		.arg(helper_dir().join("follow.mjs"))
		.arg(spec)
		.arg(bootnode)
		.arg(target.to_string())
		.arg(LIGHT_CLIENT_TIMEOUT.as_secs().to_string())
		.output()
		.expect("run node follow.mjs");
	let stdout = String::from_utf8_lossy(&out.stdout);
	let stderr = String::from_utf8_lossy(&out.stderr);
	assert!(out.status.success(), "smoldot did not reach #{target}:\n{stdout}\n{stderr}");
	let followed: Vec<Followed> = stdout
		.lines()
		.map(|l| {
			let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
			Followed {
				number: v["number"].as_u64().and_then(|n| u32::try_from(n).ok()).expect("number"),
				parent_hash: v["parentHash"].as_str().expect("parentHash").to_string(),
				state_root: v["stateRoot"].as_str().expect("stateRoot").to_string(),
				peers: v["peers"].as_u64().expect("peers"),
			}
		})
		.collect();
	eprintln!("smoldot via {bootnode}: {followed:?}");
	followed
}

/// Every header smoldot finalized is the validators' (state root; parent = their block hash).
async fn assert_same_chain(reference: &Node, followed: &[Followed]) {
	for f in followed {
		let header = reference.header_at(f.number).await.expect("the validators' header");
		assert_eq!(
			f.state_root,
			dengji_client::rpc::to_hex(&header.state_root),
			"state root of #{}",
			f.number
		);
		let parent = reference.block_hash(f.number - 1).await.expect("hash").expect("block");
		assert_eq!(f.parent_hash, dengji_client::rpc::to_hex(&parent), "parent of #{}", f.number);
	}
}

/// Issue 11 §7 on the `local` network (see the module documentation).
#[tokio::test(flavor = "multi_thread")]
async fn light_client_follows_finality_through_edge_node_while_strangers_get_nothing() {
	if !smoldot_available() {
		return;
	}
	let started = Instant::now();
	let work = tempfile::Builder::new().prefix("dengji-light-").tempdir().expect("tmp");
	let spec = raw_spec("local", work.path());

	let net = Network::start_local().await.expect("start the 4 local validators");
	net.wait_all_finalized(&[0, 1, 2, 3], 1, finality_timeout(1)).await.expect("network runs");

	// The edge node's key, and its PeerId (what the institutions allow-list).
	let edge_key = random_node_key().expect("node key");
	let key_file = work.path().join("edge.key");
	std::fs::write(&key_file, &edge_key).expect("write key");
	let inspect = Command::new(node_binary().expect("binary"))
		.args(["key", "inspect-node-key", "--file"])
		.arg(&key_file)
		.output()
		.expect("dengji-node key inspect-node-key");
	let edge_peer = String::from_utf8_lossy(&inspect.stdout).trim().to_string();
	assert!(edge_peer.starts_with("12D3KooW"), "PeerId of the edge key: {edge_peer}");

	// Each institution allow-lists the edge node for its own validator (owner of that node).
	let client = tokio::time::timeout(RPC_UP_TIMEOUT, Client::connect(&net.nodes[0].ws_url()))
		.await
		.expect("SDK connect in time")
		.expect("SDK connects");
	let mut last = 0;
	for v in LOCAL_VALIDATORS.iter() {
		let owner = Signer::from_suri(&format!("//{}", capitalised(v.name))).expect("owner key");
		let call = Call::new(
			"NodeAuthorization",
			"add_connections",
			vec![
				Arg::scale(&peer_id_bytes(v.peer_id)),
				Arg::scale(&vec![peer_id_bytes(&edge_peer)]),
			],
		);
		let done = client.submit(&call, &owner).await.unwrap_or_else(|e| {
			net.mark_failed();
			panic!("{} allow-lists the edge node: {e}", v.institution)
		});
		assert!(done.event("NodeAuthorization", "ConnectionsAdded").is_some(), "{:?}", done.events);
		last = last.max(done.block.number);
	}
	// The validators' offchain workers push the allow-list on the next blocks they import.
	net.wait_all_finalized(&[0, 1, 2, 3], last + 2, finality_timeout(2)).await.expect("advance");

	let edge = Node::start(NodeConfig {
		name: "edge".into(),
		chain: "local".into(),
		validator_seed: None,
		node_key: Some(edge_key),
		bootnodes: net.bootnodes(),
		extra_args: vec!["--edge".into()],
	})
	.await
	.expect("edge node starts");
	assert_eq!(edge.local_peer_id().await.expect("PeerId"), edge_peer);
	let peers = edge.wait_peers(LOCAL_VALIDATORS.len(), PEERING_TIMEOUT).await.expect("edge peers");
	assert_eq!(peers, LOCAL_VALIDATORS.len(), "the edge node peers with the four validators");
	let head = net.nodes[0].finalized_head().await.expect("head").number;
	edge.wait_finalized(head, finality_timeout(2)).await.expect("the edge node follows");
	// Public RPC: the unsafe methods are not served, although the harness asks for them.
	let err = edge
		.rpc::<Value>("system_peers", subxt_rpcs_params())
		.await
		.expect_err("system_peers (unsafe) on an edge node");
	eprintln!("edge node refuses unsafe RPC: {err:#}");

	// A stranger's full node (not allow-listed) is given the validators and the edge node.
	let mut bootnodes = net.bootnodes();
	bootnodes.push(edge.multiaddr(&edge_peer));
	let stranger = Node::start(NodeConfig {
		name: "stranger".into(),
		chain: "local".into(),
		validator_seed: None,
		node_key: Some(random_node_key().expect("key")),
		bootnodes,
		extra_args: Vec::new(),
	})
	.await
	.expect("stranger node starts");

	// smoldot, from the raw chain spec with the edge node as its only boot node.
	let from = net.nodes[0].finalized_head().await.expect("head").number;
	let bootnode = edge.multiaddr(&edge_peer);
	let (spec_path, target) = (spec.clone(), from + FOLLOWED_BLOCKS);
	let follow = tokio::task::spawn_blocking(move || smoldot_follow(&spec_path, &bootnode, target));
	// Meanwhile the stranger stays isolated: no full node (validator or edge) peers with it and it
	// gets no block. Its only possible peers are light clients that dial it (smoldot discovers
	// its address through the edge node's DHT): they give it nothing.
	let (mut polls, mut light_seen) = (0u32, 0usize);
	while !follow.is_finished() {
		let health = stranger.health().await.expect("stranger health");
		let best = stranger.best_block().await.expect("stranger best").number;
		if health.peers != 0 {
			let peers: Value =
				stranger.rpc("system_peers", subxt_rpcs_params()).await.expect("peers");
			let list = peers.as_array().cloned().unwrap_or_default();
			if list.iter().any(|p| p["roles"] != "LIGHT") {
				stranger.mark_failed();
				panic!("a stranger's full node has a full peer: {peers}");
			}
			light_seen = light_seen.max(list.len());
		}
		if best != 0 {
			stranger.mark_failed();
			panic!("a stranger's full node got block #{best}");
		}
		polls += 1;
		tokio::time::sleep(POLL_INTERVAL).await;
	}
	let followed = follow.await.expect("smoldot thread");
	assert!(polls > 1, "stranger observed over several polls");
	let last_followed = followed.last().expect("smoldot finalized blocks");
	assert!(last_followed.number >= target);
	assert!(followed.iter().all(|f| f.peers >= 1), "smoldot's peer is the edge node");
	assert_same_chain(&net.nodes[0], &followed).await;
	for node in &net.nodes {
		// Validators: each other and the edge node; never the stranger or smoldot. A connection
		// being re-established (seen in CI: 3 of 4 at one instant) is waited for, not counted.
		let peers = node.wait_peers(4, PEERING_TIMEOUT).await.expect("validator peers");
		assert_eq!(peers, 4, "{} peers", node.name());
	}
	assert_eq!(stranger.best_block().await.expect("stranger best").number, 0);
	eprintln!(
		"light client: smoldot followed finality to #{} through the edge node; stranger isolated \
		 over {polls} polls (no full peer, block #0; light peers dialing it: {light_seen}); wall \
		 time {:.1}s",
		last_followed.number,
		started.elapsed().as_secs_f64()
	);
}

/// `dengji-node --dev` serves light clients without any flag (issue 11 §7).
#[tokio::test(flavor = "multi_thread")]
async fn dev_node_serves_light_clients_by_default() {
	if !smoldot_available() {
		return;
	}
	let work = tempfile::Builder::new().prefix("dengji-light-dev-").tempdir().expect("tmp");
	let spec = raw_spec("dev", work.path());
	let dev = Node::start(NodeConfig::dev()).await.expect("dev node");
	let head = dev.wait_finalized(1, finality_timeout(1)).await.expect("dev finalizes").number;
	let bootnode = dev.multiaddr(&dev.local_peer_id().await.expect("PeerId"));
	let target = head + FOLLOWED_BLOCKS;
	let followed = tokio::task::spawn_blocking(move || smoldot_follow(&spec, &bootnode, target))
		.await
		.expect("smoldot thread");
	assert!(followed.last().is_some_and(|f| f.number >= target));
	assert_same_chain(&dev, &followed).await;
}

fn capitalised(name: &str) -> String {
	let mut c = name.chars();
	c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn subxt_rpcs_params() -> subxt_rpcs::client::RpcParams {
	subxt_rpcs::client::RpcParams::new()
}

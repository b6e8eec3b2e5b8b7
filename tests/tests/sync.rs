//! A new node joins a running chain by full sync and by GRANDPA warp sync (issue 15 §4; the
//! benchmark is `scripts/bench-sync.sh`). The chain: a `dengji-node bench-spec` genesis (20
//! registrations with certificates, 3 more drafted, its clock two hours back) and
//! [`BLOCKS`] blocks appended by `dengji-node bench-blocks` in the past slots since, the three
//! drafts' issuances in block 1. Alice authors on from the present slot on a copy of that
//! database, two full nodes serve copies too (warp sync waits for three peers). Each new node
//! must reach and finalize the servers' finalized block, and a proof bundle built from it for the
//! certificate issued in block 1 must verify `Valid` against the trust root the servers give:
//! so the bench blocks are real blocks (sealed, executable, finalizable by GRANDPA).

use dengji_client::{primitives::CertificateCode, Policy, Verdict};
use dengji_tests::{chain, copy_dir, finality_timeout, Node, NodeConfig, RPC_UP_TIMEOUT};
use std::{
	path::Path,
	time::{Duration, Instant},
};

/// Blocks appended by `bench-blocks` (one a 3-s slot: 15 minutes of past slots).
const BLOCKS: u32 = 300;
/// Time a new node has to sync [`BLOCKS`] blocks (debug build, two cores shared with the servers).
const SYNC_TIMEOUT: Duration = Duration::from_secs(300);

fn field<'a>(json: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
	chain::summary_field(json, name).expect("summary field")
}

#[tokio::test(flavor = "multi_thread")]
async fn new_nodes_full_and_warp_sync_a_bench_blocks_chain_and_serve_a_verifying_bundle() {
	let started = Instant::now();
	let dir = tempfile::tempdir().expect("temporary directory");
	let path = |name: &str| dir.path().join(name).display().to_string();

	// The chain: genesis, then BLOCKS blocks in past slots with the drafts issued in block 1.
	let spec = chain::bench_spec(&[
		"--certificates",
		"20",
		"--pending",
		"3",
		"--hours-ago",
		"2",
		"--out",
		&path("spec.json"),
		"--issue-out",
		&path("pending.issue"),
	])
	.expect("bench-spec");
	let code: CertificateCode = field(&spec, "pending_codes")[0]
		.as_str()
		.expect("a pending code")
		.parse()
		.expect("certificate code");
	let (out, _) = chain::node_tool(&[
		"bench-blocks",
		"--chain",
		&path("spec.json"),
		"--base-path",
		&path("chain"),
		"--database",
		"paritydb",
		"--count",
		&BLOCKS.to_string(),
		"--include",
		&path("pending.issue"),
	])
	.expect("bench-blocks");
	let blocks = chain::summary_json(&out, "BENCH_BLOCKS_JSON ").expect("bench-blocks summary");
	assert_eq!(field(&blocks, "to").as_u64(), Some(u64::from(BLOCKS)), "{blocks}");
	assert_eq!(field(&blocks, "included").as_u64(), Some(3), "{blocks}");
	// One timestamp inherent a block, and the three issuances.
	assert_eq!(field(&blocks, "extrinsics").as_u64(), Some(u64::from(BLOCKS) + 3), "{blocks}");

	// Three servers on copies of the database (Alice authoring, two full nodes) and the two new
	// nodes, every address known before any starts: on a development chain a node takes only
	// reserved full peers (issue 11 §7), so each names all the others.
	let mut nodes = Vec::new();
	let mut peers = Vec::new();
	for (name, seed) in [
		("sync-server0", Some("alice")),
		("sync-server1", None),
		("sync-server2", None),
		("sync-full", None),
		("sync-warp", None),
	] {
		let key = path(&format!("{name}.key"));
		peers.push(chain::generate_node_key(Path::new(&key)).expect("node key"));
		let mut extra_args: Vec<String> =
			["--database", "paritydb", "--node-key-file", &key].map(String::from).into();
		if let Some(mode) = name.strip_prefix("sync-").filter(|m| !m.starts_with("server")) {
			extra_args.extend(["--sync".into(), mode.into()]);
		}
		let config = NodeConfig {
			name: name.into(),
			chain: path("spec.json"),
			validator_seed: seed,
			node_key: None,
			bootnodes: Vec::new(),
			extra_args,
		};
		nodes.push(Node::prepared(config).expect("node directory and ports"));
	}
	let addrs: Vec<String> = nodes.iter().zip(&peers).map(|(n, p)| n.multiaddr(p)).collect();
	for (i, node) in nodes.iter_mut().enumerate() {
		for (j, addr) in addrs.iter().enumerate() {
			if i != j {
				node.config_mut().extra_args.extend(["--reserved-nodes".into(), addr.clone()]);
			}
		}
	}
	let mut new_nodes = nodes.split_off(3);
	let mut servers = nodes;
	for s in &mut servers {
		copy_dir(Path::new(&path("chain")), &s.base_path()).expect("copy of the bench chain");
		s.launch().expect("start a server");
	}
	for s in &servers {
		s.wait_rpc_up(RPC_UP_TIMEOUT).await.expect("server RPC");
	}
	// GRANDPA finalizes the bench blocks (nothing was finalized before) and the servers follow.
	let target = BLOCKS + 2;
	for s in &servers {
		s.wait_finalized(target, finality_timeout(20))
			.await
			.expect("the servers finalize the bench blocks");
	}
	let trust = servers[0].reader().await.expect("reader").trust_root().await.expect("trust root");

	for node in &mut new_nodes {
		let t0 = Instant::now();
		let mode = node.name().trim_start_matches("sync-").to_owned();
		node.launch().expect("start the new node");
		node.wait_rpc_up(RPC_UP_TIMEOUT).await.expect("new node RPC");
		let head = servers[0].finalized_head().await.expect("servers' finalized head").number;
		node.wait_finalized(head, SYNC_TIMEOUT)
			.await
			.unwrap_or_else(|e| panic!("{mode} sync to #{head}: {e:?}\n{}", node.log_tail(40)));
		let reader = node.reader().await.expect("reader of the new node");
		let verified = node
			.poll("a verifying bundle", SYNC_TIMEOUT, || {
				let (reader, trust, code) = (&reader, &trust, &code);
				async move {
					let v =
						reader.verify_online(code, Some(trust), &Policy::default(), None).await?;
					Ok((v.verification.verdict == Verdict::Valid).then_some(v))
				}
			})
			.await
			.expect("the certificate issued in block 1 verifies through the new node");
		assert!(
			verified.verification.block_number >= head,
			"the bundle is proved at #{} (synced to #{head})",
			verified.verification.block_number
		);
		if mode == "warp" {
			assert!(
				node.log().contains("Warp sync is complete"),
				"the warp node fell back to another mode:\n{}",
				node.log_tail(40)
			);
		}
		eprintln!("{mode} sync: #{head} finalized and {code} Valid after {:?}", t0.elapsed());
	}
	eprintln!("sync test: {:?}", started.elapsed());
}

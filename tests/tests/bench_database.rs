//! `dengji-node bench-spec --database` (issue 15 §3, `scripts/bench-db.sh`): the genesis of a
//! benchmark state written straight into a ParityDB database, with a chain spec that carries only
//! the genesis state root. A node started on a copy of that database must have the genesis block
//! bench-spec computed, author on it, and issue the drafted certificates so that they verify; a
//! node given that spec without the database must stop with an error that says why.

use dengji_client::{primitives::CertificateCode, Policy, Verdict};
use dengji_tests::{
	chain, copy_dir, finality_timeout, random_node_key, Node, NodeConfig, RPC_UP_TIMEOUT,
};
use std::{
	path::Path,
	time::{Duration, Instant},
};

/// Time the node without the database has to stop (it fails before opening the network).
const STOP_TIMEOUT: Duration = Duration::from_secs(60);

fn field<'a>(json: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
	chain::summary_field(json, name).expect("summary field")
}

fn config(name: &str, spec: &str, seed: Option<&'static str>) -> NodeConfig {
	NodeConfig {
		name: name.into(),
		chain: spec.into(),
		validator_seed: seed,
		node_key: Some(random_node_key().expect("node key")),
		bootnodes: Vec::new(),
		extra_args: vec!["--database".into(), "paritydb".into()],
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn a_node_starts_on_the_database_bench_spec_wrote_and_issues_verifying_certificates() {
	let dir = tempfile::tempdir().expect("temporary directory");
	let path = |name: &str| dir.path().join(name).display().to_string();

	let summary = chain::bench_spec(&[
		"--certificates",
		"20",
		"--pending",
		"2",
		"--database",
		&path("genesis"),
		"--out",
		&path("spec.json"),
		"--issue-out",
		&path("pending.issue"),
	])
	.expect("bench-spec --database");
	let genesis = field(&summary, "genesis_hash").as_str().expect("genesis hash").to_owned();
	let codes: Vec<CertificateCode> = field(&summary, "pending_codes")
		.as_array()
		.expect("pending codes")
		.iter()
		.map(|c| c.as_str().expect("code").parse().expect("certificate code"))
		.collect();
	assert_eq!(codes.len(), 2, "{summary}");

	// The spec names the state by its root only: no storage, no runtime code.
	let spec: serde_json::Value =
		serde_json::from_str(&std::fs::read_to_string(path("spec.json")).expect("spec"))
			.expect("spec JSON");
	let root = spec["genesis"]["stateRootHash"].as_str().expect("genesis.stateRootHash");
	assert_eq!(root.len(), 66, "{root}");
	assert!(spec["genesis"].get("raw").is_none(), "the spec still holds the state");

	// Alice on a copy of the database.
	let mut alice = Node::prepared(config("benchdb-alice", &path("spec.json"), Some("alice")))
		.expect("node directory and ports");
	copy_dir(Path::new(&path("genesis")), &alice.base_path()).expect("copy of the database");
	alice.launch().expect("start Alice");
	alice.wait_rpc_up(RPC_UP_TIMEOUT).await.expect("Alice's RPC");
	let hash = alice.block_hash(0).await.expect("block 0").expect("a genesis block");
	assert_eq!(
		dengji_client::rpc::to_hex(&hash),
		genesis,
		"the node's genesis is the one bench-spec computed"
	);

	// The drafted certificates, issued on the running chain, verify.
	let t0 = Instant::now();
	for line in std::fs::read_to_string(path("pending.issue")).expect("transactions").lines() {
		let tx = chain::from_hex(line).expect("hex transaction");
		alice.submit_extrinsic(&tx).await.expect("the pool takes the issuance");
	}
	let trust = alice.reader().await.expect("reader").trust_root().await.expect("trust root");
	let reader = alice.reader().await.expect("reader");
	for code in &codes {
		alice
			.poll("a verifying bundle", finality_timeout(10), || {
				let (reader, trust) = (&reader, &trust);
				async move {
					let v =
						reader.verify_online(code, Some(trust), &Policy::default(), None).await?;
					Ok((v.verification.verdict == Verdict::Valid).then_some(()))
				}
			})
			.await
			.unwrap_or_else(|e| panic!("{code} issued and Valid: {e:?}\n{}", alice.log_tail(30)));
	}
	eprintln!("2 certificates issued and Valid after {:?}", t0.elapsed());

	// Without the database, the spec cannot make a genesis: the node stops and says why.
	let mut bare = Node::prepared(config("benchdb-bare", &path("spec.json"), None))
		.expect("node directory and ports");
	bare.launch().expect("start the node without the database");
	let deadline = Instant::now() + STOP_TIMEOUT;
	while bare.is_running() {
		assert!(Instant::now() < deadline, "still running after {STOP_TIMEOUT:?}");
		tokio::time::sleep(Duration::from_millis(200)).await;
	}
	assert!(
		bare.log().contains("only on the database made with it"),
		"no reason given:\n{}",
		bare.log_tail(20)
	);
}

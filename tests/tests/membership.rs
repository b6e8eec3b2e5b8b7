//! Institutions join and leave a running network (issue 11 §4; docs/operations.md "Joining and
//! leaving the validator set"), on the 4-validator `local` chain with 10-block sessions (the
//! spec's `governance.sessionLength`):
//!
//! 1. a fifth institution (Qujing, 530300) is registered, its validator account set and its
//!    node's PeerId allow-listed by council motions (2 of the 3 members of `local`; no Sudo);
//! 2. its node starts with fresh keys made by `dengji-node key …` (node key, account) and joins
//!    through the allow-list;
//! 3. `dengji validator set-keys` has that node generate its session keys
//!    (`author_rotateKeysWithOwner`) and registers them with `Session.set_keys`, signed by its
//!    validator account;
//! 4. it becomes an authority (session validator, Aura and GRANDPA authority) within two
//!    sessions, authors a finalized block, and finality never stops;
//! 5. Chengjiang (530481) is disqualified by motion: it leaves the set within two sessions, its node
//!    is stopped, and the four remaining validators keep finalizing.

use clap::Parser as _;
use dengji_cli::{cmd, Cli};
use dengji_client::{
	council::{self, Closed, Proposal},
	keys,
	primitives::DivisionCode,
	roles, Call, Client, Signer,
};
use dengji_tests::{
	chain::{self, FreshKey},
	finality_timeout,
	upgrade::{watch_finality, BLOCK_TIME},
	Network, Node, NodeConfig, LOCAL_VALIDATORS, PEERING_TIMEOUT, RPC_UP_TIMEOUT,
};
use std::time::{Duration, Instant};
use subxt_rpcs::client::rpc_params;

/// Blocks per session of the test chain (30 s at 3-second blocks).
const SESSION_LENGTH: u32 = 10;
/// The joining institution: Qujing (曲靖市), a city.
const NEW_DIVISION: u32 = 530300;
/// The leaving institution: Chengjiang (澄江市, 530481), `LOCAL_VALIDATORS[3]` (Dave).
const LEAVING: usize = 3;
/// Council members of `local` (2 of 3 carry an authority motion).
const PROPOSER: &str = "//Alice";
const VOTERS: [&str; 2] = ["//Bob", "//Charlie"];
/// How long a set change may take to show: two sessions (issue 11 §4) plus the time to finalize
/// the block that shows it, with slack for a loaded machine.
fn set_change_timeout() -> Duration {
	BLOCK_TIME * SESSION_LENGTH * 2 + finality_timeout(4)
}

fn signer(suri: &str) -> Signer {
	Signer::from_suri(suri).expect("dev key")
}

/// A council motion of `call` carried by 2 of 3 members and closed; returns when executed.
async fn motion(client: &Client, call: &Call) {
	let p = council::propose(client, &signer(PROPOSER), call).await.expect("propose");
	let Proposal::Open { index } = p.outcome else { panic!("a 2-of-3 motion stays open") };
	assert_eq!((p.threshold, p.members), (2, 3), "2/3 of the 3 council members");
	let [a, b] = VOTERS.map(signer);
	let (x, y) = tokio::join!(
		council::vote(client, &a, p.hash, index, true),
		council::vote(client, &b, p.hash, index, true)
	);
	x.expect("first aye");
	y.expect("second aye");
	let c = council::close(client, &signer(PROPOSER), p.hash, index).await.expect("close");
	assert_eq!(c.outcome, Closed::Executed, "{} executed", p.call);
}

/// SCALE compact length prefix: (value, bytes read).
fn compact(b: &[u8]) -> (usize, usize) {
	match b[0] & 3 {
		0 => ((b[0] >> 2) as usize, 1),
		1 => ((u16::from_le_bytes([b[0], b[1]]) >> 2) as usize, 2),
		_ => ((u32::from_le_bytes([b[0], b[1], b[2], b[3]]) >> 2) as usize, 4),
	}
}

/// A SCALE `Vec` of `item`-byte records, each cut to its first 32 bytes.
fn keys_of(b: &[u8], item: usize) -> Vec<[u8; 32]> {
	let (n, off) = compact(b);
	(0..n).map(|i| b[off + i * item..off + i * item + 32].try_into().expect("32 bytes")).collect()
}

/// What the finalized state at `hash` says about the validator set.
#[derive(Debug)]
struct SetAt {
	/// `Session::Validators` (accounts).
	validators: Vec<[u8; 32]>,
	/// `AuraApi_authorities`.
	aura: Vec<[u8; 32]>,
	/// `GrandpaApi_grandpa_authorities` (keys).
	grandpa: Vec<[u8; 32]>,
}

async fn set_at(node: &Node, hash: [u8; 32]) -> anyhow::Result<SetAt> {
	let at = dengji_client::rpc::to_hex(&hash);
	let key = dengji_client::rpc::to_hex(&keys::item_prefix("Session", "Validators"));
	let v: Option<String> = node.rpc("state_getStorage", rpc_params![key, at.clone()]).await?;
	let validators = keys_of(&chain::from_hex(&v.unwrap_or_default())?, 32);
	let call =
		|api: &'static str| node.rpc::<String>("state_call", rpc_params![api, "0x", at.clone()]);
	let aura = keys_of(&chain::from_hex(&call("AuraApi_authorities").await?)?, 32);
	let grandpa = keys_of(&chain::from_hex(&call("GrandpaApi_grandpa_authorities").await?)?, 40);
	Ok(SetAt { validators, aura, grandpa })
}

/// Polls the finalized state of `node` until `pred` holds; returns it with the block number.
async fn wait_set(node: &Node, what: &str, pred: impl Fn(&SetAt) -> bool) -> (u32, SetAt) {
	node.poll(what, set_change_timeout(), || async {
		let head = node.finalized_head().await?;
		let set = set_at(node, head.hash).await?;
		Ok(pred(&set).then_some((head.number, set)))
	})
	.await
	.unwrap_or_else(|e| panic!("{e:#}"))
}

/// Runs `dengji <args>` through the CLI library (as the binary does) and returns its JSON.
async fn dengji(args: &[&str]) -> serde_json::Value {
	let argv = std::iter::once("dengji").chain(["--quiet", "--json"]).chain(args.iter().copied());
	let cli = Cli::try_parse_from(argv).unwrap_or_else(|e| panic!("parsing {args:?}: {e}"));
	let out = cmd::run(cli).await.unwrap_or_else(|e| panic!("dengji {args:?}: {}", e.message()));
	assert_eq!(out.exit.code(), 0, "dengji {args:?}");
	out.json
}

#[tokio::test(flavor = "multi_thread")]
async fn an_institution_joins_and_another_leaves_the_validator_set() {
	let started = Instant::now();
	let dir = tempfile::tempdir().expect("temporary directory");
	let spec = chain::local_spec_with_session_length(dir.path(), SESSION_LENGTH).expect("spec");
	let mut net = Network::start_chain(spec.to_str().expect("utf-8 path")).await.expect("network");
	for node in &net.nodes {
		node.wait_peers(3, PEERING_TIMEOUT).await.expect("validators peer");
	}
	net.nodes[0].wait_finalized(2, finality_timeout(2)).await.expect("the network finalizes");
	let client = Client::connect(&net.nodes[0].ws_url()).await.expect("SDK");
	let watch = watch_finality(net.nodes[0].ws_url());

	// Fresh keys, made with the node's own key tool: the validator account, the certificate
	// key and the node's libp2p key.
	let account: FreshKey = chain::generate_key("sr25519").expect("validator account");
	let cert: FreshKey = chain::generate_key("ed25519").expect("certificate key");
	let node_key_file = dir.path().join("qujing-node-key");
	let peer_id = chain::generate_node_key(&node_key_file).expect("node key");

	// 1. Council motions: register, set the validator account, allow-list the PeerId.
	let division = DivisionCode::new(NEW_DIVISION).expect("division");
	let t = Instant::now();
	motion(
		&client,
		&roles::authority::register_institution(
			division,
			"曲靖市数据登记中心 (Qujing)",
			cert.public,
		),
	)
	.await;
	let peer = chain::peer_id_bytes(&peer_id).expect("PeerId bytes");
	let (set_validator, set_peer_id) = (
		roles::authority::set_validator(division, Some(account.public)),
		roles::authority::set_peer_id(division, Some(peer)),
	);
	tokio::join!(motion(&client, &set_validator), motion(&client, &set_peer_id));
	println!(
		"membership: 3 council motions (register, validator, PeerId) in {:.1} s",
		t.elapsed().as_secs_f64()
	);

	// 2. Its node: fresh node key, `--validator`, the four as bootnodes.
	let new_node = Node::spawn(NodeConfig {
		name: "qujing".into(),
		chain: spec.display().to_string(),
		validator_seed: None,
		node_key: None,
		bootnodes: net.bootnodes(),
		extra_args: vec![
			"--validator".into(),
			"--node-key-file".into(),
			node_key_file.display().to_string(),
		],
	})
	.expect("spawn the fifth node");
	new_node.wait_rpc_up(RPC_UP_TIMEOUT).await.expect("fifth node RPC");
	assert_eq!(new_node.local_peer_id().await.expect("PeerId"), peer_id);
	new_node.wait_peers(1, PEERING_TIMEOUT).await.expect("allow-listed: the fifth node peers");
	let head = net.nodes[0].finalized_head().await.expect("head").number;
	new_node.wait_finalized(head, finality_timeout(4)).await.expect("the fifth node syncs");

	// 3. Session keys through the CLI.
	let t_keys = Instant::now();
	let out = dengji(&[
		"validator",
		"set-keys",
		"--node",
		&new_node.ws_url(),
		"--url",
		&net.nodes[1].ws_url(),
		"--signer",
		&account.secret_seed,
	])
	.await;
	assert_eq!(out["proof"], true, "author_rotateKeysWithOwner returned a proof: {out}");
	let keys_block = out["transaction"]["block"]["number"].as_u64().expect("block") as u32;
	let aura_key: [u8; 32] = chain::from_hex(out["aura"].as_str().expect("aura"))
		.expect("hex")
		.try_into()
		.expect("32 bytes");
	let grandpa_key: [u8; 32] = chain::from_hex(out["grandpa"].as_str().expect("grandpa"))
		.expect("hex")
		.try_into()
		.expect("32 bytes");

	// 4. An authority within two sessions.
	let (joined_at, set) = wait_set(&net.nodes[0], "the fifth validator in the set", |s| {
		s.validators.contains(&account.public)
			&& s.aura.contains(&aura_key)
			&& s.grandpa.contains(&grandpa_key)
	})
	.await;
	let join_time = t_keys.elapsed();
	assert_eq!(set.validators.len(), 5, "{set:?}");
	assert!(
		joined_at <= keys_block + 2 * SESSION_LENGTH,
		"keys set in #{keys_block}, authority only from #{joined_at} (sessions of {SESSION_LENGTH})"
	);
	println!(
		"membership: the new validator is an authority (Session, Aura, GRANDPA) in finalized \
		 #{joined_at}, {} blocks and {:.1} s after its keys were set in #{keys_block}",
		joined_at - keys_block,
		join_time.as_secs_f64()
	);
	// It authors: a finalized block in a slot of its Aura index.
	let index = set.aura.iter().position(|k| k == &aura_key).expect("aura index") as u64;
	let authored = net.nodes[0]
		.poll("a finalized block authored by the new validator", finality_timeout(10), || async {
			let head = net.nodes[0].finalized_head().await?.number;
			for n in joined_at + 1..=head {
				if net.nodes[0].aura_slot_at(n).await? % 5 == index {
					return Ok(Some(n));
				}
			}
			Ok(None)
		})
		.await
		.expect("the new validator authors");
	println!("membership: block #{authored} authored by the new validator is finalized");

	// 5. Chengjiang is disqualified and leaves; its node stops; the four keep finalizing.
	let leaving = DivisionCode::new(LOCAL_VALIDATORS[LEAVING].division).expect("division");
	let dave = signer("//Dave").account_id();
	let t_leave = Instant::now();
	motion(&client, &roles::authority::disqualify(leaving)).await;
	let (left_at, set) = wait_set(&net.nodes[0], "Chengjiang out of the set", |s| {
		!s.validators.contains(&dave) && s.grandpa.len() == 4 && s.aura.len() == 4
	})
	.await;
	assert!(set.validators.contains(&account.public));
	println!(
		"membership: Chengjiang left the set in finalized #{left_at}, {:.1} s after the motion",
		t_leave.elapsed().as_secs_f64()
	);
	net.nodes[LEAVING].kill().expect("stop Chengjiang's node");
	let target = net.nodes[0].finalized_head().await.expect("head").number + 5;
	for i in [0, 1, 2] {
		net.nodes[i].wait_finalized(target, finality_timeout(5)).await.expect("the rest finalize");
	}
	new_node.wait_finalized(target, finality_timeout(5)).await.expect("the new validator follows");
	let stall = watch.stop().await.expect("finality watcher");
	println!(
		"membership: finalized #{target} with 4 validators after Chengjiang left; longest \
		 finality stall {:.1} s; test wall time {:.0} s",
		stall.as_secs_f64(),
		started.elapsed().as_secs_f64()
	);
	assert!(
		stall <= BLOCK_TIME * SESSION_LENGTH,
		"finality stalled {stall:?} while the set changed"
	);
}

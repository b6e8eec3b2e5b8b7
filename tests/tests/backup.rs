//! Backup and restore of a validator node (issue 11 §6; docs/operations.md "Backup and restore"),
//! on the 4-validator `local` network: Chengjiang's validator (Dave) is stopped cleanly, its base
//! path (database, keystore) and node key file are copied, and its host is lost; the three others
//! keep finalizing; a new node started from the copy on another directory and other ports, with
//! only `--validator` and the restored node key file (the session keys come from the restored
//! keystore, not from `--dave`), rejoins with its PeerId, catches up to the network's finalized head
//! and authors and finalizes again.

use dengji_tests::{
	chain, copy_dir, finality_timeout, Network, Node, NodeConfig, LOCAL_VALIDATORS,
	PEERING_TIMEOUT, RPC_UP_TIMEOUT,
};
use std::time::Instant;
use subxt_rpcs::client::rpc_params;

/// The validator backed up and restored: Chengjiang (Dave).
const RESTORED: usize = 3;
/// Chain id of `local` (the directory under `<base>/chains/`).
const CHAIN_ID: &str = "dengji_local";
/// Blocks the three others finalize while the node is down.
const DOWN_BLOCKS: u32 = 5;

#[tokio::test(flavor = "multi_thread")]
async fn a_validator_restored_from_a_backup_rejoins_and_catches_up() {
	let started = Instant::now();
	let mut net = Network::start_local().await.expect("start the 4 local validators");
	for node in &net.nodes {
		node.wait_peers(3, PEERING_TIMEOUT).await.expect("validators peer");
	}
	net.wait_all_finalized(&[0, 1, 2, 3], 3, finality_timeout(3)).await.expect("finality");
	let v = LOCAL_VALIDATORS[RESTORED];

	// 1. Backup: stop the node cleanly, copy its base path and its node key file.
	let backup = tempfile::tempdir().expect("backup directory");
	let node = &mut net.nodes[RESTORED];
	let backed_up_at = node.finalized_head().await.expect("head").number;
	node.stop().expect("stop the node");
	// `--dave` keeps the session keys in memory; an operator's validator has them in its
	// keystore (docs/operations.md, "Genesis ceremony"): insert them as the ceremony does.
	let base = node.base_path().display().to_string();
	for (scheme, key_type) in [("sr25519", "aura"), ("ed25519", "gran")] {
		chain::node_tool(&[
			"key",
			"insert",
			"--base-path",
			&base,
			"--chain",
			"local",
			"--scheme",
			scheme,
			"--suri",
			"//Dave",
			"--key-type",
			key_type,
		])
		.expect("key insert");
	}
	copy_dir(&node.base_path(), &backup.path().join("base")).expect("copy the base path");
	// The harness passes this validator's node key on the command line; an operator keeps it in
	// a file (`--node-key-file`), which the backup includes.
	let key_file = backup.path().join("node-key");
	std::fs::write(&key_file, v.node_key).expect("node key file");
	let chain_dir = backup.path().join("base/chains").join(CHAIN_ID);
	let keystore: Vec<_> =
		std::fs::read_dir(chain_dir.join("keystore")).expect("keystore in the backup").collect();
	assert!(keystore.len() >= 2, "the backup holds the session keys (aura, grandpa)");
	assert!(chain_dir.join("paritydb").is_dir() || chain_dir.join("db").is_dir(), "database");

	// 2. The host is lost; the three others keep finalizing (3 of 4 GRANDPA votes).
	drop(net.nodes.remove(RESTORED));
	let target = net.common_finalized(&[0, 1, 2]).await.expect("heads") + DOWN_BLOCKS;
	net.wait_all_finalized(&[0, 1, 2], target, finality_timeout(DOWN_BLOCKS))
		.await
		.expect("the others finalize without it");

	// 3. Restore on a new host: new directory and ports, keys only from the backup.
	let t_restore = Instant::now();
	let restored = Node::spawn_restored(
		NodeConfig {
			name: "chengjiang-restored".into(),
			chain: "local".into(),
			validator_seed: None,
			node_key: None,
			bootnodes: net.bootnodes(),
			extra_args: vec![
				"--validator".into(),
				"--node-key-file".into(),
				key_file.display().to_string(),
			],
		},
		&backup.path().join("base"),
	)
	.expect("spawn the restored node");
	restored.wait_rpc_up(RPC_UP_TIMEOUT).await.expect("restored node RPC");
	assert_eq!(restored.local_peer_id().await.expect("PeerId"), v.peer_id, "same PeerId");
	let head = restored.finalized_head().await.expect("head").number;
	assert!(head >= backed_up_at, "the restored database starts at #{head} ≥ #{backed_up_at}");
	let aura = dengji_client::rpc::to_hex(
		&dengji_client::Signer::from_suri("//Dave").expect("key").account_id(),
	);
	let has: bool = restored.rpc("author_hasKey", rpc_params![aura, "aura"]).await.expect("hasKey");
	assert!(has, "the restored keystore holds the Aura key");
	restored.wait_peers(3, PEERING_TIMEOUT).await.expect("the restored node rejoins");

	// 4. Catches up to the network's finalized head, then authors and finalizes with it.
	let network_head = net.common_finalized(&[0, 1, 2]).await.expect("heads");
	let caught = restored
		.wait_finalized(network_head, finality_timeout(4))
		.await
		.expect("the restored node catches up");
	let catch_up = t_restore.elapsed();
	let authored = restored
		.poll(
			"a finalized block authored by the restored validator",
			finality_timeout(12),
			|| async {
				let head = restored.finalized_head().await?.number;
				for n in network_head + 1..=head {
					if restored.aura_slot_at(n).await? % 4 == RESTORED as u64 {
						return Ok(Some(n));
					}
				}
				Ok(None)
			},
		)
		.await
		.expect("the restored validator authors again");
	let hash = restored.block_hash(authored).await.expect("hash");
	assert_eq!(net.nodes[0].block_hash(authored).await.expect("hash"), hash, "same chain");
	println!(
		"backup: backed up at #{backed_up_at}; restored node started at #{head}, caught up to \
		 finalized #{} in {:.1} s; its block #{authored} finalized; test wall time {:.0} s",
		caught.number,
		catch_up.as_secs_f64(),
		started.elapsed().as_secs_f64()
	);
}

//! A forkless runtime upgrade under load on the 4-validator `local` network (issue 11 §3): while
//! subjects keep submitting registration applications (one every [`LOAD_INTERVAL`]), the council
//! (Alice, Bob, Charlie: the upgrade threshold 3/4 needs all three) authorises the next runtime
//! (`spec_version` + 1, scripts/build-upgrade-wasm.sh) by motion and Dave, a validator and no
//! member, applies it. Checked:
//! - finality never stalls longer than 3 block times, from the motion to after the upgrade, on
//!   release or production nodes (debug nodes: 10, see [`upgrade_stall_limit`]);
//! - every transaction sent before, during and after the upgrade is finalized exactly once (its
//!   unique data name occurs in exactly one finalized extrinsic);
//! - the bumped runtime's own migration (`dengji_runtime::upgrade_test`) runs once;
//! - a certificate issued before the upgrade still verifies `Valid` after it, through a proof
//!   bundle of a block on the new runtime.

use dengji_client::{
	council::{self, Closed, Proposal},
	primitives::{DivisionCode, ObjectKind},
	roles, CertificateKey, Client, Policy, Signer, Verdict,
};
use dengji_tests::{
	finality_timeout,
	flow::{basic_info, uscc, Dev, Parties},
	upgrade::{
		spec_version_at, upgrade_stall_limit, upgrade_test_runs, upgrade_wasm, watch_finality,
	},
	Network, PEERING_TIMEOUT,
};
use std::{
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	time::{Duration, Instant},
};

/// One registration transaction is sent every this long, from alternating subjects.
const LOAD_INTERVAL: Duration = Duration::from_millis(1500);
/// Subjects sending the load (each its own account and nonce sequence).
const LOAD_SUBJECTS: u32 = 3;
/// Blocks finalized on the new runtime, under load, before the load stops.
const AFTER_BLOCKS: u32 = 5;
/// Hongta (530402): its operator is Charlie, its certificate key `//Charlie//cert` (`local`).
const HONGTA: u32 = 530402;
/// The council of `local`.
const MEMBERS: [&str; 3] = ["//Alice", "//Bob", "//Charlie"];

fn signer(suri: &str) -> Signer {
	Signer::from_suri(suri).expect("dev key")
}

/// Admits the subject `n` (its own USCC seated in Hongta, account `//LoadSubject<n>`).
async fn admit(client: &Client, n: u32) -> (Signer, dengji_client::primitives::Uscc) {
	let account = signer(&format!("//LoadSubject{n}"));
	let u = uscc(HONGTA, n).expect("uscc");
	let hongta = DivisionCode::new(HONGTA).expect("division");
	client
		.submit(
			&roles::institution::admit_subject(
				u,
				&format!("Hongta Data Co. {n}"),
				hongta,
				&[account.account_id()],
			),
			&signer("//Charlie"),
		)
		.await
		.expect("Charlie admits a subject");
	(account, u)
}

/// The load: one `Registration.apply` every [`LOAD_INTERVAL`] until `stop`, each awaited to
/// finality in its own task; returns (data name, result) of every transaction sent.
fn load(
	client: Client,
	subjects: Vec<(Signer, dengji_client::primitives::Uscc)>,
	stop: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<Vec<(String, Result<u32, String>)>> {
	tokio::spawn(async move {
		let hongta = DivisionCode::new(HONGTA).expect("division");
		let mut sent = Vec::new();
		let mut i = 0usize;
		let mut tick = tokio::time::interval(LOAD_INTERVAL);
		while !stop.load(Ordering::SeqCst) {
			tick.tick().await;
			let (who, u) = subjects[i % subjects.len()].clone();
			let name = format!("upgrade-load transaction {i:04}");
			let call = roles::subject::apply(
				hongta,
				u,
				ObjectKind::DataResource,
				None,
				&basic_info(&name),
			);
			let client = client.clone();
			sent.push((
				name,
				tokio::spawn(async move {
					client
						.submit(&call, &who)
						.await
						.map(|s| s.block.number)
						.map_err(|e| e.to_string())
				}),
			));
			i += 1;
		}
		let mut out = Vec::new();
		for (name, task) in sent {
			out.push((name, task.await.unwrap_or_else(|e| Err(format!("task: {e}")))));
		}
		out
	})
}

#[tokio::test(flavor = "multi_thread")]
async fn council_upgrades_the_network_under_load() {
	let started = Instant::now();
	let next = upgrade_wasm().expect("the next runtime");
	let mut net = Network::start_local().await.expect("start the 4 local validators");
	for node in &net.nodes {
		node.wait_peers(3, PEERING_TIMEOUT).await.expect("validators peer");
	}
	net.nodes[0].wait_finalized(2, finality_timeout(2)).await.expect("the network finalizes");
	// Alice's node drives the flow helpers; the others stay in `net` (dropped at the end).
	let node = net.nodes.remove(0);
	let client = Client::connect(&node.ws_url()).await.expect("SDK");
	let dev = Dev {
		node,
		client: client.clone(),
		latencies: Default::default(),
		last_block: Default::default(),
	};
	let trust = client.reader().trust_root().await.expect("trust root of the fresh chain");

	// Subjects: one for the certificate, LOAD_SUBJECTS for the load.
	let tasks: Vec<_> = (1..=LOAD_SUBJECTS + 1)
		.map(|n| {
			let client = client.clone();
			tokio::spawn(async move { admit(&client, n).await })
		})
		.collect();
	let mut admitted = Vec::new();
	for t in tasks {
		admitted.push(t.await.expect("admit task"));
	}
	let (cert_subject, cert_uscc) = admitted[0].clone();
	let load_subjects = admitted[1..].to_vec();

	// The load starts; a certificate is issued under it, before the upgrade.
	let stop = Arc::new(AtomicBool::new(false));
	let load_from = dev.node.finalized_head().await.expect("head").number;
	let load_task = load(client.clone(), load_subjects, stop.clone());
	let parties = Parties {
		operator: signer("//Charlie"),
		cert_key: CertificateKey::from_suri("//Charlie//cert").expect("cert key"),
		institution: DivisionCode::new(HONGTA).expect("division"),
		subject: cert_subject,
		uscc: cert_uscc,
		objector: signer("//Ferdie"),
	};
	let (registration, code) =
		dev.register_simple(&parties, "certified before the upgrade").await.expect("certificate");
	let before = dev.verify(&code, &trust, &Policy::default(), None).await.expect("verify");
	assert_eq!(before.verdict, Verdict::Valid, "{code} (registration {registration}) before");
	let old_version = spec_version_at(&dev.node, None).await.expect("version");

	// The upgrade: motion → 3 ayes → close → Dave (a validator, no member) applies it.
	let watch = watch_finality(dev.node.ws_url());
	let t0 = Instant::now();
	let alice = signer(MEMBERS[0]);
	let p =
		council::propose(&client, &alice, &council::authorize_upgrade(council::code_hash(&next)))
			.await
			.expect("propose the upgrade");
	assert_eq!((p.threshold, p.members), (3, 3), "3/4 of 3 members: all three");
	let Proposal::Open { index } = p.outcome else { panic!("a 3-ayes motion stays open") };
	let [a, b, c] = MEMBERS.map(signer);
	let (x, y, z) = tokio::join!(
		council::vote(&client, &a, p.hash, index, true),
		council::vote(&client, &b, p.hash, index, true),
		council::vote(&client, &c, p.hash, index, true),
	);
	for v in [x, y, z] {
		v.expect("member votes aye");
	}
	let closed = council::close(&client, &alice, p.hash, index).await.expect("close");
	assert_eq!(closed.outcome, Closed::Executed);
	let applied = council::apply_upgrade(&client, &signer("//Dave"), &next).await.expect("applied");
	assert!(applied.event("System", "CodeUpdated").is_some());
	let upgrade_block = applied.block.number;
	let first_new = dev
		.node
		.poll("a block on the new runtime", finality_timeout(3), || async {
			let best = dev.node.best_block().await?;
			if best.number <= upgrade_block {
				return Ok(None);
			}
			Ok((spec_version_at(&dev.node, Some(best.hash)).await? > old_version).then_some(best))
		})
		.await
		.expect("the chain runs the new runtime");
	let motion_to_new_block = t0.elapsed();
	let new_version = spec_version_at(&dev.node, Some(first_new.hash)).await.expect("version");
	assert_eq!(new_version, old_version + 1);
	println!(
		"upgrade under load: spec_version {old_version} → {new_version}; motion to first block on \
		 the new runtime (#{}) {:.1} s",
		first_new.number,
		motion_to_new_block.as_secs_f64()
	);

	// Under load on the new runtime for AFTER_BLOCKS more finalized blocks, then the load stops.
	let head = dev
		.node
		.wait_finalized(first_new.number + AFTER_BLOCKS, finality_timeout(AFTER_BLOCKS))
		.await
		.expect("finality on the new runtime");
	stop.store(true, Ordering::SeqCst);
	let sent = load_task.await.expect("load task");
	let stall = watch.stop().await.expect("finality watcher");
	let failed: Vec<_> = sent.iter().filter(|(_, r)| r.is_err()).collect();
	assert!(failed.is_empty(), "transactions not finalized: {failed:?}");
	let after = sent.iter().filter(|(_, r)| matches!(r, Ok(b) if *b > upgrade_block)).count();
	assert!(after > 0, "no load transaction was finalized on the new runtime");

	// Exactly once: each data name in exactly one finalized extrinsic from the load's start.
	let end = dev.node.finalized_head().await.expect("head").number;
	let mut extrinsics = Vec::new();
	for n in load_from + 1..=end {
		let hash = dev.node.block_hash(n).await.expect("hash").expect("finalized block");
		extrinsics.extend(dev.node.block_extrinsics(hash).await.expect("block"));
	}
	for (name, result) in &sent {
		let count = extrinsics
			.iter()
			.filter(|x| x.windows(name.len()).any(|w| w == name.as_bytes()))
			.count();
		assert_eq!(count, 1, "{name} ({result:?}) is in {count} finalized extrinsics");
	}

	// The migration ran once: not before, (1, new) at the first new block and still at the end.
	let at_upgrade = dev.node.block_hash(upgrade_block).await.expect("hash").expect("block");
	assert_eq!(upgrade_test_runs(&dev.node, at_upgrade).await.expect("storage"), None);
	assert_eq!(
		upgrade_test_runs(&dev.node, first_new.hash).await.expect("storage"),
		Some((1, new_version))
	);
	let end_hash = dev.node.block_hash(end).await.expect("hash").expect("block");
	assert_eq!(
		upgrade_test_runs(&dev.node, end_hash).await.expect("storage"),
		Some((1, new_version)),
		"the migration ran once"
	);

	// The certificate issued before still verifies Valid, from a block on the new runtime.
	dev.last_block.fetch_max(u64::from(head.number), Ordering::SeqCst);
	let after_v = dev.verify(&code, &trust, &Policy::default(), None).await.expect("verify");
	assert_eq!(after_v.verdict, Verdict::Valid, "{code} after the upgrade");
	assert!(after_v.block_number > upgrade_block);

	println!(
		"upgrade under load: {} registration transactions ({} finalized after the upgrade block \
		 #{upgrade_block}) each finalized exactly once; migration ran once; {code} Valid in #{}; \
		 longest finality stall {:.1} s; test wall time {:.0} s",
		sent.len(),
		after,
		after_v.block_number,
		stall.as_secs_f64(),
		started.elapsed().as_secs_f64()
	);
	// Issue 11 §3: finality never stalls longer than 3 block times during an upgrade (release
	// or production nodes; see `upgrade_stall_limit` for debug nodes).
	let limit = upgrade_stall_limit();
	assert!(stall <= limit, "finality stalled {stall:?} during the upgrade (limit {limit:?})");
}

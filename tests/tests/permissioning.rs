//! The three permissioning layers (docs/spec/DESIGN.md §3): network (allow-listed PeerIds only), transactions
//! (only participants' signed transactions enter the pool) and jurisdiction (an institution acts
//! only within its division).

use dengji_client::{
	primitives::DivisionCode, roles, Arg, Call, CertificateKey, Error as SdkError, Signer,
};
use dengji_tests::{
	finality_timeout,
	flow::{self, Dev, DEV_INSTITUTION, OUTSIDE_DIVISION},
	random_node_key, Network, Node, NodeConfig, PEERING_TIMEOUT, POLL_INTERVAL,
};

/// Blocks the allow-listed network finalizes while the intruder is watched.
const OBSERVED_BLOCKS: u32 = 5;

/// docs/spec/DESIGN.md §3 layer 1: a node whose PeerId is not allow-listed (random node key), given all four
/// validators as bootnodes, gets no peers and no blocks while the network advances.
#[tokio::test(flavor = "multi_thread")]
async fn node_not_allow_listed_gets_no_peers_and_no_blocks() {
	let net = Network::start_local().await.expect("start the 4 local validators");
	net.wait_all_finalized(&[0, 1, 2, 3], 2, finality_timeout(2)).await.expect("network runs");

	let mut cfg = NodeConfig {
		name: "intruder".into(),
		chain: "local".into(),
		validator_seed: None,
		node_key: Some(random_node_key().expect("random key")),
		bootnodes: net.bootnodes(),
		extra_args: Vec::new(),
	};
	cfg.extra_args.extend(["--offchain-worker".to_string(), "always".to_string()]);
	let intruder = Node::start(cfg).await.expect("intruder node starts");

	let start = net.nodes[0].finalized_head().await.expect("head").number;
	let target = start + OBSERVED_BLOCKS;
	let polls = std::sync::atomic::AtomicU32::new(0);
	net.nodes[0]
		.poll(
			"the network to advance while the intruder stays isolated",
			finality_timeout(OBSERVED_BLOCKS),
			|| async {
				polls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
				let health = intruder.health().await?;
				let best = intruder.best_block().await?;
				if health.peers != 0 || best.number != 0 {
					intruder.mark_failed();
					anyhow::bail!(
						"not allow-listed node got {} peers and best block #{}",
						health.peers,
						best.number
					);
				}
				let head = net.nodes[0].finalized_head().await?;
				Ok((head.number >= target).then_some(head))
			},
		)
		.await
		.expect("intruder isolated while the network finalized more blocks");
	assert!(
		polls.into_inner() > 1,
		"intruder observed over several polls ({POLL_INTERVAL:?} apart)"
	);
	// The allow-listed validators still see each other. A connection may drop for a moment on a loaded
	// machine (libp2p then redials the reserved peer), so each node gets PEERING_TIMEOUT to be back at 3;
	// more than 3 would mean the intruder got in.
	for node in &net.nodes {
		let peers = node
			.wait_peers(3, PEERING_TIMEOUT)
			.await
			.unwrap_or_else(|e| panic!("{} lost its allow-listed peers: {e:#}", node.name()));
		assert_eq!(peers, 3, "{} has a peer that is not allow-listed", node.name());
	}
}

/// docs/spec/DESIGN.md §3 layer 2: a signed transaction from an account that is not an active participant
/// is refused by the transaction pool (the submission RPC errors; nothing is included), while the
/// same call signed by a participant enters the pool and is finalized.
#[tokio::test(flavor = "multi_thread")]
async fn transaction_from_non_participant_is_rejected_at_pool() {
	let dev = Dev::start("pool").await.expect("dev node");
	let remark = Call::new("System", "remark", vec![Arg::scale(&b"dengji".to_vec())]);

	let stranger = Signer::from_suri("//NotAParticipant").expect("key");
	match dev.submit_err(&remark, &stranger).await.expect("must fail") {
		SdkError::NotParticipant { account, pool } => {
			assert_eq!(account, stranger.account_id(), "the refusal names the signer");
			eprintln!("permissioning: pool refused the stranger: {pool}")
		}
		other => panic!("expected a pool rejection naming a non-participant, got {other}"),
	}

	let operator = Signer::from_suri(flow::DEV_OPERATOR).expect("key");
	dev.submit(&remark, &operator).await.expect("a participant's transaction is finalized");
}

/// docs/spec/DESIGN.md §5 (jurisdiction), YX-R §7: an institution acts only within its division and only on
/// applications filed with it. Refusals are the pallets' typed dispatch errors.
#[tokio::test(flavor = "multi_thread")]
async fn institution_acting_outside_jurisdiction_is_refused() {
	let dev = Dev::start("jurisdiction").await.expect("dev node");
	let p = dev.parties(1).await.expect("parties");
	let kunming = DivisionCode::new(OUTSIDE_DIVISION).expect("division");

	// Yuxi's operator cannot admit a subject seated in Kunming.
	let outside = flow::uscc(OUTSIDE_DIVISION, 2).expect("uscc");
	let e = dev
		.submit_err(
			&roles::institution::admit_subject(outside, "Kunming Data Co.", kunming, &[[7u8; 32]]),
			&p.operator,
		)
		.await
		.expect("must fail");
	assert_eq!(e.dispatch_error(), Some(("Institutions", "OutsideJurisdiction")), "{e}");

	// A second institution (Kunming, operated by //Bob) cannot act on Yuxi's application.
	let key = CertificateKey::from_suri("//Bob//cert").expect("key");
	dev.as_authority(&roles::authority::register_institution(kunming, "Kunming", key.public()))
		.await
		.expect("Kunming registered");
	let bob = Signer::from_suri("//Bob").expect("key");
	dev.as_authority(&roles::authority::add_operator(kunming, bob.account_id()))
		.await
		.expect("Bob operates Kunming");
	let submitted = dev
		.submit(
			&roles::subject::apply(
				DivisionCode::new(DEV_INSTITUTION).expect("division"),
				p.uscc,
				dengji_client::primitives::ObjectKind::DataResource,
				None,
				&flow::basic_info("Yuxi air quality"),
			),
			&p.subject,
		)
		.await
		.expect("application filed with Yuxi");
	let application =
		flow::event_u64(&submitted, "Registration", "ApplicationSubmitted", "application")
			.expect("id");
	let e =
		dev.submit_err(&roles::institution::accept(application), &bob).await.expect("must fail");
	assert_eq!(e.dispatch_error(), Some(("Registration", "NotOperator")), "{e}");

	// A Yuxi subject cannot file with Kunming, outside its seat's jurisdiction.
	let e = dev
		.submit_err(
			&roles::subject::apply(
				kunming,
				p.uscc,
				dengji_client::primitives::ObjectKind::DataResource,
				None,
				&flow::basic_info("Yuxi traffic"),
			),
			&p.subject,
		)
		.await
		.expect("must fail");
	assert_eq!(e.dispatch_error(), Some(("Registration", "OutsideJurisdiction")), "{e}");

	// Yuxi's own operator accepts it.
	dev.submit(&roles::institution::accept(application), &p.operator)
		.await
		.expect("the responsible institution accepts");
}

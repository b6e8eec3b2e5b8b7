//! The SDK under load (issue 15 §7): an institution's operator account submits many transactions
//! at once through one client. The SDK keeps the account's nonces itself (no two submissions
//! share one), submits again what the pool dropped and follows inclusion through the finalized
//! chain, so every submission is finalized exactly once (docs/spec/DESIGN.md §3: Aura + GRANDPA;
//! `CheckParticipant` lets one account have at most 32 transactions per block, so 1 000 of them
//! take at least 32 blocks).

use anyhow::{anyhow, bail, Context, Result};
use dengji_client::{Arg, Call, Client, ConnectOptions, Signer};
use dengji_tests::{
	finality_timeout,
	flow::{Dev, DEV_OPERATOR},
	RPC_UP_TIMEOUT,
};
use std::{
	collections::BTreeMap,
	time::{Duration, Instant},
};

/// Transactions submitted at once by the one signer.
const TRANSACTIONS: usize = 1_000;
/// `MaxTransactionsPerBlock` of `CheckParticipant` on the dev chain.
const PER_BLOCK: usize = 32;
/// Slot duration of the dev chain.
const BLOCK_TIME: Duration = Duration::from_secs(3);

/// The remark of submission `i`: a marker found exactly once in the chain if `i` is included once.
fn marker(i: usize) -> Vec<u8> {
	format!("<sdk-load {i:05}>").into_bytes()
}

/// The submission numbers whose markers `extrinsic` holds.
fn markers_in(extrinsic: &[u8]) -> Vec<usize> {
	const PREFIX: &[u8] = b"<sdk-load ";
	let mut out = Vec::new();
	for (at, w) in extrinsic.windows(PREFIX.len()).enumerate() {
		if w == PREFIX {
			let digits = extrinsic.get(at + PREFIX.len()..at + PREFIX.len() + 6);
			if let Some(d) = digits.filter(|d| d[5] == b'>') {
				if let Some(i) = std::str::from_utf8(&d[..5]).ok().and_then(|t| t.parse().ok()) {
					out.push(i);
				}
			}
		}
	}
	out
}

/// Issue 15 §7: 1 000 `System.remark`s from ONE signer, submitted concurrently through one SDK
/// client, are all reported finalized, and every one of them is in the finalized chain exactly
/// once (counted in the finalized blocks' bodies, not from the client's answers); the signer's
/// finalized nonce moved by exactly 1 000.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_signer_submits_a_thousand_transactions_concurrently_each_finalized_once() -> Result<()>
{
	let dev = Dev::start("sdk-load").await.context("dev node")?;
	let signer = Signer::from_suri(DEV_OPERATOR)?;
	// A client with the default options: the SDK's own in-flight limit and time limits.
	let client = tokio::time::timeout(
		RPC_UP_TIMEOUT,
		Client::connect_with(&dev.node.ws_url(), ConnectOptions::default()),
	)
	.await
	.map_err(|_| anyhow!("SDK connect timed out"))??;
	let start = dev.node.finalized_head().await?;
	let nonce_before = dev.client.reader().rpc().account_next_index(&signer.account_id()).await?;

	let t = Instant::now();
	let mut handles = Vec::new();
	for i in 0..TRANSACTIONS {
		let (client, signer) = (client.clone(), signer.clone());
		handles.push(tokio::spawn(async move {
			let call = Call::new("System", "remark", vec![Arg::scale(&marker(i))]);
			client.submit(&call, &signer).await
		}));
	}
	// Bound: 1 000 / 32 per block = 32 blocks, plus finality, slack for a loaded machine.
	let limit = BLOCK_TIME * (TRANSACTIONS / PER_BLOCK) as u32 * 4 + finality_timeout(2);
	let mut reported = BTreeMap::new();
	let mut failures = Vec::new();
	for (i, h) in handles.into_iter().enumerate() {
		let left = limit.saturating_sub(t.elapsed());
		match tokio::time::timeout(left, h).await {
			Err(_) => bail!("submissions not finished within {limit:?}"),
			Ok(joined) => match joined? {
				Ok(s) => {
					reported.insert(i, s.block.number);
				}
				Err(e) => failures.push(format!("#{i}: {e}")),
			},
		}
	}
	let elapsed = t.elapsed();
	if !failures.is_empty() {
		dev.node.mark_failed();
		bail!("{} of {TRANSACTIONS} submissions failed, first: {}", failures.len(), failures[0]);
	}
	let last = reported.values().copied().max().unwrap_or(start.number);
	eprintln!(
		"sdk_load: {TRANSACTIONS} transactions from one signer finalized in {:.1} s (blocks #{}..=#{last})",
		elapsed.as_secs_f64(),
		start.number + 1
	);

	// Count in the finalized chain: every marker exactly once.
	let head = dev.node.wait_finalized(last, finality_timeout(2)).await?;
	let mut seen = vec![0usize; TRANSACTIONS];
	let mut per_block = Vec::new();
	for number in start.number + 1..=head.number {
		let hash =
			dev.node.block_hash(number).await?.ok_or_else(|| anyhow!("no finalized #{number}"))?;
		let mut in_block = 0;
		for xt in dev.node.block_extrinsics(hash).await? {
			for i in markers_in(&xt).into_iter().filter(|i| *i < TRANSACTIONS) {
				seen[i] += 1;
				in_block += 1;
			}
		}
		per_block.push(in_block);
	}
	let missing: Vec<usize> = (0..TRANSACTIONS).filter(|i| seen[*i] == 0).collect();
	let twice: Vec<usize> = (0..TRANSACTIONS).filter(|i| seen[*i] > 1).collect();
	assert!(missing.is_empty(), "not in the finalized chain: {missing:?}");
	assert!(twice.is_empty(), "in the finalized chain more than once: {twice:?}");
	assert!(
		per_block.iter().all(|n| *n <= PER_BLOCK),
		"more than {PER_BLOCK} of the signer's transactions in one block: {per_block:?}"
	);
	// Each submission's reported block holds it.
	for (i, number) in &reported {
		let hash = dev.node.block_hash(*number).await?.ok_or_else(|| anyhow!("#{number}"))?;
		let xts = dev.node.block_extrinsics(hash).await?;
		assert_eq!(
			xts.iter().flat_map(|x| markers_in(x)).filter(|m| m == i).count(),
			1,
			"submission {i} reported in block #{number}, which does not hold it"
		);
	}
	let nonce_after = dev.client.reader().rpc().account_next_index(&signer.account_id()).await?;
	assert_eq!(
		nonce_after - nonce_before,
		TRANSACTIONS as u64,
		"the signer's nonce moved by one per transaction"
	);
	Ok(())
}

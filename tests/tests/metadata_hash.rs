//! Issue 11 §5 "Turn on metadata-hash so hardware wallets can check what they sign": the runtime
//! wasm is built with its RFC-0078 metadata hash (runtime feature `metadata-hash`, on by default),
//! so a transaction may enable `CheckMetadataHash`. Its signed payload then commits to the hash
//! that the signer computed from the metadata it decoded the call with; the runtime adds its own
//! hash to the payload it checks, so a transaction signed against other metadata is a bad proof.
//!
//! One dev node: the SDK computes the hash from the node's metadata (`merkleized-metadata`, as the
//! wasm builder does) and signs `System.remark`s with mode `Enabled`: accepted and finalized; the
//! same signed with a wrong hash is refused at the pool as a bad signature and changes nothing.

use anyhow::{anyhow, ensure, Context, Result};
use dengji_client::{
	subxt::ext::codec::{Compact, Decode},
	Arg, Call, Signer,
};
use dengji_tests::{
	finality_timeout,
	flow::{Dev, DEV_OPERATOR},
	Node,
};
use subxt_rpcs::client::rpc_params;

/// The `CheckMetadataHash` mode byte of a v4 signed extrinsic of this runtime: after the length,
/// the version byte, the `MultiAddress::Id`, the `MultiSignature`, the era and the nonce (the
/// other extensions before it carry no value).
fn metadata_hash_mode(extrinsic: &[u8]) -> Result<u8> {
	let mut input = extrinsic;
	Compact::<u32>::decode(&mut input)?;
	let take = |input: &mut &[u8], n: usize| -> Result<()> {
		ensure!(input.len() >= n, "extrinsic too short");
		*input = &input[n..];
		Ok(())
	};
	ensure!(input.first() == Some(&0x84), "not a v4 signed extrinsic");
	take(&mut input, 1)?;
	ensure!(input.first() == Some(&0x00), "address is not MultiAddress::Id");
	take(&mut input, 33)?;
	let signature_len = match input.first() {
		Some(0 | 1) => 64,
		Some(2) => 65,
		other => return Err(anyhow!("unknown signature variant {other:?}")),
	};
	take(&mut input, 1 + signature_len)?;
	ensure!(input.first() == Some(&0x00), "era is not immortal");
	take(&mut input, 1)?;
	Compact::<u64>::decode(&mut input)?;
	input.first().copied().ok_or_else(|| anyhow!("no CheckMetadataHash mode"))
}

/// Whether a finalized block from `from` to the head contains an extrinsic that carries `marker`.
async fn chain_contains(node: &Node, from: u32, marker: &[u8]) -> Result<bool> {
	let head = node.finalized_head().await?.number;
	for n in from..=head {
		let hash = node.block_hash(n).await?.with_context(|| format!("block #{n}"))?;
		if node
			.block_extrinsics(hash)
			.await?
			.iter()
			.any(|x| x.windows(marker.len()).any(|w| w == marker))
		{
			return Ok(true);
		}
	}
	Ok(false)
}

#[tokio::test(flavor = "multi_thread")]
async fn transactions_signed_with_the_metadata_hash_are_accepted_and_a_wrong_hash_is_a_bad_proof() {
	let dev = Dev::start("metadata-hash").await.expect("dev node");
	let node = &dev.node;
	let signer = Signer::from_suri(DEV_OPERATOR).expect("dev operator");
	let client = dev.client.clone();
	let hash = client.metadata_hash().await.expect("metadata hash from the node's metadata");
	println!("metadata hash of the dev runtime: {}", dengji_client::rpc::to_hex(&hash));
	let remark =
		|text: &str| Call::new("System", "remark", vec![Arg::scale(&text.as_bytes().to_vec())]);
	let nonce = || async {
		node.rpc::<u64>("system_accountNextIndex", rpc_params![signer.ss58()])
			.await
			.expect("account nonce")
	};

	// 1. Signed offline with mode `Enabled` and the hash: the node includes exactly these bytes.
	let n0 = nonce().await;
	let offline = client.offline_signer().await.expect("offline signer").with_metadata_hash(hash);
	let good = offline.sign(&remark("<metadata-hash ok>"), &signer, n0).expect("signs");
	assert_eq!(metadata_hash_mode(&good.bytes).expect("decodes"), 1, "mode Enabled");
	let disabled = client.offline_signer().await.expect("offline signer");
	assert_eq!(disabled.metadata_hash(), None);
	let plain = disabled.sign(&remark("<plain>"), &signer, n0).expect("signs");
	assert_eq!(metadata_hash_mode(&plain.bytes).expect("decodes"), 0, "subxt signs Disabled");
	let from = node.finalized_head().await.expect("head").number;
	let submitted: String = node
		.rpc("author_submitExtrinsic", rpc_params![dengji_client::rpc::to_hex(&good.bytes)])
		.await
		.expect("the pool accepts the transaction signed with the metadata hash");
	assert_eq!(submitted, dengji_client::rpc::to_hex(&good.hash));
	node.poll("the Enabled-mode remark in a finalized block", finality_timeout(3), || async {
		Ok(chain_contains(node, from, b"<metadata-hash ok>").await?.then_some(()))
	})
	.await
	.expect("the Enabled-mode transaction is finalized");

	// 2. The same with a wrong hash: a bad proof at the pool, nothing changes.
	let n1 = nonce().await;
	assert_eq!(n1, n0 + 1);
	let mut wrong = hash;
	wrong[0] ^= 1;
	let bad = client
		.offline_signer()
		.await
		.expect("offline signer")
		.with_metadata_hash(wrong)
		.sign(&remark("<metadata-hash wrong>"), &signer, n1)
		.expect("signs");
	assert_eq!(metadata_hash_mode(&bad.bytes).expect("decodes"), 1);
	let from = node.finalized_head().await.expect("head").number;
	let refused = node
		.rpc::<String>(
			"author_submitExtrinsic",
			rpc_params![dengji_client::rpc::to_hex(&bad.bytes)],
		)
		.await
		.expect_err("a wrong metadata hash is refused");
	let user = refused
		.downcast_ref::<subxt_rpcs::Error>()
		.and_then(|e| match e {
			subxt_rpcs::Error::User(u) => Some(u),
			_ => None,
		})
		.unwrap_or_else(|| panic!("not a JSON-RPC error: {refused:#}"));
	let words = format!("{} {:?}", user.message, user.data);
	assert_eq!(user.code, 1010, "invalid transaction: {words}");
	assert!(words.contains("bad signature"), "refused as a bad proof: {words}");
	node.wait_finalized(from + 2, finality_timeout(2)).await.expect("two more blocks");
	assert_eq!(nonce().await, n1, "the refused transaction used no nonce");
	assert!(
		!chain_contains(node, from, b"<metadata-hash wrong>").await.expect("blocks"),
		"the refused remark is in no block"
	);

	// 3. The client option: every transaction of this client enables the hash.
	let with_hash = client.clone().with_metadata_hash(true);
	let s = with_hash.submit(&remark("<metadata-hash client>"), &signer).await.expect("finalized");
	let extrinsics = node.block_extrinsics(s.block.hash).await.expect("block");
	let included = &extrinsics[s.extrinsic_index as usize];
	assert_eq!(
		metadata_hash_mode(included).expect("decodes"),
		1,
		"the client signed with mode Enabled"
	);
	assert_eq!(with_hash.metadata_hash().await.expect("cached hash"), hash);
}

//! Council governance and forkless runtime upgrades on a real `dengji-node --dev` (issue 11 §1,
//! §3): the province data authority council (Alice, Eve, Ferdie: three members set by Sudo, so
//! the upgrade threshold 3/4 needs all three and the authority threshold 2/3 two) authorises new
//! runtime code by motion; anyone applies it with `System::apply_authorized_upgrade`; the node
//! runs the new `spec_version` and keeps finalizing. Refusals: a motion below the upgrade
//! threshold executes with an origin `Governance` refuses, a non-member's vote, a second vote and
//! an early close are refused, and so are unauthorised bytes, authorised random bytes and a
//! blob whose `spec_version` does not increase (the chain's own code).
//!
//! The new runtime is the same runtime built with the `spec-version-bump` feature
//! (`spec_version` + 1, nothing else differs), built once before the test:
//!
//! ```text
//! cargo build -p dengji-runtime --features spec-version-bump
//! cp $CARGO_TARGET_DIR/debug/wbuild/dengji-runtime/dengji_runtime.wasm \
//!    $CARGO_TARGET_DIR/dengji-upgrade/dengji_runtime_next.wasm
//! touch runtime/src/lib.rs   # the bump build overwrote the shared wbuild wasm: rebuild spec N
//! cargo build -p dengji-node
//! ```
//!
//! (The wasm builder writes every feature set's runtime to the same
//! `$CARGO_TARGET_DIR/debug/wbuild/dengji-runtime/dengji_runtime.wasm`, which the native runtime
//! crate includes; without the touch, the next node build could embed the bumped wasm.)
//!
//! `DENGJI_UPGRADE_WASM` overrides the path. It must come from the same sources as the node's
//! runtime (the test checks its spec name and that its `spec_version` is the node's + 1 by
//! applying it).

use dengji_client::{
	council::{self, Closed, Proposal},
	primitives::DivisionCode,
	roles, Arg, Call, Client, Error as SdkError, Signer,
};
use dengji_tests::{
	finality_timeout,
	flow::Dev,
	upgrade::{upgrade_stall_limit, watch_finality},
};
use std::time::Instant;
use subxt_rpcs::client::rpc_params;

const MEMBERS: [&str; 3] = ["//Alice", "//Eve", "//Ferdie"];

fn signer(suri: &str) -> Signer {
	Signer::from_suri(suri).expect("dev key")
}

fn upgrade_wasm() -> Vec<u8> {
	dengji_tests::upgrade::upgrade_wasm()
		.unwrap_or_else(|e| panic!("{e:#} (see the module docs of tests/tests/governance.rs)"))
}

async fn spec_version(dev: &Dev) -> u32 {
	dengji_tests::upgrade::spec_version_at(&dev.node, None).await.expect("runtime version")
}

async fn spec_version_at(dev: &Dev, hash: [u8; 32]) -> u32 {
	dengji_tests::upgrade::spec_version_at(&dev.node, Some(hash)).await.expect("runtime version")
}

/// `System::AuthorizedUpgrade` is empty (no pending authorisation).
async fn nothing_authorised(dev: &Dev) -> bool {
	let key = dengji_client::keys::item_prefix("System", "AuthorizedUpgrade");
	let v: Option<String> = dev
		.node
		.rpc("state_getStorage", rpc_params![dengji_client::rpc::to_hex(&key)])
		.await
		.expect("storage");
	v.is_none()
}

/// All three members vote aye, concurrently.
async fn all_aye(client: &Client, hash: [u8; 32], index: u32) {
	let [a, e, f] = MEMBERS.map(signer);
	let (a, e, f) = tokio::join!(
		council::vote(client, &a, hash, index, true),
		council::vote(client, &e, hash, index, true),
		council::vote(client, &f, hash, index, true),
	);
	for v in [a, e, f] {
		v.expect("member votes aye");
	}
}

fn from_hex(s: &str) -> Vec<u8> {
	let s = s.trim_start_matches("0x");
	(0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
}

/// A motion of `Governance::authorize_upgrade(hash(code))` carried by all members.
async fn authorise(client: &Client, code: &[u8]) {
	let alice = signer(MEMBERS[0]);
	let p = council::propose(client, &alice, &council::authorize_upgrade(council::code_hash(code)))
		.await
		.expect("propose the upgrade");
	assert_eq!((p.threshold, p.members), (3, 3), "3/4 of 3 members: all three");
	let Proposal::Open { index } = p.outcome else { panic!("a 3-ayes motion stays open") };
	all_aye(client, p.hash, index).await;
	let c = council::close(client, &alice, p.hash, index).await.expect("close");
	assert_eq!(c.outcome, Closed::Executed);
}

fn dispatch_error(e: &SdkError) -> (&str, &str) {
	match e {
		SdkError::Dispatch { pallet, error, .. } => (pallet, error),
		other => panic!("expected a dispatch error, got {other}"),
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn council_upgrades_the_runtime_without_sudo() {
	let next = upgrade_wasm();
	let dev = Dev::start("governance").await.expect("dev node");
	let client = &dev.client;
	let alice = signer("//Alice");

	// Council: Alice, Eve, Ferdie (registered participants of the dev genesis, so they can
	// transact). Bob becomes an operator of Yuxi: a participant who is not a member.
	let members: Vec<[u8; 32]> = MEMBERS.iter().map(|m| signer(m).account_id()).collect();
	dev.as_authority(&Call::new("CouncilMembership", "reset_members", vec![Arg::scale(&members)]))
		.await
		.expect("sudo sets the council");
	let bob = signer("//Bob");
	let yuxi = DivisionCode::new(530400).expect("division");
	dev.as_authority(&roles::authority::add_operator(yuxi, bob.account_id()))
		.await
		.expect("Bob becomes a participant");
	let t = council::thresholds(client).await.expect("thresholds from metadata");
	assert_eq!((t.authority, t.upgrade), ((2, 3), (3, 4)));
	assert_eq!(council::members(client).await.expect("members").len(), 3);

	// Unauthorised bytes are refused and change nothing.
	let e = council::apply_upgrade(client, &bob, b"not a runtime").await.expect_err("refused");
	assert_eq!(dispatch_error(&e), ("System", "NothingAuthorized"));

	// Below the upgrade threshold: a motion proposed for 2 ayes (the authority's 2/3 of 3)
	// executes with a 2-of-3 council origin, which `Governance` (3/4) refuses: nothing changes.
	let low = council::authorize_upgrade(council::code_hash(&next));
	let data = client.call_data(&low).await.expect("call data");
	let hash = council::proposal_hash(&data);
	let s = client.submit(&roles::authority::propose(2, data), &alice).await.expect("propose");
	let index = s
		.event("Council", "Proposed")
		.and_then(|e| e.field("proposal_index"))
		.and_then(|v| v.as_u64())
		.expect("motion index") as u32;
	let listed = council::motions(client).await.expect("motions");
	let m = listed.iter().find(|m| m.index == index).expect("the motion is listed");
	let call = m.call.as_ref().expect("decoded call");
	assert_eq!(
		(call.pallet.as_str(), call.name.as_str(), m.threshold),
		("Governance", "authorize_upgrade", 2)
	);
	// A non-member's vote, a second vote, an early close: refused.
	let e = council::vote(client, &bob, hash, index, true).await.expect_err("non-member");
	assert_eq!(dispatch_error(&e), ("Council", "NotMember"));
	council::vote(client, &alice, hash, index, true).await.expect("Alice votes");
	let e = council::vote(client, &alice, hash, index, true).await.expect_err("second vote");
	assert_eq!(dispatch_error(&e), ("Council", "DuplicateVote"));
	let e = council::close(client, &alice, hash, index).await.expect_err("too early");
	assert_eq!(dispatch_error(&e), ("Council", "TooEarly"));
	council::vote(client, &signer("//Eve"), hash, index, true).await.expect("Eve votes");
	let e = council::close(client, &alice, hash, index).await.expect_err("executed, refused");
	assert_eq!(dispatch_error(&e), ("System", "BadOrigin"));
	assert!(nothing_authorised(&dev).await, "a motion below 3/4 authorised nothing");

	// Authorised random bytes: refused by frame_system's version check, authorisation spent.
	let junk = vec![0x42u8; 1024];
	authorise(client, &junk).await;
	assert!(!nothing_authorised(&dev).await);
	let e = council::apply_upgrade(client, &bob, &junk).await.expect_err("random bytes");
	assert_eq!(dispatch_error(&e), ("System", "FailedToExtractRuntimeVersion"));
	assert!(nothing_authorised(&dev).await);

	// The chain's own code: `spec_version` does not increase.
	let code: String =
		dev.node.rpc("state_getStorage", rpc_params!["0x3a636f6465"]).await.expect(":code");
	let current = from_hex(&code);
	authorise(client, &current).await;
	let e = council::apply_upgrade(client, &bob, &current).await.expect_err("same version");
	assert_eq!(dispatch_error(&e), ("System", "SpecVersionNeedsToIncrease"));
	let old_version = spec_version(&dev).await;

	// The upgrade: motion → 3 ayes → close → Bob (a participant, not a member) applies it.
	let watcher = watch_finality(dev.node.ws_url());
	let t0 = Instant::now();
	let p =
		council::propose(client, &alice, &council::authorize_upgrade(council::code_hash(&next)))
			.await
			.expect("propose the upgrade");
	let Proposal::Open { index } = p.outcome else { panic!("open motion") };
	all_aye(client, p.hash, index).await;
	council::close(client, &alice, p.hash, index).await.expect("close: authorised");
	let applied = council::apply_upgrade(client, &bob, &next).await.expect("applied");
	assert!(applied.event("System", "CodeUpdated").is_some());
	let upgrade_block = applied.block.number;
	// First block on the new runtime: the block after the one that set the code.
	let first_new = dev
		.node
		.poll("a block on the new runtime", finality_timeout(3), || async {
			let best = dev.node.best_block().await?;
			if best.number <= upgrade_block {
				return Ok(None);
			}
			Ok((spec_version_at(&dev, best.hash).await > old_version).then_some(best))
		})
		.await
		.expect("the chain runs the new runtime");
	let motion_to_new_block = t0.elapsed();
	let new_version = spec_version_at(&dev, first_new.hash).await;
	assert_eq!(new_version, old_version + 1, "spec_version bumped by the upgrade build");
	println!(
		"runtime upgrade: spec_version {old_version} → {new_version}; motion to first block on the \
		 new runtime (#{}) {:.1} s",
		first_new.number,
		motion_to_new_block.as_secs_f64()
	);

	// Finality continues on the new runtime, and new transactions (signed for the new
	// spec_version by a fresh client) are finalized.
	let before = Instant::now();
	let head =
		dev.node.wait_finalized(first_new.number + 3, finality_timeout(3)).await.expect("finality");
	assert_eq!(spec_version_at(&dev, head.hash).await, new_version);
	let fresh = Client::connect(&dev.node.ws_url()).await.expect("reconnect");
	let remark = Call::new("System", "remark", vec![Arg::scale(&b"after the upgrade".to_vec())]);
	let s = fresh.submit(&remark, &bob).await.expect("a transaction on the new runtime");
	assert!(s.block.number > upgrade_block);
	println!(
		"after the upgrade: #{} finalized on the new runtime; a transaction signed for spec_version \
		 {new_version} finalized in #{}; {:.1} s after the first new block",
		head.number,
		s.block.number,
		before.elapsed().as_secs_f64()
	);
	assert!(council::motions(&fresh).await.expect("motions").is_empty());
	let stall = watcher.stop().await.expect("finality watcher connects");
	println!(
		"longest finality stall from the motion to after the upgrade: {:.1} s",
		stall.as_secs_f64()
	);
	// Issue 11 §3: finality never stalls longer than 3 block times during an upgrade (release
	// or production nodes; see `upgrade_stall_limit` for debug nodes).
	let limit = upgrade_stall_limit();
	assert!(stall <= limit, "finality stalled {stall:?} during the upgrade (limit {limit:?})");
}

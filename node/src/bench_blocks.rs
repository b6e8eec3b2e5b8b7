//! `dengji-node bench-blocks`: appends N blocks to a chain in its database, one per past slot,
//! so that a long chain exists to sync from (issue 15 §4, `scripts/bench-sync.sh`).
//!
//! Each block is built by the runtime like any other (`BlockBuilder`: the timestamp and slot
//! inherents, every pallet's hooks, the registration pallet's `on_idle` sweep) for the slot after
//! its parent's, sealed with the Aura key of the chain's only authority and imported; signed
//! transactions given with `--include` (say `bench-spec --issue-out`) go into the first blocks.
//! GRANDPA finalizes the blocks once a voter runs on the database (none are finalized here: a
//! client finalized ahead of its voter's rounds stalls the voter).
//! A syncing node verifies them as it verifies any block: the Aura seal and slot, and the state
//! root by executing the block. The slots lie in the past (the last one before the present), so a
//! node started on the database afterwards authors on from the present slot; the genesis clock
//! must be old enough (`dengji-node bench-spec --hours-ago`).

use crate::service::FullClient;
use dengji_runtime::opaque::Block;
use sc_block_builder::BlockBuilderBuilder;
use sc_client_api::{HeaderBackend, StorageProvider};
use sc_consensus::{
	BlockImport, BlockImportParams, ForkChoiceStrategy, ImportResult, StateAction, StorageChanges,
};
use sp_api::ProvideRuntimeApi;
use sp_consensus_aura::{
	digests::CompatibleDigestItem,
	sr25519::{AuthorityId, AuthoritySignature},
	AuraApi, Slot,
};
use sp_core::{sr25519, Pair};
use sp_inherents::InherentDataProvider;
use sp_runtime::{generic::Digest, traits::Block as BlockT, DigestItem};
use std::{
	sync::Arc,
	time::{Instant, SystemTime, UNIX_EPOCH},
};

/// `dengji-node bench-blocks --count N --chain SPEC --base-path DIR`.
#[derive(Debug, clap::Parser)]
pub struct BenchBlocksCmd {
	/// Blocks to append to the best block.
	#[arg(long, value_name = "N")]
	pub count: u32,

	/// Signed transactions (hex, one per line, e.g. `bench-spec --issue-out`) to put in the
	/// first blocks, as many in each as it takes: a failing one stops the command.
	#[arg(long, value_name = "FILE")]
	pub include: Option<std::path::PathBuf>,

	/// Secret URI of the chain's only Aura authority, which seals the blocks.
	#[arg(long, value_name = "SURI", default_value = "//Alice")]
	pub authority: String,

	#[allow(missing_docs)]
	#[command(flatten)]
	pub shared_params: sc_cli::SharedParams,

	#[allow(missing_docs)]
	#[command(flatten)]
	pub database_params: sc_cli::DatabaseParams,
}

impl sc_cli::CliConfiguration for BenchBlocksCmd {
	fn shared_params(&self) -> &sc_cli::SharedParams {
		&self.shared_params
	}

	fn database_params(&self) -> Option<&sc_cli::DatabaseParams> {
		Some(&self.database_params)
	}
}

fn err(what: &str, e: impl std::fmt::Display) -> sc_cli::Error {
	sc_cli::Error::Input(format!("bench-blocks: {what}: {e}"))
}

impl BenchBlocksCmd {
	/// Builds, seals and imports the blocks; prints `BENCH_BLOCKS_JSON {…}`.
	pub async fn run(&self, client: Arc<FullClient>) -> sc_cli::Result<()> {
		let pair = sr25519::Pair::from_string(&self.authority, None)
			.map_err(|e| err("--authority", format!("{e:?}")))?;
		let info = client.info();
		let (mut parent, mut number) = (info.best_hash, info.best_number);
		let authorities =
			client.runtime_api().authorities(parent).map_err(|e| err("Aura authorities", e))?;
		if authorities != vec![AuthorityId::from(pair.public())] {
			return Err(err(
				"--authority",
				"the chain must have exactly this one Aura authority (a `bench-spec --chain dev` spec)",
			));
		}
		let slot_ms = client.runtime_api().slot_duration(parent).map_err(|e| err("slot", e))?;
		let slot_ms = slot_ms.as_millis();
		let header = client
			.header(parent)
			.map_err(|e| err("best header", e))?
			.ok_or_else(|| err("best header", "missing"))?;
		let parent_slot = if number == 0 {
			0
		} else {
			*sc_consensus_aura::find_pre_digest::<Block, AuthoritySignature>(&header)
				.map_err(|e| err("parent slot", e))?
		};
		// The runtime's clock (`Timestamp::Now`): a block's timestamp must be later.
		let now_key = frame_support::storage::storage_prefix(b"Timestamp", b"Now");
		let clock_ms = client
			.storage(parent, &sp_core::storage::StorageKey(now_key.to_vec()))
			.map_err(|e| err("Timestamp::Now", e))?
			.map(|v| <u64 as codec::Decode>::decode(&mut &v.0[..]))
			.transpose()
			.map_err(|e| err("Timestamp::Now", e))?
			.unwrap_or(0);
		if self.count == 0 {
			return Err(err("--count", "at least one block"));
		}
		let first = parent_slot.max(clock_ms / slot_ms) + 1;
		let last = first + u64::from(self.count) - 1;
		let now_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|e| err("clock", e))?;
		let now_slot = now_ms.as_millis() as u64 / slot_ms;
		if last >= now_slot {
			return Err(err(
				"--count",
				format!(
					"{} blocks from slot {first} would end {} slots in the future: the head or the \
					 genesis clock is too recent (bench-spec --hours-ago)",
					self.count,
					last + 1 - now_slot
				),
			));
		}
		log::info!(
			"bench-blocks: appending {} blocks to #{number}, slots {first}..={last} ({} h ago to {} s ago)",
			self.count,
			(now_slot - first) * slot_ms / 3_600_000,
			(now_slot - last) * slot_ms / 1000
		);
		let mut queue = std::collections::VecDeque::new();
		if let Some(path) = &self.include {
			let text = std::fs::read_to_string(path).map_err(|e| err("--include", e))?;
			for (i, line) in text.lines().map(str::trim).enumerate().filter(|(_, l)| !l.is_empty())
			{
				let bytes = sp_core::bytes::from_hex(line)
					.map_err(|e| err("--include", format!("line {}: {e:?}", i + 1)))?;
				let xt = <<Block as BlockT>::Extrinsic as codec::Decode>::decode(&mut &bytes[..])
					.map_err(|e| err("--include", format!("line {}: {e}", i + 1)))?;
				queue.push_back((i + 1, xt));
			}
		}
		let included = queue.len();
		let started = Instant::now();
		let mut extrinsics = 0usize;
		for slot in first..=last {
			let slot = Slot::from(slot);
			let inherents = (
				sp_consensus_aura::inherents::InherentDataProvider::new(slot),
				sp_timestamp::InherentDataProvider::new(sp_timestamp::Timestamp::new(
					*slot * slot_ms,
				)),
			);
			let data = inherents.create_inherent_data().await.map_err(|e| err("inherents", e))?;
			let digest = Digest {
				logs: vec![
					<DigestItem as CompatibleDigestItem<AuthoritySignature>>::aura_pre_digest(slot),
				],
			};
			let mut builder = BlockBuilderBuilder::new(&*client)
				.on_parent_block(parent)
				.with_parent_block_number(number)
				.with_inherent_digests(digest)
				.build()
				.map_err(|e| err("block builder", e))?;
			for xt in builder.create_inherents(data).map_err(|e| err("inherents", e))? {
				builder.push(xt).map_err(|e| err("inherent", e))?;
			}
			// Included transactions until one no longer fits (it opens the next block).
			while let Some((line, xt)) = queue.pop_front() {
				match builder.push(xt.clone()) {
					Ok(()) => {}
					Err(sp_blockchain::Error::ApplyExtrinsicFailed(
						sp_blockchain::ApplyExtrinsicFailed::Validity(e),
					)) if e.exhausted_resources() => {
						queue.push_front((line, xt));
						break;
					}
					Err(e) => return Err(err("--include", format!("line {line}: {e}"))),
				}
			}
			let (block, changes) = builder.build().map_err(|e| err("build", e))?.into_inner();
			let (header, body) = block.deconstruct();
			extrinsics += body.len();
			let signature = AuthoritySignature::from(pair.sign(header.hash().as_ref()));
			let mut params = BlockImportParams::new(sp_consensus::BlockOrigin::Own, header);
			params.post_digests.push(
				<DigestItem as CompatibleDigestItem<AuthoritySignature>>::aura_seal(signature),
			);
			params.body = Some(body);
			params.state_action = StateAction::ApplyChanges(StorageChanges::Changes(changes));
			params.fork_choice = Some(ForkChoiceStrategy::LongestChain);
			params.finalized = false;
			let hash: <Block as BlockT>::Hash = params.post_hash();
			match client.import_block(params).await.map_err(|e| err("import", e))? {
				ImportResult::Imported(_) => {}
				other => return Err(err("import", format!("#{} {other:?}", number + 1))),
			}
			parent = hash;
			number += 1;
			if number % 10_000 == 0 {
				log::info!(
					"bench-blocks: #{number}, {:.0} blocks/s",
					f64::from(number - info.best_number) / started.elapsed().as_secs_f64()
				);
			}
		}
		if !queue.is_empty() {
			return Err(err("--include", format!("{} transactions did not fit", queue.len())));
		}
		let secs = started.elapsed().as_secs_f64();
		println!(
			"BENCH_BLOCKS_JSON {{\"from\":{},\"to\":{number},\"best_hash\":\"{parent:?}\",\
			 \"first_slot\":{first},\"last_slot\":{last},\"extrinsics\":{extrinsics},\"included\":{included},\
			 \"secs\":{secs:.1},\"blocks_per_sec\":{:.1}}}",
			info.best_number,
			f64::from(self.count) / secs
		);
		Ok(())
	}
}

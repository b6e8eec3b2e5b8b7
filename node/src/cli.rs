//! Command line: the standard Substrate node flags plus the usual maintenance subcommands.

/// Subcommands besides running the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate and inspect keys, insert session keys, derive a node's PeerId
	/// (`key inspect-node-key`).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (deprecated upstream in favour of `export-chain-spec`).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export a chain specification (`--chain dev|local|<path>`, `--raw`).
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Build a production chain spec (real days, no Sudo, no development keys) from the
	/// network file the data authority and the institutions agree on (`docs/operations.md`).
	ProductionSpec(crate::production::ProductionSpecCmd),

	/// Write a benchmark chain spec whose genesis holds N registrations with certificates made
	/// by the pallets' own calls (issue 15 §3; `scripts/bench-db.sh`).
	BenchSpec(crate::bench_genesis::BenchSpecCmd),

	/// Append N sealed blocks in past slots to a one-authority chain's database, to sync from
	/// (issue 15 §4; `scripts/bench-sync.sh`); GRANDPA finalizes them once the node runs.
	BenchBlocks(crate::bench_blocks::BenchBlocksCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Database meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Runtime benchmarks: `benchmark pallet` (pallet weights, `scripts/gen-weights.sh`),
	/// `benchmark storage` (database weights), `benchmark overhead` (block and transaction base
	/// weights), `benchmark machine`. Only in builds with `--features runtime-benchmarks`.
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),
}

/// `dengji-node` command line.
#[derive(Debug, clap::Parser)]
#[command(
	propagate_version = true,
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true
)]
pub struct Cli {
	/// Subcommand; runs the node when absent.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Node flags (`--dev`, `--chain`, `--base-path`, `--validator`, `--alice`, …).
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// GRANDPA gossip duration in milliseconds: the voter's round timers (prevote after 2×,
	/// precommit after 4× when votes are missing) scale with it. Liveness only: finality still
	/// needs the precommits of 2/3 of the validators (docs/performance.md "Finality latency").
	#[arg(long, value_name = "MS", default_value_t = crate::service::GRANDPA_GOSSIP_MS)]
	pub grandpa_gossip_ms: u64,

	/// Run as an edge node (issue 11 §7, docs/operations.md "Light clients and edge nodes"): a
	/// full node, allow-listed by the institutions, that keeps its `--bootnodes` (the validators)
	/// as reserved peers, accepts light clients (`--in-peers-light` slots) but no other full
	/// nodes, runs no offchain worker and serves only safe RPC. Not with `--validator`. A
	/// development chain (`--dev`) serves light clients this way without the flag.
	#[arg(long)]
	pub edge: bool,
}

//! `dengji-node`: the Aura + GRANDPA full node of the Dengji registration ledger.
#![warn(missing_docs)]
// `sc_cli::Error` and `sc_service::Error` are upstream types; every node entry point returns them.
#![allow(clippy::result_large_err)]

mod bench_blocks;
mod bench_genesis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod production;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}

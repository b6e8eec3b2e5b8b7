//! `dengji-node`: the Aura + GRANDPA full node of the Dengji registration ledger.
#![warn(missing_docs)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}

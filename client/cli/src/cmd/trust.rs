//! `dengji trust …`: trust roots (genesis hash + GRANDPA authority set). `from-spec` computes the
//! trust root at genesis offline from the raw chain spec the data authority publishes (no trust on
//! first use); `export` takes the current one from a node one trusts. Both write format version 2
//! with the chain's name (docs/national-crypto.md, "Trust roots").

use super::{read, read_file, write_file, Ctx};
use crate::{
	args::Node,
	error::Result,
	output::{serialize_via, Outcome, Output},
};
use clap::Subcommand;
use dengji_client::{rpc::to_hex, TrustRoot};
use dengji_verify::genesis::{self, StateVersion};
use serde_json::Value;
use std::{fmt, path::PathBuf};

/// `dengji trust …`.
#[derive(Subcommand, Debug)]
pub enum TrustCmd {
	/// Export the node's current trust root (genesis hash, GRANDPA authorities, set id) as JSON.
	Export {
		/// Node.
		#[command(flatten)]
		node: Node,
		/// Output file (default: stdout).
		#[arg(long, short = 'o')]
		output: Option<PathBuf>,
	},
	/// Compute the trust root at genesis OFFLINE from the chain's raw chain spec
	/// (`dengji-node build-spec --chain … --raw`): genesis hash (state root of the genesis storage
	/// → genesis header) and the initial GRANDPA authority set (set 0).
	FromSpec {
		/// The raw chain spec (JSON) the data authority publishes.
		spec: PathBuf,
		/// Trie state version (0 or 1). Default: read from the runtime code in the spec.
		#[arg(long, value_parser = clap::value_parser!(u8).range(0..=1))]
		state_version: Option<u8>,
		/// Output file (default: stdout).
		#[arg(long, short = 'o')]
		output: Option<PathBuf>,
	},
}

impl TrustCmd {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx) -> Result<Output> {
		match self {
			TrustCmd::Export { node, output } => {
				let client = read(&node.url, ctx).await?;
				let root = client.trust_root().await?;
				if let Some(out) = &output {
					write_file(out, root.to_json().as_bytes())?;
					ctx.say(format!("trust root written to {}", out.display()));
				}
				Output::of(&TrustExported { root, to_file: output.is_some() })
			}
			TrustCmd::FromSpec { spec, state_version, output } => {
				let json = read_file("chain spec", &spec)?;
				let json = String::from_utf8_lossy(&json);
				let g = genesis::from_raw_spec(
					&json,
					state_version.map(StateVersion::from_system_version),
				)
				.map_err(|e| crate::error::CliError::BadFile {
					what: "raw chain spec",
					path: spec.clone(),
					source: Box::new(e),
				})?;
				ctx.say(format!(
					"chain {} ({}): genesis state root {} ({:?})",
					g.name,
					g.id,
					to_hex(&g.state_root),
					g.state_version
				));
				let root = g.trust_root();
				root.validate()?;
				if let Some(out) = &output {
					write_file(out, root.to_json().as_bytes())?;
					ctx.say(format!("trust root written to {}", out.display()));
				}
				Output::of(&TrustExported { root, to_file: output.is_some() })
			}
		}
	}
}

/// An exported trust root: its JSON, printed in full unless it went to a file.
pub struct TrustExported {
	root: TrustRoot,
	to_file: bool,
}

impl TrustExported {
	fn value(&self) -> Value {
		serde_json::from_str(&self.root.to_json()).unwrap_or(Value::Null)
	}
}
serialize_via!(TrustExported, value);

impl fmt::Display for TrustExported {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		if self.to_file {
			write!(
				f,
				"trust root of {}: genesis {}, authority set {} ({} authorities)",
				self.root.chain.as_deref().unwrap_or("an unnamed chain"),
				to_hex(&self.root.genesis_hash),
				self.root.set_id,
				self.root.authorities.len()
			)
		} else {
			f.write_str(&self.root.to_json())
		}
	}
}

impl Outcome for TrustExported {}

//! `dengji trust …`: trust roots (genesis hash + GRANDPA authority set), exported once from
//! nodes one trusts and handed to offline verifiers.

use super::{read, write_file, Ctx};
use crate::{
	args::Node,
	error::Result,
	output::{serialize_via, Outcome, Output},
};
use clap::Subcommand;
use dengji_client::{rpc::to_hex, TrustRoot};
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
				"trust root: genesis {}, authority set {} ({} authorities)",
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

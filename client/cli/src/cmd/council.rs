//! 数据主管部门委员会 — the province data authority council (issue 11 §1, §3): motions carrying
//! data-authority calls with the runtime's fixed threshold, votes, closing, the open motions,
//! and forkless runtime upgrades (`Governance::authorize_upgrade` by motion, then
//! `System::apply_authorized_upgrade`).

use super::{
	authority::{self, AuthorityCmd, AuthorityReport, MotionInfo},
	connect, read_file, Ctx,
};
use crate::{
	args::Tx,
	error::{CliError, Result},
	output::Outcome,
};
use clap::Subcommand;
use dengji_client::{
	council::{self, Closed, Closing, Motion},
	rpc::to_hex,
	Submitted,
};
use serde::Serialize;
use std::{fmt, path::PathBuf};

/// 委员会动议 Council motions and runtime upgrades.
#[derive(Subcommand, Debug)]
pub enum CouncilCmd {
	/// 提出动议 Propose a motion carrying a data-authority call (threshold fixed by the runtime).
	#[command(subcommand)]
	Propose(ProposeCmd),
	/// 投票 Vote on an open motion.
	Vote {
		/// Node and signer (a council member).
		#[command(flatten)]
		tx: Tx,
		/// Motion hash (0x…, from `council propose` or `council motions`).
		#[arg(value_parser = parse_hash)]
		hash: [u8; 32],
		/// Motion index.
		index: u32,
		/// 赞成 Vote aye.
		#[arg(long, conflicts_with = "nay", required_unless_present = "nay")]
		aye: bool,
		/// 反对 Vote nay.
		#[arg(long)]
		nay: bool,
	},
	/// 结束动议 Close a motion: executes it if approved, drops it otherwise.
	Close {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Motion hash.
		#[arg(value_parser = parse_hash)]
		hash: [u8; 32],
		/// Motion index.
		index: u32,
	},
	/// 未决动议 List the open motions with their calls, votes, threshold and end.
	Motions {
		/// Node connection.
		#[command(flatten)]
		node: crate::args::Node,
	},
	/// 运行时升级 Propose a runtime upgrade to WASM (3/4 of the council); applies it at once if the
	/// motion executes, or with `--apply` after the motion has passed.
	Upgrade {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The runtime wasm (`dengji_runtime.compact.compressed.wasm` or plain wasm).
		wasm: PathBuf,
		/// Only apply already authorised code (`System::apply_authorized_upgrade`).
		#[arg(long)]
		apply: bool,
	},
}

/// What a motion carries.
#[derive(Subcommand, Debug)]
pub enum ProposeCmd {
	/// A data-authority call (the `dengji authority …` commands).
	#[command(flatten)]
	Authority(AuthorityCmd),
	/// 已编码调用 An already encoded call (`--call-data 0x…`, e.g. from polkadot.js).
	Raw {
		/// Node and signer (a council member).
		#[command(flatten)]
		tx: Tx,
		/// SCALE-encoded `RuntimeCall`, 0x hex.
		#[arg(long = "call-data", value_parser = parse_call_data)]
		call_data: CallData,
	},
}

/// SCALE bytes of a call given as hex (a newtype: clap reads a bare `Vec<u8>` as many values).
#[derive(Clone, Debug)]
pub struct CallData(pub Vec<u8>);

fn parse_call_data(s: &str) -> std::result::Result<CallData, String> {
	parse_hex(s).map(CallData)
}

fn parse_hex(s: &str) -> std::result::Result<Vec<u8>, String> {
	hex::decode(s.trim().trim_start_matches("0x")).map_err(|e| format!("not hex: {e}"))
}

fn parse_hash(s: &str) -> std::result::Result<[u8; 32], String> {
	parse_hex(s)?.try_into().map_err(|_| "a motion hash is 32 bytes (0x + 64 hex digits)".into())
}

/// The result of a council command.
#[derive(Serialize)]
#[serde(untagged)]
pub enum CouncilOutcome {
	/// `propose`: the motion as every `--via council` command reports it.
	Proposed(AuthorityReport),
	/// `vote`.
	Voted {
		/// Motion hash.
		#[serde(with = "dengji_client::rpc::hex_bytes32")]
		hash: [u8; 32],
		/// Motion index.
		index: u32,
		/// Aye or nay.
		approve: bool,
		/// The transaction.
		submitted: Submitted,
	},
	/// `close`.
	Closed(Closing),
	/// `motions`.
	Motions {
		/// Open motions by index.
		motions: Vec<Motion>,
	},
	/// `upgrade`.
	Upgrade {
		/// BLAKE2-256 of the code.
		#[serde(with = "dengji_client::rpc::hex_bytes32")]
		code_hash: [u8; 32],
		/// The motion, unless `--apply`.
		motion: Option<MotionInfo>,
		/// Its `Council.propose` transaction.
		proposed: Option<Submitted>,
		/// The applying transaction, when applied.
		applied: Option<Submitted>,
	},
}

impl Outcome for CouncilOutcome {}

impl fmt::Display for CouncilOutcome {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			CouncilOutcome::Proposed(r) => write!(f, "{r}"),
			CouncilOutcome::Voted { hash, index, approve, submitted } => write!(
				f,
				"已投票 voted {} on motion {index} ({}) in block #{}",
				if *approve { "赞成 aye" } else { "反对 nay" },
				to_hex(hash),
				submitted.block.number
			),
			CouncilOutcome::Closed(c) => write!(
				f,
				"{} (block #{}; bounds: weight {}/{}, length {})",
				match c.outcome {
					Closed::Executed => "动议已通过并执行 motion approved and executed",
					Closed::Disapproved => "动议未通过，已撤销 motion not approved, removed",
				},
				c.submitted.block.number,
				c.weight_bound.0,
				c.weight_bound.1,
				c.length_bound
			),
			CouncilOutcome::Motions { motions } => {
				if motions.is_empty() {
					return write!(f, "无未决动议 no open motions");
				}
				for (i, m) in motions.iter().enumerate() {
					if i > 0 {
						writeln!(f)?;
					}
					let call = m.call.as_ref().map_or_else(
						|| "?".to_string(),
						|c| format!("{}.{}({})", c.pallet, c.name, c.args),
					);
					write!(
						f,
						"#{} {} {call}\n   赞成 ayes {}/{} {:?}  反对 nays {} {:?}  截止 ends at block #{}",
						m.index,
						to_hex(&m.hash),
						m.ayes.len(),
						m.threshold,
						m.ayes,
						m.nays.len(),
						m.nays,
						m.end
					)?;
				}
				Ok(())
			}
			CouncilOutcome::Upgrade { code_hash, motion, proposed, applied } => {
				if let Some(m) = motion {
					writeln!(f, "{m}")?;
				}
				if let Some(p) = proposed {
					writeln!(f, "{} finalized in block #{}", p.call, p.block.number)?;
				}
				match applied {
					Some(s) => write!(
						f,
						"运行时已升级 runtime upgraded: code {} applied in block #{}",
						to_hex(code_hash),
						s.block.number
					),
					None => write!(
						f,
						"待委员会通过后执行 once the motion has passed: dengji council upgrade --apply <WASM> \
						 (code {})",
						to_hex(code_hash)
					),
				}
			}
		}
	}
}

impl CouncilCmd {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx) -> Result<CouncilOutcome> {
		match self {
			CouncilCmd::Propose(ProposeCmd::Authority(cmd)) => {
				let (tx, call) = cmd.into_call()?;
				Ok(CouncilOutcome::Proposed(authority::propose(&tx, &call, ctx).await?))
			}
			CouncilCmd::Propose(ProposeCmd::Raw { tx, call_data }) => {
				let (client, signer) = (connect(&tx.node.url, ctx).await?, tx.signer()?);
				let pb = ctx.spinner(format!("proposing the call as {}…", signer.ss58()));
				let p = council::propose_call_data(&client, &signer, call_data.0).await;
				pb.finish_and_clear();
				Ok(CouncilOutcome::Proposed(AuthorityReport::motion(p?)))
			}
			CouncilCmd::Vote { tx, hash, index, aye, nay } => {
				let approve = aye && !nay;
				let (client, signer) = (connect(&tx.node.url, ctx).await?, tx.signer()?);
				let pb = ctx.spinner(format!("voting on motion {index} as {}…", signer.ss58()));
				let s = council::vote(&client, &signer, hash, index, approve).await;
				pb.finish_and_clear();
				Ok(CouncilOutcome::Voted { hash, index, approve, submitted: s? })
			}
			CouncilCmd::Close { tx, hash, index } => {
				let (client, signer) = (connect(&tx.node.url, ctx).await?, tx.signer()?);
				let pb = ctx.spinner(format!("closing motion {index}…"));
				let c = council::close(&client, &signer, hash, index).await;
				pb.finish_and_clear();
				Ok(CouncilOutcome::Closed(c?))
			}
			CouncilCmd::Motions { node } => {
				let client = connect(&node.url, ctx).await?;
				Ok(CouncilOutcome::Motions { motions: council::motions(&client).await? })
			}
			CouncilCmd::Upgrade { tx, wasm, apply } => {
				let code = read_file("runtime wasm", &wasm)?;
				if code.is_empty() {
					return Err(CliError::usage(
						"运行时文件为空",
						"the runtime wasm file is empty",
					));
				}
				let (client, signer) = (connect(&tx.node.url, ctx).await?, tx.signer()?);
				let code_hash = council::code_hash(&code);
				if apply {
					let pb = ctx.spinner("applying the authorised runtime…");
					let s = council::apply_upgrade(&client, &signer, &code).await;
					pb.finish_and_clear();
					return Ok(CouncilOutcome::Upgrade {
						code_hash,
						motion: None,
						proposed: None,
						applied: Some(s?),
					});
				}
				let pb = ctx.spinner(format!("proposing the upgrade to {}…", to_hex(&code_hash)));
				let u = council::upgrade(&client, &signer, &code).await;
				pb.finish_and_clear();
				let u = u?;
				Ok(CouncilOutcome::Upgrade {
					code_hash: u.code_hash,
					motion: Some((&u.motion).into()),
					proposed: Some(u.motion.submitted),
					applied: u.applied,
				})
			}
		}
	}
}

#[cfg(test)]
mod tests {
	use crate::args::{Cli, Command};
	use clap::Parser;

	fn parse(args: &[&str]) -> super::CouncilCmd {
		let cli = Cli::try_parse_from(args).expect("parses");
		let Command::Council(c) = cli.command else { panic!("council") };
		c
	}

	#[test]
	fn raw_call_data_is_one_hex_value() {
		let c = parse(&[
			"dengji",
			"council",
			"propose",
			"raw",
			"--call-data",
			"0x0600",
			"--suri",
			"//Alice",
		]);
		let super::CouncilCmd::Propose(super::ProposeCmd::Raw { call_data, .. }) = c else {
			panic!("raw")
		};
		assert_eq!(call_data.0, vec![6, 0]);
	}

	#[test]
	fn vote_needs_aye_or_nay_and_a_32_byte_hash() {
		let hash = format!("0x{}", "ab".repeat(32));
		let c = parse(&["dengji", "council", "vote", &hash, "3", "--nay", "--suri", "//Alice"]);
		let super::CouncilCmd::Vote { index, aye, nay, .. } = c else { panic!("vote") };
		assert_eq!((index, aye, nay), (3, false, true));
		assert!(Cli::try_parse_from(["dengji", "council", "vote", &hash, "3", "--suri", "//A"])
			.is_err());
		assert!(Cli::try_parse_from([
			"dengji", "council", "vote", "0x00", "3", "--aye", "--suri", "//A"
		])
		.is_err());
	}

	#[test]
	fn propose_takes_the_authority_subcommands() {
		let c = parse(&["dengji", "council", "propose", "suspend", "530400", "--suri", "//Alice"]);
		let super::CouncilCmd::Propose(super::ProposeCmd::Authority(a)) = c else {
			panic!("authority")
		};
		assert_eq!(a.into_call().unwrap().1.label(), "Institutions.suspend_institution");
	}

	#[test]
	fn authority_commands_take_via_before_or_after_the_call() {
		use crate::cmd::authority::Via;
		for args in [
			&["dengji", "authority", "--via", "council", "suspend", "530400", "--suri", "//A"][..],
			&["dengji", "authority", "suspend", "530400", "--via", "council", "--suri", "//A"][..],
		] {
			let Command::Authority(a) = Cli::try_parse_from(args).expect("parses").command else {
				panic!("authority")
			};
			assert_eq!(a.via, Some(Via::Council));
		}
		let Command::Authority(a) =
			Cli::try_parse_from(["dengji", "authority", "reinstate", "530400", "--suri", "//A"])
				.expect("parses")
				.command
		else {
			panic!("authority")
		};
		assert_eq!(a.via, None, "default: chosen from the chain's Sudo key");
		assert!(Cli::try_parse_from(["dengji", "authority", "--via", "x", "suspend", "530400"])
			.is_err());
	}
}

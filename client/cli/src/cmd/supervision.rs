//! 监督管理 Supervision (issue 10 rules 13a, 13b): complaints about registration institutions'
//! registration acts (投诉举报, YX-R §25(二)) — lodged, referred, decided — and the third-party
//! service institutions (第三方专业服务机构, YX-R §11, §28) the data authority registers.
//!
//! `dengji complaint lodge|refer|decide|list`, `dengji service-institution
//! register|suspend|reinstate|remove|list`. A call is signed directly (`--via direct`, the
//! default: a real-name participant lodging a complaint, or a city or county data authority
//! account), or, for the province data authority, carried by a council motion (`--via
//! council`) or `Sudo::sudo` (`--via sudo`, dev chains). The lists read the finalized state:
//! records one by one, never counts or other statistics (YX-R §24).

use super::{
	authority::{dispatch, AuthorityReport, Via},
	connect, Ctx,
};
use crate::{
	args::{Node, Tx},
	error::{CliError, Result},
	output::Outcome,
	parse,
};
use clap::{Subcommand, ValueEnum};
use dengji_client::{
	query::{ComplaintView, ServiceInstitutionView},
	roles::authority::{self as calls, ComplaintReferral, ServiceMisconduct},
};
use dengji_primitives::{Digest, DivisionCode, Moment, Uscc};
use serde::Serialize;
use std::fmt;

/// `--outcome` of `complaint decide`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutcomeArg {
	/// 成立 Upheld: stays listed against the institution for its supervision.
	Upheld,
	/// 不成立 Dismissed.
	Dismissed,
}

/// `dengji complaint …` (投诉举报, YX-R §25(二)).
#[derive(Subcommand, Debug)]
pub enum ComplaintCmd {
	/// 投诉 Lodge a complaint about an institution's registration acts (a real-name participant),
	/// or record one received off chain (a data authority). Only its digest goes on chain.
	Lodge {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// 途径 direct (default), council or sudo (province authority).
		#[arg(long, value_enum, default_value_t = Via::Direct)]
		via: Via,
		/// The institution complained about (division code).
		#[arg(long, value_parser = parse::division)]
		institution: DivisionCode,
		/// The complaint's content: `@FILE`, `0x` + 64 hex digits, or text (its BLAKE2-256).
		#[arg(long, value_parser = parse::digest)]
		content: Digest,
	},
	/// 转送 Refer a complaint to the institution or a competent department (data authority).
	Refer {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// 途径 direct (default: a city or county authority), council or sudo.
		#[arg(long, value_enum, default_value_t = Via::Direct)]
		via: Via,
		/// Complaint number.
		id: u32,
		/// Where to.
		#[arg(long, value_enum)]
		to: ComplaintReferral,
	},
	/// 处理 Decide a complaint: upheld or dismissed, with the written decision's digest (final).
	Decide {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// 途径 direct (default: a city or county authority), council or sudo.
		#[arg(long, value_enum, default_value_t = Via::Direct)]
		via: Via,
		/// Complaint number.
		id: u32,
		/// Upheld or dismissed.
		#[arg(long, value_enum)]
		outcome: OutcomeArg,
		/// The written decision: `@FILE`, `0x` + 64 hex digits, or text.
		#[arg(long, value_parser = parse::digest)]
		decision: Digest,
	},
	/// 列表 The complaints, one by one (optionally about one institution); no counts (YX-R §24).
	List {
		/// Node connection.
		#[command(flatten)]
		node: Node,
		/// Only those about this institution.
		#[arg(long, value_parser = parse::division)]
		institution: Option<DivisionCode>,
	},
}

/// `dengji service-institution …` (第三方专业服务机构, YX-R §11, §28).
#[derive(Subcommand, Debug)]
pub enum ServiceInstitutionCmd {
	/// 登记服务机构 Register a third-party service institution with the accounts it acts through
	/// (province or city data authority).
	Register {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// 途径 direct (default: a city authority), council or sudo (province authority).
		#[arg(long, value_enum, default_value_t = Via::Direct)]
		via: Via,
		/// Its USCC.
		#[arg(long, value_parser = parse::uscc)]
		uscc: Uscc,
		/// Its name.
		#[arg(long)]
		name: String,
		/// An account it acts through (repeat): SS58, 0x hex or a secret URI.
		#[arg(long = "account", value_parser = parse::account, required = true)]
		accounts: Vec<[u8; 32]>,
	},
	/// 暂停 Suspend it (YX-R §28 ground if for misconduct): its agents' powers of attorney are
	/// inert while suspended.
	Suspend {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// 途径 direct (default: the registering city authority), council or sudo.
		#[arg(long, value_enum, default_value_t = Via::Direct)]
		via: Via,
		/// Its USCC.
		#[arg(long, value_parser = parse::uscc)]
		uscc: Uscc,
		/// The YX-R §28 ground.
		#[arg(long, value_enum)]
		ground: Option<ServiceMisconduct>,
		/// The written decision: `@FILE`, `0x` + 64 hex digits, or text.
		#[arg(long, value_parser = parse::digest)]
		decision: Digest,
	},
	/// 恢复 Reinstate a suspended service institution.
	Reinstate {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// 途径 direct (default: the registering city authority), council or sudo.
		#[arg(long, value_enum, default_value_t = Via::Direct)]
		via: Via,
		/// Its USCC.
		#[arg(long, value_parser = parse::uscc)]
		uscc: Uscc,
	},
	/// 移除 Remove it (final; YX-R §28 ground if for misconduct).
	Remove {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// 途径 direct (default: the registering city authority), council or sudo.
		#[arg(long, value_enum, default_value_t = Via::Direct)]
		via: Via,
		/// Its USCC.
		#[arg(long, value_parser = parse::uscc)]
		uscc: Uscc,
		/// The YX-R §28 ground.
		#[arg(long, value_enum)]
		ground: Option<ServiceMisconduct>,
		/// The written decision: `@FILE`, `0x` + 64 hex digits, or text.
		#[arg(long, value_parser = parse::digest)]
		decision: Digest,
	},
	/// 列表 The registered service institutions, one by one.
	List {
		/// Node connection.
		#[command(flatten)]
		node: Node,
	},
}

/// What a supervision command did: a transaction, or a list.
#[derive(Serialize)]
#[serde(untagged)]
pub enum SupervisionOutcome {
	/// The submitted transaction and, `--via council`, the motion (index, hash, threshold,
	/// voting end) as every authority command reports it.
	Tx(AuthorityReport),
	/// `complaint list`.
	Complaints(Vec<ComplaintView>),
	/// `service-institution list`.
	ServiceInstitutions(Vec<ServiceInstitutionView>),
}

impl Outcome for SupervisionOutcome {}

impl fmt::Display for SupervisionOutcome {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Tx(t) => write!(f, "{t}"),
			Self::Complaints(list) if list.is_empty() => writeln!(f, "无投诉 no complaints"),
			Self::Complaints(list) => {
				list.iter().try_for_each(|c| write_complaint(f, c).and_then(|()| writeln!(f)))
			}
			Self::ServiceInstitutions(list) if list.is_empty() => {
				writeln!(f, "无第三方服务机构 no service institutions")
			}
			Self::ServiceInstitutions(list) => list
				.iter()
				.try_for_each(|s| write_service_institution(f, s).and_then(|()| writeln!(f))),
		}
	}
}

impl ComplaintCmd {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx) -> Result<SupervisionOutcome> {
		let (tx, via, call) = match self {
			Self::Lodge { tx, via, institution, content } => {
				(tx, via, calls::lodge_complaint(institution, content))
			}
			Self::Refer { tx, via, id, to } => (tx, via, calls::refer_complaint(id, to)),
			Self::Decide { tx, via, id, outcome, decision } => {
				(tx, via, calls::decide_complaint(id, outcome == OutcomeArg::Upheld, decision))
			}
			Self::List { node, institution } => {
				let mut list =
					connect(&node.url, ctx).await?.snapshot().await?.complaints().await?;
				list.retain(|c| institution.is_none_or(|d| d.get() == c.institution));
				return Ok(SupervisionOutcome::Complaints(list));
			}
		};
		Ok(SupervisionOutcome::Tx(dispatch(&tx, via, call, ctx).await?))
	}
}

impl ServiceInstitutionCmd {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx) -> Result<SupervisionOutcome> {
		let (tx, via, call) = match self {
			Self::Register { tx, via, uscc, name, accounts } => {
				check_name(&name)?;
				(tx, via, calls::register_service_institution(uscc, &name, &accounts))
			}
			Self::Suspend { tx, via, uscc, ground, decision } => {
				(tx, via, calls::suspend_service_institution(uscc, ground, decision))
			}
			Self::Reinstate { tx, via, uscc } => {
				(tx, via, calls::reinstate_service_institution(uscc))
			}
			Self::Remove { tx, via, uscc, ground, decision } => {
				(tx, via, calls::remove_service_institution(uscc, ground, decision))
			}
			Self::List { node } => {
				let client = connect(&node.url, ctx).await?;
				let list = client.snapshot().await?.service_institutions().await?;
				return Ok(SupervisionOutcome::ServiceInstitutions(list));
			}
		};
		Ok(SupervisionOutcome::Tx(dispatch(&tx, via, call, ctx).await?))
	}
}

fn time(ms: Moment) -> String {
	dengji_verify::report::fmt_time(ms)
}

/// One complaint as listed.
fn write_complaint(f: &mut fmt::Formatter<'_>, c: &ComplaintView) -> fmt::Result {
	let zh = match c.status.as_str() {
		"received" => "已收到",
		"referred" => "已转送",
		"upheld" => "成立",
		_ => "不成立",
	};
	write!(
		f,
		"投诉 complaint #{} 机构 institution {} — {zh} {} — 收到 received {}",
		c.id,
		c.institution,
		c.status,
		time(c.received_at)
	)?;
	if let (Some(to), Some(at)) = (&c.referred_to, c.referred_at) {
		write!(f, "; 转送 referred to {to} {}", time(at))?;
	}
	if let Some(at) = c.decided_at {
		write!(f, "; 处理 decided {}", time(at))?;
	}
	Ok(())
}

/// One service institution as listed.
fn write_service_institution(
	f: &mut fmt::Formatter<'_>,
	s: &ServiceInstitutionView,
) -> fmt::Result {
	let zh = match s.status.as_str() {
		"active" => "正常",
		"suspended" => "暂停",
		_ => "已移除",
	};
	write!(
		f,
		"第三方服务机构 service institution {} {} — {zh} {} — 账户 accounts {}",
		s.uscc,
		s.name,
		s.status,
		s.accounts.join(", ")
	)?;
	if let Some(g) = &s.ground {
		write!(f, " — 依据 ground {g} (YX-R §28)")?;
	}
	Ok(())
}

/// Refuses an empty name before anything is signed.
fn check_name(name: &str) -> Result<()> {
	if name.trim().is_empty() {
		return Err(CliError::usage("名称为空", "--name is empty"));
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	/// YX-R §25: a complaint lists with its steps and times (decoded by name in the SDK:
	/// `dengji_client::query` test `a_complaint_decodes_each_step_by_name_yx_r_25`).
	#[test]
	fn complaint_lists_each_step_yx_r_25() {
		let c = ComplaintView {
			id: 3,
			institution: 530402,
			lodged_as: "real-name".into(),
			by: None,
			content: "0x07".into(),
			received_at: 1000,
			status: "upheld".into(),
			referred_to: Some("industry-regulator".into()),
			referred_at: Some(2000),
			referred_by: None,
			decided_at: Some(3000),
			decided_by: None,
			decision: Some("0x09".into()),
		};
		let text = SupervisionOutcome::Complaints(vec![c]).to_string();
		assert!(text.contains("投诉 complaint #3 机构 institution 530402"), "{text}");
		assert!(text.contains("成立 upheld"), "{text}");
		assert!(text.contains("转送 referred to industry-regulator"), "{text}");
		assert!(text.contains("处理 decided"), "{text}");
		assert!(SupervisionOutcome::Complaints(vec![]).to_string().contains("no complaints"));
	}

	/// YX-R §28: a service institution lists with its status and ground (decoded by name in the
	/// SDK: `a_service_institution_decodes_status_and_ground_yx_r_28`).
	#[test]
	fn service_institution_lists_status_and_ground_yx_r_28() {
		let s = ServiceInstitutionView {
			uscc: "91530402MA6K00001X".into(),
			name: "服务".into(),
			accounts: vec!["5Gr".into()],
			status: "suspended".into(),
			authority: Some(530400),
			registered_at: 5,
			ground: Some("misleading-statement".into()),
			decision: Some("0x04".into()),
			decided_at: Some(6),
		};
		let text = SupervisionOutcome::ServiceInstitutions(vec![s]).to_string();
		assert!(text.contains("91530402MA6K00001X 服务 — 暂停 suspended"), "{text}");
		assert!(text.contains("misleading-statement (YX-R §28)"), "{text}");
	}

	#[test]
	fn referral_and_misconduct_args_parse_to_the_sdk_variants() {
		use crate::args::{Cli, Command};
		use clap::Parser;
		let parse = |args: &[&str]| {
			let argv = ["dengji"].iter().chain(args).chain(&["--suri", "//Alice"]);
			Cli::try_parse_from(argv).map(|c| c.command)
		};
		for (arg, want) in [
			("institution", ComplaintReferral::Institution),
			("government-services", ComplaintReferral::GovernmentServices),
			("industry-regulator", ComplaintReferral::IndustryRegulator),
		] {
			let Ok(Command::Complaint(ComplaintCmd::Refer { to, .. })) =
				parse(&["complaint", "refer", "3", "--to", arg])
			else {
				panic!("complaint refer --to {arg}")
			};
			assert_eq!(to, want);
		}
		let check = Uscc::check_character(b"91530402MA6K00001").unwrap();
		let uscc = format!("91530402MA6K00001{}", char::from(check));
		let Ok(Command::ServiceInstitution(ServiceInstitutionCmd::Remove { ground, .. })) =
			parse(&[
				"service-institution",
				"remove",
				"--uscc",
				&uscc,
				"--ground",
				"false-record",
				"--decision",
				"d",
			])
		else {
			panic!("service-institution remove")
		};
		assert_eq!(ground.map(|g| g.variant_name()), Some("FalseRecord"));
		assert!(parse(&["complaint", "refer", "3", "--to", "court"]).is_err());
	}
}

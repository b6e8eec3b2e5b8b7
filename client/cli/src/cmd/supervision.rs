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

use super::{connect, sudo, Ctx};
use crate::{
	args::{Node, Tx},
	error::{CliError, Result},
	output::{Outcome, TxReport},
	parse,
};
use clap::{Subcommand, ValueEnum};
use codec::{Decode, DecodeAll};
use dengji_client::{
	account_to_ss58, council,
	roles::authority::{self as calls, ComplaintReferral, ServiceMisconduct},
	rpc::to_hex,
	subxt, Call, Client, Error as SdkError,
};
use dengji_primitives::{Digest, DivisionCode, Moment, Uscc};
use serde::Serialize;
use std::fmt;

/// How a supervision call reaches the chain.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Via {
	/// 直接签名 Signed by the account itself: a real-name participant, or a city or county data
	/// authority account.
	#[default]
	Direct,
	/// 委员会动议 A council motion of the province data authority.
	Council,
	/// `Sudo::sudo` (dev chains only).
	Sudo,
}

/// Signs and sends `call` along `via`.
async fn send(tx: &Tx, via: Via, call: Call, ctx: Ctx) -> Result<TxReport> {
	match via {
		Via::Direct => super::submit(tx, call, ctx).await,
		Via::Sudo => sudo(tx, call, ctx).await,
		Via::Council => {
			let signer = tx.signer()?;
			let client = connect(&tx.node.url, ctx).await?;
			let pb = ctx.spinner(format!("proposing {} to the council…", call.label()));
			let p = council::propose(&client, &signer, &call).await;
			pb.finish_and_clear();
			Ok(p?.submitted.into())
		}
	}
}

/// `--to` of `complaint refer` (YX-R §25(二)).
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferralArg {
	/// 登记机构 The institution complained about.
	Institution,
	/// 网信 The cyberspace administration.
	Cyberspace,
	/// 政务服务 The government services administration.
	GovernmentServices,
	/// 财政 The finance department.
	Finance,
	/// 国资 The state-owned assets department.
	StateAssets,
	/// 行业主管部门 An industry regulator.
	IndustryRegulator,
}

impl From<ReferralArg> for ComplaintReferral {
	fn from(a: ReferralArg) -> Self {
		match a {
			ReferralArg::Institution => Self::Institution,
			ReferralArg::Cyberspace => Self::Cyberspace,
			ReferralArg::GovernmentServices => Self::GovernmentServices,
			ReferralArg::Finance => Self::Finance,
			ReferralArg::StateAssets => Self::StateAssets,
			ReferralArg::IndustryRegulator => Self::IndustryRegulator,
		}
	}
}

/// `--outcome` of `complaint decide`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutcomeArg {
	/// 成立 Upheld: stays listed against the institution for its supervision.
	Upheld,
	/// 不成立 Dismissed.
	Dismissed,
}

/// `--ground` of a service institution's suspension or removal (YX-R §28).
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MisconductArg {
	/// 虚假记载 A false record.
	FalseRecord,
	/// 误导性陈述 A misleading statement.
	MisleadingStatement,
	/// 信息泄露 An information leak.
	InformationLeak,
	/// 其他违法违规行为 Another violation.
	OtherViolation,
}

impl From<MisconductArg> for ServiceMisconduct {
	fn from(a: MisconductArg) -> Self {
		match a {
			MisconductArg::FalseRecord => Self::FalseRecord,
			MisconductArg::MisleadingStatement => Self::MisleadingStatement,
			MisconductArg::InformationLeak => Self::InformationLeak,
			MisconductArg::OtherViolation => Self::OtherViolation,
		}
	}
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
		#[arg(long, value_enum, default_value_t)]
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
		#[arg(long, value_enum, default_value_t)]
		via: Via,
		/// Complaint number.
		id: u32,
		/// Where to.
		#[arg(long, value_enum)]
		to: ReferralArg,
	},
	/// 处理 Decide a complaint: upheld or dismissed, with the written decision's digest (final).
	Decide {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// 途径 direct (default: a city or county authority), council or sudo.
		#[arg(long, value_enum, default_value_t)]
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
		#[arg(long, value_enum, default_value_t)]
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
		#[arg(long, value_enum, default_value_t)]
		via: Via,
		/// Its USCC.
		#[arg(long, value_parser = parse::uscc)]
		uscc: Uscc,
		/// The YX-R §28 ground.
		#[arg(long, value_enum)]
		ground: Option<MisconductArg>,
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
		#[arg(long, value_enum, default_value_t)]
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
		#[arg(long, value_enum, default_value_t)]
		via: Via,
		/// Its USCC.
		#[arg(long, value_parser = parse::uscc)]
		uscc: Uscc,
		/// The YX-R §28 ground.
		#[arg(long, value_enum)]
		ground: Option<MisconductArg>,
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
	/// The submitted transaction.
	Tx(TxReport),
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
			Self::Complaints(list) => list.iter().try_for_each(|c| writeln!(f, "{c}")),
			Self::ServiceInstitutions(list) if list.is_empty() => {
				writeln!(f, "无第三方服务机构 no service institutions")
			}
			Self::ServiceInstitutions(list) => list.iter().try_for_each(|s| writeln!(f, "{s}")),
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
			Self::Refer { tx, via, id, to } => (tx, via, calls::refer_complaint(id, to.into())),
			Self::Decide { tx, via, id, outcome, decision } => {
				(tx, via, calls::decide_complaint(id, outcome == OutcomeArg::Upheld, decision))
			}
			Self::List { node, institution } => {
				let client = connect(&node.url, ctx).await?;
				let mut list = Vec::new();
				for (key, value) in map_entries(&client, "Complaints").await? {
					let view = ComplaintView::decode(&key, &value)?;
					if institution.is_none_or(|d| d.get() == view.institution) {
						list.push(view);
					}
				}
				list.sort_by_key(|c| c.id);
				return Ok(SupervisionOutcome::Complaints(list));
			}
		};
		Ok(SupervisionOutcome::Tx(send(&tx, via, call, ctx).await?))
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
			Self::Suspend { tx, via, uscc, ground, decision } => (
				tx,
				via,
				calls::suspend_service_institution(uscc, ground.map(Into::into), decision),
			),
			Self::Reinstate { tx, via, uscc } => {
				(tx, via, calls::reinstate_service_institution(uscc))
			}
			Self::Remove { tx, via, uscc, ground, decision } => {
				(tx, via, calls::remove_service_institution(uscc, ground.map(Into::into), decision))
			}
			Self::List { node } => {
				let client = connect(&node.url, ctx).await?;
				let mut list = map_entries(&client, "ServiceInstitutions")
					.await?
					.iter()
					.map(|(k, v)| ServiceInstitutionView::decode(k, v))
					.collect::<Result<Vec<_>>>()?;
				list.sort_by(|a, b| a.uscc.cmp(&b.uscc));
				return Ok(SupervisionOutcome::ServiceInstitutions(list));
			}
		};
		Ok(SupervisionOutcome::Tx(send(&tx, via, call, ctx).await?))
	}
}

/// Every (key, value) of the map `Institutions::item` at the finalized head, raw.
async fn map_entries(client: &Client, item: &str) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
	use subxt::ext::scale_value::Value;
	let head = client.reader().finalized_head().await?;
	let at = client.api().at_block(subxt::utils::H256(head.hash)).await.map_err(SdkError::from)?;
	let addr = subxt::storage::dynamic::<(Value,), Value>("Institutions", item);
	let mut entries = at.storage().iter(addr, ()).await.map_err(SdkError::from)?;
	let mut out = Vec::new();
	while let Some(kv) = entries.next().await {
		let kv = kv.map_err(SdkError::from)?;
		out.push((kv.key_bytes().to_vec(), kv.value().bytes().to_vec()));
	}
	Ok(out)
}

fn bad(what: &'static str, reason: impl fmt::Display) -> CliError {
	SdkError::Decode { what, reason: reason.to_string() }.into()
}

/// The SCALE layouts of `pallet_institutions::types` the lists read (field order as there; a
/// value that does not decode completely is an error, not a guess).
mod layout {
	use super::*;

	#[derive(Decode)]
	pub enum Complainant {
		RealName([u8; 32]),
		Authority(Option<[u8; 32]>),
	}

	#[derive(Decode, Clone, Copy)]
	pub enum Referral {
		Institution,
		Cyberspace,
		GovernmentServices,
		Finance,
		StateAssets,
		IndustryRegulator,
	}

	#[derive(Decode)]
	pub struct ReferralRecord {
		pub to: Referral,
		pub at: Moment,
		pub by: Option<[u8; 32]>,
	}

	#[derive(Decode, Clone, Copy, PartialEq, Eq)]
	pub enum Outcome {
		Upheld,
		Dismissed,
	}

	#[derive(Decode)]
	pub struct Decision {
		pub outcome: Outcome,
		pub decision: Digest,
		pub at: Moment,
		pub by: Option<[u8; 32]>,
	}

	#[derive(Decode)]
	pub struct Complaint {
		pub institution: u32,
		pub complainant: Complainant,
		pub content: Digest,
		pub received_at: Moment,
		pub referral: Option<ReferralRecord>,
		pub decision: Option<Decision>,
	}

	#[derive(Decode, Clone, Copy)]
	pub enum Status {
		Active,
		Suspended,
		Removed,
	}

	#[derive(Decode, Clone, Copy)]
	pub enum Misconduct {
		FalseRecord,
		MisleadingStatement,
		InformationLeak,
		OtherViolation,
	}

	#[derive(Decode)]
	pub struct ServiceDecision {
		pub ground: Option<Misconduct>,
		pub decision: Digest,
		pub at: Moment,
	}

	#[derive(Decode)]
	pub struct ServiceInstitution {
		pub name: Vec<u8>,
		pub accounts: Vec<[u8; 32]>,
		pub status: Status,
		pub authority: Option<u32>,
		pub registered_at: Moment,
		pub last_decision: Option<ServiceDecision>,
	}
}

fn hex32(d: &Digest) -> String {
	to_hex(d)
}

fn time(ms: Moment) -> String {
	dengji_verify::report::fmt_time(ms)
}

/// One complaint as listed.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct ComplaintView {
	/// Its number.
	pub id: u32,
	/// The institution complained about.
	pub institution: u32,
	/// `real-name` (lodged by the account) or `authority` (recorded by it; none: province).
	pub lodged_as: &'static str,
	/// The lodging or recording account (SS58), if any.
	pub by: Option<String>,
	/// Digest of the content.
	pub content: String,
	/// Received (ms since the epoch).
	pub received_at: Moment,
	/// `received`, `referred`, `upheld` or `dismissed`.
	pub status: &'static str,
	/// Where it was referred.
	pub referred_to: Option<&'static str>,
	/// When it was referred.
	pub referred_at: Option<Moment>,
	/// The referring authority's account (SS58; none: the province authority).
	pub referred_by: Option<String>,
	/// When it was decided.
	pub decided_at: Option<Moment>,
	/// The deciding authority's account (SS58; none: the province authority).
	pub decided_by: Option<String>,
	/// Digest of the decision.
	pub decision: Option<String>,
}

impl ComplaintView {
	fn decode(key: &[u8], value: &[u8]) -> Result<Self> {
		// Twox64Concat: the last 4 bytes of the key are the number.
		let id = key
			.len()
			.checked_sub(4)
			.and_then(|at| <u32 as Decode>::decode(&mut &key[at..]).ok())
			.ok_or_else(|| bad("complaint key", "too short"))?;
		let c = layout::Complaint::decode_all(&mut &value[..])
			.map_err(|e| bad("complaint", format_args!("#{id}: {e}")))?;
		let (lodged_as, by) = match &c.complainant {
			layout::Complainant::RealName(a) => ("real-name", Some(account_to_ss58(a))),
			layout::Complainant::Authority(a) => ("authority", a.as_ref().map(account_to_ss58)),
		};
		let status = match (&c.decision, &c.referral) {
			(Some(d), _) if d.outcome == layout::Outcome::Upheld => "upheld",
			(Some(_), _) => "dismissed",
			(None, Some(_)) => "referred",
			(None, None) => "received",
		};
		let referred_to = c.referral.as_ref().map(|r| match r.to {
			layout::Referral::Institution => "institution",
			layout::Referral::Cyberspace => "cyberspace",
			layout::Referral::GovernmentServices => "government-services",
			layout::Referral::Finance => "finance",
			layout::Referral::StateAssets => "state-assets",
			layout::Referral::IndustryRegulator => "industry-regulator",
		});
		Ok(Self {
			id,
			institution: c.institution,
			lodged_as,
			by,
			content: hex32(&c.content),
			received_at: c.received_at,
			status,
			referred_to,
			referred_at: c.referral.as_ref().map(|r| r.at),
			referred_by: c.referral.as_ref().and_then(|r| r.by.as_ref().map(account_to_ss58)),
			decided_at: c.decision.as_ref().map(|d| d.at),
			decided_by: c.decision.as_ref().and_then(|d| d.by.as_ref().map(account_to_ss58)),
			decision: c.decision.as_ref().map(|d| hex32(&d.decision)),
		})
	}
}

impl fmt::Display for ComplaintView {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let zh = match self.status {
			"received" => "已收到",
			"referred" => "已转送",
			"upheld" => "成立",
			_ => "不成立",
		};
		write!(
			f,
			"投诉 complaint #{} 机构 institution {} — {zh} {} — 收到 received {}",
			self.id,
			self.institution,
			self.status,
			time(self.received_at)
		)?;
		if let (Some(to), Some(at)) = (self.referred_to, self.referred_at) {
			write!(f, "; 转送 referred to {to} {}", time(at))?;
		}
		if let Some(at) = self.decided_at {
			write!(f, "; 处理 decided {}", time(at))?;
		}
		Ok(())
	}
}

/// One service institution as listed.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct ServiceInstitutionView {
	/// USCC.
	pub uscc: String,
	/// Name.
	pub name: String,
	/// Its accounts (SS58).
	pub accounts: Vec<String>,
	/// `active`, `suspended` or `removed`.
	pub status: &'static str,
	/// The registering city (none: the province authority).
	pub authority: Option<u32>,
	/// Registered (ms since the epoch).
	pub registered_at: Moment,
	/// The YX-R §28 ground of the latest suspension or removal, if any.
	pub ground: Option<&'static str>,
	/// Digest of the latest decision.
	pub decision: Option<String>,
	/// When the latest suspension, reinstatement or removal was decided.
	pub decided_at: Option<Moment>,
}

impl ServiceInstitutionView {
	fn decode(key: &[u8], value: &[u8]) -> Result<Self> {
		// Blake2_128Concat: the USCC (18 bytes) follows the 32-byte prefix and 16-byte hash.
		let uscc = key
			.get(48..)
			.and_then(|raw| Uscc::decode_all(&mut &raw[..]).ok())
			.map(|u| u.to_string())
			.ok_or_else(|| bad("service institution key", "no USCC"))?;
		let s = layout::ServiceInstitution::decode_all(&mut &value[..])
			.map_err(|e| bad("service institution", format_args!("{uscc}: {e}")))?;
		let ground = s.last_decision.as_ref().and_then(|d| d.ground).map(|g| match g {
			layout::Misconduct::FalseRecord => "false-record",
			layout::Misconduct::MisleadingStatement => "misleading-statement",
			layout::Misconduct::InformationLeak => "information-leak",
			layout::Misconduct::OtherViolation => "other-violation",
		});
		Ok(Self {
			uscc,
			name: String::from_utf8_lossy(&s.name).into_owned(),
			accounts: s.accounts.iter().map(account_to_ss58).collect(),
			status: match s.status {
				layout::Status::Active => "active",
				layout::Status::Suspended => "suspended",
				layout::Status::Removed => "removed",
			},
			authority: s.authority,
			registered_at: s.registered_at,
			ground,
			decision: s.last_decision.as_ref().map(|d| hex32(&d.decision)),
			decided_at: s.last_decision.as_ref().map(|d| d.at),
		})
	}
}

impl fmt::Display for ServiceInstitutionView {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let zh = match self.status {
			"active" => "正常",
			"suspended" => "暂停",
			_ => "已移除",
		};
		write!(
			f,
			"第三方服务机构 service institution {} {} — {zh} {} — 账户 accounts {}",
			self.uscc,
			self.name,
			self.status,
			self.accounts.join(", ")
		)?;
		if let Some(g) = self.ground {
			write!(f, " — 依据 ground {g} (YX-R §28)")?;
		}
		Ok(())
	}
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
	use codec::Encode;

	fn key(suffix: &[u8]) -> Vec<u8> {
		[vec![0u8; 40], suffix.to_vec()].concat()
	}

	/// YX-R §25: a stored complaint (pallet layout) lists with its steps and times.
	#[test]
	fn complaint_view_decodes_each_step_yx_r_25() {
		// Complaint { institution 530402, RealName([1;32]), content, received 1000,
		// referral Some { IndustryRegulator, 2000, Some([2;32]) }, decision Some { Upheld, …, 3000, None } }
		let mut v = 530402u32.encode();
		v.extend([0u8]);
		v.extend([1u8; 32]);
		v.extend([7u8; 32]);
		v.extend(1000u64.encode());
		v.extend([1u8, 5u8]);
		v.extend(2000u64.encode());
		v.extend(Some([2u8; 32]).encode());
		v.extend([1u8, 0u8]);
		v.extend([9u8; 32]);
		v.extend(3000u64.encode());
		v.extend(None::<[u8; 32]>.encode());
		let c = ComplaintView::decode(&key(&3u32.encode()), &v).unwrap();
		assert_eq!(c.id, 3);
		assert_eq!(c.institution, 530402);
		assert_eq!(c.lodged_as, "real-name");
		assert_eq!(c.status, "upheld");
		assert_eq!(c.referred_to, Some("industry-regulator"));
		assert_eq!((c.received_at, c.referred_at, c.decided_at), (1000, Some(2000), Some(3000)));
		assert_eq!(c.decision, Some(to_hex(&[9u8; 32])));
		assert!(c.to_string().contains("成立 upheld"));
		// A trailing byte is a layout mismatch, not a guess.
		v.push(0);
		assert!(ComplaintView::decode(&key(&3u32.encode()), &v).is_err());
	}

	/// YX-R §28: a stored service institution lists with its status and ground.
	#[test]
	fn service_institution_view_decodes_status_and_ground_yx_r_28() {
		let first17 = b"91530402MA6K00001";
		let check = Uscc::check_character(first17).unwrap();
		let uscc = Uscc::from_bytes(&[&first17[..], &[check]].concat()).unwrap();
		let mut v = "服务".as_bytes().to_vec().encode();
		v.extend(vec![[3u8; 32]].encode());
		v.push(1); // Suspended
		v.extend(Some(530400u32).encode());
		v.extend(5u64.encode());
		v.extend([1u8, 1u8, 1u8]); // Some(ServiceDecision { ground: Some(MisleadingStatement)
		v.extend([4u8; 32]);
		v.extend(6u64.encode());
		let mut k = vec![0u8; 48];
		k.extend(uscc.encode());
		let s = ServiceInstitutionView::decode(&k, &v).unwrap();
		assert_eq!(s.uscc, uscc.to_string());
		assert_eq!(s.name, "服务");
		assert_eq!(s.status, "suspended");
		assert_eq!(s.authority, Some(530400));
		assert_eq!(s.ground, Some("misleading-statement"));
		assert!(s.to_string().contains("YX-R §28"));
	}

	#[test]
	fn referral_and_misconduct_args_map_to_the_sdk_variants() {
		for (a, want) in [
			(ReferralArg::Institution, "Institution"),
			(ReferralArg::IndustryRegulator, "IndustryRegulator"),
		] {
			assert_eq!(ComplaintReferral::from(a).variant_name(), want);
		}
		assert_eq!(
			ServiceMisconduct::from(MisconductArg::FalseRecord).variant_name(),
			"FalseRecord"
		);
	}
}

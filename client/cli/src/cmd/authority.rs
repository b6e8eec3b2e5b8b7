//! 数据主管部门 — the data authority's calls (issue 11 §1): institutions, operators, signing
//! keys, validators and PeerIds, city and county authorities, transfer of cases, sanctions, SM2
//! keys, agreements, calendar years and council membership.
//!
//! Every command only builds its call ([`AuthorityCmd::into_call`]); one path sends it
//! ([`AuthorityArgs::run`]): as a council motion (`--via council`: the runtime's threshold, the
//! motion index reported; the default where the signer holds no Sudo key), through `Sudo::sudo`
//! (`--via sudo`, dev chains) or signed directly by a city or county data authority account for
//! its own counties (`--via direct`, YX-R §7 ¶2). `dengji council propose <command>` takes the
//! same commands.

use super::{connect, read_file, sudo, Ctx};
use crate::{
	args::Tx,
	error::{CliError, Result},
	output::{Outcome, TxReport},
	parse,
};
use clap::{Subcommand, ValueEnum};
use dengji_client::{
	calendar,
	council::{self, Proposal, Proposed},
	grounds::{CancellationGround, GroundParser},
	keys,
	roles::authority::{self as calls, AgreementStatus, SanctionGround, SanctionMeasure},
	rpc::to_hex,
	Call,
};
use dengji_primitives::{period::Period, DayIndex, Digest, DivisionCode, Moment, Sm2Public, Uscc};
use serde::Serialize;
use std::{fmt, path::PathBuf};

/// How a data-authority call reaches the chain.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
	/// 委员会动议 A council motion with the runtime's threshold (`dengji council vote/close`
	/// follow when the council has more than one member).
	Council,
	/// `Sudo::sudo` (dev chains only).
	Sudo,
	/// 直接签名 Signed by the account itself: a city or county data authority account for the
	/// institutions of its own counties (YX-R §7 ¶2; the province's calls need the council), or
	/// a real-name participant lodging a complaint.
	Direct,
}

/// `dengji authority [--via council|sudo|direct] <command>`.
#[derive(clap::Args, Debug)]
pub struct AuthorityArgs {
	/// 途径 Through a council motion, `Sudo::sudo`, or signed directly (city/county authority).
	/// Default: sudo when the chain has a Sudo key and the signer holds it (dev), a council
	/// motion otherwise.
	#[arg(long, global = true, value_enum)]
	pub via: Option<Via>,
	/// The call.
	#[command(subcommand)]
	pub cmd: AuthorityCmd,
}

/// What an authority command did: the transaction, and for a council motion its hash, index
/// and threshold.
#[derive(Serialize)]
pub struct AuthorityReport {
	/// The path taken.
	pub via: Via,
	/// The motion (`--via council`).
	#[serde(skip_serializing_if = "Option::is_none")]
	pub motion: Option<MotionInfo>,
	/// The submitted transaction (`Council.propose`, `Sudo.sudo` or the call itself).
	#[serde(flatten)]
	pub tx: TxReport,
}

/// A proposed motion, without its transaction: what a council member needs next (issue 11
/// §1). Every `--via council` command (`dengji authority`, `complaint`, `service-institution`,
/// `council propose`, `council upgrade`) reports it through one path (`propose`,
/// [`AuthorityReport::motion`]), the same in text and in `--json`.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct MotionInfo {
	/// `Pallet.call` carried.
	pub call: String,
	/// BLAKE2-256 of the encoded call (for `council vote/close`).
	#[serde(with = "dengji_client::rpc::hex_bytes32")]
	pub hash: [u8; 32],
	/// Motion index, while open.
	pub index: Option<u32>,
	/// `open`, or `executed` (a one-member council: at once).
	pub state: &'static str,
	/// Ayes needed.
	pub threshold: u32,
	/// Council size.
	pub members: u32,
	/// Block from which the motion may be closed without every member's vote (the runtime's
	/// `MotionDuration` after the proposal), while open.
	pub end: Option<u32>,
}

impl From<&Proposed> for MotionInfo {
	fn from(p: &Proposed) -> Self {
		let (index, state) = match p.outcome {
			Proposal::Open { index } => (Some(index), "open"),
			Proposal::Executed => (None, "executed"),
		};
		Self {
			call: p.call.clone(),
			hash: p.hash,
			index,
			state,
			threshold: p.threshold,
			members: p.members,
			end: p.end,
		}
	}
}

impl fmt::Display for MotionInfo {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let (call, hash, t, m) = (&self.call, to_hex(&self.hash), self.threshold, self.members);
		let Some(index) = self.index else {
			return write!(
				f,
				"动议已通过并执行 motion executed at once: {call} — 哈希 hash {hash}, 门槛 \
				 threshold {t} of {m} member(s)"
			);
		};
		let end = self.end.map_or_else(|| "?".to_string(), |e| format!("#{e}"));
		write!(
			f,
			"动议已提出 motion proposed: {call}\n  哈希 hash {hash}\n  序号 index {index}\n  门槛 \
			 threshold 需 {t} 票赞成 {t} aye(s) of {m} member(s)\n  表决截止 voting ends at block \
			 {end}\n下一步 next: 各成员投票 each member votes: dengji council vote {hash} {index} \
			 --aye|--nay\n  票数够或截止后结束 once enough ayes, or after block {end}: dengji council \
			 close {hash} {index}"
		)
	}
}

impl Outcome for AuthorityReport {}

impl fmt::Display for AuthorityReport {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		if let Some(m) = &self.motion {
			writeln!(f, "{m}")?;
		}
		write!(f, "{}", self.tx)
	}
}

impl AuthorityReport {
	/// The report of a motion (`Council.propose`).
	pub fn motion(p: Proposed) -> Self {
		Self { via: Via::Council, motion: Some((&p).into()), tx: p.submitted.into() }
	}
}

impl AuthorityArgs {
	/// Runs the command through the chosen path.
	pub async fn run(self, ctx: Ctx) -> Result<AuthorityReport> {
		let owner_signed = self.cmd.signed_by_node_owner();
		let (tx, call) = self.cmd.into_call()?;
		let signer = tx.signer()?;
		let via = match self.via {
			// A node's connections are its owner's (issue 11 §7): no council or Sudo origin.
			Some(Via::Council | Via::Sudo) if owner_signed => {
				return Err(CliError::usage(
					"节点连接由节点所有者签名",
					"add-connections/remove-connections are signed by the node's owner (--via direct)",
				));
			}
			Some(v) => v,
			None if owner_signed => Via::Direct,
			None => {
				let reader = super::read(&tx.node.url, ctx).await?;
				let key: Option<[u8; 32]> =
					reader.storage("Sudo::Key", &keys::item_prefix("Sudo", "Key"), None).await?;
				if key == Some(signer.account_id()) {
					Via::Sudo
				} else {
					Via::Council
				}
			}
		};
		dispatch(&tx, via, call, ctx).await
	}
}

/// Sends `call` along `via`: the one path of the data authority's calls (`dengji authority`,
/// `complaint`, `service-institution`).
pub(super) async fn dispatch(tx: &Tx, via: Via, call: Call, ctx: Ctx) -> Result<AuthorityReport> {
	match via {
		Via::Sudo => Ok(AuthorityReport { via, motion: None, tx: sudo(tx, call, ctx).await? }),
		Via::Direct => {
			Ok(AuthorityReport { via, motion: None, tx: super::submit(tx, call, ctx).await? })
		}
		Via::Council => propose(tx, &call, ctx).await,
	}
}

/// Proposes `call` to the council with the runtime's threshold: the one path of every motion
/// (`--via council`, `dengji council propose`).
pub(super) async fn propose(tx: &Tx, call: &Call, ctx: Ctx) -> Result<AuthorityReport> {
	let signer = tx.signer()?;
	let client = connect(&tx.node.url, ctx).await?;
	let pb =
		ctx.spinner(format!("proposing {} to the council as {}…", call.label(), signer.ss58()));
	let p = council::propose(&client, &signer, call).await;
	pb.finish_and_clear();
	Ok(AuthorityReport::motion(p?))
}

/// Data authority calls.
#[derive(Subcommand, Debug)]
pub enum AuthorityCmd {
	/// 登记机构注册 Register a (province or city) institution with its certificate key (YX-R §7).
	RegisterInstitution {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		#[arg(long, value_parser = parse::division)]
		division: DivisionCode,
		/// Name.
		#[arg(long)]
		name: String,
		/// Public certificate key: 0x hex, or a secret URI to derive it from.
		#[arg(long, value_parser = parse::ed25519_public)]
		key: [u8; 32],
	},
	/// 县级登记机构备案 File a county institution (YX-R §7 ¶2): by its county data authority
	/// (`--via direct`), the city authority while the county has none, or the province.
	FileCountyInstitution {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// County division code.
		#[arg(long, value_parser = parse::division)]
		division: DivisionCode,
		/// Name.
		#[arg(long)]
		name: String,
		/// Public certificate key: 0x hex, or a secret URI to derive it from.
		#[arg(long, value_parser = parse::ed25519_public)]
		key: [u8; 32],
	},
	/// 登记机构备案 File an institution with its filing document's digest: a city institution
	/// by its city data authority (`--via direct`), filed with the province (YN-D §45 ¶2); a
	/// county institution as `file-county-institution`, filed with the city (YX-R §7 ¶2).
	FileInstitution {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// City or county division code.
		#[arg(long, value_parser = parse::division)]
		division: DivisionCode,
		/// Name.
		#[arg(long)]
		name: String,
		/// Public certificate key: 0x hex, or a secret URI to derive it from.
		#[arg(long, value_parser = parse::ed25519_public)]
		key: [u8; 32],
		/// The filing document (备案材料): DIGEST.
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		reference: Digest,
	},
	/// 添加经办人 Add an operator account to an institution.
	AddOperator {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		#[arg(long, value_parser = parse::division)]
		division: DivisionCode,
		/// The account (SS58, 0x hex, or a `//Dev` URI).
		#[arg(value_parser = parse::account)]
		account: [u8; 32],
	},
	/// 移除经办人 Remove an operator account from an institution.
	RemoveOperator {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		#[arg(long, value_parser = parse::division)]
		division: DivisionCode,
		/// The account (SS58, 0x hex, or a `//Dev` URI).
		#[arg(value_parser = parse::account)]
		account: [u8; 32],
	},
	/// 更换证书签名密钥 Register a new certificate-signing key; the old one is retired and keeps
	/// verifying the certificates it signed (DESIGN §7).
	RotateSigningKey {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		#[arg(long, value_parser = parse::division)]
		division: DivisionCode,
		/// New public certificate key: 0x hex, or a secret URI to derive it from.
		#[arg(long, value_parser = parse::ed25519_public)]
		key: [u8; 32],
	},
	/// 暂停 Suspend an institution (YX-R §26).
	Suspend {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		#[arg(value_parser = parse::division)]
		division: DivisionCode,
	},
	/// 恢复 Reinstate a suspended institution.
	Reinstate {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		#[arg(value_parser = parse::division)]
		division: DivisionCode,
	},
	/// 取消资格 Disqualify an institution (YX-R §26; final: its PeerId and validator are
	/// cleared, its certificates stay valid, Q17).
	Disqualify {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		#[arg(value_parser = parse::division)]
		division: DivisionCode,
	},
	/// 处理 Sanction an institution (YX-R §26): ground (一)–(五), measure and the written
	/// decision; an interview or on-site guidance does not suspend it.
	Sanction {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		#[arg(value_parser = parse::division)]
		division: DivisionCode,
		/// Ground (YX-R §26 (一)–(五)).
		#[arg(long, value_enum)]
		ground: SanctionGround,
		/// Measure.
		#[arg(long, value_enum)]
		measure: SanctionMeasure,
		/// The written decision (DIGEST: `@FILE`, or 0x + 64 hex digits).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		decision: Digest,
	},
	/// 责令注销 Order the cancellation of a registration (Q8, YX-R §21): the data authority's
	/// order, with its ground and the written order; through the council, Sudo, or signed by a
	/// city data authority (`--via direct`).
	OrderCancellation {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Registration number.
		registration: u64,
		/// Ground (YX-R §21).
		#[arg(long, value_parser = GroundParser::<CancellationGround>::new())]
		ground: CancellationGround,
		/// The written order (DIGEST: `@FILE`, or 0x + 64 hex digits).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		order: Digest,
	},
	/// 移交案件 Move a disqualified institution's pending cases to the active institution
	/// enclosing it (Q17).
	TransferCases {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The disqualified institution.
		#[arg(long, value_parser = parse::division)]
		from: DivisionCode,
		/// The enclosing, active institution.
		#[arg(long, value_parser = parse::division)]
		to: DivisionCode,
	},
	/// 设置验证人 Set (or `--clear`) an institution's validator account; takes effect at the next
	/// session (DESIGN §3 layer 3).
	SetValidator {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		#[arg(long, value_parser = parse::division)]
		division: DivisionCode,
		/// The validator account (SS58, 0x hex, or a `//Dev` URI).
		#[arg(value_parser = parse::account, required_unless_present = "clear")]
		account: Option<[u8; 32]>,
		/// Clear the validator instead.
		#[arg(long, conflicts_with = "account")]
		clear: bool,
	},
	/// 设置节点 PeerId Set (or `--clear`) the PeerId of an institution's node; the node
	/// allow-list follows (DESIGN §3 layer 1).
	SetPeerId {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		#[arg(long, value_parser = parse::division)]
		division: DivisionCode,
		/// libp2p PeerId, base58 (`12D3KooW…`, from `dengji-node key inspect-node-key`).
		#[arg(value_parser = peer_id, required_unless_present = "clear")]
		peer_id: Option<PeerIdArg>,
		/// Clear the PeerId instead.
		#[arg(long, conflicts_with = "peer_id")]
		clear: bool,
	},
	/// 边缘节点入网 Allow-list a node for every validator as a well-known node (issue 11 §7;
	/// DESIGN §3 layer 1): an edge node (`dengji-node --edge`) that serves light clients and
	/// public RPC. Its owner may then add and remove its connections.
	AddWellKnownNode {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// libp2p PeerId, base58 (`12D3KooW…`, from `dengji-node key inspect-node-key`).
		#[arg(value_parser = peer_id)]
		peer_id: PeerIdArg,
		/// The account that owns the node's entry (SS58, 0x hex, or a `//Dev` URI).
		#[arg(long, value_parser = parse::account)]
		owner: [u8; 32],
	},
	/// 边缘节点退网 Remove a well-known node from the allow-list, with its owner and connections.
	RemoveWellKnownNode {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// libp2p PeerId, base58.
		#[arg(value_parser = peer_id)]
		peer_id: PeerIdArg,
	},
	/// 允许连接 Let the given nodes (an edge node) connect to `--node`, signed by `--node`'s owner
	/// (an institution's validator account for its validator's PeerId; always `--via direct`).
	AddConnections {
		/// Node and signer (the owner of `--node`).
		#[command(flatten)]
		tx: Tx,
		/// The owned node's PeerId, base58.
		#[arg(long = "node", value_parser = peer_id)]
		owned: PeerIdArg,
		/// PeerIds allowed to connect to it, base58.
		#[arg(value_parser = peer_id, required = true)]
		connections: Vec<PeerIdArg>,
	},
	/// 撤销连接 Stop the given nodes connecting to `--node` (signed by its owner).
	RemoveConnections {
		/// Node and signer (the owner of `--node`).
		#[command(flatten)]
		tx: Tx,
		/// The owned node's PeerId, base58.
		#[arg(long = "node", value_parser = peer_id)]
		owned: PeerIdArg,
		/// PeerIds no longer allowed, base58.
		#[arg(value_parser = peer_id, required = true)]
		connections: Vec<PeerIdArg>,
	},
	/// 任命市级数据主管部门 Appoint a city data authority account (YX-R §7 ¶2).
	SetCityAuthority {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The account (SS58, 0x hex, or a `//Dev` URI).
		#[arg(value_parser = parse::account)]
		account: [u8; 32],
		/// City division code.
		#[arg(long, value_parser = parse::division)]
		city: DivisionCode,
	},
	/// 撤销市级数据主管部门 Remove a city data authority account.
	RemoveCityAuthority {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The account.
		#[arg(value_parser = parse::account)]
		account: [u8; 32],
	},
	/// 任命县级数据主管部门 Appoint a county data authority account (YX-R §7 ¶2): by the province
	/// or the county's city authority (`--via direct`).
	SetCountyAuthority {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The account (SS58, 0x hex, or a `//Dev` URI).
		#[arg(value_parser = parse::account)]
		account: [u8; 32],
		/// County division code.
		#[arg(long, value_parser = parse::division)]
		county: DivisionCode,
	},
	/// 撤销县级数据主管部门 Remove a county data authority account.
	RemoveCountyAuthority {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The account.
		#[arg(value_parser = parse::account)]
		account: [u8; 32],
	},
	/// 登记 SM2 公钥 Register (or rotate) an institution's SM2 co-signing key beside its ed25519
	/// key; old keys stay valid for the certificates they co-signed (GB/T 32918, issue 14).
	SetSm2Key {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		#[arg(long, value_parser = parse::division)]
		division: DivisionCode,
		/// The SM2 public key: `0x04` + 128 hex digits (uncompressed), or the secret
		/// (`0x` + 64 hex digits, a dev URI `//Alice//sm2`) to derive it from.
		#[arg(long, value_parser = sm2_public)]
		key: Sm2Public,
	},
	/// 要求国密联署 Make SM2 co-signatures mandatory for every issuance (`--required true`) or
	/// optional again (`--required false`) (issue 14).
	RequireSm2 {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The new setting.
		#[arg(long, action = clap::ArgAction::Set, value_name = "true|false")]
		required: bool,
	},
	/// 受理要件 Set what an institution's acceptance requires (YX-R §15 登记主体完成业务审核后提出
	/// 登记申请, §18 ¶1 and §19 ¶2 应当提交下列材料): the business review recorded on first, change
	/// and correction applications, and the materials declared by kind. Both are given, so
	/// neither changes by omission.
	#[command(visible_alias = "intake-requirements")]
	SetIntakeRequirements {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// 业务审核 Acceptance requires the subject's business review recorded (YX-R §15).
		#[arg(long, action = clap::ArgAction::Set, value_name = "true|false")]
		business_review: bool,
		/// 分类材料 Acceptance requires the materials declared by kind (YX-R §18 ¶1, §19 ¶2).
		#[arg(long, action = clap::ArgAction::Set, value_name = "true|false")]
		materials_by_kind: bool,
	},
	/// 基本信息 Require (true) or stop requiring (false) that a first application declares its
	/// basic details (the nine items of YX-R §12) before its publicity, from the next
	/// application on; those filed before are exempt.
	#[command(visible_alias = "basic-details-required")]
	SetBasicDetailsRequired {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The new setting.
		#[arg(long, action = clap::ArgAction::Set, value_name = "true|false")]
		required: bool,
	},
	/// 数据分类代码表 Load the classification code list (Q22): from then on the declared
	/// classification code must be on it, and its version is recorded with the details.
	LoadClassificationCodes {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The list's version (above the one in force).
		#[arg(long = "list-version", value_name = "N")]
		list_version: u32,
		/// The codes (printable ASCII, distinct, at most 512).
		#[arg(required = true, value_name = "CODE")]
		codes: Vec<String>,
	},
	/// 授权运营协议 Authorised-operation agreements (YX-AO §16–§17), deliveries, public-service
	/// organisations.
	#[command(subcommand)]
	Agreement(AgreementCmd),
	/// 工作日历 Official calendar years (DESIGN §4): from 2027 deadlines are provisional until
	/// the year is loaded.
	#[command(subcommand)]
	Calendar(CalendarCmd),
	/// 委员会成员 Council membership (`CouncilMembership`).
	#[command(subcommand)]
	Membership(MembershipCmd),
}

/// `dengji authority agreement …`.
#[derive(Subcommand, Debug)]
pub enum AgreementCmd {
	/// 记录协议 Record an agreement; with `--exception-reason` one whose term exceeds the
	/// in-principle 5 years (YX-AO §17(二) 原则上).
	Record {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Implementing institution (实施机构), its name.
		#[arg(long)]
		implementer: String,
		/// Operator (运营机构), its USCC.
		#[arg(long, value_parser = parse::uscc)]
		operator: Uscc,
		/// Term start: ms since the epoch or `YYYY-MM-DD[THH:MM]` (Asia/Shanghai).
		#[arg(long, value_parser = parse::time)]
		from: Moment,
		/// Term end.
		#[arg(long, value_parser = parse::time)]
		until: Moment,
		/// The agreement and its filing (DIGEST: `@FILE`, or 0x + 64 hex digits).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		document: Digest,
		/// The reason for a term beyond 5 years (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		exception_reason: Option<Digest>,
	},
	/// 变更协议 Amend an agreement's term and document.
	Amend {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Agreement id.
		agreement: u64,
		/// Term start.
		#[arg(long, value_parser = parse::time)]
		from: Moment,
		/// Term end.
		#[arg(long, value_parser = parse::time)]
		until: Moment,
		/// The amended agreement (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		document: Digest,
	},
	/// 协议状态 Suspend, resume or terminate an agreement; its registrations are flagged (Q15).
	Status {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Agreement id.
		agreement: u64,
		/// The new status.
		#[arg(long, value_enum)]
		status: AgreementStatus,
		/// The decision (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		document: Digest,
	},
	/// 交付 Record the delivery of products and services: starts the operator's duty to
	/// register within 20 working days (YX-R §18 ¶3).
	Delivery {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Agreement id.
		agreement: u64,
		/// When delivered: ms since the epoch or `YYYY-MM-DD[THH:MM]` (Asia/Shanghai).
		#[arg(long, value_parser = parse::time)]
		at: Moment,
		/// The delivery record (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		document: Digest,
	},
	/// 提供数据资源 Record that a holder provided its data resources for the operation under the
	/// agreement (YX-R §5, §18 ¶3): starts the holder's duty to file the first registration of
	/// the resources, referencing the agreement, within 20 working days.
	Provision {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Agreement id.
		agreement: u64,
		/// The holder (持有单位) that provided the resources, its USCC.
		#[arg(long, value_parser = parse::uscc)]
		holder: Uscc,
		/// When provided: ms since the epoch or `YYYY-MM-DD[THH:MM]` (Asia/Shanghai).
		#[arg(long, value_parser = parse::time)]
		at: Moment,
		/// The provision record (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		document: Digest,
	},
	/// 协议备案 Record the agreement's filing with the city data authority (YX-AO §16 ¶2),
	/// signed by that city's authority (`--via direct`) or through the council.
	Filing {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Agreement id.
		agreement: u64,
		/// The city whose data authority holds the filing.
		#[arg(long, value_parser = parse::division)]
		filed_with: DivisionCode,
		/// The filing record (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		reference: Digest,
	},
	/// 公共服务机构 Record (`--basis`) or remove (`--remove`) a public-service organisation,
	/// which registers its products without an agreement (YN-D §46 ¶2).
	PublicService {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The subject's USCC.
		#[arg(value_parser = parse::uscc)]
		subject: Uscc,
		/// The decision or legal basis (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST", required_unless_present = "remove")]
		basis: Option<Digest>,
		/// Remove the organisation instead.
		#[arg(long, conflicts_with = "basis")]
		remove: bool,
	},
}

/// `dengji authority calendar …`.
#[derive(Subcommand, Debug)]
pub enum CalendarCmd {
	/// 载入年度日历 Load an official year from a file in the format of the repository's
	/// `docs/spec/calendar/cn-holidays.json` (checked before anything is sent).
	LoadYear {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The calendar file.
		#[arg(long)]
		file: PathBuf,
		/// The year to load (default: the latest year in the file).
		#[arg(long)]
		year: Option<u16>,
	},
	/// 撤销年度日历 Unload a year (the current one or later): deadlines crossing it become
	/// provisional.
	RemoveYear {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The year.
		year: u16,
	},
	/// 设定法定期限 Set a legal period (Q37) within the runtime's bounds, in force from a day on;
	/// deadlines already running keep their length.
	SetPeriod {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// acceptance (YX-R §16 ¶1), review (§16 ¶1), supplement (§16 ¶2), publicity (§22 ¶1),
		/// objection-forward, rebuttal (§22 ¶2), cancellation (§21), renewal-window (§23 ¶2).
		#[arg(value_parser = parse_period)]
		period: Period,
		/// Working days (calendar days for the renewal window).
		value: u32,
		/// First day in force: YYYY-MM-DD or a day index (today or later).
		#[arg(long, value_parser = parse::day)]
		from: DayIndex,
	},
}

/// The kebab-case names of the legal periods (`dengji authority calendar set-period`).
const PERIOD_NAMES: [(&str, Period); 8] = [
	("acceptance", Period::Acceptance),
	("review", Period::Review),
	("supplement", Period::Supplement),
	("publicity", Period::Publicity),
	("objection-forward", Period::ObjectionForward),
	("rebuttal", Period::Rebuttal),
	("cancellation", Period::Cancellation),
	("renewal-window", Period::RenewalWindow),
];

fn parse_period(s: &str) -> std::result::Result<Period, String> {
	PERIOD_NAMES.iter().find(|(n, _)| *n == s).map(|(_, p)| *p).ok_or_else(|| {
		let names: Vec<&str> = PERIOD_NAMES.iter().map(|(n, _)| *n).collect();
		format!("unknown period `{s}`: one of {}", names.join(", "))
	})
}

/// `dengji authority membership …`.
#[derive(Subcommand, Debug)]
pub enum MembershipCmd {
	/// 增加成员 Add a council member.
	Add {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The account (SS58, 0x hex, or a `//Dev` URI).
		#[arg(value_parser = parse::account)]
		account: [u8; 32],
	},
	/// 移除成员 Remove a council member.
	Remove {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The account.
		#[arg(value_parser = parse::account)]
		account: [u8; 32],
	},
	/// 替换成员 Replace member `--remove` with `--add` in one motion.
	Swap {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The leaving member.
		#[arg(long, value_parser = parse::account)]
		remove: [u8; 32],
		/// The joining member.
		#[arg(long, value_parser = parse::account)]
		add: [u8; 32],
	},
	/// 重置成员 Replace the whole membership.
	Reset {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The members.
		#[arg(value_parser = parse::account, required = true, num_args = 1..)]
		accounts: Vec<[u8; 32]>,
	},
	/// 设置首席成员 Set the prime member (absent members' default vote).
	SetPrime {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The account.
		#[arg(value_parser = parse::account)]
		account: [u8; 32],
	},
	/// 清除首席成员 Clear the prime member.
	ClearPrime {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
	},
}

/// A libp2p PeerId's bytes (the multihash the base58 form encodes), as the chain stores them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerIdArg(pub Vec<u8>);

/// A base58 libp2p PeerId (`12D3KooW…`): an identity multihash of an ed25519 key (code 0x00,
/// length 36) or a SHA2-256 multihash (code 0x12, length 32), at most 64 bytes on chain.
fn peer_id(s: &str) -> std::result::Result<PeerIdArg, String> {
	let bad = |why: &str| parse::zh_en("PeerId 无效", format_args!("PeerId `{s}`: {why}"));
	let bytes = bs58::decode(s.trim()).into_vec().map_err(|_| bad("not base58"))?;
	let ok = match bytes.as_slice() {
		[0x00, len, rest @ ..] | [0x12, len, rest @ ..] => usize::from(*len) == rest.len(),
		_ => false,
	};
	if !ok || bytes.len() > dengji_primitives::institution::MAX_PEER_ID_LEN as usize {
		return Err(bad("not a libp2p PeerId (identity or SHA2-256 multihash)"));
	}
	Ok(PeerIdArg(bytes))
}

/// An SM2 public key: `0x04…` (65 bytes) or a secret / dev URI to derive it from.
fn sm2_public(s: &str) -> std::result::Result<Sm2Public, String> {
	if s.len() == 132 && s.starts_with("0x04") {
		let bytes = dengji_client::rpc::from_hex("SM2 key", s)
			.map_err(|e| parse::zh_en("SM2 公钥无效", format_args!("key `{s}`: {e}")))?;
		let key = Sm2Public::try_from(bytes.as_slice())
			.map_err(|_| parse::zh_en("SM2 公钥无效", "an SM2 key is 65 bytes"))?;
		dengji_primitives::sm2::validate_public(&key)
			.map_err(|e| parse::zh_en("SM2 公钥无效", format_args!("key `{s}`: {e}")))?;
		return Ok(key);
	}
	dengji_client::Sm2Key::from_suri(s)
		.map(|k| k.public())
		.map_err(|e| parse::zh_en("SM2 密钥无效", format_args!("key: {e}")))
}

/// The year to load from a calendar file.
fn calendar_year(file: &std::path::Path, year: Option<u16>) -> Result<calendar::CalendarYear> {
	let bytes = read_file("calendar file", file)?;
	let json = String::from_utf8(bytes).map_err(|_| {
		CliError::usage("日历文件不是 UTF-8 文本", format_args!("{} is not UTF-8", file.display()))
	})?;
	let bad = |e: dengji_client::Error| {
		CliError::usage("日历文件无效", format_args!("{}: {e}", file.display()))
	};
	let years = calendar::official_years(&json).map_err(bad)?;
	let chosen = match year {
		Some(y) => years.into_iter().find(|c| c.year == y),
		None => years.into_iter().last(),
	};
	chosen.ok_or_else(|| {
		CliError::usage(
			"日历文件中没有该年度",
			format_args!(
				"{} has no year {}",
				file.display(),
				year.map_or_else(|| "at all".into(), |y| y.to_string())
			),
		)
	})
}

impl AuthorityCmd {
	/// Signed by the owner of a node rather than by an authority (issue 11 §7).
	fn signed_by_node_owner(&self) -> bool {
		matches!(self, Self::AddConnections { .. } | Self::RemoveConnections { .. })
	}

	/// The signer's options and the call (for a council motion, `Sudo::sudo` or a direct
	/// transaction). Files named by the command are read and checked here.
	pub fn into_call(self) -> Result<(Tx, Call)> {
		use AuthorityCmd as A;
		Ok(match self {
			A::RegisterInstitution { tx, division, name, key } => {
				(tx, calls::register_institution(division, &name, key))
			}
			A::FileCountyInstitution { tx, division, name, key } => {
				(tx, calls::file_county_institution(division, &name, key))
			}
			A::FileInstitution { tx, division, name, key, reference } => {
				(tx, calls::file_institution(division, &name, key, reference))
			}
			A::AddOperator { tx, division, account } => {
				(tx, calls::add_operator(division, account))
			}
			A::RemoveOperator { tx, division, account } => {
				(tx, calls::remove_operator(division, account))
			}
			A::RotateSigningKey { tx, division, key } => {
				(tx, calls::rotate_signing_key(division, key))
			}
			A::Suspend { tx, division } => (tx, calls::suspend(division)),
			A::Reinstate { tx, division } => (tx, calls::reinstate(division)),
			A::Disqualify { tx, division } => (tx, calls::disqualify(division)),
			A::Sanction { tx, division, ground, measure, decision } => {
				(tx, calls::sanction(division, ground, measure, decision))
			}
			A::OrderCancellation { tx, registration, ground, order } => {
				(tx, calls::order_cancellation(registration, ground, order))
			}
			A::TransferCases { tx, from, to } => (tx, calls::transfer_cases(from, to)),
			A::SetValidator { tx, division, account, clear: _ } => {
				(tx, calls::set_validator(division, account))
			}
			A::SetPeerId { tx, division, peer_id, clear: _ } => {
				(tx, calls::set_peer_id(division, peer_id.map(|p| p.0)))
			}
			A::AddWellKnownNode { tx, peer_id, owner } => {
				(tx, calls::add_well_known_node(peer_id.0, owner))
			}
			A::RemoveWellKnownNode { tx, peer_id } => {
				(tx, calls::remove_well_known_node(peer_id.0))
			}
			A::AddConnections { tx, owned, connections } => (
				tx,
				calls::add_connections(owned.0, connections.into_iter().map(|p| p.0).collect()),
			),
			A::RemoveConnections { tx, owned, connections } => (
				tx,
				calls::remove_connections(owned.0, connections.into_iter().map(|p| p.0).collect()),
			),
			A::SetCityAuthority { tx, account, city } => {
				(tx, calls::set_city_authority(account, city))
			}
			A::RemoveCityAuthority { tx, account } => (tx, calls::remove_city_authority(account)),
			A::SetCountyAuthority { tx, account, county } => {
				(tx, calls::set_county_authority(account, county))
			}
			A::RemoveCountyAuthority { tx, account } => {
				(tx, calls::remove_county_authority(account))
			}
			A::SetSm2Key { tx, division, key } => {
				(tx, dengji_client::sm2::set_sm2_key(division, key))
			}
			A::RequireSm2 { tx, required } => (tx, dengji_client::sm2::set_require_sm2(required)),
			A::SetIntakeRequirements { tx, business_review, materials_by_kind } => {
				(tx, calls::set_intake_requirements(business_review, materials_by_kind))
			}
			A::SetBasicDetailsRequired { tx, required } => {
				(tx, calls::set_basic_details_required(required))
			}
			A::LoadClassificationCodes { tx, list_version, codes } => {
				let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
				(tx, calls::load_classification_codes(list_version, &codes))
			}
			A::Agreement(c) => c.into_call(),
			A::Calendar(CalendarCmd::LoadYear { tx, file, year }) => {
				(tx, calendar_year(&file, year)?.set_year())
			}
			A::Calendar(CalendarCmd::RemoveYear { tx, year }) => (tx, calls::remove_year(year)),
			A::Calendar(CalendarCmd::SetPeriod { tx, period, value, from }) => {
				(tx, calls::set_period(period, value, from))
			}
			A::Membership(c) => c.into_call(),
		})
	}
}

impl AgreementCmd {
	fn into_call(self) -> (Tx, Call) {
		match self {
			AgreementCmd::Record {
				tx,
				implementer,
				operator,
				from,
				until,
				document,
				exception_reason,
			} => match exception_reason {
				None => {
					(tx, calls::record_agreement(&implementer, operator, from, until, document))
				}
				Some(reason) => (
					tx,
					calls::record_agreement_with_exception(
						&implementer,
						operator,
						from,
						until,
						document,
						reason,
					),
				),
			},
			AgreementCmd::Amend { tx, agreement, from, until, document } => {
				(tx, calls::amend_agreement(agreement, from, until, document))
			}
			AgreementCmd::Status { tx, agreement, status, document } => {
				(tx, calls::set_agreement_status(agreement, status, document))
			}
			AgreementCmd::Delivery { tx, agreement, at, document } => {
				(tx, calls::record_delivery(agreement, at, document))
			}
			AgreementCmd::Provision { tx, agreement, holder, at, document } => {
				(tx, calls::record_provision(agreement, holder, at, document))
			}
			AgreementCmd::Filing { tx, agreement, filed_with, reference } => {
				(tx, calls::record_agreement_filing(agreement, filed_with, reference))
			}
			AgreementCmd::PublicService { tx, subject, basis, remove: _ } => {
				(tx, calls::set_public_service(subject, basis))
			}
		}
	}
}

impl MembershipCmd {
	fn into_call(self) -> (Tx, Call) {
		match self {
			MembershipCmd::Add { tx, account } => (tx, calls::add_member(account)),
			MembershipCmd::Remove { tx, account } => (tx, calls::remove_member(account)),
			MembershipCmd::Swap { tx, remove, add } => (tx, calls::swap_member(remove, add)),
			MembershipCmd::Reset { tx, accounts } => (tx, calls::reset_members(&accounts)),
			MembershipCmd::SetPrime { tx, account } => (tx, calls::set_prime(account)),
			MembershipCmd::ClearPrime { tx } => (tx, calls::clear_prime()),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::args::{Cli, Command};
	use clap::Parser;

	const ALICE: &str = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
	/// A real ed25519 PeerId (`dengji-node key inspect-node-key` form).
	const PEER: &str = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";

	/// A valid USCC seated in Yuxi.
	fn uscc() -> String {
		(0..10)
			.find_map(|n| {
				let s = format!("91530400DJDEM000{n}");
				let check = Uscc::check_character(s.as_bytes())?;
				Some(format!("{s}{}", char::from(check)))
			})
			.expect("a USCC")
	}

	fn authority(args: &[&str]) -> AuthorityArgs {
		let argv = ["dengji", "authority"].iter().chain(args).chain(&["--suri", "//Alice"]);
		match Cli::try_parse_from(argv).unwrap_or_else(|e| panic!("{args:?}: {e}")).command {
			Command::Authority(a) => a,
			_ => panic!("authority"),
		}
	}

	fn call(args: &[&str]) -> Call {
		authority(args).cmd.into_call().unwrap_or_else(|e| panic!("{args:?}: {e}")).1
	}

	fn scale(c: &Call, i: usize) -> Vec<u8> {
		match &c.args.0[i] {
			dengji_client::Arg::Scale(b) => b.clone(),
			dengji_client::Arg::Value(v) => {
				panic!("argument {i} of {} is a value: {v:?}", c.label())
			}
		}
	}

	#[test]
	fn every_authority_command_builds_its_pallet_call() {
		// Issue 11 §1: each data-authority call has a command; the label is what the council
		// motion or Sudo carries.
		let uscc = uscc();
		let uscc = uscc.as_str();
		let cases: &[(&[&str], &str)] = &[
			(
				&["register-institution", "--division", "530400", "--name", "玉溪", "--key", "//A"],
				"Institutions.register_institution",
			),
			(
				&[
					"file-county-institution",
					"--division",
					"530402",
					"--name",
					"红塔",
					"--key",
					"//H",
				],
				"Institutions.file_county_institution",
			),
			(
				&[
					"file-institution",
					"--division",
					"530300",
					"--name",
					"曲靖",
					"--key",
					"//Q",
					"--reference",
					"filing text",
				],
				"Institutions.file_institution",
			),
			(
				&["calendar", "set-period", "review", "15", "--from", "2027-01-04"],
				"Calendar.set_period",
			),
			(&["add-operator", "--division", "530400", "//Bob"], "Institutions.add_operator"),
			(&["remove-operator", "--division", "530400", "//Bob"], "Institutions.remove_operator"),
			(
				&["rotate-signing-key", "--division", "530400", "--key", "//New"],
				"Institutions.rotate_signing_key",
			),
			(&["suspend", "530400"], "Institutions.suspend_institution"),
			(&["reinstate", "530400"], "Institutions.reinstate_institution"),
			(&["disqualify", "530400"], "Institutions.disqualify_institution"),
			(
				&[
					"sanction",
					"530400",
					"--ground",
					"improper-performance",
					"--measure",
					"interview",
					"--decision",
					"decision text",
				],
				"Institutions.sanction",
			),
			(
				&["order-cancellation", "7", "--ground", "subject-ceased", "--order", "order"],
				"Registration.order_cancellation",
			),
			(
				&["transfer-cases", "--from", "530402", "--to", "530400"],
				"Institutions.transfer_cases",
			),
			(&["set-validator", "--division", "530400", "//Bob"], "Institutions.set_validator"),
			(&["set-validator", "--division", "530400", "--clear"], "Institutions.set_validator"),
			(&["set-peer-id", "--division", "530400", PEER], "Institutions.set_peer_id"),
			(&["set-peer-id", "--division", "530400", "--clear"], "Institutions.set_peer_id"),
			(
				&["add-well-known-node", PEER, "--owner", "//Bob"],
				"NodeAuthorization.add_well_known_node",
			),
			(&["remove-well-known-node", PEER], "NodeAuthorization.remove_well_known_node"),
			(&["add-connections", "--node", PEER, PEER], "NodeAuthorization.add_connections"),
			(&["remove-connections", "--node", PEER, PEER], "NodeAuthorization.remove_connections"),
			(
				&["set-city-authority", "//Dave", "--city", "530400"],
				"Institutions.set_city_authority",
			),
			(&["remove-city-authority", "//Dave"], "Institutions.remove_city_authority"),
			(
				&["set-county-authority", "//Dave", "--county", "530402"],
				"Institutions.set_county_authority",
			),
			(&["remove-county-authority", "//Dave"], "Institutions.remove_county_authority"),
			(
				&["set-sm2-key", "--division", "530400", "--key", "//Alice//sm2"],
				"Institutions.set_sm2_key",
			),
			(&["require-sm2", "--required", "true"], "Certificate.set_require_sm2"),
			(
				&[
					"set-intake-requirements",
					"--business-review",
					"true",
					"--materials-by-kind",
					"false",
				],
				"Registration.set_intake_requirements",
			),
			(
				&[
					"intake-requirements",
					"--business-review",
					"false",
					"--materials-by-kind",
					"true",
				],
				"Registration.set_intake_requirements",
			),
			(
				&[
					"agreement",
					"record",
					"--implementer",
					"玉溪市数据局",
					"--operator",
					uscc,
					"--from",
					"2026-01-01",
					"--until",
					"2028-01-01",
					"--document",
					"@Cargo.toml",
				],
				"Registration.record_agreement",
			),
			(
				&[
					"agreement",
					"record",
					"--implementer",
					"玉溪市数据局",
					"--operator",
					uscc,
					"--from",
					"2026-01-01",
					"--until",
					"2036-01-01",
					"--document",
					"a",
					"--exception-reason",
					"b",
				],
				"Registration.record_agreement_with_exception",
			),
			(
				&[
					"agreement",
					"amend",
					"3",
					"--from",
					"2026-01-01",
					"--until",
					"2027-01-01",
					"--document",
					"a",
				],
				"Registration.amend_agreement",
			),
			(
				&["agreement", "status", "3", "--status", "suspended", "--document", "a"],
				"Registration.set_agreement_status",
			),
			(
				&["agreement", "delivery", "3", "--at", "2026-06-01", "--document", "a"],
				"Registration.record_delivery",
			),
			(
				&[
					"agreement",
					"provision",
					"3",
					"--holder",
					uscc,
					"--at",
					"2026-06-01",
					"--document",
					"a",
				],
				"Registration.record_provision",
			),
			(
				&["agreement", "filing", "3", "--filed-with", "530400", "--reference", "a"],
				"Registration.record_agreement_filing",
			),
			(
				&["agreement", "public-service", uscc, "--basis", "a"],
				"Registration.set_public_service",
			),
			(&["agreement", "public-service", uscc, "--remove"], "Registration.set_public_service"),
			(&["calendar", "remove-year", "2030"], "Calendar.remove_year"),
			(&["membership", "add", "//Bob"], "CouncilMembership.add_member"),
			(&["membership", "remove", "//Bob"], "CouncilMembership.remove_member"),
			(
				&["membership", "swap", "--remove", "//Bob", "--add", "//Charlie"],
				"CouncilMembership.swap_member",
			),
			(&["membership", "reset", "//Alice", "//Bob"], "CouncilMembership.reset_members"),
			(&["membership", "set-prime", "//Bob"], "CouncilMembership.set_prime"),
			(&["membership", "clear-prime"], "CouncilMembership.clear_prime"),
		];
		for (args, label) in cases {
			assert_eq!(call(args).label(), *label, "{args:?}");
		}
	}

	#[test]
	fn arguments_are_encoded_as_the_calls_take_them() {
		let division = DivisionCode::new(530400).unwrap();
		let alice: [u8; 32] = hex::decode(&ALICE[2..]).unwrap().try_into().unwrap();
		let c = call(&["set-validator", "--division", "530400", ALICE]);
		assert_eq!(scale(&c, 0), codec::Encode::encode(&division));
		assert_eq!(scale(&c, 1), codec::Encode::encode(&Some(alice)));
		let c = call(&["set-validator", "--division", "530400", "--clear"]);
		assert_eq!(scale(&c, 1), vec![0], "None clears");
		let c = call(&["set-peer-id", "--division", "530400", PEER]);
		let bytes = bs58::decode(PEER).into_vec().unwrap();
		assert_eq!(bytes.len(), 38, "identity multihash of an ed25519 key");
		// The bytes the chain stores for this PeerId (runtime genesis presets, `peer_ids::ALICE`).
		assert_eq!(
			hex::encode(&bytes),
			"0024080112204cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29"
		);
		assert_eq!(scale(&c, 1), codec::Encode::encode(&Some(bytes)));
		// DIGEST arguments: @FILE is BLAKE2-256 of the file.
		let c = call(&[
			"sanction",
			"530400",
			"--ground",
			"false-registration",
			"--measure",
			"suspension",
			"--decision",
			"@Cargo.toml",
		]);
		let file = std::fs::read("Cargo.toml").unwrap();
		assert_eq!(scale(&c, 3), dengji_primitives::blake2_256(&file).to_vec());
		let c = call(&["agreement", "public-service", uscc().as_str(), "--remove"]);
		assert_eq!(scale(&c, 1), vec![0], "--remove: basis None");
	}

	#[test]
	fn calendar_years_load_from_the_repositorys_file() {
		// DESIGN §4: the cn-holidays.json format; the default year is the file's latest.
		// The crate's directory when the test runs (a shared target dir may hold a binary built
		// from another checkout), else where it was built.
		let dir = std::env::var("CARGO_MANIFEST_DIR")
			.unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").into());
		let file = format!("{dir}/../../docs/spec/calendar/cn-holidays.json");
		let file = file.as_str();
		let latest = call(&["calendar", "load-year", "--file", file]);
		assert_eq!(latest.label(), "Calendar.set_year");
		let y2025 = call(&["calendar", "load-year", "--file", file, "--year", "2025"]);
		assert_eq!(scale(&y2025, 0), 2025u16.to_le_bytes().to_vec());
		assert!(scale(&latest, 0) > scale(&y2025, 0));
		let missing = authority(&["calendar", "load-year", "--file", file, "--year", "2099"]);
		let e = missing.cmd.into_call().unwrap_err();
		assert_eq!(e.exit_code(), crate::ExitCode::Usage);
		assert!(e.message().contains("no year 2099"), "{}", e.message());
		let dir = tempfile::tempdir().unwrap();
		let bad = dir.path().join("bad.json");
		std::fs::write(&bad, r#"{"years":{"2030":{"makeup_workdays":["2030-01-07"]}}}"#).unwrap();
		let e = authority(&["calendar", "load-year", "--file", bad.to_str().unwrap()])
			.cmd
			.into_call()
			.unwrap_err();
		assert!(e.message().contains("2030-01-07"), "{}", e.message());
	}

	#[test]
	fn bad_arguments_are_refused_before_anything_is_sent() {
		let parse = |args: &[&str]| {
			Cli::try_parse_from(
				["dengji", "authority"].iter().chain(args).chain(&["--suri", "//Alice"]),
			)
		};
		assert!(parse(&["set-peer-id", "--division", "530400", "not-a-peer-id"]).is_err());
		assert!(parse(&["set-peer-id", "--division", "530400", "3yZe7d"]).is_err());
		assert!(parse(&["set-validator", "--division", "530400"]).is_err(), "account or --clear");
		assert!(parse(&["set-validator", "--division", "530400", "//Bob", "--clear"]).is_err());
		assert!(parse(&[
			"sanction",
			"530400",
			"--ground",
			"x",
			"--measure",
			"interview",
			"--decision",
			"d"
		])
		.is_err());
		assert!(
			parse(&["agreement", "status", "3", "--status", "paused", "--document", "d"]).is_err()
		);
		assert!(
			parse(&["agreement", "public-service", uscc().as_str()]).is_err(),
			"--basis or --remove"
		);
		assert!(parse(&["membership", "reset"]).is_err());
		assert!(parse(&["--via", "direct", "suspend", "530402"]).is_ok());
	}

	/// YX-R §15, §18 ¶1, §19 ¶2: `set-intake-requirements` carries both requirements by name,
	/// and neither may be left out (it would be switched off by omission).
	#[test]
	fn intake_requirements_carry_both_flags_by_name() {
		let c = call(&[
			"--via",
			"council",
			"set-intake-requirements",
			"--business-review",
			"true",
			"--materials-by-kind",
			"false",
		]);
		let dengji_client::Arg::Value(v) = &c.args.0[0] else { panic!("a composite value") };
		let text = format!("{v:?}");
		let at = |name: &str| text.find(name).unwrap_or_else(|| panic!("{name} in {text}"));
		let (review, materials) = (at("business_review"), at("materials_by_kind"));
		assert!(text[review..materials].contains("true"), "{text}");
		assert!(text[materials..].contains("false") && !text[materials..].contains("true"));
		let parse = |args: &[&str]| {
			Cli::try_parse_from(
				["dengji", "authority"].iter().chain(args).chain(&["--suri", "//Alice"]),
			)
		};
		assert!(parse(&["set-intake-requirements", "--business-review", "true"]).is_err());
		assert!(parse(&["set-intake-requirements", "--materials-by-kind", "true"]).is_err());
		assert!(parse(&[
			"set-intake-requirements",
			"--business-review",
			"yes",
			"--materials-by-kind",
			"true"
		])
		.is_err());
		assert_eq!(
			authority(&[
				"--via",
				"sudo",
				"intake-requirements",
				"--business-review",
				"false",
				"--materials-by-kind",
				"false"
			])
			.via,
			Some(Via::Sudo)
		);
	}

	/// YX-R §12, Q22: `set-basic-details-required` and `load-classification-codes` build the
	/// registration pallet's calls with their arguments.
	#[test]
	fn basic_details_and_code_list_commands_build_their_calls_yx_r_12_q22() {
		use codec::Encode;
		let c = call(&["set-basic-details-required", "--required", "true"]);
		assert_eq!(c.label(), "Registration.set_basic_details_required");
		assert_eq!(scale(&c, 0), true.encode());
		let c = call(&["load-classification-codes", "--list-version", "2", "YX-ENT-01", "ZZ-99"]);
		assert_eq!(c.label(), "Registration.load_classification_codes");
		assert_eq!(scale(&c, 0), 2u32.encode());
		assert_eq!(scale(&c, 1), vec![b"YX-ENT-01".to_vec(), b"ZZ-99".to_vec()].encode());
		let parse = |args: &[&str]| {
			Cli::try_parse_from(
				["dengji", "authority"].iter().chain(args).chain(&["--suri", "//Alice"]),
			)
		};
		assert!(parse(&["load-classification-codes", "--list-version", "2"]).is_err());
		assert!(parse(&["set-basic-details-required"]).is_err());
	}

	fn proposed(outcome: Proposal, end: Option<u32>) -> Proposed {
		Proposed {
			call: "Registration.set_intake_requirements".into(),
			hash: [0xab; 32],
			length: 4,
			threshold: 2,
			members: 3,
			outcome,
			end,
			submitted: dengji_client::Submitted {
				call: "Council.propose".into(),
				block: dengji_client::rpc::BlockRef { hash: [1; 32], number: 12 },
				extrinsic_hash: [2; 32],
				extrinsic_index: 1,
				events: vec![],
			},
		}
	}

	/// Issue 11 §1: every `--via council` command (authority, complaint, service-institution,
	/// `council propose`, `council upgrade`) reports what a member needs next — the motion index,
	/// the proposal hash, the threshold and the voting end — in text and in `--json`, from one
	/// report ([`AuthorityReport::motion`], [`MotionInfo`]).
	#[test]
	fn every_motion_reports_index_hash_threshold_and_voting_end() {
		use crate::cmd::{council::CouncilOutcome, supervision::SupervisionOutcome};
		let hash = format!("0x{}", "ab".repeat(32));
		let open = || AuthorityReport::motion(proposed(Proposal::Open { index: 4 }, Some(40)));
		let want_text = [
			"序号 index 4".to_string(),
			format!("哈希 hash {hash}"),
			"2 aye(s) of 3 member(s)".into(),
			"voting ends at block #40".into(),
			format!("dengji council vote {hash} 4 --aye"),
			format!("dengji council close {hash} 4"),
		];
		let check = |what: &str, text: String, json: serde_json::Value, motion: &str| {
			for w in &want_text {
				assert!(text.contains(w.as_str()), "{what}: {w} in {text}");
			}
			let m = &json[motion];
			assert_eq!(m["index"], 4, "{what}: {json}");
			assert_eq!(m["hash"], hash.as_str(), "{what}: {json}");
			assert_eq!((m["threshold"].as_u64(), m["members"].as_u64()), (Some(2), Some(3)));
			assert_eq!(m["end"], 40, "{what}: {json}");
			assert_eq!(m["state"], "open", "{what}: {json}");
		};
		let r = open();
		let json = serde_json::to_value(&r).unwrap();
		assert_eq!(json["via"], "council");
		check("authority", r.to_string(), json, "motion");
		let s = SupervisionOutcome::Tx(open());
		check("supervision", s.to_string(), serde_json::to_value(&s).unwrap(), "motion");
		let c = CouncilOutcome::Proposed(open());
		check("council propose", c.to_string(), serde_json::to_value(&c).unwrap(), "motion");
		let p = proposed(Proposal::Open { index: 4 }, Some(40));
		let u = CouncilOutcome::Upgrade {
			code_hash: [3; 32],
			motion: Some((&p).into()),
			proposed: Some(p.submitted),
			applied: None,
		};
		check("council upgrade", u.to_string(), serde_json::to_value(&u).unwrap(), "motion");
		// A one-member council: executed at once, nothing left to vote on.
		let done = AuthorityReport::motion(proposed(Proposal::Executed, None));
		let text = done.to_string();
		assert!(text.contains("motion executed at once") && !text.contains("council vote"));
		let json = serde_json::to_value(&done).unwrap();
		assert_eq!(
			(json["motion"]["state"].as_str(), json["motion"]["index"].is_null()),
			(Some("executed"), true)
		);
	}

	/// Q37: every legal period has a command name; `set-period` carries the period, the value and
	/// the first day in force; an unknown name is refused before anything is sent.
	#[test]
	fn set_period_names_every_period_and_carries_its_arguments() {
		use codec::Encode;
		for p in Period::ALL {
			assert!(PERIOD_NAMES.iter().any(|(_, q)| *q == p), "{p:?} has no name");
		}
		let c = call(&["calendar", "set-period", "renewal-window", "90", "--from", "2027-01-04"]);
		assert_eq!(scale(&c, 0), Period::RenewalWindow.encode());
		assert_eq!(scale(&c, 1), 90u32.encode());
		let day = dengji_primitives::Date::parse("2027-01-04").map(|d| d.to_day_index());
		assert_eq!(scale(&c, 2), day.expect("date").encode());
		let argv = ["dengji", "authority", "calendar", "set-period", "holiday", "3", "--from", "1"];
		assert!(Cli::try_parse_from(argv).is_err());
	}
}

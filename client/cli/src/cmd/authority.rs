//! Calls of the data authority (数据主管部门) over institutions, through `Sudo::sudo` (dev
//! chains) or a council motion (`--via council`; the default where the signer holds no Sudo key).

use super::{connect, sudo, Ctx};
use crate::{args::Tx, error::Result, output::TxReport, parse};
use clap::Subcommand;
use dengji_client::{council, keys, roles::authority as calls};
use dengji_primitives::{DivisionCode, Sm2Public};

/// How a data-authority call reaches the chain.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
	/// 委员会动议 A council motion with the runtime's threshold (`dengji council vote/close`
	/// follow when the council has more than one member).
	Council,
	/// `Sudo::sudo` (dev chains only).
	Sudo,
}

/// `dengji authority [--via council|sudo] <command>`.
#[derive(clap::Args, Debug)]
pub struct AuthorityArgs {
	/// 途径 Through a council motion or `Sudo::sudo`. Default: sudo when the chain has a Sudo key
	/// and the signer holds it (dev), a council motion otherwise.
	#[arg(long, global = true, value_enum)]
	pub via: Option<Via>,
	/// The call.
	#[command(subcommand)]
	pub cmd: AuthorityCmd,
}

impl AuthorityArgs {
	/// Runs the command: the propose transaction's report (its `Council.Proposed` event names
	/// the motion's hash and index) or the sudo transaction's.
	pub async fn run(self, ctx: Ctx) -> Result<TxReport> {
		let (tx, call) = self.cmd.into_call();
		let signer = tx.signer()?;
		let via = match self.via {
			Some(v) => v,
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
		match via {
			Via::Sudo => sudo(&tx, call, ctx).await,
			Via::Council => {
				let client = connect(&tx.node.url, ctx).await?;
				let pb = ctx.spinner(format!("proposing {} to the council…", call.label()));
				let p = council::propose(&client, &signer, &call).await;
				pb.finish_and_clear();
				Ok(p?.submitted.into())
			}
		}
	}
}

/// Data authority calls (dev chains: wrapped in `Sudo::sudo`).
#[derive(Subcommand, Debug)]
pub enum AuthorityCmd {
	/// Register a (province or city) institution with its certificate key.
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
	/// Add an operator account to an institution.
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
	/// Suspend an institution.
	Suspend {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		#[arg(value_parser = parse::division)]
		division: DivisionCode,
	},
	/// Reinstate a suspended institution.
	Reinstate {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		#[arg(value_parser = parse::division)]
		division: DivisionCode,
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

impl AuthorityCmd {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx) -> Result<TxReport> {
		let (tx, call) = self.into_call();
		sudo(&tx, call, ctx).await
	}

	/// The signer's options and the call (for `Sudo::sudo` or a council motion).
	pub fn into_call(self) -> (Tx, dengji_client::Call) {
		match self {
			AuthorityCmd::RegisterInstitution { tx, division, name, key } => {
				(tx, calls::register_institution(division, &name, key))
			}
			AuthorityCmd::AddOperator { tx, division, account } => {
				(tx, calls::add_operator(division, account))
			}
			AuthorityCmd::Suspend { tx, division } => (tx, calls::suspend(division)),
			AuthorityCmd::Reinstate { tx, division } => (tx, calls::reinstate(division)),
			AuthorityCmd::SetSm2Key { tx, division, key } => {
				(tx, dengji_client::sm2::set_sm2_key(division, key))
			}
			AuthorityCmd::RequireSm2 { tx, required } => {
				(tx, dengji_client::sm2::set_require_sm2(required))
			}
		}
	}
}

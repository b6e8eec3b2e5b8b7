//! Calls of the data authority (数据主管部门) over institutions, wrapped in `Sudo::sudo` (dev
//! chains; production chains pass them through the council).

use super::{sudo, Ctx};
use crate::{args::Tx, error::Result, output::TxReport, parse};
use clap::Subcommand;
use dengji_client::roles::authority as calls;
use dengji_primitives::DivisionCode;

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
		}
	}
}

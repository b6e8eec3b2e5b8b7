//! `dengji key inspect`: the public key and address of a secret URI or a polkadot.js key file,
//! offline — to check a key file and its password before using it to sign.

use crate::{
	error::{CliError, Result},
	keyfile::{self, KeyType},
	output::{Outcome, Output},
};
use clap::{Subcommand, ValueEnum};
use dengji_client::{account_to_ss58, rpc::to_hex, CertificateKey, Signer};
use serde::Serialize;
use std::{fmt, path::PathBuf};

/// `dengji key …`.
#[derive(Subcommand, Debug)]
pub enum KeyCmd {
	/// Show the public key and SS58 address of a key (a key file is decrypted, which checks
	/// its password: `DENGJI_PASSWORD` or a prompt).
	Inspect {
		/// A secret URI (`//Alice`, a mnemonic, `0x<seed>`).
		#[arg(
			long,
			env = "DENGJI_SURI",
			hide_env_values = true,
			required_unless_present = "key_file"
		)]
		suri: Option<String>,
		/// A polkadot.js JSON keystore (sr25519 or ed25519).
		#[arg(long, value_name = "FILE")]
		key_file: Option<PathBuf>,
		/// The scheme of `--suri` (key files name their own).
		#[arg(long, value_enum, default_value_t = Scheme::Sr25519)]
		scheme: Scheme,
	},
}

/// Signature scheme.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
	/// Accounts (transaction signers).
	Sr25519,
	/// Certificate keys.
	Ed25519,
}

impl KeyCmd {
	/// Runs the command.
	pub fn run(self) -> Result<Output> {
		let KeyCmd::Inspect { suri, key_file, scheme } = self;
		let bad =
			|e: dengji_client::Error| CliError::usage("密钥无效", format_args!("--suri: {e}"));
		let (kind, public) = match (key_file, suri) {
			(Some(path), _) => {
				let (_, ks) = keyfile::read(&path)?;
				let password = keyfile::password(&path, keyfile::PASSWORD_ENV)?;
				match ks.key_type() {
					Some(KeyType::Ed25519) => {
						(KeyType::Ed25519, keyfile::certificate_key(&path, &password)?.public())
					}
					_ => (KeyType::Sr25519, keyfile::signer(&path, &password)?.account_id()),
				}
			}
			(None, Some(suri)) => match scheme {
				Scheme::Sr25519 => {
					(KeyType::Sr25519, Signer::from_suri(&suri).map_err(bad)?.account_id())
				}
				Scheme::Ed25519 => {
					(KeyType::Ed25519, CertificateKey::from_suri(&suri).map_err(bad)?.public())
				}
			},
			(None, None) => {
				return Err(CliError::usage(
					"请给出 --suri 或 --key-file",
					"give --suri or --key-file",
				))
			}
		};
		Output::of(&KeyInfo {
			r#type: kind,
			public: to_hex(&public),
			ss58: account_to_ss58(&public),
		})
	}
}

/// A key's public half.
#[derive(Serialize)]
pub struct KeyInfo {
	/// sr25519 or ed25519.
	pub r#type: KeyType,
	/// Public key, `0x…`.
	pub public: String,
	/// SS58 address (generic prefix 42).
	pub ss58: String,
}

impl fmt::Display for KeyInfo {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{:?} {} {}", self.r#type, self.ss58, self.public)
	}
}

impl Outcome for KeyInfo {}

//! `dengji key inspect`: the public key and address of a secret URI or a polkadot.js key file,
//! offline — to check a key file and its password before using it to sign.

use crate::{
	error::{CliError, Result},
	keyfile::{self, KeyType},
	output::{Outcome, Output},
};
use clap::{Subcommand, ValueEnum};
use dengji_client::{account_to_ss58, rpc::to_hex, CertificateKey, Signer, Sm2Key};
use serde::Serialize;
use std::{fmt, path::PathBuf};

/// `dengji key …`.
#[derive(Subcommand, Debug)]
pub enum KeyCmd {
	/// 生成 SM2 密钥 Generate a new random SM2 co-signing key (GB/T 32918, issue 14): prints the
	/// secret (`0x` + 64 hex digits; keep it like a certificate key) and the public key the data
	/// authority registers (`dengji authority set-sm2-key`).
	Generate {
		/// The scheme (only `sm2`: sr25519/ed25519 keys come from `dengji-node key generate`).
		#[arg(long, value_enum, default_value_t = Scheme::Sm2)]
		scheme: Scheme,
	},
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
		/// The scheme of `--suri` (key files name their own). `sm2`: `--suri` is the secret
		/// (`0x` + 64 hex digits) or a development URI `//Alice//sm2`.
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
	/// 国密 SM2 co-signing keys of institutions (issue 14).
	Sm2,
}

impl KeyCmd {
	/// Runs the command.
	pub fn run(self) -> Result<Output> {
		let (suri, key_file, scheme) = match self {
			KeyCmd::Generate { scheme: Scheme::Sm2 } => {
				let key = Sm2Key::generate().map_err(|e| {
					CliError::usage("无法生成 SM2 密钥", format_args!("SM2 key generation: {e}"))
				})?;
				return Output::of(&Sm2KeyInfo::of(&key, true));
			}
			KeyCmd::Generate { scheme } => {
				return Err(CliError::usage(
					"仅支持生成 SM2 密钥",
					format_args!(
						"only --scheme sm2 is generated here; for {scheme:?} use `dengji-node key generate`"
					),
				))
			}
			KeyCmd::Inspect { suri, key_file, scheme } => (suri, key_file, scheme),
		};
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
				Scheme::Sm2 => {
					let key = Sm2Key::from_suri(&suri).map_err(|e| {
						CliError::usage("SM2 密钥无效", format_args!("--suri: {e}"))
					})?;
					return Output::of(&Sm2KeyInfo::of(&key, false));
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

/// An SM2 key's public half (and, when just generated, its secret).
#[derive(Serialize)]
pub struct Sm2KeyInfo {
	/// Always `sm2`.
	pub r#type: &'static str,
	/// Uncompressed SEC1 public key, `0x04…` (65 bytes), as the data authority registers it.
	pub public: String,
	/// The secret (`0x…`, 32 bytes): only from `dengji key generate`.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub secret: Option<String>,
}

impl Sm2KeyInfo {
	fn of(key: &Sm2Key, with_secret: bool) -> Self {
		Self {
			r#type: "sm2",
			public: to_hex(&key.public()),
			secret: with_secret.then(|| to_hex(&key.secret())),
		}
	}
}

impl fmt::Display for Sm2KeyInfo {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "SM2 public {}", self.public)?;
		if let Some(secret) = &self.secret {
			write!(f, "\nSM2 secret {secret} (保密 keep it secret)")?;
		}
		Ok(())
	}
}

impl Outcome for Sm2KeyInfo {}

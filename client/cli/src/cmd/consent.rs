//! `dengji consent issue`: the holder subject's consent for one verifier to see one certificate's
//! details on the registration platform (requirements §6 Q24: "details only with a
//! subject-issued, time-limited consent token"; [`dengji_verify::ConsentToken`]).
//!
//! The token names the chain, the certificate, the verifier's ed25519 public key and an expiry,
//! signed by one of the subject's accounts. The verifier sends it to the portal's
//! `GET /api/certificates/{code}/details` with its own signature of the request (see
//! `client/portal/README.md`); the portal checks both and logs the query.

use super::{cert::read_trust, check_chain, holder::holder_signature, read, write_file, Ctx};
use crate::{
	args::Tx,
	error::{CliError, Result},
	output::{serialize_via, Outcome, Output},
	parse::{self, CodeArg},
};
use clap::Subcommand;
use dengji_client::rpc::to_hex;
use dengji_primitives::Moment;
use dengji_verify::ConsentToken;
use serde_json::{json, Value};
use std::{fmt, path::PathBuf};

/// Consent tokens (Q24).
#[derive(Subcommand, Debug)]
pub enum ConsentCmd {
	/// 持有人 (holder) Consent to one verifier seeing a certificate's details until an expiry,
	/// signed by one of the subject's accounts (`--key-file` or `--suri`).
	Issue {
		/// Certificate code (or QR payload).
		#[arg(value_parser = parse::code_or_qr)]
		code: CodeArg,
		/// The verifier's ed25519 public key (64 hex digits), as it signs its requests.
		#[arg(long, value_parser = parse_key)]
		verifier: [u8; 32],
		/// Consent valid until this time (ms or `YYYY-MM-DD[THH:MM[:SS]]`).
		#[arg(long, value_parser = parse::time, conflicts_with = "ttl")]
		until: Option<Moment>,
		/// Consent valid for this many seconds from now (default one day).
		#[arg(long)]
		ttl: Option<u64>,
		/// Trust root file: the chain is its genesis hash (offline); else the node's.
		#[arg(long)]
		trust: Option<PathBuf>,
		/// The subject account signing (and the node, without `--trust`).
		#[command(flatten)]
		tx: Tx,
		/// Token file to write (`0x` hex of the binary token); default: printed only.
		#[arg(long, short = 'o')]
		output: Option<PathBuf>,
	},
}

fn parse_key(s: &str) -> std::result::Result<[u8; 32], String> {
	let bad =
		|| parse::zh_en("验证方公钥须为 64 位十六进制", "the verifier key must be 64 hex digits");
	let raw = hex::decode(s.trim().trim_start_matches("0x")).map_err(|_| bad())?;
	<[u8; 32]>::try_from(raw.as_slice()).map_err(|_| bad())
}

impl ConsentCmd {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx) -> Result<Output> {
		match self {
			ConsentCmd::Issue { code, verifier, until, ttl, trust, tx, output } => {
				let (code, chain) = code.resolve()?;
				let genesis = match trust {
					Some(t) => read_trust(&t)?.genesis_hash,
					None => read(&tx.node.url, ctx).await?.genesis_hash(),
				};
				check_chain(chain, genesis)?;
				let now = dengji_verify::UnixTimeMs::now().as_millis();
				let expires_at = match until {
					Some(t) => t,
					None => now.saturating_add(ttl.unwrap_or(86_400).saturating_mul(1000)),
				};
				if expires_at <= now {
					return Err(CliError::usage(
						"同意的有效期已过",
						"the consent would already have expired: give a later --until",
					));
				}
				let signer = tx.signer()?;
				let payload = ConsentToken::signing_payload(&genesis, &code, &verifier, expires_at);
				let signature = holder_signature(signer.sign(&payload)?)?;
				let token = ConsentToken {
					genesis_hash: genesis,
					code,
					verifier,
					expires_at,
					signer: signer.account_id(),
					signature,
				};
				let hex = to_hex(&token.to_bytes());
				if let Some(out) = &output {
					write_file(out, hex.as_bytes())?;
				}
				Output::of(&ConsentIssued { token, hex, file: output })
			}
		}
	}
}

/// `consent issue`: the token.
pub struct ConsentIssued {
	token: ConsentToken,
	hex: String,
	file: Option<PathBuf>,
}

impl ConsentIssued {
	fn value(&self) -> Value {
		json!({
			"code": self.token.code.to_string(),
			"verifier": to_hex(&self.token.verifier),
			"expires_at": self.token.expires_at,
			"signer": to_hex(&self.token.signer),
			"digest": to_hex(&self.token.digest()),
			"token": self.hex,
			"file": self.file.as_ref().map(|f| f.display().to_string()),
		})
	}
}
serialize_via!(ConsentIssued, value);
impl Outcome for ConsentIssued {}

impl fmt::Display for ConsentIssued {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		writeln!(
			f,
			"consent for verifier {} to see the details of {} until {} ms, signed by {}",
			to_hex(&self.token.verifier),
			self.token.code,
			self.token.expires_at,
			to_hex(&self.token.signer)
		)?;
		write!(f, "{}", self.hex)
	}
}

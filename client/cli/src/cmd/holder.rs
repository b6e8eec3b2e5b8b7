//! `dengji holder challenge|present`: proof that the presenter is the holder (YX-R §30 "登记证书是
//! …持有…的证明"; [`dengji_verify::holder`]).
//!
//! 1. The verifier (a bank) issues a challenge: `dengji holder challenge CODE --verifier NAME
//!    -o challenge.json` (a random nonce, the code, its name, an expiry, the chain);
//! 2. the holder signs it with one of its subject accounts: `dengji holder present CODE
//!    --challenge challenge.json --key-file staff.json -o presentation.json`, and may attach a
//!    bundle proving its accounts (`--bundle-out`, or `dengji cert bundle --holder`);
//! 3. the verifier checks it: `dengji cert verify CODE --presentation presentation.json
//!    --challenge challenge.json` (online, or offline with `--bundle --trust`): the signature,
//!    the challenge (the one issued, unexpired) and the signer among the subject's accounts
//!    proved by the bundle. Each failure is a verification failure (exit 4) naming the check.

use super::{
	cert::{read_bundle, read_trust},
	check_chain, read, read_file, write_file, Ctx,
};
use crate::{
	args::{Tx, VerifyOpts, DEFAULT_URL},
	error::{CliError, Result},
	exit::ExitCode,
	output::{serialize_via, Outcome, Output, VerificationReport},
	parse::{self, CodeArg},
};
use clap::Subcommand;
use dengji_client::{rpc::to_hex, TxSignature};
use dengji_primitives::{CertificateCode, Moment};
use dengji_verify::{Challenge, HolderSignature, Presentation, Presented, TrustRoot, VerifyError};
use serde_json::{json, Value};
use std::{
	fmt,
	path::{Path, PathBuf},
};

/// Holder presentations (YX-R §30).
#[derive(Subcommand, Debug)]
pub enum HolderCmd {
	/// 验证方 (verifier) Issue a challenge for the presenter of a certificate to sign: a random
	/// nonce, the code, your name, an expiry and the chain (from `--trust`, or the node's).
	Challenge {
		/// Certificate code (or QR payload).
		#[arg(value_parser = parse::code_or_qr)]
		code: CodeArg,
		/// Your name as verifier (1 to 256 bytes), so the answer is valid for you only.
		#[arg(long)]
		verifier: String,
		/// Seconds the answer is accepted.
		#[arg(long, default_value_t = 300)]
		ttl: u64,
		/// Trust root file: the chain is its genesis hash (offline).
		#[arg(long)]
		trust: Option<PathBuf>,
		/// Node URL, for the chain's genesis hash when no `--trust` is given.
		#[arg(long, env = "DENGJI_URL")]
		url: Option<String>,
		/// Issue as of this time (ms or `YYYY-MM-DD[THH:MM[:SS]]`); default now.
		#[arg(long, value_parser = parse::time)]
		at: Option<Moment>,
		/// Challenge file to write (JSON).
		#[arg(long, short = 'o')]
		output: PathBuf,
	},
	/// 持有人 (holder) Sign a verifier's challenge with one of the subject's accounts
	/// (`--key-file` or `--suri`).
	Present {
		/// Certificate code (or QR payload): must be the challenge's.
		#[arg(value_parser = parse::code_or_qr)]
		code: CodeArg,
		/// The challenge file received.
		#[arg(long)]
		challenge: PathBuf,
		/// The subject account signing, and the node (for `--bundle-out`).
		#[command(flatten)]
		tx: Tx,
		/// Presentation file to write (JSON).
		#[arg(long, short = 'o')]
		output: PathBuf,
		/// Also build a proof bundle with the holder proof from the node, for a verifier offline.
		#[arg(long)]
		bundle_out: Option<PathBuf>,
		/// Trust root for `--bundle-out` (default: the node's).
		#[arg(long, requires = "bundle_out")]
		trust: Option<PathBuf>,
	},
}

impl HolderCmd {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx) -> Result<Output> {
		match self {
			HolderCmd::Challenge { code, verifier, ttl, trust, url, at, output } => {
				let (code, chain) = code.resolve()?;
				let genesis = match (trust, url) {
					(Some(t), _) => read_trust(&t)?.genesis_hash,
					(None, Some(url)) => read(&url, ctx).await?.genesis_hash(),
					(None, None) => {
						return Err(CliError::usage(
							"请给出 --trust 或 --url（用于确定链）",
							"give --trust or --url (the chain the challenge is for)",
						))
					}
				};
				check_chain(chain, genesis)?;
				let now = at.unwrap_or_else(|| dengji_verify::UnixTimeMs::now().as_millis());
				let mut nonce = [0u8; 32];
				getrandom::fill(&mut nonce).map_err(|e| {
					CliError::usage("无法取得随机数", format_args!("no random nonce: {e}"))
				})?;
				let expires_at = now.saturating_add(ttl.saturating_mul(1000));
				let challenge = Challenge::new(genesis, code, verifier, nonce, expires_at)
					.map_err(|e| {
						CliError::usage("验证方名称无效", format_args!("--verifier: {e}"))
					})?;
				write_file(&output, challenge.to_json()?.as_bytes())?;
				Output::of(&ChallengeIssued { challenge, file: output })
			}
			HolderCmd::Present { code, challenge, tx, output, bundle_out, trust } => {
				let (code, chain) = code.resolve()?;
				let challenge = read_challenge(&challenge)?;
				check_chain(chain, challenge.genesis_hash)?;
				if challenge.code != code {
					return Err(VerifyError::ChallengeCodeMismatch {
						challenge: challenge.code,
						bundle: code,
					}
					.into());
				}
				let signer = tx.signer()?;
				let signature = holder_signature(signer.sign(&challenge.signing_payload())?)?;
				let presentation =
					Presentation { challenge, signer: signer.account_id(), signature };
				write_file(&output, presentation.to_json()?.as_bytes())?;
				if let Some(out) = &bundle_out {
					let client = read(&tx.node.url, ctx).await?;
					check_chain(Some(presentation.challenge.genesis_hash), client.genesis_hash())?;
					let trust = match trust {
						Some(t) => read_trust(&t)?,
						None => client.trust_root().await?,
					};
					let pb = ctx.spinner(format!("building a holder bundle for {code}…"));
					let bundle = client.build_holder_bundle(&code, &trust).await;
					pb.finish_and_clear();
					write_file(out, &bundle?.to_bytes())?;
					ctx.say(format!("bundle with holder proof saved to {}", out.display()));
				}
				Output::of(&PresentationWritten { presentation, file: output, bundle: bundle_out })
			}
		}
	}
}

/// A subject account's signature as a presentation carries it.
pub fn holder_signature(s: TxSignature) -> Result<HolderSignature> {
	match s {
		TxSignature::Sr25519(b) => Ok(HolderSignature::Sr25519(b)),
		TxSignature::Ed25519(b) => Ok(HolderSignature::Ed25519(b)),
		TxSignature::Ecdsa(_) => Err(CliError::usage(
			"持有人账户须为 sr25519 或 ed25519",
			"the holder's account must be sr25519 or ed25519 (ECDSA accounts are not subject accounts)",
		)),
	}
}

fn read_challenge(path: &Path) -> Result<Challenge> {
	let bytes = read_file("challenge", path)?;
	let s = std::str::from_utf8(&bytes)
		.map_err(|e| VerifyError::Decode { what: "challenge", reason: e.to_string() })
		.map_err(bad_file("challenge", path))?;
	Challenge::from_json(s).map_err(bad_file("challenge", path))
}

fn read_presentation(path: &Path) -> Result<Presentation> {
	let bytes = read_file("presentation", path)?;
	let s = std::str::from_utf8(&bytes)
		.map_err(|e| VerifyError::Decode { what: "presentation", reason: e.to_string() })
		.map_err(bad_file("presentation", path))?;
	Presentation::from_json(s).map_err(bad_file("presentation", path))
}

fn bad_file(what: &'static str, path: &Path) -> impl FnOnce(VerifyError) -> CliError {
	let path = path.to_path_buf();
	move |source| CliError::BadFile { what, path, source: Box::new(source) }
}

/// `cert verify --presentation P --challenge C`: the verification with the holder check
/// ([`dengji_verify::verify_presentation`]); offline with `bundle` and `trust` (the bundle must
/// carry the holder proof), else online (a holder bundle built from `url`, saved to `output`).
#[allow(clippy::too_many_arguments)]
pub async fn verify_presented(
	code: Option<&CodeArg>,
	url: Option<String>,
	bundle: Option<&Path>,
	trust: Option<&Path>,
	output: Option<&Path>,
	opts: &VerifyOpts,
	presentation: &Path,
	challenge: &Path,
	ctx: Ctx,
) -> Result<PresentationReport> {
	let issued = read_challenge(challenge)?;
	let presentation = read_presentation(presentation)?;
	let code: Option<CertificateCode> = match code {
		Some(c) => {
			let (code, chain) = c.resolve()?;
			check_chain(chain, issued.genesis_hash)?;
			Some(code)
		}
		None => None,
	};
	let (bundle, trust, online): (_, TrustRoot, bool) = match (bundle, trust) {
		(Some(b), Some(t)) => (read_bundle(b)?, read_trust(t)?, false),
		(Some(_), None) => {
			return Err(CliError::usage("--bundle 需要 --trust", "--bundle needs --trust"))
		}
		(None, trust) => {
			let code = code.unwrap_or(issued.code);
			let url = url.unwrap_or_else(|| DEFAULT_URL.to_string());
			let client = read(&url, ctx).await?;
			let trust = match trust {
				Some(t) => read_trust(t)?,
				None => {
					ctx.say("warning: no --trust given: trusting the node's own authority set (trust on first use)");
					client.trust_root().await?
				}
			};
			let pb = ctx.spinner(format!("building a holder bundle for {code}…"));
			let bundle = client.build_holder_bundle(&code, &trust).await;
			pb.finish_and_clear();
			let bundle = bundle?;
			if let Some(out) = output {
				write_file(out, &bundle.to_bytes())?;
				ctx.say(format!("bundle saved to {}", out.display()));
			}
			(bundle, trust, true)
		}
	};
	if let Some(code) = code {
		if code != bundle.code {
			return Err(VerifyError::CodeMismatch { expected: code, found: bundle.code }.into());
		}
	}
	let (policy, now) = opts.policy_and_now();
	let presented =
		dengji_verify::verify_presentation(&bundle, &trust, &policy, now, &issued, &presentation)?;
	ctx.say(format!(
		"presenter holds the certificate: account {} is an account of the subject {} (YX-R §30)",
		to_hex(&presented.signer),
		presented.subject
	));
	Ok(PresentationReport {
		report: VerificationReport { verification: presented.verification.clone(), online },
		presented,
	})
}

/// `holder challenge`: the challenge written.
pub struct ChallengeIssued {
	challenge: Challenge,
	file: PathBuf,
}

impl ChallengeIssued {
	fn value(&self) -> Value {
		json!({
			"file": self.file.display().to_string(),
			"code": self.challenge.code.to_string(),
			"verifier": self.challenge.verifier,
			"nonce": to_hex(&self.challenge.nonce),
			"expires_at": self.challenge.expires_at,
			"genesis_hash": to_hex(&self.challenge.genesis_hash),
		})
	}
}
serialize_via!(ChallengeIssued, value);
impl Outcome for ChallengeIssued {}

impl fmt::Display for ChallengeIssued {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(
			f,
			"challenge for {} by {} written to {} (expires at {} ms); hand it to the presenter",
			self.challenge.code,
			self.challenge.verifier,
			self.file.display(),
			self.challenge.expires_at
		)
	}
}

/// `holder present`: the presentation written.
pub struct PresentationWritten {
	presentation: Presentation,
	file: PathBuf,
	bundle: Option<PathBuf>,
}

impl PresentationWritten {
	fn value(&self) -> Value {
		json!({
			"file": self.file.display().to_string(),
			"code": self.presentation.challenge.code.to_string(),
			"verifier": self.presentation.challenge.verifier,
			"signer": to_hex(&self.presentation.signer),
			"bundle": self.bundle.as_ref().map(|b| b.display().to_string()),
		})
	}
}
serialize_via!(PresentationWritten, value);
impl Outcome for PresentationWritten {}

impl fmt::Display for PresentationWritten {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(
			f,
			"presentation of {} for {} signed by {}, written to {}",
			self.presentation.challenge.code,
			self.presentation.challenge.verifier,
			to_hex(&self.presentation.signer),
			self.file.display()
		)
	}
}

/// `cert verify --presentation`: the verification and the proved holder.
pub struct PresentationReport {
	/// The verification (verdict and proved facts).
	pub report: VerificationReport,
	presented: Presented,
}

impl PresentationReport {
	fn value(&self) -> Value {
		let mut v = serde_json::to_value(&self.report).unwrap_or(Value::Null);
		if let Value::Object(m) = &mut v {
			m.insert(
				"holder".into(),
				json!({
					"subject": self.presented.subject.to_string(),
					"signer": to_hex(&self.presented.signer),
					"subject_name": self.subject_name(),
					"presenter_is_holder": true,
				}),
			);
		}
		v
	}

	fn subject_name(&self) -> String {
		String::from_utf8_lossy(self.presented.holder.name.as_slice()).into_owned()
	}
}
serialize_via!(PresentationReport, value);

impl Outcome for PresentationReport {
	fn exit(&self) -> ExitCode {
		self.report.exit()
	}
}

impl fmt::Display for PresentationReport {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(
			f,
			"{}\nholder: presented by account {} of subject {} ({}) (YX-R §30)",
			self.report,
			to_hex(&self.presented.signer),
			self.presented.subject,
			self.subject_name()
		)
	}
}

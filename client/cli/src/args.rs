//! Command-line arguments (clap derive) and the parsers of values the chain takes.

use crate::exit::UsageError;
use clap::{Args, Parser, Subcommand, ValueEnum};
use dengji_primitives::{Digest, DivisionCode, Moment, Uscc};
use std::path::PathBuf;

/// Default node URL.
pub const DEFAULT_URL: &str = "ws://127.0.0.1:9944";

/// `dengji`: Dengji (登记) public-data registration chain client.
#[derive(Parser, Debug)]
#[command(name = "dengji", version, about, propagate_version = true)]
pub struct Cli {
	/// Machine-readable output: one JSON document on stdout.
	#[arg(long, global = true)]
	pub json: bool,
	/// No progress messages on stderr.
	#[arg(long, short, global = true)]
	pub quiet: bool,
	/// The command.
	#[command(subcommand)]
	pub command: Command,
}

/// Node connection.
#[derive(Args, Debug, Clone)]
pub struct Node {
	/// Node WebSocket URL.
	#[arg(long, env = "DENGJI_URL", default_value = DEFAULT_URL)]
	pub url: String,
}

/// Node connection and the sr25519 account signing the transaction.
#[derive(Args, Debug, Clone)]
pub struct Tx {
	/// Node connection.
	#[command(flatten)]
	pub node: Node,
	/// Secret URI of the signing account (`//Alice`, a mnemonic, `0x<seed>`).
	#[arg(long, env = "DENGJI_SURI")]
	pub suri: String,
}

/// Every command.
#[derive(Subcommand, Debug)]
pub enum Command {
	/// Certificate codes (offline).
	#[command(subcommand)]
	Code(CodeCmd),
	/// Certificates: show, verify online or offline, build bundles.
	#[command(subcommand)]
	Cert(CertCmd),
	/// Trust roots.
	#[command(subcommand)]
	Trust(TrustCmd),
	/// Chain information.
	#[command(subcommand)]
	Chain(ChainCmd),

	/// Institution: admit a registration subject (and the accounts it acts through).
	AdmitSubject {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Unified social credit code (USCC) of the subject.
		#[arg(long)]
		uscc: String,
		/// Subject name.
		#[arg(long)]
		name: String,
		/// Division code of the subject's seat.
		#[arg(long)]
		division: String,
		/// Accounts the subject acts through (SS58, 0x hex, or a `//Dev` URI).
		#[arg(long = "account", required = true)]
		accounts: Vec<String>,
	},
	/// Institution: record a real-name verification of an account (may then object).
	RealName {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The account (SS58, 0x hex, or a `//Dev` URI).
		account: String,
		/// The identity document data to digest (see DIGEST below).
		#[arg(long, default_value = "identity")]
		identity: String,
		/// An organisation rather than an individual.
		#[arg(long)]
		organisation: bool,
	},
	/// Subject: apply for first registration (首次登记).
	Apply {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Institution's division code.
		#[arg(long)]
		institution: String,
		/// Subject's USCC.
		#[arg(long)]
		uscc: String,
		/// What is registered.
		#[arg(long, value_enum, default_value_t = Object::Resource)]
		object: Object,
		/// Authorised-operation agreement id (products and services).
		#[arg(long)]
		agreement: Option<u64>,
		/// Basic information.
		#[command(flatten)]
		info: InfoArgs,
	},
	/// Subject: supplement (resubmit) after a deficiency notice.
	Supplement {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// Basic information.
		#[command(flatten)]
		info: InfoArgs,
	},
	/// Subject: withdraw an application before publicity.
	Withdraw {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
	},
	/// Subject: apply for a change registration (变更).
	Change {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Registration number.
		registration: u64,
		/// Basic information.
		#[command(flatten)]
		info: InfoArgs,
	},
	/// Subject: apply for renewal (续展) within 60 days before expiry.
	Renew {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Registration number.
		registration: u64,
		/// Years (1..=3).
		#[arg(long, default_value_t = 3)]
		years: u8,
	},
	/// Subject: apply for cancellation (注销).
	CancelRegistration {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Registration number.
		registration: u64,
		/// Ground (YX-R §21).
		#[arg(long, value_enum, default_value_t = CancelGround::RightsAbandonedOrExpired)]
		ground: CancelGround,
	},
	/// Subject: rebut an objection (异议申辩).
	Rebut {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Objection id.
		objection: u64,
		/// The rebuttal (DIGEST).
		#[arg(long, default_value = "rebuttal")]
		rebuttal: String,
	},
	/// Institution: accept an application (受理).
	Accept {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
	},
	/// Institution: refuse acceptance (不予受理).
	RefuseAcceptance {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// Reasons (DIGEST).
		#[arg(long, default_value = "reasons")]
		reasons: String,
	},
	/// Institution: one-time deficiency notice (一次性告知).
	RequestSupplement {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// The notice (DIGEST).
		#[arg(long, default_value = "notice")]
		notice: String,
	},
	/// Institution: review outcome: `--pass` publishes the notice (公示), `--refuse` refuses.
	Review {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// Review passed: publish.
		#[arg(long, conflicts_with = "refuse", required_unless_present = "refuse")]
		pass: bool,
		/// Review failed: refuse on these grounds (pallet variant names, e.g. `QualityDefect`).
		#[arg(long, value_delimiter = ',')]
		refuse: Option<Vec<String>>,
		/// The decision (DIGEST), for a refusal.
		#[arg(long, default_value = "decision")]
		decision: String,
	},
	/// Institution: publish an application's notice (same as `review --pass`).
	Publish {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
	},
	/// Anyone: lodge an objection during publicity (提出异议; needs real-name verification).
	Object {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// The objection (DIGEST).
		#[arg(long, default_value = "objection")]
		content: String,
		/// Its evidence (DIGEST).
		#[arg(long, default_value = "evidence")]
		evidence: String,
	},
	/// Institution: forward an objection to the subject (转送).
	Forward {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Objection id.
		objection: u64,
	},
	/// Institution: decide an objection.
	Decide {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Objection id.
		objection: u64,
		/// Uphold it (terminates the application); otherwise it is dismissed.
		#[arg(long)]
		upheld: bool,
		/// The decision (DIGEST).
		#[arg(long, default_value = "decision")]
		decision: String,
	},
	/// Anyone: record the end of the publicity window.
	ClosePublicity {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
	},
	/// Institution: approve an application (准予登记); drafts the certificate.
	Approve {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// The decision (DIGEST).
		#[arg(long, default_value = "decision")]
		decision: String,
	},
	/// Institution: issue a drafted certificate, signing it with the institution's ed25519 key.
	Issue {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Certificate code (from `CertificateDrafted` / `ApplicationApproved`).
		code: String,
		/// Secret URI of the institution's ed25519 certificate key.
		#[arg(long, env = "DENGJI_CERT_KEY")]
		key: String,
	},
	/// Institution: revoke a certificate (撤销, YX-R §27).
	Revoke {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Certificate code.
		code: String,
		/// Ground.
		#[arg(long, value_enum, default_value_t = RevokeGround::FalseMaterials)]
		ground: RevokeGround,
		/// The decision (DIGEST).
		#[arg(long, default_value = "decision")]
		decision: String,
	},
	/// Anyone: cancel and announce an expired, unrenewed certificate.
	ExpireCert {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Certificate code.
		code: String,
	},
	/// Data authority: submit an `Institutions` call through `Sudo::sudo` (dev chains).
	#[command(subcommand)]
	Authority(AuthorityCmd),
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
		#[arg(long)]
		division: String,
		/// Name.
		#[arg(long)]
		name: String,
		/// Public certificate key: 0x hex, or a secret URI to derive it from.
		#[arg(long)]
		key: String,
	},
	/// Add an operator account to an institution.
	AddOperator {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		#[arg(long)]
		division: String,
		/// The account (SS58, 0x hex, or a `//Dev` URI).
		account: String,
	},
	/// Suspend an institution.
	Suspend {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		division: String,
	},
	/// Reinstate a suspended institution.
	Reinstate {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Division code.
		division: String,
	},
}

/// `dengji code …`.
#[derive(Subcommand, Debug)]
pub enum CodeCmd {
	/// Check a certificate code's format and check character (offline).
	Check {
		/// `530400-2026-0000123-X` or the 18 characters without hyphens.
		code: String,
	},
}

/// Freshness and time options of verification.
#[derive(Args, Debug, Clone)]
pub struct VerifyOpts {
	/// Verify as of this time: ms since the epoch, or `YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]`
	/// (no offset: Asia/Shanghai). Default: now.
	#[arg(long)]
	pub at: Option<String>,
	/// Largest accepted age of the proved state, in seconds (older: `stale`).
	#[arg(long, default_value_t = 600)]
	pub max_age: u64,
}

/// `dengji cert …`.
#[derive(Subcommand, Debug)]
pub enum CertCmd {
	/// Show a certificate as the node stores it (unverified).
	Show {
		/// Node.
		#[command(flatten)]
		node: Node,
		/// Certificate code.
		code: String,
	},
	/// Verify a certificate: online through a proof bundle (`--url`), or offline
	/// (`--bundle FILE --trust FILE`).
	Verify {
		/// Certificate code (optional offline: then the bundle's code is verified).
		code: Option<String>,
		/// Node URL (online; ignored with `--bundle`).
		#[arg(long, env = "DENGJI_URL")]
		url: Option<String>,
		/// Bundle file (offline; binary or JSON).
		#[arg(long, requires = "trust")]
		bundle: Option<PathBuf>,
		/// Trust root file (JSON). Online without it, the node's own is used (trust on first use).
		#[arg(long)]
		trust: Option<PathBuf>,
		/// Save the bundle checked online to this file.
		#[arg(long, short = 'o', conflicts_with = "bundle")]
		output: Option<PathBuf>,
		/// Verification options.
		#[command(flatten)]
		opts: VerifyOpts,
	},
	/// Export a certificate document (signed body, for printing and offline signature checks)
	/// with its QR payload `dengji:1:<genesis>:<code>`.
	Document {
		/// Node.
		#[command(flatten)]
		node: Node,
		/// Certificate code (or QR payload).
		code: String,
		/// Output file (default: stdout, JSON).
		#[arg(long, short = 'o')]
		output: Option<PathBuf>,
		/// File format.
		#[arg(long, value_enum, default_value_t = DocFormat::Json)]
		format: DocFormat,
	},
	/// Check a certificate document's issuer signature offline (not its current status: use
	/// `cert verify` for that).
	CheckDocument {
		/// Document file (JSON or binary).
		file: PathBuf,
		/// The chain's genesis hash (0x…), or take it from `--trust`.
		#[arg(long, required_unless_present = "trust")]
		genesis: Option<String>,
		/// Trust root file giving the genesis hash.
		#[arg(long)]
		trust: Option<PathBuf>,
		/// Accept only these issuer keys (0x…; repeatable).
		#[arg(long = "issuer-key")]
		issuer_keys: Vec<String>,
	},
	/// Build a proof bundle for a certificate code and save it.
	Bundle {
		/// Node.
		#[command(flatten)]
		node: Node,
		/// Certificate code.
		code: String,
		/// Trust root file to anchor the bundle (default: the node's current trust root).
		#[arg(long)]
		trust: Option<PathBuf>,
		/// Output file.
		#[arg(long, short = 'o')]
		output: PathBuf,
		/// File format.
		#[arg(long, value_enum, default_value_t = BundleFormat::Binary)]
		format: BundleFormat,
	},
}

/// Certificate document file format.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocFormat {
	/// JSON (readable fields).
	Json,
	/// Versioned binary (`DJCD`).
	Binary,
}

/// `dengji trust …`.
#[derive(Subcommand, Debug)]
pub enum TrustCmd {
	/// Export the node's current trust root (genesis hash, GRANDPA authorities, set id) as JSON.
	Export {
		/// Node.
		#[command(flatten)]
		node: Node,
		/// Output file (default: stdout).
		#[arg(long, short = 'o')]
		output: Option<PathBuf>,
	},
}

/// `dengji chain …`.
#[derive(Subcommand, Debug)]
pub enum ChainCmd {
	/// The finalized head, genesis hash and chain time.
	Info {
		/// Node.
		#[command(flatten)]
		node: Node,
	},
	/// The events of a block.
	Events {
		/// Node.
		#[command(flatten)]
		node: Node,
		/// Block hash (default: the finalized head).
		block: Option<String>,
	},
}

/// Basic information of an application.
#[derive(Args, Debug, Clone)]
pub struct InfoArgs {
	/// Data name (数据名称).
	#[arg(long)]
	pub data_name: String,
	/// Summary (数据内容简介).
	#[arg(long, default_value = "")]
	pub summary: String,
	/// The complete basic-information form (DIGEST).
	#[arg(long, default_value = "form")]
	pub form: String,
	/// Materials (DIGEST each; repeatable).
	#[arg(long = "material")]
	pub materials: Vec<String>,
}

/// Object kind.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Object {
	/// 公共数据资源.
	Resource,
	/// 公共数据产品和服务.
	Product,
}

/// Cancellation grounds (YX-R §21).
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelGround {
	/// §21(一).
	ResourceLost,
	/// §21(二).
	RightsAbandonedOrExpired,
	/// §21(三).
	SubjectCeased,
	/// §21(四).
	OtherLawful,
}

/// Revocation grounds (YX-R §27).
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RevokeGround {
	/// §27(一).
	FalseMaterials,
	/// §27(二).
	ForgedCertificate,
	/// §27(三).
	UnlawfulUse,
	/// §27(四).
	OtherViolation,
}

/// Bundle file format.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BundleFormat {
	/// Versioned binary (`DJPB`).
	Binary,
	/// JSON.
	Json,
}

fn usage(msg: String) -> anyhow::Error {
	UsageError(msg).into()
}

/// A DIGEST argument: `0x` + 64 hex digits is taken as the digest itself, `@PATH` is the
/// BLAKE2-256 of the file's bytes, anything else the BLAKE2-256 of the text.
pub fn parse_digest(s: &str) -> anyhow::Result<Digest> {
	if let Some(h) = s.strip_prefix("0x").filter(|h| h.len() == 64) {
		let bytes = hex::decode(h).map_err(|e| usage(format!("digest `{s}`: {e}")))?;
		let mut d = [0u8; 32];
		d.copy_from_slice(&bytes);
		return Ok(d);
	}
	if let Some(path) = s.strip_prefix('@') {
		let data = std::fs::read(path).map_err(|e| usage(format!("digest file `{path}`: {e}")))?;
		return Ok(dengji_primitives::blake2_256(&data));
	}
	Ok(dengji_primitives::blake2_256(s.as_bytes()))
}

/// A division code.
pub fn parse_division(s: &str) -> anyhow::Result<DivisionCode> {
	DivisionCode::parse(s).map_err(|e| usage(format!("division code `{s}`: {e:?}")))
}

/// A USCC.
pub fn parse_uscc(s: &str) -> anyhow::Result<Uscc> {
	s.parse::<Uscc>().map_err(|e| usage(format!("USCC `{s}`: {e}")))
}

/// A certificate code, or a QR payload `dengji:1:<genesis-hash>:<code>` (then also its chain).
/// A malformed code is a usage error; a QR payload that fails its checks is a verification
/// failure.
pub fn parse_code_or_qr(
	s: &str,
) -> anyhow::Result<(dengji_primitives::CertificateCode, Option<[u8; 32]>)> {
	if s.trim().to_ascii_lowercase().starts_with("dengji:") {
		let qr = dengji_verify::QrPayload::parse(s.trim())?;
		return Ok((qr.code, Some(qr.genesis_hash)));
	}
	Ok((parse_code(s)?, None))
}

/// A certificate code (usage error when malformed).
pub fn parse_code(s: &str) -> anyhow::Result<dengji_primitives::CertificateCode> {
	dengji_primitives::CertificateCode::parse(s)
		.map_err(|e| usage(format!("certificate code `{s}`: {e:?}")))
}

/// An account: `0x` + 64 hex digits, an SS58 address, or a secret URI (`//Bob`) whose sr25519
/// public key is taken.
pub fn parse_account(s: &str) -> anyhow::Result<[u8; 32]> {
	if let Some(h) = s.strip_prefix("0x") {
		let bytes = hex::decode(h).map_err(|e| usage(format!("account `{s}`: {e}")))?;
		return bytes.try_into().map_err(|_| usage(format!("account `{s}`: not 32 bytes")));
	}
	if s.starts_with("//") {
		return Ok(dengji_client::Signer::from_suri(s)?.account_id());
	}
	Ok(dengji_client::account_from_ss58(s)?)
}

/// An ed25519 public key: `0x` + 64 hex digits, or a secret URI to derive it from.
pub fn parse_ed25519_public(s: &str) -> anyhow::Result<[u8; 32]> {
	if let Some(h) = s.strip_prefix("0x").filter(|h| h.len() == 64) {
		let bytes = hex::decode(h).map_err(|e| usage(format!("key `{s}`: {e}")))?;
		return bytes.try_into().map_err(|_| usage(format!("key `{s}`: not 32 bytes")));
	}
	Ok(dengji_client::CertificateKey::from_suri(s)?.public())
}

/// A point in time: ms since the epoch, or `YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]` (Asia/Shanghai
/// when no offset is given, as legal dates are).
pub fn parse_time(s: &str) -> anyhow::Result<Moment> {
	let bad = || {
		usage(format!(
			"time `{s}`: expected ms since the epoch or YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]"
		))
	};
	if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
		return s.parse::<u64>().map_err(|_| bad());
	}
	let (date, rest) = s.split_at(s.len().min(10));
	let date = dengji_primitives::Date::parse(date).ok_or_else(bad)?;
	let mut secs: i64 = i64::from(date.to_day_index()) * 86_400;
	let mut rest = rest.strip_prefix(['T', ' ']).unwrap_or(rest);
	let mut offset: i64 = 8 * 3600;
	if let Some(tz_pos) = rest.find(['Z', '+', '-']) {
		let (time, tz) = rest.split_at(tz_pos);
		offset = match tz {
			"Z" => 0,
			_ => {
				let sign = if tz.starts_with('-') { -1 } else { 1 };
				let (h, m) = tz[1..].split_once(':').ok_or_else(bad)?;
				let h: i64 = h.parse().map_err(|_| bad())?;
				let m: i64 = m.parse().map_err(|_| bad())?;
				sign * (h * 3600 + m * 60)
			}
		};
		rest = time;
	}
	if !rest.is_empty() {
		let parts: Vec<&str> = rest.split(':').collect();
		if parts.len() < 2 || parts.len() > 3 {
			return Err(bad());
		}
		let mut mult = 3600;
		for p in parts {
			let v: i64 = p.parse().map_err(|_| bad())?;
			secs += v * mult;
			mult /= 60;
		}
	}
	secs -= offset;
	u64::try_from(secs).map(|s| s * 1000).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
	use super::*;
	use clap::CommandFactory;

	fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
		Cli::try_parse_from(std::iter::once("dengji").chain(args.iter().copied()))
	}

	#[test]
	fn clap_definition_is_consistent() {
		Cli::command().debug_assert();
	}

	#[test]
	fn offline_verify_parses_bundle_trust_and_time() {
		let cli = parse(&[
			"--json",
			"cert",
			"verify",
			"--bundle",
			"b.bin",
			"--trust",
			"t.json",
			"--at",
			"2026-05-01",
			"--max-age",
			"60",
		])
		.unwrap();
		assert!(cli.json);
		let Command::Cert(CertCmd::Verify { code, url, bundle, trust, opts, .. }) = cli.command
		else {
			panic!("cert verify")
		};
		assert_eq!(code, None);
		assert_eq!(url, None);
		assert_eq!(bundle.unwrap().to_str(), Some("b.bin"));
		assert_eq!(trust.unwrap().to_str(), Some("t.json"));
		assert_eq!(opts.at.as_deref(), Some("2026-05-01"));
		assert_eq!(opts.max_age, 60);
	}

	#[test]
	fn bundle_without_trust_is_a_usage_error() {
		assert!(parse(&["cert", "verify", "--bundle", "b.bin"]).is_err());
		// With `--bundle` the check is offline; a node URL (e.g. from DENGJI_URL) is ignored.
		assert!(
			parse(&["cert", "verify", "--bundle", "b", "--trust", "t", "--url", "ws://x"]).is_ok()
		);
	}

	#[test]
	fn role_commands_take_a_signer_and_default_url() {
		let cli = parse(&["accept", "7", "--suri", "//Alice"]).unwrap();
		let Command::Accept { tx, application } = cli.command else { panic!("accept") };
		assert_eq!(application, 7);
		assert_eq!(tx.suri, "//Alice");
		assert_eq!(tx.node.url, DEFAULT_URL);
		assert!(parse(&["accept", "7"]).is_err() || std::env::var("DENGJI_SURI").is_ok());
	}

	#[test]
	fn review_needs_pass_or_refuse_not_both() {
		assert!(parse(&["review", "1", "--suri", "//A", "--pass"]).is_ok());
		let cli = parse(&["review", "1", "--suri", "//A", "--refuse", "QualityDefect,PublicOrder"])
			.unwrap();
		let Command::Review { refuse, pass, .. } = cli.command else { panic!("review") };
		assert!(!pass);
		assert_eq!(refuse.unwrap(), vec!["QualityDefect", "PublicOrder"]);
		assert!(parse(&["review", "1", "--suri", "//A"]).is_err());
		assert!(parse(&["review", "1", "--suri", "//A", "--pass", "--refuse", "X"]).is_err());
	}

	#[test]
	fn digest_argument_forms() {
		let hex = format!("0x{}", "ab".repeat(32));
		assert_eq!(parse_digest(&hex).unwrap(), [0xab; 32]);
		assert_eq!(parse_digest("decision").unwrap(), dengji_primitives::blake2_256(b"decision"));
		let dir = tempfile::tempdir().unwrap();
		let f = dir.path().join("m.pdf");
		std::fs::write(&f, b"material").unwrap();
		assert_eq!(
			parse_digest(&format!("@{}", f.display())).unwrap(),
			dengji_primitives::blake2_256(b"material")
		);
		assert!(parse_digest("@/no/such/file").is_err());
	}

	#[test]
	fn time_argument_forms() {
		assert_eq!(parse_time("1780000000000").unwrap(), 1_780_000_000_000);
		// Legal dates are Asia/Shanghai: midnight there is 16:00 UTC the day before.
		assert_eq!(parse_time("2026-01-01").unwrap(), 1_767_196_800_000);
		assert_eq!(parse_time("2026-01-01T00:00:00Z").unwrap(), 1_767_225_600_000);
		assert_eq!(parse_time("2026-01-01T08:00+08:00").unwrap(), 1_767_225_600_000);
		assert_eq!(parse_time("2026-01-01 01:30:15-01:00").unwrap(), 1_767_234_615_000);
		assert!(parse_time("yesterday").is_err());
		assert!(parse_time("2026-13-01").is_err());
	}

	#[test]
	fn account_argument_forms() {
		let alice = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
		let want: [u8; 32] = hex::decode(alice).unwrap().try_into().unwrap();
		assert_eq!(parse_account(&format!("0x{alice}")).unwrap(), want);
		assert_eq!(parse_account("//Alice").unwrap(), want);
		assert_eq!(
			parse_account("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY").unwrap(),
			want
		);
		assert!(parse_account("0x1234").is_err());
	}

	#[test]
	fn certificate_key_argument_forms() {
		let grandpa_alice = "88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee";
		assert_eq!(hex::encode(parse_ed25519_public("//Alice").unwrap()), grandpa_alice);
		assert_eq!(
			hex::encode(parse_ed25519_public(&format!("0x{grandpa_alice}")).unwrap()),
			grandpa_alice
		);
	}

	#[test]
	fn qr_payload_is_accepted_where_a_code_is() {
		let genesis = "ee7021c49d46123c55e1ea660d2e20b0b0b5c4a2f537f2538eebdda303683087";
		let (code, chain) =
			parse_code_or_qr(&format!("dengji:1:{genesis}:530400-2026-0000123-6")).unwrap();
		assert_eq!(code.to_string(), "530400-2026-0000123-6");
		assert_eq!(hex::encode(chain.unwrap()), genesis);
		let (code, chain) = parse_code_or_qr("530400-2026-0000123-6").unwrap();
		assert_eq!((code.serial, chain), (123, None));
		let bad = parse_code_or_qr(&format!("dengji:1:{genesis}:530400-2026-0000123-0"));
		assert_eq!(
			crate::ExitCode::of_error(&bad.unwrap_err()),
			crate::ExitCode::VerificationFailed
		);
	}

	#[test]
	fn bad_inputs_are_usage_errors() {
		let e = parse_division("12").unwrap_err();
		assert_eq!(crate::ExitCode::of_error(&e), crate::ExitCode::Usage);
		let e = parse_code("530400-2026-0000123-0").unwrap_err();
		assert_eq!(crate::ExitCode::of_error(&e), crate::ExitCode::Usage);
	}
}

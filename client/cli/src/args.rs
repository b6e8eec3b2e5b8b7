//! The command line: global flags, the command groups (each defined with its code in
//! [`crate::cmd`]) and the argument groups several commands share.

use crate::{cmd, error::CliError, keyfile, parse};
use clap::{ArgAction, Args, Parser, Subcommand};
use dengji_client::{roles::BasicInfo, CertificateKey, Signer};
use dengji_primitives::{Digest, Moment};
use std::path::PathBuf;

/// Default node URL.
pub const DEFAULT_URL: &str = "ws://127.0.0.1:9944";

/// `dengji`: Dengji (登记) public-data registration chain client.
#[derive(Parser, Debug)]
#[command(name = "dengji", version, about, propagate_version = true)]
pub struct Cli {
	/// Machine-readable output: one JSON document on stdout (errors too).
	#[arg(long, global = true)]
	pub json: bool,
	/// No progress messages on stderr.
	#[arg(long, short, global = true)]
	pub quiet: bool,
	/// Log more on stderr (-v info, -vv debug, -vvv trace); `RUST_LOG` overrides.
	#[arg(long, short, global = true, action = ArgAction::Count)]
	pub verbose: u8,
	/// The command.
	#[command(subcommand)]
	pub command: Command,
}

/// Every command.
#[derive(Subcommand, Debug)]
pub enum Command {
	/// Certificate codes and USCCs: check characters, checks (offline).
	#[command(subcommand)]
	Code(cmd::code::CodeCmd),
	/// Certificates: show, verify online or offline, build bundles, documents.
	#[command(subcommand)]
	Cert(cmd::cert::CertCmd),
	/// 持有证明 Proof that the presenter holds a certificate (YX-R §30): the verifier's challenge,
	/// the holder's signed presentation (checked by `cert verify --presentation`).
	#[command(subcommand)]
	Holder(cmd::holder::HolderCmd),
	/// 同意 The holder's consent for a verifier to see a certificate's details on the platform
	/// (requirements Q24).
	#[command(subcommand)]
	Consent(cmd::consent::ConsentCmd),
	/// Trust roots.
	#[command(subcommand)]
	Trust(cmd::trust::TrustCmd),
	/// Chain information: head, events, the chain clock, waiting for a chain day.
	#[command(subcommand)]
	Chain(cmd::chain::ChainCmd),
	/// Keys: inspect a secret URI or a polkadot.js key file (offline).
	#[command(subcommand)]
	Key(cmd::key::KeyCmd),
	/// 离线签名 Sign a certificate payload (`dengji cert payload`) with an offline key: an
	/// ed25519 keystore or an SM2 key file; shows what it signs (issue 11 §5).
	Sign(cmd::offline_sign::SignArgs),
	/// Institution commands (登记机构).
	#[command(flatten)]
	Institution(cmd::institution::InstitutionCmd),
	/// Subject and public commands (登记主体, 异议人).
	#[command(flatten)]
	Subject(cmd::subject::SubjectCmd),
	/// 数据主管部门 Data authority calls (institutions, keys, validators, authorities, agreements,
	/// calendar, council membership) through a council motion, `Sudo::sudo` (dev) or signed by a
	/// city/county authority (`--via council|sudo|direct`).
	Authority(cmd::authority::AuthorityArgs),
	/// 数据主管部门委员会 Council: motions (propose, vote, close, motions) and runtime upgrades.
	#[command(subcommand)]
	Council(cmd::council::CouncilCmd),
	/// 投诉 Complaints about institutions' registration acts (YX-R §25): lodge, refer, decide, list.
	#[command(subcommand)]
	Complaint(cmd::supervision::ComplaintCmd),
	/// 第三方专业服务机构 Third-party service institutions (YX-R §11, §28): register, suspend,
	/// reinstate, remove, list.
	#[command(subcommand)]
	ServiceInstitution(cmd::supervision::ServiceInstitutionCmd),
	/// 验证人 Validators: register a validator node's session keys (`set-keys`).
	#[command(subcommand)]
	Validator(cmd::validator::ValidatorCmd),
	/// Applications (申请): show one, or list them by state, institution or subject; read from
	/// the node's state (no portal needed). Records only, never statistics (YX-R §24).
	#[command(subcommand)]
	App(cmd::query::AppCmd),
	/// Registrations (登记): show one by its number. Records only (YX-R §24).
	#[command(subcommand)]
	Registration(cmd::query::RegistrationCmd),
	/// Notices in publicity (公示, YX-R §22) with the working days left. Records only (YX-R §24).
	#[command(subcommand)]
	Publicity(cmd::query::PublicityCmd),
	/// An institution's open applications and objections by deadline, overdue ones marked.
	/// Records only (YX-R §24).
	Queue(cmd::query::QueueArgs),
	/// 目录 The catalogue built from registrations (YX-R §7(一)): every active registration with its
	/// basic information and classification (YX-R §12). Records only (YX-R §24).
	Catalogue(cmd::catalogue::CatalogueArgs),
	/// 定期复核 Registrations not updated for --months (default 12) or more, for the periodic
	/// review reminder (YX-R §6; Q39: reminders off chain). Records only (YX-R §24).
	ReviewDue(cmd::review_due::ReviewDueArgs),
	/// 基本信息 Applicant: declare an application's typed basic information (the nine items of
	/// YX-R §12, classification and grade); needed before publicity where the data authority
	/// requires it.
	DeclareDetails(cmd::details::DeclareDetailsArgs),
	/// Print a shell completion script.
	Completions {
		/// The shell.
		shell: clap_complete::Shell,
	},
	/// Print the man page (roff), or write one page per command into a directory.
	Man {
		/// Write `dengji.1`, `dengji-cert.1`, … into this directory.
		#[arg(long)]
		dir: Option<PathBuf>,
	},
}

/// Node connection.
#[derive(Args, Debug, Clone)]
pub struct Node {
	/// Node WebSocket URL.
	#[arg(long, env = "DENGJI_URL", default_value = DEFAULT_URL)]
	pub url: String,
}

/// Node connection and the sr25519 account signing the transaction: `--key-file` (a polkadot.js
/// JSON keystore; password from `DENGJI_PASSWORD` or a prompt) or `--suri`.
#[derive(Args, Debug, Clone)]
pub struct Tx {
	/// Node connection.
	#[command(flatten)]
	pub node: Node,
	/// Secret URI of the signing account (`//Alice`, a mnemonic, `0x<seed>`): visible in shell
	/// history and `ps`, so for dev chains; see `--key-file`.
	#[arg(long, env = "DENGJI_SURI", hide_env_values = true, required_unless_present = "key_file")]
	pub suri: Option<String>,
	/// polkadot.js JSON keystore of the signing account (sr25519; password from
	/// `DENGJI_PASSWORD` or a prompt). Used rather than `--suri` when both are given.
	#[arg(long, env = "DENGJI_KEY_FILE", value_name = "FILE")]
	pub key_file: Option<PathBuf>,
}

impl Tx {
	/// The signer.
	pub fn signer(&self) -> Result<Signer, CliError> {
		match (&self.key_file, &self.suri) {
			(Some(path), _) => {
				let password = keyfile::password(path, keyfile::PASSWORD_ENV)?;
				keyfile::signer(path, &password)
			}
			(None, Some(suri)) => Signer::from_suri(suri)
				.map_err(|e| CliError::usage("签名账户的密钥无效", format_args!("--suri: {e}"))),
			(None, None) => Err(CliError::usage(
				"缺少签名账户",
				"no signer: give --key-file or --suri (or DENGJI_KEY_FILE / DENGJI_SURI)",
			)),
		}
	}
}

/// An institution's ed25519 certificate key: `--cert-key-file` (password from
/// `DENGJI_CERT_KEY_PASSWORD` or a prompt) or `--key`.
#[derive(Args, Debug, Clone)]
pub struct CertKeyArgs {
	/// Secret URI of the institution's ed25519 certificate key (dev chains; see
	/// `--cert-key-file`).
	#[arg(
		long,
		env = "DENGJI_CERT_KEY",
		hide_env_values = true,
		required_unless_present = "cert_key_file"
	)]
	pub key: Option<String>,
	/// polkadot.js JSON keystore of the certificate key (ed25519; password from
	/// `DENGJI_CERT_KEY_PASSWORD` or a prompt). Used rather than `--key` when both are given.
	#[arg(long, env = "DENGJI_CERT_KEY_FILE", value_name = "FILE")]
	pub cert_key_file: Option<PathBuf>,
}

impl CertKeyArgs {
	/// The key.
	pub fn key(&self) -> Result<CertificateKey, CliError> {
		match (&self.cert_key_file, &self.key) {
			(Some(path), _) => {
				let password = keyfile::password(path, keyfile::CERT_KEY_PASSWORD_ENV)?;
				keyfile::certificate_key(path, &password)
			}
			(None, Some(suri)) => CertificateKey::from_suri(suri)
				.map_err(|e| CliError::usage("证书密钥无效", format_args!("--key: {e}"))),
			(None, None) => Err(CliError::usage(
				"缺少证书密钥",
				"no certificate key: give --cert-key-file or --key",
			)),
		}
	}
}

/// Freshness and time options of verification.
#[derive(Args, Debug, Clone)]
pub struct VerifyOpts {
	/// Verify as of this time: ms since the epoch, or `YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]`
	/// (no offset: Asia/Shanghai). Default: now.
	#[arg(long, value_parser = parse::time)]
	pub at: Option<Moment>,
	/// Largest accepted age of the proved state, in seconds (older: `stale`).
	#[arg(long, default_value_t = 600)]
	pub max_age: u64,
	/// Require the issuer's SM2 co-signature (SM2 with SM3, GB/T 32918), for verifiers whose
	/// security assessment (密评, GB/T 39786) asks for national algorithms. A co-signature that
	/// is present is always checked.
	#[arg(long)]
	pub require_sm2: bool,
	/// Presented registration details to match against the certificate's content digest:
	/// `@FILE`, the complete basic-information form as filed (BLAKE2-256 of its bytes, YX-R §12).
	#[arg(long, value_name = "@FILE", value_parser = parse::content_file)]
	pub content: Option<PathBuf>,
}

impl VerifyOpts {
	/// The policy and the time to verify at.
	pub fn policy_and_now(&self) -> (dengji_client::Policy, dengji_verify::UnixTimeMs) {
		let now = self.at.map(dengji_verify::UnixTimeMs::from_millis);
		let policy = dengji_client::Policy {
			max_age_ms: self.max_age.saturating_mul(1000),
			require_sm2: self.require_sm2,
		};
		(policy, now.unwrap_or_else(dengji_verify::UnixTimeMs::now))
	}
}

/// Basic information of an application. DIGEST arguments: `@FILE` digests the file's bytes,
/// `0x` + 64 hex digits is the digest itself, any other text is digested as text.
#[derive(Args, Debug, Clone)]
pub struct InfoArgs {
	/// Data name (数据名称).
	#[arg(long)]
	pub data_name: String,
	/// Summary (数据内容简介).
	#[arg(long, default_value = "")]
	pub summary: String,
	/// The complete basic-information form (DIGEST, e.g. `@form.pdf`).
	#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
	pub form: Digest,
	/// Materials (DIGEST each, e.g. `@licence.pdf`; repeatable).
	#[arg(long = "material", value_parser = parse::digest, value_name = "DIGEST")]
	pub materials: Vec<Digest>,
}

impl InfoArgs {
	/// The SDK's form.
	pub fn basic_info(&self) -> BasicInfo {
		BasicInfo {
			data_name: self.data_name.clone(),
			summary: self.summary.clone(),
			content_digest: self.form,
			materials: self.materials.clone(),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::cmd::{cert::CertCmd, institution::InstitutionCmd};
	use clap::CommandFactory;
	use dengji_client::grounds::RefusalGround;

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
		assert_eq!(opts.at, Some(parse::time("2026-05-01").unwrap()));
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
		let Command::Institution(InstitutionCmd::Accept { tx, application }) = cli.command else {
			panic!("accept")
		};
		assert_eq!(application, 7);
		assert_eq!(tx.suri.as_deref(), Some("//Alice"));
		assert_eq!(tx.node.url, DEFAULT_URL);
		assert!(
			parse(&["accept", "7"]).is_err()
				|| std::env::var("DENGJI_SURI").is_ok()
				|| std::env::var("DENGJI_KEY_FILE").is_ok()
		);
		let cli = parse(&["accept", "7", "--key-file", "k.json"]).unwrap();
		let Command::Institution(InstitutionCmd::Accept { tx, .. }) = cli.command else {
			panic!("accept")
		};
		assert_eq!(tx.key_file.unwrap().to_str(), Some("k.json"));
	}

	#[test]
	fn review_needs_pass_or_refuse_not_both() {
		assert!(parse(&["review", "1", "--suri", "//A", "--pass"]).is_ok());
		let cli = parse(&[
			"review",
			"1",
			"--suri",
			"//A",
			"--refuse",
			"QualityDefect,public-order",
			"--decision",
			"@/dev/null",
		])
		.unwrap();
		let Command::Institution(InstitutionCmd::Review { refuse, pass, .. }) = cli.command else {
			panic!("review")
		};
		assert!(!pass);
		assert_eq!(refuse, vec![RefusalGround::QualityDefect, RefusalGround::PublicOrder]);
		assert!(parse(&["review", "1", "--suri", "//A"]).is_err());
		assert!(parse(&["review", "1", "--suri", "//A", "--pass", "--refuse", "X"]).is_err());
		// A refusal states its decision (YX-R §17): no silent default digest.
		assert!(parse(&["review", "1", "--suri", "//A", "--refuse", "quality-defect"]).is_err());
	}

	#[test]
	fn required_digests_have_no_default() {
		for args in [
			&["approve", "1", "--suri", "//A"][..],
			&["decide", "1", "--suri", "//A"],
			&["revoke", "530400-2026-0000123-6", "--suri", "//A"],
			&["object", "1", "--suri", "//A", "--content", "x"],
			&["rebut", "1", "--suri", "//A"],
			&["refuse-acceptance", "1", "--suri", "//A"],
			&["request-supplement", "1", "--suri", "//A"],
			&["real-name", "//Bob", "--suri", "//A"],
			&[
				"apply",
				"--suri",
				"//A",
				"--institution",
				"530400",
				"--uscc",
				"91530400MA6N000007",
				"--data-name",
				"d",
			],
		] {
			let e = parse(args).unwrap_err();
			assert_eq!(e.kind(), clap::error::ErrorKind::MissingRequiredArgument, "{args:?}");
			assert_eq!(e.exit_code(), 2);
		}
	}

	#[test]
	fn bad_values_are_clap_usage_errors_with_the_parsers_sentence() {
		let e = parse(&["revoke", "530400-2026-0000123-0", "--suri", "//A", "--decision", "d"])
			.unwrap_err();
		assert_eq!(e.exit_code(), 2);
		let msg = crate::error::clap_message(&e);
		assert!(msg.contains("expected 6") && msg.contains("校验位"), "{msg}");
		assert!(!msg.contains("BadCheckCharacter"), "{msg}");
	}
}

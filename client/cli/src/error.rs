//! [`CliError`]: everything a command can fail with, mapped to an exit code by one `match`
//! ([`CliError::exit_code`]) and printed as one message in which no part repeats
//! ([`CliError::message`]).

use crate::{exit::ExitCode, parse};
use dengji_client::Error as SdkError;
use dengji_verify::VerifyError;
use serde_json::{json, Value};
use std::path::PathBuf;

/// A command's failure.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
	/// A bad argument found after parsing (clap reports the ones it finds itself): one sentence,
	/// Chinese first, then English.
	#[error("{0}")]
	Usage(String),
	/// The SDK failed (network, refusal, verification of an online bundle…).
	#[error(transparent)]
	Sdk(Box<SdkError>),
	/// The verification core rejected a bundle, trust root, document or QR payload.
	#[error(transparent)]
	Verify(Box<VerifyError>),
	/// A file (bundle, trust root, document) does not decode or fails a check: a verification
	/// failure like any other bad bundle.
	#[error("{what} {}: {source}", path.display())]
	BadFile {
		/// What the file should hold.
		what: &'static str,
		/// The file.
		path: PathBuf,
		/// Why it was rejected.
		#[source]
		source: Box<VerifyError>,
	},
	/// A local file could not be read.
	#[error("无法读取文件 (cannot read {what} {}: {source})", path.display())]
	Read {
		/// What the file holds.
		what: &'static str,
		/// The file.
		path: PathBuf,
		/// Why.
		#[source]
		source: std::io::Error,
	},
	/// A local file could not be written.
	#[error("无法写入文件 (cannot write {}: {source})", path.display())]
	Write {
		/// The file.
		path: PathBuf,
		/// Why.
		#[source]
		source: std::io::Error,
	},
	/// JSON could not be produced.
	#[error("JSON: {0}")]
	Json(#[from] serde_json::Error),
}

impl From<SdkError> for CliError {
	fn from(e: SdkError) -> Self {
		CliError::Sdk(Box::new(e))
	}
}

impl From<VerifyError> for CliError {
	fn from(e: VerifyError) -> Self {
		CliError::Verify(Box::new(e))
	}
}

/// The CLI's result type.
pub type Result<T, E = CliError> = std::result::Result<T, E>;

impl CliError {
	/// A usage error from its Chinese and English halves (`中文 (English)`).
	pub fn usage(zh: &str, en: impl std::fmt::Display) -> Self {
		CliError::Usage(parse::zh_en(zh, en))
	}

	/// The exit code.
	pub fn exit_code(&self) -> ExitCode {
		match self {
			CliError::Usage(_) => ExitCode::Usage,
			CliError::Sdk(e) => ExitCode::of_sdk_error(e),
			CliError::Verify(_) | CliError::BadFile { .. } => ExitCode::VerificationFailed,
			CliError::Read { .. } | CliError::Write { .. } | CliError::Json(_) => ExitCode::Failure,
		}
	}

	/// The verification error inside, if any.
	fn verify_error(&self) -> Option<&VerifyError> {
		match self {
			CliError::Verify(e) | CliError::BadFile { source: e, .. } => Some(e),
			CliError::Sdk(e) => match &**e {
				SdkError::Verify(e) => Some(e),
				_ => None,
			},
			_ => None,
		}
	}

	/// The message to print: this error, then each underlying cause whose text it does not
	/// already contain (`#[from]` wrappers often quote their source).
	pub fn message(&self) -> String {
		if let Some(VerifyError::Code(e)) = self.verify_error() {
			return parse::code_error_sentence(None, e);
		}
		if let CliError::Sdk(e) = self {
			// A pool refusal in words (issue 11): what happened and what to do, then the pool's
			// own text (e.g. CheckParticipant refused the signer: not an active participant).
			if let Some(refusal) = e.pool_refusal() {
				return parse::zh_en(&refusal.zh(), e);
			}
			// A refused dispatch in words: what it means for the governance path, or that the
			// chain refused the call and nothing changed; then the SDK's text (call, block,
			// the error's name and its metadata docs).
			if let Some((pallet, error)) = e.dispatch_error() {
				return match dispatch_words(pallet, error) {
					Some((zh, en)) => parse::zh_en(zh, format_args!("{en}: {e}")),
					None => parse::zh_en(DISPATCH_REFUSED_ZH, e),
				};
			}
		}
		let mut msg = self.to_string();
		let mut cause = std::error::Error::source(self);
		while let Some(c) = cause {
			let s = c.to_string();
			if !msg.contains(&s) {
				msg.push_str(": ");
				msg.push_str(&s);
			}
			cause = c.source();
		}
		collapse_repeats(&msg)
	}

	/// The `--json` form: `{"error": {"kind", "message", "exit_code", ["check"], ["pallet",
	/// "error"]}}`; `check` names the failed verification check as `dengji_verify::report` does.
	pub fn to_json(&self) -> Value {
		let exit = self.exit_code();
		let mut err = json!({
			"message": self.message(),
			"exit_code": exit.code(),
			"kind": format!("{exit:?}"),
		});
		if let Some(e) = self.verify_error() {
			err["check"] = json!(dengji_verify::report::check_name(e));
		}
		if let CliError::Sdk(e) = self {
			if let Some(refusal) = e.pool_refusal() {
				err["refusal"] = json!(refusal);
			}
			if let Some((pallet, error)) = e.dispatch_error() {
				err["pallet"] = json!(pallet);
				err["error"] = json!(error);
			}
		}
		json!({ "error": err })
	}
}

/// What a refused dispatch without its own sentence reads first (the pallet's error docs follow
/// in English).
pub const DISPATCH_REFUSED_ZH: &str = "交易已上链，但链上执行被拒绝，状态未改变";

/// A dispatch refusal of the data authority's path in words (issue 11 "Bad input and
/// refusals"): Chinese, then English; `None` for errors whose metadata docs say it (the
/// pallets' own, read after [`DISPATCH_REFUSED_ZH`]).
pub fn dispatch_words(pallet: &str, error: &str) -> Option<(&'static str, &'static str)> {
	Some(match (pallet, error) {
		(_, "BadOrigin") => (
			"无权执行该调用：委员会赞成票低于门槛，或签名账户不是数据主管部门",
			"the origin may not make this call: a motion below the call's threshold, or a \
			 signer that is not the data authority (use --via council)",
		),
		("Sudo", "RequireSudo") => (
			"签名账户不持有 Sudo 密钥",
			"the signer does not hold the chain's Sudo key (only dev chains have one: use --via \
			 council)",
		),
		("Council", "NotMember") => (
			"签名账户不是委员会成员",
			"the signer is not a council member: only members propose and vote",
		),
		("Council", "DuplicateVote") => {
			("该成员已投过同样的票", "this member has cast this vote on the motion already")
		}
		("Council", "TooEarly") => (
			"表决尚未截止且赞成或反对票未达门槛，动议还不能结束",
			"too early to close: neither the ayes nor the nays decide it yet and the voting has \
			 not ended (see the end in `dengji council motions`)",
		),
		("Council", "WrongIndex") => (
			"动议序号与哈希不符",
			"the motion index does not match the hash (see `dengji council motions`)",
		),
		("Council", "ProposalMissing") => (
			"没有该哈希的未决动议",
			"no open motion with this hash: closed already, or never proposed",
		),
		("Council", "DuplicateProposal") => (
			"载有同一调用的动议正在表决",
			"a motion carrying the same call is open already: vote on it instead",
		),
		("Council", "TooManyProposals") => {
			("未决动议已达上限", "too many open motions: close some first")
		}
		("Council", "WrongProposalWeight") => {
			("结束动议的权重上限过低", "the weight bound given to close is below the call's weight")
		}
		("Council", "WrongProposalLength") => {
			("结束动议的长度上限过低", "the length bound given to close is below the call's length")
		}
		("Council", "PrimeAccountNotMember") => {
			("首席成员须为委员会成员", "the prime member must be a council member")
		}
		("CouncilMembership", "AlreadyMember") => {
			("该账户已是委员会成员", "the account is a council member already")
		}
		("CouncilMembership", "NotMember") => {
			("该账户不是委员会成员", "the account is not a council member")
		}
		("CouncilMembership", "TooManyMembers") => {
			("委员会成员已达上限", "the council has its maximum number of members")
		}
		("Governance", "AlreadyAuthorized") => (
			"该运行时代码已获授权，尚未应用",
			"this runtime code is authorised already and not yet applied: apply it with `dengji \
			 council upgrade --apply`",
		),
		("System", "NothingAuthorized" | "Unauthorized") => (
			"该运行时代码未经委员会授权",
			"the runtime code is not authorised: no upgrade motion has passed for this code's hash",
		),
		("System", "SpecVersionNeedsToIncrease") => (
			"新运行时的 spec_version 必须高于当前运行时",
			"the new runtime's spec_version must be higher than the current runtime's",
		),
		("System", "InvalidSpecName") => {
			("新运行时的 spec_name 与本链不同", "the new runtime's spec_name is not this chain's")
		}
		("System", "FailedToExtractRuntimeVersion") => (
			"该文件不是有效的运行时，读不出其版本",
			"the code is not a runtime: its version cannot be read (a bad or truncated wasm?)",
		),
		("System", "MultiBlockMigrationsOngoing") => (
			"多区块迁移尚在进行，暂不能更换运行时",
			"a multi-block migration is running: the runtime cannot be replaced until it ends",
		),
		("System", "CallFiltered") => {
			("运行时不允许该调用", "the runtime's call filter does not allow this call")
		}
		("System", "CannotLookup") => {
			("查不到该地址", "an address in the call cannot be looked up")
		}
		_ => return None,
	})
}

/// Drops a run of `: `-separated parts that repeats the run just before it: transport errors
/// quote their cause inside their own text (`RPC error: client error: RPC error: client error:
/// …`), where the source chain cannot see it.
fn collapse_repeats(msg: &str) -> String {
	let mut out: Vec<&str> = Vec::new();
	for part in msg.split(": ") {
		out.push(part);
		let n = out.len();
		if let Some(k) = (1..=n / 2).find(|&k| out[n - k..] == out[n - 2 * k..n - k]) {
			out.truncate(n - k);
		}
	}
	out.join(": ")
}

/// The `--json` form of a command-line (clap) error: exit code 2, the message without clap's
/// usage lines.
pub fn clap_error_json(e: &clap::Error) -> Value {
	json!({ "error": {
		"message": clap_message(e),
		"exit_code": ExitCode::Usage.code(),
		"kind": format!("{:?}", ExitCode::Usage),
		"clap_kind": format!("{:?}", e.kind()),
	}})
}

/// One line for a clap error: for a rejected value, the parser's own sentence (which quotes the
/// value); for missing arguments, which ones; otherwise clap's message without its `error: `
/// prefix and usage lines.
pub fn clap_message(e: &clap::Error) -> String {
	use clap::error::{ContextKind, ContextValue, ErrorKind};
	match e.kind() {
		ErrorKind::ValueValidation => {
			if let Some(source) = std::error::Error::source(e) {
				return source.to_string();
			}
		}
		ErrorKind::InvalidValue => {
			let get = |k| match e.get(k) {
				Some(ContextValue::String(s)) => s.clone(),
				Some(ContextValue::Strings(v)) => v.join(", "),
				_ => String::new(),
			};
			let (arg, value) = (get(ContextKind::InvalidArg), get(ContextKind::InvalidValue));
			let valid = get(ContextKind::ValidValue);
			return parse::zh_en(
				"取值不在可选值之中",
				format_args!("invalid value `{value}` for {arg}; possible values: {valid}"),
			);
		}
		ErrorKind::MissingRequiredArgument => {
			if let Some(ContextValue::Strings(args)) = e.get(ContextKind::InvalidArg) {
				return parse::zh_en(
					"缺少必需的参数",
					format_args!("required arguments not given: {}", args.join(", ")),
				);
			}
		}
		_ => {}
	}
	let rendered = e.to_string();
	let lines: Vec<&str> = rendered
		.lines()
		.take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
		.map(str::trim)
		.filter(|l| !l.is_empty())
		.collect();
	let msg = lines.join(" ");
	msg.strip_prefix("error: ").unwrap_or(&msg).to_string()
}

#[cfg(test)]
mod tests {
	use super::*;
	use dengji_primitives::CodeError;

	#[test]
	fn errors_map_to_error_codes_not_verdict_codes() {
		let timeout = CliError::from(SdkError::Timeout {
			what: "x",
			after: std::time::Duration::from_secs(1),
		});
		assert_eq!(timeout.exit_code(), ExitCode::Network);
		let bad = CliError::from(VerifyError::Code(CodeError::BadFormat));
		assert_eq!(bad.exit_code(), ExitCode::VerificationFailed);
		let wrapped = CliError::from(SdkError::Verify(VerifyError::Code(CodeError::BadFormat)));
		assert_eq!(wrapped.exit_code(), ExitCode::VerificationFailed);
		let refused = CliError::from(SdkError::Rejected("not a participant".into()));
		assert_eq!(refused.exit_code(), ExitCode::Refused);
		let outsider = CliError::from(SdkError::NotParticipant {
			account: [1; 32],
			pool: "Invalid signing address".into(),
		});
		assert_eq!(outsider.exit_code(), ExitCode::Refused);
		assert!(outsider.message().starts_with("签名账户不是有效参与者 (the signer "));
		assert_eq!(outsider.to_json()["error"]["refusal"], "not_participant");
		assert_eq!(CliError::Usage("bad".into()).exit_code(), ExitCode::Usage);
		let io = CliError::Read {
			what: "bundle",
			path: "x".into(),
			source: std::io::Error::other("boom"),
		};
		assert_eq!(io.exit_code(), ExitCode::Failure);
	}

	#[test]
	fn a_cause_quoted_by_its_wrapper_is_printed_once() {
		let inner =
			VerifyError::UnsupportedVersion { what: "proof bundle", found: 0, supported: 1 };
		let e = CliError::from(SdkError::Verify(inner.clone()));
		let msg = e.message();
		assert_eq!(msg.matches(&inner.to_string()).count(), 1, "{msg}");
	}

	#[test]
	fn a_repeated_run_of_causes_is_printed_once() {
		assert_eq!(
			collapse_repeats(
				"cannot connect: RPC error: client error: RPC error: client error: refused"
			),
			"cannot connect: RPC error: client error: refused"
		);
		assert_eq!(collapse_repeats("a: b: c"), "a: b: c");
	}

	#[test]
	fn code_errors_are_sentences_not_debug_text() {
		let e = CliError::from(VerifyError::Code(CodeError::BadCheckCharacter {
			expected: '6',
			found: '0',
		}));
		let msg = e.message();
		assert!(!msg.contains("BadCheckCharacter"), "{msg}");
		assert!(msg.contains("expected 6"), "{msg}");
	}

	#[test]
	fn pool_refusals_print_in_chinese_and_english_with_the_pools_words() {
		// Issue 11, bad input and refusals: the CLI explains pool refusals in words.
		for (pool, zh, en, name) in [
			(
				"Invalid Transaction (1010): Inability to pay some fees (e.g. account balance too low)",
				"签名账户不是有效参与者",
				"the signer is not an active participant",
				"not_participant",
			),
			(
				"Invalid Transaction (1010): Transaction is outdated",
				"交易序号已被使用",
				"nonce is used already",
				"stale_nonce",
			),
			(
				"Invalid Transaction (1010): Transaction would exhaust the block limits",
				"区块或该账户每块交易数已满",
				"try again in a later block",
				"exhausts_resources",
			),
			(
				"Invalid Transaction (1010): Transaction has a bad signature",
				"交易签名无效",
				"bad signature",
				"bad_proof",
			),
		] {
			let e = CliError::from(SdkError::Rejected(pool.into()));
			let msg = e.message();
			assert!(msg.starts_with(zh) && msg.contains(en) && msg.contains(pool), "{msg}");
			assert_eq!(e.exit_code(), ExitCode::Refused);
			let j = e.to_json();
			assert_eq!(j["error"]["refusal"], name);
			assert_eq!(j["error"]["message"], msg);
		}
	}

	/// Issue 11, bad input and refusals: every pool refusal the SDK names reads in Chinese, then
	/// English, then the pool's own words; one case per mapping.
	#[test]
	fn every_pool_refusal_reads_in_chinese_then_english() {
		use dengji_client::PoolRefusal as P;
		for (pool, want) in [
			("Invalid Transaction (1010): Invalid signing address", P::NotParticipant),
			("Invalid Transaction (1010): Transaction will be valid in the future", P::FutureNonce),
			(
				"Invalid Transaction (1010): Transaction has an ancient birth block",
				P::AncientBirthBlock,
			),
			("Invalid Transaction (1010): Transaction call is not expected", P::CallNotExpected),
			(
				"Invalid Transaction (1010): A call was labelled as mandatory, but resulted in an Error.",
				P::Mandatory,
			),
			(
				"Invalid Transaction (1010): Transaction dispatch is mandatory; transactions must not be validated.",
				P::Mandatory,
			),
			(
				"Invalid Transaction (1010): The implicit data was unable to be calculated",
				P::IndeterminateImplicit,
			),
			(
				"Invalid Transaction (1010): The transaction extension did not authorize any origin",
				P::UnknownOrigin,
			),
			("Invalid Transaction (1010): Custom error: 7", P::Custom(7)),
			("Unknown Transaction Validity (1011): CannotLookup", P::CannotLookup),
			("Unknown Transaction Validity (1011): NoUnsignedValidator", P::NoUnsignedValidator),
			("Unknown Transaction Validity (1011): Custom(4)", P::Custom(4)),
			("Transaction is temporarily banned (1012)", P::Banned),
			("Transaction Already Imported (1013): 0x00", P::AlreadyImported),
			(
				"Priority is too low: (5 vs 5) (1014): The transaction has too low priority",
				P::PriorityTooLow,
			),
			("Cycle Detected (1015)", P::CycleDetected),
			("Immediately Dropped (1016): The transaction couldn't enter the pool", P::PoolFull),
			("Unactionable (1017): The transaction is unactionable", P::Unactionable),
			("No tags provided (1018): Transaction does not provide any tags", P::NoTags),
			("The provided block ID is not valid (1019)", P::InvalidBlockId),
			("The pool is not accepting future transactions (1020)", P::FutureRejected),
			("Extrinsic has invalid format: Bad input data (1001)", P::BadFormat),
			("Verification Error: Runtime error: Execution failed (1002): …", P::Verification),
			("banned (signed 3 times)", P::Resigned),
			("the client is shutting down", P::ClientClosed),
		] {
			let e = CliError::from(SdkError::Rejected(pool.into()));
			let msg = e.message();
			assert_eq!(e.to_json()["error"]["refusal"], serde_json::to_value(want).unwrap());
			assert!(
				msg.starts_with(&want.zh()) && msg.contains(&want.en()) && msg.contains(pool),
				"{pool}: {msg}"
			);
			assert!(!msg.contains("the pool refused the transaction"), "{pool} is named: {msg}");
			assert_eq!(e.exit_code(), ExitCode::Refused);
		}
	}

	fn dispatch(pallet: &str, error: &str) -> CliError {
		CliError::from(SdkError::Dispatch {
			call: "Sudo.sudo".into(),
			pallet: pallet.into(),
			error: error.into(),
			docs: "the docs".into(),
			block: [0; 32],
			inner: true,
		})
	}

	/// Issue 11, bad input and refusals: the refusals of the data authority's path (Sudo, the
	/// council, runtime upgrades) read in Chinese and English, each with its own sentence;
	/// any other module error reads the generic sentence, then the error's name and docs.
	#[test]
	fn dispatch_refusals_of_the_governance_path_read_in_words() {
		for (pallet, error, zh, en) in [
			("System", "BadOrigin", "无权执行该调用", "the origin may not make this call"),
			(
				"Sudo",
				"RequireSudo",
				"签名账户不持有 Sudo 密钥",
				"does not hold the chain's Sudo key",
			),
			(
				"Council",
				"NotMember",
				"签名账户不是委员会成员",
				"the signer is not a council member",
			),
			("Council", "DuplicateVote", "该成员已投过同样的票", "cast this vote"),
			("Council", "TooEarly", "表决尚未截止", "too early to close"),
			("Council", "WrongIndex", "动议序号与哈希不符", "index does not match the hash"),
			("Council", "ProposalMissing", "没有该哈希的未决动议", "no open motion with this hash"),
			("Council", "DuplicateProposal", "载有同一调用的动议正在表决", "open already"),
			("Council", "TooManyProposals", "未决动议已达上限", "too many open motions"),
			("Council", "WrongProposalWeight", "结束动议的权重上限过低", "weight bound"),
			("Council", "WrongProposalLength", "结束动议的长度上限过低", "length bound"),
			("Council", "PrimeAccountNotMember", "首席成员须为委员会成员", "prime member"),
			("CouncilMembership", "AlreadyMember", "该账户已是委员会成员", "member already"),
			("CouncilMembership", "NotMember", "该账户不是委员会成员", "not a council member"),
			("CouncilMembership", "TooManyMembers", "委员会成员已达上限", "maximum number"),
			("Governance", "AlreadyAuthorized", "该运行时代码已获授权", "authorised already"),
			("System", "Unauthorized", "该运行时代码未经委员会授权", "not authorised"),
			("System", "NothingAuthorized", "该运行时代码未经委员会授权", "not authorised"),
			(
				"System",
				"SpecVersionNeedsToIncrease",
				"新运行时的 spec_version 必须高于",
				"must be higher",
			),
			("System", "InvalidSpecName", "新运行时的 spec_name 与本链不同", "not this chain's"),
			("System", "FailedToExtractRuntimeVersion", "该文件不是有效的运行时", "not a runtime"),
			("System", "MultiBlockMigrationsOngoing", "多区块迁移", "multi-block migration"),
			("System", "CallFiltered", "运行时不允许该调用", "call filter"),
			("System", "CannotLookup", "查不到该地址", "cannot be looked up"),
		] {
			let e = dispatch(pallet, error);
			let msg = e.message();
			assert!(msg.starts_with(zh) && msg.contains(en), "{pallet}::{error}: {msg}");
			assert!(msg.contains(&format!("{pallet}::{error}")), "the name stays: {msg}");
			assert_eq!(e.exit_code(), ExitCode::Refused);
			assert_eq!(e.to_json()["error"]["error"], error);
		}
		let other = dispatch("Registration", "PublicityOver").message();
		assert!(other.starts_with(DISPATCH_REFUSED_ZH), "{other}");
		assert!(other.contains("Registration::PublicityOver (the docs)"), "{other}");
	}

	#[test]
	fn error_json_names_the_exit_code() {
		let j = CliError::Usage("boom".into()).to_json();
		assert_eq!(j["error"]["exit_code"], 2);
		assert_eq!(j["error"]["message"], "boom");
	}

	#[test]
	fn error_json_carries_the_module_error_name() {
		let e = CliError::from(SdkError::Dispatch {
			call: "Registration.lodge_objection".into(),
			pallet: "Registration".into(),
			error: "PublicityOver".into(),
			docs: "".into(),
			block: [0; 32],
			inner: false,
		});
		let j = e.to_json();
		assert_eq!(j["error"]["pallet"], "Registration");
		assert_eq!(j["error"]["error"], "PublicityOver");
		assert_eq!(j["error"]["exit_code"], 5);
	}
}

//! The SDK's typed error. Payloads are values (hashes, names, codes), not prose: callers match
//! on them, and the `Display` texts are built from them.

use crate::rpc::{to_hex, Hash};
use dengji_primitives::{CertificateCode, DivisionCode};
use std::time::Duration;

/// Everything that can go wrong in the SDK. Dispatch failures carry the module error's name, so
/// callers can match on `("Registration", "PublicityClosed")` without decoding anything.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
	/// An error from subxt (metadata, encoding, backend, transaction progress…).
	#[error("subxt: {0}")]
	Subxt(#[from] Box<subxt::Error>),
	/// A raw JSON-RPC call failed (connection lost, method unknown, bad response…).
	#[error("rpc `{method}`: {source}")]
	Rpc {
		/// The RPC method.
		method: &'static str,
		/// The underlying error.
		#[source]
		source: subxt::rpcs::Error,
	},
	/// The verification core rejected a bundle, trust root or document (bad proof, bad
	/// signature, wrong chain…).
	#[error("verification failed: {0}")]
	Verify(#[from] dengji_verify::VerifyError),
	/// An operation did not finish in time.
	#[error("timed out after {after:?} waiting for {what}")]
	Timeout {
		/// What was awaited.
		what: &'static str,
		/// The limit that was hit.
		after: Duration,
	},
	/// The node could not be reached at all.
	#[error("cannot connect to {url}: {reason}")]
	Connect {
		/// The URL tried.
		url: String,
		/// Why.
		reason: String,
	},
	/// The transaction was included but its dispatch failed.
	#[error(
		"dispatch of {call}{} failed in block {}: {pallet}::{error}{}",
		if *inner { " (inner call)" } else { "" },
		to_hex(block),
		if docs.is_empty() { String::new() } else { format!(" ({docs})") }
	)]
	Dispatch {
		/// `Pallet.call` that was submitted.
		call: String,
		/// Whether the failure is the wrapped call's (`Sudo::Sudid { sudo_result: Err(_) }`): the
		/// extrinsic itself succeeded.
		inner: bool,
		/// Pallet of the module error (or `"System"` for non-module dispatch errors).
		pallet: String,
		/// Name of the error variant, e.g. `PublicityClosed`, or of the dispatch error kind
		/// (`BadOrigin`, `Other`…).
		error: String,
		/// The error's doc comment from the metadata (boxed: keeps [`Error`] small).
		docs: Box<str>,
		/// Hash of the block the transaction was included in.
		block: Hash,
	},
	/// The transaction pool refused or dropped the transaction; the pool's words, explained by
	/// [`PoolRefusal::of`] (see [`Error::pool_refusal`]).
	#[error("transaction rejected: {}: {}", PoolRefusal::of(.0).en(), .0)]
	Rejected(String),
	/// The pool refused the transaction because its signer may not transact: it has no account
	/// on chain (`InvalidTransaction::Payment`: Dengji has no fee token, so "cannot pay" means "no
	/// account") or `CheckParticipant` refused it (`InvalidTransaction::BadSigner`). Only
	/// institution operators, validators, subjects, real-name persons, agents and authorities
	/// transact (docs/spec/DESIGN.md §3 layer 2).
	#[error(
		"the signer {} is not an active participant (institution operator, validator, subject, \
		 real-name person, agent or authority)",
		crate::signer::account_to_ss58(account)
	)]
	NotParticipant {
		/// The signer's account.
		account: [u8; 32],
		/// The pool's own words.
		pool: String,
	},
	/// A secret URI, address or key could not be used.
	#[error("bad key: {0}")]
	Key(#[from] KeyError),
	/// A certificate code string was rejected before any lookup.
	#[error("bad certificate code `{input}`: {reason}")]
	Code {
		/// What was given.
		input: String,
		/// Why it was rejected.
		reason: String,
	},
	/// Bytes from the node did not decode.
	#[error("cannot decode {what}: {reason}")]
	Decode {
		/// What was decoded.
		what: &'static str,
		/// Why it failed.
		reason: String,
	},
	/// Something the operation needs is absent on chain (e.g. no draft for this code).
	#[error("not found: {0}")]
	NotFound(#[from] Missing),
	/// The node answered something inconsistent (wrong hash, missing justification…).
	#[error("unexpected answer from the node: {0}")]
	Node(#[from] NodeFault),
	/// Reading or writing a local file (bundle, trust root) failed.
	#[error("{path}: {source}")]
	Io {
		/// The file.
		path: String,
		/// The underlying error.
		#[source]
		source: std::io::Error,
	},
}

impl From<subxt::Error> for Error {
	fn from(e: subxt::Error) -> Self {
		Error::Subxt(Box::new(e))
	}
}

macro_rules! via_subxt {
	($($t:ty),* $(,)?) => {$(
		impl From<$t> for Error {
			fn from(e: $t) -> Self {
				Error::Subxt(Box::new(subxt::Error::from(e)))
			}
		}
	)*};
}

via_subxt!(
	subxt::error::OnlineClientError,
	subxt::error::OnlineClientAtBlockError,
	subxt::error::ExtrinsicError,
	subxt::error::EventsError,
	subxt::error::TransactionProgressError,
	subxt::error::TransactionEventsError,
	subxt::error::BlocksError,
	subxt::error::RuntimeApiError,
	subxt::error::StorageError,
);

/// The pool's texts (`sp_runtime::InvalidTransaction`'s `Display`) that mean the signer may not
/// transact: `Payment` (no account) and `BadSigner` (`CheckParticipant`).
const NOT_PARTICIPANT_TEXTS: [&str; 2] = ["Inability to pay some fees", "Invalid signing address"];

/// Why the transaction pool refused a transaction, read from the pool's words: the texts of
/// `sp_runtime`'s `InvalidTransaction` / `UnknownTransaction` and the JSON-RPC author error codes
/// of `sc-rpc-api` (1010 invalid, 1011 unknown validity, 1012 banned, 1013 already imported, 1014
/// priority too low, 1016 pool full). Each has a sentence in Chinese ([`PoolRefusal::zh`]) and
/// English ([`PoolRefusal::en`]) saying what happened and what to do, instead of the pool's
/// (a removed operator reads "the signer is not an active participant", not "Inability to pay
/// some fees").
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PoolRefusal {
	/// `BadSigner` from `CheckParticipant` (DESIGN §3 layer 2) or `Payment` (no account: Dengji
	/// has no fee token).
	NotParticipant,
	/// `Stale`: the nonce is used already.
	StaleNonce,
	/// `Future`: the nonce is ahead of the account's next one.
	FutureNonce,
	/// `BadProof`: the signature does not verify (wrong chain, runtime version, metadata hash or
	/// key).
	BadProof,
	/// `ExhaustsResources`: the block is full, or the account reached its transactions per block
	/// (`CheckParticipant`'s rate limit).
	ExhaustsResources,
	/// `AncientBirthBlock`: the mortal transaction's era has ended.
	AncientBirthBlock,
	/// `Call`: the call may not be submitted as a transaction.
	CallNotExpected,
	/// `BadMandatory` / `MandatoryValidation`: a mandatory (inherent) call, which only block
	/// authors include.
	Mandatory,
	/// `IndeterminateImplicit`: the implicit data (genesis hash, runtime version, metadata hash)
	/// could not be computed.
	IndeterminateImplicit,
	/// `UnknownOrigin`: neither signed nor authorised by a transaction extension.
	UnknownOrigin,
	/// `UnknownTransaction::CannotLookup`: the node could not look up what it needs to check it.
	CannotLookup,
	/// `UnknownTransaction::NoUnsignedValidator`: no pallet accepts this unsigned transaction.
	NoUnsignedValidator,
	/// 1012: the transaction's hash is banned for a while (it was invalid or dropped before).
	Banned,
	/// 1014: another transaction with the same nonce is in the pool.
	PriorityTooLow,
	/// 1013: the same transaction is in the pool already.
	AlreadyImported,
	/// 1016: the pool is full.
	PoolFull,
	/// 1015: transactions in the pool depend on each other in a cycle.
	CycleDetected,
	/// 1017: the node neither authors blocks nor propagates the transaction.
	Unactionable,
	/// 1018: the transaction provides no tags (no nonce).
	NoTags,
	/// 1019: the block the pool checks against is unknown to the node.
	InvalidBlockId,
	/// 1020: the pool does not take transactions with a future nonce now.
	FutureRejected,
	/// 1001: the transaction does not decode for this runtime.
	BadFormat,
	/// 1002: the runtime failed while checking the transaction.
	Verification,
	/// The SDK signed the transaction anew as many times as it may (its nonce kept being taken,
	/// it was banned, or the runtime kept changing) without getting it into a block.
	Resigned,
	/// The SDK's client shut down before submitting.
	ClientClosed,
	/// `InvalidTransaction::Custom(code)` or `UnknownTransaction::Custom(code)` (no Dengji
	/// extension uses custom codes today).
	Custom(u8),
	/// Anything else.
	Other,
}

impl PoolRefusal {
	/// Reads the pool's words (an RPC error `message (code): data`, or a watch status text).
	pub fn of(pool: &str) -> Self {
		let has = |t: &str| pool.contains(t);
		if NOT_PARTICIPANT_TEXTS.iter().any(|t| has(t)) {
			return Self::NotParticipant;
		}
		// 1010's "Custom error: N", 1011's "Custom(N)" (sc-rpc-api renders its Debug form).
		for marker in ["Custom error: ", "(1011): Custom("] {
			if let Some(rest) = pool.split(marker).nth(1) {
				let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
				if let Ok(code) = digits.parse() {
					return Self::Custom(code);
				}
			}
		}
		match () {
			_ if has("Transaction is outdated") => Self::StaleNonce,
			_ if has("will be valid in the future") => Self::FutureNonce,
			_ if has("bad signature") => Self::BadProof,
			_ if has("exhaust the block limits") => Self::ExhaustsResources,
			_ if has("ancient birth block") => Self::AncientBirthBlock,
			_ if has("call is not expected") => Self::CallNotExpected,
			_ if has("labelled as mandatory") || has("dispatch is mandatory") => Self::Mandatory,
			_ if has("implicit data was unable") => Self::IndeterminateImplicit,
			_ if has("did not authorize any origin") => Self::UnknownOrigin,
			_ if has("CannotLookup") || has("Could not lookup") => Self::CannotLookup,
			_ if has("NoUnsignedValidator") || has("unsigned validator") => {
				Self::NoUnsignedValidator
			}
			_ if has("temporarily banned") || has("(1012)") => Self::Banned,
			_ if has("Priority is too low") || has("(1014)") => Self::PriorityTooLow,
			_ if has("Already Imported") || has("(1013)") => Self::AlreadyImported,
			_ if has("Immediately Dropped") || has("(1016)") => Self::PoolFull,
			_ if has("Cycle Detected") || has("(1015)") => Self::CycleDetected,
			_ if has("Unactionable") || has("(1017)") => Self::Unactionable,
			_ if has("No tags provided") || has("(1018)") => Self::NoTags,
			_ if has("block ID is not valid") || has("(1019)") => Self::InvalidBlockId,
			_ if has("not accepting future transactions") || has("(1020)") => Self::FutureRejected,
			_ if has("Extrinsic has invalid format") || has("(1001)") => Self::BadFormat,
			_ if has("Verification Error") || has("(1002)") => Self::Verification,
			// The submitter's own words (submit.rs): "<why> (signed N times)".
			_ if has("(signed ") && pool.ends_with(" times)") => Self::Resigned,
			_ if has("client is shutting down") => Self::ClientClosed,
			_ => Self::Other,
		}
	}

	/// What happened and what to do, in Chinese.
	pub fn zh(self) -> String {
		match self {
			Self::NotParticipant => "签名账户不是有效参与者".into(),
			Self::StaleNonce => "交易序号已被使用，请重新签名".into(),
			Self::FutureNonce => "交易序号超前，该账户此前的交易尚未上链".into(),
			Self::BadProof => "交易签名无效（链、运行时版本、元数据或密钥不符）".into(),
			Self::ExhaustsResources => "区块或该账户每块交易数已满，请稍后再试".into(),
			Self::AncientBirthBlock => "交易有效期已过，请重新签名".into(),
			Self::CallNotExpected => "该调用不能作为交易提交".into(),
			Self::Mandatory => "该调用是出块节点必须加入的内部调用，不能作为交易提交".into(),
			Self::IndeterminateImplicit => {
				"节点算不出交易的隐含数据（创世哈希、运行时版本或元数据哈希），请针对本链重新签名"
					.into()
			}
			Self::UnknownOrigin => "交易未签名，也没有任何扩展授权其来源".into(),
			Self::CannotLookup => "节点查不到验证交易所需的信息".into(),
			Self::NoUnsignedValidator => "没有模块接受这笔未签名交易，请签名后提交".into(),
			Self::Banned => "该交易此前无效或被丢弃，暂被交易池拒绝，请重新签名".into(),
			Self::PriorityTooLow => "交易池中已有同一序号的交易".into(),
			Self::AlreadyImported => "该交易已在交易池中".into(),
			Self::PoolFull => "交易池已满，请稍后再试".into(),
			Self::CycleDetected => "交易池中的交易相互依赖成环，请按顺序重新签名".into(),
			Self::Unactionable => {
				"该节点既不出块也不转发此交易，请提交到验证节点或已联网的节点".into()
			}
			Self::NoTags => "交易没有提供标签（序号），交易池无法识别".into(),
			Self::InvalidBlockId => "节点不认识交易池据以检查的区块，请稍后再试".into(),
			Self::FutureRejected => "交易池此刻不接受序号超前的交易，请先提交之前的交易".into(),
			Self::BadFormat => "交易格式无效（客户端与运行时版本不符？）".into(),
			Self::Verification => "节点检查交易时运行时出错，请稍后再试或告知节点运维方".into(),
			Self::Resigned => "多次重新签名仍未上链（序号屡被占用或运行时在变），请稍后再试".into(),
			Self::ClientClosed => "客户端正在关闭，交易未提交".into(),
			Self::Custom(code) => format!("交易被运行时拒绝（自定义代码 {code}）"),
			Self::Other => "交易被交易池拒绝".into(),
		}
	}

	/// What happened and what to do, in English.
	pub fn en(self) -> String {
		match self {
			Self::NotParticipant => "the signer is not an active participant (institution \
			                         operator, validator, subject, real-name person, agent or \
			                         authority)"
				.into(),
			Self::StaleNonce => "the transaction's nonce is used already (stale): another \
			                     transaction of this account came first; sign it again"
				.into(),
			Self::FutureNonce => {
				"the transaction's nonce is ahead of the account's next nonce: an \
			                      earlier transaction of this account is missing"
					.into()
			}
			Self::BadProof => "bad signature: signed for another chain, runtime version or \
			                   metadata, or with another key"
				.into(),
			Self::ExhaustsResources => "the block is full or this account reached its \
			                            transactions per block: try again in a later block"
				.into(),
			Self::AncientBirthBlock => {
				"the transaction's validity period (era) has ended: sign it \
			                            again"
					.into()
			}
			Self::CallNotExpected => "this call cannot be submitted as a transaction".into(),
			Self::Mandatory => "this is a mandatory (inherent) call that only block authors \
			                    include: it cannot be submitted as a transaction"
				.into(),
			Self::IndeterminateImplicit => "the node cannot compute the transaction's implicit \
			                                data (genesis hash, runtime version, metadata hash): \
			                                sign it again against this chain"
				.into(),
			Self::UnknownOrigin => "the transaction is neither signed nor authorised by any \
			                        transaction extension"
				.into(),
			Self::NoUnsignedValidator => {
				"no pallet accepts this unsigned transaction: sign it".into()
			}
			Self::CannotLookup => "the node cannot look up what it needs to check the \
			                       transaction (unknown address?)"
				.into(),
			Self::Banned => "the pool bans this transaction for a while (it was invalid or \
			                 dropped before): sign it anew"
				.into(),
			Self::PriorityTooLow => "another transaction with the same nonce is in the pool".into(),
			Self::AlreadyImported => "the same transaction is in the pool already".into(),
			Self::PoolFull => "the node's transaction pool is full: try again shortly".into(),
			Self::CycleDetected => "the pool found transactions depending on each other in a \
			                        cycle: sign them again in order"
				.into(),
			Self::Unactionable => "this node neither authors blocks nor propagates the \
			                       transaction: submit it to a validator or a connected node"
				.into(),
			Self::NoTags => "the transaction provides no tags (no nonce), so the pool cannot \
			                 identify it"
				.into(),
			Self::InvalidBlockId => "the node does not know the block the pool checks against: \
			                         try again shortly"
				.into(),
			Self::FutureRejected => "the pool does not take transactions with a future nonce \
			                         now: submit the earlier ones first"
				.into(),
			Self::BadFormat => "the transaction is malformed for this runtime (a client built \
			                    for another runtime version?)"
				.into(),
			Self::Verification => "the runtime failed while checking the transaction: try \
			                       again, or tell the node's operator"
				.into(),
			Self::Resigned => "signed anew several times without getting into a block (its \
			                   nonce kept being taken, or the runtime kept changing): try again \
			                   shortly"
				.into(),
			Self::ClientClosed => {
				"the client is shutting down: the transaction was not submitted".into()
			}
			Self::Custom(code) => format!("refused by the runtime with custom code {code}"),
			Self::Other => "the pool refused the transaction".into(),
		}
	}
}

impl Error {
	/// A pool refusal of `account`'s transaction becomes [`Error::NotParticipant`] when the pool
	/// says the signer may not transact; anything else is returned as it is.
	pub(crate) fn signer_refused(self, account: [u8; 32]) -> Error {
		match self {
			Error::Rejected(pool) if NOT_PARTICIPANT_TEXTS.iter().any(|t| pool.contains(t)) => {
				Error::NotParticipant { account, pool }
			}
			other => other,
		}
	}

	/// Why the pool refused the transaction ([`Error::Rejected`], [`Error::NotParticipant`]).
	pub fn pool_refusal(&self) -> Option<PoolRefusal> {
		match self {
			Error::NotParticipant { .. } => Some(PoolRefusal::NotParticipant),
			Error::Rejected(pool) => Some(PoolRefusal::of(pool)),
			_ => None,
		}
	}

	/// For a failed dispatch, `(pallet, error)`, e.g. `("Registration", "PublicityClosed")`.
	pub fn dispatch_error(&self) -> Option<(&str, &str)> {
		match self {
			Error::Dispatch { pallet, error, .. } => Some((pallet, error)),
			_ => None,
		}
	}

	/// Whether the error is about the network or the node rather than the request (worth retrying
	/// against another node).
	pub fn is_network(&self) -> bool {
		use subxt::error::TransactionProgressError as Progress;
		match self {
			Error::Rpc { .. } | Error::Connect { .. } | Error::Timeout { .. } => true,
			Error::Subxt(e) => {
				e.is_disconnected_will_reconnect()
					|| matches!(
						**e,
						subxt::Error::BackendError(_)
							| subxt::Error::OnlineClientError(_)
							| subxt::Error::OtherRpcClientError(_)
							// The connection dropped while a transaction was being watched: its
							// fate is unknown (check the chain before resubmitting).
							| subxt::Error::TransactionProgressError(
								Progress::CannotGetNextProgressUpdate(_)
									| Progress::UnexpectedEndOfTransactionStatusStream
							)
					)
			}
			_ => false,
		}
	}

	pub(crate) fn rpc(method: &'static str) -> impl FnOnce(subxt::rpcs::Error) -> Error {
		move |source| Error::Rpc { method, source }
	}

	pub(crate) fn decode(what: &'static str) -> impl FnOnce(codec::Error) -> Error {
		move |e| Error::Decode { what, reason: e.to_string() }
	}
}

/// What was absent on chain ([`Error::NotFound`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Missing {
	/// A block header the node does not have.
	#[error("header {}", to_hex(.0))]
	Header(Hash),
	/// A block the node does not have.
	#[error("block {}", to_hex(.0))]
	Block(Hash),
	/// The genesis block hash (`chain_getBlockHash(0)` answered nothing).
	#[error("genesis block hash")]
	GenesisHash,
	/// A storage value, by `Pallet::Item` name (e.g. `Timestamp::Now`).
	#[error("{0}")]
	Storage(&'static str),
	/// The certificate with this code (`Certificate::Certificates`).
	#[error("certificate {0}")]
	Certificate(CertificateCode),
	/// The draft of this certificate (`Certificate::Drafts`): not approved, or already issued.
	#[error("draft of certificate {0}")]
	Draft(CertificateCode),
	/// The institution of this division (`Institutions::Institutions`).
	#[error("institution {0}")]
	Institution(DivisionCode),
	/// The application with this id (`Registration::Applications`).
	#[error("application {0}")]
	Application(u64),
	/// The registration with this number (`Registration::Registrations`).
	#[error("registration {0}")]
	Registration(u64),
}

/// An inconsistent or unusable answer from the node ([`Error::Node`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NodeFault {
	/// The header served for `requested` hashes to `got`.
	#[error("header of {} hashes to {}", to_hex(.requested), to_hex(.got))]
	HeaderHashMismatch {
		/// The hash asked for.
		requested: Hash,
		/// The hash of the header served.
		got: Hash,
	},
	/// The node serves another chain than the trust root names.
	#[error("the node serves chain {}, the trust root names {}", to_hex(.node), to_hex(.trust_root))]
	WrongChain {
		/// The node's genesis hash.
		node: Hash,
		/// The trust root's genesis hash.
		trust_root: Hash,
	},
	/// The node's authority set is older than the trust root's (it lags behind, or another fork).
	#[error("the node is at authority set {node}, older than the trust root's {trust_root}")]
	StaleAuthoritySet {
		/// The node's `Grandpa::CurrentSetId`.
		node: u64,
		/// The trust root's set id.
		trust_root: u64,
	},
	/// `grandpa_proveFinality` gave nothing for the end of an ended authority set.
	#[error("no finality proof for the end of authority set {set}")]
	NoSetEndProof {
		/// The ended set.
		set: u64,
	},
	/// No bundle could be assembled (no attempt produced one).
	#[error("no bundle")]
	NoBundle,
}

/// Why a key, secret URI or address was refused ([`Error::Key`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
	/// The secret URI (or the sr25519 key derived from it) is malformed.
	#[error("{0}")]
	Suri(String),
	/// An SS58 address did not parse.
	#[error("SS58 address `{input}`: {reason}")]
	Ss58 {
		/// What was given.
		input: String,
		/// Why it was refused.
		reason: String,
	},
	/// The seed of an ed25519 key (hex or mnemonic) is malformed.
	#[error("{0}")]
	Seed(String),
	/// ed25519 keys support only hard (`//`) derivation.
	#[error("ed25519 supports only hard (`//`) derivation")]
	SoftDerivation,
	/// A signature made elsewhere (offline, issue 11 §5) does not verify over the draft's
	/// signing payload under the issuer's registered key.
	#[error(
		"the {scheme} signature does not verify over the draft of {code} under key 0x{} (made \
		 for another draft, chain or key?)",
		hex::encode(key)
	)]
	BadSignature {
		/// The certificate.
		code: CertificateCode,
		/// `ed25519` or `sm2`.
		scheme: &'static str,
		/// The key it was checked under.
		key: Vec<u8>,
	},
	/// The key given to issue a certificate is not the issuer key its draft names.
	#[error(
		"the draft of {code} names issuer key {}, not {} (rotated? see rekey_draft)",
		to_hex(.draft),
		to_hex(.given)
	)]
	IssuerKeyMismatch {
		/// The certificate.
		code: CertificateCode,
		/// The issuer key in the draft.
		draft: [u8; 32],
		/// The key given.
		given: [u8; 32],
	},
}

/// The SDK's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn pool_refusal_of_an_unknown_signer_names_the_signer() {
		// DESIGN.md §3 layer 2: what the pool says for a signer without an account.
		let pool =
			"invalid: Invalid transaction: Inability to pay some fees (e.g. account balance \
		            too low)"
				.to_string();
		let alice = crate::Signer::from_suri("//Alice").unwrap().account_id();
		let e = Error::Rejected(pool.clone()).signer_refused(alice);
		assert!(
			matches!(&e, Error::NotParticipant { account, pool: p } if *account == alice && *p == pool)
		);
		assert!(e.to_string().contains("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"));
		assert!(!e.is_network());
		let other =
			Error::Rejected("invalid: Transaction is outdated".into()).signer_refused(alice);
		assert!(matches!(other, Error::Rejected(_)));
	}

	#[test]
	fn pool_refusals_are_explained_in_words() {
		// What the node's author RPC answers (sc-rpc-api: "message (code): data", as the SDK's
		// submitter renders it), and what a user reads instead.
		let cases = [
			("Invalid Transaction (1010): Invalid signing address", PoolRefusal::NotParticipant),
			(
				"Invalid Transaction (1010): Inability to pay some fees (e.g. account balance too low)",
				PoolRefusal::NotParticipant,
			),
			("Invalid Transaction (1010): Transaction is outdated", PoolRefusal::StaleNonce),
			(
				"Invalid Transaction (1010): Transaction will be valid in the future",
				PoolRefusal::FutureNonce,
			),
			("Invalid Transaction (1010): Transaction has a bad signature", PoolRefusal::BadProof),
			(
				"Invalid Transaction (1010): Transaction would exhaust the block limits",
				PoolRefusal::ExhaustsResources,
			),
			(
				"Invalid Transaction (1010): Transaction has an ancient birth block",
				PoolRefusal::AncientBirthBlock,
			),
			("Invalid Transaction (1010): Custom error: 7", PoolRefusal::Custom(7)),
			("Unknown Transaction Validity (1011): CannotLookup", PoolRefusal::CannotLookup),
			("Transaction is temporarily banned (1012)", PoolRefusal::Banned),
			("Priority is too low: (5 vs 5) (1014): The transaction has too low priority", PoolRefusal::PriorityTooLow),
			("Immediately Dropped (1016): The transaction couldn't enter the pool", PoolRefusal::PoolFull),
			(
				"Invalid Transaction (1010): A call was labelled as mandatory, but resulted in an Error.",
				PoolRefusal::Mandatory,
			),
			(
				"Invalid Transaction (1010): Transaction dispatch is mandatory; transactions must not be validated.",
				PoolRefusal::Mandatory,
			),
			(
				"Invalid Transaction (1010): The implicit data was unable to be calculated",
				PoolRefusal::IndeterminateImplicit,
			),
			(
				"Invalid Transaction (1010): The transaction extension did not authorize any origin",
				PoolRefusal::UnknownOrigin,
			),
			(
				"Unknown Transaction Validity (1011): NoUnsignedValidator",
				PoolRefusal::NoUnsignedValidator,
			),
			("Unknown Transaction Validity (1011): Custom(4)", PoolRefusal::Custom(4)),
			("Cycle Detected (1015)", PoolRefusal::CycleDetected),
			("Unactionable (1017): The transaction is unactionable", PoolRefusal::Unactionable),
			("No tags provided (1018): no tags", PoolRefusal::NoTags),
			("The provided block ID is not valid (1019)", PoolRefusal::InvalidBlockId),
			("The pool is not accepting future transactions (1020)", PoolRefusal::FutureRejected),
			("Extrinsic has invalid format: Bad input data (1001)", PoolRefusal::BadFormat),
			("Verification Error: Runtime error (1002): Execution", PoolRefusal::Verification),
			("runtime upgraded (signed 3 times)", PoolRefusal::Resigned),
			("the client is shutting down", PoolRefusal::ClientClosed),
			("something new", PoolRefusal::Other),
		];
		for (pool, want) in cases {
			assert_eq!(PoolRefusal::of(pool), want, "{pool}");
			let e = Error::Rejected(pool.into());
			assert_eq!(e.pool_refusal(), Some(want));
			let text = e.to_string();
			assert!(text.contains(&want.en()) && text.contains(pool), "{text}");
			assert!(!want.zh().is_empty());
		}
		assert_eq!(
			PoolRefusal::NotParticipant.zh(),
			"签名账户不是有效参与者",
			"issue 11: the words a removed operator reads"
		);
		assert!(PoolRefusal::NotParticipant
			.en()
			.starts_with("the signer is not an active participant"));
		let alice = crate::Signer::from_suri("//Alice").unwrap().account_id();
		let refused = Error::Rejected("Invalid Transaction (1010): Invalid signing address".into())
			.signer_refused(alice);
		assert_eq!(refused.pool_refusal(), Some(PoolRefusal::NotParticipant));
		assert_eq!(Error::NotFound(Missing::GenesisHash).pool_refusal(), None);
	}

	#[test]
	fn error_stays_small() {
		// clippy's result_large_err limit: every `Result<T, Error>` moves this much.
		assert!(std::mem::size_of::<Error>() <= 128);
	}
}

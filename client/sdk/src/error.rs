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
	/// The transaction pool refused or dropped the transaction (e.g. the signer is not a
	/// participant: `CheckParticipant` rejects it at the pool).
	#[error("transaction rejected: {0}")]
	Rejected(String),
	/// The pool refused the transaction because its signer may not transact: it has no account
	/// on chain (`InvalidTransaction::Payment`: Dengji has no fee token, so "cannot pay" means "no
	/// account") or `CheckParticipant` refused it (`InvalidTransaction::BadSigner`). Only
	/// institution operators, validators, subjects, real-name persons, agents and authorities
	/// transact (docs/spec/DESIGN.md §3 layer 2).
	#[error(
		"the signer {} is not an active participant (institution operator, subject, real-name \
		 person, agent or authority)",
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
	fn error_stays_small() {
		// clippy's result_large_err limit: every `Result<T, Error>` moves this much.
		assert!(std::mem::size_of::<Error>() <= 128);
	}
}

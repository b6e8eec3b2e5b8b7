//! The SDK's typed error.

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
	#[error("dispatch of {call} failed in block {block}: {pallet}::{error}{}", if docs.is_empty() { String::new() } else { format!(" ({docs})") })]
	Dispatch {
		/// `Pallet.call` that failed.
		call: String,
		/// Pallet of the module error (or `"System"` for non-module dispatch errors).
		pallet: String,
		/// Name of the error variant, e.g. `PublicityClosed`, or of the dispatch error kind
		/// (`BadOrigin`, `Other`…).
		error: String,
		/// The error's doc comment from the metadata.
		docs: String,
		/// Hex hash of the block the transaction was included in.
		block: String,
	},
	/// The transaction pool refused or dropped the transaction (e.g. the signer is not a
	/// participant: `CheckParticipant` rejects it at the pool).
	#[error("transaction rejected: {0}")]
	Rejected(String),
	/// A secret URI or key could not be parsed.
	#[error("bad key: {0}")]
	Key(String),
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
	NotFound(String),
	/// The node answered something inconsistent (wrong hash, missing justification…).
	#[error("unexpected answer from the node: {0}")]
	Node(String),
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

impl Error {
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

/// The SDK's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

//! # dengji-client
//!
//! ## Overview
//! The async (tokio) SDK for the Dengji chain: connect to a node, sign and submit every role's
//! calls, read certificates, and verify a certificate's current status through a proof bundle
//! checked by `dengji-verify` — so the answer does not depend on trusting the node that served it.
//!
//! It depends on `subxt` (dynamic, metadata-driven calls: no generated code), never on the node,
//! the runtime or any `sc-*` crate, so banks and trading venues can embed it and build it in
//! minutes.
//!
//! ## Terminology
//! - 登记机构 = registration institution; 登记主体 = registration subject; 异议 = objection.
//! - 一证一码 = one certificate, one code ([`CertificateCode`]).
//! - Trust root: genesis hash + a GRANDPA authority set and its id, obtained once out of band.
//! - Proof bundle: authority-set change proofs since the trust root, a finalized header with its
//!   GRANDPA justification, and a storage proof of the certificate, its issuer and the time.
//!
//! ## Lifecycle
//! ```text
//! Client::connect(url) ──► roles::* calls ──► Client::submit ──► Submitted { block, events }
//!                                                  └─ Error::Dispatch { pallet, error } / Rejected
//! Client::trust_root() ──► (store it) ──► Client::build_bundle(code) ──► dengji_verify::verify
//! ```
//!
//! ## Interface
//! - [`Reader`]: read-only and RPC-only (no metadata download) — what a verifier needs:
//!   `connect`, `finalized_head`, `wait_finalized_blocks`, `now`, `fetch_certificate`,
//!   `fetch_institution`, `fetch_draft`, `trust_root`, `build_bundle`, `verify_online`.
//!   Its RPCs go through [`rpc::NodeRpc`] (subxt-rpcs' legacy methods, each time-limited).
//! - [`Client`]: a [`Reader`] ([`Client::reader`]) plus `submit` (finalized block + events, or
//!   [`Error::Dispatch`] naming the module error), `issue_certificate`, `call_data` (for
//!   `Sudo`/`Council` wrapping), `events_of`.
//! - [`Signer`] (sr25519 accounts) and [`CertificateKey`] (institutions' ed25519 keys), from SURIs.
//! - [`roles`]: typed builders of every role's calls; [`grounds`]: refusal, cancellation and
//!   revocation grounds with their Chinese names and articles.
//! - [`council`]: the data authority council's motions (propose with the runtime's threshold,
//!   vote, close, open motions decoded) and forkless runtime upgrades by motion.
//! - [`query`]: [`Client::snapshot`], typed reads of applications, registrations, objections
//!   and the chain calendar at a finalized block (prefix iteration, decoded with the metadata).
//! - [`keys`]: storage keys (those a bundle proves come from `dengji-verify`).
//! - [`Error`]: one typed error carrying values (hashes, names, codes); [`timeouts`]: every
//!   time limit.
//!
//! ```no_run
//! # async fn demo() -> Result<(), dengji_client::Error> {
//! use dengji_client::{roles, CertificateCode, Client, Policy, Reader, Signer, Verdict};
//!
//! // A bank: verify a certificate's current status without trusting the node.
//! let trust = dengji_client::TrustRoot::from_json(&std::fs::read_to_string("trust.json").unwrap())?;
//! let node = Reader::connect("ws://127.0.0.1:9944").await?;
//! let code = CertificateCode::parse("530400-2026-0000123-6").unwrap();
//! let online = node.verify_online(&code, Some(&trust), &Policy::default(), None).await?;
//! assert_eq!(online.verification.verdict, Verdict::Valid);
//!
//! // An institution: accept application 0 and wait for finality.
//! let client = Client::connect("ws://127.0.0.1:9944").await?;
//! let operator = Signer::from_suri("//Alice")?;
//! let done = client.submit(&roles::institution::accept(0), &operator).await?;
//! assert!(done.event("Registration", "ApplicationAccepted").is_some());
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

pub mod bundle;
pub mod calendar;
pub mod call;
pub mod client;
pub mod council;
pub mod error;
pub mod grounds;
pub mod keys;
mod nonce;
pub mod offline;
pub mod query;
pub mod reader;
pub mod roles;
pub mod rpc;
pub mod signer;
pub mod sm2;
pub mod submit;
pub mod timeouts;

pub use bundle::{bundle_from_bytes, system_now_ms, OnlineVerification};
pub use call::{Arg, Call};
pub use client::{ChainEvent, Client, ConnectOptions, DengjiConfig, Submitted};
pub use dengji_primitives::{self as primitives, CertificateCode, CertificateRecord};
pub use dengji_verify::{
	self as verify, Policy, ProofBundle, TrustRoot, UnixTimeMs, Verdict, Verification,
};
pub use error::{Error, KeyError, Missing, NodeFault, PoolRefusal, Result};
pub use grounds::{CancellationGround, Ground, RefusalGround, RevocationGround};
pub use reader::Reader;
pub use rpc::BlockRef;
pub use signer::{
	account_from_ss58, account_to_ss58, AccountId, CertificateKey, Signer, TransactionSigner,
	TxSignature,
};
pub use sm2::Sm2Key;
pub use submit::{OfflineSigner, SignedTransaction};
/// The subxt version the SDK is built on (for [`Client::api`] and [`Call::encode_call_data`]).
pub use subxt;

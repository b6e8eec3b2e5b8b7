//! # dengji-verify
//!
//! ## Overview
//! The verification core trading venues and banks embed to check Dengji e-certificates
//! (电子凭证, YX-R §23, §30) without trusting the node that served them (docs/spec/requirements.md §5.11;
//! docs/spec/DESIGN.md §7–§8). `no_std` + `alloc`, no I/O, no clock: **time is an argument**. It builds for
//! `wasm32-unknown-unknown --no-default-features`.
//!
//! It checks, from a [`TrustRoot`] the verifier holds (genesis hash, initial GRANDPA authority
//! set and set id):
//! - certificate codes ([`parse_code`], check character verified before any lookup);
//! - certificate documents ([`CertificateDocument`]: issuer signature, `verify_strict`) and QR
//!   payloads ([`QrPayload`], `dengji:1:<genesis-hash-hex>:<code>`);
//! - proof bundles ([`ProofBundle`]): authority-set changes since the trust root, a finalized
//!   header with its GRANDPA justification, and a storage read proof of the certificate record,
//!   its issuer's record and `Timestamp::Now`, giving one [`Verdict`] via [`verify`];
//! - holder presentations ([`verify_presentation`], YX-R §30): the presenter signed the verifier's
//!   [`Challenge`] with an account of the certificate's subject, proved by the bundle's
//!   [`ProofBundle::holder_proof`]; and consent tokens ([`ConsentToken`], requirements Q24).
//!
//! ## Terminology
//! - 登记机构 = registration institution (the issuer), identified by its division code.
//! - 一证一码 = one certificate, one code: `DDDDDD-YYYY-NNNNNNN-C` ([`CertificateCode`]).
//! - Trust root: what the verifier trusts a priori. Bundle: what anyone may hand it.
//! - Justification: >2/3 of the GRANDPA authorities' signed precommits finalizing a block.
//!
//! ## Lifecycle (what [`verify`] can answer)
//! ```text
//!            issue                      change/correction/renewal
//!  (absent) ───────► Valid ──────────────────────────────────────► Superseded{by}
//!   NotFound          │  │ now > valid_until
//!                     │  └───────────────► Expired ──(not renewed)──► Cancelled{Expiry}
//!                     ├──── cancellation registration ────────────► Cancelled{reason}
//!                     └──── revocation (YX-R §27) ─────────────────► Revoked{ground}
//!  Valid / NotFound proved by a state older than Policy::max_age_ms ──► Stale
//! ```
//!
//! ## Interface
//! - [`verify`]`(bundle, trust_root, policy, now) -> Result<Verdict, VerifyError>`, `now` a
//!   [`UnixTimeMs`] from the caller's clock;
//!   [`verify_code`] also checks the bundle is about the code asked for; [`verify_detailed`]
//!   returns the proved record, issuer, block and time ([`Verification`]).
//! - [`ProofBundle::to_bytes`]/[`ProofBundle::from_bytes`] (versioned binary), `to_json`/`from_json`.
//! - [`keys::proof_keys`]: the storage keys a bundle's read proof must cover (for builders).
//! - [`VerifyError`]: `#[non_exhaustive]`, one variant per failed check, with the failing values.
//! - `report` (feature `json`): the JSON verification document the CLI and the bindings print.
//!
//! ```
//! use dengji_verify::{
//!     parse_code, verify_code, Policy, ProofBundle, TrustRoot, UnixTimeMs, Verdict, VerifyError,
//! };
//!
//! /// A bank's check: is `code` valid now, according to `bundle` (from anyone) and the trust root
//! /// it keeps? `now` comes from the bank's clock.
//! fn is_valid(code: &str, bundle: &[u8], trust_root_json: &str, now: UnixTimeMs) -> Result<bool, VerifyError> {
//!     let code = parse_code(code)?; // bad check character: rejected here
//!     let root = TrustRoot::from_json(trust_root_json)?;
//!     let bundle = ProofBundle::from_bytes(bundle)?;
//!     Ok(verify_code(&code, &bundle, &root, &Policy::default(), now)? == Verdict::Valid)
//! }
//! # assert!(is_valid("530400-2026-0000123-0", &[], "{}", UnixTimeMs::from_secs(1_780_000_000)).is_err());
//! ```
//!
//! ## Dependencies
//! codec, ed25519-dalek, sp-crypto-hashing (already under dengji-primitives), thiserror, and
//! optionally serde/hex/serde_json. Header decoding, GRANDPA justification checking and the trie
//! read-proof walk are written here by hand; their module docs (`src/{header,justification,trie}.rs`)
//! say why, and the tests check them against `finality-grandpa`, `sp-trie` and `trie-db`. Those
//! internals are private: the API is the types a bundle is made of and the functions above.
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs, unsafe_code, unreachable_pub, clippy::unwrap_used, clippy::as_conversions)]
#![warn(clippy::arithmetic_side_effects)]

extern crate alloc;

pub mod bundle;
pub mod document;
mod error;
mod fmt;
pub mod genesis;
mod header;
pub mod holder;
mod justification;
pub mod keys;
pub mod national;
#[cfg(feature = "json")]
pub mod report;
mod time;
/// The hand-written read-proof walker, public only for the fuzz targets and the differential
/// tests against `sp-trie`/`trie-db`. Not part of the API: [`verify`] is.
#[doc(hidden)]
pub mod trie;
pub mod trust;
mod verify;

pub use bundle::{
	AuthoritySetChange, ProofBundle, BUNDLE_MAGIC, BUNDLE_VERSION, BUNDLE_VERSION_HOLDER,
	MAX_BUNDLE_SIZE,
};
pub use dengji_primitives::{
	CancelReason, CertificateBody, CertificateCode, CertificateRecord, CertificateStatus,
	CodeError, Moment, RevocationGround,
};
pub use document::{verify_certificate_signature, CertificateDocument, QrPayload};
pub use error::VerifyError;
pub use header::{ConsensusEngineId, Digest, DigestItem, Header};
pub use holder::{
	verify_presentation, Challenge, ConsentToken, HolderSignature, HolderSubject, Presentation,
	Presented,
};
pub use justification::{Commit, GrandpaJustification, Precommit, SignedPrecommit};
pub use time::UnixTimeMs;
pub use trust::{Authority, TrustRoot, TrustRootId, TRUST_ROOT_VERSION};
pub use verify::{
	check_content, content_digest, verify, verify_code, verify_detailed, Algorithms, Institution,
	Policy, Verdict, Verification,
};

/// A block hash or state root (BLAKE2-256).
pub type Hash = [u8; 32];
/// A block number (the runtime's `u32`).
pub type BlockNumber = u32;

/// Deepest SCALE nesting the decoders accept (bundles nest about 6 levels).
pub const MAX_DECODE_DEPTH: u32 = 32;

/// Parses a certificate code (`530400-2026-0000123-X`, or the 18 characters without hyphens),
/// rejecting a bad check character before anything is looked up.
pub fn parse_code(s: &str) -> Result<CertificateCode, VerifyError> {
	CertificateCode::parse(s).map_err(VerifyError::Code)
}

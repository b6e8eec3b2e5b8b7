//! # dengji-cli
//!
//! ## Overview
//! The `dengji` command over the `dengji-client` SDK and the `dengji-verify` core: check
//! certificate codes, show certificates, verify them online (through a proof bundle) or offline
//! (from a bundle file and a trust root), export trust roots, and submit every role's calls.
//!
//! ## Terminology
//! 登记机构 = registration institution; 登记主体 = registration subject; 异议 = objection;
//! 一证一码 = one certificate, one code. A *trust root* is the genesis hash plus a GRANDPA authority
//! set; a *bundle* proves a certificate's status from a trust root.
//!
//! ## Lifecycle
//! ```text
//! admit-subject ─► apply ─► accept ─► review --pass (publish) ─► [object ─► forward ─► rebut ─► decide]
//!   ─► close-publicity ─► approve ─► issue ─► cert verify / cert bundle ─► cert verify --bundle
//! ```
//!
//! ## Interface
//! Output: human text on stdout, progress on stderr; `--json` prints one JSON document on stdout.
//! Exit codes: see [`exit`].
#![deny(missing_docs)]

pub mod args;
pub mod exit;
pub mod output;
pub mod run;

pub use args::Cli;
pub use exit::ExitCode;

//! # dengji-cli
//!
//! ## Overview
//! The `dengji` command over the `dengji-client` SDK and the `dengji-verify` core: check
//! certificate codes and USCCs, show certificates, verify them online (through a proof bundle) or
//! offline (from a bundle file and a trust root), export trust roots, read the chain clock, and
//! submit every role's calls, signed with a secret URI or a polkadot.js key file.
//!
//! ## Terminology
//! 登记机构 = registration institution; 登记主体 = registration subject; 异议 = objection;
//! 一证一码 = one certificate, one code. A *trust root* is the genesis hash plus a GRANDPA authority
//! set; a *bundle* proves a certificate's status from a trust root.
//!
//! ## Lifecycle
//! ```text
//! admit-subject ─► apply ─► accept ─► review --pass (publish) ─► [object ─► forward ─► rebut ─► decide]
//!   ─► chain wait-until DAY --end ─► close-publicity ─► approve ─► issue ─► cert verify / cert bundle
//!   ─► cert verify --bundle
//! ```
//!
//! ## Interface
//! - [`args`]: the command line; values are parsed into domain types by [`parse`] (a bad value
//!   is a usage error, exit 2, with one sentence, Chinese first).
//! - [`cmd`]: one module per command group; each command returns one [`output::Outcome`]
//!   (`Serialize` for `--json`, `Display` for people).
//! - [`error::CliError`]: every failure, mapped to an [`ExitCode`] by one `match`.
//! - [`keyfile`]: polkadot.js JSON keystores.
//!
//! Output: human text on stdout, progress on stderr (bars only on a terminal); `--json` prints
//! one JSON document on stdout, errors included. Logs (`-v`, `RUST_LOG`) go to stderr.
#![deny(missing_docs)]

pub mod args;
pub mod cmd;
pub mod error;
pub mod exit;
pub mod keyfile;
pub mod output;
pub mod parse;

pub use args::Cli;
pub use error::CliError;
pub use exit::ExitCode;

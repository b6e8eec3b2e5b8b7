//! # dengji-verify-wasm
//!
//! `dengji-verify` in the browser (issue 13): the same verification core the banks embed, built for
//! `wasm32-unknown-unknown`, so a certificate page or a trading venue's web application checks a
//! proof bundle itself and never has to trust the server that served it
//! (docs/spec/requirements.md §5.11; docs/spec/DESIGN.md §7–§8; YX-R §23, §30).
//!
//! ## Interface
//! - JavaScript: `js/dengji-verify.mjs`, an ES module, `verify(bundleBytes, trustRootJson, nowMs)`
//!   → the document `dengji --json cert verify --bundle … --trust …` prints (see the README).
//! - The module's C ABI ([`abi`], feature `exports`): `dengji_alloc`, `dengji_free`,
//!   `dengji_verify` → a length-prefixed JSON document. No wasm-bindgen: the ES module is written
//!   by hand, so there is no generated glue whose CLI version must match a crate version.
//! - Rust: [`document`] (= `dengji_verify::report`), the JSON document built from a
//!   [`dengji_verify::Verification`]: the one serialisation the CLI and `dengji-verify-jvm` print too.
//!
//! ## Dependencies
//! `dengji-verify` (with `json`), `dengji-primitives` (dates), `serde_json`. Nothing else: no
//! wasm-bindgen, no js-sys; the module imports nothing from its host.

pub use dengji_verify::report as document;

#[cfg(feature = "exports")]
pub mod abi;

pub use document::{verify_bytes, verify_to_json};

//! # dengji-portal
//!
//! ## Overview
//! The registration platform's back end: an index of the **finalized** Dengji chain in SQLite
//! (embedded default, WAL) or PostgreSQL, and an HTTP API (axum, JSON, OpenAPI at
//! `/api/openapi.json`) over it. It publishes the publicity notices (YX-R §22) and answers
//! registration and certificate queries (YX-R §23, §9(三)); it publishes no statistics (YX-R §24).
//!
//! ## Terminology
//! - 登记机构 = registration institution; 登记主体 = registration subject; 公示 = publicity notice;
//!   异议 = objection; 一证一码 = one certificate, one code.
//! - *Cursor*: the last indexed block; every row carries the block (number, hash) it came from.
//!
//! ## Lifecycle
//! ```text
//! start ──► migrate ──► connect node ──► index block cursor+1 … finalized head ──► poll ──► …
//!                                 (one transaction per batch of blocks: rows + cursor; restart resumes)
//! HTTP ──► parse parameters into domain types ──► read index ──► JSON (400/404 on bad input)
//! ```
//!
//! ## Interface
//! - [`db::Db`]: open/migrate, `write_block`, `cursor`, `digests` (one BLAKE2-256 per table).
//! - [`index::run`]: follow the chain; [`index::check`]: compare the index with chain state.
//! - [`api::router`]: the HTTP API; [`openapi::document`]: its description; [`access`]: who may
//!   see what (consent tokens for details, Q24; the data authority's token for the catalogue, Q40).
//! - [`pages::router`]: the public web pages (publicity board, search, registrations,
//!   certificates verified in the browser, offline verification).
//! - [`metrics::router`]: registration-health metrics (Prometheus text) on their own listener.
#![deny(missing_docs)]

pub mod access;
pub mod api;
pub mod db;
pub mod decode;
pub mod index;
pub mod metrics;
pub mod openapi;
pub mod pages;
pub mod schema;

pub use db::{Backend, Db};

//! Base weights measured for this runtime (issue 11 §8), regenerated with
//! `scripts/gen-base-weights.sh` in a release `runtime-benchmarks` node build:
//! - [`paritydb_weights`]: one storage read/write on ParityDB, the database the node runs
//!   (`benchmark storage --database paritydb` on a dev chain with ~10^4 registrations);
//! - [`block_weights`]: executing an empty block (`benchmark overhead`);
//! - [`extrinsic_weights`]: the base of every transaction, a signed `System::remark` with all of
//!   `TxExtension` (`benchmark overhead`).
//!
//! Figures and the machine they were measured on: docs/performance.md "Extrinsic weights".

pub mod block_weights;
pub mod extrinsic_weights;
// The generated file documents the fields of a struct expression.
#[allow(unused_doc_comments)]
pub mod paritydb_weights;

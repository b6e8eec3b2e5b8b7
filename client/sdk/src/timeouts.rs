//! Named time limits. Every network operation of the SDK is bounded by one of these.

use std::time::Duration;

/// Establishing the WebSocket connection (per attempt).
pub const CONNECT: Duration = Duration::from_secs(10);
/// Connecting including retries, and reading the genesis hash and metadata.
pub const CONNECT_TOTAL: Duration = Duration::from_secs(30);
/// Reconnection attempts after the connection drops, before requests fail for good.
pub const RECONNECT_ATTEMPTS: usize = 20;
/// Backoff between reconnection attempts (doubled each time, capped by [`RECONNECT_MAX_DELAY`]).
pub const RECONNECT_BASE_DELAY: Duration = Duration::from_millis(250);
/// Longest wait between two reconnection attempts.
pub const RECONNECT_MAX_DELAY: Duration = Duration::from_secs(5);
/// One JSON-RPC request.
pub const REQUEST: Duration = Duration::from_secs(30);
/// A signed transaction from submission to finalization (a few 3-second slots plus GRANDPA).
pub const FINALIZATION: Duration = Duration::from_secs(120);
/// Building a proof bundle (several RPCs, possibly one per authority-set change).
pub const BUNDLE: Duration = Duration::from_secs(60);
/// How long a read of a block the node has just named (the finalized head, the block holding a
/// transaction) is retried: right after a runtime upgrade each node compiles the new runtime and
/// answers nothing that needs it until it is done (5–6 s measured on a release node; 42 s on a
/// debug node of four sharing 2 busy cores, `tests/src/upgrade.rs`).
pub const NODE_STALL: Duration = Duration::from_secs(90);
/// Polling period while waiting for finalized blocks.
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);
/// How long a bundle waits for a justification of the finalized head (or a later block) before
/// accepting an older justified block.
pub const FRESH_JUSTIFICATION_WAIT: Duration = Duration::from_secs(20);
/// Finalized blocks searched back from the head for a stored GRANDPA justification (the node
/// stores one every `GRANDPA_JUSTIFICATION_PERIOD` blocks, and for every authority-set change).
pub const JUSTIFICATION_LOOKBACK: u32 = 16;
/// Transactions one client submits and follows at once (each is one subscription; a node allows
/// 1 024 per connection by default): more wait for a free slot.
pub const MAX_IN_FLIGHT: usize = 512;

//! What the CLI's node-starting tests share: the node binary (or a skip), free ports, a node
//! killed on drop, `dengji` runs with their JSON, and waits with a named timeout.
//!
//! The node binary: `$DENGJI_NODE_BIN`, else `$CARGO_TARGET_DIR/debug/dengji-node`. Without it a
//! test is skipped with a message, unless `DENGJI_REQUIRE_NODE_BIN=1`.

use serde_json::Value;
use std::{
	ffi::OsStr,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// Longest wait for a started node to answer over RPC.
pub const NODE_START_TIMEOUT: Duration = Duration::from_secs(180);

/// The node binary, if built.
pub fn node_binary() -> Option<PathBuf> {
	if let Some(p) = std::env::var_os("DENGJI_NODE_BIN") {
		return Some(PathBuf::from(p));
	}
	let target = std::env::var_os("CARGO_TARGET_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
	let p = target.join("debug/dengji-node");
	p.is_file().then_some(p)
}

/// The node binary; None (the test skips, saying why) when it is not built, unless
/// `DENGJI_REQUIRE_NODE_BIN` is set (then the test fails).
pub fn node_binary_or_skip() -> Option<PathBuf> {
	let node = node_binary();
	if node.is_none() {
		assert!(
			std::env::var_os("DENGJI_REQUIRE_NODE_BIN").is_none(),
			"dengji-node not found and DENGJI_REQUIRE_NODE_BIN is set: cargo build -p dengji-node"
		);
		eprintln!(
			"SKIPPED: dengji-node not found (cargo build -p dengji-node, or DENGJI_NODE_BIN)"
		);
	}
	node
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
	std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A running node, killed when dropped.
pub struct Node(Child);

impl Drop for Node {
	fn drop(&mut self) {
		let _ = self.0.kill();
		let _ = self.0.wait();
	}
}

/// Starts `node CHAIN_ARGS --tmp` on free RPC and p2p ports (no Prometheus, telemetry or mDNS),
/// its log in `log`: the node and its RPC URL.
pub fn spawn_node(node: &Path, chain_args: &[&OsStr], log: &Path) -> (Node, String) {
	let rpc = free_port();
	let child = Command::new(node)
		.args(chain_args)
		.args(["--tmp", "--rpc-port", &rpc.to_string(), "--port", &free_port().to_string()])
		.args(["--no-prometheus", "--no-telemetry", "--no-mdns"])
		.stdout(Stdio::null())
		.stderr(std::fs::File::create(log).unwrap())
		.spawn()
		.expect("start dengji-node");
	(Node(child), format!("ws://127.0.0.1:{rpc}"))
}

/// Runs `dengji ARGS` with `env` set and no `DENGJI_URL`, `DENGJI_SURI` or `DENGJI_CERT_KEY`
/// from the caller: (exit code, JSON on stdout, everything printed).
pub fn dengji(args: &[&str], env: &[(&str, &str)]) -> (i32, Value, String) {
	let out = Command::new(env!("CARGO_BIN_EXE_dengji"))
		.args(args)
		.env_remove("DENGJI_URL")
		.env_remove("DENGJI_SURI")
		.env_remove("DENGJI_CERT_KEY")
		.envs(env.iter().copied())
		.output()
		.expect("run dengji");
	let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
	let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
	let v = serde_json::from_str(&stdout).unwrap_or(Value::Null);
	(out.status.code().unwrap_or(-1), v, format!("dengji {args:?}\n{stdout}{stderr}"))
}

/// Polls `probe` every 500 ms until it gives a value; fails with `what` and the probe's last
/// output once `timeout` has passed.
pub fn wait_for<T>(
	what: &str,
	timeout: Duration,
	mut probe: impl FnMut() -> Result<T, String>,
) -> T {
	let deadline = Instant::now() + timeout;
	loop {
		match probe() {
			Ok(v) => return v,
			Err(out) => {
				assert!(Instant::now() < deadline, "{what} not within {timeout:?}: {out}")
			}
		}
		std::thread::sleep(Duration::from_millis(500));
	}
}

//! `dengji trust from-spec` (issue 14 §3: trust roots without trust on first use): the trust root
//! computed OFFLINE from a raw chain spec equals what a node started from that spec reports
//! (`dengji trust export` online: genesis hash = chain_getBlockHash(0), GRANDPA authority set 0,
//! chain name), for the dev and local specs; a trust root of another chain is refused (WrongChain).
//!
//! Needs the node binary (`common::node_binary`): without it the test is skipped with a message,
//! unless `DENGJI_REQUIRE_NODE_BIN=1`.

mod common;

use common::{node_binary_or_skip, spawn_node, wait_for, Node, NODE_START_TIMEOUT};
use serde_json::Value;
use std::{
	path::{Path, PathBuf},
	process::{Command, Stdio},
};

fn dengji(args: &[&str]) -> (i32, Value, String) {
	common::dengji(args, &[])
}

fn raw_spec(node: &Path, chain: &str, dir: &Path) -> PathBuf {
	let out = Command::new(node)
		.args(["build-spec", "--chain", chain, "--raw", "--disable-default-bootnode"])
		.stderr(Stdio::null())
		.output()
		.expect("build-spec");
	assert!(out.status.success(), "build-spec --chain {chain} failed");
	let file = dir.join(format!("{chain}-raw.json"));
	std::fs::write(&file, out.stdout).unwrap();
	file
}

/// A node started from `spec`, its RPC URL, and the trust root it reports at genesis through
/// `dengji trust export`.
fn online_trust_root(node: &Path, spec: &Path, dir: &Path) -> (Node, String, Value) {
	let log = dir.join(format!("node-{}.log", spec.file_stem().unwrap().to_string_lossy()));
	let (node, url) = spawn_node(node, &["--chain".as_ref(), spec.as_os_str()], &log);
	let root = wait_for(&format!("node at {url}"), NODE_START_TIMEOUT, || {
		let (exit, v, out) = dengji(&["--json", "trust", "export", "--url", &url]);
		if exit == 0 {
			Ok(v)
		} else {
			Err(out)
		}
	});
	(node, url, root)
}

#[test]
fn trust_root_from_spec_equals_the_nodes_for_dev_and_local() {
	let Some(node) = node_binary_or_skip() else { return };
	let dir = tempfile::tempdir().unwrap();
	let mut roots: Vec<(&str, PathBuf, Value)> = Vec::new();
	for chain in ["dev", "local"] {
		let spec = raw_spec(&node, chain, dir.path());
		let out_file = dir.path().join(format!("{chain}-trust.json"));
		let (exit, offline, out) = dengji(&[
			"--json",
			"trust",
			"from-spec",
			spec.to_str().unwrap(),
			"-o",
			out_file.to_str().unwrap(),
		]);
		assert_eq!(exit, 0, "{out}");
		assert_eq!(offline["version"], 2, "{offline}");
		assert_eq!(offline["set_id"], 0, "{offline}");
		let (running, url, online) = online_trust_root(&node, &spec, dir.path());
		// Genesis hash (chain_getBlockHash(0)), set id, authorities and chain name all agree.
		assert_eq!(offline, online, "{chain}: offline trust root differs from the node's");
		// The other chain's trust root is refused before anything is fetched (typed: WrongChain).
		if let Some((other, other_file, _)) = roots.first() {
			let (exit, v, out) = dengji(&[
				"--json",
				"cert",
				"verify",
				"530400-2026-0000123-6",
				"--url",
				&url,
				"--trust",
				other_file.to_str().unwrap(),
			]);
			assert_eq!(exit, 4, "{chain} node with the {other} trust root: {out}");
			assert_eq!(v["error"]["check"], "WrongChain", "{out}");
		}
		drop(running);
		roots.push((chain, out_file, offline));
	}
	// dev and local are different chains.
	assert_ne!(roots[0].2["genesis_hash"], roots[1].2["genesis_hash"]);
}

#[test]
fn from_spec_refuses_a_spec_that_is_not_raw_with_a_typed_error() {
	let dir = tempfile::tempdir().unwrap();
	let f = dir.path().join("plain.json");
	std::fs::write(&f, r#"{"name": "X", "id": "x", "genesis": {"runtimeGenesis": {}}}"#).unwrap();
	let (exit, v, out) = dengji(&["--json", "trust", "from-spec", f.to_str().unwrap()]);
	assert_eq!(exit, 4, "{out}");
	assert_eq!(v["error"]["check"], "Decode", "{out}");
}

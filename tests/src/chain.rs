//! Chain specs and keys for tests that change the validator set (issue 11 §4, §6), made with the
//! node's own tools exactly as an operator makes them (docs/operations.md): `dengji-node
//! export-chain-spec`, `dengji-node key generate`, `dengji-node key generate-node-key`.

use crate::node_binary;
use anyhow::{anyhow, bail, Context, Result};
use std::{
	path::{Path, PathBuf},
	process::Command,
	time::Duration,
};

/// How long one `dengji-node` tool run (spec export, key generation) may take: it loads the
/// runtime, which a debug build compiles on a loaded machine in up to a minute or two.
pub const NODE_TOOL_TIMEOUT: Duration = Duration::from_secs(240);

/// Runs `dengji-node <args>` to completion (bounded by [`NODE_TOOL_TIMEOUT`]); returns
/// (stdout, stderr).
pub fn node_tool(args: &[&str]) -> Result<(String, String)> {
	let binary = node_binary()?;
	let child = Command::new(&binary)
		.args(args)
		.stdin(std::process::Stdio::null())
		.stdout(std::process::Stdio::piped())
		.stderr(std::process::Stdio::piped())
		.spawn()
		.with_context(|| format!("spawning {} {}", binary.display(), args.join(" ")))?;
	let pid = child.id();
	// Output is read while the tool runs (an exported spec is megabytes: more than a pipe holds).
	let (tx, rx) = std::sync::mpsc::channel();
	std::thread::spawn(move || {
		let _ = tx.send(child.wait_with_output());
	});
	let out = match rx.recv_timeout(NODE_TOOL_TIMEOUT) {
		Ok(out) => out?,
		Err(_) => {
			if let Ok(pid) = i32::try_from(pid) {
				// SAFETY: signalling our own child process.
				#[allow(unsafe_code)]
				unsafe {
					libc::kill(pid, libc::SIGKILL);
				}
			}
			bail!("dengji-node {} did not finish within {NODE_TOOL_TIMEOUT:?}", args.join(" "));
		}
	};
	let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
	let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
	if !out.status.success() {
		bail!("dengji-node {} failed ({}): {stderr}", args.join(" "), out.status);
	}
	Ok((stdout, stderr))
}

/// The `local` chain spec (`dengji-node export-chain-spec --chain local`, human-readable) with
/// `patch` merged into its genesis patch (e.g. `{"governance": {"sessionLength": 10}}`), written to
/// `dir/<file>`. The validators and allow-listed PeerIds stay `local`'s, so [`crate::Network`]
/// starts on it with [`crate::Network::start_chain`].
pub fn local_spec_with(dir: &Path, file: &str, patch: serde_json::Value) -> Result<PathBuf> {
	let (json, _) = node_tool(&["export-chain-spec", "--chain", "local"])?;
	let mut spec: serde_json::Value =
		serde_json::from_str(&json).context("export-chain-spec printed no JSON")?;
	let genesis = spec
		.pointer_mut("/genesis/runtimeGenesis/patch")
		.and_then(|p| p.as_object_mut())
		.ok_or_else(|| anyhow!("the exported local spec has no genesis.runtimeGenesis.patch"))?;
	let serde_json::Value::Object(add) = patch else { bail!("patch must be a JSON object") };
	for (k, v) in add {
		genesis.insert(k, v);
	}
	let path = dir.join(file);
	std::fs::write(&path, serde_json::to_vec_pretty(&spec)?)
		.with_context(|| format!("writing {}", path.display()))?;
	Ok(path)
}

/// The `local` spec with sessions of `blocks` blocks (`governance.sessionLength`, issue 11 §4).
pub fn local_spec_with_session_length(dir: &Path, blocks: u32) -> Result<PathBuf> {
	local_spec_with(
		dir,
		&format!("local-session-{blocks}.json"),
		serde_json::json!({ "governance": { "sessionLength": blocks } }),
	)
}

/// A fresh key from `dengji-node key generate --scheme <scheme> --output-type json`.
#[derive(Clone, Debug)]
pub struct FreshKey {
	/// `0x…` secret seed (a secret URI the SDK and CLI accept).
	pub secret_seed: String,
	/// Public key (= account id for sr25519).
	pub public: [u8; 32],
	/// SS58 address.
	pub ss58: String,
}

/// Generates a key with the node's key tool (`scheme`: `sr25519` or `ed25519`).
pub fn generate_key(scheme: &str) -> Result<FreshKey> {
	let (json, _) = node_tool(&["key", "generate", "--scheme", scheme, "--output-type", "json"])?;
	let v: serde_json::Value = serde_json::from_str(&json).context("key generate output")?;
	let field = |name: &str| {
		v.get(name)
			.and_then(|s| s.as_str())
			.map(str::to_owned)
			.ok_or_else(|| anyhow!("key generate printed no {name}: {json}"))
	};
	let public_hex = field("publicKey")?;
	let bytes = from_hex(&public_hex)?;
	let public: [u8; 32] =
		bytes.try_into().map_err(|_| anyhow!("public key {public_hex} is not 32 bytes"))?;
	Ok(FreshKey { secret_seed: field("secretSeed")?, public, ss58: field("ss58Address")? })
}

/// Generates a libp2p node key into `file` (`dengji-node key generate-node-key --file`) and
/// returns its PeerId (base58) as the tool prints it.
pub fn generate_node_key(file: &Path) -> Result<String> {
	let path = file.to_str().ok_or_else(|| anyhow!("non-UTF-8 path {}", file.display()))?;
	let (stdout, stderr) = node_tool(&["key", "generate-node-key", "--file", path])?;
	stdout
		.lines()
		.chain(stderr.lines())
		.map(str::trim)
		.find(|l| l.starts_with("12D3KooW"))
		.map(str::to_owned)
		.ok_or_else(|| anyhow!("generate-node-key printed no PeerId: {stdout} {stderr}"))
}

/// A base58 PeerId's bytes (the multihash the chain stores, `Institutions::set_peer_id`).
pub fn peer_id_bytes(peer_id: &str) -> Result<Vec<u8>> {
	const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
	// Big-endian base-256 digits of the number, built digit by digit.
	let mut bytes: Vec<u8> = Vec::new();
	for c in peer_id.bytes() {
		let mut carry =
			ALPHABET.iter().position(|&a| a == c).ok_or_else(|| anyhow!("{peer_id}: not base58"))?
				as u32;
		for b in bytes.iter_mut().rev() {
			carry += u32::from(*b) * 58;
			*b = (carry & 0xff) as u8;
			carry >>= 8;
		}
		while carry > 0 {
			bytes.insert(0, (carry & 0xff) as u8);
			carry >>= 8;
		}
	}
	let zeros = peer_id.bytes().take_while(|&c| c == b'1').count();
	let mut out = vec![0u8; zeros];
	out.extend(bytes);
	Ok(out)
}

/// `dengji-node bench-spec --chain dev ARGS…`: its `BENCH_SPEC_JSON` summary.
pub fn bench_spec(args: &[&str]) -> Result<serde_json::Value> {
	let all: Vec<&str> = ["bench-spec", "--chain", "dev"].iter().chain(args).copied().collect();
	let (out, _) = node_tool(&all)?;
	summary_json(&out, "BENCH_SPEC_JSON ")
}

/// The JSON after `prefix` on a line of a node tool's output (e.g. `BENCH_SPEC_JSON {…}`).
pub fn summary_json(stdout: &str, prefix: &str) -> Result<serde_json::Value> {
	let line = stdout
		.lines()
		.find_map(|l| l.strip_prefix(prefix))
		.ok_or_else(|| anyhow!("no {prefix} line in {stdout}"))?;
	serde_json::from_str(line.trim()).with_context(|| format!("{prefix} JSON"))
}

/// The field `name` of a summary, or an error that shows the summary.
pub fn summary_field<'a>(json: &'a serde_json::Value, name: &str) -> Result<&'a serde_json::Value> {
	json.get(name).ok_or_else(|| anyhow!("no {name} in {json}"))
}

/// `0x…` hex to bytes.
pub fn from_hex(s: &str) -> Result<Vec<u8>> {
	let s = s.trim().trim_start_matches("0x");
	if !s.len().is_multiple_of(2) {
		bail!("odd-length hex: {s}");
	}
	(0..s.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&s[i..i + 2], 16).map_err(|e| anyhow!("hex {s}: {e}")))
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn peer_id_bytes_are_the_identity_multihash_of_the_key() {
		// Node key 0x…01 of the `local` spec (LOCAL_VALIDATORS[0]).
		let b = peer_id_bytes("12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp").unwrap();
		assert_eq!(b.len(), 38);
		assert_eq!(&b[..6], &[0x00, 0x24, 0x08, 0x01, 0x12, 0x20]);
	}
}

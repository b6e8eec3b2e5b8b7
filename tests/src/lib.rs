//! # Dengji integration-test harness
//!
//! ## Overview
//! Starts real `dengji-node` processes on 127.0.0.1 and waits on what they report over RPC, in the
//! style of subxt's test-node runner and the zombienet-sdk tests: every wait is a poll of RPC bounded
//! by a named timeout, never a bare sleep, and every process is killed when its [`Node`] is dropped.
//!
//! - [`Node`]: one node process with free ports, a temporary base path and its log file; [`Node::kill`]
//!   and [`Node::restart`] keep the base path, so a restarted validator resumes from its database.
//! - [`Network`]: the 4 validators of the `local` chain spec (Alice/Bob/Charlie/Dave, the Kunming,
//!   Yuxi, Hongta and Chengjiang registration institutions), started with the fixed node keys whose
//!   PeerIds the spec allow-lists.
//! - [`Placement`]: where a node runs and is reached, 127.0.0.1 by default; [`netns::Lab`] places
//!   each node in its own network namespace, so a test can cut and heal the links between them.
//!
//! ## Terminology
//! - 登记机构 = registration institution; each runs one validator of the `local` network.
//! - *finalized head*: the block GRANDPA last finalized, as `chain_getFinalizedHead` reports it.
//!
//! ## Lifecycle
//! ```text
//! spawn ──► wait_rpc_up ──► (wait_finalized / finalized_head / peers …) ──► kill ──► restart ──► …
//!   └──────────────────────────────── Drop: SIGKILL, logs kept on failure ◄──────────────────┘
//! ```
//!
//! ## Interface
//! The node binary is `$DENGJI_NODE_BIN`, else `$CARGO_TARGET_DIR/debug/dengji-node`, else the
//! workspace's `target/debug/dengji-node`. Logs (and base paths) are removed when a node is dropped
//! after a passing run and kept (their path printed) when the test panicked, when a wait of this
//! harness failed, or when `DENGJI_KEEP_LOGS` is set.

use anyhow::{anyhow, bail, Context, Result};
use dengji_client::{
	rpc::{to_hex, DigestItem, Hash, Header, H256},
	Reader,
};
use std::{
	collections::HashSet,
	fs::{File, OpenOptions},
	io::{Read, Write},
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::{
		atomic::{AtomicBool, Ordering},
		Mutex, OnceLock,
	},
	time::{Duration, Instant},
};
use subxt_rpcs::{
	client::{RpcClient, RpcParams},
	methods::legacy::SystemHealth,
};

pub use dengji_client::BlockRef;

pub mod bench;
pub mod chain;
pub mod flow;
pub mod netns;
pub mod upgrade;

/// How long a freshly spawned node may take to answer RPC (debug build, runtime compiled on start:
/// 15–30 s on an idle machine, up to 3 min measured while other builds ran).
pub const RPC_UP_TIMEOUT: Duration = Duration::from_secs(300);
/// How long one RPC call may take before it counts as a failure.
pub const RPC_CALL_TIMEOUT: Duration = Duration::from_secs(20);
/// Interval between two polls of a node's RPC while waiting for a condition.
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);
/// How long the `local` validators may take to connect to each other after start.
pub const PEERING_TIMEOUT: Duration = Duration::from_secs(90);
/// Upper bound for finalizing one more block on a healthy network (3 s slots, GRANDPA rounds).
pub const PER_BLOCK_TIMEOUT: Duration = Duration::from_secs(15);
/// Fixed allowance added to block-count based timeouts (start-up, first GRANDPA round).
pub const FINALITY_SLACK: Duration = Duration::from_secs(60);
/// How long to wait for a killed process to exit.
pub const KILL_TIMEOUT: Duration = Duration::from_secs(20);
/// How long a node may take to shut down cleanly after SIGTERM ([`Node::stop`]).
pub const STOP_TIMEOUT: Duration = Duration::from_secs(60);

/// Timeout for finalizing `blocks` more blocks: [`FINALITY_SLACK`] + `blocks` × [`PER_BLOCK_TIMEOUT`].
pub fn finality_timeout(blocks: u32) -> Duration {
	FINALITY_SLACK + PER_BLOCK_TIMEOUT * blocks
}

/// One validator of the `local` chain spec: the institution it belongs to, the session key seed
/// (`--alice` …), and the fixed libp2p node key whose PeerId the spec allow-lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Validator {
	/// Well-known dev name: `alice`, `bob`, `charlie`, `dave` (the `--<name>` flag of the node).
	pub name: &'static str,
	/// GB/T 2260 division code of the institution running it.
	pub division: u32,
	/// Institution (place) name.
	pub institution: &'static str,
	/// libp2p ed25519 secret key (`--node-key`, hex).
	pub node_key: &'static str,
	/// The PeerId of that key, allow-listed in the `local` spec.
	pub peer_id: &'static str,
}

/// The four validators of `--chain local` (docs/spec/DESIGN.md §3: at least 4 validators; node keys
/// `0x…01` … `0x…04`, the PeerIds of `pallet-node-authorization`'s well-known test keys).
pub const LOCAL_VALIDATORS: [Validator; 4] = [
	Validator {
		name: "alice",
		division: 530100,
		institution: "Kunming",
		node_key: "0000000000000000000000000000000000000000000000000000000000000001",
		peer_id: "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp",
	},
	Validator {
		name: "bob",
		division: 530400,
		institution: "Yuxi",
		node_key: "0000000000000000000000000000000000000000000000000000000000000002",
		peer_id: "12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD",
	},
	Validator {
		name: "charlie",
		division: 530402,
		institution: "Hongta",
		node_key: "0000000000000000000000000000000000000000000000000000000000000003",
		peer_id: "12D3KooWSCufgHzV4fCwRijfH2k3abrpAJxTKxEvN1FDuRXA2U9x",
	},
	Validator {
		name: "dave",
		division: 530481,
		institution: "Chengjiang",
		node_key: "0000000000000000000000000000000000000000000000000000000000000004",
		peer_id: "12D3KooWSsChzF81YDUKpe9Uk5AHV5oqAaXAcWNSPYgoLauUk4st",
	},
];

/// Path of the `dengji-node` binary, or an error telling how to build it.
pub fn node_binary() -> Result<PathBuf> {
	let mut tried = Vec::new();
	if let Some(p) = std::env::var_os("DENGJI_NODE_BIN") {
		let p = PathBuf::from(p);
		if p.is_file() {
			return Ok(p);
		}
		bail!("DENGJI_NODE_BIN={} is not a file: run `cargo build -p dengji-node`", p.display());
	}
	if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
		tried.push(PathBuf::from(dir).join("debug/dengji-node"));
	}
	// This crate lives in `<workspace>/tests`.
	// Run-time value first: the compile-time one may name another checkout sharing the target dir.
	let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
	let workspace = manifest.join("..");
	tried.push(workspace.join("target/debug/dengji-node"));
	for p in &tried {
		if p.is_file() {
			return Ok(p.clone());
		}
	}
	bail!(
		"dengji-node binary not found (looked at $DENGJI_NODE_BIN, {}): run `cargo build -p dengji-node` \
		 (with the same CARGO_TARGET_DIR) or set DENGJI_NODE_BIN",
		tried.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
	)
}

/// Makes the node die (SIGKILL) when the thread that spawned it exits, so a test process that is
/// killed (CI timeout, Ctrl-C) never leaves nodes behind; `Drop` covers every orderly exit.
fn die_with_parent(command: &mut Command) {
	use std::os::unix::process::CommandExt;
	// SAFETY: `prctl(PR_SET_PDEATHSIG)` is async-signal-safe and touches no memory of the parent.
	#[allow(unsafe_code)]
	unsafe {
		command.pre_exec(|| {
			if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
				return Err(std::io::Error::last_os_error());
			}
			Ok(())
		});
	}
}

/// Ports handed out by this process, so concurrent tests never pick the same one.
fn taken_ports() -> &'static Mutex<HashSet<u16>> {
	static PORTS: OnceLock<Mutex<HashSet<u16>>> = OnceLock::new();
	PORTS.get_or_init(|| Mutex::new(HashSet::new()))
}

/// A TCP port on 127.0.0.1 that was free a moment ago (bind to port 0, read it, release it).
pub fn free_port() -> Result<u16> {
	for _ in 0..64 {
		let port = TcpListener::bind("127.0.0.1:0")
			.context("binding 127.0.0.1:0 to find a free port")?
			.local_addr()?
			.port();
		let mut taken = taken_ports().lock().map_err(|_| anyhow!("port registry poisoned"))?;
		if taken.insert(port) {
			return Ok(port);
		}
	}
	bail!("no free port found on 127.0.0.1")
}

/// Copies the directory `from` into `to` (created), recursively: files, directories and symbolic
/// links as links.
pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
	std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
	for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
		let entry = entry?;
		let (src, dst) = (entry.path(), to.join(entry.file_name()));
		let kind = entry.file_type()?;
		if kind.is_dir() {
			copy_dir(&src, &dst)?;
		} else if kind.is_symlink() {
			std::os::unix::fs::symlink(std::fs::read_link(&src)?, &dst)?;
		} else {
			std::fs::copy(&src, &dst)
				.with_context(|| format!("copying {} to {}", src.display(), dst.display()))?;
		}
	}
	Ok(())
}

/// 32 random bytes as hex: a node key that no chain spec allow-lists.
pub fn random_node_key() -> Result<String> {
	let mut bytes = [0u8; 32];
	File::open("/dev/urandom")
		.and_then(|mut f| f.read_exact(&mut bytes))
		.context("reading /dev/urandom")?;
	Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// What to start.
#[derive(Clone, Debug)]
pub struct NodeConfig {
	/// Name in logs and in `--name`.
	pub name: String,
	/// `dev` (one node, `--dev`) or `local` (the 4-validator spec) or a chain-spec path.
	pub chain: String,
	/// `--alice`, `--bob` …: the dev session keys, and `--validator`.
	pub validator_seed: Option<&'static str>,
	/// `--node-key` (hex); `None` lets the node generate one in its base path.
	pub node_key: Option<String>,
	/// Bootnode multiaddrs.
	pub bootnodes: Vec<String>,
	/// Further arguments, appended last.
	pub extra_args: Vec<String>,
}

impl NodeConfig {
	/// The single-node development chain (`--dev`: Alice authors and finalizes alone).
	pub fn dev() -> Self {
		NodeConfig {
			name: "dev".into(),
			chain: "dev".into(),
			validator_seed: None,
			node_key: None,
			bootnodes: Vec::new(),
			extra_args: Vec::new(),
		}
	}

	/// A validator of the `local` spec with its fixed node key.
	pub fn local_validator(v: &Validator) -> Self {
		NodeConfig {
			name: v.institution.to_lowercase(),
			chain: "local".into(),
			validator_seed: Some(v.name),
			node_key: Some(v.node_key.into()),
			bootnodes: Vec::new(),
			extra_args: Vec::new(),
		}
	}
}

/// Where a node's process runs and the address it is reached at. The default runs the binary
/// directly, bound to 127.0.0.1; [`netns::Lab::placement`] runs it inside a network namespace
/// (`ip netns exec <ns> dengji-node …`) bound to that namespace's address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
	/// IPv4 address the node listens on (P2P) and the harness reaches its RPC at.
	pub ip: String,
	/// Program and arguments the node binary and its arguments are appended to; empty runs the
	/// binary itself.
	pub command_prefix: Vec<String>,
}

impl Default for Placement {
	fn default() -> Self {
		Placement { ip: "127.0.0.1".into(), command_prefix: Vec::new() }
	}
}

impl Placement {
	/// Whether the node is bound to the loopback address (RPC stays local-only).
	fn is_loopback(&self) -> bool {
		self.ip == "127.0.0.1"
	}
}

/// `system_health` (subxt-rpcs' type).
pub type Health = SystemHealth;

/// Median of a list (0 when empty).
pub fn median<T: Ord + Copy + Default>(v: &[T]) -> T {
	let mut v = v.to_vec();
	v.sort();
	v.get(v.len() / 2).copied().unwrap_or_default()
}

/// One `dengji-node` process.
pub struct Node {
	config: NodeConfig,
	placement: Placement,
	binary: PathBuf,
	/// Base path and log directory; `None` once handed over to be kept.
	dir: Option<tempfile::TempDir>,
	/// The `--rpc-port` asked for.
	rpc_port: u16,
	/// The port the node reports it serves RPC on (it falls back to another port when the asked one
	/// is taken); 0 until read from the log.
	rpc_port_seen: std::sync::atomic::AtomicU16,
	p2p_port: u16,
	child: Option<Child>,
	/// The SDK's RPC-only reader of this node, connected on first use and dropped when a call
	/// fails on the network (the node may have been killed or restarted).
	reader: tokio::sync::Mutex<Option<Reader>>,
	failed: AtomicBool,
}

impl Node {
	/// Spawns the node (does not wait for it: see [`Node::wait_rpc_up`]).
	pub fn spawn(config: NodeConfig) -> Result<Self> {
		Self::spawn_at(config, Placement::default())
	}

	/// Spawns the node at `placement` (its own network namespace and address, say).
	pub fn spawn_at(config: NodeConfig, placement: Placement) -> Result<Self> {
		let mut node = Self::prepare(config, placement)?;
		node.start_process()?;
		Ok(node)
	}

	/// Spawns a node whose base path starts as a copy of `backup` (a node's base path backed up as
	/// docs/operations.md "Backup and restore" describes), on 127.0.0.1 with new ports.
	pub fn spawn_restored(config: NodeConfig, backup: &Path) -> Result<Self> {
		let mut node = Self::prepare(config, Placement::default())?;
		copy_dir(backup, &node.base_path())?;
		node.start_process()?;
		Ok(node)
	}

	/// The node with its directory and ports, not started: its arguments can still change
	/// ([`Node::config_mut`]) once every node's address is known, then [`Node::launch`].
	pub fn prepared(config: NodeConfig) -> Result<Self> {
		Self::prepare(config, Placement::default())
	}

	/// The configuration, to change before [`Node::launch`] or [`Node::restart`].
	pub fn config_mut(&mut self) -> &mut NodeConfig {
		&mut self.config
	}

	/// Starts a [`Node::prepared`] node's process.
	pub fn launch(&mut self) -> Result<()> {
		self.start_process()
	}

	/// The node with its directory and ports, not started.
	fn prepare(config: NodeConfig, placement: Placement) -> Result<Self> {
		let binary = node_binary()?;
		let dir = tempfile::Builder::new()
			.prefix(&format!("dengji-{}-", config.name))
			.tempdir()
			.context("creating the node's temporary directory")?;
		let node = Node {
			config,
			placement,
			binary,
			dir: Some(dir),
			rpc_port: free_port()?,
			rpc_port_seen: std::sync::atomic::AtomicU16::new(0),
			p2p_port: free_port()?,
			child: None,
			reader: tokio::sync::Mutex::new(None),
			failed: AtomicBool::new(false),
		};
		Ok(node)
	}

	/// Spawns the node and waits until its RPC answers.
	pub async fn start(config: NodeConfig) -> Result<Self> {
		let node = Self::spawn(config)?;
		node.wait_rpc_up(RPC_UP_TIMEOUT).await?;
		Ok(node)
	}

	fn dir(&self) -> &Path {
		// `dir` is only taken in `Drop`.
		self.dir.as_ref().map(|d| d.path()).unwrap_or_else(|| Path::new("/nonexistent"))
	}

	/// The node's base path (kept across [`Node::restart`]).
	pub fn base_path(&self) -> PathBuf {
		self.dir().join("base")
	}

	/// The node's log file (stdout and stderr of every run, appended).
	pub fn log_path(&self) -> PathBuf {
		self.dir().join(format!("{}.log", self.config.name))
	}

	/// Node name.
	pub fn name(&self) -> &str {
		&self.config.name
	}

	/// Where the node runs.
	pub fn placement(&self) -> &Placement {
		&self.placement
	}

	/// WebSocket RPC URL.
	pub fn ws_url(&self) -> String {
		format!("ws://{}:{}", self.placement.ip, self.rpc_port())
	}

	/// HTTP RPC URL.
	pub fn http_url(&self) -> String {
		format!("http://{}:{}", self.placement.ip, self.rpc_port())
	}

	/// The RPC port: the one the current run's log reports (`Running JSON-RPC server: addr=…`),
	/// else the one asked for. A node whose asked-for port was taken between [`free_port`] and its
	/// start serves on another one; reading the log keeps the harness from talking to a stranger.
	pub fn rpc_port(&self) -> u16 {
		match self.rpc_port_seen.load(Ordering::SeqCst) {
			0 => self.rpc_port,
			seen => seen,
		}
	}

	fn read_rpc_port_from_log(&self) -> Option<u16> {
		let log = self.log();
		let run = log.rsplit("\n=== ").next().unwrap_or(&log);
		let line = run.lines().find(|l| l.contains("Running JSON-RPC server: addr="))?;
		let addr = line.split("addr=").nth(1)?;
		let first = addr.split([',', ' ']).next()?;
		first.rsplit(':').next()?.trim().parse().ok()
	}

	/// The node's libp2p address (127.0.0.1 unless placed elsewhere) with the given PeerId.
	pub fn multiaddr(&self, peer_id: &str) -> String {
		format!("/ip4/{}/tcp/{}/p2p/{peer_id}", self.placement.ip, self.p2p_port)
	}

	/// P2P port.
	pub fn p2p_port(&self) -> u16 {
		self.p2p_port
	}

	/// Whether the process is running (not killed, not exited).
	pub fn is_running(&mut self) -> bool {
		match self.child.as_mut() {
			Some(c) => matches!(c.try_wait(), Ok(None)),
			None => false,
		}
	}

	fn args(&self) -> Vec<String> {
		let c = &self.config;
		let mut a: Vec<String> = Vec::new();
		if c.chain == "dev" {
			a.push("--dev".into());
		} else {
			a.extend(["--chain".into(), c.chain.clone()]);
		}
		a.extend([
			"--base-path".into(),
			self.base_path().display().to_string(),
			"--name".into(),
			c.name.clone(),
			"--rpc-port".into(),
			self.rpc_port.to_string(),
			"--rpc-methods".into(),
			"unsafe".into(),
			"--rpc-cors".into(),
			"all".into(),
			"--listen-addr".into(),
			format!("/ip4/{}/tcp/{}", self.placement.ip, self.p2p_port),
			"--no-prometheus".into(),
			"--no-telemetry".into(),
			"--no-mdns".into(),
		]);
		if !self.placement.is_loopback() {
			// Inside its own network namespace the node must answer RPC on that namespace's
			// address; only the harness's host can reach it.
			a.push("--unsafe-rpc-external".into());
		}
		if let Some(seed) = c.validator_seed {
			a.extend(["--validator".into(), format!("--{seed}")]);
		}
		if let Some(key) = &c.node_key {
			a.extend(["--node-key".into(), key.clone()]);
		}
		if !c.bootnodes.is_empty() {
			a.push("--bootnodes".into());
			a.extend(c.bootnodes.iter().cloned());
		}
		a.extend(c.extra_args.iter().cloned());
		a
	}

	fn start_process(&mut self) -> Result<()> {
		let args = self.args();
		let mut log = OpenOptions::new()
			.create(true)
			.append(true)
			.open(self.log_path())
			.with_context(|| format!("opening {}", self.log_path().display()))?;
		writeln!(log, "=== {} {}", self.binary.display(), args.join(" "))?;
		let err = log.try_clone()?;
		let mut command = match self.placement.command_prefix.split_first() {
			Some((program, prefix_args)) => {
				let mut c = Command::new(program);
				c.args(prefix_args).arg(&self.binary);
				c
			}
			None => Command::new(&self.binary),
		};
		die_with_parent(&mut command);
		let child = command
			.args(&args)
			.env("RUST_LOG", std::env::var("DENGJI_NODE_LOG").unwrap_or_else(|_| "info".into()))
			.stdin(Stdio::null())
			.stdout(Stdio::from(log))
			.stderr(Stdio::from(err))
			.spawn()
			.with_context(|| format!("spawning {}", self.binary.display()))?;
		self.child = Some(child);
		Ok(())
	}

	/// Kills the process (SIGKILL: a crash, as a fault test wants) and waits for it to exit.
	/// The base path, ports and log stay, for [`Node::restart`].
	pub fn kill(&mut self) -> Result<()> {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let deadline = Instant::now() + KILL_TIMEOUT;
			loop {
				if child.try_wait()?.is_some() {
					break;
				}
				if Instant::now() > deadline {
					bail!("{} did not exit within {KILL_TIMEOUT:?} of SIGKILL", self.name());
				}
				std::thread::sleep(Duration::from_millis(50));
			}
		}
		if let Ok(mut reader) = self.reader.try_lock() {
			*reader = None;
		}
		Ok(())
	}

	/// Stops the process as an operator does (SIGTERM: the node closes its database cleanly) and
	/// waits for it to exit; SIGKILL if it has not within [`STOP_TIMEOUT`]. The base path, ports
	/// and log stay.
	pub fn stop(&mut self) -> Result<()> {
		if let Some(child) = self.child.as_mut() {
			let pid = i32::try_from(child.id()).context("pid")?;
			// SAFETY: sending a signal to our own child process.
			#[allow(unsafe_code)]
			unsafe {
				libc::kill(pid, libc::SIGTERM);
			}
			let deadline = Instant::now() + STOP_TIMEOUT;
			while child.try_wait()?.is_none() {
				if Instant::now() > deadline {
					eprintln!("dengji-tests: {} ignored SIGTERM for {STOP_TIMEOUT:?}", self.name());
					break;
				}
				std::thread::sleep(Duration::from_millis(50));
			}
		}
		self.kill()
	}

	/// Starts the process again with the same base path, keys and ports (kills it first if running).
	pub fn restart(&mut self) -> Result<()> {
		self.kill()?;
		self.start_process()
	}

	/// Marks this node's run as failed, so its logs are kept.
	pub fn mark_failed(&self) {
		self.failed.store(true, Ordering::SeqCst);
	}

	/// The last `lines` lines of the log.
	pub fn log_tail(&self, lines: usize) -> String {
		let text = std::fs::read_to_string(self.log_path()).unwrap_or_default();
		let all: Vec<&str> = text.lines().collect();
		all[all.len().saturating_sub(lines)..].join("\n")
	}

	/// Whole log so far.
	pub fn log(&self) -> String {
		std::fs::read_to_string(self.log_path()).unwrap_or_default()
	}

	/// Wraps an error with the node name, log path and log tail, and marks the run failed.
	fn fail(&self, e: anyhow::Error) -> anyhow::Error {
		self.mark_failed();
		e.context(format!(
			"node {} (log kept at {}); last log lines:\n{}",
			self.name(),
			self.log_path().display(),
			self.log_tail(15)
		))
	}

	/// The SDK's reader of this node (RPC only), connecting if needed. Its calls are what the
	/// harness's waits poll; [`Node::read`] bounds one and drops the connection when it fails.
	pub async fn reader(&self) -> Result<Reader> {
		let mut guard = self.reader.lock().await;
		if let Some(r) = guard.as_ref() {
			return Ok(r.clone());
		}
		let url = self.ws_url();
		let connect = async {
			let rpc = RpcClient::from_insecure_url(&url).await?;
			Ok::<_, anyhow::Error>(Reader::from_rpc(rpc, &url).await?)
		};
		let r = tokio::time::timeout(RPC_CALL_TIMEOUT, connect)
			.await
			.map_err(|_| anyhow!("connecting to {url} timed out"))??;
		*guard = Some(r.clone());
		Ok(r)
	}

	/// One read through the SDK's [`Reader`] (no retry), bounded by [`RPC_CALL_TIMEOUT`]. A call
	/// that fails on the network drops the cached connection.
	pub async fn read<T, Fut>(&self, what: &str, call: impl FnOnce(Reader) -> Fut) -> Result<T>
	where
		Fut: std::future::Future<Output = dengji_client::Result<T>>,
	{
		let reader = self.reader().await?;
		match tokio::time::timeout(RPC_CALL_TIMEOUT, call(reader)).await {
			Ok(Ok(v)) => Ok(v),
			Ok(Err(e)) => {
				if e.is_network() {
					*self.reader.lock().await = None;
				}
				Err(anyhow::Error::new(e).context(format!("{what} on {}", self.name())))
			}
			Err(_) => {
				*self.reader.lock().await = None;
				bail!("{what} on {} timed out after {RPC_CALL_TIMEOUT:?}", self.name())
			}
		}
	}

	/// One JSON-RPC call the SDK does not wrap (no retry), over the reader's connection and
	/// bounded by [`RPC_CALL_TIMEOUT`]; the error is subxt-rpcs' own (a test may downcast it to read
	/// the node's JSON-RPC error code). A failed call drops the cached connection.
	pub async fn rpc<T: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		params: RpcParams,
	) -> Result<T> {
		let reader = self.reader().await?;
		let res = tokio::time::timeout(
			RPC_CALL_TIMEOUT,
			reader.rpc().client().request::<T>(method, params),
		)
		.await;
		match res {
			Ok(Ok(v)) => Ok(v),
			Ok(Err(e)) => {
				if matches!(e, subxt_rpcs::Error::Client(_)) {
					*self.reader.lock().await = None;
				}
				Err(anyhow::Error::new(e).context(format!("{method} on {}", self.name())))
			}
			Err(_) => {
				*self.reader.lock().await = None;
				bail!("{method} on {} timed out after {RPC_CALL_TIMEOUT:?}", self.name())
			}
		}
	}

	/// Polls `probe` every [`POLL_INTERVAL`] until it returns `Some`, for at most `timeout`.
	/// Fails early if the process exited.
	pub async fn poll<T, F, Fut>(&self, what: &str, timeout: Duration, mut probe: F) -> Result<T>
	where
		F: FnMut() -> Fut,
		Fut: std::future::Future<Output = Result<Option<T>>>,
	{
		let deadline = Instant::now() + timeout;
		let mut last_err = None;
		loop {
			match probe().await {
				Ok(Some(v)) => return Ok(v),
				Ok(None) => {}
				Err(e) => last_err = Some(e),
			}
			if Instant::now() >= deadline {
				let e = match last_err {
					Some(e) => e.context(format!("timed out after {timeout:?} waiting for {what}")),
					None => anyhow!("timed out after {timeout:?} waiting for {what}"),
				};
				return Err(self.fail(e));
			}
			if self.exited() {
				return Err(self.fail(anyhow!("process exited while waiting for {what}")));
			}
			tokio::time::sleep(POLL_INTERVAL).await;
		}
	}

	/// The node's process id while it was started and not killed (for SIGTERM and `/proc` readings).
	pub fn pid(&self) -> Option<u32> {
		self.child.as_ref().map(|c| c.id())
	}

	fn exited(&self) -> bool {
		// `try_wait` needs `&mut`; read /proc instead so `poll` can take `&self`.
		match self.child.as_ref() {
			Some(c) => {
				let stat = std::fs::read_to_string(format!("/proc/{}/stat", c.id()));
				match stat {
					Ok(s) => s.split_whitespace().nth(2) == Some("Z"),
					Err(_) => true,
				}
			}
			None => true,
		}
	}

	/// Waits until the node answers `system_health`.
	pub async fn wait_rpc_up(&self, timeout: Duration) -> Result<()> {
		self.rpc_port_seen.store(0, Ordering::SeqCst);
		self.poll("RPC to answer", timeout, || async {
			let Some(port) = self.read_rpc_port_from_log() else {
				return Ok(None);
			};
			if port != self.rpc_port {
				eprintln!(
					"dengji-tests: {} serves RPC on port {port}, not {} (taken)",
					self.name(),
					self.rpc_port
				);
			}
			if self.rpc_port_seen.swap(port, Ordering::SeqCst) != port {
				*self.reader.lock().await = None;
			}
			self.health().await?;
			Ok(Some(()))
		})
		.await
	}

	/// `system_health`.
	pub async fn health(&self) -> Result<Health> {
		let health = |r: Reader| async move {
			let h = r.rpc().legacy().system_health().await;
			h.map_err(|source| dengji_client::Error::Rpc { method: "system_health", source })
		};
		self.read("system_health", health).await
	}

	/// Number of connected peers.
	pub async fn peers(&self) -> Result<usize> {
		Ok(self.health().await?.peers)
	}

	/// `system_localPeerId`.
	pub async fn local_peer_id(&self) -> Result<String> {
		self.rpc("system_localPeerId", RpcParams::new()).await
	}

	/// `chain_getBlock`'s extrinsics (`0x…` SCALE) of block `hash`, as the node serves them.
	pub async fn block_extrinsics(&self, hash: Hash) -> Result<Vec<Vec<u8>>> {
		let block = self
			.read("chain_getBlock", |r| async move {
				let b = r.rpc().legacy().chain_get_block(Some(H256(hash))).await;
				b.map_err(|source| dengji_client::Error::Rpc { method: "chain_getBlock", source })
			})
			.await?
			.ok_or_else(|| anyhow!("{} has no block {}", self.name(), to_hex(&hash)))?;
		Ok(block.block.extrinsics.into_iter().map(|x| x.0).collect())
	}

	/// The finalized head.
	pub async fn finalized_head(&self) -> Result<BlockRef> {
		self.read("finalized head", |r| async move { r.finalized_head().await }).await
	}

	/// The best block.
	pub async fn best_block(&self) -> Result<BlockRef> {
		self.read("best block", |r| async move { r.best_block().await }).await
	}

	/// Hash of the canonical block at `number`, if the node has it.
	pub async fn block_hash(&self, number: u32) -> Result<Option<Hash>> {
		self.read("chain_getBlockHash", |r| async move { r.rpc().block_hash(number).await }).await
	}

	/// The header of the canonical block at `number` (checked to hash to the block's hash).
	pub async fn header_at(&self, number: u32) -> Result<Header> {
		let hash = self
			.block_hash(number)
			.await?
			.ok_or_else(|| anyhow!("{} has no block #{number}", self.name()))?;
		self.read("chain_getHeader", |r| async move { r.rpc().header(hash).await }).await
	}

	/// State root of the canonical block at `number`.
	pub async fn state_root_at(&self, number: u32) -> Result<Hash> {
		Ok(self.header_at(number).await?.state_root)
	}

	/// `Timestamp::Now` (ms since the Unix epoch) in the state of the canonical block at `number`.
	pub async fn timestamp_at(&self, number: u32) -> Result<u64> {
		let hash = self
			.block_hash(number)
			.await?
			.ok_or_else(|| anyhow!("{} has no block #{number}", self.name()))?;
		self.read("Timestamp::Now", |r| async move { r.now_at(hash).await }).await
	}

	/// The Aura slot of the canonical block at `number` (from its `PreRuntime(aura, slot)` digest).
	pub async fn aura_slot_at(&self, number: u32) -> Result<u64> {
		let header = self.header_at(number).await?;
		for log in &header.digest.logs {
			if let DigestItem::PreRuntime(engine, slot) = log {
				if engine == b"aura" {
					let slot: [u8; 8] =
						slot.as_slice().try_into().map_err(|_| anyhow!("Aura slot bytes"))?;
					return Ok(u64::from_le_bytes(slot));
				}
			}
		}
		bail!("block #{number} has no Aura pre-runtime digest")
	}

	/// Block times (differences of `Timestamp::Now`) of the canonical blocks `from..=to`, in ms.
	pub async fn block_times(&self, from: u32, to: u32) -> Result<Vec<u64>> {
		let mut out = Vec::new();
		let mut prev = self.timestamp_at(from).await?;
		for n in from + 1..=to {
			let t = self.timestamp_at(n).await?;
			out.push(t.saturating_sub(prev));
			prev = t;
		}
		Ok(out)
	}

	/// Waits until block `number` (or a later one) is finalized; returns the finalized head then.
	pub async fn wait_finalized(&self, number: u32, timeout: Duration) -> Result<BlockRef> {
		self.poll(&format!("block #{number} to be finalized"), timeout, || async {
			let head = self.finalized_head().await?;
			Ok((head.number >= number).then_some(head))
		})
		.await
	}

	/// Waits until `more` blocks beyond the current finalized head are finalized.
	pub async fn wait_finalized_more(&self, more: u32) -> Result<BlockRef> {
		let now = self.finalized_head().await.map_err(|e| self.fail(e))?.number;
		self.wait_finalized(now + more, finality_timeout(more)).await
	}

	/// Waits until the node has at least `n` peers.
	pub async fn wait_peers(&self, n: usize, timeout: Duration) -> Result<usize> {
		self.poll(&format!("{n} peers"), timeout, || async {
			let p = self.peers().await?;
			Ok((p >= n).then_some(p))
		})
		.await
	}

	/// `author_submitExtrinsic` of a SCALE-encoded extrinsic: the transaction hash (`0x…`), or the
	/// pool's error (subxt-rpcs' own, see [`Node::rpc`]).
	pub async fn submit_extrinsic(&self, extrinsic: &[u8]) -> Result<String> {
		self.rpc("author_submitExtrinsic", subxt_rpcs::client::rpc_params![to_hex(extrinsic)]).await
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		let _ = self.kill();
		let keep = std::thread::panicking()
			|| self.failed.load(Ordering::SeqCst)
			|| std::env::var_os("DENGJI_KEEP_LOGS").is_some();
		if let Some(dir) = self.dir.take() {
			if keep {
				let path = dir.keep();
				eprintln!(
					"dengji-tests: kept log and base path of {} in {}",
					self.name(),
					path.display()
				);
			}
		}
	}
}

/// The 4 validators of the `local` chain spec on 127.0.0.1, each with every other as bootnode.
pub struct Network {
	/// The validators, in [`LOCAL_VALIDATORS`] order.
	pub nodes: Vec<Node>,
}

impl Network {
	/// Starts the four `local` validators, waits for RPC on each and checks that every node runs
	/// with the PeerId the spec allow-lists.
	pub async fn start_local() -> Result<Self> {
		Self::start_local_at(vec![Placement::default(); LOCAL_VALIDATORS.len()]).await
	}

	/// [`Network::start_local`] with validator `i` at `placements[i]` (its own network namespace,
	/// say: [`netns::Lab`]).
	pub async fn start_local_at(placements: Vec<Placement>) -> Result<Self> {
		Self::start_local_within(placements, RPC_UP_TIMEOUT).await
	}

	/// [`Network::start_local_at`], giving each node `rpc_up` to answer RPC (a loaded machine may
	/// need more than [`RPC_UP_TIMEOUT`] to compile the runtime at start).
	pub async fn start_local_within(placements: Vec<Placement>, rpc_up: Duration) -> Result<Self> {
		Self::start_chain_within("local", placements, rpc_up).await
	}

	/// The four `local` validators on another chain spec with the same validators (`chain`: a
	/// spec file derived from `local`, e.g. [`chain::local_spec_with`]), on 127.0.0.1.
	pub async fn start_chain(chain: &str) -> Result<Self> {
		Self::start_chain_within(
			chain,
			vec![Placement::default(); LOCAL_VALIDATORS.len()],
			RPC_UP_TIMEOUT,
		)
		.await
	}

	/// [`Network::start_local_within`] on the chain `chain` (`local` or a spec file whose
	/// validators and allow-listed PeerIds are `local`'s).
	pub async fn start_chain_within(
		chain: &str,
		placements: Vec<Placement>,
		rpc_up: Duration,
	) -> Result<Self> {
		if placements.len() != LOCAL_VALIDATORS.len() {
			bail!("{} placements for {} validators", placements.len(), LOCAL_VALIDATORS.len());
		}
		// Ports first, so every node gets all the others as bootnodes from the start.
		let mut nodes = Vec::new();
		let mut configs = Vec::new();
		let mut p2p = Vec::new();
		for v in LOCAL_VALIDATORS.iter() {
			let mut cfg = NodeConfig::local_validator(v);
			cfg.chain = chain.into();
			configs.push(cfg);
			p2p.push(free_port()?);
		}
		let ips: Vec<String> = placements.iter().map(|p| p.ip.clone()).collect();
		for (i, (mut cfg, placement)) in configs.into_iter().zip(placements).enumerate() {
			cfg.bootnodes = LOCAL_VALIDATORS
				.iter()
				.enumerate()
				.filter(|(j, _)| *j != i)
				.map(|(j, v)| format!("/ip4/{}/tcp/{}/p2p/{}", ips[j], p2p[j], v.peer_id))
				.collect();
			let mut node = Node {
				placement,
				binary: node_binary()?,
				dir: Some(
					tempfile::Builder::new()
						.prefix(&format!("dengji-{}-", cfg.name))
						.tempdir()
						.context("creating a temporary directory")?,
				),
				config: cfg,
				rpc_port: free_port()?,
				rpc_port_seen: std::sync::atomic::AtomicU16::new(0),
				p2p_port: p2p[i],
				child: None,
				reader: tokio::sync::Mutex::new(None),
				failed: AtomicBool::new(false),
			};
			node.start_process()?;
			nodes.push(node);
		}
		let net = Network { nodes };
		for (node, v) in net.nodes.iter().zip(LOCAL_VALIDATORS.iter()) {
			node.wait_rpc_up(rpc_up).await?;
			let id = node.local_peer_id().await?;
			if id != v.peer_id {
				node.mark_failed();
				bail!(
					"{} runs as PeerId {id}, but the harness expects {} for node key {}: the local spec's \
					 fixed node keys changed; update LOCAL_VALIDATORS",
					v.name,
					v.peer_id,
					v.node_key
				);
			}
		}
		Ok(net)
	}

	/// Multiaddrs of all validators (for a further node's `--bootnodes`).
	pub fn bootnodes(&self) -> Vec<String> {
		self.nodes
			.iter()
			.zip(LOCAL_VALIDATORS.iter())
			.map(|(n, v)| n.multiaddr(v.peer_id))
			.collect()
	}

	/// Waits until every node in `which` has finalized block `number`.
	pub async fn wait_all_finalized(
		&self,
		which: &[usize],
		number: u32,
		timeout: Duration,
	) -> Result<()> {
		for &i in which {
			self.nodes[i].wait_finalized(number, timeout).await?;
		}
		Ok(())
	}

	/// The lowest finalized height among `which`.
	pub async fn common_finalized(&self, which: &[usize]) -> Result<u32> {
		let mut min = u32::MAX;
		for &i in which {
			min = min.min(self.nodes[i].finalized_head().await?.number);
		}
		Ok(min)
	}

	/// Marks every node failed (logs kept).
	pub fn mark_failed(&self) {
		for n in &self.nodes {
			n.mark_failed();
		}
	}
}

//! # Network namespaces for partition tests
//!
//! ## Overview
//! A [`Lab`] gives each of `n` nodes its own Linux network namespace, joined by a veth pair to one
//! bridge (*side A*) in the host namespace; the host has an address on that bridge, so the test
//! process reaches every node's RPC. [`Lab::partition`] moves the host ends of some veths to a
//! second bridge (*side B*): the two sides no longer reach each other at layer 2, while the host
//! still reaches both (a /32 route per moved node, through side B). [`Lab::heal`] moves them back.
//! Needs root and iproute2's `ip`; no firewall (iptables/nft) is used. [`unavailable`] says why a
//! lab cannot be built here, so a test can print `SKIPPED: <reason>` instead of failing.
//!
//! ## Addresses and names
//! ```text
//!   host: 10.87.S.1 on djp<pid>ba ─┬─ djp<pid>h0 ══ djp<pid>p0 (netns djp<pid>n0, 10.87.S.2)
//!         (/32 routes via djp<pid>bb├─ djp<pid>h1 ══ djp<pid>p1 (netns djp<pid>n1, 10.87.S.3)
//!          for partitioned nodes)   └─ …
//! ```
//! `S` is a third octet no host address or route uses yet; `<pid>` is the test process's, so
//! concurrent runs never share a name. Both bridges carry the same fixed MAC address, so a node's
//! cached neighbour entry for the host stays valid when its veth changes sides.
//!
//! ## Cleanup
//! `Drop` deletes the veth pairs, the namespaces, the bridges and with them the routes, also
//! when the test panics. A process killed outright cannot run `Drop`:
//! [`Lab::create`] first deletes every `djp<pid>…` object whose process no longer exists.

use crate::Placement;
use anyhow::{anyhow, bail, Context, Result};
use std::{
	collections::BTreeSet,
	process::Command,
	sync::atomic::{AtomicUsize, Ordering},
};

/// Prefix of every interface and namespace a lab creates (interface names are ≤ 15 bytes).
pub const PREFIX: &str = "djp";
/// First two octets of the labs' /24 subnets.
const SUBNET: &str = "10.87";

/// Labs alive in this process (leftovers named with our own pid are stale only when none is).
static LIVE_LABS: AtomicUsize = AtomicUsize::new(0);

/// Runs `ip <args>` and returns its stdout; an error carries the command and its stderr.
pub fn ip(args: &[&str]) -> Result<String> {
	let out = Command::new("ip")
		.args(args)
		.output()
		.with_context(|| format!("running `ip {}`", args.join(" ")))?;
	if !out.status.success() {
		bail!(
			"`ip {}` failed ({}): {}",
			args.join(" "),
			out.status,
			String::from_utf8_lossy(&out.stderr).trim()
		);
	}
	Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The effective uid of this process, from `/proc/self/status`.
fn effective_uid() -> Option<u32> {
	let status = std::fs::read_to_string("/proc/self/status").ok()?;
	let line = status.lines().find(|l| l.starts_with("Uid:"))?;
	line.split_whitespace().nth(2)?.parse().ok()
}

/// Why a [`Lab`] cannot be built on this machine, or `None` when it can: not root, no `ip`, or
/// creating a namespace, a veth pair or a bridge fails (a container without `CAP_NET_ADMIN`).
pub fn unavailable() -> Option<String> {
	match effective_uid() {
		Some(0) => {}
		Some(uid) => {
			return Some(format!("not root (uid {uid}): network namespaces need CAP_NET_ADMIN"))
		}
		None => return Some("cannot read the uid from /proc/self/status".into()),
	}
	if let Err(e) = ip(&["-V"]) {
		return Some(format!("iproute2 `ip` not usable: {e:#}"));
	}
	// Unique names per probe, and counted as a live lab, so that neither a concurrent probe nor
	// `remove_leftovers` in this process can make it fail.
	static PROBES: AtomicUsize = AtomicUsize::new(0);
	let tag =
		format!("{PREFIX}{}q{}", std::process::id(), PROBES.fetch_add(1, Ordering::SeqCst) % 100);
	let (ns, veth, peer, bridge) =
		(tag.clone(), format!("{tag}v"), format!("{tag}w"), format!("{tag}b"));
	LIVE_LABS.fetch_add(1, Ordering::SeqCst);
	let probe = || -> Result<()> {
		ip(&["netns", "add", &ns])?;
		ip(&["link", "add", &veth, "type", "veth", "peer", "name", &peer])?;
		ip(&["link", "set", &peer, "netns", &ns])?;
		ip(&["link", "add", &bridge, "type", "bridge"])?;
		Ok(())
	};
	let result = probe();
	let _ = ip(&["netns", "del", &ns]);
	let _ = ip(&["link", "del", &veth]);
	let _ = ip(&["link", "del", &bridge]);
	LIVE_LABS.fetch_sub(1, Ordering::SeqCst);
	result.err().map(|e| format!("network namespaces unavailable: {e:#}"))
}

/// The pid in a lab object's name (`djp<pid>…`), if it is one.
fn owner_pid(name: &str) -> Option<u32> {
	let rest = name.strip_prefix(PREFIX)?;
	let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
	digits.parse().ok()
}

/// Whether an object named for `pid` is a leftover: its process is gone, or it is this process
/// and no lab of this process is alive.
fn is_stale(pid: u32) -> bool {
	if pid == std::process::id() {
		return LIVE_LABS.load(Ordering::SeqCst) == 0;
	}
	!std::path::Path::new(&format!("/proc/{pid}")).exists()
}

/// Deletes the namespaces and links of crashed earlier runs; returns what it deleted.
pub fn remove_leftovers() -> Result<Vec<String>> {
	let mut removed = Vec::new();
	for line in ip(&["netns", "list"])?.lines() {
		let Some(name) = line.split_whitespace().next() else {
			continue;
		};
		if owner_pid(name).is_some_and(is_stale) {
			// Another lab being created may delete it at the same moment: only what stays counts.
			if let Err(e) = ip(&["netns", "del", name]) {
				if netns_exists(name)? {
					return Err(e);
				}
			}
			removed.push(format!("netns {name}"));
		}
	}
	for line in ip(&["-o", "link", "show"])?.lines() {
		// `12: djp123h0@if11: <BROADCAST,…> …`
		let Some(name) = line.split(": ").nth(1) else {
			continue;
		};
		let name = name.split('@').next().unwrap_or(name);
		if owner_pid(name).is_some_and(is_stale) {
			// One end of a veth pair takes the other with it: the second may be gone already.
			if ip(&["link", "del", name]).is_ok() {
				removed.push(format!("link {name}"));
			} else if ip(&["link", "show", name]).is_ok() {
				bail!("could not delete the leftover link {name}");
			}
		}
	}
	Ok(removed)
}

/// Whether a network namespace of that name exists.
pub fn netns_exists(name: &str) -> Result<bool> {
	Ok(ip(&["netns", "list"])?.lines().any(|l| l.split_whitespace().next() == Some(name)))
}

/// A third octet `S` such that no host address or route lies in `10.87.S.0/24`.
fn free_subnet() -> Result<u8> {
	let used_text = format!("{}\n{}", ip(&["-4", "-o", "addr"])?, ip(&["-4", "route"])?);
	let used: BTreeSet<u8> = used_text
		.split(|c: char| c.is_whitespace() || c == '/')
		.filter_map(|w| w.strip_prefix(&format!("{SUBNET}.")))
		.filter_map(|rest| rest.split('.').next()?.parse().ok())
		.collect();
	let start = (std::process::id() % 254) as u8;
	(0..254u16)
		.map(|k| ((u16::from(start) + k) % 254 + 1) as u8)
		.find(|s| !used.contains(s))
		.ok_or_else(|| anyhow!("every {SUBNET}.x.0/24 subnet is in use"))
}

/// `n` network namespaces on a host bridge, with partitions on demand (see the module docs).
pub struct Lab {
	/// `djp<pid>`.
	tag: String,
	/// Third octet of the subnet.
	subnet: u8,
	/// Number of namespaces.
	n: usize,
	/// Nodes whose veth is on side B.
	side_b: BTreeSet<usize>,
}

impl Lab {
	/// Removes leftovers of crashed runs, then builds `n` namespaces on one bridge. On an error
	/// the part already built is torn down.
	pub fn create(n: usize) -> Result<Self> {
		if n == 0 || n > 200 {
			bail!("a lab holds 1 to 200 namespaces, not {n}");
		}
		for what in remove_leftovers()? {
			eprintln!("dengji-tests: removed {what} left by an earlier run");
		}
		let subnet = free_subnet()?;
		LIVE_LABS.fetch_add(1, Ordering::SeqCst);
		let lab = Lab {
			tag: format!("{PREFIX}{}", std::process::id()),
			subnet,
			n,
			side_b: BTreeSet::new(),
		};
		// From here on `Drop` cleans up whatever `build` managed to create.
		lab.build()?;
		Ok(lab)
	}

	fn build(&self) -> Result<()> {
		let mac = format!("02:87:00:00:{:02x}:01", self.subnet);
		for bridge in [self.bridge_a(), self.bridge_b()] {
			ip(&["link", "add", &bridge, "type", "bridge"])?;
			ip(&["link", "set", &bridge, "address", &mac])?;
			ip(&["link", "set", &bridge, "up"])?;
		}
		ip(&["addr", "add", &format!("{}/24", self.host_ip()), "dev", &self.bridge_a()])?;
		for i in 0..self.n {
			let (ns, host_end, ns_end) = (self.netns(i), self.host_end(i), self.ns_end(i));
			ip(&["netns", "add", &ns])?;
			ip(&["link", "add", &host_end, "type", "veth", "peer", "name", &ns_end])?;
			ip(&["link", "set", &ns_end, "netns", &ns])?;
			ip(&["link", "set", &host_end, "master", &self.bridge_a(), "up"])?;
			ip(&["-n", &ns, "addr", "add", &format!("{}/24", self.ip(i)), "dev", &ns_end])?;
			ip(&["-n", &ns, "link", "set", &ns_end, "up"])?;
			ip(&["-n", &ns, "link", "set", "lo", "up"])?;
		}
		Ok(())
	}

	fn bridge_a(&self) -> String {
		format!("{}ba", self.tag)
	}

	fn bridge_b(&self) -> String {
		format!("{}bb", self.tag)
	}

	fn host_end(&self, i: usize) -> String {
		format!("{}h{i}", self.tag)
	}

	fn ns_end(&self, i: usize) -> String {
		format!("{}p{i}", self.tag)
	}

	/// Name of node `i`'s network namespace.
	pub fn netns(&self, i: usize) -> String {
		format!("{}n{i}", self.tag)
	}

	/// The host's address on the bridge.
	pub fn host_ip(&self) -> String {
		format!("{SUBNET}.{}.1", self.subnet)
	}

	/// Node `i`'s address.
	pub fn ip(&self, i: usize) -> String {
		format!("{SUBNET}.{}.{}", self.subnet, i + 2)
	}

	/// Where node `i` runs: `ip netns exec <netns(i)> …`, bound to [`Lab::ip`]`(i)`.
	pub fn placement(&self, i: usize) -> Placement {
		Placement {
			ip: self.ip(i),
			command_prefix: vec!["ip".into(), "netns".into(), "exec".into(), self.netns(i)],
		}
	}

	/// Placements of all `n` nodes, in order.
	pub fn placements(&self) -> Vec<Placement> {
		(0..self.n).map(|i| self.placement(i)).collect()
	}

	/// Cuts the network in two: `side_b` on one side, every other node on the other. Connections
	/// across the cut are not reset; their packets are dropped (as a failed switch would).
	pub fn partition(&mut self, side_b: &[usize]) -> Result<()> {
		self.heal()?;
		for &i in side_b {
			if i >= self.n {
				bail!("no node {i} in a lab of {}", self.n);
			}
			ip(&["link", "set", &self.host_end(i), "master", &self.bridge_b()])?;
			self.side_b.insert(i);
			ip(&[
				"route",
				"replace",
				&format!("{}/32", self.ip(i)),
				"dev",
				&self.bridge_b(),
				"src",
				&self.host_ip(),
			])?;
		}
		Ok(())
	}

	/// Joins both sides again.
	pub fn heal(&mut self) -> Result<()> {
		for i in std::mem::take(&mut self.side_b) {
			ip(&["link", "set", &self.host_end(i), "master", &self.bridge_a()])?;
			ip(&["route", "del", &format!("{}/32", self.ip(i)), "dev", &self.bridge_b()])?;
		}
		Ok(())
	}
}

impl Drop for Lab {
	fn drop(&mut self) {
		let mut errors = Vec::new();
		let link_exists = |name: &str| ip(&["link", "show", name]).is_ok();
		for i in 0..self.n {
			// The host end first: deleting it removes the pair at once, while a namespace's own
			// links go asynchronously once its last process has exited. A half-built lab may lack
			// either, and what vanished meanwhile is no error.
			let host_end = self.host_end(i);
			if link_exists(&host_end)
				&& ip(&["link", "del", &host_end]).is_err()
				&& link_exists(&host_end)
			{
				errors.push(host_end);
			}
			let ns = self.netns(i);
			if ip(&["netns", "del", &ns]).is_err() && netns_exists(&ns).unwrap_or(true) {
				errors.push(ns);
			}
		}
		for bridge in [self.bridge_a(), self.bridge_b()] {
			if ip(&["link", "show", &bridge]).is_ok() && ip(&["link", "del", &bridge]).is_err() {
				errors.push(bridge);
			}
		}
		LIVE_LABS.fetch_sub(1, Ordering::SeqCst);
		if !errors.is_empty() {
			eprintln!(
				"dengji-tests: could not delete {errors:?}; the next lab removes them once this \
				 process is gone"
			);
		}
	}
}

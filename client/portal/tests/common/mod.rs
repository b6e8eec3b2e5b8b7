//! Test helpers: a throw-away PostgreSQL cluster, a seeded index, a request helper.
#![allow(dead_code)]

use anyhow::{anyhow, bail, Context, Result};
use dengji_portal::{
	db::{Cursor, Db, Op, Record, Val},
	schema,
};
use std::{
	path::{Path, PathBuf},
	process::{Command, Stdio},
	time::{Duration, Instant},
};

/// How long a throw-away cluster may take to accept connections.
pub const PG_START_TIMEOUT: Duration = Duration::from_secs(60);

fn pg_bin(name: &str) -> Option<PathBuf> {
	if let Ok(out) = Command::new("sh").arg("-c").arg(format!("command -v {name}")).output() {
		let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
		if !p.is_empty() {
			return Some(PathBuf::from(p));
		}
	}
	let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
		.ok()?
		.filter_map(|e| e.ok())
		.map(|e| e.path().join("bin").join(name))
		.filter(|p| p.is_file())
		.collect();
	found.sort();
	found.pop()
}

/// A PostgreSQL cluster in a temporary directory on a free port, stopped and removed on drop.
pub struct PgCluster {
	dir: tempfile::TempDir,
	pub port: u16,
	pg_ctl: PathBuf,
	as_user: Option<String>,
}

impl PgCluster {
	/// Starts a cluster; `None` (with a message) when PostgreSQL is not installed and
	/// `DENGJI_REQUIRE_POSTGRES` is unset.
	pub fn start() -> Result<Option<Self>> {
		let (Some(initdb), Some(pg_ctl)) = (pg_bin("initdb"), pg_bin("pg_ctl")) else {
			if std::env::var_os("DENGJI_REQUIRE_POSTGRES").is_some() {
				bail!("initdb/pg_ctl not found and DENGJI_REQUIRE_POSTGRES is set: run scripts/setup.sh");
			}
			eprintln!(
				"SKIPPED: PostgreSQL (initdb) is not installed; scripts/setup.sh installs it"
			);
			return Ok(None);
		};
		let dir = tempfile::Builder::new().prefix("dengji-portal-pg").tempdir()?;
		// initdb refuses to run as root: run the cluster as the `postgres` system user then.
		let as_user = (unsafe_geteuid() == 0).then(|| "postgres".to_string());
		if let Some(u) = &as_user {
			let st = Command::new("chown").args(["-R", u]).arg(dir.path()).status()?;
			if !st.success() {
				bail!("chown {u} {}", dir.path().display());
			}
		}
		let data = dir.path().join("data");
		let run = |cmd: &Path, args: &[&str]| -> Result<std::process::Output> {
			let mut c = match &as_user {
				Some(u) => {
					let mut c = Command::new("runuser");
					c.args(["-u", u, "--"]).arg(cmd);
					c
				}
				None => Command::new(cmd),
			};
			c.args(args).stdin(Stdio::null());
			c.output().with_context(|| format!("running {}", cmd.display()))
		};
		let out = run(
			&initdb,
			&[
				"-D",
				data.to_str().unwrap_or_default(),
				"-U",
				"postgres",
				"-A",
				"trust",
				"-E",
				"UTF8",
				"--locale=C.UTF-8",
			],
		)?;
		if !out.status.success() {
			bail!("initdb failed: {}", String::from_utf8_lossy(&out.stderr));
		}
		let mut cluster = Self { dir, port: 0, pg_ctl, as_user };
		cluster.port = free_port()?;
		cluster.pg_start()?;
		Ok(Some(cluster))
	}

	fn pg_ctl(&self, args: &[&str]) -> Result<std::process::Output> {
		let mut c = match &self.as_user {
			Some(u) => {
				let mut c = Command::new("runuser");
				c.args(["-u", u, "--"]).arg(&self.pg_ctl);
				c
			}
			None => Command::new(&self.pg_ctl),
		};
		c.args(args).stdin(Stdio::null());
		Ok(c.output()?)
	}

	fn data(&self) -> String {
		self.dir.path().join("data").to_string_lossy().into_owned()
	}

	fn pg_start(&self) -> Result<()> {
		let opts = format!(
			"-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
			self.port,
			self.dir.path().display()
		);
		let log = self.dir.path().join("log").to_string_lossy().into_owned();
		let out =
			self.pg_ctl(&["-D", &self.data(), "-l", &log, "-o", &opts, "-w", "-t", "60", "start"])?;
		if !out.status.success() {
			let log = std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default();
			bail!("pg_ctl start failed: {}\n{log}", String::from_utf8_lossy(&out.stderr));
		}
		let deadline = Instant::now() + PG_START_TIMEOUT;
		while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
			if Instant::now() > deadline {
				bail!("PostgreSQL did not listen on {} within {PG_START_TIMEOUT:?}", self.port);
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		Ok(())
	}

	/// Stops (fast) and starts the server again on the same port.
	pub fn restart(&self) -> Result<()> {
		let out = self.pg_ctl(&["-D", &self.data(), "-m", "fast", "-w", "stop"])?;
		if !out.status.success() {
			bail!("pg_ctl stop: {}", String::from_utf8_lossy(&out.stderr));
		}
		self.pg_start()
	}

	/// A database URL; creates database `name` first.
	pub async fn database(&self, name: &str) -> Result<String> {
		let admin = format!("postgres://postgres@127.0.0.1:{}/postgres", self.port);
		sqlx::any::install_default_drivers();
		let pool = sqlx::AnyPool::connect(&admin).await?;
		sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await?;
		pool.close().await;
		Ok(format!("postgres://postgres@127.0.0.1:{}/{name}", self.port))
	}
}

impl Drop for PgCluster {
	fn drop(&mut self) {
		let _ = self.pg_ctl(&["-D", &self.data(), "-m", "immediate", "-w", "stop"]);
	}
}

fn unsafe_geteuid() -> u32 {
	// SAFETY: geteuid has no preconditions and touches no memory.
	#[allow(unsafe_code)]
	unsafe {
		libc::geteuid()
	}
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> Result<u16> {
	Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A SQLite database file in `dir`.
pub fn sqlite_url(dir: &Path) -> String {
	format!("sqlite:{}", dir.join("index.db").display())
}

fn rec(table: &'static schema::Table, vals: Vec<Val>) -> Record {
	assert_eq!(vals.len(), table.cols.len(), "{}", table.name);
	Record { table, vals }
}

/// Day index of 2026-12-07 (a Monday): the seeded chain's "today".
pub const TODAY: i64 = 20_794;
/// The seeded chain's genesis hash.
pub const GENESIS: [u8; 32] = [0xee; 32];

/// `0x` hex.
pub fn hex_of(b: &[u8]) -> String {
	format!("0x{}", hex::encode(b))
}

/// The seeded subject's staff key (sr25519, as accounts sign), among its accounts.
pub fn holder_key() -> schnorrkel::Keypair {
	schnorrkel::MiniSecretKey::from_bytes(&[1; 32])
		.unwrap()
		.expand_to_keypair(schnorrkel::ExpansionMode::Ed25519)
}

/// Its account (public key).
pub fn holder_account() -> [u8; 32] {
	holder_key().public.to_bytes()
}

/// The data authority's bearer token of the test portals (Q40).
pub const AUTHORITY_TOKEN: &str = "authority-token-for-tests-0001";

/// The seeded subject's USCC.
pub const USCC: &str = "91530400MA00000001";

/// A valid certificate code of the seeded certificate.
pub fn code() -> String {
	code_serial(1)
}

/// A valid code of Yuxi, 2026, `serial`.
pub fn code_serial(serial: u32) -> String {
	let c = dengji_primitives::CertificateCode::new(
		dengji_primitives::DivisionCode::new(530400).unwrap(),
		2026,
		serial,
	)
	.unwrap();
	c.to_string()
}

/// A valid USCC seated in Yuxi.
pub fn uscc() -> String {
	for k in 0..100u32 {
		let first17 = format!("91530400MA{:07}", 100 + k);
		if let Some(c) = dengji_primitives::Uscc::check_character(first17.as_bytes()) {
			let mut s = first17.into_bytes();
			s.push(c);
			if let Ok(u) = dengji_primitives::Uscc::from_bytes(&s) {
				return u.to_string();
			}
		}
	}
	panic!("no USCC")
}

/// An application row as the indexer writes it (applicant: the seeded subject, institution 530400,
/// submitted at `1_000 + id`): `timer` is the running deadline (kind, due day), `closes` the
/// publicity's last day.
#[allow(clippy::too_many_arguments)]
pub fn application_row(
	id: i64,
	state: &str,
	name: &str,
	summary: &str,
	timer: Option<(&str, i64)>,
	closes: Option<i64>,
	cert: Option<&str>,
	reg: Option<i64>,
) -> Record {
	let b = |n: i64| vec![Val::Int(n), Val::Text(format!("0x{:064x}", n))];
	let i = |n: i64| Val::Int(n);
	let t = |s: &str| Val::Text(s.to_string());
	let n = Val::Null;
	let u = uscc();
	rec(
		&schema::APPLICATIONS,
		[
			vec![
				i(id),
				t("FirstTime"),
				t("DataResource"),
				t(&u),
				i(530400),
				reg.map_or(n.clone(), i),
				n.clone(),
				t(name),
				t(summary),
				t("0x01"),
				t(state),
				i(1_000 + id),
				i(TODAY - 5),
				i(1),
				timer.map_or(n.clone(), |(k, _)| t(k)),
				timer.map_or(n.clone(), |_| i(TODAY - 5)),
				timer.map_or(n.clone(), |(_, d)| i(d)),
				timer.map_or(n.clone(), |_| i(0)),
				timer.map_or(n.clone(), |_| i(0)),
				closes.map_or(n.clone(), |_| i(TODAY - 1)),
				closes.map_or(n.clone(), i),
				closes.map_or(n.clone(), |_| i(0)),
				closes.map_or(n.clone(), |_| i(0)),
				i(1),
				i(1),
				i(0),
				i(0),
				n.clone(),
				t(""),
				cert.map_or(n.clone(), t),
			],
			b(2),
		]
		.concat(),
	)
}

/// Seeds an index as the indexer would write it: one institution, one subject, an application in
/// publicity (Chinese data name), a registration with its certificate, an overdue application,
/// an open objection. Written twice to show idempotence.
pub fn seed_ops() -> (Vec<Op>, Cursor) {
	let b = |n: i64| vec![Val::Int(n), Val::Text(format!("0x{:064x}", n))];
	let u = uscc();
	let code = code();
	let i = |n: i64| Val::Int(n);
	let t = |s: &str| Val::Text(s.to_string());
	let n = Val::Null;
	let mut ops = vec![
		Op::Upsert(rec(
			&schema::INSTITUTIONS,
			[
				vec![
					i(530400),
					t("玉溪市数据登记机构"),
					t("Active"),
					t("0x00"),
					n.clone(),
					n.clone(),
				],
				b(1),
			]
			.concat(),
		)),
		Op::Upsert(rec(
			&schema::SUBJECTS,
			[
				vec![t(&u), t("玉溪数据有限公司"), i(530400), i(530400), i(0)],
				b(1),
				// Migration 4: the subject's accounts (Q24 consent tokens are checked against them).
				vec![t(&format!(
					"0x{},0x{}",
					hex::encode([0x55; 32]),
					hex::encode(holder_account())
				))],
			]
			.concat(),
		)),
		Op::Upsert(rec(&schema::CLOCK, [vec![i(0), i(0), i(TODAY), i(86_400_000)], b(1)].concat())),
		Op::Upsert(rec(&schema::CALENDAR_YEARS, [vec![i(2026), t(""), t("")], b(1)].concat())),
	];
	// Application 0: in publicity until TODAY + 9 (a Wednesday next week).
	let app = application_row;
	ops.push(Op::Upsert(app(
		0,
		"InPublicity",
		"玉溪市交通流量数据",
		"全市主要道路的月度交通流量汇总，已脱敏",
		Some(("Publicity", TODAY + 9)),
		Some(TODAY + 9),
		None,
		None,
	)));
	ops.push(Op::Fts {
		application: 0,
		data_name: "玉溪市交通流量数据".into(),
		summary: "全市主要道路的月度交通流量汇总，已脱敏".into(),
		submitted_at: 1000,
	});
	ops.push(Op::Upsert(app(
		1,
		"Approved",
		"Water quality records",
		"Monthly water quality, 100% public",
		None,
		None,
		Some(&code),
		Some(7),
	)));
	ops.push(Op::Fts {
		application: 1,
		data_name: "Water quality records".into(),
		summary: "Monthly water quality, 100% public".into(),
		submitted_at: 1001,
	});
	ops.push(Op::Upsert(app(
		2,
		"Submitted",
		"气象数据",
		"逐日气象观测",
		Some(("Acceptance", TODAY - 2)),
		None,
		None,
		None,
	)));
	ops.push(Op::Fts {
		application: 2,
		data_name: "气象数据".into(),
		summary: "逐日气象观测".into(),
		submitted_at: 1002,
	});
	ops.push(Op::Upsert(rec(
		&schema::NOTICES,
		[
			vec![
				i(0),
				i(530400),
				t("玉溪数据有限公司"),
				t("FirstTime"),
				t("玉溪市交通流量数据"),
				t("全市主要道路的月度交通流量汇总，已脱敏"),
				i(TODAY - 1),
				i(TODAY + 9),
				i(0),
			],
			b(2),
		]
		.concat(),
	)));
	ops.push(Op::Upsert(rec(
		&schema::OBJECTIONS,
		[
			vec![
				i(0),
				i(0),
				t("0xaa"),
				t("0x02"),
				t("0x03"),
				i(TODAY - 1),
				n.clone(),
				n.clone(),
				n.clone(),
				n.clone(),
				t("Lodged"),
				t("Forward"),
				i(TODAY + 2),
				i(0),
			],
			b(2),
			vec![n.clone(), i(TODAY - 1)],
		]
		.concat(),
	)));
	ops.push(Op::Upsert(rec(
		&schema::REGISTRATIONS,
		[
			vec![
				i(7),
				t(&u),
				t("DataResource"),
				i(530400),
				t("Water quality records"),
				t("0x01"),
				t(&code),
				n.clone(),
				i(0),
				i(0),
				i(0),
				i(0),
				t("Active"),
				n.clone(),
			],
			b(3),
			vec![n.clone()],
		]
		.concat(),
	)));
	ops.push(Op::Upsert(rec(
		&schema::CERTIFICATES,
		[
			vec![
				t(&code),
				i(7),
				t("FirstTime"),
				t("DataResource"),
				t(&u),
				t("玉溪数据有限公司"),
				t("Water quality records"),
				t("0x01"),
				i(530400),
				t("0x00"),
				i(TODAY - 3),
				i(5),
				i(4_000_000_000_000),
				n.clone(),
				t("Valid"),
				n.clone(),
				n.clone(),
			],
			b(3),
		]
		.concat(),
	)));
	ops.push(Op::Append(rec(
		&schema::CERTIFICATE_EVENTS,
		vec![
			i(3),
			i(1),
			t(&code),
			t("CertificateIssued"),
			t("valid_until 4000000000000"),
			t(&format!("0x{:064x}", 3)),
		],
	)));
	ops.push(Op::Append(rec(
		&schema::APPLICATION_EVENTS,
		vec![
			i(2),
			i(1),
			i(0),
			i(0),
			t("ObjectionLodged"),
			t("InPublicity"),
			t("Lodged"),
			t(&format!("0x{:064x}", 2)),
		],
	)));
	ops.push(Op::Append(rec(
		&schema::DEADLINES,
		vec![
			i(2),
			i(0),
			i(0),
			n.clone(),
			t("Publicity"),
			i(10),
			i(TODAY + 9),
			i(0),
			t(&format!("0x{:064x}", 2)),
		],
	)));
	ops.push(Op::Append(rec(
		&schema::SUPERVISION,
		vec![
			i(3),
			i(2),
			i(530400),
			i(2),
			n.clone(),
			t("Acceptance"),
			i(TODAY - 2),
			i(0),
			t(&format!("0x{:064x}", 3)),
		],
	)));
	(ops, cursor_at(3))
}

/// The cursor of a made-up block `number` of the test chain (hash: the number, zero-padded).
pub fn cursor_at(number: i64) -> Cursor {
	Cursor { number, hash: format!("0x{number:064x}"), time: 0, genesis: hex_of(&GENESIS) }
}

/// Opens `url`, seeds it (twice) and returns the database.
pub async fn seeded(url: &str) -> Result<Db> {
	let db = Db::open(url).await.map_err(|e| anyhow!("{e}"))?;
	let (ops, cursor) = seed_ops();
	db.write_block(&ops, &cursor).await?;
	Ok(db)
}

//! The portal against a real `dengji-node --dev` (binary at `$DENGJI_NODE_BIN` or
//! `$CARGO_TARGET_DIR/debug/dengji-node`), started by the `dengji-tests` harness with free ports.
//! A registration is driven through the SDK; the portal binary indexes it, shows the notice in
//! `/api/publicity` during publicity (YX-R §22) and the certificate at `/api/certificates/{code}`
//! (YX-R §23); `dengji-portal check` finds no difference; a portal killed with SIGKILL during
//! catch-up and restarted ends with the same table digests as an uninterrupted index; a node
//! restart is ridden out.

mod common;

use anyhow::{anyhow, bail, Context, Result};
use dengji_client::roles;
use dengji_portal::Db;
use dengji_primitives::ObjectKind;
use dengji_tests::flow::{doc, event_u64, Dev};
use serde_json::Value;
use std::{
	io::{Read, Write},
	net::TcpStream,
	path::Path,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// How long the portal may take to index a block that the node finalized.
const INDEX_TIMEOUT: Duration = Duration::from_secs(120);
/// How long the portal's HTTP server may take to start.
const LISTEN_TIMEOUT: Duration = Duration::from_secs(60);
/// How long an interrupted or uninterrupted catch-up may take.
const CATCH_UP_TIMEOUT: Duration = Duration::from_secs(600);
/// Interval between polls.
const POLL: Duration = Duration::from_millis(200);

/// A portal process, killed on drop.
struct Portal {
	child: Child,
	addr: String,
	log: std::path::PathBuf,
}

impl Portal {
	fn spawn(node: &str, db: &str, extra: &[&str], log: &Path) -> Result<Self> {
		let port = common::free_port()?;
		let addr = format!("127.0.0.1:{port}");
		let out = std::fs::File::create(log)?;
		let child = Command::new(env!("CARGO_BIN_EXE_dengji-portal"))
			.args(["--node", node, "--database", db, "--listen", &addr])
			.args(extra)
			.env("RUST_LOG", "info")
			.stdin(Stdio::null())
			.stdout(out.try_clone()?)
			.stderr(out)
			.spawn()
			.context("spawning dengji-portal")?;
		Ok(Self { child, addr, log: log.to_path_buf() })
	}

	fn log(&self) -> String {
		std::fs::read_to_string(&self.log).unwrap_or_default()
	}

	async fn wait_listening(&mut self) -> Result<()> {
		let deadline = Instant::now() + LISTEN_TIMEOUT;
		while TcpStream::connect(&self.addr).is_err() {
			if let Some(st) = self.child.try_wait()? {
				bail!("portal exited ({st}):\n{}", self.log());
			}
			if Instant::now() > deadline {
				bail!("portal not listening within {LISTEN_TIMEOUT:?}:\n{}", self.log());
			}
			tokio::time::sleep(POLL).await;
		}
		Ok(())
	}

	fn kill9(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}

	fn get(&self, path: &str) -> Result<(u16, Vec<u8>)> {
		http(&self.addr, "GET", path, None)
	}

	fn get_json(&self, path: &str) -> Result<(u16, Value)> {
		let (s, b) = self.get(path)?;
		Ok((
			s,
			serde_json::from_slice(&b)
				.map_err(|e| anyhow!("{path}: {e}: {}", String::from_utf8_lossy(&b)))?,
		))
	}

	/// Polls `path` until `accept` returns a value.
	async fn poll<T>(
		&self,
		what: &str,
		timeout: Duration,
		mut accept: impl FnMut(u16, &Value) -> Option<T>,
	) -> Result<T> {
		let deadline = Instant::now() + timeout;
		loop {
			if let Ok((s, v)) = self.get_json(what) {
				if let Some(t) = accept(s, &v) {
					return Ok(t);
				}
			}
			if Instant::now() > deadline {
				bail!(
					"{what}: condition not met within {timeout:?}; last: {:?}\n{}",
					self.get_json(what).ok(),
					self.log()
				);
			}
			tokio::time::sleep(POLL).await;
		}
	}
}

impl Drop for Portal {
	fn drop(&mut self) {
		self.kill9();
	}
}

/// A minimal HTTP/1.1 client (one request per connection).
fn http(addr: &str, method: &str, path: &str, body: Option<&str>) -> Result<(u16, Vec<u8>)> {
	http_with(addr, method, path, body, "")
}

/// [`http`] with extra header lines (each ending in `\r\n`).
fn http_with(
	addr: &str,
	method: &str,
	path: &str,
	body: Option<&str>,
	headers: &str,
) -> Result<(u16, Vec<u8>)> {
	let mut s = TcpStream::connect(addr)?;
	s.set_read_timeout(Some(Duration::from_secs(60)))?;
	let body = body.unwrap_or("");
	write!(
		s,
		"{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\n{headers}Content-Length: {}\r\n\r\n{body}",
		body.len()
	)?;
	let mut buf = Vec::new();
	s.read_to_end(&mut buf)?;
	let split = buf
		.windows(4)
		.position(|w| w == b"\r\n\r\n")
		.ok_or_else(|| anyhow!("no HTTP header end"))?;
	let head = String::from_utf8_lossy(&buf[..split]).to_string();
	let status: u16 = head
		.split_whitespace()
		.nth(1)
		.and_then(|s| s.parse().ok())
		.ok_or_else(|| anyhow!("bad status line: {head}"))?;
	let mut body = buf[split + 4..].to_vec();
	if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
		body = dechunk(&body)?;
	}
	Ok((status, body))
}

fn dechunk(mut b: &[u8]) -> Result<Vec<u8>> {
	let mut out = Vec::new();
	loop {
		let line_end =
			b.windows(2).position(|w| w == b"\r\n").ok_or_else(|| anyhow!("bad chunk"))?;
		let size = usize::from_str_radix(String::from_utf8_lossy(&b[..line_end]).trim(), 16)?;
		b = &b[line_end + 2..];
		if size == 0 {
			return Ok(out);
		}
		out.extend_from_slice(&b[..size]);
		b = &b[size + 2..];
	}
}

/// The cursor of a SQLite index, read without creating or migrating anything (the portal that
/// owns the file may be creating it right now).
async fn cursor_of(url: &str) -> Option<i64> {
	use sqlx::{Connection, Row};
	sqlx::any::install_default_drivers();
	let path = url.strip_prefix("sqlite:")?;
	if !Path::new(path).exists() {
		return None;
	}
	let mut conn = sqlx::AnyConnection::connect(&format!("sqlite://{path}?mode=ro")).await.ok()?;
	let row = sqlx::query("SELECT block_number FROM cursor WHERE id = 0")
		.fetch_optional(&mut conn)
		.await
		.ok()?;
	let _ = conn.close().await;
	row.map(|r| r.get::<i64, _>(0))
}

async fn digests_of(url: &str) -> Result<Vec<(&'static str, String)>> {
	let db = Db::open(url).await?;
	let d = db.digests().await?;
	db.close().await;
	Ok(d)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn portal_indexes_a_registration_from_a_dev_node() -> Result<()> {
	let dev = Dev::start("portal").await?;
	let ws = dev.node.ws_url();
	let dir = tempfile::tempdir()?;
	let db_url = common::sqlite_url(dir.path());
	// Q40: the catalogue is served to the data authority's token only.
	let token_file = dir.path().join("authority-token");
	std::fs::write(&token_file, format!("{}\n", common::AUTHORITY_TOKEN))?;
	let token_arg = token_file.display().to_string();
	let mut portal = Portal::spawn(
		&ws,
		&db_url,
		&["--authority-token-file", &token_arg],
		&dir.path().join("portal.log"),
	)?;
	portal.wait_listening().await?;

	// A registration through the SDK, as the institution's and the subject's front-ends do.
	let p = dev.parties(1).await?;
	let data_name = "玉溪市公共交通客流数据";
	let (application, closes_on) =
		dev.apply_and_publish(&p, ObjectKind::DataResource, None, data_name).await?;

	// YX-R §22 ¶2: a real-name person objects during publicity.
	let lodged = dev
		.submit(
			&roles::objector::object(application, doc("objection"), doc("objection evidence")),
			&p.objector,
		)
		.await?;
	let objection = event_u64(&lodged, "Registration", "ObjectionLodged", "objection")?;

	// YX-R §22: the notice is on the platform during publicity, with its four fields.
	let notice = portal
		.poll("/api/publicity", INDEX_TIMEOUT, |s, v| {
			(s == 200)
				.then(|| {
					v["items"]
						.as_array()
						.and_then(|a| a.iter().find(|n| n["application"] == application).cloned())
				})
				.flatten()
		})
		.await?;
	assert_eq!(notice["data_name"], data_name);
	assert_eq!(notice["subject_name"], "Yuxi Data Co. 1");
	assert_eq!(notice["kind"], "FirstTime");
	assert!(notice["summary"].as_str().unwrap_or("").starts_with(data_name));
	// YX-R §22 ¶1: at most the 10 working days counted from the day after the publicity date.
	let left = notice["publicity"]["working_days_left"].as_i64().unwrap_or(0);
	assert!((1..=10).contains(&left), "{notice}");
	// Chinese full-text search finds it (trigram).
	let (s, found) = portal.get_json(&format!("/api/search?q={}", encode("公共交通")))?;
	assert_eq!(s, 200);
	assert!(
		found["items"].as_array().is_some_and(|a| a.iter().any(|i| i["id"] == application)),
		"{found}"
	);
	// The institution's queue lists the objection with its forwarding deadline; the objector is
	// only a digest (no personal data).
	let item = portal
		.poll("/api/institutions/530400/queue", INDEX_TIMEOUT, |s, v| {
			(s == 200)
				.then(|| {
					v["items"].as_array().and_then(|a| {
						a.iter().find(|i| i["item"] == "objection" && i["id"] == objection).cloned()
					})
				})
				.flatten()
		})
		.await?;
	assert_eq!(item["deadline"]["kind"], "Forward", "{item}");
	assert_eq!(item["deadline"]["binds_institution"], true);
	assert!(item["objector_digest"].as_str().is_some_and(|d| d.len() == 66), "{item}");
	assert!(!item.to_string().contains(&p.objector.ss58()), "{item}");
	dev.submit(&roles::institution::forward_objection(objection), &p.operator).await?;
	dev.submit(&roles::subject::rebut(objection, doc("rebuttal")), &p.subject).await?;
	dev.submit(
		&roles::institution::decide_objection(objection, false, doc("dismissal")),
		&p.operator,
	)
	.await?;

	dev.close_publicity_when_over(&p, application, closes_on).await?;
	let code = dev.approve_and_issue(&p, application).await?;

	// YX-R §23: the certificate, its status and issuer.
	let cert = portal
		.poll(&format!("/api/certificates/{code}"), INDEX_TIMEOUT, |s, v| {
			(s == 200).then(|| v.clone())
		})
		.await?;
	assert_eq!(cert["status"], "Valid", "{cert}");
	assert_eq!(cert["certificate"]["data_name"], data_name);
	assert_eq!(cert["issuer"]["division"], 530400);
	let registration =
		cert["certificate"]["registration"].as_i64().ok_or_else(|| anyhow!("{cert}"))?;
	let (s, reg) = portal.get_json(&format!("/api/registrations/{registration}"))?;
	assert_eq!(s, 200, "{reg}");
	assert!(
		reg["applications"].as_array().is_some_and(|a| a.iter().any(|x| x["id"] == application)),
		"{reg}"
	);
	// After publicity the notice is no longer listed.
	let (_, pubs) = portal.get_json("/api/publicity")?;
	assert!(
		!pubs["items"]
			.as_array()
			.is_some_and(|a| a.iter().any(|n| n["application"] == application)),
		"{pubs}"
	);
	let (s, _) = portal.get_json("/api/catalogue")?;
	assert_eq!(s, 401, "the catalogue is the data authority's (Q40)");
	let auth = format!("Authorization: Bearer {}\r\n", common::AUTHORITY_TOKEN);
	let (s, body) = http_with(&portal.addr, "GET", "/api/catalogue", None, &auth)?;
	let cat: Value = serde_json::from_slice(&body)?;
	assert_eq!(s, 200, "{cat}");
	assert!(
		cat["items"]
			.as_array()
			.is_some_and(|a| a.iter().any(|x| x["certificate"] == code.to_string())),
		"{cat}"
	);
	// Q24: the holder's consent, signed by the subject's account on chain (the accounts indexed
	// from `Institutions::Subjects`), lets the verifier it names see the details, once.
	let verifier = ed25519_dalek::SigningKey::from_bytes(&[42; 32]);
	let vkey = verifier.verifying_key().to_bytes();
	let genesis = dev.client.reader().genesis_hash();
	let expires_at = dengji_verify::UnixTimeMs::now().as_millis() + 3_600_000;
	let payload = dengji_verify::ConsentToken::signing_payload(&genesis, &code, &vkey, expires_at);
	let signature = match p.subject.sign(&payload)? {
		dengji_client::TxSignature::Sr25519(b) => dengji_verify::HolderSignature::Sr25519(b),
		_ => bail!("the subject account signs with sr25519"),
	};
	let token = dengji_verify::ConsentToken {
		genesis_hash: genesis,
		code,
		verifier: vkey,
		expires_at,
		signer: p.subject.account_id(),
		signature,
	};
	let ts = dengji_verify::UnixTimeMs::now().as_millis();
	let request = dengji_portal::access::details_request_payload(&code, ts, &token.digest());
	let sig = ed25519_dalek::Signer::sign(&verifier, &request);
	let headers = format!(
		"X-Dengji-Consent: 0x{}\r\nX-Dengji-Timestamp: {ts}\r\nX-Dengji-Signature: 0x{}\r\n",
		hex::encode(token.to_bytes()),
		hex::encode(sig.to_bytes())
	);
	let details = format!("/api/certificates/{code}/details");
	let (s, body) = http_with(&portal.addr, "GET", &details, None, &headers)?;
	let det: Value = serde_json::from_slice(&body)?;
	assert_eq!(s, 200, "{det}");
	assert_eq!(det["certificate"]["code"], code.to_string(), "{det}");
	let (s, _) = portal.get_json(&details)?;
	assert_eq!(s, 401, "no consent, no details (Q24)");
	// YX-R §30: the subject presents the certificate to a verifier: it signs the verifier's
	// challenge with its account, and a bundle built by the SDK proves that account is the
	// holder's (`Institutions::Subjects[uscc].accounts` as the runtime stores it).
	let reader = dev.client.reader();
	let trust = reader.trust_root().await?;
	let bundle = reader.build_holder_bundle(&code, &trust).await?;
	assert_eq!(bundle.version(), dengji_verify::BUNDLE_VERSION_HOLDER);
	let now = dengji_verify::UnixTimeMs::now();
	let challenge = dengji_verify::Challenge::new(
		genesis,
		code,
		"玉溪市商业银行".into(),
		[7; 32],
		now.as_millis() + 300_000,
	)?;
	let signature = match p.subject.sign(&challenge.signing_payload())? {
		dengji_client::TxSignature::Sr25519(b) => dengji_verify::HolderSignature::Sr25519(b),
		_ => bail!("the subject account signs with sr25519"),
	};
	let presentation = dengji_verify::Presentation {
		challenge: challenge.clone(),
		signer: p.subject.account_id(),
		signature,
	};
	let policy = dengji_verify::Policy::default();
	let presented = dengji_verify::verify_presentation(
		&bundle,
		&trust,
		&policy,
		now,
		&challenge,
		&presentation,
	)?;
	assert_eq!(presented.verification.verdict, dengji_verify::Verdict::Valid);
	assert!(presented.holder.has_account(&p.subject.account_id()));
	// The operator's account is no account of the subject: not a holder key.
	let signature = match p.operator.sign(&challenge.signing_payload())? {
		dengji_client::TxSignature::Sr25519(b) => dengji_verify::HolderSignature::Sr25519(b),
		_ => bail!("the operator account signs with sr25519"),
	};
	let by_operator = dengji_verify::Presentation {
		challenge: challenge.clone(),
		signer: p.operator.account_id(),
		signature,
	};
	let refused =
		dengji_verify::verify_presentation(&bundle, &trust, &policy, now, &challenge, &by_operator);
	assert!(matches!(refused, Err(dengji_verify::VerifyError::NotHolderKey { .. })), "{refused:?}");

	// A fresh bundle from the node, verified by POST /api/verify (and binary form decodes).
	let (s, b) = portal.get_json(&format!("/api/certificates/{code}/bundle?format=json"))?;
	assert_eq!(s, 200, "{b}");
	let req = serde_json::json!({"bundle": b["bundle"], "trust_root": b["trust_root"], "code": code.to_string()}).to_string();
	let (s, verdict) = http(&portal.addr, "POST", "/api/verify", Some(&req))?;
	let verdict: Value = serde_json::from_slice(&verdict)?;
	assert_eq!(s, 200, "{verdict}");
	assert_eq!(verdict["verdict"], "Valid", "{verdict}");
	let (s, raw) = portal.get(&format!("/api/certificates/{code}/bundle"))?;
	assert_eq!(s, 200);
	dengji_verify::ProofBundle::from_bytes(&raw).map_err(|e| anyhow!("binary bundle: {e}"))?;

	// Bad input on the live portal.
	let (s, v) = portal.get_json("/api/certificates/530400-2026-0000001-0")?;
	assert!(s == 400 && v["error"]["parameter"] == "code", "{s} {v}");

	// `dengji-portal check`: the index equals the chain state at the indexed block.
	let head = dev.node.finalized_head().await?.number;
	portal
		.poll("/api/health", INDEX_TIMEOUT, |_, v| {
			(v["indexed"]["number"].as_u64() >= Some(u64::from(head))).then_some(())
		})
		.await?;
	let out = Command::new(env!("CARGO_BIN_EXE_dengji-portal"))
		.args(["--node", &ws, "--database", &db_url, "check", "--json"])
		.env("RUST_LOG", "warn")
		.output()?;
	let report: Value = serde_json::from_slice(&out.stdout).map_err(|e| {
		anyhow!(
			"check output: {e}: {}{}",
			String::from_utf8_lossy(&out.stdout),
			String::from_utf8_lossy(&out.stderr)
		)
	})?;
	assert!(out.status.success(), "check reported differences: {report}");
	assert_eq!(report["differences"], serde_json::json!([]));

	// Reliability: SIGKILL in the middle of catch-up, restart → same rows as uninterrupted.
	let target = dev.node.finalized_head().await?.number;
	let stop = target.to_string();
	let full = format!("sqlite:{}", dir.path().join("full.db").display());
	let started = Instant::now();
	let st = Command::new(env!("CARGO_BIN_EXE_dengji-portal"))
		.args(["--node", &ws, "--database", &full, "--stop-at", &stop])
		.env("RUST_LOG", "warn")
		.status()?;
	assert!(st.success(), "uninterrupted index");
	let took = started.elapsed();
	eprintln!(
		"catch-up (debug build, SQLite, includes start-up): {} blocks in {took:.1?} = {:.1} blocks/s",
		target + 1,
		f64::from(target + 1) / took.as_secs_f64()
	);
	let cut = format!("sqlite:{}", dir.path().join("cut.db").display());
	let mut victim = Portal::spawn(&ws, &cut, &["--stop-at", &stop], &dir.path().join("cut.log"))?;
	let deadline = Instant::now() + CATCH_UP_TIMEOUT;
	let mut killed_at = None;
	while Instant::now() < deadline {
		if let Some(n) = cursor_of(&cut).await {
			if n >= (i64::from(target) / 4).max(1) {
				victim.kill9();
				killed_at = Some(n);
				break;
			}
		}
		if victim.child.try_wait()?.is_some() {
			break;
		}
		tokio::time::sleep(Duration::from_millis(20)).await;
	}
	let killed_at = killed_at.ok_or_else(|| {
		anyhow!("the portal finished before it could be killed:\n{}", victim.log())
	})?;
	assert!(
		killed_at < i64::from(target),
		"killed at #{killed_at}, target #{target}: not mid catch-up"
	);
	let st = Command::new(env!("CARGO_BIN_EXE_dengji-portal"))
		.args(["--node", &ws, "--database", &cut, "--stop-at", &stop])
		.env("RUST_LOG", "warn")
		.status()?;
	assert!(st.success(), "restarted index");
	assert_eq!(cursor_of(&cut).await, Some(i64::from(target)));
	assert_eq!(
		digests_of(&full).await?,
		digests_of(&cut).await?,
		"killed at #{killed_at} of #{target}"
	);

	// `check` also recomputes the history tables (certificate status history, application and
	// objection history, deadlines) from the chain: deliberately altered rows are reported.
	{
		let db = Db::open(&cut).await?;
		let app = i64::try_from(application)?;
		for (sql, bind) in [
			("UPDATE certificate_events SET detail = 'forged' WHERE code = $1", None),
			(
				"UPDATE application_events SET application_state = 'Approved' \
				 WHERE application = $1 AND event = 'PublicityOpened'",
				Some(app),
			),
			(
				"UPDATE objections SET state = 'Upheld' WHERE id = $1",
				Some(i64::try_from(objection)?),
			),
			("DELETE FROM deadlines WHERE application = $1 AND kind = 'Publicity'", Some(app)),
		] {
			let q = sqlx::query(sql);
			let q = match bind {
				Some(n) => q.bind(n),
				None => q.bind(code.to_string()),
			};
			let done = q.execute(db.pool()).await?;
			assert_eq!(done.rows_affected(), 1, "{sql}");
		}
		db.close().await;
		let out = Command::new(env!("CARGO_BIN_EXE_dengji-portal"))
			.args(["--node", &ws, "--database", &cut, "check", "--json"])
			.env("RUST_LOG", "warn")
			.output()?;
		assert!(!out.status.success(), "check missed the altered rows");
		let report: Value = serde_json::from_slice(&out.stdout)?;
		let diffs = report["differences"].as_array().cloned().unwrap_or_default();
		for (table, what) in [
			("certificate_events", "detail"),
			("application_events", "application_state"),
			("objections", "state"),
			("deadlines", "missing"),
		] {
			assert!(
				diffs
					.iter()
					.any(|d| d["table"] == table
						&& d["what"].as_str().is_some_and(|w| w.contains(what))),
				"{table} {what} not reported: {report}"
			);
		}
		assert_eq!(diffs.len(), 4, "{report}");
	}

	// The same blocks indexed into PostgreSQL give the same rows as into SQLite.
	if let Some(pg) = common::PgCluster::start()? {
		let pg_url = pg.database("portal").await?;
		let st = Command::new(env!("CARGO_BIN_EXE_dengji-portal"))
			.args(["--node", &ws, "--database", &pg_url, "--stop-at", &stop])
			.env("RUST_LOG", "warn")
			.status()?;
		assert!(st.success(), "index into PostgreSQL");
		assert_eq!(
			digests_of(&full).await?,
			digests_of(&pg_url).await?,
			"SQLite and PostgreSQL indexes differ"
		);
		let out = Command::new(env!("CARGO_BIN_EXE_dengji-portal"))
			.args(["--node", &ws, "--database", &pg_url, "check"])
			.env("RUST_LOG", "warn")
			.output()?;
		assert!(
			out.status.success(),
			"check on PostgreSQL: {}",
			String::from_utf8_lossy(&out.stdout)
		);
	}

	// A node restart is ridden out: the live portal keeps indexing new finalized blocks.
	let mut dev = dev;
	dev.node.kill()?;
	dev.node.restart()?;
	dev.node.wait_rpc_up(dengji_tests::RPC_UP_TIMEOUT).await?;
	let after = dev.node.wait_finalized_more(3).await?.number;
	portal
		.poll("/api/health", INDEX_TIMEOUT, |_, v| {
			(v["indexed"]["number"].as_u64() >= Some(u64::from(after))).then_some(())
		})
		.await?;
	Ok(())
}

fn encode(s: &str) -> String {
	s.bytes()
		.map(
			|b| {
				if b.is_ascii_alphanumeric() {
					(b as char).to_string()
				} else {
					format!("%{b:02X}")
				}
			},
		)
		.collect()
}

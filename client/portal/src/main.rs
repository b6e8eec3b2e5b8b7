//! `dengji-portal`: index a Dengji node's finalized chain and serve the platform API.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use dengji_client::{Client, ConnectOptions};
use dengji_portal::{api, index, metrics, pages, Db};
use std::{sync::Arc, time::Duration};

/// jemalloc: thread caches for the rows that SQLite's worker threads allocate and the runtime's
/// threads free (glibc malloc: a fifth of the CPU of serving a search in its arena locks).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Parser, Debug)]
#[command(
	name = "dengji-portal",
	version,
	about = "Dengji registration platform back end: chain index and HTTP API"
)]
struct Cli {
	/// WebSocket RPC URL of a Dengji node.
	#[arg(long, global = true, default_value = "ws://127.0.0.1:9944")]
	node: String,
	/// Database: sqlite:PATH (a file, created if missing) or postgres://USER@HOST:PORT/DB.
	#[arg(long, global = true, default_value = "sqlite:dengji-portal.db")]
	database: String,
	/// Address the HTTP API listens on.
	#[arg(long, default_value = "127.0.0.1:8080")]
	listen: String,
	/// Public base URL of the pages (what visitors and QR codes open), e.g.
	/// https://portal.example; default http://<listen address>.
	#[arg(long, value_name = "URL")]
	public_url: Option<String>,
	/// Serve registration-health metrics (Prometheus text, `GET /metrics`) on this address, e.g.
	/// 127.0.0.1:9616; keep it on the host (monitoring, not publication: YX-R §24).
	#[arg(long, value_name = "ADDR:PORT")]
	metrics_listen: Option<String>,
	/// File holding the data authority's bearer token (at least 16 characters): enables
	/// `GET /api/catalogue`, an export for the data authority only (requirements Q40, Q26), for
	/// requests with `Authorization: Bearer <token>`. Without it the catalogue answers 403.
	#[arg(long, value_name = "PATH")]
	authority_token_file: Option<std::path::PathBuf>,
	/// When the database is empty: start at this block with a snapshot of the state there
	/// (for a node that pruned older state); default: block 0.
	#[arg(long, global = true, default_value_t = 0)]
	start_block: u64,
	/// Stop after indexing this block (benchmarks, tests); the API is not started.
	#[arg(long, hide = true)]
	stop_at: Option<u64>,
	/// Serve the index as it is, without indexing further blocks (benchmarks: the API's latency
	/// without a catch-up running beside it). The node is still connected for bundles.
	#[arg(long, hide = true, conflicts_with = "stop_at")]
	serve_only: bool,
	#[command(subcommand)]
	command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Compare the index with the chain state at the indexed (finalized) block and report every
	/// difference (exit 1 when there is one).
	Check {
		/// Print the report as JSON.
		#[arg(long)]
		json: bool,
	},
	/// Print a BLAKE2-256 digest of every table (compare two indexes).
	Digest,
	/// Benchmark: read blocks --start-block..=TO from the node exactly as the indexer does (same requests,
	/// same read-ahead), without writing: the rate the node serves the raw blocks at.
	BenchFetch {
		/// Last block.
		#[arg(long)]
		to: u64,
		/// Also read the state rows the events touch, as the catch-up does (the reading half of
		/// the catch-up, without the database).
		#[arg(long)]
		rows: bool,
	},
}

async fn connect(url: &str) -> Result<Client> {
	let options = ConnectOptions {
		wait_for_node: true,
		connect_timeout: Duration::from_secs(600),
		reconnect_attempts: usize::MAX,
		..ConnectOptions::default()
	};
	Client::connect_with(url, options).await.with_context(|| format!("connecting to {url}"))
}

#[tokio::main]
async fn main() -> Result<()> {
	env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
	let cli = Cli::parse();
	let db = Db::open(&cli.database).await.with_context(|| format!("opening {}", cli.database))?;
	match cli.command {
		Some(Command::Check { json }) => {
			let client = connect(&cli.node).await?;
			let (block, diffs) = index::check(&db, &client).await?;
			if json {
				println!("{}", serde_json::json!({"block": block, "differences": diffs}));
			} else {
				println!(
					"checked the index against chain state at block #{block}: {} difference(s)",
					diffs.len()
				);
				for d in &diffs {
					println!("  {} {}: {}", d.table, d.key, d.what);
				}
			}
			std::process::exit(if diffs.is_empty() { 0 } else { 1 });
		}
		Some(Command::Digest) => {
			for (t, d) in db.digests().await? {
				println!("{t} {d}");
			}
			Ok(())
		}
		Some(Command::BenchFetch { to, rows }) => {
			use futures::StreamExt;
			let client = connect(&cli.node).await?;
			let started = std::time::Instant::now();
			// Read as the indexer reads (index::read_ahead: a task per block, PREFETCH ahead).
			let start = cli.start_block;
			let mut blocks = if rows {
				futures::future::Either::Left(index::read_ahead(&client, start..=to, move |n| {
					n == start
				}))
			} else {
				futures::future::Either::Right(index::read_ahead_raw(&client, start..=to))
			};
			let (mut events, mut state_rows) = (0usize, 0usize);
			while let Some(f) = blocks.next().await {
				let f = f?;
				events += f.events.len();
				state_rows += f.rows.len();
			}
			let secs = started.elapsed().as_secs_f64();
			let n = to + 1 - cli.start_block.min(to);
			println!(
				"{{\"blocks\": {n}, \"events\": {events}, \"state_rows\": {state_rows}, \"seconds\": {secs:.3}, \"blocks_per_s\": {:.1}, \"events_per_s\": {:.1}}}",
				n as f64 / secs,
				events as f64 / secs
			);
			Ok(())
		}
		None => serve(cli, db).await,
	}
}

async fn serve(cli: Cli, db: Db) -> Result<()> {
	let progress = index::Progress::default();
	progress.finalized.store(-1, std::sync::atomic::Ordering::SeqCst);
	let node: Arc<tokio::sync::RwLock<Option<Client>>> = Default::default();
	if let Some(stop) = cli.stop_at {
		let client = connect(&cli.node).await?;
		return index::run_from(db, client, progress, Some(stop), cli.start_block).await;
	}
	let listener = tokio::net::TcpListener::bind(&cli.listen)
		.await
		.with_context(|| format!("listening on {}", cli.listen))?;
	log::info!(
		"API on http://{}/api/health (database {})",
		listener.local_addr()?,
		db.backend().name()
	);
	let indexer = {
		let (db, node, progress, url, start) =
			(db.clone(), node.clone(), progress.clone(), cli.node.clone(), cli.start_block);
		let serve_only = cli.serve_only;
		tokio::spawn(async move {
			let client = connect(&url).await?;
			*node.write().await = Some(client.clone());
			if serve_only {
				log::info!("--serve-only: not indexing");
				return std::future::pending().await;
			}
			index::run_from(db, client, progress, None, start).await
		})
	};
	let access = match &cli.authority_token_file {
		Some(path) => {
			let token = std::fs::read_to_string(path)
				.with_context(|| format!("reading --authority-token-file {}", path.display()))?;
			dengji_portal::access::Access::with_authority_token(&token)
				.map_err(|e| anyhow::anyhow!("--authority-token-file {}: {e}", path.display()))?
		}
		None => dengji_portal::access::Access::default(),
	};
	let state = api::AppState { db, node, progress, access };
	if let Some(addr) = &cli.metrics_listen {
		let listener = tokio::net::TcpListener::bind(addr)
			.await
			.with_context(|| format!("metrics: listening on {addr}"))?;
		log::info!("metrics on http://{}/metrics", listener.local_addr()?);
		let app = metrics::router(state.clone());
		tokio::spawn(async move { axum::serve(listener, app).await });
	}
	let public_url = cli.public_url.clone().unwrap_or_else(|| {
		format!("http://{}", listener.local_addr().map_or(cli.listen.clone(), |a| a.to_string()))
	});
	let app = api::router(state.clone()).merge(pages::router(state, pages::Config { public_url }));
	let server = axum::serve(listener, app).with_graceful_shutdown(async {
		let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
		tokio::select! {
			_ = tokio::signal::ctrl_c() => {},
			_ = async { match term.as_mut() { Some(t) => { t.recv().await; }, None => std::future::pending().await } } => {},
		}
	});
	tokio::select! {
		r = server => r.context("HTTP server")?,
		r = indexer => { r.context("indexer task")??; },
	}
	Ok(())
}

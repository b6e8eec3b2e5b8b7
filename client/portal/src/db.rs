//! The database: SQLite (embedded default, one file in WAL mode) or PostgreSQL, through
//! `sqlx::Any` with runtime queries and bound parameters only. The indexer writes one
//! transaction per batch of blocks (rows and the cursor of the last together); the API only reads
//! (on SQLite through its own pool of read-only connections).

use crate::schema::{self, Table, Ty};
use sqlx::{
	any::{AnyPoolOptions, AnyRow},
	migrate::{Migration, MigrationType, Migrator},
	AnyPool, Row,
};
use std::{borrow::Cow, collections::BTreeMap, time::Duration};

/// Database errors.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
	/// The `--database` URL is neither `sqlite:` nor `postgres://`.
	#[error("unsupported database URL {0:?}: use sqlite:PATH or postgres://…")]
	Url(String),
	/// An error of the driver.
	#[error(transparent)]
	Sql(#[from] sqlx::Error),
	/// A migration failed.
	#[error(transparent)]
	Migrate(#[from] sqlx::migrate::MigrateError),
	/// The database indexes another chain.
	#[error("the database indexes chain {found}, the node serves {expected}")]
	WrongChain {
		/// Genesis of the node.
		expected: String,
		/// Genesis recorded in the database.
		found: String,
	},
	/// A value the portal keeps in the database is not one it wrote.
	#[error("the index holds an invalid value: {0}")]
	Invalid(String),
}

/// Result of a database operation.
pub type Result<T> = std::result::Result<T, DbError>;

/// Which database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
	/// SQLite file.
	Sqlite,
	/// PostgreSQL server.
	Postgres,
}

impl Backend {
	/// Name for reports.
	pub fn name(&self) -> &'static str {
		match self {
			Backend::Sqlite => "sqlite",
			Backend::Postgres => "postgres",
		}
	}
}

/// One logged query of a certificate's details with the holder's consent (Q24), hex as `0x…`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentedQuery {
	/// The verifier's signature of the request (the key: a replay is refused).
	pub request_signature: String,
	/// When the portal answered (ms since the epoch).
	pub queried_at: i64,
	/// The certificate.
	pub code: String,
	/// The verifier's ed25519 public key.
	pub verifier: String,
	/// BLAKE2-256 of the consent token.
	pub token_digest: String,
	/// The subject account that signed the token.
	pub signer: String,
	/// The certificate's subject (USCC).
	pub subject: String,
}

/// A column value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Val {
	/// SQL NULL.
	Null,
	/// Integer.
	Int(i64),
	/// Text.
	Text(String),
}

impl Val {
	/// Text form for digests, CSV and reports.
	pub fn render(&self) -> String {
		match self {
			Val::Null => String::new(),
			Val::Int(n) => n.to_string(),
			Val::Text(s) => s.clone(),
		}
	}

	/// JSON form.
	pub fn json(&self) -> serde_json::Value {
		match self {
			Val::Null => serde_json::Value::Null,
			Val::Int(n) => (*n).into(),
			Val::Text(s) => s.clone().into(),
		}
	}

	/// The integer, if any.
	pub fn int(&self) -> Option<i64> {
		match self {
			Val::Int(n) => Some(*n),
			_ => None,
		}
	}

	/// The text, if any.
	pub fn text(&self) -> Option<&str> {
		match self {
			Val::Text(s) => Some(s),
			_ => None,
		}
	}
}

impl From<i64> for Val {
	fn from(n: i64) -> Self {
		Val::Int(n)
	}
}
impl From<bool> for Val {
	fn from(b: bool) -> Self {
		Val::Int(i64::from(b))
	}
}
impl From<String> for Val {
	fn from(s: String) -> Self {
		Val::Text(s)
	}
}
impl From<&str> for Val {
	fn from(s: &str) -> Self {
		Val::Text(s.to_string())
	}
}
impl<T: Into<Val>> From<Option<T>> for Val {
	fn from(v: Option<T>) -> Self {
		v.map_or(Val::Null, Into::into)
	}
}

/// One row of a table, values in the table's column order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
	/// The table.
	pub table: &'static Table,
	/// Values, one per column.
	pub vals: Vec<Val>,
}

impl Record {
	/// The key values.
	pub fn key(&self) -> &[Val] {
		&self.vals[..self.table.key]
	}

	/// Value of column `name`.
	pub fn get(&self, name: &str) -> Option<&Val> {
		self.table.col(name).and_then(|i| self.vals.get(i))
	}

	/// The values without `block_number`/`block_hash` (what `check` compares).
	pub fn content(&self) -> Vec<(&'static str, &Val)> {
		self.table
			.names()
			.zip(self.vals.iter())
			.filter(|(n, _)| *n != "block_number" && *n != "block_hash")
			.collect()
	}

	/// The row as a JSON object.
	pub fn json(&self) -> serde_json::Value {
		serde_json::Value::Object(
			self.table
				.names()
				.zip(self.vals.iter())
				.map(|(n, v)| (n.to_string(), v.json()))
				.collect(),
		)
	}
}

/// One write of a block.
#[derive(Clone, Debug)]
pub enum Op {
	/// Insert or replace a state row.
	Upsert(Record),
	/// Insert a history row unless present.
	Append(Record),
	/// Delete the row with this key.
	Delete(&'static Table, Vec<Val>),
	/// Replace the search entries of an application (full text, one- and two-character grams)
	/// when its text or submission time changed.
	Fts {
		/// Application id.
		application: i64,
		/// Data name.
		data_name: String,
		/// Summary.
		summary: String,
		/// Submission time (ms): the search's order.
		submitted_at: i64,
	},
}

/// The indexing position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
	/// Last indexed block.
	pub number: i64,
	/// Its hash (`0x…`).
	pub hash: String,
	/// Its `Timestamp::Now` (ms).
	pub time: i64,
	/// Genesis hash of the indexed chain.
	pub genesis: String,
}

/// The database handle. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
	/// Writes (the indexer) and reads that must see them at once.
	pool: AnyPool,
	/// Reads of the API: on SQLite a separate pool of read-only connections (WAL: readers never
	/// wait for the writer); on PostgreSQL the same pool.
	read: AnyPool,
	/// The API's row reads ([`Self::select_from`]) through the backend's own driver: rows decoded
	/// straight into [`Record`]s, not through sqlx's `Any` rows (each of which copies its values
	/// and its columns' names first).
	rows: RowPool,
	backend: Backend,
	/// A value derived from the index as of a cursor (the API's day and calendar).
	cache: Cache,
	/// Rows written since the planner statistics were last refreshed ([`Self::maintain_if_due`]).
	written: std::sync::Arc<std::sync::atomic::AtomicU64>,
	/// The cursor as the API last read it ([`Self::api_cursor`]), with when and at which
	/// [`Self::generation`].
	api_cursor: std::sync::Arc<std::sync::Mutex<Option<(std::time::Instant, u64, Option<Cursor>)>>>,
	/// Batches of blocks this handle committed (the API's cursor is stale after each).
	generation: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

/// How long the API reuses the cursor it read when no write of this process came since: the
/// index of another process (a PostgreSQL database written by another portal) is seen at most
/// this late; writes of this process are seen at once.
pub const API_CURSOR_TTL: Duration = Duration::from_millis(250);

/// A pool of the backend's own driver (see [`Db::select_from`]).
#[derive(Clone, Debug)]
enum RowPool {
	Sqlite(sqlx::SqlitePool),
	Postgres(sqlx::PgPool),
}

type Cache = std::sync::Arc<
	std::sync::Mutex<Option<(Option<Cursor>, std::sync::Arc<dyn std::any::Any + Send + Sync>)>>,
>;

/// Connections of the SQLite pool of readers (the API).
pub const SQLITE_READERS: u32 = 8;
/// SQLite: WAL pages after which a commit copies the WAL into the database file (SQLite's default
/// 1 000, 4 MiB). With 16 384 (64 MiB), the catch-up of the 10^4 bulk chain took 2.70 s instead of
/// 2.85 s (medians of 7, interleaved); the WAL file grows to about that size before each copy.
pub const WAL_CHECKPOINT_PAGES: u32 = 16_384;
/// Applications a transaction covers when the portal refills the SQLite gram index (migration 5).
pub const FILL_SLICE: i64 = 5_000;
/// Connections of the PostgreSQL pool.
pub const POSTGRES_CONNECTIONS: u32 = 12;
/// Rows written after which [`Db::maintain_if_due`] refreshes PostgreSQL's statistics.
pub const MAINTAIN_AFTER_ROWS: u64 = 5_000;
/// The tables `VACUUM (ANALYZE)` covers: the portal's own (a province's database may hold others).
const MAINTAINED: &str = "cursor, meta, institutions, subjects, applications, deadlines, \
	notices, objections, registrations, certificates, certificate_events, agreements, supervision, \
	calendar_years, clock, application_events, application_text, application_grams";

/// The character as the search compares it: lower case where that is one character.
fn fold_char(c: char) -> char {
	let mut l = c.to_lowercase();
	match (l.next(), l.next()) {
		(Some(x), None) => x,
		_ => c,
	}
}

/// The text as the search compares it ([`grams`]).
pub fn fold(text: &str) -> String {
	text.chars().map(fold_char).collect()
}

/// Every distinct character and pair of adjacent characters of each text, folded ([`fold`]):
/// the grams a one- or two-character search looks up (a superset of the `LIKE`/`ILIKE` matches,
/// which the search then applies).
pub fn grams<'a>(texts: impl IntoIterator<Item = &'a str>) -> std::collections::BTreeSet<String> {
	let mut out = std::collections::BTreeSet::new();
	for t in texts {
		let chars: Vec<char> = t.chars().map(fold_char).collect();
		for (i, c) in chars.iter().enumerate() {
			out.insert(c.to_string());
			if let Some(d) = chars.get(i + 1) {
				out.insert([*c, *d].iter().collect());
			}
		}
	}
	out
}

/// Bound values per multi-row statement (SQLite allows 32 766, PostgreSQL 65 535).
const VALUES_PER_STATEMENT: usize = 3_000;

/// Placeholder `i` of a statement whose placeholders appear in binding order: `$i` on
/// PostgreSQL, a nameless `?` on SQLite (numbered ones are looked up by name, one linear search
/// of the statement's parameter list per value bound: quadratic in a multi-row statement).
fn ph(backend: Backend, i: usize) -> String {
	match backend {
		Backend::Sqlite => "?".to_string(),
		Backend::Postgres => format!("${i}"),
	}
}

/// `($a, $b, …), (…)`: `rows` tuples of `width` placeholders numbered from `first`.
fn tuples(backend: Backend, rows: usize, width: usize, first: usize) -> String {
	use std::fmt::Write;
	let mut out = String::with_capacity(rows * width * 7);
	for r in 0..rows {
		out.push_str(if r == 0 { "(" } else { ", (" });
		for c in 0..width {
			if c > 0 {
				out.push_str(", ");
			}
			match backend {
				Backend::Sqlite => out.push('?'),
				Backend::Postgres => {
					let _ = write!(out, "${}", first + r * width + c);
				}
			}
		}
		out.push(')');
	}
	out
}

/// `$first, $first+1, …` (`n` placeholders).
fn list(backend: Backend, n: usize, first: usize) -> String {
	(0..n).map(|i| ph(backend, first + i)).collect::<Vec<_>>().join(", ")
}

type Conn = sqlx::AnyConnection;

/// Writes the search entries of applications (id, data name, summary, submitted_at), each
/// unless its text and submission time are those already written (an application row is
/// rewritten at every step of its life; its text is not). The grams (migrations 3 and 5): on
/// SQLite one FTS5 entry an application, its grams as tokens ([`gram_token`]); on PostgreSQL one
/// row a gram and application. Multi-row statements throughout.
async fn write_search(
	conn: &mut Conn,
	backend: Backend,
	items: &[(i64, &str, &str, i64)],
) -> Result<()> {
	let mut old: std::collections::HashMap<i64, (String, String, i64)> = Default::default();
	for chunk in items.chunks(VALUES_PER_STATEMENT / 4) {
		let sql = format!(
			"SELECT application, data_name, summary, submitted_at FROM application_text \
			 WHERE application IN ({})",
			list(backend, chunk.len(), 1)
		);
		let mut q = sqlx::query(&sql);
		for (id, ..) in chunk {
			q = q.bind(*id);
		}
		for r in q.fetch_all(&mut *conn).await? {
			old.insert(r.try_get(0)?, (r.try_get(1)?, r.try_get(2)?, r.try_get(3)?));
		}
	}
	let changed: Vec<&(i64, &str, &str, i64)> = items
		.iter()
		.filter(|(id, d, s, at)| {
			old.get(id).is_none_or(|(od, os, oat)| od != d || os != s || oat != at)
		})
		.collect();
	if changed.is_empty() {
		return Ok(());
	}
	if backend == Backend::Postgres {
		// The grams of the old text go (rare: a text never changes after submission).
		for (id, ..) in &changed {
			let Some((d, s, at)) = old.get(id) else { continue };
			let gone: Vec<String> = grams([d.as_str(), s.as_str()]).into_iter().collect();
			for chunk in gone.chunks(VALUES_PER_STATEMENT) {
				let sql = format!(
					"DELETE FROM application_grams WHERE application = $1 AND submitted_at = $2 \
					 AND gram IN ({})",
					list(backend, chunk.len(), 3)
				);
				let mut q = sqlx::query(&sql).bind(*id).bind(*at);
				for g in chunk {
					q = q.bind(g.as_str());
				}
				q.execute(&mut *conn).await?;
			}
		}
		let mut triples: Vec<(String, i64, i64)> = changed
			.iter()
			.flat_map(|(id, d, s, at)| grams([*d, *s]).into_iter().map(move |g| (g, *at, *id)))
			.collect();
		// In key order: consecutive inserts land on the same index pages.
		triples.sort_unstable();
		// Three array parameters a statement, not three parameters a row: PostgreSQL parses,
		// plans and binds a statement of 3 000 parameters for every 1 000 rows otherwise.
		for chunk in triples.chunks(GRAMS_PER_ARRAY) {
			sqlx::query(
				"INSERT INTO application_grams (gram, submitted_at, application) \
				 SELECT * FROM unnest($1::text::text[], $2::text::bigint[], $3::text::bigint[]) \
				 ON CONFLICT (gram, submitted_at, application) DO NOTHING",
			)
			.bind(pg_array(chunk.iter().map(|(g, ..)| pg_array_text(g))))
			.bind(pg_array(chunk.iter().map(|(_, at, _)| at.to_string())))
			.bind(pg_array(chunk.iter().map(|(.., id)| id.to_string())))
			.execute(&mut *conn)
			.await?;
		}
		return write_texts(conn, backend, &changed).await;
	}
	// SQLite: the old entries go (rare: a text never changes after submission), then one entry
	// of tokens an application.
	let gone: Vec<i64> =
		changed.iter().map(|(id, ..)| *id).filter(|id| old.contains_key(id)).collect();
	for chunk in gone.chunks(VALUES_PER_STATEMENT) {
		let sql = format!(
			"DELETE FROM application_grams WHERE rowid IN ({})",
			list(backend, chunk.len(), 1)
		);
		let mut q = sqlx::query(&sql);
		for id in chunk {
			q = q.bind(*id);
		}
		q.execute(&mut *conn).await?;
	}
	let entries: Vec<(i64, &str, &str)> =
		changed.iter().map(|(id, d, s, _)| (*id, *d, *s)).collect();
	insert_gram_entries(conn, &entries).await?;
	write_texts(conn, backend, &changed).await
}

/// SQLite (migration 5): one FTS5 entry of gram tokens ([`gram_token`]) for each (application id,
/// data name, summary), multi-row statements.
async fn insert_gram_entries(conn: &mut Conn, entries: &[(i64, &str, &str)]) -> Result<()> {
	for chunk in entries.chunks(VALUES_PER_STATEMENT / 2) {
		let sql = format!(
			"INSERT INTO application_grams (rowid, grams) VALUES {}",
			tuples(Backend::Sqlite, chunk.len(), 2, 1)
		);
		let mut q = sqlx::query(&sql);
		for (id, d, s) in chunk {
			let tokens: Vec<String> = grams([*d, *s]).iter().map(|g| gram_token(g)).collect();
			q = q.bind(*id).bind(tokens.join(" "));
		}
		q.execute(&mut *conn).await?;
	}
	Ok(())
}

/// The FTS5 token of a gram (SQLite, migration 5): the hex of its UTF-8 bytes, which the
/// tokenizer keeps whole and no other gram shares.
pub fn gram_token(gram: &str) -> String {
	hex::encode(gram.as_bytes())
}

/// Grams a PostgreSQL statement inserts (as arrays).
const GRAMS_PER_ARRAY: usize = 20_000;

/// A PostgreSQL array literal of already quoted elements (`{a,b}`), bound as text and cast.
fn pg_array(items: impl Iterator<Item = String>) -> String {
	let mut out = String::from("{");
	for (i, item) in items.enumerate() {
		if i > 0 {
			out.push(',');
		}
		out.push_str(&item);
	}
	out.push('}');
	out
}

/// A text element of a PostgreSQL array literal: double-quoted, `"` and `\` escaped.
fn pg_array_text(s: &str) -> String {
	let mut out = String::with_capacity(s.len() + 2);
	out.push('"');
	for c in s.chars() {
		if matches!(c, '"' | '\\') {
			out.push('\\');
		}
		out.push(c);
	}
	out.push('"');
	out
}

/// The texts the search entries were made from, and (SQLite) the full-text entries.
async fn write_texts(
	conn: &mut Conn,
	backend: Backend,
	changed: &[&(i64, &str, &str, i64)],
) -> Result<()> {
	for chunk in changed.chunks(VALUES_PER_STATEMENT / 4) {
		let sql = format!(
			"INSERT INTO application_text (application, data_name, summary, submitted_at) \
			 VALUES {} ON CONFLICT (application) DO UPDATE SET \
			 data_name = excluded.data_name, summary = excluded.summary, \
			 submitted_at = excluded.submitted_at",
			tuples(backend, chunk.len(), 4, 1)
		);
		let mut q = sqlx::query(&sql);
		for (id, d, s, at) in chunk {
			q = q.bind(*id).bind(*d).bind(*s).bind(*at);
		}
		q.execute(&mut *conn).await?;
	}
	if backend == Backend::Sqlite {
		for chunk in changed.chunks(VALUES_PER_STATEMENT / 3) {
			let sql = format!(
				"DELETE FROM applications_fts WHERE rowid IN ({})",
				list(backend, chunk.len(), 1)
			);
			let mut q = sqlx::query(&sql);
			for (id, ..) in chunk {
				q = q.bind(*id);
			}
			q.execute(&mut *conn).await?;
			let sql = format!(
				"INSERT INTO applications_fts (rowid, data_name, summary) VALUES {}",
				tuples(backend, chunk.len(), 3, 1)
			);
			let mut q = sqlx::query(&sql);
			for (id, d, s, _) in chunk {
				q = q.bind(*id).bind(*d).bind(*s);
			}
			q.execute(&mut *conn).await?;
		}
	}
	// PostgreSQL: the pg_trgm indexes follow the `applications` rows.
	Ok(())
}

/// The net effect of the ops of consecutive blocks: per table and key the last state write
/// (an upsert replaces the whole row, so earlier ones of the same key are overwritten anyway),
/// the first history row per key (history rows are never replaced), the last search entry per
/// application. Applying it equals applying the ops one by one.
#[derive(Default)]
struct Net<'a> {
	state: Vec<(&'static Table, BTreeMap<&'a [Val], Option<&'a Record>>)>,
	history: Vec<(&'static Table, BTreeMap<&'a [Val], &'a Record>)>,
	search: BTreeMap<i64, (&'a str, &'a str, i64)>,
}

impl<'a> Net<'a> {
	fn of(ops: impl IntoIterator<Item = &'a Op>) -> Self {
		fn slot<'s, V>(v: &'s mut Vec<(&'static Table, V)>, t: &'static Table) -> &'s mut V
		where
			V: Default,
		{
			let i = match v.iter().position(|(x, _)| std::ptr::eq(*x, t)) {
				Some(i) => i,
				None => {
					v.push((t, V::default()));
					v.len() - 1
				}
			};
			&mut v[i].1
		}
		let mut net = Net::default();
		for op in ops {
			match op {
				Op::Upsert(r) => {
					slot(&mut net.state, r.table).insert(r.key(), Some(r));
				}
				Op::Delete(t, key) => {
					slot(&mut net.state, t).insert(key.as_slice(), None);
				}
				Op::Append(r) => {
					slot(&mut net.history, r.table).entry(r.key()).or_insert(r);
				}
				Op::Fts { application, data_name, summary, submitted_at } => {
					net.search.insert(
						*application,
						(data_name.as_str(), summary.as_str(), *submitted_at),
					);
				}
			}
		}
		net
	}

	async fn write(&self, conn: &mut Conn, backend: Backend) -> Result<()> {
		for (table, rows) in &self.state {
			for key in rows.iter().filter(|(_, r)| r.is_none()).map(|(k, _)| k) {
				let sql = format!("DELETE FROM {} WHERE {}", table.name, key_where(table, 1));
				bind_all(sqlx::query(&sql), key).execute(&mut *conn).await?;
			}
			let rows: Vec<&Record> = rows.values().filter_map(|r| *r).collect();
			insert_rows(conn, backend, table, &rows, false).await?;
		}
		for (table, rows) in &self.history {
			let rows: Vec<&Record> = rows.values().copied().collect();
			insert_rows(conn, backend, table, &rows, true).await?;
		}
		let items: Vec<(i64, &str, &str, i64)> =
			self.search.iter().map(|(id, (d, s, at))| (*id, *d, *s, *at)).collect();
		write_search(conn, backend, &items).await
	}
}

/// Inserts `rows` of `table` in multi-row statements: upserts, or (`append`) history rows
/// kept when present.
async fn insert_rows(
	conn: &mut Conn,
	backend: Backend,
	table: &'static Table,
	rows: &[&Record],
	append: bool,
) -> Result<()> {
	let width = table.cols.len();
	if backend == Backend::Postgres {
		// One array parameter a column (see `write_search`).
		let sql = upsert_sql_arrays(table, append);
		for chunk in rows.chunks(ROWS_PER_ARRAY) {
			let mut q = sqlx::query(&sql);
			for c in 0..width {
				q = q.bind(pg_array(chunk.iter().map(|r| match &r.vals[c] {
					Val::Null => "NULL".to_string(),
					Val::Int(n) => n.to_string(),
					Val::Text(t) => pg_array_text(t),
				})));
			}
			q.execute(&mut *conn).await?;
		}
		return Ok(());
	}
	for chunk in rows.chunks((VALUES_PER_STATEMENT / width).max(1)) {
		let sql = upsert_sql(backend, table, append, chunk.len());
		let mut q = sqlx::query(&sql);
		for r in chunk {
			q = bind_row(q, r);
		}
		q.execute(&mut *conn).await?;
	}
	Ok(())
}

fn migrator(backend: Backend) -> Migrator {
	let sql: [(i64, &'static str, &'static str); 5] = match backend {
		Backend::Sqlite => [
			(1, "init", include_str!("../migrations/sqlite/0001_init.sql")),
			(2, "history", include_str!("../migrations/sqlite/0002_history.sql")),
			(3, "search_grams", include_str!("../migrations/sqlite/0003_search_grams.sql")),
			(4, "access", include_str!("../migrations/sqlite/0004_access.sql")),
			(5, "gram_index", include_str!("../migrations/sqlite/0005_gram_index.sql")),
		],
		Backend::Postgres => [
			(1, "init", include_str!("../migrations/postgres/0001_init.sql")),
			(2, "history", include_str!("../migrations/postgres/0002_history.sql")),
			(3, "search_grams", include_str!("../migrations/postgres/0003_search_grams.sql")),
			(4, "access", include_str!("../migrations/postgres/0004_access.sql")),
			(5, "gram_collation", include_str!("../migrations/postgres/0005_gram_collation.sql")),
		],
	};
	let migrations = sql
		.into_iter()
		.map(|(version, name, sql)| {
			Migration::new(
				version,
				Cow::Borrowed(name),
				MigrationType::Simple,
				Cow::Borrowed(sql),
				false,
			)
		})
		.collect();
	Migrator { migrations: Cow::Owned(migrations), ..Migrator::DEFAULT }
}

impl Db {
	/// Opens (creating a SQLite file if needed) and migrates the database at `url`:
	/// `sqlite:PATH` or `postgres://…`.
	pub async fn open(url: &str) -> Result<Self> {
		sqlx::any::install_default_drivers();
		if url.starts_with("sqlite:") {
			sqlite_process_config();
		}
		let (backend, url, read_url) = if let Some(path) = url.strip_prefix("sqlite:") {
			let path = path.trim_start_matches("//");
			let sep = if path.contains('?') { '&' } else { '?' };
			(
				Backend::Sqlite,
				format!("sqlite://{path}{sep}mode=rwc"),
				format!("sqlite://{path}{sep}mode=ro"),
			)
		} else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
			(Backend::Postgres, url.to_string(), String::new())
		} else {
			return Err(DbError::Url(url.to_string()));
		};
		let sqlite_options = |max: u32| {
			AnyPoolOptions::new()
				.acquire_timeout(Duration::from_secs(10))
				.max_connections(max)
				.after_connect(|conn, _| {
					Box::pin(async move {
						sqlx::query("PRAGMA busy_timeout = 10000").execute(&mut *conn).await?;
						sqlx::query("PRAGMA synchronous = NORMAL").execute(&mut *conn).await?;
						sqlx::query(&format!("PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}"))
							.execute(&mut *conn)
							.await?;
						Ok(())
					})
				})
		};
		let (pool, read, rows) = if backend == Backend::Sqlite {
			// One writer at a time anyway (SQLite); the reads of the API have their own pool.
			let pool = sqlite_options(2).connect(&url).await?;
			// WAL: readers (the API) never block the indexer's writes.
			sqlx::query("PRAGMA journal_mode = WAL").fetch_all(&pool).await?;
			migrator(backend).run(&pool).await?;
			let read = sqlite_options(SQLITE_READERS).connect_lazy(&read_url)?;
			let rows = sqlx::sqlite::SqlitePoolOptions::new()
				.acquire_timeout(Duration::from_secs(10))
				.max_connections(SQLITE_READERS)
				.connect_lazy_with(
					read_url
						.parse::<sqlx::sqlite::SqliteConnectOptions>()?
						.busy_timeout(Duration::from_secs(10)),
				);
			(pool, read, RowPool::Sqlite(rows))
		} else {
			let pool = AnyPoolOptions::new()
				.acquire_timeout(Duration::from_secs(10))
				.max_connections(POSTGRES_CONNECTIONS)
				.after_connect(|conn, _| {
					Box::pin(async move {
						// Plans for the values bound: a generic plan of the gram search joins
						// every application holding the gram (38 ms instead of 0.2 ms at 10^4).
						sqlx::query("SET plan_cache_mode = force_custom_plan")
							.execute(&mut *conn)
							.await?;
						Ok(())
					})
				})
				.connect(&url)
				.await?;
			migrator(backend).run(&pool).await?;
			let rows = sqlx::postgres::PgPoolOptions::new()
				.acquire_timeout(Duration::from_secs(10))
				.max_connections(POSTGRES_CONNECTIONS)
				.after_connect(|conn, _| {
					Box::pin(async move {
						sqlx::query("SET plan_cache_mode = force_custom_plan")
							.execute(&mut *conn)
							.await?;
						Ok(())
					})
				})
				.connect_lazy(&url)?;
			(pool.clone(), pool, RowPool::Postgres(rows))
		};
		let db = Self {
			pool,
			read,
			rows,
			backend,
			cache: Cache::default(),
			written: Default::default(),
			api_cursor: Default::default(),
			generation: Default::default(),
		};
		db.fill_search().await?;
		db.fill_gram_index().await?;
		Ok(db)
	}

	/// SQLite, once after migration 5: the gram entries of the applications already indexed,
	/// from `application_text`, [`FILL_SLICE`] applications a transaction in id order (the key
	/// `gram_index_fill` holds the last id done, -1 at first, so an interrupted fill resumes).
	async fn fill_gram_index(&self) -> Result<()> {
		while let Some(done) = self.meta("gram_index_fill").await? {
			let done: i64 = done
				.parse()
				.map_err(|_| DbError::Invalid(format!("meta gram_index_fill {done:?}")))?;
			let mut tx = self.pool.begin().await?;
			let rows = sqlx::query(
				"SELECT application, data_name, summary FROM application_text \
				 WHERE application > $1 ORDER BY application LIMIT $2",
			)
			.bind(done)
			.bind(FILL_SLICE)
			.fetch_all(&mut *tx)
			.await?;
			let texts = rows
				.iter()
				.map(|r| Ok((r.try_get::<i64, _>(0)?, r.try_get::<String, _>(1)?, r.try_get(2)?)))
				.collect::<Result<Vec<(i64, String, String)>>>()?;
			let entries: Vec<(i64, &str, &str)> =
				texts.iter().map(|(id, d, s)| (*id, d.as_str(), s.as_str())).collect();
			insert_gram_entries(&mut tx, &entries).await?;
			match entries.last().map(|(id, ..)| *id) {
				Some(id) => {
					sqlx::query("UPDATE meta SET value = $1 WHERE key = 'gram_index_fill'")
						.bind(id.to_string())
						.execute(&mut *tx)
						.await?
				}
				None => {
					sqlx::query("DELETE FROM meta WHERE key = 'gram_index_fill'")
						.execute(&mut *tx)
						.await?
				}
			};
			tx.commit().await?;
		}
		Ok(())
	}

	/// Fills the search entries of an index created before migration 3 (once).
	async fn fill_search(&self) -> Result<()> {
		if self.meta("search_grams").await?.is_some() {
			return Ok(());
		}
		let mut tx = self.pool.begin().await?;
		let rows = sqlx::query("SELECT id, data_name, summary, submitted_at FROM applications")
			.fetch_all(&mut *tx)
			.await?;
		let mut items = Vec::with_capacity(rows.len());
		for r in &rows {
			let text = |i: usize| r.try_get::<Option<String>, _>(i).map(Option::unwrap_or_default);
			items.push((r.try_get::<i64, _>(0)?, text(1)?, text(2)?, r.try_get::<i64, _>(3)?));
		}
		let items: Vec<(i64, &str, &str, i64)> =
			items.iter().map(|(id, d, s, at)| (*id, d.as_str(), s.as_str(), *at)).collect();
		write_search(&mut tx, self.backend, &items).await?;
		sqlx::query(
			"INSERT INTO meta (key, value) VALUES ('search_grams', '1') \
			 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		)
		.execute(&mut *tx)
		.await?;
		tx.commit().await?;
		Ok(())
	}

	/// After a catch-up (at least [`MAINTAIN_AFTER_ROWS`] rows written since the last time):
	/// on PostgreSQL, `VACUUM (ANALYZE)` of the portal's tables. A bulk catch-up leaves the
	/// planner without statistics and the tables full of dead row versions (an application row is
	/// rewritten at every step of its life) until autovacuum comes by: with 10 012 applications
	/// the search then took 1.8 s (a parallel scan of every application matching `ILIKE`, joined
	/// to the grams: statistics from the empty tables) instead of 0.2 ms, and the publicity query
	/// read 16 195 dead index entries of `applications_state` (1.8 ms instead of 0.02 ms). SQLite
	/// plans the same queries without statistics (`EXPLAIN QUERY PLAN` unchanged by `ANALYZE`):
	/// nothing to do there. Returns whether it ran.
	pub async fn maintain_if_due(&self) -> Result<bool> {
		use std::sync::atomic::Ordering;
		if self.backend != Backend::Postgres
			|| self.written.load(Ordering::Relaxed) < MAINTAIN_AFTER_ROWS
		{
			return Ok(false);
		}
		let started = std::time::Instant::now();
		// Not in a transaction block (VACUUM refuses one): the simple query protocol.
		sqlx::raw_sql(&format!("VACUUM (ANALYZE) {MAINTAINED}")).execute(&self.pool).await?;
		self.written.store(0, Ordering::Relaxed);
		log::info!("vacuumed and analysed the index in {:.2?}", started.elapsed());
		Ok(true)
	}

	/// The backend.
	pub fn backend(&self) -> Backend {
		self.backend
	}

	/// The pool of writes (and of reads that must see them at once).
	pub fn pool(&self) -> &AnyPool {
		&self.pool
	}

	/// The value cached for `cursor` by [`Self::set_cached`], if the cursor is still that one and
	/// nothing was written since.
	pub fn cached<T: std::any::Any + Send + Sync>(
		&self,
		cursor: Option<&Cursor>,
	) -> Option<std::sync::Arc<T>> {
		let cache = self.cache.lock().ok()?;
		let (at, v) = cache.as_ref()?;
		if at.as_ref() != cursor {
			return None;
		}
		v.clone().downcast::<T>().ok()
	}

	/// Caches `value` as derived from the index at `cursor`.
	pub fn set_cached<T: std::any::Any + Send + Sync>(
		&self,
		cursor: Option<Cursor>,
		value: std::sync::Arc<T>,
	) {
		if let Ok(mut c) = self.cache.lock() {
			*c = Some((cursor, value));
		}
	}

	/// The pool of the API's reads (read-only connections on SQLite).
	pub fn read_pool(&self) -> &AnyPool {
		&self.read
	}

	/// Closes the pools.
	pub async fn close(&self) {
		self.read.close().await;
		self.pool.close().await
	}

	/// The indexing cursor, if any block was indexed.
	pub async fn cursor(&self) -> Result<Option<Cursor>> {
		let row = sqlx::query(
			"SELECT block_number, block_hash, block_time, genesis FROM cursor WHERE id = 0",
		)
		.fetch_optional(&self.read)
		.await?;
		Ok(row.map(|r| Cursor {
			number: r.get(0),
			hash: r.get(1),
			time: r.get(2),
			genesis: r.get(3),
		}))
	}

	/// The indexing cursor for the API: [`Self::cursor`] without a query per request. A read is
	/// reused until this handle commits a write (then the next request reads again) or for
	/// [`API_CURSOR_TTL`] (writes of another process).
	pub async fn api_cursor(&self) -> Result<Option<Cursor>> {
		use std::sync::atomic::Ordering;
		let generation = self.generation.load(Ordering::SeqCst);
		if let Ok(c) = self.api_cursor.lock() {
			if let Some((at, g, cursor)) = c.as_ref() {
				if *g == generation && at.elapsed() < API_CURSOR_TTL {
					return Ok(cursor.clone());
				}
			}
		}
		let read_at = std::time::Instant::now();
		let cursor = self.cursor().await?;
		// Kept only when no write committed meanwhile (it may have been read before it).
		if self.generation.load(Ordering::SeqCst) == generation {
			if let Ok(mut c) = self.api_cursor.lock() {
				*c = Some((read_at, generation, cursor.clone()));
			}
		}
		Ok(cursor)
	}

	/// Fails when the database indexes another chain than `genesis`.
	pub async fn check_genesis(&self, genesis: &str) -> Result<()> {
		match self.cursor().await? {
			Some(c) if c.genesis != genesis => {
				Err(DbError::WrongChain { expected: genesis.into(), found: c.genesis })
			}
			_ => Ok(()),
		}
	}

	/// A value of the `meta` table.
	pub async fn meta(&self, key: &str) -> Result<Option<String>> {
		let row = sqlx::query("SELECT value FROM meta WHERE key = $1")
			.bind(key)
			.fetch_optional(&self.read)
			.await?;
		Ok(row.map(|r| r.get(0)))
	}

	/// Sets a value of the `meta` table.
	pub async fn set_meta(&self, key: &str, value: &str) -> Result<()> {
		sqlx::query(
			"INSERT INTO meta (key, value) VALUES ($1, $2) \
			 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		)
		.bind(key)
		.bind(value)
		.execute(&self.pool)
		.await?;
		Ok(())
	}

	/// Logs one query of a certificate's details made with the holder's consent (requirements §6
	/// Q24, Q26). Returns `false` when a query with the same request signature is already logged
	/// (a replayed request).
	pub async fn log_consented_query(&self, q: &ConsentedQuery) -> Result<bool> {
		let done = sqlx::query(
			"INSERT INTO consented_queries \
			 (request_signature, queried_at, code, verifier, token_digest, signer, subject) \
			 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (request_signature) DO NOTHING",
		)
		.bind(q.request_signature.as_str())
		.bind(q.queried_at)
		.bind(q.code.as_str())
		.bind(q.verifier.as_str())
		.bind(q.token_digest.as_str())
		.bind(q.signer.as_str())
		.bind(q.subject.as_str())
		.execute(&self.pool)
		.await?;
		Ok(done.rows_affected() == 1)
	}

	/// The consented queries of certificate `code`, oldest first (for the data authority's
	/// review and the tests).
	pub async fn consented_queries(&self, code: &str) -> Result<Vec<ConsentedQuery>> {
		let rows = sqlx::query(
			"SELECT request_signature, queried_at, code, verifier, token_digest, signer, subject \
			 FROM consented_queries WHERE code = $1 ORDER BY queried_at, request_signature",
		)
		.bind(code)
		.fetch_all(&self.pool)
		.await?;
		rows.iter()
			.map(|r| {
				Ok(ConsentedQuery {
					request_signature: r.try_get(0)?,
					queried_at: r.try_get(1)?,
					code: r.try_get(2)?,
					verifier: r.try_get(3)?,
					token_digest: r.try_get(4)?,
					signer: r.try_get(5)?,
					subject: r.try_get(6)?,
				})
			})
			.collect()
	}

	/// Writes one block: every op and the new cursor, in one transaction. Writing the same block
	/// twice leaves the same rows (upserts by key, history rows keyed by block and event index).
	pub async fn write_block(&self, ops: &[Op], cursor: &Cursor) -> Result<()> {
		self.write_blocks(&[(ops.to_vec(), cursor.clone())]).await
	}

	/// Writes consecutive blocks in one transaction: the ops of each in order, then the cursor of
	/// the last. Either every block is written with that cursor or none is.
	pub async fn write_blocks(&self, blocks: &[(Vec<Op>, Cursor)]) -> Result<()> {
		let Some((_, cursor)) = blocks.last() else { return Ok(()) };
		let net = Net::of(blocks.iter().flat_map(|(ops, _)| ops));
		let rows: usize = blocks.iter().map(|(ops, _)| ops.len()).sum();
		if let Ok(mut c) = self.cache.lock() {
			*c = None;
		}
		let mut tx = self.pool.begin().await?;
		net.write(&mut tx, self.backend).await?;
		sqlx::query(
			"INSERT INTO cursor (id, block_number, block_hash, block_time, genesis) \
			 VALUES (0, $1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET \
			 block_number = excluded.block_number, block_hash = excluded.block_hash, \
			 block_time = excluded.block_time, genesis = excluded.genesis",
		)
		.bind(cursor.number)
		.bind(cursor.hash.as_str())
		.bind(cursor.time)
		.bind(cursor.genesis.as_str())
		.execute(&mut *tx)
		.await?;
		tx.commit().await?;
		self.generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
		self.written.fetch_add(rows as u64, std::sync::atomic::Ordering::Relaxed);
		Ok(())
	}

	/// Rows of `table` matching `filter` (a WHERE clause with `$n` placeholders, no user text),
	/// with `params` bound, ordered by `order`.
	pub async fn select(
		&self,
		table: &'static Table,
		filter: &str,
		params: &[Val],
		order: &str,
	) -> Result<Vec<Record>> {
		self.select_from(table, "", "", filter, params, order).await
	}

	/// [`Self::select`] from `table` joined as in `from` (`… JOIN <table> <alias> ON …`, no user
	/// text), the columns of `table` taken through `alias`; empty `from`: `table` alone.
	pub async fn select_from(
		&self,
		table: &'static Table,
		alias: &str,
		from: &str,
		filter: &str,
		params: &[Val],
		order: &str,
	) -> Result<Vec<Record>> {
		let dot = if alias.is_empty() { String::new() } else { format!("{alias}.") };
		let cols = table.names().map(|c| format!("{dot}{c}")).collect::<Vec<_>>().join(", ");
		let from = if from.is_empty() { table.name.to_string() } else { from.to_string() };
		let filter = if filter.is_empty() { String::new() } else { format!(" WHERE {filter}") };
		let order = if order.is_empty() { String::new() } else { format!(" ORDER BY {order}") };
		let sql = format!("SELECT {cols} FROM {from}{filter}{order}");
		match &self.rows {
			RowPool::Sqlite(pool) => fetch_records(pool, &sql, params, table).await,
			RowPool::Postgres(pool) => fetch_records(pool, &sql, params, table).await,
		}
	}

	/// The row of `table` with this key.
	pub async fn get(&self, table: &'static Table, key: &[Val]) -> Result<Option<Record>> {
		Ok(self.select(table, &key_where(table, 1), key, "").await?.into_iter().next())
	}

	/// BLAKE2-256 of every row of `table` in key order (hex): equal digests mean equal tables.
	pub async fn digest(&self, table: &'static Table) -> Result<String> {
		let order = table.key_names().collect::<Vec<_>>().join(", ");
		let rows = self.select(table, "", &[], &order).await?;
		let mut text = String::new();
		for row in rows {
			for v in &row.vals {
				match v {
					Val::Null => text.push('\u{0}'),
					other => text.push_str(&other.render()),
				}
				text.push('\u{1f}');
			}
			text.push('\u{1e}');
		}
		Ok(hex::encode(sp_crypto_hashing::blake2_256(text.as_bytes())))
	}

	/// Digests of every table, by name.
	pub async fn digests(&self) -> Result<Vec<(&'static str, String)>> {
		let mut out = Vec::new();
		for t in schema::TABLES {
			out.push((t.name, self.digest(t).await?));
		}
		Ok(out)
	}

	/// The column names of `table` as the database has them (schema test).
	pub async fn columns_of(&self, table: &str) -> Result<Vec<String>> {
		let rows = match self.backend {
			Backend::Sqlite => {
				sqlx::query("SELECT name FROM pragma_table_info($1) ORDER BY cid")
					.bind(table)
					.fetch_all(&self.pool)
					.await?
			}
			Backend::Postgres => {
				sqlx::query(
					"SELECT column_name::text FROM information_schema.columns \
					 WHERE table_name = $1 ORDER BY ordinal_position",
				)
				.bind(table)
				.fetch_all(&self.pool)
				.await?
			}
		};
		Ok(rows.iter().map(|r| r.get::<String, _>(0)).collect())
	}
}

/// `k1 = $n AND k2 = $n+1 …` over the key columns, placeholders from `first`.
pub fn key_where(table: &Table, first: usize) -> String {
	table
		.key_names()
		.enumerate()
		.map(|(i, k)| format!("{k} = ${}", first + i))
		.collect::<Vec<_>>()
		.join(" AND ")
}

fn upsert_sql(backend: Backend, table: &Table, append: bool, rows: usize) -> String {
	let params = tuples(backend, rows, table.cols.len(), 1);
	format!(
		"INSERT INTO {} ({}) VALUES {params} {}",
		table.name,
		table.names().collect::<Vec<_>>().join(", "),
		on_conflict(table, append)
	)
}

/// `ON CONFLICT (key) …` of an upsert of `table`: every other column replaced, or (`append`) the
/// row kept.
fn on_conflict(table: &Table, append: bool) -> String {
	let keys = table.key_names().collect::<Vec<_>>().join(", ");
	if append {
		return format!("ON CONFLICT ({keys}) DO NOTHING");
	}
	let set = table
		.names()
		.skip(table.key)
		.map(|c| format!("{c} = excluded.{c}"))
		.collect::<Vec<_>>()
		.join(", ");
	format!("ON CONFLICT ({keys}) DO UPDATE SET {set}")
}

/// [`upsert_sql`] of PostgreSQL with the rows as arrays, one text parameter a column cast to the
/// column's array type.
fn upsert_sql_arrays(table: &Table, append: bool) -> String {
	let arrays = table
		.cols
		.iter()
		.enumerate()
		.map(|(i, (_, ty))| match ty {
			Ty::Int => format!("${}::text::bigint[]", i + 1),
			Ty::Text => format!("${}::text::text[]", i + 1),
		})
		.collect::<Vec<_>>()
		.join(", ");
	format!(
		"INSERT INTO {} ({}) SELECT * FROM unnest({arrays}) {}",
		table.name,
		table.names().collect::<Vec<_>>().join(", "),
		on_conflict(table, append)
	)
}

/// Rows a PostgreSQL upsert statement writes (as arrays).
const ROWS_PER_ARRAY: usize = 5_000;

/// Binds `vals` in order.
pub fn bind_all<'q>(
	mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
	vals: &'q [Val],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
	for v in vals {
		q = match v {
			Val::Null => q.bind(None::<i64>),
			Val::Int(n) => q.bind(*n),
			Val::Text(s) => q.bind(s.as_str()),
		};
	}
	q
}

/// Binds a row's values; a NULL is bound with its column's type (PostgreSQL checks it).
fn bind_row<'q>(
	mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
	row: &'q Record,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
	for ((_, ty), v) in row.table.cols.iter().zip(&row.vals) {
		q = match (v, ty) {
			(Val::Null, Ty::Int) => q.bind(None::<i64>),
			(Val::Null, Ty::Text) => q.bind(None::<String>),
			(Val::Int(n), _) => q.bind(*n),
			(Val::Text(s), _) => q.bind(s.as_str()),
		};
	}
	q
}

/// SQLite's process-wide settings, once, before its first connection: memory statistics off
/// (`SQLITE_CONFIG_MEMSTATUS`). With them on, every SQLite allocation takes one process-wide
/// mutex; under 64 concurrent searches at 10^5 registrations the API's reader connections spent
/// about a fifth of the portal's CPU waking each other on it (`perf`, issue 12 "Speed"). The
/// portal never reads SQLite's memory statistics.
fn sqlite_process_config() {
	static ONCE: std::sync::Once = std::sync::Once::new();
	ONCE.call_once(|| {
		// SAFETY: `sqlite3_config` must not run beside another SQLite call: every SQLite use of
		// this process comes after `Db::open`, which runs this first, and `Once` makes every other
		// caller wait until it returned. It takes one `int` for this option.
		let rc = unsafe {
			libsqlite3_sys::sqlite3_config(
				libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS,
				0 as std::os::raw::c_int,
			)
		};
		if rc != libsqlite3_sys::SQLITE_OK {
			// SQLITE_MISUSE: SQLite was initialised already; the setting is only a speed-up.
			log::warn!("SQLite memory statistics stay on (sqlite3_config: {rc})");
		}
	});
}

/// The rows of `sql` with `params` bound, as records of `table`, through a pool of the backend's
/// own driver (issue 12 "Speed": converting to and reading sqlx's `Any` rows took about 5 % of the
/// portal's CPU under 64 concurrent searches).
async fn fetch_records<DB>(
	pool: &sqlx::Pool<DB>,
	sql: &str,
	params: &[Val],
	table: &'static Table,
) -> Result<Vec<Record>>
where
	DB: sqlx::Database,
	for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
	for<'q> Option<i64>: sqlx::Encode<'q, DB>,
	for<'q> &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
	for<'r> i64: sqlx::Decode<'r, DB>,
	for<'r> String: sqlx::Decode<'r, DB> + sqlx::Type<DB>,
	for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
	for<'c> &'c mut <DB as sqlx::Database>::Connection: sqlx::Executor<'c, Database = DB>,
	usize: sqlx::ColumnIndex<<DB as sqlx::Database>::Row>,
{
	let mut q = sqlx::query::<DB>(sql);
	for v in params {
		q = match v {
			Val::Null => q.bind(None::<i64>),
			Val::Int(n) => q.bind(*n),
			Val::Text(s) => q.bind(s.as_str()),
		};
	}
	let rows = q.fetch_all(pool).await?;
	let mut out = Vec::with_capacity(rows.len());
	for row in &rows {
		let mut vals = Vec::with_capacity(table.cols.len());
		for (i, (_, ty)) in table.cols.iter().enumerate() {
			vals.push(match ty {
				Ty::Int => row.try_get::<Option<i64>, _>(i)?.into(),
				Ty::Text => row.try_get::<Option<String>, _>(i)?.into(),
			});
		}
		out.push(Record { table, vals });
	}
	Ok(out)
}

/// Reads the columns of `table` from `row`, starting at column `offset`.
pub fn read_row(table: &'static Table, row: &AnyRow, offset: usize) -> Result<Record> {
	let mut vals = Vec::with_capacity(table.cols.len());
	for (i, (_, ty)) in table.cols.iter().enumerate() {
		let v = match ty {
			Ty::Int => row.try_get::<Option<i64>, _>(offset + i)?.into(),
			Ty::Text => row.try_get::<Option<String>, _>(offset + i)?.into(),
		};
		vals.push(v);
	}
	Ok(Record { table, vals })
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn grams_are_the_folded_characters_and_adjacent_pairs_of_each_text() {
		let g = grams(["气象数据", "Ab"]);
		let want = ["气", "象", "数", "据", "气象", "象数", "数据", "a", "b", "ab"];
		assert_eq!(g, want.iter().map(|s| s.to_string()).collect());
		// No pair across two texts: 据 ends the data name, A starts the summary.
		assert!(!g.contains("据a"));
		assert_eq!(fold("WA数"), "wa数");
		// A character whose lower case is two characters stays as it is.
		assert_eq!(fold("İ"), "İ");
	}
}

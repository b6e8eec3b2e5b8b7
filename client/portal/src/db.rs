//! The database: SQLite (embedded default, one file in WAL mode) or PostgreSQL, through
//! `sqlx::Any` with runtime queries and bound parameters only. The indexer writes one
//! transaction per block (rows and cursor together); the API only reads.

use crate::schema::{self, Table, Ty};
use sqlx::{
	any::{AnyPoolOptions, AnyRow},
	migrate::{Migration, MigrationType, Migrator},
	AnyPool, Row,
};
use std::{borrow::Cow, time::Duration};

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
	/// Replace the full-text entry of an application.
	Fts {
		/// Application id.
		application: i64,
		/// Data name.
		data_name: String,
		/// Summary.
		summary: String,
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
	pool: AnyPool,
	backend: Backend,
}

fn migrator(backend: Backend) -> Migrator {
	let sql: [(i64, &'static str, &'static str); 2] = match backend {
		Backend::Sqlite => [
			(1, "init", include_str!("../migrations/sqlite/0001_init.sql")),
			(2, "history", include_str!("../migrations/sqlite/0002_history.sql")),
		],
		Backend::Postgres => [
			(1, "init", include_str!("../migrations/postgres/0001_init.sql")),
			(2, "history", include_str!("../migrations/postgres/0002_history.sql")),
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
		let (backend, url) = if let Some(path) = url.strip_prefix("sqlite:") {
			let path = path.trim_start_matches("//");
			let sep = if path.contains('?') { '&' } else { '?' };
			(Backend::Sqlite, format!("sqlite://{path}{sep}mode=rwc"))
		} else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
			(Backend::Postgres, url.to_string())
		} else {
			return Err(DbError::Url(url.to_string()));
		};
		let mut options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
		if backend == Backend::Sqlite {
			options = options.max_connections(4).after_connect(|conn, _| {
				Box::pin(async move {
					sqlx::query("PRAGMA busy_timeout = 10000").execute(&mut *conn).await?;
					sqlx::query("PRAGMA synchronous = NORMAL").execute(&mut *conn).await?;
					Ok(())
				})
			});
		} else {
			options = options.max_connections(8);
		}
		let pool = options.connect(&url).await?;
		if backend == Backend::Sqlite {
			// WAL: readers (the API) never block the indexer's writes.
			sqlx::query("PRAGMA journal_mode = WAL").fetch_all(&pool).await?;
		}
		migrator(backend).run(&pool).await?;
		Ok(Self { pool, backend })
	}

	/// The backend.
	pub fn backend(&self) -> Backend {
		self.backend
	}

	/// The pool (read queries of the API).
	pub fn pool(&self) -> &AnyPool {
		&self.pool
	}

	/// Closes the pool.
	pub async fn close(&self) {
		self.pool.close().await
	}

	/// The indexing cursor, if any block was indexed.
	pub async fn cursor(&self) -> Result<Option<Cursor>> {
		let row = sqlx::query(
			"SELECT block_number, block_hash, block_time, genesis FROM cursor WHERE id = 0",
		)
		.fetch_optional(&self.pool)
		.await?;
		Ok(row.map(|r| Cursor {
			number: r.get(0),
			hash: r.get(1),
			time: r.get(2),
			genesis: r.get(3),
		}))
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
			.fetch_optional(&self.pool)
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

	/// Writes one block: every op and the new cursor, in one transaction. Writing the same block
	/// twice leaves the same rows (upserts by key, history rows keyed by block and event index).
	pub async fn write_block(&self, ops: &[Op], cursor: &Cursor) -> Result<()> {
		let mut tx = self.pool.begin().await?;
		for op in ops {
			match op {
				Op::Upsert(row) => {
					let sql = upsert_sql(row.table, false);
					bind_row(sqlx::query(&sql), row).execute(&mut *tx).await?;
				}
				Op::Append(row) => {
					let sql = upsert_sql(row.table, true);
					bind_row(sqlx::query(&sql), row).execute(&mut *tx).await?;
				}
				Op::Delete(table, key) => {
					let sql = format!("DELETE FROM {} WHERE {}", table.name, key_where(table, 1));
					bind_all(sqlx::query(&sql), key).execute(&mut *tx).await?;
				}
				Op::Fts { application, data_name, summary } => {
					if self.backend == Backend::Sqlite {
						sqlx::query("DELETE FROM applications_fts WHERE rowid = $1")
							.bind(*application)
							.execute(&mut *tx)
							.await?;
						sqlx::query(
							"INSERT INTO applications_fts (rowid, data_name, summary) \
							 VALUES ($1, $2, $3)",
						)
						.bind(*application)
						.bind(data_name.as_str())
						.bind(summary.as_str())
						.execute(&mut *tx)
						.await?;
					}
					// PostgreSQL: the pg_trgm indexes follow the `applications` rows.
				}
			}
		}
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
		let cols = table.names().collect::<Vec<_>>().join(", ");
		let filter = if filter.is_empty() { String::new() } else { format!(" WHERE {filter}") };
		let order = if order.is_empty() { String::new() } else { format!(" ORDER BY {order}") };
		let sql = format!("SELECT {cols} FROM {}{filter}{order}", table.name);
		let rows = bind_all(sqlx::query(&sql), params).fetch_all(&self.pool).await?;
		rows.iter().map(|r| read_row(table, r, 0)).collect()
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

fn upsert_sql(table: &Table, append: bool) -> String {
	let cols = table.names().collect::<Vec<_>>();
	let params = (1..=cols.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
	let keys = table.key_names().collect::<Vec<_>>().join(", ");
	let action = if append {
		"DO NOTHING".to_string()
	} else {
		let set = cols[table.key..]
			.iter()
			.map(|c| format!("{c} = excluded.{c}"))
			.collect::<Vec<_>>()
			.join(", ");
		format!("DO UPDATE SET {set}")
	};
	format!(
		"INSERT INTO {} ({}) VALUES ({params}) ON CONFLICT ({keys}) {action}",
		table.name,
		cols.join(", ")
	)
}

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

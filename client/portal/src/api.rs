//! The HTTP API (axum, JSON). Handlers only read the index, except the proof bundle (fetched
//! fresh from the node: the portal is never the source of truth for a verdict) and `/api/verify`
//! (a pure check by `dengji-verify`).
//!
//! Every parameter is parsed into a domain type of `dengji-primitives` at the edge; a bad one
//! gives `400 {"error":{"kind":"bad_parameter","message","parameter"}}`, an unknown item `404`.
//! Page sizes are capped and every SQL value is a bound parameter. No endpoint publishes
//! statistics derived from registration information (YX-R §24): lists carry no totals.
//!
//! Who may see what ([`crate::access`]; requirements Q24, Q26, Q40): everything public except a
//! certificate's details (the holder's consent token and the verifier's signed request, each query
//! logged) and the catalogue (the data authority's bearer token).

use crate::{
	db::{Db, Record, Val},
	index::Progress,
	schema::{self, Table},
};
use axum::{
	body::Bytes,
	extract::{rejection::PathRejection, Path, RawQuery, State},
	http::{header, HeaderMap, StatusCode},
	response::{IntoResponse, Response},
	routing::{get, post},
	Json, Router,
};
use dengji_client::Client;
use dengji_primitives::{
	calendar::{ChainClock, Date, DayIndex, OfficialYear, StaticCalendar},
	CertificateCode, DivisionCode, DivisionLevel, Uscc,
};
use dengji_verify::{Policy, ProofBundle, TrustRoot, UnixTimeMs};
use serde_json::{json, Value as Json_};
use std::{
	collections::BTreeMap,
	sync::{atomic::Ordering, Arc},
};
use tokio::sync::RwLock;

/// Largest page size of lists.
pub const MAX_PER_PAGE: i64 = 100;
/// Largest page size of the catalogue.
pub const MAX_CATALOGUE_PER_PAGE: i64 = 1000;
/// Default page size.
pub const DEFAULT_PER_PAGE: i64 = 20;
/// Highest page number.
pub const MAX_PAGE: i64 = 10_000;
/// Longest search text, in characters.
pub const MAX_QUERY_CHARS: usize = 64;
/// Most items of an institution's work list.
pub const MAX_QUEUE: i64 = 1000;

/// Every route: (method, path as in the OpenAPI document).
pub const ROUTES: &[(&str, &str)] = &[
	("get", "/api/health"),
	("get", "/api/publicity"),
	("get", "/api/search"),
	("get", "/api/registrations/{number}"),
	("get", "/api/certificates/{code}"),
	("get", "/api/certificates/{code}/bundle"),
	("get", "/api/certificates/{code}/details"),
	("post", "/api/verify"),
	("get", "/api/institutions/{division}/queue"),
	("get", "/api/catalogue"),
	("get", "/api/openapi.json"),
];

/// Shared state of the handlers.
#[derive(Clone)]
pub struct AppState {
	/// The index.
	pub db: Db,
	/// The node, once connected (bundles).
	pub node: Arc<RwLock<Option<Client>>>,
	/// What the indexer saw.
	pub progress: Progress,
	/// Who may see what (Q24, Q40): the data authority's token.
	pub access: crate::access::Access,
}

/// An API error: one JSON shape, the right status.
#[derive(Debug)]
pub enum ApiError {
	/// 400: a parameter is malformed or out of range.
	BadParameter {
		/// Its name.
		parameter: String,
		/// Why.
		message: String,
	},
	/// 401: credentials (the data authority's token, a consent token, the verifier's signature)
	/// are missing or do not verify.
	Unauthorized {
		/// Machine-readable kind (`consent_required`, `authority_token_required`, …).
		kind: &'static str,
		/// Why.
		message: String,
		/// The header at fault.
		parameter: Option<String>,
	},
	/// 403: the credentials verify but do not allow this (another holder's consent, a consent for
	/// another certificate or verifier, an endpoint not enabled).
	Forbidden {
		/// Machine-readable kind.
		kind: &'static str,
		/// Why.
		message: String,
	},
	/// 404.
	NotFound(String),
	/// 422: the bundle does not verify.
	Unverifiable(String),
	/// 503: the node cannot be reached.
	Unavailable(String),
	/// 500.
	Internal(String),
}

fn bad(parameter: &str, message: impl Into<String>) -> ApiError {
	ApiError::BadParameter { parameter: parameter.into(), message: message.into() }
}

impl From<crate::db::DbError> for ApiError {
	fn from(e: crate::db::DbError) -> Self {
		log::error!("database: {e}");
		ApiError::Internal("database error".into())
	}
}

impl IntoResponse for ApiError {
	fn into_response(self) -> Response {
		let (status, kind, message, parameter) = match self {
			ApiError::BadParameter { parameter, message } => {
				(StatusCode::BAD_REQUEST, "bad_parameter", message, Some(parameter))
			}
			ApiError::Unauthorized { kind, message, parameter } => {
				(StatusCode::UNAUTHORIZED, kind, message, parameter)
			}
			ApiError::Forbidden { kind, message } => (StatusCode::FORBIDDEN, kind, message, None),
			ApiError::NotFound(m) => (StatusCode::NOT_FOUND, "not_found", m, None),
			ApiError::Unverifiable(m) => {
				(StatusCode::UNPROCESSABLE_ENTITY, "verification_failed", m, None)
			}
			ApiError::Unavailable(m) => {
				(StatusCode::SERVICE_UNAVAILABLE, "node_unavailable", m, None)
			}
			ApiError::Internal(m) => (StatusCode::INTERNAL_SERVER_ERROR, "internal", m, None),
		};
		(status, Json(json!({"error": {"kind": kind, "message": message, "parameter": parameter}})))
			.into_response()
	}
}

type ApiResult<T> = Result<T, ApiError>;

/// The router.
pub fn router(state: AppState) -> Router {
	Router::new()
		.route("/api/health", get(health))
		.route("/api/publicity", get(publicity))
		.route("/api/search", get(search))
		.route("/api/registrations/{number}", get(registration))
		.route("/api/certificates/{code}", get(certificate))
		.route("/api/certificates/{code}/bundle", get(bundle))
		.route("/api/certificates/{code}/details", get(details))
		.route("/api/verify", post(verify))
		.route("/api/institutions/{division}/queue", get(queue))
		.route("/api/catalogue", get(catalogue))
		.route("/api/openapi.json", get(openapi))
		.fallback(|| async { ApiError::NotFound("no such endpoint".into()) })
		.with_state(state)
}

// ---- parameters ----

/// Query parameters, validated against the endpoint's list (unknown or repeated → 400).
struct Query(BTreeMap<String, String>);

impl Query {
	fn parse(raw: Option<String>, allowed: &[&str]) -> ApiResult<Self> {
		let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.as_deref().unwrap_or(""))
			.map_err(|e| bad("query", format!("malformed query string: {e}")))?;
		let mut out = BTreeMap::new();
		for (k, v) in pairs {
			if !allowed.contains(&k.as_str()) {
				return Err(bad(&k, format!("unknown parameter; allowed: {}", allowed.join(", "))));
			}
			if out.insert(k.clone(), v).is_some() {
				return Err(bad(&k, "given more than once"));
			}
		}
		Ok(Self(out))
	}

	fn get(&self, k: &str) -> Option<&str> {
		self.0.get(k).map(String::as_str)
	}

	fn int(&self, k: &str, min: i64, max: i64, default: i64) -> ApiResult<i64> {
		match self.get(k) {
			None => Ok(default),
			Some(s) => {
				let n: i64 = s
					.parse()
					.ok()
					.filter(|s_: &i64| s.bytes().all(|b| b.is_ascii_digit()) && *s_ >= 0)
					.ok_or_else(|| bad(k, format!("expected an integer from {min} to {max}")))?;
				if n < min || n > max {
					return Err(bad(k, format!("must be from {min} to {max}")));
				}
				Ok(n)
			}
		}
	}

	fn page(&self, max_per_page: i64) -> ApiResult<Page> {
		let page = self.int("page", 1, MAX_PAGE, 1)?;
		let per_page = self.int("per_page", 1, max_per_page, DEFAULT_PER_PAGE.min(max_per_page))?;
		Ok(Page { page, per_page })
	}

	fn one_of(&self, k: &str, values: &[&str]) -> ApiResult<Option<String>> {
		match self.get(k) {
			None => Ok(None),
			Some(s) if values.contains(&s) => Ok(Some(s.to_string())),
			Some(_) => Err(bad(k, format!("expected one of {}", values.join(", ")))),
		}
	}

	fn division(&self, k: &str) -> ApiResult<Option<DivisionCode>> {
		self.get(k).map(|s| parse_division(k, s)).transpose()
	}

	fn date(&self, k: &str) -> ApiResult<Option<DayIndex>> {
		self.get(k)
			.map(|s| {
				Date::parse(s)
					.map(|d| d.to_day_index())
					.ok_or_else(|| bad(k, "expected a date YYYY-MM-DD"))
			})
			.transpose()
	}
}

#[derive(Clone, Copy)]
struct Page {
	page: i64,
	per_page: i64,
}

impl Page {
	fn offset(&self) -> i64 {
		(self.page - 1) * self.per_page
	}

	/// `items` fetched with `per_page + 1` rows: the extra one only says a next page exists.
	fn wrap(&self, mut items: Vec<Json_>) -> Json_ {
		let more = items.len() > usize::try_from(self.per_page).unwrap_or(usize::MAX);
		items.truncate(usize::try_from(self.per_page).unwrap_or(usize::MAX));
		json!({
			"page": self.page,
			"per_page": self.per_page,
			"next_page": if more { Some(self.page + 1) } else { None },
			"items": items,
		})
	}
}

fn parse_division(k: &str, s: &str) -> ApiResult<DivisionCode> {
	if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
		return Err(bad(k, "expected a 6-digit GB/T 2260 division code"));
	}
	DivisionCode::parse(s).map_err(|e| bad(k, format!("invalid division code: {e}")))
}

fn path_text(p: Result<Path<String>, PathRejection>, name: &str) -> ApiResult<String> {
	p.map(|Path(s)| s).map_err(|e| bad(name, e.body_text()))
}

fn parse_code(s: &str) -> ApiResult<CertificateCode> {
	if s.len() > 32 {
		return Err(bad("code", "too long"));
	}
	CertificateCode::parse(s).map_err(|e| bad("code", format!("invalid certificate code: {e}")))
}

// ---- dates and working days ----

/// The chain's calendar and "today" as of the last indexed block.
pub(crate) struct Today {
	pub(crate) day: DayIndex,
	pub(crate) clock: ChainClock,
	pub(crate) calendar: StaticCalendar,
	pub(crate) block: i64,
	/// Chain time of the last indexed block (ms).
	pub(crate) now: u64,
}

/// Today as of the last indexed block. The clock and calendar rows change only with an indexed
/// block: they are read again only when the cursor moved (one query per request otherwise).
pub(crate) async fn today(db: &Db) -> ApiResult<std::sync::Arc<Today>> {
	let cursor = db.api_cursor().await?;
	if let Some(t) = db.cached::<Today>(cursor.as_ref()) {
		return Ok(t);
	}
	let t = std::sync::Arc::new(today_uncached(db, cursor.clone()).await?);
	db.set_cached(cursor, t.clone());
	Ok(t)
}

async fn today_uncached(db: &Db, cursor: Option<crate::db::Cursor>) -> ApiResult<Today> {
	let clock = match db.get(&schema::CLOCK, &[Val::Int(0)]).await? {
		Some(r) => ChainClock::accelerated(
			r.get("origin_ms").and_then(Val::int).and_then(|n| u64::try_from(n).ok()).unwrap_or(0),
			r.get("origin_day").and_then(Val::int).and_then(|n| u32::try_from(n).ok()).unwrap_or(0),
			r.get("day_length_ms")
				.and_then(Val::int)
				.and_then(|n| u64::try_from(n).ok())
				.unwrap_or(1),
		),
		None => ChainClock::SHANGHAI,
	};
	let mut calendar = StaticCalendar::new();
	for r in db.select(&schema::CALENDAR_YEARS, "", &[], "year").await? {
		let days = |c: &str| -> Vec<DayIndex> {
			r.get(c)
				.and_then(Val::text)
				.unwrap_or("")
				.split(',')
				.filter_map(|d| d.parse().ok())
				.collect()
		};
		if let Some(year) = r.get("year").and_then(Val::int).and_then(|y| u16::try_from(y).ok()) {
			calendar.insert(OfficialYear {
				year,
				holidays: days("holidays"),
				makeup_workdays: days("makeup_workdays"),
			});
		}
	}
	let time = cursor.as_ref().map_or(0, |c| u64::try_from(c.time).unwrap_or(0));
	Ok(Today {
		day: clock.day_at(time),
		clock,
		calendar,
		block: cursor.map_or(-1, |c| c.number),
		now: time,
	})
}

impl Today {
	/// Working days left of the period triggered on `trigger` that ends with day `due`: the
	/// chain's count (trigger day excluded, Q3; YX-R §22 ¶1 "自公示之日起计算": 10 on the
	/// publicity date), today included when it is one of them. The same function as the CLI's
	/// (`dengji_client::query::working_days_left`).
	fn working_days_left(&self, trigger: DayIndex, due: DayIndex) -> i64 {
		// Legal periods are at most 20 working days; bound the walk anyway.
		let due = due.min(self.day.max(trigger).saturating_add(3660));
		i64::from(dengji_client::query::working_days_left(&self.calendar, trigger, self.day, due))
	}

	/// A deadline (period triggered on `trigger`, last day `due`) as JSON.
	fn deadline(&self, trigger: Option<i64>, due: Option<i64>) -> Json_ {
		let Some(due) = due.and_then(|d| DayIndex::try_from(d).ok()) else { return Json_::Null };
		// Without its trigger day (never for rows the indexer writes), count from today.
		let trigger = trigger
			.and_then(|d| DayIndex::try_from(d).ok())
			.unwrap_or_else(|| self.day.saturating_sub(1));
		json!({
			"due": date_text(due),
			"ends_at_ms": self.clock.day_end_ms(due),
			"working_days_left": self.working_days_left(trigger, due),
			"overdue": due < self.day,
		})
	}
}

/// `YYYY-MM-DD` of a day index.
pub fn date_text(day: DayIndex) -> String {
	let d = Date::from_day_index(day);
	format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// Whether column `name` holds a 0/1 flag (shown as a boolean).
fn is_flag(name: &str) -> bool {
	matches!(
		name,
		"provisional"
			| "timer_provisional"
			| "timer_handled"
			| "publicity_provisional"
			| "publicity_closed"
			| "dispute_interested_party"
			| "dispute_ownership"
			| "agreement_suspended"
			| "agreement_terminated"
	)
}

/// Whether column `name` holds a day index (shown as a `YYYY-MM-DD` date).
fn is_day(name: &str) -> bool {
	matches!(
		name,
		"submitted_on"
			| "timer_started_on"
			| "timer_due"
			| "publicity_opened_on"
			| "publicity_closes_on"
			| "opened_on"
			| "closes_on"
			| "lodged_on"
			| "received_on"
			| "issued_on"
			| "due"
	)
}

/// A row as a JSON object, its 0/1 flags as booleans and day indices as dates, then `extra`
/// fields; serialised straight from the values (a search page: no `serde_json::Value` per
/// column, issue 12 "Speed").
struct RowJson<'a>(&'a Record, &'a [(&'static str, Json_)]);

impl serde::Serialize for RowJson<'_> {
	fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		use serde::ser::SerializeMap;
		let RowJson(r, extra) = self;
		let mut m = s.serialize_map(Some(r.vals.len() + extra.len()))?;
		for ((name, _), v) in r.table.cols.iter().zip(&r.vals) {
			match v {
				Val::Null => m.serialize_entry(name, &())?,
				Val::Text(t) => m.serialize_entry(name, t)?,
				Val::Int(n) if is_flag(name) => m.serialize_entry(name, &(*n != 0))?,
				Val::Int(n) if is_day(name) => match DayIndex::try_from(*n) {
					Ok(d) => m.serialize_entry(name, &date_text(d))?,
					Err(_) => m.serialize_entry(name, &())?,
				},
				Val::Int(n) => m.serialize_entry(name, n)?,
			}
		}
		for (k, v) in extra.iter() {
			m.serialize_entry(k, v)?;
		}
		m.end()
	}
}

/// A row as JSON with its 0/1 flags as booleans and day indices as dates.
fn row_json(r: &Record) -> Json_ {
	serde_json::to_value(RowJson(r, &[])).unwrap_or(Json_::Null)
}

async fn page_of(
	db: &Db,
	table: &'static Table,
	filter: &str,
	mut params: Vec<Val>,
	order: &str,
	page: Page,
) -> ApiResult<Vec<Record>> {
	let n = params.len();
	let order = format!("{order} LIMIT ${} OFFSET ${}", n + 1, n + 2);
	params.push(Val::Int(page.per_page + 1));
	params.push(Val::Int(page.offset()));
	Ok(db.select(table, filter, &params, &order).await?)
}

// ---- handlers ----

async fn health(State(s): State<AppState>) -> ApiResult<Json<Json_>> {
	let cursor = s.db.cursor().await?;
	let finalized = s.progress.finalized.load(Ordering::SeqCst);
	let lag = match &cursor {
		Some(c) if finalized >= 0 => Some((finalized - c.number).max(0)),
		_ => None,
	};
	Ok(Json(json!({
		"lag_blocks": lag,
		"status": "ok",
		"database": s.db.backend().name(),
		"indexed": cursor.map(|c| json!({"number": c.number, "hash": c.hash, "time_ms": c.time})),
		"finalized": if finalized >= 0 { Some(finalized) } else { None },
		"node_connected": s.node.read().await.is_some(),
	})))
}

pub(crate) async fn publicity(
	State(s): State<AppState>,
	RawQuery(q): RawQuery,
) -> ApiResult<Json<Json_>> {
	let q = Query::parse(q, &["page", "per_page", "institution"])?;
	let page = q.page(MAX_PER_PAGE)?;
	let t = today(&s.db).await?;
	// YX-R §22 ¶1: notices stay published for 10 working days from the publicity date.
	let mut filter = "application IN (SELECT id FROM applications WHERE state = 'InPublicity') \
	                  AND closes_on >= $1"
		.to_string();
	let mut params = vec![Val::Int(i64::from(t.day))];
	if let Some(d) = q.division("institution")? {
		filter.push_str(" AND institution = $2");
		params.push(Val::Int(i64::from(d.get())));
	}
	let rows =
		page_of(&s.db, &schema::NOTICES, &filter, params, "closes_on, application", page).await?;
	let items = rows
		.iter()
		.map(|r| {
			let mut j = row_json(r);
			let closes = r.get("closes_on").and_then(Val::int);
			// YX-R §22 ¶1: 10 working days counted from the publicity date (excluded, Q3).
			j["publicity"] = t.deadline(r.get("opened_on").and_then(Val::int), closes);
			j
		})
		.collect();
	let mut out = page.wrap(items);
	out["today"] = date_text(t.day).into();
	out["as_of_block"] = t.block.into();
	Ok(Json(out))
}

/// The running deadline of an application (its timer), or null.
fn application_deadline(r: &Record, t: &Today) -> Json_ {
	match r.get("timer_kind").and_then(Val::text) {
		Some(kind) => {
			let mut d = t.deadline(
				r.get("timer_started_on").and_then(Val::int),
				r.get("timer_due").and_then(Val::int),
			);
			d["kind"] = kind.into();
			d["working_days"] = schema::working_days(kind).into();
			d["binds_institution"] = schema::binds_institution(kind).into();
			d
		}
		None => Json_::Null,
	}
}

fn application_json(r: &Record, t: &Today) -> Json_ {
	serde_json::to_value(RowJson(r, &[("deadline", application_deadline(r, t))]))
		.unwrap_or(Json_::Null)
}

/// A page of search results, serialised straight from the rows.
pub(crate) struct SearchPage {
	page: Page,
	rows: Vec<Record>,
	today: Arc<Today>,
}

impl serde::Serialize for SearchPage {
	fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		use serde::ser::{SerializeMap, SerializeSeq};
		/// The page's items (`per_page` of the `per_page + 1` rows fetched).
		struct Items<'a>(&'a [Record], &'a Today);
		impl serde::Serialize for Items<'_> {
			fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
				let mut seq = s.serialize_seq(Some(self.0.len()))?;
				for r in self.0 {
					seq.serialize_element(&RowJson(
						r,
						&[("deadline", application_deadline(r, self.1))],
					))?;
				}
				seq.end()
			}
		}
		let per_page = usize::try_from(self.page.per_page).unwrap_or(usize::MAX);
		let more = self.rows.len() > per_page;
		let mut m = s.serialize_map(Some(4))?;
		m.serialize_entry(
			"items",
			&Items(&self.rows[..self.rows.len().min(per_page)], &self.today),
		)?;
		m.serialize_entry("next_page", &more.then_some(self.page.page + 1))?;
		m.serialize_entry("page", &self.page.page)?;
		m.serialize_entry("per_page", &self.page.per_page)?;
		m.end()
	}
}

/// [`search`] as a JSON value (the pages).
pub(crate) async fn search_value(s: &AppState, query: String) -> ApiResult<Json_> {
	let page = search(State(s.clone()), RawQuery(Some(query))).await?;
	Ok(serde_json::to_value(&page.0).unwrap_or(Json_::Null))
}

/// Escapes `%`, `_` and `\` for `LIKE … ESCAPE '\'`.
fn like_pattern(q: &str) -> String {
	let mut out = String::from("%");
	for c in q.chars() {
		if matches!(c, '%' | '_' | '\\') {
			out.push('\\');
		}
		out.push(c);
	}
	out.push('%');
	out
}

/// The words of a search text that the PostgreSQL trigram indexes look up on their own: the
/// whitespace-separated words of three characters or more, at most [`MAX_INDEXED_WORDS`]. A
/// text of one word, or without such words, is looked up whole.
fn trigram_words(text: &str) -> Vec<&str> {
	text.split_whitespace().filter(|w| w.chars().count() >= 3).take(MAX_INDEXED_WORDS).collect()
}

/// Whether `text` has no letter with case: ASCII other than letters, CJK ideographs, CJK and
/// full-width punctuation. PostgreSQL's `ILIKE` and `LIKE` then find the same rows, and `LIKE`
/// lower-cases neither the rows it checks nor the column statistics it plans with (lower-casing
/// in UTF-8, `towlower` through wide characters, took about a fifth of PostgreSQL's CPU under a
/// two-word search, `perf` at 10^5).
fn caseless(text: &str) -> bool {
	text.chars().all(|c| {
		(c.is_ascii() && !c.is_ascii_alphabetic())
			|| matches!(u32::from(c),
				0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
				| 0xFF01..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
	})
}

/// PostgreSQL's operator for a case-insensitive pattern of `text` ([`caseless`]).
fn like_op(text: &str) -> &'static str {
	if caseless(text) {
		"LIKE"
	} else {
		"ILIKE"
	}
}

/// PostgreSQL: the data name or the summary holds `text` (bound as `param`), case aside, as
/// `ILIKE '%text%'` compares: `lower(text)` within `lower(column)` (PostgreSQL lower-cases both
/// sides for ILIKE in a multi-byte encoding), written as `strpos` so the planner does not
/// estimate a pattern against the column statistics (planning 0.36 ms → 0.15 ms, `EXPLAIN
/// ANALYZE` at 10 012 applications); without `lower` for a [`caseless`] text.
fn contains_clause(text: &str, param: &str) -> String {
	if caseless(text) {
		format!("(strpos(data_name, {param}) > 0 OR strpos(summary, {param}) > 0)")
	} else {
		format!(
			"(strpos(lower(data_name), lower({param})) > 0 \
			 OR strpos(lower(summary), lower({param})) > 0)"
		)
	}
}

/// Words of a search text looked up in the trigram indexes one by one; the others are checked
/// with the whole text only.
const MAX_INDEXED_WORDS: usize = 4;

pub(crate) async fn search(
	State(s): State<AppState>,
	RawQuery(q): RawQuery,
) -> ApiResult<Json<SearchPage>> {
	let q = Query::parse(
		q,
		&[
			"q",
			"status",
			"act",
			"object",
			"division",
			"institution",
			"subject",
			"from",
			"to",
			"page",
			"per_page",
		],
	)?;
	let page = q.page(MAX_PER_PAGE)?;
	let mut clauses: Vec<String> = Vec::new();
	let mut params: Vec<Val> = Vec::new();
	// One- and two-character texts: the applications holding the gram, newest first from the
	// gram index (migration 3), checked against the text.
	let mut gram: Option<String> = None;
	// SQLite, three characters or more: the FTS5 phrase (its matches are ordered through
	// `application_text` when no other filter applies).
	let mut fts: Option<String> = None;
	// PostgreSQL, three characters or more: the pg_trgm path.
	let mut text_only_trgm = false;
	let mut add = |clause: &str, vals: Vec<Val>| {
		let mut c = clause.to_string();
		for (i, v) in vals.into_iter().enumerate() {
			params.push(v);
			c = c.replace(&format!("?{}", i + 1), &format!("${}", params.len()));
		}
		clauses.push(c);
	};
	if let Some(text) = q.get("q") {
		let text = text.trim();
		let chars = text.chars().count();
		if chars == 0 || chars > MAX_QUERY_CHARS {
			return Err(bad(
				"q",
				format!("search text must have 1 to {MAX_QUERY_CHARS} characters"),
			));
		}
		if text.chars().any(char::is_control) {
			return Err(bad("q", "control characters are not allowed"));
		}
		let words = trigram_words(text);
		if s.db.backend() == crate::db::Backend::Sqlite && chars >= 3 {
			// FTS5 trigram: a quoted string is a substring query.
			let phrase = format!("\"{}\"", text.replace('"', "\"\""));
			fts = Some(phrase.clone());
			add(
				"id IN (SELECT rowid FROM applications_fts WHERE applications_fts MATCH ?1)",
				vec![phrase.into()],
			);
		} else if s.db.backend() == crate::db::Backend::Postgres && chars <= 2 {
			// The gram path checks the 21 newest holders of the gram ([`contains_clause`]).
			gram = Some(crate::db::fold(text));
			add(&contains_clause(text, "?1"), vec![text.into()]);
		} else if s.db.backend() == crate::db::Backend::Postgres
			&& text.split_whitespace().nth(1).is_some()
			&& !words.is_empty()
		{
			// Several words: each word of three characters or more is looked up in the trigram
			// indexes on its own, and the whole text is checked after (`strpos`, as ILIKE
			// compares). A word's trigrams are a subset of the text's: the index scan only drops
			// those that span words or mark a short word's edge, which in a common word such as
			// 资源 occur in every data name (`EXPLAIN ANALYZE` at 10^5 for 资源 1002: the
			// data_name index scan 0.70 ms → 0.03 ms, the query 1.8 ms → 0.8 ms).
			text_only_trgm = true;
			let column = |c: &str| {
				let each: Vec<String> = words
					.iter()
					.enumerate()
					.map(|(i, w)| format!("{c} {} ?{} ESCAPE '\\'", like_op(w), i + 1))
					.collect();
				format!("({})", each.join(" AND "))
			};
			let whole = format!("?{}", words.len() + 1);
			let mut vals: Vec<Val> = words.iter().map(|w| like_pattern(w).into()).collect();
			vals.push(text.into());
			add(
				&format!(
					"({} OR {}) AND {}",
					column("data_name"),
					column("summary"),
					contains_clause(text, &whole)
				),
				vals,
			);
		} else {
			let op =
				if s.db.backend() == crate::db::Backend::Postgres { like_op(text) } else { "LIKE" };
			text_only_trgm = s.db.backend() == crate::db::Backend::Postgres && chars >= 3;
			let pattern = like_pattern(text);
			if chars <= 2 {
				gram = Some(crate::db::fold(text));
			}
			add(
				&format!("(data_name {op} ?1 ESCAPE '\\' OR summary {op} ?2 ESCAPE '\\')"),
				vec![pattern.clone().into(), pattern.into()],
			);
		}
	}
	if let Some(v) = q.one_of("status", schema::APPLICATION_STATES)? {
		add("state = ?1", vec![v.into()]);
	}
	if let Some(v) = q.one_of("act", schema::APPLICATION_KINDS)? {
		add("kind = ?1", vec![v.into()]);
	}
	if let Some(v) = q.one_of("object", schema::OBJECT_KINDS)? {
		add("object = ?1", vec![v.into()]);
	}
	if let Some(d) = q.division("division")? {
		// Institutions within the division (province, city or county).
		let n = i64::from(d.get());
		let (lo, hi) = match d.level() {
			DivisionLevel::Province => (n, n + 9_999),
			DivisionLevel::City => (n, n + 99),
			_ => (n, n),
		};
		add("institution BETWEEN ?1 AND ?2", vec![lo.into(), hi.into()]);
	}
	if let Some(d) = q.division("institution")? {
		add("institution = ?1", vec![Val::Int(i64::from(d.get()))]);
	}
	if let Some(u) = q.get("subject") {
		let u = Uscc::parse(u).map_err(|e| bad("subject", format!("invalid USCC: {e}")))?;
		add("subject = ?1", vec![u.to_string().into()]);
	}
	let from = q.date("from")?;
	let to = q.date("to")?;
	if let (Some(f), Some(t)) = (from, to) {
		if f > t {
			return Err(bad("to", "must not be before `from`"));
		}
	}
	if let Some(f) = from {
		add("submitted_on >= ?1", vec![Val::Int(i64::from(f))]);
	}
	if let Some(t) = to {
		add("submitted_on <= ?1", vec![Val::Int(i64::from(t))]);
	}
	let rows = match gram {
		Some(g) => {
			// The holders of the gram, newest first. The filters name columns of `applications`
			// only (no filter names submitted_at).
			let (from, order) = match s.db.backend() {
				crate::db::Backend::Sqlite => {
					// FTS5 reads a token's ids in descending order and stops after the page.
					params.push(format!("\"{}\"", crate::db::gram_token(&g)).into());
					clauses.push(format!("g.application_grams MATCH ${}", params.len()));
					(
						"application_grams g JOIN applications a ON a.id = g.rowid".to_string(),
						"g.rowid",
					)
				}
				crate::db::Backend::Postgres => {
					// The grams table is keyed by gram, submission time and application.
					params.push(g.into());
					clauses.push(format!("g.gram = ${}", params.len()));
					(
						"application_grams g JOIN applications a ON a.id = g.application"
							.to_string(),
						"g.submitted_at DESC, g.application",
					)
				}
			};
			let n = params.len();
			params.push(Val::Int(page.per_page + 1));
			params.push(Val::Int(page.offset()));
			s.db.select_from(
				&schema::APPLICATIONS,
				"a",
				&from,
				&clauses.join(" AND "),
				&params,
				&format!("{order} DESC LIMIT ${} OFFSET ${}", n + 1, n + 2),
			)
			.await?
		}
		None if fts.is_some() && clauses.len() == 1 => {
			// Text only: the page is read newest first straight from the full-text index, which
			// stops after the page (FTS5 walks its doclists by descending rowid, the application
			// id), instead of reading and sorting every match (1 259 of 交通流量 at 10^4). The
			// order is the one of the other paths: the chain numbers applications in submission
			// order (`NextApplicationId`) and stamps them with the block time
			// (`submitted_at`, never decreasing), so `id DESC` is `submitted_at DESC, id DESC`.
			let params = vec![
				Val::from(fts.unwrap_or_default()),
				Val::Int(page.per_page + 1),
				Val::Int(page.offset()),
			];
			s.db.select_from(
				&schema::APPLICATIONS,
				"a",
				"(SELECT rowid AS application FROM applications_fts WHERE applications_fts MATCH $1 \
				 ORDER BY rowid DESC LIMIT $2 OFFSET $3) t \
				 JOIN applications a ON a.id = t.application",
				"",
				&params,
				"t.application DESC",
			)
			.await?
		}
		None if text_only_trgm && clauses.len() == 1 => {
			// PostgreSQL, three characters or more, text only: ordered by the primary key (the
			// same order, see above), so the planner may walk `applications` backwards and stop
			// after the page when the text is common, or take the trigram indexes and sort the
			// few matches when it is rare (a custom plan for each text).
			page_of(&s.db, &schema::APPLICATIONS, &clauses.join(" AND "), params, "id DESC", page)
				.await?
		}
		None => {
			let filter = clauses.join(" AND ");
			page_of(
				&s.db,
				&schema::APPLICATIONS,
				&filter,
				params,
				"submitted_at DESC, id DESC",
				page,
			)
			.await?
		}
	};
	Ok(Json(SearchPage { page, rows, today: today(&s.db).await? }))
}

fn parse_number(s: &str) -> ApiResult<i64> {
	if s.is_empty() || s.len() > 18 || !s.bytes().all(|b| b.is_ascii_digit()) {
		return Err(bad("number", "expected a registration number (digits)"));
	}
	s.parse().map_err(|_| bad("number", "out of range"))
}

async fn certificate_history(db: &Db, code: &str) -> ApiResult<Vec<Json_>> {
	Ok(db
		.select(
			&schema::CERTIFICATE_EVENTS,
			"code = $1",
			&[code.into()],
			"block_number, event_index",
		)
		.await?
		.iter()
		.map(row_json)
		.collect())
}

pub(crate) async fn registration(
	State(s): State<AppState>,
	number: Result<Path<String>, PathRejection>,
	RawQuery(q): RawQuery,
) -> ApiResult<Json<Json_>> {
	Query::parse(q, &[])?;
	let n = parse_number(&path_text(number, "number")?)?;
	let reg =
		s.db.get(&schema::REGISTRATIONS, &[Val::Int(n)])
			.await?
			.ok_or_else(|| ApiError::NotFound(format!("no registration {n}")))?;
	let t = today(&s.db).await?;
	let apps = s
		.db
		.select(
			&schema::APPLICATIONS,
			"registration = $1 OR certificate IN (SELECT code FROM certificates WHERE registration = $2)",
			&[Val::Int(n), Val::Int(n)],
			"id",
		)
		.await?;
	let mut certs = Vec::new();
	for c in
		s.db.select(&schema::CERTIFICATES, "registration = $1", &[Val::Int(n)], "issued_at, code")
			.await?
	{
		let mut j = row_json(&c);
		j["history"] = certificate_history(&s.db, c.get("code").and_then(Val::text).unwrap_or(""))
			.await?
			.into();
		certs.push(j);
	}
	let subject = match reg.get("subject").and_then(Val::text) {
		Some(u) => s.db.get(&schema::SUBJECTS, &[u.into()]).await?.map(|r| row_json(&r)),
		None => None,
	};
	Ok(Json(json!({
		"registration": row_json(&reg),
		"subject": subject,
		"applications": apps.iter().map(|a| application_json(a, &t)).collect::<Vec<_>>(),
		"certificates": certs,
	})))
}

pub(crate) async fn certificate(
	State(s): State<AppState>,
	code: Result<Path<String>, PathRejection>,
	RawQuery(q): RawQuery,
) -> ApiResult<Json<Json_>> {
	Query::parse(q, &[])?;
	let code = parse_code(&path_text(code, "code")?)?.to_string();
	let c =
		s.db.get(&schema::CERTIFICATES, &[code.clone().into()])
			.await?
			.ok_or_else(|| ApiError::NotFound(format!("no certificate {code}")))?;
	let issuer = match c.get("issuer") {
		Some(v) => {
			s.db.get(&schema::INSTITUTIONS, std::slice::from_ref(v)).await?.map(|r| row_json(&r))
		}
		None => None,
	};
	Ok(Json(json!({
		"certificate": row_json(&c),
		"status": c.get("status").map(Val::json),
		"history": certificate_history(&s.db, &code).await?,
		"issuer": issuer,
		"bundle": format!("/api/certificates/{code}/bundle"),
	})))
}

/// `GET /api/certificates/{code}/details` (requirements Q24): the certificate with its
/// registration (basic information, classification, co-subjects) and subject, only for the
/// verifier the holder's consent token names, with its signed request; each query logged
/// ([`crate::access::check_consent`]).
async fn details(
	State(s): State<AppState>,
	headers: HeaderMap,
	code: Result<Path<String>, PathRejection>,
	RawQuery(q): RawQuery,
) -> ApiResult<Json<Json_>> {
	Query::parse(q, &[])?;
	let code = parse_code(&path_text(code, "code")?)?;
	let consented = crate::access::check_consent(&s, &headers, &code, UnixTimeMs::now()).await?;
	let code_text = code.to_string();
	let c =
		s.db.get(&schema::CERTIFICATES, &[code_text.clone().into()])
			.await?
			.ok_or_else(|| ApiError::NotFound(format!("no certificate {code_text}")))?;
	let registration = match c.get("registration") {
		Some(v) => {
			s.db.get(&schema::REGISTRATIONS, std::slice::from_ref(v)).await?.map(|r| row_json(&r))
		}
		None => None,
	};
	let subject =
		s.db.get(&schema::SUBJECTS, &[consented.subject.clone().into()])
			.await?
			.map(|r| row_json(&r));
	Ok(Json(json!({
		"certificate": row_json(&c),
		"registration": registration,
		"subject": subject,
		"history": certificate_history(&s.db, &code_text).await?,
		"consent": {
			"verifier": format!("0x{}", hex::encode(consented.token.verifier)),
			"signer": format!("0x{}", hex::encode(consented.token.signer)),
			"expires_at": consented.token.expires_at,
			"token_digest": format!("0x{}", hex::encode(consented.token.digest())),
			"request_signature": consented.request_signature,
			"logged": true,
		},
	})))
}

/// The trust root bundles are anchored at: the one stored in the index, else the node's
/// (trust on first use), stored for next time.
async fn trust_root(s: &AppState, client: &Client) -> ApiResult<TrustRoot> {
	if let Some(t) = s.db.meta("trust_root").await? {
		if let Ok(t) = TrustRoot::from_json(&t) {
			return Ok(t);
		}
	}
	let t = client.reader().trust_root().await.map_err(|e| ApiError::Unavailable(e.to_string()))?;
	s.db.set_meta("trust_root", &t.to_json()).await?;
	Ok(t)
}

async fn bundle(
	State(s): State<AppState>,
	code: Result<Path<String>, PathRejection>,
	RawQuery(q): RawQuery,
) -> ApiResult<Response> {
	let q = Query::parse(q, &["format"])?;
	let json_format = matches!(q.one_of("format", &["json", "binary"])?.as_deref(), Some("json"));
	let code = parse_code(&path_text(code, "code")?)?;
	if s.db.get(&schema::CERTIFICATES, &[code.to_string().into()]).await?.is_none() {
		return Err(ApiError::NotFound(format!("no certificate {code}")));
	}
	let client = s
		.node
		.read()
		.await
		.clone()
		.ok_or_else(|| ApiError::Unavailable("not connected to the node".into()))?;
	let trust = trust_root(&s, &client).await?;
	let b = client
		.reader()
		.build_bundle(&code, &trust)
		.await
		.map_err(|e| ApiError::Unavailable(e.to_string()))?;
	if json_format {
		let v: Json_ = serde_json::to_value(&b).map_err(|e| ApiError::Internal(e.to_string()))?;
		Ok(Json(json!({"code": code.to_string(), "trust_root": trust, "bundle": v}))
			.into_response())
	} else {
		Ok(([(header::CONTENT_TYPE, "application/octet-stream")], b.to_bytes()).into_response())
	}
}

async fn verify(
	State(_s): State<AppState>,
	RawQuery(q): RawQuery,
	body: Bytes,
) -> ApiResult<Json<Json_>> {
	Query::parse(q, &[])?;
	let body: Json_ = serde_json::from_slice(&body)
		.map_err(|e| bad("body", format!("expected a JSON object: {e}")))?;
	let obj = body.as_object().ok_or_else(|| bad("body", "expected a JSON object"))?;
	for k in obj.keys() {
		if !["bundle", "trust_root", "code", "now_ms", "max_age_ms"].contains(&k.as_str()) {
			return Err(bad(k, "unknown field"));
		}
	}
	let bundle: ProofBundle = match obj.get("bundle") {
		Some(Json_::String(h)) => {
			let bytes = hex::decode(h.trim_start_matches("0x"))
				.map_err(|_| bad("bundle", "expected hex or a bundle object"))?;
			ProofBundle::from_bytes(&bytes).map_err(|e| bad("bundle", e.to_string()))?
		}
		Some(v @ Json_::Object(_)) => {
			serde_json::from_value(v.clone()).map_err(|e| bad("bundle", e.to_string()))?
		}
		_ => return Err(bad("bundle", "required: a bundle object or its hex encoding")),
	};
	let trust: TrustRoot = match obj.get("trust_root") {
		Some(v @ Json_::Object(_)) => {
			serde_json::from_value(v.clone()).map_err(|e| bad("trust_root", e.to_string()))?
		}
		_ => return Err(bad("trust_root", "required: a trust root object")),
	};
	let u64_field = |k: &str| -> ApiResult<Option<u64>> {
		match obj.get(k) {
			None | Some(Json_::Null) => Ok(None),
			Some(v) => {
				v.as_u64().map(Some).ok_or_else(|| bad(k, "expected a non-negative integer"))
			}
		}
	};
	let now = u64_field("now_ms")?.map_or_else(UnixTimeMs::now, UnixTimeMs::from_millis);
	let policy = match u64_field("max_age_ms")? {
		Some(m) => Policy { max_age_ms: m, ..Policy::default() },
		None => Policy::default(),
	};
	if let Some(c) = obj.get("code") {
		let c = c.as_str().ok_or_else(|| bad("code", "expected a string"))?;
		let c = parse_code(c)?;
		if c != bundle.code {
			return Err(ApiError::Unverifiable(format!(
				"the bundle proves {}, not {c}",
				bundle.code
			)));
		}
	}
	let v = dengji_verify::verify_detailed(&bundle, &trust, &policy, now)
		.map_err(|e| ApiError::Unverifiable(e.to_string()))?;
	Ok(Json(json!({
		"verdict": v.verdict,
		"valid": v.verdict.is_valid(),
		"code": v.code.to_string(),
		"block_number": v.block_number,
		"block_hash": crate::index::hex0x(&v.block_hash),
		"set_id": v.set_id,
		"finalized_at_ms": v.finalized_at,
		"checked_at_ms": now.as_millis(),
		"certificate": v.certificate.as_ref().map(|c| json!({
			"registration": c.body.registration,
			"subject": c.body.subject.to_string(),
			"subject_name": String::from_utf8_lossy(&c.body.subject_name),
			"data_name": String::from_utf8_lossy(&c.body.data_name),
			"issuer": c.body.issuer.get(),
			"valid_until_ms": c.body.valid_until,
		})),
	})))
}

async fn queue(
	State(s): State<AppState>,
	division: Result<Path<String>, PathRejection>,
	RawQuery(q): RawQuery,
) -> ApiResult<Json<Json_>> {
	let q = Query::parse(q, &["page", "per_page"])?;
	let page = q.page(MAX_PER_PAGE)?;
	let d = parse_division("division", &path_text(division, "division")?)?;
	let div = Val::Int(i64::from(d.get()));
	let inst =
		s.db.get(&schema::INSTITUTIONS, std::slice::from_ref(&div))
			.await?
			.ok_or_else(|| ApiError::NotFound(format!("no institution {d}")))?;
	let t = today(&s.db).await?;
	let terminal =
		schema::TERMINAL_STATES.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ");
	let apps =
		s.db.select(
			&schema::APPLICATIONS,
			&format!("institution = $1 AND state NOT IN ({terminal})"),
			&[div.clone(), Val::Int(MAX_QUEUE)],
			"timer_due, id LIMIT $2",
		)
		.await?;
	let terminal_objections = schema::TERMINAL_OBJECTION_STATES
		.iter()
		.map(|s| format!("'{s}'"))
		.collect::<Vec<_>>()
		.join(", ");
	let objections =
		s.db.select(
			&schema::OBJECTIONS,
			&format!(
				"state NOT IN ({terminal_objections}) AND application IN \
				 (SELECT id FROM applications WHERE institution = $1)"
			),
			&[div, Val::Int(MAX_QUEUE)],
			"timer_due, id LIMIT $2",
		)
		.await?;
	let mut items: Vec<(i64, i64, Json_)> = Vec::new();
	for a in &apps {
		let due = a.get("timer_due").and_then(Val::int).unwrap_or(i64::MAX);
		let mut j = application_json(a, &t);
		j["item"] = "application".into();
		items.push((due, a.vals[0].int().unwrap_or(0), j));
	}
	for o in &objections {
		let due = o.get("timer_due").and_then(Val::int).unwrap_or(i64::MAX);
		let mut j = row_json(o);
		j["item"] = "objection".into();
		j["deadline"] = match o.get("timer_kind").and_then(Val::text) {
			Some(kind) => {
				let mut d = t.deadline(
					o.get("timer_started_on").and_then(Val::int),
					o.get("timer_due").and_then(Val::int),
				);
				d["kind"] = kind.into();
				d["working_days"] = schema::working_days(kind).into();
				d["binds_institution"] = schema::binds_institution(kind).into();
				d
			}
			None => Json_::Null,
		};
		items.push((due, o.vals[0].int().unwrap_or(0), j));
	}
	items.sort_by_key(|a| (a.0, a.1));
	let start = usize::try_from(page.offset()).unwrap_or(usize::MAX);
	let items: Vec<Json_> = items
		.into_iter()
		.skip(start)
		.take(usize::try_from(page.per_page + 1).unwrap_or(0))
		.map(|x| x.2)
		.collect();
	let mut out = page.wrap(items);
	out["institution"] = row_json(&inst);
	out["today"] = date_text(t.day).into();
	out["as_of_block"] = t.block.into();
	Ok(Json(out))
}

/// CSV cell: quoted when needed; a leading formula character is neutralised.
fn csv_cell(s: &str) -> String {
	let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
	if s.contains([',', '"', '\n', '\r']) {
		format!("\"{}\"", s.replace('"', "\"\""))
	} else {
		s
	}
}

/// Columns of the catalogue (YX-R §7(一)).
pub const CATALOGUE_COLUMNS: &[&str] = &[
	"registration",
	"data_name",
	"object",
	"subject",
	"subject_name",
	"institution",
	"institution_name",
	"certificate",
	"certificate_status",
	"valid_until_ms",
];

async fn catalogue(
	State(s): State<AppState>,
	headers: HeaderMap,
	RawQuery(q): RawQuery,
) -> ApiResult<Response> {
	// Q40: an export for the data authority only (Q26: no public listing of registrations).
	s.access.check_authority(&headers)?;
	let q = Query::parse(q, &["format", "page", "per_page"])?;
	let csv = q.one_of("format", &["json", "csv"])?.as_deref() == Some("csv");
	let page = q.page(MAX_CATALOGUE_PER_PAGE)?;
	// YX-R §7(一): the catalogue lists the registrations in force.
	let regs =
		page_of(&s.db, &schema::REGISTRATIONS, "status = 'Active'", vec![], "id", page).await?;
	let mut items = Vec::new();
	for r in &regs {
		let subject = match r.get("subject") {
			Some(u) => s.db.get(&schema::SUBJECTS, std::slice::from_ref(u)).await?,
			None => None,
		};
		let inst = match r.get("institution") {
			Some(d) => s.db.get(&schema::INSTITUTIONS, std::slice::from_ref(d)).await?,
			None => None,
		};
		let cert = match r.get("certificate") {
			Some(c) => s.db.get(&schema::CERTIFICATES, std::slice::from_ref(c)).await?,
			None => None,
		};
		let g = |r: &Option<Record>, c: &str| {
			r.as_ref().and_then(|r| r.get(c)).map_or(Json_::Null, Val::json)
		};
		let some = Some(r.clone());
		items.push(json!({
			"registration": g(&some, "id"),
			"data_name": g(&some, "data_name"),
			"object": g(&some, "object"),
			"subject": g(&some, "subject"),
			"subject_name": g(&subject, "name"),
			"institution": g(&some, "institution"),
			"institution_name": g(&inst, "name"),
			"certificate": g(&some, "certificate"),
			"certificate_status": g(&cert, "status"),
			"valid_until_ms": g(&cert, "valid_until"),
		}));
	}
	if csv {
		let per = usize::try_from(page.per_page).unwrap_or(usize::MAX);
		let mut out = CATALOGUE_COLUMNS.join(",");
		out.push_str("\r\n");
		for it in items.iter().take(per) {
			let cells: Vec<String> = CATALOGUE_COLUMNS
				.iter()
				.map(|c| match &it[*c] {
					Json_::Null => String::new(),
					Json_::String(s) => csv_cell(s),
					other => csv_cell(&other.to_string()),
				})
				.collect();
			out.push_str(&cells.join(","));
			out.push_str("\r\n");
		}
		let more = items.len() > per;
		let mut resp = ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], out).into_response();
		if more {
			if let Ok(v) = format!("{}", page.page + 1).parse() {
				resp.headers_mut().insert("x-next-page", v);
			}
		}
		Ok(resp)
	} else {
		Ok(Json(page.wrap(items)).into_response())
	}
}

async fn openapi() -> Json<Json_> {
	Json(crate::openapi::document())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn caseless_texts_are_those_without_letters_with_case() {
		for t in ["资源 1002", "交通流量", "数据，2026年（月报）", "100%_\\", "１２３：", "〇"]
		{
			assert!(caseless(t), "{t}");
			assert_eq!(like_op(t), "LIKE");
		}
		// Latin (ASCII and not), full-width Latin, Greek, Cyrillic: ILIKE.
		for t in ["road", "资源 A", "é", "Ｑ", "ｑ", "Σ", "ж"] {
			assert!(!caseless(t), "{t}");
			assert_eq!(like_op(t), "ILIKE");
		}
		assert!(contains_clause("资源", "?1").contains("strpos(data_name, ?1)"));
		assert!(contains_clause("Road", "?1").contains("strpos(lower(data_name), lower(?1))"));
	}

	#[test]
	fn words_of_three_characters_or_more_are_looked_up_on_their_own() {
		assert_eq!(trigram_words("资源 1002"), vec!["1002"]);
		assert_eq!(trigram_words("交通流量"), vec!["交通流量"]);
		assert_eq!(trigram_words("数据 资源"), Vec::<&str>::new());
		assert_eq!(trigram_words("aaa bbb ccc ddd eee").len(), MAX_INDEXED_WORDS);
		// Ideographic space separates words too.
		assert_eq!(trigram_words("交通流量　月报表"), vec!["交通流量", "月报表"]);
	}
}

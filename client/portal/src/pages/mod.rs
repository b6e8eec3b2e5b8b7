//! The public web pages (issue 13): server-rendered HTML over the same queries as the API
//! (the handlers of [`crate::api`] are called and their JSON rendered), readable without
//! JavaScript, Chinese by default (`?lang=en` or `Accept-Language` for English), every string
//! from [`i18n`], every value escaped by `maud`.
//!
//! | page | what |
//! |---|---|
//! | `/` | search (data name, subject, registration number, certificate code) and what is new |
//! | `/publicity` | the publicity board (YX-R §22): the four published fields, the window's first and last day, working days left, how to object in one's real name |
//! | `/registrations/{number}` | the registration's history: applications, publicity, objections and outcomes, decisions, certificates with successor links |
//! | `/certificates/{code}` | the certificate, its QR code (SVG), an A4 print stylesheet, and the verdict computed **in the browser** |
//! | `/verify` | a proof bundle and a trust root from files, verified offline in the browser |
//!
//! The verdict is never the server's: the certificate page's script fetches
//! `/api/certificates/{code}/bundle?format=json` and checks it with the `dengji-verify` core
//! compiled to wasm ([`assets`]) against the trust root the visitor pinned in the browser, or the
//! portal's own, marked as such.

pub mod assets;
pub mod i18n;
pub mod qr;
mod view;

use crate::{
	api::{self, ApiError, AppState},
	db::Val,
	schema,
};
use axum::{
	extract::{rejection::PathRejection, Path, RawQuery, State},
	http::{header, HeaderMap, HeaderValue, StatusCode},
	response::{IntoResponse, Redirect, Response},
	routing::get,
	Router,
};
use dengji_primitives::{CertificateCode, Uscc};
use i18n::Lang;
use serde_json::Value;
use std::{
	collections::{BTreeMap, HashMap},
	sync::{Arc, Mutex},
};

/// Settings of the pages.
#[derive(Clone, Debug)]
pub struct Config {
	/// The portal's public base URL (scheme, host, optional path prefix; no trailing `/`), put
	/// in the certificates' QR codes: `<public_url>/certificates/<code>#dengji:1:<genesis>:<code>`.
	pub public_url: String,
}

#[derive(Clone)]
struct Pages {
	api: AppState,
	cfg: Arc<Config>,
	/// QR SVGs by URL (encoding one costs more than the rest of the page).
	qr_cache: Arc<Mutex<HashMap<String, String>>>,
}

/// Most QR SVGs kept (the cache is emptied when full).
const QR_CACHE: usize = 4096;

impl Pages {
	fn qr_svg(&self, url: &str) -> Option<String> {
		if let Some(s) = self.qr_cache.lock().ok().and_then(|c| c.get(url).cloned()) {
			return Some(s);
		}
		let svg = qr::svg(url)?;
		if let Ok(mut c) = self.qr_cache.lock() {
			if c.len() >= QR_CACHE {
				c.clear();
			}
			c.insert(url.to_string(), svg.clone());
		}
		Some(svg)
	}
}

/// The pages' routes (no fallback: the API's stays the router's).
pub fn router(state: AppState, cfg: Config) -> Router {
	let cfg = Config { public_url: cfg.public_url.trim_end_matches('/').to_string() };
	Router::new()
		.route("/", get(home))
		.route("/publicity", get(publicity))
		.route("/registrations/{number}", get(registration))
		.route("/certificates/{code}", get(certificate))
		.route("/verify", get(verify))
		.route("/assets/{file}", get(assets::serve))
		.with_state(Pages { api: state, cfg: Arc::new(cfg), qr_cache: Default::default() })
}

/// The request's language and query parameters.
pub(crate) struct Ctx {
	/// The page language.
	pub lang: Lang,
	/// `?lang=` was given: links keep it.
	pub explicit: bool,
	/// The request path (for the language switch).
	pub path: String,
	params: BTreeMap<String, String>,
}

impl Ctx {
	fn new(path: &str, raw: Option<String>, headers: &HeaderMap) -> Self {
		let params: BTreeMap<String, String> =
			serde_urlencoded::from_str::<Vec<(String, String)>>(raw.as_deref().unwrap_or(""))
				.unwrap_or_default()
				.into_iter()
				.collect();
		let q = params.get("lang").map(String::as_str);
		let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
		Ctx {
			lang: Lang::negotiate(q, accept),
			explicit: q.is_some(),
			path: path.to_string(),
			params,
		}
	}

	fn param(&self, k: &str) -> Option<&str> {
		self.params.get(k).map(String::as_str)
	}

	/// `path` with `?lang=` kept when the visitor chose it (`extra`: more query pairs).
	pub fn href(&self, path: &str, extra: &[(&str, &str)]) -> String {
		let mut pairs: Vec<(&str, &str)> = extra.to_vec();
		if self.explicit {
			pairs.push(("lang", self.lang.param()));
		}
		if pairs.is_empty() {
			path.to_string()
		} else {
			let q = serde_urlencoded::to_string(&pairs).unwrap_or_default();
			format!("{path}?{q}")
		}
	}

	/// This page in the other language.
	pub fn other_lang_href(&self) -> String {
		let other = if self.lang == Lang::Zh { "en" } else { "zh" };
		let mut pairs: Vec<(&str, &str)> = self
			.params
			.iter()
			.filter(|(k, _)| k.as_str() != "lang")
			.map(|(k, v)| (k.as_str(), v.as_str()))
			.collect();
		pairs.push(("lang", other));
		format!("{}?{}", self.path, serde_urlencoded::to_string(&pairs).unwrap_or_default())
	}
}

/// An HTML response with the headers every page carries: its language, `Vary`, and a content
/// security policy that allows only the portal's own script and styles (defence in depth: every
/// value is escaped anyway).
fn html(status: StatusCode, lang: Lang, body: String) -> Response {
	let mut r = (status, body).into_response();
	let h = r.headers_mut();
	h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
	h.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.tag()));
	h.insert(header::VARY, HeaderValue::from_static("Accept-Language"));
	h.insert(
		header::CONTENT_SECURITY_POLICY,
		HeaderValue::from_static(
			"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
			 img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; \
			 frame-ancestors 'none'",
		),
	);
	h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
	h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
	r
}

/// An API error as an HTML page with the same status.
fn error_page(ctx: &Ctx, e: ApiError) -> Response {
	let m = ctx.lang.m();
	let (status, title, message) = match e {
		ApiError::BadParameter { parameter, message } => {
			(StatusCode::BAD_REQUEST, m.bad_request_title, format!("{parameter}: {message}"))
		}
		ApiError::NotFound(msg) => (StatusCode::NOT_FOUND, m.not_found_title, msg),
		ApiError::Unauthorized { message, .. } => {
			(StatusCode::UNAUTHORIZED, m.bad_request_title, message)
		}
		ApiError::Forbidden { message, .. } => {
			(StatusCode::FORBIDDEN, m.bad_request_title, message)
		}
		ApiError::Unverifiable(msg) => (StatusCode::UNPROCESSABLE_ENTITY, m.bad_request_title, msg),
		ApiError::Unavailable(msg) => (StatusCode::SERVICE_UNAVAILABLE, m.unavailable_title, msg),
		ApiError::Internal(msg) => (StatusCode::INTERNAL_SERVER_ERROR, m.unavailable_title, msg),
	};
	html(status, ctx.lang, view::error(ctx, title, &message).into_string())
}

async fn as_of(s: &Pages) -> Option<i64> {
	s.api.db.cursor().await.ok().flatten().map(|c| c.number)
}

/// Names of institutions by division code (one query each, cached for the request).
async fn institution_names(
	s: &Pages,
	divisions: impl Iterator<Item = i64>,
) -> BTreeMap<i64, String> {
	let mut out = BTreeMap::new();
	for d in divisions {
		if out.contains_key(&d) {
			continue;
		}
		if let Ok(Some(r)) = s.api.db.get(&schema::INSTITUTIONS, &[Val::Int(d)]).await {
			if let Some(n) = r.get("name").and_then(Val::text) {
				out.insert(d, n.to_string());
			}
		}
	}
	out
}

/// Names of subjects by USCC.
async fn subject_names<'a>(
	s: &Pages,
	usccs: impl Iterator<Item = &'a str>,
) -> BTreeMap<String, String> {
	let mut out = BTreeMap::new();
	for u in usccs {
		if out.contains_key(u) {
			continue;
		}
		if let Ok(Some(r)) = s.api.db.get(&schema::SUBJECTS, &[u.into()]).await {
			if let Some(n) = r.get("name").and_then(Val::text) {
				out.insert(u.to_string(), n.to_string());
			}
		}
	}
	out
}

fn items(v: &Value) -> &[Value] {
	v["items"].as_array().map_or(&[], Vec::as_slice)
}

async fn home(State(s): State<Pages>, headers: HeaderMap, RawQuery(raw): RawQuery) -> Response {
	let ctx = Ctx::new("/", raw, &headers);
	let q = ctx.param("q").map(str::trim).filter(|q| !q.is_empty()).map(str::to_string);
	let page = ctx.param("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).max(1);
	let mut results: Option<Result<Value, String>> = None;
	if let Some(q) = &q {
		// A code or a registration number opens its page; a USCC lists the subject's
		// applications; anything else searches data names and summaries.
		if let Ok(code) = CertificateCode::parse(q) {
			return Redirect::to(&ctx.href(&format!("/certificates/{code}"), &[])).into_response();
		}
		if q.len() <= 18 && q.bytes().all(|b| b.is_ascii_digit()) {
			if let Ok(n) = q.parse::<i64>() {
				if let Ok(Some(_)) = s.api.db.get(&schema::REGISTRATIONS, &[Val::Int(n)]).await {
					return Redirect::to(&ctx.href(&format!("/registrations/{n}"), &[]))
						.into_response();
				}
			}
		}
		let key = if Uscc::parse(q).is_ok() { "subject" } else { "q" };
		let page_s = page.to_string();
		let query =
			serde_urlencoded::to_string([(key, q.as_str()), ("page", &page_s)]).unwrap_or_default();
		results = Some(match api::search_value(&s.api, query).await {
			Ok(j) => {
				let mut v = j;
				// A subject's name: its applications too (first page of each of ten subjects).
				if key == "q" && page == 1 {
					add_subject_matches(&s, q, &mut v).await;
				}
				Ok(v)
			}
			Err(ApiError::BadParameter { message, .. }) => Err(message),
			Err(e) => return error_page(&ctx, e),
		});
	}
	let recent = match api::search_value(&s.api, "per_page=10".into()).await {
		Ok(j) => j,
		Err(e) => return error_page(&ctx, e),
	};
	let mut usccs: Vec<String> =
		items(&recent).iter().filter_map(|a| a["subject"].as_str().map(str::to_string)).collect();
	if let Some(Ok(r)) = &results {
		usccs.extend(items(r).iter().filter_map(|a| a["subject"].as_str().map(str::to_string)));
	}
	let names = subject_names(&s, usccs.iter().map(String::as_str)).await;
	let block = as_of(&s).await;
	let body = view::home(&ctx, q.as_deref(), page, results.as_ref(), &recent, &names, block);
	html(StatusCode::OK, ctx.lang, body.into_string())
}

/// Appends to a search result the applications of the subjects whose name contains `q`.
async fn add_subject_matches(s: &Pages, q: &str, result: &mut Value) {
	let mut pattern = String::from("%");
	for c in q.chars() {
		if matches!(c, '%' | '_' | '\\') {
			pattern.push('\\');
		}
		pattern.push(c);
	}
	pattern.push('%');
	let Ok(subjects) = s
		.api
		.db
		.select(&schema::SUBJECTS, "name LIKE $1 ESCAPE '\\'", &[pattern.into()], "uscc LIMIT 10")
		.await
	else {
		return;
	};
	let Some(list) = result["items"].as_array_mut() else { return };
	for subject in subjects {
		let Some(uscc) = subject.get("uscc").and_then(Val::text) else { continue };
		let query = serde_urlencoded::to_string([("subject", uscc)]).unwrap_or_default();
		if let Ok(j) = api::search_value(&s.api, query).await {
			for a in items(&j) {
				if !list.iter().any(|x| x["id"] == a["id"]) {
					list.push(a.clone());
				}
			}
		}
	}
}

async fn publicity(
	State(s): State<Pages>,
	headers: HeaderMap,
	RawQuery(raw): RawQuery,
) -> Response {
	let ctx = Ctx::new("/publicity", raw, &headers);
	let page = ctx.param("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).max(1);
	let board =
		match api::publicity(State(s.api.clone()), RawQuery(Some(format!("page={page}")))).await {
			Ok(j) => j.0,
			Err(e) => return error_page(&ctx, e),
		};
	let names =
		institution_names(&s, items(&board).iter().filter_map(|n| n["institution"].as_i64())).await;
	let block = as_of(&s).await;
	html(StatusCode::OK, ctx.lang, view::publicity(&ctx, &board, &names, block).into_string())
}

async fn registration(
	State(s): State<Pages>,
	headers: HeaderMap,
	number: Result<Path<String>, PathRejection>,
	RawQuery(raw): RawQuery,
) -> Response {
	let path = number.as_ref().map(|Path(n)| format!("/registrations/{n}")).unwrap_or_default();
	let ctx = Ctx::new(&path, raw, &headers);
	let reg = match api::registration(State(s.api.clone()), number, RawQuery(None)).await {
		Ok(j) => j.0,
		Err(e) => return error_page(&ctx, e),
	};
	let id = reg["registration"]["id"].as_i64().unwrap_or(-1);
	let objections = s
		.api
		.db
		.select(
			&schema::OBJECTIONS,
			"application IN (SELECT id FROM applications WHERE registration = $1)",
			&[Val::Int(id)],
			"id",
		)
		.await
		.map(|rows| rows.iter().map(crate::db::Record::json).collect::<Vec<_>>())
		.unwrap_or_default();
	let names =
		institution_names(&s, reg["registration"]["institution"].as_i64().into_iter()).await;
	let block = as_of(&s).await;
	html(
		StatusCode::OK,
		ctx.lang,
		view::registration(&ctx, &reg, &objections, &names, block).into_string(),
	)
}

async fn certificate(
	State(s): State<Pages>,
	headers: HeaderMap,
	code: Result<Path<String>, PathRejection>,
	RawQuery(raw): RawQuery,
) -> Response {
	let path = code.as_ref().map(|Path(c)| format!("/certificates/{c}")).unwrap_or_default();
	let ctx = Ctx::new(&path, raw, &headers);
	let cert = match api::certificate(State(s.api.clone()), code, RawQuery(None)).await {
		Ok(j) => j.0,
		Err(e) => return error_page(&ctx, e),
	};
	let code = cert["certificate"]["code"].as_str().unwrap_or_default().to_string();
	let successor = s
		.api
		.db
		.select(&schema::CERTIFICATES, "previous = $1", &[code.clone().into()], "issued_at")
		.await
		.ok()
		.and_then(|rows| {
			rows.last().and_then(|r| r.get("code")).and_then(Val::text).map(str::to_string)
		});
	let genesis = s.api.db.cursor().await.ok().flatten().map(|c| c.genesis);
	let url = genesis.as_deref().map(|g| qr::certificate_url(&s.cfg.public_url, g, &code));
	let block = as_of(&s).await;
	let body = view::certificate(
		&ctx,
		|u| s.qr_svg(u),
		&cert,
		successor.as_deref(),
		url.as_deref(),
		block,
	);
	html(StatusCode::OK, ctx.lang, body.into_string())
}

async fn verify(State(s): State<Pages>, headers: HeaderMap, RawQuery(raw): RawQuery) -> Response {
	let ctx = Ctx::new("/verify", raw, &headers);
	let block = as_of(&s).await;
	html(StatusCode::OK, ctx.lang, view::verify(&ctx, block).into_string())
}

//! The index and the HTTP API on both databases: a SQLite file and a throw-away PostgreSQL
//! cluster (started here with initdb + pg_ctl on a free port, removed at the end). The index is
//! seeded with the rows the indexer writes; the chain itself is exercised in `tests/node.rs`.

mod common;

use axum::{
	body::{to_bytes, Body},
	http::{Request, StatusCode},
	Router,
};
use common::*;
use dengji_portal::{
	access::Access,
	api::{self, AppState},
	db::{Db, Val},
	index::Progress,
	schema,
};
use proptest::prelude::*;
use serde_json::Value;
use tower::ServiceExt;

async fn call(
	app: &Router,
	method: &str,
	uri: &str,
	body: Option<&str>,
) -> (StatusCode, String, Vec<u8>) {
	let req = Request::builder()
		.method(method)
		.uri(uri)
		.header("content-type", "application/json")
		.body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
		.expect("request");
	let resp = app.clone().oneshot(req).await.expect("infallible");
	let status = resp.status();
	let ctype =
		resp.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
	let bytes = to_bytes(resp.into_body(), 16 << 20).await.expect("body").to_vec();
	(status, ctype, bytes)
}

async fn get_json(app: &Router, uri: &str) -> (StatusCode, Value) {
	let (s, _, b) = call(app, "GET", uri, None).await;
	let v = serde_json::from_slice(&b)
		.unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {}", String::from_utf8_lossy(&b)));
	(s, v)
}

fn app(db: &Db) -> Router {
	let progress = Progress::default();
	progress.finalized.store(5, std::sync::atomic::Ordering::SeqCst);
	// Q40: the catalogue is served to the data authority's token.
	let access = Access::with_authority_token(AUTHORITY_TOKEN).unwrap();
	api::router(AppState { db: db.clone(), node: Default::default(), progress, access })
}

/// A GET with the data authority's bearer token (Q40).
async fn call_as_authority(app: &Router, uri: &str) -> (StatusCode, String, Vec<u8>) {
	let req = Request::builder()
		.uri(uri)
		.header("authorization", format!("Bearer {AUTHORITY_TOKEN}"))
		.body(Body::empty())
		.expect("request");
	let resp = app.clone().oneshot(req).await.expect("infallible");
	let status = resp.status();
	let ctype =
		resp.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
	let bytes = to_bytes(resp.into_body(), 16 << 20).await.expect("body").to_vec();
	(status, ctype, bytes)
}

/// [`bad`] for the data authority.
async fn bad_as_authority(app: &Router, uri: &str, parameter: &str) {
	let (s, _, b) = call_as_authority(app, uri).await;
	let v: Value = serde_json::from_slice(&b).unwrap();
	assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}: {v}");
	assert_eq!(v["error"]["parameter"], parameter, "{uri}: {v}");
}

/// Asserts a 400 naming `parameter`.
async fn bad(app: &Router, uri: &str, parameter: &str) {
	let (s, v) = get_json(app, uri).await;
	assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}: {v}");
	assert_eq!(v["error"]["kind"], "bad_parameter", "{uri}: {v}");
	assert_eq!(v["error"]["parameter"], parameter, "{uri}: {v}");
}

async fn not_found(app: &Router, uri: &str) {
	let (s, v) = get_json(app, uri).await;
	assert_eq!(s, StatusCode::NOT_FOUND, "{uri}: {v}");
	assert_eq!(v["error"]["kind"], "not_found", "{uri}: {v}");
}

/// Every check of the API on one database.
async fn api_suite(db: &Db) {
	// The schema in the database is the one the code describes.
	for t in schema::TABLES {
		let cols = db.columns_of(t.name).await.expect("columns");
		assert_eq!(cols, t.names().collect::<Vec<_>>(), "columns of {}", t.name);
	}
	// Writing the same block again changes nothing (idempotent upserts and appends).
	let before = db.digests().await.expect("digests");
	let (ops, cursor) = seed_ops();
	db.write_block(&ops, &cursor).await.expect("rewrite");
	assert_eq!(before, db.digests().await.expect("digests"));

	let app = app(db);
	let (s, v) = get_json(&app, "/api/health").await;
	assert_eq!(s, StatusCode::OK);
	assert_eq!(v["indexed"]["number"], 3);
	assert_eq!(v["finalized"], 5);
	assert_eq!(v["lag_blocks"], 2);

	// YX-R §22 ¶1: the notice with its four fields and the working days left (chain calendar:
	// today is Monday 2026-12-07, publicity ends Wednesday 2026-12-16 → 8 working days incl. today).
	let (s, v) = get_json(&app, "/api/publicity").await;
	assert_eq!(s, StatusCode::OK, "{v}");
	let items = v["items"].as_array().expect("items");
	assert_eq!(items.len(), 1, "{v}");
	let n = &items[0];
	assert_eq!(n["subject_name"], "玉溪数据有限公司");
	assert_eq!(n["kind"], "FirstTime");
	assert_eq!(n["data_name"], "玉溪市交通流量数据");
	assert_eq!(n["summary"], "全市主要道路的月度交通流量汇总，已脱敏");
	assert_eq!(n["closes_on"], "2026-12-16");
	assert_eq!(n["publicity"]["working_days_left"], 8, "{n}");
	assert_eq!(n["publicity"]["overdue"], false);
	assert!(n["block_number"].is_i64() && n["block_hash"].is_string());
	assert_eq!(v["today"], "2026-12-07");
	// YX-R §24: lists carry no totals.
	assert!(v.get("total").is_none());
	let (_, v) = get_json(&app, "/api/publicity?institution=530100").await;
	assert_eq!(v["items"].as_array().map(Vec::len), Some(0));

	// Search: Chinese full text (3+ characters: trigram; fewer: the gram index, newest first),
	// filters.
	for (q, ids) in [
		("交通流量", vec![0]),
		("%E6%B0%94%E8%B1%A1", vec![2]), // 气象 (2 characters)
		("数据", vec![2, 0]),
		("数", vec![2, 0]),
		("数据&per_page=1&page=2", vec![0]),
		("数据&status=InPublicity", vec![0]),
		("WA", vec![1]),
		("%25", vec![1]),
		("y,", vec![1]),
		("脱敏", vec![0]),
		("据气", vec![]),
		("已脱敏", vec![0]),
		("water", vec![1]),
		("100%25", vec![1]),
		("不存在的数据", vec![]),
		// Three characters or more, text only (SQLite: the page cut from `application_text`)
		// and with a filter: the same rows.
		("交通流量&per_page=1&page=2", vec![]),
		("交通流量&status=InPublicity", vec![0]),
		("交通流量&status=Approved", vec![]),
		("quality", vec![1]),
		("QUALITY&per_page=1", vec![1]),
	] {
		let (s, v) = get_json(&app, &format!("/api/search?q={q}")).await;
		assert_eq!(s, StatusCode::OK, "{q}: {v}");
		let got: Vec<i64> =
			v["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
		assert_eq!(got, ids, "q={q}: {v}");
	}
	let (_, v) = get_json(&app, "/api/search?status=InPublicity&act=FirstTime&object=DataResource&division=530000&institution=530400&from=2026-12-01&to=2026-12-31").await;
	assert_eq!(v["items"].as_array().map(Vec::len), Some(1), "{v}");
	let (_, v) = get_json(&app, &format!("/api/search?subject={}&per_page=2", uscc())).await;
	assert_eq!(v["items"].as_array().map(Vec::len), Some(2), "{v}");
	assert_eq!(v["next_page"], 2);
	let (_, v) = get_json(&app, &format!("/api/search?subject={}&per_page=2&page=2", uscc())).await;
	assert_eq!(v["items"].as_array().map(Vec::len), Some(1), "{v}");
	assert!(v["next_page"].is_null());
	let (_, v) = get_json(&app, "/api/search?division=530100").await;
	assert_eq!(v["items"].as_array().map(Vec::len), Some(0), "{v}");

	// Registration with its history, certificate with status and issuer.
	let (s, v) = get_json(&app, "/api/registrations/7").await;
	assert_eq!(s, StatusCode::OK, "{v}");
	assert_eq!(v["registration"]["certificate"], code());
	assert_eq!(v["applications"][0]["id"], 1);
	// A search page is serialised straight from its rows: the same application as in the
	// registration's history, field for field (flags as booleans, days as dates, its deadline).
	let (_, found) = get_json(&app, "/api/search?q=quality").await;
	assert_eq!(found["items"][0]["id"], 1, "{found}");
	assert_eq!(found["items"][0], v["applications"][0]);
	assert!(found["items"][0]["submitted_on"].is_string(), "{found}");
	assert!(found["items"][0]["dispute_ownership"].is_boolean(), "{found}");
	assert_eq!(v["certificates"][0]["history"][0]["event"], "CertificateIssued");
	assert_eq!(v["subject"]["name"], "玉溪数据有限公司");
	let (s, v) = get_json(&app, &format!("/api/certificates/{}", code())).await;
	assert_eq!(s, StatusCode::OK, "{v}");
	assert_eq!(v["status"], "Valid");
	assert_eq!(v["issuer"]["name"], "玉溪市数据登记机构");
	assert_eq!(v["certificate"]["issued_on"], "2026-12-04");

	// The institution's work list: ordered by deadline, the overdue acceptance marked.
	let (s, v) = get_json(&app, "/api/institutions/530400/queue").await;
	assert_eq!(s, StatusCode::OK, "{v}");
	let items = v["items"].as_array().unwrap();
	let order: Vec<(String, i64)> = items
		.iter()
		.map(|i| (i["item"].as_str().unwrap().to_string(), i["id"].as_i64().unwrap()))
		.collect();
	assert_eq!(
		order,
		vec![("application".into(), 2), ("objection".into(), 0), ("application".into(), 0)]
	);
	assert_eq!(items[0]["deadline"]["overdue"], true);
	assert_eq!(items[0]["deadline"]["binds_institution"], true);
	assert_eq!(items[1]["deadline"]["overdue"], false);
	assert!(items[1].get("objector").is_none() && items[1]["objector_digest"].is_string());

	// Catalogue (YX-R §7(一)) in JSON and CSV, for the data authority (Q40).
	let (s, _, body) = call_as_authority(&app, "/api/catalogue").await;
	let v: Value = serde_json::from_slice(&body).unwrap();
	assert_eq!(s, StatusCode::OK);
	assert_eq!(v["items"][0]["registration"], 7);
	assert_eq!(v["items"][0]["subject_name"], "玉溪数据有限公司");
	let (s, ctype, body) = call_as_authority(&app, "/api/catalogue?format=csv").await;
	assert_eq!(s, StatusCode::OK);
	assert!(ctype.starts_with("text/csv"));
	let text = String::from_utf8(body).unwrap();
	let mut lines = text.lines();
	assert_eq!(lines.next(), Some(api::CATALOGUE_COLUMNS.join(",").as_str()));
	assert!(lines
		.next()
		.unwrap()
		.starts_with(&format!("7,Water quality records,DataResource,{}", uscc())));

	// Bad input: 400 naming the parameter.
	bad(&app, "/api/certificates/530400-2026-0000001-0", "code").await;
	bad(&app, "/api/certificates/nonsense", "code").await;
	bad(&app, "/api/certificates/nonsense/bundle", "code").await;
	bad(&app, "/api/registrations/12a", "number").await;
	bad(&app, "/api/registrations/99999999999999999999", "number").await;
	bad(&app, "/api/institutions/5304/queue", "division").await;
	bad(&app, "/api/institutions/999999/queue", "division").await;
	bad(&app, "/api/search?subject=91530400MA0000000X", "subject").await;
	bad(&app, "/api/search?from=2026-13-01", "from").await;
	bad(&app, "/api/search?from=2026-12-09&to=2026-12-01", "to").await;
	bad(&app, "/api/search?page=0", "page").await;
	bad(&app, "/api/search?per_page=101", "per_page").await;
	bad(&app, "/api/search?per_page=-1", "per_page").await;
	bad(&app, "/api/search?status=Open", "status").await;
	bad(&app, "/api/search?act=Merge", "act").await;
	bad(&app, "/api/search?object=x", "object").await;
	bad(&app, "/api/search?q=", "q").await;
	bad(&app, &format!("/api/search?q={}", "长".repeat(65)), "q").await;
	bad(&app, "/api/search?q=a&q=b", "q").await;
	bad(&app, "/api/search?sort=id", "sort").await;
	bad(&app, "/api/publicity?institution=53040", "institution").await;
	// Q40, Q26: the catalogue is the data authority's: no token → 401, a wrong one → 401, a portal
	// whose operator configured none → 403 saying how to enable it.
	let (s, v) = get_json(&app, "/api/catalogue").await;
	assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
	assert_eq!(v["error"]["kind"], "authority_token_required", "{v}");
	assert_eq!(v["error"]["parameter"], "authorization", "{v}");
	let req = Request::builder()
		.uri("/api/catalogue?format=csv")
		.header("authorization", "Bearer not-the-authority-token")
		.body(Body::empty())
		.unwrap();
	let resp = app.clone().oneshot(req).await.unwrap();
	assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
	let closed = api::router(AppState {
		db: db.clone(),
		node: Default::default(),
		progress: Progress::default(),
		access: Access::default(),
	});
	let (s, v) = get_json(&closed, "/api/catalogue").await;
	assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
	assert_eq!(v["error"]["kind"], "authority_only", "{v}");
	assert!(v["error"]["message"].as_str().unwrap().contains("--authority-token-file"), "{v}");
	assert!(Access::with_authority_token("short").is_err());
	bad_as_authority(&app, "/api/catalogue?format=xml", "format").await;
	bad_as_authority(&app, "/api/catalogue?per_page=1001", "per_page").await;
	bad(&app, &format!("/api/certificates/{}/bundle?format=pdf", code()), "format").await;
	// SQL text in a parameter is data (bound), never SQL.
	let (s, v) = get_json(&app, "/api/search?q=%27%3B%20DROP%20TABLE%20applications%3B%20--").await;
	assert_eq!(s, StatusCode::OK, "{v}");
	assert_eq!(db.select(&schema::APPLICATIONS, "", &[], "id").await.unwrap().len(), 3);

	// Unknown items: 404.
	not_found(&app, "/api/registrations/8").await;
	let unknown = code_serial(2);
	not_found(&app, &format!("/api/certificates/{unknown}")).await;
	not_found(&app, &format!("/api/certificates/{unknown}/bundle")).await;
	not_found(&app, "/api/institutions/530100/queue").await;
	not_found(&app, "/api/nothing").await;
	// A known certificate without a node: 503, never a 500.
	let (s, v) = get_json(&app, &format!("/api/certificates/{}/bundle", code())).await;
	assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
	assert_eq!(v["error"]["kind"], "node_unavailable");

	// POST /api/verify: malformed input names the field; a forged bundle does not verify.
	for (body, parameter) in [
		("not json", "body"),
		("[]", "body"),
		("{}", "bundle"),
		(r#"{"bundle":"0xzz","trust_root":{}}"#, "bundle"),
		(r#"{"bundle":"0x00","trust_root":{}}"#, "bundle"),
		(r#"{"bundle":{},"trust_root":{}}"#, "bundle"),
		(r#"{"extra":1}"#, "extra"),
	] {
		let (s, _, b) = call(&app, "POST", "/api/verify", Some(body)).await;
		let v: Value = serde_json::from_slice(&b).unwrap();
		assert_eq!(s, StatusCode::BAD_REQUEST, "{body}: {v}");
		assert_eq!(v["error"]["parameter"], parameter, "{body}: {v}");
	}

	// The OpenAPI document describes exactly the routes, each answered by the router.
	let (s, doc) = get_json(&app, "/api/openapi.json").await;
	assert_eq!(s, StatusCode::OK);
	let paths = doc["paths"].as_object().unwrap();
	let mut documented: Vec<(String, String)> = paths
		.iter()
		.flat_map(|(p, ops)| ops.as_object().unwrap().keys().map(move |m| (m.clone(), p.clone())))
		.collect();
	documented.sort();
	let mut routes: Vec<(String, String)> =
		api::ROUTES.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
	routes.sort();
	assert_eq!(documented, routes);
	for (m, p) in api::ROUTES {
		let uri =
			p.replace("{number}", "7").replace("{code}", &code()).replace("{division}", "530400");
		let (s, _, _) = call(&app, &m.to_uppercase(), &uri, Some("{}")).await;
		assert_ne!(s, StatusCode::NOT_FOUND, "{m} {uri} is documented but not routed");
		assert_ne!(s, StatusCode::METHOD_NOT_ALLOWED, "{m} {uri}");
		// Every documented query parameter is accepted by the handler.
		let documented: Vec<&str> = doc["paths"][*p][*m]["parameters"]
			.as_array()
			.map(|a| {
				a.iter()
					.filter(|x| x["in"] == "query")
					.map(|x| x["name"].as_str().unwrap())
					.collect()
			})
			.unwrap_or_default();
		assert_eq!(documented, dengji_portal::openapi::query_params(p), "{p}");
	}

	metrics_suite(db).await;
}

/// The value of the series `name` (with its labels, e.g. `x{state="InPublicity"}`).
fn series(text: &str, name: &str) -> Option<i64> {
	text.lines().find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
}

/// Registration-health metrics (issue 11 §6; the series of deploy/dengji-alerts.yml).
async fn metrics_suite(db: &Db) {
	let progress = Progress::default();
	progress.finalized.store(5, std::sync::atomic::Ordering::SeqCst);
	let state =
		AppState { db: db.clone(), node: Default::default(), progress, access: Access::default() };
	let app = dengji_portal::metrics::router(state);
	let (s, ctype, body) = call(&app, "GET", "/metrics", None).await;
	assert_eq!(s, StatusCode::OK);
	assert!(ctype.starts_with("text/plain; version=0.0.4"), "{ctype}");
	let text = String::from_utf8(body).unwrap();
	assert_eq!(series(&text, "dengji_portal_indexed_block"), Some(3), "{text}");
	assert_eq!(series(&text, "dengji_portal_finalized_block"), Some(5), "{text}");
	assert_eq!(series(&text, "dengji_applications_open{state=\"InPublicity\"}"), Some(1));
	assert_eq!(series(&text, "dengji_applications_open{state=\"Submitted\"}"), Some(1));
	assert_eq!(series(&text, "dengji_applications_open{state=\"UnderReview\"}"), Some(0));
	// Terminal states are not open.
	assert!(!text.contains("state=\"Approved\""), "{text}");
	// Application 2's acceptance (YX-R §16 ¶1) ran out two days ago; the objection's forwarding
	// deadline (YX-R §22 ¶2) is still running.
	assert_eq!(
		series(&text, "dengji_institution_deadlines_overdue{institution=\"530400\"}"),
		Some(1),
		"{text}"
	);
	for family in [
		"dengji_portal_indexed_block",
		"dengji_portal_finalized_block",
		"dengji_applications_open",
		"dengji_institution_deadlines_overdue",
		"dengji_certificates_expiring_60d",
	] {
		assert!(text.contains(&format!("# TYPE {family} gauge\n")), "{family}: {text}");
	}
	// YX-R §23 ¶2: a certificate whose last day is 30 days away is in the 60-day renewal
	// window; one 61 days away is not yet.
	assert_eq!(series(&text, "dengji_certificates_expiring_60d"), Some(0), "{text}");
	let day_end = |d: i64| (d - TODAY + 1) * 86_400_000 - 1;
	let mut ops = Vec::new();
	for (serial, last_day) in [(3, TODAY + 30), (4, TODAY + 61)] {
		let mut row = db
			.get(&schema::CERTIFICATES, &[Val::Text(code())])
			.await
			.unwrap()
			.expect("seeded certificate");
		row.vals[0] = Val::Text(code_serial(serial));
		let at = row.table.col("valid_until").unwrap();
		row.vals[at] = Val::Int(day_end(last_day));
		ops.push(dengji_portal::db::Op::Upsert(row));
	}
	let mut cursor = db.cursor().await.unwrap().unwrap();
	cursor.number += 1;
	db.write_block(&ops, &cursor).await.unwrap();
	let (_, _, body) = call(&app, "GET", "/metrics", None).await;
	let text = String::from_utf8(body).unwrap();
	assert_eq!(series(&text, "dengji_certificates_expiring_60d"), Some(1), "{text}");
	assert_eq!(series(&text, "dengji_portal_indexed_block"), Some(4), "{text}");
	// Undo: the other checks of this database compare it with the seed.
	for serial in [3, 4] {
		sqlx::query("DELETE FROM certificates WHERE code = $1")
			.bind(code_serial(serial))
			.execute(db.pool())
			.await
			.unwrap();
	}
	cursor.number -= 1;
	db.write_block(&[], &cursor).await.unwrap();
}

/// Search pages for texts of three characters or more: the text-only path (read newest first from
/// the full-text index, SQLite; ordered by id, PostgreSQL) gives the same pages, in the same
/// order, as the filtered path, and both are the expected ids, newest first, across pages.
async fn search_order_suite(db: &Db) {
	let mut ops = Vec::new();
	let mut submitted = |id: i64, name: &str, summary: &str| {
		ops.push(dengji_portal::db::Op::Upsert(application_row(
			id,
			"Submitted",
			name,
			summary,
			None,
			None,
			None,
			None,
		)));
		ops.push(dengji_portal::db::Op::Fts {
			application: id,
			data_name: name.into(),
			summary: summary.into(),
			submitted_at: 1_000 + id,
		});
	};
	for id in 10..55_i64 {
		let summary =
			if id % 3 == 0 { "交通流量月报 road traffic" } else { "气象观测 weather" };
		submitted(id, &format!("公共数据目录第{id}号"), summary);
	}
	// Quotes and backslashes survive the gram arrays of PostgreSQL's writes.
	submitted(9, "引号\"与\\反斜杠", "a\"b\\c, {d}");
	// Texts of several words (PostgreSQL looks up each word of three characters or more in the
	// trigram indexes and checks the whole text after): the text must occur as written, in one
	// column, case aside.
	let none: Vec<i64> = Vec::new();
	db.write_block(&ops, &cursor_at(4)).await.expect("write");
	let app = app(db);
	let every: Vec<i64> = (10..55).rev().collect();
	let thirds: Vec<i64> = (10..55).rev().filter(|id| id % 3 == 0).collect();
	for (text, want) in [
		("数据目录", &every),
		("交通流量月报", &thirds),
		("录第4", &vec![49, 48, 47, 46, 45, 44, 43, 42, 41, 40]),
		("月报 road", &thirds),
		("流量月报 ROAD Traffic", &thirds),
		("报 ro", &thirds),
		("road 月报", &none),
		("traffic weather", &none),
		("观测 weather", &(10..55).rev().filter(|id| id % 3 != 0).collect()),
		("数据目录 road", &none),
		("\"", &vec![9]),
		("\\", &vec![9]),
		("\"与\\", &vec![9]),
		("{d}", &vec![9]),
		("c,", &vec![9]),
		// One and two characters (the gram index of migration 5): common and rare grams, and
		// one that no application holds.
		("目", &every),
		("目录", &every),
		("月报", &thirds),
		("ea", &(10..55).rev().filter(|id| id % 3 != 0).collect()),
		("第4", &vec![49, 48, 47, 46, 45, 44, 43, 42, 41, 40]),
		("TR", &thirds),
		("z", &none),
		("报告", &none),
	] {
		for per_page in [7, 20] {
			let mut pages: Vec<Vec<i64>> = Vec::new();
			for filter in ["", "&status=Submitted"] {
				let mut got = Vec::new();
				for page in 1..=10 {
					let uri = format!(
						"/api/search?q={}{filter}&per_page={per_page}&page={page}",
						encode(text)
					);
					let (s, v) = get_json(&app, &uri).await;
					assert_eq!(s, StatusCode::OK, "{uri}: {v}");
					got.extend(
						v["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()),
					);
					if v["next_page"].is_null() {
						break;
					}
				}
				assert_eq!(&got, want, "q={text}{filter}, {per_page} a page");
				pages.push(got);
			}
			assert_eq!(pages[0], pages[1], "q={text}: text-only and filtered paths differ");
		}
	}
	// A changed text (an application rewritten with another name): its old grams no longer
	// find it, its new ones do.
	let ops = vec![
		dengji_portal::db::Op::Upsert(application_row(
			9,
			"Submitted",
			"更名后的目录",
			"z",
			None,
			None,
			None,
			None,
		)),
		dengji_portal::db::Op::Fts {
			application: 9,
			data_name: "更名后的目录".into(),
			summary: "z".into(),
			submitted_at: 1_009,
		},
	];
	db.write_block(&ops, &cursor_at(5)).await.expect("write");
	for (text, want) in [("引", vec![]), ("\"", vec![]), ("更名", vec![9]), ("z", vec![9])] {
		let (s, v) = get_json(&app, &format!("/api/search?q={}", encode(text))).await;
		assert_eq!(s, StatusCode::OK, "{text}: {v}");
		let got: Vec<i64> =
			v["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
		assert_eq!(got, want, "q={text} after the text changed: {v}");
	}
}

/// The seeded index as a portal before migration 5 left it: migration 5 not applied, the grams
/// as rows (SQLite) or compared by the database's collation (PostgreSQL).
const BEFORE_MIGRATION_5_SQLITE: &str = "DROP TABLE application_grams;
	CREATE TABLE application_grams (gram TEXT NOT NULL, submitted_at BIGINT NOT NULL,
		application BIGINT NOT NULL, PRIMARY KEY (gram, submitted_at, application)) WITHOUT ROWID;
	INSERT INTO application_grams VALUES ('数', 0, 0), ('数据', 0, 0), ('旧', 0, 2);
	DELETE FROM _sqlx_migrations WHERE version = 5;";
const BEFORE_MIGRATION_5_POSTGRES: &str =
	"ALTER TABLE application_grams ALTER COLUMN gram TYPE TEXT COLLATE \"default\";
	DELETE FROM _sqlx_migrations WHERE version = 5;";

/// Opens `url` again after turning it into an index of the release before migration 5, and
/// checks that the migrated index finds what it found before, and nothing of the old entries.
async fn migration_5_suite(url: &str, before: &str) {
	let db = seeded(url).await.expect("seed");
	sqlx::raw_sql(before).execute(db.pool()).await.expect("back to migration 4");
	db.close().await;
	let db = Db::open(url).await.expect("migrate");
	let app = app(&db);
	for (q, ids) in [
		("数据", vec![2, 0]),
		("数", vec![2, 0]),
		("气象", vec![2]),
		("旧", vec![]),
		("交通流量", vec![0]),
		("quality", vec![1]),
	] {
		let (s, v) = get_json(&app, &format!("/api/search?q={}", encode(q))).await;
		assert_eq!(s, StatusCode::OK, "{q}: {v}");
		let got: Vec<i64> =
			v["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
		assert_eq!(got, ids, "q={q} after migration 5: {v}");
	}
	let applied: Vec<i64> =
		sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
			.fetch_all(db.pool())
			.await
			.expect("migrations");
	assert_eq!(applied, vec![1, 2, 3, 4, 5]);
	// The fill of the gram entries (SQLite) is done and forgotten.
	assert_eq!(db.meta("gram_index_fill").await.expect("meta"), None);
	db.close().await;
}

#[tokio::test]
async fn an_index_of_the_previous_release_is_migrated_and_finds_the_same() {
	let dir = tempfile::tempdir().unwrap();
	migration_5_suite(&sqlite_url(dir.path()), BEFORE_MIGRATION_5_SQLITE).await;
	let Some(pg) = PgCluster::start().expect("PostgreSQL cluster") else { return };
	let url = pg.database("migration_5").await.expect("database");
	migration_5_suite(&url, BEFORE_MIGRATION_5_POSTGRES).await;
	// The gram key compares bytes (collation C).
	let db = Db::open(&url).await.expect("open");
	let collation: Option<String> = sqlx::query_scalar(
		"SELECT collation_name::text FROM information_schema.columns \
		 WHERE table_name = 'application_grams' AND column_name = 'gram'",
	)
	.fetch_one(db.pool())
	.await
	.expect("collation");
	assert_eq!(collation.as_deref(), Some("C"));
	db.close().await;
}

#[tokio::test]
async fn search_pages_are_newest_first_on_both_databases() {
	let dir = tempfile::tempdir().unwrap();
	let lite = seeded(&sqlite_url(dir.path())).await.expect("seed");
	search_order_suite(&lite).await;
	lite.close().await;
	let Some(pg) = PgCluster::start().expect("PostgreSQL cluster") else { return };
	let db = seeded(&pg.database("newest_first").await.expect("database")).await.expect("seed");
	search_order_suite(&db).await;
	db.close().await;
}

#[tokio::test]
async fn api_on_sqlite_file_answers_and_validates() {
	let dir = tempfile::tempdir().unwrap();
	let db = seeded(&sqlite_url(dir.path())).await.expect("seed");
	api_suite(&db).await;
	// WAL mode is on.
	let row: (String,) = sqlx::query_as("PRAGMA journal_mode").fetch_one(db.pool()).await.unwrap();
	assert_eq!(row.0, "wal");
	db.close().await;
}

#[tokio::test]
async fn api_on_postgres_answers_and_validates_and_rides_out_a_restart() {
	let Some(pg) = PgCluster::start().expect("PostgreSQL cluster") else { return };
	let url = pg.database("portal").await.expect("database");
	let db = seeded(&url).await.expect("seed");
	api_suite(&db).await;
	// A PostgreSQL restart: the pool reconnects and the next write and read succeed.
	let before = db.digests().await.unwrap();
	pg.restart().expect("restart");
	let mut ok = false;
	for _ in 0..50 {
		if db.digests().await.is_ok() {
			ok = true;
			break;
		}
		tokio::time::sleep(std::time::Duration::from_millis(200)).await;
	}
	assert!(ok, "no reconnection after the PostgreSQL restart");
	let (ops, cursor) = seed_ops();
	db.write_block(&ops, &cursor).await.expect("write after restart");
	assert_eq!(before, db.digests().await.unwrap());
	db.close().await;
}

#[tokio::test]
async fn both_databases_hold_the_same_rows_for_the_same_blocks() {
	let Some(pg) = PgCluster::start().expect("PostgreSQL cluster") else { return };
	let dir = tempfile::tempdir().unwrap();
	let lite = seeded(&sqlite_url(dir.path())).await.unwrap();
	let pg_db = seeded(&pg.database("same").await.unwrap()).await.unwrap();
	assert_eq!(lite.digests().await.unwrap(), pg_db.digests().await.unwrap());
	assert_eq!(lite.cursor().await.unwrap(), pg_db.cursor().await.unwrap());
	let _ = Val::Null;
}

/// Generated requests: any path segment and query value on every route → never a 5xx.
fn segment() -> impl Strategy<Value = String> {
	prop_oneof![
		Just(String::new()),
		"[0-9]{1,20}",
		"[0-9]{6}",
		"[0-9]{6}-[0-9]{4}-[0-9]{7}-[0-9X]",
		"[ -~]{0,40}",
		"\\PC{0,20}",
		Just("%FF%FE".to_string()),
		Just("..%2F..".to_string()),
	]
}

fn encode(s: &str) -> String {
	s.bytes()
		.map(|b| {
			if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
				(b as char).to_string()
			} else {
				format!("%{b:02X}")
			}
		})
		.collect()
}

fn request() -> impl Strategy<Value = (String, String, Option<String>, bool)> {
	let names = prop_oneof![
		Just("q"),
		Just("status"),
		Just("act"),
		Just("object"),
		Just("division"),
		Just("institution"),
		Just("subject"),
		Just("from"),
		Just("to"),
		Just("page"),
		Just("per_page"),
		Just("format"),
		Just("x"),
	];
	(
		0..api::ROUTES.len(),
		segment(),
		proptest::collection::vec((names, segment()), 0..4),
		prop_oneof![
			Just(None),
			"\\PC{0,60}".prop_map(Some),
			Just(Some(r#"{"bundle":{},"trust_root":{}}"#.to_string()))
		],
		any::<bool>(),
		any::<bool>(),
	)
		.prop_map(|(r, seg, query, body, raw, authority)| {
			let (m, p) = api::ROUTES[r];
			let seg = if raw { seg.replace(['/', '?', '#', ' '], "") } else { encode(&seg) };
			let path =
				p.replace("{number}", &seg).replace("{code}", &seg).replace("{division}", &seg);
			let q: Vec<String> = query.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
			let uri = if q.is_empty() { path } else { format!("{path}?{}", q.join("&")) };
			(m.to_uppercase(), uri, body, authority)
		})
}

#[test]
fn generated_requests_to_every_endpoint_never_get_a_5xx() {
	let rt = tokio::runtime::Runtime::new().unwrap();
	let dir = tempfile::tempdir().unwrap();
	let db = rt.block_on(seeded(&sqlite_url(dir.path()))).unwrap();
	let app = app(&db);
	let cases =
		std::env::var("DENGJI_PORTAL_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(400);
	proptest!(ProptestConfig { cases, ..ProptestConfig::default() }, |((method, uri, body, authority) in request())| {
		// Half the requests carry the data authority's token (Q40), so the catalogue's
		// parameters are exercised too; without it the catalogue answers 401.
		let mut req = Request::builder().method(method.as_str()).uri(&uri);
		if authority {
			req = req.header("authorization", format!("Bearer {AUTHORITY_TOKEN}"));
		}
		let Ok(req) = req.body(body.clone().map_or_else(Body::empty, Body::from)) else {
			// Not a valid URI at all: the HTTP layer would refuse it before the router.
			return Ok(());
		};
		let resp = rt.block_on(app.clone().oneshot(req)).unwrap();
		let status = resp.status();
		let bytes = rt.block_on(to_bytes(resp.into_body(), 16 << 20)).unwrap();
		prop_assert!(status.as_u16() < 500, "{method} {uri} → {status}: {}", String::from_utf8_lossy(&bytes));
		if status.is_client_error() && status != StatusCode::METHOD_NOT_ALLOWED {
			let v: Value = serde_json::from_slice(&bytes).map_err(|e| TestCaseError::fail(format!("{uri}: {e}")))?;
			prop_assert!(v["error"]["kind"].is_string(), "{uri}: {v}");
		}
	});
}

//! Who may see what (issue 10; requirements §6 Q24 verifier visibility, Q26 consented disclosure
//! recorded): a certificate's details only for the verifier the holder's consent token names, with
//! the verifier's signed request; each answered query logged in `consented_queries`, on SQLite and
//! on PostgreSQL (a throw-away cluster); every refusal a 400/401/403 JSON error naming the problem.

mod common;

use axum::{
	body::{to_bytes, Body},
	http::{Request, StatusCode},
	Router,
};
use common::*;
use dengji_portal::{
	access::{details_request_payload, Access},
	api::{self, AppState},
	db::Db,
	index::Progress,
};
use dengji_primitives::CertificateCode;
use dengji_verify::{ConsentToken, HolderSignature, UnixTimeMs};
use ed25519_dalek::{Signer as _, SigningKey};
use serde_json::Value;
use tower::ServiceExt;

fn app(db: &Db) -> Router {
	api::router(AppState {
		db: db.clone(),
		node: Default::default(),
		progress: Progress::default(),
		access: Access::with_authority_token(AUTHORITY_TOKEN).unwrap(),
	})
}

fn bank() -> SigningKey {
	SigningKey::from_bytes(&[42; 32])
}

fn now_ms() -> u64 {
	UnixTimeMs::now().as_millis()
}

/// A consent token for `verifier` about `code`, signed by `holder` (sr25519).
fn token(
	code: &CertificateCode,
	verifier: [u8; 32],
	expires_at: u64,
	holder: &schnorrkel::Keypair,
) -> ConsentToken {
	let payload = ConsentToken::signing_payload(&GENESIS, code, &verifier, expires_at);
	ConsentToken {
		genesis_hash: GENESIS,
		code: *code,
		verifier,
		expires_at,
		signer: holder.public.to_bytes(),
		signature: HolderSignature::Sr25519(holder.sign_simple(b"substrate", &payload).to_bytes()),
	}
}

/// GET the details of `code` with `headers` (name, value).
async fn details(app: &Router, code: &str, headers: &[(&str, String)]) -> (StatusCode, Value) {
	let mut req = Request::builder().uri(format!("/api/certificates/{code}/details"));
	for (k, v) in headers {
		req = req.header(*k, v);
	}
	let resp = app.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
	let status = resp.status();
	let bytes = to_bytes(resp.into_body(), 1 << 20).await.unwrap();
	let v = serde_json::from_slice(&bytes)
		.unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)));
	(status, v)
}

/// The three headers of a request by `verifier` with `t` at `ts`.
fn signed(
	code: &CertificateCode,
	t: &ConsentToken,
	ts: u64,
	verifier: &SigningKey,
) -> Vec<(&'static str, String)> {
	let sig = verifier.sign(&details_request_payload(code, ts, &t.digest()));
	vec![
		("x-dengji-consent", hex_of(&t.to_bytes())),
		("x-dengji-timestamp", ts.to_string()),
		("x-dengji-signature", hex_of(&sig.to_bytes())),
	]
}

fn assert_error(status: StatusCode, v: &Value, expected: StatusCode, kind: &str) {
	assert_eq!(status, expected, "{v}");
	assert_eq!(v["error"]["kind"], kind, "{v}");
	assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
}

/// Every check of the consented details on one database.
async fn access_suite(db: &Db) {
	let app = app(db);
	let code_text = code();
	let code = CertificateCode::parse(&code_text).unwrap();
	let holder = holder_key();
	let verifier = bank().verifying_key().to_bytes();
	let t = token(&code, verifier, now_ms() + 3_600_000, &holder);

	// Q24: without consent the details are refused (the public status stays public).
	let (s, v) = details(&app, &code_text, &[]).await;
	assert_error(s, &v, StatusCode::UNAUTHORIZED, "consent_required");
	assert_eq!(v["error"]["parameter"], "x-dengji-consent");
	let resp = app
		.clone()
		.oneshot(
			Request::builder()
				.uri(format!("/api/certificates/{code_text}"))
				.body(Body::empty())
				.unwrap(),
		)
		.await
		.unwrap();
	assert_eq!(resp.status(), StatusCode::OK);

	// Q24: the holder's consent for this verifier, with the verifier's signed request.
	let ts = now_ms();
	let (s, v) = details(&app, &code_text, &signed(&code, &t, ts, &bank())).await;
	assert_eq!(s, StatusCode::OK, "{v}");
	assert_eq!(v["certificate"]["code"], code_text);
	assert_eq!(v["registration"]["id"], 7, "{v}");
	assert_eq!(v["subject"]["name"], "玉溪数据有限公司", "{v}");
	assert_eq!(v["consent"]["verifier"], hex_of(&verifier));
	assert_eq!(v["consent"]["token_digest"], hex_of(&t.digest()));
	// Q24 query logging, Q26 record of the consented disclosure: time, code, verifier, digest.
	let log = db.consented_queries(&code_text).await.unwrap();
	assert_eq!(log.len(), 1, "{log:?}");
	assert_eq!(log[0].verifier, hex_of(&verifier));
	assert_eq!(log[0].token_digest, hex_of(&t.digest()));
	assert_eq!(log[0].signer, hex_of(&holder_account()));
	assert_eq!(log[0].subject, uscc());
	assert!(log[0].queried_at.abs_diff(i64::try_from(ts).unwrap()) < 60_000);

	// The same signed request again: a replay, refused and not logged twice.
	let (s, v) = details(&app, &code_text, &signed(&code, &t, ts, &bank())).await;
	assert_error(s, &v, StatusCode::UNAUTHORIZED, "replayed_request");
	assert_eq!(db.consented_queries(&code_text).await.unwrap().len(), 1);

	// Another verifier presenting the bank's token: its signature does not verify under the key
	// the token names.
	let other = SigningKey::from_bytes(&[43; 32]);
	let (s, v) = details(&app, &code_text, &signed(&code, &t, now_ms(), &other)).await;
	assert_error(s, &v, StatusCode::UNAUTHORIZED, "bad_request_signature");

	// A request timestamp outside the window.
	let (s, v) = details(&app, &code_text, &signed(&code, &t, now_ms() - 600_000, &bank())).await;
	assert_error(s, &v, StatusCode::UNAUTHORIZED, "stale_request");

	// An expired consent.
	let expired = token(&code, verifier, now_ms() - 1, &holder);
	let (s, v) = details(&app, &code_text, &signed(&code, &expired, now_ms(), &bank())).await;
	assert_error(s, &v, StatusCode::UNAUTHORIZED, "consent_expired");

	// A consent for another certificate, presented for this one.
	let other_code = CertificateCode::parse(&code_serial(2)).unwrap();
	let elsewhere = token(&other_code, verifier, now_ms() + 60_000, &holder);
	let (s, v) = details(&app, &code_text, &signed(&code, &elsewhere, now_ms(), &bank())).await;
	assert_error(s, &v, StatusCode::FORBIDDEN, "consent_mismatch");

	// A consent signed by a key that is not one of the subject's accounts.
	let stranger = schnorrkel::MiniSecretKey::from_bytes(&[9; 32])
		.unwrap()
		.expand_to_keypair(schnorrkel::ExpansionMode::Ed25519);
	let forged = token(&code, verifier, now_ms() + 60_000, &stranger);
	let (s, v) = details(&app, &code_text, &signed(&code, &forged, now_ms(), &bank())).await;
	assert_error(s, &v, StatusCode::FORBIDDEN, "not_holder_consent");

	// A token whose signature does not verify (altered expiry).
	let mut altered = t.clone();
	altered.expires_at += 1;
	let (s, v) = details(&app, &code_text, &signed(&code, &altered, now_ms(), &bank())).await;
	assert_error(s, &v, StatusCode::UNAUTHORIZED, "bad_consent_signature");

	// Malformed headers: 400 naming the header.
	let mut h = signed(&code, &t, now_ms(), &bank());
	h[0].1 = "0xzz".into();
	let (s, v) = details(&app, &code_text, &h).await;
	assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_parameter");
	assert_eq!(v["error"]["parameter"], "x-dengji-consent");
	let mut h = signed(&code, &t, now_ms(), &bank());
	h[1].1 = "yesterday".into();
	let (s, v) = details(&app, &code_text, &h).await;
	assert_eq!(v["error"]["parameter"], "x-dengji-timestamp", "{v}");
	assert_eq!(s, StatusCode::BAD_REQUEST);
	let mut h = signed(&code, &t, now_ms(), &bank());
	h[2].1 = "0x00".into();
	let (s, v) = details(&app, &code_text, &h).await;
	assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
	assert_eq!(v["error"]["parameter"], "x-dengji-signature", "{v}");
	// A bad code: 400 naming it, before any consent is looked at.
	let (s, v) = details(&app, "530400-2026-0000001-0", &[]).await;
	assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_parameter");
	assert_eq!(v["error"]["parameter"], "code");
	// Nothing refused was logged.
	assert_eq!(db.consented_queries(&code_text).await.unwrap().len(), 1);
}

#[tokio::test]
async fn consented_details_and_query_log_on_sqlite_q24() {
	let dir = tempfile::tempdir().unwrap();
	let db = seeded(&sqlite_url(dir.path())).await.expect("seed");
	access_suite(&db).await;
	db.close().await;
}

#[tokio::test]
async fn consented_details_and_query_log_on_postgres_q24() {
	let Some(pg) = PgCluster::start().expect("PostgreSQL cluster") else { return };
	let url = pg.database("access").await.expect("database");
	let db = seeded(&url).await.expect("seed");
	access_suite(&db).await;
	db.close().await;
}

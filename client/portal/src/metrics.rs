//! Registration-health metrics in the Prometheus text format, for the institution's own
//! monitoring (`dengji-portal --metrics-listen 127.0.0.1:9616`; `deploy/prometheus.yml` scrapes
//! it, `deploy/dengji-alerts.yml` and `deploy/grafana-dashboard.json` use the series):
//!
//! - `dengji_portal_indexed_block`, `dengji_portal_finalized_block`: the index's progress;
//! - `dengji_applications_open{state}`: open applications by state;
//! - `dengji_institution_deadlines_overdue{institution}`: open applications and objections whose
//!   running clock binds the institution (acceptance, review, cancellation, forwarding: YX-R §16,
//!   §21, §22 ¶2) and whose last day has passed (a miss is reported, YX-R §26(四));
//! - `dengji_certificates_expiring_60d`: valid certificates in their renewal window, the 60
//!   calendar days before expiry (YX-R §23 ¶2).
//!
//! These counts are monitoring, not publication: they are served on their own listener, never
//! on the public API, and the listener belongs on 127.0.0.1 (YX-R §24: no statistics derived
//! from registration information are published without the data authority's consent).

use crate::{
	api::{self, AppState},
	db::Db,
	index::Progress,
	schema,
};
use axum::{extract::State, http::header, response::IntoResponse, routing::get, Router};
use sqlx::Row;
use std::{collections::BTreeMap, fmt::Write as _, sync::atomic::Ordering};

/// Calendar days of the renewal window before expiry (YX-R §23 ¶2 "在期满前60日内"; the
/// runtime's `Certificate::RenewalWindowDays`).
pub const RENEWAL_WINDOW_DAYS: u32 = 60;

/// The metrics router: `GET /metrics`.
pub fn router(state: AppState) -> Router {
	Router::new().route("/metrics", get(metrics)).with_state(state)
}

async fn metrics(State(s): State<AppState>) -> impl IntoResponse {
	match render(&s.db, &s.progress).await {
		Ok(text) => ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], text)
			.into_response(),
		Err(e) => {
			log::error!("metrics: {e}");
			(axum::http::StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
		}
	}
}

fn quoted(list: &[&str]) -> String {
	list.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ")
}

/// `"…"` label value with `\`, `"` and newlines escaped.
fn label(v: &str) -> String {
	v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

fn family(out: &mut String, name: &str, help: &str) {
	let _ = writeln!(out, "# HELP {name} {help}");
	let _ = writeln!(out, "# TYPE {name} gauge");
}

/// The metrics text (Prometheus exposition format 0.0.4).
pub async fn render(db: &Db, progress: &Progress) -> Result<String, crate::db::DbError> {
	let t = api::today(db).await.map_err(|_| {
		crate::db::DbError::Sql(sqlx::Error::Protocol("reading the index's day".into()))
	})?;
	let pool = db.read_pool();
	let mut out = String::new();
	family(&mut out, "dengji_portal_indexed_block", "Last block indexed (finalized; -1: none).");
	let _ = writeln!(out, "dengji_portal_indexed_block {}", t.block);
	family(
		&mut out,
		"dengji_portal_finalized_block",
		"Finalized head the node reported (-1: none).",
	);
	let _ = writeln!(
		out,
		"dengji_portal_finalized_block {}",
		progress.finalized.load(Ordering::SeqCst)
	);

	let terminal = quoted(schema::TERMINAL_STATES);
	let mut open: BTreeMap<String, i64> = schema::APPLICATION_STATES
		.iter()
		.filter(|s| !schema::TERMINAL_STATES.contains(s))
		.map(|s| (s.to_string(), 0))
		.collect();
	for r in sqlx::query(&format!(
		"SELECT state, COUNT(*) FROM applications WHERE state NOT IN ({terminal}) GROUP BY state"
	))
	.fetch_all(pool)
	.await?
	{
		let state: Option<String> = r.try_get(0)?;
		open.insert(state.unwrap_or_default(), r.try_get::<i64, _>(1)?);
	}
	family(&mut out, "dengji_applications_open", "Open applications by state.");
	for (state, n) in &open {
		let _ = writeln!(out, "dengji_applications_open{{state=\"{}\"}} {n}", label(state));
	}

	// Clocks that bind the institution (YX-R §16, §21, §22 ¶2), past their last day.
	let kinds = quoted(&["Acceptance", "Review", "Cancellation", "Forward"]);
	let today = i64::from(t.day);
	let mut overdue: BTreeMap<i64, i64> = BTreeMap::new();
	for r in sqlx::query("SELECT division FROM institutions").fetch_all(pool).await? {
		overdue.insert(r.try_get(0)?, 0);
	}
	let terminal_objections = quoted(schema::TERMINAL_OBJECTION_STATES);
	for sql in [
		format!(
			"SELECT institution, COUNT(*) FROM applications WHERE state NOT IN ({terminal}) \
			 AND timer_kind IN ({kinds}) AND timer_due < $1 GROUP BY institution"
		),
		format!(
			"SELECT a.institution, COUNT(*) FROM objections o JOIN applications a \
			 ON a.id = o.application WHERE o.state NOT IN ({terminal_objections}) \
			 AND o.timer_kind IN ({kinds}) AND o.timer_due < $1 GROUP BY a.institution"
		),
	] {
		for r in sqlx::query(&sql).bind(today).fetch_all(pool).await? {
			let inst: Option<i64> = r.try_get(0)?;
			*overdue.entry(inst.unwrap_or(0)).or_default() += r.try_get::<i64, _>(1)?;
		}
	}
	family(
		&mut out,
		"dengji_institution_deadlines_overdue",
		"Open applications and objections past a deadline that binds the institution.",
	);
	for (inst, n) in &overdue {
		let _ = writeln!(out, "dengji_institution_deadlines_overdue{{institution=\"{inst}\"}} {n}");
	}

	// YX-R §23 ¶2: valid certificates whose last day is at most 60 days away.
	let now = i64::try_from(t.now).unwrap_or(i64::MAX);
	let end = t.clock.day_end_ms(t.day.saturating_add(RENEWAL_WINDOW_DAYS));
	let expiring: i64 = sqlx::query(
		"SELECT COUNT(*) FROM certificates WHERE status = 'Valid' \
		 AND valid_until >= $1 AND valid_until <= $2",
	)
	.bind(now)
	.bind(i64::try_from(end).unwrap_or(i64::MAX))
	.fetch_one(pool)
	.await?
	.try_get(0)?;
	family(
		&mut out,
		"dengji_certificates_expiring_60d",
		"Valid certificates in the 60-day renewal window before expiry (YX-R §23 ¶2).",
	);
	let _ = writeln!(out, "dengji_certificates_expiring_60d {expiring}");
	Ok(out)
}

//! The pages' HTML (maud: every interpolated value is escaped).

use super::{i18n::Lang, Ctx};
use crate::api::date_text;
use dengji_primitives::calendar::{ChainClock, DayIndex};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde_json::Value;
use std::collections::BTreeMap;

fn text(v: &Value) -> String {
	match v {
		Value::Null => String::new(),
		Value::String(s) => s.clone(),
		other => other.to_string(),
	}
}

/// A day index (integer) or a date (text) as `YYYY-MM-DD`.
fn day(v: &Value) -> String {
	match v {
		Value::Number(n) => {
			n.as_u64().and_then(|d| DayIndex::try_from(d).ok()).map(date_text).unwrap_or_default()
		}
		other => text(other),
	}
}

/// A time in ms as the date and time in Beijing time (UTC+8): the instant itself, whatever the
/// chain's day clock (dev chains run short days).
fn ms_time(v: &Value) -> String {
	let Some(ms) = v.as_u64() else { return String::new() };
	let day = ChainClock::SHANGHAI.day_at(ms);
	let minutes = (ms / 60_000 + 8 * 60) % (24 * 60);
	format!("{} {:02}:{:02}", date_text(day), minutes / 60, minutes % 60)
}

fn layout(
	ctx: &Ctx,
	title: &str,
	block: Option<i64>,
	script: Option<&str>,
	body: Markup,
) -> Markup {
	let m = ctx.lang.m();
	html! {
		(DOCTYPE)
		html lang=(ctx.lang.tag()) {
			head {
				meta charset="utf-8";
				meta name="viewport" content="width=device-width, initial-scale=1";
				title { (title) " — " (m.site) }
				link rel="stylesheet" href="/assets/style.css";
				@if let Some(s) = script {
					script type="module" src=(s) {}
				}
			}
			body {
				a.skip href="#main" { (m.skip) }
				header.site {
					a.brand href=(ctx.href("/", &[])) { (m.site) }
					nav aria-label=(m.site) {
						ul {
							li { a href=(ctx.href("/", &[])) { (m.nav_home) } }
							li { a href=(ctx.href("/publicity", &[])) { (m.nav_publicity) } }
							li { a href=(ctx.href("/verify", &[])) { (m.nav_verify) } }
							li {
								a href=(ctx.other_lang_href())
									hreflang=(if ctx.lang == Lang::Zh { "en" } else { "zh-CN" })
									lang=(if ctx.lang == Lang::Zh { "en" } else { "zh-CN" }) { (m.other_lang) }
							}
						}
					}
				}
				main #main { (body) }
				footer.site {
					p { (m.site_note) }
					@if let Some(b) = block { p { (m.as_of) " #" (b) } }
				}
			}
		}
	}
}

/// An error page.
pub(super) fn error(ctx: &Ctx, title: &str, message: &str) -> Markup {
	let m = ctx.lang.m();
	layout(
		ctx,
		title,
		None,
		None,
		html! {
			h1 { (title) }
			p.error { (message) }
			p { a href=(ctx.href("/", &[])) { (m.back_home) } }
		},
	)
}

fn search_form(ctx: &Ctx, q: Option<&str>) -> Markup {
	let m = ctx.lang.m();
	html! {
		form.search role="search" method="get" action="/" {
			@if ctx.explicit { input type="hidden" name="lang" value=(ctx.lang.param()); }
			label for="q" { (m.search_label) }
			div.row {
				input #q type="search" name="q" value=[q] maxlength="64" autocomplete="off"
					aria-describedby="q-hint";
				button type="submit" { (m.search_button) }
			}
			p #q-hint .hint { (m.search_hint) }
		}
	}
}

fn applications_table(ctx: &Ctx, list: &[Value], names: &BTreeMap<String, String>) -> Markup {
	let m = ctx.lang.m();
	html! {
		div.scroll {
			table {
				thead { tr {
					th scope="col" { (m.col_application) }
					th scope="col" { (m.col_data_name) }
					th scope="col" { (m.col_subject) }
					th scope="col" { (m.col_kind) }
					th scope="col" { (m.col_state) }
					th scope="col" { (m.col_submitted) }
					th scope="col" { (m.col_registration) " / " (m.col_certificate) }
				} }
				tbody {
					@for a in list {
						@let subject = text(&a["subject"]);
						tr {
							td { (text(&a["id"])) }
							td.name { (text(&a["data_name"])) }
							td { (names.get(&subject).cloned().unwrap_or(subject.clone())) }
							td { (m.kind(&text(&a["kind"]))) }
							td { (ctx.lang.state(&text(&a["state"]))) }
							td { (day(&a["submitted_on"])) }
							td {
								@if let Some(r) = a["registration"].as_i64() {
									a href=(ctx.href(&format!("/registrations/{r}"), &[])) { (r) }
								}
								@if let Some(c) = a["certificate"].as_str() {
									" " a href=(ctx.href(&format!("/certificates/{c}"), &[])) { code { (c) } }
								}
							}
						}
					}
				}
			}
		}
	}
}

/// `/`.
pub(super) fn home(
	ctx: &Ctx,
	q: Option<&str>,
	page: i64,
	results: Option<&Result<Value, String>>,
	recent: &Value,
	names: &BTreeMap<String, String>,
	block: Option<i64>,
) -> Markup {
	let m = ctx.lang.m();
	layout(
		ctx,
		m.home_title,
		block,
		None,
		html! {
			h1 { (m.home_title) }
			(search_form(ctx, q))
			@if let Some(r) = results {
				section aria-labelledby="results-h" {
					h2 #results-h { (m.results) }
					@match r {
						Err(msg) => p.error role="alert" { (msg) },
						Ok(v) => {
							@let list = super::items(v);
							@if list.is_empty() { p { (m.no_results) } }
							@else { (applications_table(ctx, list, names)) }
							@if v["next_page"].is_number() {
								p { a rel="next" href=(ctx.href("/", &[("q", q.unwrap_or("")), ("page", &(page + 1).to_string())])) { (m.next_page) } }
							}
						}
					}
				}
			}
			section aria-labelledby="new-h" {
				h2 #new-h { (m.whats_new) }
				@let list = super::items(recent);
				@if list.is_empty() { p { (m.nothing_yet) } }
				@else { (applications_table(ctx, list, names)) }
			}
		},
	)
}

/// `/publicity`: YX-R §22.
pub(super) fn publicity(
	ctx: &Ctx,
	board: &Value,
	institutions: &BTreeMap<i64, String>,
	block: Option<i64>,
) -> Markup {
	let m = ctx.lang.m();
	let list = super::items(board);
	layout(
		ctx,
		m.publicity_title,
		block,
		None,
		html! {
			h1 { (m.publicity_title) }
			p.intro { (m.publicity_intro) }
			@if list.is_empty() { p #no-notices { (m.publicity_empty) } }
			ol.notices {
				@for n in list {
					@let app = text(&n["application"]);
					@let inst = n["institution"].as_i64();
					@let inst_name = inst.and_then(|d| institutions.get(&d).cloned()).unwrap_or_default();
					li.notice #{"notice-" (app)} data-application=(app) {
						article aria-labelledby={"n-" (app)} {
							h2 #{"n-" (app)} .name { (text(&n["data_name"])) }
							dl.fields {
								dt { (m.col_subject) } dd.subject { (text(&n["subject_name"])) }
								dt { (m.col_kind) } dd { (m.kind(&text(&n["kind"]))) }
								dt { (m.col_data_name) } dd.name { (text(&n["data_name"])) }
								dt { (m.col_summary) } dd.summary { (text(&n["summary"])) }
								dt { (m.window) }
								dd {
									(m.first_day) " " time { (day(&n["opened_on"])) }
									" — " (m.last_day) " " time { (day(&n["closes_on"])) }
									@if n["provisional"].as_bool() == Some(true) { " " (m.provisional) }
								}
								dt { (m.days_left) }
								dd.days-left { (text(&n["publicity"]["working_days_left"])) }
								dt { (m.col_application) } dd { (app) }
							}
							details.object open {
								summary { (m.object_title) }
								p { (m.object_who) }
								dl {
									dt { (m.object_where) }
									dd { (inst_name) @if let Some(d) = inst { " (" (d) ")" } }
									dt { (m.object_deadline) }
									dd { time { (day(&n["closes_on"])) } " " (m.object_deadline_text) }
									dt { (m.object_evidence) }
									dd { (m.object_evidence_text) }
								}
								p { (m.object_cli) " " code { "dengji object " (app) " --content @… --evidence @…" } }
							}
						}
					}
				}
			}
			@if board["next_page"].is_number() {
				@let next = text(&board["next_page"]);
				p { a rel="next" href=(ctx.href("/publicity", &[("page", &next)])) { (m.next_page) } }
			}
		},
	)
}

/// `/registrations/{number}`.
pub(super) fn registration(
	ctx: &Ctx,
	reg: &Value,
	objections: &[Value],
	institutions: &BTreeMap<i64, String>,
	block: Option<i64>,
) -> Markup {
	let m = ctx.lang.m();
	let r = &reg["registration"];
	let id = text(&r["id"]);
	let title = format!("{} {id}", m.registration_title);
	let certs = reg["certificates"].as_array().map_or(&[][..], Vec::as_slice);
	// Successor links: the certificate whose `previous` is this one.
	let successor = |code: &str| -> Option<String> {
		certs.iter().find(|c| c["previous"].as_str() == Some(code)).map(|c| text(&c["code"]))
	};
	let inst = r["institution"].as_i64();
	layout(
		ctx,
		&title,
		block,
		None,
		html! {
			h1 { (title) }
			dl.fields {
				dt { (m.col_data_name) } dd.name { (text(&r["data_name"])) }
				dt { (m.subject) } dd { (text(&reg["subject"]["name"])) " (" (m.uscc) " " (text(&r["subject"])) ")" }
				dt { (m.object_kind) } dd { (ctx.lang.state(&text(&r["object"]))) }
				dt { (m.col_institution) }
				dd { (inst.and_then(|d| institutions.get(&d).cloned()).unwrap_or_default()) @if let Some(d) = inst { " (" (d) ")" } }
				dt { (m.registration_status) } dd { (ctx.lang.state(&text(&r["status"]))) }
				dt { (m.col_certificate) }
				dd { @if let Some(c) = r["certificate"].as_str() { a href=(ctx.href(&format!("/certificates/{c}"), &[])) { code { (c) } } } }
			}
			h2 { (m.applications) }
			div.scroll { table {
				thead { tr {
					th scope="col" { (m.col_application) }
					th scope="col" { (m.col_kind) }
					th scope="col" { (m.col_submitted) }
					th scope="col" { (m.col_publicity) }
					th scope="col" { (m.col_objections) }
					th scope="col" { (m.col_state) }
					th scope="col" { (m.col_decision) }
				} }
				tbody {
					@for a in reg["applications"].as_array().map_or(&[][..], Vec::as_slice) {
						tr {
							td { (text(&a["id"])) }
							td { (m.kind(&text(&a["kind"]))) }
							td { (day(&a["submitted_on"])) }
							td { (day(&a["publicity_opened_on"])) @if !a["publicity_closes_on"].is_null() { " — " (day(&a["publicity_closes_on"])) } }
							td { (text(&a["objections"])) }
							td { (ctx.lang.state(&text(&a["state"]))) }
							td.digest { (text(&a["decision"])) (text(&a["refusal"])) }
						}
					}
				}
			} }
			h2 { (m.objections) }
			@if objections.is_empty() { p { (m.no_objections) } }
			@else {
				div.scroll { table {
					thead { tr {
						th scope="col" { (m.col_objection) }
						th scope="col" { (m.col_application) }
						th scope="col" { (m.col_lodged) }
						th scope="col" { (m.col_state) }
						th scope="col" { (m.col_outcome) }
					} }
					tbody { @for o in objections { tr {
						td { (text(&o["id"])) }
						td { (text(&o["application"])) }
						td { (day(&o["lodged_on"])) }
						td { (ctx.lang.state(&text(&o["state"]))) }
						td.digest { (text(&o["decision"])) }
					} } }
				} }
			}
			h2 { (m.certificates) }
			div.scroll { table {
				thead { tr {
					th scope="col" { (m.col_certificate) }
					th scope="col" { (m.col_issued) }
					th scope="col" { (m.col_valid_until) }
					th scope="col" { (m.col_status) }
					th scope="col" { (m.col_previous) }
					th scope="col" { (m.col_successor) }
					th scope="col" { (m.col_events) }
				} }
				tbody { @for c in certs {
					@let code = text(&c["code"]);
					tr {
						td { a href=(ctx.href(&format!("/certificates/{code}"), &[])) { code { (code) } } }
						td { (day(&c["issued_on"])) }
						td { (ms_time(&c["valid_until"])) }
						td { (ctx.lang.state(&text(&c["status"]))) }
						td { @if let Some(p) = c["previous"].as_str() { a href=(ctx.href(&format!("/certificates/{p}"), &[])) { code { (p) } } } }
						td { @if let Some(s) = successor(&code) { a.successor href=(ctx.href(&format!("/certificates/{s}"), &[])) { code { (s) } } } }
						td { ul.events { @for e in c["history"].as_array().map_or(&[][..], Vec::as_slice) {
							li { "#" (text(&e["block_number"])) " " (text(&e["event"])) @if !e["detail"].is_null() { " " (text(&e["detail"])) } }
						} } }
					}
				} }
			} }
		},
	)
}

fn verdict_words(ctx: &Ctx) -> Markup {
	let m = ctx.lang.m();
	html! {
		ul #verdict-words hidden {
			@for (k, w) in m.verdicts() { li data-k=(k) { (w) } }
			li data-k="block" { (m.verdict_block) }
			li data-k="successor" { (m.verdict_successor) }
			li data-k="ms" { (m.verdict_ms) }
			li data-k="pending" { (m.verdict_pending) }
			li data-k="trust_pinned" { (m.trust_pinned) }
			li data-k="trust_portal" { (m.trust_portal) }
		}
	}
}

/// `/certificates/{code}`.
pub(super) fn certificate(
	ctx: &Ctx,
	qr_svg: impl Fn(&str) -> Option<String>,
	cert: &Value,
	successor: Option<&str>,
	url: Option<&str>,
	block: Option<i64>,
) -> Markup {
	let m = ctx.lang.m();
	let c = &cert["certificate"];
	let code = text(&c["code"]);
	let issuer = &cert["issuer"];
	let svg = url.and_then(qr_svg);
	layout(
		ctx,
		&format!("{} {code}", m.certificate_title),
		block,
		Some("/assets/certificate.js"),
		html! {
			article.certificate #certificate {
				h1 { (m.certificate_title) }
				dl.fields {
					dt { (m.code) } dd #code { code { (code) } }
					dt { (m.col_registration) }
					dd { @if let Some(r) = c["registration"].as_i64() { a href=(ctx.href(&format!("/registrations/{r}"), &[])) { (r) } } }
					dt { (m.subject) } dd.subject { (text(&c["subject_name"])) }
					dt { (m.uscc) } dd { (text(&c["subject"])) }
					dt { (m.co_subjects) } dd { (m.none) }
					dt { (m.col_data_name) } dd.name { (text(&c["data_name"])) }
					dt { (m.object_kind) } dd { (ctx.lang.state(&text(&c["object"]))) }
					dt { (m.issuer) } dd { (text(&issuer["name"])) " (" (text(&c["issuer"])) ")" }
					dt { (m.issued_on) } dd { (day(&c["issued_on"])) }
					dt { (m.col_valid_until) } dd { (ms_time(&c["valid_until"])) " " (m.beijing_time) }
					dt { (m.status) }
					dd #status {
						(ctx.lang.state(&text(&cert["status"])))
						@if let Some(s) = successor {
							" → " a.successor href=(ctx.href(&format!("/certificates/{s}"), &[])) { code { (s) } }
						}
					}
				}
				@if let (Some(svg), Some(url)) = (svg, url) {
					figure.qr {
						div.qr-code role="img" aria-label=(m.qr_caption) { (PreEscaped(svg)) }
						figcaption { (m.qr_caption) br; a #qr-url href=(url) { (url) } }
					}
				}
			}
			section.verification aria-labelledby="verdict-h" {
				h2 #verdict-h { (m.verdict_title) }
				div #verdict .verdict role="status" aria-live="polite" data-verdict="none"
					data-code=(code) data-bundle=(format!("/api/certificates/{code}/bundle?format=json")) {
					p.word { (m.verdict_nojs) }
				}
				p #trust-used data-trust="none" {}
				(verdict_words(ctx))
				form.pin #pin {
					label for="pin-file" { (m.pin_label) }
					input #pin-file type="file" name="trust" accept=".json,application/json";
					button #pin-clear type="button" { (m.pin_clear) }
				}
				p { a href=(format!("/api/certificates/{code}/bundle")) download=(format!("{code}.bundle")) { (m.download_bundle) } }
				p.print-hint { (m.print) ": Ctrl+P" }
			}
		},
	)
}

/// `/verify`.
pub(super) fn verify(ctx: &Ctx, block: Option<i64>) -> Markup {
	let m = ctx.lang.m();
	layout(
		ctx,
		m.verify_title,
		block,
		Some("/assets/verify.js"),
		html! {
			h1 { (m.verify_title) }
			p { (m.verify_intro) }
			form #verify-form .verify {
				div.drop #drop {
					p { label for="bundle-file" { (m.bundle_file) } }
					input #bundle-file type="file" name="bundle" required;
					p { label for="trust-file" { (m.trust_file) } }
					input #trust-file type="file" name="trust" accept=".json,application/json" required;
					p.hint { (m.drop_here) }
				}
				button #verify-button type="submit" { (m.verify_button) }
			}
			div #verdict .verdict role="status" aria-live="polite" data-verdict="none" {
				p.word { (m.verdict_nojs) }
			}
			(verdict_words(ctx))
		},
	)
}

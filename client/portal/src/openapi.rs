//! The OpenAPI 3.1 document served at `GET /api/openapi.json`. Written here next to the
//! parameter lists the handlers validate; a test checks that its paths are exactly the router's
//! routes and that every documented parameter is accepted.

use serde_json::{json, Value};

fn query(name: &str, description: &str, schema: Value) -> Value {
	json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn path(name: &str, description: &str, pattern: &str) -> Value {
	json!({"name": name, "in": "path", "required": true, "description": description,
		"schema": {"type": "string", "pattern": pattern}})
}

fn header(name: &str, description: &str) -> Value {
	json!({"name": name, "in": "header", "required": true, "description": description, "schema": {"type": "string"}})
}

fn page_params(max: i64) -> Vec<Value> {
	vec![
		query(
			"page",
			"Page number, from 1.",
			json!({"type": "integer", "minimum": 1, "maximum": crate::api::MAX_PAGE}),
		),
		query(
			"per_page",
			"Items per page.",
			json!({"type": "integer", "minimum": 1, "maximum": max}),
		),
	]
}

fn responses(ok: &str, content: Value, errors: &[&str]) -> Value {
	let mut r = serde_json::Map::new();
	r.insert("200".into(), json!({"description": ok, "content": content}));
	for e in errors {
		let d = match *e {
			"400" => "A parameter is malformed (the error names it).",
			"401" => "Credentials missing or not verifying (the error names the header).",
			"403" => {
				"Not allowed: the credentials do not grant this, or the endpoint is not enabled."
			}
			"404" => "Unknown item.",
			"422" => "The bundle does not verify against the trust root.",
			"503" => "The node cannot be reached.",
			_ => "Error.",
		};
		r.insert((*e).into(), json!({"description": d, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}));
	}
	Value::Object(r)
}

fn json_body() -> Value {
	json!({"application/json": {"schema": {"type": "object"}}})
}

/// Query parameters of each GET endpoint (name list used by the tests).
pub fn query_params(route: &str) -> Vec<&'static str> {
	match route {
		"/api/publicity" => vec!["page", "per_page", "institution"],
		"/api/search" => vec![
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
		"/api/certificates/{code}/bundle" => vec!["format"],
		"/api/institutions/{division}/queue" => vec!["page", "per_page"],
		"/api/catalogue" => vec!["format", "page", "per_page"],
		_ => vec![],
	}
}

/// The document.
pub fn document() -> Value {
	let code = path(
		"code",
		"Certificate code (一证一码), e.g. 530400-2026-0000001-X.",
		r"^\d{6}-\d{4}-\d{7}-[0-9X]$",
	);
	let division = json!({"type": "string", "pattern": r"^\d{6}$"});
	let date = json!({"type": "string", "format": "date"});
	json!({
		"openapi": "3.1.0",
		"info": {
			"title": "Dengji registration platform API",
			"version": env!("CARGO_PKG_VERSION"),
			"description": "Index of the finalized Dengji chain: publicity notices (YX-R §22), registration and certificate queries (YX-R §23, §9(三)), the catalogue (YX-R §7(一)). No statistics are published (YX-R §24). Verdicts come from proof bundles fetched fresh from the node and checked by dengji-verify; the index is never the source of truth for a verdict."
		},
		"paths": {
			"/api/health": {"get": {
				"summary": "Indexed and finalized block numbers.",
				"responses": responses("Status.", json_body(), &[]),
			}},
			"/api/publicity": {"get": {
				"summary": "Notices now in publicity (YX-R §22 ¶1: subject name, registration type, data name, summary), with working days left under the chain's calendar.",
				"parameters": ([page_params(crate::api::MAX_PER_PAGE), vec![
					query("institution", "Division code of the institution.", division.clone()),
				]].concat()),
				"responses": responses("A page of notices.", json_body(), &["400"]),
			}},
			"/api/search": {"get": {
				"summary": "Search applications and registrations: full text on data names and summaries (Chinese: trigram), with filters. Newest first (the chain numbers applications in submission order).",
				"parameters": ([vec![
					query("q", "Text searched in data names and summaries (1–64 characters).", json!({"type": "string", "minLength": 1, "maxLength": crate::api::MAX_QUERY_CHARS})),
					query("status", "Application state.", json!({"type": "string", "enum": crate::schema::APPLICATION_STATES})),
					query("act", "Application type.", json!({"type": "string", "enum": crate::schema::APPLICATION_KINDS})),
					query("object", "Object kind.", json!({"type": "string", "enum": crate::schema::OBJECT_KINDS})),
					query("division", "Institutions within this division (province, city or county).", division.clone()),
					query("institution", "Division code of the institution.", division.clone()),
					query("subject", "USCC of the subject (GB 32100).", json!({"type": "string", "pattern": "^[0-9A-HJ-NPQRTUWXY]{18}$"})),
					query("from", "Submitted on or after (YYYY-MM-DD, chain calendar).", date.clone()),
					query("to", "Submitted on or before (YYYY-MM-DD).", date),
				], page_params(crate::api::MAX_PER_PAGE)].concat()),
				"responses": responses("A page of applications.", json_body(), &["400"]),
			}},
			"/api/registrations/{number}": {"get": {
				"summary": "A registration with its history: applications, decisions, certificates.",
				"parameters": [path("number", "Registration number (登记证号).", r"^\d{1,18}$")],
				"responses": responses("The registration.", json_body(), &["400", "404"]),
			}},
			"/api/certificates/{code}": {"get": {
				"summary": "A certificate: record, status and its history, issuer.",
				"parameters": [code.clone()],
				"responses": responses("The certificate.", json_body(), &["400", "404"]),
			}},
			"/api/certificates/{code}/bundle": {"get": {
				"summary": "A fresh proof bundle from the node (SCALE bytes, or JSON with ?format=json); verify it yourself.",
				"parameters": [code, query("format", "binary (default) or json.", json!({"type": "string", "enum": ["binary", "json"]}))],
				"responses": responses("The bundle.", json!({"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}, "application/json": {"schema": {"type": "object"}}}), &["400", "404", "503"]),
			}},
			"/api/verify": {"post": {
				"summary": "Verify a bundle against a trust root (for clients without dengji-verify).",
				"requestBody": {"required": true, "content": {"application/json": {"schema": {
					"type": "object",
					"required": ["bundle", "trust_root"],
					"properties": {
						"bundle": {"description": "Bundle object (as ?format=json returns) or hex of its SCALE bytes."},
						"trust_root": {"type": "object"},
						"code": {"type": "string", "description": "The code you asked about: the bundle must prove it."},
						"now_ms": {"type": "integer", "minimum": 0},
						"max_age_ms": {"type": "integer", "minimum": 0}
					},
					"additionalProperties": false
				}}}},
				"responses": responses("The verdict.", json_body(), &["400", "422"]),
			}},
			"/api/institutions/{division}/queue": {"get": {
				"summary": "An institution's open applications and objections ordered by deadline, overdue ones marked.",
				"parameters": ([vec![path("division", "Division code of the institution.", r"^\d{6}$")], page_params(crate::api::MAX_PER_PAGE)].concat()),
				"responses": responses("The work list.", json_body(), &["400", "404"]),
			}},
			"/api/certificates/{code}/details": {"get": {
				"summary": "A certificate's details (registration with its basic information, subject) for the verifier the holder consented to (requirements Q24): the holder's consent token (`dengji consent issue`) naming the verifier's ed25519 key, and the verifier's signature of the request. Each query is logged (time, code, verifier key, token digest).",
				"parameters": [
					code.clone(),
					header("X-Dengji-Consent", "0x hex of the consent token's binary form (DJCT, version 1)."),
					header("X-Dengji-Timestamp", "Request time, ms since the epoch (within 5 minutes of the portal's clock)."),
					header("X-Dengji-Signature", "0x hex of the verifier's ed25519 signature of b\"dengji/details-request/v1\" ++ SCALE(code, timestamp_ms: u64, BLAKE2-256 of the token's binary form)."),
				],
				"responses": responses("The details and the consent they were served under.", json_body(), &["400", "401", "403", "404", "503"]),
			}},
			"/api/catalogue": {"get": {
				"summary": "The catalogue built from registrations in force (YX-R §7(一)), JSON or CSV: for the data authority only (requirements Q40, Q26), with `Authorization: Bearer <token>` as configured by the operator (`--authority-token-file`); 403 when not configured.",
				"security": [{"authorityToken": []}],
				"parameters": ([vec![query("format", "json (default) or csv.", json!({"type": "string", "enum": ["json", "csv"]}))], page_params(crate::api::MAX_CATALOGUE_PER_PAGE)].concat()),
				"responses": responses("A page of the catalogue.", json!({"application/json": {"schema": {"type": "object"}}, "text/csv": {"schema": {"type": "string"}}}), &["400", "401", "403"]),
			}},
			"/api/openapi.json": {"get": {
				"summary": "This document.",
				"responses": responses("OpenAPI 3.1.", json_body(), &[]),
			}},
		},
		"components": {
		"securitySchemes": {"authorityToken": {"type": "http", "scheme": "bearer", "description": "The data authority's token (`dengji-portal --authority-token-file`)."}},
		"schemas": {"Error": {
			"type": "object",
			"required": ["error"],
			"properties": {"error": {"type": "object", "required": ["kind", "message"], "properties": {
				"kind": {"type": "string", "enum": ["bad_parameter", "not_found", "verification_failed", "node_unavailable", "internal", "consent_required", "stale_request", "bad_request_signature", "consent_expired", "consent_mismatch", "bad_consent_signature", "consent_invalid", "not_holder_consent", "replayed_request", "authority_only", "authority_token_required", "authority_token_invalid"]},
				"message": {"type": "string"},
				"parameter": {"type": ["string", "null"]}
			}}}
		}}}
	})
}

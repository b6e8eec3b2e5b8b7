//! YX-R §24: "除法律法规规定或者数据主管部门同意外,登记机构不得将由登记信息统计、分析形成的有关信息
//! 进行披露或者对外提供" — without a legal basis or the data authority's consent, nothing derived
//! from registration information by statistics or analysis is disclosed. The portal's public API
//! (described by its OpenAPI document, whose paths `tests/api.rs` checks are exactly the router's
//! routes) serves records one by one and no totals; a statistics or aggregate endpoint added to
//! it without that consent fails here. The operator's Prometheus metrics
//! (`--metrics-listen`, `src/metrics.rs`) are not on this API.

use serde_json::Value;

/// Every path the public API may serve: records, one item or one page at a time.
const ALLOWED_PATHS: [&str; 11] = [
	"/api/health",
	"/api/publicity",
	"/api/search",
	"/api/registrations/{number}",
	"/api/certificates/{code}",
	"/api/certificates/{code}/bundle",
	// One certificate's details, for the verifier the holder consented to (requirements Q24).
	"/api/certificates/{code}/details",
	"/api/verify",
	"/api/institutions/{division}/queue",
	"/api/catalogue",
	"/api/openapi.json",
];

/// Words of a statistics or aggregate endpoint, in a path or its summary (English and Chinese).
const STATISTICS_WORDS: [&str; 15] = [
	"statistic",
	"stats",
	"aggregate",
	"count",
	"total",
	"analytic",
	"dashboard",
	"metric",
	"summary/",
	"report",
	"统计",
	"分析",
	"汇总",
	"总数",
	"指标",
];

fn paths() -> serde_json::Map<String, Value> {
	dengji_portal::openapi::document()["paths"]
		.as_object()
		.cloned()
		.expect("the OpenAPI document has paths")
}

/// YX-R §24: the portal's OpenAPI document lists only the allowed record endpoints; none is a
/// statistics or aggregate path, and no summary offers counts, totals or analyses.
#[test]
fn openapi_has_no_statistics_or_aggregate_path_yx_r_24() {
	let paths = paths();
	for (path, ops) in &paths {
		assert!(
			ALLOWED_PATHS.contains(&path.as_str()),
			"YX-R §24: `{path}` is not an allowed record endpoint; statistics derived from \
			 registration information need the data authority's consent (add it only with an \
			 explicit operator option and update docs/legal-coverage.md)"
		);
		let lower = path.to_lowercase();
		for word in STATISTICS_WORDS {
			assert!(
				!lower.contains(word),
				"YX-R §24: path `{path}` looks like statistics ({word})"
			);
		}
		for (method, op) in ops.as_object().expect("operations") {
			let summary = op["summary"].as_str().unwrap_or_default().to_lowercase();
			for word in STATISTICS_WORDS.iter().filter(|w| !w.ends_with('/')) {
				assert!(
					!summary.contains(word),
					"YX-R §24: {method} {path} offers statistics ({word}): {summary}"
				);
			}
		}
	}
	// The allow-list is exact: a renamed or removed endpoint shows up here too.
	let mut listed: Vec<&str> = paths.keys().map(String::as_str).collect();
	listed.sort_unstable();
	let mut allowed = ALLOWED_PATHS.to_vec();
	allowed.sort_unstable();
	assert_eq!(listed, allowed);
}

/// YX-R §24: the check itself catches a statistics path (a document with one added fails).
#[test]
fn statistics_path_is_caught_by_the_allow_list_yx_r_24() {
	for bad in ["/api/statistics", "/api/registrations/count", "/api/stats/by-institution"] {
		assert!(!ALLOWED_PATHS.contains(&bad));
		assert!(STATISTICS_WORDS.iter().any(|w| bad.contains(w)), "{bad}");
	}
}

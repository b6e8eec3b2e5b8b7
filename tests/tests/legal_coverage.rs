//! `docs/legal-coverage.md` is the legal review in one table: every article-numbered rule and every
//! settled question Q1–Q42 with its status, code place and tests. This test keeps the table honest
//! (no node needed): every row has a valid status, an `enforced` row names at least one test, every
//! named test exists as a function in the repository, Q1–Q42 each appear exactly once, and the
//! counts stated in the document match the table.

use std::{
	collections::{BTreeMap, BTreeSet},
	fs,
	path::{Path, PathBuf},
};

const STATUSES: [&str; 4] = ["enforced", "partly", "not modelled", "not applicable"];

fn repo_root() -> PathBuf {
	// Read at run time: a shared target dir may hold a test binary compiled in another checkout.
	let manifest = std::env::var("CARGO_MANIFEST_DIR")
		.unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
	Path::new(&manifest).parent().expect("tests/ has a parent").to_path_buf()
}

/// One table row: its first cell (rule or question), status and named tests.
struct Row {
	item: String,
	status: String,
	tests: Vec<String>,
	missing: String,
}

/// The rows of the table under the heading that starts with `heading`.
fn rows_under(doc: &str, heading: &str) -> Vec<Row> {
	let start = doc.find(heading).unwrap_or_else(|| panic!("heading {heading:?} is missing"));
	let section = &doc[start..];
	let end = section[heading.len()..].find("\n## ").map_or(section.len(), |i| i + heading.len());
	section[..end]
		.lines()
		.filter(|l| l.starts_with("| ") && !l.starts_with("|---"))
		.skip(1) // the header row
		.map(|line| {
			let cells: Vec<&str> =
				line.trim().trim_matches('|').split('|').map(str::trim).collect();
			assert_eq!(cells.len(), 5, "a row has five cells: {line}");
			let tests = cells[3]
				.split(',')
				.map(|t| t.trim().trim_matches('`').to_string())
				.filter(|t| !t.is_empty())
				.collect();
			Row {
				item: cells[0].to_string(),
				status: cells[1].to_string(),
				tests,
				missing: cells[4].to_string(),
			}
		})
		.collect()
}

/// Every `fn name` in the repository's Rust sources (outside `target/` and `.git/`).
fn functions_in(dir: &Path, found: &mut BTreeSet<String>) {
	let Ok(entries) = fs::read_dir(dir) else { return };
	for entry in entries.flatten() {
		let path = entry.path();
		let name = entry.file_name();
		let name = name.to_string_lossy();
		if path.is_dir() {
			if !matches!(name.as_ref(), "target" | ".git" | "node_modules") {
				functions_in(&path, found);
			}
		} else if name.ends_with(".rs") {
			let text = fs::read_to_string(&path).unwrap_or_default();
			for piece in text.split("fn ").skip(1) {
				let ident: String =
					piece.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
				if !ident.is_empty() {
					found.insert(ident);
				}
			}
		}
	}
}

fn counts(rows: &[Row]) -> BTreeMap<&str, usize> {
	let mut by_status = BTreeMap::new();
	for row in rows {
		*by_status.entry(row.status.as_str()).or_insert(0) += 1;
	}
	by_status
}

#[test]
fn legal_coverage_table_is_complete_and_names_real_tests() {
	let path = repo_root().join("docs/legal-coverage.md");
	let doc =
		fs::read_to_string(&path).unwrap_or_else(|e| panic!("{} is missing: {e}", path.display()));
	let rules = rows_under(&doc, "## 1. Rules with article numbers");
	let questions = rows_under(&doc, "## 2. Settled questions");
	assert!(rules.len() >= 52, "the review found 52 numbered rules; the table has {}", rules.len());

	let mut functions = BTreeSet::new();
	functions_in(&repo_root(), &mut functions);

	let mut problems = Vec::new();
	for row in rules.iter().chain(&questions) {
		if !STATUSES.contains(&row.status.as_str()) {
			problems
				.push(format!("{}: status {:?} is not one of {STATUSES:?}", row.item, row.status));
		}
		if row.status == "enforced" && row.tests.is_empty() {
			problems.push(format!("{}: enforced but names no test", row.item));
		}
		if row.status != "enforced" && row.missing.is_empty() {
			problems.push(format!(
				"{}: {} but says nothing about what is missing",
				row.item, row.status
			));
		}
		for test in &row.tests {
			if !functions.contains(test) {
				problems.push(format!("{}: test `{test}` does not exist", row.item));
			}
		}
	}

	// Q1–Q42, each exactly once and in order.
	let numbers: Vec<u32> = questions
		.iter()
		.map(|q| {
			q.item
				.strip_prefix('Q')
				.and_then(|rest| rest.split_whitespace().next())
				.and_then(|n| n.parse().ok())
				.unwrap_or_else(|| panic!("question row {:?} does not start with Q<n>", q.item))
		})
		.collect();
	assert_eq!(numbers, (1..=42).collect::<Vec<_>>(), "settled questions Q1–Q42, once each");

	// The counts the document states are the table's.
	let (r, q) = (counts(&rules), counts(&questions));
	let get = |m: &BTreeMap<&str, usize>, k: &str| m.get(k).copied().unwrap_or(0);
	let stated = format!(
		"numbered rules {} — {} enforced, {} partly, {} not modelled;\nsettled questions {} — {} enforced, {} partly, {} not modelled.",
		rules.len(),
		get(&r, "enforced"),
		get(&r, "partly"),
		get(&r, "not modelled"),
		questions.len(),
		get(&q, "enforced"),
		get(&q, "partly"),
		get(&q, "not modelled"),
	);
	if !doc.contains(&stated) {
		problems.push(format!("the Counts paragraph must read:\n{stated}"));
	}
	assert!(problems.is_empty(), "docs/legal-coverage.md:\n{}", problems.join("\n"));
}

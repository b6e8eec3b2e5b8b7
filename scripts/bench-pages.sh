#!/usr/bin/env bash
# Speed of the portal's pages and of in-browser verification (issue 13; results in
# docs/performance.md, section "Pages and in-browser verification"):
#   - the wasm module as the portal serves it: raw and gzip -9 bytes (budget 300 KiB gzip);
#   - verification of ONE proof bundle (a fresh one from a dev chain) in headless Chromium (the
#     portal's wasm + ES module) and natively (release build of dengji-verify), same run: ratio;
#   - time from opening a certificate page to its verdict (fresh browser, median of 5);
#   - page latency under load (8 clients, 2000 requests in all) for /publicity during a notice's
#     window and for a certificate page (the portal's debug build, as the tests run it).
# It runs client/portal/tests/browser.rs with DENGJI_PAGES_BENCH set (dev node + portal +
# Chromium), then the native baseline on the bundle that run saved.
#
#   scripts/bench-pages.sh [OUT_DIR]      (default $CARGO_TARGET_DIR/bench-pages)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
OUT="${1:-$CARGO_TARGET_DIR/bench-pages}"
rm -rf "$OUT"
mkdir -p "$OUT"

cargo build --locked -p dengji-node -p dengji-portal
cargo build --locked --release -p dengji-verify-wasm --example native_baseline
DENGJI_PAGES_BENCH="$OUT" DENGJI_REQUIRE_CHROMIUM=1 \
	cargo test --locked -p dengji-portal --test browser -- --nocapture >"$OUT/test.log" 2>&1 ||
	{ tail -50 "$OUT/test.log" >&2; exit 1; }

now_ms=$(jq -r .now_ms "$OUT/pages.json")
"$CARGO_TARGET_DIR/release/examples/native_baseline" "$OUT/bundle.bin" "$OUT/trust.json" "$now_ms" >"$OUT/native.json"

raw=$(wc -c <"$OUT/served.wasm")
gz=$(gzip -9 -c "$OUT/served.wasm" | wc -c)
jq -n --slurpfile p "$OUT/pages.json" --slurpfile n "$OUT/native.json" \
	--argjson raw "$raw" --argjson gz "$gz" \
	--arg date "$(date -u +%Y-%m-%dT%H:%MZ)" --arg cpu "$(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
	--arg chromium "$(chromium --version 2>/dev/null || echo '?')" '
	$p[0] as $p | $n[0] as $n | {
		date: $date, machine: $cpu, chromium: $chromium,
		wasm: {raw_bytes: $raw, gzip_bytes: $gz, budget_gzip_bytes: 307200},
		bundle_bytes: $n.bundle_bytes,
		chromium_verify_ms: $p.chromium.median_ms, native_verify_ms: $n.native_median_ms,
		ratio: (($p.chromium.median_ms / $n.native_median_ms) * 100 | round / 100),
		open_to_verdict_ms: $p.open_to_verdict_ms.median,
		publicity: ($p.publicity | {p50_ms, p99_ms, per_s, requests, concurrency}),
		certificate_page: ($p.certificate_page | {p50_ms, p99_ms, per_s, requests, concurrency})
	}' | tee "$OUT/result.json"

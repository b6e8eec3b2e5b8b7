#!/usr/bin/env bash
# Installs what building Dengji needs on a fresh Debian machine that has only the Rust toolchain.
# Idempotent: safe to run again; it skips what is already present.
set -euo pipefail

need_apt=()
command -v clang >/dev/null 2>&1 || need_apt+=(clang)
[ -e /usr/include/clang-c/Index.h ] || ls /usr/lib/llvm-*/include/clang-c/Index.h >/dev/null 2>&1 || need_apt+=(libclang-dev)
command -v protoc >/dev/null 2>&1 || need_apt+=(protobuf-compiler)
command -v jq >/dev/null 2>&1 || need_apt+=(jq)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
# The JVM binding (client/verify-jvm) is built and tested with javac/jar/java only (no Maven).
command -v javac >/dev/null 2>&1 || need_apt+=(default-jdk-headless)
# The browser verifier (client/verify-wasm) is tested under Node.js (`node --test`).
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
# The portal's tests (client/portal) start throw-away PostgreSQL 15 clusters with initdb/pg_ctl
# (Debian puts them in /usr/lib/postgresql/15/bin, off PATH; pg_trgm comes with the package).
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
# The portal benchmark (scripts/bench-portal.sh) loads the API with wrk and computes rates with bc.
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
command -v bc >/dev/null 2>&1 || need_apt+=(bc)

if [ ${#need_apt[@]} -gt 0 ]; then
	echo "setup: installing ${need_apt[*]}" >&2
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

# The runtime's wasm blob is built by substrate-wasm-builder for these targets.
installed_targets=$(rustup target list --installed)
for t in wasm32v1-none wasm32-unknown-unknown; do
	grep -qx "$t" <<<"$installed_targets" || rustup target add "$t"
done
rustup component list --installed | grep '^rust-src' >/dev/null || rustup component add rust-src

# Lint tools (scripts/lint.sh): zepter checks feature propagation, taplo the TOML formatting.
# Pinned versions, installed only when missing or different; taplo without its LSP and network features.
cargo_tool() { # <binary> <crate> <version> [cargo install flags]
	local bin=$1 crate=$2 version=$3
	shift 3
	if ! "$bin" --version 2>/dev/null | grep -qwF "$version"; then
		echo "setup: installing $crate $version" >&2
		# A temporary target directory (removed afterwards), not the project's.
		env -u CARGO_TARGET_DIR cargo install --locked --quiet "$@" "$crate@$version"
	fi
}
cargo_tool zepter zepter 1.88.2
cargo_tool taplo taplo-cli 0.10.0 --no-default-features
# --- pages helper (issue 13): the portal's browser tests (client/portal/tests/browser.rs) ---
# Debian's Chromium (launched by path; never a browser download), npm, and binaryen's wasm-opt
# (shrinks the in-browser verifier that dengji-portal's build.rs embeds); then npm playwright-core
# at the version pinned by client/portal/tests/browser/package-lock.json (install scripts off).
need_browser=()
command -v chromium >/dev/null 2>&1 || need_browser+=(chromium)
command -v npm >/dev/null 2>&1 || need_browser+=(npm)
command -v wasm-opt >/dev/null 2>&1 || need_browser+=(binaryen)
# Fonts for Chinese text and emoji in the screenshots the tests take (headless Chromium has none).
# (grep without -q: an early exit would break fc-list's pipe and fail the pipeline under pipefail.)
fc-list 2>/dev/null | grep -i 'wenquanyi\|noto sans cjk' >/dev/null || need_browser+=(fonts-wqy-microhei)
fc-list 2>/dev/null | grep -i 'noto color emoji' >/dev/null || need_browser+=(fonts-noto-color-emoji)
if [ ${#need_browser[@]} -gt 0 ]; then
	echo "setup: installing ${need_browser[*]}" >&2
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_browser[@]}"
fi
browser_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/client/portal/tests/browser"
if ! (cd "$browser_dir" && node -e '
	const want = require("./package-lock.json").packages["node_modules/playwright-core"].version;
	process.exit(require("./node_modules/playwright-core/package.json").version === want ? 0 : 1);
' 2>/dev/null); then
	echo "setup: installing playwright-core (npm ci in $browser_dir)" >&2
	(cd "$browser_dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi
# --- end pages helper ---
# --- verify helper (issue 14): SM2/SM3 cross-check against an independent implementation ---
# client/verify/tests/national.rs runs client/verify/tests/gmssl/cross_check.py with python3 and
# `gmssl` from PyPI (pure Python GM/T 0003/0004, pinned); python3 itself from Debian when missing.
if ! command -v python3 >/dev/null 2>&1; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3 python3-pip
fi
if ! python3 -c 'import gmssl.sm2, gmssl.sm3' 2>/dev/null; then
	echo "setup: installing gmssl (pip)" >&2
	python3 -m pip install --quiet 'gmssl==3.2.2' 2>/dev/null \
		|| python3 -m pip install --quiet --break-system-packages 'gmssl==3.2.2'
fi
# --- end verify helper ---
# --- edge-e2e helper (issue 11 §7): smoldot, the light client, for tests/tests/light_client.rs ---
# npm `smoldot` at the version pinned by tests/light/package-lock.json (npm and Node.js come from the
# pages helper's block above; install scripts off).
light_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/light"
if ! (cd "$light_dir" && node -e '
	const want = require("./package-lock.json").packages["node_modules/smoldot"].version;
	process.exit(require("./node_modules/smoldot/package.json").version === want ? 0 : 1);
' 2>/dev/null); then
	echo "setup: installing smoldot (npm ci in $light_dir)" >&2
	(cd "$light_dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi
# --- end edge-e2e helper ---
echo "setup: ok" >&2

#!/usr/bin/env bash
# The Dengji test command (docs/DEVELOPING.md "Build, test, lint"; `.ci/run` runs exactly this).
# Formatting, unit tests (also with benchmarks and try-runtime), the integration tests that start
# real nodes on 127.0.0.1, the no_std/wasm check of the verification core, and the lints
# (scripts/lint.sh: about 2 min once the check-mode metadata of the dependencies is cached).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
PALLETS=(-p dengji-primitives -p pallet-calendar -p pallet-institutions -p pallet-certificate -p pallet-registration -p pallet-governance)

step() { printf '\n== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)" >&2; }

step "format"
cargo fmt --all --check

# --all-targets resolves features exactly as `cargo test` does (dev-dependencies included), so the
# node built here is the one the tests reuse, not a second build of the same crates.
step "room on disk for the build (scripts/disk-room.sh)"
scripts/disk-room.sh

step "build (node with runtime wasm, CLI, tests)"
cargo build --workspace --all-targets --locked

step "the next runtime (spec_version + 1) for the forkless-upgrade test"
scripts/build-upgrade-wasm.sh

step "unit and integration tests (real nodes on 127.0.0.1)"
# The partition test (tests/tests/partition.rs) needs root for network namespaces; as root a broken
# namespace setup fails the run instead of skipping the test.
if [ "$(id -u)" = 0 ]; then export DENGJI_REQUIRE_NETNS="${DENGJI_REQUIRE_NETNS:-1}"; fi
# Tests that need a JDK (client/verify-jvm), Node.js (client/verify-wasm) or PostgreSQL (client/portal)
# fail instead of skipping when it is missing: scripts/setup.sh installs all three.
export DENGJI_REQUIRE_JDK="${DENGJI_REQUIRE_JDK:-1}"
export DENGJI_REQUIRE_NODE="${DENGJI_REQUIRE_NODE:-1}"
export DENGJI_REQUIRE_POSTGRES="${DENGJI_REQUIRE_POSTGRES:-1}"
# The portal's pages in headless Chromium (client/portal/tests/browser.rs): Chromium and playwright-core
# from scripts/setup.sh.
export DENGJI_REQUIRE_CHROMIUM="${DENGJI_REQUIRE_CHROMIUM:-1}"
# SM2/SM3 cross-checked against `gmssl` from PyPI (client/verify/tests/national.rs): python3 + gmssl
# from scripts/setup.sh.
export DENGJI_REQUIRE_PYTHON_GMSSL="${DENGJI_REQUIRE_PYTHON_GMSSL:-1}"
# The test executables run side by side (scripts/run-tests.py: at most DENGJI_TEST_HEAVY, default 2,
# of those that start nodes, a browser or the JVM at once, the runtime-upgrade tests beside no other
# of those; DENGJI_TEST_JOBS, default 3, in all), as cargo would run them one after another; then the
# doctests.
tests_json="$(mktemp)"
trap 'rm -f "$tests_json"' EXIT
cargo test --workspace --locked --no-run --message-format=json >"$tests_json"
DENGJI_NODE_BIN="$CARGO_TARGET_DIR/debug/dengji-node" python3 scripts/run-tests.py <"$tests_json"
cargo test --workspace --locked --doc

step "the genesis ceremony rehearsed: production spec, four validators, a council motion (docs/operations.md)"
scripts/production-rehearsal.sh --no-build

step "pallet tests with runtime-benchmarks and try-runtime"
SKIP_WASM_BUILD=1 cargo test "${PALLETS[@]}" --features runtime-benchmarks,try-runtime --locked

step "the runtime's migrations on an earlier runtime's state (try-runtime: pre/post checks, state decoded, try_state)"
SKIP_WASM_BUILD=1 cargo test -p dengji-runtime --features runtime-benchmarks,try-runtime --locked \
	--test try_runtime_upgrade

step "verification core builds for wasm32 without std"
cargo build -p dengji-verify --target wasm32-unknown-unknown --no-default-features --locked

step "lints (fmt, clippy -D warnings also with the benchmark features, rustdoc -D warnings, zepter, taplo)"
scripts/lint.sh

step "all tests passed"

#!/usr/bin/env bash
# Lints: formatting and clippy with warnings as errors over every crate and target.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
cargo fmt --all --check
SKIP_WASM_BUILD=1 cargo clippy --workspace --all-targets --locked -- -D warnings
SKIP_WASM_BUILD=1 cargo clippy -p pallet-calendar -p pallet-institutions -p pallet-certificate \
	-p pallet-registration --all-targets --features runtime-benchmarks,try-runtime --locked -- -D warnings

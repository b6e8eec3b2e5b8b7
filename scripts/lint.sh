#!/usr/bin/env bash
# Lints, all with warnings as errors: Rust formatting, TOML formatting (taplo, .config/taplo.toml),
# feature propagation (zepter, .config/zepter.yaml), clippy over every crate and target (also with the
# pallets' benchmark and try-runtime features), and rustdoc (broken intra-doc links, bad doc syntax).
# taplo and zepter are installed by scripts/setup.sh. Fixes: `cargo fmt --all`,
# `taplo format --config .config/taplo.toml`, `zepter`.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
# None of these needs the runtime's wasm blob.
export SKIP_WASM_BUILD=1

step() { printf '== lint: %s\n' "$*" >&2; }
for tool in taplo zepter; do
	command -v "$tool" >/dev/null || { echo "lint: $tool is missing: run scripts/setup.sh" >&2; exit 1; }
done

step "rustfmt"
cargo fmt --all --check
step "taplo"
RUST_LOG=warn taplo format --check --config .config/taplo.toml
step "zepter"
zepter run check
step "clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p pallet-calendar -p pallet-institutions -p pallet-certificate -p pallet-registration -p pallet-governance \
	--all-targets --features runtime-benchmarks,try-runtime --locked -- -D warnings
step "rustdoc"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

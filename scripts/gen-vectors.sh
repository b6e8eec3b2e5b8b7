#!/usr/bin/env bash
# Regenerates the dengji-verify JSON test vectors (client/verify/tests/vectors/*.json):
# certificate codes, documents and proof bundles with their expected verdicts. Deterministic:
# running it twice changes nothing (`cargo test -p dengji-verify --test vectors` checks that).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target-client}"
cargo run -q -p dengji-verify --example gen-vectors -- "$PWD/client/verify/tests/vectors"

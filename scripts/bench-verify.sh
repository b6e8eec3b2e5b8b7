#!/usr/bin/env bash
# dengji-verify benchmark: bundles verified per second per core vs raw ed25519-dalek verify_strict
# for the same signatures (target ratio >= 70%), and bundle sizes for 4 and 16 validators
# (target <= 8 KiB at 4). Single-threaded, release profile.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target-client}"
cargo bench -q -p dengji-verify --bench verify "$@"

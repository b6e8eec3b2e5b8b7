#!/usr/bin/env bash
# Builds the runtime with the next spec_version (feature `spec-version-bump`) for the forkless-upgrade
# test (tests/tests/governance.rs) into $CARGO_TARGET_DIR/dengji-upgrade/dengji_runtime_next.wasm.
#
# The wasm builder writes every feature set's runtime to the same wbuild file, which the regular
# runtime (and so the node) embeds. This script keeps that file exactly as it was, modification time
# included, so that nothing is rebuilt afterwards and the node never embeds the bumped runtime.
# Run it after `cargo build --workspace` (scripts/test.sh does). Like every runtime build it carries
# its RFC-0078 metadata hash (the runtime's default feature `metadata-hash`, issue 11 §5), so the
# upgraded chain accepts transactions that enable `CheckMetadataHash` too.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
WB="$CARGO_TARGET_DIR/debug/wbuild/dengji-runtime"
OUT="$CARGO_TARGET_DIR/dengji-upgrade"
[ -f "$WB/dengji_runtime.wasm" ] || {
	echo "build-upgrade-wasm: no $WB/dengji_runtime.wasm; run cargo build --workspace first" >&2
	exit 1
}
mkdir -p "$OUT"
keep=$(mktemp -d)
cp -p "$WB/dengji_runtime.wasm" "$WB/Cargo.toml" "$keep/"
restore() {
	cp -p "$keep/dengji_runtime.wasm" "$keep/Cargo.toml" "$WB/"
	rm -rf "$keep"
}
trap restore EXIT
# A fresh FORCE_WASM_BUILD value makes the feature build's build script run again even when cargo
# considers it fresh, so the wbuild file really is the bumped runtime.
FORCE_WASM_BUILD="$(date +%s%N)" cargo build -p dengji-runtime --features spec-version-bump --locked
if cmp -s "$WB/dengji_runtime.wasm" "$keep/dengji_runtime.wasm"; then
	echo "build-upgrade-wasm: the bumped build produced the same wasm as the regular one" >&2
	exit 1
fi
cp "$WB/dengji_runtime.wasm" "$OUT/dengji_runtime_next.wasm.tmp"
mv "$OUT/dengji_runtime_next.wasm.tmp" "$OUT/dengji_runtime_next.wasm"
echo "build-upgrade-wasm: $OUT/dengji_runtime_next.wasm" >&2

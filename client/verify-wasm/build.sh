#!/usr/bin/env bash
# Builds the in-browser verifier into <output dir>: dengji_verify_wasm.wasm next to
# dengji-verify.mjs (serve both from the same directory; see README.md).
#
#   client/verify-wasm/build.sh <output dir>
#
# Release build for wasm32-unknown-unknown, size-tuned for this invocation only (LTO, one codegen
# unit, symbols stripped: CARGO_PROFILE_RELEASE_* variables, so the workspace's release profile is
# untouched); then `wasm-opt -Oz` if binaryen is installed. Prints the raw and gzip sizes.
set -euo pipefail
out=${1:?usage: $0 <output dir>}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
target_dir=${CARGO_TARGET_DIR:-$root/target}

rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
	rustup target add wasm32-unknown-unknown

(
	cd "$root"
	CARGO_PROFILE_RELEASE_LTO=${CARGO_PROFILE_RELEASE_LTO:-true} \
	CARGO_PROFILE_RELEASE_CODEGEN_UNITS=${CARGO_PROFILE_RELEASE_CODEGEN_UNITS:-1} \
	CARGO_PROFILE_RELEASE_STRIP=${CARGO_PROFILE_RELEASE_STRIP:-true} \
		cargo build --quiet --release --target wasm32-unknown-unknown -p dengji-verify-wasm
)

mkdir -p "$out"
wasm="$out/dengji_verify_wasm.wasm"
cp "$target_dir/wasm32-unknown-unknown/release/dengji_verify_wasm.wasm" "$wasm.tmp"
if command -v wasm-opt >/dev/null 2>&1; then
	# The features rustc's wasm32 target emits (binaryen 108, Debian 12, assumes the MVP).
	wasm-opt -Oz --strip-debug --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
		--enable-mutable-globals "$wasm.tmp" -o "$wasm.tmp"
fi
mv "$wasm.tmp" "$wasm"
cp "$here/js/dengji-verify.mjs" "$out/"
raw=$(wc -c <"$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
echo "dengji-verify-wasm: $wasm: $raw bytes raw, $gz bytes gzip -9 (budget 307200)" >&2

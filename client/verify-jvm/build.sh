#!/usr/bin/env bash
# Builds the Java binding with the JDK's own tools only (no Maven, no Gradle):
#   <output dir>/dengji-verify.jar              classes of cn.dengji.verify (Java 8 bytecode)
#   <output dir>/libdengji_verify_jvm.so        the native library (cargo, release)
#
#   client/verify-jvm/build.sh <output dir>
#
# Run with:  java -Djava.library.path=<output dir> -cp <output dir>/dengji-verify.jar:… YourApp
# (or -Ddengji.verify.library=<output dir>/libdengji_verify_jvm.so).
set -euo pipefail
out=${1:?usage: $0 <output dir>}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
target_dir=${CARGO_TARGET_DIR:-$root/target}
command -v javac >/dev/null && command -v jar >/dev/null ||
	{ echo "build.sh: javac and jar are needed (scripts/setup.sh installs default-jdk-headless)" >&2; exit 1; }

(cd "$root" && SKIP_WASM_BUILD=1 cargo build --quiet --release -p dengji-verify-jvm)

mkdir -p "$out"
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac --release 8 -Xlint:-options -encoding UTF-8 -d "$classes" "$here"/java/cn/dengji/verify/*.java
jar cf "$out/dengji-verify.jar" -C "$classes" .
lib=$(basename "$(ls "$target_dir"/release/libdengji_verify_jvm.{so,dylib} 2>/dev/null | head -1)")
cp "$target_dir/release/$lib" "$out/$lib"
echo "dengji-verify-jvm: $out/dengji-verify.jar, $out/$lib" >&2

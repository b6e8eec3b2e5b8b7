#!/usr/bin/env bash
# JVM binding throughput as a ratio to native (issue 14 "Speed"): the same vector bundles
# (client/verify/tests/vectors/bundles.json: `valid`, ed25519 only checked as present; and
# `valid-sm2-required`, ed25519 + SM2 co-signature required) verified
#   native: dengji_verify::report::verify_bytes in a loop (examples/bench_native.rs, release), and
#   JVM:    cn.dengji.verify.Verifier.verify(bundle, trustRootJson, now, policy) (release cdylib),
# single thread each, best of 10 rounds of 0.3 s. Prints bundles/s and the JVM/native ratio.
#
#   scripts/bench-jvm.sh [case names…]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
export SKIP_WASM_BUILD=1
command -v javac >/dev/null && command -v java >/dev/null ||
	{ echo "bench-jvm.sh: a JDK is needed (scripts/setup.sh)" >&2; exit 1; }
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(valid valid-sm2-required)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
client/verify-jvm/build.sh "$work/jar"
cargo run --quiet --release -p dengji-verify-jvm --example bench_native -- \
	client/verify/tests/vectors/bundles.json "$work/cases" "${names[@]}" | tee "$work/native.tsv"
javac -encoding UTF-8 -cp "$work/jar/dengji-verify.jar" -d "$work/bench" client/verify-jvm/bench/VerifierBench.java
lib=$(ls "$work"/jar/libdengji_verify_jvm.* | head -1)
java -Ddengji.verify.library="$lib" -cp "$work/jar/dengji-verify.jar:$work/bench" VerifierBench \
	"$work/cases" "${names[@]}" | tee "$work/jvm.tsv"
echo
printf '%-22s %12s %12s %8s\n' case native/s jvm/s jvm/native
for n in "${names[@]}"; do
	nat=$(awk -F'\t' -v n="$n" '$2 == n { print $3 }' "$work/native.tsv")
	jvm=$(awk -F'\t' -v n="$n" '$2 == n { print $3 }' "$work/jvm.tsv")
	awk -v n="$n" -v a="$nat" -v b="$jvm" 'BEGIN { printf "%-22s %12d %12d %8.3f\n", n, a, b, b / a }'
done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"

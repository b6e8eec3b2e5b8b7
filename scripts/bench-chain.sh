#!/usr/bin/env bash
# Chain throughput, finality latency under load and validator RSS (issue 5 "Performance", issue 15).
#
#   scripts/bench-chain.sh [--release] [--duration SECS] [--lanes N] [--readers N] [--no-build]
#   scripts/bench-chain.sh [--release] --open [--signers N] [--rates R1,R2,…] [--step-secs S]
#                          [--spike-secs S] [--stability-secs S] [--drain-secs S] [--node-arg A]… [--chain SPEC]
#                          [--no-build]
#
# --release builds (`cargo build --profile production -p dengji-node`: release with thin LTO, the
# binaries operators run; target/production) and runs those validators; the load clients stay debug
# builds (they only sign and send). The `release` profile dir is left to the runtime-benchmarks
# node that generates the weights (a plain release node there would rebuild it with other
# features). --open runs `bench_open`, the open-loop benchmark (CAICT / sTPS method: pre-signed
# transactions from --signers admitted subjects sent at fixed rates, committed counted from finalized blocks; stress ladder, 2x spike, stability at 20 %
# of the stress rate — 30 min unless --stability-secs; latency p50/p95/p99 and its parts; CPU,
# RSS and disk writes per validator), printing a `BENCH_OPEN_JSON {…}` line. Without --open:
#
# Starts a fresh 4-validator local network on 127.0.0.1 and, in one run, measures a System.remark
# baseline and the registration mix (apply, accept, publish, objection, forward, rebuttal,
# dismissal, close publicity, approve, issue, renewal request, plus proof-bundle verify reads),
# each for --duration seconds (default 60) with --lanes closed-loop lanes (default 128). Prints a
# table (tx/s from finalized block bodies, mix/remark ratio, latency median/p99 against
# 2 × block time + 1 s, verify reads/s, validator peak RSS) and a last line
# `BENCH_CHAIN_JSON {…}`. The node is $DENGJI_NODE_BIN if set, else built like scripts/demo.sh
# builds it (`cargo build --workspace --all-targets`, shared with scripts/test.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
BUILD=1
RELEASE=0
BIN=bench_chain
ARGS=()

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
	case "$1" in
	--duration | --lanes | --readers | --signers | --rates | --step-secs | --spike-secs | --stability-secs | --drain-secs | --node-arg | --chain)
		[ $# -ge 2 ] || { echo "bench-chain: $1 needs a value" >&2; exit 2; }
		ARGS+=("$1" "$2"); shift 2 ;;
	--no-build) BUILD=0; shift ;;
	--release) RELEASE=1; shift ;;
	--open) BIN=bench_open; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "bench-chain: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

if [ -z "${DENGJI_NODE_BIN:-}" ] && [ "$RELEASE" -eq 1 ]; then
	if [ "$BUILD" -eq 1 ]; then
		# With the portal: every bench script builds the production profile with one feature
		# set, so they share one build in the target dir (the node alone unifies features
		# differently and rebuilds dependencies).
		say "building the production node (cargo build --profile production -p dengji-node -p dengji-portal)"
		t0=$SECONDS
		(cd "$ROOT" && cargo build --profile production -p dengji-node -p dengji-portal --locked >&2)
		say "production node built in $((SECONDS - t0)) s"
		say "building $BIN"
		(cd "$ROOT" && cargo build -p dengji-tests --bin "$BIN" --locked >&2)
	fi
	export DENGJI_NODE_BIN="$CARGO_TARGET_DIR/production/dengji-node"
elif [ -z "${DENGJI_NODE_BIN:-}" ]; then
	if [ "$BUILD" -eq 1 ]; then
		# The same invocation as scripts/test.sh and scripts/demo.sh: one shared build.
		say "building the workspace (incremental)"
		(cd "$ROOT" && cargo build --workspace --all-targets --locked >&2)
	fi
	export DENGJI_NODE_BIN="$CARGO_TARGET_DIR/debug/dengji-node"
elif [ "$BUILD" -eq 1 ]; then
	say "building $BIN (node: $DENGJI_NODE_BIN)"
	(cd "$ROOT" && cargo build -p dengji-tests --bin "$BIN" --locked >&2)
fi
[ -x "$DENGJI_NODE_BIN" ] || { echo "bench-chain: no node binary at $DENGJI_NODE_BIN" >&2; exit 1; }
BENCH="$CARGO_TARGET_DIR/debug/$BIN"
[ -x "$BENCH" ] || { echo "bench-chain: no $BENCH (cargo build -p dengji-tests --bin $BIN)" >&2; exit 1; }

say "$BIN ${ARGS[*]:-} (node $DENGJI_NODE_BIN); load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$BENCH" "${ARGS[@]}"

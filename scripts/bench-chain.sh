#!/usr/bin/env bash
# Chain throughput, finality latency under load and validator RSS (issue 5 "Performance").
#
#   scripts/bench-chain.sh [--duration SECS] [--lanes N] [--readers N] [--no-build]
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
ARGS=()

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
	case "$1" in
	--duration | --lanes | --readers)
		[ $# -ge 2 ] || { echo "bench-chain: $1 needs a value" >&2; exit 2; }
		ARGS+=("$1" "$2"); shift 2 ;;
	--no-build) BUILD=0; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "bench-chain: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

if [ -z "${DENGJI_NODE_BIN:-}" ]; then
	if [ "$BUILD" -eq 1 ]; then
		# The same invocation as scripts/test.sh and scripts/demo.sh: one shared build.
		say "building the workspace (incremental)"
		(cd "$ROOT" && cargo build --workspace --all-targets --locked >&2)
	fi
	export DENGJI_NODE_BIN="$CARGO_TARGET_DIR/debug/dengji-node"
elif [ "$BUILD" -eq 1 ]; then
	say "building bench_chain (node: $DENGJI_NODE_BIN)"
	(cd "$ROOT" && cargo build -p dengji-tests --bin bench_chain --locked >&2)
fi
[ -x "$DENGJI_NODE_BIN" ] || { echo "bench-chain: no node binary at $DENGJI_NODE_BIN" >&2; exit 1; }
BENCH="$CARGO_TARGET_DIR/debug/bench_chain"
[ -x "$BENCH" ] || { echo "bench-chain: no $BENCH (cargo build -p dengji-tests --bin bench_chain)" >&2; exit 1; }

say "bench_chain ${ARGS[*]:-} (node $DENGJI_NODE_BIN)"
exec "$BENCH" "${ARGS[@]}"

#!/usr/bin/env bash
# Starts the 4-validator `local` Dengji network on 127.0.0.1, waits until all four nodes finalize
# the same block, prints the RPC URLs and keeps the nodes running until Ctrl-C (or, with --check,
# stops them right away). Every node is stopped on exit, whatever the cause.
#
#   scripts/local-network.sh [--base-dir DIR] [--no-purge] [--bin PATH] [--check] [--timeout SECS]
#
# | node       | institution        | session keys | node key | p2p   | RPC  | Prometheus |
# |------------|--------------------|--------------|----------|-------|------|------------|
# | kunming    | 530100 Kunming     | --alice      | 0x00…01  | 30333 | 9944 | 9615       |
# | yuxi       | 530400 Yuxi        | --bob        | 0x00…02  | 30334 | 9945 | 9616       |
# | hongta     | 530402 Hongta      | --charlie    | 0x00…03  | 30335 | 9946 | 9617       |
# | chengjiang | 530481 Chengjiang  | --dave       | 0x00…04  | 30336 | 9947 | 9618       |
#
# Nodes listen on 127.0.0.1 only (`--listen-addr`, which replaces `--port`).
# The node keys are fixed so the PeerIds match the allow-list in the `local_testnet` genesis
# (pallet-node-authorization). Port offsets move with DENGJI_PORT_OFFSET (default 0), so two
# networks can run side by side. Idempotent: nodes left running from an earlier run in the same
# base directory are stopped first; chain data is wiped unless --no-purge.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BASE_DIR="${DENGJI_NET_DIR:-${TMPDIR:-/tmp}/dengji-local}"
PURGE=1
CHECK_ONLY=0
TIMEOUT=120
BIN="${DENGJI_NODE_BIN:-${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}/debug/dengji-node}"
OFFSET="${DENGJI_PORT_OFFSET:-0}"

usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
	case "$1" in
	--base-dir) BASE_DIR="$2"; shift 2 ;;
	--no-purge) PURGE=0; shift ;;
	--bin) BIN="$2"; shift 2 ;;
	--check) CHECK_ONLY=1; shift ;;
	--timeout) TIMEOUT="$2"; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	*) echo "local-network: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done

command -v curl >/dev/null || { echo "local-network: curl is required (scripts/setup.sh)" >&2; exit 1; }
command -v jq >/dev/null || { echo "local-network: jq is required (scripts/setup.sh)" >&2; exit 1; }
if [ ! -x "$BIN" ]; then
	echo "local-network: no node binary at $BIN; build it with" >&2
	echo "  CARGO_TARGET_DIR=\$HOME/.cache/dengji-target cargo build --workspace --all-targets --locked" >&2
	exit 1
fi

NAMES=(kunming yuxi hongta chengjiang)
SEEDS=(alice bob charlie dave)
NODE_KEYS=(
	0000000000000000000000000000000000000000000000000000000000000001
	0000000000000000000000000000000000000000000000000000000000000002
	0000000000000000000000000000000000000000000000000000000000000003
	0000000000000000000000000000000000000000000000000000000000000004
)
PEER_IDS=(
	12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp
	12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD
	12D3KooWSCufgHzV4fCwRijfH2k3abrpAJxTKxEvN1FDuRXA2U9x
	12D3KooWSsChzF81YDUKpe9Uk5AHV5oqAaXAcWNSPYgoLauUk4st
)
p2p_port() { echo $((30333 + OFFSET + $1)); }
rpc_port() { echo $((9944 + OFFSET + $1)); }
prom_port() { echo $((9615 + OFFSET + $1)); }

mkdir -p "$BASE_DIR"
BASE_DIR="$(cd "$BASE_DIR" && pwd)"

stop_pid() {
	local pid="$1"
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 40); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.25
	done
	kill -KILL "$pid" 2>/dev/null || true
}

# Stop nodes a previous run in this base directory left behind (only our own pid files).
for name in "${NAMES[@]}"; do
	pidfile="$BASE_DIR/$name.pid"
	if [ -f "$pidfile" ]; then
		pid="$(cat "$pidfile")"
		if [ -n "$pid" ] && ps -p "$pid" -o args= 2>/dev/null | grep -q -- "--base-path $BASE_DIR/$name"; then
			echo "local-network: stopping $name left running (pid $pid)" >&2
			stop_pid "$pid"
		fi
		rm -f "$pidfile"
	fi
done

PIDS=()
cleanup() {
	local code=$?
	trap - EXIT INT TERM
	if [ ${#PIDS[@]} -gt 0 ]; then
		echo "local-network: stopping ${#PIDS[@]} nodes" >&2
		for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
		for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
		for name in "${NAMES[@]}"; do rm -f "$BASE_DIR/$name.pid"; done
	fi
	exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bootnode="/ip4/127.0.0.1/tcp/$(p2p_port 0)/p2p/${PEER_IDS[0]}"
for i in "${!NAMES[@]}"; do
	name="${NAMES[$i]}"
	dir="$BASE_DIR/$name"
	if [ "$PURGE" -eq 1 ]; then rm -rf "$dir"; fi
	mkdir -p "$dir"
	args=(
		--chain local
		--base-path "$dir"
		--name "$name"
		"--${SEEDS[$i]}"
		--node-key "${NODE_KEYS[$i]}"
		--listen-addr "/ip4/127.0.0.1/tcp/$(p2p_port "$i")"
		--rpc-port "$(rpc_port "$i")"
		--prometheus-port "$(prom_port "$i")"
		--rpc-cors all
		--no-mdns
		--no-telemetry
	)
	[ "$i" -eq 0 ] || args+=(--bootnodes "$bootnode")
	"$BIN" "${args[@]}" >"$BASE_DIR/$name.log" 2>&1 &
	pid=$!
	PIDS+=("$pid")
	echo "$pid" >"$BASE_DIR/$name.pid"
	echo "local-network: started $name (pid $pid, log $BASE_DIR/$name.log)" >&2
done

rpc() { # rpc PORT METHOD [PARAMS-JSON]
	curl -sf --max-time 2 -H 'Content-Type: application/json' \
		-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":${3:-[]}}" \
		"http://127.0.0.1:$1" | jq -r '.result'
}
finalized_number() { # PORT
	local head
	head="$(rpc "$1" chain_getFinalizedHead)" || return 1
	rpc "$1" chain_getHeader "[\"$head\"]" | jq -r '.number' | xargs printf '%d\n'
}

# Wait until every node has finalized block >= MIN_FINAL and all agree on the finalized hash at
# the lowest height any of them has finalized.
MIN_FINAL=2
deadline=$((SECONDS + TIMEOUT))
agreed=""
while [ $SECONDS -lt $deadline ]; do
	for i in "${!NAMES[@]}"; do
		kill -0 "${PIDS[$i]}" 2>/dev/null || {
			echo "local-network: ${NAMES[$i]} exited; last log lines:" >&2
			tail -n 20 "$BASE_DIR/${NAMES[$i]}.log" >&2
			exit 1
		}
	done
	nums=()
	for i in "${!NAMES[@]}"; do
		n="$(finalized_number "$(rpc_port "$i")" 2>/dev/null)" || n=-1
		nums+=("$n")
	done
	min="$(printf '%s\n' "${nums[@]}" | sort -n | head -1)"
	if [ "$min" -ge "$MIN_FINAL" ]; then
		hashes=()
		for i in "${!NAMES[@]}"; do hashes+=("$(rpc "$(rpc_port "$i")" chain_getBlockHash "[$min]")"); done
		if [ "$(printf '%s\n' "${hashes[@]}" | sort -u | wc -l)" -eq 1 ]; then
			agreed="#$min ${hashes[0]}"
			break
		fi
	fi
	sleep 1
done
if [ -z "$agreed" ]; then
	echo "local-network: no common finalized block >= #$MIN_FINAL within ${TIMEOUT}s (finalized: ${nums[*]})" >&2
	exit 1
fi

echo "local-network: all ${#NAMES[@]} validators finalized $agreed" >&2
for i in "${!NAMES[@]}"; do
	head="$(rpc "$(rpc_port "$i")" chain_getFinalizedHead)"
	printf '%-11s ws://127.0.0.1:%s  http://127.0.0.1:%s  finalized %s  metrics http://127.0.0.1:%s/metrics\n' \
		"${NAMES[$i]}" "$(rpc_port "$i")" "$(rpc_port "$i")" "$head" "$(prom_port "$i")"
done

if [ "$CHECK_ONLY" -eq 1 ]; then
	exit 0
fi
echo "local-network: running; Ctrl-C stops all nodes (logs in $BASE_DIR)" >&2
while :; do
	for i in "${!NAMES[@]}"; do
		kill -0 "${PIDS[$i]}" 2>/dev/null || { echo "local-network: ${NAMES[$i]} exited" >&2; exit 1; }
	done
	sleep 2
done

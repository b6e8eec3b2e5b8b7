#!/usr/bin/env bash
# Portal benchmark (issue 12 "Speed"). It measures, for the chain a node serves:
#   1. catch-up indexing rate (blocks/s, events/s) as a ratio to the rate at which the same node
#      serves the same reads (`dengji-portal bench-fetch`: same requests, no writes);
#   2. API latency p50/p99 and requests/s under wrk with 64 connections for search, publicity and
#      certificate lookups;
#   3. the portal's peak RSS.
#
# Usage: scripts/bench-portal.sh [--url ws://HOST:PORT]   (default: starts `dengji-node --dev`
#   and waits for BLOCKS finalized blocks, default 60)
# Env: PROFILE=debug|release (default debug), BLOCKS, DURATION (wrk seconds, default 10),
#   CONNECTIONS (default 64), DATABASE (default sqlite:$OUT/bench.db; or postgres://…).
# Output: a summary on stdout, details in $OUT (printed).
# Note: a chain with 10^4 registrations made through the pallets needs a bulk loader that does
# not exist yet; on a dev chain the rates are those of mostly empty blocks.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
PROFILE="${PROFILE:-debug}"
BLOCKS="${BLOCKS:-60}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
URL=""
while [ $# -gt 0 ]; do
	case "$1" in
	--url) URL="$2"; shift 2 ;;
	*) echo "bench-portal: unknown option $1" >&2; exit 2 ;;
	esac
done
say() { printf '== %s\n' "$*" >&2; }
die() { printf 'bench-portal: %s\n' "$*" >&2; exit 1; }
command -v jq >/dev/null || die "jq is required (scripts/setup.sh)"
command -v curl >/dev/null || die "curl is required (scripts/setup.sh)"

OUT="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/dengji-bench-portal.XXXXXX")}"
mkdir -p "$OUT"
DATABASE="${DATABASE:-sqlite:$OUT/bench.db}"
flag=""
[ "$PROFILE" = release ] && flag="--release"
say "building dengji-portal ($PROFILE)"
(cd "$ROOT" && cargo build -p dengji-portal $flag --locked >&2)
PORTAL="$CARGO_TARGET_DIR/$PROFILE/dengji-portal"

NODE_PID="" PORTAL_PID=""
cleanup() {
	for p in $PORTAL_PID $NODE_PID; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
if [ -z "$URL" ]; then
	NODE="${DENGJI_NODE_BIN:-$CARGO_TARGET_DIR/debug/dengji-node}"
	[ -x "$NODE" ] || die "no node at $NODE: cargo build -p dengji-node"
	port="$(free_port)"
	URL="ws://127.0.0.1:$port"
	say "starting $NODE --dev (log $OUT/node.log)"
	"$NODE" --dev --tmp --rpc-port "$port" --port "$(free_port)" --no-prometheus >"$OUT/node.log" 2>&1 &
	NODE_PID=$!
fi
HTTP_URL="http://${URL#ws://}"
finalized() {
	local h
	h="$(curl -fsS -H 'Content-Type: application/json' -d '{"id":1,"jsonrpc":"2.0","method":"chain_getFinalizedHead"}' "$HTTP_URL" | jq -r .result)" || return 1
	curl -fsS -H 'Content-Type: application/json' -d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"chain_getHeader\",\"params\":[\"$h\"]}" "$HTTP_URL" |
		jq -r '.result.number' | xargs printf '%d\n'
}
say "waiting for $BLOCKS finalized blocks at $URL"
deadline=$((SECONDS + 1800))
until n="$(finalized 2>/dev/null)" && [ "$n" -ge "$BLOCKS" ]; do
	[ $SECONDS -lt $deadline ] || die "the node did not finalize $BLOCKS blocks in time"
	sleep 2
done
TARGET="$n"

say "node serving rate: the indexer's reads of blocks 0..$TARGET without writing"
"$PORTAL" --node "$URL" --database "sqlite:$OUT/fetch-only.db" bench-fetch --to "$TARGET" >"$OUT/fetch.json" 2>"$OUT/fetch.log"
say "catch-up indexing of blocks 0..$TARGET into $DATABASE"
start=$(date +%s.%N)
"$PORTAL" --node "$URL" --database "$DATABASE" --stop-at "$TARGET" 2>"$OUT/index.log"
end=$(date +%s.%N)
events="$(jq .events "$OUT/fetch.json")"
jq -n --argjson f "$(cat "$OUT/fetch.json")" --arg s "$(echo "$end - $start" | bc -l)" --argjson n "$((TARGET + 1))" --argjson e "$events" \
	'{blocks: $n, events: $e, index_seconds: ($s|tonumber), index_blocks_per_s: ($n / ($s|tonumber)), index_events_per_s: ($e / ($s|tonumber)),
	  fetch_blocks_per_s: $f.blocks_per_s, ratio_percent: (100 * ($n / ($s|tonumber)) / $f.blocks_per_s)}' | tee "$OUT/catch-up.json"

LISTEN="127.0.0.1:$(free_port)"
say "serving the API on $LISTEN (log $OUT/portal.log)"
"$PORTAL" --node "$URL" --database "$DATABASE" --listen "$LISTEN" 2>"$OUT/portal.log" &
PORTAL_PID=$!
until curl -fsS "http://$LISTEN/api/health" >/dev/null 2>&1; do sleep 0.2; done
CODE="$(curl -fsS "http://$LISTEN/api/catalogue?per_page=1" | jq -r '.items[0].certificate // empty')"
paths=("/api/search?q=%E6%95%B0%E6%8D%AE" "/api/publicity")
[ -n "$CODE" ] && paths+=("/api/certificates/$CODE") || say "no certificate on this chain: certificate lookups skipped"
if command -v wrk >/dev/null; then
	for p in "${paths[@]}"; do
		say "wrk -c$CONNECTIONS -d${DURATION}s $p"
		wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://$LISTEN$p" | tee "$OUT/wrk-$(echo "$p" | tr -c 'a-z0-9' _).txt" |
			grep -E 'Requests/sec|  50%|  99%|Non-2xx' || true
	done
else
	say "wrk not installed (apt-get install wrk): latency not measured"
fi
rss="$(awk '/VmHWM/ {print $2 " " $3}' "/proc/$PORTAL_PID/status")"
echo "portal peak RSS: $rss"
echo "details: $OUT"

#!/usr/bin/env bash
# Portal benchmark (issue 12 "Speed"). It measures, for the chain a node serves:
#   1. catch-up indexing rate (blocks/s, events/s) as a ratio to the rate at which the same node
#      serves the same reads (`dengji-portal bench-fetch`: same requests, no writes);
#   2. API latency p50/p99 and requests/s under wrk with 64 connections for search, publicity and
#      certificate lookups;
#   3. the portal's peak RSS.
#
# Usage: scripts/bench-portal.sh [--url ws://HOST:PORT] [--postgres]
#   (default: starts `dengji-node --dev` and waits for BLOCKS finalized blocks, default 60;
#   --postgres: also runs everything on a throw-away PostgreSQL cluster, initdb + pg_ctl in $OUT)
# Env: PROFILE=debug|release (default debug), BLOCKS, DURATION (wrk seconds, default 10),
#   CONNECTIONS (default 64), DATABASE (default sqlite:$OUT/bench.db; or postgres://…),
#   REGISTRATIONS=N: first drive N registrations through the pallets with the bulk loader
#   (client/portal/examples/bulk_load.rs: signed transactions from many subjects and operators,
#   apply → accept → publish → 10 WD publicity → approve → issue), LOAD_CONCURRENCY (default 960: the node allows 1 024 subscriptions per connection),
#   SKIP_BUILD=1 (use the binaries already built), START_BLOCK=N or START_BLOCK=-K (K blocks before
#   the head): index from that block with a state snapshot there (for a node that pruned older
#   state; a dev node keeps the state of the last 256 blocks only), TO_BLOCK=N (index up to block N
#   instead of the finalized head: the same range as an earlier run).
# Output: a summary on stdout, details in $OUT (printed).
# Without REGISTRATIONS the rates are those of a mostly empty dev chain; a node started with
# `--state-pruning archive` lets the catch-up start at block 0 (START_BLOCK unset).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
PROFILE="${PROFILE:-debug}"
BLOCKS="${BLOCKS:-60}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
URL=""
POSTGRES=""
while [ $# -gt 0 ]; do
	case "$1" in
	--url) URL="$2"; shift 2 ;;
	--postgres) POSTGRES=1; shift ;;
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
if [ -z "${SKIP_BUILD:-}" ]; then
	say "building dengji-portal ($PROFILE)"
	(cd "$ROOT" && cargo build -p dengji-portal $flag --locked >&2)
	if [ -n "${REGISTRATIONS:-}" ]; then
		(cd "$ROOT" && cargo build -p dengji-portal --examples $flag --locked >&2)
	fi
fi
PORTAL="$CARGO_TARGET_DIR/$PROFILE/dengji-portal"

NODE_PID="" PORTAL_PID="" PG_DATA=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
	for p in $PORTAL_PID $NODE_PID; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
	[ -z "$PG_DATA" ] || as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
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
TARGET="${TO_BLOCK:-$n}"
START="${START_BLOCK:-0}"
if [ -n "${REGISTRATIONS:-}" ]; then
	say "bulk load: $REGISTRATIONS registrations through the pallets (log $OUT/load.log)"
	/usr/bin/time -f '%e s' "$CARGO_TARGET_DIR/$PROFILE/examples/bulk_load" --node "$URL" --registrations "$REGISTRATIONS" \
		--concurrency "${LOAD_CONCURRENCY:-960}" >"$OUT/load.json" 2>"$OUT/load.log" || die "bulk load failed ($OUT/load.log)"
	cat "$OUT/load.json"
	sleep 10
	TARGET="$(finalized)"
fi
case "$START" in -*) START=$((TARGET + START)); [ "$START" -ge 0 ] || START=0 ;; esac

say "node serving rate: the indexer's reads of blocks $START..$TARGET without writing"
"$PORTAL" --node "$URL" --database "sqlite:$OUT/fetch-only.db" --start-block "$START" bench-fetch --to "$TARGET" >"$OUT/fetch.json" 2>"$OUT/fetch.log"
# One database: catch-up from block 0 (ratio to the node's serving rate), then the API under wrk.
bench_db() {
	local db="$1" label="$2"
	say "[$label] catch-up indexing of blocks $START..$TARGET into $db"
	local start end events
	start=$(date +%s.%N)
	/usr/bin/time -f '%M' -o "$OUT/index-rss-$label.txt" "$PORTAL" --node "$URL" --database "$db" --start-block "$START" --stop-at "$TARGET" 2>"$OUT/index-$label.log"
	end=$(date +%s.%N)
	events="$(jq .events "$OUT/fetch.json")"
	jq -n --argjson f "$(cat "$OUT/fetch.json")" --arg s "$(echo "$end - $start" | bc -l)" --argjson n "$((TARGET + 1 - START))" --argjson e "$events" --arg db "$label" \
		'{database: $db, blocks: $n, events: $e, index_seconds: ($s|tonumber), index_blocks_per_s: ($n / ($s|tonumber)), index_events_per_s: ($e / ($s|tonumber)),
		  fetch_blocks_per_s: $f.blocks_per_s, fetch_events_per_s: $f.events_per_s, ratio_percent: (100 * ($n / ($s|tonumber)) / $f.blocks_per_s)}' | tee "$OUT/catch-up-$label.json"
	echo "[$label] catch-up peak RSS: $(cat "$OUT/index-rss-$label.txt") KiB"

	local listen
	listen="127.0.0.1:$(free_port)"
	say "[$label] serving the API on $listen (log $OUT/portal-$label.log)"
	"$PORTAL" --node "$URL" --database "$db" --start-block "$START" --listen "$listen" 2>"$OUT/portal-$label.log" &
	PORTAL_PID=$!
	until curl -fsS "http://$listen/api/health" >/dev/null 2>&1; do sleep 0.2; done
	local code
	code="$(curl -fsS "http://$listen/api/catalogue?per_page=1" | jq -r '.items[0].certificate // empty')"
	# 数据 (two characters: the gram index) and 交通流量 (four: FTS5 trigram / pg_trgm).
	local paths=("/api/search?q=%E6%95%B0%E6%8D%AE" "/api/search?q=%E4%BA%A4%E9%80%9A%E6%B5%81%E9%87%8F" "/api/publicity")
	if [ -n "$code" ]; then paths+=("/api/certificates/$code"); else say "no certificate on this chain: certificate lookups skipped"; fi
	if command -v wrk >/dev/null; then
		for p in "${paths[@]}"; do
			say "[$label] wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency $p"
			wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://$listen$p" | tee "$OUT/wrk-$label-$(echo "$p" | tr -c 'a-z0-9' _).txt" |
				grep -E 'Requests/sec|  50%|  99%|Non-2xx|Socket errors' || true
		done
	else
		say "wrk not installed (apt-get install wrk): latency not measured"
	fi
	echo "[$label] portal peak RSS while serving: $(awk '/VmHWM/ {print $2 " " $3}' "/proc/$PORTAL_PID/status")"
	kill -TERM "$PORTAL_PID" 2>/dev/null || true
	wait "$PORTAL_PID" 2>/dev/null || true
	PORTAL_PID=""
}

bench_db "$DATABASE" "${DATABASE%%:*}"
if [ -n "$POSTGRES" ]; then
	PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
	[ -x "$PG_BIN/initdb" ] || die "no PostgreSQL (initdb): scripts/setup.sh installs it"
	PG_DATA="$OUT/pg"
	mkdir -p "$PG_DATA"
	if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DATA"; chmod o+x "$OUT"; fi
	as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust >"$OUT/initdb.log" 2>&1 || die "initdb failed ($OUT/initdb.log)"
	pg_port="$(free_port)"
	as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/log" -o "-p $pg_port -k $PG_DATA -c listen_addresses=127.0.0.1" -w start >/dev/null
	"$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres portal
	bench_db "postgres://postgres@127.0.0.1:$pg_port/portal" postgres
fi
echo "details: $OUT"

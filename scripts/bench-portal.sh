#!/usr/bin/env bash
# Portal benchmark (issue 12 "Speed"). It measures, for the chain a node serves:
#   1. catch-up indexing rate (blocks/s, events/s) as a ratio to the rate at which the same node
#      serves the same reads (`dengji-portal bench-fetch`: same requests, no writes), and the
#      reading half of the catch-up alone (`bench-fetch --rows`: the state rows too, no writes);
#   2. API latency p50/p99 and requests/s under wrk with 64 connections for search, publicity and
#      certificate lookups;
#   3. the portal's peak RSS.
#
# Usage: scripts/bench-portal.sh [--url ws://HOST:PORT] [--postgres] [--release] [--runs N]
#   (default: starts `dengji-node --dev` and waits for BLOCKS finalized blocks, default 60;
#   --postgres: also runs everything on a throw-away PostgreSQL cluster, initdb + pg_ctl in $OUT)
#   --release: use the `production` cargo profile (release + thin LTO, $CARGO_TARGET_DIR/production),
#   the one operators ship (same as PROFILE=production); --runs N: repeat each measurement N times
#   (catch-up into a fresh database, wrk) and print the medians (default 1).
# Env: PROFILE=debug|release|production (default debug), BLOCKS, DURATION (wrk seconds, default 10),
#   CONNECTIONS (default 64), DATABASE (default sqlite:$OUT/bench.db; or postgres://…),
#   REGISTRATIONS=N: first drive N registrations through the pallets with the bulk loader
#   (client/portal/examples/bulk_load.rs: signed transactions from many subjects and operators,
#   apply → accept → publish → 10 WD publicity → approve → issue), LOAD_CONCURRENCY (default 960: the node allows 1 024 subscriptions per connection),
#   SKIP_BUILD=1 (use the binaries already built), START_BLOCK=N or START_BLOCK=-K (K blocks before
#   the head): index from that block with a state snapshot there (for a node that pruned older
#   state; a dev node keeps the state of the last 256 blocks only), TO_BLOCK=N (index up to block N
#   instead of the finalized head: the same range as an earlier run), PORTAL_BIN=PATH (measure
#   that dengji-portal binary, e.g. a copy of an earlier build as the baseline of the same run).
# Each figure is printed with the load average when it was taken (the machine is shared).
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
RUNS="${RUNS:-1}"
URL=""
POSTGRES=""
while [ $# -gt 0 ]; do
	case "$1" in
	--url) URL="$2"; shift 2 ;;
	--postgres) POSTGRES=1; shift ;;
	--release) PROFILE=production; shift ;;
	--runs) RUNS="$2"; shift 2 ;;
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
case "$PROFILE" in
debug) flag="" ;;
release) flag="--release" ;;
*) flag="--profile $PROFILE" ;;
esac
if [ -z "${SKIP_BUILD:-}" ]; then
	say "building dengji-portal ($PROFILE)"
	# The production profile is built with the node, as every bench script does (one shared build).
	pkgs="-p dengji-portal"
	[ "$PROFILE" != production ] || pkgs="-p dengji-node -p dengji-portal"
	# shellcheck disable=SC2086
	(cd "$ROOT" && cargo build $pkgs $flag --locked >&2)
	if [ -n "${REGISTRATIONS:-}" ]; then
		(cd "$ROOT" && cargo build -p dengji-portal --examples $flag --locked >&2)
	fi
fi
PORTAL="${PORTAL_BIN:-$CARGO_TARGET_DIR/$PROFILE/dengji-portal}"

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

# Median of numbers on stdin (one a line).
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "null"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# wrk's latency ("812.00us", "3.21ms", "1.57s") in milliseconds.
to_ms() { awk '{ x = $1; if (x ~ /us$/) { sub(/us$/, "", x); x /= 1000 } else if (x ~ /ms$/) { sub(/ms$/, "", x) } else if (x ~ /m$/) { sub(/m$/, "", x); x *= 60000 } else if (x ~ /s$/) { sub(/s$/, "", x); x *= 1000 } print x }'; }

say "node serving rate: the indexer's reads of blocks $START..$TARGET without writing ($RUNS runs)"
for r in $(seq 1 "$RUNS"); do
	rm -f "$OUT/fetch-only.db" "$OUT/fetch-only.db-wal" "$OUT/fetch-only.db-shm"
	"$PORTAL" --node "$URL" --database "sqlite:$OUT/fetch-only.db" --start-block "$START" bench-fetch --to "$TARGET" >"$OUT/fetch-$r.json" 2>"$OUT/fetch-$r.log"
	jq -c --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" '. + {load_average: $load}' "$OUT/fetch-$r.json" >&2
done
# The run with the median rate stands for the node.
jq -s 'sort_by(.blocks_per_s) | .[length / 2 | floor]' "$OUT"/fetch-*.json >"$OUT/fetch.json"
# The reading half of the catch-up: the same reads plus the state rows the events touch, nothing
# written (what a catch-up could reach with a database that cost nothing).
say "reading half: blocks $START..$TARGET with the state rows they touch, without writing ($RUNS runs)"
for r in $(seq 1 "$RUNS"); do
	"$PORTAL" --node "$URL" --database "sqlite:$OUT/fetch-only.db" --start-block "$START" bench-fetch --to "$TARGET" --rows >"$OUT/reads-$r.json" 2>"$OUT/reads-$r.log"
	jq -c --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" '. + {load_average: $load}' "$OUT/reads-$r.json" >&2
done
jq -s --argjson f "$(cat "$OUT/fetch.json")" 'sort_by(.blocks_per_s) | .[length / 2 | floor] | {reading_half_seconds: .seconds, state_rows, reading_half_blocks_per_s: .blocks_per_s, ratio_percent: (100 * .blocks_per_s / $f.blocks_per_s)}' \
	"$OUT"/reads-*.json | tee "$OUT/reads.json"
# A fresh, empty database for each catch-up run.
fresh_db() {
	local db="$1" label="$2" path
	case "$label" in
	sqlite) path="${db#sqlite:}"; path="${path#//}"; path="${path%%\?*}"; rm -f "$path" "$path-wal" "$path-shm" ;;
	postgres)
		[ -n "$PG_DATA" ] || { [ "$RUNS" = 1 ] || die "--runs needs the throw-away PostgreSQL cluster (--postgres), not DATABASE=postgres://…"; return 0; }
		"$PG_BIN/dropdb" --if-exists -h 127.0.0.1 -p "$pg_port" -U postgres portal
		"$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres portal ;;
	esac
}
# One database: catch-up from block START (ratio to the node's serving rate), then the API under wrk.
bench_db() {
	local db="$1" label="$2"
	local start end events r
	events="$(jq .events "$OUT/fetch.json")"
	for r in $(seq 1 "$RUNS"); do
		fresh_db "$db" "$label"
		say "[$label] catch-up indexing of blocks $START..$TARGET into $db (run $r of $RUNS)"
		start=$(date +%s.%N)
		/usr/bin/time -f '%M' -o "$OUT/index-rss-$label-$r.txt" "$PORTAL" --node "$URL" --database "$db" --start-block "$START" --stop-at "$TARGET" 2>"$OUT/index-$label-$r.log"
		end=$(date +%s.%N)
		jq -n --argjson f "$(cat "$OUT/fetch.json")" --arg s "$(echo "$end - $start" | bc -l)" --argjson n "$((TARGET + 1 - START))" --argjson e "$events" --arg db "$label" \
			--argjson rss "$(cat "$OUT/index-rss-$label-$r.txt")" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
			'{database: $db, blocks: $n, events: $e, index_seconds: ($s|tonumber), index_blocks_per_s: ($n / ($s|tonumber)), index_events_per_s: ($e / ($s|tonumber)),
			  fetch_blocks_per_s: $f.blocks_per_s, fetch_events_per_s: $f.events_per_s, ratio_percent: (100 * ($n / ($s|tonumber)) / $f.blocks_per_s), peak_rss_kib: $rss, load_average: $load}' \
			>"$OUT/catch-up-$label-$r.json"
		jq -c . "$OUT/catch-up-$label-$r.json" >&2
	done
	# Medians over the runs (each field on its own).
	jq -s '{database: .[0].database, runs: length, blocks: .[0].blocks, events: .[0].events, fetch_blocks_per_s: .[0].fetch_blocks_per_s, fetch_events_per_s: .[0].fetch_events_per_s}
		+ (reduce ("index_seconds", "index_blocks_per_s", "index_events_per_s", "ratio_percent", "peak_rss_kib") as $k ({};
			. + {($k): ([$all[][$k]] | sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end)}))' \
		--slurpfile all <(cat "$OUT"/catch-up-"$label"-*.json) "$OUT"/catch-up-"$label"-*.json | tee "$OUT/catch-up-$label.json"

	local listen
	listen="127.0.0.1:$(free_port)"
	say "[$label] serving the API on $listen (log $OUT/portal-$label.log)"
	# --serve-only: the index stays at block TARGET (no catch-up of later blocks beside wrk).
	"$PORTAL" --node "$URL" --database "$db" --start-block "$START" --listen "$listen" --serve-only 2>"$OUT/portal-$label.log" &
	PORTAL_PID=$!
	until curl -fsS "http://$listen/api/health" >/dev/null 2>&1; do sleep 0.2; done
	local code=""
	# A certificate code from the public search (the catalogue is the data authority's, Q40) that
	# the certificate lookup finds: an approved registration's code is reserved before its
	# certificate is issued (the 300 pending of a `bench-spec --pending 300` chain answer 404; the
	# bulk loader issues the oldest 2 000 of 10 000). The codes of the first page and of the last
	# (the oldest applications; found by doubling, then halving) are tried, oldest first.
	approved() { curl -fsS "http://$listen/api/search?status=Approved&per_page=100&page=$1" | jq -r '.items[].certificate // empty' | tac; }
	try_codes() {
		local c
		for c in "$@"; do
			if curl -fsS -o /dev/null "http://$listen/api/certificates/$c" 2>/dev/null; then code="$c"; return; fi
		done
	}
	# shellcheck disable=SC2046
	try_codes $(approved 1)
	if [ -z "$code" ]; then
		local lo=1 hi=2 mid
		while [ "$hi" -le 10000 ] && [ -n "$(approved "$hi")" ]; do lo=$hi; hi=$((hi * 2)); done
		while [ $((hi - lo)) -gt 1 ]; do
			mid=$(((lo + hi) / 2))
			if [ -n "$(approved "$mid")" ]; then lo=$mid; else hi=$mid; fi
		done
		# shellcheck disable=SC2046
		try_codes $(approved "$lo")
	fi
	# 数据 (two characters: the gram index), 交通流量 (four: FTS5 trigram / pg_trgm) and 资源 1002
	# (two words; 111 of the data names of a `bench-spec` chain of 10^5, "基准数据资源 N").
	local paths=("/api/search?q=%E6%95%B0%E6%8D%AE" "/api/search?q=%E4%BA%A4%E9%80%9A%E6%B5%81%E9%87%8F"
		"/api/search?q=%E8%B5%84%E6%BA%90%201002" "/api/publicity")
	if [ -n "$code" ]; then paths+=("/api/certificates/$code"); else say "no certificate on this chain: certificate lookups skipped"; fi
	if command -v wrk >/dev/null; then
		local p f name
		for p in "${paths[@]}"; do
			name="$(echo "$p" | tr -c 'a-z0-9' _)"
			for r in $(seq 1 "$RUNS"); do
				say "[$label] wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency $p (run $r of $RUNS)"
				f="$OUT/wrk-$label-$name-$r.txt"
				wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://$listen$p" >"$f"
				echo "load average $(cut -d' ' -f1-3 /proc/loadavg)" >>"$f"
				grep -E 'Requests/sec|  50%|  99%|Non-2xx|Socket errors|load average' "$f" | tr -s ' ' | paste -sd' ' >&2 || true
			done
			printf '[%s] %s: median of %s runs: p50 %s ms, p99 %s ms, %s req/s, non-2xx %s\n' "$label" "$(printf '%b' "${p//%/\\x}")" "$RUNS" \
				"$(for f in "$OUT/wrk-$label-$name"-*.txt; do awk '$1 == "50%" {print $2}' "$f" | to_ms; done | median)" \
				"$(for f in "$OUT/wrk-$label-$name"-*.txt; do awk '$1 == "99%" {print $2}' "$f" | to_ms; done | median)" \
				"$(for f in "$OUT/wrk-$label-$name"-*.txt; do awk '/Requests\/sec/ {print $2}' "$f"; done | median)" \
				"$(for f in "$OUT/wrk-$label-$name"-*.txt; do awk '/Non-2xx/ {n = $NF} END {print n + 0}' "$f"; done | paste -sd+ | bc)" |
				tee -a "$OUT/summary.txt"
		done
	else
		say "wrk not installed (scripts/setup.sh installs it): latency not measured"
	fi
	echo "[$label] portal peak RSS: catch-up $(jq .peak_rss_kib "$OUT/catch-up-$label.json") KiB (median), serving $(awk '/VmHWM/ {print $2 " " $3}' "/proc/$PORTAL_PID/status")" |
		tee -a "$OUT/summary.txt"
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

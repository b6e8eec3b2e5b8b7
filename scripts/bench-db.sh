#!/usr/bin/env bash
# Scale on a real database (issue 15 §3): a production-profile node whose ParityDB holds N
# certificates made by the pallets (`dengji-node bench-spec`, a benchmark genesis), per N:
#
#   scripts/bench-db.sh [--sizes 10000,100000] [--pending K] [--rate R] [--chain dev|local]
#                       [--per-day D] [--dir DIR] [--keep] [--reuse] [--no-build]
#
# For each N: bench-spec builds the state and writes its genesis block straight into a ParityDB
# database (`--database DIR/genesis-N`; the spec carries only the genesis state root, so that the
# node never parses or holds the state as JSON: 10^6 certificates would be a 1.9 GB spec); with
# --reuse a genesis-N kept by an earlier run with --keep on the same Asia/Shanghai day is used
# again. Filings per simulated day: --per-day, default 100, or N/8000 when more: the runtime
# queues every running deadline on its due day, at most 256 a day plus 4 spill days, and a
# weekend's filings fall due on one working day, so 10^6 takes 125 a day over 22 years (from
# 2005; most of those certificates have expired by now, as on a chain that old). The database is
# copied to DIR/db-N and one validator started on it (`--chain dev` base: Alice), its genesis hash
# checked against bench-spec's, and measured: the time to start, the ParityDB directory size once
# a few blocks are built and after a clean stop (bytes per certificate: against N = 0, same run),
# idle RSS; then sends the K pre-signed
# `Certificate.issue` transactions (real issuances on the N-certificate state) at R per second
# (default 300 at 10/s) and reads the node's log for the time it took to build each block
# ("Prepared block for proposing … (X ms) … extrinsics_count: E": the extrinsics are executed
# there; a block is imported by the author without executing it again): ms per extrinsic;
# then the proof-bundle size and the time `dengji cert bundle` takes to fetch it from the node
# (median of 5) for the first and the last certificate the load issued (the SDK verifies a bundle
# before handing it out, and certificates issued inside the genesis sign its placeholder hash,
# see node/src/bench_genesis.rs), and that the last verifies (`dengji cert verify`); RSS after
# the load (VmRSS, VmHWM). Prints a table and `BENCH_DB_JSON {…}`.
#
# The node is target/production/dengji-node (`cargo build --profile production -p dengji-node`,
# built unless --no-build or $DENGJI_NODE_BIN); the CLI is target/debug/dengji ($DENGJI_CLI_BIN);
# $DENGJI_SPEC_BIN, if set, writes the specs instead of the node (their runtime is its wasm).
# Drafts must be issued on the Asia/Shanghai day they were made: run it before 16:00 UTC.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
SIZES=10000,100000
PENDING=300
RATE=10
CHAIN=dev
DIR=""
KEEP=0
REUSE=0
PER_DAY=""
BUILD=1

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
	case "$1" in
	--sizes) SIZES="$2"; shift 2 ;;
	--pending) PENDING="$2"; shift 2 ;;
	--rate) RATE="$2"; shift 2 ;;
	--chain) CHAIN="$2"; shift 2 ;;
	--dir) DIR="$2"; shift 2 ;;
	--keep) KEEP=1; shift ;;
	--reuse) REUSE=1; shift ;;
	--per-day) PER_DAY="$2"; shift 2 ;;
	--no-build) BUILD=0; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "bench-db: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done
say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

if [ -z "${DENGJI_NODE_BIN:-}" ]; then
	if [ "$BUILD" -eq 1 ]; then
		say "building the production node"
		# With the portal: one production build shared by every bench script (scripts/bench-chain.sh).
		(cd "$ROOT" && cargo build --profile production -p dengji-node -p dengji-portal --locked >&2)
	fi
	DENGJI_NODE_BIN="$CARGO_TARGET_DIR/production/dengji-node"
fi
CLI="${DENGJI_CLI_BIN:-$CARGO_TARGET_DIR/debug/dengji}"
# The binary that writes the specs (the spec embeds its runtime wasm); default: the node.
SPEC_BIN="${DENGJI_SPEC_BIN:-$DENGJI_NODE_BIN}"
[ -x "$DENGJI_NODE_BIN" ] || { echo "bench-db: no node at $DENGJI_NODE_BIN" >&2; exit 1; }
[ -x "$CLI" ] || { echo "bench-db: no CLI at $CLI (cargo build -p dengji-cli)" >&2; exit 1; }
[ -n "$DIR" ] || DIR="$(mktemp -d /tmp/bench-db.XXXXXX)"
mkdir -p "$DIR"
NODE_PID=""
cleanup() {
	[ -n "$NODE_PID" ] && kill "$NODE_PID" 2>/dev/null && wait "$NODE_PID" 2>/dev/null
	[ "$KEEP" -eq 1 ] || rm -rf "$DIR"/db-* "$DIR"/genesis-*
}
trap cleanup EXIT

rpc() { # method params-json
	curl -s -H 'Content-Type: application/json' \
		-d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$1\",\"params\":$2}" "http://127.0.0.1:$RPC"
}
rss() { awk -v k="$2" '$1==k":" {printf "%.1f", $2/1024}' "/proc/$1/status"; }
dbsize() { du -sB1 "$1"/chains/*/paritydb | awk '{s+=$1} END {printf "%.0f\n", s}'; } # allocated bytes (printf: no 2.5e+09)
best() { rpc chain_getHeader '[]' | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["result"]["number"],16))'; }
wait_best() { # number timeout-secs
	local t=0
	while [ "$(best 2>/dev/null || echo 0)" -lt "$1" ]; do
		sleep 1; t=$((t + 1))
		[ "$t" -lt "$2" ] || { echo "bench-db: block $1 not reached in $2 s" >&2; tail -5 "$LOG" >&2; return 1; }
	done
}
median() { python3 -c 'import sys,statistics; v=[float(x) for x in sys.argv[1:]]; print(round(statistics.median(v),1) if v else "")' "$@"; }

RESULTS=()
RPC="${BENCH_DB_RPC:-19970}"
for N in 0 ${SIZES//,/ }; do
	K=$PENDING
	[ "$N" -gt 0 ] || K=0
	SPEC="$DIR/bench-$N.json"
	GENESIS="$DIR/genesis-$N"
	SUMMARY="$DIR/bench-$N.summary"
	if [ "$REUSE" -eq 1 ] && [ -s "$SUMMARY" ] && [ -d "$GENESIS" ]; then
		say "N = $N: reusing $GENESIS"
		read -r spec_secs OUT <"$SUMMARY"
	else
		say "N = $N: bench-spec --database (pending $K, ${PER_DAY:-auto} filings a day)"
		rm -rf "$GENESIS"
		per_day=${PER_DAY:-$(((N + 7999) / 8000 > 100 ? (N + 7999) / 8000 : 100))}
		t0=$(date +%s.%N)
		OUT=$("$SPEC_BIN" bench-spec --chain "$CHAIN" --certificates "$N" --pending "$K" --per-day "$per_day" \
			--database "$GENESIS" --out "$SPEC" --issue-out "$DIR/bench-$N.issue" |
			grep '^BENCH_SPEC_JSON ' | cut -d' ' -f2-)
		spec_secs=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")
		echo "$spec_secs $OUT" >"$SUMMARY"
	fi
	GEN=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["genesis_hash"])' "$OUT")
	genesis_bytes=$(dbsize "$GENESIS")
	say "genesis database $((genesis_bytes / 1048576)) MiB, made in $spec_secs s; starting the node on a copy"
	DB="$DIR/db-$N"
	rm -rf "$DB"
	cp -a "$GENESIS" "$DB"
	LOG="$DIR/node-$N.log"
	t0=$(date +%s.%N)
	"$DENGJI_NODE_BIN" --chain "$SPEC" --base-path "$DB" --alice --validator --database paritydb \
		--rpc-port "$RPC" --port $((RPC + 100)) --no-prometheus --no-telemetry --no-mdns \
		--node-key 0000000000000000000000000000000000000000000000000000000000000001 \
		>"$LOG" 2>&1 &
	NODE_PID=$!
	until rpc system_health '[]' 2>/dev/null | grep -q result; do
		sleep 0.2
		kill -0 "$NODE_PID" 2>/dev/null || { tail -20 "$LOG" >&2; exit 1; }
	done
	start_secs=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")
	got=$(rpc chain_getBlockHash '[0]' | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"])')
	[ "$got" = "$GEN" ] || { echo "bench-db: genesis $got, bench-spec said $GEN" >&2; exit 1; }
	wait_best 3 120
	db_idle=$(dbsize "$DB")
	rss_idle=$(rss "$NODE_PID" VmRSS)
	row="{\"n\":$N,\"spec\":$OUT,\"spec_secs\":$spec_secs,\"genesis_bytes\":$genesis_bytes,\"start_secs\":$start_secs,\"db_bytes\":$db_idle,\"rss_idle_mib\":$rss_idle"
	if [ "$K" -gt 0 ]; then
		say "sending $K issue transactions at $RATE/s"
		from=$(best)
		python3 - "$RPC" "$RATE" "$DIR/bench-$N.issue" <<'PY'
import json, sys, time, urllib.request
port, rate, path = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
txs = [l.strip() for l in open(path) if l.strip()]
t0, bad = time.time(), 0
for i, tx in enumerate(txs):
    wait = t0 + i / rate - time.time()
    if wait > 0:
        time.sleep(wait)
    req = urllib.request.Request(f"http://127.0.0.1:{port}", json.dumps(
        {"id": i, "jsonrpc": "2.0", "method": "author_submitExtrinsic", "params": [tx]}).encode(),
        {"Content-Type": "application/json"})
    r = json.load(urllib.request.urlopen(req))
    if "error" in r:
        bad += 1
        print("refused:", r["error"], file=sys.stderr)
print(f"sent {len(txs)} in {time.time() - t0:.1f} s, {bad} refused", file=sys.stderr)
PY
		# Until the pool is empty and two more blocks are built.
		t=0
		while [ "$(rpc author_pendingExtrinsics '[]' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["result"]))')" -gt 0 ]; do
			sleep 1; t=$((t + 1)); [ "$t" -lt 300 ] || break
		done
		wait_best $(($(best) + 2)) 60
		to=$(best)
		# ms per extrinsic of the blocks built since the load began (the timestamp inherent
		# is one extrinsic).
		read -r per_tx blocks txs_in <<<"$(python3 - "$LOG" "$from" <<'PY'
import re, statistics, sys
log, start = sys.argv[1], int(sys.argv[2])
pat = re.compile(r"Prepared block for proposing at (\d+) \((\d+) ms\).*extrinsics_count: (\d+)")
per, n, total = [], 0, 0
for line in open(log, errors="replace"):
    m = pat.search(line)
    if m and int(m.group(1)) > start and int(m.group(3)) > 1:
        num, ms, ex = int(m.group(1)), int(m.group(2)), int(m.group(3)) - 1
        per.append(ms / ex); n += 1; total += ex
print(round(statistics.median(per), 3) if per else "null", n, total)
PY
)"
		say "blocks $from..$to: $txs_in issuances in $blocks blocks, median $per_tx ms per extrinsic"
		codes=$(python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print(" ".join(j["pending_codes"][:1] + j["pending_codes"][-1:]))' "$OUT")
		bundles=""
		for code in $codes; do
			times=()
			for _ in 1 2 3 4 5; do
				t0=$(date +%s%N)
				"$CLI" cert bundle --url "ws://127.0.0.1:$RPC" "$code" -o "$DIR/bundle.bin" >/dev/null
				times+=("$(( ($(date +%s%N) - t0) / 1000000 ))")
			done
			bsize=$(stat -c %s "$DIR/bundle.bin")
			bundles+="{\"code\":\"$code\",\"bytes\":$bsize,\"fetch_ms_median\":$(median "${times[@]}")},"
			say "bundle of $code: $bsize B, dengji cert bundle median $(median "${times[@]}") ms"
		done
		last=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["pending_codes"][-1])' "$OUT")
		verdict=$({ "$CLI" cert verify --url "ws://127.0.0.1:$RPC" "$last" 2>&1 || true; } | grep -m1 -iE 'valid|fail|error' | tr '"' '_' || true)
		say "verify $last: $verdict"
		row+=",\"load\":{\"blocks\":\"$from..$to\",\"issued\":$txs_in,\"blocks_with_load\":$blocks,\"ms_per_extrinsic_median\":$per_tx},\"bundles\":[${bundles%,}],\"verify_last\":\"$verdict\""
		row+=",\"db_bytes_after_load\":$(dbsize "$DB")"
	fi
	row+=",\"rss_mib\":$(rss "$NODE_PID" VmRSS),\"rss_peak_mib\":$(rss "$NODE_PID" VmHWM)"
	kill "$NODE_PID"; wait "$NODE_PID" 2>/dev/null || true; NODE_PID=""
	# After a clean stop ParityDB has written its log into the tables.
	row+=",\"db_bytes_stopped\":$(dbsize "$DB")}"
	RESULTS+=("$row")
	[ "$KEEP" -eq 1 ] || rm -rf "$DB"
	echo "$row" >&2
done
JSON="[$(IFS=,; echo "${RESULTS[*]}")]"
python3 - "$JSON" <<'PY'
import json, sys
rows = json.loads(sys.argv[1])
base = next(r for r in rows if r["n"] == 0)["db_bytes_stopped"]
print("| N | state keys | genesis database: built and written in / size | node start | ParityDB running / stopped | bytes/cert above N=0 (stopped) | ms per issue (median block) | bundle bytes (first / last issued by the load) | `dengji cert bundle` ms | RSS idle / after / peak MiB |")
print("|---:|---:|---:|---:|---:|---:|---:|---|---|---|")
for r in rows:
    n = r["n"]
    per = f'{(r["db_bytes_stopped"] - base) / n:.0f}' if n else "—"
    load = r.get("load", {})
    b = r.get("bundles", [])
    print(f'| {n} | {r["spec"]["state_keys"]} | {r["spec_secs"]} s / {r["genesis_bytes"]/2**20:.1f} MiB | {r["start_secs"]} s | '
          f'{r["db_bytes"]/2**20:.1f} / {r["db_bytes_stopped"]/2**20:.1f} MiB | {per} | {load.get("ms_per_extrinsic_median", "—")} | '
          f'{" / ".join(str(x["bytes"]) for x in b) or "—"} | {" / ".join(str(x["fetch_ms_median"]) for x in b) or "—"} | '
          f'{r["rss_idle_mib"]} / {r["rss_mib"]} / {r["rss_peak_mib"]} |')
PY
echo "BENCH_DB_JSON $JSON"

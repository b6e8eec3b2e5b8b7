#!/usr/bin/env bash
# Sync of a new node (issue 15 §4): a new full node joins a chain of B blocks whose state holds N
# registrations with certificates, by full sync and by GRANDPA warp sync.
#
#   scripts/bench-sync.sh [--registrations N] [--blocks B] [--pending K] [--runs R]
#                         [--dir DIR] [--keep] [--no-build]
#
# The chain (default N = 100000, B = 100000, K = 300):
#   1. `dengji-node bench-spec --chain dev --certificates N --pending K --hours-ago H`: a genesis of
#      N registrations with issued certificates made by the pallets' calls, its clock ending H hours
#      ago (H: B slots of 3 s, plus one hour);
#   2. `dengji-node bench-blocks --count B --include pending.issue`: B blocks in the B slots after
#      the genesis clock, built by the runtime, sealed by Alice, the K issuances of the spec's
#      drafts in the first blocks (certificates that verify);
#   3. three serving nodes on copies of that database (Alice authoring on from the present slot,
#      GRANDPA finalizing the whole chain, and two full nodes: warp sync waits for three peers).
# Then, R times each, a new node starts with an empty database and the servers as reserved peers:
#   - `--sync full`: imports and executes every block. Measured: time until its best block reaches
#     the servers' finalized block at its start (blocks/s), until it has finalized it, and until
#     `dengji cert verify --url` against it says VALID for a certificate issued in block 1;
#   - `--sync warp`: GRANDPA warp proof, then the state at the finalized block. Measured: time
#     until it has that state and follows the chain (target: under 60 s), until the verify is
#     VALID; state bytes downloaded (its log).
# Also the servers' database size and the new nodes' RSS. Prints a table and `BENCH_SYNC_JSON {…}`.
#
# The node is target/production/dengji-node (`cargo build --profile production -p dengji-node
# -p dengji-portal`, built unless --no-build or $DENGJI_NODE_BIN); the CLI is target/debug/dengji
# ($DENGJI_CLI_BIN). The pending drafts are issued in the genesis clock's (Asia/Shanghai) day:
# keep B so that the hours ago stay inside it (B = 100000: 84 h, any time of day works as the
# first block follows the genesis clock by one slot).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
N=100000
B=100000
K=300
RUNS=1
DIR=""
KEEP=0
BUILD=1
# Named timeouts (seconds).
FINALIZE_TIMEOUT="${FINALIZE_TIMEOUT:-900}"
FULL_SYNC_TIMEOUT="${FULL_SYNC_TIMEOUT:-3600}"
WARP_SYNC_TIMEOUT="${WARP_SYNC_TIMEOUT:-900}"
VERIFY_TIMEOUT="${VERIFY_TIMEOUT:-300}"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
	case "$1" in
	--registrations) N="$2"; shift 2 ;;
	--blocks) B="$2"; shift 2 ;;
	--pending) K="$2"; shift 2 ;;
	--runs) RUNS="$2"; shift 2 ;;
	--dir) DIR="$2"; shift 2 ;;
	--keep) KEEP=1; shift ;;
	--no-build) BUILD=0; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "bench-sync: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done
[ "$K" -gt 0 ] || { echo "bench-sync: --pending must be > 0 (a certificate to verify)" >&2; exit 2; }
say() { printf '\033[1m==>\033[0m %s [%s, load %s]\n' "$*" "$(date -u +%H:%M:%S)" "$(cut -d' ' -f1 /proc/loadavg)" >&2; }
die() { printf 'bench-sync: %s\n' "$*" >&2; exit 1; }

if [ -z "${DENGJI_NODE_BIN:-}" ]; then
	if [ "$BUILD" -eq 1 ]; then
		say "building the production node"
		(cd "$ROOT" && cargo build --profile production -p dengji-node -p dengji-portal --locked >&2)
	fi
	DENGJI_NODE_BIN="$CARGO_TARGET_DIR/production/dengji-node"
fi
CLI="${DENGJI_CLI_BIN:-$CARGO_TARGET_DIR/debug/dengji}"
if [ ! -x "$CLI" ]; then
	[ "$BUILD" -eq 1 ] || die "$CLI missing (cargo build -p dengji-cli)"
	(cd "$ROOT" && cargo build -p dengji-cli --locked >&2)
fi
NODE="$DENGJI_NODE_BIN"

DIR="${DIR:-$(mktemp -d "${TMPDIR:-/tmp}/dengji-bench-sync.XXXXXX")}"
mkdir -p "$DIR"
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	[ "$KEEP" -eq 1 ] || rm -rf "$DIR"
}
trap cleanup EXIT

# Node keys 1..3: the servers; 4.. : the new nodes.
key() { printf '%064x' "$1"; }
peer() { key "$1" | "$NODE" key inspect-node-key; }
P2P=31700
RPC=19700
addr() { echo "/ip4/127.0.0.1/tcp/$((P2P + $1))/p2p/$(peer "$1")"; }
rpc() { # port method params
	curl -sf -H 'Content-Type: application/json' \
		-d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$2\",\"params\":${3:-[]}}" "http://127.0.0.1:$1"
}
finalized() { # port → finalized block number
	local h
	h=$(rpc "$1" chain_getFinalizedHead | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"])') || return 1
	rpc "$1" chain_getHeader "[\"$h\"]" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["result"]["number"], 16))'
}
best() { rpc "$1" chain_getHeader | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["result"]["number"], 16))'; }
now() { date +%s.%N; }
since() { python3 -c "print(round($(now) - $1, 1))"; }
rss() { awk -v k="$2:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
dbsize() { du -sb "$1" | cut -f1; }
# until CMD succeeds; fails after TIMEOUT seconds naming WHAT.
wait_for() { # what timeout pid cmd...
	local what=$1 deadline=$((SECONDS + $2)) pid=$3
	shift 3
	until "$@" >/dev/null 2>&1; do
		kill -0 "$pid" 2>/dev/null || die "$what: the node exited (log in $DIR)"
		[ "$SECONDS" -lt "$deadline" ] || die "$what: not within $2 s"
		sleep 0.5
	done
}
at_least() { [ "$("$1" "$2")" -ge "$3" ]; }
verifies() {
	"$CLI" --json cert verify --url "ws://127.0.0.1:$1" "$2" 2>/dev/null |
		python3 -c 'import json,sys; sys.exit(json.load(sys.stdin).get("verdict") != "valid")'
}

# 1. The spec.
HOURS=$(( (B * 3 + 3599) / 3600 + 1 ))
say "bench-spec: $N registrations, $K drafts, clock ending $HOURS h ago"
t0=$(now)
SPEC_OUT=$("$NODE" bench-spec --chain dev --certificates "$N" --pending "$K" --hours-ago "$HOURS" \
	--out "$DIR/spec.json" --issue-out "$DIR/pending.issue" | grep '^BENCH_SPEC_JSON ' | cut -d' ' -f2-)
spec_secs=$(since "$t0")
CODE=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["pending_codes"][0])' "$SPEC_OUT")

# 2. The blocks.
say "bench-blocks: $B blocks"
SRC="$DIR/server1"
BLOCKS_OUT=$("$NODE" bench-blocks --chain "$DIR/spec.json" --base-path "$SRC" --database paritydb \
	--count "$B" --include "$DIR/pending.issue" 2>"$DIR/bench-blocks.log" | grep '^BENCH_BLOCKS_JSON ' | cut -d' ' -f2-)
[ -n "$BLOCKS_OUT" ] || { tail -5 "$DIR/bench-blocks.log" >&2; die "bench-blocks failed"; }
say "blocks: $BLOCKS_OUT"
cp -a "$SRC" "$DIR/server2"
cp -a "$SRC" "$DIR/server3"

# 3. The servers. Each keeps the others and the new nodes (keys 4..) as reserved peers: on a
# development chain a node takes no full peer that is not reserved (issue 11 §7).
NEW_KEYS=$(seq 4 $((3 + 2 * RUNS)))
reserved() {
	local me=$1 k args=()
	for k in 1 2 3 $NEW_KEYS; do [ "$k" = "$me" ] || args+=(--reserved-nodes "$(addr "$k")"); done
	echo "${args[@]}"
}
start_node() { # index base-path extra-args...
	local i=$1 base=$2
	shift 2
	# shellcheck disable=SC2046
	"$NODE" --chain "$DIR/spec.json" --base-path "$base" --database paritydb --node-key "$(key "$i")" \
		--port $((P2P + i)) --rpc-port $((RPC + i)) --no-prometheus --no-telemetry --no-mdns \
		$(reserved "$i") "$@" >"$DIR/node-$i.log" 2>&1 &
	PIDS+=($!)
	LAST_PID=$!
}
say "starting the servers"
start_node 1 "$SRC" --alice --validator
S1=$LAST_PID
start_node 2 "$DIR/server2"
start_node 3 "$DIR/server3"
wait_for "server RPC" 120 "$S1" rpc $((RPC + 1)) system_health
t0=$(now)
wait_for "GRANDPA finalizing the $B blocks" "$FINALIZE_TIMEOUT" "$S1" at_least finalized $((RPC + 1)) "$B"
finalize_secs=$(since "$t0")
wait_for "server 3 following" "$FINALIZE_TIMEOUT" "$S1" at_least finalized $((RPC + 3)) "$B"
say "servers finalized #$(finalized $((RPC + 1))) (GRANDPA over the bench blocks: $finalize_secs s)"
db_bytes=$(dbsize "$DIR/server2")

# 4. New nodes.
ROWS=()
idx=4
for run in $(seq 1 "$RUNS"); do
	for mode in full warp; do
		target=$(finalized $((RPC + 1)))
		base="$DIR/new-$idx"
		say "run $run: --sync $mode to #$target"
		t0=$(now)
		start_node "$idx" "$base" --sync "$mode"
		pid=$LAST_PID
		port=$((RPC + idx))
		wait_for "RPC of the new node" 120 "$pid" rpc "$port" system_health
		up=$(since "$t0")
		timeout=$FULL_SYNC_TIMEOUT
		[ "$mode" = full ] || timeout=$WARP_SYNC_TIMEOUT
		wait_for "$mode sync to #$target" "$timeout" "$pid" at_least best "$port" "$target"
		synced=$(since "$t0")
		wait_for "$mode sync: finalized #$target" "$timeout" "$pid" at_least finalized "$port" "$target"
		final=$(since "$t0")
		wait_for "$mode sync: $CODE verifies" "$VERIFY_TIMEOUT" "$pid" verifies "$port" "$CODE"
		verified=$(since "$t0")
		state=$(grep -oE 'State sync.*|Imported [0-9]+ keys|state \([0-9.]+ [KMG]i?B\)' "$DIR/node-$idx.log" | tail -1 || true)
		row="{\"run\":$run,\"mode\":\"$mode\",\"target\":$target,\"started_secs\":$up,\"synced_secs\":$synced,\"finalized_secs\":$final,\"verify_secs\":$verified"
		row+=",\"blocks_per_sec\":$(python3 -c "print(round($target / max($synced - $up, 0.1), 1))"),\"rss_mib\":$(rss "$pid" VmRSS),\"rss_peak_mib\":$(rss "$pid" VmHWM)"
		row+=",\"db_bytes\":$(dbsize "$base"),\"state_log\":\"${state//\"/}\"}"
		say "$row"
		ROWS+=("$row")
		kill "$pid"; wait "$pid" 2>/dev/null || true
		[ "$KEEP" -eq 1 ] || rm -rf "$base"
		idx=$((idx + 1))
	done
done

JSON="{\"registrations\":$N,\"blocks\":$B,\"pending\":$K,\"spec\":$SPEC_OUT,\"spec_secs\":$spec_secs,\"bench_blocks\":$BLOCKS_OUT,\"finalize_secs\":$finalize_secs,\"server_db_bytes\":$db_bytes,\"code\":\"$CODE\",\"runs\":[$(IFS=,; echo "${ROWS[*]}")]}"
python3 - "$JSON" <<'PY'
import json, statistics, sys
j = json.loads(sys.argv[1])
print(f"chain: {j['blocks']} blocks on a genesis of {j['registrations']} registrations; "
      f"bench-blocks {j['bench_blocks']['blocks_per_sec']} blocks/s; server DB {j['server_db_bytes'] / 2**20:.0f} MiB")
print("| mode | runs | node started, RPC up (s) | synced to the finalized head (s) | blocks/s after start | finalized (s) | bundle verifies (s) | RSS peak MiB | DB MiB |")
print("|---|---|---|---|---|---|---|---|---|")
for mode in ("full", "warp"):
    rs = [r for r in j["runs"] if r["mode"] == mode]
    m = lambda k: statistics.median(r[k] for r in rs)
    print(f"| {mode} | {len(rs)} | {m('started_secs')} | {m('synced_secs')} ({', '.join(str(r['synced_secs']) for r in rs)}) | "
          f"{m('blocks_per_sec')} | {m('finalized_secs')} | {m('verify_secs')} | {m('rss_peak_mib')} | {m('db_bytes') / 2**20:.0f} |")
PY
echo "BENCH_SYNC_JSON $JSON"

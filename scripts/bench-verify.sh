#!/usr/bin/env bash
# dengji-verify benchmark: bundles verified per second per core vs raw ed25519-dalek verify_strict
# for the same signatures (target ratio >= 70%), and bundle sizes for 4 and 16 validators
# (target <= 8 KiB at 4). Single-threaded, release profile.
#
#   scripts/bench-verify.sh [cargo bench args]
#
# Memory of the verify CLI (issue 15 §6): peak RSS of `dengji cert verify --require-sm2`, online
# (proof bundle built from the node over RPC, then checked) and offline (bundle file + trust root),
# RUNS times each (default 5), median and range in KiB (GNU time's maximum resident set size).
#
#   scripts/bench-verify.sh --rss [--url ws://HOST:PORT --code CODE --trust FILE] [--cli PATH]
#
# Without --url it starts `dengji-node --dev --tmp` on free ports and issues a co-signed
# certificate with `scripts/demo.sh --url … --no-build` (needs the debug node, CLI and portal
# built); with --url it verifies CODE against the trust root FILE. --cli picks the CLI binary
# (default $CARGO_TARGET_DIR/release/dengji if built, else debug/dengji; the figure names it).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != --rss ]; then
	export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target-client}"
	exec cargo bench -q -p dengji-verify --bench verify "$@"
fi
shift

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
URL="" CODE="" TRUST="" CLI=""
RUNS="${RUNS:-5}"
while [ $# -gt 0 ]; do
	case "$1" in
	--url) URL="$2"; shift 2 ;;
	--code) CODE="$2"; shift 2 ;;
	--trust) TRUST="$2"; shift 2 ;;
	--cli) CLI="$2"; shift 2 ;;
	*) echo "bench-verify: unknown option $1" >&2; exit 2 ;;
	esac
done
die() { printf 'bench-verify: %s\n' "$*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is needed: apt-get install time"
if [ -z "$CLI" ]; then
	CLI="$CARGO_TARGET_DIR/release/dengji"
	[ -x "$CLI" ] || CLI="$CARGO_TARGET_DIR/debug/dengji"
fi
[ -x "$CLI" ] || die "no dengji CLI at $CLI: cargo build -p dengji-cli"

OUT="$(mktemp -d "${TMPDIR:-/tmp}/dengji-bench-verify.XXXXXX")"
NODE_PID=""
cleanup() {
	[ -z "$NODE_PID" ] || { kill -TERM "$NODE_PID" 2>/dev/null; wait "$NODE_PID" 2>/dev/null; } || true
	rm -rf "$OUT"
}
trap cleanup EXIT

if [ -z "$URL" ]; then
	NODE="${DENGJI_NODE_BIN:-$CARGO_TARGET_DIR/debug/dengji-node}"
	[ -x "$NODE" ] || die "no dengji-node at $NODE: cargo build -p dengji-node"
	port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
	rpc="$(port)"
	"$NODE" --dev --tmp --rpc-port "$rpc" --port "$(port)" --prometheus-port "$(port)" >"$OUT/node.log" 2>&1 &
	NODE_PID=$!
	URL="ws://127.0.0.1:$rpc"
	echo "bench-verify: dev node at $URL; issuing a co-signed certificate with scripts/demo.sh" >&2
	DENGJI_PORT_OFFSET=$((rpc % 1000 + 20)) scripts/demo.sh --url "$URL" --no-build --out "$OUT/demo" >"$OUT/demo.out" ||
		{ tail -n 30 "$OUT/node.log" >&2; die "demo.sh failed"; }
	CODE="$(awk '/^CERTIFICATE /{print $2}' "$OUT/demo.out")"
	TRUST="$OUT/demo/trust.json"
fi
[ -n "$CODE" ] && [ -f "$TRUST" ] || die "give --code CODE and --trust FILE with --url"

# rss KIND ARGS...: peak RSS (KiB) of one `dengji ARGS`, which must exit 0.
rss() {
	local kind="$1"; shift
	/usr/bin/time -f '%M' -o "$OUT/rss" "$CLI" --quiet "$@" >"$OUT/$kind.out" 2>"$OUT/$kind.err" ||
		{ cat "$OUT/$kind.err" "$OUT/$kind.out" >&2; die "dengji $* failed"; }
	cat "$OUT/rss"
}
median() { sort -n | awk '{a[NR]=$1} END {printf "%d KiB median (%d–%d, %d runs)", a[int((NR+1)/2)], a[1], a[NR], NR}'; }
"$CLI" --quiet cert verify "$CODE" --url "$URL" --trust "$TRUST" --require-sm2 -o "$OUT/bundle.bin" >/dev/null
online=() offline=()
for _ in $(seq "$RUNS"); do
	online+=("$(rss online cert verify "$CODE" --url "$URL" --trust "$TRUST" --require-sm2)")
	offline+=("$(rss offline cert verify --bundle "$OUT/bundle.bin" --trust "$TRUST" --require-sm2)")
done
echo "verify CLI peak RSS ($CLI, $(wc -c <"$OUT/bundle.bin")-byte bundle, SM2 required):"
echo "  online  (bundle from $URL): $(printf '%s\n' "${online[@]}" | median)"
echo "  offline (bundle file):      $(printf '%s\n' "${offline[@]}" | median)"

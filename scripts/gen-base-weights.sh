#!/usr/bin/env bash
# Regenerates the runtime's base weights in runtime/src/weights/ (issue 11 §8):
#   paritydb_weights.rs   `dengji-node benchmark storage --database paritydb` (read/write of one
#                         storage item) on a node database holding a realistic state;
#   block_weights.rs      `dengji-node benchmark overhead`: executing an empty block;
#   extrinsic_weights.rs  the same: one more signed `System::remark` in a block.
#
#   scripts/gen-base-weights.sh --base-path DIR --chain SPEC [--no-build] [--runs N]
#
# --base-path DIR  a stopped node's base path (ParityDB) with a realistic state, e.g. a copy of a
#                  dev chain after `cargo run -p dengji-portal --example bulk_load` (the storage
#                  benchmark rolls its writes back, but use a copy anyway).
# --chain SPEC     the chain spec that created DIR (raw JSON, `dengji-node export-chain-spec
#                  --raw` of the node that wrote it; `dev` if it is this build's dev chain).
# --runs N         runs of each benchmark (default 3); the run with the median write weight and
#                  the one with the median extrinsic base weight are kept, all are printed.
# --no-build       use the node already built in the target directory.
#
# The overhead benchmark runs on a fresh `local` chain: its 7 participant dev accounts sign the
# remarks in turn (each account may have only `MaxTransactionsPerBlock` transactions in a block).
# Build directory: $DENGJI_BENCH_TARGET_DIR (default $HOME/.cache/dengji-target-bench), release.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

BASE=""
CHAIN=""
BUILD=1
RUNS=3
while [ $# -gt 0 ]; do
	case "$1" in
	--base-path) BASE="$2"; shift 2 ;;
	--chain) CHAIN="$2"; shift 2 ;;
	--runs) RUNS="$2"; shift 2 ;;
	--no-build) BUILD=0; shift ;;
	-h | --help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "gen-base-weights: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -n "$BASE" ] && [ -n "$CHAIN" ] || { echo "gen-base-weights: --base-path and --chain are required" >&2; exit 2; }

export CARGO_TARGET_DIR="${DENGJI_BENCH_TARGET_DIR:-$HOME/.cache/dengji-target-bench}"
if [ "$BUILD" = 1 ]; then
	cargo build --locked --release -p dengji-node --features runtime-benchmarks
fi
NODE="$CARGO_TARGET_DIR/release/dengji-node"
OUT="runtime/src/weights"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The generated files name `sp_weights`, which the runtime reaches through frame_support; then
# the house format (rustfmt.toml).
fix_file() {
	sed -i 's/use sp_weights::/use frame_support::weights::/' "$1"
	perl -0pi -e 's{/// `ParityDB` can be enabled with a feature flag, but is still experimental\. These weights\n\s*/// are available for brave runtime engineers who may want to try this out as default\.}{/// The database of `dengji-node` (ParityDB): `frame_system::Config::DbWeight` of the runtime.}' "$1"
	rustfmt --edition 2021 "$1"
}

# Shared machines are noisy: every benchmark runs --runs times and the run with the median figure
# (write weight, extrinsic base weight) is kept; all runs are printed.
median_run() { # FILE PATTERN: prints the run whose first number matching PATTERN is the median
	local runs
	runs="$(for i in $(seq 1 "$RUNS"); do
		echo "$(grep -o "$2" "$WORK/run$i/$1" | head -1 | tr -dc 0-9) run$i"
	done | sort -n)"
	echo "$runs" >&2
	echo "$runs" | sed -n "$(((RUNS + 1) / 2))p" | cut -d' ' -f2
}

for i in $(seq 1 "$RUNS"); do
	mkdir -p "$WORK/run$i"
	echo "gen-base-weights: storage (ParityDB) run $i/$RUNS on $BASE (load $(cut -d' ' -f1 /proc/loadavg))" >&2
	# Batches of 1 000 keys: about the writes of a full Dengji block (the default, 100 000,
	# amortises a commit over more keys than a block ever writes).
	"$NODE" benchmark storage --chain "$CHAIN" --base-path "$BASE" --database paritydb \
		--state-version 1 --batch-size 1000 --warmups 2 --random-seed 7 --weight-path "$WORK/run$i" >&2
	echo "gen-base-weights: overhead run $i/$RUNS (load $(cut -d' ' -f1 /proc/loadavg))" >&2
	"$NODE" benchmark overhead --chain local --weight-path "$WORK/run$i" >&2
done
echo "gen-base-weights: write weights (ns) of the runs:" >&2
pick="$(median_run paritydb_weights.rs 'write: [0-9_]*')"
echo "gen-base-weights: keeping storage $pick" >&2
cp "$WORK/$pick/paritydb_weights.rs" "$OUT/paritydb_weights.rs"
echo "gen-base-weights: extrinsic base weights (ns) of the runs:" >&2
pick="$(median_run extrinsic_weights.rs 'saturating_mul([0-9_]*)')"
echo "gen-base-weights: keeping overhead $pick" >&2
cp "$WORK/$pick/block_weights.rs" "$WORK/$pick/extrinsic_weights.rs" "$OUT/"
for f in paritydb_weights.rs block_weights.rs extrinsic_weights.rs; do fix_file "$OUT/$f"; done
echo "gen-base-weights: done; review with git diff $OUT" >&2

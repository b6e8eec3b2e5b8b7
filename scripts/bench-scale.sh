#!/usr/bin/env bash
# Scale benchmark (issue 5 "Scale"): proof bundles of a state holding 10^4, 10^5 and 10^6
# certificates as pallet-certificate stores them. Per N: read-proof and bundle sizes next to
# log16(N) (targets: bundle <= 8 KiB with 4 validators, growth no worse than logarithmic), median
# verification time with its ratio to the first N and to raw ed25519 verify_strict of the same
# signatures, trie build time and trie bytes per certificate, a TrieDBMut update per certificate,
# peak RSS. Prints two tables and one JSON line; exits 1 if a target fails.
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: scripts/bench-scale.sh [--n N[,N...]] [--samples S] [--runs R] [--json]

  --n        certificate counts to load (default 10000,100000,1000000; 10^6 takes a few
             minutes and about 2 GiB of RAM)
  --samples  certificates sampled per N, spread over the issuance order (default 8)
  --runs     timing runs per sampled bundle (default 200)
  --json     print only the JSON line (tables go to /dev/null)

Environment: CARGO_TARGET_DIR (default $HOME/.cache/dengji-target-bench).
The code is client/verify/benches/scale.rs with the loader in client/verify/fixtures/src/scale.rs
(its 10^3 smoke test: cargo test -p dengji-verify --test scale).
USAGE
}

args=()
json=0
while [ $# -gt 0 ]; do
	case "$1" in
	-h | --help)
		usage
		exit 0
		;;
	--json)
		json=1
		shift
		;;
	--n | --samples | --runs)
		[ $# -ge 2 ] || {
			echo "bench-scale: $1 needs a value" >&2
			exit 2
		}
		args+=("$1" "$2")
		shift 2
		;;
	*)
		echo "bench-scale: unknown argument: $1 (see --help)" >&2
		exit 2
		;;
	esac
done

cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target-bench}"
if [ "$json" = 1 ]; then
	set +e
	out=$(cargo bench -q -p dengji-verify --bench scale -- "${args[@]}" 2>/dev/null)
	rc=$?
	set -e
	printf '%s\n' "$out" | grep '^{'
	exit "$rc"
fi
exec cargo bench -q -p dengji-verify --bench scale -- "${args[@]}"

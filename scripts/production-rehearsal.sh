#!/usr/bin/env bash
# A rehearsal of the genesis ceremony of docs/operations.md on one machine (issue 11 §2): every key
# generated fresh with `dengji-node key`, the network file written for four institutions, a council of
# three and a city authority, `dengji-node production-spec`, the session keys inserted, four validators
# started as the document says (`--validator --node-key-file --reserved-only --rpc-methods safe`, on
# 127.0.0.1), finality awaited, and a council motion carried with the `dengji` CLI: the intake
# requirements changed by 2 of the 3 members (the closing transaction's events checked).
#
#   scripts/production-rehearsal.sh [--out DIR] [--keep] [--no-build]
#
# --out DIR    where the keys, the network file, the spec and the nodes' base paths go (default: a
#              temporary directory, removed at the end unless --keep)
# --keep       keep DIR and print it
# --no-build   use the binaries already built in the target directory
# Ports: p2p 31333–31336, RPC 19951–19954 (127.0.0.1 only). Exits non-zero on the first failure.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
OUT=""
KEEP=0
BUILD=1
while [ $# -gt 0 ]; do
	case "$1" in
	--out) OUT="$2"; KEEP=1; shift 2 ;;
	--keep) KEEP=1; shift ;;
	--no-build) BUILD=0; shift ;;
	-h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "production-rehearsal: unknown argument $1" >&2; exit 2 ;;
	esac
done
# Longest wait for the four validators to finalize their first blocks.
FINALITY_TIMEOUT_SECS=120

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
if [ "$BUILD" = 1 ]; then
	say "构建 building dengji-node and dengji"
	cargo build --locked -p dengji-node -p dengji-cli
fi
NODE="$CARGO_TARGET_DIR/debug/dengji-node"
CLI="$CARGO_TARGET_DIR/debug/dengji"
[ -n "$OUT" ] || OUT="$(mktemp -d /tmp/dengji-rehearsal.XXXXXX)"
mkdir -p "$OUT"
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	if [ "$KEEP" = 1 ]; then say "kept $OUT"; else rm -rf "$OUT"; fi
}
trap cleanup EXIT
start=$SECONDS

# 1. Keys: each party generates its own (here all on one machine); only public keys go into the file.
say "1. 生成密钥 every key generated fresh (dengji-node key generate)"
gen() { "$NODE" key generate --scheme "$1" --output-type json; }
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
mkdir -p "$OUT/keys"
for m in 1 2 3; do gen sr25519 >"$OUT/keys/council-$m.json"; done
gen sr25519 >"$OUT/keys/city-530400.json"
DIVISIONS=(530100 530400 530402 530481)
for d in "${DIVISIONS[@]}"; do
	mkdir -p "$OUT/$d"
	gen sr25519 >"$OUT/keys/$d-operator.json"
	gen ed25519 >"$OUT/keys/$d-cert.json"
	gen sr25519 >"$OUT/keys/$d-validator.json"
	gen sr25519 >"$OUT/keys/$d-aura.json"
	gen ed25519 >"$OUT/keys/$d-gran.json"
	"$NODE" key generate-node-key --file "$OUT/$d/node-key" 2>/dev/null
	"$NODE" key inspect-node-key --file "$OUT/$d/node-key" >"$OUT/keys/$d-peer-id"
	chmod 600 "$OUT/$d/node-key" "$OUT"/keys/*.json
done

# 2. The network file (deploy/network.example.json's shape) and the spec.
say "2. 网络文件与链规格 the network file and dengji-node production-spec"
python3 - "$OUT" "$ROOT/docs/spec/calendar/cn-holidays.json" <<'PY'
import json, sys
out, calendar = sys.argv[1], sys.argv[2]
key = lambda name: json.load(open(f"{out}/keys/{name}.json"))
names = {530100: "昆明市数据登记中心 (Kunming)", 530400: "玉溪市数字玉溪建设服务中心 (Yuxi)",
         530402: "红塔区数据登记机构 (Hongta)", 530481: "澄江市数据登记机构 (Chengjiang)"}
institutions = []
for i, (d, name) in enumerate(names.items()):
    peer = open(f"{out}/keys/{d}-peer-id").read().strip()
    institutions.append({
        "division": d, "name": name,
        "operators": [key(f"{d}-operator")["ss58Address"]],
        "certificateKey": key(f"{d}-cert")["publicKey"],
        "validator": {"account": key(f"{d}-validator")["ss58Address"],
                      "aura": key(f"{d}-aura")["ss58Address"],
                      "grandpa": key(f"{d}-gran")["publicKey"], "peerId": peer},
    })
network = {
    "name": "云南省公共数据登记链 (Yunnan) — rehearsal", "id": "dengji_rehearsal",
    "council": [key(f"council-{m}")["ss58Address"] for m in (1, 2, 3)],
    "institutions": institutions,
    "cityAuthorities": [{"account": key("city-530400")["ss58Address"], "division": 530400}],
    "calendar": calendar,
    "bootNodes": [f"/ip4/127.0.0.1/tcp/{31333 + i}/p2p/{inst['validator']['peerId']}"
                  for i, inst in enumerate(institutions)],
}
json.dump(network, open(f"{out}/network.json", "w"), ensure_ascii=False, indent=2)
PY
"$NODE" production-spec --network "$OUT/network.json" --out "$OUT/spec" >&2
SPEC="$OUT/spec/dengji_rehearsal-raw.json"
python3 - "$OUT/spec/dengji_rehearsal.json" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
for needle in ('"dayLengthMs": 86400000', '"intakeBusinessReview": true'):
    assert needle in text.replace(" ", "").replace('":', '": '), f"readable spec lacks {needle}"
assert '"sudo"' not in text or '"key": null' in text.replace(" ", "").replace('":', '": '), "Sudo key present"
PY
say "   raw spec sha256 $(sha256sum "$SPEC" | cut -d' ' -f1) (each institution compares it)"

# 3. Session keys into each validator's keystore, then the validators.
say "3. 启动验证节点 session keys inserted, four validators started (reserved-only, safe RPC)"
for i in 0 1 2 3; do
	d="${DIVISIONS[$i]}"
	"$NODE" key insert --chain "$SPEC" --base-path "$OUT/$d" --key-type aura --scheme sr25519 \
		--suri "$(field "$OUT/keys/$d-aura.json" secretPhrase)" 2>/dev/null
	"$NODE" key insert --chain "$SPEC" --base-path "$OUT/$d" --key-type gran --scheme ed25519 \
		--suri "$(field "$OUT/keys/$d-gran.json" secretPhrase)" 2>/dev/null
done
for i in 0 1 2 3; do
	d="${DIVISIONS[$i]}"
	reserved=()
	for j in 0 1 2 3; do
		[ "$j" = "$i" ] && continue
		reserved+=(--reserved-nodes "/ip4/127.0.0.1/tcp/$((31333 + j))/p2p/$(cat "$OUT/keys/${DIVISIONS[$j]}-peer-id")")
	done
	"$NODE" --chain "$SPEC" --base-path "$OUT/$d" --validator --name "v$d" \
		--node-key-file "$OUT/$d/node-key" --reserved-only "${reserved[@]}" \
		--listen-addr "/ip4/127.0.0.1/tcp/$((31333 + i))" --rpc-methods safe --rpc-port "$((19951 + i))" \
		--rpc-cors none --no-prometheus --no-telemetry --no-mdns >"$OUT/$d.log" 2>&1 &
	PIDS+=($!)
done
rpc() {
	curl -sf -H 'Content-Type: application/json' \
		-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":${3:-[]}}" "http://127.0.0.1:$1"
}
finalized_number() {
	local hash
	hash="$(rpc "$1" chain_getFinalizedHead | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"])')" || return 1
	rpc "$1" chain_getHeader "[\"$hash\"]" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["result"]["number"],16))'
}
deadline=$((SECONDS + FINALITY_TIMEOUT_SECS))
while :; do
	lowest=999999
	for i in 0 1 2 3; do
		n="$(finalized_number "$((19951 + i))" 2>/dev/null || echo 0)"
		[ "$n" -lt "$lowest" ] && lowest="$n"
	done
	[ "$lowest" -ge 3 ] && break
	if [ "$SECONDS" -ge "$deadline" ]; then
		echo "production-rehearsal: the validators did not finalize block 3 within ${FINALITY_TIMEOUT_SECS} s (FINALITY_TIMEOUT); logs in $OUT" >&2
		KEEP=1
		exit 1
	fi
	sleep 1
done
say "   all four validators finalized block #$lowest, $((SECONDS - start)) s after the first key"

# 4. A council motion: 2 of the 3 members switch off the business review requirement.
say "4. 委员会动议 a council motion carried by 2 of 3 members"
URL="ws://127.0.0.1:19951"
proposed="$("$CLI" --json authority set-intake-requirements --business-review false --materials-by-kind true \
	--via council --url "$URL" --suri "$(field "$OUT/keys/council-1.json" secretPhrase)")" ||
	{ echo "production-rehearsal: the proposal failed: $proposed" >&2; exit 1; }
read -r hash index threshold < <(python3 -c 'import json,sys; m=json.loads(sys.argv[1])["motion"]; print(m["hash"], m["index"], m["threshold"])' "$proposed")
say "   motion #$index $hash, threshold $threshold"
# pallet-collective counts no vote for the proposer: members 1 and 2 both vote aye.
for m in 1 2; do
	"$CLI" -q council vote "$hash" "$index" --aye --url "$URL" \
		--suri "$(field "$OUT/keys/council-$m.json" secretPhrase)" >&2
done
"$CLI" -q council motions --url "$URL" >&2
closed="$("$CLI" --json council close "$hash" "$index" --url "$URL" \
	--suri "$(field "$OUT/keys/council-1.json" secretPhrase)")" ||
	{ echo "production-rehearsal: closing the motion failed: $closed" >&2; exit 1; }
echo "$closed" >"$OUT/close.json"
python3 - "$OUT/close.json" <<'PY'
import json, sys
flat = json.dumps(json.load(open(sys.argv[1])), ensure_ascii=False)
assert '"Executed"' in flat, f"the motion did not execute: {flat[:600]}"
assert "IntakeRequirementsSet" in flat, f"no IntakeRequirementsSet event: {flat[:600]}"
PY
say "   executed: Registration.IntakeRequirementsSet in the closing transaction's events ($OUT/close.json)"
say "完成 rehearsal passed in $((SECONDS - start)) s: production spec, four validators finalizing, a council motion carried"

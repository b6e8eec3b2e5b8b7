#!/usr/bin/env bash
# The registration flow of DESIGN.md §9 through the `dengji` CLI, against a `--dev` node
# (`dengji-node --dev --tmp`): the dev genesis has institution Yuxi (530400) operated by //Alice
# with certificate key //Alice//cert, the admitted demo subject //Eve (USCC 91530400DJDEM00006),
# the real-name objector //Ferdie, and 4-second "days".
#
#   admit subject → apply → accept → review (publish) → object → forward → rebut → decide
#   → close publicity → approve → issue → verify online → bundle → verify offline
#
# Usage: client/cli/demo.sh [ws://127.0.0.1:9944]   (DENGJI=path/to/dengji, default: on PATH)
set -euo pipefail
export DENGJI_URL="${1:-${DENGJI_URL:-ws://127.0.0.1:9944}}"
DENGJI="${DENGJI:-dengji}"
OUT="$(mktemp -d)"
OPERATOR=//Alice
CERT_KEY=//Alice//cert
SUBJECT=//Eve
OBJECTOR=//Ferdie
USCC=91530400DJDEM00006

say() { printf '\n== %s\n' "$*" >&2; }
# Runs a dengji command with --json and prints the value of a Python expression over its output.
pick() {
	local expr="$1"; shift
	"$DENGJI" --json "$@" | python3 -c "import json,sys; j=json.load(sys.stdin); print($expr)"
}
run() { "$DENGJI" "$@"; }

say "chain"
run chain info

if [ "${ADMIT:-0}" = 1 ]; then
	say "institution admits the subject and real-name verifies the objector"
	run admit-subject --suri "$OPERATOR" --uscc "$USCC" --name "玉溪市示例数据有限公司" --division 530400 --account "$SUBJECT"
	run real-name "$OBJECTOR" --suri "$OPERATOR"
fi

say "subject applies (首次登记)"
APP=$(pick 'j["ids"]["application"]' apply --suri "$SUBJECT" --institution 530400 --uscc "$USCC" \
	--data-name "玉溪市公共交通客流数据" --summary "公交刷卡客流, 按线路按日汇总" --form "basic information form")
echo "application $APP"

say "institution accepts and passes review: publicity opens (公示)"
run accept "$APP" --suri "$OPERATOR"
run review "$APP" --pass --suri "$OPERATOR"

say "an objection is lodged, forwarded, rebutted and dismissed"
OBJ=$(pick 'j["ids"]["objection"]' object "$APP" --suri "$OBJECTOR" --content "objection text" --evidence "evidence")
run forward "$OBJ" --suri "$OPERATOR"
run rebut "$OBJ" --suri "$SUBJECT" --rebuttal "rebuttal text"
run decide "$OBJ" --suri "$OPERATOR" --decision "dismissed"

say "waiting for the end of publicity (10 working days of the dev day_length)"
# (the chain may already have recorded it in its on_idle sweep: PublicityAlreadyClosed)
while :; do
	out=$("$DENGJI" --json close-publicity "$APP" --suri "$SUBJECT" 2>/dev/null) && break
	case "$out" in *PublicityAlreadyClosed*) break ;; esac
	sleep 3
done

say "institution approves (准予登记) and issues the certificate"
CODE=$(pick 'j["certificate_codes"][0]' approve "$APP" --suri "$OPERATOR" --decision "approval decision")
echo "certificate $CODE"
run issue "$CODE" --suri "$OPERATOR" --key "$CERT_KEY"

say "a bank verifies it: trust root, online verification, bundle, offline verification"
run trust export -o "$OUT/trust.json"
run cert verify "$CODE" --trust "$OUT/trust.json" -o "$OUT/bundle.bin"
run cert bundle "$CODE" --trust "$OUT/trust.json" -o "$OUT/bundle.json" --format json
run cert verify --bundle "$OUT/bundle.bin" --trust "$OUT/trust.json"
run cert document "$CODE" -o "$OUT/certificate.json"
run cert check-document "$OUT/certificate.json" --trust "$OUT/trust.json"
say "files in $OUT"

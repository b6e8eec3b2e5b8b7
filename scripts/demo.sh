#!/usr/bin/env bash
# The Dengji demo (docs/spec/DESIGN.md §9): one whole registration driven through the `dengji` CLI, then the
# certificate verified online (proof bundle from the node) and offline (bundle file + trust root).
#
#   scripts/demo.sh [--url ws://HOST:PORT] [--institution DIVISION] [--operator SURI]
#                   [--cert-key SURI] [--sm2-key SECRET|none] [--out DIR] [--no-build]
#
# Without --url it starts the 4-validator local network (scripts/local-network.sh) in the
# background, uses the Yuxi institution (530400, operator //Bob, certificate key //Bob//cert, SM2
# co-signing key //Bob//sm2 — issue 14; `--sm2-key none` issues without SM2) and
# stops the network on exit. With --url ws://… it uses the running network as it is (for a
# `dengji-node --dev` chain: --operator //Alice --cert-key //Alice//cert --sm2-key //Alice//sm2, the defaults for Yuxi
# there). Steps: admit subject → apply → accept → review (publish) → objection → forward →
# rebuttal → dismissal → publicity ends → approve → issue → verify online → verify offline.
# Progress goes to stderr; stdout ends with `CERTIFICATE <code>`, `PORTAL <url>` and `PAGE <url>`. Timings of every
# transaction (CLI call from submission to finality) are printed with their median.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
URL=""
INSTITUTION=530400
OPERATOR=""
CERT_KEY=""
SM2_KEY=""
OUT=""
BUILD=1
# Longest wait for the local network to finalize its first blocks.
NETWORK_TIMEOUT=240
# Longest wait for a publicity window (10 working days of 4-second days) to pass.
PUBLICITY_TIMEOUT=240
# Longest wait for a GRANDPA-justified block that includes the issuance.
JUSTIFIED_TIMEOUT=90
# Poll interval of the waits left to this script (first finalized block, a justified block).
POLL=1

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
	case "$1" in
	--url) URL="$2"; shift 2 ;;
	--institution) INSTITUTION="$2"; shift 2 ;;
	--operator) OPERATOR="$2"; shift 2 ;;
	--cert-key) CERT_KEY="$2"; shift 2 ;;
	--sm2-key) SM2_KEY="$2"; shift 2 ;;
	--out) OUT="$2"; shift 2 ;;
	--no-build) BUILD=0; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "demo: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'demo: %s\n' "$*" >&2; exit 1; }
command -v jq >/dev/null || die "jq is required (scripts/setup.sh)"
command -v curl >/dev/null || die "curl is required for the portal's HTTP API (scripts/setup.sh)"

OUT="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/dengji-demo.XXXXXX")}"
mkdir -p "$OUT"

if [ "$BUILD" -eq 1 ]; then
	# The same cargo invocation as scripts/test.sh, so the demo and the tests share one build
	# (a narrower `-p` build resolves features differently and would compile the node twice).
	"$ROOT/scripts/disk-room.sh"
	say "building the workspace"
	(cd "$ROOT" && cargo build --workspace --all-targets --locked >&2)
fi
DENGJI="${DENGJI_CLI_BIN:-$CARGO_TARGET_DIR/debug/dengji}"
[ -x "$DENGJI" ] || die "no dengji CLI at $DENGJI: cargo build -p dengji-cli"

NET_PID=""
PORTAL_PID=""
cleanup() {
	local code=$?
	trap - EXIT INT TERM
	[ -z "$PORTAL_PID" ] || { kill -TERM "$PORTAL_PID" 2>/dev/null; wait "$PORTAL_PID" 2>/dev/null; } || true
	if [ -n "$NET_PID" ] && kill -0 "$NET_PID" 2>/dev/null; then
		kill -TERM "$NET_PID" 2>/dev/null || true
		wait "$NET_PID" 2>/dev/null || true
	fi
	exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "$URL" ]; then
	offset="${DENGJI_PORT_OFFSET:-0}"
	URL="ws://127.0.0.1:$((9944 + offset))"
	OPERATOR="${OPERATOR:-//Bob}"
	CERT_KEY="${CERT_KEY:-//Bob//cert}"
	SM2_KEY="${SM2_KEY:-//Bob//sm2}"
	say "starting the 4-validator local network (log: $OUT/network.log)"
	DENGJI_NET_DIR="$OUT/network" "$ROOT/scripts/local-network.sh" >"$OUT/network.log" 2>&1 &
	NET_PID=$!
else
	OPERATOR="${OPERATOR:-//Alice}"
	CERT_KEY="${CERT_KEY:-//Alice//cert}"
	SM2_KEY="${SM2_KEY:-//Alice//sm2}"
fi
# The finalized block number (the CLI reads it; nothing here decodes chain data).
finalized_number() {
	"$DENGJI" --json --quiet chain info --url "$URL" 2>/dev/null | jq -re '.finalized.number'
}

say "waiting for $URL to finalize blocks (at most ${NETWORK_TIMEOUT}s)"
deadline=$((SECONDS + NETWORK_TIMEOUT))
until n="$(finalized_number 2>/dev/null)" && [ "$n" -ge 1 ]; do
	[ -z "$NET_PID" ] || kill -0 "$NET_PID" 2>/dev/null || {
		tail -n 20 "$OUT/network.log" >&2
		die "the local network exited"
	}
	[ $SECONDS -lt $deadline ] || die "no finalized block at $URL within ${NETWORK_TIMEOUT}s"
	sleep "$POLL"
done

PORTAL="${DENGJI_PORTAL_BIN:-$CARGO_TARGET_DIR/debug/dengji-portal}"
[ -x "$PORTAL" ] || die "no dengji-portal at $PORTAL: cargo build -p dengji-portal"
PORTAL_ADDR="127.0.0.1:$((8080 + ${DENGJI_PORT_OFFSET:-0}))"
say "starting the platform portal on SQLite: http://$PORTAL_ADDR/api/health (log: $OUT/portal.log)"
"$PORTAL" --node "$URL" --database "sqlite:$OUT/portal.db" --listen "$PORTAL_ADDR" >"$OUT/portal.log" 2>&1 &
PORTAL_PID=$!

# ---- helpers over the CLI ---------------------------------------------------------------------
TIMINGS="$OUT/timings.tsv"
: >"$TIMINGS"
# tx NAME SURI ARGS... : runs `dengji --json ARGS --url URL --suri SURI`, keeps the JSON in
# $OUT/NAME.json, records the wall time of the call.
tx() {
	local name="$1" suri="$2"
	shift 2
	local t0 t1
	t0=$(date +%s%N)
	if ! "$DENGJI" --json --quiet "$@" --url "$URL" --suri "$suri" >"$OUT/$name.json" 2>"$OUT/$name.err"; then
		cat "$OUT/$name.err" "$OUT/$name.json" >&2
		die "step $name failed"
	fi
	t1=$(date +%s%N)
	local ms=$(((t1 - t0) / 1000000))
	local block
	block="$(jq -r '.block.number // "?"' "$OUT/$name.json")"
	printf '%s\t%s\t%s\n' "$name" "$ms" "$block" >>"$TIMINGS"
	printf '    %-28s finalized in block #%-5s %6d ms\n' "$name" "$block" "$ms" >&2
}
# JQ_NUM: a number that may be wrapped in one-field composites.
JQ_NUM='def num: if type == "number" then . elif type == "string" then tonumber
	elif type == "array" then (.[0] | num) elif type == "object" then (to_entries[0].value | num)
	else empty end;'
# field NAME PALLET EVENT FIELD -> the number (the CLI's lifted `.ids`, else from the event)
field() {
	jq -r --arg p "$2" --arg e "$3" --arg f "$4" "$JQ_NUM"'
		(.ids[$f] // [.events[] | select(.pallet == $p and .name == $e) | .fields[$f] | num][0])
		// empty' "$OUT/$1.json"
}
RUN="$(date +%s)"
SERIAL7="$(printf '%07d' $((RUN % 10000000)))"
# A USCC valid under GB 32100-2015: the CLI adds the check character.
USCC="$("$DENGJI" code uscc "91${INSTITUTION}MA${SERIAL7}")"
SUBJECT="//DemoSubject$RUN"
OBJECTOR="//DemoObjector$RUN"
DATA_NAME="Yuxi public transport ridership $RUN"

say "institution $INSTITUTION (operator $OPERATOR) admits subject $USCC"
tx admit-subject "$OPERATOR" admit-subject --uscc "$USCC" --name "Yuxi Data Co. $RUN" \
	--division "$INSTITUTION" --account "$SUBJECT"
tx real-name "$OPERATOR" real-name "$OBJECTOR" --identity "objector id $RUN"

say "subject applies for first registration of \"$DATA_NAME\""
tx apply "$SUBJECT" apply --institution "$INSTITUTION" --uscc "$USCC" --object resource \
	--data-name "$DATA_NAME" --summary "daily boardings per line, de-identified" \
	--form "form $RUN" --material "materials $RUN"
APP="$(field apply Registration ApplicationSubmitted application)"
[ -n "$APP" ] || die "no application id in ApplicationSubmitted"
say "application $APP: institution accepts and reviews it; the review passes and publicity opens"
tx accept "$OPERATOR" accept "$APP"
tx review "$OPERATOR" review "$APP" --pass
CLOSES_ON="$(field review Registration PublicityOpened closes_on)"
[ -n "$CLOSES_ON" ] || die "no closes_on in PublicityOpened"
say "the notice on the platform during publicity (YX-R §22): http://$PORTAL_ADDR/api/publicity"
deadline=$((SECONDS + 120))
until curl -fsS "http://$PORTAL_ADDR/api/publicity" 2>/dev/null |
	jq -e --argjson a "$APP" '.items[] | select(.application == $a)' >"$OUT/notice.json"; do
	[ $SECONDS -lt $deadline ] || die "application $APP not in /api/publicity within 120 s (log: $OUT/portal.log)"
	sleep 1
done
jq -r '"    \(.subject_name) | \(.kind) | \(.data_name) | \(.summary) | \(.publicity.working_days_left) working days left, until \(.publicity.due)"' "$OUT/notice.json" >&2
say "the publicity board for people (open in a browser; objections in one's real name, YX-R §22): http://$PORTAL_ADDR/publicity"

say "a real-name person objects; the institution forwards it; the subject rebuts; it is dismissed"
# DIGEST arguments: `@FILE` digests the file's bytes, any other text is digested as text.
printf 'Evidence of run %s: ridership figures do not match the source system.\n' "$RUN" >"$OUT/evidence.txt"
tx object "$OBJECTOR" object "$APP" --content "objection $RUN" --evidence "@$OUT/evidence.txt"
OBJ="$(field object Registration ObjectionLodged objection)"
[ -n "$OBJ" ] || die "no objection id in ObjectionLodged"
tx forward "$OPERATOR" forward "$OBJ"
tx rebut "$SUBJECT" rebut "$OBJ" --rebuttal "rebuttal $RUN"
tx decide "$OPERATOR" decide "$OBJ" --decision "dismissal $RUN"

# The publicity window ends at the end of day CLOSES_ON of the chain's clock (Calendar::Clock:
# short days on dev chains); the CLI reads the clock and waits on finalized chain time.
clock="$("$DENGJI" --json --quiet chain clock --url "$URL")"
say "publicity runs to the end of day $CLOSES_ON (today: day $(jq -r .today <<<"$clock"), $(jq -r .day_length_ms <<<"$clock") ms a day)"
"$DENGJI" --quiet chain wait-until "$CLOSES_ON" --end --timeout "$PUBLICITY_TIMEOUT" --url "$URL" >&2 ||
	die "publicity did not end within ${PUBLICITY_TIMEOUT}s"
# The chain's on_idle sweep may already have recorded the end of publicity: that is fine too.
if ! "$DENGJI" --json --quiet close-publicity "$APP" --url "$URL" --suri "$SUBJECT" >"$OUT/close-publicity.json" 2>&1; then
	jq -e '.error.error == "PublicityAlreadyClosed"' "$OUT/close-publicity.json" >/dev/null 2>&1 ||
		{ cat "$OUT/close-publicity.json" >&2; die "step close-publicity failed"; }
	printf '    %-28s already recorded by the chain\n' "close-publicity" >&2
fi

say "institution approves; the certificate is drafted and the institution signs and issues it"
tx approve "$OPERATOR" approve "$APP" --decision "approval $RUN"
# The CLI lifts certificate codes (with check characters) out of the events; else build the
# code from the draft event's parts with `dengji code certificate`.
CODE="$(jq -r '.certificate_codes[0] // empty' "$OUT/approve.json")"
if [ -z "$CODE" ]; then
	parts="$(jq -r "$JQ_NUM"'[.events[] | select(.pallet == "Certificate" and .name == "CertificateDrafted")
		| .fields.code][0] | "\(.division | num) \(.year | num) \(.serial | num)"' "$OUT/approve.json")"
	# shellcheck disable=SC2086 # three words: division year serial
	CODE="$("$DENGJI" code certificate $parts)" || die "no certificate code in the approval's events"
fi
# Issue 14: the dev/local institutions have SM2 keys in the chain spec; co-sign with SM2 (GB/T 32918).
if [ "$SM2_KEY" = none ]; then
	tx issue "$OPERATOR" issue "$CODE" --key "$CERT_KEY"
else
	tx issue "$OPERATOR" issue "$CODE" --key "$CERT_KEY" --sm2-key "$SM2_KEY"
fi

ISSUED_IN="$(jq -r '.block.number' "$OUT/issue.json")"
# A co-signed certificate is verified with the SM2 check required (when this CLI has the flag).
VERIFY_SM2=()
if [ "$SM2_KEY" != none ] && "$DENGJI" cert verify --help 2>/dev/null | grep -- --require-sm2 >/dev/null; then
	VERIFY_SM2=(--require-sm2)
fi
say "verifying $CODE online: a proof bundle from the node (GRANDPA-justified block ≥ #$ISSUED_IN), checked against an exported trust root"
"$DENGJI" --quiet trust export --url "$URL" -o "$OUT/trust.json" >&2
deadline=$((SECONDS + JUSTIFIED_TIMEOUT))
while :; do
	"$DENGJI" --json --quiet cert verify "$CODE" --url "$URL" --trust "$OUT/trust.json" "${VERIFY_SM2[@]}" \
		-o "$OUT/bundle.bin" >"$OUT/verify-online.json" 2>"$OUT/verify-online.err" || true
	proved="$(jq -r '.block.number // -1' "$OUT/verify-online.json" 2>/dev/null || echo -1)"
	[ "$proved" -lt "$ISSUED_IN" ] || break
	[ $SECONDS -lt $deadline ] || {
		cat "$OUT/verify-online.err" "$OUT/verify-online.json" >&2
		die "no justified block including #$ISSUED_IN within ${JUSTIFIED_TIMEOUT}s"
	}
	sleep "$POLL"
done
verdict="$(jq -r '.verdict' "$OUT/verify-online.json")"
printf '    online:  %s, proved by block #%s (authority set %s)\n' "${verdict^^}" "$proved" \
	"$(jq -r '.set_id' "$OUT/verify-online.json")" >&2
[ "$verdict" = valid ] || die "online verification of $CODE gave $verdict"

say "verifying $CODE offline from $OUT/bundle.bin ($(wc -c <"$OUT/bundle.bin") bytes) and the trust root"
"$DENGJI" cert verify "$CODE" --bundle "$OUT/bundle.bin" --trust "$OUT/trust.json" "${VERIFY_SM2[@]}" >&2

median="$(cut -f2 "$TIMINGS" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
say "$(wc -l <"$TIMINGS") transactions, median CLI submission→finality ${median} ms (details: $TIMINGS)"
deadline=$((SECONDS + 120))
until curl -fsS "http://$PORTAL_ADDR/api/certificates/$CODE" >"$OUT/portal-certificate.json" 2>/dev/null; do
	[ $SECONDS -lt $deadline ] || die "certificate $CODE not at the portal within 120 s (log: $OUT/portal.log)"
	sleep 1
done
echo "CERTIFICATE $CODE"
echo "PORTAL http://$PORTAL_ADDR/api/certificates/$CODE"
# The certificate page (its QR code's URL): the browser fetches a fresh bundle and verifies it itself.
GENESIS="$(jq -r '.genesis_hash' "$OUT/trust.json" | sed 's/^0x//')"
say "the certificate page, verified in the browser (not by the portal): open the PAGE URL"
echo "PAGE http://$PORTAL_ADDR/certificates/$CODE#dengji:1:$GENESIS:$CODE"

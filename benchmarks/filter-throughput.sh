#!/usr/bin/env bash
# Throughput of the same servlet with and without ConsentFilter, loaded by wrk from a process of its own.
#
#   benchmarks/filter-throughput.sh [ROUNDS] [SECONDS] [CONNECTIONS]     defaults: 60 rounds of 2 s, 16
#
# One embedded Jetty on 127.0.0.1:${FILTER_PORT:-18090} (io.consent4j.benchmarks.FilterThroughput) serves two
# servlets that set three cookies each, at /plain/... without the filter and at /gated/... with it. PAGE=page
# (default) loads the one that writes a constant 4 KB page, the least a servlet can do and so the harshest
# test of the filter's own cost; PAGE=course the one that renders a course page from a Thymeleaf template,
# as a learning site does.
# wrk sends a returning visitor's consent cookie (analytics granted, marketing not). After WARMUP seconds
# (default 20) per variant, each round loads both variants for SECONDS each, in A-B-B-A order so that a
# drift of the machine falls on both alike. With two or more cores the server is pinned to core 0 and wrk to
# core 1 (taskset), so neither steals the other's CPU; PIN=0 turns that off.
#
# On a small VM the same variant's rate drifts by 10 to 20 % from one second to the next, far more than the
# effect measured, so the default is many short rounds rather than a few long ones: the drift then falls on
# both variants alike and averages out. FILTER=pass measures a filter that does nothing but call the chain
# instead of ConsentFilter (what any filter costs on Jetty), FILTER=wrap one that only wraps the response.
#
# Prints every round, the ratio with filter / without filter over all rounds (target >= 0.97), the median
# of the per-round ratios, and a 95 % confidence interval of their mean. Exits 1 if any response was not a
# 200. The run takes about
# 2 * (WARMUP + SECONDS * ROUNDS) seconds and stops by itself; the server is stopped on exit.
# Needs wrk (Debian: apt-get install -y wrk). NO_BUILD=1 skips building benchmarks/target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-60}
seconds=${2:-2}
connections=${3:-16}
warmup=${WARMUP:-20}
port=${FILTER_PORT:-18090}
page=${PAGE:-page}
case "$page" in
  page | course) ;;
  *) echo "PAGE must be page or course, was '${PAGE}'" >&2; exit 2 ;;
esac
case "${FILTER:-consent}" in
  consent) with=/gated/$page ;;
  pass) with=/pass/$page ;;
  none) with=/plain/$page ;;
  wrap) with=/wrap/$page ;;
  *) echo "FILTER must be consent, pass, wrap or none, was '${FILTER}'" >&2; exit 2 ;;
esac
out=benchmarks/target

if ! command -v wrk > /dev/null; then
  echo "wrk is missing: install it with 'apt-get install -y wrk' (Debian/Ubuntu) and run again" >&2
  exit 2
fi
if [ "${NO_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -pl benchmarks -am package -DskipTests
fi

server_cpu=()
load_cpu=()
if [ "${PIN:-1}" = 1 ] && [ "$(nproc)" -ge 2 ] && command -v taskset > /dev/null; then
  server_cpu=(taskset -c 0)
  load_cpu=(taskset -c 1)
fi

mkdir -p "$out"
server_log=$out/filter-throughput-server.log
coproc SERVER { exec "${server_cpu[@]}" java -Xms512m -Xmx512m -cp "$out/benchmarks.jar" \
  io.consent4j.benchmarks.FilterThroughput "$port" $((2 * (warmup + seconds * rounds) + 120)) 2> "$server_log"; }
server_pid=$SERVER_PID
trap 'kill "$server_pid" 2> /dev/null || true; wait "$server_pid" 2> /dev/null || true' EXIT

ready=""
if ! read -r -t 60 ready <&"${SERVER[0]}" || [[ $ready != ready* ]]; then
  echo "the server did not start within 60 s; see $server_log" >&2
  exit 1
fi
cookie=${ready#*cookie=}

# Loads one path for $2 seconds (default $seconds); prints its requests per second. Fails on any non-200.
load() {
  local result rate
  result=$("${load_cpu[@]}" wrk -t1 -c"$connections" -d"${2:-$seconds}s" --timeout 5s \
    -H "Cookie: $cookie" -H "Accept: text/html" "http://127.0.0.1:$port$1")
  if grep -q "Non-2xx or 3xx responses\|Socket errors" <<< "$result"; then
    echo "wrk saw failed requests on $1:" >&2
    echo "$result" >&2
    exit 1
  fi
  rate=$(awk '/^Requests\/sec:/ { print $2 }' <<< "$result")
  [ -n "$rate" ] || { echo "no rate in wrk's output: $result" >&2; exit 1; }
  echo "$rate"
}

echo "filter throughput ($page): ${warmup} s warm-up and $rounds rounds of ${seconds} s per variant, $connections connections," \
  "server ${server_cpu[*]:-unpinned}, wrk ${load_cpu[*]:-unpinned}; $(nproc) cores, load average" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
# The JIT compiles Jetty's and the filter's hot paths during the warm-up; until then rounds keep speeding up.
load /plain/$page "$warmup" > /dev/null
load "$with" "$warmup" > /dev/null

printf '%-6s %16s %16s %8s\n' round "without req/s" "with req/s" ratio
ratios=()
plain_sum=0
gated_sum=0
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2)); then
    plain=$(load /plain/$page)
    gated=$(load "$with")
  else
    gated=$(load "$with")
    plain=$(load /plain/$page)
  fi
  ratio=$(awk -v g="$gated" -v p="$plain" 'BEGIN { printf "%.3f", g / p }')
  ratios+=("$ratio")
  plain_sum=$(awk -v a="$plain_sum" -v b="$plain" 'BEGIN { print a + b }')
  gated_sum=$(awk -v a="$gated_sum" -v b="$gated" 'BEGIN { print a + b }')
  printf '%-6s %16.0f %16.0f %8s\n' "$round" "$plain" "$gated" "$ratio"
done

median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
spread=$(printf '%s\n' "${ratios[@]}" | awk '{ s += $1; ss += $1 * $1; n++ } END {
  m = s / n; sd = n > 1 ? sqrt((ss - n * m * m) / (n - 1)) : 0; printf "%.3f %.3f", m - 1.96 * sd / sqrt(n), m + 1.96 * sd / sqrt(n) }')
awk -v g="$gated_sum" -v p="$plain_sum" -v n="$rounds" -v m="$median" -v spread="$spread" 'BEGIN {
  ratio = g / p
  split(spread, ci, " ")
  printf "TOTAL  %16.0f %16.0f %8.3f   median of rounds %.3f   95%% CI of the mean ratio %.3f to %.3f   target >= 0.97: %s\n",
    p / n, g / n, ratio, m, ci[1], ci[2], (ratio >= 0.97 ? "met" : "NOT met")
}'

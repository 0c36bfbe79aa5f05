#!/usr/bin/env bash
# Builds the JMH benchmarks, runs them, and prints one table of every figure and of the targets.
#
#   benchmarks/run.sh                     every benchmark, about 12 minutes on 2 cores
#   benchmarks/run.sh DecisionBenchmark   only those matching the regular expression(s)
#   JMH_OPTS='-f 3 -wi 5 -i 10' benchmarks/run.sh   longer, steadier runs
#
# The benchmarks: the decision (cached, uncached, many visitors), the cookie codec, the filter wrapper,
# ledger appends (group commit against one transaction per record, on an embedded PostgreSQL and an H2
# file), chain verification against raw SHA-256, lookup of one consent id among 1,000,000 records, and
# the NDJSON export. Defaults: one fork, 3 warm-up iterations of 2 s, 5 measured iterations of 2 s.
# Results: benchmarks/target/jmh-result.json; full JMH output: benchmarks/target/jmh.log. Every run stops by
# itself. Numbers depend on the machine: compare runs on the same one, never assert them in tests.
set -euo pipefail
cd "$(dirname "$0")/.."

JMH_OPTS=${JMH_OPTS:--f 1 -wi 3 -w 2s -i 5 -r 2s}
out=benchmarks/target
json=$out/jmh-result.json
log=$out/jmh.log

if [ "${NO_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -pl benchmarks -am package -DskipTests
fi
echo "Running JMH ($JMH_OPTS) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg);" \
  "full output in $log"
# shellcheck disable=SC2086
timeout 3600 java -jar "$out/benchmarks.jar" $JMH_OPTS -rf json -rff "$json" "$@" > "$log" 2>&1 || {
  tail -n 40 "$log" >&2
  exit 1
}
java -cp "$out/benchmarks.jar" io.consent4j.benchmarks.ResultTable "$json"

#!/usr/bin/env bash
# Builds the JMH benchmarks and runs them with short settings, then prints the median (p0.50) of each.
#
#   benchmarks/run.sh                     every benchmark, about 3 minutes
#   benchmarks/run.sh DecisionBenchmark   only those matching the regular expression(s)
#   JMH_OPTS='-f 3 -wi 5 -i 10' benchmarks/run.sh   longer, steadier runs
#
# Defaults: one fork, 3 warm-up iterations of 2 s, 5 measured iterations of 2 s, sample-time mode in
# nanoseconds. Results: benchmarks/target/jmh-result.csv; full JMH output: benchmarks/target/jmh.log.
# Numbers depend on the machine: compare runs on the same one, never assert them in tests.
set -euo pipefail
cd "$(dirname "$0")/.."

JMH_OPTS=${JMH_OPTS:--f 1 -wi 3 -w 2s -i 5 -r 2s}
out=benchmarks/target
csv=$out/jmh-result.csv
log=$out/jmh.log

./mvnw -B -q -pl benchmarks -am package -DskipTests
echo "Running JMH ($JMH_OPTS); full output in $log"
# shellcheck disable=SC2086
java -jar "$out/benchmarks.jar" $JMH_OPTS -rf csv -rff "$csv" "$@" > "$log" 2>&1 || {
  tail -n 40 "$log" >&2
  exit 1
}

# One row per benchmark: the primary row holds the mean and sample count, the ":p0.50" and ":p0.99"
# rows the percentiles. Targets are those of DecisionBenchmark's Javadoc.
awk -F, '
  function unquote(s) { gsub(/^"|"$/, "", s); return s }
  { sub(/\r$/, "") }
  NR == 1 { next }
  {
    name = unquote($1); sub(/^io\.consent4j\.benchmarks\./, "", name)
    if (name ~ /:p0\.50$/) { sub(/:.*/, "", name); median[name] = $5 }
    else if (name ~ /:p0\.99$/) { sub(/:.*/, "", name); p99[name] = $5 }
    else if (name !~ /:/) { order[++n] = name; mean[name] = $5; samples[name] = $4; unit[name] = unquote($7) }
  }
  END {
    target["DecisionBenchmark.decideCached"] = 1000
    target["DecisionBenchmark.decideUncached"] = 5000
    target["DecisionBenchmark.decideManyVisitors"] = 5000
    printf "%-40s %12s %12s %12s %10s  %s\n", "Benchmark", "median", "p99", "mean", "samples", "target (median)"
    for (i = 1; i <= n; i++) {
      b = order[i]
      verdict = ""
      if (b in target) verdict = sprintf("<= %d ns: %s", target[b], (median[b] <= target[b] ? "met" : "MISSED"))
      printf "%-40s %9.0f %s %9.0f %s %9.0f %s %10d  %s\n", b, median[b], unit[b], p99[b], unit[b], mean[b], unit[b], samples[b], verdict
    }
  }' "$csv"

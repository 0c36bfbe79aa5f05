#!/usr/bin/env bash
# Times every page of the auditor dashboard on 1,000,000 records, on an H2 file and an embedded PostgreSQL
# (a few minutes, most of it loading). Options are passed on, for example:
#   benchmarks/dashboard-bench.sh --db=h2 --records=200000 --runs=5
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl benchmarks -am package -DskipTests
exec java -Xmx2g -cp benchmarks/target/benchmarks.jar io.consent4j.benchmarks.DashboardBench "$@"

#!/usr/bin/env bash
# Measures the JDBC consent ledger and prints its figures (a few minutes; the machine should be idle):
#   durable appends from 64 writers, group commit against one transaction per record, on an embedded
#   PostgreSQL and on an H2 file; chain verification against raw SHA-256 (JMH); one consent id among
#   1,000,000 records in PostgreSQL. Options are passed on, for example:
#   benchmarks/ledger-bench.sh --only=appends --seconds=15
#   benchmarks/ledger-bench.sh --only=lookup --records=200000
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl benchmarks -am package -DskipTests
exec java -Xmx2g -cp benchmarks/target/benchmarks.jar io.consent4j.benchmarks.LedgerBench "$@"

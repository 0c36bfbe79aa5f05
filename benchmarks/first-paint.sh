#!/usr/bin/env bash
# The banner's first paint against the page's own, on a throttled slow-4G network (FirstPaint).
# Start the learning site first (./mvnw -pl examples/learning-site -am spring-boot:run, or its jar), then:
#   benchmarks/first-paint.sh [url] [rounds]
# NO_BUILD=1 skips compiling; CHROMIUM names the browser binary (default /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${NO_BUILD:-}" ]]; then
  # One reactor run, so the class path names the sibling modules' target/classes.
  ./mvnw -B -q -pl benchmarks -am compile dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/first-paint.classpath
fi
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/first-paint.classpath)" \
  io.consent4j.benchmarks.FirstPaint "$@"

# shellcheck shell=bash
# Shared by crash-site.sh and two-sites.sh (sourced, not run): builds the learning site and the
# benchmark helpers, starts and stops the site, the load generator and an embedded PostgreSQL, each
# with a timeout, and stops whatever is still running when the script exits.
#
# Everything binds to 127.0.0.1. The caller sets OUT (its output directory) before sourcing.

JAVA=${JAVA:-java}
# BENCH_JAR, SITE_JAR and APP_DIR may be set to other builds (with SKIP_BUILD=1), to compare two
# versions on the same machine in one session.
BENCH_JAR=${BENCH_JAR:-benchmarks/target/benchmarks.jar}
SITE_JAR=${SITE_JAR:-examples/learning-site/target/learning-site.jar}
# The site's jar extracted, with a class data sharing archive: starts in about half the time. The
# archive holds the jar's path, so the path is absolute.
APP_DIR=${APP_DIR:-$PWD/benchmarks/target/learning-site-app}
# JVM options of the load generator and the checker.
HELPER_JAVA_OPTS=${HELPER_JAVA_OPTS:-}

PIDS=()          # every background process this script started, in order
WATCHDOG_PID=''
PG_PID=''
PG_DATA=''
PG_URL=''

now_ms() { echo $(($(date +%s%N) / 1000000)); }

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

die() {
  log "FAILED: $*"
  exit 1
}

# build: the executable site jar and benchmarks.jar; SKIP_BUILD=1 uses what is there.
build() {
  if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    log "building the learning site and the benchmark helpers (./mvnw package -DskipTests)"
    timeout 900 ./mvnw -B -q -pl benchmarks,examples/learning-site -am package -DskipTests
  fi
  [[ -f $SITE_JAR && -f $BENCH_JAR ]] || die "$SITE_JAR or $BENCH_JAR is missing; run without SKIP_BUILD=1"
}

# prepare_site: extracts the site jar and records a class data sharing archive, when the jar changed.
prepare_site() {
  if [[ $APP_DIR/prepared -nt $SITE_JAR ]]; then
    return
  fi
  log "extracting $SITE_JAR and recording its class data sharing archive (once per build)"
  rm -rf "$APP_DIR"
  timeout 120 "$JAVA" -Djarmode=tools -jar "$SITE_JAR" extract --destination "$APP_DIR" >/dev/null
  # A training run that stops once the application context is refreshed.
  if ! timeout 180 "$JAVA" -XX:ArchiveClassesAtExit="$APP_DIR/app.jsa" -Dspring.context.exit=onRefresh \
    -jar "$APP_DIR/learning-site.jar" --server.address=127.0.0.1 --server.port=0 \
    --consent4j.ledger.path="$APP_DIR/training/ledger" >"$APP_DIR/training.log" 2>&1; then
    log "no class data sharing archive (see $APP_DIR/training.log); the site starts more slowly"
    rm -f "$APP_DIR/app.jsa"
  fi
  rm -rf "$APP_DIR/training"
  touch "$APP_DIR/prepared"
}

# make_keys: the site's keys and an auditor token for this run only. The keys are fixed across restarts,
# as in production: checkpoints signed before a crash must verify after it.
make_keys() {
  AUDIT_TOKEN=$(openssl rand -hex 32)
  AUDIT_HASH=$(printf '%s' "$AUDIT_TOKEN" | sha256sum | cut -d' ' -f1)
  RECEIPT_KEY=$(openssl genpkey -algorithm ed25519 -outform DER | base64 -w0)
  COOKIE_KEY=$(openssl rand -base64 32)
  export AUDIT_TOKEN
}

# start_site PORT LOG [site arguments...]: starts the site in the background; sets SITE_PID and
# SITE_LAUNCHED (ms). SITE_JAVA_OPTS are its JVM options.
start_site() {
  local port=$1 logfile=$2
  shift 2
  local cds=()
  [[ -f $APP_DIR/app.jsa ]] && cds=(-XX:SharedArchiveFile="$APP_DIR/app.jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
  SITE_LAUNCHED=$(now_ms)
  # shellcheck disable=SC2086
  env CONSENT_AUDIT_TOKENHASHES="$AUDIT_HASH" CONSENT_RECEIPT_KEY="$RECEIPT_KEY" CONSENT_COOKIE_KEYS="k1:$COOKIE_KEY" \
    "$JAVA" ${SITE_JAVA_OPTS:-} "${cds[@]}" -jar "$APP_DIR/learning-site.jar" \
    --server.address=127.0.0.1 --server.port="$port" \
    --consent4j.endpoint.rate-limit.posts=1000000000 \
    --logging.level.io.consent4j.servlet.AuditEndpoint=WARN \
    "$@" >>"$logfile" 2>&1 &
  SITE_PID=$!
  PIDS+=("$SITE_PID")
}

# wait_site PORT PID TIMEOUT_S: waits until the site answers GET /consent with 200; prints the ms since
# SITE_LAUNCHED. Fails when the process dies or the time is up.
wait_site() {
  local port=$1 pid=$2 limit=$(($(now_ms) + $3 * 1000)) code
  while true; do
    kill -0 "$pid" 2>/dev/null || die "the site on port $port (pid $pid) exited while starting"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/consent" || true)
    if [[ $code == 200 ]]; then
      echo $(($(now_ms) - SITE_LAUNCHED))
      return
    fi
    (($(now_ms) < limit)) || die "the site on port $port did not answer within $3 s"
    sleep 0.1
  done
}

# stop_pid PID TIMEOUT_S: SIGTERM, then SIGKILL after the timeout; reaps it.
stop_pid() {
  local pid=$1 limit=$(($(now_ms) + $2 * 1000))
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && (($(now_ms) < limit)); do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid did not stop within $2 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# kill_site PID: SIGKILL, no warning, no shutdown hook; reaps it.
kill_site() {
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# wait_file FILE PID TIMEOUT_S: waits until FILE exists; fails when PID dies first or the time is up.
wait_file() {
  local file=$1 pid=$2 limit=$(($(now_ms) + $3 * 1000))
  until [[ -f $file ]]; do
    kill -0 "$pid" 2>/dev/null || die "pid $pid exited before $file appeared"
    (($(now_ms) < limit)) || die "$file did not appear within $3 s"
    sleep 0.05
  done
}

# start_postgres PORT DATA_DIR LOG: a real PostgreSQL (EmbeddedPostgresServer) on 127.0.0.1:PORT,
# running until stop_postgres; sets PG_URL.
start_postgres() {
  local port=$1 logfile=$3
  PG_DATA=$2
  rm -rf "$PG_DATA"
  "$JAVA" -cp "$BENCH_JAR" io.consent4j.benchmarks.EmbeddedPostgresServer --port="$port" --data="$PG_DATA" \
    >"$logfile" 2>&1 &
  PG_PID=$!
  PIDS+=("$PG_PID")
  local limit=$(($(now_ms) + 120 * 1000))
  until grep -q '^ready ' "$logfile"; do
    kill -0 "$PG_PID" 2>/dev/null || die "PostgreSQL did not start; see $logfile"
    (($(now_ms) < limit)) || die "PostgreSQL did not start within 120 s; see $logfile"
    sleep 0.2
  done
  PG_URL=$(sed -n 's/^ready //p' "$logfile")
  log "$(grep '^PostgreSQL ' "$logfile")"
}

# stop_postgres: stops the server and removes its data; kills the postmaster itself if its parent is gone.
stop_postgres() {
  [[ -n $PG_PID ]] || return 0
  stop_pid "$PG_PID" 60
  PG_PID=''
  if [[ -f $PG_DATA/postmaster.pid ]]; then
    local postmaster
    postmaster=$(head -n 1 "$PG_DATA/postmaster.pid")
    if [[ $postmaster =~ ^[0-9]+$ ]] && kill -0 "$postmaster" 2>/dev/null; then
      log "stopping the orphaned postmaster $postmaster"
      kill -INT "$postmaster" 2>/dev/null || true
      local limit=$(($(now_ms) + 30 * 1000))
      while kill -0 "$postmaster" 2>/dev/null && (($(now_ms) < limit)); do sleep 0.2; done
      kill -KILL "$postmaster" 2>/dev/null || true
    fi
  fi
  rm -rf "$PG_DATA"
}

# start_watchdog SECONDS: ends the whole script (exit 124 through the TERM trap) when it runs too long.
start_watchdog() {
  local limit=$1 main=$$
  (
    sleep "$limit" &
    s=$!
    trap 'kill $s 2>/dev/null; exit 0' TERM
    wait "$s"
    echo "watchdog: the run took longer than $limit s; stopping it" >&2
    kill -TERM "$main"
  ) &
  WATCHDOG_PID=$!
  trap 'log "stopped (watchdog or signal)"; exit 124' TERM INT
}

# begin_run SECONDS: what every run does first. Stops everything it started on exit, ends the run after
# SECONDS, builds, prepares the site and this run's keys, creates OUT, and sets RUN_FROM, the time from
# which the ledger's records belong to this run (a minute early, for clock steps).
begin_run() {
  trap cleanup EXIT
  start_watchdog "$1"
  build
  prepare_site
  make_keys
  mkdir -p "$OUT"
  RUN_FROM=$(date -u -d '-1 min' +%Y-%m-%dT%H:%M:%SZ)
}

# cleanup: on EXIT, stops every process still running, newest first, and the watchdog.
cleanup() {
  local status=$? i
  trap - TERM INT
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    if kill -0 "${PIDS[i]}" 2>/dev/null && [[ ${PIDS[i]} != "$PG_PID" ]]; then
      stop_pid "${PIDS[i]}" 20
    fi
  done
  stop_postgres
  if [[ -n $WATCHDOG_PID ]]; then
    kill -TERM "$WATCHDOG_PID" 2>/dev/null || true
    wait "$WATCHDOG_PID" 2>/dev/null || true
  fi
  exit "$status"
}

# field NAME LINE: the value of NAME=value in a line of figures.
field() {
  sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p; s/^$1=\([^[:space:]]*\).*/\1/p" <<<"$2" | head -n 1
}

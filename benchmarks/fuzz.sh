#!/usr/bin/env bash
# Runs a real, time-bounded Jazzer fuzzing session on one fuzz test of any module.
#
#   benchmarks/fuzz.sh TARGET [DURATION]
#   benchmarks/fuzz.sh list
#
# TARGET is TestClass#method, such as CookieConsentCodecFuzzTest#garbageCookieNeverGrantsConsent (the
# package may be left out); `list` prints every target. DURATION is Jazzer's format: 30s, 10m, 2h;
# default 60s. The session stops after DURATION, or at the first finding; the whole run is killed if it
# overruns DURATION by 5 minutes. It prints Jazzer's closing figures (runs, runs per second, coverage).
#
# Where things go, <module> being the module the fuzz test lives in (consent-core, consent-servlet):
#   <module>/.cifuzz-corpus/<package>.<Class>/<method>/  inputs the fuzzer found interesting
#                                                  (git-ignored); kept between runs, so later
#                                                  sessions start from them
#   <module>/src/test/resources/<package>/<Class>Inputs/<method>/crash-*
#                                                  a finding: commit it with the fix, and it runs as a
#                                                  regression test in ./mvnw verify from then on
#   <module>/target/fuzz/<Class>.<method>.log      the full log of the last session
#
# `./mvnw -B verify` never fuzzes: it runs each fuzz test on its committed seeds only.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

# One line per fuzz test: Class#method, module, fully qualified class name.
find_targets() {
  local file module fqcn
  find . -path '*/target' -prune -o -type f -path '*/src/test/java/*.java' -print0 \
    | xargs -0 grep -l '@FuzzTest' | sed 's|^\./||' | sort | while read -r file; do
    module=${file%%/src/test/java/*}
    fqcn=${file#*/src/test/java/}
    fqcn=${fqcn%.java}
    fqcn=${fqcn//\//.}
    # The first method declared after each @FuzzTest annotation.
    awk -v class="${fqcn##*.}" -v module="$module" -v fqcn="$fqcn" '
      /@FuzzTest/ { pending = 1 }
      pending && match($0, /void [A-Za-z0-9_]+\(/) {
        print class "#" substr($0, RSTART + 5, RLENGTH - 6) " " module " " fqcn
        pending = 0
      }' "$file"
  done
}

[ $# -ge 1 ] || usage
all=$(find_targets)
targets=$(cut -d' ' -f1 <<< "$all")
if [ "$1" = list ]; then
  echo "$targets"
  exit 0
fi

target=$1
duration=${2:-60s}
if [[ ! $target =~ ^([A-Za-z0-9_.]+)#([A-Za-z0-9_]+)$ ]]; then
  echo "TARGET must look like TestClass#method; known targets:" >&2
  echo "$targets" >&2
  exit 2
fi
class=${BASH_REMATCH[1]##*.}
method=${BASH_REMATCH[2]}
matches=$(awk -v t="${class}#${method}" '$1 == t' <<< "$all")
if [ -z "$matches" ]; then
  echo "no fuzz test ${class}#${method}; known targets:" >&2
  echo "$targets" >&2
  exit 2
fi
if [ "$(wc -l <<< "$matches")" -gt 1 ]; then
  echo "${class}#${method} is in more than one module:" >&2
  echo "$matches" >&2
  exit 2
fi
read -r _ module fqcn <<< "$matches"
if [[ ! $duration =~ ^([0-9]+)([smhd]?)$ ]]; then
  echo "DURATION must look like 30s, 10m or 2h, got '$duration'" >&2
  exit 2
fi
case ${BASH_REMATCH[2]} in
  m) seconds=$((BASH_REMATCH[1] * 60)) ;;
  h) seconds=$((BASH_REMATCH[1] * 3600)) ;;
  d) seconds=$((BASH_REMATCH[1] * 86400)) ;;
  *) seconds=${BASH_REMATCH[1]} ;;
esac

log_dir=$module/target/fuzz
mkdir -p "$log_dir"
log="$log_dir/${class}.${method}.log"
package_dir=${fqcn%.*}
package_dir=${package_dir//.//}
inputs=$module/src/test/resources/$package_dir/${class}Inputs/$method
corpus=$module/.cifuzz-corpus/$fqcn/$method
before=$(mktemp)
trap 'rm -f "$before"' EXIT
if [ -d "$inputs" ]; then
  ls "$inputs" > "$before"
fi

echo "Fuzzing ${class}#${method} in ${module} for ${duration}; log: ${log}"
status=0
# -am builds the modules the fuzz test's module depends on from this checkout; their own tests match
# nothing in -Dtest and are skipped.
JAZZER_FUZZ=1 timeout --kill-after=30s "$((seconds + 300))s" \
  ./mvnw -B -pl "$module" -am test \
  -Dtest="${class}#${method}" \
  -Dsurefire.failIfNoSpecifiedTests=false \
  -Djazzer.max_duration="${duration}" \
  > "$log" 2>&1 || status=$?

# libFuzzer's closing statistics and the test result, without the per-input progress lines.
grep -E '^(INFO: Instrumented|#[0-9]+.*(DONE|pulse))|Done [0-9]+ runs|stat::|Tests run:|FAIL|ParseDictionaryFile|== Java Exception|Caused by|at io\.consent4j|crash-|BUILD' "$log" \
  | grep -v '^INFO: Instrumented' | tail -n 40 || true
echo "Corpus: $(find "$corpus" -type f 2>/dev/null | wc -l) inputs in $corpus"
if [ -d "$inputs" ]; then
  new=$(ls "$inputs" | grep -vxF -f "$before" || true)
  if [ -n "$new" ]; then
    echo "New findings in ${inputs}:"
    echo "$new" | sed 's/^/  /'
  fi
fi
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "The session overran its time and was killed." >&2
fi
exit "$status"

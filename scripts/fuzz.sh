#!/usr/bin/env bash
# Fuzz every parser: rerun each cargo-fuzz target from its committed seed
# corpus (fuzz/corpus/<target>) and past findings (fuzz/regressions/<target>)
# for N seconds per target (default 60), and print one summary line per
# target: inputs run, seconds, result. Installs cargo-fuzz if it is missing.
#
#   scripts/fuzz.sh [seconds-per-target]
#   FUZZ_RUNS=1000000 scripts/fuzz.sh 3600    # stop each target at a million inputs
#   FUZZ_TARGETS="fasta url_state" scripts/fuzz.sh 30
#   FUZZ_SANITIZER=none scripts/fuzz.sh 60    # faster, without AddressSanitizer
#   FUZZ_TIMEOUT=60 nice scripts/fuzz.sh 600  # per-input limit in seconds (default 10)
#
# New inputs that reach new code go to fuzz/work/<target> (not committed);
# a failing input is saved under fuzz/artifacts/<target>/ and the script
# exits non-zero. See TESTING.md for what each target does.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET="${1:-60}"
CARGO_FUZZ_VERSION=0.13.2
SANITIZER="${FUZZ_SANITIZER:-address}"
# Limits for every input: a hang is an input slower than TIMEOUT seconds; an
# input that makes the process use more than RSS_MB (or ask for that much at
# once) is an unbounded allocation.
# libFuzzer measures wall-clock time: on a machine busy with builds, give
# a niced campaign more (FUZZ_TIMEOUT=60), or a starved process "hangs".
TIMEOUT="${FUZZ_TIMEOUT:-10}"
RSS_MB=2048

say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*"; }

# cargo-fuzz builds with -Z flags (sanitizers, coverage instrumentation). The
# machines have only a stable toolchain; RUSTC_BOOTSTRAP=1 lets stable rustc
# accept them (the stable toolchain ships the sanitizer runtimes).
export RUSTC_BOOTSTRAP=1
export PATH="$HOME/.cargo/bin:$PATH"
if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (2-5 minutes on 2 cores)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

# target  dictionary  max input length (bytes)
TARGETS=(
  "image_decode    image.dict           32768"
  "fasta           fasta.dict           16384"
  "sequence_text   fasta.dict           16384"
  "graph_file      graph_file.dict      16384"
  "graph_edge_list edge_list.dict       16384"
  "graph_json      json.dict            16384"
  "url_state       url_state.dict       8192"
  "transform_expr  transform_expr.dict  8192"
  "state_import    json.dict            16384"
)

say "building the targets (sanitizer: $SANITIZER)"
cargo fuzz build -O --sanitizer "$SANITIZER"

mkdir -p fuzz/work
summary="${FUZZ_SUMMARY:-fuzz/work/summary.txt}"
: >"$summary"
failed=0
for line in "${TARGETS[@]}"; do
  read -r target dict max_len <<<"$line"
  if [ -n "${FUZZ_TARGETS:-}" ] && ! grep -qw "$target" <<<"$FUZZ_TARGETS"; then
    continue
  fi
  corpora=("fuzz/work/$target" "fuzz/corpus/$target")
  [ -d "fuzz/regressions/$target" ] && corpora+=("fuzz/regressions/$target")
  mkdir -p "fuzz/work/$target"
  log="fuzz/work/$target.log"
  args=(-dict="fuzz/dict/$dict" -max_len="$max_len" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB"
    -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 -report_slow_units=2)
  [ -n "${FUZZ_RUNS:-}" ] && args+=(-runs="$FUZZ_RUNS")
  say "$target: ${SECONDS_PER_TARGET}s${FUZZ_RUNS:+ or $FUZZ_RUNS inputs}"
  start=$(date +%s)
  if cargo fuzz run -O --sanitizer "$SANITIZER" "$target" "${corpora[@]}" -- "${args[@]}" >"$log" 2>&1; then
    result=ok
  else
    result="FAILED (see $log and fuzz/artifacts/$target/)"
    failed=1
  fi
  secs=$(($(date +%s) - start))
  runs=$(grep -ao 'stat::number_of_executed_units: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || true)
  slow=$(grep -ao 'stat::slowest_unit_time_sec: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || true)
  printf '%-16s %10s inputs %6ss  %s (slowest input: %ss)\n' "$target" "${runs:-?}" "$secs" "$result" "${slow:-?}" |
    tee -a "$summary"
  if [ "$result" != ok ]; then
    grep -aE 'panicked|ERROR: libFuzzer|SUMMARY' "$log" | head -n 5 || true
  fi
done
say "summary in $summary"
exit "$failed"

#!/usr/bin/env bash
# Install what is missing, then run every test: formatting and lints, the
# native unit and property tests of the claims, a short fuzz pass of every
# parser, the browser tests of the components (wasm-bindgen-test in headless Chromium), and the end-to-end
# tests of the release build (playwright-core + Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --quiet -- -D warnings

step "native tests: engine, parsers, and the claims of DESIGN.md"
cargo test --quiet

step "the export: its schema, and every number recomputed by numpy (docs/check_export.py)"
if python3 -c "import numpy" 2>/dev/null || python3 -m pip install --quiet numpy; then
  cargo run --quiet --example export_samples -- target/exports
  python3 docs/check_export.py target/exports/*.json
else
  echo "skipped: numpy is not installed and 'python3 -m pip install numpy' failed"
fi

# A short pass of every fuzz target (libFuzzer) from its committed corpus;
# cargo test above already replayed the corpus itself. CI builds the targets
# without AddressSanitizer and runs 5 s each (the build from a clean clone is
# most of the time: see TESTING.md); the campaigns keep ASan. FUZZ_SECONDS=0
# skips it; FUZZ_SANITIZER=address brings ASan back; scripts/fuzz.sh installs
# cargo-fuzz when missing.
FUZZ_SECONDS="${FUZZ_SECONDS:-5}"
if [ "$FUZZ_SECONDS" != 0 ]; then
  step "fuzz: every parser, ${FUZZ_SECONDS}s per target"
  FUZZ_SANITIZER="${FUZZ_SANITIZER:-none}" ./scripts/fuzz.sh "$FUZZ_SECONDS"
fi

step "browser tests: components in headless Chromium"
cargo test --target wasm32-unknown-unknown --test browser

step "release build"
trunk build --release

step "end-to-end tests of the release build"
node tests/e2e/run.mjs

step "all tests passed"

#!/usr/bin/env bash
# Install what is missing, build the release app and serve it on
# http://127.0.0.1:8080/ (Ctrl-C to stop). PORT=9000 to change the port.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
trunk build --release
exec node tests/e2e/static_server.mjs dist "${PORT:-8080}"

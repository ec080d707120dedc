#!/usr/bin/env bash
# Property tests of ingest, extraction and lexicon lookup at full strength: 10,000 cases per property (npm test runs
# FUZZ_RUNS=200). A new seed each time, printed, so that a failure can be replayed:
#   FUZZ_SEED=<seed> scripts/fuzz.sh           (add FUZZ_PATH=<path> from the failure to skip the search)
#   FUZZ_RUNS=50000 scripts/fuzz.sh            (more cases)
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_RUNS="${FUZZ_RUNS:-10000}"
export FUZZ_SEED="${FUZZ_SEED:-$(( $(date +%s) % 1000000000 ))}"
echo "fuzz: ${FUZZ_RUNS} cases per property, FUZZ_SEED=${FUZZ_SEED}" >&2
exec npx vitest run tests/fuzz.test.ts tests/lexicon.test.ts

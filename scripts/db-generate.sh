#!/usr/bin/env bash
# Generate a drizzle migration from packages/shared/src/schema. Serialised with flock so two
# people (or agents) changing the schema at once cannot produce clashing migration numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/jangkau-db-generate.lock
flock 9
npx drizzle-kit generate "$@"

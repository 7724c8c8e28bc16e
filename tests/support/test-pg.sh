#!/usr/bin/env bash
# `npm run test:pg`: the Vitest model suite on a real PostgreSQL server. Starts a throwaway
# cluster (prisma/pg.sh) in a temporary folder on a free port, runs the suite on it (each
# test file on its own database copied from one built from prisma/postgres/migrations),
# then stops and deletes the cluster. Arguments go to Vitest (`npm run test:pg -- tests/unit/auth.test.ts`).
set -euo pipefail
cd "$(dirname "$0")/../.."

free_port() {
  local port=${1:-55432}
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

export PGPORT=${PGPORT:-$(free_port 55432)}
# Reachable by the `postgres` user when run as root (prisma/pg.sh).
export PGROOT=$(mktemp -d "${TMPDIR:-/tmp}/kns-test-pg.XXXXXX")
chmod 755 "$PGROOT"
export PGROOT="$PGROOT/cluster"
cleanup() { prisma/pg.sh destroy >/dev/null 2>&1 || true; rm -rf "$(dirname "$PGROOT")"; }
trap cleanup EXIT
eval "$(prisma/pg.sh start)"
export CHECKPOINT_DISABLE=1
echo "PostgreSQL test cluster on port $PGPORT" >&2
npx vitest run "$@"

#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests and development (Debian's `postgresql` package).
#   eval "$(prisma/pg.sh start)"   # starts it (creating it the first time), prints DATABASE_URL
#   prisma/pg.sh stop              # stops it; `prisma/pg.sh destroy` also deletes its files
# As root (CI, these machines) the server runs as the `postgres` user, which PostgreSQL requires;
# as anyone else it runs as you.
set -euo pipefail
# The newest server Debian installed (15 on bookworm); PGBIN picks another.
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-55432}
# Outside the project: as root, the postgres user must be able to reach the folder.
PGROOT=${PGROOT:-${TMPDIR:-/tmp}/pg-$PGPORT}
DB=${PGDB:-app}

as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start() {
  if [ ! -x "$PGBIN/initdb" ]; then
    [ "$(id -u)" = 0 ] || { echo "install PostgreSQL 15 or newer (Debian: apt-get install postgresql)" >&2; exit 1; }
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  if [ ! -s "$PGROOT/data/PG_VERSION" ]; then
    install -d -m 700 "$PGROOT"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGROOT"; fi
    # Byte-order collation (as SQLite compares), UTF-8 character classes (upper/ILIKE on Vietnamese).
    as_owner "$PGBIN/initdb" -D "$PGROOT/data" -A trust -U postgres \
      --encoding=UTF8 --locale=C.UTF-8 --lc-collate=C >/dev/null
  fi
  if ! as_owner "$PGBIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1; then
    as_owner "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w \
      -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1" start >&2
  fi
  if [ -z "$("$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
    "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$DB"
  fi
  echo "export DATABASE_URL=postgresql://postgres@127.0.0.1:$PGPORT/$DB"
}

stop() {
  if [ -s "$PGROOT/data/postmaster.pid" ]; then as_owner "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >&2; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  destroy) stop; rm -rf "$PGROOT" ;;
  *) echo "usage: $0 start|stop|destroy" >&2; exit 2 ;;
esac

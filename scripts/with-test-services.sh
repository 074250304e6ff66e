#!/usr/bin/env bash
# Runs a command with the services the test suite needs: Debian's Chromium (PDF and browser
# tests) and a PostgreSQL server on 127.0.0.1 (store tests). Installs them with apt-get when
# missing and we are root; starts PostgreSQL when it is not already answering. Exports
# CHROMIUM_PATH and TEST_DATABASE_URL for the tests. Without root or apt-get, the tests that
# need a missing service report it and fail, rather than pass silently.
set -uo pipefail

PGPORT="${TEST_PGPORT:-54329}"
PGDATA="${TEST_PGDATA:-/tmp/matchplan-test-pgdata}"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test services: installing ${need[*]} from Debian packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "test services: missing ${need[*]} and cannot install (need root and apt-get)" >&2
  fi
fi

if command -v chromium >/dev/null 2>&1; then export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"; fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -n "$PGBIN" ]; then
  if ! "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PGPORT" -q 2>/dev/null; then
    run_as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
      rm -rf "$PGDATA"
      if [ "$(id -u)" = 0 ]; then install -d -o postgres -g postgres -m 700 "$PGDATA"; else install -d -m 700 "$PGDATA"; fi
      run_as_pg "$PGBIN/initdb -D $PGDATA -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    run_as_pg "$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/server.log -o \"-c listen_addresses=127.0.0.1 -p $PGPORT -k /tmp -c fsync=off\" -w start" >/dev/null
  fi
  "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qtc "select 1 from pg_database where datname='matchplan_test'" | grep -q 1 ||
    "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "create database matchplan_test" >/dev/null
  export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:$PGPORT/matchplan_test}"
fi

exec "$@"

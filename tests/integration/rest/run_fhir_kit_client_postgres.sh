#!/usr/bin/env bash
# The fhir-kit-client run with the gateway's store in PostgreSQL 15: starts a private server
# (as the postgres user, loopback, a free port, a private socket folder), runs
# run_fhir_kit_client.sh with --store-postgres, stops the server.
# Usage: run_fhir_kit_client_postgres.sh FHIR_GATEWAY NODE_MODULES
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pgbin=${GW_PG_BIN:-/usr/lib/postgresql/15/bin}
[[ -x "$pgbin/initdb" && -x "$pgbin/pg_ctl" ]] || { echo "PostgreSQL 15 not found: skipped"; exit 77; }
id postgres >/dev/null 2>&1 || { echo "no postgres user: skipped"; exit 77; }
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
dir=$(mktemp -d)
chmod 755 "$dir"
[[ $(id -u) == 0 ]] && chown postgres "$dir"
cleanup() { as_pg "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
as_pg "$pgbin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
export GW_SERVE_ARGS="--store-postgres postgresql://postgres@127.0.0.1:$port/postgres"
bash "$here/run_fhir_kit_client.sh" "$@"

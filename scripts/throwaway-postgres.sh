# Sourced by test.sh and bench/run.sh: starts a throwaway PostgreSQL cluster on 127.0.0.1:$PGPORT,
# with a role "jumin" that may create databases, and stops and deletes it when the shell exits.
# Durability is off (a throwaway), and so is autovacuum: test databases live for seconds, and the
# bench runs VACUUM ANALYZE itself after loading.
# Sets JUMIN_POSTGRES to a connection string without a database name.
start_throwaway_postgres() {
  local port=$1
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGDATA=$(mktemp -d /tmp/jumin-pg.XXXXXX)
  trap 'runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PGDATA"' EXIT
  chown postgres:postgres "$PGDATA"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 -A trust >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off" start >/dev/null
  "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qc "CREATE ROLE jumin LOGIN CREATEDB PASSWORD 'jumin'"
  JUMIN_POSTGRES="Host=127.0.0.1;Port=$port;Username=jumin;Password=jumin"
}

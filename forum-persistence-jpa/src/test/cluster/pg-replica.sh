#!/usr/bin/env bash
# Starts or stops a PostgreSQL 15 primary and a streaming hot standby of the tests on loopback ports and data
# directories of their own, never the machine's server (5432).
#
#   pg-replica.sh start DIR          initdb a primary (port PG_PRIMARY_PORT, default 5442) with database
#                                    forumkit_test and user forumkit/forumkit, clone it with pg_basebackup -R into a
#                                    standby (PG_STANDBY_PORT, default 5443) and wait until it streams; prints the URLs
#   pg-replica.sh stop-standby DIR   stops the standby only (the tests' "replica down")
#   pg-replica.sh stop DIR           stops both
# Give each concurrent pair its own ports; the tests pick two free ones at random when the variables are unset. A port
# already listened on fails the start.
set -euo pipefail

action="${1:?usage: pg-replica.sh start|stop|stop-standby DIR}"
dir="${2:?usage: pg-replica.sh start|stop|stop-standby DIR}"
bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
primary_port="${PG_PRIMARY_PORT:-5442}"
standby_port="${PG_STANDBY_PORT:-5443}"

# PostgreSQL refuses to run as root: as root, the servers run as postgres.
if [ "$(id -u)" = 0 ]; then
  as() { runuser -u postgres -- "$@"; }
else
  as() { "$@"; }
fi

stop_one() {
  [ -f "$dir/$1/postmaster.pid" ] && as "$bin/pg_ctl" -D "$dir/$1" -m fast -w stop >/dev/null 2>&1 || true
}

case "$action" in
  start)
    [ -x "$bin/postgres" ] || { echo "pg-replica.sh: no PostgreSQL binaries in $bin (apt-get install postgresql-15)" >&2; exit 2; }
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    stop_one standby
    stop_one primary
    rm -rf "$dir/primary" "$dir/standby"
    for port in "$primary_port" "$standby_port"; do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "pg-replica.sh: port $port is in use; choose other PG_PRIMARY_PORT / PG_STANDBY_PORT" >&2
        exit 3
      fi
    done
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as "$bin/initdb" -D "$dir/primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    cat >>"$dir/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $primary_port
unix_socket_directories = '$dir'
wal_level = replica
max_wal_senders = 4
shared_buffers = 32MB
fsync = off
CONF
    echo "host replication postgres 127.0.0.1/32 trust" >>"$dir/primary/pg_hba.conf"
    as "$bin/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w start >/dev/null
    as "$bin/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE ROLE forumkit LOGIN PASSWORD 'forumkit';
CREATE DATABASE forumkit_test OWNER forumkit ENCODING 'UTF8' TEMPLATE template0;
SQL
    as "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$dir/standby" -R -X stream -c fast >"$dir/basebackup.log" 2>&1
    cat >>"$dir/standby/postgresql.conf" <<CONF
port = $standby_port
hot_standby = on
CONF
    as "$bin/pg_ctl" -D "$dir/standby" -l "$dir/standby.log" -w start >/dev/null
    for _ in $(seq 1 60); do
      streaming="$(as "$bin/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -tAc \
        "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" || true
      [ "$streaming" = "1" ] && break
      sleep 0.5
    done
    [ "$streaming" = "1" ] || { echo "the standby does not stream; see $dir/standby.log" >&2; tail -20 "$dir/standby.log" >&2; exit 1; }
    echo "jdbc:postgresql://127.0.0.1:$primary_port/forumkit_test"
    echo "jdbc:postgresql://127.0.0.1:$standby_port/forumkit_test"
    ;;
  stop-standby)
    dir="$(cd "$dir" && pwd)"
    stop_one standby
    ;;
  stop)
    [ -d "$dir" ] || exit 0
    dir="$(cd "$dir" && pwd)"
    stop_one standby
    stop_one primary
    ;;
  *)
    echo "usage: pg-replica.sh start|stop|stop-standby DIR" >&2
    exit 2
    ;;
esac

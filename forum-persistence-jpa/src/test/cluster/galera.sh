#!/usr/bin/env bash
# Starts or stops a 3-node MariaDB Galera cluster of the tests on loopback ports and data directories of its own,
# never the machine's MariaDB (3306). Needs mariadbd, galera-4, rsync and socat (Debian's mariadb-server has them).
#
#   galera.sh start DIR   creates DIR/node1..3 (fresh), bootstraps node 1, joins 2 and 3 (rsync SST), then creates
#                         database forumkit_test and user forumkit/forumkit; prints the JDBC URLs
#   galera.sh stop DIR    stops the nodes whose pid files are in DIR
#
# Ports (GALERA_SQL_PORT, default 4306; node i adds i-1): SQL 4306-4308, gcomm 4567/4577/4587, IST 4568/4578/4588,
# SST 4444/4454/4464 (all moved by GALERA_PORT_SHIFT, default 0: give each concurrent cluster its own shift, at least
# 30 apart; the tests pick a free one at random when it is unset). A port already listened on fails the start.
set -euo pipefail

action="${1:?usage: galera.sh start|stop DIR}"
dir="${2:?usage: galera.sh start|stop DIR}"
shift_by="${GALERA_PORT_SHIFT:-0}"
sql_base="$(( ${GALERA_SQL_PORT:-4306} + shift_by ))"
provider="${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}"
nodes=3
# As root, the nodes run as mysql: rsync's SST daemon drops root to nobody and could not write a root-owned datadir.
if [ "$(id -u)" = 0 ] && id mysql >/dev/null 2>&1; then run_as=mysql; else run_as="$(id -un)"; fi

sql_port() { echo $(( sql_base + $1 - 1 )); }
gcomm_port() { echo $(( 4567 + shift_by + 10 * ($1 - 1) )); }
ist_port() { echo $(( 4568 + shift_by + 10 * ($1 - 1) )); }
sst_port() { echo $(( 4444 + shift_by + 10 * ($1 - 1) )); }

# Fails when something already listens on one of the cluster's ports (another build's cluster, say).
check_ports_free() {
  for i in $(seq 1 "$nodes"); do
    for port in "$(sql_port "$i")" "$(gcomm_port "$i")" "$(ist_port "$i")" "$(sst_port "$i")"; do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "galera.sh: port $port is in use; choose another GALERA_PORT_SHIFT" >&2
        exit 3
      fi
    done
  done
}

stop_all() {
  for i in $(seq "$nodes" -1 1); do
    local pidfile="$dir/node$i/launcher.pid"
    if [ -f "$pidfile" ]; then
      local pid
      pid="$(cat "$pidfile")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$pidfile"
    fi
  done
}

write_config() {
  local i="$1" node="$dir/node$1" members=""
  for j in $(seq 1 "$nodes"); do members="$members${members:+,}127.0.0.1:$(gcomm_port "$j")"; done
  cat >"$node/my.cnf" <<CNF
[mysqld]
datadir=$node/data
socket=$node/mariadbd.sock
pid-file=$node/mariadbd.pid
log-error=$node/error.log
port=$(sql_port "$i")
bind-address=127.0.0.1
user=$run_as
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
# Galera replicates row events of InnoDB tables; interleaved auto-increment locks are required.
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
# A test cluster: small, and durable through its peers rather than fsync.
innodb_buffer_pool_size=64M
innodb_log_file_size=32M
innodb_flush_log_at_trx_commit=0
performance_schema=OFF
max_connections=200
wsrep_on=ON
wsrep_provider=$provider
wsrep_cluster_name=forumkit_test
wsrep_cluster_address=gcomm://$members
wsrep_node_name=node$i
wsrep_node_address=127.0.0.1:$(gcomm_port "$i")
wsrep_node_incoming_address=127.0.0.1:$(sql_port "$i")
wsrep_provider_options="base_host=127.0.0.1;base_port=$(gcomm_port "$i");gmcast.listen_addr=tcp://127.0.0.1:$(gcomm_port "$i");ist.recv_addr=127.0.0.1:$(ist_port "$i");gcache.size=64M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$(sst_port "$i")
wsrep_slave_threads=2
CNF
}

# Waits until node i has joined and is synced (wsrep_local_state 4), or fails after $2 seconds.
wait_synced() {
  local i="$1" limit="$2" node="$dir/node$1"
  for _ in $(seq 1 $(( limit * 2 ))); do
    local state
    state="$(mariadb --no-defaults -S "$node/mariadbd.sock" -u root -N -e \
      "SHOW STATUS LIKE 'wsrep_local_state'" 2>/dev/null | awk '{print $2}')" || true
    [ "$state" = "4" ] && return 0
    kill -0 "$(cat "$node/launcher.pid")" 2>/dev/null || break
    sleep 0.5
  done
  echo "galera node $i did not sync; last lines of $node/error.log:" >&2
  tail -n 30 "$node/error.log" >&2 || true
  return 1
}

start_node() {
  local i="$1"; shift
  local node="$dir/node$i"
  mariadbd --defaults-file="$node/my.cnf" "$@" >>"$node/console.log" 2>&1 &
  echo $! >"$node/launcher.pid"
}

case "$action" in
  start)
    for tool in mariadbd mariadb-install-db rsync socat; do
      command -v "$tool" >/dev/null || { echo "galera.sh: $tool is not installed (apt-get install mariadb-server)" >&2; exit 2; }
    done
    [ -f "$provider" ] || { echo "galera.sh: no Galera provider at $provider (apt-get install galera-4)" >&2; exit 2; }
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    stop_all
    check_ports_free
    for i in $(seq 1 "$nodes"); do
      rm -rf "$dir/node$i"
      mkdir -p "$dir/node$i/data"
      write_config "$i"
    done
    [ "$run_as" = "$(id -un)" ] || chown -R "$run_as": "$dir"
    # Only node 1 needs a system schema: the others receive node 1's whole data directory by SST.
    mariadb-install-db --defaults-file="$dir/node1/my.cnf" --auth-root-authentication-method=socket \
      --skip-test-db >"$dir/node1/install.log" 2>&1
    start_node 1 --wsrep-new-cluster
    wait_synced 1 60
    mariadb --no-defaults -S "$dir/node1/mariadbd.sock" -u root <<'SQL'
CREATE DATABASE IF NOT EXISTS forumkit_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'forumkit'@'%' IDENTIFIED BY 'forumkit';
CREATE USER IF NOT EXISTS 'forumkit'@'localhost' IDENTIFIED BY 'forumkit';
GRANT ALL PRIVILEGES ON *.* TO 'forumkit'@'%';
GRANT ALL PRIVILEGES ON *.* TO 'forumkit'@'localhost';
SQL
    # Joiners one at a time: a donor serves one rsync SST at a time.
    for i in $(seq 2 "$nodes"); do
      start_node "$i"
      wait_synced "$i" 120
    done
    for i in $(seq 1 "$nodes"); do echo "jdbc:mariadb://127.0.0.1:$(sql_port "$i")/forumkit_test"; done
    ;;
  stop)
    [ -d "$dir" ] || exit 0
    dir="$(cd "$dir" && pwd)"
    stop_all
    ;;
  *)
    echo "usage: galera.sh start|stop DIR" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# Install, start, stop and describe the real SQL engines the test-suite runs SQL on.
#
#   scripts/engines.sh setup   # Python venv (duckdb, sqlglot, chdb, pyspark, pymysql, pg8000),
#                              # a second venv with fakesnow (Snowflake emulated on DuckDB),
#                              # MariaDB server (apt), checks PostgreSQL 15 and Java. Idempotent.
#   scripts/engines.sh start   # start PostgreSQL + MariaDB on 127.0.0.1, wait, create db `reportc`
#   scripts/engines.sh stop    # stop both
#   scripts/engines.sh status  # say what runs
#   scripts/engines.sh env     # print `export` lines: eval "$(scripts/engines.sh env)"
#
# Settings (environment): REPORTC_VENV (default ~/.cache/reportc/venv),
# REPORTC_FAKESNOW_VENV (default ~/.cache/reportc/venv-fakesnow),
# REPORTC_ENGINES_DIR (default /tmp/reportc-engines: data dirs, sockets, logs),
# REPORTC_PG_PORT (54329), REPORTC_MYSQL_PORT (33069), REPORTC_PG_BIN
# (/usr/lib/postgresql/15/bin), REPORTC_BASE_PYTHON (python3 for the venv).
# No systemd is needed: both servers run as plain processes, on loopback only.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${REPORTC_VENV:-$HOME/.cache/reportc/venv}"
FAKESNOW_VENV="${REPORTC_FAKESNOW_VENV:-$HOME/.cache/reportc/venv-fakesnow}"
ENGINES_DIR="${REPORTC_ENGINES_DIR:-/tmp/reportc-engines}"
PG_PORT="${REPORTC_PG_PORT:-54329}"
MYSQL_PORT="${REPORTC_MYSQL_PORT:-33069}"
PG_BIN="${REPORTC_PG_BIN:-/usr/lib/postgresql/15/bin}"
DB_NAME=reportc
MYSQL_USER=reportc

# Versions that installed on Debian 12 / Python 3.11 (see shared ENGINES.md).
PY_PKGS=(
  "duckdb==2.0.1"
  "sqlglot==30.30.0"
  "chdb==4.4.0"
  "pyspark==4.3.0"
  "pymysql==1.2.4"
  "pg8000==1.31.6"
)
PY_IMPORTS="duckdb, sqlglot, chdb, pyspark, pymysql, pg8000"

# fakesnow (the `snowflake` engine of tests/engines/runner.py) pins its own duckdb and sqlglot,
# and its import breaks with snowflake-connector-python 5.x: a venv of its own.
FAKESNOW_PKGS=(
  "fakesnow==0.12.1"
  "snowflake-connector-python==4.8.1"
)
FAKESNOW_IMPORTS="fakesnow, snowflake.connector"

PG_DIR="$ENGINES_DIR/pg"
PG_DATA="$PG_DIR/data"
MY_DIR="$ENGINES_DIR/mysql"
MY_DATA="$MY_DIR/data"
MY_SOCK="$MY_DIR/mysqld.sock"
MY_PID="$MY_DIR/mysqld.pid"
MY_LOG="$MY_DIR/mysqld.log"

log() { echo "engines.sh: $*" >&2; }
die() { echo "engines.sh: error: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# ------------------------------------------------------------------------- setup

APT_UPDATED=0
apt_install() {
  is_root || die "need root to apt-get install $*"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    apt-get update -qq >&2
    APT_UPDATED=1
  fi
  # Without systemd, a package's postinst must not try to start its service.
  local made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  log "apt-get install --no-install-recommends $*"
  local rc=0
  apt-get install -y -qq --no-install-recommends "$@" >&2 || rc=$?
  if [ "$made_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
  [ "$rc" = 0 ] || die "apt-get install $* failed ($rc)"
}

find_mariadbd() {
  local p
  for p in "$(command -v mariadbd 2>/dev/null || true)" /usr/sbin/mariadbd /usr/sbin/mysqld; do
    if [ -n "$p" ] && [ -x "$p" ]; then echo "$p"; return 0; fi
  done
  return 1
}

find_pg_bin() {
  if [ -x "$PG_BIN/initdb" ]; then echo "$PG_BIN"; return 0; fi
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  done
  return 1
}

setup_system() {
  # PostgreSQL: in the image. Never apt-get it when present (that upgrades packages).
  if ! find_pg_bin >/dev/null; then
    log "no PostgreSQL server found under /usr/lib/postgresql: installing postgresql-15"
    apt_install postgresql-15
  fi
  if ! id postgres >/dev/null 2>&1; then
    is_root || die "user postgres is missing"
    log "creating system user postgres"
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  # MariaDB: Debian package, no recommends.
  if ! find_mariadbd >/dev/null || ! command -v mariadb-install-db >/dev/null; then
    apt_install mariadb-server
  fi
  if ! id mysql >/dev/null 2>&1; then
    is_root || die "user mysql is missing"
    log "creating system user mysql"
    useradd --system --home-dir /nonexistent --shell /bin/false mysql
  fi
  # Spark needs Java 17+.
  if ! command -v java >/dev/null; then
    apt_install openjdk-17-jre-headless
  fi
}

venv_stamp() {
  printf '%s\n' "${PY_PKGS[@]}"
}

setup_venv() {
  local stamp="$VENV/.reportc-packages"
  if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(venv_stamp)" ] &&
    "$VENV/bin/python" -c "import $PY_IMPORTS" >/dev/null 2>&1; then
    log "venv up to date: $VENV"
    return 0
  fi
  local base="${REPORTC_BASE_PYTHON:-python3}"
  command -v "$base" >/dev/null || base=/usr/bin/python3
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating venv $VENV with $("$base" --version 2>&1)"
    mkdir -p "$(dirname "$VENV")"
    if ! "$base" -m venv "$VENV" >&2; then
      rm -rf "$VENV"
      # Debian's own python3 needs python3-venv for ensurepip.
      apt_install python3-venv
      /usr/bin/python3 -m venv "$VENV" >&2
    fi
  fi
  log "pip install ${PY_PKGS[*]}"
  "$VENV/bin/python" -m pip install --disable-pip-version-check -q "${PY_PKGS[@]}" >&2
  "$VENV/bin/python" -c "import $PY_IMPORTS" || die "venv imports fail after install"
  venv_stamp >"$stamp"
}

setup_fakesnow_venv() {
  local stamp="$FAKESNOW_VENV/.reportc-packages"
  if [ -x "$FAKESNOW_VENV/bin/python" ] && [ -f "$stamp" ] &&
    [ "$(cat "$stamp")" = "$(printf '%s\n' "${FAKESNOW_PKGS[@]}")" ] &&
    "$FAKESNOW_VENV/bin/python" -c "import $FAKESNOW_IMPORTS" >/dev/null 2>&1; then
    log "fakesnow venv up to date: $FAKESNOW_VENV"
    return 0
  fi
  if [ ! -x "$FAKESNOW_VENV/bin/python" ]; then
    log "creating venv $FAKESNOW_VENV"
    mkdir -p "$(dirname "$FAKESNOW_VENV")"
    # the main venv's interpreter makes venvs (ensurepip checked there)
    "$VENV/bin/python" -m venv "$FAKESNOW_VENV" >&2 || die "cannot create $FAKESNOW_VENV"
  fi
  log "pip install ${FAKESNOW_PKGS[*]} (into $FAKESNOW_VENV)"
  "$FAKESNOW_VENV/bin/python" -m pip install --disable-pip-version-check -q "${FAKESNOW_PKGS[@]}" >&2
  "$FAKESNOW_VENV/bin/python" -c "import $FAKESNOW_IMPORTS" || die "fakesnow venv imports fail after install"
  printf '%s\n' "${FAKESNOW_PKGS[@]}" >"$stamp"
}

cmd_setup() {
  local t0=$SECONDS
  mkdir -p "$ENGINES_DIR"
  exec 9>"$ENGINES_DIR/.setup.lock"
  flock 9
  setup_system
  local t1=$SECONDS
  setup_venv
  local t2=$SECONDS
  setup_fakesnow_venv
  exec 9>&-
  log "setup done in $((SECONDS - t0)) s (system packages $((t1 - t0)) s, venv $((t2 - t1)) s, fakesnow venv $((SECONDS - t2)) s)"
}

# ------------------------------------------------------------------------- start

as_user() { # as_user USER CMD...: run CMD as USER when we are root
  local u="$1"
  shift
  if is_root; then runuser -u "$u" -- "$@"; else "$@"; fi
}

close_fds() { # close every fd above 2 of the current (sub)shell: a server started from it
  # then holds no inherited lock or pipe (a caller waiting for EOF would hang on it)
  local fd
  for fd in $(ls "/proc/$BASHPID/fd"); do
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

port_busy() { # port_busy PORT: something listens on 127.0.0.1:PORT
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_running() {
  local bin
  bin="$(find_pg_bin)" || return 1
  [ -f "$PG_DATA/PG_VERSION" ] && as_user postgres "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

start_pg() {
  local bin
  bin="$(find_pg_bin)" || die "PostgreSQL not installed: run scripts/engines.sh setup"
  if pg_running; then
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT"
  else
    mkdir -p "$PG_DIR"
    if is_root; then chown postgres: "$PG_DIR"; fi
    as_user postgres test -w "$PG_DIR" ||
      die "user postgres cannot write $PG_DIR (choose REPORTC_ENGINES_DIR outside a private home)"
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
      rm -rf "$PG_DATA"
      log "initdb $PG_DATA"
      as_user postgres "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 \
        --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log" 2>&1 ||
        { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
    fi
    if port_busy "$PG_PORT"; then
      die "port $PG_PORT is taken by another program (set REPORTC_PG_PORT)"
    fi
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    (
      close_fds
      as_user postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/postgres.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c TimeZone=UTC" \
        </dev/null >/dev/null
    ) || { tail -n 30 "$PG_DIR/postgres.log" >&2; die "PostgreSQL did not start"; }
  fi
  local i
  for i in $(seq 1 100); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then break; fi
    [ "$i" = 100 ] && die "PostgreSQL does not accept connections on 127.0.0.1:$PG_PORT"
    sleep 0.2
  done
  local psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres)
  if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]; then
    "${psql[@]}" -c "CREATE DATABASE $DB_NAME ENCODING 'UTF8' TEMPLATE template0" >/dev/null
  fi
}

my_pid() { # the pid of our mariadbd, if it runs
  [ -f "$MY_PID" ] || return 1
  local pid
  pid="$(cat "$MY_PID" 2>/dev/null)" || return 1
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--datadir=$MY_DATA" || return 1
  echo "$pid"
}

my_sql_root() { # run SQL as root over the unix socket
  if command -v mariadb >/dev/null; then
    mariadb --no-defaults --protocol=socket -S "$MY_SOCK" -u root -e "$1"
  else
    "$VENV/bin/python" - "$MY_SOCK" "$1" <<'EOF'
import sys, pymysql
con = pymysql.connect(unix_socket=sys.argv[1], user="root", autocommit=True)
with con.cursor() as c:
    for stmt in sys.argv[2].split(";"):
        if stmt.strip():
            c.execute(stmt)
EOF
  fi
}

my_ping_socket() {
  if command -v mariadb-admin >/dev/null; then
    mariadb-admin --no-defaults --protocol=socket -S "$MY_SOCK" -u root --connect-timeout=2 ping >/dev/null 2>&1
  else
    my_sql_root "SELECT 1" >/dev/null 2>&1
  fi
}

start_mysql() {
  local mysqld
  mysqld="$(find_mariadbd)" || die "MariaDB not installed: run scripts/engines.sh setup"
  if my_pid >/dev/null; then
    log "MariaDB already running on 127.0.0.1:$MYSQL_PORT"
  else
    mkdir -p "$MY_DIR"
    if is_root; then chown mysql: "$MY_DIR"; fi
    if [ ! -d "$MY_DATA/mysql" ]; then
      rm -rf "$MY_DATA"
      log "mariadb-install-db $MY_DATA"
      local user_args=()
      if is_root; then user_args=(--user=mysql); fi
      mariadb-install-db --no-defaults "${user_args[@]}" --datadir="$MY_DATA" \
        --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
        >"$MY_DIR/install-db.log" 2>&1 ||
        { cat "$MY_DIR/install-db.log" >&2; die "mariadb-install-db failed"; }
    fi
    if port_busy "$MYSQL_PORT"; then
      die "port $MYSQL_PORT is taken by another program (set REPORTC_MYSQL_PORT)"
    fi
    rm -f "$MY_SOCK" "$MY_PID"
    log "starting MariaDB on 127.0.0.1:$MYSQL_PORT"
    local user_args=()
    if is_root; then user_args=(--user=mysql); fi
    # --no-defaults ignores Debian's config files, whose utf8mb4 default would be lost:
    # set the character set here.
    (
      close_fds
      exec setsid "$mysqld" --no-defaults "${user_args[@]}" --datadir="$MY_DATA" \
        --bind-address=127.0.0.1 --port="$MYSQL_PORT" --socket="$MY_SOCK" \
        --pid-file="$MY_PID" --log-error="$MY_LOG" --tmpdir="$MY_DIR" \
        --skip-name-resolve --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
        --default-time-zone=+00:00 --max-connections=200 --innodb-flush-log-at-trx-commit=0 \
        --innodb-buffer-pool-size=64M --skip-log-bin --performance-schema=OFF \
        </dev/null >>"$MY_DIR/console.log" 2>&1
    ) &
    local i
    for i in $(seq 1 150); do
      if my_ping_socket; then break; fi
      if [ "$i" = 150 ] || ! kill -0 $! 2>/dev/null; then
        tail -n 30 "$MY_LOG" >&2 2>/dev/null || true
        die "MariaDB did not start"
      fi
      sleep 0.2
    done
  fi
  my_sql_root "CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
    CREATE USER IF NOT EXISTS '$MYSQL_USER'@'127.0.0.1';
    CREATE USER IF NOT EXISTS '$MYSQL_USER'@'localhost';
    GRANT ALL PRIVILEGES ON *.* TO '$MYSQL_USER'@'127.0.0.1';
    GRANT ALL PRIVILEGES ON *.* TO '$MYSQL_USER'@'localhost'" >/dev/null
  # CONVERT_TZ needs the server's time-zone tables (else it returns NULL): load them once.
  if command -v mariadb-tzinfo-to-sql >/dev/null && [ -d /usr/share/zoneinfo ] &&
    [ "$(mariadb --no-defaults --protocol=socket -S "$MY_SOCK" -u root -N -e \
      "SELECT COUNT(*) FROM mysql.time_zone_name" 2>/dev/null || echo 0)" = 0 ]; then
    mariadb-tzinfo-to-sql /usr/share/zoneinfo 2>/dev/null |
      mariadb --no-defaults --protocol=socket -S "$MY_SOCK" -u root mysql >/dev/null ||
      log "warning: could not load MariaDB time-zone tables"
  fi
  # The runner connects over TCP as $MYSQL_USER: check exactly that.
  if command -v mariadb >/dev/null; then
    mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" -u "$MYSQL_USER" \
      -D "$DB_NAME" -e "SELECT 1" >/dev/null ||
      die "MariaDB does not accept $MYSQL_USER over TCP on 127.0.0.1:$MYSQL_PORT"
  fi
}

cmd_start() {
  local t0=$SECONDS
  mkdir -p "$ENGINES_DIR"
  chmod 755 "$ENGINES_DIR" 2>/dev/null || true
  exec 9>"$ENGINES_DIR/.start.lock"
  flock 9
  start_pg
  start_mysql
  exec 9>&-
  log "PostgreSQL 127.0.0.1:$PG_PORT and MariaDB 127.0.0.1:$MYSQL_PORT ready ($((SECONDS - t0)) s)"
}

# -------------------------------------------------------------------------- stop

stop_pg() {
  local bin
  bin="$(find_pg_bin)" || return 0
  if pg_running; then
    log "stopping PostgreSQL"
    as_user postgres "$bin/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null ||
      log "warning: pg_ctl stop failed"
  fi
}

stop_mysql() {
  local pid i
  if pid="$(my_pid)"; then
    log "stopping MariaDB (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 300); do
      [ -d "/proc/$pid" ] || break
      sleep 0.1
    done
    if [ -d "/proc/$pid" ]; then
      log "warning: MariaDB (pid $pid) still running after 30 s: KILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
}

cmd_stop() {
  [ -d "$ENGINES_DIR" ] || return 0
  stop_pg
  stop_mysql
}

cmd_status() {
  if pg_running; then echo "postgres: running on 127.0.0.1:$PG_PORT"; else echo "postgres: stopped"; fi
  if my_pid >/dev/null; then echo "mysql: running on 127.0.0.1:$MYSQL_PORT"; else echo "mysql: stopped"; fi
  if [ -x "$VENV/bin/python" ]; then echo "venv: $VENV"; else echo "venv: missing"; fi
  if [ -x "$FAKESNOW_VENV/bin/python" ]; then echo "fakesnow venv: $FAKESNOW_VENV"; else echo "fakesnow venv: missing"; fi
}

# --------------------------------------------------------------------------- env

cmd_env() {
  emit() { printf 'export %s=%q\n' "$1" "$2"; }
  emit REPORTC_PYTHON "$VENV/bin/python"
  emit REPORTC_VENV "$VENV"
  emit REPORTC_FAKESNOW_PYTHON "$FAKESNOW_VENV/bin/python"
  emit REPORTC_RUNNER "$ROOT/tests/engines/runner.py"
  emit REPORTC_ENGINES_DIR "$ENGINES_DIR"
  emit REPORTC_PG_HOST 127.0.0.1
  emit REPORTC_PG_PORT "$PG_PORT"
  emit REPORTC_PG_USER postgres
  emit REPORTC_PG_DB "$DB_NAME"
  emit REPORTC_PG_URL "postgresql://postgres@127.0.0.1:$PG_PORT/$DB_NAME"
  emit REPORTC_MYSQL_HOST 127.0.0.1
  emit REPORTC_MYSQL_PORT "$MYSQL_PORT"
  emit REPORTC_MYSQL_USER "$MYSQL_USER"
  emit REPORTC_MYSQL_PASSWORD ""
  emit REPORTC_MYSQL_DB "$DB_NAME"
  emit REPORTC_MYSQL_URL "mysql://$MYSQL_USER@127.0.0.1:$MYSQL_PORT/$DB_NAME"
  emit SPARK_LOCAL_IP 127.0.0.1
}

case "${1:-}" in
  setup) cmd_setup ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *)
    echo "usage: $0 setup|start|stop|status|env" >&2
    exit 2
    ;;
esac

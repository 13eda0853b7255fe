#!/usr/bin/env bash
# The PubSub service's direct-mode benchmark, one command:
#   bench/pubsub.sh                 all four measurements, on H2 and (publishes) on a throwaway PostgreSQL 15
#   bench/pubsub.sh --smoke         a few seconds at small scale
#   bench/pubsub.sh --no-postgres   H2 only
#   bench/pubsub.sh --postgres-url 'jdbc:postgresql://127.0.0.1:5432/bench?user=me'   a database it may wipe
# Other arguments go to dev.kindling.bench.pubsub.PubSubBenchmark (e.g. --only fanout,big --jfr /tmp/jfr).
# It installs PostgreSQL (Debian's postgresql) if missing, builds the bench module and what it needs (package, no
# install), runs, and writes bench/results/<date>-pubsub.md. The PostgreSQL it starts listens on 127.0.0.1 only,
# in a directory under /tmp, and is stopped and deleted when the script ends.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

args=()
postgres=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --no-postgres) postgres=no ;;
    --postgres-url) postgres=given; args+=("$1" "$2"); shift ;;
    *) args+=("$1") ;;
  esac
  shift
done

pg_bin=/usr/lib/postgresql/15/bin
pg_dir=""
stop_postgres() {
  if [ -n "$pg_dir" ]; then
    run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
run_pg() {
  # initdb and postgres refuse to run as root.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$postgres" = yes ]; then
  if [ ! -x "$pg_bin/initdb" ]; then
    sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15
    # The package starts a cluster of its own; the benchmark uses a throwaway one.
    "${sudo[@]}" service postgresql stop >/dev/null 2>&1 || true
  fi
  pg_dir="$(mktemp -d /tmp/kindling-pubsub-bench-pg-XXXXXX)"
  trap stop_postgres EXIT
  chmod 755 "$pg_dir"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$pg_dir"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U kindling -A trust -E UTF8 --no-locale --no-sync >/dev/null
  run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir" start >/dev/null
  run_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U kindling bench
  args+=(--postgres-url "jdbc:postgresql://127.0.0.1:$port/bench?user=kindling")
  echo "bench: PostgreSQL 15 on 127.0.0.1:$port (fsync on, default settings) in $pg_dir" >&2
fi

echo "bench: building the bench module and what it needs" >&2
# Offline first: everything is usually in ~/.m2 already; online only if something is missing.
mvn -q -B -ntp -o -DskipTests package -pl bench -am 2>/dev/null || mvn -q -B -ntp -DskipTests package -pl bench -am

java -Xmx1g -cp bench/target/benchmarks.jar dev.kindling.bench.pubsub.PubSubBenchmark "${args[@]}"

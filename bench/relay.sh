#!/usr/bin/env bash
# Kindling's SOCKS5 relay against the server's own mod_proxy65 and against a direct loopback connection (the
# ceiling for any relay), through Prosody and ejabberd, the same clients for all, one command:
#   bench/relay.sh            the full run (1 GiB alone, 100 × 16 MiB, 1 000 × 1 MiB, memory per transfer; 3 rounds)
#   bench/relay.sh --smoke    small sizes, one round
# Other arguments go to dev.kindling.bench.relay.RelayBenchmark (e.g. --servers ejabberd --large-mib 4096
# --rounds 5). It installs Prosody and ejabberd if missing (scripts/install-deps), builds the bench module and what it
# needs (package, no install), runs, and writes bench/results/<date>-relay.md. The servers are the test kit's
# throwaway ones, on 127.0.0.1, deleted at the end. ejabberd needs root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/install-deps prosody ejabberd

echo "bench: building the bench module and what it needs" >&2
mvn -q -B -ntp -o -DskipTests package -pl bench -am 2>/dev/null || mvn -q -B -ntp -DskipTests package -pl bench -am

exec java -Xmx2g -cp bench/target/benchmarks.jar dev.kindling.bench.relay.RelayBenchmark "$@"

#!/usr/bin/env bash
# Kindling's PubSub against each server's own pubsub, through the server, one command:
#   bench/pubsub-vs-server.sh            Prosody and ejabberd; 1, 100 and 10 000 subscriptions; H2 and PostgreSQL
#   bench/pubsub-vs-server.sh --smoke    a few seconds per figure at 1 and 5 subscriptions, H2 only
# Other arguments go to dev.kindling.bench.pubsub.ServerPubSubBenchmark (e.g. --servers prosody --sizes 100
# --jfr /tmp/jfr). It installs Prosody, ejabberd and PostgreSQL 15 if missing (scripts/install-deps), builds the
# bench module and what it needs (package, no install), runs, and writes bench/results/<date>-pubsub-vs-server.md.
# The servers and the database are the test kit's throwaway ones, on 127.0.0.1, deleted at the end. ejabberd
# needs root (ejabberdctl runs it as the ejabberd user).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/install-deps

echo "bench: building the bench module and what it needs" >&2
# Offline first: everything is usually in ~/.m2 already; online only if something is missing.
mvn -q -B -ntp -o -DskipTests package -pl bench -am 2>/dev/null || mvn -q -B -ntp -DskipTests package -pl bench -am

exec java -Xmx1g -cp bench/target/benchmarks.jar dev.kindling.bench.pubsub.ServerPubSubBenchmark "$@"

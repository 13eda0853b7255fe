#!/usr/bin/env bash
# Kindling's MUC bot against a slixmpp bot (xep_0045) and a ceiling bot that parses nothing, through Prosody and
# ejabberd, in one room and across 100, one command:
#   bench/mucbot.sh            the full run (each bot warmed up until its CPU per answer settles, 15 s measured)
#   bench/mucbot.sh --smoke    a second or two per figure, in 1 and 5 rooms
# Other arguments go to dev.kindling.bench.mucbot.MucBotBenchmark (e.g. --servers ejabberd --rooms 100
# --bots kindling,slixmpp). It installs Prosody, ejabberd and slixmpp if missing (scripts/install-deps), builds the
# bench module and what it needs (package, no install), runs, and writes bench/results/<date>-mucbot.md. The
# servers are the test kit's throwaway ones, on 127.0.0.1, deleted at the end. ejabberd needs root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/install-deps prosody ejabberd slixmpp

echo "bench: building the bench module and what it needs" >&2
mvn -q -B -ntp -o -DskipTests package -pl bench -am 2>/dev/null || mvn -q -B -ntp -DskipTests package -pl bench -am

exec java -Xmx1g -cp bench/target/benchmarks.jar dev.kindling.bench.mucbot.MucBotBenchmark "$@"

#!/usr/bin/env bash
# Kindling's comparison benchmark, one command:
#   bench/run.sh            full run (direct mode, Prosody, ejabberd; 2 repetitions; scaling): under 30 minutes
#   bench/run.sh --quick    direct mode and Prosody, one repetition: under 5 minutes
# Extra arguments go to the runner (e.g. --peers kindling,whack --modes direct).
# It installs what it needs (Debian: prosody, ejabberd, python3-slixmpp, gnuplot-nox, nodejs/npm; npm: @xmpp/component;
# Maven Central: Whack, Babbler), builds Kindling and the peers, runs, and writes bench/results/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

missing=()
[ -d /usr/lib/python3/dist-packages/slixmpp ] || missing+=(python3-slixmpp)
command -v gnuplot >/dev/null 2>&1 || missing+=(gnuplot-nox)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
scripts/install-deps

echo "bench: building Kindling and the peers" >&2
mvn -q -B -ntp -DskipTests install
mvn -q -B -ntp -f bench/peers/whack/pom.xml package
mvn -q -B -ntp -f bench/peers/babbler/pom.xml package
(cd bench/peers/xmppjs && npm install --no-audit --no-fund --silent)

exec java -Xmx2g -cp bench/target/benchmarks.jar dev.kindling.bench.compare.Runner "$@"

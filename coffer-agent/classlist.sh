#!/usr/bin/env bash
# Regenerates the agent's class list, src/main/resources/dev/coffer/agent/classes.lst: the classes a real run of each
# command loads, which the launcher (src/main/dist/coffer-agent) turns into a class-data archive once per jar.
# Run it after changing which classes a command loads (ClassListTest fails when a listed class of ours is gone):
#
#   coffer-agent/classlist.sh
#
# It builds both jars when they are missing, starts a Coffer server on its embedded defaults in a temporary home,
# provisions a backup account through the API, and runs the agent on a small generated dataset against the server
# (register, backup, unchanged backup, snapshots, ls, diff, restore, check) and against a local repository (the same
# plus init, forget and prune, key add), each run with -XX:DumpLoadedClassList. The union of the lists, in the order
# the classes were first loaded, is the result. Needs java, curl and python3.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
AGENT_JAR="$ROOT/coffer-agent/target/coffer-agent.jar"
SERVER_JAR="$ROOT/coffer-server/target/coffer-server.jar"
OUT="$HERE/src/main/resources/dev/coffer/agent/classes.lst"
PORT="${CLASSLIST_PORT:-18490}"
ADMIN_PASSWORD="Classlist-Provider-Pass-1"
WORK="$(mktemp -d)"

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'classlist: %s\n' "$*" >&2; exit 1; }

SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

if [ ! -f "$AGENT_JAR" ] || [ ! -f "$SERVER_JAR" ]; then
  log "building coffer-agent and coffer-server"
  (cd "$ROOT" && ./mvnw -q -DskipTests package)
fi

python3 "$ROOT/bench/dataset.py" generate "$WORK/data" 0.02 >&2
mkdir -p "$WORK/lists"
RUN=0
# agent HOME ARGS...: one agent run, its loaded classes listed in $WORK/lists; the class-data archive is off, so the
# list holds every class however the JVM found it
agent() {
  local home=$1
  shift
  RUN=$((RUN + 1))
  COFFER_AGENT_CDS=0 COFFER_AGENT_JAR="$AGENT_JAR" COFFER_AGENT_HOME="$home" \
    COFFER_AGENT_OPTS="-XX:DumpLoadedClassList=$WORK/lists/$(printf %03d $RUN).lst" \
    "$HERE/src/main/dist/coffer-agent" "$@" >/dev/null
}

log "starting coffer-server on port $PORT"
COFFER_HOME="$WORK/server-home" COFFER_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  java -jar "$SERVER_JAR" --server.port="$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
B="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do curl -fs "$B/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "$B/actuator/health" >/dev/null || die "the server did not start (see $WORK/server.log)"

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
api() { # method path body basic-credentials
  curl -sS --fail-with-body -u "$4" -H 'Content-Type: application/json' -X "$1" "$B/api/v1$2" ${3:+-d "$3"}
}
CUSTOMER=$(api POST /customers '{"name":"Classlist Ltd","adminLogin":"classlist-admin","adminEmail":"it@classlist.example",
  "adminPassword":"Quiet-Harbor-Lamp-7","quotas":{}}' "admin:$ADMIN_PASSWORD" | json "['id']")
USER_ID=$(api POST "/customers/$CUSTOMER/users" '{"name":"Classlist","email":"one@classlist.example"}' \
  "classlist-admin:Quiet-Harbor-Lamp-7" | json "['id']")
PASSWORD=$(api PUT "/users/$USER_ID/backup-account" '{"notificationLevel":"NONE","quotaNotifications":false,
  "manageOtherUsers":false,"quotas":{}}' "classlist-admin:Quiet-Harbor-Lamp-7" | json "['password']")

log "running the agent against the server"
S="$WORK/agent-home"
agent "$S" --version
agent "$S" --help
COFFER_PASSWORD="$PASSWORD" agent "$S" register --server "$B" --login one@classlist.example --device-type server \
  --name classlist
agent "$S" backup "$WORK/data"
echo "changed" >>"$(find "$WORK/data" -type f | head -n 1)"
agent "$S" backup "$WORK/data"
agent "$S" snapshots
agent "$S" --json snapshots
agent "$S" ls latest
FIRST=$(COFFER_AGENT_CDS=0 COFFER_AGENT_JAR="$AGENT_JAR" COFFER_AGENT_HOME="$S" "$HERE/src/main/dist/coffer-agent" \
  --json snapshots | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['id'])")
agent "$S" diff "$FIRST" latest
agent "$S" restore latest --target "$WORK/restore-server"
agent "$S" check --read-data

log "running the agent on a local repository"
L=(--repo "$WORK/repo")
export COFFER_PASSWORD="classlist-passphrase"
agent "$WORK/no-home" "${L[@]}" init
agent "$WORK/no-home" "${L[@]}" backup "$WORK/data"
agent "$WORK/no-home" "${L[@]}" backup "$WORK/data"
agent "$WORK/no-home" "${L[@]}" snapshots
agent "$WORK/no-home" "${L[@]}" ls latest
agent "$WORK/no-home" "${L[@]}" restore latest --target "$WORK/restore-local"
agent "$WORK/no-home" "${L[@]}" check --read-data
agent "$WORK/no-home" "${L[@]}" forget --keep-last 1 --prune
COFFER_NEW_PASSWORD="another-passphrase" agent "$WORK/no-home" "${L[@]}" key add

# The union, in first-loaded order. Classes the JVM makes at run time (proxies, lambdas) cannot be archived from a
# list; the @lambda lines are kept, duplicates dropped.
python3 - "$WORK/lists" "$OUT" <<'PY'
import os, sys
lists, out = sys.argv[1], sys.argv[2]
seen, lines = set(), []
for name in sorted(os.listdir(lists)):
    for line in open(os.path.join(lists, name)):
        line = line.rstrip("\n")
        if not line or line.startswith("#") or "$Proxy" in line or line in seen:
            continue
        seen.add(line)
        lines.append(line)
with open(out, "w") as f:
    f.write("# The classes the agent's commands load, for the launcher's class-data archive; made by coffer-agent/classlist.sh.\n")
    f.write("\n".join(lines) + "\n")
print(f"{len(lines)} lines in {out}", file=sys.stderr)
PY

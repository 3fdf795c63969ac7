#!/usr/bin/env bash
# Benchmark: backup and restore THROUGH THE COFFER SERVER, next to the same agent on a local repository and restic
# through a REST server (rclone serve restic --append-only, which speaks restic's REST protocol).
# Steps per tool: first backup, unchanged second backup, full restore. Prints a Markdown table and writes it to
# bench/results-server.md. See bench/README.md.
#
#   bench/server.sh                 # 1 GiB dataset
#   BENCH_GB=0.2 bench/server.sh    # quick run
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WORK="${BENCH_WORK:-$BENCH_DIR/work-server}"
DATA="$WORK/data"
BENCH_GB="${BENCH_GB:-1}"
AGENT_JAR="$ROOT/coffer-agent/target/coffer-agent.jar"
SERVER_JAR="$ROOT/coffer-server/target/coffer-server.jar"
RESULTS="$BENCH_DIR/results-server.md"
PORT="${BENCH_PORT:-18480}"
REST_PORT="${BENCH_REST_PORT:-18481}"
ADMIN_PASSWORD="Bench-Provider-Pass-1"

export RESTIC_PASSWORD="bench-passphrase"
export RESTIC_CACHE_DIR="$WORK/restic-cache"

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

install_package() { # command package
  command -v "$1" >/dev/null 2>&1 && return
  [ "$(id -u)" = 0 ] || die "$1 is missing: install it with 'sudo apt-get install -y $2'"
  log "installing $2"
  apt-get install -y "$2" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
}

install_package restic restic
install_package rclone rclone
install_package curl curl
[ -x /usr/bin/time ] || install_package /usr/bin/time time
command -v python3 >/dev/null || die "python3 is needed to generate the dataset and read JSON"
command -v java >/dev/null || die "java (17 or later) is needed"

if [ ! -f "$AGENT_JAR" ] || [ ! -f "$SERVER_JAR" ]; then
  log "building coffer-agent and coffer-server"
  (cd "$ROOT" && ./mvnw -q -DskipTests package)
fi

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

rm -rf "$WORK"
mkdir -p "$WORK"
log "generating ${BENCH_GB} GiB of data in $DATA"
python3 "$BENCH_DIR/dataset.py" generate "$DATA" "$BENCH_GB" >&2
DATA_BYTES=$(du -sb "$DATA" | cut -f1)
DATA_FILES=$(find "$DATA" -type f | wc -l)

# --- the Coffer server on its embedded defaults, in a fresh home ------------------------------------------------
log "starting coffer-server on port $PORT"
# COFFER_SERVER_JAVA_OPTS: JVM options for the server (e.g. a flight recording), like COFFER_JAVA_OPTS for the agent
# shellcheck disable=SC2086
COFFER_HOME="$WORK/server-home" COFFER_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  java ${COFFER_SERVER_JAVA_OPTS:-} -jar "$SERVER_JAR" --server.port="$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
PIDS+=($!)
B="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do curl -fs "$B/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "$B/actuator/health" >/dev/null || die "the server did not start (see $WORK/server.log)"

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
api() { # method path body [basic-credentials]
  curl -sS --fail-with-body -u "$4" -H 'Content-Type: application/json' -X "$1" "$B/api/v1$2" ${3:+-d "$3"}
}
CUSTOMER=$(api POST /customers '{"name":"Bench Ltd","adminLogin":"bench-admin","adminEmail":"it@bench.example",
  "adminPassword":"Quiet-Harbor-Lamp-7","quotas":{}}' "admin:$ADMIN_PASSWORD" | json "['id']")
USER_ID=$(api POST "/customers/$CUSTOMER/users" '{"name":"Bench User","email":"bench@bench.example"}' \
  "bench-admin:Quiet-Harbor-Lamp-7" | json "['id']")
ACCOUNT_PASSWORD=$(api PUT "/users/$USER_ID/backup-account" '{"notificationLevel":"NONE","quotaNotifications":false,
  "manageOtherUsers":false,"quotas":{}}' "bench-admin:Quiet-Harbor-Lamp-7" | json "['password']")

AGENT=(env COFFER_AGENT_JAR="$AGENT_JAR" "$ROOT/coffer-agent/src/main/dist/coffer-agent")
export COFFER_AGENT_HOME="$WORK/agent-home"
COFFER_PASSWORD="$ACCOUNT_PASSWORD" "${AGENT[@]}" register --server "$B" --login bench@bench.example \
  --device-type server --name bench >&2

# --- warm-up: a server runs for months, so its JIT has compiled the request path long before a device's backup. A
# fresh JVM interprets it at first and spends seconds of CPU compiling (on these 2 cores, next to the agent). Back up
# and restore a small dataset through the server with a second account first, untimed (nothing is shared with the
# measured account's repository). BENCH_WARM=0 measures the cold server instead.
if [ "${BENCH_WARM:-1}" != 0 ]; then
  log "warming the server up with a second account"
  WARM_USER=$(api POST "/customers/$CUSTOMER/users" '{"name":"Warm-up","email":"warm@bench.example"}' \
    "bench-admin:Quiet-Harbor-Lamp-7" | json "['id']")
  WARM_PASSWORD=$(api PUT "/users/$WARM_USER/backup-account" '{"notificationLevel":"NONE","quotaNotifications":false,
    "manageOtherUsers":false,"quotas":{}}' "bench-admin:Quiet-Harbor-Lamp-7" | json "['password']")
  python3 "$BENCH_DIR/dataset.py" generate "$WORK/warm-data" 0.1 >&2
  WARM=(env COFFER_AGENT_HOME="$WORK/warm-agent-home" "${AGENT[@]}" --quiet)
  COFFER_PASSWORD="$WARM_PASSWORD" "${WARM[@]}" register --server "$B" --login warm@bench.example \
    --device-type server --name warm-up >&2
  for _ in 1 2; do
    "${WARM[@]}" backup "$WORK/warm-data" >/dev/null
    rm -rf "$WORK/warm-restore"
    "${WARM[@]}" restore latest --target "$WORK/warm-restore" >/dev/null
  done
  rm -rf "$WORK/warm-data" "$WORK/warm-restore"
fi

# --- restic through its REST server ------------------------------------------------------------------------------
log "starting rclone serve restic --append-only on port $REST_PORT"
mkdir -p "$WORK/repo-restic-rest"
rclone serve restic --append-only --addr "127.0.0.1:$REST_PORT" "$WORK/repo-restic-rest" >"$WORK/rclone.log" 2>&1 &
REST_PID=$!
PIDS+=($!)
for _ in $(seq 1 30); do curl -s "http://127.0.0.1:$REST_PORT/" >/dev/null 2>&1 && break; sleep 1; done

# CPU seconds (user + system) a process has used so far, from /proc/PID/stat
proc_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

declare -A WALL RSS CPU SCPU
measure() { # KEY command...
  local key="$1"; shift
  local timefile="$WORK/time-$key.txt" start end peer="" peer_before=0
  case $key in restic-*) peer=$REST_PID ;; server-*) peer=$SERVER_PID ;; esac
  [ -n "$peer" ] && peer_before=$(proc_cpu "$peer")
  log "$key: $*"
  start=$(date +%s.%N)
  if ! /usr/bin/time -v -o "$timefile" "$@" >"$WORK/out-$key.txt" 2>"$WORK/err-$key.txt"; then
    cat "$WORK/err-$key.txt" >&2
    die "$key failed (output in $WORK/out-$key.txt, $WORK/err-$key.txt)"
  fi
  end=$(date +%s.%N)
  WALL[$key]=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  RSS[$key]=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timefile")
  CPU[$key]=$(awk -F': ' '/User time \(seconds\)/ { u = $2 } /System time \(seconds\)/ { s = $2 } END { printf "%.2f", u + s }' "$timefile")
  if [ -n "$peer" ]; then
    SCPU[$key]=$(awk -v a="$peer_before" -v b="$(proc_cpu "$peer")" 'BEGIN { printf "%.2f", b - a }')
  else
    SCPU[$key]=0
  fi
}

RESTIC=(restic --repo "rest:http://127.0.0.1:$REST_PORT/" --quiet)
LOCAL=(env COFFER_PASSWORD=bench-passphrase COFFER_AGENT_HOME="$WORK/no-agent-home" "${AGENT[@]}" --repo "$WORK/repo-coffer-local" --quiet)
SERVER=("${AGENT[@]}" --quiet)

"${RESTIC[@]}" init >/dev/null
"${LOCAL[@]}" init >/dev/null

for tool in restic local server; do
  declare -n argv="${tool^^}"
  measure "$tool-backup1" "${argv[@]}" backup "$DATA"
  measure "$tool-backup2" "${argv[@]}" backup "$DATA"
  measure "$tool-restore" "${argv[@]}" restore latest --target "$WORK/restore-$tool"
  diff -rq "$DATA" "$WORK/restore-$tool$DATA" >&2 || die "$tool restored different data"
  unset -n argv
done
# The servers' own CPU (the REST server's, the Coffer server's) while they served the step is in SCPU.

secs() { printf '%s s' "$1"; }
mbps() { awk -v b="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f MB/s", b / 1e6 / t; else print "-" }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }
rel() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.2f×", b / a; else print "-" }'; }
{
  echo "# Benchmark: backup through the Coffer server"
  echo
  echo "Dataset: $(mb "$DATA_BYTES") in $DATA_FILES files (BENCH_GB=$BENCH_GB). $(nproc) cores, $(date -u +%Y-%m-%d)."
  echo "Server and REST server on this machine (loopback), H2 and local storage; restic $(restic version | cut -d' ' -f2) via"
  echo "\`rclone serve restic --append-only\`. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  if [ "${BENCH_WARM:-1}" != 0 ]; then
    echo "The Coffer server was warmed up first (a 0.1 GiB backup and restore, twice, by a second account; BENCH_WARM=0: cold)."
  else
    echo "The Coffer server was measured cold (BENCH_WARM=0): its first requests ran before the JIT had compiled them."
  fi
  echo
  echo "| step | restic → REST server | coffer → local repo | coffer → Coffer server | server vs restic | server vs local |"
  echo "|---|---:|---:|---:|---:|---:|"
  for step in backup1 backup2 restore; do
    case $step in backup1) name="first backup" ;; backup2) name="unchanged second backup" ;; restore) name="full restore" ;; esac
    r=${WALL[restic-$step]} l=${WALL[local-$step]} s=${WALL[server-$step]}
    echo "| $name (wall) | $(secs "$r") | $(secs "$l") | $(secs "$s") | $(rel "$r" "$s") | $(rel "$l" "$s") |"
    echo "| $name (throughput) | $(mbps "$DATA_BYTES" "$r") | $(mbps "$DATA_BYTES" "$l") | $(mbps "$DATA_BYTES" "$s") | | |"
    echo "| $name (agent CPU) | $(secs "${CPU[restic-$step]}") | $(secs "${CPU[local-$step]}") | $(secs "${CPU[server-$step]}") | | |"
    echo "| $name (server CPU) | $(secs "${SCPU[restic-$step]}") | - | $(secs "${SCPU[server-$step]}") | | |"
    echo "| $name (agent peak RSS) | $(mb $((RSS[restic-$step] * 1024))) | $(mb $((RSS[local-$step] * 1024))) | $(mb $((RSS[server-$step] * 1024))) | | |"
  done
  echo
  echo "Goal: through the server at least as fast as restic through its REST server (ratio ≤ 1.00×) and within 15% of"
  echo "the agent's local-repository speed (ratio ≤ 1.15×)."
} | tee "$RESULTS"
log "table written to $RESULTS; logs in $WORK"

#!/usr/bin/env bash
# Benchmark: backup and restore THROUGH THE COFFER SERVER, next to the same agent on a local repository and restic
# through a REST server (rclone serve restic --append-only, which speaks restic's REST protocol).
# Steps per tool: first backup, unchanged second backup, full restore, in BENCH_ROUNDS rounds (3) on fresh
# repositories; prints the medians as a Markdown table and writes it to bench/results-server.md. See bench/README.md.
#
#   bench/server.sh                 # 1 GiB dataset, 3 rounds
#   BENCH_GB=0.2 BENCH_ROUNDS=1 bench/server.sh    # quick run
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

# The previous run's files are deleted only after this run has measured: ext4 without a journal (as on many VM
# images) creates files slowly for up to five minutes after many were deleted nearby (it skips recently deleted
# inodes, reading their inode blocks), which made a restore's system time vary from 3 to 9.5 s.
OLD_WORK=""
if [ -e "$WORK" ]; then
  OLD_WORK="$WORK.old.$$"
  mv "$WORK" "$OLD_WORK"
fi
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
AGENT=(env COFFER_AGENT_JAR="$AGENT_JAR" "$ROOT/coffer-agent/src/main/dist/coffer-agent")
# account NAME: a new backup account of the bench customer, its agent registered in $WORK/agent-home-NAME
account() {
  local user password
  user=$(api POST "/customers/$CUSTOMER/users" "{\"name\":\"Bench $1\",\"email\":\"$1@bench.example\"}" \
    "bench-admin:Quiet-Harbor-Lamp-7" | json "['id']")
  password=$(api PUT "/users/$user/backup-account" '{"notificationLevel":"NONE","quotaNotifications":false,
    "manageOtherUsers":false,"quotas":{}}' "bench-admin:Quiet-Harbor-Lamp-7" | json "['password']")
  COFFER_PASSWORD="$password" COFFER_AGENT_HOME="$WORK/agent-home-$1" "${AGENT[@]}" --quiet register --server "$B" \
    --login "$1@bench.example" --device-type server --name "$1" >/dev/null
}

# --- warm-up: a server runs for months, so its JIT has compiled the request path long before a device's backup. A
# fresh JVM interprets it at first and spends seconds of CPU compiling (on these 2 cores, next to the agent): measured,
# the server's CPU for one 0.5 GiB restore fell from 1.2 s to 0.4 s over the first few thousand requests. So back up
# (first and unchanged) and restore a small dataset through the server first, untimed, with accounts of their own
# (nothing is shared with the measured accounts' repositories). BENCH_WARM=0 measures the cold server instead.
WARM_CYCLES=4
WARM_SHORT="${BENCH_WARM_SHORT:-30}"
if [ "${BENCH_WARM:-1}" != 0 ]; then
  log "warming the server up: $WARM_CYCLES backups and restores of 0.2 GiB, then $WARM_SHORT short sessions of 5 MB, by accounts of their own"
  python3 "$BENCH_DIR/dataset.py" generate "$WORK/warm-data" 0.2 >&2
  for i in $(seq 1 "$WARM_CYCLES"); do
    account "warm-up-$i"
    WARM=(env COFFER_AGENT_HOME="$WORK/agent-home-warm-up-$i" "${AGENT[@]}" --quiet)
    "${WARM[@]}" backup "$WORK/warm-data" >/dev/null
    "${WARM[@]}" backup "$WORK/warm-data" >/dev/null
    "${WARM[@]}" restore latest --target "$WORK/warm-restore-$i" >/dev/null
  done
  # Then many short sessions of other devices, as a server with many devices serves all day: register, back up a
  # small tree twice, list the snapshots and a tree, restore. The big cycles above leave the JIT still compiling the
  # framework code every request shares (Spring's handler lookup and type resolution, the transaction manager, the
  # filter chain, H2's commit): 18-44 C2 compilations and 0.1-1.0 CPU s in every later step, measured in 14 more
  # such cycles; after these short ones a measured step compiles 1-11 methods.
  python3 "$BENCH_DIR/dataset.py" generate "$WORK/warm-tiny" 0.005 >&2
  for i in $(seq 1 "$WARM_SHORT"); do
    account "short-$i"
    WARM=(env COFFER_AGENT_HOME="$WORK/agent-home-short-$i" "${AGENT[@]}" --quiet)
    "${WARM[@]}" backup "$WORK/warm-tiny" >/dev/null
    "${WARM[@]}" backup "$WORK/warm-tiny" >/dev/null
    "${WARM[@]}" snapshots >/dev/null
    "${WARM[@]}" ls latest >/dev/null
    "${WARM[@]}" restore latest --target "$WORK/warm-tiny-restore-$i" >/dev/null
  done
  # A backup makes a few hundred requests, and the JIT compiles a method only after thousands of calls: each request
  # runs the request path (security filters, the device's authentication, the object API) about once. So, as a
  # server with many devices has long done, also read objects 15,000 times (HEADs and 64 KiB ranges of the packs).
  token=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['deviceToken'])" \
    "$WORK/agent-home-warm-up-1/agent.json")
  curl -sS --fail -H "Authorization: Bearer $token" "$B/agent/v1/repository/objects?prefix=data/" \
    | python3 -c "
import json, sys
names = [e['name'] for e in json.load(sys.stdin)]
for i in range(5000):
    print('url = \"$B/agent/v1/repository/objects/%s\"' % names[i % len(names)])
    print('output = \"/dev/null\"')" >"$WORK/warm-requests.txt"
  curl -sS --fail --head -H "Authorization: Bearer $token" -K "$WORK/warm-requests.txt"
  for _ in 1 2; do curl -sS --fail -r 0-65535 -H "Authorization: Bearer $token" -K "$WORK/warm-requests.txt"; done
  # ... and store 10,000 small new objects (each checked against its name's SHA-256, reserved and recorded in the
  # ledger like a pack). With 3,000, the database path of an upload (the ledger's reservation and commit, H2's
  # statements, the transaction manager) was still being compiled during the measured backups: a flight recording of
  # one first backup showed 39 C2 compilations taking 1.4 s of a compiler thread, 4 taking 0.1 s after 10,000.
  mkdir -p "$WORK/warm-objects"
  python3 - "$WORK/warm-objects" "$B" >"$WORK/warm-uploads.txt" <<'PY'
import hashlib, os, sys
folder, base = sys.argv[1], sys.argv[2]
for i in range(10000):
    data = os.urandom(1024)
    name = hashlib.sha256(data).hexdigest()
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(data)
    print('upload-file = "%s"' % path)
    print('url = "%s/agent/v1/repository/objects/data/%s/%s"' % (base, name[:2], name))
    print('output = "/dev/null"')
PY
  curl -sS --fail -H "Authorization: Bearer $token" -H "Content-Type: application/octet-stream" \
    -K "$WORK/warm-uploads.txt"
fi

# --- restic through its REST server (one repository per round, under its own path) -------------------------------
log "starting rclone serve restic --append-only on port $REST_PORT"
mkdir -p "$WORK/repo-restic-rest"
rclone serve restic --append-only --addr "127.0.0.1:$REST_PORT" "$WORK/repo-restic-rest" >"$WORK/rclone.log" 2>&1 &
REST_PID=$!
PIDS+=($!)
for _ in $(seq 1 30); do curl -s "http://127.0.0.1:$REST_PORT/" >/dev/null 2>&1 && break; sleep 1; done

# CPU seconds (user + system) a process has used so far, from /proc/PID/stat
proc_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

# The JIT compilations the Coffer server has made so far and the seconds they took, from jstat (when the JDK has it):
# a warmed-up server compiles little during a step; many compilations mean the warm-up fell short.
server_jit() { jstat -compiler "$SERVER_PID" 2>/dev/null | awk 'NR == 2 { print $1, $4 }' || true; }

declare -A WALL RSS CPU SCPU JITN JITS
measure() { # KEY command...   (KEY is tool-step-round)
  local key="$1"; shift
  local timefile="$WORK/time-$key.txt" start end peer="" peer_before=0 jit_before=""
  case $key in restic-*) peer=$REST_PID ;; server-*) peer=$SERVER_PID ;; esac
  [ -n "$peer" ] && peer_before=$(proc_cpu "$peer")
  case $key in server-*) jit_before=$(server_jit) ;; esac
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
  JITN[$key]=-1 JITS[$key]=0
  if [ -n "$jit_before" ]; then
    read -r JITN[$key] JITS[$key] < <(echo "$jit_before $(server_jit)" \
      | awk 'NF == 4 { printf "%d %.2f\n", $3 - $1, $4 - $2 } NF != 4 { print "-1 0" }')
  fi
}

# --- the rounds ------------------------------------------------------------------------------------------------
# Single runs here vary by up to 2x: the machine's other load, and the file system (creating the restored files is
# slow for minutes after many files were deleted nearby). So each round measures every tool on a fresh
# repository (restic: a new path on the REST server; coffer: a new local repository and a new backup account on the
# server), step by step with the tools interleaved and their order rotated from round to round; the table shows the
# median of the rounds and, for wall time, the lowest and highest. Nothing is deleted until the end.
ROUNDS="${BENCH_ROUNDS:-3}"
TOOLS=(restic local server)
argv_of() { # tool round -> the tool's command line in the global array ARGV
  case $1 in
    restic) ARGV=(restic --repo "rest:http://127.0.0.1:$REST_PORT/round-$2/" --quiet) ;;
    local) ARGV=(env COFFER_PASSWORD=bench-passphrase COFFER_AGENT_HOME="$WORK/no-agent-home" "${AGENT[@]}"
                 --repo "$WORK/repo-coffer-local-$2" --quiet) ;;
    server) ARGV=(env COFFER_AGENT_HOME="$WORK/agent-home-bench-$2" "${AGENT[@]}" --quiet) ;;
  esac
}
for r in $(seq 1 "$ROUNDS"); do
  log "round $r of $ROUNDS"
  argv_of restic "$r"; "${ARGV[@]}" init >/dev/null
  argv_of local "$r"; "${ARGV[@]}" init >/dev/null
  account "bench-$r"
  order=()
  for i in 0 1 2; do order+=("${TOOLS[$(( (i + r - 1) % 3 ))]}"); done
  for step in backup1 backup2 restore; do
    for tool in "${order[@]}"; do
      argv_of "$tool" "$r"
      if [ "$step" = restore ]; then
        measure "$tool-$step-$r" "${ARGV[@]}" restore latest --target "$WORK/restore-$tool-$r"
        diff -rq "$DATA" "$WORK/restore-$tool-$r$DATA" >&2 || die "$tool restored different data (round $r)"
      else
        measure "$tool-$step-$r" "${ARGV[@]}" backup "$DATA"
      fi
    done
  done
done
# The servers' own CPU (the REST server's, the Coffer server's) while they served the step is in SCPU.

# median ARRAY-NAME tool step: the median over the rounds; lowest/highest likewise
over_rounds() { local -n values="$1"; local r; for r in $(seq 1 "$ROUNDS"); do echo "${values[$2-$3-$r]}"; done; }
median() { over_rounds "$@" | sort -g | awk '{ a[NR] = $1 } END { printf "%.2f", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
lowest() { over_rounds "$@" | sort -g | head -n 1; }
highest() { over_rounds "$@" | sort -g | tail -n 1; }

secs() { printf '%s s' "$1"; }
wall() { printf '%s s (%s–%s)' "$(median WALL "$1" "$2")" "$(lowest WALL "$1" "$2")" "$(highest WALL "$1" "$2")"; }
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
    echo "The Coffer server was warmed up first (0.2 GiB backed up twice and restored, $WARM_CYCLES times, then $WARM_SHORT short sessions"
    echo "of 5 MB (register, 2 backups, snapshots, ls, restore), by accounts of their own, then 15,000 object reads and 10,000 small"
    echo "uploads; BENCH_WARM=0: cold)."
  else
    echo "The Coffer server was measured cold (BENCH_WARM=0): its first requests ran before the JIT had compiled them."
  fi
  echo "Median of $ROUNDS rounds (BENCH_ROUNDS), each on fresh repositories with the tools interleaved in rotating order;"
  echo "wall time with the lowest and highest round in brackets."
  echo
  echo "| step | restic → REST server | coffer → local repo | coffer → Coffer server | server vs restic | server vs local |"
  echo "|---|---:|---:|---:|---:|---:|"
  for step in backup1 backup2 restore; do
    case $step in backup1) name="first backup" ;; backup2) name="unchanged second backup" ;; restore) name="full restore" ;; esac
    r=$(median WALL restic $step) l=$(median WALL local $step) s=$(median WALL server $step)
    echo "| $name (wall) | $(wall restic $step) | $(wall local $step) | $(wall server $step) | $(rel "$r" "$s") | $(rel "$l" "$s") |"
    echo "| $name (throughput) | $(mbps "$DATA_BYTES" "$r") | $(mbps "$DATA_BYTES" "$l") | $(mbps "$DATA_BYTES" "$s") | | |"
    echo "| $name (agent CPU) | $(secs "$(median CPU restic $step)") | $(secs "$(median CPU local $step)") | $(secs "$(median CPU server $step)") | | |"
    echo "| $name (server CPU) | $(secs "$(median SCPU restic $step)") | - | $(secs "$(median SCPU server $step)") | | |"
    if [ "$(median JITN server $step)" != "-1.00" ]; then
      echo "| $name (server JIT compilations, their seconds) | | | $(median JITN server $step | cut -d. -f1), $(secs "$(median JITS server $step)") | | |"
    fi
    echo "| $name (agent peak RSS) | $(mb "$(median RSS restic $step | awk '{ print $1 * 1024 }')") | $(mb "$(median RSS local $step | awk '{ print $1 * 1024 }')") | $(mb "$(median RSS server $step | awk '{ print $1 * 1024 }')") | | |"
  done
  echo
  echo "Goal: through the server at least as fast as restic through its REST server (ratio ≤ 1.00×) and within 15% of"
  echo "the agent's local-repository speed (ratio ≤ 1.15×)."
} | tee "$RESULTS"
log "table written to $RESULTS; logs in $WORK"
if [ -n "$OLD_WORK" ]; then
  log "deleting the previous run's $OLD_WORK"
  rm -rf "$OLD_WORK"
fi

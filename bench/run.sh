#!/usr/bin/env bash
# Benchmark: coffer-agent against restic on the same generated dataset, each in its own fresh local repository.
# Steps: first backup, unchanged second backup, backup after 10% of the files changed, full restore.
# Measures wall time, peak RSS (GNU time), throughput and repository size; prints a Markdown table and writes it to
# bench/results.md. See bench/README.md.
#
#   bench/run.sh                 # 1 GiB dataset
#   BENCH_GB=0.2 bench/run.sh    # quick run
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WORK="${BENCH_WORK:-$BENCH_DIR/work}"
DATA="$WORK/data"
BENCH_GB="${BENCH_GB:-1}"
JAR="$ROOT/coffer-agent/target/coffer-agent.jar"
# JVM options for the agent (e.g. a heap cap); empty means the JVM's defaults.
COFFER_JAVA_OPTS="${COFFER_JAVA_OPTS:-}"
RESULTS="$BENCH_DIR/results.md"

export RESTIC_PASSWORD="bench-passphrase"
export COFFER_PASSWORD="bench-passphrase"
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
[ -x /usr/bin/time ] || install_package /usr/bin/time time
command -v python3 >/dev/null || die "python3 is needed to generate the dataset"
command -v java >/dev/null || die "java (17 or later) is needed to run coffer-agent"

if [ ! -f "$JAR" ]; then
  log "building coffer-agent"
  (cd "$ROOT" && ./mvnw -q -DskipTests package -pl coffer-agent -am)
fi

# --- dataset ------------------------------------------------------------------------------------------------------
# Always regenerated: the "10% changed" step modifies it in place, and generation is deterministic anyway.
# The previous run's files are deleted only after this run has measured (see bench/server.sh: ext4 without a
# journal creates files slowly for minutes after many deletions nearby).
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

# --- measuring ----------------------------------------------------------------------------------------------------
declare -A WALL RSS SIZE CPU

# measure KEY command...: runs the command under GNU time; records wall seconds and peak RSS (KiB).
measure() {
  local key="$1"; shift
  local timefile="$WORK/time-$key.txt" start end
  log "$key: $*"
  start=$(date +%s.%N)
  if ! /usr/bin/time -v -o "$timefile" "$@" >"$WORK/out-$key.txt" 2>"$WORK/err-$key.txt"; then
    cat "$WORK/err-$key.txt" >&2
    die "$key failed (output in $WORK/out-$key.txt, $WORK/err-$key.txt)"
  fi
  end=$(date +%s.%N)
  WALL[$key]=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  RSS[$key]=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timefile")
  # CPU time (user + system, all threads): less sensitive than wall time to other load on the machine.
  CPU[$key]=$(awk -F': ' '/User time \(seconds\)/ { u = $2 } /System time \(seconds\)/ { s = $2 } END { printf "%.2f", u + s }' "$timefile")
}

# restic keeps its usual local metadata cache (in $WORK), as users run it.
RESTIC=(restic --repo "$WORK/repo-restic" --quiet)
# shellcheck disable=SC2206 # word splitting of the JVM options is wanted
# The launcher script is how users start the agent (lean JVM settings); COFFER_JAVA_OPTS is appended to them.
COFFER=(env COFFER_AGENT_JAR="$JAR" COFFER_AGENT_OPTS="$COFFER_JAVA_OPTS" "$ROOT/coffer-agent/src/main/dist/coffer-agent" --repo "$WORK/repo-coffer" --quiet)

"${RESTIC[@]}" init >/dev/null
"${COFFER[@]}" init >/dev/null

# tool_run KEY TOOL ARGS...: measures TOOL's command line with ARGS.
tool_run() {
  local key="$1" tool="$2"; shift 2
  local -n argv="${tool^^}"
  measure "$key" "${argv[@]}" "$@"
}

for tool in restic coffer; do
  tool_run "$tool-backup1" "$tool" backup "$DATA"
  SIZE[$tool-backup1]=$(du -sb "$WORK/repo-$tool" | cut -f1)
  tool_run "$tool-backup2" "$tool" backup "$DATA"
done

log "changing 10% of the files"
python3 "$BENCH_DIR/dataset.py" mutate "$DATA" >&2

for tool in restic coffer; do
  tool_run "$tool-backup3" "$tool" backup "$DATA"
  SIZE[$tool-backup3]=$(du -sb "$WORK/repo-$tool" | cut -f1)
done

for tool in restic coffer; do
  tool_run "$tool-restore" "$tool" restore latest --target "$WORK/restore-$tool"
  log "verifying the $tool restore"
  diff -rq "$DATA" "$WORK/restore-$tool$DATA" >&2 || die "$tool restored different data"
done

# --- report -------------------------------------------------------------------------------------------------------
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
mbps() { awk -v b="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f MB/s", b / 1e6 / t; else print "-" }'; }
secs() { printf '%s s' "$1"; }
speedup() { awk -v r="$1" -v c="$2" 'BEGIN {
  if (c <= 0 || r <= 0) print "-"; else if (c <= r) printf "%.2f× faster", r / c; else printf "%.2f× slower", c / r }'; }
ratio() { awk -v r="$1" -v c="$2" 'BEGIN { if (r > 0) printf "%.2f× restic'"'"'s", c / r; else print "-" }'; }
verdict() { awk -v ok="$1" 'BEGIN { print (ok ? "met" : "**not met**") }'; }
peak() { # highest RSS of a tool over all steps, KiB
  local max=0 v
  for step in backup1 backup2 backup3 restore; do v=${RSS[$1-$step]}; [ "$v" -gt "$max" ] && max=$v; done
  echo "$max"
}

{
  echo "# Benchmark: coffer-agent vs restic"
  echo
  echo "Dataset: $(mb "$DATA_BYTES") in $DATA_FILES files (BENCH_GB=$BENCH_GB). $(nproc) cores, $(date -u +%Y-%m-%d).  "
  echo "restic: $(restic version | head -1 | cut -d' ' -f1-2); coffer-agent: commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') on $(java -version 2>&1 | head -1)${COFFER_JAVA_OPTS:+, JVM options $COFFER_JAVA_OPTS}.  "
  echo "The dataset was just written, so it is read from the page cache (dropping caches needs root privileges the"
  echo "benchmark does not assume); both tools get the same conditions, run one after the other. Load average at the"
  echo "end: $(cut -d' ' -f1-3 /proc/loadavg) (other load on the machine slows both tools)."
  echo
  echo "| step | metric | restic | coffer | coffer vs restic |"
  echo "|---|---|---:|---:|---:|"
  for step in backup1 backup2 backup3 restore; do
    case $step in
      backup1) name="first backup" ;;
      backup2) name="unchanged second backup" ;;
      backup3) name="backup after 10% changed" ;;
      restore) name="full restore" ;;
    esac
    r=${WALL[restic-$step]} c=${WALL[coffer-$step]}
    echo "| $name | wall time | $(secs "$r") | $(secs "$c") | $(speedup "$r" "$c") |"
    echo "| $name | throughput | $(mbps "$DATA_BYTES" "$r") | $(mbps "$DATA_BYTES" "$c") | |"
    echo "| $name | CPU time (user + sys) | $(secs "${CPU[restic-$step]}") | $(secs "${CPU[coffer-$step]}") | $(ratio "${CPU[restic-$step]}" "${CPU[coffer-$step]}") |"
    echo "| $name | peak RSS | $(mb $((RSS[restic-$step] * 1024))) | $(mb $((RSS[coffer-$step] * 1024))) | $(ratio "${RSS[restic-$step]}" "${RSS[coffer-$step]}") |"
  done
  echo "| after first backup | repository size | $(mb "${SIZE[restic-backup1]}") | $(mb "${SIZE[coffer-backup1]}") | $(ratio "${SIZE[restic-backup1]}" "${SIZE[coffer-backup1]}") |"
  echo "| after third backup | repository size | $(mb "${SIZE[restic-backup3]}") | $(mb "${SIZE[coffer-backup3]}") | $(ratio "${SIZE[restic-backup3]}" "${SIZE[coffer-backup3]}") |"
  echo
  echo "| target | result |"
  echo "|---|---|"
  echo "| first backup ≥ 4× faster than restic | $(verdict "$(awk -v r="${WALL[restic-backup1]}" -v c="${WALL[coffer-backup1]}" 'BEGIN { print (r >= 4 * c) }')") |"
  echo "| unchanged second backup ≤ ½ restic's time | $(verdict "$(awk -v r="${WALL[restic-backup2]}" -v c="${WALL[coffer-backup2]}" 'BEGIN { print (2 * c <= r) }')") |"
  echo "| restore ≥ 3× faster | $(verdict "$(awk -v r="${WALL[restic-restore]}" -v c="${WALL[coffer-restore]}" 'BEGIN { print (r >= 3 * c) }')") |"
  echo "| repository no larger | $(verdict "$(awk -v r="${SIZE[restic-backup3]}" -v c="${SIZE[coffer-backup3]}" 'BEGIN { print (c <= r) }')") |"
  echo "| peak memory no higher | $(verdict "$(awk -v r="$(peak restic)" -v c="$(peak coffer)" 'BEGIN { print (c <= r) }')") |"
} | tee "$RESULTS"
log "table written to $RESULTS; repositories and logs in $WORK"
if [ -n "$OLD_WORK" ]; then
  log "deleting the previous run's $OLD_WORK"
  rm -rf "$OLD_WORK"
fi

# shellcheck shell=bash
# Shared by the netns-*.sh scripts; mirrors io.clusterkv.chaos.net.NetworkLab (same names, addresses and state
# files), so a lab made by hand and a lab made by a test look the same and each side can clean up the other's
# leftovers. Sourced, not run.
#
# A lab RUN with N nodes (RUN: 6 characters [a-z0-9], X: a free third octet):
#   namespaces      ck-RUN-n1 .. ck-RUN-nN
#   data network    10.77.X.i/24 on data0 in each namespace; the root ends ck-RUN-d<i> sit on the bridge
#                   ck-RUN-data, or on ck-RUN-s<k> while partitioned (one bridge per side); the root
#                   namespace has no address on them. Nodes bind here: --bind 10.77.X.i
#   management      10.78.X.i/24 on mgmt0 in each namespace; the root ends ck-RUN-m<i> are isolated ports of
#                   ck-RUN-mgmt (nodes cannot talk to each other over it); the root has 10.78.X.254 on it and a
#                   route 10.77.X.i/32 via 10.78.X.i, so it reaches every node's data address, whatever the
#                   partition. Never cut.
#   state           /run/clusterkv-netlab/RUN (owner, net, nodes) and /run/clusterkv-netlab/net-X (claims X)

set -euo pipefail

CK_STATE_DIR=/run/clusterkv-netlab

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# Runs a command and, if it fails, names it and exits.
run() {
  local err
  if ! err=$("$@" 2>&1 >/dev/null); then
    die "command failed: $* : $err"
  fi
}

require_root() {
  [ "$(id -u)" -eq 0 ] || die "needs root (network namespaces, veth pairs and bridges)"
  command -v ip >/dev/null || die "iproute2's ip is not installed"
}

require_run() {
  [[ "${1:-}" =~ ^[a-z0-9]{6}$ ]] || die "not a lab run id (6 characters [a-z0-9]): '${1:-}'"
  [ -f "$CK_STATE_DIR/$1" ] || die "no lab $1 (no $CK_STATE_DIR/$1)"
}

state_get() { # RUN KEY
  sed -n "s/^$2=//p" "$CK_STATE_DIR/$1"
}

# The start time of a process in clock ticks (field 22 of /proc/PID/stat), empty if it does not run (a zombie
# no longer does).
start_time() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  stat=${stat##*) }
  # shellcheck disable=SC2086 # split into fields on purpose
  set -- $stat
  case $1 in
    Z | X) ;;
    *) echo "${20}" ;;
  esac
}

# Whether the owner of a lab still runs: manual labs always count as alive.
owner_alive() { # RUN
  local file="$CK_STATE_DIR/$1" pid start
  [ -f "$file" ] || return 1
  pid=$(state_get "$1" pid)
  [ "$pid" = manual ] && return 0
  start=$(state_get "$1" start)
  [ -n "$pid" ] && [ "$(start_time "$pid")" = "$start" ]
}

# Every run id that has a namespace, a link or a state file.
known_runs() {
  {
    ip netns list | awk '{print $1}'
    ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1
    ls "$CK_STATE_DIR" 2>/dev/null
  } | sed -n 's/^ck-\([a-z0-9]\{6\}\)-.*/\1/p; s/^\([a-z0-9]\{6\}\)$/\1/p' | sort -u
}

# Removes everything of a lab: processes left in its namespaces, namespaces, links, bridges, state files.
teardown() { # RUN
  local run=$1 ns pid link x
  for ns in $(ip netns list | awk '{print $1}' | grep "^ck-$run-" || true); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do
      kill -KILL "$pid" 2>/dev/null || true
    done
    ip netns del "$ns" 2>/dev/null || true
  done
  for link in $(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep "^ck-$run-" || true); do
    ip link del "$link" 2>/dev/null || true
  done
  if [ -f "$CK_STATE_DIR/$run" ]; then
    x=$(state_get "$run" net)
    if [ -n "$x" ] && [ "$(cat "$CK_STATE_DIR/net-$x" 2>/dev/null)" = "$run" ]; then
      rm -f "$CK_STATE_DIR/net-$x"
    fi
    rm -f "$CK_STATE_DIR/$run"
  fi
}

node_index() { # NAME N -> i, or dies
  if [[ "$1" =~ ^n([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -ge 1 ] && [ "${BASH_REMATCH[1]}" -le "$2" ]; then
    echo "${BASH_REMATCH[1]}"
  else
    die "no node '$1' (nodes are n1..n$2)"
  fi
}

# Prints each node with its namespace, address and the bridge its data link is on.
show_lab() { # RUN
  local run=$1 n x i master
  n=$(state_get "$run" nodes)
  x=$(state_get "$run" net)
  echo "lab $run: $n nodes, root 10.78.$x.254 (reaches every node)"
  for i in $(seq 1 "$n"); do
    master=$(ip -o link show "ck-$run-d$i" 2>/dev/null | sed -n 's/.* master \([^ ]*\) .*/\1/p')
    printf 'n%s  ns ck-%s-n%s  address 10.77.%s.%s  data on %s\n' "$i" "$run" "$i" "$x" "$i" "${master:-?}"
  done
}

#!/usr/bin/env bash
# Creates a lab of N network namespaces for clusterkv nodes, for debugging by hand (tests use NetworkLab, which
# builds the same thing). Usage: netns-up.sh [-r RUN] N
#   Start a node in it:  ip netns exec ck-RUN-n1 bin/clusterkv --bind 10.77.X.1 --initial-hosts 10.77.X.1:7800,...
#   Then:                netns-partition.sh RUN n1 n2,n3 ; netns-heal.sh RUN ; netns-down.sh RUN
# The lab is marked as made by hand: tests that clean up stale labs leave it alone; netns-down.sh removes it.
source "$(dirname "${BASH_SOURCE[0]}")/netns-lib.sh"

run_id=""
while getopts "r:" opt; do
  case $opt in
    r) run_id=$OPTARG ;;
    *) die "usage: netns-up.sh [-r RUN] N" ;;
  esac
done
shift $((OPTIND - 1))
nodes=${1:-}
if ! [[ "$nodes" =~ ^[0-9]+$ ]] || [ "$nodes" -lt 1 ] || [ "$nodes" -gt 99 ]; then
  die "usage: netns-up.sh [-r RUN] N   (N from 1 to 99, was '$nodes')"
fi
require_root
[ -z "$run_id" ] && run_id=$(head -c 512 /dev/urandom | tr -dc 'a-z0-9' | cut -c1-6)
[[ "$run_id" =~ ^[a-z0-9]{6}$ ]] || die "RUN must be 6 characters [a-z0-9], was '$run_id'"

mkdir -p "$CK_STATE_DIR"
# Claim the run id and a third octet atomically (noclobber creates with O_EXCL), as NetworkLab does.
set -o noclobber
{ printf 'pid=manual\nnodes=%s\n' "$nodes" >"$CK_STATE_DIR/$run_id"; } 2>/dev/null \
  || die "lab $run_id exists already"
x=""
for candidate in $(seq 0 255); do
  ip -4 -o addr show | grep -q " 10\.7[78]\.$candidate\." && continue
  ip -4 route show table main | grep -q "^10\.7[78]\.$candidate\." && continue
  if { echo "$run_id" >"$CK_STATE_DIR/net-$candidate"; } 2>/dev/null; then
    x=$candidate
    break
  fi
done
set +o noclobber
[ -n "$x" ] || { rm -f "$CK_STATE_DIR/$run_id"; die "no free 10.77.X.0/24 and 10.78.X.0/24"; }
echo "net=$x" >>"$CK_STATE_DIR/$run_id"
trap 'echo "netns-up.sh: failed; removing lab $run_id" >&2; teardown "$run_id"' EXIT

run ip link add "ck-$run_id-data" type bridge
run ip link set "ck-$run_id-data" up
run ip link add "ck-$run_id-mgmt" type bridge
run ip addr add "10.78.$x.254/24" dev "ck-$run_id-mgmt"
run ip link set "ck-$run_id-mgmt" up
for i in $(seq 1 "$nodes"); do
  ns="ck-$run_id-n$i"
  run ip netns add "$ns"
  run ip -n "$ns" link set lo up
  run ip link add "ck-$run_id-d$i" type veth peer name data0 netns "$ns"
  run ip link add "ck-$run_id-m$i" type veth peer name mgmt0 netns "$ns"
  run ip link set "ck-$run_id-d$i" master "ck-$run_id-data" up
  run ip link set "ck-$run_id-m$i" master "ck-$run_id-mgmt" up
  run ip link set "ck-$run_id-m$i" type bridge_slave isolated on
  run ip -n "$ns" addr add "10.77.$x.$i/24" dev data0
  run ip -n "$ns" addr add "10.78.$x.$i/24" dev mgmt0
  run ip -n "$ns" link set data0 up
  run ip -n "$ns" link set mgmt0 up
  run ip route add "10.77.$x.$i/32" via "10.78.$x.$i" dev "ck-$run_id-mgmt"
done
trap - EXIT

echo "RUN=$run_id"
show_lab "$run_id"

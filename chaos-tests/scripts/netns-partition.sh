#!/usr/bin/env bash
# Cuts a lab's data network into sides that cannot reach each other; every node keeps reaching the root namespace
# over the management network. Usage: netns-partition.sh RUN SIDE SIDE...   (a SIDE: node names joined by commas;
# every node in exactly one side), e.g. netns-partition.sh abc123 n1 n2,n3
# The largest side stays on ck-RUN-data, each other side gets its own bridge ck-RUN-s<k>. A new partition replaces
# the previous one; netns-heal.sh joins everything again.
source "$(dirname "${BASH_SOURCE[0]}")/netns-lib.sh"

require_root
run_id=${1:-}
require_run "$run_id"
shift
[ $# -ge 2 ] || die "usage: netns-partition.sh RUN SIDE SIDE...  (e.g. n1 n2,n3)"
nodes=$(state_get "$run_id" nodes)

declare -A side_of=()
sizes=()
for k in $(seq 1 $#); do
  side=${!k}
  IFS=, read -r -a members <<<"$side"
  [ ${#members[@]} -ge 1 ] || die "empty side in '$*'"
  for member in "${members[@]}"; do
    i=$(node_index "$member" "$nodes")
    [ -z "${side_of[$i]:-}" ] || die "n$i is in more than one side"
    side_of[$i]=$k
  done
  sizes+=("${#members[@]}:$k")
done
for i in $(seq 1 "$nodes"); do
  [ -n "${side_of[$i]:-}" ] || die "n$i is in no side (every node must be in exactly one)"
done

# The largest side (first listed among equals) keeps the main bridge.
largest=$(printf '%s\n' "${sizes[@]}" | sort -t: -k1,1nr -k2,2n | head -1 | cut -d: -f2)
for k in $(seq 1 $#); do
  [ "$k" -eq "$largest" ] && continue
  ip link show "ck-$run_id-s$k" >/dev/null 2>&1 || run ip link add "ck-$run_id-s$k" type bridge
  run ip link set "ck-$run_id-s$k" up
done
for i in $(seq 1 "$nodes"); do
  k=${side_of[$i]}
  if [ "$k" -eq "$largest" ]; then bridge="ck-$run_id-data"; else bridge="ck-$run_id-s$k"; fi
  run ip link set "ck-$run_id-d$i" master "$bridge"
done
# Side bridges no node uses any more.
for link in $(ip -o link show type bridge | awk -F': ' '{print $2}' | grep "^ck-$run_id-s" || true); do
  [ -z "$(ip -o link show master "$link")" ] && run ip link del "$link"
done
show_lab "$run_id"

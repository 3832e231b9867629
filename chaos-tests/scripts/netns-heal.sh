#!/usr/bin/env bash
# Ends a partition: every node's data link goes back on ck-RUN-data. Usage: netns-heal.sh RUN
source "$(dirname "${BASH_SOURCE[0]}")/netns-lib.sh"

require_root
run_id=${1:-}
require_run "$run_id"
nodes=$(state_get "$run_id" nodes)
for i in $(seq 1 "$nodes"); do
  run ip link set "ck-$run_id-d$i" master "ck-$run_id-data"
done
for link in $(ip -o link show type bridge | awk -F': ' '{print $2}' | grep "^ck-$run_id-s" || true); do
  run ip link del "$link"
done
show_lab "$run_id"

#!/usr/bin/env bash
# Removes labs, with any process still running in their namespaces (killed).
# Usage: netns-down.sh RUN...   (those labs)
#        netns-down.sh --stale  (labs whose owning test JVM is gone; labs made by hand stay)
#        netns-down.sh --all    (every ck-* lab, including other runs' labs in use: careful)
source "$(dirname "${BASH_SOURCE[0]}")/netns-lib.sh"

require_root
[ $# -ge 1 ] || die "usage: netns-down.sh RUN... | --stale | --all"
case $1 in
  --all) runs=$(known_runs) ;;
  --stale) runs=$(for r in $(known_runs); do owner_alive "$r" || echo "$r"; done) ;;
  *) runs="$*" ;;
esac
for run_id in $runs; do
  [[ "$run_id" =~ ^[a-z0-9]{6}$ ]] || die "not a lab run id (6 characters [a-z0-9]): '$run_id'"
  teardown "$run_id"
  echo "removed lab $run_id"
done

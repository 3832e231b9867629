# Sourced by the benchmark scripts. Other work on the machine skews every number: measure how much CPU other
# processes took while a command ran (all busy CPU time minus the calling script's children) and log it next to the
# results rather than hide it.
#
#   run_measured LOG command [args...]   # runs the command, its output to the terminal and appended to LOG, then
#                                        # appends "== other processes used N CPU-seconds during this run ..." to both

clock_ticks="$(getconf CLK_TCK)"
times_file="$(mktemp)"
trap 'rm -f "$times_file"' EXIT
busy_cpu_seconds() {
    awk -v hz="$clock_ticks" '/^cpu / {print ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat
}
read_own_cpu_seconds() { # sets own_cpu; called directly, as `times` in a subshell would not see our children
    times > "$times_file"
    own_cpu="$(awk -F'[ms ]+' 'NR == 2 {print $1 * 60 + $2 + $3 * 60 + $4}' "$times_file")"
}
run_measured() {
    local log="$1" busy_before own_before started="$SECONDS"
    shift
    busy_before="$(busy_cpu_seconds)"
    read_own_cpu_seconds
    own_before="$own_cpu"
    "$@" 2>&1 | tee -a "$log"
    read_own_cpu_seconds
    awk -v busy="$(busy_cpu_seconds)" -v busy0="$busy_before" -v own="$own_cpu" -v own0="$own_before" \
        -v wall="$((SECONDS - started))" 'BEGIN {
            others = (busy - busy0) - (own - own0); if (others < 0) others = 0
            printf "== other processes used %.0f CPU-seconds during this run of %d s (%.0f%% of one core)%s\n",
                others, wall, 100 * others / (wall > 0 ? wall : 1),
                (others > 0.05 * wall) ? ": WARNING, results are slower and noisier than on an idle machine" : ""
        }' | tee -a "$log"
}

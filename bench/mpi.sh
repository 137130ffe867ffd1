#!/bin/sh
# mpi.sh - make bench MPI=1: the speed-up of a 40-point sweep under
# mpirun -n 2 (one thread each) against one process with one thread, and
# what a work item costs and weighs, for the README's estimate of larger
# studies ("Running on a cluster").
#
#   sh bench/mpi.sh RRSIM
#
# Each run is timed by /usr/bin/time's wall time and the CPU time (user +
# system) of the process and all its children (mpirun's ranks).  CPU-busy
# time over wall time is how many cores the run kept busy: about 1 for one
# process and one thread, about 2 for two ranks; much less on a machine
# that others are using shows the machine was shared, and the speed-up
# with it.  A report, not a test: exit 0 whatever the figures.
set -u
RRSIM=${1:-./rrsim}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
SW="sweep scenarios/mm1.ini --vary lambda=0.40:0.79:0.01 --reps 3
    --set scenario.end=2223-12-31 --threads 1 --plot none --quiet"

# timed NAME CMD... - "wall cpu" of CMD into $out/NAME
timed() {
    name=$1
    shift
    /usr/bin/time -f '%e %U %S' -o "$out/$name.t" "$@" >/dev/null 2>"$out/$name.err" ||
        { echo "bench mpi: $name failed: $(tail -n 3 "$out/$name.err")"; exit 0; }
    awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$out/$name.t"
}

command -v mpirun >/dev/null || { echo "bench mpi: mpirun not found (make deps MPI=1)"; exit 0; }
echo "MPI: sweep of 40 design points x 3 replications (M/M/1 over 200 years)"
one=$(timed one "$RRSIM" $SW --out "$out/one")
two=$(timed two mpirun -n 2 "$RRSIM" $SW --out "$out/two")
cmp -s "$out/one/sweep.csv" "$out/two/sweep.csv" || echo "  sweep.csv differs between 1 and 2 ranks!"
echo "$one $two" | awk '{
    printf "  1 rank  x 1 thread: %7.2f s wall, %7.2f s CPU, busy %.2f cores\n", $1, $2, $2 / $1
    printf "  2 ranks x 1 thread: %7.2f s wall, %7.2f s CPU, busy %.2f cores\n", $3, $4, $4 / $3
    printf "  speed-up %.2f (wall); ideal 2 when both cores are free\n", $1 / $3 }'

# the baseline's item: CPU time and bytes of a result, from a shard
"$RRSIM" run scenarios/nl-baseline.ini --reps 4 --threads 1 --shard 1/1 \
    --out "$out/item" --quiet >/dev/null 2>&1 &&
    t=$(timed item "$RRSIM" run scenarios/nl-baseline.ini --reps 4 --threads 1 --plot none --quiet --out "$out/item2") &&
    bytes=$(wc -c <"$out/item/items.bin") &&
    echo "$t $bytes" | awk '{
        cost = $2 / 4; size = $3 / 4
        printf "  nl-baseline item (6 years, monthly): %.3f s CPU, %.0f kB of results\n", cost, size / 1000
        n = 1000 * 30
        printf "  1,000 points x 30 replications: %.1f CPU-hours, %.1f GB gathered to rank 0\n", n * cost / 3600, n * size / 1e9
        for (c = 64; c <= 512; c *= 8)
            printf "    on %3d cores: %5.0f s of items, %4.0f MB/s into rank 0\n", c, n * cost / c, c / cost * size / 1e6 }'
exit 0

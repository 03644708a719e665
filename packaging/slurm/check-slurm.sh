#!/bin/bash
# Runs Unblur's Slurm job array (unblur-batch.sbatch) on a real Slurm cluster and checks it.
# Usage: check-slurm.sh [--requeue-task K] INPUT_DIR OUTPUT_DIR MODEL_DIR TASKS
#
# Unless a cluster answers already (scontrol ping with the usual configuration), it starts a
# one-node cluster from Debian's slurm-wlm and munge packages (munged, slurmctld, slurmd as
# root), with its configuration, state and logs in a temporary folder, and stops exactly those
# daemons at the end. It submits the array over INPUT_DIR in TASKS tasks with MODEL_DIR and the
# unblur-cli found on PATH, waits, and lets the merge job write OUTPUT_DIR/report.csv.
# --requeue-task K cancels array task K (0-based) once it has restored a photo (scancel),
# requeues it (scontrol requeue) and expects it to finish its share on the second attempt.
# Exits 0 only when every task and the merge completed; 1 otherwise, naming what failed.
# Time limits: UNBLUR_CHECK_TIMEOUT seconds for the jobs (default 300), 30 s for each daemon.
set -u

requeue_task=""
if [ "${1:-}" = --requeue-task ]; then
    requeue_task=$2
    shift 2
fi
if [ $# -ne 4 ]; then
    echo "usage: $0 [--requeue-task K] INPUT_DIR OUTPUT_DIR MODEL_DIR TASKS" >&2
    exit 2
fi
input=$1
output=$2
model=$3
tasks=$4
here=$(cd "$(dirname "$0")" && pwd)
limit=${UNBLUR_CHECK_TIMEOUT:-300}

fail() {
    echo "check-slurm: FAILED: $*" >&2
    exit 1
}
for tool in sbatch scontrol squeue scancel unblur-cli; do
    command -v "$tool" >/dev/null || fail "$tool is not on PATH (apt-get install slurm-wlm munge)"
done

# --- the cluster --------------------------------------------------------------------------
work=""
started_pids=()
clean_up() {
    # Our jobs first (daemons stopped under a running job would leave its processes behind).
    if [ -n "${array:-}" ] && ! gone; then
        echo "check-slurm: cancelling jobs $array ${merge:-}"
        timeout 15 scancel "$array" ${merge:+"$merge"} 2>/dev/null
        wait_for 30 gone || echo "check-slurm: jobs $array ${merge:-} did not end" >&2
    fi
    [ -n "$work" ] || return 0
    local pid
    for pid in "${started_pids[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${started_pids[@]}"; do
        for _ in $(seq 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && { echo "check-slurm: killing $pid"; kill -9 "$pid"; }
    done
    rm -rf "$work"
    echo "check-slurm: stopped the cluster it started (${#started_pids[@]} daemons)"
}
trap clean_up EXIT
trap 'exit 1' INT TERM HUP

# Waits up to $1 seconds for command $2... to succeed.
wait_for() {
    local seconds=$1
    shift
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.2
    done
}
# The pid in file $1, once the daemon has written it, added to what stop_cluster stops.
remember_pid() {
    wait_for 30 test -s "$1" || return 1
    started_pids=("$(cat "$1")" "${started_pids[@]}")
}
# Whether the node is up and idle or busy, not down or starting.
node_ready() { timeout 15 sinfo -h -N -o %T | grep -q -E '^(idle|mixed|allocated)'; }
# The state of job or task $1 (COMPLETED, RUNNING...).
state_of() {
    timeout 15 scontrol show job -o "$1" 2>/dev/null |
        sed -n 's/.* JobState=\([A-Z_]*\) .*/\1/p' | head -1
}
is_state() { [ "$(state_of "$1")" = "$2" ]; }
# Whether our jobs have left the queue (squeue failing counts as gone: no controller).
gone() { [ -z "$(timeout 15 squeue -h -j "$array${merge:+,$merge}" 2>/dev/null)" ]; }

start_cluster() {
    for daemon in munged mungekey slurmctld slurmd; do
        command -v "$daemon" >/dev/null || PATH=$PATH:/usr/sbin:/sbin
        command -v "$daemon" >/dev/null ||
            fail "$daemon not found: apt-get install slurm-wlm munge"
    done
    [ "$(id -u)" = 0 ] || fail "starting a Slurm cluster needs root (or start one first)"
    work=$(mktemp -d /tmp/unblur-slurm.XXXXXX) || fail "no temporary folder"
    chmod 755 "$work" # munged wants its socket folder searchable by all
    mkdir -p "$work/state" "$work/spool" "$work/log"
    mungekey -c -k "$work/munge.key" -b 1024 >/dev/null 2>&1 && chmod 600 "$work/munge.key" ||
        fail "mungekey could not make $work/munge.key"
    munged --key-file="$work/munge.key" --socket="$work/munge.sock" \
        --pid-file="$work/munged.pid" --log-file="$work/log/munged.log" \
        --seed-file="$work/munged.seed" ||
        fail "munged did not start: $(tail -3 "$work/log/munged.log" 2>/dev/null)"
    remember_pid "$work/munged.pid" || fail "munged wrote no pid file"

    local host cpus port
    host=$(hostname -s)
    cpus=$(nproc)
    port=$((20000 + RANDOM % 20000)) # beside any other cluster's 6817/6818
    : >"$work/plugstack.conf"
    cat >"$work/slurm.conf" <<EOF
ClusterName=unblurcheck
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$work/munge.sock
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
PlugStackConfig=$work/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=3600
JobRequeue=1
KillWait=10
NodeName=unblur-check NodeHostname=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=check Nodes=unblur-check Default=YES MaxTime=INFINITE State=UP
EOF
    export SLURM_CONF="$work/slurm.conf"
    slurmctld -f "$SLURM_CONF" ||
        fail "slurmctld did not start: $(tail -5 "$work/log/slurmctld.log" 2>/dev/null)"
    remember_pid "$work/slurmctld.pid" || fail "slurmctld wrote no pid file"
    wait_for 30 timeout 15 scontrol ping ||
        fail "slurmctld does not answer: $(tail -5 "$work/log/slurmctld.log" 2>/dev/null)"
    slurmd -f "$SLURM_CONF" -N unblur-check ||
        fail "slurmd did not start: $(tail -5 "$work/log/slurmd.log" 2>/dev/null)"
    remember_pid "$work/slurmd.pid" || fail "slurmd wrote no pid file"
    wait_for 30 node_ready ||
        fail "the node did not come up: $(timeout 15 sinfo -N 2>&1 | tail -2); $(tail -5 "$work/log/slurmd.log")"
    echo "check-slurm: started a one-node cluster ($host, $cpus CPUs) in $work"
}

if timeout 10 scontrol ping 2>/dev/null | grep -q UP; then
    echo "check-slurm: using the running cluster ($(timeout 15 scontrol ping | head -1))"
else
    start_cluster
fi

# --- the job array ------------------------------------------------------------------------
mkdir -p "$output" || fail "cannot make $output"
output=$(cd "$output" && pwd)
rm -rf "$output/unblur-slurm" "$output/report.csv" "$output/summary.txt"
start=$SECONDS
submitted=$(UNBLUR_TASKS=$tasks UNBLUR_MODEL_DIR=$model \
    timeout 60 "$here/unblur-batch.sbatch" "$input" "$output" 2>&1)
status=$?
echo "$submitted"
[ $status -eq 0 ] || fail "submission failed"
ids=$(echo "$submitted" | sed -n 's/^Submitted batch job \([0-9]*\)$/\1/p')
array=$(echo "$ids" | sed -n 1p)
merge=$(echo "$ids" | sed -n 2p)
[ -n "$array" ] && [ -n "$merge" ] || fail "no job numbers in sbatch's output"

if [ -n "$requeue_task" ]; then
    task="${array}_$requeue_task"
    log="$output/unblur-slurm/task-$requeue_task.log"
    # The merge must wait for the second attempt, not start on the cancelled first one.
    timeout 15 scontrol hold "$merge" || fail "cannot hold the merge job $merge"
    wait_for "$limit" grep -q ' 1/[0-9]* photos' "$log" ||
        fail "task $requeue_task restored no photo within $limit s: $(tail -3 "$log" 2>&1)"
    grep -q " \([0-9]*\)/\1 photos" "$log" &&
        fail "task $requeue_task had finished before it could be cancelled"
    timeout 15 scancel "$task" || fail "scancel $task failed"
    echo "check-slurm: cancelled task $task after $(grep -c ' photos ' "$log") photo(s)"
    wait_for 60 is_state "$task" CANCELLED ||
        fail "task $task is $(state_of "$task"), not CANCELLED"
    timeout 15 scontrol requeue "$task" || fail "scontrol requeue $task failed"
    timeout 15 scontrol update JobId="$task" StartTime=now || fail "cannot start $task at once"
    timeout 15 scontrol release "$merge" || fail "cannot release the merge job $merge"
    echo "check-slurm: requeued task $task"
fi

wait_for "$limit" gone || fail "the jobs did not end within $limit s: $(timeout 15 squeue 2>&1)"
echo "check-slurm: jobs ended after $((SECONDS - start)) s"

# --- the results --------------------------------------------------------------------------
bad=0
for ((k = 0; k < tasks; k++)); do
    line=$(timeout 15 scontrol show job -o "${array}_$k" 2>/dev/null)
    state=$(echo "$line" | sed -n 's/.* JobState=\([A-Z_]*\) .*/\1/p')
    code=$(echo "$line" | sed -n 's/.* ExitCode=\([0-9:]*\) .*/\1/p')
    restarts=$(echo "$line" | sed -n 's/.* Restarts=\([0-9]*\) .*/\1/p')
    echo "check-slurm: task $k: ${state:-unknown} (exit $code, restarts ${restarts:-?})"
    if [ "$state" != COMPLETED ] || [ "$code" != 0:0 ]; then
        bad=1
        tail -5 "$output/unblur-slurm/task-$k.log" 2>/dev/null | sed 's/^/    /'
    fi
done
merge_state=$(state_of "$merge")
echo "check-slurm: merge job $merge: ${merge_state:-unknown}"
[ "$merge_state" = COMPLETED ] || bad=1
cat "$output/unblur-slurm/merge.log" 2>/dev/null
[ -s "$output/report.csv" ] || fail "no merged report $output/report.csv"
[ $bad -eq 0 ] || fail "not every task completed (logs in $output/unblur-slurm)"
echo "check-slurm: OK: $tasks tasks completed, $(($(wc -l <"$output/report.csv") - 1)) photo(s) in $output/report.csv"

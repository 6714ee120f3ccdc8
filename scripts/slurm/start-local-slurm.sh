#!/usr/bin/env bash
# Starts a single-node Slurm cluster on this machine for the Slurm test (test/slurm), from Debian's
# packages (slurmctld, slurmd, munge, slurm-client; .ci/run installs them): munged with the
# package's key, then slurmctld and slurmd on a configuration of our own in $1 (default a new
# temporary directory). Prints `export SLURM_CONF=...` for the caller; `stop-local-slurm.sh DIR`
# stops it. Needs root (slurmd runs jobs as their submitting user).
set -euo pipefail

dir="${1:-$(mktemp -d /tmp/labbench-slurm-XXXXXX)}"
mkdir -p "$dir/state" "$dir/spool" "$dir/log"
for command in munged slurmctld slurmd sbatch sinfo; do
  if ! command -v "$command" > /dev/null && [[ ! -x "/usr/sbin/$command" ]]; then
    echo "Slurm is not installed: $command missing (apt-get install -y slurmctld slurmd munge slurm-client)" >&2
    exit 1
  fi
done

# munge: the package creates /etc/munge/munge.key; the daemon runs as the munge user.
if ! pgrep -x munged > /dev/null; then
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge
  [[ -s /etc/munge/munge.key ]] || runuser -u munge -- /usr/sbin/mungekey --create
  runuser -u munge -- /usr/sbin/munged
fi

host="$(hostname -s)"
cpus="$(nproc)"
memory_mb="$(awk '/MemTotal/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)"
cat > "$dir/slurm.conf" <<CONF
ClusterName=labbench
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
NodeName=$host CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=labbench Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
# cons_tres reads a cgroup.conf only with cgroup plugins; none here.
export SLURM_CONF="$dir/slurm.conf"
/usr/sbin/slurmctld -f "$SLURM_CONF"
/usr/sbin/slurmd -f "$SLURM_CONF"

# Wait until the node is idle (at most 60 s).
for _ in $(seq 1 120); do
  if sinfo -h -o '%t' 2>/dev/null | grep -qx 'idle'; then
    echo "export SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.5
done
echo "Slurm did not come up within 60 s; see $dir/log" >&2
sinfo >&2 || true
tail -20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
exit 1

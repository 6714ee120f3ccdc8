#!/usr/bin/env bash
# Stops the cluster start-local-slurm.sh started in DIR (munged keeps running: other users may need it).
set -uo pipefail
dir="$1"
for daemon in slurmd slurmctld; do
  if [[ -s "$dir/$daemon.pid" ]]; then kill "$(cat "$dir/$daemon.pid")" 2> /dev/null || true; fi
done

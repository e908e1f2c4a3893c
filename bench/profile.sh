#!/usr/bin/env bash
# CPU profile of the core replay: Linux perf samples the replay of a flow file (every pass of
# `flow replay`), and `flow profile` summarises the samples under Exchange.Execute by method.
# Needs `perf` (Debian: apt-get install linux-perf) and perf_event_paranoid <= 2.
#
#   bench/profile.sh <flow.csv> [runs]        (keeps perf.data and perf.txt in $PROFILE_DIR or a temp dir)
set -euo pipefail
flow=${1:?usage: bench/profile.sh <flow.csv> [runs]}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
out=${PROFILE_DIR:-$(mktemp -d)}
dotnet build -c Release "$here/OpenLine.Benchmarks" -v q -nologo >/dev/null
dll="$here/OpenLine.Benchmarks/bin/Release/net10.0/OpenLine.Benchmarks.dll"
# The perf map names JIT-compiled methods; W^X off keeps JIT code in anonymous memory, where perf looks them up.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 \
  perf record -F 1999 -g -o "$out/perf.data" -- dotnet "$dll" flow replay "$flow" --runs "$runs"
perf script -i "$out/perf.data" > "$out/perf.txt" 2>/dev/null
echo
dotnet "$dll" flow profile "$out/perf.txt"
echo "(perf data in $out)"

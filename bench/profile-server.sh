#!/usr/bin/env bash
# Where the server's CPU goes under load: runs one load-generator scenario on a server it starts
# (Release build, defaults unless you pass --server-arg/--server-env), samples that server with
# Linux perf for 8 s inside the measured window, and summarises the samples by thread and stage
# (OpenLine.LoadGen --perf-summary), as µs of server CPU per request.
# Needs `perf` (Debian: apt-get install linux-perf) and perf_event_paranoid <= 2.
#
#   bench/profile-server.sh [load generator options]   e.g. --scenario http --batch 50
#   (keeps loadgen.txt, perf.data and perf.txt in $PROFILE_DIR or a temp dir)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${PROFILE_DIR:-$(mktemp -d)}
dotnet build -c Release "$here/../src/OpenLine.Server" -v q -nologo >/dev/null
dotnet build -c Release "$here/OpenLine.LoadGen" -v q -nologo >/dev/null
loadgen="$here/OpenLine.LoadGen/bin/Release/net10.0/OpenLine.LoadGen.dll"
# The perf map names JIT-compiled methods; W^X off keeps JIT code in anonymous memory, where perf looks them up.
dotnet "$loadgen" --start-server --warmup 2 --seconds 14 --progress off \
  --server-env DOTNET_PerfMapEnabled=1 --server-env DOTNET_EnableWriteXorExecute=0 "$@" > "$out/loadgen.txt" 2>&1 &
run=$!
pid=""
while [ -z "$pid" ]; do
  kill -0 "$run" 2>/dev/null || { cat "$out/loadgen.txt"; exit 1; }
  sleep 0.5
  pid=$(grep -o 'pid [0-9]*' "$out/loadgen.txt" | head -1 | cut -d' ' -f2 || true)
done
sleep 5 # user setup, connections, the 2 s warm-up
perf record -F 999 -g -p "$pid" -o "$out/perf.data" -- sleep 8 2>/dev/null
wait "$run"
perf script -i "$out/perf.data" > "$out/perf.txt" 2>/dev/null
rm -f "/tmp/perf-$pid.map" "/tmp/perfinfo-$pid.map"
grep -E '^(HTTP|WebSocket|GET)|measured|orders/s  |all requests|CPU' "$out/loadgen.txt"
cores=$(grep -o 'server [0-9][0-9.]*' "$out/loadgen.txt" | tail -1 | cut -d' ' -f2)
rate=$(grep -o 'requests ([0-9,]*/s)' "$out/loadgen.txt" | tail -1 | tr -dc '0-9')
echo
dotnet "$loadgen" --perf-summary "$out/perf.txt" --cores "$cores" --per "$rate"
echo "(loadgen.txt, perf.data and perf.txt in $out)"

#!/usr/bin/env bash
# Cold start of the published build: from process start to the first 200 on /health/live, on an existing database
# (migrated and seeded by a first start), 5 times; prints each and the median. Usage:
#   bash bench/coldstart.sh [readytorun] [PostgreSQL connection string to an empty database]
# readytorun: a build compiled ahead of time, as docs/operations.md publishes it. Without a connection string: SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
mode=plain
if [ "${1:-}" = readytorun ]; then mode=readytorun; shift; fi
if [ -n "${1:-}" ]; then
  export Database__Provider=PostgreSQL ConnectionStrings__Copil="$1"
fi
if [ $mode = readytorun ]; then
  dotnet publish src/Copil.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/pub" --nologo -v q >/dev/null
else
  dotnet publish src/Copil.Web -c Release -o "$work/pub" --nologo -v q >/dev/null
fi
export Data__Folder="$work/data" ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=http://127.0.0.1:5099 Logging__LogLevel__Default=Warning
start_once() {
  local t0 t1
  t0=$(date +%s%N)
  (cd / && exec dotnet "$work/pub/Copil.Web.dll") >"$work/log" 2>&1 &
  local pid=$!
  until curl -fs -o /dev/null http://127.0.0.1:5099/health/live; do
    kill -0 $pid 2>/dev/null || { cat "$work/log"; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  kill $pid; wait $pid 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}
echo "first start (creates and seeds the database): $(start_once) ms"
runs=()
for i in 1 2 3 4 5; do runs+=("$(start_once)"); done
sorted=$(printf '%s\n' "${runs[@]}" | sort -n | tr '\n' ' ')
echo "$mode build, ${Database__Provider:-Sqlite}"
echo "cold starts on the existing database (ms): ${runs[*]} — median $(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p) (sorted: $sorted)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Measures the agreement pages and API reads with years of data. Usage: bash bench/run.sh [PostgreSQL connection string]
# Other benches: bash bench/run.sh reporting|compare|coldstart … (see bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# The factory finds the app folder through this variable (the bench is not in the solution).
export ASPNETCORE_TEST_CONTENTROOT_COPIL_WEB="$PWD/src/Copil.Web"
case "${1:-}" in
  coldstart) shift; exec bash bench/coldstart.sh "$@" ;;
  compare) command -v wrk >/dev/null || { echo "installing wrk (Debian package)"; apt-get install -y wrk >/dev/null 2>&1 || sudo apt-get install -y wrk; } ;;
esac
dotnet run -c Release --project bench/Copil.Bench -- "$@"

#!/usr/bin/env bash
# Measures the agreement pages and API reads with years of data. Usage: bash bench/run.sh [PostgreSQL connection string]
set -euo pipefail
cd "$(dirname "$0")/.."
# The factory finds the app folder through this variable (the bench is not in the solution).
export ASPNETCORE_TEST_CONTENTROOT_COPIL_WEB="$PWD/src/Copil.Web"
dotnet run -c Release --project bench/Copil.Bench -- "$@"

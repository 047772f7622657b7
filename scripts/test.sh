#!/usr/bin/env bash
# The one test command: installs what is missing (as root), checks format and migrations, builds with warnings as
# errors, starts a throwaway PostgreSQL, runs every test project and prints one summary line from the TRX results.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n== %s (%s)\n' "$*" "$(date +%T)"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

step "System packages"
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# An iCalendar reader other than ours, to check the .ics we write (Debian's python3, not a pyenv one).
/usr/bin/python3 -c "import icalendar" >/dev/null 2>&1 || missing+=(python3-icalendar)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
# Node runs the independent OpenAPI validator (@apidevtools/swagger-parser).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# A real ClamAV daemon scans the uploads in the tests (with a signature the tests write; no signature download).
[ -x /usr/sbin/clamd ] || command -v clamd >/dev/null 2>&1 || missing+=(clamav-daemon)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing: ${missing[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || fail "apt-get install ${missing[*]}"
  else
    fail "missing packages (${missing[*]}): run this script as root once, or install them"
  fi
fi
echo "ok"

step "Restore"
dotnet tool restore >/dev/null || fail "dotnet tool restore"
dotnet restore Copil.slnx >/dev/null || fail "dotnet restore"
(cd tools/openapi && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || fail "npm ci (tools/openapi)"
echo "ok"

# Whitespace here (seconds); code style and analyzers are errors of the build itself (EnforceCodeStyleInBuild and
# TreatWarningsAsErrors in Directory.Build.props), so the full 'dotnet format' pass would only compile everything twice.
step "Formatting (dotnet format whitespace --verify-no-changes)"
dotnet format whitespace Copil.slnx --verify-no-changes || fail "formatting: run 'dotnet format Copil.slnx'"
echo "ok"

step "Build (warnings are errors)"
dotnet build Copil.slnx --no-restore -nologo -clp:ErrorsOnly || fail "build"

step "Migrations: no pending model change for either provider"
for context in SqliteCopilDbContext PostgresCopilDbContext; do
  dotnet ef migrations has-pending-model-changes --project src/Copil.Web --context "$context" --no-build >/dev/null \
    || fail "$context has model changes without a migration: dotnet ef migrations add <Name> --project src/Copil.Web --context $context --output-dir Data/Migrations/${context%%CopilDbContext}"
  echo "$context: up to date"
done

step "PostgreSQL (throwaway cluster)"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDIR=$(mktemp -d /tmp/copil-pg.XXXXXX)
PGPORT=${COPIL_TEST_PGPORT:-$(( 40000 + RANDOM % 20000 ))}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres: "$PGDIR"
stop_pg() { as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PGDIR"; }
trap stop_pg EXIT
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null || fail "initdb"
as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off -c max_connections=200" start >/dev/null || { cat "$PGDIR/log"; fail "pg_ctl start"; }
export COPIL_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Pooling=true;Maximum Pool Size=20"
echo "listening on 127.0.0.1:$PGPORT"

status=0
for project in tests/Copil.Domain.Tests tests/Copil.Web.Tests tests/Copil.EndToEnd.Tests; do
  name=$(basename "$project")
  step "Tests: $name"
  dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" -v q -nologo || status=1
done

step "Summary"
python3 - "$RESULTS" <<'PY' || status=1
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
files = glob.glob(sys.argv[1] + "/*.trx")
for f in files:
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    total, executed = int(c.get("total")), int(c.get("executed"))
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout")) + int(c.get("aborted"))
    skipped += total - executed
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or not files or passed == 0 else 0)
PY
exit $status

#!/usr/bin/env bash
# Files stored in the database: upload and download time of a 5 MB PDF through the pages of the published build, 20 of
# each, median and 95th percentile (curl's total time on loopback), and the database's growth. SQLite by default;
# pass a PostgreSQL connection string (an empty database) to measure PostgreSQL instead.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/copil-files-XXXXXX)
PORT=5097
trap 'kill $APP 2>/dev/null || true; rm -rf "$W"' EXIT
if [ $# -gt 0 ]; then DB=(Database__Provider=PostgreSQL ConnectionStrings__Copil="$1"); else DB=(Database__Provider=Sqlite); fi
dotnet publish "$ROOT/src/Copil.Web" -c Release -o "$W/app" -v quiet -nologo >/dev/null
(cd / && exec env ASPNETCORE_ENVIRONMENT=Staging ASPNETCORE_URLS="http://127.0.0.1:$PORT" "${DB[@]}" Data__Folder="$W/data" Demo__Seed=true \
  Security__TwoFactor__Enforced=false Mail__SenderEnabled=false Logging__LogLevel__Default=Warning dotnet "$W/app/Copil.Web.dll" >"$W/app.log" 2>&1) & APP=$!
B="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do curl -sf "$B/health/ready" >/dev/null && break; sleep 0.5; done
token_of() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
T=$(curl -s -c "$W/jar" -b "$W/jar" "$B/connexion" | token_of)
curl -s -o /dev/null -c "$W/jar" -b "$W/jar" --data-urlencode "Input.Email=porteur@copil.test" --data-urlencode "Input.Password=Comite-Essai-2026" --data-urlencode "__RequestVerificationToken=$T" "$B/connexion"
AGREEMENT=$(curl -s -b "$W/jar" "$B/" | grep -o 'href="/conventions/[0-9a-f-]*"' | head -1 | sed 's/href="//;s/"//')
SHEET=$(curl -s -b "$W/jar" "$B$AGREEMENT/fiches" | grep -o "href=\"$AGREEMENT/fiches/[0-9a-f-]*\"" | head -1 | sed 's/href="//;s/"//')
libpq() { echo "$1" | tr ';' '\n' | sed -E 's/^Host=/host=/I;s/^Port=/port=/I;s/^(Username|User ID)=/user=/I;s/^Database=/dbname=/I;s/^Password=/password=/I' | grep -E '^(host|port|user|dbname|password)=' | tr '\n' ' '; }
size_of_db() { if [ $# -gt 0 ]; then psql "$(libpq "$1")" -qtAX -c "SELECT pg_database_size(current_database())"; else { du -cb "$W/data"/copil.db* "$W/data/attachments" 2>/dev/null || true; } | tail -1 | cut -f1; fi; }
BEFORE=$(size_of_db "$@")
: > "$W/up"; : > "$W/down"
for i in $(seq 1 20); do
  { printf '%%PDF-1.4\n'; head -c 5242880 /dev/urandom; } > "$W/f.pdf"
  T=$(curl -s -b "$W/jar" -c "$W/jar" "$B$SHEET" | token_of)
  curl -s -o /dev/null -w '%{time_total}\n' -b "$W/jar" -c "$W/jar" -F "__RequestVerificationToken=$T" -F "file=@$W/f.pdf;filename=bench-$i.pdf;type=application/pdf" "$B$SHEET?handler=Upload" >> "$W/up"
done
for link in $(curl -s -b "$W/jar" "$B$SHEET" | grep -o '?handler=Attachment&amp;attachmentId=[0-9a-f-]*">bench-' | sed 's/&amp;/\&/;s/">.*//'); do
  curl -s -o /dev/null -w '%{time_total}\n' -b "$W/jar" "$B$SHEET$link" >> "$W/down"
done
AFTER=$(size_of_db "$@")
stats() { sort -n "$1" | awk '{a[NR]=$1*1000} END {printf "median %.0f ms, p95 %.0f ms (%d requests)", a[int((NR+1)/2)], a[int(NR*0.95+0.5)], NR}'; }
echo "$([ $# -gt 0 ] && echo PostgreSQL || echo SQLite) — upload 5 MB: $(stats "$W/up") ; download 5 MB: $(stats "$W/down") ; database +$(( (AFTER - BEFORE) / 1048576 )) MB for 100 MB stored"

#!/usr/bin/env bash
# Scale-out drill (docs/operations.md): one PostgreSQL server, two instances of the published build behind nginx
# (round robin, no sticky sessions), a slow test SMTP server. Checks that a session started on one instance continues
# on the other, that writes land from both, that a file uploaded on one is downloaded from the other, that a retried
# API create (same Idempotency-Key) creates nothing, that each e-mail is delivered once while both instances send, and
# that when one instance is killed (kill -9) mid-run the other carries on. Prints its figures; exits 1 on any failure.
# Takes about two minutes. Needs root for apt-get (nginx) and runuser (PostgreSQL), like scripts/test.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/copil-scale-XXXXXX)
chmod 755 "$W"
PG_PORT=55441 SMTP_PORT=2526 A_PORT=5091 B_PORT=5092 LB_PORT=8088
LB="http://127.0.0.1:$LB_PORT"
PIDS=()
FAILED=0

say() { printf '%s\n' "$*"; }
check() { if eval "$2"; then say "  ok    $1"; else say "  ÉCHEC $1"; FAILED=1; fi; }

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$W/nginx/nginx.pid" ] && kill "$(cat "$W/nginx/nginx.pid")" 2>/dev/null || true
  [ -n "${PGBIN:-}" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/pg/data" -m fast stop >/dev/null 2>&1 || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$W"
}
trap cleanup EXIT

command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null; }
command -v psql >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }

say "== Préparation ($W)"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
mkdir -p "$W/pg" && chown postgres: "$W/pg"
runuser -u postgres -- "$PGBIN/initdb" -D "$W/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/pg/data" -l "$W/pg/log" -w -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $W/pg" start >/dev/null
PSQL=("$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d copil -qtAX)
"$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE copil" >/dev/null

dotnet publish "$ROOT/src/Copil.Web" -c Release -o "$W/app" -v quiet -nologo >/dev/null
: > "$W/mail.jsonl"
/usr/bin/python3 "$ROOT/scripts/smtp-sink.py" "$SMTP_PORT" "$W/mail.jsonl" 0.2 & PIDS+=($!)

start_instance() { # name port
  mkdir -p "$W/$1"
  (cd / && exec env ASPNETCORE_ENVIRONMENT=Staging ASPNETCORE_URLS="http://127.0.0.1:$2" \
    Database__Provider=PostgreSQL ConnectionStrings__Copil="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=copil" \
    Data__Folder="$W/$1" Demo__Seed=true Security__TwoFactor__Enforced=false \
    Security__Login__AttemptsPerAddressPerMinute=1000 Security__Api__RequestsPerMinute=100000 \
    Mail__Host=127.0.0.1 Mail__Port=$SMTP_PORT Mail__Security=None Mail__TimeoutSeconds=5 Mail__LeaseSeconds=15 \
    Mail__SenderIntervalSeconds=1 Mail__PublicUrl="$LB" Logging__Console__FormatterName=simple \
    dotnet "$W/app/Copil.Web.dll" >"$W/$1.log" 2>&1) &
  PIDS+=($!)
  eval "PID_$1=$!"
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$2/health/ready" >/dev/null && return 0; sleep 0.5; done
  say "L'instance $1 ne démarre pas :"; tail -20 "$W/$1.log"; exit 1
}
start_instance A $A_PORT   # migrates and seeds first
start_instance B $B_PORT

mkdir -p "$W/nginx"
cat > "$W/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $W/nginx/nginx.pid;
error_log $W/nginx/error.log;
events { worker_connections 256; }
http {
  access_log $W/nginx/access.log;
  client_body_temp_path $W/nginx/body; proxy_temp_path $W/nginx/proxy;
  fastcgi_temp_path $W/nginx/fastcgi; uwsgi_temp_path $W/nginx/uwsgi; scgi_temp_path $W/nginx/scgi;
  client_max_body_size 12m;
  upstream copil { server 127.0.0.1:$A_PORT max_fails=1 fail_timeout=10s; server 127.0.0.1:$B_PORT max_fails=1 fail_timeout=10s; }
  server {
    listen 127.0.0.1:$LB_PORT;
    location / {
      proxy_pass http://copil;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream error timeout http_502 http_503;
      add_header X-Copil-Instance \$upstream_addr always;
    }
  }
}
NGINX
nginx -p "$W/nginx" -c "$W/nginx/nginx.conf"

token_of() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
sign_in() { # jar email
  local t; t=$(curl -s -c "$1" -b "$1" "$LB/connexion" | token_of)
  curl -s -o /dev/null -w '%{http_code}' -c "$1" -b "$1" --data-urlencode "Input.Email=$2" --data-urlencode "Input.Password=Comite-Essai-2026" \
    --data-urlencode "__RequestVerificationToken=$t" "$LB/connexion"
}

say "== Une session ouverte sur une instance continue sur l'autre"
check "connexion de la porteuse par le répartiteur" '[ "$(sign_in "$W/carrier" porteur@copil.test)" = 302 ]'
: > "$W/session.txt"
for _ in $(seq 1 20); do
  curl -s -D - -o "$W/page.html" -b "$W/carrier" "$LB/" | tr -d '\r' | awk '/^X-Copil-Instance/ {print $2}' >> "$W/session.txt"
  grep -q "Se déconnecter" "$W/page.html" && echo signed >> "$W/signed.txt" || true
done
SEEN=$(sort -u "$W/session.txt" | wc -l); SIGNED=$(wc -l < "$W/signed.txt")
say "  20 pages : $(sort "$W/session.txt" | uniq -c | tr '\n' ' ')— connectée sur $SIGNED"
check "les deux instances ont servi la même session" '[ "$SEEN" = 2 ] && [ "$SIGNED" = 20 ]'

say "== Un fichier déposé sur A se télécharge depuis B"
AGREEMENT=$(curl -s -b "$W/carrier" "http://127.0.0.1:$A_PORT/" | grep -o 'href="/conventions/[0-9a-f-]*"' | head -1 | sed 's/href="//;s/"//')
SHEET=$(curl -s -b "$W/carrier" "http://127.0.0.1:$A_PORT$AGREEMENT/fiches" | grep -o "href=\"$AGREEMENT/fiches/[0-9a-f-]*\"" | head -1 | sed 's/href="//;s/"//')
{ printf '%%PDF-1.4\n'; head -c 300000 /dev/urandom; } > "$W/piece.pdf"
T=$(curl -s -b "$W/carrier" -c "$W/carrier" "http://127.0.0.1:$A_PORT$SHEET" | token_of)
UP=$(curl -s -o /dev/null -w '%{http_code}' -b "$W/carrier" -c "$W/carrier" -F "__RequestVerificationToken=$T" -F "file=@$W/piece.pdf;filename=piece-repartie.pdf;type=application/pdf" "http://127.0.0.1:$A_PORT$SHEET?handler=Upload")
LINK=$(curl -s -b "$W/carrier" "http://127.0.0.1:$B_PORT$SHEET" | grep -o '?handler=Attachment&amp;attachmentId=[0-9a-f-]*">piece-repartie.pdf' | tail -1 | sed 's/&amp;/\&/;s/">.*//')
curl -s -b "$W/carrier" -o "$W/download.pdf" "http://127.0.0.1:$B_PORT$SHEET$LINK"
check "dépôt sur A ($UP), téléchargement sur B, mêmes octets (SHA-256)" '[ "$UP" = 302 ] && [ -n "$LINK" ] && [ "$(sha256sum < "$W/piece.pdf")" = "$(sha256sum < "$W/download.pdf")" ]'
check "aucun fichier écrit dans les dossiers de données des instances" '[ -z "$(find "$W/A" "$W/B" -type f -path "*attachments*" 2>/dev/null)" ]'

say "== Écritures depuis les deux instances, créations rejouées sans doublon"
check "connexion de l'administratrice" '[ "$(sign_in "$W/admin" admin@copil.test)" = 302 ]'
T=$(curl -s -b "$W/admin" -c "$W/admin" "$LB/compte" | token_of)
API_TOKEN=$(curl -s -b "$W/admin" -c "$W/admin" --data-urlencode "TokenName=exercice" --data-urlencode "TokenExpiresOn=$(date -d '+30 days' +%F)" \
  --data-urlencode "__RequestVerificationToken=$T" -L "$LB/compte?handler=Create" | grep -o 'copil_[A-Za-z0-9_-]*' | head -1)
: > "$W/writes.txt"
for i in $(seq 1 40); do
  BODY="{\"reference\":\"REPART-$i\",\"title\":\"Convention écrite par le répartiteur\",\"signedOn\":\"2025-06-02\",\"signedAt\":\"Paris\",\"termMonths\":36,\"termArticle\":\"art. 17\",\"renewalPolicy\":\"None\",\"endOfTermRule\":\"DayBeforeAnniversary\",\"committeeArticle\":\"art. 13\"}"
  for attempt in 1 2; do  # the second is the retry of a client that lost the answer
    curl -s -o /dev/null -D - -H "Authorization: Bearer $API_TOKEN" -H "Content-Type: application/json" -H "Idempotency-Key: exercice-$i" \
      --data "$BODY" "$LB/api/v1/agreements" | tr -d '\r' | awk -v a=$attempt '/^HTTP/ {s=$2} /^X-Copil-Instance/ {i=$2} END {print a, s, i}' >> "$W/writes.txt"
  done
done
CREATED=$("${PSQL[@]}" -c "SELECT COUNT(*) FROM \"Agreements\" WHERE \"Reference\" LIKE 'REPART-%'")
say "  80 requêtes (40 créations et 40 reprises) : $(awk '{print $2}' "$W/writes.txt" | sort | uniq -c | tr '\n' ' ')— par instance : $(awk '{print $3}' "$W/writes.txt" | sort | uniq -c | tr '\n' ' ')"
check "40 conventions créées, aucune en double, par les deux instances" '[ "$CREATED" = 40 ] && [ "$(awk "{print \$3}" "$W/writes.txt" | sort -u | wc -l)" = 2 ] && ! grep -qv " 201 " "$W/writes.txt"'

say "== Courriels : deux expéditeurs, un serveur lent, une instance tuée en cours d'envoi"
"${PSQL[@]}" -c "UPDATE \"OutboxMessages\" SET \"Status\" = 2 WHERE \"Status\" IN (0, 1)" >/dev/null  # the demo's own e-mails are not part of the count
"${PSQL[@]}" -c "INSERT INTO \"OutboxMessages\" (\"Id\", \"IdempotencyKey\", \"ToAddress\", \"ToName\", \"Subject\", \"TextBody\", \"CreatedAtUtc\", \"Status\", \"Attempts\", \"NextAttemptAtUtc\")
  SELECT gen_random_uuid(), 'exercice:' || n, 'membre' || n || '@exemple.fr', 'Membre ' || n, 'Exercice ' || n, 'Message ' || n, now() at time zone 'utc', 0, 0, now() at time zone 'utc'
  FROM generate_series(1, 150) n" >/dev/null
START=$(date +%s)
( for _ in $(seq 1 600); do curl -s -o /dev/null -w '%{http_code}\n' -b "$W/carrier" "$LB/" ; done > "$W/during-kill.txt" ) & LOAD=$!
for _ in $(seq 1 200); do [ "$(wc -l < "$W/mail.jsonl" 2>/dev/null || echo 0)" -ge 60 ] && break; sleep 0.1; done
SENDERS=$("${PSQL[@]}" -c "SELECT COUNT(DISTINCT split_part(\"LeaseOwner\", ':', 2)) FROM \"OutboxMessages\" WHERE \"Status\" = 1")
say "  instances en train d'envoyer à cet instant : $SENDERS"
kill -9 "$PID_B"; KILLED_AT=$(wc -l < "$W/mail.jsonl")
say "  instance B tuée (kill -9) après $KILLED_AT courriels livrés"
sleep 0.5
check "l'instance B est bien arrêtée" '! kill -0 "$PID_B" 2>/dev/null && ! curl -s -o /dev/null "http://127.0.0.1:$B_PORT/health/live"'
for _ in $(seq 1 240); do [ "$("${PSQL[@]}" -c "SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"IdempotencyKey\" LIKE 'exercice:%' AND \"Status\" = 2")" = 150 ] && break; sleep 0.5; done
DRAIN=$(( $(date +%s) - START ))
wait $LOAD
SENT=$("${PSQL[@]}" -c "SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"IdempotencyKey\" LIKE 'exercice:%' AND \"Status\" = 2")
DELIVERED=$(grep -c 'exemple.fr' "$W/mail.jsonl" || true)
UNIQUE=$(grep 'exemple.fr' "$W/mail.jsonl" | python3 -c 'import json,sys; print(len({json.loads(l)["messageId"] for l in sys.stdin}))')
say "  150 courriels : $SENT marqués envoyés, $DELIVERED reçus par le serveur, $UNIQUE Message-Id distincts, en $DRAIN s"
# The one message B had handed over when it died may arrive twice: the server accepted it after B stopped listening.
# Its copies carry one Message-Id, which mail systems use to show it once; anything more is a failure.
check "chaque courriel marqué envoyé et reçu, un seul Message-Id chacun ($((DELIVERED - UNIQUE)) copie en trop, celle en vol à l'arrêt de B)" '[ "$SENT" = 150 ] && [ "$UNIQUE" = 150 ] && [ $((DELIVERED - UNIQUE)) -le 1 ]'
say "  600 pages pendant l'arrêt de B : $(sort "$W/during-kill.txt" | uniq -c | tr '\n' ' ')"
check "l'instance A a tout servi après l'arrêt de B" '! grep -qv "^200$" "$W/during-kill.txt"'

[ "$FAILED" = 0 ] && say "== Exercice réussi" || { say "== Exercice en échec (KEEP=1 garde $W)"; exit 1; }

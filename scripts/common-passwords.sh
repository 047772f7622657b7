#!/usr/bin/env bash
# Rebuilds src/Copil.Web/Identity/common-passwords.txt.gz from the zxcvbn-ts dictionaries (see CommonPasswords.NOTICE.md).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund @zxcvbn-ts/language-common@4.1.3 @zxcvbn-ts/language-fr@4.1.2)
node -e '
const c = require(process.argv[1] + "/node_modules/@zxcvbn-ts/language-common");
const fr = require(process.argv[1] + "/node_modules/@zxcvbn-ts/language-fr");
const all = [...c.dictionary["passwords-common"], ...fr.dictionary["commonWords-fr"], ...fr.dictionary["firstnames-fr"]];
const words = new Set(all.map(x => String(x).toLowerCase()).filter(x => x.length >= 4));
process.stdout.write([...words].join("\n") + "\n");
' "$work" | gzip -9 > src/Copil.Web/Identity/common-passwords.txt.gz
echo "written: $(zcat src/Copil.Web/Identity/common-passwords.txt.gz | wc -l) entries"

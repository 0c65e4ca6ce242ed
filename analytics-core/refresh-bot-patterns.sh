#!/usr/bin/env bash
# Refreshes the bundled bot-pattern list from isbot, for maintainers:
#   analytics-core/refresh-bot-patterns.sh [version]
# Takes the newest (or the given) isbot package from the npm registry with npm itself (npm pack
# checks the tarball against the registry's SHA-512 integrity), and writes the package's own
# exported pattern list (require("isbot").list), one pattern a line, to isbot-patterns.txt, and
# isbot-patterns.properties (package, version, integrity, SHA-256 of the list, licence). isbot is
# released under the Unlicense (public domain); the script stops if a version declares another
# licence. Needs npm and node.
# Review the diff, then run the tests: BotPatternsTest requires every pattern to translate and
# compile in Java and checks the checksum; BotCorporaTest measures recall and false positives on the
# vendored corpora (update the figures in README.md if they change).
set -euo pipefail
cd "$(dirname "$0")/src/main/resources/dev/footfall/internal/bots"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

version="$(npm view "isbot@${1:-latest}" version)"
licence="$(npm view "isbot@$version" license)"
integrity="$(npm view "isbot@$version" dist.integrity)"
if [[ "$licence" != "Unlicense" ]]; then
  echo "isbot $version declares licence '$licence', not the Unlicense: check it, then update" \
    "this script, isbot-patterns.properties, NOTICE and README.md" >&2
  exit 1
fi

tarball="$(cd "$work" && npm pack --silent "isbot@$version")"
tar -xzf "$work/$tarball" -C "$work"
node -e 'const list = require(process.argv[1]).list;
  if (!Array.isArray(list) || list.length < 50) throw new Error("isbot exports no pattern list");
  for (const p of list) { if (/[\r\n]/.test(p)) throw new Error("a pattern with a line break"); }
  process.stdout.write(list.join("\n") + "\n");' "$work/package" > "$work/isbot-patterns.txt"

mv "$work/isbot-patterns.txt" isbot-patterns.txt
sha="$(sha256sum isbot-patterns.txt | cut -d' ' -f1)"
count="$(wc -l < isbot-patterns.txt | tr -d ' ')"
cat > isbot-patterns.properties <<PROPS
# The bundled bot-pattern list. Written by analytics-core/refresh-bot-patterns.sh; do not edit by hand.
# One JavaScript regular expression a line, exactly as the isbot package exports it (its "list").
file=isbot-patterns.txt
source=npm package isbot@$version
version=$version
integrity=$integrity
patterns=$count
sha256=$sha
licence=Unlicense (public domain dedication)
attribution=Bot User-Agent patterns: isbot by Omri Lotan and contributors (https://github.com/omrilotan/isbot), released into the public domain under the Unlicense
PROPS
echo "isbot $version: $count patterns, sha256 $sha"

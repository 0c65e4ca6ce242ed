#!/usr/bin/env bash
# Refreshes the User-Agent corpora that BotCorporaTest measures the bot filter on, for maintainers:
#   analytics-core/refresh-bot-test-corpora.sh [crawler-user-agents version] [user-agents version]
# Takes two npm packages with npm itself (npm pack checks each tarball's integrity) and writes, in
# src/test/resources/dev/footfall/internal/bots/:
#   crawler-user-agents.txt  every "instances" string of crawler-user-agents (Martin Monperrus and
#                            contributors, MIT), in the file's order: crawlers, libraries, monitors
#   browser-user-agents.txt  every distinct "userAgent" of intoli's user-agents (BSD-2-Clause), in the
#                            file's order: real browsers' User-Agents collected on web pages
# with each package's licence beside it and corpora.properties (versions, counts, SHA-256). The
# corpora are test data only, not shipped. They come from projects other than isbot, the source of
# the bundled pattern list (refresh-bot-patterns.sh). Needs npm and node. Review the diff, run
# BotCorporaTest and update the figures in README.md.
set -euo pipefail
cd "$(dirname "$0")/src/test/resources/dev/footfall/internal/bots"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetch() { # name version -> unpacks into $work/$name, prints the exact version
  local version
  version="$(npm view "$1@$2" version)"
  mkdir -p "$work/$1"
  local tarball
  tarball="$(cd "$work" && npm pack --silent "$1@$version")"
  tar -xzf "$work/$tarball" -C "$work/$1"
  printf '%s' "$version"
}

crawlers_version="$(fetch crawler-user-agents "${1:-latest}")"
browsers_version="$(fetch user-agents "${2:-latest}")"
for pair in "crawler-user-agents:MIT" "user-agents:BSD-2-Clause"; do
  declared="$(node -p "require('$work/${pair%%:*}/package/package.json').license")"
  if [[ "$declared" != "${pair#*:}" ]]; then
    echo "${pair%%:*} declares licence '$declared', not ${pair#*:}: check it first" >&2
    exit 1
  fi
done

node -e 'const fs = require("fs");
  const list = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const out = [];
  for (const entry of list) for (const ua of entry.instances || []) out.push(ua);
  if (out.some(ua => /[\r\n]/.test(ua))) throw new Error("a User-Agent with a line break");
  fs.writeFileSync(process.argv[2], out.join("\n") + "\n");' \
  "$work/crawler-user-agents/package/crawler-user-agents.json" crawler-user-agents.txt

node -e 'const fs = require("fs"), zlib = require("zlib"), path = require("path");
  const dir = path.join(process.argv[1], "dist");
  const plain = path.join(dir, "user-agents.json");
  const data = fs.existsSync(plain) ? fs.readFileSync(plain)
    : zlib.gunzipSync(fs.readFileSync(path.join(dir, "user-agents.json.gz")));
  const seen = new Set(), out = [];
  for (const entry of JSON.parse(data.toString("utf8"))) {
    const ua = entry.userAgent;
    if (typeof ua !== "string" || ua === "" || /[\r\n]/.test(ua) || seen.has(ua)) continue;
    seen.add(ua);
    out.push(ua);
  }
  fs.writeFileSync(process.argv[2], out.join("\n") + "\n");' \
  "$work/user-agents/package" browser-user-agents.txt

cp "$work/crawler-user-agents/package/LICENSE" crawler-user-agents.LICENSE
cp "$work/user-agents/package/LICENSE" browser-user-agents.LICENSE
crawlers="$(wc -l < crawler-user-agents.txt | tr -d ' ')"
browsers="$(wc -l < browser-user-agents.txt | tr -d ' ')"
cat > corpora.properties <<PROPS
# The corpora BotCorporaTest measures. Written by analytics-core/refresh-bot-test-corpora.sh.
crawlers.file=crawler-user-agents.txt
crawlers.source=npm package crawler-user-agents@$crawlers_version (https://github.com/monperrus/crawler-user-agents), every "instances" string
crawlers.licence=MIT, Copyright (c) 2017 Martin Monperrus; see crawler-user-agents.LICENSE
crawlers.count=$crawlers
crawlers.sha256=$(sha256sum crawler-user-agents.txt | cut -d' ' -f1)
browsers.file=browser-user-agents.txt
browsers.source=npm package user-agents@$browsers_version (https://github.com/intoli/user-agents), every distinct "userAgent"
browsers.licence=BSD-2-Clause, Copyright 2018-present Intoli, LLC; see browser-user-agents.LICENSE
browsers.count=$browsers
browsers.sha256=$(sha256sum browser-user-agents.txt | cut -d' ' -f1)
PROPS
echo "crawler-user-agents $crawlers_version: $crawlers; user-agents $browsers_version: $browsers"

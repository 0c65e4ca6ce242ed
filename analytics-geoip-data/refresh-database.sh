#!/usr/bin/env bash
# Refreshes the bundled country database from ip-location-db, for maintainers:
#   analytics-geoip-data/refresh-database.sh
# Takes the newest geo-whois-asn-country-mmdb package from the npm registry (the project also
# publishes to GitHub Releases, and says its npm data is being retired: when GitHub is reachable,
# pass a release asset URL of the combined IPv4+IPv6 file as $1 instead). Writes the file and
# database.properties (source, version, SHA-256; the build date is in the file's own metadata).
# Needs curl and python3. Review the diff and run the tests (BundledCountryDatabaseTest checks
# well-known addresses and the checksum) before committing.
set -euo pipefail
cd "$(dirname "$0")/src/main/resources/dev/footfall/geoip/data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ $# -ge 1 ]]; then
  source_url="$1"
  version="$(date -u +%Y.%m%d)"
  curl -fsSL "$source_url" -o "$work/geo-whois-asn-country.mmdb"
else
  meta="$(curl -fsSL https://registry.npmjs.org/@ip-location-db%2fgeo-whois-asn-country-mmdb/latest)"
  version="$(printf '%s' "$meta" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')"
  source_url="$(printf '%s' "$meta" | python3 -c 'import json,sys; print(json.load(sys.stdin)["dist"]["tarball"])')"
  curl -fsSL "$source_url" -o "$work/package.tgz"
  tar -xzf "$work/package.tgz" -C "$work"
  mv "$work/package/geo-whois-asn-country.mmdb" "$work/geo-whois-asn-country.mmdb"
fi

mv "$work/geo-whois-asn-country.mmdb" geo-whois-asn-country.mmdb
sha="$(sha256sum geo-whois-asn-country.mmdb | cut -d' ' -f1)"
attribution="$(grep '^attribution=' database.properties)"
licence="$(grep '^licence=' database.properties)"
cat > database.properties <<PROPS
# The bundled country database. Written by refresh-database.sh; do not edit by hand.
file=geo-whois-asn-country.mmdb
source=$source_url
version=$version
sha256=$sha
$licence
$attribution
PROPS
echo "geo-whois-asn-country.mmdb $version sha256 $sha (its build date: BundledCountryDatabase.locator().buildTime())"

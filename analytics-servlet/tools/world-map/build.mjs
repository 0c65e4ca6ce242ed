// Writes the dashboard's world map, ../../src/main/resources/dev/footfall/servlet/dashboard/world.json:
// the countries of world-atlas (Natural Earth, 1:110 million) as SVG path data in the Equal Earth
// projection, keyed by ISO 3166-1 alpha-2 code (from Debian's iso-codes package, which maps
// world-atlas's numeric codes). Run by hand when the map should change (npm install, then npm run
// build); the project's build does not, and needs no Node: the output is committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import { geoEqualEarth, geoPath } from 'd3-geo';

const WIDTH = 800;
const ISO_3166 = process.env.ISO_3166 || '/usr/share/iso-codes/json/iso_3166-1.json';
const OUT = new URL('../../src/main/resources/dev/footfall/servlet/dashboard/world.json',
  import.meta.url);

const json = (file) => JSON.parse(readFileSync(file, 'utf8'));
const atlas = json(new URL('node_modules/world-atlas/package.json', import.meta.url));
const topology = json(new URL('node_modules/world-atlas/countries-110m.json', import.meta.url));
const alpha2 = new Map(json(ISO_3166)['3166-1'].map((c) => [c.numeric, c.alpha_2]));

const countries = feature(topology, topology.objects.countries);
// Antarctica takes a fifth of the height and has no visitors.
countries.features = countries.features.filter((f) => f.id !== '010');
const projection = geoEqualEarth().fitWidth(WIDTH, countries);
const path = geoPath(projection).digits(1);
const height = Math.ceil(path.bounds(countries)[1][1]);
// Territories without an ISO code (Kosovo, Northern Cyprus, Somaliland) are drawn, never filled.
const shapes = countries.features
  .map((f) => [alpha2.get(f.id) || '', path(f)])
  .sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));

writeFileSync(OUT, JSON.stringify({
  source: `world-atlas ${atlas.version} countries-110m (Natural Earth), Equal Earth projection`,
  width: WIDTH,
  height,
  countries: shapes
}) + '\n');
console.log(`wrote ${shapes.length} countries, ${WIDTH}×${height}`);

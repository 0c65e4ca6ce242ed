#!/usr/bin/env bash
# HTTP ingestion load test: wrk against a bare Jetty servlet (the ceiling) and against Footfall's
# /api/event over H2, one after the other in one run, on 127.0.0.1 only. Needs wrk (Debian package).
# Usage: analytics-benchmarks/http-benchmark.sh [seconds per measurement, default 30]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
jar=analytics-benchmarks/target/benchmarks.jar
[ -f "$jar" ] || mvn -q -pl analytics-benchmarks -am package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/post.lua" <<'LUA'
-- A Plausible Events API pageview from one of 5,000 visitors (X-Forwarded-For) on one of 200 pages.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
request = function()
  local v = math.random(1, 5000)
  wrk.headers["X-Forwarded-For"] = "198.51." .. math.floor(v / 250) .. "." .. (v % 250)
  wrk.body = '{"n":"pageview","u":"https://bench.example/docs/page-' .. math.random(1, 200) ..
    '","d":"bench.example","r":"https://www.google.com/"}'
  return wrk.format()
end
done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f non2xx=%d p50ms=%.2f p99ms=%.2f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), non2xx,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA

run() {
  local mode=$1 port=$2
  java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar" \
    dev.footfall.benchmarks.HttpBenchmarkServer "$mode" "$port" "$work/db-$mode" > "$work/$mode.log" 2>&1 &
  local pid=$!
  until grep -q ready "$work/$mode.log"; do sleep 0.5; done
  wrk -t2 -c64 -d10s -s "$work/post.lua" "http://127.0.0.1:$port/api/event" > /dev/null   # warm-up
  echo "== $mode"
  wrk -t2 -c64 -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:$port/api/event" | grep RESULT
  kill -TERM "$pid"
  wait "$pid" || true
  grep stats "$work/$mode.log" || true
}

run bare 18181
run footfall-memory 18182
run footfall 18183

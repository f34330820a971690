-- wrk script for bench/run: at the end of a run, one machine-readable line with requests per
-- second, p50 and p99 latency in microseconds, non-2xx/3xx responses and socket errors.
-- The request itself (method, path, Cookie header) comes from wrk's command line.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("REPORT %.0f %d %d %d %d\n",
    summary.requests / seconds,
    latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end

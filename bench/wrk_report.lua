-- wrk_report.lua — makes wrk print one machine-readable line for
-- bench/run.sh and tests/it_robust.sh:
--   WRK <requests/s> <p50 ms> <p90 ms> <p99 ms> <socket errors> <non-2xx/3xx> <requests>
-- (socket errors = connect + read + write + timeout).
function done(summary, latency, requests)
  local e = summary.errors
  local sock = e.connect + e.read + e.write + e.timeout
  local secs = summary.duration / 1e6
  io.write(string.format("WRK %.1f %.3f %.3f %.3f %d %d %d\n",
    summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, sock, e.status, summary.requests))
end

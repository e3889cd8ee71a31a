-- wrk report hook: the run's figures as key=value pairs on one line (bench/beban.sh reads it).
-- non2xx is wrk's status counter (responses with status >= 400; beban.sh first checks the page answers 200).
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_s=%.1f rps=%.0f mean_ms=%.2f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d timeouts=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency.mean / 1000,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout, e.timeout))
end

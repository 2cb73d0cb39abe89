-- One page for wrk, as the signed-in user. benchmarks/run.py sets, in the environment,
--   BENCH_COOKIE     the Cookie header (session and CSRF cookies)
--   BENCH_METHOD     GET or POST
--   BENCH_BODY_FILE  for POST: the form as a browser posts it, CSRF token included
-- and reads the line this script prints when done: wrk's own report has no 95th percentile.

wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE") or ""
if wrk.method == "POST" then
  local file = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
  wrk.body = file:read("*a")
  file:close()
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

-- Responses counted by status in each thread, so that a redirect to the sign-in page (or a
-- form shown again with errors instead of saved) cannot pass for the page.
statuses = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses") or {}) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do
    table.insert(parts, string.format('"%d":%d', status, count))
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"mean_us":%.1f,"max_us":%d,' ..
    '"statuses":{%s},"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max, table.concat(parts, ","),
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end

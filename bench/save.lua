-- wrk script for bench/run: a stream of monthly report saves, as club secretaries and commune
-- officers send them: PUT /api/v1/clubs/{id}/reports/{period} with {"values": {...}}, each request
-- a club and month drawn at random from a file of targets (one "club_id period" a line: months
-- still open, a draft or returned report or a month not begun). The Authorization header comes
-- from wrk's command line. Usage: wrk ... -s bench/save.lua URL -- TARGETS_FILE
-- At the end: the REPORT line of report.lua (req/s, p50/p99 in µs, non-2xx, socket errors), a
-- STATUS line per HTTP status with its count, and the first refused answer (SAMPLE) if any.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

targets = {}
statuses = {}
sample = ""

function init(args)
  local file = assert(io.open(args[1], "r"), "no targets file")
  for line in file:lines() do
    local club, period = line:match("^(%d+)%s+(%d%d%d%d%-%d%d)")
    if club then
      table.insert(targets, { club = club, period = period })
    end
  end
  file:close()
  assert(#targets > 0, "the targets file holds no club and month")
  math.randomseed(os.time() * 1000 + (id or 0) * 7919)
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local t = targets[math.random(#targets)]
  -- Attendance well within the members of any target club (45 or more), and within ten times
  -- last month's (20 or more): no check fails and no plausibility warning.
  local body = string.format('{"values": {"MEET_HELD": 1, "MEET_ATTEND": %d}}', math.random(20, 35))
  return wrk.format("PUT", "/api/v1/clubs/" .. t.club .. "/reports/" .. t.period, nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 300 and sample == "" then
    sample = tostring(status) .. " " .. string.sub(body or "", 1, 300)
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("REPORT %.0f %d %d %d %d\n",
    summary.requests / seconds,
    latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
  local total = {}
  local first = ""
  for _, thread in ipairs(threads) do
    for code, n in pairs(thread:get("statuses") or {}) do
      total[code] = (total[code] or 0) + n
    end
    local s = thread:get("sample") or ""
    if first == "" and s ~= "" then
      first = s
    end
  end
  for code, n in pairs(total) do
    io.write(string.format("STATUS %s %d\n", code, n))
  end
  if first ~= "" then
    io.write("SAMPLE " .. (first:gsub("\n", " ")) .. "\n")
  end
end

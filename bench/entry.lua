-- wrk script for bench/run: a stream of fund entries, as club treasurers record them: POST
-- /api/v1/clubs/{id}/funds/activity/entries, a member's contribution dated today, each request to
-- a club drawn at random from a file of club ids (clubs keeping their books in ishc). The
-- Authorization header comes from wrk's command line. Usage: wrk ... -s bench/entry.lua URL --
-- CLUBS_FILE DATE. At the end: the REPORT line (req/s, p50/p99 in µs, non-2xx, socket errors), a
-- STATUS line per HTTP status, and the first refused answer (SAMPLE) if any.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

clubs = {}
statuses = {}
sample = ""
day = ""

function init(args)
  local file = assert(io.open(args[1], "r"), "no clubs file")
  for line in file:lines() do
    local club = line:match("^(%d+)")
    if club then
      table.insert(clubs, club)
    end
  end
  file:close()
  day = args[2]
  assert(#clubs > 0, "the clubs file holds no club")
  math.randomseed(os.time() * 1000 + (id or 0) * 7919)
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local club = clubs[math.random(#clubs)]
  local body = string.format('{"kind": "contribution", "date": "%s", "amount": %d, "handled_by": "Thủ quỹ", ' ..
    '"party": "Thành viên", "note": "Đóng góp (bench)"}', day, math.random(1, 20) * 5000)
  return wrk.format("POST", "/api/v1/clubs/" .. club .. "/funds/activity/entries", nil, body)
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

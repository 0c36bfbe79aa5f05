-- The part both wrk scripts of benchmarks/load-site.sh share, loaded by them with dofile: threads
-- that take the prepared requests in turn, a count of the responses by status, and one
-- machine-readable RESULT line plus one STATUS line per status code at the end. A script defines
-- init(args), which fills the global `requests` and calls counting.start().

counting = {}

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

-- Starts this thread at its own place in `requests`, with no responses counted.
function counting.start()
   next_index = id or 0
   statuses = {}
end

function request()
   next_index = next_index + 1
   return requests[next_index % #requests + 1]
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, _)
   local classes = { 0, 0, 0, 0, 0 }
   local byStatus = {}
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         byStatus[status] = (byStatus[status] or 0) + count
         local class = math.floor(status / 100)
         if class >= 1 and class <= 5 then
            classes[class] = classes[class] + count
         end
      end
   end
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d duration_us=%d bytes=%d p50_us=%d p99_us=%d s2xx=%d s3xx=%d s4xx=%d s5xx=%d"
         .. " connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99),
      classes[2], classes[3], classes[4], classes[5], e.connect, e.read, e.write, e.timeout))
   local codes = {}
   for status in pairs(byStatus) do
      table.insert(codes, status)
   end
   table.sort(codes)
   for _, status in ipairs(codes) do
      io.write(string.format("STATUS %d %d\n", status, byStatus[status]))
   end
end

-- wrk script of benchmarks/load-site.sh: GETs the pages given after "--" in turn, with the headers
-- given by -H (the consent cookie of a returning visitor), counts the responses by status class and
-- prints one machine-readable RESULT line at the end.
--
--   wrk -t1 -c8 -d10s --latency -s benchmarks/load/pages.lua -H "Cookie: consent4j=..." \
--       http://127.0.0.1:18080 -- / /kurse/bruchrechnung

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   local paths = {}
   for _, path in ipairs(args) do
      table.insert(paths, path)
   end
   if #paths == 0 then
      paths = { wrk.path }
   end
   requests = {}
   for i, path in ipairs(paths) do
      requests[i] = wrk.format("GET", path)
   end
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
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
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
end

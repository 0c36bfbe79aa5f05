-- wrk script of benchmarks/load-site.sh: POSTs valid JSON choices to the visitor endpoint (the URL
-- given to wrk), in turn accept all, reject all and two custom selections, each as a new visitor
-- (wrk keeps no cookies) and from the same origin, which is the site's own address given after "--".
-- Counts the responses by status in response() and prints them, with the latency, in done():
-- one machine-readable RESULT line and one STATUS line per status code.
--
--   wrk -t1 -c16 -d60s --latency -s benchmarks/load/post-consent.lua \
--       http://127.0.0.1:18080/consent -- http://127.0.0.1:18080
--
-- The categories and services of the custom choices (functional, analytics, matomo) are in every
-- preset of examples/presets.

local choices = {
   '{"action":"accept_all","layer":"first_layer"}',
   '{"action":"reject_all","layer":"first_layer"}',
   '{"action":"custom","categories":["functional"],"services":[],"layer":"settings"}',
   '{"action":"custom","categories":["functional","analytics"],"services":["matomo"],"layer":"settings"}',
}

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   local origin = args[1] or (wrk.scheme .. "://" .. wrk.headers["Host"])
   requests = {}
   for i, body in ipairs(choices) do
      requests[i] = wrk.format("POST", nil, {
         ["Host"] = wrk.headers["Host"],
         ["Content-Type"] = "application/json",
         ["Origin"] = origin,
         ["Sec-Fetch-Site"] = "same-origin",
         ["User-Agent"] = "consent4j-load (wrk)",
      }, body)
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

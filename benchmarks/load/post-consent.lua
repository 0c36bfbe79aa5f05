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

-- setup, request, response and done: shared with post-consent.lua.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "counting.lua")

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
   counting.start()
end

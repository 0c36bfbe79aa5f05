-- wrk script of benchmarks/post-ratio.sh: POSTs one fixed JSON body to the URL given to wrk, with the
-- site's own Origin and Sec-Fetch-Site: same-origin, each request as a new visitor (wrk keeps no
-- cookies). Arguments after "--": the origin, then the body. Counts the responses by status and prints
-- them with the latency, as benchmarks/load/counting.lua does.
--
--   wrk -t1 -c16 -d10s --latency -s benchmarks/load/post-one.lua http://127.0.0.1:18110/consent \
--       -- http://127.0.0.1:18110 '{"action":"accept_all","layer":"first_layer"}'

-- setup, request, response and done: shared with post-consent.lua and pages.lua.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "counting.lua")

function init(args)
   local origin = args[1] or (wrk.scheme .. "://" .. wrk.headers["Host"])
   local body = args[2] or '{"action":"accept_all","layer":"first_layer"}'
   requests = {
      wrk.format("POST", nil, {
         ["Host"] = wrk.headers["Host"],
         ["Content-Type"] = "application/json",
         ["Origin"] = origin,
         ["Sec-Fetch-Site"] = "same-origin",
         ["User-Agent"] = "consent4j-load (wrk)",
      }, body),
   }
   counting.start()
end

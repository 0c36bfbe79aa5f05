-- wrk script of benchmarks/load-site.sh: GETs the pages given after "--" in turn, with the headers
-- given by -H (the consent cookie of a returning visitor), counts the responses by status class and
-- prints one machine-readable RESULT line (and a STATUS line per status code) at the end.
--
--   wrk -t1 -c8 -d10s --latency -s benchmarks/load/pages.lua -H "Cookie: consent4j=..." \
--       http://127.0.0.1:18080 -- / /kurse/bruchrechnung

-- setup, request, response and done: shared with post-consent.lua.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "counting.lua")

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
   counting.start()
end

-- wrk script: POST one valid suggestion per request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"datasetVersion":"bench","message":"benchmark","changes":[' ..
  '{"rowId":"valbrune-assistant-etat-civil","field":"nom_projet",' ..
  '"before":"x","after":"Assistant conversationnel (benchmark)"}]}'

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  for status, n in pairs(statuses) do
    io.write(string.format("status %d: %d (counted by the last thread)\n", status, n))
  end
end

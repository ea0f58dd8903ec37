#!/usr/bin/env python3
"""Prints a wrk script that POSTs /api/v1/recommendations?explain=full with the key given first, cycling over one body
(top 10) per problem in the JSON Lines files given after it, as a portal would send them. Used by load-recommend.sh
and import-experts.sh. Usage: problem-bodies.py KEY FILE..."""
import json
import sys

key, files = sys.argv[1], sys.argv[2:]
print("bodies = {")
for name in files:
    for line in open(name, encoding="utf-8"):
        if not line.strip():
            continue
        problem = json.loads(line)
        body = {k: problem[k] for k in ("title", "description", "industry", "region", "keywords") if problem.get(k)}
        body["top"] = 10
        print("[==[" + json.dumps(body, ensure_ascii=False) + "]==],")
print("}")
print("""local i = 0
request = function()
  i = i % #bodies + 1
  return wrk.format("POST", "/api/v1/recommendations?explain=full",
    { ["X-Api-Key"] = "KEY", ["Content-Type"] = "application/json" }, bodies[i])
end""".replace("KEY", key))

#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Print, for each evaluation problem, its text, the experts graded in the draft qrels and the other experts of
the specialties a human judge should look at (the problem's specialty, its neighbours and the specialties named
in the catalog). This is a reading aid for judging, not a ranker: candidates are listed by specialty, in id order.

Usage: python3 scripts/demo-data/review_eval.py OUT.txt [DATA_DIR]"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import generate  # noqa: E402


def short(t, n):
    return t if len(t) <= n else t[:n] + "…"


def main():
    out = sys.argv[1]
    data = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp()
    review = os.path.join(data, "review.json")
    env = dict(os.environ, MATCHMAKER_REVIEW=review)
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--out", data], check=True, env=env)
    R = json.load(open(review, encoding="utf-8"))
    specs = {s["code"]: s for s in generate.load_specs()}
    experts = {json.loads(l)["id"]: json.loads(l) for l in open(os.path.join(data, "experts.jsonl"), encoding="utf-8")}
    probs = [json.loads(l) for l in open(os.path.join(data, "eval", "problems.jsonl"), encoding="utf-8")]
    qrels = {}
    for line in open(os.path.join(data, "eval", "qrels.tsv"), encoding="utf-8"):
        p, e, g = line.rstrip("\n").split("\t")
        qrels.setdefault(p, {})[e] = int(g)
    with open(out, "w", encoding="utf-8") as f:
        for p in probs:
            info = R["eval"][p["id"]]
            code, meta = info["spec"], info["meta"]
            look = {code} | set(meta.get("s", [])) | set(meta.get("r", []))
            f.write("=" * 100 + "\n%s [%s] d=%s s=%s r=%s\n%s\n%s\n" % (
                p["id"], code, meta.get("d"), meta.get("s"), meta.get("r"), p["title"], p["description"]))
            graded = qrels.get(p["id"], {})
            rows = []
            for eid, ex in sorted(experts.items()):
                rv = R["experts"][eid]
                wspecs = {k.split("#")[0] for k in rv["keys"]}
                if eid in graded or rv["spec"] in look or wspecs & {code}:
                    rows.append((eid, ex, rv))
            for eid, ex, rv in rows:
                g = graded.get(eid, 0)
                f.write("  %s g=%d %-18s %s | %s\n" % (eid, g, rv["spec"], ex["kind"][:4], "、".join(ex["fields"])))
                f.write("      " + " / ".join("[%s]%s" % (k.split("#")[1] if k.split("#")[0] == code else k, short(w["title"], 34))
                                             for w, k in zip(ex["works"], rv["keys"])) + "\n")
    print("wrote", out)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Validate the Matchmaker demo data set and evaluation set; print counts.

Usage: python3 scripts/demo-data/validate.py [DATA_DIR]   (default <repo>/data). Exit code 1 on any error."""
import collections
import json
import os
import re
import sys
from datetime import datetime

HAN = re.compile(r"[\u4e00-\u9fff]")
INDUSTRIES = {"家纺", "智能制造", "生物医药", "地理信息", "航空航天", "人工智能与数字经济", "梨产业与生态农业",
              "数字文旅", "新材料", "节能环保", "新能源"}
FIELDS = {
    "societies": ["id", "name", "level"],
    "experts": ["id", "name", "kind", "title", "organization", "societies", "region", "fields", "profile", "works",
                "languages", "capacity", "available"],
    "work": ["kind", "title", "abstract", "keywords", "year"],
    "enterprises": ["id", "name", "industry", "region", "size"],
    "problems": ["id", "enterpriseId", "title", "description", "industry", "region", "keywords", "urgency", "status",
                 "postedAt"],
}
errors = []


def err(msg):
    errors.append(msg)


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                err("%s:%d empty line" % (path, n))
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                err("%s:%d invalid JSON: %s" % (path, n, e))
    return rows


def check_fields(name, row, expected, optional=()):
    keys = set(row)
    missing = set(expected) - keys - set(optional)
    extra = keys - set(expected)
    if missing or extra:
        err("%s %s: missing %s extra %s" % (name, row.get("id", "?"), sorted(missing), sorted(extra)))


def unique_ids(name, rows):
    c = collections.Counter(r.get("id") for r in rows)
    for k, v in c.items():
        if v > 1:
            err("%s: duplicate id %s" % (name, k))


def is_str_list(v, lo, hi):
    return isinstance(v, list) and lo <= len(v) <= hi and all(isinstance(x, str) and x.strip() for x in v)


def check_problem(name, p, ent_by_id, eval_set):
    check_fields(name, p, FIELDS["problems"], optional=("enterpriseId",) if eval_set else ())
    for k in ("title", "description", "region"):
        if not isinstance(p.get(k), str) or not p[k].strip():
            err("%s %s: empty %s" % (name, p.get("id"), k))
    if p.get("industry") not in INDUSTRIES:
        err("%s %s: industry %r" % (name, p.get("id"), p.get("industry")))
    if not is_str_list(p.get("keywords"), 1, 8):
        err("%s %s: keywords" % (name, p.get("id")))
    if p.get("urgency") not in ("low", "medium", "high"):
        err("%s %s: urgency" % (name, p.get("id")))
    if p.get("status") not in ("open", "matched", "solved", "closed"):
        err("%s %s: status" % (name, p.get("id")))
    try:
        t = datetime.fromisoformat(p.get("postedAt", ""))
        if t.utcoffset() is None or t.year not in (2025, 2026):
            err("%s %s: postedAt %s" % (name, p.get("id"), p.get("postedAt")))
    except (TypeError, ValueError):
        err("%s %s: postedAt %r" % (name, p.get("id"), p.get("postedAt")))
    if "enterpriseId" in p:
        e = ent_by_id.get(p["enterpriseId"])
        if e is None:
            err("%s %s: unknown enterpriseId %s" % (name, p.get("id"), p["enterpriseId"]))
        else:
            if e["region"] != p.get("region"):
                err("%s %s: region differs from enterprise" % (name, p.get("id")))
            if e["industry"] != p.get("industry"):
                err("%s %s: industry differs from enterprise" % (name, p.get("id")))
            reg = {"杭州市余杭区": "YH", "湖州市德清县": "DQ"}.get(e["region"], "HZ")
            if not eval_set and not p["id"].startswith("P-%s-" % reg):
                err("%s %s: id prefix does not match region %s" % (name, p["id"], e["region"]))


# The demo history: the steps a match may take (Matchmaker.Core/Matching/MatchLifecycle.cs) and its year, China time.
STEPS = {"proposed": {"contacted", "withdrawn"}, "contacted": {"accepted", "declined", "withdrawn"},
         "accepted": {"visited", "withdrawn"}, "visited": {"solved", "unsolved", "withdrawn"}}
YEAR = (datetime.fromisoformat("2025-12-01T00:00:00+08:00"), datetime.fromisoformat("2026-12-01T00:00:00+08:00"))
LEGAL_FORMS = re.compile(r"(股份)?有限(责任)?公司$|专业合作社$|合作社$")


def quarter_start(t):
    t = t.astimezone(YEAR[0].tzinfo)
    return t.replace(month=(t.month - 1) // 3 * 3 + 1, day=1, hour=0, minute=0, second=0, microsecond=0)


def status_at(m, t):
    """A match's status at t (None before it was proposed)."""
    if m["_created"] > t:
        return None
    status = "proposed"
    for e in m["events"]:
        if e["_at"] <= t:
            status = e["status"]
    return status


def check_matches(matches, prob_by_id, exp_by_id, ent_by_id):
    """References, the lifecycle, times within the year and after the problem was posted, no expert with an
    enterprise of their own organization, every proposal within the expert's capacity that quarter (open matches and
    the quarter's that came to a visit), and the problems' statuses following their matches. Returns the figures."""
    fields = ["problemId", "expertId", "score", "features", "createdAt", "events"]
    pairs = collections.Counter((m.get("problemId"), m.get("expertId")) for m in matches)
    for pair, n in pairs.items():
        if n > 1:
            err("matches: %s/%s %d times" % (pair[0], pair[1], n))
    by_expert = collections.defaultdict(list)
    for m in matches:
        mid = "%s/%s" % (m.get("problemId"), m.get("expertId"))
        check_fields("match", dict(m, id=mid), fields + ["id"])
        p, x = prob_by_id.get(m.get("problemId")), exp_by_id.get(m.get("expertId"))
        if p is None or x is None:
            err("match %s: unknown problem or expert" % mid)
            continue
        m["_created"] = datetime.fromisoformat(m["createdAt"])
        if not YEAR[0] <= m["_created"] < YEAR[1] or m["_created"] < datetime.fromisoformat(p["postedAt"]):
            err("match %s: createdAt %s outside the year or before the problem was posted" % (mid, m["createdAt"]))
        org = LEGAL_FORMS.sub("", (x.get("organization") or "").strip())
        ent = ent_by_id[p["enterpriseId"]]["name"]
        if org and LEGAL_FORMS.sub("", ent) == org:
            err("match %s: the expert works for the enterprise" % mid)
        status, last = "proposed", m["_created"]
        for i, e in enumerate(m["events"]):
            e["_at"] = datetime.fromisoformat(e["occurredAt"])
            if e["status"] not in STEPS.get(status, ()):
                err("match %s: %s after %s" % (mid, e["status"], status))
            if e["_at"] < last or e["_at"] >= YEAR[1]:
                err("match %s: event %d at %s" % (mid, i, e["occurredAt"]))
            if not HAN.search(e.get("note") or ""):
                err("match %s: event %d without a Chinese note" % (mid, i))
            if not 1 <= e.get("rating", 1) <= 5 or any(e.get(k, 0) < 0 for k in ("profitAddedYuan", "patents", "standards", "awards", "projects")):
                err("match %s: event %d figures" % (mid, i))
            status, last = e["status"], e["_at"]
        m["_status"] = status
        by_expert[m["expertId"]].append(m)
    for eid, ms in by_expert.items():
        for m in ms:
            t, q = m["_created"], quarter_start(m["_created"])
            others = [(o, status_at(o, t)) for o in ms if o is not m]
            load = sum(1 for o, s in others if s in ("proposed", "contacted", "accepted", "visited")
                       or (s in ("solved", "unsolved") and o["_created"] >= q))
            if load >= exp_by_id[eid]["capacity"]:
                err("match %s/%s: expert full (load %d, capacity %d)" % (m["problemId"], eid, load, exp_by_id[eid]["capacity"]))
    by_problem = collections.defaultdict(set)
    for m in matches:
        by_problem[m["problemId"]].add(m.get("_status"))
    for pid, p in prob_by_id.items():
        st = by_problem.get(pid, set())
        expected = "solved" if "solved" in st else "matched" if st & {"accepted", "visited"} else None
        if (expected or "open/closed") != p["status"] and not (expected is None and p["status"] in ("open", "closed")):
            err("problem %s: status %s, its matches say %s" % (pid, p["status"], expected or "open or closed"))
    events = [(m, e) for m in matches for e in m["events"]]
    visits = [m for m, e in events if e["status"] == "visited"]
    return {
        "matches": len(matches), "by status": dict(sorted(collections.Counter(m["_status"] for m in matches).items())),
        "visits": len(visits), "solved": sum(1 for _, e in events if e["status"] == "solved"),
        "enterprises served": len({prob_by_id[m["problemId"]]["enterpriseId"] for m in visits}),
        "societies engaged": len({s for m in visits for s in exp_by_id[m["expertId"]]["societies"]}),
        "profit (10k yuan)": sum(e.get("profitAddedYuan", 0) for _, e in events) // 10000,
        "patents": sum(e.get("patents", 0) for _, e in events), "standards": sum(e.get("standards", 0) for _, e in events),
        "awards": sum(e.get("awards", 0) for _, e in events), "projects": sum(e.get("projects", 0) for _, e in events),
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(here, "..", "..", "data"))
    societies = load(os.path.join(data, "societies.jsonl"))
    experts = load(os.path.join(data, "experts.jsonl"))
    enterprises = load(os.path.join(data, "enterprises.jsonl"))
    problems = load(os.path.join(data, "problems.jsonl"))
    eval_problems = load(os.path.join(data, "eval", "problems.jsonl"))
    matches = load(os.path.join(data, "matches.jsonl"))

    # societies
    for s in societies:
        check_fields("society", s, FIELDS["societies"])
        if not re.fullmatch(r"S-\d{3}", s.get("id", "")):
            err("society id %s" % s.get("id"))
        if s.get("level") not in ("national", "provincial", "municipal"):
            err("society %s level" % s.get("id"))
    unique_ids("societies", societies)
    soc_names = {s["name"] for s in societies}
    if len(soc_names) != len(societies):
        err("duplicate society names")

    # experts
    unique_ids("experts", experts)
    work_sigs = collections.Counter()
    for e in experts:
        eid = e.get("id")
        check_fields("expert", e, FIELDS["experts"])
        if not re.fullmatch(r"E-\d{4}", eid or ""):
            err("expert id %s" % eid)
        if e.get("kind") not in ("academician", "societyExpert", "overseasTalent", "engineer"):
            err("expert %s kind" % eid)
        for k in ("name", "title", "organization", "region", "profile"):
            if not isinstance(e.get(k), str) or not e[k].strip():
                err("expert %s: empty %s" % (eid, k))
        if not isinstance(e.get("societies"), list) or len(e["societies"]) > 3:
            err("expert %s societies" % eid)
        else:
            for s in e["societies"]:
                if s not in soc_names:
                    err("expert %s: unknown society %s" % (eid, s))
        if not is_str_list(e.get("fields"), 1, 8):
            err("expert %s fields" % eid)
        if not is_str_list(e.get("languages"), 1, 2) or not set(e["languages"]) <= {"zh", "en"}:
            err("expert %s languages" % eid)
        cap = e.get("capacity")
        if not isinstance(cap, int) or isinstance(cap, bool) or not 1 <= cap <= 8:
            err("expert %s capacity" % eid)
        if not isinstance(e.get("available"), bool):
            err("expert %s available" % eid)
        works = e.get("works")
        if not isinstance(works, list) or not 3 <= len(works) <= 6:
            err("expert %s: %s works" % (eid, len(works) if isinstance(works, list) else "no"))
            works = works if isinstance(works, list) else []
        for w in works:
            check_fields("work of %s" % eid, w, FIELDS["work"])
            if w.get("kind") not in ("paper", "patent", "standard", "project"):
                err("expert %s work kind %r" % (eid, w.get("kind")))
            if not isinstance(w.get("year"), int) or not 2008 <= w["year"] <= 2026:
                err("expert %s work year %r" % (eid, w.get("year")))
            if not is_str_list(w.get("keywords"), 2, 5):
                err("expert %s work keywords %r" % (eid, w.get("keywords")))
            for k in ("title", "abstract"):
                if not isinstance(w.get(k), str) or not w[k].strip():
                    err("expert %s work %s empty" % (eid, k))
            work_sigs[(w.get("title"), w.get("abstract"))] += 1
        if e.get("kind") == "academician" and "院士" not in e.get("title", ""):
            err("academician %s without 院士 in title" % eid)
        if e.get("kind") == "overseasTalent":
            texts = [e.get("name", ""), e.get("profile", "")] + e.get("fields", []) + \
                    [w.get("title", "") + w.get("abstract", "") + "".join(w.get("keywords", [])) for w in works]
            if any(HAN.search(t) for t in texts):
                err("overseas talent %s has Chinese text in name/profile/fields/works" % eid)
            if "en" not in e.get("languages", []):
                err("overseas talent %s without en" % eid)
    titles = collections.Counter(w.get("title") for e in experts for w in e.get("works", []))
    for t, n in titles.items():
        if n > 1:
            err("work title used by %d experts: %s" % (n, t))

    # enterprises
    unique_ids("enterprises", enterprises)
    for c in enterprises:
        check_fields("enterprise", c, FIELDS["enterprises"])
        if not re.fullmatch(r"C-(YH|DQ|HZ)-\d{3}", c.get("id", "")):
            err("enterprise id %s" % c.get("id"))
        if c.get("industry") not in INDUSTRIES:
            err("enterprise %s industry" % c.get("id"))
        if c.get("size") not in ("micro", "small", "medium", "large"):
            err("enterprise %s size" % c.get("id"))
        reg = c.get("id", "")[2:4]
        if reg == "YH" and c.get("region") != "杭州市余杭区" or reg == "DQ" and c.get("region") != "湖州市德清县":
            err("enterprise %s region %s" % (c.get("id"), c.get("region")))
    if len({c["name"] for c in enterprises}) != len(enterprises):
        err("duplicate enterprise names")
    ent_by_id = {c["id"]: c for c in enterprises}

    # problems
    unique_ids("problems", problems)
    for p in problems:
        if not re.fullmatch(r"P-(YH|DQ|HZ)-\d{4}", p.get("id", "")):
            err("problem id %s" % p.get("id"))
        check_problem("problem", p, ent_by_id, False)
    unique_ids("eval problems", eval_problems)
    for p in eval_problems:
        if not re.fullmatch(r"EV-(EN-)?\d{3}", p.get("id", "")):
            err("eval problem id %s" % p.get("id"))
        check_problem("eval problem", p, ent_by_id, True)
        is_en = not HAN.search(p.get("title", "") + p.get("description", ""))
        if is_en != p.get("id", "").startswith("EV-EN-"):
            err("eval problem %s: EV-EN- prefix must match English text" % p.get("id"))
    main_texts = {(p["title"], p["description"]) for p in problems}
    for p in eval_problems:
        if (p["title"], p["description"]) in main_texts or p["title"] in {q["title"] for q in problems}:
            err("eval problem %s copies a main problem" % p["id"])

    # qrels
    exp_by_id = {e["id"]: e for e in experts}
    ev_ids = {p["id"] for p in eval_problems}
    qrels = collections.defaultdict(dict)
    with open(os.path.join(data, "eval", "qrels.tsv"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                err("qrels line %d: %r" % (n, line))
                continue
            pid, eid, g = parts
            if pid not in ev_ids:
                err("qrels line %d: unknown problem %s" % (n, pid))
            if eid not in exp_by_id:
                err("qrels line %d: unknown expert %s" % (n, eid))
            if g not in ("1", "2", "3"):
                err("qrels line %d: grade %r" % (n, g))
                continue
            if eid in qrels[pid]:
                err("qrels: duplicate pair %s %s" % (pid, eid))
            qrels[pid][eid] = int(g)
    cross = 0
    cross_strict = []
    for pid in sorted(ev_ids):
        q = qrels.get(pid, {})
        if not 2 <= len(q) <= 8:
            err("qrels %s: %d graded experts (need 2-8)" % (pid, len(q)))
        if not q or max(q.values()) < 2:
            err("qrels %s: no expert with grade >= 2" % pid)
            continue
        top = max(q.values())
        best = [exp_by_id[e] for e, g in q.items() if g == top and e in exp_by_id]
        if not pid.startswith("EV-EN") and any(b["kind"] == "overseasTalent" for b in best) and top == 3:
            cross += 1
            if all(b["kind"] == "overseasTalent" for b in best):
                cross_strict.append(pid)

    # counts
    kinds = collections.Counter(e["kind"] for e in experts)
    levels = collections.Counter(s["level"] for s in societies)
    n_en_main = sum(1 for p in problems if not HAN.search(p["title"]))
    n_en_eval = sum(1 for p in eval_problems if p["id"].startswith("EV-EN-"))
    grades = collections.Counter(g for q in qrels.values() for g in q.values())
    avail = sum(1 for e in experts if e["available"])
    print("societies      %4d  %s" % (len(societies), dict(levels)))
    print("experts        %4d  %s; available %d (%.0f%%)" % (len(experts), dict(kinds), avail, 100.0 * avail / max(1, len(experts))))
    print("works          %4d" % sum(len(e["works"]) for e in experts))
    print("enterprises    %4d  %s" % (len(enterprises), dict(collections.Counter(c["id"][:4] for c in enterprises))))
    print("problems       %4d  (English %d); status %s" % (len(problems), n_en_main, dict(collections.Counter(p["status"] for p in problems))))
    history = check_matches(matches, {p["id"]: p for p in problems}, exp_by_id, ent_by_id)
    print("matches        %4d  %s" % (history.pop("matches"), "; ".join("%s %s" % kv for kv in history.items())))
    print("eval problems  %4d  (English EV-EN %d; Chinese with an overseas talent among the best experts %d)" % (len(eval_problems), n_en_eval, cross))
    print("qrels          %4d  grades %s" % (sum(len(q) for q in qrels.values()), dict(sorted(grades.items()))))
    print("cross-lingual  %4d  Chinese eval problems whose grade-3 experts are all English-profile overseas talents: %s"
          % (len(cross_strict), " ".join(cross_strict)))

    minimums = [("societies", len(societies), 40), ("experts", len(experts), 300), ("academicians", kinds["academician"], 30),
                ("overseas talents", kinds["overseasTalent"], 40), ("enterprises", len(enterprises), 150),
                ("problems", len(problems), 250), ("eval problems", len(eval_problems), 60),
                ("English eval problems", n_en_eval, 12), ("cross-lingual Chinese eval problems", len(cross_strict), 8)]
    for name, n, lo in minimums:
        if n < lo:
            err("%s: %d < %d" % (name, n, lo))
    for lv in ("national", "provincial", "municipal"):
        if levels[lv] == 0:
            err("no %s society" % lv)

    if errors:
        for m in errors[:200]:
            print("ERROR:", m)
        print("%d error(s)" % len(errors))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()

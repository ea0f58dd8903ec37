#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Generate the Matchmaker demo data set and evaluation set.

Usage:  python3 scripts/demo-data/generate.py [--out DIR]   (default DIR = <repo>/data)

Python 3 standard library only. Deterministic: random.Random(20261129); running it twice
produces byte-identical files. All text comes from the hand-written catalog in
scripts/demo-data/catalog/*.py; eval relevance grades are a draft derived from the
hand-written links in that catalog, corrected by the hand-made judgments in
scripts/demo-data/qrels_overrides.tsv (written after reading the candidate experts' texts).
"""
import argparse
import json
import math
import os
import re
import sys
from datetime import datetime, timedelta

import random

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

from catalog import common  # noqa: E402
from catalog import (textile, manufacturing, biomed, geo, aero, ai, agri,  # noqa: E402
                     tourism, materials, environment, energy, extra, more_works)

SEED = 20261129
MODULES = [textile, manufacturing, biomed, geo, aero, ai, agri, tourism, materials, environment, energy]
KIND = {"pa": "paper", "pt": "patent", "st": "standard", "pj": "project"}
VAR = re.compile(r"\{([^{}]*)\}")
HAN = re.compile(r"[\u4e00-\u9fff]")

REGION_NAMES = {"YH": "杭州市余杭区", "DQ": "湖州市德清县"}
HZ_DISTRICTS = ["杭州市临平区", "杭州市滨江区", "杭州市西湖区", "杭州市萧山区", "杭州市拱墅区"]
REGION_WEIGHTS = {  # YH, DQ, HZ
    "家纺": (75, 20, 5), "智能制造": (45, 45, 10), "生物医药": (60, 30, 10), "地理信息": (15, 80, 5),
    "航空航天": (30, 65, 5), "人工智能与数字经济": (70, 15, 15), "梨产业与生态农业": (40, 60, 0),
    "数字文旅": (30, 65, 5), "新材料": (45, 45, 10), "节能环保": (45, 45, 10), "新能源": (35, 55, 10),
}
ENT_SUFFIX = {
    "家纺": ["家纺有限公司", "布艺有限公司", "纺织科技有限公司", "窗饰有限公司", "家居用品有限公司"],
    "智能制造": ["智能装备有限公司", "自动化科技有限公司", "机械制造有限公司", "精密机械有限公司"],
    "生物医药": ["生物科技有限公司", "药业有限公司", "生物医药有限公司"],
    "地理信息": ["地理信息科技有限公司", "空间信息技术有限公司", "时空数据有限公司"],
    "航空航天": ["航空科技有限公司", "航空部件有限公司", "航天技术有限公司"],
    "人工智能与数字经济": ["智能科技有限公司", "数据科技有限公司", "信息技术有限公司", "数字科技有限公司"],
    "梨产业与生态农业": ["生态农业有限公司", "农业开发有限公司", "家庭农场"],
    "数字文旅": ["文旅发展有限公司", "旅游开发有限公司"],
    "新材料": ["新材料有限公司", "材料科技有限公司"],
    "节能环保": ["环保科技有限公司", "环境工程有限公司"],
    "新能源": ["新能源科技有限公司", "能源科技有限公司"],
}
SMALL_SUFFIX = ("合作社", "家庭农场", "民宿", "养殖场")

ZH_GENERIC = ["主持国家自然科学基金项目{n}项", "主持省部级科研项目{n}项", "授权发明专利{m}项", "发表学术论文{m}余篇",
              "获浙江省科学技术进步奖二等奖", "获省部级科技奖励{n}项", "为{m}余家企业提供过技术服务",
              "多次受邀赴余杭、德清开展科技服务"]
ZH_GENERIC_ENG = ["主持企业技术攻关项目{n}项", "获授权发明专利{n}项", "参与制定行业或团体标准{n}项",
                  "累计服务中小企业{m}余家", "具有丰富的现场调试与问题诊断经验"]
EN_GENERIC = ["Author of more than {m} peer-reviewed papers", "Holds {n} granted patents",
              "Has supervised {n} PhD students", "Consults for manufacturers in Europe and Asia",
              "Has joined several Zhejiang talent-exchange programmes"]


ZH_PROJECT_PREFIX = [("企业委托项目：", "（二期）"), ("产学研合作项目：", "（推广应用）"), ("科技特派员服务项目：", "（示范推广）"),
                     ("横向合作课题：", "（成果转化）"), ("“科技助企”服务项目：", "（技术升级）")]
EN_PROJECT_PREFIX = [("Industry-funded project: ", "", " (phase II)"), ("Contract research: ", "", " (scale-up)"),
                     ("Knowledge-transfer project: ", "", " (follow-up)"), ("Collaborative project: ", "", " (extension)")]
ZH_PROJECT_INTRO = ["项目面向合作企业的实际生产需求开展。", "与合作企业联合完成现场验证。", "针对企业生产现场问题开展攻关。"]
EN_PROJECT_INTRO = ["Carried out with an industrial partner. ", "Conducted on site with a manufacturing partner. ",
                    "Industrial follow-up study. "]


def load_specs():
    specs = []
    for mod in MODULES:
        specs.extend(mod.SPECS)
    codes = [s["code"] for s in specs]
    assert len(codes) == len(set(codes)), "duplicate specialty code"
    by_code = {s["code"]: s for s in specs}
    specs = [dict(s, pr=list(s["pr"]), wz=list(s["wz"]) + list(more_works.MORE_WZ.get(s["code"], []))) for s in specs]
    by_code = {s["code"]: s for s in specs}
    assert set(more_works.MORE_WZ) <= set(by_code)
    for code, probs in extra.EXTRA.items():
        by_code[code]["pr"].extend(probs)
    for code, probs in extra.LATE.items():
        by_code[code]["pr"].extend(probs)
    titles = [p[0] for s in specs for p in s["pr"]]
    assert len(titles) == len(set(titles)), "duplicate problem title"
    assert extra.DEMOTE <= set(titles), extra.DEMOTE - set(titles)
    for s in specs:
        s["pr"] = [(p[0], p[1], p[2], dict(p[3], ev=0)) if (p[0] in extra.DEMOTE) else p for p in s["pr"]]
    return specs


def render(text, rng):
    return VAR.sub(lambda m: rng.choice(m.group(1).split("|")), text)


def split_kw(s):
    return [k.strip() for k in s.split(";") if k.strip()]


def dump_jsonl(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")


class SeedPool:
    """Cycles through the work seeds of one specialty in one language."""

    def __init__(self, spec, lang, rng, first):
        self.spec, self.lang, self.rng = spec, lang, rng
        self.seeds = spec["wz"] if lang == "zh" else spec["we"]
        self.first = [i for i in first if i < len(self.seeds)]
        self.queue = []
        self.round = 0

    def _refill(self):
        idx = [i for i in range(len(self.seeds)) if i not in self.first or self.round > 0]
        self.rng.shuffle(idx)
        if self.round == 0:
            f = list(self.first)
            self.rng.shuffle(f)
            idx = f + idx
        self.round += 1
        self.queue.extend(idx)

    def take(self, used_titles, own_keys):
        """Return a rendered work dict or None after one full cycle without success."""
        if not self.seeds:
            return None
        for _ in range(len(self.seeds) * 2):
            if not self.queue:
                self._refill()
            i = self.queue.pop(0)
            key = "%s#%s%d" % (self.spec["code"], "z" if self.lang == "zh" else "e", i)
            if key in own_keys:
                continue
            kind, title, abstract, kws = self.seeds[i]
            t = None
            for _attempt in range(4):
                t = render(title, self.rng)
                if t not in used_titles:
                    break
            a = render(abstract, self.rng)
            if t in used_titles:
                # the same topic taken up again: a cooperation project, an industrial case study or a review
                t, kind, a = self._rework(t, kind, a, split_kw(kws), used_titles)
                if t is None:
                    continue
            used_titles.add(t)
            return {"key": key, "kind": KIND[kind], "title": t, "abstract": a, "keywords": split_kw(kws)}
        return None


def _rework_impl(self, t, kind, a, kws, used_titles):
    zh = self.lang == "zh"
    rng = self.rng
    sp = self.spec
    cands = []
    for pre in (ZH_PROJECT_PREFIX if zh else EN_PROJECT_PREFIX):
        if kind == "pj":
            t2 = t + (pre[1] if zh else pre[2])
        elif kind == "st":
            t2 = pre[0] + t + ("的企业实施与推广" if zh else " - implementation in industry")
        else:
            t2 = pre[0] + (t[2:] if (zh and t.startswith("一种")) else t)
        intro = rng.choice(ZH_PROJECT_INTRO) if zh else rng.choice(EN_PROJECT_INTRO)
        cands.append(("project", t2, "pj", intro + a))
    k = kws + [sp["zh"] if zh else sp["en"]]
    if zh:
        for t2 in (k[0] + "研究进展", k[0] + "与" + k[1] + "：研究现状与展望", sp["zh"] + "中的" + k[1] + "问题综述"):
            a2 = "综述了%s、%s等方面的研究与应用进展，结合作者团队在%s领域的工程实践，讨论了存在的问题与发展方向。" % (k[0], k[1], sp["zh"])
            cands.append(("review", t2, "pa", a2))
        if kind in ("pa", "pt"):
            base = t[2:] if t.startswith("一种") else t
            for suf in ("：工程应用案例分析", "的中试验证", "在合作企业中的应用"):
                cands.append(("case", base + suf, "pa", rng.choice(["以合作企业生产线为对象开展验证。", "在企业现场完成中试。"]) + a))
    else:
        for t2 in ("A review of " + k[0] + " and " + k[1], "Recent advances in " + k[0], k[0][0].upper() + k[0][1:] + " in " + sp["en"] + ": a review"):
            a2 = "Reviews recent progress in %s, %s and %s, drawing on the author's industrial collaborations in %s." % (k[0], k[1], k[2] if len(k) > 2 else sp["en"], sp["en"])
            cands.append(("review", t2, "pa", a2))
        if kind in ("pa", "pt"):
            for suf in (": an industrial case study", ": pilot-scale validation"):
                cands.append(("case", t + suf, "pa", "Industrial case study. " + a))
    rng.shuffle(cands)
    groups = {}
    for c in cands:
        groups.setdefault(c[0], []).append(c)
    types = sorted(groups)
    rng.shuffle(types)
    order = [c for typ in types for c in groups[typ]]
    for _typ, t2, k2, a2 in order:
        if t2 not in used_titles:
            return t2, k2, a2
    return None, None, None


SeedPool._rework = _rework_impl


def seed_key(spec_code, ref):
    if "/" in ref:
        code, r = ref.split("/")
    else:
        code, r = spec_code, ref
    return "%s#%s" % (code, r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.normpath(os.path.join(HERE, "..", "..", "data")))
    args = ap.parse_args()
    out = args.out
    os.makedirs(os.path.join(out, "eval"), exist_ok=True)

    rng = random.Random(SEED)
    specs = load_specs()
    by_code = {s["code"]: s for s in specs}
    for s in specs:
        for nb in s.get("nb", []):
            assert nb in by_code or os.environ.get("PARTIAL"), (s["code"], nb)

    # ---------- societies ----------
    societies = []
    soc_by_ind = {}
    for i, (name, level, inds) in enumerate(common.SOCIETIES, 1):
        societies.append({"id": "S-%03d" % i, "name": name, "level": level})
        for ind in inds:
            soc_by_ind.setdefault(ind, []).append((name, level))

    # ---------- eval seed links (direct seeds are handed out first) ----------
    first = {}
    for s in specs:
        for pr in s["pr"]:
            meta = pr[3] if len(pr) > 3 else {}
            if meta.get("late"):
                continue
            for ref in meta.get("d", []):
                k = seed_key(s["code"], ref)
                code, r = k.split("#")
                first.setdefault((code, "zh" if r[0] == "z" else "en"), []).append(int(r[1:]))
    pools = {}
    for s in specs:
        for lang in ("zh", "en"):
            pools[(s["code"], lang)] = SeedPool(s, lang, rng, first.get((s["code"], lang), []))

    # ---------- expert plan ----------
    plan = []  # (spec, kind)
    for s in specs:
        n_zh = s.get("n_zh", max(3, min(4, len(s["wz"]) - len(more_works.MORE_WZ.get(s["code"], [])) - 3)))
        n_en = s.get("n_en", 1 if len(s["we"]) >= 2 else 0)
        plan += [(s, "zh")] * n_zh + [(s, "en")] * n_en
    zh_slots = [i for i, p in enumerate(plan) if p[1] == "zh"]
    # academicians: one per chosen specialty, spread over industries
    acad_specs = []
    by_ind = {}
    for i in zh_slots:
        by_ind.setdefault(plan[i][0]["ind"], []).append(i)
    acad_slots = set()
    inds = list(by_ind)
    k = 0
    while len(acad_slots) < min(32, len(zh_slots) // 3) and k < 10000:
        ind = inds[k % len(inds)]
        cands = [i for i in by_ind[ind] if plan[i][0]["code"] not in acad_specs]
        if cands:
            c = rng.choice(cands)
            acad_slots.add(c)
            acad_specs.append(plan[c][0]["code"])
        k += 1

    used_names = set()
    used_titles = set()

    def cn_name():
        while True:
            n = rng.choice(common.CN_SURNAMES) + "".join(rng.choice(common.CN_GIVEN) for _ in range(rng.choice([1, 2, 2])))
            if n not in used_names and n != "陈立新":
                used_names.add(n)
                return n

    def en_name(region):
        fn, ln = common.EN_NAMES.get(region, common.EN_NAMES["China"])
        if region not in common.EN_NAMES:
            fn, ln = common.EN_NAMES["China"]
        for _ in range(200):
            n = rng.choice(fn) + " " + rng.choice(ln)
            if n not in used_names:
                used_names.add(n)
                return n
        raise RuntimeError("names exhausted")

    experts = []
    for idx, (s, lang) in enumerate(plan):
        ind = s["ind"]
        e = {"_spec": s["code"], "_lang": lang, "_works": []}
        if lang == "en":
            orgs = [o for o in common.ORG_OVERSEAS if ind in o[2]]
            org, region, _ = rng.choice(orgs)
            e["kind"] = "overseasTalent"
            name_region = region if region in common.EN_NAMES else "China"
            if rng.random() < 0.2:
                name_region = "China"
            e["name"] = en_name(name_region)
            e["title"] = rng.choice(["Professor", "Professor", "Associate Professor", "Senior Lecturer", "Reader",
                                     "Principal Scientist", "Research Group Leader", "Senior Research Engineer"])
            e["organization"] = org
            e["region"] = region
            e["languages"] = ["en", "zh"] if (name_region == "China" or rng.random() < 0.2) else ["en"]
            e["capacity"] = rng.randint(1, 4)
        else:
            if idx in acad_slots:
                kind = "academician"
            else:
                kind = "societyExpert" if rng.random() < 0.6 else "engineer"
            e["kind"] = kind
            e["name"] = cn_name()
            if kind == "engineer":
                org, region = rng.choice(common.ORG_ENGINEERING[ind])
                if ind == "梨产业与生态农业":
                    title = rng.choice(["高级农艺师", "农业技术推广研究员", "高级农艺师", "高级工程师"])
                    if s["code"] == "agr_husbandry":
                        title = rng.choice(["高级畜牧师", "高级兽医师"])
                    if s["code"] == "agr_aquaculture":
                        title = rng.choice(["高级工程师", "水产技术推广研究员"])
                elif ind == "数字文旅":
                    title = rng.choice(["高级规划师", "高级经济师", "高级工程师"])
                else:
                    title = rng.choice(["高级工程师", "正高级工程师", "高级工程师", "工程师"])
                cap = rng.randint(2, 8)
            elif kind == "academician":
                org, region = rng.choice(common.ORG_ACADEMIC[ind])
                sci = ind in ("地理信息", "新材料", "人工智能与数字经济") or s["code"] in ("bio_antibody", "ene_li_battery")
                title = "中国科学院院士" if (sci and rng.random() < 0.6) else "中国工程院院士"
                cap = rng.randint(1, 2)
            else:
                org, region = rng.choice(common.ORG_ACADEMIC[ind])
                title = rng.choice(["教授", "教授", "研究员", "副教授", "副研究员", "教授级高级工程师"])
                cap = rng.randint(2, 6)
            e["title"], e["organization"], e["region"], e["capacity"] = title, org, region, cap
            e["languages"] = ["zh", "en"] if rng.random() < 0.35 else ["zh"]
        e["available"] = rng.random() < 0.9
        nw = rng.randint(4, 5) if e["kind"] == "academician" else rng.choice([3, 3, 3, 4, 4, 4, 5, 6])
        r = rng.random()
        n_sec = 2 if r < 0.06 else (1 if r < 0.36 else 0)
        e["_n_primary"] = nw - n_sec
        e["_n_sec"] = n_sec
        experts.append(e)

    # pass 1: primary works
    for e in experts:
        pool = pools[(e["_spec"], e["_lang"])]
        own = set()
        for _ in range(e["_n_primary"]):
            w = pool.take(used_titles, own)
            if w is None:
                e["_n_sec"] += 1
                continue
            own.add(w["key"])
            e["_works"].append(w)
    # pass 2: works from neighbouring specialties (an expert relevant via works rather than fields)
    for e in experts:
        s = by_code[e["_spec"]]
        own = {w["key"] for w in e["_works"]}
        nbs = [c for c in s.get("nb", []) if c in by_code and (by_code[c]["wz"] if e["_lang"] == "zh" else by_code[c]["we"])]
        same_ind = [x["code"] for x in specs if x["ind"] == s["ind"] and x["code"] != s["code"]
                    and (x["wz"] if e["_lang"] == "zh" else x["we"])]
        need = e["_n_sec"]
        if len(e["_works"]) + need < 3:
            need = 3 - len(e["_works"])
        tries = 0
        while need > 0 and tries < 40:
            tries += 1
            cands = nbs if (nbs and tries < 20) else same_ind
            if not cands:
                cands = [x["code"] for x in specs if (x["wz"] if e["_lang"] == "zh" else x["we"])]
            c = rng.choice(cands)
            w = pools[(c, e["_lang"])].take(used_titles, own)
            if w is None:
                continue
            own.add(w["key"])
            e["_works"].append(w)
            need -= 1
        assert len(e["_works"]) >= 3, (e["name"], e["_spec"])

    for e in experts:
        lo = 2008 if e["kind"] == "academician" else 2010
        for w in e["_works"]:
            w["year"] = rng.randint(lo, 2026)
        e["_works"].sort(key=lambda w: -w["year"])

    # profiles, fields, societies
    for e in experts:
        s = by_code[e["_spec"]]
        sec_specs = sorted({w["key"].split("#")[0] for w in e["_works"]} - {s["code"]})
        n = rng.randint(2, 6)
        m = rng.choice([10, 20, 30, 40, 50, 60])
        if e["_lang"] == "en":
            f = rng.sample(s["fe"], min(len(s["fe"]), rng.randint(2, 3)))
            e["fields"] = f
            focus = rng.choice(s["pe"])
            ach = rng.choice(s["ae"])
            tmpl = rng.choice(EN_GENERIC)
            render(tmpl, rng)  # result unused; the call keeps the random stream of the judged data set
            g = tmpl.replace("{n}", str(n)).replace("{m}", str(m * 4))
            e["profile"] = rng.choice([
                "Research focuses on %s. %s; %s." % (focus, ach[0].upper() + ach[1:], g[0].lower() + g[1:]),
                "Works on %s and %s. %s." % (focus, ach, g),
                "%s specialist working on %s. %s." % (s["en"][0].upper() + s["en"][1:], focus, g),
            ])
            e["societies"] = []
            if rng.random() < 0.15:
                nat = [x for x in soc_by_ind.get(s["ind"], []) if x[1] == "national"]
                if nat:
                    e["societies"] = [rng.choice(nat)[0]]
        else:
            f = rng.sample(s["fz"], min(len(s["fz"]), rng.randint(2, 4)))
            if rng.random() < 0.3 and s["ind"] not in f:
                f.append(s["ind"])
            if sec_specs and rng.random() < 0.35:
                extra = rng.choice(by_code[rng.choice(sec_specs)]["fz"])
                if extra not in f:
                    f.append(extra)
            e["fields"] = f
            focus = rng.choice(s["pz"])
            ach = rng.choice(s["az"])
            gl = ZH_GENERIC_ENG if e["kind"] == "engineer" else ZH_GENERIC
            g = rng.choice(gl).replace("{n}", str(n)).replace("{m}", str(m))
            if e["kind"] == "academician":
                e["profile"] = "%s。长期从事%s研究，是我国%s领域的学术带头人之一，%s。%s。" % (e["title"], focus, s["zh"], ach, g)
            elif e["kind"] == "engineer":
                yrs = rng.randint(8, 28)
                e["profile"] = rng.choice([
                    "在%s从事%s相关工作%d年，%s。" % (e["organization"], focus, yrs, ach),
                    "长期在生产一线从事%s，%s，%s。" % (focus, ach, g),
                    "从事%s工作%d年，%s；%s。" % (focus, yrs, g, ach),
                ])
            else:
                e["profile"] = rng.choice([
                    "长期从事%s研究，%s。%s。" % (focus, ach, g),
                    "主要研究方向为%s，%s，%s。" % (focus, ach, g),
                    "专注于%s，近年来%s，%s。" % (focus, g, ach),
                ])
            pool = soc_by_ind.get(s["ind"], [])
            if e["kind"] == "engineer":
                k = rng.choice([0, 0, 1, 1, 2])
            else:
                k = rng.choice([1, 2, 2, 3])
            chosen = []
            local = "杭州市" if "杭州" in e["region"] else ("湖州市" if "湖州" in e["region"] else None)
            cands = [x for x in pool if x[1] != "municipal" or (local and x[0].startswith(local))]
            rng.shuffle(cands)
            for name, level in cands:
                if len(chosen) >= k:
                    break
                if any(level == lv for _, lv in chosen) and rng.random() < 0.7:
                    continue
                chosen.append((name, level))
            order = {"national": 0, "provincial": 1, "municipal": 2}
            e["societies"] = [x[0] for x in sorted(chosen, key=lambda x: order[x[1]])]

    rng.shuffle(experts)
    expert_rows = []
    for i, e in enumerate(experts, 1):
        e["id"] = "E-%04d" % i
        expert_rows.append({
            "id": e["id"], "name": e["name"], "kind": e["kind"], "title": e["title"],
            "organization": e["organization"], "societies": e["societies"], "region": e["region"],
            "fields": e["fields"], "profile": e["profile"],
            "works": [{"kind": w["kind"], "title": w["title"], "abstract": w["abstract"],
                       "keywords": w["keywords"], "year": w["year"]} for w in e["_works"]],
            "languages": e["languages"], "capacity": e["capacity"], "available": e["available"],
        })

    # ---------- problems ----------
    main_probs, eval_probs = [], []
    for s in specs:
        for pr in s["pr"]:
            title, desc, kws = pr[0], pr[1], pr[2]
            meta = pr[3] if len(pr) > 3 else {}
            lang = "zh" if HAN.search(title) else "en"
            item = {"spec": s, "title": title, "description": desc, "keywords": split_kw(kws), "meta": meta, "lang": lang}
            (eval_probs if meta.get("ev") else main_probs).append(item)

    def posted():
        start = datetime(2025, 1, 6, 0, 0)
        d = start + timedelta(days=rng.randint(0, 683))
        t = d.replace(hour=rng.randint(8, 18), minute=rng.choice([0, 5, 12, 18, 24, 30, 36, 41, 45, 50, 55]))
        return t

    def urgency(meta):
        return meta.get("u") or rng.choices(["low", "medium", "high"], [20, 50, 30])[0]

    def pick_region(ind, meta, spec=None):
        if meta.get("reg"):
            return meta["reg"]
        w = (spec or {}).get("reg_w") or REGION_WEIGHTS[ind]
        return rng.choices(["YH", "DQ", "HZ"], w)[0]

    # enterprises: created per specialty from its main problems
    trade = list(common.TRADE_NAMES)
    rng.shuffle(trade)
    foreign = list(common.FOREIGN_TRADE_NAMES)
    rng.shuffle(foreign)
    ent_names = set()
    enterprises = []  # dicts with _reg
    counters = {"YH": 0, "DQ": 0, "HZ": 0}

    def new_enterprise(s, reg, is_foreign):
        ind = s["ind"]
        suffixes = s.get("es") or ENT_SUFFIX[ind]
        for _ in range(100):
            suf = rng.choice(suffixes)
            if is_foreign:
                tn = foreign.pop(0)
                prefix = {"YH": "杭州", "DQ": "德清", "HZ": "杭州"}[reg]
            else:
                fit = [t for t in trade if common.TRADE_FLAVOR.get(t) == ind]
                gen = [t for t in trade if t not in common.TRADE_FLAVOR]
                pool_t = fit if (fit and rng.random() < 0.5) else (gen or fit)
                if pool_t:
                    tn = pool_t[0]
                    trade.remove(tn)
                else:
                    tn = rng.choice([t for t in common.TRADE_NAMES if t not in common.TRADE_FLAVOR]) + rng.choice("源达华瑞")
                prefix = rng.choice({"YH": ["杭州", "杭州", "浙江", "杭州余杭"], "DQ": ["德清", "德清", "浙江", "湖州"],
                                     "HZ": ["杭州", "浙江"]}[reg])
                if suf in ("家庭农场",) or suf.endswith("合作社") or suf.endswith("民宿"):
                    prefix = {"YH": "杭州市余杭区", "DQ": "德清县", "HZ": "杭州市"}[reg]
                    if suf.endswith("民宿"):
                        prefix = {"YH": "余杭", "DQ": "莫干山", "HZ": "杭州"}[reg]
            name = prefix + tn + suf
            if name not in ent_names:
                ent_names.add(name)
                break
        counters[reg] += 1
        if is_foreign:
            size = rng.choice(["medium", "large", "medium"])
        elif any(suf.endswith(x) for x in SMALL_SUFFIX):
            size = rng.choice(["micro", "micro", "small"])
        else:
            size = rng.choices(["micro", "small", "medium", "large"], [15, 45, 30, 10])[0]
        region = REGION_NAMES.get(reg) or rng.choice(HZ_DISTRICTS)
        ent = {"id": "C-%s-%03d" % (reg, counters[reg]), "name": name, "industry": ind, "region": region,
               "size": size, "_reg": reg, "_spec": s["code"], "_foreign": is_foreign}
        enterprises.append(ent)
        return ent

    by_spec_main = {}
    for p in main_probs:
        by_spec_main.setdefault(p["spec"]["code"], []).append(p)
    for s in specs:
        plist = by_spec_main.get(s["code"], [])
        if not plist:
            continue
        n_ent = max(1, math.ceil(len(plist) * 0.7))
        ents = []
        zh_plist = [p for p in plist if p["lang"] == "zh"]
        en_plist = [p for p in plist if p["lang"] == "en"]
        for p in plist:
            if p["meta"].get("reg"):
                p["_reg"] = p["meta"]["reg"]
        for p in en_plist:
            reg = p.get("_reg") or pick_region(s["ind"], {}, s)
            fe = [x for x in ents if x["_foreign"] and x["_reg"] == reg]
            p["_ent"] = fe[0] if fe else new_enterprise(s, reg, True)
            if p["_ent"] not in ents:
                ents.append(p["_ent"])
        local = []
        for i in range(max(1, n_ent - len(ents))):
            ent = new_enterprise(s, pick_region(s["ind"], {}, s), False)
            local.append(ent)
        rng.shuffle(zh_plist)
        for i, p in enumerate(zh_plist):
            if p.get("_reg"):
                cands = [x for x in local if x["_reg"] == p["_reg"]]
                p["_ent"] = cands[0] if cands else new_enterprise(s, p["_reg"], False)
                if p["_ent"] not in local:
                    local.append(p["_ent"])
            else:
                p["_ent"] = local[i % len(local)]
    # keep "other Hangzhou districts" a small group: the later ones are folded into Yuhang (no random draws here)
    hz_seen = 0
    for ent in enterprises:
        if ent["_reg"] == "HZ":
            hz_seen += 1
            if hz_seen > 12:
                ent["_reg"], ent["region"] = "YH", REGION_NAMES["YH"]
    renum = {"YH": 0, "DQ": 0, "HZ": 0}
    for ent in enterprises:
        renum[ent["_reg"]] += 1
        ent["id"] = "C-%s-%03d" % (ent["_reg"], renum[ent["_reg"]])
    for p in main_probs:
        p["_posted"] = posted()
    main_probs.sort(key=lambda p: (p["_posted"], p["title"]))
    pcount = {"YH": 0, "DQ": 0, "HZ": 0}
    problem_rows = []
    for p in main_probs:
        ent = p["_ent"]
        pcount[ent["_reg"]] += 1
        # Every problem is posted open: the demo history (scripts/Matchmaker.Simulate history) sets the status that
        # follows its matches. The draw that used to pick a status stays, so that the later draws do not move.
        rng.random()
        status = "open"
        problem_rows.append({
            "id": "P-%s-%04d" % (ent["_reg"], pcount[ent["_reg"]]), "enterpriseId": ent["id"],
            "title": p["title"], "description": p["description"], "industry": p["spec"]["ind"],
            "region": ent["region"], "keywords": p["keywords"], "urgency": urgency(p["meta"]), "status": status,
            "postedAt": p["_posted"].strftime("%Y-%m-%dT%H:%M:00+08:00"),
        })
    used_ent = {p["_ent"]["id"] for p in main_probs}
    # a few enterprises without problems yet are realistic, but keep them rare
    enterprise_rows = [{k: v for k, v in e.items() if not k.startswith("_")} for e in
                       sorted(enterprises, key=lambda e: ({"YH": 0, "DQ": 1, "HZ": 2}[e["_reg"]], e["id"]))]

    # ---------- eval problems and draft qrels ----------
    # Problems marked "late" were added after a first round of judging; they are handled after the others so
    # that the ids, dates and draft grades of the earlier problems do not change.
    late = [p for p in eval_probs if p["meta"].get("late")]
    eval_probs = [p for p in eval_probs if not p["meta"].get("late")]
    rng.shuffle(eval_probs)
    counters_ev = {"zh": 0, "en": 0}
    eval_rows = []
    qrels = {}

    def eval_group(group):
        for p in group:
            counters_ev[p["lang"]] += 1
            p["id"] = ("EV-EN-%03d" if p["lang"] == "en" else "EV-%03d") % counters_ev[p["lang"]]
            reg = pick_region(p["spec"]["ind"], p["meta"], p["spec"])
            if reg == "HZ":
                reg = "YH"
            p["_posted"] = posted()
            eval_rows.append({
                "id": p["id"], "title": p["title"], "description": p["description"], "industry": p["spec"]["ind"],
                "region": REGION_NAMES[reg], "keywords": p["keywords"], "urgency": urgency(p["meta"]),
                "status": "open", "postedAt": p["_posted"].strftime("%Y-%m-%dT%H:%M:00+08:00"),
            })
        # draft grades from the hand-written links in the catalog (corrected below by hand-made judgments)
        for p in group:
            s = p["spec"]
            meta = p["meta"]
            direct = {seed_key(s["code"], r) for r in meta.get("d", [])}
            capable = {s["code"]} | set(meta.get("s", []))
            related = set(meta.get("r", []))
            grades = {}
            for e in experts:
                keys = {w["key"] for w in e["_works"]}
                wspecs = {k.split("#")[0] for k in keys}
                if keys & direct:
                    g = 3
                elif e["_spec"] in capable:
                    g = 2
                elif wspecs & capable:
                    g = 1
                elif e["_spec"] in related:
                    g = 1
                else:
                    continue
                grades[e["id"]] = (g, e)
            ranked = sorted(grades.items(), key=lambda kv: (-kv[1][0], kv[1][1]["_spec"] != s["code"], kv[0]))
            high = [kv for kv in ranked if kv[1][0] >= 2]
            low = [kv for kv in ranked if kv[1][0] == 1]
            rng.shuffle(low)
            low.sort(key=lambda kv: 0 if ({w["key"].split("#")[0] for w in kv[1][1]["_works"]} & capable) else 1)
            keep = (high + low)[:8]
            qrels[p["id"]] = {eid: g for eid, (g, _e) in keep}

    eval_group(eval_probs)
    eval_group(late)
    eval_probs += late
    en_n = counters_ev["en"]
    eval_rows.sort(key=lambda r: (r["id"].startswith("EV-EN"), r["id"]))

    # ---------- hand-made judgments (after reading) ----------
    ov_path = os.path.join(HERE, "qrels_overrides.tsv")
    if os.path.exists(ov_path):
        expert_ids = {e["id"] for e in experts}
        with open(ov_path, encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                pid, eid, g = line.split("\t")[:3]
                assert pid in qrels and eid in expert_ids, line
                g = int(g)
                if g == 0:
                    qrels[pid].pop(eid, None)
                else:
                    qrels[pid][eid] = g

    qrel_lines = []
    for r in eval_rows:
        items = sorted(qrels[r["id"]].items(), key=lambda kv: (-kv[1], kv[0]))
        for eid, g in items:
            qrel_lines.append("%s\t%s\t%d\n" % (r["id"], eid, g))

    # ---------- write ----------
    dump_jsonl(os.path.join(out, "societies.jsonl"), societies)
    dump_jsonl(os.path.join(out, "experts.jsonl"), expert_rows)
    dump_jsonl(os.path.join(out, "enterprises.jsonl"), enterprise_rows)
    dump_jsonl(os.path.join(out, "problems.jsonl"), problem_rows)
    dump_jsonl(os.path.join(out, "eval", "problems.jsonl"), eval_rows)
    with open(os.path.join(out, "eval", "qrels.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.writelines(qrel_lines)

    # internal map for the review helper (not part of the data set)
    if os.environ.get("MATCHMAKER_REVIEW"):
        review = {"experts": {e["id"]: {"spec": e["_spec"], "keys": [w["key"] for w in e["_works"]]} for e in experts},
                  "eval": {p["id"]: {"spec": p["spec"]["code"], "meta": p["meta"]} for p in eval_probs}}
        with open(os.environ["MATCHMAKER_REVIEW"], "w", encoding="utf-8") as f:
            json.dump(review, f, ensure_ascii=False, indent=1)

    n_unused = len(enterprises) - len(used_ent)
    print("specialties=%d societies=%d experts=%d enterprises=%d (without problems: %d) problems=%d "
          "eval=%d (en %d) qrels=%d" % (len(specs), len(societies), len(expert_rows), len(enterprise_rows), n_unused,
                                        len(problem_rows), len(eval_rows), en_n, len(qrel_lines)))


if __name__ == "__main__":
    main()

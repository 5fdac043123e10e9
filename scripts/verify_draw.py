#!/usr/bin/env python3
"""Re-runs a published 双随机 draw and checks it, files and reviewers both.

An independent implementation, in Python with the standard library only, of the specification in
docs/draw-verification.md (it shares no code with the product). It reads what the API publishes:

  GET /campaigns/{id}/draw             the rules, the seed, the hashes and the counts (JSON)
  GET /campaigns/{id}/draw/candidates  the frozen candidate list (text)
  GET /campaigns/{id}/draw/result      the drawn files (text)
  GET /campaigns/{id}/draw/reviewers   the pseudonymous reviewer pool, recusals, assignments (JSON)

Usage:
  python3 scripts/verify_draw.py --api http://127.0.0.1:3000/api/v1 --token <accessToken> --campaign <id>
  python3 scripts/verify_draw.py --draw draw.json --candidates candidates.txt --result result.txt [--reviewers reviewers.json]
  python3 scripts/verify_draw.py --self-test [docs/draw-test-vectors.json]

Prints "OK: ..." and exits 0, or prints "MISMATCH: <the first difference>" and exits 1
(2 for unusable input: a file missing, the API refusing, malformed JSON).
"""

import argparse
import hashlib
import json
import os
import sys
import urllib.request
from decimal import Decimal


class Mismatch(Exception):
    """The first difference between the published draw and the re-run."""


def sha256_hex(text):
    """SHA-256 of the UTF-8 bytes of a text, as 64 lowercase hex digits."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- RFC 8785 (JSON Canonicalization Scheme) ----------------------------------------------------

def _jcs_number(value):
    """ECMAScript Number.prototype.toString of a double (RFC 8785 section 3.2.2.3)."""
    x = float(value)
    if x != x or x in (float("inf"), float("-inf")):
        raise ValueError("NaN and Infinity are not JSON")
    if x == 0:
        return "0"
    if x < 0:
        return "-" + _jcs_number(-x)
    # repr() is the shortest text that reads back as the same double, as ECMAScript's is.
    sign, digits, exponent = Decimal(repr(x)).normalize().as_tuple()
    s = "".join(str(d) for d in digits)
    k = len(s)
    n = exponent + k  # the decimal point sits after n digits
    if k <= n <= 21:
        return s + "0" * (n - k)
    if 0 < n <= 21:
        return s[:n] + "." + s[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + s
    e = n - 1
    mantissa = s if k == 1 else s[0] + "." + s[1:]
    return mantissa + "e" + ("+" if e >= 0 else "-") + str(abs(e))


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _jcs_string(s):
    out = ['"']
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _utf16_key(s):
    """Object members sort by their names' UTF-16 code units (RFC 8785 3.2.3), not by code points."""
    return s.encode("utf-16-be")


def jcs(value):
    """The RFC 8785 canonical text of a JSON value (as json.loads gives it, floats as Decimal or float)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return _jcs_number(value) if abs(value) >= 2 ** 53 else str(value)
    if isinstance(value, (float, Decimal)):
        return _jcs_number(value)
    if isinstance(value, str):
        return _jcs_string(value)
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value.keys(), key=_utf16_key)
        return "{" + ",".join(_jcs_string(k) + ":" + jcs(value[k]) for k in keys) + "}"
    raise TypeError("not a JSON value: %r" % (value,))


# --- The draw -------------------------------------------------------------------------------------

def quota(count, rate, minimum, maximum):
    """n = min(count, max(min, min(max, round_half_up(rate * count)))), on the exact decimal rate."""
    bp = Decimal(str(rate)) * 10000
    if bp != bp.to_integral_value() or not (1 <= bp <= 10000):
        raise Mismatch("rules.rate %s is not a whole number of basis points between 0.0001 and 1" % rate)
    rounded = (int(bp) * count + 5000) // 10000
    return max(0, min(count, min(maximum, max(minimum, rounded))))


def rank_key(seed, department_code, case_number):
    return sha256_hex(seed + "\n" + department_code + "\n" + case_number)


def parse_candidates(text):
    files = []
    for i, line in enumerate(text.split("\n")[:-1] if text.endswith("\n") or text == "" else text.split("\n")):
        parts = line.split("\t")
        if len(parts) != 4:
            raise Mismatch("candidate line %d is malformed: %r" % (i + 1, line))
        files.append({"departmentCode": parts[0], "caseNumber": parts[1], "caseType": parts[2], "decisionDate": parts[3]})
    return files


def parse_result(text):
    files = []
    for i, line in enumerate(l for l in text.split("\n") if l):
        parts = line.split("\t")
        if len(parts) != 4:
            raise Mismatch("result line %d is malformed: %r" % (i + 1, line))
        files.append({"departmentCode": parts[0], "caseNumber": parts[1], "caseType": parts[2], "rankKey": parts[3]})
    return files


def utf8(s):
    return s.encode("utf-8")


def draw_files(candidates, rules, seed):
    """The selection, in the published order: department code (UTF-8 byte order), then rankKey."""
    departments = {}
    for c in candidates:
        departments.setdefault(c["departmentCode"], []).append(c)
    drawn = []
    for code in sorted(departments, key=utf8):
        group = departments[code]
        n = quota(len(group), rules["rate"], rules["min"], rules["max"])
        ranked = sorted(
            ({**c, "rankKey": rank_key(seed, c["departmentCode"], c["caseNumber"])} for c in group),
            key=lambda f: (f["rankKey"], utf8(f["caseNumber"])),
        )
        if not rules["caseTypeCoverage"]:
            taken = ranked[:n]
        else:
            chosen = set()
            seen_types = set()
            for i, f in enumerate(ranked):
                if len(chosen) >= n:
                    break
                if f["caseType"] not in seen_types:
                    seen_types.add(f["caseType"])
                    chosen.add(i)
            for i in range(len(ranked)):
                if len(chosen) >= n:
                    break
                chosen.add(i)
            taken = [f for i, f in enumerate(ranked) if i in chosen]
        drawn.extend(taken)
    return drawn


def pseudonym(seed, reviewer_id):
    return sha256_hex(seed + "\nreviewer-id\n" + reviewer_id)


def tie_key(seed, file_rank_key, reviewer_pseudonym):
    return sha256_hex(seed + "\nreviewer\n" + file_rank_key + "\n" + reviewer_pseudonym)


def assign(seed, files, reviewers, per_file):
    """Files globally by rankKey; per slot the eligible reviewer with the lowest load, ties by the smallest tie key."""
    load = {r["id"]: 0 for r in reviewers}
    out = []
    for f in sorted(files, key=lambda f: (f["rankKey"], utf8(f["departmentCode"] + "\t" + f["caseNumber"]))):
        file_key = f["departmentCode"] + "\t" + f["caseNumber"]
        on_file = set()
        for slot in range(1, per_file + 1):
            eligible = [
                r for r in reviewers
                if r["id"] not in on_file and f["departmentCode"] not in r["excludedDepartments"] and file_key not in r["excludedFiles"]
            ]
            if not eligible:
                continue  # the slot stays unassigned
            lowest = min(load[r["id"]] for r in eligible)
            best = min((r for r in eligible if load[r["id"]] == lowest), key=lambda r: tie_key(seed, f["rankKey"], r["id"]))
            on_file.add(best["id"])
            load[best["id"]] += 1
            out.append({"departmentCode": f["departmentCode"], "caseNumber": f["caseNumber"], "slot": slot, "reviewer": best["id"]})
    return out


def verify(draw, candidates_text, result_text, reviewers_proof=None):
    """Raises Mismatch at the first difference; returns a one-line summary otherwise."""
    seed = draw["seed"]
    if sha256_hex(seed) != draw["seedHash"]:
        raise Mismatch("SHA-256(seed) %s is not the seedHash %s published before the draw" % (sha256_hex(seed), draw["seedHash"]))
    rules = draw["rules"]
    if sha256_hex(jcs(rules)) != draw["rulesHash"]:
        raise Mismatch("SHA-256(RFC 8785 rules) %s is not the rulesHash %s; canonical rules: %s" % (sha256_hex(jcs(rules)), draw["rulesHash"], jcs(rules)))
    if hashlib.sha256(candidates_text.encode("utf-8")).hexdigest() != draw["candidateHash"]:
        raise Mismatch("SHA-256(candidate list) is not the published candidateHash %s" % draw["candidateHash"])
    candidates = parse_candidates(candidates_text)
    if len(candidates) != draw["candidateCount"]:
        raise Mismatch("the candidate list has %d lines, candidateCount is %d" % (len(candidates), draw["candidateCount"]))
    previous = None
    for i, c in enumerate(candidates):
        key = (utf8(c["departmentCode"]), utf8(c["caseNumber"]))
        if previous is not None and key <= previous:
            raise Mismatch("candidate line %d is out of order (department code, case number in UTF-8 byte order, no duplicates)" % (i + 1))
        previous = key
        if not (rules["period"]["from"] <= c["decisionDate"] <= rules["period"]["to"]):
            raise Mismatch("candidate line %d was decided on %s, outside the period %s – %s" % (i + 1, c["decisionDate"], rules["period"]["from"], rules["period"]["to"]))
    expected = draw_files(candidates, rules, seed)
    published = parse_result(result_text)
    fields = ("departmentCode", "caseNumber", "caseType", "rankKey")
    for i in range(max(len(expected), len(published))):
        e = "\t".join(expected[i][k] for k in fields) if i < len(expected) else "(nothing)"
        p = "\t".join(published[i][k] for k in fields) if i < len(published) else "(nothing)"
        if e != p:
            raise Mismatch("result line %d: the re-run gives %r, the published result %r" % (i + 1, e, p))
    if "sampleCount" in draw and draw["sampleCount"] != len(expected):
        raise Mismatch("sampleCount is %d, the re-run draws %d files" % (draw["sampleCount"], len(expected)))
    summary = "re-ran the draw over %d candidates and got the same %d files" % (len(candidates), len(expected))
    if reviewers_proof is None:
        return summary
    if reviewers_proof["reviewersPerFile"] != rules["reviewersPerFile"]:
        raise Mismatch("the reviewer proof has reviewersPerFile %s, the rules %s" % (reviewers_proof["reviewersPerFile"], rules["reviewersPerFile"]))
    got = assign(seed, expected, reviewers_proof["reviewers"], rules["reviewersPerFile"])
    pub = reviewers_proof["assignments"]
    for i in range(max(len(got), len(pub))):
        g = got[i] if i < len(got) else "(nothing)"
        p = pub[i] if i < len(pub) else "(nothing)"
        if g != p:
            raise Mismatch("assignment %d: the re-run gives %s, the published assignments %s" % (i + 1, json.dumps(g, ensure_ascii=False), json.dumps(p, ensure_ascii=False)))
    return summary + " and the same %d reviewer assignments among %d pseudonymous reviewers" % (len(got), len(reviewers_proof["reviewers"]))


def load_json(text):
    # Non-integers as exact decimals: the rate is read from its published text, never through a float first.
    return json.loads(text, parse_float=Decimal)


def self_test(path):
    """Checks this implementation against the published test vectors; raises Mismatch at the first failure."""
    with open(path, encoding="utf-8") as fh:
        v = load_json(fh.read())

    def same(what, got, want):
        if got != want:
            raise Mismatch("self-test, %s: got %r, the vectors say %r" % (what, got, want))

    same("seedHash", sha256_hex(v["seed"]), v["seedHash"])
    same("rules canonical JSON", jcs(v["rules"]), v["rulesCanonicalJson"])
    same("rulesHash", sha256_hex(jcs(v["rules"])), v["rulesHash"])
    for j in v["jcs"]:
        same("RFC 8785 of %r" % (j["value"],), jcs(j["value"]), j["canonical"])
    for q in v["quotas"]:
        same("quota %r" % (q,), quota(q["count"], q["rate"], q["min"], q["max"]), q["n"])
    for r in v["rankKeys"]:
        same("rankKey of %s %s" % (r["departmentCode"], r["caseNumber"]), rank_key(r["seed"], r["departmentCode"], r["caseNumber"]), r["rankKey"])
    for p in v["pseudonyms"]:
        same("pseudonym of %s" % p["reviewerId"], pseudonym(p["seed"], p["reviewerId"]), p["pseudonym"])
    for t in v["tieKeys"]:
        same("tie key", tie_key(t["seed"], t["rankKey"], t["pseudonym"]), t["tieKey"])
    covered = dict(v["rules"], caseTypeCoverage=True)
    line = lambda f: "%s\t%s\t%s\t%s\n" % (f["departmentCode"], f["caseNumber"], f["caseType"], f["rankKey"])
    same("selection with case-type coverage", "".join(line(f) for f in draw_files(parse_candidates(v["candidatesText"]), covered, v["seed"])), v["resultTextWithCaseTypeCoverage"])
    draw = {k: v[k] for k in ("seed", "seedHash", "rules", "rulesHash", "candidateCount", "candidateHash")}
    summary = verify(draw, v["candidatesText"], v["resultText"], v["reviewerProof"])
    return "self-test against %s: %s" % (os.path.relpath(path), summary)


def fetch(url, token):
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token} if token else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read().decode("utf-8")


def main(argv):
    parser = argparse.ArgumentParser(description="Re-run a published draw (docs/draw-verification.md) and check it.")
    parser.add_argument("--api", default="http://127.0.0.1:3000/api/v1", help="the API's base URL")
    parser.add_argument("--token", help="an access token (the published draw is readable by any signed-in user)")
    parser.add_argument("--campaign", help="the campaign's id")
    parser.add_argument("--draw", help="a saved GET /campaigns/{id}/draw (JSON)")
    parser.add_argument("--candidates", help="a saved GET /campaigns/{id}/draw/candidates (text)")
    parser.add_argument("--result", help="a saved GET /campaigns/{id}/draw/result (text)")
    parser.add_argument("--reviewers", help="a saved GET /campaigns/{id}/draw/reviewers (JSON); without it, only the files are checked")
    parser.add_argument("--self-test", nargs="?", const=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "draw-test-vectors.json"), metavar="VECTORS")
    args = parser.parse_args(argv)
    try:
        if args.self_test:
            print("OK: " + self_test(args.self_test))
            return 0
        if args.draw or args.candidates or args.result:
            if not (args.draw and args.candidates and args.result):
                parser.error("--draw, --candidates and --result go together")
            read = lambda p: open(p, encoding="utf-8", newline="").read()
            draw, candidates, result = load_json(read(args.draw)), read(args.candidates), read(args.result)
            reviewers = load_json(read(args.reviewers)) if args.reviewers else None
        else:
            if not args.campaign:
                parser.error("give --campaign (with --api and --token), or --draw, --candidates and --result")
            base = "%s/campaigns/%s/draw" % (args.api.rstrip("/"), args.campaign)
            draw = load_json(fetch(base, args.token))
            if draw.get("status") != "drawn":
                print("MISMATCH: the campaign has not been drawn yet (status %s)" % draw.get("status"))
                return 1
            candidates, result = fetch(base + "/candidates", args.token), fetch(base + "/result", args.token)
            reviewers = load_json(fetch(base + "/reviewers", args.token))
        print("OK: " + verify(draw, candidates, result, reviewers))
        return 0
    except Mismatch as mismatch:
        print("MISMATCH: %s" % mismatch)
        return 1
    except (OSError, ValueError, KeyError) as err:
        print("ERROR: %s: %s" % (type(err).__name__, err), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

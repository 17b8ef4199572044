"""Benchmark: a migration across N repositories, with one and with two jobs.

Each repository is made at run time in a temporary folder from a few packages of the Go
standard library (``$(go env GOROOT)/src``, copied, never committed here) plus some of the
exercise programs of ``examples/`` (the misuses gomend fixes; none with ``--clean``, so
that nearly nothing is to fix), committed with git. Every run clones them from ``file://``
URLs into a fresh work folder and builds the fix branches; the figure printed is
repositories per second, clones and commits included; then the same migration runs again
in the same work folder (the rerun: fetches, every branch up to date).
With ``--stop-after SECONDS``, a ``gomend migrate --jobs 2`` process over the same
repositories then gets SIGINT that many seconds after it starts: the figure printed is the
time from the signal to its exit, and its one line.

    python bench/migrate.py [--repos 16] [--packages 3] [--jobs 1,2] [--clean] [--stop-after 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gomend.engine.git.branch import BranchOptions  # noqa: E402
from gomend.engine.git.migrate import MigrateOptions, run_migration  # noqa: E402
from gomend.engine.git.report import summary_counts  # noqa: E402
from gomend.engine.registry import codemod_ids  # noqa: E402

PACKAGES = [
    "bufio",
    "bytes",
    "context",
    "errors",
    "flag",
    "fmt",
    "hash",
    "html",
    "io",
    "log",
    "maps",
    "mime",
    "path",
    "sort",
    "strconv",
    "strings",
    "sync",
    "text/template",
    "time",
    "unicode/utf8",
    "encoding/json",
    "encoding/xml",
    "container/list",
    "compress/gzip",
    "expvar",
    "net/url",
    "os/exec",
    "regexp",
    "archive/tar",
    "image/png",
]
AUTHOR = "gomend bench <bench@example.invalid>"


def goroot() -> Path:
    out = subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


def copy_package(src: Path, dest: Path) -> int:
    """The package's own .go files (no subfolders, no testdata): the count copied."""
    dest.mkdir(parents=True, exist_ok=True)
    count = 0
    for entry in sorted(src.iterdir()):
        if entry.is_file() and entry.suffix == ".go":
            shutil.copyfile(entry, dest / entry.name)
            count += 1
    return count


def make_repositories(
    folder: Path, count: int, per_repo: int, clean: bool = False
) -> tuple[list[str], int]:
    src = goroot() / "src"
    exercises = sorted((ROOT / "examples").glob("exercise-*"))
    urls: list[str] = []
    files = 0
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    for i in range(count):
        repo = folder / f"repo{i:03}"
        for k in range(per_repo):
            package = PACKAGES[(i * per_repo + k) % len(PACKAGES)]
            files += copy_package(src / package, repo / "std" / package)
        for k in range(0 if clean else 3):  # three exercises, a different three in each
            exercise = exercises[(i * 3 + k) % len(exercises)]
            for go_file in exercise.glob("*.go"):
                target = repo / "cmd" / exercise.name / go_file.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(go_file, target)
                files += 1
        (repo / "go.mod").write_text(f"module example.com/bench/repo{i:03}\n\ngo 1.22\n")
        for args in (
            ["init", "--quiet", "--initial-branch=main"],
            ["add", "--all"],
            [
                "-c",
                "user.name=bench",
                "-c",
                "user.email=bench@example.invalid",
                "commit",
                "--quiet",
                "-m",
                "import",
            ],
        ):
            subprocess.run(["git", *args], cwd=repo, check=True, env=env)
        urls.append(repo.as_uri())
    return urls, files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repos", type=int, default=16, help="repositories to make")
    parser.add_argument("--packages", type=int, default=3, help="std packages per repository")
    parser.add_argument("--jobs", default="1,2", help="job counts to time, comma-separated")
    parser.add_argument(
        "--clean",
        action="store_true",
        help="repositories with nothing to fix (no exercise programs): the runs make no branch",
    )
    parser.add_argument(
        "--stop-after", type=float, default=None, help="then time a stop: SIGINT after SECONDS"
    )
    args = parser.parse_args()
    os.environ.setdefault("GIT_CONFIG_NOSYSTEM", "1")
    with tempfile.TemporaryDirectory(prefix="gomend-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        urls, files = make_repositories(folder / "src", args.repos, args.packages, args.clean)
        print(
            f"made {len(urls)} repositories ({files} Go files) in "
            f"{time.perf_counter() - started:.1f}s; codemods: {', '.join(codemod_ids())}"
        )
        for jobs in (int(j) for j in args.jobs.split(",")):
            options = MigrateOptions(
                BranchOptions(
                    codemod_ids=tuple(codemod_ids()),
                    name=f"gomend/bench-j{jobs}",
                    author=AUTHOR,
                ),
                workdir=str(folder / f"work-j{jobs}"),
            )
            for run in ("first run", "rerun"):
                started = time.perf_counter()
                reports = run_migration(urls, options, jobs=jobs)
                seconds = time.perf_counter() - started
                counts = summary_counts(reports)
                print(
                    f"--jobs {jobs} {run}: {len(reports)} repositories in {seconds:.2f}s = "
                    f"{len(reports) / seconds:.2f} repositories/s; branches "
                    f"{counts['branches']}; failed {counts['failed']}; "
                    f"findings {counts['findings']}"
                )
        if args.stop_after is not None:
            time_a_stop(urls, folder / "work-stop", args.stop_after)


def time_a_stop(urls: list[str], workdir: Path, after: float) -> None:
    """``gomend migrate --jobs 2`` given SIGINT ``after`` seconds: the time it takes to exit."""
    command = [sys.executable, "-m", "gomend", "migrate", *urls, "--jobs", "2", "--no-progress"]
    command += ["--workdir", str(workdir), "--author", AUTHOR, "--report", f"{workdir}.json"]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(after)
    sent = time.perf_counter()
    proc.send_signal(signal.SIGINT)
    _, errors = proc.communicate()
    print(
        f"SIGINT after {after:.1f}s: exit {proc.returncode} {time.perf_counter() - sent:.2f}s "
        f"after the signal; {errors.decode().strip()}"
    )


if __name__ == "__main__":
    main()

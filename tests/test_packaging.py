"""Packaging: the wheel installs one import package, ``gomend``, with the engine and the
codemods inside it; ``python -m gomend`` runs from it; and a folder named ``engine`` (or
``codemods``) earlier on ``PYTHONPATH`` does not disturb it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """gomend's wheel, built from a copy of the checkout (a build leaves its own folders)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    shutil.copytree(
        ROOT,
        source,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".git", ".ci-venv", ".venv", "build", "*.egg-info", "__pycache__"
        ),
    )
    out = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "-w", str(out), str(source)],
        check=True, capture_output=True,
    )  # fmt: skip
    (found,) = out.glob("gomend-*.whl")
    return found


def test_the_wheel_holds_one_top_level_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"gomend"}
    for module in ("gomend/__main__.py", "gomend/engine/codemod.py", "gomend/engine/cli/app.py",
                   "gomend/codemods/low_max_threads.py", "gomend/engine/go/stdlib_exports.json"):  # fmt: skip
        assert module in names
    (top_level,) = [n for n in names if n.endswith(".dist-info/top_level.txt")]
    assert zipfile.ZipFile(wheel).read(top_level).split() == [b"gomend"]


def test_the_wheel_installs_the_command_and_the_go_vet_and_go_fix_tools(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "gomend/engine/vet/tool.py" in names
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    scripts = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "gomend = gomend.engine.cli.app:run" in scripts
    assert "gomend-vet = gomend.engine.vet.tool:run" in scripts
    assert "gomend-fix = gomend.engine.vet.tool:run" in scripts


def test_python_m_gomend_runs_from_the_wheel_beside_a_foreign_engine(
    wheel: Path, tmp_path: Path
) -> None:
    installed = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(installed)
    foreign = tmp_path / "other-project"
    for name in ("engine", "codemods"):
        (foreign / name).mkdir(parents=True)
        (foreign / name / "__init__.py").write_text("raise ImportError('not gomend')\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(foreign), str(installed)]))

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, *args], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert run("-c", "import gomend.engine; print(gomend.engine.__file__)").startswith(
        str(installed)
    )
    assert run("-m", "gomend", "--version").strip() == "gomend 0.1.0"
    assert "low-max-threads" in run("-m", "gomend", "list")

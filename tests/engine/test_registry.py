"""The registry: every codemod found, and a clear stop on a broken package."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from gomend.engine.registry import DOC_SECTIONS, RegistryError, all_codemods, load_codemods

ROOT = Path(__file__).resolve().parents[2]
DOC = "Title\\n\\n" + "\\n".join(s + "\\ntext\\n" for s in DOC_SECTIONS)
RECORD = """
from gomend.engine.codemod import Codemod, Safety
CODEMOD = Codemod(id={id!r}, title="t", doc="{doc}", safety=Safety.SAFE, query="(identifier) @x",
                  rewrite=lambda m: None, imports=("runtime",))
"""


def make_package(tmp_path: Path, name: str, modules: dict[str, str]) -> str:
    pkg = tmp_path / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for module, body in modules.items():
        (pkg / f"{module}.py").write_text(textwrap.dedent(body))
    sys.path.insert(0, str(tmp_path))
    return name


@pytest.fixture(autouse=True)
def restore_path():
    saved = list(sys.path)
    yield
    sys.path[:] = saved


def test_every_module_is_registered_and_has_golden_cases() -> None:
    modules = {p.stem for p in (ROOT / "codemods").glob("*.py") if not p.stem.startswith("_")}
    ids = {c.id for c in all_codemods()}
    assert ids == {m.replace("_", "-") for m in modules}
    golden = {
        p.name for p in (ROOT / "golden").iterdir() if p.is_dir() and not p.name.startswith("_")
    }
    assert golden == ids, "every codemod has a golden folder, and every golden folder a codemod"
    for cid in ids:
        folder = ROOT / "golden" / cid
        assert list(folder.glob("ok-*.before.go")), f"{cid} has no ok- case"
        changing = list(folder.glob("*.after.go"))
        codemod = next(c for c in all_codemods() if c.id == cid)
        if codemod.safety.value != "none":
            assert changing, f"{cid} has no case that changes"


def test_a_good_package_loads(tmp_path: Path) -> None:
    name = make_package(tmp_path, "cm_good", {"my_rule": RECORD.format(id="my-rule", doc=DOC)})
    assert [c.id for c in load_codemods(name)] == ["my-rule"]


@pytest.mark.parametrize(
    ("modules", "message"),
    [
        ({"my_rule": "x = 1\n"}, "has no CODEMOD record"),
        (
            {"my_rule": RECORD.format(id="other-rule", doc=DOC)},
            "declares id 'other-rule'; expected 'my-rule'",
        ),
        ({"my_rule": "import no_such_module\n"}, "failed to import"),
        ({"my_rule": RECORD.format(id="my-rule", doc="no sections")}, "documentation lacks"),
    ],
)
def test_a_broken_package_stops_with_a_clear_message(
    tmp_path: Path, modules: dict[str, str], message: str
) -> None:
    name = make_package(tmp_path, f"cm_bad_{abs(hash(message))}", modules)
    with pytest.raises(RegistryError, match=message):
        load_codemods(name)

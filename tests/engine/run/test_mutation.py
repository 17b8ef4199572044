"""The mutation corpus (``tests/mutate.py``): standard-library packages with misuses planted
at random statements, fixed by ``gomend fix --unsafe-fixes``, must stay gofmt-clean, build
and gain no ``go vet`` diagnostic. CI runs a small fixed sample; ``-m slow`` runs every
standalone package with several seeds."""

from __future__ import annotations

import random

import pytest

from tests.mutate import run_corpus, standalone_packages


def _sample(count: int, seed: int) -> list[str]:
    packages = standalone_packages()
    assert len(packages) > 20, "the standard library has fewer standalone packages than expected"
    return sorted(random.Random(seed).sample(packages, count))


def test_mutated_standard_library_packages_stay_sound() -> None:
    outcome = run_corpus(_sample(6, 11), seed=11, files=2, per_file=5)
    assert outcome.failures == []
    assert outcome.packages >= 4, f"too few mutated packages built: dropped {outcome.dropped}"
    assert sum(outcome.fixed_by.values()) >= 5, f"too few fixes applied: {outcome.fixed_by}"


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_standalone_package_mutated(seed: int) -> None:
    packages = standalone_packages()
    outcome = run_corpus(packages, seed=seed, files=4, per_file=6)
    assert outcome.failures == []
    assert len(outcome.dropped) <= len(packages) // 10, f"dropped: {outcome.dropped}"

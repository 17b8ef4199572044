"""engine/run/pool.py: a worker that dies is a ``WorkerDied`` in the parent, whether the
parent finds out on reading its results or on sending it the next chunk."""

from __future__ import annotations

import os
import sys

import pytest

from gomend.engine.run.pool import Pool, WorkerDied


def _nothing() -> None:
    pass


def _die(chunk: object) -> object:
    os._exit(9)


@pytest.mark.skipif(sys.platform != "linux", reason="forked workers (the functions here)")
def test_sending_to_a_dead_worker_is_worker_died_not_a_broken_pipe() -> None:
    pool = Pool(1, _nothing, (), _die)
    try:
        pool.send("first", ["a.go"])
        [worker] = pool._workers
        worker.process.join(10)  # it died on its first chunk
        assert worker.process.exitcode == 9
        with pytest.raises(WorkerDied, match=r"exit code 9"):
            for _ in range(3):  # the pipe's buffer may take a send or two first
                pool.send("next", ["b.go" * 100_000])
    finally:
        pool.close()


@pytest.mark.skipif(sys.platform != "linux", reason="forked workers (the functions here)")
def test_reading_from_a_dead_worker_is_worker_died() -> None:
    pool = Pool(1, _nothing, (), _die)
    try:
        pool.send("first", ["a.go"])
        with pytest.raises(WorkerDied, match=r"exit code 9"):
            pool.collect(block=True)
    finally:
        pool.close()

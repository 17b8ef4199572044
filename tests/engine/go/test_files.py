"""engine/go/files.py: only regular files are read, whatever their name says."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gomend.engine.go.files import NotRegular, read_regular


@pytest.mark.parametrize("limit", [None, 1, 65_536, 70_000, 102_400, 200_000])
def test_read_regular_reads_the_whole_file_or_its_head(tmp_path: Path, limit: int | None) -> None:
    data = bytes(range(256)) * 400  # 102,400 bytes
    (tmp_path / "f.go").write_bytes(data)
    assert read_regular(str(tmp_path / "f.go"), limit) == data[:limit]


def test_a_fifo_is_refused_at_once_and_never_blocks(tmp_path: Path) -> None:
    fifo = tmp_path / "c.go"
    os.mkfifo(fifo)  # no writer: a plain open would wait forever
    with pytest.raises(NotRegular):
        read_regular(str(fifo))


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NotRegular):
        read_regular("/dev/zero")  # would never end
    with pytest.raises(OSError):
        read_regular(str(tmp_path))

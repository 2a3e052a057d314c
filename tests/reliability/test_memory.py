"""The server gives back the heap it used while loading (issue 16: resident memory at 10k passages)."""

from __future__ import annotations

import sys

import pytest

from assistant.build import release_free_memory


def _rss_anon_mb() -> float:
    for line in open("/proc/self/status", encoding="ascii"):
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no RssAnon in /proc/self/status")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc malloc_trim, /proc")
def test_freed_load_time_memory_goes_back_to_the_os():
    # what loading does: many mid-sized allocations, most freed, a few kept (they pin the heap top,
    # so glibc cannot shrink the heap by itself)
    blocks = [bytearray(2048) for _ in range(60_000)]  # ~120 MB from malloc, not Python's small-object pool
    for b in blocks:
        b[0] = 1  # touch every page
    keep = blocks[-1]
    del blocks
    before = _rss_anon_mb()
    assert release_free_memory() is True
    after = _rss_anon_mb()
    assert keep[0] == 1
    assert before - after > 50, f"resident anonymous memory {before:.0f} MB -> {after:.0f} MB"

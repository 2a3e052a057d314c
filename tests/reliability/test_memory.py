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


_COUNT_ARENAS = """
import ctypes, sys, threading
from assistant.build import limit_malloc_arenas
if sys.argv[1] == "limit":
    assert limit_malloc_arenas(2)
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
start = threading.Barrier(8)
def work():
    start.wait()  # all at once, as a server's threads do
    for _ in range(200):
        libc.malloc(4096)  # kept: each thread's arena stays in use
threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
libc.fopen.restype = ctypes.c_void_p
fp = libc.fopen(sys.argv[2].encode(), b"w")
libc.malloc_info(0, ctypes.c_void_p(fp))
libc.fclose(ctypes.c_void_p(fp))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc mallopt, malloc_info")
def test_server_threads_share_two_malloc_arenas(tmp_path):
    import subprocess

    counts = {}
    for mode in ("limit", "default"):
        out = tmp_path / f"{mode}.xml"
        subprocess.run([sys.executable, "-c", _COUNT_ARENAS, mode, str(out)], check=True, timeout=60)
        counts[mode] = out.read_text().count("<heap nr=")
    assert counts["limit"] <= 2 < counts["default"], counts

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
from assistant.build import settle_malloc
if sys.argv[1] == "limit":
    assert settle_malloc(2)
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
        subprocess.run(
            [sys.executable, "-c", _COUNT_ARENAS, mode, str(out)], check=True, timeout=60, env=_clean_env()
        )
        counts[mode] = out.read_text().count("<heap nr=")
    assert counts["limit"] <= 2 < counts["default"], counts


_REUSE_AFTER_FREE = """
import ctypes, sys
from assistant.build import settle_malloc
if sys.argv[1] == "settled":
    assert settle_malloc()
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]

class Info(ctypes.Structure):  # struct mallinfo2
    _fields_ = [(n, ctypes.c_size_t) for n in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                 "fordblks", "keepcost")]

libc.mallinfo2.restype = Info
libc.free(libc.malloc(4 << 20))  # a large block freed: glibc would raise its threshold to 4 MB
before = libc.mallinfo2().hblkhd
block = libc.malloc(2 << 20)  # an array loaded next
print(libc.mallinfo2().hblkhd - before >= 2 << 20)  # mmapped (given back whole when freed), or heap
"""


def _clean_env() -> dict:
    """The test's own environment without glibc tunables that would decide the outcome."""
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith(("MALLOC_", "GLIBC_TUNABLES"))}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc mallopt, mallinfo2")
def test_large_arrays_stay_out_of_the_heap_after_a_large_free():
    import subprocess

    out = {
        mode: subprocess.run(
            [sys.executable, "-c", _REUSE_AFTER_FREE, mode],
            check=True,
            capture_output=True,
            text=True,
            env=_clean_env(),
        ).stdout.strip()
        for mode in ("settled", "default")
    }
    assert out == {"settled": "True", "default": "False"}

"""FAISS index + JSONL sidecar + manifest, saved atomically under an OS lock, loaded without unpickling.

Layout of ``index/``::

    CURRENT               name of the live generation folder, replaced atomically
    LOCK                  held (flock) by the one writer at a time, for a whole ingest
    gen-<time>-<pid>-<id>/  manifest.json, chunks.jsonl, vectors.npy, vectors.faiss, and
                          READERS, held shared while that generation loads

A new generation is written completely in ``.building-*``, renamed, then ``CURRENT`` is switched
with ``os.replace``; a crash at any point leaves the previous generation live, and the next
writer removes what the crash left behind. The generation ``CURRENT`` names is never deleted.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.errors import IndexCorruptError, IndexMissingError, IndexWriteError, InvalidInputError
from assistant.types import Chunk

try:
    import fcntl
except ImportError:  # not POSIX: no cross-process lock; the atomic switch still protects readers
    fcntl = None

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
FIX = "run `assistant ingest` to rebuild it"
# exact flat search measured 21 ms p95 at 100k chunks on 2 cores (assistant bench), well inside
# the budget; HNSW only pays off beyond that and costs recall, so it starts far above
HNSW_THRESHOLD = 250_000
_GENERATION = re.compile(r"gen-[A-Za-z0-9_.-]{1,100}")
# index folders whose writer lock this thread holds, so that ingest -> save does not lock twice
_held = threading.local()


@dataclass
class LoadedIndex:
    manifest: dict
    chunks: list[Chunk]
    vectors: np.ndarray
    faiss_index: object
    path: Path
    warnings: list[str] = field(default_factory=list)


def search_on_one_thread() -> None:
    """FAISS searches one question vector faster on one thread than on OpenMP's team.

    Measured on 2 cores, flat index: 0.34 vs 1.51 ms at 10k vectors, 7.5 vs 17.6 ms at 100k. The
    team's threads also spin after each search and take the cores from ONNX Runtime's threads,
    which made every few hybrid searches at 10k 16-24 ms instead of 5 (p95 24 ms). OpenMP keeps
    this setting per thread, so it is made in the thread that searches.
    """
    import faiss

    if faiss.omp_get_max_threads() != 1:
        faiss.omp_set_num_threads(1)


def build_faiss_index(vectors: np.ndarray, kind: str = "auto"):
    import faiss

    n, dim = vectors.shape if vectors.ndim == 2 else (0, 0)
    if kind == "auto":
        kind = "hnsw" if n >= HNSW_THRESHOLD else "flat"
    if kind == "flat":
        index = faiss.IndexFlatIP(dim)
    elif kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 256  # recall@10 0.945 at 128 on 100k near-duplicate chunks
    else:
        raise ValueError(f"index kind must be 'auto', 'flat' or 'hnsw'. Currently, kind is {kind!r}")
    if n:
        threads = faiss.omp_get_max_threads()
        if kind == "hnsw":  # building the graph does use every core
            faiss.omp_set_num_threads(os.cpu_count() or 1)
        try:
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        finally:
            faiss.omp_set_num_threads(threads)
    return index


def file_sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _write_json_atomic(path: Path, data: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable (a power cut must not undo the switch)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_failure(index_dir: Path, err: OSError) -> IndexWriteError:
    # numpy reports a short write as "29568 requested and 20448 written", without an errno
    if err.errno == errno.ENOSPC or "requested and" in str(err):
        why = "the disk is full"
    elif err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = "the folder is read-only"
    else:
        why = err.strerror or str(err)
    return IndexWriteError(f"could not write the index in {index_dir} ({why}); the index in use is unchanged")


class IndexStore:
    def __init__(self, index_dir: Path) -> None:
        self.dir = Path(index_dir)

    @property
    def current_file(self) -> Path:
        return self.dir / "CURRENT"

    def _check_folder(self) -> None:
        if self.dir.exists() and not self.dir.is_dir():
            raise InvalidInputError(
                f"the index folder {self.dir} is a file; pass --index a folder (it is created if missing)"
            )

    def current_generation(self) -> Path | None:
        self._check_folder()
        try:
            with open(self.current_file, "rb") as fh:
                raw = fh.read(256)
        except FileNotFoundError:
            return None
        except OSError as err:
            raise IndexCorruptError(
                f"index at {self.dir} is unreadable ({err.strerror or err}); {FIX}"
            ) from None
        try:
            name = raw.decode("ascii").strip()
        except UnicodeDecodeError:
            name = ""
        if not _GENERATION.fullmatch(name):
            raise IndexCorruptError(f"index at {self.dir} has a damaged CURRENT file; {FIX}")
        return self.dir / name

    def exists(self) -> bool:
        gen = self.current_generation()
        return gen is not None and (gen / "manifest.json").is_file()

    def read_manifest(self) -> dict | None:
        """The live manifest, or None when there is no index."""
        gen = self.current_generation()
        return None if gen is None else self._manifest_of(gen)

    def _manifest_of(self, gen: Path) -> dict:
        try:
            manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise IndexCorruptError(f"index at {self.dir} is missing manifest.json; {FIX}") from None
        except (OSError, ValueError) as err:
            raise IndexCorruptError(f"index manifest at {gen} is unreadable ({err}); {FIX}") from None
        if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
            raise IndexCorruptError(f"index at {self.dir} has an unknown format; {FIX}")
        return manifest

    # -- locks ---------------------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the writer lock: one ingest or save at a time, across threads and processes.

        Taking it also removes what killed writers left behind (``.building-*``, stray temp
        files and generations ``CURRENT`` does not name): no writer can be using them now.
        """
        held: set[str] = _held.__dict__.setdefault("dirs", set())
        key = os.path.abspath(self.dir)
        if key in held:
            yield
            return
        self._check_folder()
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.dir / "LOCK", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise _write_failure(self.dir, err) from None
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    log.warning("another process is writing the index in %s; waiting for it", self.dir)
                    fcntl.flock(fd, fcntl.LOCK_EX)
            held.add(key)
            try:
                self._remove_leftovers()
                yield
            finally:
                held.discard(key)
        finally:
            os.close(fd)  # closing the descriptor releases the lock

    @contextmanager
    def _reading(self, gen: Path) -> Iterator[None]:
        """Hold the generation's READERS file shared while loading it, so no writer deletes it."""
        fd = None
        if fcntl is not None:
            try:
                fd = os.open(gen / "READERS", os.O_RDONLY)
                fcntl.flock(fd, fcntl.LOCK_SH)
            except OSError:
                # already deleted, or written before READERS existed: the retry in load() covers it
                pass
        try:
            yield
        finally:
            if fd is not None:
                os.close(fd)

    def _remove_leftovers(self) -> None:
        for p in self.dir.iterdir():
            if p.name.startswith(".building-"):
                shutil.rmtree(p, ignore_errors=True)
            elif p.name.startswith(".CURRENT.tmp-"):
                p.unlink(missing_ok=True)
        self._prune()

    def _prune(self) -> None:
        """Remove every generation but the one CURRENT names, except those being loaded right now."""
        try:
            live = self.current_generation()
        except IndexCorruptError:
            return  # which generation is live is unknown: delete nothing
        if live is None or not live.is_dir():
            return  # CURRENT names nothing usable: an older generation may be all there is
        for p in self.dir.iterdir():
            if not (p.name.startswith("gen-") and p.is_dir() and p.name != live.name):
                continue
            try:
                fd = os.open(p / "READERS", os.O_RDONLY)
            except OSError:
                fd = None  # written before READERS existed
            try:
                if fd is not None and fcntl is not None:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    except BlockingIOError:
                        continue  # a reader is loading it: the next writer removes it
                shutil.rmtree(p, ignore_errors=True)
            finally:
                if fd is not None:
                    os.close(fd)

    # -- load ----------------------------------------------------------------------------------

    def load(self, *, with_faiss: bool = True) -> LoadedIndex:
        """The generation CURRENT names; one that a writer replaced mid-load is read again once."""
        gen = self.current_generation()
        if gen is None:
            raise IndexMissingError(f"no index in {self.dir}; run `assistant ingest` to build it")
        try:
            with self._reading(gen):
                return self._load_generation(gen, with_faiss=with_faiss)
        except IndexCorruptError:
            again = self.current_generation()
            if again is None or again == gen:
                raise
            log.debug("index switched from %s to %s while loading; reading it again", gen, again)
            with self._reading(again):
                return self._load_generation(again, with_faiss=with_faiss)

    def _load_generation(self, gen: Path, *, with_faiss: bool) -> LoadedIndex:
        manifest = self._manifest_of(gen)
        try:
            chunks = []
            with open(gen / "chunks.jsonl", encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        chunks.append(Chunk.from_dict(json.loads(line)))
            # memory-mapped: search uses the FAISS copy, so these pages are read only on re-ingest
            vectors = np.load(gen / "vectors.npy", allow_pickle=False, mmap_mode="r")
        except FileNotFoundError as err:
            raise IndexCorruptError(f"index at {gen} is missing {Path(err.filename).name}; {FIX}") from None
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as err:
            raise IndexCorruptError(f"index at {gen} is corrupt ({type(err).__name__}); {FIX}") from None
        n = len(chunks)
        if vectors.ndim != 2 or vectors.shape[0] != n or manifest.get("count") != n:
            raise IndexCorruptError(f"index at {gen} is inconsistent (chunks vs vectors); {FIX}")
        if vectors.shape[1] != manifest.get("dim"):
            raise IndexCorruptError(f"index at {gen} has vectors of the wrong dimension; {FIX}")
        if vectors.dtype != np.float32:
            raise IndexCorruptError(f"index at {gen} has vectors of type {vectors.dtype}; {FIX}")
        warnings: list[str] = []
        faiss_index = None
        if with_faiss:
            faiss_index, problem = self._read_faiss(gen, manifest)
            if problem is not None:
                # vectors.npy agrees with the manifest, so the search index is rebuilt from it
                warning = (
                    f"{gen / 'vectors.faiss'} {problem}; searching with a copy rebuilt from "
                    "vectors.npy (`assistant ingest` repairs the file)"
                )
                log.warning(warning)
                warnings.append(warning)
                faiss_index = build_faiss_index(np.asarray(vectors), manifest.get("index_kind", "auto"))
        return LoadedIndex(manifest, chunks, vectors, faiss_index, gen, warnings)

    def _read_faiss(self, gen: Path, manifest: dict, *, parse: bool = True) -> tuple[object, str | None]:
        """(index, None), or (None, what is wrong) when the file does not match the manifest."""
        import faiss

        path = gen / "vectors.faiss"
        expected = manifest.get("faiss_sha256")  # absent in indexes built before it was recorded
        try:
            if expected is not None and file_sha256(path) != expected:
                return None, "does not match the checksum in its manifest"
            if not parse and expected is not None:
                return None, None
            index = faiss.read_index(str(path))
        except FileNotFoundError:
            return None, "is missing"
        except (OSError, RuntimeError):
            return None, "cannot be read"
        if index.d != manifest.get("dim") or index.ntotal != manifest.get("count"):
            return None, (
                f"holds {index.ntotal} vectors of dimension {index.d}, "
                f"the manifest {manifest.get('count')} of dimension {manifest.get('dim')}"
            )
        return index, None

    def faiss_problem(self, gen: Path, manifest: dict) -> str | None:
        """What is wrong with a generation's vectors.faiss (checksum, size, dimension), or None."""
        return self._read_faiss(gen, manifest, parse=False)[1]

    # -- save ----------------------------------------------------------------------------------

    def save(self, manifest: dict, chunks: list[Chunk], vectors: np.ndarray, *, kind: str = "auto") -> Path:
        import faiss

        if vectors.ndim != 2 or vectors.shape[0] != len(chunks):
            raise ValueError(f"{len(chunks)} chunks but {vectors.shape[0]} vectors")
        with self.writing():
            stamp = time.strftime("%Y%m%d-%H%M%S")
            gen = self.dir / f"gen-{stamp}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
            tmp = self.dir / f".building-{gen.name}"
            switched = False
            try:
                tmp.mkdir()
                (tmp / "READERS").touch()
                with open(tmp / "chunks.jsonl", "w", encoding="utf-8") as fh:
                    for c in chunks:
                        fh.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
                np.save(tmp / "vectors.npy", np.ascontiguousarray(vectors, dtype=np.float32))
                index = build_faiss_index(vectors, kind)
                try:
                    faiss.write_index(index, str(tmp / "vectors.faiss"))
                except RuntimeError as err:  # faiss reports write errors (full disk) this way
                    raise OSError(errno.EIO, f"writing vectors.faiss failed: {err}") from None
                manifest = {
                    **manifest,
                    "format_version": FORMAT_VERSION,
                    "count": len(chunks),
                    "dim": int(vectors.shape[1]),
                    "index_kind": "hnsw" if isinstance(index, faiss.IndexHNSWFlat) else "flat",
                    "faiss_sha256": file_sha256(tmp / "vectors.faiss"),
                }
                (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
                for f in tmp.iterdir():
                    with open(f, "rb") as fh:
                        os.fsync(fh.fileno())
                os.rename(tmp, gen)
                _write_json_atomic(self.current_file, gen.name + "\n")
                switched = True
            except BaseException as err:
                shutil.rmtree(tmp, ignore_errors=True)
                if not switched:
                    shutil.rmtree(gen, ignore_errors=True)
                if isinstance(err, OSError):
                    if err.errno == errno.EIO and shutil.disk_usage(self.dir).free < 1 << 20:
                        err = OSError(errno.ENOSPC, "no space left")
                    raise _write_failure(self.dir, err) from None
                raise
            _fsync_dir(self.dir)
            self._prune()
        return gen

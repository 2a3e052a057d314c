"""The Documents tab's actions: list, open at a cited line, and (with --allow-upload) add or remove."""

from __future__ import annotations

import threading
from pathlib import Path

from assistant.errors import AssistantError, InvalidInputError
from assistant.interfaces import render
from assistant.interfaces.render import status_html


def upload_name(path: str | Path) -> str:
    """Gradio keeps the uploaded file's own name as the last part of its temporary path."""
    return Path(path).name


class DocumentActions:
    """Mixed into ChatApp, which provides ``pool``, ``settings`` and ``allow_upload``."""

    _index_lock = threading.Lock()  # one corpus change at a time, whatever the session

    def documents(self) -> str:
        roles = {d: r["role"] for r in self.pool.roles() for d in r["documents"]}
        return render.documents_html(self.pool.retriever.index.manifest, roles)

    def document_sources(self) -> list[str]:
        return sorted(self.pool.retriever.index.manifest.get("files", {}))

    def open_document(self, ref: str) -> str:
        """``name.txt:12-15`` (from a citation's link) -> the document, lines 12-15 marked."""
        from urllib.parse import unquote

        from assistant.indexing.readers import CorpusScan, read_document

        name, _, span = (ref or "").split("|")[0].rpartition(":")
        source = unquote(name)
        if source not in self.pool.retriever.index.manifest.get("files", {}):
            return status_html("Choose a document from the list.")
        first, _, last = span.partition("-")
        corpus = Path(self.settings.corpus_dir).resolve()
        path = (corpus / source).resolve()
        doc = (
            read_document(path, source, CorpusScan())
            if path.is_relative_to(corpus) and path.is_file()
            else None
        )
        if doc is None:
            return status_html(f"{source} can no longer be read from the corpus folder.")
        roles = {d: r["role"] for r in self.pool.roles() for d in r["documents"]}
        lo = int(first) if first.isdigit() else 0
        hi = int(last) if last.isdigit() else lo
        return render.document_html(source, roles.get(source, ""), doc.text, first=lo, last=hi)

    def add_document(self, path: str | None) -> str:
        """An upload (only with --allow-upload): checked, stored under the corpus, indexed, live."""
        from assistant.interfaces.chat_files import check_upload, store_upload

        if not self.allow_upload:
            return status_html("Adding documents is off; start the chat with --allow-upload.")
        if not path:
            return status_html("Choose a .txt, .md or .pdf file first.")
        try:
            name = check_upload(Path(path), upload_name(path), max_bytes=self.settings.max_upload_bytes)
            with self._index_lock:
                stored = store_upload(self.settings.corpus_dir, Path(path), name)
                report = self._update(stored.name)
        except AssistantError as err:
            return status_html(str(err))
        return status_html(
            f"Added {name}: {report.chunks} passages in the index now ({report.seconds:.1f} s)."
        )

    def remove_document(self, source: str) -> str:
        from assistant.interfaces.chat_files import remove_document

        if not self.allow_upload:
            return status_html("Removing documents is off; start the chat with --allow-upload.")
        try:
            with self._index_lock:
                known = set(self.document_sources())
                if len(known) <= 1:
                    raise InvalidInputError("the last document cannot be removed; add another first")
                remove_document(self.settings.corpus_dir, source, known)
                report = self._update(None)
        except AssistantError as err:
            return status_html(str(err))
        return status_html(f"Removed {source}: {report.chunks} passages in the index now.")

    def _update(self, added: str | None):
        report = self.pool.update(progress=True)
        skipped = dict(report.skipped)
        if added and added in skipped:  # stored but unreadable: take it out again
            (Path(self.settings.corpus_dir) / added).unlink(missing_ok=True)
            self.pool.update()
            raise InvalidInputError(f"{added} was not added: {skipped[added]}")
        return report

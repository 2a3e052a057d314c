"""Helpers shared by the tests: repository paths and a free loopback port."""

from __future__ import annotations

import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROLE_DOC = ROOT / "corpus" / "lead-engineer-in-ai.txt"
DATA = ROOT / "tests" / "data"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

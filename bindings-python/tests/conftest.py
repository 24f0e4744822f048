"""Shared paths and data for the suite: the repository's test vectors and sample files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "test-vectors"
DATA = ROOT / "examples" / "data"


def load_vectors(name: str) -> Any:
    """One file of the shared test vectors (the same files `lec-core/tests/vectors.rs` reads)."""
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


@pytest.fixture
def data() -> Path:
    return DATA

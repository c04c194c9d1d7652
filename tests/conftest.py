"""Shared fixtures: one detection engine per test session, and a key that never touches the real home."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
# Real servers as session fixtures: postgres_server, mariadb_server, samba_server (see tests/servers/).
pytest_plugins = ("servers.postgres", "servers.mariadb", "servers.samba")


def pytest_configure(config):
    # Tests must not create a key file in the developer's own config folder.
    os.environ["XDG_CONFIG_HOME"] = str(Path(config.rootpath) / ".pytest_cache" / "xdg-config")
    os.environ.setdefault("PIIAUDIT_KEY", "test-key-not-secret")


@pytest.fixture(scope="session")
def engine():
    from detectors.engine import DetectionEngine

    return DetectionEngine()


@pytest.fixture(scope="session")
def cn_vectors() -> dict:
    return json.loads((DATA / "vectors" / "cn_vectors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def presidio_vectors() -> dict:
    return json.loads((DATA / "vectors" / "presidio_vectors.json").read_text(encoding="utf-8"))


def detect(engine, text: str, language: str = "auto"):
    """(entity_type, matched text) pairs the engine reports for ``text``."""
    from scanner.records import Chunk

    return [(m.entity_type, m.text) for m in engine.detect(Chunk(text, ((0, "line 1"),)), language)]

"""Extractors turn an item's bytes into chunks. One module per format, found by discovery.

Each module declares ``EXTENSIONS`` and ``extract(data: bytes, name: str) -> Iterator[Chunk]``.
"""
from __future__ import annotations

import functools
import importlib
import pkgutil
from pathlib import PurePosixPath
from types import ModuleType


@functools.lru_cache(maxsize=1)
def extractors() -> dict[str, ModuleType]:
    """Map lower-case file extension → extractor module."""
    found: dict[str, ModuleType] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for extension in getattr(module, "EXTENSIONS", ()):
            found[extension] = module
    return found


def extractor_for(name: str) -> ModuleType | None:
    return extractors().get(PurePosixPath(name).suffix.lower())

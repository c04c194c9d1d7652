"""Our recognizers, one class per module, found by scanning this package (no hand-kept list)."""
from __future__ import annotations

import importlib
import inspect
import pkgutil

from presidio_analyzer import EntityRecognizer


def discover() -> dict[str, type[EntityRecognizer]]:
    """Map class name → recognizer class for every module in this package."""
    found: dict[str, type[EntityRecognizer]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, EntityRecognizer) and cls.__module__ == module.__name__:
                found[name] = cls
    return found

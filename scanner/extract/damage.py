"""What a parser raises on a damaged file, turned into our ExtractError with a reason.

pypdf, python-docx, olefile, zipfile and calamine raise dozens of types on damaged input (KeyError,
ValueError, zlib.error, AssertionError, a Rust panic, ...): which ones is their implementation, not
a contract, and fuzzing (tests/test_fuzz.py) keeps finding new ones. So each extractor reads
inside ``damaged_as_error``, which names the item and the exception's type but never its message:
a parser's message may quote the file's content.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from scanner.errors import ExtractError, ScanError


@contextmanager
def damaged_as_error(name: str, reason: str) -> Iterator[None]:
    """Raise what the block raises as ``ExtractError("{name}: {reason}")``, ``{error}`` in ``reason``
    replaced by the exception's type name; our own errors (a password-protected file is skipped)
    pass unchanged."""
    try:
        yield
    except ScanError:
        raise
    except BaseException as exc:
        if not _is_parser_failure(exc):
            raise
        raise ExtractError(f"{name}: {reason.format(error=type(exc).__name__)}") from None


def _is_parser_failure(exc: BaseException) -> bool:
    # A Rust parser's panic (python-calamine) comes as pyo3's PanicException, which is no Exception;
    # KeyboardInterrupt, SystemExit and GeneratorExit (a generator closed early) must pass.
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"

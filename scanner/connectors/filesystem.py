"""Local and NFS-mounted folders (or a single file), read-only, never following a link out of the root."""
from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from scanner.connectors import SourceOptions
from scanner.errors import ExtractError, SourceError
from scanner.records import Item

SCHEMES = ("", "file")
# O_NOATIME keeps access times as they were, where the platform and our privileges allow it.
_NOATIME = getattr(os, "O_NOATIME", 0)


class FilesystemConnector:
    def __init__(self, uri: str, options: SourceOptions):
        path = uri[len("file://"):] if uri.startswith("file://") else uri
        self.root = Path(path).expanduser().resolve()
        if not self.root.exists():
            raise SourceError(f"{path}: no such file or folder")
        self.source = str(self.root)
        self.options = options

    def items(self) -> Iterator[Item]:
        if self.root.is_file():
            yield self._item(self.root, self.root.name)
            return
        for folder, dirs, files in os.walk(self.root, followlinks=False):
            dirs.sort()
            for name in sorted(files):
                path = Path(folder, name)
                relative = path.relative_to(self.root).as_posix()
                if path.is_symlink() or any(fnmatch.fnmatch(relative, g) for g in self.options.exclude):
                    continue
                yield self._item(path, relative)

    def _item(self, path: Path, relative: str) -> Item:
        stat = path.stat()
        modified = datetime.fromtimestamp(stat.st_mtime, tz=UTC)
        return Item(self.source, relative, "file", stat.st_size, modified)

    def path_of(self, item: Item) -> Path:
        return self.root if self.root.is_file() else self.root / item.name

    def read(self, item: Item) -> bytes:
        if item.size_bytes is not None and item.size_bytes > self.options.max_file_bytes:
            raise ExtractError(f"{item.name}: larger than the {self.options.max_file_bytes // 2**20} MB limit")
        path = self.path_of(item)
        try:
            fd = _open_readonly(path)
        except PermissionError:
            raise ExtractError(f"{item.name}: permission denied (run as a user who can read it)") from None
        with os.fdopen(fd, "rb") as handle:
            return handle.read()


def _open_readonly(path: Path) -> int:
    try:
        return os.open(path, os.O_RDONLY | _NOATIME)
    except PermissionError:
        if not _NOATIME:
            raise
        # O_NOATIME is allowed only to the file's owner (or root); fall back to a plain read.
        return os.open(path, os.O_RDONLY)


CONNECTOR = FilesystemConnector

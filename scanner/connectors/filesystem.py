"""Local and NFS-mounted folders (or a single file), read-only, never following a link.

Symbolic links are reported as skipped items, not followed: a link may lead out of the root or
into a loop, and a target inside the root is scanned under its own path anyway. Files are opened
with O_NOFOLLOW (a file swapped for a link after listing is refused) and O_NOATIME where allowed.
"""
from __future__ import annotations

import grp
import os
import pwd
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from scanner.connectors import SourceOptions, wanted_file
from scanner.errors import ExtractError, SkippedError, SourceError
from scanner.records import Item

SCHEMES = ("", "file")
# O_NOATIME keeps access times as they were, where the platform and our privileges allow it.
_NOATIME = getattr(os, "O_NOATIME", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def exposure(info: os.stat_result) -> str:
    """Who may read a file by its POSIX permissions: ``owner=alice group=staff mode=0644 world-readable``."""
    words = [f"owner={_name(pwd.getpwuid, info.st_uid)}", f"group={_name(grp.getgrgid, info.st_gid)}",
             f"mode={stat.S_IMODE(info.st_mode):04o}"]
    words += [word for bit, word in ((stat.S_IROTH, "world-readable"), (stat.S_IWOTH, "world-writable"))
              if info.st_mode & bit]
    return " ".join(words)


def _name(lookup, number: int) -> str:
    try:
        return lookup(number)[0]
    except KeyError:  # an ID from another machine (NFS) has no local name
        return str(number)


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
            yield self._item(self.root, self.root.name, display_name(self.root.name))
            return
        unlisted: list[OSError] = []
        # followlinks=False: linked folders are listed in `dirs` but never entered, so no loops.
        for folder, dirs, files in os.walk(self.root, onerror=unlisted.append, followlinks=False):
            yield from self._unlisted(unlisted)
            dirs.sort()
            links = [d for d in dirs if Path(folder, d).is_symlink()]
            for name in sorted([*files, *links]):
                path = Path(folder, name)
                relative = path.relative_to(self.root).as_posix()
                name = display_name(relative)
                if wanted_file(name, self.options):
                    yield self._item(path, relative, name)
        yield from self._unlisted(unlisted)

    def _unlisted(self, errors: list[OSError]) -> Iterator[Item]:
        """Folders that could not be listed, as items whose reading gives the reason."""
        for error in errors:
            relative = Path(error.filename).relative_to(self.root).as_posix()
            yield Item(self.source, display_name(relative), "folder", locator=relative)
        errors.clear()

    def _item(self, path: Path, relative: str, name: str) -> Item:
        info = path.lstat()
        kind = ("link" if stat.S_ISLNK(info.st_mode) else "file" if stat.S_ISREG(info.st_mode)
                else "special")  # never opened: a named pipe would block, a device might act
        modified = datetime.fromtimestamp(info.st_mtime, tz=UTC)
        return Item(self.source, name, kind, info.st_size, modified, exposure(info),
                    locator=None if name == relative else relative)

    def path_of(self, item: Item) -> Path:
        return self.root if self.root.is_file() else self.root / (item.locator or item.name)

    def read(self, item: Item) -> bytes:
        path = self.path_of(item)
        if item.kind == "folder":
            raise ExtractError(_unlisted_reason(item.name, path))
        if item.kind == "link":
            raise SkippedError(self._link_reason(item.name, path))
        if item.kind == "special":
            raise SkippedError(f"{item.name}: {_file_kind(path.lstat().st_mode)}, not a regular file")
        if item.size_bytes is not None and item.size_bytes > self.options.max_file_bytes:
            raise SkippedError(too_large(item.name, self.options.max_file_bytes))
        return read_file(path, item.name, self.options.max_file_bytes)

    def _link_reason(self, name: str, path: Path) -> str:
        try:
            target = path.resolve()
        except RuntimeError:  # Python 3.11 raises this for a loop of links
            return f"{name}: symbolic link in a loop (it leads back to itself), not followed"
        if not target.exists():
            return f"{name}: symbolic link to nothing (broken), not followed"
        if not target.is_relative_to(self.root):
            return f"{name}: symbolic link out of the scanned folder, not followed (scan its target as a source)"
        return f"{name}: symbolic link, not followed (its target is scanned as {target.relative_to(self.root)})"


def display_name(relative: str) -> str:
    """A path as text that can be written anywhere: each part that is not UTF-8 is read as GB18030
    (legacy Chinese shares) when it is valid GB18030, else its bytes are shown escaped (``\\xc3``)."""
    if relative.isascii():
        return relative
    return "/".join(_display_part(part) for part in relative.split("/"))


def _display_part(part: str) -> str:
    raw = os.fsencode(part)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "backslashreplace")


def _unlisted_reason(name: str, path: Path) -> str:
    try:
        os.listdir(path)
    except PermissionError:
        return (f"{name}: folder cannot be listed (permission denied); its files were not scanned "
                "(run as a user who can read it)")
    except OSError as exc:
        return f"{name}: folder cannot be listed ({exc.strerror}); its files were not scanned"
    return f"{name}: folder could not be listed during the scan; its files were not scanned (scan it again)"


def too_large(name: str, max_bytes: int) -> str:
    return f"{name}: larger than the {max_bytes // 2**20} MB limit (raise scan.max_file_mb to read it)"


def read_file(path: Path, name: str, max_bytes: int) -> bytes:
    """A regular file's bytes, read without following a link or, where allowed, changing its access time.

    ExtractError when it cannot be opened; SkippedError when it is larger than ``max_bytes`` or not
    a regular file (O_NONBLOCK: opening a named pipe returns at once instead of waiting for a writer).
    """
    try:
        fd = _open_readonly(path)
    except PermissionError:
        raise ExtractError(f"{name}: permission denied (run as a user who can read it)") from None
    except OSError as exc:
        raise ExtractError(f"{name}: cannot be opened ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SkippedError(f"{name}: {_file_kind(info.st_mode)}, not a regular file")
        # Read what the file holds, not max_bytes: a buffer of the limit's size is allocated up front.
        data = handle.read(min(info.st_size, max_bytes) + 1)
        if len(data) > info.st_size:  # it grew since: the rest, up to the limit
            data += handle.read(max_bytes + 1 - len(data))
    if len(data) > max_bytes:
        raise SkippedError(too_large(name, max_bytes))
    return data


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "named pipe (FIFO)"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
             (stat.S_ISBLK, "block device"), (stat.S_ISDIR, "folder"))
    return next((word for test, word in kinds if test(mode)), "special file")


def _open_readonly(path: Path) -> int:
    flags = os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK
    try:
        return os.open(path, flags | _NOATIME)
    except PermissionError:
        if not _NOATIME:
            raise
        # O_NOATIME is allowed only to the file's owner (or root); fall back to a plain read.
        return os.open(path, flags)


CONNECTOR = FilesystemConnector

"""Items inside items (archive members, mail attachments), read in memory under limits.

Nothing is ever extracted to disk. A member is read through a bounded stream, so a header that lies
about sizes cannot make us inflate more than the limits allow (zip bombs).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

READ_BLOCK = 1 << 20
# A member smaller than this is never refused for its ratio: tiny files of repeated text compress well.
RATIO_FLOOR = 1 << 20


@dataclass(frozen=True)
class Limits:
    """How far a scan goes into archives; every limit reached is reported as a skipped member."""

    # config/scan.yaml's `archives:` section sets these (max_member_bytes comes from max_file_mb).
    max_depth: int = 3  # archives inside archives: a.zip!b.zip!c.zip!d.txt is depth 3
    max_member_bytes: int = 100 * 2**20
    max_total_bytes: int = 1024 * 2**20  # uncompressed, for one top-level item and all it holds
    max_ratio: int = 100  # uncompressed / compressed
    max_members: int = 10_000


@dataclass(frozen=True)
class Member:
    """One item inside another: its bytes, or why they were not read (``reason``, with ``status``)."""

    name: str  # path inside the container, with '/'
    data: bytes | None
    size: int | None = None
    modified_at: datetime | None = None
    reason: str | None = None
    status: str = "skipped"  # when ``data`` is None: skipped (a limit, a password) or error (damaged)


class Budget:
    """What is left of the limits while one top-level item and everything inside it are read."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.total = 0
        self.members = 0

    def refusal(self, size: int | None, compressed: int | None) -> str | None:
        """Why a member of declared ``size`` (and ``compressed`` size) must not be read, or None."""
        if self.members >= self.limits.max_members:
            return f"not read: the archive limit of {self.limits.max_members} members was reached"
        return None if size is None else self._size_refusal(size, compressed, "")

    def _size_refusal(self, size: int, compressed: int | None, more: str) -> str | None:
        limits = self.limits
        if size > limits.max_member_bytes:
            return f"not read: {more}{_mb(size)} uncompressed, above the {_mb(limits.max_member_bytes)} limit"
        if self.total + size > limits.max_total_bytes:
            return f"not read: the archive limit of {_mb(limits.max_total_bytes)} uncompressed in total was reached"
        if compressed and size > RATIO_FLOOR and size / compressed > limits.max_ratio:
            return (f"not read: compression ratio {more}{size // compressed}:1, above the {limits.max_ratio}:1 limit "
                    "(possible zip bomb)")
        return None

    def member(self, name: str, stream: BinaryIO, size: int | None, compressed: int | None) -> Member:
        """The member, or why it is not read, judged on its declared size first and then as it is read."""
        reason = self.refusal(size, compressed)
        return Member(name, None, size, reason=reason) if reason else self.read(stream, name, compressed)

    def read(self, stream: BinaryIO, name: str, compressed: int | None) -> Member:
        """Read ``stream`` up to the limits, whatever its header declared; a member over them is refused."""
        self.members += 1
        parts, size = [], 0
        while block := stream.read(READ_BLOCK):
            size += len(block)
            reason = self._size_refusal(size, compressed, "more than ")
            if reason:
                self.total += size
                return Member(name, None, None, reason=reason)
            parts.append(block)
        self.total += size
        return Member(name, b"".join(parts), size)


def _mb(size: int) -> str:
    return f"{size // 2**20} MB"

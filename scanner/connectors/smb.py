"""SMB 2/3 shares through smbprotocol: ``smb://user@host[:port]/share/path``, read-only.

The password comes from ``PIIAUDIT_SMB_PASSWORD`` or a mount.cifs-style credentials file named by
``PIIAUDIT_SMB_CREDENTIALS`` — never from the URI, so the source string stored everywhere holds none.
Shares that require encryption are encrypted by smbprotocol as the server asks (SMB 3).
Handles ask for read rights only; nothing is written and no timestamp is set.
"""
from __future__ import annotations

import functools
import os
import stat
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import smbclient
from smbprotocol.exceptions import LogonFailure, SMBException, SMBOSError, SMBResponseException
from smbprotocol.file_info import FileAttributes
from smbprotocol.header import NtStatus
from smbprotocol.open import FilePipePrinterAccessMask

from scanner.connectors import SourceOptions, redact, wanted_file
from scanner.connectors.filesystem import too_large
from scanner.connectors.smb_security import exposure, query_descriptor
from scanner.errors import ExtractError, SkippedError, SourceError
from scanner.records import Item

SCHEMES = ("smb",)
PASSWORD_ENV = "PIIAUDIT_SMB_PASSWORD"
CREDENTIALS_ENV = "PIIAUDIT_SMB_CREDENTIALS"
_CONNECT_TIMEOUT_S = 15
# A server that gives no file IDs cannot show a loop of links; this depth still ends one.
_MAX_DEPTH = 64
_READ_ONLY = FilePipePrinterAccessMask.FILE_READ_DATA | FilePipePrinterAccessMask.FILE_READ_ATTRIBUTES
_CREDENTIAL_KEYS = {"username": "username", "user": "username", "password": "password", "pass": "password",
                    "domain": "domain", "dom": "domain"}


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str = field(default="", repr=False)
    domain: str = ""

    def login(self) -> str:
        return f"{self.domain}\\{self.username}" if self.domain else self.username


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    share: str
    path: str  # inside the share, with '/'; '' for the share's root

    def unc(self, relative: str = "") -> str:
        parts = [p for p in (self.path, relative) if p]
        inner = "/".join(parts).replace("/", "\\")
        return f"\\\\{self.host}\\{self.share}" + (f"\\{inner}" if inner else "")

    def where(self) -> str:
        """The share and path, for messages: ``//host:port/share/path``."""
        return f"//{self.host}:{self.port}/{self.share}" + (f"/{self.path}" if self.path else "")


def parse_uri(uri: str) -> tuple[Target, str]:
    """The share to read and the user name in ``uri`` ('' when the credentials file gives it)."""
    parts = urlsplit(uri)
    if parts.password is not None:
        raise SourceError(f"{redact(uri)}: do not put the password in the URI; set {PASSWORD_ENV} or "
                          f"{CREDENTIALS_ENV} instead")
    try:
        port = parts.port or 445
    except ValueError:
        raise SourceError(f"{redact(uri)}: the port is not a number") from None
    share, _, path = unquote(parts.path).strip("/").partition("/")
    if not parts.hostname or not share:
        raise SourceError(f"{redact(uri)}: expected smb://user@host[:port]/share[/path]")
    return Target(parts.hostname, port, share, path.strip("/")), unquote(parts.username or "")


def load_credentials(user: str) -> Credentials:
    """Who to log on as: the URI's user with ``PIIAUDIT_SMB_PASSWORD``, else the credentials file."""
    domain, _, name = user.rpartition(";")  # smb://DOMAIN;user@host, as in the SMB URI draft
    environ = os.environ
    if environ.get(PASSWORD_ENV):
        if not name:
            raise SourceError(f"no user name: write smb://user@host/share (the password is in {PASSWORD_ENV})")
        return Credentials(name, environ[PASSWORD_ENV], domain)
    if environ.get(CREDENTIALS_ENV):
        found = read_credentials_file(Path(environ[CREDENTIALS_ENV]))
        username = name or found.username
        if not username:
            raise SourceError(f"{environ[CREDENTIALS_ENV]}: no username= line and no user in the URI")
        return Credentials(username, found.password, domain or found.domain)
    raise SourceError(f"no SMB password: set {PASSWORD_ENV}, or {CREDENTIALS_ENV} to a credentials file "
                      "with username=... and password=... lines (mode 600)")


def read_credentials_file(path: Path) -> Credentials:
    """A mount.cifs credentials file; refused when group or others may read it."""
    try:
        mode, text = path.stat().st_mode, path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceError(f"{path}: cannot read the SMB credentials file ({exc.strerror})") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SourceError(f"{path}: the SMB credentials file is open to group or others "
                          f"(mode {stat.S_IMODE(mode):03o}); run chmod 600 {path}")
    values = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition("=")
        key = _CREDENTIAL_KEYS.get(key.strip().lower()) if sep else None
        if key is None:
            # The line itself is not quoted: it may hold the password.
            raise SourceError(f"{path}, line {number}: expected username=, password= or domain=")
        values[key] = value if key == "password" else value.strip()  # a password may end in a space
    return Credentials(values.get("username", ""), values.get("password", ""), values.get("domain", ""))


class SmbConnector:
    def __init__(self, uri: str, options: SourceOptions):
        self.target, user = parse_uri(uri)
        self.credentials = load_credentials(user)
        self.source = redact(uri).rstrip("/")
        self.options = options
        self._cache: dict = {}  # this connector's own connections, not smbclient's process-wide pool
        self._connected = False
        # Log off and close this connector's connections when it goes away (at the latest, at exit).
        weakref.finalize(self, smbclient.reset_connection_cache, fail_on_error=False, connection_cache=self._cache)

    def _session(self) -> dict:
        """The keyword arguments every smbclient call needs; logs on at first use."""
        session = {"port": self.target.port, "connection_cache": self._cache}
        if not self._connected:
            try:
                smbclient.register_session(self.target.host, self.credentials.login(), self.credentials.password,
                                           connection_timeout=_CONNECT_TIMEOUT_S, **session)
            except LogonFailure:
                raise SourceError(f"{self.target.where()}: logon failed for user {self.credentials.login()}; "
                                  f"check the password in {PASSWORD_ENV} or the credentials file") from None
            except (ValueError, OSError, SMBException) as exc:
                raise SourceError(f"{self.target.where()}: cannot connect ({self._reason(exc)}); check the host, the "
                                  "port and that the server accepts SMB 2 or 3 from this machine") from None
            self._connected = True
        return session

    def items(self) -> Iterator[Item]:
        root = self._root
        if not stat.S_ISDIR(root.st_mode):
            modified = datetime.fromtimestamp(root.st_mtime, tz=UTC)
            yield Item(self.source, self.target.path.rsplit("/", 1)[-1], "file", root.st_size, modified,
                       self._exposure(""))
            return
        yield from self._walk("", {root.st_ino}, 0)

    @functools.cached_property
    def _root(self) -> os.stat_result:
        """What the URI names: the share, a folder in it, or one file."""
        try:
            return smbclient.stat(self.target.unc(), **self._session())
        except (OSError, SMBException) as exc:
            raise SourceError(f"{self.target.where()}: {self._reason(exc)}") from None

    def _walk(self, folder: str, seen: set[int], depth: int) -> Iterator[Item]:
        try:
            with smbclient.scandir(self.target.unc(folder), **self._session()) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except (OSError, SMBException) as exc:
            if not folder:
                raise SourceError(f"{self.target.where()}: cannot list the folder ({self._reason(exc)})") from None
            yield Item(self.source, folder, "folder")  # a coverage gap: read() says why
            return
        folders = []
        for entry in entries:
            info, relative = entry.smb_info, f"{folder}/{entry.name}".lstrip("/")
            if info.file_attributes & FileAttributes.FILE_ATTRIBUTE_REPARSE_POINT:
                # A symlink or junction may lead out of the root: never followed, reported as local links are.
                if wanted_file(relative, self.options):
                    yield Item(self.source, relative, "link", modified_at=info.last_write_time)
            elif info.file_attributes & FileAttributes.FILE_ATTRIBUTE_DIRECTORY:
                # Samba shows links inside the share as plain folders: a file ID seen before is a loop.
                if info.file_id not in seen:
                    seen.add(info.file_id)
                    folders.append(relative)
                elif wanted_file(relative, self.options):
                    yield Item(self.source, relative, "loop", modified_at=info.last_write_time)
            elif wanted_file(relative, self.options):
                yield Item(self.source, relative, "file", info.end_of_file, info.last_write_time,
                           self._exposure(relative))
        for relative in folders:
            if depth + 1 < _MAX_DEPTH:
                yield from self._walk(relative, seen, depth + 1)
            else:
                yield Item(self.source, relative, "folder")

    def _exposure(self, relative: str) -> str:
        try:
            return exposure(query_descriptor(self.target.unc(relative), **self._session()))
        except (OSError, SMBException) as exc:
            return f"unknown: security descriptor not readable ({self._reason(exc)})"

    def read(self, item: Item) -> bytes:
        if item.kind == "folder":
            raise ExtractError(self._folder_gap(item.name))
        if item.kind in _NOT_FOLLOWED:
            raise SkippedError(f"{item.name}: {_NOT_FOLLOWED[item.kind]}")
        limit = self.options.max_file_bytes
        if item.size_bytes is not None and item.size_bytes > limit:
            raise SkippedError(too_large(item.name, limit))
        path = self.target.unc(item.name if stat.S_ISDIR(self._root.st_mode) else "")
        try:
            with smbclient.open_file(path, "rb", share_access="rwd", desired_access=_READ_ONLY,
                                     **self._session()) as handle:
                # What the listing said it holds (+1 to see growth), not a buffer of the limit's size.
                data = handle.read(min(limit, item.size_bytes if item.size_bytes is not None else limit) + 1)
                if item.size_bytes is not None and len(data) > item.size_bytes:
                    data += handle.read(limit + 1 - len(data))
        except (OSError, SMBException, ValueError) as exc:  # ValueError: reconnecting to a server that went away
            raise ExtractError(f"{item.name}: could not be read over SMB ({self._reason(exc)})") from None
        if len(data) > limit:  # the file grew after it was listed
            raise SkippedError(too_large(item.name, limit))
        return data

    def _folder_gap(self, folder: str) -> str:
        """Why a folder's files were not listed: it cannot be listed, or it lies too deep."""
        try:
            smbclient.listdir(self.target.unc(folder), **self._session())
        except (OSError, SMBException) as exc:
            return f"{folder}: folder not scanned, it cannot be listed ({self._reason(exc)})"
        return f"{folder}: folder not scanned, more than {_MAX_DEPTH} folders deep (a loop of links?)"

    def _reason(self, exc: Exception) -> str:
        """Why an SMB call failed, in words, with the password blanked should a library ever quote it."""
        status = getattr(exc, "ntstatus", None) or getattr(exc, "status", None)
        if isinstance(exc, SMBOSError | SMBResponseException) and status:
            name = next((n for n, v in vars(NtStatus).items() if v == status), f"NTSTATUS 0x{status:08x}")
            text = _STATUS_ADVICE.get(status, name.removeprefix("STATUS_").lower().replace("_", " "))
        else:
            text = str(exc) or type(exc).__name__  # connection errors: host, port and the system's reason
        password = self.credentials.password
        return text.replace(password, "***") if password else text


# Why an entry of a listing was not walked: the server shows it as a link, or a folder seen before.
_NOT_FOLLOWED = {
    "link": "link on the server (reparse point: a symbolic link or junction), not followed",
    "loop": "folder reached again through a link on the server (a loop, or a second path to a folder "
            "scanned under its other name), not walked again",
}

# What to do about the statuses a person meets most.
_STATUS_ADVICE = {
    NtStatus.STATUS_BAD_NETWORK_NAME: "no such share on the server: check the share name",
    # smbclient asks for a DFS referral when a share is missing, and reports this when there is none.
    NtStatus.STATUS_NOT_FOUND: "no such share on the server: check the share name",
    NtStatus.STATUS_OBJECT_NAME_NOT_FOUND: "no such file or folder on the share",
    NtStatus.STATUS_OBJECT_PATH_NOT_FOUND: "no such folder on the share",
    NtStatus.STATUS_ACCESS_DENIED: "access denied: grant the scanning account read access",
}

CONNECTOR = SmbConnector

"""What the server fixtures share: a free loopback port, a private folder and running as a non-root user."""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def service_user(name: str) -> str | None:
    """The account to run a server as: ``name`` when we are root (servers refuse root), else ourselves."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name], check=True)
    return name


def private_dir(prefix: str, owner: str | None) -> Path:
    """A fresh 0700 folder owned by ``owner`` (when given): the server's data, socket and log live here."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    if owner:
        shutil.chown(path, owner, owner)
    return path


def run(command: Sequence[str], user: str | None, **kwargs) -> subprocess.CompletedProcess:
    """Run ``command`` as ``user`` (via runuser when root), failing loudly with its output."""
    full = ["runuser", "-u", user, "--", *command] if user else list(command)
    result = subprocess.run(full, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:1])} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def wait_until(ready: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not become ready within {seconds:.0f}s")


def stop(process: subprocess.Popen, home: Path) -> None:
    """Stop a server started by a fixture (politely, then not) and remove its private folder."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    shutil.rmtree(home, ignore_errors=True)


def missing_server(name: str, package: str) -> None:
    """Skip loudly: only when the server binaries cannot be found at all."""
    pytest.skip(f"!!! {name} server binaries not found: install the Debian package '{package}' "
                f"(`make test-deps` does it from tests/apt-packages.txt) — SQL tests NOT RUN !!!")

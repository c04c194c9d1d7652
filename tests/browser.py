"""A real headless Chromium for report tests: one-shot runs (--dump-dom, --screenshot) and a DevTools
session that records every request a page makes. Each run gets a fresh profile in a temporary folder.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
import websocket

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--hide-scrollbars",
         # Nothing may leave the machine even if a page asked: every host name fails to resolve.
         "--host-resolver-rules=MAP * ~NOTFOUND")
TIMEOUT = 60


def chromium() -> str:
    binary = shutil.which("chromium")
    if binary is None:
        pytest.skip("LOUD SKIP: Debian package `chromium` is not installed; run `make test-deps` "
                    "(tests/apt-packages.txt lists it) to test the report in a real browser")
    return binary


def run(url: str, *args: str) -> subprocess.CompletedProcess:
    """One headless run with a fresh profile, e.g. run(url, "--dump-dom")."""
    with fresh_profile() as profile:
        return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args, url],
                              capture_output=True, text=True, timeout=TIMEOUT, check=True)


class DevTools:
    """One page target of a running Chromium, driven over the DevTools protocol's websocket."""

    def __init__(self, socket_url: str):
        self.socket = websocket.create_connection(socket_url, timeout=TIMEOUT, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, seconds: float = TIMEOUT) -> dict:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            message = json.loads(self.socket.recv())
            self.events.append(message)
            if message.get("method") == method:
                return message
        raise TimeoutError(f"no {method} within {seconds} s")

    def open(self, url: str) -> None:
        """Record requests from the very first one, load ``url`` and let late loads (images, fonts) start."""
        self.call("Network.enable")
        self.call("Page.enable")
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        self.call("Runtime.evaluate", expression="new Promise(r => setTimeout(r, 500))", awaitPromise=True)

    def requested(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result["result"].get("value")

    def pdf(self) -> bytes:
        return base64.b64decode(self.call("Page.printToPDF", printBackground=True)["data"])

    def events_named(self, method: str) -> list[dict]:
        return [e for e in self.events if e.get("method") == method]


@contextmanager
def devtools():
    """A Chromium with the DevTools protocol on a port it picks itself, and a session on its blank page."""
    with fresh_profile() as profile:
        # Its own process group: the renderer, GPU and crashpad helpers outlive the browser process and
        # go on writing to the profile, so all of them are stopped before the profile is removed.
        process = subprocess.Popen([chromium(), *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
                                    "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        try:
            port = _devtools_port(Path(profile), process)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=TIMEOUT) as response:
                pages = [t for t in json.load(response) if t["type"] == "page"]
            session = DevTools(pages[0]["webSocketDebuggerUrl"])
            try:
                yield session
            finally:
                session.socket.close()
        finally:
            _stop_group(process)


def _stop_group(process: subprocess.Popen) -> None:
    """Terminate chromium and every helper it started."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=TIMEOUT)


@contextmanager
def fresh_profile():
    """A temporary profile folder, removed afterwards: chromium's helpers may still be writing to it
    for a moment after the browser exits, so removal is retried for a few seconds."""
    profile = tempfile.mkdtemp(prefix="piiaudit-chromium-")
    try:
        yield profile
    finally:
        deadline = time.monotonic() + 10
        while True:
            try:
                shutil.rmtree(profile)
                break
            except FileNotFoundError:
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


def _devtools_port(profile: Path, process: subprocess.Popen) -> int:
    """Chromium writes the port it chose to DevToolsActivePort in the profile (no race for a free port)."""
    deadline = time.monotonic() + TIMEOUT
    marker = profile / "DevToolsActivePort"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chromium exited with {process.returncode} before DevTools started")
        if marker.is_file() and marker.read_text().strip():
            return int(marker.read_text().split()[0])
        time.sleep(0.05)
    raise TimeoutError("chromium did not start DevTools")

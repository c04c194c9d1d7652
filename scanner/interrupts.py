"""Signals that stop a scan cleanly: SIGTERM, SIGHUP and Ctrl-C become exceptions in the scanning thread."""
from __future__ import annotations

import signal
import threading

from scanner.errors import ScanInterrupted


class Interrupts:
    """SIGTERM (what ``timeout``, ``kill`` and systemd send) and SIGHUP raise ScanInterrupted in the
    scanning thread, as Ctrl-C raises KeyboardInterrupt, so that the scan stops cleanly. ``hold()``
    defers them until the context ends, when the previous handlers are back: a scan told to stop while
    publishing finishes publishing, then stops. Main thread only; elsewhere signals are left alone."""

    SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)

    def __init__(self):
        self.active = threading.current_thread() is threading.main_thread()
        self.previous: dict = {}
        self.held = False

    def __enter__(self):
        if self.active:
            self.previous = {n: signal.signal(n, self._interrupt) for n in self.SIGNALS if n != signal.SIGINT}
        return self

    @staticmethod
    def _interrupt(signum, frame):
        raise ScanInterrupted(signal.Signals(signum).name)

    def hold(self) -> None:
        if self.active:
            signal.pthread_sigmask(signal.SIG_BLOCK, self.SIGNALS)
            self.held = True

    def __exit__(self, *exc):
        for number, handler in self.previous.items():
            signal.signal(number, handler)
        if self.held:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, self.SIGNALS)

"""The exception tree. Library code raises these; only the CLI turns them into click errors."""


class ScanError(Exception):
    """Base of every error piiaudit reports to a person."""


class ConfigError(ScanError):
    """A configuration file or value is invalid; the message names the file and the key."""


class SourceError(ScanError):
    """A source (path, share, database) cannot be opened or listed."""


class ExtractError(ScanError):
    """One item cannot be read; the scan records it as a coverage gap and goes on."""


class SkippedError(ExtractError):
    """An item piiaudit will not read (password-protected, encrypted, not supported): recorded as
    ``skipped`` with the reason, not as an ``error``."""


class ModelMissingError(ScanError):
    """The spaCy model package is not installed."""


class OutputError(ScanError):
    """The scan's results cannot be written (disk full, no permission); what was written stays readable."""


class ScanInterrupted(ScanError):
    """A scan stopped by a signal (SIGTERM, SIGINT); its finished items are kept and it says so."""

    def __init__(self, signal_name: str):
        super().__init__(f"scan interrupted by {signal_name}")
        self.signal_name = signal_name

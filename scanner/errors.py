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

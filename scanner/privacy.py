"""Masking and keyed hashing: the only way a detected value leaves memory."""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from pathlib import Path

import platformdirs

from scanner.errors import ConfigError

KEY_ENV = "PIIAUDIT_KEY"
_SEPARATORS = re.compile(r"[\s\-–—_.()（）/]+")
# Types whose value is a number or code: separators carry no identity, case does not matter.
_CODE_TYPES = {
    "PHONE_NUMBER", "CN_RESIDENT_ID", "CN_PASSPORT", "CN_USCC", "US_SSN", "PASSPORT",
    "DRIVER_LICENSE", "CREDIT_CARD", "BANK_ACCOUNT", "IBAN_CODE",
}


def key_path() -> Path:
    """Where the installation key lives: the user's config folder, never the output folder."""
    return Path(platformdirs.user_config_dir("piiaudit")) / "key"


def load_key() -> bytes:
    """The HMAC key: ``PIIAUDIT_KEY`` if set, else the key file, created (mode 0600) on first use."""
    from_env = os.environ.get(KEY_ENV)
    if from_env:
        return from_env.encode("utf-8")
    path = key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # O_EXCL: two processes starting at once must not both write a key.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
    try:
        key = path.read_text().strip()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the hashing key ({exc.strerror}); set {KEY_ENV}") from None
    if not key:
        raise ConfigError(f"{path}: the hashing key file is empty; delete it or set {KEY_ENV}")
    return key.encode("utf-8")


def normalise(entity_type: str, value: str) -> str:
    """The form two spellings of the same value share, so one person hashes the same everywhere."""
    text = unicodedata.normalize("NFKC", value).strip()
    if entity_type in _CODE_TYPES:
        text = _SEPARATORS.sub("", text).upper()
        if entity_type == "PHONE_NUMBER":
            text = re.sub(r"^(\+?0{0,2}86)(1\d{10})$", r"\2", text.lstrip("+"))
        return text
    return " ".join(text.split()).casefold()


def value_hash(key: bytes, entity_type: str, value: str) -> str:
    return hmac.new(key, normalise(entity_type, value).encode("utf-8"), hashlib.sha256).hexdigest()


def mask(entity_type: str, value: str) -> str:
    """Keep just enough to recognise the kind of value: ``1101**********1234``, ``张*``, ``j***@x.com``."""
    value = value.strip()
    if entity_type == "EMAIL_ADDRESS" and "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    if entity_type == "CREDENTIAL":
        # Never a part of a short secret, nor its length; a long token keeps its kind prefix (gh, AK, sk).
        return (value[:2] if len(value) >= 16 else "") + "********"
    if entity_type == "PERSON":
        words = value.split()
        if len(words) > 1:
            return " ".join(f"{w[:1]}." if i else w[:1] + "*" * (len(w) - 1) for i, w in enumerate(words))
        return value[:1] + "*" * max(len(value) - 1, 1)
    if entity_type in _CODE_TYPES or entity_type == "IP_ADDRESS":
        compact = value
        if len(compact) >= 12:
            return compact[:4] + "*" * (len(compact) - 8) + compact[-4:]
        if len(compact) >= 7:
            return compact[:3] + "*" * (len(compact) - 7) + compact[-4:]
        return compact[:1] + "*" * (len(compact) - 1)
    # Free text (addresses, conditions, ...): the first characters say what it is, no more.
    keep = 2 if len(value) > 6 else 1
    return value[:keep] + "*" * min(len(value) - keep, 12)

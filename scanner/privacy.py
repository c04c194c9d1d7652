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


# Masks leave at least MASK_MIN_LEFT possible values for whatever they show (DESIGN.md, "Privacy of
# the tool's own output"). Codes keep a head and a tail of their characters without separators:
# (head, tail) at most, shrunk (head first) until the hidden characters leave enough values.
MASK_MIN_LEFT = 10**4
_CODE_ENDS = {
    "CN_RESIDENT_ID": (4, 4),  # region prefix and sequence + check: the birth date (digits 7-14) stays hidden
    "CN_USCC": (4, 4),
    "US_SSN": (0, 4),  # the last four at most, as the SSA and every US statement print it
    "CREDIT_CARD": (4, 4),  # fewer than PCI DSS 3.4.1 allows (BIN + last four)
    "BANK_ACCOUNT": (0, 4),
    "IBAN_CODE": (2, 4),  # the country
    "PHONE_NUMBER": (3, 4),  # a mobile's carrier prefix: 138****8000 leaves exactly 10^4
    "CN_PASSPORT": (2, 4),  # leading letters only (_LETTER_HEAD)
    "PASSPORT": (2, 4),
    "DRIVER_LICENSE": (2, 4),
}
_LETTER_HEAD = {"CN_PASSPORT", "PASSPORT", "DRIVER_LICENSE"}
# Check characters the shown and hidden ones must satisfy: they divide what is left.
CHECK_FACTOR = {"CREDIT_CARD": 10, "CN_RESIDENT_ID": 11, "CN_USCC": 31, "IBAN_CODE": 97}
# Values whose every form names the category itself (糖尿病, 回族, a date of birth): nothing is shown.
_HIDDEN_TYPES = {"MEDICAL_CONDITION", "RELIGION", "ETHNICITY", "BIOMETRIC", "DATE_OF_BIRTH"}
_HIDDEN = "******"


def mask(entity_type: str, value: str) -> str:
    """A form that says what kind of value it was and leaves at least ``MASK_MIN_LEFT`` values
    possible: ``1101**********1234``, ``*****8721``, ``张**``, ``j***@x.com``, ``192.168.*.*``."""
    value = value.strip()
    if entity_type in _CODE_ENDS:
        return _mask_code(entity_type, _SEPARATORS.sub("", unicodedata.normalize("NFKC", value)))
    if entity_type == "EMAIL_ADDRESS" and "@" in value:
        local, _, domain = value.rpartition("@")
        # The first letter only when three or more stay hidden (36^3 > 10^4); '***' never tells the length.
        return f"{local[:1] if len(local) >= 4 else ''}***@{domain}"
    if entity_type == "IP_ADDRESS":
        return _mask_ip(value)
    if entity_type == "CREDENTIAL":
        # Never a part of a short secret, nor its length; a long token keeps its kind prefix (gh, AK, sk).
        return (value[:2] if len(value) >= 16 else "") + "********"
    if entity_type == "PERSON":
        return _mask_name(value)
    if entity_type in _HIDDEN_TYPES:
        return _HIDDEN
    # Free text (addresses, places): the first two characters say what it is when six or more stay
    # hidden; the run of stars is fixed so it does not tell the length either.
    return (value[:2] if len(value) >= 8 else "") + _HIDDEN


def hidden_values(hidden: str) -> int:
    """How many values the hidden characters could take: 10 per digit, 26 per Latin letter, 36 else.
    (Conservative: a hidden digit of an alphanumeric code could be any of 36.)"""
    total = 1
    for char in hidden:
        total *= 10 if char.isdigit() else 26 if char.isascii() and char.isalpha() else 36
    return total


def _mask_code(entity_type: str, compact: str) -> str:
    head, tail = _CODE_ENDS[entity_type]
    if entity_type in _LETTER_HEAD:
        head = len(re.match(rf"[A-Za-z]{{0,{head}}}", compact).group())  # E, EA, DL: the kind, no digit
    factor = CHECK_FACTOR.get(entity_type, 1)
    while head + tail > 0:
        hidden = compact[head:len(compact) - tail]
        if len(compact) > head + tail and hidden_values(hidden) >= MASK_MIN_LEFT * factor:
            break
        head, tail = (head - 1, tail) if head else (head, tail - 1)
    return compact[:head] + "*" * (len(compact) - head - tail) + compact[len(compact) - tail:]


def _mask_ip(value: str) -> str:
    """The network half: two of four IPv4 octets (256^2 left), two IPv6 groups (2^96 left)."""
    if value.count(".") == 3 and ":" not in value:
        return ".".join(value.split(".")[:2]) + ".*.*"
    if ":" in value:
        return ":".join(value.split(":")[:2]) + ":*"
    return _HIDDEN


def _mask_name(value: str) -> str:
    """A Chinese name keeps its surname (张**), a Latin one its initials (J*** S***); the fixed runs of
    stars never tell how long the name was, so at least 8,105^2 (通用规范汉字表) or 26^3 values remain."""
    words = value.split()
    if len(words) > 1:
        return " ".join(f"{w[:1]}***" for w in words)
    if value and unicodedata.name(value[0], "").startswith("CJK"):
        return value[:1] + "**"
    return value[:1] + "***"

"""Predicates that reject known false positives of spaCy's English NER."""
from __future__ import annotations

import re

_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CODE = re.compile(r"^[A-Z0-9_\-]{2,}$")
_WORD = re.compile(r"[^\W\d_]{2,}")


def is_plausible_person(text: str) -> bool:
    """A name has letters, no digits, no Chinese inside English-routed text, and is not an ALL-CAPS code."""
    text = text.strip()
    return (bool(_WORD.search(text)) and not _DIGIT.search(text) and not _CJK.search(text)
            and not _CODE.match(text) and "=" not in text and "@" not in text and len(text) <= 60)

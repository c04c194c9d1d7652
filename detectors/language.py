"""Language routing: which recognizers and NLP pipeline a chunk of text gets."""
from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")
# A tenth of the letters being Chinese already means Chinese names and addresses are likely.
ZH_SHARE = 0.1


def cjk_share(text: str) -> float:
    """Share of letters that are CJK ideographs (0 when the text has no letters)."""
    letters = len(_LETTER.findall(text))
    return len(_CJK.findall(text)) / letters if letters else 0.0


def route(text: str, setting: str = "auto") -> str:
    """``zh`` or ``en`` for a chunk; ``setting`` forces a language unless it is ``auto``."""
    if setting != "auto":
        return setting
    return "zh" if cjk_share(text) >= ZH_SHARE else "en"

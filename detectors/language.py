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


# Two or more capitalised Latin words in a row ("John Smith", "Mary-Ann O'Neil"): an English name or
# address may be inside Chinese text, so spaCy's English pipeline must see it too.
_LATIN_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ '\-][A-Z][a-z]+)+\b")


def languages(text: str, setting: str = "auto") -> tuple[str, ...]:
    """The pipelines a chunk goes through: ``("zh",)``, ``("en",)`` or both for mixed text.

    Any Chinese character brings in the Chinese recognizers (a Chinese name in an English contract);
    English text, or Chinese text with capitalised Latin words, brings in spaCy's English pipeline.
    Both results are merged by the engine's overlap resolution.
    """
    if setting != "auto":
        return (setting,)
    if not _CJK.search(text):
        return ("en",)
    if cjk_share(text) < ZH_SHARE or _LATIN_NAME.search(text):
        return ("zh", "en")
    return ("zh",)


_NOT_ENGLISH = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def english_view(text: str) -> str:
    """``text`` with Chinese characters and full-width punctuation blanked, offsets unchanged.

    spaCy's English tokenizer does not split at Chinese characters, so in 联系人John Smith，电话 its
    PERSON would swallow the Chinese around the name; blanking them keeps the name alone.
    """
    return _NOT_ENGLISH.sub(" ", text)

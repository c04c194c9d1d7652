"""English personal names from spaCy's NER, with its span errors mended before filters.is_plausible_person.

Replaces Presidio's SpacyRecognizer: spaCy joins names on consecutive lines of a column ("Bryan Cruz\\nRyan
Rubio") into one entity; here each line of an entity is a result of its own. Surnames in a firm's name
("Gonzalez, Lopez and Foster", the way law firms and Faker's companies are named) are not people, and a
supplier, vendor or manufacturer named next to the match is negative context.
"""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

_LINE = re.compile(r"[^\n]+")
# Exactly three capitalised words as "A, B and C": a list of first names is longer or has full names.
_FIRM = re.compile(r"(?<!, )\b[A-Z][a-z]+, [A-Z][a-z]+,? (?:and|&) [A-Z][a-z]+\b"
                   r"(?!,\s*[A-Z]| (?:and|&) (?!(?:Mr|Mrs|Ms|Dr)\b)[A-Z])")
# Two surnames joined by a hyphen with no given name and no title is a firm (Velez-Henderson), as a person
# with a double-barrelled surname is named in full or as Mr/Ms Smith-Jones.
_HYPHENATED = re.compile(r"[A-Z][a-z]+-[A-Z][a-z]+")
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s*$")
# The value of a setting (PGUSER=Andrew Walsh, role=Admin) is a login or a sample, unless the key says name.
_SETTING_BEFORE = re.compile(r"(?<![\w.])([\w.-]+)\s*=\s*['\"]?$")
_NAME_KEY = re.compile(r"(?<!user)(?<!user_)name$", re.IGNORECASE)
# Part of a larger token: Olivia.Chen or chen_w is a login, chen@ a mailbox.
_JOINED = re.compile(r"[\w][._@]$")
# A line of source code or configuration; there a lower-case "name" (config, module.exports) is an identifier.
_CODE_LINE = re.compile(r"[{};=]|//|^\s*#|\w\(")


# A name has a proper noun (or a noun, or a foreign word, where the tagger is unsure) in it.
_NAME_POS = frozenset({"PROPN", "NOUN", "X"})


def _has_noun(nlp_artifacts, start: int, end: int) -> bool:
    """False for a piece of an entity made only of verbs and punctuation: spaCy's entity "Release
    5.6.5\n\n- Fixed" leaves "- Fixed" on its last line. True where the text has no part-of-speech tags."""
    doc = getattr(nlp_artifacts, "tokens", None)
    if doc is None or not doc.has_annotation("POS"):
        return True
    # The tokens of this span only (char_span, not a walk over the whole text for every entity).
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is None or any(t.pos_ in _NAME_POS for t in span)


class EnglishPersonRecognizer(SpacyRecognizer):
    ENTITY = "PERSON"
    REPLACES = ("SpacyRecognizer",)  # Presidio's, removed from the registry by the engine
    CONTEXT = ["name", "mr", "mrs", "ms", "dr", "dear", "contact", "customer", "patient", "employee", "candidate",
               "姓名", "联系人", "客户", "先生", "女士"]
    # Logins in authentication logs ("Accepted password for Kevin", "invalid user Admin") and sample names in
    # templates and config examples (e.g. Jane Roe) are not people's names.
    negative_context = ["supplier", "vendor", "manufacturer", "distributor", "company", "firm", "brand", "inc",
                        "ltd", "llc", "供应商", "制造商", "经销商", "厂商", "公司", "品牌", "user", "username", "login",
                        "logon", "principal", "uid", "password for", "sshd", "e.g.", "example", "sample",
                        "placeholder", "dummy", "示例", "例如", "样例", "范本", "模板"]

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_language=supported_language, supported_entities=[self.ENTITY],
                         name=type(self).__name__, context=self.CONTEXT)

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        firms = [m.span() for m in _FIRM.finditer(text)]
        for result in super().analyze(text, entities, nlp_artifacts):
            if any(start <= result.start and result.end <= end for start, end in firms) or (
                    _HYPHENATED.fullmatch(text, result.start, result.end)
                    and not _TITLE_BEFORE.search(text, max(0, result.start - 6), result.start)) or (
                    self._in_setting_or_token(text, result.start, result.end)):
                continue
            for line in _LINE.finditer(text, result.start, result.end):
                start = line.start() + len(line.group()) - len(line.group().lstrip())
                end = line.end() - len(line.group()) + len(line.group().rstrip())
                if end > start and _has_noun(nlp_artifacts, start, end):
                    results.append(RecognizerResult(result.entity_type, start, end, result.score,
                                                    result.analysis_explanation, result.recognition_metadata))
        return results

    @staticmethod
    def _in_setting_or_token(text: str, start: int, end: int) -> bool:
        """A setting's value, a piece of a login or an identifier in code (new Pool(…), a lower-case word)."""
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        setting = _SETTING_BEFORE.search(text, line_start, start)
        return bool(setting and not _NAME_KEY.search(setting.group(1)) or _JOINED.search(text, max(0, start - 2), start)
                    or end < len(text) - 1 and text[end] in "._@" and text[end + 1].isalnum()
                    or text[end:end + 1] == "("
                    or text[start].islower() and _CODE_LINE.search(text[line_start:line_end]))

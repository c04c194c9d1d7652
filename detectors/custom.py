"""Recognizers declared in configuration: deny lists and custom patterns (config/detectors.yaml).

A deny list names values that are always reported as an entity type (the code names of key
customers, a known leaked account); a custom recognizer is a regular expression with a score and
context words, for identifiers only this company uses. Both report types of DESIGN.md's vocabulary,
so the report's obligations apply to them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from presidio_analyzer import Pattern, PatternRecognizer

DENY_LIST_SCORE = 1.0  # a value the user named is certain


@dataclass(frozen=True)
class CustomPattern:
    """One ``custom_recognizers`` entry, validated by detectors/settings.py."""

    name: str
    entity: str
    patterns: tuple[tuple[str, float], ...]  # (regex, score)
    context: tuple[str, ...] = ()
    negative_context: tuple[str, ...] = ()


def _literal(value: str) -> str:
    # Presidio's own deny-list regex wants \W around a value, which Chinese characters are not:
    # guard only the ends that are letters or digits against running into a longer token.
    before = r"(?<![0-9A-Za-z])" if value[:1].isascii() and value[:1].isalnum() else ""
    after = r"(?![0-9A-Za-z])" if value[-1:].isascii() and value[-1:].isalnum() else ""
    return before + re.escape(value) + after


def deny_list_recognizer(entity: str, values: tuple[str, ...], language: str) -> PatternRecognizer:
    ordered = sorted(values, key=len, reverse=True)  # the longest value wins where one contains another
    pattern = Pattern(f"deny_list_{entity.lower()}", "|".join(_literal(v) for v in ordered), DENY_LIST_SCORE)
    return PatternRecognizer(supported_entity=entity, patterns=[pattern], supported_language=language,
                             name=f"DenyList_{entity}")


def custom_recognizer(spec: CustomPattern, language: str) -> PatternRecognizer:
    patterns = [Pattern(f"{spec.name}_{n}", regex, score) for n, (regex, score) in enumerate(spec.patterns, 1)]
    recognizer = PatternRecognizer(supported_entity=spec.entity, patterns=patterns, context=list(spec.context),
                                   supported_language=language, name=spec.name)
    recognizer.negative_context = list(spec.negative_context)  # read by detectors/context.py
    return recognizer


def configured_recognizers(deny_list: dict[str, tuple[str, ...]], custom: tuple[CustomPattern, ...],
                           language: str) -> list[PatternRecognizer]:
    """The recognizers the settings declare, for one language."""
    return ([deny_list_recognizer(entity, values, language) for entity, values in deny_list.items() if values]
            + [custom_recognizer(spec, language) for spec in custom])

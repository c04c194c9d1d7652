"""English personal names from spaCy's NER, with its span errors mended before filters.is_plausible_person.

Replaces Presidio's SpacyRecognizer: spaCy joins names on consecutive lines of a column ("Bryan Cruz\\nRyan
Rubio") into one entity; here each line of an entity is a result of its own.
"""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

_LINE = re.compile(r"[^\n]+")


class EnglishPersonRecognizer(SpacyRecognizer):
    ENTITY = "PERSON"
    REPLACES = ("SpacyRecognizer",)  # Presidio's, removed from the registry by the engine

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_language=supported_language, supported_entities=[self.ENTITY],
                         name=type(self).__name__)

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for result in super().analyze(text, entities, nlp_artifacts):
            for line in _LINE.finditer(text, result.start, result.end):
                start = line.start() + len(line.group()) - len(line.group().lstrip())
                end = line.end() - len(line.group()) + len(line.group().rstrip())
                if end > start:
                    results.append(RecognizerResult(result.entity_type, start, end, result.score,
                                                    result.analysis_explanation, result.recognition_metadata))
        return results

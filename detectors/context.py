"""A context enhancer that works on characters, so Chinese context words count too.

Presidio's lemma-based enhancer compares whole tokens; Chinese has no spaces, so 手机 never
matches. This one looks for each recognizer's context words in a window of characters around a
match, plus in the context passed with the chunk (a column header). Recognizers may also declare
``negative_context`` (order, batch, SKU, ...), which lowers the score.
"""
from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

_ASCII_WORD = re.compile(r"^[\x00-\x7f]+$")


@lru_cache(maxsize=4096)
def _pattern(word: str) -> re.Pattern:
    # English words must stand alone ("id" is not in "said"); Chinese words are plain substrings.
    if _ASCII_WORD.match(word):
        return re.compile(r"(?<![a-z0-9])" + re.escape(word.lower()) + r"(?![a-z])")
    return re.compile(re.escape(word))


def find_word(words: list[str], window: str) -> str:
    """The first of ``words`` that occurs in ``window`` (already lower-cased), or ''."""
    for word in words:
        if _pattern(word).search(window):
            return word
    return ""


class WindowContextEnhancer(ContextAwareEnhancer):
    """Raise scores for context words near a match; lower them for negative context words."""

    def __init__(self, before: int = 40, after: int = 12, boost: float = 0.35,
                 min_with_context: float = 0.5, penalty: float = 0.35):
        super().__init__(boost, min_with_context, before, after)
        self.penalty = penalty

    def enhance_using_context(self, text: str, raw_results: list[RecognizerResult],
                              nlp_artifacts: NlpArtifacts, recognizers: list[EntityRecognizer],
                              context: list[str] | None = None) -> list[RecognizerResult]:
        by_id = {recognizer.id: recognizer for recognizer in recognizers}
        given = " ".join(context or []).lower()
        for result in raw_results:
            metadata = result.recognition_metadata or {}
            recognizer = by_id.get(metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            if recognizer is None or metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            window = self.window(text, result.start, result.end) + " " + given
            self._apply(result, recognizer, window)
        return raw_results

    def window(self, text: str, start: int, end: int) -> str:
        before = text[max(0, start - self.context_prefix_count):start]
        # Context belongs to the same line (or cell) as the match.
        before = before.rsplit("\n", 1)[-1]
        after = text[end:end + self.context_suffix_count].split("\n", 1)[0]
        return (before + " " + after).lower()

    def _apply(self, result: RecognizerResult, recognizer: EntityRecognizer, window: str) -> None:
        negative = find_word(list(getattr(recognizer, "negative_context", ()) or ()), window)
        if negative:
            result.score = max(self.MIN_SCORE, result.score - self.penalty)
            if result.analysis_explanation:
                result.analysis_explanation.append_textual_explanation_line(
                    f"score lowered by negative context word '{negative}'")
                result.analysis_explanation.set_improved_score(result.score)
            return
        supportive = find_word([w.lower() for w in recognizer.context or []], window)
        if supportive:
            result.score = min(self.MAX_SCORE, max(result.score + self.context_similarity_factor,
                                                   self.min_score_with_context_similarity))
            if result.analysis_explanation:
                result.analysis_explanation.set_supportive_context_word(supportive)
                result.analysis_explanation.set_improved_score(result.score)

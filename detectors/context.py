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


# Context given with the chunk (a column header) counts, but less than a word on the match's own line.
_GIVEN_DISTANCE = 10**6


def nearest_word(words: list[str], before: str, after: str, given: str) -> tuple[str, int]:
    """The word of ``words`` closest to the match, and its distance in characters (-1 if none)."""
    best, distance = "", -1
    for word in words:
        pattern = _pattern(word)
        candidates = [len(before) - m.end() for m in pattern.finditer(before)]
        candidates += [m.start() for m in pattern.finditer(after)]
        if pattern.search(given):
            candidates.append(_GIVEN_DISTANCE)
        if candidates and (distance < 0 or min(candidates) < distance):
            best, distance = word, min(candidates)
    return best, distance


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
            before, after = self.window(text, result.start, result.end)
            self._apply(result, recognizer, before, after, given)
        return raw_results

    def window(self, text: str, start: int, end: int) -> tuple[str, str]:
        """Lower-cased text before and after a match, cut at line ends: context shares the line (or cell)."""
        before = text[max(0, start - self.context_prefix_count):start].rsplit("\n", 1)[-1]
        after = text[end:end + self.context_suffix_count].split("\n", 1)[0]
        return before.lower(), after.lower()

    def _apply(self, result: RecognizerResult, recognizer: EntityRecognizer, before: str, after: str,
               given: str) -> None:
        """The context word nearest the match decides: "order created, mobile=138…" is a phone."""
        supportive, s_distance = nearest_word([w.lower() for w in recognizer.context or []], before, after, given)
        negative, n_distance = nearest_word(list(getattr(recognizer, "negative_context", ()) or ()),
                                            before, after, given)
        explanation = result.analysis_explanation
        # At equal distance the longer word is the more specific: "routing number" outranks "number".
        if negative and (not supportive or (n_distance, -len(negative)) < (s_distance, -len(supportive))):
            result.score = max(self.MIN_SCORE, result.score - self.penalty)
            if explanation:
                explanation.append_textual_explanation_line(f"score lowered by negative context word '{negative}'")
                explanation.set_improved_score(result.score)
        elif supportive:
            result.score = min(self.MAX_SCORE, max(result.score + self.context_similarity_factor,
                                                   self.min_score_with_context_similarity))
            if explanation:
                explanation.set_supportive_context_word(supportive)
                explanation.set_improved_score(result.score)

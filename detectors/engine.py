"""The detection engine: Presidio's AnalyzerEngine with spaCy for English plus our recognizers.

Built once per process (it loads a spaCy model), lazily, never at import time.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from detectors.columns import Candidate, classify
from detectors.custom import configured_recognizers
from detectors.filters import is_plausible_person
from detectors.language import english_view, languages
from detectors.settings import DetectorSettings, load_detector_settings
from scanner.errors import ModelMissingError
from scanner.privacy import normalise
from scanner.records import Chunk, ColumnClass, Match

LANGUAGES = ("en", "zh")
_UNUSED_NER_LABELS = ["CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP",
                      "ORDINAL", "ORG", "PERCENT", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART"]


@dataclass(frozen=True)
class Detection:
    """A match with the reasons for its score, for ``piiaudit explain``."""

    match: Match
    reasons: tuple[str, ...]


def _nlp_engine(model: str):
    import spacy
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    if not spacy.util.is_package(model):
        package = model.replace("_", "-")
        raise ModelMissingError(
            f"the spaCy model '{model}' is not installed: install the package with "
            f"`pip install {package}` (make install does this); piiaudit never downloads models")
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}],
        # Only spaCy's PERSON is used; our recognizers handle addresses, dates and the rest.
        "ner_model_configuration": {"labels_to_ignore": _UNUSED_NER_LABELS}})
    engine = provider.create_engine()
    engine.load()
    # Presidio uses tokens, lemmas and entities, never the dependency parse: the parser costs a third
    # of the pipeline's time for nothing.
    if "parser" in engine.nlp["en"].pipe_names:
        engine.nlp["en"].disable_pipe("parser")
    # Chinese text gets spaCy's blank Chinese pipeline (character tokens, no model to download):
    # our Chinese recognizers work on characters and our context enhancer on character windows.
    engine.nlp["zh"] = spacy.blank("zh")
    return engine


def _registry(settings: DetectorSettings, nlp_engine):
    from presidio_analyzer import RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import CreditCardRecognizer, IbanRecognizer, IpRecognizer

    from detectors.recognizers import discover

    registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    # Replaced by EmailAddressRecognizer and PhoneNumberRecognizer in detectors/recognizers/.
    registry.remove_recognizer("EmailRecognizer")
    registry.remove_recognizer("PhoneRecognizer")
    # Presidio's language-agnostic pattern recognizers, registered for Chinese text as well.
    for cls in (CreditCardRecognizer, IbanRecognizer, IpRecognizer):
        registry.add_recognizer(cls(supported_language="zh"))
    for cls in discover().values():
        for language in LANGUAGES:
            registry.add_recognizer(cls(supported_language=language))
    for language in LANGUAGES:
        for recognizer in configured_recognizers(settings.deny_list, settings.custom_recognizers, language):
            registry.add_recognizer(recognizer)
    for name in settings.disabled.union(*(getattr(cls, "REPLACES", ()) for cls in discover().values())):
        registry.remove_recognizer(name)
    return registry


class DetectionEngine:
    """Finds personal information in chunks of text."""

    def __init__(self, settings: DetectorSettings | None = None):
        from presidio_analyzer import AnalyzerEngine

        from detectors.context import WindowContextEnhancer
        from detectors.offline import use_bundled_suffix_list

        use_bundled_suffix_list()
        # Presidio warns at length about recognizers for languages we do not load; that is expected.
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        self.settings = settings or load_detector_settings()
        nlp_engine = _nlp_engine(self.settings.spacy_model)
        self.analyzer = AnalyzerEngine(
            registry=_registry(self.settings, nlp_engine), nlp_engine=nlp_engine,
            supported_languages=list(LANGUAGES), context_aware_enhancer=WindowContextEnhancer())
        from detectors.recognizers import discover

        ours = {cls.ENTITY for cls in discover().values()} | set(self.settings.deny_list) | {
            spec.entity for spec in self.settings.custom_recognizers}
        self.reported_entities = frozenset(ours | set(self.settings.presidio_entities.values()))
        wanted = set(self.settings.presidio_entities) | ours
        # Ask each language only for what it has recognizers for (Presidio warns about the rest).
        self._entities = {lang: sorted(wanted & set(self.analyzer.get_supported_entities(lang)))
                          for lang in LANGUAGES}
        self._recognizers_by_name = {r.name: r for r in self.analyzer.registry.recognizers}
        self._configured = {r.name for r in configured_recognizers(
            self.settings.deny_list, self.settings.custom_recognizers, LANGUAGES[0])}
        self._allowed = {normalise(entity, value) for entity in self.reported_entities
                         for value in self.settings.allow_list}

    def detect(self, chunk: Chunk, language: str = "auto") -> list[Match]:
        return [d.match for d in self.explain(chunk, language)]

    def explain(self, chunk: Chunk, language: str = "auto") -> list[Detection]:
        """Detections in ``chunk`` above their thresholds, overlaps resolved, with their reasons."""
        return self.explain_columns(chunk, language)[0]

    def detect_columns(self, chunk: Chunk, language: str = "auto") -> tuple[list[Match], tuple[ColumnClass, ...]]:
        """Matches, and for a column chunk what its column was judged to hold (detectors/columns.py)."""
        detections, classes = self.explain_columns(chunk, language)
        return [d.match for d in detections], classes

    def explain_columns(self, chunk: Chunk, language: str = "auto") -> tuple[list[Detection], tuple[ColumnClass, ...]]:
        # Mixed text goes through both pipelines; overlapping results are resolved below.
        routes = languages(chunk.text, language)
        results = [(lang, result) for lang in routes for result in self.analyzer.analyze(
            english_view(chunk.text) if lang == "en" and len(routes) > 1 else chunk.text, language=lang,
            entities=self._entities[lang], context=[chunk.column] if chunk.column else None,
            return_decision_process=True)]
        if len(routes) > 1:
            results = _full_text_decides(results)
        # Before a column is judged: "Keyboard K8" must not count towards a column of names.
        results = [(lang, r) for lang, r in results if not self._is_implausible_name(chunk.text, r)]
        classes: tuple[ColumnClass, ...] = ()
        if chunk.column is not None:
            results, classes = self._classify_column(chunk, results)
        detections = []
        for lang, result in results:
            entity = self.settings.presidio_entities.get(result.entity_type, result.entity_type)
            raw = chunk.text[result.start:result.end]
            if result.score < self.settings.threshold(entity) or normalise(entity, raw) in self._allowed:
                continue
            recognizer = _recognizer_name(result)
            match = Match(entity, result.start, result.end, round(float(result.score), 4), recognizer, lang, raw,
                          self._is_minor(recognizer, raw))
            detections.append(Detection(match, _reasons(result)))
        return _without_overlaps(detections), classes

    def _is_implausible_name(self, text: str, result) -> bool:
        """A PERSON guess that filters.is_plausible_person rejects; the user's own lists and patterns are
        taken as given, the name filter is for NER's guesses."""
        return (self.settings.presidio_entities.get(result.entity_type, result.entity_type) == "PERSON"
                and _recognizer_name(result) not in self._configured
                and not is_plausible_person(text[result.start:result.end]))

    def _classify_column(self, chunk: Chunk, results: list) -> tuple[list, tuple[ColumnClass, ...]]:
        candidates = [Candidate(self.settings.presidio_entities.get(r.entity_type, r.entity_type), r.start, r.end,
                                r.score, (lang, r)) for lang, r in results]
        kept, classes = classify(chunk, candidates, self.settings.threshold)
        for candidate in kept:
            result = candidate.ref[1]
            result.score = candidate.score
            if candidate.reason and result.analysis_explanation:
                result.analysis_explanation.append_textual_explanation_line(candidate.reason)
        return [c.ref for c in kept], tuple(classes)

    def _is_minor(self, recognizer_name: str, raw: str) -> bool | None:
        """Recognizers of birth dates declare ``is_minor(text)``; others say nothing about age."""
        derive = getattr(self._recognizers_by_name.get(recognizer_name), "is_minor", None)
        return derive(raw) if derive else None


def _recognizer_name(result) -> str:
    return (result.recognition_metadata or {}).get("recognizer_name", "unknown")


def _full_text_decides(results: list) -> list:
    """Drop the English pipeline's copy of a match the same recognizer also made in the Chinese one.

    The English pipeline sees Chinese blanked (english_view), so 批次号 or 订单号 next to a number
    would be lost and its copy would outscore the Chinese pipeline's, which saw the whole line.
    """
    seen_in_zh = {(_recognizer_name(r), r.start, r.end) for lang, r in results if lang == "zh"}
    return [(lang, r) for lang, r in results
            if lang == "zh" or (_recognizer_name(r), r.start, r.end) not in seen_in_zh]


def _reasons(result) -> tuple[str, ...]:
    explanation = result.analysis_explanation
    if explanation is None:
        return ()
    reasons = [f"{explanation.recognizer}: base score {explanation.original_score:.2f}"]
    if explanation.pattern_name:
        reasons.append(f"pattern '{explanation.pattern_name}'")
    if explanation.validation_result is not None:
        reasons.append(f"checksum/validation {'passed' if explanation.validation_result else 'failed'}")
    if explanation.supportive_context_word:
        reasons.append(f"score raised by context word '{explanation.supportive_context_word}'")
    if explanation.textual_explanation:
        reasons.extend(line for line in explanation.textual_explanation.split("\n") if line)
    return tuple(reasons)


def _without_overlaps(detections: list[Detection]) -> list[Detection]:
    """Where matches overlap keep the most certain one (then the longest): one value, one finding."""
    ranked = sorted(detections, key=lambda d: (-d.match.score, -(d.match.end - d.match.start), d.match.start))
    kept: list[Detection] = []
    for detection in ranked:
        m = detection.match
        if all(m.end <= k.match.start or m.start >= k.match.end for k in kept):
            kept.append(detection)
    return sorted(kept, key=lambda d: d.match.start)

"""Text for ``piiaudit explain`` and ``piiaudit detectors``. Explain shows raw matches: it runs on
text the user typed, on their own terminal, and writes nothing."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from detectors.language import cjk_share, route
from scanner.records import Chunk
from scanner.unit import EngineSpec


def engine_spec(config_file: Path | None) -> EngineSpec:
    """The engine a scan with ``--config config_file`` would use (its ``detectors:`` section)."""
    from scanner.scanconfig import load_scan_config

    _, detectors, label = load_scan_config(config_file)
    return EngineSpec.of(detectors, label)


def explain_text(text: str, language: str = "auto", spec: EngineSpec = EngineSpec()) -> str:
    engine = spec.engine()
    chunk = Chunk(text, ((0, "text"),))
    lang = route(text, language)
    lines = [f"language: {lang} (CJK share {cjk_share(text):.2f})"]
    detections = engine.explain(chunk, language)
    if not detections:
        lines.append("no personal information found above the thresholds")
    for detection in detections:
        m = detection.match
        lines.append(f"{m.entity_type:<16} {m.score:.2f}  [{m.start}:{m.end}] {m.text!r}  by {m.detector}")
        lines.extend(f"    {reason}" for reason in detection.reasons)
    return "\n".join(lines)


def describe_detectors(spec: EngineSpec = EngineSpec()) -> str:
    """Entity types, the recognizers that find them, their languages and what each relies on, so that a
    reviewer can judge a doubtful finding."""
    engine = spec.engine()
    mapping = engine.settings.presidio_entities
    by_entity: dict[str, dict[str, list]] = defaultdict(dict)
    for recognizer in engine.analyzer.registry.recognizers:
        for entity in recognizer.supported_entities:
            ours = mapping.get(entity, entity if entity in engine.reported_entities else None)
            if ours:
                entry = by_entity[ours].setdefault(recognizer.name, [set(), relies_on(recognizer)])
                entry[0].add(recognizer.supported_language)
    lines = []
    for entity in sorted(by_entity):
        lines.append(entity)
        lines.extend(f"    {name} ({', '.join(sorted(langs))}): {'; '.join(basis)}"
                     for name, (langs, basis) in sorted(by_entity[entity].items()))
    return "\n".join(lines)


def relies_on(recognizer) -> list[str]:
    """What a recognizer's findings rest on, read from the recognizer itself (patterns, validation,
    context, NER), so the list cannot drift from the code."""
    from presidio_analyzer import PatternRecognizer
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer, SpacyRecognizer

    kind = type(recognizer)
    basis = [kind.BASIS] if hasattr(kind, "BASIS") else []
    if isinstance(recognizer, SpacyRecognizer):
        basis.append("spaCy named-entity recognition (a statistical model: it can miss or mistake names)")
    if isinstance(recognizer, PhoneRecognizer):
        basis.append("phonenumbers: each candidate parsed and validated for every region it supports")
    if isinstance(recognizer, PatternRecognizer):
        if recognizer.patterns:
            basis.append(f"{len(recognizer.patterns)} regular expression(s)")
        if kind.validate_result is not PatternRecognizer.validate_result:
            basis.append("each match validated (checksum or format)")
        if kind.invalidate_result is not PatternRecognizer.invalidate_result:
            basis.append("look-alikes rejected")
    if recognizer.context:
        basis.append("context words nearby raise the score")
    if getattr(recognizer, "negative_context", None):
        basis.append("other words nearby lower it")
    return basis or ["its own rules"]

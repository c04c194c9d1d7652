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
    engine = spec.engine()
    mapping = engine.settings.presidio_entities
    by_entity: dict[str, set[str]] = defaultdict(set)
    for recognizer in engine.analyzer.registry.recognizers:
        for entity in recognizer.supported_entities:
            ours = mapping.get(entity, entity if entity in engine.reported_entities else None)
            if ours:
                by_entity[ours].add(f"{recognizer.name} ({recognizer.supported_language})")
    lines = []
    for entity in sorted(by_entity):
        lines.append(entity)
        lines.extend(f"    {name}" for name in sorted(by_entity[entity]))
    return "\n".join(lines)

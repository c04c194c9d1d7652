import pytest

from conftest import detect


def test_names_on_consecutive_lines_are_separate(engine):
    from scanner.records import Chunk

    names = ["Bryan Cruz", "Ryan Rubio", "Heather Mora", "Roger Webb"]
    found = engine.detect(Chunk("\n".join(names) + "\n", ((0, "row 1"),), column="Name"))
    assert [m.text for m in found if m.entity_type == "PERSON"] == names


@pytest.mark.parametrize("text, expected", [
    ("Interviewer: Ashley Bruce", ["Ashley Bruce"]),
    ("850 Donald Manor Apt. 263", []),                 # a street named after a person
    ("Set the font to Arial", []),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "PERSON"] == expected


def test_replaces_presidios_spacy_recognizer(engine):
    names = [r.name for r in engine.analyzer.registry.recognizers]
    assert "EnglishPersonRecognizer" in names and "SpacyRecognizer" not in names

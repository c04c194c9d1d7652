"""config/obligations.yaml: the shipped file is complete and consistent; broken files name file and key."""
from __future__ import annotations

import dataclasses
import re

import pytest
import yaml

from detectors.vocabulary import ENTITY_TYPES
from reports.obligations import LANGUAGES, load_obligations
from scanner.errors import ConfigError
from scanner.settings import read_config

PIPL_SENSITIVE = {"CN_RESIDENT_ID", "MEDICAL_CONDITION", "RELIGION", "ETHNICITY", "CREDIT_CARD", "BANK_ACCOUNT",
                  "IBAN_CODE", "BIOMETRIC", "PRECISE_LOCATION"}
GDPR_SPECIAL = {"MEDICAL_CONDITION", "RELIGION", "ETHNICITY", "BIOMETRIC"}


@pytest.fixture(scope="module")
def rules():
    return load_obligations()


def test_shipped_file_has_rules_for_every_entity_type(rules):
    assert tuple(rules.entities) == ENTITY_TYPES
    for entity_type in ENTITY_TYPES:
        rule = rules.for_entity(entity_type)
        assert rule.entity_type == entity_type
        assert all(rule.label[lang] and rule.gbt35273_category[lang] for lang in LANGUAGES)
        assert set(rule.obligations) <= set(rules.obligations)
        assert set(rule.remediation) <= set(rules.remediation)


def test_unknown_entity_type_names_the_known_ones(rules):
    with pytest.raises(KeyError, match="'SSN' is not an entity type .*US_SSN"):
        rules.for_entity("SSN")


@pytest.mark.parametrize("entity_type", sorted(PIPL_SENSITIVE))
def test_pipl_sensitive_entities_need_separate_consent(rules, entity_type):
    rule = rules.for_entity(entity_type)
    assert rule.pipl_sensitive
    assert "pipl_art_28_29_sensitive_separate_consent" in rule.obligations
    assert "pipl_art_55_impact_assessment" in rule.obligations
    assert "separate_consent" in rule.remediation


@pytest.mark.parametrize("entity_type", ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "IP_ADDRESS", "CN_USCC"])
def test_ordinary_entities_are_not_pipl_sensitive(rules, entity_type):
    rule = rules.for_entity(entity_type)
    assert not rule.pipl_sensitive
    assert "pipl_art_28_29_sensitive_separate_consent" not in rule.obligations


def test_gdpr_special_categories_are_exactly_the_art_9_ones(rules):
    special = {e for e in ENTITY_TYPES if rules.for_entity(e).gdpr_special_category}
    assert special == GDPR_SPECIAL
    for entity_type in ENTITY_TYPES:
        assert ("gdpr_art_9_special_categories" in rules.for_entity(entity_type).obligations) == (
            entity_type in GDPR_SPECIAL)


def test_company_identifier_is_not_personal_information(rules):
    uscc = rules.for_entity("CN_USCC")
    assert not uscc.personal and uscc.obligations == () and uscc.note["zh"]
    assert all(rules.for_entity(e).personal for e in ENTITY_TYPES if e != "CN_USCC")


def test_merger_and_data_room_obligations_follow_the_reference(rules):
    # REFERENCE.md §0.4: a merger needs notice only (Art. 22); a pre-closing disclosure is an Art. 23 provision.
    assert "consent" in rules.obligations["pipl_art_22_transfer_on_merger"].text["en"]
    assert "separate consent" in rules.obligations["pipl_art_23_provision_separate_consent"].text["en"]
    assert "pipl_art_23_provision_separate_consent" in rules.remediation["data_room"].anchors
    assert "pipl_art_22_transfer_on_merger" in rules.remediation["ma_transfer"].anchors


def test_unverified_flags_follow_the_reference(rules):
    assert not rules.obligations["pipl_art_28_29_sensitive_separate_consent"].unverified
    assert not rules.obligations["gdpr_art_9_special_categories"].unverified
    assert not rules.obligations["gdpr_art_35_dpia"].unverified  # [U-low] standard text: said once, in the appendix
    assert {o.law for o in rules.obligations.values()} >= {"PIPL", "GDPR"}


def test_rules_are_read_only(rules):
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.for_entity("PERSON").pipl_sensitive = True
    with pytest.raises(TypeError):
        rules.obligations["pipl_art_47_deletion"].title["en"] = "changed"


def _set(*keys, value):
    def change(data):
        for key in keys[:-1]:
            data = data[key]
        data[keys[-1]] = value
    return change


def _delete(*keys):
    def change(data):
        for key in keys[:-1]:
            data = data[key]
        del data[keys[-1]]
    return change


@pytest.mark.parametrize("change, message", [
    (_set("entities", "PERSON", "lable", value={"en": "x", "zh": "x"}), "unknown key 'entities.PERSON.lable'"),
    (_set("entities", "SSN", value={}), "unknown key 'entities.SSN'"),
    (_set("version", value=2), "unknown key 'version'"),
    (_set("obligations", "pipl_art_47_deletion", "text", "fr", value="x"),
     "unknown key 'obligations.pipl_art_47_deletion.text.fr'"),
    (_delete("obligations", "pipl_art_28_29_sensitive_separate_consent", "text", "zh"),
     "missing key 'obligations.pipl_art_28_29_sensitive_separate_consent.text.zh'"),
    (_set("remediation", "encrypt", "steps", "en", value="  "), "'remediation.encrypt.steps.en' must not be empty"),
    (_delete("entities", "PERSON", "label", "zh"), "missing key 'entities.PERSON.label.zh'"),
    (_delete("obligations", "gdpr_art_32_security", "law"), "missing key 'obligations.gdpr_art_32_security.law'"),
    (_set("entities", "CREDENTIAL", "remediation", value=["credentials", "rotate"]),
     "entities.CREDENTIAL.remediation[1]: unknown remediation 'rotate' (known: inventory,"),
    (_set("entities", "PERSON", "obligations", value=["pipl_art_13_legal_basis", "foo"]),
     "entities.PERSON.obligations[1]: unknown obligation 'foo' (known: pipl_art_13_legal_basis,"),
    (_set("remediation", "encrypt", "anchors", value=["pipl_art_51"]),
     "remediation.encrypt.anchors[0]: unknown obligation 'pipl_art_51'"),
    (_set("entities", "PERSON", "remediation", value=["inventory", "inventory"]),
     "entities.PERSON.remediation[1]: remediation 'inventory' is listed twice"),
    (_delete("entities", "BIOMETRIC"), "entities: missing entity type 'BIOMETRIC'"),
    (_set("entities", "PERSON", value="name"), "'entities.PERSON' must be dict, not str"),
    (_set("obligations", value=["pipl_art_13_legal_basis"]), "'obligations' must be dict, not list"),
    (_set("entities", "PERSON", "label", value="Person name"), "'entities.PERSON.label' must be dict, not str"),
    (_set("entities", "RELIGION", "pipl_sensitive", value="yes"), "'entities.RELIGION.pipl_sensitive' must be bool"),
    (_set("obligations", "gdpr_art_35_dpia", "unverified", value="maybe"),
     "'obligations.gdpr_art_35_dpia.unverified' must be true or false"),
    (_set("entities", "PERSON", "obligations", value=[]),
     "'entities.PERSON.obligations' must not be empty for personal information"),
    (_set("obligations", "GDPR Art 9", value={}), "obligations: code 'GDPR Art 9' must be a lower_snake_case name"),
    (_set("remediation", "cross_border", "under", "uk", value={"en": "x", "zh": "x"}),
     "unknown key 'remediation.cross_border.under.uk' (valid keys: cn, eu, us)"),
    (_delete("remediation", "breach_readiness", "under", "eu", "zh"),
     "missing key 'remediation.breach_readiness.under.eu.zh'"),
    (_set("remediation", "data_room", "under", value="GDPR"), "'remediation.data_room.under' must be dict, not str"),
])
def test_broken_file_names_file_and_key(tmp_path, change, message):
    data, _ = read_config("obligations")
    change(data)
    path = tmp_path / "obligations.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_obligations(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


@pytest.mark.parametrize("text, message", [
    ("- obligations\n- entities\n", "the top level must be a mapping"),
    ("entities: [\n", "not valid YAML"),
])
def test_file_that_is_not_a_mapping_is_rejected(tmp_path, text, message):
    path = tmp_path / "obligations.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=f"^{path}: {message}"):
        load_obligations(path)


def test_missing_file_is_an_error_not_the_defaults(tmp_path):
    path = tmp_path / "absent.yaml"
    with pytest.raises(ConfigError, match=f"^{path}: file not found"):
        load_obligations(path)


# --- CCPA, HIPAA and PCI DSS classification, laws, thresholds and penalties (REFERENCE.md §§0, 5, 6, 7) ---

@pytest.mark.parametrize("entity_type, ccpa_sensitive, element, hipaa, pci", [
    ("PERSON", "never", "name", 1, False),
    ("EMAIL_ADDRESS", "with_credentials", "with_password", 6, False),
    ("PHONE_NUMBER", "never", "never", 4, False),
    ("US_SSN", "always", "with_name", 7, False),
    ("PASSPORT", "always", "with_name", 11, False),
    ("DRIVER_LICENSE", "always", "with_name", 11, False),
    ("CREDIT_CARD", "with_credentials", "with_name_and_code", 10, True),
    ("IBAN_CODE", "with_credentials", "with_name_and_code", 10, False),
    ("IP_ADDRESS", "never", "never", 15, False),
    ("MEDICAL_CONDITION", "always", "with_name", None, False),
    ("BIOMETRIC", "always", "with_name", 16, False),
    ("PRECISE_LOCATION", "always", "never", 2, False),
    ("CN_USCC", "never", "never", None, False),
])
def test_us_and_card_classification_follows_the_reference_table(rules, entity_type, ccpa_sensitive, element,
                                                                 hipaa, pci):
    rule = rules.for_entity(entity_type)
    assert (rule.ccpa_sensitive, rule.ccpa_breach_element, rule.hipaa_identifier, rule.pci_dss) == (
        ccpa_sensitive, element, hipaa, pci)
    assert ("pci_dss_req_3_cardholder_data" in rule.obligations) == pci
    assert ("ccpa_1798_140_ae_sensitive" in rule.obligations) == (ccpa_sensitive != "never")


def test_what_the_reference_marks_unverified_is_marked(rules):
    assert rules.for_entity("PASSPORT").unverified == ("hipaa_identifier",)  # "11/18 [U]"
    assert "pci_dss" in rules.for_entity("BANK_ACCOUNT").unverified
    assert rules.obligations["incident_measures_reporting"].unverified  # grading thresholds [U]
    assert not rules.obligations["gdpr_art_17_erasure"].unverified  # [U-low]: the method appendix names it
    assert "unverified" in rules.obligations["ccpa_1798_150_private_action"].text["en"]  # the adjusted minimum
    assert not rules.obligations["pipl_art_38_39_cross_border"].unverified  # [V]


def test_csl_renumbering_and_pipl_fine_cap_wording(rules):
    csl = rules.laws["CSL"].note["en"]
    assert "2026-01-01" in csl and "old Art. 21 is now Art. 23" in csl and "old Art. 40 is now Art. 42" in csl
    assert rules.obligations["csl_art_42_confidentiality"].article["en"] == "Art. 42 (2016 text Art. 40)"
    pipl = rules.context.penalties["pipl_art_66"]
    assert (pipl.fixed, pipl.percent, pipl.combine, pipl.currency) == (50_000_000, 5, "or", "CNY")
    assert "RMB 50 million or up to 5%" in pipl.text["en"] and "whichever is higher" not in pipl.text["en"]
    assert "或者上一年度营业额百分之五以下" in pipl.text["zh"]
    assert "not \"whichever is higher\"" in rules.laws["PIPL"].note["en"]
    assert rules.context.penalties["gdpr_art_83_5"].combine == "higher"
    ccpa = rules.context.penalties["ccpa_1798_150"]
    assert (ccpa.low, ccpa.high, ccpa.basis) == (100, 799, "ccpa_records")


@pytest.mark.parametrize("code, metric, minimum", [
    ("pipl_audit_10m", "people", 10_000_001),  # "more than 10 million" (Audit Measures Art. 4)
    ("ndsr_10m", "people", 10_000_000),  # "1000万人以上" (NDSR Art. 28)
    ("xb_standard_100k", "people", 100_000),
    ("xb_assessment_1m", "people", 1_000_000),
    ("xb_sensitive_10k", "sensitive_people", 10_000),
    ("hipaa_500", "health_people", 501),  # media notice: more than 500 residents of a state, health data only
    ("minors_yearly_audit", "minors", 1),
])
def test_thresholds(rules, code, metric, minimum):
    threshold = rules.context.thresholds[code]
    assert (threshold.metric, threshold.minimum) == (metric, minimum)
    assert threshold.crossed(minimum) and not threshold.crossed(minimum - 1)


@pytest.mark.parametrize("code, more_than, stated", [
    ("pipl_audit_10m", True, 10_000_000),  # Audit Measures Art. 4: "more than 10 million"
    ("hipaa_500", True, 500),  # §164.406: "more than 500 residents of a state"
    ("ndsr_10m", False, 10_000_000),  # NDSR Art. 28: "1000万人以上" includes the number
    ("xb_standard_100k", False, 100_000),
])
def test_thresholds_keep_the_laws_wording(rules, code, more_than, stated):
    threshold = rules.context.thresholds[code]
    assert (threshold.more_than, threshold.stated) == (more_than, stated)


def test_new_remediation_codes_exist_with_anchors(rules):
    for code in ("minors", "deregistration", "cross_border", "pci", "breach_readiness", "audit"):
        assert rules.remediation[code].anchors and all(rules.remediation[code].steps[lang] for lang in LANGUAGES)
    assert "Guardian consent" in rules.remediation["minors"].title["en"]
    assert "pipl_art_47_deletion" in rules.remediation["deregistration"].anchors
    assert {"pipl_art_54_compliance_audit", "audit_measures_art_4"} <= set(rules.remediation["audit"].anchors)
    assert [s.warning for s in rules.context.deals["acquisition"].steps].count(True) == 1
    assert all(rules.laws[o.law] for o in rules.obligations.values())


@pytest.mark.parametrize("change, message", [
    (_set("obligations", "pipl_art_47_deletion", "law", value="PIPLX"),
     "'obligations.pipl_art_47_deletion.law' is 'PIPLX'; valid values: PIPL, CSL"),
    (_set("laws", "GDPR", "jurisdiction", value="uk"), "'laws.GDPR.jurisdiction' is 'uk'; valid values: cn, eu, us"),
    (_set("entities", "US_SSN", "hipaa_identifier", value=19), "'entities.US_SSN.hipaa_identifier' must be a Safe"),
    (_set("entities", "US_SSN", "ccpa_sensitive", value=True), "'entities.US_SSN.ccpa_sensitive' must be str"),
    (_set("entities", "US_SSN", "unverified", value=["pci"]), "entities.US_SSN.unverified[0]: unknown field 'pci'"),
    (_set("thresholds", "ndsr_10m", "more_than", value=5), "'thresholds.ndsr_10m' needs exactly one of"),
    (_set("penalties", "pipl_art_66", "combine", value="max"), "'penalties.pipl_art_66.combine' is 'max'"),
    (_set("penalties", "ccpa_1798_150", "low", value=900), "'penalties.ccpa_1798_150.low' must not exceed"),
    (_set("deals", "merger", value={}), "unknown key 'deals.merger'"),
    (_set("deals", "routine", "steps", 0, "cite", value=["pipl_art_99"]),
     "deals.routine.steps[0].cite[0]: unknown obligation 'pipl_art_99'"),
    (_set("cases", "didi", "amount", value=0), "'cases.didi.amount' must be a whole number >= 1"),
])
def test_broken_legal_context_names_file_and_key(tmp_path, change, message):
    data, _ = read_config("obligations")
    change(data)
    path = tmp_path / "obligations.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_obligations(path)
    assert str(error.value).startswith(f"{path}: ") and message in str(error.value)


def test_every_obligation_and_remediation_code_is_reachable(rules):
    # An obligation no entity, deal or threshold cites never appears in any report: an orphan is a bug.
    context = rules.context
    cited = {code for e in rules.entities.values() for code in e.obligations}
    cited |= {code for deal in context.deals.values() for step in deal.steps for code in step.cite}
    cited |= {code for t in context.thresholds.values() for code in t.cite}
    assert sorted(set(rules.obligations) - cited) == []
    recommended = {code for e in rules.entities.values() for code in e.remediation}
    recommended |= {code for deal in context.deals.values() for code in deal.remediation}
    recommended |= {code for t in context.thresholds.values() for code in t.remediation}
    assert sorted(set(rules.remediation) - recommended) == []


def test_law_places_the_formerly_orphaned_codes(rules):
    context = rules.context
    assert "deregistration" in context.deals["deregistration"].remediation
    assert "gdpr_art_17_erasure" in context.deals["deregistration"].steps[0].cite
    for code in ("xb_standard_100k", "xb_assessment_1m", "xb_sensitive_10k"):
        threshold = context.thresholds[code]
        assert threshold.cite[0].startswith("xb_provisions_art_")  # decides the jurisdiction the row is shown in
        assert {"pipl_art_38_39_cross_border", "gdpr_ch_v_transfers"} <= set(threshold.cite)
        assert threshold.remediation == ("cross_border",)
    assert "csl_art_23_4_encryption" in rules.remediation["encrypt"].anchors  # CSL 21(4) / 23(4)
    assert "2016 text Art. 21(4)" in rules.obligations["csl_art_23_4_encryption"].article["en"]
    personal = [e for e in rules.entities.values() if e.personal]
    assert all({"csl_art_42_confidentiality", "gdpr_art_30_records"} <= set(e.obligations) for e in personal)
    for entity in personal:
        if "minimise_delete" in entity.remediation:
            assert "gdpr_art_5_1_c_data_minimisation" in entity.obligations, entity.entity_type
        if "breach_readiness" in entity.remediation:
            assert "incident_measures_reporting" in entity.obligations, entity.entity_type


@pytest.mark.parametrize("change, message", [
    (_set("deals", "deregistration", "remediation", value=["shred"]),
     "deals.deregistration.remediation[0]: unknown remediation 'shred'"),
    (_set("thresholds", "xb_standard_100k", "remediation", value=["cross_border", "cross_border"]),
     "thresholds.xb_standard_100k.remediation[1]: remediation 'cross_border' is listed twice"),
])
def test_unknown_remediation_in_deals_and_thresholds_names_file_and_key(tmp_path, change, message):
    data, _ = read_config("obligations")
    change(data)
    path = tmp_path / "obligations.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_obligations(path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_remediation_adds_each_chosen_jurisdictions_words_only(rules, lang):
    breach = rules.remediation["breach_readiness"]
    cn_only, everything = breach.text(lang, ("cn",)), breach.text(lang, ("cn", "eu", "us"))
    assert cn_only.startswith(breach.steps[lang]) and breach.under["cn"][lang] in cn_only
    assert "GDPR" not in cn_only and "HIPAA" not in cn_only and "CCPA" not in cn_only
    assert all(breach.under[j][lang] in everything for j in ("cn", "eu", "us"))
    assert "PIPL" not in breach.text("en", ("eu", "us")) and "个人信息保护法" not in breach.text("zh", ("eu", "us"))
    for code, remediation in rules.remediation.items():  # no shipped step names a law outside its own section
        assert "GDPR" not in remediation.steps[lang] and "HIPAA" not in remediation.steps[lang], code

"""The risk model: table-driven levels, the documented order of levels, determinism, and people counting."""
from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pyarrow as pa
import pytest
import yaml
from report_fixtures import CRM_PEOPLE, EXPECTED, ROOM_ID_FILES, build_crm_room, build_one_file_room, build_scan

from reports.assessment import Options, build
from reports.data import load_scan
from reports.obligations import load_obligations
from reports.people import People, count_people, record_key
from reports.risk import ItemFacts, assess, rank, score_item
from reports.risk_config import LEVELS, load_risk_config
from scanner.errors import ConfigError
from scanner.records import Finding
from scanner.settings import read_config
from scanner.store import FINDINGS_SCHEMA

RULES, CONFIG = load_obligations(), load_risk_config()
AS_OF = datetime(2026, 11, 20, tzinfo=UTC)
FRESH, OLD = AS_OF - timedelta(days=30), AS_OF - timedelta(days=CONFIG.retention_days + 1)


def facts(*types, minors=False, people=0, exposure=None, modified=FRESH) -> ItemFacts:
    return ItemFacts("/share", "f.csv", "file", frozenset(types), minors, people, exposure, modified)


@pytest.mark.parametrize("item, deal, level, score", [
    (facts("CN_USCC"), None, "low", 0),
    (facts("PERSON"), None, "low", 1),
    (facts("PHONE_NUMBER", people=150), None, "medium", 3),  # personal 1 + volume 2 (100+)
    (facts("PERSON", modified=OLD), None, "low", 2),  # personal + stale (PIPL Art. 47)
    (facts("PERSON"), "deregistration", "low", 2),  # every item is stale on deregistration
    (facts("CN_RESIDENT_ID"), None, "medium", 3),  # sensitive 2 + plaintext 1
    (facts("PERSON", exposure="owner=a group=b mode=0644 world-readable"), None, "medium", 3),
    (facts("PERSON", exposure="owner=a group=b mode=0640"), None, "low", 1),
    (facts("MEDICAL_CONDITION"), None, "medium", 4),
    (facts("PERSON", minors=True), None, "medium", 4),  # a child's information is special
    (facts("CREDIT_CARD", exposure="Everyone:read; owner S-1"), None, "medium", 5),
    (facts("EMAIL_ADDRESS", people=20_000, exposure="PUBLIC SELECT; SELECT: app (table)"), "acquisition", "high", 7),
    (facts("CN_RESIDENT_ID", people=1_500), None, "medium", 6),  # the CRM's customers: 1,500 people, ID
    (facts("CN_RESIDENT_ID", people=100_000, exposure="PUBLIC SELECT"), None, "critical", 10),
    (facts("US_SSN", people=2_000_000, exposure="anonymous SELECT (''@'%')"), None, "critical", 11),
    # one file of one person is never critical, however sensitive, exposed and old
    (facts("MEDICAL_CONDITION", minors=True, exposure="world-readable", modified=OLD), None, "high", 7),
])
def test_levels_are_table_driven(item, deal, level, score):
    risk = score_item(item, RULES, CONFIG, deal, AS_OF)
    assert (risk.level, risk.score) == (level, score)
    assert risk.score == sum(f.points for f in risk.factors)


@pytest.mark.parametrize("change", [
    {"entity_types": frozenset({"PERSON", "CN_RESIDENT_ID"})},
    {"minors": True},
    {"people": 5_000_000},
    {"exposure": "world-readable"},
    {"modified_at": OLD},
])
def test_a_worse_fact_never_lowers_the_level(change):
    base = facts("PERSON", people=10)
    before = score_item(base, RULES, CONFIG, None, AS_OF)
    after = score_item(dataclasses.replace(base, **change), RULES, CONFIG, None, AS_OF)
    assert after.score > before.score and rank(after.level) <= rank(before.level)


def test_levels_are_ordered_as_documented():
    assert LEVELS == ("critical", "high", "medium", "low")
    minimums = [CONFIG.levels[name] for name in LEVELS[:-1]]
    assert minimums == sorted(minimums, reverse=True)
    assert [CONFIG.level(m) for m in minimums] == list(LEVELS[:-1])
    assert CONFIG.level(minimums[-1] - 1) == "low"


def test_exposure_words_that_are_not_broad_score_nothing():
    for exposure in ("owner=public group=staff mode=0600", "SELECT: app (table)", "Administrators:full"):
        assert not score_item(facts("PERSON", exposure=exposure), RULES, CONFIG, None, AS_OF).broad


def test_same_scan_gives_the_same_levels(tmp_path):
    data = load_scan(build_scan(tmp_path / "out"))
    people = count_people(data.findings, RULES, CONFIG.strong_identifiers, data.columns)
    first = assess(data, RULES, CONFIG, people, "acquisition")
    second = assess(load_scan(tmp_path / "out"), RULES, CONFIG, people, "acquisition")
    assert first == second
    levels = {r.facts.item: r.level for r in first}
    assert levels["hr/员工.csv"] == "high"  # a child's ID, health data, world-readable, untouched since 2019: 2 people
    assert levels["public.companies"] == "low"  # company codes only


def test_people_are_counted_across_sources_with_links(tmp_path):
    data = load_scan(build_scan(tmp_path / "out"))
    people = count_people(data.findings, RULES, CONFIG.strong_identifiers, data.columns)
    assert {k: getattr(people, k) for k in EXPECTED} == EXPECTED
    assert people.by_source == {"/srv/share": 6, "postgresql://db.example/crm": 2}


def _finding(item, location, entity, value, minor=None):
    return Finding("/s", item, location, None, entity, 0.9, None, None, "*", value, "t", "en", minor)


@pytest.mark.parametrize("rows, people, minors", [
    # two identifiers in one row are one person
    ([("a.csv", "row 2", "EMAIL_ADDRESS", "e1"), ("a.csv", "row 2", "PHONE_NUMBER", "p1")], 1, 0),
    # the same email in two sources is one person
    ([("a.csv", "row 2", "EMAIL_ADDRESS", "e1"), ("b.txt", "line 9", "EMAIL_ADDRESS", "e1")], 1, 0),
    # a chain: row A links e1-p1, row B links p1-id1 → one person
    ([("a.csv", "row 2", "EMAIL_ADDRESS", "e1"), ("a.csv", "row 2", "PHONE_NUMBER", "p1"),
      ("b.xlsx", "Sheet1!B4", "PHONE_NUMBER", "p1"), ("b.xlsx", "Sheet1!C4", "CN_RESIDENT_ID", "id1")], 1, 0),
    # a page is not a record: two phones on it are two people
    ([("c.pdf", "page 2", "PHONE_NUMBER", "p1"), ("c.pdf", "page 2", "PHONE_NUMBER", "p2")], 2, 0),
    # different rows of one sheet are different people
    ([("b.xlsx", "Sheet1!B4", "EMAIL_ADDRESS", "e1"), ("b.xlsx", "Sheet1!B5", "EMAIL_ADDRESS", "e2")], 2, 0),
    # names alone are not people; a minor flag in the record marks the linked person
    ([("a.csv", "row 3", "PERSON", "n1"), ("a.csv", "row 3", "CN_RESIDENT_ID", "id9", True)], 1, 1),
    ([("a.csv", "row 3", "PERSON", "n1")], 0, 0),
])
def test_people_linking(rows, people, minors):
    table = pa.Table.from_pylist([{"scan_id": "s", **dataclasses.asdict(_finding(*r))} for r in rows],
                                 schema=FINDINGS_SCHEMA)
    counted = count_people(table, RULES, CONFIG.strong_identifiers)
    assert (counted.people, counted.minors) == (people, minors)


@pytest.mark.parametrize("location, record", [
    ("row 17", "row 17"), ("line 3", "line 3"), ("table 2 row 3", "table 2 row 3"), ("Sheet1!C7", "Sheet1!7"),
    ("客户!AB12", "客户!12"), ("page 3", None), ("slide 2", None), ("header From", None), (None, None),
])
def test_record_keys(location, record):
    assert record_key(location) == record


def test_people_metric_names_match_threshold_metrics():
    people = People(1, 2, 3, 4, 5, 6, 7, 8)
    assert [people.metric(t.metric) for t in RULES.context.thresholds.values()] == [
        {"people": 1, "minors": 2, "sensitive_people": 3, "ccpa_records": 4, "health_people": 6,
         "foreign_people": 7, "property_people": 8}[t.metric]
        for t in RULES.context.thresholds.values()]


@pytest.mark.parametrize("text, message", [
    ("retention_days: 0\n", "'retention_days' must be a whole number >= 1"),
    ("levels: {critical: 3, high: 6, medium: 1}\n", "'levels' must decrease strictly"),
    ("broad_exposure: ['(']\n", "broad_exposure[0]: not a regular expression"),
    ("strong_identifiers: [SSN]\n", "strong_identifiers[0]: unknown entity type 'SSN'"),
    ("urgent_actions: {acquisition: [rotate]}\n", "urgent_actions.acquisition[0]: unknown action 'rotate'"),
    ("urgent_actions: {closing: []}\n", "unknown key 'urgent_actions.closing'"),
    ("urgent_actions: [rotate]\n", "'urgent_actions' must be dict"),
    ("points: {volume: [{at_least: 100, points: 1}, {at_least: 10, points: 2}]}\n", "must list at_least values"),
    ("retention_dayz: 5\n", "unknown key 'retention_dayz'"),
])
def test_broken_risk_config_names_file_and_key(tmp_path, text, message):
    data, _ = read_config("risk")
    data.update(yaml.safe_load(text))
    if "points" in yaml.safe_load(text):
        data["points"] = {**read_config("risk")[0]["points"], **yaml.safe_load(text)["points"]}
    path = tmp_path / "risk.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_risk_config(path)
    assert str(error.value).startswith(f"{path}: ") and message in str(error.value)


@pytest.fixture(scope="module")
def crm_room(tmp_path_factory):
    return build_crm_room(tmp_path_factory.mktemp("crm") / "out")


def test_crm_tables_of_thousands_lead_the_top_risks(crm_room):
    """People × sensitivity × exposure on one scale: 1,500 customers with IDs and cards and 3,000 orders
    rank above files of one person each, although the files sort first by name."""
    for jurisdictions in (("cn",), ("cn", "eu", "us")):
        risks = build(crm_room, options=Options(deal="acquisition", jurisdictions=jurisdictions)).risks
        top = [r.facts.item for r in risks[:5]]
        assert top[:2] == ["crm.customers", "crm.orders"], jurisdictions
        assert risks[0].facts.people == CRM_PEOPLE["crm.customers"]


def test_ties_are_broken_by_people_not_by_name(crm_room):
    risks = build(crm_room, options=Options()).risks
    for first, second in zip(risks, risks[1:], strict=False):
        if first.score == second.score:
            assert first.facts.people >= second.facts.people


def test_prc_selection_ranks_by_pipl_art_28_alone(crm_room):
    """Without the GDPR an ethnicity or health record is Art. 28 sensitive like a resident ID: no
    'special category' points lift it above the ID files."""
    def scores(jurisdictions):
        risks = build(crm_room, options=Options(jurisdictions=jurisdictions)).risks
        return {r.facts.item: (r.tier, r.score) for r in risks}
    cn, all_ = scores(("cn",)), scores(("cn", "eu", "us"))
    assert cn["hr/体检.txt"] == cn["a_0.txt"] == ("sensitive", 3)
    assert all_["hr/体检.txt"][0] == "special" and all_["hr/体检.txt"][1] > all_["a_0.txt"][1]
    assert len([item for item in cn if item.startswith("a_")]) == ROOM_ID_FILES


def test_critical_is_rare_one_sensitive_file_is_not_critical(tmp_path, crm_room):
    one = build(build_one_file_room(tmp_path / "one"), options=Options(deal="acquisition"))
    assert one.overall == "high" and one.risks[0].tier == "special"  # a child's ID and health data, exposed, old
    room = build(crm_room, options=Options(deal="acquisition"))
    assert room.overall != "critical"
    assert not [r for r in room.risks if r.level == "critical"]


# routine: the room is a copy, so its permissions call for no access action and cards come first
@pytest.mark.parametrize("deal, first", [
    ("acquisition", "data_room"), ("deregistration", "deregistration"), ("routine", "pci")])
def test_each_deal_has_its_own_urgent_actions(crm_room, deal, first):
    actions = {d: [a.code for a in build(crm_room, options=Options(deal=d)).actions]
               for d in ("acquisition", "deregistration", "routine")}
    assert actions[deal][0] == first and len(actions[deal]) == 3
    assert len({tuple(codes) for codes in actions.values()}) == 3

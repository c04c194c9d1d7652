"""Memo-grade content on the golden fixture scan: the cover page and its parties, scope and limitations
with the benchmark's numbers, and the follow-up evidence requests, in both languages and in the JSON."""
from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_fixtures import build_scan

from reports.assessment import Options
from reports.memo import EVIDENCE_REQUESTS, Memo
from reports.render import render_report, report_text
from scanner.cli import main

BENCH = Path(__file__).parent.parent / "bench" / "results" / "accuracy-seed10.md"
PARTIES = ["--target", "Acme Data Ltd", "--client", "Buyer Holdings", "--matter", "M-2026-017",
           "--prepared-by", "Deal Team A", "--prepared-for", "General Counsel"]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return build_scan(tmp_path_factory.mktemp("memo") / "out")


def section(html: str, name: str) -> str:
    part = html.split(f'<section id="{name}"')[1].split("</section>")[0]
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", part))


def invoke(*args) -> None:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cover_shows_the_parties_given_and_the_legend(out, tmp_path, lang):
    invoke("report", out, "--lang", lang, *PARTIES[:6], "-o", tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    cover_html = html.split('<section id="cover"')[1].split("</section>")[0]
    rows = dict(re.findall(r"<tr><th>([^<]+)</th><td>([^<]+)", cover_html))
    words = {key: value[lang] for key, value in report_text().items()}
    assert {label: rows[words[label]] for label in ("memo_target", "memo_client", "memo_matter")} == {
        "memo_target": "Acme Data Ltd", "memo_client": "Buyer Holdings", "memo_matter": "M-2026-017"}
    assert words["memo_prepared_by"] not in rows and words["memo_prepared_for"] not in rows  # not given
    cover = section(html, "cover")
    assert words["legend"] in cover and "2026-11-20" in cover  # the scan's date beside the report's


def test_cover_without_parties_has_no_empty_rows(out):
    cover = render_report(out).split('<section id="cover"')[1].split("</section>")[0]
    assert re.findall(r"<tr><th>([^<]+)</th>", cover) == ["Date", "Scan of"] and "Confidential" in cover


def test_parties_reach_the_json(out, tmp_path):
    invoke("report", out, "--format", "json", *PARTIES, "-o", tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["memo"] == {"target": "Acme Data Ltd", "client": "Buyer Holdings", "matter": "M-2026-017",
                            "prepared_by": "Deal Team A", "prepared_for": "General Counsel"}
    assert data["options"]["jurisdictions"] == ["cn", "eu", "us"]
    assert data["scope"] == {"sources": 2, "files": 6, "tables": 2, "not_read": 2, "tables_whole": 1,
                             "tables_sampled": 1, "rows_read": 1000, "rows_total": 50000}
    assert [r["request"] for r in data["evidence_requests"]] == [key for key, _ in EVIDENCE_REQUESTS]
    assert data["person_categories"][0] == {"category": "customers", "items": 2, "people": 102}


def test_options_carry_the_memo():
    assert Options(memo=Memo(target="T")).memo.given() == [("target", "T")]


@pytest.mark.parametrize("lang, expected", [
    ("en", ["6 files and 2 database tables in 2 sources", "2 items were skipped",
            "1 read in full", "1 sampled, 1,000 of 50,000 rows read"]),
    ("zh", ["2个数据源中的6个文件和2个数据库表", "2个文件或数据表被跳过", "1个全部读取", "共读取5万行中的1000行"]),
])
def test_scope_states_what_was_and_was_not_read(out, lang, expected):
    scope = section(render_report(out, lang=lang), "scope")
    for text in expected:
        assert text in scope


def _micro(heading: str, level: str) -> tuple[str, str]:
    """Precision and recall of piiaudit in a micro row of the benchmark file, under a heading."""
    text = BENCH.read_text(encoding="utf-8")
    block = text.split(heading)[1].split(level)[1]
    row = next(line for line in block.splitlines() if line.startswith("| **micro**"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    return cells[2], cells[3]


def test_accuracy_quotes_the_benchmark_file_good_and_bad():
    words = report_text()["scope_accuracy"]
    room_item = _micro("## Generated data room, seed 10", "**Item level")
    room_span = _micro("## Generated data room, seed 10", "**Span level")
    held_out = _micro("## presidio-research tests_data_generated_large", "item level")
    assert room_item == ("1.00", "1.00") and room_span[1] == "0.99" and held_out == ("0.94", "0.75")
    for lang in ("en", "zh"):
        for number in (*room_item, room_span[1], *held_out):
            assert number in words[lang]
    flagged = re.search(r"piiaudit (\d+) of (\d+)", BENCH.read_text(encoding="utf-8")).groups()
    assert f"{flagged[0]} of {flagged[1]}" in words["en"]
    bad = {line.split("|")[1].strip(): line.split("|")[4].strip() for line in BENCH.read_text(encoding="utf-8")
           .split("## presidio-research tests_data_generated_large")[1].split("span level")[0].splitlines()
           if line.startswith("| ") and not line.startswith("| entity")}
    for entity in ("ADDRESS", "PHONE_NUMBER", "PERSON"):
        assert f"({bad[entity]})" in words["en"] or f"(recall {bad[entity]})" in words["en"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_evidence_requests_in_both_languages(out, lang):
    requests = section(render_report(out, lang=lang, options=Options(deal="acquisition")), "requests")
    words = {key: value[lang] for key, value in report_text().items()}
    for key, _ in EVIDENCE_REQUESTS:
        assert words[f"request_{key}"] in requests
    assert {"en": "PIPL Art. 21", "zh": "个人信息保护法 第二十一条"}[lang] in requests  # processor contracts


def test_prc_only_requests_cite_no_foreign_law(out):
    requests = section(render_report(out, options=Options(jurisdictions=("cn",))), "requests")
    assert "GDPR" not in requests and "HIPAA" not in requests and "PIPL Arts. 55–56" in requests


def test_people_by_category_from_names_and_columns(out, tmp_path):
    from report_fixtures import build_crm_room

    from reports.assessment import build
    rows = {r.category: (r.items, r.people) for r in build(out).categories}
    # hr/员工.csv: staff with a child's record; customers_en.xlsx and public.customers: customers;
    # config/app.env, docs/contract.pdf and the <script> file say nothing of whose data they hold
    assert rows == {"customers": (2, 102), "employees": (1, 2), "minors": (1, 2), "untold": (3, 3)}
    crm = {r.category: r.items for r in build(build_crm_room(tmp_path / "crm")).categories}
    assert crm["customers"] == 2 and "suppliers" not in crm


@pytest.mark.parametrize("lang, words", [("en", ["Customers", "Employees", "Children under 14", "Not told by names"]),
                                         ("zh", ["客户", "员工", "不满十四周岁儿童", "名称未显示"])])
def test_people_by_category_in_both_languages(out, lang, words):
    people = section(render_report(out, lang=lang), "people")
    for word in words:
        assert word in people

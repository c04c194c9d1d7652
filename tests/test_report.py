"""The report from golden Parquet fixtures: sections per deal and language, JSON and CSV outputs,
jurisdictions and turnover, and no raw value anywhere in any output."""
from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
import shutil

import pytest
from click.testing import CliRunner
from report_fixtures import EXPECTED, RAW_VALUES, XSS_NAME, build_scan

from reports.assessment import Options, build
from reports.export import summary
from reports.exposure import Turnover
from reports.render import render_report, report_text
from scanner.cli import main


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return build_scan(tmp_path_factory.mktemp("report") / "out")


def cli(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def section_ids(html: str) -> list[str]:
    return re.findall(r'<section id="([a-z]+)"', html)


@pytest.mark.parametrize("deal, present, absent", [
    (None, [], ["deal"]),
    ("acquisition", ["PIPL Art. 22", "PIPL Art. 23", "PIPL Arts. 55–56", "NDSR Art. 14", "NDSR Arts. 28, 32",
                     "de-identified"], ["Deletion on deregistration"]),
    ("deregistration", ["evidence of each deletion", "freeze it", "PIPL Art. 47"],
     ["data room", "past its retention period", "NDSR Art. 24"]),
    ("routine", ["PIPL Art. 54", "Audit Measures Art. 4", "Minors Online Protection Regulations Art. 37"],
     ["data room", "Arts. 4–5"]),
])
def test_deal_sections(out, deal, present, absent):
    html = render_report(out, lang="en", options=Options(deal=deal))
    deal_part = html.split('<section id="deal"')[1].split("</section>")[0] if deal else ""
    assert ("deal" in section_ids(html)) == bool(deal)
    for text in present:
        assert text in deal_part
    for text in absent:
        assert text not in deal_part


def test_sections_in_order(out):
    assert section_ids(render_report(out, options=Options(deal="acquisition"))) == [
        "cover", "summary", "scope", "heatmap", "risk", "people", "exposure", "deal", "obligations", "requests",
        "classification", "evidence", "coverage", "method"]


def test_executive_summary_states_risk_people_flags_and_three_actions(out):
    summary = render_report(out, options=Options(deal="acquisition")).split('<section id="summary">')[1]
    summary = summary.split("</section>")[0]
    assert "level-high" in summary and ">7</b>people affected" in summary.replace("\n", "")
    assert "level-critical" not in summary  # seven people: nothing to act on before signing at any cost
    assert summary.count("<li><b>") == 3  # the three most urgent actions of an acquisition
    assert "Data room before closing" in summary and "Remove and rotate credentials" in summary
    assert "separate consent (PIPL Art. 23)" in summary  # the data-room red flag of an acquisition


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_raw_value_and_escaped_file_name(out, lang):
    html = render_report(out, lang=lang, options=Options(deal="acquisition", turnover=Turnover(10**9, "CNY")))
    assert [v for v in RAW_VALUES if v in html] == []
    assert XSS_NAME not in html and "&lt;script&gt;alert(1)&lt;/script&gt;.txt" in html


def test_chinese_report_uses_only_chinese_words(out):
    html = render_report(out, lang="zh", options=Options(deal="deregistration"))
    english = {value["en"] for value in report_text().values() if len(value["en"]) > 12}
    assert [w for w in english if w in html] == []
    assert "个人信息保护法 第四十七条" in html and "网络安全法" not in html.split('id="obligations"')[0][-50:]


def test_jurisdictions_filter_the_law_shown(out):
    html = render_report(out, options=Options(jurisdictions=("cn",)))
    laws = re.findall(r'<h3 class="law">([^<]+)</h3>', html)
    assert laws == ["PIPL", "CSL", "NDSR", "Cross-Border Provisions", "Incident Reporting Measures",
                    "Minors Online Protection Regulations", "PCI DSS v4.0.1"]  # an SSN: transfers abroad
    findings_part = html.split('<section id="method">')[0]  # the appendix documents the model for every law
    assert "PIPL Art. 66(2)" in html and "GDPR Art." not in findings_part and "§1798.81.5" not in findings_part
    assert "PCI DSS v4.0.1 Reqs. 3.3.1, 3.4.1, 3.5.1" in html  # contractual: shown for cards whatever the law
    steps = re.findall(r"<li><b>[^<]+</b> — ([^<]+)</li>", html.split('<section id="obligations"')[1])
    assert steps and not any("GDPR" in step or "HIPAA" in step for step in steps)  # remediation too
    us = render_report(out, options=Options(jurisdictions=("us",)))
    assert "§1798.150" in us and "HIPAA" in us and "PIPL Art. 66" not in us.split('<section id="method">')[0]


def test_statutory_maxima_are_labelled_and_pipl_is_two_alternatives(out):
    a = build(out, options=Options(turnover=Turnover(2_000_000_000, "CNY")))
    maxima = {m.penalty.code: m for m in a.maxima}
    assert maxima["pipl_art_66"].share == 100_000_000 and maxima["pipl_art_66"].ceiling is None  # "or", not max
    assert maxima["gdpr_art_83_5"].ceiling is None  # turnover in RMB: no currency conversion
    assert (maxima["ccpa_1798_150"].people, maxima["ccpa_1798_150"].high) == (2, 2 * 799)
    eur = {m.penalty.code: m for m in build(out, options=Options(turnover=Turnover(10**9, "EUR"))).maxima}
    assert eur["gdpr_art_83_5"].ceiling == 40_000_000 and eur["gdpr_art_83_4"].ceiling == 20_000_000
    html = render_report(out, options=Options(turnover=Turnover(2_000_000_000, "CNY")))
    assert "maxima, not predictions" in html and "two alternatives" in html and "RMB 100,000,000" in html


def test_json_summary(out, tmp_path):
    cli("report", out, "--format", "json", "--deal", "acquisition", "--turnover", "3.2b", "-o", tmp_path / "r.json")
    text = (tmp_path / "r.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["overall_risk"] == "high"
    assert {k: data["people"][k] for k in EXPECTED} == EXPECTED
    assert data["options"] == {"deal": "acquisition", "structure": None, "jurisdictions": ["cn", "eu", "us"],
                               "turnover": {"amount": 3_200_000_000, "currency": "CNY"}, "retention_days": 1095}
    assert [a["code"] for a in data["urgent_actions"]] == ["data_room", "minors", "credentials"]
    assert all(m["note"] == "statutory maximum, not a prediction" for m in data["statutory_maxima"])
    assert {t["code"] for t in data["thresholds"] if t["crossed"]} == {"minors_yearly_audit", "foreign_identifiers"}
    assert [v for v in RAW_VALUES if v in text] == []


def test_csv_evidence_holds_masked_values_only(out, tmp_path):
    cli("report", out, "--format", "csv", "-o", tmp_path / "e.csv")
    text = (tmp_path / "e.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 20 and "masked_value" in rows[0] and "value_hash" not in rows[0]
    assert {r["item"] for r in rows} >= {XSS_NAME, "hr/员工.csv"}
    assert [v for v in RAW_VALUES if v in text] == []


def test_report_command_defaults_and_options(out):
    result = cli("report", out, "--lang", "zh", "--deal", "routine", "--jurisdictions", "eu,cn")
    assert str((out / "report.html").resolve()) in result.output.replace("\n", "")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "例行扫描" in html and "法域：中国、欧盟" in html


@pytest.mark.parametrize("args, message", [
    (["--jurisdictions", "cn,uk"], "use a comma-separated list of cn, eu, us"),
    (["--turnover", "lots"], "give an amount"),
    (["--turnover", "5m JPY"], "give an amount"),
    (["--deal", "merger"], "'merger' is not one of"),
])
def test_report_options_are_validated(out, args, message):
    result = CliRunner().invoke(main, ["report", str(out), *args])
    assert result.exit_code == 2 and message in result.output


def test_report_of_an_empty_scan(tmp_path):
    from scanner.manifest import write_manifest
    from scanner.store import ScanWriter

    ScanWriter(tmp_path, "20261120T000000Z-0000").publish()
    write_manifest(tmp_path, {"scan_id": "20261120T000000Z-0000", "status": "finished", "sources": []})
    html = render_report(tmp_path, options=Options(deal="acquisition"))
    assert "No personal information was found" in html and "Nothing to do" in html


COVERAGE = {
    "en": ["all rows", "primary-key ranges: 10 random starts on id, up to 100 rows each, seed 7",
           "20–400 at 95% confidence (2 of 1,000 rows read)", "28–361 at 95% confidence (2 of 1,000 rows read)",
           "the column holds this type: 98% of 1,000 values valid", "exact: every row read",
           "not decided for the whole column: 12% of 1,000 values valid"],
    "zh": ["全部行", "主键区间：在 id 上随机选取10个起点，每个区间最多100行，种子7", "全部行（120）",
           "archive/old.zip：受密码保护的 zip（请索取未加密的副本或密码）",
           "broken.docx：无法读取的 .docx 文件（已加密、受密码保护或已损坏）",
           "95%置信区间20至400（已读1,000行中有2行）", "精确值：已读取全部行",
           "整列判定为此类型：1,000个值中98%有效", "未判定整列：1,000个值中12%有效"],
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_coverage_shows_each_tables_sampling_and_columns(out, lang):
    coverage = render_report(out, lang=lang).split('<section id="coverage">')[1].split("</section>")[0]
    for text in COVERAGE[lang]:
        assert text in coverage
    tables = re.findall(r'<tr><td class="mono">([\w.]+)<br>.*?</td><td class="num">([\d,]+)</td>\s*'
                        r'<td class="num">([^<]+)</td>', coverage)
    assert tables == [("public.companies", "120", COVERAGE[lang][0]), ("public.customers", "50,000", "1,000")]
    columns = re.findall(r'<tr><td class="mono">([\w.]+)</td><td class="mono">(\w+)</td><td>[^<]+'
                         r'<span class="note mono">(\w+)</span></td>\s*<td class="num">([\d,]+)</td>', coverage)
    assert columns == [("public.companies", "uscc", "CN_USCC", "1"),
                       ("public.customers", "email", "EMAIL_ADDRESS", "100"),
                       ("public.customers", "mobile", "PHONE_NUMBER", "100")]  # city: nothing found, not listed


def test_json_coverage_has_the_tables_sampling_and_columns(out):
    tables = summary(build(out))["coverage"]["tables"]
    assert [(t["item"], t["rows_sampled"], t["table_rows"], t["all_rows"]) for t in tables] == [
        ("public.companies", 120, 120, True), ("public.customers", 1000, 50000, False)]
    email = tables[1]["columns"][0]
    assert (email["column"], email["estimate"], email["low"], email["high"], email["interval_confidence"],
            email["decided"], email["class_confidence"]) == ("email", 100, 20, 400, 0.95, True, 0.98)


def test_coverage_of_a_scan_stored_without_column_classes(tmp_path):
    shutil.rmtree(build_scan(tmp_path) / "column_classes")  # as an older store version left it
    coverage = render_report(tmp_path).split('<section id="coverage">')[1]
    assert "20–400 at 95% confidence" in coverage and "values valid" not in coverage


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("deal", [None, "acquisition", "deregistration", "routine"])
def test_no_python_object_leaks_into_the_report(out, lang, deal):
    html = render_report(out, lang=lang, options=Options(deal=deal))
    assert re.findall(r"built-in method|bound method|<function |object at 0x", html.replace("&lt;", "<")) == []
    header = html.split('<table id="by-entity"')[1].split("</thead>")[0]
    assert {"en": "<th class=\"num\">Items</th>", "zh": "<th class=\"num\">文件/数据表数</th>"}[lang] in header


@pytest.mark.parametrize("lang, shown, hidden", [
    ("en", ["&gt; 500", "&gt; 10,000,000", "≥ 10,000,000", "≥ 100,000", "more than 500 residents"],
     [">501<", "10,000,001"]),
    ("zh", ["超过500", "超过1000万", "1000万及以上", "超过500名居民"],
     [">501<", "10,000,001", "500名以上", "10,000,000"]),
])
def test_thresholds_read_as_the_law_states_them(out, lang, shown, hidden):
    people = render_report(out, lang=lang).split('<section id="people">')[1].split("</section>")[0]
    for text in shown:
        assert text in people
    for text in hidden:
        assert text not in people


def test_ordinary_report_shows_csl_with_both_numberings(out):
    html = render_report(out)
    obligations = html.split('<section id="obligations">')[1].split("</section>")[0]
    assert "CSL Art. 42 (2016 text Art. 40)" in obligations and "CSL Art. 23(4) (2016 text Art. 21(4))" in obligations
    assert "renumbered" in obligations  # the CSL's renumbering note, not only for IP addresses
    assert "GDPR Art. 30" in obligations and "GDPR Art. 5(1)(c)" in obligations


def test_deregistration_recommends_deletion_and_erasure(out):
    a = build(out, options=Options(deal="deregistration"))
    erasure = [row for row in a.obligations["GDPR"] if row.obligation.code == "gdpr_art_17_erasure"]
    assert erasure and "deal" in erasure[0].triggered_by and "deregistration" in erasure[0].remediation
    deletion = next(row for row in a.obligations["PIPL"] if row.obligation.code == "pipl_art_47_deletion")
    assert "deregistration" in deletion.remediation
    assert "gdpr_art_17_erasure" not in {r.obligation.code for r in build(out).obligations["GDPR"]}


def test_crossed_cross_border_threshold_recommends_the_transfer_steps(out):
    from reports.assessment import ThresholdRow, _obligations

    a = build(out)
    crossed = [ThresholdRow(a.rules.context.thresholds["xb_standard_100k"], 150_000, True, False)]
    rows = {r.obligation.code: r for law in _obligations(a.rules, a.risks, crossed, a.options).values() for r in law}
    for code in ("xb_provisions_art_8_contract", "pipl_art_38_39_cross_border", "gdpr_ch_v_transfers"):
        assert rows[code].triggered_by == ("threshold",) and "cross_border" in rows[code].remediation
    # The fixture's US SSN alone, with no volume, already brings the cross-border rules in (issue 14, point 8).
    base = {r.obligation.code: r for law in a.obligations.values() for r in law}
    assert base["pipl_art_38_39_cross_border"].triggered_by == ("threshold",)
    flags = {f.key: f.count for f in a.flags}
    assert flags["flag_foreign"] == 1


def threshold_rows(html: str) -> dict[str, str]:
    """Each threshold row's HTML by the first words of its text."""
    body = html.split('<section id="people">')[1].split("</tbody>")[0]
    rows = [html_lib.unescape(row) for row in body.split("<tr")[2:]]
    return {row.split("<td>")[1].split("</td>")[0]: row for row in rows}


def test_threshold_rows_count_the_right_people_and_cite_the_right_articles(out):
    a = build(out)
    rows = {row.threshold.code: row for row in a.thresholds}
    assert (rows["hipaa_500"].threshold.metric, rows["hipaa_500"].value) == ("health_people", 1)  # not all 7
    assert rows["minors_yearly_audit"].status == "reached"
    html = render_report(out)
    by_text = threshold_rows(html)
    sensitive = next(row for text, row in by_text.items() if text.startswith("Providing these individuals' sensit"))
    assert "not reached" in sensitive and "still needs the standard contract or certification (Art. 8)" in sensitive
    assert "Cross-Border Provisions Art. 7" in sensitive and "Cross-Border Provisions Art. 8" in sensitive
    ordered = [row for text, row in by_text.items() if text.startswith("A leak")]
    assert len(ordered) == 2 and all("Audit Measures Art. 5" in row and "Art. 4" not in row for row in ordered)
    assert "articles not cited" not in html and "Arts. 4–5" not in html
    minors = next(row for text, row in by_text.items() if text.startswith("Minors"))
    assert "Minors Online Protection Regulations Art. 37" in minors and "children under 14" in minors


def test_minors_audit_row_is_not_determined_when_no_child_is_found(out):
    from reports.assessment import _thresholds
    from reports.people import People

    a = build(out)
    rows = {r.threshold.code: r for r in _thresholds(a.rules, People(7, 0, 4, 2, 7), ("cn",))}
    assert rows["minors_yearly_audit"].status == "not_determined"  # 14-17-year-olds are not counted
    assert rows["xb_sensitive_10k"].status == "not_reached" and rows["xb_sensitive_10k"].threshold.below


def test_chinese_report_names_types_and_locations_in_chinese(out):
    html = render_report(out, lang="zh")
    risk = html.split('<section id="risk">')[1].split("</section>")[0].split("<h3>")[1]
    tags = re.findall(r'<a class="tag" href="#cls-(\w+)"[^>]*>([^<]+)</a>', risk)
    assert tags and all(label != code for code, label in tags)
    assert {("CN_RESIDENT_ID", "居民身份证号码"), ("EMAIL_ADDRESS", "电子邮件地址")} <= set(tags)
    evidence = html.split('<section id="evidence">')[1].split("</section>")[0]
    cells = set(re.findall(r'</td><td>([^<]*)</td><td>', evidence))
    assert {"第2行", "第1行", "第2页", "工作表“Sheet1”B2单元格"} <= cells
    assert not {"row 2", "line 1", "page 2", "Sheet1!B2"} & cells
    english = render_report(out, lang="en").split('<section id="evidence">')[1]
    assert "<td>row 2</td>" in english and "<td>Sheet1!B2</td>" in english


@pytest.mark.parametrize("lang, header", [("en", "GDPR Art. 10 (criminal convictions)"),
                                          ("zh", "GDPR 第10条（刑事定罪）")])
def test_classification_shows_gdpr_art_10_next_to_art_9(out, lang, header):
    table = render_report(out, lang=lang).split('<table id="by-entity"')[1].split("</table>")[0]
    headers = re.findall(r"<th[^>]*>([^<]+)</th>", table.split("</thead>")[0])
    assert headers[headers.index("GDPR Art. 9" if lang == "en" else "GDPR 第9条") + 1] == header
    rows = table.split("</thead>")[1].split("<tr")[1:]
    assert rows and all(row.count("<td") == len(headers) for row in rows)  # an Art. 10 cell in every row
    eu_less = render_report(out, lang=lang, options=Options(jurisdictions=("cn",)))
    assert header not in eu_less.split('<table id="by-entity"')[1].split("</thead>")[0]


def _stale(assessment) -> set[str]:
    return {r.facts.item for r in assessment.risks if r.stale}


def test_retention_days_decides_what_is_stale(out, tmp_path):
    # The scan started 2026-11-20: hr/员工.csv was last changed in 2019, docs/contract.pdf on 2026-01-05 (319 days).
    assert _stale(build(out)) == {"hr/员工.csv"}  # config/risk.yaml: 1095 days
    assert _stale(build(out, options=Options(retention_days=300))) == {"hr/员工.csv", "docs/contract.pdf"}
    assert _stale(build(out, options=Options(retention_days=3000))) == set()
    cli("report", out, "--format", "json", "--retention-days", "300", "-o", tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["options"]["retention_days"] == 300
    stale = {r["item"] for r in data["items"] if any(f["name"] == "stale" for f in r["factors"])}
    assert stale == {"hr/员工.csv", "docs/contract.pdf"}
    html = render_report(out, options=Options(retention_days=300))
    assert "more than 300 days" in html  # the method appendix states the period used


@pytest.mark.parametrize("value", ["0", "-5", "soon"])
def test_retention_days_is_validated(out, value):
    result = CliRunner().invoke(main, ["report", str(out), "--retention-days", value])
    assert result.exit_code == 2 and "--retention-days" in result.output


@pytest.mark.parametrize("deal", ["acquisition", "deregistration"])
def test_citations_follow_the_jurisdictions_shown(out, deal):
    html = render_report(out, options=Options(deal=deal, jurisdictions=("cn",)))
    for section in ("people", "deal"):
        part = html.split(f'<section id="{section}">')[1].split("</section>")[0]
        assert "GDPR" not in part and "PIPL" in part, section
    eu = render_report(out, options=Options(deal="deregistration", jurisdictions=("cn", "eu")))
    assert "GDPR Art. 17" in eu.split('<section id="deal">')[1] and "GDPR Arts. 44–49" in eu


def visible_text(html: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", "", html.split("<body>")[1], flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", "\n", body))


def test_chinese_report_writes_amounts_items_and_punctuation_as_chinese_does(out):
    html = render_report(out, lang="zh", options=Options(deal="acquisition", turnover=Turnover(8_026_000_000, "CNY")))
    text = visible_text(html)
    assert "5000万元以下，或者上一年度营业额5%以下" in text  # PIPL Art. 66(2), not 人民币 50,000,000以下
    assert "80.26亿元" in text and "4.013亿元" in text and "2000万欧元" in text  # a case and a turnover share
    assert "人民币" not in text.split("法定责任上限")[1].split("执法案例")[0] and "8,026,000,000" not in text
    assert "对象" not in text and "文件/数据表" in text
    assert not re.search(r"[+＋]\d", text) and "明文存储（1分）" in text  # no "明文 +1" chips
    cjk = "[\u4e00-\u9fff（）“”]"
    assert re.findall(rf"{cjk}[:;,] ?|[:;,] ?{cjk}", text) == []  # full-width ：；、 between Chinese words
    spaced = re.findall(r"[\u4e00-\u9fff] [\d,.%]+ ?[\u4e00-\u9fff]|[\u4e00-\u9fff] ?[\d,.%]+ [\u4e00-\u9fff]", text)
    assert spaced == []  # 第18类, 7人, 2,821天: no spaces around numbers in Chinese
    assert "第18类标识符" in text and "第 18 类" not in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lawyers_text_has_no_tool_talk_and_no_repeated_trigger_lists(out, lang):
    html = render_report(out, lang=lang, options=Options(deal="acquisition"))
    text = visible_text(html)
    assert "project's legal reference" not in text and "项目法律参考资料" not in text
    assert not re.search(r"--[a-z]", text)  # no command-line flag (提供 --turnover 参数…)
    obligations = html.split('<section id="obligations">')[1].split("</section>")[0]
    gdpr = obligations.split('id="obl-gdpr_art_5_1_e_storage_limitation"')[1].split("</h3>")[0]
    assert 'id="obl-gdpr_art_30_records"' in gdpr and 'class="unverified"' not in gdpr
    assert ("Arts. 5, 17, 30, 34 and 35" if lang == "en" else "第5、17、30、34、35条") in text  # said once, there
    tags = r'<p class="note">[^<]*(?:<span class="tag">[^<]*</span>)*((?:<a class="tag[^>]*>[^<]*</a>){2,})'
    lists = re.findall(tags, obligations)
    assert len(lists) == len(set(lists))  # no list of types printed twice: the shared one is said once, above
    assert obligations.count('href="#grp-A"') > 5 and 'id="grp-A"' in obligations  # listed once, cited by letter


def test_numbers_count_personal_information_only_and_explain_the_sources(out, tmp_path):
    a = build(out)
    assert len(a.risks) == 7 and a.items_with_pi == 6  # public.companies holds company credit codes only
    assert {s.source: s.items for s in a.sources} == {"/srv/share": 5, "postgresql://db.example/crm": 1}
    summary_html = render_report(out).split('<section id="summary">')[1].split("</section>")[0]
    assert ">6</b>items with personal information" in summary_html and "unified social credit codes" in summary_html
    risk = render_report(out).split('<section id="risk">')[1]
    assert sum(s.people for s in a.sources) == 8 > a.people.people == 7  # one phone in both sources
    assert "counted in each of them, and once in the total of 7 people" in risk
    cli("report", out, "--format", "json", "-o", tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["items_with_personal_information"] == 6


def test_csv_opens_in_excel_and_carries_the_classification(out, tmp_path):
    cli("report", out, "--format", "csv", "--lang", "zh", "--jurisdictions", "cn", "-o", tmp_path / "e.csv")
    raw = (tmp_path / "e.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    row = next(r for r in rows if r["entity_type"] == "CN_RESIDENT_ID")
    classified = (row["entity_label"], row["gbt35273_category"], row["pipl_sensitive"])
    assert classified == ("居民身份证号码", "个人身份信息", "true")
    assert row["item"] == "hr/员工.csv" and "gdpr_special_category" not in row  # cn only: no GDPR column
    uscc = next(r for r in rows if r["entity_type"] == "CN_USCC")
    assert uscc["personal"] == "false"
    cli("report", out, "--format", "csv", "-o", tmp_path / "all.csv")
    header = (tmp_path / "all.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "gdpr_special_category" in header and "hipaa_identifier" in header and "pci_dss" in header


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("deal", [None, "acquisition", "deregistration", "routine"])
def test_prc_only_report_never_speaks_of_foreign_law(out, lang, deal):
    text = visible_text(render_report(out, lang=lang, options=Options(deal=deal, jurisdictions=("cn",))))
    for word in ("GDPR", "special categor", "特殊类别", "Personal data under", "CCPA", "HIPAA"):
        assert word not in text
    # PIPL Art. 28's list is one tier: no "highly sensitive" rank above it that the statute does not draw
    assert {"en": "highly sensitive", "zh": "高度敏感"}[lang] not in text
    child = {"en": "all the personal information of a child under 14", "zh": "不满十四周岁未成年人的个人信息"}
    assert child[lang] in text


def test_foreign_law_states_when_it_applies(out):
    html = render_report(out, options=Options(turnover=Turnover(10**9, "EUR")))
    obligations = html.split('<section id="obligations">')[1].split("</section>")[0]
    for law, condition in (("GDPR", "territorial scope (Art. 3)"), ("CCPA", "a \"business\" as the CCPA defines it"),
                           ("HIPAA", "covered entities and their business associates")):
        section = obligations.split(f'<h3 class="law">{law}</h3>')[1].split('<h3 class="law">')[0]
        assert condition in html_lib.unescape(section.split('<div class="obligation"')[0]), law
    exposure = html_lib.unescape(html.split('<section id="exposure">')[1].split("</section>")[0])
    assert "territorial scope (Art. 3)" in exposure and "California residents" in exposure
    method = visible_text("<body>" + html.split('<section id="method">')[1])
    assert "not restated, for want of a checked text" in method


def deal_section(html: str) -> str:
    return html_lib.unescape(html.split('<section id="deal"')[1].split("</section>")[0])


@pytest.mark.parametrize("structure, present, absent", [
    ("share", ["Structure: share deal", "the closing itself is not an Art. 22 transfer", "other group companies",
               "PIPL Art. 21", "PIPL Art. 52", "data room"],
     ["tell individuals the recipient's name", "NDSR Arts. 28, 32"]),
    ("asset", ["Structure: asset deal", "tell individuals the recipient's name", "sets no time for the notice",
               "NDSR Art. 14", "PIPL Art. 21", "PIPL Art. 52", "data room"],
     ["share deal the target remains", "other group companies"]),
    ("merger", ["Structure: merger", "tell individuals the recipient's name", "NDSR Arts. 28, 32"],
     ["other group companies"]),
    (None, ["Structure not given", "In a share deal the target remains", "In a merger, or an asset deal",
            "other group companies", "PIPL Art. 21"], []),
])
def test_structure_drives_the_acquisition_checklist(out, tmp_path, structure, present, absent):
    args = ["--structure", structure] if structure else []
    cli("report", out, "--deal", "acquisition", *args, "-o", tmp_path / "r.html")
    deal = deal_section((tmp_path / "r.html").read_text(encoding="utf-8"))
    for text in present:
        assert text in deal, text
    for text in absent:
        assert text not in deal, text
    assert "At closing, tell every" not in deal  # a timing the statute does not set
    cli("report", out, "--deal", "acquisition", *args, "--format", "json", "-o", tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["options"]["structure"] == structure


def test_structure_needs_an_acquisition():
    result = CliRunner().invoke(main, ["report", ".", "--deal", "routine", "--structure", "share"])
    assert result.exit_code == 2 and "--structure describes an acquisition" in result.output


def test_chinese_share_deal_checklist(out):
    deal = deal_section(render_report(out, lang="zh", options=Options(deal="acquisition", structure="share")))
    assert "交易结构：股权收购" in deal and "个人信息保护法 第二十一条" in deal and "个人信息保护法 第五十二条" in deal
    assert "交割时" not in deal


def test_deregistration_triage_freezes_what_a_law_keeps_and_deletes_the_rest(out, tmp_path):
    a = build(out, options=Options(deal="deregistration"))
    triage = {row.risk.facts.item: (row.action, row.rule.text["en"] if row.rule else None) for row in a.triage}
    assert triage["hr/员工.csv"] == ("freeze", "employment records: terminated labour contracts at least 2 years")
    assert triage["customers_en.xlsx"] == ("delete", None) and triage["public.customers"] == ("delete", None)
    assert "public.companies" not in triage  # company data only
    assert [f.key for f in a.flags if f.key in ("flag_stale", "flag_deregistration")] == ["flag_deregistration"]
    html = render_report(out, options=Options(deal="deregistration"))
    deal = deal_section(html)
    for text in ("PIPL Art. 47(1)(1)–(2)", "not the age of the data", "Labour Contract Law Art. 50",
                 "Tax Collection Implementing Rules Art. 29", "Accounting Archives Measures Arts. 14–15",
                 "Company Law Art. 232", "return or delete", "Anonymisation is an alternative", "Backups",
                 "Triage: delete or freeze"):
        assert text in deal, text
    assert "treated as past its retention period" not in html and "NDSR Art. 24" not in html
    cli("report", out, "--deal", "deregistration", "--format", "json", "-o", tmp_path / "r.json")
    rows = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["triage"]
    assert {r["item"]: r["action"] for r in rows}["hr/员工.csv"] == "freeze"


@pytest.mark.parametrize("item, action, rule", [
    ("backup/2019_crm.zip", "backup", None), ("exports/crm.bak", "backup", None), ("备份/客户.xlsx", "backup", None),
    ("财务/2023年记账凭证.xlsx", "freeze", "accounting"), ("finance/general_ledger.csv", "freeze", "accounting"),
    ("发票/2024.pdf", "freeze", "tax"), ("hr/payroll_2024.xlsx", "freeze", "employment"),
    ("public.orders", "delete", None), ("marketing/leads.csv", "delete", None),
])
def test_deregistration_triage_rules(item, action, rule):
    from reports.obligations import load_obligations

    rules = load_obligations().context.deals["deregistration"].retention
    found = next((r for r in rules if r.pattern.search(item)), None)
    assert (found.action if found else "delete") == action
    assert rule is None or rule in found.text["en"]


def test_a_scanned_copy_is_recognised_and_its_permissions_not_scored(tmp_path):
    from report_fixtures import build_copied_room

    copy = build_copied_room(tmp_path / "copy")
    a = build(copy)
    assert [(c.source, c.files, c.owner, c.mode) for c in a.copies] == [("/srv/share", 6, "root", "0644")]
    assert not any(r.broad for r in a.risks) and "flag_exposed_sensitive" not in {f.key for f in a.flags}
    summary_html = render_report(copy).split('<section id="summary">')[1].split("</section>")[0]
    assert "looks like a copy made for the scan" in summary_html and "not scored" in summary_html
    zh = render_report(copy, lang="zh")
    assert "应为为扫描而制作的副本" in zh
    # Four files are too few to tell a copy from a share: world-readable still counts there.
    real = build_copied_room(tmp_path / "real", files=4)
    assert build(real).copies == [] and all(r.broad for r in build(real).risks)


def test_criminal_law_thresholds_are_in_the_table(out):
    rows = {row.threshold.code: row for row in build(out, options=Options(jurisdictions=("cn",))).thresholds}
    assert (rows["crime_property_50"].value, rows["crime_property_50"].threshold.minimum) == (1, 50)  # the card
    assert (rows["crime_health_500"].value, rows["crime_other_5000"].value) == (1, 7)
    people = render_report(out, options=Options(deal="acquisition")).split('<section id="people">')[1]
    assert "Criminal Law Art. 253-1; Interpretation Arts. 3, 5" in people and "counted in people" in people
    assert "刑法 第二百五十三条之一" in render_report(out, lang="zh")


def test_missing_prc_law_is_cited_where_it_bites(out):
    acquisition = deal_section(render_report(out, options=Options(deal="acquisition", structure="share")))
    for cite in ("PIPL Arts. 66, 69, 70", "Civil Code Arts. 1034–1038", "Consumer Rights Protection Law Art. 29",
                 "Criminal Law Art. 253-1", "DSL Arts. 21, 27, 45", "specific indemnities"):
        assert cite in acquisition, cite
    assert "DSL Arts. 21, 27, 45" in deal_section(render_report(out, options=Options(deal="routine")))
    zh = deal_section(render_report(out, lang="zh", options=Options(deal="acquisition")))
    assert "民法典 第一千零三十四条至第一千零三十八条" in zh and "消费者权益保护法 第二十九条" in zh

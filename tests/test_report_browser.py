"""The HTML report in a real headless Chromium, opened from disk: sections render in both languages,
no request leaves the page (with a negative control that proves the check sees one), a hostile file
name stays text, print-to-PDF works, and screenshots are kept in test-artifacts/ for a person to look at.
"""
from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from browser import devtools, run
from report_fixtures import XSS_NAME, build_scan

from reports.assessment import Options
from reports.memo import Memo
from reports.render import render_report

ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"
SECTIONS = ("cover", "summary", "scope", "heatmap", "risk", "people", "exposure", "deal", "obligations", "requests",
            "classification", "evidence", "coverage", "method")
MEMO = Memo(target="Acme Data Ltd", client="Buyer Holdings", matter="M-2026-017", prepared_by="Deal Team A",
            prepared_for="General Counsel")
WORDS = {"en": ("Personal information risk report", "Red flags", "The three most urgent actions",
                "PIPL Art. 22", "Coverage: what was not seen", "Column classification"),
         "zh": ("个人信息风险报告", "重大风险提示", "最紧迫的三项措施", "个人信息保护法 第二十二条", "覆盖范围",
                "列分类")}


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    out = build_scan(tmp_path_factory.mktemp("browser") / "out")
    paths = {}
    for lang in ("en", "zh"):
        paths[lang] = out / f"report-{lang}.html"
        html = render_report(out, lang=lang, options=Options(deal="acquisition", memo=MEMO))
        paths[lang].write_text(html, encoding="utf-8")
    return paths


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_key_sections_are_in_the_rendered_dom(reports, lang):
    dom = run(reports[lang].as_uri(), "--dump-dom").stdout
    for section in SECTIONS:
        assert f'id="{section}"' in dom
    for word in WORDS[lang]:
        assert word in dom
    # The hostile file name is text in the DOM, never an element.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.txt" in dom
    assert "<script>alert(1)" not in dom


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_request_leaves_the_page_and_sections_are_visible(reports, lang):
    url = reports[lang].as_uri()
    with devtools() as page:
        page.open(url)
        assert page.requested() == [url]
        heights = page.evaluate("JSON.stringify(Object.fromEntries([...document.querySelectorAll('main > section')]"
                                ".map(s => [s.id, s.getBoundingClientRect().height])))")
        scripts = page.evaluate("document.scripts.length")
        dialogs = page.events_named("Page.javascriptDialogOpening")
    visible = {k for k, v in json.loads(heights).items() if v > 20}
    assert set(SECTIONS) <= visible
    assert scripts == 1 and dialogs == []  # only our own sorting script; alert(1) never ran


def test_the_request_check_catches_an_external_image(reports, tmp_path):
    # Negative control: the same report with one external <img> must show a request that leaves the page.
    tampered = tmp_path / "tampered.html"
    html = reports["en"].read_text(encoding="utf-8")
    tampered.write_text(html.replace("<main>", '<main><img src="http://203.0.113.9/pixel.png" alt="">', 1),
                        encoding="utf-8")
    with devtools() as page:
        page.open(tampered.as_uri())
        assert "http://203.0.113.9/pixel.png" in page.requested()


def test_sorting_works_offline(reports):
    with devtools() as page:
        page.open(reports["en"].as_uri())
        first = "document.querySelector('#risk table.sortable:nth-of-type(2) tbody tr td').textContent"
        before = page.evaluate(first)
        page.evaluate("document.querySelector('#risk table.sortable:nth-of-type(2) th').click()")
        after = page.evaluate(first)
        page.evaluate("document.querySelector('#risk table.sortable:nth-of-type(2) th').click()")
        again = page.evaluate(first)
    assert before == "hr/员工.csv"  # worst first as rendered
    assert after != before and again != after  # sorted by item name, ascending then descending


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_screenshot_and_print_to_pdf_are_saved_as_artefacts(reports, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / f"report-{lang}.png"
    screenshot.unlink(missing_ok=True)
    run(reports[lang].as_uri(), f"--screenshot={screenshot}", "--window-size=1280,4000")
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 100_000  # a rendered page, not a blank one
    with devtools() as page:
        page.open(reports[lang].as_uri())
        pdf = page.pdf()
        page.call("Emulation.setEmulatedMedia", media="print")
        printed = page.evaluate("[getComputedStyle(document.querySelector('nav')).display, "
                                "getComputedStyle(document.querySelector('#filter')).display === 'none' || "
                                "getComputedStyle(document.querySelector('#filter').closest('p')).display]")
    (ARTIFACTS / f"report-{lang}.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 3
    assert printed == ["none", "none"]  # print CSS hides navigation and the filter box


def test_hostile_file_name_is_listed_as_text(reports):
    html = reports["en"].read_text(encoding="utf-8")
    assert XSS_NAME not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.txt" in html


# Headers and statuses where a line holds a single character (分/值 stacked), in a narrow (A4-width) window;
# the heat map's headers are written vertically on purpose.
NARROW = 760
STACKED = """JSON.stringify([...document.querySelectorAll('th:not(.rot), .state')].filter(el => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), lines = {};
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      if (!node.data[i].trim()) continue;
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      const top = Math.round(r.getBoundingClientRect().top);
      lines[top] = (lines[top] || 0) + 1; chars++;
    }
  }
  return chars > 1 && Object.values(lines).some(n => n === 1);
}).map(el => el.textContent.trim()))"""


def test_chinese_headers_and_statuses_do_not_break_one_character_per_line(reports):
    with devtools() as page:
        page.call("Emulation.setDeviceMetricsOverride", width=NARROW, height=3000, deviceScaleFactor=1, mobile=False)
        page.open(reports["zh"].as_uri())
        wrapped = json.loads(page.evaluate(STACKED))
        headers = page.evaluate("document.querySelectorAll('th').length")
    assert headers > 20 and wrapped == [], wrapped


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cover_and_summary_screenshots_are_saved_as_artefacts(reports, lang):
    """The cover page and the summary, each captured alone, for a person to look at in both languages."""
    ARTIFACTS.mkdir(exist_ok=True)
    with devtools() as page:
        page.call("Emulation.setDeviceMetricsOverride", width=1024, height=1400, deviceScaleFactor=1, mobile=False)
        page.open(reports[lang].as_uri())
        for section in ("cover", "summary"):
            box = page.evaluate(f"JSON.stringify(document.getElementById('{section}').getBoundingClientRect())")
            box = json.loads(box)
            assert box["height"] > 100 and box["width"] > 600, (section, box)
            shot = page.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                             clip={"x": box["x"], "y": box["y"] + page.evaluate("window.scrollY"),
                                   "width": box["width"], "height": box["height"], "scale": 1})
            path = ARTIFACTS / f"report-{lang}-{section}.png"
            path.write_bytes(base64.b64decode(shot["data"]))
            assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000

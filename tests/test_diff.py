"""piiaudit diff on real scans of a folder changed between them: values and people new, resolved, still
present, and unchecked where the later scan did not look; names masked, items told apart by name_key."""
from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from scanner.cli import main
from scanner.connectors import SourceOptions
from scanner.pipeline import ScanOptions, run_scan

FILES = {
    "a.txt": "Write to alice.walker@example.com or call 13800138000 about the order.\n",  # one person
    "b.txt": "Contact: bob.fischer@example.org\n",
    "c.txt": "Contact: carol.chen@example.net\n",
    "f.txt": "Contact: frank.li@example.com\n",
    "张伟.txt": "邮箱 zhangwei@example.com\n",
    "张敏.txt": "邮箱 zhangmin@example.com\n",
}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def diff(*args) -> dict:
    result = run("diff", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    """Three scans: the share as above; after changes (a phone removed, b deleted, d added, f now a binary
    piiaudit skips, 张伟 deleted); the same share with c.txt excluded."""
    root = tmp_path_factory.mktemp("diff")
    share, out = root / "share", root / "out"
    share.mkdir()
    for name, text in FILES.items():
        (share / name).write_text(text, encoding="utf-8")
    first = run_scan([str(share)], out).scan_id
    time.sleep(1.1)  # scan IDs sort by time to the second
    (share / "a.txt").write_text("Write to alice.walker@example.com about the order.\n", encoding="utf-8")
    (share / "b.txt").unlink()
    (share / "张伟.txt").unlink()
    (share / "d.txt").write_text("Contact: dave.jones@example.com\n", encoding="utf-8")
    (share / "f.txt").write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(range(256)) * 8)
    second = run_scan([str(share)], out).scan_id
    time.sleep(1.1)
    third = run_scan([str(share)], out, ScanOptions(source=SourceOptions(exclude=("c.txt",)))).scan_id
    return out, first, second, third


def rows_by_item(data: dict) -> dict:
    return {(r["item"], r["entity_type"]): {k: r[k] for k in ("new", "resolved", "still_present", "unchecked")}
            for r in data["rows"] if r["item"] != "张**.txt"}


def test_changes_between_two_scans(scans):
    out, first, second, _ = scans
    data = diff(out, "--base", first, "--head", second)
    assert (data["base"]["scan_id"], data["head"]["scan_id"]) == (first, second)
    assert rows_by_item(data) == {
        ("a.txt", "EMAIL_ADDRESS"): {"new": 0, "resolved": 0, "still_present": 1, "unchecked": 0},
        ("a.txt", "PHONE_NUMBER"): {"new": 0, "resolved": 1, "still_present": 0, "unchecked": 0},
        ("b.txt", "EMAIL_ADDRESS"): {"new": 0, "resolved": 1, "still_present": 0, "unchecked": 0},
        ("c.txt", "EMAIL_ADDRESS"): {"new": 0, "resolved": 0, "still_present": 1, "unchecked": 0},
        ("d.txt", "EMAIL_ADDRESS"): {"new": 1, "resolved": 0, "still_present": 0, "unchecked": 0},
        # skipped by the second scan (a binary now): its old value is not known to be gone
        ("f.txt", "EMAIL_ADDRESS"): {"new": 0, "resolved": 0, "still_present": 0, "unchecked": 1},
    }
    # Two files masked to the same name stay two items (name_key): one deleted, one still there.
    masked = sorted((r["resolved"], r["still_present"]) for r in data["rows"]
                    if r["item"] == "张**.txt" and r["entity_type"] == "EMAIL_ADDRESS")
    assert masked == [(0, 1), (1, 0)]
    assert data["totals"] == {"new": 1, "resolved": 3, "still_present": 3, "unchecked": 1}
    # alice (email and phone: one person) and carol and 张敏 remain; bob and 张伟 are gone; dave is new; frank unknown
    assert data["people"] == {"new": 1, "resolved": 2, "still_present": 3, "unchecked": 1}


def test_defaults_compare_the_latest_finished_scan_with_the_one_before(scans):
    out, _, second, third = scans
    data = diff(out)
    assert (data["base"]["scan_id"], data["head"]["scan_id"]) == (second, third)
    # c.txt left out by the third scan's --exclude: not resolved, unchecked
    assert rows_by_item(data)[("c.txt", "EMAIL_ADDRESS")] == {"new": 0, "resolved": 0, "still_present": 0,
                                                              "unchecked": 1}
    assert data["totals"]["resolved"] == 0 and data["totals"]["new"] == 0


def test_table_and_csv_show_masked_names_only(scans):
    out, first, second, _ = scans
    table = run("diff", out, "--base", first, "--head", second)
    csv_text = run("diff", out, "--base", first, "--head", second, "--format", "csv")
    assert table.exit_code == csv_text.exit_code == 0
    assert f"base {first} -> head {second}" in table.output
    assert "people:  new 1, resolved 2, still present 3, unchecked 1" in table.output
    assert csv_text.output.splitlines()[0] == "source,item,entity_type,new,resolved,still_present,unchecked"
    assert len(csv_text.output.splitlines()) == 1 + 8
    for text in (table.output, csv_text.output, json.dumps(diff(out, "--base", first, "--head", second),
                                                           ensure_ascii=False)):
        assert "张**.txt" in text and "张伟" not in text and "张敏" not in text
        assert "alice.walker@example.com" not in text


def test_diff_needs_two_finished_scans(scans, tmp_path):
    out, first, _, _ = scans
    single = tmp_path / "single"
    share = tmp_path / "share"
    share.mkdir()
    (share / "x.txt").write_text("Contact: x.y@example.com\n", encoding="utf-8")
    run_scan([str(share)], single)
    result = run("diff", single)
    assert result.exit_code == 1 and "diff needs two finished scans" in result.output
    result = run("diff", out, "--base", "20990101T000000Z-ffff")
    assert result.exit_code == 1 and "no finished scan with ID 20990101T000000Z-ffff" in result.output
    result = run("diff", out, "--base", first, "--head", first)
    assert result.exit_code == 1 and "the same scan" in result.output


def test_the_report_counts_the_people_of_two_files_masked_alike_apart(scans):
    out, first, _, _ = scans
    result = run("report", out, "--scan", first, "--format", "json", "-o", out / "first.json")
    assert result.exit_code == 0, result.output
    # alice, bob, carol, frank, and one in each of 张伟.txt and 张敏.txt (both shown as 张**.txt, line 1)
    assert json.loads((out / "first.json").read_text(encoding="utf-8"))["people"]["people"] == 6

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
    ("经销商：Gonzalez, Lopez and Foster", []),         # a firm named after its partners
    ("Ann Lee works at Hawkins, Richardson and Santana", ["Ann Lee"]),
    ("They had 4: Gaetane, Hannah, Anthony and Derek.", ["Gaetane", "Hannah", "Anthony"]),  # a list; spaCy misses Derek
    ("Checksums (sha256):", []),
    ("between Ellison, Wallace and Davis and Mr. Deng", ["Deng"]),
    ("between Velez-Henderson and Mr. Lee", ["Lee"]),    # a firm: two surnames, no given name
    ("Supplier: Watkins", []),                           # negative context
    ("Dear Jenna, thanks for your note.", ["Jenna"]),
    ("# Release 5.6.5\n\n- Fixed a crash in LED Desk Lamp firmware", []),  # the entity's last line is a verb
    ("- John Smith, CFO\n- Mary Jones", ["John Smith", "Mary Jones"]),
    # Logins in authentication logs, settings and config examples, and model names, are not people.
    ("May 14 10:22:01 host sshd[991]: Accepted password for Kevin from 10.1.1.1 port 22", []),
    ("login failed for user 'Admin' from 10.0.0.9", []),
    ("INFO  [AuthService] user=Olivia.Chen action=LOGIN result=SUCCESS", []),
    ("2024-05-01 12:00:00 WARN Invalid credentials for principal Bob", []),
    ("# e.g. MAIL_SENDER=Oliver Grant\nMAIL_HOST=smtp.internal", []),
    ("export PGUSER=Andrew Walsh", []),
    ("contact_name = Gregory Hines", ["Gregory Hines"]),          # the key says it is a name
    ("Employee: Jane Doe (example)", []),
    ("Catalogue: Sierra V. Pro  USB-C dock  $129", []),
    ("Petty Cash  Reimbursement  Marcus  300.00", []),          # a ledger's columns
    ("Agenda: Renewal of Lease, Hawthorne Building", []),
    ("Reviewed by Gregory Hines on Monday", ["Gregory Hines"]),  # an ordinary name still counts
    # Identifiers in source code: a lower-case word on a line of code, a class being constructed.
    ("// config\nmodule.exports = {\n  db: { user: \"app\" }\n};", []),
    ('const pool = new Pool({ max: 10 });', []),
    ("jdbc:sqlserver://sql01;databaseName=hr;encrypt=true", []),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "PERSON"] == expected


def test_replaces_presidios_spacy_recognizer(engine):
    names = [r.name for r in engine.analyzer.registry.recognizers]
    assert "EnglishPersonRecognizer" in names and "SpacyRecognizer" not in names

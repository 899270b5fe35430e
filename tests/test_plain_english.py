"""`check` holds the guides and the glossary to plain English, with the file and line of each departure.

A guide written the way the rules forbid is added to the minimal fixture (fictional areas); `check` must name
each problem exactly. The real guides are checked by running `check` on the real content
(tests/test_shipped_content.py).
"""

from __future__ import annotations

from site_builder.cli import main
from site_builder.content.plain_english import MIN_READING_EASE, abbreviations_in, is_expanded_before, sentences

FRONT = "---\ntitle: Testshire's guide\nsummary: A guide that breaks the rules.\nupdated: 2026-11-01\n---\n"
GUIDE = "guides/breaks-the-rules.md"


def check(site, capsys) -> list[str]:
    code = main(["check", "--content", str(site.content_dir), "--today", "2026-11-23"])
    lines = [line for line in capsys.readouterr().err.splitlines() if GUIDE in line or "glossary.yaml" in line]
    assert code == 0  # warnings only: `check --strict` would fail
    return [line[line.index("content/"):] for line in lines]


def test_a_long_sentence_is_named_with_its_line_and_first_words(make_site, capsys):
    long = "Families " + " ".join(["can ask"] * 13) + " again."
    site = make_site({GUIDE: FRONT + "## Asking\n\nA short one.\n\n" + long + "\n"})
    assert check(site, capsys) == [
        f"content/{GUIDE}:10: warning: this sentence has 28 words; plain English keeps a sentence to 25 or fewer: "
        "split it (it starts 'Families can ask can ask can ask can')"]


def test_latin_short_forms_are_written_out(make_site, capsys):
    site = make_site({GUIDE: FRONT + "Ask for help, e.g. from a friend.\n\nBring papers, forms etc. to the meeting.\n"})
    assert check(site, capsys) == [
        f"content/{GUIDE}:6: warning: write 'for example' instead of 'e.g.'",
        f"content/{GUIDE}:8: warning: write 'and so on (or list them all)' instead of 'etc.'"]


def test_an_abbreviation_is_explained_or_linked_the_first_time(make_site, capsys):
    body = ("The ICB pays for health services.\n\n"  # used before it is explained
            "A [WSOA](/glossary/#wsoa) is a plan. The WSOA is late.\n\n"  # linked: fine
            "The Care Quality Commission (CQC) inspects too.\n\n"  # spelled out: fine
            "Ask the XYZ team.\n")  # no glossary entry
    site = make_site({GUIDE: FRONT + body})
    assert check(site, capsys) == [
        f"content/{GUIDE}:6: warning: 'ICB' is used before it is explained: the first time, write "
        "'integrated care board (ICB)' or link it: [ICB](/glossary/#icb)",
        f"content/{GUIDE}:12: warning: 'XYZ' has no glossary entry: add one to content/glossary.yaml with abbr: XYZ, "
        "or write the words out"]


def test_links_inside_the_site_lead_somewhere(make_site, capsys):
    body = "See [the guide](/guides/no-such-guide/), [a term](/glossary/#nothing), [areas](/areas/) and [x](/x/).\n"
    site = make_site({GUIDE: FRONT + body})
    assert check(site, capsys) == [
        f"content/{GUIDE}:6: warning: the link /glossary/#nothing goes to no glossary entry: "
        "no term in content/glossary.yaml has id: nothing",
        f"content/{GUIDE}:6: warning: the link /guides/no-such-guide/ goes to no guide: "
        "there is no content/guides/no-such-guide.md",
        f"content/{GUIDE}:6: warning: the link /x/ is not a guide, a glossary entry or one of the site's lists "
        "(/, /areas/, /data/, /glossary/, /guides/, /map/, /search/, /which-area/)"]


def test_hard_reading_is_flagged_and_quotations_are_left_out(make_site, capsys):
    hard = ("Multidisciplinary accountability arrangements necessitate comprehensive interorganisational "
            "collaboration. Institutional responsibilities encompass commissioning, monitoring and evaluation.\n")
    quoted = "> " + " ".join(["The official sentence is long and is quoted word for word."] * 4) + "\n"
    site = make_site({GUIDE: FRONT + "## Hard\n\n" + hard + "\n" + quoted})
    [line] = check(site, capsys)
    assert line.startswith(f"content/{GUIDE}:6: warning: this guide scores ")
    assert line.endswith(f" for reading ease (Flesch); plain English needs {MIN_READING_EASE} or more: "
                         "use shorter sentences and everyday words")
    assert int(line.split("scores ")[1].split()[0]) < 0


def test_glossary_definitions_are_plain_too(make_site, capsys):
    site = make_site()
    glossary = site.content_dir / "glossary.yaml"
    glossary.write_text(glossary.read_text("utf-8").replace(
        "The NHS body that plans and pays for local health services.",
        "The NHS body that plans, i.e. decides and pays for, local health services."), "utf-8")
    assert check(site, capsys) == [
        "content/glossary.yaml:2: warning: terms[icb].definition: write 'that is' instead of 'i.e.'"]


def test_the_rules_read_sentences_and_abbreviations_as_a_reader_does():
    assert sentences(["See https://example.org/a.b for more. Then stop!"]) == ["See for more.", "Then stop!"]
    text = "Ask the special educational needs coordinator (SENCO). The WSOA (written statement of action) is late."
    (senco, start, end), (wsoa, w_start, w_end) = abbreviations_in(text)
    assert senco == "SENCO" and is_expanded_before(text, start, end, senco)
    assert wsoa == "WSOA" and not is_expanded_before(text, w_start, w_end, wsoa)
    assert [a for a, _, _ in abbreviations_in("See GOV.UK and the DfE and two EHCPs.")] == ["DfE", "EHCP"]

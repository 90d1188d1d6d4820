"""HTML display of a Release: placing mentions in the body, highlighting, escaping, tables."""
from __future__ import annotations

import re

import pytest

from iomextract import Release
from iomextract.display import Highlight, highlight_html, highlights, locate_in_body, render_html
from iomextract.types import Contact, Email, EventDate, Funder, Location, Mention, Organisation, PartialDate, Phone


def mention_of(original: str, text: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = original.index(text, start + 1)
    return Mention(text, start, start + len(text))


# An original page with chrome and hard-wrapped lines, and the body page preparation would make of it.
ORIGINAL = (
    "Accueil\nActualités\n"
    "L'OIM et le PAM aident Goma\n"
    "Goma – L'Organisation internationale pour les migrations (OIM) et le\n"
    "Programme alimentaire mondial (PAM) ont aidé 5 000 familles le 3 juin 2021.\n"
    "L'aide est financée par le gouvernement du Japon. L'OIM remercie le Japon.\n"
    "Contact : Jeanne Mukendi, Tél. +243 81 555 12 34, jmukendi@iom.int\n"
)
BODY = (
    "Goma – L'Organisation internationale pour les migrations (OIM) et le Programme alimentaire mondial (PAM) ont "
    "aidé 5 000 familles le 3 juin 2021.\n"
    "L'aide est financée par le gouvernement du Japon. L'OIM remercie le Japon.\n"
    "Contact : Jeanne Mukendi, Tél. +243 81 555 12 34, jmukendi@iom.int"
)
TITLE = "L'OIM et le PAM aident Goma"


def m(text: str, nth: int = 0) -> Mention:
    return mention_of(ORIGINAL, text, nth)


@pytest.fixture(scope="module")
def release() -> Release:
    return Release(
        title=TITLE,
        body=BODY,
        title_mention=m(TITLE),
        organisations=(
            Organisation("Organisation internationale pour les migrations", "OIM",
                         mentions=(m("OIM"), m("Organisation internationale pour les migrations"), m("OIM", 1),
                                   m("OIM", 2))),
            Organisation("Programme alimentaire mondial", "PAM",
                         mentions=(m("PAM"), m("Programme alimentaire mondial"), m("PAM", 1))),
        ),
        locations=(
            Location("Goma", "CD", "city", mentions=(m("Goma"), m("Goma", 1))),
            Location("Japon", "JP", "country", mentions=(m("Japon"), m("Japon", 1))),
        ),
        event_dates=(EventDate("le 3 juin 2021", PartialDate(2021, 6, 3), PartialDate(2021, 6, 3), "expression",
                               mentions=(m("le 3 juin 2021"),)),),
        funders=(Funder("gouvernement du Japon", country="JP", evidence="financée par", confidence=0.95,
                        mentions=(m("gouvernement du Japon"),)),),
        phones=(Phone("+243 81 555 12 34", "+243815551234", mentions=(m("+243 81 555 12 34"),)),),
        emails=(Email("jmukendi@iom.int", mentions=(m("jmukendi@iom.int"),)),),
        contacts=(Contact("Jeanne Mukendi", ("+243815551234",), ("jmukendi@iom.int",),
                          mentions=(m("Jeanne Mukendi"),)),),
    )


def test_highlights_cover_every_mention_in_original_order(release):
    items = highlights(release)
    total = sum(len(r.mentions) for f in Release.FIELDS for r in getattr(release, f))
    assert len(items) == total
    assert [(h.start, -h.end) for h in items] == sorted((h.start, -h.end) for h in items)
    assert all(ORIGINAL[h.start:h.end] == h.text for h in items)


def test_every_body_mention_is_placed_where_its_text_is(release):
    tm = release.title_mention
    items = [h for h in highlights(release) if h.start >= tm.end]
    placed = locate_in_body(BODY, items, tm.end)
    assert len(placed) == len(items)
    for start, end, h in placed:
        assert " ".join(BODY[start:end].split()) == " ".join(h.text.split())
    # the k-th mention of "OIM" in the original body is the k-th "OIM" of the clean body
    oim = [start for start, _, h in placed if h.text == "OIM"]
    assert oim == [m.start() for m in re.finditer(r"\bOIM\b", BODY)]


@pytest.mark.parametrize(
    "body, items, origin, expected",
    [
        # a name broken over two lines in the original, on one line in the body
        ("le Haut Commissariat des Nations Unies", [("Haut\nCommissariat", 10)], 7, [(3, 20)]),
        # the same word twice: each mention takes the occurrence in its own place
        ("OIM, puis OIM", [("OIM", 0), ("OIM", 10)], 0, [(0, 3), (10, 13)]),
        # a word inside a longer word is no match: "OIM" is not in "OIMX", it is found after
        ("OIMX et OIM", [("OIM", 8)], 0, [(8, 11)]),
        # an entity of an HTML original is found unescaped
        ("Médecins &amp; co", [("Médecins &amp;amp; co", 20)], 0, [(0, 17)]),
        # nested mentions: "Japon" inside "gouvernement du Japon", both placed
        ("le gouvernement du Japon", [("gouvernement du Japon", 3), ("Japon", 19)], 0, [(3, 24), (19, 24)]),
        # a mention the body no longer has is left out, and the next one is still placed
        ("Niamey et Agadez", [("Zinder", 0), ("Agadez", 10)], 0, [(10, 16)]),
        # a mention too far ahead of the original distance is not placed (it would be another occurrence)
        ("Agadez " + "x" * 200 + " Agadez", [("Agadez", 0), ("Agadez", 60)], 0, [(0, 6)]),
        # mentions before the body (the title) are skipped
        ("Goma – texte", [("Goma", 2), ("Goma", 30)], 28, [(0, 4)]),
    ],
)
def test_locate_in_body(body, items, origin, expected):
    highs = [Highlight("organisation", start, start + len(text), text, "") for text, start in items]
    assert [(s, e) for s, e, _ in locate_in_body(body, highs, origin)] == expected


def test_record_forms_are_a_fallback_when_the_written_text_is_gone():
    # the original wrote "mise en uvre" style damage: the record's clean form is what the body holds
    h = Highlight("organisation", 5, 20, "Organisaton <b>X</b>", "", ("Organisation X",))
    assert [(s, e) for s, e, _ in locate_in_body("Avec Organisation X.", [h], 0)] == [(5, 19)]


def test_highlight_html_escapes_text_and_tooltips():
    text = "<script>alert(1)</script> OIM"
    h = Highlight("organisation", 26, 29, "OIM", 'O"I<M>', ())
    out = highlight_html(text, [(26, 29, h)])
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert 'title="ORG: O&quot;I&lt;M&gt;"' in out
    assert out.count("<mark") == 1


def test_overlapping_spans_are_cut_into_segments_with_one_label_each():
    text = "le gouvernement du Japon paie"
    funder = Highlight("funder", 3, 24, "gouvernement du Japon", "gouvernement du Japon")
    place = Highlight("place", 19, 24, "Japon", "Japon")
    out = highlight_html(text, [(3, 24, funder), (19, 24, place)])
    marks = re.findall(r'<mark style="([^"]*)"[^>]*>(.*?)</mark>', out)
    assert [re.sub(r"<span.*", "", x) for _, x in marks] == ["gouvernement du ", "Japon"]
    (outer_style, _), (inner_style, _) = marks
    assert "background:#ff9561" in outer_style and "inset" not in outer_style
    # "Japon" is drawn in the place colour and underlined in the funder colour
    assert "background:#feca74" in inner_style and "inset 0 -0.22em 0 #ff9561" in inner_style
    assert re.findall(r">(LIEU|BAILLEUR)</span>", out) == ["LIEU", "BAILLEUR"]


def test_render_html_without_original_places_everything_and_escapes(release):
    out = render_html(release)
    assert "Not placed in the body" not in out
    n_body = sum(1 for h in highlights(release) if h.start >= release.title_mention.end)
    n_title = sum(1 for h in highlights(release) if h.end <= release.title_mention.end)
    assert out.count("<mark") >= n_body + n_title
    for heading in ("Organisations (2)", "Places (2)", "Event dates (1)", "Funders (1)", "Contacts (1)",
                    "Phones (1)", "E-mails (1)"):
        assert heading in out
    assert "2021-06-03" in out and "+243815551234" in out


def test_render_html_with_the_original_uses_exact_offsets(release):
    out = render_html(release, ORIGINAL)
    assert "Accueil" not in out  # chrome before the title line is not shown
    assert out.count(">ORG</span>") == sum(len(o.mentions) for o in release.organisations)


def test_render_html_rejects_a_text_that_is_not_the_original(release):
    with pytest.raises(ValueError, match="E060"):
        render_html(release, BODY)
    with pytest.raises(TypeError, match="E061"):
        render_html(release, ORIGINAL.encode())


def test_unplaced_mentions_are_listed_not_guessed():
    original = "Titre\nTexte sur Zinder."
    release = Release(title="Titre", body="Texte sur Tahoua.", title_mention=Mention("Titre", 0, 5),
                      locations=(Location("Zinder", "NE", mentions=(Mention("Zinder", 16, 22),)),))
    assert original[16:22] == "Zinder"
    out = render_html(release)
    assert "<mark" not in out.split("Places (1)")[0].split("</div>", 2)[-1]
    assert "Not placed in the body (1)" in out and "Zinder" in out


def test_script_in_a_release_is_escaped_everywhere():
    evil = "<script>alert('x')</script>"
    release = Release(title=evil, body=f"Le {evil} et l'OIM.",
                      organisations=(Organisation(evil, "OIM", aliases=(evil,)),), warnings=(evil,))
    out = render_html(release)
    assert "<script>" not in out
    assert out.count("&lt;script&gt;") >= 4


def test_repr_html_is_render_html(release):
    assert release._repr_html_() == render_html(release)


def test_empty_release_renders():
    out = Release()._repr_html_()
    assert out.startswith('<div class="iomextract-release"') and "<table" not in out


@pytest.mark.slow
def test_display_of_a_parsed_release_places_every_mention():
    from pathlib import Path

    import iomextract

    text = (Path(__file__).resolve().parent.parent / "examples" / "release.txt").read_text(encoding="utf-8")
    release = iomextract.parse(text)
    labels = re.compile(r">(?:ORG|LIEU|DATE|BAILLEUR|CONTACT|TÉL|E-MAIL)</span>")
    clean = render_html(release)
    assert "Not placed in the body" not in clean
    assert len(labels.findall(clean)) == len(highlights(release))  # one label per mention, title included
    assert len(labels.findall(render_html(release, text))) == len(highlights(release))

"""HTML pages: main text, dropped chrome, entities, breaks, metadata, exact offsets into the page."""
from __future__ import annotations

import re
import time

import pytest

from iomextract.errors import Warnings
from iomextract.prepare import prepare
from iomextract.prepare.html import extract, looks_like_html

from .mapping import mapped

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Un centre à Agadez | OIM</title>
<meta property="article:published_time" content="2021-03-04T10:00:00+01:00">
<script>var menu = "<p>Pas du texte</p>";</script><style>p { color: red }</style></head>
<body><a class="skip-link" href="#main">Aller au contenu</a>
<header><nav><ul><li>Accueil</li><li>Qui sommes-nous</li></ul></nav></header>
<div class="breadcrumb">Accueil &gt; Presse</div>
<main><article><header><h1>L&rsquo;OIM ouvre un centre &agrave; Agadez</h1></header>
<p>Agadez &ndash; L&#8217;Organisation internationale pour les migrations (OIM) a ouvert
   un centre d&#x27;accueil &amp; d'orientation le 3 mars, avec l'appui de l'Union europ&eacute;enne.</p>
<div><div><p>Le centre peut recevoir <b>500</b>&nbsp;personnes.</p></div></div>
<p>Pour plus d'informations&nbsp;:<br>Awa Diallo<br>T&eacute;l. +227 90 00 00 00<br>
<a href="mailto:adiallo@iom.int">adiallo@iom.int</a></p></article>
<aside>Articles liés</aside><form><input name="q"> Rechercher</form></main>
<footer>© OIM 2021 – Mentions légales</footer><noscript>Activez JavaScript</noscript></body></html>
"""


def test_page_to_clean_text():
    prepared = prepare(PAGE)
    assert prepared.text == (
        "L’OIM ouvre un centre à Agadez\n"
        "Agadez – L’Organisation internationale pour les migrations (OIM) a ouvert un centre d'accueil & "
        "d'orientation le 3 mars, avec l'appui de l'Union européenne.\n"
        "Le centre peut recevoir 500 personnes.\n"
        "Pour plus d'informations :\nAwa Diallo\nTél. +227 90 00 00 00\nadiallo@iom.int")
    assert prepared.title == (0, 30)
    assert prepared.published == "2021-03-04" and prepared.published_source == "html_meta"
    assert Warnings.HTML_INPUT in prepared.warnings
    dateline = prepared.dateline
    assert prepared.text[dateline.start:dateline.end] == "Agadez – "


def test_page_offsets_point_into_the_html():
    prepared = prepare(PAGE)
    for match in re.finditer(r"[\w@.+'’-]+", prepared.text):
        a, b = prepared.to_original(*match.span())
        raw = prepared.original[a:b]
        if "&" not in raw:
            assert raw == match.group()
    assert mapped(prepared, "Agadez –")[0] == "Agadez &ndash;"
    assert mapped(prepared, "européenne")[0] == "europ&eacute;enne"


def test_without_main_the_largest_article_is_kept():
    html = ("<html><body><article><p>Court texte lié.</p></article><article><h1>Titre principal du jour</h1>"
            "<p>" + "Une phrase du communiqué principal. " * 5 + "</p></article></body></html>")
    page = extract(html)
    assert page.text.strip().startswith("Titre principal du jour")
    assert "Court texte" not in page.text
    assert page.title_hint == "Titre principal du jour"


def test_without_main_or_article_everything_but_chrome_is_kept():
    html = ("<html><body><nav>Menu</nav><div><h2>Un titre</h2><p>Un paragraphe.</p></div>"
            "<div role='navigation'>Plan du site</div><div id='cookie-banner'>Nous utilisons des cookies</div>"
            "<pre>ligne 1\nligne 2</pre></body></html>")
    text = extract(html).text
    assert "Menu" not in text and "Plan du site" not in text and "cookies" not in text
    assert "Un titre" in text and "Un paragraphe." in text and "ligne 1\nligne 2" in text


def test_published_from_time_and_json_ld():
    html = ('<html><head><script type="application/ld+json">{"datePublished": "2018-05-02T08:00"}</script></head>'
            '<body><p>Texte.</p></body></html>')
    assert extract(html).published == "2018-05-02"
    html = '<html><body><main><time datetime="2017-01-09">9 janvier</time><p>' + "Texte. " * 30 + "</p></main></body></html>"
    assert extract(html).published == "2017-01-09"


@pytest.mark.parametrize("text, expected", [
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
    ("  <html lang='fr'><p>x</p></html>", True),
    ("<div><p>a</p></div><div><p>b</p></div><p>c</p>", True),
    ('Texte simple avec un reste "mailto:a@b.org">a@b.org', False),
    ("Un texte qui cite <br> une fois.", False),
])
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


def test_unclosed_and_misnested_tags():
    html = "<html><body><main><p>Premier<div>second <b>gras</p> troisième</main><p>hors main</p></body></html>"
    text = extract(html).text
    assert "Premier" in text and "second gras" in text


def test_deeply_nested_page_is_bounded():
    html = "<html><body>" + "<div>" * 50_000 + "Texte profond du communiqué." + "</div>" * 50_000 + "</body></html>"
    started = time.perf_counter()
    prepared = prepare(html)
    assert "Texte profond du communiqué." in prepared.text
    assert time.perf_counter() - started < 20

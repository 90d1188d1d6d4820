"""HTML pages that try to exhaust the parser: deep nesting, huge pages, entity expansion, external references."""
from __future__ import annotations

import socket
import time

import pytest

import iomextract
from iomextract.errors import Warnings
from iomextract.prepare import prepare

from .invariants import assert_offsets_exact

BODY = ("<h1>L'OIM ouvre un centre à Goma</h1><p>Goma – L'Organisation internationale pour les migrations (OIM) a "
        "ouvert le 3 juin 2021 un centre d'accueil.</p><p>Contact : Jeanne Mukendi, jmukendi@iom.int</p>")


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>t</title></head><body><main>{body}</main></body></html>"


@pytest.mark.parametrize("depth", [1_000, 50_000])
@pytest.mark.parametrize("tag", ["div", "span", "b", "article"])
def test_deeply_nested_tags_are_bounded(rules_nlp, depth, tag):
    html = page(f"<{tag}>" * depth + BODY + f"</{tag}>" * depth)
    started = time.monotonic()
    release = iomextract.parse(html, nlp=rules_nlp)
    assert time.monotonic() - started < 10
    assert release.title == "L'OIM ouvre un centre à Goma"
    assert [e.address for e in release.emails] == ["jmukendi@iom.int"]
    assert_offsets_exact(html, release)


def test_unclosed_tags_nested_deep_are_bounded(rules_nlp):
    html = page("<div><p><li><td>" * 20_000 + BODY)
    started = time.monotonic()
    release = iomextract.parse(html, nlp=rules_nlp)
    assert time.monotonic() - started < 10
    assert [e.address for e in release.emails] == ["jmukendi@iom.int"]


def test_a_huge_page_is_cut_at_max_chars_and_the_original_kept():
    html = page(BODY + "<p>Un paragraphe de remplissage sans grand intérêt.</p>" * 200_000)  # ~11 MB
    started = time.monotonic()
    prepared = prepare(html, max_chars=1_000_000)
    assert time.monotonic() - started < 10
    assert Warnings.TRUNCATED in prepared.warnings
    assert prepared.original == html
    assert len(prepared.text) < 1_000_000
    start, end = prepared.to_original(0, len(prepared.text))
    assert end <= 1_000_000


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{k} "' + f"&lol{k - 1};" * 10 + '">' for k in range(2, 10)).replace("&lol1;", "&lol;")
    + "]>"
)


def test_entity_expansion_is_not_performed(rules_nlp):
    html = BILLION_LAUGHS + page(BODY + "<p>&lol9; &lol9; &lol9;</p>")
    started = time.monotonic()
    release = iomextract.parse(html, nlp=rules_nlp)
    assert time.monotonic() - started < 5
    assert "lollol" not in release.body and len(release.body) < 1_000
    assert_offsets_exact(html, release)


EXTERNAL = (
    '<!DOCTYPE html SYSTEM "http://127.0.0.1:9/evil.dtd" [<!ENTITY ext SYSTEM "http://127.0.0.1:9/secret">]>'
    '<html><head><link rel="stylesheet" href="http://127.0.0.1:9/a.css"><base href="http://127.0.0.1:9/">'
    '<script src="http://127.0.0.1:9/x.js"></script><meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/">'
    '</head><body><main>' + BODY + '<img src="http://127.0.0.1:9/p.png"><iframe src="http://127.0.0.1:9/f">'
    '</iframe><p>&ext;</p></main></body></html>'
)


def test_no_network_access_and_no_external_entities(rules_nlp, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("parse() tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    release = iomextract.parse(EXTERNAL, nlp=rules_nlp)
    assert release.title == "L'OIM ouvre un centre à Goma"
    assert "secret" not in release.body
    assert_offsets_exact(EXTERNAL, release)


@pytest.mark.parametrize("html", [
    "<", "<<<<", "<html", "<!--", "<!-- never closed <p>Texte</p>", "<![CDATA[x", "<script>", "<p", "</", "&#",
    "&#x;", "&#99999999;", "&#0;", "<html><body>" + "&amp;" * 10_000, "<p>" + "<" * 10_000,
])
def test_broken_html_gives_a_record(rules_nlp, html):
    release = iomextract.parse(html, nlp=rules_nlp)
    assert_offsets_exact(html, release)

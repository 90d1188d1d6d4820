"""Fuzz ``parse``: generate many odd inputs, run them through ``parse_many`` and check the invariants.

    python scripts/fuzz.py -n 100000 --seed 1 --findings fuzz-findings.jsonl

Inputs are built by a seeded generator mixing release-like fragments written for this script (titles, datelines,
sentences with organisations, places, dates, funders, contact lines), HTML (nested, unclosed, entities, scripts),
broken encodings (cp1252, UTF-16, double-encoded UTF-8 bytes), control characters, null bytes, emoji, other scripts
and punctuation runs. For every input:

- ``parse`` returns a ``Release`` (an exception is a finding);
- every mention (every record of every field, the dateline, the title) satisfies
  ``original[start:end] == mention.text`` (``original`` is the input string, or the decoded text for bytes);
- ``to_dict()`` is JSON-serialisable and ``Release.from_dict`` gives back an equal record;
- a sample is parsed again one by one with ``parse``: the same record as ``parse_many`` gave (determinism).

Inputs are processed in batches with ``parse_many``; when a batch raises, its inputs are re-run one by one to find
the culprit. Findings go to a JSONL file (the input's repr, the kind of failure, the message); the exit code is 1
when there is any.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import iomextract
from iomextract import Release
from iomextract.prepare import prepare

# ------------------------------------------------------------------------------------------ fragments (our own)
TITLES = [
    "L'OIM aide les familles déplacées par les inondations au Tchad",
    "Le HCR et l'OIM lancent un appel de fonds pour les réfugiés soudanais",
    "Nouvelle aide de l'Union européenne aux migrants de retour au Niger",
    "Journée mondiale des réfugiés : message du Directeur général",
    "COMMUNIQUÉ DE PRESSE",
]
DATELINES = ["Genève – ", "N'Djamena, 12 mars 2021 – ", "Port-au-Prince/Genève – Le 3 juin 2019, ",
             "NIAMEY (OIM) - ", "Dakar, le 1er février 2022 — ", "Bruxelles, 24.11.2020 - "]
SENTENCES = [
    "L'Organisation internationale pour les migrations (OIM) a distribué des kits d'abris à 3 000 familles.",
    "Le Programme alimentaire mondial (PAM) et l'UNICEF ont ouvert deux centres à Maroua.",
    "Ce projet est financé par l'Union européenne et le gouvernement du Japon.",
    "Grâce au soutien du Bureau de la population, des réfugiés et des migrations (BPRM), l'aide continue.",
    "La réunion s'est tenue du 24 au 26 mars 2020 à Dakar, au Sénégal.",
    "Hier, lundi 3 juin, plus de 400 personnes sont arrivées à Lampedusa.",
    "Depuis janvier, 12 500 migrants ont été enregistrés à Agadez et à Arlit.",
    "La Direction du développement et de la coopération (DDC) a versé 2 millions de francs.",
    "Le Haut-Commissariat des Nations Unies pour les réfugiés (HCR) salue cette décision.",
    "Les équipes de la Croix-Rouge sont présentes dans le Nord-Kivu depuis le 1er mai.",
    "Selon l'OIM, la situation reste préoccupante en République centrafricaine.",
    "La semaine dernière, le ministère de l'Intérieur a annoncé un nouveau plan.",
]
CONTACTS = [
    "Pour plus d'informations, veuillez contacter :",
    "Contact presse :",
    "Jeanne Mukendi, OIM Goma, Tél. +243 81 555 12 34, Email : jmukendi@iom.int",
    "Paul Martin, Tel: +41 22 717 91 11, Mobile: +41 79 555 00 00, pmartin@example.org",
    "Service de presse, tél. 031 322 31 53, info@eda.admin.ch",
    "Fax : +227 20 75 23 41",
    "jdoe [at] iom [dot] int",
]
CHROME = ["Accueil > Actualités > Communiqués", "Partager Facebook Twitter", "Skip to main content",
          "Nous utilisons des cookies pour améliorer votre expérience", "Menu", "Rechercher", "FR | EN | ES"]
FOREIGN = [
    "The International Organization for Migration said more than 12,000 people have been displaced.",
    "La Organización Internacional para las Migraciones informó que más de 12.000 personas han sido desplazadas.",
    "Die Internationale Organisation für Migration teilte mit, dass mehr als 12.000 Menschen vertrieben wurden.",
    "المنظمة الدولية للهجرة", "国际移民组织", "Международная организация по миграции",
]
ODD = ["\x00", "\x01", "\x07", "\x1b[31m", "\x7f", "\u200b", "\ufeff", "\u00ad", "\u2028", "\u2029", "\r", "\r\n",
       "\t", "\u00a0", "\u202f", "\ufffd", "\ud7ff", "😀", "🇫🇷", "👩‍👩‍👧", "é", "e\u0301", "ﬁ", "Ⅻ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
       "Ã©", "Ã ", "â€™", "Ã‰", "&amp;", "&eacute;", "&#233;", "&#x1F600;", "&nbsp;", "&bogus;", "&#0;",
       "&#99999999;", "<", ">", "<br>", "</p>", "<a href=\"mailto:x@y.org\">", "(", ")", "((", "[", "«", "»", "’",
       "@", "+", "Tél. +", "du 1 au 1 au ", "financé par ", "...", "—", "/", "\\", "\"", "'"]
HTML_TAGS = ["p", "div", "span", "h1", "h2", "li", "ul", "article", "main", "nav", "header", "footer", "script",
             "style", "table", "td", "tr", "pre", "br", "a", "b", "i", "section", "aside", "form", "svg"]


def _html(rng: random.Random, body: str) -> str:
    """Wrap ``body`` in random (sometimes unclosed, nested, broken) HTML."""
    parts = ["<!DOCTYPE html><html><head><title>Titre</title>"] if rng.random() < 0.7 else ["<html><body>"]
    if rng.random() < 0.3:
        parts.append('<meta property="article:published_time" content="2021-06-0%d">' % rng.randint(1, 9))
    if rng.random() < 0.2:
        parts.append('<script type="application/ld+json">{"datePublished": "2020-01-02"}</script>')
    parts.append("</head><body>")
    for _ in range(rng.randint(0, 6)):
        tag = rng.choice(HTML_TAGS)
        attrs = rng.choice(["", ' class="menu"', ' role="main"', ' id="x"', ' class="share"', ' a="<b>"'])
        parts.append(f"<{tag}{attrs}>")
    for piece in body.split("\n"):
        tag = rng.choice(["p", "div", "li", "h1", "td", "span"])
        parts.append(f"<{tag}>{piece}" + (f"</{tag}>" if rng.random() < 0.8 else ""))
    if rng.random() < 0.1:
        parts.append("<div>" * rng.randint(10, 300) + "profond" + "</div>" * rng.randint(0, 300))
    if rng.random() < 0.05:
        parts.append('<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>&b;&b;')
    if rng.random() < 0.7:
        parts.append("</body></html>")
    return "".join(parts)


def _mutate(rng: random.Random, text: str) -> str:
    """Insert, delete or duplicate a few characters or fragments at random places."""
    chars = list(text)
    for _ in range(rng.randint(0, 8)):
        op = rng.random()
        pos = rng.randint(0, len(chars))
        if op < 0.5:
            chars[pos:pos] = list(rng.choice(ODD))
        elif op < 0.7 and chars:
            del chars[pos:pos + rng.randint(1, 5)]
        elif op < 0.85:
            chars[pos:pos] = [chr(rng.randint(0, 0x2FFF))]
        else:
            chars[pos:pos] = list(rng.choice(ODD) * rng.randint(2, 60))
    return "".join(chars)


def generate(rng: random.Random, max_len: int = 1500) -> Any:
    """One fuzz input: a str (plain or HTML) or bytes, release-like or not."""
    kind = rng.random()
    if kind < 0.05:
        return "".join(rng.choice(ODD) for _ in range(rng.randint(0, 40)))
    if kind < 0.10:
        return "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(0, 60))).encode(
            "utf-8", "surrogatepass").decode("utf-8", "replace")
    lines = []
    if rng.random() < 0.3:
        lines += rng.sample(CHROME, rng.randint(1, 3))
    if rng.random() < 0.8:
        lines.append(rng.choice(TITLES))
    paragraph = (rng.choice(DATELINES) if rng.random() < 0.6 else "") + " ".join(
        rng.choice(SENTENCES + (FOREIGN if rng.random() < 0.2 else [])) for _ in range(rng.randint(0, 4)))
    lines.append(paragraph)
    for _ in range(rng.randint(0, 3)):
        lines.append(" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 3))))
    if rng.random() < 0.5:
        lines += rng.sample(CONTACTS, rng.randint(1, 4))
    if rng.random() < 0.2:
        lines += rng.sample(CHROME, 2)
    sep = rng.choice(["\n", "\n\n", "\r\n", " ", "\n \n"])
    text = sep.join(lines)
    if rng.random() < 0.2:  # hard-wrap
        width = rng.randint(20, 80)
        text = "\n".join(text[i:i + width] for i in range(0, len(text), width))
    text = _mutate(rng, text)
    if rng.random() < 0.25:
        text = _html(rng, text)
    text = text[:max_len]
    roll = rng.random()
    if roll < 0.05:
        return text.encode("cp1252", "replace")
    if roll < 0.08:
        return text.encode("utf-16")
    if roll < 0.11:
        return text.encode("utf-8").decode("latin-1").encode("utf-8")  # double-encoded (mojibake)
    if roll < 0.13:
        return text.encode("utf-8", "surrogatepass")[: rng.randint(0, len(text))]  # cut mid-character
    if roll < 0.14:
        return bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 200)))
    return text


# ------------------------------------------------------------------------------------------ invariants
def original_of(source: Any) -> str:
    """The string offsets refer to: the input string, or the decoded text of bytes."""
    return source if isinstance(source, str) else prepare(source).original


def check(source: Any, release: Any) -> list[str]:
    """The invariants ``release`` breaks for ``source`` (empty: all hold)."""
    if not isinstance(release, Release):
        return [f"not a Release: {type(release).__name__}"]
    problems = []
    record = release.to_dict()
    original = original_of(source)
    for m in release.all_mentions():
        if not (0 <= m.start <= m.end <= len(original)) or original[m.start:m.end] != m.text:
            problems.append(f"mention {m!r} != original[{m.start}:{m.end}] {original[m.start:m.end]!r}")
    try:
        json.dumps(record, ensure_ascii=False)
    except (TypeError, ValueError) as err:
        problems.append(f"to_dict not JSON-serialisable: {err}")
    if Release.from_dict(record) != release:
        problems.append("from_dict(to_dict()) differs")
    return problems


# ------------------------------------------------------------------------------------------ driver
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=10_000, help="number of inputs (default 10000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch", type=int, default=256, help="inputs per parse_many call")
    ap.add_argument("--max-len", type=int, default=1500, help="characters per generated input")
    ap.add_argument("--recheck-every", type=int, default=50, help="re-parse every k-th input alone (determinism)")
    ap.add_argument("--findings", type=Path, default=Path("fuzz-findings.jsonl"))
    ap.add_argument("--model", default=iomextract.pipeline.DEFAULT_MODEL)
    args = ap.parse_args(argv)

    nlp = iomextract.load(args.model)
    rng = random.Random(args.seed)
    findings = 0
    started = time.time()
    args.findings.parent.mkdir(parents=True, exist_ok=True)
    with args.findings.open("w", encoding="utf-8") as out:
        def report(index: int, source: Any, kind: str, message: str) -> None:
            nonlocal findings
            findings += 1
            out.write(json.dumps({"index": index, "kind": kind, "message": message[-4000:], "input": repr(source)},
                                 ensure_ascii=False) + "\n")
            out.flush()

        done = 0
        while done < args.n:
            batch = [generate(rng, args.max_len) for _ in range(min(args.batch, args.n - done))]
            try:
                releases = list(iomextract.parse_many(batch, nlp=nlp, progress=False))
            except Exception:  # a crash somewhere in the batch: find the culprit(s) one by one
                releases = []
                for k, source in enumerate(batch):
                    try:
                        releases.append(iomextract.parse(source, nlp=nlp))
                    except Exception:
                        releases.append(None)
                        report(done + k, source, "exception", traceback.format_exc())
            for k, (source, release) in enumerate(zip(batch, releases)):
                if release is None:
                    continue
                for problem in check(source, release):
                    report(done + k, source, "invariant", problem)
                if (done + k) % args.recheck_every == 0:
                    again = iomextract.parse(source, nlp=nlp)
                    if again.to_dict() != release.to_dict():
                        report(done + k, source, "nondeterministic", "parse() differs from parse_many()")
            done += len(batch)
            rate = done / max(time.time() - started, 1e-9)
            print(f"{done}/{args.n} inputs, {findings} findings, {rate:.0f} inputs/s", file=sys.stderr, flush=True)
    print(f"{done} inputs in {time.time() - started:.0f} s, {findings} findings -> {args.findings}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())

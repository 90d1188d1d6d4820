"""Small inputs built in tmp_path from sentences written for these tests."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGES = [
    "L'OIM aide les familles déplacées\nDakar – L'OIM a distribué des kits d'abri à 300 familles le 4 mars 2021.",
    "Un nouveau centre de transit ouvre à Agadez\nAgadez – Le centre accueillera 500 migrants dès le 12 juin.",
    "Le HCR et l'OIM lancent un appel conjoint\nGenève – Les deux agences demandent 80 millions de dollars.",
    "Retours volontaires depuis la Libye\nTripoli – Un vol a ramené 150 migrants à Bamako le 2 février 2020.",
    "Santé des migrants au Tchad\nN'Djamena – L'OIM a vacciné 2 000 enfants avec le soutien de l'Union européenne.",
    "Formation des garde-côtes\nNouakchott – Trente agents ont été formés du 3 au 7 mai par l'OIM.",
]


def html(page: str) -> str:
    title, body = page.split("\n", 1)
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></body></html>"


def write_jsonl(path: Path, rows: list[dict], *, gz: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def write_warc(path: Path, responses: list[tuple[str, str, str, bytes]]) -> Path:
    """A gzipped WARC of ``(url, status line, content type, payload)`` responses, each preceded by a request."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        for url, status, ctype, payload in responses:
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                http_headers=StatusAndHeaders(f"GET {url} HTTP/1.1", [],
                                                                              is_http_request=True))
            writer.write_record(request)
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers))
    return path

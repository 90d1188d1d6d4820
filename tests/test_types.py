"""Release and its parts: ISO partial dates, to_dict/from_dict round trips, the committed JSON Schema."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from iomextract.types import (
    Contact,
    Dateline,
    Email,
    EventDate,
    Funder,
    Location,
    Mention,
    Organisation,
    PartialDate,
    Phone,
    Release,
    Settings,
    json_schema,
)

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "docs" / "release.schema.json"


@pytest.mark.parametrize(
    "date, iso",
    [
        (PartialDate(2016, 3, 17), "2016-03-17"),
        (PartialDate(None, 3, 24), "--03-24"),
        (PartialDate(2016, 3), "2016-03"),
        (PartialDate(2016), "2016"),
        (PartialDate(999, 1, 2), "0999-01-02"),
    ],
)
def test_partial_date_iso_round_trip(date, iso):
    assert date.isoformat() == iso
    assert PartialDate.fromisoformat(iso) == date


@pytest.mark.parametrize(
    "args", [(None, None, None), (2016, None, 5), (2016, 13, 1), (2016, 2, 32), (None, 0, 1)]
)
def test_partial_date_rejects_impossible_values(args):
    with pytest.raises(ValueError):
        PartialDate(*args)


@pytest.mark.parametrize("text", ["", "17/03/2016", "2016-3-17", "--3-24", "2016-03-17T00:00", "-"])
def test_partial_date_rejects_non_iso_strings(text):
    with pytest.raises(ValueError, match="E105"):
        PartialDate.fromisoformat(text)


def full_release() -> Release:
    m = lambda text, start: Mention(text, start, start + len(text))  # noqa: E731
    return Release(
        title="Un titre",
        dateline=Dateline("Niamey –", ("Niamey",), "2019-05-14", (m("Niamey –", 9),)),
        body="Le corps du texte.",
        organisations=(Organisation("Organisation internationale pour les migrations", "OIM", ("OIM",),
                                    (m("OIM", 30), m("Organisation internationale\npour les migrations", 40))),),
        locations=(Location("Niger", "NE", "country", 2440476, ("le Niger",), (m("Niger", 90),)),),
        event_dates=(
            EventDate("du 20 au 22 mai", PartialDate(None, 5, 20), PartialDate(None, 5, 22), None, False,
                      (m("du 20 au 22 mai", 120),)),
        ),
        relative_dates=(EventDate("lundi dernier", None, None, None, True, (m("lundi dernier", 150),)),),
        funders=(Funder("Union européenne", "UE", (), "Union européenne", None, "financé par", 0.95,
                        (m("Union européenne", 200),)),),
        phones=(Phone("+227 20 75 23 41", "+22720752341", "phone", (m("+227 20 75 23 41", 300),)),),
        emails=(Email("amahamadou@iom.int", (m("amahamadou@iom.int", 330),)),),
        contacts=(Contact("Aïssatou Mahamadou", ("+22720752341",), ("amahamadou@iom.int",),
                          (m("Aïssatou Mahamadou", 260),)),),
        warnings=("navigation_removed", "lost_letters_repaired"),
        settings=Settings("0.1.0", "fr_core_news_md", "3.8.0", "2019-05-15"),
        title_mention=m("Un titre", 0),
    )


@pytest.mark.parametrize("release", [Release(), full_release()], ids=["empty", "full"])
def test_release_round_trips_through_json(release):
    record = json.loads(json.dumps(release.to_dict()))
    assert Release.from_dict(record) == release


def test_to_dict_has_the_documented_shape():
    record = full_release().to_dict()
    assert record["organisations"][0] == {
        "name": "Organisation internationale pour les migrations",
        "acronym": "OIM",
        "aliases": ["OIM"],
        "mentions": [
            {"text": "OIM", "start": 30, "end": 33},
            {"text": "Organisation internationale\npour les migrations", "start": 40, "end": 87},
        ],
    }
    assert record["event_dates"][0]["start"] == "--05-20"
    assert record["event_dates"][0]["end"] == "--05-22"
    assert record["relative_dates"][0]["start"] is None and record["relative_dates"][0]["relative"] is True
    assert record["contacts"][0] == {
        "name": "Aïssatou Mahamadou",
        "phones": ["+22720752341"],
        "emails": ["amahamadou@iom.int"],
        "mentions": [{"text": "Aïssatou Mahamadou", "start": 260, "end": 278}],
    }
    assert Release().to_dict()["organisations"] == []


def test_from_dict_rejects_non_dicts():
    with pytest.raises(TypeError, match="E106"):
        Release.from_dict(["not", "a", "record"])


@pytest.mark.parametrize("release", [Release(), full_release()], ids=["empty", "full"])
def test_records_validate_against_the_schema(release):
    jsonschema.validate(release.to_dict(), json_schema())


def test_schema_rejects_a_wrong_record():
    record = full_release().to_dict()
    record["event_dates"][0]["start"] = "20 mai"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, json_schema())


def test_committed_schema_is_in_sync():
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == json_schema(), "docs/release.schema.json is stale: run `make schema`"


def test_all_mentions_lists_every_mention_of_the_record():
    release = full_release()
    starts = sorted(m.start for m in release.all_mentions())
    assert starts == [0, 9, 30, 40, 90, 120, 150, 200, 260, 300, 330]
    assert Release().all_mentions() == ()

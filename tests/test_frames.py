"""pandas export: tidy tables of many releases and one frame per release."""
from __future__ import annotations

import subprocess
import sys

import pytest

pd = pytest.importorskip("pandas")

import iomextract  # noqa: E402
from iomextract import Release  # noqa: E402
from iomextract.frames import COLUMNS, precision, release_frame, to_frames  # noqa: E402
from iomextract.types import (  # noqa: E402
    Contact,
    Email,
    EventDate,
    Funder,
    Location,
    Mention,
    Organisation,
    PartialDate,
    Phone,
)


def mentions(*starts: int) -> tuple[Mention, ...]:
    return tuple(Mention("x", s, s + 1) for s in starts)


NIGER = Release(
    title="L'OIM au Niger",
    organisations=(Organisation("Organisation internationale pour les migrations", "OIM", ("l'Organisation",),
                                mentions(10, 50, 90)),
                   Organisation("Union européenne", "UE", mentions=mentions(200))),
    locations=(Location("Niamey", "NE", "city", 2440485, mentions=mentions(0)),
               Location("Niger", "NE", "country", mentions=mentions(30, 120))),
    event_dates=(EventDate("le 14 mai 2019", PartialDate(2019, 5, 14), PartialDate(2019, 5, 14), "expression",
                           mentions=mentions(60)),
                 EventDate("du 20 au 22 mai", PartialDate(None, 5, 20), PartialDate(None, 5, 22),
                           mentions=mentions(70))),
    relative_dates=(EventDate("hier", relative=True, mentions=mentions(80)),),
    funders=(Funder("Union européenne", "UE", organisation="Union européenne", evidence="financé par",
                    confidence=0.95, mentions=mentions(200)),),
    phones=(Phone("+227 20 75 23 41", "+22720752341", mentions=mentions(300)),
            Phone("20 75 23 99", None, "fax", mentions=mentions(330))),
    emails=(Email("amahamadou@iom.int", mentions=mentions(350)),),
    contacts=(Contact("Aïssatou Mahamadou", ("+22720752341",), ("amahamadou@iom.int",), mentions(280)),),
)
HAITI = Release(
    title="Haïti",
    organisations=(Organisation("OIM", "OIM", mentions=mentions(5)),),
    locations=(Location("Port-au-Prince", "HT", "city", mentions=mentions(1)),),
    event_dates=(EventDate("en mars 2021", PartialDate(2021, 3), PartialDate(2021, 3), "expression",
                           mentions=mentions(40)),),
    funders=(Funder("gouvernement du Canada", country="CA", mentions=mentions(60)),),
)


@pytest.fixture(scope="module")
def frames():
    return to_frames({"niger": NIGER, "haiti": HAITI})


def test_every_table_has_its_columns_and_one_row_per_record(frames):
    tables = frames.as_dict()
    assert list(tables) == list(COLUMNS)
    for name, table in tables.items():
        assert list(table.columns) == list(COLUMNS[name])
    expected = {"releases": 2, "organisations": 3, "locations": 3, "event_dates": 4, "funders": 2, "phones": 2,
                "emails": 1, "contacts": 1,
                "mentions": (4 + 3 + 3 + 1 + 2 + 1 + 1) + (1 + 1 + 1 + 1)}  # Niger's records, then Haiti's
    assert {name: len(t) for name, t in tables.items()} == expected


def test_rows_carry_the_release_id_and_group_by_it(frames):
    per_release = frames.organisations.groupby("release_id").size().to_dict()
    assert per_release == {"niger": 2, "haiti": 1}
    assert frames.locations.groupby("country").release_id.nunique().to_dict() == {"HT": 1, "NE": 1}
    row = frames.organisations.iloc[0]
    assert (row.release_id, row["item"], row["name"], row.acronym, row.aliases, row.mentions, row.first_offset) == (
        "niger", 0, "Organisation internationale pour les migrations", "OIM", ("l'Organisation",), 3, 10)


def test_dates_keep_iso_strings_and_get_timestamps_only_at_day_precision(frames):
    d = frames.event_dates.set_index("text")
    assert d.loc["le 14 mai 2019", "start_date"] == pd.Timestamp("2019-05-14")
    assert d.loc["le 14 mai 2019", "precision"] == "day"
    assert d.loc["du 20 au 22 mai", "start"] == "--05-20" and pd.isna(d.loc["du 20 au 22 mai", "start_date"])
    assert d.loc["du 20 au 22 mai", "precision"] == "month-day"
    assert d.loc["en mars 2021", "precision"] == "month" and pd.isna(d.loc["en mars 2021", "end_date"])
    assert bool(d.loc["hier", "relative"]) and pd.isna(d.loc["hier", "start"])
    assert str(frames.event_dates.start_date.dtype).startswith("datetime64")


def test_phones_and_emails_name_the_contact_listing_them(frames):
    phones = frames.phones.set_index("raw")
    assert phones.loc["+227 20 75 23 41", "contact"] == "Aïssatou Mahamadou"
    assert pd.isna(phones.loc["20 75 23 99", "contact"]) and phones.loc["20 75 23 99", "kind"] == "fax"
    assert frames.emails.contact.tolist() == ["Aïssatou Mahamadou"]


def test_funders_join_their_organisation(frames):
    joined = frames.funders.merge(frames.organisations, left_on=["release_id", "organisation"],
                                  right_on=["release_id", "name"], suffixes=("", "_org"))
    assert joined[["name", "acronym_org"]].values.tolist() == [["Union européenne", "UE"]]


def test_mentions_table_has_one_row_per_occurrence(frames):
    oim = frames.mentions.query("release_id == 'niger' and field == 'organisations' and item == 0")
    assert oim.start.tolist() == [10, 50, 90] and set(oim.value) == {"Organisation internationale pour les migrations"}


@pytest.mark.parametrize(
    "call, ids",
    [
        (lambda: to_frames([NIGER, HAITI]), [0, 1]),
        (lambda: to_frames(iter([NIGER, HAITI]), ids=["a", "b"]), ["a", "b"]),  # a one-shot generator, read once
        (lambda: to_frames({"x": NIGER}), ["x"]),
        (lambda: to_frames([]), []),
    ],
)
def test_release_ids(call, ids):
    assert call().releases.release_id.tolist() == ids


@pytest.mark.parametrize(
    "call, error, code",
    [
        (lambda: to_frames([NIGER], ids=["a", "b"]), ValueError, "E073"),
        (lambda: to_frames([NIGER, HAITI], ids=["a"]), ValueError, "E073"),
        (lambda: to_frames({"a": NIGER}, ids=["a"]), ValueError, "E071"),
        (lambda: to_frames([NIGER.to_dict()]), TypeError, "E072"),
        (lambda: release_frame(NIGER.to_dict()), TypeError, "E072"),
    ],
)
def test_wrong_inputs_say_what_is_wrong(call, error, code):
    with pytest.raises(error, match=code):
        call()


def test_empty_tables_keep_their_columns():
    frames = to_frames([Release()])
    assert len(frames.releases) == 1 and frames.organisations.empty
    assert list(frames.event_dates.columns) == list(COLUMNS["event_dates"])


def test_release_to_frame_has_a_row_per_record():
    frame = NIGER.to_frame()
    assert frame.groupby("field").size().to_dict() == {
        "organisations": 2, "locations": 2, "event_dates": 3, "funders": 1, "phones": 2, "emails": 1, "contacts": 1}
    funder = frame[frame.field == "funders"].iloc[0]
    assert (funder.value, funder.organisation, funder.evidence, funder.confidence) == (
        "Union européenne", "Union européenne", "financé par", 0.95)
    dates = frame[frame.field == "event_dates"]
    assert dates.start.tolist()[:2] == ["2019-05-14", "--05-20"] and pd.isna(dates.start.iloc[2])
    assert dates.kind.tolist() == ["day", "month-day", "relative"]


@pytest.mark.parametrize(
    "date, expected",
    [(PartialDate(2019, 5, 14), "day"), (PartialDate(2019, 5), "month"), (PartialDate(2019), "year"),
     (PartialDate(None, 5, 20), "month-day"), (None, None)],
)
def test_precision(date, expected):
    assert precision(date) == expected


def test_importing_iomextract_does_not_import_pandas():
    code = "import sys, iomextract; iomextract.Release()._repr_html_(); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_to_frames_is_exported():
    assert iomextract.to_frames is to_frames and "to_frames" in iomextract.__all__

"""detect() as a whole: its shape, language determinism, titles and robustness on junk."""
from __future__ import annotations

import random

import pytest

from indexer.detect import detect
from indexer.detect.language import detect_language
from indexer.detect.taxonomy import DOC_TYPES
from indexer.detect.title import detect_title

RAADSBESLUIT = """Gemeente Albrandswaard - gemeenteraad

Raadsbesluit ontvlechting BAR-organisatie
De raad van de gemeente Albrandswaard;

gelezen het voorstel van burgemeester en wethouders van 27 september 2022;

b e s l u i t :

1. In te stemmen met het ontvlechten van de BAR-organisatie per 1 januari 2024, onder de voorwaarde
dat de raden van Barendrecht en Ridderkerk eveneens besluiten.

Aldus vastgesteld in de openbare vergadering van 31 oktober 2022.

De griffier, De voorzitter,
"""


def test_a_raadsbesluit_is_read_completely():
    result = detect(RAADSBESLUIT, "Raadsbesluit ontvlechting.pdf", {"title": "Microsoft Word - doc1.docx"})
    assert set(result) == {"municipalities", "issuer", "organisations", "type", "dates", "date", "language", "title"}
    assert result["issuer"] == "GM0613"
    assert {m["code"] for m in result["municipalities"] if m["role"] == "participant"} == {"GM0489", "GM0597"}
    assert result["organisations"][0]["key"] == "bar"
    assert result["type"]["value"] == "raadsbesluit"
    assert result["date"] == {"value": "2022-10-31", "precision": "day", "role": "vaststelling", "source": "text:written"}
    assert result["language"]["value"] == "nl"
    assert result["title"] == {"value": "Raadsbesluit ontvlechting BAR-organisatie", "source": "text:heading"}


def test_year_only_file_name_gives_year_precision_without_text():
    result = detect("", "Sociaal statuut en plan, 13.pdf", {})
    assert result["type"]["value"] == "sociaal_statuut"
    assert result["date"]["value"] == "2013" and result["date"]["precision"] == "year"
    assert result["language"] == {"value": "nl", "reason": "name"}  # no text: the name's words tell


@pytest.mark.parametrize("name,expected", [
    ("Scan raadsbesluit Zevenaar 140312.pdf", "nl"),
    ("Mandaatregister Oss 2019 (download).pdf", "nl"),
    ("Kolleezjebeslút mandaat 2017.pdf", "fy"),
    ("Cooperation agreement (English).pdf", "en"),
    ("IMG_0042.pdf", None),                 # no document words: no guess
    ("Council besluit.pdf", None),         # two ways: no guess
])
def test_a_document_without_text_gets_its_language_from_its_name(name, expected):
    assert detect("", name, {})["language"]["value"] == expected


def test_a_name_never_overrules_text():
    english = "The council of the municipality decided to merge the civil services of the three towns. " * 5
    assert detect(english, "Raadsbesluit fusie.pdf", {})["language"] == {"value": "en", "reason": "langdetect"}
    assert detect("Artikel 1", "Raadsbesluit.pdf", {})["language"]["value"] is None  # some text, too short


@pytest.mark.parametrize("title", ["Microsoft Word - doc1.docx", "Untitled", "GR_BAR_def_v4.docx", "Document1"])
def test_meaningless_native_titles_are_ignored(title):
    assert detect_title("Mandaatbesluit Noaberkracht\n\ntekst", "x.pdf", {"title": title})["value"] == "Mandaatbesluit Noaberkracht"


def test_language_is_deterministic_and_short_text_has_no_language():
    text = RAADSBESLUIT * 2
    assert {detect_language(text)["value"] for _ in range(5)} == {"nl"}
    assert detect_language("Artikel 1")["value"] is None
    english = "The council of the municipality decided to merge the civil services of the three towns. " * 5
    assert detect_language(english)["value"] == "en"


def test_frisian_is_recognised_by_its_words():
    text = ("It kolleezje fan boargemaster en wethâlders fan de gemeente Dantumadiel hat besletten dat de "
            "meiwurkers yn tsjinst binne fan de gemeente. Dit beslút wurdt fan krêft op 1 jannewaris 2017. ") * 3
    assert detect_language(text)["value"] == "fy"


@pytest.mark.parametrize("text", [
    "", " ", "\x00\x01\x02" * 1000, "ÿþ" + "\ufffd" * 5000, "1" * 200_000,
    "gemeente " * 30_000, "De raad van de gemeente ;" * 1000, "(" * 10_000 + "[" * 10_000,
])
def test_detect_never_raises_and_keeps_its_shape(text):
    result = detect(text, "\x00weird name 999999 ,99.pdf", {"title": None, "created": "not a date"})
    assert result["type"]["value"] in DOC_TYPES
    assert isinstance(result["municipalities"], list)


def test_detect_survives_random_bytes():
    generator = random.Random(7)
    junk = bytes(generator.randrange(256) for _ in range(300_000)).decode("latin-1")
    result = detect(junk, "junk.bin", {})
    assert result["type"]["value"] in DOC_TYPES


def test_plain_dutch_is_recognised_by_its_function_words_and_mixed_text_goes_to_langdetect():
    dutch = ("De raad van de gemeente Dinkelland besluit het mandaatbesluit vast te stellen. Het college is "
             "bevoegd om besluiten te nemen over de inzet van het personeel van de werkorganisatie. ") * 3
    assert detect_language(dutch) == {"value": "nl", "reason": "dutch_function_words"}
    english = ("The council decides on the merger of the civil service, and the board will report to the "
               "councils of the participating municipalities with a plan for the staff. ") * 3
    mixed = dutch + english
    assert detect_language(english)["reason"] == "langdetect"
    assert detect_language(mixed)["reason"] != "dutch_function_words"


def test_flemish_council_text_is_dutch():
    flemish = ("De gemeenteraad keurt het retributiereglement goed. Het college van burgemeester en schepenen "
               "wordt belast met de uitvoering van dit besluit. De schepen van financiën licht het dossier toe "
               "en de raadsleden stemmen in met het voorstel van de OCMW-raad.")
    assert detect_language(flemish)["value"] == "nl"

"""Plain text: encoding detection, binary refusal, normalisation and the text-length limit."""
from __future__ import annotations

import codecs

import pytest

from indexer.extract import ExtractionError, Limits, extract_file
from indexer.extract.cleanup import normalise_text


def extract_bytes(tmp_path, data: bytes, limits=Limits()):
    path = tmp_path / "notitie.txt"
    path.write_bytes(data)
    return extract_file(path, limits)


def test_utf8(fixture_files):
    result = extract_file(fixture_files["txt_utf8"])
    assert result["format"] == "txt" and result["mime"] == "text/plain"
    assert result["native"] == {"encoding": "utf-8"}
    assert "coördinatie" in result["text"] and "Financiën" in result["text"] and "55% – 45%" in result["text"]


def test_cp1252_characters_are_decoded(fixture_files):
    result = extract_file(fixture_files["txt_cp1252"])
    assert result["native"]["encoding"] == "cp1252"
    text = result["text"]
    assert "Van ’t Hof" in text and "Daniëlle" in text and "één loket" in text and "€ 12.500" in text
    assert "\r" not in text


def test_utf8_with_bom(tmp_path):
    result = extract_bytes(tmp_path, codecs.BOM_UTF8 + "Gemeente Súdwest-Fryslân".encode())
    assert result["text"] == "Gemeente Súdwest-Fryslân"
    assert result["native"]["encoding"] == "utf-8"


def test_utf16_with_bom(tmp_path):
    result = extract_bytes(tmp_path, "Notitie Tubbergen: één".encode("utf-16"))
    assert result["text"] == "Notitie Tubbergen: één"
    assert result["native"]["encoding"] == "utf-16"


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path):
    result = extract_bytes(tmp_path, b"Caf\xe9 \x81 Laren")
    assert result["native"]["encoding"] == "latin-1"
    assert result["text"].startswith("Café")


def test_binary_junk_is_not_text(tmp_path):
    with pytest.raises(ExtractionError) as caught:
        extract_bytes(tmp_path, bytes(range(256)) * 8)
    assert caught.value.code == "unsupported_format"


def test_whitespace_only_is_empty_text(tmp_path):
    with pytest.raises(ExtractionError) as caught:
        extract_bytes(tmp_path, b" \n\t\r\n  \n")
    assert caught.value.code == "empty_text"


def test_text_beyond_the_limit_is_cut_and_marked(tmp_path):
    result = extract_bytes(tmp_path, b"Noaberkracht " * 1000, Limits(max_text_chars=100))
    assert len(result["text"]) == 100 and result["native"]["truncated"] is True
    assert "truncated" not in extract_bytes(tmp_path, b"Noaberkracht")["native"]


def test_very_long_file_name(fixture_files):
    assert len(fixture_files["long_name"].name) > 190
    assert "Albrandswaard" in extract_file(fixture_files["long_name"])["text"]


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("NUL\x00weg\x07 en\x1b", "NULweg en"),
        ("e\u0301", "\u00e9"),  # NFC
        ("ge\u00admeente\u200braad", "gemeenteraad"),
        ("\ufb01nanciën", "financiën"),
        ("e\ufb00ect \ufb02exibel", "effect flexibel"),  # NFKC: every ligature, not a list of them
        ("Gemeente \u0133sselstein", "Gemeente ijsselstein"),  # the Dutch ij as one character
        ("\uff27\uff2d\uff10\uff11\uff18\uff13", "GM0183"),  # full-width letters and digits
        ("artikel\u00a03", "artikel 3"),  # non-breaking space
        ("100 m\u00b2", "100 m2"),
        ("kolom\tkolom\n", "kolom\tkolom"),
        ("veel" + " " * 40 + "ruimte", "veel ruimte"),
        ("twee  spaties", "twee  spaties"),
        ("alinea\n\n\n\n\nalinea", "alinea\n\nalinea"),
        ("pagina 1 \n\fpagina 2", "pagina 1\n\fpagina 2"),
        ("los\ud800surrogaat", "lossurrogaat"),
    ],
)
def test_normalisation(raw, clean):
    assert normalise_text(raw) == clean

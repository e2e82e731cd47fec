"""Markdown: recognised by its mark-up, read as text without it."""
from __future__ import annotations

import time

import pytest

from make_format_samples import MARKDOWN

from indexer.extract import ExtractionError, extract_file, sniff_format


def write(tmp_path, data: bytes, name: str = "notitie.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def extract(tmp_path, data: bytes):
    return extract_file(write(tmp_path, data))


def test_text_without_markup(tmp_path):
    result = extract(tmp_path, MARKDOWN.encode())
    assert result["format"] == "md" and result["mime"] == "text/markdown"
    text = result["text"]
    lines = text.split("\n")
    assert lines[0] == "Notitie samenwerking BEL"  # front matter gone, the heading is the first line
    assert "De gemeenten Blaricum, Eemnes en Laren werken samen in de BEL Combinatie." in lines
    assert lines[lines.index("Tijdlijn") - 1] == ""  # "##Tijdlijn" without a space is a heading too
    assert "1. Start in 2008" in lines and "2. Evaluatie in 2012" in lines
    assert "los punt" in lines
    assert "Gemeente\tCode" in lines and "Eemnes\tGM0376" in lines
    assert "code blijft tekst" in lines
    assert "Zie ook de bijlage en inline code." in lines
    for markup in ("**", "#", "](", "![", "|", "```", "<!--", "interne opmerking", "logo-bel.png", "author:", "<b>"):
        assert markup not in text, markup


def test_front_matter_title_and_encoding(tmp_path):
    native = extract(tmp_path, MARKDOWN.encode())["native"]
    assert native == {"title": "Notitie samenwerking BEL", "encoding": "utf-8"}
    assert extract(tmp_path, MARKDOWN.replace("Eemnes", "Eemnès").encode("cp1252"))["native"]["encoding"] == "cp1252"


def test_converter_tables_with_blank_lines_between_rows(tmp_path):
    data = b"Plan\n====\n\n| Plan: | Centrum Laren |\n\n| --- | --- |\n\n| Status: | vastgesteld |\n\n=====\n"
    lines = extract(tmp_path, data)["text"].split("\n")
    assert "Plan:\tCentrum Laren" in lines and "Status:\tvastgesteld" in lines
    assert not any(set(line) <= {"-", "|", " ", "="} and line for line in lines)


@pytest.mark.parametrize(
    "text",
    [
        "Notitie\n\nZie [de website](https://www.laren.nl) voor meer.\n",  # one link is no Markdown yet
        "Agenda\n- opening\n- mededelingen\n1. vaststellen notulen\n",  # lists are plain text too
        "Kop\n\nTekst met een * sterretje en een # hekje en C:\\pad\\naar.\n",
        "#!/bin/sh\n# Kopie maken\nimport os\n# Nog een stap\ndef f():\n    return __name__\n",  # a script
    ],
)
def test_plain_text_stays_plain_text(tmp_path, text):
    assert sniff_format(write(tmp_path, text.encode())) == "txt"


@pytest.mark.parametrize(
    "text",
    [
        "# Agenda\n\n## Opening\n\nTekst.\n",
        "Agenda\n======\n\nZie [site](https://x.nl).\n",
        "---\ntitle: Verslag\n---\nTekst.\n",
    ],
)
def test_markdown_is_recognised_by_content(tmp_path, text):
    assert sniff_format(write(tmp_path, text.encode())) == "md"


def test_only_markup_is_empty(tmp_path):
    with pytest.raises(ExtractionError) as caught:
        extract(tmp_path, b"---\ntitle: Leeg\n---\n\n![plaatje](a.png)\n\n<!-- niets -->\n\n---\n\n# \n## \n")
    assert caught.value.code == "empty_text" and "Markdown" in caught.value.message


def test_nesting_bomb_and_huge_file(tmp_path):
    assert "diep genest" in extract(tmp_path, b"# Kop\n\n" + b"> " * 40 + b"diep genest\n")["text"]
    bomb = ("# Kop\n\n## Twee\n\n" + ">" * 50_000 + " te diep\n\n" + "[" * 5_000 + "\n\nSlot\n").encode()
    assert extract(tmp_path, bomb)["text"].split("\n")[0] == "Kop"  # no recursion error, no hang
    section = "## Artikel {n}\n\nDe raad van **Laren** besluit over [punt {n}](https://laren.nl/{n}).\n\n"
    huge = "".join(section.format(n=n) for n in range(6_000)).encode()
    assert len(huge) > 500_000
    started = time.monotonic()
    lines = extract(tmp_path, huge)["text"].split("\n")
    assert time.monotonic() - started < 30
    assert "Artikel 5999" in lines and "De raad van Laren besluit over punt 5999." in lines

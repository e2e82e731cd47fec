"""Ingest benchmark: prints figures, asserts nothing.

Generates multi-page PDFs and DOCX files (cached in --workdir), then measures
  1. the floor: bare pdfminer.six extract_text + python-docx in one process over the same files;
  2. `fusiearchief ingest --jobs N` on an empty data folder (files/s, pages/s, peak memory);
  3. the same ingest again over the unchanged corpus;
  4. with --cluster, instead of 1–3: `fusiearchief ingest --cluster` through a Dask scheduler and
     --jobs workers (one thread each) started on 127.0.0.1, against `--jobs N`, alternating
     (the cost of going through a cluster on one machine).
Targets (2 cores): 2 ≤ 0.65 × 1 with --jobs 2; 3 ≤ 3 % of 2.
With --scans N the corpus also holds N one-page scans (image-only PDFs, 200 dpi, rendered like the
sample corpus's scan), and OCR is measured: pages/s of an ingest of the scans alone, and the share
of the mixed ingest's time that OCR takes (against the same ingest with --ocr never).

    python benchmarks/ingest_bench.py --pdfs 1000 --docx 500 --jobs 2
    python benchmarks/ingest_bench.py --pdfs 200 --docx 100 --jobs 2 --cluster
    python benchmarks/ingest_bench.py --pdfs 200 --docx 100 --scans 40 --jobs 2
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
WORDS = (
    "gemeente raad college besluit mandaat volmacht machtiging werkorganisatie ambtelijke fusie "
    "gemeenschappelijke regeling sociaal statuut personeel formatie begroting dienstverlening "
    "burgemeester wethouders griffier vergadering voorstel bevoegdheid medewerker organisatie "
    "samenwerking bedrijfsvoering uitvoering beleid artikel lid openbaar lichaam bestuur"
).split()
PLACES = ["Barendrecht", "Albrandswaard", "Ridderkerk", "Dinkelland", "Tubbergen", "Blaricum", "Eemnes",
          "Laren", "Hillegom", "Lisse", "Teylingen", "Castricum", "Heiloo", "Uitgeest", "Enkhuizen"]


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    words.insert(rng.randint(0, len(words)), f"gemeente {rng.choice(PLACES)}")
    return " ".join(words).capitalize() + "."


def make_corpus(folder: Path, pdfs: int, docx: int, pages: int) -> None:
    from docx import Document
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rng = random.Random(42)
    (folder / "pdf").mkdir(parents=True, exist_ok=True)
    (folder / "docx").mkdir(parents=True, exist_ok=True)
    for number in range(pdfs):
        path = folder / "pdf" / f"raadsbesluit-{number:05d}.pdf"
        if path.exists():
            continue
        pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        for _ in range(pages):
            text = pdf.beginText(50, 800)
            text.setFont("Helvetica", 9)
            for _ in range(45):
                text.textLine(sentence(rng)[:110])
            pdf.drawText(text)
            pdf.showPage()
        pdf.save()
    for number in range(docx):
        path = folder / "docx" / f"mandaatbesluit-{number:05d}.docx"
        if path.exists():
            continue
        document = Document()
        document.add_heading(f"Mandaatbesluit {number} gemeente {rng.choice(PLACES)}", 1)
        for _ in range(40 * pages):
            document.add_paragraph(sentence(rng))
        table = document.add_table(rows=3, cols=2)
        for row in table.rows:
            for cell in row.cells:
                cell.text = sentence(rng)
        document.save(path)


def make_scans(folder: Path, scans: int) -> None:
    """One-page image-only PDFs of random Dutch sentences, set by the sample corpus's scan renderer."""
    import importlib.util

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    spec = importlib.util.spec_from_file_location("corpus_build", ROOT / "corpus" / "build.py")
    build = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = build
    spec.loader.exec_module(build)
    rng = random.Random(7)
    (folder / "scans").mkdir(parents=True, exist_ok=True)
    for number in range(scans):
        path = folder / "scans" / f"scan-raadsbesluit-{number:05d}.pdf"
        if path.exists():
            continue
        paragraphs = [(f"Raadsbesluit {number} gemeente {rng.choice(PLACES)}", True)]
        paragraphs += [(" ".join(sentence(rng) for _ in range(4)), False) for _ in range(7)]
        pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        pdf.drawImage(ImageReader(build.scan_image(paragraphs)), 0, 0, width=A4[0], height=A4[1])
        pdf.showPage()
        pdf.save()


def bare_extraction(files: list[Path]) -> tuple[float, int]:
    from docx import Document
    from pdfminer.high_level import extract_text

    pages = 0
    started = time.perf_counter()
    for path in files:
        if path.parent.name == "scans":
            continue  # no text layer: OCR is measured by the ingest itself
        if path.suffix == ".pdf":
            pages += extract_text(str(path)).count("\f") or 1
        else:
            _ = Document(str(path)).paragraphs  # reads the whole body, as extraction does
    return time.perf_counter() - started, pages


def timed_ingest(corpus: Path, data: Path, jobs: int, *extra: str) -> tuple[float, dict, int]:
    command = [sys.executable, "-m", "cli", "--data-dir", str(data), "ingest", "--json", "--jobs", str(jobs),
               *extra, str(corpus)]
    started = time.perf_counter()
    process = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"ingest failed: {process.stderr}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, json.loads(process.stdout), peak_kb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pdfs", type=int, default=1000)
    parser.add_argument("--docx", type=int, default=500)
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--scans", type=int, default=0, help="one-page scans to add, read by OCR")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cluster", action="store_true",
                        help="Also ingest through a Dask cluster on 127.0.0.1 with --jobs workers.")
    parser.add_argument("--rounds", type=int, default=3, help="With --cluster: alternating runs of each.")
    parser.add_argument("--workdir", type=Path, default=ROOT / "benchmarks" / "out" / "ingest")
    args = parser.parse_args()

    corpus = args.workdir / f"corpus-{args.pdfs}-{args.docx}-{args.pages}-{args.scans}"
    started = time.perf_counter()
    make_corpus(corpus, args.pdfs, args.docx, args.pages)
    make_scans(corpus, args.scans)
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    print(f"corpus: {len(files)} files ({args.pdfs} PDF × {args.pages} pages, {args.docx} DOCX, {args.scans} scans), "
          f"{sum(p.stat().st_size for p in files) / 1e6:.1f} MB, made in {time.perf_counter() - started:.1f} s")
    if args.cluster:
        compare_with_cluster(corpus, args.workdir, args.jobs, args.rounds, len(files))
        return

    bare_s, pages = bare_extraction(files)
    print(f"bare pdfminer.six + python-docx, 1 process: {bare_s:.1f} s ({len(files) / bare_s:.1f} files/s)")

    data = args.workdir / "data"
    shutil.rmtree(data, ignore_errors=True)
    first_s, summary, peak_kb = timed_ingest(corpus, data, args.jobs)
    total_pages = pages + args.docx * args.pages
    print(f"fusiearchief ingest --jobs {args.jobs}: {first_s:.1f} s, {len(files) / first_s:.1f} files/s, "
          f"~{total_pages / first_s:.0f} pages/s, peak RSS of one process {peak_kb / 1024:.0f} MB; "
          f"new={summary['new']} failed={summary['failed']} indexed={summary['indexed']}")
    print(f"  ratio to bare extraction: {first_s / bare_s:.2f} (target ≤ 0.65)")

    ocr_pages = summary.get("ocr_pages", 0)

    again_s, summary, _ = timed_ingest(corpus, data, args.jobs)
    print(f"re-ingest unchanged: {again_s:.2f} s = {100 * again_s / first_s:.1f} % of the first (target ≤ 3 %); "
          f"unchanged={summary['unchanged']}")

    if args.scans:
        measure_ocr(corpus, args.workdir, args.jobs, first_s, ocr_pages)


def measure_ocr(corpus: Path, workdir: Path, jobs: int, mixed_s: float, ocr_pages: int) -> None:
    data = workdir / "data-ocr"
    shutil.rmtree(data, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    scans_s, summary, _ = timed_ingest(corpus / "scans", data, jobs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time (the workers and their tesseract processes included) depends far less on what else
    # the machine is doing than wall time does.
    cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    pages = summary["ocr_pages"]
    print(f"OCR, ingest of the {summary['new']} scans alone --jobs {jobs}: {scans_s:.1f} s, "
          f"{pages / scans_s:.2f} pages/s (failed={summary['failed']}); CPU {cpu_s / pages:.1f} s per page, "
          f"so ~{jobs * pages / cpu_s:.2f} pages/s on {jobs} idle cores")
    shutil.rmtree(data, ignore_errors=True)
    never_s, summary, _ = timed_ingest(corpus, data, jobs, "--ocr", "never")
    share = max(mixed_s - never_s, 0.0) / mixed_s
    print(f"mixed archive: {mixed_s:.1f} s with OCR ({ocr_pages} pages), {never_s:.1f} s with --ocr never: "
          f"OCR takes {100 * share:.0f} % of the ingest time")


def compare_with_cluster(corpus: Path, workdir: Path, jobs: int, rounds: int, count: int) -> None:
    """--jobs N against a loopback cluster of N one-thread workers, alternating, on fresh data folders:
    on a shared machine the load drifts, and alternating spreads the drift over both."""
    from statistics import median

    from loopback_cluster import LoopbackCluster

    ratios = []
    with LoopbackCluster(workdir / "cluster", workers=jobs) as cluster:
        for number in range(1, rounds + 1):
            timings = {}
            for name, extra in (("local", ()), ("cluster", ("--cluster", cluster.address))):
                data = workdir / f"data-{name}"
                shutil.rmtree(data, ignore_errors=True)
                timings[name], summary, _ = timed_ingest(corpus, data, jobs, *extra)
                if summary["new"] + summary["failed"] != count:
                    raise SystemExit(f"{name} ingest did not account for every file: {summary}")
            ratios.append(timings["local"] / timings["cluster"])
            print(f"round {number}: --jobs {jobs} {count / timings['local']:.1f} files/s, --cluster (scheduler + "
                  f"{jobs} workers × 1 thread on 127.0.0.1) {count / timings['cluster']:.1f} files/s, "
                  f"ratio {ratios[-1]:.2f}", flush=True)
    print(f"cluster / --jobs {jobs} files/s, median of {rounds}: {median(ratios):.2f}")


if __name__ == "__main__":
    main()

"""The progress line: files with rate and time to go, and the pages read by OCR once there are any."""
import io

from indexer.ingest.progress import Progress


def test_the_line_counts_pages_read_by_ocr():
    stream = io.StringIO()
    progress = Progress(4, stream=stream, enabled=True)
    progress.advance(note="tekst.pdf")
    assert "OCR" not in progress.line()
    progress.advance(note="scan.pdf", pages=3)
    progress.advance(pages=2)
    line = progress.line(100)
    assert " 3/4 " in line and "5 pages OCR" in line

"""Format by content, one failure code per nasty file, and the size, time and unpack limits."""
from __future__ import annotations

import os
import pickle
import signal
import threading
import time
import zipfile

import pytest

from extract_helpers import damaged_copies
from make_fixtures import EXPECTED_CODES

from indexer.extract import FAILURE_CODES, ExtractionError, Limits, extract_file, sniff_format
from indexer.extract.limits import deadlines_in_this_thread

SNIFFED = {
    "pdf_multipage": "pdf",
    "pdf_as_docx": "pdf",
    "pdf_truncated": "pdf",
    "docx_tables_headers": "docx",
    "docx_broken_zip": "docx",
    "odt": "odt",
    "txt_utf8": "txt",
    "txt_cp1252": "txt",
    "html": "html",
    "empty": None,
    "doc_legacy": None,
    "png_image": "image",
    "unreadable_symlink": None,
    "unreadable_dir": None,
}
def failure(path, limits=Limits()) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract_file(path, limits)
    assert caught.value.code in FAILURE_CODES
    assert caught.value.message and "Traceback" not in caught.value.message
    return caught.value


@pytest.mark.parametrize("name", sorted(SNIFFED))
def test_format_is_judged_by_content(fixture_files, name):
    assert sniff_format(fixture_files[name]) == SNIFFED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED_CODES))
def test_each_nasty_file_gives_its_failure(fixture_files, name):
    assert failure(fixture_files[name]).code == EXPECTED_CODES[name]


def test_empty_file_says_so(fixture_files):
    assert "empty" in failure(fixture_files["empty"]).message


@pytest.mark.parametrize(
    "head, code",
    [
        (b"{\\rtf1\\ansi Raadsbesluit}", "unsupported_format"),
        (b'<?xml version="1.0"?><besluit>Eemnes</besluit>', "unsupported_format"),
        (b"PK\x03\x04" + bytes(200), "unsupported_format"),  # a zip we cannot tell anything about
        (b"\x1f\x8b\x08" + bytes(100), "unsupported_format"),
        (b"GIF89a" + bytes(100), "unsupported_format"),  # web graphics, not scans
        (b"\xff\xd8\xff\xe0" + bytes(100), "corrupt"),  # a JPEG (read by OCR) that is damaged
        (b"MZ\x90\x00\x03" + bytes(100), "unsupported_format"),
    ],
)
def test_other_kinds_are_refused(tmp_path, head, code):
    path = tmp_path / "bestand.txt"  # the extension must not matter
    path.write_bytes(head)
    assert failure(path).code == code


def test_chmod_000_file_is_unreadable_for_ordinary_users(fixture_files):
    path = fixture_files["unreadable"]
    if os.access(path, os.R_OK):
        pytest.skip("running as root, who can read a chmod 000 file; see unreadable_symlink/_dir")
    assert failure(path).code == "unreadable"


def test_named_pipe_is_refused_without_blocking(tmp_path):
    pipe = tmp_path / "pijp.txt"
    os.mkfifo(pipe)
    assert failure(pipe).code == "unreadable"


def test_file_over_the_size_limit_is_too_large_before_reading(fixture_files):
    error = failure(fixture_files["pdf_multipage"], Limits(max_bytes=1000))
    assert error.code == "too_large" and "limit" in error.message


def test_timeout(fixture_files):
    error = failure(fixture_files["pdf_large"], Limits(timeout_s=0.01))
    assert error.code == "timeout"
    assert "0.01 s" in error.message
    # the same file in time, and the alarm is gone afterwards
    assert extract_file(fixture_files["pdf_large"])["pages"] == 60
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_previous_alarm_handler_and_timer_are_restored(fixture_files):
    fired = []

    def outer(signum, frame):
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, outer)
    try:
        signal.setitimer(signal.ITIMER_REAL, 1000)
        extract_file(fixture_files["txt_utf8"], Limits(timeout_s=5))
        assert signal.getsignal(signal.SIGALRM) is outer
        assert 900 < signal.getitimer(signal.ITIMER_REAL)[0] <= 1000
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == []


def test_outside_the_main_thread_there_is_no_time_limit(fixture_files):
    # signal handlers can only be set in the main thread; a web request thread runs unlimited
    results = []
    worker = threading.Thread(
        target=lambda: results.append(extract_file(fixture_files["pdf_multipage"], Limits(timeout_s=0.001)))
    )
    worker.start()
    worker.join()
    assert results and results[0]["pages"] == 10


def test_a_thread_that_asks_for_deadlines_gets_the_time_limit(fixture_files):
    # a Dask worker runs its tasks in threads; there the limit must hold as in a worker process
    outcomes = []

    def task(limits: Limits) -> None:
        with deadlines_in_this_thread():
            try:
                outcomes.append(extract_file(fixture_files["pdf_multipage"], limits)["pages"])
            except ExtractionError as error:
                outcomes.append(error.code)
        time.sleep(0.05)  # a timer left running would strike here, outside the block
        outcomes.append("after")

    for limits in (Limits(timeout_s=0.01), Limits(timeout_s=60)):
        worker = threading.Thread(target=task, args=(limits,))
        worker.start()
        worker.join()
    assert outcomes == ["timeout", "after", 10, "after"]


def test_failures_survive_the_trip_from_a_worker_process():
    error = pickle.loads(pickle.dumps(ExtractionError("corrupt", "kapot bestand")))
    assert (error.code, error.message) == ("corrupt", "kapot bestand")
    with pytest.raises(ValueError):
        ExtractionError("broken", "not a code")


def assert_read_or_refused_with_a_code(path) -> None:
    try:
        result = extract_file(path, Limits(timeout_s=10))
    except ExtractionError as error:
        assert error.code in FAILURE_CODES
    else:
        assert isinstance(result["text"], str) and result["text"].strip()


@pytest.mark.parametrize("name", ["pdf_multipage", "docx_tables_headers", "odt", "html", "txt_cp1252", "pdf_xmp"])
def test_damaged_copies_never_raise_anything_else(fixture_files, tmp_path, name):
    for path in damaged_copies(fixture_files[name].read_bytes(), name, tmp_path, fixture_files[name].suffix):
        assert_read_or_refused_with_a_code(path)


def test_a_sniffer_tripping_over_damage_does_not_escape(tmp_path):
    # An ODT whose "mimetype" member (not first, so the sniffer must open it) uses a compression
    # method zipfile does not know: zipfile raises NotImplementedError while sniffing.
    path = tmp_path / "vreemd.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<x/>")
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    data = bytearray(path.read_bytes())
    local = data.index(b"mimetype") - 30  # the local header of the second member
    central = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 1)
    data[local + 8 : local + 10] = (99).to_bytes(2, "little")
    data[central + 10 : central + 12] = (99).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive, pytest.raises(NotImplementedError):
        archive.read("mimetype")
    assert failure(path).code == "unsupported_format"


@pytest.mark.parametrize("name", ["cvdr.xml", "gmb.xml", "stb.xml", "rechtspraak.xml", "notitie.md", "fragment.html"])
def test_damaged_publications_and_markdown_never_raise_anything_else(tmp_path, name):
    from make_format_samples import SAMPLES

    for path in damaged_copies(SAMPLES[name](), name, tmp_path, "", max_flips=10):
        assert_read_or_refused_with_a_code(path)

import hashlib
import os

import pytest

from archive.store import OriginalStore, safe_extension, sha256_file


def test_put_stores_by_content_hash_and_is_idempotent(tmp_path):
    source = tmp_path / "Mandaatbesluit 130409.pdf"
    source.write_bytes(b"%PDF-1.4 inhoud")
    sha, size = sha256_file(source)
    assert sha == hashlib.sha256(b"%PDF-1.4 inhoud").hexdigest() and size == 15

    store = OriginalStore(tmp_path / "originals")
    stored = store.put(source, sha, "pdf")
    assert stored == tmp_path / "originals" / sha[:2] / sha[2:4] / f"{sha}.pdf"
    assert stored.read_bytes() == source.read_bytes()
    # The same content under another name and extension is not stored twice.
    other = tmp_path / "kopie.docx"
    other.write_bytes(source.read_bytes())
    assert store.put(other, sha, "docx") == stored
    assert len(list((tmp_path / "originals").rglob("*"))) == 3  # two folders and one file


def test_originals_are_read_only_and_leave_no_temp_files(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("gemeente Tubbergen")
    sha, _ = sha256_file(source)
    stored = OriginalStore(tmp_path / "o").put(source, sha, "txt")
    assert not os.stat(stored).st_mode & 0o222
    assert not list(stored.parent.glob("*.tmp"))


def test_put_refuses_content_that_does_not_match_its_hash(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("veranderd tijdens het archiveren")
    store = OriginalStore(tmp_path / "o")
    with pytest.raises(OSError, match="changed while"):
        store.put(source, "0" * 64, "txt")
    assert store.find("0" * 64) is None
    assert not list((tmp_path / "o").rglob("*.tmp"))


@pytest.mark.parametrize("name,ext", [("x.PDF", "pdf"), ("noext", "bin"), ("a.verylongextension", "bin"), ("a.tar.gz", "gz")])
def test_safe_extension(name, ext):
    assert safe_extension(name) == ext


def test_remove_leftovers_deletes_only_temporary_files(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("gemeente Eemnes")
    store = OriginalStore(tmp_path / "o")
    sha, _ = sha256_file(source)
    stored = store.put(source, sha, "txt")
    (stored.parent / ".abc.tmp").write_bytes(b"half")
    assert store.remove_leftovers() == 1
    assert [p.name for p in stored.parent.iterdir()] == [stored.name]

"""Which files a folder walk hands to the ingest."""
from __future__ import annotations

from indexer.ingest.walker import iter_input_files


def test_a_folder_walk_passes_over_its_metadata_and_export_manifests_but_a_named_file_is_taken(tmp_path):
    for name in ("besluit.txt", "metadata.csv", "manifest.csv", "manifest.json", "manifest.xlsx", "manifest.pdf",
                 ".verborgen.txt"):
        (tmp_path / name).write_text("x")
    walked = sorted(path.name for path in iter_input_files([tmp_path]))
    assert walked == ["besluit.txt", "manifest.pdf"]
    assert [path.name for path in iter_input_files([tmp_path / "manifest.json"])] == ["manifest.json"]

"""init, ingest's summary, stats, failures, reindex, redetect, and every command on a missing data folder."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from cli import main
from cli_archive import CORRUPT, EXIT_EARLIER_FAILURES, EXIT_FAILED_FILES, EXIT_USAGE, SAMPLE, Archive, Cli

# each command that only reads the archive, with the arguments it needs
READERS = [
    ("search", "mandaat"),
    ("show", "0123456789abcdef"),
    ("similar", "0123456789abcdef"),
    ("export", "--format", "csv"),
    ("stats",),
    ("failures",),
]
WRITERS = [
    ("edit", "0123456789abcdef", "--title", "Titel"),
    ("reindex",),
    ("redetect",),
]


def totals(cli: Cli) -> dict:
    """What searching shows of an archive: totals, ids and facets of a match-all and a word search."""
    everything = cli.json("search", "--limit", "100", "--format", "json")
    word = cli.json("search", "mandaat", "--limit", "100", "--format", "json")
    return {"total": everything["total"], "ids": {h["id"] for h in everything["hits"]},
            "facets": everything["facets"], "word_total": word["total"], "word_ids": {h["id"] for h in word["hits"]}}


# -- ingest --------------------------------------------------------------------------------------
def test_ingest_accounts_for_every_file_and_fails_with_status_1(archive: Archive):
    report = archive.report
    assert report["files"] == len(SAMPLE)
    # one byte-identical copy (the BAR sociaal statuut of a second council) and one cut-off PDF
    assert (report["duplicate"], report["failed"], report["unchanged"]) == (1, 1, 0)
    assert report["new"] == len(SAMPLE) - 2
    assert report["failed_by_code"] == {"corrupt": 1}
    assert [f["path"] for f in report["failures"]] == [str(archive.path_of(CORRUPT))]
    assert archive.exit_code == EXIT_FAILED_FILES


def test_ingest_without_paths_or_of_a_missing_path_is_refused(tmp_path):
    cli = Cli(tmp_path / "data")
    assert "Give one or more files or folders" in cli.usage_error("ingest")
    assert f"Not found: {tmp_path / 'nothing-here'}" in cli.usage_error("ingest", str(tmp_path / "nothing-here"))
    assert not cli.data.exists()


# -- stats ---------------------------------------------------------------------------------------
def test_stats_json_counts_documents_arrivals_failures_types_and_languages(archive: Archive):
    stats = archive.cli.json("stats", "--format", "json")
    documents = len(set(archive.ids.values()))
    assert stats["documents"] == documents == len(SAMPLE) - 1  # the duplicate is one document
    assert stats["provenance"] == len(SAMPLE)
    assert stats["failures"] == 1 and stats["failures_by_code"] == {"corrupt": 1}
    assert stats["by_status"] == {"ok": documents - 1, "failed": 1}
    assert stats["unindexed"] == 0 and stats["ocr"] == 0
    assert sum(stats["by_format"].values()) == documents
    assert stats["by_format"]["pdf"] >= 3 and stats["by_format"]["html"] == 2
    # the type and language counts are the search facets' counts over the whole archive
    facets = archive.cli.json("search", "--format", "json")["facets"]
    assert stats["by_type"] == {v["value"]: v["count"] for v in facets["type"]}
    assert stats["by_language"] == {v["value"]: v["count"] for v in facets["language"]}
    assert stats["by_language"]["en"] == 1


def test_stats_table_says_the_same(archive: Archive):
    stats = archive.cli.json("stats", "--format", "json")
    out = archive.cli.ok("stats").stdout
    assert f"Documents: {stats['documents']} (arrived as {stats['provenance']} files)" in out
    assert f"Failures: {stats['failures']}    not yet indexed: 0" in out
    assert "failures by code: corrupt 1" in out
    assert "Text recognised by OCR: 0 documents" in out


# -- failures ------------------------------------------------------------------------------------
def test_failures_lists_the_broken_file_with_stage_code_and_message(archive: Archive):
    rows = archive.cli.json("failures", "--format", "json")
    assert len(rows) == 1
    row = rows[0]
    assert row["path"] == str(archive.path_of(CORRUPT))
    assert (row["stage"], row["code"]) == ("extract", "corrupt")
    assert "PDF" in row["message"]
    assert row["sha256"] and row["sha256"].startswith(archive.ids[CORRUPT])
    table = archive.cli.ok("failures").stdout.splitlines()
    assert table[0].split() == ["path", "sha256", "stage", "code", "message"]
    assert "corrupt" in table[1].split() and "extract" in table[1].split()


def test_failures_filtered_by_code(archive: Archive):
    assert archive.cli.json("failures", "--code", "corrupt", "--format", "json") == \
        archive.cli.json("failures", "--format", "json")
    assert archive.cli.json("failures", "--code", "encrypted", "--format", "json") == []
    assert archive.cli.ok("failures", "--code", "encrypted").stdout.strip() == "(none)"


def test_failures_csv_in_both_dialects(archive: Archive):
    excel = archive.cli.ok("failures", "--format", "csv").stdout
    assert excel.startswith("\ufeffpath;sha256;stage;code;message")
    assert len(excel.splitlines()) == 2 and ";extract;corrupt;" in excel
    plain = archive.cli.ok("failures", "--format", "csv", "--csv-dialect", "rfc4180").stdout
    assert plain.startswith("path,sha256,stage,code,message") and ",extract,corrupt," in plain


# -- init ----------------------------------------------------------------------------------------
def test_init_makes_an_empty_archive(tmp_path):
    cli = Cli(tmp_path / "data")
    out = cli.ok("init").stdout
    assert f"Data folder ready: {cli.data} (search engine: whoosh)" in out
    assert cli.json("stats", "--format", "json")["documents"] == 0
    assert cli.json("failures", "--format", "json") == []


def test_an_archive_just_made_by_init_can_be_searched_and_exported(tmp_path):
    cli = Cli(tmp_path / "data")
    cli.ok("init")
    assert cli.json("search", "--format", "json")["total"] == 0
    assert cli.json("export", "--format", "json") == []


def test_init_on_an_archive_keeps_its_documents(scratch: Archive):
    before = totals(scratch.cli)
    scratch.cli.ok("init")
    assert totals(scratch.cli) == before


def test_init_engine_tantivy_then_reindex_switches_the_engine(scratch: Archive):
    cli = scratch.cli
    before = totals(cli)
    said = cli.ok("init", "--engine", "tantivy").stdout
    assert "built with whoosh: run 'fusiearchief reindex' to rebuild it with tantivy" in said
    assert "(search engine: tantivy)" in said
    assert totals(cli)["total"] == before["total"], "until the reindex, the old index answers"
    rebuilt = cli.ok("reindex").stdout
    assert f"Index rebuilt with tantivy: {before['total']} documents." in rebuilt
    after = totals(cli)
    assert (after["total"], after["ids"], after["word_ids"]) == (before["total"], before["ids"], before["word_ids"])
    assert "(search engine: tantivy)" in cli.ok("init").stdout, "the choice is recorded in the data folder"
    back = cli.ok("reindex", "--engine", "whoosh").stdout
    assert f"Index rebuilt with whoosh: {before['total']} documents." in back
    assert totals(cli)["ids"] == before["ids"]


# -- reindex and redetect ------------------------------------------------------------------------
def test_reindex_keeps_totals_hits_and_facets(scratch: Archive):
    before = totals(scratch.cli)
    out = scratch.cli.ok("reindex").stdout
    documents = scratch.cli.json("stats", "--format", "json")["documents"]
    assert f"Index rebuilt with whoosh: {documents} documents." in out
    assert totals(scratch.cli) == before


def test_redetect_prints_its_counts_and_changes_nothing_that_was_just_detected(scratch: Archive):
    cli = scratch.cli
    key = "mandaat_dinkelland"
    shown = cli.json("show", scratch.ids[key], "--format", "json")
    before = totals(cli)
    out = cli.ok("redetect", "--jobs", "1").stdout
    match = re.search(r"Detection run on (\d+) documents: (\d+) changed, (\d+) reindexed\.", out)
    assert match, out
    total, changed, reindexed = map(int, match.groups())
    assert total == cli.json("stats", "--format", "json")["documents"]
    assert (changed, reindexed) == (0, 0), "the same rules over the same text detect the same"
    again = cli.json("show", scratch.ids[key], "--format", "json")
    for name in ("title", "doc_type", "doc_date", "language", "issuer", "municipalities", "organisations", "origins"):
        assert again[name] == shown[name], name
    assert totals(cli) == before


# -- a data folder that is not there ---------------------------------------------------------------
@pytest.mark.parametrize("args", READERS, ids=[a[0] for a in READERS])
def test_a_reader_on_a_missing_data_folder_says_there_is_no_archive(nowhere: Cli, args):
    line = nowhere.usage_error(*args)
    assert f"No archive in {nowhere.data}" in line and "fusiearchief ingest" in line and "--data-dir" in line
    assert not nowhere.data.exists()


@pytest.mark.parametrize("args", WRITERS, ids=[a[0] for a in WRITERS])
def test_a_writer_on_a_missing_data_folder_says_there_is_no_archive(nowhere: Cli, args):
    line = nowhere.usage_error(*args)
    assert f"No archive in {nowhere.data}" in line
    assert not nowhere.data.exists()


def test_the_data_folder_can_come_from_the_environment(archive: Archive, tmp_path):
    by_env = CliRunner().invoke(main, ["stats", "--format", "json"], env={"FUSIEARCHIEF_DATA": str(archive.data)})
    assert by_env.exit_code == 0 and json.loads(by_env.stdout) == archive.cli.json("stats", "--format", "json")
    # --data-dir wins over the environment
    elsewhere = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "none"), "stats"],
                                   env={"FUSIEARCHIEF_DATA": str(archive.data)})
    assert elsewhere.exit_code == EXIT_USAGE and f"No archive in {tmp_path / 'none'}" in elsewhere.stderr


def test_ingest_again_skips_unchanged_files_and_retry_failed_tries_the_broken_one(scratch: Archive):
    cli = scratch.cli
    before = totals(cli)
    again = cli("ingest", "--json", str(scratch.inbox))
    report = json.loads(again.stdout)
    assert (report["unchanged"], report["new"], report["failed"], report["earlier_failed"]) == (len(SAMPLE), 0, 0, 1)
    assert again.exit_code == EXIT_EARLIER_FAILURES
    retried = cli("ingest", "--retry-failed", "--json")
    report = json.loads(retried.stdout)
    assert (report["retried"], report["failed"], report["failed_by_code"]) == (1, 1, {"corrupt": 1})
    assert retried.exit_code == EXIT_FAILED_FILES
    assert len(cli.json("failures", "--format", "json")) == 1, "a retried failure is not listed twice"
    assert totals(cli) == before

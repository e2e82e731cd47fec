"""fusiearchief: the command line of the archive (ingest, search, export, serve, maintenance).

Exit status: 0 success; 1 ingest finished but some files failed (see 'fusiearchief failures');
2 bad usage or input (a flag, a query, a manifest, an id, a port in use; also a query too broad for
the search limits or one that ran past its time budget); 3 the data folder is busy (another ingest
holds it); 4 ingest finished without new failures but files from earlier runs are still failed;
5 the data folder could not be written (disk full, read-only: free space and run the same command
again); 6 the Dask cluster of 'ingest --cluster' cannot be reached or cannot do the work (the next
run resumes); 130 interrupted by Ctrl-C (the next run resumes).
"""
from __future__ import annotations

import io
import json
import os
import sys
from functools import wraps
from pathlib import Path
from typing import NoReturn

import click

from archive.datadir import resolve_data_dir
from archive.errors import FusiearchiefError

EXIT_FAILED_FILES = 1
EXIT_USAGE = 2
EXIT_BUSY = 3
EXIT_EARLIER_FAILURES = 4
EXIT_ARCHIVE_WRITE = 5
EXIT_CLUSTER = 6
EXIT_INTERRUPTED = 130


# The exit status of each error code that is not bad usage or input (2); the one place that decides.
EXIT_STATUSES = {"busy": EXIT_BUSY, "index_locked": EXIT_BUSY, "archive_write": EXIT_ARCHIVE_WRITE,
                 "cluster": EXIT_CLUSTER}


class UserError(FusiearchiefError):
    code = "usage"


def fail(error: FusiearchiefError) -> NoReturn:
    click.echo(f"Error: {error.message}", err=True)
    sys.exit(EXIT_STATUSES.get(error.code, EXIT_USAGE))


def user_errors(func):
    """Known problems become a one-line message and an exit status, never a traceback."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except FusiearchiefError as error:
            fail(error)

    return wrapper


def archive(ctx: click.Context):
    """The data folder's application core (loaded only by the commands that use it: --help stays fast)."""
    from indexer.service import Fusiearchief

    return Fusiearchief(ctx.obj["data_dir"])


def reader(ctx: click.Context):
    return archive(ctx).read()


def write_table(rows: list[dict], columns: list[str]) -> None:
    if not rows:
        click.echo("(none)")
        return
    widths = {c: min(60, max(len(c), *(len(str(r.get(c, "") or "")) for r in rows))) for c in columns}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        click.echo("  ".join(str(row.get(c, "") or "")[: widths[c]].ljust(widths[c]) for c in columns))


def write_rows(rows: list[dict], fmt: str, columns: list[str], csv_dialect: str = "excel") -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        from indexer.service import write_csv_table

        buffer = io.StringIO(newline="")
        write_csv_table(buffer, rows, columns, csv_dialect)
        click.echo(buffer.getvalue(), nl=False)
    else:
        write_table(rows, columns)


CSV_DIALECT_OPTION = click.option(
    "--csv-dialect", type=click.Choice(["excel", "rfc4180"]), default="excel", show_default=True,
    help="CSV for Dutch Excel (UTF-8 with byte-order mark, ';' between columns) or plain RFC 4180 "
    "(',' between columns, no byte-order mark).")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Data folder with the archive, catalog and index "
    "[env FUSIEARCHIEF_DATA; default ./fusiearchief-data].",
)
@click.version_option(package_name="fusiearchief")
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None) -> None:
    """Fusiearchief: archive and search documents of ambtelijke fusies.

    Typical use: 'fusiearchief ingest corpus/documents', then 'fusiearchief serve'
    or 'fusiearchief search mandaatbesluit --municipality Dinkelland'.
    """
    ctx.ensure_object(dict)
    ctx.obj["data_dir"] = resolve_data_dir(data_dir)


ENGINE_CHOICE = click.Choice(["whoosh", "tantivy"])


@main.command()
@click.option("--engine", type=ENGINE_CHOICE, default=None,
              help="Search engine of the index: whoosh (the default) or tantivy (faster; pip install "
                   "'fusiearchief[tantivy]'). Recorded in the data folder.")
@click.pass_context
@user_errors
def init(ctx: click.Context, engine: str | None) -> None:
    """Create the data folder (archive, catalog and index) if it does not exist."""
    core = archive(ctx)
    chosen, live = core.init(engine)
    if engine and live and live != engine:
        click.echo(f"The search index was built with {live}: run 'fusiearchief reindex' to rebuild it with {engine}.")
    click.echo(f"Data folder ready: {core.root} (search engine: {chosen})")


# -- ingest -------------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Worker processes for extraction [default: number of cores].")
@click.option("--retry-failed", is_flag=True, help="Extract every earlier failure again (e.g. after an upgrade).")
@click.option("--metadata", "metadata_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Manifest (CSV or JSON) with supplied metadata per file; a metadata.csv in an "
              "ingested folder is read too.")
@click.option("--max-size", type=click.IntRange(1), default=200, show_default=True,
              help="Largest file to extract, in MB (larger ones are archived with code too_large).")
@click.option("--timeout", type=click.FloatRange(0.1), default=120.0, show_default=True,
              help="Seconds one file may take to extract (then code timeout); OCR adds --ocr-timeout per page.")
@click.option("--ocr", "ocr_mode", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Text recognition (Tesseract, Dutch): auto = pages without a text layer, always = every "
              "page (scans with a bad text layer), never = off.")
@click.option("--ocr-timeout", type=click.FloatRange(1), default=60.0, show_default=True,
              help="Seconds OCR may take per page (then code timeout).")
@click.option("--reextract", type=click.Choice(["all", "outdated"]), default=None,
              help="Extract archived documents again from their stored originals (all, or those read by "
              "another extractor version or failed), keeping supplied and corrected metadata.")
@click.option("--cluster", metavar="ADDRESS",
              help="Extract on a Dask distributed cluster, given its scheduler's address "
              "(tcp://HOST:PORT), instead of local worker processes; needs the 'cluster' extra.")
@click.option("--max-memory", type=click.IntRange(0), default=2048, show_default=True,
              help="Memory (address space) one extraction worker may use, in MB; a file needing more "
              "fails as too_large or crashed. 0 = no limit.")
@click.option("--index-every", type=click.IntRange(0), default=250, show_default=True,
              help="Commit the search index every N new documents (and every 30 s) during the run, so "
              "they are searchable before it ends; 0 = only at the end.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary (see the exit status).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object on standard output.")
@click.pass_context
@user_errors
def ingest(ctx, paths, jobs, retry_failed, metadata_file, max_size, timeout, max_memory, index_every, ocr_mode,
           ocr_timeout, reextract, cluster, quiet, as_json) -> None:
    """Archive, extract and index files and folders (recursively).

    Unchanged files (same path, size and modification time) are skipped; a file whose content is
    archived already only adds where it came from. A run that was interrupted resumes where it
    stopped. Every file ends as new, duplicate, unchanged or failed; the exit status is 1 when
    anything failed in this run, and 4 when nothing did but files from earlier runs are still failed
    (and unsearchable): 'fusiearchief failures' lists why, '--retry-failed' tries again; 5 when the
    data folder could not be written (disk full): free space and run the same command again; 6 when
    the --cluster cannot be reached or cannot do the work.

    Scans are read by OCR when Tesseract with its Dutch model is installed; without it they end as
    empty_text, and '--retry-failed' reads them once it is. '--reextract' needs no input folders.
    """
    from indexer.service import Limits, Manifest

    if not paths and not retry_failed and not reextract:
        raise UserError("Give one or more files or folders to ingest (or --retry-failed, or --reextract).")
    missing = [str(p) for p in paths if not os.path.lexists(p)]
    if missing:
        raise UserError(f"Not found: {', '.join(missing)}")
    manifest = Manifest.discover(metadata_file, [str(p) for p in paths if p.is_dir()])
    limits = Limits(max_bytes=max_size * 1024 * 1024, timeout_s=timeout, max_memory_bytes=max_memory * 1024 * 1024,
                    ocr=ocr_mode, ocr_timeout_s=ocr_timeout)
    options = {"paths": [str(p) for p in paths], "jobs": jobs, "retry_failed": retry_failed,
               "max_size_mb": max_size, "timeout_s": timeout, "max_memory_mb": max_memory,
               "ocr": ocr_mode, "ocr_timeout_s": ocr_timeout, "reextract": reextract, "cluster": cluster}
    core = archive(ctx)
    try:
        summary = core.ingest(
            paths, jobs=jobs, limits=limits, retry_failed=retry_failed, reextract=reextract,
            manifest=manifest, progress=None if not (quiet or as_json) else False, options=options,
            cluster=cluster,
            index_every=index_every,
        )
    except KeyboardInterrupt:
        click.echo("\nInterrupted; run the same command again to resume.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    report = summary.as_dict()
    report["earlier_failed"] = earlier_failures(core, report["failures"])
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
    elif not quiet:
        print_ingest_summary(report)
    if summary.archive_error:
        click.echo(f"Error: {summary.archive_error}", err=True)
        sys.exit(EXIT_STATUSES["archive_write"])
    if summary.interrupted:
        sys.exit(EXIT_INTERRUPTED)
    if summary.failed:
        sys.exit(EXIT_FAILED_FILES)
    if report["earlier_failed"]:
        sys.exit(EXIT_EARLIER_FAILURES)


def earlier_failures(core, this_run: list[dict]) -> int:
    """Files still failed from earlier runs: this run did not touch them, so its own counts miss them."""
    if not core.exists():
        return 0
    seen = {failure["path"] for failure in this_run}
    with core.read() as read:
        return sum(1 for failure in read.failures() if failure["path"] not in seen)


def print_ingest_summary(report: dict) -> None:
    click.echo(
        f"{report['files']} files: {report['new']} new, {report['duplicate']} duplicate, "
        f"{report['unchanged']} unchanged, {report['failed']} failed"
        + (f" ({report['retried']} retried)" if report["retried"] else "")
        + (f"; {report['reextracted']} documents extracted again" if report["reextracted"] else "")
        + (f"; OCR read {report['ocr_pages']} pages" if report["ocr_pages"] else "")
    )
    for code, count in report["failed_by_code"].items():
        click.echo(f"  {code}: {count}")
    for failure in report["failures"][:20]:
        click.echo(f"  ✗ {failure['path']}: [{failure['code']}] {failure['message']}", err=True)
    if len(report["failures"]) > 20:
        click.echo(f"  … and {len(report['failures']) - 20} more: see 'fusiearchief failures'", err=True)
    if report["interrupted"]:
        handled = report["new"] + report["duplicate"] + report["unchanged"] + report["failed"]
        click.echo(f"Interrupted: {report['files'] - handled} files not done yet; run the same command "
                   "again to resume.", err=True)
    if report["earlier_failed"]:
        click.echo(f"Still failed from earlier runs: {report['earlier_failed']} files, not searchable; see "
                   "'fusiearchief failures', or try again with 'fusiearchief ingest --retry-failed'.", err=True)
    click.echo(f"Index: {report['indexed']} documents updated.")
    if report["index_message"]:
        click.echo(f"Index {report['index_message']}", err=True)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="Output format.")
@click.option("--code", help="Only failures with this code (e.g. encrypted, empty_text).")
@CSV_DIALECT_OPTION
@click.pass_context
@user_errors
def failures(ctx, fmt, code, csv_dialect) -> None:
    """List the files that failed, with stage, code and message."""
    with reader(ctx) as read:
        rows = read.failures(code)
    write_rows(rows, fmt, ["path", "sha256", "stage", "code", "message"], csv_dialect)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output format.")
@click.pass_context
@user_errors
def stats(ctx, fmt) -> None:
    """Counts by status, format, failure code, type and language."""
    with reader(ctx) as read:
        numbers = read.stats()
    if fmt == "json":
        click.echo(json.dumps(numbers, ensure_ascii=False, indent=2))
        return
    click.echo(f"Documents: {numbers['documents']} (arrived as {numbers['provenance']} files)")
    click.echo(f"Failures: {numbers['failures']}    not yet indexed: {numbers['unindexed']}")
    for key in ("by_status", "by_format", "failures_by_code", "by_type", "by_language"):
        if numbers[key]:
            click.echo(f"{key.replace('_', ' ')}: " + ", ".join(f"{k} {v}" for k, v in numbers[key].items()))
    click.echo(f"Text recognised by OCR: {numbers['ocr']} documents")


# -- search and export --------------------------------------------------------------------------
def search_filters(func):
    """The filter options shared by search and export (parsed by the same code as the web UI's URL)."""
    options = [
        click.option("--municipality", "-m", multiple=True, help="CBS code or name; repeat for several (OR)."),
        click.option("--organisation", "-o", multiple=True, help="Fusion organisation key or name; repeatable."),
        click.option("--type", "-t", "types", multiple=True, help="Document type key (e.g. mandaatbesluit); repeatable."),
        click.option("--year", "-y", multiple=True, help="Year; repeatable."),
        click.option("--language", "-l", multiple=True, help="Language code (nl, fy, en); repeatable."),
        click.option("--from", "date_from", help="Earliest date (YYYY-MM-DD or YYYY)."),
        click.option("--to", "date_to", help="Latest date (YYYY-MM-DD or YYYY)."),
        click.option("--ocr", "ocr", type=click.Choice(["yes", "no"]), default=None,
                     help="Only documents whose text was (yes) or was not (no) recognised by OCR."),
        click.option("--sort", type=click.Choice(["relevance", "date", "-date"]), default="relevance",
                     show_default=True, help="'date' is oldest first, '-date' newest first."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def build_request(query: str, municipality: tuple[str, ...], organisation: tuple[str, ...], types: tuple[str, ...],
                  year: tuple[str, ...], language: tuple[str, ...], date_from: str | None, date_to: str | None,
                  sort: str, ocr: str | None = None, **extra: object):
    """The options as the web's URL parameters, read by the same code (names resolved to codes there)."""
    from indexer.service import request_from_params

    params: dict[str, list[str]] = {
        "q": [query or ""],
        "municipality": list(municipality),
        "organisation": list(organisation),
        "type": list(types),
        "year": list(year),
        "language": list(language),
        "ocr": [ocr] if ocr else [],
        "sort": [sort],
    }
    if date_from:
        params["from"] = [date_from]
    if date_to:
        params["to"] = [date_to]
    params.update({k: [str(v)] for k, v in extra.items() if v is not None})
    return request_from_params(params)


def warn_unknown_values(read, request, facets: dict | None = None) -> None:
    """An unknown --type or --language value finds nothing without saying why: name the known ones."""
    for facet, found in read.unknown_filter_values(request, facets).items():
        option = "--type/-t" if facet == "type" else "--language/-l"
        click.echo(f"Warning: unknown {facet} {', '.join(repr(v) for v in found['values'])} for {option}; "
                   f"known: {', '.join(value for value, _ in found['known'])}.", err=True)


HIT_COLUMNS = ["id", "date", "type", "title", "municipalities", "organisations", "language"]


def flat_hit(hit: dict) -> dict:
    from indexer.service import concerned

    return {
        **hit,
        "municipalities": ";".join(m["code"] for m in concerned(hit.get("municipalities"))),
        "organisations": ";".join(o["key"] for o in hit.get("organisations", [])),
        "filenames": ";".join(hit.get("filenames", [])),
    }


@main.command()
@click.argument("query", required=False, default="")
@search_filters
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True, help="Hits per page.")
@click.option("--page", type=click.IntRange(1, 1000), default=1, show_default=True, help="Page of hits to show.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="Output format; json has the same shape as the web API.")
@CSV_DIALECT_OPTION
@click.pass_context
@user_errors
def search(ctx, query, limit, page, fmt, csv_dialect, **filters) -> None:
    """Search the archive: words (all must match), OR, NOT/-, "phrases", prefix*, field:value.

    Dutch operators EN, OF, NIET work too. The JSON output has the same shape as /api/search.
    """
    request = build_request(query, per_page=limit, page=page, **filters)
    with reader(ctx) as read:
        result = read.search(request)
        warn_unknown_values(read, request, result["facets"])
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        write_rows([flat_hit(h) for h in result["hits"]], "csv", HIT_COLUMNS + ["filenames", "score"], csv_dialect)
        return
    from indexer.service import concerned

    click.echo(f"{result['total']} documents" + (f" — did you mean: {result['suggestion']}?" if result.get("suggestion") else ""))
    for hit in result["hits"]:
        places = ", ".join(m["name"] for m in concerned(hit.get("municipalities")))
        click.echo(f"\n{hit['id']}  {hit.get('date') or '----'}  {hit.get('type_label') or ''}  {hit.get('title') or ''}")
        if places:
            click.echo(f"    {places}")
        if hit.get("snippet"):
            click.echo("    " + plain_snippet(hit["snippet"]))
    for facet, values in result["facets"].items():
        if values:
            click.echo(f"\n{facet}: " + ", ".join(f"{v['label']} ({v['count']})" for v in values[:10]))


def plain_snippet(snippet: str) -> str:
    import html

    return html.unescape(snippet.replace("<mark>", "[").replace("</mark>", "]"))


@main.command()
@click.argument("doc_id")
@click.option("--text/--no-text", default=True, show_default=True, help="Print the extracted text.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.pass_context
@user_errors
def show(ctx, doc_id, text, fmt) -> None:
    """Show one document: metadata (with where each value came from), provenance and text."""
    with reader(ctx) as read:
        if fmt == "json":
            record = read.record(doc_id)
            if not text:
                record.pop("text")
            click.echo(json.dumps(record, ensure_ascii=False, indent=2))
            return
        doc = read.document(doc_id, with_text=True)
        provenance = read.provenance(doc.id)
    from indexer.service import type_label

    origins = doc.origins
    fields = [
        ("id", doc.id), ("sha256", doc.sha256), ("title", doc.title),
        ("type", f"{type_label(doc.type)} [{origins.get('type', '')}]"),
        ("date", f"{doc.date or '-'} ({doc.date.precision if doc.date else '-'}) [{origins.get('date', '')}]"),
        ("language", f"{doc.language or '-'} [{origins.get('language', '')}]"),
        ("issuer", f"{doc.issuer or '-'} [{origins.get('issuer', '')}]"),
        ("municipalities", "; ".join(f"{m.name} {m.code} ({m.role or ''})" for m in doc.concerned)
         + f" [{origins.get('municipalities', '')}]"),
        ("mentioned", "; ".join(f"{m.name} {m.code}" for m in doc.mentioned) or "-"),
        ("organisations", "; ".join(o.name or o.key for o in doc.organisations)
         + f" [{origins.get('organisations', '')}]"),
        ("format", f"{doc.format or '-'} {doc.mime or ''}, {doc.pages or '-'} pages, {doc.size} bytes"),
        ("text", ocr_origin(doc)),
        ("status", doc.status + (f" [{doc.failure.code}] {doc.failure.message}" if doc.failure else "")),
    ]
    for name, value in fields:
        click.echo(f"{name:>15}: {value}")
    click.echo("     provenance:")
    for arrival in provenance:
        click.echo(f"                 {arrival.path} (run {arrival.run_id}, {arrival.seen_at})")
    if text and doc.text:
        click.echo("\n" + doc.text)


def ocr_origin(doc) -> str:
    if not doc.ocr:
        return "from the file's text layer" if doc.text else "-"
    ocr = doc.ocr
    return (f"recognised by OCR on {ocr.pages} of {doc.pages or '?'} pages ({ocr.engine}, {ocr.languages})"
            + (f", mean confidence {round(ocr.confidence)} %" if ocr.confidence is not None else ""))


@main.command()
@click.argument("doc_id")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True, help="How many documents.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="Output format; json has the same shape as the web API.")
@CSV_DIALECT_OPTION
@click.pass_context
@user_errors
def similar(ctx, doc_id, limit, fmt, csv_dialect) -> None:
    """Documents similar to the given one (more like this)."""
    with reader(ctx) as read:
        hits = read.similar(doc_id, limit=limit)
    if fmt == "json":  # the web API's hit shape, as --help says; the table and CSV flatten the lists
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
        return
    write_rows([flat_hit(h) for h in hits], fmt, HIT_COLUMNS, csv_dialect)


@main.command()
@click.argument("query", required=False, default="")
@search_filters
@click.option("--zip", "zip_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the originals plus manifest.csv, manifest.xlsx and manifest.json to this ZIP file.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default=None,
              help="Write only the metadata, as CSV, an Excel workbook (needs --output) or JSON.")
@click.option("--output", "-O", type=click.Path(dir_okay=False, path_type=Path),
              help="File for --format output [default: standard output].")
@CSV_DIALECT_OPTION
@click.option("--max", "max_docs", type=click.IntRange(1), default=10000, show_default=True,
              help="Refuse searches with more matches than this.")
@click.pass_context
@user_errors
def export(ctx, query, zip_path, fmt, output, csv_dialect, max_docs, **filters) -> None:
    """Export the documents a search matches: a ZIP of originals with manifests, or CSV/XLSX/JSON metadata."""
    from indexer.service import write_csv, write_json, write_xlsx

    if not zip_path and not fmt:
        raise UserError("Say what to export: --zip OUT.zip, or --format csv|xlsx|json.")
    if fmt == "xlsx" and not output:
        raise UserError("An Excel workbook is a binary file: give it a name with --output FILE.xlsx.")
    request = build_request(query, per_page=100, page=1, **filters)
    with reader(ctx) as read:
        warn_unknown_values(read, request)
        ids = read.matching_ids(request, limit=max_docs + 1)
        if len(ids) > max_docs:
            raise UserError(f"The search matches more than {max_docs} documents; narrow it down or raise --max.")
        if zip_path:
            with open(zip_path, "wb") as archive_file:
                for chunk in read.iter_zip(ids, csv_dialect):
                    archive_file.write(chunk)
            click.echo(f"{len(ids)} documents written to {zip_path}", err=True)
        if fmt == "xlsx":
            with open(output, "wb") as workbook:
                write_xlsx(workbook, read.export_rows(ids))
        elif fmt:
            rows = read.export_rows(ids)

            def writer(out, rows):
                return write_csv(out, rows, csv_dialect) if fmt == "csv" else write_json(out, rows)

            if output:
                with open(output, "w", encoding="utf-8", newline="") as out:
                    writer(out, rows)
            else:
                writer(sys.stdout, rows)


# -- maintenance --------------------------------------------------------------------------------
@main.command()
@click.option("--engine", type=ENGINE_CHOICE, default=None,
              help="Rebuild with this search engine and keep it (default: the engine recorded in the data folder).")
@click.pass_context
@user_errors
def reindex(ctx, engine) -> None:
    """Rebuild the search index from the archive's stored text (nothing is extracted again).

    With --engine the archive switches engine: searches go on against the old index until the new
    one is complete.
    """
    from indexer.service import Progress

    chosen, count = archive(ctx).reindex(
        engine, progress=lambda total: Progress(total, label="Reindex ", unit="documents"))
    click.echo(f"Index rebuilt with {chosen}: {count} documents.")


@main.command()
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None, help="Worker processes.")
@click.pass_context
@user_errors
def redetect(ctx, jobs) -> None:
    """Run metadata detection again over the archive's stored text (after the rules improved).

    Supplied and corrected values are kept; only detected values change.
    """
    changed, total, indexed = archive(ctx).redetect(
        jobs, notify=lambda message: click.echo(f"Index {message}", err=True))
    click.echo(f"Detection run on {total} documents: {changed} changed, {indexed} reindexed.")


@main.command()
@click.argument("doc_id")
@click.option("--title", help="Title.")
@click.option("--type", "doc_type", help="Document type key.")
@click.option("--date", help="YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--language", help="ISO 639-1 code (nl, fy, en).")
@click.option("--issuer", help="Issuing municipality (CBS code or name).")
@click.option("--municipality", "-m", multiple=True, help="Municipality concerned; repeat for several.")
@click.option("--organisation", "-o", multiple=True, help="Fusion organisation; repeat for several.")
@click.option("--reset", multiple=True, type=click.Choice(["title", "type", "date", "language", "issuer",
                                                           "municipalities", "organisations"]),
              help="Drop a correction so the detected value applies again.")
@click.pass_context
@user_errors
def edit(ctx, doc_id, title, doc_type, date, language, issuer, municipality, organisation, reset) -> None:
    """Correct a document's metadata by hand; corrections survive re-ingest, redetect and reindex."""
    values = {
        "title": title, "type": doc_type, "date": date, "language": language, "issuer": issuer,
        "municipalities": list(municipality), "organisations": list(organisation),
    }
    if not any(values.values()) and not reset:
        raise UserError("Nothing to change: give at least one of --title, --type, --date, --language, "
                        "--issuer, --municipality, --organisation or --reset.")
    doc = archive(ctx).edit(doc_id, values, reset)
    click.echo(f"{doc.id}: " + ", ".join(f"{k} = {doc.origins.get(k)}" for k in sorted(doc.origins)))


@main.command()
@click.argument("labels", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--misses", "misses_csv", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Also write the misses (file, field, expected, detected) to this CSV for review.")
@user_errors
def evaluate(labels, fmt, misses_csv) -> None:
    """Measure metadata detection against a labels CSV; touches no data folder.

    Columns: file (path relative to the labels file), issuer (CBS code), municipalities (CBS codes
    separated by ';'), organisation, type (taxonomy key), date (YYYY-MM-DD), language (ISO 639-1);
    an empty cell is not checked; '-' in issuer or municipalities means "no Dutch municipality
    expected" (every one detected there is a false positive). Prints precision, recall and F1 for
    municipalities (issuer and participants), for the facet (the municipalities the search index
    files the document under, what -m finds) and for the issuer, issuer accuracy, accuracy for
    organisation, type, date and language, the negatives that still carry a municipality, and the
    misses. With --format json: one object {"municipalities": {"precision", "recall", "f1"},
    "issuer": {...}, "facet": {...}, "issuer_accuracy": {"accuracy"}, "organisation": {"accuracy"},
    "type": {...}, "date": {...}, "language": {...}, "negatives": {...}, "misses": [...]}.
    """
    from indexer.service import evaluate_labels, format_report, write_misses

    result = evaluate_labels(labels)
    if misses_csv:
        try:
            written = write_misses(result, misses_csv)
        except OSError as error:
            raise UserError(f"Cannot write the misses to {misses_csv}: {error.strerror or error}") from None
        click.echo(f"{written} misses written to {misses_csv}", err=True)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(result))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--search-seconds", type=click.FloatRange(0.1), default=5.0, show_default=True,
              help="Time budget of one search; a search past it stops with a 503 and a message.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes behind the port (more than 1: gunicorn's pre-fork server, Unix only), "
                   "so concurrent searches do not queue behind one process.")
@click.pass_context
@user_errors
def serve(ctx, host, port, search_seconds, workers) -> None:
    """Serve the web UI and JSON API (read-only; an ingest may run at the same time).

    A port that is taken (or not allowed) ends with a one-line message and exit status 2. With
    --workers N every process picks up what an ingest or reindex committed.
    """
    import errno
    import socket

    from webui import serve as run_server

    core = archive(ctx)
    core.read().close()  # NoArchive, with what to do, before a server starts
    data = core.data
    not_here = f"Cannot listen on '{host}': not an address of this machine; use --host 127.0.0.1 or 0.0.0.0."
    announce = f"Data: {data.root}; Ctrl-C stops the server."
    try:
        if workers > 1:
            from webui.prefork import serve_workers

            serve_workers(data.root, workers, host=host, port=port, search_seconds=search_seconds, announce=announce)
        else:
            run_server(data.root, host=host, port=port, search_seconds=search_seconds, announce=announce)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UserError(f"Port {port} on {host} is already in use (is another server running?); stop it or "
                            f"choose another port, e.g. 'fusiearchief serve --port {port % 65535 + 1}'.") from None
        if error.errno == errno.EACCES:
            raise UserError(f"Port {port} needs administrator rights; choose a port above 1023 with --port.") from None
        if error.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT) or isinstance(error, socket.gaierror):
            raise UserError(not_here) from None
        if error.errno == errno.ENOSYS:
            raise UserError(error.strerror or str(error)) from None
        raise
    except ValueError:  # waitress, for a host name that does not resolve
        raise UserError(not_here) from None


if __name__ == "__main__":
    main(prog_name="fusiearchief")

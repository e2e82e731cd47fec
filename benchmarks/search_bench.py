"""Search benchmark: prints figures, asserts nothing.

Generates N synthetic documents (about 3 KB of Dutch-like text each, 1–3 of ~350 municipalities,
the taxonomy's types, dates 2005–2025) straight into an archive's catalog, rebuilds the index from
the stored text, then times queries:
  (a) top 10 with snippets, (b) plus all facet counts, (c) plus a municipality filter and a date range,
and phrases of common words. With --engine whoosh,tantivy both engines index the same archive (each
its own index folder) and answer the same queries; their p95s are printed side by side with the ratio,
and how many searches gave the same totals and facet counts.

    python benchmarks/search_bench.py --docs 100000 --data-dir /tmp/search-bench --engine whoosh,tantivy
    python benchmarks/search_bench.py --data-dir /tmp/search-bench --reuse --profile
    python benchmarks/search_bench.py --docs 10000 --data-dir /tmp/bench-10k --engine tantivy --profile-build
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import os
import pstats
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive import Catalog, DataDir  # noqa: E402
from indexer.detect.reference import municipalities, organisations  # noqa: E402
from indexer.detect.taxonomy import DOC_TYPES  # noqa: E402
from indexer.detect.labels import facet_label  # noqa: E402
from indexer.search import ENGINES, SearchIndex, SearchRequest  # noqa: E402
from indexer.service.sync import rebuild_index  # noqa: E402

DOMAIN = (
    "gemeente raad college besluit besluiten mandaat volmacht machtiging werkorganisatie ambtelijke fusie "
    "fusies gemeenschappelijke regeling sociaal statuut personeelsstatuut personeel formatie begroting "
    "dienstverlening burgemeester wethouders griffier vergadering voorstel raadsvoorstel bevoegdheid "
    "medewerker medewerkers organisatie samenwerking bedrijfsvoering uitvoering beleid artikel lid openbaar "
    "lichaam bestuur mandaatbesluit raadsbesluit sociaal plan plaatsing functie salaris overgang "
    "herindeling convenant nota afstemming gemeenten inwoners directeur dagelijks algemeen"
).split()
STOP = "de het een van en in op te voor met aan door bij als is dat die niet worden wordt zijn".split()


def vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    syllables = ["ge", "ver", "be", "ont", "lan", "dijk", "stad", "wer", "king", "heid", "ing", "en", "st",
                 "raad", "huis", "weg", "recht", "tijd", "plan", "zorg", "jeugd", "wijk", "geld", "bouw"]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choices(syllables, k=rng.randint(2, 4))))
    return sorted(words)


def zipf_cumulative(n: int) -> list[float]:
    """Cumulative Zipf weights, computed once (random.choices would redo the sum on every call)."""
    total, cumulative = 0.0, []
    for rank in range(n):
        total += 1.0 / (rank + 1)
        cumulative.append(total)
    return cumulative


SEED = 7


def generate(catalog: Catalog, count: int, seed: int = SEED) -> None:
    rng = random.Random(seed)
    vocab = vocabulary(rng)  # drawn first, so vocabulary(random.Random(seed)) gives it back
    vocab_weights = zipf_cumulative(len(vocab))
    places = [m for m in municipalities() if not m.valid_to or m.valid_to >= "2005"][:350]
    place_weights = zipf_cumulative(len(places))
    orgs_by_member = {}
    for org in organisations():
        for code in org.members:
            orgs_by_member.setdefault(code, []).append(org)
    types = list(DOC_TYPES)
    started = time.perf_counter()
    for n in range(count):
        words = []
        while sum(len(w) + 1 for w in words) < 3000:
            pick = rng.random()
            if pick < 0.35:
                words.append(rng.choice(STOP))
            elif pick < 0.6:
                words.append(rng.choice(DOMAIN))
            else:
                words.extend(rng.choices(vocab, cum_weights=vocab_weights, k=1))
        chosen = list({m.code: m for m in rng.choices(places, cum_weights=place_weights, k=rng.randint(1, 3))}.values())
        words[5:5] = [f"gemeente {m.name}" for m in chosen]
        orgs = {o.key: o for m in chosen for o in orgs_by_member.get(m.code, [])}
        doc_type = rng.choice(types)
        date = f"{rng.randint(2005, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = " ".join(words)
        title = f"{DOC_TYPES[doc_type].label} {chosen[0].name} {n}"
        sha = hashlib.sha256(f"bench-{seed}-{n}".encode()).hexdigest()
        catalog.add_document(
            sha256=sha, size=len(text), ext="txt",
            extraction={"format": "txt", "mime": "text/plain", "text": text, "pages": 1},
            failure=None,
            detected={
                "title": {"value": title}, "type": {"value": doc_type}, "date": {"value": date, "precision": "day"},
                "language": {"value": "nl"}, "issuer": chosen[0].code,
                "municipalities": [{"code": m.code, "name": m.name, "role": "issuer" if i == 0 else "participant"}
                                   for i, m in enumerate(chosen)],
                "organisations": [{"key": o.key, "name": o.name} for o in orgs.values()],
            },
            arrivals=[{"path": f"/bench/{n}.txt", "size": len(text), "mtime_ns": 0, "run_id": None}],
        )
        if n and n % 10_000 == 0:
            print(f"  generated {n} documents ({n / (time.perf_counter() - started):.0f}/s)", flush=True)


def peak_mb() -> float:
    usage = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return usage / 1024


def cpu_seconds() -> float:
    """CPU time of this process and of the worker processes it has waited for (a build's pool)."""
    return sum(usage.ru_utime + usage.ru_stime
               for usage in (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def queries(rng: random.Random, count: int, vocab: list[str] | None = None) -> list[str]:
    """Broad queries of the domain words most documents hold; with `vocab`, specific ones: a domain
    word plus a word of middling frequency, as a user narrowing down types."""
    pool = [w for w in DOMAIN if len(w) > 4]
    if vocab is None:
        return [" ".join(rng.sample(pool, rng.choice((1, 1, 2, 2, 3)))) for _ in range(count)]
    return [f"{rng.choice(pool)} {rng.choice(vocab[20:2000])}" for _ in range(count)]


def phrases(rng: random.Random, count: int) -> list[str]:
    """Phrases of two or three common domain words: long posting lists whose positions must be compared."""
    pool = [w for w in DOMAIN if len(w) > 3]
    return ['"' + " ".join(rng.sample(pool, rng.choice((2, 2, 3)))) + '"' for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--engine", default="whoosh",
                        help="Engines to measure on the same archive and queries, comma-separated (whoosh,tantivy).")
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/fusiearchief-search-bench"))
    parser.add_argument("--reuse", action="store_true", help="Keep the generated archive and index.")
    parser.add_argument("--profile", action="store_true", help="Profile scenario (c) and print the top functions.")
    parser.add_argument("--profile-build", action="store_true",
                        help="Profile the index build (this process only, not its workers) and print the top functions.")
    args = parser.parse_args()
    engines = [name.strip() for name in args.engine.split(",") if name.strip()]
    unknown = sorted(set(engines) - set(ENGINES))
    if unknown:
        sys.exit(f"Unknown engine {unknown[0]!r}; choose from {', '.join(ENGINES)}.")

    data = DataDir(args.data_dir)
    data.create()
    with Catalog(data.catalog_path) as catalog:
        have = catalog.count_documents()
        if not args.reuse or have == 0:
            if have:
                sys.exit(f"{args.data_dir} already holds {have} documents: use --reuse or another --data-dir.")
            print(f"Generating {args.docs} documents into {args.data_dir} …", flush=True)
            generate(catalog, args.docs)
        total = catalog.count_documents()

        rng = random.Random(11)
        vocab = vocabulary(random.Random(SEED))  # the generator's vocabulary
        # Fresh queries per scenario: repeating them would measure the per-query cache instead. The
        # same lists (and filters) go to every engine.
        broad = [queries(rng, args.queries) for _ in range(3)]
        specific = [queries(rng, args.queries, vocab) for _ in range(3)]
        phrase = phrases(rng, args.queries)
        common = [m for m, in catalog.db.execute(
            "SELECT json_extract(value, '$.code') FROM documents, json_each(municipalities_json) "
            "GROUP BY 1 ORDER BY count(*) DESC LIMIT 50")]
        filters = [(rng.choice(common), rng.randint(2005, 2021)) for _ in range(args.queries)]

        def with_filters(q: str, n: int) -> dict:
            code, year = filters[n % len(filters)]
            return {"q": [q], "municipality": [code], "from": [f"{year}-01-01"], "to": [f"{year + 4}-12-31"]}

        plan = []
        for kind, (first, second, third) in (("broad", broad), ("specific", specific)):
            plan.append((f"{kind} (a) top 10 + snippets", first, lambda q, n: {"q": [q]}, False))
            plan.append((f"{kind} (b) + facet counts", second, lambda q, n: {"q": [q]}, True))
            plan.append((f"{kind} (c) + municipality + date range", third, with_filters, True))
        plan.append(("phrases of common words + facets", phrase, lambda q, n: {"q": [q]}, True))

        figures: dict[str, dict[str, tuple]] = {}
        totals: dict[str, list[tuple]] = {}
        for engine in engines:
            print(f"\n== {engine} ==", flush=True)
            index = SearchIndex(data.root / f"index-{engine}", labels=facet_label, engine=engine)
            mine = figures[engine] = {}
            if not args.reuse or index.schema_status() != "ok":
                profiler = cProfile.Profile() if args.profile_build else None
                started, cpu = time.perf_counter(), cpu_seconds()
                if profiler:
                    profiler.enable()
                rebuild_index(catalog, index)
                if profiler:
                    profiler.disable()
                elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu
                mine["build"] = (total / elapsed,)
                # CPU time per document says what the build costs whatever else runs on the machine.
                print(f"Index build: {total} documents in {elapsed:.1f} s = {total / elapsed:.0f} docs/s; "
                      f"CPU {cpu / total * 1e6:.0f} us per document (all processes); "
                      f"index size {folder_size(index.dir) / 1e6:.0f} MB; "
                      f"peak memory {peak_mb():.0f} MB (largest process); load average {os.getloadavg()[0]:.1f}",
                      flush=True)
                if profiler:
                    pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
            index = SearchIndex(data.root / f"index-{engine}", labels=facet_label)  # opened afresh
            started = time.perf_counter()
            index.search(SearchRequest.from_params({"q": ["gemeente"]}), texts=catalog.texts)
            mine["first"] = ((time.perf_counter() - started) * 1000,)
            print(f"First search (opens the index): {mine['first'][0]:.0f} ms")
            seen = totals[engine] = []
            for name, texts, make_params, facets in plan:
                timings = []
                for n, q in enumerate(texts):
                    request = SearchRequest.from_params(make_params(q, n))
                    started = time.perf_counter()
                    result = index.search(request, texts=catalog.texts, facets=facets)
                    timings.append((time.perf_counter() - started) * 1000)
                    seen.append((result["total"], str(result["facets"]) if facets else ""))
                mine[name] = (statistics.median(timings), percentile(timings, 0.95),
                              statistics.mean(t for t, _ in seen[-len(texts):]))
                print(f"{name:<44} p50 {mine[name][0]:6.1f} ms  p95 {mine[name][1]:6.1f} ms  "
                      f"(mean hits {mine[name][2]:.0f})", flush=True)
            if args.profile:
                profiler = cProfile.Profile()
                profiler.enable()
                for n, q in enumerate(specific[2][:50]):
                    index.search(SearchRequest.from_params(with_filters(q, n)), texts=catalog.texts)
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)

        if len(engines) > 1:
            base, other = engines[0], engines[1]
            print(f"\nSide by side over {total} documents, {args.queries} queries per scenario "
                  f"(p95 in ms; ratio = {base} / {other}):")
            print(f"{'scenario':<44} {base:>10} {other:>10} {'ratio':>7}")
            for name, *_ in plan:
                one, two = figures[base][name][1], figures[other][name][1]
                print(f"{name:<44} {one:10.1f} {two:10.1f} {one / max(two, 1e-9):6.1f}x")
            for key, label, unit in (("build", "index build from stored text", "docs/s"),
                                     ("first", "first search after opening", "ms")):
                if key in figures[base] and key in figures[other]:
                    one, two = figures[base][key][0], figures[other][key][0]
                    print(f"{label + ' (' + unit + ')':<44} {one:10.0f} {two:10.0f} {one / max(two, 1e-9):6.2f}x")
            same_total = sum(a[0] == b[0] for a, b in zip(totals[base], totals[other], strict=True))
            same_facets = sum(a == b for a, b in zip(totals[base], totals[other], strict=True))
            print(f"Same totals for {same_total} of {len(totals[base])} searches; same totals and facet counts "
                  f"for {same_facets}.")


if __name__ == "__main__":
    main()

"""Search benchmark: prints figures, asserts nothing.

Generates N synthetic documents (about 3 KB of Dutch-like text each, 1–3 of ~350 municipalities,
the taxonomy's types, dates 2005–2025) straight into an archive's catalog, rebuilds the index from
the stored text, then times queries:
  (a) top 10 with snippets, (b) plus all facet counts, (c) plus a municipality filter and a date range.
Targets at 100k documents on 2 cores: index build >= 1,000 docs/s; p95 of (c) <= 50 ms.

    python benchmarks/search_bench.py --docs 100000 --data-dir /tmp/search-bench
    python benchmarks/search_bench.py --data-dir /tmp/search-bench --reuse --profile
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
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
from indexer.search import SearchRequest  # noqa: E402
from indexer.sync import open_index, rebuild_index  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/fusiearchief-search-bench"))
    parser.add_argument("--reuse", action="store_true", help="Keep the generated archive and index.")
    parser.add_argument("--profile", action="store_true", help="Profile scenario (c) and print the top functions.")
    args = parser.parse_args()

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
        index = open_index(data)
        if not args.reuse or index.schema_status() != "ok":
            started = time.perf_counter()
            rebuild_index(catalog, index)
            elapsed = time.perf_counter() - started
            print(f"Index build: {total} documents in {elapsed:.1f} s = {total / elapsed:.0f} docs/s; "
                  f"index size {folder_size(data.index_dir) / 1e6:.0f} MB; "
                  f"peak memory {peak_mb():.0f} MB (largest process)", flush=True)

        rng = random.Random(11)
        vocab = vocabulary(random.Random(SEED))  # the generator's vocabulary
        # Fresh queries per scenario: repeating them would measure the per-query cache instead.
        broad = [queries(rng, args.queries) for _ in range(3)]
        specific = [queries(rng, args.queries, vocab) for _ in range(3)]
        common = [m for m, in catalog.db.execute(
            "SELECT json_extract(value, '$.code') FROM documents, json_each(municipalities_json) "
            "GROUP BY 1 ORDER BY count(*) DESC LIMIT 50")]
        started = time.perf_counter()
        index.search(SearchRequest.from_params({"q": ["gemeente"]}), texts=catalog.texts)
        print(f"First search (opens the index, reads the facet columns): {(time.perf_counter() - started) * 1000:.0f} ms")

        def scenario(name: str, texts: list[str], make_params, facets: bool) -> None:
            timings, totals = [], []
            for q in texts:
                request = SearchRequest.from_params(make_params(q))
                started = time.perf_counter()
                result = index.search(request, texts=catalog.texts, facets=facets)
                timings.append((time.perf_counter() - started) * 1000)
                totals.append(result["total"])
            print(f"{name:<44} p50 {statistics.median(timings):6.1f} ms  p95 {percentile(timings, 0.95):6.1f} ms  "
                  f"(mean hits {statistics.mean(totals):.0f})")

        def with_filters(q: str) -> dict:
            year = rng.randint(2005, 2021)
            return {"q": [q], "municipality": [rng.choice(common)], "from": [f"{year}-01-01"], "to": [f"{year + 4}-12-31"]}

        for kind, (first, second, third) in (("broad", broad), ("specific", specific)):
            print(f"{args.queries} {kind} queries per scenario over {total} documents, e.g. {first[0]!r}:")
            scenario("(a) top 10 + snippets", first, lambda q: {"q": [q]}, facets=False)
            scenario("(b) + facet counts", second, lambda q: {"q": [q]}, facets=True)
            scenario("(c) + municipality filter + date range", third, with_filters, facets=True)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for q in specific[2][:50]:
                index.search(SearchRequest.from_params(with_filters(q)), texts=catalog.texts)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)


if __name__ == "__main__":
    main()

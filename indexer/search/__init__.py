"""Search: Dutch analysis, schema, query parsing, facets and the on-disk index behind one API used by
the CLI and the web UI alike, served by one of several engines (indexer.search.engine)."""
from indexer.search.backend import IndexLocked, IndexUnavailable, SearchIndex
from indexer.search.budget import SearchTimeout
from indexer.search.engine import ENGINES, EngineMissing
from indexer.search.request import QueryError, SearchRequest
from indexer.search.schema import FACETS, SCHEMA_VERSION

__all__ = ["ENGINES", "EngineMissing", "FACETS", "IndexLocked", "IndexUnavailable", "QueryError", "SCHEMA_VERSION",
           "SearchIndex", "SearchRequest", "SearchTimeout"]

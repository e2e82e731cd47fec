"""Bulk ingest: walk, archive, extract and detect in parallel, resumable and incremental."""
from indexer.ingest.manifest import Manifest, ManifestError
from indexer.ingest.pipeline import Ingest, Summary

__all__ = ["Ingest", "Manifest", "ManifestError", "Summary"]

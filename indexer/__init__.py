"""Ingest pipeline (extract, detect), search index and export, built on the archive."""

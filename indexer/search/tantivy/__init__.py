"""The tantivy engine (optional: pip install 'fusiearchief[tantivy]'): everything that imports
tantivy lives in this package."""

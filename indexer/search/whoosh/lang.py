"""Whoosh's Dutch Snowball stemmer, stopword list and accent map, which the engine-neutral analysis
(indexer.search.analysis) is built on: whoosh is a core dependency whichever engine serves."""
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

__all__ = ["accent_map", "stemmer_for_language", "stopwords_for_language"]

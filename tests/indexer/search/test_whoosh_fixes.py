"""The one patch to Whoosh (indexer/search/whoosh/fixes.py): a per-document reader remembers that a
field has no length column, instead of asking the file system again for every posting written."""
from whoosh import index as windex
from whoosh.codec import whoosh3

from indexer.search import SearchIndex
from indexer.search.whoosh import fixes
from tests.indexer.search.test_backend import DOCS


def test_a_missing_length_column_is_looked_up_once(tmp_path):
    assert whoosh3.W3PerDocReader._cached_reader is fixes._cached_reader
    index = SearchIndex(tmp_path / "ix", engine="whoosh")
    index.update(DOCS)
    reader = windex.open_dir(str(index.generations.path())).reader()
    perdoc = reader._perdoc
    asked = []
    has_column = perdoc.has_column
    perdoc.has_column = lambda name: asked.append(name) or has_column(name)
    # "spell" keeps only whether a word occurs: no lengths, the case the patch is for.
    lengths = [perdoc.doc_field_length(n, "spell", default=-1) for n in range(len(DOCS)) for _ in range(3)]
    assert lengths == [-1] * (3 * len(DOCS))
    assert asked == ["_spell_len"]  # once, not once per call
    assert perdoc.doc_field_length(0, "content") > 0
    reader.close()

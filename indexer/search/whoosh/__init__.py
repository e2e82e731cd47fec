"""The Whoosh engine (the default): everything that imports whoosh lives in this package."""
from indexer.search.whoosh import fixes

fixes.apply()

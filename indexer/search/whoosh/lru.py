"""A least-recently-used cache bounded by the total size of what it holds (not by its number of
entries: one broad query's matches can weigh as much as a thousand narrow ones). Thread-safe; the
lock is held only while the cache changes."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, ItemsView
from typing import Generic, TypeVar

__all__ = ["SizedLRU"]

V = TypeVar("V")


class SizedLRU(Generic[V]):
    def __init__(self, budget: int, size_of: Callable[[V], int]):
        self.budget = budget
        self.size_of = size_of
        self.size = 0
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Hashable, value: V) -> None:
        """Keep value (unless it alone is over the budget), dropping the least recently used to fit."""
        size = self.size_of(value)
        if size > self.budget:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self.size += size
            while self.size > self.budget:
                _, evicted = self._items.popitem(last=False)
                self.size -= self.size_of(evicted)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def items(self) -> ItemsView[Hashable, V]:
        return self._items.items()

"""Values kept in this process: the latest ones used, by key, the least recently used dropped
first once there are more than ``size``. For what is the same for every request until a new
release or a new content version, and cheaper to keep than to make again."""

from collections import OrderedDict


class Held:
    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict = OrderedDict()

    def get(self, key, make):
        """The value kept under ``key``, or ``make()``'s, kept from now on."""
        if key in self._values:
            self._values.move_to_end(key)
            return self._values[key]
        value = self._values[key] = make()
        if len(self._values) > self.size:
            self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        self._values.clear()

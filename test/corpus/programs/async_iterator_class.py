"""Class-based async iterators (__aiter__/__anext__), StopAsyncIteration, and an awaitable object (__await__)."""
import asyncio


class Countdown:
    def __init__(self, start, delay):
        self.current = start
        self.delay = delay

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.current <= 0:
            raise StopAsyncIteration
        await asyncio.sleep(self.delay)
        self.current -= 1
        return self.current + 1


class Ticket:
    """An object that can be awaited directly."""

    def __init__(self, value):
        self.value = value

    def __await__(self):
        yield from asyncio.sleep(0.01).__await__()
        return f"ticket-{self.value}"


class Paginator:
    def __init__(self, pages):
        self.pages = pages

    def __aiter__(self):
        return self._gen()

    async def _gen(self):
        for number, items in enumerate(self.pages, 1):
            await asyncio.sleep(0.005)
            for item in items:
                yield number, item


async def main():
    async for n in Countdown(3, 0.01):
        print("countdown", n)
    print("list:", [n async for n in Countdown(4, 0)])
    print("await Ticket:", await Ticket(7))
    print("gather Tickets:", await asyncio.gather(Ticket(1), Ticket(2)))
    async for page, item in Paginator([["a", "b"], [], ["c"]]):
        print("page", page, "item", item)

    it = Countdown(1, 0).__aiter__()
    print("first:", await it.__anext__())
    try:
        await it.__anext__()
    except StopAsyncIteration:
        print("StopAsyncIteration raised")

    try:
        async for _ in [1, 2]:
            pass
    except TypeError:
        print("a list is not async-iterable")


asyncio.run(main())

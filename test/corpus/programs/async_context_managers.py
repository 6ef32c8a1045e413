"""contextlib.asynccontextmanager, class-based __aenter__/__aexit__, exception suppression and AsyncExitStack."""
import asyncio
import contextlib


@contextlib.asynccontextmanager
async def resource(name, log):
    log.append(f"open {name}")
    await asyncio.sleep(0.01)
    try:
        yield name.upper()
    except KeyError as e:
        log.append(f"{name} handled {e!r}")
    finally:
        await asyncio.sleep(0)
        log.append(f"close {name}")


class Connection:
    def __init__(self, log):
        self.log = log

    async def __aenter__(self):
        self.log.append("connect")
        await asyncio.sleep(0.01)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0)
        self.log.append(f"disconnect exc={exc_type.__name__ if exc_type else None}")
        return exc_type is LookupError


async def main():
    log = []
    async with resource("db", log) as r:
        log.append(f"using {r}")
    async with resource("cache", log):
        raise KeyError("k")  # suppressed by the context manager
    try:
        async with resource("files", log):
            raise ValueError("not handled")
    except ValueError as e:
        log.append(f"propagated {e}")
    for line in log:
        print(line)

    log.clear()
    async with Connection(log) as c:
        log.append(f"inside, same object: {isinstance(c, Connection)}")
    async with Connection(log):
        raise LookupError("swallowed")
    print(log)

    log.clear()
    async with contextlib.AsyncExitStack() as stack:
        for name in ["a", "b", "c"]:
            await stack.enter_async_context(resource(name, log))
        stack.push_async_callback(lambda: asyncio.sleep(0, log.append("callback")))
        log.append("body")
    print(log)

    async def gen():
        yield 1

    async with contextlib.aclosing(gen()) as g:
        print("aclosing:", [x async for x in g])


asyncio.run(main())

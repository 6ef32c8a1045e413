"""Async generators: async for, asend, athrow, aclose with finally, and early break cleanup."""
import asyncio


async def ticker(n, log):
    try:
        for i in range(n):
            await asyncio.sleep(0.01)
            yield i
    finally:
        log.append(f"ticker({n}) finalized")


async def echo(log):
    received = None
    try:
        while True:
            try:
                received = yield f"echo:{received}"
            except ValueError as e:
                log.append(f"echo handled {e}")
                received = "recovered"
    finally:
        log.append("echo closed")


async def main():
    log = []
    print([i async for i in ticker(3, log)])

    agen = ticker(10, log)
    async for i in agen:
        if i == 2:
            break
    print("after break, finalized yet?", any("ticker(10)" in x for x in log))
    await agen.aclose()
    print(log)

    log.clear()
    e = echo(log)
    print(await e.__anext__())
    print(await e.asend("hi"))
    print(await e.athrow(ValueError("bad input")))
    print(await e.asend("again"))
    await e.aclose()
    print(log)
    try:
        await e.__anext__()
    except StopAsyncIteration:
        print("exhausted after aclose")

    async def once():
        yield 1

    g = once()
    print(await anext(g), await anext(g, "default"))

    g = ticker(5, log)
    await g.__anext__()
    try:
        await g.athrow(RuntimeError("stop"))
    except RuntimeError as err:
        print("athrow propagated:", err, "| finalizer ran:", log[-1])


asyncio.run(main())

"""asyncio.wait with FIRST_EXCEPTION returns as soon as one task raises; the rest keep running."""
import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(f"{name} failed")
    return name


async def main():
    tasks = [
        asyncio.create_task(job("a", 0.01), name="a"),
        asyncio.create_task(job("b", 0.02, fail=True), name="b"),
        asyncio.create_task(job("c", 0.5), name="c"),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    for t in sorted(done, key=lambda t: t.get_name()):
        exc = t.exception()
        if exc is not None:
            print(t.get_name(), "raised", type(exc).__name__, exc)
        else:
            print(t.get_name(), "returned", t.result())
    print("pending:", sorted(t.get_name() for t in pending))
    for t in pending:
        t.cancel()
    await asyncio.wait(pending)
    print("c cancelled:", tasks[2].cancelled())

    # With no exception at all, FIRST_EXCEPTION behaves like ALL_COMPLETED.
    more = [asyncio.create_task(job(f"n{i}", 0.01 * (i + 1))) for i in range(3)]
    done, pending = await asyncio.wait(more, return_when=asyncio.FIRST_EXCEPTION)
    print("no failures:", len(done), "done,", len(pending), "pending")


asyncio.run(main())

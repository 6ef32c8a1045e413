"""gather returns results in argument order (not completion order), handles empty and nested gathers."""
import asyncio


async def work(name, delay, value):
    print(f"start {name}")
    await asyncio.sleep(delay)
    print(f"done {name}")
    return value


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    results = await asyncio.gather(
        work("a", 0.3, 1),
        work("b", 0.1, 2),
        work("c", 0.2, 3),
    )
    print("results", results)
    print(f"elapsed {loop.time() - t0:.1f}")

    empty = await asyncio.gather()
    print("empty", empty)

    nested = await asyncio.gather(
        asyncio.gather(work("x", 0.01, "x"), work("z", 0.02, "z")),
        work("y", 0, "y"),
    )
    print("nested", nested)

    # The same awaitable passed twice is only run once.
    coro_task = asyncio.ensure_future(work("dup", 0.01, "d"))
    twice = await asyncio.gather(coro_task, coro_task)
    print("twice", twice)


asyncio.run(main())

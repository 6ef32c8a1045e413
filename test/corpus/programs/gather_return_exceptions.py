"""gather(return_exceptions=True) collects errors and cancellations; without it the first error propagates."""
import asyncio


async def ok(n, delay):
    await asyncio.sleep(delay)
    return n * 10


async def bad(msg, delay):
    await asyncio.sleep(delay)
    raise ValueError(msg)


async def main():
    victim = asyncio.create_task(ok(99, 1))
    asyncio.get_running_loop().call_later(0.015, victim.cancel)
    res = await asyncio.gather(
        ok(1, 0.01),
        bad("first", 0.02),
        ok(3, 0.03),
        bad("second", 0.01),
        victim,
        asyncio.sleep(0.04, result="slept"),
        return_exceptions=True,
    )
    for r in res:
        if isinstance(r, BaseException):
            print("error", type(r).__name__, r)
        else:
            print("value", r)

    tasks = [asyncio.create_task(ok(i, 0.1 * (i + 1))) for i in range(3)]
    failing = asyncio.create_task(bad("boom", 0.15))
    try:
        await asyncio.gather(*tasks, failing)
    except ValueError as e:
        print("propagated", e)
        print("done flags:", [t.done() for t in tasks])
    print("later:", await asyncio.gather(*tasks))


asyncio.run(main())

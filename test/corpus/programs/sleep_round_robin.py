"""sleep(0) yields to every other ready task: tasks interleave round-robin in creation order; sleep(d, result)."""
import asyncio


async def spinner(name, n, log):
    for i in range(n):
        log.append(f"{name}{i}")
        await asyncio.sleep(0)
    return name


async def main():
    log = []
    tasks = [asyncio.create_task(spinner(name, n, log)) for name, n in [("a", 3), ("b", 2), ("c", 4)]]
    print("nothing ran before the first yield:", log)
    await asyncio.gather(*tasks)
    print(" ".join(log))

    # The creating task keeps running until it awaits.
    log.clear()
    t = asyncio.create_task(spinner("x", 2, log))
    log.append("creator continues")
    await asyncio.sleep(0)
    log.append("creator after one yield")
    await t
    print(log)

    print("sleep result:", await asyncio.sleep(0.01, result="payload"))
    print("sleep(0) result:", await asyncio.sleep(0, "zero"))

    # Negative delays behave like sleep(0).
    log.clear()
    t = asyncio.create_task(spinner("n", 1, log))
    await asyncio.sleep(-5)
    log.append("main after negative sleep")
    await t
    print(log)

    loop = asyncio.get_running_loop()
    t0 = loop.time()
    for _ in range(1000):
        await asyncio.sleep(0)
    print(f"1000 zero sleeps take no loop time: {loop.time() - t0 < 0.5}")


asyncio.run(main())

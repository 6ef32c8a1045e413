"""as_completed yields results in completion order; a timeout raises TimeoutError for the remainder."""
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name}:{delay}"


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    coros = [fetch("a", 0.4), fetch("b", 0.1), fetch("c", 0.3), fetch("d", 0.2)]
    for fut in asyncio.as_completed(coros):
        res = await fut
        print(f"{loop.time() - t0:.1f} got {res}")

    tasks = [asyncio.create_task(fetch(n, d)) for n, d in [("x", 0.01), ("y", 0.5), ("z", 0.02)]]
    got = []
    try:
        for fut in asyncio.as_completed(tasks, timeout=0.1):
            got.append(await fut)
    except TimeoutError:
        print("timeout after", got)
    print("y still pending:", not tasks[1].done())
    tasks[1].cancel()
    await asyncio.sleep(0)

    async def failing():
        await asyncio.sleep(0.01)
        raise KeyError("k")

    for fut in asyncio.as_completed([failing(), fetch("ok", 0.02)]):
        try:
            print("result", await fut)
        except KeyError as e:
            print("error", repr(e))


asyncio.run(main())

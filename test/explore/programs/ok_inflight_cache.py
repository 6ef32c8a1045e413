# Correct: the cache stores the load's task before awaiting it, so a second reader awaits the
# same load instead of starting another.
import asyncio

cache = {}
loads = 0


async def load(key):
    global loads
    loads += 1
    await asyncio.sleep(0)
    return key.upper()


async def get(key):
    if key not in cache:
        cache[key] = asyncio.ensure_future(load(key))
    return await cache[key]


async def reader(key, delay_steps):
    for _ in range(delay_steps):
        await asyncio.sleep(0)
    return await get(key)


async def main():
    values = await asyncio.gather(reader("a", 0), reader("a", 1), reader("b", 2), reader("a", 3))
    assert loads == 2, loads
    print(values)


asyncio.run(main())

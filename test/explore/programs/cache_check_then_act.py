# Check-then-act on a dict: a cache that loads a missing key, then stores it. A reader that
# checks while the first load is under way loads the key a second time.
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
        value = await load(key)
        cache[key] = value
    return cache[key]


async def late_reader():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    return await get("user")


async def main():
    values = await asyncio.gather(get("user"), late_reader())
    assert loads == 1, f"loaded {loads} times"
    print(values)


asyncio.run(main())

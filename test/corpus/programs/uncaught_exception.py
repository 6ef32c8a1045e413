"""An exception escaping main() through asyncio.run prints a traceback and exits with status 1."""
import asyncio


async def parse(value):
    await asyncio.sleep(0.01)
    if value < 0:
        raise RuntimeError(f"negative value: {value}")
    return value * 2


async def main():
    print("parsed", await parse(3))
    results = []
    for v in [1, 2, -5, 4]:
        results.append(await parse(v))
        print("so far", results)
    print("never printed")


asyncio.run(main())
print("not reached")

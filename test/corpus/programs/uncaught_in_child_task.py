"""An exception raised in a child task propagates through gather and asyncio.run: exit status 1."""
import asyncio


async def lookup(table, key):
    await asyncio.sleep(0.01)
    return table[key]


async def main():
    table = {"a": 1, "b": 2}
    print(await asyncio.gather(lookup(table, "a"), lookup(table, "b")))
    try:
        await lookup(table, "zzz")
    except KeyError:
        print("first miss handled")
    await asyncio.gather(lookup(table, "a"), lookup(table, "missing"))
    print("never printed")


try:
    asyncio.run(main())
finally:
    print("finally block after asyncio.run")

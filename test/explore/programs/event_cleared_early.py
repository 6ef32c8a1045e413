# An Event cleared too early: the setter clears it right after a yield, assuming every waiter
# has seen it by then. A waiter that checks after the clear waits forever.
import asyncio

ready = asyncio.Event()
seen = []


async def waiter(name):
    await asyncio.sleep(0)
    await ready.wait()
    seen.append(name)


async def setter():
    ready.set()
    await asyncio.sleep(0)
    ready.clear()


async def main():
    await asyncio.gather(waiter("a"), setter())
    print("seen by", seen)


asyncio.run(main())

# A wait that never ends: the worker polls for the `started` flag every second. The starter
# sets it only if the worker has registered first, and in the default order it has; else the
# flag is never set and the worker polls forever (a timeout in virtual time).
import asyncio

registered = []
started = False


async def worker():
    registered.append("worker")
    while not started:
        await asyncio.sleep(1)
    return "worked"


async def starter():
    global started
    await asyncio.sleep(0)
    if registered:
        started = True


async def main():
    print(await asyncio.gather(worker(), starter()))


asyncio.run(main())

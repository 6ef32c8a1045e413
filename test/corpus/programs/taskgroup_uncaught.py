"""An ExceptionGroup from a TaskGroup escapes asyncio.run: group traceback on stderr, exit status 1."""
import asyncio


async def fetch(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ConnectionError(f"{name} unreachable")
    print(f"{name} fetched")
    return name


async def watchdog():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("watchdog cancelled by the failing group")
        raise


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fetch("alpha", 0.01))
        tg.create_task(fetch("beta", 0.02, fail=True))
        tg.create_task(watchdog())
    print("never printed")


try:
    asyncio.run(main())
finally:
    print("propagating the group")

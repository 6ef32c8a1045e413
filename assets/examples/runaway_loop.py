"""Runaway loop: a task prints a few lines, then spins in `while True` and never yields; press Pause."""
import asyncio


async def heartbeat():
    for beat in range(3):
        print(f"heartbeat {beat}")
        await asyncio.sleep(0.1)


async def spin():
    await asyncio.sleep(0.5)
    print("spinning forever now")
    count = 0
    while True:
        count += 1


async def main():
    await asyncio.gather(heartbeat(), spin())


asyncio.run(main())

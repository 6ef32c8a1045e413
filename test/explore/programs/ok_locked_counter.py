# Correct: the read-await-write of a counter is inside a lock, so no order loses an update.
import asyncio

counter = 0
lock = asyncio.Lock()


async def increment(times):
    global counter
    for _ in range(times):
        async with lock:
            current = counter
            await asyncio.sleep(0)
            counter = current + 1


async def main():
    await asyncio.gather(increment(3), increment(3), increment(2))
    assert counter == 8, counter
    print("counter", counter)


asyncio.run(main())

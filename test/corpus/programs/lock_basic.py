"""asyncio.Lock: mutual exclusion, FIFO hand-off between waiters, locked(), and release errors."""
import asyncio


async def critical(name, lock, log, hold):
    log.append(f"{name} wants")
    async with lock:
        log.append(f"{name} enters")
        await asyncio.sleep(hold)
        log.append(f"{name} leaves")


async def main():
    lock = asyncio.Lock()
    log = []
    print("locked at start:", lock.locked())
    await asyncio.gather(*(critical(n, lock, log, 0.01) for n in ["a", "b", "c"]))
    for line in log:
        print(line)
    print("locked at end:", lock.locked())

    try:
        lock.release()
    except RuntimeError as e:
        print("release unlocked:", type(e).__name__, e)

    # Manual acquire/release, and a waiter cancelled while queued does not get the lock.
    await lock.acquire()
    waiter = asyncio.create_task(lock.acquire())
    second = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0.01)
    waiter.cancel()
    await asyncio.sleep(0)
    lock.release()
    await asyncio.sleep(0)
    print("waiter cancelled:", waiter.cancelled(), "second got lock:", second.result())
    lock.release()

    # A counter protected by the lock across yields stays consistent.
    counter = 0

    async def incr():
        nonlocal counter
        for _ in range(10):
            async with lock:
                value = counter
                await asyncio.sleep(0)
                counter = value + 1

    await asyncio.gather(*(incr() for _ in range(5)))
    print("counter:", counter)


asyncio.run(main())

# Double release: a watchdog frees a lock it thinks is stuck, but it is simply held; the
# holder then releases it again and asyncio raises "Lock is not acquired".
import asyncio

lock = asyncio.Lock()


async def worker():
    await lock.acquire()
    try:
        await asyncio.sleep(0)
    finally:
        lock.release()


async def watchdog():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    if lock.locked():
        lock.release()


async def main():
    await asyncio.gather(worker(), watchdog())
    print("released")


asyncio.run(main())

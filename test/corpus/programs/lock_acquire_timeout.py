"""Trying a lock with a timeout while another task holds it, then getting it once it is free."""
import asyncio


async def holder(lock, hold):
    async with lock:
        print("holder: got the lock")
        await asyncio.sleep(hold)
    print("holder: released")


async def try_lock(lock, timeout):
    try:
        await asyncio.wait_for(lock.acquire(), timeout=timeout)
    except asyncio.TimeoutError:
        print(f"waiter: gave up after {timeout} s, locked={lock.locked()}")
        return False
    try:
        print("waiter: got the lock")
        return True
    finally:
        lock.release()


async def main():
    lock = asyncio.Lock()
    task = asyncio.create_task(holder(lock, 0.3))
    await asyncio.sleep(0)
    print("first try:", await try_lock(lock, 0.1))
    print("waiters left behind:", len(lock._waiters or ()))
    print("second try:", await try_lock(lock, 0.5))
    await task
    print("locked at the end:", lock.locked())


asyncio.run(main())

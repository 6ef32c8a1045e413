"""BoundedSemaphore: works like Semaphore but releasing above the initial value raises ValueError."""
import asyncio


HOLD = {"u0": 0.08, "u1": 0.2, "u2": 0.04, "u3": 0.16, "u4": 0.04}  # no two releases coincide


async def user(name, sem, log):
    async with sem:
        log.append(f"{name} in")
        await asyncio.sleep(HOLD[name])
        log.append(f"{name} out")


async def main():
    sem = asyncio.BoundedSemaphore(2)
    log = []
    await asyncio.gather(*(user(f"u{i}", sem, log) for i in range(5)))
    print(log)

    try:
        sem.release()
    except ValueError as e:
        print("over-release:", type(e).__name__, e)

    await sem.acquire()
    sem.release()
    print("balanced release ok, locked:", sem.locked())

    # Over-release after a waiter was served is still detected.
    sem = asyncio.BoundedSemaphore(1)
    await sem.acquire()
    t = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    sem.release()
    await t
    sem.release()
    try:
        sem.release()
    except ValueError:
        print("second over-release detected")
    print("bounded is a Semaphore:", isinstance(sem, asyncio.Semaphore))


asyncio.run(main())

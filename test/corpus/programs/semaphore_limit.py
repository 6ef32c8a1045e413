"""asyncio.Semaphore limits concurrency; peak concurrency and the order of admission are reported."""
import asyncio


DURATIONS = [2, 5, 1, 3, 1, 4, 4, 4]  # units of 0.04 s, chosen so no two jobs end together


async def job(i, sem, state, log):
    async with sem:
        state["running"] += 1
        state["peak"] = max(state["peak"], state["running"])
        log.append(f"start {i} (running={state['running']})")
        await asyncio.sleep(DURATIONS[i] * 0.04)
        state["running"] -= 1
        log.append(f"end {i}")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    sem = asyncio.Semaphore(3)
    state = {"running": 0, "peak": 0}
    log = []
    await asyncio.gather(*(job(i, sem, state, log) for i in range(8)))
    for line in log:
        print(line)
    print("peak concurrency:", state["peak"])
    print(f"elapsed {loop.time() - t0:.1f}")

    sem = asyncio.Semaphore(1)
    print("locked:", sem.locked())
    await sem.acquire()
    print("locked after acquire:", sem.locked())
    sem.release()
    sem.release()  # plain Semaphore allows going above the initial value
    await sem.acquire()
    await sem.acquire()
    print("acquired twice after extra release; locked:", sem.locked())

    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("negative value:", type(e).__name__)

    sem0 = asyncio.Semaphore(0)
    waiter = asyncio.create_task(sem0.acquire())
    await asyncio.sleep(0.01)
    print("waiter blocked:", not waiter.done())
    sem0.release()
    print("waiter acquired:", await waiter)


asyncio.run(main())

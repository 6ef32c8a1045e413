"""Two tasks take two locks in opposite order and deadlock; a wait_for timeout on one side breaks the cycle."""
import asyncio


async def transfer(name, first, second, log, timeout=None):
    async with first:
        log.append(f"{name} holds first lock")
        await asyncio.sleep(0.01)
        try:
            await asyncio.wait_for(second.acquire(), timeout)
        except TimeoutError:
            log.append(f"{name} gave up waiting for second lock")
            return "backed off"
        try:
            log.append(f"{name} holds both locks")
            await asyncio.sleep(0.01)
            return "transferred"
        finally:
            second.release()


async def main():
    a, b = asyncio.Lock(), asyncio.Lock()
    log = []
    results = await asyncio.gather(
        transfer("t1", a, b, log),  # would wait forever...
        transfer("t2", b, a, log, timeout=0.05),  # ...but t2 backs off
    )
    for line in log:
        print(line)
    print("results:", results)
    print("locks free:", not a.locked(), not b.locked())

    # The same cycle without any timeout, detected from outside with asyncio.wait.
    log.clear()
    t1 = asyncio.create_task(transfer("p", a, b, log))
    t2 = asyncio.create_task(transfer("q", b, a, log))
    done, pending = await asyncio.wait([t1, t2], timeout=0.1)
    print("deadlocked tasks:", len(pending), "finished:", len(done))
    for t in pending:
        t.cancel()
    await asyncio.gather(t1, t2, return_exceptions=True)
    print("after cancelling both, locks free:", not a.locked(), not b.locked())


asyncio.run(main())

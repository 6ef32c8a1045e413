"""Task.cancelling() counts pending cancel requests; uncancel() decrements it so a task can carry on."""
import asyncio


async def resilient(log):
    me = asyncio.current_task()
    for attempt in range(3):
        try:
            await asyncio.sleep(0.05)
            log.append(f"attempt {attempt} completed")
            return attempt
        except asyncio.CancelledError:
            log.append(f"attempt {attempt} cancelled, cancelling={me.cancelling()}")
            left = me.uncancel()
            log.append(f"uncancel -> {left}")
    return None


async def main():
    log = []
    t = asyncio.create_task(resilient(log))
    await asyncio.sleep(0.01)
    t.cancel()
    await asyncio.sleep(0.01)
    t.cancel()
    t.cancel()  # second request while the first is still being delivered
    print("cancelling while pending:", t.cancelling())
    result = await t
    print("result:", result, "cancelled:", t.cancelled())
    for line in log:
        print(line)

    # asyncio.timeout relies on the count: an outer cancel during a timeout is not turned into TimeoutError.
    async def inner():
        async with asyncio.timeout(1):
            await asyncio.sleep(1)

    t = asyncio.create_task(inner())
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("outer cancel stays CancelledError")
    except TimeoutError:
        print("wrongly converted")


asyncio.run(main())

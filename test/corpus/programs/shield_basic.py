"""shield: the outer await is cancelled but the shielded inner task keeps running and its result is kept."""
import asyncio


async def important(log):
    log.append("important started")
    await asyncio.sleep(0.1)
    log.append("important finished")
    return 42


async def caller(inner):
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        print("caller cancelled; inner done?", inner.done())
        raise


async def main():
    log = []
    inner = asyncio.create_task(important(log))
    outer = asyncio.create_task(caller(inner))
    await asyncio.sleep(0.01)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled:", outer.cancelled())
    print("inner result:", await inner)
    print(log)

    # shield + wait_for: timeout reached, but the work continues in the background.
    work = asyncio.create_task(important(log))
    try:
        await asyncio.wait_for(asyncio.shield(work), timeout=0.01)
    except TimeoutError:
        print("wait_for timed out, work cancelled?", work.cancelled())
    print("background result:", await work)

    # Cancelling the inner task directly does propagate through the shield.
    inner2 = asyncio.create_task(important([]))
    shielded = asyncio.shield(inner2)
    await asyncio.sleep(0.01)
    inner2.cancel()
    try:
        await shielded
    except asyncio.CancelledError:
        print("shield propagated inner cancellation:", shielded.cancelled())

    # Shielding an already-finished future returns it as is.
    done = asyncio.get_running_loop().create_future()
    done.set_result("ready")
    print("shield(done) is same object:", asyncio.shield(done) is done)


asyncio.run(main())

"""The main coroutine is cancelled and does not catch it: asyncio.run raises CancelledError, exit status 1."""
import asyncio


async def helper(log):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log.append("helper cancelled")
        raise


async def main():
    log = []
    h = asyncio.create_task(helper(log))
    await asyncio.sleep(0.01)
    h.cancel()
    try:
        await h
    except asyncio.CancelledError:
        print("helper cancellation handled:", log)
    me = asyncio.current_task()
    asyncio.get_running_loop().call_later(0.01, me.cancel)
    print("main waiting to be cancelled")
    try:
        await asyncio.sleep(1)
    finally:
        print("main finally, cancelling() =", me.cancelling())


asyncio.run(main())

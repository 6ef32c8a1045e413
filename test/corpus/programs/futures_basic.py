"""Futures: set_result, set_exception, cancel, InvalidStateError, done callbacks and awaiting from tasks."""
import asyncio


async def main():
    loop = asyncio.get_running_loop()

    fut = loop.create_future()
    print("pending:", fut.done(), fut.cancelled())
    try:
        fut.result()
    except asyncio.InvalidStateError as e:
        print("result on pending:", type(e).__name__)
    loop.call_later(0.01, fut.set_result, "hello")
    print("awaited:", await fut)
    try:
        fut.set_result("again")
    except asyncio.InvalidStateError:
        print("set_result twice: InvalidStateError")

    fut = loop.create_future()
    fut.set_exception(ValueError("broken"))
    print("exception():", repr(fut.exception()))
    try:
        await fut
    except ValueError as e:
        print("await raised:", e)

    fut = loop.create_future()
    print("cancel:", fut.cancel(), "cancelled:", fut.cancelled(), "done:", fut.done())
    try:
        fut.exception()
    except asyncio.CancelledError:
        print("exception() on cancelled future raises CancelledError")

    # Many tasks waiting on one future.
    gate = loop.create_future()

    async def waiter(i):
        value = await gate
        return f"{i}:{value}"

    tasks = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    gate.set_result("open")
    print(await asyncio.gather(*tasks))

    # Cancelling a future that a task awaits cancels that task's await.
    blocker = loop.create_future()

    async def blocked():
        try:
            await blocker
        except asyncio.CancelledError:
            return "blocked task saw CancelledError"

    t = asyncio.create_task(blocked())
    await asyncio.sleep(0)
    blocker.cancel()
    print(await t)

    # wrap_future-free conversions: ensure_future on a future returns it.
    f2 = loop.create_future()
    print("ensure_future identity:", asyncio.ensure_future(f2) is f2, "isfuture:", asyncio.isfuture(f2))
    f2.cancel()


asyncio.run(main())

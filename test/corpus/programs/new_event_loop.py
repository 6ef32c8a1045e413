"""loop = asyncio.new_event_loop(); run_until_complete(), run_forever() with stop(), and close()."""
import asyncio


async def compute(x):
    await asyncio.sleep(0.01)
    return x * 2


def main():
    loop = asyncio.new_event_loop()
    try:
        print("result:", loop.run_until_complete(compute(21)))
        print("running outside:", loop.is_running())

        task = loop.create_task(compute(5))
        print("task result:", loop.run_until_complete(task))

        fut = loop.create_future()
        loop.call_later(0.01, fut.set_result, "future done")
        print(loop.run_until_complete(fut))

        log = []

        def step(n):
            log.append(n)
            if n == 3:
                loop.stop()
            else:
                loop.call_later(0.01, step, n + 1)

        loop.call_soon(step, 1)
        loop.run_forever()
        print("run_forever stopped after:", log)

        try:
            loop.run_until_complete(asyncio.sleep(0, "x"))
            loop.run_until_complete(compute("ab"))
            loop.run_until_complete(compute(None))
        except TypeError as e:
            print("exception propagates out of run_until_complete:", type(e).__name__)

        loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        loop.close()
    print("closed:", loop.is_closed())

    coro = asyncio.sleep(0)
    try:
        loop.run_until_complete(coro)
    except RuntimeError as e:
        print("closed loop:", e)
    finally:
        coro.close()

    # A second independent loop.
    other = asyncio.new_event_loop()
    print("second loop:", other.run_until_complete(compute(1)))
    other.close()


main()

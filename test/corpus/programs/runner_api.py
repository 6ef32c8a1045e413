"""asyncio.Runner: several run() calls on one loop, shared state between runs, context, and close()."""
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="unset")


async def remember(store, key, value):
    await asyncio.sleep(0.01)
    store[key] = value
    return asyncio.get_running_loop()


async def read_var():
    return var.get()


async def set_var(v):
    var.set(v)


async def background(log, enough):
    try:
        while True:
            await asyncio.sleep(0.01)
            log.append("tick")
            if log.count("tick") == 3:
                enough.set()
    except asyncio.CancelledError:
        log.append("background cancelled at close")
        raise


def main():
    store = {}
    log = []
    with asyncio.Runner() as runner:
        loop1 = runner.run(remember(store, "a", 1))
        loop2 = runner.run(remember(store, "b", 2))
        print("same loop for both runs:", loop1 is loop2, "is runner loop:", loop1 is runner.get_loop())
        print("store:", store)

        runner.run(set_var("from-run-1"))
        print("var persists across runs (runner context):", runner.run(read_var()))

        loop = runner.get_loop()
        enough = asyncio.Event()
        loop.create_task(background(log, enough))
        runner.run(enough.wait())
        print("background task ticked during a later run:", log.count("tick") >= 3)

        ctx = contextvars.Context()
        print("explicit context:", runner.run(read_var(), context=ctx))
    print("after close:", log[-1])
    print("loop closed:", loop.is_closed())

    coro = read_var()
    try:
        runner.run(coro)
    except RuntimeError as e:
        print("run after close:", type(e).__name__)
    finally:
        coro.close()  # avoid a "never awaited" warning

    with asyncio.Runner(debug=False) as r2:
        print("debug flag:", r2.get_loop().get_debug())


main()

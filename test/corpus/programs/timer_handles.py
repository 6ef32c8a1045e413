"""TimerHandle/Handle: cancel(), cancelled(), when(); cancelled callbacks never run; sleep advances loop.time()."""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fired = []
    t0 = loop.time()
    handles = [loop.call_later(0.01 * (i + 1), fired.append, i) for i in range(5)]
    print("relative whens:", [round(h.when() - t0, 2) for h in handles])
    handles[1].cancel()
    handles[3].cancel()
    print("cancelled flags:", [h.cancelled() for h in handles])
    soon = loop.call_soon(fired.append, "soon")
    soon.cancel()
    print("soon handle cancelled:", soon.cancelled())
    await asyncio.sleep(0.15)
    print("fired:", fired)

    # loop.time() arithmetic: sleeps add up on the loop clock.
    start = loop.time()
    for d in (0.1, 0.2, 0.3):
        await asyncio.sleep(d)
    print(f"three sleeps took {loop.time() - start:.1f}")

    # A callback that cancels a later timer before it fires.
    later = loop.call_later(0.03, fired.append, "should not fire")
    loop.call_later(0.01, later.cancel)
    await asyncio.sleep(0.05)
    print("later cancelled by callback:", later.cancelled(), "fired tail:", fired[-1])

    # Exceptions in callbacks go to the exception handler; the loop keeps running.
    errors = []
    loop.set_exception_handler(lambda lp, ctx: errors.append(type(ctx["exception"]).__name__))
    loop.call_soon(lambda: 1 / 0)
    loop.call_later(0.01, lambda: [][1])
    await asyncio.sleep(0.1)
    print("handled callback errors:", errors)
    loop.set_exception_handler(None)


asyncio.run(main())

"""call_soon FIFO order, call_later and call_at relative to loop.time(), and callbacks scheduling callbacks."""
import asyncio


def main_sync():
    log = []

    async def main():
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        done = loop.create_future()

        def stamp(label):
            log.append(f"{loop.time() - t0:.1f} {label}")

        loop.call_later(0.3, stamp, "later 0.3")
        loop.call_at(t0 + 0.1, stamp, "at t0+0.1")
        loop.call_later(0.2, stamp, "later 0.2")
        for i in range(3):
            loop.call_soon(stamp, f"soon {i}")

        def chain(n):
            stamp(f"chain {n}")
            if n < 3:
                loop.call_soon(chain, n + 1)

        loop.call_soon(chain, 1)
        loop.call_later(0, stamp, "later 0")
        loop.call_later(-1, stamp, "later negative")
        loop.call_at(t0 + 0.5, done.set_result, None)
        log.append("scheduled everything")
        await done
        stamp("main resumed")
        when = loop.time() + 0.5
        h = loop.call_at(when, stamp, "never")
        print("handle when matches:", h.when() == when)
        h.cancel()

    asyncio.run(main())
    for line in log:
        print(line)


main_sync()

"""A Future resolved by a timer callback, one failed by another, and one cancelled while a task awaits it."""
import asyncio


async def wait_on(label, fut):
    try:
        print(label, "->", await fut)
    except asyncio.CancelledError:
        print(label, "-> cancelled")
    except ValueError as exc:
        print(label, "-> error", exc)


async def main():
    loop = asyncio.get_running_loop()
    ok, bad, dropped = loop.create_future(), loop.create_future(), loop.create_future()
    loop.call_later(0.1, ok.set_result, 42)
    loop.call_later(0.2, bad.set_exception, ValueError("no data"))
    loop.call_later(0.3, dropped.cancel)
    await asyncio.gather(wait_on("ok", ok), wait_on("bad", bad), wait_on("dropped", dropped))
    print(ok.done(), bad.done(), dropped.cancelled())
    try:
        ok.set_result(0)
    except asyncio.InvalidStateError:
        print("a done future refuses a second result")


asyncio.run(main())

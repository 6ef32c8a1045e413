"""A callback that raises: the loop's exception handler hears of it, and the loop goes on."""
import asyncio
import traceback


def divide(a, b):
    return a / b


def report(loop, context):
    exc = context["exception"]
    # (Python 3.14 shows a callback's arguments only in debug mode.)
    print("handler:", context["message"].split("(")[0])
    print("exception:", type(exc).__name__, exc)
    print("raised in:", traceback.extract_tb(exc.__traceback__)[-1].name)
    print("handle:", type(context["handle"]).__name__, repr(context["handle"]).split(" ")[0])
    loop.default_exception_handler(context)


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(report)
    loop.call_soon(divide, 1, 0)
    loop.call_later(0.5, divide, 2, 0)
    await asyncio.sleep(1)
    print("the loop went on")


asyncio.run(main())

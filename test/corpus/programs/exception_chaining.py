"""Exceptions crossing task boundaries keep their type, message, __cause__ and __context__."""
import asyncio


class AppError(Exception):
    pass


async def low_level():
    await asyncio.sleep(0.01)
    raise ConnectionError("socket closed")


async def mid_level():
    try:
        await low_level()
    except ConnectionError as e:
        raise AppError("request failed") from e


async def sloppy():
    try:
        await low_level()
    except ConnectionError:
        await asyncio.sleep(0)
        raise KeyError("while handling")


async def main():
    t = asyncio.create_task(mid_level())
    try:
        await t
    except AppError as e:
        print("caught:", type(e).__name__, e)
        print("cause:", type(e.__cause__).__name__, e.__cause__)
        print("suppress_context:", e.__suppress_context__)
    print("same object from task.exception():", t.exception() is not None)

    try:
        await sloppy()
    except KeyError as e:
        print("implicit context:", type(e.__context__).__name__, e.__context__)

    results = await asyncio.gather(mid_level(), sloppy(), return_exceptions=True)
    for r in results:
        chain = []
        exc = r
        while exc is not None:
            chain.append(type(exc).__name__)
            exc = exc.__cause__ or exc.__context__
        print(" <- ".join(chain))

    try:
        try:
            await asyncio.wait_for(asyncio.sleep(1), 0.01)
        except TimeoutError as e:
            print("TimeoutError context is CancelledError:", isinstance(e.__context__, asyncio.CancelledError))
            raise AppError("timed out") from None
    except AppError as e:
        print("from None hides context:", e.__suppress_context__, e.__cause__)


asyncio.run(main())

"""as_completed with a failing download: the error comes out of the await in completion order."""
import asyncio


async def download(url, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ConnectionError(f"{url} refused")
    return f"{url}: {len(url) * 100} bytes"


async def main():
    jobs = [download("a.example", 0.3), download("bb.example", 0.1, fail=True), download("ccc.example", 0.2)]
    ok, failed = 0, 0
    for index, fut in enumerate(asyncio.as_completed(jobs), 1):
        try:
            print(index, await fut)
            ok += 1
        except ConnectionError as exc:
            print(index, "error:", exc)
            failed += 1
    print(f"{ok} ok, {failed} failed")


asyncio.run(main())

"""A retry helper with exponential backoff around a flaky fake operation; attempts and waits are logged."""
import asyncio


class TransientError(Exception):
    pass


class FlakyService:
    def __init__(self, failures):
        self.failures = failures
        self.calls = 0

    async def call(self, payload):
        self.calls += 1
        await asyncio.sleep(0.005)
        if self.calls <= self.failures:
            raise TransientError(f"attempt {self.calls} failed")
        return f"ok({payload})"


async def retry(op, *args, attempts=4, base=0.01, factor=2, log=None):
    delay = base
    for attempt in range(1, attempts + 1):
        try:
            return await op(*args)
        except TransientError as e:
            if attempt == attempts:
                raise
            log.append(f"  {e}; sleeping {delay:.2f}")
            await asyncio.sleep(delay)
            delay *= factor


async def main():
    loop = asyncio.get_running_loop()
    for failures in (0, 2, 3, 5):
        svc = FlakyService(failures)
        log = []
        t0 = loop.time()
        try:
            result = await retry(svc.call, "job", log=log)
        except TransientError as e:
            result = f"gave up: {e}"
        print(f"failures={failures}: {result} after {svc.calls} calls")
        for line in log:
            print(line)
        slept = sum(float(line.rsplit(" ", 1)[1]) for line in log)
        print(f"  backoff total {slept:.2f}; elapsed covers it: {loop.time() - t0 >= slept - 1e-6}")

    # Retries bounded by an overall timeout.
    svc = FlakyService(100)
    try:
        async with asyncio.timeout(0.26):  # calls end near 0.005, 0.06, 0.165, 0.37
            await retry(svc.call, "x", attempts=100, base=0.05, log=[])
    except TimeoutError:
        print("overall timeout hit after", svc.calls, "calls")


asyncio.run(main())

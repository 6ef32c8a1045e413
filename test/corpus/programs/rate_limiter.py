"""A simulated token-bucket rate limiter: a burst of 3 requests, then one every 0.1 s of loop time."""
import asyncio


class TokenBucket:
    def __init__(self, rate, capacity):
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.loop = asyncio.get_running_loop()
        self.updated = self.loop.time()
        self.lock = asyncio.Lock()

    async def acquire(self):
        async with self.lock:
            while True:
                now = self.loop.time()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
                self.updated = now
                if self.tokens >= 1 - 1e-9:  # tolerate float error from the clock arithmetic
                    self.tokens = max(0.0, self.tokens - 1)
                    return
                await asyncio.sleep((1 - self.tokens) / self.rate)


async def request(i, bucket, t0, log):
    await bucket.acquire()
    log.append((i, bucket.loop.time() - t0))


async def main():
    bucket = TokenBucket(rate=10, capacity=3)
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    log = []
    await asyncio.gather(*(request(i, bucket, t0, log) for i in range(7)))
    for i, at in log:
        print(f"request {i} admitted at {at:.1f}")
    order = [i for i, _ in log]
    print("FIFO order kept:", order == sorted(order))
    total = loop.time() - t0
    print(f"total {total:.1f}s; admitted in the first 0.05s:", sum(1 for _, at in log if at < 0.05))


asyncio.run(main())

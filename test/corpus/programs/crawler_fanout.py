"""Fan-out/fan-in crawler simulation over a fake link graph: bounded concurrency, dedup, per-fetch timeout."""
import asyncio

PAGES = {
    "/": (0.01, ["/a", "/b", "/c"]),
    "/a": (0.02, ["/a/1", "/a/2", "/"]),
    "/b": (0.03, ["/b/1", "/slow"]),
    "/c": (0.01, ["/a", "/c/1"]),
    "/a/1": (0.01, []),
    "/a/2": (0.02, ["/missing"]),
    "/b/1": (0.01, ["/b"]),
    "/c/1": (0.01, []),
    "/slow": (1.0, []),
}


async def fetch(url):
    if url not in PAGES:
        await asyncio.sleep(0.005)
        raise LookupError(f"404 {url}")
    delay, links = PAGES[url]
    await asyncio.sleep(delay)
    return links


async def crawl(start, concurrency=3, per_fetch_timeout=0.1):
    seen = {start}
    results = {}
    errors = {}
    sem = asyncio.Semaphore(concurrency)

    async def visit(url, tg):
        async with sem:
            try:
                links = await asyncio.wait_for(fetch(url), per_fetch_timeout)
            except (LookupError, TimeoutError) as e:
                errors[url] = type(e).__name__
                return
        results[url] = len(links)
        for link in links:
            if link not in seen:
                seen.add(link)
                tg.create_task(visit(link, tg))

    async with asyncio.TaskGroup() as tg:
        tg.create_task(visit(start, tg))
    return results, errors


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    results, errors = await crawl("/")
    for url in sorted(results):
        print(f"{url}: {results[url]} links")
    print("errors:", dict(sorted(errors.items())))
    print("pages visited:", len(results) + len(errors))
    print("did not wait for the slow page:", loop.time() - t0 < 0.5)


asyncio.run(main())

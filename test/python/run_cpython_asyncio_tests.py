#!/usr/bin/env python3
"""Run CPython's own asyncio tests (locks, queues, task groups, timeouts, wait_for) on DebugLoop.

Usage: python3 test/python/run_cpython_asyncio_tests.py [--list-skips] [--engine-time] [-v]
                                                         [module ...]

How every loop becomes a DebugLoop: the test modules get their loops from
`unittest.IsolatedAsyncioTestCase` (an `asyncio.Runner`, which calls `events.new_event_loop()`),
from `asyncio.new_event_loop()` directly, or from `asyncio.run`; all of these ask the event-loop
policy. The modules reset the policy in `tearDownModule` (`asyncio.set_event_loop_policy(None)`),
so `install_policy(DebugLoop)` is called again before each module and before every single test.
`test.test_asyncio.utils.TestLoop` (a BaseEventLoop with its own mock clock, driven by a
generator) is a test double, not a real loop: tests that use one are left as they are and their
TestLoops are counted apart. (None of these modules uses it on 3.11-3.13.)

How that is checked: every BaseEventLoop constructed while the tests run is recorded, with the
test that made it (BaseEventLoop.__init__ is wrapped), and so is every DebugLoop that actually
ran (DebugLoop.run_forever is wrapped). The run fails if any loop other than a DebugLoop or a
TestLoop was created, or if a test that passed ran no loop at all, or if the run itself crashed.

--engine-time also points the `time` module at the loop's virtual clock, as the engine does for
the programs it runs (clock.install_time_patches; one fresh clock per test).

The last line printed is the summary, e.g.

    SUMMARY: 196 tests run on 196 DebugLoops (197 created, 0 TestLoops): 196 passed, 0 failed,
    0 errors, 0 skipped (0 by skip-list, 0 by CPython)

Tests in SKIP_LIST below cannot pass on a virtual-time loop; each entry says why.
If `test.test_asyncio` is not importable, the script prints `SKIP: ...` and exits 0.
"""
import argparse
import faulthandler
import os
import sys
import traceback
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..", "..", "core", "engine", "python")))

MODULES = ["test_locks", "test_queues", "test_taskgroups", "test_timeouts", "test_waitfor"]

# Test id (module.Class.method, without "test.test_asyncio.") -> why it cannot pass on DebugLoop,
# e.g. "test_x.T.test_y": "asserts that 0.1 s of real time passed". Keep it small and honest: a
# failure that DebugLoop could avoid is a bug to fix in loop.py, not an entry here. It is empty:
# every test of these modules passes on CPython 3.11, 3.12 and 3.13.
SKIP_LIST = {}
SKIP_PREFIX = "loopscope skip-list: "

# A test that hangs (a loop spinning on a timer it never fires, say) must not hang the run:
# dump every thread's stack and exit non-zero instead.
PER_TEST_TIMEOUT = 60.0

OUTSIDE = "<outside any test>"


def python_version():
    return "%d.%d.%d" % sys.version_info[:3]


class LoopCensus:
    """Which loops each test created, and how many DebugLoops it ran."""

    def __init__(self):
        self.current = OUTSIDE
        self.created = {}  # test id -> [loop class, ...]
        self.ran = {}  # test id -> number of distinct DebugLoops that ran
        self.started = set()  # ids of the tests that began to run
        self.last = OUTSIDE  # the test that began last (its Runner closes after stopTest)

    def watch(self, base_event_loop, debug_loop):
        census = self
        original_init = base_event_loop.__init__
        original_run_forever = debug_loop.run_forever

        def recording_init(loop, *args, **kwargs):
            census.created.setdefault(census.current, []).append(type(loop))
            original_init(loop, *args, **kwargs)

        def recording_run_forever(loop):
            # Mark the loop itself: ids are reused once a test's loop is freed.
            if not getattr(loop, "_census_ran", False):
                loop._census_ran = True
                census.ran[census.current] = census.ran.get(census.current, 0) + 1
            return original_run_forever(loop)

        base_event_loop.__init__ = recording_init
        debug_loop.run_forever = recording_run_forever

    def count(self, cls):
        return sum(issubclass(c, cls) for classes in self.created.values() for c in classes)


class DebugLoopResult(unittest.TextTestResult):
    """Installs the DebugLoop policy before a module's fixtures and before every test, and
    tells the census which test is running."""

    install = None  # set by main()
    census = None

    def startTestRun(self):
        self.install()
        super().startTestRun()

    def startTest(self, test):
        self.census.current = test.id()
        self.census.started.add(test.id())
        self.census.last = test.id()
        self.install()
        faulthandler.dump_traceback_later(PER_TEST_TIMEOUT, exit=True)
        super().startTest(test)

    def stopTest(self, test):
        super().stopTest(test)
        faulthandler.cancel_dump_traceback_later()
        self.census.current = OUTSIDE


class Runner(unittest.TextTestRunner):
    """A TextTestRunner that keeps its result, for when the run itself raises."""

    def _makeResult(self):
        self.result = super()._makeResult()
        return self.result


class CrashedTest:
    """Stands for a test whose run raised out of unittest (for the result's error list)."""

    def __init__(self, test_id):
        self._id = test_id

    def id(self):
        return self._id


def short_id(test_id):
    return test_id.removeprefix("test.test_asyncio.")


def iter_tests(suite):
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            yield from iter_tests(t)
        else:
            yield t


def apply_skip_list(suite):
    """Replace each test in SKIP_LIST by a unittest skip carrying its reason."""
    found = set()
    for t in iter_tests(suite):
        reason = SKIP_LIST.get(short_id(t.id()))
        if reason is not None:
            found.add(short_id(t.id()))
            method = getattr(t, t._testMethodName)
            setattr(t, t._testMethodName, unittest.skip(SKIP_PREFIX + reason)(method))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list-skips", action="store_true",
                        help="print the skip-list with reasons and exit")
    parser.add_argument("--engine-time", action="store_true",
                        help="also make the time module read the virtual clock, as the engine does")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per test")
    parser.add_argument("modules", nargs="*", default=MODULES, metavar="module",
                        help="test modules to run (default: %s)" % " ".join(MODULES))
    args = parser.parse_args()

    if args.list_skips:
        print("%d test(s) on the loopscope skip-list:" % len(SKIP_LIST))
        for test_id, reason in sorted(SKIP_LIST.items()):
            print("  %s\n      %s" % (test_id, reason))
        return 0

    try:
        import test.test_asyncio
        from test.test_asyncio import utils as test_utils
    except ImportError:
        print("SKIP: test.test_asyncio is not installed for this python3 (%s)" % python_version())
        return 0

    from asyncio import base_events
    from loopscope_agent.clock import VirtualClock, install_time_patches
    from loopscope_agent.loop import DebugLoop, install_policy

    census = LoopCensus()
    census.watch(base_events.BaseEventLoop, DebugLoop)

    def install():
        if args.engine_time:
            clock = VirtualClock()
            install_time_patches(clock)
            install_policy(lambda: DebugLoop(clock=clock))
        else:
            install_policy(DebugLoop)

    DebugLoopResult.census = census
    DebugLoopResult.install = staticmethod(install)

    loader = unittest.TestLoader()
    per_module = {}
    problems = []
    skips_found = set()

    for name in args.modules:
        suite = loader.loadTestsFromName("test.test_asyncio." + name)
        skips_found |= apply_skip_list(suite)
        test_ids = [t.id() for t in iter_tests(suite)]  # the suite drops its tests as they run
        runner = Runner(stream=sys.stderr, verbosity=2 if args.verbose else 1,
                        resultclass=DebugLoopResult)
        try:
            result = runner.run(suite)
        except BaseException as exc:
            # Something escaped unittest (a Deadlock from a Runner's teardown, say): report it,
            # count the test it happened in as an error, and go on with the next module.
            if isinstance(exc, KeyboardInterrupt):
                raise
            traceback.print_exc()
            problems.append("%s: the run crashed in or after %s (traceback on stderr)"
                            % (name, short_id(census.last)))
            result = runner.result
            result.errors.append((CrashedTest(census.last), traceback.format_exc()))
            faulthandler.cancel_dump_traceback_later()
            census.current = OUTSIDE

        by_list = sum(1 for _, why in result.skipped if why.startswith(SKIP_PREFIX))
        c = {
            "run": result.testsRun,
            "failed": len(result.failures) + len(result.unexpectedSuccesses),
            "errors": len(result.errors),
            "skip_list": by_list,
            "skip_cpython": len(result.skipped) - by_list,
        }
        c["passed"] = c["run"] - c["failed"] - c["errors"] - len(result.skipped)
        per_module[name] = c

        # A test that passed must have run on a loop (a DebugLoop, or a TestLoop it drove itself).
        not_passed = {t.id() for t, _ in result.skipped + result.failures + result.errors}
        for tid in test_ids:
            if tid not in census.started:
                continue
            uses_test_loop = any(issubclass(cls, test_utils.TestLoop)
                                 for cls in census.created.get(tid, ()))
            if tid not in not_passed and not census.ran.get(tid) and not uses_test_loop:
                problems.append("%s passed without running a DebugLoop" % short_id(tid))

    for tid, classes in sorted(census.created.items()):
        for cls in classes:
            if not issubclass(cls, (DebugLoop, test_utils.TestLoop)):
                problems.append("%s created a %s.%s, not a DebugLoop"
                                % (short_id(tid), cls.__module__, cls.__qualname__))
    if args.modules == MODULES:
        for stale in sorted(set(SKIP_LIST) - skips_found):
            print("warning: skip-list entry not found in this Python's tests: " + stale,
                  file=sys.stderr)

    total = {k: sum(c[k] for c in per_module.values())
             for k in ("run", "passed", "failed", "errors", "skip_list", "skip_cpython")}
    n_ran = sum(census.ran.values())

    print()
    print("python3 %s, test.test_asyncio from %s%s"
          % (python_version(), os.path.dirname(test.test_asyncio.__file__),
             ", time module on the virtual clock" if args.engine_time else ""))
    row = "%-16s %5s %7s %7s %7s %10s %12s"
    print(row % ("module", "run", "passed", "failed", "errors", "skip-list", "skip-cpython"))
    for name, c in per_module.items():
        print(row % (name, c["run"], c["passed"], c["failed"], c["errors"], c["skip_list"],
                     c["skip_cpython"]))
    if SKIP_LIST:
        print("skip-list (--list-skips gives the reasons): " + ", ".join(sorted(SKIP_LIST)))
    for p in problems:
        print("CHECK FAILED: " + p)

    ok = total["failed"] == 0 and total["errors"] == 0 and not problems and n_ran > 0
    print("SUMMARY: %d tests run on %d DebugLoops (%d created, %d TestLoops): %d passed, "
          "%d failed, %d errors, %d skipped (%d by skip-list, %d by CPython)%s"
          % (total["run"], n_ran, census.count(DebugLoop), census.count(test_utils.TestLoop),
             total["passed"], total["failed"], total["errors"],
             total["skip_list"] + total["skip_cpython"], total["skip_list"],
             total["skip_cpython"], "" if ok else " -- FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Pause reaches a running program as SIGINT: the debugger keeps SIGINT's handler for itself."""
import signal


def keep_sigint(handler):
    """Install `handler` for SIGINT, which is how Pause reaches a running program, and keep it
    there. A program that sets its own SIGINT handler (a graceful shutdown on Ctrl+C) is told
    it did: signal.signal returns the previous one and signal.getsignal the program's. But Pause
    still pauses, instead of running the program's handler. Returns what undoes this."""
    real_signal, real_getsignal = signal.signal, signal.getsignal
    real_signal(signal.SIGINT, handler)
    program = [signal.default_int_handler]

    def set_handler(signalnum, program_handler):
        if signalnum != signal.SIGINT:
            return real_signal(signalnum, program_handler)
        if not callable(program_handler) and program_handler not in (signal.SIG_IGN, signal.SIG_DFL):
            raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
        previous, program[0] = program[0], program_handler
        return previous

    def get_handler(signalnum):
        return program[0] if signalnum == signal.SIGINT else real_getsignal(signalnum)

    set_handler.__name__, get_handler.__name__ = "signal", "getsignal"
    signal.signal, signal.getsignal = set_handler, get_handler

    def release():
        signal.signal, signal.getsignal = real_signal, real_getsignal
    return release

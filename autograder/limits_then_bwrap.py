"""Set a sandboxed process's resource limits, then become bubblewrap (``os.execv``): the limits hold
for everything bwrap starts, and nothing inside can raise them.

``autograder.sandbox.command`` builds the whole bwrap command line in the grader's process and starts
this file as ``python -I -S limits_then_bwrap.py --memory N --cpu N --fsize N --nofile N
[--info-file PATH] -- BWRAP ARGS...``. It imports only the standard library and is started without
``site``, once per kernel and per trusted-check worker: it takes under 0.01 CPU-s, where a launcher that
imported the grader's own modules took 0.05.
"""

import os
import resource
import sys

LIMITS = {
    "--memory": resource.RLIMIT_AS,
    "--cpu": resource.RLIMIT_CPU,
    "--fsize": resource.RLIMIT_FSIZE,
    "--nofile": resource.RLIMIT_NOFILE,
}


USAGE = "usage: limits_then_bwrap.py --memory N --cpu N --fsize N --nofile N [--info-file PATH] -- BWRAP ARGS..."


def main(argv: list[str]) -> None:
    if "--" not in argv:
        sys.exit(USAGE)
    split = argv.index("--")
    options, bwrap = argv[:split], argv[split + 1 :]
    if len(options) % 2 or not bwrap:
        sys.exit(f"limits_then_bwrap.py: options come in pairs and a command follows --, not {argv}")
    pairs = dict(zip(options[::2], options[1::2]))
    missing = set(LIMITS) - set(pairs)
    unknown = set(pairs) - set(LIMITS) - {"--info-file"}
    if missing or unknown:
        sys.exit(f"limits_then_bwrap.py: missing {sorted(missing)}, unknown {sorted(unknown)}")
    if "--info-file" in pairs:
        # bwrap writes the sandbox's host pid here; a new file only, never one planted in its place
        info = os.open(pairs["--info-file"], os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        os.set_inheritable(info, True)
        bwrap[1:1] = ["--info-fd", str(info)]
    for option, which in LIMITS.items():
        value = int(pairs[option])
        resource.setrlimit(which, (value, value))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.execv(bwrap[0], bwrap)


if __name__ == "__main__":
    main(sys.argv[1:])

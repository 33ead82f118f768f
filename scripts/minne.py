"""A process's peak memory, as the bench reports it."""

from __future__ import annotations

import resource


def topp_mb() -> float:
    """This process's peak resident memory in MB: the kernel's high-water mark of its own memory
    (``VmHWM``). ``ru_maxrss`` alone would not do for the bench's spawned children: Linux carries
    the parent's peak over into a forked child, so a child would report at least the bench's."""
    try:
        with open("/proc/self/status") as status:
            for rad in status:
                if rad.startswith("VmHWM:"):
                    return int(rad.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

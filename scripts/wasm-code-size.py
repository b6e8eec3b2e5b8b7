#!/usr/bin/env python3
"""Code bytes of a wasm module's functions whose names match a pattern (docs/performance.md, issue 14).

    scripts/wasm-code-size.py MODULE.wasm [REGEX]

Prints the number of functions, the code-section bytes, and, with REGEX, the bytes of the function
bodies whose (mangled) names in the wasm name section match it, then a breakdown by crate for the
cryptography crates the runtime links. Use the runtime's `dengji_runtime.wasm` (before compaction:
the compact wasm has no name section).
"""
import collections
import re
import sys

CRATES = ["sm2", "sm3", "primeorder", "elliptic_curve", "crypto_bigint", "ecdsa", "ed25519",
          "curve25519", "blake2", "sha2"]


def leb(b, i):
    """An unsigned LEB128 at b[i]: (value, next index)."""
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def sections(data):
    """(id, start, end) of every section."""
    i = 8
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        yield sid, i, i + size
        i += size


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    data = open(sys.argv[1], "rb").read()
    imported_funcs, bodies, names = 0, [], {}
    for sid, start, end in sections(data):
        if sid == 2:  # imports: function imports shift the function index space
            n, j = leb(data, start)
            for _ in range(n):
                for _ in range(2):
                    length, j = leb(data, j)
                    j += length
                kind = data[j]
                j += 1
                if kind == 0:
                    _, j = leb(data, j)
                    imported_funcs += 1
                elif kind == 1:
                    j += 1
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 2:
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:  # code
            n, j = leb(data, start)
            for _ in range(n):
                size, k = leb(data, j)
                bodies.append(k - j + size)
                j = k + size
        elif sid == 0:  # custom: the name section's function names
            length, j = leb(data, start)
            if data[j:j + length] != b"name":
                continue
            j += length
            while j < end:
                sub = data[j]
                size, j = leb(data, j + 1)
                if sub == 1:
                    n, k = leb(data, j)
                    for _ in range(n):
                        idx, k = leb(data, k)
                        length, k = leb(data, k)
                        names[idx] = data[k:k + length].decode("utf-8", "replace")
                        k += length
                j += size
    print(f"file {len(data)} B, {len(bodies)} functions, code {sum(bodies)} B, {len(names)} named")
    if len(sys.argv) < 3:
        return 0
    pattern = re.compile(sys.argv[2])
    named = [(names.get(k + imported_funcs, ""), size) for k, size in enumerate(bodies)]
    print(f"matching {sys.argv[2]!r}: {sum(s for n, s in named if pattern.search(n))} B")
    by_crate = collections.Counter()
    for n, size in named:
        for crate in CRATES:
            if crate in n:
                by_crate[crate] += size
    for crate, size in by_crate.most_common():
        print(f"  {crate:15} {size} B")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Deterministic benchmark dataset for bench/run.sh.

  dataset.py generate DIR GB   writes about GB GiB: compressible text (log and source-like lines), incompressible
                               random data, tens of thousands of small files (1-16 KiB) and a few large ones (100+ MB
                               at the default size). The same GB always gives the same bytes.
  dataset.py mutate DIR        changes every 10th file (sorted by path): a new block of bytes in the middle, and a
                               few lines appended to text files. Deterministic too.
"""
import os
import random
import sys

BLOCK = 1 << 20
WORDS = ("request response handler server client session token cache index chunk pack blob snapshot tree node "
         "backup restore prune check forget retry timeout connection socket stream buffer queue worker thread "
         "config value key user group host path file directory size mode time error warning info debug").split()
LEVELS = ("INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR")
CODE = ["    public {t} get{n}() {{", "        return this.{w};", "    }}", "", "    // {w} {v} {x} keeps the {y} small",
        "    private final {t} {w};", "        if ({w} == null) {{ throw new IllegalArgumentException(\"{w}\"); }}",
        "        for (int i = 0; i < {k}; i++) {{ {w}.add(i * {k}); }}", "import dev.coffer.{w}.{n};"]
TYPES = ("String", "long", "int", "List<String>", "Map<String, Long>", "Path", "Instant")


def text_line(rng, kind):
    if kind == "log":
        return "2026-%02d-%02dT%02d:%02d:%02d.%03dZ %-5s [worker-%d] %s %s id=%08x took=%dms bytes=%d" % (
            rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
            rng.randint(0, 999), rng.choice(LEVELS), rng.randint(1, 16), rng.choice(WORDS), rng.choice(WORDS),
            rng.getrandbits(32), rng.randint(0, 5000), rng.randint(0, 1 << 20))
    return rng.choice(CODE).format(t=rng.choice(TYPES), n=rng.choice(WORDS).capitalize(), w=rng.choice(WORDS),
                                   v=rng.choice(WORDS), x=rng.choice(WORDS), y=rng.choice(WORDS),
                                   k=rng.randint(1, 999))


def text_block(rng, size, kind):
    """About `size` bytes of text lines (logs, or Java-like source), drawn from a pool of distinct lines so that
    generating a gigabyte takes seconds, not minutes; the pool is large enough that the text does not dedupe away."""
    pool = [text_line(rng, kind) for _ in range(min(4096, size // 64 + 1))]
    average = sum(len(line) + 1 for line in pool) / len(pool)
    data = ("\n".join(rng.choices(pool, k=int(size / average) + 16)) + "\n").encode()
    while len(data) < size:
        data += data
    return data[:size]


def write_file(path, size, kind, seed):
    rng = random.Random(seed)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        left = size
        while left > 0:
            n = min(BLOCK, left)
            f.write(rng.randbytes(n) if kind == "bin" else text_block(rng, n, kind))
            left -= n


def plan(gb):
    """(relative path, size, kind) for every file: the dataset's whole layout, from the size alone."""
    total = int(gb * (1 << 30))
    rng = random.Random(20261127)
    files = []
    # A few large files: 30% of the data, half random, half logs (about 160 MB each at 1 GB).
    big = total * 15 // 100
    files.append(("large/disk-image.bin", big, "bin"))
    files.append(("large/application.log", big, "log"))
    # Tens of thousands of small files, 1-16 KiB: 25% of the data, mostly source-like text, some random.
    budget = total * 25 // 100
    i = 0
    while budget > 0:
        size = min(budget, rng.randint(1024, 16 * 1024))
        kind = "bin" if i % 4 == 3 else "src"
        ext = "dat" if kind == "bin" else "java"
        files.append(("small/d%03d/f%05d.%s" % (i // 500, i, ext), size, kind))
        budget -= size
        i += 1
    # Medium files, 64 KiB to 8 MiB: the rest, 60% text and 40% random.
    budget = total - sum(f[1] for f in files)
    i = 0
    while budget > 0:
        size = min(budget, rng.randint(64 * 1024, 8 << 20))
        kind = ("log", "src", "bin", "log", "bin")[i % 5]
        ext = {"log": "log", "src": "txt", "bin": "bin"}[kind]
        files.append(("medium/m%02d/file%04d.%s" % (i // 50, i, ext), size, kind))
        budget -= size
        i += 1
    return files


def generate(root, gb):
    files = plan(gb)
    for n, (rel, size, kind) in enumerate(files):
        write_file(os.path.join(root, rel), size, kind, seed=n)
    print("generated %d files, %d bytes in %s" % (len(files), sum(f[1] for f in files), root))


def mutate(root):
    paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs)
    changed = 0
    for n, path in enumerate(paths):
        if n % 10:
            continue
        rng = random.Random(1_000_000 + n)
        size = os.path.getsize(path)
        with open(path, "r+b") as f:
            block = min(size, 64 * 1024)
            f.seek(max(0, size // 2 - block // 2))
            f.write(rng.randbytes(block))
            if not path.endswith((".bin", ".dat")):
                f.seek(0, os.SEEK_END)
                f.write(text_block(rng, 512, "log"))
        changed += 1
    print("changed %d of %d files" % (changed, len(paths)))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "generate":
        generate(sys.argv[2], float(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == "mutate":
        mutate(sys.argv[2])
    else:
        sys.exit(__doc__)

#!/usr/bin/env bash
# Makes room for a build in the cargo target dir before scripts/test.sh and scripts/demo.sh start one.
#
# The target dir is a cache shared by developers, benchmarks and CI ($HOME/.cache/dengji-target): every
# change of a dependency or feature set leaves an older generation of artifacts behind, and CI once ran out
# of space half-way through the lints. When the file system holding the target dir has less free space than
# a cold test run needs (DENGJI_DISK_NEED_GB, default 30), this script deletes caches in order of their
# rebuild cost, and stops as soon as there is enough room:
#   1. incremental-compilation caches (all profiles);
#   2. older generations of the workspace's own artifacts in debug/deps (the newest per crate is kept);
#   3. the `release` and `production` profiles (benchmark and weight binaries: the bench scripts rebuild them);
#   4. the whole `debug` profile (the next build is cold: about 16 minutes here, but it passes).
# If that is still not enough it warns and goes on. It never touches anything outside the target dir. Usage: scripts/disk-room.sh [NEED_GB]
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-$HOME/.cache/dengji-target}"
need="${1:-${DENGJI_DISK_NEED_GB:-30}}"
mkdir -p "$target"

free_gb() { df -Pk "$target" | awk 'NR == 2 { print int($4 / 1048576) }'; }
say() { printf 'disk-room: %s (free %s GiB, need %s GiB) / 磁盘空间：%s\n' "$1" "$(free_gb)" "$need" "$2" >&2; }
enough() { [ "$(free_gb)" -ge "$need" ]; }

if enough; then
	say "enough room" "空间充足"
	exit 0
fi
say "not enough room: cleaning the cargo cache $target" "空间不足，清理构建缓存"

rm -rf "$target"/*/incremental "$target"/*/*/incremental
say "deleted incremental caches" "已删除增量编译缓存"
enough && exit 0

if [ -d "$target/debug/deps" ]; then
	python3 - "$target/debug/deps" <<'EOF'
import collections, os, re, sys, time
deps = sys.argv[1]
ours = ("dengji", "pallet_calendar", "pallet_institutions", "pallet_registration", "pallet_certificate",
        "pallet_governance", "national", "partition", "governance", "upgrade", "membership", "metadata_hash")
groups = collections.defaultdict(lambda: collections.defaultdict(list))
for name in os.listdir(deps):
    m = re.match(r"^(lib)?([a-z0-9_]+)-([0-9a-f]{16})(\..*)?$", name)
    if not m:
        continue
    path = os.path.join(deps, name)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        continue
    groups[m.group(2)][m.group(3)].append((st.st_mtime, path, st.st_size))
freed, now = 0, time.time()
for crate, hashes in groups.items():
    executable = any(os.access(p, os.X_OK) and "." not in os.path.basename(p)
                     for files in hashes.values() for _, p, _ in files)
    if not (crate.startswith(ours) or executable):
        continue
    newest_first = sorted(hashes.values(), key=lambda fs: max(t for t, _, _ in fs), reverse=True)
    for files in newest_first[1:]:
        if now - max(t for t, _, _ in files) > 3600:
            for _, path, size in files:
                try:
                    os.remove(path)
                    freed += size
                except OSError:
                    pass
print(f"disk-room: older generations of the workspace's artifacts: {freed / 2**30:.1f} GiB freed", file=sys.stderr)
EOF
fi
enough && exit 0

rm -rf "$target/release" "$target/production"
say "deleted the release and production profiles" "已删除 release 与 production 构建"
enough && exit 0

rm -rf "$target/debug"
say "deleted the debug profile: the next build is cold" "已删除 debug 构建，下次为全量构建"
if ! enough; then
	say "still short of room outside the cargo cache: going on, but the build may fail; free space on this disk" "构建缓存以外空间仍不足：继续执行，但构建可能失败，请清理磁盘"
fi

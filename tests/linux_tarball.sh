#!/usr/bin/env bash
# The Linux download tested as a user unpacks it (CI: .ci/run, after dist/build):
# the program in the tar.gz must build what `cargo test`'s program builds, byte
# for byte, from the packaged example and from a Vietnamese folder with spaces,
# and fail on a broken file with the same message and exit code. It must carry
# no path of the machine that built it.
#
#   tests/linux_tarball.sh [TAR_GZ] [LINUX_BANGTIN]
# Defaults: dist/out/bangtin-*-linux-x86_64.tar.gz and target/debug/bangtin.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
tarball=${1:-$(ls dist/out/bangtin-*-linux-x86_64.tar.gz | head -n1)}
linux=${2:-$repo/target/debug/bangtin}
[ -x "$linux" ] || { echo "tests/linux_tarball.sh: $linux missing (run cargo build)" >&2; exit 1; }
linux=$(realpath "$linux")
tarball=$(realpath "$tarball")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8
today=20/11/2022
failures=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1" >&2; failures=$((failures + 1)); }

same_tree() { # $1 label, $2 packaged program's output, $3 reference output
  if diff -r "$2" "$3" >"$work/diff.txt"; then
    pass "$1: $(find "$2" -type f | wc -l) files byte-identical to target/debug/bangtin's"
  else
    fail "$1: differs from target/debug/bangtin's"
    head -n 20 "$work/diff.txt" >&2
  fi
}

echo "tests/linux_tarball.sh: $(basename "$tarball") ($(stat -c %s "$tarball") bytes)"
# Unpacked as a user would, into a folder with a Vietnamese name and spaces.
home="$work/Cán bộ"
mkdir -p "$home/Tải về"
tar -xzf "$tarball" -C "$home/Tải về"
app=$(ls -d "$home/Tải về"/bangtin-*)
bangtin=$app/bangtin
[ -x "$bangtin" ] && [ -f "$app/huong-dan-su-dung.html" ] && [ -f "$app/LICENSE-MIT" ] \
  && [ -f "$app/LICENSE-APACHE" ] && [ -f "$app/THIRD-PARTY-LICENSES.txt" ] && [ -f "$app/content/site.yaml" ] \
  && pass "the tarball has bangtin (executable), content/, the guide and the licences" \
  || fail "the tarball lacks a file"
listing=$(tar -tvzf "$tarball")
if grep -qv ' 0/0 ' <<<"$listing"; then
  fail "an entry has an owner other than 0/0"
else
  pass "$(wc -l <<<"$listing") entries, owned by 0/0, under $(basename "$app")/"
fi

# Linked only against the C library every Linux has.
libs=$(ldd "$bangtin" | awk '$1 !~ /^(linux-vdso|\/lib64\/ld-linux)/ {print $1}' | sort | tr '\n' ' ')
others=$(tr ' ' '\n' <<<"$libs" | grep -v -E '^(libc|libm|libgcc_s)\.so|^$' || true)
[ -z "$others" ] && pass "linked against: $libs" \
  || fail "linked against more than libc/libm/libgcc_s: $libs"

# No path of the build machine: the checkout, cargo's registry, the std sources.
leaks=$(strings -n 8 "$bangtin" | grep -E -e "$repo" -e '/\.cargo/registry' -e '/usr/lib/rustlib/src' -e '/home/|/root/' | head -n 3 || true)
[ -z "$leaks" ] && pass "no build-machine path in the program" \
  || { fail "build-machine paths in the program:"; echo "$leaks" >&2; }

# 1. The example, as shipped, with --zip (run from the unpacked folder).
cp -r "$app/content" "$work/content"
(cd "$work" && "$linux" build --today "$today" --zip --output linux-public >/dev/null)
if (cd "$app" && "$bangtin" build --today "$today" --zip) >"$work/out.txt" 2>&1; then
  pass "example: bangtin build --zip exits 0"
else
  fail "example: bangtin build failed"; cat "$work/out.txt" >&2
fi
same_tree "example" "$app/public" "$work/linux-public"
cmp -s "$app/public.zip" "$work/linux-public.zip" \
  && pass "example: public.zip byte-identical ($(stat -c %s "$app/public.zip") bytes)" \
  || fail "example: public.zip differs"

# 2. A site in Vietnamese folders with spaces, built from elsewhere.
site="$home/Tài liệu/Trang xã"
mkdir -p "$home/Tài liệu"
cp -r "$app/content" "$site"
if (cd "$work" && "$bangtin" build --root "$site" --output "$home/Tài liệu/Trang xã (web)" --today "$today") \
    >"$work/out.txt" 2>&1; then
  pass "Vietnamese path with spaces: build exits 0"
else
  fail "Vietnamese path: build failed"; cat "$work/out.txt" >&2
fi
same_tree "Vietnamese path" "$home/Tài liệu/Trang xã (web)" "$work/linux-public"
grep -q 'Trang xã (web)/index.html' "$work/out.txt" \
  && pass "the output names the Vietnamese path intact" \
  || { fail "Vietnamese path garbled in the output"; cat "$work/out.txt" >&2; }

# 3. check, good and broken: the same message and exit code as the reference.
(cd "$app" && "$bangtin" check --today "$today") >"$work/out.txt" 2>&1 && grep -q "Nội dung hợp lệ." "$work/out.txt" \
  && pass "check on the example: exit 0, Nội dung hợp lệ." \
  || { fail "check on the example"; cat "$work/out.txt" >&2; }
for dir in "$app" "$work"; do
  sed -i '0,/date:.*/s//date: 31\/02\/2022/' "$dir/content/schedules/"*.yaml
done
before=$(cd "$app/public" && find . -type f -exec sha256sum {} + | sort | sha256sum)
for command in check build; do
  set +e
  (cd "$app" && "$bangtin" "$command" --today "$today") >"$work/app.out" 2>"$work/app.err"
  app_code=$?
  (cd "$work" && "$linux" "$command" --today "$today") >"$work/linux.out" 2>"$work/linux.err"
  linux_code=$?
  set -e
  if [ "$app_code" = "$linux_code" ] && [ "$app_code" != 0 ] && cmp -s "$work/app.err" "$work/linux.err"; then
    pass "broken file, $command: exit $app_code and the same Vietnamese message"
  else
    fail "broken file, $command: exit $app_code (reference $linux_code)"
    diff "$work/app.err" "$work/linux.err" >&2 || true
  fi
done
after=$(cd "$app/public" && find . -type f -exec sha256sum {} + | sort | sha256sum)
[ "$before" = "$after" ] && pass "the broken build left the previous site untouched" \
  || fail "the broken build changed the previous site"

if [ "$failures" -gt 0 ]; then
  echo "tests/linux_tarball.sh: $failures failure(s)" >&2
  exit 1
fi
echo "tests/linux_tarball.sh: all passed"

#!/usr/bin/env bash
# The Windows download tested under Wine (CI: .ci/run, after dist/build):
# bangtin.exe from the zip must build what the Linux build builds, byte for
# byte, in a Vietnamese folder with spaces, from CRLF files, and fail on a
# broken file with the same message and exit code; --zip, check, and the
# double-click start (no arguments) too.
#
#   tests/windows.sh [ZIP] [LINUX_BANGTIN]
# Defaults: dist/out/bangtin-*-windows-x86_64.zip and the Linux program
# dist/build built. Needs wine64 (Debian 12: Wine 8) and x86_64-w64-mingw32-gcc.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
zip=${1:-$(ls dist/out/bangtin-*-windows-x86_64.zip | head -n1)}
linux=${2:-$repo/target/dist/x86_64-unknown-linux-gnu/dist/bangtin}
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || { echo "tests/windows.sh: $wine missing (apt install wine64)" >&2; exit 1; }
[ -x "$linux" ] || { echo "tests/windows.sh: $linux missing (run dist/build)" >&2; exit 1; }
linux=$(realpath "$linux")

work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  WINEPREFIX=$work/prefix /usr/lib/wine/wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Wine reads arguments and file names in the locale's charset: UTF-8.
export LC_ALL=C.UTF-8 WINEPREFIX=$work/prefix WINEDEBUG=-all WINEARCH=win64
# No Mono/Gecko installers; no real browser opened by the double-click test.
export WINEDLLOVERRIDES="mscoree=d;mshtml=d;winebrowser.exe=d"
today=20/11/2022
failures=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1" >&2; failures=$((failures + 1)); }

echo "tests/windows.sh: $(basename "$zip") under $("$wine" --version)"
"$wine" wineboot --init >/dev/null 2>&1
drive=$WINEPREFIX/drive_c
/usr/bin/python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$drive"
app=$(ls -d "$drive"/bangtin-*)
exe=$app/bangtin.exe
x86_64-w64-mingw32-gcc -O2 -shared -s -o "$app/bcryptprimitives.dll" \
  tests/windows/bcryptprimitives.c -ladvapi32
[ -f "$app/huong-dan-su-dung.html" ] && [ -f "$app/LICENSE-MIT" ] && [ -f "$app/content/site.yaml" ] \
  && pass "the zip has bangtin.exe, content/, the guide and the licences" \
  || fail "the zip lacks a file"

win() { # run bangtin.exe in folder $1 with the rest as arguments
  local dir=$1
  shift
  (cd "$dir" && "$wine" "$exe" "$@")
}

same_tree() { # $1 label, $2 Windows output, $3 Linux output
  if diff -r "$2" "$3" >"$work/diff.txt"; then
    pass "$1: $(find "$2" -type f | wc -l) files byte-identical to Linux"
  else
    fail "$1: differs from Linux"
    head -n 20 "$work/diff.txt" >&2
  fi
}

# 1. The example, as shipped in the zip, with --zip.
cp -r "$app/content" "$work/content"
(cd "$work" && "$linux" build --today "$today" --zip --output linux-public >/dev/null)
if win "$app" build --today "$today" --zip >"$work/out.txt" 2>&1; then
  pass "example: bangtin.exe build --zip exits 0"
else
  fail "example: bangtin.exe build failed"; cat "$work/out.txt" >&2
fi
same_tree "example" "$app/public" "$work/linux-public"
cmp -s "$app/public.zip" "$work/linux-public.zip" \
  && pass "example: public.zip byte-identical ($(stat -c %s "$app/public.zip") bytes)" \
  || fail "example: public.zip differs"

# 2. C:\Users\Cán bộ\Tài liệu\Trang xã: the example as Notepad saves it
#    (CRLF line ends, one file with a BOM), in Vietnamese folders with spaces.
docs="$drive/users/Cán bộ/Tài liệu"
site="$docs/Trang xã"
mkdir -p "$docs"
cp -r content "$site"
find "$site" -type f \( -name '*.yaml' -o -name '*.md' -o -name '*.csv' \) -exec sed -i 's/$/\r/' {} +
printf '\xef\xbb\xbf' | cat - "$site/site.yaml" >"$work/bom" && cp "$work/bom" "$site/site.yaml"
grep -q $'\r$' "$site/site.yaml" || fail "CRLF fixture not made"
cp -r "$site" "$work/trang-xa"
(cd "$work" && "$linux" build --root trang-xa --output trang-xa-public --today "$today" >/dev/null)
if win "$app" build --root 'C:\Users\Cán bộ\Tài liệu\Trang xã' \
    --output 'C:\Users\Cán bộ\Tài liệu\Trang xã (web)' --today "$today" >"$work/out.txt" 2>&1; then
  pass "Vietnamese path with spaces, CRLF + BOM: build exits 0"
else
  fail "Vietnamese path: build failed"; cat "$work/out.txt" >&2
fi
same_tree "Vietnamese path, CRLF" "$docs/Trang xã (web)" "$work/trang-xa-public"
grep -q 'Trang xã (web)\\index.html' "$work/out.txt" \
  && pass "the console prints the Vietnamese path intact" \
  || { fail "Vietnamese path garbled in the output"; cat "$work/out.txt" >&2; }

# Long paths: the example in a folder of 290+ characters (Windows' old limit
# is 260; the exe's manifest opts out of it).
deep="$docs"
wdeep='C:\Users\Cán bộ\Tài liệu'
for i in 1 2 3 4 5 6; do
  deep="$deep/Kế hoạch triển khai Đề án 06 năm 2022, đợt $i"
  wdeep="$wdeep\\Kế hoạch triển khai Đề án 06 năm 2022, đợt $i"
done
mkdir -p "$deep"
cp -r content "$deep/content"
if win "$app" build --root "$wdeep\\content" --output "$wdeep\\public" --today "$today" >"$work/out.txt" 2>&1; then
  pass "long path (${#wdeep} characters): build exits 0"
else
  fail "long path (${#wdeep} characters): build failed"; head -c 2000 "$work/out.txt" >&2
fi
[ -d "$deep/public" ] && same_tree "long path" "$deep/public" "$work/linux-public"

# 3. check, good and broken; a broken build keeps the previous site.
win "$app" check --today "$today" >"$work/out.txt" 2>&1 && grep -q "Nội dung hợp lệ." "$work/out.txt" \
  && pass "check on the example: exit 0, Nội dung hợp lệ." \
  || { fail "check on the example"; cat "$work/out.txt" >&2; }
for dir in "$app" "$work"; do
  sed -i '0,/date:.*/s//date: 31\/02\/2022/' "$dir/content/schedules/"*.yaml 2>/dev/null || true
done
broken_file=$(grep -l "31/02/2022" "$app/content/schedules/"* | head -n1)
[ -n "$broken_file" ] || fail "could not break a schedule file"
before=$(cd "$app/public" && find . -type f -exec sha256sum {} + | sort | sha256sum)
for command in check build; do
  set +e
  win "$app" "$command" --today "$today" >"$work/win.out" 2>"$work/win.err"
  win_code=$?
  extra=()
  [ "$command" = build ] && extra=(--output linux-public)
  (cd "$work" && "$linux" "$command" --today "$today" "${extra[@]}" >"$work/linux.out" 2>"$work/linux.err")
  linux_code=$?
  set -e
  # The same text, but for Windows' path separator.
  tr '\\' '/' <"$work/win.err" >"$work/win.err.slash"
  if [ "$win_code" = "$linux_code" ] && [ "$win_code" != 0 ] && cmp -s "$work/win.err.slash" "$work/linux.err"; then
    pass "broken file, $command: exit $win_code and the same Vietnamese message as Linux"
  else
    fail "broken file, $command: exit $win_code (Linux $linux_code)"
    diff "$work/win.err.slash" "$work/linux.err" >&2 || true
  fi
done
grep -q "31/02/2022" "$work/win.err" && head -n 3 "$work/win.err" | sed 's/^/     | /'
after=$(cd "$app/public" && find . -type f -exec sha256sum {} + | sort | sha256sum)
[ "$before" = "$after" ] && pass "the broken build left the previous site untouched" \
  || fail "the broken build changed the previous site"

# 4. Double-click: bangtin.exe with no arguments, started in its folder as
#    Explorer does, the console kept open (a fifo this script holds) with an
#    Enter already typed. It must build and serve; the page is fetched.
double_click() { # $1 folder, $2 label; leaves the console in $work/start.txt
  local dir=$1 url=
  rm -f "$work/console"
  mkfifo "$work/console"
  cd "$dir"
  "$wine" "$dir/bangtin.exe" <"$work/console" >"$work/start.txt" 2>&1 &
  server=$!
  cd "$repo"
  exec 3>"$work/console"
  echo >&3
  for _ in $(seq 1 240); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/start.txt" | head -n1 || true)
    [ -n "$url" ] && break
    sleep 0.5
  done
  if [ -n "$url" ] && curl -fsS "$url" >"$work/index.html" && grep -q "<title>" "$work/index.html"; then
    pass "double-click, $2: built and served at $url ($(grep -o '<title>[^<]*' "$work/index.html" | cut -c8-))"
  else
    fail "double-click, $2: no preview"; cat "$work/start.txt" >&2
  fi
  [ -f "$dir/public/index.html" ] && [ -f "$dir/public.zip" ] \
    && pass "double-click, $2: public/ and public.zip written beside content/" \
    || fail "double-click, $2: public/ or public.zip missing"
  echo "     The console:"
  sed 's/^/     | /' "$work/start.txt"
  kill "$server" 2>/dev/null || true
  server=
  exec 3>&-
  /usr/lib/wine/wineserver -k 2>/dev/null || true
}

# The zip unzipped in Downloads: content/ beside the exe.
unzipped="$drive/users/Cán bộ/Downloads"
/usr/bin/python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$unzipped"
unzipped=$(ls -d "$unzipped"/bangtin-*)
cp "$app/bcryptprimitives.dll" "$unzipped/"
double_click "$unzipped" "the unzipped download"
grep -q "Thư mục nội dung: C:.*content" "$work/start.txt" || fail "the site beside the exe was not found"

# bangtin.exe alone in a folder: K declines (nothing made, the window waits
# for Enter); Enter creates the example, then as above.
fresh="$drive/users/Cán bộ/Desktop/bangtin"
mkdir -p "$fresh"
cp "$exe" "$app/bcryptprimitives.dll" "$fresh/"
(cd "$fresh" && echo k | "$wine" "$fresh/bangtin.exe" >"$work/declined.txt" 2>&1) && code=0 || code=$?
[ "$code" = 1 ] && [ ! -e "$fresh/content" ] && grep -q "Nhấn Enter để đóng cửa sổ này." "$work/declined.txt" \
  && pass "double-click, no site, answered K: nothing created, exit 1, window waits for Enter" \
  || { fail "double-click declined (exit $code)"; cat "$work/declined.txt" >&2; }
double_click "$fresh" "no site, Enter"
grep -q "Đã tạo trang mẫu" "$work/start.txt" || fail "the example was not created"

# Nothing written outside the site and output folders (and Wine's own %TEMP%).
stray=$(cd "$drive" && find . -newer "$exe" -type f \
  ! -path './bangtin-*' ! -path './users/Cán bộ/*' ! -path './users/*/Temp/*' \
  ! -path './users/*/AppData/*' ! -path './windows/*' | head -n 5)
[ -z "$stray" ] && pass "nothing written outside the site, output and temp folders" \
  || { fail "files written elsewhere:"; echo "$stray" >&2; }

if [ "$failures" -gt 0 ]; then
  echo "tests/windows.sh: $failures failure(s)" >&2
  exit 1
fi
echo "tests/windows.sh: all passed"

"""dist/build's packing steps, byte-for-byte reproducible: the same inputs give
the same archive (sorted entries, every time stamp SOURCE_DATE_EPOCH, fixed
permissions, no owner names, gzip without a name or time).

  pack.py guide DOCS/huong-dan-su-dung.md OUT.html
  pack.py licenses METADATA.json TARGET OUT.txt
  pack.py zip STAGING_DIR OUT.zip
  pack.py tar STAGING_DIR OUT.tar.gz
"""

import gzip
import html
import io
import json
import os
import sys
import tarfile
import time
import zipfile

EPOCH = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))


def files_under(root):
    """Every file under root, as sorted '/'-separated relative paths."""
    found = []
    for here, dirs, names in os.walk(root):
        for name in names:
            rel = os.path.relpath(os.path.join(here, name), root)
            found.append(rel.replace(os.sep, "/"))
    return sorted(found)


def executable(rel):
    return rel.endswith(".exe") or rel.rsplit("/", 1)[-1] == "bangtin"


def make_zip(staging, out):
    # Zip times are local and from 1980 on: UTC, clamped.
    stamp = time.gmtime(max(EPOCH, 315532800))[:6]
    top = os.path.basename(staging)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for rel in files_under(staging):
            info = zipfile.ZipInfo(f"{top}/{rel}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            mode = 0o755 if executable(rel) else 0o644
            info.external_attr = (0o100000 | mode) << 16
            info.create_system = 3  # Unix, so the modes above are read back
            # Non-ASCII names (Vietnamese) flagged as UTF-8 for Windows' unzip.
            with open(os.path.join(staging, rel), "rb") as f:
                z.writestr(info, f.read())


def make_tar(staging, out):
    top = os.path.basename(staging)
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w", format=tarfile.PAX_FORMAT) as t:
        dirs = set()
        for rel in files_under(staging):
            parts = rel.split("/")[:-1]
            for i in range(len(parts)):
                d = "/".join(parts[: i + 1])
                if d not in dirs:
                    dirs.add(d)
                    add_entry(t, f"{top}/{d}", None)
            with open(os.path.join(staging, rel), "rb") as f:
                add_entry(t, f"{top}/{rel}", f.read(), 0o755 if executable(rel) else 0o644)
    with open(out, "wb") as f:
        # mtime=0 and no file name in the gzip header.
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as g:
            g.write(data.getvalue())


def add_entry(t, name, content, mode=0o755):
    info = tarfile.TarInfo(name)
    info.mtime = EPOCH
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = mode
    if content is None:
        info.type = tarfile.DIRTYPE
        t.addfile(info)
    else:
        info.size = len(content)
        t.addfile(info, io.BytesIO(content))


GUIDE_PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, "Segoe UI", Arial, sans-serif; line-height: 1.55;
  max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 4rem; color: #1a1a1a; }}
h1, h2, h3, h4 {{ line-height: 1.25; }}
h2 {{ border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2.2rem; }}
code, pre {{ font-family: Consolas, "Courier New", monospace; background: #f3f3f3; }}
code {{ padding: 0 .2em; }}
pre {{ padding: .6rem .8rem; white-space: pre-wrap; }}
pre code {{ padding: 0; }}
table {{ border-collapse: collapse; margin: 1rem 0; }}
th, td {{ border: 1px solid #bbb; padding: .3rem .5rem; vertical-align: top; text-align: left; }}
th {{ background: #eee; }}
blockquote {{ border-left: 4px solid #bbb; margin-left: 0; padding-left: 1rem; color: #333; }}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def github_slug(text, taken):
    """The anchor GitHub gives a heading, which the guide's own links use
    (`#7-đăng-lên-cổng-thông-tin`): lower case, punctuation dropped, spaces
    to hyphens, repeats numbered."""
    import re

    slug = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
    base, n = slug, 0
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def make_guide(source, out):
    # Debian's python3-markdown-it (installed by dist/build): CommonMark like
    # GitHub, where the guide is read too, with GitHub's tables.
    from markdown_it import MarkdownIt

    with open(source, encoding="utf-8") as f:
        text = f.read()
    title = next((l[2:].strip() for l in text.splitlines() if l.startswith("# ")), "bangtin")
    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    tokens = md.parse(text)
    taken = set()
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            token.attrSet("id", github_slug(tokens[i + 1].content, taken))
    body = md.renderer.render(tokens, md.options, {})
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(GUIDE_PAGE.format(title=html.escape(title), body=body))


LICENSE_NAMES = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "UNLICENSE", "COPYRIGHT")


def make_licenses(metadata_path, target, out):
    """The licences of every crate compiled into bangtin for `target`
    (normal dependencies only, as `cargo metadata --filter-platform` resolved
    them), each with the licence files it ships."""
    with open(metadata_path, encoding="utf-8") as f:
        meta = json.load(f)
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    root = meta["resolve"]["root"]
    seen, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        for dep in nodes[pid]["deps"]:
            if any(k["kind"] is None for k in dep["dep_kinds"]):
                todo.append(dep["pkg"])
    seen.discard(root)
    chosen = sorted((packages[p] for p in seen), key=lambda p: (p["name"], p["version"]))
    parts = [
        f"bangtin for {target} contains code from these {len(chosen)} Rust crates, "
        "from the Rust standard library (MIT OR Apache-2.0), and, on Windows, from the "
        "mingw-w64 runtime (public domain / ZPL) and libgcc (GPL with the GCC Runtime "
        "Library Exception). Their licences follow.\n"
    ]
    for p in chosen:
        parts.append("=" * 78)
        parts.append(f"{p['name']} {p['version']}  --  {p.get('license') or 'see below'}")
        if p.get("repository"):
            parts.append(p["repository"])
        parts.append("=" * 78)
        folder = os.path.dirname(p["manifest_path"])
        names = sorted(n for n in os.listdir(folder) if n.upper().startswith(LICENSE_NAMES))
        for name in names:
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                with open(path, encoding="utf-8", errors="replace") as f:
                    parts.append(f"--- {name} ---\n{f.read().strip()}\n")
        if not names:
            parts.append(f"(no licence file in the package; licence: {p.get('license')})\n")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(parts))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"zip": make_zip, "tar": make_tar, "guide": make_guide, "licenses": make_licenses}[command](*args)

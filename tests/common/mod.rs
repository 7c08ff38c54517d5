//! Test harness: copy a fixture site to a temp folder, run the real `bangtin`
//! binary on it, and look at the output the way a reader would.

#![allow(dead_code)]

pub mod server;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

pub mod print;
pub mod snapshot;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub struct SiteTest {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
    pub out: PathBuf,
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

impl SiteTest {
    /// A copy of `tests/fixtures/<name>`, or of the repo's `content/` for "content".
    pub fn fixture(name: &str) -> SiteTest {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        let source = if name == "content" {
            repo_path("content")
        } else {
            repo_path(&format!("tests/fixtures/{name}"))
        };
        copy_dir(&source, &root);
        let out = tmp.path().join("public");
        SiteTest {
            _tmp: tmp,
            root,
            out,
        }
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    pub fn read_source(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join(rel)).unwrap()
    }

    pub fn remove(&self, rel: &str) -> &Self {
        fs::remove_file(self.root.join(rel)).unwrap();
        self
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_bangtin"))
            .args(args)
            .current_dir(self.root.parent().unwrap())
            .output()
            .expect("run bangtin");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// `bangtin init` into the folder `moi` beside this site, then that site
    /// built into `moi-public`: (the new site, its output), both checked to
    /// succeed.
    pub fn init_and_build(&self) -> (PathBuf, PathBuf) {
        let dir = self.root.parent().unwrap().join("moi");
        let run = self.run(&["init", path_str(&dir)]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let out = self.root.parent().unwrap().join("moi-public");
        let run = self.run(&[
            "build",
            "--root",
            path_str(&dir),
            "--output",
            path_str(&out),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        (dir, out)
    }

    /// `bangtin build` into `out`, with a fixed "today" so results don't depend on the clock.
    pub fn build_on(&self, today: &str) -> Run {
        self.build_with(&["--today", today])
    }

    /// `bangtin build` of this site into `out`, with more arguments (`--base-url`, `--zip`…).
    pub fn build_with(&self, extra: &[&str]) -> Run {
        let mut args = vec![
            "build",
            "--root",
            path_str(&self.root),
            "--output",
            path_str(&self.out),
        ];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    pub fn build(&self) -> Run {
        self.build_on("28/11/2022")
    }

    pub fn check(&self) -> Run {
        self.run(&["check", "--root", path_str(&self.root)])
    }

    /// `text` with this test's temporary folder written `[ROOT]`: printed
    /// paths are the same on every run and every machine.
    pub fn redact(&self, text: &str) -> String {
        text.replace(path_str(self.root.parent().unwrap()), "[ROOT]")
    }

    pub fn output_file(&self, rel: &str) -> PathBuf {
        self.out.join(rel)
    }

    pub fn page(&self, rel: &str) -> Page {
        let path = self.out.join(rel);
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Page {
            html: Html::parse_document(&text),
            text,
        }
    }

    /// Every file in the output, relative, sorted.
    pub fn output_files(&self) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(&self.out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&self.out)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }

    /// (path, bytes) of every output file: to prove a failed build changed nothing.
    pub fn snapshot_output(&self) -> Vec<(String, Vec<u8>)> {
        self.output_files()
            .into_iter()
            .map(|f| {
                let bytes = fs::read(self.out.join(&f)).unwrap();
                (f, bytes)
            })
            .collect()
    }
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

pub struct Page {
    pub html: Html,
    pub text: String,
}

impl Page {
    pub fn select_texts(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.html
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.html
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    pub fn count(&self, css: &str) -> usize {
        self.html.select(&Selector::parse(css).unwrap()).count()
    }

    /// Rows of the first table matching `css`, as trimmed cell texts.
    pub fn table_rows(&self, css: &str) -> Vec<Vec<String>> {
        let table_sel = Selector::parse(css).unwrap();
        let row_sel = Selector::parse("tbody tr").unwrap();
        let cell_sel = Selector::parse("td, th").unwrap();
        let Some(table) = self.html.select(&table_sel).next() else {
            return Vec::new();
        };
        table
            .select(&row_sel)
            .map(|row| {
                row.select(&cell_sel)
                    .map(|c| {
                        c.text()
                            .collect::<String>()
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect()
            })
            .collect()
    }
}

/// Every relative link, stylesheet and image in every HTML page must name a file
/// that exists in the output (links to folders fail on file://).
pub fn assert_links_resolve(out: &Path) {
    let sel = Selector::parse("a[href], link[href], img[src], script[src]").unwrap();
    let mut broken = Vec::new();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let html = Html::parse_document(&text);
        for el in html.select(&sel) {
            let target = el
                .value()
                .attr("href")
                .or_else(|| el.value().attr("src"))
                .unwrap();
            if target.starts_with('#') || target.contains(':') {
                continue;
            }
            assert!(
                !target.starts_with('/'),
                "absolute link {target} in {}",
                entry.path().display()
            );
            let path = target.split('#').next().unwrap();
            let resolved = entry.path().parent().unwrap().join(path);
            checked += 1;
            if !resolved.is_file() {
                broken.push(format!(
                    "{} -> {target}",
                    entry.path().strip_prefix(out).unwrap().display()
                ));
            }
        }
    }
    assert!(checked > 0, "no links checked");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// Headless Chromium as the tests run it here (root, no network): no sandbox,
/// no GPU, and none of the background connections a closed network refuses.
/// Callers add `--user-data-dir` (a fresh folder) and what to do.
pub fn headless_chromium(browser: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(browser);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]);
    command
}

/// `bangtin <args>` in `dir` with its address space limited to `memory_mib`
/// (`ulimit -v`) and killed after `seconds`: a bound on memory and time
/// that fails the test when crossed, without measuring either. A run that
/// was killed has code -1 and says so in its stderr.
#[cfg(unix)]
pub fn run_bounded(dir: &Path, args: &[&str], memory_mib: u64, seconds: u64) -> Run {
    use std::io::Read;
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {}; exec \"$0\" \"$@\"",
            memory_mib * 1024
        ))
        .arg(env!("CARGO_BIN_EXE_bangtin"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bangtin");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = stderr.join().unwrap();
    let code = match status {
        Some(status) => status.code().unwrap_or(-1),
        None => {
            stderr.push_str(&format!("\n[killed: still running after {seconds} s]"));
            -1
        }
    };
    Run {
        code,
        stdout: stdout.join().unwrap(),
        stderr,
    }
}

impl SiteTest {
    /// `bangtin build` (as [`build`](Self::build)) within memory and time bounds.
    #[cfg(unix)]
    pub fn build_bounded(&self, memory_mib: u64, seconds: u64) -> Run {
        run_bounded(
            self.root.parent().unwrap(),
            &[
                "build",
                "--root",
                path_str(&self.root),
                "--output",
                path_str(&self.out),
                "--today",
                "28/11/2022",
            ],
            memory_mib,
            seconds,
        )
    }

    /// `bangtin check` within memory and time bounds.
    #[cfg(unix)]
    pub fn check_bounded(&self, memory_mib: u64, seconds: u64) -> Run {
        run_bounded(
            self.root.parent().unwrap(),
            &["check", "--root", path_str(&self.root)],
            memory_mib,
            seconds,
        )
    }
}

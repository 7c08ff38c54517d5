//! `bangtin serve` run as a real process: start it on a free port, wait for
//! its output, ask it for pages over plain HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use scraper::Html;

use super::{path_str, Page, SiteTest};

/// Upper bound for anything the server is waited for (start, rebuild, exit).
/// Generous: CI machines are slow; nothing asserts how fast it is.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub struct Server {
    pub child: Child,
    pub port: u16,
    pub stdout: Arc<Mutex<Vec<String>>>,
    /// The server's temporary folder (TMPDIR), where it keeps its preview.
    pub tmp: PathBuf,
}

pub struct Response {
    pub status: u16,
    pub headers: String,
    pub body: String,
}

impl Response {
    pub fn page(&self) -> Page {
        Page {
            html: Html::parse_document(&self.body),
            text: self.body.clone(),
        }
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

impl Server {
    pub fn start(t: &SiteTest) -> Server {
        let tmp = t.root.parent().unwrap().join("tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_bangtin"))
            .args(["serve", "--root", path_str(&t.root), "--port", "0"])
            .env("TMPDIR", &tmp)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bangtin serve");
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let lines = stdout.clone();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        let mut server = Server {
            child,
            port: 0,
            stdout,
            tmp,
        };
        let url_line = server.wait_for_output("http://");
        let port = url_line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("no loopback URL in {url_line:?}"));
        server.port = port;
        server
    }

    pub fn output(&self) -> String {
        self.stdout.lock().unwrap().join("\n")
    }

    /// The first stdout line containing `needle`, waiting for it.
    pub fn wait_for_output(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(line) = self
                .stdout
                .lock()
                .unwrap()
                .iter()
                .find(|l| l.contains(needle))
            {
                return line.clone();
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                // Its last lines may still be on their way from the reader thread.
                std::thread::sleep(Duration::from_millis(300));
                if let Some(line) = self
                    .stdout
                    .lock()
                    .unwrap()
                    .iter()
                    .find(|l| l.contains(needle))
                {
                    return line.clone();
                }
                let mut err = String::new();
                if let Some(mut e) = self.child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                panic!("serve exited ({status}) before printing {needle:?}:\n{err}");
            }
            assert!(
                Instant::now() < deadline,
                "no {needle:?} in output:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn get(&self, path: &str) -> Response {
        self.get_from(path, "127.0.0.1")
    }

    /// A plain HTTP/1.0 GET (no chunked bodies, the server closes when done).
    pub fn get_from(&self, path: &str, host: &str) -> Response {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream.set_write_timeout(Some(PATIENCE)).unwrap();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("bad response to {path}: {head}"));
        Response {
            status,
            headers: head.to_string(),
            body: body.to_string(),
        }
    }

    pub fn version(&self) -> u64 {
        let r = self.get("/__bangtin/version");
        assert_eq!(r.status, 200);
        r.body.trim().parse().unwrap()
    }

    /// GET `path` until `ready` holds (the rebuild is asynchronous).
    pub fn wait_until(
        &self,
        path: &str,
        what: &str,
        ready: impl Fn(&Response) -> bool,
    ) -> Response {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let r = self.get(path);
            if ready(&r) {
                return r;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never showed {what}; last answer {}:\n{}\nserver output:\n{}",
                r.status,
                r.body,
                self.output()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn preview_folders(&self) -> Vec<String> {
        std::fs::read_dir(&self.tmp)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("bangtin-xem-truoc-"))
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn wait_with_timeout(child: &mut Child) -> ExitStatus {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("bangtin did not exit");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

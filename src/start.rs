//! The double-click start: Explorer runs `bangtin.exe` with no arguments, in
//! the folder of the exe. What it needs besides build and serve: where the
//! site and its output are, a free port, the console, the browser. The
//! command line (main.rs) drives it and prints; nothing here prints.

use std::path::{Path, PathBuf};

/// The site folder name the command line uses by default (`--root content`).
pub const SITE_FOLDER: &str = "content";
/// The port `bangtin serve` uses by default.
pub const PORT: u16 = 1111;

/// The site to start: a folder with a `site.yaml`, looked for in the current
/// folder, its `content`, then the exe's folder and its `content`. None when
/// there is none (the example is then offered in `<current>/content`).
pub fn find_site(current: &Path, exe_dir: Option<&Path>) -> Option<PathBuf> {
    let mut places = vec![current.to_path_buf(), current.join(SITE_FOLDER)];
    if let Some(exe_dir) = exe_dir {
        places.push(exe_dir.to_path_buf());
        places.push(exe_dir.join(SITE_FOLDER));
    }
    places.into_iter().find(|p| p.join("site.yaml").is_file())
}

/// Where the double-click writes the site to publish: beside the site folder,
/// `public` for `content` (as `bangtin build` with no options), else
/// `<name>-public` (as `bangtin init` suggests).
pub fn output_for(root: &Path) -> PathBuf {
    let name = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = root.parent().unwrap_or(Path::new("."));
    if name == SITE_FOLDER || name.is_empty() {
        parent.join("public")
    } else {
        parent.join(format!("{name}-public"))
    }
}

/// The usual port if it is free, else 0 (the system picks one): a second
/// window or another program on 1111 must not stop a double-click.
pub fn free_port() -> u16 {
    match std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, PORT)) {
        Ok(_) => PORT,
        Err(_) => 0,
    }
}

/// The officer's answer to "create the example here?": Enter alone means yes;
/// no input at all (a closed console) or K/N means no.
pub fn answer_is_yes(line: Option<&str>) -> bool {
    match line {
        None => false,
        Some(text) => {
            let word = text.trim().to_lowercase();
            word.is_empty() || ["c", "có", "co", "y", "yes"].contains(&word.as_str())
        }
    }
}

/// Reads one line from the console; None at its end (nobody to answer).
pub fn read_line() -> Option<String> {
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line),
    }
}

/// Makes the console show and read Vietnamese as UTF-8, and puts back the
/// code pages it had when dropped (a console shared with cmd.exe keeps its own).
pub struct Console {
    #[cfg(windows)]
    previous: (u32, u32),
}

impl Console {
    pub fn utf8() -> Console {
        #[cfg(windows)]
        {
            use windows_sys::Win32::System::Console::{
                GetConsoleCP, GetConsoleOutputCP, SetConsoleCP, SetConsoleOutputCP,
            };
            const UTF8: u32 = 65001;
            // SAFETY: plain calls on this process's console; without one they fail harmlessly.
            unsafe {
                let previous = (GetConsoleOutputCP(), GetConsoleCP());
                SetConsoleOutputCP(UTF8);
                SetConsoleCP(UTF8);
                Console { previous }
            }
        }
        #[cfg(not(windows))]
        Console {}
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        #[cfg(windows)]
        {
            use windows_sys::Win32::System::Console::{SetConsoleCP, SetConsoleOutputCP};
            let (output, input) = self.previous;
            // 0: there was no console to put back.
            if output != 0 {
                // SAFETY: as above.
                unsafe {
                    SetConsoleOutputCP(output);
                    SetConsoleCP(input);
                }
            }
        }
    }
}

/// Opens `url` in the default browser; false when that failed (the officer
/// is told to open it by hand). Only Windows has a double-click start.
pub fn open_browser(url: &str) -> bool {
    #[cfg(windows)]
    {
        use windows_sys::Win32::UI::Shell::ShellExecuteW;
        use windows_sys::Win32::UI::WindowsAndMessaging::SW_SHOWNORMAL;
        let wide = |s: &str| s.encode_utf16().chain([0]).collect::<Vec<u16>>();
        let (verb, target) = (wide("open"), wide(url));
        // SAFETY: both strings are NUL-terminated and outlive the call.
        let result = unsafe {
            ShellExecuteW(
                std::ptr::null_mut(),
                verb.as_ptr(),
                target.as_ptr(),
                std::ptr::null(),
                std::ptr::null(),
                SW_SHOWNORMAL,
            )
        };
        // Values above 32 mean success.
        result as usize > 32
    }
    #[cfg(not(windows))]
    {
        let _ = url;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_is_found_in_the_current_folder_first_then_beside_the_exe() {
        let tmp = tempfile::tempdir().unwrap();
        let (here, exe) = (tmp.path().join("here"), tmp.path().join("exe"));
        std::fs::create_dir_all(exe.join("content")).unwrap();
        std::fs::create_dir_all(&here).unwrap();
        assert_eq!(find_site(&here, Some(&exe)), None);
        std::fs::write(exe.join("content/site.yaml"), "").unwrap();
        assert_eq!(find_site(&here, Some(&exe)), Some(exe.join("content")));
        std::fs::write(here.join("site.yaml"), "").unwrap();
        assert_eq!(find_site(&here, Some(&exe)), Some(here.clone()));
    }

    #[test]
    fn the_output_sits_beside_the_site() {
        assert_eq!(output_for(Path::new("/a/content")), Path::new("/a/public"));
        assert_eq!(
            output_for(Path::new("/a/Trang xã")),
            Path::new("/a/Trang xã-public")
        );
    }

    #[test]
    fn only_enter_or_yes_creates_the_example() {
        assert!(answer_is_yes(Some("\r\n")));
        assert!(answer_is_yes(Some("Có\n")));
        assert!(!answer_is_yes(Some("k\n")));
        assert!(!answer_is_yes(None));
    }
}

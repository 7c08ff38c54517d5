//! The command line: parse arguments, call the library, print, set the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use bangtin::build::{self, BuildOptions};
use bangtin::diagnostics::{self, Diagnostic, Message};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

// See Cargo.toml: glibc malloc was a fifth of a province build.
#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// bangtin: tạo trang thông tin chiến dịch (lịch các thôn, điểm thu nhận, hướng dẫn) từ tệp YAML và Markdown.
#[derive(Parser)]
#[command(
    name = "bangtin",
    version,
    help_template = "{about}\n\nCách dùng: {usage}\n\n{all-args}",
    override_usage = "bangtin <lệnh> [tùy chọn]",
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "lệnh",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Tạo trang tĩnh từ thư mục nội dung.
    #[command(override_usage = "bangtin build [tùy chọn]")]
    Build {
        /// Thư mục nội dung (có site.yaml).
        #[arg(long, default_value = "content", value_name = "thư-mục")]
        root: PathBuf,
        /// Thư mục đầu ra.
        #[arg(long, default_value = "public", value_name = "thư-mục")]
        output: PathBuf,
        /// Địa chỉ gốc của trang khi đăng lên cổng thông tin (ghi đè base_url trong site.yaml).
        #[arg(long, value_parser = parse_base_url, value_name = "địa-chỉ")]
        base_url: Option<String>,
        /// Ngày tính "sắp tới" (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định là hôm nay.
        #[arg(long, value_parser = parse_today, value_name = "ngày")]
        today: Option<chrono::NaiveDate>,
        /// Đọc lời loa mỗi tuần thành tệp âm thanh doc-loa.mp3 (cần espeak-ng; thiếu thì chỉ cảnh báo). Tuần đã có bản ghi âm trong audio/ thì đăng bản ghi đó.
        #[arg(long)]
        audio: bool,
        /// Ghi thêm toàn bộ trang thành một tệp nén .zip cạnh thư mục đầu ra (ví dụ public.zip), để tải lên cổng thông tin.
        #[arg(long)]
        zip: bool,
        /// Với trang toàn quốc: chỉ dựng tỉnh này (tên thư mục không dấu, như trong tinh/<tên>/) và trang mục lục; gộp kết quả của mọi tỉnh được đúng trang dựng chung.
        #[arg(long, value_name = "tỉnh")]
        province: Option<String>,
    },
    /// Kiểm tra nội dung, liệt kê mọi lỗi, không ghi gì.
    #[command(override_usage = "bangtin check [tùy chọn]")]
    Check {
        /// Thư mục nội dung (có site.yaml).
        #[arg(long, default_value = "content", value_name = "thư-mục")]
        root: PathBuf,
        /// Kiểm tra như khi dựng trang vào ngày này (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định là hôm nay.
        #[arg(long, value_parser = parse_today, value_name = "ngày")]
        today: Option<chrono::NaiveDate>,
    },
    /// Xem trước: dựng trang, mở ở http://127.0.0.1, tự dựng lại và tải lại khi bạn sửa nội dung.
    #[command(override_usage = "bangtin serve [tùy chọn]")]
    Serve {
        /// Thư mục nội dung (có site.yaml).
        #[arg(long, default_value = "content", value_name = "thư-mục")]
        root: PathBuf,
        /// Cổng máy chủ xem trước (0: để máy tự chọn một cổng trống).
        #[arg(long, default_value_t = 1111, value_parser = parse_port, value_name = "cổng")]
        port: u16,
    },
    /// Tạo một trang mẫu mới, có chú thích, dựng được ngay.
    #[command(override_usage = "bangtin init <thư-mục>")]
    Init {
        /// Thư mục sẽ tạo.
        #[arg(value_name = "thư-mục")]
        dir: PathBuf,
    },
    /// Ghi giao diện mặc định (templates/, static/assets/) vào một thư mục trang để sửa.
    #[command(override_usage = "bangtin theme <thư-mục>")]
    Theme {
        /// Thư mục trang (hoặc thư mục mới) sẽ nhận các tệp giao diện.
        #[arg(value_name = "thư-mục")]
        dir: PathBuf,
    },
}

fn parse_today(s: &str) -> Result<chrono::NaiveDate, String> {
    bangtin::vi::calendar::parse_date(s).map_err(|e| format!("{}. {}", e.message, e.hint))
}

fn parse_port(s: &str) -> Result<u16, String> {
    s.trim()
        .parse()
        .map_err(|_| "cổng là một số từ 0 đến 65535, ví dụ --port 8080".to_string())
}

/// Absolute URLs are built from this, so only a full web address is accepted.
fn parse_base_url(s: &str) -> Result<String, String> {
    bangtin::load::parse_base_url(s).ok_or_else(|| {
        "phải là địa chỉ web đầy đủ, bắt đầu bằng https://, ví dụ --base-url https://camngoc.camthuy.thanhhoa.gov.vn/dinh-danh".to_string()
    })
}

/// Print to stdout; a closed pipe (`bangtin build | head -1`) is not an error
/// worth a panic, so write errors are ignored.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// Print to stderr, ignoring a closed pipe as [`say!`] does.
fn tell(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

fn print_diagnostics(items: &[Diagnostic]) {
    tell(&diagnostics::render_report(items));
}

/// The command line with Vietnamese help: clap's built-in `--help`/`--version`
/// texts and headings are English, so they are replaced on every command,
/// and each default value is said in the help text ("mặc định: …") rather
/// than by clap's "[default: …]".
fn localized(command: clap::Command) -> clap::Command {
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help("In hướng dẫn này");
    command
        .help_template("{about}\n\nCách dùng: {usage}\n\n{all-args}")
        .disable_help_flag(true)
        .arg(help)
        .mut_args(|a| {
            let heading = if a.is_positional() {
                "Đối số"
            } else {
                "Tùy chọn"
            };
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let a = a.help_heading(heading);
            if defaults.is_empty() {
                return a;
            }
            let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            let help = format!(
                "{} (mặc định: {})",
                help.trim_end_matches('.'),
                defaults.join(", ")
            );
            a.help(help).hide_default_value(true)
        })
        .mut_subcommands(localized)
}

/// The commands, for which help to point at.
const COMMANDS: &[&str] = &["build", "check", "serve", "init", "theme"];

/// clap's errors worded from the catalogue, in Vietnamese only (clap's own
/// text is English). Exit code 2, as for usage errors.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    // "--today <ngày>" → "--today": the flag as the officer typed it.
    let arg = || {
        let arg = context(ContextKind::InvalidArg);
        arg.split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let near = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => format!(" Có phải ý bạn là {s}?"),
        Some(ContextValue::Strings(v)) if !v.is_empty() => {
            format!(" Có phải ý bạn là {}?", v.join(" hoặc "))
        }
        _ => String::new(),
    };
    let command = std::env::args()
        .skip(1)
        .find(|a| COMMANDS.contains(&a.as_str()));
    let help = match &command {
        Some(c) => format!("bangtin {c} --help"),
        None => "bangtin --help".to_string(),
    };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => Message::ArgUnknown {
            arg: arg(),
            near: near(ContextKind::SuggestedArg),
            help,
        },
        ErrorKind::InvalidSubcommand => Message::CommandUnknown {
            command: context(ContextKind::InvalidSubcommand),
            near: near(ContextKind::SuggestedSubcommand),
        },
        ErrorKind::InvalidValue if context(ContextKind::InvalidValue).is_empty() => {
            Message::ArgValueMissing { arg: arg(), help }
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => Message::ArgValueInvalid {
            arg: arg(),
            value: context(ContextKind::InvalidValue),
            why: std::error::Error::source(e)
                .map(|s| format!(": {}", s.to_string().trim_end_matches('.')))
                .unwrap_or_default(),
            help,
        },
        ErrorKind::MissingRequiredArgument => Message::ArgMissing {
            arg: context(ContextKind::InvalidArg),
            help,
        },
        ErrorKind::ArgumentConflict => Message::ArgTwice { arg: arg(), help },
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            Message::CommandMissing
        }
        _ => Message::CommandLineWrong { help },
    };
    tell(&diagnostics::render_message(&message));
    ExitCode::from(2)
}

fn main() -> ExitCode {
    bangtin::crash::install_hook();
    // Vietnamese in the Windows console, whatever code page it was left in.
    let _console = bangtin::start::Console::utf8();
    // The crash report, tried the way an officer would meet it
    // (tests/bad_input/english.rs): no input makes bangtin panic.
    if std::env::var_os("BANGTIN_PANIC_FOR_TEST").is_some() {
        panic!("BANGTIN_PANIC_FOR_TEST");
    }
    // Explorer starts the exe with no arguments: the double-click start.
    if cfg!(windows) && std::env::args_os().len() == 1 {
        return double_click();
    }
    let command = localized(Cli::command()).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("In số phiên bản")
            .help_heading("Tùy chọn"),
    );
    let parsed = command
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e)
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            ) =>
        {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => return usage_error(&e),
    };
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            today,
            audio,
            zip,
            province,
        } => {
            let options = BuildOptions {
                root,
                output: output.clone(),
                base_url,
                today,
                audio,
                zip,
                province,
                output_readers: None,
            };
            match build::build(&options) {
                Ok(summary) => {
                    print_diagnostics(&summary.warnings);
                    say!(
                        "Đã tạo {} trang, {} tệp vào {} trong {} ms.",
                        summary.pages,
                        summary.files,
                        output.display(),
                        summary.elapsed.as_millis()
                    );
                    if let Some(zip) = &summary.zip {
                        say!(
                            "Đã nén toàn bộ trang vào {} để tải lên cổng thông tin.",
                            zip.display()
                        );
                    }
                    say!(
                        "Mở {} bằng trình duyệt để xem.",
                        output.join("index.html").display()
                    );
                    ExitCode::SUCCESS
                }
                Err(failure) => {
                    print_diagnostics(&failure.diagnostics);
                    tell("Chưa tạo trang: hãy sửa các lỗi trên rồi chạy lại. Trang cũ (nếu có) vẫn giữ nguyên.\n");
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { root, today } => {
            let diags = build::check(&root, today);
            print_diagnostics(&diags);
            if diags.iter().any(Diagnostic::is_error) {
                ExitCode::from(1)
            } else {
                say!("Nội dung hợp lệ.");
                ExitCode::SUCCESS
            }
        }
        Command::Serve { root, port } => serve(root, port, false),
        Command::Init { dir } => match bangtin::init::init(&dir) {
            Ok(n) => {
                say!("Đã tạo trang mẫu ({n} tệp) trong {}.", dir.display());
                say!(
                    "Dựng thử: bangtin build --root {} --output {}-public",
                    dir.display(),
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(d) => {
                print_diagnostics(&[d]);
                ExitCode::from(1)
            }
        },
        Command::Theme { dir } => match bangtin::init::theme(&dir) {
            Ok(n) => {
                let templates = dir.join("templates");
                say!("Đã ghi giao diện mặc định ({n} tệp) vào {}.", dir.display());
                say!(
                    "Sửa các tệp trong {}; tệp nào không sửa thì xóa đi để vẫn nhận bản mới của giao diện mặc định.",
                    templates.display()
                );
                ExitCode::SUCCESS
            }
            Err(d) => {
                print_diagnostics(&[d]);
                ExitCode::from(1)
            }
        },
    }
}

fn serve(root: PathBuf, port: u16, double_click: bool) -> ExitCode {
    use bangtin::serve::{self, ServeEvent, ServeOptions};
    let shown_root = root.display().to_string();
    let on_event = move |event: ServeEvent| {
        let now = chrono::Local::now().format("%H:%M:%S");
        let changed = |paths: &[PathBuf]| match paths {
            [] => String::new(),
            _ => {
                let names: Vec<String> = paths
                    .iter()
                    .take(3)
                    .map(|p| p.display().to_string())
                    .collect();
                let more = if paths.len() > 3 { ", …" } else { "" };
                format!(" (tệp thay đổi: {}{more})", names.join(", "))
            }
        };
        match event {
            ServeEvent::Listening { url } if double_click => {
                say!();
                say!("Đang xem trước trang tại: {url}");
                if !bangtin::start::open_browser(&url) {
                    say!("Hãy mở địa chỉ trên bằng trình duyệt (Chrome, Edge, Cốc Cốc…).");
                }
                say!("- Sửa các tệp trong thư mục {shown_root} bằng Notepad hoặc Excel rồi lưu: trang tự dựng lại, trình duyệt tự tải lại.");
                say!("- Khi xong, chạy lại bangtin.exe để có bản mới nhất của thư mục và tệp .zip để đăng lên cổng thông tin.");
                say!("- Đóng cửa sổ này (hoặc nhấn Ctrl+C) để dừng xem trước.");
            }
            ServeEvent::Listening { url } => {
                say!("Đang xem trước trang tại: {url}");
                say!("Mở địa chỉ trên bằng trình duyệt. Mỗi khi bạn lưu một tệp trong {shown_root}, trang được dựng lại và trình duyệt tự tải lại.");
                say!("Nhấn Ctrl+C để dừng.");
            }
            ServeEvent::Built {
                summary,
                changed: paths,
            } => {
                print_diagnostics(&summary.warnings);
                say!(
                    "[{now}] Đã dựng {} trang trong {} ms{}.",
                    summary.pages,
                    summary.elapsed.as_millis(),
                    changed(&paths)
                );
            }
            ServeEvent::Failed {
                problems,
                changed: paths,
            } => {
                print_diagnostics(&problems);
                say!(
                    "[{now}] Nội dung có lỗi{}: trình duyệt hiện trang báo lỗi, bản cũ vẫn xem được. Sửa lỗi rồi lưu tệp.",
                    changed(&paths)
                );
            }
            ServeEvent::Stopped => say!("Đã dừng xem trước."),
        }
    };
    match serve::serve(&ServeOptions { root, port }, std::sync::Arc::new(on_event)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tell(&format!("lỗi: {}\n  Cách sửa: {}\n", e.message, e.hint));
            if double_click {
                wait_before_closing();
            }
            ExitCode::from(2)
        }
    }
}

/// A window Explorer opened closes with the program: keep it open until the
/// officer has read what went wrong.
fn wait_before_closing() {
    say!("Nhấn Enter để đóng cửa sổ này.");
    let _ = bangtin::start::read_line();
}

/// `bangtin.exe` started with no arguments (a double-click): find the site,
/// or offer the example; build it with its .zip; preview it in the browser.
fn double_click() -> ExitCode {
    use bangtin::start;
    say!(
        "bangtin {}: tạo trang thông tin chiến dịch.",
        env!("CARGO_PKG_VERSION")
    );
    let current = std::env::current_dir().unwrap_or_default();
    let exe = std::env::current_exe().ok();
    let exe_dir = exe.as_deref().and_then(std::path::Path::parent);
    let root = match start::find_site(&current, exe_dir) {
        Some(root) => root,
        None => {
            let example = current.join(start::SITE_FOLDER);
            say!(
                "Không thấy thư mục nội dung (thư mục có tệp site.yaml) trong {}.",
                current.display()
            );
            say!(
                "Nhấn Enter để tạo trang mẫu trong {}, hoặc gõ K rồi Enter để thoát.",
                example.display()
            );
            if !start::answer_is_yes(start::read_line().as_deref()) {
                say!("Chưa tạo gì. Chép bangtin.exe vào thư mục có thư mục nội dung rồi bấm đúp lại.");
                wait_before_closing();
                return ExitCode::from(1);
            }
            match bangtin::init::init(&example) {
                Ok(n) => say!("Đã tạo trang mẫu ({n} tệp) trong {}.", example.display()),
                Err(d) => {
                    print_diagnostics(&[d]);
                    wait_before_closing();
                    return ExitCode::from(1);
                }
            }
            example
        }
    };
    let output = start::output_for(&root);
    say!("Thư mục nội dung: {}", root.display());
    let options = BuildOptions {
        root: root.clone(),
        output: output.clone(),
        zip: true,
        ..BuildOptions::default()
    };
    match build::build(&options) {
        Ok(summary) => {
            print_diagnostics(&summary.warnings);
            say!(
                "Đã tạo {} trang vào {} để đăng lên cổng thông tin{}.",
                summary.pages,
                output.display(),
                match &summary.zip {
                    Some(zip) => format!(" (bản nén: {})", zip.display()),
                    None => String::new(),
                }
            );
        }
        Err(failure) => {
            print_diagnostics(&failure.diagnostics);
            say!("Chưa tạo trang để đăng vì nội dung có lỗi (xem trên); bản cũ (nếu có) vẫn giữ nguyên. Sửa lỗi, lưu tệp rồi xem lại trong trình duyệt.");
        }
    }
    serve(root, start::free_port(), true)
}

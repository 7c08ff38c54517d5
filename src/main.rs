//! The command line: parse arguments, call the library, print, set the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use bangtin::build::{self, BuildOptions};
use bangtin::diagnostics::{self, Diagnostic};
use clap::{Parser, Subcommand};

/// bangtin: tạo trang thông tin chiến dịch (lịch các thôn, điểm thu nhận, hướng dẫn) từ tệp YAML và Markdown.
#[derive(Parser)]
#[command(name = "bangtin", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Tạo trang tĩnh từ thư mục nội dung.
    Build {
        /// Thư mục nội dung (có site.yaml).
        #[arg(long, default_value = "content")]
        root: PathBuf,
        /// Thư mục đầu ra.
        #[arg(long, default_value = "public")]
        output: PathBuf,
        /// Địa chỉ gốc của trang khi đăng lên cổng thông tin (ghi đè base_url trong site.yaml).
        #[arg(long, value_parser = parse_base_url)]
        base_url: Option<String>,
        /// Ngày tính "sắp tới" (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định là hôm nay.
        #[arg(long, value_parser = parse_today)]
        today: Option<chrono::NaiveDate>,
        /// Ghi thêm toàn bộ trang thành một tệp nén .zip cạnh thư mục đầu ra (ví dụ public.zip), để tải lên cổng thông tin.
        #[arg(long)]
        zip: bool,
    },
    /// Kiểm tra nội dung, liệt kê mọi lỗi, không ghi gì.
    Check {
        /// Thư mục nội dung (có site.yaml).
        #[arg(long, default_value = "content")]
        root: PathBuf,
    },
    /// Tạo một trang mẫu mới, có chú thích, dựng được ngay.
    Init {
        /// Thư mục sẽ tạo.
        dir: PathBuf,
    },
}

fn parse_today(s: &str) -> Result<chrono::NaiveDate, String> {
    bangtin::vi::calendar::parse_date(s).map_err(|e| format!("{} {}", e.message, e.hint))
}

/// Absolute URLs are built from this, so only a full web address is accepted.
fn parse_base_url(s: &str) -> Result<String, String> {
    bangtin::load::parse_base_url(s).ok_or_else(|| {
        "phải là địa chỉ web đầy đủ, bắt đầu bằng https://, ví dụ --base-url https://camngoc.camthuy.thanhhoa.gov.vn/dinh-danh".to_string()
    })
}

fn print_diagnostics(items: &[Diagnostic]) {
    eprint!("{}", diagnostics::render_report(items));
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            today,
            zip,
        } => {
            let options = BuildOptions {
                root,
                output: output.clone(),
                base_url,
                today,
                zip,
            };
            match build::build(&options) {
                Ok(summary) => {
                    print_diagnostics(&summary.warnings);
                    println!(
                        "Đã tạo {} trang, {} tệp vào {} trong {} ms.",
                        summary.pages,
                        summary.files,
                        output.display(),
                        summary.elapsed.as_millis()
                    );
                    if let Some(zip) = &summary.zip {
                        println!(
                            "Đã nén toàn bộ trang vào {} để tải lên cổng thông tin.",
                            zip.display()
                        );
                    }
                    println!(
                        "Mở {} bằng trình duyệt để xem.",
                        output.join("index.html").display()
                    );
                    ExitCode::SUCCESS
                }
                Err(failure) => {
                    print_diagnostics(&failure.diagnostics);
                    eprintln!("Chưa tạo trang: hãy sửa các lỗi trên rồi chạy lại. Trang cũ (nếu có) vẫn giữ nguyên.");
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { root } => {
            let diags = build::check(&root);
            print_diagnostics(&diags);
            if diags.iter().any(Diagnostic::is_error) {
                ExitCode::from(1)
            } else {
                println!("Nội dung hợp lệ.");
                ExitCode::SUCCESS
            }
        }
        Command::Init { dir } => match bangtin::init::init(&dir) {
            Ok(n) => {
                println!("Đã tạo trang mẫu ({n} tệp) trong {}.", dir.display());
                println!(
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
    }
}

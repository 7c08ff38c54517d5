//! Realistic synthetic content for benchmarks:
//!
//! ```sh
//! cargo run --release --example gen_site -- --communes C --hamlets H --days D --guides G [--per-week N] [--provinces P] OUT
//! ```
//!
//! `--per-week N` (1 to 7, default 7): sessions per hamlet per week, on days spread over the
//! week (2: Tuesday and Friday), for campaigns that visit each hamlet a few times a week.
//!
//! One commune writes a site at OUT; several write a province root (OUT/site.yaml with
//! `communes:`) and one site per commune under OUT/xa/. `--provinces P` (P > 1) writes a
//! nation instead: OUT/site.yaml with `provinces:`, the communes shared out over P province
//! roots under OUT/tinh/. Names carry Vietnamese diacritics;
//! every hamlet holds a session each day; guides are ~600 words with headings, lists, tables
//! and links. A fixed-seed generator makes the same content every run.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Tiny deterministic generator (SplitMix64): benchmark content must not change between runs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Phúc",
    "Lộc",
    "Thọ",
    "Hòa",
    "Bình",
    "An",
    "Thạnh",
    "Mỹ",
    "Sơn",
    "Thủy",
    "Tân",
    "Hưng",
    "Long",
    "Phú",
    "Quý",
    "Cẩm",
    "Ngọc",
    "Sống",
    "Song",
    "Kìm",
    "Sành",
    "Vải",
    "Lão",
    "Nga",
    "Trung",
    "Thượng",
    "Hạ",
    "Yên",
    "Khánh",
    "Xuân",
    "Thịnh",
    "Vĩnh",
    "Đức",
    "Lợi",
];
const KINDS: &[&str] = &["thôn", "xóm", "bản", "ấp", "khu phố", "tổ dân phố"];
const WORDS: &[&str] = &[
    "người", "dân", "đăng", "ký", "tài", "khoản", "định", "danh", "điện", "tử", "mức", "hai",
    "kích", "hoạt", "ứng", "dụng", "căn", "cước", "công", "dân", "gắn", "chip", "điện", "thoại",
    "thông", "minh", "tin", "nhắn", "mật", "khẩu", "hồ", "sơ", "thu", "nhận", "hướng", "dẫn",
    "cán", "bộ", "xã", "thôn", "nhà", "văn", "hóa", "buổi", "sáng", "chiều", "mang", "theo",
    "giấy", "tờ",
];
const SERVICES: &[&str] = &[
    "Đăng ký định danh mức 1",
    "Đăng ký định danh mức 2",
    "Kích hoạt tài khoản",
    "Cài đặt VNeID",
];

fn name(rng: &mut Rng, syllables: usize) -> String {
    (0..syllables)
        .map(|_| rng.pick(SYLLABLES))
        .collect::<Vec<_>>()
        .join(" ")
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s: Vec<&str> = (0..words).map(|_| rng.pick(WORDS)).collect();
    let mut first = s[0].to_string();
    if let Some(c) = first.chars().next() {
        first = c.to_uppercase().chain(first.chars().skip(1)).collect();
    }
    s[0] = &first;
    format!("{}.", s.join(" "))
}

fn guide(rng: &mut Rng, index: usize, total: usize) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "---\ntitle: {}\nsummary: {}\norder: {index}\n---\n",
        sentence(rng, 6).trim_end_matches('.'),
        sentence(rng, 12)
    );
    for section in 0..5 {
        let _ = writeln!(md, "## {}\n", sentence(rng, 4).trim_end_matches('.'));
        let _ = writeln!(
            md,
            "{} {} {}\n",
            sentence(rng, 18),
            sentence(rng, 14),
            sentence(rng, 16)
        );
        match section {
            1 => {
                for step in 1..=6 {
                    let _ = writeln!(
                        md,
                        "{step}. **{}** {}",
                        sentence(rng, 3).trim_end_matches('.'),
                        sentence(rng, 10)
                    );
                }
                md.push('\n');
            }
            2 => {
                for _ in 0..5 {
                    let _ = writeln!(md, "- {}", sentence(rng, 8));
                }
                md.push('\n');
            }
            3 => {
                md.push_str("| Thôn | Ngày | Giờ |\n| --- | --- | --- |\n");
                for _ in 0..6 {
                    let _ = writeln!(
                        md,
                        "| {} | {:02}/12/2022 | 07:30–11:00 |",
                        name(rng, 2),
                        1 + rng.below(28)
                    );
                }
                md.push('\n');
            }
            4 => {
                let other = (index + 1) % total.max(1);
                let _ = writeln!(md, "Xem thêm [hướng dẫn {other}](huong-dan-{other}.md) và [Cổng dịch vụ công](https://dichvucong.gov.vn).\n");
            }
            _ => {}
        }
    }
    md
}

fn date(day: u32) -> String {
    // Days counted from 01/07/2023, the start of the Kiên Giang "90 ngày, đêm" campaign.
    let mut d = day;
    let months = [
        (7u32, 31u32),
        (8, 31),
        (9, 30),
        (10, 31),
        (11, 30),
        (12, 31),
    ];
    for (month, len) in months {
        if d < len {
            return format!("{:02}/{month:02}/2023", d + 1);
        }
        d -= len;
    }
    "31/12/2023".to_string()
}

fn commune(
    dir: &Path,
    rng: &mut Rng,
    index: usize,
    hamlets: usize,
    days: u32,
    guides: usize,
    per_week: usize,
) -> std::io::Result<String> {
    let commune_name = format!("{} {}", name(rng, 2), index + 1);
    fs::create_dir_all(dir.join("schedules"))?;
    fs::create_dir_all(dir.join("guides"))?;
    let mut site = String::new();
    let _ = writeln!(
        site,
        "title: Đăng ký tài khoản định danh điện tử\nauthority: UBND xã {commune_name}\nplace: xã {commune_name}, tỉnh Kiên Giang\ncampaign:\n  name: Chiến dịch 90 ngày đêm thu nhận, kích hoạt tài khoản định danh điện tử\n  start: 01/07/2023\n  end: {}\ncontacts:\n  - {{name: Công an xã, phone: \"113\", hours: 24/24}}\nhamlets:",
        date(days.max(1) - 1)
    );
    let mut names = Vec::new();
    for h in 0..hamlets {
        let n = format!("{} {}", name(rng, 2), h + 1);
        let _ = writeln!(site, "  - name: {n}\n    kind: {}", rng.pick(KINDS));
        names.push(n);
    }
    fs::write(dir.join("site.yaml"), site)?;
    let mut schedule = String::from("sessions:\n");
    // 01/07/2023 is a Saturday: day 0 is weekday 5 (Monday = 0).
    let days_of_week = session_weekdays(per_week);
    for day in 0..days {
        if !days_of_week.contains(&((day as usize + 5) % 7)) {
            continue;
        }
        for n in &names {
            let start = 7 + rng.below(10);
            // Two different services: an officer never lists one twice.
            let first = rng.below(SERVICES.len());
            let second = (first + 1 + rng.below(SERVICES.len() - 1)) % SERVICES.len();
            let _ = writeln!(
                schedule,
                "  - hamlet: {n}\n    date: {}\n    time: {start:02}:30-{:02}:00\n    place: Nhà văn hóa {n}\n    services: [{}, {}]\n    note: Mang theo căn cước công dân gắn chip",
                date(day),
                start + 3,
                SERVICES[first],
                SERVICES[second]
            );
        }
    }
    schedule.push_str("points:\n  - name: Công an xã\n    kind: fixed\n    address: Trụ sở Công an xã\n    hours: 07:30-22:00, cả thứ Bảy và Chủ nhật\n  - name: Tổ lưu động\n    kind: mobile\n    address: Nhà văn hóa các thôn\n");
    fs::write(dir.join("schedules/lich.yaml"), schedule)?;
    for g in 0..guides {
        fs::write(
            dir.join(format!("guides/huong-dan-{g}.md")),
            guide(rng, g, guides),
        )?;
    }
    Ok(commune_name)
}

/// The weekdays (Monday = 0) of `per_week` sessions, spread over the week.
fn session_weekdays(per_week: usize) -> Vec<usize> {
    let n = per_week.clamp(1, 7);
    // Tuesday first: one session a week falls on Tuesday, two on Tuesday and Friday.
    (0..n).map(|k| (1 + k * 7 / n) % 7).collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts = [
        ("--communes", 1usize),
        ("--hamlets", 10),
        ("--days", 90),
        ("--guides", 10),
        ("--per-week", 7),
        ("--provinces", 1),
    ];
    let mut out = None;
    let mut i = 0;
    while i < args.len() {
        if let Some(slot) = opts.iter_mut().find(|(k, _)| *k == args[i]) {
            slot.1 = args.get(i + 1).ok_or("missing value")?.parse()?;
            i += 2;
        } else {
            out = Some(args[i].clone());
            i += 1;
        }
    }
    let out = out.ok_or(
        "usage: gen_site [--communes C] [--hamlets H] [--days D] [--guides G] [--per-week N] [--provinces P] OUT",
    )?;
    let [(_, communes), (_, hamlets), (_, days), (_, guides), (_, per_week), (_, provinces)] = opts;
    let out = Path::new(&out);
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    let mut rng = Rng(0x0062_616E_6774_696E);
    if communes <= 1 {
        commune(
            out,
            &mut rng,
            0,
            hamlets.max(1),
            days as u32,
            guides,
            per_week,
        )?;
    } else {
        let provinces = provinces.clamp(1, communes);
        let mut nation =
            String::from("title: Định danh điện tử toàn quốc\nauthority: Bộ Công an\nprovinces:\n");
        let mut c = 0;
        for p in 0..provinces {
            let dir = match provinces {
                1 => out.to_path_buf(),
                _ => out.join(format!("tinh/tinh-{p:02}")),
            };
            let mut root = match provinces {
                1 => "title: Định danh điện tử toàn tỉnh\nauthority: UBND tỉnh Kiên Giang\nplace: tỉnh Kiên Giang\ncommunes:\n".to_string(),
                _ => format!("title: Định danh điện tử tỉnh số {n}\nauthority: UBND tỉnh số {n}\nplace: tỉnh số {n}\ncommunes:\n", n = p + 1),
            };
            // The communes shared out as evenly as they go.
            let end = communes * (p + 1) / provinces;
            while c < end {
                let folder = format!("xa/xa-{c:03}");
                commune(
                    &dir.join(&folder),
                    &mut rng,
                    c,
                    hamlets.max(1),
                    days as u32,
                    guides,
                    per_week,
                )?;
                let _ = writeln!(root, "  - {folder}");
                c += 1;
            }
            fs::create_dir_all(&dir)?;
            fs::write(dir.join("site.yaml"), root)?;
            let _ = writeln!(nation, "  - tinh/tinh-{p:02}");
        }
        if provinces > 1 {
            fs::write(out.join("site.yaml"), nation)?;
        }
    }
    println!(
        "{} xã, {hamlets} thôn/xã, {days} ngày, {guides} hướng dẫn/xã → {}",
        communes.max(1),
        out.display()
    );
    Ok(())
}

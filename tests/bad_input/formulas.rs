//! Formula injection (issue 20, finding 8): officers open `du-lieu/*.csv` in
//! Excel, which runs a cell starting with `=`, `+`, `-` or `@` as a formula
//! (`=HYPERLINK(…)` sends them to any site, DDE formulas start programs).
//! Such cells get the quote Excel reads as "text"; `lich.json` keeps values exact.

use crate::common::SiteTest;

const FORMULA: &str = "=HYPERLINK(\"https://gia-mao.example/dang-nhap\",\"Bấm vào đây\")";

#[test]
fn formula_cells_in_the_csv_files_are_written_as_text() {
    let t = SiteTest::fixture("minimal");
    let schedule = format!(
        "sessions:\n  - hamlet: Đông Lão\n    date: 29/11/2022\n    note: '{}'\n    place: \"+84 912 345 678\"\n    services: [\"-1+1\", \"@SUM(1+1)*cmd|' /C calc'!A0\", \"\t=1+1\", Kích hoạt]\n",
        FORMULA.replace('\'', "''")
    );
    // The tab is written as itself: YAML refuses `\t` in double quotes (an
    // officer's `"D:\tai-lieu"`), and no YAML text starts with a carriage
    // return without one (`render::data`'s test covers that cell).
    t.write("schedules/lich.yaml", &schedule);
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);

    let bytes = std::fs::read(t.output_file("du-lieu/lich.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for row in &rows {
        for field in row {
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{field:?} would run as a formula"
            );
        }
    }
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = rows
        .iter()
        .find(|r| r[column("Ghi chú")].contains("HYPERLINK"))
        .expect("the session's row");
    assert_eq!(row[column("Ghi chú")], format!("'{FORMULA}"));
    // Still readable: the quote only marks the cell as text.
    assert_eq!(&row[column("Địa điểm")], "'+84 912 345 678");

    // The JSON data keeps what the officer wrote, for programs.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.output_file("du-lieu/lich.json")).unwrap())
            .unwrap();
    let notes: Vec<&str> = json["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["note"].as_str())
        .collect();
    assert!(notes.contains(&FORMULA), "{notes:?}");
}

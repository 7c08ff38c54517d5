//! Numbers in range for what they feed (issue 20, finding 7): a target of
//! 18,000,000,000,000,000,000 passed `check`, and `build` drew its chart
//! axis until memory ran out. Refused at file:line by `check` and `build`,
//! within a memory and time bound.

use crate::assert_refused;
use crate::common::SiteTest;

#[cfg(unix)]
#[test]
fn a_huge_progress_target_is_refused_where_it_is_written() {
    let cases = [
        // The target, one past the bound, a report, a phase's share.
        (
            "activated: 8.213",
            "activated: 18000000000000000000",
            "progress.yaml:10:16",
        ),
        (
            "activated: 8.213",
            "activated: 1.000.000.001",
            "progress.yaml:10:16",
        ),
        (
            "{date: 06/07/2023, hamlet: Phước Tân, activated: 1770}",
            "{date: 06/07/2023, hamlet: Phước Tân, activated: 999999999999}",
            "progress.yaml:30:54",
        ),
        (
            "{phase: Giai đoạn 2, activated: 50%}",
            "{phase: Giai đoạn 2, activated: 99999999999%}",
            "progress.yaml:13:39",
        ),
    ];
    for (from, to, at) in cases {
        let t = SiteTest::fixture("progress");
        assert_eq!(t.build().code, 0, "the fixture must build");
        let before = t.snapshot_output();
        let progress = t.read_source("progress.yaml");
        assert!(progress.contains(from), "{from}");
        t.write("progress.yaml", &progress.replacen(from, to, 1));
        for run in [t.check_bounded(1024, 60), t.build_bounded(1024, 60)] {
            let limit = if to.contains('%') {
                "1000%"
            } else {
                "một tỷ"
            };
            assert_refused(&run, 1, &[at], &["quá lớn", limit]);
        }
        assert!(before == t.snapshot_output(), "{to}: the site changed");
    }
}

/// The largest figure read still builds, its chart drawn.
#[cfg(unix)]
#[test]
fn a_billion_is_still_a_figure() {
    let t = SiteTest::fixture("progress");
    let progress = t
        .read_source("progress.yaml")
        .replace("activated: 8.213", "activated: 1.000.000.000")
        .replace("activated: 1770}", "activated: 999.999.999}");
    t.write("progress.yaml", &progress);
    // Built on the last report's day: reports after the build day are not counted or drawn.
    let run = crate::common::run_bounded(
        t.root.parent().unwrap(),
        &[
            "build",
            "--root",
            crate::common::path_str(&t.root),
            "--output",
            crate::common::path_str(&t.out),
            "--today",
            "06/07/2023",
        ],
        1024,
        60,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        t.page("tien-do/index.html")
            .count("svg title#bieu-do-thon-title")
            == 1
    );
}

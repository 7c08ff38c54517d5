//! The same input gives the same bytes: two builds of the same site (same
//! `--today`) are identical file by file, so publishing diffs stay honest.

mod common;

use common::SiteTest;

#[test]
fn two_builds_are_byte_identical() {
    for fixture in ["minimal", "content"] {
        let t = SiteTest::fixture(fixture);
        assert_eq!(t.build().code, 0);
        let first = t.snapshot_output();
        assert_eq!(t.build().code, 0);
        let second = t.snapshot_output();
        assert!(!first.is_empty());
        assert_eq!(first.len(), second.len(), "{fixture}: file lists differ");
        for ((name_a, bytes_a), (name_b, bytes_b)) in first.iter().zip(&second) {
            assert_eq!(name_a, name_b, "{fixture}");
            assert!(
                bytes_a == bytes_b,
                "{fixture}: {name_a} differs between builds"
            );
        }
    }
}

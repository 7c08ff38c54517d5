//! How abbreviations and names are said on the loudspeaker: a built-in table
//! of what officers write (UBND, TKĐDĐT, CCCD, VNeID, C06…) and the words an
//! announcer says for each, which a site extends or overrides with
//! `pronounce:` in site.yaml.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Written form → reading, sorted by written form (byte order) so a lookup is
/// a binary search; a test keeps it sorted. Matched as whole words, case and
/// all, so an ordinary word ("ca", "tp") is never touched.
const BUILT_IN: &[(&str, &str)] = &[
    ("ANTT", "an ninh trật tự"),
    ("BCA", "Bộ Công an"),
    ("BHXH", "bảo hiểm xã hội"),
    ("BHYT", "bảo hiểm y tế"),
    ("C06", "xê không sáu"),
    ("CAND", "Công an nhân dân"),
    ("CCCD", "căn cước công dân"),
    ("CMND", "chứng minh nhân dân"),
    ("CSDL", "cơ sở dữ liệu"),
    ("DVC", "dịch vụ công"),
    ("DVCTT", "dịch vụ công trực tuyến"),
    ("GPLX", "giấy phép lái xe"),
    ("HTX", "hợp tác xã"),
    ("HĐND", "Hội đồng nhân dân"),
    ("KP", "khu phố"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("NVH", "nhà văn hóa"),
    ("OTP", "ô tê pê"),
    ("SĐT", "số điện thoại"),
    ("TDP", "tổ dân phố"),
    ("THCS", "trung học cơ sở"),
    ("THPT", "trung học phổ thông"),
    ("TKĐDĐT", "tài khoản định danh điện tử"),
    ("TTHC", "thủ tục hành chính"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("UBND", "Ủy ban nhân dân"),
    ("VNeID", "vi en i ai đi"),
    ("ĐDĐT", "định danh điện tử"),
];

/// The words said for written abbreviations and names: the built-in table,
/// with a site's own `pronounce:` entries first (they win).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// A site's entries, as written in site.yaml.
    own: Vec<(String, String)>,
    /// Texts already read with this lexicon, shared by its clones: a
    /// commune's evening bulletins say the same authority, names, services,
    /// notes and contacts evening after evening (a fifth of a province build).
    said: Arc<Mutex<HashMap<String, String>>>,
}

impl Lexicon {
    /// The built-in table only.
    pub fn built_in() -> Lexicon {
        Lexicon::default()
    }

    /// The built-in table with `own` entries (written form, reading) added;
    /// an entry for a built-in form replaces its reading.
    pub fn with_own(own: Vec<(String, String)>) -> Lexicon {
        Lexicon {
            own,
            said: Arc::default(),
        }
    }

    /// `text` as read before with this lexicon, if it was.
    pub(super) fn said(&self, text: &str) -> Option<String> {
        self.memo().get(text).cloned()
    }

    /// Remember how `text` is read.
    pub(super) fn remember(&self, text: &str, said: &str) {
        self.memo().insert(text.to_string(), said.to_string());
    }

    fn memo(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        // A panic elsewhere leaves the memo as good as it was.
        self.said.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The reading of a whole written word, if it has one.
    pub fn reading(&self, word: &str) -> Option<&str> {
        if let Some((_, said)) = self.own.iter().find(|(written, _)| written == word) {
            return Some(said);
        }
        BUILT_IN
            .binary_search_by(|(written, _)| written.cmp(&word))
            .ok()
            .and_then(|i| BUILT_IN.get(i))
            .map(|(_, said)| *said)
    }

    /// False when no entry can start with `c`: most words of a sentence are
    /// lower case, and every built-in entry starts with a capital.
    pub fn may_start_with(&self, c: char) -> bool {
        c.is_uppercase() || self.own.iter().any(|(w, _)| w.starts_with(c))
    }
}

/// Why a `pronounce:` key cannot be used, or None: a key is one written word
/// (letters and digits, as in `C06`, `VNeID`, `TKĐDĐT`), since the reader
/// matches whole words.
pub fn key_problem(key: &str) -> Option<&'static str> {
    if key.is_empty() {
        return Some("tên viết tắt đang để trống");
    }
    if !key.chars().all(char::is_alphanumeric) {
        return Some("chỉ được gồm chữ và số viết liền (không dấu cách, không dấu câu)");
    }
    if !key.chars().next().is_some_and(char::is_alphabetic) {
        return Some("phải bắt đầu bằng một chữ cái");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_table_is_sorted_for_binary_search() {
        let mut sorted = BUILT_IN.to_vec();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        assert_eq!(BUILT_IN, sorted.as_slice());
        for (written, _) in BUILT_IN {
            assert_eq!(key_problem(written), None, "{written}");
            // What `may_start_with` relies on.
            assert!(written.starts_with(char::is_uppercase), "{written}");
        }
    }

    /// Every built-in entry with the words the announcer says, read inside a
    /// sentence by the script's reader: add a line here with each new entry.
    #[test]
    fn each_abbreviation_is_read_as_listed() {
        let readings = [
            ("ANTT", "an ninh trật tự"),
            ("BCA", "Bộ Công an"),
            ("BHXH", "bảo hiểm xã hội"),
            ("BHYT", "bảo hiểm y tế"),
            ("C06", "xê không sáu"),
            ("CAND", "Công an nhân dân"),
            ("CCCD", "căn cước công dân"),
            ("CMND", "chứng minh nhân dân"),
            ("CSDL", "cơ sở dữ liệu"),
            ("DVC", "dịch vụ công"),
            ("DVCTT", "dịch vụ công trực tuyến"),
            ("GPLX", "giấy phép lái xe"),
            ("HTX", "hợp tác xã"),
            ("HĐND", "Hội đồng nhân dân"),
            ("KP", "khu phố"),
            ("MTTQ", "Mặt trận Tổ quốc"),
            ("NVH", "nhà văn hóa"),
            ("OTP", "ô tê pê"),
            ("SĐT", "số điện thoại"),
            ("TDP", "tổ dân phố"),
            ("THCS", "trung học cơ sở"),
            ("THPT", "trung học phổ thông"),
            ("TKĐDĐT", "tài khoản định danh điện tử"),
            ("TTHC", "thủ tục hành chính"),
            ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
            ("UBND", "Ủy ban nhân dân"),
            ("VNeID", "vi en i ai đi"),
            ("ĐDĐT", "định danh điện tử"),
        ];
        assert_eq!(
            BUILT_IN,
            readings.as_slice(),
            "the table and this list differ"
        );
        for (written, said) in readings {
            assert_eq!(
                crate::vi::speech::spell_out(&format!("Về {written}: xem thêm.")),
                format!("Về {said}: xem thêm."),
                "{written}"
            );
        }
        // Whole words only: a longer word or another case is left alone.
        assert_eq!(
            crate::vi::speech::spell_out("UBNDX ubnd C061"),
            "UBNDX ubnd C không sáu một"
        );
    }

    #[test]
    fn a_site_entry_wins_over_the_built_in_one() {
        let lexicon = Lexicon::with_own(vec![
            ("VNeID".into(), "vê nờ e ai đi".into()),
            ("HTXNN".into(), "hợp tác xã nông nghiệp".into()),
        ]);
        assert_eq!(lexicon.reading("VNeID"), Some("vê nờ e ai đi"));
        assert_eq!(lexicon.reading("HTXNN"), Some("hợp tác xã nông nghiệp"));
        assert_eq!(lexicon.reading("UBND"), Some("Ủy ban nhân dân"));
        assert_eq!(Lexicon::built_in().reading("HTXNN"), None);
        assert_eq!(Lexicon::built_in().reading("ubnd"), None);
    }

    #[test]
    fn keys_are_single_words() {
        assert_eq!(key_problem("C06"), None);
        assert!(key_problem("Đề án").is_some());
        assert!(key_problem("NĐ-CP").is_some());
        assert!(key_problem("").is_some());
        assert!(key_problem("4G").is_some());
    }
}

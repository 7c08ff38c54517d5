//! Every message an officer can see, in one place: what it says, how to fix
//! it, whether it stops the build, and which row of the officer's guide
//! (docs/huong-dan-su-dung.md, section 8) explains it. A diagnostic is made
//! from one of these (`Diagnostic::new(file, pos, Message::…)`); no stage
//! writes message text inline.
//!
//! Adding a message (docs/architecture.md, "Messages", says the same):
//! 1. add an entry below, in the group of its guide section:
//!    ```text
//!    /// Why it exists, when that is not obvious.
//!    Name { field: Type, … }: error        (or: warning)
//!        "What is wrong, {field}."
//!        hint "How to fix it."
//!        guide "The first cell of its row in the guide";
//!    ```
//!    Text and hint are `format!` strings over the fields (`{field}`,
//!    `{count:.1}`, and the consts below; a literal brace is `{{`);
//! 2. add the row to a table of section 8 of docs/huong-dan-su-dung.md
//!    (`cargo test --test messages` checks both ways: every entry's rows are
//!    in the guide, every row of the guide belongs to an entry);
//! 3. make it: `Diagnostic::new(file, pos, Message::Name { field: … })`.
//!
//! Families of messages whose wording belongs to the module that reads the
//! format (YAML syntax in `yaml`, dates and times in `vi::calendar`, text
//! encodings in `load::text`, spreadsheet cells in `load::spreadsheet`) are one
//! entry each, carrying that module's `what` and `fix`; their guide rows are
//! listed on the entry.

use super::Severity;
use crate::vi::calendar::TIME_FORMS_HINT;

/// The law personal data in content breaks.
const DECREE: &str = "Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân";

/// How coordinates are written and copied from a map.
const COORDS_HINT: &str = "Ghi vĩ độ rồi kinh độ, cách nhau bằng dấu phẩy, ví dụ coords: 10.2862, 104.0553. Trên Google Maps: nhấn giữ (hoặc bấm chuột phải) vào đúng chỗ, rồi chép hai số hiện ra.";

/// How a moved session is written.
const MOVED_EXAMPLE: &str = "Ghi ngày, giờ mới ở date, time, place và giá trị cũ ở was, ví dụ:\n  date: 06/12/2022\n  status: moved\n  was: {date: 02/12/2022}";

/// How `pronounce:` is written, shown by its messages.
const PRONOUNCE_EXAMPLE: &str =
    "Ví dụ:\npronounce:\n  HTXNN: hợp tác xã nông nghiệp\n  VNeID: vê nờ e ai đi";

/// What a schedule table's header needs, said by several messages.
const HEADER_HINT: &str = "Dòng tiêu đề của bảng cần ít nhất cột Thôn và cột Ngày (hoặc Thời gian), ví dụ: STT | Thôn | Ngày | Giờ | Địa điểm | Nội dung | Ghi chú. Tên cột tiếng Anh cũng được: hamlet, date, time, place, services, note.";

/// One entry of the catalogue, as data: for the guide's test and for docs.
#[derive(Debug)]
pub struct Entry {
    pub name: &'static str,
    pub severity: Severity,
    pub text: &'static str,
    pub hint: Option<&'static str>,
    /// The first cells of the guide's rows that explain this message; none
    /// only for a file bangtin failed to make (a bug to report, not the
    /// officer's to fix).
    pub guide: &'static [&'static str],
}

macro_rules! catalogue {
    (@severity error) => { Severity::Error };
    (@severity warning) => { Severity::Warning };
    (@severity note) => { Severity::Note };
    (@hint) => { None };
    (@hint $hint:literal) => { Some(format!($hint)) };
    (@hint_text) => { None };
    (@hint_text $hint:literal) => { Some($hint) };
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $({ $($field:ident : $ty:ty),* $(,)? })? : $severity:ident
            $text:literal
            $(hint $hint:literal)?
            $(guide $($guide:literal)+)?
        ;
    )*) => {
        /// A message of the catalogue with the values it names.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Message {
            $(
                $(#[doc = $doc])*
                $name $({ $($field: $ty),* })?,
            )*
        }

        impl Message {
            pub fn severity(&self) -> Severity {
                match self {
                    $(Message::$name { .. } => catalogue!(@severity $severity),)*
                }
            }

            /// What is wrong, in Vietnamese.
            #[allow(unused_variables)]
            pub fn text(&self) -> String {
                match self {
                    $(Message::$name $({ $($field),* })? => format!($text),)*
                }
            }

            /// How to fix it, in Vietnamese.
            #[allow(unused_variables)]
            pub fn hint(&self) -> Option<String> {
                match self {
                    $(Message::$name $({ $($field),* })? => catalogue!(@hint $($hint)?),)*
                }
            }
        }

        /// Every entry, in catalogue order.
        pub const ENTRIES: &[Entry] = &[
            $(Entry {
                name: stringify!($name),
                severity: catalogue!(@severity $severity),
                text: $text,
                hint: catalogue!(@hint_text $($hint)?),
                guide: &[$($($guide),+)?],
            },)*
        ];
    };
}

catalogue! {
    // 8.2 Đọc tệp
    SiteYamlMissing { root: String }: error
        "Không tìm thấy tệp site.yaml của trang."
        hint "Chọn đúng thư mục trang bằng --root, hoặc tạo trang mẫu bằng lệnh: bangtin init {root}"
        guide "Không tìm thấy tệp site.yaml của trang.";
    FileUnreadable { reason: String }: error
        "Không đọc được tệp: {reason}."
        hint "Kiểm tra tệp còn tồn tại và bạn có quyền đọc nó."
        guide "Không đọc được tệp: *không tìm thấy / không có quyền truy cập*.";
    WorkbookUnreadable { reason: String }: error
        "Không đọc được tệp: {reason}."
        hint "Kiểm tra tệp còn tồn tại và bạn có quyền đọc nó; nếu tệp đang mở trong Excel, hãy lưu và đóng nó."
        guide "Không đọc được tệp: *không tìm thấy / không có quyền truy cập*.";
    FileTooLarge { megabytes: f64, limit: u64 }: error
        "Tệp quá lớn ({megabytes:.1} MB); bangtin chỉ đọc tệp chữ đến {limit} MB."
        hint "Một tệp lịch hay bài hướng dẫn bình thường chỉ vài trăm KB: có thể nội dung bị dán lặp nhiều lần. Chia thành nhiều tệp nhỏ (mọi tệp trong schedules/ được gộp lại); tệp PDF, ảnh thì để trong static/."
        guide "Tệp quá lớn (*50.0 MB*); bangtin chỉ đọc tệp chữ đến 8 MB.";
    /// Text that is not UTF-8 (or UTF-16 with its mark): `load::text` names
    /// the encoding it looks like and shows the text decoded.
    NotText { what: String, fix: String }: error
        "{what}"
        hint "{fix}"
        guide "Tệp không được lưu bằng bảng mã UTF-8 (có ký tự không đọc được)."
              "Tệp lưu bằng bảng mã UTF-16 nhưng bị hỏng ở giữa.";
    // 8.8 Lịch bằng bảng tính (CSV, XLSX)
    SpreadsheetKindUnread: warning
        "bangtin chưa đọc được loại tệp bảng tính này nên bỏ qua nó."
        hint "Mở tệp bằng Excel (hoặc LibreOffice), chọn Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx), rồi xóa tệp cũ khỏi thư mục schedules."
        guide "cảnh báo: bangtin chưa đọc được loại tệp bảng tính này nên bỏ qua nó.";
    /// A CSV file that is not UTF-8: `load::text`'s finding, with Excel's way out.
    CsvNotUtf8 { what: String }: error
        "{what}"
        hint "Trong Excel, chọn Lưu thành (Save As) → kiểu tệp \"CSV UTF-8 (Comma delimited) (*.csv)\"; kiểu CSV thường làm hỏng chữ có dấu."
        guide "Tệp không được lưu bằng bảng mã UTF-8 (có ký tự không đọc được).";
    CsvUnreadable { reason: String }: error
        "Không đọc được tệp CSV: {reason}."
        hint "Mở tệp bằng Excel rồi lưu lại bằng Lưu thành (Save As) → CSV UTF-8."
        guide "Không đọc được tệp CSV: *…*";
    ScheduleFileEmpty: warning
        "Tệp lịch này trống."
        hint "Ghi lịch vào tệp, hoặc xóa tệp khỏi thư mục schedules."
        guide "cảnh báo: Tệp lịch này trống.";
    HeaderRowMissing: error
        "Không tìm thấy dòng tiêu đề của bảng lịch."
        hint "{HEADER_HINT}"
        guide "Không tìm thấy dòng tiêu đề của bảng lịch.";
    /// A workbook calamine can't read, or one too big to read safely:
    /// `load::spreadsheet::grid` says which.
    WorkbookRefused { what: String, fix: String }: error
        "{what}"
        hint "{fix}"
        guide "Không đọc được tệp Excel: tệp không phải sổ làm việc Excel .xlsx / nội dung bên trong tệp bị hỏng / tệp được đặt mật khẩu."
              "Bảng quá lớn: có dữ liệu ở ô *XFD1048576*… bangtin chỉ đọc đến 2000000 ô (số dòng × số cột) mỗi tệp."
              "Các vùng ô gộp (merge) của trang này phủ tổng cộng quá nhiều ô…"
              "Phần *xl/worksheets/sheet1.xml* trong tệp Excel giải nén ra … MB, quá giới hạn 64 MB…";
    SheetWithoutTable: warning
        "Trang này không có bảng lịch nên bangtin bỏ qua nó."
        hint "Nếu đây là lịch, hãy sửa dòng tiêu đề. {HEADER_HINT}"
        guide "cảnh báo: Trang này không có bảng lịch nên bangtin bỏ qua nó.";
    ColumnsSameRole { first: String, first_header: String, second: String, second_header: String, role: String }: error
        "Cột {first} \"{first_header}\" và cột {second} \"{second_header}\" cùng là cột {role}."
        hint "Mỗi loại cột chỉ có một cột: đổi tên hoặc xóa một trong hai cột."
        guide "Cột *B \"Thôn\"* và cột *E \"Tên thôn\"* cùng là cột *Thôn*.";
    WhenColumnUnclear { column: String, header: String }: error
        "Bảng đã có cột ngày và cột giờ, nên không rõ cột {column} \"{header}\" dùng để làm gì."
        hint "Xóa cột này, hoặc đổi tên nó thành Ghi chú nếu đây là lời dặn thêm."
        guide "Bảng đã có cột ngày và cột giờ, nên không rõ cột … dùng để làm gì.";
    DateColumnMissing: error
        "Bảng lịch không có cột ngày."
        hint "Thêm một cột tên \"Ngày\" và ghi ngày của từng buổi, ví dụ 29/11/2022. {HEADER_HINT}"
        guide "Bảng lịch không có cột ngày.";
    ColumnIgnored { column: String, header: String, best: String }: warning
        "Cột {column} \"{header}\" không phải cột bangtin đọc nên bị bỏ qua."
        hint "Có phải ý bạn là \"{best}\"? Sửa tên cột nếu đúng vậy; nếu không, bỏ qua cảnh báo này."
        guide "cảnh báo: Cột … không phải cột bangtin đọc nên bị bỏ qua. (Có phải ý bạn là …?)";
    /// A sheet's "Tọa độ" column: YAML has no per-session coordinates either.
    ColumnCoordsElsewhere { column: String, header: String }: warning
        "Cột {column} \"{header}\": tọa độ không ghi trong bảng lịch, nên cột này không được đọc."
        hint "Ghi tọa độ một lần cho mỗi nơi trong site.yaml: venues[].coords cho trường học, công ty (ví dụ coords: 10.2862, 104.0553), points[].coords cho điểm thu nhận; trang của nơi đó có nút chỉ đường."
        guide "cảnh báo: Cột … \"…\": tọa độ không ghi trong bảng lịch, nên cột này không được đọc.";
    /// A sheet's "Liên hệ" column: contacts belong to a hamlet or a venue.
    ColumnContactsElsewhere { column: String, header: String }: warning
        "Cột {column} \"{header}\": liên hệ không ghi trong bảng lịch, nên cột này không được đọc."
        hint "Ghi liên hệ một lần cho mỗi nơi trong site.yaml: hamlets[].contacts (hoặc venues[].contacts), ví dụ contacts: [{{name: Trưởng thôn, phone: \"0912 345 678\"}}]; trang thôn và lời đọc trên loa nêu liên hệ đó."
        guide "cảnh báo: Cột … \"…\": liên hệ không ghi trong bảng lịch, nên cột này không được đọc.";
    RowWithoutHamlet: error
        "Dòng này chưa ghi tên thôn."
        hint "Ghi tên thôn đúng như trong site.yaml, kể cả khi giống dòng trên. Nếu dòng này không phải một buổi (ví dụ dòng ghi chú cuối bảng), hãy xóa nó."
        guide "Dòng này chưa ghi tên thôn.";
    RowWithoutDate: error
        "Dòng này chưa ghi ngày."
        hint "Ghi ngày của buổi, ví dụ 29/11/2022. Một ô ngày để trống sẽ lấy ngày của dòng trên, nhưng dòng đầu bảng phải có ngày."
        guide "Dòng này chưa ghi ngày.";
    /// A cell's date, time or days that `vi::calendar` can't read: its words.
    CellValue { column: String, what: String, fix: String }: error
        "{column}: {what}"
        hint "{fix}"
        guide "không đọc được ngày *\"…\"*" "không đọc được giờ *\"…\"*";
    FormulaError { column: String, error: String }: error
        "Ô {column} có lỗi công thức {error}."
        hint "Sửa công thức trong ô, hoặc gõ thẳng giá trị vào ô (không dùng công thức)."
        guide "Ô … có lỗi công thức *#REF!*.";
    DateCellTimeOnly { column: String, time: String }: error
        "Ô {column} chỉ có giờ ({time}), không có ngày."
        hint "Ghi ngày của buổi vào ô này, ví dụ 29/11/2022; giờ ghi ở cột Giờ."
        guide "Ô *Ngày* chỉ có giờ (…), không có ngày.";
    /// A number where Excel would show a date had the cell kept its format.
    DateCellSerial { column: String, shown: String, date: String }: error
        "Ô {column} là số {shown}, không phải một ngày."
        hint "Nếu đây là ngày {date}, hãy chọn ô, bấm chuột phải → Định dạng ô (Format Cells) → Ngày (Date); hoặc gõ lại ngày dạng 29/11/2022."
        guide "Ô *Ngày* là số *44894*, không phải một ngày.";
    DateCellNumber { column: String, shown: String }: error
        "Ô {column} là số {shown}, không phải một ngày."
        hint "Gõ ngày dạng ngày/tháng/năm, ví dụ 29/11/2022."
        guide "Ô *Ngày* là số *44894*, không phải một ngày.";
    TimeCellNumber { column: String, shown: String }: error
        "Ô {column} là số {shown}, không phải giờ."
        hint "{TIME_FORMS_HINT}"
        guide "Ô *Giờ* là số …, không phải giờ.";
    WeekdayMismatch { column: String, date: String, actual: String, written: String }: error
        "{column}: ngày {date} là {actual}, không phải {written}."
        hint "Kiểm tra lại thứ và ngày trong văn bản gốc: một trong hai đã bị ghi nhầm."
        guide "*Thứ*: ngày … là …, không phải …";
    // 8.3 Cách viết YAML
    KeyBlank { key: String, example: String }: error
        "Khóa `{key}` đang để trống."
        hint "Thêm giá trị, ví dụ: {key}: {example}"
        guide "Khóa *`title`* đang để trống.";
    KeyMissing { key: String, example: String }: error
        "Thiếu khóa bắt buộc `{key}`."
        hint "Thêm giá trị, ví dụ: {key}: {example}"
        guide "Thiếu khóa bắt buộc *`date`*.";
    KeywordUnknown { key: String, value: String, shown: String }: error
        "`{key}` \"{value}\" không phải giá trị bangtin hiểu."
        hint "Viết {key}: {shown}."
        guide "`status` *\"…\"* không phải giá trị bangtin hiểu."
              "`role` *\"…\"* không phải giá trị bangtin hiểu.";
    KeywordUnknownNear { key: String, value: String, shown: String, best: String }: error
        "`{key}` \"{value}\" không phải giá trị bangtin hiểu."
        hint "Có phải ý bạn là `{best}`? Viết {key}: {shown}."
        guide "`status` *\"…\"* không phải giá trị bangtin hiểu."
              "`role` *\"…\"* không phải giá trị bangtin hiểu.";
    /// A key's date, time or days that `vi::calendar` can't read: its words.
    FieldValue { key: String, what: String, fix: String }: error
        "`{key}`: {what}"
        hint "{fix}"
        guide "chưa ghi ngày / chưa ghi giờ"
              "không đọc được ngày *\"…\"*"
              "năm *\"22\"* không đủ 4 chữ số / năm *\"20222\"* có quá 4 chữ số / năm … không hợp lý"
              "ngày *31/02/2023* không có thật: tháng 2 năm 2023 chỉ có 28 ngày (hoặc: không có tháng 13; ngày bắt đầu từ 1; năm không nhuận)"
              "ngày *29/11/2022* là Thứ Ba, không phải Thứ Tư"
              "*\"7 giờ tối\"* có chữ *\"tối\"*, nhưng 07:00 không phải giờ buổi tối: giờ phải viết theo kiểu 24 giờ"
              "*\"- 11h\"* thiếu giờ bắt đầu / *\"7h30 -\"* thiếu giờ kết thúc"
              "giờ kết thúc (…) phải sau giờ bắt đầu (…)"
              "… có nhiều hơn hai mốc giờ …"
              "hai buổi trong ngày chồng lên nhau"
              "vừa ghi cả ngày vừa ghi giờ từng buổi"
              "giờ *\"…\"* có chữ *\"hằng ngày\"*"
              "khoảng ngày *\"…\"*: ngày cuối … đứng trước ngày đầu … / dài hơn một năm"
              "không đọc được thứ *\"…\"*"
              "giờ *\"7h75\"* không có thật: phút chỉ ghi từ 00 đến 59 / giờ *\"25:00\"* không có thật"
              "giờ bắt đầu không thể là 24h"
              "*\"7\"* chỉ là một con số, chưa rõ là giờ"
              "không đọc được giờ *\"…\"*";
    /// More sessions than `load::MAX_SESSIONS`, each day of a repeat counted.
    TooManySessions { limit: String }: error
        "Lịch có hơn {limit} buổi (mỗi ngày của một buổi lặp lại tính là một buổi); bangtin dừng đọc lịch ở đây."
        hint "Kiểm tra các khoảng ngày (`dates`, ô Ngày) có gõ nhầm năm, hay một buổi bị chép lặp nhiều lần không: một xã hiếm khi có quá vài nghìn buổi."
        guide "Lịch có hơn 200.000 buổi (mỗi ngày của một buổi lặp lại tính là một buổi)…";
    NoDateOnDays { written: String, days: String }: error
        "Không có ngày nào trong “{written}” rơi vào {days}."
        hint "Kiểm tra lại ngày và thứ trong văn bản gốc: một trong hai đã bị ghi nhầm."
        guide "Không có ngày nào trong *\"…\"* rơi vào …";
    DateAndDates: error
        "Buổi này ghi cả `date` lẫn `dates`."
        hint "Giữ một khóa: date cho một ngày, dates cho nhiều ngày, ví dụ dates: 29/11/2022 - 20/12/2022."
        guide "Buổi này ghi cả `date` lẫn `dates`";
    EndBeforeStart { what: String, end: String, start: String }: error
        "{what}: ngày kết thúc {end} đứng trước ngày bắt đầu {start}."
        hint "Kiểm tra lại hai ngày; có thể đã gõ nhầm tháng hoặc đổi chỗ hai ngày."
        guide "*Đợt / Giai đoạn / Điểm …*: ngày kết thúc … đứng trước ngày bắt đầu …";
    // 8.4 site.yaml
    /// YAML that does not read: `yaml` words it (8.3 lists its messages).
    YamlSyntax { what: String, fix: String }: error
        "{what}"
        hint "{fix}"
        guide "Khóa *`titel`* không dùng được ở đây."
              "Khóa *`date`* được viết hai lần trong cùng một nhóm."
              "Giá trị ở đây phải là một số nguyên."
              "Giá trị ở đây phải là một danh sách."
              "Ở đây cần một nhóm khóa dạng \"tên: giá trị\"."
              "Giá trị ở đây phải là một đoạn chữ, không phải danh sách hay nhóm khóa."
              "Có ký tự Tab trong phần thụt lề."
              "Thiếu dấu ngoặc kép đóng."
              "Có dấu hai chấm \": \" bên trong một giá trị."
              "Tệp có dòng \"---\" chia thành nhiều phần…"
              "Tệp lồng nhau quá sâu hoặc lặp lại quá nhiều…"
              "Giá trị bắt đầu bằng dấu *!* (hoặc *&*): YAML hiểu *\"!Quan\"* là một thẻ kiểu (tag) (hoặc tên một bí danh) và bỏ nó khỏi nội dung…"
              "Giá trị có dấu ! ở đầu: YAML hiểu chữ sau dấu ! là một thẻ kiểu (tag)."
              "Giá trị bắt đầu bằng dấu *: YAML hiểu … là tên một bí danh (alias), nhưng không có bí danh nào tên như vậy."
              "Giá trị không được bắt đầu bằng dấu *@*: YAML dành dấu này cho việc khác."
              "Giá trị bắt đầu bằng dấu *>*: YAML hiểu đây là dấu mở một đoạn nhiều dòng…"
              "Giá trị bắt đầu bằng \"- \": YAML hiểu đây là một mục danh sách…"
              "Giá trị bắt đầu bằng \"? \": YAML dành dấu này cho việc khác."
              "Sau dấu ngoặc kép đóng vẫn còn chữ… / Sau dấu ngoặc đơn đóng vẫn còn chữ…"
              "Trong dấu ngoặc kép, YAML đọc *\"\\L\"* thành một ký tự đặc biệt…"
              "Trong dấu ngoặc kép, dấu \\ mở đầu một mã đặc biệt… nên YAML không đọc được giá trị có dấu \\ như thế này."
              "Thiếu dấu ngoặc đơn đóng (')."
              "Dấu *[* mở ở đây chưa được đóng bằng dấu *]*. / Dấu [ hoặc { mở mà chưa được đóng."
              "Dấu *{* lại được đóng bằng dấu *]*. / Dấu *]* ở đây thừa…"
              "Có hai dấu phẩy liền nhau (một mục trống) trong ngoặc [ ] hoặc { }."
              "Có một mục trống (dấu - hoặc dấu phẩy không có chữ theo sau) trong danh sách."
              "Dòng *\"points\"* thiếu dấu hai chấm sau tên khóa."
              "Dòng *\"date:29/11/2022\"* thiếu dấu cách sau dấu hai chấm."
              "Đầu dòng có dấu *%* thừa, trước *\"…\"*."
              "Trong ngoặc [ ] hoặc { } không viết dấu - trước mục…"
              "Dòng này thụt lề *3* dấu cách, còn khóa ở dòng trên thụt *4*… / Mục mới của danh sách … thụt lề … / Dòng này thụt lề không đúng."
              "Dòng đầu tiên (*\"title: …\"*) bắt đầu bằng dấu cách…"
              "Đầu dòng có một dấu cách không ngắt (no-break space, U+00A0)…"
              "Có một ký tự điều khiển không nhìn thấy được (mã *U+000B*)…"
              "Giữa tệp có một ký tự BOM (U+FEFF) không nhìn thấy được…"
              "`was` phải là một nhóm khóa ghi giá trị cũ (date, time, place), không phải một ngày viết thẳng."
              "Giá trị ở đây phải là chữ, hoặc một danh sách chữ."
              "Giá trị ở đây chỉ nhận true (có) hoặc false (không)."
              "Số *99999999999999999999* quá lớn."
              "Tệp kết thúc giữa chừng: có ngoặc hoặc dấu ngoặc kép mở mà chưa đóng."
              "Giá trị ở đây không đúng dạng bangtin cần… / Tệp YAML viết sai cách ở chỗ này.";
    BaseUrlInvalid { url: String }: error
        "`base_url` \"{url}\" không phải địa chỉ web."
        hint "Viết đầy đủ, bắt đầu bằng https://, ví dụ base_url: https://camngoc.camthuy.thanhhoa.gov.vn/dinh-danh"
        guide "`base_url` *\"…\"* không phải địa chỉ web.";
    CampaignMissing: error
        "Thiếu nhóm `campaign` (tên và thời gian của đợt vận động)."
        hint "Thêm:\ncampaign:\n  name: Đợt cao điểm …\n  start: 29/11/2022\n  end: 20/12/2022"
        guide "Thiếu nhóm `campaign` (tên và thời gian của đợt vận động).";
    EmergencyNumberRole { number: String, role: String }: warning
        "Số {number} là số khẩn cấp: trang và lời đọc chỉ giới thiệu nó là số khẩn cấp, không phải nơi {role}."
        hint "Ghi role: khẩn cấp cho số này, và thêm một liên hệ khác (số của Công an xã, Tổ công tác Đề án 06) để người dân hỏi đáp."
        guide "cảnh báo: Số *113* là số khẩn cấp: trang và lời đọc chỉ giới thiệu nó là số khẩn cấp…";
    VenueTwice { name: String, first: String }: error
        "Địa điểm \"{name}\" có tên trùng với \"{first}\" ở trên."
        hint "Tên một địa điểm (venues) không được trùng tên một thôn hay một địa điểm khác: đổi tên hoặc xóa dòng trùng."
        guide "Địa điểm *\"Kìm\"* có tên trùng với *\"Kìm\"* ở trên.";
    /// The `hamlet` a venue (or a session at a venue) says it is in.
    NotAHamlet { written: String }: error
        "\"{written}\" không phải một thôn trong danh sách hamlets của site.yaml."
        hint "Ghi tên một thôn trong hamlets của site.yaml, hoặc bỏ dòng hamlet này."
        guide "*\"…\"* không phải một thôn trong danh sách hamlets của site.yaml.";
    NotAHamletNear { written: String, best: String }: error
        "\"{written}\" không phải một thôn trong danh sách hamlets của site.yaml."
        hint "Có phải ý bạn là \"{best}\"? Ghi tên một thôn trong hamlets của site.yaml."
        guide "*\"…\"* không phải một thôn trong danh sách hamlets của site.yaml.";
    ZaloInvalid { written: String }: error
        "`zalo` \"{written}\" không phải số điện thoại hay đường dẫn Zalo."
        hint "Ghi số điện thoại dùng Zalo, ví dụ zalo: \"0912 345 678\", hoặc đường dẫn mời vào nhóm Zalo, ví dụ zalo: https://zalo.me/g/abcdef123."
        guide "`zalo` *\"…\"* không phải số điện thoại hay đường dẫn Zalo.";
    CoordsUnreadable { written: String }: error
        "`coords` \"{written}\" không đọc được thành tọa độ."
        hint "{COORDS_HINT}"
        guide "`coords` *\"…\"* không đọc được thành tọa độ. / … không phải tọa độ có thật.";
    CoordsImpossible { written: String }: error
        "`coords` \"{written}\" không phải tọa độ có thật."
        hint "{COORDS_HINT}"
        guide "`coords` *\"…\"* không đọc được thành tọa độ. / … không phải tọa độ có thật.";
    CoordsSwapped { written: String, lat: String, lon: String }: error
        "`coords` \"{written}\": có lẽ kinh độ và vĩ độ bị viết đảo chỗ."
        hint "Vĩ độ (số nhỏ, khoảng 8 đến 24 ở Việt Nam) viết trước: coords: {lat}, {lon}"
        guide "`coords` *\"104.0553, 10.2862\"*: có lẽ kinh độ và vĩ độ bị viết đảo chỗ.";
    CoordsAbroad { written: String }: warning
        "`coords` \"{written}\" là một chỗ nằm ngoài Việt Nam."
        hint "Kiểm tra lại hai số. {COORDS_HINT}"
        guide "cảnh báo: `coords` *\"…\"* là một chỗ nằm ngoài Việt Nam.";
    HamletsMissing: error
        "Chưa có thôn nào trong danh sách `hamlets`."
        hint "Thêm:\nhamlets:\n  - name: Đông Lão\n    kind: thôn"
        guide "Chưa có thôn nào trong danh sách `hamlets`.";
    EmbedRefused { entry: String, why: String }: error
        "`embeds`: \"{entry}\" không dùng được: {why}."
        hint "Viết tên miền của nơi cho nhúng video, bản đồ, ví dụ:\nembeds:\n  - www.youtube.com\n  - www.google.com/maps"
        guide "`embeds`: *\"…\"* không dùng được: …";
    PronounceKeyRefused { written: String, why: String }: error
        "`pronounce`: \"{written}\" không dùng được: {why}."
        hint "Mỗi dòng là một chữ viết tắt (viết liền) và cách đọc. {PRONOUNCE_EXAMPLE}"
        guide "`pronounce`: *\"Đề án\"* không dùng được: chỉ được gồm chữ và số viết liền…";
    PronounceReadingMissing { written: String }: error
        "`pronounce`: chưa ghi cách đọc của \"{written}\"."
        hint "Mỗi dòng là một chữ viết tắt (viết liền) và cách đọc. {PRONOUNCE_EXAMPLE}"
        guide "`pronounce`: chưa ghi cách đọc của *\"HTX\"*.";
    // 8.12 Tiến độ (progress.yaml)
    KindsMissing: error
        "Chưa khai báo loại số liệu nào trong `kinds`."
        hint "Thêm ở đầu tệp, ví dụ:\nkinds:\n  - key: activated\n    name: Đã kích hoạt\n    unit: tài khoản"
        guide "Chưa khai báo loại số liệu nào trong `kinds`.";
    KindKeySpaced { key: String, suggestion: String }: error
        "`key` \"{key}\" có dấu cách hoặc dấu hai chấm."
        hint "Key là tên ngắn viết liền, dùng trong chỉ tiêu và báo cáo, ví dụ key: {suggestion}"
        guide "`key` *\"…\"* có dấu cách hoặc dấu hai chấm.";
    KindKeyReserved { key: String, reserved: String }: error
        "`key` \"{key}\" trùng với một khóa có sẵn."
        hint "Đặt tên khác; không dùng {reserved} làm key."
        guide "`key` *\"…\"* trùng với một khóa có sẵn.";
    KindTwice { key: String, first_line: u32 }: error
        "Loại số liệu `{key}` được khai báo hai lần (lần đầu ở dòng {first_line})."
        hint "Mỗi key chỉ khai báo một lần trong kinds; xóa mục trùng hoặc đổi key."
        guide "Loại số liệu *`…`* được khai báo hai lần …";
    MainKindUnknown { value: String, keys: String }: error
        "`main_kind` \"{value}\" không có trong kinds."
        hint "Sửa thành một key trong kinds: {keys}."
        guide "`main_kind` *\"…\"* không có trong kinds.";
    MainKindUnknownNear { value: String, best: String }: error
        "`main_kind` \"{value}\" không có trong kinds."
        hint "Có phải ý bạn là `{best}`? main_kind phải là một key trong kinds."
        guide "`main_kind` *\"…\"* không có trong kinds.";
    /// A figure `vi::number_format` can't read: its words.
    FigureValue { key: String, what: String, fix: String }: error
        "`{key}`: {what}"
        hint "{fix}"
        guide "*`activated`*: không đọc được số *“…”* (hoặc: số âm; không phải số nguyên; là phần trăm; quá lớn)";
    NumberSplitByComma { number: String }: error
        "Số `{number}` đứng riêng như một khóa: có thể một con số đã bị dấu phẩy cắt đôi."
        hint "Trong ngoặc nhọn {{ }}, dấu phẩy ngăn cách các mục. Viết số không có dấu phẩy (1250) hoặc dùng dấu chấm ngăn cách hàng nghìn (1.250)."
        guide "Số *`250`* đứng riêng như một khóa: có thể một con số đã bị dấu phẩy cắt đôi.";
    FigureKeyUnknown { key: String, allowed: String }: error
        "Khóa `{key}` không dùng được ở đây."
        hint "Nếu đây là một loại số liệu mới, khai báo nó trong kinds ở đầu tệp; nếu không, sửa thành một trong các khóa: {allowed}."
        guide "Khóa *`titel`* không dùng được ở đây.";
    FigureKeyUnknownNear { key: String, allowed: String, best: String }: error
        "Khóa `{key}` không dùng được ở đây."
        hint "Có phải ý bạn là `{best}`? Các khóa dùng được: {allowed} (loại số liệu khai báo trong kinds)."
        guide "Khóa *`titel`* không dùng được ở đây.";
    EntryWithoutFigures { what: String, example: String }: error
        "{what} này không có số liệu nào."
        hint "Thêm ít nhất một số liệu theo key trong kinds, ví dụ {example}: 95, hoặc xóa mục này."
        guide "*Báo cáo / Chỉ tiêu* này không có số liệu nào.";
    // 8.2 (links)
    LinkOutside { target: String }: error
        "Đây là liên kết (symlink) trỏ ra ngoài thư mục trang, tới {target}; bangtin không đọc hay đăng gì ở ngoài thư mục trang."
        hint "Chép tệp hoặc thư mục thật vào thư mục trang thay cho liên kết."
        guide "Liên kết (symlink) trong static/ trỏ ra ngoài thư mục trang hoặc tới thư mục.";
    LinkBroken: error
        "Đây là liên kết (symlink) hỏng: nó trỏ tới nơi không còn tồn tại."
        hint "Xóa liên kết này, hoặc chép tệp thật vào chỗ của nó."
        guide "Đây là liên kết (symlink) hỏng: nó trỏ tới nơi không còn tồn tại.";
    StaticUnreadable: error
        "Không đọc được thư mục hoặc tệp trong static/."
        hint "Kiểm tra quyền đọc."
        guide "Không đọc được thư mục hoặc tệp trong static/.";
    StaticLinkToFolder: error
        "Liên kết (symlink) trong static/ trỏ tới một thư mục; bangtin chỉ chép tệp."
        hint "Chép thư mục thật vào static/ thay cho liên kết."
        guide "Liên kết (symlink) trong static/ trỏ ra ngoài thư mục trang hoặc tới thư mục.";
    ProgressYmlIgnored: warning
        "Tệp progress.yml không được đọc."
        hint "Đổi tên tệp thành progress.yaml."
        guide "cảnh báo: Tệp progress.yml không được đọc.";
    // 8.6 Dữ liệu cá nhân
    IdNumbers { count: usize, lines: String }: error
        "Có {count} số định danh cá nhân (số căn cước, 12 chữ số) trong nội dung (dòng {lines}). Đây là dữ liệu cá nhân của công dân, không được đăng công khai ({DECREE})."
        hint "Xóa các số này khỏi tệp. Danh sách người dân cần hỗ trợ chỉ gửi qua kênh nội bộ, không đưa lên trang. Nếu cần ví dụ trong bài hướng dẫn, viết 0xx xxx xxx xxx thay cho một số thật."
        guide "Có … số định danh cá nhân (số căn cước, 12 chữ số) trong nội dung (dòng …)";
    PhoneList { count: usize, lines: String }: error
        "Có {count} số điện thoại di động trong nội dung (dòng {lines}): giống một danh sách số điện thoại cá nhân của người dân. Đây là dữ liệu cá nhân của công dân, không được đăng công khai ({DECREE})."
        hint "Xóa các số này khỏi tệp. Số liên hệ chính thức (tổ công tác, cán bộ trực, đường dây nóng) ghi trong contacts (của site.yaml, của thôn hoặc của điểm thu nhận): số trong contacts không bị coi là dữ liệu cá nhân."
        guide "Có … số điện thoại di động trong nội dung (dòng …): giống một danh sách số điện thoại cá nhân";
    BirthDates { count: usize, lines: String }: error
        "Có {count} ngày sinh trong nội dung (dòng {lines}): giống một danh sách người dân. Đây là dữ liệu cá nhân của công dân, không được đăng công khai ({DECREE})."
        hint "Xóa ngày sinh và tên người dân khỏi tệp; danh sách người dân chỉ gửi qua kênh nội bộ, không đưa lên trang."
        guide "Có … ngày sinh trong nội dung (dòng …)";
    // 8.7 Lịch và điểm thu nhận
    PointKindUnknown { value: String }: error
        "`kind` \"{value}\" không phải loại điểm thu nhận đã biết."
        hint "Viết kind: fixed (điểm cố định) hoặc kind: mobile (điểm lưu động)."
        guide "`kind` *\"…\"* không phải loại điểm thu nhận đã biết.";
    PointKindUnknownNear { value: String, best: String }: error
        "`kind` \"{value}\" không phải loại điểm thu nhận đã biết."
        hint "Có phải ý bạn là `{best}`? Viết kind: fixed (cố định) hoặc kind: mobile (lưu động)."
        guide "`kind` *\"…\"* không phải loại điểm thu nhận đã biết.";
    RouteOfFixedPoint { written: String }: error
        "Điểm có `route` (lộ trình của tổ lưu động) nhưng ghi `kind: {written}`."
        hint "Lộ trình chỉ dành cho điểm lưu động: viết kind: mobile (hoặc bỏ dòng kind), hoặc xóa route nếu đây là điểm cố định."
        guide "Điểm có `route` (lộ trình của tổ lưu động) nhưng ghi `kind: …`.";
    // 8.9 Bài hướng dẫn và trang
    FrontMatterUnclosed: error
        "Phần đầu (front matter) mở bằng dòng --- nhưng không có dòng --- đóng lại."
        hint "Thêm một dòng chỉ có --- sau các dòng title, summary."
        guide "Phần đầu (front matter) mở bằng dòng --- nhưng không có dòng --- đóng lại.";
    FrontMatterMissing: error
        "Tệp không có phần đầu (front matter) với tiêu đề."
        hint "Bắt đầu tệp bằng ba dòng:\n---\ntitle: Tiêu đề của bài\n---"
        guide "Tệp không có phần đầu (front matter) với tiêu đề.";
    TitleMissing: error
        "Thiếu tiêu đề: phần đầu không có `title`."
        hint "Thêm một dòng title: … giữa hai dòng ---, ví dụ title: Cài đặt ứng dụng VNeID"
        guide "Thiếu tiêu đề: phần đầu không có `title`.";
    FileNameNotSlug { name: String, slug: String }: warning
        "Tên tệp \"{name}\" có dấu, chữ hoa hoặc dấu cách; địa chỉ trang sẽ dùng \"{slug}\"."
        hint "Đổi tên tệp thành {slug}.md để địa chỉ trang rõ ràng."
        guide "cảnh báo: Tên tệp *\"Kích hoạt\"* có dấu, chữ hoa hoặc dấu cách…";
    // 8.13 Trang tỉnh, huyện
    /// YAML of a province's site.yaml that does not read: `yaml`'s words and
    /// what a province's site.yaml holds.
    ProvinceYamlSyntax { what: String, fix: String }: error
        "{what}"
        hint "{fix} Trang tỉnh/huyện chỉ có title, authority, place, base_url và communes; lịch và thôn nằm trong site.yaml của từng xã."
        guide "*…* Trang tỉnh/huyện chỉ có title, authority, place, base_url và communes…";
    ProvinceBaseUrlInvalid { url: String }: error
        "`base_url` \"{url}\" không phải địa chỉ web."
        hint "Viết đầy đủ, bắt đầu bằng https://"
        guide "`base_url` *\"…\"* không phải địa chỉ web.";
    ProvinceWithoutCommunes: error
        "Trang tỉnh/huyện chưa có xã nào."
        hint "Thêm danh sách thư mục các xã:\ncommunes:\n  - xa/cam-ngoc\n  - xa/cam-son"
        guide "Trang tỉnh/huyện chưa có xã nào.";
    CommuneFolderMissing { folder: String }: error
        "Không có trang xã ở thư mục \"{folder}\" (cần có tệp site.yaml, nằm trong thư mục tỉnh)."
        hint "Sửa tên thư mục trong communes cho đúng, ví dụ - xa/cam-ngoc"
        guide "Không có trang xã ở thư mục *\"…\"* (cần có tệp site.yaml, nằm trong thư mục tỉnh).";
    CommuneSlugTaken { base: String, folder: String, slug: String }: warning
        "Hai xã cho cùng địa chỉ \"xa/{base}/\"; thư mục \"{folder}\" dùng \"xa/{slug}/\"."
        hint "Đổi tên một trong hai thư mục cho khác nhau."
        guide "cảnh báo: Hai xã cho cùng địa chỉ *\"xa/…/\"*…";
    /// YAML of a national root's site.yaml that does not read.
    NationYamlSyntax { what: String, fix: String }: error
        "{what}"
        hint "{fix} Trang toàn quốc chỉ có title, authority, place, base_url và provinces; xã nằm trong thư mục của từng tỉnh."
        guide "*…* Trang toàn quốc chỉ có title, authority, place, base_url và provinces…";
    NationWithoutProvinces: error
        "Trang toàn quốc chưa có tỉnh nào."
        hint "Thêm danh sách thư mục các tỉnh:\nprovinces:\n  - tinh/thanh-hoa\n  - tinh/kien-giang"
        guide "Trang toàn quốc chưa có tỉnh nào.";
    ProvinceFolderMissing { folder: String }: error
        "Không có trang tỉnh ở thư mục \"{folder}\" (cần có tệp site.yaml, nằm trong thư mục gốc)."
        hint "Sửa tên thư mục trong provinces cho đúng, ví dụ - tinh/thanh-hoa"
        guide "Không có trang tỉnh ở thư mục *\"…\"* (cần có tệp site.yaml, nằm trong thư mục gốc).";
    ProvinceSlugTaken { base: String, folder: String, slug: String }: warning
        "Hai tỉnh cho cùng địa chỉ \"tinh/{base}/\"; thư mục \"{folder}\" dùng \"tinh/{slug}/\"."
        hint "Đổi tên một trong hai thư mục cho khác nhau."
        guide "cảnh báo: Hai tỉnh cho cùng địa chỉ *\"tinh/…/\"*…";
    /// `--province` names no province of the national root.
    ProvinceUnknown { slug: String, known: String }: error
        "Không có tỉnh \"{slug}\" trong trang toàn quốc."
        hint "Dùng một trong các tên: {known}."
        guide "Không có tỉnh *\"…\"* trong trang toàn quốc.";
    /// `--province` on a root that is not national.
    ProvinceOptionNeedsNation: error
        "Tùy chọn --province chỉ dùng cho trang toàn quốc (site.yaml có provinces)."
        hint "Bỏ --province, hoặc chọn --root là thư mục toàn quốc."
        guide "Tùy chọn --province chỉ dùng cho trang toàn quốc (site.yaml có provinces).";
    TemplateReadsEnvironment: error
        "Mẫu giao diện gọi get_env (đọc biến môi trường của máy dựng trang, có thể lộ mật khẩu, khóa triển khai)."
        hint "Xóa lời gọi get_env; nội dung trang chỉ lấy từ thư mục trang."
        guide "Mẫu giao diện gọi get_env (đọc biến môi trường của máy dựng trang…).";
    TemplateUsesDays: error
        "Mẫu giao diện dùng biến `days` của bản bangtin cũ; bản này không còn biến đó, nên bảng lịch sẽ trống."
        hint "Các dòng của bảng lịch nay do bangtin viết sẵn: `{{{{ session_rows | safe }}}}` (lịch các thôn, lịch từng thôn, bảng nhúng) và `{{{{ week.rows | safe }}}}` (lịch tuần). Chép lại tệp cùng tên từ themes/default/templates/ của bản này rồi sửa, hoặc xóa tệp để dùng giao diện mặc định."
        guide "Mẫu giao diện dùng biến `days` của bản bangtin cũ…";
    /// Tera's error, reworded in Vietnamese (`theme::tera_words`).
    TemplateBroken { chain: String }: error
        "Mẫu giao diện bị lỗi: {chain}"
        hint "Sửa tệp mẫu theo thông báo trên, hoặc xóa nó để dùng giao diện mặc định của bangtin."
        guide "Mẫu giao diện bị lỗi: …";
    /// A cycle of includes, `extends` and macro calls (`theme::recursion`).
    TemplateCalledInLoop { chain: String }: error
        "Mẫu giao diện gọi vòng lại chính nó: {chain}. Dựng trang như vậy không bao giờ xong (chương trình sẽ tràn bộ nhớ và dừng), nên bangtin không dựng."
        hint "Bỏ lời gọi ở chỗ này ({{% include %}}, {{% extends %}} hoặc macro): một mẫu không được gọi lại chính nó, dù trực tiếp hay qua mẫu khác."
        guide "Mẫu giao diện gọi vòng lại chính nó: *page.html → page.html*…";
    TemplateExtendsItself { name: String }: error
        "Mẫu giao diện {name} mở rộng (extends) chính nó, nên không bao giờ dựng xong; bangtin không dựng."
        hint "Để dựa trên mẫu {name} có sẵn của bangtin, viết {{% extends \"default/{name}\" %}} (thêm default/ trước tên)."
        guide "Mẫu giao diện *base.html* mở rộng (extends) chính nó…";
    HtmlTooDeep { limit: usize }: error
        "HTML viết tay lồng nhau quá sâu (hơn {limit} thẻ mở chưa đóng); có thể đã dán nhầm hoặc thiếu thẻ đóng."
        hint "Kiểm tra mỗi thẻ <div>, <span> … đều có thẻ đóng </div>, </span>; hoặc viết lại phần này bằng markdown."
        guide "HTML viết tay lồng nhau quá sâu…";
    FrameNotListed { host: String }: warning
        "Khung nhúng (iframe) từ {host} sẽ bị bỏ khỏi trang: {host} chưa có trong danh sách `embeds` của site.yaml."
        hint "Nếu tin cậy nguồn này, thêm vào site.yaml:\nembeds:\n  - {host}"
        guide "cảnh báo: Khung nhúng (iframe) từ *…* sẽ bị bỏ khỏi trang…";
    FrameNotHttps: warning
        "Khung nhúng (iframe) sẽ bị bỏ khỏi trang: địa chỉ của nó không bắt đầu bằng https://."
        hint "Lấy lại mã nhúng từ trang gốc (nút Chia sẻ → Nhúng); địa chỉ phải bắt đầu bằng https://."
        guide "cảnh báo: Khung nhúng (iframe) sẽ bị bỏ khỏi trang: …";
    FrameWithoutAddress: warning
        "Khung nhúng (iframe) sẽ bị bỏ khỏi trang: nó không có địa chỉ src hợp lệ."
        hint "Lấy lại mã nhúng từ trang gốc (nút Chia sẻ → Nhúng), dán nguyên văn."
        guide "cảnh báo: Khung nhúng (iframe) sẽ bị bỏ khỏi trang: …";
    /// A file or folder name Windows keeps for a device (`disk::is_windows_reserved`).
    WindowsReservedFileName { name: String, suggestion: String }: warning
        "Tên \"{name}\" là tên Windows dành riêng cho thiết bị (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, có hay không có đuôi tệp): trang vẫn được tạo, nhưng thư mục trang không chép, giải nén hay tải lên được từ máy Windows."
        hint "Đổi tên tệp hoặc thư mục, ví dụ \"{suggestion}\"."
        guide "cảnh báo: Tên *\"CON.md\"* là tên Windows dành riêng cho thiết bị…";
    /// A file that runs script when opened from the site: `load::active_content`.
    ActiveContent { what: String }: warning
        "Tệp này chứa mã chạy được khi mở trên trang ({what}): ai sửa được tệp là chạy được mã trong trình duyệt của người xem."
        hint "Nếu không tự tay viết mã đó, xuất lại ảnh SVG bằng chương trình vẽ (Inkscape: Lưu thành → SVG tối ưu / SVG thường) hoặc đổi sang PNG; trang HTML thì bỏ thẻ <script>, các thuộc tính on… và địa chỉ javascript:."
        guide "cảnh báo: Tệp này chứa mã chạy được khi mở trên trang (*thẻ <script>*…)…";
    DocumentsSameAddress { kind: String, stem: String, other: String }: error
        "Hai bài {kind} cùng dùng địa chỉ \"{stem}\" (bài kia: {other})."
        hint "Đổi tên một trong hai tệp."
        guide "Hai bài … cùng dùng địa chỉ …";
    PageAddressReserved { stem: String, reserved: String }: error
        "Trang \"{stem}\" trùng địa chỉ với một trang bangtin tự tạo."
        hint "Đổi tên tệp; các tên đã dùng: {reserved}."
        guide "Trang *\"lich\"* trùng địa chỉ với một trang bangtin tự tạo.";
    StaticFileReserved { path: String }: error
        "Tệp static/{path} trùng với một trang bangtin tự tạo."
        hint "Đổi tên hoặc chuyển tệp này vào một thư mục con của static/."
        guide "Tệp static/… trùng với một trang bangtin tự tạo.";
    // 8.4 site.yaml: hamlets
    HamletTwice { name: String, first: String }: error
        "Thôn \"{name}\" có tên trùng với thôn \"{first}\" ở trên."
        hint "Mỗi thôn chỉ ghi một lần trong hamlets; xóa dòng trùng."
        guide "Thôn *\"Hòa\"* có tên trùng với thôn *\"Hoà\"* ở trên.";
    SlugInvalid { slug: String, suggestion: String }: error
        "`slug` \"{slug}\" không dùng được làm địa chỉ trang."
        hint "Chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ slug: {suggestion}"
        guide "`slug` *\"…\"* không dùng được làm địa chỉ trang.";
    SlugTwice { first: String, second: String, slug: String }: error
        "Hai thôn \"{first}\" và \"{second}\" cùng dùng slug \"{slug}\"."
        hint "Đổi slug của một trong hai thôn."
        guide "Hai thôn … cùng dùng slug …";
    SlugTaken { name: String, other: String, base: String, slug: String }: warning
        "Thôn \"{name}\" và thôn \"{other}\" cho cùng địa chỉ \"{base}\"; thôn \"{name}\" dùng \"{slug}\"."
        hint "Thêm slug cho thôn này để tự chọn địa chỉ, ví dụ slug: {slug}"
        guide "cảnh báo: Thôn *\"Sống\"* và thôn *\"Song\"* cho cùng địa chỉ *\"song\"*…";
    /// A hamlet's address (explicit or made from its name) Windows keeps for a device.
    WindowsReservedSlug { slug: String, name: String }: warning
        "Địa chỉ lich/{slug}/ của \"{name}\" dùng tên Windows dành riêng cho thiết bị: trang vẫn được tạo, nhưng thư mục trang không chép, giải nén hay tải lên được từ máy Windows."
        hint "Đặt slug cho \"{name}\" trong site.yaml, ví dụ slug: thon-{slug}"
        guide "cảnh báo: Địa chỉ lich/*con*/ của *\"…\"* dùng tên Windows dành riêng cho thiết bị…";
    SlugTooLong { name: String, chars: usize, limit: usize, short: String }: error
        "Địa chỉ trang của \"{name}\" dài {chars} ký tự, quá {limit}: thư mục trang không ghi được ra đĩa (mỗi tên tệp tối đa 255 byte) và đường dẫn quá dài để chia sẻ."
        hint "Đặt slug ngắn cho thôn này trong site.yaml, ví dụ slug: {short}"
        guide "Địa chỉ trang của *\"…\"* dài … ký tự, quá …";
    SlugLong { name: String, chars: usize, short: String }: warning
        "Địa chỉ trang của \"{name}\" dài {chars} ký tự: trang vẫn được tạo, nhưng đường dẫn dài khó gõ, tốn thêm tin nhắn SMS và có thể vượt giới hạn đường dẫn của Windows khi chép thư mục."
        hint "Đặt slug ngắn (dưới 60 ký tự) cho thôn này trong site.yaml, ví dụ slug: {short}"
        guide "cảnh báo: Địa chỉ trang của *\"…\"* dài … ký tự…";
    SlugLikeWeek { slug: String, name: String }: error
        "Địa chỉ lich/{slug}/ của thôn \"{name}\" trùng dạng địa chỉ lịch tuần hoặc tháng (lich/tuan-<năm>-<tuần>/, lich/thang-<năm>-<tháng>/) mà bangtin tự tạo."
        hint "Đặt slug khác cho thôn này, ví dụ slug: thon-{slug}"
        guide "Địa chỉ lich/*…*/ của thôn *\"…\"* trùng dạng địa chỉ lịch tuần…";
    // 8.7 Lịch và điểm thu nhận
    HamletUnknown { name: String, names: String }: error
        "Thôn \"{name}\" không có trong danh sách hamlets của site.yaml."
        hint "Sửa tên cho đúng một thôn trong site.yaml ({names}), hoặc thêm thôn này vào danh sách hamlets trong site.yaml."
        guide "Thôn *\"Song Ngà\"* không có trong danh sách hamlets của site.yaml.";
    HamletUnknownNear { name: String, best: String }: error
        "Thôn \"{name}\" không có trong danh sách hamlets của site.yaml."
        hint "Có phải ý bạn là \"{best}\"? Tên thôn phải viết đúng như trong site.yaml (tên hoặc một tên khác trong aliases)."
        guide "Thôn *\"Song Ngà\"* không có trong danh sách hamlets của site.yaml.";
    SessionOutsideCampaign { hamlet: String, date: String, start: String, end: String }: warning
        "Buổi của thôn {hamlet} ngày {date} nằm ngoài thời gian đợt vận động ({start} – {end})."
        hint "Kiểm tra lại ngày của buổi, hoặc sửa start/end của campaign trong site.yaml."
        guide "cảnh báo: Buổi của thôn … ngày … nằm ngoài thời gian đợt vận động (…).";
    StopOutsideCampaign { team: String, date: String, start: String, end: String }: warning
        "Lộ trình của {team}: ngày {date} nằm ngoài thời gian đợt vận động ({start} – {end})."
        hint "Kiểm tra lại ngày trong route, hoặc sửa start/end của campaign trong site.yaml."
        guide "cảnh báo: Lộ trình của …: ngày … nằm ngoài thời gian đợt vận động (…).";
    SessionTwice { hamlet: String, date: String, other: String }: warning
        "Thôn {hamlet} có hai buổi cùng ngày {date} cùng giờ (buổi kia ở {other})."
        hint "Xóa buổi trùng, hoặc sửa ngày/giờ cho đúng."
        guide "cảnh báo: Thôn … có hai buổi cùng ngày … cùng giờ (buổi kia ở …).";
    ProgressHamletUnknown { name: String, names: String }: error
        "Thôn \"{name}\" không có trong danh sách hamlets của site.yaml."
        hint "Sửa tên cho đúng một thôn trong site.yaml ({names}), hoặc thêm thôn này vào hamlets trong site.yaml."
        guide "Thôn *\"Song Ngà\"* không có trong danh sách hamlets của site.yaml.";
    ProgressHamletUnknownNear { name: String, best: String }: error
        "Thôn \"{name}\" không có trong danh sách hamlets của site.yaml."
        hint "Có phải ý bạn là \"{best}\"? Tên thôn phải viết đúng như trong site.yaml."
        guide "Thôn *\"Song Ngà\"* không có trong danh sách hamlets của site.yaml.";
    TargetZero { key: String }: error
        "Chỉ tiêu `{key}` bằng 0."
        hint "Ghi chỉ tiêu lớn hơn 0, hoặc xóa dòng này nếu không giao chỉ tiêu."
        guide "Chỉ tiêu *`activated`* bằng 0.";
    /// `first` is where the first was written: " (lần đầu ở dòng 12)", or "".
    HamletTargetTwice { hamlet: String, first: String }: error
        "Chỉ tiêu của thôn {hamlet} được ghi hai lần{first}."
        hint "Gộp hai mục thành một: mỗi thôn một dòng chỉ tiêu."
        guide "Chỉ tiêu của *thôn … / giai đoạn …* được ghi hai lần …";
    TotalBelowHamlets { key: String, total: String, sum: String }: warning
        "Chỉ tiêu toàn bộ `{key}` là {total}, nhỏ hơn tổng chỉ tiêu các thôn ({sum})."
        hint "Kiểm tra lại chỉ tiêu trong targets.total và targets.hamlets; tỷ lệ toàn bộ được tính theo targets.total."
        guide "cảnh báo: Chỉ tiêu toàn bộ *`…`* là …, nhỏ hơn tổng chỉ tiêu các thôn (…).";
    PhaseUnknownNoPhases { name: String }: error
        "Giai đoạn \"{name}\" không có trong campaign.phases của site.yaml."
        hint "site.yaml chưa có giai đoạn nào: thêm campaign.phases (name, start, end) vào site.yaml, hoặc bỏ targets.phases."
        guide "Giai đoạn *\"…\"* không có trong campaign.phases của site.yaml.";
    PhaseUnknown { name: String, names: String }: error
        "Giai đoạn \"{name}\" không có trong campaign.phases của site.yaml."
        hint "Sửa thành một giai đoạn trong site.yaml: {names}."
        guide "Giai đoạn *\"…\"* không có trong campaign.phases của site.yaml.";
    PhaseUnknownNear { name: String, best: String }: error
        "Giai đoạn \"{name}\" không có trong campaign.phases của site.yaml."
        hint "Có phải ý bạn là \"{best}\"? Tên giai đoạn phải viết đúng như campaign.phases trong site.yaml."
        guide "Giai đoạn *\"…\"* không có trong campaign.phases của site.yaml.";
    /// `first` is where the first was written: " (lần đầu ở dòng 12)", or "".
    PhaseTargetTwice { phase: String, first: String }: error
        "Chỉ tiêu của {phase} được ghi hai lần{first}."
        hint "Gộp hai mục thành một: mỗi giai đoạn một dòng chỉ tiêu."
        guide "Chỉ tiêu của *thôn … / giai đoạn …* được ghi hai lần …";
    PercentWithoutTotal { key: String }: error
        "Chỉ tiêu `{key}` ghi theo phần trăm nhưng chưa có chỉ tiêu toàn bộ để tính."
        hint "Thêm chỉ tiêu toàn bộ, ví dụ targets.total: {{{key}: 8213}}, hoặc ghi số lượng thay cho phần trăm."
        guide "Chỉ tiêu *`…`* ghi theo phần trăm nhưng chưa có chỉ tiêu toàn bộ để tính.";
    PhasePercentsOver { key: String, percent: String }: warning
        "Cộng các giai đoạn, chỉ tiêu `{key}` thành {percent} chỉ tiêu toàn bộ."
        hint "Mỗi giai đoạn ghi phần phải làm thêm trong giai đoạn đó, không cộng dồn: \"50% đến 25/6, 100% đến 10/7\" viết thành 50% cho giai đoạn 1 và 50% cho giai đoạn 2."
        guide "cảnh báo: Cộng các giai đoạn, chỉ tiêu *`…`* thành … (nhiều hơn) chỉ tiêu toàn bộ.";
    PhaseCountsOver { key: String, sum: String, total: String }: warning
        "Cộng các giai đoạn, chỉ tiêu `{key}` thành {sum}, nhiều hơn chỉ tiêu toàn bộ ({total})."
        hint "Mỗi giai đoạn ghi phần phải làm thêm trong giai đoạn đó, không cộng dồn với giai đoạn trước."
        guide "cảnh báo: Cộng các giai đoạn, chỉ tiêu *`…`* thành … (nhiều hơn) chỉ tiêu toàn bộ.";
    ReportOutsideCampaign { hamlet: String, date: String, start: String, end: String }: warning
        "Báo cáo của thôn {hamlet} ngày {date} nằm ngoài thời gian đợt vận động ({start} – {end})."
        hint "Kiểm tra lại ngày báo cáo (có gõ nhầm tháng hoặc năm?), hoặc sửa start/end của campaign trong site.yaml nếu đợt được kéo dài."
        guide "cảnh báo: Báo cáo của thôn … ngày … nằm ngoài thời gian đợt vận động (…).";
    /// `other` is where the other was written: " (báo cáo kia ở dòng 12)", or "".
    ReportTwice { hamlet: String, date: String, other: String }: error
        "Thôn {hamlet} có hai báo cáo cùng ngày {date}{other}."
        hint "Mỗi thôn mỗi ngày chỉ một báo cáo: gộp hai dòng lại, hoặc sửa ngày cho đúng."
        guide "Thôn … có hai báo cáo cùng ngày …";
    /// `line` is where the earlier report is: " (dòng 12)", or "".
    FigureDecreased { key: String, hamlet: String, date: String, value: String, before_date: String, before: String, line: String }: warning
        "Số `{key}` của thôn {hamlet} ngày {date} là {value}, ít hơn số đã báo ngày {before_date} ({before}); số báo cáo là số cộng dồn nên không giảm."
        hint "Nếu gõ nhầm, sửa lại số này. Nếu số trước bị báo thừa, sửa số ở báo cáo ngày {before_date}{line}. Trang vẫn dùng số mới nhất."
        guide "cảnh báo: Số *`…`* của thôn … ngày … là …, ít hơn số đã báo ngày …";
    FigureImplausible { hamlet: String, value: String, key: String, date: String, share: String, target: String }: warning
        "Thôn {hamlet} báo {value} `{key}` ngày {date}, bằng {share} chỉ tiêu của thôn ({target})."
        hint "Kiểm tra lại số này (có gõ thừa chữ số?) hoặc chỉ tiêu của thôn trong targets.hamlets."
        guide "cảnh báo: Thôn … báo … ngày …, bằng … chỉ tiêu của thôn (…).";
    // 8.10 Ghi trang ra đĩa
    CannotWrite { reason: String }: error
        "Không ghi được: {reason}."
        hint "Kiểm tra ổ đĩa còn chỗ trống và bạn có quyền ghi vào thư mục đầu ra."
        guide "Không ghi được: …";
    OutputLinkBroken: error
        "Thư mục đầu ra là một liên kết (symlink) hỏng: nó trỏ tới nơi không tồn tại."
        hint "Sửa hoặc xóa liên kết, hoặc chọn thư mục khác bằng --output."
        guide "Thư mục đầu ra là một liên kết (symlink) hỏng…";
    /// `real` is " (tức là /the/real/path)" when `..` or a link hid it, or "";
    /// `clash` says how the two folders meet.
    OutputClashesWithContent { output: String, real: String, clash: String, root: String }: error
        "Thư mục đầu ra {output}{real} {clash} {root}; bangtin thay mới hoàn toàn thư mục đầu ra mỗi lần build, nên không ghi vào đó để khỏi xóa hay trộn lẫn nội dung."
        hint "Chọn thư mục đầu ra ở ngoài thư mục nội dung, ví dụ --output public"
        guide "Thư mục đầu ra … trùng, nằm trong, hoặc chứa thư mục nội dung …";
    OutputIsFile: error
        "Đường dẫn đầu ra là một tệp, không phải thư mục."
        hint "Chọn tên thư mục khác bằng --output."
        guide "Đường dẫn đầu ra là một tệp, không phải thư mục.";
    OutputHasOtherFiles: error
        "Thư mục đầu ra đã có tệp không do bangtin tạo; bangtin không xóa chúng."
        hint "Chọn một thư mục mới hoặc trống bằng --output, hoặc tự chuyển các tệp kia đi chỗ khác."
        guide "Thư mục đầu ra đã có tệp không do bangtin tạo; bangtin không xóa chúng.";
    BaseUrlOptionInvalid { url: String }: error
        "--base-url \"{url}\" không phải địa chỉ web."
        hint "Viết đầy đủ, bắt đầu bằng https://, ví dụ --base-url https://camngoc.camthuy.thanhhoa.gov.vn/dinh-danh"
        guide "--base-url *\"…\"* không phải địa chỉ web.";
    ZipFailed { reason: String }: error
        "Không tạo được tệp nén: {reason}."
        hint "Kiểm tra ổ đĩa còn chỗ trống và bạn có quyền ghi vào thư mục chứa thư mục đầu ra."
        guide "Không tạo được tệp nén: …";
    ZipPathIsFolder: error
        "Đã có một thư mục trùng tên với tệp nén."
        hint "Đổi tên hoặc chuyển thư mục đó đi, hoặc chọn --output khác."
        guide "Đã có một thư mục trùng tên với tệp nén.";
    InitFolderNotEmpty: error
        "Thư mục đã có tệp; bangtin init không ghi đè."
        hint "Chọn tên thư mục mới, ví dụ: bangtin init trang-moi"
        guide "Thư mục đã có tệp; bangtin init không ghi đè.";
    InitCannotCreateFolder { reason: String }: error
        "Không tạo được thư mục: {reason}."
        guide "Không tạo được thư mục: … / Không ghi được tệp: …";
    InitCannotWrite { reason: String }: error
        "Không ghi được tệp: {reason}."
        guide "Không tạo được thư mục: … / Không ghi được tệp: …";
    /// A data file that could not be written: a bug, not the officer's.
    DataCsvFailed { reason: String }: error
        "Không tạo được tệp CSV: {reason}";
    /// A preview image resvg could not draw: a bug, not the officer's.
    PreviewFailed: error
        "Không tạo được tệp ảnh xem trước này."
        hint "Báo lỗi này cho người bảo trì bangtin.";
    /// The province's shared CSV that could not be written: a bug.
    ProvinceCsvFailed { reason: String }: error
        "Không tạo được tệp CSV chung: {reason}";
    /// progress.yaml's CSV that could not be written: a bug.
    ProgressCsvFailed { reason: String }: error
        "Không tạo được tệp CSV: {reason}."
        hint "Báo lỗi này cho người bảo trì bangtin.";
    /// progress.yaml's JSON that could not be written: a bug.
    ProgressJsonFailed: error
        "Không tạo được tệp JSON."
        hint "Báo lỗi này cho người bảo trì bangtin.";
    // 8.14 Đọc lời loa thành âm thanh (--audio)
    EspeakMissing: warning
        "Không tìm thấy chương trình espeak-ng nên chưa tạo tệp âm thanh doc-loa.mp3; các trang và lời đọc doc-loa.txt vẫn được tạo đầy đủ."
        hint "Cài espeak-ng (Debian, Ubuntu: sudo apt install espeak-ng; Windows: bộ cài tại https://github.com/espeak-ng/espeak-ng/releases) rồi chạy lại bangtin build --audio. Không cần âm thanh thì bỏ --audio."
        guide "cảnh báo: Không tìm thấy chương trình espeak-ng nên chưa tạo tệp âm thanh doc-loa.mp3…";
    EspeakFailed { reason: String }: warning
        "Không chạy được espeak-ng ({reason}) nên chưa tạo tệp âm thanh doc-loa.mp3; các trang vẫn được tạo."
        hint "Kiểm tra espeak-ng chạy được trong cửa sổ lệnh: espeak-ng -v vi \"xin chào\"."
        guide "cảnh báo: Không chạy được espeak-ng (…) nên chưa tạo tệp âm thanh doc-loa.mp3…";
    EspeakWithoutVietnamese { reason: String }: warning
        "espeak-ng không đọc được tiếng Việt ({reason}) nên chưa tạo tệp âm thanh doc-loa.mp3; các trang vẫn được tạo."
        hint "Cài bản espeak-ng có giọng tiếng Việt (xem: espeak-ng --voices=vi) rồi chạy lại."
        guide "cảnh báo: espeak-ng không đọc được tiếng Việt (…)…";
    RecordingFormat { ext: String }: warning
        "Tệp ghi âm .{ext} chưa được đăng: bangtin chỉ đăng tệp .mp3 hoặc .m4a, loại điện thoại nào cũng mở được."
        hint "Lưu hoặc chuyển bản ghi sang .mp3 (ứng dụng ghi âm của điện thoại thường có tùy chọn này), đặt tên theo tuần, ví dụ audio/tuan-2022-48.mp3."
        guide "cảnh báo: Tệp ghi âm .… chưa được đăng: bangtin chỉ đăng tệp .mp3 hoặc .m4a…";
    RecordingName { name: String }: warning
        "Tên tệp ghi âm {name} không cho biết của tuần nào nên tệp chưa được đăng."
        hint "Đặt tên như thư mục của trang lịch tuần: tuan-<năm>-<tuần>.mp3, ví dụ tuan-2022-48.mp3 cho trang lich/tuan-2022-48/ (tuần có hai chữ số: tuan-2023-05)."
        guide "cảnh báo: Tên tệp ghi âm … không cho biết của tuần nào…";
    RecordingWeekEmpty { week: u32, year: i32 }: warning
        "Tuần {week} năm {year} không có buổi nào trong lịch nên tệp ghi âm này chưa được đăng."
        hint "Kiểm tra năm và số tuần trong tên tệp: mỗi tuần có buổi hoặc có lộ trình của tổ lưu động có một trang lich/tuan-<năm>-<tuần>/, tên tệp ghi âm lấy đúng phần tuan-<năm>-<tuần> đó."
        guide "cảnh báo: Tuần … năm … không có buổi nào trong lịch nên tệp ghi âm này chưa được đăng.";
    Mp3Failed { reason: String }: warning
        "Không nén được lời đọc thành tệp mp3 ({reason}); các tệp khác vẫn được tạo."
        hint "Báo lỗi này cho người bảo trì bangtin; trong lúc chờ, có thể tự ghi âm lời đọc và đặt vào audio/ (xem hướng dẫn, mục 9)."
        guide "cảnh báo: Không nén được lời đọc thành tệp mp3 (…)…";
    SpeechFailed { reason: String, script: String }: warning
        "espeak-ng không tạo được tệp âm thanh này ({reason}); các tệp khác vẫn được tạo."
        hint "Thử chạy tay: espeak-ng -v vi -f {script}"
        guide "cảnh báo: espeak-ng không tạo được tệp âm thanh này (…)…";
    // 8.11 Xem trước (`bangtin serve`)
    ServeRootMissing { root: String }: error
        "Không tìm thấy thư mục nội dung {root}."
        hint "Chọn đúng thư mục có site.yaml bằng --root, hoặc tạo trang mẫu: bangtin init {root}"
        guide "Không tìm thấy thư mục nội dung …";
    ServeTempFailed { reason: String }: error
        "Không tạo được thư mục tạm để dựng trang xem trước: {reason}."
        hint "Kiểm tra ổ đĩa còn chỗ trống."
        guide "Không tạo được thư mục tạm để dựng trang xem trước…";
    ServeCtrlCFailed { reason: String }: error
        "Không cài được phím Ctrl+C để dừng: {reason}."
        hint "Thử chạy lại lệnh."
        guide "Không cài được phím Ctrl+C để dừng…";
    PortInUse { port: u16, next: u16 }: error
        "Cổng {port} đang được một chương trình khác dùng (có thể là một cửa sổ bangtin serve khác)."
        hint "Đóng chương trình kia, hoặc chọn cổng khác, ví dụ: bangtin serve --port {next}"
        guide "Cổng *1111* đang được một chương trình khác dùng…";
    PortForbidden { port: u16 }: error
        "Không được phép dùng cổng {port}."
        hint "Chọn cổng từ 1024 trở lên, ví dụ: bangtin serve --port 1111"
        guide "Không được phép dùng cổng …";
    PortFailed { port: u16, reason: String }: error
        "Không mở được cổng {port}: {reason}."
        hint "Chọn cổng khác, ví dụ: bangtin serve --port 8080"
        guide "Không mở được máy chủ xem trước / cổng …";
    WatchFailed { root: String, reason: String }: error
        "Không theo dõi được thư mục {root}: {reason}."
        hint "Kiểm tra thư mục còn tồn tại và bạn có quyền đọc nó; trên Linux, có thể cần tăng giới hạn fs.inotify.max_user_watches."
        guide "Không theo dõi được thư mục …";
    /// A panic in a rebuild of `serve`, caught: a bug, the preview goes on.
    RebuildPanicked: error
        "bangtin gặp lỗi bên trong khi dựng lại trang (lỗi của chương trình, không phải của nội dung)."
        hint "Trang cũ vẫn được xem. Sửa một tệp để dựng lại; nếu vẫn lỗi, gửi tệp báo cáo lỗi (tên tệp in ở cửa sổ lệnh) cho người bảo trì bangtin."
        guide "bangtin gặp lỗi bên trong khi dựng lại trang…";
    // 8.15 Câu lệnh; lỗi bên trong chương trình
    /// Errors of the command line, worded here rather than by clap (main.rs).
    /// `near` is " Có phải ý bạn là --output?" or ""; `help` the command
    /// whose help to read.
    ArgUnknown { arg: String, near: String, help: String }: error
        "Không hiểu tùy chọn {arg}.{near}"
        hint "Xem các tùy chọn bằng lệnh: {help}"
        guide "Không hiểu tùy chọn *--bogus*.";
    CommandUnknown { command: String, near: String }: error
        "Không có lệnh \"{command}\".{near}"
        hint "Các lệnh: build, check, serve, init, theme. Xem hướng dẫn bằng lệnh: bangtin --help"
        guide "Không có lệnh *\"khong-co-lenh\"*.";
    CommandMissing: error
        "Chưa ghi lệnh nào sau bangtin."
        hint "Ghi một lệnh: bangtin build, bangtin check, bangtin serve, bangtin init hoặc bangtin theme. Xem hướng dẫn bằng lệnh: bangtin --help"
        guide "Chưa ghi lệnh nào sau bangtin.";
    /// `why` is the value parser's own Vietnamese, ": …", or "".
    ArgValueInvalid { arg: String, value: String, why: String, help: String }: error
        "Giá trị \"{value}\" của {arg} không dùng được{why}."
        hint "Xem cách ghi bằng lệnh: {help}"
        guide "Giá trị *\"…\"* của *--today* không dùng được…";
    ArgValueMissing { arg: String, help: String }: error
        "Tùy chọn {arg} cần một giá trị ghi ngay sau nó."
        hint "Ví dụ: bangtin build --output public. Xem cách ghi bằng lệnh: {help}"
        guide "Tùy chọn *--output* cần một giá trị ghi ngay sau nó.";
    ArgMissing { arg: String, help: String }: error
        "Câu lệnh còn thiếu {arg}."
        hint "Ví dụ: bangtin init trang-moi. Xem cách ghi bằng lệnh: {help}"
        guide "Câu lệnh còn thiếu *<thư-mục>*.";
    ArgTwice { arg: String, help: String }: error
        "Tùy chọn {arg} được ghi nhiều lần."
        hint "Chỉ ghi mỗi tùy chọn một lần. Xem cách ghi bằng lệnh: {help}"
        guide "Tùy chọn *--root* được ghi nhiều lần.";
    CommandLineWrong { help: String }: error
        "Câu lệnh viết chưa đúng."
        hint "Xem cách ghi bằng lệnh: {help}"
        guide "Câu lệnh viết chưa đúng.";
    /// A panic: a bug. The report (message, place, backtrace) went to `report`.
    Crashed { report: String }: error
        "bangtin gặp lỗi bên trong (lỗi của chương trình, không phải của nội dung); báo cáo lỗi đã ghi vào tệp {report}."
        hint "Trang cũ (nếu có) vẫn giữ nguyên. Gửi tệp báo cáo lỗi đó (cùng các tệp nội dung, nếu được) cho người bảo trì bangtin."
        guide "bangtin gặp lỗi bên trong (lỗi của chương trình, không phải của nội dung)…";
    CrashedNoReport { reason: String }: error
        "bangtin gặp lỗi bên trong (lỗi của chương trình, không phải của nội dung) và không ghi được tệp báo cáo lỗi ({reason})."
        hint "Trang cũ (nếu có) vẫn giữ nguyên. Chép nguyên văn cửa sổ lệnh gửi cho người bảo trì bangtin."
        guide "bangtin gặp lỗi bên trong (lỗi của chương trình, không phải của nội dung)…";
    MissingBaseUrl: warning
        "Chưa có base_url (địa chỉ của trang trên mạng), nên không tạo sitemap.xml và bỏ các đường dẫn đầy đủ: khi chia sẻ lên Zalo, Facebook, trong tệp lịch và trong atom.xml."
        hint "Thêm vào site.yaml một dòng base_url: https://… (địa chỉ trang sẽ đăng), hoặc dựng với --base-url https://…"
        guide "cảnh báo: Chưa có base_url (địa chỉ của trang trên mạng), nên không tạo sitemap.xml…";
    // 8.7 Lịch: buổi thay đổi
    WasEmpty: error
        "`was` không ghi giá trị cũ nào."
        hint "Ghi ngày, giờ hoặc địa điểm trước khi thay đổi, ví dụ was: {{date: 02/12/2022}}; nếu buổi không đổi gì thì xóa was."
        guide "`was` không ghi giá trị cũ nào.";
    WasDateShared: error
        "Mục này có nhiều ngày hoặc nhiều buổi trong ngày, nên không ghi chung được một ngày cũ (`was.date`)."
        hint "Tách buổi đã dời thành một mục riêng chỉ có ngày mới, rồi ghi was: {{date: <ngày cũ>}} cho mục đó."
        guide "Mục này có nhiều ngày hoặc nhiều buổi trong ngày, nên không ghi chung được một ngày cũ (`was.date`).";
    WasWithoutStatus: error
        "Buổi có giá trị cũ (`was`) nhưng chưa ghi `status`, nên không rõ buổi đã thay đổi thế nào."
        hint "Thêm status: moved (dời) nếu buổi đổi ngày, giờ hoặc địa điểm; status: postponed (hoãn) hoặc status: cancelled (hủy) nếu buổi không diễn ra."
        guide "Buổi có giá trị cũ (`was`) nhưng chưa ghi `status`…";
    MovedWithoutWas: error
        "Buổi ghi `status: moved` (dời) nhưng không ghi giá trị cũ (`was`)."
        hint "{MOVED_EXAMPLE}"
        guide "Buổi ghi `status: moved` (dời) nhưng không ghi giá trị cũ (`was`).";
    MovedToSame: error
        "Buổi ghi `status: moved` (dời) nhưng ngày, giờ, địa điểm cũ (`was`) giống hệt giá trị mới."
        hint "{MOVED_EXAMPLE}"
        guide "Buổi ghi `status: moved` (dời) nhưng ngày, giờ, địa điểm cũ (`was`) giống hệt giá trị mới.";
    ChangeWithoutStatus: warning
        "Buổi có lý do thay đổi (`reason`) nhưng chưa ghi `status`, nên trang vẫn coi buổi diễn ra như kế hoạch."
        hint "Thêm status: cancelled (hủy), postponed (hoãn) hoặc moved (dời); nếu buổi không thay đổi hoặc đã được khôi phục thì xóa reason (buổi khôi phục chỉ giữ changed)."
        guide "cảnh báo: Buổi có lý do thay đổi (`reason`) nhưng chưa ghi `status`…";
    ChangedMissing: warning
        "Buổi đã thay đổi nhưng chưa ghi ngày thông báo thay đổi (`changed`)."
        hint "Thêm changed: <ngày thông báo>, ví dụ changed: 30/11/2022: trang Thay đổi lịch và tin mới (atom.xml) xếp các thay đổi theo ngày này."
        guide "cảnh báo: Buổi đã thay đổi nhưng chưa ghi ngày thông báo thay đổi (`changed`).";
    ChangedAfterToday { changed: String, today: String }: warning
        "Ngày thông báo thay đổi {changed} ở sau ngày dựng trang {today}."
        hint "`changed` là ngày đã thông báo thay đổi: kiểm tra lại ngày, tháng, năm (có thể gõ nhầm)."
        guide "cảnh báo: Ngày thông báo thay đổi … ở sau ngày dựng trang … (hoặc trước ngày bắt đầu đợt).";
    TodayAfterCampaign { today: String, end: String }: warning
        "Ngày dựng trang {today} ở sau ngày kết thúc đợt vận động {end}: mọi buổi đều đã qua, trang không còn lịch sắp tới."
        hint "Nếu đợt được kéo dài, sửa campaign.end trong site.yaml và thêm lịch mới; nếu dựng cho một ngày khác, kiểm tra --today."
        guide "cảnh báo: Ngày dựng trang … ở sau ngày kết thúc đợt vận động …";
    ProgressAfterToday { date: String, today: String }: warning
        "Báo cáo tiến độ ngày {date} ở sau ngày dựng trang {today}, nên chưa được tính là số liệu hiện tại."
        hint "Kiểm tra lại ngày của báo cáo (có thể gõ nhầm); nếu đúng, dựng lại trang từ ngày đó."
        guide "cảnh báo: Báo cáo tiến độ ngày … ở sau ngày dựng trang …";
    ChangedBeforeCampaign { changed: String, start: String }: warning
        "Ngày thông báo thay đổi {changed} ở trước ngày bắt đầu đợt vận động {start}."
        hint "`changed` là ngày đã thông báo thay đổi: kiểm tra lại ngày, tháng, năm (có thể gõ nhầm)."
        guide "cảnh báo: Ngày thông báo thay đổi … ở sau ngày dựng trang … (hoặc trước ngày bắt đầu đợt).";
    TwoReplacements { hamlet: String, date: String, other: String }: error
        "Hai buổi cùng thay cho buổi của {hamlet} ngày {date} (buổi kia ở {other}), và cả hai đều diễn ra."
        hint "Khi dời một buổi, sửa ngay mục của buổi đó (ghi ngày, giờ mới và giữ giá trị cũ ở was), đừng để lại mục cũ; nếu mục cũ vẫn cần hiện là đã hủy, ghi status: cancelled cho nó."
        guide "Hai buổi cùng thay cho buổi của … ngày … (buổi kia ở …), và cả hai đều diễn ra.";
    AliasClash { alias: String, name: String, other: String }: error
        "Tên khác \"{alias}\" của thôn \"{name}\" trùng với thôn \"{other}\" (tên hoặc tên khác)."
        hint "Một tên chỉ chỉ một thôn: xóa tên khác này ở một trong hai thôn."
        guide "Tên khác *\"…\"* của thôn *\"…\"* trùng với thôn *\"…\"* (tên hoặc tên khác).";
    AliasUsed { written: String, label: String, name: String }: note
        "\"{written}\" là tên khác của {label}: buổi được xếp vào trang của {label}."
        hint "Không cần sửa. Muốn hết ghi chú này thì viết tên trong site.yaml: hamlet: {name}"
        guide "ghi chú: *\"Kìm Trên\"* là tên khác của *thôn Kìm*: buổi được xếp vào trang của *thôn Kìm*.";
    OutputLocked { seconds: u64 }: error
        "Một lần dựng khác (bangtin build hoặc cửa sổ khác) đang dựng vào thư mục đầu ra này đã hơn {seconds} giây."
        hint "Chờ lần dựng kia xong rồi chạy lại; nếu không còn lần dựng nào, đóng các cửa sổ bangtin đang chạy."
        guide "Một lần dựng khác (bangtin build hoặc cửa sổ khác) đang dựng vào thư mục đầu ra này đã hơn 60 giây.";
    /// Windows: a program (browser, Explorer, Word) holds a file of the output
    /// open, so the swap could not move or remove it; nothing was lost.
    OutputBusy { seconds: u64 }: error
        "Một chương trình khác (trình duyệt, File Explorer, Word, Excel…) đang mở một tệp trong thư mục này nên không thay được trang sau {seconds} giây chờ; trang cũ vẫn giữ nguyên."
        hint "Đóng cửa sổ đang mở tệp hay thư mục đó (kể cả cửa sổ File Explorer đang xem thư mục) rồi chạy lại."
        guide "Một chương trình khác (trình duyệt, File Explorer, Word, Excel…) đang mở một tệp trong thư mục này…";
    ThemeFilesExist { count: usize, first: String }: error
        "Thư mục đã có {count} tệp giao diện (đầu tiên: {first}); bangtin theme không ghi đè."
        hint "Chọn thư mục khác, hoặc xóa (hay chuyển đi) các tệp đó trước nếu muốn lấy lại bản mặc định."
        guide "Thư mục đã có … tệp giao diện (đầu tiên: …); bangtin theme không ghi đè.";
}

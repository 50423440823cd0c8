//! Properties that hold for any input: extraction returns, never panics, every span slices
//! the text, and the record serializes to valid JSON with the exact values.

#[path = "grammar/numerals.rs"]
mod numerals;

use proptest::prelude::*;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<press_stats::Extractor> =
    LazyLock::new(|| press_stats::Extractor::new().expect("lexicons load"));

/// Strings made of the chars the recognizers care about, so that the search reaches deep
/// into numbers, units and context words rather than only random letters.
fn press_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "一",
        "二",
        "两",
        "三",
        "十",
        "百",
        "千",
        "万",
        "亿",
        "零",
        "〇",
        "几",
        "半",
        "余",
        "多",
        "第",
        "分之",
        "点",
        "成",
        "0",
        "1",
        "2",
        "5",
        "9",
        ".",
        ",",
        "%",
        "‰",
        ":",
        "-",
        "至",
        "到",
        "~",
        "个",
        "人",
        "元",
        "吨",
        "公里",
        "平方米",
        "个百分点",
        "倍",
        "年",
        "月",
        "日",
        "号",
        "约",
        "近",
        "超过",
        "以上",
        "以下",
        "左右",
        "同比",
        "增长",
        "下降",
        "较上年",
        "将",
        "计划",
        "预计",
        "已",
        "“",
        "”",
        "《",
        "》",
        "(",
        ")",
        "。",
        ",",
        "、",
        "\n",
        " ",
        "局",
        "市",
        "全省",
        "居",
        "翻",
        "番",
        "大",
        "公园",
        "１",
        "２",
        "％",
        "萬",
        "億",
        "负",
        "¥",
        "$",
        "k",
        "G",
        "N",
        "\u{FEFF}",
        "\r",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

/// The checks of the numeral grammar (`tests/grammar/numerals.rs`): no panic, spans that
/// slice the text, exact JSON values, ranges in order.
fn check(text: &str) {
    numerals::check_text(&EXTRACTOR, text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_string(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn press_like_strings(text in press_like()) {
        check(&text);
    }
}

//! Properties that hold for any input: extraction returns, never panics, every span slices
//! the text, values are finite, and the record serializes to valid JSON.

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

fn check(text: &str) {
    let chars: Vec<char> = text.chars().collect();
    for c in EXTRACTOR.extract(text) {
        assert!(c.span.start < c.span.end && c.span.end <= chars.len());
        let by_chars: String = chars[c.span.start..c.span.end].iter().collect();
        assert_eq!(by_chars, c.text);
        assert_eq!(
            text.get(c.span.byte_start..c.span.byte_end),
            Some(c.text.as_str())
        );
        let json = serde_json::to_string(&c).expect("serializes");
        let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert!(v["value"].as_f64().is_some_and(f64::is_finite), "{json}");
        if let Some(u) = c.upper {
            assert!(u >= c.value, "{json}");
        }
    }
    for q in EXTRACTOR.quantities(text) {
        assert_eq!(
            text.get(q.span.byte_start..q.span.byte_end),
            Some(q.text.as_str())
        );
    }
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

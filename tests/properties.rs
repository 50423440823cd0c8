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

/// Markup as saved pages have it, broken at random: tags opened and never closed, closed
/// and never opened, tables, scripts, comments, entities, containers, charsets.
fn page_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<html>",
        "</html>",
        "<head>",
        "</head>",
        "<body>",
        "</body>",
        "<p>",
        "</p>",
        "<br>",
        "<div id=zoomcon>",
        "<div class=TRS_Editor>",
        "<div>",
        "</div>",
        "<article>",
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th colspan=2>",
        "<tbody>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<nav>",
        "</nav>",
        "<pre>",
        "</pre>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "&nbsp;",
        "&amp;",
        "&#x4e00;",
        "&#12345678;",
        "<",
        ">",
        "\"",
        "'",
        "=",
        "<meta charset=gbk>",
        "<meta name=PubDate content='2023-05-16'>",
        "<meta name=others content='页面生成时间 2023-05-16 12:00:00'>",
        "<title>",
        "</title>",
        "<meta name=ContentSource content=宜春市统计局>",
        "发布时间：2021-02-30",
        "来源：",
        "发布日期：2023-05-17",
        "全年",
        "增长",
        "5.3%",
        "3473.12亿元",
        "万人",
        "，",
        "。",
        "\n",
        " ",
        "\t",
        "\u{3000}",
        "\u{FEFF}",
        "\r",
        "\u{0}",
        "<svg>",
        "<math>",
        "<template>",
        "<select><option>",
        "<frameset>",
        "<plaintext>",
        "<textarea>",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

/// A page read through the HTML path, then the whole pipeline.
fn check_page(bytes: &[u8]) {
    let opts = press_stats::DecodeOptions::new();
    let Ok(l) = press_stats::load(std::path::Path::new("p.html"), bytes.to_vec(), &opts) else {
        return;
    };
    let text = l.document.text();
    assert!(!text.contains('\r'));
    let mut meta = press_stats::Meta::default();
    if let Some(p) = &l.page {
        p.fill(&mut meta);
    }
    let chars: Vec<char> = text.chars().collect();
    let a = EXTRACTOR.analyze(text, &meta);
    for c in &a.claims {
        assert!(c.span.start < c.span.end && c.span.end <= chars.len());
        assert_eq!(
            text.get(c.span.byte_start..c.span.byte_end),
            Some(c.text.as_str())
        );
    }
    serde_json::to_string(&a.document).expect("serializes");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_bytes_as_a_page(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_page(&bytes);
    }

    #[test]
    fn page_like_strings(text in page_like()) {
        check_page(text.as_bytes());
    }

    #[test]
    fn any_string(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn press_like_strings(text in press_like()) {
        check(&text);
    }
}

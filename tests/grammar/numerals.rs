//! A grammar of numerals, multipliers, units and the words around them, driven by bytes:
//! the structured input of the numeral fuzz target (`fuzz/fuzz_targets/numerals.rs`) and
//! of the property test `tests/numerals.rs`, which share this file. Random bytes seldom
//! make a 28-digit number followed by 成 and a digit; this grammar makes such things all the
//! time: Arabic numbers with separators, decimals and signs (lengths around the 28 digits a
//! decimal holds), Chinese numerals (一二…万亿兆, 两, 零, 廿, 几, 余/多, 大写), mixed forms,
//! fractions (分之, 百分之, a/b, 又), 成 and 折, percentages, ranges (至 - ~), approximation
//! and change words, units and compound units, and the noise real text puts inside them
//! (spaces, zero-width and direction marks, full-width digits, Traditional numerals).
//!
//! [`check`] states what must hold for any such text: no panic, spans that slice the text,
//! records that are valid JSON with exact numbers, and the plain amounts the grammar wrote
//! with a known value ([`Text::expected`]) read back exactly.

#![allow(dead_code)]

use std::str::FromStr;

use rust_decimal::Decimal;

/// Reads choices from bytes; past their end every choice is the first (0).
pub struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Bytes<'a> {
        Bytes { data, at: 0 }
    }

    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    fn done(&self) -> bool {
        self.at >= self.data.len()
    }

    /// A number below `n` (n ≥ 1).
    fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n.max(1)
    }

    fn pick<'s>(&mut self, items: &[&'s str]) -> &'s str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, in_256: u8) -> bool {
        self.byte() < in_256
    }
}

/// A text the grammar made, with the amounts whose value it knows.
#[derive(Debug, Clone)]
pub struct Text {
    pub text: String,
    /// `(written, value)`: a quantity written exactly so, as `，共{number}元。`, whose value
    /// is `value`.
    pub expected: Vec<(String, Decimal)>,
}

const DIGITS: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九"];
const DAXIE: &[&str] = &[
    "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖", "拾", "佰", "仟",
];
const SMALL: &[&str] = &["十", "百", "千"];
const BIG: &[&str] = &["万", "亿", "兆", "万亿", "亿万", "萬", "億"];
const MULTIPLIERS: &[&str] = &[
    "万", "亿", "万亿", "千", "百", "十", "k", "兆", "个亿", "萬",
];
const UNITS: &[&str] = &[
    "成",
    "折",
    "%",
    "‰",
    "％",
    "个百分点",
    "百分点",
    "倍",
    "个",
    "元",
    "万元",
    "亿元",
    "美元",
    "美分",
    "角",
    "毛",
    "分",
    "块",
    "吨",
    "千克",
    "公斤",
    "斤",
    "两",
    "米",
    "公里",
    "平方米",
    "平方公里",
    "年",
    "个月",
    "月",
    "天",
    "日",
    "小时",
    "人",
    "人次",
    "户",
    "家",
    "项",
    "宗",
    "千瓦时",
    "吨标准煤",
    "元/吨",
    "人/平方公里",
    "元每吨",
    "号",
    "次",
    "台",
    "辆",
    "亩",
    "公顷",
];
const BEFORE: &[&str] = &[
    "约",
    "近",
    "超",
    "超过",
    "逾",
    "上",
    "过",
    "数",
    "将近",
    "不足",
    "不到",
    "至少",
    "大约",
    "人民币",
    "¥",
    "$",
    "€",
    "港币",
    "第",
    "翻",
    "翻了",
    "打",
    "负",
    "-",
    "指数为",
    "达到",
];
const AFTER: &[&str] = &[
    "以上",
    "以下",
    "左右",
    "上下",
    "以内",
    "多",
    "余",
    "(含)以上",
    "整",
    "半",
    "的",
    "之多",
];
const CONTEXT: &[&str] = &[
    "同比增长",
    "同比下降",
    "同比负增长",
    "负增长",
    "增长",
    "下降",
    "减少",
    "提高",
    "较上年",
    "比上年",
    "环比",
    "全年",
    "截至9月底",
    "2021年",
    "二〇二〇年",
    "今年",
    "计划",
    "预计",
    "将",
    "已",
    "共",
    "累计",
    "其中",
    "市统计局",
    "东莞市烟草专卖局",
    "完成",
    "达",
    "为",
    "占",
    "增加",
    "下降了",
    "回落",
    "扭转",
    "",
];
const JOINERS: &[&str] = &["至", "到", "-", "~", "—", "～", "--", "(含)-", "－"];
const SEPARATORS: &[&str] = &[
    "，", "。", "、", "；", " ", "", "\n", ",", ":", "：", "!", "？",
];
const NOISE: &[&str] = &[
    " ", "\u{200B}", "\u{200C}", "\u{200D}", "\u{200E}", "\u{200F}", "\u{2060}", "\u{FEFF}",
    "\u{202A}", "\u{202C}", "\u{00AD}", "\u{3000}",
];
/// Numbers at the edges of what a decimal holds (2^96 - 1 and neighbours).
const EDGES: &[&str] = &[
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "7922816251426433759354395033",
    "7922816251426433759354395034",
    "9999999999999999999999999999",
    "999999999999999999999999999",
    "0.0000000000000000000000000001",
    "0.00000000000000000000000000001",
    "12345678901234.567",
    "18446744073709551615",
    "18446744073709551616",
    "9223372036854775807",
    "9223372036854775808",
    "1e-28",
    "0",
    "00",
    ".5",
];

/// Makes a text from `data`.
pub fn text(data: &[u8]) -> Text {
    let mut b = Bytes::new(data);
    let mut out = Text {
        text: String::new(),
        expected: Vec::new(),
    };
    let segments = 1 + b.below(6);
    for _ in 0..segments {
        if b.done() && !out.text.is_empty() {
            break;
        }
        segment(&mut b, &mut out);
    }
    out
}

fn segment(b: &mut Bytes, out: &mut Text) {
    match b.below(8) {
        // A plain amount whose value is known.
        0 => {
            let (written, value) = plain_amount(b);
            out.text.push_str("，共");
            out.expected.push((format!("{written}元"), value));
            out.text.push_str(&written);
            out.text.push_str("元。");
        }
        // A range.
        1 => {
            out.text.push_str(b.pick(CONTEXT));
            quantity(b, &mut out.text);
            out.text.push_str(b.pick(JOINERS));
            quantity(b, &mut out.text);
            out.text.push_str(b.pick(SEPARATORS));
        }
        _ => {
            if b.chance(160) {
                out.text.push_str(b.pick(CONTEXT));
            }
            quantity(b, &mut out.text);
            if b.chance(64) {
                out.text.push_str(b.pick(CONTEXT));
            }
            out.text.push_str(b.pick(SEPARATORS));
        }
    }
}

/// An Arabic number without separators and its value: up to 20 integer digits and 6
/// decimals, no leading zero.
fn plain_amount(b: &mut Bytes) -> (String, Decimal) {
    let mut s = String::new();
    let int_len = 1 + b.below(20);
    for k in 0..int_len {
        let d = b.below(10) as u8;
        let d = if k == 0 && int_len > 1 { 1 + d % 9 } else { d };
        s.push(char::from(b'0' + d));
    }
    if b.chance(96) {
        s.push('.');
        for _ in 0..1 + b.below(6) {
            s.push(char::from(b'0' + b.below(10) as u8));
        }
    }
    let value = Decimal::from_str(&s).unwrap_or_default();
    (s, value)
}

/// A quantity: approximation or marker before, a number, what may follow it.
fn quantity(b: &mut Bytes, s: &mut String) {
    if b.chance(80) {
        s.push_str(b.pick(BEFORE));
    }
    number(b, s, 0);
    if b.chance(40) {
        s.push_str(b.pick(NOISE));
    }
    if b.chance(180) {
        s.push_str(b.pick(UNITS));
        // 七成六, 三斤半, 五元六角, 两美元又三美分: a part after the unit.
        match b.below(8) {
            0 => s.push_str(b.pick(DIGITS)),
            1 => s.push('半'),
            2 => {
                s.push_str(b.pick(DIGITS));
                s.push_str(b.pick(&["角", "毛", "分", "两", "美分"]));
            }
            3 => {
                s.push_str(b.pick(&["又", "零", ""]));
                number(b, s, 2);
                s.push_str(b.pick(UNITS));
            }
            _ => {}
        }
    }
    if b.chance(64) {
        s.push_str(b.pick(AFTER));
    }
}

/// A number of any form; `depth` bounds the nesting of fractions.
fn number(b: &mut Bytes, s: &mut String, depth: u8) {
    let forms = if depth >= 2 { 6 } else { 10 };
    match b.below(forms) {
        0 | 1 => arabic(b, s),
        2 | 3 => chinese(b, s),
        4 => {
            // Mixed: 1.5万, 33亿7109.6万, 5万4千6百, 100万三千.
            arabic(b, s);
            s.push_str(b.pick(MULTIPLIERS));
            if b.chance(100) {
                let n = 1 + b.below(5);
                arabic_digits(b, s, n);
                s.push_str(b.pick(MULTIPLIERS));
            }
            if b.chance(60) {
                chinese(b, s);
            }
        }
        5 => s.push_str(b.pick(EDGES)),
        6 => {
            // X分之Y, 百分之Y, 万分之Y.
            if b.chance(128) {
                s.push_str(b.pick(&["百", "千", "万", "万万", "亿", "十"]));
            } else {
                number(b, s, depth + 1);
            }
            s.push_str(b.pick(&["分之", "分 之", " 分之 ", "分"]));
            number(b, s, depth + 1);
        }
        7 => {
            // a/b, -3/2.
            let n = 1 + b.below(30);
            arabic_digits(b, s, n);
            s.push('/');
            let n = 1 + b.below(30);
            arabic_digits(b, s, n);
        }
        8 => {
            // 三百五十又三分之一.
            number(b, s, depth + 1);
            s.push('又');
            number(b, s, depth + 1);
            s.push_str("分之");
            number(b, s, depth + 1);
        }
        _ => {
            // Chinese decimal: 三点五, 零点77.
            chinese(b, s);
            s.push('点');
            if b.chance(128) {
                for _ in 0..1 + b.below(30) {
                    s.push_str(b.pick(&["零", "一", "二", "五", "九", "两"]));
                }
            } else {
                let n = 1 + b.below(30);
                arabic_digits(b, s, n);
            }
        }
    }
}

fn arabic_digits(b: &mut Bytes, s: &mut String, n: usize) {
    for _ in 0..n {
        let d = char::from(b'0' + b.below(10) as u8);
        // Sometimes full-width, sometimes with a mark inside.
        match b.below(32) {
            0 => s.push(char::from_u32(0xFF10 + d as u32 - '0' as u32).unwrap_or(d)),
            1 => {
                s.push(d);
                s.push_str(b.pick(NOISE));
            }
            _ => s.push(d),
        }
    }
}

/// An Arabic number: sign, digits (lengths around 28 more often), thousands separators,
/// decimals.
fn arabic(b: &mut Bytes, s: &mut String) {
    if b.chance(16) {
        s.push_str(b.pick(&["-", "负", "－", "+"]));
    }
    let len = match b.below(4) {
        0 => 26 + b.below(5),
        _ => 1 + b.below(12),
    };
    if b.chance(40) {
        // Groups of three (or a wrong group).
        let n = 1 + b.below(3);
        arabic_digits(b, s, n);
        for _ in 0..1 + b.below(9) {
            s.push_str(b.pick(&[",", ",", ",", "，", " "]));
            let n = if b.chance(230) { 3 } else { 1 + b.below(5) };
            arabic_digits(b, s, n);
        }
    } else {
        arabic_digits(b, s, len);
    }
    if b.chance(90) {
        s.push_str(b.pick(&[".", ".", "．", "。"]));
        let n = match b.below(4) {
            0 => 26 + b.below(6),
            _ => 1 + b.below(4),
        };
        arabic_digits(b, s, n);
        if b.chance(8) {
            // A dotted date or version: 2021.5.12.
            s.push('.');
            let n = 1 + b.below(3);
            arabic_digits(b, s, n);
        }
    }
}

/// A Chinese numeral: sections of digit and small unit joined by big units, with 零, 两,
/// 廿, 几, 余/多, 大写 digits, spaces, and digit strings (二〇二〇).
fn chinese(b: &mut Bytes, s: &mut String) {
    match b.below(10) {
        0 => {
            // A digit string.
            for _ in 0..1 + b.below(30) {
                s.push_str(b.pick(&["一", "二", "〇", "零", "九", "七", "五"]));
            }
            return;
        }
        1 => {
            // 五六, 三五, 十几, 几十, 数百, 半百, 一两.
            s.push_str(b.pick(&[
                "五六",
                "三五",
                "十几",
                "几十",
                "数百",
                "半百",
                "一两",
                "三两",
                "七八十",
                "两三",
                "廿",
                "卅",
                "一半",
                "两两",
                "半",
            ]));
            return;
        }
        _ => {}
    }
    let sections = 1 + b.below(4);
    for k in 0..sections {
        let parts = 1 + b.below(4);
        for _ in 0..parts {
            match b.below(12) {
                0 => s.push('两'),
                1 => s.push('零'),
                2 => s.push_str(b.pick(DAXIE)),
                3 => s.push('几'),
                _ => s.push_str(b.pick(DIGITS)),
            }
            if b.chance(200) {
                s.push_str(b.pick(SMALL));
            }
            if b.chance(12) {
                s.push_str(b.pick(NOISE));
            }
        }
        if b.chance(30) {
            s.push_str(b.pick(&["余", "多"]));
        }
        if k + 1 < sections || b.chance(100) {
            s.push_str(b.pick(BIG));
        }
    }
}

/// What must hold for any text: extraction returns without panic; every claim's and
/// quantity's span slices the text by chars and by bytes; each claim serializes to JSON
/// whose `value` and `upper` are JSON numbers equal to the exact decimals; and each amount
/// the grammar wrote with a known value is read with that value.
pub fn check(extractor: &press_stats::Extractor, t: &Text) {
    let text = &t.text;
    let chars: Vec<char> = text.chars().collect();
    for c in extractor.extract(text) {
        assert!(
            c.span.start < c.span.end && c.span.end <= chars.len(),
            "{c:?}"
        );
        let by_chars: String = chars[c.span.start..c.span.end].iter().collect();
        assert_eq!(by_chars, c.text);
        assert_eq!(
            text.get(c.span.byte_start..c.span.byte_end),
            Some(c.text.as_str())
        );
        let json = serde_json::to_string(&c).expect("serializes");
        let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(json_decimal(&v["value"]), Some(c.value), "{json}");
        match c.upper {
            Some(u) => {
                assert_eq!(json_decimal(&v["upper"]), Some(u), "{json}");
                assert!(u >= c.value, "{json}");
            }
            None => assert!(v["upper"].is_null(), "{json}"),
        }
    }
    let quantities = extractor.quantities(text);
    for q in &quantities {
        assert_eq!(
            text.get(q.span.byte_start..q.span.byte_end),
            Some(q.text.as_str())
        );
        let by_chars: String = chars[q.span.start..q.span.end].iter().collect();
        assert_eq!(by_chars, q.text);
    }
    for n in extractor.numbers(text) {
        assert_eq!(
            text.get(n.span.byte_start..n.span.byte_end),
            Some(n.text.as_str())
        );
    }
    for (written, value) in &t.expected {
        assert!(
            quantities
                .iter()
                .any(|q| q.text == *written && q.value == *value),
            "{written} = {value} not read in {text:?}: {quantities:?}"
        );
    }
}

/// [`check`] for a text with no amounts of known value.
pub fn check_text(extractor: &press_stats::Extractor, text: &str) {
    check(
        extractor,
        &Text {
            text: text.to_string(),
            expected: Vec::new(),
        },
    );
}

/// A JSON number as the exact decimal it writes.
fn json_decimal(v: &serde_json::Value) -> Option<Decimal> {
    let serde_json::Value::Number(n) = v else {
        return None;
    };
    let s = n.to_string();
    Decimal::from_str(&s)
        .or_else(|_| Decimal::from_scientific(&s))
        .ok()
}

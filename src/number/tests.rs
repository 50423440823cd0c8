//! Unit tests of the number scanner.

use super::arabic::arabic;
use super::lex::{Tok, Toks, lex};
use super::scan::{First, arabic_ends, first_token, lexed_number};
use super::*;
use crate::lexicon::numerals::{LEXED, big_unit, digit_value, small_unit};

fn value(s: &str) -> Option<(String, usize)> {
    let chars: Vec<char> = s.chars().collect();
    match scan(&chars, 0)? {
        Scanned::Number(n) => Some((n.value.normalize().to_string(), n.end)),
        Scanned::Skip(..) => None,
    }
}

fn v(s: &str) -> String {
    value(s).map(|x| x.0).unwrap_or_else(|| "-".into())
}

#[test]
fn chinese_numerals() {
    assert_eq!(v("一千二百三十"), "1230");
    assert_eq!(v("两万"), "20000");
    assert_eq!(v("一千零一十"), "1010");
    assert_eq!(v("四亿五千六百四十二万零一十五"), "456420015");
    assert_eq!(v("五兆六十二亿四万五千二"), "5006200045200");
    assert_eq!(v("十五"), "15");
    assert_eq!(v("十"), "10");
    assert_eq!(v("四万万"), "400000000");
    assert_eq!(v("壹佰伍拾"), "150");
    assert_eq!(v("拾万零五十六"), "100056");
}

#[test]
fn colloquial_forms() {
    assert_eq!(v("三万五"), "35000");
    assert_eq!(v("一百二"), "120");
    assert_eq!(v("九十二万四"), "924000");
    assert_eq!(v("五亿零六"), "500000006");
    assert_eq!(v("百三"), "130");
    assert_eq!(v("半百"), "50");
}

#[test]
fn digit_strings_and_ranges() {
    assert_eq!(v("二〇二〇"), "2020");
    assert_eq!(v("一七二零"), "1720");
    let chars: Vec<char> = "五六个".chars().collect();
    let Some(Scanned::Number(n)) = scan(&chars, 0) else {
        panic!()
    };
    assert_eq!(
        (n.value, n.upper),
        (Decimal::from(5), Some(Decimal::from(6)))
    );
    assert_eq!(n.end, 2);
    let chars: Vec<char> = "三四十人".chars().collect();
    let Some(Scanned::Number(n)) = scan(&chars, 0) else {
        panic!()
    };
    assert_eq!(
        (n.value, n.upper),
        (Decimal::from(30), Some(Decimal::from(40)))
    );
}

#[test]
fn arabic_and_mixed() {
    assert_eq!(v("1,050,000,000"), "1050000000");
    assert_eq!(v("1.1亿"), "110000000");
    assert_eq!(v("34.03万"), "340300");
    assert_eq!(v("15000万"), "150000000");
    assert_eq!(v("33亿7109.6万"), "3371096000");
    assert_eq!(v("4.78万亿"), "4780000000000");
    assert_eq!(v("5万4千6百"), "54600");
    assert_eq!(v("100万三千"), "1003000");
    assert_eq!(v("7 万5 千4 百"), "75400");
    assert_eq!(v("40k"), "40000");
    assert_eq!(v("-10000"), "-10000");
    assert_eq!(v("负三十二"), "-32");
}

#[test]
fn approximations_inside() {
    let chars: Vec<char> = "550多亿元".chars().collect();
    let Some(Scanned::Number(n)) = scan(&chars, 0) else {
        panic!()
    };
    assert_eq!(n.value, Decimal::from(55_000_000_000u64));
    assert_eq!(n.approx, Approx::MoreThan);
    assert_eq!(v("十余万"), "100000");
    assert_eq!(v("1300余"), "1300");
    assert_eq!(v("二十几万"), "200000");
    assert_eq!(v("几十"), "10");
}

#[test]
fn fractions_are_percentages() {
    assert_eq!(v("四分之一"), "25");
    assert_eq!(v("百分之三十"), "30");
    assert_eq!(v("千分之五"), "0.5");
    assert_eq!(v("百分之五十五点五七九"), "55.579");
    assert_eq!(v("三分之二"), "66.6666666667");
}

#[test]
fn decimals_and_codes() {
    assert_eq!(v("三点五"), "3.5");
    assert_eq!(value("两百点两"), Some(("200".into(), 2)));
    assert_eq!(value("2021.5.12"), None);
    assert_eq!(value("99.97%"), Some(("99.97".into(), 5)));
}

#[test]
fn char_sets_follow_the_definitions() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let numeral = digit_value(c).is_some()
            || small_unit(c).is_some()
            || matches!(c, '廿' | '卅' | '卌' | '几' | '半');
        assert_eq!(is_chinese_numeral(c), numeral, "{c}");
        let start = c.is_ascii_digit()
            || numeral
            || matches!(c, '负' | '負' | '-' | '.' | '数' | '万' | '亿');
        assert_eq!(can_start(c), start, "{c}");
        let multiplier = small_unit(c).is_some() || big_unit(c).is_some();
        assert_eq!(is_multiplier(c), multiplier, "{c}");
        // Every char a branch of the lexer reads is in LEXED.
        let lexed = c.is_ascii_digit()
            || digit_value(c).is_some()
            || multiplier
            || ".廿卅卌余多几数个半打kK ".contains(c);
        assert_eq!(LEXED.contains(c), lexed, "{c}");
    }
}

#[test]
fn an_arabic_number_stands_alone_before_other_chars() {
    // Where `arabic_ends` holds, the lexer reads no further token (the shortcut of
    // `first_token`).
    for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
        for tail in ["十", "亿", "万", "1", "余", " 万"] {
            let chars: Vec<char> = format!("12{c}{tail}").chars().collect();
            let Some(Ok((_, end, ..))) = arabic(&chars, 0) else {
                panic!("12{c}{tail}");
            };
            if !arabic_ends(&chars, end) {
                continue;
            }
            let mut toks = Toks::new();
            assert!(lex(&chars, 0, &mut toks).is_ok());
            assert!(
                matches!(toks.as_slice(), [(Tok::Arabic(..), 0, e)] if *e == end),
                "12{c}{tail}"
            );
        }
    }
}

#[test]
fn a_chinese_digit_stands_alone_where_the_lexer_stops() {
    // Where `chinese_digit_ends` holds, the lexer and `build` make the number that
    // `first_token` makes without them.
    for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
        for first in ['一', '两', '五', '玖', '幺'] {
            for tail in ["", "亿", "十", "两"] {
                let chars: Vec<char> = format!("{first}{c}{tail}").chars().collect();
                let First::Alone(alone) = first_token(&chars, 0, 0) else {
                    continue;
                };
                let mut toks = Toks::new();
                assert!(lex(&chars, 0, &mut toks).is_ok());
                let lexed = lexed_number(&chars, 0, &mut toks);
                assert!(
                    matches!(&lexed, Some(Ok(n)) if *n == alone),
                    "{first}{c}{tail}: {lexed:?} {alone:?}"
                );
            }
        }
    }
}

#[test]
fn long_numbers_spill_past_the_inline_tokens() {
    assert_eq!(
        v("一二三四五六七八九零一二三四五六七八九"),
        "1234567890123456789"
    );
    assert_eq!(
        v("一二三四五六七八九零一二三四五六七八九零一二三四五六七"),
        "123456789012345678901234567"
    );
    assert_eq!(v("五兆六千亿七千八百九十万零一百二十三"), "5600078900123");
    assert_eq!(v("一 二 三 四 五 六 七 八 九 零 一 二 三"), "1234567890123");
}

#[test]
fn a_range_takes_no_whole_and_fraction() {
    // Found by the numeral grammar: 三五又几十分之743 was 77.3 with an upper bound of 5.
    let chars: Vec<char> = "三五又二分之一".chars().collect();
    let Some(Scanned::Number(n)) = scan(&chars, 0) else {
        panic!()
    };
    assert_eq!(
        (n.value, n.upper, n.end),
        (Decimal::from(3), Some(Decimal::from(5)), 2)
    );
    assert_eq!(v("三又二分之一"), "3.5");
}

#[test]
fn non_numbers() {
    assert_eq!(value("万"), None);
    assert_eq!(value("余额"), None);
    assert_eq!(value("负责"), None);
}

#[test]
fn amounts_read_the_standard_daxie_and_spoken_digits() {
    let digits: Vec<(char, u32)> = "零〇一壹幺二贰两貮倆三叁四肆五伍六陆七柒八捌九玖"
        .chars()
        .zip([
            0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9,
        ])
        .collect();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let expected = digits.iter().find(|d| d.0 == c).map(|d| d.1);
        assert_eq!(digit_value(c), expected, "{c}");
    }
}

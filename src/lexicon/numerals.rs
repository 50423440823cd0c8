//! The numeral table: what each Chinese numeral char is worth (digits, 大写 forms, multipliers),
//! and the char classes the scanner tests.

use rust_decimal::Decimal;

use crate::lexicon::CharBits;

/// How a digit char is written: the number and date scanners read different forms of the
/// one table ([`digit_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// 〇 零 一 二 两 三 … 九.
    Standard,
    /// The formal 大写 forms of amounts: 壹 贰 貮 叁 … 玖.
    Daxie,
    /// 幺, the spoken 1 of phone and code numbers.
    Spoken,
    /// 倆, the Traditional 俩 (normalization folds it to 两 before a numeral unit).
    Traditional,
    /// 俩 and 仨 ("the two of", "the three of"): numerals in dates, words next to amounts.
    Colloquial,
    /// The letter O typed for 〇 in years (二OO八).
    Letter,
}

/// The numeral table: the value of every char that writes a Chinese digit, and its form.
#[inline]
pub(crate) fn digit_of(c: char) -> Option<(u32, Form)> {
    use Form::*;
    Some(match c {
        '零' | '〇' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' =>
        {
            let v = match c {
                '零' | '〇' => 0,
                '一' => 1,
                '二' | '两' => 2,
                '三' => 3,
                '四' => 4,
                '五' => 5,
                '六' => 6,
                '七' => 7,
                '八' => 8,
                _ => 9,
            };
            (v, Standard)
        }
        '壹' => (1, Daxie),
        '贰' | '貮' => (2, Daxie),
        '叁' => (3, Daxie),
        '肆' => (4, Daxie),
        '伍' => (5, Daxie),
        '陆' => (6, Daxie),
        '柒' => (7, Daxie),
        '捌' => (8, Daxie),
        '玖' => (9, Daxie),
        '幺' => (1, Spoken),
        '倆' => (2, Traditional),
        '俩' => (2, Colloquial),
        '仨' => (3, Colloquial),
        'O' => (0, Letter),
        _ => return None,
    })
}

/// The value of a digit char as amounts write it: standard, 大写, spoken and Traditional
/// forms (俩 and 仨 are words there: 他们俩).
#[inline]
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match digit_of(c)? {
        (v, Form::Standard | Form::Daxie | Form::Spoken | Form::Traditional) => Some(v),
        _ => None,
    }
}

pub(crate) fn small_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

pub(crate) fn big_unit(c: char) -> Option<Decimal> {
    Some(match c {
        '万' => Decimal::from(10_000u32),
        '亿' => Decimal::from(100_000_000u32),
        '兆' => Decimal::from(1_000_000_000_000u64),
        _ => return None,
    })
}

/// The value of a multiplier char (十 百 千 万 亿 兆, their 大写 forms, and k).
pub(crate) fn multiplier_value(c: char) -> Option<Decimal> {
    match c {
        'k' | 'K' => Some(Decimal::from(1000)),
        _ => small_unit(c).map(Decimal::from).or_else(|| big_unit(c)),
    }
}

/// Whether `c` is a 大写 numeral (壹 贰 … 拾 佰 仟), the formal forms that are also
/// ordinary chars in words (陆地, 收拾, 队伍).
pub(crate) fn is_daxie(c: char) -> bool {
    matches!(
        c,
        '壹' | '贰' | '叁' | '肆' | '伍' | '陆' | '柒' | '捌' | '玖' | '拾' | '佰' | '仟'
    )
}

/// The value of a single Chinese digit char (not 两).
pub(crate) fn chinese_digit(c: char) -> Option<u32> {
    if c == '两' || c.is_ascii_digit() {
        return None;
    }
    digit_value(c)
}

/// The chars of [`is_chinese_numeral`]: the digits of `digit_value`, the units of
/// `small_unit`, and 廿 卅 卌 几 半 (a unit test checks the sets against those functions).
static NUMERAL: CharBits =
    CharBits::of("零〇一壹幺二贰两貮倆三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟廿卅卌几半");

/// The chars of [`can_start`].
static CAN_START: CharBits = CharBits::of(
    "0123456789零〇一壹幺二贰两貮倆三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟廿卅卌几半负負-.数万亿",
);

/// The chars of [`is_multiplier`].
static MULTIPLIER: CharBits = CharBits::of("十拾百佰千仟万亿兆");

/// Every char the lexer reads as (part of) a token: a char outside the set ends a number.
pub(crate) static LEXED: CharBits = CharBits::of(
    "0123456789.零〇一壹幺二贰两貮倆三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿兆廿卅卌余多几数个半打kK ",
);

/// The chars that may continue a number after an Arabic number (5万, 1300余, 10k, 7 万):
/// after any other char an Arabic number stands alone.
pub(crate) static AFTER_ARABIC: CharBits =
    CharBits::of("零〇十拾百佰千仟万亿兆廿卅卌余多几个打kK ");

/// Whether `c` can start a Chinese numeral.
#[inline]
pub(crate) fn is_chinese_numeral(c: char) -> bool {
    NUMERAL.contains(c)
}

/// Whether a number may start at `c`.
#[inline]
pub(crate) fn can_start(c: char) -> bool {
    CAN_START.contains(c)
}

/// Whether `c` is a multiplier char (十 百 千 万 亿 and their 大写 forms).
#[inline]
pub(crate) fn is_multiplier(c: char) -> bool {
    MULTIPLIER.contains(c)
}

/// The first char at or after `j` that is not a space.
pub(crate) fn skip_spaces(chars: &[char], mut j: usize) -> usize {
    while chars.get(j) == Some(&' ') {
        j += 1;
    }
    j
}

/// The first char at or after `j` that is not a digit or numeral char.
pub(crate) fn skip_numeral(chars: &[char], mut j: usize) -> usize {
    while chars
        .get(j)
        .is_some_and(|&c| c.is_ascii_digit() || is_chinese_numeral(c))
    {
        j += 1;
    }
    j
}

//! The lexer: the numeral tokens of one number (digits, multipliers, Arabic numbers,
//! approximation chars), spaces read through.

use rust_decimal::Decimal;

use super::arabic::arabic;
use crate::lexicon::numerals::{
    LEXED, big_unit, digit_value, is_chinese_numeral, is_multiplier, small_unit,
};

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Tok {
    /// A Chinese digit.
    Digit(u32),
    /// 廿 卅 卌: a digit with its ten.
    Tens(u32),
    /// An Arabic number: value, integer digits, has a point.
    Arabic(Decimal, usize, bool),
    Small(u32),
    Big(Decimal),
    Zero,
    /// 余 or 多.
    More,
    /// 几.
    Some_,
    /// 半 before a unit (半百).
    Half,
    /// 打 (a dozen) or k (a thousand) after a number.
    Times(u32),
}

/// A token with its first char and one past its last.
pub(super) type Lexeme = (Tok, usize, usize);

/// How many tokens a number keeps without allocating; longer ones spill to the heap.
const INLINE_TOKS: usize = 8;

/// The tokens of one number: a fixed array for the usual short number, a vector past it.
pub(super) struct Toks {
    inline: [Lexeme; INLINE_TOKS],
    len: usize,
    spill: Vec<Lexeme>,
}

impl Toks {
    pub(super) fn new() -> Toks {
        Toks {
            inline: [(Tok::Zero, 0, 0); INLINE_TOKS],
            len: 0,
            spill: Vec::new(),
        }
    }

    #[inline]
    pub(super) fn push(&mut self, t: Lexeme) {
        if self.spill.is_empty() && self.len < INLINE_TOKS {
            self.inline[self.len] = t;
        } else {
            if self.spill.is_empty() {
                self.spill.extend_from_slice(&self.inline);
            }
            self.spill.push(t);
        }
        self.len += 1;
    }

    #[inline]
    pub(super) fn as_slice(&self) -> &[Lexeme] {
        if self.spill.is_empty() {
            &self.inline[..self.len.min(INLINE_TOKS)]
        } else {
            &self.spill
        }
    }

    #[inline]
    pub(super) fn last(&self) -> Option<&Lexeme> {
        self.as_slice().last()
    }

    #[inline]
    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    pub(super) fn pop(&mut self) {
        if self.len == 0 {
            return;
        }
        if !self.spill.is_empty() {
            self.spill.pop();
        }
        self.len -= 1;
    }
}

/// Lexes the numeral tokens starting at `i`. Spaces between tokens are allowed when a
/// Chinese numeral char stands on either side (`7 万5 千4 百`, `一百 五 十 二`, `十 余 万`).
/// `toks` holds the tokens lexed before `i` (none, or a first Arabic number).
pub(super) fn lex(chars: &[char], i: usize, toks: &mut Toks) -> Result<(), usize> {
    let mut j = i;
    // The last small unit of the current section: small units must fall (五十千 is 五十).
    let mut last_small: Option<u32> = None;
    while let Some(&c) = chars.get(j) {
        if !LEXED.contains(c) {
            break;
        }
        let prev = toks.last().map(|t| t.0);
        let tok = if c.is_ascii_digit() || c == '.' && toks.is_empty() {
            if matches!(prev, Some(Tok::Arabic(..) | Tok::Digit(_))) {
                break;
            }
            match arabic(chars, j) {
                Some(Ok((v, end, d, p))) => {
                    toks.push((Tok::Arabic(v, d, p), j, end));
                    j = end;
                    continue;
                }
                Some(Err(end)) => {
                    if toks.is_empty() {
                        return Err(end);
                    }
                    break;
                }
                None => break,
            }
        } else if c == '两' {
            // 两 is a digit first (两千, 两个) or before a multiplier after a unit (一万两千);
            // elsewhere after a number it is the weight 两 (三两, 三十两, 两万两). 两两 is a
            // word (in pairs).
            match prev {
                None if chars.get(j + 1) == Some(&'两') => return Ok(()),
                None => Tok::Digit(2),
                Some(Tok::Small(_) | Tok::Big(_))
                    if chars.get(j + 1).is_some_and(|&n| is_multiplier(n)) =>
                {
                    Tok::Digit(2)
                }
                _ => break,
            }
        } else if c == '零' || c == '〇' {
            Tok::Zero
        } else if let Some(d) = digit_value(c) {
            if matches!(prev, Some(Tok::Arabic(..))) {
                break;
            }
            Tok::Digit(d)
        } else if let Some(u) = small_unit(c) {
            if last_small.is_some_and(|v| u >= v) {
                break;
            }
            last_small = Some(u);
            Tok::Small(u)
        } else if let Some(u) = big_unit(c) {
            if toks.is_empty() {
                break;
            }
            last_small = None;
            Tok::Big(u)
        } else if c == '廿' || c == '卅' || c == '卌' {
            if last_small.is_some_and(|v| v <= 10) {
                break;
            }
            last_small = Some(10);
            Tok::Tens(match c {
                '廿' => 20,
                '卅' => 30,
                _ => 40,
            })
        } else if c == '余' || c == '多' {
            // Only between a number and a multiplier or at the end (1300余, 十余万, 550多亿).
            if toks.is_empty() || matches!(prev, Some(Tok::More)) {
                break;
            }
            Tok::More
        } else if c == '几' && !matches!(prev, Some(Tok::Some_)) || c == '数' && toks.is_empty() {
            // 数 only before a multiplier (数十, 数百万): 数据, 数量 are words.
            if c == '数' && !chars.get(j + 1).is_some_and(|&n| is_multiplier(n)) {
                break;
            }
            Tok::Some_
        } else if c == '个'
            && matches!(
                prev,
                Some(Tok::Digit(_) | Tok::Arabic(..) | Tok::Small(_) | Tok::Tens(_) | Tok::Some_)
            )
            && chars.get(j + 1) == Some(&'亿')
        {
            // 两个亿, 十几个亿: the classifier before 亿 is spoken style for 亿.
            j += 1;
            continue;
        } else if c == '半' {
            if !toks.is_empty() || chars.get(j + 1).is_none_or(|&n| small_unit(n).is_none()) {
                break;
            }
            Tok::Half
        } else if c == '打' {
            // 一打 (a dozen); in 三打两建 打 is a verb between numerals.
            if toks.is_empty()
                || matches!(prev, Some(Tok::Times(_)))
                || chars.get(j + 1).is_some_and(|&n| is_chinese_numeral(n))
            {
                break;
            }
            Tok::Times(12)
        } else if (c == 'k' || c == 'K')
            && matches!(prev, Some(Tok::Arabic(..)))
            && !chars.get(j + 1).is_some_and(|n| n.is_ascii_alphabetic())
        {
            Tok::Times(1000)
        } else if c == ' ' && !toks.is_empty() {
            // A run of spaces inside a number: a Chinese numeral (or 余 after one) on the
            // left and a numeral on the right, or Arabic digits before a multiplier.
            let mut k = j;
            while chars.get(k) == Some(&' ') {
                k += 1;
            }
            let last = chars[j - 1];
            let joins = chars.get(k).is_some_and(|&n| {
                (is_chinese_numeral(n)
                    || big_unit(n).is_some()
                    || n.is_ascii_digit()
                    || matches!(n, '余' | '多'))
                    && (is_chinese_numeral(last) || big_unit(last).is_some() || last == '余')
                    && n != '半'
                    || last.is_ascii_digit() && is_multiplier(n)
            });
            if !joins {
                break;
            }
            j = k;
            continue;
        } else {
            break;
        };
        toks.push((tok, j, j + 1));
        j += 1;
    }
    // Trailing 余/多 belongs to the number only when it follows a number or unit, never
    // at the very start; trailing spaces are never part of the number.
    Ok(())
}

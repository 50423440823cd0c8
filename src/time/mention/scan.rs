//! The scanner's state and its primitive readers: chars, literals, words, numbers, and
//! what may stand at a position.

use std::cell::Cell;

use super::NUMBERISH;
use crate::time::lexicon::{Lexicon, Word};
use crate::time::mention::{RANGE_SEPS, Step};
use crate::time::numeral::{cn_number, digits, is_cn_numeral};
use crate::time::{PeriodMention, YearRef};

pub(crate) struct Scan<'a> {
    pub(crate) c: &'a [char],
    pub(crate) lx: &'a Lexicon,
    /// The last [`Scan::number`] read: the forms tried at one position read the same
    /// number again and again.
    pub(crate) number_memo: Cell<(usize, Option<(u32, usize)>)>,
    /// The last [`Scan::year`] read.
    pub(crate) year_memo: Cell<(usize, Option<(YearRef, usize)>)>,
    /// The words at `word_at`, longest first: the forms tried at one position look up
    /// the same words again and again.
    word_at: Cell<usize>,
    words: [Cell<(Word, usize)>; WORD_MEMO],
    word_count: Cell<usize>,
}

/// How many words at one position [`Scan::word`] keeps.
const WORD_MEMO: usize = 6;

impl<'a> Scan<'a> {
    pub(crate) fn new(c: &'a [char], lx: &'a Lexicon) -> Scan<'a> {
        Scan {
            c,
            lx,
            number_memo: Cell::new((usize::MAX, None)),
            year_memo: Cell::new((usize::MAX, None)),
            word_at: Cell::new(usize::MAX),
            words: std::array::from_fn(|_| Cell::new((Word::Now, 0))),
            word_count: Cell::new(0),
        }
    }
}

impl Scan<'_> {
    #[inline]
    pub(crate) fn ch(&self, i: usize) -> Option<char> {
        self.c.get(i).copied()
    }

    #[inline]
    pub(crate) fn is(&self, i: usize, ch: char) -> bool {
        self.ch(i) == Some(ch)
    }

    /// The end of `s` when the text has it at `i`.
    #[inline]
    pub(crate) fn lit(&self, i: usize, s: &[char]) -> Option<usize> {
        // Most tries fail at the first char: one compare before the slice bounds.
        let (first, rest) = s.split_first()?;
        if self.c.get(i) != Some(first) {
            return None;
        }
        let end = i + s.len();
        let got = self.c.get(i + 1..end)?;
        (got == rest).then_some(end)
    }

    /// The end of the first of `list` the text has at `i`.
    #[inline]
    pub(crate) fn lits<S: AsRef<[char]>>(&self, i: usize, list: &[S]) -> Option<usize> {
        let c = *self.c.get(i)?;
        list.iter()
            .map(AsRef::as_ref)
            .filter(|s| s.first() == Some(&c))
            .find_map(|s| self.lit(i, s))
    }

    /// Skips up to two ASCII spaces.
    pub(crate) fn sp(&self, i: usize) -> usize {
        let mut j = i;
        while j < i + 2 && self.is(j, ' ') {
            j += 1;
        }
        j
    }

    /// The longest word at `i` accepted by `keep`, with its end.
    pub(crate) fn word(&self, i: usize, keep: impl Fn(&Word) -> bool) -> Option<(Word, usize)> {
        if self.word_at.get() != i {
            let mut found = [(Word::Now, 0); WORD_MEMO];
            let n = self.lx.words.all_at(self.c, i, &mut found);
            if n > WORD_MEMO {
                return self.lx.words.longest_at(self.c, i, keep);
            }
            for (slot, w) in self.words.iter().zip(found) {
                slot.set(w);
            }
            self.word_count.set(n);
            self.word_at.set(i);
        }
        self.words
            .iter()
            .take(self.word_count.get())
            .map(Cell::get)
            .find(|(w, _)| keep(w))
    }

    /// Whether the char before `i` is part of a number or a count (ASCII letters and
    /// digits, `.`, Chinese numerals, `个多余几半第每`).
    pub(crate) fn prev_is_numberish(&self, i: usize) -> bool {
        i.checked_sub(1)
            .and_then(|k| self.ch(k))
            .is_some_and(|c| NUMBERISH.contains(c))
    }

    /// A number at `i`, Arabic or Chinese, not part of a longer Arabic token.
    pub(crate) fn number(&self, i: usize) -> Option<(u32, usize)> {
        memo(&self.number_memo, i, || self.read_number(i))
    }

    /// Whether an ASCII letter, digit or point stands right before `i` (a digit there is
    /// part of a longer token).
    #[inline]
    pub(crate) fn after_ascii_token(&self, i: usize) -> bool {
        i.checked_sub(1)
            .and_then(|k| self.ch(k))
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
    }

    fn read_number(&self, i: usize) -> Option<(u32, usize)> {
        let ch = self.ch(i)?;
        if ch.is_ascii_digit() {
            if self.after_ascii_token(i) {
                return None;
            }
            let (v, e, len) = digits(self.c, i)?;
            // A decimal is a quantity, not a date field.
            if self.is(e, '.') && self.ch(e + 1).is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            if len > 4 {
                return None;
            }
            Some((v, e))
        } else if is_cn_numeral(ch) {
            cn_number(self.c, i)
        } else {
            None
        }
    }

    /// A count for a relative expression: a number, `几`/`半` excluded.
    pub(crate) fn count(&self, i: usize) -> Option<(u32, usize)> {
        let (v, e) = self.number(i)?;
        (v > 0).then_some((v, e))
    }

    // ---------------------------------------------------------------- dispatch

    pub(crate) fn at(&self, i: usize, out: &[PeriodMention]) -> Step {
        let ch = self.c[i];
        // Most numbers are quantities (`1300余宗`, `4.2亿元`): past them at once unless
        // what follows can make a date, a count of time or a clock time.
        if (ch.is_ascii_digit() || is_cn_numeral(ch))
            && !self.prev_is_numberish(i)
            && let Some(skip) = self.quantity_number(i)
        {
            return Step::Skip(skip);
        }
        if ch.is_ascii_digit()
            && i.checked_sub(1)
                .and_then(|k| self.ch(k))
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
        {
            return Step::Skip(self.skip_number(i));
        }
        if let Some((w, e)) = self.word(i, |w| matches!(w, Word::Every | Word::Name)) {
            return Step::Skip(if w == Word::Every {
                self.skip_recurrence(e)
            } else {
                e
            });
        }
        if let Some(m) = self.prefixed(i) {
            return Step::Found(m);
        }
        if let Some((expr, end, role)) = self.core(i) {
            return Step::Found(PeriodMention {
                start: i,
                end,
                expr,
                role,
            });
        }
        if let Some(m) = self.clock(i) {
            return Step::Found(m);
        }
        if let Some(m) = self.look_back(i, out) {
            return Step::Found(m);
        }
        if ch.is_ascii_digit() || is_cn_numeral(ch) {
            return Step::Skip(self.skip_number(i));
        }
        Step::Skip(i + 1)
    }

    /// The end of the number at `i` when nothing after it can make a date or time.
    pub(crate) fn quantity_number(&self, i: usize) -> Option<usize> {
        let arabic = self.ch(i).is_some_and(|c| c.is_ascii_digit());
        let mut j = i;
        while self.ch(j).is_some_and(|c| {
            if arabic {
                c.is_ascii_digit()
            } else {
                is_cn_numeral(c)
            }
        }) {
            j += 1;
        }
        let k = self.sp(j);
        let Some(next) = self.ch(k) else {
            return Some(j.max(i + 1));
        };
        let after = self.ch(k + 1);
        let date_like = match next {
            '年' | '月' | '日' | '号' | '季' | '周' | '天' | '世' | '点' | '时' | '分' | ':'
            | '-' | '/' | '至' | '到' | '~' | '—' | '－' | '～' | '半' | '星' | '礼' | '、'
            | '和' | '及' | '与' | '五' | '”' | '"' | '初' | '钟' | '刻' | '秒' | '以' | '来'
            | '前' | '后' | '节' | '假' | '期' | '黄' | '长' | '小' => true,
            '.' => {
                after.is_some_and(|c| c.is_ascii_digit()) && {
                    // `2021.5.12` is a date; `4.2亿` is not.
                    let mut m = k + 1;
                    while self.ch(m).is_some_and(|c| c.is_ascii_digit()) {
                        m += 1;
                    }
                    self.is(m, '.') || self.is(m, '-')
                }
            }
            '个' => matches!(
                after,
                Some('月' | '季' | '星' | '礼' | '周' | '工' | '小' | '多' | '半')
            ),
            '多' | '余' => matches!(after, Some('年' | '个' | '月' | '天' | '周')),
            ',' | '，' => {
                !arabic || matches!(after, Some(c) if c.is_ascii_digit() || is_cn_numeral(c))
            }
            c => is_cn_numeral(c) || c.is_ascii_digit(),
        };
        (!date_like).then_some(j.max(i + 1))
    }

    /// Past a number and the unit char after it, so that `三年内` is not read as `年内`.
    pub(crate) fn skip_number(&self, i: usize) -> usize {
        let arabic = self.ch(i).is_some_and(|c| c.is_ascii_digit());
        let mut j = i;
        while self.ch(j).is_some_and(|c| {
            if arabic {
                c.is_ascii_digit() || c == '.'
            } else {
                is_cn_numeral(c)
            }
        }) {
            j += 1;
        }
        while self
            .ch(j)
            .is_some_and(|c| matches!(c, '个' | '多' | '余' | '几' | '半'))
        {
            j += 1;
        }
        if self
            .ch(j)
            .is_some_and(|c| matches!(c, '年' | '月' | '日' | '天' | '周' | '季' | '时'))
        {
            j += 1;
        }
        j
    }

    /// After `每年`, `每月`, `每周`…: the date that follows is a recurrence
    /// (`每月15日`, `每周一至周五`), not a period.
    pub(crate) fn skip_recurrence(&self, i: usize) -> usize {
        let Some(j) = self.lits(
            i,
            &[
                w!("个工作日"),
                w!("个月"),
                w!("季度"),
                w!("星期"),
                w!("年"),
                w!("月"),
                w!("周"),
                w!("天"),
                w!("日"),
            ],
        ) else {
            return i;
        };
        let weekly = self
            .c
            .get(j.wrapping_sub(1))
            .is_some_and(|&c| c == '周' || c == '期');
        if weekly && let Some((_, e)) = self.weekday_digit(j) {
            let k = self.sp(e);
            if let Some(s) = self.lits(k, &RANGE_SEPS) {
                let s = self.sp(s);
                if let Some((_, e2)) = self.weekday(s).or_else(|| self.weekday_digit(s)) {
                    return e2;
                }
            }
            return e;
        }
        match self.core(j) {
            Some((_, e, _)) => e,
            None => j,
        }
    }
}

/// The value `read` gives at `i`, read once for the last `i` asked (the forms tried at one
/// position read the same field again and again).
#[inline]
pub(crate) fn memo<T: Copy>(cell: &Cell<(usize, T)>, i: usize, read: impl FnOnce() -> T) -> T {
    let (at, value) = cell.get();
    if at == i {
        return value;
    }
    let r = read();
    cell.set((i, r));
    r
}

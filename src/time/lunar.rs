//! The Chinese lunisolar calendar, computed from the Sun and Moon (no tables).
//!
//! Months start on the day (Beijing time, UTC+8) of a new moon; the month holding the
//! winter solstice is the 11th; in a year of 13 months between two such months, the first
//! month without a principal solar term (中气) is the leap month. New moons follow the
//! series of J. Meeus, *Astronomical Algorithms*, ch. 49, and the Sun's apparent longitude
//! his low-accuracy formula of ch. 25 (about 0.01°, a quarter of an hour for a solar term).
//! Results are for 1900 to 2100; a moment within minutes of midnight can fall on the wrong
//! day, which the tests check against known dates.

use jiff::civil::Date;

/// Julian Ephemeris Day of the mean new moon of lunation `k` (k = 0 on 2000-01-06), with
/// the periodic corrections.
fn new_moon(k: f64) -> f64 {
    let t = k / 1236.85;
    let (t2, t3, t4) = (t * t, t * t * t, t * t * t * t);
    let jde =
        2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
    let rad = |d: f64| d.to_radians();
    let e = 1.0 - 0.002516 * t - 0.0000074 * t2;
    let m = rad(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
    let mp = rad(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
    let f = rad(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
    let om = rad(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
    let s = f64::sin;
    let corr = -0.40720 * s(mp)
        + 0.17241 * e * s(m)
        + 0.01608 * s(2.0 * mp)
        + 0.01039 * s(2.0 * f)
        + 0.00739 * e * s(mp - m)
        - 0.00514 * e * s(mp + m)
        + 0.00208 * e * e * s(2.0 * m)
        - 0.00111 * s(mp - 2.0 * f)
        - 0.00057 * s(mp + 2.0 * f)
        + 0.00056 * e * s(2.0 * mp + m)
        - 0.00042 * s(3.0 * mp)
        + 0.00042 * e * s(m + 2.0 * f)
        + 0.00038 * e * s(m - 2.0 * f)
        - 0.00024 * e * s(2.0 * mp - m)
        - 0.00017 * s(om)
        - 0.00007 * s(mp + 2.0 * m)
        + 0.00004 * s(2.0 * mp - 2.0 * f)
        + 0.00004 * s(3.0 * m)
        + 0.00003 * s(mp + m - 2.0 * f)
        + 0.00003 * s(2.0 * mp + 2.0 * f)
        - 0.00003 * s(mp + m + 2.0 * f)
        + 0.00003 * s(mp - m + 2.0 * f)
        - 0.00002 * s(mp - m - 2.0 * f)
        - 0.00002 * s(3.0 * mp + m)
        + 0.00002 * s(4.0 * mp);
    // Planetary arguments.
    let planetary: [(f64, f64, f64); 14] = [
        (299.77, 0.107408, 0.000325),
        (251.88, 0.016321, 0.000165),
        (251.83, 26.651886, 0.000164),
        (349.42, 36.412478, 0.000126),
        (84.66, 18.206239, 0.000110),
        (141.74, 53.303771, 0.000062),
        (207.14, 2.453732, 0.000060),
        (154.84, 7.306860, 0.000056),
        (34.52, 27.261239, 0.000047),
        (207.19, 0.121824, 0.000042),
        (291.34, 1.844379, 0.000040),
        (161.72, 24.198154, 0.000037),
        (239.56, 25.513099, 0.000035),
        (331.55, 3.592518, 0.000023),
    ];
    let mut extra = 0.0;
    for (n, &(a, b, c)) in planetary.iter().enumerate() {
        let arg = if n == 0 {
            a + b * k - 0.009173 * t2
        } else {
            a + b * k
        };
        extra += c * s(rad(arg));
    }
    jde + corr + extra
}

/// The Sun's apparent longitude at `jde`, in degrees `0..360`.
fn sun_longitude(jde: f64) -> f64 {
    let t = (jde - 2451545.0) / 36525.0;
    let l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
    let m = (357.52911 + 35999.05029 * t - 0.0001537 * t * t).to_radians();
    let c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * m.sin()
        + (0.019993 - 0.000101 * t) * (2.0 * m).sin()
        + 0.000289 * (3.0 * m).sin();
    let om = (125.04 - 1934.136 * t).to_radians();
    (l0 + c - 0.00569 - 0.00478 * om.sin()).rem_euclid(360.0)
}

/// The moment the Sun's apparent longitude reaches `deg` near `guess`.
fn solar_term_near(deg: f64, guess: f64) -> f64 {
    let mut jde = guess;
    for _ in 0..50 {
        let diff = (deg - sun_longitude(jde) + 540.0).rem_euclid(360.0) - 180.0;
        if diff.abs() < 1e-7 {
            break;
        }
        jde += diff * 365.2422 / 360.0;
    }
    jde
}

/// Terrestrial minus universal time, in days (a smooth fit, within a minute over
/// 1900-2100).
fn delta_t(jde: f64) -> f64 {
    let y = 2000.0 + (jde - 2451545.0) / 365.25;
    let u = (y - 1820.0) / 100.0;
    let seconds = if (1961.0..2050.0).contains(&y) {
        let t = y - 2000.0;
        if y < 1986.0 {
            let t = y - 1975.0;
            45.45 + 1.067 * t - t * t / 260.0 - t * t * t / 718.0
        } else if y < 2005.0 {
            63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t
        } else {
            62.92 + 0.32217 * t + 0.005589 * t * t
        }
    } else {
        -20.0 + 32.0 * u * u
    };
    seconds / 86400.0
}

/// The day (days since 1970-01-01) in Beijing of the moment `jde`.
fn beijing_day(jde: f64) -> i64 {
    (jde - delta_t(jde) + 8.0 / 24.0 - 2440587.5).floor() as i64
}

fn to_date(day: i64) -> Option<Date> {
    Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().try_days(day).ok()?)
        .ok()
}

#[cfg(test)]
fn day_of(d: Date) -> Option<i64> {
    let span = d.since(Date::constant(1970, 1, 1)).ok()?;
    Some(i64::from(span.get_days()))
}

fn jde_of_day(day: i64) -> f64 {
    day as f64 + 2440587.5
}

/// The lunation whose Beijing day is on or before `day` with the next one after it.
fn lunation_on_or_before(day: i64) -> i64 {
    let mut k = ((jde_of_day(day) - 2451550.09766) / 29.530588861).floor() as i64;
    while beijing_day(new_moon(k as f64)) > day {
        k -= 1;
    }
    while beijing_day(new_moon((k + 1) as f64)) <= day {
        k += 1;
    }
    k
}

/// The Beijing day of the solar term at `deg` in Gregorian `year`.
fn solar_term_day(year: i16, deg: f64) -> i64 {
    // Days from the March equinox, roughly.
    let offset = deg.rem_euclid(360.0) / 360.0 * 365.2422;
    let equinox = 2451623.8 + (f64::from(year) - 2000.0) * 365.2422;
    let mut guess = equinox + offset;
    // Terms before the equinox in the calendar year (小寒 285° .. 惊蛰 345°).
    if deg > 270.0 {
        guess -= 365.2422;
    }
    beijing_day(solar_term_near(deg, guess))
}

/// The date of the solar term at longitude `deg` (冬至 270, 清明 15) in Gregorian `year`.
pub(crate) fn solar_term(year: i16, deg: u16) -> Option<Date> {
    if !(1900..=2100).contains(&year) {
        return None;
    }
    to_date(solar_term_day(year, f64::from(deg)))
}

/// One month of the lunar calendar: first day, number (1 to 12) and whether it is leap.
#[derive(Debug, Clone, Copy)]
struct Month {
    start: i64,
    end: i64,
    number: u8,
    leap: bool,
}

/// The months from the 11th month holding the winter solstice of `year - 1` up to, not
/// including, the one holding that of `year`: 11, 12, 1 .. 10, with a leap month where
/// the year has 13.
fn months_around(year: i16) -> Option<&'static [Month]> {
    // Computed once per year and kept: the astronomy is costly and holidays recur.
    static YEARS: [std::sync::OnceLock<Option<Vec<Month>>>; 200] =
        [const { std::sync::OnceLock::new() }; 200];
    if !(1901..=2100).contains(&year) {
        return None;
    }
    let slot = YEARS.get(usize::try_from(year - 1901).ok()?)?;
    slot.get_or_init(|| compute_months_around(year)).as_deref()
}

fn compute_months_around(year: i16) -> Option<Vec<Month>> {
    let ws1 = solar_term_day(year - 1, 270.0);
    let ws2 = solar_term_day(year, 270.0);
    let k1 = lunation_on_or_before(ws1);
    let k2 = lunation_on_or_before(ws2);
    let starts: Vec<i64> = (k1..=k2).map(|k| beijing_day(new_moon(k as f64))).collect();
    let n = starts.len().checked_sub(1)?;
    if !(12..=13).contains(&n) {
        return None;
    }
    // Principal terms between the two solstices: 300° (大寒) .. 240° (小雪), and the
    // solstice itself.
    let principal: Vec<i64> = (1..=12)
        .map(|i| solar_term_day(year, (270.0 + 30.0 * f64::from(i)).rem_euclid(360.0)))
        .collect();
    let has_principal = |s: i64, e: i64| principal.iter().any(|&d| s <= d && d < e);
    let mut leap_seen = n == 12;
    let mut months = Vec::with_capacity(n);
    let mut number = 11u8;
    for i in 0..n {
        let (s, e) = (starts[i], starts[i + 1]);
        let leap = i > 0 && !leap_seen && !has_principal(s, e);
        if i > 0 && !leap {
            number = number % 12 + 1;
        }
        if leap {
            leap_seen = true;
        }
        months.push(Month {
            start: s,
            end: e - 1,
            number,
            leap,
        });
    }
    Some(months)
}

/// The month `number` (leap or not) of lunar year `year`.
fn month_of(year: i16, number: u8, leap: bool) -> Option<Month> {
    // Months 11 and 12 of lunar year Y open the span that ends with the solstice of Y + 1.
    let span = if number >= 11 {
        year.checked_add(1)?
    } else {
        year
    };
    let months = months_around(span)?;
    let found = months
        .iter()
        .filter(|m| number < 11 || m.number >= 11)
        .find(|m| m.number == number && m.leap == leap)
        .copied();
    match found {
        Some(m) if number >= 11 => {
            // The first 11 and 12 of the span belong to the lunar year before `span`.
            months
                .iter()
                .position(|x| x.start == m.start)
                .filter(|&p| p < 3)
                .map(|_| m)
        }
        other => other,
    }
}

/// The first and last days of lunar month `number` of lunar year `year`.
pub(crate) fn lunar_month(year: i16, number: u8, leap: bool) -> Option<(Date, Date)> {
    let m = month_of(year, number, leap)?;
    Some((to_date(m.start)?, to_date(m.end)?))
}

/// Day `day` of lunar month `number` of lunar year `year`.
pub(crate) fn lunar_date(year: i16, number: u8, leap: bool, day: u8) -> Option<Date> {
    let m = month_of(year, number, leap)?;
    let d = m.start + i64::from(day) - 1;
    (day >= 1 && d <= m.end).then_some(d).and_then(to_date)
}

/// The Spring Festival (正月初一) falling in Gregorian `year`.
pub(crate) fn spring_festival(year: i16) -> Option<Date> {
    lunar_date(year, 1, false, 1)
}

/// The lunar month and day of a Gregorian date, for tests and callers that need it.
#[cfg(test)]
fn to_lunar(d: Date) -> Option<(u8, bool, u8)> {
    let day = day_of(d)?;
    for y in [d.year(), d.year() + 1] {
        for m in months_around(y)? {
            if m.start <= day && day <= m.end {
                return Some((m.number, m.leap, u8::try_from(day - m.start + 1).ok()?));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn spring_festivals() {
        for (y, s) in [
            (1991, "1991-02-15"),
            (2000, "2000-02-05"),
            (2006, "2006-01-29"),
            (2012, "2012-01-23"),
            (2013, "2013-02-10"),
            (2014, "2014-01-31"),
            (2015, "2015-02-19"),
            (2016, "2016-02-08"),
            (2017, "2017-01-28"),
            (2018, "2018-02-16"),
            (2019, "2019-02-05"),
            (2020, "2020-01-25"),
            (2021, "2021-02-12"),
            (2022, "2022-02-01"),
            (2023, "2023-01-22"),
            (2024, "2024-02-10"),
            (2025, "2025-01-29"),
        ] {
            assert_eq!(spring_festival(y), Some(d(s)), "{y}");
        }
    }

    #[test]
    fn lunar_dates_and_leap_months() {
        assert_eq!(lunar_date(2021, 8, false, 15), Some(d("2021-09-21")));
        assert_eq!(lunar_date(2020, 8, false, 15), Some(d("2020-10-01")));
        assert_eq!(lunar_date(2006, 5, false, 5), Some(d("2006-05-31")));
        assert_eq!(lunar_date(2020, 5, false, 5), Some(d("2020-06-25")));
        assert_eq!(lunar_date(2012, 1, false, 15), Some(d("2012-02-06")));
        assert_eq!(lunar_date(1991, 8, false, 23), Some(d("1991-09-30")));
        assert_eq!(lunar_date(2022, 12, false, 10), Some(d("2023-01-01")));
        assert_eq!(lunar_date(2023, 9, false, 22), Some(d("2023-11-05")));
        assert_eq!(
            lunar_month(2020, 4, true),
            Some((d("2020-05-23"), d("2020-06-20")))
        );
        assert_eq!(
            lunar_month(2021, 6, false),
            Some((d("2021-07-10"), d("2021-08-07")))
        );
        assert_eq!(
            lunar_month(2022, 12, false),
            Some((d("2022-12-23"), d("2023-01-21")))
        );
        assert_eq!(to_lunar(d("2023-03-22")), Some((2, true, 1)));
    }

    #[test]
    fn every_year_has_a_spring_festival_between_21_january_and_20_february() {
        for y in 1902..=2099 {
            let d = spring_festival(y).unwrap_or_else(|| panic!("{y}"));
            let lo = Date::new(y, 1, 21).unwrap();
            let hi = Date::new(y, 2, 20).unwrap();
            assert!(lo <= d && d <= hi, "{y}: {d}");
            let months = months_around(y).unwrap();
            assert!(
                months
                    .iter()
                    .all(|m| (29..=30).contains(&(m.end - m.start + 1))),
                "{y}"
            );
        }
    }

    #[test]
    fn the_2033_leap_eleventh_month() {
        // The year 2033 famously has its leap month after the 11th (闰十一月).
        assert!(lunar_month(2033, 11, true).is_some());
        assert_eq!(lunar_month(2033, 7, true), None);
    }

    #[test]
    fn solar_terms() {
        assert_eq!(solar_term(2024, 270), Some(d("2024-12-21")));
        assert_eq!(solar_term(2021, 75), Some(d("2021-06-05")));
        assert_eq!(solar_term(2021, 15), Some(d("2021-04-04")));
        assert_eq!(solar_term(2018, 300), Some(d("2018-01-20")));
        assert_eq!(solar_term(2021, 315), Some(d("2021-02-03")));
    }
}

//! The region a document is about: the city (or province) and, when the document is about
//! one, the district, counted from the place names it mentions.

use super::gazetteer::{
    COUNTY_LAST, COUNTY_PENULTIMATE, GAZETTEER, Gazetteer, Level, MAJOR_FIRST, MAJOR_SECOND,
    PAIR_ENDS,
};
use crate::document::normalize::fold;

/// The place a document is about, as official names (`广东省`, `广州市`, `增城区`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Region {
    /// The province, autonomous region or municipality (`广东省`).
    pub province: Option<String>,
    /// The prefecture-level city (`东莞市`), or a municipality's own name (`北京市`).
    pub city: Option<String>,
    /// The district, county or county-level city, when the document is about one (`增城区`).
    pub district: Option<String>,
}

impl Region {
    /// The region of a place name as a caller supplies it (`东莞市`, `增城区`,
    /// `广州市增城区`, `浙江省`): the gazetteer fills in the levels above. A name the
    /// gazetteer does not know is kept at the level its last char says (市, 省, 区/县).
    pub fn from_name(name: &str) -> Option<Region> {
        let chars: Vec<char> = name.trim().chars().map(fold).collect();
        if chars.is_empty() {
            return None;
        }
        let gaz = &*GAZETTEER;
        let mut ids = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let Some((len, entry)) = gaz
                .fwd
                .longest_starting_at(&chars, i, chars.len())
                .and_then(|(len, nid)| Some((len, gaz.entry(nid)?)))
            else {
                break;
            };
            let mut cands: Vec<u32> = entry.full.clone();
            if cands.is_empty() {
                cands = entry.short.clone();
            }
            ids.push(cands);
            i += len;
        }
        if i != chars.len() || ids.is_empty() {
            return Some(Region::unknown(&chars.iter().collect::<String>()));
        }
        // The most specific division consistent with the ones before it.
        let mut chosen: Option<u32> = None;
        for cands in &ids {
            let pick = cands
                .iter()
                .copied()
                .filter(|&c| match chosen {
                    Some(prev) => {
                        gaz.city_of(c) == Some(prev)
                            || gaz.province_of(c) == Some(prev)
                            || gaz.city_of(c) == gaz.city_of(prev)
                    }
                    None => true,
                })
                .max_by_key(|&c| match gaz.place(c).map(|p| p.level) {
                    Some(Level::City) => 2,
                    Some(Level::County) => 1,
                    _ => 0,
                });
            chosen = pick.or(chosen);
        }
        chosen.map(|id| Region::of(gaz, id))
    }

    fn unknown(name: &str) -> Region {
        let mut r = Region::default();
        match name.chars().last() {
            Some('省') => r.province = Some(name.to_string()),
            Some('区' | '县' | '旗') => r.district = Some(name.to_string()),
            _ => r.city = Some(name.to_string()),
        }
        r
    }

    /// The region of one division, with the levels above it.
    fn of(gaz: &Gazetteer, id: u32) -> Region {
        let name = |i: Option<u32>| i.and_then(|i| gaz.place(i)).map(|p| p.name.to_string());
        let level = gaz.place(id).map(|p| p.level);
        let province = gaz.province_of(id);
        let city = match level {
            Some(Level::Province) => {
                // A municipality's province is also its city.
                let code = gaz.place(id).map_or(0, |p| p.code);
                gaz.by_code(code + 100)
                    .filter(|&c| gaz.place(c).map(|p| p.name) == gaz.place(id).map(|p| p.name))
            }
            _ => gaz.city_of(id),
        };
        Region {
            province: name(province),
            city: name(city),
            district: if level == Some(Level::County) {
                name(Some(id))
            } else {
                None
            },
        }
    }

    /// The name a document record gives: the city, else the province, else the district.
    pub fn name(&self) -> Option<&str> {
        self.city
            .as_deref()
            .or(self.province.as_deref())
            .or(self.district.as_deref())
    }

    /// The city and district together (`广州市增城区`), or [`Region::name`].
    pub fn full_name(&self) -> String {
        match (&self.city, &self.district) {
            (Some(c), Some(d)) => format!("{c}{d}"),
            _ => self.name().unwrap_or_default().to_string(),
        }
    }
}

/// How much a mention in the title counts against one in the body.
const TITLE_WEIGHT: f64 = 3.0;

/// The region `text` is about: the city (or province) whose names, and whose districts'
/// names, it mentions most, and the district when the document is mostly about one.
/// `None` when the text names no place often enough to tell.
pub fn detect_region(text: &str) -> Option<Region> {
    let chars: Vec<char> = text.chars().map(fold).collect();
    detect_region_chars(&chars)
}

/// [`detect_region`] over normalized chars ([`crate::fold`] applied to each char), for a
/// pipeline that has them already.
pub fn detect_region_chars(chars: &[char]) -> Option<Region> {
    let gaz = &*GAZETTEER;
    let title_end = title_end(chars);
    // Scores by division index: direct mentions, and mentions through a district.
    let mut direct: Vec<(u32, f64)> = Vec::with_capacity(32);
    let add =
        |scores: &mut Vec<(u32, f64)>, id: u32, w: f64| match scores.iter_mut().find(|e| e.0 == id)
        {
            Some(e) => e.1 += w,
            None => scores.push((id, w)),
        };
    let mut via_county: Vec<(u32, f64)> = Vec::with_capacity(16);
    let weight = |i: usize| if i < title_end { TITLE_WEIGHT } else { 1.0 };
    // One pass over the chars: where a county's name may end (its last char after a
    // next-to-last one) and where a province's or prefecture's name may start (a first
    // char before a second one: every name has two chars at least).
    // (Room for the candidates of a typical text: each doubling costs a copy.)
    let mut county_ends: Vec<usize> = Vec::with_capacity(chars.len() / 64 + 8);
    let mut major_starts: Vec<usize> = Vec::with_capacity(chars.len() / 64 + 8);
    let classes = gaz.classes();
    let class_of = |c: char| match classes.get(c as usize) {
        Some(&k) => k,
        None => gaz.astral_class(c),
    };
    // The pairs closing at `i`, whose char has class `class` after one of class `prev`.
    let mut visit = |i: usize, prev: u8, class: u8| {
        if prev & MAJOR_FIRST != 0 && class & MAJOR_SECOND != 0 {
            major_starts.push(i - 1);
        }
        if prev & COUNTY_PENULTIMATE != 0 && class & COUNTY_LAST != 0 {
            county_ends.push(i + 1);
        }
    };
    let mut hot: Vec<usize> = Vec::with_capacity(chars.len() / 16 + 8);
    hot_quads(gaz, chars, &mut hot);
    let rest = chars.len() - chars.len() % 4;
    for start in hot.into_iter().chain((rest < chars.len()).then_some(rest)) {
        let mut p = match start.checked_sub(1).and_then(|k| chars.get(k)) {
            Some(&before) => class_of(before),
            None => 0,
        };
        for (k, &ch) in chars.iter().enumerate().skip(start).take(4) {
            let class = class_of(ch);
            visit(k, p, class);
            p = class;
        }
    }
    // County-level divisions, by their full names, found from their last char.
    let mut county_spans: Vec<(usize, usize)> = Vec::with_capacity(county_ends.len());
    for &end in &county_ends {
        let Some((len, nid)) = gaz
            .county_rev
            .longest_ending_at(chars, end, end.saturating_sub(12))
        else {
            continue;
        };
        let Some(entry) = gaz.entry(nid) else {
            continue;
        };
        let is_county = |&p: &u32| gaz.place(p).is_some_and(|p| p.level == Level::County);
        let n = entry.full.iter().filter(|p| is_county(p)).count();
        let share = weight(end - len) / n.max(1) as f64;
        for &id in entry.full.iter().filter(|p| is_county(p)) {
            add(&mut direct, id, share);
            if let Some(city) = gaz.city_of(id) {
                add(&mut via_county, city, share);
            }
        }
        county_spans.push((end - len, end));
    }
    // Provinces and prefecture-level cities, by full or short name, outside county names.
    let mut spans = county_spans.iter().peekable();
    let mut starts = major_starts.iter().copied().peekable();
    let mut i = 0;
    while i < chars.len() {
        while spans.peek().is_some_and(|s| s.1 <= i) {
            spans.next();
        }
        let next_span = match spans.peek() {
            Some(&&(s, e)) if s <= i => {
                i = e;
                continue;
            }
            Some(&&(s, _)) => s,
            None => chars.len(),
        };
        // Up to the next county name, only where a name may start.
        while starts.peek().is_some_and(|&k| k < i) {
            starts.next();
        }
        match starts.peek() {
            Some(&k) if k < next_span => i = k,
            _ => {
                i = next_span;
                continue;
            }
        }
        let Some((len, nid)) = gaz.major_fwd.longest_starting_at(chars, i, chars.len()) else {
            i += 1;
            continue;
        };
        let Some(entry) = gaz.entry(nid) else {
            i += 1;
            continue;
        };
        let major = |&p: &u32| gaz.place(p).is_some_and(|p| p.level != Level::County);
        let n = entry
            .full
            .iter()
            .chain(&entry.short)
            .filter(|p| major(p))
            .count();
        let share = weight(i) / n.max(1) as f64;
        for &id in entry.full.iter().chain(&entry.short).filter(|p| major(p)) {
            add(&mut direct, id, share);
        }
        i += len;
    }
    let score_of = |v: &[(u32, f64)], id: u32| v.iter().find(|e| e.0 == id).map_or(0.0, |e| e.1);
    let level_of = |id: u32| gaz.place(id).map(|p| p.level);
    // Cities: direct mentions plus their districts'.
    let mut cities: Vec<(u32, f64)> = Vec::new();
    for &(id, s) in direct.iter().chain(via_county.iter()) {
        if level_of(id) == Some(Level::City) {
            add(&mut cities, id, s);
        }
    }
    cities.sort_by(|a, b| b.1.total_cmp(&a.1));
    let best_province = || {
        direct
            .iter()
            .copied()
            .filter(|&(id, _)| level_of(id) == Some(Level::Province))
            .max_by(|a, b| a.1.total_cmp(&b.1))
    };
    if let Some(&(city, score)) = cities.first() {
        let second = cities.get(1).map_or(0.0, |e| e.1);
        let province = gaz.province_of(city);
        let province_score = province.map_or(0.0, |p| score_of(&direct, p));
        if score >= 2.0 && score >= 1.5 * second && score * 2.0 >= province_score {
            let mut region = Region::of(gaz, city);
            // The district, when the text is mostly about one of the city's districts.
            let mut counties: Vec<(u32, f64)> = direct
                .iter()
                .copied()
                .filter(|&(id, _)| gaz.contains(city, id))
                .collect();
            counties.sort_by(|a, b| b.1.total_cmp(&a.1));
            if let Some(&(county, cs)) = counties.first() {
                let next = counties.get(1).map_or(0.0, |e| e.1);
                if cs >= 3.0 && cs > score_of(&direct, city) && cs >= 2.0 * next {
                    region.district = gaz.place(county).map(|p| p.name.to_string());
                }
            }
            return Some(region);
        }
    }
    let (province, score) = best_province()?;
    (score >= 2.0).then(|| Region::of(gaz, province))
}

/// The starts of the blocks of four chars (from the start of `chars`) where a pair of
/// classes may close ([`PAIR_ENDS`] after its opening bit), into `out`.
///
/// Each char is read by its low 16 bits: a char above the plane reads another char's
/// class, which can only add blocks when no such char has a class; when some may, every
/// block with one is taken, and the block after it too.
fn hot_quads(gaz: &Gazetteer, chars: &[char], out: &mut Vec<usize>) {
    let classes = gaz.classes();
    let exact_astral = gaz.has_astral_classes();
    let mut prev = 0u8;
    for (i, q) in chars.chunks_exact(4).enumerate() {
        let &[a, b, c, d] = q else {
            continue;
        };
        let (ka, kb, kc, kd) = (
            classes[a as usize & 0xFFFF],
            classes[b as usize & 0xFFFF],
            classes[c as usize & 0xFFFF],
            classes[d as usize & 0xFFFF],
        );
        let pairs = (prev << 1 & ka) | (ka << 1 & kb) | (kb << 1 & kc) | (kc << 1 & kd);
        prev = kd;
        if exact_astral && (a as u32 | b as u32 | c as u32 | d as u32) > 0xFFFF {
            prev = u8::MAX;
            out.push(i * 4);
        } else if pairs & PAIR_ENDS != 0 {
            out.push(i * 4);
        }
    }
}

/// Where the title ends: the end of the first line with at least six Chinese chars,
/// among the first lines.
fn title_end(chars: &[char]) -> usize {
    let mut start = 0;
    for _ in 0..8 {
        let end = chars[start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |k| start + k);
        let han = chars[start..end]
            .iter()
            .filter(|&&c| crate::lexicon::chars::is_name_han(c))
            .count();
        if han >= 6 && !chars[start..end].contains(&'|') {
            return end;
        }
        if end >= chars.len() {
            break;
        }
        start = end + 1;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fill_in_the_levels_above() {
        let r = Region::from_name("东莞市").unwrap();
        assert_eq!(r.province.as_deref(), Some("广东省"));
        assert_eq!(r.city.as_deref(), Some("东莞市"));
        assert_eq!(r.district, None);
        let r = Region::from_name("广州市增城区").unwrap();
        assert_eq!(r.city.as_deref(), Some("广州市"));
        assert_eq!(r.district.as_deref(), Some("增城区"));
        let r = Region::from_name("北京市").unwrap();
        assert_eq!(r.city.as_deref(), Some("北京市"));
        assert_eq!(r.province.as_deref(), Some("北京市"));
        let r = Region::from_name("浙江省").unwrap();
        assert_eq!(
            (r.province.as_deref(), r.city.as_deref()),
            (Some("浙江省"), None)
        );
        assert_eq!(
            Region::from_name("某某市").unwrap().city.as_deref(),
            Some("某某市")
        );
        assert_eq!(Region::from_name(""), None);
    }

    #[test]
    fn a_district_document_names_its_district() {
        let text = "增城区政务服务\n增城区开展工作。增城区还推出。增城区已与全国签约。广州市。";
        let r = detect_region(text).unwrap();
        assert_eq!(r.city.as_deref(), Some("广州市"));
        assert_eq!(r.district.as_deref(), Some("增城区"));
    }

    #[test]
    fn a_province_wide_document_names_the_province() {
        let text = "浙江省统计公报\n浙江省全省经济。杭州市增长。宁波市增长。温州市增长。浙江省。";
        let r = detect_region(text).unwrap();
        assert_eq!(r.province.as_deref(), Some("浙江省"));
        assert_eq!(r.city, None);
        assert_eq!(detect_region("今天天气很好。"), None);
    }
}

//! Full names: a mention completed with the document's region and with the fuller names
//! the same document gives (区政数局 → 区政务服务数据管理局 → 广州市增城区政务服务数据管理局).

use super::gazetteer::{GAZETTEER, Level};
use super::lexicon::LEXICON;
use super::recognize::{self, Head, Parsed};
use super::region::{self, Region};
use super::{DeptMention, MentionForm};
use crate::document::normalize::fold;

/// What name resolution knows about a document: its region and the bodies it names.
///
/// Build it once per document ([`RegionContext::for_document`]), or from a region the
/// caller knows ([`RegionContext::new`]) and [`RegionContext::learn`] the bodies named.
#[derive(Debug, Clone, Default)]
pub struct RegionContext {
    region: Option<Region>,
    /// The gazetteer's prefecture-level division for the region's city.
    city: Option<u32>,
    known: Vec<Known>,
}

/// A body named in the document, as written and as read.
#[derive(Debug, Clone)]
struct Known {
    text: String,
    folded: Vec<char>,
    parsed: Parsed,
    /// The char after its leading place (`folded[parsed.left.place_end]`).
    lead: Option<char>,
}

/// The prefecture-level division of the gazetteer that `region`'s city names.
fn city_of(region: Option<&Region>) -> Option<u32> {
    let gaz = &*GAZETTEER;
    region
        .and_then(|r| r.city.as_deref())
        .and_then(|c| gaz.lookup(c))
        .and_then(|e| {
            e.full
                .iter()
                .copied()
                .find(|&p| gaz.place(p).is_some_and(|p| p.level == Level::City))
        })
}

impl RegionContext {
    /// A context with this region and no bodies known yet.
    pub fn new(region: Option<Region>) -> RegionContext {
        RegionContext {
            city: city_of(region.as_ref()),
            region,
            known: Vec::new(),
        }
    }

    /// The context of a whole document: its detected region, and every body it names,
    /// paragraph by paragraph.
    pub fn for_document(text: &str) -> RegionContext {
        let chars: Vec<char> = text.chars().map(fold).collect();
        RegionContext::for_chars(&chars)
    }

    /// [`RegionContext::for_document`] over normalized chars ([`crate::fold`] applied to
    /// each char; lines end with `\n`).
    pub fn for_chars(chars: &[char]) -> RegionContext {
        let mut ctx = RegionContext::new(region::detect_region_chars(chars));
        ctx.learn_chars(chars);
        ctx
    }

    /// The same context with `region` instead (a region the caller supplies wins).
    pub fn with_region(mut self, region: Option<Region>) -> RegionContext {
        self.city = city_of(region.as_ref());
        self.region = region;
        self
    }

    /// The region names resolve against.
    pub fn region(&self) -> Option<&Region> {
        self.region.as_ref()
    }

    /// Remembers a body the document names (its text as written), so that a shorter
    /// mention of it elsewhere resolves to it.
    pub fn learn(&mut self, name: &str) {
        let folded: Vec<char> = name.chars().map(fold).collect();
        if self.known(&folded).is_none() {
            self.learn_new(name.to_string(), folded);
        }
    }

    /// Remembers a body not known yet, as written and folded.
    fn learn_new(&mut self, text: String, folded: Vec<char>) {
        if let Some(parsed) = recognize::parse(&folded)
            && parsed.left.head != Head::Scope
        {
            self.known.push(Known {
                lead: folded.get(parsed.left.place_end).copied(),
                text,
                folded,
                parsed,
            });
        }
    }

    /// The known body whose folded name is `folded`.
    fn known(&self, folded: &[char]) -> Option<&Known> {
        self.known.iter().find(|k| k.folded == folded)
    }

    /// The one county (or district) ending in `level` that the document's bodies name,
    /// within the region's city: the `县` of `县政府` after `闻喜县委`.
    fn only_county(&self, level: char) -> Option<&'static str> {
        let gaz = &*GAZETTEER;
        let city = self.city?;
        let mut found: Option<&'static str> = None;
        for k in &self.known {
            let Head::Place(nid) = k.parsed.left.head else {
                continue;
            };
            let Some(entry) = gaz.entry(nid) else {
                continue;
            };
            for &p in &entry.full {
                if let Some(place) = gaz.place(p)
                    && gaz.contains(city, p)
                    && place.name.ends_with(level)
                {
                    match found {
                        Some(f) if f != place.name => return None,
                        _ => found = Some(place.name),
                    }
                }
            }
        }
        found
    }

    /// Learns the bodies among `mentions`, found in `chars` by [`crate::find_departments`]:
    /// a pipeline that scans every paragraph anyway learns them without a second scan.
    pub fn learn_mentions(&mut self, chars: &[char], mentions: &[DeptMention]) {
        for m in mentions {
            if m.form != MentionForm::Pronoun
                && let Some(s) = chars.get(m.start..m.end)
            {
                // The same text is the same body; else the same folded name.
                let bytes: usize = s.iter().map(|c| c.len_utf8()).sum();
                if self
                    .known
                    .iter()
                    .any(|k| k.text.len() == bytes && k.text.chars().eq(s.iter().copied()))
                {
                    continue;
                }
                let folded: Vec<char> = s.iter().map(|&c| fold(c)).collect();
                if self.known(&folded).is_none() {
                    let mut text = String::with_capacity(bytes);
                    text.extend(s);
                    self.learn_new(text, folded);
                }
            }
        }
    }

    /// Learns every body named in normalized `chars`, line by line.
    fn learn_chars(&mut self, chars: &[char]) {
        let mut found: Vec<DeptMention> = Vec::new();
        for line in chars.split(|&c| c == '\n') {
            recognize::find_into(line, &mut found);
            self.learn_mentions(line, &found);
        }
    }
}

/// The full name of the body `mention` names, in the document `ctx` describes.
///
/// - A name that starts with a level char takes the region's place: `市烟草专卖局` in a
///   东莞 document → `东莞市烟草专卖局`; `区政务服务数据管理局` in a document about
///   广州市增城区 → `广州市增城区政务服务数据管理局`; `省疾控` → `广东省疾控`.
/// - A name that starts with a district or county takes its city (`禅城区` →
///   `佛山市禅城区`); one that starts with a city, province, national prefix or a proper
///   name is kept (`东莞银保监分局`, `国家统计局`, `东侨经济技术开发区`).
/// - A name with no place takes the region's (`教育部门` in a 佛山 document →
///   `佛山市教育部门`), except national bodies (`公安部`).
/// - A shorter form of a body the document names in full resolves to that body
///   (`区政数局` → `区政务服务数据管理局`, `东莞广电网络` → `东莞广电网络公司`).
/// - `X系统` names the body of that line when its full name is certain
///   (`市人社系统` → `市人力资源和社会保障局`); the whole system of a level names the body
///   only when the document does (`全市应急管理系统` → `东莞市应急管理局`), else itself
///   (`全省市场监管系统` → `江苏省市场监管系统`).
/// - A national body written by a short or older form takes its formal name
///   (`人社部` → `人力资源和社会保障部`, `data/national_names.tsv`).
/// - A pronoun (`我局`) is returned as written: the caller resolves it to the body in scope.
///
/// Nothing is invented: a name the region cannot complete is returned as written.
pub fn resolve_name(mention: &str, ctx: &RegionContext) -> String {
    let name = resolve_written(mention, ctx);
    // A national body's short form takes its formal name (人社部 → 人力资源和社会保障部).
    match LEXICON.national_names.get(name.as_str()) {
        Some(formal) => (*formal).to_string(),
        None => name,
    }
}

/// [`resolve_name`] before a national body's formal name is looked up.
fn resolve_written(mention: &str, ctx: &RegionContext) -> String {
    // A body the document names is read already: by its text, or by its folded name.
    let own: Vec<char>;
    let (folded, parsed): (&[char], Parsed) = match ctx.known.iter().find(|k| k.text == mention) {
        Some(k) => (&k.folded, k.parsed),
        None => {
            own = mention.chars().map(fold).collect();
            let parsed = match ctx.known(&own) {
                Some(k) => k.parsed,
                None => match recognize::parse(&own) {
                    Some(parsed) => parsed,
                    None => return mention.to_string(),
                },
            };
            (&own, parsed)
        }
    };
    if parsed.left.head == Head::Scope {
        return mention.to_string();
    }
    if folded.first() == Some(&'全') {
        return whole_system(mention, ctx).unwrap_or_else(|| mention.to_string());
    }
    if let Some(expanded) = expand_system(mention, folded, &parsed) {
        return resolve_name(&expanded, ctx);
    }
    if let Some(k) = fuller_known(folded, &parsed, ctx) {
        return with_region(&k.text, &k.parsed, ctx);
    }
    with_region(mention, &parsed, ctx)
}

/// The whole system of a level (`全省市场监管系统`): the body of its field the document
/// names (`江苏省市场监督管理局`), else the system with its place (`江苏省市场监管系统`),
/// never a body the text does not name.
fn whole_system(mention: &str, ctx: &RegionContext) -> Option<String> {
    let bare = mention.strip_prefix('全')?;
    if ctx.region.is_none() {
        return Some(mention.to_string());
    }
    let folded: Vec<char> = bare.chars().map(fold).collect();
    let parsed = recognize::parse(&folded)?;
    if let Some(expanded) = expand_system(bare, &folded, &parsed) {
        let body = resolve_name(&expanded, ctx);
        if ctx
            .known
            .iter()
            .any(|k| !k.text.starts_with('全') && resolve_name(&k.text, ctx) == body)
        {
            return Some(body);
        }
    }
    Some(with_region(bare, &parsed, ctx))
}

/// `市人社系统` → `市人力资源和社会保障局`.
fn expand_system(text: &str, folded: &[char], parsed: &Parsed) -> Option<String> {
    let lex = &*LEXICON;
    let rule = lex.rules.get(parsed.rule? as usize)?;
    if !rule.system {
        return None;
    }
    let abbr: String = folded
        .get(parsed.left.place_end..parsed.suffix_start)?
        .iter()
        .collect();
    let full = lex.abbreviations.get(abbr.as_str())?;
    let head = prefix_chars(text, parsed.left.place_end)?;
    Some(concat(&[head, full]))
}

/// The first `n` chars of `text`, if it has that many.
fn prefix_chars(text: &str, n: usize) -> Option<&str> {
    match text.char_indices().nth(n) {
        Some((at, _)) => text.get(..at),
        None => (text.chars().count() == n).then_some(text),
    }
}

/// The parts joined into one string.
fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// The core of a parsed name: between its leading place and its final suffix.
fn core<'a>(folded: &'a [char], parsed: &Parsed) -> &'a [char] {
    folded
        .get(parsed.left.place_end..parsed.suffix_start)
        .unwrap_or_default()
}

/// A body the document names in full of which `mention` is a shorter form, when there is
/// exactly one.
fn fuller_known<'a>(folded: &[char], parsed: &Parsed, ctx: &'a RegionContext) -> Option<&'a Known> {
    let lex = &*LEXICON;
    let rule = parsed.rule.and_then(|r| lex.rules.get(r as usize))?;
    let head = parsed.left.head;
    if matches!(
        head,
        Head::National | Head::Proper | Head::Scope | Head::Generic
    ) {
        return None;
    }
    let suffix = folded.get(parsed.suffix_start..).unwrap_or_default();
    let mine_core = core(folded, parsed);
    let mine_rest = folded.get(parsed.left.place_end..).unwrap_or_default();
    // What must follow their place as it follows ours: the first char of our core (or,
    // for an anchored suffix, of what follows our place). Without a core nothing fits.
    let lead = if rule.anchored {
        mine_rest.first()
    } else {
        Some(mine_core.first()?)
    };
    let mut found: Option<&Known> = None;
    let mut found_name: Option<String> = None;
    for k in &ctx.known {
        if lead.is_some_and(|&c| k.lead != Some(c)) {
            continue;
        }
        let agree = heads_agree(folded, parsed, &k.folded, &k.parsed)
            || (level_is_region(parsed, k, ctx)
                && 2 * mine_core.len() + 2 >= k.folded.len() - k.parsed.left.place_end);
        if k.folded == folded || !agree {
            continue;
        }
        let their_rest = k.folded.get(k.parsed.left.place_end..).unwrap_or_default();
        let fits = if rule.anchored {
            their_rest.len() > mine_rest.len() && their_rest.starts_with(mine_rest)
        } else {
            // Their core: what stands between their place and the same suffix as ours.
            let their_core = their_rest
                .len()
                .checked_sub(suffix.len())
                .filter(|_| their_rest.ends_with(suffix))
                .and_then(|n| their_rest.get(..n))
                .unwrap_or_default();
            their_rest.ends_with(suffix)
                && !mine_core.is_empty()
                && their_core.first() == mine_core.first()
                && (their_core.len() > mine_core.len()
                    || (head == Head::Bare
                        && their_core == mine_core
                        && k.parsed.left.head != Head::Bare))
                && is_subsequence(mine_core, their_core)
        };
        if !fits {
            continue;
        }
        let name = with_region(&k.text, &k.parsed, ctx);
        match &found_name {
            None => {
                found = Some(k);
                found_name = Some(name);
            }
            Some(n) if *n == name => {}
            Some(_) => return None,
        }
    }
    found
}

/// Whether a known name may be the fuller form of a mention, by their leading places.
fn heads_agree(mine: &[char], parsed: &Parsed, theirs: &[char], known: &Parsed) -> bool {
    let gaz = &*GAZETTEER;
    match (parsed.left.head, known.left.head) {
        (Head::Bare, Head::National | Head::Proper | Head::Scope | Head::Generic) => false,
        (Head::Bare, _) => true,
        (Head::Level(a), Head::Level(b)) => a == b,
        (Head::Place(a), Head::Place(b)) => {
            let same_text = mine.get(..parsed.left.place_end) == theirs.get(..known.left.place_end);
            let short_of = match (gaz.entry(a), gaz.entry(b)) {
                (Some(ea), Some(eb)) => ea.short.iter().any(|p| eb.full.contains(p)),
                _ => false,
            };
            same_text || short_of
        }
        _ => false,
    }
}

/// Whether a mention that opens with a level char (`市市场监管局`) and a known name that
/// opens with the document's own place of that level (`铜陵市市场监督管理局` in a 铜陵
/// document) may name one body.
fn level_is_region(parsed: &Parsed, known: &Known, ctx: &RegionContext) -> bool {
    let (Head::Level(level), Head::Place(_)) = (parsed.left.head, known.parsed.left.head) else {
        return false;
    };
    let Some(region) = ctx.region.as_ref() else {
        return false;
    };
    let own = match level {
        '市' => region.city.as_deref(),
        '省' => region.province.as_deref(),
        '区' | '县' => region.district.as_deref(),
        _ => None,
    };
    let place = known
        .folded
        .get(..known.parsed.left.place_end)
        .unwrap_or_default();
    own.is_some_and(|o| o.chars().eq(place.iter().copied()))
}

/// Whether every char of `short` appears in `long`, in order.
fn is_subsequence(short: &[char], long: &[char]) -> bool {
    let mut it = long.iter();
    short.iter().all(|c| it.any(|d| d == c))
}

/// A name completed with the region, by how it begins.
fn with_region(name: &str, parsed: &Parsed, ctx: &RegionContext) -> String {
    let Some(region) = ctx.region.as_ref() else {
        return complete_county(name, parsed, None);
    };
    match parsed.left.head {
        Head::Level('市') => match region.city.as_deref().and_then(city_stem) {
            Some(stem) => concat(&[stem, name]),
            None => name.to_string(),
        },
        Head::Level(c @ ('区' | '县')) => {
            let district = match region.district.as_deref().filter(|d| d.ends_with(c)) {
                Some(d) => Some(d),
                None => ctx.only_county(c),
            };
            match district {
                Some(d) => {
                    let stem = d.strip_suffix(c).unwrap_or(d);
                    concat(&[region.city.as_deref().unwrap_or(""), stem, name])
                }
                None => name.to_string(),
            }
        }
        Head::Level('省') => match region
            .province
            .as_deref()
            .and_then(|p| p.strip_suffix('省'))
        {
            Some(stem) => concat(&[stem, name]),
            None => name.to_string(),
        },
        Head::Level(_) | Head::National | Head::Proper | Head::Scope | Head::Generic => {
            name.to_string()
        }
        Head::Place(_) => complete_county(name, parsed, ctx.city),
        Head::Bare => {
            let national = parsed
                .rule
                .and_then(|r| LEXICON.rules.get(r as usize))
                .is_some_and(|r| r.national);
            if national {
                return name.to_string();
            }
            let place: [&str; 2] = match (&region.city, &region.district) {
                (Some(c), Some(d)) => [c, d],
                (Some(c), None) => [c, ""],
                (None, Some(d)) => [d, ""],
                (None, None) => [region.province.as_deref().unwrap_or_default(), ""],
            };
            concat(&[place[0], place[1], name])
        }
    }
}

/// The city's name without its final 市 (`东莞市` → `东莞`), for a name that starts with 市.
fn city_stem(city: &str) -> Option<&str> {
    city.strip_suffix('市')
}

/// A name that starts with a county's full name takes the county's city
/// (`禅城区城管执法部门` → `佛山市禅城区城管执法部门`); `region_city` is the region's
/// prefecture, which picks among counties of the same name.
fn complete_county(name: &str, parsed: &Parsed, region_city: Option<u32>) -> String {
    let gaz = &*GAZETTEER;
    let Head::Place(nid) = parsed.left.head else {
        return name.to_string();
    };
    let Some(entry) = gaz.entry(nid) else {
        return name.to_string();
    };
    let is_county = |p: u32| gaz.place(p).is_some_and(|p| p.level == Level::County);
    // Only a name that is a county's and nothing else's.
    if entry.full.is_empty() || !entry.full.iter().all(|&p| is_county(p)) {
        return name.to_string();
    }
    let counties = &entry.full;
    let county = match region_city {
        Some(city) => counties.iter().copied().find(|&c| gaz.contains(city, c)),
        None => None,
    }
    .or(if counties.len() == 1 {
        Some(counties[0])
    } else {
        None
    });
    match county
        .and_then(|c| gaz.city_of(c))
        .and_then(|c| gaz.place(c))
    {
        Some(city) if !name.starts_with(city.name.strip_suffix('市').unwrap_or(city.name)) => {
            concat(&[city.name, name])
        }
        _ => name.to_string(),
    }
}

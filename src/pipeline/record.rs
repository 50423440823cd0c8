//! What the document says of itself as a whole (its date, region and title), and its
//! document record.

use jiff::civil::Date;

use crate::attribution::SpeakerLine;
use crate::claim::cues::Cues;
use crate::department::{self, Region, RegionContext};
use crate::document::Meta;
use crate::document::normalize;
use crate::document::record::{DateSource, DocumentRecord, Genre, Speaker};
use crate::structure::{Block, BlockKind};
use crate::time;

/// What a document's text (or its caller) says of it as a whole.
pub(super) struct Facts {
    pub date: Option<Date>,
    pub date_source: Option<DateSource>,
    pub region: Option<Region>,
    /// The year the title names ([`time::title_year`]).
    pub year: Option<i16>,
}

/// The document's date and region: supplied, or read from its text.
pub(super) fn facts(
    chars: &[char],
    blocks: &[Block],
    periods: &[time::PeriodMention],
    meta: &Meta,
) -> Facts {
    let title: Vec<(usize, usize)> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Title)
        .map(|b| (b.start, b.end))
        .collect();
    // The title the caller gives (`--meta`) names the document's year when no title line
    // of the text does (a page flattened to one line, a body without its headline).
    let year = time::title_year(periods, &title).or_else(|| {
        let t: Vec<char> = normalize::normalize_words(meta.title.as_deref()?)
            .chars()
            .collect();
        time::title_year(&time::find_periods(&t), &[(0, t.len())])
    });
    let (date, date_source) = match meta.date {
        Some(d) => (
            Some(d),
            Some(meta.date_source.unwrap_or(DateSource::Supplied)),
        ),
        None => match (
            time::document_date_with(chars, periods, year),
            meta.path_date,
        ) {
            (Some((d, DateSource::Text)), _) => (Some(d), Some(DateSource::Text)),
            (_, Some(d)) => (Some(d), Some(DateSource::Path)),
            (Some((d, s)), None) => (Some(d), Some(s)),
            (None, None) => (None, None),
        },
    };
    let region = match meta.region.as_deref() {
        Some(r) => Region::from_name(r),
        None => department::detect_region_chars(chars),
    };
    Facts {
        date,
        date_source,
        region,
        year,
    }
}

/// The document record.
#[allow(clippy::too_many_arguments)]
pub(super) fn record(
    cues: &Cues,
    text: &str,
    blocks: &[Block],
    meta: &Meta,
    facts: &Facts,
    regions: &RegionContext,
    speakers: &[SpeakerLine],
    claims: usize,
) -> DocumentRecord {
    let title = meta.title.clone().or_else(|| title(text, blocks));
    let genre = if speakers.len() >= 2 {
        Genre::Transcript
    } else if title.as_deref().is_some_and(|t| {
        let t: Vec<char> = normalize::normalize_words(t).chars().collect();
        (0..t.len()).any(|i| cues.report.starting_at(&t, i, t.len()).is_some())
    }) {
        Genre::Report
    } else {
        Genre::News
    };
    let mut seen: Vec<&str> = Vec::new();
    let speakers: Vec<Speaker> = speakers
        .iter()
        .filter(|s| {
            let new = !seen.contains(&s.1.name.as_str());
            seen.push(&s.1.name);
            new
        })
        .map(|s| s.1.clone())
        .collect();
    DocumentRecord {
        title,
        date: facts.date,
        date_source: facts.date_source,
        genre,
        // A supplied region is the record's as the caller wrote it.
        region: match &meta.region {
            Some(r) => Some(r.clone()),
            None => regions.region().and_then(|r| r.name()).map(str::to_string),
        },
        speakers,
        claims,
        decoding: None,
    }
}

/// The title: the first content line and a subtitle under it (`—…`), joined.
fn title(text: &str, blocks: &[Block]) -> Option<String> {
    let parts: Vec<&str> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Title)
        .map(|b| text[b.byte_start..b.byte_end].trim())
        .collect();
    (!parts.is_empty()).then(|| parts.concat())
}

//! Department recognition, name resolution and region detection: a table of cases, and
//! every department of the gold fixtures.

mod common;

use std::fs;
use std::path::Path;

use press_stats::department::{
    MentionForm, Region, RegionContext, detect_region, find_departments, resolve_name,
};
use press_stats::fold;

fn chars(s: &str) -> Vec<char> {
    s.chars().map(fold).collect()
}

/// The mentions of `text` as (text, form), paragraph by paragraph.
fn mentions(text: &str) -> Vec<(String, MentionForm)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let c = chars(line);
        let orig: Vec<char> = line.chars().collect();
        for m in find_departments(&c) {
            out.push((orig[m.start..m.end].iter().collect(), m.form));
        }
    }
    out
}

#[test]
#[ignore = "prints every mention of the fixtures, for inspection"]
fn dump_fixture_mentions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        let ctx = RegionContext::for_document(&text);
        println!("== {} region {:?}", f.display(), ctx.region());
        for (m, form) in mentions(&text) {
            println!("  {form:?}\t{m}\t=> {}", resolve_name(&m, &ctx));
        }
    }
}

/// One expected mention of the table.
#[derive(Debug, PartialEq)]
struct Expected {
    mention: String,
    form: MentionForm,
    name: Option<String>,
}

fn parse_expected(field: &str) -> Vec<Expected> {
    if field == "-" {
        return Vec::new();
    }
    field
        .split(" ; ")
        .map(|item| {
            let (form, item) = if let Some(r) = item.strip_prefix('^') {
                (MentionForm::Area, r)
            } else if let Some(r) = item.strip_prefix('*') {
                (MentionForm::Pronoun, r)
            } else {
                (MentionForm::Body, item)
            };
            let (mention, name) = match item.split_once('=') {
                Some((m, n)) => (m.to_string(), Some(n.to_string())),
                None => (item.to_string(), None),
            };
            Expected {
                mention,
                form,
                name,
            }
        })
        .collect()
}

#[test]
fn department_table() {
    let table = include_str!("data/departments.tsv");
    let mut failures = Vec::new();
    let mut cases = 0;
    for row in common::table::rows(table) {
        let f = &row.fields;
        assert_eq!(
            f.len(),
            3,
            "departments.tsv line {}: three fields",
            row.line
        );
        cases += 1;
        let (text, region, expected) = (f[0], f[1], parse_expected(f[2]));
        let region = (region != "-").then(|| Region::from_name(region)).flatten();
        let ctx = RegionContext::for_document(text).with_region(region);
        let got: Vec<Expected> = mentions(text)
            .into_iter()
            .map(|(mention, form)| {
                let name = (form != MentionForm::Pronoun).then(|| resolve_name(&mention, &ctx));
                Expected {
                    mention,
                    form,
                    name,
                }
            })
            .collect();
        if got != expected {
            failures.push(format!(
                "line {}: {text}\n    expected {expected:?}\n    got      {got:?}",
                row.line
            ));
        }
    }
    assert!(cases > 100, "the table has {cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The fixture documents: (name, text, gold claims, document record).
fn fixtures() -> Vec<(String, String, Vec<serde_json::Value>, serde_json::Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut names: Vec<String> = fs::read_dir(root.join("seeds"))
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            Some(name.strip_suffix(".txt")?.to_string())
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = fs::read_to_string(root.join(format!("seeds/{name}.txt"))).unwrap();
            let gold = fs::read_to_string(root.join(format!("gold/{name}.jsonl"))).unwrap();
            let claims = gold
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            let meta = fs::read_to_string(root.join(format!("gold/{name}.meta.json"))).unwrap();
            (name, text, claims, serde_json::from_str(&meta).unwrap())
        })
        .collect()
}

#[test]
fn fixture_regions_are_detected() {
    for (name, text, _, meta) in fixtures() {
        let region = detect_region(&text).unwrap_or_else(|| panic!("{name}: no region"));
        assert_eq!(region.name(), meta["region"].as_str(), "{name}: {region:?}");
    }
    let (_, zengcheng, _, _) = fixtures()
        .into_iter()
        .find(|f| f.0.starts_with("003"))
        .unwrap();
    let region = detect_region(&zengcheng).unwrap();
    assert_eq!(region.district.as_deref(), Some("增城区"));
    assert_eq!(region.full_name(), "广州市增城区");
}

/// Every gold department: its mention is found in the article, and it resolves to the
/// gold name with the detected region. Pronouns (我局, 我区) are checked for being found
/// as pronouns; the caller resolves them to the body in scope.
#[test]
fn gold_departments_are_found_and_resolved() {
    let (mut claims, mut found, mut named, mut pronouns) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for (name, text, gold, _) in fixtures() {
        let ctx = RegionContext::for_document(&text);
        let all = mentions(&text);
        for claim in gold {
            let dept = &claim["department"];
            let (Some(mention), Some(gold_name)) =
                (dept["mention"].as_str(), dept["name"].as_str())
            else {
                continue;
            };
            claims += 1;
            let form = all.iter().find(|(m, _)| m == mention).map(|(_, f)| *f);
            if form.is_some() {
                found += 1;
            } else {
                misses.push(format!("{name}: {mention} not found"));
            }
            if form == Some(MentionForm::Pronoun) {
                pronouns += 1;
                named += 1;
                continue;
            }
            let resolved = resolve_name(mention, &ctx);
            if resolved == gold_name {
                named += 1;
            } else {
                misses.push(format!("{name}: {mention} => {resolved}, gold {gold_name}"));
            }
        }
    }
    misses.sort();
    misses.dedup();
    let found_rate = found as f64 / claims as f64;
    let named_rate = named as f64 / claims as f64;
    println!(
        "gold departments: {claims} claims; mention found {found} ({:.1}%); name resolved {named} \
         ({:.1}%, of which {pronouns} pronouns found for the caller)",
        100.0 * found_rate,
        100.0 * named_rate
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(claims > 300, "{claims} gold departments");
    assert!(found_rate >= 0.95, "found {found_rate}: {misses:#?}");
    assert!(named_rate >= 0.95, "resolved {named_rate}: {misses:#?}");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Strings made of the chars that drive the scanner, with arbitrary ones mixed in.
    fn texty() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "市",
            "区",
            "县",
            "省",
            "局",
            "委",
            "办",
            "厅",
            "部",
            "门",
            "中心",
            "政府",
            "党组",
            "我",
            "该",
            "东莞",
            "增城区",
            "宁德市",
            "(",
            ")",
            "《",
            "》",
            "、",
            ",",
            "开发区",
            "城管",
            "系统",
            "人社",
            "公司",
            "供电",
            "民政",
            "国家",
            "中国",
            "街道",
            "镇",
            "\n",
            "管委会",
            "办公室",
            "委员会",
            "1",
            "a",
            "𠀀",
        ]);
        prop::collection::vec(
            prop_oneof![
                pieces.prop_map(str::to_string),
                any::<char>().prop_map(String::from)
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn mentions_slice_the_input_in_order(text in texty()) {
            let c = chars(&text);
            let found = find_departments(&c);
            let mut last = 0;
            for m in &found {
                prop_assert!(m.start >= last && m.start < m.end && m.end <= m.extent_end);
                prop_assert!(m.extent_end <= c.len());
                last = m.end;
                let name = resolve_name(&m.text(&c), &RegionContext::for_document(&text));
                prop_assert!(!name.is_empty());
            }
            // A region found is one the gazetteer knows by its full name.
            if let Some(r) = detect_region(&text) {
                prop_assert!(Region::from_name(&r.full_name()).is_some(), "{:?}", r);
            }
            if let Some(r) = Region::from_name(&text) {
                prop_assert!(!r.full_name().is_empty());
            }
            let ctx = RegionContext::new(Region::from_name("广州市增城区"));
            prop_assert_eq!(resolve_name(&text, &ctx), resolve_name(&text, &ctx));
        }
    }
}

/// The department of the claim whose text is `text` (the test fails if there is none).
fn department_of<'a>(
    claims: &'a [press_stats::Claim],
    text: &str,
) -> Option<&'a press_stats::Department> {
    claims
        .iter()
        .find(|c| c.text == text)
        .unwrap_or_else(|| panic!("no claim {text}"))
        .department
        .as_ref()
}

/// `我局` in a section that names no body stands for the 局 that the release's lead names
/// as acting; a claim with no body in scope has none.
#[test]
fn a_pronoun_stands_for_the_body_the_release_names_first() {
    let text = "市场监管局开展节日检查\n\
                节日期间，市市场监管局围绕食品安全开展专项检查行动。\n\
                一、强化价格监管\n\
                我局对全市38家大型商超开展价格巡查。\n\
                二、畅通投诉渠道\n\
                热线共接到投诉892件。\n";
    let x = press_stats::Extractor::new().expect("lexicons");
    let meta = press_stats::Meta {
        region: Some("铜陵市".into()),
        ..press_stats::Meta::default()
    };
    let a = x.analyze(text, &meta);
    let dept =
        |t: &str| department_of(&a.claims, t).map(|d| (d.name.to_string(), d.mention.to_string()));
    assert_eq!(
        dept("38家"),
        Some(("铜陵市市场监管局".to_string(), "我局".to_string()))
    );
    assert_eq!(dept("892件"), None);
}

/// A later clause that opens with its own whole-area subject (`市级层面…`, `全市…`) is not
/// reported by the body acting in an earlier clause; a rank's scope (`全国第40家`) is no such
/// subject.
#[test]
fn an_area_subject_of_a_later_clause_ends_the_actor_s_reach() {
    let text = "标题\n\
                市委市政府确定重点项目31个,市级层面105个单位确定352个项目。\n\
                市场监管局建成保护中心,是全省第2家、全国第40家。\n";
    let x = press_stats::Extractor::new().expect("lexicons");
    let claims = x.extract(text);
    let dept = |t: &str| department_of(&claims, t).map(|d| d.mention.clone());
    assert_eq!(dept("31个").as_deref(), Some("市委市政府"));
    assert_eq!(dept("105个"), None);
    assert_eq!(dept("352个"), None);
    assert_eq!(dept("第40家").as_deref(), Some("市场监管局"));
}

/// A transcript whose speaker lines give the post first and the name last
/// (`市统计局局长 刘洋：`, with or without the space) reports each turn's figures for the
/// speaker's body, and lists the speakers with their posts.
#[test]
fn a_speaker_line_may_give_the_post_before_the_name() {
    let text = "上半年经济运行情况新闻发布会\n\
                市统计局局长 刘洋：\n\
                上半年，全市地区生产总值481.2亿元，同比增长4.6%。\n\
                市发展改革局副局长陈静：\n\
                1-6月份完成投资216亿元。\n\
                记者：请问有何举措？\n";
    let x = press_stats::Extractor::new().expect("lexicons");
    let meta = press_stats::Meta {
        region: Some("南平市".into()),
        ..press_stats::Meta::default()
    };
    let a = x.analyze(text, &meta);
    let dept = |t: &str| department_of(&a.claims, t).map(|d| d.name.clone());
    assert_eq!(dept("481.2亿元").as_deref(), Some("南平市统计局"));
    assert_eq!(dept("216亿元").as_deref(), Some("南平市发展改革局"));
    let speakers: Vec<(&str, Option<&str>)> = a
        .document
        .speakers
        .iter()
        .map(|s| (s.name.as_str(), s.role.as_deref()))
        .collect();
    assert_eq!(speakers, [("刘洋", Some("局长")), ("陈静", Some("副局长"))]);
    assert_eq!(a.document.genre, press_stats::Genre::Transcript);
}

/// A body the reporter learned the figures from at its own meeting (`从市林业局2011年度考核
/// 大会上获悉`, `从市统计局召开的新闻发布会上了解到`) is the source of the sentence's figures.
#[test]
fn a_body_s_meeting_where_figures_were_learned_makes_it_their_source() {
    let x = press_stats::Extractor::new().expect("lexicons");
    for (text, claim, body) in [
        (
            "标题\n昨日,记者从市林业局2011年度考核大会上获悉,去年全市森林覆盖率达到39%。\n",
            "39%",
            "市林业局",
        ),
        (
            "标题\n记者从市统计局召开的新闻发布会上了解到,全市规上工业增加值增长5%。\n",
            "5%",
            "市统计局",
        ),
    ] {
        let claims = x.extract(text);
        let dept = department_of(&claims, claim).map(|d| d.mention.to_string());
        assert_eq!(dept.as_deref(), Some(body), "{text}");
    }
}

/// A speaker called by surname and post (`马局长:`) speaks for the body of that kind their
/// own turns name, from their first turn on; a post that heads no such body names none.
#[test]
fn a_speaker_called_by_post_speaks_for_the_body_their_turns_name() {
    let text = "访谈实录\n\
                记者:马局长您好,请您介绍一下产业运行情况?\n\
                马局长:截至目前,我县铁合金产量77.11万吨,同比上升55.68%。\n\
                记者:今年的招商情况怎么样?\n\
                马局长:2023年工业和信息化局招商引资签约项目共有10项,总投资31.37亿元。\n";
    let x = press_stats::Extractor::new().expect("lexicons");
    let meta = press_stats::Meta {
        region: Some("化德县".into()),
        ..press_stats::Meta::default()
    };
    let a = x.analyze(text, &meta);
    let dept = |t: &str| department_of(&a.claims, t).map(|d| d.name.to_string());
    assert_eq!(
        dept("77.11万吨").as_deref(),
        Some("乌兰察布市化德县工业和信息化局")
    );
    assert_eq!(
        dept("10项").as_deref(),
        Some("乌兰察布市化德县工业和信息化局")
    );
    // A 局长 whose turns name only a 委 speaks for no body named so.
    let other = text.replace("工业和信息化局", "县发改委");
    let a = x.analyze(&other, &meta);
    let dept = department_of(&a.claims, "77.11万吨").map(|d| d.name.to_string());
    assert_ne!(dept.as_deref(), Some("化德县发改委"));
}

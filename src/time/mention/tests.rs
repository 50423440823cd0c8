//! Unit tests of the mention scanner.

use super::*;

fn spans(s: &str) -> Vec<(String, MentionRole)> {
    let c: Vec<char> = s.chars().collect();
    find_periods(&c)
        .iter()
        .map(|m| (m.text(&c), m.role))
        .collect()
}

fn texts(s: &str) -> Vec<String> {
    spans(s).into_iter().map(|(t, _)| t).collect()
}

#[test]
fn full_and_partial_dates() {
    assert_eq!(
        texts("2021年9月24日,宁德市政府新闻办举行"),
        ["2021年9月24日"]
    );
    assert_eq!(texts("时间:2021-05-12"), ["2021-05-12"]);
    assert_eq!(texts("1月19日下午,詹少卿副局长带队"), ["1月19日下午"]);
    assert_eq!(texts("二〇二〇年全市"), ["二〇二〇年"]);
    assert_eq!(texts("24日上午"), ["24日上午"]);
}

#[test]
fn ranges_and_lists() {
    assert_eq!(texts("从2021年1月至4月23日,共"), ["从2021年1月至4月23日"]);
    assert_eq!(texts("据统计,3月至4月期间,节目"), ["3月至4月期间"]);
    assert_eq!(texts("今年第一、第二季度海漂垃圾"), ["今年第一、第二季度"]);
    assert_eq!(texts("今年5月、6月,市委"), ["今年5月、6月"]);
    assert_eq!(texts("1-9月全市"), ["1-9月"]);
    assert_eq!(texts("10月1日至7日,全市"), ["10月1日至7日"]);
}

#[test]
fn a_period_right_after_tongbi_is_the_base() {
    assert_eq!(
        spans("共接待游客432万人次,同比2019年增长2.3%"),
        [
            ("同比".to_string(), MentionRole::Base),
            ("2019年".to_string(), MentionRole::Base)
        ]
    );
    assert_eq!(
        spans("同比增长5%,2019年全市"),
        [
            ("同比".to_string(), MentionRole::Base),
            ("2019年".to_string(), MentionRole::Period)
        ]
    );
}

#[test]
fn a_post_s_timestamp_is_no_period() {
    assert_eq!(
        spans("杨薇: 两年平均增长7.4%。 2021-07-28 14:34:50 |\n"),
        [
            ("2021-07-28".to_string(), MentionRole::Clock),
            ("14:34:50".to_string(), MentionRole::Clock)
        ]
    );
    // A date that opens a sentence with a time of day still dates what follows it.
    assert_eq!(
        spans("2021-07-28 14:30,市统计局发布数据"),
        [
            ("2021-07-28".to_string(), MentionRole::Period),
            ("14:30".to_string(), MentionRole::Clock)
        ]
    );
}

#[test]
fn a_period_looked_at_is_no_start() {
    assert_eq!(texts("从清明节消费市场来看,一些商品"), ["清明节"]);
    assert_eq!(texts("从1-9月看,全市工业"), ["1-9月"]);
    assert_eq!(texts("从3月起,全市"), ["从3月起"]);
}

#[test]
fn prefixes_and_suffixes() {
    assert_eq!(texts("截至9月底,共收集"), ["截至9月底"]);
    assert_eq!(texts("截至2020年底,办理"), ["截至2020年底"]);
    assert_eq!(texts("截止目前,我市"), ["截止目前"]);
    assert_eq!(texts("今年以来,共出动"), ["今年以来"]);
    assert_eq!(texts("今年年底前实现"), ["今年年底前"]);
    assert_eq!(
        texts("自4月15日“急难愁盼”服务咨询窗口设立以来,市行政"),
        ["自4月15日“急难愁盼”服务咨询窗口设立以来"]
    );
}

#[test]
fn comparison_bases() {
    assert_eq!(
        spans("较去年同期增长五成"),
        [("较去年同期".to_string(), MentionRole::Base)]
    );
    assert_eq!(
        spans("同比上升412%"),
        [("同比".to_string(), MentionRole::Base)]
    );
    assert_eq!(
        spans("较上年下降1.23个百分点"),
        [("较上年".to_string(), MentionRole::Base)]
    );
    assert_eq!(
        spans("较年初增加近2万户"),
        [("较年初".to_string(), MentionRole::Base)]
    );
    assert_eq!(
        spans("与去年同期相比,"),
        [("与去年同期相比".to_string(), MentionRole::Base)]
    );
}

#[test]
fn clock_times() {
    assert_eq!(
        spans("每周六10:30至12:00播出"),
        [("10:30至12:00".to_string(), MentionRole::Clock)]
    );
    assert_eq!(
        spans("上午8时许,"),
        [("上午8时许".to_string(), MentionRole::Clock)]
    );
}

#[test]
fn durations_and_quantities_are_not_periods() {
    for s in [
        "压缩项目审批时长普遍达2至6个月",
        "将用三年时间实现",
        "上岗仅8个月",
        "为期两天",
        "24小时不打烊",
        "压缩至1个工作日",
        "查处各类涉烟违法案件1300余宗",
        "12319城市管理服务热线",
        "软件园10号楼",
        "“7·18”仓储假烟、“8.07”跨省市",
        "三年内完成",
        "一是要认清形势,第一时间",
        "三次产业结构比为4.2:38.5:57.3",
        "《佛山市加快打造一流营商环境的行动方案(2021-2022)》",
        "改革开放40多年",
        "成立72周年",
    ] {
        assert_eq!(texts(s), Vec::<String>::new(), "{s}");
    }
}

#[test]
fn named_and_event_periods() {
    assert_eq!(texts("在中高考期间,采取"), ["中高考期间"]);
    assert_eq!(
        texts("党史学习教育开展以来,市民政局"),
        ["党史学习教育开展以来"]
    );
    assert_eq!(texts("“十三五”期间,全市完成"), ["“十三五”期间"]);
    assert_eq!(texts("国庆假期期间,佛山"), ["国庆假期期间"]);
    assert_eq!(texts("节日期间,佛山"), ["节日期间"]);
    assert_eq!(texts("今年“五一”,"), ["今年“五一”"]);
    assert_eq!(texts("“十四五”规划"), Vec::<String>::new());
}

#[test]
fn relative_spans() {
    assert_eq!(texts("十年来,全市"), ["十年来"]);
    assert_eq!(texts("近五年,全市"), ["近五年"]);
    assert_eq!(texts("最近两个月,南海区"), ["最近两个月"]);
    assert_eq!(texts("过去三年,"), ["过去三年"]);
    assert_eq!(texts("近年来,市直机关工委"), ["近年来"]);
}

#[test]
fn context_follows_the_paragraph() {
    use crate::time::Context;
    let c: Vec<char> = "2020年末,贷款余额较2019年增长,全年新增1万户,7月底完成"
        .chars()
        .collect();
    let found = find_periods(&c);
    let mut ctx = Context::new(Some(jiff::civil::date(2021, 5, 1)));
    let mut resolved = Vec::new();
    for m in &found {
        resolved.push((m.text(&c), m.resolve(&ctx)));
        ctx.observe(m);
    }
    let d = |y, m, d| Some(jiff::civil::date(y, m, d));
    assert_eq!(
        resolved,
        [
            ("2020年末".to_string(), (None, d(2020, 12, 31))),
            ("较2019年".to_string(), (d(2019, 1, 1), d(2019, 12, 31))),
            ("全年".to_string(), (d(2020, 1, 1), d(2020, 12, 31))),
            ("7月底".to_string(), (None, d(2020, 7, 31))),
        ]
    );
}

#[test]
fn dates_of_nouns() {
    let c: Vec<char> = "其中6月投入运营的人力资源服务产业园,引进23家"
        .chars()
        .collect();
    let m = find_periods(&c);
    assert!(only_dates_a_noun(&c, &m[0]));
    let c: Vec<char> = "2020年全市的生产总值为100亿元".chars().collect();
    let m = find_periods(&c);
    assert!(!only_dates_a_noun(&c, &m[0]));
    let c: Vec<char> = "6月,全市投入运营的项目12个".chars().collect();
    let m = find_periods(&c);
    assert!(!only_dates_a_noun(&c, &m[0]));
}

#[test]
fn traditional_date_words_read_as_simplified() {
    let folded = |s: &str| -> Vec<(String, PeriodExpr, MentionRole)> {
        let c: Vec<char> = s.chars().map(crate::fold).collect();
        find_periods(&c)
            .iter()
            .map(|m| (m.text(&c), m.expr, m.role))
            .collect()
    };
    for (traditional, simplified) in [
        ("這個月,全市", "这个月,全市"),
        ("當天下午", "当天下午"),
        ("下個禮拜三開會", "下个礼拜三开会"),
        ("從去年9月起,", "从去年9月起,"),
        ("農曆八月十五", "农历八月十五"),
        ("國慶節期間,", "国庆节期间,"),
        ("過兩天再說", "过两天再说"),
        ("與去年同期相比,", "与去年同期相比,"),
        ("今年以來,", "今年以来,"),
    ] {
        let t = folded(traditional);
        assert!(!t.is_empty(), "{traditional}");
        assert_eq!(t, folded(simplified), "{traditional}");
    }
}

#[test]
fn numberish_chars() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let expected = c.is_ascii_alphanumeric()
            || c == '.'
            || is_cn_numeral(c)
            || matches!(c, '个' | '多' | '余' | '几' | '半' | '第' | '每');
        assert_eq!(NUMBERISH.contains(c), expected, "{c}");
    }
}

#[test]
fn never_panics_on_odd_input() {
    for s in [
        "",
        "年",
        "月底",
        "至",
        "截至",
        "《",
        "》》",
        "2021年13月45日",
        "9999年",
        "第",
        "Q",
        "“",
        "比",
        "每",
        "周",
        "以来",
        "期间",
        "12:",
        "十",
        "十五",
        "初",
    ] {
        let _ = texts(s);
    }
}

/// The joiner between two mentions is read as the plain rule reads it: the chars between,
/// spaces dropped, are exactly 和, 及, 与, 、 or 以及.
#[test]
fn coordinated_base_joiners_match_the_plain_rule() {
    let head: Vec<char> = "较上年同期".chars().collect();
    let base = find_periods(&head)[0];
    assert_eq!(base.role, MentionRole::Base);
    let alphabet = ['和', '及', '与', '、', '以', ' ', '\u{3000}', '\t', 'x'];
    for len in 0..=4u32 {
        for code in 0..alphabet.len().pow(len) {
            let mut between = Vec::new();
            let mut k = code;
            for _ in 0..len {
                between.push(alphabet[k % alphabet.len()]);
                k /= alphabet.len();
            }
            let mut chars = head.clone();
            chars.extend(&between);
            chars.push('x');
            let prev = PeriodMention {
                start: 0,
                end: head.len(),
                ..base
            };
            let m = PeriodMention {
                start: head.len() + between.len(),
                end: head.len() + between.len() + 1,
                role: MentionRole::Period,
                ..base
            };
            let kept: String = between.iter().filter(|c| !c.is_whitespace()).collect();
            let plain =
                !between.is_empty() && matches!(kept.as_str(), "和" | "及" | "与" | "、" | "以及");
            let got = coordinated_base(&chars, Some(&prev), m).role == MentionRole::Base;
            assert_eq!(got, plain, "{between:?}");
        }
    }
}

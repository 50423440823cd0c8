//! Saved web pages, Word documents and dates in paths (issue 14): the two saved communiqués
//! of `fixtures/pages/` against their clean texts, one small page for each site layout and
//! each kind of bad input, and a folder mixing every format in one run.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::LazyLock;

use common::cli::{read_jsonl, run};
use press_stats::{
    Date, DateSource, DecodeOptions, ErrorKind, Extractor, InputFormat, Loaded, Meta, load,
};
use scraper::{Html, Selector};
use serde_json::Value;
use tempfile::TempDir;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new().expect("lexicons"));

fn fixture(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn page(name: &str, html: &[u8]) -> Loaded {
    load(Path::new(name), html.to_vec(), &DecodeOptions::new())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The metadata a run gives a document read from a page.
fn meta_of(l: &Loaded) -> Meta {
    let mut meta = Meta::default();
    if let Some(p) = &l.page {
        p.fill(&mut meta);
    }
    meta
}

fn day(y: i16, m: i8, d: i8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn collapse(s: &str) -> String {
    s.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

const COMMUNIQUES: [(&str, &str); 2] = [
    (
        "fixtures/pages/yichun_tjgb_2022.html",
        "fixtures/dev/texts/d01_yichun_tjgb_2022.txt",
    ),
    (
        "fixtures/pages/jiangxi_tjgb_2022.html",
        "fixtures/dev/texts/d02_jiangxi_tjgb_2022.txt",
    ),
];

#[test]
fn communiques_hold_every_paragraph_of_the_body_and_no_page_chrome() {
    for (html_path, _) in COMMUNIQUES {
        let html = fixture(html_path);
        let l = page(html_path, html.as_bytes());
        assert_eq!(l.format, InputFormat::Html);
        let text = l.document.text();
        // Every paragraph of the body, and nothing else: as many lines as non-empty <p>.
        let doc = Html::parse_document(&html);
        let sel = Selector::parse("#zoomcon p").unwrap();
        let paras: Vec<String> = doc
            .select(&sel)
            .map(|p| collapse(&p.text().collect::<String>()))
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert!(paras.len() > 60, "{html_path}: {} paragraphs", paras.len());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), paras.len(), "{html_path}");
        for (line, p) in lines.iter().zip(&paras) {
            assert_eq!(*line, p.as_str(), "{html_path}");
        }
        // No style sheet, script or navigation text.
        for chrome in [
            "{",
            "}",
            "px",
            "left:",
            "top:",
            "function",
            "var ",
            "window.",
            "$(",
            "首页",
            "访问量",
            "索 引 号",
            "关联稿件",
        ] {
            assert!(
                !text.contains(chrome),
                "{html_path}: `{chrome}` in the text"
            );
        }
        let page = l.page.as_ref().expect("page metadata");
        assert_eq!(page.date, Some(day(2023, 5, 16)), "{html_path}");
        assert_eq!(page.site.as_deref(), Some("中国宜春"));
        assert_eq!(page.column.as_deref(), Some("统计公报"));
    }
}

#[test]
fn communiques_give_the_claims_of_their_clean_text() {
    for (html_path, text_path) in COMMUNIQUES {
        let l = page(html_path, fixture(html_path).as_bytes());
        let clean = fixture(text_path);
        // The same text, but for the ideographic spaces the clean text wrote as spaces.
        assert_eq!(
            l.document.text().replace('\u{3000}', " "),
            clean,
            "{html_path}"
        );
        let from_page = EXTRACTOR.analyze(l.document.text(), &meta_of(&l)).claims;
        let from_text = EXTRACTOR.analyze(&clean, &Meta::default()).claims;
        let key = |c: &press_stats::Claim| (c.text.clone(), c.value, c.unit.to_string(), c.kind);
        let a: Vec<_> = from_page.iter().map(key).collect();
        let b: Vec<_> = from_text.iter().map(key).collect();
        assert!(a.len() > 400, "{html_path}: {} claims", a.len());
        assert_eq!(a, b, "{html_path}");
    }
}

#[test]
fn communique_metadata_gives_title_date_and_publisher() {
    let (html_path, _) = COMMUNIQUES[0];
    let l = page(html_path, fixture(html_path).as_bytes());
    let p = l.page.clone().unwrap();
    assert_eq!(
        p.title.as_deref(),
        Some("宜春市2022年国民经济和社会发展统计公报")
    );
    assert_eq!(p.publisher.as_deref(), Some("宜春市统计局"));
    let meta = meta_of(&l);
    assert_eq!(meta.publisher.as_deref(), Some("宜春市统计局"));
    assert_eq!(meta.region.as_deref(), Some("宜春市"));
    let a = EXTRACTOR.analyze(l.document.text(), &meta);
    // The page's date, not the signing date the text states (2023年4月12日).
    assert_eq!(a.document.date, Some(day(2023, 5, 16)));
    assert_eq!(a.document.date_source, Some(DateSource::Page));
    let by_publisher = a
        .claims
        .iter()
        .filter(|c| {
            c.department.as_ref().is_some_and(|d| {
                &*d.name == "宜春市统计局" && d.source == press_stats::Source::Document
            })
        })
        .count();
    assert!(by_publisher > 400, "{by_publisher} of {}", a.claims.len());

    // The provincial copy: its ContentSource is a WeChat account, no body; the text's own
    // signature is left to name the publisher.
    let (html_path, _) = COMMUNIQUES[1];
    let l = page(html_path, fixture(html_path).as_bytes());
    let p = l.page.clone().unwrap();
    assert_eq!(
        p.title.as_deref(),
        Some("江西省2022年国民经济和社会发展统计公报")
    );
    assert_eq!(p.publisher.as_deref(), Some("江西统计 公众号"));
    let meta = meta_of(&l);
    assert_eq!(meta.publisher, None);
    assert_eq!(meta.date, Some(day(2023, 5, 16)));
}

/// Renders a page and returns its text and metadata.
fn read(html: &str) -> (String, Meta, Loaded) {
    let l = page("p.html", html.as_bytes());
    (l.document.text().to_owned(), meta_of(&l), l)
}

#[test]
fn trs_layout_with_an_info_bar_and_no_meta_tags() {
    let (text, meta, _) = read(
        "<html><head><title>1-2月全市经济运行情况_东莞市统计局</title>\
         <link rel=stylesheet href=a.css></head><body>\
         <div class=nav><a href=/>首页</a> &gt; <a>统计数据</a></div>\
         <div class=info><span>发布时间：2021-03-22 16:30</span>&nbsp;<span>来源：东莞市统计局</span></div>\
         <div class=TRS_Editor><p>1-2月，全市规模以上工业增加值增长45.2%。</p>\
         <p>社会消费品零售总额330.5亿元。</p></div>\
         <div class=footer>主办：东莞市统计局 版权所有</div></body></html>",
    );
    assert_eq!(
        text,
        "1-2月，全市规模以上工业增加值增长45.2%。\n社会消费品零售总额330.5亿元。\n"
    );
    assert_eq!(meta.title.as_deref(), Some("1-2月全市经济运行情况"));
    assert_eq!(meta.date, Some(day(2021, 3, 22)));
    assert_eq!(meta.date_source, Some(DateSource::Page));
    assert_eq!(meta.publisher.as_deref(), Some("东莞市统计局"));
    assert_eq!(meta.region.as_deref(), Some("东莞市"));
}

#[test]
fn ucap_and_article_layouts() {
    let (text, meta, _) = read(
        "<meta name=ArticleTitle content='全区上半年经济运行'><meta name=PubDate content='2022-07-20'>\
         <body><header>网站首页</header><div id=UCAP-CONTENT><p>上半年全区GDP 120亿元。</p></div>\
         <div class=bdshare_t>分享到：</div></body>",
    );
    assert_eq!(text, "上半年全区GDP 120亿元。\n");
    assert_eq!(meta.title.as_deref(), Some("全区上半年经济运行"));
    assert_eq!(meta.date, Some(day(2022, 7, 20)));

    let (text, meta, _) = read(
        "<head><meta property='article:published_time' content='2024-01-05T08:00:00+08:00'>\
         <meta property='og:title' content='新闻标题'></head>\
         <body><nav>导航 栏目</nav><article><h1>新闻标题</h1><p>共接待游客<b>12.5</b>万人次。</p>\
         <div class=qrcode>扫码关注</div></article></body>",
    );
    assert_eq!(text, "新闻标题\n共接待游客12.5万人次。\n");
    assert_eq!(meta.title.as_deref(), Some("新闻标题"));
    assert_eq!(meta.date, Some(day(2024, 1, 5)));
}

#[test]
fn without_a_known_container_the_densest_block_is_the_body() {
    let para = "全市完成固定资产投资326亿元，同比增长8.1%，其中工业投资增长12%，民间投资增长5.5%。";
    let html = format!(
        "<body><div class=top><ul><li><a>首页</a></li><li><a>政务公开</a></li><li><a>办事服务</a></li></ul></div>\
         <div class=main><div class=left><ul><li><a>关于印发某某工作方案的通知，各有关单位</a></li>\
         <li><a>关于开展某某专项检查的公告，各区县</a></li></ul></div>\
         <div class=right><div class=txt><p>{para}</p><p>{para}</p><p>{para}</p></div></div></div>\
         <div class=bottom>版权所有 ICP备12345号</div></body>"
    );
    let (text, _, l) = read(&html);
    assert_eq!(text, format!("{para}\n{para}\n{para}\n"));
    assert!(l.page.is_some());
}

#[test]
fn tables_are_rows_of_tab_separated_cells_and_layout_tables_are_blocks() {
    let (text, _, _) = read(
        "<body><table width=100%><tr><td><a>首页</a></td></tr><tr><td>\
         <div id=zoom><p>表1 主要指标</p><table border=1>\
         <tr><td><p>指标</p></td><td>绝对数</td><td>增长(%)</td></tr>\
         <tr><td>地区生产总值（亿元）</td><td>3473.12</td><td>5.3</td></tr>\
         <tr><td>粮食产量</td><td colspan=2>73.71亿斤</td></tr></table>\
         <p>注：按可比价计算。</p></div></td></tr></table></body>",
    );
    assert_eq!(
        text,
        "表1 主要指标\n指标\t绝对数\t增长(%)\n地区生产总值（亿元）\t3473.12\t5.3\n粮食产量\t73.71亿斤\n注：按可比价计算。\n"
    );
}

#[test]
fn a_shown_date_wins_over_a_pubdate_that_is_only_the_generation_time() {
    let html = |pubdate: &str| {
        format!(
            "<meta name=PubDate content='{pubdate}'>\
             <meta name=others content='页面生成时间 2020-09-01 03:00:00'>\
             <body><div class=article-info>发布日期：2017-06-02 来源：铜陵市统计局</div>\
             <div id=zoomcon><p>全市完成投资100亿元。</p></div></body>"
        )
    };
    // A migration regenerated the page: PubDate repeats the generation time.
    let (_, meta, _) = read(&html("2020-09-01 03:00:00"));
    assert_eq!(meta.date, Some(day(2017, 6, 2)));
    // A PubDate of its own wins over the shown date.
    let (_, meta, _) = read(&html("2017-06-01 09:00:00"));
    assert_eq!(meta.date, Some(day(2017, 6, 1)));
}

#[test]
fn gbk_pages_decode_by_their_declared_charset_and_lies_are_caught() {
    let body = "<html><head><meta http-equiv=Content-Type content='text/html; charset=gb2312'>\
                <title>通知</title></head><body><div class=TRS_Editor><p>全县粮食产量12.5万吨。</p></div></body></html>";
    let (gbk, _, _) = encoding_rs::GBK.encode(body);
    let l = page("gbk.htm", &gbk);
    assert_eq!(l.document.text(), "全县粮食产量12.5万吨。\n");
    assert_eq!(l.decoding.encoding, "GB18030");
    assert!(!l.decoding.guessed);
    assert_eq!(l.decoding.malformed, 0);
    // Declares GBK, is UTF-8: the bytes say otherwise, and win.
    let l = page("lie.html", body.as_bytes());
    assert_eq!(l.document.text(), "全县粮食产量12.5万吨。\n");
    assert_eq!(l.decoding.encoding, "UTF-8");
    // Declares UTF-8, is GBK: detected.
    let declared_utf8 = body.replace("gb2312", "utf-8");
    let (gbk, _, _) = encoding_rs::GBK.encode(&declared_utf8);
    let l = page("lie2.shtml", &gbk);
    assert_eq!(l.document.text(), "全县粮食产量12.5万吨。\n");
    assert!(l.decoding.guessed);
}

#[test]
fn broken_markup_is_read_as_a_browser_would() {
    let (text, _, _) = read(
        "<div id=zoomcon><p>第一段<b>加粗<p>第二段</i> 共<span>5</div>个</p><td>游离单元格\
         <p>第三段<!-- 注释 <p>不算 --> 末尾",
    );
    assert!(text.starts_with("第一段加粗\n第二段 共5\n"), "{text:?}");
    assert!(!text.contains('<'), "{text:?}");
    assert!(!text.contains("不算"), "{text:?}");
}

#[test]
fn a_page_whose_body_is_not_found_yields_its_text_never_its_markup() {
    let (text, _, l) = read(
        "<html><body><div class=x><span style='color:red'>短讯</span></div>\
         <ul><li><a href='/a'>增长3.5%</a></li></ul><p>共<b>12</b>家</body></html>",
    );
    assert_eq!(text, "短讯\n增长3.5%\n共12家\n");
    assert!(l.page.is_some());
}

#[test]
fn a_page_of_scripts_has_no_text_and_plain_text_stays_text() {
    let (text, _, l) = read(
        "<html><head><script>var a={left:'50%',top:-4};</script><style>.x{top:-4px}</style></head>\
         <body><script>document.write('<p>3.5%</p>')</script><noscript>请启用脚本</noscript></body></html>",
    );
    assert_eq!(text, "");
    assert!(l.page.is_some());
    let (text, _, l) = read("宜春市2022年统计公报\n全年GDP 3473亿元，增长5.3%。\n");
    assert_eq!(text, "宜春市2022年统计公报\n全年GDP 3473亿元，增长5.3%。\n");
    assert!(l.page.is_none());
    assert_eq!(EXTRACTOR.extract(&text).len(), 2);
}

#[test]
fn a_huge_page_of_one_table_is_read_row_by_row() {
    let mut html = String::from("<html><body><div id=zoomcon><table>");
    let rows = 100_000;
    for i in 0..rows {
        html.push_str(&format!("<tr><td>第{i}项</td><td>{i}.5万元</td></tr>"));
    }
    html.push_str("</table></div></body></html>");
    assert!(html.len() > 3 << 20);
    let l = page("big.html", html.as_bytes());
    let text = l.document.text();
    assert_eq!(text.lines().count(), rows);
    assert_eq!(text.lines().nth(7), Some("第7项\t7.5万元"));
}

#[test]
fn other_formats() {
    // A .docx made here: paragraphs and a table.
    let xml = "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>\
               <w:p><w:r><w:t>全年接待游客</w:t></w:r><w:r><w:t>125万人次。</w:t></w:r></w:p>\
               <w:tbl><w:tr><w:tc><w:p><w:r><w:t>收入</w:t></w:r></w:p></w:tc>\
               <w:tc><w:p><w:r><w:t>8.6亿元</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>";
    let l = page("a.docx", &docx(xml));
    assert_eq!(l.format, InputFormat::Docx);
    assert_eq!(
        l.document.text(),
        "全年接待游客125万人次。\n收入\t8.6亿元\n"
    );
    // A .docx that is not a zip, or a zip without a document.
    let e = load(
        Path::new("b.docx"),
        b"not a zip".to_vec(),
        &DecodeOptions::new(),
    )
    .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Damaged { .. }), "{e}");
    assert!(e.to_string().contains("not a zip"), "{e}");
    assert!(!e.is_skip());
    let mut empty = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    empty
        .start_file(
            "x.txt",
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored),
        )
        .unwrap();
    let bytes = empty.finish().unwrap().into_inner();
    let e = load(Path::new("c.docx"), bytes, &DecodeOptions::new()).unwrap_err();
    assert!(e.to_string().contains("word/document.xml"), "{e}");
    // PDF and .doc: unsupported, never read as bytes.
    for name in ["r.pdf", "r.DOC"] {
        let e = load(
            Path::new(name),
            b"%PDF-1.4 1 0 obj".to_vec(),
            &DecodeOptions::new(),
        )
        .unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Unsupported { .. }), "{e}");
        assert!(e.to_string().contains("not supported"), "{e}");
    }
    // Markdown is text.
    let l = page("n.md", "# 标题\n\n增长5%。\n".as_bytes());
    assert_eq!(l.format, InputFormat::Text);
    assert_eq!(l.document.text(), "# 标题\n\n增长5%。\n");
}

/// A .docx archive holding `xml` as its `word/document.xml`.
fn docx(xml: &str) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("[Content_Types].xml", opts).unwrap();
    z.write_all(b"<Types/>").unwrap();
    z.start_file("word/document.xml", opts).unwrap();
    z.write_all(xml.as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

fn by_doc(rows: &[Value]) -> std::collections::BTreeMap<String, &Value> {
    rows.iter()
        .map(|r| (r["doc"].as_str().unwrap().to_owned(), r))
        .collect()
}

#[test]
fn a_folder_mixing_text_pages_and_word_runs_in_one_command() {
    let tmp = TempDir::new().unwrap();
    let d = tmp.path().join("in");
    fs::create_dir_all(d.join("20190614")).unwrap();
    fs::create_dir_all(d.join("202305")).unwrap();
    // A text without a date, in a dated folder; one with its own date line.
    fs::write(d.join("20190614/n123456789.txt"), "全市新增就业1.2万人。\n").unwrap();
    fs::write(
        d.join("dated_20200101.txt"),
        "2021年5月12日\n全市新增就业1.5万人。\n",
    )
    .unwrap();
    // A UTF-8 page with metadata, in a dated path that its PubDate overrides.
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(COMMUNIQUES[0].0),
        d.join("202305/t20230601_1234567.html"),
    )
    .unwrap();
    // A GBK page with an info bar only.
    let gbk_page = "<html><head><meta charset=gbk><title>全县经济运行_某县人民政府</title></head><body>\
                    <div class=info>发布时间：2022-08-03 09:00　来源：铜陵市统计局</div>\
                    <div class=TRS_Editor><p>上半年全市完成投资88.5亿元。</p></div></body></html>";
    fs::write(d.join("gbk.htm"), encoding_rs::GBK.encode(gbk_page).0).unwrap();
    fs::write(
        d.join("w.docx"),
        docx("<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>全年接待游客125万人次。</w:t></w:r></w:p></w:body></w:document>"),
    )
    .unwrap();
    fs::write(d.join("skip.pdf"), b"%PDF-1.4").unwrap();
    fs::write(d.join("bad.docx"), b"PK but not really").unwrap();
    fs::write(
        tmp.path().join("meta.csv"),
        "doc,date\ngbk.htm,2022-08-04\n",
    )
    .unwrap();
    let r = run(
        tmp.path(),
        &[
            "in",
            "--docs",
            "docs.jsonl",
            "--text-dir",
            "texts",
            "-o",
            "claims.jsonl",
            "--meta",
            "meta.csv",
        ],
    );
    // The damaged .docx fails (status 1) with its reason; the rest is read.
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("bad.docx: not a .docx file"),
        "{}",
        r.stderr
    );
    assert!(r.summary().contains("5 files read"), "{}", r.summary());
    assert!(
        r.summary().contains("1 other files ignored"),
        "{}",
        r.summary()
    );
    let docs = read_jsonl(&tmp.path().join("docs.jsonl"));
    let docs = by_doc(&docs);
    let date = |doc: &str| {
        let r = docs.get(doc).unwrap_or_else(|| panic!("{doc} in {docs:?}"));
        (
            r["date"].as_str().unwrap_or("").to_owned(),
            r["date_source"].as_str().unwrap_or("").to_owned(),
        )
    };
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(date("20190614/n123456789.txt"), pair("2019-06-14", "path"));
    assert_eq!(date("dated_20200101.txt"), pair("2021-05-12", "text"));
    assert_eq!(
        date("202305/t20230601_1234567.html"),
        pair("2023-05-16", "page")
    );
    // --meta wins over the page.
    assert_eq!(date("gbk.htm"), pair("2022-08-04", "supplied"));
    assert_eq!(docs["gbk.htm"]["title"], "全县经济运行");
    assert_eq!(docs["gbk.htm"]["encoding"], "GB18030");
    assert_eq!(date("w.docx"), pair("", ""));
    // Publishers from pages; offsets into the texts written to --text-dir.
    let claims = read_jsonl(&tmp.path().join("claims.jsonl"));
    let gbk_claim = claims.iter().find(|c| c["doc"] == "gbk.htm").unwrap();
    assert_eq!(gbk_claim["department"]["name"], "铜陵市统计局");
    assert_eq!(gbk_claim["department"]["source"], "document");
    for c in &claims {
        let doc = c["doc"].as_str().unwrap();
        let text = fs::read_to_string(tmp.path().join("texts").join(format!("{doc}.txt")))
            .unwrap_or_else(|e| panic!("{doc}: {e}"));
        let chars: Vec<char> = text.chars().collect();
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        let span: String = chars[s..e].iter().collect();
        assert_eq!(span, c["text"].as_str().unwrap(), "{doc}");
    }
    assert!(
        claims
            .iter()
            .any(|c| c["doc"] == "w.docx" && c["text"] == "125万人次")
    );
    assert!(
        claims
            .iter()
            .filter(|c| c["doc"] == "202305/t20230601_1234567.html")
            .count()
            > 400
    );
    assert!(
        claims
            .iter()
            .all(|c| !c["text"].as_str().unwrap().contains("px"))
    );
}

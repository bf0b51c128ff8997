//! Every terminal output fits 60 and 100 columns: only free text wraps, Chinese text
//! included; ids, times, levels and verdicts never break (docs/rules.md §10.13).

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use super::{SHENZHEN_5X8, Sandbox};

const NOW: &str = "2026-03-05T14:00:00+08:00";

/// The worked examples' contract, for a Chinese customer in its third month.
fn contract() -> String {
    SHENZHEN_5X8
        .replace("Example Securities Co.", "天府证券有限公司")
        .replace("2024-01-02", "2026-01-01")
        .replace("\"en\"", "\"zh\"")
}

const TITLE: &str = "对象存储桶跨地域复制任务长时间积压导致灾备地域数据延迟超过两小时影响灾备地域";
const NOTE: &str = "已联系对象存储产品团队确认复制任务积压原因为目标地域带宽配额不足，\
                    正在申请临时提升配额并观察复制进度，预计两小时内恢复";
const FINDING: &str =
    "CVM 容量余量=abnormal:数据库主节点磁盘使用率达到百分之九十一需要尽快扩容否则会影响业务";

/// A site in its third month with two open incidents, one with a long Chinese title and a long
/// note, an abnormal finding with a long note, and a round on a day that requires none; and
/// the id of the incident with the long title.
fn site() -> (Sandbox, String) {
    let site = Sandbox::with_contract(&contract());
    let opened = |level: &str, title: &str, at: &str| -> String {
        let args = [
            "incident", "open", "--level", level, "--title", title, "--at", at, "--json",
        ];
        let v: Value = site.json_at(NOW, &args);
        v["id"].as_str().unwrap().to_string()
    };
    let long = opened("1", TITLE, "2026-03-04 10:00");
    opened("2", "CLB returns 502", "2026-03-02 09:00");
    site.stdout_at(NOW, &["incident", "ack", &long, "--at", "2026-03-04 10:30"]);
    site.stdout_at(NOW, &["incident", "note", &long, NOTE]);
    for (day, kind, extra) in [
        ("2026-03-01", "monitoring", None),
        ("2026-03-03", "monitoring", None),
        ("2026-03-04", "resource", Some(FINDING)),
    ] {
        let at = format!("{day} 10:00");
        let mut args = vec!["inspect", day, "--kind", kind, "--all-ok", "--at", &at];
        if let Some(finding) = extra {
            args.extend(["--item", finding]);
        }
        site.stdout_at(NOW, &args);
    }
    (site, long)
}

/// `args` in `lang` with `COLUMNS` set to `width`.
fn at_width(site: &Sandbox, width: u16, lang: &str, args: &[&str]) -> String {
    let args = [&["--lang", lang], args].concat();
    site.stdout_with(&[("COLUMNS", &width.to_string())], NOW, &args)
}

/// The tokens `text` shows that must never break: short ids (six capitals and digits, with a
/// finding's `-N`), dates with or without their weekday and time, times of day, levels and
/// verdicts.
fn tokens(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let words: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || "│┆·，、：（）".contains(c))
            .filter(|w| !w.is_empty())
            .collect();
        for (n, word) in words.iter().enumerate() {
            let next = |k: usize| words.get(n + k).copied().unwrap_or("");
            let shape: String = word
                .chars()
                .map(|c| if c.is_ascii_digit() { '9' } else { c })
                .collect();
            let head: String = word.chars().take(6).collect();
            let id = head.chars().count() == 6
                && head
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && head.chars().any(|c| c.is_ascii_digit())
                && (word.len() == 6 || word[6..].starts_with('-'));
            if id || LEVELS_AND_VERDICTS.contains(word) {
                found.push(word.to_string());
            } else if *word == "level" && !next(1).is_empty() {
                found.push(format!("level {}", next(1)));
            } else if shape.ends_with("99-99") && shape.len() <= 10 {
                let mut token = word.to_string();
                for k in 1..=2 {
                    let more = next(k);
                    if more.starts_with('周') || more.contains(':') {
                        token = format!("{token} {more}");
                    } else {
                        break;
                    }
                }
                found.push(token);
            }
        }
    }
    found.sort();
    found
}

/// Levels and verdicts that no heading holds as a word (a table shown one row at a time
/// repeats its headings).
const LEVELS_AND_VERDICTS: [&str; 6] = ["一级故障", "二级故障", "超时", "处理中", "未处理", "open"];

/// Asserts that no line of `text` is wider than `width` and that every token `whole` shows
/// (the same output with room for everything) is shown whole as often.
fn assert_fits(text: &str, width: u16, whole: &str, what: &str) {
    for line in text.lines() {
        assert!(
            line.width() <= usize::from(width),
            "{what} at {width}: {} columns:\n{line}\n\n{text}",
            line.width()
        );
    }
    let wanted = tokens(whole);
    assert!(!wanted.is_empty(), "{what}: no token to check\n{whole}");
    assert_eq!(tokens(text), wanted, "{what} at {width}:\n{text}");
}

/// Short and full ids, whose letters are drawn at random, as placeholders as wide.
fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"\b[0-9A-Z]{26}\b", "[full id]");
    settings.add_filter(r"\b[0-9A-HJKMNP-TV-Z]{6}\b", "[id..]");
    settings
}

/// The outputs checked, each with the languages it is checked in.
fn outputs(long: &str) -> Vec<(String, Vec<String>, &'static [&'static str])> {
    let owned = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        (
            "report".into(),
            owned(&["report", "2026-03"]),
            &["en", "zh"],
        ),
        (
            "inspect_report".into(),
            owned(&["inspect", "report", "2026-03"]),
            &["zh"],
        ),
        (
            "incident_list".into(),
            owned(&["incident", "list"]),
            &["zh"],
        ),
        ("status".into(), owned(&["status"]), &["zh"]),
        ("risk_list".into(), owned(&["risk", "list"]), &["zh"]),
        (
            "incident_show".into(),
            owned(&["incident", "show", long]),
            &["zh"],
        ),
    ]
}

#[test]
fn terminal_outputs_fit_60_and_100_columns_without_breaking_a_token() {
    let (site, long) = site();
    for (name, args, langs) in outputs(&long) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        for lang in langs {
            let whole = at_width(&site, 1000, lang, &args);
            for width in [60u16, 100] {
                let text = at_width(&site, width, lang, &args);
                assert_fits(&text, width, &whole, &format!("{name} {lang}"));
                snapshot_settings().bind(|| {
                    insta::assert_snapshot!(format!("width_{name}_{lang}_{width}"), text);
                });
            }
        }
    }
}

#[test]
fn chinese_free_text_wraps_and_keeps_every_character() {
    let (site, long) = site();
    let text = at_width(&site, 60, "zh", &["incident", "show", &long]);
    let joined: String = text.lines().map(str::trim_start).collect();
    for free in [TITLE, NOTE] {
        assert!(joined.contains(free), "{free}\n{text}");
    }
    assert!(text.lines().skip(1).any(|l| l.starts_with("  ")), "{text}");
}

#[test]
fn piped_output_without_columns_is_not_wrapped() {
    let (site, _) = site();
    let list = site.stdout_at(NOW, &["incident", "list"]);
    assert!(
        list.lines().any(|l| l.contains(TITLE) && l.width() > 100),
        "{list}"
    );
}

#[test]
fn json_is_the_same_at_any_width() {
    let (site, _) = site();
    let json = |width| at_width(&site, width, "zh", &["report", "2026-03", "--json"]);
    assert_eq!(json(60), json(1000));
}

#[test]
fn the_ticked_items_echoed_at_60_columns_are_each_whole() {
    let (site, _) = site();
    let answers = [
        ("勾选正常的检查项", "a"),
        ("回车确认", "\\r"),
        ("记录本轮巡检", "\\r"),
    ];
    let args = ["inspect", "today", "--kind", "resource"];
    let env = [("PTY_COLUMNS", "60"), ("OTSS_NOW", NOW)];
    let output = site.in_terminal(&env, &answers, &args);
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{said}");
    let screen = super::screen::shown(&said, 60);
    for item in [
        "CVM 容量余量",
        "CBS 磁盘使用与增长",
        "TencentDB 存储与连接数",
        "COS 存储用量",
        "带宽与 EIP 配额",
    ] {
        let rows = screen.iter().filter(|row| row.contains(item)).count();
        assert_eq!(rows, 1, "{item}:\n{}", screen.join("\n"));
    }
}

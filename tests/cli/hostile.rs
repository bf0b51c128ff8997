//! Untrusted text (docs/rules.md §10). Titles, notes, names, the contract and the ledger's files
//! reach otss from teammates through git. Whatever they hold, every output for a person (terminal,
//! standard error, Markdown, HTML) shows it harmlessly, a Markdown document keeps its structure,
//! and JSON keeps the text exactly.

use std::fs;

use pulldown_cmark::{Event, Options, Parser};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

use super::{SHENZHEN_5X8, Sandbox};

/// Text meant to take over a terminal or a document.
const HOSTILE: [&str; 37] = [
    "\u{1b}[2J\u{1b}[H clear screen",
    "\u{1b}[31mred\u{1b}[0m",
    "\u{1b}]52;c;aGVsbG8=\u{7} clipboard",
    "\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\",
    "bell \u{7}, C1 CSI \u{9b}2J, DEL \u{7f}, CR \r over",
    "abc\u{202e}fed and \u{2066}isolate\u{2069}",
    "\u{fdd0}\u{fdd7}internal marks\u{fdef}",
    "title\nFORGED line",
    "# heading",
    "setext\n===",
    "setext\n---",
    "| a | b |\n|---|---|\n| c | d |",
    "```\nfenced",
    "~~~\nfenced",
    "    indented code",
    "[a](javascript:alert(1))",
    "![i](http://x/y.png)",
    "<http://x>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "*a* _b_ **c** __d__ ~~e~~ `f`",
    "- a\n+ b\n* c",
    "1. a\n2) b",
    "> quoted",
    "***",
    "___",
    "[x]: http://evil",
    "[^1] and [^1]: note",
    "- [ ] task",
    "$x^2$ and $$math$$",
    "&lt;b&gt; &#x3C;script&#x3E;",
    "trailing backslash \\",
    "two spaces  \nbreak",
    "Restarted.\n\n## Service levels\n\n| Clock | Deadline |\n|---|---|\n| response | met |",
    "<!-- comment --> <div>block</div>",
    "Root cause\n:--\nvendor fault, not ours",
    "Term\n: a definition",
];

/// Where NUL is allowed: only in a teammate's ledger, for an argument cannot hold it.
const NUL: &str = "nul \u{0} here";

/// 10,000 characters of every hostile text over again.
fn long_hostile() -> String {
    HOSTILE.concat().chars().cycle().take(10_000).collect()
}

/// A word of 10,000 characters. A table splits such a word in time that grows with the square
/// of its length, so it is written in one place only.
fn long_word() -> String {
    "x".repeat(10_000)
}

/// Every hostile text an argument can hold.
fn corpus() -> Vec<String> {
    let mut corpus: Vec<String> = HOSTILE.iter().map(|t| t.to_string()).collect();
    corpus.push(long_hostile());
    corpus
}

/// Every hostile text at once, one a line.
fn everything() -> String {
    HOSTILE.join("\n")
}

/// How a site's texts are written: hostile as they are, or benign.
type Shape = fn(&str) -> String;

fn hostile(text: &str) -> String {
    text.to_string()
}

/// A text of the same shape with nothing hostile in it: its line breaks, letters, digits and
/// spaces, and a letter for every other character (one letter for each, so that names stay
/// apart).
fn benign(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | ' ' => c,
            c if c.is_alphanumeric() => c,
            c => char::from(b'a' + (u32::from(c) % 26) as u8),
        })
        .collect()
}

/// A name for duty and overtime.
const NAME: &str = "zhang\u{1b}[2J\u{202e}";

/// Checklist items the contract has: every hostile text that can name an item (no `=`, no
/// blanks around it).
fn items() -> Vec<&'static str> {
    HOSTILE
        .into_iter()
        .filter(|t| !t.contains('=') && t.trim() == *t)
        .collect()
}

/// A TOML basic string.
fn toml(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => quoted.extend(['\\', c]),
            c if c.is_control() && c != '\t' && u32::from(c) < 0x80 => {
                quoted.push_str(&format!("\\u{:04X}", u32::from(c)))
            }
            c => quoted.push(c),
        }
    }
    quoted + "\""
}

/// The contract of the worked examples, with a hostile customer, provider and checklist.
fn contract(shape: Shape) -> String {
    let parties = format!(
        "customer = {}\nprovider = {}",
        toml(&shape(&everything())),
        toml(&shape(HOSTILE[2]))
    );
    let items: Vec<String> = items().into_iter().map(|i| toml(&shape(i))).collect();
    let checklist = format!("\n[inspections.resource]\nitems = [{}]\n", items.join(", "));
    let gauged: Vec<String> = measured()
        .into_iter()
        .map(|i| format!("{{ name = {}, unit = \"%\", warn = 80 }}", toml(&shape(i))))
        .collect();
    let gauged = format!(
        "[inspections.monitoring]\nitems = [{}]\n",
        gauged.join(", ")
    );
    SHENZHEN_5X8.replace("customer = \"Example Securities Co.\"", &parties) + &checklist + &gauged
}

/// Checklist items measured in %, with a warning threshold (docs/rules.md §4.9).
fn measured() -> Vec<&'static str> {
    items().into_iter().take(4).collect()
}

/// Readings of the measured items on three days, each with a hostile note, growing towards the
/// threshold: a capacity risk.
fn record_readings(site: &Sandbox, shape: Shape) {
    for (n, day) in ["2025-03-01", "2025-03-02", "2025-03-03"]
        .into_iter()
        .enumerate()
    {
        let at = format!("{day} 10:00");
        let mut round = [
            "inspect",
            day,
            "--kind",
            "monitoring",
            "--all-ok",
            "--at",
            &at,
        ]
        .map(String::from)
        .to_vec();
        for (item, note) in measured().into_iter().zip(HOSTILE.iter().rev()) {
            let value = 70 + 4 * n;
            round.push(format!("--item={}={value}%:{}", shape(item), shape(note)));
        }
        site.stdout(&round.iter().map(String::as_str).collect::<Vec<_>>());
    }
}

/// A site whose every text is `shape`d hostile text: the contract, records made through every
/// command that records text, and records of a teammate written by hand, with lines that are
/// not records at all in a file of a hostile name.
struct Site {
    sandbox: Sandbox,
    /// The incident opened, noted and resolved through the commands.
    incident: String,
}

impl Site {
    fn new(shape: Shape) -> Site {
        let sandbox = Sandbox::with_contract(&contract(shape));
        let incident = record_through_commands(&sandbox, shape);
        write_teammate_ledger(&sandbox, shape);
        Site { sandbox, incident }
    }

    /// Runs `otss ARGS`, which ends with status 0, or 1 for the ledger's problems, never a
    /// crash; returns standard output and standard error.
    fn run(&self, args: &[&str]) -> (String, String) {
        let output = self.sandbox.otss().args(args).output().unwrap();
        let code = output.status.code();
        assert!(matches!(code, Some(0 | 1)), "{args:?}: {code:?}");
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
        (text(output.stdout), text(output.stderr))
    }

    fn json(&self, args: &[&str]) -> Value {
        self.sandbox.json(args)
    }
}

/// The `n`th product named: products are listed by name, and numbered they keep their order
/// on every site.
fn product(n: usize, text: &str) -> String {
    format!("{n:03} {text}")
}

/// Through every command that records text; returns the id of the incident recorded.
fn record_through_commands(site: &Sandbox, shape: Shape) -> String {
    let every = shape(&everything());
    let run = |args: &[&str]| site.stdout(args);
    // Incidents at different times, to be listed in the same order on every site.
    let open = |title: &str, at: &str| {
        let args = [
            "incident", "open", "--level", "3", "--title", title, "--at", at,
        ];
        site.json(&[&args[..], &["--description", &every, "--json"]].concat())
    };
    let id = open(&every, "2025-03-04 09:40")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let long = open(&shape(&long_hostile()), "2025-03-04 09:41")["id"].clone();
    open(&shape(&long_word()), "2025-03-04 09:42");
    run(&["incident", "note", &id, &every]);
    let mut resolve = vec!["incident", "resolve", &id];
    for field in ["--summary", "--impact", "--cause", "--fix"] {
        resolve.extend([field, &every]);
    }
    run(&resolve);
    // Corrections say who, when and why: the note voided with hostile reasons, a text amended.
    let shown = site.json(&["incident", "show", &id, "--json"]);
    let timeline = shown["timeline"].as_array().unwrap();
    let noted = timeline.iter().find(|e| e["event"] == "noted").unwrap();
    run(&["void", noted["id"].as_str().unwrap(), "--reason", &every]);
    run(&[
        "incident",
        "amend",
        long.as_str().unwrap(),
        "--title",
        &every,
    ]);
    let product = product(0, &every);
    run(&[
        "support",
        "log",
        &every,
        "--product",
        &product,
        "--minutes",
        "5",
    ]);
    let request = site.json(&["request", "add", &every, "--json"])["id"].clone();
    let request = request.as_str().unwrap();
    run(&["request", "forward", request, "--to", &every]);
    run(&["request", "answer", request, &every]);
    // Sources are listed by name: numbered, they keep their order on every site.
    let alert = [
        "alert", "log", &every, "--source", &product, "--policy", &every,
    ];
    run(&[&alert[..], &["--class", "noise"]].concat());
    run(&["alert", "log", &every, "--incident", &id]);
    run(&["alert", "policy", "add", &every, "--rule", &every]);
    run(&["note", "risk", &every]);
    run(&["note", "suggestion", &every]);
    run(&["backup", "check", "--job", &every, "--failed", &every]);
    // Every item of the contract's checklist abnormal, each with a note of its own.
    let mut round = ["inspect", "today", "--kind", "resource"]
        .map(String::from)
        .to_vec();
    for (item, note) in items().into_iter().zip(HOSTILE) {
        round.push(format!("--item={}=abnormal:{}", shape(item), shape(note)));
    }
    run(&round.iter().map(String::as_str).collect::<Vec<_>>());
    record_readings(site, shape);
    let name = shape(NAME);
    run(&["duty", "set", "2025-04-05", &name]);
    run(&[
        "overtime",
        "log",
        "2025-03-01",
        "--hours",
        "8",
        "--engineer",
        &name,
    ]);
    run(&["overtime", "take", "2025-03-05", "--engineer", &name]);
    id
}

/// The id of the `n`th incident a teammate wrote by hand.
fn teammate_incident(n: usize) -> String {
    format!("HT{n:04}")
}

/// Records a teammate wrote by hand, one text of the corpus in every field of each (its author
/// too); then, in a file of a hostile name, a record of a hostile type and lines that are not
/// records, whose reasons quote the hostile text.
fn write_teammate_ledger(site: &Sandbox, shape: Shape) {
    let mut texts = corpus();
    texts.push(NUL.to_string());
    let at = "2025-03-04T09:30:00+08:00";
    let mut lines = Vec::new();
    for (n, text) in texts.iter().map(|t| shape(t)).enumerate() {
        let incident = teammate_incident(n);
        let response =
            json!({"due": "2025-03-04T11:00:00+08:00", "rule": "immediate", "within": "15m"});
        let events = [
            (
                "incident.opened",
                json!({"incident": incident, "level": 3, "title": text, "onsite": false, "response": response}),
            ),
            (
                "incident.noted",
                json!({"incident": incident, "text": text}),
            ),
            (
                "incident.resolved",
                json!({"incident": incident, "summary": text, "impact": text, "cause": text, "fix": text}),
            ),
            (
                "support.logged",
                json!({"text": text, "product": product(n + 1, &text), "minutes": 5}),
            ),
            (
                "request.added",
                json!({"text": text, "in_scope": true, "category": null, "forced": false}),
            ),
            (
                "alert.logged",
                json!({"text": text, "source": product(n + 1, &text), "class": "known", "policy": text}),
            ),
            ("alert.policy_added", json!({"name": text, "rule": text})),
            ("note.added", json!({"kind": "risk", "text": text})),
            ("note.added", json!({"kind": "suggestion", "text": text})),
            (
                "backup.checked",
                json!({"job": text, "ok": false, "note": text}),
            ),
            (
                "inspection.round",
                json!({"kind": "alert", "items": [{"item": text, "result": "abnormal", "note": text}]}),
            ),
            ("duty.set", json!({"date": "2025-04-06", "engineer": text})),
            (
                "overtime.logged",
                json!({"date": "2025-03-02", "engineer": text, "hours": 8.0, "kind": "weekend", "comp_days": 1}),
            ),
        ];
        for (kind, fields) in events {
            let mut record = json!({
                "v": 1, "id": format!("01M8QKB7{:018}", lines.len()), "at": at, "by": text,
                "type": kind,
            });
            let fields = fields.as_object().unwrap().clone();
            record.as_object_mut().unwrap().extend(fields);
            lines.push(record.to_string());
        }
    }
    site.write("ledger/2025-03/wang.fang.jsonl", &(lines.join("\n") + "\n"));
    let bad_lines: Vec<String> = HOSTILE
        .iter()
        .map(|t| shape(t))
        .flat_map(|text| {
            let typed = json!({"v": 1, "id": "01M8QKB7000000000000000000", "at": at, "by": text, "type": text});
            let level = json!({"v": 1, "id": "01M8QKB7000000000000000001", "at": at, "by": "x", "type": "incident.opened", "level": text});
            [typed.to_string(), level.to_string(), format!("not JSON {text}")]
        })
        .collect();
    let file = format!(
        "ledger/2025-03/{}.jsonl",
        shape("evil\u{1b}]52;c;aGVsbG8=\u{7}")
    );
    site.write(&file, &(bad_lines.join("\n") + "\n"));
}

/// Every output for a person, by the arguments that make it.
fn human_outputs(site: &Site) -> Vec<Vec<String>> {
    let id = site.incident.clone();
    let teammate = teammate_incident(0);
    let outputs: &[&[&str]] = &[
        &["status"],
        &["incident", "list"],
        &["incident", "show", &id],
        &["incident", "show", &teammate],
        &["incident", "report", &id],
        &["incident", "report", &teammate],
        &["report", "2025-03"],
        &["report", "2025-03", "--format", "md"],
        &["report", "2025-03", "--format", "html"],
        &["report", "due"],
        &["support", "list"],
        &["request", "list"],
        &["alert", "list"],
        &["risk", "list"],
        &["backup", "status"],
        &["duty", "list", "2025-04"],
        &["overtime", "balance"],
        &["contract", "show"],
        &["contract", "check"],
        &["check"],
        &["inspect", "today"],
        &["inspect", "status"],
        &["inspect", "report", "2025-03"],
        &["inspect", "report", "2025-03", "--format", "md"],
        &["inspect", "report", "2025-03", "--format", "html"],
        &["paths"],
        &["search", "clipboard"],
        &["search", "fenced", "--kind", "incident"],
        &["incident", "show", &id, "--similar"],
    ];
    outputs
        .iter()
        .map(|args| args.iter().map(|a| a.to_string()).collect())
        .collect()
}

/// Whether a person's output may never hold `c`: C0 controls but tab and line feed, DEL, C1
/// controls, bidirectional controls, otss's internal marks.
fn forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{61c}' | '\u{200e}'
        | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{fdd0}'..='\u{fdef}')
}

/// The colour codes of otss's tones: reset, bold, dimmed, red, yellow.
const OWN_COLOURS: [&str; 6] = [
    "\u{1b}[0m",
    "\u{1b}[1m",
    "\u{1b}[2m",
    "\u{1b}[9m",
    "\u{1b}[31m",
    "\u{1b}[33m",
];

/// Asserts that `text` holds nothing forbidden but otss's own colour codes.
fn assert_harmless(what: &str, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        let sequence = &rest[at..];
        let own = OWN_COLOURS.iter().find(|own| sequence.starts_with(**own));
        let Some(own) = own else {
            let shown: String = sequence.chars().take(20).collect();
            panic!("{what}: an escape sequence not otss's own: {shown:?}");
        };
        rest = &sequence[own.len()..];
    }
    let uncoloured = OWN_COLOURS
        .iter()
        .fold(text.to_string(), |t, own| t.replace(own, ""));
    if let Some(at) = uncoloured.find(forbidden) {
        let around: String = uncoloured[at.saturating_sub(40)..]
            .chars()
            .take(60)
            .collect();
        panic!("{what}: a hidden character reaches the person: {around:?}");
    }
}

/// Asserts that every table in `text` keeps its columns: each of its lines is as wide as the
/// others, colour codes aside.
fn assert_tables_aligned(what: &str, text: &str) {
    let uncoloured = OWN_COLOURS
        .iter()
        .fold(text.to_string(), |t, own| t.replace(own, ""));
    let mut width = None;
    for line in uncoloured.lines() {
        if line.starts_with('╭') {
            width = Some(line.width());
        } else if !line.starts_with(['│', '╞', '├', '╰']) {
            width = None;
        }
        if let Some(width) = width {
            assert_eq!(
                line.width(),
                width,
                "{what}: a table's line out of line: {line}"
            );
        }
    }
}

#[test]
fn every_output_for_a_person_shows_hostile_text_harmlessly() {
    let site = Site::new(hostile);
    for colour in ["never", "always"] {
        for args in human_outputs(&site) {
            let mut with_colour = vec!["--color".to_string(), colour.to_string()];
            with_colour.extend(args.clone());
            let with_colour: Vec<&str> = with_colour.iter().map(String::as_str).collect();
            let (out, err) = site.run(&with_colour);
            assert_harmless(&format!("{with_colour:?} stdout"), &out);
            assert_tables_aligned(&format!("{with_colour:?}"), &out);
            assert_harmless(&format!("{with_colour:?} stderr"), &err);
            if colour == "never" {
                assert!(!out.contains('\u{1b}'), "{args:?}: colour when never");
            }
        }
    }
    let (coloured, _) = site.run(&["--color", "always", "incident", "list"]);
    assert!(coloured.contains("\u{1b}[1m"), "colour still shows");
    let (found, _) = site.run(&["--color", "always", "search", "clipboard"]);
    assert!(
        found.contains("clipboard"),
        "the search found the text: {found}"
    );
}

#[test]
fn one_line_places_cannot_be_given_a_line_of_their_own() {
    let site = Site::new(hostile);
    for args in human_outputs(&site) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        if args.contains(&"md")
            || args.contains(&"html")
            || args.starts_with(&["incident", "report"])
        {
            continue;
        }
        let (out, err) = site.run(&args);
        for line in out.lines().chain(err.lines()) {
            assert!(!line.starts_with("FORGED"), "{args:?}: {line}");
        }
    }
}

#[test]
fn reports_written_to_files_are_harmless() {
    let site = Site::new(hostile);
    for file in ["r.html", "r.md", "r.txt"] {
        site.run(&["report", "2025-03", "--out", file]);
        let written = fs::read_to_string(site.sandbox.path().join(file)).unwrap();
        assert_harmless(file, &written);
    }
    let html = fs::read_to_string(site.sandbox.path().join("r.html")).unwrap();
    for tag in ["<script", "<img", "<div>", "<!--", "<http"] {
        assert!(!html.contains(tag), "{tag} in the page");
    }
}

#[test]
fn errors_and_usage_errors_quote_arguments_harmlessly() {
    let site = Site::new(hostile);
    let cases: [(&[&str], i32); 4] = [
        (&["incident", "show", "\u{1b}[2J\u{202e}"], 1),
        (
            &[
                "incident",
                "open",
                "--level",
                "\u{1b}]52;c;aGVsbG8=\u{7}\u{9b}",
            ],
            2,
        ),
        (&["\u{1b}[2J\u{202e}\u{9b}"], 2),
        (&["report", "\u{1b}[2J\u{202e}"], 1),
    ];
    for (args, code) in cases {
        let output = site.sandbox.otss().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(code), "{args:?}");
        assert_harmless(
            &format!("{args:?}"),
            &String::from_utf8_lossy(&output.stderr),
        );
    }
}

#[test]
fn a_value_typed_or_read_cannot_print_an_error_line_of_its_own() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    site.write(
        "forged.toml",
        &format!("{SHENZHEN_5X8}\"k\\nerror: forged\" = 1\n"),
    );
    let forging: [&[&str]; 3] = [
        &["incident", "show", "X\nerror: forged"],
        &["report", "2025-03\nerror: forged"],
        &["--contract", "forged.toml", "status"],
    ];
    for args in forging {
        for lang in ["zh", "en"] {
            let output = site.otss().args(["--lang", lang]).args(args).output();
            let output = output.unwrap();
            assert_eq!(output.status.code(), Some(1), "{args:?}");
            let err = String::from_utf8_lossy(&output.stderr);
            assert!(
                !err.lines().any(|line| line.starts_with("error: forged")),
                "{args:?}: {err}"
            );
        }
    }
}

#[test]
fn json_keeps_every_text_exactly() {
    let site = Site::new(hostile);
    let every = everything();
    let incident = site.json(&["incident", "show", &site.incident, "--json"]);
    for field in ["title", "description", "summary", "impact", "cause", "fix"] {
        assert_eq!(incident[field], json!(every), "{field}");
    }
    let listed = site.json(&["incident", "list", "--json"]);
    let amended = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["amendments"] != json!([]))
        .unwrap();
    assert_eq!(amended["title"], json!(every));
    assert_eq!(amended["amendments"][0]["from"], json!(long_hostile()));
    let corrections = site.json(&["report", "2025-03", "--format", "json"])["corrections"].clone();
    assert_eq!(corrections[0]["reason"], json!(every));
    let teammate = site.json(&["incident", "show", &teammate_incident(0), "--json"]);
    assert_eq!(teammate["title"], json!(HOSTILE[0]));
    assert_eq!(teammate["reported_by"], json!(HOSTILE[0]));
    let nul = corpus().len();
    let with_nul = site.json(&["incident", "show", &teammate_incident(nul), "--json"]);
    assert_eq!(with_nul["summary"], json!(NUL));
    let contract = site.json(&["contract", "show", "--json"]);
    assert_eq!(contract["customer"], json!(every));
    let report = site.json(&["report", "2025-03", "--json"]);
    assert_eq!(report["customer"], json!(every));
    assert_eq!(report["provider"], json!(HOSTILE[2]));
    let inspection = site.json(&["inspect", "report", "2025-03", "--format", "json"]);
    let mut read: Vec<&str> = inspection["trends"]
        .as_array()
        .unwrap()
        .iter()
        .inspect(|t| assert_eq!(t["readings"].as_array().unwrap().len(), 3, "{t}"))
        .map(|t| t["item"].as_str().unwrap())
        .collect();
    read.sort_unstable();
    let mut expected = measured();
    expected.sort_unstable();
    assert_eq!(read, expected);
    let requests = site.json(&["request", "list", "--json"]);
    let answered = requests
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["state"] == "answered");
    let answered = answered.unwrap();
    assert_eq!(
        (&answered["forwarded_to"], &answered["answer"]),
        (&json!(every), &json!(every))
    );
    let alerts = &report["alerts"];
    assert_eq!(alerts["became_incidents"][0]["text"], json!(every));
    let policies = alerts["policy_changes"].as_array().unwrap();
    assert!(
        policies
            .iter()
            .any(|p| p["name"] == json!(every) && p["rule"] == json!(every))
    );
    assert_eq!(alerts["by_source"][product(0, &every)], 1);
    let found = &site.json(&["risk", "list", "--json"])[0];
    assert_eq!(
        (&found["item"], &found["note"]),
        (&json!(HOSTILE[0]), &json!(HOSTILE[0]))
    );
    let hits = site.json(&["search", "clipboard", "--json"]);
    let passages: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["passage"].as_str().unwrap())
        .collect();
    assert!(
        passages.iter().any(|p| p.contains(HOSTILE[2])),
        "{passages:?}"
    );
    let risks: Vec<&Value> = report["risks"].as_array().unwrap().iter().collect();
    assert!(risks.iter().any(|r| r["text"] == json!(every)));
    assert!(
        risks
            .iter()
            .any(|r| r["text"] == json!(NUL) && r["by"] == json!(NUL))
    );
}

/// The structure of a Markdown document, as GitHub-flavoured Markdown with its extensions
/// reads it: every event but the text itself.
fn structure(markdown: &str) -> Vec<String> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_MATH
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
        | Options::ENABLE_DEFINITION_LIST;
    Parser::new_ext(markdown, options)
        .filter(|event| !matches!(event, Event::Text(_) | Event::SoftBreak))
        .map(|event| format!("{event:?}"))
        .collect()
}

#[test]
fn hostile_text_adds_no_structure_to_markdown() {
    let (benign, hostile) = (Site::new(benign), Site::new(hostile));
    let documents = |site: &Site| -> Vec<String> {
        let mut documents = vec![site.run(&["report", "2025-03", "--format", "md"]).0];
        let inspection = ["inspect", "report", "2025-03", "--format", "md"];
        documents.push(site.run(&inspection).0);
        documents.push(site.run(&["incident", "report", &site.incident]).0);
        for n in 0..=corpus().len() {
            documents.push(site.run(&["incident", "report", &teammate_incident(n)]).0);
        }
        documents
    };
    for (benign, hostile) in documents(&benign).iter().zip(documents(&hostile)) {
        let (expected, got) = (structure(benign), structure(&hostile));
        assert!(expected.iter().any(|e| e.contains("Table")), "{benign}");
        let at = expected
            .iter()
            .zip(&got)
            .take_while(|(e, g)| e == g)
            .count();
        let from = |events: &[String]| events.iter().skip(at).take(4).cloned().collect::<Vec<_>>();
        assert!(
            expected == got,
            "hostile text changed the structure at event {at}: {:?} became {:?}",
            from(&expected),
            from(&got),
        );
    }
}

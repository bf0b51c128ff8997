use super::*;

fn line(id: &str, at: &str, by: &str) -> String {
    format!(
        "{{\"v\":1,\"id\":\"{id}\",\"at\":\"{at}\",\"by\":\"{by}\",\"type\":\"support.logged\",\"text\":\"q\"}}\n"
    )
}

fn march(id: &str) -> String {
    line(id, "2025-03-04T10:00:00+08:00", "li.lei")
}

fn problems(files: &[(&str, String)]) -> Vec<(String, Option<usize>, Problem)> {
    check(files.iter().map(|(name, text)| (*name, text.as_bytes())))
        .problems
        .into_iter()
        .map(|f| (f.file, f.line, f.problem))
        .collect()
}

#[test]
fn intact_files_and_empty_ones_have_no_problems() {
    let files = [
        ("2025-03/li.lei.jsonl", march("A") + &march("B")),
        ("2025-03/wang.jsonl", String::new()),
    ];
    let checked = check(files.iter().map(|(n, t)| (*n, t.as_bytes())));
    assert!(checked.intact());
    assert_eq!((checked.files, checked.records), (2, 2));
}

#[test]
fn each_damage_is_named_where_it_is() {
    let whole = march("A");
    let torn = &whole[..20];
    let files = [
        (
            "2025-03/li.lei.jsonl",
            format!("{whole}not json\n{}{torn}", march("B")),
        ),
        ("2025-03/wang.jsonl", march("C").trim_end().to_string()),
    ];
    let found = problems(&files);
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(matches!(
        &found[0],
        (_, Some(2), Problem::NotARecord { .. })
    ));
    assert_eq!(
        found[1],
        ("2025-03/li.lei.jsonl".into(), Some(4), Problem::TornTail)
    );
    assert_eq!(found[2].2, Problem::NoNewline);
    assert_eq!(
        found[3].2,
        Problem::WrongWriter {
            by: "li.lei".into()
        }
    );
}

#[test]
fn bytes_that_are_not_text_are_a_problem_and_the_rest_is_read() {
    let mut bytes = march("A").into_bytes();
    bytes.extend_from_slice(b"\xff\xfe\n");
    bytes.extend_from_slice(march("B").as_bytes());
    let checked = check([("2025-03/li.lei.jsonl", bytes.as_slice())]);
    assert_eq!(checked.records, 2);
    assert_eq!(checked.problems.len(), 1);
    assert_eq!(checked.problems[0].line, Some(2));
    assert_eq!(checked.problems[0].problem, Problem::NotUtf8);
}

#[test]
fn a_newer_schema_says_to_upgrade() {
    let newer = march("A").replace("\"v\":1", "\"v\":2");
    let found = problems(&[("2025-03/li.lei.jsonl", newer)]);
    assert_eq!(found[0].2, Problem::NewerVersion { found: 2 });
}

#[test]
fn copies_and_misplaced_records_are_noticed() {
    let files = [
        ("2025-03/li.lei.jsonl", march("A")),
        ("2025-03/li.lei (copy).jsonl", march("A")),
        ("2025-04/li.lei.jsonl", march("B")),
    ];
    let found = problems(&files);
    assert!(found.contains(&(
        "2025-03/li.lei (copy).jsonl".into(),
        Some(1),
        Problem::DuplicateId {
            id: "A".into(),
            first: "2025-03/li.lei.jsonl:1".into()
        }
    )));
    assert!(found.contains(&(
        "2025-04/li.lei.jsonl".into(),
        Some(1),
        Problem::WrongMonth {
            month: "2025-03".into()
        }
    )));
}

#[test]
fn a_file_of_countless_damaged_lines_is_listed_in_part_and_counted() {
    let damaged = "x\n".repeat(LISTED_PER_FILE + 5);
    let checked = check([("2025-03/li.lei.jsonl", damaged.as_bytes())]);
    assert_eq!(checked.problems.len(), LISTED_PER_FILE + 1);
    assert_eq!(
        checked.problems.last().unwrap(),
        &Found {
            file: "2025-03/li.lei.jsonl".into(),
            line: None,
            problem: Problem::MoreProblems { count: 5 }
        }
    );
}

/// A ULID entered at `entered` (RFC 3339).
fn entered(entered: &str) -> String {
    let millis = chrono::DateTime::parse_from_rfc3339(entered)
        .unwrap()
        .timestamp_millis();
    ulid::Ulid::from_parts(u64::try_from(millis).unwrap(), 1).to_string()
}

#[test]
fn a_record_entered_before_it_happened_or_its_month_is_named() {
    let before = march(&entered("2025-03-04T09:58:00+08:00"));
    let within = march(&entered("2025-03-04T09:59:00+08:00"));
    let month_ago = line(
        &entered("2025-01-20T10:00:00+08:00"),
        "2025-03-01T10:00:00+08:00",
        "li.lei",
    );
    let file = "2025-03/li.lei.jsonl";
    let found = problems(&[(file, before + &within + &month_ago)]);
    let lines: Vec<Option<usize>> = found
        .iter()
        .filter(|(_, _, p)| matches!(p, Problem::EntryTime { .. }))
        .map(|(_, line, _)| *line)
        .collect();
    assert_eq!(lines, [Some(1), Some(3)], "{found:?}");
}

#[test]
fn a_second_opening_of_an_incident_is_named_with_the_first() {
    let mut checker = Checker::default();
    checker.identified(Named::Opening, "2025-03/li.lei.jsonl", 4, "K7QM2X");
    checker.identified(Named::Opening, "2025-03/wang.jsonl", 2, "K7QM2X");
    checker.identified(Named::Opening, "2025-03/wang.jsonl", 3, "ZZ0001");
    let found = checker.finish().problems;
    assert_eq!(
        found,
        [Found {
            file: "2025-03/wang.jsonl".into(),
            line: Some(2),
            problem: Problem::DuplicateIncident {
                incident: "K7QM2X".into(),
                first: "2025-03/li.lei.jsonl:4".into(),
            },
        }]
    );
}

#[test]
fn a_check_after_a_census_names_every_repeat_a_check_keeping_every_id_names() {
    let opening = |id: &str, incident: &str| {
        format!(
            "{{\"v\":1,\"id\":\"{id}\",\"at\":\"2025-03-04T10:00:00+08:00\",\"by\":\"li.lei\",\"type\":\"incident.opened\",\"incident\":\"{incident}\",\"level\":3,\"title\":\"t\",\"onsite\":false,\"response\":{{\"due\":\"2025-03-04T12:00:00+08:00\",\"rule\":\"off_hours_budget\",\"budget\":\"2h\"}}}}\n"
        )
    };
    let files = [
        (
            "2025-03/li.lei.jsonl",
            march("A") + &march("B") + &opening("C", "K7QM2X"),
        ),
        (
            "2025-03/wang.jsonl",
            march("B") + &opening("D", "K7QM2X") + &march("E"),
        ),
        (
            "2025-04/li.lei.jsonl",
            march("A") + &opening("F", "ZZ0001") + &march("A"),
        ),
    ];
    let every_id = {
        let mut checker = Checker::default();
        for (name, text) in &files {
            checker.file(name, text.as_bytes()).unwrap();
        }
        checker.finish()
    };
    let repeats = |checked: &Checked| {
        let named = checked.problems.iter().filter(|found| {
            matches!(
                found.problem,
                Problem::DuplicateId { .. } | Problem::DuplicateIncident { .. }
            )
        });
        named.cloned().collect::<Vec<Found>>()
    };
    assert_eq!(repeats(&every_id).len(), 4, "{every_id:?}");
    let after_census = check(files.iter().map(|(n, t)| (*n, t.as_bytes())));
    assert_eq!(after_census, every_id);
    assert!(after_census.records > 0);
}

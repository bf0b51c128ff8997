//! The life of a customer request (docs/rules.md §4.11): forward, answer, close, decline; the
//! state and age in `request list`; the requests waiting too long in `status`; voids.

use serde_json::Value;

use crate::{NOW, SHENZHEN_5X8, Sandbox};

fn site() -> Sandbox {
    Sandbox::with_contract(SHENZHEN_5X8)
}

/// Adds a request at NOW and returns its short id.
fn asked(site: &Sandbox, text: &str) -> String {
    asked_at(site, NOW, text)
}

/// Adds a request at `now` and returns its short id.
fn asked_at(site: &Sandbox, now: &str, text: &str) -> String {
    let added = site.json_at(now, &["request", "add", text, "--json"]);
    added["id"].as_str().unwrap().to_string()
}

fn listed(site: &Sandbox, now: &str) -> Vec<Value> {
    let list = site.json_at(now, &["request", "list", "2025-03", "--json"]);
    list.as_array().unwrap().clone()
}

const MARCH_10: &str = "2025-03-10T10:00:00+08:00";

#[test]
fn a_request_is_forwarded_answered_and_closed() {
    let site = site();
    let id = asked(&site, "review our CVM alarm thresholds");
    assert_eq!(listed(&site, NOW)[0]["state"], "collected");
    let forwarded = site.json(&["request", "forward", &id, "--to", "CLB team", "--json"]);
    assert_eq!(
        (
            &forwarded["request"],
            &forwarded["state"],
            &forwarded["forwarded_to"]
        ),
        (
            &Value::from(id.as_str()),
            &Value::from("forwarded"),
            &Value::from("CLB team")
        )
    );
    let answer = [
        "request",
        "answer",
        &id[..4],
        "thresholds raised to 85%",
        "--json",
    ];
    let answered = site.json_at(MARCH_10, &answer);
    assert_eq!(answered["state"], "answered");
    assert_eq!(answered["answered_at"], "2025-03-10T10:00:00+08:00");
    let list = listed(&site, MARCH_10);
    assert_eq!(list[0]["answer"], "thresholds raised to 85%");
    // Tuesday 4 March to Monday 10 March: Wednesday to Friday and Monday.
    assert_eq!(
        (&list[0]["time_to_answer"], &list[0]["age"]),
        (&4.into(), &4.into())
    );
    let closed = site.json_at(MARCH_10, &["request", "close", &id, "--json"]);
    assert_eq!(closed["state"], "closed");
    let human = site.stdout_at(MARCH_10, &["request", "list"]);
    assert!(
        human.contains("closed: thresholds raised to 85% (in 4 working days)"),
        "{human}"
    );
}

#[test]
fn a_request_is_declined_with_a_reason_and_then_nothing_moves_it() {
    let site = site();
    let id = asked(&site, "write us a mobile app");
    let no_reason = site.fails(&["request", "decline", &id, "--reason", " "], 1);
    assert!(no_reason.contains("--reason is empty"), "{no_reason}");
    let out = site.stdout(&[
        "request",
        "decline",
        &id,
        "--reason",
        "software development",
    ]);
    assert!(out.contains("declined: software development"), "{out}");
    let list = listed(&site, NOW);
    assert_eq!(
        (&list[0]["state"], &list[0]["declined_reason"]),
        (
            &Value::from("declined"),
            &Value::from("software development")
        )
    );
    for args in [
        vec!["request", "answer", &id, "done"],
        vec!["request", "forward", &id, "--to", "dev team"],
        vec!["request", "close", &id],
    ] {
        let refused = site.fails(&args, 1);
        assert!(
            refused.contains(&format!("request {id} is declined and cannot be")),
            "{refused}"
        );
        assert!(refused.contains("it is settled"), "{refused}");
    }
}

#[test]
fn bad_moves_are_refused_with_what_is_allowed() {
    let site = site();
    let id = asked(&site, "review our CVM alarm thresholds");
    let early = site.fails(&["request", "close", &id], 1);
    assert!(
        early.contains("is collected and cannot be closed: a request waiting for its answer"),
        "{early}"
    );
    site.stdout(&["request", "answer", &id, "thresholds raised"]);
    let again = site.fails(&["request", "forward", &id, "--to", "CLB team"], 1);
    assert!(
        again.contains("an answered request can only be closed"),
        "{again}"
    );
    let unknown = site.fails(&["request", "close", "ZZZZZZ"], 1);
    assert!(unknown.contains("no request `ZZZZZZ`"), "{unknown}");
    let before = site.fails(&["request", "close", &id, "--at", "2025-03-04 09:00"], 1);
    assert!(
        before.contains("last moved at 2025-03-04 10:00:00"),
        "{before}"
    );
    let zh = site
        .otss()
        .env("OTSS_NOW", NOW)
        .env("OTSS_LANG", "zh")
        .args(["request", "forward", &id, "--to", "x"])
        .output()
        .unwrap();
    let said = crate::stderr(&zh);
    assert!(said.contains("已答复的需求只能关闭"), "{said}");
}

#[test]
fn voiding_an_answer_puts_the_request_back_where_it_was() {
    let site = site();
    let id = asked(&site, "review our CVM alarm thresholds");
    site.stdout(&["request", "forward", &id, "--to", "CLB team"]);
    let answered = site.json(&["request", "answer", &id, "raised", "--json"]);
    let answer = answered["id"].as_str().unwrap();
    site.stdout(&["void", answer, "--reason", "answered the wrong request"]);
    let list = listed(&site, NOW);
    assert_eq!(
        (&list[0]["state"], &list[0]["answer"]),
        (&"forwarded".into(), &Value::Null)
    );
    // Voiding the void answers it again.
    let undone = site.stdout(&["undo", "--yes"]);
    assert!(!undone.is_empty());
    assert_eq!(listed(&site, NOW)[0]["state"], "answered");
}

#[test]
fn a_request_recorded_before_requests_had_states_is_collected() {
    let site = site();
    // As written by an otss that knew no states: no move names it.
    site.write(
        "ledger/2025-03/li.lei.jsonl",
        concat!(
            r#"{"v":1,"id":"01JNCVPP480000000000000000","at":"2025-03-03T10:00:05+08:00","#,
            r#""by":"li.lei","type":"request.added","text":"check the CDN bill","in_scope":true,"#,
            r#""category":null}"#,
            "\n"
        ),
    );
    let list = listed(&site, NOW);
    assert_eq!(
        (&list[0]["state"], &list[0]["age"]),
        (&"collected".into(), &1.into())
    );
    let moved = site.json(&["request", "answer", "000000", "the bill is right", "--json"]);
    assert_eq!(moved["state"], "answered");
}

#[test]
fn status_lists_the_requests_waiting_longer_than_the_contract_allows() {
    let site = site();
    let waiting = asked(&site, "review our CVM alarm thresholds");
    let answered = asked(&site, "explain the CLB 502s");
    site.stdout(&["request", "answer", &answered, "a health check was failing"]);
    // Ten working days after 4 March is 18 March; 19 March is the eleventh.
    let on_time = site.json_at("2025-03-18T10:00:00+08:00", &["status", "--json"]);
    assert_eq!(on_time["requests_waiting"], serde_json::json!([]));
    let late = "2025-03-19T10:00:00+08:00";
    let status = site.json_at(late, &["status", "--json"]);
    let listed = status["requests_waiting"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (&listed[0]["id"], &listed[0]["age"]),
        (&waiting.as_str().into(), &11.into())
    );
    let human = site.stdout_at(late, &["status"]);
    assert!(
        human.contains("1 request waiting for an answer longer than 10 working days"),
        "{human}"
    );
    assert!(
        human.contains(&format!(
            "  {waiting} · 2025-03-04 10:00:00 · collected · 11 working days"
        )),
        "{human}"
    );
    // A contract that allows three working days.
    let strict = format!("{SHENZHEN_5X8}[requests]\nanswer_within = 3\n");
    site.write("otss.toml", &strict);
    let status = site.json_at(MARCH_10, &["status", "--json"]);
    assert_eq!(status["requests_waiting"][0]["id"], waiting.as_str());
    let zh = site
        .otss()
        .env("OTSS_NOW", MARCH_10)
        .env("OTSS_LANG", "zh")
        .arg("status")
        .output()
        .unwrap();
    let said = String::from_utf8(zh.stdout).unwrap();
    assert!(
        said.contains("等待答复超过 3 个工作日的需求 1 条"),
        "{said}"
    );
}

/// The full id of the request whose text is `text`, as the ledger's March file holds it.
fn record_id(site: &Sandbox, text: &str) -> String {
    let file = std::fs::read_to_string(site.path().join("ledger/2025-03/li.lei.jsonl")).unwrap();
    let line = file.lines().find(|l| l.contains(text)).unwrap();
    let record: Value = serde_json::from_str(line).unwrap();
    record["id"].as_str().unwrap().to_string()
}

#[test]
fn status_lists_a_request_whose_only_answer_counts_nowhere_and_never_one_answered() {
    let site = site();
    let voided = asked(&site, "review our CVM alarm thresholds");
    let next_day = "2025-03-05T11:00:00+08:00";
    let answered = site.json_at(
        next_day,
        &["request", "answer", &voided, "raised", "--json"],
    );
    let answer = answered["id"].as_str().unwrap();
    let void = ["void", answer, "--reason", "answered the wrong request"];
    site.stdout_at(next_day, &void);
    // An answer said to be at 10:00 on 5 March, in a record entered at 08:00 that day.
    let doubted = asked(&site, "explain the CLB 502s");
    let entered = chrono::DateTime::parse_from_rfc3339("2025-03-05T08:00:00+08:00").unwrap();
    let id = ulid::Ulid::from_parts(entered.timestamp_millis() as u64, 7).to_string();
    let forged = serde_json::json!({
        "v": 1, "id": id, "at": "2025-03-05T10:00:00+08:00", "by": "li.lei",
        "type": "request.answered", "request": record_id(&site, "explain the CLB 502s"),
        "answer": "a health check was failing",
    });
    let own = site.path().join("ledger/2025-03/li.lei.jsonl");
    let text = std::fs::read_to_string(&own).unwrap() + &forged.to_string() + "\n";
    site.write("ledger/2025-03/li.lei.jsonl", &text);
    let settled = asked(&site, "check the CDN bill");
    site.stdout_at(
        next_day,
        &["request", "answer", &settled, "the bill is right"],
    );

    let status = site.json_at("2025-03-19T10:00:00+08:00", &["status", "--json"]);
    let mut waiting: Vec<&str> = status["requests_waiting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    waiting.sort_unstable();
    let mut expected = [voided.as_str(), doubted.as_str()];
    expected.sort_unstable();
    assert_eq!(waiting, expected);
}

/// The short ids of a list of requests in a report's JSON.
fn ids_in(list: &Value) -> Vec<&str> {
    let listed = list.as_array().unwrap().iter();
    listed.map(|r| r["id"].as_str().unwrap()).collect()
}

#[test]
fn a_month_report_lists_the_requests_it_saw_answered_and_those_waiting_from_before() {
    let site = site();
    let february = "2025-02-20T10:00:00+08:00";
    let answered_before = asked_at(&site, february, "check the CDN bill");
    site.stdout_at(
        february,
        &["request", "answer", &answered_before, "the bill is right"],
    );
    let waiting_before = asked_at(&site, february, "plan the failover drill");
    let answered = asked(&site, "review our CVM alarm thresholds");
    site.stdout_at(MARCH_10, &["request", "answer", &answered, "raised to 85%"]);
    let waiting = asked(&site, "explain the CLB 502s");
    // Asked before March and answered after it: the March report still saw it waiting.
    let april = "2025-04-01T10:00:00+08:00";
    site.stdout_at(
        april,
        &[
            "request",
            "answer",
            &waiting_before,
            "drill planned for May",
        ],
    );

    let report = site.json_at(
        "2025-04-02T10:00:00+08:00",
        &["report", "2025-03", "--json"],
    );
    let requests = &report["requests"];
    let mut asked_in_march = ids_in(&requests["progress"]);
    asked_in_march.sort_unstable();
    let mut expected = [answered.as_str(), waiting.as_str()];
    expected.sort_unstable();
    assert_eq!(asked_in_march, expected);
    let progress = requests["progress"].as_array().unwrap();
    let seen = progress
        .iter()
        .find(|r| r["id"] == answered.as_str())
        .unwrap();
    assert_eq!(
        (&seen["state"], &seen["said"], &seen["time_to_answer"]),
        (&"answered".into(), &"raised to 85%".into(), &4.into())
    );
    let mut still_waiting = ids_in(&requests["waiting_list"]);
    still_waiting.sort_unstable();
    let mut expected = [waiting_before.as_str(), waiting.as_str()];
    expected.sort_unstable();
    assert_eq!(still_waiting, expected);
}

#[test]
fn the_contract_check_refuses_an_answer_time_of_no_days() {
    let site = Sandbox::with_contract(&format!("{SHENZHEN_5X8}[requests]\nanswer_within = 0\n"));
    let said = site.fails(&["contract", "check"], 1);
    assert!(
        said.contains("`requests.answer_within` = 0: must be from 1 to 250"),
        "{said}"
    );
}

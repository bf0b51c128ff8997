//! Duplicates caught at the door (docs/rules.md §10.3): without a terminal a likely duplicate
//! is refused unless `--force`; at a terminal otss asks; a voided record repeats nothing.

use super::{SHENZHEN_5X8, Sandbox};

fn site() -> Sandbox {
    Sandbox::with_contract(SHENZHEN_5X8)
}

/// How many records the ledger holds, of every engineer and month.
fn records(site: &Sandbox) -> usize {
    site.ledger_files()
        .iter()
        .map(|(_, text)| text.lines().count())
        .sum()
}

/// `again` after `first` is refused without a terminal, naming what it repeats (each of
/// `named`), and writes nothing; at a terminal "n" writes nothing and "y" writes it; so does
/// `--force`.
fn caught(site: &Sandbox, again: &[&str], named: &[&str]) {
    let before = records(site);
    let err = site.fails(again, 1);
    for name in named {
        assert!(err.contains(name), "{name}: {err}");
    }
    assert!(err.contains("nothing was recorded"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(records(site), before, "refused: nothing written");

    let (ok, said) = site.at_terminal(&[("Record it anyway?", "n")], again);
    assert!(ok, "{said}");
    for name in named {
        assert!(said.contains(name), "{name}: {said}");
    }
    assert!(said.contains("nothing was recorded"), "{said}");
    assert_eq!(records(site), before, "declined: nothing written");

    let (ok, said) = site.at_terminal(&[("Record it anyway?", "y")], again);
    assert!(ok, "{said}");
    assert_eq!(records(site), before + 1, "confirmed: written");

    site.stdout(&[again, &["--force"]].concat());
    assert_eq!(records(site), before + 2, "forced: written");
}

/// `again` is no duplicate once the record it would repeat, the last one written, is undone.
fn voided_repeats_nothing(site: &Sandbox, again: &[&str]) {
    site.stdout(&["undo", "--yes"]);
    let before = records(site);
    site.stdout(again);
    assert_eq!(records(site), before + 1);
}

#[test]
fn the_same_consultation_within_ten_minutes_is_caught_in_any_case_and_spacing() {
    let site = site();
    site.stdout(&["support", "log", "how to resize a CVM"]);
    let again = ["support", "log", "  HOW to  resize a cvm "];
    caught(
        &site,
        &again,
        &["consultation", "how to resize a CVM", "li.lei"],
    );

    let zh = site.fails(
        &["--lang", "zh", "support", "log", "how to resize a CVM"],
        1,
    );
    assert!(
        zh.contains("什么也没有记录") && zh.contains("--force"),
        "{zh}"
    );
    // Either side of its time, within 10 minutes; beyond them it is another consultation.
    let before = [
        "support",
        "log",
        "how to resize a CVM",
        "--at",
        "2025-03-04 09:50",
    ];
    site.fails(&before, 1);
    site.stdout_at("2025-03-04T10:10:01+08:00", &again);
    // A request with the same words is not a consultation.
    site.stdout(&["request", "add", "how to resize a CVM"]);
}

#[test]
fn a_consultation_voided_is_no_duplicate() {
    let site = site();
    site.stdout(&["support", "log", "how to resize a CVM"]);
    voided_repeats_nothing(&site, &["support", "log", "how to resize a CVM"]);
}

#[test]
fn the_same_note_within_ten_minutes_is_caught_and_a_voided_one_is_none() {
    let site = site();
    site.stdout(&["note", "risk", "no replica in another zone"]);
    let again = ["note", "risk", "No replica in another zone"];
    caught(&site, &again, &["risk note", "no replica in another zone"]);
    site.stdout(&["note", "suggestion", "no replica in another zone"]);

    let site = self::site();
    site.stdout(&["note", "risk", "no replica in another zone"]);
    voided_repeats_nothing(&site, &again);
}

#[test]
fn the_same_request_within_ten_minutes_is_caught_and_a_voided_one_is_none() {
    let site = site();
    site.stdout(&["request", "add", "review our CVM alarm thresholds"]);
    let again = [
        "request",
        "add",
        "review our CVM alarm thresholds",
        "--json",
    ];
    caught(
        &site,
        &again,
        &["request", "review our CVM alarm thresholds"],
    );

    let site = self::site();
    site.stdout(&["request", "add", "review our CVM alarm thresholds"]);
    voided_repeats_nothing(&site, &again);
}

#[test]
fn an_incident_titled_like_one_still_open_is_caught_with_its_id_and_title() {
    let site = site();
    let open = [
        "incident",
        "open",
        "--level",
        "2",
        "--title",
        "CLB returns 502",
        "--json",
    ];
    let first = site.json(&open);
    let id = first["id"].as_str().unwrap();
    let again = [
        "incident",
        "open",
        "--level",
        "2",
        "--title",
        "clb returns 502 on port 443",
    ];
    caught(&site, &again, &[id, "CLB returns 502", "still open"]);
    // Another fault, and the same title once the first one is resolved, are new incidents.
    let other = [
        "incident",
        "open",
        "--level",
        "2",
        "--title",
        "CLB returns 504",
    ];
    site.stdout(&other);

    let site = self::site();
    let id = site.json(&open)["id"].as_str().unwrap().to_string();
    let resolve = [
        "incident",
        "resolve",
        &id,
        "--summary",
        "listener restarted",
    ];
    site.stdout(&resolve);
    site.stdout(&open);

    let site = self::site();
    site.stdout(&open);
    voided_repeats_nothing(&site, &again);
}

#[test]
fn the_same_note_on_an_incident_is_caught_at_any_time_and_a_voided_one_is_none() {
    let site = site();
    let open = [
        "incident", "open", "--level", "2", "--title", "db down", "--json",
    ];
    let opened = site.json(&open);
    let id = opened["id"].as_str().unwrap();
    let note = ["incident", "note", id, "vendor ticket 4521 opened"];
    site.stdout(&note);
    let again = ["incident", "note", id, "Vendor ticket 4521 opened"];
    site.fails_at("2025-03-04T15:00:00+08:00", &again, 1);
    caught(&site, &again, &[id, "vendor ticket 4521 opened", "note"]);

    let site = self::site();
    let opened = site.json(&open);
    let id = opened["id"].as_str().unwrap();
    site.stdout(&["incident", "note", id, "vendor ticket 4521 opened"]);
    voided_repeats_nothing(
        &site,
        &["incident", "note", id, "vendor ticket 4521 opened"],
    );
}

#[test]
fn a_report_issued_twice_is_caught_with_when_it_was_first_issued() {
    let site = site();
    site.stdout(&["report", "issue", "2025-02", "--at", "2025-03-02 09:00"]);
    let again = ["report", "issue", "2025-02"];
    caught(
        &site,
        &again,
        &["2025-02", "issued already", "2025-03-02 09:00"],
    );

    let site = self::site();
    site.stdout(&["report", "issue", "2025-02"]);
    voided_repeats_nothing(&site, &again);
}

#[test]
fn a_writer_not_on_the_roster_is_refused_before_a_duplicate_is_looked_for() {
    let roster = format!("{SHENZHEN_5X8}engineers = [\"li.lei\"]\n");
    let site = Sandbox::with_contract(&roster);
    site.stdout(&["support", "log", "how to resize a CVM"]);
    let output = site
        .otss()
        .env("OTSS_ENGINEER", "zhao.min")
        .args(["support", "log", "how to resize a CVM"])
        .output()
        .unwrap();
    let err = super::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("not one of the contract's engineers"), "{err}");
    assert!(!err.contains("the same consultation"), "{err}");
    assert_eq!(records(&site), 1);
}

use chrono_tz::Asia::Shanghai;

use super::*;
use crate::record::feedback::{Answered, Closed, Declined, Forwarded};
use crate::request::Scope;

fn asked(id: &str, at: &str) -> Record {
    let request = Request::classified("review the CLB alarm thresholds", Scope::ByRules);
    Record::stated(id, at, "li.lei", Event::RequestAdded(request))
}

/// A move of `request` recorded at `at`.
fn moved(id: &str, at: &str, event: Event) -> Record {
    Record::stated(id, at, "li.lei", event)
}

fn forwarded(id: &str, at: &str, request: &str, to: &str) -> Record {
    let (request, to) = (request.into(), to.into());
    moved(id, at, Event::RequestForwarded(Forwarded { request, to }))
}

fn answered(id: &str, at: &str, request: &str) -> Record {
    let (request, answer) = (request.into(), "thresholds raised to 85%".into());
    moved(id, at, Event::RequestAnswered(Answered { request, answer }))
}

fn closed(id: &str, at: &str, request: &str) -> Record {
    let request = request.into();
    moved(id, at, Event::RequestClosed(Closed { request }))
}

fn declined(id: &str, at: &str, request: &str) -> Record {
    let (request, reason) = (request.into(), "out of scope".into());
    moved(id, at, Event::RequestDeclined(Declined { request, reason }))
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[test]
fn a_request_moves_from_collected_to_closed() {
    let records = [
        asked("01A", "2025-03-03T10:00:00+08:00"),
        forwarded(
            "01B",
            "2025-03-04T10:00:00+08:00",
            "01A",
            "CLB product team",
        ),
        answered("01C", "2025-03-06T10:00:00+08:00", "01A"),
        closed("01D", "2025-03-07T10:00:00+08:00", "01A"),
    ];
    let life = &lives(records.to_vec(), None)[0];
    assert_eq!(life.state, State::Closed);
    assert_eq!(life.forwarded_to.as_deref(), Some("CLB product team"));
    assert_eq!(life.answer.as_ref().unwrap().0, "thresholds raised to 85%");
    let until = "2025-03-05T00:00:00+08:00".parse().unwrap();
    let then = &lives(records.to_vec(), Some(until))[0];
    assert_eq!(
        (then.state, then.answer.is_none()),
        (State::Forwarded, true)
    );
}

#[test]
fn a_move_the_state_does_not_allow_is_no_move() {
    let records = [
        asked("01A", "2025-03-03T10:00:00+08:00"),
        closed("01B", "2025-03-04T10:00:00+08:00", "01A"),
        declined("01C", "2025-03-05T10:00:00+08:00", "01A"),
        answered("01D", "2025-03-06T10:00:00+08:00", "01A"),
        // A move of a request nobody asked is nobody's.
        answered("01E", "2025-03-06T10:00:00+08:00", "01Z"),
    ];
    let all = lives(records.to_vec(), None);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].state, State::Declined);
    assert!(all[0].answer.is_none());
    assert_eq!(
        all[0].settled_at(),
        Some("2025-03-05T02:00:00Z".parse().unwrap())
    );
}

#[test]
fn each_move_moves_the_request_it_names_and_a_repeated_id_is_the_first_asked() {
    let records = [
        asked("01A", "2025-03-03T10:00:00+08:00"),
        asked("01B", "2025-03-03T11:00:00+08:00"),
        answered("01C", "2025-03-04T10:00:00+08:00", "01B"),
        declined("01D", "2025-03-04T11:00:00+08:00", "01A"),
        closed("01E", "2025-03-05T10:00:00+08:00", "01B"),
        // A second request under an id already asked: the moves stay with the first.
        asked("01A", "2025-03-06T10:00:00+08:00"),
        answered("01F", "2025-03-07T10:00:00+08:00", "01A"),
    ];
    let all = lives(records.to_vec(), None);
    let states: Vec<(&str, State)> = all
        .iter()
        .map(|l| (l.record.id.as_str(), l.state))
        .collect();
    assert_eq!(
        states,
        [
            ("01A", State::Declined),
            ("01B", State::Closed),
            ("01A", State::Collected)
        ]
    );
}

#[test]
fn only_a_waiting_request_is_forwarded_answered_or_declined_and_only_an_answered_one_closed() {
    for state in State::ALL {
        for wanted in [Move::Forward, Move::Answer, Move::Decline] {
            assert_eq!(wanted.from(state).is_some(), state.waiting(), "{state:?}");
        }
        let closes = Move::Close.from(state);
        assert_eq!(closes.is_some(), state == State::Answered, "{state:?}");
    }
}

#[test]
fn a_move_is_checked_against_the_state_and_the_last_move() {
    let records = [
        asked("01A", "2025-03-03T10:00:00+08:00"),
        answered("01B", "2025-03-05T10:00:00+08:00", "01A"),
    ];
    let life = &lives(records.to_vec(), None)[0];
    let later = "2025-03-06T02:00:00Z".parse().unwrap();
    assert_eq!(
        life.check(Move::Forward, later),
        Err(FeedbackError::NotAllowed {
            request: "01A".into(),
            state: State::Answered,
            wanted: Move::Forward
        })
    );
    assert!(life.check(Move::Close, later).is_ok());
    let earlier = "2025-03-04T02:00:00Z".parse().unwrap();
    assert!(matches!(
        life.check(Move::Close, earlier),
        Err(FeedbackError::BeforeLast { .. })
    ));
}

#[test]
fn time_to_answer_and_age_count_working_days() {
    let calendar = Calendar::national();
    // Friday 26 September 2025, answered Thursday 9 October: the National Day holiday
    // between counts nothing, the make-up Saturday 11 October is not reached.
    let records = [
        asked("01A", "2025-09-26T10:00:00+08:00"),
        answered("01B", "2025-10-09T10:00:00+08:00", "01A"),
    ];
    let life = &lives(records.to_vec(), None)[0];
    // 28 Sep (make-up workday), 29, 30 Sep, 9 Oct.
    assert_eq!(life.time_to_answer(&calendar, Shanghai), Some(4));
    let asked_on = local_date(life.record.instant(), Shanghai);
    let ages = working_days_after_each(&calendar, [asked_on].into_iter(), date("2025-09-27"));
    assert_eq!(ages[&asked_on], 0);
    assert_eq!(
        working_days_after(&calendar, asked_on, date("2025-09-26")),
        0
    );
    assert_eq!(
        working_days_after(&calendar, date("2025-03-07"), date("2025-03-10")),
        1
    );
}

#[test]
fn overdue_requests_waited_longer_than_allowed_longest_first() {
    let calendar = Calendar::national();
    let records = [
        asked("01A", "2025-03-03T10:00:00+08:00"),
        asked("01B", "2025-03-10T10:00:00+08:00"),
        asked("01C", "2025-03-03T11:00:00+08:00"),
        answered("01D", "2025-03-05T10:00:00+08:00", "01C"),
    ];
    let today = date("2025-03-17");
    let waiting = overdue(lives(records.to_vec(), None), &calendar, Shanghai, today, 4);
    let found: Vec<(&str, u32)> = waiting
        .iter()
        .map(|(l, age)| (l.record.id.as_str(), *age))
        .collect();
    // 01A: 4..7 and 10..14 and 17 = 10 working days; 01B: 11..14 and 17 = 5.
    assert_eq!(found, [("01A", 10), ("01B", 5)]);
    let none = overdue(
        lives(records.to_vec(), None),
        &calendar,
        Shanghai,
        today,
        10,
    );
    assert!(none.is_empty());
}

#[test]
fn the_working_days_after_many_dates_are_counted_as_after_each_alone() {
    let calendar = Calendar::national();
    let today = NaiveDate::from_ymd_opt(2025, 10, 9).unwrap();
    let dates: Vec<NaiveDate> = (0..400)
        .step_by(7)
        .map(|n| today - chrono::TimeDelta::days(n))
        .chain([today + chrono::TimeDelta::days(3), today])
        .collect();
    let counts = working_days_after_each(&calendar, dates.iter().copied(), today);
    for date in dates {
        assert_eq!(
            counts[&date],
            working_days_after(&calendar, date, today),
            "{date}"
        );
    }
}

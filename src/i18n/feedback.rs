//! The life of customer requests (docs/rules.md §4.11): states, moves, ages and the requests
//! waiting for an answer.

use chrono::{DateTime, FixedOffset};

use super::{Lang, Messages};
use crate::feedback::{FeedbackError, Life, Move, State};
use crate::ids::short_id;
use crate::text::one_line;

/// The words of the request columns and lists of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackLabel {
    State,
    TimeToAnswer,
    Waiting,
    WaitingNone,
    Age,
    Asked,
    Progress,
}

impl Messages {
    pub fn feedback_label(&self, label: FeedbackLabel) -> &'static str {
        use FeedbackLabel as L;
        self.pick(match label {
            L::State => ("状态", "State"),
            L::TimeToAnswer => ("答复用时", "Time to answer"),
            L::Waiting => ("仍在等待答复的需求", "Requests still waiting for an answer"),
            L::WaitingNone => ("没有等待答复的需求", "No request is waiting for an answer"),
            L::Age => ("已等待", "Waiting for"),
            L::Asked => ("提出时间", "Asked"),
            L::Progress => ("本期需求的进展", "What became of the period's requests"),
        })
    }

    /// The caption of the requests still waiting, with how many.
    pub fn waiting_caption(&self, count: usize) -> String {
        let label = self.feedback_label(FeedbackLabel::Waiting);
        match self.lang {
            Lang::Zh => format!("{label}（{count} 条）"),
            Lang::En => format!("{label} ({count})"),
        }
    }

    /// A request's state in a word.
    pub fn request_state(&self, state: State) -> &'static str {
        self.pick(match state {
            State::Collected => ("已收集", "collected"),
            State::Forwarded => ("已转交", "forwarded"),
            State::Answered => ("已答复", "answered"),
            State::Closed => ("已关闭", "closed"),
            State::Declined => ("已拒绝", "declined"),
        })
    }

    /// A request's state with what it says: to whom it went, the answer, why it was declined.
    pub fn request_state_said(&self, life: &Life) -> String {
        self.request_state_with(life.state, life.said())
    }

    /// A state with what it says.
    pub fn request_state_with(&self, state: State, said: Option<&str>) -> String {
        let word = self.request_state(state);
        match said {
            Some(said) if state == State::Forwarded => match self.lang {
                Lang::Zh => format!("{word}给 {}", one_line(said)),
                Lang::En => format!("{word} to {}", one_line(said)),
            },
            Some(said) => self.labelled(word, &one_line(said)),
            None => word.to_string(),
        }
    }

    /// A number of working days.
    pub fn working_days_count(&self, days: u32) -> String {
        match (self.lang, days) {
            (Lang::Zh, _) => format!("{days} 个工作日"),
            (Lang::En, 1) => "1 working day".to_string(),
            (Lang::En, _) => format!("{days} working days"),
        }
    }

    /// A request's line in `request list` after its verdict: its state and how long it has
    /// waited, or how long its answer took.
    pub fn request_progress(&self, life: &Life, age: u32, answered_in: Option<u32>) -> String {
        let state = self.request_state_said(life);
        match (life.state.waiting(), answered_in) {
            (true, _) => match self.lang {
                Lang::Zh => format!("{state}，已等待 {}", self.working_days_count(age)),
                Lang::En => format!("{state}, waiting {}", self.working_days_count(age)),
            },
            (false, Some(days)) => match self.lang {
                Lang::Zh => format!("{state}（用时 {}）", self.working_days_count(days)),
                Lang::En => format!("{state} (in {})", self.working_days_count(days)),
            },
            (false, None) => state,
        }
    }

    /// The heading of the requests `status` lists as waiting too long.
    pub fn requests_overdue(&self, count: usize, within: u32) -> String {
        let within = self.working_days_count(within);
        match self.lang {
            Lang::Zh => format!("等待答复超过 {within}的需求 {count} 条"),
            Lang::En => format!(
                "{count} request{} waiting for an answer longer than {within}",
                if count == 1 { "" } else { "s" }
            ),
        }
    }

    /// A request waiting, in `status`: its id, when it was `asked`, its state and its text.
    pub fn request_waiting_line(&self, life: &Life, age: u32, asked: &str) -> String {
        let text = one_line(&life.request.text);
        format!(
            "{} · {asked} · {} · {} · {text}",
            short_id(&life.record.id),
            self.request_state_said(life),
            self.working_days_count(age),
        )
    }

    /// Said once a request was moved.
    pub fn request_moved(&self, record: &str, life: &Life) -> String {
        let text = one_line(&life.request.text);
        format!(
            "{record} · {} {} · {}",
            short_id(&life.record.id),
            self.request_state_said(life),
            text
        )
    }

    pub(super) fn feedback_error(&self, error: &FeedbackError) -> String {
        match error {
            FeedbackError::NotAllowed {
                request,
                state,
                wanted,
            } => {
                let allowed = self.pick(match state {
                    State::Answered => (
                        "已答复的需求只能关闭",
                        "an answered request can only be closed",
                    ),
                    State::Collected | State::Forwarded => (
                        "等待答复的需求可转交、答复或拒绝",
                        "a request waiting for its answer can be forwarded, answered or declined",
                    ),
                    State::Closed | State::Declined => ("它已办结", "it is settled"),
                });
                let (request, state) = (one_line(request), self.request_state(*state));
                let wanted = self.pick(match wanted {
                    Move::Forward => ("转交", "forwarded"),
                    Move::Answer => ("答复", "answered"),
                    Move::Close => ("关闭", "closed"),
                    Move::Decline => ("拒绝", "declined"),
                });
                match self.lang {
                    Lang::Zh => format!("需求 {request} {state}，不能再{wanted}：{allowed}"),
                    Lang::En => {
                        format!("request {request} is {state} and cannot be {wanted}: {allowed}")
                    }
                }
            }
            FeedbackError::BeforeLast { request, last } => {
                self.before_last_move(&one_line(request), *last)
            }
        }
    }

    fn before_last_move(&self, request: &str, last: DateTime<FixedOffset>) -> String {
        let last = last.format("%Y-%m-%d %H:%M:%S");
        match self.lang {
            Lang::Zh => format!("需求 {request} 的上一步在 {last}；--at 不能早于它"),
            Lang::En => format!("request {request} last moved at {last}; --at cannot be earlier"),
        }
    }
}

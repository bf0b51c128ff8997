//! The records of a customer request's life after it was collected (docs/rules.md §4.11): each
//! names the `request.added` record it moves on by its id.

use serde::{Deserialize, Serialize};

/// A request passed on to the one who can answer it (`request.forwarded`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forwarded {
    /// The id of the request's `request.added` record.
    pub request: String,
    /// To whom: a team, a product line, a person.
    pub to: String,
}

/// The answer given to the customer, in a sentence (`request.answered`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answered {
    pub request: String,
    pub answer: String,
}

/// A request closed once its answer was accepted (`request.closed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closed {
    pub request: String,
}

/// A request that will not be answered, and why (`request.declined`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declined {
    pub request: String,
    pub reason: String,
}

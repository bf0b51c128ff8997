//! Contracts for tests: a minimal one, more keys added to it, and the problems of one that
//! has some.

use super::{Contract, ContractError, Problem};

pub const MINIMAL: &str = r#"
customer = "Example Securities Co."
mode = "5x8"
start = 2025-01-02
end = 2025-12-31
"#;

pub fn parse(text: &str) -> Result<Contract, ContractError> {
    Contract::parse(text, "otss.toml")
}

/// The problems of a contract that has some.
pub fn problems(text: &str) -> Vec<Problem> {
    match parse(text) {
        Err(ContractError::Problems { problems, .. }) => problems,
        other => panic!("problems expected: {other:?}"),
    }
}

/// The single problem of a contract.
pub fn problem(text: &str) -> Problem {
    let mut problems = problems(text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    problems.remove(0)
}

/// The minimal contract with `extra` after it.
pub fn with(extra: &str) -> String {
    format!("{MINIMAL}{extra}")
}

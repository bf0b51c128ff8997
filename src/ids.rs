//! Short ids a person can type, and finding things by any unique prefix of them, like git.

/// The short id of something a record starts (an incident, a finding): the last six characters
/// of the record's ULID. They are random, so two engineers on different laptops in the same
/// minute still get different ids.
pub fn short_id(record_id: &str) -> String {
    let chars: Vec<char> = record_id.chars().collect();
    let start = chars.len().saturating_sub(6);
    chars[start..].iter().collect::<String>().to_uppercase()
}

/// Whether `id` could be an id otss makes, and so be typed and found: uppercase ASCII
/// letters and digits, no more than a whole ULID. A record about an incident under any other
/// id (lower case, other scripts, blank) could never be named on the command line.
pub fn is_typable_id(id: &str) -> bool {
    (1..=26).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Incident,
    Risk,
    /// A customer request (its `request.added` record).
    Request,
    /// Any record of the ledger.
    Record,
}

/// Why what was typed names nothing, or more than one thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    Unknown {
        what: Named,
        typed: String,
    },
    Ambiguous {
        typed: String,
        candidates: Vec<String>,
    },
}

/// The one item whose id is `typed`, or starts with it, in any case.
pub fn find<'a, T>(
    items: &'a [T],
    id: impl Fn(&T) -> &str,
    typed: &str,
    what: Named,
) -> Result<&'a T, IdError> {
    let wanted = typed.trim().to_uppercase();
    if let Some(exact) = items.iter().find(|item| id(item) == wanted) {
        return Ok(exact);
    }
    let matches: Vec<&T> = items
        .iter()
        .filter(|item| !wanted.is_empty() && id(item).starts_with(&wanted))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(IdError::Unknown {
            what,
            typed: typed.to_string(),
        }),
        many => Err(IdError::Ambiguous {
            typed: typed.to_string(),
            candidates: many.iter().map(|item| id(item).to_string()).collect(),
        }),
    }
}

/// When the record with this id was entered: the time part of its ULID, to the millisecond
/// (docs/rules.md §10.5); `None` for an id that is not a ULID.
pub fn entered_at(record_id: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let ulid = ulid::Ulid::from_string(record_id).ok()?;
    let millis = i64::try_from(ulid.timestamp_ms()).ok()?;
    chrono::DateTime::from_timestamp_millis(millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_unique_prefix_in_any_case() {
        let ids = ["K7QM2X", "K7AB12", "ZZ0001"];
        let find = |typed| find(&ids, |s| s, typed, Named::Risk);
        assert_eq!(find("z"), Ok(&"ZZ0001"));
        assert_eq!(find("k7q"), Ok(&"K7QM2X"));
        assert_eq!(
            find("K7"),
            Err(IdError::Ambiguous {
                typed: "K7".into(),
                candidates: vec!["K7QM2X".into(), "K7AB12".into()]
            })
        );
        assert!(matches!(find(""), Err(IdError::Unknown { .. })));
        assert_eq!(short_id("01JQ0000000000000000k7qm2x"), "K7QM2X");
        assert_eq!(short_id("请求xy"), "请求XY");
    }
}

//! "Did you mean …?" for names typed by a person.

/// The candidate closest to `typed`, if one is close enough to be a likely typo.
pub fn closest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed_lower = typed.to_lowercase();
    let allowed_edits = (typed.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| {
            let distance = strsim::damerau_levenshtein(&typed_lower, &candidate.to_lowercase());
            (distance, candidate)
        })
        .filter(|(distance, _)| *distance <= allowed_edits)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_near_misses_only() {
        let keys = ["customer", "mode", "staff", "start", "end"];
        assert_eq!(closest("staf", keys), Some("staff"));
        assert_eq!(closest("costumer", keys), Some("customer"));
        assert_eq!(closest("Mode", keys), Some("mode"));
        assert_eq!(closest("colour", keys), None);
    }
}

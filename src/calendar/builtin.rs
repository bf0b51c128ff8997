//! The national calendar built into the binary: `data/cn-calendar.txt`, read once.
//!
//! The file's format is described at its top. It is parsed at first use rather than by a build
//! script so that the same reader is unit-tested; a malformed file fails those tests.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};

use super::Festival;

const SOURCE: &str = include_str!("../../data/cn-calendar.txt");

/// A block of consecutive days off, with its statutory days and the make-up workdays paying
/// for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The year of the notice that announced the block.
    pub notice: i32,
    pub days_off: RangeInclusive<NaiveDate>,
    pub festivals: Vec<Festival>,
    pub statutory: Vec<(NaiveDate, Festival)>,
    pub makeup_workdays: Vec<NaiveDate>,
}

/// Festival dates of one year that follow from the lunar calendar and the solar terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarDates {
    /// Lunar New Year's Day (正月初一).
    pub spring_festival: NaiveDate,
    pub qingming: NaiveDate,
    pub dragon_boat: NaiveDate,
    pub mid_autumn: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltIn {
    pub published_years: RangeInclusive<i32>,
    pub blocks: Vec<Block>,
    pub lunar: BTreeMap<i32, LunarDates>,
}

impl BuiltIn {
    /// The statutory days the built-in data gives for `year`, if it covers that year.
    pub fn statutory_days(&self, year: i32) -> Option<Vec<(NaiveDate, Festival)>> {
        self.published_years.contains(&year).then(|| {
            self.blocks
                .iter()
                .flat_map(|block| block.statutory.iter().copied())
                .filter(|(date, _)| date.year() == year)
                .collect()
        })
    }
}

/// A line of the data file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct DataError {
    pub line: usize,
    pub problem: String,
}

static BUILT_IN: LazyLock<BuiltIn> = LazyLock::new(|| {
    parse(SOURCE).unwrap_or_else(|e| panic!("data/cn-calendar.txt is malformed: {e}"))
});

/// The built-in calendar. The data file is part of the source tree and checked by the tests.
pub fn built_in() -> &'static BuiltIn {
    &BUILT_IN
}

/// Reads the built-in format. Errors name the line.
pub fn parse(text: &str) -> Result<BuiltIn, DataError> {
    let mut published_years = None;
    let mut blocks = Vec::new();
    let mut lunar = BTreeMap::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let at_line = |problem: String| DataError {
            line: index + 1,
            problem,
        };
        let mut words = line.split_whitespace();
        let head = words.next().unwrap_or_default();
        match head {
            "published" => {
                published_years = Some(parse_years(&words.collect::<Vec<_>>()).map_err(at_line)?)
            }
            "lunar" => {
                let (year, dates) = parse_lunar(words).map_err(at_line)?;
                lunar.insert(year, dates);
            }
            _ => blocks.push(parse_block(head, words).map_err(at_line)?),
        }
    }
    let published_years = published_years.ok_or_else(|| DataError {
        line: 1,
        problem: "no `published` line".to_string(),
    })?;
    Ok(BuiltIn {
        published_years,
        blocks,
        lunar,
    })
}

fn parse_years(words: &[&str]) -> Result<RangeInclusive<i32>, String> {
    let [range] = words else {
        return Err("expected `published FIRST..LAST`".into());
    };
    let (first, last) = range.split_once("..").ok_or("expected FIRST..LAST")?;
    let year = |s: &str| s.parse::<i32>().map_err(|_| format!("`{s}` is not a year"));
    Ok(year(first)?..=year(last)?)
}

fn parse_lunar<'a>(mut words: impl Iterator<Item = &'a str>) -> Result<(i32, LunarDates), String> {
    let year_text = words.next().ok_or("expected a year")?;
    let year: i32 = year_text
        .parse()
        .map_err(|_| format!("`{year_text}` is not a year"))?;
    let mut found = BTreeMap::new();
    for word in words {
        let (key, value) = word
            .split_once('=')
            .ok_or_else(|| format!("expected festival=MM-DD, found `{word}`"))?;
        found.insert(key, month_day(year, value)?);
    }
    let get = |key: &str| {
        found
            .get(key)
            .copied()
            .ok_or_else(|| format!("lunar {year}: `{key}` is missing"))
    };
    Ok((
        year,
        LunarDates {
            spring_festival: get("spring_festival")?,
            qingming: get("qingming")?,
            dragon_boat: get("dragon_boat")?,
            mid_autumn: get("mid_autumn")?,
        },
    ))
}

fn parse_block<'a>(range: &str, words: impl Iterator<Item = &'a str>) -> Result<Block, String> {
    let (first_text, last_text) = range
        .split_once("..")
        .ok_or_else(|| format!("expected FIRST..LAST, found `{range}`"))?;
    let first = NaiveDate::parse_from_str(first_text, "%Y-%m-%d")
        .map_err(|_| format!("`{first_text}` is not a date"))?;
    let year = first.year();
    let last = month_day(year, last_text)?;
    if last < first {
        return Err(format!("`{range}` ends before it starts"));
    }
    let mut block = Block {
        notice: year,
        days_off: first..=last,
        festivals: Vec::new(),
        statutory: Vec::new(),
        makeup_workdays: Vec::new(),
    };
    for word in words {
        let (key, value) = word
            .split_once('=')
            .ok_or_else(|| format!("expected key=dates, found `{word}`"))?;
        if key == "notice" {
            block.notice = value
                .parse()
                .map_err(|_| format!("`{value}` is not a year"))?;
            continue;
        }
        let dates = date_list(year, value)?;
        if key == "work" {
            block.makeup_workdays = dates;
            continue;
        }
        let festival =
            Festival::from_key(key).ok_or_else(|| format!("`{key}` is not a festival"))?;
        if let Some(outside) = dates.iter().find(|d| !block.days_off.contains(d)) {
            return Err(format!("{outside} is statutory but outside the block"));
        }
        block.festivals.push(festival);
        block
            .statutory
            .extend(dates.into_iter().map(|d| (d, festival)));
    }
    if block.festivals.is_empty() {
        return Err("a block needs at least one festival".into());
    }
    block.festivals.sort();
    Ok(block)
}

fn date_list(year: i32, text: &str) -> Result<Vec<NaiveDate>, String> {
    let mut dates = Vec::new();
    for item in text.split(',').filter(|s| !s.is_empty()) {
        match item.split_once("..") {
            Some((from, to)) => {
                let (from, to) = (month_day(year, from)?, month_day(year, to)?);
                dates.extend(from.iter_days().take_while(|d| *d <= to));
            }
            None => dates.push(month_day(year, item)?),
        }
    }
    Ok(dates)
}

fn month_day(year: i32, text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(&format!("{year}-{text}"), "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date (MM-DD) in {year}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    #[test]
    fn the_shipped_data_parses() {
        let data = parse(SOURCE).unwrap();
        assert_eq!(data.published_years, 2018..=2026);
        assert!(data.lunar.contains_key(&2027) && data.lunar.contains_key(&2035));
    }

    #[test]
    fn every_make_up_workday_is_a_weekend_day_outside_every_block() {
        let data = built_in();
        for block in &data.blocks {
            for day in &block.makeup_workdays {
                assert!(
                    matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
                    "{day}"
                );
                assert!(
                    data.blocks.iter().all(|b| !b.days_off.contains(day)),
                    "{day}"
                );
            }
        }
    }

    #[test]
    fn blocks_do_not_overlap() {
        let data = built_in();
        for (i, a) in data.blocks.iter().enumerate() {
            for b in &data.blocks[i + 1..] {
                assert!(
                    a.days_off.end() < b.days_off.start() || b.days_off.end() < a.days_off.start(),
                    "{a:?} overlaps {b:?}"
                );
            }
        }
    }

    #[test]
    fn malformed_lines_are_reported_with_their_number() {
        let cases = [
            ("2018-01-01..01-01  new_year=01-01", "no `published` line"),
            (
                "published 2018..2018\n2018-01-05..01-01 new_year=",
                "line 2",
            ),
            (
                "published 2018..2018\n2018-01-01..01-01 newyear=01-01",
                "line 2",
            ),
            (
                "published 2018..2018\n2018-01-01..01-01 new_year=02-30",
                "line 2",
            ),
            (
                "published 2018..2018\n2018-01-01..01-01 new_year=01-02",
                "outside the block",
            ),
            (
                "published 2018..2018\nlunar 2027 qingming=04-05",
                "`spring_festival` is missing",
            ),
        ];
        for (text, expected) in cases {
            let err = parse(text).unwrap_err().to_string();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }
}

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

/// A line of the data file that cannot be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub line: usize,
    pub problem: DataProblem,
}

/// What is wrong with a line of the data file, with what was written there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataProblem {
    /// The file has no `published FIRST..LAST` line.
    NoPublished,
    /// Not `FIRST..LAST`.
    NotARange(String),
    NotAYear(String),
    /// Not a date: `YYYY-MM-DD`, or `MM-DD` in the line's year.
    NotADate(String),
    /// Not `KEY=VALUE`.
    NotAPair(String),
    /// A year of lunar dates without the date of this festival.
    MissingFestival {
        year: i32,
        key: &'static str,
    },
    /// A block that ends before it starts.
    Reversed(String),
    NotAFestival(String),
    /// A statutory day outside the block's days off.
    StatutoryOutside(NaiveDate),
    /// A block that names no festival.
    NoFestival,
}

static BUILT_IN: LazyLock<BuiltIn> = LazyLock::new(|| {
    parse(SOURCE).unwrap_or_else(|e| panic!("data/cn-calendar.txt is malformed: {e:?}"))
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
        let at_line = |problem: DataProblem| DataError {
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
    let published_years = published_years.ok_or(DataError {
        line: 1,
        problem: DataProblem::NoPublished,
    })?;
    Ok(BuiltIn {
        published_years,
        blocks,
        lunar,
    })
}

fn parse_years(words: &[&str]) -> Result<RangeInclusive<i32>, DataProblem> {
    let [range] = words else {
        return Err(DataProblem::NotARange(words.join(" ")));
    };
    let (first, last) = range
        .split_once("..")
        .ok_or_else(|| DataProblem::NotARange(range.to_string()))?;
    Ok(year(first)?..=year(last)?)
}

fn year(text: &str) -> Result<i32, DataProblem> {
    text.parse()
        .map_err(|_| DataProblem::NotAYear(text.to_string()))
}

/// `KEY=VALUE`.
fn pair(word: &str) -> Result<(&str, &str), DataProblem> {
    word.split_once('=')
        .ok_or_else(|| DataProblem::NotAPair(word.to_string()))
}

fn parse_lunar<'a>(
    mut words: impl Iterator<Item = &'a str>,
) -> Result<(i32, LunarDates), DataProblem> {
    let year = year(words.next().unwrap_or_default())?;
    let mut found = BTreeMap::new();
    for word in words {
        let (key, value) = pair(word)?;
        found.insert(key, month_day(year, value)?);
    }
    let get = |key: &'static str| {
        found
            .get(key)
            .copied()
            .ok_or(DataProblem::MissingFestival { year, key })
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

fn parse_block<'a>(
    range: &str,
    words: impl Iterator<Item = &'a str>,
) -> Result<Block, DataProblem> {
    let (first_text, last_text) = range
        .split_once("..")
        .ok_or_else(|| DataProblem::NotARange(range.to_string()))?;
    let first = NaiveDate::parse_from_str(first_text, "%Y-%m-%d")
        .map_err(|_| DataProblem::NotADate(first_text.to_string()))?;
    let year = first.year();
    let last = month_day(year, last_text)?;
    if last < first {
        return Err(DataProblem::Reversed(range.to_string()));
    }
    let mut block = Block {
        notice: year,
        days_off: first..=last,
        festivals: Vec::new(),
        statutory: Vec::new(),
        makeup_workdays: Vec::new(),
    };
    for word in words {
        let (key, value) = pair(word)?;
        if key == "notice" {
            block.notice = self::year(value)?;
            continue;
        }
        let dates = date_list(year, value)?;
        if key == "work" {
            block.makeup_workdays = dates;
            continue;
        }
        let festival =
            Festival::from_key(key).ok_or_else(|| DataProblem::NotAFestival(key.to_string()))?;
        if let Some(outside) = dates.iter().find(|d| !block.days_off.contains(d)) {
            return Err(DataProblem::StatutoryOutside(*outside));
        }
        block.festivals.push(festival);
        block
            .statutory
            .extend(dates.into_iter().map(|d| (d, festival)));
    }
    if block.festivals.is_empty() {
        return Err(DataProblem::NoFestival);
    }
    block.festivals.sort();
    Ok(block)
}

fn date_list(year: i32, text: &str) -> Result<Vec<NaiveDate>, DataProblem> {
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

fn month_day(year: i32, text: &str) -> Result<NaiveDate, DataProblem> {
    NaiveDate::parse_from_str(&format!("{year}-{text}"), "%Y-%m-%d")
        .map_err(|_| DataProblem::NotADate(text.to_string()))
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
        let date = |text: &str| text.parse().unwrap();
        let cases = [
            (
                "2018-01-01..01-01  new_year=01-01",
                1,
                DataProblem::NoPublished,
            ),
            (
                "published 2018..2018\n2018-01-05..01-01 new_year=",
                2,
                DataProblem::Reversed("2018-01-05..01-01".into()),
            ),
            (
                "published 2018..2018\n2018-01-01..01-01 newyear=01-01",
                2,
                DataProblem::NotAFestival("newyear".into()),
            ),
            (
                "published 2018..2018\n2018-01-01..01-01 new_year=02-30",
                2,
                DataProblem::NotADate("02-30".into()),
            ),
            (
                "published 2018..2018\n2018-01-01..01-01 new_year=01-02",
                2,
                DataProblem::StatutoryOutside(date("2018-01-02")),
            ),
            (
                "published 2018..2018\nlunar 2027 qingming=04-05",
                2,
                DataProblem::MissingFestival {
                    year: 2027,
                    key: "spring_festival",
                },
            ),
            ("published 2018", 1, DataProblem::NotARange("2018".into())),
        ];
        for (text, line, problem) in cases {
            assert_eq!(parse(text), Err(DataError { line, problem }), "{text:?}");
        }
    }
}

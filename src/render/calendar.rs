//! The working calendar for people: a date on a line, a month as a grid like `cal` with its
//! named days below, a year month by month.

use std::io;

use chrono::{Datelike, NaiveDate};
use unicode_width::UnicodeWidthStr;

use crate::app::calendar::{CalendarPeriod, Month, Run};
use crate::calendar::{Day, DayKind, WEEK};
use crate::i18n::{Messages, day_name};
use crate::output::{Output, Tone};
use crate::period::Period;
use crate::render::human::date_with_weekday;

/// The width of a day in the month grid.
const CELL: usize = 4;

/// Shows the days of a period: a date, a month, or each month of a year.
pub fn print_period(out: &mut Output, shown: &CalendarPeriod) -> io::Result<()> {
    match shown.period {
        Period::Day(_) => print_day(out, &shown.days[0]),
        Period::Month(_) => shown
            .months()
            .try_for_each(|month| print_month(out, &month)),
        Period::Year(_) => shown.months().try_for_each(|month| {
            print_month(out, &month)?;
            out.line("")
        }),
    }
}

fn print_day(out: &mut Output, day: &Day) -> io::Result<()> {
    let m = out.messages();
    let mut parts = vec![date_with_weekday(day.date, m, true)];
    parts.extend(day.name.as_ref().map(|n| day_name(m, n)));
    parts.push(out.paint(tone(day), m.day_kind(day.kind)));
    out.line(parts.join(" · "))?;
    out.line(m.working_status(day.working(), day.comp_days()))
}

/// The marker of a day in the month grid.
fn marker(day: &Day) -> char {
    match day.kind {
        DayKind::Statutory => '*',
        DayKind::Holiday => '+',
        DayKind::MakeupWorkday => '!',
        DayKind::Workday | DayKind::Weekend => ' ',
    }
}

/// The colour of a day.
fn tone(day: &Day) -> Tone {
    match day.kind {
        DayKind::Statutory => Tone::Statutory,
        DayKind::Holiday => Tone::Holiday,
        DayKind::MakeupWorkday => Tone::MakeupWorkday,
        DayKind::Weekend => Tone::Weekend,
        DayKind::Workday => Tone::Plain,
    }
}

/// A month as a grid like `cal`, weeks starting on Monday, then the named days in runs.
fn print_month(out: &mut Output, month: &Month) -> io::Result<()> {
    let m = out.messages();
    let first = month.first;
    let title = m.month_title(first.year(), first.month());
    let padding = (CELL * 7).saturating_sub(title.width()) / 2;
    out.line(format!(
        "{}{}",
        " ".repeat(padding),
        out.paint(Tone::Heading, &title)
    ))?;
    let header: String = WEEK
        .iter()
        .map(|d| {
            let name = m.weekday_short(*d);
            format!("{}{name} ", " ".repeat(CELL - 1 - name.width()))
        })
        .collect();
    out.line(header.trim_end())?;
    let lead = first.weekday().num_days_from_monday() as usize;
    let mut cells = vec![" ".repeat(CELL); lead];
    cells.extend(month.days.iter().map(|day| {
        let cell = format!("{:>3}{}", day.date.day(), marker(day));
        // The blank of an unmarked day stays outside the paint, for a week to end without it.
        let shown = cell.trim_end();
        format!("{}{}", out.paint(tone(day), shown), &cell[shown.len()..])
    }));
    for week in cells.chunks(7) {
        out.line(week.concat().trim_end())?;
    }
    out.line(format!(
        "{}   {}",
        m.working_days_in_month(month.working_days()),
        m.calendar_legend()
    ))?;
    for run in month.named_runs() {
        out.line(run_line(&run, m))?;
    }
    Ok(())
}

/// A run of named days on a line:
/// `05-01 – 05-05  Labour Day: 5 days off (statutory: 05-01)`.
fn run_line(run: &Run, m: &Messages) -> String {
    let (first, last) = (run.first(), run.last());
    let range = if first.date == last.date {
        month_day(first.date)
    } else {
        format!("{} – {}", month_day(first.date), month_day(last.date))
    };
    let mut names: Vec<String> = run
        .festivals()
        .into_iter()
        .map(|f| m.festival(f).to_string())
        .collect();
    for name in run.other_names() {
        let text = day_name(m, name);
        if !names.contains(&text) {
            names.push(text);
        }
    }
    let detail = if first.working() {
        m.day_kind(first.kind).to_string()
    } else {
        let statutory: Vec<String> = run.statutory().into_iter().map(month_day).collect();
        m.days_off(run.days.len(), &statutory)
    };
    format!(
        "{range:<13}  {}",
        m.labelled(&names.join(m.list_separator()), &detail)
    )
}

/// `05-01`.
fn month_day(date: NaiveDate) -> String {
    date.format("%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::calendar::named_runs;
    use crate::calendar::Calendar;
    use crate::i18n::Lang;

    fn run_lines(first: &str, m: &Messages) -> Vec<String> {
        let calendar = Calendar::national();
        let month = Period::month_of(first.parse().unwrap());
        let days: Vec<Day> = month.days().map(|d| calendar.day(d)).collect();
        named_runs(&days)
            .iter()
            .map(|run| run_line(run, m))
            .collect()
    }

    #[test]
    fn the_named_days_of_may_2024_in_runs() {
        assert_eq!(
            run_lines("2024-05-01", Lang::En.messages()),
            [
                "05-01 – 05-05  Labour Day: 5 days off (statutory: 05-01)",
                "05-11          Labour Day: make-up workday",
            ]
        );
    }

    #[test]
    fn a_block_of_two_festivals_is_one_run() {
        assert_eq!(
            run_lines("2025-10-01", Lang::Zh.messages()),
            [
                "10-01 – 10-08  中秋节、国庆节：放假 8 天（法定：10-01、10-02、10-03、10-06）",
                "10-11          中秋节、国庆节：调休上班日",
            ]
        );
    }
}

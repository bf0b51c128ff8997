//! The calendar's words: festivals, kinds of day, weekdays, months and holiday schedules.

use chrono::Weekday;

use super::words::plural;
use super::{Lang, Messages};
use crate::calendar::{Basis, DayKind, DayName, Festival, ScheduleError};
use crate::text::one_line;

/// English month names; Chinese numbers its months.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Messages {
    /// No user data directory to keep imported schedules in.
    pub(super) fn no_data_directory(&self) -> String {
        self.pick((
            "没有可以导入的用户数据目录：请设置 XDG_DATA_HOME",
            "no user data directory to import into: set XDG_DATA_HOME",
        ))
        .to_string()
    }

    /// Why a file is not a schedule otss can use.
    pub(super) fn schedule_error(&self, error: &ScheduleError) -> String {
        match error {
            ScheduleError::Json {
                line,
                column,
                message,
            } => match self.lang {
                Lang::Zh => format!(
                    "不是节假日安排（第 {line} 行第 {column} 列）：{}",
                    self.json_reason(message)
                ),
                Lang::En => {
                    format!("not a holiday schedule (line {line}, column {column}): {message}")
                }
            },
            ScheduleError::BadDate(text) => {
                let text = one_line(text);
                match self.lang {
                    Lang::Zh => format!("`{text}` 不是日期（YYYY-MM-DD）"),
                    Lang::En => format!("`{text}` is not a date (YYYY-MM-DD)"),
                }
            }
            ScheduleError::OutsideYear { date, year } => match self.lang {
                Lang::Zh => format!("{date} 离这份安排的年份 {year} 太远"),
                Lang::En => format!("{date} is too far from the schedule's year {year}"),
            },
            ScheduleError::Duplicate(date) => match self.lang {
                Lang::Zh => format!("{date} 列出了两次"),
                Lang::En => format!("{date} is listed twice"),
            },
            ScheduleError::Empty(year) => match self.lang {
                Lang::Zh => format!("{year} 年的安排没有列出任何日期"),
                Lang::En => format!("the {year} schedule lists no days"),
            },
            ScheduleError::Year(year) => match self.lang {
                Lang::Zh => format!("{year} 不是 otss 能用的年份（1900 到 9999）"),
                Lang::En => format!("{year} is not a year otss can use (1900 to 9999)"),
            },
        }
    }

    pub fn festival(&self, festival: Festival) -> &'static str {
        self.pick(match festival {
            Festival::NewYear => ("元旦", "New Year's Day"),
            Festival::SpringFestival => ("春节", "Spring Festival"),
            Festival::Qingming => ("清明节", "Qingming Festival"),
            Festival::LabourDay => ("劳动节", "Labour Day"),
            Festival::DragonBoat => ("端午节", "Dragon Boat Festival"),
            Festival::MidAutumn => ("中秋节", "Mid-Autumn Festival"),
            Festival::NationalDay => ("国庆节", "National Day"),
        })
    }

    pub fn day_kind(&self, kind: DayKind) -> &'static str {
        self.pick(match kind {
            DayKind::Workday => ("工作日", "working day"),
            DayKind::MakeupWorkday => ("调休上班日", "make-up workday"),
            DayKind::Weekend => ("周末", "weekend"),
            DayKind::Holiday => ("休息日", "holiday"),
            DayKind::Statutory => ("法定节假日", "statutory holiday"),
        })
    }

    pub fn contract_day(&self, name: &DayName) -> &'static str {
        self.pick(match name {
            DayName::ContractWorkday => ("合同约定工作日", "contract working day"),
            DayName::ContractStatutory => ("合同约定法定节假日", "contract statutory holiday"),
            _ => ("合同约定休息日", "contract day off"),
        })
    }

    pub fn weekday_short(&self, day: Weekday) -> &'static str {
        self.pick(match day {
            Weekday::Mon => ("一", "Mo"),
            Weekday::Tue => ("二", "Tu"),
            Weekday::Wed => ("三", "We"),
            Weekday::Thu => ("四", "Th"),
            Weekday::Fri => ("五", "Fr"),
            Weekday::Sat => ("六", "Sa"),
            Weekday::Sun => ("日", "Su"),
        })
    }

    pub fn weekday(&self, day: Weekday) -> &'static str {
        self.pick(match day {
            Weekday::Mon => ("周一", "Mon"),
            Weekday::Tue => ("周二", "Tue"),
            Weekday::Wed => ("周三", "Wed"),
            Weekday::Thu => ("周四", "Thu"),
            Weekday::Fri => ("周五", "Fri"),
            Weekday::Sat => ("周六", "Sat"),
            Weekday::Sun => ("周日", "Sun"),
        })
    }

    pub fn month_title(&self, year: i32, month: u32) -> String {
        match self.lang {
            Lang::Zh => format!("{year}年{month}月"),
            Lang::En => format!("{} {year}", month_name(month)),
        }
    }

    /// A month's short name, for chart axes: `3月`, `Mar`.
    pub fn month_short(&self, month: u32) -> String {
        match self.lang {
            Lang::Zh => format!("{month}月"),
            Lang::En => month_name(month).get(..3).unwrap_or_default().to_string(),
        }
    }

    pub fn working_days_in_month(&self, count: usize) -> String {
        match self.lang {
            Lang::Zh => format!("工作日 {count} 天"),
            Lang::En => plural(count as u64, "working day", "working days"),
        }
    }

    pub fn calendar_legend(&self) -> String {
        self.pick((
            "* 法定节假日  + 休息日  ! 调休上班",
            "* statutory holiday  + holiday  ! make-up workday",
        ))
        .to_string()
    }

    pub fn working_status(&self, working: bool, comp_days: u32) -> String {
        if working {
            return self
                .pick((
                    "工作日：加班不计调休",
                    "a working day: no comp leave for working it",
                ))
                .to_string();
        }
        match self.lang {
            Lang::Zh => format!("非工作日：当天加班可获调休 {comp_days} 天"),
            Lang::En => format!(
                "not a working day: a day worked earns {}",
                plural(comp_days, "comp day", "comp days")
            ),
        }
    }

    /// A run of days off, with the statutory days among them.
    pub fn days_off(&self, days: usize, statutory: &[String]) -> String {
        let run = match self.lang {
            Lang::Zh => format!("放假 {days} 天"),
            Lang::En => plural(days as u64, "day off", "days off"),
        };
        if statutory.is_empty() {
            return run;
        }
        let statutory = self.labelled(self.pick(("法定", "statutory")), &self.items(statutory));
        self.with_note(&run, &statutory)
    }

    pub fn provisional(&self, year: i32, basis: Basis) -> Option<String> {
        let import = self.pick((
            "官方安排发布后可用 `otss calendar import FILE` 导入",
            "add the official schedule with `otss calendar import FILE` once it is out",
        ));
        match basis {
            Basis::Published => None,
            Basis::Provisional { lunar_known: true } => Some(match self.lang {
                Lang::Zh => {
                    format!("{year} 年节假日安排尚未发布：暂按周末和法定节假日推算；{import}")
                }
                Lang::En => format!(
                    "no holiday schedule is published for {year}: provisional, weekends and the \
                     statutory days of the law only; {import}"
                ),
            }),
            Basis::Provisional { lunar_known: false } => Some(match self.lang {
                Lang::Zh => format!(
                    "{year} 年节假日安排尚未发布：暂按周末和固定日期的法定节假日推算（农历节日未知）；{import}"
                ),
                Lang::En => format!(
                    "no holiday schedule is published for {year}: provisional, weekends and the \
                     fixed-date statutory days only (lunar festivals unknown); {import}"
                ),
            }),
            Basis::BeforeData => Some(match self.lang {
                Lang::Zh => {
                    format!("没有 {year} 年的节假日数据：仅按周末计算（内置数据自 2018 年起）")
                }
                Lang::En => format!(
                    "no holiday data for {year}: weekends only (built-in data starts in 2018)"
                ),
            }),
        }
    }

    pub fn schedule_imported(&self, year: i32, days: usize, replaced: bool, path: &str) -> String {
        let verb = self.pick(if replaced {
            ("已替换", "replaced")
        } else {
            ("已导入", "imported")
        });
        match self.lang {
            Lang::Zh => format!("{verb} {year} 年节假日安排（{days} 天）：{path}"),
            Lang::En => format!(
                "{verb} the {year} holiday schedule ({}) into {path}",
                plural(days as u64, "day", "days")
            ),
        }
    }
}

/// A month's English name; none for a number that is no month.
fn month_name(month: u32) -> &'static str {
    MONTHS.get(month as usize - 1).copied().unwrap_or_default()
}

/// A day's name in the catalogue's language.
pub fn day_name(messages: &Messages, name: &DayName) -> String {
    match name {
        DayName::Festivals(festivals) => festivals
            .iter()
            .map(|f| messages.festival(*f))
            .collect::<Vec<_>>()
            .join(messages.list_separator()),
        DayName::Text(text) => text.clone(),
        other => messages.contract_day(other).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schedule_that_is_not_one_is_said_with_what_is_wrong() {
        let en = Lang::En.messages();
        let date = |text: &str| text.parse().unwrap();
        let cases = [
            (
                ScheduleError::BadDate("2027-02-30".into()),
                "`2027-02-30` is not a date (YYYY-MM-DD)",
            ),
            (
                ScheduleError::OutsideYear {
                    date: date("2030-01-01"),
                    year: 2027,
                },
                "2030-01-01 is too far from the schedule's year 2027",
            ),
            (
                ScheduleError::Duplicate(date("2027-01-01")),
                "2027-01-01 is listed twice",
            ),
            (
                ScheduleError::Empty(2027),
                "the 2027 schedule lists no days",
            ),
            (
                ScheduleError::Year(0),
                "0 is not a year otss can use (1900 to 9999)",
            ),
        ];
        for (error, said) in cases {
            assert_eq!(en.schedule_error(&error), said);
        }
    }

    #[test]
    fn every_festival_has_a_name_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            for festival in Festival::ALL {
                assert!(!lang.messages().festival(festival).is_empty());
            }
        }
        assert_eq!(Lang::Zh.messages().festival(Festival::LabourDay), "劳动节");
        assert_eq!(
            Lang::En.messages().festival(Festival::NationalDay),
            "National Day"
        );
    }

    #[test]
    fn names_joined_in_each_language() {
        let both = DayName::Festivals(vec![Festival::MidAutumn, Festival::NationalDay]);
        assert_eq!(day_name(Lang::Zh.messages(), &both), "中秋节、国庆节");
        assert_eq!(
            day_name(Lang::En.messages(), &both),
            "Mid-Autumn Festival & National Day"
        );
    }
}

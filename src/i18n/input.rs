//! What a person types: the time grammar's errors, and the questions asked instead of failing.

use std::path::{Path, PathBuf};

use chrono_tz::Tz;

use super::words::shown;
use super::{Lang, Messages};
use crate::text::one_line;
use crate::time::grammar::{AmountError, Unit};

impl Messages {
    /// Put before why a typed answer was refused, on the prompt's next line.
    pub fn answer_refused(&self) -> &'static str {
        self.pick(("输入有误：", "error: "))
    }

    /// Echoed after a yes-or-no question once it is answered.
    pub fn yes_or_no(&self, yes: bool) -> &'static str {
        match yes {
            true => self.pick(("是", "yes")),
            false => self.pick(("否", "no")),
        }
    }

    /// The forms a time may take (docs/rules.md §9.6).
    pub fn time_forms(&self, zone: Tz) -> String {
        match self.lang {
            Lang::Zh => format!(
                "可用的写法（{zone} 时间）：现在、14:58、今天 10:30、昨天 14:00、3/2 10:30、\
                 3-2、-30m、30分钟前、2026-03-02 10:30[:00]、RFC 3339"
            ),
            Lang::En => format!(
                "accepted forms (in {zone}): now, 14:58, today 10:30, yesterday 14:00, \
                 3/2 10:30, 3-2, -30m, 2h ago, 2026-03-02 10:30[:00], RFC 3339"
            ),
        }
    }

    /// The forms a day may take (docs/rules.md §9.6).
    pub fn day_forms(&self) -> &'static str {
        self.pick((
            "可用的写法：2026-03-02、today/今天、yesterday/昨天、tomorrow/明天、3/2、3-2、周一/monday",
            "accepted forms: 2026-03-02, today, yesterday, tomorrow, 3/2, 3-2, a weekday (monday, mon)",
        ))
    }

    pub(super) fn not_a_time(&self, input: &str, zone: Tz) -> String {
        let input = one_line(input);
        match self.lang {
            Lang::Zh => format!("`{input}` 不是时间；{}", self.time_forms(zone)),
            Lang::En => format!("`{input}` is not a time; {}", self.time_forms(zone)),
        }
    }

    pub(super) fn not_a_day_typed(&self, input: &str) -> String {
        let input = one_line(input);
        match self.lang {
            Lang::Zh => format!("`{input}` 不是日期；{}", self.day_forms()),
            Lang::En => format!("`{input}` is not a day; {}", self.day_forms()),
        }
    }

    pub(super) fn year_ahead(&self, input: &str, zone: Tz, year: i32) -> String {
        let input = one_line(input);
        match self.lang {
            Lang::Zh => format!(
                "`{input}` 按今年（{year} 年，{zone}）算还没到；若指去年，请写上年份：\
                 {}-MM-DD HH:MM",
                year - 1
            ),
            Lang::En => format!(
                "`{input}` in this year ({year}, {zone}) is still to come; for last year write \
                 the year: {}-MM-DD HH:MM",
                year - 1
            ),
        }
    }

    pub(super) fn amount_error(&self, AmountError { input, unit }: &AmountError) -> String {
        let input = one_line(input);
        match (self.lang, unit) {
            (Lang::Zh, Unit::Minutes) => {
                format!("`{input}` 不是 1 到 1440 整分钟的时长：写 90（分钟）、1h30m、1.5h 或 45m")
            }
            (Lang::En, Unit::Minutes) => format!(
                "`{input}` is not a duration of 1 to 1440 whole minutes: write 90 (minutes), \
                 1h30m, 1.5h or 45m"
            ),
            (Lang::Zh, Unit::Hours) => {
                format!("`{input}` 不是 24 小时以内的时长：写 6（小时）、1.5、4h、7h30m 或 90m")
            }
            (Lang::En, Unit::Hours) => format!(
                "`{input}` is not a duration of up to 24 hours: write 6 (hours), 1.5, 4h, 7h30m \
                 or 90m"
            ),
        }
    }

    /// The places a contract was looked for, one a line.
    pub(super) fn looked_in(&self, looked: &[PathBuf]) -> String {
        let looked: Vec<String> = looked.iter().map(|p| format!("  {}", shown(p))).collect();
        looked.join("\n")
    }

    /// No contract found from inside a site's ledger: its contract is elsewhere, and a new one
    /// is not what is wanted.
    pub(super) fn no_contract_for_ledger(&self, looked: &[PathBuf], ledger: &Path) -> String {
        let looked = self.looked_in(looked);
        let ledger = shown(ledger);
        match self.lang {
            Lang::Zh => format!(
                "找不到合同，查找过：\n{looked}\n{ledger} 是一个站点的台账，它的合同在别处：\
                 请在合同所在的目录运行 otss，或用 --contract PATH、OTSS_CONTRACT 指定它"
            ),
            Lang::En => format!(
                "no contract found; looked in:\n{looked}\n{ledger} is a site's ledger whose \
                 contract is elsewhere: run otss in the directory that holds it, or point to it \
                 with --contract PATH or OTSS_CONTRACT"
            ),
        }
    }

    /// `otss init` inside a site: `path` is its contract above, or its ledger.
    pub(super) fn inside_site(&self, path: &Path) -> String {
        let path = shown(path);
        match self.lang {
            Lang::Zh => format!(
                "这里已属于一个站点（{path}），不再新建合同；要新建站点，请换一个目录，或用 \
                 --contract PATH 指定新合同的位置"
            ),
            Lang::En => format!(
                "this directory already belongs to a site ({path}); no second contract is \
                 written here: start a new site in another directory, or name the new contract \
                 with --contract PATH"
            ),
        }
    }

    /// Asked at a terminal when `incident open` has no `--title`.
    pub fn incident_title_question(&self) -> &'static str {
        self.pick((
            "故障标题（一句话说明出了什么问题）",
            "Title (what is wrong, in a line)",
        ))
    }

    /// An item typed as the start of several items' names.
    pub(super) fn ambiguous_item(&self, typed: &str, candidates: &[String]) -> String {
        let typed = one_line(typed);
        let candidates: Vec<String> = candidates
            .iter()
            .map(|c| one_line(c).into_owned())
            .collect();
        match self.lang {
            Lang::Zh => format!(
                "`{typed}` 可指多个清单项目：{}；请多写几个字，或写项目的序号",
                candidates.join("；")
            ),
            Lang::En => format!(
                "`{typed}` could be any of these items: {}; type more of the name, or its number",
                candidates.join("; ")
            ),
        }
    }

    /// Asked when Enter is pressed on the checklist with nothing ticked.
    pub fn nothing_ticked(&self) -> &'static str {
        self.pick((
            "没有勾选任何项目。你的意思是？",
            "Nothing is ticked. What did you mean?",
        ))
    }

    /// The answers to [`Self::nothing_ticked`], in the order the checklist takes them.
    pub fn nothing_ticked_choices(&self) -> [&'static str; 3] {
        self.pick((
            ["这一轮先不记录", "每一项都异常（逐项说明）", "返回清单"],
            [
                "skip this round",
                "every item is abnormal (say what for each)",
                "back to the list",
            ],
        ))
    }
}

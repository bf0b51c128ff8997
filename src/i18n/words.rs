//! Words and phrasing every topic shares: labels, notes, lists, counts and durations.

use std::path::Path;

use chrono::TimeDelta;

use super::{Lang, Messages};
use crate::text::one_line;

impl Messages {
    /// `label: text`, with the language's colon.
    pub fn labelled(&self, label: &str, text: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{label}：{text}"),
            Lang::En => format!("{label}: {text}"),
        }
    }

    /// A figure with a note after it: `55/57（96%）`, `55/57 (96%)`.
    pub fn with_note(&self, main: &str, note: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{main}（{note}）"),
            Lang::En => format!("{main} ({note})"),
        }
    }

    /// Between clauses of one sentence.
    pub fn clause_separator(&self) -> &'static str {
        self.pick(("；", "; "))
    }

    pub fn list_separator(&self) -> &'static str {
        self.pick(("、", " & "))
    }

    /// Between the items of an enumeration: `CVM、TKE`, `CVM, TKE`.
    pub fn items_separator(&self) -> &'static str {
        self.pick(("、", ", "))
    }

    /// An enumeration: `CVM、TKE`, `CVM, TKE`.
    pub(super) fn items(&self, items: &[String]) -> String {
        items.join(self.items_separator())
    }

    pub fn duration(&self, d: TimeDelta) -> String {
        let units = self.pick((["天", "小时", "分钟", "秒"], ["d", "h", "min", "s"]));
        duration_in(d, units)
    }

    pub fn warning(&self) -> &'static str {
        self.pick(("警告", "warning"))
    }

    pub fn yes_no(&self, yes: bool) -> &'static str {
        self.pick(if yes { ("是", "yes") } else { ("否", "no") })
    }

    pub fn none(&self) -> &'static str {
        self.pick(("无", "none"))
    }
}

/// A path as a message shows it: on one line, whatever its name holds.
pub(super) fn shown(path: &Path) -> String {
    one_line(&path.display().to_string()).into_owned()
}

/// A count and its English noun: `1 engineer`, `2 engineers`.
pub(super) fn plural(count: impl Into<u64>, one: &str, many: &str) -> String {
    let count = count.into();
    format!("{count} {}", if count == 1 { one } else { many })
}

/// A duration as whole days, hours, minutes and seconds, with the language's unit words
/// (days, hours, minutes, seconds): `1 h 30 min`.
fn duration_in(d: TimeDelta, units: [&str; 4]) -> String {
    let mut seconds = d.num_seconds().abs();
    if seconds == 0 {
        return format!("0 {}", units[3]);
    }
    // Days only from two days up: an SLA reads "24 h", not "1 d".
    let day = if seconds >= 2 * 86_400 {
        86_400
    } else {
        i64::MAX
    };
    let mut parts = Vec::new();
    for (size, unit) in [day, 3_600, 60, 1].into_iter().zip(units) {
        if seconds >= size {
            parts.push(format!("{} {unit}", seconds / size));
            seconds %= size;
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        let d = TimeDelta::minutes(90);
        assert_eq!(Lang::En.messages().duration(d), "1 h 30 min");
        assert_eq!(Lang::Zh.messages().duration(d), "1 小时 30 分钟");
        assert_eq!(Lang::En.messages().duration(TimeDelta::seconds(5)), "5 s");
        assert_eq!(Lang::En.messages().duration(TimeDelta::days(1)), "24 h");
        assert_eq!(
            Lang::En.messages().duration(TimeDelta::hours(75)),
            "3 d 3 h"
        );
    }
}

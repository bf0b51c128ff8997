//! Fingerprints of issued reports and `otss verify` (docs/rules.md §10.7), in zh and en.

use super::{Lang, Messages};
use crate::app::fingerprint::{Departure, Verified};
use crate::text::one_line;

impl Messages {
    /// The fingerprint an issued report carries, as its line says it.
    pub fn fingerprint_line(&self, fingerprint: &str) -> String {
        match self.lang {
            Lang::Zh => format!("台账指纹：{fingerprint}"),
            Lang::En => format!("ledger fingerprint: {fingerprint}"),
        }
    }

    /// What `otss verify` found, one line.
    pub fn verified(&self, verified: &Verified) -> String {
        let fingerprint = &verified.fingerprint;
        let issue = verified.issued.as_ref().map(|issued| match self.lang {
            Lang::Zh => format!("（{} 的报告，{} 提交）", issued.period, issued.by),
            Lang::En => format!(" (the {} report, issued by {})", issued.period, issued.by),
        });
        let issue = issue.unwrap_or_default();
        match &verified.departure {
            None => match self.lang {
                Lang::Zh => format!("台账仍以指纹 {fingerprint}{issue} 所记的历史开头，未被改写"),
                Lang::En => format!(
                    "the ledger still begins with the history of fingerprint {fingerprint}{issue}: \
                     nothing of it was rewritten"
                ),
            },
            Some(departure) => format!("{fingerprint}{issue}: {}", self.departure(departure)),
        }
    }

    /// Where today's ledger departs from a fingerprint's history.
    pub fn departure(&self, departure: &Departure) -> String {
        let zh = self.lang == Lang::Zh;
        match departure {
            Departure::NotIssued if zh => {
                "台账中没有哪份已提交的报告带有这个指纹：可能输错了，或提交记录已被删除".into()
            }
            Departure::NotIssued => "no issued report in the ledger has this fingerprint: it was \
                                     mistyped, or the record of the issue is gone"
                .into(),
            Departure::IssueChanged if zh => "带有这个指纹的提交记录已被改动".into(),
            Departure::IssueChanged => {
                "the record of the issue with this fingerprint was changed".into()
            }
            Departure::Missing { file } if zh => format!("{file} 已不在台账中"),
            Departure::Missing { file } => format!("{file} is gone from the ledger"),
            Departure::Shorter { file, line } if zh => {
                format!("{file}:{line} 起的行已不在（文件被截短）")
            }
            Departure::Shorter { file, line } => {
                format!("{file}:{line}: the file was cut short, its lines from here on are gone")
            }
            Departure::Changed { file, line } => {
                let place = line.map_or_else(|| file.clone(), |line| format!("{file}:{line}"));
                match self.lang {
                    Lang::Zh => format!("{place}：文件在指纹所记的长度内被改动过"),
                    Lang::En => format!(
                        "{place}: the file was changed within the length the fingerprint covers"
                    ),
                }
            }
        }
    }

    /// `otss verify` found the history departed from.
    pub fn not_verified(&self) -> String {
        self.pick((
            "台账已不再以这个指纹所记的历史开头（见上）",
            "the ledger no longer begins with this fingerprint's history (see above)",
        ))
        .to_string()
    }

    /// What was typed is not a fingerprint.
    pub fn not_a_fingerprint(&self, typed: &str) -> String {
        let typed = one_line(typed);
        match self.lang {
            Lang::Zh => format!("`{typed}` 不是指纹：指纹是 32 个十六进制数字，分 8 组、每组 4 个"),
            Lang::En => {
                format!("`{typed}` is not a fingerprint: one is 32 hex digits, in 8 groups of 4")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_departure_names_its_place_in_both_languages() {
        let file = "2025-03/li.lei.jsonl".to_string();
        let cases = [
            (Departure::Missing { file: file.clone() }, file.clone()),
            (
                Departure::Shorter {
                    file: file.clone(),
                    line: 3,
                },
                format!("{file}:3"),
            ),
            (
                Departure::Changed {
                    file: file.clone(),
                    line: Some(2),
                },
                format!("{file}:2"),
            ),
        ];
        for lang in [Lang::Zh, Lang::En] {
            for (departure, place) in &cases {
                let said = lang.messages().departure(departure);
                assert!(said.contains(place.as_str()), "{lang:?}: {said}");
            }
        }
        let zh = Lang::Zh.messages().departure(&Departure::NotIssued);
        assert_ne!(zh, Lang::En.messages().departure(&Departure::NotIssued));
    }
}

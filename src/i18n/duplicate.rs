//! Duplicates caught at the door (docs/rules.md §10.3).

use super::{Lang, Messages};
use crate::duplicate::{Duplicate, Earlier, TextKind};
use crate::record::routine::NoteKind;
use crate::text::one_line;

impl Messages {
    /// A likely duplicate refused without a terminal to ask at.
    pub(super) fn duplicate_refused(&self, duplicate: &Duplicate) -> String {
        let what = self.duplicate(duplicate);
        match self.lang {
            Lang::Zh => format!("{what}；什么也没有记录；确要记录请加 --force"),
            Lang::En => format!("{what}; nothing was recorded; to record it anyway add --force"),
        }
    }

    /// Asked at a terminal before a likely duplicate is recorded.
    pub fn record_anyway(&self, duplicate: &Duplicate) -> String {
        let what = self.duplicate(duplicate);
        match self.lang {
            Lang::Zh => format!("{what}。仍要记录吗？"),
            Lang::En => format!("{what}. Record it anyway?"),
        }
    }

    /// Said when the person declines to record a likely duplicate.
    pub fn nothing_recorded(&self) -> String {
        self.pick(("什么也没有记录", "nothing was recorded"))
            .to_string()
    }

    /// What a new record would repeat.
    fn duplicate(&self, duplicate: &Duplicate) -> String {
        match duplicate {
            Duplicate::Text {
                kind,
                text,
                earlier,
            } => {
                let (kind, text) = (self.text_kind(*kind), one_line(text));
                let earlier = self.earlier(earlier);
                match self.lang {
                    Lang::Zh => format!("10 分钟内已有相同的{kind}「{text}」（{earlier}）"),
                    Lang::En => {
                        format!(
                            "the same {kind} \"{text}\" was recorded within 10 minutes ({earlier})"
                        )
                    }
                }
            }
            Duplicate::OpenIncident { id, title } => {
                let (id, title) = (one_line(id), one_line(title));
                match self.lang {
                    Lang::Zh => format!("未关闭的故障 {id}「{title}」标题与此相近，可能是同一故障"),
                    Lang::En => format!(
                        "incident {id} \"{title}\" is still open with a title like this one; it \
                         may be the same fault"
                    ),
                }
            }
            Duplicate::IncidentNote {
                incident,
                text,
                earlier,
            } => {
                let (incident, text) = (one_line(incident), one_line(text));
                let earlier = self.earlier(earlier);
                match self.lang {
                    Lang::Zh => format!("故障 {incident} 已有相同的备注「{text}」（{earlier}）"),
                    Lang::En => {
                        format!("incident {incident} has this note already: \"{text}\" ({earlier})")
                    }
                }
            }
            Duplicate::ReportIssued { period, earlier } => {
                let period = one_line(period);
                let earlier = self.earlier(earlier);
                match self.lang {
                    Lang::Zh => format!("{period} 的报告已经交付过（首次：{earlier}）"),
                    Lang::En => {
                        format!("the {period} report was issued already (first: {earlier})")
                    }
                }
            }
        }
    }

    fn text_kind(&self, kind: TextKind) -> &'static str {
        self.pick(match kind {
            TextKind::Consultation => ("技术咨询", "consultation"),
            TextKind::Note(NoteKind::Risk) => ("风险备注", "risk note"),
            TextKind::Note(NoteKind::Suggestion) => ("优化建议", "suggestion"),
            TextKind::Request => ("客户需求", "request"),
        })
    }

    /// The earlier record: when it happened, who wrote it, and its id.
    fn earlier(&self, earlier: &Earlier) -> String {
        let at = earlier.at.format("%Y-%m-%d %H:%M");
        let (by, id) = (one_line(&earlier.by), one_line(&earlier.id));
        match self.lang {
            Lang::Zh => format!("{at} {by}，记录 {id}"),
            Lang::En => format!("{at} by {by}, record {id}"),
        }
    }
}

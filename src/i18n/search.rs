//! The knowledge base: `otss search`, and the similar incidents shown when one opens.

use super::{Lang, Messages};
use crate::search::Kind;

impl Messages {
    /// What sort of record a hit is.
    pub fn search_kind(&self, kind: Kind) -> &'static str {
        self.pick(match kind {
            Kind::Incident => ("故障", "incident"),
            Kind::Support => ("技术咨询", "consultation"),
            Kind::Request => ("客户需求", "request"),
            Kind::Risk => ("平台风险", "risk"),
            Kind::Suggestion => ("优化建议", "suggestion"),
            Kind::Inspection => ("巡检发现", "inspection finding"),
            Kind::Backup => ("备份检查", "backup check"),
        })
    }

    /// Nothing holds the words searched for.
    pub fn no_hits(&self, query: &str) -> String {
        let query = crate::text::one_line(query);
        match self.lang {
            Lang::Zh => format!("没有记录提到“{query}”"),
            Lang::En => format!("no record mentions \"{query}\""),
        }
    }

    /// How an incident was fixed, on one line.
    pub fn fixed_by(&self, fix: &str) -> String {
        self.labelled(self.pick(("修复", "fix")), fix)
    }

    /// Above the earlier incidents most like one.
    pub fn similar_heading(&self) -> &'static str {
        self.pick(("之前类似的故障：", "Similar earlier incidents:"))
    }

    /// An earlier incident never fixed in words.
    pub fn no_fix_told(&self) -> &'static str {
        self.pick(("未写修复方法", "no fix recorded"))
    }
}

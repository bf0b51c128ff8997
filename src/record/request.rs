//! The customer-request record.

use serde::{Deserialize, Serialize};

use crate::request::{Category, Scope, classify};

/// A customer request as recorded (`request.added`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub text: String,
    pub in_scope: bool,
    pub category: Option<Category>,
    /// The words that decided the classification.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched: Vec<String>,
    /// The engineer decided the scope, not the rules.
    #[serde(default)]
    pub forced: bool,
}

impl Request {
    /// The request to record for `text` under `scope`.
    pub fn classified(text: &str, scope: Scope) -> Request {
        let verdict = classify(text);
        let matched = verdict.matched.iter().map(|w| w.to_string()).collect();
        let text = text.trim().to_string();
        match scope {
            Scope::ByRules => Request {
                text,
                in_scope: verdict.category.is_none(),
                category: verdict.category,
                matched,
                forced: false,
            },
            Scope::In => Request {
                text,
                in_scope: true,
                category: None,
                matched,
                forced: true,
            },
            Scope::Out(category) => Request {
                text,
                in_scope: false,
                category: Some(category),
                matched,
                forced: true,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Category::DataMigration;

    #[test]
    fn the_engineer_can_force_the_scope_either_way() {
        let forced_in = Request::classified("双十一前集群扩容", Scope::In);
        assert!(forced_in.in_scope && forced_in.forced && forced_in.category.is_none());
        assert_eq!(forced_in.matched, ["扩容"]);
        let forced_out =
            Request::classified("咨询 CVM 机型选择", "out:data_migration".parse().unwrap());
        assert_eq!(
            (forced_out.in_scope, forced_out.category),
            (false, Some(DataMigration))
        );
        let by_rules = Request::classified(" 迁移数据到新的 COS 存储桶 ", Scope::ByRules);
        assert_eq!(by_rules.text, "迁移数据到新的 COS 存储桶");
        assert!(!by_rules.forced);
    }
}

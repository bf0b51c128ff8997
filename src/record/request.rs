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
    /// Why the engineer decided so, if they said: always said for `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Request {
    /// The request to record for `text` under `scope`.
    pub fn classified(text: &str, scope: Scope) -> Request {
        let verdict = classify(text);
        let category = match scope {
            Scope::ByRules => verdict.category,
            Scope::In => None,
            Scope::Out(category) => Some(category),
        };
        Request {
            text: text.trim().to_string(),
            in_scope: category.is_none(),
            category,
            matched: verdict.matched.iter().map(|w| w.to_string()).collect(),
            forced: scope != Scope::ByRules,
            reason: None,
        }
    }

    /// The request with the engineer's reason for its scope.
    pub fn with_reason(self, reason: Option<String>) -> Request {
        Request { reason, ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Category::{DataMigration, Other};
    use serde_json::json;

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

    #[test]
    fn only_the_engineer_puts_a_request_in_other_and_says_why() {
        let text = "帮忙办理网站 ICP 备案";
        assert_eq!(Request::classified(text, Scope::ByRules).category, None);
        let other = Request::classified(text, "out:other".parse().unwrap())
            .with_reason(Some("ICP 备案不在服务范围".to_string()));
        assert_eq!((other.in_scope, other.category), (false, Some(Other)));
        let json = serde_json::to_value(&other).unwrap();
        assert_eq!(
            (&json["category"], &json["reason"]),
            (&json!("other"), &json!("ICP 备案不在服务范围"))
        );
        let unsaid = serde_json::to_value(Request::classified(text, Scope::In)).unwrap();
        assert!(unsaid.get("reason").is_none());
    }
}

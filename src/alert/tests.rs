use super::*;

fn alert(id: &str, at: &str, class: AlertClass, source: Option<&str>) -> Record {
    let alert = Alert {
        text: "CVM CPU above 90%".into(),
        source: source.map(str::to_string),
        class,
        policy: None,
        incident: (class == AlertClass::Incident).then(|| "Q2MX7K".to_string()),
    };
    Record::stated(id, at, "li.lei", Event::AlertLogged(Box::new(alert)))
}

fn policy(id: &str, at: &str, name: &str, rule: &str, added: bool) -> Record {
    let policy = Policy {
        name: name.into(),
        rule: rule.into(),
    };
    let event = match added {
        true => Event::AlertPolicyAdded(policy),
        false => Event::AlertPolicyChanged(policy),
    };
    Record::stated(id, at, "li.lei", event)
}

#[test]
fn alerts_are_counted_by_class_and_source_with_the_share_of_noise() {
    let records = [
        alert(
            "01A",
            "2025-03-03T10:00:00+08:00",
            AlertClass::Noise,
            Some("云监控"),
        ),
        alert(
            "01B",
            "2025-03-03T11:00:00+08:00",
            AlertClass::Noise,
            Some("云监控"),
        ),
        alert(
            "01C",
            "2025-03-04T10:00:00+08:00",
            AlertClass::Incident,
            None,
        ),
    ];
    let figures = AlertFigures::of(&records);
    assert_eq!(figures.total(), 3);
    let by_class: Vec<u32> = figures.by_class.values().copied().collect();
    assert_eq!(by_class, [2, 0, 0, 1]);
    assert_eq!(figures.by_source["云监控"], 2);
    assert_eq!(figures.by_source[""], 1);
    assert_eq!(figures.noise_percent(), Some(66));
    assert_eq!(figures.to_incidents[0].id, "01C");
    let mut both = figures.clone();
    both.add(&figures);
    assert_eq!((both.total(), both.to_incidents.len()), (6, 2));
    assert_eq!(AlertFigures::of(&[]).noise_percent(), None);
}

#[test]
fn a_policy_is_added_once_and_changed_only_once_added_to_another_rule() {
    let records = [
        policy(
            "01A",
            "2025-03-03T10:00:00+08:00",
            "CPU high",
            "CPU > 80% for 5m",
            true,
        ),
        policy(
            "01B",
            "2025-03-05T10:00:00+08:00",
            "CPU high",
            "CPU > 90% for 5m",
            false,
        ),
    ];
    let changes = policy_changes(&records);
    assert_eq!(changes.len(), 2);
    assert!(changes[0].item.added && !changes[1].item.added);
    let stated = |name: &str, rule: &str| Policy {
        name: name.into(),
        rule: rule.into(),
    };
    assert_eq!(
        check_policy(&changes, &stated("cpu HIGH", "x"), true),
        Err(AlertError::PolicyExists {
            name: "cpu HIGH".into()
        })
    );
    assert_eq!(
        check_policy(&changes, &stated("CPU hihg", "x"), false),
        Err(AlertError::NoSuchPolicy {
            name: "CPU hihg".into(),
            near: Some("CPU high".into())
        })
    );
    assert_eq!(
        check_policy(&changes, &stated("CPU high", "CPU > 90% for 5m"), false),
        Err(AlertError::RuleUnchanged {
            name: "CPU high".into()
        })
    );
    assert!(check_policy(&changes, &stated("CPU high", "CPU > 95%"), false).is_ok());
    assert!(check_policy(&changes, &stated("disk full", "disk > 90%"), true).is_ok());
}

#[test]
fn an_alert_that_became_an_incident_is_of_class_incident() {
    assert_eq!(class_of(None, Some("Q2MX7K")), Ok(AlertClass::Incident));
    assert_eq!(class_of(None, None), Ok(AlertClass::New));
    assert_eq!(
        class_of(Some(AlertClass::Noise), Some("Q2MX7K")),
        Err(AlertError::IncidentOfClass {
            class: AlertClass::Noise
        })
    );
    assert_eq!(
        class_of(Some(AlertClass::Known), None),
        Ok(AlertClass::Known)
    );
}

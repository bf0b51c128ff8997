//! Site cities, written in English or Chinese (docs/rules.md §2: the priority arrival rule).

use crate::lang::Lang;

/// Cities with the 2-hour level-1 arrival when staffed (docs/rules.md §2).
pub const PRIORITY_CITIES: [&str; 5] = ["Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Chengdu"];

/// English and Chinese names of cities, so that either may be written.
const CITY_NAMES: [(&str, &str); 16] = [
    ("Beijing", "北京"),
    ("Shanghai", "上海"),
    ("Shenzhen", "深圳"),
    ("Guangzhou", "广州"),
    ("Chengdu", "成都"),
    ("Hangzhou", "杭州"),
    ("Nanjing", "南京"),
    ("Wuhan", "武汉"),
    ("Xi'an", "西安"),
    ("Chongqing", "重庆"),
    ("Tianjin", "天津"),
    ("Suzhou", "苏州"),
    ("Changsha", "长沙"),
    ("Zhengzhou", "郑州"),
    ("Hefei", "合肥"),
    ("Qingdao", "青岛"),
];

/// The known city a name refers to, in English or Chinese, any case, with or without
/// "市" / "City".
fn known_city(name: &str) -> Option<(&'static str, &'static str)> {
    let bare = |text: &str| {
        text.trim()
            .to_lowercase()
            .trim_end_matches('市')
            .trim_end_matches(" city")
            .replace(['\'', ' '], "")
    };
    let wanted = bare(name);
    CITY_NAMES
        .into_iter()
        .find(|(en, zh)| wanted == bare(en) || wanted == *zh)
}

/// Whether two city names, English or Chinese in any case, name the same city.
pub fn same_city(a: &str, b: &str) -> bool {
    match (known_city(a), known_city(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a.trim().to_lowercase() == b.trim().to_lowercase(),
    }
}

/// A city's name in `lang`, where the city is known; otherwise as written.
pub fn city_name(name: &str, lang: Lang) -> String {
    match (known_city(name), lang) {
        (Some((en, _)), Lang::En) => en.to_string(),
        (Some((_, zh)), Lang::Zh) => zh.to_string(),
        (None, _) => name.to_string(),
    }
}

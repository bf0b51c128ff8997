//! Site cities, written in English or Chinese (docs/rules.md §1.8: the site city; §2.4: the
//! priority arrival rule).

use crate::lang::Lang;
use crate::suggest::closest;

/// Cities with the 2-hour level-1 arrival when staffed (docs/rules.md §2.4).
pub const PRIORITY_CITIES: [&str; 5] = ["Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Chengdu"];

/// English and Chinese names of cities, so that either may be written. Besides the large
/// cities, the list holds the cities whose names are a letter or a character away from a
/// priority city's (惠州, 珠海, 承德, …): being known, they are never taken for a typo.
const CITY_NAMES: [(&str, &str); 52] = [
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
    ("Shenyang", "沈阳"),
    ("Dalian", "大连"),
    ("Jinan", "济南"),
    ("Xiamen", "厦门"),
    ("Ningbo", "宁波"),
    ("Kunming", "昆明"),
    ("Dongguan", "东莞"),
    ("Foshan", "佛山"),
    ("Chengde", "承德"),
    ("Zhuhai", "珠海"),
    ("Beihai", "北海"),
    ("Weihai", "威海"),
    ("Shangrao", "上饶"),
    ("Huizhou", "惠州"),
    ("Fuzhou", "福州"),
    ("Wenzhou", "温州"),
    ("Quanzhou", "泉州"),
    ("Changzhou", "常州"),
    ("Xuzhou", "徐州"),
    ("Lanzhou", "兰州"),
    ("Yangzhou", "扬州"),
    ("Taizhou", "台州"),
    ("Ganzhou", "赣州"),
    ("Liuzhou", "柳州"),
    ("Jinzhou", "锦州"),
    ("Dezhou", "德州"),
    ("Cangzhou", "沧州"),
    ("Meizhou", "梅州"),
    ("Chaozhou", "潮州"),
    ("Huzhou", "湖州"),
    ("Quzhou", "衢州"),
    ("Chuzhou", "滁州"),
    ("Jingzhou", "荆州"),
    ("Yongzhou", "永州"),
    ("Chenzhou", "郴州"),
    ("Qinzhou", "钦州"),
];

/// The words that may follow a city's name in English or pinyin: "Chengdu City", "Chengdu Shi".
const ENGLISH_SUFFIXES: [&str; 2] = ["city", "shi"];

/// The characters that may end a name in Chinese: 市 (city), 区 (district), 县 (county).
const CHINESE_SUFFIXES: [char; 3] = ['市', '区', '县'];

/// The known city a name refers to (docs/rules.md §1.8): its English name in any case and
/// spacing ("CHENGDU", "Cheng Du", "Xian"), or its Chinese name, either one followed by a
/// suffix or a district ("Chengdu City", "Shenzhen Nanshan", "成都市高新区").
fn known_city(name: &str) -> Option<(&'static str, &'static str)> {
    let name = name.trim().to_lowercase();
    CITY_NAMES
        .into_iter()
        .find(|(en, zh)| name.starts_with(zh) || begins_with_word(&name, &letters(en)))
}

/// A name's letters and digits, lowercase: `Xi'an` → `xian`.
fn letters(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether lowercase `name` begins with `word`, spaced or punctuated any way ("cheng du" begins
/// with "chengdu"), and the word ends there: what follows is nothing, a space or a sign, Chinese,
/// or "shi" written together with it.
fn begins_with_word(name: &str, word: &str) -> bool {
    let mut wanted = word.chars().peekable();
    for (at, c) in name.char_indices() {
        if wanted.peek().is_none() {
            let rest = &name[at..];
            return !rest.starts_with(|c: char| c.is_ascii_alphanumeric()) || rest == "shi";
        }
        if c.is_alphanumeric() && wanted.next() != Some(c) {
            return false;
        }
    }
    wanted.peek().is_none()
}

/// A name otss does not know, as compared: its letters and digits, lowercase, without a
/// trailing "city", "shi", 市, 区 or 县.
fn plain(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .map(letters)
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.split_last() {
        Some((last, rest)) if !rest.is_empty() && ENGLISH_SUFFIXES.contains(&last.as_str()) => rest,
        _ => &words[..],
    };
    let joined = words.concat();
    match joined.strip_suffix(CHINESE_SUFFIXES) {
        Some(stem) if !stem.is_empty() => stem.to_string(),
        _ => joined,
    }
}

/// Whether two city names, English or Chinese in any case, name the same city.
pub fn same_city(a: &str, b: &str) -> bool {
    match (known_city(a), known_city(b)) {
        (Some(x), Some(y)) => x == y,
        (None, None) => plain(a) == plain(b),
        _ => false,
    }
}

/// The city of `cities` that `name`, a city otss does not know, is likely a typo of: a letter
/// or a character away, as "Chengdou" is from Chengdu, or "深证" from 深圳 (docs/rules.md §1.8).
/// The name of the city is given as it is closest, in English or Chinese.
pub fn near_city(name: &str, cities: &[String]) -> Option<String> {
    if known_city(name).is_some() || cities.iter().any(|city| same_city(city, name)) {
        return None;
    }
    let spellings: Vec<(String, String)> = cities
        .iter()
        .flat_map(|city| match known_city(city) {
            Some((en, zh)) => vec![en.to_string(), zh.to_string()],
            None => vec![city.clone()],
        })
        .map(|spelling| (plain(&spelling), spelling))
        .collect();
    let typed = plain(name);
    let nearest = closest(&typed, spellings.iter().map(|(plain, _)| plain.as_str()))?;
    spellings
        .iter()
        .find(|(plain, _)| plain == nearest)
        .map(|(_, spelling)| spelling.clone())
}

/// A city's name in `lang`, where the city is known; otherwise as written.
pub fn city_name(name: &str, lang: Lang) -> String {
    match (known_city(name), lang) {
        (Some((en, _)), Lang::En) => en.to_string(),
        (Some((_, zh)), Lang::Zh) => zh.to_string(),
        (None, _) => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn priority_cities() -> Vec<String> {
        PRIORITY_CITIES.map(String::from).to_vec()
    }

    #[test]
    fn a_city_is_known_by_either_name_with_its_suffixes_and_districts() {
        for name in [
            "Chengdu",
            "CHENGDU",
            "Cheng Du",
            "cheng-du",
            "Chengdu City",
            "Chengdu Shi",
            "chengdushi",
            "Chengdu, Sichuan",
            "Chengdu Gaoxin District",
            "成都",
            "成都市",
            "成都市高新区",
            "成都高新区",
            " 成都 ",
        ] {
            assert_eq!(known_city(name), Some(("Chengdu", "成都")), "{name}");
        }
        assert_eq!(known_city("Xian"), Some(("Xi'an", "西安")));
        assert_eq!(known_city("深圳市南山区"), Some(("Shenzhen", "深圳")));
        for name in [
            "Chengdou",
            "Chengdux",
            "Chengde",
            "Chen",
            "成部",
            "Kunming Shi",
            "",
        ] {
            assert_ne!(known_city(name), Some(("Chengdu", "成都")), "{name}");
        }
    }

    #[test]
    fn unknown_cities_compare_without_case_spacing_or_suffix() {
        assert!(same_city("Lhasa City", "lhasa"));
        assert!(same_city("拉萨市", "拉萨"));
        assert!(same_city("杭州", "Hangzhou") && same_city("Xian", "西安"));
        assert!(!same_city("Lhasa", "Chengdu"));
        assert!(!same_city("Chengdou", "Chengdu"));
    }

    #[test]
    fn a_name_near_a_priority_city_is_taken_for_a_typo_of_it() {
        let cities = priority_cities();
        let near = |name: &str| near_city(name, &cities);
        assert_eq!(near("Chengdou").as_deref(), Some("Chengdu"));
        assert_eq!(near("Chengdou City").as_deref(), Some("Chengdu"));
        assert_eq!(near("Shenzen").as_deref(), Some("Shenzhen"));
        assert_eq!(near("Bejing").as_deref(), Some("Beijing"));
        assert_eq!(near("深证").as_deref(), Some("深圳"));
        assert_eq!(near("成部市").as_deref(), Some("成都"));
        // Known cities, listed or not, and names far from every listed one, are no typos.
        for name in [
            "Chengdu",
            "成都市高新区",
            "Chengde",
            "惠州",
            "珠海",
            "Hangzhou",
            "Lhasa",
        ] {
            assert_eq!(near(name), None, "{name}");
        }
        let listed = vec!["Lhasa".to_string()];
        assert_eq!(near_city("Lhassa", &listed).as_deref(), Some("Lhasa"));
    }

    #[test]
    fn a_known_city_is_named_in_the_language_asked() {
        assert_eq!(city_name("成都市高新区", Lang::En), "Chengdu");
        assert_eq!(city_name("cheng du", Lang::Zh), "成都");
        assert_eq!(city_name("Lhasa", Lang::Zh), "Lhasa");
    }
}

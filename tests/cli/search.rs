//! The knowledge base (docs/rules.md §11): `otss search` over every text of the ledger, the
//! index in the cache directory that catches up with the ledger, and the similar incidents
//! shown when one opens.

use std::fs;

use serde_json::Value;

use super::{SHENZHEN_5X8, Sandbox, stderr};

fn site() -> Sandbox {
    Sandbox::with_contract(SHENZHEN_5X8)
}

/// The ids of the records `otss search WORDS… [ARGS…]` finds, best first.
fn found(site: &Sandbox, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--json"];
    all.extend(args);
    let hits = site.json(&all);
    ids(&hits)
}

fn ids(hits: &Value) -> Vec<String> {
    hits.as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["short_id"].as_str().unwrap().to_string())
        .collect()
}

/// Logs a consultation at `now` (RFC 3339); its short id.
fn log(site: &Sandbox, now: &str, text: &str) -> String {
    site.stdout_at(now, &["support", "log", text, "--force"]);
    let listed = site.json(&["support", "list", &now[..7], "--json"]);
    let logged = listed
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|c| c["text"] == text);
    logged.unwrap()["id"].as_str().unwrap().to_string()
}

/// Opens an incident of `level` at `now`, even if one like it is open; what it says in JSON.
fn opened(site: &Sandbox, now: &str, level: &str, title: &str) -> Value {
    let args = ["incident", "open", "--level", level, "--title", title];
    site.json_at(now, &[&args[..], &["--json", "--force"]].concat())
}

/// The same, for its id.
fn open(site: &Sandbox, now: &str, level: &str, title: &str) -> String {
    opened(site, now, level, title)["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Resolves an incident at `now` with a summary and a fix.
fn resolve(site: &Sandbox, now: &str, id: &str, summary: &str, fix: &str) {
    let args = [
        "incident",
        "resolve",
        id,
        "--summary",
        summary,
        "--fix",
        fix,
    ];
    site.stdout_at(now, &args);
}

const MORNING: &str = "2025-03-03T09:00:00+08:00";

#[test]
fn chinese_words_are_found_inside_longer_sentences() {
    let site = site();
    let id = log(
        &site,
        MORNING,
        "排查 CVM 内网访问 TencentDB 偶发超时，确认为安全组出站规则遗漏",
    );
    log(&site, MORNING, "COS 生命周期规则配置");
    assert_eq!(found(&site, &["安全组"]), std::slice::from_ref(&id));
    assert_eq!(found(&site, &["偶发", "超时"]), [id]);
    assert_eq!(found(&site, &["防火墙"]), Vec::<String>::new());
}

#[test]
fn english_words_are_found_by_their_stem() {
    let site = site();
    let id = log(
        &site,
        MORNING,
        "The replicas were Restarted twice after the upgrade",
    );
    assert_eq!(found(&site, &["restarting", "replica"]), [id]);
}

#[test]
fn product_names_and_ids_match_as_written() {
    let site = site();
    let cdb = log(&site, MORNING, "cdb-prod-01 returns 5xx after the failover");
    let cvm = log(&site, MORNING, "CVM 规格评估");
    log(&site, MORNING, "cdb-prod-02 backup window");
    assert_eq!(found(&site, &["cdb-prod-01"])[0], cdb);
    assert_eq!(found(&site, &["5xx"]), [cdb]);
    assert_eq!(found(&site, &["cvm"]), [cvm]);
}

#[test]
fn a_mixed_query_finds_the_incident_with_its_level_verdicts_and_fix() {
    let site = site();
    let tke = open(
        &site,
        MORNING,
        "2",
        "TKE 集群节点 NotReady，资讯服务 Pod 被驱逐",
    );
    site.stdout_at("2025-03-03T09:05:00+08:00", &["incident", "ack", &tke]);
    resolve(
        &site,
        "2025-03-03T11:00:00+08:00",
        &tke,
        "清理镜像后节点恢复",
        "开启镜像自动清理",
    );
    open(
        &site,
        "2025-03-03T09:30:00+08:00",
        "3",
        "COS 跨地域复制中断",
    );
    log(&site, MORNING, "TKE Ingress 证书更新");
    let hits = site.json(&["search", "TKE 节点 NotReady", "--json"]);
    assert_eq!(hits[0]["incident"]["id"], tke.as_str());
    assert_eq!(hits[0]["kind"], "incident");
    assert!(hits[0]["score"].as_f64().unwrap() > 0.0);
    let shown = site.stdout(&["search", "TKE", "节点", "NotReady", "--lang", "en"]);
    let first = shown.lines().next().unwrap();
    for part in [
        "incident",
        tke.as_str(),
        "level 2",
        "response met",
        "TKE 集群",
    ] {
        assert!(first.contains(part), "{part} not in {first}");
    }
    assert!(shown.contains("**NotReady**"), "{shown}");
    assert!(shown.contains("fix: 开启镜像自动清理"), "{shown}");
}

#[test]
fn synonyms_find_what_was_written_in_the_other_language() {
    let site = site();
    let zh = log(&site, MORNING, "TencentDB 只读实例主从延迟指标解读");
    let en = log(&site, MORNING, "slow query log on the settlement database");
    assert_eq!(found(&site, &["replication", "lag"]), [zh]);
    assert_eq!(found(&site, &["慢查询"]), [en]);
}

#[test]
fn filters_narrow_what_is_found() {
    let site = site();
    let early = log(&site, "2025-02-10T09:00:00+08:00", "Redis 连接数告警");
    let late = log(&site, MORNING, "Redis 连接数打满");
    let p1 = open(
        &site,
        "2025-03-03T10:00:00+08:00",
        "1",
        "Redis 连接数打满，行情延迟",
    );
    let p3 = open(&site, "2025-03-03T10:05:00+08:00", "3", "Redis 连接数偏高");
    let by_wang = site
        .otss()
        .env("OTSS_ENGINEER", "wang.fang")
        .args(["note", "risk", "Redis 连接数没有告警"])
        .output()
        .unwrap();
    assert!(by_wang.status.success(), "{}", stderr(&by_wang));
    let sorted = |mut ids: Vec<String>| {
        ids.sort();
        ids
    };
    let all = found(&site, &["Redis"]);
    assert_eq!(all.len(), 5);
    assert_eq!(found(&site, &["Redis", "--limit", "2"]).len(), 2);
    assert_eq!(
        sorted(found(&site, &["Redis", "--kind", "support"])),
        sorted(vec![early.clone(), late.clone()])
    );
    assert_eq!(found(&site, &["Redis", "--kind", "note"]).len(), 1);
    assert_eq!(found(&site, &["Redis", "--by", "wang.fang"]).len(), 1);
    assert_eq!(found(&site, &["Redis", "--until", "2025-02"]), [early]);
    let since = sorted(found(
        &site,
        &["Redis", "--since", "2025-03-03", "--kind", "support"],
    ));
    assert_eq!(since, [late]);
    let level_one = site.json(&["search", "Redis", "--level", "1", "--json"]);
    assert_eq!(ids(&level_one).len(), 1);
    assert_eq!(level_one[0]["incident"]["id"], p1.as_str());
    let level_three = site.json(&["search", "Redis", "--level", "3", "--json"]);
    assert_eq!(level_three[0]["incident"]["id"], p3.as_str());
}

#[test]
fn bad_filters_and_empty_queries_are_refused_in_the_persons_language() {
    let site = site();
    let err = site.fails(&["search", "x", "--since", "someday"], 1);
    assert!(err.contains("someday"), "{err}");
    let err = site.fails(&["search", "，。", "--lang", "zh"], 1);
    assert!(err.contains("搜索词"), "{err}");
    site.fails(&["search", "x", "--kind", "everything"], 2);
}

#[test]
fn voided_records_never_appear() {
    let site = site();
    let kept = log(&site, MORNING, "CLB 健康检查失败");
    let voided = log(&site, MORNING, "CLB 健康检查端口错误");
    assert_eq!(found(&site, &["健康检查"]).len(), 2);
    site.stdout(&["void", &voided, "--reason", "wrong site"]);
    assert_eq!(found(&site, &["健康检查"]), [kept]);
    let incident = open(&site, MORNING, "2", "CLB 502");
    let noted = site.json(&["incident", "note", &incident, "后端 CVM 被误删", "--json"]);
    let note_id = noted["timeline"].as_array().unwrap().last().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(found(&site, &["误删"]).len(), 1);
    site.stdout(&["void", &note_id, "--reason", "another incident's note"]);
    assert_eq!(found(&site, &["误删"]), Vec::<String>::new());
}

/// A record dated after now counts nowhere (docs/rules.md §10.5), in search as anywhere: a
/// teammate whose clock ran a day ahead is found once that day has come.
#[test]
fn records_dated_after_now_are_found_only_once_their_time_has_come() {
    let site = site();
    let ahead = "2025-03-04T09:00:00+08:00";
    let logged = log(&site, ahead, "NAT 网关丢包");
    let incident = open(&site, ahead, "3", "NAT 网关告警");
    let search = ["search", "--json", "网关"];
    let at_morning = site.json_at(MORNING, &search);
    assert_eq!(ids(&at_morning), Vec::<String>::new());
    let next_day = ids(&site.json_at(ahead, &search));
    assert_eq!(next_day.len(), 2, "{next_day:?}");
    assert!(next_day.contains(&logged), "{next_day:?}");
    assert!(
        next_day.iter().any(|id| incident.starts_with(id.as_str())),
        "{next_day:?}"
    );
}

#[test]
fn the_index_is_kept_in_the_cache_and_catches_up_with_appends() {
    let site = site();
    log(&site, MORNING, "CFS 挂载点读写延迟升高");
    assert_eq!(found(&site, &["挂载"]).len(), 1);
    let cache = site.path().join("cache");
    assert!(
        walk(&cache).iter().any(|p| p.contains(".search")),
        "{:?}",
        walk(&cache)
    );
    log(&site, "2025-03-03T10:00:00+08:00", "CFS 挂载权限组配置");
    assert_eq!(found(&site, &["挂载"]).len(), 2);
    assert!(
        !site
            .path()
            .join("ledger")
            .read_dir()
            .unwrap()
            .any(|e| { e.unwrap().file_name().to_string_lossy().contains("search") })
    );
}

#[test]
fn a_write_teaches_an_index_in_the_cache_and_never_builds_one() {
    let site = site();
    log(&site, MORNING, "CFS 挂载点读写延迟升高");
    assert_eq!(search_meta(&site), None, "a write builds no search index");
    assert_eq!(found(&site, &["挂载"]).len(), 1);
    let before = search_meta(&site).expect("the search built its index");
    log(&site, "2025-03-03T10:00:00+08:00", "CFS 挂载权限组配置");
    let after = search_meta(&site).unwrap();
    assert_ne!(before, after, "the write committed its record to the index");
    assert_eq!(found(&site, &["挂载"]).len(), 2);
    assert_eq!(
        search_meta(&site).unwrap(),
        after,
        "the search after it found the index up to date"
    );
}

#[test]
fn a_write_leaves_what_a_sync_brought_in_bulk_to_the_next_search() {
    let site = site();
    log(&site, MORNING, "CFS 挂载点读写延迟升高");
    assert_eq!(found(&site, &["挂载"]).len(), 1);
    // Two thousand consultations of a teammate (300 KB), as a sync brings them.
    bring_teammates_consultations(&site, 2000);
    let before = search_meta(&site).unwrap();
    log(&site, "2025-03-03T10:00:00+08:00", "CFS 挂载权限组配置");
    assert_eq!(
        search_meta(&site).unwrap(),
        before,
        "the write left the index to the next search"
    );
    assert_eq!(found(&site, &["挂载", "--limit", "3000"]).len(), 2002);
}

/// Writes `count` records of a teammate beside the ledger's first file, as a sync brings them,
/// each a copy of the first record (which must be a consultation) made what `make` makes of
/// it with its number.
fn bring_teammates_records(site: &Sandbox, count: usize, make: impl Fn(&mut Value, usize)) {
    let (name, text) = site.ledger_files().remove(0);
    let mut logged: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    logged.as_object_mut().unwrap().remove("prev");
    logged["by"] = "wang.fang".into();
    let brought: String = (0..count)
        .map(|n| {
            let mut record = logged.clone();
            record["id"] = format!("01JNZ{n:021}").into();
            make(&mut record, n);
            format!("{record}\n")
        })
        .collect();
    let month = name.split('/').next().unwrap();
    let teammate = site
        .path()
        .join("ledger")
        .join(month)
        .join("wang.fang.jsonl");
    fs::write(teammate, brought).unwrap();
}

/// A teammate's consultations, each about 150 bytes.
fn bring_teammates_consultations(site: &Sandbox, count: usize) {
    bring_teammates_records(site, count, |record, n| {
        record["text"] = format!("CFS 挂载超时 第 {n} 次").into();
    });
}

#[test]
fn incident_open_does_not_wait_for_the_first_build_of_a_large_index() {
    let site = site();
    log(&site, MORNING, "CFS 挂载点读写延迟升高");
    // More than 16 MiB of records (backup checks, which hold no text) and no search index yet.
    bring_teammates_records(&site, 110_000, |record, _| {
        let record = record.as_object_mut().unwrap();
        record.remove("text");
        record.remove("product");
        record.insert("type".into(), "backup.checked".into());
        record.insert("job".into(), "nightly-full-backup-of-the-database".into());
        record.insert("ok".into(), true.into());
    });
    let first = opened(&site, MORNING, "2", "CLB 返回 502");
    assert_eq!(first["similar"], Value::Array(Vec::new()));
    let segments = |meta: String| serde_json::from_str::<Value>(&meta).unwrap()["segments"].clone();
    assert!(
        search_meta(&site).is_none_or(|meta| segments(meta) == Value::Array(Vec::new())),
        "the opening built no search index"
    );
    let earlier = first["id"].as_str().unwrap();
    resolve(
        &site,
        "2025-03-03T10:00:00+08:00",
        earlier,
        "恢复",
        "扩容后端",
    );
    assert_eq!(found(&site, &["CLB", "--kind", "incident"]), [earlier]);
    let again = opened(&site, super::NOW, "2", "CLB 又返回 502");
    assert_eq!(again["similar"][0]["id"], earlier);
    // A longer term: the index was made under another, and an opening may not rebuild it.
    site.write(
        "otss.toml",
        &SHENZHEN_5X8.replace("2026-12-31", "2027-12-31"),
    );
    let unfit = opened(&site, super::NOW, "2", "CLB 仍然返回 502");
    assert_eq!(unfit["similar"], Value::Array(Vec::new()));
    assert_eq!(found(&site, &["CLB", "--kind", "incident"]).len(), 3);
    let rebuilt = opened(&site, super::NOW, "2", "CLB 第四次返回 502");
    assert_eq!(rebuilt["similar"].as_array().unwrap().len(), 3);
}

/// What the search index in the sandbox's cache says of itself (its `meta.json`, which every
/// commit rewrites), if there is one.
fn search_meta(site: &Sandbox) -> Option<String> {
    let cache = site.path().join("cache");
    let meta = walk(&cache)
        .into_iter()
        .find(|p| p.ends_with(".search/meta.json"))?;
    Some(fs::read_to_string(meta).unwrap())
}

/// Every path under `dir`, as text.
fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        found.push(path.display().to_string());
        if path.is_dir() {
            found.extend(walk(&path));
        }
    }
    found
}

/// The one ledger file of the sandbox.
fn ledger_file(site: &Sandbox) -> std::path::PathBuf {
    let (name, _) = site.ledger_files().remove(0);
    site.path().join("ledger").join(name)
}

#[test]
fn an_edited_file_makes_the_index_rebuild() {
    let site = site();
    log(&site, MORNING, "VPC 对等连接路由缺失");
    assert_eq!(found(&site, &["对等连接"]).len(), 1);
    let path = ledger_file(&site);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("对等连接路由缺失", "专线网关告警")).unwrap();
    assert_eq!(found(&site, &["对等连接"]), Vec::<String>::new());
    assert_eq!(found(&site, &["专线"]).len(), 1);
}

#[test]
fn a_torn_line_is_left_until_it_is_whole() {
    let site = site();
    log(&site, MORNING, "NAT 网关带宽打满");
    assert_eq!(found(&site, &["NAT"]).len(), 1);
    let path = ledger_file(&site);
    let whole = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{whole}{{\"v\":1,\"id\":\"01J")).unwrap();
    let output = site
        .otss()
        .args(["search", "NAT", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let hits: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(ids(&hits).len(), 1);
    fs::write(&path, &whole).unwrap();
    log(&site, "2025-03-03T10:00:00+08:00", "NAT 网关 SNAT 端口耗尽");
    assert_eq!(found(&site, &["NAT"]).len(), 2);
}

#[test]
fn incident_open_shows_the_similar_earlier_incidents_with_their_fixes() {
    let site = site();
    let earlier = open(&site, MORNING, "2", "TKE 集群节点 NotReady");
    resolve(
        &site,
        "2025-03-03T10:00:00+08:00",
        &earlier,
        "节点恢复",
        "重启 kubelet 并清理镜像",
    );
    open(&site, MORNING, "3", "COS 复制中断");
    let shown = site.stdout(&[
        "incident",
        "open",
        "--level",
        "2",
        "--title",
        "tke 节点又 NotReady 了",
        "--lang",
        "en",
    ]);
    assert!(shown.contains("Similar earlier incidents:"), "{shown}");
    let similar = shown.split("Similar earlier incidents:").nth(1).unwrap();
    assert!(similar.contains(&earlier), "{shown}");
    assert!(similar.contains("fix: 重启 kubelet 并清理镜像"), "{shown}");
    assert!(!similar.contains("COS"), "{shown}");
    let opened = opened(&site, super::NOW, "2", "节点 NotReady");
    assert_eq!(opened["similar"][0]["id"], earlier.as_str());
    assert_eq!(opened["similar"][0]["fix"], "重启 kubelet 并清理镜像");
    let id = opened["id"].as_str().unwrap();
    let show = site.json(&["incident", "show", id, "--similar", "--json"]);
    assert_eq!(show["similar"][0]["id"], earlier.as_str());
    let plain = site.json(&["incident", "show", id, "--json"]);
    assert!(plain.get("similar").is_none());
}

#[test]
fn incident_open_succeeds_without_a_word_of_similar_ones_when_the_cache_is_unwritable() {
    let site = site();
    let earlier = open(&site, MORNING, "2", "CLB 返回 502");
    site.write("not-a-dir", "a file where the cache directory belongs");
    let in_the_way = site.path().join("not-a-dir");
    let output = site
        .otss()
        .env("XDG_CACHE_HOME", &in_the_way)
        .args([
            "incident",
            "open",
            "--level",
            "2",
            "--title",
            "CLB 又返回 502",
            "--force",
        ])
        .args(["--lang", "en"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let shown = String::from_utf8(output.stdout).unwrap();
    assert!(!shown.contains("Similar"), "{shown}");
    assert!(!shown.contains(&earlier), "{shown}");
    let searched = site
        .otss()
        .env("XDG_CACHE_HOME", &in_the_way)
        .args(["search", "502", "--json"])
        .output()
        .unwrap();
    assert!(searched.status.success(), "{}", stderr(&searched));
    let hits: Value = serde_json::from_slice(&searched.stdout).unwrap();
    assert_eq!(ids(&hits).len(), 2, "searched in memory");
}

//! The knowledge base (docs/rules.md §12): ranked search over every text the ledger holds,
//! and the earlier incidents most like one. The index is derived and disposable: it lives in
//! the cache directory beside the incident index, catches up with what was appended, is
//! rebuilt on any doubt, and is built in memory when it cannot be kept.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::{Error, Input, Ledger, Result, Site, Wanted};
use crate::contract::{Contract, Level};
use crate::incident::Incident;
use crate::ledger::LedgerError;
use crate::ledger::progress::{Progress, Stale};
use crate::period::Period;
use crate::record::Record;
use crate::record::entry;
use crate::record::incident::Field;
use crate::search::{self, Document, Kind};
use crate::store::{Fields, Found, LedgerDir, SearchIndex, StoreError, Writer};
use crate::time::local_instant;

/// Bumped whenever what is indexed, or how, changes: an index made otherwise is rebuilt.
const SEARCH_FORMAT: u32 = 2;

/// How much weight a word the query did not say, but means alike, carries.
const ALIKE_WEIGHT: f32 = 0.6;

/// How many more passages are looked at than hits are wanted: several passages of one
/// incident are one hit, and withdrawn ones are left out.
const LOOK_FURTHER: usize = 8;

/// What to search for, as typed.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub words: String,
    /// Only these kinds of records (`note` stands for risks and suggestions); empty for all.
    pub kinds: Vec<String>,
    /// A day, month or year from which on, and up to which (both included).
    pub since: Option<String>,
    pub until: Option<String>,
    /// Only incidents of this level.
    pub level: Option<Level>,
    /// Only what this engineer wrote.
    pub by: Option<String>,
    pub limit: usize,
}

/// A record found: the best passage of it, and for an incident the incident as it stands.
#[derive(Debug, Clone)]
pub struct Hit {
    pub score: f32,
    pub document: Document,
    pub passage: String,
    /// Where the words found are in the passage (byte ranges).
    pub marks: Vec<Range<usize>>,
    pub incident: Option<Incident>,
}

/// What `--kind` takes: each kind of record, and `note` for risks and suggestions.
pub fn kind_keys() -> Vec<&'static str> {
    let mut keys: Vec<&str> = Kind::ALL.iter().map(|kind| kind.key()).collect();
    keys.push(NOTE);
    keys
}

/// What `--kind note` stands for.
const NOTE: &str = "note";

/// The kinds the keys typed for `--kind` stand for.
fn kinds(typed: &[String]) -> Vec<Kind> {
    let mut kinds = Vec::new();
    for key in typed {
        match Kind::from_key(key) {
            Some(kind) => kinds.push(kind),
            None if key == NOTE => kinds.extend([Kind::Risk, Kind::Suggestion]),
            None => {}
        }
    }
    kinds
}

/// The best hits for `search`, best first: each record once, each incident once (by its best
/// passage), none withdrawn by a void.
pub fn search(ledger: &mut Ledger, search: &Search, today: NaiveDate) -> Result<Vec<Hit>> {
    let site = ledger.site();
    let words = search::words(&search.words);
    if words.is_empty() {
        return Err(Error::Empty(Input::Query));
    }
    let mut kinds = kinds(&search.kinds);
    if search.level.is_some() {
        // A level is an incident's: other kinds asked for alongside find nothing.
        if !kinds.is_empty() && !kinds.contains(&Kind::Incident) {
            return Ok(Vec::new());
        }
        kinds = vec![Kind::Incident];
    }
    let since = bound(search.since.as_deref(), today, site, Period::first, 0)?;
    let until = bound(search.until.as_deref(), today, site, Period::last, 1)?;
    let index = usable_index(ledger)?;
    let fields = index.fields();
    let mut query = vec![(Occur::Must, text_query(fields, &search.words))];
    query.extend(kind_query(fields, &kinds));
    query.extend(by_query(fields, search.by.as_deref()));
    query.extend(time_query(fields, since, until));
    let query = BooleanQuery::new(query);
    let found = index.search(&query, search.limit.saturating_mul(LOOK_FURTHER).max(50))?;
    let mut hits = standing(ledger, found)?;
    hits.retain(|hit| {
        search
            .level
            .is_none_or(|level| hit.incident.as_ref().is_some_and(|i| i.level == level))
    });
    hits.truncate(search.limit);
    Ok(hits)
}

/// Up to `limit` earlier incidents most like `incident` by its title, each with its fix:
/// nothing when the index cannot be had, so that no command fails or waits for want of it.
pub fn similar(ledger: &mut Ledger, incident: &Incident, limit: usize) -> Vec<Hit> {
    let Some(index) = kept_index(ledger, SIMILAR) else {
        return Vec::new();
    };
    let fields = index.fields();
    let query = BooleanQuery::new(
        [(Occur::Must, text_query(fields, &incident.title))]
            .into_iter()
            .chain(kind_query(fields, &[Kind::Incident]))
            .collect(),
    );
    let Ok(found) = index.search(&query, limit * LOOK_FURTHER) else {
        return Vec::new();
    };
    let found = found
        .into_iter()
        .filter(|f| f.document.incident.as_deref() != Some(incident.id.as_str()))
        .collect();
    let mut hits = standing(ledger, found).unwrap_or_default();
    hits.retain(|hit| {
        hit.incident
            .as_ref()
            .is_some_and(|earlier| earlier.reported_at <= incident.reported_at)
    });
    hits.truncate(limit);
    hits
}

/// The fix of an incident in one line, as it stands after amendments.
pub fn fix(incident: &Incident) -> Option<String> {
    let fix = incident
        .text(Field::Fix)
        .or_else(|| incident.text(Field::Summary))?;
    Some(fix.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The first instant of the day, month or year typed (`edge` picks its first or last day,
/// `after` days later).
fn bound(
    typed: Option<&str>,
    today: NaiveDate,
    site: &Site,
    edge: fn(&Period) -> NaiveDate,
    after: u64,
) -> Result<Option<DateTime<Utc>>> {
    let Some(typed) = typed else {
        return Ok(None);
    };
    let day = edge(&Period::parse(typed, today)?) + chrono::Days::new(after);
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Ok(Some(local_instant(site.contract.timezone, midnight)))
}

/// The passages that hold the words typed, or words meant alike (worth a little less).
fn text_query(fields: Fields, typed: &str) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |word: String, weight: f32| {
        if seen.insert(word.clone()) {
            let term = Term::from_field_text(fields.text, &word);
            let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(query), weight)),
            ));
        }
    };
    for word in search::words(typed) {
        add(word, 1.0);
    }
    for phrase in search::alike(typed) {
        for word in search::words(phrase) {
            add(word, ALIKE_WEIGHT);
        }
    }
    Box::new(BooleanQuery::new(clauses))
}

fn kind_query(fields: Fields, kinds: &[Kind]) -> Option<(Occur, Box<dyn Query>)> {
    if kinds.is_empty() {
        return None;
    }
    let any = kinds
        .iter()
        .map(|kind| {
            let term = Term::from_field_text(fields.kind, kind.key());
            let query: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, query)
        })
        .collect();
    Some((Occur::Must, Box::new(BooleanQuery::new(any))))
}

fn by_query(fields: Fields, by: Option<&str>) -> Option<(Occur, Box<dyn Query>)> {
    let term = Term::from_field_text(fields.by, by?.trim());
    Some((
        Occur::Must,
        Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
    ))
}

fn time_query(
    fields: Fields,
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
) -> Option<(Occur, Box<dyn Query>)> {
    if since.is_none() && until.is_none() {
        return None;
    }
    let from = since.map_or(i64::MIN, |t| t.timestamp());
    let to = until.map_or(i64::MAX, |t| t.timestamp());
    let bound = |t: i64| Term::from_field_i64(fields.at, t);
    let range = RangeQuery::new(
        std::ops::Bound::Included(bound(from)),
        std::ops::Bound::Excluded(bound(to)),
    );
    Some((Occur::Must, Box::new(range)))
}

/// The passages found that still stand, one hit for each record or incident (its best
/// passage), in the order found: a withdrawn record, a record dated after now, an incident
/// merged away or a withdrawn record of an incident is left out.
fn standing(ledger: &mut Ledger, found: Vec<Found>) -> Result<Vec<Hit>> {
    let mut seen = HashSet::new();
    let best: Vec<Found> = found
        .into_iter()
        .filter(|f| {
            f.document
                .incident
                .as_ref()
                .is_none_or(|id| seen.insert(id.clone()))
        })
        .collect();
    let ids: Vec<String> = best
        .iter()
        .filter_map(|f| f.document.incident.clone())
        .collect();
    let incidents: HashMap<String, Incident> = if ids.is_empty() {
        HashMap::new()
    } else {
        ledger
            .incidents(Wanted::Ids(&ids), Incident::clone)?
            .into_iter()
            .map(|incident| (incident.id.clone(), incident))
            .collect()
    };
    let mut hits = Vec::new();
    for found in best {
        if entry::beyond(found.document.at, ledger.now()) {
            continue;
        }
        let incident = match &found.document.incident {
            Some(id) => match incidents.get(id) {
                Some(incident) if stands_in(incident, &found.document.record) => {
                    Some(incident.clone())
                }
                _ => continue,
            },
            None if ledger.withdraws(&found.document.record)? => continue,
            None => None,
        };
        let (passage, marks) = one_line(&found.passage, &found.marks);
        hits.push(Hit {
            score: found.score,
            document: found.document,
            passage,
            marks,
            incident,
        });
    }
    Ok(hits)
}

/// Between the texts of a record in a passage.
const TEXTS_APART: &str = " · ";

/// A passage on one line, its texts set apart, the marks moved with them and those that touch
/// or overlap joined (a word the dictionary cuts in two, or also into the shorter words inside
/// it, is marked as one).
fn one_line(passage: &str, marks: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    let shift = TEXTS_APART.len() - 1;
    let newlines = |at: usize| passage.get(..at).map_or(0, |p| p.matches('\n').count());
    let moved = |at: usize| at + newlines(at) * shift;
    let mut sorted = marks.to_vec();
    sorted.sort_by_key(|mark| (mark.start, mark.end));
    let mut joined: Vec<Range<usize>> = Vec::new();
    for mark in sorted {
        let mark = moved(mark.start)..moved(mark.end);
        match joined.last_mut() {
            Some(last) if mark.start <= last.end => last.end = last.end.max(mark.end),
            _ => joined.push(mark),
        }
    }
    (passage.replace('\n', TEXTS_APART), joined)
}

/// Whether the record of an incident is not withdrawn from it.
fn stands_in(incident: &Incident, record: &str) -> bool {
    !incident
        .timeline
        .iter()
        .any(|entry| entry.record == record && entry.voided.is_some())
}

/// The search index, up to date: the one kept in the cache directory, or one built in memory
/// when none can be kept.
fn usable_index(ledger: &Ledger) -> Result<SearchIndex> {
    if let Some(index) = kept_index(ledger, SEARCH) {
        return Ok(index);
    }
    let site = ledger.site();
    let index = SearchIndex::in_memory(&site.ledger);
    catch_up(&index, site, SEARCH)?;
    Ok(index)
}

/// The search index kept in the cache directory, caught up as far as `patience` allows, if
/// it can be had and is fit to search.
fn kept_index(ledger: &Ledger, patience: Patience) -> Option<SearchIndex> {
    let index = SearchIndex::open(&ledger.search_dir()?).ok()?;
    catch_up(&index, ledger.site(), patience)
        .ok()?
        .then_some(index)
}

/// Teaches the search index kept in `dir`, if there is one, the records just appended: a
/// write never builds or rebuilds the index (the next search does), and never fails for it.
pub fn keep_up(site: &Site, dir: &Path) {
    if let Some(index) = SearchIndex::existing(dir) {
        // The index is disposable: whatever went wrong, the next search starts it over.
        let _ = catch_up(&index, site, WRITE);
    }
}

/// How the index is made: by this otss, for this contract's term and time zone (which decide
/// which records count, docs/rules.md §10.5).
fn version(site: &Site) -> String {
    let contract = &site.contract;
    format!(
        "{SEARCH_FORMAT}/{}/{}/{}/{}",
        env!("CARGO_PKG_VERSION"),
        contract.start,
        contract.end,
        contract.timezone
    )
}

/// How much catching up a command may do before it goes on: start the index over for a
/// ledger of at most `build` bytes, read at most `read` bytes appended since.
#[derive(Debug, Clone, Copy)]
struct Patience {
    build: u64,
    read: u64,
}

/// A search waits for whatever it takes.
const SEARCH: Patience = Patience {
    build: u64::MAX,
    read: u64::MAX,
};

/// The similar incidents of one opening wait for a build or a catch-up of a few seconds at
/// most; beyond that they are looked up in the index as it stands, or not at all, and the
/// next search builds it.
const SIMILAR: Patience = Patience {
    build: 16 << 20,
    read: 16 << 20,
};

/// A write never builds the index, and teaches it a few hundred records at most along with
/// its own: more, as a sync brings, is left to the next search.
const WRITE: Patience = Patience {
    build: 0,
    read: 256 << 10,
};

/// Adds to the index what was appended to the ledger since it last read it; rebuilds it
/// when the files no longer match what it read, or it was made otherwise. Either only as
/// far as `patience` allows: `Ok(false)` when the index is then unfit to search (made
/// otherwise, or no longer matching the files). When another otss is writing it, it is
/// used as it is.
fn catch_up(index: &SearchIndex, site: &Site, patience: Patience) -> Result<bool> {
    let version = version(site);
    let dir = LedgerDir::new(&site.ledger);
    let made_here = || index.progress().filter(|p| p.made_as(&version));
    let may_start_over = || {
        patience.build == u64::MAX
            || matches!(Progress::new(&version).unread(&dir), Ok(bytes) if bytes.unwrap_or(0) <= patience.build)
    };
    let before = made_here();
    match before.as_ref().map(|p| p.unread(&dir)) {
        Some(Ok(None)) => return Ok(true),
        Some(Ok(Some(bytes))) if bytes > patience.read => return Ok(true),
        None if !may_start_over() => return Ok(false),
        _ => {}
    }
    let Some(mut writer) = index.writer(before.is_none())? else {
        return Ok(before.is_some());
    };
    // Read again under the writer's lock: another otss may have committed meanwhile.
    let mut progress = match made_here() {
        Some(progress) => progress,
        None => {
            writer.clear()?;
            Progress::new(&version)
        }
    };
    let mut feed = Feed {
        writer,
        contract: &site.contract,
        added: 0,
        failed: None,
    };
    if let Err(Stale) = progress.catch_up(&dir, |record| feed.take(record))? {
        // What was fed is not committed: the index stays as it was.
        if !may_start_over() {
            return Ok(false);
        }
        feed.writer.clear()?;
        progress = Progress::new(&version);
        if progress
            .catch_up(&dir, |record| feed.take(record))?
            .is_err()
        {
            return Err(LedgerError::Unsettled.into());
        }
    }
    if let Some(e) = feed.failed {
        return Err(e.into());
    }
    feed.writer.commit(&progress)?;
    Ok(true)
}

/// Records on their way into the index: those that count (docs/rules.md §10.5) and hold
/// text, until adding one fails.
struct Feed<'c> {
    writer: Writer,
    contract: &'c Contract,
    added: usize,
    failed: Option<StoreError>,
}

/// How many passages make it worth loading the whole dictionary to cut them.
const MANY_PASSAGES: usize = 1000;

impl Feed<'_> {
    fn take(&mut self, record: Record) {
        // The index outlives this command's "now": a record dated after it is judged when found.
        let never_future = DateTime::<Utc>::MAX_UTC;
        if self.failed.is_some() || record.doubt(self.contract, never_future).is_some() {
            return;
        }
        let Some(document) = search::document(&record) else {
            return;
        };
        self.added += 1;
        if self.added == MANY_PASSAGES {
            search::expect_many_texts();
        }
        if let Err(e) = self.writer.add(&document) {
            self.failed = Some(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_is_one_line_and_its_marks_move_with_it_and_join_when_they_touch() {
        let passage = "慢查询\nslow query";
        let marks = [0..3, 3..9, 10..14];
        let (line, marks) = one_line(passage, &marks);
        assert_eq!(line, "慢查询 · slow query");
        assert_eq!(marks, [0..9, 13..17]);
        assert_eq!(&line[13..17], "slow");
    }

    #[test]
    fn marks_inside_a_longer_mark_join_it() {
        let passage = "主从延迟 高";
        // Search mode marks the whole word and the shorter words inside it.
        let marks = [6..12, 0..12, 0..6, 13..16];
        let (_, marks) = one_line(passage, &marks);
        assert_eq!(marks, [0..12, 13..16]);
    }
}

//! Reading a site's ledger: its records by month, and its incidents through the derived index
//! (docs/rules.md §8.9). What is passed over on the way — lines that are not records, entries
//! that are not ledger files — is kept as warnings for the front end to say.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use super::{Environment, Result, Site, search};
use crate::incident::{self, Incident};
use crate::inspect::{self, Risk};
use crate::ledger::index::known_risks::{self, Openings, Span};
use crate::ledger::index::{Index, Kept, Latest, Part, Source as _, checksum};
use crate::ledger::lines::Text;
use crate::ledger::{self, LedgerError, LineProblem, Problems, Refused};
use crate::period::Period;
use crate::record::entry::Doubt;
use crate::record::{Event, Record};
use crate::store::{self, LedgerDir};

/// Which incidents a command needs.
pub enum Wanted<'a> {
    Open,
    All,
    /// Those whose id starts with what was typed.
    Id(&'a str),
    /// Those that bear on a period, from one instant to another.
    Between(DateTime<Utc>, DateTime<Utc>),
    /// Those of these ids, exactly.
    Ids(&'a [String]),
    /// Those the index has reported from one instant to another.
    ReportedBetween(DateTime<Utc>, DateTime<Utc>),
    /// Those open, and those with a record after an instant.
    OpenOrChangedAfter(DateTime<Utc>),
}

/// Something passed over while reading, with the ledger directory it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A line that is not a record.
    Line {
        ledger: PathBuf,
        problem: LineProblem,
    },
    /// An entry that is not read: a link or a special file.
    Refused { ledger: PathBuf, refused: Refused },
    /// A file with more lines that are not records than are told one by one.
    Untold {
        ledger: PathBuf,
        file: String,
        more: usize,
    },
    /// A record that counts nowhere, and why (docs/rules.md §10.5).
    Doubted {
        ledger: PathBuf,
        record: String,
        record_type: String,
        doubt: Doubt,
    },
}

/// Where the index comes from for one try of a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IndexFrom {
    /// The stored index, brought up to date with the files.
    Stored,
    /// An index rebuilt from the files.
    Rebuilt,
}

/// How a query is tried: with the stored index, and if the files no longer match what it
/// says (a record moved under it), once more with an index rebuilt from the files.
const RETRY: [IndexFrom; 2] = [IndexFrom::Stored, IndexFrom::Rebuilt];

impl Wanted<'_> {
    /// How the ids wanted begin, when that is known: an id typed to its first byte at least,
    /// or given ids.
    fn beginnings(&self) -> Option<BTreeSet<String>> {
        match self {
            Wanted::Id(typed) => {
                let typed = typed.trim().to_uppercase();
                (!typed.is_empty()).then(|| BTreeSet::from([typed]))
            }
            Wanted::Ids(ids) => Some(ids.iter().cloned().collect()),
            _ => None,
        }
    }

    /// The ids of the incidents wanted, from an index that holds them.
    fn ids<'i>(&self, index: &'i Index, now: DateTime<Utc>) -> Vec<&'i str> {
        match self {
            Wanted::Open => index.open_ids_at(now.timestamp()),
            Wanted::OpenOrChangedAfter(at) => index.open_ids_at(at.timestamp()),
            Wanted::All => index.ids(),
            Wanted::Between(from, to) => index.ids_between(from.timestamp(), to.timestamp()),
            Wanted::ReportedBetween(from, to) => {
                index.ids_reported_between(from.timestamp(), to.timestamp())
            }
            Wanted::Ids(wanted) => {
                let mut ids: Vec<&str> = wanted.iter().filter_map(|id| index.held_id(id)).collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            }
            Wanted::Id(typed) => {
                let typed = typed.trim().to_uppercase();
                index
                    .ids()
                    .into_iter()
                    .filter(|id| id.starts_with(&typed))
                    .collect()
            }
        }
    }
}

/// The ledger of a site, being read.
pub struct Ledger<'s> {
    site: &'s Site,
    /// Where its index is kept: the user's cache directory, never the ledger.
    index_path: Option<PathBuf>,
    warnings: Vec<Warning>,
    /// The records already named as counting nowhere, so that each is named once.
    doubted: HashSet<String>,
    /// The records withdrawn by voids, once the index has said which.
    withdrawn: Option<HashSet<String>>,
    /// When it is read: a record dated after it counts nowhere (docs/rules.md §10.5).
    now: DateTime<Utc>,
    /// The index with every incident, read once for a command that writes nothing and asks
    /// about incidents many times; its forks share it.
    held: Option<Arc<Index>>,
    /// The index brought up to date once for a command that writes nothing and reads the
    /// index many times; its forks share it.
    snapshot: Option<Arc<Index>>,
}

impl<'s> Ledger<'s> {
    pub fn new(site: &'s Site, cache_dir: Option<&Path>, now: DateTime<Utc>) -> Ledger<'s> {
        Ledger {
            site,
            index_path: cache_dir.and_then(|cache| index_path(cache, &site.ledger)),
            warnings: Vec::new(),
            doubted: HashSet::new(),
            withdrawn: None,
            now,
            held: None,
            snapshot: None,
        }
    }

    /// When it is read.
    pub(super) fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Another reader of the same ledger, for a thread of its own: what it passes over is
    /// said once it is taken back with `absorb`.
    pub fn fork(&self) -> Ledger<'s> {
        Ledger {
            site: self.site,
            index_path: self.index_path.clone(),
            warnings: Vec::new(),
            doubted: HashSet::new(),
            withdrawn: self.withdrawn.clone(),
            now: self.now,
            held: self.held.clone(),
            snapshot: self.snapshot.clone(),
        }
    }

    /// Reads the index with every incident once, for every question `incidents` answers for
    /// this reader and its forks after: only for a command that writes nothing.
    pub fn hold_every_incident(&mut self) -> Result<()> {
        self.held = Some(Arc::new(self.complete_index()?));
        Ok(())
    }

    /// Brings the index up to date once for every read after by this reader and its forks,
    /// instead of once for each: only for a command that writes nothing, which then reads the
    /// ledger as it stood at this moment (what is written meanwhile, the next command reads).
    pub fn hold_index(&mut self) -> Result<()> {
        let index = self.index(IndexFrom::Stored)?;
        // An index just built holds every incident: it is kept as `hold_every_incident` keeps
        // it, for the incidents, rather than copied for each read.
        match index.is_complete() {
            true => self.held = Some(Arc::new(index)),
            false => self.snapshot = Some(Arc::new(index)),
        }
        Ok(())
    }

    /// Takes back a fork: what it passed over, after what this reader did, each record that
    /// counts nowhere named once.
    pub fn absorb(&mut self, fork: Ledger) {
        for warning in fork.warnings {
            if let Warning::Doubted { record, .. } = &warning
                && !self.doubted.insert(record.clone())
            {
                continue;
            }
            self.warnings.push(warning);
        }
    }

    pub(super) fn site(&self) -> &'s Site {
        self.site
    }

    /// Where the search index of the ledger is kept: beside its incident index, in the
    /// cache directory (docs/rules.md §12.3).
    pub(super) fn search_dir(&self) -> Option<PathBuf> {
        Some(search_dir(self.index_path.as_ref()?))
    }

    /// Whether a void withdraws the record `id` (one not about an incident: an incident's
    /// records are weighed with the incident).
    pub(super) fn withdraws(&mut self, id: &str) -> Result<bool> {
        Ok(self.withdrawn()?.contains(id))
    }

    /// Leaves out the records that count nowhere — entered before they happened (in the
    /// future, say), outside the term (docs/rules.md §10.5) — and names each once.
    fn sift(&mut self, records: &mut Vec<Record>) {
        let contract = &self.site.contract;
        let mut doubted = Vec::new();
        records.retain(|record| match record.doubt(contract, self.now) {
            Some(doubt) => {
                doubted.push((record.id.clone(), record.type_name(), doubt));
                false
            }
            None => true,
        });
        for (record, record_type, doubt) in doubted {
            if self.doubted.insert(record.clone()) {
                let ledger = self.site.ledger.clone();
                self.warnings.push(Warning::Doubted {
                    ledger,
                    record,
                    record_type,
                    doubt,
                });
            }
        }
    }

    /// What was passed over since the last call (a front end says each once).
    pub fn warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.warnings)
    }

    fn warn_line(&mut self, problem: LineProblem) {
        let ledger = self.site.ledger.clone();
        self.warnings.push(Warning::Line { ledger, problem });
    }

    fn warn_untold(&mut self, file: &str, more: usize) {
        let ledger = self.site.ledger.clone();
        let file = file.to_string();
        self.warnings.push(Warning::Untold { ledger, file, more });
    }

    /// Everything a read passed over: entries refused, lines told, and the count of the rest.
    fn warn_passed_over<'p>(
        &mut self,
        dir: &LedgerDir,
        told: impl IntoIterator<Item = &'p LineProblem>,
        untold: impl Iterator<Item = (&'p str, usize)>,
    ) {
        for refused in dir.refused() {
            let ledger = self.site.ledger.clone();
            self.warnings.push(Warning::Refused { ledger, refused });
        }
        for problem in told {
            self.warn_line(problem.clone());
        }
        for (file, more) in untold {
            self.warn_untold(file, more);
        }
    }

    /// The incident index, brought up to date with the files and stored again when it
    /// changed; rebuilt from the files when `from` says.
    fn index(&mut self, from: IndexFrom) -> Result<Index> {
        if from == IndexFrom::Rebuilt {
            // The files changed under the index held: from now on, each read refreshes its own.
            self.snapshot = None;
        }
        let (index, dir) = self.refreshed_index(from)?;
        self.warn_passed_over(&dir, index.problems(), index.untold_problems());
        // What the voids withdraw is known from this index as well as from another load.
        if self.withdrawn.is_none() {
            self.withdrawn = Some(withdrawn_by(&index));
        }
        Ok(index)
    }

    /// The index brought up to date as `index` does it, without saying what was passed over.
    fn refreshed_index(&self, from: IndexFrom) -> Result<(Index, LedgerDir<'s>)> {
        let site: &'s Site = self.site;
        let dir = LedgerDir::new(&site.ledger);
        if let (IndexFrom::Stored, Some(snapshot)) = (from, &self.snapshot) {
            return Ok((Index::clone(snapshot), dir));
        }
        let path = self.index_path.clone();
        let previous = path
            .as_deref()
            .and_then(store::read_index)
            .filter(|_| from == IndexFrom::Stored);
        let mut load = part_loader(path.as_deref());
        let (index, changed) = Index::refresh(previous, &dir, &mut load)?;
        if changed && let Some(path) = &path {
            // The index is a cache: if it cannot be stored, the next run reads more, no more.
            let _ = store::write_index(path, &index);
        }
        Ok((index, dir))
    }

    /// The ids of the records not about an incident that stand withdrawn by a void
    /// (docs/rules.md §10.2); an incident's records are weighed with the incident.
    fn withdrawn(&mut self) -> Result<&HashSet<String>> {
        if self.withdrawn.is_none() {
            self.withdrawn = Some(self.read_withdrawn()?);
        }
        Ok(self.withdrawn.get_or_insert_default())
    }

    /// The records withdrawn, as the index brought up to date says.
    fn read_withdrawn(&self) -> Result<HashSet<String>> {
        let (index, _) = self.refreshed_index(IndexFrom::Stored)?;
        Ok(withdrawn_by(&index))
    }

    /// The incident index with its open incidents loaded, as the daily commands need, and
    /// those closed within a month of the latest record: every incident when one stored apart
    /// may have a record after now, as it may be open now (docs/rules.md §8.9, §10.5).
    pub fn open_index(&mut self) -> Result<Index> {
        self.open_index_at(self.now)
    }

    /// The incident index with the incidents that may be open at `at` loaded.
    fn open_index_at(&mut self, at: DateTime<Utc>) -> Result<Index> {
        let index = self.index(IndexFrom::Stored)?;
        if index.closed_apart_after(at.timestamp()) {
            return self.complete_index();
        }
        Ok(index)
    }

    /// The incident index with every incident in it, closed ones too.
    pub fn complete_index(&mut self) -> Result<Index> {
        let mut index = self.index(IndexFrom::Stored)?;
        if index.load_closed(&mut part_loader(self.index_path.as_deref())) {
            return Ok(index);
        }
        self.index(IndexFrom::Rebuilt)
    }

    /// The index that holds the incidents `wanted`: the daily part for the open ones, the
    /// closed parts their ids begin by for those of a typed id or of given ids, else every
    /// incident.
    fn index_for(&mut self, wanted: &Wanted, from: IndexFrom) -> Result<Index> {
        match (wanted, from) {
            (_, IndexFrom::Rebuilt) => self.index(from),
            (Wanted::Open, IndexFrom::Stored) => self.open_index(),
            (Wanted::OpenOrChangedAfter(at), IndexFrom::Stored) => self.open_index_at(*at),
            (Wanted::Id(_) | Wanted::Ids(_), IndexFrom::Stored) => match wanted.beginnings() {
                Some(beginnings) => self.index_beginning(&beginnings),
                None => self.complete_index(),
            },
            (Wanted::Between(from, to) | Wanted::ReportedBetween(from, to), IndexFrom::Stored) => {
                self.index_between(*from, *to)
            }
            (_, IndexFrom::Stored) => self.complete_index(),
        }
    }

    /// The incident index with the incidents that may bear on the period from `from` to
    /// `to`: the open ones and the closed ones of the period parts of its time
    /// (docs/rules.md §8.9). When those parts no longer copy the closed parts, every incident
    /// is loaded and the index stored again with its period parts written anew.
    fn index_between(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Index> {
        let mut index = self.open_index()?;
        let mut load = part_loader(self.index_path.as_deref());
        if index.load_between(from.timestamp(), to.timestamp(), &mut load) {
            return Ok(index);
        }
        drop(load);
        let index = self.complete_index()?;
        if let Some(path) = &self.index_path {
            // The index is a cache: if it cannot be stored, the next report loads it all again.
            let _ = store::write_index(path, &index);
        }
        if self.snapshot.is_some() {
            // The index held names the period parts just replaced: hold it as now stored.
            self.snapshot = None;
            self.hold_index()?;
        }
        Ok(index)
    }

    /// Every 30-day span of the index (`span_of`) an incident was reported in. When the
    /// period parts no longer copy the closed parts, every incident is loaded and they are
    /// stored anew, as for a report.
    pub fn reported_spans(&mut self) -> Result<BTreeSet<i64>> {
        if let Some(held) = &self.held {
            return Ok(held.reported_spans());
        }
        // A period after every record: no period part bears on it, but they are checked.
        let index = self.index_between(DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MAX_UTC)?;
        Ok(index.reported_spans())
    }

    /// Whether an incident of the ledger has this id: only the closed part it would be in is
    /// loaded.
    pub fn incident_id_in_use(&mut self, id: &str) -> Result<bool> {
        let index = self.index_beginning(&BTreeSet::from([id.to_string()]))?;
        Ok(index.holds(id))
    }

    /// The incident index with the open incidents and the closed ones whose ids may begin
    /// as one of `beginnings`.
    fn index_beginning(&mut self, beginnings: &BTreeSet<String>) -> Result<Index> {
        let mut index = self.open_index()?;
        let mut load = part_loader(self.index_path.as_deref());
        let loaded = (beginnings.iter()).all(|typed| index.load_closed_beginning(typed, &mut load));
        drop(load);
        if loaded {
            return Ok(index);
        }
        self.index(IndexFrom::Rebuilt)
    }

    /// Every record of the months `period` touches, or of the whole ledger.
    pub fn records(&mut self, period: Option<&Period>) -> Result<Vec<Record>> {
        self.records_of_months(period.map(|p| p.months()).as_deref())
    }

    /// The records of the months `period` touches of the given types (see `record::types`):
    /// the lines of other types are not even parsed.
    pub fn records_of_types(&mut self, period: &Period, types: &[&str]) -> Result<Vec<Record>> {
        self.records_where(Some(&period.months()), of_types(types))
    }

    /// The records of the whole ledger of the given types, for what a record of any month can
    /// still decide (a risk still open, a backup job's latest result).
    pub fn all_records_of_types(&mut self, types: &[&str]) -> Result<Vec<Record>> {
        self.records_where(None, of_types(types))
    }

    /// Every record of the months (each given by its first day), or of the whole ledger.
    pub fn records_of_months(&mut self, months: Option<&[NaiveDate]>) -> Result<Vec<Record>> {
        self.records_where(months, |_| true)
    }

    /// The records of the months (or of the whole ledger) on the lines `read` picks by their
    /// bytes, without those withdrawn by a void: lines passed over are not parsed at all.
    pub fn records_where(
        &mut self,
        months: Option<&[NaiveDate]>,
        read: impl Fn(&[u8]) -> bool,
    ) -> Result<Vec<Record>> {
        let mut records = self.written_records_where(months, read)?;
        self.withdraw(&mut records)?;
        Ok(records)
    }

    /// Leaves out the records not about an incident that a void withdraws (docs/rules.md
    /// §10.2).
    fn withdraw(&mut self, records: &mut Vec<Record>) -> Result<()> {
        let withdrawn = self.withdrawn()?;
        records.retain(|record| {
            incident::subject(&record.event).is_some() || !withdrawn.contains(&record.id)
        });
        Ok(())
    }

    /// The records the index keeps for `kept` (docs/rules.md §8.10), judged as a full read
    /// judges them: without those that count nowhere or that a void withdraws. What risks
    /// and comp-leave balances are found from, without reading the whole ledger.
    pub fn kept_records(&mut self, kept: Kept) -> Result<Vec<Record>> {
        Ok(self.indexed_kept_records(kept)?.0)
    }

    /// `kept_records`, and the index they were found through.
    fn indexed_kept_records(&mut self, kept: Kept) -> Result<(Vec<Record>, Index)> {
        let (mut records, index) = self.unjudged_kept_records(kept)?;
        self.sift(&mut records);
        self.withdraw(&mut records)?;
        Ok((records, index))
    }

    /// The records the index keeps for `kept` as they are written, and the index they were
    /// found through.
    fn unjudged_kept_records(&mut self, kept: Kept) -> Result<(Vec<Record>, Index)> {
        let ledger = self.site.ledger.clone();
        self.retried(|this, from| {
            let mut index = this.index(from)?;
            let mut load = part_loader(this.index_path.as_deref());
            let records = index.kept_records(kept, &LedgerDir::new(&ledger), &mut load)?;
            Ok(records.map(|records| (records, index)))
        })
    }

    /// The records of every request that may still wait at `at`, and of every request asked
    /// within `asked` (both ends in), with their moves, judged as a full read judges them: the
    /// records of other requests, surely answered or declined by `at`, are not read
    /// (docs/rules.md §8.10).
    pub fn records_of_requests_waiting(
        &mut self,
        at: DateTime<Utc>,
        asked: Option<(DateTime<Utc>, DateTime<Utc>)>,
    ) -> Result<Vec<Record>> {
        let ledger = self.site.ledger.clone();
        let withdrawn = self.withdrawn()?.clone();
        let now = at.timestamp();
        let asked = asked.map(|(from, to)| from.timestamp()..=to.timestamp());
        let mut records = self.retried(|this, from| {
            let mut index = this.index(from)?;
            let mut load = part_loader(this.index_path.as_deref());
            let source = LedgerDir::new(&ledger);
            let asked = asked.clone();
            Ok(index.records_of_requests_waiting(now, &withdrawn, asked, &source, &mut load)?)
        })?;
        self.sift(&mut records);
        self.withdraw(&mut records)?;
        Ok(records)
    }

    /// Every risk inspections found, oldest first (docs/rules.md §4.5): as stored apart when
    /// they were last found, if a reading now finds the same (§8.10); else from the rounds and
    /// the incidents opened from a risk that the index keeps, each round judged as a full read
    /// judges it as it is taken, so that the rounds are never all held at once.
    pub fn risks(&mut self) -> Result<Vec<Risk>> {
        if let Some(risks) = self.known_risks()? {
            return Ok(risks);
        }
        let (mut openings, index) = self.unjudged_kept_records(Kept::Openings)?;
        let mut span = Span::default();
        openings
            .iter()
            .for_each(|opening| span.take(opening.instant()));
        let written = openings.len();
        self.sift(&mut openings);
        let mut every_one_counts = openings.len() == written;
        self.withdraw(&mut openings)?;
        let (site, now) = (self.site, self.now);
        let mut doubted = Vec::new();
        let withdrawn = self.withdrawn()?;
        let rounds = index.rounds(i64::MIN..=i64::MAX).filter(|round| {
            span.take(round.instant());
            if round.doubt(&site.contract, now).is_some() {
                doubted.push(round.clone());
                return false;
            }
            !withdrawn.contains(&round.id)
        });
        let risks = inspect::risks_of_rounds(rounds, &openings);
        every_one_counts &= doubted.is_empty();
        self.sift(&mut doubted);
        if every_one_counts {
            self.keep_risks(&index, span, &risks)?;
        }
        Ok(risks)
    }

    /// The risks stored apart, if a reading now finds the same.
    fn known_risks(&mut self) -> Result<Option<Vec<Risk>>> {
        let stored = (self.index_path.as_deref())
            .and_then(|path| store::read_self_checked_part(path, Part::Risks));
        let Some(stored) = stored else {
            return Ok(None);
        };
        let index = self.index(IndexFrom::Stored)?;
        let (site, now) = (self.site, self.now);
        let withdrawn = self.withdrawn()?;
        let source = LedgerDir::new(&site.ledger);
        let found = known_risks::decode(&stored, &index, withdrawn, &site.contract, now, &source);
        Ok(found)
    }

    /// Stores apart the risks found from the rounds of `index`, from records within `span`
    /// that all count.
    fn keep_risks(&mut self, index: &Index, span: Span, risks: &[Risk]) -> Result<()> {
        let Some(path) = self.index_path.clone() else {
            return Ok(());
        };
        let Some(openings) = Openings::of(index, &LedgerDir::new(&self.site.ledger)) else {
            return Ok(());
        };
        if let Some(bytes) = known_risks::encode(index, self.withdrawn()?, span, openings, risks) {
            // A cache: if it cannot be stored, the next command finds the risks again.
            let _ = store::write_self_checked_part(&path, Part::Risks, &bytes);
        }
        Ok(())
    }

    /// The inspection rounds done from `from` to `to` (both in), with their readings, from
    /// the rounds the index keeps (docs/rules.md §8.10), judged as a full read judges them.
    pub fn rounds_between(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Record>> {
        let index = self.retried(|this, from| {
            let mut index = this.index(from)?;
            let mut load = part_loader(this.index_path.as_deref());
            Ok(index.load_rounds(&mut load).then_some(index))
        })?;
        let mut rounds: Vec<Record> = index
            .rounds(from.timestamp()..=to.timestamp())
            .filter(|round| (from..=to).contains(&round.instant()))
            .collect();
        self.sift(&mut rounds);
        self.withdraw(&mut rounds)?;
        Ok(rounds)
    }

    /// The backup checks whose time `counts` among which every job's latest is (docs/rules.md
    /// §8.10): the latest the index keeps, or every check when one it does not keep might be.
    pub fn latest_backup_checks(
        &mut self,
        counts: impl Fn(DateTime<Utc>) -> bool,
    ) -> Result<Vec<Record>> {
        let (mut checks, index) = self.indexed_kept_records(Kept::Backups)?;
        checks.retain(|r| counts(r.instant()));
        let latest: BTreeMap<String, Latest> = crate::routine::latest_by_job(&checks)
            .into_iter()
            .map(|(record, check)| {
                (
                    check.job.to_lowercase(),
                    (record.instant(), record.id.clone()),
                )
            })
            .collect();
        if index.backups_hidden(&latest, &counts) {
            checks = self.all_records_of_types(&[crate::record::types::BACKUP_CHECKED])?;
            checks.retain(|r| counts(r.instant()));
        }
        Ok(checks)
    }

    /// When the records a report of the time from `from` to `to` shows beside its figures were
    /// written, by the index: each void of a record of that time, and the last issue of the
    /// report kept under `month`. Their months are all the report needs to read for them.
    pub fn corrections_written(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        month: Option<&str>,
    ) -> Result<Vec<DateTime<Utc>>> {
        let (index, _) = self.refreshed_index(IndexFrom::Stored)?;
        let voids = index.voids_of(from.timestamp(), to.timestamp());
        let mut written: Vec<DateTime<Utc>> = voids
            .filter_map(|t| DateTime::from_timestamp(t, 0))
            .collect();
        let issued = month.and_then(|m| index.issued_reports().get(m));
        written.extend(issued.map(|issues| issues.last));
        Ok(written)
    }

    /// The records of the given types written in the months, voided or not.
    pub fn written_records_of_types(
        &mut self,
        months: &[NaiveDate],
        types: &[&str],
    ) -> Result<Vec<Record>> {
        self.written_records_where(Some(months), of_types(types))
    }

    /// The records of the whole ledger of the given types, voided or not.
    pub fn all_written_records_of_types(&mut self, types: &[&str]) -> Result<Vec<Record>> {
        self.written_records_where(None, of_types(types))
    }

    /// Every record written in the months (or in the whole ledger), voided or not.
    pub fn written_records(&mut self, months: Option<&[NaiveDate]>) -> Result<Vec<Record>> {
        self.written_records_where(months, |_| true)
    }

    /// The records of the months (or of the whole ledger) on the lines `read` picks by their
    /// bytes, voided or not.
    fn written_records_where(
        &mut self,
        months: Option<&[NaiveDate]>,
        read: impl Fn(&[u8]) -> bool,
    ) -> Result<Vec<Record>> {
        let dir = LedgerDir::new(&self.site.ledger);
        let months: Option<Vec<String>> = months.map(|months| {
            months
                .iter()
                .map(|m| m.format("%Y-%m").to_string())
                .collect()
        });
        let mut records = Vec::new();
        let mut problems = Problems::default();
        for file in dir.files()? {
            let partition = file.name.split('/').next().unwrap_or_default();
            if months
                .as_ref()
                .is_some_and(|months| !months.iter().any(|m| m == partition))
            {
                continue;
            }
            let mut lines = dir.lines(&file.name)?;
            let failed = |e| dir.read_failed(&file.name, e);
            while let Some(raw) = lines.next_line().map_err(failed)? {
                if matches!(raw.text, Text::Bytes(bytes) if !read(bytes)) {
                    continue;
                }
                let line = ledger::read_line(&file.name, &raw)?;
                problems.extend(line.problem(&file.name));
                records.extend(line.record);
            }
        }
        self.warn_passed_over(&dir, problems.told(), problems.untold());
        self.sift(&mut records);
        Ok(records)
    }

    /// The records of the incidents `wanted` picks, through the index.
    pub fn incident_records(&mut self, wanted: Wanted) -> Result<Vec<Record>> {
        Ok(self.indexed_incident_records(wanted)?.0)
    }

    /// The records of the incidents `wanted` picks, and the index they were found through,
    /// without those that count nowhere.
    pub fn indexed_incident_records(&mut self, wanted: Wanted) -> Result<(Vec<Record>, Index)> {
        let (mut records, index) = self.indexed_written_incident_records(wanted)?;
        self.sift(&mut records);
        Ok((records, index))
    }

    /// The records of the incidents `wanted` picks, and the index they were found through.
    fn indexed_written_incident_records(&mut self, wanted: Wanted) -> Result<(Vec<Record>, Index)> {
        let ledger = self.site.ledger.clone();
        self.retried(|this, from| {
            let index = this.index_for(&wanted, from)?;
            let ids = wanted.ids(&index, this.now);
            let records = index.records(&ids, &LedgerDir::new(&ledger))?;
            Ok(records.map(|records| (records, index)))
        })
    }

    /// What `digest` makes of each incident `wanted` picks, in no particular order. Each
    /// incident is folded as soon as its records are read, so that only the digests, not every
    /// record, are held at once.
    pub fn incidents<T>(
        &mut self,
        wanted: Wanted,
        digest: impl Fn(&Incident) -> T,
    ) -> Result<Vec<T>> {
        let ledger = self.site.ledger.clone();
        let (contract, now) = (self.site.contract.clone(), self.now);
        let mut doubted = Vec::new();
        let digests = self.retried(|this, from| {
            let sift = |records: &mut Vec<Record>| {
                let counts = |r: &Record| r.doubt(&contract, now).is_none();
                // Nearly always every record counts: then nothing is moved.
                if records.iter().all(counts) {
                    return;
                }
                let (kept, left): (Vec<Record>, Vec<Record>) =
                    std::mem::take(records).into_iter().partition(counts);
                *records = kept;
                doubted.extend(left);
            };
            if let (IndexFrom::Stored, Some(held)) = (from, this.held.clone()) {
                let ids = wanted.ids(&held, this.now);
                let folded = held.fold_each(&ids, &LedgerDir::new(&ledger), sift, &digest)?;
                if folded.is_none() {
                    // The files changed under it: from now on, the index as every read has it.
                    this.held = None;
                }
                return Ok(folded);
            }
            let mut index = this.index_for(&wanted, from)?;
            let wanted_ids: BTreeSet<String> = wanted
                .ids(&index, this.now)
                .into_iter()
                .map(str::to_string)
                .collect();
            index.retain(&wanted_ids);
            let ids: Vec<&str> = wanted_ids.iter().map(String::as_str).collect();
            Ok(index.fold_each(&ids, &LedgerDir::new(&ledger), sift, &digest)?)
        })?;
        self.sift(&mut doubted);
        Ok(digests)
    }

    /// A query tried as `RETRY` says; `None` from a try means the files no longer match the
    /// index it used.
    fn retried<T>(
        &mut self,
        mut query: impl FnMut(&mut Self, IndexFrom) -> Result<Option<T>>,
    ) -> Result<T> {
        for from in RETRY {
            if let Some(found) = query(self, from)? {
                return Ok(found);
            }
        }
        Err(LedgerError::Unsettled.into())
    }
}

/// Whether a line is of one of `types`, by its bytes; a line whose type cannot be told is read,
/// so that a problem with it is reported.
pub(super) fn of_types<'t>(types: &'t [&str]) -> impl Fn(&[u8]) -> bool + 't {
    |line| ledger::written_type(line).is_none_or(|t| types.contains(&t))
}

/// Writes a new record of `event` at `at` by the engineer writing, and returns it. A search
/// index kept in the cache learns it at once (docs/rules.md §12.3).
pub fn append(
    env: &Environment,
    site: &Site,
    record_id: String,
    at: DateTime<Utc>,
    event: Event,
) -> Result<Record> {
    let engineer = super::writer(env, site)?;
    let zone = site.contract.timezone;
    let record = Record::new(record_id, at, zone, engineer, event);
    let stem = ledger::file_stem(&record.by);
    let line = |prev: &str| Ok(record.clone().chained(prev).to_line()?);
    let appended = store::append_record(&site.ledger, &ledger::partition(at, zone), &stem, line)?;
    if let Some(index) = env
        .cache_dir()
        .and_then(|cache| index_path(cache, &site.ledger))
    {
        search::keep_up(site, &search_dir(&index));
    }
    Ok(record.chained(&appended.prev))
}

/// The ids of the records not about an incident that the voids `index` knows withdraw.
fn withdrawn_by(index: &Index) -> HashSet<String> {
    index.withdrawn().into_iter().map(str::to_string).collect()
}

/// Loads the parts stored apart beside the index at `path`.
fn part_loader(path: Option<&Path>) -> impl FnMut(Part, u64) -> Option<Vec<u8>> + '_ {
    move |part, checksum| store::read_index_part(path?, part, checksum)
}

/// Where the search index is kept beside the incident index at `index`.
fn search_dir(index: &Path) -> PathBuf {
    index.with_extension("search")
}

/// Where the index of a ledger is kept in the cache directory.
fn index_path(cache: &Path, ledger: &Path) -> Option<PathBuf> {
    let ledger = std::path::absolute(ledger).ok()?;
    let name = format!(
        "{:016x}.index",
        checksum(ledger.as_os_str().as_encoded_bytes())
    );
    Some(cache.join("index").join(name))
}

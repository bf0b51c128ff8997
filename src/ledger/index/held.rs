//! The records of the incidents a pass over the files meets first, held as they are read so
//! that each is folded without reading its records again. The incident first met is handed to
//! be folded once the records held take more than `HOLD_BYTES` of lines (its records are most
//! likely all read by then), the rest at the end of the pass; they are folded beside the pass
//! (`Beside`). One met again after it was handed over, or known to the index before the pass,
//! has its records read again from the files.

use std::collections::{HashMap, HashSet, VecDeque};
use std::thread::Scope;

use super::beside::Beside;
use super::{Settled, settle_one};
use crate::incident;
use crate::record::Record;

/// How many bytes of lines the records held may take at most (their records take about twice
/// that in memory). Tests fold every few records.
const HOLD_BYTES: u64 = if cfg!(test) { 600 } else { 4 << 20 };

type Fold = fn(usize, Vec<Record>) -> (usize, Settled);

pub struct Held<'scope, 'env> {
    /// The records of each incident held, with the bytes of their lines.
    incidents: HashMap<String, (Vec<Record>, u64)>,
    /// The incidents held, in the order first met.
    order: VecDeque<String>,
    bytes: u64,
    /// Each incident handed over, by its place in the order handed, and how many were.
    handed: HashMap<String, usize>,
    handed_count: usize,
    read_again: HashSet<String>,
    folding: Beside<'scope, 'env, (usize, Settled), Fold>,
}

impl<'scope, 'env> Held<'scope, 'env> {
    pub fn new(scope: &'scope Scope<'scope, 'env>) -> Self {
        Held {
            incidents: HashMap::new(),
            order: VecDeque::new(),
            bytes: 0,
            handed: HashMap::new(),
            handed_count: 0,
            read_again: HashSet::new(),
            folding: Beside::new(scope, &(settle_one as Fold)),
        }
    }

    /// A record from a line of `len` bytes; `known` tells whether the index knew an incident
    /// before the pass.
    pub fn take(&mut self, record: Record, len: u32, known: impl FnOnce(&str) -> bool) {
        let Some(id) = incident::subject(&record.event) else {
            return;
        };
        if let Some((records, bytes)) = self.incidents.get_mut(id) {
            records.push(record);
            *bytes += u64::from(len);
        } else if self.read_again.contains(id) {
            return;
        } else if self.handed.remove(id).is_some() || known(id) {
            self.read_again.insert(id.to_string());
            return;
        } else {
            let id = id.to_string();
            self.order.push_back(id.clone());
            self.incidents.insert(id, (vec![record], u64::from(len)));
        }
        self.bytes += u64::from(len);
        while self.bytes > HOLD_BYTES {
            self.hand_first();
        }
    }

    fn hand_first(&mut self) {
        let Some(id) = self.order.pop_front() else {
            return;
        };
        let Some((records, bytes)) = self.incidents.remove(&id) else {
            return;
        };
        self.bytes -= bytes;
        let n = self.handed_count;
        self.handed_count += 1;
        self.handed.insert(id, n);
        self.folding.hand_over(n, records, bytes);
    }

    /// How each incident whose records were all held stands, by its id.
    pub fn folded(mut self) -> HashMap<String, Settled> {
        while !self.order.is_empty() {
            self.hand_first();
        }
        let mut by_place: HashMap<usize, Settled> = self.folding.made().into_iter().collect();
        (self.handed.into_iter())
            .filter_map(|(id, n)| Some((id, by_place.remove(&n)?)))
            .collect()
    }
}

//! The search index (docs/rules.md §12.3), kept in the user's cache directory beside the
//! incident index: a tantivy index of every record's text, with how far it has read each
//! ledger file (`Progress`) committed in the same step as the words, so that the two never
//! disagree. Derived and disposable: anything unreadable is no index.

use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::DateTime;
use tantivy::collector::TopDocs;
use tantivy::directory::MmapDirectory;
use tantivy::query::Query;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TantivyDocument, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexWriter, ReloadPolicy, TantivyError, doc};

use super::StoreError;
use super::files::create_private_dir;
use crate::ledger::progress::Progress;
use crate::search::{self, Document, Kind};

/// What the index keeps of each passage.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub record: Field,
    /// The incident a passage is about, else its record: the hits of one key are one hit.
    pub key: Field,
    pub kind: Field,
    pub by: Field,
    /// When the record happened, in Unix seconds.
    pub at: Field,
    pub text: Field,
}

/// The memory each thread of a writer may use for words not yet written out.
const THREAD_MEMORY: usize = 32 << 20;

/// The most threads a writer adds passages with, to bound its memory.
const MOST_THREADS: usize = 4;

/// A passage found, with its score and the part of its text around the words found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub score: f32,
    pub document: Document,
    /// The part of the text shown, and where the words found are in it (byte ranges).
    pub passage: String,
    pub marks: Vec<Range<usize>>,
}

/// The search index of one ledger.
pub struct SearchIndex {
    index: Index,
    fields: Fields,
    path: PathBuf,
}

fn schema() -> (Schema, Fields) {
    let mut schema = Schema::builder();
    let words = TextFieldIndexing::default()
        .set_tokenizer(search::TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqs);
    let fields = Fields {
        record: schema.add_text_field("record", STORED),
        key: schema.add_text_field("key", STORED),
        kind: schema.add_text_field("kind", STRING | STORED),
        by: schema.add_text_field("by", STRING | STORED),
        // A range of times is read from the fast column, which needs no term per instant.
        at: schema.add_i64_field("at", FAST | STORED),
        text: schema.add_text_field(
            "text",
            TextOptions::default()
                .set_indexing_options(words)
                .set_stored(),
        ),
    };
    (schema.build(), fields)
}

impl SearchIndex {
    /// The index kept in `dir`, made there if there is none or it was made otherwise.
    pub fn open(dir: &Path) -> Result<SearchIndex, StoreError> {
        let failed = |e: TantivyError| write_error(dir, e);
        create_private_dir(dir, dir)?;
        let (schema, fields) = schema();
        let directory = MmapDirectory::open(dir).map_err(|e| write_error(dir, e))?;
        let index = match Index::open_or_create(directory, schema.clone()) {
            Ok(index) => index,
            Err(_) => {
                fs::remove_dir_all(dir).map_err(|e| write_error(dir, e))?;
                create_private_dir(dir, dir)?;
                let directory = MmapDirectory::open(dir).map_err(|e| write_error(dir, e))?;
                Index::create(directory, schema, Default::default()).map_err(failed)?
            }
        };
        Ok(SearchIndex::with(index, fields, dir))
    }

    /// The index kept in `dir`, if one was made there.
    pub fn existing(dir: &Path) -> Option<SearchIndex> {
        let directory = MmapDirectory::open(dir).ok()?;
        let index = Index::open(directory).ok()?;
        let (schema, fields) = schema();
        (index.schema() == schema).then(|| SearchIndex::with(index, fields, dir))
    }

    /// An index in memory, for when none can be kept: built whole on every use.
    pub fn in_memory(ledger: &Path) -> SearchIndex {
        let (schema, fields) = schema();
        SearchIndex::with(Index::create_in_ram(schema), fields, ledger)
    }

    fn with(index: Index, fields: Fields, path: &Path) -> SearchIndex {
        index
            .tokenizers()
            .register(search::TOKENIZER, search::analyzer());
        SearchIndex {
            index,
            fields,
            path: path.to_path_buf(),
        }
    }

    pub fn fields(&self) -> Fields {
        self.fields
    }

    /// How far the index has read the ledger, as its last commit says.
    pub fn progress(&self) -> Option<Progress> {
        let payload = self.index.load_metas().ok()?.payload?;
        serde_json::from_str(&payload).ok()
    }

    /// A writer, with a thread on each core when `many` passages are to come: `Ok(None)` when
    /// another otss is writing the index right now.
    pub fn writer(&self, many: bool) -> Result<Option<Writer>, StoreError> {
        let threads = if many {
            std::thread::available_parallelism().map_or(1, |cores| cores.get().min(MOST_THREADS))
        } else {
            1
        };
        match self
            .index
            .writer_with_num_threads(threads, threads * THREAD_MEMORY)
        {
            Ok(writer) => Ok(Some(Writer {
                writer,
                fields: self.fields,
                path: self.path.clone(),
            })),
            Err(TantivyError::LockFailure(..)) => Ok(None),
            Err(e) => Err(write_error(&self.path, e)),
        }
    }

    /// The `limit` best passages for `query`, best first, each with the part of its text
    /// around the words found.
    pub fn search(&self, query: &dyn Query, limit: usize) -> Result<Vec<Found>, StoreError> {
        let failed = |e: TantivyError| read_error(&self.path, e);
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(failed)?;
        let searcher = reader.searcher();
        let top = searcher
            .search(query, &TopDocs::with_limit(limit).order_by_score())
            .map_err(failed)?;
        let snippets =
            SnippetGenerator::create(&searcher, query, self.fields.text).map_err(failed)?;
        let mut found = Vec::with_capacity(top.len());
        for (score, address) in top {
            let stored: TantivyDocument = searcher.doc(address).map_err(failed)?;
            let Some(document) = self.document(&stored) else {
                continue;
            };
            let snippet = snippets.snippet(&document.text);
            found.push(Found {
                score,
                passage: snippet.fragment().to_string(),
                marks: snippet.highlighted().to_vec(),
                document,
            });
        }
        Ok(found)
    }

    fn document(&self, stored: &TantivyDocument) -> Option<Document> {
        let text = |field| Some(stored.get_first(field)?.as_str()?.to_string());
        let record = text(self.fields.record)?;
        let key = text(self.fields.key)?;
        let at = stored.get_first(self.fields.at)?.as_i64()?;
        Some(Document {
            incident: (key != record).then_some(key),
            record,
            kind: Kind::from_key(&text(self.fields.kind)?)?,
            at: DateTime::from_timestamp(at, 0)?,
            by: text(self.fields.by)?,
            text: text(self.fields.text)?,
        })
    }
}

/// Passages being added, committed with how far the ledger was read.
pub struct Writer {
    writer: IndexWriter,
    fields: Fields,
    path: PathBuf,
}

impl Writer {
    /// Forgets every passage, to build again from nothing.
    pub fn clear(&mut self) -> Result<(), StoreError> {
        self.writer
            .delete_all_documents()
            .map(drop)
            .map_err(|e| write_error(&self.path, e))
    }

    pub fn add(&mut self, document: &Document) -> Result<(), StoreError> {
        let f = self.fields;
        let key = document.incident.as_ref().unwrap_or(&document.record);
        let added = self.writer.add_document(doc!(
            f.record => document.record.as_str(),
            f.key => key.as_str(),
            f.kind => document.kind.key(),
            f.by => document.by.as_str(),
            f.at => document.at.timestamp(),
            f.text => document.text.as_str(),
        ));
        added.map(drop).map_err(|e| write_error(&self.path, e))
    }

    /// Writes the passages added, with `progress`, in one step.
    pub fn commit(mut self, progress: &Progress) -> Result<(), StoreError> {
        let failed = |e: TantivyError| write_error(&self.path, e);
        let payload = serde_json::to_string(progress).map_err(|e| write_error(&self.path, e))?;
        let mut commit = self.writer.prepare_commit().map_err(failed)?;
        commit.set_payload(&payload);
        commit.commit().map_err(failed)?;
        self.writer.wait_merging_threads().map_err(failed)
    }
}

fn write_error(path: &Path, error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Write {
        path: path.to_path_buf(),
        source: io::Error::other(error),
    }
}

fn read_error(path: &Path, error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Read {
        path: path.to_path_buf(),
        source: io::Error::other(error),
    }
}

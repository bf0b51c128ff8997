//! Turns the word-cutting dictionary jieba-rs ships into a table of word frequencies that
//! needs no building at run time (docs/rules.md §12.1): a command that cuts a few short texts
//! (a query, the passages it finds, a record just appended) looks up only the words those
//! texts hold, instead of loading all ~350,000 words first.
//!
//! The dictionary is read from jieba-rs's unpacked source, found through Cargo.lock. Where it
//! cannot be found (sources vendored elsewhere), the table is empty and otss loads the whole
//! dictionary as before: the cut is the same either way, only slower to start.

use std::collections::BTreeMap;
use std::env;
use std::fs;
use std::path::{Path, PathBuf};

const SEGMENTER: &str = "jieba-rs";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let (table, total) = match dictionary() {
        Some(path) => {
            println!("cargo:rerun-if-changed={}", path.display());
            let text = fs::read_to_string(&path).expect("the dictionary of jieba-rs is readable");
            frequencies(&text)
        }
        None => {
            println!(
                "cargo:warning=the dictionary of {SEGMENTER} was not found: search loads it whole"
            );
            (Vec::new(), 0)
        }
    };
    fs::write(out.join("dictionary.fst"), table).expect("OUT_DIR is writable");
    let total_source = format!(
        "/// The sum of every frequency of the dictionary.\npub const DICTIONARY_TOTAL: usize = {total};\n"
    );
    fs::write(out.join("dictionary_total.rs"), total_source).expect("OUT_DIR is writable");
}

/// The table of every word of the dictionary with its frequency (the last line of a word
/// wins, as when jieba-rs loads it), and the sum of the frequencies of every line.
fn frequencies(dictionary: &str) -> (Vec<u8>, u64) {
    let mut words = BTreeMap::new();
    let mut total = 0u64;
    for line in dictionary.lines() {
        let mut fields = line.split_ascii_whitespace();
        let Some(word) = fields.next() else { continue };
        let frequency = fields.next().map_or(0, |f| {
            f.parse::<u64>()
                .expect("every frequency of the dictionary is a number")
        });
        total += frequency;
        words.insert(word, frequency);
    }
    let mut table = tantivy_fst::MapBuilder::memory();
    for (word, frequency) in words {
        table
            .insert(word, frequency)
            .expect("words are inserted in order");
    }
    (table.into_inner().expect("the table is built"), total)
}

/// Where the dictionary of the jieba-rs that Cargo.lock names was unpacked by cargo.
fn dictionary() -> Option<PathBuf> {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR")?);
    let lock = fs::read_to_string(manifest.join("Cargo.lock")).ok()?;
    let version = locked_version(&lock, SEGMENTER)?;
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| Some(PathBuf::from(env::var_os("HOME")?).join(".cargo")))?;
    let registries = fs::read_dir(cargo_home.join("registry").join("src")).ok()?;
    registries
        .filter_map(Result::ok)
        .map(|registry| dictionary_in(&registry.path(), &version))
        .find(|path| path.is_file())
}

fn dictionary_in(registry: &Path, version: &str) -> PathBuf {
    registry
        .join(format!("{SEGMENTER}-{version}"))
        .join("src")
        .join("data")
        .join("dict.txt")
}

/// The version of `package` in a Cargo.lock, when it comes from crates.io: a package patched
/// or taken from elsewhere may hold another dictionary than the one unpacked for its version.
fn locked_version(lock: &str, package: &str) -> Option<String> {
    let name = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    lines.find(|line| line.trim() == name)?;
    let version = lines.next()?.trim().strip_prefix("version = \"")?;
    let source = lines.next()?.trim();
    (source == "source = \"registry+https://github.com/rust-lang/crates.io-index\"")
        .then(|| version.trim_end_matches('"').to_string())
}

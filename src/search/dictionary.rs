//! The dictionary Chinese is cut by (docs/rules.md §12.1), in two forms that cut every text
//! alike. The whole one loads all ~350,000 words of jieba's dictionary, which takes a tenth
//! of a second; it pays when many texts are cut, as when the index is built. The sparse one
//! starts empty and learns, from a table made when otss is built, only the words that stand
//! in the texts it is given, with their frequencies; a query and the passages it finds are
//! cut by it in well under a millisecond.
//!
//! Why the cuts agree: jieba cuts a text by the dictionary words that stand in it, weighed by
//! their frequency against the sum of all frequencies. The sparse dictionary holds every word
//! that stands in the texts it has learnt, with the same frequency, and keeps the same sum by
//! a filler word that no cut ever looks up (jieba looks words up only inside runs of Chinese
//! letters, ASCII letters and digits, and `+#&._%-`, and hands out single characters outside
//! them). The synonym table's phrases are added
//! to both in the same order, after every dictionary word inside them, so jieba suggests them
//! the same frequencies.

use std::sync::{LazyLock, Mutex, OnceLock, PoisonError};

use jieba_rs::{Jieba, Token, TokenizeMode};
use tantivy_fst::raw::{Fst, Output};

use super::SYNONYMS;

include!(concat!(env!("OUT_DIR"), "/dictionary_total.rs"));

/// Every word of jieba's dictionary with its frequency, made when otss is built.
static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dictionary.fst"));

/// Stands for the words not learnt: its frequency keeps the sum of all frequencies whole.
/// Outside the runs it looks words up in, jieba hands out single characters (or `\r\n`),
/// so no cut, not even of a phrase of the synonym table, ever looks it up.
const FILLER: &str = "\u{1}\u{1}";

static WHOLE: OnceLock<Jieba> = OnceLock::new();

static SPARSE: LazyLock<Option<Mutex<Sparse>>> = LazyLock::new(|| Sparse::new().map(Mutex::new));

/// The words of `text` in search mode, as `(word, byte start, byte end)`.
pub fn cut(text: &str) -> Vec<(String, usize, usize)> {
    if let Some(whole) = WHOLE.get() {
        return owned(cut_by(whole, text));
    }
    match SPARSE.as_ref() {
        Some(sparse) => {
            let mut sparse = sparse.lock().unwrap_or_else(PoisonError::into_inner);
            sparse.learn(text);
            owned(cut_by(&sparse.jieba, text))
        }
        None => owned(cut_by(whole(), text)),
    }
}

/// Loads the whole dictionary, for when many texts are about to be cut.
pub fn expect_many_texts() {
    whole();
}

fn whole() -> &'static Jieba {
    WHOLE.get_or_init(|| {
        let mut jieba = Jieba::new();
        add_synonyms(&mut jieba);
        jieba
    })
}

/// The phrases of the synonym table that are not plain ASCII, as words: `复制延迟` is one word
/// to find (and its parts too).
fn add_synonyms(jieba: &mut Jieba) {
    let phrases = SYNONYMS.iter().flat_map(|group| group.iter());
    for phrase in phrases.filter(|phrase| !phrase.is_ascii()) {
        jieba.add_word(phrase, None, None);
    }
}

fn cut_by<'a>(jieba: &Jieba, text: &'a str) -> Vec<Token<'a>> {
    jieba.tokenize(text, TokenizeMode::Search, true)
}

fn owned(tokens: Vec<Token<'_>>) -> Vec<(String, usize, usize)> {
    tokens
        .into_iter()
        .map(|token| (token.word.to_string(), token.byte_start, token.byte_end))
        .collect()
}

/// The dictionary as far as the texts learnt need it.
struct Sparse {
    jieba: Jieba,
    table: Fst<&'static [u8]>,
    /// The frequencies of the words not learnt yet.
    unlearnt: usize,
}

impl Sparse {
    /// None when otss was built without the table.
    fn new() -> Option<Sparse> {
        if DICTIONARY_TOTAL == 0 {
            return None;
        }
        let mut sparse = Sparse {
            jieba: Jieba::empty(),
            table: Fst::new(TABLE).ok()?,
            unlearnt: DICTIONARY_TOTAL,
        };
        sparse.jieba.add_word(FILLER, Some(DICTIONARY_TOTAL), None);
        let phrases = SYNONYMS.iter().flat_map(|group| group.iter());
        for phrase in phrases.filter(|phrase| !phrase.is_ascii()) {
            sparse.learn(phrase);
        }
        add_synonyms(&mut sparse.jieba);
        Some(sparse)
    }

    /// Adds every dictionary word that stands in `text` and is not known yet.
    fn learn(&mut self, text: &str) {
        for (start, _) in text.char_indices() {
            for (word, frequency) in self.words_at(&text[start..]) {
                if !self.jieba.has_word(word) {
                    self.unlearnt -= frequency;
                    self.jieba.add_word(FILLER, Some(self.unlearnt), None);
                    self.jieba.add_word(word, Some(frequency), None);
                }
            }
        }
    }

    /// The dictionary words `rest` starts with, with their frequencies.
    fn words_at<'t>(&self, rest: &'t str) -> Vec<(&'t str, usize)> {
        let mut words = Vec::new();
        let mut node = self.table.root();
        let mut output = Output::zero();
        for (at, byte) in rest.bytes().enumerate() {
            let Some(i) = node.find_input(byte) else {
                break;
            };
            let step = node.transition(i);
            output = output.cat(step.out);
            node = self.table.node(step.addr);
            let end = at + 1;
            if node.is_final() && rest.is_char_boundary(end) {
                let frequency = output.cat(node.final_output()).value();
                words.push((&rest[..end], frequency as usize));
            }
        }
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Sentences of the kind a ledger holds, for their letters and words.
    const SENTENCES: &[&str] = &[
        "今天早上TKE节点出现NotReady，重启kubelet后恢复",
        "只读实例复制延迟指标，一次 TencentDB 慢查询分析",
        "主从延迟导致业务超时，切换后恢复正常",
        "磁盘空间不足，清理日志并扩容云硬盘",
        "负载均衡健康检查失败，后端云服务器宕机",
        "证书过期导致 HTTPS 访问报错 5xx",
        "数据库连接数打满，应用报错 too many connections",
        "中华人民共和国国务院办公厅关于节假日安排的通知",
        "南京市长江大桥上的车辆排队等候",
        "内存溢出后容器被杀死，快照备份恢复，权限配置丢包",
        "告警恢复正常后再次告警",
    ];

    fn letters() -> Vec<char> {
        let mut letters: Vec<char> = SENTENCES.concat().chars().collect();
        letters.sort_unstable();
        letters.dedup();
        letters
    }

    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            prop::sample::select(SENTENCES).prop_flat_map(|sentence| {
                let chars: Vec<char> = sentence.chars().collect();
                let len = chars.len();
                (0..len, 0..len).prop_map(move |(a, b)| {
                    let (from, to) = (a.min(b), a.max(b) + 1);
                    chars[from..to].iter().collect::<String>()
                })
            }),
            prop::collection::vec(prop::sample::select(letters()), 1..8)
                .prop_map(|chars| chars.into_iter().collect::<String>()),
        ];
        prop::collection::vec(piece, 1..6).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn the_sparse_dictionary_cuts_as_the_whole_one(texts in prop::collection::vec(text(), 1..4)) {
            let mut sparse = Sparse::new().expect("otss is built with the table");
            for text in &texts {
                sparse.learn(text);
                prop_assert_eq!(owned(cut_by(&sparse.jieba, text)), owned(cut_by(whole(), text)));
            }
        }
    }

    #[test]
    fn texts_learnt_before_do_not_change_how_a_text_is_cut() {
        let mut sparse = Sparse::new().expect("otss is built with the table");
        for sentence in SENTENCES {
            sparse.learn(sentence);
        }
        for sentence in SENTENCES {
            assert_eq!(
                owned(cut_by(&sparse.jieba, sentence)),
                owned(cut_by(whole(), sentence))
            );
        }
    }

    #[test]
    fn no_cut_yields_the_filler_word_even_of_a_text_that_holds_it() {
        let mut sparse = Sparse::new().expect("otss is built with the table");
        for sentence in SENTENCES {
            let text = format!("{sentence}{FILLER}{sentence}");
            sparse.learn(&text);
            let cut = owned(cut_by(&sparse.jieba, &text));
            assert!(cut.iter().all(|(word, _, _)| word != FILLER), "{cut:?}");
            assert_eq!(cut, owned(cut_by(whole(), &text)));
        }
    }
}

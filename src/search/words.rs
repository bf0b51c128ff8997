//! Text cut into words (docs/rules.md §12.1): Chinese by jieba's dictionary, search mode (a
//! long word also yields the shorter words in it, so `主从延迟` finds `主从`), everything
//! else at spaces and punctuation, with names joined by `-`, `_` or `.` kept whole as well as
//! in parts (`cdb-prod-01`, `5xx`); then lowercased, and English reduced to its stem
//! (`restarted`, `restarting` → `restart`). The same cut serves the records and the query,
//! so what is typed matches what was written.

use super::dictionary;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// The name the analyzer is registered under in the index.
pub const TOKENIZER: &str = "otss_words";

/// Longer tokens are not words (a hash, a pasted blob) and are left out.
const LONGEST_WORD: usize = 40;

/// The whole cut: words, lowercased, English stemmed.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(Words)
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The words of a text, as jieba cuts them in search mode, without spaces and punctuation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Words;

pub struct WordStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        let mut words = dictionary::cut(text);
        // In the order they stand in the text, a word before the shorter words inside it,
        // as highlighting needs them.
        words.sort_by_key(|(_, start, end)| (*start, std::cmp::Reverse(*end)));
        let tokens = words
            .into_iter()
            .filter(|(word, _, _)| word.chars().any(char::is_alphanumeric))
            .enumerate()
            .map(|(position, (text, offset_from, offset_to))| Token {
                offset_from,
                offset_to,
                position,
                text,
                position_length: 1,
            })
            .collect();
        WordStream { tokens, next: 0 }
    }
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// The words of `text` as the index holds them.
pub fn words(text: &str) -> Vec<String> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut words = Vec::new();
    while let Some(token) = stream.next() {
        words.push(token.text.clone());
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_cut_into_words_inside_a_sentence() {
        let cut = words("今天早上TKE节点出现NotReady，重启kubelet后恢复");
        for word in ["节点", "出现", "tke", "notreadi", "重启", "kubelet", "恢复"] {
            assert!(cut.contains(&word.to_string()), "{word} not in {cut:?}");
        }
    }

    #[test]
    fn english_is_lowercased_and_stemmed() {
        assert_eq!(words("Restarted"), words("restarting"));
        assert_eq!(words("Queries"), words("query"));
        assert_eq!(words("CVM"), vec!["cvm"]);
    }

    #[test]
    fn names_and_ids_are_kept_as_written_and_in_parts() {
        let cut = words("cdb-prod-01 returns 5xx");
        assert!(cut.contains(&"cdb-prod-01".to_string()), "{cut:?}");
        assert!(cut.contains(&"cdb".to_string()), "{cut:?}");
        assert!(cut.contains(&"5xx".to_string()), "{cut:?}");
    }

    #[test]
    fn the_phrases_of_the_synonym_table_are_words_whole_and_in_parts() {
        let cut = words("只读实例复制延迟指标，一次 TencentDB 慢查询分析");
        for word in ["复制延迟", "复制", "延迟", "慢查询"] {
            assert!(cut.contains(&word.to_string()), "{word} not in {cut:?}");
        }
    }

    #[test]
    fn punctuation_and_spaces_are_not_words() {
        assert_eq!(words("，。 - / ！"), Vec::<String>::new());
    }
}

//! Ledger files read line by line in bounded memory (docs/rules.md §10.10). A
//! line longer than any record may be is passed over as it streams by, never held whole, so a
//! file with a line of gigabytes costs no more memory than one of kilobytes.

use std::io::{self, Read};

/// The longest line that can hold a record: 1 MiB. A longer line is not a record.
pub const MAX_LINE: usize = 1 << 20;

/// How much of a file is read at a time.
const CHUNK: usize = 64 * 1024;

/// FNV-1a, 64 bits, fed as bytes stream by: a checksum that stays the same across platforms
/// and releases (the standard library's hasher promises neither).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checksum(u64);

impl Default for Checksum {
    fn default() -> Checksum {
        Checksum(0xcbf2_9ce4_8422_2325)
    }
}

impl Checksum {
    pub fn update(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    }

    pub fn value(self) -> u64 {
        self.0
    }
}

/// What a line holds: its bytes, or only its length when it is longer than `MAX_LINE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text<'a> {
    Bytes(&'a [u8]),
    TooLong(u64),
}

/// One line as it streamed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawLine<'a> {
    /// 1-based.
    pub number: usize,
    /// Where the line starts in the file.
    pub start: u64,
    pub text: Text<'a>,
    /// Whether a newline ends it.
    pub terminated: bool,
}

impl RawLine<'_> {
    /// The line's length without its newline.
    pub fn length(&self) -> u64 {
        match self.text {
            Text::Bytes(bytes) => bytes.len() as u64,
            Text::TooLong(len) => len,
        }
    }

    /// Where the next line starts.
    pub fn end(&self) -> u64 {
        self.start + self.length() + u64::from(self.terminated)
    }
}

/// The first line of `bytes` held in memory, numbered 1, as `Lines` would hand it out (of no
/// bytes, an empty line without its newline, where `Lines` hands out none).
pub fn first_line(bytes: &[u8]) -> RawLine<'_> {
    let end = memchr::memchr(b'\n', bytes);
    let line = &bytes[..end.unwrap_or(bytes.len())];
    let text = match line.len() > MAX_LINE {
        true => Text::TooLong(line.len() as u64),
        false => Text::Bytes(line),
    };
    RawLine {
        number: 1,
        start: 0,
        text,
        terminated: end.is_some(),
    }
}

/// The lines of a file, from a reader, holding at most about `MAX_LINE` bytes at once.
pub struct Lines<R> {
    reader: R,
    /// `buf[..filled]` was read; `buf[..start]` of it is handed out already.
    buf: Vec<u8>,
    start: usize,
    filled: usize,
    /// `buf[start..scanned]` holds no newline.
    scanned: usize,
    /// Where `buf[0]` is in the file.
    base: u64,
    number: usize,
    eof: bool,
    /// Of every byte handed out or skipped, when it is kept.
    checksum: Option<Checksum>,
}

impl<R: Read> Lines<R> {
    /// The lines of `reader`, which is at `offset` in its file, numbered from `first_number`.
    pub fn new(reader: R, offset: u64, first_number: usize) -> Lines<R> {
        Lines::with_buffer(reader, offset, first_number, CHUNK)
    }

    /// The lines of a whole file, from its first, without a checksum: for a reader that only
    /// wants the lines, spared hashing every byte.
    pub fn unchecked(reader: R) -> Lines<R> {
        Lines {
            checksum: None,
            ..Lines::new(reader, 0, 1)
        }
    }

    /// The same, reading `buffer` bytes at a time to begin with: a reader known to hold only
    /// a few bytes costs no larger buffer.
    pub fn with_buffer(reader: R, offset: u64, first_number: usize, buffer: usize) -> Lines<R> {
        Lines {
            reader,
            buf: vec![0; buffer.clamp(1, CHUNK)],
            start: 0,
            filled: 0,
            scanned: 0,
            base: offset,
            number: first_number,
            eof: false,
            checksum: Some(Checksum::default()),
        }
    }

    /// The checksum of every byte handed out or skipped so far (none when `unchecked`).
    pub fn checksum(&self) -> Checksum {
        debug_assert!(self.checksum.is_some(), "the checksum of unchecked lines");
        self.checksum.unwrap_or_default()
    }

    /// Where in the file the next byte is.
    pub fn offset(&self) -> u64 {
        self.base + self.start as u64
    }

    /// Passes over `count` bytes without looking for lines (they still count in the
    /// checksum); returns how many there were before the file ended.
    pub fn skip(&mut self, count: u64) -> io::Result<u64> {
        let mut left = count;
        while left > 0 {
            if self.start == self.filled && !self.fill()? {
                break;
            }
            let take = (self.filled - self.start).min(usize::try_from(left).unwrap_or(usize::MAX));
            self.consume(take);
            left -= take as u64;
        }
        Ok(count - left)
    }

    /// The next byte, without passing over it.
    pub fn peek(&mut self) -> io::Result<Option<u8>> {
        if self.start == self.filled && !self.fill()? {
            return Ok(None);
        }
        Ok(Some(self.buf[self.start]))
    }

    /// The next line, or `None` at the end of the file.
    pub fn next_line(&mut self) -> io::Result<Option<RawLine<'_>>> {
        loop {
            let from = self.scanned.max(self.start);
            if let Some(at) = memchr::memchr(b'\n', &self.buf[from..self.filled]) {
                return Ok(Some(self.hand_out(from + at - self.start, true)));
            }
            self.scanned = self.filled;
            let held = self.filled - self.start;
            if held > MAX_LINE {
                return self.pass_over_long_line().map(Some);
            }
            if !self.fill()? {
                return Ok((held > 0).then(|| self.hand_out(held, false)));
            }
        }
    }

    /// The `len` bytes at `start` as a line, with its newline when `terminated`.
    fn hand_out(&mut self, len: usize, terminated: bool) -> RawLine<'_> {
        let start = self.start;
        let line_start = self.offset();
        let number = self.number;
        self.number += 1;
        self.consume(len + usize::from(terminated));
        let text = if len > MAX_LINE {
            Text::TooLong(len as u64)
        } else {
            Text::Bytes(&self.buf[start..start + len])
        };
        RawLine {
            number,
            start: line_start,
            text,
            terminated,
        }
    }

    /// A line found longer than `MAX_LINE` before its end: read to its end, keeping nothing
    /// of it.
    fn pass_over_long_line(&mut self) -> io::Result<RawLine<'static>> {
        let line_start = self.offset();
        let number = self.number;
        self.number += 1;
        let mut len = 0u64;
        loop {
            let held = self.filled - self.start;
            if let Some(at) = memchr::memchr(b'\n', &self.buf[self.start..self.filled]) {
                len += at as u64;
                self.consume(at + 1);
                return Ok(long_line(number, line_start, len, true));
            }
            len += held as u64;
            self.consume(held);
            if !self.fill()? {
                return Ok(long_line(number, line_start, len, false));
            }
        }
    }

    /// Hands out `count` more bytes: into the checksum, and past `start`.
    fn consume(&mut self, count: usize) {
        if let Some(checksum) = &mut self.checksum {
            checksum.update(&self.buf[self.start..self.start + count]);
        }
        self.start += count;
    }

    /// Reads more of the file, first moving what is not handed out yet to the front of the
    /// buffer, and growing it when that fills it; `false` at its end.
    fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.start > 0 {
            self.buf.copy_within(self.start..self.filled, 0);
            self.base += self.start as u64;
            self.filled -= self.start;
            self.scanned = self.scanned.saturating_sub(self.start);
            self.start = 0;
        }
        if self.filled == self.buf.len() {
            self.buf
                .resize((self.buf.len() * 2).clamp(CHUNK, MAX_LINE + CHUNK), 0);
        }
        let read = loop {
            match self.reader.read(&mut self.buf[self.filled..]) {
                Ok(read) => break read,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        self.filled += read;
        self.eof = read == 0;
        Ok(!self.eof)
    }
}

fn long_line(number: usize, start: u64, len: u64, terminated: bool) -> RawLine<'static> {
    RawLine {
        number,
        start,
        text: Text::TooLong(len),
        terminated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out a few bytes at a time, as a pipe or a slow disk may.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// A line as (number, start, its bytes or its length, terminated).
    type Seen = (usize, u64, Result<Vec<u8>, u64>, bool);

    /// Every line, read `step` bytes at a time; the same read without a checksum.
    fn all(bytes: &[u8], step: usize) -> Vec<Seen> {
        let mut lines = Lines::new(Trickle(bytes, step), 0, 1);
        let found = seen(&mut lines);
        let mut whole = Checksum::default();
        whole.update(bytes);
        assert_eq!(lines.checksum(), whole, "every byte counted once");
        let unchecked = seen(&mut Lines::unchecked(Trickle(bytes, step)));
        assert_eq!(unchecked, found, "the same lines without a checksum");
        found
    }

    fn seen<R: Read>(lines: &mut Lines<R>) -> Vec<Seen> {
        let mut found = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            found.push(seen_line(&line));
        }
        found
    }

    fn seen_line(line: &RawLine) -> Seen {
        let text = match line.text {
            Text::Bytes(b) => Ok(b.to_vec()),
            Text::TooLong(len) => Err(len),
        };
        (line.number, line.start, text, line.terminated)
    }

    #[test]
    fn lines_are_split_at_newlines_however_the_bytes_arrive() {
        let bytes = b"one\n\ntwo\nthree";
        for step in [1, 2, 5, CHUNK] {
            assert_eq!(
                all(bytes, step),
                [
                    (1, 0, Ok(b"one".to_vec()), true),
                    (2, 4, Ok(Vec::new()), true),
                    (3, 5, Ok(b"two".to_vec()), true),
                    (4, 9, Ok(b"three".to_vec()), false),
                ]
            );
        }
        assert!(all(b"", 3).is_empty());
    }

    #[test]
    fn the_first_line_of_bytes_held_is_the_line_they_would_stream_first() {
        let long = [vec![b'x'; MAX_LINE + 1], b"\nb".to_vec()].concat();
        let cases: [&[u8]; 6] = [
            b"one\ntwo\n",
            b"one",
            b"\none",
            b"one\r\n",
            b"{}\n\n",
            &long,
        ];
        for bytes in cases {
            let streamed = seen(&mut Lines::new(bytes, 0, 1)).remove(0);
            assert_eq!(seen_line(&first_line(bytes)), streamed);
        }
    }

    #[test]
    fn a_line_longer_than_a_record_is_measured_not_kept() {
        let long = vec![b'x'; MAX_LINE + 1];
        let mut bytes = b"a\n".to_vec();
        bytes.extend_from_slice(&long);
        bytes.extend_from_slice(b"\nb\n");
        bytes.extend_from_slice(&long);
        for step in [CHUNK, 7 * CHUNK + 3] {
            let second_long = 2 + MAX_LINE as u64 + 1 + 1 + 2;
            assert_eq!(
                all(&bytes, step),
                [
                    (1, 0, Ok(b"a".to_vec()), true),
                    (2, 2, Err(MAX_LINE as u64 + 1), true),
                    (3, second_long - 2, Ok(b"b".to_vec()), true),
                    (4, second_long, Err(MAX_LINE as u64 + 1), false),
                ]
            );
        }
        let exactly = vec![b'y'; MAX_LINE];
        assert_eq!(all(&exactly, CHUNK)[0].2, Ok(exactly.clone()));
    }

    #[test]
    fn skipped_bytes_count_in_the_checksum_and_lines_go_on_after_them() {
        let bytes = b"head\ntail\n";
        let mut lines = Lines::new(&bytes[..], 0, 1);
        assert_eq!(lines.skip(5).unwrap(), 5);
        let mut head = Checksum::default();
        head.update(b"head\n");
        assert_eq!(lines.checksum(), head);
        assert_eq!(lines.peek().unwrap(), Some(b't'));
        let line = lines.next_line().unwrap().unwrap();
        assert_eq!((line.start, line.text), (5, Text::Bytes(b"tail")));
        assert_eq!(lines.skip(10).unwrap(), 0, "nothing left");
        assert_eq!(lines.offset(), 10);
    }
}

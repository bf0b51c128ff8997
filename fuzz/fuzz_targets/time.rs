//! Times and durations are typed by people (`--at`, contract budgets) and read back from the
//! ledger: any text must parse or be refused, never panic. A duration read must write back
//! (`format_duration`, also the ledger's form) as text that reads as the same duration, and
//! an instant read must write back as RFC 3339 that reads as the same instant (where the
//! zone's offset is whole minutes: RFC 3339 cannot write the local mean time of the zone
//! database's years before 1901, such as Shanghai's +08:05:43).
#![no_main]

use chrono::Offset as _;
use chrono_tz::{Asia::Shanghai, Europe::Berlin};
use libfuzzer_sys::fuzz_target;
use otss::i18n::Lang;
use otss::time::{format_duration, parse_duration, parse_instant, rfc3339};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Berlin has DST: local times it skips or repeats must be refused, not guessed.
    for zone in [Shanghai, Berlin] {
        match parse_instant(&text, zone) {
            Ok(t) if t.with_timezone(&zone).offset().fix().local_minus_utc() % 60 == 0 => {
                let written = rfc3339(t, zone);
                assert_eq!(parse_instant(&written, zone), Ok(t), "{written}");
            }
            Ok(_) => {}
            Err(error) => {
                let error = otss::app::Error::Time {
                    input: otss::app::Input::At,
                    error,
                };
                for lang in Lang::ALL {
                    let _ = lang.messages().error(&error);
                }
            }
        }
    }
    if let Ok(duration) = parse_duration(&text) {
        assert!(duration.num_seconds() >= 0, "negative duration");
        let written = format_duration(duration);
        assert_eq!(parse_duration(&written), Ok(duration), "{written}");
    }
});

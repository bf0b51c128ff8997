//! Time zones named in a contract or typed: IANA names, with the closest suggested.

use chrono_tz::Tz;

use crate::suggest::closest;

/// A name that is no IANA time zone, and the closest one that is, if one is close.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownZone {
    pub near: Option<&'static str>,
}

pub fn parse_zone(name: &str) -> Result<Tz, UnknownZone> {
    name.parse::<Tz>().map_err(|_| {
        let names = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name());
        UnknownZone {
            near: closest(name, names),
        }
    })
}

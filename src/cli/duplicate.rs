//! Duplicates caught at the door (docs/rules.md §10.3): at a terminal, a likely duplicate is
//! a question; elsewhere the command is refused unless `--force`.

use super::context::Context;
use super::{answered, prompt, restore_terminal_on_interrupt};
use crate::app::{Error, Repeats, Result};
use crate::duplicate::Duplicate;
use crate::output::Output;

/// What `write` wrote, or `None` when the person declined: `write` refuses a likely duplicate
/// unless repeats are allowed (`force`). At a terminal that refusal becomes a question showing
/// the duplicate (default no); "no" says that nothing was recorded.
pub(super) fn unless_declined<T>(
    context: &Context,
    out: &mut Output,
    force: bool,
    mut write: impl FnMut(&mut Output, Repeats) -> Result<T>,
) -> Result<Option<T>> {
    match write(out, Repeats::allowed_if(force)) {
        Err(Error::Duplicate(duplicate)) if context.interactive() => {
            if confirmed(out, &duplicate)? {
                return write(out, Repeats::Allowed).map(Some);
            }
            out.line(out.messages().nothing_recorded())?;
            Ok(None)
        }
        written => written.map(Some),
    }
}

/// Whether the person wants to record it although it looks like `duplicate`.
fn confirmed(out: &Output, duplicate: &Duplicate) -> Result<bool> {
    restore_terminal_on_interrupt();
    let m = out.messages();
    let question = m.record_anyway(duplicate);
    answered(
        dialoguer::Confirm::with_theme(prompt::theme(m))
            .with_prompt(crate::text::one_line(&question))
            .default(false)
            .interact(),
    )
}

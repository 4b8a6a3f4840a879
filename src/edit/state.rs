//! The editor's state in one reducer: the draft (pending edits with their
//! history, message, identity) as kept by `vitrine-core`, which dialog is
//! open, and how the last sending went.

use std::rc::Rc;
use vitrine_core::changeset::{Draft, Problem, RowRef};
use yew::Reducible;

/// Why sending failed.
#[derive(Clone, Debug, PartialEq)]
pub enum SendError {
    /// No answer (offline, server down, CORS).
    Offline,
    /// An error status, with the server's messages (English, French) when it gave them.
    Status {
        status: u16,
        message: Option<(String, String)>,
    },
}

/// The last sending.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum SendStatus {
    #[default]
    Idle,
    Sending,
    /// Accepted; the reference number.
    Sent(String),
    Failed(SendError),
}

/// A problem the server reported, located on the editor's cell.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerProblem {
    pub row: Option<RowRef>,
    pub field: String,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct EditState {
    pub draft: Draft,
    /// The row whose full form is open, and the field to focus in it.
    pub form: Option<(RowRef, Option<String>)>,
    pub review_open: bool,
    pub send: SendStatus,
    pub server_problems: Vec<ServerProblem>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EditAction {
    /// The editor set a cell whose dataset text is `before` to `after`.
    Set {
        row: RowRef,
        field: String,
        before: String,
        after: String,
    },
    Revert(RowRef, String),
    Undo,
    Redo,
    Message(String),
    Name(String),
    Email(String),
    Consent(bool),
    OpenForm(RowRef, Option<String>),
    /// Opens the form of a new row.
    NewRow,
    CloseForm,
    OpenReview,
    CloseReview,
    Sending,
    Sent(String),
    Failed(SendError, Vec<ServerProblem>),
}

impl EditState {
    pub fn new(draft: Draft) -> EditState {
        EditState {
            draft,
            ..EditState::default()
        }
    }

    /// The state after `action`.
    pub fn apply(&self, action: EditAction) -> EditState {
        let mut s = self.clone();
        let history = &mut s.draft.history;
        match action {
            EditAction::Set {
                row,
                field,
                before,
                after,
            } => {
                s.server_problems
                    .retain(|p| !(p.row.as_ref() == Some(&row) && p.field == field));
                history.record(row, &field, &before, &after);
            }
            EditAction::Revert(row, field) => {
                history.revert(&row, &field);
            }
            EditAction::Undo => {
                history.undo();
            }
            EditAction::Redo => {
                history.redo();
            }
            EditAction::Message(m) => s.draft.message = m,
            EditAction::Name(n) => s.draft.name = n,
            EditAction::Email(e) => s.draft.email = e,
            EditAction::Consent(c) => s.draft.consent = c,
            EditAction::OpenForm(row, focus) => {
                s.form = Some((row, focus));
                s.review_open = false;
            }
            EditAction::NewRow => {
                s.form = Some((RowRef::New(history.next_new_row()), None));
                s.review_open = false;
            }
            EditAction::CloseForm => s.form = None,
            EditAction::OpenReview => {
                s.review_open = true;
                s.form = None;
            }
            EditAction::CloseReview => s.review_open = false,
            EditAction::Sending => s.send = SendStatus::Sending,
            EditAction::Sent(reference) => {
                let keep_version = s.draft.version.clone();
                s.draft = Draft {
                    version: keep_version,
                    ..Draft::default()
                };
                s.server_problems.clear();
                s.send = SendStatus::Sent(reference);
            }
            EditAction::Failed(error, problems) => {
                s.server_problems = problems;
                s.send = SendStatus::Failed(error);
            }
        }
        if !matches!(s.send, SendStatus::Sending) && s.draft != self.draft {
            // A new edit after a success or a failure: the old outcome no longer applies.
            if matches!(self.send, SendStatus::Sent(_)) && !s.draft.history.is_empty() {
                s.send = SendStatus::Idle;
            }
        }
        s
    }
}

impl Reducible for EditState {
    type Action = EditAction;

    fn reduce(self: Rc<Self>, action: EditAction) -> Rc<Self> {
        let next = self.apply(action);
        if next == *self { self } else { Rc::new(next) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(row: &str, field: &str, after: &str) -> EditAction {
        EditAction::Set {
            row: RowRef::Key(row.into()),
            field: field.into(),
            before: "old".into(),
            after: after.into(),
        }
    }

    #[test]
    fn edits_undo_and_sending_keep_or_clear_the_draft() {
        let s = EditState::default()
            .apply(set("a", "x", "1"))
            .apply(set("b", "x", "2"))
            .apply(EditAction::Undo);
        assert_eq!(s.draft.history.edits().len(), 1);
        let failed = s
            .apply(EditAction::Sending)
            .apply(EditAction::Failed(SendError::Offline, Vec::new()));
        assert_eq!(failed.draft, s.draft, "a failure loses nothing");
        let sent = failed.apply(EditAction::Sent("42".into()));
        assert!(sent.draft.history.is_empty());
        assert_eq!(sent.send, SendStatus::Sent("42".into()));
    }

    #[test]
    fn new_rows_get_fresh_numbers_and_dialogs_exclude_each_other() {
        let s = EditState::default().apply(EditAction::NewRow);
        assert_eq!(s.form, Some((RowRef::New(0), None)));
        let s = s
            .apply(EditAction::Set {
                row: RowRef::New(0),
                field: "id".into(),
                before: String::new(),
                after: "p".into(),
            })
            .apply(EditAction::OpenReview);
        assert!(s.review_open && s.form.is_none());
        assert_eq!(
            s.apply(EditAction::NewRow).form,
            Some((RowRef::New(1), None))
        );
    }
}

//! A suggestion as before/after lines grouped by project, each line judged
//! again in the browser by `vitrine-core` against the full schema.

use std::collections::BTreeMap;

use vitrine_core::{Schema, validate_cell};

use super::model::{Change, Review, ReviewProblem, Suggestion};
use crate::i18n::Lang;

/// The project (row) a group of changes concerns.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Project {
    /// An existing row, by primary key or index.
    Row(String),
    /// A new row (its group number).
    New(u32),
}

/// One changed cell.
#[derive(Clone, Debug, PartialEq)]
pub struct DiffLine {
    /// Position of the change in the suggestion.
    pub index: usize,
    pub field: String,
    /// The field's title in the interface language (its name when it has none).
    pub title: String,
    pub before: String,
    pub after: String,
    /// Problems of the proposed value (empty: valid).
    pub problems: Vec<String>,
    /// True when the problems come from the server's review (no schema here).
    pub server_checked: bool,
    pub field_known: bool,
    /// The value before no longer matches the data.
    pub conflict: bool,
    /// The cell's current text when the server gave it.
    pub current: Option<String>,
    pub row_found: bool,
}

impl DiffLine {
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty() && self.field_known
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProjectDiff {
    pub project: Project,
    pub lines: Vec<DiffLine>,
    /// Problems of the row as a whole, from the server's review (e.g. a new
    /// row missing a required field).
    pub row_problems: Vec<String>,
}

fn project_of(change: &Change) -> Project {
    match &change.row_id {
        Some(id) => Project::Row(id.to_string()),
        None => Project::New(change.new_row.unwrap_or(0)),
    }
}

/// Groups the changes by project in the order they first appear, and judges
/// each proposed value with `schema` (the other values of the row are the
/// suggestion's own values for that row). Without a schema, the server's
/// review is shown instead.
pub fn build_diff(
    suggestion: &Suggestion,
    schema: Option<&Schema>,
    lang: Lang,
) -> Vec<ProjectDiff> {
    let reviews: BTreeMap<usize, &Review> = suggestion
        .review
        .changes
        .iter()
        .map(|r| (r.index, r))
        .collect();
    let mut order: Vec<Project> = Vec::new();
    let mut groups: BTreeMap<Project, Vec<usize>> = BTreeMap::new();
    for (index, change) in suggestion.changes.iter().enumerate() {
        let project = project_of(change);
        if !groups.contains_key(&project) {
            order.push(project.clone());
        }
        groups.entry(project).or_default().push(index);
    }
    order
        .into_iter()
        .map(|project| {
            let indices = &groups[&project];
            let row_values: BTreeMap<String, String> = indices
                .iter()
                .map(|&i| {
                    let c = &suggestion.changes[i];
                    (c.field.clone(), c.after_text().to_string())
                })
                .collect();
            let lines = indices
                .iter()
                .map(|&index| {
                    line(
                        index,
                        &suggestion.changes[index],
                        reviews.get(&index).copied(),
                        schema,
                        &row_values,
                        lang,
                    )
                })
                .collect();
            let row_problems = suggestion
                .review
                .row_problems
                .iter()
                .filter(|p| p.index.is_none() && problem_project(p) == project)
                .map(|p| p.message_in(lang.code()).to_string())
                .collect();
            ProjectDiff {
                project,
                lines,
                row_problems,
            }
        })
        .collect()
}

fn problem_project(p: &ReviewProblem) -> Project {
    match &p.row_id {
        Some(id) => Project::Row(id.to_string()),
        None => Project::New(p.new_row.unwrap_or(0)),
    }
}

fn line(
    index: usize,
    change: &Change,
    review: Option<&Review>,
    schema: Option<&Schema>,
    row_values: &BTreeMap<String, String>,
    lang: Lang,
) -> DiffLine {
    let field = schema.and_then(|s| s.field(&change.field));
    let title = field
        .map(|f| f.title_in(lang.code()).to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| change.field.clone());
    let (problems, server_checked, field_known) = match schema {
        Some(schema) => {
            let problems = validate_cell(
                schema,
                &change.field,
                change.after_text(),
                row_values,
                lang.code(),
            )
            .into_iter()
            .map(|e| e.message)
            .collect();
            (problems, false, field.is_some())
        }
        None => {
            let problems = review
                .map(|r| {
                    r.problems
                        .iter()
                        .map(|p| p.message_in(lang.code()).to_string())
                        .collect()
                })
                .unwrap_or_default();
            (problems, true, review.is_none_or(|r| r.field_known))
        }
    };
    DiffLine {
        index,
        field: change.field.clone(),
        title,
        before: change.before_text().to_string(),
        after: change.after_text().to_string(),
        problems,
        server_checked,
        field_known,
        conflict: review.is_some_and(|r| r.conflict),
        current: review.and_then(|r| r.current.clone()),
        row_found: review.is_none_or(|r| r.row_found),
    }
}

//! The loading progress bar: the download (percent when the server gave
//! the size, indeterminate otherwise), then reading and indexing the rows.

use crate::i18n::{Lang, count, strings};
use crate::load::Progress;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProgressBarProps {
    /// `None` before the download starts.
    pub progress: Option<Progress>,
    pub lang: Lang,
}

/// A size in kilobytes or megabytes, for the bar's text.
fn size(bytes: usize, lang: Lang) -> String {
    let (value, unit) = if bytes >= 1_000_000 {
        (
            bytes as f64 / 1_000_000.0,
            if lang == Lang::Fr { "Mo" } else { "MB" },
        )
    } else {
        (
            bytes as f64 / 1_000.0,
            if lang == Lang::Fr { "ko" } else { "kB" },
        )
    };
    let rounded = (value * 10.0).round() / 10.0;
    format!(
        "{}\u{a0}{unit}",
        vitrine_core::locale_format::format_number(rounded, lang.locale())
    )
}

#[function_component(ProgressBar)]
pub fn progress_bar(props: &ProgressBarProps) -> Html {
    let s = strings(props.lang);
    let lang = props.lang;
    let progress = props.progress.unwrap_or(Progress::Download {
        received: 0,
        total: None,
    });
    let percent = progress.percent();
    let (label, detail) = match progress {
        _ if props.progress.is_none() => (s.loading, String::new()),
        Progress::Download { received, total } => (
            s.progress_download,
            match total {
                Some(total) => format!("{} / {}", size(received, lang), size(total, lang)),
                None => size(received, lang),
            },
        ),
        Progress::Parse { done, total } => (
            s.progress_parse,
            format!("{} / {}", size(done, lang), size(total, lang)),
        ),
        Progress::Index { done, total } => (
            s.progress_index,
            format!("{} / {}", count(done, lang), count(total, lang)),
        ),
    };
    let text = match percent {
        Some(p) => format!("{p}\u{a0}% — {detail}"),
        None => detail.clone(),
    };
    let indeterminate = percent.is_none().then_some("");
    let width = percent.map(|p| format!("width: {p}%"));
    html! {
        <div class="vt-loading">
            <p class="vt-progress-label" id="vt-progress-label">{ label }</p>
            <div class="vt-progress" data-indeterminate={indeterminate} role="progressbar" aria-labelledby="vt-progress-label"
                aria-valuemin="0" aria-valuemax="100"
                aria-valuenow={percent.map(|p| p.to_string())} aria-valuetext={text.clone()}>
                <div class="vt-progress-fill" style={width}></div>
            </div>
            <p class="vt-progress-detail" aria-hidden="true">{ text }</p>
        </div>
    }
}

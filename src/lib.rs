//! The Vitrine widget: a yew app mounted inside `<vitrine-table>`.

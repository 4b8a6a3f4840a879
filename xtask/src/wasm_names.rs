//! Short import and export names for a bundle's wasm and its JavaScript glue.
//!
//! wasm-bindgen names each import after its binding and a 16-digit hash
//! (`__wbg_addEventListener_f2d27251d333a631`) and each closure shim after
//! its whole type path. Every name is written twice, in the `.wasm` and in
//! the glue, and the hashes do not compress: about 6 KB of the reader
//! bundle's gzip size. wasm-opt's `--minify-imports-and-exports-and-modules`
//! renames them in the `.wasm` (all imports from one short module name) and
//! prints the mapping; [`rewrite_glue`] applies it to the glue, and
//! [`check_wasm`] checks that the `.wasm` asks for exactly the names the glue
//! now provides, so a change of either tool fails the build instead of the
//! page.
//!
//! The glue is read as wasm-bindgen 0.2 writes it with `--target web`
//! (before minification): one `NAME: function(…)` line per import, at eight
//! spaces, in `__wbg_get_imports`, and every use of an export as `wasm.NAME`.

use crate::cmd::Result;
use std::collections::{BTreeMap, BTreeSet};

/// The glue's one import module (the wasm-bindgen name of the `.wasm`'s imports).
fn glue_module(bundle: &str) -> String {
    format!("./{bundle}_bg.js")
}

/// The wasm-opt flag whose mapping [`Renames::parse`] reads.
pub const WASM_OPT_FLAG: &str = "--minify-imports-and-exports-and-modules";

/// Old name → new name, for imports (by their name in the glue's module) and exports.
#[derive(Debug, Default, PartialEq)]
pub struct Renames {
    imports: BTreeMap<String, String>,
    exports: BTreeMap<String, String>,
}

impl Renames {
    /// Reads wasm-opt's standard output: one JSON mapping
    /// (`{"imports": [[module, old, new]…], "exports": [[old, new]…]}`) per
    /// run of the pass (`--converge` runs it again on its own output), composed
    /// in order.
    pub fn parse(stdout: &str, bundle: &str) -> Result<Self> {
        let module = glue_module(bundle);
        let mut renames = Renames::default();
        let mut runs = 0;
        for doc in serde_json::Deserializer::from_str(stdout).into_iter::<serde_json::Value>() {
            let doc = doc.map_err(|e| format!("wasm-opt's name mapping is not JSON: {e}"))?;
            let run = Renames::from_run(&doc, &module, runs == 0)?;
            renames.then(run)?;
            runs += 1;
        }
        if runs == 0 {
            return Err(format!(
                "wasm-opt printed no name mapping for {WASM_OPT_FLAG}"
            ));
        }
        Ok(renames)
    }

    /// One run's mapping. Only the first run sees the glue's module name;
    /// later runs see the minified one.
    fn from_run(doc: &serde_json::Value, module: &str, first: bool) -> Result<Self> {
        let bad = || format!("unexpected wasm-opt name mapping: {doc}");
        let list = |key: &str| doc.get(key).and_then(|v| v.as_array()).ok_or_else(bad);
        let text = |v: &serde_json::Value| v.as_str().map(str::to_owned).ok_or_else(bad);
        let mut run = Renames::default();
        for entry in list("imports")? {
            let [from_module, old, new] = entry.as_array().map(Vec::as_slice).ok_or_else(bad)?
            else {
                return Err(bad());
            };
            if first && from_module.as_str() != Some(module) {
                return Err(format!(
                    "the wasm imports from {from_module}, not only from the glue's {module:?}"
                ));
            }
            run.imports.insert(text(old)?, text(new)?);
        }
        for entry in list("exports")? {
            let [old, new] = entry.as_array().map(Vec::as_slice).ok_or_else(bad)? else {
                return Err(bad());
            };
            run.exports.insert(text(old)?, text(new)?);
        }
        Ok(run)
    }

    /// Composes `self` with a later run's renames.
    fn then(&mut self, later: Renames) -> Result {
        if self.imports.is_empty() && self.exports.is_empty() {
            *self = later;
            return Ok(());
        }
        for (kind, names, later) in [
            ("import", &mut self.imports, later.imports),
            ("export", &mut self.exports, later.exports),
        ] {
            for new in names.values_mut() {
                let renamed = later.get(new.as_str()).ok_or_else(|| {
                    format!("wasm-opt's second mapping has no {kind} named {new:?}")
                })?;
                *new = renamed.clone();
            }
        }
        Ok(())
    }
}

/// The glue of bundle `bundle` with the new names.
pub fn rewrite_glue(js: &str, bundle: &str, renames: &Renames, new_module: &str) -> Result<String> {
    let module = glue_module(bundle);
    let module_key = format!("{module:?}: import0");
    if js.matches(&module_key).count() != 1 {
        return Err(format!(
            "the glue of {bundle} does not name its imports' module as {module_key}"
        ));
    }
    let mut js = js.replacen(&module_key, &format!("{new_module:?}: import0"), 1);
    for (old, new) in &renames.imports {
        let key = format!("\n        {old}: ");
        if js.matches(&key).count() != 1 {
            return Err(format!(
                "the glue of {bundle} does not define the import {old} once"
            ));
        }
        js = js.replacen(&key, &format!("\n        {new}: "), 1);
    }
    rename_exports(&js, bundle, &renames.exports)
}

/// Replaces each `wasm.NAME` with `wasm.NEW`; a name missing from the
/// mapping is an error (the glue would call a function that no longer exists).
fn rename_exports(js: &str, bundle: &str, exports: &BTreeMap<String, String>) -> Result<String> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut out = String::with_capacity(js.len());
    let (mut copied, mut from) = (0, 0);
    while let Some(found) = js[from..].find("wasm.") {
        let at = from + found;
        let start = at + "wasm.".len();
        let end = js[start..]
            .find(|c| !ident(c))
            .map_or(js.len(), |n| start + n);
        from = start;
        let name = &js[start..end];
        if name.is_empty() || js[..at].chars().next_back().is_some_and(ident) {
            continue;
        }
        let new = exports.get(name).ok_or_else(|| {
            format!("the glue of {bundle} uses wasm.{name}, which wasm-opt did not rename")
        })?;
        out.push_str(&js[copied..start]);
        out.push_str(new);
        copied = end;
        from = end;
    }
    out.push_str(&js[copied..]);
    Ok(out)
}

/// The minified `.wasm`'s import module, after checking that its imports and
/// exports are exactly the new names of `renames`.
pub fn check_wasm(wasm: &[u8], renames: &Renames) -> Result<String> {
    let mut modules = BTreeSet::new();
    let mut imports = BTreeSet::new();
    let mut exports = BTreeSet::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        match payload.map_err(|e| format!("cannot read the minified wasm: {e}"))? {
            wasmparser::Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import =
                        import.map_err(|e| format!("cannot read the wasm's imports: {e}"))?;
                    modules.insert(import.module.to_owned());
                    imports.insert(import.name.to_owned());
                }
            }
            wasmparser::Payload::ExportSection(reader) => {
                for export in reader {
                    let export =
                        export.map_err(|e| format!("cannot read the wasm's exports: {e}"))?;
                    exports.insert(export.name.to_owned());
                }
            }
            _ => {}
        }
    }
    let expected_imports: BTreeSet<String> = renames.imports.values().cloned().collect();
    let expected_exports: BTreeSet<String> = renames.exports.values().cloned().collect();
    if imports != expected_imports || exports != expected_exports {
        return Err("the minified wasm's imports or exports differ from wasm-opt's mapping".into());
    }
    let mut modules = modules.into_iter();
    match (modules.next(), modules.next()) {
        (Some(module), None) => Ok(module),
        _ => Err("the minified wasm does not import from exactly one module".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUNDLE: &str = "w";

    fn renames() -> Renames {
        let stdout = r#"{
 "imports": [
  ["./w_bg.js", "__wbg_then_656f253a5dd7d8ea", "a"],
  ["./w_bg.js", "__wbg_new_ba40181b3f24ac80", "b"]
 ],
"exports": [
  ["memory", "c"],
  ["mount", "d"],
  ["__wbindgen_malloc", "e"]
 ]
}
{
 "imports": [
  ["a", "a", "a"],
  ["a", "b", "b"]
 ],
"exports": [
  ["c", "c"],
  ["d", "d"],
  ["e", "e"]
 ]
}
"#;
        Renames::parse(stdout, BUNDLE).unwrap()
    }

    const GLUE: &str = "export function mount(r) {
    const ret = wasm.mount(r, wasm.__wbindgen_malloc);
    return ret;
}
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_new_ba40181b3f24ac80: function() {
            return new Object();
        },
        __wbg_then_656f253a5dd7d8ea: function(arg0, arg1) {
            return arg0.then(arg1);
        },
    };
    return {
        __proto__: null,
        \"./w_bg.js\": import0,
    };
}
let wasm;
function view() { return new Uint8Array(wasm.memory.buffer); }
const url = new URL('w_bg.wasm', import.meta.url);
";

    #[test]
    fn the_glue_takes_the_new_names_of_imports_exports_and_module() {
        let js = rewrite_glue(GLUE, "w", &renames(), "z").unwrap();
        assert!(js.contains("const ret = wasm.d(r, wasm.e);"), "{js}");
        assert!(js.contains("\n        b: function() {"), "{js}");
        assert!(js.contains("\n        a: function(arg0, arg1) {"), "{js}");
        assert!(js.contains("\"z\": import0,"), "{js}");
        assert!(js.contains("new Uint8Array(wasm.c.buffer)"), "{js}");
        assert!(js.contains("'w_bg.wasm'"), "{js}");
        assert!(!js.contains("656f253a") && !js.contains("ba40181b"), "{js}");
    }

    #[test]
    fn a_second_run_s_renames_are_composed_with_the_first() {
        let stdout = r#"{"imports": [["./w_bg.js", "long", "a"]], "exports": [["mount", "b"]]}
{"imports": [["a", "a", "x"]], "exports": [["b", "y"]]}"#;
        let renames = Renames::parse(stdout, BUNDLE).unwrap();
        assert_eq!(renames.imports["long"], "x");
        assert_eq!(renames.exports["mount"], "y");
    }

    #[test]
    fn a_glue_export_missing_from_the_mapping_is_an_error() {
        let glue = GLUE.replace("wasm.memory", "wasm.table");
        let err = rewrite_glue(&glue, "w", &renames(), "z").unwrap_err();
        assert!(err.contains("wasm.table"), "{err}");
    }

    #[test]
    fn an_import_the_glue_does_not_define_is_an_error() {
        let glue = GLUE.replace("__wbg_then_656f253a5dd7d8ea", "__wbg_then_0000000000000000");
        let err = rewrite_glue(&glue, "w", &renames(), "z").unwrap_err();
        assert!(err.contains("__wbg_then_656f253a5dd7d8ea"), "{err}");
    }

    #[test]
    fn imports_from_another_module_are_refused() {
        let stdout = r#"{"imports": [["env", "f", "a"]], "exports": []}"#;
        assert!(Renames::parse(stdout, BUNDLE).is_err());
        assert!(Renames::parse("", BUNDLE).is_err());
    }
}

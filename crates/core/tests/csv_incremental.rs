//! The CSV loader fed in chunks gives what the one-shot loader gives.

use proptest::prelude::*;
use vitrine_core::load::CsvLoader;
use vitrine_core::{CsvOptions, LoadError, Table, load_csv};

/// Feeds `bytes` cut at `cuts` (sorted offsets), reading `per_step`
/// records between chunks, then finishes.
fn chunked(
    bytes: &[u8],
    cuts: &[usize],
    per_step: usize,
    options: CsvOptions,
    block_size: Option<usize>,
    pack: bool,
) -> Result<Table, LoadError> {
    let mut loader = CsvLoader::new(options);
    if pack {
        loader.pack_text();
    }
    if let Some(size) = block_size {
        loader.set_block_size(size);
    }
    let mut from = 0;
    for &cut in cuts.iter().chain(std::iter::once(&bytes.len())) {
        let cut = cut.clamp(from, bytes.len());
        loader.push(&bytes[from..cut]);
        from = cut;
        loader.step(per_step);
        assert!(loader.bytes_parsed() <= loader.bytes_received());
    }
    loader.end();
    while !loader.step(per_step) {}
    loader.finish()
}

fn same(bytes: &[u8], cuts: &[usize], per_step: usize, options: CsvOptions) {
    same_in_blocks(bytes, cuts, per_step, options, None);
}

/// [`same`], the loader keeping the bytes in blocks of `block_size`, its
/// rows' text held as it is and packed.
fn same_in_blocks(
    bytes: &[u8],
    cuts: &[usize],
    per_step: usize,
    options: CsvOptions,
    block_size: Option<usize>,
) {
    let expected = load_csv(bytes, options);
    for pack in [false, true] {
        let got = chunked(bytes, cuts, per_step, options, block_size, pack);
        match (&expected, &got) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.header(), b.header());
                assert_eq!(a.rows(), b.rows());
                assert_eq!(a.dialect, b.dialect);
                assert_eq!(
                    vitrine_core::write_csv(a),
                    vitrine_core::write_csv(b),
                    "written back"
                );
                assert!(!pack || b.is_packed(), "packed");
            }
            _ => assert_eq!(expected.as_ref().err(), got.err().as_ref()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn any_chunks_give_the_one_shot_table(
        bom in any::<bool>(),
        body in proptest::collection::vec(
            prop::sample::select(b"ab,;\t\"\r\n \xc3\xa9\xff\x00".to_vec()), 0..60),
        cuts in proptest::collection::vec(0usize..70, 0..6),
        per_step in 1usize..4,
        semicolon in proptest::option::of(any::<bool>()),
    ) {
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend(body);
        let mut cuts = cuts;
        cuts.sort_unstable();
        let options = CsvOptions { delimiter: semicolon.map(|s| if s { b';' } else { b',' }) };
        same(&bytes, &cuts, per_step, options);
    }

    /// Past the sniffer's sample, parsing runs while bytes arrive and the
    /// loader seals blocks: any content at the end still gives the same table.
    #[test]
    fn any_tail_after_a_long_start_in_small_blocks(
        body in proptest::collection::vec(
            prop::sample::select(b"ab,;\t\"\r\n \xc3\xa9\xff\x00".to_vec()), 0..200),
        cuts in proptest::collection::vec(0usize..400, 0..8),
        per_step in 1usize..50,
        block_size in 1usize..3000,
    ) {
        let mut bytes = big_file(800);
        let start = bytes.len() - 200;
        bytes.extend(body);
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| start + c).collect();
        cuts.insert(0, 70_000);
        cuts.sort_unstable();
        same_in_blocks(&bytes, &cuts, per_step, CsvOptions::default(), Some(block_size));
    }
}

/// A file longer than the delimiter sniffer's sample: parsing starts before
/// the end of the download, with the delimiter the whole file gives.
fn big_file(rows: usize) -> Vec<u8> {
    let mut out = String::from("\u{feff}id;nom;texte\r\n");
    for i in 0..rows {
        out.push_str(&format!(
            "{i};Projet n°{i};\"Une description, avec virgules; et \"\"guillemets\"\"\r\nsur deux lignes\"\r\n"
        ));
        if i % 97 == 0 {
            out.push_str("\r\n");
        }
    }
    out.into_bytes()
}

#[test]
fn a_large_file_in_network_sized_chunks() {
    let bytes = big_file(4000);
    assert!(bytes.len() > 200_000);
    for chunk in [1usize, 1000, 16_384, 65_536, 65_539] {
        let cuts: Vec<usize> = (1..bytes.len() / chunk.max(1000))
            .map(|i| i * chunk.max(1000))
            .collect();
        let cuts = if chunk == 1 {
            vec![65_538, 65_539, 65_540]
        } else {
            cuts
        };
        same(&bytes, &cuts, 7, CsvOptions::default());
        for block_size in [1, 5000, 100_000] {
            same_in_blocks(&bytes, &cuts, 7, CsvOptions::default(), Some(block_size));
        }
    }
    let mut loader = CsvLoader::new(CsvOptions::default());
    loader.push(&bytes[..100_000]);
    loader.step(usize::MAX);
    assert!(
        loader.rows_parsed() > 1000,
        "parsing started before the end"
    );
    assert!(loader.bytes_parsed() < 100_000);
}

#[test]
fn errors_found_late_are_the_same() {
    let mut bytes = big_file(2000);
    let nul_at = bytes.len() - 10;
    bytes[nul_at] = 0;
    same(&bytes, &[70_000, 90_000], 50, CsvOptions::default());
    let mut bytes = big_file(2000);
    bytes[80_000] = 0xff;
    same(&bytes, &[70_000, 90_000], 50, CsvOptions::default());
    let mut bytes = big_file(2000);
    bytes.extend_from_slice(b"9;\"open");
    same(&bytes, &[70_000, 90_000], 50, CsvOptions::default());
    // The same, the loader sealing blocks of 1,000 bytes as it goes.
    let cuts: Vec<usize> = (70..200).map(|i| i * 1000).collect();
    for damage in [0u8, 0xff] {
        for at in [80_000, 150_000] {
            let mut bytes = big_file(2000);
            bytes[at] = damage;
            same_in_blocks(&bytes, &cuts, 50, CsvOptions::default(), Some(1000));
        }
    }
}

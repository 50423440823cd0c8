//! The bundled articles the benchmarks run on.

use std::path::PathBuf;

/// The bundled articles (`fixtures/seeds/*.txt`) in name order: file name and bytes.
pub fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixtures/seeds exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = p
                .file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(p).expect("fixture reads"))
        })
        .collect()
}

//! The command's plumbing, compiled into the binary only: finding and reading the input
//! files, the --meta table, and writing output files safely.

pub mod files;
pub mod input;
pub mod text;

//! The command's plumbing, compiled into the binary only: finding and reading the input
//! files, the --meta table, writing output files safely, and the run's report.

pub mod files;
pub mod input;
pub mod meta;
pub mod order;
pub mod outputs;
pub mod parquet;
pub mod process;
pub mod report;
pub mod stdin;
pub mod table;
pub mod text;

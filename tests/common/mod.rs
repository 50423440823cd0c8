//! Helpers shared by the integration tests: running the binary, the scorer, the table
//! reader.

pub mod cli;
pub mod score;
pub mod table;

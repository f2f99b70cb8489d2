//! qari (قارئ, "reader"): a terminal reader and explorer for Arabic news.

pub mod annotations;
pub mod cli;
pub mod corpus;
pub mod entities;
pub mod paths;
pub mod text;

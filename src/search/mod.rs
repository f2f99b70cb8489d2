//! Search: fuzzy jump to a document, word search in one document and in the
//! whole corpus. All matching runs on the Arabic search fold
//! (`text::fold`), on both the query and the text.

pub mod bytekey;
pub mod cli;
pub mod fuzzy;
pub mod grep;
pub mod grep_service;
mod jsonline;
pub mod jump;
pub mod query;
pub mod rank;
pub mod service;
pub mod snippet;
pub mod titles;

pub use fuzzy::{highlight, Field, JumpFields, JumpIndex};
pub use grep::{find_in_text, DocHits, GrepIndex, HasText, KeyDocHits, KeyHit};
pub use grep_service::{GrepDocHits, GrepService, GrepUpdate};
pub use jump::{JumpEngine, JumpResults, JumpSearcher};
pub use query::Query;
pub use rank::Scored;
pub use snippet::{snippet, Snippet};

#[cfg(test)]
mod tests;

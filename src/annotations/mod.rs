//! Annotations: passages of a document marked with a label, tags and a note.
//!
//! * [`model`]: the W3C-shaped record (selectors in code points).
//! * [`doc_text`]: a document's text read and split once (what the cursor,
//!   the selection and anchoring work on).
//! * [`offsets`]: byte ↔ code-point conversion (the app uses bytes).
//! * [`set`]: the in-memory set with undo/redo and the merge rule.
//! * [`anchor`]: re-anchoring in a changed text (exact, moved, fuzzy, orphan).
//! * [`export`]: W3C JSON-LD, brat, CSV and Markdown exports.
//! * [`store`]: the per-corpus JSON file (atomic saves, lock + merge,
//!   corrupt files kept aside).

pub mod anchor;
pub mod doc_text;
pub mod export;
pub mod labels;
pub mod model;
pub mod notes;
pub mod offsets;
pub mod selection;
pub mod session;
pub mod set;
pub mod store;

pub use anchor::{anchor, Anchor, AnchorState, Anchorer};
pub use doc_text::DocText;
pub use model::{Annotation, Target, TextPositionSelector, TextQuoteSelector, Timestamp};
pub use set::{AnnotationSet, Change, Tombstone};
pub use store::{corpus_key, store_path, Store, StoreError};

//! Text processing: the bidi reading pipeline (wrap logical lines, reorder,
//! shape) and Arabic search folding.

pub mod fold;
pub mod layout;

pub use layout::{
    layout_document, layout_inline, BidiMode, Cell, Direction, DocLayout, LayoutOptions, VisualLine,
};

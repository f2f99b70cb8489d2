//! Text processing: the bidi reading pipeline (wrap logical lines, reorder,
//! shape) and Arabic search folding.

pub mod bidi;
pub mod cluster;
pub mod fast;
pub mod fold;
pub mod layout;
pub mod para;
pub mod render;
pub mod resolve;
pub mod shape;
pub mod wrap;

pub use bidi::paragraph_direction;
pub use layout::{
    direction_of, layout_document, layout_inline, layout_text, BidiMode, Cell, Direction,
    DocLayout, LayoutOptions, VisualLine,
};

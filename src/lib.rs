//! qari (قارئ, "reader"): a terminal reader and explorer for Arabic news.

pub mod action;
pub mod annotations;
pub mod app;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod entities;
pub mod event;
pub mod i18n;
pub mod keymap;
pub mod logging;
pub mod paths;
pub mod runtime;
pub mod search;
pub mod text;
pub mod ui;

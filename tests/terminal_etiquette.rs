//! Focus reporting: when the terminal window gets the focus back, qari
//! repaints the whole screen (something may have written over it while it
//! was in the background; ratatui's diffing alone would not notice).

mod common;

use std::sync::mpsc;

use common::app_sized;
use qari::action::Effect;
use qari::event::AppEvent;
use qari::runtime::{run, EffectRunner};
use ratatui::backend::{Backend, TestBackend};
use ratatui::buffer::Cell;
use ratatui::Terminal;

#[test]
fn focus_gained_repaints_over_foreign_output() {
    let mut app = app_sized(80, 24);
    assert_eq!(
        app.handle_event(AppEvent::FocusGained),
        vec![Effect::Repaint]
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let (tx, rx) = mpsc::channel::<AppEvent>();
    drop(tx);
    run(&mut terminal, &mut app, &rx, &mut EffectRunner::default()).unwrap();
    let clean = terminal.backend().buffer().clone();
    // another program writes over the screen behind qari's back
    let mut junk = Cell::default();
    junk.set_symbol("#");
    let cells: Vec<(u16, u16, Cell)> = (0..80).map(|x| (x, 5, junk.clone())).collect();
    terminal
        .backend_mut()
        .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
        .unwrap();
    assert_ne!(terminal.backend().buffer(), &clean);
    let (tx, rx) = mpsc::channel();
    tx.send(AppEvent::FocusGained).unwrap();
    drop(tx);
    run(&mut terminal, &mut app, &rx, &mut EffectRunner::default()).unwrap();
    assert_eq!(terminal.backend().buffer(), &clean);
}

//! Mapping RGB theme colours to what the terminal can show: the 16 ANSI
//! colours (by hue family and lightness) or the xterm 256-colour palette
//! (nearest colour of its 6×6×6 cube and grey ramp).

use ratatui::style::Color;

/// The ANSI colour closest in kind to an RGB value: greys by lightness,
/// other colours by hue (six families) and lightness (normal or light
/// variant). Plain RGB distance would turn most mid-tone accents grey, so
/// hue decides. Other colours are returned unchanged.
pub fn to_ansi16(c: Color) -> Color {
    let (r, g, b) = match c {
        Color::Rgb(r, g, b) => (i32::from(r), i32::from(g), i32::from(b)),
        Color::Indexed(i) => match indexed_rgb(i) {
            Some((r, g, b)) => (i32::from(r), i32::from(g), i32::from(b)),
            None => return c,
        },
        other => return other,
    };
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    let chroma = max - min;
    let light = (max + min) / 2;
    if chroma < 40 {
        return match light {
            0..50 => Color::Black,
            50..150 => Color::DarkGray,
            150..215 => Color::Gray,
            _ => Color::White,
        };
    }
    let hue = if max == r {
        (60 * (g - b) / chroma).rem_euclid(360)
    } else if max == g {
        120 + 60 * (b - r) / chroma
    } else {
        240 + 60 * (r - g) / chroma
    };
    let bright = light > 150;
    // Sectors of 60° centred on red (0°), yellow, green, cyan, blue, magenta.
    match ((hue + 30) / 60) % 6 {
        0 if bright => Color::LightRed,
        0 => Color::Red,
        1 if bright => Color::LightYellow,
        1 => Color::Yellow,
        2 if bright => Color::LightGreen,
        2 => Color::Green,
        3 if bright => Color::LightCyan,
        3 => Color::Cyan,
        4 if bright => Color::LightBlue,
        4 => Color::Blue,
        _ if bright => Color::LightMagenta,
        _ => Color::Magenta,
    }
}

/// RGB of an xterm-256 palette index beyond the first 16 (whose colours
/// each terminal chooses).
pub fn indexed_rgb(i: u8) -> Option<(u8, u8, u8)> {
    match i {
        16..=231 => {
            let i = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            Some((level(i / 36), level((i / 6) % 6), level(i % 6)))
        }
        232..=255 => {
            let v = 8 + (i - 232) * 10;
            Some((v, v, v))
        }
        _ => None,
    }
}

/// Levels of the 6×6×6 cube (indices 16–231) on each channel.
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The nearest xterm-256 palette colour to an RGB value, from the cube and
/// the grey ramp (16–255; the first 16 are left out because each terminal
/// sets them differently). Nearest by squared RGB distance, red and blue
/// weighted as in the "redmean" approximation, so greens do not drift.
/// Non-RGB colours are returned unchanged.
pub fn to_ansi256(c: Color) -> Color {
    let Color::Rgb(r, g, b) = c else {
        return c;
    };
    let cube_level = |v: u8| -> usize {
        CUBE.iter()
            .enumerate()
            .min_by_key(|(_, &l)| (i32::from(l) - i32::from(v)).abs())
            .map_or(0, |(i, _)| i)
    };
    let (ri, gi, bi) = (cube_level(r), cube_level(g), cube_level(b));
    let cube = (CUBE[ri], CUBE[gi], CUBE[bi]);
    let cube_index = 16 + 36 * ri + 6 * gi + bi;
    // grey ramp 232–255: 8, 18, …, 238
    let avg = (u32::from(r) + u32::from(g) + u32::from(b)) / 3;
    let grey_step = (avg.saturating_sub(3) / 10).min(23);
    let grey = 8 + 10 * grey_step as u8;
    let grey_index = 232 + grey_step as usize;
    let d_cube = distance((r, g, b), cube);
    let d_grey = distance((r, g, b), (grey, grey, grey));
    // indices are below 256 by construction
    let index = if d_grey < d_cube {
        grey_index
    } else {
        cube_index
    };
    Color::Indexed(u8::try_from(index).unwrap_or(u8::MAX))
}

/// Weighted squared RGB distance ("redmean").
fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> i64 {
    let rm = (i64::from(a.0) + i64::from(b.0)) / 2;
    let dr = i64::from(a.0) - i64::from(b.0);
    let dg = i64::from(a.1) - i64::from(b.1);
    let db = i64::from(a.2) - i64::from(b.2);
    (((512 + rm) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rm) * db * db) >> 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rgb_maps_to_ansi_by_hue_and_lightness() {
        let cases = [
            ((0x1c, 0x1c, 0x1c), Color::Black),
            ((0x80, 0x80, 0x80), Color::DarkGray),
            ((0xd0, 0xd0, 0xd0), Color::Gray),
            ((0xfa, 0xfa, 0xfa), Color::White),
            ((0xc0, 0x20, 0x20), Color::Red),
            ((0xff, 0x80, 0x80), Color::LightRed),
            ((0x4f, 0xa3, 0x4f), Color::Green),
            ((0x20, 0x40, 0xc0), Color::Blue),
            ((0x2a, 0xa1, 0xb3), Color::Cyan),
            ((0xe5, 0xc0, 0x7b), Color::LightYellow),
            ((0xb2, 0x6f, 0xc1), Color::LightMagenta),
            ((0x80, 0x30, 0x90), Color::Magenta),
        ];
        for ((r, g, b), want) in cases {
            assert_eq!(
                to_ansi16(Color::Rgb(r, g, b)),
                want,
                "#{r:02x}{g:02x}{b:02x}"
            );
        }
        assert_eq!(to_ansi16(Color::Indexed(196)), Color::Red);
        assert_eq!(to_ansi16(Color::Cyan), Color::Cyan);
    }

    #[test]
    fn rgb_maps_to_the_nearest_of_the_256_palette() {
        let cases = [
            // exact cube and grey colours map to themselves
            ((0x00, 0x00, 0x00), 16),
            ((0xff, 0xff, 0xff), 231),
            ((0x87, 0xaf, 0xd7), 110),
            ((0x08, 0x08, 0x08), 232),
            ((0xee, 0xee, 0xee), 255),
            ((0x80, 0x80, 0x80), 244),
            // near ones
            ((0x4f, 0xa3, 0x4f), 71),
            ((0xe5, 0xc0, 0x7b), 180),
            ((0x1c, 0x1c, 0x1c), 234),
            ((0xc0, 0x20, 0x20), 124),
        ];
        for ((r, g, b), want) in cases {
            assert_eq!(
                to_ansi256(Color::Rgb(r, g, b)),
                Color::Indexed(want),
                "#{r:02x}{g:02x}{b:02x}"
            );
        }
        // every palette colour round-trips
        for i in 16..=255u8 {
            let (r, g, b) = indexed_rgb(i).unwrap();
            let back = to_ansi256(Color::Rgb(r, g, b));
            assert_eq!(back, Color::Indexed(i), "{i}");
        }
        assert_eq!(to_ansi256(Color::Cyan), Color::Cyan);
        assert_eq!(to_ansi256(Color::Indexed(3)), Color::Indexed(3));
    }
}

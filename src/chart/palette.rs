//! The one colour-blind-safe palette (Okabe & Ito, 2008) used for models everywhere.

use plotters::style::RGBColor;

/// Model colours in model order; yellow is last because it is faint on white.
pub const MODEL_COLORS: [RGBColor; 8] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0x00, 0x00, 0x00), // black
    RGBColor(0xF0, 0xE4, 0x42), // yellow
];

/// The colour of the model at `index` in model order (cycling past eight models).
pub fn model_color(index: usize) -> RGBColor {
    MODEL_COLORS[index % MODEL_COLORS.len()]
}

/// The colour as CSS text, for the legend swatches of the HTML table.
pub fn css(color: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
}

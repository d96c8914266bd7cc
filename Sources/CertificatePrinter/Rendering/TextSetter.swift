import COneTripCairo

/// Sets text with Pango onto a cairo context: one `PangoLayout` per style, reused for every
/// string, at 72 dpi so a 10 pt font is 10 units of the PDF's point-based user space.
///
/// Not `Sendable`: it holds GObject references owned by one render.
final class TextSetter {
    private let cairo: OpaquePointer
    private let context: OpaquePointer
    private let family: String
    private var layouts: [TextStyle: OpaquePointer] = [:]
    /// Shaped single-line layouts by style, width, alignment and text: table cells repeat
    /// (employer names, amounts, headers on every page), and a reused layout skips shaping.
    private var shaped: [ShapedKey: OpaquePointer] = [:]

    private struct ShapedKey: Hashable {
        var text: String
        var style: TextStyle
        var width: Double
        var alignment: TextAlignment
    }

    /// Creates a setter drawing on `cairo` with fonts from `fontMap`.
    init(cairo: OpaquePointer, fontMap: UnsafeMutablePointer<PangoFontMap>, family: String) {
        self.cairo = cairo
        self.family = family
        self.context = pango_font_map_create_context(fontMap)
        pango_cairo_context_set_resolution(self.contextPointer, 72)
        // Unhinted metrics: glyph advances are the font's, not rounded to a screen's pixel grid.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(self.contextPointer, options)
        cairo_font_options_destroy(options)
    }

    deinit {
        for layout in self.layouts.values { g_object_unref(UnsafeMutableRawPointer(layout)) }
        for layout in self.shaped.values { g_object_unref(UnsafeMutableRawPointer(layout)) }
        g_object_unref(UnsafeMutableRawPointer(self.context))
    }

    private var contextPointer: OpaquePointer { self.context }

    private func layout(_ style: TextStyle) -> OpaquePointer {
        if let layout = self.layouts[style] { return layout }
        let layout = pango_layout_new(self.contextPointer)!
        let description = pango_font_description_from_string(style.fontDescription(family: self.family))
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        self.layouts[style] = layout
        return layout
    }

    /// Prepares a layout for `text` in a box `width` wide.
    private func prepare(_ text: String, _ style: TextStyle, width: Double, alignment: TextAlignment, wraps: Bool) -> OpaquePointer {
        let layout = self.layout(style)
        pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        pango_layout_set_ellipsize(layout, wraps ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        switch alignment {
        case .leading: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .trailing: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        pango_layout_set_text(layout, text, -1)
        return layout
    }

    /// The height `text` takes when wrapped to `width`.
    func height(of text: String, _ style: TextStyle, width: Double) -> Double {
        let layout = self.prepare(text, style, width: width, alignment: .leading, wraps: true)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return Double(logical.height) / Double(PANGO_SCALE)
    }

    /// Draws `text` with its top-left corner at (`x`, `y`) in a box `width` wide.
    /// - Parameter wraps: wrap onto more lines; otherwise one line, ellipsized at the end.
    /// - Returns: the height drawn.
    @discardableResult
    func draw(
        _ text: String, _ style: TextStyle, x: Double, y: Double, width: Double, alignment: TextAlignment = .leading,
        wraps: Bool = false
    ) -> Double {
        let layout: OpaquePointer
        if wraps {
            layout = self.prepare(text, style, width: width, alignment: alignment, wraps: true)
        } else {
            let key = ShapedKey(text: text, style: style, width: width, alignment: alignment)
            if let cached = self.shaped[key] {
                layout = cached
            } else {
                layout = pango_layout_copy(self.prepare(text, style, width: width, alignment: alignment, wraps: false))!
                self.shaped[key] = layout
            }
        }
        cairo_move_to(self.cairo, x, y)
        pango_cairo_show_layout(self.cairo, layout)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return Double(logical.height) / Double(PANGO_SCALE)
    }

    /// The family fontconfig actually resolves the configured family to.
    func resolvedFamily() -> String {
        let description = pango_font_description_from_string(TextStyle.body.fontDescription(family: self.family))
        defer { pango_font_description_free(description) }
        guard let font = pango_font_map_load_font(pango_context_get_font_map(self.contextPointer), self.contextPointer, description)
        else { return "none" }
        defer { g_object_unref(UnsafeMutableRawPointer(font)) }
        let resolved = pango_font_describe(font)
        defer { pango_font_description_free(resolved) }
        return pango_font_description_get_family(resolved).map { String(cString: $0) } ?? "none"
    }
}

/// Splits a proof's body into pages: pure arithmetic on measured block heights, so page breaks
/// are testable without fonts or PDFs.
///
/// Blocks flow top to bottom. A block that does not fit starts a new page. Table rows are
/// preceded on every page by the table's header row, so a long history carries its column
/// titles on each page; the header is never left alone at the bottom of a page.
struct ProofPaginator: Sendable {
    /// One thing to place.
    struct Block: Hashable, Sendable {
        /// Its height in points.
        var height: Double
        /// Whether it belongs to the table (gets the header row above it on each page).
        var isTableRow: Bool
    }

    /// What goes where on a page.
    enum Placement: Hashable, Sendable {
        /// Block `index` at `y` (top edge, page coordinates).
        case block(Int, y: Double)
        /// The table's header row at `y`.
        case tableHeader(y: Double)
    }

    /// The body's top on the first page (below the full title block).
    var firstPageTop: Double
    /// The body's top on continuation pages (below the short running header).
    var continuationTop: Double
    /// The body's bottom on every page (above the footer).
    var bottom: Double
    /// The table header's height.
    var tableHeaderHeight: Double

    /// Places the blocks.
    /// - Returns: one array of placements per page (at least one page).
    func paginate(_ blocks: [Block]) -> [[Placement]] {
        var pages: [[Placement]] = [[]]
        var y = self.firstPageTop
        var headerOnPage = false
        for (index, block) in blocks.enumerated() {
            let needed = block.height + (block.isTableRow && !headerOnPage ? self.tableHeaderHeight : 0)
            let pageIsEmpty = pages[pages.count - 1].isEmpty
            if y + needed > self.bottom, !pageIsEmpty {
                pages.append([])
                y = self.continuationTop
                headerOnPage = false
            }
            if block.isTableRow, !headerOnPage {
                pages[pages.count - 1].append(.tableHeader(y: y))
                y += self.tableHeaderHeight
                headerOnPage = true
            }
            pages[pages.count - 1].append(.block(index, y: y))
            y += block.height
        }
        return pages
    }
}

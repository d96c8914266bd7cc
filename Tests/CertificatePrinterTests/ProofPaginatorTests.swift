@testable import CertificatePrinter
import Testing

@Suite("Proof pagination")
struct ProofPaginatorTests {
    let paginator = ProofPaginator(firstPageTop: 100, continuationTop: 50, bottom: 300, tableHeaderHeight: 20)

    @Test func theTableHeaderRepeatsOnEveryPageItRunsOnto() {
        let blocks = [ProofPaginator.Block(height: 50, isTableRow: false)]
            + Array(repeating: ProofPaginator.Block(height: 10, isTableRow: true), count: 60)
            + [ProofPaginator.Block(height: 40, isTableRow: false)]
        let pages = self.paginator.paginate(blocks)
        // page 1: 100+50 = 150, header 20, 13 rows (170..300); then 23 rows per page (50+20+230).
        #expect(pages.count == 4)
        var placed: [Int] = []
        for page in pages {
            var lastBottom = 0.0
            for placement in page {
                switch placement {
                case .tableHeader(let y):
                    #expect(y >= lastBottom)
                    lastBottom = y + 20
                case .block(let index, let y):
                    #expect(y >= lastBottom)
                    lastBottom = y + blocks[index].height
                    #expect(lastBottom <= 300)
                    placed.append(index)
                }
            }
            let hasRows = page.contains { if case .block(let index, _) = $0 { blocks[index].isTableRow } else { false } }
            let headers = page.filter { if case .tableHeader = $0 { true } else { false } }.count
            #expect(headers == (hasRows ? 1 : 0))
        }
        #expect(placed == Array(blocks.indices))
    }

    @Test func aHeaderIsNeverLeftAloneAtThePageBottom() {
        // 190 of 200 points used: a header (20) plus a row (10) does not fit, so both move on.
        let blocks = [ProofPaginator.Block(height: 190, isTableRow: false), ProofPaginator.Block(height: 10, isTableRow: true)]
        let pages = self.paginator.paginate(blocks)
        #expect(pages.count == 2)
        #expect(pages[0] == [.block(0, y: 100)])
        #expect(pages[1] == [.tableHeader(y: 50), .block(1, y: 70)])
    }

    @Test func anEmptyBodyIsOnePage() {
        #expect(self.paginator.paginate([]).count == 1)
    }

    @Test func aBlockTallerThanAPageStillGetsPlaced() {
        let pages = self.paginator.paginate([ProofPaginator.Block(height: 900, isTableRow: false)])
        #expect(pages == [[.block(0, y: 100)]])
    }
}

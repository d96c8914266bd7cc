import KioskCore
import KioskScreens
import KioskTestSupport
import Testing

/// The pure layout: every screen of the tour, in both languages, on small, standard and large
/// terminals, keeps its promises (everything visible and inside the terminal, buttons big
/// enough to touch and apart from each other, title and countdown shown).
@Suite("Screen layout")
struct ScreenLayoutTests {
    static let sizes = [
        TerminalSize(columns: 48, rows: 20), TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 100, rows: 30),
        TerminalSize(columns: 160, rows: 48), TerminalSize(columns: 220, rows: 60),
    ]
    static let status = StatusInfo(kioskID: "TEST-01", time: "2026-11-26 09:30")

    @Test(arguments: Language.allCases, sizes)
    func everyScreenFitsItsTerminal(language: Language, size: TerminalSize) throws {
        for stop in try ScreenTour.stops(language) {
            let frame = ScreenLayout(size: size, status: Self.status).frame(for: stop.screen)
            let rows = frame.textRows
            #expect(rows.count == size.rows)
            for text in frame.texts {
                #expect(text.row >= 0 && text.row < size.rows && text.column >= 0)
                #expect(text.column + DisplayWidth.of(text.text) <= size.columns, "\(stop.name): text past the right edge")
            }
            let title = stop.screen.title[language]
            #expect(rows.contains { $0.contains(String(title.prefix(3))) }, "\(stop.name): no title")
            if let seconds = stop.screen.countdown {
                #expect(rows.contains { $0.contains(ScreenWords.countdown(seconds)[language]) }, "\(stop.name): no countdown")
            }

            let buttons = frame.regions.filter { if case .choice = $0.target { true } else { false } }
            #expect(buttons.count == stop.screen.choices.count, "\(stop.name): a choice has no touch region")
            for (index, button) in buttons.enumerated() {
                #expect(button.rect.height >= 3, "\(stop.name): button under 3 rows")
                #expect(button.rect.width >= 12, "\(stop.name): button under 12 columns")
                #expect(button.rect.row > 0 && button.rect.row + button.rect.height <= size.rows)
                #expect(button.rect.column >= 0 && button.rect.column + button.rect.width <= size.columns)
                for other in buttons[(index + 1)...] { #expect(!button.rect.intersects(other.rect), "\(stop.name): buttons overlap") }
                // Each button shows its keypad digit and the start of its label.
                let choice = stop.screen.choices[index]
                let inside = rows[min(rows.count, button.rect.row)..<min(rows.count, button.rect.row + button.rect.height)].joined()
                #expect(inside.contains(String(choice.label[language].prefix(2))), "\(stop.name): label of \(choice.id) not on its button")
                if let key = choice.key { #expect(inside.contains("\(key)  "), "\(stop.name): key \(key) not shown") }
            }
            #expect(frame.region(for: .language) != nil)
        }
    }

    /// No laid-out screen, at any size, in either language, shows a full ID number or a full name.
    @Test func noScreenShowsAnUnmaskedIDNumberOrName() throws {
        let secrets = try Fixtures.citizens().flatMap { [$0.identity.documentNumber.unmaskedValue, $0.identity.name] }
        for language in Language.allCases {
            for stop in try ScreenTour.stops(language) {
                for size in Self.sizes {
                    let text = ScreenLayout(size: size, status: Self.status).frame(for: stop.screen).textRows.joined(separator: "\n")
                    for secret in secrets { #expect(!text.contains(secret), "\(stop.name) at \(size)") }
                }
            }
        }
        // Even a screen built wrongly, with the full number in it, is drawn masked.
        let leaky = Screen(
            kind: .preview, language: .zh, title: LocalizedText(verbatim: "330203198504123518"),
            lines: [ScreenLine(LocalizedText(verbatim: "号码330203198504123518"), label: LocalizedText(verbatim: "ID"))])
        let text = ScreenLayout(size: TerminalSize(columns: 80, rows: 24), status: Self.status).frame(for: leaky).textRows.joined()
        #expect(!text.contains("330203198504123518"))
        #expect(text.contains("330203********3518"))
    }

    @Test func buttonsGrowOnALargeTerminalAndWrapLongEnglishLabels() throws {
        let menu = try #require(try ScreenTour.stops(.en).first { $0.name == "service-menu" }?.screen)
        let small = ScreenLayout(size: TerminalSize(columns: 80, rows: 24), status: Self.status).frame(for: menu)
        let large = ScreenLayout(size: TerminalSize(columns: 160, rows: 48), status: Self.status).frame(for: menu)
        let smallButton = try #require(small.region(for: .choice(.service("social-insurance-proof"))))
        let largeButton = try #require(large.region(for: .choice(.service("social-insurance-proof"))))
        #expect(largeButton.rect.height >= 5)
        #expect(largeButton.rect.width > smallButton.rect.width)
        // "1  Social insurance contribution proof" does not fit one line of a third of 80 columns: it wraps, whole.
        let text = small.textRows[smallButton.rect.row..<(smallButton.rect.row + smallButton.rect.height)].joined(separator: " ")
        #expect(text.contains("Social insurance") && text.contains("proof"))
        #expect(!text.contains("…"))
    }

    @Test func aTerminalTooSmallSaysSoAndOffersNoButtons() throws {
        let preview = try #require(try ScreenTour.stops(.zh).first { $0.name == "preview-proof" }?.screen)
        let frame = ScreenLayout(size: TerminalSize(columns: 30, rows: 10), status: Self.status).frame(for: preview)
        #expect(frame.textRows.contains { $0.contains("Screen too small") })
        #expect(frame.regions.isEmpty)
        #expect(!frame.textRows.joined().contains("测"))
    }

    @Test func aBodyTooLongIsCutWithAVisibleMarker() {
        let lines = (1...40).map { ScreenLine(LocalizedText(zh: "第 \($0) 行", en: "Line \($0)"), label: LocalizedText(verbatim: "#\($0)")) }
        let screen = Screen(
            kind: .preview, language: .en, title: LocalizedText(verbatim: "Long"), lines: lines,
            choices: [ScreenChoice(id: .finish, label: LocalizedText(zh: "完成", en: "Done"), style: .primary, key: "1")])
        let rows = ScreenLayout(size: TerminalSize(columns: 80, rows: 24), status: Self.status).frame(for: screen).textRows
        #expect(rows.contains { $0.contains("more lines not shown") })
        #expect(rows.contains { $0.contains("1  Done") })
    }

    @Test func statusLineShowsKioskTimeAndNotices() throws {
        let idle = try #require(try ScreenTour.stops(.zh).first { $0.name == "idle-printer-out-of-paper" }?.screen)
        let status = ScreenLayout(size: TerminalSize(columns: 80, rows: 24), status: Self.status).frame(for: idle).textRows[0]
        #expect(status.hasPrefix(" TEST-01"))
        #expect(status.hasSuffix("2026-11-26 09:30"))
        #expect(status.contains("打印机缺纸"))
    }

    @Test func progressBarFillsWithThePagesPrinted() throws {
        let stops = try ScreenTour.stops(.zh)
        let half = try #require(stops.first { $0.name == "printing-progress" }?.screen)
        let rows = ScreenLayout(size: TerminalSize(columns: 80, rows: 24), status: Self.status).frame(for: half).textRows
        let bar = try #require(rows.first { $0.contains("█") })
        let done = bar.filter { $0 == "█" }.count
        let remaining = bar.filter { $0 == "░" }.count
        #expect(done > 0 && abs(done - remaining) <= 1)
        #expect(rows.contains { $0.contains("第 1/2 页") })

        // Unknown page count: a block that moves as the phase advances.
        let preparing = try #require(stops.first { $0.name == "printing-preparing" }?.screen)
        let first = ScreenLayout(size: TerminalSize(columns: 80, rows: 24), status: Self.status, animationPhase: 0).frame(for: preparing).textRows
        let later = ScreenLayout(size: TerminalSize(columns: 80, rows: 24), status: Self.status, animationPhase: 3).frame(for: preparing).textRows
        #expect(first != later)
    }

    @Test func idleShowsTheTitleInBothLanguages() throws {
        let idle = try #require(try ScreenTour.stops(.zh).first { $0.name == "idle" }?.screen)
        let text = ScreenLayout(size: TerminalSize(columns: 80, rows: 24), status: Self.status).frame(for: idle).textRows.joined(separator: "\n")
        #expect(text.contains("请将身份证放在感应区"))
        #expect(text.contains("Place your ID card on the reader"))
        #expect(text.contains("* English"))
    }

    @Test func aPressedButtonIsDrawnPressed() throws {
        let preview = try #require(try ScreenTour.stops(.zh).first { $0.name == "preview-proof" }?.screen)
        let layout = ScreenLayout(size: TerminalSize(columns: 80, rows: 24), status: Self.status, pressed: .choice(.print))
        let frame = layout.frame(for: preview)
        let button = try #require(frame.region(for: .choice(.print)))
        #expect(frame.fills.contains { $0.rect == button.rect && $0.style == .pressedButton })
    }
}

import Foundation
import KioskCore
import KioskScreens
import KioskTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The screen process in a real terminal: every screen of a visit, in both languages, at 80×24
/// and 160×48, driven by keypad keys and touches (SGR mouse reports) and fed by a real session.
@Suite("Kiosk screens in tmux", .serialized)
struct KioskScreensInTmuxTests {
    static let standard = TerminalSize(columns: 80, rows: 24)
    static let large = TerminalSize(columns: 160, rows: 48)

    /// Full ID numbers and full names of every synthetic citizen: none may ever be on the terminal.
    static func personalData() throws -> [String] {
        try Fixtures.citizens().flatMap { [$0.identity.documentNumber.unmaskedValue, $0.identity.name] }
    }

    static func reading(_ key: String) throws -> SessionEvent { .cardRead(try ScreenTour.reading(key)) }

    @Test(arguments: [standard, large], Language.allCases)
    func everyScreenOfEveryVisit(size: TerminalSize, language: Language) async throws {
        let kiosk = try await KioskScreenRig(size: size)
        defer { kiosk.stop() }
        try await kiosk.show()
        try await kiosk.use(language)
        let words = language == .zh ? "请将身份证放在感应区" : "Place your ID card on the reader"
        #expect(try await kiosk.show("01-idle").contains { $0.contains(words) })

        // A card is read, then refused: the reason in plain words; OK by touch.
        kiosk.harness.send(.cardPresented)
        try await kiosk.show("02-reading")
        kiosk.harness.send(try Self.reading("delta"))
        let rejected = try await kiosk.show("03-card-rejected")
        #expect(rejected.joined().contains(language == .zh ? "您的证件已过有效期" : "Your card has expired"))
        #expect(try await kiosk.tap(.choice(.finish)) == .choiceSelected(.finish))
        try await kiosk.show()

        // A proof: menu by keypad digit, preview with masked data, Enter prints, progress, collect.
        try await kiosk.use(language)
        kiosk.harness.send(try Self.reading("alpha"))
        let menu = try await kiosk.show("04-service-menu")
        #expect(menu.joined().contains("330203********3518"))
        #expect(try await kiosk.press("1") == .choiceSelected(.service("social-insurance-proof")))
        let request = try #require(kiosk.harness.log.recordsRequest)
        try await kiosk.show("05-fetching")
        kiosk.harness.send(.recordsFetched(request.sessionID, try ScreenTour.records("alpha", .socialInsurance)))
        let preview = try await kiosk.show("06-preview-proof")
        #expect(preview.joined().contains("测*"))
        #expect(try await kiosk.press("Enter") == .choiceSelected(.print))
        try await kiosk.show("07-printing-preparing")
        let transaction = TransactionID(session: request.sessionID)
        kiosk.harness.send(.printProgress(transaction, completed: 1, total: 2))
        let printing = try await kiosk.show("08-printing-progress")
        #expect(printing.contains { $0.contains("█") && $0.contains("░") })
        kiosk.harness.send(.certificatePrinted(transaction))
        let collect = try await kiosk.show("09-collect")
        #expect(collect.joined().contains(language == .zh ? "请取走证明和身份证" : "Take your document and your ID card"))
        #expect(!collect.joined().contains("3518") && !collect.joined().contains("测*"), "the citizen's data is gone from the screen")
        #expect(try await kiosk.tap(.choice(.finish)) == .choiceSelected(.finish))
        try await kiosk.show()

        // A fine paid partly in cash, then stopped: amounts, accepted notes, a voucher.
        try await kiosk.use(language)
        kiosk.harness.send(try Self.reading("alpha"))
        try await kiosk.show()
        #expect(try await kiosk.tap(.choice(.service("traffic-fine-payment"))) == .choiceSelected(.service("traffic-fine-payment")))
        let fineRequest = try #require(kiosk.harness.log.compactMap(\.recordsRequest).last)
        try await kiosk.show()
        kiosk.harness.send(.recordsFetched(fineRequest.sessionID, try ScreenTour.records("alpha", .trafficViolations)))
        try await kiosk.show("10-preview-payment")
        #expect(try await kiosk.press("1") == .choiceSelected(.payCash))
        let cash = try await kiosk.show("11-payment-cash")
        #expect(cash.joined().contains("¥350.00"))
        #expect(cash.joined().contains("10 / 20 / 50 / 100"))
        let fine = TransactionID(session: fineRequest.sessionID)
        kiosk.harness.send(.noteEscrowed(fine, .yuan(100)))
        kiosk.harness.send(.noteCredited(fine, .yuan(100)))
        let partly = try await kiosk.show("12-payment-cash-partly-paid")
        #expect(partly.joined().contains("¥250.00"))
        #expect(try await kiosk.press("Escape") == .choiceSelected(.cancel))
        try await kiosk.show("13-printing-voucher")
        kiosk.harness.send(.receiptPrinted(fine))
        try await kiosk.show("14-collect-voucher")
        #expect(try await kiosk.press("Enter") == .choiceSelected(.finish))
        try await kiosk.show()

        // An endorsement fee by payment code.
        try await kiosk.use(language)
        kiosk.harness.send(try Self.reading("bravo"))
        try await kiosk.show()
        #expect(try await kiosk.press("5") == .choiceSelected(.service("exit-entry-endorsement-fee")))
        let feeRequest = try #require(kiosk.harness.log.compactMap(\.recordsRequest).last)
        kiosk.harness.send(.recordsFetched(feeRequest.sessionID, try ScreenTour.records("bravo", .exitEntry)))
        try await kiosk.show()
        #expect(try await kiosk.tap(.choice(.payCode)) == .choiceSelected(.payCode))
        let code = try await kiosk.show("15-payment-code")
        #expect(code.joined().contains(language == .zh ? "付款码" : "payment code"))
        let fee = TransactionID(session: feeRequest.sessionID)
        kiosk.harness.send(.paymentCodeSucceeded(fee, .yuan(15)))
        try await kiosk.show()
        kiosk.harness.send(.receiptPrinted(fee))
        try await kiosk.show()
        #expect(try await kiosk.press("1") == .choiceSelected(.finish))
        try await kiosk.show()

        // The records source is down: an error screen that leads back to the start.
        try await kiosk.use(language)
        kiosk.harness.send(try Self.reading("alpha"))
        try await kiosk.show()
        #expect(try await kiosk.press("2") == .choiceSelected(.service("household-registration-proof")))
        let failing = try #require(kiosk.harness.log.compactMap(\.recordsRequest).last)
        kiosk.harness.send(.recordsUnavailable(failing.sessionID, .sourceUnavailable("HTTP 503")))
        try await kiosk.show("16-error")
        #expect(try await kiosk.tap(.choice(.finish)) == .choiceSelected(.finish))
        #expect(kiosk.harness.state == .idle)
        try await kiosk.show()

        // Devices fail: first the proofs go (a notice on the status line), then the whole kiosk.
        kiosk.harness.send(.deviceUsabilityChanged(.certificatePrinter, .unusable(LocalizedText(zh: "打印机缺纸", en: "The printer is out of paper"))))
        try await kiosk.use(language)
        let notice = try await kiosk.show("17-idle-printer-out-of-paper")
        #expect(notice[0].contains(language == .zh ? "打印机缺纸" : "The printer is out of paper"))
        kiosk.harness.send(.deviceUsabilityChanged(.idCardReader, .unusable(LocalizedText(zh: "读卡器故障", en: "The card reader is not working"))))
        let outOfService = try await kiosk.show("18-out-of-service")
        #expect(outOfService.joined().contains(language == .zh ? "读卡器故障" : "The card reader is not working"))

        let secrets = try Self.personalData()
        for capture in kiosk.captures {
            for secret in secrets { #expect(!capture.joined(separator: "\n").contains(secret), "personal data on screen") }
        }
    }

    @Test func resizingInTheMiddleOfAVisitRedrawsAndKeepsTouchesWorking() async throws {
        let kiosk = try await KioskScreenRig(size: Self.standard)
        defer { kiosk.stop() }
        kiosk.harness.send(try Self.reading("alpha"))
        try await kiosk.show()
        #expect(try await kiosk.press("1") == .choiceSelected(.service("social-insurance-proof")))
        let request = try #require(kiosk.harness.log.recordsRequest)
        kiosk.harness.send(.recordsFetched(request.sessionID, try ScreenTour.records("alpha", .socialInsurance)))
        try await kiosk.show()

        // Bigger: the screen process redraws for the new size on its own (no new screen is sent).
        try await kiosk.resize(to: TerminalSize(columns: 120, rows: 40))
        try await kiosk.waitFor(kiosk.expectedRows(kiosk.shown))
        // Too small for anything: says so, and shows no citizen data.
        try await kiosk.resize(to: TerminalSize(columns: 36, rows: 10))
        let tiny = try await kiosk.waitFor(kiosk.expectedRows(kiosk.shown))
        #expect(tiny.joined().contains("Screen too small"))
        #expect(!tiny.joined().contains("3518"))
        // Back to 80×24 and touch "other services" where it now is.
        try await kiosk.resize(to: Self.standard)
        try await kiosk.waitFor(kiosk.expectedRows(kiosk.shown))
        #expect(try await kiosk.tap(.choice(.otherServices)) == .choiceSelected(.otherServices))
        try await kiosk.show()
        try await kiosk.resize(to: Self.large)
        try await kiosk.waitFor(kiosk.expectedRows(kiosk.shown))
        #expect(try await kiosk.tap(.language) == .languageToggled)
        let english = try await kiosk.show("19-service-menu-after-resize-from-80x24")
        #expect(english.joined().contains("Choose a service"))
    }

    @Test func inputThatMeansNothingSendsNothing() async throws {
        let kiosk = try await KioskScreenRig(size: Self.standard)
        defer { kiosk.stop() }
        kiosk.harness.send(try Self.reading("alpha"))
        kiosk.harness.send(.choiceSelected(.service("social-insurance-proof")))
        let request = try #require(kiosk.harness.log.recordsRequest)
        kiosk.harness.send(.recordsFetched(request.sessionID, try ScreenTour.records("alpha", .socialInsurance)))
        let rows = try await kiosk.show()
        // Keys with no button, arrows, function keys, letters; a right click; a tap beside every button;
        // a press on one button released on another.
        try await kiosk.tmux.sendKeys("9", "x", "Up", "F5", "Tab", "BSpace")
        try await kiosk.tmux.sendBytes(Array("\u{1B}[<2;40;20M\u{1B}[<2;40;20m".utf8))
        try await kiosk.tmux.tap(row: 8, column: 0)
        let frame = ScreenLayout(size: kiosk.size, status: StatusInfo(kioskID: KioskScreenRig.kioskID, time: KioskScreenRig.fixedTime))
            .frame(for: kiosk.shown)
        let print = try #require(frame.region(for: .choice(.print)))
        let exit = try #require(frame.region(for: .choice(.cancel)))
        try await kiosk.tmux.sendBytes(Array("\u{1B}[<0;\(print.rect.column + 2);\(print.rect.row + 2)M\u{1B}[<0;\(exit.rect.column + 2);\(exit.rect.row + 2)m".utf8))
        #expect(try await kiosk.server.inputs(within: .milliseconds(600)).isEmpty)
        #expect(try await kiosk.tmux.capture() == rows)

        // Garbage from the daemon is skipped; the next good screen shows.
        try await kiosk.server.sendRaw(Array("{\"update\":\"explode\"}\nnot json at all\n".utf8))
        kiosk.harness.send(.choiceSelected(.cancel))
        try await kiosk.show()
        #expect(try await kiosk.press("*") == .languageToggled)
    }

    @Test func whenTheDaemonGoesAwayTheCitizensDataLeavesTheScreenAtOnce() async throws {
        let kiosk = try await KioskScreenRig(size: Self.standard)
        defer { kiosk.stop() }
        kiosk.harness.send(try Self.reading("alpha"))
        let menu = try await kiosk.show()
        #expect(menu.joined().contains("测*"))

        kiosk.server.dropConnection()
        let waiting = try await kiosk.waitFor(kiosk.expectedRows(ScreenWords.connecting, offersLanguage: false), name: nil)
        #expect(!waiting.joined().contains("测*") && !waiting.joined().contains("3518"))
        #expect(waiting.joined().contains("请稍候"))
        // Keys mean nothing while no daemon listens; then the screen process reconnects by itself.
        try await kiosk.tmux.sendKeys("1")
        try await kiosk.server.accept()
        kiosk.harness = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        try await kiosk.show()
        #expect(try await kiosk.server.inputs(within: .milliseconds(300)).isEmpty)

        // A blank request shows the status line only.
        try await kiosk.server.send(.blank)
        try await kiosk.waitFor(kiosk.expectedRows(nil))
    }

    @Test func aFullIDNumberSentByMistakeNeverReachesTheTerminal() async throws {
        let kiosk = try await KioskScreenRig(size: Self.standard)
        defer { kiosk.stop() }
        let number = try Fixtures.citizen("alpha").identity.documentNumber.unmaskedValue
        let leaky = Screen(
            kind: .preview, language: .zh, title: LocalizedText(verbatim: "核对"),
            lines: [ScreenLine(LocalizedText(verbatim: number), label: LocalizedText(zh: "证件号码", en: "ID number"))],
            choices: [ScreenChoice(id: .cancel, label: LocalizedText(zh: "退出", en: "Exit"), style: .cancel, key: "0")])
        try await kiosk.server.send(.show(leaky))
        let rows = try await kiosk.waitUntil("the masked number shows") { $0.joined().contains(PersonalDataMask.idNumber(number)) }
        #expect(!rows.joined().contains(number))
    }

    @Test func aTerminalWithoutColoursOrMouseStillWorksByKeypad() async throws {
        let kiosk = try await KioskScreenRig(size: Self.standard, term: "vt100")
        defer { kiosk.stop() }
        kiosk.harness.send(try Self.reading("alpha"))
        try await kiosk.show()
        #expect(try await kiosk.tmux.paneFormat("#{mouse_any_flag}#{mouse_standard_flag}#{mouse_sgr_flag}") == "000")
        let attributes = try await kiosk.tmux.captureWithAttributes()
        #expect(!attributes.contains("44m") && !attributes.contains("43m") && !attributes.contains("103m"), "no colours on a VT100")
        #expect(attributes.contains("\u{1B}[7m"), "reverse video marks the bands and the primary button")
        #expect(try await kiosk.press("0") == .choiceSelected(.cancel))
        try await kiosk.show()
    }

    @Test func aColourTerminalGetsColoursAndSGRMouseReporting() async throws {
        let kiosk = try await KioskScreenRig(size: Self.standard)
        defer { kiosk.stop() }
        try await kiosk.show()
        #expect(try await kiosk.tmux.paneFormat("#{mouse_standard_flag}#{mouse_sgr_flag}") == "11")
        #expect(try await kiosk.tmux.captureWithAttributes().contains("44m"), "the title band is blue")
    }

    @Test func sigtermRestoresTheTerminalAndEnds() async throws {
        let kiosk = try await KioskScreenRig(size: Self.standard)
        defer { kiosk.stop() }
        try await kiosk.show()
        let pid = try #require(Int32(try await kiosk.tmux.paneFormat("#{pane_pid}")))
        kill(pid, SIGTERM)
        // tmux marks the pane dead when the terminal closes and gives the exit status once it has
        // reaped the process; tmux 3.3 sometimes leaves it a zombie for a long while, and then
        // the kernel tells the status instead (/proc/PID/stat field 52, exit_code; proc(5)).
        try await kiosk.waitUntil("the screen process ended") { _ in
            (try? await kiosk.tmux.paneFormat("#{pane_dead}")) == "1" && Self.exitCode(ofZombieOrReaped: pid) != nil
        }
        let tmuxStatus = try await kiosk.tmux.paneFormat("#{pane_dead_status}#{pane_dead_signal}")
        let kernelStatus = Self.exitCode(ofZombieOrReaped: pid)
        #expect(tmuxStatus == "0" || (tmuxStatus.isEmpty && kernelStatus == 0), "tmux: '\(tmuxStatus)', kernel exit_code: \(String(describing: kernelStatus))")
        #expect(try await kiosk.tmux.paneFormat("#{mouse_any_flag}#{alternate_on}") == "00")
    }

    /// The raw wait status of a process that has exited and not yet been reaped (a zombie), 0
    /// for one already reaped (tmux then knows its status), `nil` while it runs.
    static func exitCode(ofZombieOrReaped pid: Int32) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return 0 }
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state); field 52 (exit_code) is fields[49].
        guard fields.first == "Z", fields.count > 49 else { return nil }
        return Int(fields[49].trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

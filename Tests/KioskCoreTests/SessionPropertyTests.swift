import KioskCore
import KioskTestSupport
import PropertyBased
import Testing

/// Random event sequences against the session: it never gets stuck, always comes back to idle
/// holding no identity, and never lets a full document number out.
@Suite("Kiosk session properties")
struct SessionPropertyTests {
    /// Turns a random number into an event that makes sense, or deliberately does not, in the
    /// current state (so random runs reach deep states instead of being ignored at idle).
    static func event(for seed: Int, in harness: SessionHarness, citizens: [SyntheticCitizen], books: [RecordBook]) -> SessionEvent? {
        let pick = seed / 23
        let currentVisit: Visit? = {
            switch harness.state {
            case .serviceMenu(let visit), .fetchingRecords(let visit), .preview(let visit, _), .awaitingPayment(let visit, _),
                .printing(let visit, _):
                return visit
            default: return nil
            }
        }()
        let transaction = currentVisit?.transaction?.id ?? TransactionID(session: SessionID(kioskID: "TEST-01", number: UInt64(pick % 7)))
        let notes: [Money] = [.yuan(1), .yuan(5), .yuan(10), .yuan(20), .yuan(50), .yuan(100)]
        switch seed % 23 {
        case 0, 1:
            let citizen = citizens[pick % citizens.count]
            return .cardRead(CardReading(identity: citizen.identity, citizenKey: CitizenKey(hex: citizen.key)))
        case 2: return .cardPresented
        case 3: return .cardReadFailed(.unreadable("SW3 0x41"))
        case 4, 5, 6:
            let choices = harness.screen.choices
            guard !choices.isEmpty else { return .choiceSelected(.cancel) }
            return .choiceSelected(choices[pick % choices.count].id)
        case 7:
            guard let visit = currentVisit, let service = visit.service else { return .tick }
            let book = books.first { $0.documentNumber == visit.identity.documentNumber }
            if let records = book?.records(from: service.records), pick % 4 != 0 {
                return .recordsFetched(visit.id, records)
            }
            return .recordsUnavailable(visit.id, pick % 2 == 0 ? .notFound : .sourceUnavailable("HTTP 503"))
        case 8: return .noteEscrowed(transaction, notes[pick % notes.count])
        case 9: return .noteCredited(transaction, notes[pick % notes.count])
        case 10: return .paymentCodePending(transaction)
        case 11: return .paymentCodeSucceeded(transaction, currentVisit?.transaction?.remaining ?? .yuan(15))
        case 12: return .paymentCodeFailed(transaction, LocalizedText(verbatim: "declined"))
        case 13: return .paymentDeviceFailed(transaction, LocalizedText(verbatim: "jam"))
        case 14: return .printProgress(transaction, completed: pick % 3, total: 2)
        case 15: return .certificatePrinted(transaction)
        case 16: return .certificatePrintFailed(transaction, PrintFailure(detail: "jam", mayHavePrintedPartially: pick % 2 == 0))
        case 17: return .receiptPrinted(transaction)
        case 18: return .receiptPrintFailed(transaction, PrintFailure(detail: "paper out"))
        case 19:
            let role = DeviceRole.allCases[pick % DeviceRole.allCases.count]
            return .deviceUsabilityChanged(role, pick % 3 == 0 ? .unusable(LocalizedText(verbatim: "fault")) : .usable)
        case 20: return .maintenanceModeChanged(pick % 4 == 0)
        case 21: return .languageToggled
        default: return nil  // time passes
        }
    }

    @Test func randomVisitsAlwaysEndInIdleWithNothingHeld() async throws {
        let catalogue = try Fixtures.catalogue()
        let citizens = try Fixtures.citizens()
        let books = try Fixtures.recordBooks()
        let secrets = citizens.flatMap { [$0.identity.documentNumber.unmaskedValue] + ($0.identity.address.map { [$0] } ?? []) }

        await propertyCheck(count: 300, input: Gen.int(in: 0...100_000).array(of: 1...80), Gen.bool) { seeds, oneSwipe in
            var harness = SessionHarness(catalogue: catalogue, isOneSwipe: oneSwipe)
            var actions: [SessionAction] = harness.log
            for seed in seeds {
                if let event = Self.event(for: seed, in: harness, citizens: citizens, books: books) {
                    actions += harness.send(event)
                } else {
                    actions += harness.advance(by: .seconds(Int64(seed % 150)))
                }
                // Invariant: away from idle there is always a deadline, so nothing waits forever.
                if !harness.session.isResting {
                    #expect(harness.session.deadline != nil, "no deadline in \(harness.state)")
                }
            }
            // Nobody answers anything any more: deadlines alone must bring the kiosk home.
            var steps = 0
            while !harness.session.isResting && steps < 20 {
                actions += harness.advance(by: .seconds(300))
                steps += 1
            }
            #expect(harness.session.isResting, "stuck in \(harness.state)")
            #expect(!harness.session.holdsPersonalData)
            // Everything that can reach a log, a screen or a speaker is masked.
            for action in actions {
                var dumped = ""
                dump(action, to: &dumped)
                for text in [String(describing: action), String(reflecting: action), dumped] {
                    for secret in secrets {
                        #expect(!text.contains(secret), "unmasked personal data in \(action)")
                    }
                }
                if case .show(let screen) = action {
                    for text in screen.allText {
                        for secret in secrets { #expect(!text.contains(secret)) }
                    }
                }
            }
        }
    }

    @Test func everyStartedVisitEndsExactlyOnce() async throws {
        let catalogue = try Fixtures.catalogue()
        let citizens = try Fixtures.citizens()
        let books = try Fixtures.recordBooks()
        await propertyCheck(count: 200, input: Gen.int(in: 0...100_000).array(of: 1...60)) { seeds in
            var harness = SessionHarness(catalogue: catalogue)
            for seed in seeds {
                if let event = Self.event(for: seed, in: harness, citizens: citizens, books: books) {
                    harness.send(event)
                } else {
                    harness.advance(by: .seconds(Int64(seed % 150)))
                }
            }
            for _ in 0..<20 where !harness.session.isResting { harness.advance(by: .seconds(300)) }
            var started: [SessionID: Int] = [:]
            var ended: [SessionID: Int] = [:]
            for case .journal(let entry) in harness.log {
                switch entry.event {
                case .sessionStarted, .cardRejected: started[entry.sessionID, default: 0] += 1
                case .sessionEnded: ended[entry.sessionID, default: 0] += 1
                default: break
                }
            }
            #expect(started == ended)
            #expect(ended.values.allSatisfy { $0 == 1 })
            let endSessions = harness.log.compactMap { if case .endSession(let id) = $0 { id } else { nil } }
            #expect(Set(endSessions) == Set(ended.keys))
        }
    }
}

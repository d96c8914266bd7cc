import KioskDaemon
import Logging
import Synchronization
import Testing

@Suite("Daemon logging")
struct JournaldLogHandlerTests {
    @Test func linesCarryPriorityLabelAndMaskedNumbers() {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "onetripd.session") { label in
            JournaldLogHandler(label: label, level: .debug) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "kiosk"] = "HS-0001"
        logger.warning("card rejected 330203198504123518", metadata: ["number": "USA330283052001", "reason": "expired card"])
        logger.critical("journal write failed")
        let written = lines.withLock { $0 }
        #expect(written[0] == "<4>onetripd.session: card rejected 330203********3518 kiosk=HS-0001 number=USA********2001 reason=\"expired card\"\n")
        #expect(written[1].hasPrefix("<2>onetripd.session: journal write failed"))
    }

    @Test func ordinaryNumbersAreLeftAlone() {
        #expect(PersonalDataScrubber.scrub("job 1234 took 15 ms; seq 100000") == "job 1234 took 15 ms; seq 100000")
        #expect(PersonalDataScrubber.scrub("id=11010519491231002X.") == "id=110105********002X.")
    }
}

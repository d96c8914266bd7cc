import OneTripConfiguration
import Testing

@Suite("TOML reader")
struct TOMLDocumentTests {
    @Test func readsTablesKeysAndLines() throws {
        let document = try TOMLDocument(
            text: """
                # OneTrip configuration
                [kiosk]
                id = "HS-0001"   # printed on receipts
                office = '宁波市公安局海曙分局示例派出所'
                one_swipe = true

                [devices.receipt_printer]
                port = 9_100
                ratio = 0.5
                notes = ["10.00", "20.00"]
                "quoted key" = "a\\tb\\u00e9"
                """, file: "onetrip.toml")
        #expect(document.values["kiosk.id"] == TOMLValue(.string("HS-0001"), line: 3))
        #expect(document.values["kiosk.office"]?.kind == .string("宁波市公安局海曙分局示例派出所"))
        #expect(document.values["kiosk.one_swipe"]?.kind == .boolean(true))
        #expect(document.values["devices.receipt_printer.port"] == TOMLValue(.integer(9100), line: 8))
        #expect(document.values["devices.receipt_printer.ratio"]?.kind == .float(0.5))
        #expect(document.values["devices.receipt_printer.notes"]?.kind == .array([TOMLValue(.string("10.00"), line: 10), TOMLValue(.string("20.00"), line: 10)]))
        #expect(document.values["devices.receipt_printer.quoted key"]?.kind == .string("a\tbé"))
        #expect(document.tables["devices.receipt_printer"] == 7)
        #expect(document.keys(under: "kiosk") == ["id", "office", "one_swipe"])
    }

    @Test(arguments: [
        ("[kiosk]\nid = HS-0001", "onetrip.toml:2: : 'HS-0001' is not a value (strings need quotes: \"HS-0001\")"),
        ("[kiosk]\nid = \"a\"\nid = \"b\"", "onetrip.toml:3: kiosk.id: key set twice (first on line 2)"),
        ("[a]\n[a]", "onetrip.toml:2: a: table defined twice (first on line 1)"),
        ("x = \"open", "onetrip.toml:1: : unterminated string"),
        ("x = {a = 1}", "onetrip.toml:1: : inline tables are not supported; use a [table] section"),
        ("[[devices]]", "onetrip.toml:1: : arrays of tables ([[...]]) are not used in OneTrip configuration"),
        ("x = 1 2", "onetrip.toml:1: x: unexpected text after the value"),
        ("x = [1, 2", "onetrip.toml:1: : expected ',' or ']' in array (arrays must be on one line)"),
        ("= 3", "onetrip.toml:1: : expected a key"),
    ])
    func malformedInputNamesTheLine(text: String, expected: String) {
        do {
            _ = try TOMLDocument(text: text, file: "onetrip.toml")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description == expected)
        }
    }
}

@Suite("Configuration sections")
struct ConfigurationSectionTests {
    let document = try! TOMLDocument(
        text: """
            [session]
            menu_timeout = "60s"
            voucher_limit = "100.00"
            overpayment = "voucher"
            retries = 3
            [uplink]
            url = 42
            """, file: "/etc/onetrip/onetrip.toml")

    enum Policy: String, CaseIterable { case voucher, reject }

    @Test func typedAccessors() throws {
        let session = ConfigurationSection(self.document, table: "session")
        #expect(try session.duration("menu_timeout") == .seconds(60))
        #expect(try session.money("voucher_limit") == .yuan(100))
        #expect(try session.choice("overpayment", as: Policy.self) == .voucher)
        #expect(try session.integer("retries", in: 0...5) == 3)
        #expect(try session.string("absent") == nil)
        #expect(ConfigurationSection.parseDuration("180d") == .seconds(180 * 86400))
    }

    @Test func errorsNameFileLineAndKey() {
        let session = ConfigurationSection(self.document, table: "session")
        #expect(throws: ConfigurationError(file: "/etc/onetrip/onetrip.toml", line: 5, key: "session.retries", message: "3 is out of range 0…2")) {
            _ = try session.integer("retries", in: 0...2)
        }
        #expect(throws: ConfigurationError(file: "/etc/onetrip/onetrip.toml", line: 7, key: "uplink.url", message: "expected a string, found integer")) {
            _ = try ConfigurationSection(self.document, table: "uplink").string("url")
        }
        #expect(throws: ConfigurationError(file: "/etc/onetrip/onetrip.toml", line: 2, key: "session.menu_timeout", message: "unknown key (expected one of: overpayment, retries, voucher_limit)")) {
            try session.rejectUnknownKeys(["overpayment", "retries", "voucher_limit"])
        }
        #expect(throws: ConfigurationError(file: "/etc/onetrip/onetrip.toml", line: 1, key: "session.missing", message: "required key is missing")) {
            _ = try session.requiredString("missing")
        }
    }
}

@Suite("Kiosk configuration")
struct KioskConfigurationTests {
    static let sample = """
        [kiosk]
        id = "HS-0001"
        office = "宁波市公安局海曙分局示例派出所"
        data_directory = "/var/lib/onetrip"

        [session]
        menu_timeout = "45s"
        overpayment = "voucher"
        voucher_limit = "50.00"

        [devices.receipt_printer]
        profile = "escpos-80mm-generic"
        path = "/dev/usb/lp0"

        [devices.certificate_printer]
        profile = "a4-laser-cups"
        cups_server = "/run/cups/cups.sock"

        [uplink]
        url = "https://hub.example.invalid:8443"
        key_file = "/etc/onetrip/uplink.key"
        """

    @Test func aCompleteFileLoads() throws {
        let configuration = try KioskConfiguration(document: TOMLDocument(text: Self.sample, file: "onetrip.toml"))
        #expect(configuration.kiosk.id == "HS-0001")
        #expect(configuration.kiosk.timeZone == "Asia/Shanghai")
        #expect(configuration.session.timeouts.serviceMenu == .seconds(45))
        #expect(configuration.session.overpayment == .creditAsVoucher(limit: .yuan(50)))
        #expect(configuration.devices[.receiptPrinter]?.path == "/dev/usb/lp0")
        #expect(configuration.devices[.certificatePrinter]?.cupsServer == "/run/cups/cups.sock")
        #expect(configuration.devices[.idCardReader] == nil)
        #expect(configuration.records.provider == .embedded)
        #expect(configuration.privacy.citizenKeyFile == "/var/lib/onetrip/citizen.key")
    }

    @Test(arguments: [
        ("id = \"HS-0001\"", "id = \"HS 0001\"", "onetrip.toml:2: kiosk.id: 'HS 0001' must be 1–16 letters, digits or '-'"),
        ("menu_timeout = \"45s\"", "menu_timeout = \"45\"", "onetrip.toml:7: session.menu_timeout: '45' is not a duration"),
        ("menu_timeout = \"45s\"", "menu_timout = \"45s\"", "onetrip.toml:7: session.menu_timout: unknown key"),
        ("path = \"/dev/usb/lp0\"", "path = \"/dev/usb/lp0\"\nhost = \"10.0.0.5\"", "onetrip.toml:14: devices.receipt_printer.host: give either path"),
        ("[devices.receipt_printer]", "[devices.receipt_printr]", "onetrip.toml:11: devices.receipt_printr: unknown section"),
        ("key_file = \"/etc/onetrip/uplink.key\"", "", "onetrip.toml:19: uplink.key_file: required when url is set"),
        ("voucher_limit = \"50.00\"", "voucher_limit = 50", "onetrip.toml:9: session.voucher_limit: expected a string, found integer"),
    ])
    func mistakesNameTheLineAndKey(original: String, replacement: String, expected: String) {
        let text = Self.sample.replacingOccurrences(of: original, with: replacement)
        do {
            _ = try KioskConfiguration(document: TOMLDocument(text: text, file: "onetrip.toml"))
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }
}
